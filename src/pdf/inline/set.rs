//! Stage 3, set: items and break positions -> lines of positioned glyph runs.
//!
//! Takes the collected items and their styles, the positions where lines end (from
//! [`linebreak`](super::linebreak)), the measure and the alignment; gives a [`Line`] per line:
//! text runs (the fragments of a word drawn as one, a hyphen at a hyphenated end), spaces
//! stretched or shrunk through the space glyph's TJ offset, strike-through rules, inline images
//! and link rectangles, all relative to the line's start (x = 0) and baseline (y = 0).

use smol_str::SmolStr;

use super::collect::{SPACE_SHRINK_EM, SPACE_STRETCH_EM};
use super::linebreak::{self, Item};
use super::{Align, InlineImage, Piece, TextStyle, UnresolvedTarget};
use crate::model::WordCounter;
use crate::pdf::page::{Glyph, PageItem, Rect, TextRun};
use crate::pdf::shape::Shaper;

/// Strike-through position above the baseline, as a fraction of the size (mid x-height).
const STRIKE_RISE: f32 = 0.25;
/// Stroke width of strike-through and underline rules, as a fraction of the size.
const RULE_WEIGHT: f32 = 0.05;

/// One set line: items relative to the line's start (x) and baseline (y = 0).
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub items: Vec<PageItem>,
    pub links: Vec<PendingLink>,
    /// Footnote numbers referenced on this line.
    pub notes: Vec<u32>,
    /// The drawn width (never more than the measure for text that can be broken).
    pub width: f32,
    /// The tallest ascent and deepest descent on the line, in points (descent positive).
    pub ascent: f32,
    pub descent: f32,
    /// How many words of the paragraph come before this line, counted in its text as
    /// `model::print_pages` counts (a line that goes on with the previous line's word: the
    /// words before the next one).
    pub first_word: u32,
}

impl Line {
    /// The line moved so that it starts at `x` with its baseline at `y`.
    pub fn moved_to(mut self, x: f32, y: f32) -> Line {
        for item in &mut self.items {
            shift_item(item, x, y);
        }
        self.links = std::mem::take(&mut self.links)
            .into_iter()
            .map(|link| link.moved_by(x, y))
            .collect();
        self
    }
}

/// A link area in the layout, before pagination: a rectangle and its unresolved target.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    pub rect: Rect,
    pub target: UnresolvedTarget,
}

impl PendingLink {
    /// The link moved by `dx`, `dy`.
    pub fn moved_by(self, dx: f32, dy: f32) -> PendingLink {
        PendingLink {
            rect: Rect {
                x: self.rect.x + dx,
                y: self.rect.y + dy,
                ..self.rect
            },
            target: self.target,
        }
    }
}

/// Move a page item by `dx`, `dy`.
pub fn shift_item(item: &mut PageItem, dx: f32, dy: f32) {
    match item {
        PageItem::Text(r) => {
            r.x += dx;
            r.y += dy;
        }
        PageItem::Line { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
        PageItem::FilledRect { rect, .. } | PageItem::Image { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
    }
}

/// What a line is made of once fragments are merged.
enum Chunk {
    /// Text in one style; `note` is the number of the footnote a footnote mark stands for.
    Text {
        style: usize,
        text: SmolStr,
        note: Option<u32>,
    },
    Space {
        style: usize,
    },
    Image(InlineImage),
    Gap(f32),
}

/// Which word of which style a text fragment belongs to: fragments of one word merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordKey {
    style: usize,
    word: u32,
}

/// The set stage for one paragraph: shapes through `shaper`, reads the items' `styles`.
pub(super) struct Setter<'a> {
    pub shaper: &'a mut Shaper,
    pub styles: &'a [TextStyle],
    pub measure: f32,
}

impl Setter<'_> {
    /// The lines of `items` ending at `positions`.
    pub fn lines(&mut self, items: &[Item<Piece>], positions: &[usize], align: Align) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut words = WordCounter::default();
        let last = positions.len().saturating_sub(1);
        for (n, &end) in positions.iter().enumerate() {
            // A line ends ragged at the paragraph's end and at a hard break.
            let ragged = n == last
                || matches!(
                    items.get(end.wrapping_sub(1)),
                    Some(Item::Glue {
                        data: Piece::End,
                        ..
                    })
                );
            let chunks = line_chunks(items, start, end);
            let first_word = words.words;
            count_words(&chunks, &mut words);
            // A line that ends at a break point inside a word (a hyphenation point, after a
            // hyphen or a URL's slash) leaves the word open for the next line.
            let inside_word = matches!(
                items.get(end),
                Some(Item::Penalty {
                    data: Piece::Break { .. },
                    ..
                })
            );
            if !inside_word {
                words.gap();
            }
            let mut line = self.line(chunks, align, ragged);
            line.first_word = first_word;
            lines.push(line);
            start = linebreak::next_line_start(items, end);
        }
        lines
    }

    /// Set one line: measure its chunks, justify or align them, draw them.
    fn line(&mut self, chunks: Vec<Chunk>, align: Align, ragged: bool) -> Line {
        let measure = self.measure;
        let mut widths = self.chunk_widths(&chunks);
        let width = widths.adjust(measure, align, ragged);
        let x = match align {
            Align::Center => ((measure - width) / 2.0).max(0.0),
            Align::Right => (measure - width).max(0.0),
            _ => 0.0,
        };
        let mut pen = Pen::new(x, width, glyph_estimate(&chunks));
        for (chunk, w) in chunks.iter().zip(widths.widths) {
            match chunk {
                Chunk::Text { style, text, note } => {
                    pen.text(self.shaper, &self.styles[*style], text, *note, w)
                }
                Chunk::Space { style } => pen.space(self.shaper, &self.styles[*style], w),
                Chunk::Image(image) => pen.image(image, w),
                Chunk::Gap(_) => pen.gap(w),
            }
        }
        pen.finish()
    }

    /// Natural widths from the actual shaping of each chunk, and the play of its spaces.
    fn chunk_widths(&mut self, chunks: &[Chunk]) -> ChunkWidths {
        let mut out = ChunkWidths {
            natural: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            widths: Vec::with_capacity(chunks.len()),
            play: Vec::with_capacity(chunks.len()),
        };
        for chunk in chunks {
            let mut play = Play::default();
            let w = match chunk {
                Chunk::Text { style, text, .. } => {
                    let s = &self.styles[*style];
                    self.shaper.width(s.font, text) * s.size
                }
                Chunk::Space { style } => {
                    let s = &self.styles[*style];
                    let w = self.shaper.width(s.font, " ") * s.size;
                    play = Play {
                        stretch: s.size * SPACE_STRETCH_EM,
                        shrink: s.size * SPACE_SHRINK_EM,
                    };
                    out.stretch += play.stretch;
                    out.shrink += play.shrink;
                    w
                }
                Chunk::Image(image) => image.width,
                Chunk::Gap(w) => *w,
            };
            out.natural += w;
            out.widths.push(w);
            out.play.push(play);
        }
        out
    }
}

/// The chunks of the line from item `start` to the break at `end`.
fn line_chunks(items: &[Item<Piece>], start: usize, end: usize) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut current_word: Option<WordKey> = None;
    for item in &items[start..end] {
        match item {
            Item::Box { data, width } => match data {
                Piece::Text { style, text, word } => {
                    let key = WordKey {
                        style: *style,
                        word: *word,
                    };
                    if current_word == Some(key)
                        && let Some(Chunk::Text {
                            text: t,
                            note: None,
                            ..
                        }) = chunks.last_mut()
                    {
                        *t = SmolStr::from([t.as_str(), text.as_str()].concat());
                    } else {
                        chunks.push(Chunk::Text {
                            style: *style,
                            text: text.clone(),
                            note: None,
                        });
                    }
                    current_word = Some(key);
                }
                Piece::Note {
                    style,
                    text,
                    number,
                } => {
                    chunks.push(Chunk::Text {
                        style: *style,
                        text: text.clone(),
                        note: Some(*number),
                    });
                    current_word = None;
                }
                Piece::Image(image) => {
                    chunks.push(Chunk::Image(image.clone()));
                    current_word = None;
                }
                _ => {
                    chunks.push(Chunk::Gap(*width));
                    current_word = None;
                }
            },
            Item::Glue {
                data: Piece::Space { style },
                ..
            } => {
                chunks.push(Chunk::Space { style: *style });
                current_word = None;
            }
            _ => {}
        }
    }
    add_break_hyphen(&mut chunks, items.get(end));
    // Trailing spaces never count.
    while matches!(chunks.last(), Some(Chunk::Space { .. })) {
        chunks.pop();
    }
    chunks
}

/// Reads a line's text into `words`: spaces and gaps separate words, a style change does not.
fn count_words(chunks: &[Chunk], words: &mut WordCounter) {
    for chunk in chunks {
        match chunk {
            Chunk::Text { text, .. } => words.read(text, |_, _| {}),
            Chunk::Space { .. } | Chunk::Gap(_) => words.gap(),
            Chunk::Image(_) => {}
        }
    }
}

/// A line that ends at a hyphenation point ends with a hyphen, joined to its last word.
fn add_break_hyphen(chunks: &mut Vec<Chunk>, end: Option<&Item<Piece>>) {
    if let Some(Item::Penalty {
        data: Piece::Break {
            style,
            hyphen: true,
        },
        ..
    }) = end
    {
        match chunks.last_mut() {
            Some(Chunk::Text { text, .. }) => *text = SmolStr::from([text.as_str(), "-"].concat()),
            _ => chunks.push(Chunk::Text {
                style: *style,
                text: "-".into(),
                note: None,
            }),
        }
    }
}

/// Room for the glyphs of a line, so a run grows without reallocating.
fn glyph_estimate(chunks: &[Chunk]) -> usize {
    chunks
        .iter()
        .map(|c| match c {
            Chunk::Text { text, .. } => text.len(),
            Chunk::Space { .. } => 1,
            _ => 0,
        })
        .sum()
}

/// How much a chunk can stretch and shrink (only spaces have any).
#[derive(Debug, Clone, Copy, Default)]
struct Play {
    stretch: f32,
    shrink: f32,
}

/// A line's chunk widths, their sum and their total play.
struct ChunkWidths {
    natural: f32,
    stretch: f32,
    shrink: f32,
    widths: Vec<f32>,
    play: Vec<Play>,
}

impl ChunkWidths {
    /// Spaces are stretched to fill a justified line, and shrunk whenever the line is too
    /// wide; returns the adjusted line's width.
    fn adjust(&mut self, measure: f32, align: Align, ragged: bool) -> f32 {
        let (natural, stretch, shrink) = (self.natural, self.stretch, self.shrink);
        let ratio = if natural > measure && shrink > 0.0 {
            ((measure - natural) / shrink).max(-1.0)
        } else if align == Align::Justify && !ragged && stretch > 0.0 {
            (measure - natural) / stretch
        } else {
            0.0
        };
        let mut width = 0.0;
        for (w, play) in self.widths.iter_mut().zip(&self.play) {
            *w += if ratio >= 0.0 {
                ratio * play.stretch
            } else {
                ratio * play.shrink
            };
            width += *w;
        }
        width
    }
}

/// A link being drawn along a line: from `x0` to `x1`, between `bottom` and `top`.
#[derive(Debug, Clone)]
struct OpenLink {
    x0: f32,
    x1: f32,
    target: UnresolvedTarget,
    bottom: f32,
    top: f32,
}

impl OpenLink {
    fn rect(&self) -> Rect {
        Rect {
            x: self.x0,
            y: self.bottom,
            width: self.x1 - self.x0,
            height: self.top - self.bottom,
        }
    }
}

/// Draws a line's chunks from left to right: the line so far, the run being filled, the link
/// being extended, the pen's x and the room left for glyphs.
struct Pen {
    line: Line,
    run: Option<TextRun>,
    link: Option<OpenLink>,
    x: f32,
    glyph_estimate: usize,
}

impl Pen {
    fn new(x: f32, width: f32, glyph_estimate: usize) -> Pen {
        Pen {
            line: Line {
                width,
                ..Line::default()
            },
            run: None,
            link: None,
            x,
            glyph_estimate,
        }
    }

    /// End the run being filled (if it has glyphs).
    fn flush(&mut self) {
        if let Some(r) = self.run.take()
            && !r.glyphs.is_empty()
        {
            self.line.items.push(PageItem::Text(r));
        }
    }

    /// Text `w` wide in style `s`: its glyphs, strike-through and link.
    fn text(&mut self, shaper: &mut Shaper, s: &TextStyle, text: &str, note: Option<u32>, w: f32) {
        let shaped = shaper.shape(s.font, text);
        self.glyph_estimate = self.glyph_estimate.saturating_sub(text.len());
        let face = shaper.fonts.face(s.font);
        let line = &mut self.line;
        line.ascent = line.ascent.max(face.ascender * s.size + s.rise);
        line.descent = line.descent.max(-face.descender * s.size - s.rise);
        let x0 = self.x;
        for g in &shaped.glyphs {
            let font = g.font as usize;
            let same = self.run.as_ref().is_some_and(|r| {
                r.font == font && r.size == s.size && r.color == s.color && r.y == s.rise
            });
            if !same {
                self.flush();
                self.run = Some(TextRun {
                    font,
                    size: s.size,
                    x: self.x,
                    y: s.rise,
                    color: s.color,
                    glyphs: Vec::with_capacity(self.glyph_estimate),
                });
            }
            if let Some(r) = self.run.as_mut() {
                r.glyphs.push(Glyph {
                    gid: g.gid,
                    offset: (g.nominal - g.advance) * 1000.0,
                    text: g.text.clone(),
                });
            }
            self.x += g.advance * s.size;
        }
        if let Some(number) = note {
            self.line.notes.push(number);
        }
        if s.strike {
            let y = s.rise + s.size * STRIKE_RISE;
            self.line.items.push(PageItem::Line {
                from: (x0, y),
                to: (x0 + w, y),
                width: s.size * RULE_WEIGHT,
                color: s.color,
            });
        }
        let bottom = s.rise + face.descender * s.size;
        let top = s.rise + face.ascender * s.size;
        self.extend_link(s.link.as_ref(), x0, x0 + w, bottom, top);
    }

    /// Text from `x0` to `x1` links to `target`: the open link grows if it has that target,
    /// else it ends (and a new one starts).
    fn extend_link(
        &mut self,
        target: Option<&UnresolvedTarget>,
        x0: f32,
        x1: f32,
        bottom: f32,
        top: f32,
    ) {
        if let (Some(open), Some(target)) = (self.link.as_mut(), target)
            && open.target == *target
        {
            open.x1 = x1;
            open.bottom = open.bottom.min(bottom);
            open.top = open.top.max(top);
            return;
        }
        self.close_link();
        if let Some(target) = target {
            self.link = Some(OpenLink {
                x0,
                x1,
                target: target.clone(),
                bottom,
                top,
            });
        }
    }

    fn close_link(&mut self) {
        if let Some(open) = self.link.take() {
            self.line.links.push(PendingLink {
                rect: open.rect(),
                target: open.target,
            });
        }
    }

    /// A space `w` wide: the font's space glyph whose TJ offset makes it `w` wide, in the run
    /// being filled if it matches, else a gap.
    fn space(&mut self, shaper: &mut Shaper, s: &TextStyle, w: f32) {
        let space = shaper.shape(s.font, " ");
        let same = self.run.as_ref().is_some_and(|r| {
            r.size == s.size
                && r.color == s.color
                && r.y == s.rise
                && space
                    .glyphs
                    .first()
                    .is_some_and(|g| g.font as usize == r.font)
        });
        match (same, space.glyphs.first(), self.run.as_mut()) {
            (true, Some(g), Some(r)) => r.glyphs.push(Glyph {
                gid: g.gid,
                offset: (g.nominal - w / s.size) * 1000.0,
                text: " ".into(),
            }),
            _ => self.flush(),
        }
        self.x += w;
    }

    fn image(&mut self, image: &InlineImage, w: f32) {
        self.flush();
        self.line.items.push(PageItem::Image {
            asset: image.asset,
            rect: Rect {
                x: self.x,
                y: 0.0,
                width: image.width,
                height: image.height,
            },
            alt: image.alt.clone(),
        });
        self.line.ascent = self.line.ascent.max(image.height);
        self.x += w;
    }

    fn gap(&mut self, w: f32) {
        self.flush();
        self.x += w;
    }

    fn finish(mut self) -> Line {
        self.flush();
        self.close_link();
        self.line
    }
}
