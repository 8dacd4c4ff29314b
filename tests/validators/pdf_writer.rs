//! qpdf and poppler on what the PDF writer embeds: the construct fixture, whose pages mix the
//! built-in CFF faces with the TrueType mono face, images and links; and a book whose print
//! style sets its text in a TrueType font read from the book's folder, with accented letters
//! that are composite glyphs (their parts must be in the subset too).

use std::path::{Path, PathBuf};

use crate::common::{self, build};
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(qpdf_accepts_the_construct_fixture, "qpdf"),
    check!(
        pdffonts_lists_cff_and_truetype_faces_embedded_subset_with_a_unicode_map,
        "pdffonts"
    ),
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

/// Lines set in the user's TrueType font, each a paragraph of its own.
const USER_TRUETYPE_LINES: [&str; 2] = ["Naïve café façade, déjà vu", "Zoë paid 42 € — ŷ ñ"];

/// The construct fixture's PDF, built for the check `name` (checks run in parallel).
fn fixture_pdf(name: &str) -> PathBuf {
    build("pdf", "tests/fixtures/mini", name, &[])
}

/// A book whose print style names `fonts/DejaVuSansMono.ttf`, copied into the book, as its
/// regular face; built for the check `name`.
fn user_truetype_pdf(name: &str) -> PathBuf {
    let dir = common::temp_dir(&format!("{name}-book"));
    std::fs::copy(
        common::repo_root().join("fonts/DejaVuSansMono.ttf"),
        dir.join("UserMono.ttf"),
    )
    .expect("the font copies");
    let manifest = "[book]\ntitle = \"User Font\"\nlanguage = \"fr\"\n\
                    identifier = \"urn:uuid:2c5e8a1f-4b3d-4f6a-9e7c-1d0b3a5f7e92\"\n\n\
                    [styles]\nprint = \"print.toml\"\n\n[[chapters]]\nfile = \"text.md\"\n";
    std::fs::write(dir.join("book.toml"), manifest).expect("book.toml");
    std::fs::write(
        dir.join("print.toml"),
        "[fonts]\nregular = \"UserMono.ttf\"\n",
    )
    .expect("print.toml");
    let text = format!("# Texte\n\n{}\n", USER_TRUETYPE_LINES.join("\n\n"));
    std::fs::write(dir.join("text.md"), text).expect("text.md");
    let out = dir.join(format!("{name}.pdf"));
    common::quire_succeeds(&dir, &["pdf", ".", "-o", out.to_str().expect("UTF-8 path")]);
    out
}

/// qpdf's `--check` report on `path`, which must succeed.
fn qpdf_check(path: &Path) -> String {
    let out = common::run_tool("qpdf", ["--check".as_ref(), path.as_os_str()]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{report}");
    report
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

fn qpdf_accepts_the_construct_fixture() {
    let report = qpdf_check(&fixture_pdf("qpdf_accepts_the_construct_fixture"));
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

fn pdffonts_lists_cff_and_truetype_faces_embedded_subset_with_a_unicode_map() {
    let rows = pdffonts_rows(&fixture_pdf(
        "pdffonts_lists_cff_and_truetype_faces_embedded_subset_with_a_unicode_map",
    ));
    assert!(rows.iter().any(|r| r.contains("CID Type 0C")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("CID TrueType")), "{rows:?}");
    for row in &rows {
        assert_eq!(embedded_subset_unicode(row), ["yes", "yes", "yes"], "{row}");
    }
}

fn qpdf_accepts_a_user_truetype_font() {
    qpdf_check(&user_truetype_pdf("qpdf_accepts_a_user_truetype_font"));
}

fn pdftotext_copies_the_text_set_in_a_user_truetype_font() {
    let path = user_truetype_pdf("pdftotext_copies_the_text_set_in_a_user_truetype_font");
    let text = common::tool_stdout("pdftotext", [path.as_os_str(), "-".as_ref()]);
    for line in USER_TRUETYPE_LINES {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}

fn pdffonts_lists_a_user_truetype_font_as_an_embedded_cid_subset() {
    let rows = pdffonts_rows(&user_truetype_pdf(
        "pdffonts_lists_a_user_truetype_font_as_an_embedded_cid_subset",
    ));
    let user: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("+DejaVuSansMono"))
        .collect();
    assert_eq!(user.len(), 1, "{rows:?}");
    assert!(user[0].contains("CID TrueType"), "{rows:?}");
    assert_eq!(embedded_subset_unicode(user[0]), ["yes", "yes", "yes"]);
}
