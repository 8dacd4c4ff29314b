//! The FontDescriptor (ISO 32000-1, 9.8): the font's name, flags and metrics, which a reader
//! uses to substitute a font it cannot load and to place text it selects.

use lopdf::{Dictionary, Object};
use rustybuzz::ttf_parser;

use super::{Font, name};

/// FontDescriptor /Flags bits (ISO 32000-1, table 123).
pub(super) const FLAG_FIXED_PITCH: i64 = 1 << 0;
const FLAG_SERIF: i64 = 1 << 1;
/// Symbolic: the glyphs are outside the Adobe standard Latin set, which is true of any CID
/// font shown by glyph id (the flag only matters to a reader substituting a font).
const FLAG_SYMBOLIC: i64 = 1 << 2;
const FLAG_ITALIC: i64 = 1 << 6;

/// OS/2 sFamilyClass classes (high byte) of serif designs: oldstyle, transitional, modern,
/// clarendon, slab and freeform serifs (class 6 is reserved).
const SERIF_CLASSES: [u8; 6] = [1, 2, 3, 4, 5, 7];
/// Byte offset of sFamilyClass in the OS/2 table.
const OS2_FAMILY_CLASS: usize = 30;

impl Font {
    /// The FontDescriptor, without its program reference (added by [`super::install`]).
    pub(super) fn descriptor(&self, base_font: &str) -> Dictionary {
        let face = &self.face;
        let scale = self.scale();
        let metric = |value: f32| Object::Integer((value * scale).round() as i64);
        let bbox = face.global_bounding_box();
        let ascent = f32::from(face.ascender());
        let cap_height = face
            .capital_height()
            .filter(|&h| h > 0)
            .or_else(|| {
                let h = face.glyph_index('H')?;
                face.glyph_bounding_box(h).map(|b| b.y_max)
            })
            .map_or(ascent, f32::from);
        Dictionary::from_iter([
            ("Type", name("FontDescriptor")),
            ("FontName", name(base_font)),
            ("Flags", Object::Integer(flags(face))),
            (
                "FontBBox",
                Object::Array(
                    [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                        .into_iter()
                        .map(|v| metric(f32::from(v)))
                        .collect(),
                ),
            ),
            ("ItalicAngle", Object::Real(face.italic_angle())),
            ("Ascent", metric(ascent)),
            ("Descent", metric(f32::from(face.descender()))),
            ("CapHeight", metric(cap_height)),
            ("StemV", Object::Integer(stem_v(face.weight().to_number()))),
        ])
    }
}

fn flags(face: &ttf_parser::Face) -> i64 {
    let mut flags = FLAG_SYMBOLIC;
    if face.is_monospaced() {
        flags |= FLAG_FIXED_PITCH;
    }
    if face.is_italic() || face.italic_angle() != 0.0 {
        flags |= FLAG_ITALIC;
    }
    let family_class = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))
        .and_then(|os2| os2.get(OS2_FAMILY_CLASS).copied());
    if family_class.is_some_and(|class| SERIF_CLASSES.contains(&class)) {
        flags |= FLAG_SERIF;
    }
    flags
}

/// The dominant vertical stem width, which OpenType does not record: estimated from the weight
/// class as other writers do (about 95 for regular 400, 169 for bold 700).
fn stem_v(weight: u16) -> i64 {
    (10.0 + 0.244 * (f32::from(weight) - 50.0)).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_widths_follow_the_weight_class() {
        assert_eq!(stem_v(400), 95);
        assert_eq!(stem_v(700), 169);
    }
}
