//! The cursor every lexer reads a code block's text with: it steps over characters, words,
//! lines and quoted strings (their escapes coloured apart), and only ever stops on a
//! character's boundary, so that every span it yields can slice the text (which is UTF-8) and
//! no input makes it panic. The programming languages' lexer looks at characters (`peek`,
//! `take_while`), as their words may hold any letter; the markup and data formats' lexers match
//! their ASCII delimiters on bytes (`byte`, `skip_bytes`), which no byte of a multi-byte
//! character equals, and a byte move that would end inside a character goes on to its end.
//! Numbers are read in [`number`]; [`Marker`] writes the formats' spans as their lexers go.

mod marker;
mod number;

use std::ops::Range;

use super::{Span, Token, push};

pub(super) use marker::{Marker, is_name_byte};
pub(super) use number::{CODE_NUMBERS, CSS_NUMBERS, JSON_NUMBERS, is_number};

/// A position in a text, moved forward by whole characters.
pub(super) struct Cursor<'t> {
    pub text: &'t str,
    /// Where the cursor is: always a character boundary.
    pub pos: usize,
}

/// How a string treats a backslash.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Escapes {
    /// The programming languages' escapes, `\n`, `\x41`, `\u{1F600}`, `\033`, coloured as
    /// constants within the string.
    Coloured,
    /// `\n`, `\x41`, `\u00e9`, `\U0001F600` are escapes, coloured as constants, as JSON, TOML,
    /// YAML and CSS read them: no octal, no braces, and in a one-line string a backslash at the
    /// line's end escapes nothing (the string ends there).
    Data,
    /// A backslash keeps the next character in the string (`r"\""` in Python) but is no escape.
    Kept,
    /// A backslash is a character like any other (Rust's raw strings, shell's `'…'`).
    None,
}

/// The end of a quoted string and what it holds.
pub(super) struct Quote<'q> {
    pub close: &'q str,
    pub escapes: Escapes,
    /// Whether the string may run over lines; one that may not ends, unclosed, at its line's end.
    pub multiline: bool,
}

/// Hexadecimal digits an escape such as `\x41` or `\u0041` holds at most, by its letter.
fn escape_digits(letter: char) -> usize {
    match letter {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => 0,
    }
}

/// Octal digits at most in an escape such as `\033`.
const OCTAL_ESCAPE_DIGITS: usize = 3;

impl<'t> Cursor<'t> {
    pub fn new(text: &'t str) -> Self {
        Cursor { text, pos: 0 }
    }

    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// The text's bytes.
    #[inline]
    pub fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// The text from the cursor on.
    #[inline]
    pub fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    /// The text between `range`'s ends (empty if they are not character boundaries).
    pub fn slice(&self, range: Range<usize>) -> &'t str {
        self.text.get(range).unwrap_or("")
    }

    #[inline]
    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character after the next one.
    #[inline]
    pub fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    /// The character before the cursor.
    #[inline]
    pub fn before(&self) -> Option<char> {
        self.text[..self.pos].chars().next_back()
    }

    /// The byte at the cursor.
    #[inline]
    pub fn byte(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// The byte `ahead` bytes after the cursor.
    #[inline]
    pub fn byte_at(&self, ahead: usize) -> Option<u8> {
        self.bytes().get(self.pos + ahead).copied()
    }

    /// The byte just before the cursor.
    #[inline]
    pub fn byte_before(&self) -> Option<u8> {
        self.pos.checked_sub(1).map(|at| self.bytes()[at])
    }

    #[inline]
    pub fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Whether only spaces stand between the line's start and the cursor.
    pub fn at_line_start(&self) -> bool {
        self.text[..self.pos]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(|c| c == ' ' || c == '\t')
    }

    /// Moves past one character.
    #[inline]
    pub fn bump(&mut self) {
        match self.byte() {
            Some(b) if b.is_ascii() => self.pos += 1,
            Some(_) => self.pos += self.peek().map_or(0, char::len_utf8),
            None => {}
        }
    }

    /// Moves to `at` (or the text's end), on to the next character's start.
    #[inline]
    pub fn jump(&mut self, at: usize) {
        self.pos = at.min(self.text.len());
        while !self.text.is_char_boundary(self.pos) {
            self.pos += 1;
        }
    }

    /// Moves `len` bytes on (on to the next character's start if that is inside one).
    #[inline]
    pub fn advance(&mut self, len: usize) {
        self.jump(self.pos + len);
    }

    /// Moves past `s` if the text goes on with it.
    #[inline]
    pub fn eat(&mut self, s: &str) -> bool {
        let found = self.starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Moves past the characters `keep` accepts; returns how far it went.
    #[inline]
    pub fn take_while(&mut self, keep: impl Fn(char) -> bool) -> Range<usize> {
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !keep(c))
            .unwrap_or(self.rest().len());
        self.pos += len;
        start..self.pos
    }

    /// Moves over the bytes `keep` accepts; a byte of a multi-byte character counts as `keep`
    /// says of it, and a stop inside one goes on to its end.
    #[inline]
    pub fn skip_bytes(&mut self, keep: impl Fn(u8) -> bool) {
        let rest = &self.bytes()[self.pos..];
        let len = rest.iter().position(|&b| !keep(b)).unwrap_or(rest.len());
        self.advance(len);
    }

    /// Moves over spaces and tabs (not line ends).
    pub fn skip_blanks(&mut self) {
        self.skip_bytes(|b| b == b' ' || b == b'\t');
    }

    /// Moves over spaces, tabs and line ends.
    pub fn skip_space(&mut self) {
        self.skip_bytes(|b| b.is_ascii_whitespace());
    }

    /// Moves to the end of the line (before its newline).
    pub fn take_line(&mut self) -> Range<usize> {
        let start = self.pos;
        self.pos = self.line_end();
        start..self.pos
    }

    /// Where the line holding the cursor ends (its newline, or the text's end).
    pub fn line_end(&self) -> usize {
        self.find("\n").unwrap_or(self.text.len())
    }

    /// Moves past `close` and what stands before it, or to the end of the text without it.
    pub fn take_through(&mut self, close: &str) -> Range<usize> {
        let start = self.pos;
        self.pos = match self.find(close) {
            Some(at) => at + close.len(),
            None => self.text.len(),
        };
        start..self.pos
    }

    /// Where `needle` next occurs from the cursor on. Code's delimiters are short and near:
    /// looking for their first byte and comparing the rest is quicker than a string search.
    fn find(&self, needle: &str) -> Option<usize> {
        let (&first, rest) = needle.as_bytes().split_first()?;
        let bytes = self.bytes();
        let mut from = self.pos;
        while let Some(at) = bytes[from..].iter().position(|&b| b == first) {
            let at = from + at;
            if bytes[at + 1..].starts_with(rest) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// Moves past an escape (the cursor on its backslash) as `quote` reads them: `\n`, `\x41`,
    /// `\u{…}`, `\033` in code, `\n`, `\u00e9`, `\U0001F600` in data.
    fn take_escape(&mut self, quote: &Quote) -> Range<usize> {
        let start = self.pos;
        self.bump();
        if quote.escapes == Escapes::Data && self.peek() == Some('\n') && !quote.multiline {
            return start..self.pos;
        }
        let letter = self.peek();
        self.bump();
        match letter {
            Some('u') if quote.escapes == Escapes::Coloured && self.starts_with("{") => {
                self.take_while(|c| c != '}' && c != '\n' && c != '"');
                self.eat("}");
            }
            Some(letter) if escape_digits(letter) > 0 => {
                self.take_digits(escape_digits(letter), 16)
            }
            Some(c) if quote.escapes == Escapes::Coloured && c.is_digit(8) => {
                self.take_digits(OCTAL_ESCAPE_DIGITS - 1, 8)
            }
            _ => {}
        }
        start..self.pos
    }

    /// Moves past at most `n` digits of `radix`.
    fn take_digits(&mut self, n: usize, radix: u32) {
        for _ in 0..n {
            match self.peek() {
                Some(c) if c.is_digit(radix) => self.pos += 1,
                _ => break,
            }
        }
    }

    /// Reads the inside of a string that began at `from` (its opening already passed), giving
    /// it to `out` as `token` with escapes as [`Token::Constant`]. Returns true when it stops
    /// because `pause` holds at the cursor (an interpolation, which the caller reads and then
    /// calls again with the cursor as `from`), false when the string has ended: past its close,
    /// at its line's end if it may not run over lines, or at the end of the text.
    pub fn string(
        &mut self,
        out: &mut impl Spans,
        from: usize,
        quote: &Quote,
        token: Token,
        pause: impl Fn(&Cursor) -> bool,
    ) -> bool {
        let mut run = from;
        // The string's delimiters are ASCII: they are looked for on bytes.
        let close = quote.close.as_bytes().first().copied();
        loop {
            let Some(b) = self.byte() else {
                out.put(run..self.pos, token);
                return false;
            };
            if Some(b) == close && self.starts_with(quote.close) {
                self.pos += quote.close.len();
                out.put(run..self.pos, token);
                return false;
            }
            if b == b'\n' && !quote.multiline {
                out.put(run..self.pos, token);
                return false;
            }
            if pause(self) {
                out.put(run..self.pos, token);
                return true;
            }
            if b == b'\\' && quote.escapes != Escapes::None {
                if quote.escapes == Escapes::Kept {
                    self.bump();
                    self.bump();
                } else {
                    out.put(run..self.pos, token);
                    let escape = self.take_escape(quote);
                    out.put(escape, Token::Constant);
                    run = self.pos;
                }
                continue;
            }
            self.bump();
        }
    }
}

/// Where a lexer's spans go: a list of them, or a [`Marker`].
pub(super) trait Spans {
    /// Gives `range` the class `token`.
    fn put(&mut self, range: Range<usize>, token: Token);
}

impl Spans for Vec<Span> {
    fn put(&mut self, range: Range<usize>, token: Token) {
        push(self, range, token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `"…"` string with escapes.
    fn double_quoted(multiline: bool) -> Quote<'static> {
        Quote {
            close: "\"",
            escapes: Escapes::Coloured,
            multiline,
        }
    }

    #[test]
    fn a_string_colours_its_escapes_and_stops_at_its_close() {
        let text = "\"a\\n\\x41\\u{1F600}b\" rest";
        let mut cursor = Cursor::new(text);
        cursor.bump();
        let quote = double_quoted(false);
        let mut out = Vec::new();
        assert!(!cursor.string(&mut out, 0, &quote, Token::String, |_| false));
        let parts: Vec<(&str, Token)> = out
            .iter()
            .map(|s| (&text[s.range.clone()], s.token))
            .collect();
        assert_eq!(
            parts,
            [
                ("\"a", Token::String),
                ("\\n\\x41\\u{1F600}", Token::Constant),
                ("b\"", Token::String)
            ]
        );
    }

    #[test]
    fn the_cursor_stops_on_character_boundaries_at_the_end_of_any_text() {
        for text in ["\"é\\", "'\\é", "0xé", "1eé", "\\u{é"] {
            let mut cursor = Cursor::new(text);
            cursor.bump();
            let quote = double_quoted(true);
            let mut out = Vec::new();
            cursor.string(&mut out, 0, &quote, Token::String, |_| false);
            assert!(
                out.iter().all(|s| text.is_char_boundary(s.range.end)),
                "{text}"
            );
            assert_eq!(out.last().map(|s| s.range.end), Some(text.len()));
        }
    }
}
