//! Superscript and subscript written inside a word (`H~2~O`, `E = mc^2^`, `2^10^`), as pandoc
//! reads them: pulldown-cmark takes `^` and `~` only where emphasis could open and close, so
//! the ones between letters arrive as text and are split out here. The text between the marks
//! holds no space and no mark; `~~` is strikethrough, never two subscripts.

use crate::model::walk::VisitMut;
use crate::model::{Block, Inline};

/// Split the superscripts and subscripts left in the text of `blocks`.
pub fn split_scripts(blocks: &mut [Block]) {
    crate::model::walk::walk_blocks_mut(blocks, &mut Scripts);
}

struct Scripts;

impl VisitMut for Scripts {
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        if !inlines
            .iter()
            .any(|i| matches!(i, Inline::Text(t) if t.contains(['^', '~'])))
        {
            return;
        }
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines.drain(..) {
            match inline {
                Inline::Text(text) => split_text(&text, &mut out),
                other => out.push(other),
            }
        }
        *inlines = out;
    }
}

/// One script found in a text: where its opening mark is, where its closing mark ends.
struct Script {
    start: usize,
    end: usize,
    mark: char,
}

fn split_text(text: &str, out: &mut Vec<Inline>) {
    let mut rest = text;
    while let Some(script) = next_script(rest) {
        if script.start > 0 {
            out.push(Inline::Text(rest[..script.start].to_string()));
        }
        let inner = vec![Inline::Text(
            rest[script.start + 1..script.end - 1].to_string(),
        )];
        out.push(if script.mark == '^' {
            Inline::Superscript(inner)
        } else {
            Inline::Subscript(inner)
        });
        rest = &rest[script.end..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_string()));
    }
}

/// The first `^x^` or `~x~` of `text`: a mark not next to another of its kind, then one or
/// more characters that are neither space nor a mark of that kind, then the mark again.
fn next_script(text: &str) -> Option<Script> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let mark = bytes[at];
        if (mark == b'^' || mark == b'~') && (at == 0 || bytes[at - 1] != mark) {
            let inner = &text[at + 1..];
            let len = inner
                .find(|c: char| c.is_whitespace() || c == mark as char)
                .unwrap_or(inner.len());
            let closes = inner.as_bytes().get(len) == Some(&mark);
            let doubled = inner.as_bytes().get(len + 1) == Some(&mark);
            if len > 0 && closes && !doubled {
                return Some(Script {
                    start: at,
                    end: at + 1 + len + 1,
                    mark: mark as char,
                });
            }
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<Inline> {
        let mut out = Vec::new();
        split_text(text, &mut out);
        out
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn marks_inside_words_make_scripts() {
        assert_eq!(
            split("H~2~O"),
            [t("H"), Inline::Subscript(vec![t("2")]), t("O")]
        );
        assert_eq!(
            split("E = mc^2^ and 2^10^."),
            [
                t("E = mc"),
                Inline::Superscript(vec![t("2")]),
                t(" and 2"),
                Inline::Superscript(vec![t("10")]),
                t(".")
            ]
        );
    }

    #[test]
    fn spaces_doubled_and_lone_marks_stay_text() {
        assert_eq!(split("a ^b c^ d"), [t("a ^b c^ d")]);
        assert_eq!(split("x~~y~~z"), [t("x~~y~~z")]);
        assert_eq!(split("~/path and 5^"), [t("~/path and 5^")]);
        assert_eq!(split("^^"), [t("^^")]);
    }
}
