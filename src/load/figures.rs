//! Figure numbers (`[figures] numbered = true`): each chapter's figures numbered in reading
//! order, after the chapter's number ("Figure 2.1", "Figure A.3" in an appendix, "Figure 4" in
//! front or back matter), footnotes' figures after the text's. Both outputs print the label
//! before the caption.

use crate::model::walk::{self, VisitMut};
use crate::model::{Block, BlockKind, Book, ChapterKind, appendix_letter};

/// The word before a figure's number.
pub const FIGURE_WORD: &str = "Figure";

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
        let mut numberer = Numberer { prefix, count: 0 };
        walk::walk_blocks_mut(&mut chapter.blocks, &mut numberer);
        for note in &mut chapter.footnotes {
            walk::walk_blocks_mut(&mut note.blocks, &mut numberer);
        }
    }
}

/// Counts one chapter's figures.
struct Numberer {
    prefix: String,
    count: u32,
}

impl VisitMut for Numberer {
    fn block(&mut self, block: &mut Block) {
        if let BlockKind::Figure(image) = &mut block.kind {
            self.count += 1;
            image.label = Some(format!("{FIGURE_WORD} {}{}", self.prefix, self.count));
        }
    }
}
