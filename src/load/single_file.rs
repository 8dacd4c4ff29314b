//! A book from one Markdown file: metadata from its front matter or first heading, a chapter
//! at each level-1 heading.

use std::path::Path;

use super::hidden_lines::HiddenLines;
use super::links::BrokenLinks;
use super::{BookFiles, BookParts, built_in_styles, chapter_from_document, files, finish_book};
use crate::config;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::markdown::{self, Document};
use crate::model::{
    Block, BlockKind, Book, Chapter, ChapterKind, Heading, Inline, Metadata, Pos, walk,
};
use crate::slug::slugify;

/// A book from one Markdown file: the title from YAML front matter (`title:`, `author:`,
/// `lang:`) or its first heading; each level-1 heading starts a chapter.
pub(super) fn load_single_file(
    path: &Path,
    broken_links: BrokenLinks,
    diags: &mut Diagnostics,
) -> Option<Book> {
    let root = files::book_folder(path);
    let files = BookFiles::new(&root, diags)?;
    let text = files.read_text(path, diags)?;
    let file_name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = super::includes::Source {
        path,
        name: &file_name,
    };
    let expanded = super::includes::expand(&files, &source, text, diags);
    let mut document = super::lower_expanded(path, &expanded, diags);
    HiddenLines::default().hide(&mut document);
    let mut meta = Metadata {
        language: "en".into(),
        ..Metadata::default()
    };
    if let Some(yaml) = &document.front_matter {
        for (key, value) in markdown::front_matter_fields(yaml) {
            match key.as_str() {
                "title" => meta.title = value,
                "subtitle" => meta.subtitle = Some(value),
                "author" | "authors" => meta.authors.push(value),
                "lang" | "language" => meta.language = value,
                "date" => meta.date = Some(value),
                "description" => meta.description = Some(value),
                "rights" => meta.rights = Some(value),
                "publisher" => meta.publisher = Some(value),
                "identifier" => meta.identifier = value,
                _ => diags.warning(
                    Some(Location::new(path, 1, 1)),
                    format!("front matter key '{key}' is not used"),
                ),
            }
        }
    }
    if !config::is_language_tag(&meta.language) {
        diags.error(
            Some(Location::new(path, 1, 1)),
            format!("'{}' is not a BCP 47 language tag", meta.language),
        );
    }
    if meta.title.is_empty() {
        meta.title = document
            .blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Heading(h) => Some(h.text()),
                _ => None,
            })
            .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Untitled".into());
    }
    if meta.identifier.is_empty() {
        meta.identifier = format!("urn:quire:{}", slugify(&meta.title));
    }
    let chapters = split_at_level_one(document, path, &file_name, &meta.title, diags);
    let parts = BookParts {
        meta,
        chapters,
        cover: None,
        styles: built_in_styles(),
        links: broken_links,
    };
    finish_book(&root, &files, parts, diags)
}

/// Split a single file's blocks into chapters at each level-1 heading. Text before the first one
/// becomes a front-matter chapter titled with the book's title.
fn split_at_level_one(
    document: Document,
    path: &Path,
    file_name: &str,
    book_title: &str,
    diags: &mut Diagnostics,
) -> Vec<Chapter> {
    let mut parts: Vec<Vec<Block>> = vec![Vec::new()];
    for block in document.blocks {
        if matches!(&block.kind, BlockKind::Heading(h) if h.level == 1) {
            parts.push(Vec::new());
        }
        if let Some(last) = parts.last_mut() {
            last.push(block);
        }
    }
    let first = parts.remove(0);
    // A file of footnote definitions alone is still a chapter: its notes are its text.
    let only_notes = parts.is_empty() && !document.footnotes.is_empty();
    let first_is_empty = first.is_empty() && !only_notes;
    let mut chapters = Vec::new();
    let mut footnotes = Some(document.footnotes);
    let take_notes = |blocks: &[Block], all: &mut Option<Vec<(String, Vec<Block>, Pos)>>| {
        // Each chapter takes the definitions it references; the last chapter takes the rest.
        let referenced: Vec<String> = walk::walk_blocks(blocks)
            .nodes()
            .filter_map(|node| match node.inline() {
                Some(Inline::FootnoteRef { label, .. }) => Some(label.clone()),
                _ => None,
            })
            .collect();
        let all = all.get_or_insert_with(Vec::new);
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(all)
            .into_iter()
            .partition(|(label, _, _)| referenced.contains(label));
        *all = rest;
        mine
    };
    let count = parts.len() + usize::from(!first_is_empty);
    let mut index = 0;
    let mut make = |mut blocks: Vec<Block>,
                    kind: ChapterKind,
                    title: Option<&str>,
                    diags: &mut Diagnostics| {
        index += 1;
        let mut notes = take_notes(&blocks, &mut footnotes);
        if index == count {
            notes.extend(footnotes.take().unwrap_or_default());
        }
        if let Some(title) = title {
            blocks.insert(
                0,
                Block {
                    kind: BlockKind::Heading(Heading {
                        level: 1,
                        id: crate::slug::heading_id(title),
                        classes: Vec::new(),
                        content: vec![Inline::Text(title.to_string())],
                    }),
                    pos: Pos { line: 1, column: 1 },
                },
            );
        }
        let document = Document {
            blocks,
            footnotes: notes,
            front_matter: None,
        };
        chapter_from_document(
            document,
            path.to_path_buf(),
            file_name.to_string(),
            kind,
            None,
            diags,
        )
    };
    if !first_is_empty {
        let kind = if parts.is_empty() {
            ChapterKind::Chapter
        } else {
            ChapterKind::Front
        };
        chapters.push(make(first, kind, Some(book_title), diags));
    }
    for part in parts {
        chapters.push(make(part, ChapterKind::Chapter, None, diags));
    }
    if chapters.is_empty() {
        diags.push(
            Diagnostic::error(
                Some(Location::file(path)),
                "the file is empty: no chapter to build",
            )
            .with_hint("write at least a `# Title` and a paragraph"),
        );
    }
    chapters
}
