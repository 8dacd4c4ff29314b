//! Where the printed edition's pages begin, in reading order: what the PDF's layout found and
//! the EPUB marks as its page list (print page equivalence), so that a reader of the EPUB can
//! find "page 7" of the printed handout.
//!
//! A page that begins inside a paragraph is located by the paragraph's source position and how
//! many of its words come before the page: both outputs count words in the model's text with
//! [`is_word_gap`], so they agree without sharing any other state.

use super::Pos;

/// The printed pages of one edition (one paper size), in page order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrintPages {
    /// The edition the pages are those of, for the EPUB's `dc:source` ("Becoming a Medical
    /// Technician, print edition (A5)").
    pub edition: String,
    pub pages: Vec<PrintPage>,
}

/// One printed page: the label it prints (i, ii, 1, 2...) and where it begins.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintPage {
    pub label: String,
    pub start: PageStart,
}

/// Where a printed page begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStart {
    /// The cover, which carries the title: the EPUB's cover page.
    Cover,
    /// The imprint: the EPUB's title page, which carries the publisher and rights.
    Imprint,
    /// A page of the contents: the EPUB's contents page.
    Contents,
    /// A page of chapter `chapter` (an index into `Book::chapters`), beginning at `at`, or at
    /// the chapter's opening (its title) when None.
    Text {
        chapter: usize,
        at: Option<TextPoint>,
    },
    /// A page with no text of its own (the blank before a chapter that opens on a right-hand
    /// page): it begins where the next page does.
    Blank,
}

/// A point in a chapter's text: before word `word` (counted from 0) of the block that starts at
/// `block` in the chapter's source. Word 0 is the block's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextPoint {
    pub block: Pos,
    pub word: u32,
}

/// Whether `c` separates words when a page start is counted in words: white space that a line
/// may break at (not the no-break spaces, which hold a word together).
pub fn is_word_gap(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// Counts word starts in pieces of text read in order, carrying whether the last piece ended
/// inside a word (a word set in two styles is one word).
#[derive(Debug, Clone, Copy, Default)]
pub struct WordCounter {
    pub words: u32,
    in_word: bool,
}

impl WordCounter {
    /// Reads `text`; calls `at_word_start` with the index of each word that begins in it, and
    /// the byte offset where it begins.
    pub fn read(&mut self, text: &str, mut at_word_start: impl FnMut(u32, usize)) {
        for (offset, c) in text.char_indices() {
            if is_word_gap(c) {
                self.in_word = false;
            } else if !self.in_word {
                self.in_word = true;
                at_word_start(self.words, offset);
                self.words += 1;
            }
        }
    }

    /// A break between pieces that separates words (a line end, `<br>`).
    pub fn gap(&mut self) {
        self.in_word = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_across_pieces_and_no_break_spaces_hold_them_together() {
        let mut counter = WordCounter::default();
        let mut starts = Vec::new();
        counter.read("Grow 6\u{a0}percent ", |w, at| starts.push((w, at)));
        counter.read("by 20", |w, at| starts.push((w, at)));
        counter.read("24, emph", |w, at| starts.push((w, at)));
        assert_eq!(starts, vec![(0, 0), (1, 5), (2, 0), (3, 3), (4, 4)]);
        assert_eq!(counter.words, 5);
        counter.gap();
        counter.read("next", |w, _| starts.push((w, 99)));
        assert_eq!(starts.last(), Some(&(5, 99)));
    }
}
