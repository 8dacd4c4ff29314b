//! Numbers, read by one routine with what differs between languages as a [`Numbers`]: in
//! code, radix prefixes, `_` between digits and type suffixes (`0x1F_u8`, `1.0f64`); in CSS,
//! signs and units (`-2.5em`, `50%`); in JSON, a sign and nothing more (`-2.5e3`). The data
//! formats (TOML, YAML) test a whole bare word: a number as they write it, infinity,
//! not-a-number, or a date or time.

use std::ops::Range;

use super::Cursor;

/// How a language writes numbers.
pub(in crate::highlight) struct Numbers {
    /// The signs that may open a number (`-2`, `+1.5`); none in code, where they are operators.
    pub signs: &'static str,
    /// The prefixes of hexadecimal, octal and binary numbers (`0x1F`).
    pub radixes: &'static [&'static str],
    /// Whether `_` may stand between digits (`1_000`).
    pub separators: bool,
    /// Whether a point may end the digits (`1.`), with no digit after it.
    pub bare_point: bool,
    /// What may follow the digits: a type suffix (`7u8`), a unit (`12px`, `50%`).
    pub suffix: fn(char) -> bool,
}

/// The programming languages' numbers: `42`, `0x1F`, `1_000`, `2.5e-3`, `7u8`, `1.0f64`.
pub(in crate::highlight) const CODE_NUMBERS: Numbers = Numbers {
    signs: "",
    radixes: &["0x", "0X", "0b", "0B", "0o", "0O"],
    separators: true,
    bare_point: false,
    suffix: |c| c.is_ascii_alphanumeric() || c == '_',
};

/// CSS's numbers and their units: `12px`, `-.5em`, `50%`, `1.5e3`.
pub(in crate::highlight) const CSS_NUMBERS: Numbers = Numbers {
    signs: "+-",
    radixes: &[],
    separators: false,
    bare_point: true,
    suffix: |c| c.is_ascii_alphabetic() || c == '%',
};

/// JSON's numbers: `-2.5e3`, with no `+`, radix, separator or suffix.
pub(in crate::highlight) const JSON_NUMBERS: Numbers = Numbers {
    signs: "-",
    radixes: &[],
    separators: false,
    bare_point: false,
    suffix: |_| false,
};

/// The numbers of TOML and YAML: `+1_000`, `0x1F`, `0o17`, `0b101`, `1.`, `6.02e23`.
const DATA_NUMBERS: Numbers = Numbers {
    signs: "+-",
    radixes: &["0x", "0o", "0b"],
    separators: true,
    bare_point: true,
    suffix: |_| false,
};

impl Cursor<'_> {
    /// Whether a number as `form` writes it starts at the cursor: a digit, or a point before
    /// one, after a sign if the form has signs.
    #[inline]
    pub fn at_number(&self, form: &Numbers) -> bool {
        let bytes = &self.bytes()[self.pos..];
        let signed = bytes
            .first()
            .is_some_and(|&b| form.signs.as_bytes().contains(&b));
        let body = &bytes[usize::from(signed)..];
        let digit = |at: usize| body.get(at).is_some_and(u8::is_ascii_digit);
        digit(0) || (body.first() == Some(&b'.') && digit(1))
    }

    /// Moves past a number as `form` writes it, if one starts at the cursor.
    pub fn take_number(&mut self, form: &Numbers) -> Option<Range<usize>> {
        if !self.at_number(form) {
            return None;
        }
        let start = self.pos;
        if self
            .byte()
            .is_some_and(|b| form.signs.as_bytes().contains(&b))
        {
            self.pos += 1;
        }
        let digit = |c: char| c.is_ascii_digit() || (form.separators && c == '_');
        let radix = form.radixes.iter().find(|prefix| self.starts_with(prefix));
        let radix_digit = |c: char| c.is_ascii_hexdigit() || (form.separators && c == '_');
        if let Some(prefix) = radix
            && self.rest()[prefix.len()..].starts_with(radix_digit)
        {
            self.pos += prefix.len();
            self.take_while(radix_digit);
        } else {
            self.take_while(digit);
            if self.peek() == Some('.')
                && (form.bare_point || self.peek2().is_some_and(|c| c.is_ascii_digit()))
            {
                self.bump();
                self.take_while(digit);
            }
            self.take_exponent(digit);
        }
        self.take_while(form.suffix);
        Some(start..self.pos)
    }

    /// Moves past an exponent (`e-3`, `E+8`) if one is at the cursor.
    fn take_exponent(&mut self, digit: impl Fn(char) -> bool) {
        if !matches!(self.peek(), Some('e' | 'E')) {
            return;
        }
        let rest = &self.rest()[1..];
        let unsigned = rest.strip_prefix(['+', '-']).unwrap_or(rest);
        if unsigned.starts_with(|c: char| c.is_ascii_digit()) {
            self.pos += 1 + rest.len() - unsigned.len();
            self.take_while(digit);
        }
    }
}

/// Whether `word` reads as a number in a data format: an integer or a float (with `_`
/// between digits, an exponent, a sign), hex, octal or binary after `0x`, `0o`, `0b`,
/// infinity or not-a-number (`inf`, YAML's `.inf`), or a date or time (`1979-05-27`,
/// `07:32:00`, `1979-05-27T07:32:00Z`), which themes colour as numbers.
pub(in crate::highlight) fn is_number(word: &str) -> bool {
    let unsigned = word.strip_prefix(['+', '-']).unwrap_or(word);
    if [".inf", "inf", ".nan", "nan"]
        .iter()
        .any(|name| unsigned.eq_ignore_ascii_case(name))
    {
        return true;
    }
    let b = unsigned.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) && b.iter().any(|&c| c == b'-' || c == b':') {
        return b.iter().all(|&c| is_date_byte(c));
    }
    let mut cursor = Cursor::new(word);
    cursor.take_number(&DATA_NUMBERS) == Some(0..word.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_word_is_a_number_as_toml_and_yaml_write_it() {
        for word in [
            "42",
            "+1_000",
            "-0x1F",
            "0o17",
            "0b101",
            "1.",
            ".5",
            "6.02e23",
            "1.e5",
            "-.inf",
            "NaN",
            "1979-05-27",
            "07:32:00",
            "1979-05-27T07:32:00Z",
        ] {
            assert!(is_number(word), "{word}");
        }
        for word in [
            "", "+", "-x", "0x", "0X1F", "0xG", "1e", "1e_5", "._5", "1.5.5", "12px",
        ] {
            assert!(!is_number(word), "{word}");
        }
    }

    /// Asserts that each of `numbers`, followed by `;`, reads whole as `form` writes numbers.
    fn assert_read_whole(form: &Numbers, numbers: &[&str]) {
        for number in numbers {
            let text = format!("{number};");
            let mut cursor = Cursor::new(&text);
            assert_eq!(cursor.take_number(form), Some(0..number.len()), "{number}");
        }
    }

    #[test]
    fn numbers_take_their_radix_fraction_exponent_and_suffix() {
        assert_read_whole(
            &CODE_NUMBERS,
            &[
                "42", "0x1F_u8", "1_000", "2.5e-3", "7u8", "1.0f64", ".5", "3E+8",
            ],
        );
        // A range's dots and a method call on a number stay out of it.
        let mut cursor = Cursor::new("1..2");
        assert_eq!(cursor.take_number(&CODE_NUMBERS), Some(0..1));
        let mut cursor = Cursor::new("x");
        assert_eq!(cursor.take_number(&CODE_NUMBERS), None);
    }

    #[test]
    fn a_css_number_takes_its_sign_and_unit() {
        assert_read_whole(
            &CSS_NUMBERS,
            &["12px", "-.5em", "+3", "50%", "1.5e3s", "1.", "-2e-3"],
        );
        assert_eq!(Cursor::new("-x").take_number(&CSS_NUMBERS), None);
    }
}
