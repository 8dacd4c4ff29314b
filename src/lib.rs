//! quire: typesets a Markdown book into a paginated PDF and an EPUB 3 from one source.
//!
//! The pipeline, one module per stage:
//! `config` (book.toml) and `markdown` (pulldown-cmark events) feed `load`, which builds the
//! document `model`; `pdf` typesets the model into pages (`pdf::layout`, in named stages) and
//! writes PDF bytes (`pdf::write`); `epub` turns the same model into XHTML and packages it.
//! `output` writes files atomically.
//!
//! The public API is small: load a book ([`load_book`]), build its outputs ([`render_pdf`],
//! [`render_epub`], [`check_book`]), the problems found on the way ([`Diagnostics`]), the
//! document [`model`] a loaded book is, and the plain-text layout dump the reference corpus
//! compares ([`layout_dump`]). Everything else is internal to the crate.

mod config;
mod date;
mod diagnostic;
mod epub;
mod fonts;
mod highlight;
mod load;
mod markdown;
pub mod model;
mod output;
mod parallel;
mod pdf;
mod slug;
mod strings;
mod svg;
mod timing;
mod xml;

use std::path::Path;

pub use config::is_language_tag;
pub use diagnostic::{Diagnostic, Diagnostics, Failed, Location, Severity, display_path};
pub use load::{DEFAULT_EPUB_CSS, DEFAULT_PRINT_STYLE, LoadOptions, built_in_styles};
pub use model::{Book, Paper};
pub use pdf::{Impose, PdfOptions, PdfOutput, Variant, VariantOutput};

/// Load the book at `path`: a folder holding `book.toml`, or a single Markdown file. Every
/// problem goes into `diags`; `Err(Failed)` when one is an error.
pub fn load_book(path: &Path, diags: &mut Diagnostics) -> Result<Book, Failed> {
    load_book_with(path, &LoadOptions::default(), diags)
}

/// [`load_book`] with `options` (broken links as warnings...).
pub fn load_book_with(
    path: &Path,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Result<Book, Failed> {
    timing::phase("load the book", || load::load_book(path, options, diags))
}

/// Typeset `book` into a PDF.
pub fn render_pdf(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<PdfOutput, Failed> {
    pdf::render(book, options, diags)
}

/// Package `book` as an EPUB 3; the bytes of the archive. With `[epub] page-list = true`, the
/// printed edition (on the style's paper) is laid out in memory for the EPUB's page list.
pub fn render_epub(book: &Book, diags: &mut Diagnostics) -> Result<Vec<u8>, Failed> {
    if book.epub.page_list == Some(true) {
        let print = pdf::print_pages(book, &PdfOptions::default(), diags)?;
        return epub::render(book, Some(&print), diags);
    }
    epub::render(book, None, diags)
}

/// Package `book` as an EPUB 3 built together with its PDF, whose pages `print` lists
/// ([`PdfOutput::print_pages`]): the EPUB marks where each printed page begins and lists them,
/// unless `[epub] page-list = false`.
pub fn render_epub_for_print(
    book: &Book,
    print: &model::PrintPages,
    diags: &mut Diagnostics,
) -> Result<Vec<u8>, Failed> {
    let print = (book.epub.page_list != Some(false)).then_some(print);
    epub::render(book, print, diags)
}

/// The PDF layout of `book` as plain text: one row per placed run, rule, box, image, link and
/// anchor, under a header line per page with its label and role. What `tests/layout/` compares.
pub fn layout_dump(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<String, Failed> {
    pdf::layout_dump(book, options, diags)
}

/// Everything `quire check` verifies beyond loading: both outputs are built in memory and thrown
/// away, so the check reports every problem a build would (bad style values, characters no font
/// has, images an output cannot use) and writes nothing. A build takes milliseconds, so this costs
/// nothing worth saving.
pub fn check_book(book: &Book, diags: &mut Diagnostics) -> Result<(), Failed> {
    let pdf = render_pdf(book, &PdfOptions::default(), diags);
    let epub = match &pdf {
        Ok(pdf) => render_epub_for_print(book, &pdf.print_pages, diags),
        Err(_) => render_epub(book, diags),
    };
    pdf.and(epub).map(|_| ())?;
    diags.check()
}

/// The file name of an output of `book` (a slug of its title) with extension `ext`.
pub fn output_file_name(book: &Book, ext: &str) -> String {
    format!("{}.{ext}", slug::slugify(&book.meta.title))
}

/// The folders the book at `path` (a folder or a single Markdown file) may read files from:
/// what `quire watch` watches.
pub fn book_folders(path: &Path) -> Vec<std::path::PathBuf> {
    let root = load::book_folder(path);
    let canonical = root.canonicalize().unwrap_or(root);
    load::readable_roots(&canonical)
}

/// Write `bytes` to `target` atomically: a temporary file beside it, renamed into place, so a
/// failed write leaves what was there.
pub fn write_output(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    timing::phase("write the file", || output::write_atomically(target, bytes))
}
