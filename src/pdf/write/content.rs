//! Page content: each page's items as a content stream, and its link annotations as printpdf
//! operators.
//!
//! Text runs are placed absolutely with a text matrix (Tm), never with the relative Td, and
//! consecutive runs share one BT..ET block; font, size and colour are only re-set when they
//! change. Images are decoded once per asset however often they appear.

use std::collections::HashMap;

use printpdf::{Op, Pt};

use super::deflate;
use super::embed::Font;
use crate::diagnostic::{Diagnostics, Location};
use crate::model::Asset;
use crate::pdf::page::{LaidOutDocument, LinkArea, LinkTarget, Page, PageItem, Rect, Rgb, TextRun};

/// The pages as printpdf sees them: each carries only its link annotations (printpdf writes the
/// /Annots); the drawing is written by [`content_streams`]. Images the pages draw are decoded
/// and registered with `pdf` here. An empty document gets one blank page, so the result is
/// still a valid PDF.
pub(super) fn build_pages(
    doc: &LaidOutDocument,
    images: &[Asset],
    pdf: &mut printpdf::PdfDocument,
    diags: &mut Diagnostics,
) -> (Vec<printpdf::PdfPage>, ImageIds) {
    let mut images = ImageCache {
        assets: images,
        ids: HashMap::new(),
    };
    let pages = pages_of(doc, diags);
    let size = printpdf::Rect::from_wh(Pt(doc.page_width), Pt(doc.page_height));
    let out: Vec<printpdf::PdfPage> = pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let mut writer = PageWriter::new(index + 1, pages.len());
            for item in &page.items {
                if let PageItem::Image { asset, rect, .. } = item
                    && writer.drawable(rect, &mut Diagnostics::new(), "").is_some()
                {
                    images.xobject(*asset, pdf, diags);
                }
            }
            for link in &page.links {
                writer.link(link, diags);
            }
            printpdf::PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size.clone(),
                ops: writer.ops,
            }
        })
        .collect();
    (out, images.ids)
}

/// The registered images by asset index: None where decoding failed.
pub(super) type ImageIds = HashMap<usize, Option<printpdf::XObjectId>>;

/// The document's pages, or one blank page (with a warning) when it has none.
fn pages_of<'d>(doc: &'d LaidOutDocument, diags: &mut Diagnostics) -> std::borrow::Cow<'d, [Page]> {
    if doc.pages.is_empty() {
        diags.warning(
            None,
            "the document has no pages; the PDF gets one blank page",
        );
        std::borrow::Cow::Owned(vec![Page::default()])
    } else {
        std::borrow::Cow::Borrowed(&doc.pages)
    }
}

/// The content stream of every page (a blank one for an empty document), glyphs written as
/// their CIDs in the embedded fonts, each stream deflated when that makes it shorter. Pages
/// are written in parallel; each one's problems are reported in page order.
pub(super) fn content_streams(
    doc: &LaidOutDocument,
    fonts: &[Option<Font>],
    images: &ImageIds,
    diags: &mut Diagnostics,
) -> Vec<Content> {
    use rayon::prelude::*;
    let pages = pages_of(doc, &mut Diagnostics::new());
    let written: Vec<(Content, Diagnostics)> = pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            let mut page_diags = Diagnostics::new();
            let mut writer = PageWriter::new(index + 1, pages.len());
            for item in &page.items {
                writer.item(item, fonts, images, &mut page_diags);
            }
            writer.end_text();
            let content = match deflate::compress(&writer.out) {
                Some(bytes) => Content {
                    bytes,
                    deflated: true,
                },
                None => Content {
                    bytes: writer.out,
                    deflated: false,
                },
            };
            (content, page_diags)
        })
        .collect();
    written
        .into_iter()
        .map(|(content, page_diags)| {
            diags.extend(page_diags);
            content
        })
        .collect()
}

/// A page's content stream.
pub(super) struct Content {
    pub(super) bytes: Vec<u8>,
    /// Whether `bytes` are deflated (the stream needs /Filter /FlateDecode).
    pub(super) deflated: bool,
}

/// The decoded images, by asset index: None once decoding failed (reported once).
struct ImageCache<'a> {
    assets: &'a [Asset],
    ids: ImageIds,
}

impl ImageCache<'_> {
    /// The image XObject of `asset`, decoding and registering it on first use.
    fn xobject(
        &mut self,
        asset: usize,
        pdf: &mut printpdf::PdfDocument,
        diags: &mut Diagnostics,
    ) -> Option<printpdf::XObjectId> {
        if let Some(known) = self.ids.get(&asset) {
            return known.clone();
        }
        let id = decode(self.assets, asset, pdf, diags);
        self.ids.insert(asset, id.clone());
        id
    }
}

fn decode(
    assets: &[Asset],
    asset: usize,
    pdf: &mut printpdf::PdfDocument,
    diags: &mut Diagnostics,
) -> Option<printpdf::XObjectId> {
    let Some(image) = assets.get(asset) else {
        diags.error(
            None,
            format!(
                "the layout placed image #{asset}, but the book has {} images",
                assets.len()
            ),
        );
        return None;
    };
    let mut warnings = Vec::new();
    let raw = match printpdf::RawImage::decode_from_bytes(&image.bytes, &mut warnings) {
        Ok(raw) => raw,
        Err(err) => {
            diags.error(
                Some(Location::file(&image.path)),
                format!("cannot decode the image for the PDF: {err}"),
            );
            return None;
        }
    };
    let before = diags.error_count();
    super::report_printpdf_warnings(&warnings, diags);
    if diags.error_count() > before {
        return None;
    }
    // A name derived from the asset, not printpdf's process-wide counter: same input, same bytes.
    let id = printpdf::XObjectId(format!("Im{asset}"));
    pdf.resources
        .xobjects
        .map
        .insert(id.clone(), printpdf::XObject::Image(raw));
    Some(id)
}

/// One page's content stream being written, and the graphics state already set in it; its link
/// annotations as printpdf operators.
struct PageWriter {
    /// 1-based, for messages.
    page_number: usize,
    page_count: usize,
    ops: Vec<Op>,
    out: Vec<u8>,
    in_text: bool,
    /// Font index and size set in the current text block.
    font: Option<(usize, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

impl PageWriter {
    fn new(page_number: usize, page_count: usize) -> PageWriter {
        PageWriter {
            page_number,
            page_count,
            ops: Vec::new(),
            out: Vec::new(),
            in_text: false,
            font: None,
            fill: None,
            stroke: None,
            line_width: None,
        }
    }

    fn item(
        &mut self,
        item: &PageItem,
        fonts: &[Option<Font>],
        images: &ImageIds,
        diags: &mut Diagnostics,
    ) {
        match item {
            PageItem::Text(run) => self.text(run, fonts, diags),
            PageItem::Line {
                from,
                to,
                width,
                color,
            } => {
                if !all_finite(&[from.0, from.1, to.0, to.1, *width]) {
                    self.warn_skipped(diags, "a rule with a coordinate that is not a number");
                    return;
                }
                // A rule of no width or no length would draw nothing (width 0 would even draw
                // the thinnest line the device can show).
                if *width <= 0.0 || from == to {
                    return;
                }
                self.end_text();
                if self.stroke != Some(*color) {
                    color_op(&mut self.out, *color, Paint::Stroke);
                    self.stroke = Some(*color);
                }
                if self.line_width != Some(*width) {
                    numbers(&mut self.out, &[*width], b"w\n");
                    self.line_width = Some(*width);
                }
                numbers(&mut self.out, &[from.0, from.1], b"m ");
                numbers(&mut self.out, &[to.0, to.1], b"l S\n");
            }
            PageItem::FilledRect { rect, color } => {
                let Some(rect) = self.drawable(rect, diags, "a filled rectangle") else {
                    return;
                };
                self.end_text();
                self.set_fill(*color);
                numbers(
                    &mut self.out,
                    &[rect.x, rect.y, rect.width, rect.height],
                    b"re f\n",
                );
            }
            PageItem::Image { asset, rect, .. } => {
                let Some(rect) = self.drawable(rect, diags, "an image") else {
                    return;
                };
                // Decoding failed (reported when the images were registered), or no such asset.
                let Some(Some(id)) = images.get(asset) else {
                    return;
                };
                self.end_text();
                // The image's unit square scaled to the rectangle, then moved into place.
                self.out.extend_from_slice(b"q ");
                numbers(
                    &mut self.out,
                    &[rect.width, 0.0, 0.0, rect.height, rect.x, rect.y],
                    b"cm ",
                );
                self.out.push(b'/');
                self.out.extend_from_slice(id.0.as_bytes());
                self.out.extend_from_slice(b" Do Q\n");
            }
        }
    }

    fn text(&mut self, run: &TextRun, fonts: &[Option<Font>], diags: &mut Diagnostics) {
        if run.glyphs.is_empty() {
            return;
        }
        let Some(slot) = fonts.get(run.font) else {
            diags.error(
                None,
                format!(
                    "PDF page {}: a text run uses font #{} but the document has {} fonts",
                    self.page_number,
                    run.font,
                    fonts.len()
                ),
            );
            return;
        };
        // None: the font could not be read, which is already reported.
        let Some(font) = slot else { return };
        if let Some(glyph) = run.glyphs.iter().find(|g| g.gid >= font.glyph_count) {
            diags.error(
                None,
                format!(
                    "PDF page {}: glyph {} is not in {} ({} glyphs)",
                    self.page_number, glyph.gid, font.file_name, font.glyph_count
                ),
            );
            return;
        }
        if !all_finite(&[run.x, run.y, run.size]) || run.size <= 0.0 {
            self.warn_skipped(
                diags,
                &format!("a text run at size {} ({}, {})", run.size, run.x, run.y),
            );
            return;
        }
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.font = None;
        }
        if self.font != Some((run.font, run.size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(font.tag.as_bytes());
            self.out.push(b' ');
            numbers(&mut self.out, &[run.size], b"Tf\n");
            self.font = Some((run.font, run.size));
        }
        self.set_fill(run.color);
        numbers(&mut self.out, &[1.0, 0.0, 0.0, 1.0, run.x, run.y], b"Tm\n");
        // Consecutive glyphs share one string; a TJ adjustment closes it. The two-byte CIDs go
        // in literal strings as bytes (hex would double them, and with them the deflate work).
        self.out.push(b'[');
        let mut open = false;
        for glyph in &run.glyphs {
            if !open {
                self.out.push(b'(');
                open = true;
            }
            cid_bytes(&mut self.out, font.cid(glyph.gid));
            if glyph.offset != 0.0 && glyph.offset.is_finite() {
                self.out.push(b')');
                open = false;
                number(&mut self.out, glyph.offset);
            }
        }
        if open {
            self.out.push(b')');
        }
        self.out.extend_from_slice(b"]TJ\n");
    }

    fn link(&mut self, link: &LinkArea, diags: &mut Diagnostics) {
        let Some(rect) = self.drawable(&link.rect, diags, "a link area") else {
            return;
        };
        let action = match &link.target {
            LinkTarget::Uri(uri) if uri.is_empty() => {
                self.warn_skipped(diags, "a link with an empty address");
                return;
            }
            LinkTarget::Uri(uri) => printpdf::Actions::uri(uri.clone()),
            LinkTarget::Page { page, y } => {
                if *page >= self.page_count {
                    self.warn_skipped(
                        diags,
                        &format!("a link to page {} of {}", page + 1, self.page_count),
                    );
                    return;
                }
                printpdf::Actions::go_to(printpdf::Destination::Xyz {
                    page: page + 1,
                    left: None,
                    top: y.is_finite().then_some(*y),
                    zoom: None,
                })
            }
        };
        self.ops.push(Op::LinkAnnotation {
            link: printpdf::LinkAnnotation::new(
                pdf_rect(&rect),
                action,
                // No border: printpdf's default [0 0 1] draws a box around every link.
                Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(printpdf::ColorArray::Transparent),
                None,
            ),
        });
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            color_op(&mut self.out, color, Paint::Fill);
            self.fill = Some(color);
        }
    }

    /// `rect` with a positive width and height, or None when it has no area (nothing to draw)
    /// or is not made of numbers (reported).
    fn drawable(&self, rect: &Rect, diags: &mut Diagnostics, what: &str) -> Option<Rect> {
        if !all_finite(&[rect.x, rect.y, rect.width, rect.height]) {
            self.warn_skipped(
                diags,
                &format!("{what} with a coordinate that is not a number"),
            );
            return None;
        }
        let (x, width) = if rect.width < 0.0 {
            (rect.x + rect.width, -rect.width)
        } else {
            (rect.x, rect.width)
        };
        let (y, height) = if rect.height < 0.0 {
            (rect.y + rect.height, -rect.height)
        } else {
            (rect.y, rect.height)
        };
        (width > 0.0 && height > 0.0).then_some(Rect {
            x,
            y,
            width,
            height,
        })
    }

    fn warn_skipped(&self, diags: &mut Diagnostics, what: &str) {
        diags.warning(
            None,
            format!("PDF page {}: skipped {what}", self.page_number),
        );
    }
}

fn all_finite(values: &[f32]) -> bool {
    values.iter().all(|v| v.is_finite())
}

fn pdf_rect(rect: &Rect) -> printpdf::Rect {
    printpdf::Rect::from_xywh(Pt(rect.x), Pt(rect.y), Pt(rect.width), Pt(rect.height))
}

/// Whether a colour operator sets the fill or the stroke colour.
#[derive(Clone, Copy)]
enum Paint {
    Fill,
    Stroke,
}

/// Writes a colour operator, each channel clamped to 0..=1 (NaN becomes 0): a neutral grey (three
/// equal channels) as DeviceGray (`g`/`G`), which a press prints on the black plate alone and a
/// viewer shows the same, any other colour as DeviceRGB (`rg`/`RG`).
fn color_op(out: &mut Vec<u8>, color: Rgb, paint: Paint) {
    let channel = |v: f32| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
    let (r, g, b) = (channel(color.0), channel(color.1), channel(color.2));
    let neutral = r == g && g == b;
    let op: &[u8] = match (neutral, paint) {
        (true, Paint::Fill) => b"g\n",
        (true, Paint::Stroke) => b"G\n",
        (false, Paint::Fill) => b"rg\n",
        (false, Paint::Stroke) => b"RG\n",
    };
    if neutral {
        numbers(out, &[r], op);
    } else {
        numbers(out, &[r, g, b], op);
    }
}

/// Writes each number followed by a space, then `op`.
fn numbers(out: &mut Vec<u8>, values: &[f32], op: &[u8]) {
    for v in values {
        number(out, *v);
        out.push(b' ');
    }
    out.extend_from_slice(op);
}

/// Decimal places written for a number: a thousandth of a point in positions, of a text-space
/// unit in TJ adjustments (a millionth of an em), far below what any device shows.
const DECIMALS: u32 = 3;

/// Writes `value` in the shortest form with at most [`DECIMALS`] decimals ("12", "-0.5").
/// Callers pass finite values. Digits are written straight into `out`: a page has thousands
/// of numbers, and formatting each through a String was a good part of the writer's time.
fn number(out: &mut Vec<u8>, value: f32) {
    let scale = 10u64.pow(DECIMALS);
    let scaled = (f64::from(value) * scale as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    digits(out, magnitude / scale, 1);
    let mut fraction = magnitude % scale;
    if fraction != 0 {
        out.push(b'.');
        let mut width = DECIMALS as usize;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            width -= 1;
        }
        digits(out, fraction, width);
    }
}

/// Writes `value` in decimal, with leading zeros up to `width` digits.
fn digits(out: &mut Vec<u8>, mut value: u64, width: usize) {
    let mut buffer = [b'0'; 20];
    let mut start = buffer.len();
    while value > 0 {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    start = start.min(buffer.len() - width.min(buffer.len()));
    out.extend_from_slice(&buffer[start..]);
}

/// Writes a CID as its two bytes inside a literal string, escaping the bytes that would end
/// or escape the string, and CR, which a reader would take for a line end and turn into LF
/// (ISO 32000-1, 7.3.4.2).
fn cid_bytes(out: &mut Vec<u8>, cid: u16) {
    for byte in cid.to_be_bytes() {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out);
        out
    }

    #[test]
    fn numbers_are_short_with_at_most_three_decimals() {
        for (value, text) in [
            (12.0, "12"),
            (-0.5, "-0.5"),
            (0.0, "0"),
            (-0.0001, "0"),
            (46.772, "46.772"),
            (1.05, "1.05"),
            (-7.112, "-7.112"),
            (0.004, "0.004"),
            (595.28, "595.28"),
            (100000.0, "100000"),
        ] {
            assert_eq!(
                written(|out| number(out, value)),
                text.as_bytes(),
                "{value}"
            );
        }
    }

    #[test]
    fn neutral_greys_are_device_gray_and_colours_rgb() {
        let grey = Rgb(0.5, 0.5, 0.5);
        assert_eq!(written(|out| color_op(out, grey, Paint::Fill)), b"0.5 g\n");
        assert_eq!(
            written(|out| color_op(out, grey, Paint::Stroke)),
            b"0.5 G\n"
        );
        assert_eq!(
            written(|out| color_op(out, Rgb::BLACK, Paint::Fill)),
            b"0 g\n"
        );
        let blue = Rgb(0.1, 0.2, 0.3);
        assert_eq!(
            written(|out| color_op(out, blue, Paint::Fill)),
            b"0.1 0.2 0.3 rg\n"
        );
        assert_eq!(
            written(|out| color_op(out, blue, Paint::Stroke)),
            b"0.1 0.2 0.3 RG\n"
        );
        // Clamped channels that end up equal are a grey too.
        let over = Rgb(1.5, 1.0, 2.0);
        assert_eq!(written(|out| color_op(out, over, Paint::Fill)), b"1 g\n");
    }

    #[test]
    fn cids_are_two_bytes_with_delimiters_and_cr_escaped() {
        assert_eq!(written(|out| cid_bytes(out, 0x0041)), [0, b'A']);
        assert_eq!(written(|out| cid_bytes(out, 0x2829)), *b"\\(\\)");
        assert_eq!(written(|out| cid_bytes(out, 0x5C0D)), *b"\\\\\\r");
        assert_eq!(written(|out| cid_bytes(out, 0x0A00)), [b'\n', 0]);
    }
}
