//! Registers the document's fonts with printpdf under ids that are valid subset tags.
//!
//! printpdf uses the font's resource id as the subset tag of `/BaseFont` (`<id>+<PostScript
//! name>`, cut to 6 characters). A PDF subset tag must be exactly six uppercase letters
//! (ISO 32000-1, 9.6.4), so the id is chosen here instead of printpdf's random 32-character one,
//! which also keeps the output independent of how many ids the process generated before.

use crate::diagnostic::Diagnostics;
use crate::fonts::FontFile;

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

/// A font added to the printpdf document.
pub(super) struct Registered {
    pub(super) id: printpdf::FontId,
    pub(super) file_name: &'static str,
    /// Glyph ids must be below this.
    pub(super) glyph_count: u16,
}

/// Parse every font that `used` says the pages use and add it to `pdf`, which embeds each as
/// a subset of the glyphs drawn. Returns the fonts by index: None for an unused font and for
/// one that could not be parsed (the error is in `diags`).
pub(super) fn register(
    pdf: &mut printpdf::PdfDocument,
    fonts: &[FontFile],
    used: impl Fn(usize) -> bool,
    diags: &mut Diagnostics,
) -> Vec<Option<Registered>> {
    fonts
        .iter()
        .enumerate()
        .map(|(index, font)| {
            if !used(index) {
                return None;
            }
            let Some(tag) = tag(index) else {
                diags.error(
                    None,
                    format!("too many fonts for the PDF writer ({} given)", fonts.len()),
                );
                return None;
            };
            let mut warnings = Vec::new();
            let Some(parsed) = printpdf::ParsedFont::from_bytes(font.bytes, 0, &mut warnings)
            else {
                let detail: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
                diags.error(
                    None,
                    format!(
                        "cannot read the font {} for the PDF: {}",
                        font.file_name,
                        if detail.is_empty() {
                            "not a font file".to_string()
                        } else {
                            detail.join("; ")
                        }
                    ),
                );
                return None;
            };
            let id = printpdf::FontId(tag);
            let glyph_count = parsed.num_glyphs;
            pdf.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::PdfFont::new(parsed));
            Some(Registered {
                id,
                file_name: font.file_name,
                glyph_count,
            })
        })
        .collect()
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
