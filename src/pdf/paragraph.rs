//! Styled inlines -> boxes, glue and penalties -> lines of positioned text runs.
//!
//! Words are shaped (cached), hyphenated with Liang's patterns, broken at UAX #14 opportunities
//! (after "-", "/", dashes) and, for URLs and words too long for the measure, at last-resort
//! points. Justified spaces are drawn as the font's space glyph with a TJ offset.

use smol_str::SmolStr;
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::FontKey;
use super::hyphenate::hyphenation_points;
use super::linebreak::{self, FORCED_BREAK, INFINITE_PENALTY, Item};
use super::page::{Glyph, PageItem, Rect, Rgb, TextRun};
use super::shape::Shaper;
use crate::model::{Inline, LinkTarget};

/// Word-space stretch in em: Computer Modern's 1.67 pt at 10 pt. Given in em rather than as a
/// share of the space because Libertine's space (0.25 em) is narrower than CM's (0.33 em), and a
/// share of it would leave too little play, forcing hyphens.
const SPACE_STRETCH_EM: f32 = 1.0 / 6.0;
/// Word-space shrink in em: Computer Modern's 1.11 pt at 10 pt.
const SPACE_SHRINK_EM: f32 = 1.0 / 9.0;
/// Cost of breaking at a Liang hyphenation point: TeX's \hyphenpenalty.
const HYPHEN_PENALTY: f32 = 50.0;
/// Cost of breaking after an explicit hyphen or dash: TeX's \exhyphenpenalty.
const EXPLICIT_HYPHEN_PENALTY: f32 = 50.0;
/// Cost of breaking after "/", "." or "-" inside a URL: allowed, but a space is better.
const URL_BREAK_PENALTY: f32 = 100.0;
/// Cost of breaking inside a word too long for any line: the last resort before overflow.
const EMERGENCY_BREAK_PENALTY: f32 = 5_000.0;
/// "Infinite" stretch of the glue that ends a paragraph, so its last line stays ragged
/// (TeX's \parfillskip = 0pt plus 1fil).
const PARFILL_STRETCH: f32 = 100_000.0;
/// Lines are broken for a measure this much (in points) narrower than the real one and then
/// justified to the full measure: the margin absorbs the small difference between a word's
/// width as a hyphenation fragment and the same fragment shaped with its hyphen.
const BREAK_SAFETY: f32 = 0.3;
/// Superscripts and subscripts (and footnote marks) as a fraction of the text size.
const SCRIPT_SCALE: f32 = 0.7;
/// Superscript raise as a fraction of the text size (roughly to the cap height).
const SUPERSCRIPT_RISE: f32 = 0.36;
/// Subscript drop as a fraction of the text size.
const SUBSCRIPT_DROP: f32 = 0.14;
/// DejaVu Sans Mono looks larger than Libertine at one size (taller x-height); scaling inline
/// code by this matches the x-heights.
pub const MONO_SCALE: f32 = 0.84;
/// Strike-through position above the baseline, as a fraction of the size (mid x-height).
const STRIKE_RISE: f32 = 0.25;
/// Stroke width of strike-through and underline rules, as a fraction of the size.
const RULE_WEIGHT: f32 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// A break after a word fragment: penalty, flagged, draws a hyphen.
type BreakAfter = (f32, bool, bool);

/// A link on a line: a URI, or a place in the book resolved after pagination.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
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
    pub link: Option<Target>,
    pub strike: bool,
    /// Liang hyphenation allowed (not in code, headings or URLs).
    pub hyphenate: bool,
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
            hyphenate: true,
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

/// What book context a paragraph needs: the link colour, where links point, this chapter's
/// slugs (to name anchors) and footnote ids.
#[derive(Clone, Copy)]
pub struct InlineContext<'a> {
    pub link_color: Rgb,
    /// `book.chapters[i].slug`.
    pub chapter_slugs: &'a [String],
    /// The current chapter's slug.
    pub chapter_slug: &'a str,
    /// Footnote ids by number (`fn-3`).
    pub footnote_ids: &'a [String],
    /// `(pixel width, pixel height)` of `book.images`.
    pub image_sizes: &'a [(u32, u32)],
}

/// The anchor name of a place in the book.
pub fn anchor_name(chapter_slug: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) => format!("{chapter_slug}/{a}"),
        None => chapter_slug.to_string(),
    }
}

/// A paragraph's items under construction.
pub struct Builder<'s> {
    pub shaper: &'s mut Shaper,
    pub styles: Vec<TextStyle>,
    pub items: Vec<Item<Piece>>,
    measure: f32,
    next_word: u32,
}

impl<'s> Builder<'s> {
    pub fn new(shaper: &'s mut Shaper, measure: f32) -> Builder<'s> {
        Builder {
            shaper,
            styles: Vec::new(),
            items: Vec::new(),
            measure,
            next_word: 0,
        }
    }

    fn style_index(&mut self, style: &TextStyle) -> usize {
        if let Some(i) = self.styles.iter().position(|s| s == style) {
            return i;
        }
        self.styles.push(style.clone());
        self.styles.len() - 1
    }

    /// An empty box of `width` (a first-line indent).
    pub fn indent(&mut self, width: f32) {
        self.items.push(Item::Box {
            width,
            data: Piece::Indent,
        });
    }

    /// Add inlines in `style`.
    pub fn inlines(&mut self, inlines: &[Inline], style: &TextStyle, cx: &InlineContext) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.text(t, style),
                Inline::Emphasis(c) => {
                    let s = TextStyle {
                        font: style.font.italic(),
                        ..style.clone()
                    };
                    self.inlines(c, &s, cx);
                }
                Inline::Strong(c) => {
                    let s = TextStyle {
                        font: style.font.bold(),
                        ..style.clone()
                    };
                    self.inlines(c, &s, cx);
                }
                Inline::Strikethrough(c) => {
                    let s = TextStyle {
                        strike: true,
                        ..style.clone()
                    };
                    self.inlines(c, &s, cx);
                }
                Inline::Superscript(c) => {
                    let s = TextStyle {
                        size: style.size * SCRIPT_SCALE,
                        rise: style.rise + style.size * SUPERSCRIPT_RISE,
                        ..style.clone()
                    };
                    self.inlines(c, &s, cx);
                }
                Inline::Subscript(c) => {
                    let s = TextStyle {
                        size: style.size * SCRIPT_SCALE,
                        rise: style.rise - style.size * SUBSCRIPT_DROP,
                        ..style.clone()
                    };
                    self.inlines(c, &s, cx);
                }
                Inline::Code(code) => {
                    let s = TextStyle {
                        font: FontKey::Mono,
                        size: style.size * MONO_SCALE,
                        hyphenate: false,
                        ..style.clone()
                    };
                    self.text(code, &s);
                }
                Inline::RawHtml(html) => {
                    let s = TextStyle {
                        font: FontKey::Mono,
                        size: style.size * MONO_SCALE,
                        hyphenate: false,
                        ..style.clone()
                    };
                    self.text(html, &s);
                }
                Inline::Link {
                    target, content, ..
                } => {
                    let link = match target {
                        LinkTarget::External(url) => Target::Uri(url.clone()),
                        LinkTarget::Internal { chapter, anchor } => {
                            let slug = cx
                                .chapter_slugs
                                .get(*chapter)
                                .map(String::as_str)
                                .unwrap_or("");
                            Target::Anchor(anchor_name(slug, anchor.as_deref()))
                        }
                    };
                    let s = TextStyle {
                        link: Some(link),
                        color: cx.link_color,
                        ..style.clone()
                    };
                    self.inlines(content, &s, cx);
                }
                Inline::Image(image) => {
                    let size = image
                        .asset
                        .and_then(|a| cx.image_sizes.get(a).map(|s| (a, *s)));
                    match size {
                        Some((asset, (w, h))) if w > 0 && h > 0 => {
                            // An inline image is set at the text's cap height, like a letter.
                            let height = style.size * 0.75;
                            let width = (height * w as f32 / h as f32).min(self.measure);
                            self.items.push(Item::Box {
                                width,
                                data: Piece::Image(InlineImage {
                                    asset,
                                    alt: image.alt.clone(),
                                    width,
                                    height,
                                }),
                            });
                        }
                        _ => self.text(&format!("[{}]", image.alt), style),
                    }
                }
                Inline::FootnoteRef { number, .. } => {
                    let id = cx
                        .footnote_ids
                        .get((*number as usize).wrapping_sub(1))
                        .cloned()
                        .unwrap_or_else(|| format!("fn-{number}"));
                    let s = TextStyle {
                        size: style.size * SCRIPT_SCALE,
                        rise: style.rise + style.size * SUPERSCRIPT_RISE,
                        link: Some(Target::Anchor(anchor_name(cx.chapter_slug, Some(&id)))),
                        hyphenate: false,
                        ..style.clone()
                    };
                    let text = number.to_string();
                    let width = self.shaper.width(s.font, &text) * s.size;
                    let si = self.style_index(&s);
                    self.items.push(Item::Box {
                        width,
                        data: Piece::Note {
                            style: si,
                            text: text.into(),
                            number: *number,
                        },
                    });
                }
                Inline::LineBreak => self.forced_break(),
            }
        }
    }

    /// A hard line break: the line before it stays ragged.
    pub fn forced_break(&mut self) {
        self.items.push(Item::Glue {
            width: 0.0,
            stretch: PARFILL_STRETCH,
            shrink: 0.0,
            data: Piece::End,
        });
        self.items.push(Item::Penalty {
            width: 0.0,
            penalty: FORCED_BREAK,
            flagged: false,
            data: Piece::End,
        });
    }

    /// Plain text in one style: words, spaces and break points.
    pub fn text(&mut self, text: &str, style: &TextStyle) {
        let si = self.style_index(style);
        let mut word_start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            match (is_space, word_start) {
                (true, Some(start)) => {
                    self.word(&text[start..i], si);
                    word_start = None;
                    self.space(si);
                }
                (true, None) => self.space(si),
                (false, None) => word_start = Some(i),
                (false, Some(_)) => {}
            }
        }
        if let Some(start) = word_start {
            self.word(&text[start..], si);
        }
    }

    fn space(&mut self, si: usize) {
        // Collapse runs of spaces (and a space right after a forced break).
        if matches!(
            self.items.last(),
            None | Some(Item::Glue { .. }) | Some(Item::Penalty { .. })
        ) {
            return;
        }
        let style = &self.styles[si];
        let width = self.shaper.width(style.font, " ") * style.size;
        self.items.push(Item::Glue {
            width,
            stretch: style.size * SPACE_STRETCH_EM,
            shrink: style.size * SPACE_SHRINK_EM,
            data: Piece::Space { style: si },
        });
    }

    /// One whitespace-delimited word: fragments between its break points.
    fn word(&mut self, word: &str, si: usize) {
        let style = &self.styles[si];
        let (font, size, linked, hyphenate) = (
            style.font,
            style.size,
            style.link.is_some(),
            style.hyphenate,
        );
        let word_id = self.next_word;
        self.next_word += 1;
        // (byte offset, penalty, flagged, draws a hyphen)
        let mut points: Vec<(usize, f32, bool, bool)> = Vec::new();
        let is_url =
            word.contains("://") || word.starts_with("www.") || linked && word.contains('/');
        for (at, op) in linebreaks(word) {
            if at == 0 || at >= word.len() || op == BreakOpportunity::Mandatory {
                continue;
            }
            let before = word[..at].chars().next_back().unwrap_or(' ');
            let penalty = if before == '-' || before == '\u{2013}' || before == '\u{2014}' {
                EXPLICIT_HYPHEN_PENALTY
            } else {
                URL_BREAK_PENALTY
            };
            points.push((at, penalty, before == '-', false));
        }
        if is_url {
            for (at, c) in word.char_indices() {
                let next = word[at + c.len_utf8()..].chars().next();
                if matches!(c, '/' | '.' | '-' | '?' | '&' | '=' | '_' | '#')
                    && next.is_some()
                    && next != Some('/')
                {
                    points.push((at + c.len_utf8(), URL_BREAK_PENALTY, false, false));
                }
            }
        } else if hyphenate {
            // Hyphenate each alphabetic stretch of the word (not its punctuation).
            let mut start = None;
            for (at, c) in word
                .char_indices()
                .chain(std::iter::once((word.len(), ' ')))
            {
                if c.is_alphabetic() {
                    start.get_or_insert(at);
                } else if let Some(s) = start.take() {
                    for &p in hyphenation_points(&word[s..at]).iter() {
                        points.push((s + p, HYPHEN_PENALTY, true, true));
                    }
                }
            }
        }
        points.sort_by_key(|p| p.0);
        points.dedup_by_key(|p| p.0);
        // Fragments; a fragment wider than the measure gets emergency breaks between graphemes.
        let mut last = 0;
        // (text, the break after it: penalty, flagged, draws a hyphen)
        let mut fragments: Vec<(&str, Option<BreakAfter>)> = Vec::new();
        for &(at, penalty, flagged, hyphen) in &points {
            fragments.push((&word[last..at], Some((penalty, flagged, hyphen))));
            last = at;
        }
        fragments.push((&word[last..], None));
        // Fragment widths come from shaping the whole word (each glyph counted in the fragment
        // where its text starts), so unbroken words measure exactly as they are drawn.
        let whole = self.shaper.shape(font, word);
        let mut fragment_widths = vec![0.0f32; fragments.len()];
        let mut starts = Vec::with_capacity(fragments.len());
        let mut offset = 0;
        for (text, _) in &fragments {
            starts.push(offset);
            offset += text.len();
        }
        let mut at = 0;
        for g in &whole.glyphs {
            let k = starts.iter().rposition(|s| *s <= at).unwrap_or(0);
            fragment_widths[k] += g.advance * size;
            at += g.text.len();
        }
        for ((text, after), width) in fragments.into_iter().zip(fragment_widths) {
            if width > self.measure {
                self.emergency_fragment(text, si, word_id);
            } else {
                self.items.push(Item::Box {
                    width,
                    data: Piece::Text {
                        style: si,
                        text: SmolStr::new(text),
                        word: word_id,
                    },
                });
            }
            if let Some((penalty, flagged, hyphen)) = after {
                let width = if hyphen {
                    self.shaper.width(font, "-") * size
                } else {
                    0.0
                };
                self.items.push(Item::Penalty {
                    width,
                    penalty,
                    flagged,
                    data: Piece::Break { style: si, hyphen },
                });
            }
        }
    }

    /// A fragment too wide for any line: break between any two graphemes (no hyphen).
    fn emergency_fragment(&mut self, text: &str, si: usize, word: u32) {
        let style = self.styles[si].clone();
        let graphemes: Vec<&str> = text.graphemes(true).collect();
        for (i, g) in graphemes.iter().enumerate() {
            if i > 0 {
                self.items.push(Item::Penalty {
                    width: 0.0,
                    penalty: EMERGENCY_BREAK_PENALTY,
                    flagged: false,
                    data: Piece::Break {
                        style: si,
                        hyphen: false,
                    },
                });
            }
            let width = self.shaper.width(style.font, g) * style.size;
            self.items.push(Item::Box {
                width,
                data: Piece::Text {
                    style: si,
                    text: SmolStr::new(g),
                    word,
                },
            });
        }
    }

    /// Close the paragraph: no break before the ragged last line's fill, then a forced break.
    pub fn finish(&mut self) {
        while matches!(self.items.last(), Some(Item::Glue { .. })) {
            self.items.pop();
        }
        self.items.push(Item::Penalty {
            width: 0.0,
            penalty: INFINITE_PENALTY,
            flagged: false,
            data: Piece::End,
        });
        self.forced_break();
    }

    /// Break into lines and set them.
    pub fn lines(mut self, align: Align) -> Vec<Line> {
        if !self.items.iter().any(Item::is_box) {
            return Vec::new();
        }
        if !matches!(self.items.last(), Some(Item::Penalty { penalty, .. }) if *penalty <= FORCED_BREAK)
        {
            self.finish();
        }
        // Justified text is broken by total fit. Ragged text (headings, contents, table cells)
        // has no stretch to measure lines by, so first fit gives the natural ragged shape.
        let measure = self.measure - BREAK_SAFETY;
        let breaks = if align == Align::Justify {
            linebreak::total_fit(&self.items, measure)
        } else {
            linebreak::greedy(&self.items, measure)
        };
        set_lines(&mut self, &breaks.positions, align)
    }

    pub fn measure(&self) -> f32 {
        self.measure
    }
}

/// One set line: items relative to the line's start (x) and baseline (y = 0).
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub items: Vec<PageItem>,
    pub links: Vec<(Rect, Target)>,
    /// Footnote numbers referenced on this line.
    pub notes: Vec<u32>,
    /// The drawn width (never more than the measure for text that can be broken).
    pub width: f32,
    /// The tallest ascent and deepest descent on the line, in points (descent positive).
    pub ascent: f32,
    pub descent: f32,
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

fn set_lines(b: &mut Builder, positions: &[usize], align: Align) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let last = positions.len().saturating_sub(1);
    for (n, &end) in positions.iter().enumerate() {
        // A line ends ragged at the paragraph's end and at a hard break.
        let ragged = n == last
            || matches!(
                b.items.get(end.wrapping_sub(1)),
                Some(Item::Glue {
                    data: Piece::End,
                    ..
                })
            );
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut current_word: Option<(usize, u32)> = None;
        for item in &b.items[start..end] {
            match &item {
                Item::Box { data, width } => match data {
                    Piece::Text { style, text, word } => {
                        if current_word == Some((*style, *word))
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
                        current_word = Some((*style, *word));
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
        if let Some(Item::Penalty {
            data: Piece::Break {
                style,
                hyphen: true,
            },
            ..
        }) = b.items.get(end)
        {
            match chunks.last_mut() {
                Some(Chunk::Text { text, .. }) => {
                    *text = SmolStr::from([text.as_str(), "-"].concat())
                }
                _ => chunks.push(Chunk::Text {
                    style: *style,
                    text: "-".into(),
                    note: None,
                }),
            }
        }
        // Trailing spaces never count.
        while matches!(chunks.last(), Some(Chunk::Space { .. })) {
            chunks.pop();
        }
        lines.push(set_line(b, chunks, align, ragged));
        start = linebreak::next_line_start(&b.items, end);
    }
    lines
}

fn set_line(b: &mut Builder, chunks: Vec<Chunk>, align: Align, ragged: bool) -> Line {
    let measure = b.measure;
    // Natural widths from the actual shaping of each chunk.
    let mut natural = 0.0;
    let mut stretch = 0.0;
    let mut shrink = 0.0;
    let mut widths = Vec::with_capacity(chunks.len());
    // (stretch, shrink) of each chunk: only spaces have any.
    let mut play = Vec::with_capacity(chunks.len());
    for chunk in &chunks {
        let mut chunk_play = (0.0, 0.0);
        let w = match chunk {
            Chunk::Text { style, text, .. } => {
                let s = &b.styles[*style];
                b.shaper.width(s.font, text) * s.size
            }
            Chunk::Space { style } => {
                let s = &b.styles[*style];
                let w = b.shaper.width(s.font, " ") * s.size;
                chunk_play = (s.size * SPACE_STRETCH_EM, s.size * SPACE_SHRINK_EM);
                stretch += chunk_play.0;
                shrink += chunk_play.1;
                w
            }
            Chunk::Image(image) => image.width,
            Chunk::Gap(w) => *w,
        };
        natural += w;
        widths.push(w);
        play.push(chunk_play);
    }
    // Spaces are stretched to fill a justified line, and shrunk whenever the line is too wide.
    let ratio = if natural > measure && shrink > 0.0 {
        ((measure - natural) / shrink).max(-1.0)
    } else if align == Align::Justify && !ragged && stretch > 0.0 {
        (measure - natural) / stretch
    } else {
        0.0
    };
    let mut width = 0.0;
    for (w, (y, z)) in widths.iter_mut().zip(&play) {
        *w += if ratio >= 0.0 { ratio * y } else { ratio * z };
        width += *w;
    }
    let mut x = match align {
        Align::Center => ((measure - width) / 2.0).max(0.0),
        Align::Right => (measure - width).max(0.0),
        _ => 0.0,
    };
    let mut line = Line {
        width,
        ..Line::default()
    };
    let mut run: Option<TextRun> = None;
    let mut link_open: Option<(f32, f32, Target, f32, f32)> = None; // x0, x1, target, bottom, top
    let flush = |run: &mut Option<TextRun>, line: &mut Line| {
        if let Some(r) = run.take()
            && !r.glyphs.is_empty()
        {
            line.items.push(PageItem::Text(r));
        }
    };
    // Room for the glyphs of the rest of the line, so a run grows without reallocating.
    let mut glyph_estimate: usize = chunks
        .iter()
        .map(|c| match c {
            Chunk::Text { text, .. } => text.len(),
            Chunk::Space { .. } => 1,
            _ => 0,
        })
        .sum();
    for (chunk, w) in chunks.iter().zip(widths) {
        match chunk {
            Chunk::Text { style, text, note } => {
                let s = &b.styles[*style];
                let shaped = b.shaper.shape(s.font, text);
                glyph_estimate = glyph_estimate.saturating_sub(text.len());
                let face = b.shaper.fonts.face(s.font);
                line.ascent = line.ascent.max(face.ascender * s.size + s.rise);
                line.descent = line.descent.max(-face.descender * s.size - s.rise);
                let x0 = x;
                for g in &shaped.glyphs {
                    let font = g.font as usize;
                    let same = run.as_ref().is_some_and(|r| {
                        r.font == font && r.size == s.size && r.color == s.color && r.y == s.rise
                    });
                    if !same {
                        flush(&mut run, &mut line);
                        run = Some(TextRun {
                            font,
                            size: s.size,
                            x,
                            y: s.rise,
                            color: s.color,
                            glyphs: Vec::with_capacity(glyph_estimate),
                        });
                    }
                    if let Some(r) = run.as_mut() {
                        r.glyphs.push(Glyph {
                            gid: g.gid,
                            offset: (g.nominal - g.advance) * 1000.0,
                            text: g.text.clone(),
                        });
                    }
                    x += g.advance * s.size;
                }
                if let Some(number) = note {
                    line.notes.push(*number);
                }
                if s.strike {
                    let y = s.rise + s.size * STRIKE_RISE;
                    line.items.push(PageItem::Line {
                        from: (x0, y),
                        to: (x0 + w, y),
                        width: s.size * RULE_WEIGHT,
                        color: s.color,
                    });
                }
                let bottom = s.rise + face.descender * s.size;
                let top = s.rise + face.ascender * s.size;
                match (&mut link_open, &s.link) {
                    (Some((_, x1, t, lb, lt)), Some(target)) if t == target => {
                        *x1 = x0 + w;
                        *lb = lb.min(bottom);
                        *lt = lt.max(top);
                    }
                    (open, Some(target)) => {
                        if let Some((a, z, t, lb, lt)) = open.take() {
                            line.links.push((rect(a, lb, z, lt), t));
                        }
                        *open = Some((x0, x0 + w, target.clone(), bottom, top));
                    }
                    (open, None) => {
                        if let Some((a, z, t, lb, lt)) = open.take() {
                            line.links.push((rect(a, lb, z, lt), t));
                        }
                    }
                }
            }
            Chunk::Space { style } => {
                let s = &b.styles[*style];
                let space = b.shaper.shape(s.font, " ");
                let same = run.as_ref().is_some_and(|r| {
                    r.size == s.size
                        && r.color == s.color
                        && r.y == s.rise
                        && space
                            .glyphs
                            .first()
                            .is_some_and(|g| g.font as usize == r.font)
                });
                match (same, space.glyphs.first(), run.as_mut()) {
                    (true, Some(g), Some(r)) => r.glyphs.push(Glyph {
                        gid: g.gid,
                        offset: (g.nominal - w / s.size) * 1000.0,
                        text: " ".into(),
                    }),
                    _ => flush(&mut run, &mut line),
                }
                x += w;
            }
            Chunk::Image(image) => {
                flush(&mut run, &mut line);
                line.items.push(PageItem::Image {
                    asset: image.asset,
                    rect: Rect {
                        x,
                        y: 0.0,
                        width: image.width,
                        height: image.height,
                    },
                    alt: image.alt.clone(),
                });
                line.ascent = line.ascent.max(image.height);
                x += w;
            }
            Chunk::Gap(_) => {
                flush(&mut run, &mut line);
                x += w;
            }
        }
    }
    flush(&mut run, &mut line);
    if let Some((a, z, t, lb, lt)) = link_open {
        line.links.push((rect(a, lb, z, lt), t));
    }
    line
}

fn rect(x0: f32, bottom: f32, x1: f32, top: f32) -> Rect {
    Rect {
        x: x0,
        y: bottom,
        width: x1 - x0,
        height: top - bottom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    const TEXT: &str = "Medical technicians, also known as medical laboratory technicians (MLTs), work \
        under the supervision of medical technologists or laboratory managers. Their duties \
        encompass a wide range of tasks, primarily focused on analyzing body fluids and tissue \
        samples. See https://www.bls.gov/ooh/healthcare/clinical-laboratory-technologists-and-technicians.htm for details.";

    fn context() -> InlineContext<'static> {
        InlineContext {
            link_color: Rgb::BLACK,
            chapter_slugs: &[],
            chapter_slug: "c",
            footnote_ids: &[],
            image_sizes: &[],
        }
    }

    fn set(text: &str, measure: f32) -> Vec<Line> {
        let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
        let mut b = Builder::new(&mut shaper, measure);
        let style = TextStyle::new(FontKey::Regular, 10.5, Rgb::BLACK);
        b.inlines(&[Inline::Text(text.into())], &style, &context());
        b.lines(Align::Justify)
    }

    fn line_text(line: &Line) -> String {
        line.items
            .iter()
            .filter_map(|i| match i {
                PageItem::Text(r) => {
                    Some(r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn justified_lines_fill_the_measure_and_never_exceed_it() {
        let measure = 200.0;
        let lines = set(TEXT, measure);
        assert!(lines.len() > 3);
        for (i, line) in lines.iter().enumerate() {
            assert!(
                line.width <= measure + 0.01,
                "line {i} is {} wide",
                line.width
            );
            // Lines with a space are justified; a line of URL fragments alone cannot stretch.
            if i + 1 < lines.len() && line_text(line).trim().contains(' ') {
                assert!(
                    (line.width - measure).abs() < 0.05,
                    "line {i} not justified: {}",
                    line.width
                );
            }
        }
        // Every word survives, in order (hyphens added at breaks aside).
        let joined: String = lines.iter().map(line_text).collect::<Vec<_>>().join(" ");
        let cleaned: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        let expected: String = TEXT.split_whitespace().collect::<Vec<_>>().join(" ");
        let strip = |s: &str| s.replace(['-', ' '], "");
        assert_eq!(strip(&cleaned), strip(&expected));
    }

    #[test]
    fn a_url_longer_than_the_measure_is_broken_inside_the_measure() {
        let measure = 120.0;
        let lines = set(TEXT, measure);
        assert!(lines.iter().all(|l| l.width <= measure + 0.01));
        let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
        let mut b = Builder::new(&mut shaper, 40.0);
        let style = TextStyle::new(FontKey::Regular, 10.5, Rgb::BLACK);
        b.inlines(
            &[Inline::Text(
                "Pneumonoultramicroscopicsilicovolcanoconiosis".into(),
            )],
            &style,
            &context(),
        );
        let lines = b.lines(Align::Justify);
        assert!(lines.len() > 2);
        assert!(
            lines.iter().all(|l| l.width <= 40.01),
            "{:?}",
            lines.iter().map(|l| l.width).collect::<Vec<_>>()
        );
    }

    #[test]
    fn spaces_are_space_glyphs_whose_offsets_carry_the_justification() {
        let lines = set(TEXT, 200.0);
        let first = &lines[0];
        let PageItem::Text(run) = &first.items[0] else {
            panic!("text first")
        };
        let spaces: Vec<&Glyph> = run.glyphs.iter().filter(|g| g.text == " ").collect();
        assert!(!spaces.is_empty());
        assert!(
            spaces
                .iter()
                .all(|g| (g.offset - spaces[0].offset).abs() < 1e-3)
        );
    }
}
