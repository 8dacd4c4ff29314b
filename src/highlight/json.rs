//! JSON, and JSONC's comments: a key (a string followed by `:`) is a tag, other strings are
//! strings with their escapes constants, numbers numbers, `true`, `false` and `null`
//! constants, `//` and `/* */` comments comments.

use super::scan::{Escapes, JSON_NUMBERS, Marker, is_name_byte};
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    while let Some(b) = scan.byte() {
        let start = scan.pos;
        match b {
            b'"' | b'\'' => {
                let token = if is_key(&scan) {
                    Token::Tag
                } else {
                    Token::String
                };
                scan.string(token, Escapes::Data, MULTILINE);
            }
            b'/' if scan.byte_at(1) == Some(b'/') => {
                scan.take_line();
                scan.mark(start, Token::Comment);
            }
            b'/' if scan.byte_at(1) == Some(b'*') => {
                scan.take_through("*/");
                scan.mark(start, Token::Comment);
            }
            b'-' | b'0'..=b'9' if scan.at_number(&JSON_NUMBERS) => {
                scan.take_number(&JSON_NUMBERS);
                scan.mark(start, Token::Number);
            }
            _ if is_name_byte(b) => {
                scan.skip_bytes(is_name_byte);
                if matches!(&scan.text[start..scan.pos], "true" | "false" | "null") {
                    scan.mark(start, Token::Constant);
                }
            }
            _ => scan.bump(),
        }
    }
    scan.finish();
}

/// JSON's strings: `\` escapes, and none holds a line end (an unterminated one stops at its
/// line's end, so one missing quote does not colour the rest of the file).
const MULTILINE: bool = false;

/// Whether the string opening at the cursor is followed (after blanks) by a colon.
fn is_key(scan: &Marker) -> bool {
    let quote = scan.bytes()[scan.pos];
    let mut at = scan.pos + 1;
    let bytes = scan.bytes();
    while at < bytes.len() && bytes[at] != quote && bytes[at] != b'\n' {
        at += if bytes[at] == b'\\' { 2 } else { 1 };
    }
    let after = bytes.get(at + 1..).unwrap_or_default();
    after
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b':')
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const OBJECT: &str = "{\n  // JSONC\n  \"name\": \"qu\\\"ire\",\n  \"tags\": [\"a\", \
        [1, -2.5e3]], /* more */\n  \"ok\": true, \"none\" : null, \"off\": false\n}\n";

    #[test]
    fn keys_strings_escapes_numbers_constants_and_comments() {
        let class = |needle| class_of(spans, OBJECT, needle);
        assert_eq!(class("// JSONC"), Token::Comment);
        assert_eq!(class("\"name\""), Token::Tag);
        assert_eq!(class("\"qu"), Token::String);
        assert_eq!(class("\\\""), Token::Constant);
        assert_eq!(class("ire\""), Token::String);
        assert_eq!(class("\"a\""), Token::String);
        assert_eq!(class("1"), Token::Number);
        assert_eq!(class("-2.5e3"), Token::Number);
        assert_eq!(class("/* more */"), Token::Comment);
        assert_eq!(class("true"), Token::Constant);
        // A key with a space before its colon.
        assert_eq!(class("\"none\""), Token::Tag);
        assert_eq!(class("null"), Token::Constant);
        assert_eq!(
            class_after(spans, OBJECT, "\"off\"", "false"),
            Token::Constant
        );
    }

    #[test]
    fn numbers_are_json_numbers() {
        let code = "[-0.5E+3, -, 12px, 0x1F, 1.]";
        let class = |after, needle| class_after(spans, code, after, needle);
        assert_eq!(class("", "-0.5E+3"), Token::Number);
        // A sign with no digit, a unit, a radix, a bare point: no JSON number holds them.
        assert_eq!(class(", ", "-"), Token::Plain);
        assert_eq!(class("12", "px"), Token::Plain);
        assert_eq!(class("0", "x1F"), Token::Plain);
        assert_eq!(class("1", "."), Token::Plain);
    }

    #[test]
    fn an_unterminated_string_ends_at_its_line() {
        let code = "{\"a\": \"open\n\"b\": 1}";
        assert_eq!(class_of(spans, code, "\"open"), Token::String);
        assert_eq!(class_of(spans, code, "\"b\""), Token::Tag);
    }
}
