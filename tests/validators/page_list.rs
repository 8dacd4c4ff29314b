//! The printed edition's page list read against the PDF's text: each chapter's page-break
//! marker in the EPUB stands before the words its printed page begins with, also when the PDF
//! adds notes for its links' addresses.

use crate::common::{self, repo_root, temp_dir};
use crate::epub::{ace, epubcheck};
use crate::page_books::{
    Marker, build_both, epub_files, long_linked_book, long_paragraph_book, markers,
};
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(
        each_marker_stands_before_the_words_its_printed_page_begins_with,
        "pdftotext"
    ),
    check!(
        epubcheck_and_ace_accept_the_epubs_with_a_page_list,
        "epubcheck",
        "ace"
    ),
];

/// The words at the top of page `index` (counted from 0), with the words a line-end hyphen
/// splits joined again.
fn page_words(pdf: &std::path::Path, index: usize) -> String {
    let number = (index + 1).to_string();
    let out = common::tool_stdout(
        "pdftotext",
        [
            "-f",
            &number,
            "-l",
            &number,
            pdf.to_str().expect("UTF-8 path"),
            "-",
        ],
    );
    letters_only(&out.replace("-\n", ""), 60)
}

/// The first `n` words of `text` with everything but letters and digits taken out, and
/// tokens without any (list bullets, dashes) left out: how the two outputs' words compare.
fn letters_only(text: &str, n: usize) -> String {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn each_marker_stands_before_the_words_its_printed_page_begins_with() {
    let dir = temp_dir("page-list-words");
    let long = long_paragraph_book(&dir);
    // Its links' addresses in footnotes: the marks add to the words the PDF sets.
    let linked = long_linked_book(&dir);
    for (book, name) in [
        (repo_root().join("book"), "page-list-words-guide"),
        (long, "page-list-words-long"),
        (linked, "page-list-words-linked"),
    ] {
        let (pdf, epub) = build_both(&book, name);
        let found: Vec<Marker> = markers(&epub_files(&epub));
        let mut checked = 0;
        for (page, marker) in found.iter().enumerate() {
            // Chapter pages: the contents' markers all stand at its start.
            if marker.file.ends_with("toc.xhtml") || marker.words_after.is_empty() {
                continue;
            }
            let first_words = letters_only(&marker.words_after.join(" "), 3);
            let top = page_words(&pdf, page);
            // A blank page (for the fold) has no words; its marker stands with the next page's.
            if top.is_empty() {
                continue;
            }
            assert!(
                top.contains(&first_words),
                "{name}: page {} begins with {top:?}, its marker stands before {first_words:?}",
                marker.label
            );
            checked += 1;
        }
        assert!(checked >= 10, "{name}: {checked} pages checked");
    }
}

fn epubcheck_and_ace_accept_the_epubs_with_a_page_list() {
    let dir = temp_dir("page-list-validated");
    let long = long_paragraph_book(&dir);
    for (book, name) in [
        (repo_root().join("book"), "page-list-guide-checked"),
        (long, "page-list-long-checked"),
    ] {
        let (_, epub) = build_both(&book, name);
        let bytes = std::fs::read(&epub).expect("read the EPUB");
        epubcheck(name, &bytes);
        ace(name, &bytes);
    }
}
