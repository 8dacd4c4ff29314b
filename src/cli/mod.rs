//! The commands and their flags, and the run of one command: load, build, report, exit status.

mod build;
mod init;
mod report;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use quire::{Diagnostics, Impose, Paper, display_path};

use build::{Format, Target};
use report::Reporter;

const BOOK_HELP: &str = "A folder holding book.toml, or a single Markdown file [default: the \
current folder when it holds book.toml, else book/]";

#[derive(Parser)]
#[command(
    name = "quire",
    version,
    about = "Typeset a Markdown book into a print-ready PDF and an EPUB 3",
    after_help = "Without a BOOK argument, quire uses the current folder when it holds a \
book.toml, else the folder book/. Outputs go to dist/ in the folder quire runs from, named \
from the book's title."
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
    /// A link to a chapter or anchor that does not exist is a warning (set as its text).
    #[arg(long, global = true)]
    allow_broken_links: bool,
    #[command(flatten)]
    report: report::ReportArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Typeset the book as a paginated PDF.
    Pdf {
        #[arg(help = BOOK_HELP)]
        book: Option<PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Package the book as an EPUB 3.
    Epub {
        #[arg(help = BOOK_HELP)]
        book: Option<PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Build both the PDF and the EPUB.
    Build {
        #[arg(help = BOOK_HELP)]
        book: Option<PathBuf>,
        /// The folder to write both outputs into.
        #[arg(short = 'o', long, default_value = build::DEFAULT_OUT_DIR)]
        out_dir: PathBuf,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Load and check everything (book.toml, chapters, images, links, styles); write nothing.
    Check {
        #[arg(help = BOOK_HELP)]
        book: Option<PathBuf>,
    },
    /// Build, then rebuild whenever a file the book reads changes; Ctrl-C to stop.
    Watch {
        #[arg(help = BOOK_HELP)]
        book: Option<PathBuf>,
        /// The folder to write the outputs into.
        #[arg(short = 'o', long, default_value = build::DEFAULT_OUT_DIR)]
        out_dir: PathBuf,
        /// Paper size, overriding the print style.
        #[arg(long, value_enum, ignore_case = true)]
        paper: Option<Paper>,
        /// Build only this format [default: both].
        #[arg(long, value_enum)]
        only: Option<Format>,
    },
    /// Start a new book: book.toml, two short chapters, a figure and a README; overwrites nothing.
    Init {
        /// The folder to create the book in [default: the current folder].
        dir: Option<PathBuf>,
        /// The book's title [default: from the folder's name].
        #[arg(long)]
        title: Option<String>,
        /// The book's language, BCP 47 [default: from the locale, else en].
        #[arg(long)]
        lang: Option<String>,
    },
}

/// The booklet and the press file, written beside the PDF.
#[derive(Args)]
struct PressArgs {
    /// Also write <name>-booklet.pdf, two pages per sheet side in saddle-stitch order
    /// [default: the print style's [press] impose].
    #[arg(long, value_enum, ignore_case = true)]
    impose: Option<Impose>,
    /// Also write <name>-press.pdf, PDF/X-4 with bleed and crop marks for a print shop
    /// (with --impose booklet: <name>-booklet-press.pdf, the sheets).
    #[arg(long)]
    press: bool,
}

/// What `pdf` and `build` ask of the PDF beyond the print style.
#[derive(Args)]
struct PdfArgs {
    /// Paper size, overriding the print style.
    #[arg(long, value_enum, ignore_case = true)]
    paper: Option<Paper>,
    #[command(flatten)]
    press: PressArgs,
    /// Write an untagged PDF (no structure tree, not PDF/UA or PDF/A-2a): a little smaller.
    #[arg(long)]
    untagged: bool,
}

impl PdfArgs {
    /// `options` with what these arguments ask for.
    fn over(&self, options: build::BuildOptions) -> build::BuildOptions {
        build::BuildOptions {
            paper: self.paper,
            impose: self.press.impose,
            press: self.press.press,
            untagged: self.untagged,
            ..options
        }
    }
}

/// Where one output goes: a file (`-` for standard output), or a folder to name it in.
#[derive(Args)]
struct OutputArgs {
    /// The file to write (default: dist/<title>.<ext>); `-` writes to standard output.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// The folder to write the output into, named from the title.
    #[arg(long)]
    out_dir: Option<PathBuf>,
}

impl OutputArgs {
    fn target(&self, book: &quire::Book, format: Format) -> Target {
        match (&self.output, &self.out_dir) {
            (Some(path), _) if path.as_os_str() == "-" => Target::Stdout,
            (Some(path), _) => Target::File(path.clone()),
            (None, dir) => Target::File(build::default_output(
                book,
                dir.as_deref().unwrap_or(Path::new(build::DEFAULT_OUT_DIR)),
                format,
            )),
        }
    }
}

/// What a successful run did, for the closing lines.
enum Outcome {
    Built(Vec<build::Built>),
    Checked { book: PathBuf, chapters: usize },
    Created(init::Created),
}

/// The book a command works on: the one given, else the current folder when it holds a
/// book.toml, else `book/`.
pub fn book_or_default(book: &Option<PathBuf>) -> PathBuf {
    match book {
        Some(path) => path.clone(),
        None if Path::new("book.toml").is_file() => PathBuf::from("."),
        None => PathBuf::from("book"),
    }
}

pub fn main() -> ExitCode {
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
    let mut reporter = Reporter::new(&cli.report, cli.writes_stdout());
    if let Command::Watch {
        book,
        out_dir,
        paper,
        only,
    } = &cli.command
    {
        let request = watch::WatchRequest {
            book: book_or_default(book),
            out_dir: out_dir.clone(),
            formats: only.map_or(Format::ALL.to_vec(), |f| vec![f]),
            options: build::BuildOptions {
                deny_warnings: cli.deny_warnings,
                paper: *paper,
                impose: None,
                press: false,
                untagged: false,
            },
            quiet: cli.quiet,
            load: cli.load_options(),
        };
        return watch::watch(&request, &mut reporter);
    }
    let mut diags = Diagnostics::new();
    let result = run(&cli, &mut diags);
    if cli.deny_warnings {
        diags.deny_warnings();
    }
    reporter.print_all(&diags);
    match result {
        Ok(outcome) if !diags.has_errors() => {
            if !cli.quiet {
                print_outcome(&outcome, &diags);
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("quire: {}; nothing written", counts(&diags));
            ExitCode::from(1)
        }
    }
}

impl Cli {
    fn load_options(&self) -> quire::LoadOptions {
        quire::LoadOptions {
            allow_broken_links: self.allow_broken_links,
        }
    }

    /// Whether an output goes to standard output (diagnostics in JSON then go to stderr).
    fn writes_stdout(&self) -> bool {
        match &self.command {
            Command::Pdf { output, .. } | Command::Epub { output, .. } => {
                output.output.as_deref() == Some(Path::new("-"))
            }
            _ => false,
        }
    }
}

fn run(cli: &Cli, diags: &mut Diagnostics) -> Result<Outcome, quire::Failed> {
    let options = build::BuildOptions {
        deny_warnings: cli.deny_warnings,
        paper: None,
        impose: None,
        press: false,
        untagged: false,
    };
    match &cli.command {
        Command::Pdf { book, output, pdf } => {
            let loaded = quire::load_book_with(&book_or_default(book), &cli.load_options(), diags)?;
            let target = output.target(&loaded, Format::Pdf);
            let options = pdf.over(options);
            let built = build::build(&loaded, Format::Pdf, &target, &options, diags)?;
            Ok(Outcome::Built(vec![built]))
        }
        Command::Epub { book, output } => {
            let loaded = quire::load_book_with(&book_or_default(book), &cli.load_options(), diags)?;
            let target = output.target(&loaded, Format::Epub);
            let built = build::build(&loaded, Format::Epub, &target, &options, diags)?;
            Ok(Outcome::Built(vec![built]))
        }
        Command::Build { book, out_dir, pdf } => {
            let loaded = quire::load_book_with(&book_or_default(book), &cli.load_options(), diags)?;
            let options = pdf.over(options);
            let built = build::build_all(&loaded, out_dir, &Format::ALL, &options, diags)?;
            Ok(Outcome::Built(built))
        }
        Command::Watch { .. } => unreachable!("watch runs on its own, from main"),
        Command::Init { dir, title, lang } => {
            let request = init::InitRequest {
                dir: dir.as_deref().unwrap_or(Path::new(".")),
                title: title.as_deref(),
                lang: lang.as_deref(),
            };
            Ok(Outcome::Created(init::init(&request, diags)?))
        }
        Command::Check { book } => {
            let path = book_or_default(book);
            let loaded = quire::load_book_with(&path, &cli.load_options(), diags)?;
            quire::check_book(&loaded, diags)?;
            Ok(Outcome::Checked {
                book: path,
                chapters: loaded.chapters.len(),
            })
        }
    }
}

/// The closing lines of a successful run, after every diagnostic: what was written, or the
/// check's verdict.
fn print_outcome(outcome: &Outcome, diags: &Diagnostics) {
    match outcome {
        Outcome::Built(built) => {
            for b in built {
                eprintln!("{}", b.summary());
            }
        }
        Outcome::Checked { book, chapters } => eprintln!(
            "{}: {}, {}",
            folder_name(book).display(),
            count(*chapters, "chapter"),
            counts(diags)
        ),
        Outcome::Created(created) => {
            let dir = display_path(&created.dir);
            eprintln!(
                "created '{}' in {} ({}); next: {}quire build",
                created.title,
                dir.display(),
                count(created.files, "file"),
                if dir == Path::new(".") {
                    String::new()
                } else {
                    format!("cd {} && ", dir.display())
                }
            );
        }
    }
}

/// A book's path as shown in a verdict: the current folder by its name rather than `.`.
fn folder_name(book: &Path) -> PathBuf {
    let current = std::env::current_dir().ok();
    match current.as_deref().and_then(Path::file_name) {
        Some(name) if book == Path::new(".") => PathBuf::from(name),
        _ => display_path(book),
    }
}

/// "no errors, 2 warnings", "1 error, no warnings".
pub fn counts(diags: &Diagnostics) -> String {
    let none_or = |n: usize, what: &str| {
        if n == 0 {
            format!("no {what}s")
        } else {
            count(n, what)
        }
    };
    format!(
        "{}, {}",
        none_or(diags.error_count(), "error"),
        none_or(diags.warning_count(), "warning")
    )
}

/// "1 chapter", "11 chapters".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
