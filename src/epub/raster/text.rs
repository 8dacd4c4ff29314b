//! Text on the canvas: a font shaped with rustybuzz (shape plans kept per direction and
//! script), its glyphs' outlines filled by `outline`, and greedy wrapping at spaces.

use std::sync::Mutex;

use rustybuzz::ttf_parser::GlyphId;

use super::outline::{Accumulator, Outline};
use super::{Canvas, Ink};

/// A font ready to draw with.
pub struct Font<'a> {
    face: rustybuzz::Face<'a>,
    /// Shape plans by direction and script: making one costs more than shaping a line, and the
    /// cover shapes many (every candidate line while wrapping).
    plans: Mutex<
        Vec<(
            rustybuzz::Direction,
            rustybuzz::Script,
            rustybuzz::ShapePlan,
        )>,
    >,
}

/// One glyph placed on a line, in font units from the line's start.
struct Placed {
    glyph: u16,
    x: f32,
    y: f32,
}

impl<'a> Font<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        rustybuzz::Face::from_slice(bytes, 0).map(|face| Font {
            face,
            plans: Mutex::new(Vec::new()),
        })
    }

    fn units_per_em(&self) -> f32 {
        self.face.units_per_em().max(1) as f32
    }

    fn shape(&self, text: &str) -> (Vec<Placed>, f32) {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let (direction, script) = (buffer.direction(), buffer.script());
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        let index = match plans
            .iter()
            .position(|(d, s, _)| (*d, *s) == (direction, script))
        {
            Some(i) => i,
            None => {
                let plan =
                    rustybuzz::ShapePlan::new(&self.face, direction, Some(script), None, &[]);
                plans.push((direction, script, plan));
                plans.len() - 1
            }
        };
        let out = rustybuzz::shape_with_plan(&self.face, &plans[index].2, buffer);
        let mut pen = 0.0;
        let mut placed = Vec::new();
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            placed.push(Placed {
                glyph: info.glyph_id as u16,
                x: pen + pos.x_offset as f32,
                y: pos.y_offset as f32,
            });
            pen += pos.x_advance as f32;
        }
        (placed, pen)
    }

    /// The width of `text` at `size` pixels per em.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).1 * size / self.units_per_em()
    }

    /// Draws `text` with its baseline at `baseline` and its left edge at `x`.
    pub fn draw(
        &self,
        canvas: &mut Canvas,
        text: &str,
        x: f32,
        baseline: f32,
        size: f32,
        ink: Ink,
    ) {
        let scale = size / self.units_per_em();
        let (glyphs, _) = self.shape(text);
        let mut acc = Accumulator::default();
        for g in glyphs {
            let mut outline = Outline::new(x + g.x * scale, baseline - g.y * scale, scale);
            if self
                .face
                .outline_glyph(GlyphId(g.glyph), &mut outline)
                .is_none()
            {
                continue;
            }
            outline.fill(canvas, ink, &mut acc);
        }
    }

    /// Breaks `text` into lines no wider than `max_width` (greedy, at spaces).
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size) > max_width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_draws_ink_with_the_built_in_fonts() {
        let font = Font::new(crate::fonts::HEADING_BOLD.bytes).expect("built-in font parses");
        let mut canvas = Canvas::new(200, 60, [0, 0, 0], &[[255, 255, 255]]);
        font.draw(&mut canvas, "Quire", 10.0, 45.0, 40.0, Ink(0));
        let ink = (0..60)
            .flat_map(|y| (0..200).map(move |x| (x, y)))
            .filter(|&(x, y)| canvas.rgb(x, y)[0] > 128)
            .count();
        assert!(ink > 100, "only {ink} bright pixels");
        assert!(font.width("Quire", 40.0) > font.width("Q", 40.0));
    }
}
