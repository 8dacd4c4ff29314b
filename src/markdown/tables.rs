//! Closed table containers: a cell goes into its row or header, a row into its table.

use super::stack::{FrameKind, Lowering, trim_inlines};
use crate::model::{Alignment, Block, BlockKind, Inline, Pos, Table};

impl Lowering<'_> {
    pub(super) fn end_table(
        &mut self,
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        pos: Pos,
    ) {
        self.add_block(Block {
            kind: BlockKind::Table(Table {
                alignments,
                header,
                rows,
            }),
            pos,
        });
    }

    pub(super) fn end_table_head(&mut self, cells: Vec<Vec<Inline>>) {
        if let FrameKind::Table { header, .. } = &mut self.top().kind {
            *header = cells;
        }
    }

    pub(super) fn end_table_row(&mut self, cells: Vec<Vec<Inline>>) {
        if let FrameKind::Table { rows, .. } = &mut self.top().kind {
            rows.push(cells);
        }
    }

    pub(super) fn end_table_cell(&mut self, inlines: Vec<Inline>) {
        let cell = trim_inlines(inlines);
        if let FrameKind::TableHead(cells) | FrameKind::TableRow(cells) = &mut self.top().kind {
            cells.push(cell);
        }
    }
}
