//! Reading a PDF back for the tests: the guide built once, its outline, destinations,
//! annotations and text strings, parsed with lopdf.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::common::build;

/// The guide built once for all the tests of a test binary.
pub fn guide_pdf() -> &'static (PathBuf, Vec<u8>) {
    static PDF: OnceLock<(PathBuf, Vec<u8>)> = OnceLock::new();
    PDF.get_or_init(|| {
        let out = build("pdf", "book", "pdf-guide", &[]);
        let bytes = std::fs::read(&out).unwrap();
        (out, bytes)
    })
}

pub fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}

/// A page's /MediaBox as four numbers.
pub fn media_box(doc: &Document, page: ObjectId) -> Vec<f32> {
    let dict = doc.get_dictionary(page).expect("a page dictionary");
    let array = dict
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("a MediaBox");
    array
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect()
}

pub fn page_index(doc: &Document) -> BTreeMap<ObjectId, usize> {
    doc.get_pages()
        .values()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect()
}

/// A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
pub fn text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

pub fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(obj)
}

/// The page a destination (`[page /XYZ ...]`, directly or via a GoTo action) points at.
pub fn destination_page(
    doc: &Document,
    dict: &Dictionary,
    pages: &BTreeMap<ObjectId, usize>,
) -> Option<usize> {
    let dest = match dict.get(b"Dest") {
        Ok(d) => deref(doc, d),
        Err(_) => {
            let action = deref(doc, dict.get(b"A").ok()?).as_dict().ok()?;
            if action.get(b"S").ok()?.as_name().ok()? != b"GoTo" {
                return None;
            }
            deref(doc, action.get(b"D").ok()?)
        }
    };
    let dest = match dest {
        Object::String(name, _) | Object::Name(name) => named_destination(doc, name)?,
        other => other.as_array().ok()?.clone(),
    };
    pages.get(&dest.first()?.as_reference().ok()?).copied()
}

pub fn named_destination(doc: &Document, name: &[u8]) -> Option<Vec<Object>> {
    let names = deref(doc, doc.catalog().ok()?.get(b"Names").ok()?)
        .as_dict()
        .ok()?;
    let dests = deref(doc, names.get(b"Dests").ok()?).as_dict().ok()?;
    let list = deref(doc, dests.get(b"Names").ok()?).as_array().ok()?;
    list.chunks(2).find_map(|pair| {
        let key = pair[0].as_str().ok()?;
        (key == name)
            .then(|| deref(doc, &pair[1]).as_array().ok().cloned())
            .flatten()
    })
}

#[derive(Debug)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub children: Vec<Bookmark>,
}

pub fn outline(doc: &Document) -> Vec<Bookmark> {
    let pages = page_index(doc);
    let root = deref(
        doc,
        doc.catalog().unwrap().get(b"Outlines").expect("an outline"),
    )
    .as_dict()
    .unwrap();
    fn walk(
        doc: &Document,
        first: Option<&Object>,
        pages: &BTreeMap<ObjectId, usize>,
    ) -> Vec<Bookmark> {
        let mut out = Vec::new();
        let mut next = first.map(|o| deref(doc, o));
        let mut guard = 0;
        while let Some(Object::Dictionary(item)) = next {
            guard += 1;
            assert!(guard < 10_000, "outline loop");
            out.push(Bookmark {
                title: text_string(deref(doc, item.get(b"Title").unwrap()).as_str().unwrap()),
                page: destination_page(doc, item, pages)
                    .expect("an outline entry has a destination"),
                children: walk(doc, item.get(b"First").ok(), pages),
            });
            next = item.get(b"Next").ok().map(|o| deref(doc, o));
        }
        out
    }
    walk(doc, root.get(b"First").ok(), &pages)
}

/// The outline's entries for the book's chapters (the front matter's "Contents" entry left out).
pub fn chapter_marks(doc: &Document) -> Vec<Bookmark> {
    let mut marks = outline(doc);
    assert_eq!(
        marks[0].title, "Contents",
        "the contents come first in the outline"
    );
    marks.remove(0);
    marks
}

/// A page's annotation dictionaries, whether written inline in /Annots or as references.
pub fn annotations(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let Ok(dict) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    let Ok(annots) = dict.get(b"Annots").map(|a| deref(doc, a)) else {
        return Vec::new();
    };
    annots
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|a| deref(doc, a).as_dict().ok())
                .collect()
        })
        .unwrap_or_default()
}

pub fn squash(text: &str) -> String {
    text.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The label each page shows, read from the catalog's /PageLabels number tree (styles /r and
/// /D, as quire writes them; a page before the first range is labelled by its number).
pub fn page_labels(doc: &Document) -> Vec<String> {
    let pages = doc.get_pages().len();
    let catalog = doc.catalog().expect("a catalog");
    let Ok(labels) = catalog.get(b"PageLabels") else {
        return (1..=pages).map(|n| n.to_string()).collect();
    };
    let labels = match labels {
        Object::Reference(id) => doc.get_dictionary(*id).expect("a number tree"),
        Object::Dictionary(d) => d,
        _ => panic!("/PageLabels is a dictionary"),
    };
    let nums = labels
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("/Nums");
    let ranges: Vec<(usize, &Dictionary)> = nums
        .chunks(2)
        .map(|pair| {
            let first = pair[0].as_i64().expect("a page index") as usize;
            let dict = match &pair[1] {
                Object::Reference(id) => doc.get_dictionary(*id).expect("a label dictionary"),
                Object::Dictionary(d) => d,
                _ => panic!("a page label dictionary"),
            };
            (first, dict)
        })
        .collect();
    (0..pages)
        .map(|page| {
            let Some((first, dict)) = ranges.iter().rev().find(|(first, _)| *first <= page) else {
                return (page + 1).to_string();
            };
            let start = dict.get(b"St").and_then(Object::as_i64).unwrap_or(1) as usize;
            let number = start + page - first;
            match dict.get(b"S").and_then(Object::as_name) {
                Ok(b"r") => lower_roman(number),
                Ok(b"D") => number.to_string(),
                other => panic!("unexpected page label style {other:?}"),
            }
        })
        .collect()
}

fn lower_roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}
