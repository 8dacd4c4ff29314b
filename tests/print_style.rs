//! A book's print style file over the built-in one: what it leaves out is the built-in style's,
//! key by key; what it sets is checked at load time, located in the file, with its font files read
//! from inside the book's folders.

mod common;

use std::fs;
use std::path::Path;

use common::{guide_with_style, quire, repo_root};
use quire::PdfOptions;
use quire::built_in_styles;
use quire::model::{Book, FaceFile, FontKey, PrintStyle};
use quire::{Diagnostics, load_book};

fn load(dir: &Path) -> (Result<Book, quire::Failed>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let book = load_book(&dir.join("book"), &mut diags);
    (book, diags)
}

/// What `quire check` says about the book in `dir`, which must fail.
fn rejected(dir: &Path) -> String {
    let out = quire(dir, &["check", "book"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[test]
fn a_style_setting_only_the_body_size_keeps_every_other_built_in_value() {
    let dir = guide_with_style("style-only-size", "[body]\nsize-pt = 11\n");
    let (book, diags) = load(&dir);
    assert!(diags.is_empty(), "{diags:?}");
    let book = book.expect("the guide loads");
    let style = &book.styles.print;
    assert_eq!(
        *style,
        PrintStyle {
            body_size: 11.0,
            ..built_in_styles().print
        }
    );
    assert_eq!(style.chapter_opening, quire::model::ChapterOpening::RunOn);

    let mut diags = Diagnostics::new();
    let dump = quire::layout_dump(&book, &PdfOptions::default(), &mut diags).expect("lays out");
    assert!(!diags.has_errors(), "{diags:?}");
    // Page headers read `page N label L role`; page N is a left-hand page when N is even.
    let headers: Vec<(usize, &str)> = dump
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("page ")?;
            let (n, role) = rest.split_once(' ')?;
            Some((n.parse().ok()?, role))
        })
        .collect();
    let left_openings = headers
        .iter()
        .filter(|(n, role)| role.contains("chapter") && role.ends_with("opens") && n % 2 == 0)
        .count();
    assert!(left_openings > 0, "chapters open on left-hand pages too");
    // Blank pages for the fold only at the end or before the back matter's last page.
    let last_text = headers.len() - 1;
    assert!(
        headers
            .iter()
            .enumerate()
            .filter(|(_, (_, role))| role.ends_with("blank"))
            .all(|(i, _)| headers[i..last_text]
                .iter()
                .all(|(_, r)| r.ends_with("blank"))),
        "no blank page before a chapter: {headers:?}"
    );

    let out = quire(&dir, &["pdf", "book", "-o", "out.pdf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_bad_value_is_located_in_the_books_file() {
    let dir = guide_with_style("style-bad-margin", "# only a margin\n[margins]\ntop = -5\n");
    let err = rejected(&dir);
    assert!(
        err.contains("print.toml:3:7: error: margins.top is -5; expected 0 to 200"),
        "{err}"
    );
    // The EPUB is refused too: the style is checked when the book is loaded.
    let out = quire(&dir, &["epub", "book", "-o", "out.epub"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn font_files_are_read_at_load_time_from_inside_the_book_only() {
    let style = "[fonts]\nregular = \"sans.otf\"\nmono = \"../outside.ttf\"\n";
    let dir = guide_with_style("style-fonts-inside", style);
    let sans = repo_root().join("fonts/LinBiolinum_R.otf");
    fs::copy(&sans, dir.join("book/sans.otf")).unwrap();
    fs::copy(
        repo_root().join("fonts/DejaVuSansMono.ttf"),
        dir.join("outside.ttf"),
    )
    .unwrap();
    let err = rejected(&dir);
    assert!(
        err.contains(
            "print.toml:3:8: error: font file '../outside.ttf' is outside the book's folders"
        ),
        "{err}"
    );

    fs::write(
        dir.join("book/print.toml"),
        "[fonts]\nregular = \"sans.otf\"\n",
    )
    .unwrap();
    let (book, diags) = load(&dir);
    assert!(diags.is_empty(), "{diags:?}");
    let fonts = &book.expect("loads").styles.print.fonts;
    let FaceFile::Book(regular) = &fonts[FontKey::Regular as usize] else {
        panic!("the book's regular face: {fonts:?}");
    };
    assert_eq!(regular.file_name, "sans.otf");
    assert_eq!(*regular.bytes, *fs::read(&sans).unwrap());
    assert_eq!(
        fonts[FontKey::Mono as usize],
        FaceFile::BuiltIn(FontKey::Mono.file())
    );
}

#[test]
fn an_empty_epub_stylesheet_is_the_built_in_one() {
    let dir = guide_with_style("style-empty-css", "");
    fs::write(dir.join("styles/epub.css"), "\n").unwrap();
    let (book, diags) = load(&dir);
    assert!(diags.is_empty(), "{diags:?}");
    let styles = book.expect("loads").styles;
    assert_eq!(styles.epub_css, quire::DEFAULT_EPUB_CSS);
    assert_eq!(
        styles.print,
        built_in_styles().print,
        "an empty print style"
    );
}

/// Whether a written PDF is tagged: a structure tree and marked content.
fn is_tagged(pdf: &Path) -> bool {
    let bytes = fs::read(pdf).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
    let catalog = doc.catalog().expect("a catalog");
    let tree = catalog.get(b"StructTreeRoot").is_ok();
    assert_eq!(
        tree,
        catalog.get(b"MarkInfo").is_ok(),
        "MarkInfo goes with the tree"
    );
    tree
}

#[test]
fn pdf_tagged_false_in_the_style_and_untagged_on_the_command_line_write_an_untagged_pdf() {
    let dir = guide_with_style("style-untagged", "[pdf]\ntagged = false\n");
    let (book, diags) = load(&dir);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(!book.expect("the guide loads").styles.print.tagged);
    let untagged = common::build(
        "pdf",
        dir.join("book").to_str().unwrap(),
        "untagged-style",
        &[],
    );
    assert!(!is_tagged(&untagged));
    let tagged = common::build("pdf", "book", "tagged-default", &[]);
    assert!(is_tagged(&tagged), "the default is tagged");
    let flag = common::build("pdf", "book", "untagged-flag", &["--untagged"]);
    assert!(!is_tagged(&flag));
    assert!(
        fs::metadata(&flag).unwrap().len() < fs::metadata(&tagged).unwrap().len(),
        "the untagged PDF is the smaller"
    );
}
