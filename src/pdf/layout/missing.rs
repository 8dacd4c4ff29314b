//! Characters no font has, collected as values while text is set (on several threads) and
//! reported once per document, at the first place each occurs in reading order: the line and
//! column of the character itself, found in its file from the start of the block that holds it.

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};

/// What to do about a character no font has.
pub const MISSING_CHAR_HINT: &str = "add a font that has it to `fallback` under [fonts] in the \
    print style (fonts tried in order for what the main faces lack), or set \
    `fallback-system = true` there to search the fonts installed on this machine";

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

    /// One warning per character, at the character itself, and one per strained paragraph.
    pub fn report(self, diags: &mut Diagnostics) {
        for (c, at) in self.found {
            let at = at.map(|block| place_of(c, block));
            diags.push(
                Diagnostic::warning(at, missing_char_message(c)).with_hint(MISSING_CHAR_HINT),
            );
        }
        for at in self.strained {
            diags.warning(at, STRAINED_MESSAGE);
        }
    }
}

/// The place of `c` itself: its first occurrence in the file at or after the start of its
/// block, `block`; the block's start when the file cannot be read or does not have it there.
fn place_of(c: char, block: Location) -> Location {
    let Ok(text) = std::fs::read_to_string(&block.file) else {
        return block;
    };
    let index = LineIndex::new(&text);
    let start = line_start(&text, block.line);
    let from = text[start..]
        .char_indices()
        .nth(block.column.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| start + i);
    match text[from..].find(c) {
        Some(offset) => {
            let (line, column) = index.line_column(from + offset);
            Location::new(block.file, line, column).with_length(1)
        }
        None => block,
    }
}

/// The byte offset where 1-based `line` of `text` starts (the end for a line past it).
fn line_start(text: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line as usize - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_is_reported_once_at_its_first_place_in_reading_order() {
        let at = |line| Some(Location::new("no-such-file.md", line, 1));
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
            lines[0].contains("no-such-file.md:3") && lines[0].contains('☃'),
            "{lines:?}"
        );
        assert!(
            lines[1].contains("no-such-file.md:12") && lines[1].contains('✓'),
            "{lines:?}"
        );
    }

    #[test]
    fn a_character_is_reported_at_its_own_line_and_column() {
        let dir = std::env::temp_dir().join(format!("quire-missing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let file = dir.join("c.md");
        std::fs::write(&file, "# T\n\nSome text\nand a ☃ here, a ☃ there.\n").expect("written");
        let mut found = MissingChars::default();
        found.add('☃', Some(Location::new(&file, 3, 1)));
        let mut diags = Diagnostics::new();
        found.report(&mut diags);
        let at = diags.items()[0].location.clone().expect("a place");
        assert_eq!((at.line, at.column, at.length), (4, 7, 1));
        assert!(
            diags.items()[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("fallback"))
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
