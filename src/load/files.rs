//! Reading the book's files safely: every path is resolved inside the book's folder (or, for
//! styles, the `styles/` and `fonts/` folders beside it); `..`, absolute paths and symlinks that
//! lead out are refused. Text must be UTF-8, and an error names the line of the first bad byte.

use std::cell::Cell;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location, line_column};

/// Where a path may lead, and how a refusal says it does not.
struct Scope<'a> {
    /// Canonical folders the path must end in.
    roots: &'a [PathBuf],
    /// Why a path that leads elsewhere is refused.
    outside: &'static str,
    hint: String,
}

/// The folder a relative path starts from: canonical, and as the user gave it.
#[derive(Clone, Copy)]
struct Base<'a> {
    real: &'a Path,
    shown: &'a Path,
}

/// Files larger than this are refused: no chapter, style or image of a real book comes close.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

pub struct BookFiles {
    /// The book's folder, canonical.
    root: PathBuf,
    /// The book's folder and the folders beside it a book may also read styles and fonts from
    /// (canonical).
    all_roots: Vec<PathBuf>,
    /// The folder as the user gave it, for messages.
    shown_root: PathBuf,
    /// The newest modification time (seconds since the Unix epoch) among the files read so far:
    /// the date of a book that gives none, so identical checkouts give identical outputs.
    newest_mtime: Cell<Option<i64>>,
}

/// The folders a book whose folder is `canonical` may read from: its own, and the `styles/`
/// and `fonts/` folders beside it where they exist.
pub fn readable_roots(canonical: &Path) -> Vec<PathBuf> {
    let beside = canonical.parent().into_iter().flat_map(|parent| {
        ["styles", "fonts"]
            .iter()
            .filter_map(|d| fs::canonicalize(parent.join(d)).ok())
    });
    std::iter::once(canonical.to_path_buf())
        .chain(beside)
        .collect()
}

/// The folder of a book given as `path`: the path itself for a folder, a single file's folder
/// (`.` for a bare file name).
pub fn book_folder(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

impl BookFiles {
    pub fn new(root: &Path, diags: &mut Diagnostics) -> Option<Self> {
        let canonical = match fs::canonicalize(root) {
            Ok(p) => p,
            Err(e) => {
                diags.error(
                    Some(Location::file(root)),
                    format!("cannot open the book folder: {e}"),
                );
                return None;
            }
        };
        let all_roots = readable_roots(&canonical);
        Some(BookFiles {
            root: canonical,
            all_roots,
            shown_root: root.to_path_buf(),
            newest_mtime: Cell::new(None),
        })
    }

    /// Paths relative to the book folder.
    fn book_base(&self) -> Base<'_> {
        Base {
            real: &self.root,
            shown: &self.shown_root,
        }
    }

    /// `relative` inside the book folder, or None (reported at `at`) if it would leave it.
    /// A file that does not exist is returned as a path (the caller reports it).
    pub fn resolve(
        &self,
        relative: &str,
        at: Location,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<PathBuf> {
        let scope = Scope {
            roots: std::slice::from_ref(&self.root),
            outside: "leads outside the book's folder",
            hint: format!(
                "a book may only read files inside its folder ({})",
                self.shown_root.display()
            ),
        };
        self.resolve_within(self.book_base(), relative, at, what, &scope, diags)
    }

    /// Like `resolve`, but styles may also live in `styles/` or `fonts/` beside the book folder.
    pub fn resolve_style(
        &self,
        relative: &str,
        at: Location,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<PathBuf> {
        let scope = self.style_scope();
        self.resolve_within(self.book_base(), relative, at, what, &scope, diags)
    }

    /// Like `resolve_style`, for a file a style names: `relative` to the style file's folder.
    pub fn resolve_beside_style(
        &self,
        style_file: &Path,
        relative: &str,
        at: Location,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<PathBuf> {
        let shown = style_file.parent().unwrap_or(&self.shown_root);
        let real = fs::canonicalize(shown).unwrap_or_else(|_| self.root.clone());
        let base = Base { real: &real, shown };
        self.resolve_within(base, relative, at, what, &self.style_scope(), diags)
    }

    fn style_scope(&self) -> Scope<'_> {
        Scope {
            roots: &self.all_roots,
            outside: "is outside the book's folders",
            hint: format!(
                "a book may only read styles and fonts inside its folder ({}) or in styles/ and \
                 fonts/ beside it",
                self.shown_root.display()
            ),
        }
    }

    fn resolve_within(
        &self,
        base: Base<'_>,
        relative: &str,
        at: Location,
        what: &str,
        scope: &Scope<'_>,
        diags: &mut Diagnostics,
    ) -> Option<PathBuf> {
        let refuse = |diags: &mut Diagnostics, why: &str| {
            diags.push(
                Diagnostic::error(Some(at.clone()), format!("{what} '{relative}' {why}"))
                    .with_hint(scope.hint.clone()),
            );
            None
        };
        let rel = Path::new(relative);
        if relative.is_empty() {
            return refuse(diags, "is an empty path");
        }
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        {
            return refuse(diags, "is an absolute path");
        }
        // Resolve `..` lexically first, then follow symlinks and check where we landed.
        let mut lexical = base.real.to_path_buf();
        for component in rel.components() {
            match component {
                Component::ParentDir => {
                    lexical.pop();
                }
                Component::Normal(part) => lexical.push(part),
                _ => {}
            }
        }
        let real = fs::canonicalize(&lexical).unwrap_or(lexical.clone());
        if scope.roots.iter().any(|root| real.starts_with(root)) {
            Some(base.shown.join(rel))
        } else if scope.roots.iter().any(|root| lexical.starts_with(root)) {
            refuse(diags, "is a link that leads outside the book's folder")
        } else {
            refuse(diags, scope.outside)
        }
    }

    /// Read a file as bytes, with size limits; errors are reported against the file.
    pub fn read_bytes(&self, path: &Path, diags: &mut Diagnostics) -> Option<Vec<u8>> {
        let metadata = fs::metadata(path).ok();
        self.note_mtime(metadata.as_ref());
        let too_big = metadata.is_some_and(|m| m.len() > MAX_FILE_BYTES);
        if too_big {
            diags.push(
                Diagnostic::error(Some(Location::file(path)), "the file is too large").with_hint(
                    format!("files over {} MiB are refused", MAX_FILE_BYTES >> 20),
                ),
            );
            return None;
        }
        match fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                diags.error(
                    Some(Location::file(path)),
                    format!("cannot read the file: {e}"),
                );
                None
            }
        }
    }

    /// The newest modification time among the files read, in seconds since the Unix epoch.
    pub fn newest_mtime(&self) -> Option<i64> {
        self.newest_mtime.get()
    }

    fn note_mtime(&self, metadata: Option<&fs::Metadata>) {
        let seconds = metadata
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64);
        if let Some(seconds) = seconds {
            let newest = self.newest_mtime.get().map_or(seconds, |n| n.max(seconds));
            self.newest_mtime.set(Some(newest));
        }
    }

    /// Read a UTF-8 text file; invalid UTF-8 is reported with the line and column of the first bad byte.
    pub fn read_text(&self, path: &Path, diags: &mut Diagnostics) -> Option<String> {
        let bytes = self.read_bytes(path, diags)?;
        decode_utf8(path, bytes, diags)
    }
}

/// Decode UTF-8 (a leading byte-order mark is dropped), reporting where it is invalid.
pub fn decode_utf8(path: &Path, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.remove(0);
            }
            Some(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_column(&prefix, valid);
            diags.push(
                Diagnostic::error(
                    Some(Location::new(path, line, column)),
                    format!(
                        "the file is not valid UTF-8 (byte 0x{:02X} at offset {valid})",
                        bytes[valid]
                    ),
                )
                .with_hint("save the file as UTF-8"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let mut diags = Diagnostics::new();
        let text = decode_utf8(Path::new("a.md"), b"ok\nab\xFFc".to_vec(), &mut diags);
        assert!(text.is_none());
        let d = &diags.items()[0];
        assert_eq!(
            d.location.as_ref().map(|l| (l.line, l.column)),
            Some((2, 3))
        );
        assert!(d.message.contains("0xFF"));
    }

    #[test]
    fn paths_out_of_the_book_are_refused() {
        let dir = std::env::temp_dir().join(format!("quire-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("book")).unwrap();
        let mut diags = Diagnostics::new();
        let files = BookFiles::new(&dir.join("book"), &mut diags).unwrap();
        let at = Location::new("book.toml", 3, 1);
        let cases = [
            ("ch.md", true),
            ("sub/../ch.md", true),
            ("../secret.md", false),
            ("/etc/passwd", false),
        ];
        for (path, inside) in cases {
            let resolved = files.resolve(path, at.clone(), "chapter file", &mut diags);
            assert_eq!(resolved.is_some(), inside, "{path}");
        }
        assert_eq!(diags.error_count(), 2);
        assert!(
            diags.items()[0]
                .to_string()
                .starts_with("book.toml:3:1: error: chapter file '../secret.md' leads outside")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
