//! The markup and data formats' writer: a [`Cursor`] that their lexers move over the text,
//! marking the stretches that have a class (whatever lies between two marks is plain), and the
//! bytes their names hold.

use std::ops::{Deref, DerefMut, Range};

use super::{Cursor, Escapes, Quote, Spans};
use crate::highlight::{Span, Token, push};

/// A cursor and the spans marked so far (it reads as its [`Cursor`]).
pub(in crate::highlight) struct Marker<'t, 'o> {
    cursor: Cursor<'t>,
    marks: Marks<'o>,
}

/// The spans given so far, up to where they end.
struct Marks<'o> {
    /// The end of the text already given a span: nothing is marked before it.
    marked: usize,
    out: &'o mut Vec<Span>,
}

impl Spans for Marks<'_> {
    /// Gives `range` the class `token`; the text between the last mark and it is plain. A range
    /// reaching back before the last mark keeps only its part after it.
    #[inline]
    fn put(&mut self, range: Range<usize>, token: Token) {
        let start = range.start.max(self.marked);
        let end = range.end.max(start);
        push(self.out, self.marked..start, Token::Plain);
        push(self.out, start..end, token);
        self.marked = end;
    }
}

impl<'t> Deref for Marker<'t, '_> {
    type Target = Cursor<'t>;

    #[inline]
    fn deref(&self) -> &Cursor<'t> {
        &self.cursor
    }
}

impl DerefMut for Marker<'_, '_> {
    #[inline]
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.cursor
    }
}

impl<'t, 'o> Marker<'t, 'o> {
    pub fn new(text: &'t str, out: &'o mut Vec<Span>) -> Self {
        Marker {
            cursor: Cursor::new(text),
            marks: Marks { marked: 0, out },
        }
    }

    /// Gives `start..cursor` the class `token` (the text before it since the last mark, plain).
    #[inline]
    pub fn mark(&mut self, start: usize, token: Token) {
        self.mark_range(start..self.cursor.pos, token);
    }

    /// Gives `range` (clamped to the text) the class `token`; the text between the last mark
    /// and it is plain, and a range reaching back before the last mark keeps only its part
    /// after it.
    #[inline]
    pub fn mark_range(&mut self, range: Range<usize>, token: Token) {
        let len = self.cursor.text.len();
        self.marks
            .put(range.start.min(len)..range.end.min(len), token);
    }

    /// Moves over a quoted string opening at the cursor (the character there is its quote),
    /// marking it `token` and its escapes [`Token::Constant`]; one that may not run over lines
    /// and is left open ends at its line's end, else at the text's.
    #[inline]
    pub fn string(&mut self, token: Token, escapes: Escapes, multiline: bool) {
        let start = self.cursor.pos;
        let Some(open) = self.cursor.peek() else {
            return;
        };
        self.cursor.bump();
        let text = self.cursor.text;
        let quote = Quote {
            close: &text[start..start + open.len_utf8()],
            escapes,
            multiline,
        };
        self.rest_of_string(start, &quote, token);
    }

    /// Moves over the rest of a string that opened at `start` (the cursor past its opening),
    /// marking it `token` and its escapes [`Token::Constant`].
    #[inline]
    pub fn rest_of_string(&mut self, start: usize, quote: &Quote, token: Token) {
        self.cursor
            .string(&mut self.marks, start, quote, token, |_| false);
    }

    /// Lexes the text from the cursor to `end` with another lexer (CSS inside HTML's `<style>`)
    /// and moves the cursor there.
    pub fn embed(&mut self, end: usize, lexer: fn(&str, &mut Vec<Span>)) {
        let start = self.cursor.pos;
        self.cursor.jump(end);
        let mut inner = Vec::new();
        lexer(&self.cursor.text[start..self.cursor.pos], &mut inner);
        self.mark_range(start..start, Token::Plain);
        for span in inner {
            let range = span.range.start + start..span.range.end + start;
            self.mark_range(range, span.token);
        }
        self.mark(start, Token::Plain);
    }

    /// Ends the lexing: the text after the last mark is plain.
    pub fn finish(mut self) {
        let len = self.cursor.text.len();
        self.mark_range(len..len, Token::Plain);
    }
}

/// A byte of a name: ASCII letters, digits, `_`, `-`, and every byte of a non-ASCII
/// character (names in these formats may hold any letter).
pub(in crate::highlight) fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}
