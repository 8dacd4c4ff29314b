//! The breaker on synthetic paragraphs: total fit against first fit, overfull boxes, hyphen
//! demerits.

use super::*;

/// The natural width of the line from `start` to the breakpoint `end`.
fn natural_width<T>(items: &[Item<T>], start: usize, end: usize) -> f32 {
    let mut w: f32 = items[start..end].iter().map(Item::width).sum();
    if let Item::Penalty { width, .. } = &items[end] {
        w += width;
    }
    w
}

/// A paragraph of words of the given widths with TeX-like spaces (width 6, +3/-2).
fn words(widths: &[f32]) -> Vec<Item<()>> {
    let mut items = Vec::new();
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            items.push(Item::Glue {
                width: 6.0,
                stretch: 3.0,
                shrink: 2.0,
                data: (),
            });
        }
        items.push(Item::Box {
            width: *w,
            data: (),
        });
    }
    items.push(Item::Penalty {
        width: 0.0,
        penalty: INFINITE_PENALTY,
        flagged: false,
        data: (),
    });
    items.push(Item::Glue {
        width: 0.0,
        stretch: 1e6,
        shrink: 0.0,
        data: (),
    });
    items.push(Item::Penalty {
        width: 0.0,
        penalty: FORCED_BREAK,
        flagged: false,
        data: (),
    });
    items
}

fn check_fits(items: &[Item<()>], breaks: &Breaks, measure: f32) {
    let mut start = 0;
    for &b in &breaks.positions {
        let natural = natural_width(items, start, b);
        let shrink: f32 = items[start..b]
            .iter()
            .map(|i| {
                if let Item::Glue { shrink, .. } = i {
                    *shrink
                } else {
                    0.0
                }
            })
            .sum();
        assert!(
            natural - shrink <= measure + 1e-3,
            "line {start}..{b} too wide"
        );
        start = next_line_start(items, b);
    }
}

#[test]
fn total_fit_beats_first_fit_on_a_paragraph_that_traps_greedy() {
    // Greedy fills the first line, leaving a loose second line; total fit balances them.
    // 120 word widths from 8 to 40, from a fixed linear congruential sequence.
    let mut seed: u32 = 12_345;
    let widths: Vec<f32> = (0..120)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            8.0 + ((seed >> 16) % 33) as f32
        })
        .collect();
    let items = words(&widths);
    let measure = 120.0;
    let kp = total_fit(&items, measure);
    let gr = greedy(&items, measure);
    check_fits(&items, &kp, measure);
    check_fits(&items, &gr, measure);
    assert!(
        kp.demerits < gr.demerits,
        "{} vs {}",
        kp.demerits,
        gr.demerits
    );
    assert_eq!(*kp.positions.last().expect("lines"), items.len() - 1);
}

#[test]
fn a_box_wider_than_the_measure_gets_its_own_line_without_panicking() {
    let items = words(&[10.0, 150.0, 10.0]);
    let breaks = total_fit(&items, 100.0);
    assert_eq!(breaks.positions.len(), 3);
}

/// A fit at natural spacing (ratio 0).
const NATURAL: Fit = Fit {
    ratio: 0.0,
    judged: 0.0,
    spacing: 1.0,
};

#[test]
fn consecutive_hyphens_are_forbidden_in_regular_passes_and_cost_extra_in_the_last() {
    let items: Vec<Item<()>> = vec![
        Item::Box {
            width: 10.0,
            data: (),
        },
        Item::Penalty {
            width: 1.0,
            penalty: 50.0,
            flagged: true,
            data: (),
        },
        Item::Box {
            width: 10.0,
            data: (),
        },
        Item::Penalty {
            width: 0.0,
            penalty: FORCED_BREAK,
            flagged: false,
            data: (),
        },
    ];
    let after = |end| {
        Some(PreviousLine {
            end,
            fitness: 1,
            spacing: 1.0,
        })
    };
    assert_eq!(
        line_demerits(&items, NATURAL, 1, after(1), FORBID_BOTH),
        None
    );
    let once = line_demerits(&items, NATURAL, 1, after(0), FORBID_NONE).expect("allowed");
    let twice = line_demerits(&items, NATURAL, 1, after(1), FORBID_NONE).expect("allowed");
    assert_eq!(twice - once, DOUBLE_HYPHEN_DEMERITS);
}

#[test]
fn a_loose_line_under_a_tight_one_costs_uneven_neighbour_demerits() {
    let items = words(&[10.0, 10.0, 10.0]);
    let glue_break = 1;
    let tight = |spacing| {
        Some(PreviousLine {
            end: glue_break,
            fitness: 1,
            spacing,
        })
    };
    let loose = Fit {
        spacing: 1.5,
        ..NATURAL
    };
    let alike = line_demerits(&items, loose, 3, tight(1.4), FORBID_BOTH).expect("allowed");
    // 1.5 against 1.0: uneven, not yet nearly a pair a reader marks.
    let uneven = line_demerits(&items, loose, 3, tight(1.0), FORBID_BOTH).expect("allowed");
    assert_eq!(uneven - alike, UNEVEN_NEIGHBOUR_DEMERITS);
    // 1.5 against 0.8: both charges.
    let marked = line_demerits(&items, loose, 3, tight(0.8), FORBID_BOTH).expect("allowed");
    assert_eq!(
        marked - alike,
        UNEVEN_NEIGHBOUR_DEMERITS + NEARLY_UNEVEN_DEMERITS
    );
}

#[test]
fn a_paragraph_too_loose_for_the_limits_is_set_by_the_emergency_pass_and_says_so() {
    // Words of a line far wider than they are: no pass within tolerance
    // can set it, the emergency stretch spreads it and says so.
    let items = words(&[40.0, 40.0, 40.0, 40.0]);
    let breaks = total_fit(&items, 150.0);
    assert_eq!(breaks.quality, Quality::Strained);
    let fine = total_fit(&items, 130.0);
    assert_eq!(fine.quality, Quality::Regular);
}

#[test]
fn a_hyphen_on_the_next_to_last_line_is_forbidden_first_and_weighed_later() {
    let items = words(&[10.0, 10.0]);
    let last = items.len() - 1;
    let after_hyphen = Some(PreviousLine {
        end: 0,
        fitness: 1,
        spacing: 1.0,
    });
    let mut hyphenated = items.clone();
    hyphenated[0] = Item::Penalty {
        width: 1.0,
        penalty: 50.0,
        flagged: true,
        data: (),
    };
    assert_eq!(
        line_demerits(&hyphenated, NATURAL, last, after_hyphen, FORBID_BOTH),
        None
    );
    let weighed = line_demerits(&hyphenated, NATURAL, last, after_hyphen, FORBID_DOUBLE);
    let plain = line_demerits(&items, NATURAL, last, after_hyphen, FORBID_DOUBLE);
    assert_eq!(
        weighed.zip(plain).map(|(w, p)| w - p),
        Some(FINAL_HYPHEN_DEMERITS)
    );
}
