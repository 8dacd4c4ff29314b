//! The finished lopdf document as PDF bytes: the header with its binary mark, every object in
//! id order, a classic cross-reference table and the trailer.
//!
//! lopdf's own writer formats through `dyn Write` and `fmt` byte by byte; a tagged book has
//! thousands of small structure elements, and writing them with it took longer than building
//! them. This writer formats numbers itself and writes the objects in parts on all threads. Its output is the
//! syntax lopdf writes (ISO 32000-1, 7.3 and 7.5), so lopdf and every validator read it.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use rayon::prelude::*;

use super::content::digits;

/// Dictionaries kept as their entries beside a document, not as lopdf dictionaries: a tagged
/// book's tens of thousands of structure elements (building a lopdf dictionary hashes every
/// key, which was most of the structure tree's time). By object id, ascending.
#[derive(Debug, Default)]
pub struct LooseDictionaries(pub(super) Vec<(ObjectId, Vec<(&'static str, Object)>)>);

impl LooseDictionaries {
    /// Put them into `d` as lopdf dictionaries, for changes that follow references through
    /// the whole document (the press file's).
    pub fn into_document(self, d: &mut Document) {
        for (id, entries) in self.0 {
            d.objects
                .insert(id, Object::Dictionary(Dictionary::from_iter(entries)));
        }
    }
}

/// An object to write: one of the document's, or one already written.
#[derive(Clone, Copy)]
enum Item<'a> {
    Object(&'a Object),
    Entries(&'a [(&'static str, Object)]),
}

/// Write `d` with the dictionaries `loose` beside it as PDF bytes. Every stream's /Length is
/// set from its content.
pub(super) fn save(d: &Document, loose: &LooseDictionaries) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimate(d) + loose.0.len() * OBJECT_BYTES);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(d.version.as_bytes());
    out.extend_from_slice(b"\n%");
    // PDF/A wants four bytes of 128 or more on the second line (ISO 19005-2, 6.1.2).
    if d.binary_mark.len() >= 4 && d.binary_mark.iter().all(|&b| b >= 128) {
        out.extend_from_slice(&d.binary_mark);
    } else {
        out.extend_from_slice(&[0xE2, 0xE3, 0xCF, 0xD3]);
    }
    out.push(b'\n');
    let objects = in_id_order(d, loose);
    let size = objects.last().map_or(0, |((id, _), _)| *id) as usize + 1;
    let mut offsets: Vec<Option<usize>> = vec![None; size];
    // The objects are written in parts on all threads, then joined in id order.
    let part_len = objects.len().div_ceil(SERIALISED_PARTS).max(1);
    let parts: Vec<Part> = objects.par_chunks(part_len).map(written_part).collect();
    for part in parts {
        let base = out.len();
        for (id, at) in part.offsets {
            offsets[id as usize] = Some(base + at);
        }
        out.extend_from_slice(&part.bytes);
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 ");
    digits(&mut out, size as u64, 1);
    out.extend_from_slice(b"\n0000000000 65535 f \n");
    for offset in &offsets[1..] {
        match offset {
            // Each entry is 20 bytes: ten digits, a space, five digits, a space, a type, EOL.
            Some(at) => {
                digits(&mut out, *at as u64, 10);
                out.extend_from_slice(b" 00000 n \n");
            }
            None => out.extend_from_slice(b"0000000000 00000 f \n"),
        }
    }
    let mut trailer = d.trailer.clone();
    trailer.set("Size", Object::Integer(size as i64));
    for key in [&b"Prev"[..], b"XRefStm"] {
        trailer.remove(key);
    }
    out.extend_from_slice(b"trailer\n");
    write_dictionary(&mut out, &trailer);
    out.extend_from_slice(b"\nstartxref\n");
    digits(&mut out, xref as u64, 1);
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

/// How many parts the objects are written in: a few per core, so that a part of large streams
/// does not keep the others waiting.
const SERIALISED_PARTS: usize = 8;

/// Objects written one after another, with where each begins in `bytes`.
struct Part {
    bytes: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

/// The document's objects and the loose dictionaries, merged by id.
fn in_id_order<'a>(d: &'a Document, loose: &'a LooseDictionaries) -> Vec<(ObjectId, Item<'a>)> {
    let mut objects = d
        .objects
        .iter()
        .map(|(&id, o)| (id, Item::Object(o)))
        .peekable();
    let mut entries = loose
        .0
        .iter()
        .map(|(id, e)| (*id, Item::Entries(e)))
        .peekable();
    let mut merged = Vec::with_capacity(d.objects.len() + loose.0.len());
    loop {
        let take_object = match (objects.peek(), entries.peek()) {
            (Some((a, _)), Some((b, _))) => a <= b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_object {
            objects.next()
        } else {
            entries.next()
        };
        merged.extend(next);
    }
    merged
}

/// `objects` as `id generation obj ... endobj`.
fn written_part(objects: &[(ObjectId, Item)]) -> Part {
    let room = objects
        .iter()
        .map(|(_, item)| match item {
            Item::Object(o) => object_estimate(o),
            Item::Entries(_) => OBJECT_BYTES,
        })
        .sum();
    let mut part = Part {
        bytes: Vec::with_capacity(room),
        offsets: Vec::with_capacity(objects.len()),
    };
    for &((id, generation), item) in objects {
        let out = &mut part.bytes;
        part.offsets.push((id, out.len()));
        digits(out, u64::from(id), 1);
        out.push(b' ');
        digits(out, u64::from(generation), 1);
        out.extend_from_slice(b" obj\n");
        match item {
            Item::Object(object) => write_object(out, object),
            Item::Entries(entries) => {
                write_entries(out, entries.iter().map(|(k, v)| (k.as_bytes(), v)));
            }
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    part
}

/// Bytes of an average object that is not a stream, and of a stream's dictionary.
const OBJECT_BYTES: usize = 80;

fn object_estimate(object: &Object) -> usize {
    match object {
        Object::Stream(s) => s.content.len() + OBJECT_BYTES,
        _ => OBJECT_BYTES,
    }
}

/// Room for the whole file: the streams' bytes and a little for every other object.
fn estimate(d: &Document) -> usize {
    d.objects.values().map(object_estimate).sum()
}

fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => integer(out, *value),
        Object::Real(value) => real(out, *value),
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => hex(out, text),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_separator(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            write_dictionary(out, &dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            digits(out, u64::from(*id), 1);
            out.push(b' ');
            digits(out, u64::from(*generation), 1);
            out.extend_from_slice(b" R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    write_entries(out, dict.iter().map(|(key, value)| (key.as_slice(), value)));
}

/// A dictionary of `entries`, in their order, as [`write_dictionary`] writes one.
fn write_entries<'a>(out: &mut Vec<u8>, entries: impl IntoIterator<Item = (&'a [u8], &'a Object)>) {
    out.extend_from_slice(b"<<");
    for (key, value) in entries {
        write_name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// Whether `object` needs a space before it: it does not start with a delimiter.
fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn integer(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    digits(out, value.unsigned_abs(), 1);
}

/// A real in the shortest form that reads back as the same f32 (0 for what is not a number,
/// which PDF cannot write).
fn real(out: &mut Vec<u8>, value: f32) {
    use std::io::Write;
    if !value.is_finite() {
        out.push(b'0');
        return;
    }
    // Display never writes an exponent for f32.
    let _ = write!(out, "{value}");
}

/// A name, its delimiters, white space, `#` and bytes outside `!`..`~` as `#XX` (7.3.5).
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b"()<>[]{}/%#".contains(&byte) || !(b'!'..=b'~').contains(&byte) {
            out.push(b'#');
            hex_byte(out, byte);
        } else {
            out.push(byte);
        }
    }
}

/// A literal string, every parenthesis and backslash escaped, and CR (a reader would take it
/// for a line end, 7.3.4.2).
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &byte in text {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

fn hex(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'<');
    for &byte in text {
        hex_byte(out, byte);
    }
    out.push(b'>');
}

fn hex_byte(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(HEX[usize::from(byte >> 4)]);
    out.push(HEX[usize::from(byte & 0xF)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        assert_eq!(written(&Object::Integer(-42)), "-42");
        assert_eq!(written(&Object::Real(595.2756)), "595.2756");
        assert_eq!(written(&Object::Real(f32::NAN)), "0");
        assert_eq!(written(&Object::Name(b"A B#/".to_vec())), "/A#20B#23#2F");
        assert_eq!(
            written(&Object::String(b"a(b)\\\r".to_vec(), StringFormat::Literal)),
            "(a\\(b\\)\\\\\\r)"
        );
        assert_eq!(
            written(&Object::String(vec![0xFE, 0x01], StringFormat::Hexadecimal)),
            "<FE01>"
        );
        let dict = Dictionary::from_iter([
            (
                "K",
                Object::Array(vec![Object::Integer(1), Object::Reference((7, 0))]),
            ),
            ("S", Object::Name(b"P".to_vec())),
        ]);
        assert_eq!(written(&Object::Dictionary(dict)), "<</K[1 7 0 R]/S/P>>");
    }

    #[test]
    fn a_saved_document_reads_back_with_its_objects() {
        let mut d = Document::with_version("1.7");
        let stream = lopdf::Stream::new(Dictionary::new(), b"BT ET".to_vec());
        let content = d.add_object(stream);
        let catalog = d.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Content", Object::Reference(content)),
        ]));
        d.trailer.set("Root", Object::Reference(catalog));
        let bytes = save(&d, &LooseDictionaries::default());
        let read = Document::load_mem(&bytes).expect("lopdf reads it");
        assert_eq!(read.version, "1.7");
        let stream = read
            .get_object(content)
            .and_then(Object::as_stream)
            .expect("stream");
        assert_eq!(stream.content, b"BT ET");
        assert!(bytes.ends_with(b"%%EOF\n"));
    }
}
