//! Links inside the book: `other.md#anchor`, `other.md` and `#anchor`, read relative to the
//! file that holds them (`other.html` too, as mdBook writes it), become
//! `LinkTarget::Internal { chapter, anchor }`. A link to a chapter or anchor that does not exist
//! is an error with its file and line (a warning, the link set as text, under
//! `BrokenLinks::Warn`); a relative link to anything that is not a chapter (`../LICENSE`, `/url`)
//! is set as its text, with a warning. Links with a scheme (`https:`, `mailto:`) stay external.

mod anchors;
mod paths;
mod resolver;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::walk::VisitMut;
use crate::model::{Inline, LinkTarget, Pos};

pub use paths::{file_path, folder_of};
pub use resolver::resolve;

/// What a link to a chapter or anchor that does not exist is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BrokenLinks {
    /// An error: nothing is written (the default).
    #[default]
    Error,
    /// A warning; the link is set as its text (`--allow-broken-links`).
    Warn,
}

/// Whether `dest` names something outside the book (it has a URL scheme).
pub fn is_external(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// URL schemes that run code in a reader: a link to one is removed (its text kept) with a warning.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

fn is_script_url(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        let scheme: String = scheme.chars().filter(|c| !c.is_whitespace()).collect();
        SCRIPT_SCHEMES
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
    })
}

/// Replaces every link to a script URL by its text, reporting each one.
struct ScriptLinkRemover<'a> {
    source: &'a Path,
    diags: &'a mut Diagnostics,
}

impl VisitMut for ScriptLinkRemover<'_> {
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        unlink_where(inlines, |target, pos| {
            let LinkTarget::External(dest) = target else {
                return false;
            };
            if !is_script_url(dest) {
                return false;
            }
            self.diags.push(
                Diagnostic::warning(
                    Some(Location::new(self.source, pos.line, pos.column)),
                    format!(
                        "link to a script URL `{}` is removed; its text is kept",
                        dest.chars().take(40).collect::<String>()
                    ),
                )
                .with_hint(
                    "links may point to web pages (https:), mail (mailto:) or the book's own files",
                ),
            );
            true
        });
    }
}

/// Give each link of `inlines` to `unlink` (which may change its target); a link it answers
/// true for gives way to its content, which is looked at in turn.
fn unlink_where(inlines: &mut Vec<Inline>, mut unlink: impl FnMut(&mut LinkTarget, Pos) -> bool) {
    let mut at = 0;
    while at < inlines.len() {
        let Inline::Link {
            target,
            content,
            pos,
            ..
        } = &mut inlines[at]
        else {
            at += 1;
            continue;
        };
        if unlink(target, *pos) {
            let content = std::mem::take(content);
            inlines.splice(at..=at, content);
        } else {
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_recognised_whatever_their_case() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url("JavaScript:alert(1)"));
        assert!(is_script_url("java script:x"));
        assert!(is_script_url("data:text/html,<b>"));
        assert!(!is_script_url("https://example.com/javascript:"));
        assert!(!is_script_url("notes.md"));
    }

    #[test]
    fn schemes_mark_external_links() {
        assert!(is_external("https://example.com"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("faq.md#x"));
        assert!(!is_external("#x"));
        assert!(!is_external("notes/a:b.md"));
    }
}
