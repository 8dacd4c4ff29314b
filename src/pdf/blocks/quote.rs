//! Block quotes and alerts: indented, with a rule down their left; an alert is headed by its
//! kind ("Note", "Warning") and its rule is heavier and in the heading colour.

use super::{FRAME_RULE, FlowBuilder};
use crate::model::{Block, Callout, Inline, Pos};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{Align, TextStyle};
use crate::pdf::page::{Artifact, Mark, PageItem, Role};

/// Block quote indent, in em.
const QUOTE_INDENT_EM: f32 = 1.3;
/// Where the quote's rule stands in the indent, as a share of it: a third of the way in, so
/// the text keeps most of the indent as air.
const QUOTE_RULE_SHARE: f32 = 0.35;
/// An alert's rule is heavier than a quote's, so that it reads as a marked box.
const CALLOUT_RULE: f32 = FRAME_RULE * 1.5;

impl FlowBuilder<'_> {
    pub(super) fn quote(
        &mut self,
        callout: Option<Callout>,
        blocks: &[Block],
        x: f32,
        measure: f32,
        pos: Pos,
    ) {
        let s = self.style;
        let indent = s.body_size * QUOTE_INDENT_EM;
        let first = self.units.len();
        if let Some(kind) = callout {
            let label = match kind {
                Callout::Note => "Note",
                Callout::Tip => "Tip",
                Callout::Important => "Important",
                Callout::Warning => "Warning",
                Callout::Caution => "Caution",
            };
            let style = TextStyle::new(FontKey::HeadingBold, s.body_size, s.heading_color);
            let before = self.units.len();
            self.tags.open(Role::P);
            self.paragraph(
                &[Inline::Text(label.into())],
                &style,
                x + indent,
                measure - indent,
                s.leading,
                Align::Left,
                0.0,
                0.0,
                pos,
            );
            self.tags.close();
            for u in &mut self.units[before..] {
                u.keep_with_next = true;
            }
        }
        self.after_paragraph = false;
        self.blocks(blocks, x + indent, measure - indent);
        // A rule down the left of every unit of the quote (space above included, but not on the
        // first unit, so the rule starts at the text).
        let rule_x = x + indent * QUOTE_RULE_SHARE;
        let color = if callout.is_some() {
            s.heading_color
        } else {
            s.rule_color
        };
        for (i, u) in self.units[first..].iter_mut().enumerate() {
            let top = if i == 0 { 0.0 } else { u.space_before };
            u.items.push(PageItem::Line {
                from: (rule_x, top),
                to: (rule_x, -u.height),
                width: if callout.is_some() {
                    CALLOUT_RULE
                } else {
                    FRAME_RULE
                },
                color,
                mark: Mark::Artifact(Artifact::Layout),
            });
        }
    }
}
