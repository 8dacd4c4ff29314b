//! PDF: typesets the document model into pages and writes them as PDF bytes.
//! (Filled in by the PDF issue: fonts/shaping, hyphenation, Knuth-Plass, pagination, writer.)

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{Book, PrintPages};

pub use crate::model::{Impose, Paper};
pub use variants::{Variant, VariantOutput};

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Overrides the style's paper.
    pub paper: Option<Paper>,
    /// Overrides the style's `[press] impose`.
    pub impose: Option<Impose>,
    /// Also make the press file (PDF/X-4).
    pub press: bool,
    /// Write an untagged PDF whatever the style says (`--untagged`).
    pub untagged: bool,
}

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// How many of `pages` are blank pages added for the fold (`[page] page-multiple`).
    pub fold_blanks: usize,
    /// The booklet or press file made beside it, when asked for.
    pub variant: Option<VariantOutput>,
    /// Where each page begins in the book's text: the EPUB built with this PDF lists them.
    pub print_pages: PrintPages,
}

/// Typeset `book` into a PDF. Problems go into `diags`; `Err(Failed)` if any is an error.
pub fn render(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<PdfOutput, Failed> {
    let layout::LaidOut {
        mut doc,
        fold_blanks,
    } = crate::timing::phase("pdf: lay out", || layout::lay_out(book, options, diags))?;
    let print_pages = std::mem::take(&mut doc.print_pages);
    // `PageItem::Image::asset` indexes the book's images followed by the cover.
    let mut images = book.images.clone();
    images.extend(book.cover.iter().cloned());
    let pages = doc.pages.len();
    let press = &book.styles.print.press;
    let variant = Variant {
        booklet: options.impose.unwrap_or(press.impose) == Impose::Booklet,
        press: options.press,
    };
    let (bytes, variant) = if variant.booklet || variant.press {
        let (bytes, written) = crate::timing::phase("pdf: write", || {
            write::write_pdf_document(&doc, &images, diags)
        })?;
        let size = crate::model::PaperSize {
            width: doc.page_width,
            height: doc.page_height,
        };
        let made = variants::make(written, variant, size, &doc.info, press, diags)?;
        (bytes, Some(made))
    } else {
        let bytes = crate::timing::phase("pdf: write", || write::write_pdf(&doc, &images, diags))?;
        (bytes, None)
    };
    // Freeing a long book's millions of glyphs took a tenth of its build: it happens on another
    // thread while the caller writes the bytes out.
    std::thread::spawn(move || drop(doc));
    diags.check()?;
    Ok(PdfOutput {
        bytes,
        pages,
        fold_blanks,
        variant,
        print_pages,
    })
}

/// Where the pages of `book`'s printed edition begin, laid out in memory without writing the
/// PDF: the EPUB's page list when it is built on its own (`[epub] page-list = true`).
pub fn print_pages(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<PrintPages, Failed> {
    let mut doc = crate::timing::phase("pdf: lay out for the page list", || {
        layout::lay_out(book, options, diags)
    })?
    .doc;
    let pages = std::mem::take(&mut doc.print_pages);
    std::thread::spawn(move || drop(doc));
    Ok(pages)
}

/// The layout of `book` as plain text (see [`dump`]): what the reference corpus in
/// `tests/layout/` compares, so that a layout change is reviewed as a diff.
pub fn layout_dump(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<String, Failed> {
    let inspection = layout::inspect(book, options, diags)?;
    Ok(dump::dump(&inspection))
}

pub mod blocks;
pub mod dump;
pub mod fonts;
pub mod front;
pub mod hyphenate;
pub mod impose;
pub mod inline;
pub mod layout;
#[cfg(test)]
mod layout_tests;
pub mod page;
#[cfg(test)]
mod pages_tests;
pub mod paginate;
pub mod press;
pub mod shape;
pub mod style;
pub mod toc;
pub mod variants;
pub mod write;
