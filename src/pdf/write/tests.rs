//! The PDF writer on a hand-built page model: real glyphs shaped with rustybuzz from the
//! built-in fonts, then the bytes read back with lopdf. What qpdf, pdftotext and pdffonts say
//! about what the writer embeds is checked on books in `tests/validators.rs`.

mod expansion;
mod odd_input;
mod sample;

use super::write_pdf;
use crate::Diagnostics;
use crate::fonts::{BODY_REGULAR, FontFile, MONO};
use crate::model::Asset;
use crate::pdf::page::{
    Glyph, LabelStyle, LaidOutDocument, LinkArea, LinkTarget, PageItem, PageLabelRange, Rect, Rgb,
    TextRun,
};
use lopdf::{Document, Object, ObjectId};
use sample::{
    BODY_SIZE, PAGE_HEIGHT, PAGE_WIDTH, assets, empty_document, png_asset, sample, shape,
    user_truetype_document, write,
};

fn dict<'a>(pdf: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn catalog(pdf: &Document) -> &lopdf::Dictionary {
    pdf.catalog().expect("a catalog")
}

fn text(object: &Object) -> String {
    let bytes = object.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("UTF-16")
    } else {
        String::from_utf8(bytes.to_vec()).expect("ASCII")
    }
}

#[test]
fn pages_and_media_box() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), 3);
    assert_eq!(pdf.version, "1.7");
    for id in pages.values() {
        let page = pdf.get_dictionary(*id).expect("page");
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("MediaBox")
            .iter()
            .map(|v| v.as_float().expect("number"))
            .collect();
        assert_eq!(media, [0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT]);
    }
}

#[test]
fn fonts_are_tagged_subsets_with_tounicode() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let mut seen = Vec::new();
    for object in pdf.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let base = String::from_utf8(
            font.get(b"BaseFont")
                .and_then(Object::as_name)
                .expect("BaseFont")
                .to_vec(),
        )
        .expect("ASCII name");
        let (tag, name) = base.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{base}"
        );
        assert!(font.get(b"ToUnicode").is_ok(), "{base} has no ToUnicode");
        let descendant = font
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .expect("descendants");
        let descriptor = dict(
            &pdf,
            dict(&pdf, &descendant[0])
                .get(b"FontDescriptor")
                .expect("descriptor"),
        );
        let file = [&b"FontFile3"[..], b"FontFile2"]
            .iter()
            .find_map(|key| descriptor.get(key).ok())
            .expect("an embedded font program");
        let stream = pdf
            .get_object(file.as_reference().expect("ref"))
            .and_then(Object::as_stream)
            .expect("stream");
        let program = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let original = if name.starts_with("DejaVu") {
            MONO
        } else {
            BODY_REGULAR
        };
        assert!(
            program.len() * 4 < original.bytes.len(),
            "{base}: {} bytes embedded of {}",
            program.len(),
            original.bytes.len()
        );
        // The subset is still a font a parser reads, with fewer glyphs, all drawn but the space.
        let subset = rustybuzz::ttf_parser::Face::parse(&program, 0)
            .unwrap_or_else(|err| panic!("{base}: the embedded subset does not parse: {err}"));
        let full = rustybuzz::ttf_parser::Face::parse(original.bytes, 0).expect("built-in font");
        assert!(
            subset.number_of_glyphs() < full.number_of_glyphs() / 10,
            "{base}"
        );
        let blank = (1..subset.number_of_glyphs())
            .filter(|&gid| {
                subset
                    .glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(gid))
                    .is_none()
            })
            .count();
        assert_eq!(blank, 1, "{base}: {blank} glyphs without an outline");
        seen.push(name.to_string());
    }
    seen.sort();
    assert_eq!(seen, ["DejaVuSansMono", "LinLibertineO"]);
}

#[test]
fn outline_is_nested_with_counts_and_parents() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let cat = catalog(&pdf);
    assert_eq!(
        cat.get(b"PageMode").and_then(Object::as_name).ok(),
        Some(&b"UseOutlines"[..])
    );
    let root_id = cat
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("Outlines");
    let root = pdf.get_dictionary(root_id).expect("outline root");
    let items = |first: ObjectId| {
        let mut out = vec![first];
        while let Ok(next) = pdf
            .get_dictionary(*out.last().unwrap())
            .and_then(|d| d.get(b"Next"))
            .and_then(Object::as_reference)
        {
            out.push(next);
        }
        out
    };
    let top = items(
        root.get(b"First")
            .and_then(Object::as_reference)
            .expect("First"),
    );
    let titles: Vec<String> = top
        .iter()
        .map(|id| text(pdf.get_dictionary(*id).unwrap().get(b"Title").unwrap()))
        .collect();
    assert_eq!(
        titles,
        ["Contents", "Chapter One", "Appendix (notes) \\ misc"]
    );
    // Shown: the three top entries and "First steps"; "Café hygiene" waits inside it.
    assert_eq!(root.get(b"Count").and_then(Object::as_i64).ok(), Some(4));
    let chapter = pdf.get_dictionary(top[1]).unwrap();
    assert_eq!(chapter.get(b"Count").and_then(Object::as_i64).ok(), Some(1));
    assert_eq!(
        chapter.get(b"Parent").and_then(Object::as_reference).ok(),
        Some(root_id)
    );
    let steps_id = chapter
        .get(b"First")
        .and_then(Object::as_reference)
        .unwrap();
    let steps = pdf.get_dictionary(steps_id).unwrap();
    assert_eq!(
        steps.get(b"Parent").and_then(Object::as_reference).ok(),
        Some(top[1])
    );
    assert_eq!(steps.get(b"Count").and_then(Object::as_i64).ok(), Some(-1));
    let cafe = pdf
        .get_dictionary(steps.get(b"First").and_then(Object::as_reference).unwrap())
        .unwrap();
    assert_eq!(text(cafe.get(b"Title").unwrap()), "Café hygiene");
    let pages = pdf.get_pages();
    let dest = cafe.get(b"Dest").and_then(Object::as_array).expect("Dest");
    assert_eq!(dest[0].as_reference().ok(), Some(pages[&2]));
}

#[test]
fn links_labels_names_language_and_info() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let pages = pdf.get_pages();
    let first = pdf.get_dictionary(pages[&1]).unwrap();
    let annots = first
        .get(b"Annots")
        .and_then(Object::as_array)
        .expect("Annots");
    assert_eq!(annots.len(), 2);
    let mut goto_page = None;
    let mut uri = None;
    for annot in annots {
        let annot = dict(&pdf, annot);
        assert_eq!(
            annot.get(b"Subtype").and_then(Object::as_name).ok(),
            Some(&b"Link"[..])
        );
        let border: Vec<f32> = annot
            .get(b"Border")
            .and_then(Object::as_array)
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert_eq!(border, [0.0, 0.0, 0.0], "links must have no visible border");
        let action = dict(&pdf, annot.get(b"A").expect("action"));
        match action.get(b"S").and_then(Object::as_name).unwrap() {
            b"GoTo" => {
                goto_page = action.get(b"D").and_then(Object::as_array).unwrap()[0]
                    .as_reference()
                    .ok()
            }
            b"URI" => uri = Some(text(action.get(b"URI").unwrap())),
            other => panic!("unexpected action {other:?}"),
        }
    }
    assert_eq!(goto_page, Some(pages[&3]));
    assert_eq!(uri.as_deref(), Some("https://example.org/"));

    let cat = catalog(&pdf);
    let nums = dict(&pdf, cat.get(b"PageLabels").expect("PageLabels"))
        .get(b"Nums")
        .and_then(Object::as_array)
        .unwrap();
    assert_eq!(nums.len(), 4);
    assert_eq!(nums[0].as_i64().ok(), Some(0));
    assert_eq!(
        dict(&pdf, &nums[1])
            .get(b"S")
            .and_then(Object::as_name)
            .ok(),
        Some(&b"r"[..])
    );
    assert_eq!(nums[2].as_i64().ok(), Some(1));
    assert_eq!(
        dict(&pdf, &nums[3])
            .get(b"S")
            .and_then(Object::as_name)
            .ok(),
        Some(&b"D"[..])
    );

    let names = dict(&pdf, cat.get(b"Names").expect("Names"));
    let dests = dict(&pdf, names.get(b"Dests").expect("Dests"))
        .get(b"Names")
        .and_then(Object::as_array)
        .unwrap();
    let keys: Vec<String> = dests.iter().step_by(2).map(text).collect();
    assert_eq!(keys, ["appendix", "chapter-one", "chapter-one/first-steps"]);
    assert_eq!(
        dests[3].as_array().unwrap()[0].as_reference().ok(),
        Some(pages[&2])
    );

    assert_eq!(text(cat.get(b"Lang").unwrap()), "en-US");
    let viewer = dict(&pdf, cat.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        viewer
            .get(b"DisplayDocTitle")
            .and_then(Object::as_bool)
            .ok(),
        Some(true)
    );
    let info = dict(&pdf, pdf.trailer.get(b"Info").unwrap());
    assert_eq!(
        text(info.get(b"Title").unwrap()),
        "Becoming a Medical Technician"
    );
    assert_eq!(
        text(info.get(b"CreationDate").unwrap()),
        "D:20231114221320Z"
    );
    assert!(info.get(b"GTS_PDFXVersion").is_err() && info.get(b"Identifier").is_err());
    let id = pdf.trailer.get(b"ID").and_then(Object::as_array).unwrap();
    assert_eq!(id[0].as_str().ok(), Some(&b"0123456789abcdef"[..]));
}

#[test]
fn same_input_same_bytes() {
    let doc = sample();
    let images = assets();
    assert!(write(&doc, &images) == write(&doc, &images));
}

#[test]
fn the_ligatures_were_used_and_extract_as_letters() {
    // The shaper must have formed ligatures for this test to mean anything.
    let (glyphs, _) = shape(BODY_REGULAR, "Efficient waffle office", BODY_SIZE);
    let ligatures: Vec<&str> = glyphs
        .iter()
        .map(|g| g.text.as_str())
        .filter(|t| t.len() > 1)
        .collect();
    assert!(
        ligatures.contains(&"ffi") && ligatures.contains(&"ffl"),
        "{ligatures:?}"
    );
    let (glyphs, _) = shape(BODY_REGULAR, "AVATAR", BODY_SIZE);
    assert!(
        glyphs.iter().any(|g| g.offset != 0.0),
        "AVATAR has no kerning"
    );
}

#[test]
fn an_empty_document_is_one_blank_page() {
    let doc = empty_document();
    let mut diags = Diagnostics::new();
    let bytes = write_pdf(&doc, &[], &mut diags).expect("still a PDF");
    assert_eq!(diags.warning_count(), 1);
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn images_are_stored_losslessly_at_full_size() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let mut images = Vec::new();
    for object in pdf.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image") {
            continue;
        }
        let number = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).ok();
        let filter = stream.dict.get(b"Filter").and_then(Object::as_name).ok();
        images.push((
            number(b"Width"),
            number(b"Height"),
            filter,
            stream.dict.get(b"SMask").is_ok(),
        ));
    }
    // Each asset once (the alpha mask is an image too), never re-encoded as JPEG or shrunk.
    assert!(images.len() >= 3, "{images:?}");
    for (width, height, filter, _) in &images {
        assert_eq!((*width, *height), (Some(40), Some(20)));
        assert_eq!(*filter, Some(&b"FlateDecode"[..]));
    }
    assert!(
        images.iter().any(|image| image.3),
        "the transparent PNG lost its alpha"
    );
}

#[test]
fn a_user_truetype_font_embeds_and_its_text_copies() {
    let (doc, _) = user_truetype_document();
    let bytes = write(&doc, &[]);
    assert!(bytes == write(&doc, &[]), "same input, same bytes");
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    let descendant = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"CIDFontType2"))
        .expect("a CIDFontType2 font");
    assert_eq!(
        descendant
            .get(b"CIDToGIDMap")
            .and_then(Object::as_name)
            .ok(),
        Some(&b"Identity"[..])
    );
}
