//! The document model as XHTML5 content documents: one per chapter, plus the title and cover
//! pages. Semantics go into `epub:type` and ARIA roles; presentation is left to the stylesheet.
//!
//! `pages` writes the documents around the content; a `ChapterWriter` writes a chapter's
//! content, by job: `blocks`, `lists` (lists and definition lists), `tables`, `inlines` (with
//! links), `notes` (footnote marks and the chapter's footnotes) and `marks` (the printed
//! edition's page breaks).

mod blocks;
mod inlines;
mod lists;
mod marks;
mod notes;
mod pages;
mod tables;

use std::collections::{HashMap, HashSet};

use super::page_list::ChapterMarks;
use super::plan::Plan;
use super::xml::Xml;
use crate::diagnostic::Diagnostics;
use crate::model::{Book, Chapter, Image};
use crate::slug::UniqueIds;

pub use pages::{chapter_page, cover_page, title_page};

/// Writes one chapter's blocks and inlines.
struct ChapterWriter<'a> {
    book: &'a Book,
    plan: &'a Plan,
    index: usize,
    diags: &'a mut Diagnostics,
    xml: Xml,
    /// Ids handed out for second and later references to the same footnote.
    ids: UniqueIds,
    /// How often each footnote has been referenced so far.
    note_refs: HashMap<u32, u32>,
    /// Inside an `<a>`: a footnote mark must not become a nested link.
    in_link: bool,
    /// The chapter's page-break markers, when the EPUB lists the printed pages.
    marks: Option<&'a ChapterMarks>,
    /// The markers due in the text of the block being written.
    block_marks: marks::BlockMarks<'a>,
    /// The blocks whose markers have been placed, by position.
    marked_blocks: HashSet<crate::model::Pos>,
}

impl<'a> ChapterWriter<'a> {
    fn new(
        book: &'a Book,
        plan: &'a Plan,
        index: usize,
        marks: Option<&'a ChapterMarks>,
        diags: &'a mut Diagnostics,
    ) -> Self {
        let mut ids = plan.taken_ids(index);
        // The page-break markers' ids are given out already.
        for marker in marks.into_iter().flat_map(ChapterMarks::markers) {
            ids.reserve(&marker.id);
        }
        ChapterWriter {
            book,
            plan,
            index,
            diags,
            xml: Xml::new(),
            ids,
            note_refs: HashMap::new(),
            in_link: false,
            marks,
            block_marks: marks::BlockMarks::default(),
            marked_blocks: HashSet::new(),
        }
    }

    fn chapter(&self) -> &'a Chapter {
        &self.book.chapters[self.index]
    }

    fn image_href(&self, image: &Image) -> Option<String> {
        let i = image.asset?;
        self.plan.images.get(i)?.as_ref().map(|p| p.href.clone())
    }

    /// An image that could not be loaded: its alt text stands in (the loader reported it).
    fn missing_image(&mut self, image: &Image, tag: &'static str) {
        self.xml.start(tag, &[("class", "missing-image")]);
        self.xml.text(&image.alt);
        self.xml.end();
    }
}
