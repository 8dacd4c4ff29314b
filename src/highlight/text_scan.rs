//! A cursor over a code block's text for the hand-written lexers of markup, style and data
//! formats (HTML, XML, CSS, JSON, YAML, TOML, INI, Markdown, diff): it moves over the text,
//! and a lexer marks the stretches that have a class; whatever lies between them is plain.
//!
//! Every delimiter these formats use is ASCII, and no byte of a multi-byte UTF-8 character
//! is, so the cursor stops only where a character starts: each move that could end inside
//! one goes on to the next character's start, and no span is cut inside a character.

use std::ops::Range;

use super::{Span, Token};

pub(super) struct Scan<'t, 'o> {
    pub text: &'t str,
    /// The text's bytes (the delimiters are matched on bytes).
    pub bytes: &'t [u8],
    /// Where the cursor is: always a character boundary.
    pub pos: usize,
    /// The end of the text already given a span: the cursor never marks before it.
    done: usize,
    out: &'o mut Vec<Span>,
}

impl<'t, 'o> Scan<'t, 'o> {
    pub fn new(text: &'t str, out: &'o mut Vec<Span>) -> Self {
        Scan {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            done: 0,
            out,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// The byte at the cursor, if any.
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The byte `ahead` bytes after the cursor, if any.
    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// The byte just before the cursor, if any.
    pub fn before(&self) -> Option<u8> {
        self.pos.checked_sub(1).map(|at| self.bytes[at])
    }

    pub fn starts_with(&self, word: &str) -> bool {
        self.bytes[self.pos..].starts_with(word.as_bytes())
    }

    /// Moves the cursor to `at` (clamped to the text), on to the next character's start.
    pub fn jump(&mut self, at: usize) {
        self.pos = at.min(self.bytes.len());
        while !self.text.is_char_boundary(self.pos) {
            self.pos += 1;
        }
    }

    /// Moves over one character.
    pub fn bump(&mut self) {
        self.jump(self.pos + 1);
    }

    /// Moves over `n` bytes (ASCII ones, or the cursor goes on to the next character).
    pub fn advance(&mut self, n: usize) {
        self.jump(self.pos + n);
    }

    /// Moves over the bytes `keep` accepts; a byte of a multi-byte character counts as
    /// `keep` says of it, and a stop inside one goes on to its end.
    pub fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        let rest = &self.bytes[self.pos..];
        let n = rest.iter().position(|&b| !keep(b)).unwrap_or(rest.len());
        self.advance(n);
    }

    /// Moves over spaces and tabs (not line ends).
    pub fn skip_blanks(&mut self) {
        self.skip_while(|b| b == b' ' || b == b'\t');
    }

    /// Moves over spaces, tabs and line ends.
    pub fn skip_space(&mut self) {
        self.skip_while(|b| b.is_ascii_whitespace());
    }

    /// Moves to the end of the line (before its `\n`), or of the text.
    pub fn skip_line(&mut self) {
        self.skip_while(|b| b != b'\n');
    }

    /// Moves past the next `close`, or to the end of the text if it has none.
    pub fn past(&mut self, close: &str) {
        let at = find(&self.bytes[self.pos..], close.as_bytes())
            .map_or(self.bytes.len(), |at| self.pos + at + close.len());
        self.jump(at);
    }

    /// Where the line holding the cursor ends (its `\n`, or the text's end).
    pub fn line_end(&self) -> usize {
        find(&self.bytes[self.pos..], b"\n").map_or(self.bytes.len(), |at| self.pos + at)
    }

    /// Gives `start..cursor` the class `token` (the text before it since the last mark, plain).
    pub fn mark(&mut self, start: usize, token: Token) {
        self.mark_range(start..self.pos, token);
    }

    /// Gives `range` the class `token`; the text between the last mark and it is plain. A range
    /// reaching back before the last mark keeps only its part after it.
    pub fn mark_range(&mut self, range: Range<usize>, token: Token) {
        let start = range.start.max(self.done).min(self.bytes.len());
        let end = range.end.clamp(start, self.bytes.len());
        super::push(self.out, self.done..start, Token::Plain);
        super::push(self.out, start..end, token);
        self.done = end;
    }

    /// Lexes the text from the cursor to `end` with another lexer (CSS inside HTML's `<style>`)
    /// and moves the cursor there.
    pub fn embed(&mut self, end: usize, lexer: fn(&str, &mut Vec<Span>)) {
        let start = self.pos;
        self.jump(end);
        let mut inner = Vec::new();
        lexer(&self.text[start..self.pos], &mut inner);
        self.mark_range(start..start, Token::Plain);
        for span in inner {
            let range = span.range.start + start..span.range.end + start;
            self.mark_range(range, span.token);
        }
        self.mark(start, Token::Plain);
    }

    /// Ends the lexing: the text after the last mark is plain.
    pub fn finish(mut self) {
        self.mark_range(self.bytes.len()..self.bytes.len(), Token::Plain);
    }
}

/// Where `needle` first occurs in `haystack`.
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(at) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + at;
        if haystack[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A byte of a name: ASCII letters, digits, `_`, `-`, and every byte of a non-ASCII
/// character (names in these formats may hold any letter).
pub(super) fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}

/// Moves over a quoted string opening at the cursor (the byte there is its quote), with `\`
/// escaping the next character when `escapes` is set; an unterminated one runs to the end of
/// the line when `one_line` is set, else to the end of the text. Escapes are marked
/// [`Token::Constant`] when `escapes` is set, the rest of the string `token`.
pub(super) fn string(scan: &mut Scan, token: Token, quoting: Quoting) {
    let quote = scan.bytes[scan.pos];
    let mut piece = scan.pos;
    scan.bump();
    while let Some(b) = scan.peek() {
        if b == quote {
            scan.bump();
            break;
        }
        if b == b'\n' && quoting.one_line {
            break;
        }
        if b == b'\\' && quoting.escapes {
            scan.mark(piece, token);
            let escape = scan.pos;
            scan.advance(1);
            match scan.peek() {
                Some(letter @ (b'u' | b'x' | b'U')) => {
                    scan.bump();
                    hex_digits(scan, letter);
                }
                Some(b'\n') if quoting.one_line => {}
                Some(_) => scan.bump(),
                None => {}
            }
            scan.mark(escape, Token::Constant);
            piece = scan.pos;
            continue;
        }
        scan.bump();
    }
    scan.mark(piece, token);
}

/// Moves over the hex digits of an escape that `letter` opens: two after `\x`, four after
/// `\u` (`\u00e9`), eight after `\U` (`\U0001F600`), as JSON, TOML and YAML read them.
fn hex_digits(scan: &mut Scan, letter: u8) {
    let digits = match letter {
        b'x' => 2,
        b'u' => 4,
        _ => 8,
    };
    let rest = &scan.bytes[scan.pos..];
    let n = rest
        .iter()
        .take(digits)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    scan.advance(n);
}

/// How a quoted string reads (see [`string`]).
#[derive(Clone, Copy)]
pub(super) struct Quoting {
    /// `\` escapes the next character.
    pub escapes: bool,
    /// The string cannot hold a line end: an unterminated one stops at its line's end.
    pub one_line: bool,
}

/// Whether `word` reads as a number in a data format: an integer or a float (with `_`
/// between digits, an exponent, a sign), hex, octal or binary after `0x`, `0o`, `0b`,
/// infinity or not-a-number (`inf`, YAML's `.inf`), or a date or time (`1979-05-27`,
/// `07:32:00`, `1979-05-27T07:32:00Z`), which themes colour as numbers.
pub(super) fn is_number(word: &str) -> bool {
    let unsigned = word.strip_prefix(['+', '-']).unwrap_or(word);
    let b = unsigned.as_bytes();
    if [".inf", "inf", ".nan", "nan"]
        .iter()
        .any(|name| unsigned.eq_ignore_ascii_case(name))
    {
        return true;
    }
    if b.len() > 2 && b[0] == b'0' && matches!(b[1], b'x' | b'o' | b'b') {
        return b[2..].iter().all(|&c| c.is_ascii_hexdigit() || c == b'_');
    }
    if !b.first().is_some_and(u8::is_ascii_digit) && !b.starts_with(b".") {
        return false;
    }
    if b.iter().any(|&c| c == b'-' || c == b':') {
        return b[0].is_ascii_digit() && b.iter().all(|&c| is_date_byte(c));
    }
    is_decimal(b)
}

/// A byte of a date or time: digits, `-`, `:`, the fraction's `.`, `T` or a space between
/// date and time, `Z` or an offset's `+`.
fn is_date_byte(c: u8) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            b'-' | b':' | b'.' | b'T' | b't' | b' ' | b'Z' | b'z' | b'+'
        )
}

/// Digits with `_` between them, an optional fraction, an optional exponent.
fn is_decimal(b: &[u8]) -> bool {
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|&&c| c.is_ascii_digit() || c == b'_')
            .count()
    };
    let whole = digits(0);
    let mut at = whole;
    let mut fraction = 0;
    if b.get(at) == Some(&b'.') {
        fraction = digits(at + 1);
        at += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(b.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(b.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == b.len()
}
