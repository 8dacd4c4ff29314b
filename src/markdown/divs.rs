//! pandoc's fenced divs, `::: note` ... `:::` or `::: {.warning #id}` ... `:::`, rewritten in a
//! file's text before pulldown-cmark reads it, line for line (so lines keep their numbers): a
//! div whose class is an alert kind (note, tip, important, warning, caution) becomes the GitHub
//! alert quire renders (`> [!WARNING]`, its lines quoted); any other div's fences are left out
//! and its blocks read as they are. A div's id becomes an empty span (`[]{#id}`) at the start of
//! its first line of text, a link target. Fences inside code blocks are code.

use std::borrow::Cow;

use super::attributes::{Attributes, parse_attributes};

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
    /// Its id, waiting for the first line of text.
    id: Option<String>,
}

/// `text` with its fenced divs rewritten; borrowed when it has none.
pub fn rewrite_divs(text: &str) -> Cow<'_, str> {
    if !text.contains(":::") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut open: Vec<Open> = Vec::new();
    let mut code_fence: Option<String> = None;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let newline = &line[content.len()..];
        let trimmed = content.trim_start();
        if code_fence.is_none() {
            if is_closing(trimmed) && !open.is_empty() {
                open.pop();
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
                open.push(Open {
                    quoted: alert.is_some(),
                    id: attributes.id,
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
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
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
        assert_eq!(
            rewrite_divs(text),
            "Before.\n\n> [!WARNING]\n> []{#hot}The iron is hot.\n> \n> Unplug it.\n\n\nAfter.\n"
        );
        assert_eq!(rewrite_divs(text).lines().count(), text.lines().count());
    }

    #[test]
    fn other_divs_lose_their_fences_and_code_keeps_its_colons() {
        assert_eq!(rewrite_divs("::: sidebar\nAside.\n:::\n"), "\nAside.\n\n");
        let code = "```\n::: note\n```\n";
        assert_eq!(rewrite_divs(code), code);
        assert!(matches!(rewrite_divs("a: b\n"), Cow::Borrowed(_)));
    }
}
