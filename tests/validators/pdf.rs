//! qpdf and poppler on the guide's PDF and the construct fixture's: the file is sound, every
//! font embedded, every word of the source readable back, every outline entry on its page.

use std::path::Path;

use crate::common::{self, build, words};
use crate::read::{Bookmark, guide_pdf, outline, parse, squash};
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(qpdf_finds_nothing_wrong, "qpdf"),
    check!(
        pdffonts_lists_every_font_embedded_subset_with_a_unicode_map,
        "pdffonts"
    ),
    check!(the_text_gives_back_every_word_of_the_source, "pdftotext"),
    check!(
        every_outline_entry_points_at_the_page_holding_its_heading,
        "pdftotext"
    ),
    check!(the_mini_books_text_holds_every_construct, "pdftotext"),
];

/// The text pdftotext reads from `pdf` (one page, counted from 0, or all).
fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut args: Vec<String> = Vec::new();
    if let Some(p) = page {
        let number = (p + 1).to_string();
        args.extend(["-f".into(), number.clone(), "-l".into(), number]);
    }
    args.extend([pdf.to_string_lossy().into_owned(), "-".into()]);
    let out = common::run_tool("pdftotext", &args);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn qpdf_finds_nothing_wrong() {
    let out = common::run_tool("qpdf", ["--check".as_ref(), guide_pdf().0.as_os_str()]);
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    assert!(!report.contains("WARNING"), "{report}");
}

fn pdffonts_lists_every_font_embedded_subset_with_a_unicode_map() {
    let listing = common::tool_stdout("pdffonts", [&guide_pdf().0]);
    for line in listing.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {line}"
        );
    }
}

fn the_text_gives_back_every_word_of_the_source() {
    let text = pdftotext(&guide_pdf().0, None);
    let got = words(&text.replace("-\n", ""));
    let got_unjoined = words(&text);
    let missing: Vec<String> = words(&common::guide_source())
        .into_iter()
        .filter(|w| !got.contains(w) && !got_unjoined.contains(w))
        .collect();
    assert!(missing.is_empty(), "missing from the PDF text: {missing:?}");
    assert!(
        !text.contains(['\u{FB00}', '\u{FB01}', '\u{FB02}', '\u{FB03}', '\u{FB04}']),
        "ligatures map back to letters"
    );
    assert!(!text.contains('\u{FFFD}'), "no unmapped glyphs");
}

fn every_outline_entry_points_at_the_page_holding_its_heading() {
    let (path, bytes) = guide_pdf();
    let doc = parse(bytes);
    let mut stack: Vec<&Bookmark> = Vec::new();
    let marks = outline(&doc);
    stack.extend(marks.iter());
    let mut checked = 0;
    while let Some(m) = stack.pop() {
        stack.extend(m.children.iter());
        let text = pdftotext(path, Some(m.page));
        let title = squash(&m.title).replace(':', "");
        let first_words: String = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            squash(&text).contains(&first_words),
            "page {} lacks '{}':\n{}",
            m.page,
            m.title,
            text
        );
        checked += 1;
    }
    assert!(checked >= 23, "{checked} entries");
}

fn the_mini_books_text_holds_every_construct() {
    let out = build("pdf", "tests/fixtures/mini", "validators-pdf-mini", &[]);
    let text = pdftotext(&out, None);
    let flat = squash(&text);
    for expected in [
        "Preface",
        "First ordered item",
        "nested bullet two",
        "A callout note.",
        "println!(\"hello, world\");",
        "Complete blood count",
        "Turnaround",
        "The first footnote",
        "Phlebotomy",
        "The drawing of blood.",
        "Appendix A",
    ] {
        assert!(flat.contains(expected), "missing `{expected}`:\n{flat}");
    }
}
