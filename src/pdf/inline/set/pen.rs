//! The pen of the set stage: draws a line's chunks from left to right into glyph runs, rules,
//! images and link rectangles.

use super::{HIGHLIGHT, RULE_WEIGHT, STRIKE_RISE, UNDERLINE_DROP};
use super::{InlineImage, Line, PendingLink, TextStyle, UnresolvedTarget};
use crate::pdf::page::{Artifact, Glyph, Mark, PageItem, Rect, TextRun};
use crate::pdf::shape::Shaper;

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
pub(super) struct Pen {
    line: Line,
    run: Option<TextRun>,
    link: Option<OpenLink>,
    x: f32,
    glyph_estimate: usize,
    /// The horizontal scale of the line's letters (character expansion; 1 for none).
    scale: f32,
}

impl Pen {
    pub(super) fn new(x: f32, width: f32, glyph_estimate: usize, scale: f32) -> Pen {
        Pen {
            line: Line {
                width,
                ..Line::default()
            },
            run: None,
            link: None,
            x,
            glyph_estimate,
            scale,
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
    pub(super) fn text(
        &mut self,
        shaper: &mut Shaper,
        s: &TextStyle,
        text: &str,
        note: Option<u32>,
        w: f32,
    ) {
        let shaped = shaper.shape(s.font, text);
        self.glyph_estimate = self.glyph_estimate.saturating_sub(text.len());
        let face = shaper.fonts.face(s.font);
        let line = &mut self.line;
        line.ascent = line.ascent.max(face.ascender * s.size + s.rise);
        line.descent = line.descent.max(-face.descender * s.size - s.rise);
        let x0 = self.x;
        let bottom = s.rise + face.descender * s.size;
        let top = s.rise + face.ascender * s.size;
        if s.highlight {
            // Before the glyphs, so that it is drawn under them.
            self.flush();
            self.line.items.push(PageItem::FilledRect {
                rect: Rect {
                    x: x0,
                    y: bottom,
                    width: w,
                    height: top - bottom,
                },
                color: HIGHLIGHT,
                mark: Mark::Artifact(Artifact::Layout),
            });
        }
        self.extend_link(s.link.as_ref(), x0, x0 + w, bottom, top);
        let mark = match (note, s.link.is_some()) {
            (Some(_), _) => Mark::NoteCall,
            // The open link is the next one the line closes.
            (None, true) => {
                Mark::LineLink(u16::try_from(self.line.links.len()).unwrap_or(u16::MAX))
            }
            (None, false) => Mark::Unassigned,
        };
        for g in &shaped.glyphs {
            let font = g.font as usize;
            let same = self.run.as_ref().is_some_and(|r| {
                r.font == font
                    && r.size == s.size
                    && r.color == s.color
                    && r.y == s.rise
                    && r.mark == mark
                    && r.lang == s.lang
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
                    mark,
                    actual_text: None,
                    scale: self.scale,
                    lang: s.lang.clone(),
                });
            }
            if let Some(r) = self.run.as_mut() {
                r.glyphs.push(Glyph {
                    gid: g.gid,
                    offset: (g.nominal - g.advance) * 1000.0,
                    text: g.text.clone(),
                });
            }
            self.x += g.advance * s.size * self.scale;
        }
        if let Some(number) = note {
            self.line.notes.push(number);
        }
        let rules = [
            (s.strike, s.rise + s.size * STRIKE_RISE),
            (s.underline, s.rise - s.size * UNDERLINE_DROP),
        ];
        for y in rules.iter().filter(|(drawn, _)| *drawn).map(|(_, y)| *y) {
            self.line.items.push(PageItem::Line {
                from: (x0, y),
                to: (x0 + w, y),
                width: s.size * RULE_WEIGHT,
                color: s.color,
                mark: Mark::Artifact(Artifact::Layout),
            });
        }
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
                node: None,
            });
        }
    }

    /// A space `w` wide: the font's space glyph whose TJ offset makes it `w` wide, in the run
    /// being filled if it matches, else a gap.
    pub(super) fn space(&mut self, shaper: &mut Shaper, s: &TextStyle, w: f32) {
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
                offset: (g.nominal - w / (s.size * self.scale)) * 1000.0,
                text: " ".into(),
            }),
            _ => self.flush(),
        }
        self.x += w;
    }

    pub(super) fn image(&mut self, image: &InlineImage, w: f32) {
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
            mark: Mark::Unassigned,
        });
        self.line.ascent = self.line.ascent.max(image.height);
        self.x += w;
    }

    pub(super) fn gap(&mut self, w: f32) {
        self.flush();
        self.x += w;
    }

    pub(super) fn finish(mut self) -> Line {
        self.flush();
        self.close_link();
        self.line
    }
}
