//! Lists: bullets, numbers and task boxes hanging in the indent, nested lists indented from
//! their item's text, tight lists with a little space between items.

use super::{BLOCK_SPACE, FlowBuilder, LIST_INDENT_EM};
use crate::model::{BlockKind, List};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{Align, LineText, text_lines};
use crate::pdf::page::{ListNumbering, Mark, Role};

/// Gap between a list label and its text, in em.
const LABEL_GAP_EM: f32 = 0.45;
/// Space between the items of a tight list, in leadings: the guide's items are whole paragraphs,
/// and a third of a line sets each one apart without the full gap of a loose list.
const TIGHT_ITEM_SPACE: f32 = 0.3;

impl FlowBuilder<'_> {
    pub(super) fn list(&mut self, list: &List, x: f32, measure: f32, depth: usize) {
        let s = self.style;
        let indent = s.body_size * LIST_INDENT_EM;
        let body = self.body_style();
        let numbering = match (list.items.first().and_then(|i| i.task), list.start) {
            (Some(_), _) => ListNumbering::None,
            (None, Some(_)) => ListNumbering::Decimal,
            (None, None) => ListNumbering::Disc,
        };
        self.tags.open(Role::L(numbering));
        for (n, item) in list.items.iter().enumerate() {
            if n > 0 {
                let space = if list.tight {
                    TIGHT_ITEM_SPACE
                } else {
                    BLOCK_SPACE
                };
                self.pending_space = self.pending_space.max(s.leading * space);
            }
            let label = match (item.task, list.start) {
                (Some(done), _) => {
                    let mark = if done { '\u{2611}' } else { '\u{2610}' };
                    if self.shaper.can_draw(FontKey::Regular, mark) {
                        mark.to_string()
                    } else if done {
                        "[x]".into()
                    } else {
                        "[ ]".into()
                    }
                }
                (None, Some(start)) => format!("{}.", start + n as u64),
                (None, None) => if depth.is_multiple_of(2) {
                    "\u{2022}"
                } else {
                    "\u{2013}"
                }
                .to_string(),
            };
            // Numbers wider than the indent push the text further in.
            let label_width = self.shaper.width(FontKey::Regular, &label) * s.body_size;
            let gap = s.body_size * LABEL_GAP_EM;
            let item_indent = indent.max(label_width + gap);
            let first_unit = self.units.len();
            self.after_paragraph = false;
            self.tags.open(Role::LI);
            let lbl = self.tags.add(Role::Lbl);
            self.tags.open(Role::LBody);
            for block in &item.blocks {
                match &block.kind {
                    // Nested lists indent from the item's text.
                    BlockKind::List(inner) => {
                        self.list(inner, x + item_indent, measure - item_indent, depth + 1);
                    }
                    _ => {
                        self.block(block, x + item_indent, measure - item_indent);
                        // A tight list puts no space between an item's paragraphs and the next item.
                        if list.tight {
                            self.pending_space = 0.0;
                        }
                    }
                }
            }
            self.tags.close();
            self.tags.close();
            // The label sits on the item's first line, read before the item's text.
            let lines = text_lines(
                self.shaper,
                LineText::Words(&label),
                &body,
                measure,
                Align::Left,
            );
            if let (Some(unit), Some(line)) =
                (self.units.get_mut(first_unit), lines.into_iter().next())
            {
                let lx = x + item_indent - gap - line.width;
                let mut label = line.moved_to(lx, -unit.baseline).items;
                super::Tagger::mark_unassigned(&mut label, Mark::Content(lbl));
                unit.items.splice(0..0, label);
            }
        }
        self.tags.close();
        self.after_paragraph = false;
    }
}
