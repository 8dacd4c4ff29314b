//! quire: typesets a Markdown book into a paginated PDF and an EPUB 3 from one source.
//!
//! The pipeline, one module per stage:
//! `config` (book.toml) and `markdown` (pulldown-cmark events) feed `load`, which builds the
//! document `model`; `pdf` typesets the model into pages and writes PDF bytes; `epub` turns the
//! same model into XHTML and packages it. `output` writes files atomically.

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod epub;
pub mod fonts;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod slug;
pub mod timing;

pub use diagnostic::{Diagnostic, Diagnostics, Failed, Location, Severity};
pub use load::load_book;
pub use model::Book;

/// Everything `quire check` verifies beyond loading: both outputs are built in memory and thrown
/// away, so the check reports every problem a build would (bad style values, characters no font
/// has, images an output cannot use) and writes nothing. A build takes milliseconds, so this costs
/// nothing worth saving.
pub fn check_book(book: &Book, diags: &mut Diagnostics) -> Result<(), Failed> {
    let pdf = pdf::render(book, &pdf::PdfOptions::default(), diags);
    let epub = epub::render(book, diags);
    pdf.and(epub).map(|_| ())?;
    diags.check()
}
