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
/// Two hyphenated lines in a row: TeX's \doublehyphendemerits.
const DOUBLE_HYPHEN_DEMERITS: f64 = 3_000.0;
/// A hyphen on the paragraph's last full line: TeX's \finalhyphendemerits.
const FINAL_HYPHEN_DEMERITS: f64 = 5_000.0;
/// A very loose line next to a tight one (fitness classes more than one apart):
/// TeX's \adjdemerits.
const ADJACENT_FITNESS_DEMERITS: f64 = 10_000.0;
/// Badness of a line that cannot stretch enough (TeX's "infinitely bad").
const AWFUL_BADNESS: f64 = 10_000.0;
/// One pass of the breaker: the badness a line may have, and whether hyphenation points count.
struct Pass {
    tolerance: f64,
    hyphenate: bool,
}

/// Passes tried in turn: first without hyphenation at TeX's \pretolerance (100), so a paragraph
/// that sets well without hyphens gets none; then with hyphenation at TeX's \tolerance (200);
/// then looser; then any line that fits (the emergency pass), which always succeeds when every
/// box fits the measure.
const PASSES: [Pass; 4] = [
    Pass {
        tolerance: 100.0,
        hyphenate: false,
    },
    Pass {
        tolerance: 200.0,
        hyphenate: true,
    },
    Pass {
        tolerance: 1_000.0,
        hyphenate: true,
    },
    Pass {
        tolerance: f64::INFINITY,
        hyphenate: true,
    },
];

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

    fn penalty(&self) -> f32 {
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
}

/// Running sums of widths, stretch and shrink of items `[0, i)`.
struct Sums {
    width: Vec<f64>,
    stretch: Vec<f64>,
    shrink: Vec<f64>,
}

impl Sums {
    fn new<T>(items: &[Item<T>]) -> Sums {
        let n = items.len();
        let mut s = Sums {
            width: Vec::with_capacity(n + 1),
            stretch: Vec::with_capacity(n + 1),
            shrink: Vec::with_capacity(n + 1),
        };
        let (mut w, mut y, mut z) = (0.0, 0.0, 0.0);
        for item in items {
            s.width.push(w);
            s.stretch.push(y);
            s.shrink.push(z);
            match item {
                Item::Box { width, .. } => w += f64::from(*width),
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                    ..
                } => {
                    w += f64::from(*width);
                    y += f64::from(*stretch);
                    z += f64::from(*shrink);
                }
                Item::Penalty { .. } => {}
            }
        }
        s.width.push(w);
        s.stretch.push(y);
        s.shrink.push(z);
        s
    }
}

/// Whether item `i` is a legal breakpoint (glue after a box, or a penalty below infinity).
fn is_breakpoint<T>(items: &[Item<T>], i: usize) -> bool {
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

/// The adjustment ratio of a line from items `start` to `end` (a breakpoint) at `measure`.
fn ratio<T>(items: &[Item<T>], sums: &Sums, start: usize, end: usize, measure: f32) -> f64 {
    let mut natural = sums.width[end] - sums.width[start];
    if let Item::Penalty { width, .. } = &items[end] {
        natural += f64::from(*width);
    }
    let measure = f64::from(measure);
    if natural < measure {
        let stretch = sums.stretch[end] - sums.stretch[start];
        if stretch > 0.0 {
            (measure - natural) / stretch
        } else {
            f64::INFINITY
        }
    } else if natural > measure {
        let shrink = sums.shrink[end] - sums.shrink[start];
        if shrink > 0.0 {
            (measure - natural) / shrink
        } else {
            f64::NEG_INFINITY
        }
    } else {
        0.0
    }
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
}

/// Demerits of one line ending at `end` with adjustment ratio `r`, after the line `prev`
/// (none for a paragraph's first line).
fn line_demerits<T>(items: &[Item<T>], r: f64, end: usize, prev: Option<PreviousLine>) -> f64 {
    let p = f64::from(items[end].penalty());
    let base = (LINE_PENALTY + badness(r)).powi(2);
    let mut d = if p >= 0.0 {
        base + p * p
    } else if p > f64::from(FORCED_BREAK) {
        base - p * p
    } else {
        base
    };
    if let Some(prev) = prev {
        if items[prev.end].flagged() && items[end].flagged() {
            d += DOUBLE_HYPHEN_DEMERITS;
        }
        if items[prev.end].flagged() && end + 1 == items.len() {
            d += FINAL_HYPHEN_DEMERITS;
        }
        if fitness(r).abs_diff(prev.fitness) > 1 {
            d += ADJACENT_FITNESS_DEMERITS;
        }
    }
    d
}

/// A feasible break: the line ending at `position` after the break of node `previous`.
struct Node {
    position: usize,
    fitness: u8,
    demerits: f64,
    ratio: f64,
    previous: Option<usize>,
}

/// The best line found so far ending at the breakpoint under study, for one fitness class:
/// its paragraph's demerits up to here, the node it starts after and its adjustment ratio.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    demerits: f64,
    from: usize,
    ratio: f64,
}

/// An active node dropped because its line to the breakpoint under study is too long, with
/// that line's ratio: where an overfull box's line starts when nothing else fits.
#[derive(Debug, Clone, Copy)]
struct Dropped {
    ratio: f64,
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
pub fn total_fit<T>(items: &[Item<T>], measure: f32) -> Breaks {
    if items.is_empty() {
        return Breaks {
            positions: Vec::new(),
            ratios: Vec::new(),
            demerits: 0.0,
        };
    }
    let sums = Sums::new(items);
    for pass in &PASSES {
        if let Some(breaks) = Search::new(items, &sums, measure).run(pass) {
            return breaks;
        }
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
                previous: None,
            }],
            active: vec![0],
        }
    }

    /// The breaks of the pass, or None when some stretch of the paragraph cannot be set
    /// within its tolerance.
    fn run(mut self, pass: &Pass) -> Option<Breaks> {
        let emergency = pass.tolerance.is_infinite();
        for i in 0..self.items.len() {
            if !is_breakpoint(self.items, i)
                || (!pass.hyphenate && is_discretionary(&self.items[i]))
            {
                continue;
            }
            let choices = self.weigh(i, pass.tolerance, emergency);
            let created = self.add_nodes(i, &choices.best);
            if self.active.is_empty() && !created {
                if !emergency {
                    return None;
                }
                self.add_overfull(i, choices.dropped?);
            }
        }
        self.best_breaks()
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
        })
    }

    /// Weigh a line to breakpoint `i` from every active node, dropping the nodes whose line
    /// is too long (and all of them at a forced break).
    fn weigh(&mut self, i: usize, tolerance: f64, emergency: bool) -> BreakChoices {
        let forced = self.items[i].penalty() <= FORCED_BREAK;
        let mut choices = BreakChoices {
            best: [None; 4],
            dropped: None,
        };
        let mut keep = Vec::with_capacity(self.active.len());
        for &a in &self.active {
            let start = self.start_of(a);
            let r = ratio(self.items, self.sums, start, i, self.measure);
            let fits = r >= -1.0;
            let too_long = r < -1.0;
            if fits && (badness(r) <= tolerance || emergency) {
                let prev = self.previous_line(a);
                let d = self.nodes[a].demerits + line_demerits(self.items, r, i, prev);
                let class = usize::from(fitness(r));
                if choices.best[class].is_none_or(|best| d < best.demerits) {
                    choices.best[class] = Some(Candidate {
                        demerits: d,
                        from: a,
                        ratio: r,
                    });
                }
            }
            if too_long || forced {
                if too_long && choices.dropped.is_none_or(|dropped| a > dropped.node) {
                    choices.dropped = Some(Dropped { ratio: r, node: a });
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
                    ratio: c.ratio,
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
        let (r, a) = (dropped.ratio, dropped.node);
        let prev = self.previous_line(a);
        let d = self.nodes[a].demerits + line_demerits(self.items, r, i, prev);
        self.nodes.push(Node {
            position: i,
            fitness: 0,
            demerits: d,
            ratio: r.max(-1.0),
            previous: Some(a),
        });
        self.active.push(self.nodes.len() - 1);
    }

    /// The cheapest path to the paragraph's end, followed back to its start.
    fn best_breaks(&self) -> Option<Breaks> {
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
        let mut n = Some(best);
        while let Some(k) = n {
            if k == 0 {
                break;
            }
            positions.push(nodes[k].position);
            ratios.push(nodes[k].ratio as f32);
            n = nodes[k].previous;
        }
        positions.reverse();
        ratios.reverse();
        Some(Breaks {
            positions,
            ratios,
            demerits,
        })
    }
}

/// First fit: each line takes as many items as fit (shrinking if needed), the way a word
/// processor breaks. Used as the baseline total fit must beat, and as a safe fallback.
pub fn greedy<T>(items: &[Item<T>], measure: f32) -> Breaks {
    let sums = Sums::new(items);
    let mut positions = Vec::new();
    let mut ratios = Vec::new();
    let mut demerits = 0.0;
    let mut start = 0;
    let mut last_fit: Option<(usize, f64)> = None;
    let mut prev: Option<PreviousLine> = None;
    let mut i = 0;
    while i < items.len() {
        if is_breakpoint(items, i) {
            let r = ratio(items, &sums, start, i, measure);
            let forced = items[i].penalty() <= FORCED_BREAK;
            if r >= -1.0 && !forced {
                last_fit = Some((i, r));
            } else {
                let (b, r) = if r >= -1.0 {
                    (i, r)
                } else {
                    last_fit.unwrap_or((i, r))
                };
                demerits += line_demerits(items, r, b, prev);
                positions.push(b);
                ratios.push(r.max(-1.0) as f32);
                prev = Some(PreviousLine {
                    end: b,
                    fitness: fitness(r),
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
    }
}

/// The first item of the line after a break at `b`.
pub fn next_line_start<T>(items: &[Item<T>], b: usize) -> usize {
    line_start(items, b)
}

#[cfg(test)]
mod tests;
