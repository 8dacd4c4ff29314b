//! The fonts the EPUB carries: only the built-in faces its text is drawn in, each cut down to
//! the characters drawn in it. Which face draws what is read from the stylesheet's
//! `@font-face` and font rules applied to the content documents (`usage`); the subsets come
//! from `subsetter`, as the PDF writer's do, with the `cmap` and `OS/2` tables it leaves out
//! added (`subset`), since a reading system needs them to use a font on its own. `@font-face` rules
//! of faces left out are taken out of the stylesheet, so nothing refers to a missing file, and
//! the licence of every font packaged goes with it, as the OFL and the Bitstream Vera licence
//! ask.

mod css;
mod fallback;
mod selector;
mod subset;
mod tokens;
mod usage;

use std::collections::BTreeSet;

use crate::fonts::{self, FontFile};

/// Characters a reading system may draw that are not in the text: the hyphens a reader's
/// hyphenation inserts (hyphen-minus, hyphen, non-breaking hyphen) and the soft hyphen.
const INSERTED: [char; 4] = ['-', '\u{2010}', '\u{2011}', '\u{00AD}'];
/// Below this many characters in all the fonts, they are subset on one thread
/// (`crate::parallel`): the guide's five faces draw about 400 and subset in 0.7-1.1 ms; a
/// fallback face for Chinese or Japanese text draws thousands.
const PARALLEL_SUBSET_CHARS: usize = 2_000;

/// A file of the package: its path in OEBPS, bytes and media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackagedFile {
    pub href: String,
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
}

/// What the package carries for its fonts, decided before any font is subset: the stylesheet
/// as packaged, and the fonts (with the characters each draws) and licences that go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub stylesheet: String,
    fonts: Vec<(FontFile, BTreeSet<char>)>,
    licences: Vec<fonts::Licence>,
}

/// One built-in font the stylesheet's `@font-face` rules name.
struct Named {
    file: FontFile,
    /// Indices of the rules naming it.
    rules: Vec<usize>,
}

/// The characters each `@font-face` of a stylesheet draws, gathered document by document: the
/// content documents are read while the package's navigation is still being written, the
/// navigation documents after.
#[derive(Clone)]
pub struct Drawn {
    sheet: css::Sheet,
    /// Per face of the sheet; None when the fonts are left to the reading system.
    chars: Option<Vec<BTreeSet<char>>>,
}

impl Drawn {
    /// What `documents` draw under `stylesheet`; nothing when `embed` is false, which leaves
    /// the fonts to the reading system.
    pub fn new(stylesheet: &str, documents: &[&str], embed: bool) -> Drawn {
        let sheet = css::parse(stylesheet);
        let chars = embed.then(|| usage::characters(&sheet, documents));
        Drawn { sheet, chars }
    }

    /// Adds what more `documents` draw.
    pub fn add(&mut self, documents: &[&str]) {
        if let Some(chars) = &mut self.chars {
            let more = usage::characters(&self.sheet, documents);
            for (face, more) in chars.iter_mut().zip(more) {
                face.extend(more);
            }
        }
    }
}

/// The fonts every XHTML file of the package is drawn in under `stylesheet`, as gathered in
/// `drawn`, with the print style's `fallbacks` for the characters those fonts lack.
pub fn plan(stylesheet: &str, drawn: Drawn, fallbacks: &[FontFile]) -> Plan {
    let sheet = drawn.sheet;
    let named = built_in_faces(&sheet.faces);
    let drawn = drawn
        .chars
        .unwrap_or_else(|| vec![BTreeSet::new(); sheet.faces.len()]);
    let mut kept: Vec<usize> = Vec::new();
    let mut fonts: Vec<(FontFile, BTreeSet<char>)> = Vec::new();
    for n in &named {
        let chars = n.rules.iter().flat_map(|&r| drawn[r].iter().copied());
        let mut chars: BTreeSet<char> = chars.collect();
        if subset::draws_any(n.file, &chars) {
            chars.extend(INSERTED);
            fonts.push((n.file, chars));
            kept.extend(&n.rules);
        }
    }
    let dropped = named
        .iter()
        .flat_map(|n| &n.rules)
        .filter(|r| !kept.contains(r));
    let spans: Vec<_> = dropped.map(|&r| sheet.faces[r].span.clone()).collect();
    let mut stylesheet = without(stylesheet, spans);
    if !fallbacks.is_empty() {
        let assigned = fallback::assign(&fonts, fallbacks);
        stylesheet.push_str(&fallback::face_rules(&sheet.faces, &kept, &assigned));
        fonts.extend(assigned);
    }
    let mut licences: Vec<fonts::Licence> = Vec::new();
    let built_in = fonts.iter().filter(|(file, _)| fonts::ALL.contains(file));
    for licence in built_in.map(|(file, _)| fonts::licence(*file)) {
        if !licences.contains(&licence) {
            licences.push(licence);
        }
    }
    Plan {
        stylesheet,
        fonts,
        licences,
    }
}

impl Plan {
    /// The files' paths and media types, for the manifest.
    pub fn manifest(&self) -> Vec<(String, &'static str)> {
        let fonts = self.fonts.iter().map(|(f, _)| (href(*f), media_type(*f)));
        let licences = self
            .licences
            .iter()
            .map(|l| (licence_href(l), "text/plain"));
        fonts.chain(licences).collect()
    }

    /// The fonts, subset (on the threads of the pool when they draw many characters), then
    /// the licences.
    pub fn files(&self) -> Vec<PackagedFile> {
        let drawn: usize = self.fonts.iter().map(|(_, chars)| chars.len()).sum();
        let parallel = drawn >= PARALLEL_SUBSET_CHARS;
        let mut files = crate::parallel::map(&self.fonts, parallel, |(file, chars)| PackagedFile {
            href: href(*file),
            bytes: subset::subset(*file, chars),
            media_type: media_type(*file),
        });
        files.extend(self.licences.iter().map(|l| PackagedFile {
            href: licence_href(l),
            bytes: l.text.as_bytes().to_vec(),
            media_type: "text/plain",
        }));
        files
    }
}

fn licence_href(licence: &fonts::Licence) -> String {
    format!("fonts/{}", licence.file_name)
}

/// The built-in fonts the `@font-face` rules name by their file, in the order first named.
fn built_in_faces(faces: &[css::FaceRule]) -> Vec<Named> {
    let mut named: Vec<Named> = Vec::new();
    for (index, face) in faces.iter().enumerate() {
        let Some(file) = fonts::ALL.into_iter().find(|f| href(*f) == face.url) else {
            continue;
        };
        match named.iter_mut().find(|n| n.file == file) {
            Some(n) => n.rules.push(index),
            None => named.push(Named {
                file,
                rules: vec![index],
            }),
        }
    }
    named
}

/// Where a font goes in the package, relative to the stylesheet: the first face of a collection
/// (`.ttc`) is packaged as a font of its own, named for its outlines.
fn href(file: FontFile) -> String {
    let name = file.file_name;
    match name
        .strip_suffix(".ttc")
        .or_else(|| name.strip_suffix(".otc"))
    {
        Some(stem) if media_type(file) == "font/otf" => format!("fonts/{stem}.otf"),
        Some(stem) => format!("fonts/{stem}.ttf"),
        None => format!("fonts/{name}"),
    }
}

fn media_type(file: FontFile) -> &'static str {
    let cff = rustybuzz::ttf_parser::RawFace::parse(file.bytes, 0).is_ok_and(|face| {
        face.table(rustybuzz::ttf_parser::Tag::from_bytes(b"CFF "))
            .is_some()
    });
    if cff { "font/otf" } else { "font/ttf" }
}

/// `text` without the byte ranges `spans` (and the line break after each).
fn without(text: &str, mut spans: Vec<std::ops::Range<usize>>) -> String {
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        at = span.end;
        if text[at..].starts_with('\n') {
            at += 1;
        }
    }
    out.push_str(&text[at..]);
    out
}
