//! Liang hyphenation with TeX's patterns for the text's language (the `hypher` crate, whose
//! patterns are compiled into the binary as tries it reads in place: nothing to load). Each
//! distinct word is hyphenated once per thread and language.
//!
//! Languages with patterns: English, French, German, Spanish, Italian, Portuguese and Dutch
//! (the `hypher` features Cargo.toml enables). A text in another language is set without
//! hyphenation, which [`note_languages_without_patterns`] says once per language.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::walk::{Node, VisitMut};
use crate::model::{Block, BlockKind, Book, Inline, Span, SpanKind};
use crate::strings::primary_subtag;

/// Letters kept before the first break: one more than TeX's \lefthyphenmin for English (2),
/// as book houses set it in every language, since two-letter fragments ("ab-", "in-", "dé-")
/// make the reader stumble.
const LEFT_MIN: usize = 3;
/// Letters kept after the last break: TeX's \righthyphenmin for English, and more than
/// French and German patterns ask (2), for the same reason.
const RIGHT_MIN: usize = 3;
/// Words shorter than this are never hyphenated: the gain is too small to be worth a hyphen.
const MIN_WORD_CHARS: usize = LEFT_MIN + RIGHT_MIN;

/// The patterns of a language quire can hyphenate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Patterns(hypher::Lang);

/// The language a run of text is hyphenated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TextLanguage {
    /// The book's own language (the patterns the shaper carries).
    #[default]
    Book,
    /// Another language (a span or div with a `lang`), with its patterns if quire has them.
    Other(Option<Patterns>),
}

/// The patterns for the BCP 47 tag `tag`, by its primary subtag; None when quire has none.
pub fn patterns_for(tag: &str) -> Option<Patterns> {
    let primary = primary_subtag(tag);
    let code: [u8; 2] = primary.as_bytes().try_into().ok()?;
    hypher::Lang::from_iso(code).map(Patterns)
}

/// Hyphenation points by language and word.
type PointsCache = FxHashMap<(Patterns, Box<str>), Rc<[usize]>>;

/// Byte offsets inside `word` where it may be hyphenated in `patterns`' language. Only purely
/// alphabetic words are hyphenated (no digits, URLs or code); the caller splits words at
/// punctuation first. A book repeats its words, so the points are cached per distinct word
/// (Liang's pattern matching was a tenth of the layout time of a long book).
pub fn hyphenation_points(word: &str, patterns: Patterns) -> Rc<[usize]> {
    thread_local! {
        static CACHE: RefCell<PointsCache> = RefCell::default();
    }
    if word.chars().count() < MIN_WORD_CHARS || !word.chars().all(char::is_alphabetic) {
        return Rc::from([]);
    }
    CACHE.with(|cache| {
        let key = (patterns, Box::from(word));
        if let Some(hit) = cache.borrow().get(&key) {
            return hit.clone();
        }
        let points: Rc<[usize]> = liang(word, patterns).into();
        cache.borrow_mut().insert(key, points.clone());
        points
    })
}

/// The points between the syllables hypher finds, with quire's minima.
fn liang(word: &str, patterns: Patterns) -> Vec<usize> {
    let (left, right) = patterns.0.bounds();
    let syllables =
        hypher::hyphenate_bounded(word, patterns.0, left.max(LEFT_MIN), right.max(RIGHT_MIN));
    let mut points = Vec::new();
    let mut at = 0;
    for syllable in syllables {
        at += syllable.len();
        points.push(at);
    }
    points.pop();
    points
}

/// A note, once per language, for the book's language and each `lang` of its spans and divs
/// that quire has no hyphenation patterns for: their text is set without hyphenation.
pub fn note_languages_without_patterns(book: &Book, diags: &mut Diagnostics) {
    let mut languages = vec![book.meta.language.clone()];
    for chapter in &book.chapters {
        for node in chapter.walk().nodes() {
            let lang = match node {
                Node::Inline(Inline::Span(span)) => span.lang.as_ref(),
                Node::Block(Block {
                    kind: BlockKind::Div { lang, .. },
                    ..
                }) => lang.as_ref(),
                _ => None,
            };
            if let Some(lang) = lang
                && !languages
                    .iter()
                    .any(|l| primary_subtag(l) == primary_subtag(lang))
            {
                languages.push(lang.clone());
            }
        }
    }
    for lang in languages.iter().filter(|l| patterns_for(l).is_none()) {
        diags.push(Diagnostic::note(
            None,
            format!(
                "no hyphenation patterns for the language '{lang}': its text is set without \
                 hyphenation in the PDF"
            ),
        ));
    }
}

/// `blocks` with each run of their inlines in a span of the language `lang` (a div's), so that
/// the inline engine hyphenates them in it.
pub fn in_language(blocks: &[Block], lang: &str) -> Vec<Block> {
    let mut blocks = blocks.to_vec();
    crate::model::walk::walk_blocks_mut(&mut blocks, &mut InLanguage { lang });
    blocks
}

/// Wraps the runs of the blocks it visits.
struct InLanguage<'a> {
    lang: &'a str,
}

impl InLanguage<'_> {
    fn wrap(&self, inlines: &mut Vec<Inline>) {
        let content = std::mem::take(inlines);
        inlines.push(Inline::Span(Span {
            kind: SpanKind::Plain,
            id: None,
            classes: Vec::new(),
            lang: Some(self.lang.to_string()),
            title: None,
            content,
        }));
    }
}

impl VisitMut for InLanguage<'_> {
    fn block(&mut self, block: &mut Block) {
        match &mut block.kind {
            BlockKind::Heading(h) => self.wrap(&mut h.content),
            BlockKind::Paragraph(inlines) => self.wrap(inlines),
            BlockKind::Table(table) => {
                let header = table.header.iter_mut();
                for cell in header.chain(table.rows.iter_mut().flatten()) {
                    self.wrap(cell);
                }
            }
            BlockKind::DefinitionList(definitions) => {
                for d in definitions {
                    self.wrap(&mut d.term);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'w>(word: &'w str, lang: &str) -> Vec<&'w str> {
        let patterns = patterns_for(lang).expect("patterns");
        let mut out = Vec::new();
        let mut last = 0;
        for &b in hyphenation_points(word, patterns).iter() {
            out.push(&word[last..b]);
            last = b;
        }
        out.push(&word[last..]);
        out
    }

    #[test]
    fn english_words_break_at_liang_points_with_three_letter_minima() {
        assert_eq!(parts("technician", "en-US"), ["tech", "ni", "cian"]);
        assert_eq!(parts("hyphenation", "en"), ["hyphen", "ation"]);
        assert_eq!(parts("abnormal", "en"), ["abnor", "mal"]);
        let en = patterns_for("en").expect("English");
        for word in ["certification", "laboratory", "phlebotomy", "Understanding"] {
            let points = hyphenation_points(word, en);
            assert!(!points.is_empty(), "{word}");
            assert!(
                points.iter().all(|&p| p >= 3 && word.len() - p >= 3),
                "{word}: {points:?}"
            );
        }
        assert!(hyphenation_points("lab", en).is_empty());
        assert!(hyphenation_points("COVID-19", en).is_empty());
    }

    #[test]
    fn french_and_german_words_break_at_their_own_languages_points() {
        // French patterns break between the syllables French divides (an-ti-cons-ti-tu-...),
        // which English patterns do not give.
        let fr = parts("anticonstitutionnellement", "fr");
        assert!(fr.len() > 4, "{fr:?}");
        assert_ne!(fr, parts("anticonstitutionnellement", "en"));
        assert!(parts("Donaudampfschifffahrt", "de").len() > 2);
        assert!(patterns_for("sw").is_none() && patterns_for("pt-BR").is_some());
        // A word longer than hypher's stack buffer (45 bytes) is hyphenated too.
        let long = "anticonstitutionnellement".repeat(3);
        assert!(hyphenation_points(&long, patterns_for("fr").expect("French")).len() > 10);
    }
}
