//! Schema.org accessibility metadata (EPUB Accessibility 1.1), from what the book holds: each
//! feature only where the book has it (alternative text only with images, page navigation only
//! with a page list), values from schema.org's vocabulary only, and a summary written from the
//! same facts. A book whose images all have text alternatives, set with the built-in
//! stylesheet (whose contrast and restyling Ace checks), claims WCAG 2.1 AA through
//! `dcterms:conformsTo`; a book's own stylesheet is not checked, so it claims nothing. The XHTML
//! quire writes gives it the rest (language, headings in order,
//! structural semantics, landmarks, navigation, text the reader can restyle).

use crate::diagnostic::{Diagnostics, Location};
use crate::model::walk::Node;
use crate::model::{BlockKind, Book, Chapter, Image};
use crate::strings::Strings;

/// The conformance claimed, as EPUB Accessibility 1.1 (section 2.1) spells it.
const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/// What the metadata says, found in the book.
struct Facts {
    images: usize,
    all_alt: bool,
    tables: bool,
    footnotes: bool,
    page_list: bool,
    /// The book is set with the built-in stylesheet.
    built_in_css: bool,
}

/// The metadata as (property, value) pairs, in the order they go into the OPF. Images without
/// alternative text are reported.
pub fn metadata(
    book: &Book,
    page_list: bool,
    diags: &mut Diagnostics,
) -> Vec<(&'static str, String)> {
    let images = images(book);
    let mut all_alt = true;
    for (img, loc) in &images {
        if img.alt.trim().is_empty() {
            all_alt = false;
            diags.warning(
                Some(loc.clone()),
                format!(
                    "image `{}` has no alt text; readers who cannot see it get nothing",
                    img.src
                ),
            );
        }
    }
    let facts = Facts {
        images: images.len(),
        all_alt,
        tables: book.chapters.iter().any(has_table),
        footnotes: book.chapters.iter().any(|c| !c.footnotes.is_empty()),
        page_list,
        built_in_css: book.styles.epub_css == crate::load::DEFAULT_EPUB_CSS,
    };
    properties(&facts, &book.strings)
}

fn properties(facts: &Facts, strings: &Strings) -> Vec<(&'static str, String)> {
    let mut meta = vec![
        ("schema:accessMode", "textual".to_string()),
        // The cover page always shows an image.
        ("schema:accessMode", "visual".to_string()),
    ];
    if facts.all_alt {
        meta.push(("schema:accessModeSufficient", "textual".into()));
    }
    meta.push(("schema:accessModeSufficient", "textual,visual".into()));
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if facts.images > 0 && facts.all_alt {
        features.push("alternativeText");
    }
    if facts.page_list {
        features.extend(["pageNavigation", "printPageNumbers"]);
    }
    meta.extend(
        features
            .into_iter()
            .map(|f| ("schema:accessibilityFeature", f.into())),
    );
    meta.push(("schema:accessibilityHazard", "none".into()));
    meta.push(("schema:accessibilitySummary", summary(facts, strings)));
    if facts.all_alt && facts.built_in_css {
        meta.push(("dcterms:conformsTo", CONFORMS_TO.into()));
    }
    meta
}

/// A sentence or two per fact, in the order a reader would ask, in the book's language (the
/// strings `a11y-*`).
fn summary(facts: &Facts, strings: &Strings) -> String {
    let mut keys = vec!["a11y-text"];
    if facts.page_list {
        keys.push("a11y-page-list");
    }
    if facts.footnotes {
        keys.push("a11y-footnotes");
    }
    if facts.tables {
        keys.push("a11y-tables");
    }
    keys.push(match (facts.images, facts.all_alt) {
        (0, _) => "a11y-no-images",
        (_, true) => "a11y-all-alt",
        (_, false) => "a11y-some-alt",
    });
    if facts.all_alt {
        keys.push("a11y-conforms");
    }
    keys.into_iter()
        .map(|key| strings.get(key))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every image in the chapters and footnotes, with where it is.
fn images(book: &Book) -> Vec<(&Image, Location)> {
    book.chapters
        .iter()
        .flat_map(|chapter| {
            let images = chapter.walk().nodes().filter_map(Node::image);
            images.map(|image| (image, chapter.location(image.pos)))
        })
        .collect()
}

/// Whether the chapter holds a table anywhere, footnotes included.
fn has_table(chapter: &Chapter) -> bool {
    let mut blocks = chapter.walk().nodes().filter_map(Node::block);
    blocks.any(|block| matches!(block.kind, BlockKind::Table(_)))
}

#[cfg(test)]
mod tests {
    use super::{CONFORMS_TO, Facts, has_table, summary};
    use crate::model::walk::{self, tests::chapter};
    use crate::model::{Block, BlockKind};
    use crate::strings::Strings;

    fn tables_in(blocks: &[Block]) -> usize {
        let blocks = walk::walk_blocks(blocks).nodes().filter_map(|n| n.block());
        blocks
            .filter(|b| matches!(b.kind, BlockKind::Table(_)))
            .count()
    }

    const TABLE: &str = "| a | b |\n|---|---|\n| 1 | 2 |";

    #[test]
    fn a_table_at_the_top_or_in_a_list_or_quote_counts() {
        for markdown in [
            format!("{TABLE}\n"),
            format!("- item\n\n  {}\n", TABLE.replace('\n', "\n  ")),
            format!("> {}\n", TABLE.replace('\n', "\n> ")),
        ] {
            assert!(has_table(&chapter(&markdown)), "{markdown}");
        }
    }

    #[test]
    fn a_table_in_a_definition_counts() {
        let markdown = format!("term\n: {}\n", TABLE.replace('\n', "\n  "));
        let chapter = chapter(&markdown);
        assert!(matches!(
            chapter.blocks[..],
            [Block {
                kind: BlockKind::DefinitionList(_),
                ..
            }]
        ));
        assert_eq!(tables_in(&chapter.blocks), 1);
        assert!(has_table(&chapter));
    }

    #[test]
    fn a_table_in_a_footnote_counts() {
        let markdown = format!(
            "text[^n]\n\n[^n]: note\n\n    {}\n",
            TABLE.replace('\n', "\n    ")
        );
        let chapter = chapter(&markdown);
        assert_eq!(tables_in(&chapter.blocks), 0);
        assert_eq!(tables_in(&chapter.footnotes[0].blocks), 1);
        assert!(has_table(&chapter));
    }

    #[test]
    fn the_summary_is_in_the_books_language() {
        let facts = Facts {
            images: 1,
            all_alt: true,
            tables: true,
            footnotes: true,
            page_list: false,
            built_in_css: true,
        };
        let french = summary(&facts, &Strings::for_language("fr-CA"));
        assert!(french.starts_with("Texte recomposable"), "{french}");
        assert!(french.contains("Les tableaux ont des cellules"), "{french}");
        assert!(!french.contains("Tables have"), "{french}");
        let german = summary(&facts, &Strings::for_language("de"));
        assert!(german.contains("Fußnoten sind"), "{german}");
    }

    #[test]
    fn features_and_summary_say_only_what_the_book_has() {
        let bare = Facts {
            images: 0,
            all_alt: true,
            tables: false,
            footnotes: false,
            page_list: false,
            built_in_css: true,
        };
        let values = |facts: &Facts, property: &str| -> Vec<String> {
            let meta = super::properties(facts, &Strings::for_language("en"));
            meta.into_iter()
                .filter(|(p, _)| *p == property)
                .map(|(_, v)| v)
                .collect()
        };
        let features = values(&bare, "schema:accessibilityFeature");
        assert!(
            !features
                .iter()
                .any(|f| f == "alternativeText" || f == "pageNavigation")
        );
        let summary = values(&bare, "schema:accessibilitySummary").concat();
        assert!(
            !summary.contains("Footnotes") && !summary.contains("Tables"),
            "{summary}"
        );
        let full = Facts {
            images: 2,
            tables: true,
            footnotes: true,
            page_list: true,
            ..bare
        };
        let features = values(&full, "schema:accessibilityFeature");
        for f in ["alternativeText", "pageNavigation", "printPageNumbers"] {
            assert!(features.iter().any(|x| x == f), "{f}");
        }
        let summary = values(&full, "schema:accessibilitySummary").concat();
        assert!(
            summary.contains("Footnotes") && summary.contains("Tables"),
            "{summary}"
        );
        let missing_alt = Facts {
            all_alt: false,
            ..full
        };
        assert!(values(&missing_alt, "dcterms:conformsTo").is_empty());
        assert_eq!(values(&full, "dcterms:conformsTo"), [CONFORMS_TO]);
        let own_css = Facts {
            built_in_css: false,
            ..full
        };
        assert!(values(&own_css, "dcterms:conformsTo").is_empty());
    }

    #[test]
    fn a_chapter_without_a_table_has_none() {
        assert!(!has_table(&chapter(
            "text[^n]\n\nterm\n: def\n\n[^n]: note\n"
        )));
    }
}
