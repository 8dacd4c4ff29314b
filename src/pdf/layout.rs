//! The whole document: cover, imprint, contents (two passes), chapters on new (right-hand)
//! pages, footnotes, running heads and folios, page labels, links, outline and info.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::blocks::{FlowBuilder, NOTE_SIZE, Unit, missing_char_message, shift_item};
use super::fonts::{FontKey, FontSet};
use super::inline::{
    Align, InlineContext, LinePlace, LineText, PendingLink, TextStyle, UnresolvedTarget,
    anchor_name, set_text_line,
};
use super::page::{
    DocumentInfo, LabelStyle, LaidOutDocument, LinkArea, LinkTarget, OutlineEntry, Page, PageItem,
    PageLabelRange,
};
use super::paginate::{NOTE_GAP, Notes, PagePlan, Slot, paginate};
use super::shape::Shaper;
use super::style::{PrintStyle, parse_style};
use super::toc::{TocEntry, toc_units};
use super::{PdfOptions, front};
use crate::diagnostic::{Diagnostics, Failed, Location};
use crate::model::{Book, ChapterKind};

/// A chapter opening starts this far down the text block (a "sink"), as a share of its height.
const CHAPTER_SINK: f32 = 0.16;
/// The chapter label ("Chapter 3") size relative to the body.
const CHAPTER_LABEL_SCALE: f32 = 1.1;
/// Space between a chapter title and the text, in leadings.
const AFTER_CHAPTER_TITLE: f32 = 2.0;
/// Running head size relative to the body.
const HEAD_SCALE: f32 = 0.85;
/// Running head baseline above the text block, in leadings.
const HEAD_RAISE: f32 = 1.3;
/// Folio baseline below the text block, in leadings.
const FOLIO_DROP: f32 = 2.0;
/// Footnote separator length as a share of the measure.
const NOTE_RULE_SHARE: f32 = 0.3;
/// Numbers of a footnote hang in this indent, in em of the note size.
const NOTE_INDENT_EM: f32 = 1.5;
/// The placeholder page label used to measure the contents in the first pass.
const PLACEHOLDER_LABEL: &str = "000";

/// What a page is, for running heads and folios.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRole {
    Cover,
    Imprint,
    Blank,
    /// A page of the contents or a chapter: the section index (`None` for contents).
    Text {
        chapter: Option<usize>,
        opening: bool,
    },
}

/// The laid-out document plus what tests and the writer's caller want to know.
#[derive(Debug, Clone)]
pub struct Layout {
    pub doc: LaidOutDocument,
    pub roles: Vec<PageRole>,
    /// The page label of every page ("i", "1"...).
    pub page_labels: Vec<String>,
    /// Where each anchor landed: (page, y of its top).
    pub anchors: HashMap<String, (usize, f32)>,
    /// The text block's left edge per page.
    pub text_left: Vec<f32>,
    /// The text block's width.
    pub measure: f32,
    /// Contents entries: (anchor, page label printed).
    pub toc: Vec<(String, String)>,
    /// Per page, the flow units placed on it, in order (for pagination tests).
    pub page_units: Vec<Vec<UnitFacts>>,
    /// `Book::images` followed by the cover (if any): what `PageItem::Image::asset` indexes.
    pub cover_asset: Option<usize>,
}

/// Facts about a unit placed on a page, for pagination tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitFacts {
    pub keep_with_next: bool,
    /// The unit carries an anchor (a heading's or chapter's first line).
    pub anchored: bool,
    pub top: f32,
    pub height: f32,
}

struct Placed {
    page: Page,
    role: PageRole,
    pending_links: Vec<PendingLink>,
    units: Vec<UnitFacts>,
}

impl Placed {
    /// A page drawn whole (cover, imprint, blank), with no flow units or links to resolve.
    fn drawn(page: Page, role: PageRole) -> Self {
        Placed {
            page,
            role,
            pending_links: Vec::new(),
            units: Vec::new(),
        }
    }
}

/// Lay `book` out into pages.
pub fn lay_out(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<Layout, Failed> {
    let (style_text, style_file) = &book.styles.print;
    let default_style;
    let style_text = if style_text.trim().is_empty() && style_file.is_none() {
        default_style = super::style::DEFAULT_PRINT_TOML.to_string();
        &default_style
    } else {
        style_text
    };
    let style = parse_style(
        style_text,
        style_file.as_deref(),
        Some(&book.root),
        options.paper,
        diags,
    )
    .ok_or(Failed)?;
    let Some(fonts) = crate::timing::phase("pdf: font set", || FontSet::with_files(style.fonts))
    else {
        diags.error(
            style_file.as_deref().map(Location::file),
            "a font of the print style could not be parsed",
        );
        return Err(Failed);
    };
    let mut shaper = Shaper::new(fonts);
    let mut image_sizes: Vec<(u32, u32)> =
        book.images.iter().map(|a| (a.width, a.height)).collect();
    let cover_asset = book.cover.as_ref().map(|c| {
        image_sizes.push((c.width, c.height));
        image_sizes.len() - 1
    });
    let slugs: Vec<String> = book.chapters.iter().map(|c| c.slug.clone()).collect();
    let measure = style.measure();

    // Chapter flows and their footnotes, the chapters split in two halves of about equal text
    // built on two threads (each with its own shaping cache), then joined in order.
    let note_style = PrintStyle {
        body_size: style.body_size * NOTE_SIZE,
        leading: style.leading * NOTE_SIZE,
        ..style.clone()
    };
    let flow_cx = FlowContext {
        style: &style,
        note_style: &note_style,
        slugs: &slugs,
        image_sizes: &image_sizes,
        measure,
    };
    let split = halfway(book);
    let (first, second) = book.chapters.split_at(split);
    let (mut flows, mut notes, second_half) = crate::timing::phase("pdf: chapter flows", || {
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| {
                let mut shaper = Shaper::new(fonts);
                let mut diags = Diagnostics::new();
                let built = chapter_flows(&flow_cx, &mut shaper, split, second, &mut diags);
                let missing: Vec<char> = shaper.reported().collect();
                (built, diags, missing)
            });
            let (flows, notes) = chapter_flows(&flow_cx, &mut shaper, 0, first, diags);
            (flows, notes, worker.join())
        })
    });
    let Ok(((more_flows, more_notes), more_diags, more_missing)) = second_half else {
        diags.error(None, "laying out the chapters failed");
        return Err(Failed);
    };
    // A character missing from every font is reported once per document.
    let reported: Vec<String> = shaper.reported().map(missing_char_message).collect();
    for d in more_diags.items() {
        if !reported.contains(&d.message) {
            diags.push(d.clone());
        }
    }
    shaper.mark_reported(more_missing);
    flows.extend(more_flows);
    notes.extend(more_notes);

    // Contents entries.
    let mut entries = Vec::new();
    for ch in &book.chapters {
        let number = match (ch.kind, ch.number) {
            (ChapterKind::Chapter, Some(n)) => n.to_string(),
            (ChapterKind::Appendix, Some(n)) => crate::model::appendix_letter(n),
            _ => String::new(),
        };
        entries.push(TocEntry {
            number,
            title: ch.title_text(),
            level: 1,
            anchor: ch.slug.clone(),
        });
        if ch.kind == ChapterKind::Chapter {
            for (h, _) in ch.headings() {
                if h.level == 2 {
                    entries.push(TocEntry {
                        number: String::new(),
                        title: h.text(),
                        level: 2,
                        anchor: anchor_name(&ch.slug, Some(&h.id)),
                    });
                }
            }
        }
    }
    const CONTENTS_ANCHOR: &str = "contents";
    let toc_flow =
        |shaper: &mut Shaper, diags: &mut Diagnostics, label: &dyn Fn(&str) -> String| {
            let cx = InlineContext {
                link_color: style.link_color,
                chapter_slugs: &slugs,
                chapter_slug: CONTENTS_ANCHOR,
                footnote_ids: &[],
                image_sizes: &image_sizes,
            };
            let mut fb = FlowBuilder::new(shaper, &style, cx, usize::MAX, None, diags);
            opening(
                &mut fb,
                None,
                &[crate::model::Inline::Text("Contents".into())],
                &[CONTENTS_ANCHOR.to_string()],
                Default::default(),
            );
            toc_units(&mut fb, &entries, label);
            fb.units
        };

    // Pass 1: everything, with placeholder numbers in the contents.
    let front_cx = InlineContext {
        link_color: style.link_color,
        chapter_slugs: &slugs,
        chapter_slug: "",
        footnote_ids: &[],
        image_sizes: &image_sizes,
    };
    let mut pages: Vec<Placed> = Vec::new();
    let cover = front::cover(book, &style, &mut shaper, &front_cx, cover_asset);
    pages.push(Placed::drawn(cover, PageRole::Cover));
    let imprint_x = left_margin(&style, 1);
    let imprint = front::imprint(book, &style, &mut shaper, imprint_x);
    pages.push(Placed::drawn(imprint, PageRole::Imprint));
    let toc_first = pages.len();
    let toc_pages = crate::timing::phase("pdf: contents, first pass", || {
        let toc1 = toc_flow(&mut shaper, diags, &|_| PLACEHOLDER_LABEL.to_string());
        place_flow(&style, toc1, &mut notes, toc_first, None)
    });
    let toc_count = toc_pages.len();
    pages.extend(toc_pages);
    let mut body_start = None;
    let placing = std::time::Instant::now();
    for (i, units) in flows.into_iter().enumerate() {
        if style.chapters_open_right && pages.len() % 2 == 1 {
            pages.push(Placed::drawn(Page::default(), PageRole::Blank));
        }
        if body_start.is_none() && book.chapters[i].kind != ChapterKind::Front {
            body_start = Some(pages.len());
        }
        let placed = place_flow(&style, units, &mut notes, pages.len(), Some(i));
        pages.extend(placed);
    }
    crate::timing::report("pdf: place the chapters", placing);
    let body_start = body_start.unwrap_or(pages.len());
    let page_labels: Vec<String> = (0..pages.len())
        .map(|p| {
            if p < body_start {
                roman(p + 1)
            } else {
                (p - body_start + 1).to_string()
            }
        })
        .collect();
    let mut anchors: HashMap<String, (usize, f32)> = HashMap::new();
    for (p, placed) in pages.iter().enumerate() {
        for (name, y) in &placed.page.anchors {
            anchors.entry(name.clone()).or_insert((p, *y));
        }
    }

    // Pass 2: the contents with the real page labels.
    let label_of = |anchor: &str| {
        anchors
            .get(anchor)
            .and_then(|(p, _)| page_labels.get(*p).cloned())
            .unwrap_or_default()
    };
    let toc_pages = crate::timing::phase("pdf: contents, second pass", || {
        let toc2 = toc_flow(&mut shaper, diags, &label_of);
        place_flow(&style, toc2, &mut notes, toc_first, None)
    });
    if toc_pages.len() != toc_count {
        diags.error(None, "internal: the contents changed length between passes");
        return Err(Failed);
    }
    pages.splice(toc_first..toc_first + toc_count, toc_pages);
    let toc: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e.anchor.clone(), label_of(&e.anchor)))
        .collect();

    // Running heads and folios.
    for (p, placed) in pages.iter_mut().enumerate() {
        if let PageRole::Text { chapter, opening } = placed.role {
            let x0 = left_margin(&style, p);
            let head_style = TextStyle::new(
                FontKey::Italic,
                style.body_size * HEAD_SCALE,
                style.text_color,
            );
            if !opening {
                let text = if p % 2 == 1 {
                    book.meta.title.clone()
                } else {
                    chapter
                        .and_then(|c| book.chapters.get(c))
                        .map(|c| c.short_title.clone())
                        .unwrap_or_else(|| "Contents".into())
                };
                let align = if p % 2 == 1 {
                    Align::Left
                } else {
                    Align::Right
                };
                let y = style.page_height - style.margin_top + style.leading * HEAD_RAISE;
                set_text(
                    &mut shaper,
                    &mut placed.page,
                    &text,
                    &head_style,
                    x0,
                    y,
                    measure,
                    align,
                );
            }
            let folio_style = TextStyle::new(
                FontKey::Regular,
                style.body_size * HEAD_SCALE,
                style.text_color,
            );
            let y = style.margin_bottom - style.leading * FOLIO_DROP;
            set_text(
                &mut shaper,
                &mut placed.page,
                &page_labels[p],
                &folio_style,
                x0,
                y,
                measure,
                Align::Center,
            );
        }
    }

    // Links.
    for placed in &mut pages {
        for PendingLink { rect, target } in std::mem::take(&mut placed.pending_links) {
            let target = match target {
                UnresolvedTarget::Uri(u) => LinkTarget::Uri(u),
                UnresolvedTarget::Anchor(name) => match anchors.get(&name) {
                    Some((page, y)) => LinkTarget::Page { page: *page, y: *y },
                    None => {
                        diags.warning(None, format!("a link points to '{name}', which is not in the book; it is not clickable in the PDF"));
                        continue;
                    }
                },
            };
            placed.page.links.push(LinkArea { rect, target });
        }
    }

    // Outline: contents, chapters with their sections (appendix with its questions).
    let dest = |name: &str| anchors.get(name).copied();
    let mut outline = Vec::new();
    if let Some((page, y)) = dest(CONTENTS_ANCHOR) {
        outline.push(OutlineEntry {
            title: "Contents".into(),
            page,
            y,
            children: Vec::new(),
        });
    }
    for ch in &book.chapters {
        let Some((page, y)) = dest(&ch.slug) else {
            continue;
        };
        let title = match ch.label() {
            Some(label) => format!("{label}: {}", ch.title_text()),
            None => ch.title_text(),
        };
        let mut entry = OutlineEntry {
            title,
            page,
            y,
            children: Vec::new(),
        };
        for (h, _) in ch.headings() {
            let Some((page, y)) = dest(&anchor_name(&ch.slug, Some(&h.id))) else {
                continue;
            };
            let child = OutlineEntry {
                title: h.text(),
                page,
                y,
                children: Vec::new(),
            };
            match (h.level, entry.children.last_mut()) {
                (3, Some(parent)) => parent.children.push(child),
                (2, _) => entry.children.push(child),
                _ => {}
            }
        }
        outline.push(entry);
    }

    let labels = vec![
        PageLabelRange {
            first_page: 0,
            style: LabelStyle::LowerRoman,
            start: 1,
        },
        PageLabelRange {
            first_page: body_start,
            style: LabelStyle::Decimal,
            start: 1,
        },
    ]
    .into_iter()
    .filter(|r| r.first_page < pages.len())
    .collect();

    let info = document_info(book, &style, style_text);
    let roles = pages.iter().map(|p| p.role).collect();
    let page_units = pages.iter().map(|p| p.units.clone()).collect();
    let mut doc = LaidOutDocument {
        page_width: style.page_width,
        page_height: style.page_height,
        fonts: FontKey::ALL.iter().map(|k| fonts.file(*k)).collect(),
        pages: pages.into_iter().map(|p| p.page).collect(),
        outline,
        labels,
        info,
    };
    compact_fonts(&mut doc);
    let text_left = (0..doc.pages.len())
        .map(|p| left_margin(&style, p))
        .collect();
    Ok(Layout {
        text_left,
        measure,
        doc,
        roles,
        page_labels,
        anchors,
        toc,
        page_units,
        cover_asset,
    })
}

/// What building a chapter's flow needs besides the chapter.
struct FlowContext<'a> {
    style: &'a PrintStyle,
    note_style: &'a PrintStyle,
    slugs: &'a [String],
    image_sizes: &'a [(u32, u32)],
    measure: f32,
}

/// The index of the first chapter of the second half: the chapters before it hold about half
/// of the book's text. Counting blocks instead (a list is one block however long) left the
/// guide's first thread 3.1-3.6 ms of work and the second 1.7-1.8; by text each takes about 3.
fn halfway(book: &Book) -> usize {
    let sizes: Vec<usize> = book
        .chapters
        .iter()
        .map(|c| crate::model::block_text(&c.blocks).len())
        .collect();
    let total: usize = sizes.iter().sum();
    let mut seen = 0;
    for (i, size) in sizes.iter().enumerate() {
        if seen * 2 >= total {
            return i;
        }
        seen += size;
    }
    book.chapters.len()
}

/// The flows of `chapters` (the first is chapter `first` of the book) and their footnotes.
fn chapter_flows(
    fc: &FlowContext,
    shaper: &mut Shaper,
    first: usize,
    chapters: &[crate::model::Chapter],
    diags: &mut Diagnostics,
) -> (Vec<Vec<Unit>>, Notes) {
    let (style, note_style, measure) = (fc.style, fc.note_style, fc.measure);
    let mut flows: Vec<Vec<Unit>> = Vec::new();
    let mut notes: Notes = HashMap::new();
    for (i, ch) in chapters.iter().enumerate() {
        let i = first + i;
        let footnote_ids: Vec<String> = ch.footnotes.iter().map(|f| f.id.clone()).collect();
        let cx = InlineContext {
            link_color: style.link_color,
            chapter_slugs: fc.slugs,
            chapter_slug: &ch.slug,
            footnote_ids: &footnote_ids,
            image_sizes: fc.image_sizes,
        };
        let mut fb = FlowBuilder::new(shaper, style, cx, i, Some(ch), diags);
        // In an appendix (the FAQ) each question stays with its whole answer.
        fb.keep_answers = ch.kind == ChapterKind::Appendix;
        opening(
            &mut fb,
            ch.label().as_deref(),
            &ch.title,
            &[ch.slug.clone(), anchor_name(&ch.slug, Some(&ch.title_id))],
            ch.pos,
        );
        fb.blocks(&ch.blocks, 0.0, measure);
        flows.push(fb.units);
        for note in &ch.footnotes {
            let indent = note_style.body_size * NOTE_INDENT_EM;
            let mut fb = FlowBuilder::new(shaper, note_style, cx, i, Some(ch), diags);
            fb.blocks(&note.blocks, indent, measure - indent);
            let mut units = fb.units;
            if let Some(first) = units.first_mut() {
                first.space_before = 0.0;
                first
                    .anchors
                    .push((anchor_name(&ch.slug, Some(&note.id)), 0.0));
                let number =
                    TextStyle::new(FontKey::Regular, note_style.body_size, style.text_color);
                let place = LinePlace {
                    x: 0.0,
                    baseline: -first.baseline,
                    measure,
                    align: Align::Left,
                };
                let text = format!("{}.", note.number);
                let items = set_text_line(shaper, LineText::Words(&text), &number, place);
                first.items.extend(items);
            }
            for u in units.iter_mut().skip(1) {
                u.space_before = u.space_before.min(note_style.leading * 0.3);
            }
            notes.insert((i, note.number), units);
        }
    }
    (flows, notes)
}

/// A chapter (or the contents) opening: sink, label, title, anchors at the top.
fn opening(
    fb: &mut FlowBuilder,
    label: Option<&str>,
    title: &[crate::model::Inline],
    anchors: &[String],
    pos: crate::model::Pos,
) {
    let s = fb.style;
    let measure = s.measure();
    fb.units.push(Unit {
        height: s.body_height() * CHAPTER_SINK,
        anchors: anchors.iter().map(|a| (a.clone(), 0.0)).collect(),
        keep_with_next: true,
        ..Unit::default()
    });
    if let Some(label) = label {
        let size = s.body_size * CHAPTER_LABEL_SCALE;
        let style = TextStyle {
            hyphenate: false,
            ..TextStyle::new(FontKey::HeadingRegular, size, s.heading_color)
        };
        fb.paragraph(
            &[crate::model::Inline::Text(label.to_string())],
            &style,
            0.0,
            measure,
            size * 1.6,
            Align::Left,
            0.0,
            0.0,
            pos,
        );
    }
    let size = s.heading_size(1);
    let style = TextStyle {
        hyphenate: false,
        ..TextStyle::new(FontKey::HeadingBold, size, s.heading_color)
    };
    fb.paragraph(
        title,
        &style,
        0.0,
        measure,
        size * 1.2,
        Align::Left,
        0.0,
        0.0,
        pos,
    );
    for u in &mut fb.units {
        u.keep_with_next = true;
    }
    fb.pending_space = s.leading * AFTER_CHAPTER_TITLE;
    fb.keep_next = 2;
    fb.after_paragraph = false;
}

/// The left edge of the text block on page `p`: recto (even index) pages have the binding on
/// the left.
fn left_margin(style: &PrintStyle, p: usize) -> f32 {
    if p.is_multiple_of(2) {
        style.margin_inner
    } else {
        style.margin_outer
    }
}

/// A flow's units, ready to be moved onto pages by [`place`].
fn into_slots(units: Vec<Unit>) -> Vec<Option<Unit>> {
    units.into_iter().map(Some).collect()
}

/// Paginate a flow (the contents, or one chapter) and place its pages, the first at page index
/// `first` and marked as the opening page.
fn place_flow(
    style: &PrintStyle,
    units: Vec<Unit>,
    notes: &mut Notes,
    first: usize,
    chapter: Option<usize>,
) -> Vec<Placed> {
    let plans = paginate(&units, notes, style.body_height());
    let mut units = into_slots(units);
    plans
        .iter()
        .enumerate()
        .map(|(k, plan)| {
            let role = PageRole::Text {
                chapter,
                opening: k == 0,
            };
            place(style, plan, &mut units, notes, first + k, role)
        })
        .collect()
}

/// Put a page plan onto page `p`, moving its units out of `flow` and `notes` (each is placed
/// once; a repeated table header is copied).
fn place(
    style: &PrintStyle,
    plan: &PagePlan,
    flow: &mut [Option<Unit>],
    notes: &mut Notes,
    p: usize,
    role: PageRole,
) -> Placed {
    let x0 = left_margin(style, p);
    let top = style.page_height - style.margin_top;
    let mut page = Page::default();
    let mut pending_links = Vec::new();
    let mut units = Vec::new();
    let put = |unit: Unit, y: f32, page: &mut Page, pending: &mut Vec<PendingLink>| {
        for mut item in unit.items {
            shift_item(&mut item, x0, y);
            page.items.push(item);
        }
        for link in unit.links {
            pending.push(link.moved_by(x0, y));
        }
        for (name, ay) in unit.anchors {
            page.anchors.push((name, ay + y));
        }
    };
    for (slot, off) in &plan.units {
        let unit = match *slot {
            Slot::Unit(i) => flow.get_mut(i).and_then(Option::take),
            Slot::HeaderOf(i) => flow
                .get(i)
                .and_then(|u| u.as_ref()?.repeat_header.as_deref().cloned()),
        };
        let Some(unit) = unit else { continue };
        units.push(UnitFacts {
            keep_with_next: unit.keep_with_next,
            anchored: !unit.anchors.is_empty(),
            top: *off,
            height: unit.height,
        });
        put(unit, top - off, &mut page, &mut pending_links);
    }
    if !plan.notes.is_empty() {
        let area_top = style.margin_bottom + plan.notes_height;
        let rule_y = area_top - NOTE_GAP * 0.5;
        page.items.push(PageItem::Line {
            from: (x0, rule_y),
            to: (x0 + style.measure() * NOTE_RULE_SHARE, rule_y),
            width: 0.5,
            color: style.rule_color,
        });
        for (key, i, off) in &plan.notes {
            let unit = notes
                .get_mut(key)
                .and_then(|flow| flow.get_mut(*i))
                .map(std::mem::take);
            if let Some(unit) = unit {
                put(unit, area_top - off, &mut page, &mut pending_links);
            }
        }
    }
    Placed {
        page,
        role,
        pending_links,
        units,
    }
}

/// A running head or folio: `text` on one line in `measure` from `x`, its baseline at `y`.
#[allow(clippy::too_many_arguments)]
fn set_text(
    shaper: &mut Shaper,
    page: &mut Page,
    text: &str,
    style: &TextStyle,
    x: f32,
    y: f32,
    measure: f32,
    align: Align,
) {
    let place = LinePlace {
        x,
        baseline: y,
        measure,
        align,
    };
    let items = set_text_line(shaper, LineText::Words(text), style, place);
    page.items.extend(items);
}

/// Lower-case roman numerals for front-matter page labels.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn document_info(book: &Book, style: &PrintStyle, style_text: &str) -> DocumentInfo {
    let m = &book.meta;
    let mut hash = Sha256::new();
    for part in [
        m.title.as_str(),
        m.identifier.as_str(),
        m.language.as_str(),
        style_text,
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(book.text().as_bytes());
    hash.update(style.page_width.to_le_bytes());
    hash.update(style.page_height.to_le_bytes());
    for asset in book.images.iter().chain(book.cover.iter()) {
        hash.update(asset.path.as_bytes());
        hash.update(&asset.bytes);
    }
    let digest = hash.finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    DocumentInfo {
        title: m.title.clone(),
        author: m.authors.join(", "),
        subject: m
            .subject
            .clone()
            .or_else(|| m.description.clone())
            .unwrap_or_default(),
        keywords: m.keywords.join(", "),
        creator: "quire".into(),
        producer: format!("quire {}", env!("CARGO_PKG_VERSION")),
        language: m.language.clone(),
        timestamp: crate::date::build_timestamp(m),
        id,
    }
}

/// Keep only the fonts the pages use, renumbering the runs.
fn compact_fonts(doc: &mut LaidOutDocument) {
    let mut used = vec![false; doc.fonts.len()];
    for page in &doc.pages {
        for item in &page.items {
            if let PageItem::Text(r) = item
                && let Some(u) = used.get_mut(r.font)
            {
                *u = true;
            }
        }
    }
    let mut map = vec![0; doc.fonts.len()];
    let mut fonts = Vec::new();
    for (i, f) in doc.fonts.iter().enumerate() {
        if used[i] {
            map[i] = fonts.len();
            fonts.push(*f);
        }
    }
    for page in &mut doc.pages {
        for item in &mut page.items {
            if let PageItem::Text(r) = item {
                r.font = map.get(r.font).copied().unwrap_or(0);
            }
        }
    }
    doc.fonts = fonts;
}
