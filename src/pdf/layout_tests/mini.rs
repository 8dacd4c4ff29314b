//! The PDF layout of the mini fixture (tests/fixtures/mini), inspected as plain data:
//! footnotes on their pages, repeated table headers, wrapped code, the cover, the colophon.

use super::*;

fn mini() -> Book {
    let mut diags = Diagnostics::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let book = crate::load_book(&root, &mut diags);
    assert!(!diags.has_errors(), "{diags:?}");
    book.expect("the fixture loads")
}

fn chapter_index(book: &Book, file: &str) -> usize {
    book.chapter_index(file).expect("chapter")
}

#[test]
fn footnotes_sit_on_the_page_that_references_them() {
    let book = mini();
    let lay = layout(&book, None);
    let mut seen = 0;
    for ch in &book.chapters {
        for note in &ch.footnotes {
            let name = format!("{}/{}", ch.slug, note.id);
            let Destination {
                page: note_page,
                y: note_y,
            } = lay.anchors[&name];
            // The reference mark is a link to the note; it is on the same page, above the note.
            let refs: Vec<(usize, f32)> = lay
                .doc
                .pages
                .iter()
                .enumerate()
                .flat_map(|(p, page)| page.links.iter().map(move |l| (p, l)))
                .filter(|(_, l)| matches!(l.target, LinkTarget::Page { page, y } if page == note_page && y == note_y))
                .map(|(p, l)| (p, l.rect.y))
                .collect();
            assert!(!refs.is_empty(), "no reference to {name}");
            for (p, y) in refs {
                assert_eq!(
                    p, note_page,
                    "{name}: referenced on page {p}, set on {note_page}"
                );
                assert!(y > note_y, "{name}: the note is above its reference");
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 2);
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let mut book = mini();
    let two = chapter_index(&book, "two.md");
    let Some(BlockKind::Table(table)) = book.chapters[two]
        .blocks
        .iter_mut()
        .map(|b| &mut b.kind)
        .find(|k| matches!(k, BlockKind::Table(_)))
    else {
        panic!("the fixture has a table");
    };
    let rows = table.rows.clone();
    for _ in 0..40 {
        table.rows.extend(rows.iter().cloned());
    }
    let lay = layout(&book, None);
    let with_rows: Vec<usize> = (0..lay.doc.pages.len())
        .filter(|p| page_text(&lay.doc.pages[*p]).contains("Urinalysis"))
        .collect();
    assert!(with_rows.len() >= 2, "the table spans pages: {with_rows:?}");
    for p in with_rows {
        assert!(
            page_text(&lay.doc.pages[p]).contains("Turnaround"),
            "page {p} lacks the header row"
        );
    }
}

#[test]
fn long_code_lines_wrap_visibly_and_a_missing_character_is_reported_with_its_line() {
    let mut book = mini();
    let one = chapter_index(&book, "one.md");
    let pos = crate::model::Pos { line: 7, column: 1 };
    book.chapters[one].blocks.push(Block {
        kind: BlockKind::CodeBlock {
            language: None,
            code: format!(
                "let url = \"https://example.com/{}\";\n",
                "segment/".repeat(30)
            ),
        },
        pos,
    });
    book.chapters[one].blocks.push(Block {
        kind: BlockKind::Paragraph(vec![crate::model::Inline::Text(
            "A face: \u{1F600}.".into(),
        )]),
        pos,
    });
    let mut diags = Diagnostics::new();
    let lay = inspect(&book, &PdfOptions::default(), &mut diags).expect("lays out");
    let all: String = lay.doc.pages.iter().map(page_text).collect();
    assert!(all.contains('\u{21AA}'), "a continuation marker");
    assert!(all.contains("segment/segment/"));
    let missing: Vec<_> = diags
        .items()
        .iter()
        .filter(|d| d.message.contains("U+1F600"))
        .collect();
    assert_eq!(missing.len(), 1, "{diags:?}");
    let loc = missing[0].location.as_ref().expect("located");
    assert_eq!(loc.file, book.chapters[one].source);
    assert_eq!(loc.line, 7);
}

#[test]
fn the_cover_image_never_overlaps_the_cover_text() {
    let mut diags = Diagnostics::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let book = crate::load_book(&root, &mut diags).expect("the mini book loads");
    let lay = layout(&book, None);
    let cover = &lay.doc.pages[0];
    let image = cover
        .items
        .iter()
        .find_map(|i| match i {
            PageItem::Image { rect, .. } => Some(*rect),
            _ => None,
        })
        .expect("the mini book's cover image is on the cover");
    let runs: Vec<&TextRun> = cover
        .items
        .iter()
        .filter_map(|i| match i {
            PageItem::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    assert!(runs.len() >= 4, "title, subtitle, authors, publisher");
    for run in runs {
        // The letters of a run reach from a quarter em below the baseline to 0.8 em above it.
        let (low, high) = (run.y - 0.25 * run.size, run.y + 0.8 * run.size);
        let clear = high <= image.y || low >= image.y + image.height;
        assert!(
            clear,
            "a run at y {} overlaps the image from {} to {}",
            run.y,
            image.y,
            image.y + image.height
        );
    }
}

/// The family names the name tables of a document's embedded fonts give, each once, in order.
fn embedded_families(doc: &crate::pdf::page::LaidOutDocument) -> Vec<String> {
    use rustybuzz::ttf_parser::{Face, name_id};
    let mut families: Vec<String> = Vec::new();
    for file in &doc.fonts {
        let face = Face::parse(file.bytes, 0).expect("an embedded font parses");
        let named = |id| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        let family = named(name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| named(name_id::FAMILY))
            .expect("a family name");
        if !families.contains(&family) {
            families.push(family);
        }
    }
    families
}

#[test]
fn the_colophon_names_exactly_the_typefaces_the_pdf_embeds() {
    for (book, has_code) in [(guide(), false), (mini(), true)] {
        let lay = layout(&book, None);
        let imprint = page_text(&lay.doc.pages[1]);
        let colophon = imprint
            .split("Typeset with quire in ")
            .nth(1)
            .and_then(|rest| rest.split('.').next())
            .expect("the imprint has a colophon");
        let families = embedded_families(&lay.doc);
        let named: Vec<&str> = colophon
            .split(", ")
            .flat_map(|part| part.split(" and "))
            .collect();
        assert_eq!(named, families, "{}: {colophon}", book.meta.title);
        assert_eq!(
            colophon.contains("DejaVu Sans Mono"),
            has_code,
            "{}: the mono face is named exactly when code is set in it",
            book.meta.title
        );
    }
}
