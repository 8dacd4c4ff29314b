//! A chapter's (or the contents') opening: a sink, the label ("Chapter 3"), the title, and the
//! anchors a link to the chapter lands on.

use crate::model::{Inline, Pos};
use crate::pdf::blocks::{FlowBuilder, LinesAt, Unit};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{Align, TextStyle};
use crate::pdf::page::Role;

/// A chapter opening starts this far down the text block (a "sink"), as a share of its height.
const CHAPTER_SINK: f32 = 0.16;
/// The chapter label ("Chapter 3") size relative to the body.
const CHAPTER_LABEL_SCALE: f32 = 1.1;
/// The label's line spacing, as a multiple of its size: a little air between label and title.
const LABEL_LEADING: f32 = 1.6;
/// The title's line spacing, as a multiple of its size: display type is set tighter than text.
const TITLE_LEADING: f32 = 1.2;
/// Space between a chapter title and the text, in leadings.
const AFTER_CHAPTER_TITLE: f32 = 2.0;
/// Lines of text that stay on the opening page with the title: a chapter that runs on starts
/// where its label, title and three lines fit, so it never ends a page on a bare title.
const KEEP_AFTER_TITLE: u8 = 3;

/// What opens a flow.
pub struct Opening<'a> {
    /// "Chapter 3", "Appendix A"; none for the contents and unnumbered chapters.
    pub label: Option<&'a str>,
    pub title: &'a [Inline],
    /// Anchors placed at the top of the opening.
    pub anchors: &'a [String],
    /// Where the title is in its file, for diagnostics.
    pub pos: Pos,
}

/// Push the opening's units: the sink, label and title stay together and with the first lines.
pub fn opening(fb: &mut FlowBuilder, opening: Opening) {
    let s = fb.style;
    let measure = s.measure();
    fb.units.push(Unit {
        height: s.body_height() * CHAPTER_SINK,
        anchors: opening.anchors.iter().map(|a| (a.clone(), 0.0)).collect(),
        keep_with_next: true,
        ..Unit::default()
    });
    if let Some(label) = opening.label {
        let size = s.body_size * CHAPTER_LABEL_SCALE;
        let style = TextStyle {
            hyphenate: false,
            ..TextStyle::new(FontKey::HeadingRegular, size, s.heading_color)
        };
        fb.tags.open(Role::P);
        fb.paragraph(
            &[Inline::Text(label.to_string())],
            &style,
            0.0,
            measure,
            size * LABEL_LEADING,
            Align::Left,
            0.0,
            0.0,
            opening.pos,
        );
        fb.tags.close();
    }
    let size = s.heading_size(1);
    let style = TextStyle {
        hyphenate: false,
        ..TextStyle::new(FontKey::HeadingBold, size, s.heading_color)
    };
    fb.tags.open(Role::H(1));
    let place = LinesAt::at(0.0, size * TITLE_LEADING, 0.0);
    fb.display(opening.title, &style, measure, place, opening.pos);
    fb.tags.close();
    for u in &mut fb.units {
        u.keep_with_next = true;
    }
    fb.pending_space = s.leading * AFTER_CHAPTER_TITLE;
    fb.keep_next = KEEP_AFTER_TITLE;
    fb.after_paragraph = false;
}
