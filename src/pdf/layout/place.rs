//! Stage: a flow paginated and placed, page by page: its units (and the footnotes they call)
//! moved onto pages at their final positions, links still unresolved.

use crate::model::PageStart;
use crate::pdf::blocks::Unit;
use crate::pdf::inline::{PendingLink, shift_item};
use crate::pdf::page::{Artifact, Mark, Page, PageItem};
use crate::pdf::paginate::{Frame, NOTE_GAP, Notes, PagePlan, Slot, paginate};
use crate::pdf::style::PrintStyle;

/// Footnote separator length as a share of the measure.
const NOTE_RULE_SHARE: f32 = 0.3;
/// Footnote separator weight, in points: a hairline.
const NOTE_RULE_WEIGHT: f32 = 0.5;

/// What a page is, for running heads and folios.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRole {
    Cover,
    Imprint,
    Blank,
    /// A page of the contents or a chapter: the chapter index (`None` for contents).
    Text {
        chapter: Option<usize>,
        opening: bool,
    },
}

/// Facts about a unit placed on a page, for inspecting pagination.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitFacts {
    pub keep_with_next: bool,
    /// The unit carries an anchor (a heading's or chapter's first line).
    pub anchored: bool,
    pub top: f32,
    pub height: f32,
    /// The space the flow asked for above it (before the frame's scale and the grid).
    pub space_before: f32,
}

/// A page with what the later stages need: its role, links to resolve, the units on it.
pub struct Placed {
    pub page: Page,
    pub role: PageRole,
    /// Link areas whose targets are resolved once every anchor has its page.
    pub pending_links: Vec<PendingLink>,
    pub units: Vec<UnitFacts>,
    /// Where the page begins in the book's text, for the EPUB's page list.
    pub start: PageStart,
}

impl Placed {
    /// A page drawn whole (cover, imprint, blank), with no flow units or links to resolve.
    pub fn drawn(page: Page, role: PageRole) -> Self {
        let start = match role {
            PageRole::Cover => PageStart::Cover,
            PageRole::Imprint => PageStart::Imprint,
            PageRole::Blank => PageStart::Blank,
            PageRole::Text { chapter: None, .. } => PageStart::Contents,
            PageRole::Text {
                chapter: Some(chapter),
                ..
            } => PageStart::Text { chapter, at: None },
        };
        Placed {
            page,
            role,
            pending_links: Vec::new(),
            units: Vec::new(),
            start,
        }
    }
}

/// The left edge of the text block on page `p`: recto (even index) pages have the binding on
/// the left.
pub fn left_margin(style: &PrintStyle, p: usize) -> f32 {
    if p.is_multiple_of(2) {
        style.margin_inner
    } else {
        style.margin_outer
    }
}

/// A flow to place: the contents, or chapters one after another (one, unless they run on).
pub struct Run {
    pub units: Vec<Unit>,
    /// Where each chapter in it begins: (index of its first unit, chapter index). Empty for
    /// the contents.
    pub chapters: Vec<ChapterStart>,
}

/// Where a chapter begins in a [`Run`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChapterStart {
    pub unit: usize,
    pub chapter: usize,
}

impl Run {
    /// The contents, or one chapter's flow (`chapter`).
    pub fn single(units: Vec<Unit>, chapter: Option<usize>) -> Run {
        let chapters = chapter
            .map(|chapter| ChapterStart { unit: 0, chapter })
            .into_iter()
            .collect();
        Run { units, chapters }
    }

    /// The role of a page whose first unit is `first`: the chapter it begins in, and whether
    /// a chapter opens at its top.
    fn role(&self, first: usize) -> PageRole {
        let at = self.chapters.iter().rev().find(|c| c.unit <= first);
        PageRole::Text {
            chapter: at.map(|c| c.chapter),
            opening: at.map_or(first == 0, |c| c.unit == first),
        }
    }
}

/// Paginate a run into `frame` and place its pages, the first at page index `first`.
pub fn place_flow(
    style: &PrintStyle,
    frame: &Frame,
    run: Run,
    notes: &mut Notes,
    first: usize,
) -> Vec<Placed> {
    let plans = paginate(&run.units, notes, frame);
    place_plans(style, frame, run, &plans, notes, first)
}

/// Place a run paginated into `plans`, its first page at page index `first`.
pub fn place_plans(
    style: &PrintStyle,
    frame: &Frame,
    run: Run,
    plans: &[PagePlan],
    notes: &mut Notes,
    first: usize,
) -> Vec<Placed> {
    let roles: Vec<PageRole> = plans
        .iter()
        .map(|plan| {
            let first_unit = plan.units.iter().find_map(|(slot, _)| match slot {
                Slot::Unit(i) => Some(*i),
                Slot::HeaderOf(_) => None,
            });
            run.role(first_unit.unwrap_or(usize::MAX))
        })
        .collect();
    let mut units: Vec<Option<Unit>> = run.units.into_iter().map(Some).collect();
    plans
        .iter()
        .zip(roles)
        .enumerate()
        .map(|(k, (plan, role))| {
            let page = PageAt {
                index: first + k,
                role,
            };
            place(style, frame, plan, &mut units, notes, page)
        })
        .collect()
}

/// A page's index and role.
struct PageAt {
    index: usize,
    role: PageRole,
}

/// Put a page plan onto `page`, moving its units out of `flow` and `notes` (each is placed
/// once; a repeated table header is copied); the footnotes end at the foot of `frame`.
fn place(
    style: &PrintStyle,
    frame: &Frame,
    plan: &PagePlan,
    flow: &mut [Option<Unit>],
    notes: &mut Notes,
    page: PageAt,
) -> Placed {
    let mut placed = Placed::drawn(Page::default(), page.role);
    let x0 = left_margin(style, page.index);
    let top = style.page_height - style.margin_top;
    let mut begun = false;
    for (slot, off) in &plan.units {
        let unit = match *slot {
            Slot::Unit(i) => flow.get_mut(i).and_then(Option::take),
            Slot::HeaderOf(i) => flow
                .get(i)
                .and_then(|u| u.as_ref()?.repeat_header.as_deref().cloned())
                .map(repeated),
        };
        let Some(unit) = unit else { continue };
        // The page begins with its first unit of the flow (a repeated table header is a copy).
        if !begun && matches!(slot, Slot::Unit(_)) {
            begun = true;
            if let PageStart::Text { at, chapter } = &mut placed.start {
                *at = unit.source;
                *chapter = unit.source_chapter.unwrap_or(*chapter);
            }
        }
        placed.units.push(UnitFacts {
            keep_with_next: unit.keep_with_next,
            anchored: !unit.anchors.is_empty(),
            top: *off,
            height: unit.height,
            space_before: unit.space_before,
        });
        put(&mut placed, unit, x0, top - off);
    }
    if !plan.notes.is_empty() {
        let foot = style.page_height - style.margin_top - frame.body_height;
        let area_top = foot + plan.notes_height;
        let rule_y = area_top - NOTE_GAP * 0.5;
        placed.page.items.push(PageItem::Line {
            from: (x0, rule_y),
            to: (x0 + style.measure() * NOTE_RULE_SHARE, rule_y),
            width: NOTE_RULE_WEIGHT,
            color: style.rule_color,
            mark: Mark::Artifact(Artifact::Layout),
        });
        for (key, i, off) in &plan.notes {
            let unit = notes
                .get_mut(key)
                .and_then(|flow| flow.get_mut(*i))
                .map(std::mem::take);
            if let Some(unit) = unit {
                put(&mut placed, unit, x0, area_top - off);
            }
        }
    }
    placed
}

/// A table header repeated at the top of a page: a pagination artifact, without the links
/// and anchors of the header it repeats (the structure has the header once).
fn repeated(mut header: Unit) -> Unit {
    for item in &mut header.items {
        *item.mark_mut() = Mark::Artifact(Artifact::Pagination);
    }
    header.links.clear();
    header.anchors.clear();
    header
}

/// Move a unit's items, links and anchors onto the page, its top-left corner at (`x`, `y`).
fn put(placed: &mut Placed, unit: Unit, x: f32, y: f32) {
    for mut item in unit.items {
        shift_item(&mut item, x, y);
        placed.page.items.push(item);
    }
    for link in unit.links {
        placed.pending_links.push(link.moved_by(x, y));
    }
    for (name, ay) in unit.anchors {
        placed.page.anchors.push((name, ay + y));
    }
}
