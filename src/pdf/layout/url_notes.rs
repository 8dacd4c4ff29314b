//! `[links] show-urls = "footnote"`: in print, an external link whose text is not its address
//! gets a footnote that prints the address, set as a link to it. The notes go into the PDF's
//! copy of the chapter (the EPUB, whose links can be followed, keeps the model's), numbered
//! with the chapter's own notes in reading order; the words their marks add to a paragraph are
//! taken out of the word counts the EPUB's page list uses.
//!
//! A link inside a footnote prints its address after its text instead: a note of a note would
//! send the reader to the foot of the page twice. A link in a heading prints nothing: headings
//! carry no note marks.

mod marks;

use std::collections::HashMap;

use self::marks::Marking;
pub use self::marks::{MarkPlace, mark_place};
use super::references::{AddedWords, is_its_address, take_out_added};
use crate::model::{Block, BlockKind, Chapter, Footnote, Inline, LinkTarget, Pos, walk};
use crate::pdf::blocks::Unit;

/// A chapter as the PDF sets it with its links' notes, and the words their marks add.
pub struct WithUrlNotes {
    pub chapter: Chapter,
    added: AddedWords,
}

impl WithUrlNotes {
    /// Take the words the marks add out of the word counts of `units`' starts, so that the
    /// EPUB's page markers, which count the model's words, stand before the same word.
    pub fn correct_word_counts(&self, units: &mut [Unit]) {
        take_out_added(&self.added, units);
    }
}

/// `chapter` with a note for each external link whose text is not its address, the notes
/// numbered with its own in reading order; None when it has no such link.
pub fn with_url_notes(chapter: &Chapter, place: MarkPlace) -> Option<WithUrlNotes> {
    let own = chapter.footnotes.len() as u32;
    let mut marking = Marking::new(place, own + 1);
    let blocks = marking.blocks(&chapter.blocks);
    if marking.urls.is_empty() {
        return None;
    }
    let mut copy = Chapter {
        blocks,
        footnotes: Vec::new(),
        ..chapter.clone()
    };
    let mut notes: Vec<Footnote> = chapter
        .footnotes
        .iter()
        .map(|note| Footnote {
            blocks: note.blocks.iter().map(addresses_after_links).collect(),
            ..note.clone()
        })
        .collect();
    for (k, (url, pos)) in marking.urls.iter().enumerate() {
        notes.push(url_note(own + 1 + k as u32, k + 1, url, *pos));
    }
    copy.footnotes = notes;
    renumber(&mut copy);
    Some(WithUrlNotes {
        chapter: copy,
        added: marking.added,
    })
}

/// The note of the chapter's `k`th link given one (from 1), to `url`, numbered `number` until
/// the notes are numbered in reading order: the address, set as a link to itself (the line
/// breaker breaks a linked address only at its punctuation, and never hyphenates it).
fn url_note(number: u32, k: usize, url: &str, pos: Pos) -> Footnote {
    let link = Inline::Link {
        target: LinkTarget::External(url.to_string()),
        title: String::new(),
        content: vec![Inline::Text(url.to_string())],
        pos,
    };
    Footnote {
        label: String::new(),
        number,
        // Unlike the model's notes' `fn-N`, which the PDF's copy keeps for links to them.
        id: format!("fn-url-{k}"),
        ref_id: format!("fnref-url-{k}"),
        blocks: vec![Block {
            kind: BlockKind::Paragraph(vec![link]),
            pos,
        }],
        pos,
    }
}

/// Number the chapter's notes in order of first reference, as the loader does: the text's
/// references first, then those inside notes after the notes before them; notes nobody
/// references keep their order after the others.
fn renumber(chapter: &mut Chapter) {
    let mut order: Vec<u32> = Vec::new();
    let note = |number: u32, order: &mut Vec<u32>| {
        if !order.contains(&number) {
            order.push(number);
        }
    };
    let count = chapter.footnotes.len() as u32;
    // A reference to a note not defined (reported by the loader) keeps its number.
    let refs_in = |blocks: &[Block]| -> Vec<u32> {
        walk::walk_blocks(blocks)
            .nodes()
            .filter_map(|n| match n.inline() {
                Some(Inline::FootnoteRef { number, .. }) => Some(*number),
                _ => None,
            })
            .filter(|number| (1..=count).contains(number))
            .collect()
    };
    for number in refs_in(&chapter.blocks) {
        note(number, &mut order);
    }
    let mut at = 0;
    while at < order.len() {
        let held = chapter.footnotes.get(order[at] as usize - 1);
        for number in held.map(|n| refs_in(&n.blocks)).unwrap_or_default() {
            note(number, &mut order);
        }
        at += 1;
    }
    for number in 1..=count {
        note(number, &mut order);
    }
    let new: HashMap<u32, u32> = order
        .iter()
        .enumerate()
        .map(|(i, old)| (*old, i as u32 + 1))
        .collect();
    let mut old_notes: Vec<Option<Footnote>> = std::mem::take(&mut chapter.footnotes)
        .into_iter()
        .map(Some)
        .collect();
    chapter.footnotes = order
        .iter()
        .filter_map(|old| old_notes.get_mut(*old as usize - 1)?.take())
        .collect();
    chapter.for_each_inline_mut(|inline| {
        if let Inline::FootnoteRef { number, .. } = inline
            && let Some(n) = new.get(number)
        {
            *number = *n;
        }
    });
    for note in &mut chapter.footnotes {
        note.number = new.get(&note.number).copied().unwrap_or(note.number);
    }
}

/// A note's block with each external link that is not its address followed by it, in
/// parentheses.
fn addresses_after_links(block: &Block) -> Block {
    let mut block = block.clone();
    walk::walk_blocks_mut(std::slice::from_mut(&mut block), &mut AddressesAfter);
    block
}

/// Puts an address after each link of a run whose text is not it.
struct AddressesAfter;

impl walk::VisitMut for AddressesAfter {
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        let mut at = 0;
        while at < inlines.len() {
            if let Inline::Link {
                target: LinkTarget::External(url),
                content,
                ..
            } = &inlines[at]
                && !is_its_address(&crate::model::plain_text(content), url)
            {
                let address = Inline::Text(format!(" ({url})"));
                inlines.insert(at + 1, address);
                at += 1;
            }
            at += 1;
        }
    }
}

#[cfg(test)]
#[path = "url_notes_tests.rs"]
mod tests;
