//! Glyph outlines onto the canvas: curves flattened to line segments, then filled with
//! exact-area coverage (non-zero winding) and laid over the canvas row by row.

use rustybuzz::ttf_parser::OutlineBuilder;

use super::{Canvas, Ink};

/// Curves are flattened into this many line segments: smooth at cover sizes (glyphs up to
/// about 200 px), and cheap.
const CURVE_SEGMENTS: usize = 12;

/// A glyph outline flattened to line segments in canvas pixels (y down).
pub(super) struct Outline {
    origin_x: f32,
    origin_y: f32,
    scale: f32,
    segments: Vec<[(f32, f32); 2]>,
    start: (f32, f32),
    last: (f32, f32),
}

impl Outline {
    pub(super) fn new(origin_x: f32, origin_y: f32, scale: f32) -> Self {
        Outline {
            origin_x,
            origin_y,
            scale,
            segments: Vec::new(),
            start: (0.0, 0.0),
            last: (0.0, 0.0),
        }
    }

    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.origin_x + x * self.scale,
            self.origin_y - y * self.scale,
        )
    }

    fn push(&mut self, to: (f32, f32)) {
        self.segments.push([self.last, to]);
        self.last = to;
    }

    /// Fills the outline (non-zero winding, coverage clamped to 1) onto the canvas.
    pub(super) fn fill(&self, canvas: &mut Canvas, ink: Ink, acc: &mut Accumulator) {
        if self.segments.is_empty() {
            return;
        }
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for seg in &self.segments {
            for &(x, y) in seg {
                min_x = min_x.min(x);
                min_y = min_y.min(y);
                max_x = max_x.max(x);
                max_y = max_y.max(y);
            }
        }
        if !(min_x.is_finite() && max_x.is_finite() && min_y.is_finite() && max_y.is_finite()) {
            return;
        }
        let left = min_x.floor() - 1.0;
        let top = min_y.floor() - 1.0;
        let w = (max_x.ceil() - left + 2.0) as usize;
        let h = (max_y.ceil() - top + 2.0) as usize;
        if w == 0 || h == 0 || w > 8192 || h > 8192 {
            return;
        }
        acc.reset(w, h);
        for seg in &self.segments {
            acc.line(
                (seg[0].0 - left, seg[0].1 - top),
                (seg[1].0 - left, seg[1].1 - top),
            );
        }
        // The running sum of the signed areas is each pixel's coverage.
        let mut sum = 0.0f32;
        for a in acc.area.iter_mut() {
            sum += *a;
            *a = sum.abs().min(1.0);
        }
        for (row, coverage) in acc.area.chunks_exact(w).enumerate() {
            canvas.blend_span(left as i64, top as i64 + row as i64, ink, coverage);
        }
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.start = p;
        self.last = p;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.push(p);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, p1, p2) = (self.last, self.point(x1, y1), self.point(x, y));
        for i in 1..=CURVE_SEGMENTS {
            let t = i as f32 / CURVE_SEGMENTS as f32;
            let u = 1.0 - t;
            self.push((
                u * u * p0.0 + 2.0 * u * t * p1.0 + t * t * p2.0,
                u * u * p0.1 + 2.0 * u * t * p1.1 + t * t * p2.1,
            ));
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (p0, p1, p2, p3) = (
            self.last,
            self.point(x1, y1),
            self.point(x2, y2),
            self.point(x, y),
        );
        for i in 1..=CURVE_SEGMENTS {
            let t = i as f32 / CURVE_SEGMENTS as f32;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            self.push((
                a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
                a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
            ));
        }
    }

    fn close(&mut self) {
        if self.last != self.start {
            let start = self.start;
            self.push(start);
        }
    }
}

/// Signed-area accumulation (as in font-rs): each edge adds the area it covers to the right of
/// itself; a running sum along each row then gives every pixel's coverage.
#[derive(Default)]
pub(super) struct Accumulator {
    w: usize,
    h: usize,
    area: Vec<f32>,
}

impl Accumulator {
    /// Clears the accumulator for a w x h box (reusing its memory from glyph to glyph).
    fn reset(&mut self, w: usize, h: usize) {
        self.w = w;
        self.h = h;
        self.area.clear();
        self.area.resize(w * h, 0.0);
    }

    fn add(&mut self, i: isize, v: f32) {
        if i >= 0
            && let Some(a) = self.area.get_mut(i as usize)
        {
            *a += v;
        }
    }

    fn line(&mut self, p0: (f32, f32), p1: (f32, f32)) {
        if (p0.1 - p1.1).abs() <= f32::EPSILON {
            return;
        }
        let (dir, p0, p1) = if p0.1 < p1.1 {
            (1.0, p0, p1)
        } else {
            (-1.0, p1, p0)
        };
        let dxdy = (p1.0 - p0.0) / (p1.1 - p0.1);
        let mut x = p0.0;
        let y0 = p0.1.max(0.0) as usize;
        if p0.1 < 0.0 {
            x -= p0.1 * dxdy;
        }
        let y_end = self.h.min(ceil(p1.1).max(0.0) as usize);
        for y in y0..y_end {
            let row = (y * self.w) as isize;
            let dy = ((y + 1) as f32).min(p1.1) - (y as f32).max(p0.1);
            let x_next = x + dxdy * dy;
            let d = dy * dir;
            let (xa, xb) = if x < x_next { (x, x_next) } else { (x_next, x) };
            let xa_floor = floor(xa);
            let xa_i = xa_floor as isize;
            let xb_ceil = ceil(xb);
            let xb_i = xb_ceil as isize;
            if xb_i <= xa_i + 1 {
                let xmf = 0.5 * (x + x_next) - xa_floor;
                self.add(row + xa_i, d - d * xmf);
                self.add(row + xa_i + 1, d * xmf);
            } else {
                let s = (xb - xa).recip();
                let xa_f = xa - xa_floor;
                let a0 = 0.5 * s * (1.0 - xa_f) * (1.0 - xa_f);
                let xb_f = xb - xb_ceil + 1.0;
                let am = 0.5 * s * xb_f * xb_f;
                self.add(row + xa_i, d * a0);
                if xb_i == xa_i + 2 {
                    self.add(row + xa_i + 1, d * (1.0 - a0 - am));
                } else {
                    let a1 = s * (1.5 - xa_f);
                    self.add(row + xa_i + 1, d * (a1 - a0));
                    for xi in xa_i + 2..xb_i - 1 {
                        self.add(row + xi, d * s);
                    }
                    let a2 = a1 + (xb_i - xa_i - 3) as f32 * s;
                    self.add(row + xb_i - 1, d * (1.0 - a2 - am));
                }
                self.add(row + xb_i, d * am);
            }
            x = x_next;
        }
    }
}

/// `x.floor()` without a call into libm (which it is without SSE4.1): the accumulator runs it
/// twice per row of every edge. Exact for the accumulator's small coordinates.
fn floor(x: f32) -> f32 {
    let t = x as i32 as f32;
    if t > x { t - 1.0 } else { t }
}

/// `x.ceil()`, likewise.
fn ceil(x: f32) -> f32 {
    let t = x as i32 as f32;
    if t < x { t + 1.0 } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_ceil_match_the_standard_ones() {
        for x in [-2.5f32, -1.0, -0.25, 0.0, 0.25, 1.0, 1.5, 7.999, 8191.5] {
            assert_eq!(floor(x), x.floor(), "floor {x}");
            assert_eq!(ceil(x), x.ceil(), "ceil {x}");
        }
    }

    #[test]
    fn a_square_fills_its_pixels_and_nothing_else() {
        let mut canvas = Canvas::new(8, 8, [0, 0, 0], &[[255, 255, 255]]);
        let mut o = Outline::new(0.0, 0.0, 1.0);
        // A 4x4 square from (2,2) to (6,6) in canvas pixels (font y is up, so negate).
        o.move_to(2.0, -2.0);
        o.line_to(6.0, -2.0);
        o.line_to(6.0, -6.0);
        o.line_to(2.0, -6.0);
        o.close();
        o.fill(&mut canvas, Ink(0), &mut Accumulator::default());
        let at = |x: u32, y: u32| canvas.rgb(x, y)[0];
        assert_eq!(at(3, 3), 255);
        assert_eq!(at(5, 5), 255);
        assert_eq!(at(1, 1), 0);
        assert_eq!(at(6, 6), 0);
    }
}
