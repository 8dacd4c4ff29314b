//! The tagged PDF against veraPDF's PDF/UA-1, PDF/A-2a and PDF/A-2u profiles and the `pdfua`
//! checker, on the guide at each paper size, the 10x book, the construct fixture and the
//! accessibility fixture (nested lists, a table with a header row, figures with alternative
//! text, footnotes, code, quotes, links inside and outside the book); and the text poppler
//! copies from a hyphenated word.

use std::path::PathBuf;

use crate::common;
use crate::read::guide_pdf;
use crate::verapdf::assert_conforms;
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(
        the_guide_meets_pdf_ua_1_and_pdf_a_2a_on_every_paper,
        "verapdf"
    ),
    check!(the_fixtures_meet_pdf_ua_1_and_pdf_a_2a, "verapdf"),
    check!(the_10x_book_meets_pdf_ua_1_and_pdf_a_2a, "verapdf", "pdfua"),
    check!(pdfua_finds_no_error_in_the_guide_and_the_fixtures, "pdfua"),
    check!(an_untagged_pdf_still_meets_pdf_a_2u, "verapdf"),
    check!(a_hyphenated_word_copies_whole, "pdftotext"),
];

/// The profiles a tagged PDF meets.
const TAGGED: &str = "ua1,2a,2u";

fn the_guide_meets_pdf_ua_1_and_pdf_a_2a_on_every_paper() {
    assert_conforms(&guide_pdf().0, TAGGED);
    for paper in ["a4", "letter"] {
        let name = format!("tagged-guide-{paper}");
        let pdf = common::build("pdf", "book", &name, &["--paper", paper]);
        assert_conforms(&pdf, TAGGED);
    }
}

fn the_fixtures_meet_pdf_ua_1_and_pdf_a_2a() {
    for (book, name) in [
        ("tests/fixtures/mini", "tagged-mini"),
        ("tests/fixtures/accessible", "tagged-accessible"),
        // Parts, chapters nested in chapters, fenced divs, spans, inline HTML.
        ("tests/fixtures/mdbook", "tagged-mdbook"),
    ] {
        assert_conforms(&common::build("pdf", book, name, &[]), TAGGED);
    }
}

/// The guide at ten times its length (a hundred pages, long lists of marked content per page
/// and thousands of structure elements), against both checkers.
fn the_10x_book_meets_pdf_ua_1_and_pdf_a_2a() {
    let dir = common::ten_copies_with_style("tagged-10x", "");
    common::quire_succeeds(&dir, &["pdf", "book", "-o", "tagged-10x.pdf"]);
    let pdf = dir.join("tagged-10x.pdf");
    assert_conforms(&pdf, TAGGED);
    assert_pdfua_finds_no_error(&pdf);
}

fn pdfua_finds_no_error_in_the_guide_and_the_fixtures() {
    assert_pdfua_finds_no_error(&guide_pdf().0);
    for (book, name) in [
        ("tests/fixtures/mini", "pdfua-mini"),
        ("tests/fixtures/accessible", "pdfua-accessible"),
    ] {
        assert_pdfua_finds_no_error(&common::build("pdf", book, name, &[]));
    }
}

/// `pdfua check` with only errors reported: it exits non-zero and names the rule on any.
fn assert_pdfua_finds_no_error(pdf: &std::path::Path) {
    let out = common::run_tool(
        "pdfua",
        [
            "check".as_ref(),
            "--min-severity".as_ref(),
            "error".as_ref(),
            pdf.as_os_str(),
        ],
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains("errors=0"),
        "pdfua on {}: {report}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn an_untagged_pdf_still_meets_pdf_a_2u() {
    let pdf: PathBuf = common::build("pdf", "book", "untagged-guide", &["--untagged"]);
    assert_conforms(&pdf, "2u");
}

/// poppler reads a word hyphenated at a line end as the whole word, from its ActualText, even
/// in content order (`-raw`, where it does not join hyphenated lines itself): no line ends
/// with a hyphen, and the guide's two first hyphenated words read whole.
fn a_hyphenated_word_copies_whole() {
    let pdf = guide_pdf().0.as_os_str();
    let out = common::run_tool("pdftotext", ["-raw".as_ref(), pdf, "-".as_ref()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let broken: Vec<&str> = text.lines().filter(|l| l.ends_with('-')).collect();
    assert!(broken.is_empty(), "lines end with a hyphen: {broken:?}");
    for word in ["Medical technicians", "procedures"] {
        assert!(text.contains(word), "{word} reads whole");
    }
}
