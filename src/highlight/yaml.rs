//! YAML: keys are tags; quoted strings and block scalars (`|`, `>` and their indented lines)
//! strings; plain scalars plain, unless they read as numbers (numbers) or as booleans and
//! null (`true`, `no`, `null`, `~`: constants); `#` comments comments; the document markers
//! `---` and `...` and directives (`%YAML`) keywords; anchors and aliases (`&a`, `*a`)
//! attributes; tags (`!!str`, `!local`) types. List dashes and flow punctuation are plain.
//!
//! Plain scalars stay plain so that a file's keys stand out from its values: most values of a
//! configuration file are plain scalars, and colouring them too would colour the whole file.

use super::scan::{Escapes, Marker, is_number};
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    while !scan.at_end() {
        line(&mut scan);
        scan.take_line();
        scan.bump();
    }
    scan.finish();
}

/// A line from its start: the document markers and directives, else indentation, list dashes
/// and a key, then the node after them (which may run on over the next lines).
fn line(scan: &mut Marker) {
    let line_start = scan.pos;
    if is_document_marker(scan.bytes(), line_start) {
        scan.advance(3);
        scan.mark(line_start, Token::Keyword);
        return node(scan, None);
    }
    if scan.byte() == Some(b'%') {
        scan.take_line();
        return scan.mark(line_start, Token::Keyword);
    }
    scan.skip_blanks();
    // The column a block scalar's lines must be indented past.
    let mut owner = scan.pos - line_start;
    while matches!(scan.byte(), Some(b'-' | b'?' | b':'))
        && matches!(scan.byte_at(1), None | Some(b' ' | b'\t' | b'\n'))
    {
        owner = scan.pos - line_start;
        scan.advance(1);
        scan.skip_blanks();
    }
    if let Some(end) = key_end(scan.bytes(), scan.pos) {
        let start = scan.pos;
        owner = start - line_start;
        scan.jump(end);
        scan.mark(start, Token::Tag);
        scan.skip_blanks();
        scan.advance(1); // the colon
    }
    node(scan, Some(owner));
}

/// Whether a `---` or `...` at `at` (a line's start) stands alone or before a space.
fn is_document_marker(bytes: &[u8], at: usize) -> bool {
    let rest = &bytes[at..];
    (rest.starts_with(b"---") || rest.starts_with(b"..."))
        && rest.get(3).is_none_or(|b| b.is_ascii_whitespace())
}

/// Both kinds of quoted string may run over lines.
const MULTILINE: bool = true;
/// The double-quoted strings' escapes.
const DOUBLE: Escapes = Escapes::Data;
/// Single-quoted strings have no escapes: `''` is a quote, read here as two strings that meet.
const SINGLE: Escapes = Escapes::None;

/// The node at the cursor up to its line's end (a block scalar or a flow collection, further):
/// its anchor, alias, tag, value and comment. `owner` is the column its block scalar's lines
/// must be indented past; None at a document's top, where any line is.
fn node(scan: &mut Marker, owner: Option<usize>) {
    loop {
        scan.skip_blanks();
        let start = scan.pos;
        match scan.byte() {
            None | Some(b'\n') => return,
            Some(b'#') => {
                scan.take_line();
                return scan.mark(start, Token::Comment);
            }
            Some(b'&' | b'*') => property(scan, Token::Attribute),
            Some(b'!') => property(scan, Token::Type),
            Some(b'|' | b'>') => return block_scalar(scan, owner),
            Some(b'"') => scan.string(Token::String, DOUBLE, MULTILINE),
            Some(b'\'') => scan.string(Token::String, SINGLE, MULTILINE),
            Some(b'[' | b'{') => flow(scan),
            Some(_) => scalar(scan, false),
        }
    }
}

/// An anchor, alias or tag: up to a space or a flow collection's punctuation.
fn property(scan: &mut Marker, token: Token) {
    let start = scan.pos;
    scan.bump();
    scan.skip_bytes(|b| !b.is_ascii_whitespace() && !is_flow_indicator(b));
    scan.mark(start, token);
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// A plain scalar at the cursor: a key if a `:` follows it, else plain, a number or a
/// constant by what it reads as.
fn scalar(scan: &mut Marker, flow: bool) {
    let start = scan.pos;
    let Plain { end, key } = plain_end(scan.bytes(), start, flow);
    if end == start {
        return scan.bump();
    }
    scan.jump(end);
    let token = if key {
        Token::Tag
    } else {
        scalar_class(&scan.text[start..scan.pos])
    };
    scan.mark(start, token);
}

/// The class of a plain scalar that is a value.
fn scalar_class(text: &str) -> Token {
    // YAML 1.2's booleans and nulls, and 1.1's `yes`, `no`, `on`, `off`, which many files use.
    const CONSTANTS: [&str; 8] = ["true", "false", "yes", "no", "on", "off", "null", "~"];
    if CONSTANTS.iter().any(|word| text.eq_ignore_ascii_case(word)) {
        Token::Constant
    } else if is_number(text) {
        Token::Number
    } else {
        Token::Plain
    }
}

/// Where a plain scalar starting at a byte ends (without the blanks before a comment).
struct Plain {
    end: usize,
    /// A `:` and a space (or the line's end) follow it: it is a key.
    key: bool,
}

/// Where the plain scalar at `from` ends: at a `:` before a space, a ` #`, the line's end, or
/// in a flow collection its punctuation.
fn plain_end(bytes: &[u8], from: usize, flow: bool) -> Plain {
    let mut at = from;
    let mut key = false;
    while at < bytes.len() {
        let b = bytes[at];
        let next = bytes.get(at + 1).copied();
        if b == b'\n' || (flow && is_flow_indicator(b)) {
            break;
        }
        if b == b'#' && at > from && matches!(bytes[at - 1], b' ' | b'\t') {
            break;
        }
        if b == b':'
            && next.is_none_or(|n| n.is_ascii_whitespace() || (flow && is_flow_indicator(n)))
        {
            key = true;
            break;
        }
        at += 1;
    }
    while at > from && matches!(bytes[at - 1], b' ' | b'\t') {
        at -= 1;
    }
    Plain { end: at, key }
}

/// Where a key at `from` ends, if a key starts there: a quoted string or a plain scalar
/// followed by `:` and a space or the line's end.
fn key_end(bytes: &[u8], from: usize) -> Option<usize> {
    let first = *bytes.get(from)?;
    match first {
        b'"' | b'\'' => {
            let end = quoted_end(bytes, from)?;
            let colon = end + bytes[end..].iter().take_while(|&&b| b == b' ').count();
            let after = bytes.get(colon + 1).copied();
            (bytes.get(colon) == Some(&b':') && after.is_none_or(|b| b.is_ascii_whitespace()))
                .then_some(end)
        }
        b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'[' | b'{' | b'%' | b'@' | b'`' => None,
        _ => {
            let plain = plain_end(bytes, from, false);
            (plain.key && plain.end > from).then_some(plain.end)
        }
    }
}

/// The end (after its closing quote) of the quoted string at `from`, if it closes on its line.
fn quoted_end(bytes: &[u8], from: usize) -> Option<usize> {
    let quote = bytes[from];
    let mut at = from + 1;
    while at < bytes.len() && bytes[at] != b'\n' {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            b if b == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// A block scalar from its indicator (`|`, `>-`, `|2`) at the cursor: the indicator and the
/// lines after it that are blank or indented past `owner` are strings.
fn block_scalar(scan: &mut Marker, owner: Option<usize>) {
    let start = scan.pos;
    scan.skip_bytes(|b| matches!(b, b'|' | b'>' | b'-' | b'+') || b.is_ascii_digit());
    scan.mark(start, Token::String);
    scan.skip_blanks();
    if scan.byte() == Some(b'#') {
        let comment = scan.pos;
        scan.take_line();
        scan.mark(comment, Token::Comment);
    }
    scan.take_line();
    while scan.byte() == Some(b'\n') {
        let next = scan.pos + 1;
        let rest = &scan.bytes()[next..];
        let indent = rest.iter().take_while(|&&b| b == b' ').count();
        let blank = rest[indent..]
            .iter()
            .find(|&&b| b != b' ' && b != b'\t')
            .is_none_or(|&b| b == b'\n');
        let inside = blank
            || match owner {
                Some(column) => indent > column,
                None => !is_document_marker(scan.bytes(), next),
            };
        if !inside {
            return;
        }
        let line_break = scan.pos;
        scan.bump();
        scan.take_line();
        scan.mark(line_break, Token::String);
    }
}

/// A flow collection (`[a, b]`, `{k: v}`) from its bracket at the cursor to the one closing it,
/// over lines if it runs on.
fn flow(scan: &mut Marker) {
    let mut depth = 0usize;
    while let Some(b) = scan.byte() {
        let start = scan.pos;
        match b {
            b'[' | b'{' => {
                depth += 1;
                scan.bump();
            }
            b']' | b'}' => {
                scan.bump();
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
            b'"' | b'\'' => {
                let key = key_end(scan.bytes(), start).is_some();
                let token = if key { Token::Tag } else { Token::String };
                scan.string(token, if b == b'"' { DOUBLE } else { SINGLE }, MULTILINE);
            }
            b'#' if scan.byte_before().is_none_or(|b| b.is_ascii_whitespace()) => {
                scan.take_line();
                scan.mark(start, Token::Comment);
            }
            b'&' | b'*' => property(scan, Token::Attribute),
            b'!' => property(scan, Token::Type),
            b',' | b':' => scan.bump(),
            _ if b.is_ascii_whitespace() => scan.skip_space(),
            _ => scalar(scan, true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const DOCUMENT: &str = "%YAML 1.2\n---\n# Settings\nname: quire\nversion: 1.2\n\
        enabled: yes\nempty: ~\nquoted: \"a\\tb\" # trailing\nsingle: 'it''s'\n\
        base: &base\n  adapter: postgres\ndev:\n  <<: *base\ntags: !!set {a, b: 2}\n\
        people:\n  - name: Ann\n    age: 31\n  - name: Bob\n\
        description: |\n  Line one\n    indented: not a key\n\n  after blank\n\
        folded: >-\n  text\n\"quoted key\": v\n...\n";

    #[test]
    fn keys_scalars_comments_markers_anchors_and_tags() {
        let class = |needle| class_of(spans, DOCUMENT, needle);
        assert_eq!(class("%YAML 1.2"), Token::Keyword);
        assert_eq!(class("---"), Token::Keyword);
        assert_eq!(class("# Settings"), Token::Comment);
        assert_eq!(class("name"), Token::Tag);
        assert_eq!(class("quire"), Token::Plain);
        assert_eq!(
            class_after(spans, DOCUMENT, "version: ", "1.2"),
            Token::Number
        );
        assert_eq!(class("yes"), Token::Constant);
        assert_eq!(class("~"), Token::Constant);
        assert_eq!(class("\"a"), Token::String);
        assert_eq!(class("\\t"), Token::Constant);
        assert_eq!(class("# trailing"), Token::Comment);
        assert_eq!(class("'it''s'"), Token::String);
        assert_eq!(class("&base"), Token::Attribute);
        assert_eq!(class("adapter"), Token::Tag);
        assert_eq!(class("*base"), Token::Attribute);
        assert_eq!(class("!!set"), Token::Type);
        assert_eq!(class_after(spans, DOCUMENT, "{a, ", "b"), Token::Tag);
        assert_eq!(class("\"quoted key\""), Token::Tag);
        assert_eq!(class("..."), Token::Keyword);
    }

    #[test]
    fn a_list_of_maps_and_block_scalars() {
        let class = |needle| class_of(spans, DOCUMENT, needle);
        assert_eq!(class("  - "), Token::Plain);
        assert_eq!(class_after(spans, DOCUMENT, "- ", "name"), Token::Tag);
        assert_eq!(class("age"), Token::Tag);
        assert_eq!(class("31"), Token::Number);
        // The block scalar, its indicator and lines, a blank one among them, is one string.
        assert_eq!(
            class("|\n  Line one\n    indented: not a key\n\n  after blank"),
            Token::String
        );
        assert_eq!(class(">-\n  text"), Token::String);
        assert_eq!(class("folded"), Token::Tag);
    }
}
