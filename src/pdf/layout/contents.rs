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
use crate::pdf::toc::{CHAPTER_ENTRY_SPACE, TocEntry, toc_units};

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

/// How tightly the contents is set: the space above each chapter's entry, in leadings, and
/// whether sections have entries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tightness {
    pub chapter_space: f32,
    pub sections: bool,
}

/// The settings tried, loosest first, until the contents leaves no few entries alone on its
/// last page: the design; chapter entries closer (no closer than a sixth of a line, which
/// still groups a chapter with its sections); then the sections left out, one level less.
pub const TIGHTNESS: [Tightness; 3] = [
    Tightness {
        chapter_space: CHAPTER_ENTRY_SPACE,
        sections: true,
    },
    Tightness {
        chapter_space: 0.15,
        sections: true,
    },
    Tightness {
        chapter_space: CHAPTER_ENTRY_SPACE,
        sections: false,
    },
];

/// A last contents page holding this many entries or fewer is worth saving: the contents is
/// tightened so that they fit on the page before.
pub const ENTRIES_ALONE: usize = 4;

/// The entries `tightness` keeps.
pub fn kept(entries: &[TocEntry], tightness: Tightness) -> Vec<TocEntry> {
    entries
        .iter()
        .filter(|e| tightness.sections || e.level <= 1)
        .cloned()
        .collect()
}

/// The contents' flow, each entry showing the page label `label(anchor)`.
pub fn flow(
    cx: &BookContext,
    shaper: &mut Shaper,
    missing: &mut MissingChars,
    entries: &[TocEntry],
    tightness: Tightness,
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
    let entries = kept(entries, tightness);
    let space = tightness.chapter_space;
    fb.tagged(Role::TOC, |fb| toc_units(fb, &entries, space, label));
    let (units, tags) = fb.into_flow();
    (units, tags.nodes)
}

/// The loosest [`TIGHTNESS`] that leaves more than [`ENTRIES_ALONE`] entries on the contents'
/// last page or sets it on fewer pages than the design, paginated with placeholder labels
/// into `frame`; the design when none does.
pub fn tightness(
    cx: &BookContext,
    shaper: &mut Shaper,
    missing: &mut MissingChars,
    entries: &[TocEntry],
    frame: &crate::pdf::paginate::Frame,
) -> Tightness {
    let notes = crate::pdf::paginate::Notes::new();
    let placeholder = |_: &str| PLACEHOLDER_LABEL.to_string();
    let mut designed_pages = None;
    for tightness in TIGHTNESS {
        let (units, _) = flow(cx, shaper, missing, entries, tightness, &placeholder);
        let plans = crate::pdf::paginate::paginate(&units, &notes, frame);
        let alone = plans.last().map_or(0, |page| {
            page.units
                .iter()
                .filter(|(slot, _)| match slot {
                    crate::pdf::paginate::Slot::Unit(i) => !units[*i].links.is_empty(),
                    crate::pdf::paginate::Slot::HeaderOf(_) => false,
                })
                .count()
        });
        let designed = *designed_pages.get_or_insert(plans.len());
        if plans.len() == 1 || alone > ENTRIES_ALONE || plans.len() < designed {
            return tightness;
        }
    }
    TIGHTNESS[0]
}
