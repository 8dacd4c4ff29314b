//! A cursor over a code block's text, shared by the lexers: it reads characters, words, numbers
//! and quoted strings, and only ever stops on a character's boundary, so that every span it
//! yields can slice the text (which is UTF-8) and no input makes it panic.

use std::ops::Range;

use super::{Span, Token, push};

/// A position in a text, moved forward by whole characters.
pub(super) struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

/// How a string treats a backslash.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Escapes {
    /// `\n`, `\x41`, `\u{1F600}` are escapes, coloured as constants within the string.
    Coloured,
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

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn done(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// The text from the cursor on.
    pub fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    /// The text between `range`'s ends (empty if they are not character boundaries).
    pub fn slice(&self, range: Range<usize>) -> &'t str {
        self.text.get(range).unwrap_or("")
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character after the next one.
    pub fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    /// The character before the cursor.
    pub fn before(&self) -> Option<char> {
        self.text[..self.pos].chars().next_back()
    }

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

    /// Moves past one character and returns it.
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Moves `len` bytes on, or to the end of the text; `len` must end on a character boundary
    /// (else the cursor stays).
    pub fn skip(&mut self, len: usize) {
        let to = (self.pos + len).min(self.text.len());
        if self.text.is_char_boundary(to) {
            self.pos = to;
        }
    }

    /// Moves past `s` if the text goes on with it.
    pub fn eat(&mut self, s: &str) -> bool {
        let found = self.starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Moves past the characters `keep` accepts; returns how far it went.
    pub fn take_while(&mut self, keep: impl Fn(char) -> bool) -> Range<usize> {
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !keep(c))
            .unwrap_or(self.rest().len());
        self.pos += len;
        start..self.pos
    }

    /// Moves to the end of the line (before its newline).
    pub fn take_line(&mut self) -> Range<usize> {
        self.take_while(|c| c != '\n')
    }

    /// Moves past `close` and what stands before it, or to the end of the text without it.
    pub fn take_through(&mut self, close: &str) -> Range<usize> {
        let start = self.pos;
        self.pos = match self.rest().find(close) {
            Some(at) => self.pos + at + close.len(),
            None => self.text.len(),
        };
        start..self.pos
    }

    /// Moves past a number (`42`, `0x1F`, `1_000`, `2.5e-3`, `7u8`, `1.0f64`) if one starts here.
    pub fn take_number(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        let digit_first = self.peek().is_some_and(|c| c.is_ascii_digit());
        let dot_first =
            self.peek() == Some('.') && self.peek2().is_some_and(|c| c.is_ascii_digit());
        if !digit_first && !dot_first {
            return None;
        }
        let radix = ["0x", "0X", "0b", "0B", "0o", "0O"];
        if radix.iter().any(|prefix| self.starts_with(prefix)) {
            self.pos += 2;
            self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
            return Some(start..self.pos);
        }
        self.take_while(|c| c.is_ascii_digit() || c == '_');
        if self.peek() == Some('.') && self.peek2().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            self.take_while(|c| c.is_ascii_digit() || c == '_');
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let exponent = self.rest()[1..].trim_start_matches(['+', '-']);
            if exponent.starts_with(|c: char| c.is_ascii_digit()) {
                self.bump();
                self.eat("+");
                self.eat("-");
                self.take_while(|c| c.is_ascii_digit() || c == '_');
            }
        }
        // A suffix: `u32`, `f64`, `L`, `n`.
        self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
        Some(start..self.pos)
    }

    /// Moves past an escape (the cursor on its backslash): `\n`, `\x41`, `\u{…}`, `\033`.
    fn take_escape(&mut self) -> Range<usize> {
        let start = self.pos;
        self.bump();
        match self.bump() {
            Some('u') if self.starts_with("{") => {
                self.take_while(|c| c != '}' && c != '\n' && c != '"');
                self.eat("}");
            }
            Some(letter) if escape_digits(letter) > 0 => {
                self.take_digits(escape_digits(letter), 16)
            }
            Some(c) if c.is_digit(8) => self.take_digits(OCTAL_ESCAPE_DIGITS - 1, 8),
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

    /// Reads the inside of a string that began at `from` (its opening already passed), pushing
    /// it as [`Token::String`] with escapes as [`Token::Constant`]. Returns true when it stops
    /// because `pause` holds at the cursor (an interpolation, which the caller reads and then
    /// calls again with the cursor as `from`), false when the string has ended: past its close,
    /// at its line's end if it may not run over lines, or at the end of the text.
    pub fn string(
        &mut self,
        out: &mut Vec<Span>,
        from: usize,
        quote: &Quote,
        pause: impl Fn(&Cursor) -> bool,
    ) -> bool {
        let mut run = from;
        loop {
            let Some(c) = self.peek() else {
                push(out, run..self.pos, Token::String);
                return false;
            };
            if self.starts_with(quote.close) {
                self.pos += quote.close.len();
                push(out, run..self.pos, Token::String);
                return false;
            }
            if c == '\n' && !quote.multiline {
                push(out, run..self.pos, Token::String);
                return false;
            }
            if pause(self) {
                push(out, run..self.pos, Token::String);
                return true;
            }
            if c == '\\' && quote.escapes != Escapes::None {
                if quote.escapes == Escapes::Coloured {
                    push(out, run..self.pos, Token::String);
                    let escape = self.take_escape();
                    push(out, escape, Token::Constant);
                    run = self.pos;
                } else {
                    self.bump();
                    self.bump();
                }
                continue;
            }
            self.bump();
        }
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
    fn numbers_take_their_radix_fraction_exponent_and_suffix() {
        for number in [
            "42", "0x1F_u8", "1_000", "2.5e-3", "7u8", "1.0f64", ".5", "3E+8",
        ] {
            let text = format!("{number};");
            let mut cursor = Cursor::new(&text);
            assert_eq!(cursor.take_number(), Some(0..number.len()), "{number}");
        }
        // A range's dots and a method call on a number stay out of it.
        let mut cursor = Cursor::new("1..2");
        assert_eq!(cursor.take_number(), Some(0..1));
        let mut cursor = Cursor::new("x");
        assert_eq!(cursor.take_number(), None);
    }

    #[test]
    fn a_string_colours_its_escapes_and_stops_at_its_close() {
        let text = "\"a\\n\\x41\\u{1F600}b\" rest";
        let mut cursor = Cursor::new(text);
        cursor.bump();
        let quote = double_quoted(false);
        let mut out = Vec::new();
        assert!(!cursor.string(&mut out, 0, &quote, |_| false));
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
            cursor.string(&mut out, 0, &quote, |_| false);
            assert!(
                out.iter().all(|s| text.is_char_boundary(s.range.end)),
                "{text}"
            );
            assert_eq!(out.last().map(|s| s.range.end), Some(text.len()));
        }
    }
}
