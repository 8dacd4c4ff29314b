//! Links inside the book: `other.md#anchor`, `other.md` and `#anchor` become
//! `LinkTarget::Internal { chapter, anchor }`; a link to a file or anchor that does not exist is
//! an error with its file and line. Links with a scheme (`https:`, `mailto:`) stay external.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::walk::VisitMut;
use crate::model::{Book, Inline, LinkTarget};

/// Whether `dest` names something outside the book (it has a URL scheme).
pub fn is_external(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The anchors of each chapter: its title id, heading ids and footnote ids.
fn anchors(book: &Book) -> Vec<HashSet<String>> {
    book.chapters
        .iter()
        .map(|c| {
            let mut set: HashSet<String> = c.headings().iter().map(|(h, _)| h.id.clone()).collect();
            set.insert(c.title_id.clone());
            for note in &c.footnotes {
                set.insert(note.id.clone());
                set.insert(note.ref_id.clone());
            }
            set
        })
        .collect()
}

/// URL schemes that run code in a reader: a link to one is removed (its text kept) with a warning.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

fn is_script_url(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        let scheme: String = scheme.chars().filter(|c| !c.is_whitespace()).collect();
        SCRIPT_SCHEMES
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
    })
}

/// Replaces every link to a script URL by its text, reporting each one.
struct ScriptLinkRemover<'a> {
    source: &'a Path,
    diags: &'a mut Diagnostics,
}

impl VisitMut for ScriptLinkRemover<'_> {
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        // A removed link's content takes its place and is looked at in turn.
        let mut at = 0;
        while at < inlines.len() {
            let Inline::Link {
                target: LinkTarget::External(dest),
                content,
                pos,
                ..
            } = &mut inlines[at]
            else {
                at += 1;
                continue;
            };
            if !is_script_url(dest) {
                at += 1;
                continue;
            }
            self.diags.push(
                Diagnostic::warning(
                    Some(Location::new(self.source, pos.line, pos.column)),
                    format!(
                        "link to a script URL `{}` is removed; its text is kept",
                        dest.chars().take(40).collect::<String>()
                    ),
                )
                .with_hint(
                    "links may point to web pages (https:), mail (mailto:) or the book's own files",
                ),
            );
            let content = std::mem::take(content);
            inlines.splice(at..=at, content);
        }
    }
}

pub fn resolve(book: &mut Book, diags: &mut Diagnostics) {
    for chapter in &mut book.chapters {
        let source = chapter.source.clone();
        chapter.walk_mut(&mut ScriptLinkRemover {
            source: &source,
            diags,
        });
    }
    let resolver = Resolver {
        anchors: anchors(book),
        files: book
            .chapters
            .iter()
            .map(|c| (c.file_name.clone(), c.source.clone()))
            .collect(),
    };
    for index in 0..book.chapters.len() {
        let chapter = &mut book.chapters[index];
        let source = chapter.source.clone();
        chapter.for_each_inline_mut(|inline: &mut Inline| {
            let Inline::Link { target, pos, .. } = inline else {
                return;
            };
            let LinkTarget::External(dest) = target else {
                return;
            };
            if is_external(dest) {
                return;
            }
            let location = Location::new(&source, pos.line, pos.column);
            if let Some(internal) = resolver.internal(dest, index, &source, location, diags) {
                *target = internal;
            }
        });
    }
}

/// What links between chapters resolve against: each chapter's file and its anchors.
struct Resolver {
    anchors: Vec<HashSet<String>>,
    /// Each chapter's file name as book.toml gives it, and its path.
    files: Vec<(String, std::path::PathBuf)>,
}

impl Resolver {
    /// The chapter and anchor `dest` (`file.md#anchor`, `#anchor`) names from chapter `index`,
    /// or None with an error at `location` when there is no such chapter or anchor.
    fn internal(
        &self,
        dest: &str,
        index: usize,
        source: &std::path::Path,
        location: Location,
        diags: &mut Diagnostics,
    ) -> Option<LinkTarget> {
        let (file, anchor) = match dest.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor.to_string())),
            None => (dest, None),
        };
        let file = file.trim_start_matches("./");
        let candidates = self.candidates(file, index, source);
        if candidates.is_empty() {
            let mut names: Vec<&str> = Vec::new();
            for (name, _) in &self.files {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
            diags.push(
                Diagnostic::error(
                    Some(location),
                    format!("link to '{dest}': no chapter file '{file}' in this book"),
                )
                .with_hint(format!("chapters are: {}", names.join(", "))),
            );
            return None;
        }
        let found = match &anchor {
            None => Some(candidates[0]),
            Some(a) if a.is_empty() => Some(candidates[0]),
            Some(a) => candidates
                .iter()
                .copied()
                .find(|&c| self.anchors[c].contains(a)),
        };
        let Some(chapter) = found else {
            let mut known: Vec<&str> = self.anchors[candidates[0]]
                .iter()
                .map(String::as_str)
                .collect();
            known.sort();
            known.truncate(12);
            diags.push(
                Diagnostic::error(
                    Some(location),
                    format!(
                        "link to '{dest}': no heading with id '{}' there",
                        anchor.unwrap_or_default()
                    ),
                )
                .with_hint(format!("ids there: {}", known.join(", "))),
            );
            return None;
        };
        Some(LinkTarget::Internal {
            chapter,
            anchor: anchor.filter(|a| !a.is_empty()),
        })
    }

    /// The chapters a link to `file` may mean: that file's chapter; for `#x` in a single-file
    /// book, every chapter cut from the same file, the linking one first.
    fn candidates(&self, file: &str, index: usize, source: &std::path::Path) -> Vec<usize> {
        if file.is_empty() {
            let mut same_file: Vec<usize> = (0..self.files.len())
                .filter(|&i| self.files[i].1 == source)
                .collect();
            same_file.sort_by_key(|&i| i != index);
            same_file
        } else {
            self.files
                .iter()
                .position(|(name, _)| name == file)
                .into_iter()
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_recognised_whatever_their_case() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url("JavaScript:alert(1)"));
        assert!(is_script_url("java script:x"));
        assert!(is_script_url("data:text/html,<b>"));
        assert!(!is_script_url("https://example.com/javascript:"));
        assert!(!is_script_url("notes.md"));
    }

    #[test]
    fn schemes_mark_external_links() {
        assert!(is_external("https://example.com"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("faq.md#x"));
        assert!(!is_external("#x"));
        assert!(!is_external("notes/a:b.md"));
    }
}
