//! The cover image: the book's own (checked, converted to PNG or JPEG, scaled down to fit the
//! e-reader cover size), or one drawn from the title, subtitle and authors with the book's fonts.

use std::io::Cursor;

use super::raster::{Canvas, Font, Ink};
use crate::diagnostic::{Diagnostics, Failed, Location};
use crate::fonts;
use crate::model::{Book, ImageFormat};

/// The largest cover stores accept without rescaling (Kindle and Apple Books recommend
/// 1600 x 2560, a 1:1.6 portrait page); the drawn cover uses exactly this size.
pub const MAX_WIDTH: u32 = 1600;
pub const MAX_HEIGHT: u32 = 2560;
/// JPEG quality for a rescaled photographic cover: visually lossless at this size.
const JPEG_QUALITY: u8 = 90;

/// Drawn cover: a dark ground (reads well as a small thumbnail in light and dark library views)
/// with light text and one accent rule.
const GROUND: [u8; 3] = [0x1d, 0x3c, 0x4a];
const INK: [u8; 3] = [0xf7, 0xf3, 0xea];
const ACCENT: [u8; 3] = [0xd9, 0xa4, 0x41];
/// Side margin: 10 % of the width, like a book jacket's safe area.
const MARGIN: f32 = 160.0;
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

pub struct CoverImage {
    pub href: String,
    pub bytes: Vec<u8>,
    pub media_type: String,
}

pub fn cover(book: &Book, diags: &mut Diagnostics) -> Result<CoverImage, Failed> {
    match &book.cover {
        Some(asset) => {
            let location = Some(Location::file(book.root.join(&asset.path)));
            let decoded = image::load_from_memory(&asset.bytes).map_err(|e| {
                diags.error(
                    location.clone(),
                    format!("the cover image cannot be read: {e}"),
                );
                Failed
            })?;
            let fits = decoded.width() <= MAX_WIDTH && decoded.height() <= MAX_HEIGHT;
            let passthrough = match asset.format {
                ImageFormat::Png => Some(("png", "image/png")),
                ImageFormat::Jpeg => Some(("jpg", "image/jpeg")),
                _ => None,
            };
            if fits && let Some((ext, media_type)) = passthrough {
                return Ok(CoverImage {
                    href: format!("images/cover.{ext}"),
                    bytes: asset.bytes.clone(),
                    media_type: media_type.into(),
                });
            }
            let scaled = if fits {
                decoded
            } else {
                decoded.resize(MAX_WIDTH, MAX_HEIGHT, image::imageops::FilterType::Lanczos3)
            };
            let as_jpeg = asset.format == ImageFormat::Jpeg;
            let mut bytes = Vec::new();
            let result = if as_jpeg {
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
            let (ext, media_type) = if as_jpeg {
                ("jpg", "image/jpeg")
            } else {
                ("png", "image/png")
            };
            Ok(CoverImage {
                href: format!("images/cover.{ext}"),
                bytes,
                media_type: media_type.into(),
            })
        }
        None => {
            let bytes = draw(book).ok_or_else(|| {
                diags.error(
                    None,
                    "could not draw the EPUB cover (built-in fonts unreadable)",
                );
                Failed
            })?;
            Ok(CoverImage {
                href: "images/cover.png".into(),
                bytes,
                media_type: "image/png".into(),
            })
        }
    }
}

/// Draws a 1600 x 2560 PNG cover from the book's metadata.
pub fn draw(book: &Book) -> Option<Vec<u8>> {
    let heading = Font::new(fonts::HEADING_BOLD.bytes)?;
    let italic = Font::new(fonts::BODY_ITALIC.bytes)?;
    let author_font = Font::new(fonts::HEADING_REGULAR.bytes)?;
    let mut canvas = Canvas::new(MAX_WIDTH, MAX_HEIGHT, GROUND, &[INK, ACCENT]);
    let (ink, accent) = (Ink(0), Ink(1));
    let text_width = MAX_WIDTH as f32 - 2.0 * MARGIN;

    let title = if book.meta.title.trim().is_empty() {
        "Untitled"
    } else {
        book.meta.title.trim()
    };
    let mut size = TITLE_SIZE;
    let mut lines = heading.wrap(title, size, text_width);
    while (lines.len() > TITLE_MAX_LINES
        || lines.iter().any(|l| heading.width(l, size) > text_width))
        && size > TITLE_MIN_SIZE
    {
        size -= 8.0;
        lines = heading.wrap(title, size, text_width);
    }
    canvas.fill_rect(
        MARGIN as u32,
        (TITLE_TOP - size) as u32,
        RULE_WIDTH,
        RULE_HEIGHT,
        accent,
    );
    let mut baseline = TITLE_TOP + size * 0.6;
    for line in &lines {
        heading.draw(&mut canvas, line, MARGIN, baseline, size, ink);
        baseline += size * TITLE_LEADING;
    }

    if let Some(sub) = book
        .meta
        .subtitle
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        baseline += SUBTITLE_SIZE * 0.6;
        for line in italic.wrap(sub, SUBTITLE_SIZE, text_width) {
            italic.draw(&mut canvas, &line, MARGIN, baseline, SUBTITLE_SIZE, ink);
            baseline += SUBTITLE_SIZE * SUBTITLE_LEADING;
        }
    }

    let authors = book.meta.authors.join(", ");
    if !authors.trim().is_empty() {
        let author_lines = author_font.wrap(&authors, AUTHOR_SIZE, text_width);
        let mut y = MAX_HEIGHT as f32
            - AUTHOR_BASELINE_FROM_BOTTOM
            - (author_lines.len().saturating_sub(1)) as f32 * AUTHOR_SIZE * SUBTITLE_LEADING;
        canvas.fill_rect(
            MARGIN as u32,
            (y - AUTHOR_SIZE * 1.6) as u32,
            RULE_WIDTH / 2,
            RULE_HEIGHT / 2,
            accent,
        );
        for line in author_lines {
            author_font.draw(&mut canvas, &line, MARGIN, y, AUTHOR_SIZE, ink);
            y += AUTHOR_SIZE * SUBTITLE_LEADING;
        }
    }

    canvas.encode_png()
}
