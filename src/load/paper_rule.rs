//! The rule the built-in style's papers are designed by, which a custom paper's margins and
//! type follow when its style leaves them to the built-in one: the body grows with the square
//! root of the page's width from the A5 brochure's 10.5 pt (a page twice as wide is read from
//! a little farther, not at twice the size), the measure holds a set number of ems (about 69
//! characters of Linux Libertine, inside the 60-75 a justified line reads best at), the side
//! margins share what is left, and the top and bottom margins keep A5's share of the height.
//! The A4 and Letter variants of `styles/print.toml` are this rule's values, rounded to half
//! points and within a millimetre and a half.

use crate::model::{PT_PER_MM, PaperSize};

/// The A5 brochure's body size, in points, and its page width, in millimetres.
const A5_BODY_PT: f32 = 10.5;
const A5_WIDTH_MM: f32 = 148.0;
/// Leading per body size: A5's 14 on 10.5, an open page for a reader new to the subject.
const LEADING_PER_SIZE: f32 = 14.0 / 10.5;
/// The measure in ems of the body size: with Libertine's 2.39 characters per em of measure,
/// 29 em hold about 69 characters, the middle of the 60-75 a justified line reads best at.
const MEASURE_EMS: f32 = 29.0;
/// The narrowest side margin, in millimetres: room for a thumb, and for the booklet's creep.
const MIN_SIDE_MM: f32 = 12.0;
/// The top and bottom margins as shares of the page's height: A5's 17 and 20 mm of 210.
const TOP_SHARE: f32 = 17.0 / 210.0;
const BOTTOM_SHARE: f32 = 20.0 / 210.0;

/// Margins and type for a page, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Designed {
    pub body_size: f32,
    pub leading: f32,
    pub top: f32,
    pub bottom: f32,
    /// Inner and outer alike.
    pub side: f32,
}

/// The rule's margins and type for `page`.
pub fn designed_for(page: PaperSize) -> Designed {
    let width_mm = page.width / PT_PER_MM;
    let body_size = A5_BODY_PT * (width_mm / A5_WIDTH_MM).max(0.0).sqrt();
    let measure = (MEASURE_EMS * body_size).min(page.width - 2.0 * MIN_SIDE_MM * PT_PER_MM);
    Designed {
        body_size,
        leading: body_size * LEADING_PER_SIZE,
        top: page.height * TOP_SHARE,
        bottom: page.height * BOTTOM_SHARE,
        side: ((page.width - measure) / 2.0).max(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::built_in_styles;
    use crate::model::Paper;

    #[test]
    fn the_built_in_a4_and_letter_variants_are_the_rule_rounded() {
        let styles = built_in_styles();
        for paper in [Paper::A4, Paper::Letter] {
            let (_, style) = styles
                .papers
                .iter()
                .find(|(p, _)| *p == paper)
                .expect("a variant");
            let rule = designed_for(paper.size().expect("a named paper"));
            let mm = |pt: f32| pt / PT_PER_MM;
            assert!(
                (style.body_size - rule.body_size).abs() <= 0.25,
                "{paper:?}"
            );
            assert!((style.leading - rule.leading).abs() <= 0.5, "{paper:?}");
            for (designed, ruled) in [
                (style.margin_top, rule.top),
                (style.margin_bottom, rule.bottom),
                (style.margin_inner, rule.side),
                (style.margin_outer, rule.side),
            ] {
                assert!(
                    (mm(designed) - mm(ruled)).abs() <= 1.5,
                    "{paper:?}: {designed} {ruled}"
                );
            }
        }
    }

    #[test]
    fn a_wider_page_gets_larger_type_and_a_measure_of_the_same_ems() {
        let a5 = designed_for(Paper::A5.size().expect("a named paper"));
        let wide = designed_for(PaperSize {
            width: 300.0 * PT_PER_MM,
            height: 300.0 * PT_PER_MM,
        });
        assert!((a5.body_size - A5_BODY_PT).abs() < 0.01);
        assert!(wide.body_size > a5.body_size && wide.side > a5.side);
        let ems = |d: Designed, width: f32| (width - 2.0 * d.side) / d.body_size;
        assert!((ems(wide, 300.0 * PT_PER_MM) - MEASURE_EMS).abs() < 0.01);
    }
}
