//! Books as people already write them: heading ids as GitHub and pandoc make them, links read
//! relative to the file that holds them (`.html` names too), links to what is not a chapter set
//! as text, broken links as warnings when asked.

mod common;

use std::fs;
use std::path::Path;

use quire::model::{Book, Inline, LinkTarget, walk};
use quire::{Diagnostics, LoadOptions};

use common::temp_dir;

const MANIFEST: &str = "[book]\ntitle = \"T\"\nlanguage = \"en\"\nidentifier = \"urn:x\"\n";

/// A book folder named `name` holding `files` (path, text) and a book.toml listing `chapters`.
fn book_with(
    name: &str,
    chapters: &[&str],
    files: &[(&str, &str)],
    extra_toml: &str,
) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let mut toml = format!("{MANIFEST}{extra_toml}\n");
    for chapter in chapters {
        toml.push_str(&format!("[[chapters]]\nfile = \"{chapter}\"\n"));
    }
    fs::write(dir.join("book.toml"), toml).unwrap();
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn load(dir: &Path, options: &LoadOptions) -> (Option<Book>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let book = quire::load_book_with(dir, options, &mut diags).ok();
    (book, diags)
}

/// Each link of chapter `index`: its target and its text.
fn links_of(book: &Book, index: usize) -> Vec<(LinkTarget, String)> {
    walk::walk_blocks(&book.chapters[index].blocks)
        .nodes()
        .filter_map(|node| match node.inline() {
            Some(Inline::Link {
                target, content, ..
            }) => Some((target.clone(), quire::model::plain_text(content))),
            _ => None,
        })
        .collect()
}

fn internal(chapter: usize, anchor: &str) -> LinkTarget {
    LinkTarget::Internal {
        chapter,
        anchor: Some(anchor.to_string()),
    }
}

#[test]
fn heading_ids_are_githubs_and_links_written_for_github_or_pandoc_find_them() {
    let a = "# A\n\n## extension-auto_identifiers\n\n## FAQ\n\n## FAQ\n\n## FAQ\n\n\
             ## 3. Applications\n\n## Own {#own-id}\n\n## Version 1.2\n";
    let b = "# B\n\n[1](a.md#extension-auto_identifiers) [2](a.md#faq-1) [3](a.md#faq-2) \
             [4](a.md#3-applications) [5](a.md#applications) [6](a.md#own-id) \
             [7](a.md#version-12) [8](a.md#version-1.2)\n";
    let dir = book_with("ids", &["a.md", "b.md"], &[("a.md", a), ("b.md", b)], "");
    let (book, diags) = load(&dir, &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    let ids: Vec<String> = book.chapters[0]
        .headings()
        .iter()
        .map(|(h, _)| h.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "extension-auto_identifiers",
            "faq",
            "faq-1",
            "faq-2",
            "applications",
            "own-id",
            "version-12"
        ]
    );
    let targets: Vec<LinkTarget> = links_of(&book, 1).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        targets,
        [
            internal(0, "extension-auto_identifiers"),
            internal(0, "faq-1"),
            internal(0, "faq-2"),
            internal(0, "applications"),
            internal(0, "applications"),
            internal(0, "own-id"),
            internal(0, "version-12"),
            internal(0, "version-12"),
        ]
    );
}

#[test]
fn links_and_images_are_read_from_the_folder_of_their_file() {
    let png = fs::read(common::repo_root().join("tests/fixtures/mini/images/lab.png")).unwrap();
    let a = "# A\n\n[b](b.md) [c](../c.md#see) [b again](./b.html#part) [index](../index.html)\n\n\
             ![lab](img/lab.png)\n";
    let dir = book_with(
        "relative",
        &["README.md", "sub/a.md", "sub/b.md", "c.md"],
        &[
            ("README.md", "# Home\n"),
            ("sub/a.md", a),
            ("sub/b.md", "# B\n\n## Part\n"),
            ("c.md", "# C\n\n## See\n"),
        ],
        "",
    );
    fs::create_dir_all(dir.join("sub/img")).unwrap();
    fs::write(dir.join("sub/img/lab.png"), png).unwrap();
    let (book, diags) = load(&dir, &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    let targets: Vec<LinkTarget> = links_of(&book, 1).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        targets,
        [
            LinkTarget::Internal {
                chapter: 2,
                anchor: None
            },
            internal(3, "see"),
            internal(2, "part"),
            LinkTarget::Internal {
                chapter: 0,
                anchor: None
            },
        ]
    );
    assert_eq!(book.images.len(), 1);
    assert_eq!(book.images[0].path, "sub/img/lab.png");
}

#[test]
fn links_to_what_is_not_a_chapter_become_text_with_a_warning_at_their_line() {
    let a = "# A\n\n[root](/url) and [paren](my_(url)) and\n[licence](../LICENSE).\n";
    let dir = book_with("not-chapters", &["a.md"], &[("a.md", a)], "");
    let (book, diags) = load(&dir, &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    assert!(links_of(&book, 0).is_empty());
    let text = book.text();
    assert!(text.contains("root and paren and licence."), "{text}");
    let warnings: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].contains("a.md:3:1: warning: link to '/url' is not a chapter"));
    assert!(warnings[2].contains("a.md:4:1: warning: link to '../LICENSE'"));
}

#[test]
fn broken_links_are_errors_unless_allowed() {
    let a = "# A\n\n[gone](gone.md) and [nowhere](#nowhere).\n";
    let dir = book_with("broken", &["a.md"], &[("a.md", a)], "");
    let (book, diags) = load(&dir, &LoadOptions::default());
    assert!(book.is_none());
    assert_eq!(diags.error_count(), 2, "{diags:?}");
    let allow = LoadOptions {
        allow_broken_links: true,
    };
    let (book, diags) = load(&dir, &allow);
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    assert!(!diags.has_errors());
    assert!(book.text().contains("gone and nowhere."));
    let warned = book_with(
        "broken-warn",
        &["a.md"],
        &[("a.md", a)],
        "[build]\nbroken-links = \"warn\"\n",
    );
    let (book, diags) = load(&warned, &LoadOptions::default());
    assert!(book.is_some(), "{diags:?}");
    assert_eq!(diags.items().len(), 2);
}

/// The PDF layout dump of the book at `path`.
fn pdf_dump(book: &Book) -> String {
    let mut diags = Diagnostics::new();
    quire::layout_dump(book, &quire::PdfOptions::default(), &mut diags)
        .unwrap_or_else(|_| panic!("{diags:?}"))
}

#[test]
fn every_footnote_reaches_the_pdf_numbered_nested_and_unreferenced_ones_too() {
    let dir = temp_dir("footnotes-all");
    let text = "# T\n\nText[^a].\n\n[^a]: Outer note[^b].\n\n[^b]: Nestedword.\n\n\
                [^c]: Lonelyword.\n";
    fs::write(dir.join("t.md"), text).unwrap();
    let (book, diags) = load(&dir.join("t.md"), &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    let notes: Vec<(String, u32)> = book.chapters[0]
        .footnotes
        .iter()
        .map(|n| (n.label.clone(), n.number))
        .collect();
    assert_eq!(notes, [("a".into(), 1), ("b".into(), 2), ("c".into(), 3)]);
    let nested_ref = walk::walk_blocks(&book.chapters[0].footnotes[0].blocks)
        .nodes()
        .find_map(|n| match n.inline() {
            Some(Inline::FootnoteRef { number, .. }) => Some(*number),
            _ => None,
        });
    assert_eq!(nested_ref, Some(2));
    let dump = pdf_dump(&book);
    for word in ["Outer", "Nestedword", "Lonelyword"] {
        assert!(dump.contains(word), "{word} missing from the PDF:\n{dump}");
    }
    assert_eq!(diags.items().len(), 1, "{diags:?}");
}

#[test]
fn a_file_of_footnote_definitions_alone_is_a_chapter() {
    let dir = temp_dir("footnotes-only");
    fs::write(dir.join("notes.md"), "[^a]: Only a note.\n").unwrap();
    let (book, diags) = load(&dir.join("notes.md"), &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    assert!(pdf_dump(&book).contains("note."));
}

#[test]
fn mdbook_directives_expand_and_unknown_ones_stay_as_text_with_a_warning() {
    let a = "# A\n\n{{#include part.md}}\n\n```rust\n{{#include code.rs:2:2}}\n```\n\n\
             Escaped: \\{{#include part.md}}. Unknown: {{#tabs one}}.\n";
    let dir = book_with(
        "directives",
        &["a.md"],
        &[
            ("a.md", a),
            ("part.md", "Included *paragraph*.\n"),
            ("code.rs", "fn main() {\n    let shown = 1;\n}\n"),
        ],
        "",
    );
    let (book, diags) = load(&dir, &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    let text = book.text();
    assert!(text.contains("Included paragraph."), "{text}");
    assert!(text.contains("    let shown = 1;"), "{text}");
    assert!(!text.contains("fn main"), "{text}");
    assert!(
        text.contains("Escaped: {{#include part.md}}. Unknown: {{#tabs one}}."),
        "{text}"
    );
    let warnings: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("a.md:9:") && warnings[0].contains("`{{#tabs}}` is not a directive"),
        "{warnings:#?}"
    );
}

#[test]
fn includes_outside_the_book_missing_or_endless_are_errors_at_their_line() {
    let a = "# A\n\n{{#include ../outside.md}}\n\n{{#include gone.rs}}\n\n\
             {{#include code.rs:nowhere}}\n\n{{#include loop.md}}\n";
    let dir = book_with(
        "directive-errors",
        &["a.md"],
        &[
            ("a.md", a),
            ("code.rs", "fn main() {}\n"),
            ("loop.md", "again {{#include loop.md}}\n"),
        ],
        "",
    );
    let (book, diags) = load(&dir, &LoadOptions::default());
    assert!(book.is_none());
    let errors: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors[0].contains("a.md:3:1: error: included file '../outside.md' leads outside"));
    assert!(errors[1].contains("a.md:5:1: error: included file 'gone.rs' not found"));
    assert!(errors[2].contains("a.md:7:1: error: cannot include no anchor 'nowhere'"));
    assert!(errors[3].contains("includes nest deeper than 10 files"));
}

#[test]
fn hidden_rust_lines_and_info_strings() {
    let a = "# A\n\n```rust,ignore\n# use std::fmt;\nlet shown = 1;\n```\n";
    let dir = book_with("hidden-lines", &["a.md"], &[("a.md", a)], "");
    let (book, diags) = load(&dir, &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    let block = &book.chapters[0].blocks[0].kind;
    assert_eq!(
        *block,
        quire::model::BlockKind::CodeBlock {
            language: Some("rust".into()),
            code: "let shown = 1;\n".into()
        }
    );
}

#[test]
fn lines_after_an_include_keep_their_numbers_in_diagnostics() {
    let a = "# A\n\n```rust\n{{#include code.rs}}\n```\n\n[gone](gone.md)\n";
    let dir = book_with(
        "include-lines",
        &["a.md"],
        &[
            ("a.md", a),
            ("code.rs", "fn one() {}\nfn two() {}\nfn three() {}\n"),
        ],
        "",
    );
    let (_, diags) = load(&dir, &LoadOptions::default());
    let shown: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].contains("a.md:7:1: error: link to 'gone.md'"),
        "{shown:#?}"
    );
}

#[test]
fn many_brackets_and_openings_on_one_line_are_read_once() {
    let dir = temp_dir("pathological-directives");
    let line = "{{#x ".repeat(20_000) + &"[".repeat(20_000) + "]{not attrs}";
    fs::write(dir.join("t.md"), format!("# T\n\n{line}\n")).unwrap();
    let (book, diags) = load(&dir.join("t.md"), &LoadOptions::default());
    let book = book.unwrap_or_else(|| panic!("{diags:?}"));
    assert!(book.text().contains("{{#x {{#x"));
    assert!(diags.is_empty(), "{diags:?}");
}
