//! The glyphs each font draws and the text each stands for, made consistent per font for the
//! ToUnicode map.
//!
//! ToUnicode maps a glyph (not an occurrence) to text. Two occurrences can disagree: the second
//! glyph of a cluster has empty text (its text went with the first), and one glyph can be
//! reached from two characters. So every glyph gets one text per font, the first non-empty one
//! in reading order; a glyph that never carries text gets none (no ToUnicode entry, so
//! extraction adds nothing for it).

use crate::pdf::page::{LaidOutDocument, PageItem};

/// Per font (by index), glyph id -> the text it stands for everywhere in the document, None
/// for a glyph never drawn. Indexed by glyph id: a font has at most 65,536 glyphs, a book uses
/// a few hundred of them with ids mostly below a few thousand, and a lookup per glyph drawn
/// must be cheap.
pub(super) struct GlyphTexts<'a> {
    per_font: Vec<Vec<Option<&'a str>>>,
}

impl<'a> GlyphTexts<'a> {
    pub(super) fn collect(doc: &'a LaidOutDocument) -> Self {
        let mut per_font: Vec<Vec<Option<&'a str>>> = vec![Vec::new(); doc.fonts.len()];
        for page in &doc.pages {
            for item in &page.items {
                let PageItem::Text(run) = item else { continue };
                let Some(texts) = per_font.get_mut(run.font) else {
                    continue;
                };
                for glyph in &run.glyphs {
                    let gid = usize::from(glyph.gid);
                    if gid >= texts.len() {
                        texts.resize(gid + 1, None);
                    }
                    if texts[gid].is_none_or(str::is_empty) {
                        texts[gid] = Some(glyph.text.as_str());
                    }
                }
            }
        }
        GlyphTexts { per_font }
    }

    /// Whether any text run with glyphs uses font `font`.
    pub(super) fn uses(&self, font: usize) -> bool {
        self.per_font
            .get(font)
            .is_some_and(|texts| !texts.is_empty())
    }

    /// The text of `gid` in font `font`, "" when it has none.
    pub(super) fn get(&self, font: usize, gid: u16) -> &'a str {
        self.per_font
            .get(font)
            .and_then(|texts| texts.get(usize::from(gid)))
            .copied()
            .flatten()
            .unwrap_or("")
    }

    /// The glyph ids drawn in font `font`, ascending.
    pub(super) fn drawn(&self, font: usize) -> impl Iterator<Item = u16> + '_ {
        let texts = self.per_font.get(font).map_or(&[][..], Vec::as_slice);
        (0..=u16::MAX)
            .zip(texts)
            .filter_map(|(gid, text)| text.map(|_| gid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::page::{DocumentInfo, Glyph, Page, Rgb, TextRun};

    fn run(font: usize, glyphs: &[(u16, &str)]) -> PageItem {
        PageItem::Text(TextRun {
            mark: Default::default(),
            actual_text: None,
            font,
            size: 10.0,
            x: 0.0,
            y: 0.0,
            color: Rgb::BLACK,
            glyphs: glyphs
                .iter()
                .map(|&(gid, text)| Glyph {
                    gid,
                    offset: 0.0,
                    text: text.into(),
                })
                .collect(),
            scale: 1.0,
            lang: None,
        })
    }

    #[test]
    fn first_non_empty_text_wins_per_font() {
        let doc = LaidOutDocument {
            structure: Vec::new(),
            tagged: false,
            page_width: 100.0,
            page_height: 100.0,
            fonts: vec![
                crate::fonts::BODY_REGULAR,
                crate::fonts::MONO,
                crate::fonts::BODY_BOLD,
            ],
            pages: vec![Page {
                items: vec![
                    run(0, &[(5, ""), (6, "fi")]),
                    run(0, &[(5, "e\u{301}"), (6, "x")]),
                    run(1, &[(5, "z")]),
                    run(7, &[(5, "ignored: no such font")]),
                ],
                ..Page::default()
            }],
            outline: vec![],
            labels: vec![],
            info: DocumentInfo::default(),
            print_pages: Default::default(),
        };
        let texts = GlyphTexts::collect(&doc);
        assert_eq!(texts.get(0, 5), "e\u{301}");
        assert_eq!(texts.get(0, 6), "fi");
        assert_eq!(texts.get(1, 5), "z");
        assert_eq!(texts.get(0, 99), "");
        assert_eq!(texts.get(7, 5), "");
        assert!(texts.uses(0) && texts.uses(1) && !texts.uses(2) && !texts.uses(7));
        assert_eq!(texts.drawn(0).collect::<Vec<_>>(), [5, 6]);
        assert_eq!(texts.drawn(1).collect::<Vec<_>>(), [5]);
        assert_eq!(texts.drawn(2).count() + texts.drawn(7).count(), 0);
    }
}
