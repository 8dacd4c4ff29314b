//! Flow -> pages: fills the text block unit by unit, breaks only where the units allow it
//! (widows, orphans, headings and list labels are expressed as `keep_with_next`), puts each
//! footnote at the foot of the page that references it, and repeats table headers. Lines of
//! running text sit on the baseline grid: their baselines are the text block's top plus a whole
//! number of leadings, whatever heading, list or block came before them.

use std::collections::{HashMap, HashSet};

use super::blocks::Unit;

/// Space between the text and the footnotes (the separator rule sits in it), in points.
pub const NOTE_GAP: f32 = 10.0;

/// The most a space between two lines of running text shrinks to bring the second onto the
/// grid, in leadings: half a leading rounds to the nearest grid line (down at a tie, so that a
/// half-line space between list items closes rather than doubles). After a heading, table or
/// other unit off the grid the space shrinks by at most half, so that the line never crowds
/// what is above it.
const GRID_SLACK: f32 = 0.5;
/// How far a line's height and baseline may be from the leading and still be a grid line, in
/// points: float noise, not a different design.
const GRID_TOLERANCE: f32 = 0.01;

/// The frame a flow is paginated into: the text block's height, the grid and how the spaces
/// between units are scaled (the page-count fitting changes the height and the scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub body_height: f32,
    /// The body leading: the grid's step; lines of this height whose baseline is at their foot
    /// are set on it.
    pub leading: f32,
    /// Every space between units is multiplied by this.
    pub space_scale: f32,
}

impl Frame {
    /// The style's own frame: its text block and leading, spaces as designed.
    pub fn of(style: &crate::pdf::style::PrintStyle) -> Frame {
        Frame {
            body_height: style.body_height(),
            leading: style.leading,
            space_scale: 1.0,
        }
    }

    /// Whether `unit` is a line of running text, set on the grid.
    fn on_grid(&self, unit: &Unit) -> bool {
        (unit.height - self.leading).abs() < GRID_TOLERANCE
            && (unit.baseline - self.leading).abs() < GRID_TOLERANCE
    }

    /// The space to put above `unit`, whose top would otherwise be `y` below the text block's
    /// top after `space` (already scaled), below `above` (`None` at the page's top): a grid
    /// line's space grows or shrinks to bring its baseline onto the grid.
    fn space_above(&self, unit: &Unit, above: Option<&Unit>, y: f32, space: f32) -> f32 {
        if !self.on_grid(unit) {
            return space;
        }
        let step = self.leading;
        let natural = y + space + unit.baseline;
        let slack = match above {
            Some(above) if self.on_grid(above) => GRID_SLACK * step,
            _ => (GRID_SLACK * step).min(space / 2.0),
        };
        let n = ((natural - slack) / step - GRID_TOLERANCE).ceil().max(1.0);
        let baseline = (n * step).max(y + unit.baseline);
        // A unit above that ended off the grid (a heading) leaves `baseline` between lines:
        // the next grid line down.
        let on_line = (baseline / step - GRID_TOLERANCE).ceil() * step;
        on_line - unit.baseline - y
    }
}

/// A unit a page plan places, by index into the flow it was made from, so that placing can
/// move the units onto the pages instead of copying them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot {
    Unit(usize),
    /// The repeated table header of unit `i` (a copy: it can head several pages).
    HeaderOf(usize),
}

/// One page's share of the flow.
#[derive(Debug, Clone, Default)]
pub struct PagePlan {
    /// Units and the offset of their top below the text block's top.
    pub units: Vec<(Slot, f32)>,
    /// Footnote units (note key, index in the note's flow) and the offset of their top below
    /// the top of the footnote area.
    pub notes: Vec<((usize, u32), usize, f32)>,
    /// Height of the footnote area (0 without notes).
    pub notes_height: f32,
}

/// Footnote flows by (chapter, number).
pub type Notes = HashMap<(usize, u32), Vec<Unit>>;

fn notes_height(keys: &[(usize, u32)], notes: &Notes) -> f32 {
    if keys.is_empty() {
        return 0.0;
    }
    NOTE_GAP
        + keys
            .iter()
            .filter_map(|k| notes.get(k))
            .flatten()
            .map(|u| u.height + u.space_before)
            .sum::<f32>()
}

/// Break `units` into pages of `frame`. Every page gets at least one unit.
pub fn paginate(units: &[Unit], notes: &Notes, frame: &Frame) -> Vec<PagePlan> {
    let body_height = frame.body_height;
    let mut pages = Vec::new();
    let mut start = 0;
    let mut placed_notes: HashSet<(usize, u32)> = HashSet::new();
    while start < units.len() {
        // The header repeated at the top of a page that continues a table.
        let header = if start > 0 {
            units[start].repeat_header.as_deref()
        } else {
            None
        };
        let mut used = header.as_ref().map(|h| h.height).unwrap_or(0.0);
        let mut page_notes: Vec<(usize, u32)> = Vec::new();
        let mut end = start;
        let mut fits_to = start;
        while end < units.len() {
            let u = &units[end];
            let space = if end == start && header.is_none() {
                0.0
            } else {
                u.space_before * frame.space_scale
            };
            let above = (end > start).then(|| &units[end - 1]);
            let space = frame.space_above(u, above, used, space);
            let mut new_notes = page_notes.clone();
            for k in &u.notes {
                if !placed_notes.contains(k) && !new_notes.contains(k) && notes.contains_key(k) {
                    new_notes.push(*k);
                }
            }
            let need = used + space + u.height + notes_height(&new_notes, notes);
            if need > body_height + 0.01 && end > start {
                break;
            }
            used += space + u.height;
            page_notes = new_notes;
            end += 1;
            fits_to = end;
        }
        // Step back to the last place a break is allowed.
        let mut cut = fits_to;
        if cut < units.len() {
            while cut > start + 1 && units[cut - 1].keep_with_next {
                cut -= 1;
            }
            if cut == start + 1 && units[start].keep_with_next {
                // Nothing on the page may be separated: break where it overflowed instead.
                cut = fits_to;
            }
        }
        let mut plan = PagePlan::default();
        let mut y = 0.0;
        if let Some(h) = header {
            plan.units.push((Slot::HeaderOf(start), 0.0));
            y = h.height;
        }
        let mut keys: Vec<(usize, u32)> = Vec::new();
        for (i, u) in units[start..cut].iter().enumerate() {
            let space = if i > 0 || !plan.units.is_empty() {
                u.space_before * frame.space_scale
            } else {
                0.0
            };
            let above = (i > 0).then(|| &units[start + i - 1]);
            y += frame.space_above(u, above, y, space);
            plan.units.push((Slot::Unit(start + i), y));
            y += u.height;
            for k in &u.notes {
                if notes.contains_key(k) && placed_notes.insert(*k) {
                    keys.push(*k);
                }
            }
        }
        let mut ny = NOTE_GAP;
        for k in &keys {
            for (i, u) in notes.get(k).into_iter().flatten().enumerate() {
                if i > 0 {
                    ny += u.space_before;
                }
                plan.notes.push((*k, i, ny));
                ny += u.height;
            }
        }
        plan.notes_height = if keys.is_empty() { 0.0 } else { ny };
        pages.push(plan);
        start = cut;
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body_height: f32) -> Frame {
        Frame {
            body_height,
            leading: 14.0,
            space_scale: 1.0,
        }
    }

    fn line(keep: bool) -> Unit {
        Unit {
            height: 10.0,
            keep_with_next: keep,
            ..Unit::default()
        }
    }

    #[test]
    fn a_page_never_ends_between_kept_units() {
        // 8 free lines, then a heading kept with 2 lines, on pages of 10 lines.
        let mut units: Vec<Unit> = (0..8).map(|_| line(false)).collect();
        units.push(line(true));
        units.push(line(true));
        units.push(line(false));
        units.push(line(false));
        let notes = Notes::new();
        let pages = paginate(&units, &notes, &frame(100.0));
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].units.len(), 8);
        assert_eq!(pages[1].units.len(), 4);
    }

    #[test]
    fn a_footnote_lands_on_the_page_of_its_reference() {
        let mut units: Vec<Unit> = (0..9).map(|_| line(false)).collect();
        units[8].notes.push((0, 1));
        let mut notes = Notes::new();
        notes.insert((0, 1), vec![line(false), line(false)]);
        let pages = paginate(&units, &notes, &frame(100.0));
        // 9 lines + gap + 2 note lines do not fit; the referencing line moves on.
        assert_eq!(pages.len(), 2);
        assert!(pages[0].notes.is_empty());
        assert_eq!(pages[1].notes.len(), 2);
        assert!(pages.iter().all(|p| {
            p.units
                .iter()
                .map(|(slot, _)| match slot {
                    Slot::Unit(i) | Slot::HeaderOf(i) => units[*i].height,
                })
                .sum::<f32>()
                + p.notes_height
                <= 100.0
        }));
    }
}
