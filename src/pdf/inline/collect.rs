//! Stage 1, collect: a paragraph's inlines in a style -> boxes, glue and penalties.
//!
//! Takes model inlines, a [`TextStyle`] and the book context ([`InlineContext`]); gives the
//! [`Builder`]'s `items` (each carrying a [`Piece`]) and the distinct styles they index.
//! Words are shaped whole (so an unbroken word measures exactly as it is drawn), hyphenated
//! with Liang's patterns, broken at UAX #14 opportunities (after "-", "/", dashes) and, for
//! URLs and words too long for the measure, at last-resort points.

use smol_str::SmolStr;
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::linebreak::{FORCED_BREAK, INFINITE_PENALTY, Item};
use super::{InlineImage, Piece, TextStyle, UnresolvedTarget};
use crate::model::{Image, Inline, LinkTarget, SpanKind};
use crate::pdf::fonts::FontKey;
use crate::pdf::hyphenate::hyphenation_points;
use crate::pdf::page::Rgb;
use crate::pdf::shape::Shaper;

/// Word-space stretch in em: Computer Modern's 1.67 pt at 10 pt. Given in em rather than as a
/// share of the space because Libertine's space (0.25 em) is narrower than CM's (0.33 em), and a
/// share of it would leave too little play, forcing hyphens.
pub(super) const SPACE_STRETCH_EM: f32 = 1.0 / 6.0;
/// Word-space shrink in em: Computer Modern's 1.11 pt at 10 pt.
pub(super) const SPACE_SHRINK_EM: f32 = 1.0 / 9.0;
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
/// Superscripts and subscripts (and footnote marks) as a fraction of the text size.
const SCRIPT_SCALE: f32 = 0.7;
/// Superscript raise as a fraction of the text size (roughly to the cap height).
const SUPERSCRIPT_RISE: f32 = 0.36;
/// Subscript drop as a fraction of the text size.
const SUBSCRIPT_DROP: f32 = 0.14;
/// DejaVu Sans Mono looks larger than Libertine at one size (taller x-height); scaling inline
/// code by this matches the x-heights.
pub const MONO_SCALE: f32 = 0.84;
/// An inline image is set at the text's cap height, like a letter: this share of the size.
const INLINE_IMAGE_HEIGHT: f32 = 0.75;

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

/// The break after a word fragment: its cost, whether it is flagged (a hyphen, for the
/// breaker's double-hyphen demerits) and whether it draws a hyphen when taken.
#[derive(Debug, Clone, Copy)]
struct BreakAfter {
    penalty: f32,
    flagged: bool,
    hyphen: bool,
}

/// A break opportunity inside a word: the byte offset it falls at and the break it makes.
#[derive(Debug, Clone, Copy)]
struct BreakPoint {
    at: usize,
    after: BreakAfter,
}

/// A word's text between two break points and the break that ends it (none for the last).
struct Fragment<'w> {
    text: &'w str,
    after: Option<BreakAfter>,
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

    pub fn measure(&self) -> f32 {
        self.measure
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
            self.inline(inline, style, cx);
        }
    }

    fn inline(&mut self, inline: &Inline, style: &TextStyle, cx: &InlineContext) {
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
            Inline::Superscript(c) => self.inlines(c, &superscript(style), cx),
            Inline::Subscript(c) => {
                let s = TextStyle {
                    size: style.size * SCRIPT_SCALE,
                    rise: style.rise - style.size * SUBSCRIPT_DROP,
                    ..style.clone()
                };
                self.inlines(c, &s, cx);
            }
            Inline::Code(text) | Inline::RawHtml(text) => self.text(text, &code_style(style)),
            Inline::Link {
                target, content, ..
            } => {
                let s = TextStyle {
                    link: Some(link_target(target, cx)),
                    color: cx.link_color,
                    ..style.clone()
                };
                self.inlines(content, &s, cx);
            }
            Inline::Image(image) => self.image(image, style, cx),
            Inline::FootnoteRef { number, .. } => self.footnote_mark(*number, style, cx),
            Inline::LineBreak => self.forced_break(),
            Inline::Span(span) => self.inlines(&span.content, &span_style(span.kind, style), cx),
        }
    }

    /// An image as a box of the text's cap height, or its alt text when it has no size.
    fn image(&mut self, image: &Image, style: &TextStyle, cx: &InlineContext) {
        let size = image
            .asset
            .and_then(|a| cx.image_sizes.get(a).map(|s| (a, *s)));
        match size {
            Some((asset, (w, h))) if w > 0 && h > 0 => {
                let height = style.size * INLINE_IMAGE_HEIGHT;
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

    /// A footnote mark: the number as a superscript that links to the note.
    fn footnote_mark(&mut self, number: u32, style: &TextStyle, cx: &InlineContext) {
        let id = cx
            .footnote_ids
            .get((number as usize).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| format!("fn-{number}"));
        let s = TextStyle {
            link: Some(UnresolvedTarget::Anchor(anchor_name(
                cx.chapter_slug,
                Some(&id),
            ))),
            hyphenate: false,
            ..superscript(style)
        };
        let text = number.to_string();
        let width = self.shaper.width(s.font, &text) * s.size;
        let si = self.style_index(&s);
        self.items.push(Item::Box {
            width,
            data: Piece::Note {
                style: si,
                text: text.into(),
                number,
            },
        });
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

    /// Text in one style as a single box, spaces and all, with no break inside (a code line,
    /// whose spaces indent).
    pub fn verbatim(&mut self, text: &str, style: &TextStyle) {
        if text.is_empty() {
            return;
        }
        let si = self.style_index(style);
        let width = self.shaper.width(style.font, text) * style.size;
        let word = self.next_word;
        self.next_word += 1;
        self.items.push(Item::Box {
            width,
            data: Piece::Text {
                style: si,
                text: SmolStr::new(text),
                word,
            },
        });
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
        let (font, size) = (style.font, style.size);
        let points = break_points(word, style.link.is_some(), style.hyphenate);
        let word_id = self.next_word;
        self.next_word += 1;
        let fragments = fragments(word, &points);
        let widths = self.fragment_widths(word, &fragments, font, size);
        for (fragment, width) in fragments.into_iter().zip(widths) {
            // A fragment wider than the measure gets emergency breaks between graphemes.
            if width > self.measure {
                self.emergency_fragment(fragment.text, si, word_id);
            } else {
                self.items.push(Item::Box {
                    width,
                    data: Piece::Text {
                        style: si,
                        text: SmolStr::new(fragment.text),
                        word: word_id,
                    },
                });
            }
            if let Some(after) = fragment.after {
                let width = if after.hyphen {
                    self.shaper.width(font, "-") * size
                } else {
                    0.0
                };
                self.items.push(Item::Penalty {
                    width,
                    penalty: after.penalty,
                    flagged: after.flagged,
                    data: Piece::Break {
                        style: si,
                        hyphen: after.hyphen,
                    },
                });
            }
        }
    }

    /// Fragment widths from shaping the whole word (each glyph counted in the fragment where
    /// its text starts), so unbroken words measure exactly as they are drawn.
    fn fragment_widths(
        &mut self,
        word: &str,
        fragments: &[Fragment],
        font: FontKey,
        size: f32,
    ) -> Vec<f32> {
        let whole = self.shaper.shape(font, word);
        let mut widths = vec![0.0f32; fragments.len()];
        let mut starts = Vec::with_capacity(fragments.len());
        let mut offset = 0;
        for fragment in fragments {
            starts.push(offset);
            offset += fragment.text.len();
        }
        let mut at = 0;
        for g in &whole.glyphs {
            let k = starts.iter().rposition(|s| *s <= at).unwrap_or(0);
            widths[k] += g.advance * size;
            at += g.text.len();
        }
        widths
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
}

/// A style's superscript: smaller and raised (footnote marks too).
/// `<small>` text, as a share of the text around it: a step down, as browsers set it.
const SMALL_SCALE: f32 = 0.85;

/// The style of a span's text: keys in the code face, small text smaller, the rest as the text
/// around it (print has no highlight or underline).
fn span_style(kind: SpanKind, style: &TextStyle) -> TextStyle {
    match kind {
        SpanKind::Keyboard => code_style(style),
        SpanKind::Small => TextStyle {
            size: style.size * SMALL_SCALE,
            ..style.clone()
        },
        SpanKind::Plain | SpanKind::Mark | SpanKind::Underline | SpanKind::Abbreviation => {
            style.clone()
        }
    }
}

fn superscript(style: &TextStyle) -> TextStyle {
    TextStyle {
        size: style.size * SCRIPT_SCALE,
        rise: style.rise + style.size * SUPERSCRIPT_RISE,
        ..style.clone()
    }
}

/// Inline code (and raw HTML) in a style: monospace at the matching x-height, never hyphenated.
fn code_style(style: &TextStyle) -> TextStyle {
    TextStyle {
        font: FontKey::Mono,
        size: style.size * MONO_SCALE,
        hyphenate: false,
        ..style.clone()
    }
}

/// The layout's target of a model link: a URI, or the anchor name of a place in the book.
fn link_target(target: &LinkTarget, cx: &InlineContext) -> UnresolvedTarget {
    match target {
        LinkTarget::External(url) => UnresolvedTarget::Uri(url.clone()),
        LinkTarget::Internal { chapter, anchor } => {
            let slug = cx
                .chapter_slugs
                .get(*chapter)
                .map(String::as_str)
                .unwrap_or("");
            UnresolvedTarget::Anchor(anchor_name(slug, anchor.as_deref()))
        }
    }
}

/// Where a word may break, in order: after explicit hyphens, dashes and slashes (UAX #14),
/// inside URLs after their punctuation, and at Liang hyphenation points when `hyphenate`.
fn break_points(word: &str, linked: bool, hyphenate: bool) -> Vec<BreakPoint> {
    let point = |at, penalty, flagged, hyphen| BreakPoint {
        at,
        after: BreakAfter {
            penalty,
            flagged,
            hyphen,
        },
    };
    let mut points: Vec<BreakPoint> = Vec::new();
    let is_url = word.contains("://") || word.starts_with("www.") || linked && word.contains('/');
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
        points.push(point(at, penalty, before == '-', false));
    }
    if is_url {
        for (at, c) in word.char_indices() {
            let next = word[at + c.len_utf8()..].chars().next();
            if matches!(c, '/' | '.' | '-' | '?' | '&' | '=' | '_' | '#')
                && next.is_some()
                && next != Some('/')
            {
                points.push(point(at + c.len_utf8(), URL_BREAK_PENALTY, false, false));
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
                    points.push(point(s + p, HYPHEN_PENALTY, true, true));
                }
            }
        }
    }
    points.sort_by_key(|p| p.at);
    points.dedup_by_key(|p| p.at);
    points
}

/// The word cut at its break points.
fn fragments<'w>(word: &'w str, points: &[BreakPoint]) -> Vec<Fragment<'w>> {
    let mut last = 0;
    let mut fragments = Vec::with_capacity(points.len() + 1);
    for point in points {
        fragments.push(Fragment {
            text: &word[last..point.at],
            after: Some(point.after),
        });
        last = point.at;
    }
    fragments.push(Fragment {
        text: &word[last..],
        after: None,
    });
    fragments
}
