//! The fixture of what authors put in books (`tests/fixtures/authors`: highlighted code,
//! numbered figures, SVG images), built once by the quire binary for every check here.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::epub::{ace, epubcheck};
use crate::verapdf::assert_conforms;
use crate::{Check, check, common};

pub const CHECKS: &[Check] = &[
    check!(the_authors_fixture_meets_pdf_ua_1_and_pdf_a_2a, "verapdf"),
    check!(the_authors_fixtures_code_copies_as_its_text, "pdftotext"),
    check!(the_authors_fixtures_epub_passes_epubcheck, "epubcheck"),
    check!(ace_finds_nothing_in_the_authors_fixtures_epub, "ace"),
];

/// The fixture's PDF and EPUB, built once with `quire build`.
fn built() -> &'static (PathBuf, Vec<u8>) {
    static BUILT: OnceLock<(PathBuf, Vec<u8>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = common::temp_dir("validators-authors");
        let book = common::repo_root().join("tests/fixtures/authors");
        let out = dir.join("out");
        common::quire_succeeds(
            &dir,
            &["build", book.to_str().unwrap(), "-o", out.to_str().unwrap()],
        );
        let name = "what-authors-put-in-books";
        let epub = std::fs::read(out.join(format!("{name}.epub"))).expect("the EPUB");
        (out.join(format!("{name}.pdf")), epub)
    })
}

fn the_authors_fixture_meets_pdf_ua_1_and_pdf_a_2a() {
    assert_conforms(&built().0, "ua1,2a");
}

/// The highlighted code, set piece by piece in its colours, reads back as its lines.
fn the_authors_fixtures_code_copies_as_its_text() {
    let pdf = built().0.as_os_str();
    let out = common::run_tool("pdftotext", ["-layout".as_ref(), pdf, "-".as_ref()]);
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "fn flag(result: f32, low: f32, high: f32) -> Option<&'static str>",
        "def flag(result, low, high):",
        "# The reference range of glucose.",
        "units = \"mmol/L\"",
        "-- Every flagged result of the day.",
    ] {
        assert!(
            text.contains(line),
            "{line:?} not in the PDF's text:\n{text}"
        );
    }
}

fn the_authors_fixtures_epub_passes_epubcheck() {
    epubcheck("authors", &built().1);
}

fn ace_finds_nothing_in_the_authors_fixtures_epub() {
    ace("authors", &built().1);
}
