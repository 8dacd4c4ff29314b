//! Page-break markers in a chapter's text (see `epub::page_list`): before a block, or before
//! the word of a block's text that a printed page begins with, counted as the PDF counts it.

use super::ChapterWriter;
use crate::epub::page_list::{Marker, WordMarker};
use crate::model::{Block, WordCounter};

/// The markers due inside the block being written, and how many of its words are written.
#[derive(Debug, Default)]
pub(super) struct BlockMarks<'a> {
    counter: WordCounter,
    due: &'a [WordMarker],
    next: usize,
    /// A block at its enclosing block's position (a list's first item's paragraph): its words
    /// are counted for the enclosing block's markers, which it leaves in place.
    shared: bool,
}

impl<'a> ChapterWriter<'a> {
    /// The markers of the chapter's opening, written where its document begins.
    pub(super) fn opening_markers(&mut self) {
        if let Some(marks) = self.marks {
            write_all(self, &marks.opening);
        }
    }

    /// Before a block: writes its markers that come before its first word and makes the rest
    /// due in its text. Returns the enclosing block's markers, for [`Self::end_block_marks`].
    pub(super) fn begin_block_marks(&mut self, block: &Block) -> BlockMarks<'a> {
        // A list and its first item's paragraph can start at the same position: the markers
        // go with the outer block, once.
        let first_visit = self.marked_blocks.insert(block.pos);
        if !first_visit {
            return BlockMarks {
                shared: true,
                ..BlockMarks::default()
            };
        }
        let due: &'a [WordMarker] = self
            .marks
            .and_then(|m| m.blocks.get(&block.pos))
            .map_or(&[], Vec::as_slice);
        let before = due.iter().take_while(|m| m.word == 0).count();
        for m in &due[..before] {
            m.marker.write(&mut self.xml);
        }
        std::mem::replace(
            &mut self.block_marks,
            BlockMarks {
                due: &due[before..],
                ..BlockMarks::default()
            },
        )
    }

    /// After a block: writes the markers its text did not reach (a page that begins after its
    /// last word), then goes back to the enclosing block's.
    pub(super) fn end_block_marks(&mut self, outer: BlockMarks<'a>) {
        if outer.shared {
            return;
        }
        let done = std::mem::replace(&mut self.block_marks, outer);
        for m in &done.due[done.next..] {
            m.marker.write(&mut self.xml);
        }
    }

    /// Text of the block being written, with the markers due before its words.
    pub(super) fn marked_text(&mut self, text: &str) {
        let marks = &mut self.block_marks;
        if marks.next >= marks.due.len() {
            marks.counter.read(text, |_, _| {});
            self.xml.text(text);
            return;
        }
        let mut cuts: Vec<(usize, &'a Marker)> = Vec::new();
        let (due, next) = (marks.due, &mut marks.next);
        marks.counter.read(text, |word, offset| {
            while let Some(m) = due.get(*next).filter(|m| m.word <= word) {
                cuts.push((offset, &m.marker));
                *next += 1;
            }
        });
        let mut from = 0;
        for (offset, marker) in cuts {
            self.xml.text(&text[from..offset]);
            marker.write(&mut self.xml);
            from = offset;
        }
        self.xml.text(&text[from..]);
    }

    /// Text written in another way (a footnote's number in its link), counted as words.
    pub(super) fn count_words(&mut self, text: &str) {
        self.block_marks.counter.read(text, |_, _| {});
    }

    /// A forced line break separates words.
    pub(super) fn marked_break(&mut self) {
        self.block_marks.counter.gap();
    }
}

fn write_all(w: &mut ChapterWriter, markers: &[Marker]) {
    for marker in markers {
        marker.write(&mut w.xml);
    }
}
