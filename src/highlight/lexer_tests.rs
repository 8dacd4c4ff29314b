//! What every hand-written lexer owes the writers: spans that cover the text in order, without
//! gaps, cut only between characters, neighbours of different classes, whatever the input
//! (checked here for the formats' lexers, in `code/tests.rs` for the programming languages');
//! and the helpers the lexers' own tests read classes with.

use super::{Span, Token};

pub(super) type Lexer = fn(&str, &mut Vec<Span>);

/// The lexers of markup, style and data formats, by name.
const LEXERS: [(&str, Lexer); 8] = [
    ("markup", super::markup::spans),
    ("css", super::css::spans),
    ("json", super::json::spans),
    ("yaml", super::yaml::spans),
    ("toml", super::toml::spans),
    ("ini", super::toml::ini_spans),
    ("markdown", super::markdown::spans),
    ("diff", super::diff::spans),
];

/// The spans of `code` in `language` as (text, class) pairs.
pub(super) fn parts(language: &str, code: &str) -> Vec<(String, Token)> {
    let text = as_read(code);
    let spans =
        super::highlight(language, code).unwrap_or_else(|| panic!("no lexer for {language}"));
    spans
        .iter()
        .map(|s| (text[s.range.clone()].to_string(), s.token))
        .collect()
}

/// `code` as the lexer reads it: with one newline at its end.
pub(super) fn as_read(code: &str) -> String {
    format!("{}\n", code.strip_suffix('\n').unwrap_or(code))
}

/// The spans `lexer` gives `code`, checked to be well formed.
pub(super) fn lex(lexer: Lexer, code: &str) -> Vec<Span> {
    let mut out = Vec::new();
    lexer(code, &mut out);
    assert_well_formed("", code, &out);
    out
}

/// Panics unless `spans` cover `code` in order, without gaps, cut between characters, each
/// of another class than the one before; `lexer` names the lexer in the message.
pub(super) fn assert_well_formed(lexer: &str, code: &str, spans: &[Span]) {
    let mut at = 0;
    for (i, span) in spans.iter().enumerate() {
        assert_eq!(
            span.range.start, at,
            "{lexer}: a gap or overlap before {span:?} in {code:?}"
        );
        assert!(
            span.range.end > span.range.start,
            "{lexer}: empty {span:?} in {code:?}"
        );
        assert!(
            code.is_char_boundary(span.range.end),
            "{lexer}: {span:?} cuts a character in {code:?}"
        );
        if i > 0 {
            assert_ne!(
                spans[i - 1].token,
                span.token,
                "{lexer}: neighbours alike at {span:?} in {code:?}"
            );
        }
        at = span.range.end;
    }
    assert_eq!(
        at,
        code.len(),
        "{lexer}: spans stop short in {code:?}: {spans:?}"
    );
}

/// The class of the first occurrence of `needle` in `code`, which one span must hold whole.
pub(super) fn class_of(lexer: Lexer, code: &str, needle: &str) -> Token {
    class_after(lexer, code, "", needle)
}

/// The class of the first occurrence of `needle` after the first of `after` in `code`.
pub(super) fn class_after(lexer: Lexer, code: &str, after: &str, needle: &str) -> Token {
    let from = code.find(after).expect("the text to look after") + after.len();
    let start = from
        + code[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {code:?}"));
    let end = start + needle.len();
    let spans = lex(lexer, code);
    let span = spans
        .iter()
        .find(|s| s.range.contains(&start))
        .expect("a span at the needle");
    assert!(
        span.range.end >= end,
        "{needle:?} is cut: {:?}",
        spans
            .iter()
            .map(|s| (&code[s.range.clone()], s.token))
            .collect::<Vec<_>>()
    );
    span.token
}

/// Inputs that end where a lexer is midway, or that hold what it might cut badly.
const AWKWARD: [&str; 24] = [
    "",
    "\n",
    "\n\n\n",
    "\"",
    "'",
    "<",
    "</",
    "<!--",
    "<![CDATA[",
    "<a href=\"x",
    "<style>p { color:",
    "/*",
    "{\"k\": \"v\\",
    "\\",
    "a\\",
    "key: |\n  text\n",
    "[table",
    "k = \"\"\"\nline",
    "`code",
    "**strong",
    "[t](http://a.b \"title",
    "@@ -1,3 +1 @@\n-a\n--- b",
    "héllo wörld ✓ 😀 über: «x»\n- 😀: ü\n",
    "é\\é\"é'é<é&é;é`é*é_é",
];

/// A sample mixing the formats' syntax, cut at every character boundary below.
const MIXED: &str = "<!DOCTYPE html>\n<p class=\"é\">x &amp; ü</p><style>a { b: 1px }</style>\n\
# Title ✓\n- item *em* `code` [l](u \"t\")\n---\nkey: \"s\\n\" # c\n\
[t]\nk = '''ml\n😀''' # c\n{\"a\": [1, true, /* c */ null]}\n@@ -1 +1 @@\n-a\n+b\n";

#[test]
fn every_lexer_covers_awkward_inputs_and_every_prefix_of_a_mixed_sample() {
    for (name, lexer) in LEXERS {
        let cuts = MIXED.char_indices().map(|(at, _)| at).chain([MIXED.len()]);
        let prefixes = cuts.map(|cut| &MIXED[..cut]);
        for code in AWKWARD.into_iter().chain(prefixes) {
            let mut out = Vec::new();
            lexer(code, &mut out);
            assert_well_formed(name, code, &out);
        }
    }
}

/// The pieces the scrambled inputs are made of: every format's delimiters, line ends,
/// letters of two and four bytes.
const PIECES: [&str; 34] = [
    "<", ">", "/", "!", "?", "-", "--", "\"", "'", "`", "```", "\\", "\n", " ", "    ", "#", "*",
    "_", "[", "]", "(", ")", "{", "}", ":", "=", "&", ";", "@@", "é", "😀", "a1", "\r\n", "|",
];

/// Pieces in an order made up from `seed`, as many as `length` (a fixed linear
/// congruential sequence: the same inputs on every run).
fn scrambled(seed: u64, length: usize) -> String {
    let mut state = seed;
    (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            PIECES[(state >> 33) as usize % PIECES.len()]
        })
        .collect()
}

/// Inputs of scrambled delimiters each lexer is given: enough to reach every state, cheap.
const SCRAMBLED_INPUTS: u64 = 300;
const SCRAMBLED_PIECES: usize = 40;

#[test]
fn every_lexer_covers_scrambled_delimiters() {
    for seed in 0..SCRAMBLED_INPUTS {
        let code = scrambled(seed, SCRAMBLED_PIECES);
        for (name, lexer) in LEXERS {
            let mut out = Vec::new();
            lexer(&code, &mut out);
            assert_well_formed(name, &code, &out);
        }
    }
}
