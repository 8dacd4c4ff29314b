//! `[fonts] fallback-system = true`: the fonts installed on the machine (found through
//! fontconfig's configuration, with the `fontdb` crate) searched for the characters of the book
//! that neither its faces nor its fallbacks have. Each font that has some of them becomes one
//! more fallback, in the order of their paths (the same fonts give the same book), until no
//! character is left or the fallbacks are full (upright regular faces before the others).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fonts::{BookFont, FaceFile, MAX_FALLBACKS};
use crate::model::{Book, PrintStyle};

/// The characters of `book` none of `style`'s faces and fallbacks has.
fn missing_chars(book: &Book, style: &PrintStyle) -> BTreeSet<char> {
    let faces: Vec<_> = style
        .fonts
        .iter()
        .chain(&style.fallbacks)
        .filter_map(|f| rustybuzz::ttf_parser::Face::parse(f.bytes(), 0).ok())
        .collect();
    let text = book.text();
    let mut seen = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
    {
        if seen.insert(c) && !faces.iter().any(|f| f.glyph_index(c).is_some()) {
            missing.insert(c);
        }
    }
    missing
}

/// Adds to the book's fallbacks the installed fonts that have its missing characters, when its
/// print style asks for them; a note names each font taken.
pub fn add_system_fallbacks(book: &mut Book, diags: &mut Diagnostics) {
    if !book.styles.print.fallback_system {
        return;
    }
    let missing = missing_chars(book, &book.styles.print);
    if missing.is_empty() {
        return;
    }
    let mut db = fontdb::Database::new();
    crate::timing::phase("system fonts", || db.load_system_fonts());
    let found = fallbacks_from(
        &db,
        missing,
        MAX_FALLBACKS - book.styles.print.fallbacks.len(),
    );
    for (path, font) in found {
        diags.push(Diagnostic::note(
            None,
            format!(
                "the installed font {} draws characters the book's fonts lack",
                path.display()
            ),
        ));
        book.styles.print.fallbacks.push(FaceFile::Book(font));
    }
}

/// At most `room` fonts of `db`, upright regular ones first, then in the order of their
/// paths, each with some of `missing`
/// that the fonts before it lack.
fn fallbacks_from(
    db: &fontdb::Database,
    mut missing: BTreeSet<char>,
    room: usize,
) -> Vec<(PathBuf, BookFont)> {
    // Upright regular faces first (the text they stand in for is mostly neither bold nor
    // italic), then by path.
    let mut files: Vec<(bool, PathBuf)> = db
        .faces()
        .filter(|face| face.index == 0)
        .filter_map(|face| match &face.source {
            fontdb::Source::File(path) => {
                let plain =
                    face.weight == fontdb::Weight::NORMAL && face.style == fontdb::Style::Normal;
                Some((!plain, path.clone()))
            }
            _ => None,
        })
        .collect();
    files.sort();
    files.dedup();
    let files = files.into_iter().map(|(_, path)| path);
    let mut out = Vec::new();
    for path in files {
        if missing.is_empty() || out.len() >= room {
            break;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(face) = rustybuzz::ttf_parser::Face::parse(&bytes, 0) else {
            continue;
        };
        let before = missing.len();
        missing.retain(|c| face.glyph_index(*c).is_none());
        if missing.len() == before {
            continue;
        }
        let file_name = path
            .file_name()
            .map_or_else(|| "font".into(), |n| n.to_string_lossy().into_owned());
        out.push((
            path.clone(),
            BookFont {
                file_name,
                bytes: Arc::from(bytes),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_of_a_folder_are_taken_in_path_order_for_what_is_missing() {
        let mut db = fontdb::Database::new();
        db.load_fonts_dir("tests/fixtures/authors/fonts");
        let missing: BTreeSet<char> = ['实', 'ي', '😀'].into_iter().collect();
        let found = fallbacks_from(&db, missing.clone(), MAX_FALLBACKS);
        let names: Vec<&str> = found.iter().map(|(_, f)| f.file_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "NotoNaskhArabic-fixture.ttf",
                "NotoSansSC-fixture.otf",
                "Symbola-fixture.ttf"
            ]
        );
        assert_eq!(fallbacks_from(&db, missing, 1).len(), 1);
        let arabic_only: BTreeSet<char> = ['ي'].into_iter().collect();
        assert!(fallbacks_from(&db, BTreeSet::new(), MAX_FALLBACKS).is_empty());
        assert_eq!(fallbacks_from(&db, arabic_only, MAX_FALLBACKS).len(), 1);
    }
}
