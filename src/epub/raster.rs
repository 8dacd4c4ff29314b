//! Just enough drawing for the generated cover: an RGB canvas, filled rectangles, and text set
//! with the book's fonts (shaped with rustybuzz, outlines from ttf-parser, anti-aliased with an
//! exact-area coverage accumulator).

use std::io::Write;
use std::sync::Mutex;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

/// Coverage below this leaves a pixel as it is (it would round to no shade anyway).
const MIN_COVERAGE: f32 = 0.002;

/// Curves are flattened into this many line segments: smooth at cover sizes (glyphs up to
/// about 200 px), and cheap.
const CURVE_SEGMENTS: usize = 12;

/// One of the canvas's inks, by its place in the list given to [`Canvas::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ink(pub usize);

/// An indexed-colour canvas: every pixel is the background or one ink at some coverage, which
/// is all a flat ground with text and rules needs. A pixel is one palette index (a third of
/// RGB's memory), and a row with no ink takes no memory at all: the 1600 x 2560 cover touches
/// about a tenth of the 12 MB an RGB buffer would, and its PNG is written row by row.
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    background: [u8; 3],
    inks: Vec<[u8; 3]>,
    /// Coverage levels per ink: the palette holds the background and `levels` shades per ink.
    levels: u8,
    /// Palette indices by row; `None` is a row of background.
    rows: Vec<Option<Box<[u8]>>>,
}

impl Canvas {
    /// A canvas of `background` that can draw in up to 8 `inks`.
    pub fn new(width: u32, height: u32, background: [u8; 3], inks: &[[u8; 3]]) -> Self {
        let inks: Vec<[u8; 3]> = inks.iter().copied().take(8).collect();
        let levels = (255 / inks.len().max(1)) as u8;
        Canvas {
            width,
            height,
            background,
            inks,
            levels,
            rows: vec![None; height as usize],
        }
    }

    pub fn fill_rect(&mut self, x: u32, y: u32, w: u32, h: u32, ink: Ink) {
        let full = vec![1.0; w.min(self.width) as usize];
        for yy in y..(y.saturating_add(h)).min(self.height) {
            self.blend_span(x as i64, yy as i64, ink, &full);
        }
    }

    /// The ink and coverage (0..=1) a palette index stands for; `None` is the background.
    fn decode(&self, index: u8) -> Option<(usize, f32)> {
        if index == 0 || self.levels == 0 {
            return None;
        }
        let i = index as usize - 1;
        let levels = self.levels as usize;
        Some((i / levels, (i % levels + 1) as f32 / levels as f32))
    }

    /// The palette index of `ink` at `coverage` (0..=1) with `levels` shades per ink.
    fn encode(levels: u8, ink: usize, coverage: f32) -> u8 {
        // Coverage is never negative here, so adding a half and truncating rounds.
        let level = (coverage.min(1.0) * levels as f32 + 0.5) as usize;
        if level == 0 {
            0
        } else {
            (1 + ink * levels as usize + level - 1) as u8
        }
    }

    /// The index for `ink` at `coverage` laid over the pixel `old`: over the ground it is just
    /// the ink; over the same ink, coverages combine; over another ink, the stronger one stays.
    fn over(&self, old: u8, ink: usize, coverage: f32) -> u8 {
        let levels = self.levels;
        match self.decode(old) {
            None => Self::encode(levels, ink, coverage),
            Some((same, c)) if same == ink => Self::encode(levels, ink, c + coverage * (1.0 - c)),
            Some((_, c)) if coverage > c => Self::encode(levels, ink, coverage),
            Some(_) => old,
        }
    }

    /// Lays `ink` over row `y` from column `x` on, one pixel per coverage value (0..=1); what
    /// falls outside the canvas is left out. A row is allocated only when ink lands on it.
    fn blend_span(&mut self, x: i64, y: i64, ink: Ink, coverage: &[f32]) {
        if y < 0 || y >= self.height as i64 || ink.0 >= self.inks.len() {
            return;
        }
        let width = self.width as usize;
        let skip = usize::try_from(-x).unwrap_or(0);
        let x0 = usize::try_from(x).unwrap_or(0);
        if x0 >= width || skip >= coverage.len() {
            return;
        }
        let n = (coverage.len() - skip).min(width - x0);
        let coverage = &coverage[skip..skip + n];
        if coverage.iter().all(|&c| c < MIN_COVERAGE) {
            return;
        }
        let mut row = self.rows[y as usize]
            .take()
            .unwrap_or_else(|| vec![0u8; width].into_boxed_slice());
        let shades = self.levels as f32;
        let first = 1 + ink.0 * self.levels as usize;
        for (px, &c) in row[x0..x0 + n].iter_mut().zip(coverage) {
            if c < MIN_COVERAGE {
                continue;
            }
            if *px == 0 {
                // Over the ground (most pixels): the shade is the coverage, rounded.
                let level = (c.min(1.0) * shades + 0.5) as usize;
                if level > 0 {
                    *px = (first + level - 1) as u8;
                }
            } else {
                *px = self.over(*px, ink.0, c);
            }
        }
        self.rows[y as usize] = Some(row);
    }

    /// Lays `other` (a canvas of the same size and inks) over this one, pixel by pixel.
    pub fn overlay(&mut self, other: Canvas) {
        if (other.width, other.height, &other.inks) != (self.width, self.height, &self.inks) {
            return;
        }
        for (y, theirs) in other.rows.into_iter().enumerate() {
            let Some(theirs) = theirs else { continue };
            let Some(mut mine) = self.rows[y].take() else {
                self.rows[y] = Some(theirs);
                continue;
            };
            for (px, &index) in mine.iter_mut().zip(theirs.iter()) {
                // Same inks, same palette: their index means the same here.
                if let Some((ink, coverage)) = self.decode(index) {
                    *px = self.over(*px, ink, coverage);
                }
            }
            self.rows[y] = Some(mine);
        }
    }

    /// The colour of the pixel at (x, y) (the background outside the canvas).
    #[cfg(test)]
    pub fn rgb(&self, x: u32, y: u32) -> [u8; 3] {
        let index = self
            .rows
            .get(y as usize)
            .and_then(|r| r.as_ref())
            .and_then(|r| r.get(x as usize))
            .copied()
            .unwrap_or(0);
        self.palette_color(index)
    }

    fn palette_color(&self, index: u8) -> [u8; 3] {
        match self.decode(index) {
            None => self.background,
            Some((ink, coverage)) => {
                let mut px = self.background;
                for (c, &target) in px.iter_mut().zip(&self.inks[ink]) {
                    let mixed = *c as f32 + (target as f32 - *c as f32) * coverage;
                    *c = mixed.round().clamp(0.0, 255.0) as u8;
                }
                px
            }
        }
    }

    /// The canvas as an 8-bit indexed PNG, written row by row with fast deflate.
    pub fn encode_png(&self) -> Option<Vec<u8>> {
        let used = 1 + self.inks.len() * self.levels as usize;
        let palette: Vec<u8> = (0..used)
            .flat_map(|i| self.palette_color(i as u8))
            .collect();
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette);
        // Palette images are not filtered (PNG spec 12.8); rows of ground deflate to nothing.
        encoder.set_deflate_compression(png::DeflateCompression::FdeflateUltraFast);
        encoder.set_filter(png::Filter::NoFilter);
        let mut header = encoder.write_header().ok()?;
        let mut stream = header.stream_writer().ok()?;
        let ground = vec![0u8; self.width as usize];
        for row in &self.rows {
            stream.write_all(row.as_deref().unwrap_or(&ground)).ok()?;
        }
        stream.finish().ok()?;
        header.finish().ok()?;
        Some(bytes)
    }
}

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

/// A glyph outline flattened to line segments in canvas pixels (y down).
struct Outline {
    origin_x: f32,
    origin_y: f32,
    scale: f32,
    segments: Vec<[(f32, f32); 2]>,
    start: (f32, f32),
    last: (f32, f32),
}

impl Outline {
    fn new(origin_x: f32, origin_y: f32, scale: f32) -> Self {
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
    fn fill(&self, canvas: &mut Canvas, ink: Ink, acc: &mut Accumulator) {
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
struct Accumulator {
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

    #[test]
    fn the_png_holds_the_canvas_colours_and_two_inks_keep_apart() {
        let (ground, ink, accent) = ([10, 20, 30], [250, 240, 230], [200, 100, 50]);
        let mut canvas = Canvas::new(40, 30, ground, &[ink, accent]);
        canvas.fill_rect(2, 2, 10, 4, Ink(1));
        let font = Font::new(crate::fonts::HEADING_BOLD.bytes).expect("built-in font parses");
        font.draw(&mut canvas, "Qx", 14.0, 24.0, 20.0, Ink(0));
        assert_eq!(canvas.rgb(5, 3), accent);
        assert_eq!(canvas.rgb(39, 29), ground);
        let png = canvas.encode_png().expect("encodes");
        let decoded = image::load_from_memory(&png).expect("decodes").to_rgb8();
        assert_eq!((decoded.width(), decoded.height()), (40, 30));
        let mut inked = 0;
        for (x, y, px) in decoded.enumerate_pixels() {
            assert_eq!(px.0, canvas.rgb(x, y), "pixel ({x}, {y})");
            inked += usize::from(px.0 != ground);
        }
        assert!(inked > 40 + 30, "text and rule drawn: {inked} pixels");
        // Anti-aliased edges are shades between ground and ink, not other colours.
        for (_, _, px) in decoded.enumerate_pixels() {
            let between = |c: usize, a: [u8; 3]| {
                let (lo, hi) = (ground[c].min(a[c]), ground[c].max(a[c]));
                (lo..=hi).contains(&px.0[c])
            };
            assert!((0..3).all(|c| between(c, ink)) || (0..3).all(|c| between(c, accent)));
        }
    }

    #[test]
    fn two_canvases_laid_over_each_other_equal_one_drawn_with_both() {
        let font = Font::new(crate::fonts::HEADING_BOLD.bytes).expect("built-in font parses");
        let inks = [[250, 240, 230], [200, 100, 50]];
        let new = || Canvas::new(60, 40, [10, 20, 30], &inks);
        let (mut both, mut top, mut bottom) = (new(), new(), new());
        for canvas in [&mut both, &mut top] {
            font.draw(canvas, "Ab", 4.0, 18.0, 16.0, Ink(0));
            canvas.fill_rect(30, 10, 20, 3, Ink(1));
        }
        for canvas in [&mut both, &mut bottom] {
            // Overlaps the first text and the rule: coverages combine, the stronger ink stays.
            font.draw(canvas, "Ab", 6.0, 22.0, 16.0, Ink(0));
            canvas.fill_rect(34, 8, 4, 10, Ink(0));
        }
        top.overlay(bottom);
        // Where the two overlap, each side's coverage was rounded to a shade before combining:
        // at most a shade or two apart (a shade is under 2 of 255 here).
        let mut inked = 0;
        for y in 0..40 {
            for x in 0..60 {
                let (a, b) = (top.rgb(x, y), both.rgb(x, y));
                let apart = (0..3).map(|c| a[c].abs_diff(b[c])).max().unwrap_or(0);
                assert!(apart <= 4, "pixel ({x}, {y}): {a:?} vs {b:?}");
                inked += usize::from(b != [10, 20, 30]);
            }
        }
        assert!(inked > 100, "{inked} pixels inked");
    }

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
