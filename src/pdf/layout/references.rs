//! Print-aware links: on paper a link cannot be followed, so a link inside the book also prints
//! where it leads, as a book does ("steps to become a technician (see Pathways, p. 4)"), and an
//! external link whose text is not its address prints the address after it (`[links]`; in a
//! footnote: see [`url_notes`](super::url_notes)).
//!
//! The printed page comes from a pagination of the book: the chapters are set with placeholder
//! numbers, paginated, set again with the pages found, until the numbers no longer change.
//! The words a reference adds are left out of the word counts the EPUB's page list uses.

use std::collections::HashMap;

use crate::model::{
    Block, BlockKind, Chapter, Inline, LinkTarget, LinksStyle, ShowUrls, TextPoint, WordCounter,
};
use crate::pdf::blocks::Unit;
use crate::pdf::inline::anchor_name;
use crate::strings::Strings;

/// The words of a page reference in the book's language (its strings `see` and `page`):
/// "see Pathways, p. 4" for a chapter, "p. 4" for a place inside one.
pub fn page_reference(strings: &Strings, title: Option<&str>, label: &str) -> String {
    let page = strings.fill("page", label);
    match title {
        Some(title) => strings.fill("see", &format!("{title}, {page}")),
        None => page,
    }
}

/// The label set before the pages are known: as wide as most real ones.
pub const PLACEHOLDER_LABEL: &str = "00";

/// What the references of a book print: the page label of each anchor they lead to.
pub struct Labels<'a> {
    pub links: LinksStyle,
    /// The book's generated strings, for the words of a reference.
    pub strings: &'a Strings,
    pub chapters: &'a [Chapter],
    /// The anchor -> label map of the last pagination; `None` before the first.
    pub labels: Option<&'a HashMap<String, String>>,
}

impl Labels<'_> {
    fn label(&self, anchor: &str) -> String {
        self.labels
            .and_then(|labels| labels.get(anchor).cloned())
            .unwrap_or_else(|| PLACEHOLDER_LABEL.to_string())
    }

    /// What a link to `target` reading `content` adds after itself, if anything.
    fn added(&self, target: &LinkTarget, content: &[Inline]) -> Option<String> {
        match target {
            LinkTarget::Internal { chapter, anchor } if self.links.show_page => {
                let ch = self.chapters.get(*chapter)?;
                let name = anchor_name(&ch.slug, anchor.as_deref());
                let label = self.label(&name);
                let title = anchor.is_none().then_some(ch.short_title.as_str());
                Some(format!(
                    " ({})",
                    page_reference(self.strings, title, &label)
                ))
            }
            LinkTarget::External(url) if self.links.show_urls == ShowUrls::Inline => {
                let text = crate::model::plain_text(content);
                (!is_its_address(&text, url)).then(|| format!(" ({url})"))
            }
            _ => None,
        }
    }

    /// The anchors `blocks` refer to, for knowing when their labels change.
    pub fn anchors_in(&self, blocks: &[Block]) -> Vec<String> {
        let mut found = Vec::new();
        for_each_link(blocks, &mut |target| {
            if let LinkTarget::Internal { chapter, anchor } = target
                && let Some(ch) = self.chapters.get(*chapter)
            {
                found.push(anchor_name(&ch.slug, anchor.as_deref()));
            }
        });
        found
    }
}

/// Whether a link's text is its address (`example.com` for `https://example.com/`).
pub(super) fn is_its_address(text: &str, url: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim();
        let s = s.split_once("://").map_or(s, |(_, rest)| rest);
        let s = s.strip_prefix("mailto:").unwrap_or(s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        s.trim_end_matches('/').to_lowercase()
    };
    bare(text) == bare(url)
}

/// Words added inside one paragraph: after `at` words of its own, `words` more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Added {
    pub at: u32,
    pub words: u32,
}

/// The words added to a chapter's paragraphs, by the paragraph's position.
pub(super) type AddedWords = HashMap<crate::model::Pos, Vec<Added>>;

/// Blocks with their references printed, and the words added, by paragraph.
pub struct WithReferences {
    pub blocks: Vec<Block>,
    added: AddedWords,
}

impl WithReferences {
    /// Whether anything was added.
    pub fn changed(&self) -> bool {
        !self.added.is_empty()
    }

    /// Take the added words out of the word counts of `units`' starts, so that the EPUB's
    /// page markers, which count the model's words, stand before the same word.
    pub fn correct_word_counts(&self, units: &mut [Unit]) {
        take_out_added(&self.added, units);
    }
}

/// Take the words `added` to paragraphs (by position) out of the word counts of `units`'
/// starts, which count the paragraphs' words as set.
pub(super) fn take_out_added(added: &AddedWords, units: &mut [Unit]) {
    for unit in units {
        let Some(TextPoint { block, word }) = &mut unit.source else {
            continue;
        };
        let Some(added) = added.get(block) else {
            continue;
        };
        let (mut own, mut shift) = (*word, 0);
        for a in added {
            // Where the added words begin among the paragraph's words as set.
            let start = a.at + shift;
            own -= word.saturating_sub(start).min(a.words);
            shift += a.words;
        }
        *word = own;
    }
}

/// `blocks` with what `labels` prints after their links (no blocks when nothing is added).
pub fn with_references(blocks: &[Block], labels: &Labels) -> WithReferences {
    let mut added = HashMap::new();
    let mut adds = false;
    for_each_link(blocks, &mut |target| {
        adds |= match target {
            LinkTarget::Internal { .. } => labels.links.show_page,
            LinkTarget::External(_) => labels.links.show_urls == ShowUrls::Inline,
        }
    });
    if !adds {
        return WithReferences {
            blocks: Vec::new(),
            added,
        };
    }
    let blocks = blocks
        .iter()
        .map(|b| block_with(b, labels, &mut added))
        .collect();
    WithReferences { blocks, added }
}

fn block_with(block: &Block, labels: &Labels, added: &mut AddedWords) -> Block {
    let each = |blocks: &[Block], added: &mut HashMap<_, _>| -> Vec<Block> {
        blocks
            .iter()
            .map(|b| block_with(b, labels, added))
            .collect()
    };
    let kind = match &block.kind {
        BlockKind::Paragraph(inlines) => {
            let mut counter = WordCounter::default();
            let mut found = Vec::new();
            let inlines = inlines_with(inlines, labels, &mut counter, &mut found);
            if !found.is_empty() {
                added.insert(block.pos, found);
            }
            BlockKind::Paragraph(inlines)
        }
        BlockKind::List(list) => {
            let mut list = list.clone();
            for item in &mut list.items {
                item.blocks = each(&item.blocks, added);
            }
            BlockKind::List(list)
        }
        BlockKind::BlockQuote { callout, blocks } => BlockKind::BlockQuote {
            callout: *callout,
            blocks: each(blocks, added),
        },
        BlockKind::Div { .. } | BlockKind::DefinitionList(_) | BlockKind::Table(_) => {
            return block.clone();
        }
        other => other.clone(),
    };
    Block {
        kind,
        ..block.clone()
    }
}

/// `inlines` with each link followed by what it adds; `counter` counts the paragraph's own
/// words as the setter does, `found` gets where words were added.
fn inlines_with(
    inlines: &[Inline],
    labels: &Labels,
    counter: &mut WordCounter,
    found: &mut Vec<Added>,
) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let nested = |content: &[Inline], counter: &mut WordCounter, found: &mut Vec<_>| {
            inlines_with(content, labels, counter, found)
        };
        let copy = match inline {
            Inline::Text(t) | Inline::Code(t) | Inline::RawHtml(t) => {
                counter.read(t, |_, _| {});
                inline.clone()
            }
            Inline::FootnoteRef { number, .. } => {
                counter.read(&number.to_string(), |_, _| {});
                inline.clone()
            }
            Inline::LineBreak => {
                counter.gap();
                inline.clone()
            }
            Inline::Emphasis(c) => Inline::Emphasis(nested(c, counter, found)),
            Inline::Strong(c) => Inline::Strong(nested(c, counter, found)),
            Inline::Strikethrough(c) => Inline::Strikethrough(nested(c, counter, found)),
            Inline::Superscript(c) => Inline::Superscript(nested(c, counter, found)),
            Inline::Subscript(c) => Inline::Subscript(nested(c, counter, found)),
            Inline::Link {
                target, content, ..
            } => {
                let mut link = inline.clone();
                if let Inline::Link { content: c, .. } = &mut link {
                    *c = nested(content, counter, found);
                }
                out.push(link);
                if let Some(text) = labels.added(target, content) {
                    let mut words = WordCounter::default();
                    words.read(&text, |_, _| {});
                    found.push(Added {
                        at: counter.words,
                        words: words.words,
                    });
                    out.push(Inline::Text(text));
                }
                continue;
            }
            Inline::Span(_) | Inline::Image(_) => inline.clone(),
        };
        out.push(copy);
    }
    out
}

/// Call `f` with the target of every link in `blocks`' paragraphs and lists.
fn for_each_link(blocks: &[Block], f: &mut dyn FnMut(&LinkTarget)) {
    fn inlines(list: &[Inline], f: &mut dyn FnMut(&LinkTarget)) {
        for inline in list {
            match inline {
                Inline::Link {
                    target, content, ..
                } => {
                    f(target);
                    inlines(content, f);
                }
                Inline::Emphasis(c)
                | Inline::Strong(c)
                | Inline::Strikethrough(c)
                | Inline::Superscript(c)
                | Inline::Subscript(c) => inlines(c, f),
                _ => {}
            }
        }
    }
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(list) => inlines(list, f),
            BlockKind::List(list) => {
                for item in &list.items {
                    for_each_link(&item.blocks, f);
                }
            }
            BlockKind::BlockQuote { blocks, .. } => for_each_link(blocks, f),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_written_as_the_text_is_not_repeated() {
        assert!(is_its_address(
            "fastcareertraining.com",
            "https://fastcareertraining.com"
        ));
        assert!(is_its_address("www.example.org", "http://example.org/"));
        assert!(!is_its_address("our site", "https://example.org"));
    }

    fn paragraph(inlines: Vec<Inline>) -> Block {
        Block {
            kind: BlockKind::Paragraph(inlines),
            pos: crate::model::Pos { line: 3, column: 1 },
        }
    }

    #[test]
    fn an_external_link_prints_its_address_and_the_added_words_are_not_counted() {
        let link = |text: &str, url: &str| Inline::Link {
            target: LinkTarget::External(url.into()),
            title: String::new(),
            content: vec![Inline::Text(text.into())],
            pos: Default::default(),
        };
        let blocks = [paragraph(vec![
            Inline::Text("Visit ".into()),
            link("our site", "https://example.org"),
            Inline::Text(" or ".into()),
            link("example.net", "https://example.net"),
            Inline::Text(" now.".into()),
        ])];
        let mut links = LinksStyle {
            show_page: true,
            show_urls: ShowUrls::Inline,
        };
        let strings = Strings::for_language("en");
        let labels = Labels {
            links,
            strings: &strings,
            chapters: &[],
            labels: None,
        };
        let printed = with_references(&blocks, &labels);
        let text = crate::model::block_text(&printed.blocks);
        assert_eq!(
            text.trim(),
            "Visit our site (https://example.org) or example.net now."
        );
        // "Visit our site" are words 0-2; a page beginning at "or" (word 4 as set, 3 of the
        // paragraph's own) is marked before the paragraph's word 3.
        let mut units = vec![Unit {
            source: Some(TextPoint {
                block: blocks[0].pos,
                word: 4,
            }),
            ..Unit::default()
        }];
        printed.correct_word_counts(&mut units);
        assert_eq!(units[0].source.map(|s| s.word), Some(3));
        links.show_urls = ShowUrls::None;
        let quiet = Labels { links, ..labels };
        assert!(!with_references(&blocks, &quiet).changed());
    }

    #[test]
    fn a_page_reference_names_a_chapter_by_its_short_title() {
        let english = Strings::for_language("en");
        assert_eq!(
            page_reference(&english, Some("Pathways"), "4"),
            "see Pathways, p.\u{a0}4"
        );
        assert_eq!(page_reference(&english, None, "12"), "p.\u{a0}12");
        let german = Strings::for_language("de");
        assert_eq!(
            page_reference(&german, Some("Wege"), "4"),
            "siehe Wege, S.\u{a0}4"
        );
    }
}
