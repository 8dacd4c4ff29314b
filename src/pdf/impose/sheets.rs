//! The imposed document: each page of the written PDF turned into a Form XObject (its content
//! stream with /BBox and its own resources, bytes unchanged), and one new page per sheet side
//! drawing two of them, clipped at the fold. The reading aids that point at pages (outline,
//! named destinations, page labels, links) have no place on a sheet and are left out.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::Sheet;
use super::plan::{Side, Slot};
use crate::diagnostic::{Diagnostics, Failed};
use crate::model::PaperSize;

/// What the imposition made, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imposed {
    pub sheets: usize,
    pub sides: usize,
}

/// Replace the pages of `d` (each `page` in size) by the sheet sides `sides` lists, on `sheet`.
/// `creep` moves each page toward the fold by that much per sheet around it; `bleed` lets each
/// page's drawing run that far past its outer edges (the press file; 0 otherwise).
pub fn impose(
    d: &mut Document,
    page: PaperSize,
    sheet: &Sheet,
    sides: &[Side],
    creep: f32,
    bleed: f32,
    diags: &mut Diagnostics,
) -> Result<Imposed, Failed> {
    let pages: Vec<ObjectId> = d.get_pages().values().copied().collect();
    let Ok(pages_root) = d
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
    else {
        diags.error(None, "booklet: the PDF has no page tree");
        return Err(Failed);
    };
    let mut forms = Vec::with_capacity(pages.len());
    for (index, &id) in pages.iter().enumerate() {
        // Odd pages (1, 3...) lie on the right of the fold, even ones on the left.
        let on_right = index % 2 == 0;
        forms.push(page_to_form(d, id, page, on_right, bleed, diags)?);
    }
    for id in &pages {
        // The page's links go with it.
        if let Some(Object::Dictionary(page)) = d.objects.remove(id)
            && let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array)
        {
            for annotation in annotations.iter().filter_map(|a| a.as_reference().ok()) {
                d.objects.remove(&annotation);
            }
        }
    }
    let mut kids = Vec::with_capacity(sides.len());
    for side in sides {
        let content = side_content(side, &forms, page, sheet, creep);
        let content_id = d.add_object(Stream::new(Dictionary::new(), content.drawing));
        let side_page = Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages_root)),
            ("MediaBox", rect_array(0.0, 0.0, sheet.width, sheet.height)),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter([(
                    "XObject",
                    Object::Dictionary(content.xobjects),
                )])),
            ),
            ("Contents", Object::Reference(content_id)),
        ]);
        kids.push(Object::Reference(d.add_object(side_page)));
    }
    let count = kids.len();
    let Ok(root) = d.get_object_mut(pages_root).and_then(Object::as_dict_mut) else {
        diags.error(None, "booklet: the page tree is not a dictionary");
        return Err(Failed);
    };
    root.set("Kids", Object::Array(kids));
    root.set("Count", Object::Integer(count as i64));
    if drop_page_references(d) {
        crate::timing::phase("booklet: drop unused objects", || d.prune_objects());
    }
    Ok(Imposed {
        sheets: count / 2,
        sides: count,
    })
}

/// Turn the page `id` into a Form XObject: its content stream, given the page's box (and the
/// bleed past its outer edges) and the page's resources. The form's id.
fn page_to_form(
    d: &mut Document,
    id: ObjectId,
    page: PaperSize,
    on_right: bool,
    bleed: f32,
    diags: &mut Diagnostics,
) -> Result<ObjectId, Failed> {
    let Ok(dict) = d.get_dictionary(id) else {
        diags.error(None, "booklet: a page is not a dictionary");
        return Err(Failed);
    };
    let resources = dict.get(b"Resources").cloned().ok();
    let Some(contents) = one_content_stream(d, id) else {
        diags.error(None, "booklet: a page's content stream is missing");
        return Err(Failed);
    };
    let Ok(stream) = d.get_object_mut(contents).and_then(Object::as_stream_mut) else {
        diags.error(None, "booklet: a page's content stream is missing");
        return Err(Failed);
    };
    let (left, right) = if on_right { (0.0, bleed) } else { (bleed, 0.0) };
    let form = &mut stream.dict;
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set(
        "BBox",
        rect_array(-left, -bleed, page.width + right, page.height + bleed),
    );
    if let Some(resources) = resources {
        form.set("Resources", resources);
    }
    Ok(contents)
}

/// The page `id`'s content as one stream: its /Contents when that is one, else its streams
/// joined into a new one, which the page then names. None when a part is missing.
pub fn one_content_stream(d: &mut Document, id: ObjectId) -> Option<ObjectId> {
    let parts = match d.get_dictionary(id).ok()?.get(b"Contents").ok()? {
        Object::Reference(id) => return Some(*id),
        Object::Array(parts) => parts.clone(),
        _ => return None,
    };
    let mut joined = Vec::new();
    for part in parts {
        let stream = d
            .get_object(part.as_reference().ok()?)
            .ok()?
            .as_stream()
            .ok()?;
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        joined.extend_from_slice(&bytes);
        // Streams are joined as if by white space (ISO 32000-1, 7.8.2).
        joined.push(b'\n');
    }
    let mut stream = Stream::new(Dictionary::new(), joined);
    let _ = stream.compress();
    let joined = d.add_object(stream);
    let page = d.get_dictionary_mut(id).ok()?;
    page.set("Contents", Object::Reference(joined));
    Some(joined)
}

/// A sheet side's content stream and the forms it names.
struct SideContent {
    drawing: Vec<u8>,
    xobjects: Dictionary,
}

/// Each page of `side` moved into its half of the sheet (flush to the fold, centred in height,
/// moved toward the fold by the creep of its depth) and clipped at the fold.
fn side_content(
    side: &Side,
    forms: &[ObjectId],
    page: PaperSize,
    sheet: &Sheet,
    creep: f32,
) -> SideContent {
    let fold = sheet.width / 2.0;
    let shift = creep * side.depth as f32;
    let y = (sheet.height - page.height) / 2.0;
    // Far enough past the sheet's edges that only the fold clips.
    let beyond = sheet.width;
    let halves = [
        (side.left, fold - page.width + shift, -beyond, fold + beyond),
        (side.right, fold - shift, fold, beyond + sheet.width),
    ];
    let mut drawing = Vec::new();
    let mut xobjects = Dictionary::new();
    for (slot, x, clip_from, clip_to) in halves {
        let Slot::Page(index) = slot else { continue };
        let Some(&form) = forms.get(index) else {
            continue;
        };
        let name = format!("P{}", index + 1);
        drawing.extend_from_slice(
            format!(
                "q {} {} {} {} re W n 1 0 0 1 {} {} cm /{name} Do Q\n",
                clip_from,
                -beyond,
                clip_to - clip_from,
                sheet.height + 2.0 * beyond,
                x,
                y
            )
            .as_bytes(),
        );
        xobjects.set(name, Object::Reference(form));
    }
    SideContent { drawing, xobjects }
}

/// Catalog entries that point at pages, which the sheets replace: the outline (its items go
/// too), the named destinations, the page labels, a structure tree (and the mark that the file
/// is tagged). Whether objects remain that only a sweep of the whole file finds unused (a
/// structure tree's elements).
fn drop_page_references(d: &mut Document) -> bool {
    let Ok(catalog) = d.catalog_mut() else {
        return false;
    };
    let outline = catalog.get(b"Outlines").and_then(Object::as_reference).ok();
    let tagged = catalog.has(b"StructTreeRoot");
    let keys = [
        &b"Outlines"[..],
        b"Names",
        b"PageLabels",
        b"OpenAction",
        b"StructTreeRoot",
        b"MarkInfo",
    ];
    for key in keys {
        catalog.remove(key);
    }
    catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    let mut items: Vec<ObjectId> = outline.into_iter().collect();
    while let Some(id) = items.pop() {
        if let Some(Object::Dictionary(item)) = d.objects.remove(&id) {
            for key in [&b"First"[..], b"Next"] {
                items.extend(item.get(key).and_then(Object::as_reference).ok());
            }
        }
    }
    tagged
}

/// A rectangle as a PDF array.
pub fn rect_array(x0: f32, y0: f32, x1: f32, y1: f32) -> Object {
    Object::Array(vec![
        Object::Real(x0),
        Object::Real(y0),
        Object::Real(x1),
        Object::Real(y1),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_several_content_streams_gets_one_joined() {
        let mut d = Document::with_version("1.7");
        let first = d.add_object(Stream::new(Dictionary::new(), b"q 1 g".to_vec()));
        let second = d.add_object(Stream::new(Dictionary::new(), b"0 0 5 5 re f Q".to_vec()));
        let page = d.add_object(Dictionary::from_iter([(
            "Contents",
            Object::Array(vec![Object::Reference(first), Object::Reference(second)]),
        )]));
        let joined = one_content_stream(&mut d, page).expect("one stream");
        let stream = d.get_object(joined).unwrap().as_stream().unwrap();
        let bytes = stream
            .decompressed_content()
            .unwrap_or(stream.content.clone());
        assert_eq!(bytes, b"q 1 g\n0 0 5 5 re f Q\n");
        let named = d.get_dictionary(page).unwrap().get(b"Contents").unwrap();
        assert_eq!(named.as_reference().ok(), Some(joined));
        assert_eq!(
            one_content_stream(&mut d, page),
            Some(joined),
            "already one"
        );
    }
}
