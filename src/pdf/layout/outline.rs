//! Stage: the PDF outline (bookmarks): the contents, then each chapter with its level-2
//! sections and their level-3 subsections (an appendix with its questions).

use super::contents::{CONTENTS_ANCHOR, CONTENTS_TITLE};
use super::numbering::PageNumbers;
use crate::model::{Book, ChapterKind};
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
    let mut outline: Vec<OutlineEntry> =
        entry(book.strings.get(CONTENTS_TITLE).into(), CONTENTS_ANCHOR)
            .into_iter()
            .collect();
    // The part being filled (`# Part` in an mdBook SUMMARY.md), and the open chapter path.
    let mut part: Option<OutlineEntry> = None;
    let mut open: Vec<OutlineEntry> = Vec::new();
    for ch in &book.chapters {
        let title = match (ch.label(&book.strings), ch.nesting.nested_number()) {
            (Some(label), _) => format!("{label}: {}", ch.title_text()),
            (None, Some(number)) => format!("{number} {}", ch.title_text()),
            (None, None) => ch.title_text(),
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
        let depth = ch.depth();
        close_to(&mut open, depth, &mut part, &mut outline);
        if let Some(title) = &ch.nesting.part {
            close_to(&mut open, 0, &mut part, &mut outline);
            outline.extend(part.take());
            part = entry(title.clone(), &ch.slug);
        } else if depth == 0 && ch.kind != ChapterKind::Chapter {
            outline.extend(part.take());
        }
        open.push(chapter);
    }
    close_to(&mut open, 0, &mut part, &mut outline);
    outline.extend(part);
    outline
}

/// Close the open chapters deeper than `depth`, each into the one above it, the last into the
/// part being filled or the outline.
fn close_to(
    open: &mut Vec<OutlineEntry>,
    depth: usize,
    part: &mut Option<OutlineEntry>,
    outline: &mut Vec<OutlineEntry>,
) {
    while open.len() > depth {
        let Some(done) = open.pop() else {
            return;
        };
        match (open.last_mut(), part.as_mut()) {
            (Some(parent), _) => parent.children.push(done),
            (None, Some(part)) => part.children.push(done),
            (None, None) => outline.push(done),
        }
    }
}
