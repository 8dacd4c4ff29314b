//! An mdBook `book.toml`, read as it is: `[book]` with mdBook's keys and defaults (language
//! `en`, src `src`), quire's own options in `[output.quire]`, and every other table (`[build]`,
//! `[rust]`, `[preprocessor.*]`, other renderers' `[output.*]`) left to mdBook, with one note.
//! The chapters come from `SUMMARY.md` (see `crate::load::mdbook`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    BookSection, BookToml, BrokenLinksSetting, BuildSection, EpubSection, FiguresSection,
    StylesSection, TomlSource, check_language, parse_reported,
};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// The folder mdBook reads chapters from when `[book] src` is not given.
pub const DEFAULT_SRC: &str = "src";
/// The language mdBook assumes when `[book] language` is not given.
const DEFAULT_LANGUAGE: &str = "en";
/// The title mdBook shows when `[book] title` is not given.
const DEFAULT_TITLE: &str = "Untitled";

#[derive(Debug, Deserialize)]
struct MdBookToml {
    #[serde(default)]
    book: MdBookSection,
    #[serde(default)]
    output: Outputs,
    /// `[build]`, `[rust]`, `[preprocessor.*]` and anything else: mdBook's business.
    #[serde(flatten)]
    foreign: BTreeMap<String, toml::Value>,
}

/// mdBook's `[book]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MdBookSection {
    title: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    description: Option<String>,
    language: Option<Spanned<String>>,
    src: Option<String>,
    #[serde(default)]
    multilingual: bool,
    /// mdBook's page direction; the outputs take theirs from the language.
    #[serde(rename = "text-direction")]
    _text_direction: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
struct Outputs {
    quire: Option<QuireOutput>,
    /// Other renderers' tables (`[output.html]`...).
    #[serde(flatten)]
    others: BTreeMap<String, toml::Value>,
}

/// `[output.quire]`: what quire's own book.toml says that mdBook's `[book]` does not.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct QuireOutput {
    subtitle: Option<String>,
    publisher: Option<String>,
    identifier: Option<String>,
    rights: Option<String>,
    date: Option<Spanned<String>>,
    #[serde(default)]
    keywords: Vec<String>,
    subject: Option<String>,
    cover: Option<Spanned<String>>,
    broken_links: Option<BrokenLinksSetting>,
    #[serde(default)]
    styles: StylesSection,
    #[serde(default)]
    epub: EpubSection,
    #[serde(default)]
    figures: FiguresSection,
    #[serde(default)]
    code: CodeSection,
}

/// `[output.quire.code]`, as mdBook's `[output.html.code]` names it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSection {
    /// The prefix that marks a hidden line, by language (`python = "~"`); Rust's is `#`.
    #[serde(default)]
    pub hidelines: BTreeMap<String, String>,
}

/// An mdBook book's manifest, in the shape of quire's own, with what only mdBook has.
pub struct MdBookManifest {
    /// `[book]` and `[output.quire]` as quire's `BookToml` (no `[[chapters]]`).
    pub config: BookToml,
    /// The folder holding `SUMMARY.md` and the chapters, relative to the book's.
    pub src: String,
    pub hidelines: BTreeMap<String, String>,
}

/// Whether `text` (a book.toml) is an mdBook manifest: no `[[chapters]]`, and `SUMMARY.md`
/// in its source folder under `root`.
pub fn is_mdbook(root: &Path, text: &str) -> bool {
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    if table.contains_key("chapters") {
        return false;
    }
    let src = table
        .get("book")
        .and_then(|b| b.get("src"))
        .and_then(|s| s.as_str())
        .unwrap_or(DEFAULT_SRC);
    root.join(src).join("SUMMARY.md").is_file()
}

/// Read an mdBook book.toml. A missing key takes mdBook's default; without an identifier one
/// is derived from the title and authors (a version 5 UUID, the same for every build).
pub fn read_mdbook_toml(
    path: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<MdBookManifest> {
    let source = TomlSource::new(path, text);
    let parsed: MdBookToml = parse_reported(&source, diags)?;
    note_foreign_tables(path, &parsed, diags);
    let MdBookToml { book, output, .. } = parsed;
    let quire = output.quire.unwrap_or_default();
    let language = match book.language {
        Some(language) => language,
        None => Spanned::new(0..0, DEFAULT_LANGUAGE.to_string()),
    };
    check_language(&source, &language, diags);
    if book.multilingual {
        diags.warning(
            Some(Location::file(path)),
            "[book] multilingual is not used: the book is built in its one language",
        );
    }
    let title = book
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_TITLE.to_string());
    let identifier = quire.identifier.unwrap_or_else(|| {
        let derived = derived_identifier(&title, &book.authors);
        diags.push(
            Diagnostic::note(
                Some(Location::file(path)),
                format!("the book has no identifier; it is given {derived}, made from its title and authors"),
            )
            .with_hint(format!(
                "set one that stays when the title changes: [output.quire] identifier = \"{derived}\""
            )),
        );
        derived
    });
    let config = BookToml {
        book: BookSection {
            title,
            subtitle: quire.subtitle,
            authors: book.authors,
            publisher: quire.publisher,
            language,
            identifier,
            description: book.description,
            rights: quire.rights,
            date: quire.date,
            keywords: quire.keywords,
            subject: quire.subject,
            cover: quire.cover,
        },
        styles: quire.styles,
        epub: quire.epub,
        build: BuildSection {
            broken_links: quire.broken_links,
        },
        figures: quire.figures,
        chapters: Vec::new(),
        strings: Default::default(),
    };
    Some(MdBookManifest {
        config,
        src: book.src.unwrap_or_else(|| DEFAULT_SRC.to_string()),
        hidelines: quire.code.hidelines,
    })
}

/// One note naming the tables quire leaves to mdBook.
fn note_foreign_tables(path: &Path, parsed: &MdBookToml, diags: &mut Diagnostics) {
    let mut names: Vec<String> = Vec::new();
    for (name, value) in &parsed.foreign {
        match value.as_table() {
            Some(table) if name == "preprocessor" || name == "output" => {
                names.extend(table.keys().map(|k| format!("[{name}.{k}]")))
            }
            _ => names.push(format!("[{name}]")),
        }
    }
    names.extend(parsed.output.others.keys().map(|k| format!("[output.{k}]")));
    if names.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::note(
            Some(Location::file(path)),
            format!(
                "{} left to mdBook; quire does not read them",
                names.join(", ")
            ),
        )
        .with_hint("quire's own options go in [output.quire]"),
    );
}

/// The namespace of quire's derived identifiers: the URL namespace of RFC 9562.
const IDENTIFIER_NAMESPACE: uuid::Uuid = uuid::Uuid::NAMESPACE_URL;

/// `urn:uuid:` of a version 5 UUID named by the title and authors.
pub fn derived_identifier(title: &str, authors: &[String]) -> String {
    use sha1::{Digest, Sha1};
    let name = format!("urn:quire:book:{}:{}", title.trim(), authors.join("\u{1f}"));
    let mut hash = Sha1::new();
    hash.update(IDENTIFIER_NAMESPACE.as_bytes());
    hash.update(name.as_bytes());
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let id = uuid::Builder::from_sha1_bytes(bytes).into_uuid();
    uuid::fmt::Urn::from_uuid(id).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<MdBookManifest>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let manifest = read_mdbook_toml(Path::new("book.toml"), text, &mut diags);
        (manifest, diags)
    }

    #[test]
    fn mdbook_defaults_fill_what_is_missing() {
        let (manifest, diags) = read("[book]\ntitle = \"My Book\"\nauthors = [\"A\"]\n");
        let manifest = manifest.unwrap();
        assert_eq!(manifest.config.book.language.get_ref(), "en");
        assert_eq!(manifest.src, "src");
        assert!(manifest.config.book.identifier.starts_with("urn:uuid:"));
        assert!(!diags.has_errors());
        assert!(diags.items()[0].message.contains("no identifier"));
    }

    #[test]
    fn foreign_tables_get_one_note_and_output_quire_is_read() {
        let text = "[book]\ntitle = \"T\"\n[build]\nbuild-dir = \"out\"\n[rust]\nedition = \"2021\"\n\
                    [preprocessor.links]\n[output.html]\nmathjax-support = true\n\
                    [output.quire]\nidentifier = \"urn:x\"\nbroken-links = \"warn\"\n\
                    [output.quire.code.hidelines]\npython = \"~\"\n";
        let (manifest, diags) = read(text);
        let manifest = manifest.unwrap_or_else(|| panic!("{diags:?}"));
        assert_eq!(manifest.config.book.identifier, "urn:x");
        assert_eq!(
            manifest.config.build.broken_links,
            Some(BrokenLinksSetting::Warn)
        );
        assert_eq!(manifest.hidelines["python"], "~");
        assert_eq!(diags.items().len(), 1, "{diags:?}");
        assert_eq!(
            diags.items()[0].message,
            "[build], [preprocessor.links], [rust], [output.html] left to mdBook; quire does not read them"
        );
    }

    #[test]
    fn output_quire_keys_are_checked() {
        let (manifest, diags) = read("[output.quire]\nidentifer = \"x\"\n");
        assert!(manifest.is_none());
        assert!(
            diags.items()[0]
                .to_string()
                .contains("did you mean 'identifier'?"),
            "{diags:?}"
        );
    }

    #[test]
    fn derived_identifiers_are_stable_version_5_uuids() {
        let a = derived_identifier("T", &["A".into()]);
        assert_eq!(a, derived_identifier("T", &["A".into()]));
        assert_ne!(a, derived_identifier("T", &["B".into()]));
        let version = a.trim_start_matches("urn:uuid:").as_bytes()[14];
        assert_eq!(version, b'5');
    }
}
