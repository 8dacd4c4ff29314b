//! The command line: exit statuses, located diagnostics, and the book loader end to end.

mod common;

use std::fs;

use common::{copy_dir, quire, repo_root, temp_dir};
use quire::Diagnostics;
use quire::model::{BlockKind, ChapterKind, Inline, LinkTarget};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A copy of the mini fixture book in a fresh folder, to break in a test.
fn mini_copy(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let src = repo_root().join("tests/fixtures/mini");
    copy_dir(&src, &dir);
    dir
}

/// A copy of the mini fixture whose book.toml is passed through `edit`, which must change it.
fn mini_with_toml(name: &str, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let dir = mini_copy(name);
    let path = dir.join("book.toml");
    let toml = fs::read_to_string(&path).unwrap();
    let edited = edit(&toml);
    assert_ne!(edited, toml, "the edit changes book.toml");
    fs::write(&path, edited).unwrap();
    dir
}

#[test]
fn check_passes_on_the_guide_and_writes_nothing() {
    let dir = temp_dir("check-guide");
    let book = repo_root().join("book");
    let out = quire(&dir, &["check", book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("11 chapters"));
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        0,
        "check wrote nothing"
    );
}

#[test]
fn an_unknown_key_exits_1_with_file_line_and_expected_keys() {
    let dir = mini_copy("unknown-key");
    let toml = fs::read_to_string(dir.join("book.toml")).unwrap();
    fs::write(
        dir.join("book.toml"),
        toml.replace("subtitle =", "colour = \"red\"\nsubtitle ="),
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("book.toml:3:1: error: unknown key 'colour' in [book]; expected one of: title, subtitle, authors"),
        "{err}"
    );
}

#[test]
fn a_toml_syntax_error_exits_1_located() {
    let dir = mini_copy("syntax-error");
    let toml = fs::read_to_string(dir.join("book.toml")).unwrap();
    fs::write(
        dir.join("book.toml"),
        toml.replace("title = \"A Small", "title = A Small"),
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("book.toml:2:9: error: TOML syntax error"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_chapter_file_exits_1_pointing_at_its_entry() {
    let dir = mini_copy("missing-chapter");
    fs::remove_file(dir.join("two.md")).unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("book.toml:21:8: error: chapter file 'two.md' not found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let dir = mini_copy("many-problems");
    fs::remove_file(dir.join("two.md")).unwrap();
    fs::write(
        dir.join("colophon.md"),
        "# Colophon\n\nA [broken](nowhere.md) link and ![x](images/none.png).\n",
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("two.md' not found"), "{err}");
    assert!(
        err.contains("colophon.md:3:3: error: link to 'nowhere.md'"),
        "{err}"
    );
    assert!(
        err.contains("colophon.md:3:33: error: image 'images/none.png' not found"),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn a_link_to_a_missing_anchor_is_located() {
    let dir = mini_copy("bad-anchor");
    fs::write(
        dir.join("colophon.md"),
        "# Colophon\n\nSee [terms](glossary.md#no-such-term).\n",
    )
    .unwrap();
    let out = quire(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("colophon.md:3:5: error: link to 'glossary.md#no-such-term': no heading with id 'no-such-term'"), "{err}");
    assert!(
        err.contains("hint: ids there:") && err.contains("terms"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = temp_dir("usage");
    assert_eq!(
        quire(&dir, &["pdf", "--paper", "b7"]).status.code(),
        Some(2)
    );
    assert_eq!(quire(&dir, &["transmogrify"]).status.code(), Some(2));
    assert_eq!(quire(&dir, &["--help"]).status.code(), Some(0));
}

#[test]
fn the_mini_book_loads_with_numbered_footnotes_resolved_links_and_images() {
    let mut diags = Diagnostics::new();
    let book =
        quire::load_book(&repo_root().join("tests/fixtures/mini"), &mut diags).expect("mini loads");
    assert!(diags.is_empty(), "{diags:?}");
    let kinds: Vec<ChapterKind> = book.chapters.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChapterKind::Front,
            ChapterKind::Chapter,
            ChapterKind::Chapter,
            ChapterKind::Appendix,
            ChapterKind::Back
        ]
    );
    assert_eq!(book.chapters[2].short_title, "Second");
    assert_eq!(book.chapters[1].footnotes.len(), 1);
    assert_eq!(book.chapters[1].footnotes[0].id, "fn-1");
    let cover = book.cover.as_ref().expect("cover");
    assert_eq!((cover.width, cover.height), (1400, 2100));
    assert_eq!(book.images.len(), 1);
    assert_eq!(book.images[0].path, "images/lab.png");
    let BlockKind::Figure(figure) = &book.chapters[2].blocks[1].kind else {
        panic!()
    };
    assert_eq!(figure.asset, Some(0));
    let BlockKind::Paragraph(inlines) = &book.chapters[2].blocks[2].kind else {
        panic!()
    };
    let targets: Vec<&LinkTarget> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        [
            &LinkTarget::Internal {
                chapter: 1,
                anchor: None
            },
            &LinkTarget::Internal {
                chapter: 1,
                anchor: Some("quotes-and-code".into())
            }
        ]
    );
}

#[test]
fn a_single_markdown_file_is_a_book_with_level_one_chapters() {
    let dir = temp_dir("single-file");
    fs::write(
        dir.join("notes.md"),
        "---\ntitle: Field Notes\nauthor: Ann\nlang: en-GB\n---\n\nOpening words.\n\n# First\n\nOne.[^a]\n\n# Second\n\nTwo, see [first](#first).\n\n[^a]: A note.\n",
    )
    .unwrap();
    let mut diags = Diagnostics::new();
    let book = quire::load_book(&dir.join("notes.md"), &mut diags).expect("loads");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(book.meta.title, "Field Notes");
    assert_eq!(book.meta.authors, ["Ann"]);
    assert_eq!(book.meta.language, "en-GB");
    let titles: Vec<String> = book.chapters.iter().map(|c| c.title_text()).collect();
    assert_eq!(titles, ["Field Notes", "First", "Second"]);
    assert_eq!(book.chapters[0].kind, ChapterKind::Front);
    assert_eq!(book.chapters[1].footnotes.len(), 1);
    let BlockKind::Paragraph(inlines) = &book.chapters[2].blocks[0].kind else {
        panic!()
    };
    assert!(inlines.iter().any(|i| matches!(i, Inline::Link { target: LinkTarget::Internal { chapter: 1, anchor: Some(a) }, .. } if a == "first")));
}

#[test]
fn a_single_file_without_front_matter_takes_its_first_heading_as_title() {
    let dir = temp_dir("single-file-heading");
    fs::write(dir.join("a.md"), "# Alpha\n\nText.\n\n# Beta\n\nMore.\n").unwrap();
    let out = quire(&dir, &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut diags = Diagnostics::new();
    let book = quire::load_book(&dir.join("a.md"), &mut diags).unwrap();
    assert_eq!(book.meta.title, "Alpha");
    assert_eq!(book.chapters.len(), 2);
}

/// Run quire in `dir` with `args`: its exit status, standard output and standard error.
fn quire_output(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = quire(dir, args);
    (out.status.code(), out.stdout.clone(), stderr(&out))
}

#[test]
fn with_no_book_argument_quire_uses_the_current_folder_when_it_holds_book_toml() {
    let dir = mini_copy("run-inside-book");
    let (code, _, err) = quire_output(&dir, &["check"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        err.lines().last(),
        Some("run-inside-book: 5 chapters, no errors, no warnings")
    );
    let (code, _, err) = quire_output(&dir, &["build"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(dir.join("dist/a-small-book-of-constructs.pdf").is_file());
    assert!(dir.join("dist/a-small-book-of-constructs.epub").is_file());
    // Elsewhere the default is book/.
    let empty = temp_dir("run-outside-book");
    let (code, _, err) = quire_output(&empty, &["check"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no book at 'book'"), "{err}");
    let (code, help, _) = quire_output(&empty, &["build", "--help"]);
    assert_eq!(code, Some(0));
    let help = String::from_utf8_lossy(&help);
    assert!(
        help.contains("the current folder when it holds book.toml"),
        "{help}"
    );
}

#[test]
fn dash_o_dash_writes_the_output_to_standard_output() {
    let dir = mini_copy("stdout-output");
    let (code, stdout, err) = quire_output(&dir, &["pdf", "-o", "-"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!dir.join("-").exists(), "no file named '-'");
    let (_, _, _) = quire_output(&dir, &["pdf", "-o", "file.pdf"]);
    assert_eq!(stdout, fs::read(dir.join("file.pdf")).unwrap());
    assert!(err.contains("wrote the PDF to standard output"), "{err}");
    let (code, stdout, _) = quire_output(&dir, &["epub", "--output", "-"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with(b"PK"));
}

#[test]
fn out_dir_and_dash_o_are_accepted_where_they_make_sense() {
    let dir = mini_copy("out-dir-flags");
    let (code, _, err) = quire_output(&dir, &["pdf", "--out-dir", "here"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(dir.join("here/a-small-book-of-constructs.pdf").is_file());
    let (code, _, err) = quire_output(&dir, &["build", "-o", "there"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(dir.join("there/a-small-book-of-constructs.epub").is_file());
    let (code, _, _) = quire_output(&dir, &["pdf", "-o", "a.pdf", "--out-dir", "x"]);
    assert_eq!(
        code,
        Some(2),
        "a file and a folder at once is a usage error"
    );
}

#[test]
fn paper_names_are_case_insensitive() {
    let dir = mini_copy("paper-case");
    let (code, upper, err) = quire_output(&dir, &["pdf", "--paper", "A4", "-o", "-"]);
    assert_eq!(code, Some(0), "{err}");
    let (_, lower, _) = quire_output(&dir, &["pdf", "--paper", "a4", "-o", "-"]);
    let (_, a5, _) = quire_output(&dir, &["pdf", "-o", "-"]);
    assert_eq!(upper, lower);
    assert_ne!(upper, a5);
}

#[test]
fn check_prints_its_verdict_last_with_plurals() {
    let dir = temp_dir("check-verdict");
    fs::write(dir.join("a.md"), "# Alpha\n\nText <q>bold</q>.\n").unwrap();
    let (code, _, err) = quire_output(&dir, &["check", "a.md"]);
    assert_eq!(code, Some(0), "{err}");
    let last = err.lines().last().unwrap();
    assert_eq!(last, "a.md: 1 chapter, no errors, 2 warnings", "{err}");
    assert!(err.find("warning:").unwrap() < err.find(last).unwrap());
}

#[test]
fn a_file_that_is_not_markdown_is_refused() {
    let dir = temp_dir("not-markdown");
    fs::write(dir.join("notes.txt"), "# Alpha\n\nText.\n").unwrap();
    let (code, _, err) = quire_output(&dir, &["check", "notes.txt"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("notes.txt: error: 'notes.txt' is not a Markdown file"),
        "{err}"
    );
    let book = mini_copy("book-toml-as-book");
    let (code, _, err) = quire_output(&book, &["check", "book.toml"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("give the folder that holds it"), "{err}");
}

#[test]
fn a_hint_lists_each_chapter_file_once() {
    let dir = temp_dir("hint-duplicates");
    fs::write(
        dir.join("a.md"),
        "# One\n\nSee [x](missing.md).\n\n# Two\n\nText.\n\n# Three\n\nText.\n",
    )
    .unwrap();
    let (code, _, err) = quire_output(&dir, &["check", "a.md"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("hint: chapters are: a.md;"), "{err}");
}

#[test]
fn a_diagnostic_quotes_its_source_line_with_a_caret_under_the_span() {
    let dir = mini_with_toml("caret-snippet", |t| {
        t.replace("subtitle =", "colour = \"red\"\nsubtitle =")
    });
    let (code, _, err) = quire_output(&dir, &["check", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("  |\n3 | colour = \"red\"\n  | ^^^^^^\n  = hint: "),
        "{err}"
    );
    // A Markdown warning: the caret stands under the raw HTML tag.
    fs::write(dir.join("a.md"), "# Alpha\n\nSome\tx <q>bold</q>.\n").unwrap();
    let (_, _, err) = quire_output(&dir, &["check", "a.md"]);
    assert!(
        err.contains("3 | Some    x <q>bold</q>.\n  |           ^^^\n"),
        "{err}"
    );
}

#[test]
fn diagnostics_have_no_colour_when_piped_or_with_no_color() {
    let dir = mini_copy("no-colour");
    fs::write(dir.join("a.md"), "# Alpha\n\nSome <q>bold</q>.\n").unwrap();
    let (_, _, piped) = quire_output(&dir, &["check", "a.md"]);
    assert!(piped.contains("warning:"), "{piped}");
    assert!(!piped.contains('\x1b'), "{piped:?}");
    let (_, _, forced) = quire_output(&dir, &["check", "a.md", "--color", "always"]);
    assert!(forced.contains("\x1b[1;33mwarning"), "{forced:?}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["check", "a.md"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\x1b'));
}

#[test]
fn message_format_json_prints_one_object_per_diagnostic() {
    let dir = mini_copy("json-diagnostics");
    fs::write(
        dir.join("a.md"),
        "# Alpha\n\nSome <q>\"bold\"</q>.\n\nSee [x](#nowhere).\n",
    )
    .unwrap();
    let (code, stdout, err) = quire_output(&dir, &["check", "a.md", "--message-format", "json"]);
    assert_eq!(code, Some(1), "{err}");
    let stdout = String::from_utf8(stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(
        lines[0],
        r#"{"file":"a.md","line":3,"column":6,"severity":"warning","message":"raw HTML `<q>` is not rendered; it is shown as literal text","hint":"write it in Markdown instead (raw HTML has no meaning in the PDF)"}"#
    );
    assert!(lines[2].contains(r#""severity":"error""#), "{stdout}");
    assert!(
        !err.contains("warning:"),
        "no human diagnostics as well: {err}"
    );
}

#[test]
fn three_book_toml_mistakes_are_reported_in_one_run() {
    let dir = mini_with_toml("three-mistakes", |t| {
        t.replacen("authors = [", "autors = [", 1)
            .replacen("subtitle = ", "subtitle = 7 # ", 1)
            .replacen("kind = \"appendix\"", "kind = \"appendx\"", 1)
    });
    let (code, _, err) = quire_output(&dir, &["check"]);
    assert_eq!(code, Some(1));
    assert!(
        err.starts_with("book.toml:3:12: error: wrong type"),
        "{err}"
    );
    assert!(
        err.contains("\nbook.toml:4:1: error: unknown key 'autors' in [book]"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean 'authors'?"), "{err}");
    assert!(err.contains("wrong type for 'subtitle' in [book]"), "{err}");
    assert!(err.contains("hint: write it as: subtitle = \"7\""), "{err}");
    assert!(err.contains("unknown value 'appendx' for 'kind'"), "{err}");
    assert!(err.contains("hint: did you mean 'appendix'?"), "{err}");
    assert!(err.contains("quire: 3 errors, no warnings"), "{err}");
}

#[test]
fn a_type_error_shows_the_right_form() {
    let dir = mini_with_toml("type-example", |t| {
        t.replace(
            "authors = [\"Ada Author\", \"Bo Writer\"]",
            "authors = \"Jane Newcomer\"",
        )
    });
    let (code, _, err) = quire_output(&dir, &["check"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("hint: write it as: authors = [\"Jane Newcomer\"]"),
        "{err}"
    );
}

#[test]
fn print_toml_problems_come_together_with_value_suggestions() {
    let dir = mini_with_toml("print-values", |t| {
        t.replacen("[book]", "[styles]\nprint = \"print.toml\"\n\n[book]", 1)
    });
    fs::write(
        dir.join("print.toml"),
        "[page]\npaper = \"A5\"\n\n[body]\nsize-pt = \"11\"\nleadin-pt = 14\n",
    )
    .unwrap();
    let (code, _, err) = quire_output(&dir, &["check"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("print.toml:2:9: error: unknown value 'A5'"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean 'a5'?"), "{err}");
    assert!(err.contains("hint: write it as: size-pt = 11"), "{err}");
    assert!(err.contains("hint: did you mean 'leading-pt'?"), "{err}");
}

#[test]
fn init_makes_a_book_that_builds_with_no_warnings() {
    let dir = temp_dir("init-new-book");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["init", "my-first-book"])
        .current_dir(&dir)
        .env("LC_ALL", "")
        .env("LANG", "fr_CA.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let book = dir.join("my-first-book");
    let toml = fs::read_to_string(book.join("book.toml")).unwrap();
    assert!(toml.contains("title = \"My First Book\""), "{toml}");
    assert!(toml.contains("language = \"fr-CA\""), "{toml}");
    assert!(toml.contains("identifier = \"urn:uuid:"), "{toml}");
    assert!(
        fs::read_to_string(book.join("README.md"))
            .unwrap()
            .contains("quire build")
    );
    let (code, _, err) = quire_output(&book, &["build", "--deny-warnings"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    // What the chapters show.
    let mut diags = Diagnostics::new();
    let loaded = quire::load_book(&book, &mut diags).unwrap();
    assert_eq!(loaded.chapters.len(), 2);
    let kinds: Vec<&BlockKind> = loaded
        .chapters
        .iter()
        .flat_map(|c| c.blocks.iter().map(|b| &b.kind))
        .collect();
    assert!(kinds.iter().any(|k| matches!(k, BlockKind::Figure(_))));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, BlockKind::CodeBlock { .. }))
    );
    assert!(kinds.iter().any(|k| matches!(k, BlockKind::List(_))));
    assert!(kinds.iter().any(|k| matches!(k, BlockKind::Heading(_))));
    assert_eq!(loaded.chapters[0].footnotes.len(), 1);
    // A second book in another folder gets another identifier, and --title wins.
    let (code, _, err) = quire_output(&dir, &["init", "other", "--title", "Chosen"]);
    assert_eq!(code, Some(0), "{err}");
    let other = fs::read_to_string(dir.join("other/book.toml")).unwrap();
    assert!(other.contains("title = \"Chosen\""));
    let id = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("identifier"))
            .unwrap()
            .to_string()
    };
    assert_ne!(id(&toml), id(&other));
}

#[test]
fn init_overwrites_nothing() {
    let dir = temp_dir("init-refuses");
    fs::write(dir.join("README.md"), "mine").unwrap();
    let (code, _, err) = quire_output(&dir, &["init"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("README.md: error: the file exists already"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(dir.join("README.md")).unwrap(), "mine");
    assert!(!dir.join("book.toml").exists(), "nothing written");
}
