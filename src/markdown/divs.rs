//! pandoc's fenced divs, `::: note` ... `:::` or `::: {.warning #id}` ... `:::`, rewritten in a
//! file's text before pulldown-cmark reads it, line for line (so lines keep their numbers): a
//! div whose class is an alert kind (note, tip, important, warning, caution) becomes the GitHub
//! alert quire renders (`> [!WARNING]`, its lines quoted); any other div's fences are left out,
//! its lines noted, and once the file is read the blocks between them become a `Div` with its
//! class and id ([`group_divs`]). An alert's id becomes an empty span (`[]{#id}`) at the start
//! of its first line of text, a link target. Fences inside code blocks are code.

use std::borrow::Cow;

use super::attributes::{Attributes, parse_attributes};
use crate::model::{Block, BlockKind};

/// A div that is no alert, by the lines of its fences (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DivLines {
    pub open: u32,
    /// `u32::MAX` for a div the file never closes.
    pub close: u32,
    pub attributes: Attributes,
}

/// A file's text with its fenced divs rewritten, and the divs that are no alert.
pub struct Rewritten<'t> {
    pub text: Cow<'t, str>,
    pub divs: Vec<DivLines>,
}

/// The alert kinds a div's class may name, as GitHub's alerts write them.
const ALERTS: [(&str, &str); 5] = [
    ("note", "NOTE"),
    ("tip", "TIP"),
    ("important", "IMPORTANT"),
    ("warning", "WARNING"),
    ("caution", "CAUTION"),
];

/// The fewest colons that fence a div.
const MIN_COLONS: usize = 3;

/// An open div.
struct Open {
    /// Whether its lines are quoted (an alert).
    quoted: bool,
    /// An alert's id, waiting for the first line of text.
    id: Option<String>,
    /// Where a div that is no alert, and not in one, is noted.
    noted: Option<usize>,
}

/// `text` with its fenced divs rewritten; borrowed when it has none.
pub fn rewrite_divs(text: &str) -> Rewritten<'_> {
    let mut divs = Vec::new();
    if !text.contains(":::") {
        return Rewritten {
            text: Cow::Borrowed(text),
            divs,
        };
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut open: Vec<Open> = Vec::new();
    let mut code_fence: Option<String> = None;
    let mut changed = false;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let content = line.trim_end_matches(['\n', '\r']);
        let newline = &line[content.len()..];
        let trimmed = content.trim_start();
        if code_fence.is_none() {
            if is_closing(trimmed) && !open.is_empty() {
                if let Some(noted) = open.pop().and_then(|div| div.noted) {
                    divs[noted] = DivLines {
                        close: number,
                        ..divs[noted].clone()
                    };
                }
                push_prefix(&mut out, &open);
                out.push_str(newline);
                changed = true;
                continue;
            }
            if let Some(attributes) = opening(trimmed) {
                push_prefix(&mut out, &open);
                let alert = attributes.classes.iter().find_map(|class| {
                    ALERTS
                        .iter()
                        .find(|(name, _)| class.eq_ignore_ascii_case(name))
                        .map(|(_, kind)| *kind)
                });
                if let Some(kind) = alert {
                    out.push_str(&format!("> [!{kind}]"));
                }
                out.push_str(newline);
                let in_alert = open.iter().any(|d| d.quoted);
                let noted = (alert.is_none() && !in_alert).then(|| {
                    divs.push(DivLines {
                        open: number,
                        close: u32::MAX,
                        attributes: attributes.clone(),
                    });
                    divs.len() - 1
                });
                open.push(Open {
                    quoted: alert.is_some(),
                    id: if noted.is_some() { None } else { attributes.id },
                    noted,
                });
                changed = true;
                continue;
            }
        }
        code_fence = next_fence_state(code_fence, trimmed);
        push_prefix(&mut out, &open);
        if code_fence.is_none() && starts_text(trimmed) {
            for div in open.iter_mut() {
                if let Some(id) = div.id.take() {
                    out.push_str(&format!("[]{{#{id}}}"));
                }
            }
        }
        out.push_str(content);
        out.push_str(newline);
    }
    let text = if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    Rewritten { text, divs }
}

/// Gather the top-level blocks between each noted div's fences into a `Div`, the innermost
/// divs first.
pub fn group_divs(blocks: &mut Vec<Block>, divs: &[DivLines]) {
    let mut order: Vec<&DivLines> = divs.iter().collect();
    order.sort_by_key(|d| d.close.saturating_sub(d.open));
    for div in order {
        let inside = |b: &Block| b.pos.line > div.open && b.pos.line < div.close;
        let Some(first) = blocks.iter().position(inside) else {
            continue;
        };
        let count = blocks[first..].iter().take_while(|b| inside(b)).count();
        let held: Vec<Block> = blocks.drain(first..first + count).collect();
        let pos = held[0].pos;
        blocks.insert(
            first,
            Block {
                kind: BlockKind::Div {
                    id: div.attributes.id.clone(),
                    classes: div.attributes.classes.clone(),
                    lang: div.attributes.lang.clone(),
                    blocks: held,
                },
                pos,
            },
        );
    }
}

/// The quote markers of the open alert divs.
fn push_prefix(out: &mut String, open: &[Open]) {
    for _ in open.iter().filter(|d| d.quoted) {
        out.push_str("> ");
    }
}

/// A div's opening fence: colons, then `{attributes}` or one class word, then maybe colons.
fn opening(line: &str) -> Option<Attributes> {
    let colons = line.chars().take_while(|&c| c == ':').count();
    if colons < MIN_COLONS {
        return None;
    }
    let rest = line[colons..].trim().trim_end_matches(':').trim();
    if let Some(inner) = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        return parse_attributes(inner);
    }
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_alphanumeric() || "-_".contains(c));
    ok.then(|| Attributes {
        classes: vec![rest.to_string()],
        ..Attributes::default()
    })
}

/// A closing fence: colons alone.
fn is_closing(line: &str) -> bool {
    let line = line.trim_end();
    line.len() >= MIN_COLONS && line.chars().all(|c| c == ':')
}

/// Whether a line starts a paragraph's text (where a span may go before it).
fn starts_text(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "*_[`\"'(".contains(c))
}

/// The code fence open after `line`: a fence opens one (its marker kept) and the same marker
/// closes it.
fn next_fence_state(open: Option<String>, line: &str) -> Option<String> {
    let marker: String = line.chars().take_while(|&c| c == '`' || c == '~').collect();
    let is_fence = marker.len() >= 3
        && marker
            .chars()
            .all(|c| c == marker.chars().next().unwrap_or('`'));
    match open {
        Some(fence)
            if is_fence && marker.starts_with(&fence) && line[marker.len()..].trim().is_empty() =>
        {
            None
        }
        Some(fence) => Some(fence),
        None if is_fence => Some(marker),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alert_divs_become_github_alerts_line_for_line() {
        let text =
            "Before.\n\n::: {.warning #hot}\nThe iron is hot.\n\nUnplug it.\n:::\n\nAfter.\n";
        let rewritten = rewrite_divs(text);
        assert_eq!(
            rewritten.text,
            "Before.\n\n> [!WARNING]\n> []{#hot}The iron is hot.\n> \n> Unplug it.\n\n\nAfter.\n"
        );
        assert_eq!(rewritten.text.lines().count(), text.lines().count());
        assert!(rewritten.divs.is_empty());
    }

    #[test]
    fn other_divs_lose_their_fences_and_code_keeps_its_colons() {
        let rewritten = rewrite_divs("::: {.sidebar #aside}\nAside.\n:::\n");
        assert_eq!(rewritten.text, "\nAside.\n\n");
        assert_eq!(
            rewritten.divs,
            [DivLines {
                open: 1,
                close: 3,
                attributes: Attributes {
                    id: Some("aside".into()),
                    classes: vec!["sidebar".into()],
                    lang: None
                }
            }]
        );
        let code = "```\n::: note\n```\n";
        assert_eq!(rewrite_divs(code).text, code);
        assert!(matches!(rewrite_divs("a: b\n").text, Cow::Borrowed(_)));
    }
}
