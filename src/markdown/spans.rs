//! pandoc's bracketed spans, `[text]{#id .class lang=fr}`: pulldown-cmark leaves them as text
//! (a `[text]` with no link definition), so the text runs of each container are searched for a
//! `[` closed by `]{attributes}` and what lies between becomes a `Span`.

use super::attributes::parse_attributes;
use crate::model::walk::VisitMut;
use crate::model::{Block, Inline, Span, SpanKind};

/// Make the bracketed spans in `blocks` spans.
pub fn split_spans(blocks: &mut [Block]) {
    crate::model::walk::walk_blocks_mut(blocks, &mut Spans);
}

struct Spans;

impl VisitMut for Spans {
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        if !inlines
            .iter()
            .any(|i| matches!(i, Inline::Text(t) if t.contains("]{")))
        {
            return;
        }
        let mut at = 0;
        while at < inlines.len() {
            match find_span(inlines, at) {
                Some(found) => at = replace(inlines, found),
                None => at += 1,
            }
        }
    }
}

/// A span found: its `[` in text `open.0` at byte `open.1`, its `]` in text `close.0` at byte
/// `close.1`, its attribute block ending at byte `attrs_end` of that text.
struct Found {
    open: (usize, usize),
    close: (usize, usize),
    attrs_end: usize,
    attributes: super::attributes::Attributes,
}

/// The first span whose `[` is in the text at `at`. Each `[` looks for the first `]{` after
/// it; once one is no span's end, every `[` before it is skipped (it would find the same one),
/// so that a text of many brackets is searched once, not once per bracket.
fn find_span(inlines: &[Inline], at: usize) -> Option<Found> {
    let Inline::Text(opening) = &inlines[at] else {
        return None;
    };
    let mut failed: Option<(usize, usize)> = None;
    for (open, _) in opening.match_indices('[') {
        if failed.is_some_and(|end| end > (at, open)) {
            continue;
        }
        let (index, close) = first_close(inlines, at, open + 1)?;
        let attrs_start = close + 2;
        let Inline::Text(text) = &inlines[index] else {
            return None;
        };
        let attributes = text[attrs_start..].find('}').and_then(|length| {
            Some((
                length,
                parse_attributes(&text[attrs_start..attrs_start + length])?,
            ))
        });
        let Some((length, attributes)) = attributes else {
            failed = Some((index, close));
            continue;
        };
        return Some(Found {
            open: (at, open),
            close: (index, close),
            attrs_end: attrs_start + length + 1,
            attributes,
        });
    }
    None
}

/// The first `]{` from byte `from` of the text at `at` on: its text and byte.
fn first_close(inlines: &[Inline], at: usize, from: usize) -> Option<(usize, usize)> {
    inlines
        .iter()
        .enumerate()
        .skip(at)
        .find_map(|(index, inline)| {
            let Inline::Text(text) = inline else {
                return None;
            };
            let start = if index == at { from } else { 0 };
            text[start..].find("]{").map(|i| (index, start + i))
        })
}

/// Replace the inlines of a found span by the text before it, the span, the text after it;
/// the index of the text after.
fn replace(inlines: &mut Vec<Inline>, found: Found) -> usize {
    let (first, open) = found.open;
    let (last, close) = found.close;
    let text_of = |inline: &Inline| match inline {
        Inline::Text(t) => t.clone(),
        _ => String::new(),
    };
    let opening = text_of(&inlines[first]);
    let closing = text_of(&inlines[last]);
    let before = opening[..open].to_string();
    let after = closing[found.attrs_end..].to_string();
    let mut content = Vec::new();
    if first == last {
        content.push(Inline::Text(opening[open + 1..close].to_string()));
    } else {
        content.push(Inline::Text(opening[open + 1..].to_string()));
        content.extend(inlines[first + 1..last].iter().cloned());
        content.push(Inline::Text(closing[..close].to_string()));
    }
    content.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    let span = Inline::Span(Span {
        kind: SpanKind::Plain,
        id: found.attributes.id,
        classes: found.attributes.classes,
        lang: found.attributes.lang,
        title: None,
        content,
    });
    let mut replacement = Vec::with_capacity(3);
    if !before.is_empty() {
        replacement.push(Inline::Text(before));
    }
    replacement.push(span);
    let after_index = first + replacement.len();
    if !after.is_empty() {
        replacement.push(Inline::Text(after));
    }
    inlines.splice(first..=last, replacement);
    after_index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn spans(mut inlines: Vec<Inline>) -> Vec<Inline> {
        Spans.inlines(&mut inlines);
        inlines
    }

    #[test]
    fn a_span_in_one_text_and_across_markup() {
        let span = |content, id: Option<&str>, classes: &[&str]| {
            Inline::Span(Span {
                kind: SpanKind::Plain,
                id: id.map(str::to_string),
                classes: classes.iter().map(|c| c.to_string()).collect(),
                lang: None,
                title: None,
                content,
            })
        };
        assert_eq!(
            spans(vec![t("See [this]{#here .x} now")]),
            [
                t("See "),
                span(vec![t("this")], Some("here"), &["x"]),
                t(" now")
            ]
        );
        assert_eq!(
            spans(vec![t("["), Inline::Strong(vec![t("b")]), t(" c]{.k}.")]),
            [
                span(vec![Inline::Strong(vec![t("b")]), t(" c")], None, &["k"]),
                t(".")
            ]
        );
    }

    #[test]
    fn brackets_without_attributes_stay_text() {
        assert_eq!(spans(vec![t("[a]{not attrs}")]), [t("[a]{not attrs}")]);
        assert_eq!(spans(vec![t("[a] {#x}")]), [t("[a] {#x}")]);
        let many = "[".repeat(50_000) + "]{not attrs} [b]{.k}";
        let found = spans(vec![t(&many)]);
        assert_eq!(found.len(), 2, "the last bracket still makes a span");
    }
}
