//! Figure numbers (`[figures] numbered = true`): each chapter's figures numbered in reading
//! order, after the chapter's number ("Figure 2.1", "Figure A.3" in an appendix, "Figure 4" in
//! front or back matter), footnotes' figures after the text's. Both outputs print the label
//! before the caption.

use crate::model::walk::{self, VisitMut};
use crate::model::{Block, BlockKind, Book, ChapterKind, appendix_letter};
use crate::strings::Strings;

/// Gives every figure of the book its label.
pub fn number(book: &mut Book) {
    for chapter in &mut book.chapters {
        let prefix = match (
            chapter.kind,
            chapter.number,
            chapter.nesting.nested_number(),
        ) {
            (_, _, Some(nested)) => format!("{nested}."),
            (ChapterKind::Chapter, Some(n), None) => format!("{n}."),
            (ChapterKind::Appendix, Some(n), None) => format!("{}.", appendix_letter(n)),
            _ => String::new(),
        };
        let mut numberer = Numberer {
            strings: &book.strings,
            prefix,
            count: 0,
        };
        walk::walk_blocks_mut(&mut chapter.blocks, &mut numberer);
        for note in &mut chapter.footnotes {
            walk::walk_blocks_mut(&mut note.blocks, &mut numberer);
        }
    }
}

/// Counts one chapter's figures; the label's words are the book's string `figure`.
struct Numberer<'a> {
    strings: &'a Strings,
    prefix: String,
    count: u32,
}

impl VisitMut for Numberer<'_> {
    fn block(&mut self, block: &mut Block) {
        if let BlockKind::Figure(image) = &mut block.kind {
            self.count += 1;
            let number = format!("{}{}", self.prefix, self.count);
            image.label = Some(self.strings.fill("figure", &number));
        }
    }
}
