//! Stage: the contents, an entry per chapter and per section of a chapter, set twice: first with
//! placeholder page numbers to learn how many pages it takes, then with the real page labels
//! (its line count does not depend on the numbers, so neither do the pages after it).

use super::BookContext;
use super::missing::MissingChars;
use super::opening::{Opening, opening};
use crate::model::{Book, ChapterKind, Inline};
use crate::pdf::blocks::tags::{self, DOCUMENT};
use crate::pdf::blocks::{FlowBuilder, Tagger, Unit};
use crate::pdf::inline::anchor_name;
use crate::pdf::page::{Node, Role};
use crate::pdf::shape::Shaper;
use crate::pdf::toc::{TocEntry, toc_units};

/// The anchor of the contents' first page.
pub const CONTENTS_ANCHOR: &str = "contents";
/// The key of the contents' title, its running head and its outline entry in the book's
/// strings.
pub const CONTENTS_TITLE: &str = "contents";
/// The page label set in the first pass: as wide as most real labels.
pub const PLACEHOLDER_LABEL: &str = "000";
/// The flow index given to the contents' units (it is no chapter).
const CONTENTS_FLOW: usize = usize::MAX;

/// The entries: every chapter, and the level-2 sections of numbered chapters; a part's title
/// before its first chapter, a nested chapter (2.1) as a section of its chapter.
pub fn entries(book: &Book) -> Vec<TocEntry> {
    let mut entries = Vec::new();
    for ch in &book.chapters {
        if let Some(part) = &ch.nesting.part {
            entries.push(TocEntry {
                number: String::new(),
                title: part.clone(),
                level: 1,
                anchor: ch.slug.clone(),
            });
        }
        if let Some(number) = ch.nesting.nested_number() {
            entries.push(TocEntry {
                number: String::new(),
                title: format!("{number} {}", ch.title_text()),
                level: 2,
                anchor: ch.slug.clone(),
            });
            continue;
        }
        let number = match (ch.kind, ch.number) {
            (ChapterKind::Chapter, Some(n)) => n.to_string(),
            (ChapterKind::Appendix, Some(n)) => crate::model::appendix_letter(n),
            _ => String::new(),
        };
        entries.push(TocEntry {
            number,
            title: ch.title_text(),
            level: 1,
            anchor: ch.slug.clone(),
        });
        if ch.kind == ChapterKind::Chapter {
            for (h, _) in ch.headings() {
                if h.level == 2 {
                    entries.push(TocEntry {
                        number: String::new(),
                        title: h.text(),
                        level: 2,
                        anchor: anchor_name(&ch.slug, Some(&h.id)),
                    });
                }
            }
        }
    }
    entries
}

/// The contents' flow, each entry showing the page label `label(anchor)`.
pub fn flow(
    cx: &BookContext,
    shaper: &mut Shaper,
    missing: &mut MissingChars,
    entries: &[TocEntry],
    label: &dyn Fn(&str) -> String,
) -> (Vec<Unit>, Vec<Node>) {
    let inline_cx = cx.inline_context(CONTENTS_ANCHOR, &[]);
    let mut tags = Tagger::new(tags::CONTENTS_FLOW, DOCUMENT);
    tags.open(Role::Sect);
    let mut fb = FlowBuilder::new(
        shaper,
        cx.style,
        inline_cx,
        CONTENTS_FLOW,
        None,
        missing,
        tags,
    );
    opening(
        &mut fb,
        Opening {
            label: None,
            title: &[Inline::Text(cx.strings.get(CONTENTS_TITLE).into())],
            anchors: &[CONTENTS_ANCHOR.to_string()],
            pos: Default::default(),
        },
    );
    fb.tagged(Role::TOC, |fb| toc_units(fb, entries, label));
    let (units, tags) = fb.into_flow();
    (units, tags.nodes)
}
