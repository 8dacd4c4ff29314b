//! The table of contents: entries with page numbers right-aligned behind dot leaders, each a
//! link. Built twice: once with placeholder numbers to learn how many pages it takes, then with
//! the real page labels (its line count does not depend on the numbers, so neither do pages).

use super::blocks::Tagger;
use super::blocks::{FlowBuilder, Unit, line_unit};
use super::fonts::FontKey;
use super::inline::{
    Align, Breaking, LinePlace, LineText, PendingLink, TextStyle, UnresolvedTarget, set_text_line,
    text_lines_broken,
};
use super::page::{Artifact, Glyph, Mark, PageItem, Rect, Role, TextRun};

/// Room kept free for the page number at the right of every entry, in em of the entry size.
const NUMBER_ROOM_EM: f32 = 3.2;
/// Distance between leader dots, in points: dots on a fixed grid line up from entry to entry.
const LEADER_STEP: f32 = 4.5;
/// Minimum space between the title's end and the first dot, and the last dot and the number.
const LEADER_GAP: f32 = 3.0;
/// Room for a chapter's number before its title, in em of the entry size: "8" or "A" and a gap.
const NUMBER_WIDTH_EM: f32 = 1.6;
/// An entry's baseline below the top of its line, in leadings: where a body line's sits.
const ENTRY_BASELINE: f32 = 0.75;
/// Indent of section entries under their chapter, in em.
const SECTION_INDENT_EM: f32 = 1.6;
/// Section entries are set slightly smaller than chapter entries.
const SECTION_SCALE: f32 = 0.92;

#[derive(Debug, Clone)]
pub struct TocEntry {
    /// "1", "A" or empty.
    pub number: String,
    pub title: String,
    /// 1 for chapters, 2 for sections.
    pub level: u8,
    /// The anchor it links to.
    pub anchor: String,
}

/// Space above a chapter's entry, in leadings: a little air groups each chapter with its
/// sections.
pub const CHAPTER_ENTRY_SPACE: f32 = 0.45;

/// The entries' units, each chapter's entry `chapter_space` leadings below the entry before.
/// `label(anchor)` gives the page label of an anchor (a placeholder in the first pass).
pub fn toc_units(
    fb: &mut FlowBuilder,
    entries: &[TocEntry],
    chapter_space: f32,
    label: &dyn Fn(&str) -> String,
) {
    let s = fb.style;
    let measure = s.measure();
    for entry in entries {
        let chapter = entry.level <= 1;
        let size = if chapter {
            s.body_size
        } else {
            s.body_size * SECTION_SCALE
        };
        let font = if chapter {
            FontKey::HeadingBold
        } else {
            FontKey::Regular
        };
        let mut style = TextStyle::new(font, size, s.text_color);
        style.hyphenate = false;
        let number_width = if entry.number.is_empty() {
            0.0
        } else {
            size * NUMBER_WIDTH_EM
        };
        let x = if chapter {
            0.0
        } else {
            s.body_size * SECTION_INDENT_EM
        };
        let text_x = x + number_width;
        let room = measure - text_x - size * NUMBER_ROOM_EM;
        // Broken by sense: a single word never turns over, no line ends on "of".
        let lines = text_lines_broken(
            fb.shaper,
            LineText::Words(&entry.title),
            &style,
            room,
            Align::Left,
            Breaking::Sense,
        );
        let n = lines.len();
        let leading = s.leading * if chapter { 1.0 } else { SECTION_SCALE };
        let baseline = leading * ENTRY_BASELINE;
        let first_unit = fb.units.len();
        let page_label = label(&entry.anchor);
        fb.tags.open(Role::TOCI);
        let link = fb.tags.open(Role::Link);
        for (i, line) in lines.into_iter().enumerate() {
            let end_x = text_x + line.width;
            let mut unit = line_unit(line, text_x, leading, baseline, fb.chapter);
            if i == 0 {
                unit.space_before = if chapter {
                    s.leading * chapter_space
                } else {
                    0.0
                };
                if !entry.number.is_empty() {
                    push_text(fb, &mut unit, &entry.number, &style, x, -baseline);
                }
            }
            if i + 1 == n {
                let font = if chapter {
                    FontKey::Bold
                } else {
                    FontKey::Regular
                };
                let num_style = TextStyle::new(font, size, s.text_color);
                push_page_number(fb, &mut unit, &page_label, &num_style, end_x, baseline);
            }
            unit.keep_with_next = i + 1 < n || chapter;
            fb.push(unit);
        }
        fb.tags.close();
        fb.tags.close();
        // The whole entry is one link.
        let height: f32 = fb.units[first_unit..].iter().map(|u| u.height).sum();
        if let Some(first) = fb.units.get_mut(first_unit) {
            first.links.push(PendingLink {
                rect: Rect {
                    x,
                    y: -height,
                    width: measure - x,
                    height,
                },
                target: UnresolvedTarget::Anchor(entry.anchor.clone()),
                node: Some(link),
            });
        }
    }
    if let Some(last) = fb.units.last_mut() {
        last.keep_with_next = false;
    }
}

/// An entry's page number right-aligned on its last line (whose text ends at `end_x`), with
/// dot leaders on a fixed grid between the text and the number.
fn push_page_number(
    fb: &mut FlowBuilder,
    unit: &mut Unit,
    label: &str,
    style: &TextStyle,
    end_x: f32,
    baseline: f32,
) {
    let s = fb.style;
    let size = style.size;
    let num_w = fb.shaper.width(style.font, label) * size;
    let num_x = s.measure() - num_w;
    push_text(fb, unit, label, style, num_x, -baseline);
    let dot = fb.shaper.shape(FontKey::Regular, ".");
    let from = ((end_x + LEADER_GAP) / LEADER_STEP).ceil() as i64;
    let to = ((num_x - LEADER_GAP) / LEADER_STEP).floor() as i64 - 1;
    if let Some(g) = dot.glyphs.first()
        && to > from
    {
        // One run; each dot's TJ offset moves the next one to the grid.
        let step_em = LEADER_STEP / size;
        let glyphs = (from..=to)
            .map(|_| Glyph {
                gid: g.gid,
                offset: (g.nominal - step_em) * 1000.0,
                text: ".".into(),
            })
            .collect();
        unit.items.push(PageItem::Text(TextRun {
            font: g.font as usize,
            size,
            x: from as f32 * LEADER_STEP,
            y: -baseline,
            color: s.rule_color,
            glyphs,
            mark: Mark::Artifact(Artifact::Layout),
            actual_text: None,
            scale: 1.0,
            lang: None,
        }));
    }
}

/// `text` in `style` on one line starting at `x`, its baseline at `y`.
fn push_text(fb: &mut FlowBuilder, unit: &mut Unit, text: &str, style: &TextStyle, x: f32, y: f32) {
    let place = LinePlace {
        x,
        baseline: y,
        measure: f32::MAX / 4.0,
        align: Align::Left,
    };
    let mut items = set_text_line(fb.shaper, LineText::Words(text), style, place);
    Tagger::mark_unassigned(&mut items, Mark::Content(fb.tags.current()));
    unit.items.extend(items);
}
