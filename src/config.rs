//! `book.toml`: the book's manifest, read with serde into typed config. Unknown keys are
//! rejected, and every error names the file, line and column, the key and what was expected.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::ChapterKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookToml {
    pub book: BookSection,
    #[serde(default)]
    pub styles: StylesSection,
    #[serde(default)]
    pub epub: EpubSection,
    #[serde(default)]
    pub chapters: Vec<ChapterEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookSection {
    pub title: String,
    pub subtitle: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub language: Spanned<String>,
    pub identifier: String,
    pub description: Option<String>,
    pub rights: Option<String>,
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub subject: Option<String>,
    /// The cover image, relative to the book folder.
    pub cover: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StylesSection {
    /// The print style (`print.toml`), relative to the book folder.
    pub print: Option<Spanned<String>>,
    /// The EPUB stylesheet, relative to the book folder.
    pub epub: Option<Spanned<String>>,
}

/// `[epub]`: how the EPUB is packaged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubSection {
    /// `false` leaves the fonts to the reading system (default: the faces used, subset).
    pub embed_fonts: Option<bool>,
    /// `dcterms:modified` (`YYYY-MM-DD`) when `SOURCE_DATE_EPOCH` is not set; default the
    /// book's `date`.
    pub modified: Option<Spanned<String>>,
    /// How each author's name sorts ("Last, First"), in the order of `authors`.
    #[serde(default)]
    pub author_sort_as: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChapterEntry {
    /// The Markdown file, relative to the book folder.
    pub file: Spanned<String>,
    #[serde(default = "default_kind")]
    pub kind: Kind,
    /// A short title for running headers (default: the title up to its first colon).
    pub running_title: Option<String>,
}

fn default_kind() -> Kind {
    Kind::Chapter
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Front,
    Chapter,
    Appendix,
    Back,
}

impl From<Kind> for ChapterKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Front => ChapterKind::Front,
            Kind::Chapter => ChapterKind::Chapter,
            Kind::Appendix => ChapterKind::Appendix,
            Kind::Back => ChapterKind::Back,
        }
    }
}

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

    pub fn location(&self, span: Range<usize>) -> Location {
        let (line, column) = self.lines.line_column(span.start);
        Location::new(self.path, line, column)
    }

    /// A located error at `span`.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(Some(self.location(span)), message)
    }

    /// Deserialize the whole file, turning a serde/TOML error into a located diagnostic.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        toml::from_str::<T>(self.text).map_err(|e| self.describe(&e))
    }

    fn describe(&self, error: &toml::de::Error) -> Diagnostic {
        let span = error.span().unwrap_or(0..0);
        let location = Some(self.location(span.clone()));
        let table = self.table_at(span.start);
        let message = error.message().trim().to_string();
        if let Some((key, expected)) = parse_unknown_field(&message) {
            return Diagnostic::error(
                location,
                format!("unknown key '{key}' in {table}; expected one of: {expected}"),
            )
            .with_hint(suggestion(&key, &expected));
        }
        if let Some(key) = between(&message, "missing field `", "`") {
            return Diagnostic::error(location, format!("missing required key '{key}' in {table}"));
        }
        if let Some(variant) = between(&message, "unknown variant `", "`") {
            let expected = message
                .split_once("expected ")
                .map(|(_, e)| e.replace('`', "'"))
                .unwrap_or_default();
            return Diagnostic::error(
                location,
                format!("unknown value '{variant}' in {table}; expected {expected}"),
            );
        }
        if message.starts_with("invalid type") {
            let key = self.key_at(span.start);
            return Diagnostic::error(
                location,
                format!(
                    "wrong type for '{key}' in {table}: {}",
                    message.replace('`', "'")
                ),
            );
        }
        Diagnostic::error(location, format!("TOML syntax error: {message}"))
            .with_hint("see https://toml.io for the syntax")
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
    fn key_at(&self, offset: usize) -> String {
        let start = self.text[..offset.min(self.text.len())]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let line = self.text[start..].lines().next().unwrap_or("");
        line.split('=').next().unwrap_or("").trim().to_string()
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// serde's "unknown field `x`, expected one of `a`, `b`" as ("x", "a, b").
fn parse_unknown_field(message: &str) -> Option<(String, String)> {
    let key = between(message, "unknown field `", "`")?;
    let expected = message
        .split_once("expected ")
        .map(|(_, e)| e.trim_start_matches("one of ").replace('`', ""))
        .unwrap_or_default();
    Some((key.to_string(), expected))
}

/// "did you mean 'title'?" for a key close to one of the expected ones.
fn suggestion(key: &str, expected: &str) -> String {
    let best = expected
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| (edit_distance(key, e), e))
        .min();
    match best {
        Some((d, e)) if d <= 2 || e.starts_with(key) || key.starts_with(e) => {
            format!("did you mean '{e}'?")
        }
        _ => "remove the key, or check its spelling".to_string(),
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

/// A BCP 47 tag of the common shape: a 2-3 letter language, then 1-8 character subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Read and check `book.toml`. Semantic problems (bad language tag, bad date, no chapters) are
/// pushed into `diags` with their locations; `None` when the file can't be used at all.
pub fn read_book_toml(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<BookToml> {
    let source = TomlSource::new(path, text);
    let config: BookToml = match source.parse() {
        Ok(config) => config,
        Err(diagnostic) => {
            diags.push(diagnostic);
            return None;
        }
    };
    let language = &config.book.language;
    if !is_language_tag(language.get_ref()) {
        diags.push(
            source
                .error(
                    language.span(),
                    format!("'{}' is not a BCP 47 language tag", language.get_ref()),
                )
                .with_hint("use a tag such as 'en-US', 'en' or 'fr-CA'"),
        );
    }
    if let Some(date) = &config.book.date
        && crate::date::parse_iso_date(date.get_ref()).is_none()
    {
        diags.push(
            source
                .error(date.span(), format!("'{}' is not a date", date.get_ref()))
                .with_hint("write the date as YYYY-MM-DD, e.g. 2025-01-31"),
        );
    }
    if config.book.title.trim().is_empty() {
        diags.error(
            Some(Location::file(path)),
            "the book's title is empty in [book]",
        );
    }
    if config.book.identifier.trim().is_empty() {
        diags.error(
            Some(Location::file(path)),
            "the book's identifier is empty in [book]",
        );
    }
    if config.chapters.is_empty() {
        diags.push(
            Diagnostic::error(Some(Location::file(path)), "the book lists no chapters")
                .with_hint("add a [[chapters]] table with file = \"chapter.md\" for each chapter"),
        );
    }
    Some(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[book]
title = "T"
language = "en-US"
identifier = "urn:x"

[[chapters]]
file = "a.md"
"#;

    fn read(text: &str) -> (Option<BookToml>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let config = read_book_toml(Path::new("book.toml"), text, &mut diags);
        (config, diags)
    }

    #[test]
    fn a_minimal_manifest_reads_with_defaults() {
        let (config, diags) = read(MINIMAL);
        assert!(diags.is_empty(), "{diags:?}");
        let config = config.unwrap();
        assert_eq!(config.chapters[0].kind, Kind::Chapter);
        assert_eq!(config.chapters[0].file.get_ref(), "a.md");
    }

    #[test]
    fn unknown_keys_name_file_line_table_and_the_expected_keys() {
        let text = MINIMAL.replace("title = \"T\"", "title = \"T\"\ncolour = \"red\"");
        let (_, diags) = read(&text);
        let message = diags.items()[0].to_string();
        assert!(
            message.starts_with("book.toml:4:1: error: unknown key 'colour' in [book]; expected one of: title, subtitle"),
            "{message}"
        );
    }

    #[test]
    fn a_misspelt_key_gets_a_suggestion() {
        let text = MINIMAL.replace("title = \"T\"", "title = \"T\"\nautors = [\"A\"]");
        let (_, diags) = read(&text);
        assert!(
            diags.items()[0]
                .to_string()
                .contains("did you mean 'authors'?")
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let (_, diags) = read("[book]\ntitle = \"T\nlanguage = 'en'\n");
        let d = &diags.items()[0];
        assert_eq!(d.location.as_ref().unwrap().line, 2);
        assert!(d.message.contains("TOML syntax error"), "{}", d.message);
    }

    #[test]
    fn wrong_types_and_missing_keys_are_named() {
        let (_, diags) = read(&MINIMAL.replace("title = \"T\"", "title = 3"));
        assert!(
            diags.items()[0]
                .message
                .contains("wrong type for 'title' in [book]"),
            "{:?}",
            diags
        );
        let (_, diags) = read(&MINIMAL.replace("identifier = \"urn:x\"", ""));
        assert!(
            diags.items()[0]
                .message
                .contains("missing required key 'identifier' in [book]"),
            "{:?}",
            diags
        );
        let (_, diags) =
            read(&MINIMAL.replace("file = \"a.md\"", "file = \"a.md\"\nkind = \"prologue\""));
        assert!(
            diags.items()[0]
                .message
                .contains("unknown value 'prologue' in [[chapters]]"),
            "{:?}",
            diags
        );
    }

    #[test]
    fn bad_language_and_date_are_located_at_their_values() {
        let text = MINIMAL.replace("\"en-US\"", "\"English\"");
        let text = text.replace(
            "identifier = \"urn:x\"",
            "identifier = \"urn:x\"\ndate = \"2025-02-30\"",
        );
        let (_, diags) = read(&text);
        let messages: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
        assert!(
            messages[0].starts_with("book.toml:4:12: error: 'English' is not a BCP 47"),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with("book.toml:6:8: error: '2025-02-30' is not a date"),
            "{messages:?}"
        );
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("en-US"));
        assert!(is_language_tag("zh-Hant-TW"));
        assert!(!is_language_tag("english"));
        assert!(!is_language_tag("en_US"));
        assert!(!is_language_tag(""));
    }
}
