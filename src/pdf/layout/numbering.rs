//! Stage: page labels (roman numerals before the first chapter, arabic from it) and where each
//! anchor landed.

use std::collections::HashMap;

use super::place::Placed;
use crate::pdf::page::{LabelStyle, PageLabelRange};

/// Where an anchor landed: its page index and the y of its top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Destination {
    pub page: usize,
    pub y: f32,
}

/// The numbers of the placed pages.
pub struct PageNumbers {
    /// The label every page prints ("i", "1"...).
    pub labels: Vec<String>,
    /// The first page numbered in arabic (the first page after the front matter).
    pub body_start: usize,
    /// Where each anchor landed (the first one, if a name occurs twice).
    pub anchors: HashMap<String, Destination>,
}

impl PageNumbers {
    /// Number `pages`, whose body starts at page index `body_start`.
    pub fn new(pages: &[Placed], body_start: usize) -> PageNumbers {
        let labels = (0..pages.len())
            .map(|p| page_label(p, body_start))
            .collect();
        let mut anchors = HashMap::new();
        for (page, placed) in pages.iter().enumerate() {
            for (name, y) in &placed.page.anchors {
                anchors
                    .entry(name.clone())
                    .or_insert(Destination { page, y: *y });
            }
        }
        PageNumbers {
            labels,
            body_start,
            anchors,
        }
    }

    /// The label of the page an anchor is on (empty for an anchor not in the book).
    pub fn label_of(&self, anchor: &str) -> String {
        self.anchors
            .get(anchor)
            .and_then(|d| self.labels.get(d.page).cloned())
            .unwrap_or_default()
    }

    /// The label ranges of the PDF's /PageLabels: roman from the first page, arabic from the
    /// body's.
    pub fn ranges(&self) -> Vec<PageLabelRange> {
        [
            PageLabelRange {
                first_page: 0,
                style: LabelStyle::LowerRoman,
                start: 1,
            },
            PageLabelRange {
                first_page: self.body_start,
                style: LabelStyle::Decimal,
                start: 1,
            },
        ]
        .into_iter()
        .filter(|r| r.first_page < self.labels.len())
        .collect()
    }
}

/// The label of page index `p` when the body starts at page index `body_start`.
pub fn page_label(p: usize, body_start: usize) -> String {
    if p < body_start {
        roman(p + 1)
    } else {
        (p - body_start + 1).to_string()
    }
}

/// Lower-case roman numerals for front-matter page labels.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn roman_numerals() {
        let got: Vec<String> = [1, 4, 9, 14, 40, 90, 400, 1994].map(roman).into();
        assert_eq!(got, ["i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv"]);
    }
}
