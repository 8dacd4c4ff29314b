//! `quire watch`: a rebuild on a changed chapter, the last good output kept when book.toml
//! breaks (and its error printed), a rebuild once it is mended, a clean stop on Ctrl-C. Every
//! wait is bounded, and the child process is killed at the end whatever happens. Unix only (the
//! stop is a SIGINT).
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{copy_dir, repo_root, temp_dir};

/// The first build starts with the process; on a loaded machine that can take a while.
const FIRST_BUILD_BOUND: Duration = Duration::from_secs(60);
/// The promise: a saved chapter shows in the outputs within 2 seconds.
const REBUILD_BOUND: Duration = Duration::from_secs(2);
/// A failed rebuild and a stop: generous, as nothing in them is promised to be quick.
const OTHER_BOUND: Duration = Duration::from_secs(20);

/// A running `quire watch`, with the lines it prints on stderr; killed when dropped.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(dir: &Path) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(["watch", "--out-dir", "out"])
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start quire watch");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Wait at most `bound` for a line containing `text`; panics with everything seen if none.
    fn wait_for(&mut self, text: &str, bound: Duration) {
        let deadline = Instant::now() + bound;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(text);
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => panic!(
                    "no line with `{text}` within {bound:?}; quire watch printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    fn printed(&self) -> String {
        self.seen.join("\n")
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Send the child SIGINT, as Ctrl-C in its terminal would.
fn interrupt(child: &Child) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) with a valid signal number on our own child touches no memory of ours.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0, "SIGINT sent");
}

fn pdf(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("out/a-small-book-of-constructs.pdf")).expect("the PDF")
}

fn edit(path: &PathBuf, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn watch_rebuilds_on_change_keeps_the_last_good_output_and_stops_on_ctrl_c() {
    let dir = temp_dir("watch");
    copy_dir(&repo_root().join("tests/fixtures/mini"), &dir);
    let mut watching = Watching::start(&dir);
    watching.wait_for("] built in", FIRST_BUILD_BOUND);
    watching.wait_for("watching", OTHER_BOUND);
    let first = pdf(&dir);

    // A changed chapter: a new output within 2 seconds.
    let chapter = dir.join("one.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(
        &chapter,
        format!("{text}\nA paragraph added while watching.\n"),
    )
    .unwrap();
    watching.wait_for("] rebuilt in", REBUILD_BOUND);
    let second = pdf(&dir);
    assert_ne!(first, second, "the PDF was rebuilt with the new paragraph");

    // A broken book.toml: the error printed, the last good output kept.
    let manifest = dir.join("book.toml");
    edit(&manifest, "\ntitle =", "\ntitel =");
    watching.wait_for("build failed", OTHER_BOUND);
    let printed = watching.printed();
    assert!(
        printed.contains("unknown key 'titel' in [book]"),
        "{printed}"
    );
    assert!(
        printed.contains("the last good outputs are kept"),
        "{printed}"
    );
    assert_eq!(pdf(&dir), second, "the last good PDF is kept");

    // Mended: rebuilt.
    edit(&manifest, "\ntitel =", "\ntitle =");
    watching.wait_for("] rebuilt in", OTHER_BOUND);
    assert_eq!(pdf(&dir), second, "the same inputs give the same bytes");

    // Ctrl-C: a clean stop with status 0.
    interrupt(&watching.child);
    watching.wait_for("quire watch: stopped", OTHER_BOUND);
    let deadline = Instant::now() + OTHER_BOUND;
    let status = loop {
        if let Some(status) = watching.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "quire watch did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}
