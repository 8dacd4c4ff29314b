//! Problems found in a book, as values: where (file, line, column), what, and a hint.
//!
//! Every stage pushes what it finds into one [`Diagnostics`] collector, so a run reports all
//! of its problems together instead of stopping at the first.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the user may want to know (a table left to mdBook, a derived identifier);
    /// never an error, not even under `--deny-warnings`.
    Note,
    Warning,
    Error,
}

/// A place in a source file. Lines and columns count from 1; 0 means "unknown".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
    /// How many characters from `column` the problem spans on its line; 0 when not known (a
    /// caret under the token at `column` then stands for it).
    pub length: u32,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, line: u32, column: u32) -> Self {
        Location {
            file: file.into(),
            line,
            column,
            length: 0,
        }
    }

    /// The same place, spanning `length` characters.
    pub fn with_length(mut self, length: u32) -> Self {
        self.length = length;
        self
    }

    /// A whole file, with no line.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
/// For many offsets in one text, build a [`LineIndex`] once instead.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    LineIndex::new(text).line_column(offset)
}

/// The byte offsets where a text's lines start, to turn many byte offsets into lines and
/// columns without rescanning the text for each (a 550-chapter book.toml did that 550 times).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of byte `offset`; offsets past the end clamp,
    /// offsets inside a character count from its start.
    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text[start..offset].chars().count();
        (line as u32, column as u32 + 1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn note(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The collector every stage writes into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// Returned by a stage that failed; the reasons are already in the [`Diagnostics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failed;

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    pub fn error(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }

    pub fn warning(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, message));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Turn every warning into an error (`--deny-warnings`); notes stay notes.
    pub fn deny_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// `Err(Failed)` when any error has been recorded.
    pub fn check(&self) -> Result<(), Failed> {
        if self.has_errors() {
            Err(Failed)
        } else {
            Ok(())
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
    }
}

/// A path shown relative to the current directory where that is shorter.
pub fn display_path(path: &Path) -> PathBuf {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
    {
        return rel.to_path_buf();
    }
    path.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_from_one_in_characters() {
        let text = "ab\ncdé\nfg";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 8), (3, 1));
        assert_eq!(line_column(text, 7), (2, 4)); // just past é, a two-byte character
        assert_eq!(line_column(text, 999), (3, 3));
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_column(offset),
                line_column(text, offset),
                "{offset}"
            );
        }
        let index = LineIndex::new("ab\ncd\n");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(4), (2, 2));
        assert_eq!(index.line_column(6), (3, 1));
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::error(Some(Location::new("book/book.toml", 12, 1)), "unknown key")
            .with_hint("expected one of: title");
        assert_eq!(
            d.to_string(),
            "book/book.toml:12:1: error: unknown key\n  hint: expected one of: title"
        );
    }

    #[test]
    fn duplicates_are_reported_once() {
        let mut ds = Diagnostics::new();
        ds.error(None, "x");
        ds.error(None, "x");
        ds.warning(None, "y");
        assert_eq!(ds.items().len(), 2);
        assert_eq!(ds.error_count(), 1);
        assert!(ds.check().is_err());
    }
}
