//! The `authors` fixture (tests/fixtures/authors/): a French book with a German chapter, a
//! paragraph of Chinese, one of Arabic and emoji, set with the fallback faces its print style
//! names. One load and one layout of it serve every check here; the checks by poppler,
//! EPUBCheck and veraPDF are in tests/validators/authors.rs.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

use quire::{Diagnostics, PdfOptions};

mod common;

/// Highlighted code, figures and SVG, on the same build of the fixture.
#[path = "authors/code.rs"]
mod code;

/// The fixture loaded, laid out and packaged once: its layout dump, EPUB files and warnings.
struct Built {
    pdf: Vec<u8>,
    dump: String,
    epub: BTreeMap<String, Vec<u8>>,
    /// The EPUB as its archive.
    epub_bytes: Vec<u8>,
    diagnostics: Vec<String>,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut diags = Diagnostics::new();
        let root = common::repo_root().join("tests/fixtures/authors");
        let book = quire::load_book(&root, &mut diags).expect("the fixture loads");
        let pdf = quire::render_pdf(&book, &PdfOptions::default(), &mut diags).expect("a PDF");
        let dump = quire::layout_dump(&book, &PdfOptions::default(), &mut diags).expect("a dump");
        let epub =
            quire::render_epub_for_print(&book, &pdf.print_pages, &mut diags).expect("an EPUB");
        let diagnostics = diags.items().iter().map(|d| d.to_string()).collect();
        Built {
            pdf: pdf.bytes.clone(),
            dump,
            epub: unzip(&epub),
            epub_bytes: epub,
            diagnostics,
        }
    })
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut out = Vec::new();
            file.read_to_end(&mut out).expect("readable");
            (file.name().to_string(), out)
        })
        .collect()
}

/// The text of the dump's runs, in order.
fn runs(dump: &str) -> Vec<&str> {
    dump.lines()
        .filter_map(|row| {
            let start = row.find(" \"")? + 2;
            row.get(start..row.len().checked_sub(1)?)
        })
        .collect()
}

fn text(name: &str) -> String {
    let bytes = built()
        .epub
        .get(name)
        .unwrap_or_else(|| panic!("{name} in the EPUB"));
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

#[test]
fn the_fixture_builds_with_no_warning_and_says_which_languages_have_no_patterns() {
    let found = &built().diagnostics;
    assert!(
        found.iter().all(|d| d.contains("note:")),
        "only notes: {found:?}"
    );
    for lang in ["'zh'", "'ar'"] {
        let notes = found.iter().filter(|d| d.contains(lang)).count();
        assert_eq!(notes, 1, "{lang} once: {found:?}");
    }
    assert!(
        !found
            .iter()
            .any(|d| d.contains("'de'") || d.contains("'fr'"))
    );
}

#[test]
fn the_generated_text_is_french_and_a_string_of_book_toml_replaces_its_own() {
    let runs = runs(&built().dump);
    for expected in [
        "Chapitre 1",
        "Chapitre 3",
        "Table des matières",
        "par Camille Auteur",
    ] {
        assert!(runs.contains(&expected), "{expected}: {runs:?}");
    }
    assert!(
        runs.iter()
            .any(|r| r.starts_with("Publié par Éditions Quire, Lyon"))
    );
    // The colophon (two lines) and its list of typefaces are French ("A, B et C").
    let at = runs
        .iter()
        .position(|r| r.starts_with("Composé avec quire en "));
    let colophon = at.map(|i| runs[i..i + 2].concat()).unwrap_or_default();
    assert!(
        colophon.contains(" et Symbola.") && !colophon.contains(" and "),
        "{colophon}"
    );
    assert!(
        !runs
            .iter()
            .any(|r| r.contains("Chapter") || *r == "Contents")
    );
    let chapter = text("OEBPS/le-laboratoire-danalyses.xhtml");
    assert!(chapter.contains(">Chapitre 4</span>"), "{chapter}");
    let nav = text("OEBPS/nav.xhtml");
    assert!(nav.contains("Table des matières") && nav.contains("<h2>Repères</h2>"));
}

/// `text` as the layout dump writes it: no-break spaces escaped.
fn as_dumped(text: &str) -> String {
    text.replace('\u{202F}', "\\u{202f}")
        .replace('\u{a0}', "\\u{a0}")
}

#[test]
fn french_text_takes_guillemets_and_fine_spaces_and_german_its_low_quotes() {
    let all = runs(&built().dump).concat();
    for expected in [
        "«\u{202F}Les prélèvements",
        "vérifiez-les\u{202F}!\u{202F}»",
        "clair\u{202F}?",
        "midi\u{202F};",
        "répond\u{a0}:",
        "\u{201E}Die Proben sind \u{201A}fertig\u{2018} und beschriftet.\u{201C}",
        // The English span inside the French chapter keeps English quotes.
        "\u{201C}the samples are ready\u{201D}",
    ] {
        assert!(all.contains(&as_dumped(expected)), "{expected}: {all}");
    }
}

#[test]
fn a_long_french_word_breaks_at_a_french_hyphenation_point() {
    let source =
        std::fs::read_to_string(common::repo_root().join("tests/fixtures/authors/04-french.md"))
            .expect("the chapter");
    let runs = runs(&built().dump);
    let mut french_only = Vec::new();
    for pair in runs.windows(2) {
        let Some(head) = pair[0].strip_suffix('-') else {
            continue;
        };
        let before: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let before: String = before.chars().rev().collect();
        let after: String = pair[1].chars().take_while(|c| c.is_alphabetic()).collect();
        let word = format!("{before}{after}");
        if word.chars().count() < 8 || !source.contains(&word) {
            continue;
        }
        let points = |lang| -> Vec<usize> {
            let syllables: Vec<&str> = hypher::hyphenate(&word, lang).collect();
            syllables
                .iter()
                .scan(0, |at, s| {
                    *at += s.len();
                    Some(*at)
                })
                .collect()
        };
        let at = before.len();
        assert!(
            points(hypher::Lang::French).contains(&at),
            "{word} broken at {at}"
        );
        if !points(hypher::Lang::English).contains(&at) {
            french_only.push(format!("{before}-{after}"));
        }
    }
    assert!(
        !french_only.is_empty(),
        "a break French patterns give and English ones do not"
    );
}

/// A run of the dump whose text, read from right to left, holds `logical` (spaces left out).
fn right_to_left_run<'d>(dump: &'d str, logical: &str) -> Option<&'d str> {
    let logical: String = logical.chars().filter(|c| *c != ' ').collect();
    dump.lines().find(|row| {
        let reversed: String = row.chars().rev().collect();
        reversed.contains(&logical)
    })
}

#[test]
fn chinese_arabic_and_emoji_are_set_in_the_fallback_faces() {
    let dump = &built().dump;
    let in_font = |font: &str, text: &str| {
        dump.lines()
            .any(|row| row.contains(font) && row.contains(text))
    };
    assert!(
        in_font("NotoSansSC-fixture.otf", "实验室技术人员"),
        "{dump}"
    );
    assert!(in_font("Symbola-fixture.ttf", "😀"));
    let arabic = right_to_left_run(dump, "المختبر").expect("the Arabic run");
    assert!(arabic.contains("NotoNaskhArabic-fixture.ttf"), "{arabic}");
}

#[test]
fn the_arabic_words_are_drawn_from_right_to_left() {
    // The runs of the Arabic line from left to right, each read from its right end: the
    // sentence from its first word (at the right end of the line) to its last.
    let dump = &built().dump;
    let mut runs: Vec<(f32, &str)> = dump
        .lines()
        .filter(|row| row.contains("NotoNaskhArabic-fixture.ttf"))
        .filter_map(|row| {
            let x = row.split(' ').nth(1)?.parse().ok()?;
            Some((x, row.rsplit('"').nth(1)?))
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let left_to_right: String = runs.iter().map(|(_, text)| *text).collect();
    let read: String = left_to_right.chars().rev().collect();
    assert_eq!(read, "يعملفنيالمختبرعلىتحليلعيناتالدم", "{runs:?}");
}

#[test]
fn the_epub_marks_each_language_and_the_arabic_as_right_to_left() {
    let scripts = text("OEBPS/ecritures.xhtml");
    assert!(scripts.contains("lang=\"fr\""));
    assert!(
        scripts.contains("<span lang=\"zh\" xml:lang=\"zh\">实验室"),
        "{scripts}"
    );
    assert!(scripts.contains("<div lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">"));
    let german = text("OEBPS/ein-kapitel-auf-deutsch.xhtml");
    assert!(german.contains("<div lang=\"de\" xml:lang=\"de\">"));
    let french = text("OEBPS/le-laboratoire-danalyses.xhtml");
    assert!(french.contains("<html") && french.contains("lang=\"fr\" xml:lang=\"fr\""));
    assert!(french.contains("<span lang=\"en\" xml:lang=\"en\">"));
}

#[test]
fn the_epub_embeds_the_fallback_faces_subset_to_what_they_draw() {
    let css = text("OEBPS/stylesheet.css");
    for (file, sample) in [
        ("NotoSansSC-fixture.otf", '实'),
        ("NotoNaskhArabic-fixture.ttf", 'ي'),
        ("Symbola-fixture.ttf", '😀'),
    ] {
        let packaged = &built().epub[&format!("OEBPS/fonts/{file}")];
        let original = std::fs::read(
            common::repo_root()
                .join("tests/fixtures/authors/fonts")
                .join(file),
        )
        .expect("the fixture's font");
        assert!(packaged.len() < original.len(), "{file} is subset");
        let face = ttf_parser::Face::parse(packaged, 0).expect("the subset parses");
        assert!(face.glyph_index(sample).is_some(), "{file} draws {sample}");
        let rule = css
            .split("@font-face")
            .find(|r| r.contains(file))
            .unwrap_or_else(|| panic!("an @font-face for {file}"));
        let range = rule
            .split("unicode-range:")
            .nth(1)
            .and_then(|r| r.split(';').next())
            .unwrap_or_else(|| panic!("a unicode-range: {rule}"));
        assert!(in_range(range, sample), "{sample} in {range}");
    }
}

/// Whether a CSS `unicode-range` value (`U+61-7A, U+4E2D`) covers `c`.
fn in_range(range: &str, c: char) -> bool {
    range.split(',').any(|part| {
        let part = part.trim().trim_start_matches("U+");
        let (start, end) = part.split_once('-').unwrap_or((part, part));
        let hex = |h: &str| u32::from_str_radix(h, 16).unwrap_or(u32::MAX);
        (hex(start)..=hex(end)).contains(&(c as u32))
    })
}

#[test]
fn the_pdf_marks_the_passages_in_other_languages_with_their_lang() {
    use lopdf::content::Content;
    let pdf = lopdf::Document::load_mem(&built().pdf).expect("the PDF reads back");
    let mut langs = std::collections::BTreeSet::new();
    for page in pdf.get_pages().values() {
        let content = Content::decode(&pdf.get_page_content(*page)).expect("content");
        for op in content.operations.iter().filter(|op| op.operator == "BDC") {
            let Some(Ok(properties)) = op.operands.get(1).map(lopdf::Object::as_dict) else {
                continue;
            };
            if let Ok(lang) = properties.get(b"Lang").and_then(lopdf::Object::as_str) {
                assert!(
                    properties.get(b"MCID").is_ok(),
                    "a /Lang sequence is content of an element"
                );
                langs.insert(String::from_utf8_lossy(lang).into_owned());
            }
        }
    }
    // The book is French: its own text has no /Lang of its own; the English span of the French
    // chapter, the German chapter's div, the Chinese span and the Arabic div have theirs.
    let expected: std::collections::BTreeSet<String> = ["ar", "de", "en", "zh"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(langs, expected);
}
