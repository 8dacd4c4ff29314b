//! Checks by external validators: qpdf, poppler (pdftotext, pdffonts) and veraPDF on the PDFs,
//! EPUBCheck and Ace on the EPUBs. Its own harness (libtest-mimic) so that a check whose tool is missing shows as
//! ignored in the summary, never as passed; `-- --include-ignored` runs it anyway (and it fails
//! for want of the tool). With `QUIRE_REQUIRE_VALIDATORS=1` every check runs.

#[path = "validators/authors.rs"]
mod authors;
#[path = "validators/booklet.rs"]
mod booklet;
#[path = "epub/books.rs"]
mod books;
mod common;
#[path = "validators/epub.rs"]
mod epub;
#[path = "validators/init.rs"]
mod init;
#[path = "validators/links.rs"]
mod links;
#[path = "validators/mdbook.rs"]
mod mdbook;
#[path = "epub/page_books.rs"]
mod page_books;
#[path = "validators/page_list.rs"]
mod page_list;
#[path = "validators/pdf.rs"]
mod pdf;
#[path = "validators/pdf_writer.rs"]
mod pdf_writer;
#[path = "validators/press.rs"]
mod press;
#[path = "pdf/read.rs"]
mod read;
#[path = "validators/tagged.rs"]
mod tagged;
#[path = "validators/verapdf.rs"]
mod verapdf;

use std::collections::BTreeMap;

use libtest_mimic::{Arguments, Trial};

/// One check and the tools it runs.
pub struct Check {
    pub name: &'static str,
    pub tools: &'static [&'static str],
    pub run: fn(),
}

/// `check!(function, "tool", ...)`: a [`Check`] named after its function.
#[macro_export]
macro_rules! check {
    ($run:ident, $($tool:literal),+) => {
        $crate::Check {
            name: stringify!($run),
            tools: &[$($tool),+],
            run: $run,
        }
    };
}

fn main() {
    let args = Arguments::from_args();
    let required = common::validators_required();
    let groups: [(&str, &[Check]); 12] = [
        ("authors", authors::CHECKS),
        ("booklet", booklet::CHECKS),
        ("epub", epub::CHECKS),
        ("init", init::CHECKS),
        ("links", links::CHECKS),
        ("mdbook", mdbook::CHECKS),
        ("page_list", page_list::CHECKS),
        ("pdf", pdf::CHECKS),
        ("pdf_writer", pdf_writer::CHECKS),
        ("press", press::CHECKS),
        ("tagged", tagged::CHECKS),
        ("verapdf", verapdf::CHECKS),
    ];
    let mut found: BTreeMap<&str, bool> = BTreeMap::new();
    let mut trials = Vec::new();
    for (group, checks) in groups {
        for check in checks {
            let missing = check.tools.iter().any(|tool| {
                !*found
                    .entry(tool)
                    .or_insert_with(|| common::tool_found(tool))
            });
            let run = check.run;
            let trial = Trial::test(format!("{group}::{}", check.name), move || {
                run();
                Ok(())
            });
            trials.push(trial.with_ignored_flag(missing && !required));
        }
    }
    let missing: Vec<&str> = found
        .iter()
        .filter(|(_, f)| !**f)
        .map(|(t, _)| *t)
        .collect();
    if !missing.is_empty() && !required {
        eprintln!(
            "notice: not found: {}; the checks needing them are ignored",
            missing.join(", ")
        );
    }
    libtest_mimic::run(&args, trials).exit();
}
