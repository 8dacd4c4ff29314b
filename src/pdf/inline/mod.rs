//! The inline engine: styled inlines become lines of positioned glyph runs, in three stages
//! of one module each.
//!
//! 1. `collect` takes a paragraph's inlines with their style and gives boxes, glue and
//!    penalties ([`Item`]s carrying [`Piece`]s): words shaped (cached), hyphenated with
//!    Liang's patterns and broken at UAX #14 opportunities, URLs and words too long for the
//!    measure at last-resort points.
//! 2. [`linebreak`] takes the items and a measure and gives the positions where lines end:
//!    Knuth-Plass total fit for justified text, first fit for ragged text.
//! 3. `set` takes the items and those positions and gives [`Line`]s: glyph runs,
//!    justified spaces (the font's space glyph with a TJ offset), rules and link rectangles,
//!    relative to the line's start and baseline.
//!
//! [`Builder::lines`] runs stages 2 and 3 on what stage 1 collected. For text that is not a
//! paragraph of the book, [`set_text_line`] sets a single line of plain text at a place on the
//! page (running heads, folios, contents and footnote numbers, code lines), [`text_lines`]
//! breaks plain text into lines, and [`Line::moved_to`] puts a set line in its place.

mod bidi;
mod breaks;
mod collect;
pub mod linebreak;
mod protrude;
mod sense;
mod set;
#[cfg(test)]
mod tests;
mod ties;

use smol_str::SmolStr;

use super::fonts::FontKey;
use super::hyphenate::TextLanguage;
use super::page::{PageItem, Rgb};
use super::shape::Shaper;
pub use collect::{Builder, InlineContext, MONO_SCALE, anchor_name};
use linebreak::{FORCED_BREAK, Item};
pub use set::{Line, PendingLink, shift_item};

/// Lines are broken for a measure this much (in points) narrower than the real one and then
/// justified to the full measure: the margin absorbs the small difference between a word's
/// width as a hyphenation fragment and the same fragment shaped with its hyphen.
const BREAK_SAFETY: f32 = 0.3;

/// Character expansion of justified text: a line's letters may widen or narrow by this share
/// of their width, in step with its spaces (pdfTeX's \pdfadjustspacing with stretch and
/// shrink 30, microtype's setting for narrow measures). Spent on letter spacing, so the
/// letters keep their shapes; at 110 dpi a line at the limit reads as set a little tight or
/// open, not as distorted. Measured with typo-metrics against 2 %, the breaker otherwise
/// unchanged: hyphens on a next-to-last line on the guide at A5 6 -> 2 (of 35 paragraphs),
/// A4 2 -> 0, Letter 2 -> 0; lines above 1.6x at A4 5 -> 1, Letter 3 -> 0; hyphenated lines
/// at A5 12 -> 9 %. 2.5 % leaves 4, 1 and 1 next-to-last hyphens.
pub(crate) const EXPANSION: f32 = 0.03;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// Where a link in the layout points before pagination: a URI, or a named anchor that only
/// becomes a page and a height once pages exist. The collect stage makes it from the model's
/// [`crate::model::LinkTarget`]; layout resolves it into the page's
/// [`crate::pdf::page::LinkTarget`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UnresolvedTarget {
    Uri(String),
    /// A named destination (`chapter-slug` or `chapter-slug/anchor`).
    Anchor(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    pub font: FontKey,
    pub size: f32,
    pub color: Rgb,
    /// Baseline shift (superscripts), in points, positive up.
    pub rise: f32,
    pub link: Option<UnresolvedTarget>,
    pub strike: bool,
    /// Underlined (`<u>`).
    pub underline: bool,
    /// Marked as highlighted (`<mark>`): a tint behind the letters.
    pub highlight: bool,
    /// Liang hyphenation allowed (not in code, headings or URLs).
    pub hyphenate: bool,
    /// The language whose patterns hyphenate the text: the book's, or a span's own.
    pub language: TextLanguage,
    /// The BCP 47 tag of text in another language than the book's (a span's or a div's
    /// `lang`), which a tagged PDF gives its marked content.
    pub lang: Option<SmolStr>,
}

impl TextStyle {
    pub fn new(font: FontKey, size: f32, color: Rgb) -> TextStyle {
        TextStyle {
            font,
            size,
            color,
            rise: 0.0,
            link: None,
            strike: false,
            underline: false,
            highlight: false,
            hyphenate: true,
            language: TextLanguage::Book,
            lang: None,
        }
    }
}

/// The payload of a box, glue or penalty.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A fragment of a word; fragments with the same `word` and style are drawn as one.
    Text {
        style: usize,
        text: SmolStr,
        word: u32,
    },
    /// A word space in a style.
    Space { style: usize },
    /// A break point; `hyphen` draws a hyphen in `style` when the line ends here.
    Break { style: usize, hyphen: bool },
    /// A footnote mark (drawn as text) and the note's number.
    Note {
        style: usize,
        text: SmolStr,
        number: u32,
    },
    /// An inline image drawn on the baseline.
    Image(InlineImage),
    /// Empty space (first-line indent).
    Indent,
    /// Paragraph end and forced breaks.
    End,
}

/// An image set in a line of text: `Book::images[asset]`, `width` x `height` points.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineImage {
    pub asset: usize,
    pub alt: String,
    pub width: f32,
    pub height: f32,
}

/// A paragraph's set lines, and whether some line's word spaces are outside the limits
/// (0.7 to 1.6 times natural) because no way to break it keeps them within.
#[derive(Debug, Default)]
pub struct SetParagraph {
    pub lines: Vec<Line>,
    pub strained: bool,
}

/// How a paragraph is broken into lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaking {
    /// Running text: total fit when justified, first fit when ragged.
    Fill,
    /// Display text (headings, titles, contents entries): first fit's number of lines,
    /// balanced and never ending on an article or a preposition ([`sense`]).
    Sense,
}

impl Builder<'_> {
    /// Break into lines and set them.
    pub fn lines(self, align: Align) -> Vec<Line> {
        self.lines_broken(align, Breaking::Fill)
    }

    /// Break into lines the way `breaking` says and set them.
    pub fn lines_broken(self, align: Align, breaking: Breaking) -> Vec<Line> {
        self.set(align, breaking).lines
    }

    /// Break into lines and set them, saying whether the spaces had to leave their limits.
    pub fn set(mut self, align: Align, breaking: Breaking) -> SetParagraph {
        if !self.items.iter().any(Item::is_box) {
            return SetParagraph::default();
        }
        if !matches!(self.items.last(), Some(Item::Penalty { penalty, .. }) if *penalty <= FORCED_BREAK)
        {
            self.finish();
        }
        // Justified text is broken by total fit. Ragged text (headings, contents, table cells)
        // has no stretch to measure lines by, so first fit gives the natural ragged shape.
        let full_measure = self.measure();
        let measure = full_measure - BREAK_SAFETY;
        let justified = breaking == Breaking::Fill && align == Align::Justify;
        let expansion = if justified { EXPANSION } else { 0.0 };
        let breaks = match (breaking, align) {
            (Breaking::Sense, _) => sense::by_sense(&self.items, measure),
            (Breaking::Fill, Align::Justify) => {
                linebreak::total_fit_expanding(&self.items, measure, expansion)
            }
            (Breaking::Fill, _) => linebreak::greedy(&self.items, measure),
        };
        let mut setter = set::Setter {
            shaper: self.shaper,
            styles: &self.styles,
            measure: full_measure,
            expansion,
        };
        SetParagraph {
            lines: setter.lines(&self.items, &breaks.positions, align),
            strained: breaks.quality == linebreak::Quality::Strained,
        }
    }
}

/// The text of a single line and how its spaces are read.
#[derive(Debug, Clone, Copy)]
pub enum LineText<'t> {
    /// Words and spaces, as in a paragraph: a run of spaces is one space.
    Words(&'t str),
    /// Every character as written, shaped as one piece with no break inside: a code line,
    /// whose spaces indent.
    Verbatim(&'t str),
}

/// Where a single line of text goes: the left edge of its measure and its baseline, the
/// measure's width and the line's alignment in it.
#[derive(Debug, Clone, Copy)]
pub struct LinePlace {
    pub x: f32,
    pub baseline: f32,
    pub measure: f32,
    pub align: Align,
}

/// Plain text in one style broken into lines of `measure`, each relative to its own start and
/// baseline.
pub fn text_lines(
    shaper: &mut Shaper,
    text: LineText,
    style: &TextStyle,
    measure: f32,
    align: Align,
) -> Vec<Line> {
    text_lines_broken(shaper, text, style, measure, align, Breaking::Fill)
}

/// Plain text in one style broken into lines of `measure` the way `breaking` says (by sense
/// for display text: a title, a contents entry).
pub fn text_lines_broken(
    shaper: &mut Shaper,
    text: LineText,
    style: &TextStyle,
    measure: f32,
    align: Align,
    breaking: Breaking,
) -> Vec<Line> {
    let mut b = Builder::new(shaper, measure);
    match text {
        LineText::Words(words) => b.text(words, style),
        LineText::Verbatim(verbatim) => b.verbatim(verbatim, style),
    }
    b.lines_broken(align, breaking)
}

/// One line of plain text in one style set at `place`: its page items, moved there. Of text
/// too long for the measure only the first line is set.
pub fn set_text_line(
    shaper: &mut Shaper,
    text: LineText,
    style: &TextStyle,
    place: LinePlace,
) -> Vec<PageItem> {
    text_lines(shaper, text, style, place.measure, place.align)
        .into_iter()
        .next()
        .map(|line| line.moved_to(place.x, place.baseline).items)
        .unwrap_or_default()
}
