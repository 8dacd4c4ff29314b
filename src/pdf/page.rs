//! The layout engine's result: pages of positioned glyph runs, rules, images and link areas,
//! plus the outline and page labels. Plain data that tests inspect without writing PDF bytes;
//! the writer (`write.rs`) draws it and knows nothing about line breaking.
//!
//! Units are PDF points (1/72 in); the origin is the page's bottom-left corner, y grows upwards.

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
    },
    /// A filled rectangle (code block backgrounds, table header shading).
    FilledRect {
        rect: Rect,
        color: Rgb,
    },
    /// `Book::images[asset]` drawn into `rect`, with its alt text.
    Image {
        asset: usize,
        rect: Rect,
        alt: String,
    },
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
