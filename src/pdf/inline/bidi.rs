//! Right-to-left text in a line: the order in which a set line's chunks (words, spaces,
//! images) are drawn, left to right, by the Unicode Bidirectional Algorithm (UAX #9: levels
//! by `unicode-bidi`, then runs of higher levels reversed, rule L2). A word of a
//! right-to-left script is shaped right to left already (rustybuzz gives its glyphs in visual
//! order); this puts the words of a right-to-left stretch from right to left.

use unicode_bidi::{BidiInfo, Level};

/// The text a chunk stands for in the line's text: its letters, a space, or an object.
pub(super) enum ChunkText<'a> {
    Letters(&'a str),
    Space,
    Object,
}

/// U+FFFC OBJECT REPLACEMENT CHARACTER: an image or a gap, neutral in the algorithm.
const OBJECT: &str = "\u{FFFC}";

/// Whether `c` belongs to a script written right to left (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and the rest of the blocks from U+0590 to U+08FF; their presentation forms; the
/// right-to-left blocks of the supplementary planes).
fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Whether a paragraph of `texts` runs right to left: its first strong character's direction
/// (UAX #9, P2-P3), `default` (the book's) when it has none.
pub(super) fn is_right_to_left_paragraph<'t>(
    texts: impl Iterator<Item = &'t str>,
    default: bool,
) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    let mut classes = texts.flat_map(str::chars).map(unicode_bidi::bidi_class);
    match classes.find(|class| matches!(class, L | R | AL)) {
        Some(L) => false,
        Some(_) => true,
        None => default,
    }
}

/// The order to draw `chunks` in, left to right, when the line holds right-to-left text or
/// its paragraph is right to left (`rtl`); None when the logical order is the visual one.
pub(super) fn visual_order(chunks: &[ChunkText], rtl: bool) -> Option<Vec<usize>> {
    let any_rtl = chunks.iter().any(|c| match c {
        ChunkText::Letters(text) => text.chars().any(is_right_to_left),
        _ => false,
    });
    if !any_rtl && !rtl {
        return None;
    }
    let mut text = String::new();
    let mut starts = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        starts.push(text.len());
        text.push_str(match chunk {
            ChunkText::Letters(letters) if !letters.is_empty() => letters,
            ChunkText::Letters(_) | ChunkText::Object => OBJECT,
            ChunkText::Space => " ",
        });
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(&text, Some(base));
    let levels: Vec<Level> = starts.iter().map(|&s| info.levels[s]).collect();
    let order = BidiInfo::reorder_visual(&levels);
    let identity = order.iter().enumerate().all(|(i, &j)| i == j);
    (!identity).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(words: &[&str], rtl: bool) -> Vec<String> {
        let mut chunks = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                chunks.push(ChunkText::Space);
            }
            chunks.push(ChunkText::Letters(w));
        }
        let shown: Vec<&str> = chunks
            .iter()
            .map(|c| match c {
                ChunkText::Letters(w) => *w,
                _ => " ",
            })
            .collect();
        match visual_order(&chunks, rtl) {
            Some(order) => order.iter().map(|&i| shown[i].to_string()).collect(),
            None => shown.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_words_of_an_arabic_stretch_go_from_right_to_left_among_latin_ones() {
        assert_eq!(
            order(&["en", "يعمل", "فني", "ici"], false),
            ["en", " ", "فني", " ", "يعمل", " ", "ici"]
        );
        assert_eq!(order(&["يعمل", "فني"], true), ["فني", " ", "يعمل"]);
        assert!(visual_order(&[ChunkText::Letters("plain"), ChunkText::Space], false).is_none());
    }

    #[test]
    fn a_paragraph_runs_the_way_its_first_letter_is_written() {
        assert!(is_right_to_left_paragraph(
            ["« ", "يعمل", "a"].into_iter(),
            false
        ));
        assert!(!is_right_to_left_paragraph(
            ["12 ", "a", "يعمل"].into_iter(),
            true
        ));
        assert!(is_right_to_left_paragraph(["12"].into_iter(), true));
    }
}
