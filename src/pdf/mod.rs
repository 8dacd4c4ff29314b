//! PDF: typesets the document model into pages and writes them as PDF bytes.
//! (Filled in by the PDF issue: fonts/shaping, hyphenation, Knuth-Plass, pagination, writer.)

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::Book;

/// Paper sizes a user can pick on the command line (`--paper`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A5,
    A4,
    Letter,
}

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Overrides the style's paper.
    pub paper: Option<Paper>,
}

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Typeset `book` into a PDF. Problems go into `diags`; `Err(Failed)` if any is an error.
pub fn render(
    book: &Book,
    options: &PdfOptions,
    diags: &mut Diagnostics,
) -> Result<PdfOutput, Failed> {
    let layout = crate::timing::phase("pdf: lay out", || layout::lay_out(book, options, diags))?;
    // `PageItem::Image::asset` indexes the book's images followed by the cover.
    let mut images = book.images.clone();
    images.extend(book.cover.iter().cloned());
    let pages = layout.doc.pages.len();
    let bytes = crate::timing::phase("pdf: write", || {
        write::write_pdf(&layout.doc, &images, diags)
    })?;
    // Freeing a long book's millions of glyphs took a tenth of its build: it happens on another
    // thread while the caller writes the bytes out.
    std::thread::spawn(move || drop(layout));
    diags.check()?;
    Ok(PdfOutput { bytes, pages })
}

pub mod blocks;
pub mod fonts;
pub mod front;
pub mod hyphenate;
pub mod inline;
pub mod layout;
pub mod page;
pub mod paginate;
pub mod shape;
pub mod style;
pub mod toc;
pub mod write;
