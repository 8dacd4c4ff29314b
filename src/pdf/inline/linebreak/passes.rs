//! The breaker's passes: how bad a line each may take, whether it hyphenates, its emergency
//! stretch and the marks it forbids outright.

use super::fit::Fit;
use super::{LOOSEST_SPACING, badness};

/// Badness at the stretch where a space reaches 1.6 times its natural width (an adjustment
/// ratio of 1.2 at half a space of stretch, 100 * 1.2^3 = 173): lines looser than that read
/// as holes, so it is the regular passes' limit, in place of TeX's \tolerance of 200.
pub(super) const TOLERANCE: f64 = 170.0;
/// TeX's \pretolerance: the first pass, without hyphens, takes only lines at most this bad
/// (spaces within 1.5 times natural).
pub(super) const PRETOLERANCE: f64 = 100.0;
/// Extra stretch per line for the badness of the emergency pass, as a share of the measure:
/// TeX's \emergencystretch (LaTeX's \sloppy uses 3 em; 5% of a 105 mm measure is about
/// 1.4 em of 10.5 pt type). The looseness is spread over the paragraph's lines instead of
/// falling on one.
pub(super) const EMERGENCY_STRETCH_SHARE: f64 = 0.05;

/// One pass of the breaker: the badness a line may have, whether hyphenation points count,
/// the stretch added to every line's badness (TeX's \emergencystretch) and whether the rules
/// a typographer marks (two hyphens in a row, a hyphen on the next-to-last line) forbid a
/// break or only cost demerits.
pub(super) struct Pass {
    pub(super) tolerance: f64,
    pub(super) hyphenate: bool,
    pub(super) emergency_stretch: f64,
    pub(super) forbid: Forbid,
}

impl Pass {
    /// Whether the pass takes a line of fit `fit` (`ragged`: one that ends the paragraph or a
    /// forced line, whose spaces keep their width): its badness within the tolerance and, in a
    /// regular pass, its spaces at most [`LOOSEST_SPACING`] times natural. The badness alone
    /// lets a line with expanded letters have spaces of about 1.65 (past a ratio of 1 the
    /// letters stop widening and the spaces take the rest), which typo-metrics marks; such a
    /// paragraph is left to the emergency passes, which report it when they cannot do better.
    pub(super) fn allows(&self, fit: Fit, ragged: bool) -> bool {
        badness(fit.judged) <= self.tolerance
            && (self.emergency_stretch > 0.0 || ragged || fit.spacing <= LOOSEST_SPACING)
    }
}

/// The marks a pass forbids outright rather than weighs with demerits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Forbid {
    /// Two hyphenated lines in a row.
    pub(super) double_hyphen: bool,
    /// A hyphen on the next-to-last line.
    pub(super) final_hyphen: bool,
}

/// Both forbidden: the regular passes.
pub(super) const FORBID_BOTH: Forbid = Forbid {
    double_hyphen: true,
    final_hyphen: true,
};
/// Two hyphens in a row forbidden, a final hyphen weighed: the emergency passes, where a
/// hyphen on the next-to-last line is better than a line 1.6 times loose.
pub(super) const FORBID_DOUBLE: Forbid = Forbid {
    double_hyphen: true,
    final_hyphen: false,
};
/// Nothing forbidden: the last resort.
pub(super) const FORBID_NONE: Forbid = Forbid {
    double_hyphen: false,
    final_hyphen: false,
};

/// Passes tried in turn: first without hyphenation at \pretolerance, so a paragraph that sets
/// well without hyphens gets none; then with hyphenation at [`TOLERANCE`], no hyphen on the
/// next-to-last line; then the same allowing one (a hyphen there is a lesser fault than a
/// line looser than the tolerance); then with emergency stretch; then any line that fits,
/// still without two hyphens in a row; then any line that fits at all (the last resort),
/// which always succeeds when every box fits the measure.
pub(super) const PASSES: [Pass; 6] = [
    Pass {
        tolerance: PRETOLERANCE,
        hyphenate: false,
        emergency_stretch: 0.0,
        forbid: FORBID_BOTH,
    },
    Pass {
        tolerance: TOLERANCE,
        hyphenate: true,
        emergency_stretch: 0.0,
        forbid: FORBID_BOTH,
    },
    Pass {
        tolerance: TOLERANCE,
        hyphenate: true,
        emergency_stretch: 0.0,
        forbid: FORBID_DOUBLE,
    },
    Pass {
        tolerance: TOLERANCE,
        hyphenate: true,
        emergency_stretch: EMERGENCY_STRETCH_SHARE,
        forbid: FORBID_DOUBLE,
    },
    Pass {
        tolerance: f64::INFINITY,
        hyphenate: true,
        emergency_stretch: EMERGENCY_STRETCH_SHARE,
        forbid: FORBID_DOUBLE,
    },
    Pass {
        tolerance: f64::INFINITY,
        hyphenate: true,
        emergency_stretch: EMERGENCY_STRETCH_SHARE,
        forbid: FORBID_NONE,
    },
];
