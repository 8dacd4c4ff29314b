//! `quire watch [BOOK]`: build, then rebuild the outputs asked for whenever a file the book may
//! read changes (its folder, and the `styles/` and `fonts/` folders beside it: the only places a
//! book can read from), debounced. One summary line per rebuild; a failed rebuild prints its
//! diagnostics and leaves the last good outputs in place (every output is rendered before any is
//! written). Ctrl-C stops it between builds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use quire::{Diagnostics, display_path};

use super::build::{self, BuildOptions, Format};
use super::report::Reporter;

/// How long the files must stay quiet before a rebuild: an editor's save (write a temporary
/// file, rename it, touch the folder) comes as several events within a few milliseconds, and a
/// `git checkout` as many within tens of them.
const QUIET: Duration = Duration::from_millis(120);

/// How often the loop wakes to see whether Ctrl-C was pressed.
const POLL: Duration = Duration::from_millis(100);

/// Set by the SIGINT/SIGTERM handler; the loop stops when it sees it.
static STOP: AtomicBool = AtomicBool::new(false);

pub struct WatchRequest {
    pub book: PathBuf,
    pub out_dir: PathBuf,
    pub formats: Vec<Format>,
    pub options: BuildOptions,
    pub quiet: bool,
    /// How the book is loaded (`--allow-broken-links`).
    pub load: quire::LoadOptions,
}

pub fn watch(request: &WatchRequest, reporter: &mut Reporter) -> ExitCode {
    catch_interrupt();
    let (sender, events) = channel();
    let watcher = notify::recommended_watcher(sender).and_then(|mut watcher| {
        for folder in quire::book_folders(&request.book) {
            watcher.watch(&folder, RecursiveMode::Recursive)?;
        }
        Ok(watcher)
    });
    let _watcher: RecommendedWatcher = match watcher {
        Ok(watcher) => watcher,
        Err(e) => {
            eprintln!("quire: cannot watch {}: {e}", request.book.display());
            return ExitCode::from(1);
        }
    };
    let outputs = OutputFilter::new(&request.out_dir);
    rebuild(request, reporter, "built");
    eprintln!(
        "watching {} for changes; Ctrl-C to stop",
        display_path(&request.book).display()
    );
    while wait_for_change(&events, &outputs) {
        rebuild(request, reporter, "rebuilt");
    }
    eprintln!("quire watch: stopped");
    ExitCode::SUCCESS
}

/// Build the outputs once and print one line: what was written, or that the build failed.
fn rebuild(request: &WatchRequest, reporter: &mut Reporter, verb: &str) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let built = quire::load_book_with(&request.book, &request.load, &mut diags).and_then(|book| {
        build::build_all(
            &book,
            &request.out_dir,
            &request.formats,
            &request.options,
            &mut diags,
        )
    });
    if request.options.deny_warnings {
        diags.deny_warnings();
    }
    reporter.print_all(&diags);
    let clock = clock_time();
    match built {
        Ok(built) if !diags.has_errors() => {
            if !request.quiet {
                let what: Vec<String> = built.iter().map(|b| b.short()).collect();
                eprintln!(
                    "[{clock}] {verb} in {:.0} ms: {}",
                    started.elapsed().as_secs_f64() * 1000.0,
                    what.join("; ")
                );
            }
        }
        _ => eprintln!(
            "[{clock}] build failed: {}; the last good outputs are kept",
            super::counts(&diags)
        ),
    }
}

/// Block until a file the book may read changes and then stays quiet for [`QUIET`]; `false`
/// when Ctrl-C was pressed or the watcher went away.
fn wait_for_change(events: &Receiver<notify::Result<Event>>, outputs: &OutputFilter) -> bool {
    let mut changed_at: Option<Instant> = None;
    loop {
        if STOP.load(Ordering::SeqCst) {
            return false;
        }
        let timeout = match changed_at {
            Some(at) => QUIET.saturating_sub(at.elapsed()).min(POLL),
            None => POLL,
        };
        match events.recv_timeout(timeout) {
            Ok(Ok(event)) if is_relevant(&event, outputs) => changed_at = Some(Instant::now()),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return false,
        }
        if changed_at.is_some_and(|at| at.elapsed() >= QUIET) {
            return true;
        }
    }
}

fn is_relevant(event: &Event, outputs: &OutputFilter) -> bool {
    !matches!(event.kind, EventKind::Access(_))
        && event.paths.iter().any(|path| !outputs.is_output(path))
}

/// Tells quire's own writes (the outputs and their temporary files) from the book's files.
struct OutputFilter {
    /// The output folder, canonical (created if needed so that it can be resolved).
    dir: PathBuf,
}

impl OutputFilter {
    fn new(out_dir: &Path) -> Self {
        let _ = std::fs::create_dir_all(out_dir);
        let dir = out_dir
            .canonicalize()
            .unwrap_or_else(|_| out_dir.to_path_buf());
        OutputFilter { dir }
    }

    /// An output or a temporary file beside one: a file in the output folder named `.pdf`,
    /// `.epub` or `.tmp`. Other files there may be the book's (when outputs go into its folder).
    fn is_output(&self, path: &Path) -> bool {
        let in_out_dir = path.parent().is_some_and(|p| p == self.dir) || path == self.dir;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        in_out_dir
            && (path == self.dir || [".pdf", ".epub", ".tmp"].iter().any(|e| name.ends_with(e)))
    }
}

/// The time of day in UTC as `HH:MM:SS` (no time-zone database is worth a crate here).
fn clock_time() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let day = seconds % 86_400;
    format!("{:02}:{:02}:{:02}", day / 3600, day % 3600 / 60, day % 60)
}

/// A SIGINT or SIGTERM sets [`STOP`]; the loop then returns between builds, so that no output
/// is left half-written and the watcher is dropped properly.
#[cfg(unix)]
fn catch_interrupt() {
    extern "C" fn on_signal(_: libc::c_int) {
        STOP.store(true, Ordering::SeqCst);
    }
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only stores into an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

#[cfg(not(unix))]
fn catch_interrupt() {}
