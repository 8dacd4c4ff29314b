//! Reading every problem of a TOML file in one run. serde stops at the first unknown key, wrong
//! type or missing key; so each problem found is recorded, the text is patched past it (the
//! entry blanked out with spaces, which keeps every other byte where it was, or a placeholder
//! for a missing key inserted), and the file is read again, until it reads or a syntax error
//! ends it. The file is not used when any problem was found: the patches only let the reading go
//! on.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::source::{Problem, TomlSource, between};
use crate::diagnostic::Diagnostic;

/// The most problems one file reports in a run; a file with more is not worth reading further.
const MAX_PROBLEMS: usize = 64;

/// A placeholder line inserted into the text being read, in that text's byte offsets.
struct Insertion {
    at: usize,
    len: usize,
}

/// The text being read, with the insertions made so far, to map its offsets back to the file's.
struct Patched {
    text: String,
    insertions: Vec<Insertion>,
}

impl Patched {
    /// The file's span for a span of the patched text; `None` inside a placeholder.
    fn original(&self, span: Range<usize>) -> Option<Range<usize>> {
        let mut shift = 0;
        for ins in &self.insertions {
            if span.start >= ins.at + ins.len {
                shift += ins.len;
            } else if span.start >= ins.at {
                return None;
            }
        }
        Some(span.start - shift..span.end.saturating_sub(shift).max(span.start - shift))
    }

    /// Replace the entry at `offset` (its whole line, and the lines an open bracket carries it
    /// onto) with spaces, newlines kept. A table header takes its table's entries with it.
    fn blank_entry(&mut self, offset: usize) {
        let start = self.text[..offset.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = if self.text[start..].trim_start().starts_with('[') {
            table_end(&self.text, start)
        } else {
            entry_end(&self.text, start)
        };
        let blank: String = self.text[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        self.text.replace_range(start..end, &blank);
    }

    /// Insert `key = ""` after the header of the table that holds `offset`.
    fn insert_placeholder(&mut self, offset: usize, key: &str) -> bool {
        let before = &self.text[..offset.min(self.text.len())];
        let header = before
            .rmatch_indices('\n')
            .map(|(i, _)| i + 1)
            .chain([0])
            .find(|&i| self.text[i..].starts_with('['));
        let Some(header) = header else {
            return false;
        };
        let at = self.text[header..]
            .find('\n')
            .map_or(self.text.len(), |i| header + i + 1);
        let line = format!("{key} = \"\"\n");
        self.text.insert_str(at, &line);
        self.insertions.push(Insertion {
            at,
            len: line.len(),
        });
        true
    }
}

/// The end of the entry starting at `start`: its line, or further while a bracket is open.
fn entry_end(text: &str, start: usize) -> usize {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            (None, '#') if depth <= 0 => {
                return text[start + i..]
                    .find('\n')
                    .map_or(text.len(), |j| start + i + j);
            }
            (None, '\n') if depth <= 0 => return start + i,
            _ => {}
        }
    }
    text.len()
}

/// The end of the table whose header starts at `start`: just before the next header.
fn table_end(text: &str, start: usize) -> usize {
    let first_line = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    text[first_line..]
        .match_indices('\n')
        .map(|(i, _)| first_line + i + 1)
        .chain([first_line])
        .filter(|&i| text[i..].trim_start().starts_with('['))
        .min()
        .unwrap_or(text.len())
}

/// Read `source` as `T`, reporting every problem (see the module's doc).
pub fn parse_all<T: DeserializeOwned>(source: &TomlSource<'_>) -> Result<T, Vec<Diagnostic>> {
    let mut patched = Patched {
        text: source.text.to_string(),
        insertions: Vec::new(),
    };
    let mut found: Vec<Diagnostic> = Vec::new();
    // The keys blanked out, by the offset of their table's header: a required one is then
    // missing, which is no news.
    let mut blanked: Vec<(usize, String)> = Vec::new();
    while found.len() < MAX_PROBLEMS {
        let error = match toml::from_str::<T>(&patched.text) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(error) => error,
        };
        let span = error.span().unwrap_or(0..0);
        let Some(original) = patched.original(span.clone()) else {
            break;
        };
        let table = header_offset(source.text, original.start);
        match source.describe(error.message(), original.clone()) {
            Problem::Entry(d) => {
                // A misspelt key stands for the one suggested, which is then missing too.
                let meant = d
                    .hint
                    .as_deref()
                    .and_then(|h| between(h, "did you mean '", "'?"));
                blanked.extend(meant.map(|key| (table, key.to_string())));
                blanked.push((table, source.key_at(original.start)));
                found.push(d);
                patched.blank_entry(span.start);
            }
            Problem::Missing(d, key) => {
                if !blanked.contains(&(table, key.clone())) {
                    found.push(d);
                }
                if !patched.insert_placeholder(span.start, &key) {
                    break;
                }
            }
            Problem::Syntax(d) => {
                found.push(d);
                break;
            }
        }
    }
    // In the file's order, as they were not found in it.
    found.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    Err(found)
}

/// The offset of the header of the table that holds `offset` (0 at the top level).
fn header_offset(text: &str, offset: usize) -> usize {
    let line_end = text[offset.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    text[..line_end]
        .rmatch_indices('\n')
        .map(|(i, _)| i + 1)
        .chain([0])
        .find(|&i| text[i..].trim_start().starts_with('['))
        .unwrap_or(0)
}

/// A hint showing the right form of a value of the wrong type, from serde's message
/// (`invalid type: string "Jane Newcomer", expected a sequence`): `authors = ["Jane Newcomer"]`.
pub fn example_of(key: &str, message: &str) -> String {
    let (found, expected) = message
        .trim_start_matches("invalid type: ")
        .split_once(", expected ")
        .unwrap_or(("", ""));
    let quoted = between_quotes(found).unwrap_or("...");
    let example = if expected.contains("sequence") {
        format!("{key} = [\"{quoted}\"]")
    } else if expected.contains("string") {
        format!("{key} = \"{quoted}\"")
    } else if expected.contains("bool") {
        format!("{key} = true")
    } else if expected.starts_with('f') || expected.contains("float") || expected.starts_with('i') {
        let number = Some(quoted).filter(|q| q.parse::<f64>().is_ok());
        format!("{key} = {}", number.unwrap_or("12.5"))
    } else if expected.contains("map") || expected.starts_with("struct") {
        format!("[{key}] on a line of its own, its keys below it")
    } else {
        return format!("give '{key}' a value of the expected type");
    };
    format!("write it as: {example}")
}

/// The text inside `"..."` or `` `...` `` in serde's description of a found value.
fn between_quotes(found: &str) -> Option<&str> {
    let open = found.find(['"', '`'])?;
    let close = found.rfind(['"', '`'])?;
    (close > open).then(|| &found[open + 1..close])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_show_the_right_form() {
        assert_eq!(
            example_of(
                "authors",
                "invalid type: string \"Jane Newcomer\", expected a sequence"
            ),
            "write it as: authors = [\"Jane Newcomer\"]"
        );
        assert_eq!(
            example_of("title", "invalid type: integer `3`, expected a string"),
            "write it as: title = \"3\""
        );
        assert_eq!(
            example_of("size-pt", "invalid type: string \"11\", expected f32"),
            "write it as: size-pt = 11"
        );
    }

    #[test]
    fn blanking_keeps_every_other_byte_in_place() {
        let text = "[book]\nbad = [1,\n 2]\ntitle = \"T\" # x\n";
        let mut patched = Patched {
            text: text.to_string(),
            insertions: Vec::new(),
        };
        patched.blank_entry(8);
        assert_eq!(patched.text.len(), text.len());
        assert_eq!(patched.text, "[book]\n         \n   \ntitle = \"T\" # x\n");
    }
}
