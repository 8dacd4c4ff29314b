//! The cover image: the book's own (checked, converted to PNG or JPEG, scaled down to the
//! stores' pixel limit), or one drawn from the title, subtitle and authors with the book's fonts.

use std::io::Cursor;

use super::raster::{Canvas, Font, Ink};
use crate::diagnostic::{Diagnostics, Failed, Location};
use crate::fonts;
use crate::model::{Book, ImageFormat};

/// The most pixels an image inside the book may have (Apple Books' limit; Kindle's
/// recommended 1600 x 2560 is over it). A larger cover of the book's is scaled down to it.
pub const MAX_PIXELS: u64 = 4_000_000;
/// The drawn cover: 1:1.6, the portrait ratio stores recommend, at the largest size under
/// `MAX_PIXELS` (3,907,500 pixels) and over the 1,400 px width stores ask for at least.
pub const WIDTH: u32 = 1563;
pub const HEIGHT: u32 = 2500;
/// JPEG quality for a rescaled photographic cover: visually lossless at this size.
const JPEG_QUALITY: u8 = 90;

/// Drawn cover: a dark ground (reads well as a small thumbnail in light and dark library views)
/// with light text and one accent rule.
const GROUND: [u8; 3] = [0x1d, 0x3c, 0x4a];
const INK: [u8; 3] = [0xf7, 0xf3, 0xea];
const ACCENT: [u8; 3] = [0xd9, 0xa4, 0x41];
/// Side margin: 10 % of the width, like a book jacket's safe area.
const MARGIN: f32 = WIDTH as f32 / 10.0;
/// Title size in pixels per em, shrunk step by step until the title fits in `TITLE_MAX_LINES`.
const TITLE_SIZE: f32 = 180.0;
const TITLE_MIN_SIZE: f32 = 96.0;
const TITLE_MAX_LINES: usize = 4;
/// Line spacing as a multiple of the size: tight for display type.
const TITLE_LEADING: f32 = 1.12;
const SUBTITLE_SIZE: f32 = 78.0;
const SUBTITLE_LEADING: f32 = 1.3;
const AUTHOR_SIZE: f32 = 84.0;
/// The title block starts a fifth of the way down; the author sits above the bottom margin.
const TITLE_TOP: f32 = 520.0;
const AUTHOR_BASELINE_FROM_BOTTOM: f32 = 300.0;
const RULE_HEIGHT: u32 = 12;
const RULE_WIDTH: u32 = 320;

/// Where the cover goes in the package and what it will be, known before it is drawn or
/// converted (the package is assembled while that happens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverPlan {
    pub href: String,
    pub media_type: &'static str,
    make: Make,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Make {
    /// The book's own PNG or JPEG, small enough: used as it is.
    AsItIs,
    /// The book's own image, converted (to JPEG if it was one, else PNG) and scaled to fit.
    Convert { jpeg: bool },
    /// No cover image: one is drawn.
    Draw,
}

pub fn plan(book: &Book) -> CoverPlan {
    let (make, ext, media_type) = match &book.cover {
        None => (Make::Draw, "png", "image/png"),
        Some(asset) => {
            let fits = pixels(asset.width, asset.height) <= MAX_PIXELS;
            match asset.format {
                ImageFormat::Png if fits => (Make::AsItIs, "png", "image/png"),
                ImageFormat::Jpeg if fits => (Make::AsItIs, "jpg", "image/jpeg"),
                ImageFormat::Jpeg => (Make::Convert { jpeg: true }, "jpg", "image/jpeg"),
                _ => (Make::Convert { jpeg: false }, "png", "image/png"),
            }
        }
    };
    CoverPlan {
        href: format!("images/cover.{ext}"),
        media_type,
        make,
    }
}

impl CoverPlan {
    /// Whether the cover is drawn (with [`Drawing`]) rather than taken from the book.
    pub fn is_drawn(&self) -> bool {
        self.make == Make::Draw
    }
}

/// The book's own cover image's bytes, as `plan` said (a drawn cover is made by [`Drawing`]).
pub fn bytes(book: &Book, plan: &CoverPlan, diags: &mut Diagnostics) -> Result<Vec<u8>, Failed> {
    let Some(asset) = book.cover.as_ref().filter(|_| plan.make != Make::Draw) else {
        diags.error(
            None,
            "could not draw the EPUB cover (built-in fonts unreadable)",
        );
        return Err(Failed);
    };
    let location = Some(Location::file(book.root.join(&asset.path)));
    let decoded = image::load_from_memory(&asset.bytes).map_err(|e| {
        diags.error(
            location.clone(),
            format!("the cover image cannot be read: {e}"),
        );
        Failed
    })?;
    let jpeg = match plan.make {
        Make::Convert { jpeg } => jpeg,
        _ => return Ok(asset.bytes.clone()),
    };
    let (width, height) = (decoded.width(), decoded.height());
    let scaled = match within_limit(width, height) {
        None => decoded,
        Some((w, h)) => {
            diags.warning(
                location.clone(),
                format!(
                    "the cover image ({width} x {height}, {} pixels) is scaled to {w} x {h} in \
                     the EPUB: stores take images of at most {MAX_PIXELS} pixels",
                    pixels(width, height)
                ),
            );
            decoded.resize_exact(w, h, image::imageops::FilterType::Lanczos3)
        }
    };
    let mut bytes = Vec::new();
    let result = if jpeg {
        let rgb = scaled.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
            .encode_image(&rgb)
    } else {
        scaled.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
    };
    result.map_err(|e| {
        diags.error(
            location,
            format!("the cover image cannot be converted: {e}"),
        );
        Failed
    })?;
    Ok(bytes)
}

fn pixels(width: u32, height: u32) -> u64 {
    u64::from(width) * u64::from(height)
}

/// The size an image over `MAX_PIXELS` is scaled to, keeping its proportions; None if it fits.
fn within_limit(width: u32, height: u32) -> Option<(u32, u32)> {
    if pixels(width, height) <= MAX_PIXELS {
        return None;
    }
    let scale = (MAX_PIXELS as f64 / pixels(width, height) as f64).sqrt();
    let fit = |side: u32| ((f64::from(side) * scale).floor() as u32).max(1);
    Some((fit(width), fit(height)))
}

/// The faces the drawn cover is set in.
#[derive(Clone, Copy)]
enum Face {
    Title,
    Subtitle,
    Author,
}

/// One thing drawn on the cover.
enum Mark {
    Rule {
        x: u32,
        y: u32,
        w: u32,
        h: u32,
    },
    Line {
        face: Face,
        text: String,
        baseline: f32,
        size: f32,
    },
}

/// A 1563 x 2500 cover drawn from the book's metadata, in two parts that two threads can paint
/// at once (the title block; the subtitle and authors), laid over each other and encoded as a
/// PNG by [`Drawing::finish`].
pub struct Drawing {
    title_font: Font<'static>,
    subtitle_font: Font<'static>,
    author_font: Font<'static>,
    title_block: Vec<Mark>,
    rest: Vec<Mark>,
}

impl Drawing {
    /// Sets the cover's text (None if a built-in font cannot be read).
    pub fn new(book: &Book) -> Option<Drawing> {
        let mut drawing = Drawing {
            title_font: Font::new(fonts::HEADING_BOLD.bytes)?,
            subtitle_font: Font::new(fonts::BODY_ITALIC.bytes)?,
            author_font: Font::new(fonts::HEADING_REGULAR.bytes)?,
            title_block: Vec::new(),
            rest: Vec::new(),
        };
        drawing.set(book);
        Some(drawing)
    }

    pub fn paint_title(&self) -> Canvas {
        self.paint(&self.title_block)
    }

    pub fn paint_rest(&self) -> Canvas {
        self.paint(&self.rest)
    }

    /// The two parts laid over each other, as PNG bytes.
    pub fn finish(mut title: Canvas, rest: Canvas) -> Option<Vec<u8>> {
        title.overlay(rest);
        crate::timing::phase("epub: cover png", || title.encode_png())
    }

    fn font(&self, face: Face) -> &Font<'static> {
        match face {
            Face::Title => &self.title_font,
            Face::Subtitle => &self.subtitle_font,
            Face::Author => &self.author_font,
        }
    }

    fn paint(&self, marks: &[Mark]) -> Canvas {
        let mut canvas = Canvas::new(WIDTH, HEIGHT, GROUND, &[INK, ACCENT]);
        let (ink, accent) = (Ink(0), Ink(1));
        for mark in marks {
            match mark {
                Mark::Rule { x, y, w, h } => canvas.fill_rect(*x, *y, *w, *h, accent),
                Mark::Line {
                    face,
                    text,
                    baseline,
                    size,
                } => self
                    .font(*face)
                    .draw(&mut canvas, text, MARGIN, *baseline, *size, ink),
            }
        }
        canvas
    }

    /// Lays out the title (shrunk until it fits), subtitle and authors as marks.
    fn set(&mut self, book: &Book) {
        let text_width = WIDTH as f32 - 2.0 * MARGIN;
        let title = if book.meta.title.trim().is_empty() {
            "Untitled"
        } else {
            book.meta.title.trim()
        };
        let heading = &self.title_font;
        let mut size = TITLE_SIZE;
        let mut lines = heading.wrap(title, size, text_width);
        while (lines.len() > TITLE_MAX_LINES
            || lines.iter().any(|l| heading.width(l, size) > text_width))
            && size > TITLE_MIN_SIZE
        {
            size -= 8.0;
            lines = heading.wrap(title, size, text_width);
        }
        self.title_block.push(Mark::Rule {
            x: MARGIN as u32,
            y: (TITLE_TOP - size) as u32,
            w: RULE_WIDTH,
            h: RULE_HEIGHT,
        });
        let mut baseline = TITLE_TOP + size * 0.6;
        for text in lines {
            self.title_block.push(Mark::Line {
                face: Face::Title,
                text,
                baseline,
                size,
            });
            baseline += size * TITLE_LEADING;
        }

        if let Some(sub) = book
            .meta
            .subtitle
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            baseline += SUBTITLE_SIZE * 0.6;
            for text in self.subtitle_font.wrap(sub, SUBTITLE_SIZE, text_width) {
                self.rest.push(Mark::Line {
                    face: Face::Subtitle,
                    text,
                    baseline,
                    size: SUBTITLE_SIZE,
                });
                baseline += SUBTITLE_SIZE * SUBTITLE_LEADING;
            }
        }

        let authors = book.meta.authors.join(", ");
        if !authors.trim().is_empty() {
            let author_lines = self.author_font.wrap(&authors, AUTHOR_SIZE, text_width);
            let mut y = HEIGHT as f32
                - AUTHOR_BASELINE_FROM_BOTTOM
                - (author_lines.len().saturating_sub(1)) as f32 * AUTHOR_SIZE * SUBTITLE_LEADING;
            self.rest.push(Mark::Rule {
                x: MARGIN as u32,
                y: (y - AUTHOR_SIZE * 1.6) as u32,
                w: RULE_WIDTH / 2,
                h: RULE_HEIGHT / 2,
            });
            for text in author_lines {
                self.rest.push(Mark::Line {
                    face: Face::Author,
                    text,
                    baseline: y,
                    size: AUTHOR_SIZE,
                });
                y += AUTHOR_SIZE * SUBTITLE_LEADING;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cover_over_the_limit_keeps_its_proportions_under_it() {
        assert_eq!(within_limit(WIDTH, HEIGHT), None);
        assert!(pixels(WIDTH, HEIGHT) <= MAX_PIXELS && WIDTH >= crate::load::MIN_COVER_WIDTH);
        assert!((f64::from(HEIGHT) / f64::from(WIDTH) - 1.6).abs() < 0.001);
        let (w, h) = within_limit(1600, 2560).expect("over the limit");
        assert!(pixels(w, h) <= MAX_PIXELS && pixels(w, h) > MAX_PIXELS * 99 / 100);
        assert!(
            (f64::from(h) / f64::from(w) - 1.6).abs() < 0.002,
            "{w} x {h}"
        );
    }
}
