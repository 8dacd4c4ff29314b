//! How often the guide's justified lines end in a hyphen, on the layout data: at most 12 % of
//! them on every paper (issue "Lines a typographer would not mark"), never two in a row.

use super::{guide, layout, line_ends};
use crate::pdf::Paper;
use crate::pdf::page::PageItem;

/// The most hyphenated line ends a page of justified lines may have, as a share of them.
const MOST_HYPHENS: f64 = 0.12;
/// The body size: the size most of the pages' text is set in (each paper has its own).
pub(super) fn body_size(lay: &crate::pdf::layout::Inspection) -> f32 {
    let mut glyphs_by_size: Vec<(f32, usize)> = Vec::new();
    for item in lay.doc.pages.iter().flat_map(|p| &p.items) {
        let PageItem::Text(run) = item else { continue };
        match glyphs_by_size
            .iter_mut()
            .find(|(size, _)| *size == run.size)
        {
            Some((_, count)) => *count += run.glyphs.len(),
            None => glyphs_by_size.push((run.size, run.glyphs.len())),
        }
    }
    glyphs_by_size
        .iter()
        .max_by_key(|(_, count)| *count)
        .map_or(0.0, |(size, _)| *size)
}

#[test]
fn at_most_twelve_percent_of_justified_lines_end_in_a_hyphen_and_never_two_in_a_row() {
    let book = guide();
    for paper in [None, Some(Paper::A4), Some(Paper::Letter)] {
        let lay = layout(&book, paper);
        let body = body_size(&lay);
        let (mut ends, mut hyphens) = (0, 0);
        // The page and baseline of the last hyphenated line end.
        let mut last_hyphen: Option<(usize, f32)> = None;
        for end in line_ends(&lay) {
            let (p, run) = (end.page, end.run);
            if run.size != body {
                continue;
            }
            ends += 1;
            if run.glyphs.last().is_some_and(|g| g.text.ends_with('-')) {
                hyphens += 1;
                // The line above is less than two lines up (a leading is under 1.6 sizes).
                let above = last_hyphen
                    .is_some_and(|(page, y)| page == p && y > run.y && y - run.y < 1.6 * body);
                assert!(
                    !above,
                    "{paper:?} page {p}: two hyphens in a row at y {}",
                    run.y
                );
                last_hyphen = Some((p, run.y));
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
