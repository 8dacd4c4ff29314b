//! `book.toml`: the book's manifest, read with serde into typed config. Unknown keys are
//! rejected, and every error names the file, line and column, the key and what was expected.

mod mdbook;
mod recover;
mod source;
mod summary;

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::ChapterKind;

pub use mdbook::{is_mdbook, read_mdbook_toml};
pub use source::TomlSource;
pub use summary::{Place, SummaryEntry, read_summary};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookToml {
    pub book: BookSection,
    #[serde(default)]
    pub styles: StylesSection,
    #[serde(default)]
    pub epub: EpubSection,
    #[serde(default)]
    pub build: BuildSection,
    #[serde(default)]
    pub figures: FiguresSection,
    #[serde(default)]
    pub chapters: Vec<ChapterEntry>,
    /// `[strings]`: the book's own wording of the text quire generates, by key.
    #[serde(default)]
    pub strings: std::collections::BTreeMap<String, Spanned<String>>,
}

/// `[figures]`: how figures are captioned.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FiguresSection {
    /// `true` numbers figures per chapter ("Figure 2.1") before their captions.
    pub numbered: Option<bool>,
}

/// `[build]`: how strict the build is.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildSection {
    /// `"warn"` sets a link to a missing chapter or anchor as text, with a warning.
    pub broken_links: Option<BrokenLinksSetting>,
}

/// `[build] broken-links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BrokenLinksSetting {
    Error,
    Warn,
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
    /// The printed edition's page list in the EPUB: `true` lays the print edition out for
    /// `quire epub` too, `false` leaves it out of `quire build`'s EPUB as well (default: only
    /// when built with the PDF).
    pub page_list: Option<bool>,
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
    let config: BookToml = parse_reported(&source, diags)?;
    check_language(&source, &config.book.language, diags);
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

/// `source` read as `T`, every problem reported; None when there was one.
fn parse_reported<T: serde::de::DeserializeOwned>(
    source: &TomlSource<'_>,
    diags: &mut Diagnostics,
) -> Option<T> {
    match source.parse() {
        Ok(parsed) => Some(parsed),
        Err(found) => {
            for diagnostic in found {
                diags.push(diagnostic);
            }
            None
        }
    }
}

/// An error at the language's value unless it is a BCP 47 tag.
fn check_language(source: &TomlSource<'_>, language: &Spanned<String>, diags: &mut Diagnostics) {
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
                .contains("unknown value 'prologue' for 'kind' in [[chapters]]"),
            "{:?}",
            diags
        );
    }

    #[test]
    fn every_problem_is_reported_in_one_reading() {
        let text = MINIMAL
            .replace("title = \"T\"", "autors = [\"A\"]\nsubtitle = 3")
            .replace(
                "file = \"a.md\"",
                "file = \"a.md\"\nkind = \"appendx\"\nextra = 1",
            );
        let (config, diags) = read(&text);
        assert!(config.is_none());
        let shown: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 5, "{shown:#?}");
        assert!(shown[0].starts_with("book.toml:2:1: error: missing required key 'title'"));
        assert!(shown[1].starts_with("book.toml:3:1: error: unknown key 'autors'"));
        assert!(shown[1].contains("did you mean 'authors'?"));
        assert!(shown[2].starts_with("book.toml:4:12: error: wrong type for 'subtitle'"));
        assert!(
            shown[2].contains("write it as: subtitle = \"3\""),
            "{}",
            shown[2]
        );
        assert!(shown[3].starts_with("book.toml:10:8: error: unknown value 'appendx'"));
        assert!(
            shown[3].contains("did you mean 'appendix'?"),
            "{}",
            shown[3]
        );
        assert!(shown[4].starts_with("book.toml:11:1: error: unknown key 'extra'"));
    }

    #[test]
    fn a_misspelt_required_key_is_not_also_reported_missing() {
        let (_, diags) = read(&MINIMAL.replace("title = \"T\"", "titel = \"T\""));
        let shown: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:#?}");
        assert!(shown[0].contains("did you mean 'title'?"), "{shown:#?}");
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
