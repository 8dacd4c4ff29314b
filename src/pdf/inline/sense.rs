//! Display lines broken by sense: headings, titles and contents entries.
//!
//! First fit breaks a heading wherever the measure ends, which leaves one word alone on a
//! second line or a line ending on "of". This breaker keeps first fit's number of lines and,
//! among the ways to break into that many, takes the most even (the least sum of squared
//! room left on each line, at natural spacing), avoids a line that ends on an article,
//! preposition or conjunction, and a last line shorter than half the one before it.

use super::Piece;
use super::linebreak::{self, Breaks, FORCED_BREAK, Item, Quality};
use super::ties::word_before;

/// Words a display line should not end on: articles, short prepositions and conjunctions
/// that lead into what follows.
const WEAK_ENDS: [&str; 19] = [
    "a", "an", "the", "of", "for", "to", "and", "in", "on", "with", "or", "at", "by", "from", "as",
    "but", "nor", "into", "via",
];
/// A line ending on a weak word costs this many squared measures: more than any evenness
/// gains, so it is taken only when no other break exists.
const WEAK_END_COST: f64 = 4.0;
/// A last line shorter than this share of the line before it looks like a word turned over.
const SHORT_LAST_SHARE: f32 = 0.5;
/// Such a short last line costs this many squared measures: less than a weak end.
const SHORT_LAST_COST: f64 = 1.0;

/// The best way found to end a number of lines at a breakpoint: its cost, the breakpoint the
/// last line starts after (none for the first line) and that line's width.
#[derive(Debug, Clone, Copy)]
struct Way {
    cost: f64,
    from: Option<usize>,
    width: f32,
}

/// The best ways to set one line more than `before` does: for each breakpoint `j`, the
/// cheapest line from an earlier breakpoint `i`, as `extend(i, j, way to i)` weighs it.
fn next_lines(
    before: &[Option<Way>],
    extend: impl Fn(usize, usize, Way) -> Option<Way>,
) -> Vec<Option<Way>> {
    let mut next: Vec<Option<Way>> = vec![None; before.len()];
    for (j, slot) in next.iter_mut().enumerate() {
        for (i, way) in before.iter().enumerate().take(j) {
            let Some(way) = *way else { continue };
            if let Some(new) = extend(i, j, way)
                && slot.is_none_or(|best| new.cost < best.cost)
            {
                *slot = Some(new);
            }
        }
    }
    next
}

/// Break display text by sense into as many lines as first fit would (or more when first fit
/// only got there by shrinking its spaces, or one more when that avoids a weak line end).
pub(super) fn by_sense(items: &[Item<Piece>], measure: f32) -> Breaks {
    let first_fit = linebreak::greedy(items, measure);
    let lines = first_fit.positions.len();
    let last = items.len() - 1;
    let inner_forced = items[..last].iter().any(|i| i.penalty() <= FORCED_BREAK);
    if lines < 2 || inner_forced {
        return first_fit;
    }
    let points: Vec<usize> = (0..items.len())
        .filter(|&i| i == last || linebreak::is_breakpoint(items, i))
        .collect();
    let mut prefix = Vec::with_capacity(items.len() + 1);
    let mut w = 0.0f32;
    for item in items {
        prefix.push(w);
        if !matches!(item, Item::Penalty { .. }) {
            w += item.width();
        }
    }
    prefix.push(w);
    // A line's natural width: its items, and a drawn hyphen at its end.
    let width =
        |start: usize, end: usize| prefix[end] - prefix[start] + items[end].width().max(0.0);
    let measure2 = f64::from(measure).powi(2);
    let line_cost = |end: usize, w: f32, prev: Option<f32>| {
        let room = f64::from(measure - w);
        let mut cost = room * room;
        if end != last {
            let word = word_before(items, end).to_lowercase();
            if WEAK_ENDS.contains(&word.as_str()) {
                cost += WEAK_END_COST * measure2;
            }
        } else if prev.is_some_and(|p| w < SHORT_LAST_SHARE * p) {
            cost += SHORT_LAST_COST * measure2;
        }
        cost
    };
    // ways[k][j]: the best way to set k + 1 lines, the last ending at points[j]. As many lines
    // as first fit sets, or more when first fit shrank spaces to get there.
    let mut ways: Vec<Vec<Option<Way>>> = vec![vec![None; points.len()]];
    for (j, &end) in points.iter().enumerate() {
        let w = width(0, end);
        if w <= measure {
            ways[0][j] = Some(Way {
                cost: line_cost(end, w, None),
                from: None,
                width: w,
            });
        }
    }
    let extend = |ways: &mut Vec<Vec<Option<Way>>>| {
        let next = next_lines(&ways[ways.len() - 1], |i, j, before: Way| {
            let start = linebreak::next_line_start(items, points[i]);
            let w = width(start, points[j]);
            (w <= measure).then(|| Way {
                cost: before.cost + line_cost(points[j], w, Some(before.width)),
                from: Some(i),
                width: w,
            })
        });
        ways.push(next);
    };
    let end_of = |ways: &[Vec<Option<Way>>]| ways.last().and_then(|w| w[points.len() - 1]);
    while ways.len() < lines || end_of(&ways).is_none() {
        if ways.len() >= points.len() {
            return first_fit;
        }
        extend(&mut ways);
    }
    // A line more rather than a line that ends on a weak word, when that line more has none.
    let weak = WEAK_END_COST * measure2;
    if end_of(&ways).is_some_and(|e| e.cost >= weak) && ways.len() < points.len() {
        extend(&mut ways);
        if end_of(&ways).is_none_or(|e| e.cost >= weak) {
            ways.pop();
        }
    }
    let lines = ways.len();
    let Some(end) = end_of(&ways) else {
        return first_fit;
    };
    let mut positions = vec![last];
    let (mut k, mut way) = (lines - 1, end);
    while let Some(i) = way.from {
        positions.push(points[i]);
        k -= 1;
        match ways[k][i] {
            Some(w) => way = w,
            None => return first_fit,
        }
    }
    positions.reverse();
    Breaks {
        ratios: vec![0.0; positions.len()],
        positions,
        demerits: end.cost,
        quality: Quality::Regular,
    }
}
