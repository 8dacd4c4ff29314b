//! veraPDF, through the project's front end (`.ci/verapdf/QuireVerapdf.java`, installed by
//! `.ci/install-validators` as `.verapdf/bin/verapdf`): the rules a PDF fails against veraPDF's
//! profiles (PDF/UA-1 `ua1`, PDF/A-2 `2a`, `2b`, `2u`...), and the checks on quire's PDFs.

use std::path::Path;

use crate::common;
use crate::read::guide_pdf;
use crate::{Check, check};

pub const CHECKS: &[Check] = &[check!(
    the_guide_and_the_mini_book_meet_pdf_a_2u_and_2b,
    "verapdf"
)];

/// One rule veraPDF found broken, with how many of its checks failed.
#[derive(Debug)]
pub struct FailedRule {
    pub flavour: String,
    pub rule: String,
    pub checks: u64,
    pub description: String,
}

/// The rules `pdf` fails against each of `flavours` (veraPDF ids separated by commas, e.g.
/// `"ua1,2a,2u"`, checked in one run). Panics when veraPDF cannot run or read the file, or
/// does not report every flavour asked for.
pub fn validate(pdf: &Path, flavours: &str) -> Vec<FailedRule> {
    let out = common::run_tool("verapdf", [flavours.as_ref(), pdf.as_os_str()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "veraPDF failed on {}: {}{stdout}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut failed = Vec::new();
    let mut reported = Vec::new();
    let mut flavour = String::new();
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["result", id, _, _] => {
                flavour = id.to_string();
                reported.push(flavour.clone());
            }
            ["rule", rule, checks, description] => failed.push(FailedRule {
                flavour: flavour.clone(),
                rule: rule.to_string(),
                checks: checks.parse().expect("a count of checks"),
                description: description.to_string(),
            }),
            _ => panic!("unexpected line from veraPDF: {line:?}"),
        }
    }
    let asked: Vec<&str> = flavours.split(',').collect();
    assert_eq!(reported, asked, "veraPDF reported every flavour asked for");
    failed
}

/// Fails, listing the broken rules, unless `pdf` meets every one of `flavours`.
pub fn assert_conforms(pdf: &Path, flavours: &str) {
    let failed = validate(pdf, flavours);
    let listing: Vec<String> = failed
        .iter()
        .map(|f| {
            format!(
                "{} {} ({} checks): {}",
                f.flavour, f.rule, f.checks, f.description
            )
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} breaks {} veraPDF rules:\n{}",
        pdf.display(),
        failed.len(),
        listing.join("\n")
    );
}

/// Every PDF claims PDF/A-2u in its XMP metadata (src/pdf/write/postpass.rs): the guide (no
/// images) and the mini book (images, code, tables, footnotes) keep that claim.
fn the_guide_and_the_mini_book_meet_pdf_a_2u_and_2b() {
    assert_conforms(&guide_pdf().0, "2u,2b");
    let mini = common::build("pdf", "tests/fixtures/mini", "verapdf-mini", &[]);
    assert_conforms(&mini, "2u,2b");
}
