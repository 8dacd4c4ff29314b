//! Just enough drawing for the generated cover: an indexed-colour canvas, filled rectangles,
//! and text set with the book's fonts (`text`: shaped with rustybuzz, outlines from
//! ttf-parser; `outline`: flattened and anti-aliased with an exact-area coverage accumulator).

mod outline;
mod text;

use std::io::Write;

pub use text::Font;

/// Coverage below this leaves a pixel as it is (it would round to no shade anyway).
const MIN_COVERAGE: f32 = 0.002;
/// Shades of each ink at the edges of text: 16 steps look as smooth as 127 at the cover's size
/// (a step is under 1/16 of the ink's contrast), and the fewer distinct indices deflate to a
/// fifth (the guide's cover: 252 KB with 127 shades and the fastest deflate, 48 KB like this).
const SHADES_PER_INK: usize = 16;
/// How the PNG is compressed: each row as its difference from the row above (PNG's Up filter),
/// deflated by fdeflate's run-length coder. The cover is rows of ground and rows of text whose
/// edges repeat row to row, which Up turns into runs of zeros: the guide's cover is 74 KB in
/// 0.7 ms this way, against 47 KB in 2.2 ms with zlib level 2 and no filter (level 1: 74 KB in
/// 3.9 ms; fdeflate without the filter: 197 KB).
const PNG_COMPRESSION: png::DeflateCompression = png::DeflateCompression::FdeflateUltraFast;
const PNG_FILTER: png::Filter = png::Filter::Up;

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
        let levels = (255 / inks.len().max(1)).min(SHADES_PER_INK) as u8;
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

    /// The canvas as an 8-bit indexed PNG, written row by row.
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
        encoder.set_deflate_compression(PNG_COMPRESSION);
        encoder.set_filter(PNG_FILTER);
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // at most two shades apart (a shade is a sixteenth of the ink's contrast).
        let shade = 255 / SHADES_PER_INK as u8;
        let mut inked = 0;
        for y in 0..40 {
            for x in 0..60 {
                let (a, b) = (top.rgb(x, y), both.rgb(x, y));
                let apart = (0..3).map(|c| a[c].abs_diff(b[c])).max().unwrap_or(0);
                assert!(apart <= 2 * shade, "pixel ({x}, {y}): {a:?} vs {b:?}");
                inked += usize::from(b != [10, 20, 30]);
            }
        }
        assert!(inked > 100, "{inked} pixels inked");
    }
}
