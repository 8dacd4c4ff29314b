//! Stage: running heads and folios. A page that opens a chapter has a folio and no head; on
//! other text pages the book's title heads left-hand pages and the chapter's short title
//! right-hand ones (the contents' own title on its pages).

use super::contents::CONTENTS_TITLE;
use super::numbering::PageNumbers;
use super::place::{PageRole, Placed, left_margin};
use crate::model::Book;
use crate::pdf::blocks::Tagger;
use crate::pdf::fonts::FontKey;
use crate::pdf::inline::{Align, LinePlace, LineText, TextStyle, set_text_line};
use crate::pdf::page::{Artifact, Mark, Page};
use crate::pdf::shape::Shaper;
use crate::pdf::style::PrintStyle;

/// Running head and folio size relative to the body: present, but quieter than the text.
const HEAD_SCALE: f32 = 0.85;
/// Running head baseline above the text block, in leadings.
const HEAD_RAISE: f32 = 1.3;
/// Folio baseline below the text block, in leadings.
const FOLIO_DROP: f32 = 2.0;

/// Set the running head and folio of every text page.
pub fn running_heads_and_folios(
    pages: &mut [Placed],
    book: &Book,
    style: &PrintStyle,
    numbers: &PageNumbers,
    shaper: &mut Shaper,
) {
    let size = style.body_size * HEAD_SCALE;
    let head_style = TextStyle::new(FontKey::Italic, size, style.text_color);
    let folio_style = TextStyle::new(FontKey::Regular, size, style.text_color);
    let measure = style.measure();
    for (p, placed) in pages.iter_mut().enumerate() {
        let PageRole::Text { chapter, opening } = placed.role else {
            continue;
        };
        let x = left_margin(style, p);
        let left_hand = p % 2 == 1;
        if !opening {
            let (text, align) = if left_hand {
                (book.meta.title.as_str(), Align::Left)
            } else {
                let title = chapter
                    .and_then(|c| book.chapters.get(c))
                    .map_or(book.strings.get(CONTENTS_TITLE), |c| c.short_title.as_str());
                (title, Align::Right)
            };
            let y = style.page_height - style.margin_top + style.leading * HEAD_RAISE;
            let line = LinePlace {
                x,
                baseline: y,
                measure,
                align,
            };
            let head = Mark::Artifact(Artifact::Header);
            set_text(shaper, &mut placed.page, text, &head_style, line, head);
        }
        let y = style.margin_bottom - style.leading * FOLIO_DROP;
        let line = LinePlace {
            x,
            baseline: y,
            measure,
            align: Align::Center,
        };
        set_text(
            shaper,
            &mut placed.page,
            &numbers.labels[p],
            &folio_style,
            line,
            Mark::Artifact(Artifact::Footer),
        );
    }
}

/// A running head or folio: `text` on one line at `at`, marked as the artifact `mark`.
fn set_text(
    shaper: &mut Shaper,
    page: &mut Page,
    text: &str,
    style: &TextStyle,
    at: LinePlace,
    mark: Mark,
) {
    let mut items = set_text_line(shaper, LineText::Words(text), style, at);
    Tagger::mark_unassigned(&mut items, mark);
    page.items.extend(items);
}
