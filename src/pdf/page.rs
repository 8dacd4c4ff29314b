//! The layout engine's result: pages of positioned glyph runs, rules, images and link areas,
//! plus the outline and page labels. Plain data that tests inspect without writing PDF bytes;
//! the writer (`write.rs`) draws it and knows nothing about line breaking.
//!
//! Units are PDF points (1/72 in); the origin is the page's bottom-left corner, y grows upwards.
//!
//! Every placed item carries a [`Mark`]: the structure element ([`Node`]) of the document's
//! logical structure it is content of, or the kind of artifact it is (running heads, rules,
//! backgrounds). The nodes, with their parents, are `LaidOutDocument::structure`; the writer
//! turns them into the tagged PDF's structure tree.

use crate::fonts::FontFile;

pub use crate::model::Rgb;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A laid-out document, ready for the writer.
#[derive(Debug, Clone)]
pub struct LaidOutDocument {
    pub page_width: f32,
    pub page_height: f32,
    /// The fonts the runs use; `TextRun::font` indexes this list.
    pub fonts: Vec<FontFile>,
    pub pages: Vec<Page>,
    /// Nested bookmarks, in reading order.
    pub outline: Vec<OutlineEntry>,
    /// Page label ranges in page order: the first starts at page 0.
    pub labels: Vec<PageLabelRange>,
    pub info: DocumentInfo,
    /// The logical structure's elements, each once, a parent before its children; children
    /// of one parent in reading order.
    pub structure: Vec<Node>,
    /// Write the structure tree and mark the content (a tagged PDF).
    pub tagged: bool,
    /// Where each page begins in the book's text, for the EPUB's page list.
    pub print_pages: crate::model::PrintPages,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<PageItem>,
    pub links: Vec<LinkArea>,
    /// Named destinations on this page (heading ids, `chapter-slug` or `chapter-slug/heading-id`),
    /// with the y of their top.
    pub anchors: Vec<(String, f32)>,
}

#[derive(Debug, Clone)]
pub enum PageItem {
    Text(TextRun),
    /// A straight line (thematic breaks, table rules, dot leaders are glyphs, not rules).
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
        mark: Mark,
    },
    /// A filled rectangle (code block backgrounds, table header shading).
    FilledRect {
        rect: Rect,
        color: Rgb,
        mark: Mark,
    },
    /// `Book::images[asset]` drawn into `rect`, with its alt text.
    Image {
        asset: usize,
        rect: Rect,
        alt: String,
        mark: Mark,
    },
}

impl PageItem {
    pub fn mark(&self) -> Mark {
        match self {
            PageItem::Text(run) => run.mark,
            PageItem::Line { mark, .. }
            | PageItem::FilledRect { mark, .. }
            | PageItem::Image { mark, .. } => *mark,
        }
    }

    pub fn mark_mut(&mut self) -> &mut Mark {
        match self {
            PageItem::Text(run) => &mut run.mark,
            PageItem::Line { mark, .. }
            | PageItem::FilledRect { mark, .. }
            | PageItem::Image { mark, .. } => mark,
        }
    }
}

/// One run of glyphs in one font and size on one baseline.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// Index into `LaidOutDocument::fonts`.
    pub font: usize,
    pub size: f32,
    /// Start of the baseline.
    pub x: f32,
    pub y: f32,
    pub color: Rgb,
    pub glyphs: Vec<Glyph>,
    pub mark: Mark,
    /// Stretches of the run's glyphs read as other text than their own (the parts of
    /// hyphenated words), in order, not overlapping.
    /// Boxed: most runs have none, and runs are moved often.
    pub actual_text: Option<Box<[ActualText]>>,
    /// Character expansion of a justified line (1 for none): the run takes this many times the
    /// width of its glyphs and their TJ adjustments. The writer spends the difference on
    /// letter spacing, so the glyphs keep their shapes.
    pub scale: f32,
}

/// Glyphs `start..end` of a run stand for `text` when copied or read aloud: the part of a
/// word hyphenated at a line end before the break reads as the whole word, the part after it
/// as nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct ActualText {
    pub start: usize,
    pub end: usize,
    pub text: smol_str::SmolStr,
}

/// What a placed item is in the document's logical structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// Not given yet: the flow gives it the element of the block it is set in. The writer
    /// draws an item still unassigned as an artifact.
    #[default]
    Unassigned,
    /// Content of this structure element.
    Content(NodeId),
    /// In a set line: text of the line's n-th link (the flow makes each a Link element).
    LineLink(u16),
    /// In a set line: a footnote call (the flow makes it a Reference element).
    NoteCall,
    /// Not content: drawn for the page's sake.
    Artifact(Artifact),
}

/// The kinds of artifact (ISO 32000-1, 14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Running heads: pagination, header.
    Header,
    /// Folios: pagination, footer.
    Footer,
    /// Repeated table headers: pagination.
    Pagination,
    /// Rules, backgrounds, leaders, list bullets' decoration: layout.
    Layout,
}

/// A structure element's identity: the flow that made it and its number there, so that flows
/// built on different threads never share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    pub flow: u32,
    pub index: u32,
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: NodeId,
    /// None only for the document's root.
    pub parent: Option<NodeId>,
    pub role: Role,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// A unique id (notes: their anchor).
    pub element_id: Option<String>,
}

/// Structure types (ISO 32000-1, 14.8.4), spelt as the standard spells them, and `Title`,
/// which the writer role-maps onto one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub enum Role {
    Document,
    Sect,
    /// The cover's title; role-mapped to P.
    Title,
    H(u8),
    P,
    L(ListNumbering),
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A header cell of a column.
    TH,
    TD,
    Figure,
    Caption,
    Note,
    Reference,
    Link,
    Code,
    BlockQuote,
    /// A generic block (a pandoc fenced div).
    Div,
    TOC,
    TOCI,
}

/// How a list's items are labelled (the ListNumbering attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListNumbering {
    Decimal,
    Disc,
    None,
}

/// A shaped glyph, as printpdf's `Codepoint` wants it.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the original font file (the writer's subsetter remaps it).
    pub gid: u16,
    /// TJ adjustment written after the glyph, in 1/1000 em, PDF sign (positive moves left):
    /// `(nominal advance - wanted advance) * 1000 / units_per_em`. Carries kerning and the
    /// stretch or shrink of justified spaces.
    pub offset: f32,
    /// The text this glyph stands for ("ffi" for a ligature, " " for a space), for ToUnicode.
    pub text: smol_str::SmolStr,
}

/// Where a link area points once pages exist: a URI, or a page and a height (resolved by
/// layout from the inline engine's `UnresolvedTarget`).
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Uri(String),
    /// A page index (0-based) and the y to show at the top of the window.
    Page {
        page: usize,
        y: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub rect: Rect,
    pub target: LinkTarget,
    /// The Link structure element of the link's text.
    pub node: Option<NodeId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
    pub y: f32,
    pub children: Vec<OutlineEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelStyle {
    /// i, ii, iii
    LowerRoman,
    /// 1, 2, 3
    Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageLabelRange {
    /// 0-based index of the first page in the range.
    pub first_page: usize,
    pub style: LabelStyle,
    /// The number the first page shows.
    pub start: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    pub creator: String,
    pub producer: String,
    /// BCP 47.
    pub language: String,
    /// Seconds since the Unix epoch (from `date::build_timestamp`).
    pub timestamp: i64,
    /// A stable identifier of the inputs, for the trailer /ID.
    pub id: [u8; 16],
}
