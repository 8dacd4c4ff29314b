//! Hidden lines of code blocks, as mdBook and rustdoc write them, left out of both outputs: in
//! Rust, a line that is `#` alone or starts with `# ` (after its indent) is compiled but not
//! shown, and `##` shows as `#`; another language may name its own prefix
//! (`[output.quire.code.hidelines]`, as mdBook's `[output.html.code.hidelines]`).

use std::collections::BTreeMap;

use crate::markdown::Document;
use crate::model::walk::{self, VisitMut};
use crate::model::{Block, BlockKind};

/// The language whose hidden lines are `# ` lines unless the book says otherwise.
const RUST: &str = "rust";
/// Rust's prefix of a hidden line.
const RUST_PREFIX: &str = "#";

/// Which prefix hides a line, by language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiddenLines {
    /// The book's own prefixes (`python = "~"`), beside Rust's.
    pub prefixes: BTreeMap<String, String>,
}

impl HiddenLines {
    /// Take the hidden lines out of every code block of a lowered file.
    pub fn hide(&self, document: &mut Document) {
        let mut hider = Hider { rules: self };
        walk::walk_blocks_mut(&mut document.blocks, &mut hider);
        for (_, blocks, _) in &mut document.footnotes {
            walk::walk_blocks_mut(blocks, &mut hider);
        }
    }

    fn prefix(&self, language: &str) -> Option<&str> {
        let language = language.to_ascii_lowercase();
        match self.prefixes.get(&language) {
            Some(prefix) => Some(prefix.as_str()),
            None if language == RUST => Some(RUST_PREFIX),
            None => None,
        }
    }
}

struct Hider<'a> {
    rules: &'a HiddenLines,
}

impl VisitMut for Hider<'_> {
    fn block(&mut self, block: &mut Block) {
        let BlockKind::CodeBlock {
            language: Some(language),
            code,
        } = &mut block.kind
        else {
            return;
        };
        let Some(prefix) = self.rules.prefix(language) else {
            return;
        };
        let is_rust = prefix == RUST_PREFIX && language.eq_ignore_ascii_case(RUST);
        *code = shown_lines(code, prefix, is_rust);
    }
}

/// `code` without its hidden lines.
fn shown_lines(code: &str, prefix: &str, rust: bool) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let trimmed = content.trim_start();
        let indent = &content[..content.len() - trimmed.len()];
        let newline = &line[content.len()..];
        if rust {
            if let Some(rest) = trimmed.strip_prefix("##") {
                out.push_str(indent);
                out.push('#');
                out.push_str(rest);
                out.push_str(newline);
                continue;
            }
            if trimmed == "#" || trimmed.starts_with("# ") {
                continue;
            }
        } else if trimmed.starts_with(prefix) {
            continue;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_hides_hash_space_lines_and_unescapes_double_hashes() {
        let code = "# fn main() {\nlet x = 1;\n    # let hidden = 2;\n#\n#[derive(Debug)]\n##![allow]\n# }\n";
        assert_eq!(
            shown_lines(code, "#", true),
            "let x = 1;\n#[derive(Debug)]\n#![allow]\n"
        );
    }

    #[test]
    fn other_languages_hide_their_own_prefix() {
        assert_eq!(
            shown_lines("~import os\nprint(1)\n", "~", false),
            "print(1)\n"
        );
        let rules = HiddenLines::default();
        assert_eq!(rules.prefix("Rust"), Some("#"));
        assert_eq!(rules.prefix("python"), None);
    }
}
