//! Inlines: text, styled spans, code, images in the text, and links (with their targets
//! checked and their URLs encoded).

use super::ChapterWriter;
use crate::model::{Inline, LinkTarget, Span, SpanKind};

impl ChapterWriter<'_> {
    pub(super) fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn wrap(&mut self, tag: &'static str, content: &[Inline]) {
        self.xml.start(tag, &[]);
        self.inlines(content);
        self.xml.end();
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) => self.marked_text(t),
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strikethrough(c) => self.wrap("s", c),
            Inline::Superscript(c) => self.wrap("sup", c),
            Inline::Subscript(c) => self.wrap("sub", c),
            Inline::Code(code) => {
                self.xml.start("code", &[]);
                self.marked_text(code);
                self.xml.end();
            }
            Inline::LineBreak => {
                self.marked_break();
                self.xml.empty("br", &[]);
            }
            Inline::RawHtml(html) => {
                self.xml.start("span", &[("class", "raw-html")]);
                self.marked_text(html);
                self.xml.end();
            }
            Inline::Image(image) => match self.image_href(image) {
                Some(href) => self.xml.empty(
                    "img",
                    &[("class", "inline"), ("src", &href), ("alt", &image.alt)],
                ),
                None => self.missing_image(image, "span"),
            },
            Inline::Link {
                target,
                title,
                content,
                pos,
            } => self.link(target, title, content, *pos),
            Inline::FootnoteRef { label, number, pos } => self.note_ref(label, *number, *pos),
            Inline::Span(span) => self.span(span),
        }
    }

    /// A span as its element, with its id, classes, language and title.
    fn span(&mut self, span: &Span) {
        let tag = match span.kind {
            SpanKind::Plain => "span",
            SpanKind::Keyboard => "kbd",
            SpanKind::Mark => "mark",
            SpanKind::Small => "small",
            SpanKind::Underline => "u",
            SpanKind::Abbreviation => "abbr",
        };
        let classes = span.classes.join(" ");
        let attribute = |name: &'static str, value: Option<&str>| match value {
            Some(v) if !v.is_empty() => (name, v.to_string()),
            _ => ("", String::new()),
        };
        let attributes = [
            attribute("id", span.id.as_deref()),
            attribute("class", Some(&classes)),
            attribute("lang", span.lang.as_deref()),
            attribute("xml:lang", span.lang.as_deref()),
            attribute("dir", span.lang.as_deref().map(direction_of)),
            attribute("title", span.title.as_deref()),
        ];
        let refs: Vec<(&str, &str)> = attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.xml.start(tag, &refs);
        self.inlines(&span.content);
        self.xml.end();
    }

    /// A link, written as `<a>` when its target resolves (and it is not inside another link);
    /// otherwise its content is written as plain text.
    fn link(
        &mut self,
        target: &LinkTarget,
        title: &str,
        content: &[Inline],
        pos: crate::model::Pos,
    ) {
        let href = self.link_href(target, pos);
        match href {
            Some(href) if !self.in_link => {
                self.xml.start(
                    "a",
                    &[
                        ("href", &href),
                        (if title.is_empty() { "" } else { "title" }, title),
                    ],
                );
                self.in_link = true;
                self.inlines(content);
                self.in_link = false;
                self.xml.end();
            }
            _ => self.inlines(content),
        }
    }

    /// Where a link points in the EPUB: an external URL (encoded), or a chapter and anchor of
    /// the book. None, reported, for a target that is neither; a missing anchor falls back on
    /// the chapter's start, reported.
    fn link_href(&mut self, target: &LinkTarget, pos: crate::model::Pos) -> Option<String> {
        match target {
            LinkTarget::External(url) if has_scheme(url) => Some(encode_url(url)),
            LinkTarget::External(url) => {
                let loc = Some(self.chapter().location(pos));
                self.diags.warning(
                    loc,
                    format!("link target `{url}` is neither a URL nor a chapter of the book; written as plain text in the EPUB"),
                );
                None
            }
            LinkTarget::Internal { chapter, anchor } => {
                match self.plan.link(self.index, *chapter, anchor.as_deref()) {
                    Some((href, true)) => Some(href),
                    Some((href, false)) => {
                        let loc = Some(self.chapter().location(pos));
                        self.diags.warning(
                            loc,
                            format!(
                                "link anchor `#{}` does not exist in the target chapter; the EPUB links to the chapter's start",
                                anchor.as_deref().unwrap_or_default()
                            ),
                        );
                        Some(href)
                    }
                    None => {
                        let loc = Some(self.chapter().location(pos));
                        self.diags.warning(
                            loc,
                            "link to a chapter that is not in the book; written as plain text in the EPUB",
                        );
                        None
                    }
                }
            }
        }
    }
}

/// A URL with the characters URLs cannot carry (spaces, `<>"{}|\\^` and backtick, controls,
/// non-ASCII) percent-encoded; `%` escapes already present are kept.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        let forbidden = matches!(
            c,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
        );
        if c.is_ascii() && !c.is_ascii_control() && !forbidden {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `https:`, `mailto:`...: a URL scheme (RFC 3986: a letter, then letters, digits, `+-.`).
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `rtl` for a language written right to left (its text in a `dir="rtl"` element, so that a
/// reading system lays it out and aligns it from the right), else nothing.
pub fn direction_of(lang: &str) -> &'static str {
    if crate::strings::is_right_to_left(lang) {
        "rtl"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("images/x.png"));
        assert!(!has_scheme("1http:x"));
    }

    #[test]
    fn urls_are_percent_encoded_where_needed() {
        assert_eq!(
            encode_url("https://e.org/a b?q=<1>&r=é"),
            "https://e.org/a%20b?q=%3C1%3E&r=%C3%A9"
        );
        assert_eq!(
            encode_url("https://e.org/%20ok#frag"),
            "https://e.org/%20ok#frag"
        );
    }
}
