//! The habits only some languages have: attributes and decorators, preprocessor lines, char
//! literals and lifetimes, variables after a `$`, Ruby's symbols.

use super::super::scan::{Escapes, Quote};
use super::Lexer;
use crate::highlight::Token;

/// Characters a char literal holds at most between its quotes, escapes included (`'\u{1F600}'`):
/// a `'` further from its partner opens no char literal.
const CHAR_LITERAL_CHARS: usize = 10;

/// Characters after which a `/` opens a regular expression rather than divides: an operator,
/// an opening bracket, a separator.
const BEFORE_REGEX: &str = "(,=:[!&|?{};+-*%<>~^";

/// Preprocessor directives whose argument in angle brackets names a file (`#include <stdio.h>`).
const FILE_DIRECTIVES: [&str; 3] = ["include", "import", "include_next"];

impl Lexer<'_, '_, '_> {
    /// Reads what one of the language's habits makes of the text at the cursor; false if none
    /// applies.
    pub(super) fn habit(&mut self) -> bool {
        let habits = &self.language.habits;
        let start = self.cursor.pos;
        let c = self.cursor.peek();
        let next = self.cursor.peek2();
        if habits.hash_attributes
            && (self.cursor.starts_with("#[") || self.cursor.starts_with("#!["))
        {
            self.bracketed_attribute();
        } else if habits.decorators && c == Some('@') && next.is_some_and(|n| self.is_word_start(n))
        {
            self.cursor.bump();
            self.cursor
                .take_while(|c| c.is_alphanumeric() || c == '_' || c == '.');
            self.emit(start..self.cursor.pos, Token::Attribute);
        } else if habits.preprocessor && c == Some('#') && self.cursor.at_line_start() {
            self.preprocessor_line();
        } else if c == Some('\'') && (habits.char_literals || habits.lifetimes) {
            return self.char_or_lifetime();
        } else if habits.dollar_variables && c == Some('$') {
            if self.cursor.starts_with("$((") {
                // Arithmetic, `$((…))`: no command within.
                self.cursor.eat("$((");
                self.emit(start..self.cursor.pos, Token::Constant);
                return true;
            }
            if next == Some('(') && habits.commands {
                // A command's output, `$(…)`: the command within is read as code.
                self.cursor.eat("$(");
                self.emit(start..self.cursor.pos, Token::Constant);
                self.command = true;
                return true;
            }
            self.dollar_variable();
        } else if habits.commands && self.cursor.starts_with("<<") {
            return self.heredoc_start();
        } else if habits.regex_literals && c == Some('/') && self.regex_may_start() {
            return self.regex_literal();
        } else if habits.symbols && c == Some(':') && self.is_symbol() {
            self.cursor.bump();
            let language = self.language;
            self.cursor
                .take_while(|c| c.is_alphanumeric() || c == '_' || language.word_ends.contains(c));
            self.emit(start..self.cursor.pos, Token::Constant);
        } else {
            return false;
        }
        true
    }

    /// Whether the `:` at the cursor opens a Ruby symbol (`:name`), not a `::` or `a ? b : c`.
    fn is_symbol(&self) -> bool {
        let opens_word = self.cursor.peek2().is_some_and(|c| self.is_word_start(c));
        let after_word = self
            .cursor
            .before()
            .is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '_');
        opens_word && !after_word
    }

    /// `#[…]` or `#![…]` to its matching `]`, as an attribute.
    fn bracketed_attribute(&mut self) {
        let start = self.cursor.pos;
        let mut depth = 0usize;
        while let Some(c) = self.cursor.peek() {
            self.cursor.bump();
            match c {
                '[' => depth += 1,
                ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        self.emit(start..self.cursor.pos, Token::Attribute);
    }

    /// A preprocessor line's `#directive`, as an attribute, and a file name in angle brackets
    /// after it as a string; the rest of the line is read as code.
    fn preprocessor_line(&mut self) {
        let start = self.cursor.pos;
        self.cursor.bump();
        self.cursor.take_while(|c| c == ' ' || c == '\t');
        let directive = self
            .cursor
            .take_while(|c| c.is_ascii_alphanumeric() || c == '_');
        let file = FILE_DIRECTIVES.contains(&self.cursor.slice(directive.clone()));
        self.emit(start..directive.end, Token::Attribute);
        if !file {
            return;
        }
        let spaces = self.cursor.take_while(|c| c == ' ' || c == '\t');
        self.emit(spaces, Token::Plain);
        if self.cursor.starts_with("<") {
            let name_start = self.cursor.pos;
            self.cursor.take_while(|c| c != '>' && c != '\n');
            self.cursor.eat(">");
            self.emit(name_start..self.cursor.pos, Token::String);
        }
    }

    /// A char literal (`'a'`, `'\n'`) as a string, or a Rust lifetime (`'a`) as a keyword; a
    /// lone `'` is left to the rest of the lexer.
    fn char_or_lifetime(&mut self) -> bool {
        let start = self.cursor.pos;
        let rest = &self.cursor.rest()[1..];
        let inside = if rest.starts_with('\\') {
            // An escape, to the quote that closes it.
            rest.char_indices()
                .skip(1)
                .take(CHAR_LITERAL_CHARS)
                .find(|&(_, c)| c == '\'' || c == '\n')
                .filter(|&(_, c)| c == '\'')
                .map(|(at, _)| at)
        } else {
            rest.chars()
                .next()
                .filter(|&c| c != '\n' && c != '\'')
                .filter(|c| rest[c.len_utf8()..].starts_with('\''))
                .map(char::len_utf8)
        };
        if inside.is_some() {
            self.cursor.bump();
            let quote = Quote {
                close: "'",
                escapes: Escapes::Coloured,
                multiline: false,
            };
            self.cursor
                .string(self.out, start, &quote, Token::String, |_| false);
            return true;
        }
        if self.language.habits.lifetimes && rest.starts_with(|c: char| self.is_word_start(c)) {
            self.cursor.bump();
            self.cursor.take_while(|c| c.is_alphanumeric() || c == '_');
            self.emit(start..self.cursor.pos, Token::Keyword);
            return true;
        }
        false
    }

    /// A here-document's `<<WORD` (`<<-WORD`, `<<'WORD'`), the cursor on its `<<`; its text
    /// starts on the next line. False for a here-string (`<<<`) or a `<<` with no word.
    fn heredoc_start(&mut self) -> bool {
        let rest = self.cursor.rest();
        let after = rest[2..].strip_prefix('-').unwrap_or(&rest[2..]);
        let quoted = after.trim_start_matches([' ', '\t', '\'', '"']);
        let word_len = quoted
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(quoted.len());
        if rest.starts_with("<<<") || word_len == 0 {
            return false;
        }
        let start = self.cursor.pos;
        let word_start = start + (rest.len() - quoted.len());
        self.heredoc = Some(self.cursor.slice(word_start..word_start + word_len));
        self.cursor
            .take_while(|c| !c.is_whitespace() && c != ';' && c != '|');
        self.emit(start..self.cursor.pos, Token::String);
        true
    }

    /// A here-document's text and its closing word (the cursor at its first line's start), as
    /// a string.
    pub(super) fn heredoc_body(&mut self) {
        let Some(word) = self.heredoc.take() else {
            return;
        };
        let start = self.cursor.pos;
        while !self.cursor.at_end() {
            let line = self.cursor.take_line();
            let closes = self.cursor.slice(line).trim_start_matches('\t') == word;
            if closes {
                break;
            }
            self.cursor.eat("\n");
        }
        self.emit(start..self.cursor.pos, Token::String);
    }

    /// Whether a `/` at the cursor may open a regular expression: what stands before it (spaces
    /// aside) is nothing, an operator, a bracket or `return`.
    fn regex_may_start(&self) -> bool {
        let before = self.cursor.slice(0..self.cursor.pos).trim_end();
        match before.chars().next_back() {
            None => true,
            Some(c) => BEFORE_REGEX.contains(c) || before.ends_with("return"),
        }
    }

    /// A regular expression literal, `/a[/]b\/c/gi`, as a string, if it closes on its line;
    /// false, the cursor unmoved, if not (the `/` divides).
    fn regex_literal(&mut self) -> bool {
        let rest = self.cursor.rest();
        let mut in_class = false;
        let mut escaped = false;
        let mut end = None;
        for (at, c) in rest.char_indices().skip(1) {
            match c {
                '\n' => break,
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => {
                    end = Some(at + 1);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            return false;
        };
        let start = self.cursor.pos;
        self.cursor.advance(end);
        self.cursor.take_while(|c| c.is_ascii_alphabetic());
        self.emit(start..self.cursor.pos, Token::String);
        true
    }
}
