//! Closed list containers: lists and their items, definition lists and their terms and
//! details.

use super::stack::{FrameKind, Lowering, trim_inlines};
use crate::model::{Block, BlockKind, Definition, Inline, List, ListItem, Pos};

impl Lowering<'_> {
    pub(super) fn end_list(
        &mut self,
        start: Option<u64>,
        items: Vec<ListItem>,
        tight: bool,
        pos: Pos,
    ) {
        self.add_block(Block {
            kind: BlockKind::List(List {
                start,
                tight,
                items,
            }),
            pos,
        });
    }

    /// An item goes into its list; outside one (when flattened), its blocks go to the parent.
    pub(super) fn end_item(&mut self, task: Option<bool>, blocks: Vec<Block>, pos: Pos) {
        let item = ListItem { task, blocks, pos };
        if let FrameKind::List { items, .. } = &mut self.top().kind {
            items.push(item);
        } else {
            for block in item.blocks {
                self.add_block(block);
            }
        }
    }

    pub(super) fn end_definition_list(&mut self, definitions: Vec<Definition>, pos: Pos) {
        self.add_block(Block {
            kind: BlockKind::DefinitionList(definitions),
            pos,
        });
    }

    /// A term starts a new definition in its list.
    pub(super) fn end_definition_title(&mut self, inlines: Vec<Inline>, pos: Pos) {
        let term = trim_inlines(inlines);
        if let FrameKind::DefinitionList(definitions) = &mut self.top().kind {
            definitions.push(Definition {
                term,
                details: Vec::new(),
                pos,
            });
        }
    }

    /// A detail belongs to the last term; one before any term gets a definition of its own
    /// with no term.
    pub(super) fn end_definition_detail(&mut self, blocks: Vec<Block>, pos: Pos) {
        if let FrameKind::DefinitionList(definitions) = &mut self.top().kind {
            match definitions.last_mut() {
                Some(definition) => definition.details.push(blocks),
                None => definitions.push(Definition {
                    term: Vec::new(),
                    details: vec![blocks],
                    pos,
                }),
            }
        }
    }
}
