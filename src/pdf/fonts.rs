//! The faces the layout uses, parsed once per process, with the metrics layout needs.

use std::sync::Mutex;

use rustybuzz::Face;
use rustybuzz::ttf_parser::GlyphId;

use crate::fonts::{BookFont, FaceFile, FontFile, MAX_FALLBACKS};

pub use crate::fonts::FontKey;

/// How the layout steps between faces: emphasis, strong emphasis and fallbacks.
impl FontKey {
    /// The italic (emphasis) variant of this face.
    pub fn italic(self) -> FontKey {
        match self {
            FontKey::Regular => FontKey::Italic,
            FontKey::Bold => FontKey::BoldItalic,
            FontKey::Italic => FontKey::Regular,
            FontKey::BoldItalic => FontKey::Bold,
            other => other,
        }
    }

    /// The bold (strong) variant of this face.
    pub fn bold(self) -> FontKey {
        match self {
            FontKey::Regular => FontKey::Bold,
            FontKey::Italic => FontKey::BoldItalic,
            FontKey::HeadingRegular => FontKey::HeadingBold,
            other => other,
        }
    }

    /// Faces to try, in order, for a character this face lacks: same design first, then the
    /// monospace face, which covers the widest range (arrows, box drawing, symbols).
    pub fn fallbacks(self) -> [FontKey; 3] {
        [FontKey::Regular, FontKey::HeadingRegular, FontKey::Mono]
    }
}

/// One parsed face and the metrics layout uses, in em (font units / units per em).
pub struct LoadedFace {
    pub face: Face<'static>,
    pub units_per_em: f32,
    pub ascender: f32,
    pub descender: f32,
    /// Bit `c` set when the face maps the ASCII character `c`: most text is ASCII, and asking
    /// the cmap for every character of every word was a tenth of shaping.
    ascii: u128,
}

impl LoadedFace {
    fn load(file: FontFile) -> Option<LoadedFace> {
        let face = Face::from_slice(file.bytes, 0)?;
        let upem = (face.units_per_em() as f32).max(1.0);
        let ascii = (0..128u8)
            .filter(|&c| face.glyph_index(char::from(c)).is_some())
            .fold(0u128, |bits, c| bits | (1 << c));
        Some(LoadedFace {
            ascii,
            ascender: face.ascender() as f32 / upem,
            descender: face.descender() as f32 / upem,
            units_per_em: upem,
            face,
        })
    }

    pub fn has_char(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii & (1 << c as u32) != 0;
        }
        self.face.glyph_index(c).is_some()
    }

    /// The face's family name as its name table gives it (the typographic family when there is
    /// one, else the family), for the colophon.
    pub fn family_name(&self) -> String {
        use rustybuzz::ttf_parser::name_id::{FAMILY, TYPOGRAPHIC_FAMILY};
        let named = |id: u16| {
            self.face
                .names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        named(TYPOGRAPHIC_FAMILY)
            .or_else(|| named(FAMILY))
            .unwrap_or_else(|| "an unnamed typeface".into())
    }

    /// The nominal (hmtx) advance of a glyph, in em.
    pub fn advance(&self, gid: u16) -> f32 {
        self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0) as f32 / self.units_per_em
    }
}

/// The faces a document is set in: the seven (built-in ones, or files a print style names) and
/// the style's fallback faces after them.
pub struct FontSet {
    files: Vec<FontFile>,
    faces: Vec<LoadedFace>,
}

impl FontSet {
    /// The built-in set: parsed on first use only.
    #[cfg(test)]
    pub fn get() -> Option<&'static FontSet> {
        Some(FontSet::for_faces(&FaceFile::built_in(), &[]))
    }

    /// The set for a print style's faces and fallbacks, parsed once per process and distinct
    /// set of files and then kept for the life of the process, since shaped text borrows its
    /// faces.
    ///
    /// The loader checked that every file of a book is a font; one of the seven that would not
    /// parse anyway is replaced by the built-in face, a fallback left out.
    pub fn for_faces(faces: &[FaceFile; 7], fallbacks: &[FaceFile]) -> &'static FontSet {
        static SETS: Mutex<Vec<&'static FontSet>> = Mutex::new(Vec::new());
        let kept = |face: &FaceFile| match face {
            FaceFile::BuiltIn(file) => *file,
            FaceFile::Book(font) => kept_for_the_process(font),
        };
        let files: Vec<FontFile> = faces
            .iter()
            .chain(fallbacks.iter().take(MAX_FALLBACKS))
            .map(kept)
            .collect();
        let same = |set: &FontSet| {
            set.files.len() == files.len()
                && set
                    .files
                    .iter()
                    .zip(&files)
                    .all(|(a, b)| std::ptr::eq(a.bytes, b.bytes))
        };
        let mut sets = SETS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(set) = sets.iter().find(|s| same(s)) {
            return set;
        }
        let set: &'static FontSet = Box::leak(Box::new(FontSet::parse(files)));
        sets.push(set);
        set
    }

    fn parse(files: Vec<FontFile>) -> FontSet {
        let mut kept = Vec::with_capacity(files.len());
        let mut faces = Vec::with_capacity(files.len());
        for (key, file) in FontKey::EVERY.into_iter().zip(files) {
            let (file, face) = match LoadedFace::load(file) {
                Some(face) => (file, face),
                None if key as usize >= FontKey::ALL.len() => continue,
                None => {
                    debug_assert!(false, "the loader checks that {} is a font", file.file_name);
                    let built_in = key.file();
                    let face = LoadedFace::load(built_in).expect("the built-in fonts parse");
                    (built_in, face)
                }
            };
            kept.push(file);
            faces.push(face);
        }
        FontSet { files: kept, faces }
    }

    /// A face of the set; a fallback the set lacks stands for its body face.
    pub fn face(&self, key: FontKey) -> &LoadedFace {
        self.faces.get(key as usize).unwrap_or(&self.faces[0])
    }

    /// The file a face comes from.
    pub fn file(&self, key: FontKey) -> FontFile {
        self.files
            .get(key as usize)
            .copied()
            .unwrap_or(self.files[0])
    }

    /// The fallback faces the set has, in the order they are tried.
    pub fn fallbacks(&self) -> &'static [FontKey] {
        let count = self.faces.len().saturating_sub(FontKey::ALL.len());
        &FontKey::FALLBACKS[..count.min(MAX_FALLBACKS)]
    }
}

/// The files of a style's fallback faces, kept for the process (for the EPUB, which embeds
/// them too).
pub fn fallback_files(fallbacks: &[FaceFile]) -> Vec<FontFile> {
    let kept = fallbacks.iter().take(MAX_FALLBACKS).map(|face| match face {
        FaceFile::BuiltIn(file) => *file,
        FaceFile::Book(font) => kept_for_the_process(font),
    });
    kept.collect()
}

/// A book's font file with the lifetime of the process that the faces parsed from it need: each
/// distinct file is copied once, however many builds use it, so what a process keeps is bounded by
/// the font files it reads.
fn kept_for_the_process(font: &BookFont) -> FontFile {
    static KEPT: Mutex<Vec<FontFile>> = Mutex::new(Vec::new());
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    let same = |file: &&FontFile| file.file_name == font.file_name && file.bytes == &font.bytes[..];
    if let Some(file) = kept.iter().find(same) {
        return *file;
    }
    let file = FontFile {
        file_name: Box::leak(font.file_name.clone().into_boxed_str()),
        bytes: Box::leak(font.bytes.to_vec().into_boxed_slice()),
    };
    kept.push(file);
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_faces_name_their_families() {
        let set = FontSet::get().expect("fonts");
        let names: Vec<String> = FontKey::ALL
            .iter()
            .map(|k| set.face(*k).family_name())
            .collect();
        assert!(names[0].starts_with("Linux Libertine"), "{names:?}");
        assert!(names[4].starts_with("Linux Biolinum"), "{names:?}");
        assert_eq!(names[6], "DejaVu Sans Mono");
    }

    #[test]
    fn has_char_agrees_with_the_cmap_in_and_beyond_ascii() {
        let set = FontSet::get().expect("built-in fonts parse");
        for key in FontKey::ALL {
            let face = set.face(key);
            for c in (0..0x300u32).filter_map(char::from_u32) {
                assert_eq!(
                    face.has_char(c),
                    face.face.glyph_index(c).is_some(),
                    "{key:?} {c:?}"
                );
            }
            assert!(face.has_char('a') && !face.has_char('\u{1F600}'));
        }
    }
}
