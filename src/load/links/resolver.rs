//! Resolving each chapter's relative links against the book's chapters and their anchors.

use std::path::{Path, PathBuf};

use super::anchors::ChapterAnchors;
use super::paths::{PathKind, book_relative, chapter_names, folder_of, path_kind, percent_decode};
use super::{BrokenLinks, ScriptLinkRemover, is_external, unlink_where};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::walk::VisitMut;
use crate::model::{Book, Inline, LinkTarget};

/// Remove links to script URLs, then resolve every relative link of every chapter.
pub fn resolve(book: &mut Book, policy: BrokenLinks, diags: &mut Diagnostics) {
    for chapter in &mut book.chapters {
        let source = chapter.source.clone();
        chapter.walk_mut(&mut ScriptLinkRemover {
            source: &source,
            diags,
        });
    }
    let resolver = Resolver {
        anchors: book.chapters.iter().map(ChapterAnchors::of).collect(),
        files: book
            .chapters
            .iter()
            .map(|c| {
                (
                    c.file_name.trim_start_matches("./").to_string(),
                    c.source.clone(),
                )
            })
            .collect(),
        policy,
    };
    for index in 0..book.chapters.len() {
        let chapter = &mut book.chapters[index];
        let mut links = ChapterLinks {
            resolver: &resolver,
            index,
            folder: folder_of(&chapter.file_name).to_string(),
            source: chapter.source.clone(),
            diags,
        };
        chapter.walk_mut(&mut links);
    }
}

/// What becomes of one link.
enum Outcome {
    /// A link inside the book.
    Internal(LinkTarget),
    /// Set as its text (reported).
    Text,
}

/// What links between chapters resolve against: each chapter's file and its anchors.
struct Resolver {
    anchors: Vec<ChapterAnchors>,
    /// Each chapter's file name relative to the book's folder, and its path.
    files: Vec<(String, PathBuf)>,
    policy: BrokenLinks,
}

/// Resolves the links of chapter `index`, whose file is in `folder`.
struct ChapterLinks<'a> {
    resolver: &'a Resolver,
    index: usize,
    folder: String,
    source: PathBuf,
    diags: &'a mut Diagnostics,
}

impl VisitMut for ChapterLinks<'_> {
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        unlink_where(inlines, |target, pos| {
            let LinkTarget::External(dest) = target else {
                return false;
            };
            if is_external(dest) {
                return false;
            }
            let dest = dest.clone();
            let link = Link {
                dest: &dest,
                index: self.index,
                folder: &self.folder,
                source: &self.source,
                location: Location::new(&self.source, pos.line, pos.column),
            };
            match self.resolver.internal(&link, self.diags) {
                Outcome::Internal(internal) => {
                    *target = internal;
                    false
                }
                Outcome::Text => true,
            }
        });
    }
}

/// One relative link, where it is written.
struct Link<'a> {
    dest: &'a str,
    /// The chapter holding it, and that chapter's folder relative to the book's.
    index: usize,
    folder: &'a str,
    source: &'a Path,
    location: Location,
}

impl Resolver {
    /// The chapter and anchor a relative link names; a link to a missing chapter or anchor,
    /// or to something that is not a chapter, is reported and set as text.
    fn internal(&self, link: &Link<'_>, diags: &mut Diagnostics) -> Outcome {
        let (path, anchor) = match link.dest.split_once('#') {
            Some((path, anchor)) => (path, Some(percent_decode(anchor))),
            None => (link.dest, None),
        };
        let path = percent_decode(path);
        let candidates = if path.is_empty() {
            self.same_file(link.index, link.source)
        } else {
            let Some(relative) = book_relative(link.folder, &path) else {
                return not_a_chapter(link, diags);
            };
            let candidates = self.chapters_named(&relative, link.index);
            if candidates.is_empty() {
                if path_kind(&path) == PathKind::Other {
                    return not_a_chapter(link, diags);
                }
                let hint = format!("chapters are: {}", self.file_names().join(", "));
                let what = format!("no chapter file '{relative}' in this book");
                return self.broken(link, &what, hint, diags);
            }
            candidates
        };
        let Some(&first) = candidates.first() else {
            return not_a_chapter(link, diags);
        };
        let anchor = anchor.filter(|a| !a.is_empty());
        let Some(name) = anchor else {
            return Outcome::Internal(LinkTarget::Internal {
                chapter: first,
                anchor: None,
            });
        };
        let found = candidates
            .iter()
            .find_map(|&c| Some((c, self.anchors[c].id_of(&name)?.to_string())));
        match found {
            Some((chapter, id)) => Outcome::Internal(LinkTarget::Internal {
                chapter,
                anchor: Some(id),
            }),
            None => {
                let hint = format!("ids there: {}", self.anchors[first].some_ids(12).join(", "));
                let what = format!("no heading with id '{name}' there");
                self.broken(link, &what, hint, diags)
            }
        }
    }

    /// A link to a chapter or anchor that does not exist: an error, or under
    /// `BrokenLinks::Warn` a warning, the link set as its text.
    fn broken(
        &self,
        link: &Link<'_>,
        what: &str,
        hint: String,
        diags: &mut Diagnostics,
    ) -> Outcome {
        let message = format!("link to '{}': {what}", link.dest);
        let diagnostic = match self.policy {
            BrokenLinks::Error => Diagnostic::error(Some(link.location.clone()), message).with_hint(
                format!("{hint}; --allow-broken-links (or [build] broken-links = \"warn\") sets broken links as text"),
            ),
            BrokenLinks::Warn => Diagnostic::warning(
                Some(link.location.clone()),
                format!("{message}; set as text"),
            )
            .with_hint(hint),
        };
        diags.push(diagnostic);
        Outcome::Text
    }

    /// For `#x`: every chapter cut from the linking chapter's file, the linking one first.
    fn same_file(&self, index: usize, source: &Path) -> Vec<usize> {
        let mut same: Vec<usize> = (0..self.files.len())
            .filter(|&i| self.files[i].1 == source)
            .collect();
        same.sort_by_key(|&i| i != index);
        same
    }

    /// The chapters whose file a book-relative link path names, the linking one first.
    fn chapters_named(&self, relative: &str, index: usize) -> Vec<usize> {
        let names = chapter_names(relative);
        let Some(name) = names
            .iter()
            .find(|name| self.files.iter().any(|(file, _)| file == *name))
        else {
            return Vec::new();
        };
        let mut found: Vec<usize> = (0..self.files.len())
            .filter(|&i| self.files[i].0 == *name)
            .collect();
        found.sort_by_key(|&i| i != index);
        found
    }

    /// The chapters' file names, each once, in reading order.
    fn file_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in &self.files {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        names
    }
}

/// A relative link to something that is not a chapter: set as its text, with a warning.
fn not_a_chapter(link: &Link<'_>, diags: &mut Diagnostics) -> Outcome {
    diags.push(
        Diagnostic::warning(
            Some(link.location.clone()),
            format!(
                "link to '{}' is not a chapter of the book; set as its text",
                link.dest
            ),
        )
        .with_hint("link to a chapter's .md file, or give a full URL (https://...)"),
    );
    Outcome::Text
}
