//! Stage: the chapters grouped into runs and paginated (fitted to the page multiple) until the
//! page references their links print (`[links] show-page`) are those of the pages their
//! targets land on: the chapters with references are set again with the labels one
//! pagination found, and paginated again, until no label changes (a few passes at most).

use std::collections::HashMap;

use super::BookContext;
use super::chapters::{self, anchor_labels, replace_chapter};
use super::fit::{self, Fitted};
use super::flows::{self, ChapterFlows};
use super::missing::MissingChars;
use super::place::Run;
use super::references::Labels;
use crate::diagnostic::Diagnostics;
use crate::model::Book;
use crate::pdf::blocks::tags::{chapter_flow, notes_flow};
use crate::pdf::page::Node;
use crate::pdf::paginate::Notes;
use crate::pdf::shape::Shaper;

/// The most times the chapters with references are set again: a label that changes the
/// pagination that changed it settles in one or two more.
const MAX_PASSES: usize = 3;

/// The chapters' runs and their pagination, after `front_pages` pages, with every page
/// reference right; `notes` and `structure` get the footnotes and elements of chapters set again.
pub fn settle(
    book: &Book,
    cx: &BookContext,
    shaper: &mut Shaper,
    flows: Vec<Vec<crate::pdf::blocks::Unit>>,
    notes: &mut Notes,
    structure: &mut Vec<Node>,
    front_pages: usize,
) -> (Vec<Run>, Fitted) {
    let style = cx.style;
    let mut runs = chapters::runs(book, style, flows);
    let fit = |runs: &[Run], notes: &Notes| {
        crate::timing::phase("pdf: fit the page count", || {
            fit::fit(style, runs, notes, front_pages)
        })
    };
    let mut fitted = fit(&runs, notes);
    let base = Labels {
        links: style.links,
        strings: &book.strings,
        chapters: &book.chapters,
        labels: None,
    };
    let referring: Vec<(usize, Vec<String>)> = book
        .chapters
        .iter()
        .enumerate()
        .map(|(i, ch)| (i, base.anchors_in(&ch.blocks)))
        .filter(|(_, anchors)| !anchors.is_empty())
        .collect();
    if !style.links.show_page || referring.is_empty() {
        return (runs, fitted);
    }
    let nested = book.chapters.iter().any(|c| c.depth() > 0);
    // The labels each chapter's references were set with (none: placeholders).
    let mut set_with: HashMap<usize, Vec<String>> = HashMap::new();
    for _ in 0..MAX_PASSES {
        let labels = anchor_labels(book, style, &runs, &fitted, front_pages);
        let now = |anchors: &[String]| -> Vec<String> {
            let label = |a: &String| labels.get(a).cloned().unwrap_or_default();
            anchors.iter().map(label).collect()
        };
        let stale: Vec<(usize, Vec<String>)> = referring
            .iter()
            .map(|(i, anchors)| (*i, now(anchors)))
            .filter(|(i, labels)| set_with.get(i) != Some(labels))
            .collect();
        if stale.is_empty() {
            break;
        }
        let printing = Labels {
            labels: Some(&labels),
            ..base
        };
        if nested {
            // A nested chapter's units are set in its parent's flow: every flow is set again.
            let mut missing = MissingChars::default();
            let mut quiet = Diagnostics::new();
            let Ok(built) = flows::build(book, cx, shaper, &mut missing, &printing, &mut quiet)
            else {
                break;
            };
            let ChapterFlows {
                flows,
                notes: built_notes,
                structure: built_structure,
            } = built;
            notes.extend(built_notes);
            *structure = built_structure;
            runs = chapters::runs(book, style, flows);
        } else {
            for (i, _) in &stale {
                let rebuilt = flows::rebuild(book, cx, shaper, *i, &printing);
                notes.extend(rebuilt.notes);
                replace_elements(structure, *i, rebuilt.structure);
                let units = rebuilt.flows.into_iter().next().unwrap_or_default();
                replace_chapter(style, &mut runs, *i, units);
            }
        }
        set_with.extend(stale);
        fitted = fit(&runs, notes);
    }
    (runs, fitted)
}

/// Put chapter `chapter`'s elements (and its notes'), made again, in place of its old ones.
fn replace_elements(structure: &mut Vec<Node>, chapter: usize, elements: Vec<Node>) {
    let flows = [chapter_flow(chapter), notes_flow(chapter)];
    let first = structure.iter().position(|n| flows.contains(&n.id.flow));
    structure.retain(|n| !flows.contains(&n.id.flow));
    let at = first.unwrap_or(structure.len()).min(structure.len());
    structure.splice(at..at, elements);
}
