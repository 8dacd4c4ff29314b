//! One lexer for every programming language quire highlights, driven by the language's
//! [`Language`] table (in `languages.rs`): its comments, strings, keywords, types, constants and
//! the few habits of its own (attributes, decorators, preprocessor lines, variables in shell).
//! It colours what a reader looks for, as highlight.js does: keywords, strings with their
//! escapes, comments, numbers, constants, the names of functions defined and called, types and
//! attributes; operators and punctuation stay plain.

use super::scan::{CODE_NUMBERS, Cursor, Escapes, Quote};
use super::{Span, Token, push};

/// What the lexer knows of a language.
pub(super) struct Language {
    /// Markers that open a comment running to the line's end (`//`, `#`, `--`).
    pub line_comments: &'static [&'static str],
    /// Whether a line comment opens only at a word's start (shell's `a#b` is one word).
    pub comment_at_word_start: bool,
    pub block_comments: &'static [BlockComment],
    /// The string kinds, the longest opening first (`"""` before `"`).
    pub strings: &'static [StringKind],
    /// Words that may stand right before a string's opening quote and belong to it (`f"…"`,
    /// `b'…'`, `u8"…"`); a prefix holding `r` or `R` makes the string raw.
    pub string_prefixes: &'static [&'static str],
    /// The keywords, in lists (a language may share another's and add its own).
    pub keywords: Words,
    /// Keywords after which a command starts (shell's `then`, `do`), with [`Habits::commands`].
    pub command_keywords: &'static [&'static str],
    /// Whether keywords are found whatever their case (SQL's `select` and `SELECT`).
    pub case_insensitive: bool,
    /// Keywords after which the next word names a function being defined (`fn`, `def`).
    pub function_definers: &'static [&'static str],
    /// Keywords after which the next word names a type being defined (`struct`, `class`).
    pub type_definers: &'static [&'static str],
    /// Built-in type names (`u32`, `int`, `String`), in lists as the keywords are.
    pub types: Words,
    /// Built-in constants (`true`, `None`, `nil`).
    pub constants: &'static [&'static str],
    /// Whether a capitalised word is a type's name (`Vec`, `Path`): the language's style says so.
    pub capitalised_types: bool,
    /// Whether a word in capitals (`MAX_LEN`) is a constant's name.
    pub capital_constants: bool,
    /// Characters that may also start a word (`$` in JavaScript, `@` in Ruby).
    pub word_starts: &'static str,
    /// Characters that may also continue a word (`$` in JavaScript, `-` in shell's `apt-get`).
    pub word_chars: &'static str,
    /// Characters that may end a word (Ruby's `empty?`, `save!`).
    pub word_ends: &'static str,
    pub habits: Habits,
}

/// Lists of words.
pub(super) type Words = &'static [&'static [&'static str]];

/// The habits a few languages have, each off by default.
pub(super) struct Habits {
    /// Rust's `#[derive(…)]` and `#![…]` attributes.
    pub hash_attributes: bool,
    /// `@decorator`, `@Override`: an attribute.
    pub decorators: bool,
    /// C's `#include <stdio.h>`, `#define`: a preprocessor line.
    pub preprocessor: bool,
    /// Rust's lifetimes (`'a`) besides char literals (`'a'`).
    pub lifetimes: bool,
    /// Rust's raw strings with hashes, `r#"…"#`, which may hold quotes.
    pub hashed_raw_strings: bool,
    /// `'x'` and `'\n'` are char literals (C, Java, Go, Haskell): `'` opens no string.
    pub char_literals: bool,
    /// A string prefixed with `f` holds code in braces (Python's f-strings).
    pub format_strings: bool,
    /// `/…/flags` after an operator is a regular expression (JavaScript), coloured as a string.
    pub regex_literals: bool,
    /// Rust's macros: `name!` is a function's name.
    pub macros: bool,
    /// `$VAR`, `${…}` and `$(…)` are variables (shell, Makefile, Dockerfile).
    pub dollar_variables: bool,
    /// A command's first word is a function's name (shell).
    pub commands: bool,
    /// Ruby's `:symbol` is a constant.
    pub symbols: bool,
    /// A line's first word followed by `:` is a function's name (a Makefile's targets).
    pub targets: bool,
}

/// A comment between two markers.
pub(super) struct BlockComment {
    pub open: &'static str,
    pub close: &'static str,
    /// Whether comments nest (Rust, Haskell, Swift): `/* a /* b */ c */` is one.
    pub nests: bool,
}

/// A kind of string literal.
pub(super) struct StringKind {
    pub open: &'static str,
    pub close: &'static str,
    pub escapes: Escapes,
    pub multiline: bool,
    pub interpolation: Interpolation,
}

/// What a string may hold besides text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Interpolation {
    None,
    /// Code between `open` and `close` (JavaScript's `${…}`, Ruby's `#{…}`, Swift's `\(…)`),
    /// read as code, its markers coloured as constants.
    Code {
        open: &'static str,
        close: char,
    },
    /// `$NAME` and `${…}` (shell, Kotlin, PHP), coloured as constants.
    Variables,
}

/// The code in a Python f-string or a C# `$"…"`: `{value}`.
pub(super) const FORMAT_FIELD: Interpolation = Interpolation::Code {
    open: "{",
    close: '}',
};

/// Whether the cursor stands on a doubled `{` (either of `{{`), which a format string reads as
/// one brace of text, not as code.
fn doubled_brace(cursor: &Cursor, open: &str) -> bool {
    open == "{" && (cursor.starts_with("{{") || cursor.before() == Some('{'))
}

/// How deep strings within interpolations within strings are read as code; deeper ones are
/// string text, so that no text nests the lexer without end. Real code nests two or three.
const MAX_NESTING: usize = 8;

/// Appends the spans of `code` in `language` to `out`.
pub(super) fn spans(language: &Language, code: &str, out: &mut Vec<Span>) {
    let mut lexer = Lexer {
        language,
        cursor: Cursor::new(code),
        out,
        next_name: None,
        command: language.habits.commands,
        depth: 0,
        heredoc: None,
    };
    lexer.run(None);
}

struct Lexer<'l, 't, 'o> {
    language: &'l Language,
    cursor: Cursor<'t>,
    out: &'o mut Vec<Span>,
    /// The class of the next word, after a keyword that defines a name (`fn`, `class`).
    next_name: Option<Token>,
    /// Whether the next word starts a command (shell).
    command: bool,
    /// How many interpolations the cursor is in.
    depth: usize,
    /// The word that ends a here-document opened on the cursor's line (shell's `<<EOF`).
    heredoc: Option<&'t str>,
}

/// Bracket characters around an interpolation's code.
struct Brackets {
    open: char,
    close: char,
}

impl Lexer<'_, '_, '_> {
    /// Reads code to the end of the text or, within an interpolation, to its unmatched close.
    fn run(&mut self, until: Option<Brackets>) {
        let mut open_brackets = 0usize;
        while let Some(c) = self.cursor.peek() {
            if let Some(brackets) = &until {
                if c == brackets.close && open_brackets == 0 {
                    return;
                }
                if c == brackets.open {
                    open_brackets += 1;
                } else if c == brackets.close {
                    open_brackets -= 1;
                }
            }
            self.step(c);
        }
    }

    fn emit(&mut self, range: std::ops::Range<usize>, token: Token) {
        push(self.out, range, token);
    }

    /// Reads one token, `c` its first character.
    fn step(&mut self, c: char) {
        let start = self.cursor.pos;
        if c == '\n' {
            self.cursor.bump();
            self.emit(start..self.cursor.pos, Token::Plain);
            self.command = self.language.habits.commands;
            if self.heredoc.is_some() {
                self.heredoc_body();
            }
            return;
        }
        if c.is_whitespace() {
            let spaces = self.cursor.take_while(|c| c.is_whitespace() && c != '\n');
            self.emit(spaces, Token::Plain);
            return;
        }
        if self.comment() || self.habit() || self.string_at(start) {
            self.next_name = None;
            return;
        }
        if let Some(number) = self.cursor.take_number(&CODE_NUMBERS) {
            self.next_name = None;
            self.command = false;
            self.emit(number, Token::Number);
            return;
        }
        if self.is_word_start(c) {
            self.word();
            return;
        }
        self.cursor.bump();
        self.emit(start..self.cursor.pos, Token::Plain);
        // A name being defined may be a path: `impl fmt::Display`, Lua's `function M.new`.
        if c != '.' && c != ':' {
            self.next_name = None;
        }
        if self.language.habits.commands {
            self.command = matches!(c, '|' | ';' | '&' | '(' | '`' | '{');
        }
    }

    fn is_word_start(&self, c: char) -> bool {
        c.is_alphabetic() || c == '_' || self.language.word_starts.contains(c)
    }

    /// A line or block comment, if one opens here.
    fn comment(&mut self) -> bool {
        let start = self.cursor.pos;
        for block in self.language.block_comments {
            if self.cursor.starts_with(block.open) {
                self.block_comment(block);
                self.emit(start..self.cursor.pos, Token::Comment);
                return true;
            }
        }
        let language = self.language;
        if !language
            .line_comments
            .iter()
            .any(|m| self.cursor.starts_with(m))
        {
            return false;
        }
        if language.comment_at_word_start
            && self.cursor.before().is_some_and(|c| !c.is_whitespace())
        {
            return false;
        }
        let line = self.cursor.take_line();
        self.emit(start..line.end, Token::Comment);
        true
    }

    /// Moves past a block comment (the cursor on its opening), nested ones within it if the
    /// language nests them.
    fn block_comment(&mut self, block: &BlockComment) {
        self.cursor.eat(block.open);
        if !block.nests {
            self.cursor.take_through(block.close);
            return;
        }
        let mut depth = 1usize;
        while !self.cursor.at_end() {
            if self.cursor.eat(block.close) {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            } else if block.nests && self.cursor.eat(block.open) {
                depth += 1;
            } else {
                self.cursor.bump();
            }
        }
    }

    /// A string of one of the language's kinds, if one opens at the cursor; its prefix (`f`,
    /// `b`), already read, began at `from`.
    fn string_at(&mut self, from: usize) -> bool {
        let Some(kind) = self
            .language
            .strings
            .iter()
            .find(|kind| self.cursor.starts_with(kind.open))
        else {
            return false;
        };
        let prefix = self.cursor.slice(from..self.cursor.pos);
        let raw = prefix.contains(['r', 'R']);
        let format = self.language.habits.format_strings && prefix.contains(['f', 'F']);
        let interpolation = match kind.interpolation {
            Interpolation::None if format => FORMAT_FIELD,
            interpolation => interpolation,
        };
        self.cursor.eat(kind.open);
        self.command = false;
        let quote = Quote {
            close: kind.close,
            escapes: match kind.escapes {
                Escapes::Coloured if raw => Escapes::Kept,
                escapes => escapes,
            },
            multiline: kind.multiline,
        };
        self.string_body(from, &quote, interpolation);
        true
    }

    /// The inside of a string, with what it interpolates.
    fn string_body(&mut self, from: usize, quote: &Quote, interpolation: Interpolation) {
        let nested = self.depth < MAX_NESTING;
        let pause = |cursor: &Cursor| match interpolation {
            Interpolation::None => false,
            Interpolation::Code { open, .. } => {
                nested && cursor.starts_with(open) && !doubled_brace(cursor, open)
            }
            Interpolation::Variables => {
                cursor.starts_with("$")
                    && cursor
                        .peek2()
                        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '{' || c == '(')
            }
        };
        let mut from = from;
        while self
            .cursor
            .string(self.out, from, quote, Token::String, pause)
        {
            match interpolation {
                Interpolation::Code { open, close } => self.interpolated_code(open, close),
                _ => self.dollar_variable(),
            }
            from = self.cursor.pos;
        }
    }

    /// Code within a string (the cursor on its opening marker), read as code.
    fn interpolated_code(&mut self, open: &str, close: char) {
        let start = self.cursor.pos;
        self.cursor.eat(open);
        self.emit(start..self.cursor.pos, Token::Constant);
        let open_char = open.chars().next_back().unwrap_or(close);
        self.depth += 1;
        let saved = self.next_name.take();
        self.run(Some(Brackets {
            open: open_char,
            close,
        }));
        self.next_name = saved;
        self.depth -= 1;
        let end = self.cursor.pos;
        if self.cursor.peek() == Some(close) {
            self.cursor.bump();
        }
        self.emit(end..self.cursor.pos, Token::Constant);
    }

    /// `$NAME`, `$1`, `$@`, `${…}` or `$(…)` (the cursor on the `$`), coloured as a constant.
    fn dollar_variable(&mut self) {
        let start = self.cursor.pos;
        self.cursor.bump();
        match self.cursor.peek() {
            Some('{') => {
                self.cursor.take_while(|c| c != '}' && c != '\n');
                self.cursor.eat("}");
            }
            Some('(') => {
                self.cursor.take_while(|c| c != ')' && c != '\n');
                self.cursor.eat(")");
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.cursor.take_while(|c| c.is_alphanumeric() || c == '_');
            }
            // Positional and special parameters; Makefile's automatic variables (`$<`, `$^`).
            Some(c) if c.is_ascii_digit() || "@#?$!*-<^+%".contains(c) => {
                self.cursor.bump();
            }
            _ => {}
        }
        self.emit(start..self.cursor.pos, Token::Constant);
    }
}

mod habits;
#[cfg(test)]
mod tests;
mod words;
