//! Where a relative link or image path leads: written relative to the file that holds it (as
//! CommonMark renderers, GitHub and mdBook read it), turned into a path relative to the book's
//! folder; and which chapter file names a link may mean (`x.html` is mdBook's name for `x.md`,
//! `index.html` for `README.md`).

/// The folder of a book-relative file name: `"sub/a.md"` -> `"sub"`, `"a.md"` -> `""`.
pub fn folder_of(file_name: &str) -> &str {
    file_name.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `written` (relative to `folder`, `/`-separated) as a path relative to the book's folder,
/// `.` and `..` resolved; None when it climbs above the book's folder or is absolute.
pub fn book_relative(folder: &str, written: &str) -> Option<String> {
    if written.starts_with('/') || written.starts_with('\\') {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in written.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(parts.join("/"))
}

/// `written` relative to `folder` for a file the loader reads (an image): the book-relative
/// path, or, when it climbs out, the path as the book's folder sees it, which the safe
/// resolution then refuses with its own message.
pub fn file_path(folder: &str, written: &str) -> String {
    book_relative(folder, written).unwrap_or_else(|| {
        if folder.is_empty() || written.starts_with('/') {
            written.to_string()
        } else {
            format!("{folder}/{written}")
        }
    })
}

/// `%20` and the like decoded; a malformed escape is kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escape = bytes.get(at + 1..at + 3).and_then(|hex| {
            let hex = std::str::from_utf8(hex).ok()?;
            u8::from_str_radix(hex, 16).ok()
        });
        match (bytes[at], escape) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// What a link's path is meant to be.
#[derive(Debug, PartialEq, Eq)]
pub enum PathKind {
    /// A chapter: a Markdown file or its HTML name (`.md`, `.markdown`, `.html`, `.htm`).
    Chapter,
    /// Anything else: a folder, an image, a licence file, an absolute path.
    Other,
}

/// Extensions that name a chapter, as written or as mdBook names its pages.
const CHAPTER_EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "html", "htm"];

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, ext)| ext)
}

pub fn path_kind(path: &str) -> PathKind {
    match extension(path) {
        Some(ext) if CHAPTER_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) => {
            PathKind::Chapter
        }
        _ => PathKind::Other,
    }
}

/// The chapter file names a book-relative link path may mean, the path itself first:
/// `a.html` -> `a.md`; `sub/index.html` -> `sub/README.md`; `a` -> `a.md`.
pub fn chapter_names(path: &str) -> Vec<String> {
    let mut names = vec![path.to_string()];
    let stem = match extension(path) {
        Some(ext) if ["html", "htm"].contains(&ext.to_ascii_lowercase().as_str()) => {
            &path[..path.len() - ext.len() - 1]
        }
        Some(_) => return names,
        None => path,
    };
    names.push(format!("{stem}.md"));
    let (folder, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    if name == "index" {
        let readme = if folder.is_empty() {
            "README.md".to_string()
        } else {
            format!("{folder}/README.md")
        };
        names.push(readme);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_from_the_folder_of_their_file() {
        assert_eq!(book_relative("sub", "b.md").as_deref(), Some("sub/b.md"));
        assert_eq!(book_relative("sub", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(
            book_relative("a/b", "./../c/d.md").as_deref(),
            Some("a/c/d.md")
        );
        assert_eq!(book_relative("", "../LICENSE"), None);
        assert_eq!(book_relative("sub", "/url"), None);
        assert_eq!(file_path("sub", "../../x.png"), "sub/../../x.png");
        assert_eq!(file_path("sub", "img/x.png"), "sub/img/x.png");
    }

    #[test]
    fn html_names_map_to_markdown_files() {
        assert_eq!(chapter_names("a.md"), ["a.md"]);
        assert_eq!(chapter_names("sub/a.html"), ["sub/a.html", "sub/a.md"]);
        assert_eq!(
            chapter_names("sub/index.html"),
            ["sub/index.html", "sub/index.md", "sub/README.md"]
        );
        assert_eq!(chapter_names("intro"), ["intro", "intro.md"]);
        assert_eq!(path_kind("a.HTML"), PathKind::Chapter);
        assert_eq!(path_kind("my_(url)"), PathKind::Other);
        assert_eq!(path_kind("LICENSE"), PathKind::Other);
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
