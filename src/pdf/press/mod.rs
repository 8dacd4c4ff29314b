//! The press file: the written PDF made PDF/X-4 (ISO 15930-7) for a print shop, which also
//! meets PDF/A-2b. Colours for the plates and no annotations ([`colour`]), page boxes, bleed
//! and crop marks ([`marks`]), and the document's claims: the CMYK output intent, the Info
//! and XMP version keys, PDF 1.6.
//!
//! It works on the written document, as the booklet does, so that the two combine: the pages
//! are converted, then imposed, then each sheet is boxed and marked.

mod colour;
mod marks;

pub use colour::convert;
pub use marks::{Boxing, box_pages};

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::OutputProfile;
use crate::pdf::page::DocumentInfo;

/// The version PDF/X-4 files carry in their header.
const PDF_X4_VERSION: &str = "1.6";
/// The value of /GTS_PDFXVersion in the Info dictionary.
pub const GTS_PDFX_VERSION: &str = "PDF/X-4";

/// Adds the colour space `space` as `name` to the resources of the page `id`.
fn add_colour_space(
    d: &mut Document,
    id: ObjectId,
    name: &[u8],
    space: &Object,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    let Some(resources) = resources_mut(d, id) else {
        diags.error(None, "press: a page has no resources");
        return Err(Failed);
    };
    let mut spaces = resources
        .get(b"ColorSpace")
        .and_then(Object::as_dict)
        .cloned()
        .unwrap_or_default();
    spaces.set(name, space.clone());
    resources.set("ColorSpace", Object::Dictionary(spaces));
    Ok(())
}

/// The resources dictionary of the page `id` (inline or referenced), to add to.
fn resources_mut(d: &mut Document, id: ObjectId) -> Option<&mut Dictionary> {
    let resources = d.get_dictionary(id).ok()?.get(b"Resources").ok()?.clone();
    match resources {
        Object::Reference(resources) => d.get_dictionary_mut(resources).ok(),
        Object::Dictionary(_) => d
            .get_dictionary_mut(id)
            .ok()?
            .get_mut(b"Resources")
            .ok()?
            .as_dict_mut()
            .ok(),
        _ => None,
    }
}

/// The press file's claims: the output intent of `profile` and the XMP metadata (written by
/// `pdf::write`), the Info entries PDF/X-4 adds, the version; objects no longer used go.
pub fn claim(
    d: &mut Document,
    info: &DocumentInfo,
    profile: &OutputProfile,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    crate::pdf::write::claim_press(d, info, profile, diags)?;
    let info = d
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .ok()
        .and_then(|id| d.get_dictionary_mut(id).ok());
    if let Some(info) = info {
        info.set(
            "GTS_PDFXVersion",
            Object::String(GTS_PDFX_VERSION.as_bytes().to_vec(), StringFormat::Literal),
        );
        // No trapping has been done: the print shop's RIP may trap.
        info.set("Trapped", Object::Name(b"False".to_vec()));
    }
    d.version = PDF_X4_VERSION.to_string();
    d.prune_objects();
    Ok(())
}
