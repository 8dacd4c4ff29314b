//! The document model: one tree built from the Markdown, shared by the PDF and EPUB renderers.
//!
//! A renderer never looks at Markdown; it walks a [`Book`]. Every block and every inline that can
//! be wrong (links, images, footnote references) carries its [`Pos`] in its chapter's source file
//! (`Chapter::source`), so any stage can report a problem as `file:line:column`.

mod print_pages;
mod styles;
mod text;
pub mod walk;

use std::path::PathBuf;

use crate::diagnostic::Location;

/// The faces a print style names, part of the resolved style.
pub use crate::fonts::{BookFont, FaceFile, FontKey};
/// The generated text of a book, by key.
pub use crate::strings::Strings;
pub use print_pages::{PageStart, PrintPage, PrintPages, TextPoint, WordCounter, is_word_gap};
pub use styles::{
    BUILT_IN_PRINT_STYLE_NAME, ChapterOpening, Impose, LinksStyle, OutputProfile, PT_PER_MM, Paper,
    PaperSize, PressStyle, PrintStyle, Rgb, SheetPaper, ShowUrls, StyleSource, Styles,
};
pub use text::{block_text, plain_text, span_ids_in};

/// A line and column (1-based) in the chapter's source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    pub meta: Metadata,
    /// The folder holding `book.toml` (or the single Markdown file's folder).
    pub root: PathBuf,
    /// Front matter, chapters, appendices and back matter, in reading order.
    pub chapters: Vec<Chapter>,
    /// The cover image, read and checked at load time.
    pub cover: Option<Asset>,
    /// Every image the chapters use, keyed by its path relative to `root`, loaded once.
    pub images: Vec<Asset>,
    /// The print style and EPUB stylesheet, resolved at load time.
    pub styles: Styles,
    /// How the EPUB is packaged (`[epub]` in book.toml).
    pub epub: EpubOptions,
    /// The text quire generates, in the book's language (`[strings]` over its table).
    pub strings: Strings,
}

/// The `[epub]` settings of book.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpubOptions {
    /// Whether the fonts the text is drawn in go into the EPUB (subset to what it draws).
    pub embed_fonts: bool,
    /// The `dcterms:modified` date (`[epub] modified`, midnight UTC, in seconds since the epoch)
    /// unless `SOURCE_DATE_EPOCH` is set; None: the book's date.
    pub modified: Option<i64>,
    /// The authors' names as they sort, in the order of the authors (the rest: "Last, First").
    pub author_sort_as: Vec<String>,
    /// `[epub] page-list`: Some(true) gives every EPUB the printed edition's page list,
    /// Some(false) none; None gives it to an EPUB built together with the PDF.
    pub page_list: Option<bool>,
}

impl Default for EpubOptions {
    fn default() -> Self {
        EpubOptions {
            embed_fonts: true,
            modified: None,
            author_sort_as: Vec::new(),
            page_list: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    /// BCP 47, e.g. `en-US`.
    pub language: String,
    /// A stable identifier (URN, ISBN, URL...), the same for every build.
    pub identifier: String,
    pub description: Option<String>,
    pub rights: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub keywords: Vec<String>,
    pub subject: Option<String>,
    /// The newest modification time (seconds since the Unix epoch) among the book's files: the
    /// outputs' date when neither `SOURCE_DATE_EPOCH` nor `date` gives one.
    pub files_modified: Option<i64>,
}

impl Metadata {
    /// Seconds since the Unix epoch stamped into the outputs: `SOURCE_DATE_EPOCH` when set,
    /// else the book's date, else the newest modification time of its files.
    pub fn build_timestamp(&self) -> i64 {
        crate::date::build_timestamp(self)
    }
}

/// A file read at load time: an image or the cover.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    /// As written in the book (relative to the book's root), `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    /// An SVG image as read, its text in the book's faces (None for other formats).
    pub drawing: Option<crate::svg::Drawing>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
    Bmp,
    /// A vector drawing: drawn as paths in the PDF, packaged cleaned in the EPUB.
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChapterKind {
    Front,
    Chapter,
    Appendix,
    Back,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub kind: ChapterKind,
    /// The source file, as given to the loader (used in diagnostics).
    pub source: PathBuf,
    /// The file name relative to the book root (`02-role.md`), used to resolve links.
    pub file_name: String,
    /// A slug unique in the book (`understanding-the-role`); the EPUB file is `<slug>.xhtml`.
    pub slug: String,
    /// The chapter's title: its first level-1 heading (that heading is not in `blocks`).
    pub title: Vec<Inline>,
    /// The anchor id of the title heading.
    pub title_id: String,
    /// A short title for running headers, from `book.toml` or the part of the title before a colon.
    pub short_title: String,
    /// 1, 2, 3... for chapters; 1, 2... for appendices (shown as A, B...); None otherwise.
    pub number: Option<u32>,
    pub blocks: Vec<Block>,
    /// Footnote definitions in order of first reference; `Inline::FootnoteRef::number` indexes
    /// this list from 1.
    pub footnotes: Vec<Footnote>,
    pub pos: Pos,
    /// Where an mdBook `SUMMARY.md` puts the chapter (a nested chapter, a part it opens);
    /// empty for the flat list of book.toml.
    pub nesting: Nesting,
}

/// A chapter's place in an outline deeper than a flat list (mdBook's `SUMMARY.md`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Nesting {
    /// Its numbers from the top: `[2]` for chapter 2, `[2, 1]` for the first chapter nested in
    /// it (numbered 2.1); empty for a chapter numbered as book.toml numbers it.
    pub numbers: Vec<u32>,
    /// The title of the part this chapter opens (`# Part` in `SUMMARY.md`).
    pub part: Option<String>,
}

impl Nesting {
    /// 0 for a chapter of the book, 1 for a chapter nested in one, and so on.
    pub fn depth(&self) -> usize {
        self.numbers.len().saturating_sub(1)
    }

    /// "2.1" for a nested chapter; None for a chapter of the book.
    pub fn nested_number(&self) -> Option<String> {
        if self.depth() == 0 {
            return None;
        }
        let parts: Vec<String> = self.numbers.iter().map(u32::to_string).collect();
        Some(parts.join("."))
    }
}

impl Chapter {
    /// The full source location of a position in this chapter.
    pub fn location(&self, pos: Pos) -> Location {
        Location::new(self.source.clone(), pos.line, pos.column)
    }

    /// The title as plain text.
    pub fn title_text(&self) -> String {
        plain_text(&self.title)
    }

    /// How deep the chapter is nested in another (0: a chapter of the book).
    pub fn depth(&self) -> usize {
        self.nesting.depth()
    }

    /// "Chapter 3", "Appendix A" (in the book's language: `strings`) or None (also for a
    /// nested chapter, which is numbered 2.1 in its title line: [`Nesting::nested_number`]).
    pub fn label(&self, strings: &Strings) -> Option<String> {
        if self.depth() > 0 {
            return None;
        }
        match (self.kind, self.number) {
            (ChapterKind::Chapter, Some(n)) => Some(strings.fill("chapter", &n.to_string())),
            (ChapterKind::Appendix, Some(n)) => Some(strings.fill("appendix", &appendix_letter(n))),
            _ => None,
        }
    }

    /// The headings of the chapter (levels 2 and deeper), in order, with their levels.
    pub fn headings(&self) -> Vec<(&Heading, Pos)> {
        let mut out = Vec::new();
        collect_headings(&self.blocks, &mut out);
        out
    }
}

/// The headings that are sections of the chapter: those at its top level and inside block
/// quotes, not those inside lists, definitions or footnotes. Not the whole tree, so not a
/// [`walk`].
fn collect_headings<'a>(blocks: &'a [Block], out: &mut Vec<(&'a Heading, Pos)>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Heading(h) => out.push((h, block.pos)),
            BlockKind::BlockQuote { blocks, .. } | BlockKind::Div { blocks, .. } => {
                collect_headings(blocks, out)
            }
            _ => {}
        }
    }
}

/// A, B, ... Z, AA, AB ...
pub fn appendix_letter(n: u32) -> String {
    let mut n = n.max(1);
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub label: String,
    pub number: u32,
    /// Anchor id of the note (`fn-3`) and of its first reference (`fnref-3`), unique in the chapter.
    pub id: String,
    pub ref_id: String,
    pub blocks: Vec<Block>,
    pub pos: Pos,
}

impl Footnote {
    /// Footnote `number` of its chapter, with the anchor ids that number gives it.
    pub fn numbered(label: String, number: u32, blocks: Vec<Block>, pos: Pos) -> Self {
        Footnote {
            label,
            number,
            id: format!("fn-{number}"),
            ref_id: format!("fnref-{number}"),
            blocks,
            pos,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 2 to 6 inside a chapter (the chapter title is level 1).
    pub level: u8,
    /// Unique within the chapter; explicit `{#id}` or a slug of the text.
    pub id: String,
    pub classes: Vec<String>,
    pub content: Vec<Inline>,
}

impl Heading {
    pub fn text(&self) -> String {
        plain_text(&self.content)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

/// A GitHub-style alert kind on a block quote (`> [!NOTE]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callout {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Heading(Heading),
    Paragraph(Vec<Inline>),
    /// An image alone in its paragraph: set as a figure, its title (if any) as the caption.
    Figure(Image),
    List(List),
    BlockQuote {
        callout: Option<Callout>,
        blocks: Vec<Block>,
    },
    CodeBlock {
        language: Option<String>,
        code: String,
    },
    Table(Table),
    DefinitionList(Vec<Definition>),
    ThematicBreak,
    /// Raw HTML: reported as a warning at load time and rendered as literal text.
    RawHtml(String),
    /// pandoc's fenced div of a class that is no alert (`::: sidebar`): its blocks, its class
    /// and id carried into the EPUB, set as the text around them in print.
    Div {
        id: Option<String>,
        classes: Vec<String>,
        /// A BCP 47 tag when the div's text is in another language than the book
        /// (`::: {lang=de}`).
        lang: Option<String>,
        blocks: Vec<Block>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// `Some(first number)` for an ordered list.
    pub start: Option<u64>,
    pub tight: bool,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub alignments: Vec<Alignment>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub term: Vec<Inline>,
    pub details: Vec<Vec<Block>>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Index into `Book::images`; None when the image could not be loaded (already reported).
    pub asset: Option<usize>,
    /// The path as written in the Markdown.
    pub src: String,
    pub alt: String,
    pub title: String,
    pub pos: Pos,
    /// A figure's label when figures are numbered (`[figures] numbered`): "Figure 2.1".
    pub label: Option<String>,
}

impl Image {
    /// A figure's caption: its title, else its alternative text (pandoc's rule); empty when
    /// it has neither.
    pub fn caption(&self) -> &str {
        if self.title.trim().is_empty() {
            self.alt.trim()
        } else {
            self.title.trim()
        }
    }

    /// Whether the caption is the alternative text (which a screen reader has read already).
    pub fn caption_is_alt(&self) -> bool {
        self.title.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkTarget {
    /// A URL outside the book (`https:`, `mailto:`...).
    External(String),
    /// A chapter of this book, and a heading (or footnote) id in it; None is the chapter's start.
    Internal {
        chapter: usize,
        anchor: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Adjacent text is merged into one node; soft line breaks become a space.
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Superscript(Vec<Inline>),
    Subscript(Vec<Inline>),
    Code(String),
    Link {
        target: LinkTarget,
        title: String,
        content: Vec<Inline>,
        pos: Pos,
    },
    Image(Image),
    /// A reference to `Chapter::footnotes[number - 1]`.
    FootnoteRef {
        label: String,
        number: u32,
        pos: Pos,
    },
    /// A hard line break.
    LineBreak,
    /// Text with a kind, an id (a link target), classes or a language: pandoc's bracketed span
    /// `[text]{#id .class}`, and the inline HTML a book may use (`<kbd>`, `<mark>`...).
    Span(Span),
    /// Inline raw HTML: reported as a warning at load time and rendered as literal text.
    RawHtml(String),
}

/// A span of text and what sets it apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub kind: SpanKind,
    /// An anchor id, unique in its chapter's file as the author wrote it.
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// A BCP 47 tag when the text is in another language than the book.
    pub lang: Option<String>,
    /// What an abbreviation stands for.
    pub title: Option<String>,
    pub content: Vec<Inline>,
}

/// How a span's text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// As the text around it (pandoc's spans, `<span>`, an `<a id>` anchor).
    Plain,
    /// A key to press (`<kbd>`): in the code face.
    Keyboard,
    /// Marked text (`<mark>`): highlighted in both outputs.
    Mark,
    /// Side comments, fine print (`<small>`).
    Small,
    /// Underlined (`<u>`).
    Underline,
    /// An abbreviation (`<abbr title>`).
    Abbreviation,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_letters_continue_past_z() {
        assert_eq!(appendix_letter(1), "A");
        assert_eq!(appendix_letter(26), "Z");
        assert_eq!(appendix_letter(27), "AA");
    }
}
