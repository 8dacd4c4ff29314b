//! Page content: each page's items as printpdf drawing operators, plus its link annotations.
//!
//! Text runs are placed absolutely with a text matrix (Tm), never with the relative Td, and
//! consecutive runs share one BT..ET block; font, size and colour are only re-set when they
//! change. Images are decoded once per asset however often they appear.

use std::collections::HashMap;

use printpdf::{Op, Pt};

use super::fonts::Registered;
use super::text::GlyphTexts;
use crate::diagnostic::{Diagnostics, Location};
use crate::model::Asset;
use crate::pdf::page::{LaidOutDocument, LinkArea, LinkTarget, Page, PageItem, Rect, Rgb, TextRun};

/// Draws all pages of `doc` into printpdf pages, registering the images it uses with `pdf`.
/// An empty document gets one blank page, so the result is still a valid PDF.
pub(super) fn build_pages(
    doc: &LaidOutDocument,
    images: &[Asset],
    fonts: &[Option<Registered>],
    texts: &GlyphTexts,
    pdf: &mut printpdf::PdfDocument,
    diags: &mut Diagnostics,
) -> Vec<printpdf::PdfPage> {
    let mut images = ImageCache {
        assets: images,
        ids: HashMap::new(),
    };
    let blank = [Page::default()];
    let pages: &[Page] = if doc.pages.is_empty() {
        diags.warning(
            None,
            "the document has no pages; the PDF gets one blank page",
        );
        &blank
    } else {
        &doc.pages
    };
    pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let mut writer = PageWriter {
                page_number: index + 1,
                page_count: pages.len(),
                ops: Vec::with_capacity(page.items.len() * 4),
                in_text: false,
                font: None,
                fill: None,
                stroke: None,
                line_width: None,
            };
            for item in &page.items {
                writer.item(item, fonts, texts, &mut images, pdf, diags);
            }
            writer.end_text();
            for link in &page.links {
                writer.link(link, diags);
            }
            let size = printpdf::Rect::from_wh(Pt(doc.page_width), Pt(doc.page_height));
            printpdf::PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size,
                ops: writer.ops,
            }
        })
        .collect()
}

/// The decoded images, by asset index: None once decoding failed (reported once).
struct ImageCache<'a> {
    assets: &'a [Asset],
    ids: HashMap<usize, Option<printpdf::XObjectId>>,
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

/// The operators of one page, and the graphics state already set in them.
struct PageWriter {
    /// 1-based, for messages.
    page_number: usize,
    page_count: usize,
    ops: Vec<Op>,
    in_text: bool,
    /// Font index and size set in the current text block.
    font: Option<(usize, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

impl PageWriter {
    fn item(
        &mut self,
        item: &PageItem,
        fonts: &[Option<Registered>],
        texts: &GlyphTexts,
        images: &mut ImageCache,
        pdf: &mut printpdf::PdfDocument,
        diags: &mut Diagnostics,
    ) {
        match item {
            PageItem::Text(run) => self.text(run, fonts, texts, diags),
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
                    self.ops.push(Op::SetOutlineColor {
                        col: color_of(*color),
                    });
                    self.stroke = Some(*color);
                }
                if self.line_width != Some(*width) {
                    self.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    self.line_width = Some(*width);
                }
                let point = |(x, y): (f32, f32)| printpdf::LinePoint {
                    p: printpdf::Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                };
                self.ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![point(*from), point(*to)],
                        is_closed: false,
                    },
                });
            }
            PageItem::FilledRect { rect, color } => {
                let Some(rect) = self.drawable(rect, diags, "a filled rectangle") else {
                    return;
                };
                self.end_text();
                self.set_fill(*color);
                let mut shape = pdf_rect(&rect);
                shape.mode = Some(printpdf::PaintMode::Fill);
                self.ops.push(Op::DrawRectangle { rectangle: shape });
            }
            PageItem::Image { asset, rect, .. } => {
                let Some(rect) = self.drawable(rect, diags, "an image") else {
                    return;
                };
                let Some(id) = images.xobject(*asset, pdf, diags) else {
                    return;
                };
                self.end_text();
                // The image's unit square scaled to the rectangle, then moved into place.
                self.ops.push(Op::UseXobject {
                    id,
                    transform: printpdf::XObjectTransform {
                        translate_x: Some(Pt(rect.x)),
                        translate_y: Some(Pt(rect.y)),
                        rotate: None,
                        scale_x: Some(rect.width),
                        scale_y: Some(rect.height),
                        dpi: None,
                        no_auto_scale: true,
                    },
                });
            }
        }
    }

    fn text(
        &mut self,
        run: &TextRun,
        fonts: &[Option<Registered>],
        texts: &GlyphTexts,
        diags: &mut Diagnostics,
    ) {
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
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            self.font = None;
        }
        if self.font != Some((run.font, run.size)) {
            self.ops.push(Op::SetFont {
                font: printpdf::PdfFontHandle::External(font.id.clone()),
                size: Pt(run.size),
            });
            self.font = Some((run.font, run.size));
        }
        self.set_fill(run.color);
        self.ops.push(Op::SetTextMatrix {
            matrix: printpdf::TextMatrix::Translate(Pt(run.x), Pt(run.y)),
        });
        let glyphs = run
            .glyphs
            .iter()
            .map(|glyph| printpdf::Codepoint {
                gid: glyph.gid,
                offset: if glyph.offset.is_finite() {
                    glyph.offset
                } else {
                    0.0
                },
                // Despite its name, printpdf's `cid` is the text for the ToUnicode map.
                cid: Some(texts.get(run.font, glyph.gid).to_owned()),
            })
            .collect();
        self.ops.push(Op::ShowText {
            items: vec![printpdf::TextItem::GlyphIds(glyphs)],
        });
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
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.ops.push(Op::SetFillColor {
                col: color_of(color),
            });
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

/// A page-model colour as a printpdf colour, each channel clamped to 0..=1 (NaN becomes 0).
fn color_of(color: Rgb) -> printpdf::Color {
    let channel = |v: f32| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
    printpdf::Color::Rgb(printpdf::Rgb {
        r: channel(color.0),
        g: channel(color.1),
        b: channel(color.2),
        icc_profile: None,
    })
}
