//! TOML and INI: table headers (`[table]`, `[[array.of.tables]]`, INI's `[section]`) are
//! types; keys (bare, quoted, dotted) tags; strings (basic with their escapes constants,
//! literal, multi-line `"""` and `'''`) strings; numbers, dates and times numbers; booleans
//! constants; `#` comments (and INI's `;`) comments. An INI value is the rest of its line: a
//! number, a boolean, a quoted string or plain text.

use super::scan::{Escapes, Marker, Quote, is_number};
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    // The arrays and inline tables open around the cursor.
    let mut open: Vec<u8> = Vec::new();
    let mut expect_key = true;
    while let Some(b) = scan.byte() {
        let start = scan.pos;
        match b {
            b'\n' => {
                scan.bump();
                expect_key = open.is_empty() || expect_key;
            }
            b' ' | b'\t' | b'\r' => scan.skip_bytes(|b| matches!(b, b' ' | b'\t' | b'\r')),
            b'#' => comment(&mut scan),
            b'[' if expect_key && open.is_empty() => header(&mut scan, false),
            b'=' => {
                expect_key = false;
                scan.bump();
            }
            b'[' | b'{' => {
                open.push(b);
                expect_key = b == b'{';
                scan.bump();
            }
            b']' | b'}' => {
                open.pop();
                scan.bump();
            }
            b',' => {
                expect_key = open.last() == Some(&b'{');
                scan.bump();
            }
            _ if expect_key => key(&mut scan),
            b'"' | b'\'' => toml_string(&mut scan),
            _ => {
                scan.skip_bytes(|b| !b.is_ascii_whitespace() && !b",]}#".contains(&b));
                // A date and a time may stand apart: `1979-05-27 07:32:00`.
                if is_date_with_time_after(scan.bytes(), start, scan.pos) {
                    scan.advance(1);
                    scan.skip_bytes(|b| !b.is_ascii_whitespace() && !b",]}#".contains(&b));
                }
                if scan.pos == start {
                    scan.bump();
                }
                let word = &scan.text[start..scan.pos];
                let token = match word {
                    "true" | "false" => Token::Constant,
                    _ if is_number(word) => Token::Number,
                    _ => Token::Plain,
                };
                scan.mark(start, token);
            }
        }
    }
    scan.finish();
}

/// INI: `[section]` headers, `key = value` or `key: value` lines, `;` and `#` comments at a
/// line's start.
pub(super) fn ini_spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    while !scan.at_end() {
        scan.skip_blanks();
        let start = scan.pos;
        match scan.byte() {
            Some(b'#' | b';') => {
                scan.take_line();
                scan.mark(start, Token::Comment);
            }
            Some(b'[') => header(&mut scan, true),
            Some(b'\n') | None => {}
            Some(_) => ini_entry(&mut scan),
        }
        scan.take_line();
        scan.bump();
    }
    scan.finish();
}

/// An INI line `key = value`: the key a tag, the value by what it reads as.
fn ini_entry(scan: &mut Marker) {
    let start = scan.pos;
    let line = &scan.bytes()[start..scan.line_end()];
    let Some(equals) = line.iter().position(|&b| b == b'=' || b == b':') else {
        return;
    };
    let key_end = start + line[..equals].trim_ascii_end().len();
    scan.jump(key_end);
    scan.mark(start, Token::Tag);
    scan.jump(start + equals + 1);
    scan.skip_blanks();
    let value = scan.pos;
    scan.take_line();
    let text = scan.text[value..scan.pos].trim_ascii_end();
    let token = match text.as_bytes().first() {
        Some(b'"' | b'\'') => Token::String,
        _ if is_number(text) => Token::Number,
        _ if ["true", "false", "yes", "no", "on", "off"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word)) =>
        {
            Token::Constant
        }
        _ => Token::Plain,
    };
    scan.mark_range(value..value + text.len(), token);
}

fn comment(scan: &mut Marker) {
    let start = scan.pos;
    scan.take_line();
    scan.mark(start, Token::Comment);
}

/// A table header from its `[` at the cursor to its `]` (or `]]`), a type, then the rest of
/// its line (a comment, `#` or in INI `;`).
fn header(scan: &mut Marker, ini: bool) {
    let start = scan.pos;
    while let Some(b) = scan.byte() {
        match b {
            b'\n' => break,
            b'"' | b'\'' if !ini => scan.string(Token::Type, Escapes::Data, MULTILINE),
            b']' => {
                scan.skip_bytes(|b| b == b']');
                break;
            }
            _ => scan.bump(),
        }
    }
    scan.mark(start, Token::Type);
    scan.skip_blanks();
    if matches!(scan.byte(), Some(b'#')) || (ini && scan.byte() == Some(b';')) {
        comment(scan);
    }
}

/// A key (`name`, `"quoted key"`, `site."google.com".x`) from the cursor to its `=`.
fn key(scan: &mut Marker) {
    let start = scan.pos;
    while let Some(b) = scan.byte() {
        match b {
            b'"' | b'\'' => {
                scan.mark(start, Token::Tag);
                scan.string(Token::Tag, Escapes::Data, MULTILINE);
            }
            b'=' | b'\n' | b'#' | b'}' | b',' => break,
            _ => scan.bump(),
        }
    }
    let end = start + scan.text[start..scan.pos].trim_ascii_end().len();
    scan.mark_range(start..end, Token::Tag);
}

/// TOML's one-line strings: `\` escapes in basic strings (literal ones have none, which
/// [`toml_string`] sees to), and a line end ends one left open.
const MULTILINE: bool = false;

/// A string value at the cursor: multi-line (`"""`, `'''`) or not, basic or literal.
fn toml_string(scan: &mut Marker) {
    let start = scan.pos;
    let literal = scan.byte() == Some(b'\'');
    let multi = if literal { "'''" } else { "\"\"\"" };
    let escapes = if literal {
        Escapes::None
    } else {
        Escapes::Data
    };
    if scan.starts_with(multi) {
        scan.advance(multi.len());
        let quote = Quote {
            close: multi,
            escapes,
            multiline: true,
        };
        scan.rest_of_string(start, &quote, Token::String);
        // A string may end in up to two quotes of its own: `""""a""""`.
        let quotes = scan.pos;
        scan.skip_bytes(|b| b == multi.as_bytes()[0]);
        scan.mark(quotes, Token::String);
    } else {
        scan.string(Token::String, escapes, MULTILINE);
    }
}

/// Whether the word `start..end` is a date and a time follows it after one space.
fn is_date_with_time_after(bytes: &[u8], start: usize, end: usize) -> bool {
    let word = &bytes[start..end];
    let date = word.len() == "1979-05-27".len()
        && word.iter().filter(|&&b| b == b'-').count() == 2
        && word[0].is_ascii_digit();
    let rest = &bytes[end..];
    date && rest.len() > 3
        && rest[0] == b' '
        && rest[1..3].iter().all(u8::is_ascii_digit)
        && rest.get(3) == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const FILE: &str = "# The range.\n[glucose]\nlow = 3.9\nunits = \"mmol/L\"\n\n\
        [server.http] # note\n\"quoted key\" = 'C:\\path'\nsite.\"google.com\".x = 0x1F\n\
        path = \"a\\tb\"\nports = [ 8000,\n  8001, # next\n  +1_000 ]\n\
        inline = { x = 1, y = \"two\" }\nbio = \"\"\"\nLine \"one\"\\\n  two\"\"\"\n\
        regex = '''I [dw]on't'''\nodt = 1979-05-27T07:32:00Z\nldt = 1979-05-27 07:32:00.999\n\
        lt = 07:32:00\nflag = true\n\n[[products]]\nname = \"Hammer\"\n";

    #[test]
    fn tables_keys_and_values_have_their_classes() {
        let class = |needle| class_of(spans, FILE, needle);
        assert_eq!(class("# The range."), Token::Comment);
        assert_eq!(class("[glucose]"), Token::Type);
        assert_eq!(class("low"), Token::Tag);
        assert_eq!(class("3.9"), Token::Number);
        assert_eq!(class("\"mmol/L\""), Token::String);
        assert_eq!(class("[server.http]"), Token::Type);
        assert_eq!(class("# note"), Token::Comment);
        assert_eq!(class("\"quoted key\""), Token::Tag);
        // A literal string has no escapes.
        assert_eq!(class("'C:\\path'"), Token::String);
        assert_eq!(class("site.\"google.com\".x"), Token::Tag);
        assert_eq!(class("0x1F"), Token::Number);
        assert_eq!(class("\\t"), Token::Constant);
        assert_eq!(class("[[products]]"), Token::Type);
        assert_eq!(class("true"), Token::Constant);
    }

    #[test]
    fn arrays_inline_tables_multi_line_strings_and_dates() {
        let class = |needle| class_of(spans, FILE, needle);
        assert_eq!(class("8001"), Token::Number);
        assert_eq!(class("# next"), Token::Comment);
        assert_eq!(class("+1_000"), Token::Number);
        assert_eq!(class_after(spans, FILE, "inline = {", "x"), Token::Tag);
        assert_eq!(class_after(spans, FILE, "inline = {", "y"), Token::Tag);
        assert_eq!(class("\"two\""), Token::String);
        assert_eq!(class("\"\"\"\nLine \"one\""), Token::String);
        assert_eq!(class("\\\n"), Token::Constant);
        assert_eq!(class("  two\"\"\""), Token::String);
        assert_eq!(class("'''I [dw]on't'''"), Token::String);
        assert_eq!(class("1979-05-27T07:32:00Z"), Token::Number);
        assert_eq!(class("1979-05-27 07:32:00.999"), Token::Number);
        assert_eq!(class_after(spans, FILE, "lt = ", "07:32:00"), Token::Number);
        // After a multi-line value, the next line starts with a key again.
        assert_eq!(class("regex"), Token::Tag);
        assert_eq!(class("ldt"), Token::Tag);
    }

    #[test]
    fn multi_line_strings_colour_whole_escapes_and_keep_their_closing_quotes() {
        let file = "bio = \"\"\"\ncaf\\u00e9\"\"\"\"\nquote = ''''a''''\n";
        let class = |needle| class_of(spans, file, needle);
        assert_eq!(class("\\u00e9"), Token::Constant);
        assert_eq!(class("\"\"\"\""), Token::String);
        assert_eq!(class("''''a''''"), Token::String);
    }

    #[test]
    fn ini_sections_keys_values_and_both_comments() {
        let ini = "; a comment\n# another\n[database]\nhost = db.example.com\nport: 5432\n\
            enabled = yes\nname = \"main db\"\n";
        let class = |needle| class_of(ini_spans, ini, needle);
        assert_eq!(class("; a comment"), Token::Comment);
        assert_eq!(class("# another"), Token::Comment);
        assert_eq!(class("[database]"), Token::Type);
        assert_eq!(class("host"), Token::Tag);
        assert_eq!(class("db.example.com"), Token::Plain);
        assert_eq!(class("port"), Token::Tag);
        assert_eq!(class("5432"), Token::Number);
        assert_eq!(class("yes"), Token::Constant);
        assert_eq!(class("\"main db\""), Token::String);
    }
}
