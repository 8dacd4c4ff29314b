//! An mdBook book as it is: its book.toml (`[book]`, quire's options in `[output.quire]`) and
//! the chapters its `SUMMARY.md` lists: prefix chapters as front matter, numbered chapters
//! (nested ones numbered 2.1, each opening the part a `# Part` title names) and suffix chapters
//! as back matter. Draft chapters, which have no file, are left out with a note.

use std::path::Path;

use super::hidden_lines::HiddenLines;
use super::links::file_path;
use super::{
    BookFiles, ChapterFile, LoadOptions, Manifest, chapter_from_document, finish_folder,
    read_chapter_file,
};
use crate::config::{self, Place, SummaryEntry};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::markdown::Document;
use crate::model::{Block, BlockKind, Book, Chapter, ChapterKind, Heading, Inline, Nesting, Pos};
use crate::slug::heading_id;

/// The summary's file name in the source folder.
const SUMMARY_FILE: &str = "SUMMARY.md";

pub(super) fn load_mdbook(
    root: &Path,
    files: &BookFiles,
    manifest: &Manifest<'_>,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Book> {
    let mdbook = config::read_mdbook_toml(manifest.path, manifest.text, diags)?;
    let summary_name = file_path("", &format!("{}/{SUMMARY_FILE}", mdbook.src));
    let at = Location::file(manifest.path);
    let summary_path = files.resolve(&summary_name, at, "summary", diags)?;
    let text = files.read_text(&summary_path, diags)?;
    let entries = config::read_summary(&summary_path, &text, diags);
    let hidden = HiddenLines {
        prefixes: mdbook.hidelines.clone(),
    };
    let mut chapters = Vec::new();
    for entry in entries {
        if let Some(chapter) = load_entry(files, &mdbook.src, &hidden, entry, diags) {
            chapters.push(chapter);
        }
    }
    if chapters.is_empty() {
        diags.push(
            Diagnostic::error(
                Some(Location::file(&summary_path)),
                "SUMMARY.md lists no chapters",
            )
            .with_hint("list each chapter as a link: - [Introduction](intro.md)"),
        );
        return None;
    }
    finish_folder(
        root,
        files,
        manifest,
        &mdbook.config,
        chapters,
        options,
        diags,
    )
}

/// One chapter of the summary, read; None for a draft (noted) or a file that cannot be read.
fn load_entry(
    files: &BookFiles,
    src: &str,
    hidden: &HiddenLines,
    entry: SummaryEntry,
    diags: &mut Diagnostics,
) -> Option<Chapter> {
    let Some(file) = &entry.file else {
        diags.push(
            Diagnostic::note(
                Some(entry.location.clone()),
                format!(
                    "draft chapter '{}' has no file; it is left out",
                    entry.title
                ),
            )
            .with_hint("give it a file to include it: [Title](file.md)"),
        );
        return None;
    };
    let written = file_path(src, file);
    let (kind, numbers) = match entry.place {
        Place::Prefix => (ChapterKind::Front, Vec::new()),
        Place::Numbered(numbers) => (ChapterKind::Chapter, numbers),
        Place::Suffix => (ChapterKind::Back, Vec::new()),
    };
    let chapter_file = ChapterFile {
        written: &written,
        at: entry.location.clone(),
        kind,
        running_title: None,
        hidden,
    };
    let (path, mut document) = read_chapter_file(files, &chapter_file, diags)?;
    titled(&mut document, &entry.title);
    let mut chapter = chapter_from_document(document, path, written, kind, None, diags);
    chapter.nesting = Nesting {
        numbers,
        part: entry.part,
    };
    Some(chapter)
}

/// A chapter file without a level-1 heading takes the summary's title for it, as mdBook
/// shows it.
fn titled(document: &mut Document, title: &str) {
    let has_title = document
        .blocks
        .iter()
        .any(|b| matches!(&b.kind, BlockKind::Heading(h) if h.level == 1));
    if has_title || title.is_empty() {
        return;
    }
    document.blocks.insert(
        0,
        Block {
            kind: BlockKind::Heading(Heading {
                level: 1,
                id: heading_id(title),
                classes: Vec::new(),
                content: vec![Inline::Text(title.to_string())],
            }),
            pos: Pos { line: 1, column: 1 },
        },
    );
}
