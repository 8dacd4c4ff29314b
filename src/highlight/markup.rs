//! HTML and XHTML, XML and SVG: a tag's name with its angle brackets is a tag, its attributes'
//! names attributes and their values strings; comments are comments; `<!DOCTYPE …>` and
//! processing instructions (`<?xml …?>`) keywords, their pseudo-attributes as a tag's;
//! entities (`&amp;`, `&#233;`) constants; CDATA sections strings. A `<style>` element's
//! body is CSS, lexed by [`super::css`]; a `<script>`'s goes to [`script`].

use super::scan::{Marker, is_name_byte};
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    while let Some(b) = scan.byte() {
        let start = scan.pos;
        match b {
            b'<' if scan.starts_with("<!--") => {
                scan.take_through("-->");
                scan.mark(start, Token::Comment);
            }
            b'<' if scan.starts_with("<![CDATA[") => {
                scan.take_through("]]>");
                scan.mark(start, Token::String);
            }
            b'<' if scan.byte_at(1) == Some(b'!') => {
                scan.take_through(">");
                scan.mark(start, Token::Keyword);
            }
            b'<' if scan.byte_at(1) == Some(b'?') => instruction(&mut scan),
            b'<' if scan.byte_at(1).is_some_and(starts_tag) => element(&mut scan),
            b'&' => entity(&mut scan),
            _ => scan.bump(),
        }
    }
    scan.finish();
}

/// A script's body, lexed as JavaScript ([`Marker::embed`] moves its spans to where it
/// stands).
fn script(code: &str, out: &mut Vec<Span>) {
    super::code::spans(&super::languages::JAVASCRIPT, code, out);
}

/// Whether the byte after `<` opens a tag: a name's first letter, or `/` for a closing tag.
/// Anything else (`a < b`) leaves the `<` as text.
fn starts_tag(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'/' || b == b'_' || b >= 0x80
}

/// A name in a tag: letters, digits, `-`, `_`, `.` and a namespace's `:` (`svg:rect`,
/// `xlink:href`).
fn is_tag_name_byte(b: u8) -> bool {
    is_name_byte(b) || b == b':' || b == b'.'
}

/// A tag from its `<` at the cursor to its `>`; then, after a `<style>` or `<script>` start
/// tag, the element's body up to its end tag.
fn element(scan: &mut Marker) {
    let start = scan.pos;
    scan.advance(1);
    let closing = scan.byte() == Some(b'/');
    if closing {
        scan.advance(1);
    }
    let name_start = scan.pos;
    scan.skip_bytes(is_tag_name_byte);
    let name = &scan.text[name_start..scan.pos];
    let body: Option<fn(&str, &mut Vec<Span>)> = if closing {
        None
    } else if name.eq_ignore_ascii_case("style") {
        Some(super::css::spans)
    } else if name.eq_ignore_ascii_case("script") {
        Some(script)
    } else {
        None
    };
    scan.mark(start, Token::Tag);
    let self_closed = attributes(scan);
    if let (Some(lexer), false) = (body, self_closed) {
        let end_tag = format!("</{name}");
        let end = find_ignore_case(&scan.bytes()[scan.pos..], end_tag.as_bytes())
            .map_or(scan.bytes().len(), |at| scan.pos + at);
        scan.embed(end, lexer);
    }
}

/// A tag's attributes, up to and with its `>` (or `?>`, `/>`); whether it closes itself.
fn attributes(scan: &mut Marker) -> bool {
    while let Some(b) = scan.byte() {
        let start = scan.pos;
        match b {
            b'>' => {
                scan.bump();
                scan.mark(start, Token::Tag);
                return false;
            }
            b'/' | b'?' if scan.byte_at(1) == Some(b'>') => {
                scan.advance(2);
                scan.mark(start, Token::Tag);
                return true;
            }
            // A tag left open: the next one begins.
            b'<' => return false,
            b'"' | b'\'' => {
                scan.bump();
                scan.take_through(if b == b'"' { "\"" } else { "'" });
                scan.mark(start, Token::String);
            }
            b'=' => {
                scan.bump();
                scan.skip_space();
                let value = scan.pos;
                if !matches!(scan.byte(), Some(b'"' | b'\'')) {
                    scan.skip_bytes(|b| !b.is_ascii_whitespace() && b != b'>');
                    scan.mark(value, Token::String);
                }
            }
            _ if b.is_ascii_whitespace() => scan.skip_space(),
            _ => {
                scan.skip_bytes(|b| {
                    !b.is_ascii_whitespace()
                        && !matches!(b, b'=' | b'>' | b'/' | b'<' | b'"' | b'\'')
                });
                if scan.pos == start {
                    scan.bump();
                }
                scan.mark(start, Token::Attribute);
            }
        }
    }
    false
}

/// A processing instruction (`<?xml version="1.0"?>`): its name a keyword, then attributes.
fn instruction(scan: &mut Marker) {
    let start = scan.pos;
    scan.advance(2);
    scan.skip_bytes(is_tag_name_byte);
    scan.mark(start, Token::Keyword);
    attributes(scan);
}

/// The longest entity name HTML defines (`&CounterClockwiseContourIntegral;`) and a little.
const ENTITY_LONGEST: usize = 40;

/// An entity at the cursor's `&` (`&amp;`, `&#233;`, `&#x1F600;`); a lone `&` is text.
pub(super) fn entity(scan: &mut Marker) {
    let start = scan.pos;
    let rest = &scan.bytes()[start + 1..];
    let name = rest
        .iter()
        .take(ENTITY_LONGEST)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    if name > 0 && rest.get(name) == Some(&b';') {
        scan.advance(name + 2);
        scan.mark(start, Token::Constant);
    } else {
        scan.bump();
    }
}

/// Where `needle` first occurs in `haystack`, ignoring ASCII case (`</STYLE>`).
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let mut from = 0;
    while let Some(at) = haystack[from..].iter().position(|b| b == first) {
        let at = from + at;
        let end = at + needle.len();
        if end <= haystack.len() && haystack[at..end].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"fr\">\n<!-- the head -->\n\
        <style>\np.note { color: #333; }\n</STYLE>\n<p class='x' hidden data-n=3>Fish &amp; \
        chips &nope</p>\n<script>let a = \"<p>\";</script>\n";

    #[test]
    fn a_scripts_spans_stand_where_its_code_does() {
        let html = "<script>let x = 1;</script>";
        let mut out = Vec::new();
        spans(html, &mut out);
        let parts: Vec<(&str, Token)> = out
            .iter()
            .map(|s| (&html[s.range.clone()], s.token))
            .collect();
        assert_eq!(
            parts,
            [
                ("<script>", Token::Tag),
                ("let", Token::Keyword),
                (" x = ", Token::Plain),
                ("1", Token::Number),
                (";", Token::Plain),
                ("</script>", Token::Tag)
            ]
        );
    }

    #[test]
    fn html_tags_attributes_values_comments_entities_and_the_doctype() {
        let class = |needle| class_of(spans, PAGE, needle);
        assert_eq!(class("<!DOCTYPE html>"), Token::Keyword);
        assert_eq!(class("<html"), Token::Tag);
        assert_eq!(class("lang"), Token::Attribute);
        assert_eq!(class("\"fr\""), Token::String);
        assert_eq!(class("<!-- the head -->"), Token::Comment);
        assert_eq!(class("'x'"), Token::String);
        assert_eq!(class("hidden"), Token::Attribute);
        assert_eq!(class_after(spans, PAGE, "data-n=", "3"), Token::String);
        assert_eq!(class("&amp;"), Token::Constant);
        assert_eq!(class("&nope"), Token::Plain);
        assert_eq!(class("</p>"), Token::Tag);
    }

    #[test]
    fn a_style_body_is_css_and_a_script_body_javascript() {
        assert_eq!(class_after(spans, PAGE, "<style>", "p"), Token::Tag);
        assert_eq!(class_of(spans, PAGE, ".note"), Token::Attribute);
        assert_eq!(class_of(spans, PAGE, "color"), Token::Attribute);
        assert_eq!(class_of(spans, PAGE, "#333"), Token::Number);
        // The end tag in another case still ends the style.
        assert_eq!(class_of(spans, PAGE, "</STYLE>"), Token::Tag);
        // The script's string holding a tag is a string, not a tag.
        assert_eq!(class_after(spans, PAGE, "<script>", "let"), Token::Keyword);
        assert_eq!(class_of(spans, PAGE, "\"<p>\""), Token::String);
        assert_eq!(class_of(spans, PAGE, "</script>"), Token::Tag);
    }

    #[test]
    fn xml_instructions_namespaces_and_cdata() {
        let svg = "<?xml version=\"1.0\"?>\n<svg:rect xlink:href=\"#a\"/>\n<![CDATA[ a < b ]]>\n";
        assert_eq!(class_of(spans, svg, "<?xml"), Token::Keyword);
        assert_eq!(class_of(spans, svg, "version"), Token::Attribute);
        assert_eq!(class_of(spans, svg, "<svg:rect"), Token::Tag);
        assert_eq!(class_of(spans, svg, "xlink:href"), Token::Attribute);
        assert_eq!(class_after(spans, svg, "\"#a\"", "/>"), Token::Tag);
        assert_eq!(class_of(spans, svg, "<![CDATA[ a < b ]]>"), Token::String);
        // A `<` that opens no tag is text.
        assert_eq!(class_of(spans, "if a < b", "< b"), Token::Plain);
    }
}
