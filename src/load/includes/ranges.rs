//! Which lines of an included file a directive takes: all of them, a range of line numbers
//! (counted from 1, both ends included, either end open), or the lines between an anchor's
//! `ANCHOR: name` and `ANCHOR_END: name` markers. Marker lines never reach the book.

use std::ops::Range;

/// What a directive's spec after the path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection<'a> {
    All,
    /// Lines `start..=end` (1-based); None is the file's start or end.
    Lines {
        start: Option<usize>,
        end: Option<usize>,
    },
    Anchor(&'a str),
}

impl<'a> Selection<'a> {
    /// `file.rs:2:10` -> ("file.rs", lines 2 to 10); `file.rs:name` -> an anchor.
    pub fn parse(spec: &'a str) -> (&'a str, Selection<'a>) {
        let mut parts = spec.splitn(3, ':');
        let path = parts.next().unwrap_or("");
        let first = parts.next();
        let second = parts.next();
        let number = |s: &str| s.trim().parse::<usize>().ok();
        let selection = match (first, second) {
            (None, _) => Selection::All,
            (Some(a), None) => match number(a) {
                Some(line) => Selection::Lines {
                    start: Some(line),
                    end: Some(line),
                },
                None if a.trim().is_empty() => Selection::All,
                None => Selection::Anchor(a.trim()),
            },
            (Some(a), Some(b)) => Selection::Lines {
                start: number(a),
                end: number(b),
            },
        };
        (path, selection)
    }
}

/// The range of `lines` a selection takes; None when an anchor is missing or the range starts
/// after the file's end.
pub fn select_range(lines: &[&str], selection: &Selection<'_>) -> Option<Range<usize>> {
    match selection {
        Selection::All => Some(0..lines.len()),
        Selection::Lines { start, end } => {
            let first = start.unwrap_or(1).max(1) - 1;
            let last = end.unwrap_or(lines.len()).min(lines.len());
            (first < lines.len()).then_some(first..last.max(first))
        }
        Selection::Anchor(name) => {
            let open = lines.iter().position(|l| marks(l, "ANCHOR:", name))?;
            let close = lines[open + 1..]
                .iter()
                .position(|l| marks(l, "ANCHOR_END:", name))
                .map_or(lines.len(), |i| open + 1 + i);
            Some(open + 1..close)
        }
    }
}

/// Whether `line` holds the marker `marker name` (the name a whole word).
fn marks(line: &str, marker: &str, name: &str) -> bool {
    line.split(marker).skip(1).any(|after| {
        let after = after.trim_start();
        after.starts_with(name)
            && !after[name.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// Whether a line is an anchor marker, left out of whatever includes it.
pub fn is_marker(line: &str) -> bool {
    line.contains("ANCHOR:") || line.contains("ANCHOR_END:")
}

/// The selected lines of `text`, marker lines left out; None as for [`select_range`].
pub fn select(text: &str, selection: &Selection<'_>) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let range = select_range(&lines, selection)?;
    Some(joined(
        lines[range].iter().copied().filter(|l| !is_marker(l)),
    ))
}

/// The whole of `text` with the lines outside the selection made hidden Rust lines (`# `), as
/// `rustdoc_include` makes them; marker lines left out.
pub fn hide_outside(text: &str, selection: &Selection<'_>) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let range = select_range(&lines, selection)?;
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if is_marker(line) {
            continue;
        }
        if range.contains(&i) {
            out.push((*line).to_string());
        } else {
            out.push(format!("# {line}"));
        }
    }
    Some(out.join("\n"))
}

fn joined<'l>(lines: impl Iterator<Item = &'l str>) -> String {
    lines.collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "fn main() {\n    // ANCHOR: body\n    let x = 1;\n    // ANCHOR_END: body\n    println!(\"{x}\");\n}\n";

    #[test]
    fn specs_name_ranges_and_anchors() {
        assert_eq!(Selection::parse("a.rs"), ("a.rs", Selection::All));
        assert_eq!(
            Selection::parse("a.rs:2:10"),
            (
                "a.rs",
                Selection::Lines {
                    start: Some(2),
                    end: Some(10)
                }
            )
        );
        assert_eq!(
            Selection::parse("a.rs:2:"),
            (
                "a.rs",
                Selection::Lines {
                    start: Some(2),
                    end: None
                }
            )
        );
        assert_eq!(
            Selection::parse("a.rs::3"),
            (
                "a.rs",
                Selection::Lines {
                    start: None,
                    end: Some(3)
                }
            )
        );
        assert_eq!(
            Selection::parse("a.rs:5"),
            (
                "a.rs",
                Selection::Lines {
                    start: Some(5),
                    end: Some(5)
                }
            )
        );
        assert_eq!(
            Selection::parse("a.rs:body"),
            ("a.rs", Selection::Anchor("body"))
        );
    }

    #[test]
    fn ranges_and_anchors_select_their_lines_without_markers() {
        let lines = |s| select(FILE, &Selection::parse(s).1).unwrap();
        assert_eq!(lines("f:5:6"), "    println!(\"{x}\");\n}");
        assert_eq!(lines("f:body"), "    let x = 1;");
        assert_eq!(lines("f::1"), "fn main() {");
        assert_eq!(
            lines("f"),
            "fn main() {\n    let x = 1;\n    println!(\"{x}\");\n}"
        );
        assert!(select(FILE, &Selection::Anchor("nothing")).is_none());
        assert!(select(FILE, &Selection::parse("f:40:50").1).is_none());
    }

    #[test]
    fn rustdoc_include_hides_the_lines_outside() {
        let shown = hide_outside(FILE, &Selection::Anchor("body")).unwrap();
        assert_eq!(
            shown,
            "# fn main() {\n    let x = 1;\n#     println!(\"{x}\");\n# }"
        );
    }
}
