//! Print page equivalence: the printed edition's pages (from the PDF's layout) as page-break
//! markers in the content documents and a `page-list` in the navigation document, so that a
//! reader of the EPUB finds "page 7" of the printed handout.
//!
//! Each printed page becomes one marker, in page order: the cover's in the cover page, the
//! imprint's in the title page, the contents' in the contents page, a chapter's at its opening
//! or before the word its page begins with. A blank page has no text of its own: its marker
//! stands where the next page's does.

use std::collections::HashMap;

use super::plan::{self, Plan};
use crate::model::{PageStart, Pos, PrintPages};
use crate::slug::UniqueIds;
use crate::xml::Xml;

/// One page-break marker: the label the printed page shows and the marker's id.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub label: String,
    pub id: String,
}

impl Marker {
    /// Writes the marker: an empty span that assistive technology announces by its label.
    pub fn write(&self, xml: &mut Xml) {
        xml.start(
            "span",
            &[
                ("id", &self.id),
                ("epub:type", "pagebreak"),
                ("role", "doc-pagebreak"),
                ("aria-label", &self.label),
            ],
        );
        xml.end();
    }
}

/// The markers of one chapter: at its opening, and per block (by its source position) before
/// a word of it, in page order.
#[derive(Debug, Clone, Default)]
pub struct ChapterMarks {
    pub opening: Vec<Marker>,
    pub blocks: HashMap<Pos, Vec<WordMarker>>,
}

impl ChapterMarks {
    /// Every marker of the chapter.
    pub fn markers(&self) -> impl Iterator<Item = &Marker> {
        let in_blocks = self.blocks.values().flatten().map(|m| &m.marker);
        self.opening.iter().chain(in_blocks)
    }
}

/// A marker that goes before word `word` of its block (0: before the block).
#[derive(Debug, Clone, PartialEq)]
pub struct WordMarker {
    pub word: u32,
    pub marker: Marker,
}

/// Every marker of the book, by the document it goes in, and the page list.
#[derive(Debug, Clone, Default)]
pub struct PageMarks {
    pub cover: Vec<Marker>,
    pub title_page: Vec<Marker>,
    pub contents: Vec<Marker>,
    pub chapters: Vec<ChapterMarks>,
    /// The `page-list` nav: (label, href) in page order.
    pub list: Vec<(String, String)>,
    /// The printed edition, for `dc:source`.
    pub edition: String,
}

/// Where a marker goes.
#[derive(Debug, Clone, Copy)]
enum Place {
    Cover,
    TitlePage,
    Contents,
    Opening(usize),
    Block {
        chapter: usize,
        block: Pos,
        word: u32,
    },
}

impl PageMarks {
    /// The markers of `print`'s pages, with ids unique in their documents (`plan` knows each
    /// chapter's ids).
    pub fn new(print: &PrintPages, plan: &Plan) -> PageMarks {
        let mut marks = PageMarks {
            chapters: vec![ChapterMarks::default(); plan.chapter_files.len()],
            edition: print.edition.clone(),
            ..PageMarks::default()
        };
        let mut ids: HashMap<Option<usize>, UniqueIds> = HashMap::new();
        let mut waiting = Vec::new();
        let mut last = Place::Cover;
        for page in &print.pages {
            let place = match page.start {
                PageStart::Blank => {
                    waiting.push(page.label.as_str());
                    continue;
                }
                PageStart::Cover => Place::Cover,
                PageStart::Imprint => Place::TitlePage,
                PageStart::Contents => Place::Contents,
                PageStart::Text { chapter, at: None } => Place::Opening(chapter),
                PageStart::Text {
                    chapter,
                    at: Some(at),
                } => Place::Block {
                    chapter,
                    block: at.block,
                    word: at.word,
                },
            };
            for label in waiting.drain(..).chain([page.label.as_str()]) {
                marks.add(place, label, plan, &mut ids);
            }
            last = place;
        }
        for label in waiting {
            marks.add(last, label, plan, &mut ids);
        }
        marks
    }

    fn add(
        &mut self,
        place: Place,
        label: &str,
        plan: &Plan,
        ids: &mut HashMap<Option<usize>, UniqueIds>,
    ) {
        let chapter = match place {
            Place::Opening(c) | Place::Block { chapter: c, .. } => Some(c),
            _ => None,
        };
        let file_ids = ids.entry(chapter).or_insert_with(|| match chapter {
            Some(c) => plan.taken_ids(c),
            None => UniqueIds::new(),
        });
        let marker = Marker {
            label: label.to_string(),
            id: file_ids.unique(&format!("page-{label}")),
        };
        let file = match place {
            Place::Cover => plan::COVER_PAGE,
            Place::TitlePage => plan::TITLE_PAGE,
            Place::Contents => plan::CONTENTS_PAGE,
            Place::Opening(c) | Place::Block { chapter: c, .. } => plan
                .chapter_files
                .get(c)
                .map_or(plan::TITLE_PAGE, String::as_str),
        };
        self.list
            .push((label.to_string(), format!("{file}#{}", marker.id)));
        match place {
            Place::Cover => self.cover.push(marker),
            Place::TitlePage => self.title_page.push(marker),
            Place::Contents => self.contents.push(marker),
            Place::Opening(c) => {
                if let Some(ch) = self.chapters.get_mut(c) {
                    ch.opening.push(marker);
                }
            }
            Place::Block {
                chapter,
                block,
                word,
            } => {
                if let Some(ch) = self.chapters.get_mut(chapter) {
                    ch.blocks
                        .entry(block)
                        .or_default()
                        .push(WordMarker { word, marker });
                }
            }
        }
    }

    /// The navigation document's `page-list`, labelled `label`: hidden from the page (reading
    /// systems show it in their own "go to page" control).
    pub fn nav(&self, label: &str) -> String {
        let mut xml = Xml::new();
        xml.start(
            "nav",
            &[
                ("epub:type", "page-list"),
                ("role", "doc-pagelist"),
                ("aria-label", label),
                ("hidden", "hidden"),
            ],
        );
        xml.start("ol", &[]);
        for (label, href) in &self.list {
            xml.start("li", &[]);
            xml.element("a", &[("href", href)], label);
            xml.end();
        }
        xml.finish()
    }

    /// The contents page's markers, as markup to put at the start of its body.
    pub fn contents_markup(&self) -> String {
        markers_markup(&self.contents)
    }
}

/// `markers` written one after another.
pub fn markers_markup(markers: &[Marker]) -> String {
    let mut xml = Xml::new();
    for marker in markers {
        marker.write(&mut xml);
    }
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PrintPage, TextPoint};

    fn page(label: &str, start: PageStart) -> PrintPage {
        PrintPage {
            label: label.into(),
            start,
        }
    }

    #[test]
    fn each_page_gets_one_marker_in_order_and_a_blank_shares_the_next_pages_place() {
        let plan = Plan {
            chapter_files: vec!["one.xhtml".into(), "two.xhtml".into()],
            anchors: vec![["page-2".to_string()].into(), Default::default()],
            ..Plan::default()
        };
        let at = |line, word| {
            Some(TextPoint {
                block: Pos { line, column: 1 },
                word,
            })
        };
        let print = PrintPages {
            edition: "A guide, print edition".into(),
            pages: vec![
                page("i", PageStart::Cover),
                page("ii", PageStart::Imprint),
                page("iii", PageStart::Contents),
                page(
                    "1",
                    PageStart::Text {
                        chapter: 0,
                        at: None,
                    },
                ),
                page(
                    "2",
                    PageStart::Text {
                        chapter: 0,
                        at: at(9, 14),
                    },
                ),
                page("3", PageStart::Blank),
                page(
                    "4",
                    PageStart::Text {
                        chapter: 1,
                        at: None,
                    },
                ),
            ],
        };
        let marks = PageMarks::new(&print, &plan);
        let labels: Vec<&str> = marks.list.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["i", "ii", "iii", "1", "2", "3", "4"]);
        assert_eq!(marks.list[0].1, "cover.xhtml#page-i");
        assert_eq!(marks.list[2].1, "toc.xhtml#page-iii");
        // A heading already has the id "page-2" in that chapter: the marker gets another.
        assert!(marks.list[4].1.starts_with("one.xhtml#page-2-"));
        assert_eq!(marks.list[5].1, "two.xhtml#page-3");
        let block = &marks.chapters[0].blocks[&Pos { line: 9, column: 1 }];
        assert_eq!(block[0].word, 14);
        let opening: Vec<&str> = marks.chapters[1]
            .opening
            .iter()
            .map(|m| m.label.as_str())
            .collect();
        assert_eq!(opening, ["3", "4"]);
        let nav = marks.nav("Print pages");
        assert!(nav.starts_with("<nav epub:type=\"page-list\""));
        assert!(nav.contains("<li><a href=\"two.xhtml#page-4\">4</a></li>"));
    }
}
