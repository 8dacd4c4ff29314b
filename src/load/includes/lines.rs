//! Lines after an include keep their numbers: the expanded text's lines are mapped back to the
//! lines of the file as written (an included line to the directive's), and the positions of a
//! lowered file and the diagnostics about it are moved back by that map.

use std::path::Path;

use crate::diagnostic::{Diagnostics, LineIndex};
use crate::markdown::Document;
use crate::model::walk::{self, VisitMut};
use crate::model::{Block, BlockKind, Inline, Pos};

/// Where a run of the expanded text comes from.
#[derive(Debug, Clone, Copy)]
pub enum From {
    /// The file as written, from this byte on.
    Written(usize),
    /// An include, at this line of the file.
    Included(u32),
}

/// A run of the expanded text: where it begins there, and where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub at: usize,
    pub from: From,
}

/// For each line of the expanded text (from 1), the line of the file as written.
pub struct LineMap {
    original: Vec<u32>,
}

impl LineMap {
    pub fn new(written: &str, expanded: &str, segments: &[Segment]) -> Self {
        let lines = LineIndex::new(written);
        let starts = std::iter::once(0).chain(expanded.match_indices('\n').map(|(i, _)| i + 1));
        let original = starts
            .map(|offset| {
                let index = segments
                    .partition_point(|s| s.at <= offset)
                    .saturating_sub(1);
                match segments.get(index).map(|s| (s.at, s.from)) {
                    Some((at, From::Written(start))) => lines.line_column(start + offset - at).0,
                    Some((_, From::Included(line))) => line,
                    None => 1,
                }
            })
            .collect();
        LineMap { original }
    }

    fn line(&self, expanded: u32) -> u32 {
        let index = (expanded as usize).saturating_sub(1);
        self.original.get(index).copied().unwrap_or(expanded)
    }

    fn pos(&self, pos: &mut Pos) {
        pos.line = self.line(pos.line);
    }

    /// Move the positions of `document` back to the file as written.
    pub fn remap_document(&self, document: &mut Document) {
        walk::walk_blocks_mut(&mut document.blocks, &mut Remap(self));
        for (_, blocks, pos) in &mut document.footnotes {
            self.pos(pos);
            walk::walk_blocks_mut(blocks, &mut Remap(self));
        }
    }

    /// Push `found` into `diags`, those about `file` moved back to the file as written.
    pub fn remap_diagnostics(&self, file: &Path, found: Diagnostics, diags: &mut Diagnostics) {
        for mut diagnostic in found.items().iter().cloned() {
            if let Some(location) = &mut diagnostic.location
                && location.file == file
            {
                location.line = self.line(location.line);
            }
            diags.push(diagnostic);
        }
    }
}

struct Remap<'a>(&'a LineMap);

impl VisitMut for Remap<'_> {
    fn block(&mut self, block: &mut Block) {
        self.0.pos(&mut block.pos);
        match &mut block.kind {
            BlockKind::List(list) => list.items.iter_mut().for_each(|i| self.0.pos(&mut i.pos)),
            BlockKind::DefinitionList(definitions) => {
                definitions.iter_mut().for_each(|d| self.0.pos(&mut d.pos))
            }
            BlockKind::Figure(image) => self.0.pos(&mut image.pos),
            _ => {}
        }
    }

    fn inline(&mut self, inline: &mut Inline) {
        match inline {
            Inline::Link { pos, .. } | Inline::FootnoteRef { pos, .. } => self.0.pos(pos),
            Inline::Image(image) => self.0.pos(&mut image.pos),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_after_an_include_keep_their_numbers() {
        let written = "a\n{{#include x}}\nb\n";
        let expanded = "a\none\ntwo\nb\n";
        let segments = [
            Segment {
                at: 0,
                from: From::Written(0),
            },
            Segment {
                at: 2,
                from: From::Included(2),
            },
            Segment {
                at: 9,
                from: From::Written(17),
            },
        ];
        let map = LineMap::new(written, expanded, &segments);
        assert_eq!(map.original, [1, 2, 2, 3, 4]);
    }
}
