//! The page count fitted to the fold, through the command line: a page multiple of 8 on the
//! 10x book gives a multiple of 8, any blank pages only at the end or before the last page,
//! and the summary line says how many.

mod common;

use common::{quire_succeeds, ten_copies_with_style};
use lopdf::Document;

/// Whether a page draws nothing: no text, path or image in its content.
fn is_blank(doc: &Document, page: lopdf::ObjectId) -> bool {
    let content = doc
        .get_and_decode_page_content(page)
        .expect("a readable page");
    !content
        .operations
        .iter()
        .any(|op| matches!(op.operator.as_str(), "Tj" | "TJ" | "re" | "l" | "Do"))
}

/// "N pages + K blank for the fold" (or "N pages") in the summary line: (N, K).
fn summary_counts(summary: &str) -> (usize, usize) {
    let at = summary.find(" pages").expect("a page count");
    let n: usize = summary[..at]
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of pages");
    let blanks = summary[at..]
        .strip_prefix(" pages + ")
        .and_then(|rest| rest.split(' ').next())
        .map_or(0, |k| k.parse().expect("a number of blank pages"));
    if blanks > 0 {
        assert!(summary.contains(" blank for the fold"), "{summary}");
    }
    (n, blanks)
}

#[test]
fn a_page_multiple_of_8_on_the_10x_book_gives_a_multiple_of_8_blanks_only_at_the_end() {
    let dir = ten_copies_with_style("page-multiple-8", "[page]\npage-multiple = 8\n");
    let run = quire_succeeds(&dir, &["pdf", "book", "-o", "out.pdf"]);
    let summary = String::from_utf8_lossy(&run.stderr);
    let (text_pages, blanks) = summary_counts(&summary);
    let doc = Document::load(dir.join("out.pdf")).expect("a PDF");
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    assert_eq!(pages.len(), text_pages + blanks, "{summary}");
    assert!(pages.len().is_multiple_of(8), "{} pages", pages.len());
    let blank: Vec<usize> = (0..pages.len())
        .filter(|&i| is_blank(&doc, pages[i]))
        .collect();
    assert_eq!(blank.len(), blanks, "blank pages {blank:?}; {summary}");
    // Together, and either the last pages or the pages just before the last one.
    if let (Some(first), Some(last)) = (blank.first(), blank.last()) {
        assert_eq!(last - first + 1, blank.len(), "{blank:?}");
        assert!(*last + 2 >= pages.len(), "{blank:?} of {}", pages.len());
    }
}

#[test]
fn the_summary_line_counts_are_read_both_ways() {
    assert_eq!(summary_counts("wrote out.pdf, 12 pages, 116 KiB"), (12, 0));
    assert_eq!(
        summary_counts("wrote out.pdf, 142 pages + 2 blank for the fold, 1 MiB"),
        (142, 2)
    );
}
