//! Character expansion in the content stream: a justified line's letters widened or narrowed
//! by spacing them (`Tc`), not by scaling the text matrix.

use super::super::embed::Font;
use crate::pdf::page::{Glyph, TextRun};

/// A run's character expansion as the content stream writes it: the run takes `scale` times
/// its glyphs' and adjustments' width, the glyphs keep their shapes, and the letters of its
/// words take the difference as letter spacing (`Tc`). A horizontally scaled text matrix would
/// draw the same line, but text tools (MuPDF's among them) read a scaled matrix as another
/// font size, and the line's letters then stop being the body's.
///
/// `Tc` comes after every glyph, spaces too, so each word space would gain it twice (after the
/// word's last letter and after the space): the space's own adjustment takes that back and
/// gives the space what the scale gives it, so word spaces are as the line breaker set them.
pub(super) struct Expansion {
    /// The factor for the run's TJ adjustments (1 without expansion).
    pub(super) scale: f32,
    /// Points added after each glyph.
    pub(super) spacing: f32,
    /// 1/1000 em added to each word space's adjustment.
    space_adjustment: f32,
}

impl Expansion {
    const NONE: Expansion = Expansion {
        scale: 1.0,
        spacing: 0.0,
        space_adjustment: 0.0,
    };

    pub(super) fn of(run: &TextRun, font: &Font) -> Expansion {
        let scale = run.scale;
        if !scale.is_finite() || scale <= 0.0 || scale == 1.0 || run.size <= 0.0 {
            return Expansion::NONE;
        }
        let is_space = |g: &&Glyph| g.text == " ";
        let spaces = run.glyphs.iter().filter(is_space).count();
        // Glyphs that take the spacing for themselves: letters, not the spaces that give it back.
        let Some(takers) = run.glyphs.len().checked_sub(2 * spaces).filter(|&n| n > 0) else {
            return Expansion::NONE;
        };
        let points = |thousandths: f32| thousandths / 1000.0 * run.size;
        let letters: f32 = run
            .glyphs
            .iter()
            .filter(|g| !is_space(g))
            .map(|g| font.advance(g.gid))
            .sum();
        let spacing = points((scale - 1.0) * letters) / takers as f32;
        let space_advance = run
            .glyphs
            .iter()
            .find(is_space)
            .map_or(0.0, |g| font.advance(g.gid));
        // Take back the two spacings, give the scaled part of the space's advance.
        let space_adjustment = 2.0 * spacing * 1000.0 / run.size - (scale - 1.0) * space_advance;
        Expansion {
            scale,
            spacing,
            space_adjustment,
        }
    }

    /// The TJ adjustment after `glyph`.
    pub(super) fn offset(&self, glyph: &Glyph) -> f32 {
        let scaled = glyph.offset * self.scale;
        if glyph.text == " " {
            scaled + self.space_adjustment
        } else {
            scaled
        }
    }
}
