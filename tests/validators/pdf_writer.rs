//! qpdf and poppler on the PDF writer's hand-built documents: the sample with images and links,
//! a document without pages, and a page set in a TrueType font read from disk.

use std::path::{Path, PathBuf};

use crate::common;
use crate::sample::{assets, empty_document, sample, save, user_truetype_document, write};
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(qpdf_accepts_the_sample, "qpdf"),
    check!(pdftotext_reads_the_sample_text_back, "pdftotext"),
    check!(
        pdffonts_lists_the_sample_fonts_embedded_subset_with_a_unicode_map,
        "pdffonts"
    ),
    check!(qpdf_accepts_an_empty_document, "qpdf"),
    check!(qpdf_accepts_a_user_truetype_font, "qpdf"),
    check!(
        pdftotext_copies_the_text_set_in_a_user_truetype_font,
        "pdftotext"
    ),
    check!(
        pdffonts_lists_a_user_truetype_font_as_an_embedded_cid_subset,
        "pdffonts"
    ),
];

/// The sample written to a file of its own for the check `name` (checks run in parallel).
fn sample_pdf(name: &str) -> PathBuf {
    save(&format!("{name}.pdf"), &write(&sample(), &assets()))
}

/// The user TrueType page written to a file of its own for the check `name`.
fn user_truetype_pdf(name: &str) -> PathBuf {
    let (doc, _) = user_truetype_document();
    save(&format!("{name}.pdf"), &write(&doc, &[]))
}

/// qpdf's `--check` report on `path`, which must succeed.
fn qpdf_check(path: &Path) -> String {
    let out = common::run_tool("qpdf", ["--check".as_ref(), path.as_os_str()]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{report}");
    report
}

fn pdftotext(path: &Path) -> String {
    common::tool_stdout("pdftotext", [path.as_os_str(), "-".as_ref()])
}

/// The rows of pdffonts' table for `path`, after its two header lines.
fn pdffonts_rows(path: &Path) -> Vec<String> {
    let table = common::tool_stdout("pdffonts", [path]);
    table.lines().skip(2).map(str::to_string).collect()
}

/// The emb, sub and uni columns of a pdffonts row (name, type words..., encoding, emb, sub,
/// uni, object id, generation).
fn embedded_subset_unicode(row: &str) -> Vec<&str> {
    let columns: Vec<&str> = row.split_whitespace().collect();
    columns[columns.len() - 5..columns.len() - 2].to_vec()
}

fn qpdf_accepts_the_sample() {
    let report = qpdf_check(&sample_pdf("qpdf_accepts_the_sample"));
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

fn pdftotext_reads_the_sample_text_back() {
    let text = pdftotext(&sample_pdf("pdftotext_reads_the_sample_text_back"));
    for words in [
        "Split runs here",
        "Efficient waffle office",
        "AVATAR Wave",
        "let x = 42;",
        "See the appendix",
        "Chapter One",
        "Appendix",
    ] {
        assert!(text.contains(words), "{words:?} missing from:\n{text}");
    }
}

fn pdffonts_lists_the_sample_fonts_embedded_subset_with_a_unicode_map() {
    let rows = pdffonts_rows(&sample_pdf(
        "pdffonts_lists_the_sample_fonts_embedded_subset_with_a_unicode_map",
    ));
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in &rows {
        assert_eq!(embedded_subset_unicode(row), ["yes", "yes", "yes"], "{row}");
    }
}

fn qpdf_accepts_an_empty_document() {
    let mut diags = quire::Diagnostics::new();
    let bytes =
        quire::pdf::write::write_pdf(&empty_document(), &[], &mut diags).expect("still a PDF");
    qpdf_check(&save("qpdf-empty.pdf", &bytes));
}

fn qpdf_accepts_a_user_truetype_font() {
    qpdf_check(&user_truetype_pdf("qpdf_accepts_a_user_truetype_font"));
}

fn pdftotext_copies_the_text_set_in_a_user_truetype_font() {
    let text = pdftotext(&user_truetype_pdf(
        "pdftotext_copies_the_text_set_in_a_user_truetype_font",
    ));
    let (_, lines) = user_truetype_document();
    for line in lines {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}

fn pdffonts_lists_a_user_truetype_font_as_an_embedded_cid_subset() {
    let rows = pdffonts_rows(&user_truetype_pdf(
        "pdffonts_lists_a_user_truetype_font_as_an_embedded_cid_subset",
    ));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("+DejaVuSansMono") && rows[0].contains("CID TrueType"),
        "{rows:?}"
    );
    assert_eq!(embedded_subset_unicode(&rows[0]), ["yes", "yes", "yes"]);
}
