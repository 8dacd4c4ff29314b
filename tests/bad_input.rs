//! Bad input, one test per class: the exit status is 1, the message names the file (and line
//! where there is one), and a previous output file is left untouched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, quire, repo_root, temp_dir};

/// A copy of the mini fixture book to break.
fn mini(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    copy_dir(&repo_root().join("tests/fixtures/mini"), &dir.join("book"));
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Build both formats over previous outputs; each build must fail with every `expected` text in
/// its messages and leave the previous file as it was.
fn assert_rejected(dir: &Path, extra_args: &[&str], expected: &[&str]) -> String {
    assert_rejected_as(&["pdf", "epub"], dir, extra_args, expected)
}

/// As `assert_rejected`, for the formats the problem concerns (a print style, say, only the PDF).
fn assert_rejected_as(
    formats: &[&str],
    dir: &Path,
    extra_args: &[&str],
    expected: &[&str],
) -> String {
    let mut all = String::new();
    for &format in formats {
        let out_file = dir.join(format!("previous.{format}"));
        fs::write(&out_file, b"the last good output").unwrap();
        let mut args = vec![format, "book", "-o", out_file.to_str().unwrap()];
        args.extend_from_slice(extra_args);
        let out = quire(dir, &args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        for e in expected {
            assert!(err.contains(e), "{format}: expected `{e}` in:\n{err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            fs::read(&out_file).unwrap(),
            b"the last good output",
            "{format}: previous output kept"
        );
        let leftovers: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file left behind");
        all.push_str(&err);
    }
    all
}

#[test]
fn book_toml_syntax_error() {
    let dir = mini("bad-syntax");
    edit(
        &dir.join("book/book.toml"),
        "language = \"en-GB\"",
        "language = \"en-GB",
    );
    assert_rejected(&dir, &[], &["book.toml:6:", "TOML syntax error"]);
}

#[test]
fn book_toml_unknown_key() {
    let dir = mini("bad-unknown-key");
    edit(
        &dir.join("book/book.toml"),
        "[[chapters]]",
        "[[chapters]]\nfiel = \"x.md\"",
    );
    assert_rejected(
        &dir,
        &[],
        &[
            "book.toml:14:1: error: unknown key 'fiel' in [[chapters]]",
            "did you mean 'file'?",
        ],
    );
}

#[test]
fn book_toml_wrong_type() {
    let dir = mini("bad-type");
    edit(
        &dir.join("book/book.toml"),
        "authors = [\"Ada Author\", \"Bo Writer\"]",
        "authors = \"Ada Author\"",
    );
    assert_rejected(
        &dir,
        &[],
        &["book.toml:4:", "wrong type for 'authors' in [book]"],
    );
}

#[test]
fn book_toml_missing_required_field() {
    let dir = mini("bad-missing-field");
    edit(
        &dir.join("book/book.toml"),
        "title = \"A Small Book of Constructs\"\n",
        "",
    );
    assert_rejected(
        &dir,
        &[],
        &["book.toml:1:1: error: missing required key 'title' in [book]"],
    );
}

#[test]
fn chapter_file_missing_or_unreadable() {
    let dir = mini("bad-chapter-files");
    fs::remove_file(dir.join("book/two.md")).unwrap();
    fs::remove_file(dir.join("book/glossary.md")).unwrap();
    fs::create_dir(dir.join("book/glossary.md")).unwrap(); // exists, but cannot be read as a file
    assert_rejected(
        &dir,
        &[],
        &[
            "book.toml:21:8: error: chapter file 'two.md' not found",
            "book.toml:25:8: error: chapter file 'glossary.md' not found",
        ],
    );
}

#[test]
fn chapter_file_not_utf8() {
    let dir = mini("bad-utf8");
    fs::write(dir.join("book/two.md"), b"# Two\n\nCaf\xe9 au lait\n").unwrap();
    assert_rejected(
        &dir,
        &[],
        &["two.md:3:4: error: the file is not valid UTF-8 (byte 0xE9"],
    );
}

#[test]
fn image_missing_not_an_image_truncated_or_too_large() {
    let dir = mini("bad-images");
    fs::write(dir.join("book/images/text.png"), b"this is not a picture").unwrap();
    let png = fs::read(dir.join("book/images/lab.png")).unwrap();
    fs::write(dir.join("book/images/cut.png"), &png[..png.len() / 2]).unwrap();
    // A valid PNG header that claims 30000 x 30000 pixels.
    let mut huge = png[..16].to_vec();
    huge.extend_from_slice(&30_000u32.to_be_bytes());
    huge.extend_from_slice(&30_000u32.to_be_bytes());
    huge.extend_from_slice(&png[24..29]);
    huge.extend_from_slice(&crc32(&huge[12..29]).to_be_bytes());
    huge.extend_from_slice(&png[33..]);
    fs::write(dir.join("book/images/huge.png"), huge).unwrap();
    fs::write(
        dir.join("book/colophon.md"),
        "# Colophon\n\n![a](images/nowhere.png)\n\n![b](images/text.png)\n\n![c](images/cut.png)\n\n![d](images/huge.png)\n",
    )
    .unwrap();
    assert_rejected(
        &dir,
        &[],
        &[
            "colophon.md:3:1: error: image 'images/nowhere.png' not found",
            "colophon.md:5:1: error: image 'images/text.png' is not an image",
            "colophon.md:7:1: error: image 'images/cut.png' is damaged or truncated",
            "colophon.md:9:1: error: image 'images/huge.png' is too large",
        ],
    );
}

#[test]
fn links_to_missing_chapters_and_anchors() {
    let dir = mini("bad-links");
    fs::write(
        dir.join("book/colophon.md"),
        "# Colophon\n\nSee [a](missing.md), [b](one.md#nope) and [c](#nope).\n",
    )
    .unwrap();
    assert_rejected(
        &dir,
        &[],
        &[
            "colophon.md:3:5: error: link to 'missing.md': no chapter file",
            "colophon.md:3:22: error: link to 'one.md#nope': no heading with id 'nope'",
            "colophon.md:3:43: error: link to '#nope'",
        ],
    );
}

#[test]
fn raw_html_is_a_warning_and_an_error_with_deny_warnings() {
    let dir = mini("raw-html");
    fs::write(
        dir.join("book/colophon.md"),
        "# Colophon\n\n<script>alert('x')</script>\n\nA <span onclick=\"evil()\">word</span>.\n",
    )
    .unwrap();
    let out = quire(&dir, &["check", "book"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "colophon.md:3:1: warning: raw HTML `<script>alert('x')</script>` is not rendered"
        ),
        "{err}"
    );
    assert!(
        err.contains("colophon.md:5:3: warning: <span>: attribute onclick left out"),
        "{err}"
    );
    assert_rejected(
        &dir,
        &["--deny-warnings"],
        &["colophon.md:3:1: error: raw HTML"],
    );
}

#[test]
fn paths_that_leave_the_book_are_refused() {
    let dir = mini("escape");
    fs::write(dir.join("secret.md"), "# Secret\n").unwrap();
    edit(
        &dir.join("book/book.toml"),
        "file = \"two.md\"",
        "file = \"../secret.md\"",
    );
    edit(
        &dir.join("book/book.toml"),
        "file = \"glossary.md\"",
        "file = \"/etc/hostname\"",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.md"), dir.join("book/link.md")).unwrap();
    edit(
        &dir.join("book/book.toml"),
        "file = \"colophon.md\"",
        "file = \"link.md\"",
    );
    edit(
        &dir.join("book/one.md"),
        "# Chapter One",
        "![x](../../etc.png)\n\n# Chapter One",
    );
    assert_rejected(
        &dir,
        &[],
        &[
            "book.toml:21:8: error: chapter file '../secret.md' leads outside the book's folder",
            "book.toml:25:8: error: chapter file '/etc/hostname' is an absolute path",
            "error: chapter file 'link.md' is a link that leads outside the book's folder",
            "one.md:1:1: error: image '../../etc.png' leads outside the book's folder",
        ],
    );
}

#[test]
fn a_missing_book_folder_is_a_clear_error() {
    let dir = temp_dir("no-book");
    let out = quire(&dir, &["pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("book: error: no book at 'book'"));
}

/// CRC-32 (IEEE), as PNG chunks use it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The mini book with its own print style, `text` replacing `from` in the default style.
fn mini_with_style(name: &str, from: &str, to: &str) -> PathBuf {
    let dir = mini(name);
    let style = fs::read_to_string(repo_root().join("styles/print.toml")).unwrap();
    assert!(style.contains(from), "{from}");
    fs::write(dir.join("book/print.toml"), style.replacen(from, to, 1)).unwrap();
    edit(
        &dir.join("book/book.toml"),
        "cover = \"images/cover.png\"",
        "cover = \"images/cover.png\"\n\n[styles]\nprint = \"print.toml\"",
    );
    dir
}

fn style_line(from: &str) -> usize {
    let style = fs::read_to_string(repo_root().join("styles/print.toml")).unwrap();
    style
        .lines()
        .position(|l| l.starts_with(from))
        .expect("the key is in the style")
        + 1
}

#[test]
fn a_negative_margin_in_the_style_is_located() {
    let dir = mini_with_style("style-negative-margin", "top = 17", "top = -5");
    let line = style_line("top = 17");
    let message = format!("print.toml:{line}:7: error: margins.top is -5; expected 0 to 200");
    assert_rejected_as(&["pdf"], &dir, &[], &[&message]);
    // `check` finds it too, and writes nothing.
    let before: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let out = quire(&dir, &["check", "book"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&message));
    let after: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn an_unknown_paper_in_the_style_is_located() {
    let dir = mini_with_style("style-unknown-paper", "paper = \"a5\"", "paper = \"b7\"");
    let line = style_line("paper = \"a5\"");
    assert_rejected_as(
        &["pdf"],
        &dir,
        &[],
        &[&format!(
            "print.toml:{line}:9: error: unknown value 'b7' for 'paper' in [page]"
        )],
    );
}

#[test]
fn a_bad_colour_and_an_unknown_style_key_are_all_reported() {
    let dir = mini_with_style("style-colour", "text = \"#1a1a1a\"", "text = \"dark grey\"");
    let line = style_line("text = \"#1a1a1a\"");
    assert_rejected_as(
        &["pdf"],
        &dir,
        &[],
        &[&format!(
            "print.toml:{line}:8: error: 'dark grey' is not a colour"
        )],
    );
    let dir = mini_with_style("style-unknown-key", "[body]", "[body]\nfont-size = 11");
    let line = style_line("[body]") + 1;
    assert_rejected_as(
        &["pdf"],
        &dir,
        &[],
        &[&format!(
            "print.toml:{line}:1: error: unknown key 'font-size' in [body]"
        )],
    );
}

#[test]
fn a_missing_style_file_is_located_in_book_toml() {
    let dir = mini("style-missing");
    edit(
        &dir.join("book/book.toml"),
        "cover = \"images/cover.png\"",
        "cover = \"images/cover.png\"\n\n[styles]\nprint = \"nowhere.toml\"",
    );
    assert_rejected(
        &dir,
        &[],
        &["book.toml:14:9: error: print style 'nowhere.toml' not found"],
    );
}

#[test]
fn a_character_no_font_has_is_reported_at_its_line_and_column() {
    let dir = mini("missing-glyph");
    fs::write(
        dir.join("book/colophon.md"),
        "# Colophon\n\nPlain words.\n\nA snowman ☃ and a lotus 𓆸 here.\n",
    )
    .unwrap();
    let out = quire(&dir, &["pdf", "book", "-o", "out.pdf"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not stop the build: {err}"
    );
    assert!(
        err.contains("colophon.md:5:25: warning: no font has the character '𓆸' (U+131B8)"),
        "{err}"
    );
    assert_rejected_as(
        &["pdf"],
        &dir,
        &["--deny-warnings"],
        &["colophon.md:5:25: error: no font has the character '𓆸'"],
    );
}

#[test]
fn script_links_and_raw_html_never_reach_the_epub() {
    let dir = mini("scripts");
    fs::write(
        dir.join("book/colophon.md"),
        "# Colophon\n\nClick [here](javascript:alert(1)) or [there](JAVASCRIPT:void(0)).\n\n<script>alert('x')</script>\n\n<a href=\"javascript:x()\" onclick=\"y()\">z</a>\n",
    )
    .unwrap();
    let out = quire(&dir, &["epub", "book", "-o", "out.epub"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "colophon.md:3:7: warning: link to a script URL `javascript:alert(1)` is removed"
        ),
        "{err}"
    );
    assert!(
        err.contains("colophon.md:3:38: warning: link to a script URL `JAVASCRIPT:void(0)`"),
        "{err}"
    );
    let mut archive = zip::ZipArchive::new(fs::File::open(dir.join("out.epub")).unwrap()).unwrap();
    let mut xhtml = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        if !entry.name().ends_with(".xhtml") {
            continue;
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc =
            roxmltree::Document::parse_with_options(&text, options).expect("well-formed XHTML");
        for node in doc.descendants().filter(|n| n.is_element()) {
            assert_ne!(node.tag_name().name(), "script", "no script element");
            for attr in node.attributes() {
                assert!(
                    !attr.name().starts_with("on"),
                    "no event handler attribute: {}",
                    attr.name()
                );
                assert!(
                    !attr
                        .value()
                        .trim()
                        .to_lowercase()
                        .starts_with("javascript:"),
                    "no script link"
                );
            }
        }
        xhtml.push_str(&text);
    }
    assert!(
        xhtml.contains("Click here or there."),
        "the links' text is kept"
    );
    assert!(
        xhtml.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "raw HTML shown as text"
    );
}

#[test]
fn font_files_named_by_the_style_must_exist_be_fonts_and_stay_inside() {
    let dir = mini_with_style(
        "style-fonts",
        "[colors]",
        "[fonts]\nregular = \"nowhere.otf\"\nitalic = \"not-a-font.otf\"\nbold = \"../outside.ttf\"\n\n[colors]",
    );
    fs::write(dir.join("book/not-a-font.otf"), b"these bytes are no font").unwrap();
    fs::copy(
        repo_root().join("fonts/DejaVuSansMono.ttf"),
        dir.join("outside.ttf"),
    )
    .unwrap();
    let line = style_line("[colors]");
    assert_rejected_as(
        &["pdf"],
        &dir,
        &[],
        &[
            &format!(
                "print.toml:{}:11: error: font file 'nowhere.otf' not found",
                line + 1
            ),
            &format!(
                "print.toml:{}:10: error: 'not-a-font.otf' is not a usable font",
                line + 2
            ),
            &format!(
                "print.toml:{}:8: error: font file '../outside.ttf' is outside the book's folders",
                line + 3
            ),
        ],
    );
}

#[test]
fn a_cover_narrower_than_the_stores_ask_is_a_warning_at_its_line() {
    let dir = mini("narrow-cover");
    let small = image::RgbImage::from_pixel(600, 960, image::Rgb([40, 90, 120]));
    small.save(dir.join("book/images/small.png")).unwrap();
    edit(
        &dir.join("book/book.toml"),
        "cover = \"images/cover.png\"",
        "cover = \"images/small.png\"",
    );
    let line = style_line_in(&dir.join("book/book.toml"), "cover = ");
    let out = quire(&dir, &["epub", "book", "-o", "out.epub"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "book.toml:{line}:9: warning: the cover image is 600 px wide"
        )),
        "{err}"
    );
    // The fixture's own cover, 1,400 px wide, draws no warning.
    let out = quire(&mini("wide-cover"), &["check", "book", "--deny-warnings"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The line of `path` that starts with `start`.
fn style_line_in(path: &Path, start: &str) -> usize {
    let text = fs::read_to_string(path).unwrap();
    1 + text
        .lines()
        .position(|l| l.starts_with(start))
        .expect(start)
}

#[test]
fn a_modified_date_that_is_not_a_date_is_located() {
    let dir = mini("bad-modified");
    let toml = dir.join("book/book.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}\n[epub]\nmodified = \"soon\"\n")).unwrap();
    let line = text.lines().count() + 3;
    let err = assert_rejected_as(&["epub"], &dir, &[], &["`modified` is not a date: 'soon'"]);
    assert!(
        err.contains(&format!("book.toml:{line}:12: error")),
        "{err}"
    );
}
