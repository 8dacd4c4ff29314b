//! The whole document, laid out in named stages, each a function with its own input and output:
//!
//! 1. resolve the style and fonts;
//! 2. build the chapter flows and their footnotes (`flows`, on two threads), with the notes
//!    that print external links' addresses (`url_notes`) when the style puts them in notes;
//! 3. draw the cover, set the contents with placeholder numbers (`contents`, first pass);
//! 4. group the chapters into runs by the style's chapter opening, fit their pagination to the
//!    page multiple (`chapters`, `fit`), set the chapters whose links print page references
//!    again until the pages they print are right (`settle`, `references`), and place them
//!    (`place`);
//! 5. number the pages and find where every anchor landed (`numbering`);
//! 6. set the contents again with the real page labels (second pass);
//! 7. set running heads and folios (`decorate`);
//! 8. resolve the links (`links`) and build the outline (`outline`);
//! 9. set the imprint, whose colophon names the typefaces the pages use, and assemble the
//!    document: only the fonts used, the information dictionary (`document`).

mod chapters;
mod contents;
mod decorate;
mod document;
mod fit;
mod flows;
mod links;
mod missing;
mod nested;
mod note_numbers;
mod numbering;
mod opening;
mod outline;
mod place;
mod references;
mod settle;
mod url_notes;

use std::collections::HashMap;

pub use missing::MissingChars;
#[cfg(test)]
pub use missing::STRAINED_MESSAGE;
pub use numbering::Destination;
pub use place::{PageRole, UnitFacts};

use self::numbering::PageNumbers;
use self::place::{Placed, Run, left_margin, place_flow};
use super::blocks::NOTE_SIZE;
use super::blocks::Tagger;
use super::blocks::tags::{self, DOCUMENT};
use super::fonts::FontSet;
use super::inline::InlineContext;
use super::page::{LaidOutDocument, Page};
use super::paginate::Frame;
use super::shape::Shaper;
use super::style::{PrintStyle, on_paper};
use super::{PdfOptions, front};
use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{Book, PT_PER_MM, PrintPage, PrintPages};

/// What the stages share about the book: its style, fonts and what links and images resolve to.
pub struct BookContext<'a> {
    pub style: &'a PrintStyle,
    /// The style footnotes are set in.
    pub note_style: &'a PrintStyle,
    pub fonts: &'static FontSet,
    pub slugs: &'a [String],
    /// Pixel sizes of `Book::images` followed by the cover's.
    pub image_sizes: &'a [(u32, u32)],
    pub measure: f32,
    /// The text quire generates, in the book's language.
    pub strings: &'a crate::model::Strings,
    /// The hyphenation patterns of the book's language.
    pub patterns: Option<crate::pdf::hyphenate::Patterns>,
    /// The book's language is written right to left.
    pub right_to_left: bool,
    /// Where the marks of the notes that print links' addresses go (`show-urls = "footnote"`).
    pub note_marks: url_notes::MarkPlace,
    /// What each chapter's note numbers add to its own (`note_numbers`), by chapter index.
    pub note_offsets: &'a [u32],
}

impl<'a> BookContext<'a> {
    /// The context inline text of the chapter (or page) `slug` is set in.
    pub fn inline_context(&self, slug: &'a str, footnote_ids: &'a [String]) -> InlineContext<'a> {
        InlineContext {
            link_color: self.style.link_color,
            chapter_slugs: self.slugs,
            chapter_slug: slug,
            footnote_ids,
            image_sizes: self.image_sizes,
            note_offset: 0,
        }
    }
}

/// A laid-out document and what the stages decided about its pages: the layout dump shows the
/// roles and labels, the crate's layout tests read the rest.
#[derive(Debug, Clone)]
#[cfg_attr(not(test), allow(dead_code))]
pub struct Inspection {
    pub doc: LaidOutDocument,
    pub roles: Vec<PageRole>,
    /// The page label of every page ("i", "1"...).
    pub page_labels: Vec<String>,
    /// Where each anchor landed.
    pub anchors: HashMap<String, Destination>,
    /// The text block's left edge per page.
    pub text_left: Vec<f32>,
    /// The text block's width.
    pub measure: f32,
    /// Contents entries: (anchor, page label printed).
    pub toc: Vec<(String, String)>,
    /// Per page, the flow units placed on it, in order.
    pub page_units: Vec<Vec<UnitFacts>>,
    /// Blank pages added to make the page count a multiple of the style's page multiple.
    pub fold_blanks: usize,
    /// The frame the chapters were paginated into (the page-count fitting's choice).
    pub frame: Frame,
}

/// A document laid out, and how many of its pages are blank for the fold.
pub struct LaidOut {
    pub doc: LaidOutDocument,
    pub fold_blanks: usize,
}

/// Lay `book` out into pages.
pub fn lay_out(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<LaidOut, Failed> {
    inspect(book, options, diags).map(|inspection| LaidOut {
        doc: inspection.doc,
        fold_blanks: inspection.fold_blanks,
    })
}

/// Lay `book` out, keeping what each stage decided about its pages.
pub fn inspect(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<Inspection, Failed> {
    let (style, fonts) = resolve_style(book, options, diags)?;
    let note_style = PrintStyle {
        body_size: style.body_size * NOTE_SIZE,
        leading: style.leading * NOTE_SIZE,
        ..style.clone()
    };
    let slugs: Vec<String> = book.chapters.iter().map(|c| c.slug.clone()).collect();
    let (image_sizes, cover_asset) = image_sizes(book);
    let note_marks = url_notes::mark_place(book, style.links.show_urls);
    let note_offsets = note_numbers::offsets(book, &style, note_marks);
    let cx = BookContext {
        style: &style,
        note_style: &note_style,
        fonts,
        slugs: &slugs,
        image_sizes: &image_sizes,
        measure: style.measure(),
        strings: &book.strings,
        patterns: crate::pdf::hyphenate::patterns_for(&book.meta.language),
        right_to_left: crate::strings::is_right_to_left(&book.meta.language),
        note_marks,
        note_offsets: &note_offsets,
    };
    crate::pdf::hyphenate::note_languages_without_patterns(book, diags);
    let mut missing = MissingChars::default();
    let mut shaper = Shaper::new(fonts);
    shaper.book_patterns = cx.patterns;
    shaper.right_to_left = cx.right_to_left;
    let placeholders = references::Labels {
        links: style.links,
        strings: &book.strings,
        chapters: &book.chapters,
        labels: None,
    };
    let flows = crate::timing::phase("pdf: chapter flows", || {
        flows::build(book, &cx, &mut shaper, &mut missing, &placeholders, diags)
    })?;
    let flows::ChapterFlows {
        flows: chapter_flows,
        mut notes,
        structure: mut chapter_structure,
    } = flows;
    let front_cx = cx.inline_context("", &[]);
    let mut cover_tags = Tagger::new(tags::COVER_FLOW, DOCUMENT);
    let cover = front::cover(
        book,
        &style,
        &mut shaper,
        &front_cx,
        cover_asset,
        &mut cover_tags,
    );
    let mut pages = vec![
        Placed::drawn(cover, PageRole::Cover),
        Placed::drawn(Page::default(), PageRole::Imprint),
    ];
    const IMPRINT_PAGE: usize = 1;

    let entries = contents::entries(book);
    let contents_first = pages.len();
    let mut tightness = contents::TIGHTNESS[0];
    let contents_pages = crate::timing::phase("pdf: contents, first pass", || {
        let placeholder = |_: &str| contents::PLACEHOLDER_LABEL.to_string();
        let frame = Frame::of(&style);
        tightness = contents::tightness(&cx, &mut shaper, &mut missing, &entries, &frame);
        let (units, _) = contents::flow(
            &cx,
            &mut shaper,
            &mut missing,
            &entries,
            tightness,
            &placeholder,
        );
        let run = Run::single(units, None);
        place_flow(&style, &Frame::of(&style), run, &mut notes, contents_first)
    });
    let contents_count = contents_pages.len();
    pages.extend(contents_pages);
    let (runs, fitted) = settle::settle(
        book,
        &cx,
        &mut shaper,
        chapter_flows,
        &mut notes,
        &mut chapter_structure,
        pages.len(),
    );
    let body = chapters::place(book, &style, runs, fitted, &mut notes, &mut pages);
    let numbers = PageNumbers::new(&pages, body.body_start);

    let (contents_pages, contents_nodes) =
        crate::timing::phase("pdf: contents, second pass", || {
            let label = |anchor: &str| numbers.label_of(anchor);
            let (units, nodes) =
                contents::flow(&cx, &mut shaper, &mut missing, &entries, tightness, &label);
            let run = Run::single(units, None);
            let frame = Frame::of(&style);
            let placed = place_flow(&style, &frame, run, &mut notes, contents_first);
            (placed, nodes)
        });
    if contents_pages.len() != contents_count {
        diags.error(None, "internal: the contents changed length between passes");
        return Err(Failed);
    }
    pages.splice(
        contents_first..contents_first + contents_count,
        contents_pages,
    );
    decorate::running_heads_and_folios(&mut pages, book, &style, &numbers, &mut shaper);
    links::resolve(&mut pages, &numbers, diags);
    let outline = outline::outline(book, &numbers);

    let typefaces = colophon_typefaces(&pages, fonts, book.strings.get("and"));
    let imprint_x = left_margin(&style, IMPRINT_PAGE);
    let mut imprint_tags = Tagger::new(tags::IMPRINT_FLOW, DOCUMENT);
    imprint_tags.open(crate::pdf::page::Role::Sect);
    pages[IMPRINT_PAGE].page = front::imprint(
        book,
        &style,
        &mut shaper,
        imprint_x,
        &typefaces,
        &mut imprint_tags,
    );
    let mut structure = vec![tags::document_node()];
    for nodes in [
        cover_tags.nodes,
        imprint_tags.nodes,
        contents_nodes,
        chapter_structure,
    ] {
        structure.extend(nodes);
    }
    missing.report(diags);
    let toc = contents::kept(&entries, tightness)
        .iter()
        .map(|e| (e.anchor.clone(), numbers.label_of(&e.anchor)))
        .collect();
    let info = document::document_info(book, &style, &book.styles.print_source.text);
    let mut inspection = assemble(&style, fonts, pages, numbers, outline, info, toc);
    inspection.fold_blanks = body.fold_blanks;
    inspection.frame = body.frame;
    inspection.doc.structure = structure;
    inspection.doc.tagged = style.tagged && !options.untagged;
    Ok(inspection)
}

/// The pixel sizes of the book's images followed by the cover's, and the cover's index in them.
fn image_sizes(book: &Book) -> (Vec<(u32, u32)>, Option<usize>) {
    let mut sizes: Vec<(u32, u32)> = book.images.iter().map(|a| (a.width, a.height)).collect();
    let cover = book.cover.as_ref().map(|c| {
        sizes.push((c.width, c.height));
        sizes.len() - 1
    });
    (sizes, cover)
}

/// The typefaces the colophon names: those the pages use and those the imprint is set in.
fn colophon_typefaces(pages: &[Placed], fonts: &FontSet, and: &str) -> String {
    let mut faces = document::faces_used(pages.iter().map(|p| &p.page));
    faces.extend(front::IMPRINT_FACES);
    faces.sort_by_key(|k| *k as usize);
    faces.dedup();
    document::typeface_names(fonts, &faces, and)
}

/// The document the writer takes, with only the fonts its pages use, and what the stages
/// decided about its pages.
fn assemble(
    style: &PrintStyle,
    fonts: &FontSet,
    placed: Vec<Placed>,
    numbers: PageNumbers,
    outline: Vec<crate::pdf::page::OutlineEntry>,
    info: crate::pdf::page::DocumentInfo,
    toc: Vec<(String, String)>,
) -> Inspection {
    let mut roles = Vec::with_capacity(placed.len());
    let mut page_units = Vec::with_capacity(placed.len());
    let mut pages: Vec<Page> = Vec::with_capacity(placed.len());
    let mut print_pages = PrintPages {
        edition: edition_name(style, &info.title),
        pages: Vec::with_capacity(placed.len()),
    };
    for (p, label) in placed.into_iter().zip(&numbers.labels) {
        roles.push(p.role);
        page_units.push(p.units);
        pages.push(p.page);
        print_pages.pages.push(PrintPage {
            label: label.clone(),
            start: p.start,
        });
    }
    let kept = document::compact_fonts(&mut pages);
    let text_left = (0..pages.len()).map(|p| left_margin(style, p)).collect();
    let doc = LaidOutDocument {
        page_width: style.page_width,
        page_height: style.page_height,
        fonts: kept.iter().map(|k| fonts.file(*k)).collect(),
        pages,
        outline,
        labels: numbers.ranges(),
        info,
        structure: Vec::new(),
        tagged: false,
        print_pages,
    };
    Inspection {
        doc,
        roles,
        page_labels: numbers.labels,
        anchors: numbers.anchors,
        text_left,
        measure: style.measure(),
        toc,
        page_units,
        fold_blanks: 0,
        frame: Frame::of(style),
    }
}

/// The printed edition's name, for the EPUB's `dc:source`: the title and the page size
/// ("Becoming a Medical Technician, print edition, 148 x 210 mm").
fn edition_name(style: &PrintStyle, title: &str) -> String {
    let mm = |points: f32| (points / PT_PER_MM).round();
    format!(
        "{title}, print edition, {} x {} mm",
        mm(style.page_width),
        mm(style.page_height)
    )
}

/// The print style the book resolved to, on the paper the options ask for, and its fonts.
fn resolve_style(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<(PrintStyle, &'static FontSet), Failed> {
    let style = on_paper(&book.styles, options.paper, diags)?;
    let fonts = crate::timing::phase("pdf: font set", || {
        FontSet::for_faces(&style.fonts, &style.fallbacks)
    });
    Ok((style, fonts))
}
