//! Nothing the Markdown contains may panic, overflow the stack or hang: arbitrary Markdown goes
//! through the loader and both renderers (a modest case count keeps `cargo test` quick; the
//! fuzz target in `fuzz/` explores further).

mod common;

use proptest::prelude::*;
use quire::Diagnostics;

/// Pieces that exercise the parser's corners, mixed with arbitrary text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# ".to_string()),
        Just("## ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("> ".to_string()),
        Just("> [!NOTE]\n".to_string()),
        Just("    ".to_string()),
        Just("```\n".to_string()),
        Just("*".to_string()),
        Just("**".to_string()),
        Just("~~".to_string()),
        Just("`".to_string()),
        Just("[link](#x)".to_string()),
        Just("[web](https://example.com/a/b)".to_string()),
        Just("![img](missing.png)".to_string()),
        Just("[^n]".to_string()),
        Just("\n[^n]: note\n".to_string()),
        Just("| a | b |\n|---|:-:|\n| 1 | 2 |\n".to_string()),
        Just("Term\n: definition\n".to_string()),
        Just("<div>html</div>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("- [x] ".to_string()),
        Just("---\n".to_string()),
        Just("\\\n".to_string()),
        Just("supercalifragilisticexpialidocious".repeat(4)),
        Just("https://example.com/a/very/long/path/that/does/not/fit/on/any/line".to_string()),
        "[a-zA-Z ]{0,40}",
        "\\PC{0,12}",
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_markdown_never_panics(text in markdown()) {
        let dir = common::temp_dir(&format!("prop-{}", std::process::id()));
        let file = dir.join("book.md");
        std::fs::write(&file, &text).unwrap();
        let mut diags = Diagnostics::new();
        if let Ok(book) = quire::load_book(&file, &mut diags) {
            let _ = quire::render_pdf(&book, &quire::PdfOptions::default(), &mut diags);
            let _ = quire::render_epub(&book, &mut diags);
        }
    }
}

#[test]
fn pathological_nesting_does_not_overflow_the_stack() {
    let dir = common::temp_dir("deep-nesting");
    let deep_lists: String = (0..5000)
        .map(|i| format!("{}- x\n", "  ".repeat(i % 400)))
        .collect();
    let deep_quotes = ">".repeat(100_000) + " deep\n";
    let deep_emphasis = "*a ".repeat(20_000) + &"*".repeat(20_000);
    let deep_brackets = "[".repeat(50_000) + &"]".repeat(50_000);
    for (name, text) in [
        ("lists", deep_lists),
        ("quotes", deep_quotes),
        ("emphasis", deep_emphasis),
        ("brackets", deep_brackets),
    ] {
        let file = dir.join(format!("{name}.md"));
        std::fs::write(&file, format!("# Deep\n\n{text}")).unwrap();
        let mut diags = Diagnostics::new();
        let book = quire::load_book(&file, &mut diags);
        assert!(book.is_ok(), "{name}: {diags:?}");
    }
}

#[test]
fn empty_and_binary_files_are_errors_not_crashes() {
    let dir = common::temp_dir("junk");
    std::fs::write(dir.join("empty.md"), "").unwrap();
    std::fs::write(dir.join("junk.md"), [0u8, 159, 146, 150, 255, 0, 1, 2]).unwrap();
    let out = common::quire(&dir, &["check", "empty.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.md: error: the file is empty"));
    let out = common::quire(&dir, &["check", "junk.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("junk.md:1:2: error: the file is not valid UTF-8"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
