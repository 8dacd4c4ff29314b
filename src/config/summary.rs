//! mdBook's `SUMMARY.md`: the book's chapters in order. An optional `# Title` first; prefix
//! chapters (links before the first list), numbered chapters (list items, nested to any depth,
//! numbered 1, 1.1, 1.1.1...), part titles (`# Part` between the lists), separators (`---`),
//! draft chapters (a link with no file, `[Title]()`), and suffix chapters (links after the
//! last list).

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostics, LineIndex, Location};

/// Where an entry of the summary is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Before the numbered chapters: front matter.
    Prefix,
    /// A numbered chapter: its numbers from the top (`[2, 1]` is 2.1).
    Numbered(Vec<u32>),
    /// After the numbered chapters: back matter.
    Suffix,
}

/// One chapter the summary lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryEntry {
    /// The link's text: the chapter's name in mdBook's sidebar.
    pub title: String,
    /// The file, relative to the summary's folder; None for a draft.
    pub file: Option<String>,
    pub place: Place,
    /// The title of the part this entry opens, when a `# Part` comes just before it.
    pub part: Option<String>,
    /// Where the entry's link is in `SUMMARY.md`.
    pub location: Location,
}

/// The state of reading the summary's events.
#[derive(Default)]
struct Reader {
    entries: Vec<SummaryEntry>,
    /// How deep in lists the reader is, and the numbers of the open items.
    numbers: Vec<u32>,
    depth: usize,
    /// Whether a list has been met (links outside lists after it are suffix chapters).
    seen_list: bool,
    /// The text of the heading being read.
    heading: Option<String>,
    headings_seen: usize,
    /// The part title waiting for its first chapter.
    part: Option<String>,
    /// The link being read: its destination, its text so far, where it starts.
    link: Option<(String, String, usize)>,
    /// Whether the innermost open list item already has its chapter.
    item_has_link: bool,
}

/// The entries of `text`, the summary at `path`.
pub fn read_summary(path: &Path, text: &str, diags: &mut Diagnostics) -> Vec<SummaryEntry> {
    let lines = LineIndex::new(text);
    let mut reader = Reader::default();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        reader.event(event, range.start, path, &lines, diags);
    }
    reader.entries
}

impl Reader {
    fn event(
        &mut self,
        event: Event<'_>,
        offset: usize,
        path: &Path,
        lines: &LineIndex<'_>,
        diags: &mut Diagnostics,
    ) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => self.heading = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                let title = self.heading.take().unwrap_or_default().trim().to_string();
                self.headings_seen += 1;
                // The first heading, before any chapter, is the summary's own title.
                let is_title =
                    self.headings_seen == 1 && self.entries.is_empty() && !self.seen_list;
                if !is_title && !title.is_empty() {
                    self.part = Some(title);
                }
            }
            Event::Start(Tag::List(_)) => {
                self.depth += 1;
                self.numbers.truncate(self.depth);
                self.numbers.resize(self.depth, 0);
            }
            Event::End(TagEnd::List(_)) => {
                self.depth = self.depth.saturating_sub(1);
                self.numbers.truncate(self.depth + 1);
                if self.depth == 0 {
                    self.seen_list = true;
                }
            }
            Event::Start(Tag::Item) => {
                self.numbers.truncate(self.depth);
                if let Some(last) = self.numbers.last_mut() {
                    *last += 1;
                }
                self.item_has_link = false;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((dest_url.to_string(), String::new(), offset))
            }
            Event::End(TagEnd::Link) => self.end_link(path, lines, diags),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, title, _)) = &mut self.link {
                    title.push_str(&text);
                } else if let Some(heading) = &mut self.heading {
                    heading.push_str(&text);
                }
            }
            _ => {}
        }
    }

    fn end_link(&mut self, path: &Path, lines: &LineIndex<'_>, diags: &mut Diagnostics) {
        let Some((dest, title, offset)) = self.link.take() else {
            return;
        };
        let (line, column) = lines.line_column(offset);
        let location = Location::new(path, line, column);
        if self.depth > 0 && self.item_has_link {
            diags.warning(
                Some(location),
                format!("a second link in one SUMMARY.md item, '{title}', is not a chapter"),
            );
            return;
        }
        self.item_has_link = self.depth > 0;
        let place = if self.depth > 0 {
            Place::Numbered(self.numbers.clone())
        } else if self.seen_list {
            Place::Suffix
        } else {
            Place::Prefix
        };
        let part = match place {
            Place::Numbered(_) => self.part.take(),
            _ => None,
        };
        let dest = dest.trim();
        self.entries.push(SummaryEntry {
            title: title.trim().to_string(),
            file: (!dest.is_empty()).then(|| dest.to_string()),
            place,
            part,
            location,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>, Place, Option<String>)> {
        let mut diags = Diagnostics::new();
        read_summary(Path::new("SUMMARY.md"), text, &mut diags)
            .into_iter()
            .map(|e| (e.title, e.file, e.place, e.part))
            .collect()
    }

    #[test]
    fn prefix_parts_nesting_drafts_separators_and_suffix() {
        let text = "# Summary\n\n[Intro](README.md)\n[Preface](preface.md)\n\n# Basics\n\n\
                    - [One](one.md)\n    - [One A](one/a.md)\n        - [Deep](one/deep.md)\n\
                    - [Two](two.md)\n\n---\n\n# Advanced\n\n- [Three](three.md)\n- [Draft]()\n\n\
                    ---\n\n[Credits](credits.md)\n";
        let entries = read(text);
        let shown: Vec<String> = entries
            .iter()
            .map(|(title, file, place, part)| format!("{title} {file:?} {place:?} {part:?}"))
            .collect();
        assert_eq!(
            shown,
            [
                "Intro Some(\"README.md\") Prefix None",
                "Preface Some(\"preface.md\") Prefix None",
                "One Some(\"one.md\") Numbered([1]) Some(\"Basics\")",
                "One A Some(\"one/a.md\") Numbered([1, 1]) None",
                "Deep Some(\"one/deep.md\") Numbered([1, 1, 1]) None",
                "Two Some(\"two.md\") Numbered([2]) None",
                "Three Some(\"three.md\") Numbered([3]) Some(\"Advanced\")",
                "Draft None Numbered([4]) None",
                "Credits Some(\"credits.md\") Suffix None",
            ]
        );
    }

    #[test]
    fn a_summary_without_a_title_starts_with_its_chapters() {
        let entries = read("- [A](a.md)\n- [B](b.md)\n");
        assert_eq!(entries[1].2, Place::Numbered(vec![2]));
    }
}
