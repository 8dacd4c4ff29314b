//! What the code lexer colours, language family by language family, and that no text breaks it.

use crate::highlight::lexer_tests::{as_read, assert_well_formed, parts};
use crate::highlight::{Token, highlight};

/// Asserts that `code` in `language` has a span of exactly `text` with class `token`; for
/// [`Token::Plain`], which has no span of its own where blanks join others, see [`within`].
fn has(language: &str, code: &str, text: &str, token: Token) {
    if token == Token::Plain {
        return within(language, code, text, Token::Plain);
    }
    let parts = parts(language, code);
    assert!(
        parts.iter().any(|(t, k)| t == text && *k == token),
        "{language}: no {token:?} span {text:?} in {parts:?}"
    );
}

/// Asserts that `text` (its first occurrence in `code`) lies in spans of class `token` only.
fn within(language: &str, code: &str, text: &str, token: Token) {
    let read = as_read(code);
    let at = read.find(text).expect("the text is in the code");
    let spans = highlight(language, code).expect("a lexer");
    let other = spans
        .iter()
        .filter(|s| s.range.start < at + text.len() && s.range.end > at)
        .find(|s| s.token != token);
    assert!(
        other.is_none(),
        "{language}: {text:?} not {token:?}: {other:?}"
    );
}

#[test]
fn keywords_are_found_and_sql_finds_them_in_any_case() {
    has("rust", "pub fn f() {}", "pub fn", Token::Keyword);
    has("python", "return x", "return", Token::Keyword);
    has("go", "for i := range xs {}", "range", Token::Keyword);
    has("sql", "select a from t", "select", Token::Keyword);
    has("sql", "SELECT a FROM t", "FROM", Token::Keyword);
    has("sql", "Select a From t", "Select", Token::Keyword);
    // A keyword within a word is no keyword.
    has("rust", "let format = 1;", "format", Token::Plain);
}

#[test]
fn strings_hold_their_quotes_and_colour_their_escapes() {
    has("rust", r#"let s = "a\nb";"#, "\"a", Token::String);
    has("rust", r#"let s = "a\nb";"#, "\\n", Token::Constant);
    has("c", r#"printf("%d\x41");"#, "\\x41", Token::Constant);
    has("javascript", "f('it\\'s')", "\\'", Token::Constant);
    // Single quotes in SQL double to hold a quote: one string.
    has("sql", "SELECT 'it''s'", "'it''s'", Token::String);
}

#[test]
fn line_and_block_comments_run_to_their_ends_over_lines() {
    has("rust", "x // note\ny", "// note", Token::Comment);
    has("c", "a /* one\ntwo */ b", "/* one\ntwo */", Token::Comment);
    // Rust's and Haskell's block comments nest.
    has(
        "rust",
        "/* a /* b */ c */ x",
        "/* a /* b */ c */",
        Token::Comment,
    );
    has(
        "haskell",
        "{- a {- b -} c -} x",
        "{- a {- b -} c -}",
        Token::Comment,
    );
    has("python", "x = 1  # why", "# why", Token::Comment);
    has("sql", "-- why\nSELECT", "-- why", Token::Comment);
    has("lua", "--[[ a\nb ]] x", "--[[ a\nb ]]", Token::Comment);
    // In shell, `#` opens a comment only at a word's start.
    has("sh", "echo a#b # c", "# c", Token::Comment);
    has("sh", "echo a#b # c", "a#b", Token::Plain);
}

#[test]
fn numbers_have_their_radix_fraction_and_suffix() {
    has("rust", "let n = 0xFF_u8 + 1_000;", "0xFF_u8", Token::Number);
    has("rust", "let n = 1_000;", "1_000", Token::Number);
    has("python", "x = 2.5e-3", "2.5e-3", Token::Number);
    // A digit within a name is part of the name.
    has("c", "int x2 = 3;", "x2", Token::Plain);
}

#[test]
fn functions_defined_and_called_are_named() {
    has("rust", "fn area(r: f64) {}", "area", Token::Function);
    has("python", "def load(path):", "load", Token::Function);
    has("go", "func Add(a int) {}", "Add", Token::Function);
    has(
        "javascript",
        "function render(x) {}",
        "render",
        Token::Function,
    );
    has("javascript", "items.map(f)", "map", Token::Function);
    has("rust", "println!(\"{x}\")", "println!", Token::Function);
    has("rust", "x.sum::<f64>()", "sum", Token::Function);
    has("kotlin", "fun main() {}", "main", Token::Function);
}

#[test]
fn types_come_from_definitions_lists_and_capitals() {
    has("rust", "struct point { x: u32 }", "point", Token::Type);
    has("rust", "struct Point { x: u32 }", "u32", Token::Type);
    has(
        "rust",
        "let v: Vec<String> = Vec::new();",
        "Vec",
        Token::Type,
    );
    has("python", "class reader:", "reader", Token::Type);
    has("typescript", "let n: number = 1;", "number", Token::Type);
    has("go", "type rack struct {}", "rack", Token::Type);
    has("java", "List<String> xs;", "List", Token::Type);
    // Go's capitals mark what a package exports, not types.
    has("go", "x := ErrFull", "ErrFull", Token::Plain);
}

#[test]
fn constants_and_names_in_capitals_are_constants() {
    has("rust", "let b = true;", "true", Token::Constant);
    has("python", "return None", "None", Token::Constant);
    has("javascript", "x = null", "null", Token::Constant);
    has(
        "rust",
        "const MAX_LEN: usize = 3;",
        "MAX_LEN",
        Token::Constant,
    );
    has("ruby", "x = :name", ":name", Token::Constant);
}

#[test]
fn attributes_decorators_and_preprocessor_lines_are_attributes() {
    has(
        "rust",
        "#[derive(Debug)]\nstruct A;",
        "#[derive(Debug)]",
        Token::Attribute,
    );
    has(
        "rust",
        "#![allow(dead_code)]",
        "#![allow(dead_code)]",
        Token::Attribute,
    );
    has(
        "python",
        "@functools.cache\ndef f(): pass",
        "@functools.cache",
        Token::Attribute,
    );
    has(
        "java",
        "@Override\nvoid f() {}",
        "@Override",
        Token::Attribute,
    );
    has("c", "#include <stdio.h>", "#include", Token::Attribute);
    has("c", "#include <stdio.h>", "<stdio.h>", Token::String);
    has("cpp", "  #define N 3", "#define", Token::Attribute);
    // A `#` within a line of C is no directive.
    has("c", "a # b", "# b", Token::Plain);
}

#[test]
fn rust_tells_lifetimes_from_char_literals() {
    has("rust", "fn f<'a>(x: &'a str) {}", "'a", Token::Keyword);
    has("rust", "let c = 'a';", "'a'", Token::String);
    has("rust", "let c = '\\n';", "\\n", Token::Constant);
    has("rust", "let c = 'é';", "'é'", Token::String);
    has("rust", "'outer: loop {}", "'outer", Token::Keyword);
}

#[test]
fn raw_strings_keep_backslashes_and_quotes_their_hashes_allow() {
    has(
        "rust",
        r##"let s = r#"a "b" \n"#;"##,
        r##"r#"a "b" \n"#"##,
        Token::String,
    );
    has("rust", r#"let s = r"\d+";"#, r#"r"\d+""#, Token::String);
    has("rust", r#"let s = b"ab";"#, r#"b"ab""#, Token::String);
    has("python", r#"p = r"\d\"x""#, r#"r"\d\"x""#, Token::String);
    has("go", "s := `a\\n\nb`", "`a\\n\nb`", Token::String);
    has("sh", r"echo 'a\n$HOME'", r"'a\n$HOME'", Token::String);
}

#[test]
fn python_triple_quoted_strings_run_over_lines() {
    let code = "s = \"\"\"one\n'two' \"three\"\n\"\"\"\nx = 1";
    has(
        "python",
        code,
        "\"\"\"one\n'two' \"three\"\n\"\"\"",
        Token::String,
    );
    has("python", code, "1", Token::Number);
    // An f-string's fields are code; doubled braces are text.
    let code = "f'{n + 1} {{x}}'";
    has("python", code, "f'", Token::String);
    has("python", code, "1", Token::Number);
    within("python", code, " {{x}}'", Token::String);
    within("python", "'{n + 1}'", "'{n + 1}'", Token::String);
}

#[test]
fn javascript_tells_regular_expressions_from_division() {
    let code = "const re = /[/\"]+\\/x/gi; let half = a / 2 / b;";
    has("javascript", code, "/[/\"]+\\/x/gi", Token::String);
    within("javascript", code, "a / ", Token::Plain);
    within("javascript", code, " / b", Token::Plain);
    has("javascript", code, "2", Token::Number);
    has("typescript", "if (/^a/.test(s)) {}", "/^a/", Token::String);
    // A `/` with no close on its line divides.
    within("javascript", "x = (a\n/ b)", "/ b", Token::Plain);
}

#[test]
fn template_literals_leave_their_code_readable() {
    let code = "`sum: ${add(a, 1)} done`";
    has("javascript", code, "`sum: ", Token::String);
    has("javascript", code, "${", Token::Constant);
    has("javascript", code, "add", Token::Function);
    has("javascript", code, "1", Token::Number);
    has("javascript", code, " done`", Token::String);
    // Braces within the code do not end it, nor does a string holding one.
    let nested = "`${ {a: '}'}.a } x`";
    has("javascript", nested, "'}'", Token::String);
    has("javascript", nested, " x`", Token::String);
    has("ruby", "\"hi #{name}\"", "#{", Token::Constant);
    has("swift", "\"hi \\(name)\"", "\\(", Token::Constant);
}

#[test]
fn shell_variables_are_found_inside_double_quotes_only() {
    let code = "echo \"home: $HOME ${USER:-x} $(date)\" '$NOT'";
    has("sh", code, "$HOME", Token::Constant);
    has("sh", code, "${USER:-x}", Token::Constant);
    has("sh", code, "$(date)", Token::Constant);
    within("sh", code, "'$NOT'", Token::String);
    has("sh", "cp $SRC /tmp", "$SRC", Token::Constant);
    // A command's first word names it; an assignment's does not.
    has(
        "sh",
        "set -e\nif true; then rm -f x; fi",
        "rm",
        Token::Function,
    );
    has("sh", "NAME=value", "NAME", Token::Plain);
    has(
        "makefile",
        "all: build\n\t$(CC) -o $@",
        "all",
        Token::Function,
    );
    has(
        "makefile",
        "all: build\n\t$(CC) -o $@",
        "$(CC)",
        Token::Constant,
    );
    has(
        "dockerfile",
        "FROM rust:1\nRUN cargo build",
        "RUN",
        Token::Keyword,
    );
}

#[test]
fn a_here_document_is_a_string_to_its_closing_word() {
    let code = "cat <<-'END' | wc\n\techo $x\n\tEND\nls";
    has("sh", code, "<<-'END'", Token::String);
    has("sh", code, "wc", Token::Function);
    has("sh", code, "\techo $x\n\tEND", Token::String);
    has("sh", code, "ls", Token::Function);
    // A here-string is no here-document.
    has("sh", "cat <<< $x", "$x", Token::Constant);
}

#[test]
fn verbatim_and_interpolated_strings_of_c_sharp_and_swift() {
    has("c#", r#"var p = @"C:\new";"#, r#"@"C:\new""#, Token::String);
    has("c#", r#"$"n: {n + 1}""#, "1", Token::Number);
    has("swift", r#""n: \(count(xs))""#, "\\(", Token::Constant);
    has("swift", r#""n: \(count(xs))""#, "count", Token::Function);
    // A name being defined may be a path: its last word is the name.
    has("lua", "function M.new(x) end", "new", Token::Function);
    has("lua", "function M.new(x) end", "M", Token::Plain);
}

/// Every language name the lexer answers to.
const NAMES: [&str; 19] = [
    "rust",
    "python",
    "javascript",
    "typescript",
    "c",
    "cpp",
    "java",
    "go",
    "sh",
    "sql",
    "ruby",
    "kotlin",
    "swift",
    "csharp",
    "php",
    "lua",
    "haskell",
    "makefile",
    "dockerfile",
];

/// Texts that end in the middle of something, or hold what a lexer may trip on.
const AWKWARD: [&str; 27] = [
    "",
    "\n",
    "\n\n\n",
    "\"unterminated",
    "'",
    "'a",
    "`${",
    "`${`${`${",
    "/* open",
    "{- open",
    "--[[ open",
    "\\",
    "\"\\",
    "'\\",
    "r#\"raw",
    "r###",
    "#[attr",
    "#include <",
    "@",
    "$",
    "${",
    "0x",
    "1e",
    "cat <<",
    "cat <<'E",
    "<<E\nx",
    "héllo wörld 名前 = \"🎉\" // ✓",
];

/// A sample of a bit of everything, cut at every character boundary.
const MIXED: &str = "fn f<'a>(x: &'a str) -> u8 { /* é */ let s = r#\"q\"#; `${a}` \
    'c' \"\\u{1F600}🎉\" 0x1F # @d $V ${W} #{x} \\(y) \"\"\"t\"\"\" -- z <<E\nb\nE\n x = /r[/]e/g; f'{x}{{' }";

#[test]
fn no_text_breaks_the_lexer_of_any_language() {
    let cuts: Vec<&str> = MIXED
        .char_indices()
        .map(|(at, _)| &MIXED[..at])
        .chain([MIXED])
        .collect();
    for language in NAMES {
        for code in AWKWARD.iter().chain(cuts.iter()) {
            let spans = highlight(language, code).expect(language);
            assert_well_formed(language, &as_read(code), &spans);
        }
    }
}

/// Interpolations opened within interpolations, deeper than a stack holds lexers.
const DEEP_OPENINGS: usize = 5_000;

#[test]
fn interpolations_nested_without_end_do_not_overflow_the_stack() {
    for opening in ["`${", "\"#{", "\"\\(", "\"${"] {
        let deep = opening.repeat(DEEP_OPENINGS);
        for language in NAMES {
            let spans = highlight(language, &deep).expect(language);
            assert_well_formed(language, &as_read(&deep), &spans);
        }
    }
}
