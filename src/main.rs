//! The `quire` command line: parse flags, run one command, print diagnostics, exit 0/1/2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use quire::{Book, Diagnostics, Paper, PdfOptions, display_path};

/// mimalloc (its v2 line) instead of the system allocator: a build makes many small allocations
/// (glyph runs, shaped words) and a few large short-lived buffers; glibc served the large ones
/// with fresh mmaps (2,000-2,700 page faults per guide build). Measured on the guide with
/// `perf stat -r 40`: CPU time PDF 25.6 -> ~22 ms, EPUB 15.6 -> 9.2 ms; mimalloc v3 and the
/// `no_thp` variants were slower on the EPUB. Peak memory of the 50x book: 103 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "quire",
    version,
    about = "Typeset a Markdown book into a print-ready PDF and an EPUB 3"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing on success.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Treat warnings as errors (for CI).
    #[arg(long, global = true)]
    deny_warnings: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Typeset the book as a paginated PDF.
    Pdf {
        /// A folder holding book.toml, or a single Markdown file.
        #[arg(default_value = "book")]
        book: PathBuf,
        /// Where to write the PDF (default: dist/<title>.pdf).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Paper size, overriding the print style.
        #[arg(long, value_enum)]
        paper: Option<Paper>,
    },
    /// Package the book as an EPUB 3.
    Epub {
        /// A folder holding book.toml, or a single Markdown file.
        #[arg(default_value = "book")]
        book: PathBuf,
        /// Where to write the EPUB (default: dist/<title>.epub).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Build both the PDF and the EPUB.
    Build {
        /// A folder holding book.toml, or a single Markdown file.
        #[arg(default_value = "book")]
        book: PathBuf,
        /// The folder to write both outputs into.
        #[arg(long, default_value = "dist")]
        out_dir: PathBuf,
        /// Paper size, overriding the print style.
        #[arg(long, value_enum)]
        paper: Option<Paper>,
    },
    /// Load and check everything (book.toml, chapters, images, links, styles); write nothing.
    Check {
        /// A folder holding book.toml, or a single Markdown file.
        #[arg(default_value = "book")]
        book: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Pdf,
    Epub,
}

/// What one output came to, for the summary line.
struct Built {
    path: PathBuf,
    pages: Option<usize>,
    bytes: usize,
    millis: f64,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let mut diags = Diagnostics::new();
    let result = run(&cli, &mut diags);
    if cli.deny_warnings {
        diags.deny_warnings();
    }
    for d in diags.items() {
        eprintln!("{d}");
    }
    match result {
        Ok(built) if !diags.has_errors() => {
            if !cli.quiet {
                for b in built {
                    let pages = b.pages.map(|p| format!(", {p} pages")).unwrap_or_default();
                    eprintln!(
                        "wrote {}{pages}, {}, in {:.0} ms",
                        display_path(&b.path).display(),
                        human_size(b.bytes),
                        b.millis
                    );
                }
            }
            ExitCode::SUCCESS
        }
        _ => {
            let (e, w) = (diags.error_count(), diags.warning_count());
            eprintln!(
                "quire: {e} error{}, {w} warning{}; nothing written",
                plural(e),
                plural(w)
            );
            ExitCode::from(1)
        }
    }
}

fn run(cli: &Cli, diags: &mut Diagnostics) -> Result<Vec<Built>, quire::Failed> {
    match &cli.command {
        Command::Pdf {
            book,
            output,
            paper,
        } => {
            let loaded = load(book, diags)?;
            let target = output
                .clone()
                .unwrap_or_else(|| default_output(&loaded, Path::new("dist"), Format::Pdf));
            let options = PdfOptions { paper: *paper };
            Ok(vec![build(
                &loaded,
                Format::Pdf,
                &target,
                &options,
                cli,
                diags,
            )?])
        }
        Command::Epub { book, output } => {
            let loaded = load(book, diags)?;
            let target = output
                .clone()
                .unwrap_or_else(|| default_output(&loaded, Path::new("dist"), Format::Epub));
            Ok(vec![build(
                &loaded,
                Format::Epub,
                &target,
                &PdfOptions::default(),
                cli,
                diags,
            )?])
        }
        Command::Build {
            book,
            out_dir,
            paper,
        } => {
            let loaded = load(book, diags)?;
            let options = PdfOptions { paper: *paper };
            let mut built = Vec::new();
            for format in [Format::Pdf, Format::Epub] {
                let target = default_output(&loaded, out_dir, format);
                built.push(build(&loaded, format, &target, &options, cli, diags)?);
            }
            Ok(built)
        }
        Command::Check { book } => {
            let loaded = load(book, diags)?;
            quire::check_book(&loaded, diags)?;
            if !cli.quiet {
                eprintln!(
                    "{}: {} chapters, no errors",
                    display_path(book).display(),
                    loaded.chapters.len()
                );
            }
            Ok(Vec::new())
        }
    }
}

fn load(path: &Path, diags: &mut Diagnostics) -> Result<Book, quire::Failed> {
    quire::load_book(path, diags)
}

/// Render one format and write it atomically; the previous file stays if anything fails.
fn build(
    book: &Book,
    format: Format,
    target: &Path,
    options: &PdfOptions,
    cli: &Cli,
    diags: &mut Diagnostics,
) -> Result<Built, quire::Failed> {
    let started = Instant::now();
    let (bytes, pages) = match format {
        Format::Pdf => {
            let out = quire::render_pdf(book, options, diags)?;
            (out.bytes, Some(out.pages))
        }
        Format::Epub => (quire::render_epub(book, diags)?, None),
    };
    if cli.deny_warnings && !diags.is_empty() {
        return Err(quire::Failed);
    }
    if let Err(e) = quire::write_output(target, &bytes) {
        diags.error(
            Some(quire::Location::file(target)),
            format!("cannot write the output: {e}"),
        );
        return Err(quire::Failed);
    }
    Ok(Built {
        path: target.to_path_buf(),
        pages,
        bytes: bytes.len(),
        millis: started.elapsed().as_secs_f64() * 1000.0,
    })
}

fn default_output(book: &Book, dir: &Path, format: Format) -> PathBuf {
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Epub => "epub",
    };
    dir.join(quire::output_file_name(book, ext))
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
