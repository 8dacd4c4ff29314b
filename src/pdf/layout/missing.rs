//! Characters no font has, collected as values while text is set (on several threads) and
//! reported once per document, at the first place each occurs in reading order.

use crate::diagnostic::{Diagnostics, Location};

/// The warning for a character no font has.
pub fn missing_char_message(c: char) -> String {
    format!(
        "no font has the character '{c}' (U+{:04X}); it prints as a blank box",
        c as u32
    )
}

/// The warning for a paragraph whose word spaces cannot stay within the limits.
pub const STRAINED_MESSAGE: &str = "this paragraph cannot be justified with its word spaces \
    between 0.7 and 1.6 times their natural width; it is set as evenly as it can be \
    (rewording a line, or a shorter word near its end, lets it set well)";

/// Each missing character with the first place it was found, and the paragraphs that could
/// not be justified within the spacing limits (TeX's underfull boxes).
#[derive(Debug, Default)]
pub struct MissingChars {
    found: Vec<(char, Option<Location>)>,
    strained: Vec<Option<Location>>,
}

impl MissingChars {
    /// Notes `c` at `at`, unless it was already found earlier.
    pub fn add(&mut self, c: char, at: Option<Location>) {
        if !self.found.iter().any(|(k, _)| *k == c) {
            self.found.push((c, at));
        }
    }

    /// Notes a paragraph at `at` that could not be justified within the spacing limits.
    pub fn add_strained(&mut self, at: Option<Location>) {
        self.strained.push(at);
    }

    /// Takes in what another part of the document (set later in reading order) found.
    pub fn merge(&mut self, later: MissingChars) {
        for (c, at) in later.found {
            self.add(c, at);
        }
        self.strained.extend(later.strained);
    }

    /// One warning per character, and one per strained paragraph.
    pub fn report(self, diags: &mut Diagnostics) {
        for (c, at) in self.found {
            diags.warning(at, missing_char_message(c));
        }
        for at in self.strained {
            diags.warning(at, STRAINED_MESSAGE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_is_reported_once_at_its_first_place_in_reading_order() {
        let at = |line| Some(Location::new("a.md", line, 1));
        let mut first_half = MissingChars::default();
        first_half.add('☃', at(3));
        let mut second_half = MissingChars::default();
        second_half.add('☃', at(9));
        second_half.add('✓', at(12));
        first_half.merge(second_half);
        let mut diags = Diagnostics::new();
        first_half.report(&mut diags);
        let lines: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].contains("a.md:3") && lines[0].contains('☃'),
            "{lines:?}"
        );
        assert!(
            lines[1].contains("a.md:12") && lines[1].contains('✓'),
            "{lines:?}"
        );
    }
}
