//! Code blocks (and raw HTML blocks): monospace rows that never hyphenate, long source lines
//! wrapped at a column with a marker, each row set verbatim through the line setter; in a
//! language quire has a lexer for, each stretch in its class's colour (`[code]` of the print
//! style, see `crate::highlight`).

use super::{FlowBuilder, Tagger, Unit};
use std::sync::Arc;

use crate::highlight::{self, Span};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{
    Align, Builder, LinePlace, LineText, MONO_SCALE, TextStyle, set_text_line,
};
use crate::pdf::page::{Artifact, Mark, PageItem, Rect, Rgb};
use crate::pdf::shape::Shaper;

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
        language: Option<&str>,
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
        let text = code.replace('\t', TAB);
        let palette = &s.code_palette;
        // The source is highlighted, not its rows: the EPUB asks for the same block's spans.
        let spans = match language {
            Some(language) if !palette.is_plain() => highlight::highlight(language, code),
            _ => None,
        }
        .map(|spans| tabs_expanded(spans, code));
        let rows = code_rows(&text, columns);
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
            let text = match &spans {
                Some(spans) => {
                    let pieces = coloured_pieces(&row, spans, style.color, palette);
                    set_pieces(self.shaper, &row.text, &pieces, &style, place)
                }
                None => set_text_line(self.shaper, LineText::Verbatim(&row.text), &style, place),
            };
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

/// A tab in code: four spaces, the indent most style guides use.
const TAB: &str = "    ";

/// `spans` of `code` moved onto its text with each tab set as [`TAB`].
fn tabs_expanded(spans: Arc<[Span]>, code: &str) -> Arc<[Span]> {
    let tabs: Vec<usize> = code.match_indices('\t').map(|(at, _)| at).collect();
    if tabs.is_empty() {
        return spans;
    }
    let moved = |at: usize| at + tabs.partition_point(|&tab| tab < at) * (TAB.len() - 1);
    spans
        .iter()
        .map(|span| Span {
            range: moved(span.range.start)..moved(span.range.end),
            token: span.token,
        })
        .collect()
}

/// A row of a code block: its text, where it starts in the block's text (bytes), and whether
/// it continues the source line before it (drawn after a marker).
struct CodeRow {
    text: String,
    start: usize,
    continued: bool,
}

/// The rows of a code block's text (tabs already spaces): each source line (trailing spaces
/// dropped) cut into rows of `columns` characters, a continued row two fewer for its marker.
fn code_rows(text: &str, columns: usize) -> Vec<CodeRow> {
    let mut rows = Vec::new();
    let mut line_start = 0;
    for src in text.trim_end_matches('\n').split('\n') {
        let chars: Vec<(usize, char)> = src.trim_end().char_indices().collect();
        if chars.is_empty() {
            rows.push(CodeRow {
                text: String::new(),
                start: line_start,
                continued: false,
            });
            line_start += src.len() + 1;
            continue;
        }
        let mut start = 0;
        let mut continued = false;
        while start < chars.len() {
            let room = if continued { columns - 2 } else { columns };
            let end = row_end(&chars, start, room);
            rows.push(CodeRow {
                text: chars[start..end].iter().map(|(_, c)| c).collect(),
                start: line_start + chars[start].0,
                continued,
            });
            start = end;
            continued = true;
        }
        line_start += src.len() + 1;
    }
    rows
}

/// A wrapped row holds at least this share of its columns: it ends after the last space or
/// separator that leaves it so full, as a programmer breaks a long line by hand, and only
/// where none does, at the column, inside a word (`Non` / `e`). A row cut further back would
/// leave a ragged block of short rows.
const MIN_WRAPPED_ROW_FILL: f64 = 0.6;

/// Characters a row may end after when a line is wrapped: a space, or the separators after
/// which code reads on (`f(a,` / `b)`).
const WRAP_AFTER: [char; 4] = [' ', ',', ';', '('];

/// Where the row of `chars` from `start` with `room` columns ends (exclusive).
fn row_end(chars: &[(usize, char)], start: usize, room: usize) -> usize {
    let full = start + room;
    if full >= chars.len() {
        return chars.len();
    }
    // A space right after the full row ends it: a blank past the column draws nothing.
    if chars[full].1 == ' ' && chars.get(full + 1).is_some_and(|c| c.1 != ' ') {
        return full + 1;
    }
    let least = start + (room as f64 * MIN_WRAPPED_ROW_FILL).ceil() as usize;
    (least.max(start + 1)..=full)
        .rev()
        .find(|&end| WRAP_AFTER.contains(&chars[end - 1].1) && chars[end].1 != ' ')
        .unwrap_or(full)
}

/// A stretch of a row (bytes of its text) in one colour.
struct Piece {
    range: std::ops::Range<usize>,
    color: Rgb,
}

/// The row cut where the highlighting's colours change.
fn coloured_pieces(
    row: &CodeRow,
    spans: &[Span],
    text_color: Rgb,
    palette: &highlight::Palette,
) -> Vec<Piece> {
    let end = row.start + row.text.len();
    let first = spans.partition_point(|s| s.range.end <= row.start);
    let mut pieces: Vec<Piece> = Vec::new();
    for span in spans[first..].iter().take_while(|s| s.range.start < end) {
        let range =
            span.range.start.max(row.start) - row.start..span.range.end.min(end) - row.start;
        let color = palette.colour(span.token).unwrap_or(text_color);
        let blank = row
            .text
            .get(range.clone())
            .is_some_and(|t| t.trim().is_empty());
        match pieces.last_mut() {
            // Spans of one colour (classes a theme colours alike) are one piece, and so are
            // spaces with the piece before them: their colour shows nowhere.
            Some(last) if last.color == color || blank => last.range.end = range.end,
            _ => pieces.push(Piece { range, color }),
        }
    }
    pieces
}

/// A row set verbatim piece by piece, each in its colour, at `place`.
fn set_pieces(
    shaper: &mut Shaper,
    row: &str,
    pieces: &[Piece],
    style: &TextStyle,
    place: LinePlace,
) -> Vec<PageItem> {
    let mut b = Builder::new(shaper, place.measure);
    for piece in pieces {
        let Some(text) = row.get(piece.range.clone()) else {
            continue;
        };
        let style = TextStyle {
            color: piece.color,
            ..style.clone()
        };
        b.verbatim(text, &style);
    }
    b.lines(place.align)
        .into_iter()
        .next()
        .map(|line| line.moved_to(place.x, place.baseline).items)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::Token;

    fn rows(text: &str, columns: usize) -> Vec<String> {
        code_rows(text, columns)
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    #[test]
    fn a_long_line_wraps_after_a_space_or_separator_near_the_column() {
        // 20 columns: "return a if b else " fits, "None" goes on.
        assert_eq!(
            rows("return a if b else None", 20),
            ["return a if b else ", "None"]
        );
        // After a comma, not inside the next argument.
        assert_eq!(
            rows("call(first_arg,second_arg)", 18),
            ["call(first_arg,", "second_arg)"]
        );
        // A break further back than 60 % of the row would leave it short: cut at the column.
        assert_eq!(
            rows("ab cdefghijklmnopqrstuvwxyz", 10),
            ["ab cdefghi", "jklmnopq", "rstuvwxy", "z"]
        );
        // No row starts with the space it broke at; the text is kept whole.
        let text = "let total = first + second + third + fourth + fifth;";
        let wrapped = rows(text, 16);
        assert!(
            wrapped.iter().skip(1).all(|r| !r.starts_with(' ')),
            "{wrapped:?}"
        );
        assert_eq!(wrapped.concat(), text);
    }

    #[test]
    fn spans_move_past_expanded_tabs() {
        let code = "\tif x {\n\t\ty\n";
        let spans = highlight::highlight("rust", code).expect("rust");
        let text = code.replace('\t', TAB);
        let moved = tabs_expanded(spans.clone(), code);
        assert_eq!(moved.len(), spans.len());
        for (old, new) in spans.iter().zip(moved.iter()) {
            assert_eq!(old.token, new.token);
            assert_eq!(
                code[old.range.clone()].replace('\t', TAB),
                text[new.range.clone()]
            );
        }
        let keyword = moved.iter().find(|s| s.token == Token::Keyword).unwrap();
        assert_eq!(&text[keyword.range.clone()], "if");
    }
}
