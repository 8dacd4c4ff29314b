//! pandoc's attribute blocks, `{#id .class .other lang=fr key="value"}`, as bracketed spans
//! and fenced divs carry them.

/// What an attribute block says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub lang: Option<String>,
}

/// The attributes between the braces of `{...}` (the braces not included); None when the text
/// is not an attribute block (a word that is neither `#id`, `.class` nor `key=value`).
pub fn parse_attributes(inner: &str) -> Option<Attributes> {
    let mut attributes = Attributes::default();
    let mut rest = inner.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let (word, after) = next_word(rest)?;
        rest = after.trim_start();
        if let Some(id) = word.strip_prefix('#') {
            attributes.id = Some(name(id)?.to_string());
        } else if let Some(class) = word.strip_prefix('.') {
            attributes.classes.push(name(class)?.to_string());
        } else if let Some((key, value)) = word.split_once('=') {
            name(key)?;
            let value = value.trim_matches('"');
            if key == "lang" {
                attributes.lang = Some(value.to_string());
            }
        } else {
            return None;
        }
    }
    Some(attributes)
}

/// The first word of `text` (a quoted value kept whole), and what follows it.
fn next_word(text: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return Some((&text[..i], &text[i..])),
            _ => {}
        }
    }
    (!quoted).then_some((text, ""))
}

/// An id or class: letters, digits, `-`, `_`, `.`, `:`; None when empty or anything else.
fn name(text: &str) -> Option<&str> {
    let ok = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:".contains(c));
    ok.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_classes_and_languages() {
        let a = parse_attributes("#tip .note .wide lang=fr data-x=\"a b\"").unwrap();
        assert_eq!(a.id.as_deref(), Some("tip"));
        assert_eq!(a.classes, ["note", "wide"]);
        assert_eq!(a.lang.as_deref(), Some("fr"));
        assert!(parse_attributes("not attributes").is_none());
        assert!(parse_attributes("").is_none());
        assert!(parse_attributes("#").is_none());
    }
}
