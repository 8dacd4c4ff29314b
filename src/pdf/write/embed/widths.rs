//! A CID font's glyph widths: /DW and a compact /W array (ISO 32000-1, 9.7.4.3).
//!
//! The most common width, rounded, becomes the default /DW (poppler reads /DW only as an
//! integer) and the CIDs of exactly that width are left out of /W (a monospaced font of 1000
//! units per em needs no /W at all); the other CIDs are written as `first [w1 w2 ...]` for
//! neighbours of different widths, or `first last w` for a run of one width.

use lopdf::Object;

/// A run of at least this many neighbouring CIDs of one width is written as `first last w`
/// (3 numbers) instead of inside a `[...]` list (one number each).
const MIN_RANGE_RUN: usize = 4;

/// /DW and /W for the widths of CIDs 0, 1, 2, ... (in 1/1000 em).
pub(super) fn widths(by_cid: &[f32]) -> (Object, Vec<Object>) {
    let default = most_common(by_cid).round();
    let mut w = Vec::new();
    let mut cid = 0;
    while cid < by_cid.len() {
        if by_cid[cid] == default {
            cid += 1;
            continue;
        }
        let run = same_width_run(by_cid, cid);
        if run >= MIN_RANGE_RUN {
            w.push(Object::Integer(cid as i64));
            w.push(Object::Integer((cid + run - 1) as i64));
            w.push(number(by_cid[cid]));
            cid += run;
            continue;
        }
        // A list up to the next default width or the next run worth a range.
        let start = cid;
        let mut list = Vec::new();
        while cid < by_cid.len()
            && by_cid[cid] != default
            && same_width_run(by_cid, cid) < MIN_RANGE_RUN
        {
            list.push(number(by_cid[cid]));
            cid += 1;
        }
        w.push(Object::Integer(start as i64));
        w.push(Object::Array(list));
    }
    (number(default), w)
}

/// How many CIDs from `start` on have the width of `start`.
fn same_width_run(by_cid: &[f32], start: usize) -> usize {
    by_cid[start..]
        .iter()
        .take_while(|&&w| w == by_cid[start])
        .count()
}

/// The width most CIDs have; the smallest of those on a tie, so the choice is stable. 0 for
/// no CIDs.
fn most_common(by_cid: &[f32]) -> f32 {
    let mut sorted = by_cid.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut best = (0, 0.0);
    let mut i = 0;
    while i < sorted.len() {
        let run = same_width_run(&sorted, i);
        if run > best.0 {
            best = (run, sorted[i]);
        }
        i += run;
    }
    best.1
}

/// A width as an integer when it is one (fonts of 1000 units per em), else a real.
fn number(width: f32) -> Object {
    if width.fract() == 0.0 && width.abs() < 1e9 {
        Object::Integer(width as i64)
    } else {
        Object::Real(width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(values: &[i64]) -> Vec<Object> {
        values.iter().map(|&v| Object::Integer(v)).collect()
    }

    #[test]
    fn the_common_width_is_the_default_and_others_compact() {
        // CIDs:          0    1    2    3    4    5    6    7    8    9   10   11
        let by_cid = [
            500.0, 250.0, 600.0, 500.0, 700.0, 700.0, 700.0, 700.0, 500.0, 333.0, 500.0, 250.0,
        ];
        let (dw, w) = widths(&by_cid);
        assert_eq!(dw, Object::Integer(500));
        let mut expected = vec![Object::Integer(1), Object::Array(ints(&[250, 600]))];
        expected.extend(ints(&[4, 7, 700]));
        expected.extend([Object::Integer(9), Object::Array(ints(&[333]))]);
        expected.extend([Object::Integer(11), Object::Array(ints(&[250]))]);
        assert_eq!(w, expected);
    }

    #[test]
    fn a_list_stops_where_a_run_starts() {
        let by_cid = [0.0, 1.0, 2.0, 3.0, 3.0, 3.0, 3.0, 5.0, 6.0, 9.0, 9.0];
        let (dw, w) = widths(&by_cid);
        // 3 is the most common width: the run is the default, not a range.
        assert_eq!(dw, Object::Integer(3));
        let mut expected = vec![Object::Integer(0), Object::Array(ints(&[0, 1, 2]))];
        expected.extend([Object::Integer(7), Object::Array(ints(&[5, 6, 9, 9]))]);
        assert_eq!(w, expected);
        let by_cid = [
            1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 7.0, 7.0, 7.0, 7.0, 7.0,
        ];
        let (dw, w) = widths(&by_cid);
        assert_eq!(dw, Object::Integer(7));
        let mut expected = vec![Object::Integer(0), Object::Array(ints(&[1, 1, 1]))];
        expected.extend(ints(&[3, 6, 2]));
        expected.extend([Object::Integer(7), Object::Array(ints(&[3]))]);
        assert_eq!(w, expected);
    }

    #[test]
    fn monospaced_fonts_need_no_w_and_fractions_stay() {
        let (dw, w) = widths(&[602.0; 40]);
        assert_eq!(dw, Object::Integer(602));
        assert!(w.is_empty());
        // DejaVu Sans Mono: 1233 of 2048 units per em.
        let (dw, w) = widths(&[602.05; 40]);
        assert_eq!(dw, Object::Integer(602));
        assert_eq!(
            w,
            [
                Object::Integer(0),
                Object::Integer(39),
                Object::Real(602.05)
            ]
        );
        let (dw, w) = widths(&[602.05, 602.05, 300.5]);
        assert_eq!(dw, Object::Integer(602));
        assert_eq!(
            w,
            [
                Object::Integer(0),
                Object::Array(vec![
                    Object::Real(602.05),
                    Object::Real(602.05),
                    Object::Real(300.5)
                ])
            ]
        );
        let (dw, w) = widths(&[]);
        assert_eq!(dw, Object::Integer(0));
        assert!(w.is_empty());
    }
}
