//! Code blocks (and raw HTML blocks): monospace rows that never hyphenate, long source lines
//! wrapped at a column with a marker, each row set verbatim through the line setter.

use super::{FlowBuilder, Tagger, Unit};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{Align, LinePlace, LineText, MONO_SCALE, TextStyle, set_text_line};
use crate::pdf::page::{Artifact, Mark, PageItem, Rect};

/// Code: size relative to body (after the mono scale) and its line spacing.
const CODE_SIZE: f32 = 0.92;
const CODE_LEADING: f32 = 1.3;
/// Padding inside code backgrounds, in points.
const CODE_PAD: f32 = 4.0;
/// A code row's baseline below its top, in leadings.
const CODE_BASELINE: f32 = 0.75;

impl FlowBuilder<'_> {
    /// Code (and raw HTML): monospace, never hyphenated, long lines wrapped with a marker.
    pub(super) fn code(
        &mut self,
        code: &str,
        x: f32,
        measure: f32,
        background: bool,
        pos: crate::model::Pos,
    ) {
        let s = self.style;
        let size = s.body_size * MONO_SCALE * CODE_SIZE;
        let leading = size * CODE_LEADING;
        let pad = if background { CODE_PAD } else { 0.0 };
        let char_width = self.shaper.width(FontKey::Mono, "M") * size;
        let columns = (((measure - 2.0 * pad) / char_width).floor() as usize).max(8);
        let marker = if self.shaper.can_draw(FontKey::Mono, '\u{21AA}') {
            "\u{21AA} "
        } else {
            "> "
        };
        let style = TextStyle {
            hyphenate: false,
            ..TextStyle::new(FontKey::Mono, size, s.text_color)
        };
        let mark_style = TextStyle {
            color: s.rule_color,
            ..style.clone()
        };
        let rows = code_rows(code, columns);
        let n = rows.len();
        let baseline = leading * CODE_BASELINE;
        for (i, row) in rows.into_iter().enumerate() {
            let mut unit = Unit {
                height: leading,
                baseline,
                ..Unit::default()
            };
            let top_pad = if i == 0 { pad } else { 0.0 };
            let bottom_pad = if i + 1 == n { pad } else { 0.0 };
            unit.height += top_pad + bottom_pad;
            unit.baseline += top_pad;
            let mut place = LinePlace {
                x: x + pad,
                baseline: -unit.baseline,
                measure,
                align: Align::Left,
            };
            if row.continued {
                let mut mark =
                    set_text_line(self.shaper, LineText::Words(marker), &mark_style, place);
                // The wrap marker is not part of the code.
                Tagger::mark_unassigned(&mut mark, Mark::Artifact(Artifact::Layout));
                unit.items.extend(mark);
                place.x += char_width * 2.0;
            }
            let text = set_text_line(self.shaper, LineText::Verbatim(&row.text), &style, place);
            unit.items.extend(text);
            if background {
                unit.items.insert(
                    0,
                    PageItem::FilledRect {
                        rect: Rect {
                            x,
                            y: -unit.height,
                            width: measure,
                            height: unit.height,
                        },
                        color: s.code_background,
                        mark: Mark::Artifact(Artifact::Layout),
                    },
                );
            }
            unit.keep_with_next = n > 1 && (i == 0 || i + 2 == n);
            self.push(unit);
        }
        self.report_missing(pos);
    }
}

/// A row of a code block: its text, and whether it continues the source line before it
/// (drawn after a marker).
struct CodeRow {
    text: String,
    continued: bool,
}

/// The rows of a code block: each source line (tabs as four spaces, trailing spaces dropped)
/// cut into rows of `columns` characters, a continued row two fewer for its marker.
fn code_rows(code: &str, columns: usize) -> Vec<CodeRow> {
    let mut rows = Vec::new();
    let text = code.replace('\t', "    ");
    for src in text.trim_end_matches('\n').split('\n') {
        let chars: Vec<char> = src.trim_end().chars().collect();
        if chars.is_empty() {
            rows.push(CodeRow {
                text: String::new(),
                continued: false,
            });
            continue;
        }
        let mut start = 0;
        let mut continued = false;
        while start < chars.len() {
            let room = if continued { columns - 2 } else { columns };
            let end = (start + room).min(chars.len());
            rows.push(CodeRow {
                text: chars[start..end].iter().collect(),
                continued,
            });
            start = end;
            continued = true;
        }
    }
    rows
}
