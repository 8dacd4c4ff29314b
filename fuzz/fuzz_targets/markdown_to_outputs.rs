//! Fuzz the whole path from Markdown bytes to both outputs: load (as a single-file book), typeset
//! the PDF, package the EPUB. Any panic, overflow or hang is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire::Diagnostics;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("quire-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("book.md");
    if std::fs::write(&file, data).is_err() {
        return;
    }
    let mut diags = Diagnostics::new();
    if let Ok(book) = quire::load_book(&file, &mut diags) {
        let _ = quire::render_pdf(&book, &quire::PdfOptions::default(), &mut diags);
        let _ = quire::render_epub(&book, &mut diags);
    }
});
