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
    let _ = (book, options);
    diags.error(None, "the PDF renderer is not built yet");
    Err(Failed)
}
pub mod page;
pub mod write;
