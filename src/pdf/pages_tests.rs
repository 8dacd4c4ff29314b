//! The guide's pages inspected as layout data (no PDF bytes): the baseline grid, merged
//! spaces, page feet, chapters that run on and the page count fitted to the fold.

use super::layout_tests::{guide, layout};
use crate::model::{Book, ChapterKind};
use crate::pdf::Paper;
use crate::pdf::fonts::FontKey;
use crate::pdf::layout::{Inspection, PageRole};
use crate::pdf::page::{Mark, PageItem};
use crate::pdf::style::on_paper;

/// A book of the reference corpus (`tests/layout/`).
fn corpus_case(name: &str) -> Book {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/layout")
        .join(name);
    let source = if dir.join("book.toml").exists() {
        dir
    } else {
        dir.join("book.md")
    };
    let mut diags = crate::Diagnostics::new();
    let book = crate::load_book(&source, &mut diags);
    assert!(!diags.has_errors(), "{diags:?}");
    book.expect("the case loads")
}

/// How far a baseline may be from the grid, in points.
const ON_GRID: f32 = 0.5;

/// The baselines of running text on each page of chapter text: runs in the body faces at the
/// body size that are content (not heads, folios or footnotes).
fn body_baselines(book: &Book, lay: &Inspection, paper: Option<Paper>) -> Vec<(usize, Vec<f32>)> {
    let style = on_paper(&book.styles, paper, &mut crate::Diagnostics::new()).expect("fits");
    let body_faces: Vec<&str> = [
        FontKey::Regular,
        FontKey::Italic,
        FontKey::Bold,
        FontKey::BoldItalic,
    ]
    .map(|k| k.file().file_name)
    .into();
    let mut pages = Vec::new();
    for (p, page) in lay.doc.pages.iter().enumerate() {
        let PageRole::Text {
            chapter: Some(_), ..
        } = lay.roles[p]
        else {
            continue;
        };
        let mut baselines: Vec<f32> = page
            .items
            .iter()
            .filter_map(|item| match item {
                PageItem::Text(run)
                    if matches!(run.mark, Mark::Content(_))
                        && (run.size - style.body_size).abs() < 0.01
                        && body_faces.contains(&lay.doc.fonts[run.font].file_name) =>
                {
                    Some(run.y)
                }
                _ => None,
            })
            .collect();
        baselines.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        pages.push((p, baselines));
    }
    pages
}

#[test]
fn every_body_line_is_on_the_baseline_grid_after_headings_lists_and_blocks() {
    for paper in [
        None,
        Some(crate::pdf::Paper::A4),
        Some(crate::pdf::Paper::Letter),
    ] {
        let book = guide();
        let lay = layout(&book, paper);
        let leading = lay.frame.leading;
        let style = on_paper(&book.styles, paper, &mut crate::Diagnostics::new()).expect("fits");
        let top = lay.doc.page_height - style.margin_top;
        let pages = body_baselines(&book, &lay, paper);
        let lines: usize = pages.iter().map(|(_, b)| b.len()).sum();
        assert!(lines > 100, "{lines} body lines found ({paper:?})");
        for (p, baselines) in &pages {
            for y in baselines {
                let n = (top - y) / leading;
                let off = (n - n.round()).abs() * leading;
                assert!(
                    off <= ON_GRID && n.round() >= 1.0,
                    "page {p} ({paper:?}): a baseline at {y:.2} is {n:.3} leadings below the top"
                );
            }
        }
    }
}

#[test]
fn stacked_spaces_merge_an_appendix_title_and_a_question_get_the_space_after_a_title() {
    let book = guide();
    let lay = layout(&book, None);
    let leading = book.styles.print.leading;
    let faq = book
        .chapters
        .iter()
        .position(|c| c.kind == ChapterKind::Appendix)
        .expect("the FAQ");
    let at = lay.anchors[&book.chapters[faq].slug];
    let units = &lay.page_units[at.page];
    // The chapter's anchor is on its first unit; the first question is the next anchored one.
    let top = lay.doc.page_height - book.styles.print.margin_top - at.y;
    let opening = units
        .iter()
        .position(|u| u.anchored && (u.top - top).abs() < 0.01)
        .expect("the appendix opens here");
    let question = opening
        + 1
        + units[opening + 1..]
            .iter()
            .position(|u| u.anchored)
            .expect("a question on the opening page");
    let title = &units[question - 1];
    let gap = units[question].top - (title.top + title.height);
    let after_title = 2.0 * leading;
    assert!(
        (units[question].space_before - after_title).abs() < 0.01,
        "{:.2} pt asked above the appendix's first question: the larger of the two spaces (2 \
         leadings after a title, 1 above a question), not their sum",
        units[question].space_before
    );
    // On the page the space moves the question to a grid line: it shrinks by at most half a
    // leading, or grows by less than one.
    let scaled = after_title * lay.frame.space_scale;
    assert!(
        gap >= scaled - leading / 2.0 - 0.01 && gap < scaled + leading,
        "{gap:.2} pt between the title and the question"
    );
}

#[test]
fn a_page_that_continues_a_chapter_ends_within_a_line_of_the_foot() {
    let mut checked = pages_ending_at_the_foot(&layout(&guide(), None));
    for case in [
        "01-widow-and-orphan",
        "02-heading-kept-with-text",
        "04-faq-long-answer",
        "12-list-item-page-break",
    ] {
        checked += pages_ending_at_the_foot(&layout(&corpus_case(case), None));
    }
    assert!(checked >= 4, "{checked} pages continue a chapter");
}

/// Checks that every page of `lay` whose chapter goes on over the page (not with a heading)
/// ends within a line of the text block's foot; returns how many pages it checked.
fn pages_ending_at_the_foot(lay: &Inspection) -> usize {
    let foot = lay.frame.body_height;
    let leading = lay.frame.leading;
    let mut checked = 0;
    for p in 0..lay.roles.len().saturating_sub(1) {
        let (
            PageRole::Text {
                chapter: Some(a), ..
            },
            PageRole::Text {
                chapter: Some(b),
                opening,
            },
        ) = (lay.roles[p], lay.roles[p + 1])
        else {
            continue;
        };
        // The chapter goes on, and the next page does not begin with a heading.
        let next_heading = lay.page_units[p + 1].first().is_some_and(|u| u.anchored);
        if a != b || opening || next_heading {
            continue;
        }
        let last = lay.page_units[p].last().expect("units on a text page");
        let bottom = last.top + last.height;
        assert!(
            bottom >= foot - leading - ON_GRID,
            "page {p} ends {:.1} pt above the foot of its text block",
            foot - bottom
        );
        checked += 1;
    }
    checked
}

#[test]
fn chapters_run_on_and_the_guide_fits_three_folded_sheets_with_no_blank_page() {
    let book = guide();
    let lay = layout(&book, None);
    let pages = lay.doc.pages.len();
    assert_eq!(book.styles.print.page_multiple, 4);
    assert!(pages <= 12 && pages.is_multiple_of(4), "{pages} pages");
    assert_eq!(lay.fold_blanks, 0);
    assert!(!lay.roles.iter().any(|r| matches!(r, PageRole::Blank)));
    // Chapters open mid-page, and the book is shorter than with each chapter on a new page.
    let mid_page = book
        .chapters
        .iter()
        .filter(|c| {
            let page = lay.anchors[&c.slug].page;
            !matches!(lay.roles[page], PageRole::Text { opening: true, .. })
        })
        .count();
    assert!(mid_page >= 3, "{mid_page} chapters open mid-page");
    let mut new_pages = book.clone();
    new_pages.styles.print.chapter_opening = crate::model::ChapterOpening::NewPage;
    new_pages.styles.print.page_multiple = 1;
    assert!(layout(&new_pages, None).doc.pages.len() > pages + 2);
    let contents = lay
        .roles
        .iter()
        .filter(|r| matches!(r, PageRole::Text { chapter: None, .. }))
        .count();
    assert_eq!(contents, 1, "the contents on one page");
}

#[test]
fn an_internal_link_prints_the_label_of_the_page_it_leads_to() {
    use crate::pdf::page::LinkTarget;
    let book = guide();
    assert!(book.styles.print.links.show_page);
    let mut checked = 0;
    for paper in [None, Some(Paper::A4)] {
        let lay = layout(&book, paper);
        for (p, page) in lay.doc.pages.iter().enumerate() {
            if !matches!(
                lay.roles[p],
                PageRole::Text {
                    chapter: Some(_),
                    ..
                }
            ) {
                continue;
            }
            let runs: Vec<(&crate::pdf::page::TextRun, String)> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    PageItem::Text(run) => {
                        Some((run, run.glyphs.iter().map(|g| g.text.as_str()).collect()))
                    }
                    _ => None,
                })
                .collect();
            for link in &page.links {
                let LinkTarget::Page { page: to, .. } = link.target else {
                    continue;
                };
                let r = &link.rect;
                // The link's own text: the last run inside its area; the reference follows.
                let inside = |run: &crate::pdf::page::TextRun| {
                    run.y >= r.y - 0.5
                        && run.y <= r.y + r.height + 0.5
                        && run.x >= r.x - 0.5
                        && run.x < r.x + r.width
                };
                let last = runs
                    .iter()
                    .rposition(|(run, _)| inside(run))
                    .expect("the link's text under its area");
                let after: String = runs[last + 1..]
                    .iter()
                    .take(6)
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let printed = after
                    .split_once("p.\u{a0}")
                    .map(|(_, rest)| rest.chars().take_while(|c| *c != ')').collect::<String>())
                    .unwrap_or_else(|| {
                        panic!("page {p}: no page reference after a link: {after:?}")
                    });
                assert_eq!(
                    printed, lay.page_labels[to],
                    "page {p} ({paper:?}): a link to page index {to} prints p. {printed}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "{checked} links checked");
}
