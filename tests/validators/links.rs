//! External links whose addresses print in footnotes (`[links] show-urls = "footnote"`), read
//! from the PDF as readers' tools read it: poppler's text has each address in a note on the
//! page of its link, below the text, and veraPDF finds the book PDF/UA-1 and PDF/A-2a, notes
//! and links included. The fixture is built once for both.

use std::path::PathBuf;
use std::sync::OnceLock;

use quire::model::{Book, Inline, LinkTarget, plain_text, walk};

use crate::common;
use crate::verapdf::assert_conforms;
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(
        each_address_prints_in_a_note_below_its_links_text,
        "pdftotext"
    ),
    check!(
        the_book_with_address_notes_meets_pdf_ua_1_and_pdf_a_2a,
        "verapdf"
    ),
];

/// The fixture in footnote mode.
const BOOK: &str = "tests/fixtures/link-notes";

fn link_notes_pdf() -> &'static PathBuf {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| common::build("pdf", BOOK, "link-notes", &[]))
}

/// The text of page `number` (from 1) as poppler lays it out, its white space taken out.
fn page_text(pdf: &std::path::Path, number: usize) -> String {
    let n = number.to_string();
    let path = pdf.to_str().expect("UTF-8 path");
    let text = common::tool_stdout("pdftotext", ["-layout", "-f", &n, "-l", &n, path, "-"]);
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The fixture's external links whose text is not their address: (text, address), in order.
fn links(book: &Book) -> Vec<(String, String)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut found = Vec::new();
    for ch in &book.chapters {
        for node in walk::walk_blocks(&ch.blocks).nodes() {
            if let Some(Inline::Link {
                target: LinkTarget::External(url),
                content,
                ..
            }) = node.inline()
            {
                let text = plain_text(content);
                if common::bare_address(&text) != common::bare_address(url) {
                    found.push((squeeze(&text), url.clone()));
                }
            }
        }
    }
    found
}

fn each_address_prints_in_a_note_below_its_links_text() {
    let pdf = link_notes_pdf();
    let mut diags = quire::Diagnostics::new();
    let book = quire::load_book(&common::repo_root().join(BOOK), &mut diags).expect("it loads");
    let pages: Vec<String> = (1..=crate::read::parse(&std::fs::read(pdf).unwrap())
        .get_pages()
        .len())
        .map(|n| page_text(pdf, n))
        .collect();
    let links = links(&book);
    assert_eq!(links.len(), 6, "the fixture's links: {links:?}");
    for (text, url) in &links {
        let page = pages
            .iter()
            .find(|p| p.contains(text.as_str()))
            .unwrap_or_else(|| panic!("no page has {text:?}"));
        let in_text = page.find(text.as_str()).unwrap();
        // "N.https://..." in the notes, after the text; not "(https://...)" after the link.
        let note = page[in_text..].match_indices(url.as_str()).find(|(at, _)| {
            let before = &page[in_text..in_text + at];
            before.ends_with('.') && before[..before.len() - 1].ends_with(char::is_numeric)
        });
        assert!(note.is_some(), "{url} is in a note below {text:?}: {page}");
        assert!(!page.contains(&format!("({url})")), "{url} is not inline");
    }
}

fn the_book_with_address_notes_meets_pdf_ua_1_and_pdf_a_2a() {
    assert_conforms(link_notes_pdf(), "ua1,2a,2u");
}
