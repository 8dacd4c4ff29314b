//! SVG images, shared by both outputs: read once at load time with usvg (which also proves them
//! sound), their text laid out in the book's own faces; the PDF draws the tree as vector
//! graphics (`pdf::write::content::svg`), the EPUB packages the file cleaned of what a book
//! must not carry ([`sanitise`]).
//!
//! The font database holds the print style's seven faces and nothing from the machine, so the
//! same book draws the same glyphs everywhere: `serif` is the body face, `sans-serif` the
//! heading face, `monospace` the code face, and a family the book lacks falls back to the body.

pub mod sanitise;

use std::fmt;
use std::sync::Arc;

use svg2pdf::usvg::{self, fontdb};

use crate::fonts::{FaceFile, FontKey};

/// An SVG image as usvg reads it: shapes, with its text already turned into outlines of the
/// book's faces.
#[derive(Clone)]
pub struct Drawing(Arc<usvg::Tree>);

impl Drawing {
    pub fn tree(&self) -> &usvg::Tree {
        &self.0
    }

    /// Width and height in CSS pixels (the SVG's own units), at least one each.
    pub fn size(&self) -> (u32, u32) {
        let size = self.0.size();
        let side = |v: f32| v.round().clamp(1.0, u32::MAX as f32) as u32;
        (side(size.width()), side(size.height()))
    }
}

/// Drawings are read from an asset's bytes, which the asset compares: equal bytes, equal
/// drawings.
impl PartialEq for Drawing {
    fn eq(&self, _other: &Drawing) -> bool {
        true
    }
}

impl fmt::Debug for Drawing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (w, h) = self.size();
        write!(f, "Drawing({w} x {h})")
    }
}

/// Whether `bytes` look like an SVG file (an XML document whose root is `<svg>`), before
/// anything reads them as one.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml") || text.starts_with("<svg") || text.starts_with("<!"))
        && text.contains("<svg")
}

/// How much of a file is read to tell an SVG: its XML declaration, doctype and comments and the
/// root's start fit in this many bytes in every SVG editor's output.
const SNIFF_BYTES: usize = 4096;

/// Reads an SVG file, its text set in `faces` (the print style's); the parser's message when it
/// is not a sound SVG.
pub fn read(bytes: &[u8], faces: &[FaceFile; 7]) -> Result<Drawing, String> {
    let db = font_database(faces);
    let options = usvg::Options {
        font_family: family_in(&db, faces, FontKey::Regular).unwrap_or_default(),
        fontdb: Arc::new(db),
        // Nothing outside the file: an `<image>` may embed a data URL, never name a file.
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(bytes, &options)
        .map(|tree| Drawing(Arc::new(tree)))
        .map_err(|err| err.to_string())
}

/// The style's faces as usvg's font database, with the generic families set to them.
fn font_database(faces: &[FaceFile; 7]) -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for face in faces {
        let source = match face {
            FaceFile::BuiltIn(file) => fontdb::Source::Binary(Arc::new(file.bytes)),
            FaceFile::Book(font) => fontdb::Source::Binary(Arc::new(font.bytes.clone())),
        };
        db.load_font_source(source);
    }
    if let Some(body) = family_in(&db, faces, FontKey::Regular) {
        db.set_serif_family(body.clone());
        db.set_cursive_family(body.clone());
        db.set_fantasy_family(body);
    }
    if let Some(heading) = family_in(&db, faces, FontKey::HeadingRegular) {
        db.set_sans_serif_family(heading);
    }
    if let Some(mono) = family_in(&db, faces, FontKey::Mono) {
        db.set_monospace_family(mono);
    }
    db
}

/// The family name of the style's `key` face, as the font database reads it.
fn family_in(db: &fontdb::Database, faces: &[FaceFile; 7], key: FontKey) -> Option<String> {
    let bytes = faces[key as usize].bytes();
    db.faces()
        .find(|face| match &face.source {
            fontdb::Source::Binary(data) => (**data).as_ref().as_ptr() == bytes.as_ptr(),
            _ => false,
        })
        .and_then(|face| face.families.first())
        .map(|(name, _)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIAGRAM: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="10" y="10" width="80" height="40" fill="#1f3f8f"/>
  <text x="20" y="80" font-family="sans-serif" font-size="14">Sample</text>
</svg>"##;

    #[test]
    fn an_svg_is_read_with_its_size_and_its_text_drawn_in_the_books_faces() {
        assert!(looks_like_svg(DIAGRAM.as_bytes()));
        let drawing = read(DIAGRAM.as_bytes(), &FaceFile::built_in()).expect("reads");
        assert_eq!(drawing.size(), (200, 100));
        // The text became outlines: a group of paths, not a text node left undrawn.
        fn paths(group: &usvg::Group) -> usize {
            group
                .children()
                .iter()
                .map(|node| match node {
                    usvg::Node::Group(g) => paths(g),
                    usvg::Node::Path(_) => 1,
                    usvg::Node::Text(text) => paths(text.flattened()),
                    usvg::Node::Image(_) => 0,
                })
                .sum()
        }
        assert!(paths(drawing.tree().root()) > 1, "the text drew glyphs");
    }

    #[test]
    fn a_broken_svg_is_the_parsers_message() {
        let err = read(
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>",
            &FaceFile::built_in(),
        )
        .expect_err("broken");
        assert!(err.contains("rect") || err.contains("1:"), "{err}");
        assert!(!looks_like_svg(b"\x89PNG\r\n"));
    }
}
