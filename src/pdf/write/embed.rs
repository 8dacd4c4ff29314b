//! Font embedding: each font the pages draw with becomes a composite (Type0) font of the glyphs
//! they use, written here as lopdf objects (ISO 32000-1, 9.7).
//!
//! The subset comes from the `subsetter` crate, which keeps the glyphs asked for (and, for
//! TrueType, the glyphs theirs are built from) and numbers them in the order asked, `.notdef`
//! first; it drops the font's cmap and makes CID = new glyph id. So the CIDs are 0 for
//! `.notdef`, then 1, 2, ... for the glyphs drawn in ascending original glyph id, and the pages
//! show them as two-byte codes under /Identity-H.
//!
//! Objects per font: the Type0 font (/Identity-H, /ToUnicode), its CIDFont (CIDFontType0 for
//! CFF outlines, CIDFontType2 with /CIDToGIDMap /Identity for TrueType outlines) with /DW, /W
//! and /CIDSystemInfo Adobe-Identity-0, the FontDescriptor, and the font program: the subset
//! as an OpenType file in /FontFile3 /Subtype /OpenType (CFF; PDF 1.6) or as a TrueType file in
//! /FontFile2. The OpenType wrapper keeps the CFF's metrics tables, and qpdf, pdffonts,
//! poppler, mupdf and ttf-parser all read it.
//!
//! [`prepare`] is cheap and runs first (the content streams need the CIDs); [`Font::build`]
//! subsets and compresses, one font per task, alongside the content streams; [`install`] adds
//! the objects to the document in font order, so the output does not depend on the threads.

mod descriptor;
mod tounicode;
mod widths;

use lopdf::{Dictionary, Document, Object, StringFormat};
use rustybuzz::ttf_parser::{self, GlyphId};

use super::deflate;
use super::fonts::tag;
use super::text::GlyphTexts;
use crate::diagnostic::Diagnostics;
use crate::fonts::FontFile;

/// PDF text-space units per em: widths and metrics are written in 1/1000 em.
const UNITS_PER_EM: f32 = 1000.0;

/// Widths keep this many decimals (a hundredth of a thousandth of an em) when a font's units
/// do not divide evenly into 1000 (DejaVu's 2048 per em).
const WIDTH_SCALE: f32 = 100.0;

/// A font the pages use, ready for the content streams: its resource name and the CID of every
/// glyph id they draw.
pub(super) struct Font {
    /// The subset tag, also the font's name in the pages' /Font resources.
    pub(super) tag: String,
    pub(super) file_name: &'static str,
    /// Glyph ids must be below this.
    pub(super) glyph_count: u16,
    /// Index in the document's fonts, for the glyph texts.
    index: usize,
    bytes: &'static [u8],
    face: ttf_parser::Face<'static>,
    /// Glyph ids by CID: `.notdef`, then the glyphs drawn, ascending.
    gids: Vec<u16>,
    /// CIDs by glyph id, for glyph ids up to the largest drawn (0 for glyphs not drawn).
    cids: Vec<u16>,
}

impl Font {
    /// The CID of a glyph the pages draw.
    pub(super) fn cid(&self, gid: u16) -> u16 {
        self.cids.get(usize::from(gid)).copied().unwrap_or(0)
    }
}

/// Parse every font the pages draw with and number the glyphs they use. None for an unused
/// font and for one that could not be read (the error is in `diags`).
pub(super) fn prepare(
    fonts: &[FontFile],
    texts: &GlyphTexts,
    diags: &mut Diagnostics,
) -> Vec<Option<Font>> {
    fonts
        .iter()
        .enumerate()
        .map(|(index, file)| {
            if !texts.uses(index) {
                return None;
            }
            let Some(tag) = tag(index) else {
                diags.error(
                    None,
                    format!("too many fonts for the PDF writer ({} given)", fonts.len()),
                );
                return None;
            };
            let face = match ttf_parser::Face::parse(file.bytes, 0) {
                Ok(face) => face,
                Err(err) => {
                    diags.error(
                        None,
                        format!("cannot read the font {} for the PDF: {err}", file.file_name),
                    );
                    return None;
                }
            };
            let glyph_count = face.number_of_glyphs();
            let mut gids = vec![0];
            gids.extend(texts.drawn(index).filter(|&g| g != 0 && g < glyph_count));
            let mut cids = vec![0; gids.last().map_or(1, |&g| usize::from(g) + 1)];
            for (cid, &gid) in gids.iter().enumerate() {
                // At most `glyph_count` (a u16) glyphs, so the CID fits.
                cids[usize::from(gid)] = cid as u16;
            }
            Some(Font {
                tag,
                file_name: file.file_name,
                glyph_count,
                index,
                bytes: file.bytes,
                face,
                gids,
                cids,
            })
        })
        .collect()
}

/// A font's objects, made by [`Font::build`] and numbered by [`install`].
pub(super) struct Objects {
    type0: Dictionary,
    cid_font: Dictionary,
    descriptor: Dictionary,
    /// The key of the program in the descriptor: FontFile2 or FontFile3.
    program_key: &'static str,
    program: lopdf::Stream,
    to_unicode: lopdf::Stream,
}

/// How the glyphs are drawn, which decides the CIDFont's subtype and the program's key.
#[derive(Clone, Copy, PartialEq)]
enum Outlines {
    TrueType,
    Cff,
}

impl Font {
    /// Subset the font and make its objects, streams compressed. An error is a message for
    /// the author.
    pub(super) fn build(&self, texts: &GlyphTexts) -> Result<Objects, String> {
        let outlines = self.outlines()?;
        let (program_key, program) = program(outlines, self.subset()?);
        let base_font = format!(
            "{}+{}",
            self.tag,
            postscript_name(&self.face, self.file_name)
        );
        let type0 = Dictionary::from_iter([
            ("Type", name("Font")),
            ("Subtype", name("Type0")),
            ("BaseFont", name(&base_font)),
            ("Encoding", name("Identity-H")),
        ]);
        Ok(Objects {
            type0,
            cid_font: self.cid_font(outlines, &base_font),
            descriptor: self.descriptor(&base_font),
            program_key,
            program,
            to_unicode: self.to_unicode(texts),
        })
    }

    /// Which outlines the font has; an error for a font that has neither kind PDF can embed.
    fn outlines(&self) -> Result<Outlines, String> {
        let tables = self.face.tables();
        if tables.glyf.is_some() {
            Ok(Outlines::TrueType)
        } else if tables.cff.is_some() {
            Ok(Outlines::Cff)
        } else {
            Err(format!(
                "{} has neither TrueType nor CFF outlines (CFF2 and bitmap fonts cannot be \
                 embedded)",
                self.file_name
            ))
        }
    }

    /// The font file cut down to the glyphs drawn, numbered by CID.
    fn subset(&self) -> Result<Vec<u8>, String> {
        let remapper = subsetter::GlyphRemapper::new_from_glyphs(&self.gids);
        // A user's font reaches the subsetter after ttf-parser accepted it; should a damaged
        // table still make the subsetter panic, that is this font's error, not a crash.
        std::panic::catch_unwind(|| subsetter::subset(self.bytes, 0, &remapper))
            .map_err(|_| format!("cannot subset {}: its tables are damaged", self.file_name))?
            .map_err(|err| format!("cannot subset {}: {err}", self.file_name))
    }

    /// Font units to PDF text-space units (1/1000 em).
    fn scale(&self) -> f32 {
        UNITS_PER_EM / f32::from(self.face.units_per_em().max(1))
    }

    /// The advance of glyph `gid` in 1/1000 em, as the font's /W array gives it.
    pub(super) fn advance(&self, gid: u16) -> f32 {
        let advance = f32::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0));
        (advance * self.scale() * WIDTH_SCALE).round() / WIDTH_SCALE
    }

    /// The CIDFont with its widths, without its descriptor reference (added by [`install`]).
    fn cid_font(&self, outlines: Outlines, base_font: &str) -> Dictionary {
        let by_cid: Vec<f32> = self.gids.iter().map(|&gid| self.advance(gid)).collect();
        let (default_width, w) = widths::widths(&by_cid);
        let mut cid_font = Dictionary::from_iter([
            ("Type", name("Font")),
            (
                "Subtype",
                name(match outlines {
                    Outlines::TrueType => "CIDFontType2",
                    Outlines::Cff => "CIDFontType0",
                }),
            ),
            ("BaseFont", name(base_font)),
            (
                "CIDSystemInfo",
                Object::Dictionary(Dictionary::from_iter([
                    ("Registry", literal("Adobe")),
                    ("Ordering", literal("Identity")),
                    ("Supplement", Object::Integer(0)),
                ])),
            ),
            ("DW", default_width),
        ]);
        if !w.is_empty() {
            cid_font.set("W", Object::Array(w));
        }
        if outlines == Outlines::TrueType {
            cid_font.set("CIDToGIDMap", name("Identity"));
        }
        cid_font
    }

    /// The /ToUnicode CMap: the text each CID stands for, so that the PDF's text can be copied.
    fn to_unicode(&self, texts: &GlyphTexts) -> lopdf::Stream {
        let cid_texts: Vec<(u16, &str)> = self
            .gids
            .iter()
            .enumerate()
            .map(|(cid, &gid)| (cid as u16, texts.get(self.index, gid)))
            .collect();
        deflate::stream(Dictionary::new(), tounicode::cmap(&cid_texts))
    }
}

/// The font program stream and its key in the descriptor: a TrueType subset goes into
/// /FontFile2, a CFF one (an OpenType file) into /FontFile3.
fn program(outlines: Outlines, subset: Vec<u8>) -> (&'static str, lopdf::Stream) {
    match outlines {
        Outlines::TrueType => {
            let length = subset.len() as i64;
            let dict = Dictionary::from_iter([("Length1", Object::Integer(length))]);
            ("FontFile2", deflate::stream(dict, subset))
        }
        Outlines::Cff => {
            let dict = Dictionary::from_iter([("Subtype", name("OpenType"))]);
            ("FontFile3", deflate::stream(dict, subset))
        }
    }
}

/// Add the fonts' objects to `d` in font order and return the /Font resource dictionary that
/// names each Type0 font by its tag.
pub(super) fn install(
    d: &mut Document,
    fonts: &[Option<Font>],
    objects: Vec<Option<Objects>>,
) -> Dictionary {
    let mut resources = Dictionary::new();
    for (font, objects) in fonts.iter().zip(objects) {
        let (Some(font), Some(mut objects)) = (font, objects) else {
            continue;
        };
        let program = d.add_object(objects.program);
        objects
            .descriptor
            .set(objects.program_key, Object::Reference(program));
        let descriptor = d.add_object(objects.descriptor);
        objects
            .cid_font
            .set("FontDescriptor", Object::Reference(descriptor));
        let cid_font = d.add_object(objects.cid_font);
        let to_unicode = d.add_object(objects.to_unicode);
        objects.type0.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        );
        objects
            .type0
            .set("ToUnicode", Object::Reference(to_unicode));
        let type0 = d.add_object(objects.type0);
        resources.set(font.tag.as_str(), Object::Reference(type0));
    }
    resources
}

/// The font's PostScript name as a PDF name may hold it: printable ASCII without delimiters
/// (ISO 32000-1, 9.6.4 asks for no spaces). Falls back on the file name, then "Font".
fn postscript_name(face: &ttf_parser::Face, file_name: &str) -> String {
    let from_table = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| {
            n.to_string().or_else(|| {
                (n.platform_id == ttf_parser::PlatformId::Macintosh)
                    .then(|| String::from_utf8_lossy(n.name).into_owned())
            })
        });
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    [from_table.as_deref().unwrap_or(""), stem, "Font"]
        .into_iter()
        .map(|candidate| {
            candidate
                .chars()
                .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
                .collect::<String>()
        })
        .find(|clean| !clean.is_empty())
        .unwrap_or_default()
}

fn name(value: &str) -> Object {
    Object::Name(value.as_bytes().to_vec())
}

fn literal(value: &str) -> Object {
    Object::String(value.as_bytes().to_vec(), StringFormat::Literal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{BODY_REGULAR, MONO};
    use crate::pdf::page::{DocumentInfo, Glyph, LaidOutDocument, Page, PageItem, Rgb, TextRun};

    /// A page with `text` in each font, one glyph per character, mapped through the font's cmap.
    fn document(fonts: Vec<FontFile>, text: &str) -> LaidOutDocument {
        let items = fonts
            .iter()
            .enumerate()
            .map(|(font, file)| {
                let face = ttf_parser::Face::parse(file.bytes, 0).expect("a built-in font");
                PageItem::Text(TextRun {
                    mark: Default::default(),
                    actual_text: None,
                    font,
                    size: 10.0,
                    x: 0.0,
                    y: 0.0,
                    color: Rgb::BLACK,
                    glyphs: text
                        .chars()
                        .map(|c| Glyph {
                            gid: face.glyph_index(c).expect("the font has it").0,
                            offset: 0.0,
                            text: c.to_string().into(),
                        })
                        .collect(),
                    scale: 1.0,
                })
            })
            .collect();
        LaidOutDocument {
            structure: Vec::new(),
            tagged: false,
            page_width: 100.0,
            page_height: 100.0,
            fonts,
            pages: vec![Page {
                items,
                ..Page::default()
            }],
            outline: vec![],
            labels: vec![],
            info: DocumentInfo::default(),
            print_pages: Default::default(),
        }
    }

    fn inflate(stream: &lopdf::Stream) -> Vec<u8> {
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone())
    }

    #[test]
    fn cff_and_truetype_fonts_embed_exactly_the_glyphs_drawn() {
        let text = "Quire types books: zebra";
        let doc = document(vec![BODY_REGULAR, MONO], text);
        let texts = GlyphTexts::collect(&doc);
        let mut diags = Diagnostics::new();
        let fonts = prepare(&doc.fonts, &texts, &mut diags);
        assert!(!diags.has_errors());
        // 20 distinct characters (space and colon included), plus .notdef.
        let distinct: std::collections::BTreeSet<char> = text.chars().collect();
        for (font, (subtype, key)) in fonts
            .iter()
            .zip([("CIDFontType0", "FontFile3"), ("CIDFontType2", "FontFile2")])
        {
            let font = font.as_ref().expect("drawn with");
            let original = ttf_parser::Face::parse(font.bytes, 0).expect("font");
            let objects = font.build(&texts).expect("embeds");
            assert_eq!(objects.program_key, key);
            assert_eq!(
                objects
                    .cid_font
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .ok(),
                Some(subtype.as_bytes())
            );
            let program = inflate(&objects.program);
            let subset = ttf_parser::Face::parse(&program, 0).expect("the subset parses");
            assert_eq!(
                usize::from(subset.number_of_glyphs()),
                distinct.len() + 1,
                "{}",
                font.file_name
            );
            // Each drawn glyph is at its CID in the subset: same advance, same outline box.
            for c in distinct.iter().copied() {
                let gid = original.glyph_index(c).expect("mapped");
                let cid = GlyphId(font.cid(gid.0));
                assert_ne!(cid.0, 0);
                assert_eq!(
                    subset.glyph_hor_advance(cid),
                    original.glyph_hor_advance(gid),
                    "{c}"
                );
                assert_eq!(
                    subset.glyph_bounding_box(cid),
                    original.glyph_bounding_box(gid),
                    "{c}"
                );
            }
            let base = objects.type0.get(b"BaseFont").and_then(Object::as_name);
            assert_eq!(
                base.ok(),
                objects
                    .descriptor
                    .get(b"FontName")
                    .and_then(Object::as_name)
                    .ok()
            );
            let cmap = String::from_utf8(inflate(&objects.to_unicode)).expect("ASCII");
            assert!(cmap.contains("beginbfchar") || cmap.contains("beginbfrange"));
        }
        let mono = fonts[1].as_ref().expect("mono");
        let objects = mono.build(&texts).expect("embeds");
        assert_eq!(
            objects
                .cid_font
                .get(b"CIDToGIDMap")
                .and_then(Object::as_name)
                .ok(),
            Some(&b"Identity"[..])
        );
        let length1 = objects
            .program
            .dict
            .get(b"Length1")
            .and_then(Object::as_i64);
        assert_eq!(length1.ok(), Some(inflate(&objects.program).len() as i64));
        let descriptor = &objects.descriptor;
        let flags = descriptor
            .get(b"Flags")
            .and_then(Object::as_i64)
            .expect("flags");
        assert_eq!(
            flags & descriptor::FLAG_FIXED_PITCH,
            descriptor::FLAG_FIXED_PITCH
        );
    }

    #[test]
    fn cids_follow_glyph_ids_and_install_names_each_font_by_its_tag() {
        let doc = document(vec![MONO, BODY_REGULAR, MONO], "cab");
        let mut doc = doc;
        // The third font is never drawn with.
        doc.pages[0].items.pop();
        let texts = GlyphTexts::collect(&doc);
        let mut diags = Diagnostics::new();
        let fonts = prepare(&doc.fonts, &texts, &mut diags);
        assert!(fonts[2].is_none());
        let face = ttf_parser::Face::parse(MONO.bytes, 0).expect("font");
        let gid = |c| face.glyph_index(c).expect("mapped").0;
        let mono = fonts[0].as_ref().expect("mono");
        // a, b, c have ascending glyph ids in DejaVu, so CIDs 1, 2, 3 in that order.
        assert!(gid('a') < gid('b') && gid('b') < gid('c'));
        assert_eq!(
            [mono.cid(gid('a')), mono.cid(gid('b')), mono.cid(gid('c'))],
            [1, 2, 3]
        );
        let built = fonts
            .iter()
            .map(|f| f.as_ref().map(|f| f.build(&texts).expect("embeds")))
            .collect();
        let mut d = Document::with_version("1.7");
        let resources = install(&mut d, &fonts, built);
        let names: Vec<&[u8]> = resources.iter().map(|(k, _)| k.as_slice()).collect();
        assert_eq!(names, [&b"QUIREA"[..], b"QUIREB"]);
        let (_, type0) = resources.iter().next().expect("a font");
        let type0 = d
            .get_dictionary(type0.as_reference().expect("ref"))
            .expect("dict");
        let base = type0
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .expect("name");
        assert_eq!(base, b"QUIREA+DejaVuSansMono");
        let descendant = type0
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .expect("descendants")[0]
            .as_reference()
            .expect("ref");
        let descriptor = d
            .get_dictionary(descendant)
            .and_then(|f| f.get(b"FontDescriptor"))
            .and_then(Object::as_reference)
            .and_then(|id| d.get_dictionary(id))
            .expect("descriptor");
        assert!(descriptor.get(b"FontFile2").is_ok());
        assert!(
            type0
                .get(b"ToUnicode")
                .and_then(Object::as_reference)
                .is_ok()
        );
    }

    #[test]
    fn postscript_names_are_clean_pdf_names() {
        let face = ttf_parser::Face::parse(BODY_REGULAR.bytes, 0).expect("font");
        assert_eq!(postscript_name(&face, "x.otf"), "LinLibertineO");
    }
}
