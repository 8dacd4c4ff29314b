//! Stage 1, collect: a paragraph's inlines in a style -> boxes, glue and penalties.
//!
//! Takes model inlines, a [`TextStyle`] and the book context ([`InlineContext`]); gives the
//! [`Builder`]'s `items` (each carrying a [`Piece`]) and the distinct styles they index.
//! Words are shaped whole (so an unbroken word measures exactly as it is drawn), hyphenated
//! with Liang's patterns, broken at UAX #14 opportunities (after "-", "/", dashes) and, for
//! URLs and words too long for the measure, at last-resort points.

use smol_str::SmolStr;
use unicode_segmentation::UnicodeSegmentation;

use super::breaks::{Fragment, break_points, fragments};
use super::linebreak::{FORCED_BREAK, INFINITE_PENALTY, Item};
use super::{InlineImage, Piece, TextStyle, UnresolvedTarget};
use super::{protrude, ties};
use crate::model::{Image, Inline, LinkTarget, SpanKind};
use crate::pdf::fonts::FontKey;
use crate::pdf::hyphenate::{TextLanguage, patterns_for};
use crate::pdf::page::Rgb;
use crate::pdf::shape::Shaper;

/// Word-space stretch as a share of the font's own space: XeTeX's for OpenType fonts (half the
/// space), so a line at the breaker's tolerance keeps its spaces under 1.6 times natural.
pub(super) const SPACE_STRETCH: f32 = 0.5;
/// Word-space shrink as a share of the space: a little under XeTeX's third, so a fully shrunk
/// space keeps 0.72 of its width; below 0.70 words of a text face start to run together.
pub(super) const SPACE_SHRINK: f32 = 0.28;
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
    /// What a note's printed number adds to its number in the chapter (the notes of the
    /// chapters before, when the book numbers notes through).
    pub note_offset: u32,
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
            Inline::Span(span) => {
                let mut s = span_style(span.kind, style);
                if let Some(lang) = &span.lang {
                    s.language = TextLanguage::Other(patterns_for(lang));
                    s.lang = Some(lang.as_str().into());
                }
                self.inlines(&span.content, &s, cx)
            }
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
        let text = (number + cx.note_offset).to_string();
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
        self.hanging_break();
        let style = &self.styles[si];
        let width = self.shaper.width(style.font, " ") * style.size;
        self.items.push(Item::Glue {
            width,
            stretch: width * SPACE_STRETCH,
            shrink: width * SPACE_SHRINK,
            data: Piece::Space { style: si },
        });
    }

    /// Before a space after a word that ends in punctuation: the break there, narrower by the
    /// share of the mark that hangs into the margin when the line ends on it.
    fn hanging_break(&mut self) {
        let Some(Item::Box {
            data: Piece::Text { style, text, .. },
            ..
        }) = self.items.last()
        else {
            return;
        };
        let Some(last) = text.chars().next_back() else {
            return;
        };
        if protrude::right_share(last) == 0.0 {
            return;
        }
        let style = *style;
        let (font, size) = (self.styles[style].font, self.styles[style].size);
        let hang = self.hang(font, last) * size;
        self.items.push(Item::Penalty {
            width: -hang,
            penalty: 0.0,
            flagged: false,
            data: Piece::Break {
                style,
                hyphen: false,
            },
        });
    }

    /// How far `c` in `font` hangs past the right margin, in em.
    fn hang(&mut self, font: FontKey, c: char) -> f32 {
        protrude::right_share(c) * self.shaper.width(font, c.encode_utf8(&mut [0; 4]))
    }

    /// One whitespace-delimited word: fragments between its break points.
    fn word(&mut self, word: &str, si: usize) {
        let style = &self.styles[si];
        let (font, size) = (style.font, style.size);
        let patterns = match style.language {
            TextLanguage::Book => self.shaper.book_patterns,
            TextLanguage::Other(patterns) => patterns,
        };
        let hyphenate = patterns.filter(|_| style.hyphenate);
        let points = break_points(word, style.link.is_some(), hyphenate);
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
                // A drawn hyphen, or the mark the fragment ends with, partly hangs.
                let mark = if after.hyphen {
                    Some('-')
                } else {
                    fragment.text.chars().next_back()
                };
                let width = match mark {
                    Some(c) if after.hyphen => self.shaper.width(font, "-") - self.hang(font, c),
                    Some(c) => -self.hang(font, c),
                    None => 0.0,
                } * size;
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
        self.keep_last_word_whole();
        self.items = ties::tie(std::mem::take(&mut self.items));
        self.items.push(Item::Penalty {
            width: 0.0,
            penalty: INFINITE_PENALTY,
            flagged: false,
            data: Piece::End,
        });
        self.forced_break();
    }
}

impl Builder<'_> {
    /// No hyphen in the paragraph's last word (a footnote mark after it aside): a fragment
    /// alone on the last line reads as a mistake. A word wider than the measure keeps its
    /// breaks, which it needs to fit at all.
    fn keep_last_word_whole(&mut self) {
        let mut word = None;
        let mut width = 0.0;
        let mut hyphens = Vec::new();
        for (i, item) in self.items.iter().enumerate().rev() {
            match (item, word) {
                (
                    Item::Box {
                        data: Piece::Note { .. },
                        ..
                    },
                    None,
                ) => {}
                (
                    Item::Box {
                        data: Piece::Text { word: w, .. },
                        width: box_width,
                    },
                    _,
                ) if word.is_none_or(|word| word == *w) => {
                    word = Some(*w);
                    width += box_width;
                }
                (
                    Item::Penalty {
                        flagged,
                        data: Piece::Break { .. },
                        ..
                    },
                    Some(_),
                ) => {
                    if *flagged {
                        hyphens.push(i);
                    }
                }
                _ => break,
            }
        }
        if width > self.measure {
            return;
        }
        for i in hyphens {
            if let Item::Penalty { penalty, .. } = &mut self.items[i] {
                *penalty = INFINITE_PENALTY;
            }
        }
    }
}

/// `<small>` text, as a share of the text around it: a step down, as browsers set it.
const SMALL_SCALE: f32 = 0.85;

/// The style of a span's text: keys in the code face, small text smaller, marked text on a
/// highlight, underlined text underlined, the rest as the text around it.
fn span_style(kind: SpanKind, style: &TextStyle) -> TextStyle {
    match kind {
        SpanKind::Keyboard => code_style(style),
        SpanKind::Small => TextStyle {
            size: style.size * SMALL_SCALE,
            ..style.clone()
        },
        SpanKind::Mark => TextStyle {
            highlight: true,
            ..style.clone()
        },
        SpanKind::Underline => TextStyle {
            underline: true,
            ..style.clone()
        },
        SpanKind::Plain | SpanKind::Abbreviation => style.clone(),
    }
}

/// A style's superscript: smaller and raised (footnote marks too).
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
