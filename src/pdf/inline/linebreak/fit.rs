//! How a line fits its measure: running sums over the items, and a line's adjustment ratio,
//! its judged ratio and its spacing.

use super::Item;

/// Running sums of widths, stretch and shrink of items `[0, i)`, and of the natural width of
/// the glue alone (to measure how far a line's spaces are from natural).
pub(super) struct Sums {
    pub(super) width: Vec<f64>,
    pub(super) stretch: Vec<f64>,
    pub(super) shrink: Vec<f64>,
    pub(super) glue: Vec<f64>,
    /// The boxes' widths alone, and the share of them that may stretch or shrink (character
    /// expansion; 0 for none).
    pub(super) letters: Vec<f64>,
    pub(super) expansion: f64,
}

impl Sums {
    pub(super) fn new<T>(items: &[Item<T>], expansion: f64) -> Sums {
        let n = items.len();
        let mut s = Sums {
            width: Vec::with_capacity(n + 1),
            stretch: Vec::with_capacity(n + 1),
            shrink: Vec::with_capacity(n + 1),
            glue: Vec::with_capacity(n + 1),
            letters: Vec::with_capacity(n + 1),
            expansion,
        };
        let (mut w, mut y, mut z, mut g, mut l) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for item in items {
            s.width.push(w);
            s.stretch.push(y);
            s.shrink.push(z);
            s.glue.push(g);
            s.letters.push(l);
            match item {
                Item::Box { width, .. } => {
                    let width = f64::from(*width);
                    w += width;
                    l += width;
                    y += width * expansion;
                    z += width * expansion;
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                    ..
                } => {
                    w += f64::from(*width);
                    y += f64::from(*stretch);
                    z += f64::from(*shrink);
                    g += f64::from(*width);
                }
                Item::Penalty { .. } => {}
            }
        }
        s.width.push(w);
        s.stretch.push(y);
        s.shrink.push(z);
        s.glue.push(g);
        s.letters.push(l);
        s
    }
}

/// How a line from items `start` to the breakpoint `end` fits its measure: its adjustment
/// ratio, the ratio its badness is judged by (with a pass's emergency stretch added) and its
/// spaces as a multiple of their natural width.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fit {
    pub(super) ratio: f64,
    pub(super) judged: f64,
    pub(super) spacing: f64,
}

impl Fit {
    pub(super) fn new<T>(
        items: &[Item<T>],
        sums: &Sums,
        line: LineSpan,
        measure: f32,
        extra: f64,
    ) -> Fit {
        let (start, end) = (line.start, line.end);
        let mut natural = sums.width[end] - sums.width[start];
        if let Item::Penalty { width, .. } = &items[end] {
            natural += f64::from(*width);
        }
        let measure = f64::from(measure);
        let stretch = sums.stretch[end] - sums.stretch[start];
        let shrink = sums.shrink[end] - sums.shrink[start];
        let adjust = |play: f64| {
            if play > 0.0 {
                (measure - natural) / play
            } else if natural < measure {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            }
        };
        let (ratio, judged) = if natural < measure {
            (adjust(stretch), adjust(stretch + extra))
        } else if natural > measure {
            let r = adjust(shrink);
            (r, r)
        } else {
            (0.0, 0.0)
        };
        // The spaces take what expansion (at most its limit) leaves, as the set stage does.
        let glue = sums.glue[end] - sums.glue[start];
        let letters = (sums.letters[end] - sums.letters[start]) * sums.expansion;
        let spacing = if glue > 0.0 && ratio.is_finite() {
            (glue + measure - natural - letters * ratio.clamp(-1.0, 1.0)) / glue
        } else {
            1.0
        };
        Fit {
            ratio,
            judged,
            spacing,
        }
    }
}

/// The items a line runs over: from `start` to the breakpoint `end`.
#[derive(Debug, Clone, Copy)]
pub(super) struct LineSpan {
    pub(super) start: usize,
    pub(super) end: usize,
}
