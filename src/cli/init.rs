//! `quire init [DIR]`: a new book to start from, with a book.toml, two short chapters that show
//! what a chapter can hold (headings, a list, a footnote, a link between chapters, a figure, a
//! code block), a figure image and a README saying what to do next. Nothing is overwritten.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use quire::{Diagnostic, Diagnostics, Failed, Location, is_language_tag};
use sha2::{Digest, Sha256};

/// What `init` was asked for.
pub struct InitRequest<'a> {
    pub dir: &'a Path,
    pub title: Option<&'a str>,
    pub lang: Option<&'a str>,
}

/// The book `init` created, for the closing line.
pub struct Created {
    pub dir: PathBuf,
    pub title: String,
    pub files: usize,
}

/// The language of a new book when neither `--lang` nor the locale gives one.
const FALLBACK_LANGUAGE: &str = "en";

/// The size of the sample figure, in pixels: wide enough to show as a figure, tiny as a file.
const FIGURE_WIDTH: u32 = 360;
const FIGURE_HEIGHT: u32 = 180;

/// Write a new book into `request.dir` (created if needed); refuses when any file it would write
/// exists already.
pub fn init(request: &InitRequest<'_>, diags: &mut Diagnostics) -> Result<Created, Failed> {
    let dir = request.dir;
    let title = match request.title {
        Some(title) => title.to_string(),
        None => title_from_folder(dir),
    };
    let language = match request.lang {
        Some(lang) => lang.to_string(),
        None => language_from_locale(),
    };
    if !is_language_tag(&language) {
        diags.push(
            Diagnostic::error(None, format!("'{language}' is not a BCP 47 language tag"))
                .with_hint("give --lang a tag such as 'en-US', 'en' or 'fr-CA'"),
        );
        return Err(Failed);
    }
    let files = book_files(&title, &language, &fresh_identifier(dir));
    let taken: Vec<&NewFile> = files.iter().filter(|f| dir.join(f.path).exists()).collect();
    for file in &taken {
        diags.push(
            Diagnostic::error(
                Some(Location::file(dir.join(file.path))),
                "the file exists already; quire init overwrites nothing",
            )
            .with_hint("run quire init in an empty folder, or give it a new one: quire init DIR"),
        );
    }
    if !taken.is_empty() {
        return Err(Failed);
    }
    for file in &files {
        let path = dir.join(file.path);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, &file.bytes));
        if let Err(e) = written {
            diags.error(
                Some(Location::file(&path)),
                format!("cannot write the file: {e}"),
            );
            return Err(Failed);
        }
    }
    Ok(Created {
        dir: dir.to_path_buf(),
        title,
        files: files.len(),
    })
}

/// A file of the new book, relative to its folder.
struct NewFile {
    path: &'static str,
    bytes: Vec<u8>,
}

fn book_files(title: &str, language: &str, identifier: &str) -> Vec<NewFile> {
    let text = |path: &'static str, text: String| NewFile {
        path,
        bytes: text.into_bytes(),
    };
    vec![
        text("book.toml", book_toml(title, language, identifier)),
        text(
            "01-getting-started.md",
            FIRST_CHAPTER.replace("{title}", title),
        ),
        text("02-next-steps.md", SECOND_CHAPTER.to_string()),
        NewFile {
            path: "images/figure.png",
            bytes: figure_png(),
        },
        text("README.md", README.replace("{title}", title)),
    ]
}

fn book_toml(title: &str, language: &str, identifier: &str) -> String {
    format!(
        r#"[book]
title = {title}
authors = []
language = "{language}"
identifier = "{identifier}"

[[chapters]]
file = "01-getting-started.md"

[[chapters]]
file = "02-next-steps.md"
"#,
        title = toml_string(title)
    )
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const FIRST_CHAPTER: &str = r#"# Getting Started

This is the first chapter of *{title}*. Each chapter is a Markdown file, listed in
`book.toml` in reading order, and starts with its title as a level-1 heading.

## What a chapter holds

Sections are level-2 headings, like the one above. A chapter can hold:

- paragraphs with *emphasis*, **strong** text and `code`;
- lists, like this one;
- footnotes, numbered for you.[^numbering]

An image alone in its paragraph is set as a figure, its title as the caption:

![A sample figure](images/figure.png "A figure, with its caption")

The next chapter, [Next Steps](02-next-steps.md), shows a code block.

[^numbering]: Footnotes are numbered in the order they are referred to.
"#;

const SECOND_CHAPTER: &str = r#"# Next Steps

Build the book with one command, run in this folder:

```sh
quire build
```

## Adding a chapter

1. Write a new Markdown file beside this one.
2. Add it to `book.toml` as another `[[chapters]]` entry.
3. Run `quire watch` to rebuild on every save.

Back to [the first chapter](01-getting-started.md#getting-started).
"#;

const README: &str = r#"# {title}

A book typeset by quire. Next: run `quire build` in this folder for its PDF and EPUB in `dist/`,
`quire watch` to rebuild them on every save, and `quire check` to check it without writing.
"#;

/// "my-first_book" -> "My First Book".
fn title_from_folder(dir: &Path) -> String {
    let name = fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Untitled Book".to_string()
    } else {
        words.join(" ")
    }
}

/// The language of the environment's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), as BCP 47:
/// `fr_CA.UTF-8` -> `fr-CA`; `C`, `POSIX` and unset give English.
fn language_from_locale() -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.is_empty())
        .and_then(|locale| locale_to_tag(&locale))
        .unwrap_or_else(|| FALLBACK_LANGUAGE.to_string())
}

fn locale_to_tag(locale: &str) -> Option<String> {
    let base = locale.split(['.', '@']).next()?;
    let tag = base.replace('_', "-");
    (base != "C" && base != "POSIX" && is_language_tag(&tag)).then_some(tag)
}

/// A fresh `urn:uuid:` in the form of a random (version 4) UUID, from the time, the process and
/// the folder: a new book's identifier, unlike any other book's.
fn fresh_identifier(dir: &Path) -> String {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut hasher = Sha256::new();
    hasher.update(now.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(dir.as_os_str().as_encoded_bytes());
    hasher.update(CALLS.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let bytes: [u8; 16] = hasher.finalize()[..16].try_into().expect("16 bytes");
    let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
    uuid::fmt::Urn::from_uuid(id).to_string()
}

/// A small PNG to show as the sample figure: a sky-to-sea gradient.
fn figure_png() -> Vec<u8> {
    let mut pixels = Vec::with_capacity((FIGURE_WIDTH * FIGURE_HEIGHT * 3) as usize);
    for y in 0..FIGURE_HEIGHT {
        for x in 0..FIGURE_WIDTH {
            let t = y as f32 / FIGURE_HEIGHT as f32;
            let s = x as f32 / FIGURE_WIDTH as f32;
            pixels.extend([
                (90.0 + 80.0 * s) as u8,
                (150.0 + 60.0 * (1.0 - t)) as u8,
                (200.0 + 40.0 * t) as u8,
            ]);
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, FIGURE_WIDTH, FIGURE_HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header into memory");
    writer
        .write_image_data(&pixels)
        .expect("PNG data into memory");
    drop(writer);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_folder_names() {
        assert_eq!(
            title_from_folder(Path::new("/x/my-first_book")),
            "My First Book"
        );
    }

    #[test]
    fn locales_become_language_tags() {
        assert_eq!(locale_to_tag("fr_CA.UTF-8").as_deref(), Some("fr-CA"));
        assert_eq!(locale_to_tag("de_DE@euro").as_deref(), Some("de-DE"));
        assert_eq!(locale_to_tag("C.UTF-8"), None);
        assert_eq!(locale_to_tag("POSIX"), None);
    }

    #[test]
    fn identifiers_are_fresh_version_4_uuids() {
        let a = fresh_identifier(Path::new("a"));
        let b = fresh_identifier(Path::new("a"));
        assert_ne!(a, b);
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(&a[23..24], "4", "{a}");
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("A \"B\" \\ C"), r#""A \"B\" \\ C""#);
    }
}
