//! Quotation marks and the spaces around punctuation as the text's language sets them, over
//! what pulldown-cmark's smart punctuation made (English curly quotes: “ ” for `"`, ‘ ’ for
//! `'` and for apostrophes).
//!
//! Each run of inlines (a paragraph, a heading, a cell, a term) is read in its block's
//! language; a span with another `lang` is read in its own, with its own quotes. English text
//! is left as pulldown-cmark made it.

use crate::model::{Block, BlockKind, Inline};
use crate::strings::primary_subtag;

/// U+202F NARROW NO-BREAK SPACE: French typography's fine space (espace fine insécable)
/// inside guillemets and before ; ! ?.
pub const NARROW_NBSP: char = '\u{202F}';
/// U+00A0 NO-BREAK SPACE: the word space that French typography puts before a colon
/// (Lexique des règles typographiques en usage à l'Imprimerie nationale: espace mot
/// insécable before ":", fine before ";", "!" and "?").
pub const NBSP: char = '\u{A0}';

/// How a language quotes and spaces its punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rules {
    /// The marks of a quotation: what `"` becomes.
    primary: (char, char),
    /// The marks of a quotation inside one: what `'` becomes.
    secondary: (char, char),
    /// A fine no-break space inside guillemets and before ; ! ? (and a no-break space before :).
    french_spacing: bool,
}

/// English: “ ” and ‘ ’ (Chicago Manual of Style 6.9), what pulldown-cmark makes already.
const ENGLISH: Rules = Rules {
    primary: ('\u{201C}', '\u{201D}'),
    secondary: ('\u{2018}', '\u{2019}'),
    french_spacing: false,
};

/// The rules of the language `tag`, by its primary subtag (and the region where it differs).
fn rules(tag: &str) -> Rules {
    let region = tag
        .split(['-', '_'])
        .nth(1)
        .unwrap_or("")
        .to_ascii_uppercase();
    match primary_subtag(tag).as_str() {
        // Imprimerie nationale: « » with fine spaces inside, “ ” for a quotation inside one.
        "fr" => Rules {
            primary: ('\u{AB}', '\u{BB}'),
            secondary: ('\u{201C}', '\u{201D}'),
            french_spacing: true,
        },
        // Swiss German and Liechtenstein: « » and ‹ ›, with no spaces (Schweizer
        // Orthographische Konferenz).
        "de" if region == "CH" || region == "LI" => Rules {
            primary: ('\u{AB}', '\u{BB}'),
            secondary: ('\u{2039}', '\u{203A}'),
            french_spacing: false,
        },
        // Duden (K 12): „ “ and ‚ ‘.
        "de" => Rules {
            primary: ('\u{201E}', '\u{201C}'),
            secondary: ('\u{201A}', '\u{2018}'),
            french_spacing: false,
        },
        // RAE, Ortografía (2010) 3.4.8: « » first, then “ ”; Italian and European Portuguese
        // publishing use the same order (no spaces inside).
        "es" | "it" => Rules {
            primary: ('\u{AB}', '\u{BB}'),
            secondary: ('\u{201C}', '\u{201D}'),
            french_spacing: false,
        },
        "pt" if region != "BR" => Rules {
            primary: ('\u{AB}', '\u{BB}'),
            secondary: ('\u{201C}', '\u{201D}'),
            french_spacing: false,
        },
        // Brazilian Portuguese and Dutch (Taalunie, Woordenlijst: “ ” and ‘ ’) quote as
        // English does; so does a language quire has no rules for.
        _ => ENGLISH,
    }
}

/// Every run of inlines in `blocks` read in the language `tag` (spans and divs with a `lang`
/// in theirs).
pub fn localise_blocks(blocks: &mut [Block], tag: &str) {
    blocks_in(blocks, rules(tag));
}

/// One run of inlines (a chapter title) read in the language `tag`.
pub fn localise_inlines(inlines: &mut [Inline], tag: &str) {
    Run::new(rules(tag)).inlines(inlines);
}

/// Each block's own runs read by `rules`, and the blocks it holds (a div with a `lang` by its
/// language's).
fn blocks_in(blocks: &mut [Block], rules: Rules) {
    for block in blocks {
        match &mut block.kind {
            BlockKind::Heading(h) => Run::new(rules).inlines(&mut h.content),
            BlockKind::Paragraph(inlines) => Run::new(rules).inlines(inlines),
            BlockKind::Table(table) => {
                let header = table.header.iter_mut();
                for cell in header.chain(table.rows.iter_mut().flatten()) {
                    Run::new(rules).inlines(cell);
                }
            }
            BlockKind::DefinitionList(definitions) => {
                for d in definitions {
                    Run::new(rules).inlines(&mut d.term);
                    for detail in &mut d.details {
                        blocks_in(detail, rules);
                    }
                }
            }
            BlockKind::List(list) => {
                for item in &mut list.items {
                    blocks_in(&mut item.blocks, rules);
                }
            }
            BlockKind::BlockQuote { blocks, .. } => blocks_in(blocks, rules),
            BlockKind::Div { blocks, lang, .. } => {
                let inner = lang.as_deref().map_or(rules, self::rules);
                blocks_in(blocks, inner);
            }
            BlockKind::Figure(_)
            | BlockKind::CodeBlock { .. }
            | BlockKind::ThematicBreak
            | BlockKind::RawHtml(_) => {}
        }
    }
}

/// The reading of one run: its rules and the quotes open so far.
struct Run {
    rules: Rules,
    /// Single quotes opened and not closed yet (a ’ closes one only while one is open; else
    /// it is an apostrophe).
    open_single: u32,
    /// The last character read, across the run's inlines.
    prev: Option<char>,
}

impl Run {
    fn new(rules: Rules) -> Run {
        Run {
            rules,
            open_single: 0,
            prev: None,
        }
    }

    fn inlines(&mut self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    if self.rules != ENGLISH {
                        *text = self.text(text);
                    } else {
                        self.prev = text.chars().next_back().or(self.prev);
                    }
                }
                Inline::Span(span) if span.lang.is_some() => {
                    let lang = span.lang.as_deref().unwrap_or("");
                    let mut inner = Run::new(rules(lang));
                    inner.prev = self.prev;
                    inner.inlines(&mut span.content);
                    self.prev = inner.prev;
                }
                Inline::Code(_) | Inline::Image(_) | Inline::FootnoteRef { .. } => {
                    self.prev = Some('x')
                }
                Inline::LineBreak => self.prev = Some(' '),
                other => {
                    if let Some(content) = content_mut(other) {
                        self.inlines(content);
                    }
                }
            }
        }
    }

    /// One text, its quotes and punctuation set by the rules.
    fn text(&mut self, text: &str) -> String {
        let r = self.rules;
        let mut out = String::with_capacity(text.len() + 8);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            match c {
                '\u{201C}' => self.open(&mut out, r.primary.0, &mut chars),
                '\u{201D}' => self.close(&mut out, r.primary.1),
                // Guillemets typed as they are get their spaces too.
                '\u{AB}' if r.french_spacing => self.open(&mut out, c, &mut chars),
                '\u{BB}' if r.french_spacing => self.close(&mut out, c),
                '\u{2018}' => {
                    self.open_single += 1;
                    out.push(r.secondary.0);
                }
                '\u{2019}' if self.open_single > 0 && !next.is_some_and(char::is_alphanumeric) => {
                    self.open_single -= 1;
                    out.push(r.secondary.1);
                }
                ';' | '!' | '?' | ':' if r.french_spacing && spaced_before(c, next) => {
                    let space = if c == ':' { NBSP } else { NARROW_NBSP };
                    self.space_before(&mut out, space, true);
                    out.push(c);
                }
                _ => out.push(c),
            }
            self.prev = out.chars().next_back();
        }
        out
    }

    /// An opening mark, with the fine space after it in French (in place of a space written).
    fn open(
        &mut self,
        out: &mut String,
        mark: char,
        chars: &mut std::iter::Peekable<std::str::Chars>,
    ) {
        out.push(mark);
        if self.rules.french_spacing && mark == '\u{AB}' {
            match chars.peek() {
                Some(&NARROW_NBSP | &NBSP) => return,
                Some(&' ') => {
                    chars.next();
                }
                _ => {}
            }
            out.push(NARROW_NBSP);
        }
    }

    /// A closing mark, with the fine space before it in French.
    fn close(&mut self, out: &mut String, mark: char) {
        if self.rules.french_spacing && mark == '\u{BB}' {
            self.space_before(out, NARROW_NBSP, false);
        }
        out.push(mark);
    }

    /// `space` before a mark: in place of a space written there, or added after a word (after
    /// another of ; ! ? : too unless `joins_marks`, so that "?!" takes one space).
    fn space_before(&mut self, out: &mut String, space: char, joins_marks: bool) {
        if out.ends_with(' ') {
            out.pop();
            out.push(space);
            return;
        }
        let prev = out.chars().next_back().or(self.prev);
        let spaced = prev.is_none_or(|p| {
            p.is_whitespace()
                || matches!(p, NARROW_NBSP | NBSP | '(')
                || joins_marks && matches!(p, ';' | '!' | '?' | ':')
        });
        if !spaced {
            out.push(space);
        }
    }
}

/// Whether French typography spaces `c` from the word before it: a colon only when a space or
/// the end follows (not in "10:30" or "https://"), ! and ? not inside an address's query.
fn spaced_before(c: char, next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) if c == ':' => n.is_whitespace(),
        Some(n) => !n.is_alphanumeric() && n != '=' && n != '/',
    }
}

/// The content of an inline that holds inlines.
fn content_mut(inline: &mut Inline) -> Option<&mut Vec<Inline>> {
    match inline {
        Inline::Emphasis(c)
        | Inline::Strong(c)
        | Inline::Strikethrough(c)
        | Inline::Superscript(c)
        | Inline::Subscript(c) => Some(c),
        Inline::Link { content, .. } => Some(content),
        Inline::Span(span) => Some(&mut span.content),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    /// The text of a one-paragraph Markdown document read in `lang`.
    fn read(markdown: &str, lang: &str) -> String {
        let mut diags = Diagnostics::new();
        let mut doc = crate::markdown::lower(std::path::Path::new("t.md"), markdown, &mut diags);
        localise_blocks(&mut doc.blocks, lang);
        crate::model::block_text(&doc.blocks).trim_end().to_string()
    }

    #[test]
    fn french_takes_guillemets_with_fine_spaces_and_spaces_before_double_punctuation() {
        assert_eq!(
            read("Il dit \"bonjour\" : c'est fini ; vraiment ? Oui!", "fr-FR"),
            "Il dit «\u{202F}bonjour\u{202F}»\u{a0}: c’est fini\u{202F}; vraiment\u{202F}? Oui\u{202F}!"
        );
        assert_eq!(read("\"Oui !\"", "fr"), "«\u{202F}Oui\u{202F}!\u{202F}»");
        // Typed guillemets with word spaces get fine ones instead, not doubled.
        assert_eq!(read("« oui »", "fr"), "«\u{202F}oui\u{202F}»");
        // No space in a time, an address or "?!".
        assert_eq!(
            read("À 10:30, voir https://a.fr/?q=1 Quoi?!", "fr"),
            "À 10:30, voir https://a.fr/?q=1 Quoi\u{202F}?!"
        );
    }

    #[test]
    fn german_quotes_low_high_and_keeps_apostrophes() {
        assert_eq!(
            read("Er sagt \"Hallo 'Welt'\" und geht's an.", "de"),
            "Er sagt \u{201E}Hallo \u{201A}Welt\u{2018}\u{201C} und geht\u{2019}s an."
        );
        assert_eq!(read("\"Grüezi\"", "de-CH"), "\u{AB}Grüezi\u{BB}");
    }

    #[test]
    fn spanish_italian_and_portuguese_take_guillemets_first_and_english_is_unchanged() {
        for lang in ["es", "it", "pt-PT"] {
            assert_eq!(read("\"a 'b'\"", lang), "\u{AB}a \u{201C}b\u{201D}\u{BB}");
        }
        assert_eq!(read("\"a\"", "pt-BR"), "\u{201C}a\u{201D}");
        assert_eq!(read("\"don't\"", "en"), "\u{201C}don\u{2019}t\u{201D}");
    }

    #[test]
    fn a_span_in_another_language_takes_its_own_quotes() {
        assert_eq!(
            read("He said [\"oui\"]{lang=fr} and \"yes\".", "en"),
            "He said «\u{202F}oui\u{202F}» and \u{201C}yes\u{201D}."
        );
        assert_eq!(
            read("Il dit [\"yes\"]{lang=en}.", "fr"),
            "Il dit \u{201C}yes\u{201D}."
        );
    }

    #[test]
    fn quotes_around_emphasis_take_their_spaces_across_the_inlines() {
        assert_eq!(read("\"*mot*\"", "fr"), "«\u{202F}mot\u{202F}»");
    }
}
