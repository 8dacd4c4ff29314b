//! Chapters nested in another (mdBook's `SUMMARY.md`): in print each is a section of the
//! chapter it is nested in, on from its pages rather than on a new one. Its title is set as a
//! heading one level below its parent's sections' ("2.1 Title"), its own headings one level
//! further down, and its units follow its top-level chapter's in that chapter's flow.

use crate::model::{Block, BlockKind, Chapter, Heading, Inline};
use crate::pdf::blocks::{FlowBuilder, Unit};

/// The deepest heading level the print style has.
const DEEPEST_LEVEL: u8 = 6;
/// Space above a nested chapter's title, in leadings: that above a level-2 heading.
const NESTED_TITLE_SPACE: f32 = 1.6;

/// The opening of a nested chapter: its number and title as a heading, carrying the anchor a
/// link to the chapter lands on.
pub fn nested_opening(fb: &mut FlowBuilder, ch: &Chapter) {
    let depth = ch.depth();
    let mut content = Vec::with_capacity(ch.title.len() + 1);
    if let Some(number) = ch.nesting.nested_number() {
        content.push(Inline::Text(format!("{number} ")));
    }
    content.extend(ch.title.iter().cloned());
    let heading = Block {
        kind: BlockKind::Heading(Heading {
            level: shifted_level(1, depth),
            id: ch.title_id.clone(),
            classes: Vec::new(),
            content,
        }),
        pos: ch.pos,
    };
    let before = fb.units.len();
    fb.blocks(std::slice::from_ref(&heading), 0.0, fb.style.measure());
    if let Some(first) = fb.units.get_mut(before) {
        first.anchors.insert(0, (ch.slug.clone(), 0.0));
        first.space_before = fb.style.leading * NESTED_TITLE_SPACE;
    }
    // The title is the chapter's opening, where the EPUB's page for it begins.
    for unit in &mut fb.units[before..] {
        unit.source = None;
    }
}

/// A level moved `depth` levels down, no deeper than the style has.
fn shifted_level(level: u8, depth: usize) -> u8 {
    let depth = u8::try_from(depth).unwrap_or(DEEPEST_LEVEL);
    level.saturating_add(depth).min(DEEPEST_LEVEL)
}

/// A nested chapter's blocks with their headings moved down by its depth, under its title.
pub fn nested_blocks(ch: &Chapter) -> Vec<Block> {
    let depth = ch.depth();
    ch.blocks
        .iter()
        .cloned()
        .map(|mut block| {
            if let BlockKind::Heading(h) = &mut block.kind {
                h.level = shifted_level(h.level, depth);
            }
            block
        })
        .collect()
}

/// Move each nested chapter's units to the end of its top-level chapter's flow, leaving its own
/// flow empty (no pages of its own).
pub fn merge_nested(chapters: &[Chapter], flows: &mut [Vec<Unit>]) {
    let mut top = None;
    for (i, ch) in chapters.iter().enumerate() {
        if ch.depth() == 0 {
            top = Some(i);
            continue;
        }
        let Some(parent) = top else {
            continue;
        };
        let mut units = std::mem::take(&mut flows[i]);
        for unit in &mut units {
            unit.source_chapter = Some(i);
        }
        flows[parent].extend(units);
    }
}
