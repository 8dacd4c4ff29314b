//! The page count fitted to the style's page multiple (`[page] page-multiple`, 4 for a folded
//! booklet): the chapters are paginated into frames that change, within named limits, what a
//! designer would change, nearest the design first, and the first frame whose page count is a
//! multiple is taken. When none is, the design's own frame is kept and the caller adds blank
//! pages.

use super::chapters::run_starts;
use super::place::Run;
use crate::pdf::paginate::{Frame, Notes, PagePlan, paginate};
use crate::pdf::style::PrintStyle;

/// Scales of the spaces around headings, between chapters, list items and blocks, tried in
/// this order: a tenth either way does not show, a fifth is the most before spacing looks
/// cramped or loose (and the baseline grid takes up part of any change).
const SPACE_SCALES: [f32; 5] = [1.0, 0.9, 1.1, 0.8, 1.2];
/// Lines added to every page's text block, tried after the spaces alone: one line more or
/// less on every page (so on both pages of each spread) is the most a text block may change
/// before its foot visibly moves against the folio.
const LINE_CHANGES: [f32; 3] = [0.0, 1.0, -1.0];

/// The chapters paginated: the frame chosen and each run's page plans in it.
pub struct Fitted {
    pub frame: Frame,
    pub plans: Vec<Vec<PagePlan>>,
}

/// Paginate `runs` after `front_pages` pages into the frame nearest the style's own whose page
/// count is a multiple of the style's page multiple, or into the style's own frame.
pub fn fit(style: &PrintStyle, runs: &[Run], notes: &Notes, front_pages: usize) -> Fitted {
    let designed = Frame::of(style);
    let paginated = |frame: Frame| {
        let plans: Vec<Vec<PagePlan>> = runs
            .iter()
            .map(|run| paginate(&run.units, notes, &frame))
            .collect();
        Fitted { frame, plans }
    };
    let natural = paginated(designed);
    let multiple = style.page_multiple.max(1);
    if page_count(style, &natural, front_pages).is_multiple_of(multiple) {
        return natural;
    }
    for frame in frames(designed).skip(1) {
        let fitted = paginated(frame);
        if page_count(style, &fitted, front_pages).is_multiple_of(multiple) {
            return fitted;
        }
    }
    natural
}

/// The frames tried, the design's first: each space scale with the design's text block, then
/// with a line more and a line less.
fn frames(designed: Frame) -> impl Iterator<Item = Frame> {
    LINE_CHANGES.into_iter().flat_map(move |lines| {
        SPACE_SCALES.into_iter().map(move |space_scale| Frame {
            body_height: designed.body_height + lines * designed.leading,
            space_scale,
            ..designed
        })
    })
}

/// How many pages the document has with `fitted`, blank pages before right-hand openings
/// included.
fn page_count(style: &PrintStyle, fitted: &Fitted, front_pages: usize) -> usize {
    let starts = run_starts(style, &fitted.plans, front_pages);
    match (starts.last(), fitted.plans.last()) {
        (Some(start), Some(plans)) => start.page + plans.len(),
        _ => front_pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_is_tried_first_and_every_frame_stays_within_the_limits() {
        let designed = Frame {
            body_height: 490.0,
            leading: 14.0,
            space_scale: 1.0,
        };
        let tried: Vec<Frame> = frames(designed).collect();
        assert_eq!(tried[0], designed);
        assert_eq!(tried.len(), SPACE_SCALES.len() * LINE_CHANGES.len());
        for frame in &tried {
            assert!((0.8..=1.2).contains(&frame.space_scale), "{frame:?}");
            assert!((frame.body_height - 490.0).abs() <= 14.0, "{frame:?}");
        }
    }
}
