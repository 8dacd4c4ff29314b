//! The parts of a stylesheet that decide which font draws a piece of text: `@font-face` rules
//! and the declarations of `font-family`, `font-style`, `font-weight`, `font`, `font-variant`,
//! `text-transform` and `display: none`. Rules inside `@media` blocks count (the faces found are
//! those any reading width may draw); other at-rules are skipped.

use std::ops::Range;

use super::selector::{self, Selector};

/// An `@font-face` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceRule {
    pub family: String,
    pub italic: bool,
    pub weight: u16,
    /// The first `url(...)` of its `src`, as written.
    pub url: String,
    /// Where the rule is in the stylesheet, to leave it out when its font is not packaged.
    pub span: Range<usize>,
}

/// A value that can also be `inherit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<T> {
    Set(T),
    Inherit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Absolute(u16),
    Bolder,
    Lighter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transform {
    None,
    Upper,
    Lower,
    Capitalize,
}

/// The font declarations of one rule (None: not declared).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontDecls {
    pub family: Option<Value<Vec<String>>>,
    pub italic: Option<Value<bool>>,
    pub weight: Option<Value<Weight>>,
    pub small_caps: Option<Value<bool>>,
    pub transform: Option<Value<Transform>>,
    pub hidden: Option<bool>,
}

impl FontDecls {
    fn is_empty(&self) -> bool {
        *self == FontDecls::default()
    }
}

/// A style rule with font declarations.
#[derive(Debug, Clone)]
pub struct StyleRule {
    pub selectors: Vec<Selector>,
    pub decls: FontDecls,
    /// Whether the declarations are `!important` (all or none, as this stylesheet writes them).
    pub important: bool,
    /// From the book's stylesheet rather than the reading system's defaults, which it overrides
    /// whatever their specificity.
    pub author: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub faces: Vec<FaceRule>,
    /// In source order.
    pub rules: Vec<StyleRule>,
}

/// The font rules of HTML's default rendering (WHATWG HTML, 15.3), which reading systems apply
/// before a book's stylesheet. Its `[hidden] { display: none }` is read in `usage::open`, with
/// the elements never drawn: as a rule it would be a candidate for every element (it names no
/// element, class or id), and each would be matched against it.
const USER_AGENT: &str = "
head, script, style, title { display: none }
b, strong, th, h1, h2, h3, h4, h5, h6 { font-weight: bold }
i, em, cite, var, dfn, address { font-style: italic }
code, kbd, samp, pre, tt { font-family: monospace }
";

/// Reads the font-related parts of `css`, after the defaults of HTML.
pub fn parse(css: &str) -> Sheet {
    let mut sheet = Sheet::default();
    parse_block(USER_AGENT, 0, &mut sheet);
    let defaults = sheet.rules.len();
    let text = blank_comments(css);
    parse_block(&text, 0, &mut sheet);
    for rule in &mut sheet.rules[defaults..] {
        rule.author = true;
    }
    sheet
}

/// The stylesheet with comments replaced by spaces, so that byte offsets stay the same.
fn blank_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start + 2..]
            .find("*/")
            .map_or(rest.len(), |e| start + e + 4);
        let blank = |b: u8| if b == b'\n' { '\n' } else { ' ' };
        out.extend(rest[start..end].bytes().map(blank));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Rules of one block (the stylesheet, or an `@media` block's body starting at `base`).
fn parse_block(text: &str, base: usize, sheet: &mut Sheet) {
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|o| at + o) {
        let prelude = text[at..open].trim();
        let Some(close) = matching_brace(text, open) else {
            return;
        };
        let body = &text[open + 1..close];
        let start = base + at + (text[at..open].len() - text[at..open].trim_start().len());
        if let Some(at_rule) = prelude.strip_prefix('@') {
            if at_rule.starts_with("font-face") {
                sheet.faces.extend(face_rule(body, start..base + close + 1));
            } else if at_rule.starts_with("media") || at_rule.starts_with("supports") {
                parse_block(body, base + open + 1, sheet);
            }
        } else {
            let (decls, important) = declarations(body);
            if !decls.is_empty() {
                sheet.rules.push(StyleRule {
                    selectors: selector::parse_list(prelude),
                    decls,
                    important,
                    author: false,
                });
            }
        }
        at = close + 1;
    }
}

fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `name: value` pairs of a declaration block, names lowercased.
fn pairs(body: &str) -> impl Iterator<Item = (String, &str)> {
    body.split(';').filter_map(|decl| {
        let (name, value) = decl.split_once(':')?;
        Some((name.trim().to_ascii_lowercase(), value.trim()))
    })
}

fn face_rule(body: &str, span: Range<usize>) -> Option<FaceRule> {
    let mut face = FaceRule {
        family: String::new(),
        italic: false,
        weight: 400,
        url: String::new(),
        span,
    };
    for (name, value) in pairs(body) {
        match name.as_str() {
            "font-family" => face.family = unquote(value),
            "font-style" => face.italic = value != "normal",
            "font-weight" => face.weight = weight(value).unwrap_or(400),
            "src" => face.url = first_url(value)?,
            _ => {}
        }
    }
    (!face.family.is_empty() && !face.url.is_empty()).then_some(face)
}

fn first_url(src: &str) -> Option<String> {
    let start = src.find("url(")? + 4;
    let end = start + src[start..].find(')')?;
    Some(unquote(&src[start..end]))
}

fn unquote(text: &str) -> String {
    text.trim().trim_matches(['"', '\'']).to_string()
}

fn weight(value: &str) -> Option<u16> {
    match value {
        "normal" => Some(400),
        "bold" => Some(700),
        _ => value.parse().ok(),
    }
}

fn families(value: &str) -> Vec<String> {
    value.split(',').map(unquote).collect()
}

fn declarations(body: &str) -> (FontDecls, bool) {
    let mut decls = FontDecls::default();
    let mut important = false;
    for (name, value) in pairs(body) {
        let value = match value.strip_suffix("!important") {
            Some(v) => {
                important = true;
                v.trim()
            }
            None => value,
        };
        let inherit = value == "inherit";
        match name.as_str() {
            "font-family" => decls.family = Some(or_inherit(inherit, || families(value))),
            "font-style" => decls.italic = Some(or_inherit(inherit, || value != "normal")),
            "font-weight" => {
                decls.weight = Some(or_inherit(inherit, || match value {
                    "bolder" => Weight::Bolder,
                    "lighter" => Weight::Lighter,
                    _ => Weight::Absolute(weight(value).unwrap_or(400)),
                }))
            }
            "font-variant" | "font-variant-caps" => {
                decls.small_caps = Some(or_inherit(inherit, || value.contains("small-caps")))
            }
            "text-transform" => decls.transform = Some(or_inherit(inherit, || transform(value))),
            "display" => decls.hidden = Some(value == "none"),
            "font" => shorthand(value, &mut decls),
            _ => {}
        }
    }
    (decls, important)
}

fn or_inherit<T>(inherit: bool, value: impl FnOnce() -> T) -> Value<T> {
    if inherit {
        Value::Inherit
    } else {
        Value::Set(value())
    }
}

fn transform(value: &str) -> Transform {
    match value {
        "uppercase" => Transform::Upper,
        "lowercase" => Transform::Lower,
        "capitalize" => Transform::Capitalize,
        _ => Transform::None,
    }
}

/// `font: [style] [variant] [weight] size[/line-height] family, ...`: sets the style, variant
/// and weight (to normal when not given) and the families.
fn shorthand(value: &str, decls: &mut FontDecls) {
    if value == "inherit" {
        decls.family = Some(Value::Inherit);
        decls.italic = Some(Value::Inherit);
        decls.weight = Some(Value::Inherit);
        decls.small_caps = Some(Value::Inherit);
        return;
    }
    let mut italic = false;
    let mut small_caps = false;
    let mut weight_value = 400;
    let mut rest = value;
    while let Some((word, after)) = rest.split_once(char::is_whitespace) {
        match word {
            "italic" | "oblique" => italic = true,
            "small-caps" => small_caps = true,
            "normal" => {}
            _ => match weight(word) {
                Some(w) => weight_value = w,
                None => {
                    // The size (and line height): the families follow it.
                    rest = after;
                    break;
                }
            },
        }
        rest = after.trim_start();
    }
    decls.family = Some(Value::Set(families(rest)));
    decls.italic = Some(Value::Set(italic));
    decls.small_caps = Some(Value::Set(small_caps));
    decls.weight = Some(Value::Set(Weight::Absolute(weight_value)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_faces_and_rules_are_read_with_their_spans() {
        let css = "/* c { font-weight: bold } */\n@font-face { font-family: \"Body\"; font-style: italic;\n  src: url(\"fonts/B.otf\") format(\"opentype\"); }\nh1, h2 { font-weight: bold; margin: 0 }\np { margin: 0 }\n@media (min-width: 30em) { em { font-style: normal } }\ncode { font: bold 0.9em/1.2 \"Mono\", monospace }";
        let sheet = parse(css);
        assert_eq!(sheet.faces.len(), 1);
        let face = &sheet.faces[0];
        assert_eq!(
            (face.family.as_str(), face.italic, face.weight),
            ("Body", true, 400)
        );
        assert_eq!(face.url, "fonts/B.otf");
        assert!(css[face.span.clone()].starts_with("@font-face"));
        assert!(css[face.span.clone()].ends_with('}'));
        // `p` sets no font; the commented-out rule is not read. HTML's defaults come first.
        let rules: Vec<_> = sheet.rules.iter().filter(|r| r.author).collect();
        assert_eq!(rules.len(), 3);
        assert!(sheet.rules.iter().take_while(|r| !r.author).count() >= 4);
        assert_eq!(rules[1].decls.italic, Some(Value::Set(false)));
        let code = &rules[2].decls;
        assert_eq!(code.weight, Some(Value::Set(Weight::Absolute(700))));
        assert_eq!(
            code.family,
            Some(Value::Set(vec![
                "Mono".to_string(),
                "monospace".to_string()
            ]))
        );
    }
}
