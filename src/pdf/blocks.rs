//! Model blocks -> a flow of units (lines, rows, figures) with keep and break properties, ready
//! for the paginator. Units hold items relative to their top-left corner (y negative downwards).

use std::sync::Arc;

use super::fonts::FontKey;
use super::inline::{
    Align, Breaking, Builder, InlineContext, Line, PendingLink, SetParagraph, TextStyle,
    anchor_name,
};
use super::layout::MissingChars;
use super::page::{Artifact, ListNumbering, Mark, PageItem, Role};
use super::shape::Shaper;
use super::style::PrintStyle;
use crate::model::{Block, BlockKind, Chapter, Definition, Heading, Inline, Pos, TextPoint};

mod code;
mod figure;
mod list;
mod quote;
mod table;
pub mod tags;
mod words;

pub use tags::Tagger;

/// First-line indent of a paragraph that follows another, in em: the book convention that
/// replaces space between paragraphs.
const PARAGRAPH_INDENT_EM: f32 = 1.2;
/// Space above a block that is not a running paragraph (lists, quotes, code), in leadings.
pub(super) const BLOCK_SPACE: f32 = 0.5;
/// Space above headings of level 2, 3, 4+ in leadings, and below them.
const HEADING_SPACE_ABOVE: [f32; 3] = [1.6, 1.2, 1.0];
const HEADING_SPACE_BELOW: f32 = 0.35;
/// An FAQ's question (a level-2 heading where headings are questions) is set in the body
/// face's bold at the body size and leading, so it reads as a question, lighter than a section
/// title, sits on the baseline grid and has its answer on the next line: a line of space above
/// it, none below.
const QUESTION_SPACE_ABOVE: f32 = 1.0;
/// Heading line spacing as a multiple of its size.
const HEADING_LEADING: f32 = 1.22;
/// Lines that follow a heading and must stay on its page ("at least two lines").
const KEEP_AFTER_HEADING: u8 = 2;
/// List indent per level, in em of the body size.
pub(super) const LIST_INDENT_EM: f32 = 1.6;
/// Footnotes: size and leading relative to the body.
pub const NOTE_SIZE: f32 = 0.82;
/// Rule weights, in points: hairline for quotes and table inner rules, heavier for table frame.
const HAIRLINE: f32 = 0.5;
pub(super) const FRAME_RULE: f32 = 0.8;
/// Thematic break rule length as a fraction of the measure.
const BREAK_RULE_SHARE: f32 = 0.25;
/// A thematic break takes two lines, its rule in the middle: a pause, not a new section.
const BREAK_HEIGHT: f32 = 2.0;

/// One unit of the flow.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub items: Vec<PageItem>,
    pub links: Vec<PendingLink>,
    pub anchors: Vec<(String, f32)>,
    /// Footnotes referenced here: (chapter, number).
    pub notes: Vec<(usize, u32)>,
    /// No page break between this unit and the next.
    pub keep_with_next: bool,
    /// A table's header row, repeated when a page starts with this unit.
    pub repeat_header: Option<Arc<Unit>>,
    /// Distance from the top to the first baseline.
    pub baseline: f32,
    /// Where the unit's text begins in the model, for the print page list; None for a
    /// chapter's opening (its label and title), which the EPUB opens its chapter with.
    pub source: Option<TextPoint>,
    /// The chapter `source` is in when it is not the flow's: a nested chapter's units set in
    /// its parent's flow.
    pub source_chapter: Option<usize>,
}

impl Unit {
    /// Add a line already moved to its place: its items, links and footnotes (of `chapter`).
    fn add_line(&mut self, line: Line, chapter: usize) {
        self.items.extend(line.items);
        self.links.extend(line.links);
        self.notes.extend(line.notes.iter().map(|n| (chapter, *n)));
    }
}

/// A line as a unit of `leading` height, its baseline `baseline` below the top, at `x`.
pub fn line_unit(line: Line, x: f32, leading: f32, baseline: f32, chapter: usize) -> Unit {
    let mut unit = Unit {
        height: leading,
        baseline,
        ..Unit::default()
    };
    unit.add_line(line.moved_to(x, -baseline), chapter);
    unit
}

/// Where a paragraph's lines go: their left edge, leading and the space above.
#[derive(Debug, Clone, Copy)]
pub struct LinesAt {
    x: f32,
    leading: f32,
    space_before: f32,
}

impl LinesAt {
    pub fn at(x: f32, leading: f32, space_before: f32) -> LinesAt {
        LinesAt {
            x,
            leading,
            space_before,
        }
    }
}

/// Builds the flow of one chapter (or of footnotes).
pub struct FlowBuilder<'a> {
    pub shaper: &'a mut Shaper,
    pub style: &'a PrintStyle,
    pub cx: InlineContext<'a>,
    pub chapter: usize,
    /// The chapter, for diagnostics' locations (None for generated pages).
    pub chapter_ref: Option<&'a Chapter>,
    /// Characters no font has, with where they were found.
    pub missing: &'a mut MissingChars,
    pub units: Vec<Unit>,
    /// How many of the next units stay with the one before them (after a heading).
    pub keep_next: u8,
    /// The previous block was a running paragraph (the next one gets a first-line indent).
    pub after_paragraph: bool,
    /// Space to put above the next unit.
    pub pending_space: f32,
    /// Headings are questions kept with their whole answer (an FAQ), see
    /// [`FlowBuilder::keep_answer_with_question`].
    pub keep_answers: bool,
    /// The unit where the question being answered starts, while `keep_answers`.
    question_start: Option<usize>,
    /// The structure elements the flow's blocks make.
    pub tags: Tagger,
    /// The block (a paragraph or heading) whose text the next [`FlowBuilder::paragraph`] sets
    /// whole: its lines say which of the block's words they begin with. Other text (captions,
    /// terms, labels) begins at its block's start.
    words_of: Option<Pos>,
}

impl<'a> FlowBuilder<'a> {
    pub fn new(
        shaper: &'a mut Shaper,
        style: &'a PrintStyle,
        cx: InlineContext<'a>,
        chapter: usize,
        chapter_ref: Option<&'a Chapter>,
        missing: &'a mut MissingChars,
        tags: Tagger,
    ) -> Self {
        FlowBuilder {
            shaper,
            style,
            cx,
            chapter,
            chapter_ref,
            missing,
            units: Vec::new(),
            keep_next: 0,
            after_paragraph: false,
            pending_space: 0.0,
            keep_answers: false,
            question_start: None,
            tags,
            words_of: None,
        }
    }

    fn body_style(&self) -> TextStyle {
        TextStyle::new(
            FontKey::Regular,
            self.style.body_size,
            self.style.text_color,
        )
    }

    /// Push a unit, applying pending space and keep-after-heading. Items not yet given a mark
    /// are content of the innermost open element. Stacked spaces merge: the unit gets the
    /// larger of its own space and the pending one, not their sum.
    pub fn push(&mut self, mut unit: Unit) {
        Tagger::mark_unassigned(&mut unit.items, Mark::Content(self.tags.current()));
        unit.space_before = unit.space_before.max(self.pending_space);
        self.pending_space = 0.0;
        if self.keep_next > 0 {
            if let Some(prev) = self.units.last_mut() {
                prev.keep_with_next = true;
            }
            self.keep_next -= 1;
        }
        self.units.push(unit);
    }

    /// Report characters no font has, at `pos`.
    fn report_missing(&mut self, pos: crate::model::Pos) {
        for c in self.shaper.take_missing() {
            self.missing
                .add(c, self.chapter_ref.map(|ch| ch.location(pos)));
        }
    }

    /// Set display inlines (a heading, a chapter title) into lines of `measure` broken by
    /// sense, ragged left, and push them at `place`.
    pub fn display(
        &mut self,
        inlines: &[Inline],
        style: &TextStyle,
        measure: f32,
        place: LinesAt,
        pos: crate::model::Pos,
    ) -> usize {
        let mut b = Builder::new(self.shaper, measure);
        b.inlines(inlines, style, &self.cx);
        let set = b.set(Align::Left, Breaking::Sense);
        self.push_set(set, place, pos)
    }

    /// A set paragraph's lines pushed as units at `place`; a paragraph that could not be
    /// justified within the spacing limits, and characters no font has, noted at `pos`.
    fn push_set(&mut self, set: SetParagraph, place: LinesAt, pos: crate::model::Pos) -> usize {
        if set.strained {
            let at = self.chapter_ref.map(|ch| ch.location(pos));
            self.missing.add_strained(at);
        }
        self.report_missing(pos);
        let mut lines = set.lines;
        words::read_across_lines(&mut lines);
        let counted = self.words_of.take().map(|block| {
            let starts: Vec<u32> = lines.iter().map(|line| line.first_word).collect();
            (block, starts)
        });
        let first = self.units.len();
        let p = place;
        let n = self.push_lines(lines, p.x, p.leading, p.space_before);
        if let Some((block, starts)) = counted {
            for (unit, word) in self.units[first..].iter_mut().zip(starts) {
                unit.source = Some(TextPoint { block, word });
            }
        }
        n
    }

    /// Set inlines into lines and push them as units with widow/orphan control.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        inlines: &[Inline],
        style: &TextStyle,
        x: f32,
        measure: f32,
        leading: f32,
        align: Align,
        indent: f32,
        space_before: f32,
        pos: crate::model::Pos,
    ) -> usize {
        let mut b = Builder::new(self.shaper, measure);
        if indent > 0.0 {
            b.indent(indent);
        }
        b.inlines(inlines, style, &self.cx);
        let set = b.set(align, Breaking::Fill);
        self.push_set(set, LinesAt::at(x, leading, space_before), pos)
    }

    /// Lines as units: no break after the first or before the last line (no orphans or widows).
    pub fn push_lines(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        leading: f32,
        space_before: f32,
    ) -> usize {
        let n = lines.len();
        // A line's baseline is at its slot's foot (TeX's baselineskip): lines of the body
        // leading then sit on the page's baseline grid (see `paginate::Frame`).
        let baseline = leading;
        for (i, mut line) in lines.into_iter().enumerate() {
            self.tags.tag_line(&mut line);
            let mut unit = line_unit(line, x, leading, baseline, self.chapter);
            if i == 0 {
                unit.space_before = space_before;
            }
            unit.keep_with_next = n > 1 && (i == 0 || i + 2 == n);
            self.push(unit);
        }
        n
    }

    /// Ends the answer to the current question (at the next question or the flow's end): when
    /// question and answer fit on a page together, no page break may fall inside them, so the
    /// question moves to the next page with its answer. A longer answer is broken like any text,
    /// which keeps its first lines with the question (`KEEP_AFTER_HEADING`, orphan control).
    fn keep_answer_with_question(&mut self) {
        let Some(start) = self.question_start.take() else {
            return;
        };
        let group = &mut self.units[start..];
        let height: f32 = group.iter().map(|u| u.height + u.space_before).sum::<f32>()
            - group.first().map_or(0.0, |u| u.space_before);
        if height <= self.style.body_height()
            && let Some((_, kept)) = group.split_last_mut()
        {
            for unit in kept {
                unit.keep_with_next = true;
            }
        }
    }

    /// The flow built, the last question's answer closed, and the structure elements it made.
    pub fn into_flow(mut self) -> (Vec<Unit>, Tagger) {
        self.keep_answer_with_question();
        (self.units, self.tags)
    }

    /// Run `build` inside a new element of `role`.
    pub fn tagged<R>(&mut self, role: Role, build: impl FnOnce(&mut Self) -> R) -> R {
        self.tags.open(role);
        let result = build(self);
        self.tags.close();
        result
    }

    /// Lay out blocks at `x` with `measure`.
    pub fn blocks(&mut self, blocks: &[Block], x: f32, measure: f32) {
        for block in blocks {
            let before = self.units.len();
            self.block(block, x, measure);
            self.anchor_spans(block, before);
        }
    }

    /// Lay out one block; its units that do not say where their text begins (rules, rows, code
    /// lines) begin at the block's start.
    fn block(&mut self, block: &Block, x: f32, measure: f32) {
        let first = self.units.len();
        self.block_units(block, x, measure);
        let start = TextPoint {
            block: block.pos,
            word: 0,
        };
        for unit in &mut self.units[first..] {
            unit.source.get_or_insert(start);
        }
    }

    fn block_units(&mut self, block: &Block, x: f32, measure: f32) {
        let leading = self.style.leading;
        let block_space = if self.units.is_empty() {
            0.0
        } else {
            leading * BLOCK_SPACE
        };
        match &block.kind {
            BlockKind::Paragraph(inlines) => {
                self.tagged(Role::P, |fb| {
                    fb.running_paragraph(inlines, x, measure, block.pos)
                });
                if introduces_what_follows(inlines) {
                    self.keep_next = self.keep_next.max(1);
                }
                return;
            }
            BlockKind::Heading(h) => {
                let level = h.level.clamp(1, 6);
                self.tagged(Role::H(level), |fb| fb.heading(h, x, measure, block.pos));
                return;
            }
            BlockKind::ThematicBreak => self.thematic_break(x, measure, block_space),
            BlockKind::Div {
                blocks, lang: None, ..
            } => {
                self.tagged(Role::Div, |fb| fb.blocks(blocks, x, measure));
                return;
            }
            BlockKind::Div {
                blocks,
                lang: Some(lang),
                ..
            } => {
                let blocks = crate::pdf::hyphenate::in_language(blocks, lang);
                self.tagged(Role::Div, |fb| fb.blocks(&blocks, x, measure));
                return;
            }
            kind => {
                self.pending_space = self.pending_space.max(block_space);
                match kind {
                    BlockKind::List(list) => self.list(list, x, measure, 0),
                    BlockKind::BlockQuote { callout, blocks } => {
                        self.tagged(Role::BlockQuote, |fb| {
                            fb.quote(*callout, blocks, x, measure, block.pos)
                        });
                    }
                    BlockKind::CodeBlock { code, language } => self.tagged(Role::Code, |fb| {
                        fb.code(code, language.as_deref(), x, measure, true, block.pos)
                    }),
                    BlockKind::RawHtml(html) => self.tagged(Role::Code, |fb| {
                        fb.code(html, None, x, measure, false, block.pos)
                    }),
                    BlockKind::Table(table) => self.table(table, x, measure, block.pos),
                    BlockKind::Figure(image) => self.figure(image, x, measure),
                    BlockKind::DefinitionList(defs) => {
                        self.tagged(Role::L(ListNumbering::None), |fb| {
                            fb.definition_list(defs, x, measure)
                        });
                    }
                    BlockKind::Paragraph(_)
                    | BlockKind::Heading(_)
                    | BlockKind::ThematicBreak
                    | BlockKind::Div { .. } => {}
                }
            }
        }
        self.after_paragraph = false;
        self.pending_space = self.pending_space.max(leading * BLOCK_SPACE);
    }

    /// The ids of the spans in a paragraph or heading, as anchors on its first line: a link to
    /// a span lands on the line that begins its paragraph.
    fn anchor_spans(&mut self, block: &Block, first_unit: usize) {
        let ids = match &block.kind {
            BlockKind::Paragraph(inlines) => crate::model::span_ids_in(inlines),
            BlockKind::Heading(h) => crate::model::span_ids_in(&h.content),
            BlockKind::Div { id: Some(id), .. } => vec![id.as_str()],
            _ => return,
        };
        if ids.is_empty() {
            return;
        }
        let slug = self.cx.chapter_slug;
        if let Some(unit) = self.units.get_mut(first_unit) {
            for id in ids {
                unit.anchors.push((anchor_name(slug, Some(id)), 0.0));
            }
        }
    }

    /// A paragraph of running text: justified, indented when it follows another.
    fn running_paragraph(&mut self, inlines: &[Inline], x: f32, measure: f32, pos: Pos) {
        let s = self.style;
        let indent = if self.after_paragraph {
            s.body_size * PARAGRAPH_INDENT_EM
        } else {
            0.0
        };
        let style = self.body_style();
        self.words_of = Some(pos);
        self.paragraph(
            inlines,
            &style,
            x,
            measure,
            s.leading,
            Align::Justify,
            indent,
            0.0,
            pos,
        );
        self.after_paragraph = true;
    }

    /// A heading, kept with the lines that follow it; in an FAQ, a question that starts an
    /// answer (see [`FlowBuilder::keep_answer_with_question`]).
    fn heading(&mut self, h: &Heading, x: f32, measure: f32, pos: Pos) {
        let s = self.style;
        let level_index = usize::from(h.level.clamp(2, 4)) - 2;
        let question = self.keep_answers && h.level == 2;
        let (font, size, lead, space_above, space_below) = if question {
            let (size, lead) = (s.body_size, s.leading);
            (FontKey::Bold, size, lead, QUESTION_SPACE_ABOVE, 0.0)
        } else {
            let size = s.heading_size(h.level);
            let font = if h.level <= 3 {
                FontKey::HeadingBold
            } else {
                FontKey::Bold
            };
            let above = HEADING_SPACE_ABOVE[level_index];
            (
                font,
                size,
                size * HEADING_LEADING,
                above,
                HEADING_SPACE_BELOW,
            )
        };
        let above = if self.units.is_empty() {
            0.0
        } else {
            s.leading * space_above
        };
        let mut style = TextStyle::new(font, size, s.heading_color);
        style.hyphenate = false;
        self.keep_answer_with_question();
        let before = self.units.len();
        let place = LinesAt::at(x, lead, above);
        self.words_of = Some(pos);
        self.display(&h.content, &style, measure, place, pos);
        let name = anchor_name(self.cx.chapter_slug, Some(&h.id));
        if let Some(u) = self.units.get_mut(before) {
            u.anchors.push((name, 0.0));
        }
        for u in &mut self.units[before..] {
            u.keep_with_next = true;
        }
        self.pending_space = s.leading * space_below;
        self.keep_next = KEEP_AFTER_HEADING;
        if self.keep_answers {
            self.question_start = Some(before);
        }
        self.after_paragraph = false;
    }

    /// Terms in bold, each kept with its definitions, which are indented like list items.
    fn definition_list(&mut self, defs: &[Definition], x: f32, measure: f32) {
        let s = self.style;
        for def in defs {
            let mut style = self.body_style();
            style.font = FontKey::Bold;
            let before = self.units.len();
            self.tags.open(Role::LI);
            self.tags.open(Role::Lbl);
            self.paragraph(
                &def.term,
                &style,
                x,
                measure,
                s.leading,
                Align::Left,
                0.0,
                0.0,
                def.pos,
            );
            self.tags.close();
            for u in &mut self.units[before..] {
                u.keep_with_next = true;
            }
            let indent = s.body_size * LIST_INDENT_EM;
            self.tags.open(Role::LBody);
            for detail in &def.details {
                self.after_paragraph = false;
                self.blocks(detail, x + indent, measure - indent);
            }
            self.tags.close();
            self.tags.close();
            self.pending_space = self.pending_space.max(s.leading * BLOCK_SPACE);
        }
    }

    /// A short centred rule in a space of its own.
    fn thematic_break(&mut self, x: f32, measure: f32, space_before: f32) {
        let s = self.style;
        let len = measure * BREAK_RULE_SHARE;
        let y = -s.leading * BREAK_HEIGHT / 2.0;
        let unit = Unit {
            height: s.leading * BREAK_HEIGHT,
            space_before,
            items: vec![PageItem::Line {
                from: (x + (measure - len) / 2.0, y),
                to: (x + (measure + len) / 2.0, y),
                width: HAIRLINE,
                color: s.rule_color,
                mark: Mark::Artifact(Artifact::Layout),
            }],
            ..Unit::default()
        };
        self.push(unit);
    }
}

/// Whether a paragraph leads into the block after it (ends in a colon: "…in TOML:", "include:"):
/// its last line is kept with that block's first, as a heading is, so that a lead-in never ends
/// a page whose next one opens with what it announces.
fn introduces_what_follows(inlines: &[Inline]) -> bool {
    crate::model::plain_text(inlines)
        .trim_end()
        .ends_with([':', '\u{ff1a}'])
}
