//! Stage 3, set: items and break positions -> lines of positioned glyph runs.
//!
//! Takes the collected items and their styles, the positions where lines end (from
//! [`linebreak`](super::linebreak)), the measure and the alignment; gives a [`Line`] per line:
//! text runs (the fragments of a word drawn as one, a hyphen at a hyphenated end), spaces
//! stretched or shrunk through the space glyph's TJ offset, strike-through rules, inline images
//! and link rectangles, all relative to the line's start (x = 0) and baseline (y = 0).

use smol_str::SmolStr;

mod pen;
use pen::Pen;

use super::bidi::{self, ChunkText};
use super::collect::{SPACE_SHRINK, SPACE_STRETCH};
use super::linebreak::{self, Item};
use super::protrude;
use super::{Align, InlineImage, Piece, TextStyle, UnresolvedTarget};
use crate::model::WordCounter;
use crate::pdf::page::{NodeId, PageItem, Rect, Rgb};
use crate::pdf::shape::Shaper;

/// Strike-through position above the baseline, as a fraction of the size (mid x-height).
const STRIKE_RISE: f32 = 0.25;
/// Stroke width of strike-through and underline rules, as a fraction of the size.
const RULE_WEIGHT: f32 = 0.05;
/// Underline position below the baseline, as a fraction of the size: clear of the baseline,
/// above most descenders' ends, as fonts' own underline positions sit (Libertine: 0.1 em).
const UNDERLINE_DROP: f32 = 0.11;
/// The tint behind highlighted text: a pale yellow, as a highlighter pen leaves on paper,
/// light enough that black text on it keeps over 15:1 contrast (#fff19c).
pub(super) const HIGHLIGHT: Rgb = Rgb(1.0, 0.945, 0.612);

/// One set line: items relative to the line's start (x) and baseline (y = 0).
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub items: Vec<PageItem>,
    pub links: Vec<PendingLink>,
    /// Footnote numbers referenced on this line.
    pub notes: Vec<u32>,
    /// The width of the line's letters, without the marks that hang into the margins (never
    /// more than the measure for text that can be broken).
    pub width: f32,
    /// The tallest ascent and deepest descent on the line, in points (descent positive).
    pub ascent: f32,
    pub descent: f32,
    /// The line ends inside a word, at a hyphen the setter added.
    pub hyphenated: bool,
    /// The line ends inside a word (an added hyphen, after a hyphen or a URL's slash).
    pub inside_word: bool,
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
    /// The Link structure element of the link's text.
    pub node: Option<NodeId>,
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
            node: self.node,
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
    /// The share by which a justified line's letters may widen or narrow (0: none).
    pub expansion: f32,
}

impl Setter<'_> {
    /// The lines of `items` ending at `positions`.
    pub fn lines(&mut self, items: &[Item<Piece>], positions: &[usize], align: Align) -> Vec<Line> {
        let texts = items.iter().filter_map(|item| match item {
            Item::Box {
                data: Piece::Text { text, .. },
                ..
            } => Some(text.as_str()),
            _ => None,
        });
        let rtl = bidi::is_right_to_left_paragraph(texts, self.shaper.right_to_left);
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
            // hyphen or a URL's slash) leaves the word open for the next line; the break before
            // a space after a hanging mark does not.
            let inside_word = matches!(
                items.get(end),
                Some(Item::Penalty {
                    data: Piece::Break { .. },
                    ..
                })
            ) && !matches!(items.get(end + 1), Some(Item::Glue { .. }));
            if !inside_word {
                words.gap();
            }
            let mut line = self.line(chunks, align, ragged, rtl);
            line.first_word = first_word;
            line.inside_word = inside_word;
            line.hyphenated = matches!(
                items.get(end),
                Some(Item::Penalty {
                    data: Piece::Break { hyphen: true, .. },
                    ..
                })
            );
            lines.push(line);
            start = linebreak::next_line_start(items, end);
        }
        lines
    }

    /// Set one line: measure its chunks, justify or align them, draw them.
    fn line(&mut self, chunks: Vec<Chunk>, align: Align, ragged: bool, rtl: bool) -> Line {
        let measure = self.measure;
        let mut widths = self.chunk_widths(&chunks);
        // A ragged line that is full (its spaces shrunk to fit) has an edge to align too.
        let full = widths.natural > measure;
        let hang = if align == Align::Justify {
            self.hang(&chunks, ragged && !full)
        } else {
            Hang::default()
        };
        let adjusted = widths.adjust(
            measure + hang.left + hang.right,
            align,
            ragged,
            self.expansion,
        );
        let width = adjusted.width;
        let x = match align {
            Align::Center => ((measure - width) / 2.0).max(0.0),
            Align::Right => (measure - width).max(0.0),
            // A right-to-left paragraph's ragged lines end at the right margin.
            Align::Left | Align::Justify if rtl && (ragged || align == Align::Left) => {
                (measure - width).max(0.0)
            }
            _ => -hang.left,
        };
        let letters = width - hang.left - hang.right;
        let mut pen = Pen::new(x, letters, glyph_estimate(&chunks), adjusted.scale);
        let mut drawn: Vec<(&Chunk, f32)> = chunks.iter().zip(widths.widths).collect();
        if let Some(order) = bidi::visual_order(&chunk_texts(&chunks), rtl) {
            drawn = order.into_iter().map(|i| drawn[i]).collect();
        }
        for (chunk, w) in drawn {
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

    /// How far the line's first and last marks hang into the margins (the last only on a
    /// justified or full line: a ragged one has no edge to align).
    fn hang(&mut self, chunks: &[Chunk], ragged: bool) -> Hang {
        let mut mark = |chunk: Option<&Chunk>, first: bool| {
            let Some(Chunk::Text { style, text, .. }) = chunk else {
                return 0.0;
            };
            let c = if first {
                text.chars().next()
            } else {
                text.chars().next_back()
            };
            let Some(c) = c else {
                return 0.0;
            };
            let share = if first {
                protrude::left_share(c)
            } else {
                protrude::right_share(c)
            };
            let s = &self.styles[*style];
            share * self.shaper.width(s.font, c.encode_utf8(&mut [0; 4])) * s.size
        };
        Hang {
            left: mark(chunks.first(), true),
            right: if ragged {
                0.0
            } else {
                mark(chunks.last(), false)
            },
        }
    }

    /// Natural widths from the actual shaping of each chunk, and the play of its spaces.
    fn chunk_widths(&mut self, chunks: &[Chunk]) -> ChunkWidths {
        let mut out = ChunkWidths {
            natural: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            letters: 0.0,
            widths: Vec::with_capacity(chunks.len()),
            play: Vec::with_capacity(chunks.len()),
        };
        for chunk in chunks {
            let mut play = Play::default();
            let w = match chunk {
                Chunk::Text { style, text, .. } => {
                    let s = &self.styles[*style];
                    let w = self.shaper.width(s.font, text) * s.size;
                    play.expands = true;
                    out.letters += w;
                    w
                }
                Chunk::Space { style } => {
                    let s = &self.styles[*style];
                    let w = self.shaper.width(s.font, " ") * s.size;
                    play = Play {
                        stretch: w * SPACE_STRETCH,
                        shrink: w * SPACE_SHRINK,
                        expands: false,
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

/// What each chunk stands for in the line's text, for the bidirectional algorithm.
fn chunk_texts(chunks: &[Chunk]) -> Vec<ChunkText<'_>> {
    chunks
        .iter()
        .map(|c| match c {
            Chunk::Text { text, .. } => ChunkText::Letters(text),
            Chunk::Space { .. } => ChunkText::Space,
            Chunk::Image(_) | Chunk::Gap(_) => ChunkText::Object,
        })
        .collect()
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

/// How far a line hangs into the left and right margins, in points.
#[derive(Debug, Clone, Copy, Default)]
struct Hang {
    left: f32,
    right: f32,
}

/// How much a chunk can stretch and shrink (only spaces have any).
#[derive(Debug, Clone, Copy, Default)]
struct Play {
    stretch: f32,
    shrink: f32,
    /// Letters, which character expansion widens or narrows.
    expands: bool,
}

/// A line's chunk widths, their sum and their total play.
struct ChunkWidths {
    natural: f32,
    stretch: f32,
    shrink: f32,
    /// The natural width of the letters alone.
    letters: f32,
    widths: Vec<f32>,
    play: Vec<Play>,
}

/// A line's width once adjusted, and the horizontal scale of its letters.
#[derive(Debug, Clone, Copy)]
struct Adjusted {
    width: f32,
    scale: f32,
}

impl ChunkWidths {
    /// Spaces are stretched to fill a justified line, and shrunk whenever the line is too
    /// wide. On a justified line the letters share the adjustment, by at most `expansion` of
    /// their width (in step with the spaces, as the breaker counted them), and the spaces
    /// take the rest. A paragraph's last line wider than the measure shrinks its letters too:
    /// the breaker counted their shrink on every line.
    fn adjust(&mut self, measure: f32, align: Align, ragged: bool, expansion: f32) -> Adjusted {
        let justified = align == Align::Justify && !ragged;
        let full = align == Align::Justify && self.natural > measure;
        let e = if justified || full { expansion } else { 0.0 };
        let natural = self.natural;
        let ratio = ratio(
            measure - natural,
            self.stretch + self.letters * e,
            self.shrink + self.letters * e,
            justified,
        );
        let scale = 1.0 + ratio.clamp(-1.0, 1.0) * e;
        let rest = measure - natural - self.letters * (scale - 1.0);
        let spaces = if e == 0.0 {
            ratio
        } else {
            self::ratio(rest, self.stretch, self.shrink, justified)
        };
        let mut width = 0.0;
        for (w, play) in self.widths.iter_mut().zip(&self.play) {
            if play.expands {
                *w *= scale;
            } else if spaces >= 0.0 {
                *w += spaces * play.stretch;
            } else {
                *w += spaces * play.shrink;
            }
            width += *w;
        }
        Adjusted { width, scale }
    }
}

/// The adjustment ratio that takes up `room` (negative: too wide) with `stretch` and `shrink`:
/// shrinking at most fully, stretching only a justified line.
fn ratio(room: f32, stretch: f32, shrink: f32, justified: bool) -> f32 {
    if room < 0.0 && shrink > 0.0 {
        (room / shrink).max(-1.0)
    } else if room > 0.0 && justified && stretch > 0.0 {
        room / stretch
    } else {
        0.0
    }
}
