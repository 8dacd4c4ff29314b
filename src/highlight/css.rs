//! CSS: selectors' element names are tags, their classes, ids, attributes and pseudo-classes
//! attributes; property names attributes; in values, numbers with their units and hex colours
//! numbers, strings strings, functions (`rgb(`, `var(`) functions, `!important` a keyword;
//! at-rules (`@media`) keywords; comments. Blocks nest (`@media` holds rules, and CSS nesting
//! puts rules among declarations): the lexer keeps one context per open brace.

use super::scan::{CSS_NUMBERS, Escapes, Marker, is_name_byte};
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    // What each open brace holds: rules (the top level, `@media`) or declarations.
    let mut blocks: Vec<Block> = Vec::new();
    let mut at_rule = false;
    let mut stop = Stop::default();
    while let Some(b) = scan.byte() {
        let inside = blocks.last().copied().unwrap_or(Block::Rules);
        match b {
            b'/' if scan.byte_at(1) == Some(b'*') => comment(&mut scan),
            b'"' | b'\'' => scan.string(Token::String, Escapes::Data, MULTILINE),
            b'{' => {
                blocks.push(if at_rule && !holds_declarations(&scan) {
                    Block::Rules
                } else {
                    Block::Declarations
                });
                at_rule = false;
                scan.bump();
            }
            b'}' => {
                blocks.pop();
                at_rule = false;
                scan.bump();
            }
            b';' => {
                at_rule = false;
                scan.bump();
            }
            b'@' => {
                let start = scan.pos;
                scan.bump();
                scan.skip_bytes(is_name_byte);
                scan.mark(start, Token::Keyword);
                at_rule = true;
            }
            _ if at_rule => value(&mut scan),
            // A declaration at the top level too: a snippet may show one without its rule.
            _ if is_name_start(b) && is_property(&scan, inside, &mut stop) => {
                declaration(&mut scan)
            }
            _ => selector(&mut scan),
        }
    }
    scan.finish();
}

/// What a pair of braces holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Rules,
    Declarations,
}

/// CSS strings: `\` escapes, and a line end inside one is an error that ends it.
const MULTILINE: bool = false;

/// At-rules whose braces hold declarations rather than rules (`@font-face { src: … }`).
const DECLARATION_AT_RULES: [&str; 5] = [
    "@font-face",
    "@page",
    "@property",
    "@counter-style",
    "@font-feature-values",
];

/// Whether the at-rule whose `{` is at the cursor holds declarations: read back to its `@`.
fn holds_declarations(scan: &Marker) -> bool {
    let before = &scan.text[..scan.pos];
    before.rfind('@').is_some_and(|at| {
        let name = &before[at..];
        DECLARATION_AT_RULES
            .iter()
            .any(|rule| name.starts_with(rule))
    })
}

fn comment(scan: &mut Marker) {
    let start = scan.pos;
    scan.take_through("*/");
    scan.mark(start, Token::Comment);
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'-' || b == b'_' || b >= 0x80
}

/// Whether the name at the cursor is followed by `:` and then not by what a nested rule's
/// pseudo-class would (`a:hover {` is a rule, `color: red;` a declaration). Among rules (at
/// the top level) a declaration must end in `;`: `a:hover` alone is a selector.
fn is_property(scan: &Marker, inside: Block, stop: &mut Stop) -> bool {
    let rest = &scan.bytes()[scan.pos..];
    let name = rest.iter().take_while(|&&b| is_name_byte(b)).count();
    let after = &rest[name..];
    let blanks = after
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if after.get(blanks) != Some(&b':') {
        return false;
    }
    // A declaration's value ends at `;` or `}` before any `{`.
    let value = scan.pos + name + blanks + 1;
    match stop.after(scan.bytes(), value) {
        Some(at) => {
            let end = scan.bytes()[at];
            end != b'{' && (inside == Block::Declarations || end == b';')
        }
        None => inside == Block::Declarations,
    }
}

/// The first `{`, `;` or `}` after a place, kept once found: a selector list of many
/// pseudo-classes (`a:hover b:focus … {`) asks for the same one at each, and finding it anew
/// each time would read the list once per name.
#[derive(Default)]
struct Stop {
    /// Where the last search began and what it found (None: no stop before the text's end).
    known: Option<(usize, Option<usize>)>,
}

impl Stop {
    fn after(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        // Between the last search's start and its stop there is none, so a search from
        // anywhere in there finds the same one.
        if let Some((start, found)) = self.known
            && start <= from
            && found.is_none_or(|at| from <= at)
        {
            return found;
        }
        let found = bytes[from.min(bytes.len())..]
            .iter()
            .position(|&b| matches!(b, b'{' | b';' | b'}'))
            .map(|at| from + at);
        self.known = Some((from, found));
        found
    }
}

/// A declaration from its property name at the cursor to its end (`;` or `}`, left to the
/// caller).
fn declaration(scan: &mut Marker) {
    let start = scan.pos;
    scan.skip_bytes(is_name_byte);
    scan.mark(start, Token::Attribute);
    scan.skip_blanks();
    scan.bump(); // the colon
    while let Some(b) = scan.byte() {
        match b {
            b';' | b'}' | b'{' => break,
            b'/' if scan.byte_at(1) == Some(b'*') => comment(scan),
            b'"' | b'\'' => scan.string(Token::String, Escapes::Data, MULTILINE),
            _ => value(scan),
        }
    }
}

/// One piece of a value (or an at-rule's prelude) at the cursor.
fn value(scan: &mut Marker) {
    let start = scan.pos;
    let Some(b) = scan.byte() else { return };
    match b {
        b'/' if scan.byte_at(1) == Some(b'*') => comment(scan),
        b'"' | b'\'' => scan.string(Token::String, Escapes::Data, MULTILINE),
        b'#' => {
            scan.bump();
            scan.skip_bytes(is_name_byte);
            scan.mark(start, Token::Number);
        }
        b'!' => {
            scan.bump();
            scan.skip_blanks();
            scan.skip_bytes(is_name_byte);
            scan.mark(start, Token::Keyword);
        }
        b'0'..=b'9' | b'.' | b'+' | b'-' if scan.at_number(&CSS_NUMBERS) => {
            scan.take_number(&CSS_NUMBERS);
            scan.mark(start, Token::Number);
        }
        _ if is_name_start(b) => {
            scan.skip_bytes(is_name_byte);
            if scan.byte() == Some(b'(') {
                let url = scan.text[start..scan.pos].eq_ignore_ascii_case("url");
                scan.mark(start, Token::Function);
                if url {
                    unquoted_url(scan);
                }
            } else if scan.byte() == Some(b':') {
                // A feature in a media query: `(max-width: 600px)`.
                scan.mark(start, Token::Attribute);
            }
        }
        _ => scan.bump(),
    }
}

/// The address of `url(` when it is not quoted: a string up to the `)`.
fn unquoted_url(scan: &mut Marker) {
    scan.bump(); // the parenthesis
    scan.skip_blanks();
    if matches!(scan.byte(), Some(b'"' | b'\'')) {
        return;
    }
    let start = scan.pos;
    scan.skip_bytes(|b| b != b')' && b != b'\n');
    scan.mark(start, Token::String);
}

/// One piece of a selector at the cursor.
fn selector(scan: &mut Marker) {
    let start = scan.pos;
    let Some(b) = scan.byte() else { return };
    match b {
        b'.' | b'#' | b':' => {
            scan.skip_bytes(|b| matches!(b, b'.' | b'#' | b':'));
            scan.skip_bytes(is_name_byte);
            scan.mark(start, Token::Attribute);
        }
        b'[' => {
            scan.bump();
            scan.skip_blanks();
            let name = scan.pos;
            scan.skip_bytes(is_name_byte);
            scan.mark(name, Token::Attribute);
        }
        _ if is_name_start(b) => {
            scan.skip_bytes(is_name_byte);
            scan.mark(start, Token::Tag);
        }
        _ => scan.bump(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const SHEET: &str = "/* Layout */\n@media screen and (max-width: 600px) {\n  \
        nav li.active, #main:hover { color: rgb(10 20 30 / 50%) !important; }\n  \
        a[href^=\"http\"] { margin: -2px 0 .5rem; background: url(img/a.png); }\n}\n\
        p { font-family: \"Noto Sans\", serif; &:focus { color: #fff; } }\n";

    #[test]
    fn selectors_properties_and_values_have_their_classes() {
        let class = |needle| class_of(spans, SHEET, needle);
        assert_eq!(class("/* Layout */"), Token::Comment);
        assert_eq!(class("@media"), Token::Keyword);
        assert_eq!(class("max-width"), Token::Attribute);
        assert_eq!(class("600px"), Token::Number);
        assert_eq!(class("nav"), Token::Tag);
        assert_eq!(class(".active"), Token::Attribute);
        assert_eq!(class("#main:hover"), Token::Attribute);
        assert_eq!(
            class_after(spans, SHEET, "#main", "color"),
            Token::Attribute
        );
        assert_eq!(class("rgb"), Token::Function);
        assert_eq!(class("50%"), Token::Number);
        assert_eq!(class("!important"), Token::Keyword);
        assert_eq!(class("href"), Token::Attribute);
        assert_eq!(class("\"http\""), Token::String);
        assert_eq!(class("-2px"), Token::Number);
        assert_eq!(class(".5rem"), Token::Number);
        assert_eq!(class("img/a.png"), Token::String);
        assert_eq!(class("\"Noto Sans\""), Token::String);
        assert_eq!(class("serif"), Token::Plain);
    }

    #[test]
    fn nested_rules_and_font_faces_are_told_from_declarations() {
        // `&:focus {` among declarations is a rule, its pseudo-class an attribute.
        assert_eq!(class_of(spans, SHEET, ":focus"), Token::Attribute);
        assert_eq!(class_of(spans, SHEET, "#fff"), Token::Number);
        // Declarations after a selector list of pseudo-classes, each looked at as a property.
        let list = "a:hover b:focus { color: red; top: 0 }";
        assert_eq!(class_of(spans, list, ":focus"), Token::Attribute);
        assert_eq!(class_of(spans, list, "color"), Token::Attribute);
        assert_eq!(class_of(spans, list, "red"), Token::Plain);
        assert_eq!(class_of(spans, list, "top"), Token::Attribute);
        assert_eq!(class_of(spans, list, "0"), Token::Number);
        // A declaration shown without its rule.
        let bare = "color: red;\na:hover";
        assert_eq!(class_of(spans, bare, "color"), Token::Attribute);
        assert_eq!(class_of(spans, bare, "a"), Token::Tag);
        assert_eq!(class_of(spans, bare, ":hover"), Token::Attribute);
        let face = "@font-face { font-family: X; src: url(x.woff2); }";
        assert_eq!(class_of(spans, face, "font-family"), Token::Attribute);
        assert_eq!(class_of(spans, face, "src"), Token::Attribute);
    }
}
