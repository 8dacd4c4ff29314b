//! Stage: the PDF outline (bookmarks): the contents, then each chapter with its level-2
//! sections and their level-3 subsections (an appendix with its questions).

use super::contents::{CONTENTS_ANCHOR, CONTENTS_TITLE};
use super::numbering::PageNumbers;
use crate::model::Book;
use crate::pdf::inline::anchor_name;
use crate::pdf::page::OutlineEntry;

pub fn outline(book: &Book, numbers: &PageNumbers) -> Vec<OutlineEntry> {
    let entry = |title: String, anchor: &str| {
        numbers.anchors.get(anchor).map(|d| OutlineEntry {
            title,
            page: d.page,
            y: d.y,
            children: Vec::new(),
        })
    };
    let mut outline: Vec<OutlineEntry> = entry(CONTENTS_TITLE.into(), CONTENTS_ANCHOR)
        .into_iter()
        .collect();
    for ch in &book.chapters {
        let title = match ch.label() {
            Some(label) => format!("{label}: {}", ch.title_text()),
            None => ch.title_text(),
        };
        let Some(mut chapter) = entry(title, &ch.slug) else {
            continue;
        };
        for (h, _) in ch.headings() {
            let Some(child) = entry(h.text(), &anchor_name(&ch.slug, Some(&h.id))) else {
                continue;
            };
            match (h.level, chapter.children.last_mut()) {
                (3, Some(parent)) => parent.children.push(child),
                (2, _) => chapter.children.push(child),
                _ => {}
            }
        }
        outline.push(chapter);
    }
    outline
}
