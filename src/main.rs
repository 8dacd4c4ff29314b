//! The `quire` command line: parse flags, run one command, print diagnostics, exit 0/1/2.

mod cli;

use std::process::ExitCode;

/// mimalloc (its v2 line) instead of the system allocator: a build makes many small allocations
/// (glyph runs, shaped words) and a few large short-lived buffers; glibc served the large ones
/// with fresh mmaps (2,000-2,700 page faults per guide build). Measured on the guide with
/// `perf stat -r 40`: CPU time PDF 25.6 -> ~22 ms, EPUB 15.6 -> 9.2 ms; mimalloc v3 and the
/// `no_thp` variants were slower on the EPUB. Peak memory of the 50x book: 103 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
