//! Figures: an image as wide as the measure allows within a share of the text block's height,
//! centred, with its caption (its title, else its alternative text, after its number when
//! figures are numbered) under it, never on another page; an image that cannot be drawn
//! becomes its alternative text.

use super::{FlowBuilder, NOTE_SIZE, Unit};
use crate::model::{Image, Inline};
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::Align;
use crate::pdf::page::{Mark, PageItem, Rect, Role};

/// A figure never takes more than this share of the text block's height.
const FIGURE_MAX_HEIGHT: f32 = 0.6;
/// Figure captions: a little larger than footnotes, smaller than the text they caption.
const CAPTION_SCALE: f32 = NOTE_SIZE + 0.08;
/// Space between a figure and its caption, in leadings: close, so that they read as one.
const CAPTION_SPACE: f32 = 0.3;

impl FlowBuilder<'_> {
    pub(super) fn figure(&mut self, image: &Image, x: f32, measure: f32) {
        let s = self.style;
        let size = image
            .asset
            .and_then(|a| self.cx.image_sizes.get(a).map(|sz| (a, *sz)));
        let Some((asset, (w, h))) = size.filter(|(_, (w, h))| *w > 0 && *h > 0) else {
            let mut style = self.body_style();
            style.font = FontKey::Italic;
            self.tags.open(Role::P);
            self.paragraph(
                &[Inline::Text(format!("[Image: {}]", image.alt))],
                &style,
                x,
                measure,
                s.leading,
                Align::Center,
                0.0,
                0.0,
                image.pos,
            );
            self.tags.close();
            return;
        };
        let mut width = measure;
        let mut height = width * h as f32 / w as f32;
        let max_h = s.body_height() * FIGURE_MAX_HEIGHT;
        if height > max_h {
            height = max_h;
            width = height * w as f32 / h as f32;
        }
        let caption = caption_text(image);
        let mark = self.tags.figure(&image.alt);
        let figure = match mark {
            Mark::Content(id) => {
                self.tags.open_existing(id);
                true
            }
            _ => false,
        };
        let unit = Unit {
            height,
            items: vec![PageItem::Image {
                asset,
                rect: Rect {
                    x: x + (measure - width) / 2.0,
                    y: -height,
                    width,
                    height,
                },
                alt: image.alt.clone(),
                mark,
            }],
            keep_with_next: !caption.is_empty(),
            ..Unit::default()
        };
        self.push(unit);
        if !caption.is_empty() {
            let mut style = self.body_style();
            style.font = FontKey::Italic;
            style.size *= CAPTION_SCALE;
            self.tags.open(if figure { Role::Caption } else { Role::P });
            let first = self.units.len();
            self.paragraph(
                &[Inline::Text(caption)],
                &style,
                x,
                measure,
                s.leading,
                Align::Center,
                0.0,
                s.leading * CAPTION_SPACE,
                image.pos,
            );
            // Every line of the caption stays with the next: the whole caption on the image's page.
            let last = self.units.len().saturating_sub(1);
            for unit in self.units.iter_mut().take(last).skip(first) {
                unit.keep_with_next = true;
            }
            self.tags.close();
        }
        if figure {
            self.tags.close();
        }
    }
}

/// The caption set under a figure: its label and caption ("Figure 2.1. A lab bench"), either
/// alone, or nothing.
fn caption_text(image: &Image) -> String {
    match (image.label.as_deref(), image.caption()) {
        (Some(label), "") => label.to_string(),
        (Some(label), caption) => format!("{label}. {caption}"),
        (None, caption) => caption.to_string(),
    }
}
