//! The `authors` fixture (a French book with German, Chinese, Arabic and emoji, set with the
//! fallback faces of its print style) by poppler, EPUBCheck and veraPDF, built once by the
//! command line: the text poppler extracts holds the Chinese and Arabic, drawn in the fallback
//! faces, and the files meet EPUBCheck and PDF/UA-1 and PDF/A-2a.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common;
use crate::verapdf::assert_conforms;
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(
        the_chinese_and_arabic_text_extracts_from_the_pdf,
        "pdftotext"
    ),
    check!(
        the_fallback_faces_are_embedded_with_unicode_maps,
        "pdffonts"
    ),
    check!(
        epubcheck_reports_nothing_on_the_authors_fixture,
        "epubcheck"
    ),
    check!(the_authors_fixture_meets_pdf_ua_1_and_pdf_a_2a, "verapdf"),
    check!(the_authors_fixtures_code_copies_as_its_text, "pdftotext"),
    check!(ace_finds_nothing_in_the_authors_fixtures_epub, "ace"),
];

const BOOK: &str = "tests/fixtures/authors";

/// The fixture's PDF and EPUB, built together once.
fn outputs() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = common::temp_dir("authors-validators");
        let book = common::repo_root().join(BOOK);
        let book = book.to_str().expect("UTF-8 path");
        let out = dir.join("out");
        let out_dir = out.to_str().expect("UTF-8 path");
        common::quire_succeeds(&dir, &["build", book, "--out-dir", out_dir]);
        let stem = "ce-que-les-auteurs-mettent-dans-les-livres";
        (
            out.join(format!("{stem}.pdf")),
            out.join(format!("{stem}.epub")),
        )
    })
}

fn the_chinese_and_arabic_text_extracts_from_the_pdf() {
    let text = common::tool_stdout("pdftotext", [outputs().0.as_os_str(), "-".as_ref()]);
    assert!(text.contains("实验室技术人员负责检测血液样本。"), "{text}");
    // poppler gives right-to-left text in its logical order (between embedding marks).
    let words: String = text
        .chars()
        .filter(|c| ('\u{600}'..='\u{6FF}').contains(c) || *c == ' ')
        .collect();
    assert!(
        words.contains("يعمل فني المختبر على تحليل عينات الدم"),
        "{text}"
    );
    assert!(text.contains("Table des matières") && text.contains("Chapitre 1"));
    // The fine space inside the guillemets copies as a space.
    let spaced = |s: &str| s.replace('\u{202F}', " ");
    assert!(spaced(&text).contains("« Les prélèvements"), "{text}");
}

fn the_fallback_faces_are_embedded_with_unicode_maps() {
    let listing = common::tool_stdout("pdffonts", [outputs().0.as_os_str()]);
    for family in [
        "NotoSansCJKsc-Regular",
        "NotoNaskhArabic-Regular",
        "Symbola",
    ] {
        let row = listing
            .lines()
            .find(|row| row.contains(family))
            .unwrap_or_else(|| panic!("{family} embedded: {listing}"));
        let fields: Vec<&str> = row.split_whitespace().collect();
        // emb sub uni: yes yes yes.
        assert!(
            fields.windows(3).any(|w| w == ["yes", "yes", "yes"]),
            "{row}"
        );
    }
}

fn epubcheck_reports_nothing_on_the_authors_fixture() {
    let epub = std::fs::read(&outputs().1).expect("the EPUB");
    crate::epub::epubcheck("authors", &epub);
}

fn the_authors_fixture_meets_pdf_ua_1_and_pdf_a_2a() {
    assert_conforms(&outputs().0, "ua1,2a,2u");
}

/// The highlighted code, set piece by piece in its colours, reads back as its lines.
fn the_authors_fixtures_code_copies_as_its_text() {
    let pdf = outputs().0.as_os_str();
    let text = common::tool_stdout("pdftotext", ["-layout".as_ref(), pdf, "-".as_ref()]);
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

fn ace_finds_nothing_in_the_authors_fixtures_epub() {
    let epub = std::fs::read(&outputs().1).expect("the EPUB");
    crate::epub::ace("authors", &epub);
}
