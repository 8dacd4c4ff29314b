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
    assert!(!style.chapters_open_right);

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
    assert!(
        !headers.iter().any(|(_, role)| role.ends_with("blank")),
        "no blank page before a chapter"
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
