//! EPUB: turns the document model into XHTML, navigation and metadata, packaged as EPUB 3.3.
//!
//! `plan` decides file names, `xhtml` writes the content documents (through the escaping `xml`
//! writer), `nav` builds the table of contents and landmarks, `cover` provides the cover image
//! (drawn with `raster` when the book has none), and `package` runs epub-builder and then
//! normalises its output (OPF fixes, landmarks, deterministic zip).

mod accessibility;
mod cover;
mod fonts;
mod nav;
mod package;
mod page_list;
mod plan;
mod raster;
mod xhtml;
use crate::xml;

use std::io::Cursor;

use crate::diagnostic::{Diagnostics, Failed, Location};
use crate::model::{Book, ImageFormat, PrintPages};

/// The language written into the package when the book names none.
const FALLBACK_LANGUAGE: &str = "en";

/// Package `book` as an EPUB 3, with page-break markers and a page list for the printed pages
/// `print` when given. Problems go into `diags`; `Err(Failed)` if any is an error.
pub fn render(
    book: &Book,
    print: Option<&PrintPages>,
    diags: &mut Diagnostics,
) -> Result<Vec<u8>, Failed> {
    // The cover (drawn, or converted from the book's image) is the largest single job of a
    // short book: it is made on its own thread while the rest of the package is assembled. A
    // drawn cover is painted in two parts: the title block on that thread, the subtitle and
    // authors here first, handed over before the package is assembled.
    let cover_plan = cover::plan(book);
    let drawing = cover_plan
        .is_drawn()
        .then(|| crate::timing::phase("epub: cover text", || cover::Drawing::new(book)))
        .flatten();
    std::thread::scope(|scope| {
        let (hand_over, rest_of_cover) = std::sync::mpsc::channel();
        let (drawing, cover_plan) = (&drawing, &cover_plan);
        let making = scope.spawn(move || {
            let mut diags = Diagnostics::new();
            let bytes = crate::timing::phase("epub: cover", || match drawing {
                Some(drawing) => {
                    let title = drawing.paint_title();
                    rest_of_cover
                        .recv()
                        .ok()
                        .and_then(|rest| cover::Drawing::finish(title, rest))
                        .ok_or_else(|| {
                            diags.error(None, "could not draw the EPUB cover");
                            Failed
                        })
                }
                None => cover::bytes(book, cover_plan, &mut diags),
            });
            (bytes, diags)
        });
        if let Some(drawing) = drawing {
            let _ = hand_over.send(drawing.paint_rest());
        }
        // Joined when the package needs the bytes, or after a failure so that the cover's own
        // problems are reported too.
        let making = std::cell::RefCell::new(Some(making));
        let join = |diags: &mut Diagnostics| match making.borrow_mut().take().map(|h| h.join()) {
            Some(Ok((bytes, cover_diags))) => {
                diags.extend(cover_diags);
                bytes
            }
            Some(Err(_)) => {
                diags.error(None, "making the EPUB cover failed");
                Err(Failed)
            }
            None => Err(Failed),
        };
        let built = assemble(book, print, cover_plan, join, diags);
        if built.is_err() {
            let _ = join(diags);
        }
        built
    })
}

/// Everything but making the cover image, whose bytes `cover_bytes` waits for.
fn assemble(
    book: &Book,
    print: Option<&PrintPages>,
    cover: &cover::CoverPlan,
    cover_bytes: impl FnOnce(&mut Diagnostics) -> Result<Vec<u8>, Failed>,
    diags: &mut Diagnostics,
) -> Result<Vec<u8>, Failed> {
    // Only errors found here fail the EPUB (the collector may hold other stages' results).
    let errors_before = diags.error_count();
    let lang = language(book, diags);
    let plan = plan::Plan::new(book, diags);
    let marks = print.map(|print| page_list::PageMarks::new(print, &plan));
    crate::timing::phase("epub: highlight code", || {
        crate::highlight::highlight_book(book)
    });
    let chapters = chapter_pages(book, &plan, &lang, marks.as_ref(), diags);
    let resources = resources(book, &plan, diags)?;
    let highlighted = chapters
        .iter()
        .any(|page| page.xhtml.contains("class=\"hl-"));
    let stylesheet = stylesheet(book, highlighted);
    let mut pages = front_pages(book, &lang, cover, marks.as_ref());
    let contents_at = pages.len();
    pages.extend(chapters);
    let landmarks = nav::landmarks(book, &plan);
    let pkg = package::Package {
        title: book.meta.title.clone(),
        contents_title: book.strings.get("contents").to_string(),
        fallback_fonts: crate::pdf::fonts::fallback_files(&book.styles.print.fallbacks),
        subtitle: book.meta.subtitle.clone(),
        authors: book.meta.authors.clone(),
        language: lang,
        identifier: stable_identifier(book),
        publisher: book.meta.publisher.clone(),
        description: book.meta.description.clone(),
        rights: book.meta.rights.clone(),
        subjects: subjects(book),
        published: published(book),
        modified: modified(book),
        sort_as: sort_as(book),
        stylesheet,
        resources,
        cover: (cover.href.clone(), cover.media_type.to_string()),
        pages,
        contents_at,
        a11y: accessibility::metadata(book, marks.is_some(), diags),
        page_list: marks.as_ref().map(|marks| package::PageList {
            nav: marks.nav(book.strings.get("print-pages")),
            contents_markers: marks.contents_markup(),
            source: marks.edition.clone(),
        }),
        landmarks_nav: nav::landmarks_nav(&landmarks, book.strings.get("landmarks")),
        opf_guide: nav::opf_guide(&landmarks),
        embed_fonts: book.epub.embed_fonts,
    };
    let bytes = crate::timing::phase("epub: package", || package::build(&pkg, cover_bytes, diags))?;
    if diags.error_count() > errors_before {
        return Err(Failed);
    }
    Ok(bytes)
}

/// The book's language, or (reported) the fallback when it names none.
fn language(book: &Book, diags: &mut Diagnostics) -> String {
    if book.meta.language.trim().is_empty() {
        diags.warning(
            None,
            format!("the book names no language; the EPUB says `{FALLBACK_LANGUAGE}`"),
        );
        FALLBACK_LANGUAGE.to_string()
    } else {
        book.meta.language.trim().to_string()
    }
}

/// One content document per chapter, each with its table-of-contents entry.
fn chapter_pages(
    book: &Book,
    plan: &plan::Plan,
    lang: &str,
    marks: Option<&page_list::PageMarks>,
    diags: &mut Diagnostics,
) -> Vec<package::Page> {
    crate::timing::phase("epub: chapters", || {
        let toc = nav::toc(book, plan);
        toc.into_iter()
            .enumerate()
            .map(|(i, entry)| package::Page {
                href: plan.chapter_files[i].clone(),
                xhtml: xhtml::chapter_page(
                    book,
                    plan,
                    i,
                    lang,
                    marks.and_then(|m| m.chapters.get(i)),
                    diags,
                ),
                toc: Some(entry),
            })
            .collect()
    })
}

/// The images the package carries, as (path, bytes, media type). Fails when an
/// image has to be converted to PNG and cannot be.
fn resources(
    book: &Book,
    plan: &plan::Plan,
    diags: &mut Diagnostics,
) -> Result<Vec<(String, Vec<u8>, String)>, Failed> {
    let mut resources = Vec::new();
    for packaged in plan.images.iter().flatten() {
        let Some(asset) = book.images.get(packaged.asset) else {
            continue;
        };
        let bytes = if packaged.convert_to_png {
            match to_png(&asset.bytes) {
                Some(b) => b,
                None => {
                    diags.error(
                        Some(Location::file(book.root.join(&asset.path))),
                        "the image cannot be converted to PNG for the EPUB",
                    );
                    return Err(Failed);
                }
            }
        } else if asset.format == ImageFormat::Svg {
            match crate::svg::sanitise::sanitise(&asset.bytes) {
                Ok(b) => b,
                Err(message) => {
                    diags.error(
                        Some(Location::file(book.root.join(&asset.path))),
                        format!("the SVG cannot be cleaned for the EPUB: {message}"),
                    );
                    return Err(Failed);
                }
            }
        } else {
            asset.bytes.clone()
        };
        resources.push((
            packaged.href.clone(),
            bytes,
            packaged.media_type.to_string(),
        ));
    }
    Ok(resources)
}

/// The book's EPUB stylesheet (the loader put the built-in one in place of an empty one),
/// without the built-in rules for highlighted code when no page has any.
fn stylesheet(book: &Book, highlighted: bool) -> String {
    debug_assert!(
        !book.styles.epub_css.trim().is_empty(),
        "the loader puts the built-in stylesheet in place of an empty one"
    );
    let css = &book.styles.epub_css;
    if highlighted {
        return css.clone();
    }
    let section = css.find(HIGHLIGHT_RULES.0).and_then(|start| {
        let end = css[start..].find(HIGHLIGHT_RULES.1)? + start + HIGHLIGHT_RULES.1.len();
        Some(start..end)
    });
    match section {
        Some(range) => {
            let mut css = css.clone();
            css.replace_range(range, "");
            css
        }
        None => css.clone(),
    }
}

/// Where the built-in stylesheet's rules for highlighted code begin and end (with the blank
/// line after them).
const HIGHLIGHT_RULES: (&str, &str) =
    ("/* Highlighted code:", "/* End of highlighted code. */\n\n");

/// The cover and title pages, which come before the chapters and have no contents entry.
fn front_pages(
    book: &Book,
    lang: &str,
    cover: &cover::CoverPlan,
    marks: Option<&page_list::PageMarks>,
) -> Vec<package::Page> {
    let (cover_marks, title_marks) = match marks {
        Some(marks) => (marks.cover.as_slice(), marks.title_page.as_slice()),
        None => (&[][..], &[][..]),
    };
    vec![
        package::Page {
            href: plan::COVER_PAGE.into(),
            xhtml: xhtml::cover_page(book, lang, &cover.href, cover_marks),
            toc: None,
        },
        package::Page {
            href: plan::TITLE_PAGE.into(),
            xhtml: xhtml::title_page(book, lang, title_marks),
            toc: None,
        },
    ]
}

/// `dcterms:modified` (and the zip timestamps): `SOURCE_DATE_EPOCH`, else `[epub] modified`,
/// else the book's date, so that the same inputs give the same file.
fn modified(book: &Book) -> i64 {
    crate::date::source_date_epoch()
        .or(book.epub.modified)
        .unwrap_or_else(|| crate::date::build_timestamp(&book.meta))
}

/// Each author's name as it sorts: as `[epub] author-sort-as` gives it, else "Last, First"
/// (the last word first).
fn sort_as(book: &Book) -> Vec<String> {
    let given = &book.epub.author_sort_as;
    let authors = book.meta.authors.iter().enumerate();
    let sorted = authors.map(|(i, name)| match given.get(i) {
        Some(sort) => sort.trim().to_string(),
        None => match name.trim().rsplit_once(char::is_whitespace) {
            Some((first, last)) => format!("{last}, {}", first.trim()),
            None => name.trim().to_string(),
        },
    });
    sorted.collect()
}

/// The subject first, then the keywords.
fn subjects(book: &Book) -> Vec<String> {
    let mut subjects = book.meta.keywords.clone();
    if let Some(s) = &book.meta.subject {
        subjects.insert(0, s.clone());
    }
    subjects
}

/// The publication date as a Unix timestamp (midnight UTC), when the book gives a valid one.
fn published(book: &Book) -> Option<i64> {
    book.meta
        .date
        .as_deref()
        .and_then(crate::date::timestamp_of)
}

/// The book's identifier, or (when it has none) one derived from its title and authors.
fn stable_identifier(book: &Book) -> String {
    if book.meta.identifier.trim().is_empty() {
        format!(
            "urn:quire:{}:{}",
            book.meta.title,
            book.meta.authors.join(";")
        )
    } else {
        book.meta.identifier.clone()
    }
}

fn to_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let img = image::load_from_memory(bytes).ok()?;
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .ok()?;
    Some(out)
}
