//! Books for the print page list's tests: built with `quire build` (the PDF and the EPUB laid
//! out once), and read back as the PDF's page labels and the EPUB's page-break markers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::{self, quire_succeeds, temp_dir};
use crate::read;

/// A page-break marker as the EPUB has it: its document (in spine order), id, label, and the
/// first words of the text after it.
#[derive(Debug, Clone)]
pub struct Marker {
    pub file: String,
    pub id: String,
    pub label: String,
    pub words_after: Vec<String>,
}

/// A single-file book whose pages begin inside paragraphs: long paragraphs of the guide's own
/// words with bold and italic spans across them, a footnote, a list and a hard line break.
pub fn long_paragraph_book(dir: &Path) -> PathBuf {
    let mut text = String::from("---\ntitle: Pages Begin Mid-Paragraph\nlang: en\n---\n\n");
    for chapter in long_chapters(false) {
        text.push_str(&chapter);
    }
    let file = dir.join("long.md");
    std::fs::write(&file, text).expect("write the book");
    file
}

/// The long book with an external link in every paragraph, as a book folder whose style prints
/// the links' addresses in footnotes (`[links] show-urls = "footnote"`): the notes' marks and
/// lines move the pages' starts, which the EPUB's markers must still follow.
pub fn long_linked_book(dir: &Path) -> PathBuf {
    let book = dir.join("linked");
    std::fs::create_dir_all(&book).expect("create the book folder");
    let mut manifest = String::from(
        "[book]\ntitle = \"Pages Begin Mid-Paragraph\"\nauthors = [\"Quire Tests\"]\n\
         language = \"en\"\nidentifier = \"urn:quire:linked\"\n\n[styles]\nprint = \"print.toml\"\n",
    );
    for (n, chapter) in long_chapters(true).iter().enumerate() {
        let file = format!("chapter-{}.md", n + 1);
        std::fs::write(book.join(&file), chapter).expect("write a chapter");
        manifest.push_str(&format!("\n[[chapters]]\nfile = \"{file}\"\n"));
    }
    std::fs::write(book.join("book.toml"), manifest).expect("write book.toml");
    std::fs::write(
        book.join("print.toml"),
        "[links]\nshow-urls = \"footnote\"\n",
    )
    .expect("write print.toml");
    book
}

/// The long book's three chapters, each its markdown; with `links`, every paragraph holds an
/// external link whose text is not its address, a third of the way in (every other one's text
/// ending in a space).
fn long_chapters(links: bool) -> Vec<String> {
    let source = common::guide_source();
    let words: Vec<&str> = source.split_whitespace().collect();
    let mut next = 0;
    let mut take = |n: usize| {
        let mut out = Vec::new();
        for i in 0..n {
            let word = words[(next + i) % words.len()];
            let clean: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
            let clean = if clean.is_empty() {
                "word".into()
            } else {
                clean
            };
            out.push(match (next + i) % 23 {
                0 => format!("**{clean} {clean}**"),
                7 => format!("*{clean}*ly"),
                _ => clean,
            });
        }
        next += n;
        out.join(" ")
    };
    let mut chapters = Vec::new();
    for chapter in 1..=3 {
        let mut text = format!("# Chapter number {chapter}\n\n");
        for paragraph in 0..6 {
            if links {
                let (before, named) = (take(45), take(3));
                let address = format!("https://example.org/pages/{chapter}/{paragraph}/list");
                // A link text ending in a space: its note's mark is a word of its own as set.
                let link = match paragraph % 2 {
                    0 => format!("[{named}]({address}),"),
                    _ => format!("[{named} ]({address})"),
                };
                text.push_str(&format!("{before} {link} {}", take(92)));
            } else {
                text.push_str(&take(140));
            }
            if paragraph == 2 {
                text.push_str(&format!(
                    "[^n{chapter}] and then  \na hard break {}",
                    take(40)
                ));
            }
            text.push_str("\n\n");
        }
        text.push_str(&format!("- {}\n- {}\n\n", take(60), take(60)));
        text.push_str(&format!("[^n{chapter}]: A note with {}.\n\n", take(12)));
        chapters.push(text);
    }
    chapters
}

/// `quire build BOOK` into a fresh folder `name`: the PDF's and the EPUB's paths.
pub fn build_both(book: &Path, name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let out = dir.join("out");
    quire_succeeds(
        &dir,
        &[
            "build",
            book.to_str().expect("UTF-8 path"),
            "-o",
            out.to_str().expect("UTF-8 path"),
        ],
    );
    let find = |ext: &str| {
        std::fs::read_dir(&out)
            .expect("the output folder")
            .map(|e| e.expect("an entry").path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} in {}", out.display()))
    };
    (find("pdf"), find("epub"))
}

/// The labels of the PDF's pages, in page order.
pub fn pdf_labels(pdf: &Path) -> Vec<String> {
    read::page_labels(&read::parse(&std::fs::read(pdf).expect("read the PDF")))
}

/// Every file of an EPUB by name.
pub fn epub_files(epub: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(epub).expect("read the EPUB");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut files = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("an entry");
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok() {
            files.insert(entry.name().to_string(), text);
        }
    }
    files
}

/// The content documents in spine order.
pub fn spine(files: &BTreeMap<String, String>) -> Vec<String> {
    let opf = &files["OEBPS/content.opf"];
    let attr = |tag: &str, name: &str| {
        let tag = format!(" {tag}");
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..start + tag[start..].find('"')?].to_string())
    };
    let items: BTreeMap<String, String> = opf
        .split("<item ")
        .skip(1)
        .filter_map(|tag| Some((attr(tag, "id")?, attr(tag, "href")?)))
        .collect();
    opf.split("<itemref ")
        .skip(1)
        .filter_map(|tag| items.get(&attr(tag, "idref")?))
        .map(|href| format!("OEBPS/{href}"))
        .collect()
}

/// The page-break markers in reading order.
pub fn markers(files: &BTreeMap<String, String>) -> Vec<Marker> {
    let mut found = Vec::new();
    for file in spine(files) {
        let text = &files[&file];
        for (at, _) in text.match_indices("<span id=\"") {
            let tag_end = at + text[at..].find('>').expect("a closed tag");
            let tag = &text[at..tag_end];
            if !tag.contains("epub:type=\"pagebreak\"") {
                continue;
            }
            assert!(tag.contains("role=\"doc-pagebreak\""), "{tag}");
            let value = |name: &str| {
                let start = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
                tag[start..start + tag[start..].find('"').unwrap()].to_string()
            };
            found.push(Marker {
                file: file.clone(),
                id: value("id"),
                label: value("aria-label"),
                words_after: words_of_markup(&text[tag_end + 1..], 4),
            });
        }
    }
    found
}

/// The first `n` words of the text in `markup`: inline tags (emphasis, links, note marks) join
/// the text around them, other tags separate it.
fn words_of_markup(markup: &str, n: usize) -> Vec<String> {
    const INLINE: [&str; 7] = ["em", "strong", "a", "sup", "sub", "code", "span"];
    let mut text = String::new();
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('>').unwrap_or(rest.len() - open);
        let name: String = rest[open + 1..close]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[(close + 1).min(rest.len())..];
        if text.split_whitespace().count() > n {
            break;
        }
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .split_whitespace()
        .take(n)
        .map(str::to_string)
        .collect()
}

/// The nav document's page list: (label, href).
pub fn page_list(files: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let nav = &files["OEBPS/nav.xhtml"];
    let Some(start) = nav.find("epub:type=\"page-list\"") else {
        return Vec::new();
    };
    let list = &nav[start..start + nav[start..].find("</nav>").expect("the nav closes")];
    list.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let href = &a[..a.find('"').unwrap()];
            let label = &a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()];
            (label.to_string(), href.to_string())
        })
        .collect()
}
