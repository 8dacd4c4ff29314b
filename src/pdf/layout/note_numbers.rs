//! How the PDF numbers footnotes: through the book when chapters run on, so that notes of two
//! chapters sharing a page never repeat a number there ("1. 2. 3." then "1. 2."), and from 1 in
//! each chapter when every chapter opens a page of its own. The EPUB, a file per chapter,
//! keeps each chapter's own numbers.

use super::url_notes::{MarkPlace, with_url_notes};
use crate::model::{Book, ChapterOpening, ShowUrls};
use crate::pdf::style::PrintStyle;

/// What each chapter's note numbers add to their own (its notes as the PDF sets them, with
/// the links' addresses in footnote mode): the notes of the chapters before it when chapters
/// run on, else 0. By chapter index.
pub fn offsets(book: &Book, style: &PrintStyle, marks: MarkPlace) -> Vec<u32> {
    if style.chapter_opening != ChapterOpening::RunOn {
        return vec![0; book.chapters.len()];
    }
    let mut before = 0;
    book.chapters
        .iter()
        .map(|chapter| {
            let offset = before;
            let noted = (style.links.show_urls == ShowUrls::Footnote)
                .then(|| with_url_notes(chapter, marks))
                .flatten();
            let count = noted.map_or(chapter.footnotes.len(), |n| n.chapter.footnotes.len());
            before += count as u32;
            offset
        })
        .collect()
}
