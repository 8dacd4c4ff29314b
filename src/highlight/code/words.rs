//! Words: keywords, constants, types, and the names of functions and types, told apart by the
//! language's lists and by what stands around a word.

use super::super::scan::{Escapes, Quote};
use super::{Interpolation, Language, Lexer, Words};
use crate::highlight::Token;

/// Whether `word` is in `list`, in any case if the language's keywords are.
fn listed(list: &[&str], word: &str, case_insensitive: bool) -> bool {
    // Lengths first: most words are no keyword, and a length differs sooner than letters.
    let mut candidates = list.iter().filter(|w| w.len() == word.len());
    if case_insensitive {
        candidates.any(|w| w.eq_ignore_ascii_case(word))
    } else {
        let first = word.as_bytes().first();
        candidates.any(|w| w.as_bytes().first() == first && *w == word)
    }
}

/// Whether `word` is in one of `lists`.
fn in_lists(lists: Words, word: &str, case_insensitive: bool) -> bool {
    lists
        .iter()
        .any(|list| listed(list, word, case_insensitive))
}

/// Whether `word` is written in capitals (`MAX_LEN`, `EOF`): at least two characters, a capital
/// among them and no small letter.
fn in_capitals(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && word.chars().any(|c| c.is_uppercase())
        && !word.chars().any(|c| c.is_lowercase())
}

impl Lexer<'_, '_, '_> {
    /// Reads a word (the cursor on its first character) and colours it.
    pub(super) fn word(&mut self) {
        let language: &Language = self.language;
        let start = self.cursor.pos;
        self.cursor.bump();
        self.cursor
            .take_while(|c| c.is_alphanumeric() || c == '_' || language.word_chars.contains(c));
        if let Some(c) = self.cursor.peek()
            && language.word_ends.contains(c)
            && self.cursor.peek2() != Some('=')
        {
            self.cursor.bump();
        }
        let word = self.cursor.slice(start..self.cursor.pos);
        let prefix = listed(language.string_prefixes, word, true);
        if prefix && (self.raw_hash_string(start, word) || self.string_at(start)) {
            self.next_name = None;
            return;
        }
        let token = self.classify(word);
        if token == Token::Function && self.language.habits.macros && self.cursor.starts_with("!") {
            self.cursor.bump();
        }
        self.emit(start..self.cursor.pos, token);
    }

    /// The class of `word`, the cursor just past it.
    fn classify(&mut self, word: &str) -> Token {
        let language = self.language;
        let ci = language.case_insensitive;
        let command = std::mem::replace(&mut self.command, false);
        if in_lists(language.keywords, word, ci) {
            self.next_name = if listed(language.function_definers, word, ci) {
                Some(Token::Function)
            } else if listed(language.type_definers, word, ci) {
                Some(Token::Type)
            } else {
                None
            };
            self.command = command && language.command_keywords.contains(&word);
            return Token::Keyword;
        }
        if let Some(token) = self.next_name.take() {
            // The name is the path's last word: `fmt::Display`, `M.new`.
            let path_goes_on = self.cursor.starts_with("::") || self.cursor.starts_with(".");
            if !path_goes_on {
                return token;
            }
            self.next_name = Some(token);
            return Token::Plain;
        }
        if listed(language.constants, word, ci) {
            return Token::Constant;
        }
        let next = self.cursor.peek();
        if command && next != Some('=') {
            return Token::Function;
        }
        if in_lists(language.types, word, ci) {
            return Token::Type;
        }
        let macro_call = language.habits.macros
            && next == Some('!')
            && !matches!(self.cursor.peek2(), Some('='));
        if macro_call {
            return Token::Function;
        }
        if language.capital_constants && in_capitals(word) {
            return Token::Constant;
        }
        if language.capitalised_types && word.starts_with(|c: char| c.is_uppercase()) {
            return Token::Type;
        }
        // A call, `f(…)`, or Rust's `f::<T>(…)`.
        if next == Some('(') || self.cursor.starts_with("::<") {
            return Token::Function;
        }
        let target = language.habits.targets
            && next == Some(':')
            && self.cursor.peek2() != Some('=')
            && self.word_opens_line(word);
        if target {
            return Token::Function;
        }
        Token::Plain
    }

    /// Whether `word`, just read, stands first on its line.
    fn word_opens_line(&self, word: &str) -> bool {
        let start = self.cursor.pos - word.len();
        self.cursor.slice(0..start).ends_with('\n') || start == 0
    }

    /// Rust's raw strings with hashes, `r#"…"#` (the cursor past the `r` or `br` that began at
    /// `from`); false if none opens here.
    fn raw_hash_string(&mut self, from: usize, prefix: &str) -> bool {
        if !self.language.habits.hashed_raw_strings || !prefix.ends_with('r') {
            return false;
        }
        let rest = self.cursor.rest();
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        if hashes == 0 || !rest[hashes..].starts_with('"') {
            return false;
        }
        let close = format!("\"{}", &rest[..hashes]);
        self.cursor.take_while(|c| c == '#');
        self.cursor.eat("\"");
        let quote = Quote {
            close: &close,
            escapes: Escapes::None,
            multiline: true,
        };
        self.string_body(from, &quote, Interpolation::None);
        true
    }
}
