//! Unified diffs and patches: inserted lines (`+`) are strings and deleted ones (`-`)
//! keywords, as the themes colour Sublime's `markup.inserted` and `markup.deleted`; hunk
//! headers (`@@ -1,4 +1,5 @@`) functions, the function name after them plain; file headers
//! (`diff --git`, `index`, `---`, `+++`, mode and rename lines) types; `\ No newline at end of
//! file` a comment. Context lines and a commit message's text are plain.
//!
//! A hunk's header says how many old and new lines it holds, so a deleted line that begins
//! `--` inside it is told from the next file's `---` header; outside a hunk (or in a hand-made
//! diff whose counts are wrong), `---` is a header when a `+++` line follows it.

use super::scan::Marker;
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    let mut hunk = Hunk::default();
    while !scan.at_end() {
        let start = scan.pos;
        let end = scan.line_end();
        let line = &scan.bytes()[start..end];
        let next = &scan.bytes()[(end + 1).min(scan.bytes().len())..];
        let token = if hunk.is_open() {
            hunk.take(line)
        } else {
            outside_hunk(line, next, &mut hunk)
        };
        scan.jump(end);
        if token == Token::Function {
            // The `@@ … @@` range only: the function name after it is plain.
            let range_end = line[2..]
                .windows(2)
                .position(|w| w == b"@@")
                .map_or(end, |at| start + 2 + at + 2);
            scan.mark_range(start..range_end, token);
            scan.bump();
        } else {
            // The line end goes with its line: a run of deleted lines is one span.
            scan.bump();
            scan.mark(start, token);
        }
    }
    scan.finish();
}

/// File header lines (git's extended headers among them).
const FILE_HEADERS: [&str; 12] = [
    "diff ",
    "index ",
    "Index: ",
    "new file mode",
    "deleted file mode",
    "old mode",
    "new mode",
    "similarity index",
    "dissimilarity index",
    "rename from",
    "rename to",
    "Binary files",
];

/// The class of a line outside a hunk; a hunk header opens `hunk`.
fn outside_hunk(line: &[u8], next: &[u8], hunk: &mut Hunk) -> Token {
    if line.starts_with(b"@@") {
        *hunk = Hunk::from_header(line);
        return Token::Function;
    }
    if FILE_HEADERS.iter().any(|h| line.starts_with(h.as_bytes()))
        || (line.starts_with(b"--- ") && next.starts_with(b"+++ "))
        || line.starts_with(b"+++ ")
        || line.starts_with(b"====")
    {
        return Token::Type;
    }
    content(line).unwrap_or(Token::Plain)
}

/// The class of a hunk's line by its first byte, if it is one of a hunk's.
fn content(line: &[u8]) -> Option<Token> {
    match line.first() {
        Some(b'+') => Some(Token::String),
        Some(b'-') => Some(Token::Keyword),
        Some(b'\\') => Some(Token::Comment),
        _ => None,
    }
}

/// The lines of old and new text a hunk has still to show.
#[derive(Default)]
struct Hunk {
    old: usize,
    new: usize,
}

impl Hunk {
    /// The counts of a header `@@ -12,5 +12,6 @@` (a count left out is 1).
    fn from_header(line: &[u8]) -> Hunk {
        let text = String::from_utf8_lossy(line);
        let count = |sign: char| {
            text.split_whitespace()
                .find_map(|word| word.strip_prefix(sign))
                .map_or(0, |range| {
                    range
                        .split_once(',')
                        .map_or(Some(1), |(_, n)| n.parse().ok())
                        .unwrap_or(0)
                })
        };
        Hunk {
            old: count('-'),
            new: count('+'),
        }
    }

    fn is_open(&self) -> bool {
        self.old > 0 || self.new > 0
    }

    /// The class of the hunk's next line, counted against what it has to show.
    fn take(&mut self, line: &[u8]) -> Token {
        match line.first() {
            Some(b'+') => self.new = self.new.saturating_sub(1),
            Some(b'-') => self.old = self.old.saturating_sub(1),
            Some(b'\\') => {}
            Some(b'@') if line.starts_with(b"@@") => {
                *self = Hunk::from_header(line);
                return Token::Function;
            }
            // A context line (an empty one too: editors strip its space).
            _ => {
                self.old = self.old.saturating_sub(1);
                self.new = self.new.saturating_sub(1);
            }
        }
        content(line).unwrap_or(Token::Plain)
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const PATCH: &str = "Subject: [PATCH] Fix the range\n\n\
        diff --git a/src/lib.rs b/src/lib.rs\nindex 83db48f..bf269f4 100644\n\
        --- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,4 +1,4 @@ fn flag()\n fn flag(x: f32) {\n\
        -    x > 5.6\n--- a decremented line\n+    x >= 5.6\n }\n\\ No newline at end of file\n\
        @@ -10 +10 @@\n-old\n+new\n";

    #[test]
    fn headers_hunks_insertions_and_deletions() {
        let class = |needle| class_of(spans, PATCH, needle);
        assert_eq!(class("Subject: [PATCH] Fix the range"), Token::Plain);
        assert_eq!(class("diff --git a/src/lib.rs b/src/lib.rs"), Token::Type);
        assert_eq!(class("index 83db48f..bf269f4 100644"), Token::Type);
        assert_eq!(class("--- a/src/lib.rs"), Token::Type);
        assert_eq!(class("+++ b/src/lib.rs"), Token::Type);
        assert_eq!(class("@@ -1,4 +1,4 @@"), Token::Function);
        assert_eq!(class(" fn flag()"), Token::Plain);
        assert_eq!(class(" fn flag(x: f32) {"), Token::Plain);
        // A deleted line beginning `--` inside a hunk is a deletion, with the one before it.
        assert_eq!(
            class("-    x > 5.6\n--- a decremented line\n"),
            Token::Keyword
        );
        assert_eq!(class("+    x >= 5.6"), Token::String);
        assert_eq!(class("\\ No newline at end of file"), Token::Comment);
        assert_eq!(class("@@ -10 +10 @@"), Token::Function);
        assert_eq!(class_after(spans, PATCH, "@@ -10", "-old"), Token::Keyword);
        assert_eq!(class("+new"), Token::String);
    }
}
