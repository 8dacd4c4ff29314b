//! A small reader for the XHTML quire writes (well-formed, attributes quoted): start and end
//! tags and unescaped text, in document order. The prolog, doctype, comments and processing
//! instructions are skipped.

use std::borrow::Cow;

use super::selector::Element;

pub enum Token<'a> {
    /// A start tag; `closed` for an empty-element tag (`<br/>`).
    Open {
        element: Element,
        closed: bool,
    },
    Close,
    Text(Cow<'a, str>),
}

pub fn tokens(document: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = document;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            if let Some(tag) = rest.strip_prefix('<') {
                let end = tag_end(tag)?;
                let inside = &tag[..end];
                rest = &tag[end + 1..];
                if let Some(_name) = inside.strip_prefix('/') {
                    return Some(Token::Close);
                }
                if inside.starts_with(['!', '?']) {
                    continue;
                }
                let closed = inside.ends_with('/');
                let inside = inside.trim_end_matches('/');
                return Some(Token::Open {
                    element: element(inside),
                    closed,
                });
            }
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[end..];
            return Some(Token::Text(unescape(text)));
        }
    })
}

/// The end of a tag (the `>` outside quotes); a comment ends at `-->`.
fn tag_end(tag: &str) -> Option<usize> {
    if tag.starts_with("!--") {
        return tag.find("-->").map(|e| e + 2);
    }
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('>', None) => return Some(i),
            _ => {}
        }
    }
    None
}

fn element(inside: &str) -> Element {
    let name_end = inside.find(char::is_whitespace).unwrap_or(inside.len());
    let mut element = Element {
        name: inside[..name_end].to_ascii_lowercase(),
        ..Element::default()
    };
    let mut rest = &inside[name_end..];
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            break;
        };
        let Some(len) = after[1..].find(quote) else {
            break;
        };
        let value = unescape(&after[1..1 + len]).into_owned();
        rest = &after[len + 2..];
        match name {
            "id" => element.id = Some(value),
            "class" => element.classes = value.split_whitespace().map(String::from).collect(),
            _ => element.attrs.push((name.to_string(), value)),
        }
    }
    element
}

/// Text with the predefined entities and character references replaced.
fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            out.push_str(&rest[amp..]);
            return Cow::Owned(out);
        };
        let entity = &after[..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[amp..amp + semi + 2]),
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_and_entities() {
        let doc = "<?xml version=\"1.0\"?><!DOCTYPE html><!-- a > b --><nav epub:type = \"toc\" id=\"toc\" class=\"a  b\"><p>x &amp; &#x2014;&#8212;&lt;</p><br/></nav>";
        let mut texts = String::new();
        let mut names = Vec::new();
        for token in tokens(doc) {
            match token {
                Token::Open { element, closed } => {
                    names.push(format!("{}{}", element.name, if closed { "/" } else { "" }));
                    if element.name == "nav" {
                        assert_eq!(element.id.as_deref(), Some("toc"));
                        assert_eq!(element.classes, ["a", "b"]);
                        assert_eq!(element.attrs, [("epub:type".into(), "toc".into())]);
                    }
                }
                Token::Close => names.push("/".into()),
                Token::Text(t) => texts.push_str(&t),
            }
        }
        assert_eq!(names, ["nav", "p", "/", "br/", "/"]);
        assert_eq!(texts, "x & ——<");
    }
}
