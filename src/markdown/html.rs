//! The inline HTML books use, rendered in both outputs: `kbd`, `sup`, `sub`, `br`, `em`,
//! `strong`, `i`, `b`, `u`, `s`, `mark`, `small`, `abbr` (with `title`), `span` (with `lang`)
//! and `a` with `id` or `name` (an anchor). Only those attributes are kept; any other
//! attribute (an event handler, `style`, `href`) is dropped. Every other tag stays escaped
//! text, with a warning, as raw HTML always is.

use crate::model::{Inline, Span, SpanKind};

/// An element of the allow-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    Span(SpanKind),
    /// `<a id>` or `<a name>`: an anchor, its content kept as text.
    Anchor,
}

/// A tag of the allow-list, read from one piece of inline HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// `<br>`.
    Break,
    Open {
        element: Element,
        /// The tag's name as written, lower case, to match its end tag.
        name: String,
        attributes: Kept,
        /// The attributes left out (`onclick`, `style`...), by name.
        dropped: Vec<String>,
        /// `<a id="x"/>`: an anchor with nothing in it.
        closed: bool,
    },
    Close(String),
}

/// The attributes kept from a tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    pub id: Option<String>,
    pub lang: Option<String>,
    pub title: Option<String>,
}

/// The allow-listed tag `html` is; None for anything else (escaped and reported).
pub fn allowed_tag(html: &str) -> Option<Tag> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim().to_ascii_lowercase();
        element_of(&name)?;
        return Some(Tag::Close(name));
    }
    let (inner, closed) = match inner.strip_suffix('/') {
        Some(inner) => (inner, true),
        None => (inner, false),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name == "br" {
        return Some(Tag::Break);
    }
    let element = element_of(&name)?;
    let attributes = read_attributes(&inner[name_end..])?;
    let kept = Kept {
        id: match element {
            Element::Anchor => attributes
                .iter()
                .find(|(k, _)| k == "id" || k == "name")
                .map(|(_, v)| v.clone()),
            _ => None,
        },
        lang: (element == Element::Span(SpanKind::Plain))
            .then(|| attribute(&attributes, "lang"))
            .flatten(),
        title: (element == Element::Span(SpanKind::Abbreviation))
            .then(|| attribute(&attributes, "title"))
            .flatten(),
    };
    if element == Element::Anchor && kept.id.is_none() {
        return None;
    }
    let kept_name = |key: &str| match element {
        Element::Anchor => key == "id" || key == "name",
        Element::Span(SpanKind::Plain) => key == "lang",
        Element::Span(SpanKind::Abbreviation) => key == "title",
        _ => false,
    };
    let dropped = attributes
        .iter()
        .filter(|(key, _)| !kept_name(key))
        .map(|(key, _)| key.clone())
        .collect();
    Some(Tag::Open {
        element,
        name,
        attributes: kept,
        dropped,
        closed,
    })
}

fn element_of(name: &str) -> Option<Element> {
    Some(match name {
        "em" | "i" => Element::Emphasis,
        "strong" | "b" => Element::Strong,
        "s" => Element::Strikethrough,
        "sup" => Element::Superscript,
        "sub" => Element::Subscript,
        "kbd" => Element::Span(SpanKind::Keyboard),
        "mark" => Element::Span(SpanKind::Mark),
        "small" => Element::Span(SpanKind::Small),
        "u" => Element::Span(SpanKind::Underline),
        "abbr" => Element::Span(SpanKind::Abbreviation),
        "span" => Element::Span(SpanKind::Plain),
        "a" => Element::Anchor,
        _ => return None,
    })
}

fn attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

/// `name="value"`, `name='value'`, `name=value` and bare names; None when malformed.
fn read_attributes(mut text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Some(out);
        }
        let name_end = text
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(text.len());
        let name = text[..name_end].to_ascii_lowercase();
        if name.is_empty() {
            return None;
        }
        text = text[name_end..].trim_start();
        let Some(after_equals) = text.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after_equals = after_equals.trim_start();
        let (value, rest) = match after_equals.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let close = after_equals[1..].find(quote)? + 1;
                (&after_equals[1..close], &after_equals[close + 1..])
            }
            _ => {
                let end = after_equals
                    .find(char::is_whitespace)
                    .unwrap_or(after_equals.len());
                (&after_equals[..end], &after_equals[end..])
            }
        };
        out.push((name, value.to_string()));
        text = rest;
    }
}

/// The inline an allow-listed element with `content` becomes.
pub fn element_inline(element: Element, kept: Kept, content: Vec<Inline>) -> Inline {
    match element {
        Element::Emphasis => Inline::Emphasis(content),
        Element::Strong => Inline::Strong(content),
        Element::Strikethrough => Inline::Strikethrough(content),
        Element::Superscript => Inline::Superscript(content),
        Element::Subscript => Inline::Subscript(content),
        Element::Span(kind) => Inline::Span(Span {
            kind,
            id: kept.id,
            classes: Vec::new(),
            lang: kept.lang,
            title: kept.title,
            content,
        }),
        Element::Anchor => Inline::Span(Span {
            kind: SpanKind::Plain,
            id: kept.id,
            classes: Vec::new(),
            lang: None,
            title: None,
            content,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_and_its_attributes() {
        assert_eq!(allowed_tag("<br/>"), Some(Tag::Break));
        assert_eq!(allowed_tag("</KBD>"), Some(Tag::Close("kbd".into())));
        let Some(Tag::Open {
            element,
            attributes,
            dropped,
            ..
        }) = allowed_tag("<abbr title=\"HyperText\" onclick=\"evil()\" style=\"x\">")
        else {
            panic!()
        };
        assert_eq!(element, Element::Span(SpanKind::Abbreviation));
        assert_eq!(dropped, ["onclick", "style"]);
        assert_eq!(attributes.title.as_deref(), Some("HyperText"));
        assert_eq!(attributes.id, None);
        let Some(Tag::Open {
            attributes, closed, ..
        }) = allowed_tag("<a name='top'/>")
        else {
            panic!()
        };
        assert_eq!(attributes.id.as_deref(), Some("top"));
        assert!(closed);
    }

    #[test]
    fn everything_else_is_refused() {
        assert_eq!(allowed_tag("<script>"), None);
        assert_eq!(allowed_tag("<a href=\"javascript:x\">"), None);
        assert_eq!(allowed_tag("<img src=x onerror=alert(1)>"), None);
        assert_eq!(allowed_tag("<span title=\"unclosed>"), None);
        assert_eq!(allowed_tag("</div>"), None);
    }
}
