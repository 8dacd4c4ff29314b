//! Stage 2, break: Knuth-Plass total-fit line breaking (Knuth & Plass, "Breaking Paragraphs
//! into Lines", 1981) over boxes, glue and penalties, with fitness classes, flagged (hyphen)
//! penalties and a greedy first-fit breaker for comparison.
//!
//! Takes the collected [`Item`]s (ending with a forced break) and a measure; gives [`Breaks`]:
//! the item positions where lines end, each line's adjustment ratio and the total demerits.
//!
//! Own implementation rather than `paragraph-breaker` or `text_layout`: neither is a dependency
//! yet, and quire needs things from the breaker that their documented APIs do not give: the
//! demerits of the chosen breaks (tests compare them with a greedy breaker), a tolerance that is
//! raised in passes and a last pass that never sets a line wider than its measure, and items
//! that carry our own payload through unchanged. The algorithm is 200 lines; owning it keeps
//! every cost a named constant here.

/// Penalty that forbids a break.
pub const INFINITE_PENALTY: f32 = 10_000.0;
/// Penalty that forces a break (end of paragraph, hard line break).
pub const FORCED_BREAK: f32 = -INFINITE_PENALTY;

/// Added to every line's badness before squaring: TeX's \linepenalty, so fewer lines win ties.
const LINE_PENALTY: f64 = 10.0;
/// Two hyphenated lines in a row where a pass allows them at all: TeX's
/// \doublehyphendemerits. The regular passes forbid them outright (see [`Pass`]).
const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
/// A hyphen on the paragraph's next-to-last line, which leaves a fragment alone on the last,
/// where a pass allows it at all: twice TeX's \finalhyphendemerits (5000), so it stays rarer
/// than a second hyphen in a row. The regular passes forbid it (see [`Pass`]).
const FINAL_HYPHEN_DEMERITS: f64 = 30_000.0;
/// A very loose line next to a tight one (fitness classes more than one apart):
/// TeX's \adjdemerits.
const ADJACENT_FITNESS_DEMERITS: f64 = 10_000.0;
/// Neighbouring justified lines whose spaces differ by this factor or more catch the eye as a
/// loose line on a tight one, even inside one fitness class pair: a reader sees the ratio of
/// the spaces, not TeX's classes.
const UNEVEN_NEIGHBOURS: f64 = 1.45;
/// The cost of such a pair: TeX's \adjdemerits again, the price of a visibly uneven pair.
const UNEVEN_NEIGHBOUR_DEMERITS: f64 = 10_000.0;
/// Neighbours this far apart are close to [`UNEVEN_PAIR`], where typo-metrics and a reader mark
/// them, so they cost [`NEARLY_UNEVEN_DEMERITS`] more: a pair at 1.45 and one at 1.9 are not
/// the same fault.
const NEARLY_UNEVEN: f64 = 1.55;
/// Three times \adjdemerits, more than a hyphen (100^2) with a line of some badness: measured
/// with typo-metrics on the guide, uneven pairs at A4 4 -> 2 of 83 and at Letter 3 -> 2 of
/// 70, the 10x book at A4 40 -> 20 of 832; hyphens stay under 12 % of the lines.
const NEARLY_UNEVEN_DEMERITS: f64 = 30_000.0;
/// Neighbours whose spaces differ by this factor are a pair a reader marks (typo-metrics'
/// limit): the first pass's breaks, set without hyphens, are kept only without such a pair.
const UNEVEN_PAIR: f64 = 1.6;
/// Badness of a line that cannot stretch enough (TeX's "infinitely bad").
const AWFUL_BADNESS: f64 = 10_000.0;
/// Whether a paragraph's lines keep their spaces within the limits, so the caller can warn
/// about one that cannot (as TeX reports an underfull box).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    /// Set by a regular pass, or by an emergency pass with every space within the limits.
    Regular,
    /// Only an emergency pass could set it, and some line's spaces are wider than
    /// [`LOOSEST_SPACING`] or narrower than [`TIGHTEST_SPACING`] times natural.
    Strained,
}

/// Spaces wider than this many times natural read as holes in a line.
pub const LOOSEST_SPACING: f64 = 1.6;
/// Spaces narrower than this many times natural run words together.
pub const TIGHTEST_SPACING: f64 = 0.7;

#[derive(Debug, Clone, PartialEq)]
pub enum Item<T> {
    Box {
        width: f32,
        data: T,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
        data: T,
    },
    Penalty {
        width: f32,
        penalty: f32,
        flagged: bool,
        data: T,
    },
}

impl<T> Item<T> {
    pub fn width(&self) -> f32 {
        match self {
            Item::Box { width, .. } | Item::Glue { width, .. } | Item::Penalty { width, .. } => {
                *width
            }
        }
    }

    pub fn is_box(&self) -> bool {
        matches!(self, Item::Box { .. })
    }

    pub fn penalty(&self) -> f32 {
        match self {
            Item::Penalty { penalty, .. } => *penalty,
            _ => 0.0,
        }
    }

    fn flagged(&self) -> bool {
        matches!(self, Item::Penalty { flagged: true, .. })
    }
}

/// The chosen breaks: item indices where lines end (each a glue or penalty, the last the
/// paragraph's final forced break), the adjustment ratio of each line and the total demerits.
#[derive(Debug, Clone, PartialEq)]
pub struct Breaks {
    pub positions: Vec<usize>,
    pub ratios: Vec<f32>,
    pub demerits: f64,
    pub quality: Quality,
}

/// Whether item `i` is a legal breakpoint (glue after a box, or a penalty below infinity).
pub fn is_breakpoint<T>(items: &[Item<T>], i: usize) -> bool {
    match &items[i] {
        Item::Glue { .. } => i > 0 && items[i - 1].is_box(),
        Item::Penalty { penalty, .. } => *penalty < INFINITE_PENALTY,
        Item::Box { .. } => false,
    }
}

/// A hyphenation point (a flagged penalty that draws a hyphen), as opposed to a break after
/// an explicit hyphen (flagged, but nothing drawn).
fn is_discretionary<T>(item: &Item<T>) -> bool {
    matches!(item, Item::Penalty { flagged: true, width, .. } if *width > 0.0)
}

/// The first item of the line after a break at `b`: glue and penalties after it are discarded.
fn line_start<T>(items: &[Item<T>], b: usize) -> usize {
    let mut i = b + 1;
    while i < items.len() && !items[i].is_box() {
        if let Item::Penalty { penalty, .. } = items[i]
            && penalty <= FORCED_BREAK
        {
            break;
        }
        i += 1;
    }
    i
}

fn badness(r: f64) -> f64 {
    if r.is_infinite() || r < -1.0 {
        AWFUL_BADNESS
    } else {
        (100.0 * r.abs().powi(3)).min(AWFUL_BADNESS)
    }
}

/// Fitness class: 0 tight, 1 decent, 2 loose, 3 very loose (the paper's thresholds).
fn fitness(r: f64) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

/// The line before the one being weighed: where it ended and its fitness class.
#[derive(Debug, Clone, Copy)]
struct PreviousLine {
    end: usize,
    fitness: u8,
    spacing: f64,
}

/// Demerits of one line ending at `end` with fit `fit`, after the line `prev` (none for a
/// paragraph's first line); None when the pass forbids the line (a second hyphen in a row,
/// or a last line after a hyphen).
fn line_demerits<T>(
    items: &[Item<T>],
    fit: Fit,
    end: usize,
    prev: Option<PreviousLine>,
    forbid: Forbid,
) -> Option<f64> {
    let p = f64::from(items[end].penalty());
    let base = (LINE_PENALTY + badness(fit.judged)).powi(2);
    let mut d = if p >= 0.0 {
        base + p * p
    } else if p > f64::from(FORCED_BREAK) {
        base - p * p
    } else {
        base
    };
    let Some(prev) = prev else {
        return Some(d);
    };
    let after_hyphen = items[prev.end].flagged();
    if after_hyphen && items[end].flagged() {
        if forbid.double_hyphen {
            return None;
        }
        d += DOUBLE_HYPHEN_DEMERITS;
    }
    let last = end + 1 == items.len();
    if after_hyphen && last {
        if forbid.final_hyphen {
            return None;
        }
        d += FINAL_HYPHEN_DEMERITS;
    }
    if fitness(fit.judged).abs_diff(prev.fitness) > 1 {
        d += ADJACENT_FITNESS_DEMERITS;
    }
    // The ragged last line is not justified, so its spaces are no neighbour's concern.
    let justified = items[end].penalty() > FORCED_BREAK;
    let (a, b) = (fit.spacing.max(1e-3), prev.spacing.max(1e-3));
    let apart = a.max(b) / a.min(b);
    if justified && apart >= UNEVEN_NEIGHBOURS {
        d += UNEVEN_NEIGHBOUR_DEMERITS;
    }
    if justified && apart >= NEARLY_UNEVEN {
        d += NEARLY_UNEVEN_DEMERITS;
    }
    Some(d)
}

/// A pass's breaks, and the most any two neighbouring justified lines' spaces differ by (as a
/// factor; 1 for a paragraph of one justified line or none).
struct Found {
    breaks: Breaks,
    widest_pair: f64,
}

/// A feasible break: the line ending at `position` after the break of node `previous`.
struct Node {
    position: usize,
    fitness: u8,
    demerits: f64,
    ratio: f64,
    spacing: f64,
    previous: Option<usize>,
}

/// The best line found so far ending at the breakpoint under study, for one fitness class:
/// its paragraph's demerits up to here, the node it starts after and its adjustment ratio.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    demerits: f64,
    from: usize,
    fit: Fit,
}

/// An active node dropped because its line to the breakpoint under study is too long, with
/// that line's ratio: where an overfull box's line starts when nothing else fits.
#[derive(Debug, Clone, Copy)]
struct Dropped {
    fit: Fit,
    node: usize,
}

/// What one breakpoint offers: the best candidate per fitness class (tight, decent, loose,
/// very loose) and the latest node dropped.
struct BreakChoices {
    best: [Option<Candidate>; 4],
    dropped: Option<Dropped>,
}

/// Break `items` (which must end with a forced break) into lines of `measure` by total fit.
/// The last pass accepts any line that fits, so no line is wider than the measure as long as
/// every box fits; if one does not, it gets a line of its own.
#[cfg(test)]
pub fn total_fit<T>(items: &[Item<T>], measure: f32) -> Breaks {
    total_fit_expanding(items, measure, 0.0)
}

/// Total fit where every box may also stretch and shrink by `expansion` of its width
/// (character expansion, as pdfTeX's \pdfadjustspacing).
pub fn total_fit_expanding<T>(items: &[Item<T>], measure: f32, expansion: f32) -> Breaks {
    if items.is_empty() {
        return Breaks {
            positions: Vec::new(),
            ratios: Vec::new(),
            demerits: 0.0,
            quality: Quality::Regular,
        };
    }
    let sums = Sums::new(items, f64::from(expansion));
    for (k, pass) in PASSES.iter().enumerate() {
        let Some(found) = Search::new(items, &sums, measure).run(pass) else {
            continue;
        };
        // The first pass sets without hyphens, as TeX's \pretolerance does; a pair a reader
        // marks as uneven is worse than a hyphen, so the hyphenating pass, which has every
        // break the first has and more, sets such a paragraph if it does better.
        if k == 0
            && found.widest_pair >= UNEVEN_PAIR
            && let Some(hyphenated) = Search::new(items, &sums, measure).run(&PASSES[1])
            && hyphenated.breaks.demerits < found.breaks.demerits
        {
            return hyphenated.breaks;
        }
        return found.breaks;
    }
    // Unreachable in practice: the infinite pass always finds a path. Keep a safe answer.
    greedy(items, measure)
}

/// One pass of total fit: the nodes found so far and the active ones (those a line may still
/// start after).
struct Search<'a, T> {
    items: &'a [Item<T>],
    sums: &'a Sums,
    measure: f32,
    nodes: Vec<Node>,
    active: Vec<usize>,
}

impl<'a, T> Search<'a, T> {
    fn new(items: &'a [Item<T>], sums: &'a Sums, measure: f32) -> Self {
        Search {
            items,
            sums,
            measure,
            nodes: vec![Node {
                position: 0,
                fitness: 1,
                demerits: 0.0,
                ratio: 0.0,
                spacing: 1.0,
                previous: None,
            }],
            active: vec![0],
        }
    }

    /// The breaks of the pass, or None when some stretch of the paragraph cannot be set
    /// within its tolerance.
    fn run(mut self, pass: &Pass) -> Option<Found> {
        // Only the last resort sets an overfull line; an earlier pass gives up instead.
        let last_resort = pass.tolerance.is_infinite() && !pass.forbid.double_hyphen;
        for i in 0..self.items.len() {
            if !is_breakpoint(self.items, i)
                || (!pass.hyphenate && is_discretionary(&self.items[i]))
            {
                continue;
            }
            let choices = self.weigh(i, pass);
            let created = self.add_nodes(i, &choices.best);
            if self.active.is_empty() && !created {
                if !last_resort {
                    return None;
                }
                self.add_overfull(i, choices.dropped?);
            }
        }
        self.best_breaks(pass.emergency_stretch > 0.0)
    }

    /// The item a line after node `n` starts with (the paragraph start is not a real break:
    /// its line starts at item 0).
    fn start_of(&self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            line_start(self.items, self.nodes[n].position)
        }
    }

    /// The line before a line that starts after node `a` (none after the paragraph start).
    fn previous_line(&self, a: usize) -> Option<PreviousLine> {
        (a != 0).then(|| PreviousLine {
            end: self.nodes[a].position,
            fitness: self.nodes[a].fitness,
            spacing: self.nodes[a].spacing,
        })
    }

    /// Weigh a line to breakpoint `i` from every active node, dropping the nodes whose line
    /// is too long (and all of them at a forced break).
    fn weigh(&mut self, i: usize, pass: &Pass) -> BreakChoices {
        let extra = pass.emergency_stretch * f64::from(self.measure);
        let forced = self.items[i].penalty() <= FORCED_BREAK;
        let mut choices = BreakChoices {
            best: [None; 4],
            dropped: None,
        };
        let mut keep = Vec::with_capacity(self.active.len());
        for &a in &self.active {
            let line = LineSpan {
                start: self.start_of(a),
                end: i,
            };
            let fit = Fit::new(self.items, self.sums, line, self.measure, extra);
            let too_long = fit.ratio < -1.0;
            if !too_long && pass.allows(fit, forced) {
                let prev = self.previous_line(a);
                if let Some(d) = line_demerits(self.items, fit, i, prev, pass.forbid) {
                    let d = self.nodes[a].demerits + d;
                    let class = usize::from(fitness(fit.judged));
                    if choices.best[class].is_none_or(|best| d < best.demerits) {
                        choices.best[class] = Some(Candidate {
                            demerits: d,
                            from: a,
                            fit,
                        });
                    }
                }
            }
            if too_long || forced {
                if too_long && choices.dropped.is_none_or(|dropped| a > dropped.node) {
                    choices.dropped = Some(Dropped { fit, node: a });
                }
            } else {
                keep.push(a);
            }
        }
        self.active = keep;
        choices
    }

    /// A node at breakpoint `i` for each fitness class that has a candidate; whether any was
    /// made.
    fn add_nodes(&mut self, i: usize, best: &[Option<Candidate>; 4]) -> bool {
        let mut created = false;
        for (class, candidate) in best.iter().enumerate() {
            if let Some(c) = *candidate {
                self.nodes.push(Node {
                    position: i,
                    fitness: class as u8,
                    demerits: c.demerits,
                    ratio: c.fit.ratio,
                    spacing: c.fit.spacing,
                    previous: Some(c.from),
                });
                self.active.push(self.nodes.len() - 1);
                created = true;
            }
        }
        created
    }

    /// A box wider than the measure: give it an overfull line (from the dropped node) rather
    /// than fail.
    fn add_overfull(&mut self, i: usize, dropped: Dropped) {
        let (fit, a) = (dropped.fit, dropped.node);
        let prev = self.previous_line(a);
        let d = line_demerits(self.items, fit, i, prev, FORBID_NONE).unwrap_or(AWFUL_BADNESS);
        self.nodes.push(Node {
            position: i,
            fitness: 0,
            demerits: self.nodes[a].demerits + d,
            ratio: fit.ratio.max(-1.0),
            spacing: fit.spacing,
            previous: Some(a),
        });
        self.active.push(self.nodes.len() - 1);
    }

    /// The cheapest path to the paragraph's end, followed back to its start.
    /// Lines of an emergency pass are checked against the spacing limits.
    fn best_breaks(&self, emergency: bool) -> Option<Found> {
        let nodes = &self.nodes;
        let last = self.items.len() - 1;
        let best = self
            .active
            .iter()
            .copied()
            .filter(|&n| nodes[n].position == last && n != 0)
            .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
        let demerits = nodes[best].demerits;
        let mut positions = Vec::new();
        let mut ratios = Vec::new();
        let mut strained = false;
        let mut widest_pair: f64 = 1.0;
        // The spaces of the justified line under the one being followed back.
        let mut below: Option<f64> = None;
        let mut n = Some(best);
        while let Some(k) = n {
            if k == 0 {
                break;
            }
            let spacing = nodes[k].spacing;
            let justified = nodes[k].position != last;
            strained |=
                emergency && justified && !(TIGHTEST_SPACING..=LOOSEST_SPACING).contains(&spacing);
            if justified {
                let (a, b) = (spacing.max(1e-3), below.unwrap_or(spacing).max(1e-3));
                widest_pair = widest_pair.max(a.max(b) / a.min(b));
                below = Some(spacing);
            }
            positions.push(nodes[k].position);
            ratios.push(nodes[k].ratio as f32);
            n = nodes[k].previous;
        }
        positions.reverse();
        ratios.reverse();
        let breaks = Breaks {
            positions,
            ratios,
            demerits,
            quality: if strained {
                Quality::Strained
            } else {
                Quality::Regular
            },
        };
        Some(Found {
            breaks,
            widest_pair,
        })
    }
}

/// First fit: each line takes as many items as fit (shrinking if needed), the way a word
/// processor breaks. Used as the baseline total fit must beat, and as a safe fallback.
pub fn greedy<T>(items: &[Item<T>], measure: f32) -> Breaks {
    let sums = Sums::new(items, 0.0);
    let mut positions = Vec::new();
    let mut ratios = Vec::new();
    let mut demerits = 0.0;
    let mut start = 0;
    let mut last_fit: Option<(usize, Fit)> = None;
    let mut prev: Option<PreviousLine> = None;
    let mut i = 0;
    while i < items.len() {
        if is_breakpoint(items, i) {
            let fit = Fit::new(items, &sums, LineSpan { start, end: i }, measure, 0.0);
            let forced = items[i].penalty() <= FORCED_BREAK;
            if fit.ratio >= -1.0 && !forced {
                last_fit = Some((i, fit));
            } else {
                let (b, fit) = if fit.ratio >= -1.0 {
                    (i, fit)
                } else {
                    last_fit.unwrap_or((i, fit))
                };
                demerits +=
                    line_demerits(items, fit, b, prev, FORBID_NONE).unwrap_or(AWFUL_BADNESS);
                positions.push(b);
                ratios.push(fit.ratio.max(-1.0) as f32);
                prev = Some(PreviousLine {
                    end: b,
                    fitness: fitness(fit.ratio),
                    spacing: fit.spacing,
                });
                start = line_start(items, b);
                last_fit = None;
                if b != i {
                    // Re-examine from the new line's start.
                    i = start;
                    continue;
                }
            }
        }
        i += 1;
    }
    Breaks {
        positions,
        ratios,
        demerits,
        quality: Quality::Regular,
    }
}

/// The first item of the line after a break at `b`.
pub fn next_line_start<T>(items: &[Item<T>], b: usize) -> usize {
    line_start(items, b)
}

mod fit;
mod passes;
#[cfg(test)]
mod tests;

use fit::{Fit, LineSpan, Sums};
#[cfg(test)]
use passes::{FORBID_BOTH, FORBID_DOUBLE};
use passes::{FORBID_NONE, Forbid, PASSES, Pass};
