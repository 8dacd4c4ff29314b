//! The lopdf post-pass: what printpdf 0.12.8 cannot write, added to its document before saving.
//!
//! Catalog: nested /Outlines with /PageMode /UseOutlines (a name; printpdf writes a string),
//! /Names /Dests for the anchors, /PageLabels, /Lang, /ViewerPreferences /DisplayDocTitle, the
//! sRGB output intent ([`intent`]) and the XMP /Metadata ([`xmp`]) with the PDF/A-2 claim;
//! annotations get the Print flag.
//! Info: rebuilt from the document info (printpdf's adds /GTS_PDFXVersion, which makes readers
//! claim PDF/X, and /Identifier).
//! Trailer: /ID from the inputs' id instead of printpdf's counter. Header: PDF 1.7 (the CFF
//! font programs are OpenType in /FontFile3, a PDF 1.6 feature). Then every stream still
//! uncompressed is compressed.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::content::Content;
use super::xmp::{self, Claim, PdfALevel};
use super::{deflate, intent, outline};
use crate::date::civil_from_timestamp;
use crate::diagnostic::{Diagnostics, Failed};
use crate::pdf::page::{DocumentInfo, LabelStyle, LaidOutDocument, PageLabelRange};

/// The version written in the header.
const PDF_VERSION: &str = "1.7";

/// Give each page its content stream (`streams` in page order) and the embedded fonts as its
/// /Font resources (printpdf wrote an empty font dictionary that every page points at).
pub(super) fn install_pages(
    d: &mut Document,
    streams: Vec<Content>,
    fonts: Dictionary,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    let pages: Vec<ObjectId> = d.get_pages().values().copied().collect();
    if pages.len() != streams.len() {
        diags.error(
            None,
            format!(
                "PDF writer: printpdf wrote {} pages for {} content streams",
                pages.len(),
                streams.len()
            ),
        );
        return Err(Failed);
    }
    let reference = |d: &Document, page: ObjectId, key: &[u8]| {
        d.get_dictionary(page)
            .and_then(|p| p.get(key))
            .and_then(Object::as_reference)
            .ok()
    };
    let mut font_dicts = Vec::new();
    for (&page, content) in pages.iter().zip(streams) {
        let stream = reference(d, page, b"Contents").and_then(|id| d.get_object_mut(id).ok());
        let Some(stream) = stream.and_then(|s| s.as_stream_mut().ok()) else {
            diags.error(None, "PDF writer: a page has no content stream");
            return Err(Failed);
        };
        if content.deflated {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
        stream.set_content(content.bytes);
        stream.allows_compression = false;
        let font_dict = reference(d, page, b"Resources")
            .and_then(|id| d.get_dictionary(id).ok())
            .and_then(|resources| resources.get(b"Font").and_then(Object::as_reference).ok());
        match font_dict {
            Some(id) => font_dicts.push(id),
            None => {
                diags.error(None, "PDF writer: a page has no font resources");
                return Err(Failed);
            }
        }
    }
    font_dicts.sort_unstable();
    font_dicts.dedup();
    for id in font_dicts {
        d.objects.insert(id, Object::Dictionary(fonts.clone()));
    }
    Ok(())
}

pub(super) fn finish(
    d: &mut Document,
    doc: &LaidOutDocument,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    let Ok(root) = d.trailer.get(b"Root").and_then(Object::as_reference) else {
        diags.error(None, "PDF writer: printpdf wrote no document catalog");
        return Err(Failed);
    };
    let pages: Vec<ObjectId> = d.get_pages().values().copied().collect();

    let outlines = outline::write(d, &doc.outline, &pages, diags);
    let dests = named_destinations(doc, &pages, diags);
    let labels = page_labels(&doc.labels, pages.len(), diags);

    let Ok(catalog) = d.get_object_mut(root).and_then(Object::as_dict_mut) else {
        diags.error(None, "PDF writer: the document catalog is not a dictionary");
        return Err(Failed);
    };
    if let Some(outlines) = outlines {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    }
    if let Some(dests) = dests {
        catalog.set(
            "Names",
            Dictionary::from_iter([("Dests", Object::Dictionary(dests))]),
        );
    }
    if let Some(labels) = labels {
        catalog.set("PageLabels", labels);
    }
    if !doc.info.language.is_empty() {
        catalog.set("Lang", text_string(&doc.info.language));
    }
    if !doc.info.title.is_empty() {
        // Viewers then show the book's title in the window, not the file name.
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
        );
    }

    intent::install(d, root, &intent::SRGB, intent::GTS_PDFA1);
    let metadata = metadata_stream(&doc.info, CLAIMS);
    let metadata = d.add_object(metadata);
    if let Ok(catalog) = d.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set("Metadata", Object::Reference(metadata));
    }
    mark_annotations_printable(d, &pages);

    let info = Object::Dictionary(info_dictionary(&doc.info));
    match d.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            d.objects.insert(id, info);
        }
        Err(_) => {
            let id = d.add_object(info);
            d.trailer.set("Info", Object::Reference(id));
        }
    }
    let id = Object::String(doc.info.id.to_vec(), StringFormat::Hexadecimal);
    d.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    d.version = PDF_VERSION.to_string();
    compress(d);
    Ok(())
}

/// The standards every PDF quire writes claims to meet, in its XMP metadata: PDF/A-2 level U
/// (every glyph has its Unicode text through the fonts' ToUnicode maps).
const CLAIMS: &[Claim] = &[Claim::PdfA2(PdfALevel::U)];

/// The catalog's /Metadata: the XMP packet, uncompressed (PDF/A-2, 6.6.2.1: no filter, so
/// that tools that do not parse PDF can still find it).
pub(super) fn metadata_stream(info: &DocumentInfo, claims: &[Claim]) -> Stream {
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"Metadata".to_vec())),
        ("Subtype", Object::Name(b"XML".to_vec())),
    ]);
    let mut stream = Stream::new(dict, xmp::packet(info, claims));
    stream.allows_compression = false;
    stream
}

/// Sets the Print flag (/F 4) on every annotation, written inline in a page's /Annots (as
/// printpdf does) or as an object of its own: PDF/A requires it (6.3.2), and without it a
/// link's appearance would vanish when the page is printed.
fn mark_annotations_printable(d: &mut Document, pages: &[ObjectId]) {
    const PRINT_FLAG: i64 = 4;
    let mut referenced = Vec::new();
    for &page in pages {
        let Ok(page) = d.get_object_mut(page).and_then(Object::as_dict_mut) else {
            continue;
        };
        let Ok(Object::Array(annotations)) = page.get_mut(b"Annots") else {
            continue;
        };
        for annotation in annotations {
            match annotation {
                Object::Dictionary(dict) => dict.set("F", Object::Integer(PRINT_FLAG)),
                Object::Reference(id) => referenced.push(*id),
                _ => {}
            }
        }
    }
    for id in referenced {
        if let Ok(annotation) = d.get_object_mut(id).and_then(Object::as_dict_mut) {
            annotation.set("F", Object::Integer(PRINT_FLAG));
        }
    }
}

/// Deflate every stream that printpdf left uncompressed and that may be compressed, when that
/// makes it shorter (the writer's own streams come compressed).
fn compress(d: &mut Document) {
    for object in d.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(compressed) = deflate::compress(&stream.content) {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// A destination showing `page` with `top` at the top of the window, keeping the reader's
/// horizontal position and zoom (null left and zoom).
pub(super) fn destination(page: ObjectId, top: f32) -> Object {
    let top = if top.is_finite() {
        Object::Real(top)
    } else {
        Object::Null
    };
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        top,
        Object::Null,
    ])
}

/// A PDF text string: a literal for ASCII, else UTF-16BE with a byte order mark (ISO 32000-1,
/// 7.9.2.2), which every reader decodes.
pub(super) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = Vec::with_capacity(2 + text.len() * 2);
    bytes.extend_from_slice(&[0xFE, 0xFF]);
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `/Dests` as a name tree with one node: every anchor by name, sorted by bytes as the tree
/// requires. A name used twice keeps its first place, with a warning.
fn named_destinations(
    doc: &LaidOutDocument,
    pages: &[ObjectId],
    diags: &mut Diagnostics,
) -> Option<Dictionary> {
    let mut names: BTreeMap<&[u8], Object> = BTreeMap::new();
    for (page, page_id) in doc.pages.iter().zip(pages) {
        for (name, y) in &page.anchors {
            if names.contains_key(name.as_bytes()) {
                diags.warning(
                    None,
                    format!("the anchor \"{name}\" is placed twice; links go to the first"),
                );
                continue;
            }
            names.insert(name.as_bytes(), destination(*page_id, *y));
        }
    }
    if names.is_empty() {
        return None;
    }
    let mut array = Vec::with_capacity(names.len() * 2);
    for (name, dest) in names {
        array.push(Object::String(name.to_vec(), StringFormat::Literal));
        array.push(dest);
    }
    Some(Dictionary::from_iter([("Names", Object::Array(array))]))
}

/// `/PageLabels` as a number tree with one node. Ranges must start at distinct pages in
/// order, the first at page 0 (a range there is added if missing, decimal from 1).
fn page_labels(
    ranges: &[PageLabelRange],
    page_count: usize,
    diags: &mut Diagnostics,
) -> Option<Object> {
    if ranges.is_empty() {
        return None;
    }
    let mut starts: BTreeMap<usize, &PageLabelRange> = BTreeMap::new();
    for range in ranges {
        if range.first_page >= page_count {
            diags.warning(
                None,
                format!(
                    "a page label range starts at page {} of {}; ignored",
                    range.first_page + 1,
                    page_count
                ),
            );
        } else if starts.insert(range.first_page, range).is_some() {
            diags.warning(
                None,
                format!(
                    "two page label ranges start at page {}; the last one counts",
                    range.first_page + 1
                ),
            );
        }
    }
    const FIRST: PageLabelRange = PageLabelRange {
        first_page: 0,
        style: LabelStyle::Decimal,
        start: 1,
    };
    starts.entry(0).or_insert(&FIRST);
    let mut nums = Vec::with_capacity(starts.len() * 2);
    for (first_page, range) in starts {
        let style: &[u8] = match range.style {
            LabelStyle::LowerRoman => b"r",
            LabelStyle::Decimal => b"D",
        };
        let mut label = Dictionary::from_iter([("S", Object::Name(style.to_vec()))]);
        // /St must be at least 1 and defaults to 1.
        if range.start > 1 {
            label.set("St", Object::Integer(i64::from(range.start)));
        }
        nums.push(Object::Integer(first_page as i64));
        nums.push(Object::Dictionary(label));
    }
    Some(Object::Dictionary(Dictionary::from_iter([(
        "Nums",
        Object::Array(nums),
    )])))
}

/// The Info dictionary: the non-empty text fields and both dates.
fn info_dictionary(info: &DocumentInfo) -> Dictionary {
    let mut dict = Dictionary::new();
    for (key, value) in [
        ("Title", &info.title),
        ("Author", &info.author),
        ("Subject", &info.subject),
        ("Keywords", &info.keywords),
        ("Creator", &info.creator),
        ("Producer", &info.producer),
    ] {
        if !value.is_empty() {
            dict.set(key, text_string(value));
        }
    }
    let date = Object::String(pdf_date(info.timestamp).into_bytes(), StringFormat::Literal);
    dict.set("CreationDate", date.clone());
    dict.set("ModDate", date);
    dict
}

/// A timestamp as a PDF date in UTC, `D:YYYYMMDDHHmmSSZ` (ISO 32000-1, 7.9.4). Years outside
/// 0..=9999 cannot be written and are clamped.
fn pdf_date(timestamp: i64) -> String {
    let (year, month, day, hour, minute, second) = civil_from_timestamp(timestamp);
    let (year, month, day, hour, minute, second) = match year {
        y if y < 0 => (0, 1, 1, 0, 0, 0),
        y if y > 9999 => (9999, 12, 31, 23, 59, 59),
        y => (y, month, day, hour, minute, second),
    };
    format!("D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_pdf_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_700_000_000), "D:20231114221320Z");
        assert_eq!(pdf_date(i64::MIN / 2), "D:00000101000000Z");
        assert_eq!(pdf_date(i64::MAX / 2), "D:99991231235959Z");
    }

    #[test]
    fn text_strings_are_literal_ascii_or_utf16_with_bom() {
        assert_eq!(
            text_string("Care (1)"),
            Object::String(b"Care (1)".to_vec(), StringFormat::Literal)
        );
        let Object::String(bytes, StringFormat::Hexadecimal) = text_string("Café") else {
            panic!("expected a hex string")
        };
        assert_eq!(bytes, [0xFE, 0xFF, 0, b'C', 0, b'a', 0, b'f', 0, 0xE9]);
    }

    #[test]
    fn page_labels_start_at_page_zero_in_order() {
        let ranges = [
            PageLabelRange {
                first_page: 3,
                style: LabelStyle::Decimal,
                start: 1,
            },
            PageLabelRange {
                first_page: 1,
                style: LabelStyle::LowerRoman,
                start: 2,
            },
            PageLabelRange {
                first_page: 50,
                style: LabelStyle::Decimal,
                start: 7,
            },
        ];
        let mut diags = Diagnostics::new();
        let labels = page_labels(&ranges, 10, &mut diags).expect("labels");
        let nums = labels
            .as_dict()
            .and_then(|d| d.get(b"Nums"))
            .and_then(Object::as_array)
            .expect("nums");
        let keys: Vec<i64> = nums
            .iter()
            .step_by(2)
            .filter_map(|o| o.as_i64().ok())
            .collect();
        assert_eq!(keys, [0, 1, 3]);
        let second = nums[3].as_dict().expect("label dict");
        assert_eq!(
            second.get(b"S").and_then(Object::as_name).ok(),
            Some(&b"r"[..])
        );
        assert_eq!(second.get(b"St").and_then(Object::as_i64).ok(), Some(2));
        assert!(nums[5].as_dict().expect("label dict").get(b"St").is_err());
        assert_eq!(diags.warning_count(), 1);
        assert!(page_labels(&[], 10, &mut diags).is_none());
    }
}
