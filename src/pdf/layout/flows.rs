//! Stage: the chapters' flows of units and their footnotes. The chapters are split in two halves
//! of about equal text, built on two threads (each with its own shaping cache), joined in order.

use std::collections::{HashMap, HashSet};

use super::BookContext;
use super::missing::MissingChars;
use super::nested;
use super::opening::{Opening, opening};
use super::references::{Labels, with_references};
use super::url_notes::with_url_notes;
use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{Book, Chapter, ChapterKind, Footnote, ShowUrls};
use crate::pdf::blocks::tags::{DOCUMENT, chapter_flow, notes_flow};
use crate::pdf::blocks::{FlowBuilder, Tagger, Unit};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{
    Align, InlineContext, LinePlace, LineText, TextStyle, anchor_name, set_text_line,
};
use crate::pdf::page::{Mark, Node, NodeId, Role};
use crate::pdf::paginate::Notes;
use crate::pdf::shape::Shaper;

/// Numbers of a footnote hang in this indent, in em of the note size.
const NOTE_INDENT_EM: f32 = 1.5;
/// The most space between the paragraphs of one footnote, in note leadings: notes are set
/// tight, so that a page's notes take little of its text block.
const NOTE_PARAGRAPH_SPACE: f32 = 0.3;

/// Every chapter's flow, in book order, and every footnote's flow by (chapter, number).
pub struct ChapterFlows {
    pub flows: Vec<Vec<Unit>>,
    pub notes: Notes,
    /// The structure elements of the chapters and their notes.
    pub structure: Vec<Node>,
}

/// Build the flows of all chapters, on two threads: the first half with `shaper` (so that the
/// stages after this one find its words already shaped), the second with a shaper of its own.
pub fn build(
    book: &Book,
    cx: &BookContext,
    shaper: &mut Shaper,
    missing: &mut MissingChars,
    labels: &Labels,
    diags: &mut Diagnostics,
) -> Result<ChapterFlows, Failed> {
    let split = halfway(book);
    let (first, second) = book.chapters.split_at(split);
    let (mut built, later) = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let mut missing = MissingChars::default();
            let mut shaper = Shaper::new(cx.fonts);
            shaper.book_patterns = cx.patterns;
            shaper.right_to_left = cx.right_to_left;
            let built = chapter_flows(cx, &mut shaper, split, second, &mut missing, labels);
            (built, missing)
        });
        let built = chapter_flows(cx, shaper, 0, first, missing, labels);
        (built, worker.join())
    });
    let Ok((more, more_missing)) = later else {
        diags.error(None, "laying out the chapters failed");
        return Err(Failed);
    };
    missing.merge(more_missing);
    built.flows.extend(more.flows);
    built.notes.extend(more.notes);
    built.structure.extend(more.structure);
    nested::merge_nested(&book.chapters, &mut built.flows);
    Ok(built)
}

/// The index of the first chapter of the second half: the chapters before it hold about half
/// of the book's text. Counting blocks instead (a list is one block however long) left the
/// guide's first thread 3.1-3.6 ms of work and the second 1.7-1.8; by text each takes about 3.
fn halfway(book: &Book) -> usize {
    let sizes: Vec<usize> = book
        .chapters
        .iter()
        .map(|c| crate::model::block_text(&c.blocks).len())
        .collect();
    let total: usize = sizes.iter().sum();
    let mut seen = 0;
    for (i, size) in sizes.iter().enumerate() {
        if seen * 2 >= total {
            return i;
        }
        seen += size;
    }
    book.chapters.len()
}

/// Chapter `chapter`'s flow (which must not be nested, nor have nested chapters) set again,
/// its links printing `labels`: its units, its footnotes and its structure elements.
pub fn rebuild(
    book: &Book,
    cx: &BookContext,
    shaper: &mut Shaper,
    chapter: usize,
    labels: &Labels,
) -> ChapterFlows {
    let mut missing = MissingChars::default();
    let one = &book.chapters[chapter..=chapter];
    chapter_flows(cx, shaper, chapter, one, &mut missing, labels)
}

/// The flows of `chapters` (the first is chapter `first` of the book) and their footnotes.
fn chapter_flows(
    cx: &BookContext,
    shaper: &mut Shaper,
    first: usize,
    chapters: &[Chapter],
    missing: &mut MissingChars,
    labels: &Labels,
) -> ChapterFlows {
    let mut flows = Vec::new();
    let mut notes: Notes = HashMap::new();
    let mut structure = Vec::new();
    for (i, ch) in chapters.iter().enumerate() {
        let i = first + i;
        // The PDF's copy of the chapter, with the notes its links' addresses print in.
        let noted = (labels.links.show_urls == ShowUrls::Footnote)
            .then(|| with_url_notes(ch, cx.note_marks))
            .flatten();
        let ch = noted.as_ref().map_or(ch, |n| &n.chapter);
        let footnote_ids: Vec<String> = ch.footnotes.iter().map(|f| f.id.clone()).collect();
        let inline_cx = InlineContext {
            note_offset: cx.note_offsets.get(i).copied().unwrap_or(0),
            ..cx.inline_context(&ch.slug, &footnote_ids)
        };
        let mut tags = Tagger::new(chapter_flow(i), DOCUMENT);
        let sect = tags.open(Role::Sect);
        let mut fb = FlowBuilder::new(shaper, cx.style, inline_cx, i, Some(ch), missing, tags);
        // In an appendix (the FAQ) each question stays with its whole answer.
        fb.keep_answers = ch.kind == ChapterKind::Appendix;
        let printed;
        if ch.depth() > 0 {
            nested::nested_opening(&mut fb, ch);
            let blocks = nested::nested_blocks(ch);
            printed = with_references(&blocks, labels);
            let blocks = if printed.changed() {
                &printed.blocks
            } else {
                &blocks
            };
            fb.blocks(blocks, 0.0, cx.measure);
        } else {
            let label = ch.label(cx.strings);
            opening(
                &mut fb,
                Opening {
                    label: label.as_deref(),
                    title: &ch.title,
                    anchors: &[ch.slug.clone(), anchor_name(&ch.slug, Some(&ch.title_id))],
                    pos: ch.pos,
                },
            );
            printed = with_references(&ch.blocks, labels);
            let blocks = if printed.changed() {
                &printed.blocks
            } else {
                &ch.blocks
            };
            fb.blocks(blocks, 0.0, cx.measure);
        }
        let (mut units, tags) = fb.into_flow();
        printed.correct_word_counts(&mut units);
        if let Some(noted) = &noted {
            noted.correct_word_counts(&mut units);
        }
        structure.extend(tags.nodes);
        let mut note_tags = Tagger::new(notes_flow(i), sect);
        for note in &ch.footnotes {
            let (units, tags) =
                footnote_flow(cx, shaper, inline_cx, (i, ch), note, missing, note_tags);
            note_tags = tags;
            notes.insert((i, note.number), units);
        }
        structure.extend(note_tags.nodes);
        call_every_note(&mut units, &notes, i, ch.footnotes.len());
        flows.push(units);
    }
    ChapterFlows {
        flows,
        notes,
        structure,
    }
}

/// Make every footnote of chapter `chapter` called by a unit of its flow, so that each is set:
/// a note called from a note goes with the unit that calls the first, and a note nobody calls
/// goes with the chapter's last unit, after the others.
fn call_every_note(units: &mut [Unit], notes: &Notes, chapter: usize, count: usize) {
    let called_by_note = |key: &(usize, u32)| -> Vec<(usize, u32)> {
        let note_units = notes.get(key).map(Vec::as_slice).unwrap_or_default();
        note_units
            .iter()
            .flat_map(|u| u.notes.iter().copied())
            .collect()
    };
    let mut called: HashSet<(usize, u32)> = HashSet::new();
    for unit in units.iter_mut() {
        let mut at = 0;
        while at < unit.notes.len() {
            let key = unit.notes[at];
            for nested in called_by_note(&key) {
                if !unit.notes.contains(&nested) && !called.contains(&nested) {
                    unit.notes.push(nested);
                }
            }
            at += 1;
        }
        called.extend(unit.notes.iter().copied());
    }
    let Some(last) = units.last_mut() else {
        return;
    };
    for number in 1..=count as u32 {
        let key = (chapter, number);
        if called.insert(key) {
            last.notes.push(key);
        }
    }
}

/// One footnote's units: its blocks in the note size, indented, its number hanging in the
/// indent on the first baseline; a Note element (made with `tags`) holds them.
fn footnote_flow(
    cx: &BookContext,
    shaper: &mut Shaper,
    inline_cx: InlineContext,
    (chapter, ch): (usize, &Chapter),
    note: &Footnote,
    missing: &mut MissingChars,
    mut tags: Tagger,
) -> (Vec<Unit>, Tagger) {
    let style = cx.note_style;
    let indent = style.body_size * NOTE_INDENT_EM;
    let anchor = anchor_name(&ch.slug, Some(&note.id));
    let note_node: NodeId = tags.open(Role::Note);
    if let Some(node) = tags.node_mut(note_node) {
        node.element_id = Some(anchor.clone());
    }
    let label = tags.add(Role::Lbl);
    let mut fb = FlowBuilder::new(shaper, style, inline_cx, chapter, Some(ch), missing, tags);
    fb.blocks(&note.blocks, indent, cx.measure - indent);
    let (mut units, mut tags) = fb.into_flow();
    tags.close();
    if let Some(first) = units.first_mut() {
        first.space_before = 0.0;
        first.anchors.push((anchor, 0.0));
        let number = TextStyle::new(FontKey::Regular, style.body_size, cx.style.text_color);
        let place = LinePlace {
            x: 0.0,
            baseline: -first.baseline,
            measure: cx.measure,
            align: Align::Left,
        };
        let text = format!("{}.", note.number + inline_cx.note_offset);
        let mut number = set_text_line(shaper, LineText::Words(&text), &number, place);
        Tagger::mark_unassigned(&mut number, Mark::Content(label));
        // The number is read first.
        first.items.splice(0..0, number);
    }
    for u in units.iter_mut().skip(1) {
        u.space_before = u.space_before.min(style.leading * NOTE_PARAGRAPH_SPACE);
    }
    (units, tags)
}
