//! The PDF layout of the real guide, inspected as plain data (no PDF bytes): line widths,
//! total-fit against greedy breaking, pagination rules and contents links.

use std::path::Path;

use crate::Diagnostics;
use crate::model::{Block, BlockKind, Book, ChapterOpening};
use crate::pdf::fonts::{FontKey, FontSet};
use crate::pdf::inline::linebreak::{greedy, total_fit};
use crate::pdf::inline::{Builder, InlineContext, TextStyle};
use crate::pdf::layout::{Destination, Inspection, PageRole, inspect};
use crate::pdf::page::{LinkTarget, PageItem, Rgb, TextRun};
use crate::pdf::shape::Shaper;
use crate::pdf::{Paper, PdfOptions};

mod hyphens;
mod mini;
mod spacing;

pub(super) fn guide() -> Book {
    let mut diags = Diagnostics::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    let book = crate::load_book(&root, &mut diags);
    assert!(!diags.has_errors(), "{diags:?}");
    book.expect("the guide loads")
}

pub(super) fn layout(book: &Book, paper: Option<Paper>) -> Inspection {
    let mut diags = Diagnostics::new();
    let result = inspect(
        book,
        &PdfOptions {
            paper,
            ..PdfOptions::default()
        },
        &mut diags,
    );
    assert!(!diags.has_errors(), "{diags:?}");
    result.expect("the guide lays out")
}

/// The drawn width of a run, from the fonts' advances and the runs' TJ offsets.
pub(super) fn run_width(run: &TextRun, fonts: &[crate::fonts::FontFile]) -> f32 {
    let set = FontSet::get().expect("fonts");
    let file = fonts[run.font].file_name;
    let key = FontKey::ALL
        .into_iter()
        .find(|k| k.file().file_name == file)
        .expect("a built-in font");
    let face = set.face(key);
    run.glyphs
        .iter()
        .map(|g| (face.advance(g.gid) - g.offset / 1000.0) * run.size * run.scale)
        .sum()
}

/// Marks that may hang into the margins.
const HANGING: &str = "-.,:;!?\u{2013}\u{2014}\u{2018}\u{2019}\u{201c}\u{201d}\"'";

/// The drawn width of one glyph of a run.
pub(super) fn glyph_width(
    run: &TextRun,
    g: &crate::pdf::page::Glyph,
    fonts: &[crate::fonts::FontFile],
) -> f32 {
    let one = TextRun {
        glyphs: vec![g.clone()],
        ..run.clone()
    };
    run_width(&one, fonts)
}

/// A text run that ends a justified line: it reaches the right edge of the text block, or
/// hangs within a mark's width past it.
pub(super) struct LineEnd<'a> {
    pub page: usize,
    pub run: &'a TextRun,
    /// Where the run's glyphs end, and the text block's right edge.
    pub right: f32,
    pub edge: f32,
}

/// Every run of the text pages that ends a justified line, in page order.
pub(super) fn line_ends(lay: &Inspection) -> Vec<LineEnd<'_>> {
    let mut ends = Vec::new();
    for (page, items) in lay.doc.pages.iter().enumerate() {
        if !matches!(lay.roles[page], PageRole::Text { .. }) {
            continue;
        }
        let edge = lay.text_left[page] + lay.measure;
        for item in &items.items {
            let PageItem::Text(run) = item else { continue };
            let right = run.x + run_width(run, &lay.doc.fonts);
            if right >= edge - 0.5 {
                ends.push(LineEnd {
                    page,
                    run,
                    right,
                    edge,
                });
            }
        }
    }
    ends
}

#[test]
fn hyphens_commas_and_stops_hang_past_the_right_edge_and_letters_stay_on_it() {
    let book = guide();
    let lay = layout(&book, None);
    let (mut hung, mut flush) = (0, 0);
    for LineEnd {
        page: p,
        run,
        right,
        edge,
    } in line_ends(&lay)
    {
        let Some(last) = run.glyphs.last().and_then(|g| g.text.chars().last()) else {
            continue;
        };
        if run.size != 10.5 {
            continue;
        }
        if "-,.".contains(last) {
            assert!(
                right - edge >= 1.0,
                "page {p}: '{last}' hangs {}",
                right - edge
            );
            hung += 1;
        } else if last.is_alphabetic() {
            assert!(
                (right - edge).abs() < 0.05,
                "page {p}: letters end at {right}, not {edge}"
            );
            flush += 1;
        }
    }
    assert!(
        hung > 20 && flush > 50,
        "{hung} hanging, {flush} flush line ends"
    );
}

fn page_text(page: &crate::pdf::page::Page) -> String {
    page.items
        .iter()
        .filter_map(|i| match i {
            PageItem::Text(r) => Some(r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_text_runs_past_the_text_block_on_any_paper() {
    let book = guide();
    for paper in [None, Some(Paper::A4), Some(Paper::Letter)] {
        let lay = layout(&book, paper);
        let mut runs = 0;
        for (p, page) in lay.doc.pages.iter().enumerate() {
            if !matches!(lay.roles[p], PageRole::Text { .. }) {
                continue;
            }
            let left = lay.text_left[p];
            for item in &page.items {
                if let PageItem::Text(run) = item {
                    // A mark that hangs into the margin may pass it; the letters may not.
                    let hangs = |g: Option<&crate::pdf::page::Glyph>| {
                        g.filter(|g| g.text.chars().all(|c| HANGING.contains(c)))
                            .map_or(0.0, |g| glyph_width(run, g, &lay.doc.fonts))
                    };
                    let right = run.x + run_width(run, &lay.doc.fonts) - hangs(run.glyphs.last());
                    let x = run.x + hangs(run.glyphs.first());
                    assert!(
                        x >= left - 0.01,
                        "page {p}: run starts at {x} left of {left}"
                    );
                    assert!(
                        right <= left + lay.measure + 0.05,
                        "page {p} ({paper:?}): '{}' ends at {right}, past {}",
                        run.glyphs
                            .iter()
                            .map(|g| g.text.as_str())
                            .collect::<String>(),
                        left + lay.measure
                    );
                    runs += 1;
                }
            }
        }
        assert!(runs > 100, "only {runs} runs");
    }
}

#[test]
fn total_fit_is_never_worse_than_greedy_on_the_guides_first_paragraph() {
    let book = guide();
    let para = book.chapters[0]
        .blocks
        .iter()
        .find_map(|b: &Block| match &b.kind {
            BlockKind::Paragraph(inlines) => Some(inlines.clone()),
            _ => None,
        })
        .expect("a paragraph");
    let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
    // The default style's measure and body size.
    let lay = layout(&book, None);
    let mut b = Builder::new(&mut shaper, lay.measure);
    let cx = InlineContext {
        link_color: Rgb::BLACK,
        chapter_slugs: &[],
        chapter_slug: "x",
        footnote_ids: &[],
        image_sizes: &[],
        note_offset: 0,
    };
    b.inlines(
        &para,
        &TextStyle::new(FontKey::Regular, 10.5, Rgb::BLACK),
        &cx,
    );
    b.finish();
    let kp = total_fit(&b.items, lay.measure);
    let gr = greedy(&b.items, lay.measure);
    assert!(
        kp.positions.len() >= 5,
        "a long paragraph: {} lines",
        kp.positions.len()
    );
    // The paragraph sets within tolerance without hyphens, where first fit can be optimal too.
    assert!(
        kp.demerits <= gr.demerits,
        "total fit {} vs greedy {}",
        kp.demerits,
        gr.demerits
    );
    // Every line of the total-fit solution is within the adjustment limits (ratio >= -1).
    assert!(kp.ratios.iter().all(|r| *r >= -1.0));
}

#[test]
fn no_widow_orphan_or_heading_at_the_foot_of_a_page() {
    let book = guide();
    let lay = layout(&book, None);
    let mut checked = 0;
    for (p, units) in lay.page_units.iter().enumerate() {
        let Some(last) = units.last() else { continue };
        // The last page of a chapter (the next page opens another) has nothing to keep with.
        let next_opens = !matches!(
            lay.roles.get(p + 1),
            Some(PageRole::Text { opening: false, .. })
        );
        if next_opens {
            continue;
        }
        assert!(
            !last.keep_with_next,
            "page {p} ends inside a kept group (orphan, widow or heading)"
        );
        assert!(!last.anchored, "page {p} ends with a heading");
        checked += 1;
    }
    assert!(checked > 3, "only {checked} page breaks inside chapters");
}

#[test]
fn contents_entries_link_to_the_page_of_their_heading() {
    let book = guide();
    let lay = layout(&book, None);
    let toc_pages: Vec<usize> = (0..lay.doc.pages.len())
        .filter(|p| matches!(lay.roles[*p], PageRole::Text { chapter: None, .. }))
        .collect();
    assert!(!toc_pages.is_empty());
    let targets: Vec<usize> = toc_pages
        .iter()
        .flat_map(|p| &lay.doc.pages[*p].links)
        .filter_map(|l| match l.target {
            LinkTarget::Page { page, .. } => Some(page),
            _ => None,
        })
        .collect();
    assert_eq!(targets.len(), lay.toc.len(), "one link per entry");
    for ((anchor, label), target) in lay.toc.iter().zip(&targets) {
        let page = lay.anchors[anchor].page;
        assert_eq!(
            page, *target,
            "{anchor} links to page {target}, is on {page}"
        );
        assert_eq!(&lay.page_labels[page], label, "{anchor}: printed number");
        // The page shows the number the entry prints, and the heading's first word.
        let text = page_text(&lay.doc.pages[page]);
        assert!(
            text.contains(label.as_str()),
            "page {page} has no folio {label}"
        );
    }
    for ch in &book.chapters {
        let page = lay.anchors[&ch.slug].page;
        let first_word = ch
            .title_text()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        assert!(
            page_text(&lay.doc.pages[page]).contains(&first_word),
            "{}",
            ch.slug
        );
    }
}

#[test]
fn chapters_open_on_right_hand_pages_when_the_style_asks_and_labels_switch_to_arabic() {
    let mut book = guide();
    let style = &mut book.styles.print;
    assert_eq!(
        style.chapter_opening,
        ChapterOpening::RunOn,
        "the default brochure style"
    );
    style.chapter_opening = ChapterOpening::RightPage;
    style.page_multiple = 1;
    let lay = layout(&book, None);
    let mut openings = 0;
    for (p, role) in lay.roles.iter().enumerate() {
        if let PageRole::Text {
            opening: true,
            chapter,
        } = role
        {
            assert_eq!(p % 2, 0, "page {p} opens a chapter on a left-hand page");
            openings += usize::from(chapter.is_some());
        }
    }
    assert_eq!(openings, book.chapters.len());
    assert!(
        lay.roles.iter().any(|r| matches!(r, PageRole::Blank)),
        "a blank page where a chapter would open on the left"
    );
    let brochure = layout(&guide(), None);
    assert!(
        !brochure.roles.iter().any(|r| matches!(r, PageRole::Blank)),
        "the brochure wastes no page"
    );
    assert!(brochure.doc.pages.len() < lay.doc.pages.len());
    let first = lay.anchors[&book.chapters[0].slug].page;
    assert_eq!(lay.page_labels[first], "1");
    assert_eq!(lay.page_labels[0], "i");
    assert_eq!(lay.doc.labels.len(), 2);
    assert_eq!(lay.doc.labels[1].first_page, first);
    // The outline nests sections under their chapters.
    let ch = lay
        .doc
        .outline
        .iter()
        .find(|e| e.title.contains("Understanding"))
        .expect("chapter 2");
    assert!(!ch.children.is_empty());
    let appendix = lay
        .doc
        .outline
        .iter()
        .find(|e| e.title.starts_with("Appendix A"))
        .expect("appendix");
    assert!(appendix.children.len() >= 5, "questions under the appendix");
}

#[test]
fn layout_is_deterministic_and_every_word_is_placed() {
    let book = guide();
    let a = layout(&book, None);
    let b = layout(&book, None);
    assert_eq!(format!("{:?}", a.doc.pages), format!("{:?}", b.doc.pages));
    assert_eq!(a.doc.info.id, b.doc.info.id);
    // Every word of the book's text appears in the pages (hyphenated words re-joined).
    let all: String = a
        .doc
        .pages
        .iter()
        .map(page_text)
        .collect::<Vec<_>>()
        .join(" ");
    let joined = all.replace("- ", "").replace(['\u{00AD}'], "");
    let squashed: String = joined.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut missing = Vec::new();
    for word in book
        .text()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
    {
        if !squashed.contains(word) {
            missing.push(word.to_string());
        }
    }
    assert!(missing.is_empty(), "missing words: {missing:?}");
}

#[test]
fn justified_lines_expand_their_letters_by_at_most_the_expansion_and_display_text_never() {
    let book = guide();
    let lay = layout(&book, None);
    let (mut expanded, mut runs) = (0, 0);
    for page in &lay.doc.pages {
        for item in &page.items {
            let PageItem::Text(run) = item else { continue };
            runs += 1;
            let limit = crate::pdf::inline::EXPANSION + 1e-4;
            assert!(
                (1.0 - limit..=1.0 + limit).contains(&run.scale),
                "{}",
                run.scale
            );
            if run.size > 12.0 {
                assert_eq!(run.scale, 1.0, "a heading is not expanded");
            }
            expanded += usize::from(run.scale != 1.0);
        }
    }
    assert!(expanded * 4 > runs, "{expanded} of {runs} runs expanded");
}

#[test]
fn a_paragraph_that_cannot_be_justified_within_the_limits_is_a_warning_at_its_source_line() {
    let book = guide();
    let mut diags = Diagnostics::new();
    inspect(&book, &PdfOptions::default(), &mut diags).expect("the guide lays out");
    let strained: Vec<_> = diags
        .items()
        .iter()
        .filter(|d| d.message == crate::pdf::layout::STRAINED_MESSAGE)
        .collect();
    assert!(!strained.is_empty(), "the guide's narrow list items at A5");
    for d in strained {
        let at = d.location.as_ref().expect("a paragraph's place");
        let source = std::fs::read_to_string(&at.file).expect("the chapter file");
        let line = source.lines().nth(at.line as usize - 1).unwrap_or("");
        assert!(
            line.split_whitespace().count() > 3,
            "{at:?} is a paragraph: '{line}'"
        );
    }
    // The A5 design on an A4 sheet has a measure wide enough for every paragraph.
    let mut book = book;
    book.styles.papers.clear();
    let mut wide = Diagnostics::new();
    inspect(
        &book,
        &PdfOptions {
            paper: Some(Paper::A4),
            ..PdfOptions::default()
        },
        &mut wide,
    )
    .expect("lays out");
    assert!(
        !wide
            .items()
            .iter()
            .any(|d| d.message == crate::pdf::layout::STRAINED_MESSAGE),
        "{:?}",
        wide.items()
    );
}
