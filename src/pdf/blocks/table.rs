//! Tables: column widths fitted to the measure, each row one unit of its cells' lines, the
//! header row shaded and repeated at the top of every page the table continues on.

use std::sync::Arc;

use super::{FRAME_RULE, FlowBuilder, HAIRLINE, Unit};
use crate::model::{Alignment, Inline, Table};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{Align, Builder, TextStyle};
use crate::pdf::page::{Artifact, Mark, PageItem, Rect, Rgb, Role};

/// Padding inside table cells, in points.
const CELL_PAD: f32 = 3.0;
/// The rules between body rows: lighter than a hairline, so that rows read as lines of text.
const ROW_RULE: f32 = HAIRLINE * 0.6;
/// Tables are set a little smaller than the text.
const TABLE_SIZE: f32 = 0.9;
/// A cell's first baseline below the cell's padding, in leadings.
const CELL_BASELINE: f32 = 0.78;

impl FlowBuilder<'_> {
    pub(super) fn table(&mut self, table: &Table, x: f32, measure: f32, pos: crate::model::Pos) {
        let s = self.style;
        let cols = table
            .header
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 {
            return;
        }
        let size = s.body_size * TABLE_SIZE;
        let body = TextStyle::new(FontKey::Regular, size, s.text_color);
        let head = TextStyle::new(FontKey::Bold, size, s.text_color);
        let grid = TableGrid {
            x,
            widths: self.column_widths(table, cols, &head, &body, measure),
            leading: s.leading * TABLE_SIZE,
            alignments: &table.alignments,
        };
        self.tags.open(Role::Table);
        self.tags.open(Role::THead);
        let header = Arc::new(self.table_row(&grid, &table.header, &head, true));
        self.tags.close();
        let mut first = (*header).clone();
        first.keep_with_next = true;
        self.push(first);
        let n = table.rows.len();
        self.tags.open(Role::TBody);
        for (i, row) in table.rows.iter().enumerate() {
            let mut unit = self.table_row(&grid, row, &body, false);
            if i + 1 == n {
                let width = measure;
                unit.items
                    .push(rule(x, -unit.height, width, FRAME_RULE, s.rule_color));
            }
            unit.repeat_header = Some(header.clone());
            // Keep the first data row with the header.
            self.push(unit);
        }
        self.tags.close();
        self.tags.close();
        self.report_missing(pos);
    }

    /// Column widths that fill `measure`: natural (unbroken) widths with the spare room spread
    /// in proportion, else shrunk towards the minimum (longest fragment) widths, else the
    /// minimum widths scaled down.
    fn column_widths(
        &mut self,
        table: &Table,
        cols: usize,
        head: &TextStyle,
        body: &TextStyle,
        measure: f32,
    ) -> Vec<f32> {
        let mut natural = vec![0.0f32; cols];
        let mut minimum = vec![0.0f32; cols];
        let all_rows =
            std::iter::once((&table.header, head)).chain(table.rows.iter().map(|r| (r, body)));
        for (row, style) in all_rows {
            for (c, cell) in row.iter().enumerate().take(cols) {
                let mut b = Builder::new(self.shaper, f32::MAX / 4.0);
                b.inlines(cell, style, &self.cx);
                let mut line_w = 0.0f32;
                for item in &b.items {
                    let w = item.width();
                    line_w += w;
                    if item.is_box() {
                        minimum[c] = minimum[c].max(w);
                    }
                }
                natural[c] = natural[c].max(line_w);
            }
        }
        let avail = measure - 2.0 * CELL_PAD * cols as f32;
        let total_nat: f32 = natural.iter().sum();
        let total_min: f32 = minimum.iter().sum();
        if total_nat <= avail {
            // Spread the spare room in proportion, so the table spans the measure.
            natural
                .iter()
                .map(|n| n + (avail - total_nat) * n / total_nat.max(1.0))
                .collect()
        } else if total_min <= avail {
            let flex: f32 = natural.iter().zip(&minimum).map(|(n, m)| n - m).sum();
            natural
                .iter()
                .zip(&minimum)
                .map(|(n, m)| m + (avail - total_min) * (n - m) / flex.max(1.0))
                .collect()
        } else {
            minimum
                .iter()
                .map(|m| avail * m / total_min.max(1.0))
                .collect()
        }
    }

    /// One table row as a unit: each cell's lines set in its column, rules below (and a
    /// shaded background and a frame rule above for the header).
    fn table_row(
        &mut self,
        grid: &TableGrid,
        row: &[Vec<Inline>],
        style: &TextStyle,
        header: bool,
    ) -> Unit {
        let s = self.style;
        let (x, leading) = (grid.x, grid.leading);
        let mut unit = Unit::default();
        let mut cx = x;
        let mut rows_h = 1usize;
        let baseline = leading * CELL_BASELINE + CELL_PAD;
        self.tags.open(Role::TR);
        for (c, &w) in grid.widths.iter().enumerate() {
            self.tags.open(if header { Role::TH } else { Role::TD });
            let mut b = Builder::new(self.shaper, w);
            if let Some(cell) = row.get(c) {
                b.inlines(cell, style, &self.cx);
            }
            let lines = b.lines(grid.align(c));
            rows_h = rows_h.max(lines.len());
            for (i, mut line) in lines.into_iter().enumerate() {
                self.tags.tag_line(&mut line);
                let y = -(baseline + leading * i as f32);
                unit.add_line(line.moved_to(cx + CELL_PAD, y), self.chapter);
            }
            cx += w + 2.0 * CELL_PAD;
            self.tags.close();
        }
        self.tags.close();
        unit.height = rows_h as f32 * leading + 2.0 * CELL_PAD;
        unit.baseline = baseline;
        let width = cx - x;
        if header {
            unit.items.insert(
                0,
                PageItem::FilledRect {
                    rect: Rect {
                        x,
                        y: -unit.height,
                        width,
                        height: unit.height,
                    },
                    color: s.code_background,
                    mark: Mark::Artifact(Artifact::Layout),
                },
            );
            unit.items
                .push(rule(x, 0.0, width, FRAME_RULE, s.rule_color));
            unit.items
                .push(rule(x, -unit.height, width, HAIRLINE, s.rule_color));
        } else {
            unit.items
                .push(rule(x, -unit.height, width, ROW_RULE, s.rule_color));
        }
        unit
    }
}

/// Where a table's columns are: its left edge, the column widths (without padding), its
/// line spacing and the columns' alignments.
struct TableGrid<'t> {
    x: f32,
    widths: Vec<f32>,
    leading: f32,
    alignments: &'t [Alignment],
}

impl TableGrid<'_> {
    fn align(&self, column: usize) -> Align {
        match self.alignments.get(column) {
            Some(Alignment::Right) => Align::Right,
            Some(Alignment::Center) => Align::Center,
            _ => Align::Left,
        }
    }
}

fn rule(x: f32, y: f32, width: f32, weight: f32, color: Rgb) -> PageItem {
    PageItem::Line {
        from: (x, y),
        to: (x + width, y),
        width: weight,
        color,
        mark: Mark::Artifact(Artifact::Layout),
    }
}
