//! The images the pages draw, decoded and registered with printpdf once per asset; an SVG
//! image only named here (its form is added to the written document, `write::svg`).

use super::ImageIds;
use crate::diagnostic::{Diagnostics, Location};
use crate::model::Asset;

/// The decoded images, by asset index: None once decoding failed (reported once).
pub(super) struct ImageCache<'a> {
    pub(super) assets: &'a [Asset],
    pub(super) ids: ImageIds,
}

impl ImageCache<'_> {
    /// The image XObject of `asset`, decoding and registering it on first use.
    pub(super) fn xobject(
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
    if image.format == crate::model::ImageFormat::Svg {
        return Some(printpdf::XObjectId(crate::pdf::write::svg::form_name(
            asset,
        )));
    }
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
    crate::pdf::write::report_printpdf_warnings(&warnings, diags);
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
