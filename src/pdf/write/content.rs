//! Page content: each page's items as a content stream; the images the pages draw registered
//! with printpdf.
//!
//! Text runs are placed absolutely with a text matrix (Tm), never with the relative Td, and
//! consecutive runs share one BT..ET block; font, size and colour are only re-set when they
//! change. Images are decoded once per asset however often they appear.
//!
//! In a tagged PDF every item is inside a marked-content sequence: `/P <</MCID n>> BDC` for
//! content of a structure element (the page's MCIDs numbered from 0 in stream order, each
//! sequence's element recorded in [`Content::mcids`]), `/Artifact <<...>> BDC` for artifacts.
//! Consecutive items with one mark share a sequence. A sequence opened in a text object closes
//! before its ET, one opened outside closes before the next BT, so sequences and text objects
//! nest. A hyphenated word's parts carry their ActualText in a `/Span` sequence inside.

use std::collections::HashMap;

mod expansion;
mod images;
mod operators;

use self::expansion::Expansion;
use self::images::ImageCache;
pub(super) use self::operators::digits;
use self::operators::{Paint, cid_bytes, color_op, hex_text, number, numbers};
use super::deflate;
use super::embed::Font;
use crate::diagnostic::Diagnostics;
use crate::model::Asset;
use crate::pdf::page::{
    ActualText, Artifact, LaidOutDocument, Mark, NodeId, Page, PageItem, Rect, Rgb, Role, TextRun,
};

/// The role of every structure element, for the tag of its marked-content sequences.
pub(super) type Roles = super::structure::NodeMap<Role>;

/// The pages as printpdf sees them: empty (the drawing is written by [`content_streams`], the
/// link annotations by `annots`). Images the pages draw are decoded and registered with `pdf`
/// here. An empty document gets one blank page, so the result is still a valid PDF.
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
    let size = printpdf::Rect::from_wh(printpdf::Pt(doc.page_width), printpdf::Pt(doc.page_height));
    let out: Vec<printpdf::PdfPage> = pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let writer = PageWriter::new(index + 1, false);
            for item in &page.items {
                if let PageItem::Image { asset, rect, .. } = item
                    && writer.drawable(rect, &mut Diagnostics::new(), "").is_some()
                {
                    images.xobject(*asset, pdf, diags);
                }
            }
            printpdf::PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size.clone(),
                ops: Vec::new(),
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
    roles: &Roles,
    diags: &mut Diagnostics,
) -> Vec<Content> {
    use rayon::prelude::*;
    let pages = pages_of(doc, &mut Diagnostics::new());
    let written: Vec<(Content, Diagnostics)> = pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            let mut page_diags = Diagnostics::new();
            let mut writer = PageWriter::new(index + 1, doc.tagged);
            for item in &page.items {
                writer.item(item, fonts, images, roles, &mut page_diags);
            }
            writer.end_text();
            writer.close_mark();
            let (bytes, deflated) = match deflate::compress(&writer.out) {
                Some(bytes) => (bytes, true),
                None => (writer.out, false),
            };
            let content = Content {
                bytes,
                deflated,
                mcids: writer.mcids,
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
    /// The structure element of each marked-content id, in order from 0.
    pub(super) mcids: Vec<NodeId>,
}

/// One page's content stream being written, and the graphics state and marked-content
/// sequence already open in it.
struct PageWriter {
    /// 1-based, for messages.
    page_number: usize,
    tagged: bool,
    out: Vec<u8>,
    /// The mark of the open marked-content sequence.
    open: Option<Mark>,
    /// The language of the open sequence when it is not the book's.
    open_lang: Option<smol_str::SmolStr>,
    mcids: Vec<NodeId>,
    in_text: bool,
    /// Font index and size set in the current text block.
    font: Option<(usize, f32)>,
    /// The character spacing (`Tc`) in force: text state, kept across text objects.
    char_spacing: f32,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

impl PageWriter {
    fn new(page_number: usize, tagged: bool) -> PageWriter {
        PageWriter {
            page_number,
            tagged,
            out: Vec::new(),
            open: None,
            open_lang: None,
            mcids: Vec::new(),
            in_text: false,
            font: None,
            char_spacing: 0.0,
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
        roles: &Roles,
        diags: &mut Diagnostics,
    ) {
        match item {
            PageItem::Text(run) => self.text(run, fonts, roles, diags),
            PageItem::Line {
                from,
                to,
                width,
                color,
                mark,
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
                self.enter(*mark, false, None, roles);
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
            PageItem::FilledRect { rect, color, mark } => {
                let Some(rect) = self.drawable(rect, diags, "a filled rectangle") else {
                    return;
                };
                self.enter(*mark, false, None, roles);
                self.set_fill(*color);
                numbers(
                    &mut self.out,
                    &[rect.x, rect.y, rect.width, rect.height],
                    b"re f\n",
                );
            }
            PageItem::Image {
                asset, rect, mark, ..
            } => {
                let Some(rect) = self.drawable(rect, diags, "an image") else {
                    return;
                };
                // Decoding failed (reported when the images were registered), or no such asset.
                let Some(Some(id)) = images.get(asset) else {
                    return;
                };
                self.enter(*mark, false, None, roles);
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

    fn text(
        &mut self,
        run: &TextRun,
        fonts: &[Option<Font>],
        roles: &Roles,
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
        self.enter(run.mark, true, run.lang.as_deref(), roles);
        if self.font != Some((run.font, run.size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(font.tag.as_bytes());
            self.out.push(b' ');
            numbers(&mut self.out, &[run.size], b"Tf\n");
            self.font = Some((run.font, run.size));
        }
        self.set_fill(run.color);
        let expansion = Expansion::of(run, font);
        self.set_char_spacing(expansion.spacing);
        numbers(&mut self.out, &[1.0, 0.0, 0.0, 1.0, run.x, run.y], b"Tm\n");
        // Consecutive glyphs share one string; a TJ adjustment closes it. The two-byte CIDs go
        // in literal strings as bytes (hex would double them, and with them the deflate work).
        self.out.push(b'[');
        let mut open = false;
        let actual: &[ActualText] = match &run.actual_text {
            Some(texts) if self.tagged => texts,
            _ => &[],
        };
        let mut spans = actual.iter().filter(|a| a.start < a.end).peekable();
        let mut in_span: Option<usize> = None;
        for (i, glyph) in run.glyphs.iter().enumerate() {
            if in_span == Some(i) {
                self.actual_text_end(&mut open);
                in_span = None;
            }
            if in_span.is_none()
                && let Some(span) = spans.next_if(|a| a.start == i)
            {
                self.actual_text_begin(&mut open, span);
                in_span = Some(span.end);
            }
            if !open {
                self.out.push(b'(');
                open = true;
            }
            cid_bytes(&mut self.out, font.cid(glyph.gid));
            let offset = expansion.offset(glyph);
            if offset != 0.0 && offset.is_finite() {
                self.out.push(b')');
                open = false;
                number(&mut self.out, offset);
            }
        }
        if open {
            self.out.push(b')');
        }
        self.out.extend_from_slice(b"]TJ\n");
        if in_span.is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn set_char_spacing(&mut self, spacing: f32) {
        if self.char_spacing != spacing {
            numbers(&mut self.out, &[spacing], b"Tc\n");
            self.char_spacing = spacing;
        }
    }

    /// Close the TJ being written and open a `/Span` standing for `actual`'s text.
    fn actual_text_begin(&mut self, open: &mut bool, actual: &ActualText) {
        self.close_tj(open);
        self.out.extend_from_slice(b"/Span <</ActualText ");
        hex_text(&mut self.out, &actual.text);
        self.out.extend_from_slice(b">> BDC\n[");
    }

    /// Close the TJ being written and the `/Span` of an actual text.
    fn actual_text_end(&mut self, open: &mut bool) {
        self.close_tj(open);
        self.out.extend_from_slice(b"EMC\n[");
    }

    fn close_tj(&mut self, open: &mut bool) {
        if *open {
            self.out.push(b')');
            *open = false;
        }
        self.out.extend_from_slice(b"]TJ\n");
    }

    /// Get ready to draw an item marked `mark`, text or not: a text object begun or ended, the
    /// marked-content sequence for `mark` open (in a tagged PDF), with `/Lang` for text in
    /// another language than the book's (ISO 32000-1, 14.9.2: a sequence's language; a change
    /// of language inside an element starts a sequence of its own, with its own MCID).
    fn enter(&mut self, mark: Mark, text: bool, lang: Option<&str>, roles: &Roles) {
        // A tag of letters, digits and hyphens goes in a literal string with nothing escaped.
        let lang = lang.filter(|tag| crate::config::is_language_tag(tag));
        if text && !self.in_text {
            self.close_mark();
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.font = None;
        } else if !text {
            self.end_text();
        }
        if !self.tagged || (self.open == Some(mark) && self.open_lang.as_deref() == lang) {
            return;
        }
        self.close_mark();
        self.open = Some(mark);
        self.open_lang = lang.map(Into::into);
        let artifact: &[u8] = match mark {
            Mark::Content(node) => {
                let role = roles.get(node).unwrap_or(Role::P);
                self.out.push(b'/');
                self.out
                    .extend_from_slice(super::structure::tag_name(role).as_bytes());
                self.out.extend_from_slice(b" <<");
                if let Some(lang) = self.open_lang.as_deref() {
                    self.out.extend_from_slice(b"/Lang (");
                    self.out.extend_from_slice(lang.as_bytes());
                    self.out.push(b')');
                }
                self.out.extend_from_slice(b"/MCID ");
                digits(&mut self.out, self.mcids.len() as u64, 1);
                self.out.extend_from_slice(b">> BDC\n");
                self.mcids.push(node);
                return;
            }
            Mark::Artifact(Artifact::Header) => b"/Type /Pagination /Subtype /Header",
            Mark::Artifact(Artifact::Footer) => b"/Type /Pagination /Subtype /Footer",
            Mark::Artifact(Artifact::Pagination) => b"/Type /Pagination",
            // Items the layout gave no element are drawn, but not read.
            Mark::Artifact(Artifact::Layout)
            | Mark::Unassigned
            | Mark::LineLink(_)
            | Mark::NoteCall => b"/Type /Layout",
        };
        self.out.extend_from_slice(b"/Artifact <<");
        self.out.extend_from_slice(artifact);
        self.out.extend_from_slice(b">> BDC\n");
    }

    /// End the open marked-content sequence.
    fn close_mark(&mut self) {
        self.open_lang = None;
        if self.open.take().is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.close_mark();
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

    fn drawable(&self, rect: &Rect, diags: &mut Diagnostics, what: &str) -> Option<Rect> {
        drawable(rect, self.page_number, diags, what)
    }

    fn warn_skipped(&self, diags: &mut Diagnostics, what: &str) {
        warn_skipped(self.page_number, diags, what);
    }
}

/// `rect` with a positive width and height, or None when it has no area (nothing to draw) or
/// is not made of numbers (reported as skipped on page `page_number`, from 1).
pub(super) fn drawable(
    rect: &Rect,
    page_number: usize,
    diags: &mut Diagnostics,
    what: &str,
) -> Option<Rect> {
    if !all_finite(&[rect.x, rect.y, rect.width, rect.height]) {
        let what = format!("{what} with a coordinate that is not a number");
        warn_skipped(page_number, diags, &what);
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

/// Warn that `what` on page `page_number` (from 1) is not drawn.
pub(super) fn warn_skipped(page_number: usize, diags: &mut Diagnostics, what: &str) {
    diags.warning(None, format!("PDF page {page_number}: skipped {what}"));
}

fn all_finite(values: &[f32]) -> bool {
    values.iter().all(|v| v.is_finite())
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

    #[test]
    fn marked_content_carries_a_language_tag_and_leaves_out_what_is_not_one() {
        let node = NodeId { flow: 0, index: 0 };
        let roles = Roles::new([(node, Role::P)].into_iter());
        let mut page = PageWriter::new(1, true);
        page.enter(Mark::Content(node), true, Some("de-CH"), &roles);
        // The same element in the book's language, then in a string that is no tag.
        page.enter(Mark::Content(node), true, None, &roles);
        page.enter(Mark::Content(node), true, Some("de) Tj (x"), &roles);
        let out = String::from_utf8(page.out).unwrap();
        assert_eq!(
            out, "BT\n/P <</Lang (de-CH)/MCID 0>> BDC\nEMC\n/P <</MCID 1>> BDC\n",
            "a change of language starts a sequence; a bad tag is not written"
        );
    }
}
