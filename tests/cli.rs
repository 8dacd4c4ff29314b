//! The command line: exit statuses, located diagnostics, and the book loader end to end.

mod common;

use std::fs;

use common::{copy_dir, quire, repo_root, temp_dir};
use quire::Diagnostics;
use quire::model::{BlockKind, ChapterKind, Inline, LinkTarget};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A copy of the mini fixture book in a fresh folder, to break in a test.
fn mini_copy(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let src = repo_root().join("tests/fixtures/mini");
    copy_dir(&src, &dir);
    dir
}

#[test]
fn check_passes_on_the_guide_and_writes_nothing() {
    let dir = temp_dir("check-guide");
    let book = repo_root().join("book");
    let out = quire(&dir, &["check", book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("11 chapters"));
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        0,
        "check wrote nothing"
    );
}

#[test]
fn an_unknown_key_exits_1_with_file_line_and_expected_keys() {
    let dir = mini_copy("unknown-key");
    let toml = fs::read_to_string(dir.join("book.toml")).unwrap();
    fs::write(
        dir.join("book.toml"),
        toml.replace("subtitle =", "colour = \"red\"\nsubtitle ="),
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("book.toml:3:1: error: unknown key 'colour' in [book]; expected one of: title, subtitle, authors"),
        "{err}"
    );
}

#[test]
fn a_toml_syntax_error_exits_1_located() {
    let dir = mini_copy("syntax-error");
    let toml = fs::read_to_string(dir.join("book.toml")).unwrap();
    fs::write(
        dir.join("book.toml"),
        toml.replace("title = \"A Small", "title = A Small"),
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("book.toml:2:9: error: TOML syntax error"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_chapter_file_exits_1_pointing_at_its_entry() {
    let dir = mini_copy("missing-chapter");
    fs::remove_file(dir.join("two.md")).unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("book.toml:21:8: error: chapter file 'two.md' not found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let dir = mini_copy("many-problems");
    fs::remove_file(dir.join("two.md")).unwrap();
    fs::write(
        dir.join("colophon.md"),
        "# Colophon\n\nA [broken](nowhere.md) link and ![x](images/none.png).\n",
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("two.md' not found"), "{err}");
    assert!(
        err.contains("colophon.md:3:3: error: link to 'nowhere.md'"),
        "{err}"
    );
    assert!(
        err.contains("colophon.md:3:33: error: image 'images/none.png' not found"),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn a_link_to_a_missing_anchor_is_located() {
    let dir = mini_copy("bad-anchor");
    fs::write(
        dir.join("colophon.md"),
        "# Colophon\n\nSee [terms](glossary.md#no-such-term).\n",
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("colophon.md:3:5: error: link to 'glossary.md#no-such-term': no heading with id 'no-such-term'"), "{err}");
    assert!(
        err.contains("hint: ids there:") && err.contains("terms"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = temp_dir("usage");
    assert_eq!(
        quire(&dir, &["pdf", "--paper", "b7"]).status.code(),
        Some(2)
    );
    assert_eq!(quire(&dir, &["transmogrify"]).status.code(), Some(2));
    assert_eq!(quire(&dir, &["--help"]).status.code(), Some(0));
}

#[test]
fn the_mini_book_loads_with_numbered_footnotes_resolved_links_and_images() {
    let mut diags = Diagnostics::new();
    let book =
        quire::load_book(&repo_root().join("tests/fixtures/mini"), &mut diags).expect("mini loads");
    assert!(diags.is_empty(), "{diags:?}");
    let kinds: Vec<ChapterKind> = book.chapters.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChapterKind::Front,
            ChapterKind::Chapter,
            ChapterKind::Chapter,
            ChapterKind::Appendix,
            ChapterKind::Back
        ]
    );
    assert_eq!(book.chapters[2].short_title, "Second");
    assert_eq!(book.chapters[1].footnotes.len(), 1);
    assert_eq!(book.chapters[1].footnotes[0].id, "fn-1");
    let cover = book.cover.as_ref().expect("cover");
    assert_eq!((cover.width, cover.height), (1400, 2100));
    assert_eq!(book.images.len(), 1);
    assert_eq!(book.images[0].path, "images/lab.png");
    let BlockKind::Figure(figure) = &book.chapters[2].blocks[1].kind else {
        panic!()
    };
    assert_eq!(figure.asset, Some(0));
    let BlockKind::Paragraph(inlines) = &book.chapters[2].blocks[2].kind else {
        panic!()
    };
    let targets: Vec<&LinkTarget> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        [
            &LinkTarget::Internal {
                chapter: 1,
                anchor: None
            },
            &LinkTarget::Internal {
                chapter: 1,
                anchor: Some("quotes-and-code".into())
            }
        ]
    );
}

#[test]
fn a_single_markdown_file_is_a_book_with_level_one_chapters() {
    let dir = temp_dir("single-file");
    fs::write(
        dir.join("notes.md"),
        "---\ntitle: Field Notes\nauthor: Ann\nlang: en-GB\n---\n\nOpening words.\n\n# First\n\nOne.[^a]\n\n# Second\n\nTwo, see [first](#first).\n\n[^a]: A note.\n",
    )
    .unwrap();
    let mut diags = Diagnostics::new();
    let book = quire::load_book(&dir.join("notes.md"), &mut diags).expect("loads");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(book.meta.title, "Field Notes");
    assert_eq!(book.meta.authors, ["Ann"]);
    assert_eq!(book.meta.language, "en-GB");
    let titles: Vec<String> = book.chapters.iter().map(|c| c.title_text()).collect();
    assert_eq!(titles, ["Field Notes", "First", "Second"]);
    assert_eq!(book.chapters[0].kind, ChapterKind::Front);
    assert_eq!(book.chapters[1].footnotes.len(), 1);
    let BlockKind::Paragraph(inlines) = &book.chapters[2].blocks[0].kind else {
        panic!()
    };
    assert!(inlines.iter().any(|i| matches!(i, Inline::Link { target: LinkTarget::Internal { chapter: 1, anchor: Some(a) }, .. } if a == "first")));
}

#[test]
fn a_single_file_without_front_matter_takes_its_first_heading_as_title() {
    let dir = temp_dir("single-file-heading");
    fs::write(dir.join("a.md"), "# Alpha\n\nText.\n\n# Beta\n\nMore.\n").unwrap();
    let out = quire(&dir, &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut diags = Diagnostics::new();
    let book = quire::load_book(&dir.join("a.md"), &mut diags).unwrap();
    assert_eq!(book.meta.title, "Alpha");
    assert_eq!(book.chapters.len(), 2);
}
