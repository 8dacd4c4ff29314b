//! The PDF writer: draws a [`LaidOutDocument`] (the layout engine's pages of positioned glyphs,
//! rules, rectangles, images and links) as PDF bytes.
//!
//! The emitter is printpdf 0.12.8, which embeds every font as a subset with a ToUnicode map,
//! followed by a lopdf post-pass for what printpdf cannot write (nested outline, named
//! destinations, page labels, /Lang, a clean Info dictionary, a stable /ID, PDF 1.7). Nothing
//! outside this module sees a printpdf or lopdf type, so the emitter can be swapped (krilla)
//! without touching layout.
//!
//! Steps: [`fonts`] registers the fonts under valid subset tags; [`content`] gives printpdf the
//! pages' link annotations and one extra page showing every glyph used, from which printpdf
//! writes the font subsets, widths and ToUnicode maps into a lopdf document; [`content`] then
//! writes each page's content stream itself (printpdf's per-operator pipeline was a third of
//! the time of a long book), and [`postpass`] (with [`outline`]) installs them, drops the glyph
//! page and finishes the catalog before the bytes are written.

mod content;
mod fonts;
mod outline;
mod postpass;
mod text;

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::Asset;
use crate::pdf::page::LaidOutDocument;

/// Write `doc` as PDF bytes. `images` is the book's image list that `PageItem::Image::asset`
/// indexes. Problems go into `diags`; `Err(Failed)` when any of them is an error. The same
/// input always gives the same bytes.
pub fn write_pdf(
    doc: &LaidOutDocument,
    images: &[Asset],
    diags: &mut Diagnostics,
) -> Result<Vec<u8>, Failed> {
    let errors_before = diags.error_count();
    if !(valid_length(doc.page_width) && valid_length(doc.page_height)) {
        diags.error(
            None,
            format!(
                "cannot write a PDF with a page size of {} x {} pt",
                doc.page_width, doc.page_height
            ),
        );
        return Err(Failed);
    }

    let mut pdf = printpdf::PdfDocument::new(&doc.info.title);
    let texts = text::GlyphTexts::collect(doc);
    let fonts = crate::timing::phase("pdf write: parse fonts", || {
        fonts::register(&mut pdf, &doc.fonts, |font| texts.uses(font), diags)
    });
    let used = content::UsedGlyphs::collect(doc, &texts);
    let (pages, image_ids) = content::build_pages(doc, images, &fonts, &used, &mut pdf, diags);
    pdf.pages = pages;
    if diags.error_count() > errors_before {
        return Err(Failed);
    }

    let mut warnings = Vec::new();
    let mut lopdf_doc = crate::timing::phase("pdf write: printpdf + subsets", || {
        pdf.to_lopdf_document(&save_options(), &mut warnings)
    });
    report_printpdf_warnings(&warnings, diags);
    if diags.error_count() > errors_before {
        return Err(Failed);
    }

    // The glyph page tells how printpdf numbered the subset glyphs; then the pages get their
    // content streams and the glyph page goes.
    let carrier = postpass::carrier_content(&lopdf_doc, diags)?;
    let codes = content::read_codes(&carrier, &fonts, &used);
    let streams = crate::timing::phase("pdf write: content streams", || {
        content::content_streams(doc, &fonts, &codes, &image_ids, diags)
    });
    if diags.error_count() > errors_before {
        return Err(Failed);
    }
    postpass::install_contents(&mut lopdf_doc, streams, diags)?;

    crate::timing::phase("pdf write: post-pass", || {
        postpass::finish(&mut lopdf_doc, doc, diags)
    })?;
    let mut bytes = Vec::new();
    if let Err(err) = crate::timing::phase("pdf write: serialise", || lopdf_doc.save_to(&mut bytes))
    {
        diags.error(None, format!("could not serialise the PDF: {err}"));
        return Err(Failed);
    }
    Ok(bytes)
}

/// A page dimension the writer accepts: finite and positive.
fn valid_length(value: f32) -> bool {
    value.is_finite() && value > 0.0
}

/// printpdf's save options: subset fonts, and store images losslessly with Flate. The default
/// would re-encode every colour image (PNG too) as JPEG at quality 0.85 and shrink large ones.
fn save_options() -> printpdf::PdfSaveOptions {
    printpdf::PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        // `secure` drops operators printpdf does not know; we only emit known ones.
        secure: true,
        image_optimization: Some(printpdf::ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: None,
            convert_to_greyscale: None,
            auto_optimize: Some(false),
            format: Some(printpdf::ImageCompression::Flate),
        }),
    }
}

/// printpdf reports problems as a list next to its result. Errors become diagnostics; its
/// warnings and infos (e.g. "detected image format") are noise for a book author.
fn report_printpdf_warnings(warnings: &[printpdf::PdfWarnMsg], diags: &mut Diagnostics) {
    for warning in warnings {
        if warning.severity == printpdf::PdfParseErrorSeverity::Error {
            diags.error(None, format!("PDF writer: {}", warning.msg));
        }
    }
}
