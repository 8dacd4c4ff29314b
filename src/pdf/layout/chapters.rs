//! Stage: the chapters placed after the front pages. The style's chapter opening groups them
//! into runs (a chapter that runs on joins the run before it, its sink turned into space
//! above), the runs are paginated into the frame that fits the page count to the style's page
//! multiple (see [`fit`](super::fit)), and blank pages go where a chapter must open on the
//! right or where the fold still needs them.

use std::collections::HashMap;

use super::fit::Fitted;
use super::numbering::page_label;
use super::place::{ChapterStart, PageRole, Placed, Run, place_plans};
use crate::model::{Book, ChapterKind, ChapterOpening};
use crate::pdf::blocks::Unit;
use crate::pdf::page::Page;
use crate::pdf::paginate::{Frame, Notes, PagePlan, Slot};
use crate::pdf::style::PrintStyle;

/// Space above a chapter that runs on after another, in leadings: more than above any section
/// heading, so the chapter reads as a new part of the text, though it does not open a page.
pub const RUN_ON_SPACE: f32 = 3.0;

/// What placing the chapters decided.
pub struct Body {
    /// The first page after the front matter (numbered 1).
    pub body_start: usize,
    /// Blank pages added for the fold (the page multiple), at the end or before the back
    /// matter's last page.
    pub fold_blanks: usize,
    /// The frame the chapters were paginated into.
    pub frame: Frame,
}

/// The chapters' flows (one per chapter of `book`; a nested chapter's is empty) grouped into
/// runs: each chapter its own run unless the style runs chapters on, and never a run across
/// the end of the front matter, where the page numbers start.
pub fn runs(book: &Book, style: &PrintStyle, flows: Vec<Vec<Unit>>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last_kind = None;
    for (chapter, mut units) in flows.into_iter().enumerate() {
        if units.is_empty() {
            continue;
        }
        let kind = book.chapters.get(chapter).map(|c| c.kind);
        for unit in &mut units {
            unit.source_chapter.get_or_insert(chapter);
        }
        let numbering_starts =
            last_kind == Some(Some(ChapterKind::Front)) && kind != Some(ChapterKind::Front);
        last_kind = Some(kind);
        let run_on = style.chapter_opening == ChapterOpening::RunOn && !numbering_starts;
        match runs.last_mut() {
            Some(run) if run_on => {
                self::run_on(style, &mut units);
                run.chapters.push(ChapterStart {
                    unit: run.units.len(),
                    chapter,
                });
                run.units.extend(units);
            }
            _ => runs.push(Run::single(units, Some(chapter))),
        }
    }
    runs
}

/// The pages of `runs` in `plans` (one list per run), from page index `first`: where a blank
/// page goes before a run so that its chapter opens on a right-hand page, and each run's first
/// page index.
pub fn run_starts(style: &PrintStyle, plans: &[Vec<PagePlan>], first: usize) -> Vec<RunStart> {
    let mut page = first;
    plans
        .iter()
        .map(|run| {
            let blank_before = style.chapter_opening == ChapterOpening::RightPage && page % 2 == 1;
            if blank_before {
                page += 1;
            }
            let start = RunStart { blank_before, page };
            page += run.len();
            start
        })
        .collect()
}

/// Where a run begins.
#[derive(Debug, Clone, Copy)]
pub struct RunStart {
    /// A blank page goes before it, so that it opens on a right-hand page.
    pub blank_before: bool,
    /// Its first page's index.
    pub page: usize,
}

/// Place the chapters' `runs`, paginated in `fitted`, after `pages`, with blank pages where
/// chapters open on the right and where the fold still needs them.
pub fn place(
    book: &Book,
    style: &PrintStyle,
    runs: Vec<Run>,
    fitted: Fitted,
    notes: &mut Notes,
    pages: &mut Vec<Placed>,
) -> Body {
    let placing = std::time::Instant::now();
    let Fitted { frame, plans } = fitted;
    let starts = run_starts(style, &plans, pages.len());
    let body_start = body_start(book, &runs, &starts);
    for ((run, plans), start) in runs.into_iter().zip(&plans).zip(&starts) {
        if start.blank_before {
            pages.push(Placed::drawn(Page::default(), PageRole::Blank));
        }
        let placed = place_plans(style, &frame, run, plans, notes, pages.len());
        pages.extend(placed);
    }
    let fold_blanks = fold_blanks(book, pages, style.page_multiple);
    crate::timing::report("pdf: place the chapters", placing);
    Body {
        body_start: body_start.unwrap_or(pages.len()),
        fold_blanks,
        frame,
    }
}

/// The first page of the first run that holds a chapter after the front matter.
fn body_start(book: &Book, runs: &[Run], starts: &[RunStart]) -> Option<usize> {
    runs.iter()
        .zip(starts)
        .find(|(run, _)| {
            run.chapters.first().is_some_and(|c| {
                book.chapters
                    .get(c.chapter)
                    .is_some_and(|ch| ch.kind != ChapterKind::Front)
            })
        })
        .map(|(_, start)| start.page)
}

/// The page label every anchor of `runs` gets when they are paginated in `fitted` after
/// `front_pages` pages (the blank pages for the fold come after every anchor).
pub fn anchor_labels(
    book: &Book,
    style: &PrintStyle,
    runs: &[Run],
    fitted: &Fitted,
    front_pages: usize,
) -> HashMap<String, String> {
    let starts = run_starts(style, &fitted.plans, front_pages);
    let body_start = body_start(book, runs, &starts).unwrap_or(usize::MAX);
    let mut labels = HashMap::new();
    for ((run, plans), start) in runs.iter().zip(&fitted.plans).zip(&starts) {
        for (k, plan) in plans.iter().enumerate() {
            let label = page_label(start.page + k, body_start);
            for (slot, _) in &plan.units {
                let Slot::Unit(i) = slot else { continue };
                for (name, _) in run.units.get(*i).map_or(&[][..], |u| &u.anchors[..]) {
                    labels.entry(name.clone()).or_insert_with(|| label.clone());
                }
            }
        }
    }
    labels
}

/// Put chapter `chapter`'s flow, set again, in place of the one in `runs`.
pub fn replace_chapter(style: &PrintStyle, runs: &mut [Run], chapter: usize, mut units: Vec<Unit>) {
    for run in runs {
        let Some(at) = run.chapters.iter().position(|c| c.chapter == chapter) else {
            continue;
        };
        let from = run.chapters[at].unit;
        let to = run.chapters.get(at + 1).map_or(run.units.len(), |c| c.unit);
        for unit in &mut units {
            unit.source_chapter.get_or_insert(chapter);
        }
        if at > 0 {
            run_on(style, &mut units);
        }
        let grown = units.len() as isize - (to - from) as isize;
        run.units.splice(from..to, units);
        for later in &mut run.chapters[at + 1..] {
            later.unit = (later.unit as isize + grown) as usize;
        }
        return;
    }
}

/// A chapter's flow made to run on after another: its sink becomes space above.
fn run_on(style: &PrintStyle, units: &mut [Unit]) {
    if let Some(sink) = units.first_mut() {
        sink.height = 0.0;
        sink.space_before = style.leading * RUN_ON_SPACE;
    }
}

/// Add the blank pages that make the page count a multiple of `multiple`: before the last
/// page when back matter opens at its top (so that the back matter's last page stays last),
/// else after it, never between two pages of text or before a chapter of the body. Returns
/// how many.
fn fold_blanks(book: &Book, pages: &mut Vec<Placed>, multiple: usize) -> usize {
    let missing = (multiple - pages.len() % multiple) % multiple;
    if missing == 0 {
        return 0;
    }
    let back_opens = pages.len() > 1
        && matches!(
            pages.last().map(|p| p.role),
            Some(PageRole::Text { opening: true, chapter: Some(c) })
                if book.chapters.get(c).is_some_and(|ch| ch.kind == ChapterKind::Back)
        );
    let at = if back_opens {
        pages.len() - 1
    } else {
        pages.len()
    };
    let blanks = (0..missing).map(|_| Placed::drawn(Page::default(), PageRole::Blank));
    pages.splice(at..at, blanks);
    missing
}
