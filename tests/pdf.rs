//! The PDF of the guide, parsed back: page size, page labels, the outline, the table of
//! contents' links, embedded subset fonts, determinism. What qpdf and poppler say about it (and
//! the text they read back) is checked in `tests/validators.rs`.

mod common;
#[path = "pdf/read.rs"]
mod read;

use common::build;
use read::{
    annotations, chapter_marks, deref, destination_page, guide_pdf, media_box, page_index, parse,
    text_string,
};

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
    build("pdf", "tests/fixtures/mini", "pdf-mini", &[]);
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

#[test]
fn a_book_with_no_date_is_dated_by_its_newest_file() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-date-mtime");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let chapter = dir.join("a.md");
    std::fs::write(&chapter, "# Alpha\n\nText.\n").unwrap();
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_686_700_800);
    std::fs::File::options()
        .write(true)
        .open(&chapter)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["pdf", "a.md", "-o", "-"])
        .current_dir(&dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = parse(&out.stdout);
    let info = deref(&doc, doc.trailer.get(b"Info").unwrap())
        .as_dict()
        .unwrap();
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert_eq!(date, b"D:20230614000000Z");
}
