//! EPUBCheck, qpdf and pdftotext on the mdBook fixtures: the book of every mdBook feature and
//! the book `mdbook init` writes, each built by the command line as a user builds it.

use quire::model::{Block, BlockKind, walk};

use crate::{Check, check, common};

pub const CHECKS: &[Check] = &[
    check!(epubcheck_reports_nothing_on_the_mdbook_books, "epubcheck"),
    check!(qpdf_finds_nothing_wrong_in_the_mdbook_books, "qpdf"),
    check!(
        pdftotext_gives_back_every_word_of_the_mdbook_fixture,
        "pdftotext"
    ),
];

/// The mdBook fixtures, by folder under the repository.
const BOOKS: [&str; 2] = ["tests/fixtures/mdbook", "tests/fixtures/mdbook-init"];

fn name_of(book: &str) -> String {
    book.rsplit('/').next().unwrap_or(book).to_string()
}

/// `quire build` of both formats (the EPUB then carries the PDF's page list), as a user runs
/// it; the EPUB's bytes.
fn built_epub(book: &str, name: &str) -> Vec<u8> {
    let dir = common::temp_dir(name);
    let book = common::repo_root().join(book);
    let args = ["build", book.to_str().unwrap(), "-o", dir.to_str().unwrap()];
    common::quire_succeeds(&dir, &args);
    let epub = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "epub"))
        .expect("an EPUB");
    std::fs::read(epub).unwrap()
}

fn epubcheck_reports_nothing_on_the_mdbook_books() {
    for book in BOOKS {
        let name = format!("{}-epubcheck", name_of(book));
        let report = crate::epub::epubcheck(&name, &built_epub(book, &name));
        assert!(report.contains("0 errors / 0 warnings"), "{report}");
    }
}

fn qpdf_finds_nothing_wrong_in_the_mdbook_books() {
    for book in BOOKS {
        let pdf = common::build("pdf", book, &format!("{}-qpdf", name_of(book)), &[]);
        let out = common::run_tool("qpdf", ["--check".as_ref(), pdf.as_os_str()]);
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{report}");
        assert!(!report.contains("WARNING"), "{report}");
    }
}

fn pdftotext_gives_back_every_word_of_the_mdbook_fixture() {
    let book = BOOKS[0];
    let pdf = common::build("pdf", book, "mdbook-pdftotext", &[]);
    let out = common::run_tool("pdftotext", [pdf.as_os_str(), "-".as_ref()]);
    assert!(out.status.success());
    let read = common::words(&String::from_utf8_lossy(&out.stdout));
    let mut diags = quire::Diagnostics::new();
    let model = quire::load_book(&common::repo_root().join(book), &mut diags).unwrap();
    // A figure's alternative text is the image's description for a reader that cannot see
    // it, not text on the page; its caption (the title) is.
    let mut text = model.text();
    for chapter in &model.chapters {
        for node in walk::walk_blocks(&chapter.blocks).nodes() {
            if let Some(Block {
                kind: BlockKind::Figure(image),
                ..
            }) = node.block()
            {
                text = text.replacen(&image.alt, " ", 1);
            }
        }
    }
    let missing: Vec<String> = common::words(&text)
        .into_iter()
        .filter(|w| !read.contains(w))
        .collect();
    assert!(missing.is_empty(), "missing from the PDF: {missing:?}");
}
