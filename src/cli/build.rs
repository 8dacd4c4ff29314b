//! Rendering outputs and writing them atomically (or to standard output), with the summary line
//! of each.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use quire::model::PrintPages;
use quire::{Book, Diagnostics, Failed, Impose, Paper, PdfOptions, VariantOutput, display_path};

/// The folder outputs go to when none is given, in the folder quire runs from.
pub const DEFAULT_OUT_DIR: &str = "dist";

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Epub,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Epub];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Epub => "epub",
        }
    }
}

/// Where an output is written.
pub enum Target {
    File(PathBuf),
    Stdout,
}

#[derive(Clone, Copy)]
pub struct BuildOptions {
    pub deny_warnings: bool,
    pub paper: Option<Paper>,
    /// `--impose`, overriding the style's `[press] impose`.
    pub impose: Option<Impose>,
    /// `--press`: also the press file.
    pub press: bool,
    /// An untagged PDF, whatever the print style says.
    pub untagged: bool,
}

/// A PDF's pages, for the summary line: all of them, and how many are blank for the fold.
#[derive(Debug, Clone, Copy)]
pub struct PageCount {
    pub pages: usize,
    pub fold_blanks: usize,
}

/// What one output came to, for the summary line.
pub struct Built {
    pub format: Format,
    /// `None` for standard output.
    pub path: Option<PathBuf>,
    pub pages: Option<PageCount>,
    pub bytes: usize,
    pub millis: f64,
    /// The booklet or press file written beside it.
    pub beside: Option<Beside>,
}

/// A booklet or press file written beside the PDF, for the summary line.
pub struct Beside {
    pub path: PathBuf,
    /// "5 sheets, 10 sides, A4".
    pub what: String,
    pub bytes: usize,
}

impl Built {
    /// "wrote dist/x.pdf, 12 pages, 340 KiB, in 25 ms"; with a booklet, "wrote dist/x.pdf, 12
    /// pages, 340 KiB, and dist/x-booklet.pdf, 3 sheets, 6 sides, A4, 350 KiB, in 30 ms".
    pub fn summary(&self) -> String {
        let beside = self
            .beside
            .as_ref()
            .map(|b| {
                format!(
                    ", and {}, {}, {}",
                    display_path(&b.path).display(),
                    b.what,
                    human_size(b.bytes)
                )
            })
            .unwrap_or_default();
        format!("wrote {}{beside}, in {:.0} ms", self.short(), self.millis)
    }

    /// "dist/x.pdf, 12 pages, 340 KiB".
    pub fn short(&self) -> String {
        let pages = self
            .pages
            .map(|p| match p.fold_blanks {
                0 => format!(", {}", super::count(p.pages, "page")),
                blanks => format!(
                    ", {} + {blanks} blank for the fold",
                    super::count(p.pages - blanks, "page")
                ),
            })
            .unwrap_or_default();
        let place = match &self.path {
            Some(path) => display_path(path).display().to_string(),
            None => format!(
                "the {} to standard output",
                self.format.extension().to_uppercase()
            ),
        };
        format!("{place}{pages}, {}", human_size(self.bytes))
    }
}

/// An output rendered in memory, not yet written.
pub struct Rendered {
    format: Format,
    bytes: Vec<u8>,
    pages: Option<PageCount>,
    /// The booklet or press file to write beside the PDF.
    variant: Option<VariantOutput>,
    /// A PDF's pages, which an EPUB rendered with it lists.
    print_pages: Option<PrintPages>,
    started: Instant,
}

/// Every format in `formats`, named from the title in `out_dir`. All are rendered before any is
/// written, so a failure leaves every previous output as it was.
pub fn build_all(
    book: &Book,
    out_dir: &Path,
    formats: &[Format],
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Result<Vec<Built>, Failed> {
    // The PDF comes first (`Format::ALL`'s order): the EPUB lists the pages it laid out.
    let mut rendered: Vec<Rendered> = Vec::with_capacity(formats.len());
    for &format in formats {
        let print = rendered.iter().find_map(|r| r.print_pages.as_ref());
        let output = render(book, format, options, print, diags)?;
        rendered.push(output);
    }
    rendered
        .into_iter()
        .map(|r| {
            let target = Target::File(default_output(book, out_dir, r.format));
            write(r, &target, diags)
        })
        .collect()
}

/// Render one format and write it atomically; the previous file stays if anything fails.
pub fn build(
    book: &Book,
    format: Format,
    target: &Target,
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Result<Built, Failed> {
    let rendered = render(book, format, options, None, diags)?;
    write(rendered, target, diags)
}

/// Render one format in memory; with `deny_warnings`, any diagnostic fails it. An EPUB
/// rendered with the pages of a PDF (`print`) lists them.
pub fn render(
    book: &Book,
    format: Format,
    options: &BuildOptions,
    print: Option<&PrintPages>,
    diags: &mut Diagnostics,
) -> Result<Rendered, Failed> {
    let started = Instant::now();
    let (bytes, pages, print_pages, variant) = match format {
        Format::Pdf => {
            let pdf_options = PdfOptions {
                paper: options.paper,
                impose: options.impose,
                press: options.press,
                untagged: options.untagged,
            };
            let out = quire::render_pdf(book, &pdf_options, diags)?;
            (
                out.bytes,
                Some(PageCount {
                    pages: out.pages,
                    fold_blanks: out.fold_blanks,
                }),
                Some(out.print_pages),
                out.variant,
            )
        }
        Format::Epub => {
            let bytes = match print {
                Some(print) => quire::render_epub_for_print(book, print, diags)?,
                None => quire::render_epub(book, diags)?,
            };
            (bytes, None, None, None)
        }
    };
    if options.deny_warnings && (diags.has_errors() || diags.warning_count() > 0) {
        return Err(Failed);
    }
    Ok(Rendered {
        format,
        bytes,
        pages,
        variant,
        print_pages,
        started,
    })
}

/// Write a rendered output to `target` (atomically, for a file).
pub fn write(
    rendered: Rendered,
    target: &Target,
    diags: &mut Diagnostics,
) -> Result<Built, Failed> {
    let bytes = &rendered.bytes;
    let beside = match (&rendered.variant, target) {
        (None, _) => None,
        (Some(_), Target::Stdout) => {
            diags.error(
                None,
                "--impose and --press write a second file, which standard output cannot take",
            );
            return Err(Failed);
        }
        (Some(variant), Target::File(path)) => Some((variant, beside_path(path, variant))),
    };
    let written = match target {
        Target::File(path) => quire::write_output(path, bytes).map_err(|e| (path.clone(), e)),
        Target::Stdout => write_stdout(bytes).map_err(|e| (PathBuf::from("-"), e)),
    };
    if let Err((path, e)) = written {
        diags.error(
            Some(quire::Location::file(path)),
            format!("cannot write the output: {e}"),
        );
        return Err(Failed);
    }
    let beside = match beside {
        Some((variant, path)) => {
            if let Err(e) = quire::write_output(&path, &variant.bytes) {
                diags.error(
                    Some(quire::Location::file(path)),
                    format!("cannot write the output: {e}"),
                );
                return Err(Failed);
            }
            Some(Beside {
                path,
                what: variant.summary.clone(),
                bytes: variant.bytes.len(),
            })
        }
        None => None,
    };
    Ok(Built {
        beside,
        format: rendered.format,
        path: match target {
            Target::File(path) => Some(path.clone()),
            Target::Stdout => None,
        },
        pages: rendered.pages,
        bytes: bytes.len(),
        millis: rendered.started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// `dist/x.pdf` -> `dist/x-booklet.pdf` (or `-press`, `-booklet-press`).
fn beside_path(path: &Path, variant: &VariantOutput) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{}.pdf", variant.variant.suffix()))
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

pub fn default_output(book: &Book, dir: &Path, format: Format) -> PathBuf {
    dir.join(quire::output_file_name(book, format.extension()))
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    }
}
