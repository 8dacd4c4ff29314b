//! The document model as XHTML5 content documents: one per chapter, plus the title and cover
//! pages. Semantics go into `epub:type` and ARIA roles; presentation is left to the stylesheet.

use std::collections::HashMap;

use super::plan::{self, Plan};
use super::xml::Xml;
use crate::diagnostic::Diagnostics;
use crate::model::{
    Alignment, Block, BlockKind, Book, Callout, Chapter, ChapterKind, Definition, Image, Inline,
    LinkTarget, List, Table,
};
use crate::slug::UniqueIds;

/// Opens `<html>`, writes `<head>` and opens `<body>` with `body_type` as its `epub:type`.
fn open_document(xml: &mut Xml, lang: &str, title: &str, body_type: &str, body_class: &str) {
    xml.xhtml_prolog();
    xml.start(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", lang),
            ("xml:lang", lang),
        ],
    );
    xml.newline();
    xml.start("head", &[]);
    xml.empty("meta", &[("charset", "utf-8")]);
    xml.element("title", &[], title);
    xml.empty(
        "link",
        &[
            ("rel", "stylesheet"),
            ("type", "text/css"),
            ("href", plan::STYLESHEET),
        ],
    );
    xml.end();
    xml.newline();
    xml.start("body", &[("epub:type", body_type), ("class", body_class)]);
    xml.newline();
}

/// The cover page: the cover image, full page.
pub fn cover_page(book: &Book, lang: &str, image_href: &str) -> String {
    let mut xml = Xml::new();
    open_document(&mut xml, lang, &book.meta.title, "cover", "cover-page");
    xml.start("section", &[("class", "cover"), ("epub:type", "cover")]);
    let alt = cover_alt(book);
    xml.empty(
        "img",
        &[("src", image_href), ("alt", &alt), ("role", "doc-cover")],
    );
    xml.finish()
}

/// "Cover of Becoming a Medical Technician by Jane Doe".
pub fn cover_alt(book: &Book) -> String {
    let mut alt = format!("Cover of {}", book.meta.title);
    if let Some(sub) = book.meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
        alt.push_str(": ");
        alt.push_str(sub);
    }
    if !book.meta.authors.is_empty() {
        alt.push_str(" by ");
        alt.push_str(&book.meta.authors.join(", "));
    }
    alt
}

/// The title page: title, subtitle, authors, publisher.
pub fn title_page(book: &Book, lang: &str) -> String {
    let meta = &book.meta;
    let mut xml = Xml::new();
    open_document(&mut xml, lang, &meta.title, "frontmatter", "title-page");
    xml.start(
        "section",
        &[
            ("class", "titlepage"),
            ("epub:type", "titlepage"),
            ("aria-labelledby", "book-title"),
        ],
    );
    xml.newline();
    xml.element(
        "h1",
        &[
            ("id", "book-title"),
            ("class", "book-title"),
            ("epub:type", "fulltitle"),
        ],
        &meta.title,
    );
    xml.newline();
    if let Some(sub) = meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
        xml.element(
            "p",
            &[("class", "book-subtitle"), ("epub:type", "subtitle")],
            sub,
        );
        xml.newline();
    }
    for author in &meta.authors {
        xml.element("p", &[("class", "book-author")], author);
        xml.newline();
    }
    if let Some(publisher) = meta.publisher.as_deref().filter(|s| !s.is_empty()) {
        xml.element("p", &[("class", "book-publisher")], publisher);
        xml.newline();
    }
    if let Some(rights) = meta.rights.as_deref().filter(|s| !s.is_empty()) {
        xml.element("p", &[("class", "book-rights")], rights);
        xml.newline();
    }
    xml.finish()
}

/// One chapter as a complete XHTML document.
pub fn chapter_page(
    book: &Book,
    plan: &Plan,
    index: usize,
    lang: &str,
    diags: &mut Diagnostics,
) -> String {
    let Some(chapter) = book.chapters.get(index) else {
        return String::new();
    };
    let (body_type, section_type, role) = match chapter.kind {
        ChapterKind::Front => ("frontmatter", "", ""),
        ChapterKind::Chapter => ("bodymatter", "chapter", "doc-chapter"),
        ChapterKind::Appendix => ("backmatter", "appendix", "doc-appendix"),
        ChapterKind::Back => ("backmatter", "", ""),
    };
    let class = match chapter.kind {
        ChapterKind::Front => "front",
        ChapterKind::Chapter => "chapter",
        ChapterKind::Appendix => "appendix",
        ChapterKind::Back => "back",
    };
    let mut w = ChapterWriter::new(book, plan, index, diags);
    let xml = &mut w.xml;
    open_document(
        xml,
        lang,
        &chapter.title_text(),
        body_type,
        &format!("{class}-page"),
    );
    xml.start(
        "section",
        &[
            ("class", class),
            (
                if section_type.is_empty() {
                    ""
                } else {
                    "epub:type"
                },
                section_type,
            ),
            (if role.is_empty() { "" } else { "role" }, role),
            ("aria-labelledby", &chapter.title_id),
        ],
    );
    xml.newline();
    xml.start("header", &[("class", "chapter-header")]);
    let id = chapter.title_id.clone();
    xml.start("h1", &[("id", &id), ("class", "chapter-title")]);
    if let Some(label) = chapter.label() {
        // Inside the heading, so that the label reads as part of it with or without CSS.
        xml.element("span", &[("class", "chapter-label")], &label);
        xml.text(" ");
    }
    w.xml.start("span", &[("class", "chapter-title-text")]);
    w.inlines(&chapter.title);
    w.xml.end();
    w.xml.end();
    w.xml.end();
    w.xml.newline();
    w.blocks(&chapter.blocks, false);
    w.footnotes(chapter);
    w.xml.finish()
}

/// Writes one chapter's blocks and inlines.
struct ChapterWriter<'a> {
    book: &'a Book,
    plan: &'a Plan,
    index: usize,
    diags: &'a mut Diagnostics,
    xml: Xml,
    /// Ids handed out for second and later references to the same footnote.
    ids: UniqueIds,
    /// How often each footnote has been referenced so far.
    note_refs: HashMap<u32, u32>,
    /// Inside an `<a>`: a footnote mark must not become a nested link.
    in_link: bool,
}

impl<'a> ChapterWriter<'a> {
    fn new(book: &'a Book, plan: &'a Plan, index: usize, diags: &'a mut Diagnostics) -> Self {
        let mut ids = UniqueIds::new();
        if let Some(anchors) = plan.anchors.get(index) {
            let mut sorted: Vec<&String> = anchors.iter().collect();
            sorted.sort();
            for id in sorted {
                ids.reserve(id);
            }
        }
        ChapterWriter {
            book,
            plan,
            index,
            diags,
            xml: Xml::new(),
            ids,
            note_refs: HashMap::new(),
            in_link: false,
        }
    }

    fn chapter(&self) -> &'a Chapter {
        &self.book.chapters[self.index]
    }

    /// `tight`: paragraphs in a tight list item are written without `<p>`.
    fn blocks(&mut self, blocks: &[Block], tight: bool) {
        for block in blocks {
            self.block(block, tight);
        }
    }

    fn block(&mut self, block: &Block, tight: bool) {
        match &block.kind {
            BlockKind::Heading(h) => {
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
            } => {
                let (class, title) = callout_name(*kind);
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
            BlockKind::CodeBlock { language, code } => {
                let lang_class = language
                    .as_deref()
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
                self.xml.start("pre", &[("class", "code")]);
                self.xml.start(
                    "code",
                    &[(
                        if lang_class.is_empty() { "" } else { "class" },
                        &lang_class,
                    )],
                );
                self.xml.text(code.strip_suffix('\n').unwrap_or(code));
                self.xml.end();
                self.xml.end();
            }
            BlockKind::Table(table) => self.table(table),
            BlockKind::DefinitionList(defs) => self.definitions(defs),
            BlockKind::ThematicBreak => self.xml.empty("hr", &[]),
            BlockKind::RawHtml(html) => {
                self.xml.element("pre", &[("class", "raw-html")], html);
            }
        }
        if !tight {
            self.xml.newline();
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
        if !image.title.is_empty() {
            self.xml.element("figcaption", &[], &image.title);
        }
        self.xml.end();
    }

    fn image_href(&self, image: &Image) -> Option<String> {
        let i = image.asset?;
        self.plan.images.get(i)?.as_ref().map(|p| p.href.clone())
    }

    /// An image that could not be loaded: its alt text stands in (the loader reported it).
    fn missing_image(&mut self, image: &Image, tag: &'static str) {
        self.xml.start(tag, &[("class", "missing-image")]);
        self.xml.text(&image.alt);
        self.xml.end();
    }

    fn list(&mut self, list: &List) {
        let start = list.start.map(|s| s.to_string());
        let tag = if start.is_some() { "ol" } else { "ul" };
        let has_tasks = list.items.iter().any(|i| i.task.is_some());
        let class = if has_tasks { "task-list" } else { "" };
        let start_attr = start.as_deref().filter(|s| *s != "1").unwrap_or("");
        self.xml.start(
            tag,
            &[
                (if start_attr.is_empty() { "" } else { "start" }, start_attr),
                (if class.is_empty() { "" } else { "class" }, class),
            ],
        );
        self.xml.newline();
        for item in &list.items {
            match item.task {
                Some(done) => {
                    self.xml.start("li", &[("class", "task")]);
                    let (mark, label) = if done {
                        ("\u{2611}", "done")
                    } else {
                        ("\u{2610}", "not done")
                    };
                    self.xml.element(
                        "span",
                        &[
                            ("class", "task-box"),
                            ("role", "img"),
                            ("aria-label", label),
                        ],
                        mark,
                    );
                    self.xml.text(" ");
                }
                None => self.xml.start("li", &[]),
            }
            self.blocks(&item.blocks, list.tight);
            self.xml.end();
            self.xml.newline();
        }
        self.xml.end();
    }

    fn table(&mut self, table: &Table) {
        self.xml.start("div", &[("class", "table-wrap")]);
        self.xml.start("table", &[]);
        let align = |i: usize| match table.alignments.get(i) {
            Some(Alignment::Left) => "align-left",
            Some(Alignment::Center) => "align-center",
            Some(Alignment::Right) => "align-right",
            _ => "",
        };
        if !table.header.is_empty() {
            self.xml.start("thead", &[]);
            self.xml.start("tr", &[]);
            for (i, cell) in table.header.iter().enumerate() {
                let class = align(i);
                self.xml.start(
                    "th",
                    &[
                        ("scope", "col"),
                        (if class.is_empty() { "" } else { "class" }, class),
                    ],
                );
                self.inlines(cell);
                self.xml.end();
            }
            self.xml.end();
            self.xml.end();
        }
        self.xml.newline();
        self.xml.start("tbody", &[]);
        for row in &table.rows {
            self.xml.start("tr", &[]);
            for (i, cell) in row.iter().enumerate() {
                let class = align(i);
                self.xml.start(
                    "td",
                    &[(if class.is_empty() { "" } else { "class" }, class)],
                );
                self.inlines(cell);
                self.xml.end();
            }
            self.xml.end();
            self.xml.newline();
        }
        self.xml.end();
        self.xml.end();
        self.xml.end();
    }

    fn definitions(&mut self, defs: &[Definition]) {
        self.xml.start("dl", &[]);
        self.xml.newline();
        for def in defs {
            self.xml.start("dt", &[]);
            self.inlines(&def.term);
            self.xml.end();
            self.xml.newline();
            for detail in &def.details {
                self.xml.start("dd", &[]);
                let tight = detail.len() == 1;
                self.blocks(detail, tight);
                self.xml.end();
                self.xml.newline();
            }
        }
        self.xml.end();
    }

    fn inlines(&mut self, inlines: &[Inline]) {
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
            Inline::Text(t) => self.xml.text(t),
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strikethrough(c) => self.wrap("s", c),
            Inline::Superscript(c) => self.wrap("sup", c),
            Inline::Subscript(c) => self.wrap("sub", c),
            Inline::Code(code) => self.xml.element("code", &[], code),
            Inline::LineBreak => self.xml.empty("br", &[]),
            Inline::RawHtml(html) => self.xml.element("span", &[("class", "raw-html")], html),
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
        }
    }

    fn link(
        &mut self,
        target: &LinkTarget,
        title: &str,
        content: &[Inline],
        pos: crate::model::Pos,
    ) {
        let href = match target {
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
        };
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

    fn note_ref(&mut self, label: &str, number: u32, pos: crate::model::Pos) {
        let chapter = self.chapter();
        let Some(note) = chapter.footnotes.get((number as usize).wrapping_sub(1)) else {
            let loc = Some(chapter.location(pos));
            self.diags.warning(
                loc,
                format!(
                    "footnote `[^{label}]` has no definition; written as plain text in the EPUB"
                ),
            );
            self.xml.text(&format!("[^{label}]"));
            return;
        };
        let count = self.note_refs.entry(number).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            note.ref_id.clone()
        } else {
            self.ids.unique(&format!("{}-{}", note.ref_id, count))
        };
        let text = number.to_string();
        if self.in_link {
            self.xml.element("sup", &[("class", "noteref")], &text);
            return;
        }
        self.xml.start("sup", &[("class", "noteref")]);
        let href = format!("#{}", note.id);
        self.xml.element(
            "a",
            &[
                ("id", &id),
                ("href", &href),
                ("epub:type", "noteref"),
                ("role", "doc-noteref"),
            ],
            &text,
        );
        self.xml.end();
    }

    fn footnotes(&mut self, chapter: &Chapter) {
        if chapter.footnotes.is_empty() {
            return;
        }
        self.xml.start(
            "section",
            &[
                ("class", "footnotes"),
                ("epub:type", "footnotes"),
                ("aria-label", "Footnotes"),
            ],
        );
        self.xml.newline();
        self.xml.empty("hr", &[("class", "footnotes-rule")]);
        self.xml.newline();
        for note in &chapter.footnotes {
            self.xml.start(
                "aside",
                &[
                    ("id", &note.id),
                    ("class", "footnote"),
                    ("epub:type", "footnote"),
                    ("role", "doc-footnote"),
                ],
            );
            let referenced = self.note_refs.contains_key(&note.number);
            let number = note.number.to_string();
            let back = format!("#{}", note.ref_id);
            let mut rest: &[Block] = &note.blocks;
            self.xml.start("p", &[]);
            if referenced {
                self.xml.element(
                    "a",
                    &[
                        ("href", &back),
                        ("class", "note-number"),
                        ("role", "doc-backlink"),
                        ("title", "Back to the text"),
                    ],
                    &number,
                );
            } else {
                self.xml
                    .element("span", &[("class", "note-number")], &number);
            }
            self.xml.text(" ");
            if let Some(Block {
                kind: BlockKind::Paragraph(inlines),
                ..
            }) = note.blocks.first()
            {
                self.inlines(inlines);
                rest = &note.blocks[1..];
            }
            self.xml.end();
            self.blocks(rest, false);
            self.xml.end();
            self.xml.newline();
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

    #[test]
    fn heading_levels_map_to_h2_through_h6() {
        assert_eq!(heading_tag(2), "h2");
        assert_eq!(heading_tag(4), "h4");
        assert_eq!(heading_tag(9), "h6");
    }
}
