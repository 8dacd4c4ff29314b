//! The subset tags of the embedded fonts.
//!
//! A subset font's `/BaseFont` is `<tag>+<PostScript name>`, and the tag must be exactly six
//! uppercase letters (ISO 32000-1, 9.6.4). The tag comes from the font's place in the document
//! (not from a counter or a random source), so the same input gives the same bytes; it is also
//! the font's name in the pages' /Font resources.

/// Letters in a subset tag.
const TAG_LEN: usize = 6;
/// The first font's tag. Later fonts count up from it in base 26 over the last four letters
/// (QUIREA, QUIREB, ..., QUIREZ, QUIRFA, ...), which leaves room for far more fonts than a
/// book uses.
const FIRST_TAG: &[u8; TAG_LEN] = b"QUIREA";
/// Letters of the tag that count; the first two stay "QU".
const COUNTING_LETTERS: usize = 4;

/// The subset tag of `doc.fonts[index]`, or None if the four counting letters run out.
pub(super) fn tag(index: usize) -> Option<String> {
    let mut value = 0usize;
    for &letter in &FIRST_TAG[TAG_LEN - COUNTING_LETTERS..] {
        value = value * 26 + usize::from(letter - b'A');
    }
    let mut value = value.checked_add(index)?;
    let mut tag = *FIRST_TAG;
    for slot in tag[TAG_LEN - COUNTING_LETTERS..].iter_mut().rev() {
        *slot = b'A' + (value % 26) as u8;
        value /= 26;
    }
    (value == 0).then(|| String::from_utf8_lossy(&tag).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_six_uppercase_letters_and_distinct() {
        assert_eq!(tag(0).as_deref(), Some("QUIREA"));
        assert_eq!(tag(1).as_deref(), Some("QUIREB"));
        assert_eq!(tag(25).as_deref(), Some("QUIREZ"));
        assert_eq!(tag(26).as_deref(), Some("QUIRFA"));
        let tags: Vec<String> = (0..2000).filter_map(tag).collect();
        assert_eq!(tags.len(), 2000);
        let unique: std::collections::BTreeSet<&String> = tags.iter().collect();
        assert_eq!(unique.len(), tags.len());
        assert!(
            tags.iter()
                .all(|t| t.len() == TAG_LEN && t.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn tags_run_out_instead_of_wrapping() {
        assert_eq!(tag(usize::MAX), None);
        let last = (0..usize::MAX).take_while(|&i| tag(i).is_some()).count();
        assert_eq!(tag(last - 1).as_deref(), Some("QUZZZZ"));
    }
}
