//! Syntax highlighting of code blocks, shared by both outputs: a block's source text and the
//! language its fence names become spans of the text, each with a [`Token`] class. The PDF
//! colours each class from the print style's `[code]` theme, the EPUB writes it as a CSS class
//! that the stylesheet colours (and a reading system's dark mode can restyle).
//!
//! The lexers are quire's own, table-driven: one for programming languages (`code.rs`, with a
//! table per language in `languages.rs`); one per markup or data format (`markup.rs` for HTML
//! and XML, `css.rs`, `json.rs`, `yaml.rs`, `toml.rs` for TOML and INI, `markdown.rs`,
//! `diff.rs`), which mark the text as they go (`scan/marker.rs`). All read the text with one
//! cursor (`scan.rs`), which also reads quoted strings and numbers. Syntect's
//! grammars highlighted a 50-chapter book's code in 3.7 G instructions, four fifths of its
//! EPUB's build; these tables need nothing loaded and read a block in one pass.

mod code;
mod css;
mod diff;
mod json;
mod languages;
#[cfg(test)]
mod lexer_tests;
mod markdown;
mod markup;
mod palette;
mod scan;
mod toml;
mod yaml;

pub use palette::Palette;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

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

    /// The EPUB's CSS class of the class: `hl-` and its name.
    pub fn css_class(self) -> &'static str {
        match self {
            Token::Plain => "hl-plain",
            Token::Comment => "hl-comment",
            Token::Keyword => "hl-keyword",
            Token::String => "hl-string",
            Token::Number => "hl-number",
            Token::Constant => "hl-constant",
            Token::Function => "hl-function",
            Token::Type => "hl-type",
            Token::Tag => "hl-tag",
            Token::Attribute => "hl-attribute",
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
/// None when quire has no lexer for the language (the block is set plain). The text is read
/// with a newline at its end whether `code` has it or not: the last span may reach one byte
/// past `code`.
///
/// Each block is highlighted once per process: `quire build` sets it in both outputs (the PDF
/// asks with the block's final newline, the EPUB without), and a book may repeat a snippet.
pub fn highlight(language: &str, code: &str) -> Option<Arc<[Span]>> {
    let name = language_name(language)?;
    let lexer = lexer(name)?;
    let mut text = code.strip_suffix('\n').unwrap_or(code).to_string();
    text.push('\n');
    let key = (name, text);
    if let Some(known) = cache().lock().ok()?.get(&key) {
        return Some(known.clone());
    }
    let mut spans = Vec::new();
    lexer.spans(&key.1, &mut spans);
    let spans: Arc<[Span]> = Arc::from(spaces_joined(spans, &key.1));
    let mut cache = cache().lock().ok()?;
    // `quire watch` highlights every edit of a block anew: the old versions are let go.
    if cache.len() >= CACHE_BLOCKS {
        cache.clear();
    }
    cache.insert(key, spans.clone());
    Some(spans)
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
            }) if language_name(language).and_then(lexer).is_some() => {
                Some((language.as_str(), code.as_str()))
            }
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

/// Highlighted blocks by language and text.
type Cache = Mutex<HashMap<(&'static str, String), Arc<[Span]>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// The name of a fence's language, one for all its aliases; None for a language quire does not
/// know (`text`, `console` output, an unknown name).
fn language_name(language: &str) -> Option<&'static str> {
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

/// How a language's text becomes spans.
enum Lexer {
    /// A programming language's, by its table.
    Code(&'static code::Language),
    /// A markup or data format's own lexer (HTML, CSS, YAML...), each in its module.
    Format(fn(&str, &mut Vec<Span>)),
}

impl Lexer {
    fn spans(&self, text: &str, out: &mut Vec<Span>) {
        match self {
            Lexer::Code(language) => code::spans(language, text, out),
            Lexer::Format(lexer) => lexer(text, out),
        }
    }
}

/// The lexer of a language's name (as [`language_name`] gives it); None for the languages
/// quire sets plain.
fn lexer(name: &str) -> Option<Lexer> {
    let format: fn(&str, &mut Vec<Span>) = match name {
        "html" | "xml" => markup::spans,
        "css" => css::spans,
        "json" => json::spans,
        "yaml" => yaml::spans,
        "toml" => toml::spans,
        "ini" => toml::ini_spans,
        "md" => markdown::spans,
        "diff" => diff::spans,
        _ => return code_lexer(name),
    };
    Some(Lexer::Format(format))
}

/// The table lexer of a programming language's name.
fn code_lexer(name: &str) -> Option<Lexer> {
    use languages::*;
    let language = match name {
        "rs" => &RUST,
        "py" => &PYTHON,
        "js" => &JAVASCRIPT,
        "ts" => &TYPESCRIPT,
        "c" => &C,
        "cpp" => &CPP,
        "java" => &JAVA,
        "go" => &GO,
        "sh" => &SHELL,
        "sql" => &SQL,
        "rb" => &RUBY,
        "kt" => &KOTLIN,
        "swift" => &SWIFT,
        "cs" => &CSHARP,
        "php" => &PHP,
        "lua" => &LUA,
        "hs" => &HASKELL,
        "makefile" => &MAKEFILE,
        "dockerfile" => &DOCKERFILE,
        _ => return None,
    };
    Some(Lexer::Code(language))
}

/// `spans` with each run of blanks between two spans of one class taken into them: a blank's
/// colour shows nowhere, and the EPUB writes one element for `pub fn` or a comment's lines
/// instead of one for each word or line.
fn spaces_joined(spans: Vec<Span>, text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut spans = spans.into_iter().peekable();
    while let Some(span) = spans.next() {
        let blank = span.token == Token::Plain
            && text
                .get(span.range.clone())
                .is_some_and(|t| t.trim().is_empty());
        let joins = |next: Option<&Span>, last: Option<&Span>| matches!((last, next), (Some(l), Some(n)) if l.token == n.token);
        if blank && joins(spans.peek(), out.last()) {
            let next = spans.next().map(|n| n.range.end);
            if let (Some(last), Some(end)) = (out.last_mut(), next) {
                last.range.end = end;
            }
            continue;
        }
        out.push(span);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::lexer_tests::parts;
    use super::*;

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
        let spans = parts(
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
    fn every_language_of_the_issue_has_a_lexer() {
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
            ("sql", "SELECT a FROM t;"),
            ("toml", "key = \"v\""),
            ("yaml", "key: \"v\""),
            ("json", "{\"a\": 1}"),
            ("html", "<p class=\"a\">x</p>"),
            ("css", "p { color: red; }"),
            ("markdown", "# Title"),
            ("ini", "[section]"),
            ("diff", "+added"),
            ("xml", "<a/>"),
            ("ruby", "def f; end"),
            ("kotlin", "val a = 1"),
            ("swift", "let a = 1"),
            ("c#", "var a = 1;"),
            ("php", "echo 'a';"),
            ("lua", "local a = 1"),
            ("haskell", "main = print 1"),
            ("makefile", "all: a"),
            ("dockerfile", "FROM debian"),
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
    fn blanks_between_two_spans_of_a_class_join_them() {
        let code = "pub fn f() {\n    // a\n    // b\n}\n";
        let spans = parts("rust", code);
        assert_eq!(spans[0], ("pub fn".to_string(), Token::Keyword));
        // Blanks between spans of two classes stay plain.
        assert_eq!(spans[1], (" ".to_string(), Token::Plain));
        assert_eq!(spans[2], ("f".to_string(), Token::Function));
        assert_eq!(class_of(&spans, "// a\n    // b"), Token::Comment);
    }

    #[test]
    fn each_css_class_is_hl_and_the_class_name() {
        for token in Token::COLOURED.into_iter().chain([Token::Plain]) {
            assert_eq!(token.css_class(), format!("hl-{}", token.name()));
        }
    }

    #[test]
    fn unknown_languages_and_plain_text_are_not_highlighted() {
        assert!(highlight("text", "a b").is_none());
        assert!(highlight("klingon", "a b").is_none());
        assert!(language_name("console").is_none());
        assert_eq!(language_name("rust,ignore"), Some("rs"));
    }
}
