//! Blocks: headings, paragraphs, figures, quotes and callouts, code and raw HTML; lists and
//! tables are written by their own modules.

use super::ChapterWriter;
use crate::highlight::{self, Token};
use crate::model::{Block, BlockKind, Callout, Heading, Image};

impl ChapterWriter<'_> {
    /// `tight`: paragraphs in a tight list item are written without `<p>`.
    pub(super) fn blocks(&mut self, blocks: &[Block], tight: bool) {
        for block in blocks {
            self.block(block, tight);
        }
    }

    fn block(&mut self, block: &Block, tight: bool) {
        let outer = self.begin_block_marks(block);
        self.block_content(block, tight);
        self.end_block_marks(outer);
        if !tight {
            self.xml.newline();
        }
    }

    fn block_content(&mut self, block: &Block, tight: bool) {
        match &block.kind {
            BlockKind::Heading(h) => self.heading(h),
            BlockKind::Paragraph(inlines) if tight => self.inlines(inlines),
            BlockKind::Paragraph(inlines) => {
                self.xml.start("p", &[]);
                self.inlines(inlines);
                self.xml.end();
            }
            BlockKind::Figure(image) => self.figure(image),
            BlockKind::List(list) => self.list(list),
            BlockKind::BlockQuote {
                callout: None,
                blocks,
            } => {
                self.xml.start("blockquote", &[]);
                self.xml.newline();
                self.blocks(blocks, false);
                self.xml.end();
            }
            BlockKind::BlockQuote {
                callout: Some(kind),
                blocks,
            } => self.callout(*kind, blocks),
            BlockKind::CodeBlock { language, code } => self.code_block(language.as_deref(), code),
            BlockKind::Table(table) => self.table(table),
            BlockKind::DefinitionList(defs) => self.definitions(defs),
            BlockKind::ThematicBreak => self.xml.empty("hr", &[]),
            BlockKind::RawHtml(html) => {
                self.xml.start("pre", &[("class", "raw-html")]);
                self.marked_text(html);
                self.xml.end();
            }
            BlockKind::Div {
                id,
                classes,
                lang,
                blocks,
            } => {
                let class = classes.join(" ");
                let id = id.as_deref().unwrap_or("");
                let lang = lang.as_deref().unwrap_or("");
                let dir = super::inlines::direction_of(lang);
                self.xml.start(
                    "div",
                    &[
                        (if id.is_empty() { "" } else { "id" }, id),
                        (if class.is_empty() { "" } else { "class" }, &class),
                        (if lang.is_empty() { "" } else { "lang" }, lang),
                        (if lang.is_empty() { "" } else { "xml:lang" }, lang),
                        (if dir.is_empty() { "" } else { "dir" }, dir),
                    ],
                );
                self.xml.newline();
                self.blocks(blocks, false);
                self.xml.end();
            }
        }
    }

    /// A section heading: level 1 and 2 are `<h2>` (the chapter title is the `<h1>`).
    fn heading(&mut self, h: &Heading) {
        let tag = heading_tag(h.level);
        let class = h.classes.join(" ");
        self.xml.start(
            tag,
            &[
                ("id", &h.id),
                (if class.is_empty() { "" } else { "class" }, &class),
            ],
        );
        self.inlines(&h.content);
        self.xml.end();
    }

    /// A GitHub alert: a note with its kind as a visible title (hidden from screen readers,
    /// which read the `aria-label`).
    fn callout(&mut self, kind: Callout, blocks: &[Block]) {
        let (class, title) = callout_name(kind);
        self.xml.start(
            "div",
            &[("class", class), ("role", "note"), ("aria-label", title)],
        );
        self.xml.element(
            "p",
            &[("class", "callout-title"), ("aria-hidden", "true")],
            title,
        );
        self.xml.newline();
        self.blocks(blocks, false);
        self.xml.end();
    }

    /// A code block, its language (when it has one) as a `language-` class on the `<code>`.
    fn code_block(&mut self, language: Option<&str>, code: &str) {
        let lang_class = language
            .and_then(|l| l.split_whitespace().next())
            .map(|l| {
                let clean: String = l
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                format!("language-{clean}")
            })
            .filter(|c| c.len() > "language-".len())
            .unwrap_or_default();
        let code = code.strip_suffix('\n').unwrap_or(code);
        let spans = language.and_then(|l| highlight::highlight(l, code));
        let class = if spans.is_some() {
            "code highlighted"
        } else {
            "code"
        };
        self.xml.start("pre", &[("class", class)]);
        self.xml.start(
            "code",
            &[(
                if lang_class.is_empty() { "" } else { "class" },
                &lang_class,
            )],
        );
        match spans {
            Some(spans) => self.highlighted(code, &spans),
            None => self.xml.text(code),
        }
        self.xml.end();
        self.xml.end();
    }

    /// Highlighted code: each stretch of a class in a `<span class="hl-CLASS">`, which the
    /// stylesheet colours; plain stretches as bare text.
    fn highlighted(&mut self, code: &str, spans: &[highlight::Span]) {
        for span in spans {
            // The last span may hold the newline the lexer read after the code.
            let end = span.range.end.min(code.len());
            let Some(text) = code.get(span.range.start..end).filter(|t| !t.is_empty()) else {
                continue;
            };
            if span.token == Token::Plain {
                self.xml.text(text);
            } else {
                let class = span.token.css_class();
                self.xml.element("span", &[("class", class)], text);
            }
        }
    }

    fn figure(&mut self, image: &Image) {
        let Some(href) = self.image_href(image) else {
            self.missing_image(image, "p");
            return;
        };
        self.xml.start("figure", &[("class", "figure")]);
        self.xml
            .empty("img", &[("src", &href), ("alt", &image.alt)]);
        self.caption(image);
        self.xml.end();
    }

    /// A figure's caption: its number (when figures are numbered), then its title or, without
    /// one, its alternative text. A caption that repeats the alternative text is hidden from
    /// screen readers, which have read it as the image's (as pandoc writes it).
    fn caption(&mut self, image: &Image) {
        let caption = image.caption();
        if caption.is_empty() && image.label.is_none() {
            return;
        }
        self.xml.start("figcaption", &[]);
        if let Some(label) = &image.label {
            self.xml
                .element("span", &[("class", "figure-label")], label);
            if !caption.is_empty() {
                self.xml.text(". ");
            }
        }
        if !caption.is_empty() {
            if image.caption_is_alt() {
                self.xml
                    .element("span", &[("aria-hidden", "true")], caption);
            } else {
                self.xml.text(caption);
            }
        }
        self.xml.end();
    }
}

fn heading_tag(level: u8) -> &'static str {
    match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

fn callout_name(kind: Callout) -> (&'static str, &'static str) {
    match kind {
        Callout::Note => ("callout callout-note", "Note"),
        Callout::Tip => ("callout callout-tip", "Tip"),
        Callout::Important => ("callout callout-important", "Important"),
        Callout::Warning => ("callout callout-warning", "Warning"),
        Callout::Caution => ("callout callout-caution", "Caution"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_map_to_h2_through_h6() {
        assert_eq!(heading_tag(2), "h2");
        assert_eq!(heading_tag(4), "h4");
        assert_eq!(heading_tag(9), "h6");
    }
}
