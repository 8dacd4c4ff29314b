//! How often the guide's justified lines end in a hyphen, on the layout data: at most 12 % of
//! them on every paper (issue "Lines a typographer would not mark"), never two in a row.

use super::{guide, layout, run_width};
use crate::pdf::Paper;
use crate::pdf::layout::PageRole;
use crate::pdf::page::PageItem;

/// The most hyphenated line ends a page of justified lines may have, as a share of them.
const MOST_HYPHENS: f64 = 0.12;
/// The body size: the runs of justified body lines are set in it.
const BODY_SIZE: f32 = 10.5;

#[test]
fn at_most_twelve_percent_of_justified_lines_end_in_a_hyphen_and_never_two_in_a_row() {
    let book = guide();
    for paper in [None, Some(Paper::A4), Some(Paper::Letter)] {
        let lay = layout(&book, paper);
        let (mut ends, mut hyphens) = (0, 0);
        // The page and baseline of the last hyphenated line end.
        let mut last_hyphen: Option<(usize, f32)> = None;
        for (p, page) in lay.doc.pages.iter().enumerate() {
            if !matches!(lay.roles[p], PageRole::Text { .. }) {
                continue;
            }
            let edge = lay.text_left[p] + lay.measure;
            for item in &page.items {
                let PageItem::Text(run) = item else { continue };
                // A run that reaches the edge ends a justified line.
                let right = run.x + run_width(run, &lay.doc.fonts);
                if right < edge - 0.5 || run.size != BODY_SIZE {
                    continue;
                }
                ends += 1;
                if run.glyphs.last().is_some_and(|g| g.text.ends_with('-')) {
                    hyphens += 1;
                    // The line above is less than two lines up (a leading is under 1.6 sizes).
                    let above = last_hyphen.is_some_and(|(page, y)| {
                        page == p && y > run.y && y - run.y < 1.6 * BODY_SIZE
                    });
                    assert!(
                        !above,
                        "{paper:?} page {p}: two hyphens in a row at y {}",
                        run.y
                    );
                    last_hyphen = Some((p, run.y));
                }
            }
        }
        let share = f64::from(hyphens) / f64::from(ends.max(1));
        assert!(ends > 50, "{paper:?}: {ends} justified line ends found");
        assert!(
            share <= MOST_HYPHENS,
            "{paper:?}: {hyphens} of {ends} justified lines end in a hyphen ({:.1} %)",
            share * 100.0
        );
    }
}
