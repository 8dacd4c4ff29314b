//! SVG images as vector graphics: svg2pdf draws each one's usvg tree (read at load time, its
//! text already outlines of the book's faces) as a Form XObject of paths, in PDF/A mode (its
//! colours in ICC-based sRGB, nothing PDF/A forbids). The form's objects are numbered after the
//! document's and added to it, and the form is named in the XObject resources every page
//! shares, under the name the content streams draw it by (`/Sv3 Do`, like an image: the form
//! maps the unit square onto the drawing).

use lopdf::{Document, Object, ObjectId};
use svg2pdf::ConversionOptions;

use super::content::ImageIds;
use crate::diagnostic::{Diagnostics, Failed, Location};
use crate::model::{Asset, ImageFormat};

/// How finely svg2pdf rasterises what has no vector form in PDF (a pattern of an image):
/// 1.5 times the drawing's own resolution, svg2pdf's default.
const RASTER_SCALE: f32 = 1.5;

/// The name the content streams draw SVG asset `asset` by.
pub(super) fn form_name(asset: usize) -> String {
    format!("Sv{asset}")
}

/// Adds a form for every SVG image `ids` names to `d`'s shared XObject resources.
pub(super) fn install(
    d: &mut Document,
    images: &[Asset],
    ids: &ImageIds,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    let mut svgs: Vec<(usize, &Asset)> = ids
        .iter()
        .filter(|(_, id)| id.is_some())
        .filter_map(|(asset, _)| Some((*asset, images.get(*asset)?)))
        .filter(|(_, image)| image.format == ImageFormat::Svg)
        .collect();
    if svgs.is_empty() {
        return Ok(());
    }
    // Asset order, so that the same book numbers its objects the same way every time.
    svgs.sort_by_key(|(asset, _)| *asset);
    let Some(resources) = shared_xobjects(d) else {
        diags.error(None, "PDF writer: the pages have no XObject resources");
        return Err(Failed);
    };
    for (asset, image) in svgs {
        let Some(form) = form(d, image, diags) else {
            return Err(Failed);
        };
        if let Ok(dict) = d.get_dictionary_mut(resources) {
            dict.set(form_name(asset).into_bytes(), Object::Reference(form));
        }
    }
    Ok(())
}

/// The XObject dictionary printpdf gives every page.
fn shared_xobjects(d: &Document) -> Option<ObjectId> {
    let page = *d.get_pages().values().next()?;
    let resources = d.get_dictionary(page).ok()?.get(b"Resources").ok()?;
    let resources = d.get_dictionary(resources.as_reference().ok()?).ok()?;
    resources.get(b"XObject").ok()?.as_reference().ok()
}

/// Converts one drawing and adds its objects to `d`; the form's id.
fn form(d: &mut Document, image: &Asset, diags: &mut Diagnostics) -> Option<ObjectId> {
    let at = || Some(Location::file(&image.path));
    let drawing = image.drawing.as_ref()?;
    let options = ConversionOptions {
        compress: true,
        raster_scale: RASTER_SCALE,
        embed_text: false,
        pdfa: true,
    };
    let (chunk, form) = match svg2pdf::to_chunk(drawing.tree(), options) {
        Ok(converted) => converted,
        Err(err) => {
            diags.error(at(), format!("cannot draw the SVG in the PDF: {err}"));
            return None;
        }
    };
    // The chunk's objects numbered after the document's, in the order svg2pdf wrote them.
    let offset = i32::try_from(d.max_id).ok()?;
    let mut numbers = std::collections::HashMap::new();
    let mut next = offset;
    let chunk = chunk.renumber(|old| {
        *numbers.entry(old).or_insert_with(|| {
            next += 1;
            pdf_writer::Ref::new(next)
        })
    });
    let form = numbers.get(&form).copied()?;
    let objects = match objects_of(&chunk, next) {
        Ok(objects) => objects,
        Err(err) => {
            diags.error(
                at(),
                format!("cannot read the SVG's PDF objects back: {err}"),
            );
            return None;
        }
    };
    d.objects.extend(objects);
    d.max_id = u32::try_from(next).ok()?;
    Some((u32::try_from(form.get()).ok()?, 0))
}

/// The objects of `chunk` (numbered up to `last`) as lopdf reads them, from a file of their own
/// around them.
fn objects_of(
    chunk: &pdf_writer::Chunk,
    last: i32,
) -> Result<Vec<(ObjectId, Object)>, lopdf::Error> {
    let (catalog, pages) = (
        pdf_writer::Ref::new(last + 1),
        pdf_writer::Ref::new(last + 2),
    );
    let mut pdf = pdf_writer::Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).count(0);
    pdf.extend(chunk);
    let file = Document::load_mem(&pdf.finish())?;
    let wrapper = |id: &ObjectId| id.0 as i32 == catalog.get() || id.0 as i32 == pages.get();
    Ok(file
        .objects
        .into_iter()
        .filter(|(id, _)| !wrapper(id))
        .collect())
}
