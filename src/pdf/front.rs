//! The cover and the title/copyright page, drawn straight onto pages.

use super::blocks::Tagger;
use super::fonts::FontKey;
use super::inline::{
    Align, Breaking, InlineContext, LinePlace, LineText, TextStyle, text_lines, text_lines_broken,
};
use super::page::{Artifact, Mark, Page, PageItem, Rect, Role};
use super::shape::Shaper;
use super::style::PrintStyle;
use crate::model::Book;

/// Cover title size relative to the body size: display size for a small-format brochure.
const COVER_TITLE_SCALE: f32 = 2.6;
/// Cover subtitle and author sizes relative to the body.
const COVER_SUBTITLE_SCALE: f32 = 1.35;
const COVER_AUTHOR_SCALE: f32 = 1.2;
/// Where the cover title's top sits, as a share of the page height from the top.
const COVER_TITLE_TOP: f32 = 0.22;
/// The cover title's line spacing, as a multiple of its size: display lines set close.
const COVER_TITLE_LEADING: f32 = 1.15;
/// The subtitle's first baseline below the title's last, in its own size: a little air.
const COVER_SUBTITLE_DROP: f32 = 0.6;
/// Line spacing of the subtitle and authors, as a multiple of their size.
const COVER_LINE_LEADING: f32 = 1.3;
/// The rule under the title block: its distance below the block in leadings, where it starts
/// and ends as shares of the page width (a centred 30%) and its weight in points.
const COVER_RULE_DROP: f32 = 0.2;
const COVER_RULE_FROM: f32 = 0.35;
const COVER_RULE_TO: f32 = 0.65;
const COVER_RULE_WEIGHT: f32 = 0.8;
/// The publisher's line sits this many leadings above the bottom margin, the authors above it.
const COVER_FOOT_LINES: f32 = 3.0;
/// The authors' baseline above the publisher's line, in their size.
const COVER_AUTHOR_RAISE: f32 = 1.5;
/// The publisher's line is set a little smaller than the text, in the rule colour.
const COVER_PUBLISHER_SCALE: f32 = 0.9;
/// The cover image is at most this share of the measure wide.
const COVER_IMAGE_SHARE: f32 = 0.8;
/// Imprint (copyright page) text size relative to the body.
const IMPRINT_SCALE: f32 = 0.82;

/// Set `text` as lines aligned in `place`, broken by sense (as many lines as first fit, evenly
/// long, none ending on "of" or "a"), the first on `place.baseline` and each next one
/// `leading` lower, content of a new element of `role`; returns the y below the last line.
#[allow(clippy::too_many_arguments)]
fn block(
    page: &mut Page,
    shaper: &mut Shaper,
    tags: &mut Tagger,
    role: Role,
    text: &str,
    style: &TextStyle,
    place: LinePlace,
    leading: f32,
) -> f32 {
    let mark = Mark::Content(tags.add(role));
    let mut y = place.baseline;
    for line in text_lines_broken(
        shaper,
        LineText::Words(text),
        style,
        place.measure,
        place.align,
        Breaking::Sense,
    ) {
        let mut items = line.moved_to(place.x, y).items;
        Tagger::mark_unassigned(&mut items, mark);
        page.items.extend(items);
        y -= leading;
    }
    y
}

/// The cover: title, subtitle, the cover image (`cover_asset`), authors and publisher.
pub fn cover(
    book: &Book,
    style: &PrintStyle,
    shaper: &mut Shaper,
    cx: &InlineContext,
    cover_asset: Option<usize>,
    tags: &mut Tagger,
) -> Page {
    let mut page = Page::default();
    let s = style;
    let x = s.margin_outer.min(s.margin_inner);
    let measure = s.page_width - 2.0 * x;
    let centred = |baseline| LinePlace {
        x,
        baseline,
        measure,
        align: Align::Center,
    };
    let title_size = s.body_size * COVER_TITLE_SCALE;
    let mut title = TextStyle::new(FontKey::HeadingBold, title_size, s.heading_color);
    title.hyphenate = false;
    let top = s.page_height * (1.0 - COVER_TITLE_TOP);
    let mut y = block(
        &mut page,
        shaper,
        tags,
        Role::Title,
        &book.meta.title,
        &title,
        centred(top),
        title_size * COVER_TITLE_LEADING,
    );
    if let Some(sub) = &book.meta.subtitle {
        let size = s.body_size * COVER_SUBTITLE_SCALE;
        let mut st = TextStyle::new(FontKey::Italic, size, s.text_color);
        st.hyphenate = false;
        y = block(
            &mut page,
            shaper,
            tags,
            Role::P,
            sub,
            &st,
            centred(y - size * COVER_SUBTITLE_DROP),
            size * COVER_LINE_LEADING,
        );
    }
    // Rule under the title block.
    let rule_y = y - s.leading * COVER_RULE_DROP;
    page.items.push(PageItem::Line {
        from: (s.page_width * COVER_RULE_FROM, rule_y),
        to: (s.page_width * COVER_RULE_TO, rule_y),
        width: COVER_RULE_WEIGHT,
        color: s.heading_color,
        mark: Mark::Artifact(Artifact::Layout),
    });
    let author_size = s.body_size * COVER_AUTHOR_SCALE;
    let bottom = s.margin_bottom + s.leading * COVER_FOOT_LINES;
    let author_baseline = bottom + author_size * COVER_AUTHOR_RAISE;
    if let (Some(asset), Some(&size)) =
        (cover_asset, cover_asset.and_then(|a| cx.image_sizes.get(a)))
        && size.0 > 0
        && size.1 > 0
    {
        // The image fills the room between the title block and the author line, clear of the
        // author line: its baseline, plus the ascent of its letters, plus a line.
        let room = Room {
            top: rule_y - s.leading,
            bottom: author_baseline + author_size + s.leading,
        };
        let alt = book.strings.fill("cover-of", &book.meta.title);
        let mut image = cover_image(asset, size, alt, room, s.page_width, measure);
        if let PageItem::Image { alt, mark, .. } = &mut image {
            *mark = tags.figure(alt);
        }
        page.items.push(image);
    }
    let author_style = TextStyle::new(FontKey::HeadingRegular, author_size, s.text_color);
    let authors = book.meta.authors.join(", ");
    let mut y = author_baseline;
    if !authors.is_empty() {
        y = block(
            &mut page,
            shaper,
            tags,
            Role::P,
            &authors,
            &author_style,
            centred(y),
            author_size * COVER_LINE_LEADING,
        );
    }
    if let Some(publisher) = &book.meta.publisher {
        let ps = TextStyle::new(
            FontKey::HeadingRegular,
            s.body_size * COVER_PUBLISHER_SCALE,
            s.rule_color,
        );
        block(
            &mut page,
            shaper,
            tags,
            Role::P,
            publisher,
            &ps,
            centred(y.min(bottom)),
            s.leading,
        );
    }
    page
}

/// A stretch of the page between two heights.
#[derive(Debug, Clone, Copy)]
struct Room {
    top: f32,
    bottom: f32,
}

/// The cover image (`size` in pixels) as wide as `COVER_IMAGE_SHARE` of `measure` or as tall as `room`
/// allows, centred on the page and in the room.
fn cover_image(
    asset: usize,
    (w, h): (u32, u32),
    alt: String,
    room: Room,
    page_width: f32,
    measure: f32,
) -> PageItem {
    let max_h = (room.top - room.bottom).max(10.0);
    let mut width = measure * COVER_IMAGE_SHARE;
    let mut height = width * h as f32 / w as f32;
    if height > max_h {
        height = max_h;
        width = height * w as f32 / h as f32;
    }
    PageItem::Image {
        asset,
        rect: Rect {
            x: (page_width - width) / 2.0,
            y: room.bottom + (max_h - height) / 2.0,
            width,
            height,
        },
        alt,
        mark: Mark::Unassigned,
    }
}

/// A paragraph of the imprint: its text (empty for a blank line) and its face.
struct ImprintLine {
    text: String,
    font: FontKey,
}

/// The imprint's paragraphs: title, subtitle, authors; publisher, rights, date, identifier;
/// the colophon.
fn imprint_lines(book: &Book, typefaces: &str) -> Vec<ImprintLine> {
    let m = &book.meta;
    let line = |text: String, font| ImprintLine { text, font };
    let mut lines = vec![line(m.title.clone(), FontKey::Bold)];
    if let Some(sub) = &m.subtitle {
        lines.push(line(sub.clone(), FontKey::Italic));
    }
    if !m.authors.is_empty() {
        lines.push(line(
            book.strings.fill("by", &m.authors.join(", ")),
            FontKey::Regular,
        ));
    }
    lines.push(line(String::new(), FontKey::Regular));
    if let Some(p) = &m.publisher {
        lines.push(line(book.strings.fill("published-by", p), FontKey::Regular));
    }
    if let Some(r) = &m.rights {
        lines.push(line(r.clone(), FontKey::Regular));
    }
    if let Some(d) = &m.date {
        lines.push(line(book.strings.fill("date", d), FontKey::Regular));
    }
    if !m.identifier.is_empty() {
        lines.push(line(
            book.strings.fill("identifier", &m.identifier),
            FontKey::Regular,
        ));
    }
    lines.push(line(String::new(), FontKey::Regular));
    lines.push(line(
        book.strings.fill("colophon", typefaces),
        FontKey::Italic,
    ));
    lines
}

/// The faces the imprint is set in.
pub const IMPRINT_FACES: [FontKey; 3] = [FontKey::Bold, FontKey::Italic, FontKey::Regular];

/// The title page's back: the imprint (title, publisher, rights, identifier, date) at the foot,
/// and a colophon naming `typefaces`, the typefaces the document is set in.
pub fn imprint(
    book: &Book,
    style: &PrintStyle,
    shaper: &mut Shaper,
    x: f32,
    typefaces: &str,
    tags: &mut Tagger,
) -> Page {
    let mut page = Page::default();
    let s = style;
    let size = s.body_size * IMPRINT_SCALE;
    let leading = s.leading * IMPRINT_SCALE;
    let lines = imprint_lines(book, typefaces);
    // Measure the block first, so it ends on the text block's last baseline.
    let measure = s.measure();
    let mut count = 0;
    for line in &lines {
        let style = TextStyle::new(line.font, size, s.text_color);
        count += text_lines(
            shaper,
            LineText::Words(&line.text),
            &style,
            measure,
            Align::Left,
        )
        .len()
        .max(1);
    }
    let left = |baseline| LinePlace {
        x,
        baseline,
        measure,
        align: Align::Left,
    };
    let mut y = s.margin_bottom + leading * (count as f32 - 1.0);
    for line in &lines {
        if line.text.is_empty() {
            y -= leading;
            continue;
        }
        let st = TextStyle::new(line.font, size, s.text_color);
        y = block(
            &mut page,
            shaper,
            tags,
            Role::P,
            &line.text,
            &st,
            left(y),
            leading,
        );
    }
    page
}
