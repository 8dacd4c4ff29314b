//! mdBook books built as they are: `tests/fixtures/mdbook` (parts, chapters nested three deep,
//! a draft, prefix and suffix chapters, links between subfolders and to `.html` names, hidden
//! code lines, includes) and the book `mdbook init` writes (`tests/fixtures/mdbook-init`, a
//! copy of what mdBook 0.5.4's `mdbook init --force` made). Each book is loaded and rendered
//! once, and every check reads that build.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::sync::OnceLock;

use quire::model::{Book, ChapterKind, Inline, LinkTarget, walk};
use quire::{Diagnostics, Severity};

/// One build of a fixture: the model, both outputs, and what loading and rendering said.
struct Built {
    book: Book,
    pdf_text: String,
    epub: BTreeMap<String, String>,
    diags: Diagnostics,
}

fn build(fixture: &str) -> Built {
    let mut diags = Diagnostics::new();
    let dir = common::repo_root().join("tests/fixtures").join(fixture);
    let book = quire::load_book(&dir, &mut diags).unwrap_or_else(|_| panic!("{diags:?}"));
    let options = quire::PdfOptions::default();
    let pdf_text =
        quire::layout_dump(&book, &options, &mut diags).unwrap_or_else(|_| panic!("{diags:?}"));
    let epub = quire::render_epub(&book, &mut diags).unwrap_or_else(|_| panic!("{diags:?}"));
    Built {
        book,
        pdf_text,
        epub: unzip_text(&epub),
        diags,
    }
}

fn fixture() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| build("mdbook"))
}

/// The text files of an EPUB by path.
fn unzip_text(epub: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).expect("a zip archive");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            files.insert(file.name().to_string(), text);
        }
    }
    files
}

/// What SUMMARY.md lists, read line by line as a person reads it: (file, kind, number), the
/// number from the list nesting (four spaces a level), drafts counted but not listed.
fn summary_order(summary: &str) -> Vec<(String, ChapterKind, String)> {
    let mut out = Vec::new();
    let mut counters: Vec<u32> = Vec::new();
    let mut seen_list = false;
    for line in summary.lines() {
        let Some(open) = line.find("](") else {
            continue;
        };
        let file = &line[open + 2..line.rfind(')').unwrap()];
        let item = line.trim_start();
        if let Some(rest) = item.strip_prefix("- ") {
            assert!(rest.starts_with('['));
            seen_list = true;
            let depth = (line.len() - item.len()) / 4;
            counters.truncate(depth + 1);
            counters.resize(depth + 1, 0);
            counters[depth] += 1;
            if !file.is_empty() {
                let number: Vec<String> = counters.iter().map(u32::to_string).collect();
                out.push((file.to_string(), ChapterKind::Chapter, number.join(".")));
            }
        } else {
            let kind = if seen_list {
                ChapterKind::Back
            } else {
                ChapterKind::Front
            };
            out.push((file.to_string(), kind, String::new()));
        }
    }
    out
}

/// A chapter's number as the book shows it: 2, or 2.1 for a nested one; empty if none.
fn shown_number(chapter: &quire::model::Chapter) -> String {
    match (chapter.nesting.nested_number(), chapter.number) {
        (Some(nested), _) => nested,
        (None, Some(n)) => n.to_string(),
        (None, None) => String::new(),
    }
}

#[test]
fn chapters_follow_summary_md_in_order_kind_and_number() {
    let built = fixture();
    let summary =
        std::fs::read_to_string(common::repo_root().join("tests/fixtures/mdbook/src/SUMMARY.md"))
            .unwrap();
    let expected: Vec<(String, ChapterKind, String)> = summary_order(&summary)
        .into_iter()
        .map(|(file, kind, number)| (format!("src/{file}"), kind, number))
        .collect();
    let actual: Vec<(String, ChapterKind, String)> = built
        .book
        .chapters
        .iter()
        .map(|c| (c.file_name.clone(), c.kind, shown_number(c)))
        .collect();
    assert_eq!(actual, expected);
    assert!(
        actual.iter().any(|(_, _, n)| n.matches('.').count() == 2),
        "the fixture nests three deep"
    );
    let parts: Vec<&str> = built
        .book
        .chapters
        .iter()
        .filter_map(|c| c.nesting.part.as_deref())
        .collect();
    assert_eq!(parts, ["Getting Started", "Going Further"]);
    let notes: Vec<&str> = built
        .diags
        .items()
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("draft chapter 'Plans for Later'")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("[build]") && n.contains("[output.html]"))
    );
}

#[test]
fn parts_and_nested_chapters_are_in_both_contents_and_the_outline() {
    let built = fixture();
    let nav = &built.epub["OEBPS/nav.xhtml"];
    let part = nav
        .find(">Getting Started</a>")
        .expect("the part in the nav");
    let nested = nav
        .find(">1.1.1. From Source</a>")
        .expect("the nested chapter in the nav");
    assert!(part < nested);
    // The PDF's contents: the part's line, then the chapters under it.
    let contents_part = built
        .pdf_text
        .find("\"Getting Started\"")
        .expect("part in the contents");
    let contents_nested = built
        .pdf_text
        .find("1.1.1 From Source")
        .expect("nested in the contents");
    assert!(contents_part < contents_nested);
}

/// XHTML without the spans that mark highlighted code's classes.
fn without_highlighting(xhtml: &str) -> String {
    let mut out = String::with_capacity(xhtml.len());
    let mut rest = xhtml;
    while let Some(at) = rest.find("<span class=\"hl-") {
        out.push_str(&rest[..at]);
        rest = rest[at..].split_once('>').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out.replace("</span>", "")
}

#[test]
fn no_directive_or_hidden_line_reaches_either_output() {
    let built = fixture();
    // Highlighted code is in runs (PDF) and spans (EPUB) of its classes: read as its text.
    let chapters: String = built
        .epub
        .iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, text)| without_highlighting(text))
        .collect();
    let runs: String = built
        .pdf_text
        .lines()
        .filter_map(|row| {
            row.split_once(" \"")
                .map(|(_, text)| text.trim_end_matches('"'))
        })
        .collect();
    for (what, text) in [("PDF", runs.as_str()), ("EPUB", chapters.as_str())] {
        assert!(!text.contains("{{#"), "a directive in the {what}");
        for hidden in ["fn main()", "import sys", "impl fmt::Display", "ANCHOR"] {
            assert!(
                !text.contains(hidden),
                "a hidden line in the {what}: {hidden}"
            );
        }
        for shown in [
            "hello, bench",
            "pub struct Ruler",
            "the ruler reads",
            "clamp_width",
        ] {
            assert!(text.contains(shown), "{shown} is missing from the {what}");
        }
    }
}

#[test]
fn every_link_resolves_in_the_model_and_in_the_epub() {
    let built = fixture();
    for chapter in &built.book.chapters {
        for node in walk::walk_blocks(&chapter.blocks).nodes() {
            if let Some(Inline::Link { target, .. }) = node.inline() {
                assert!(
                    matches!(target, LinkTarget::Internal { .. }),
                    "{}: {target:?}",
                    chapter.file_name
                );
            }
        }
    }
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in &built.epub {
        if let Some(file) = name.strip_prefix("OEBPS/") {
            let found = text
                .split(" id=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .map(str::to_string)
                .collect();
            ids.insert(file.to_string(), found);
        }
    }
    let mut links = 0;
    for (name, text) in &built.epub {
        if !name.ends_with(".xhtml") || name.ends_with("nav.xhtml") {
            continue;
        }
        for rest in text.split(" href=\"").skip(1) {
            let href = rest.split('"').next().unwrap();
            if href.contains(':') || href.ends_with(".css") {
                continue;
            }
            links += 1;
            let (file, id) = href.split_once('#').unwrap_or((href, ""));
            let here = name.trim_start_matches("OEBPS/");
            let file = if file.is_empty() { here } else { file };
            let file_ids = ids
                .get(file)
                .unwrap_or_else(|| panic!("{name}: {href}: no file"));
            assert!(
                id.is_empty() || file_ids.contains(id),
                "{name}: {href}: no id"
            );
        }
    }
    assert!(links >= 15, "{links} links");
    let unresolved: Vec<String> = built
        .diags
        .items()
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(unresolved.is_empty(), "{unresolved:#?}");
}

#[test]
fn every_word_of_the_fixture_is_in_both_outputs() {
    let built = fixture();
    let source = built.book.text();
    let pdf = common::words(&built.pdf_text);
    let epub_text: String = built.epub.values().map(String::as_str).collect();
    let epub = common::words(&epub_text);
    for word in common::words(&source) {
        assert!(pdf.contains(&word), "'{word}' is missing from the PDF");
        assert!(epub.contains(&word), "'{word}' is missing from the EPUB");
    }
}

#[test]
fn the_book_mdbook_init_makes_builds_unchanged() {
    let built = build("mdbook-init");
    assert_eq!(built.book.chapters.len(), 1);
    assert_eq!(built.book.chapters[0].title_text(), "Chapter 1");
    assert_eq!(built.book.meta.language, "en");
    assert!(built.book.meta.identifier.starts_with("urn:uuid:"));
    assert!(!built.diags.has_errors());
}
