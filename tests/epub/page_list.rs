//! The printed edition's page list in the EPUB: `quire build` marks where each printed page
//! begins, in page order, with the PDF's page labels; `quire epub` alone does so only when
//! `[epub] page-list = true` asks.

use std::path::Path;

use crate::common::{self, copy_dir, quire_succeeds, repo_root, temp_dir};
use crate::page_books::{
    Marker, build_both, epub_files, long_linked_book, long_paragraph_book, markers, page_list,
    pdf_labels,
};

/// The markers equal the PDF's pages one for one, and the nav's page list names each marker.
fn assert_markers_follow_the_pdf(pdf: &Path, epub: &Path) -> Vec<Marker> {
    let labels = pdf_labels(pdf);
    let files = epub_files(epub);
    let found = markers(&files);
    let marker_labels: Vec<&str> = found.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(
        marker_labels, labels,
        "one marker per printed page, in order"
    );
    let list = page_list(&files);
    assert_eq!(list.len(), found.len(), "the page list names every marker");
    for ((label, href), marker) in list.iter().zip(&found) {
        assert_eq!(label, &marker.label);
        let file = marker.file.trim_start_matches("OEBPS/");
        assert_eq!(href, &format!("{file}#{}", marker.id));
    }
    let opf = &files["OEBPS/content.opf"];
    assert!(
        opf.contains("<dc:source>"),
        "the print edition is the source"
    );
    assert!(opf.contains(">printPageNumbers<") && opf.contains(">pageNavigation<"));
    found
}

#[test]
fn quire_build_marks_every_printed_page_of_the_guide_in_order() {
    let (pdf, epub) = build_both(&repo_root().join("book"), "page-list-guide");
    let found = assert_markers_follow_the_pdf(&pdf, &epub);
    let files_of = |label: &str| {
        found
            .iter()
            .find(|m| m.label == label)
            .map(|m| m.file.as_str())
    };
    assert_eq!(files_of("i"), Some("OEBPS/cover.xhtml"));
    assert_eq!(files_of("ii"), Some("OEBPS/title-page.xhtml"));
    assert_eq!(files_of("iii"), Some("OEBPS/toc.xhtml"));
    assert_eq!(files_of("1"), Some("OEBPS/introduction.xhtml"));

    let (pdf_again, epub_again) = build_both(&repo_root().join("book"), "page-list-guide-again");
    let read = |p: &Path| std::fs::read(p).expect("read an output");
    assert!(read(&epub) == read(&epub_again), "the same EPUB twice");
    assert!(read(&pdf) == read(&pdf_again), "the same PDF twice");
}

#[test]
fn pages_that_begin_inside_a_paragraph_are_marked_inside_it() {
    let dir = temp_dir("page-list-long-book");
    let book = long_paragraph_book(&dir);
    let (pdf, epub) = build_both(&book, "page-list-long-build");
    assert_marked_inside_paragraphs(&pdf, &epub);
}

#[test]
fn with_the_links_addresses_in_notes_the_pages_are_marked_as_the_pdf_has_them() {
    let dir = temp_dir("page-list-linked-book");
    let book = long_linked_book(&dir);
    let (pdf, epub) = build_both(&book, "page-list-linked-build");
    assert_marked_inside_paragraphs(&pdf, &epub);
    // The EPUB's links are left as they are: no note for an address.
    let files = epub_files(&epub);
    let chapter = &files["OEBPS/chapter-number-1.xhtml"];
    assert!(chapter.contains("href=\"https://example.org/pages/1/0/list\""));
    assert_eq!(chapter.matches("role=\"doc-footnote\"").count(), 1);
}

/// The markers follow the PDF's pages, and at least three stand inside a paragraph.
fn assert_marked_inside_paragraphs(pdf: &Path, epub: &Path) {
    let found = assert_markers_follow_the_pdf(pdf, epub);
    let files = epub_files(epub);
    let inside = found
        .iter()
        .filter(|m| {
            let text = &files[&m.file];
            let at = text.find(&format!("id=\"{}\"", m.id)).unwrap();
            let before = &text[..at];
            // The marker is in running text: after the opening of a <p> and some words of it.
            let paragraph = before.rfind("<p>").unwrap_or(0);
            paragraph > before.rfind("</p>").unwrap_or(0) && at - paragraph > 30
        })
        .count();
    assert!(
        inside >= 3,
        "pages of this book begin inside paragraphs: {inside} markers are inside one"
    );
}

#[test]
fn quire_epub_alone_lists_the_pages_only_when_the_book_asks() {
    let alone = common::build("epub", "book", "page-list-epub-alone", &[]);
    let files = epub_files(&alone);
    assert!(markers(&files).is_empty());
    assert!(page_list(&files).is_empty());
    assert!(!files["OEBPS/content.opf"].contains("printPageNumbers"));

    let dir = temp_dir("page-list-asked");
    let book = dir.join("book");
    copy_dir(&repo_root().join("book"), &book);
    copy_dir(&repo_root().join("styles"), &dir.join("styles"));
    let toml = book.join("book.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[epub]\npage-list = true\n");
    std::fs::write(&toml, text).unwrap();
    let out = dir.join("asked.epub");
    quire_succeeds(&dir, &["epub", "book", "-o", out.to_str().unwrap()]);
    let asked = markers(&epub_files(&out));
    let (_, built) = build_both(&repo_root().join("book"), "page-list-asked-build");
    let with_pdf = markers(&epub_files(&built));
    let ids = |m: &[Marker]| {
        m.iter()
            .map(|m| (m.file.clone(), m.id.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&asked),
        ids(&with_pdf),
        "the same pages as with the PDF"
    );
}

#[test]
fn page_list_false_leaves_the_list_out_of_quire_build_too() {
    let dir = temp_dir("page-list-refused");
    let book = dir.join("book");
    copy_dir(&repo_root().join("book"), &book);
    copy_dir(&repo_root().join("styles"), &dir.join("styles"));
    let toml = book.join("book.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[epub]\npage-list = false\n");
    std::fs::write(&toml, text).unwrap();
    let (_, epub) = build_both(&book, "page-list-refused-build");
    let files = epub_files(&epub);
    assert!(markers(&files).is_empty());
    assert!(page_list(&files).is_empty());
    assert!(!files["OEBPS/content.opf"].contains("printPageNumbers"));
}
