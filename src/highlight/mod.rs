//! Syntax highlighting of code blocks, shared by both outputs: a block's source text and the
//! language its fence names become spans of the text, each with a [`Token`] class. The PDF
//! colours each class from the print style's `[code]` theme, the EPUB writes it as a CSS class
//! that the stylesheet colours (and a reading system's dark mode can restyle).
//!
//! The grammars are syntect's (Sublime Text syntaxes, run on the Oniguruma regex engine) from the
//! `two-face` crate's dump, which adds TOML and TypeScript to syntect's own set. The dump is
//! read on the first code block that names a language it knows, never for a book without one;
//! each grammar's rules are read on its first use.

mod css;
mod diff;
mod json;
#[cfg(test)]
mod lexer_tests;
mod markdown;
mod markup;
mod palette;
mod text_scan;
mod toml;
mod yaml;

pub use palette::Palette;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// What a stretch of code is, as far as its colour goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    /// Anything with no class of its own: identifiers, operators, punctuation, spaces.
    Plain,
    Comment,
    /// Keywords and storage words (`fn`, `let`, `pub`, `SELECT`).
    Keyword,
    /// String literals, with their quotes.
    String,
    /// Numbers.
    Number,
    /// Built-in constants (`true`, `None`, `null`) and escapes in strings.
    Constant,
    /// Names of functions defined or called.
    Function,
    /// Type and class names.
    Type,
    /// Markup tags and keys (HTML elements, YAML and TOML keys).
    Tag,
    /// Markup attributes, decorators, preprocessor directives.
    Attribute,
}

impl Token {
    /// Every class but [`Token::Plain`], in a fixed order (the theme's keys, the CSS classes).
    pub const COLOURED: [Token; 9] = [
        Token::Comment,
        Token::Keyword,
        Token::String,
        Token::Number,
        Token::Constant,
        Token::Function,
        Token::Type,
        Token::Tag,
        Token::Attribute,
    ];

    /// The class's name: the print style's key and, after `hl-`, the EPUB's CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Token::Plain => "plain",
            Token::Comment => "comment",
            Token::Keyword => "keyword",
            Token::String => "string",
            Token::Number => "number",
            Token::Constant => "constant",
            Token::Function => "function",
            Token::Type => "type",
            Token::Tag => "tag",
            Token::Attribute => "attribute",
        }
    }
}

/// A stretch of a code block's text (byte offsets into it) and its class. A highlighted
/// block's spans cover its text in order, without gaps; neighbours differ in class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub token: Token,
}

/// The spans of `code` in `language` (a fence's first word: `rust`, `py`, `c++`, `yaml`...);
/// None when quire has no grammar for the language (the block is set plain) or the grammar
/// fails on the text. The grammars read lines that end in a newline, so the text is read with
/// one at its end whether `code` has it or not: the last span may reach one byte past `code`.
///
/// Each block is highlighted once per process: `quire build` sets it in both outputs (the PDF
/// asks with the block's final newline, the EPUB without), and a book may repeat a snippet.
pub fn highlight(language: &str, code: &str) -> Option<Arc<[Span]>> {
    let name = grammar_name(language)?;
    let mut text = code.strip_suffix('\n').unwrap_or(code).to_string();
    text.push('\n');
    let key = (name, text);
    if let Some(known) = cache().lock().ok()?.get(&key) {
        return known.clone();
    }
    let spans = match own_lexer(name) {
        Some(lexer) => {
            let mut out = Vec::new();
            lexer(&key.1, &mut out);
            Some(Arc::from(out))
        }
        None => {
            let set = syntaxes();
            find_syntax(set, name)
                .and_then(|syntax| spans(set, syntax, &key.1))
                .map(Arc::from)
        }
    };
    let mut cache = cache().lock().ok()?;
    // `quire watch` highlights every edit of a block anew: the old versions are let go.
    if cache.len() >= CACHE_BLOCKS {
        cache.clear();
    }
    cache.insert(key, spans.clone());
    spans
}

/// Blocks kept highlighted: more than a long book holds distinct ones, little memory.
const CACHE_BLOCKS: usize = 20_000;

/// Highlights every code block of `book` that names a language, on all threads, so that the
/// writer that needs them in order (the EPUB's pages) finds them done.
pub fn highlight_book(book: &crate::model::Book) {
    use crate::model::walk::Node;
    use crate::model::{Block, BlockKind};
    use rayon::prelude::*;
    let blocks: Vec<(&str, &str)> = book
        .chapters
        .iter()
        .flat_map(|chapter| chapter.walk().nodes())
        .filter_map(|node| match node {
            Node::Block(Block {
                kind:
                    BlockKind::CodeBlock {
                        language: Some(language),
                        code,
                    },
                ..
            }) if grammar_name(language).is_some() => Some((language.as_str(), code.as_str())),
            _ => None,
        })
        .collect();
    // A book without code does not start the pool.
    if blocks.is_empty() {
        return;
    }
    blocks.par_iter().for_each(|(language, code)| {
        highlight(language, code);
    });
}

/// Highlighted blocks by grammar and text.
type Cache = Mutex<HashMap<(&'static str, String), Option<Arc<[Span]>>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// The name or file extension by which the dump knows the grammar of a fence's language; None
/// for a language without one (`text`, `console` output, an unknown name).
fn grammar_name(language: &str) -> Option<&'static str> {
    let word = language
        .split([',', ' '])
        .next()?
        .trim()
        .to_ascii_lowercase();
    let name = match word.as_str() {
        "rust" | "rs" => "rs",
        "python" | "py" | "python3" => "py",
        "javascript" | "js" | "jsx" | "mjs" | "cjs" => "js",
        "typescript" | "ts" | "tsx" => "ts",
        "c" | "h" => "c",
        "c++" | "cpp" | "cxx" | "cc" | "hpp" => "cpp",
        "java" => "java",
        "go" | "golang" => "go",
        "sh" | "bash" | "shell" | "zsh" | "shell-session" => "sh",
        "toml" => "toml",
        "yaml" | "yml" => "yaml",
        "json" | "jsonc" => "json",
        "html" | "xhtml" | "htm" => "html",
        "xml" | "svg" => "xml",
        "css" => "css",
        "sql" => "sql",
        "markdown" | "md" => "md",
        "diff" | "patch" => "diff",
        "makefile" | "make" => "makefile",
        "dockerfile" | "docker" => "dockerfile",
        "ruby" | "rb" => "rb",
        "kotlin" | "kt" => "kt",
        "swift" => "swift",
        "csharp" | "cs" | "c#" => "cs",
        "php" => "php",
        "lua" => "lua",
        "haskell" | "hs" => "hs",
        "ini" => "ini",
        _ => return None,
    };
    Some(name)
}

/// quire's own lexer for a grammar (by [`grammar_name`]'s names), if it has one.
fn own_lexer(name: &str) -> Option<fn(&str, &mut Vec<Span>)> {
    let lexer: fn(&str, &mut Vec<Span>) = match name {
        "html" | "xml" => markup::spans,
        "css" => css::spans,
        "json" => json::spans,
        "yaml" => yaml::spans,
        "toml" => toml::spans,
        "ini" => toml::ini_spans,
        "md" => markdown::spans,
        "diff" => diff::spans,
        _ => return None,
    };
    Some(lexer)
}

/// The grammars, read from the dump once, on first use.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(|| {
        crate::timing::phase(
            "highlight: read the grammars",
            two_face::syntax::extra_newlines,
        )
    })
}

fn find_syntax<'s>(set: &'s SyntaxSet, name: &str) -> Option<&'s SyntaxReference> {
    set.find_syntax_by_extension(name)
        .or_else(|| set.find_syntax_by_token(name))
}

/// The spans of `code`, line by line; None if the grammar fails.
fn spans(set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<Vec<Span>> {
    let mut classes = ScopeClasses::new(classes());
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out: Vec<Span> = Vec::new();
    let mut line_start = 0;
    for line in code.split_inclusive('\n') {
        let ops = state.parse_line(line, set).ok()?;
        let mut at = 0;
        for (offset, op) in ops {
            let offset = offset.min(line.len());
            push(
                &mut out,
                line_start + at..line_start + offset,
                classes.of(&stack),
            );
            at = offset.max(at);
            stack.apply(&op).ok()?;
        }
        push(
            &mut out,
            line_start + at..line_start + line.len(),
            classes.of(&stack),
        );
        line_start += line.len();
    }
    Some(out)
}

/// Appends a span, merged into the last one when they are of one class; empty ones are left out.
fn push(out: &mut Vec<Span>, range: Range<usize>, token: Token) {
    if range.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.token == token && last.range.end == range.start => {
            last.range.end = range.end
        }
        _ => out.push(Span { range, token }),
    }
}

/// Scope prefixes and their classes, most specific first: a scope takes the class of the first
/// prefix it starts with. Scopes matching none (punctuation around a string, say) pass to the
/// scope around them, so a string's quotes are string too. Operators are plain: coloured, they
/// would make a line of code look busy for no gain in reading it.
const SCOPE_CLASSES: [(&str, Token); 34] = [
    ("comment", Token::Comment),
    ("punctuation.definition.comment", Token::Comment),
    ("string", Token::String),
    ("markup.raw", Token::String),
    ("markup.inserted", Token::String),
    ("constant.numeric", Token::Number),
    ("constant.character.escape", Token::Constant),
    ("constant.language", Token::Constant),
    ("constant.other", Token::Constant),
    ("support.constant", Token::Constant),
    ("variable.language", Token::Constant),
    ("keyword.operator.word", Token::Keyword),
    ("keyword.operator", Token::Plain),
    ("keyword", Token::Keyword),
    ("storage.type.function", Token::Keyword),
    ("storage.type.struct", Token::Keyword),
    ("storage.type.class", Token::Keyword),
    ("storage.type", Token::Type),
    ("storage", Token::Keyword),
    ("markup.heading", Token::Keyword),
    ("markup.deleted", Token::Keyword),
    ("entity.name.function", Token::Function),
    ("support.function", Token::Function),
    ("variable.function", Token::Function),
    ("meta.function-call.identifier", Token::Function),
    ("entity.name.type", Token::Type),
    ("entity.name.class", Token::Type),
    ("entity.name.struct", Token::Type),
    ("support.type", Token::Type),
    ("support.class", Token::Type),
    ("entity.name.tag", Token::Tag),
    ("entity.other.attribute-name", Token::Attribute),
    ("meta.preprocessor", Token::Attribute),
    ("meta.annotation", Token::Attribute),
];

/// [`SCOPE_CLASSES`] as syntect scopes, made once.
struct Classes(Vec<(Scope, Token)>);

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let parsed = SCOPE_CLASSES
            .iter()
            .filter_map(|(prefix, token)| Scope::new(prefix).ok().map(|s| (s, *token)));
        Classes(parsed.collect())
    })
}

impl Classes {
    /// The class of `scope` itself: that of the first prefix it starts with, if any.
    fn of_scope(&self, scope: Scope) -> Option<Token> {
        self.0
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(scope))
            .map(|(_, token)| *token)
    }
}

/// [`Classes`] with each scope's class kept once found: a block asks for the class of the
/// same few dozen scopes at every change of scope, and matching a scope against every prefix
/// costs as much as a tenth of the highlighting.
struct ScopeClasses<'c> {
    classes: &'c Classes,
    known: HashMap<Scope, Option<Token>>,
}

impl<'c> ScopeClasses<'c> {
    fn new(classes: &'c Classes) -> Self {
        ScopeClasses {
            classes,
            known: HashMap::new(),
        }
    }

    /// The class of text under `stack`: that of its innermost scope with one.
    fn of(&mut self, stack: &ScopeStack) -> Token {
        for scope in stack.as_slice().iter().rev() {
            let classes = self.classes;
            let class = *self
                .known
                .entry(*scope)
                .or_insert_with(|| classes.of_scope(*scope));
            if let Some(token) = class {
                return token;
            }
        }
        Token::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes_of(language: &str, code: &str) -> Vec<(String, Token)> {
        let spans = highlight(language, code).expect("a grammar");
        spans
            .iter()
            .map(|s| (code[s.range.clone()].to_string(), s.token))
            .collect()
    }

    fn class_of(spans: &[(String, Token)], text: &str) -> Token {
        spans
            .iter()
            .find(|(t, _)| t.contains(text))
            .map(|(_, token)| *token)
            .unwrap_or_else(|| panic!("no span holds {text:?}: {spans:?}"))
    }

    #[test]
    fn spans_cover_the_text_in_order() {
        let code = "fn main() {\n    // hi\n    let s = \"x\";\n}\n";
        let spans = highlight("rust", code).expect("rust");
        let mut at = 0;
        for span in spans.iter() {
            assert_eq!(span.range.start, at);
            at = span.range.end;
        }
        assert_eq!(at, code.len());
    }

    #[test]
    fn rust_keywords_strings_comments_and_numbers_have_their_classes() {
        let spans = classes_of(
            "rust",
            "fn main() {\n    // note\n    let n = 42; let s = \"hi\";\n}\n",
        );
        assert_eq!(class_of(&spans, "fn"), Token::Keyword);
        assert_eq!(class_of(&spans, "// note"), Token::Comment);
        assert_eq!(class_of(&spans, "42"), Token::Number);
        assert_eq!(class_of(&spans, "\"hi\""), Token::String);
        assert_eq!(class_of(&spans, "main"), Token::Function);
    }

    #[test]
    fn every_language_of_the_issue_has_a_grammar() {
        let samples = [
            ("rust", "let x = 1;"),
            ("python", "def f(): return 'a'"),
            ("javascript", "const a = 'b';"),
            ("typescript", "const a: number = 1;"),
            ("c", "int main(void) { return 0; }"),
            ("cpp", "int main() { return 0; }"),
            ("java", "class A { }"),
            ("go", "func main() { }"),
            ("sh", "echo \"hi\""),
            ("toml", "key = \"v\""),
            ("yaml", "key: \"v\""),
            ("json", "{\"a\": 1}"),
            ("html", "<p class=\"a\">x</p>"),
            ("css", "p { color: red; }"),
            ("sql", "SELECT a FROM t;"),
            ("markdown", "# Title"),
        ];
        for (language, code) in samples {
            let spans = highlight(language, code).unwrap_or_else(|| panic!("{language}"));
            assert!(
                spans.iter().any(|s| s.token != Token::Plain),
                "{language}: nothing coloured in {code:?}: {spans:?}"
            );
        }
    }

    #[test]
    fn a_block_is_highlighted_once_with_or_without_its_final_newline() {
        // The PDF asks with the newline, the EPUB without: `quire build` highlights once.
        let code = "let shared_by_both_outputs = 1;";
        let without = highlight("rust", code).expect("rust");
        let with = highlight("rust", &format!("{code}\n")).expect("rust");
        assert!(Arc::ptr_eq(&without, &with));
        assert_eq!(with.last().map(|s| s.range.end), Some(code.len() + 1));
    }

    #[test]
    fn unknown_languages_and_plain_text_are_not_highlighted() {
        assert!(highlight("text", "a b").is_none());
        assert!(highlight("klingon", "a b").is_none());
        assert!(grammar_name("console").is_none());
        assert_eq!(grammar_name("rust,ignore"), Some("rs"));
    }
}
