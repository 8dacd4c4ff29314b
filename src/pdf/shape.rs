//! Shaping with rustybuzz (OpenType kerning and standard ligatures), with a per-document cache:
//! each distinct (face, text) is shaped once; widths scale with the size.

use std::collections::BTreeSet;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use smol_str::SmolStr;

use super::fonts::{FontKey, FontSet};
use super::hyphenate::{Patterns, patterns_for};

/// One shaped glyph. Advances are in em, so one shaping serves every size.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedGlyph {
    pub font: FontKey,
    pub gid: u16,
    /// The advance after shaping (kerning applied).
    pub advance: f32,
    /// The font's nominal (hmtx) advance.
    pub nominal: f32,
    /// The text this glyph stands for.
    pub text: SmolStr,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    pub glyphs: Vec<ShapedGlyph>,
    /// The sum of the advances, in em.
    pub width: f32,
}

pub struct Shaper {
    pub fonts: &'static FontSet,
    /// The hyphenation patterns of the book's language (None: it has none), for text in the
    /// book's language.
    pub book_patterns: Option<Patterns>,
    /// The book's language is written right to left: its lines are laid out from the right.
    pub right_to_left: bool,
    /// One map per face (indexed by `FontKey as usize`), so a lookup hashes only the text and
    /// allocates nothing. Fx hashing: the keys are short words, not attacker-chosen.
    cache: [FxHashMap<Box<str>, Rc<Shaped>>; FontKey::EVERY.len()],
    /// Characters no face has, found since the last [`Shaper::take_missing`].
    missing: BTreeSet<char>,
    reported: BTreeSet<char>,
    /// Shape plans by face, direction and script: `rustybuzz::shape` compiles a new plan on
    /// every call, which was an eighth of the guide's whole build.
    plans: Vec<(
        FontKey,
        rustybuzz::Direction,
        rustybuzz::Script,
        rustybuzz::ShapePlan,
    )>,
}

impl Shaper {
    pub fn new(fonts: &'static FontSet) -> Shaper {
        Shaper {
            fonts,
            book_patterns: patterns_for("en"),
            right_to_left: false,
            cache: Default::default(),
            missing: BTreeSet::new(),
            reported: BTreeSet::new(),
            plans: Vec::new(),
        }
    }

    /// `text` shaped in `font`, characters the face lacks taken from a fallback face.
    pub fn shape(&mut self, font: FontKey, text: &str) -> Rc<Shaped> {
        if let Some(hit) = self.cache[font as usize].get(text) {
            return hit.clone();
        }
        let shaped = Rc::new(self.shape_uncached(font, text));
        self.cache[font as usize].insert(text.into(), shaped.clone());
        shaped
    }

    /// Width in em of `text` in `font`.
    pub fn width(&mut self, font: FontKey, text: &str) -> f32 {
        self.shape(font, text).width
    }

    /// Characters missing from every face since the last call (each reported once per document).
    pub fn take_missing(&mut self) -> Vec<char> {
        let fresh: Vec<char> = self.missing.difference(&self.reported).copied().collect();
        self.reported.extend(fresh.iter().copied());
        self.missing.clear();
        fresh
    }

    /// Whether a face (or one of its fallbacks) can draw `c`.
    pub fn can_draw(&self, font: FontKey, c: char) -> bool {
        self.face_for(font, c).is_some()
    }

    fn face_for(&self, font: FontKey, c: char) -> Option<FontKey> {
        if c.is_control() || self.fonts.face(font).has_char(c) {
            return Some(font);
        }
        // The same design first, then the style's fallbacks (made for the scripts the book
        // uses), then the monospace face, which covers the widest range.
        let [regular, heading, mono] = font.fallbacks();
        [regular, heading]
            .into_iter()
            .chain(self.fonts.fallbacks().iter().copied())
            .chain([mono])
            .find(|k| self.fonts.face(*k).has_char(c))
    }

    fn shape_uncached(&mut self, font: FontKey, text: &str) -> Shaped {
        // Split into runs of one face each.
        let mut runs: Vec<(FontKey, std::ops::Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let chosen = self.face_for(font, c).unwrap_or_else(|| {
                self.missing.insert(c);
                font
            });
            match runs.last_mut() {
                Some((f, range)) if *f == chosen => range.end = i + c.len_utf8(),
                _ => runs.push((chosen, i..i + c.len_utf8())),
            }
        }
        // A word of a right-to-left script draws its face runs from the right too (the full
        // stop after an Arabic word, from the body face, goes to its left).
        if runs.len() > 1 && starts_right_to_left(text) {
            runs.reverse();
        }
        let mut out = Shaped::default();
        for (f, range) in runs {
            self.shape_run(f, &text[range], &mut out);
        }
        out
    }

    fn shape_run(&mut self, font: FontKey, text: &str, out: &mut Shaped) {
        let face = self.fonts.face(font);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        // What `rustybuzz::shape` does, with the plan compiled once: the same properties
        // guessed from the text (no script guessed reads as UNKNOWN), no language, no features.
        buffer.guess_segment_properties();
        let (direction, script) = (buffer.direction(), buffer.script());
        let known = self
            .plans
            .iter()
            .position(|(f, d, s, _)| *f == font && *d == direction && *s == script);
        let index = known.unwrap_or_else(|| {
            let guessed = (script != rustybuzz::script::UNKNOWN).then_some(script);
            let plan = rustybuzz::ShapePlan::new(&face.face, direction, guessed, None, &[]);
            self.plans.push((font, direction, script, plan));
            self.plans.len() - 1
        });
        let shaped = rustybuzz::shape_with_plan(&face.face, &self.plans[index].3, buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // Cluster boundaries in ascending order, so each glyph gets the text up to the next one.
        let mut bounds: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
        bounds.push(text.len());
        bounds.sort_unstable();
        bounds.dedup();
        let mut last_cluster = None;
        for (info, pos) in infos.iter().zip(positions) {
            let start = info.cluster as usize;
            let glyph_text = if last_cluster == Some(start) {
                // A second glyph of the same cluster (a mark): the text went with the first.
                SmolStr::default()
            } else {
                let end = bounds
                    .iter()
                    .copied()
                    .find(|b| *b > start)
                    .unwrap_or(text.len());
                SmolStr::new(text.get(start..end).unwrap_or(""))
            };
            last_cluster = Some(start);
            let gid = u16::try_from(info.glyph_id).unwrap_or(0);
            let advance = pos.x_advance as f32 / face.units_per_em;
            out.width += advance;
            out.glyphs.push(ShapedGlyph {
                font,
                gid,
                advance,
                nominal: face.advance(gid),
                text: glyph_text,
            });
        }
    }
}

/// Whether the first letter of `text` (its first strong character) is of a script written
/// right to left.
fn starts_right_to_left(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    text.chars()
        .map(unicode_bidi::bidi_class)
        .find(|class| matches!(class, L | R | AL))
        .is_some_and(|class| class != L)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaper() -> Shaper {
        Shaper::new(FontSet::get().expect("built-in fonts parse"))
    }

    #[test]
    fn ligatures_keep_their_text_and_kerning_narrows_pairs() {
        let mut s = shaper();
        let office = s.shape(FontKey::Regular, "office");
        assert!(
            office.glyphs.len() < 6,
            "ffi should be one glyph: {office:?}"
        );
        let text: String = office.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "office");
        // Kerning: "AV" is narrower than "A" plus "V".
        let av = s.width(FontKey::Regular, "AV");
        let apart = s.width(FontKey::Regular, "A") + s.width(FontKey::Regular, "V");
        assert!(av < apart, "{av} vs {apart}");
    }

    #[test]
    fn a_character_missing_everywhere_is_reported_once() {
        let mut s = shaper();
        s.shape(FontKey::Regular, "a\u{1F600}b");
        assert_eq!(s.take_missing(), vec!['\u{1F600}']);
        s.shape(FontKey::Regular, "c\u{1F600}");
        assert!(s.take_missing().is_empty());
    }

    #[test]
    fn characters_from_other_faces_fall_back() {
        let mut s = shaper();
        // U+21AA (hook arrow) is not in Libertine's italic but is in DejaVu Sans Mono.
        let shaped = s.shape(FontKey::Italic, "x\u{21AA}");
        assert!(shaped.glyphs.iter().all(|g| g.gid != 0), "{shaped:?}");
        assert!(s.take_missing().is_empty());
    }
}
