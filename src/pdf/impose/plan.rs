//! Which page goes where: the saddle-stitch order of a booklet's sheets, split into stacked
//! signatures, with blank pages padding the count to a multiple of 4.

/// A folded sheet carries four pages: two on each side.
pub const PAGES_PER_SHEET: usize = 4;

/// What one half of a sheet side shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The book's page of this index (0-based).
    Page(usize),
    /// A blank page, padding the count to a multiple of 4.
    Blank,
}

/// One side of one sheet, as it lies flat before folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub left: Slot,
    pub right: Slot,
    /// The sheet's place in its signature, 0 for the outermost: how many sheets lie around it,
    /// which is what creep compensates.
    pub depth: usize,
}

/// The booklet's sides in print order: each sheet's front, then its back; signature after
/// signature. `signature` pages per signature (a multiple of 4), or one signature of all.
pub fn sides(page_count: usize, signature: Option<usize>) -> Vec<Side> {
    let order = padded(page_count);
    let per_signature = signature.unwrap_or(order.len()).max(PAGES_PER_SHEET);
    let mut out = Vec::with_capacity(order.len() / 2);
    for pages in order.chunks(per_signature) {
        let count = pages.len();
        for depth in 0..count / PAGES_PER_SHEET {
            // Outermost sheet: last | first on its front, second | second-last on its back;
            // each sheet further in takes the next two pages from either end.
            out.push(Side {
                left: pages[count - 1 - 2 * depth],
                right: pages[2 * depth],
                depth,
            });
            out.push(Side {
                left: pages[2 * depth + 1],
                right: pages[count - 2 - 2 * depth],
                depth,
            });
        }
    }
    out
}

/// The pages in reading order, padded to a multiple of 4 with blanks before the last page, so
/// that the back cover stays on the outside. No pages give one sheet of blanks.
fn padded(page_count: usize) -> Vec<Slot> {
    let total = page_count.div_ceil(PAGES_PER_SHEET).max(1) * PAGES_PER_SHEET;
    let mut order: Vec<Slot> = (0..page_count).map(Slot::Page).collect();
    let last = order.pop();
    order.resize(total - usize::from(last.is_some()), Slot::Blank);
    order.extend(last);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(sides: &[Side]) -> Vec<(usize, usize)> {
        let n = |slot: Slot| match slot {
            Slot::Page(i) => i + 1,
            Slot::Blank => 0,
        };
        sides.iter().map(|s| (n(s.left), n(s.right))).collect()
    }

    #[test]
    fn twenty_pages_fold_into_five_sheets_in_saddle_order() {
        let sides = sides(20, None);
        assert_eq!(
            numbers(&sides),
            [
                (20, 1),
                (2, 19),
                (18, 3),
                (4, 17),
                (16, 5),
                (6, 15),
                (14, 7),
                (8, 13),
                (12, 9),
                (10, 11)
            ]
        );
        let depths: Vec<usize> = sides.iter().map(|s| s.depth).collect();
        assert_eq!(depths, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn blanks_pad_to_a_multiple_of_four_before_the_last_page() {
        // 6 pages: 1..5, two blanks, then 6 on the back cover.
        assert_eq!(numbers(&sides(6, None)), [(6, 1), (2, 0), (0, 3), (4, 5)]);
        assert_eq!(numbers(&sides(1, None)), [(1, 0), (0, 0)]);
        assert_eq!(numbers(&sides(0, None)), [(0, 0), (0, 0)]);
    }

    #[test]
    fn signatures_are_booklets_of_their_own_stacked_in_order() {
        let sides = sides(16, Some(8));
        assert_eq!(
            numbers(&sides),
            [
                (8, 1),
                (2, 7),
                (6, 3),
                (4, 5),
                (16, 9),
                (10, 15),
                (14, 11),
                (12, 13)
            ]
        );
        // Creep restarts with each signature.
        let depths: Vec<usize> = sides.iter().map(|s| s.depth).collect();
        assert_eq!(depths, [0, 0, 1, 1, 0, 0, 1, 1]);
        // A last, shorter signature: 10 pages pad to 12, one of 8 and one of 4.
        assert_eq!(numbers(&self::sides(10, Some(8)))[4..], [(10, 9), (0, 0)]);
    }
}
