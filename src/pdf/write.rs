//! The PDF writer: draws a [`LaidOutDocument`] (the layout engine's pages of positioned glyphs,
//! rules, rectangles, images and links, each marked with its structure element or artifact)
//! as PDF bytes.
//!
//! printpdf 0.12.8 writes the pages and the images; the writer makes the rest itself into
//! printpdf's lopdf document: the fonts, each embedded as a subset with widths and a ToUnicode
//! map ([`embed`]; printpdf parsed every whole font and subset it through a page of all glyphs
//! used, which cost more than the rest of the writer), the pages' content streams with their
//! marked content ([`content`]), the link annotations ([`annots`]), the structure tree
//! ([`structure`]), and in a post-pass ([`postpass`], [`outline`]) what printpdf cannot write:
//! nested outline, named destinations, page labels, /Lang, a clean Info dictionary, XMP and the
//! output intent, a stable /ID, PDF 1.7; [`serialise`] writes the bytes. Nothing outside this
//! module sees a printpdf type, and only the booklet and the press file (`pdf::impose`,
//! `pdf::press`), which work on the written document, see lopdf's, so the emitter can be
//! swapped without touching layout.
//!
//! lopdf, not krilla: the tagged PDF is this writer extended (marked content in the content
//! streams it already wrote, a structure tree of lopdf objects), measured against main on the
//! guide (callgrind: 83.8M -> 86.1M instructions; hyperfine min 13.0 ms both) and on the 10x
//! book (323M -> 344M instructions). krilla would tag for us but lay out its own content
//! streams, fonts and annotations: the writer's fast paths (parallel pages, its own subsetter,
//! number formatting, deflate) would go, for a rewrite the time did not allow. What cost most
//! was lopdf's serialiser on thousands of small structure elements (12.6M -> 28.4M
//! instructions on the 10x book), hence [`serialise`]; lopdf's object streams shrink the file
//! below the untagged one but took 1.4 ms more on the guide than a classic xref table.
//!
//! Steps: [`content`] gives printpdf the pages and their images; then, in parallel, printpdf
//! makes its lopdf document of them while [`text`] collects the glyphs each font draws and
//! their texts, [`embed`] numbers them (the CIDs the content streams show) and subsets and
//! compresses the fonts while [`content`] writes and compresses the content streams, noting
//! each marked-content id's element; [`postpass`] installs them, [`annots`] and [`structure`]
//! add the annotations and the structure tree, and the post-pass finishes the catalog before
//! the bytes are written.
mod annots;
mod content;
mod deflate;
mod embed;
mod fonts;
mod intent;
mod outline;
mod postpass;
mod serialise;
mod structure;
mod svg;
#[cfg(test)]
mod tests;
mod text;
mod xmp;

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{Asset, OutputProfile};
use crate::pdf::page::{DocumentInfo, LaidOutDocument};
pub use serialise::LooseDictionaries;

/// Write `doc` as PDF bytes. `images` is the book's image list that `PageItem::Image::asset`
/// indexes. Problems go into `diags`; `Err(Failed)` when any of them is an error. The same
/// input always gives the same bytes.
pub fn write_pdf(
    doc: &LaidOutDocument,
    images: &[Asset],
    diags: &mut Diagnostics,
) -> Result<Vec<u8>, Failed> {
    let (bytes, written) = write_pdf_document(doc, images, diags)?;
    // A long book's document holds thousands of objects: they are freed on another thread
    // while the caller writes the bytes out.
    std::thread::spawn(move || drop(written));
    Ok(bytes)
}

/// A written PDF as the booklet and the press file are made from it: its lopdf document and,
/// beside it, its structure elements as loose dictionaries.
pub struct WrittenPdf {
    pub document: lopdf::Document,
    pub elements: LooseDictionaries,
}

impl WrittenPdf {
    /// The document's bytes, the structure elements with them while its catalog still has
    /// the structure tree (imposing pages drops it).
    pub fn serialised(&self) -> Vec<u8> {
        let tagged = self
            .document
            .catalog()
            .is_ok_and(|c| c.has(b"StructTreeRoot"));
        let none = LooseDictionaries::default();
        serialised(&self.document, if tagged { &self.elements } else { &none })
    }
}

/// [`write_pdf`], and the written document, from which the booklet and the press file are
/// made (`pdf::impose`, `pdf::press`).
pub fn write_pdf_document(
    doc: &LaidOutDocument,
    images: &[Asset],
    diags: &mut Diagnostics,
) -> Result<(Vec<u8>, WrittenPdf), Failed> {
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
    let (pages, image_ids) = crate::timing::phase("pdf write: pages + images", || {
        content::build_pages(doc, images, &mut pdf, diags)
    });
    pdf.pages = pages;
    if diags.error_count() > errors_before {
        return Err(Failed);
    }

    // printpdf makes its document of the pages while the fonts are read, subset and
    // compressed and the content streams written: neither needs the other.
    let mut warnings = Vec::new();
    let mut drawing_diags = Diagnostics::new();
    let (lopdf_doc, drawing) = rayon::join(
        || {
            crate::timing::phase("pdf write: printpdf", || {
                pdf.to_lopdf_document(&save_options(), &mut warnings)
            })
        },
        || drawing(doc, &image_ids, &mut drawing_diags),
    );
    report_printpdf_warnings(&warnings, diags);
    diags.extend(drawing_diags);
    let Some((fonts, built, mut streams)) = drawing else {
        return Err(Failed);
    };
    if diags.error_count() > errors_before {
        return Err(Failed);
    }
    let mut lopdf_doc = lopdf_doc;
    crate::timing::phase("pdf write: svg images", || {
        svg::install(&mut lopdf_doc, images, &image_ids, diags)
    })?;
    let font_resources = embed::install(&mut lopdf_doc, &fonts, built);
    let mcids: Vec<_> = streams
        .iter_mut()
        .map(|s| std::mem::take(&mut s.mcids))
        .collect();
    postpass::install_pages(&mut lopdf_doc, streams, font_resources, diags)?;
    let elements = crate::timing::phase("pdf write: annotations + structure", || {
        tag(&mut lopdf_doc, doc, &mcids, diags)
    });

    crate::timing::phase("pdf write: post-pass", || {
        postpass::finish(&mut lopdf_doc, doc, diags)
    })?;
    let bytes = serialised(&lopdf_doc, &elements);
    let written = WrittenPdf {
        document: lopdf_doc,
        elements,
    };
    Ok((bytes, written))
}

/// The bytes of `d` with the dictionaries `loose` beside it, written by the writer's own
/// serialiser ([`serialise`]).
fn serialised(d: &lopdf::Document, loose: &LooseDictionaries) -> Vec<u8> {
    crate::timing::phase("pdf write: serialise", || serialise::save(d, loose))
}

/// The pages' link annotations and, in a tagged PDF, the structure tree, whose elements are
/// returned as loose dictionaries; `mcids` is the element of each marked-content id, per page.
fn tag(
    d: &mut lopdf::Document,
    doc: &LaidOutDocument,
    mcids: &[Vec<crate::pdf::page::NodeId>],
    diags: &mut Diagnostics,
) -> LooseDictionaries {
    let pages: Vec<lopdf::ObjectId> = d.get_pages().values().copied().collect();
    let annots = annots::write(d, doc, &pages, diags);
    let root = d.trailer.get(b"Root").and_then(lopdf::Object::as_reference);
    match root {
        Ok(root) if doc.tagged => structure::write(d, root, &doc.structure, mcids, &annots, &pages),
        _ => LooseDictionaries::default(),
    }
}

/// The embedded fonts, their objects (None for an unused font) and the pages' content
/// streams: the glyphs each font draws are collected and numbered, then the fonts are subset
/// and compressed while the content streams are written. None after an error (in `diags`).
#[allow(clippy::type_complexity)]
fn drawing(
    doc: &LaidOutDocument,
    image_ids: &content::ImageIds,
    diags: &mut Diagnostics,
) -> Option<(
    Vec<Option<embed::Font>>,
    Vec<Option<embed::Objects>>,
    Vec<content::Content>,
)> {
    let texts = crate::timing::phase("pdf write: glyph texts", || text::GlyphTexts::collect(doc));
    let fonts = crate::timing::phase("pdf write: parse fonts", || {
        embed::prepare(&doc.fonts, &texts, diags)
    });
    if diags.has_errors() {
        return None;
    }
    let mut content_diags = Diagnostics::new();
    let roles = content::Roles::new(doc.structure.iter().map(|n| (n.id, n.role)));
    let (streams, built) = rayon::join(
        || {
            crate::timing::phase("pdf write: content streams", || {
                content::content_streams(doc, &fonts, image_ids, &roles, &mut content_diags)
            })
        },
        || {
            crate::timing::phase("pdf write: fonts", || {
                use rayon::prelude::*;
                fonts
                    .par_iter()
                    .map(|font| font.as_ref().map(|font| font.build(&texts)))
                    .collect::<Vec<_>>()
            })
        },
    );
    diags.extend(content_diags);
    let built = built
        .into_iter()
        .map(|result| match result? {
            Ok(objects) => Some(objects),
            Err(message) => {
                diags.error(None, message);
                None
            }
        })
        .collect();
    (!diags.has_errors()).then_some((fonts, built, streams))
}

/// A page dimension the writer accepts: finite and positive.
fn valid_length(value: f32) -> bool {
    value.is_finite() && value > 0.0
}

/// printpdf's save options: store images losslessly with Flate (printpdf has no fonts to
/// subset: [`embed`] writes them). The default
/// would re-encode every colour image (PNG too) as JPEG at quality 0.85 and shrink large ones.
fn save_options() -> printpdf::PdfSaveOptions {
    printpdf::PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
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

/// The press file's claims on the written document `d` (see `pdf::press`): `profile` as its
/// PDF/X output intent and, sharing the one profile object, its PDF/A intent (replacing the
/// sRGB one), and XMP metadata from `info` claiming PDF/X-4 and PDF/A-2b.
pub fn claim_press(
    d: &mut lopdf::Document,
    info: &DocumentInfo,
    profile: &OutputProfile,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    let Ok(root) = d.trailer.get(b"Root").and_then(lopdf::Object::as_reference) else {
        diags.error(None, "press: the PDF has no document catalog");
        return Err(Failed);
    };
    let icc = intent::IccProfile {
        bytes: &profile.bytes,
        components: CMYK_COMPONENTS,
        condition: &profile.name,
        info: &profile.condition,
    };
    let profile_id = intent::install(d, root, &icc, intent::GTS_PDFX);
    intent::add_sharing(d, root, &icc, profile_id, intent::GTS_PDFA1);
    if let Ok(stream) = d
        .get_object_mut(profile_id)
        .and_then(lopdf::Object::as_stream_mut)
    {
        let _ = stream.compress();
    }
    let claims = [xmp::Claim::PdfX4, xmp::Claim::PdfA2(xmp::PdfALevel::B)];
    let metadata = d.add_object(postpass::metadata_stream(info, &claims));
    if let Ok(catalog) = d.get_object_mut(root).and_then(lopdf::Object::as_dict_mut) {
        catalog.set("Metadata", lopdf::Object::Reference(metadata));
    }
    Ok(())
}

/// Claims in `d`'s XMP metadata only what a file without a structure tree meets (PDF/A-2u):
/// for the booklet, whose sheets leave the pages' structure behind.
pub fn claim_untagged(d: &mut lopdf::Document, info: &DocumentInfo) {
    let metadata = postpass::metadata_stream(info, postpass::CLAIMS);
    let existing = d
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(lopdf::Object::as_reference)
        .ok();
    match existing {
        Some(id) => {
            d.objects.insert(id, lopdf::Object::Stream(metadata));
        }
        None => {
            let id = d.add_object(metadata);
            if let Ok(catalog) = d.catalog_mut() {
                catalog.set("Metadata", lopdf::Object::Reference(id));
            }
        }
    }
}

/// The colour components of a CMYK output profile.
const CMYK_COMPONENTS: u8 = 4;
