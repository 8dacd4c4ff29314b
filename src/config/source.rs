//! A TOML file's text and name: byte spans turned into locations, and serde's messages turned
//! into diagnostics that name the key, its table, what was expected and how to write it.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, LineIndex, Location};

/// A TOML file's text and name, to turn byte spans into locations.
pub struct TomlSource<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    lines: LineIndex<'a>,
}

impl<'a> TomlSource<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        TomlSource {
            path,
            text,
            lines: LineIndex::new(text),
        }
    }

    /// The place of `span`, with its length in characters when it stays on one line.
    pub fn location(&self, span: Range<usize>) -> Location {
        let (line, column) = self.lines.line_column(span.start);
        let spanned = self.text.get(span.clone()).unwrap_or("");
        let length = if spanned.contains('\n') {
            0
        } else {
            spanned.chars().count() as u32
        };
        Location::new(self.path, line, column).with_length(length)
    }

    /// A located error at `span`.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(Some(self.location(span)), message)
    }

    /// Deserialize the whole file. Every problem is reported, not just the first (a syntax
    /// error aside, which ends the reading): see [`super::recover`].
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        super::recover::parse_all(self)
    }

    /// serde's or the TOML parser's `message` about the text at `span`, as a diagnostic;
    /// `None` when the message is a syntax error.
    pub(super) fn describe(&self, message: &str, span: Range<usize>) -> Problem {
        let location = Some(self.location(span.clone()));
        let table = self.table_at(span.start);
        let message = message.trim();
        if let Some((key, expected)) = parse_unknown_field(message) {
            let d = Diagnostic::error(
                location,
                format!("unknown key '{key}' in {table}; expected one of: {expected}"),
            )
            .with_hint(suggestion(
                &key,
                &expected,
                "remove the key, or check its spelling",
            ));
            return Problem::Entry(d);
        }
        if let Some(key) = between(message, "missing field `", "`") {
            let d = Diagnostic::error(location, format!("missing required key '{key}' in {table}"));
            return Problem::Missing(d, key.to_string());
        }
        if let Some(variant) = between(message, "unknown variant `", "`") {
            let expected = message
                .split_once("expected ")
                .map(|(_, e)| e.replace('`', "'"))
                .unwrap_or_default();
            let choices = expected
                .trim_start_matches("one of ")
                .replace('\'', "")
                .replace(" or ", ", ");
            let key = self.key_at(span.start);
            let d = Diagnostic::error(
                location,
                format!("unknown value '{variant}' for '{key}' in {table}; expected {expected}"),
            )
            .with_hint(suggestion(
                variant,
                &choices,
                "use one of the values listed",
            ));
            return Problem::Entry(d);
        }
        if message.starts_with("invalid type") {
            let key = self.key_at(span.start);
            let d = Diagnostic::error(
                location,
                format!(
                    "wrong type for '{key}' in {table}: {}",
                    message.replace('`', "'")
                ),
            )
            .with_hint(super::recover::example_of(&key, message));
            return Problem::Entry(d);
        }
        Problem::Syntax(
            Diagnostic::error(location, format!("TOML syntax error: {message}"))
                .with_hint("see https://toml.io for the syntax"),
        )
    }

    /// The name of the table that holds byte `offset` (`[book]`, `[[chapters]]`, or "the top level").
    fn table_at(&self, offset: usize) -> String {
        let offset = offset.min(self.text.len());
        let line_end = self.text[offset..]
            .find('\n')
            .map(|i| offset + i)
            .unwrap_or(self.text.len());
        let before = &self.text[..line_end];
        before
            .lines()
            .rev()
            .map(str::trim)
            .find(|line| line.starts_with('['))
            .map(|line| line.split('#').next().unwrap_or(line).trim().to_string())
            .unwrap_or_else(|| "the top level".to_string())
    }

    /// The key on the line holding byte `offset`.
    pub(super) fn key_at(&self, offset: usize) -> String {
        let start = self.text[..offset.min(self.text.len())]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let line = self.text[start..].lines().next().unwrap_or("");
        line.split('=').next().unwrap_or("").trim().to_string()
    }
}

pub(super) fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// serde's "unknown field `x`, expected one of `a`, `b`" as ("x", "a, b").
fn parse_unknown_field(message: &str) -> Option<(String, String)> {
    let key = between(message, "unknown field `", "`")?;
    let expected = message
        .split_once("expected ")
        .map(|(_, e)| {
            e.trim_start_matches("one of ")
                .replace('`', "")
                .replace(" or ", ", ")
        })
        .unwrap_or_default();
    Some((key.to_string(), expected))
}

/// What a message from serde or the parser is about, which decides how reading goes on.
pub(super) enum Problem {
    /// A key or value that is wrong where it stands (unknown, wrong type, unknown value).
    Entry(Diagnostic),
    /// A required key that is not there, and its name.
    Missing(Diagnostic, String),
    /// The text is not TOML: nothing after it can be trusted.
    Syntax(Diagnostic),
}

/// The largest edit distance at which a misspelling is still taken for a near miss: two covers
/// a dropped and a swapped letter (`autors`, `appendx`, `lagnuage`) without suggesting unrelated
/// short words.
const NEAR_MISS: usize = 2;

/// Whether `distance` edits from `expected` is a near miss: at most [`NEAR_MISS`], and fewer than
/// half its letters (`fiel` is a misspelt `file`, `b7` no misspelt `a5`).
fn near_miss(distance: usize, expected: &str) -> bool {
    distance <= NEAR_MISS && distance * 2 <= expected.chars().count()
}

/// "did you mean 'title'?" for a word close to one of the comma-separated `expected` ones
/// (case aside); `otherwise` when none is.
fn suggestion(word: &str, expected: &str, otherwise: &str) -> String {
    let lower = word.to_lowercase();
    let best = expected
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| (edit_distance(&lower, &e.to_lowercase()), e))
        .min();
    match best {
        Some((d, e)) if near_miss(d, e) || e.starts_with(&lower) || lower.starts_with(e) => {
            format!("did you mean '{e}'?")
        }
        _ => otherwise.to_string(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
