//! The print style's fallback faces in the EPUB: each carries the characters its text draws
//! that no packaged face has (tried in the style's order), subset like the others, and an
//! `@font-face` rule for every packaged face's family, style and weight with a `unicode-range`
//! of just those characters, so that a reading system's font matching takes them from it
//! (CSS Fonts 4, 4.5: faces of one family with overlapping ranges are tried last defined
//! first, and a character outside a face's range never comes from it).

use std::collections::BTreeSet;
use std::fmt::Write;

use super::css::FaceRule;
use crate::fonts::FontFile;

/// Whether the face in `file` maps `c`.
fn has_char(face: Option<&rustybuzz::ttf_parser::Face>, c: char) -> bool {
    face.is_some_and(|f| f.glyph_index(c).is_some())
}

/// For each fallback in order, the characters of `drawn` that no face of `kept` and no
/// earlier fallback has and that it has; fallbacks with none are left out.
pub(super) fn assign(
    kept: &[(FontFile, BTreeSet<char>)],
    fallbacks: &[FontFile],
) -> Vec<(FontFile, BTreeSet<char>)> {
    let parse = |file: &FontFile| rustybuzz::ttf_parser::Face::parse(file.bytes, 0).ok();
    let kept_faces: Vec<_> = kept.iter().map(|(file, _)| parse(file)).collect();
    let mut wanting: BTreeSet<char> = BTreeSet::new();
    for ((_, chars), face) in kept.iter().zip(&kept_faces) {
        let lacking = chars
            .iter()
            .filter(|c| !c.is_whitespace() && !has_char(face.as_ref(), **c));
        wanting.extend(lacking);
    }
    let mut out = Vec::new();
    for file in fallbacks {
        if wanting.is_empty() {
            break;
        }
        let face = parse(file);
        let (has, rest): (BTreeSet<char>, BTreeSet<char>) =
            wanting.iter().partition(|c| has_char(face.as_ref(), **c));
        wanting = rest;
        if !has.is_empty() {
            out.push((*file, has));
        }
    }
    out
}

/// The `@font-face` rules of the fallbacks: one per fallback and packaged face rule (`kept`
/// indexes `faces`), with the rule's family, style and weight.
pub(super) fn face_rules(
    faces: &[FaceRule],
    kept: &[usize],
    fallbacks: &[(FontFile, BTreeSet<char>)],
) -> String {
    let mut out = String::new();
    for (file, chars) in fallbacks {
        let range = unicode_range(chars);
        for rule in kept.iter().filter_map(|&r| faces.get(r)) {
            let style = if rule.italic { "italic" } else { "normal" };
            let _ = write!(
                out,
                "\n@font-face {{\n  font-family: \"{}\";\n  font-style: {style};\n  \
                 font-weight: {};\n  src: url(\"{}\");\n  unicode-range: {range};\n}}\n",
                rule.family,
                rule.weight,
                super::href(*file)
            );
        }
    }
    out
}

/// `U+4E2D, U+6587`: the characters, runs of consecutive ones as ranges (`U+61-7A`).
fn unicode_range(chars: &BTreeSet<char>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    for c in chars.iter().map(|c| *c as u32) {
        run = match run {
            Some((start, end)) if c == end + 1 => Some((start, c)),
            Some(done) => {
                parts.push(range_part(done));
                Some((c, c))
            }
            None => Some((c, c)),
        };
    }
    parts.extend(run.map(range_part));
    parts.join(", ")
}

fn range_part((start, end): (u32, u32)) -> String {
    if start == end {
        format!("U+{start:X}")
    } else {
        format!("U+{start:X}-{end:X}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_join_consecutive_characters() {
        let chars: BTreeSet<char> = ['a', 'b', 'c', 'x', '中'].into_iter().collect();
        assert_eq!(unicode_range(&chars), "U+61-63, U+78, U+4E2D");
    }

    #[test]
    fn a_fallback_takes_only_what_the_packaged_faces_lack() {
        let chars: BTreeSet<char> = ['a', '\u{2192}'].into_iter().collect();
        let kept = [(crate::fonts::BODY_REGULAR, chars)];
        // DejaVu Sans Mono has the arrow Libertine lacks... or Libertine has it: either way
        // the fallback gets nothing Libertine has.
        let assigned = assign(&kept, &[crate::fonts::MONO]);
        assert!(assigned.iter().all(|(_, c)| !c.contains(&'a')));
    }
}
