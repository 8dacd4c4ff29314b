//! Numbers: the programming languages' (read at the cursor: radix prefixes, `_` between
//! digits, fractions, exponents, type suffixes) and the data formats' (a bare word that reads as
//! an integer, a float, infinity, not-a-number, or a date or time).

use std::ops::Range;

use super::Cursor;

impl Cursor<'_> {
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
}

/// Whether `word` reads as a number in a data format: an integer or a float (with `_`
/// between digits, an exponent, a sign), hex, octal or binary after `0x`, `0o`, `0b`,
/// infinity or not-a-number (`inf`, YAML's `.inf`), or a date or time (`1979-05-27`,
/// `07:32:00`, `1979-05-27T07:32:00Z`), which themes colour as numbers.
pub(in crate::highlight) fn is_number(word: &str) -> bool {
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
