//! The documents around the content: the cover and title pages, and each chapter's document
//! with its header; the chapter's content is written by a `ChapterWriter`.

use super::super::page_list::{ChapterMarks, Marker};
use super::super::plan::{self, Plan};
use super::super::xml::Xml;
use super::ChapterWriter;
use crate::diagnostic::Diagnostics;
use crate::model::{Book, ChapterKind};

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
pub fn cover_page(book: &Book, lang: &str, image_href: &str, markers: &[Marker]) -> String {
    let mut xml = Xml::new();
    open_document(&mut xml, lang, &book.meta.title, "cover", "cover-page");
    xml.start("section", &[("class", "cover"), ("epub:type", "cover")]);
    for marker in markers {
        marker.write(&mut xml);
    }
    let alt = cover_alt(book);
    xml.empty(
        "img",
        &[("src", image_href), ("alt", &alt), ("role", "doc-cover")],
    );
    xml.finish()
}

/// "Cover of Becoming a Medical Technician by Jane Doe".
pub fn cover_alt(book: &Book) -> String {
    let mut alt = book.strings.fill("cover-of", &book.meta.title);
    if let Some(sub) = book.meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
        alt.push_str(": ");
        alt.push_str(sub);
    }
    if !book.meta.authors.is_empty() {
        alt.push(' ');
        alt.push_str(&book.strings.fill("by", &book.meta.authors.join(", ")));
    }
    alt
}

/// The title page: title, subtitle, authors, publisher.
pub fn title_page(book: &Book, lang: &str, markers: &[Marker]) -> String {
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
    for marker in markers {
        marker.write(&mut xml);
    }
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
            &[
                ("class", "book-subtitle"),
                ("epub:type", "subtitle"),
                ("role", "doc-subtitle"),
            ],
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
    marks: Option<&ChapterMarks>,
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
    let mut w = ChapterWriter::new(book, plan, index, marks, diags);
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
    w.opening_markers();
    let xml = &mut w.xml;
    xml.newline();
    xml.start("header", &[("class", "chapter-header")]);
    let id = chapter.title_id.clone();
    xml.start("h1", &[("id", &id), ("class", "chapter-title")]);
    if let Some(label) = chapter
        .label(&book.strings)
        .or_else(|| chapter.nesting.nested_number())
    {
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
