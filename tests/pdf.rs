//! The PDF of the guide, parsed back: page size, page labels, the outline, the table of
//! contents' links, embedded subset fonts, the text (every word of the source), determinism.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{build, tool, words};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The guide built once for all tests here.
fn guide_pdf() -> &'static (PathBuf, Vec<u8>) {
    static PDF: OnceLock<(PathBuf, Vec<u8>)> = OnceLock::new();
    PDF.get_or_init(|| {
        let out = build("pdf", "book", "pdf-guide", &[]);
        let bytes = std::fs::read(&out).unwrap();
        (out, bytes)
    })
}

fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}

/// A page's /MediaBox as four numbers.
fn media_box(doc: &Document, page: ObjectId) -> Vec<f32> {
    let dict = doc.get_dictionary(page).expect("a page dictionary");
    let array = dict
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("a MediaBox");
    array
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect()
}

fn page_index(doc: &Document) -> BTreeMap<ObjectId, usize> {
    doc.get_pages()
        .values()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect()
}

/// A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
fn text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(obj)
}

/// The page a destination (`[page /XYZ ...]`, directly or via a GoTo action) points at.
fn destination_page(
    doc: &Document,
    dict: &Dictionary,
    pages: &BTreeMap<ObjectId, usize>,
) -> Option<usize> {
    let dest = match dict.get(b"Dest") {
        Ok(d) => deref(doc, d),
        Err(_) => {
            let action = deref(doc, dict.get(b"A").ok()?).as_dict().ok()?;
            if action.get(b"S").ok()?.as_name().ok()? != b"GoTo" {
                return None;
            }
            deref(doc, action.get(b"D").ok()?)
        }
    };
    let dest = match dest {
        Object::String(name, _) | Object::Name(name) => named_destination(doc, name)?,
        other => other.as_array().ok()?.clone(),
    };
    pages.get(&dest.first()?.as_reference().ok()?).copied()
}

fn named_destination(doc: &Document, name: &[u8]) -> Option<Vec<Object>> {
    let names = deref(doc, doc.catalog().ok()?.get(b"Names").ok()?)
        .as_dict()
        .ok()?;
    let dests = deref(doc, names.get(b"Dests").ok()?).as_dict().ok()?;
    let list = deref(doc, dests.get(b"Names").ok()?).as_array().ok()?;
    list.chunks(2).find_map(|pair| {
        let key = pair[0].as_str().ok()?;
        (key == name)
            .then(|| deref(doc, &pair[1]).as_array().ok().cloned())
            .flatten()
    })
}

#[derive(Debug)]
struct Bookmark {
    title: String,
    page: usize,
    children: Vec<Bookmark>,
}

fn outline(doc: &Document) -> Vec<Bookmark> {
    let pages = page_index(doc);
    let root = deref(
        doc,
        doc.catalog().unwrap().get(b"Outlines").expect("an outline"),
    )
    .as_dict()
    .unwrap();
    fn walk(
        doc: &Document,
        first: Option<&Object>,
        pages: &BTreeMap<ObjectId, usize>,
    ) -> Vec<Bookmark> {
        let mut out = Vec::new();
        let mut next = first.map(|o| deref(doc, o));
        let mut guard = 0;
        while let Some(Object::Dictionary(item)) = next {
            guard += 1;
            assert!(guard < 10_000, "outline loop");
            out.push(Bookmark {
                title: text_string(deref(doc, item.get(b"Title").unwrap()).as_str().unwrap()),
                page: destination_page(doc, item, pages)
                    .expect("an outline entry has a destination"),
                children: walk(doc, item.get(b"First").ok(), pages),
            });
            next = item.get(b"Next").ok().map(|o| deref(doc, o));
        }
        out
    }
    walk(doc, root.get(b"First").ok(), &pages)
}

/// The outline's entries for the book's chapters (the front matter's "Contents" entry left out).
fn chapter_marks(doc: &Document) -> Vec<Bookmark> {
    let mut marks = outline(doc);
    assert_eq!(
        marks[0].title, "Contents",
        "the contents come first in the outline"
    );
    marks.remove(0);
    marks
}

/// A page's annotation dictionaries, whether written inline in /Annots or as references.
fn annotations(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let Ok(dict) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    let Ok(annots) = dict.get(b"Annots").map(|a| deref(doc, a)) else {
        return Vec::new();
    };
    annots
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|a| deref(doc, a).as_dict().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> Option<String> {
    let cmd = tool("pdftotext")?;
    let mut c = Command::new(&cmd[0]);
    if let Some(p) = page {
        c.args(["-f", &(p + 1).to_string(), "-l", &(p + 1).to_string()]);
    }
    let out = c.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn squash(text: &str) -> String {
    text.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_default_page_is_a5_portrait() {
    let doc = parse(&guide_pdf().1);
    for (_, id) in doc.get_pages() {
        let mb = media_box(&doc, id);
        assert!(
            (mb[2] - 419.53).abs() < 0.6 && (mb[3] - 595.28).abs() < 0.6,
            "{mb:?}"
        );
    }
}

#[test]
fn paper_can_be_overridden_on_the_command_line() {
    let out = build("pdf", "book", "pdf-letter", &["--paper", "letter"]);
    let doc = parse(&std::fs::read(&out).unwrap());
    let first = *doc.get_pages().values().next().unwrap();
    let mb = media_box(&doc, first);
    assert_eq!((mb[2].round(), mb[3].round()), (612.0, 792.0));
}

#[test]
fn front_matter_is_numbered_in_roman_and_chapters_from_one() {
    let doc = parse(&guide_pdf().1);
    let labels = deref(
        &doc,
        doc.catalog()
            .unwrap()
            .get(b"PageLabels")
            .expect("page labels"),
    )
    .as_dict()
    .unwrap();
    let nums = deref(&doc, labels.get(b"Nums").unwrap())
        .as_array()
        .unwrap();
    let ranges: Vec<(i64, Vec<u8>, i64)> = nums
        .chunks(2)
        .map(|pair| {
            let d = deref(&doc, &pair[1]).as_dict().unwrap();
            (
                pair[0].as_i64().unwrap(),
                d.get(b"S").unwrap().as_name().unwrap().to_vec(),
                d.get(b"St").map(|o| o.as_i64().unwrap()).unwrap_or(1),
            )
        })
        .collect();
    assert_eq!(ranges[0].0, 0);
    assert_eq!(ranges[0].1, b"r");
    let decimal = ranges
        .iter()
        .find(|r| r.1 == b"D")
        .expect("a decimal range");
    assert_eq!(decimal.2, 1);
    // The first decimal page is the first chapter's opening page.
    let marks = chapter_marks(&doc);
    assert_eq!(
        marks[0].title,
        "Chapter 1: Introduction: Exploring the Medical Technician Career Path"
    );
    assert_eq!(marks[0].page as i64, decimal.0);
}

#[test]
fn the_outline_nests_sections_under_chapters_and_questions_under_the_appendix() {
    let doc = parse(&guide_pdf().1);
    let marks = chapter_marks(&doc);
    let titles: Vec<&str> = marks.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles.len(), 11, "{titles:?}");
    assert_eq!(
        titles[8],
        "Appendix A: FAQs About Becoming a Medical Technician"
    );
    assert_eq!(titles[10], "About this guide");
    let role = &marks[1];
    assert_eq!(role.children.len(), 1);
    assert_eq!(
        role.children[0].title,
        "Key Responsibilities of a Medical Technician"
    );
    assert_eq!(marks[2].children.len(), 2);
    let faq = marks
        .iter()
        .find(|m| m.title.contains("FAQs About Becoming"))
        .expect("the FAQ");
    assert_eq!(faq.children.len(), 5);
    assert!(faq.children.iter().all(|q| q.title.ends_with('?')));
    // Pages only go forward, and children sit on or after their parent.
    let mut last = 0;
    for m in &marks {
        assert!(m.page >= last);
        last = m.page;
        for c in &m.children {
            assert!(c.page >= m.page);
        }
    }
}

#[test]
fn every_outline_entry_points_at_the_page_holding_its_heading() {
    let (path, bytes) = guide_pdf();
    let doc = parse(bytes);
    let mut stack: Vec<&Bookmark> = Vec::new();
    let marks = outline(&doc);
    stack.extend(marks.iter());
    let mut checked = 0;
    while let Some(m) = stack.pop() {
        stack.extend(m.children.iter());
        let Some(text) = pdftotext(path, Some(m.page)) else {
            return;
        };
        let title = squash(&m.title).replace(':', "");
        let first_words: String = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            squash(&text).contains(&first_words),
            "page {} lacks '{}':\n{}",
            m.page,
            m.title,
            text
        );
        checked += 1;
    }
    assert!(checked >= 23, "{checked} entries");
}

#[test]
fn table_of_contents_entries_link_to_their_chapters() {
    let doc = parse(&guide_pdf().1);
    let pages = page_index(&doc);
    let marks = chapter_marks(&doc);
    let first_chapter = marks[0].page;
    let mut toc_targets = Vec::new();
    for (&id, &index) in &pages {
        if index >= first_chapter {
            continue;
        }
        for annot in annotations(&doc, id) {
            if let Some(target) = destination_page(&doc, annot, &pages) {
                toc_targets.push(target);
            }
        }
    }
    let chapter_pages: Vec<usize> = marks.iter().map(|m| m.page).collect();
    for page in &chapter_pages {
        assert!(
            toc_targets.contains(page),
            "no contents link to page {page}; links go to {toc_targets:?}"
        );
    }
    let all_heading_pages: Vec<usize> = marks
        .iter()
        .flat_map(|m| std::iter::once(m.page).chain(m.children.iter().map(|c| c.page)))
        .collect();
    for target in &toc_targets {
        assert!(
            all_heading_pages.contains(target),
            "a contents link goes to page {target}, where no heading is"
        );
    }
}

#[test]
fn every_font_is_an_embedded_subset_with_a_unicode_map() {
    let doc = parse(&guide_pdf().1);
    let mut fonts = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"Font".as_slice()) {
            continue;
        }
        let subtype = dict.get(b"Subtype").unwrap().as_name().unwrap();
        if subtype == b"Type0" {
            fonts += 1;
            let base = dict.get(b"BaseFont").unwrap().as_name().unwrap();
            let tag = &base[..7.min(base.len())];
            assert!(
                tag.len() == 7 && tag[..6].iter().all(u8::is_ascii_uppercase) && tag[6] == b'+',
                "subset tag in {}",
                String::from_utf8_lossy(base)
            );
            assert!(dict.get(b"ToUnicode").is_ok(), "ToUnicode");
        } else if subtype != b"CIDFontType0" && subtype != b"CIDFontType2" {
            panic!(
                "an unexpected font type {}",
                String::from_utf8_lossy(subtype)
            );
        } else {
            let descriptor = deref(&doc, dict.get(b"FontDescriptor").unwrap())
                .as_dict()
                .unwrap();
            assert!(
                ["FontFile", "FontFile2", "FontFile3"]
                    .iter()
                    .any(|k| descriptor.get(k.as_bytes()).is_ok()),
                "embedded"
            );
        }
    }
    assert!(
        fonts >= 3,
        "body regular, bold and a heading face at least: {fonts}"
    );
    if let Some(cmd) = tool("pdffonts") {
        let out = Command::new(&cmd[0]).arg(&guide_pdf().0).output().unwrap();
        let listing = String::from_utf8_lossy(&out.stdout);
        for line in listing.lines().skip(2) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "emb sub uni: {line}"
            );
        }
    }
}

#[test]
fn the_text_gives_back_every_word_of_the_source() {
    let Some(text) = pdftotext(&guide_pdf().0, None) else {
        return;
    };
    let got = words(&text.replace("-\n", ""));
    let got_unjoined = words(&text);
    let missing: Vec<String> = words(&common::guide_source())
        .into_iter()
        .filter(|w| !got.contains(w) && !got_unjoined.contains(w))
        .collect();
    assert!(missing.is_empty(), "missing from the PDF text: {missing:?}");
    assert!(
        !text.contains(['\u{FB00}', '\u{FB01}', '\u{FB02}', '\u{FB03}', '\u{FB04}']),
        "ligatures map back to letters"
    );
    assert!(!text.contains('\u{FFFD}'), "no unmapped glyphs");
}

#[test]
fn qpdf_finds_nothing_wrong() {
    let Some(cmd) = tool("qpdf") else { return };
    let out = Command::new(&cmd[0])
        .arg("--check")
        .arg(&guide_pdf().0)
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    assert!(!report.contains("WARNING"), "{report}");
}

#[test]
fn two_builds_are_byte_identical_and_carry_the_metadata() {
    let out = build("pdf", "book", "pdf-twice", &[]);
    assert!(
        std::fs::read(&out).unwrap() == guide_pdf().1,
        "two builds differ"
    );
    let doc = parse(&guide_pdf().1);
    assert_eq!(
        doc.catalog()
            .unwrap()
            .get(b"Lang")
            .unwrap()
            .as_str()
            .unwrap(),
        b"en-US"
    );
    let info = deref(&doc, doc.trailer.get(b"Info").unwrap())
        .as_dict()
        .unwrap();
    assert_eq!(
        text_string(info.get(b"Title").unwrap().as_str().unwrap()),
        "Becoming a Medical Technician"
    );
    assert_eq!(
        text_string(info.get(b"Author").unwrap().as_str().unwrap()),
        "Pierre Pierre"
    );
    assert!(info.get(b"GTS_PDFXVersion").is_err());
}

#[test]
fn the_mini_book_with_every_construct_builds() {
    let out = build("pdf", "tests/fixtures/mini", "pdf-mini", &[]);
    let Some(text) = pdftotext(&out, None) else {
        return;
    };
    let flat = squash(&text);
    for expected in [
        "Preface",
        "First ordered item",
        "nested bullet two",
        "A callout note.",
        "println!(\"hello, world\");",
        "Complete blood count",
        "Turnaround",
        "The first footnote",
        "Phlebotomy",
        "The drawing of blood.",
        "Appendix A",
    ] {
        assert!(flat.contains(expected), "missing `{expected}`:\n{flat}");
    }
}

#[test]
fn a_style_can_set_the_book_in_other_font_files() {
    let dir = common::temp_dir("pdf-own-fonts");
    common::copy_dir(
        &common::repo_root().join("tests/fixtures/mini"),
        &dir.join("book"),
    );
    std::fs::copy(
        common::repo_root().join("fonts/LinBiolinum_R.otf"),
        dir.join("book/sans.otf"),
    )
    .unwrap();
    let style = std::fs::read_to_string(common::repo_root().join("styles/print.toml")).unwrap();
    std::fs::write(
        dir.join("book/print.toml"),
        style.replace("[colors]", "[fonts]\nregular = \"sans.otf\"\n\n[colors]"),
    )
    .unwrap();
    let manifest = std::fs::read_to_string(dir.join("book/book.toml")).unwrap();
    std::fs::write(
        dir.join("book/book.toml"),
        manifest.replacen(
            "[[chapters]]",
            "[styles]\nprint = \"print.toml\"\n\n[[chapters]]",
            1,
        ),
    )
    .unwrap();
    let run = common::quire(&dir, &["pdf", "book", "-o", "out.pdf"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let doc = parse(&std::fs::read(dir.join("out.pdf")).unwrap());
    let base_fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice()))
        .map(|d| {
            String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned()
        })
        .collect();
    assert!(
        !base_fonts.iter().any(|f| f.ends_with("+LinLibertineO")),
        "the regular face is replaced: {base_fonts:?}"
    );
    assert!(
        base_fonts.iter().any(|f| f.ends_with("+LinBiolinumO")),
        "{base_fonts:?}"
    );
    assert!(
        base_fonts.iter().any(|f| f.ends_with("+LinLibertineOI")),
        "the other faces stay: {base_fonts:?}"
    );
}
