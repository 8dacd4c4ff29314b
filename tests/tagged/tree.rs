//! A tagged PDF read back with lopdf: its structure tree (elements, their kids, the marked
//! content and annotations they own), its pages' marked-content sequences with the text each
//! one shows (decoded through the fonts' ToUnicode maps, an ActualText standing for what it
//! spans) and every painting operator found outside marked content.
#![allow(dead_code)]

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A font's ToUnicode map: two-byte code -> text.
type ToUnicode = BTreeMap<u16, String>;

/// One structure element.
#[derive(Debug)]
pub struct Element {
    pub id: ObjectId,
    pub role: String,
    pub alt: Option<String>,
    pub kids: Vec<Kid>,
}

#[derive(Debug)]
pub enum Kid {
    Element(Element),
    /// Marked content `mcid` of page `page` (0-based).
    Content {
        page: usize,
        mcid: i64,
    },
    /// An annotation.
    Annotation(ObjectId),
}

/// What the pages' content streams hold.
#[derive(Debug, Default)]
pub struct Marked {
    /// The text of each marked-content sequence with an MCID, by (page, MCID), each seen once.
    pub texts: BTreeMap<(usize, i64), String>,
    /// MCIDs that occur more than once on their page.
    pub repeated: Vec<(usize, i64)>,
    /// Painting operators outside any MCID sequence or artifact: (page, operator).
    pub unmarked: Vec<(usize, String)>,
    /// The ActualTexts that stand for a whole word (not a line end's space, not nothing).
    pub words: Vec<String>,
}

/// The operators that paint (ISO 32000-1, tables 59, 61, 87, 107 and 92).
const PAINTING: &[&str] = &[
    "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI",
];

/// A text string object's text.
pub fn text_string(object: &Object) -> String {
    crate::read::text_string(object.as_str().unwrap_or_default())
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map(|(_, o)| o).unwrap_or(object)
}

/// The structure tree's root elements (the /K of the StructTreeRoot).
pub fn structure(doc: &Document) -> Vec<Element> {
    let pages: BTreeMap<ObjectId, usize> = doc
        .get_pages()
        .values()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let catalog = doc.catalog().expect("a catalog");
    let root = resolve(
        doc,
        catalog.get(b"StructTreeRoot").expect("a StructTreeRoot"),
    );
    let root = root.as_dict().expect("a dictionary");
    let kids = root.get(b"K").expect("the root has kids");
    let mut out = Vec::new();
    for kid in as_list(kids) {
        if let Ok(id) = kid.as_reference() {
            out.push(element(doc, id, &pages));
        }
    }
    out
}

fn as_list(object: &Object) -> Vec<&Object> {
    match object {
        Object::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn element(doc: &Document, id: ObjectId, pages: &BTreeMap<ObjectId, usize>) -> Element {
    let dict = doc.get_dictionary(id).expect("an element dictionary");
    let role = dict.get(b"S").and_then(Object::as_name).expect("/S");
    let page_of = |d: &Dictionary| {
        d.get(b"Pg")
            .and_then(Object::as_reference)
            .ok()
            .and_then(|p| pages.get(&p).copied())
    };
    let own_page = page_of(dict);
    let mut kids = Vec::new();
    if let Ok(k) = dict.get(b"K") {
        for kid in as_list(k) {
            match kid {
                Object::Integer(mcid) => kids.push(Kid::Content {
                    page: own_page.expect("an element with MCIDs has /Pg"),
                    mcid: *mcid,
                }),
                Object::Reference(child) => kids.push(Kid::Element(element(doc, *child, pages))),
                Object::Dictionary(d) => match d.get(b"Type").and_then(Object::as_name) {
                    Ok(b"MCR") => kids.push(Kid::Content {
                        page: page_of(d).expect("an MCR has /Pg"),
                        mcid: d.get(b"MCID").and_then(Object::as_i64).expect("an MCID"),
                    }),
                    Ok(b"OBJR") => kids.push(Kid::Annotation(
                        d.get(b"Obj").and_then(Object::as_reference).expect("/Obj"),
                    )),
                    other => panic!("unexpected kid type {other:?}"),
                },
                other => panic!("unexpected kid {other:?}"),
            }
        }
    }
    Element {
        id,
        role: String::from_utf8_lossy(role).into_owned(),
        alt: dict.get(b"Alt").ok().map(text_string),
        kids,
    }
}

/// Every element in reading order (pre-order).
pub fn walk<'a>(elements: &'a [Element], out: &mut Vec<&'a Element>) {
    for e in elements {
        out.push(e);
        for kid in &e.kids {
            if let Kid::Element(child) = kid {
                walk(std::slice::from_ref(child), out);
            }
        }
    }
}

/// The text an element's marked content shows, in order.
pub fn text(element: &Element, marked: &Marked) -> String {
    let mut out = String::new();
    for kid in &element.kids {
        match kid {
            Kid::Content { page, mcid } => {
                out.push_str(marked.texts.get(&(*page, *mcid)).map_or("", String::as_str))
            }
            Kid::Element(child) => out.push_str(&text(child, marked)),
            Kid::Annotation(_) => {}
        }
    }
    out
}

/// One open marked-content sequence.
struct Open {
    mcid: Option<i64>,
    artifact: bool,
    actual_text: Option<String>,
}

/// Read every page's content stream.
pub fn marked_content(doc: &Document) -> Marked {
    let mut marked = Marked::default();
    for (page, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let fonts = doc.get_page_fonts(page_id).expect("page fonts");
        let encodings: BTreeMap<Vec<u8>, ToUnicode> = fonts
            .iter()
            .filter_map(|(name, font)| Some((name.clone(), to_unicode(doc, font)?)))
            .collect();
        let bytes = doc.get_page_content(page_id);
        let content = Content::decode(&bytes).expect("the content stream parses");
        let mut stack: Vec<Open> = Vec::new();
        let mut font: Option<Vec<u8>> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = op.operands.first().and_then(|o| o.as_name().ok());
                    let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                    let mcid = props.and_then(|p| p.get(b"MCID").and_then(Object::as_i64).ok());
                    let actual_text =
                        props.and_then(|p| p.get(b"ActualText").ok().map(text_string));
                    if let Some(mcid) = mcid
                        && marked.texts.insert((page, mcid), String::new()).is_some()
                    {
                        marked.repeated.push((page, mcid));
                    }
                    if let Some(word) = &actual_text
                        && !word.is_empty()
                        && !word.ends_with(' ')
                    {
                        marked.words.push(word.clone());
                    }
                    stack.push(Open {
                        mcid,
                        artifact: tag == Some(b"Artifact"),
                        actual_text,
                    });
                }
                "EMC" => {
                    let open = stack.pop().expect("EMC closes a sequence");
                    if let Some(text) = open.actual_text
                        && let Some(key) = current_mcid(&stack, page)
                    {
                        marked.texts.entry(key).or_default().push_str(&text);
                    }
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec)
                }
                name => {
                    if PAINTING.contains(&name)
                        && !stack.iter().any(|o| o.mcid.is_some() || o.artifact)
                    {
                        marked.unmarked.push((page, name.to_string()));
                    }
                    let replaced = stack.iter().any(|o| o.actual_text.is_some());
                    if matches!(name, "Tj" | "TJ")
                        && !replaced
                        && let Some(key) = current_mcid(&stack, page)
                    {
                        let encoding = font.as_ref().and_then(|f| encodings.get(f));
                        let shown = shown_text(&op.operands, encoding);
                        marked.texts.entry(key).or_default().push_str(&shown);
                    }
                }
            }
        }
        assert!(stack.is_empty(), "page {page} leaves marked content open");
    }
    marked
}

fn current_mcid(stack: &[Open], page: usize) -> Option<(usize, i64)> {
    stack.iter().rev().find_map(|o| o.mcid).map(|m| (page, m))
}

/// A Type0 font's ToUnicode CMap, its bfchar and bfrange entries.
fn to_unicode(doc: &Document, font: &Dictionary) -> Option<ToUnicode> {
    let stream = resolve(doc, font.get(b"ToUnicode").ok()?)
        .as_stream()
        .ok()?;
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&bytes);
    let hex = |t: &str| -> Vec<u16> {
        let t = t.trim_matches(|c| c == '<' || c == '>');
        (0..t.len() / 4)
            .filter_map(|i| u16::from_str_radix(&t[i * 4..i * 4 + 4], 16).ok())
            .collect()
    };
    let mut map = ToUnicode::new();
    for block in text.split("beginbfchar").skip(1) {
        let body = block.split("endbfchar").next().unwrap_or("");
        let tokens: Vec<&str> = body.split_whitespace().collect();
        for pair in tokens.chunks(2) {
            if let [code, dst] = pair {
                let code = hex(code).first().copied()?;
                map.insert(code, String::from_utf16_lossy(&hex(dst)));
            }
        }
    }
    for block in text.split("beginbfrange").skip(1) {
        let body = block.split("endbfrange").next().unwrap_or("");
        let tokens: Vec<&str> = body.split_whitespace().collect();
        for triple in tokens.chunks(3) {
            if let [lo, hi, dst] = triple {
                let (lo, hi) = (hex(lo).first().copied()?, hex(hi).first().copied()?);
                let mut first = hex(dst);
                for code in lo..=hi {
                    map.insert(code, String::from_utf16_lossy(&first));
                    if let Some(last) = first.last_mut() {
                        *last += 1;
                    }
                }
            }
        }
    }
    Some(map)
}

fn shown_text(operands: &[Object], encoding: Option<&ToUnicode>) -> String {
    let mut out = String::new();
    let mut add = |o: &Object| {
        if let (Ok(bytes), Some(map)) = (o.as_str(), encoding) {
            for code in bytes.chunks(2) {
                let code = u16::from_be_bytes([code[0], *code.get(1).unwrap_or(&0)]);
                out.push_str(map.get(&code).map_or("", String::as_str));
            }
        }
    };
    for operand in operands {
        match operand {
            Object::Array(items) => items.iter().for_each(&mut add),
            other => add(other),
        }
    }
    out
}
