//! Rendering outputs and writing them atomically (or to standard output), with the summary line
//! of each.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use quire::{Book, Diagnostics, Failed, Paper, PdfOptions, display_path};

/// The folder outputs go to when none is given, in the folder quire runs from.
pub const DEFAULT_OUT_DIR: &str = "dist";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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
}

/// What one output came to, for the summary line.
pub struct Built {
    pub format: Format,
    /// `None` for standard output.
    pub path: Option<PathBuf>,
    pub pages: Option<usize>,
    pub bytes: usize,
    pub millis: f64,
}

impl Built {
    /// "wrote dist/x.pdf, 12 pages, 340 KiB, in 25 ms".
    pub fn summary(&self) -> String {
        let pages = self
            .pages
            .map(|p| format!(", {}", super::count(p, "page")))
            .unwrap_or_default();
        let place = match &self.path {
            Some(path) => display_path(path).display().to_string(),
            None => format!(
                "the {} to standard output",
                self.format.extension().to_uppercase()
            ),
        };
        format!(
            "wrote {place}{pages}, {}, in {:.0} ms",
            human_size(self.bytes),
            self.millis
        )
    }
}

/// Every format in `formats`, named from the title in `out_dir`; stops at the first failure.
pub fn build_all(
    book: &Book,
    out_dir: &Path,
    formats: &[Format],
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Result<Vec<Built>, Failed> {
    formats
        .iter()
        .map(|&format| {
            let target = Target::File(default_output(book, out_dir, format));
            build(book, format, &target, options, diags)
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
    let started = Instant::now();
    let (bytes, pages) = match format {
        Format::Pdf => {
            let pdf_options = PdfOptions {
                paper: options.paper,
            };
            let out = quire::render_pdf(book, &pdf_options, diags)?;
            (out.bytes, Some(out.pages))
        }
        Format::Epub => (quire::render_epub(book, diags)?, None),
    };
    if options.deny_warnings && !diags.is_empty() {
        return Err(Failed);
    }
    let written = match target {
        Target::File(path) => quire::write_output(path, &bytes).map_err(|e| (path.clone(), e)),
        Target::Stdout => write_stdout(&bytes).map_err(|e| (PathBuf::from("-"), e)),
    };
    if let Err((path, e)) = written {
        diags.error(
            Some(quire::Location::file(path)),
            format!("cannot write the output: {e}"),
        );
        return Err(Failed);
    }
    Ok(Built {
        format,
        path: match target {
            Target::File(path) => Some(path.clone()),
            Target::Stdout => None,
        },
        pages,
        bytes: bytes.len(),
        millis: started.elapsed().as_secs_f64() * 1000.0,
    })
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
