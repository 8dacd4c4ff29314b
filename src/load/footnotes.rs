//! Footnotes numbered in order of first reference, nested and unreferenced ones included.

use crate::diagnostic::Diagnostics;
use crate::model::{Block, Chapter, Footnote, Inline, Pos, walk};

/// Number the footnotes a chapter references, in order of first reference (a reference inside
/// a footnote numbers its note after the ones before it), and keep the definitions nobody
/// references (reported) after them, so that no text is lost.
pub(super) fn number_footnotes(
    chapter: &mut Chapter,
    definitions: Vec<(String, Vec<Block>, Pos)>,
    diags: &mut Diagnostics,
) {
    let known: Vec<String> = definitions.iter().map(|(l, _, _)| l.clone()).collect();
    let mut numbering = FootnoteNumbering {
        known,
        order: Vec::new(),
        unknown: Vec::new(),
    };
    numbering.number(&mut chapter.blocks);
    let mut pending: Vec<Option<(String, Vec<Block>, Pos)>> =
        definitions.into_iter().map(Some).collect();
    let mut footnotes: Vec<Footnote> = Vec::new();
    loop {
        let next = numbering.order.get(footnotes.len()).cloned();
        let taken = match &next {
            Some(label) => pending
                .iter_mut()
                .find(|d| d.as_ref().is_some_and(|(l, _, _)| l == label))
                .and_then(Option::take),
            None => {
                let Some((label, blocks, pos)) = pending.iter_mut().find_map(Option::take) else {
                    break;
                };
                diags.warning(
                    Some(chapter.location(pos)),
                    format!("footnote [^{label}] is never referenced; it is set after the others"),
                );
                numbering.order.push(label.clone());
                Some((label, blocks, pos))
            }
        };
        let Some((label, mut blocks, pos)) = taken else {
            // A label referenced but not defined: reported below; its number stays unused.
            numbering.order.remove(footnotes.len());
            continue;
        };
        numbering.number(&mut blocks);
        let number = footnotes.len() as u32 + 1;
        footnotes.push(Footnote::numbered(label, number, blocks, pos));
    }
    for (label, pos) in numbering.unknown {
        diags.error(
            Some(chapter.location(pos)),
            format!("footnote [^{label}] is not defined in this file"),
        );
    }
    chapter.footnotes = footnotes;
}

/// Footnote numbers handed out in order of first reference.
struct FootnoteNumbering {
    /// The labels defined in the file.
    known: Vec<String>,
    /// The labels numbered so far: number n is `order[n - 1]`.
    order: Vec<String>,
    /// References to labels never defined, where they are.
    unknown: Vec<(String, Pos)>,
}

impl FootnoteNumbering {
    /// Number every footnote reference in `blocks`.
    fn number(&mut self, blocks: &mut [Block]) {
        walk::for_each_inline_mut(blocks, |inline| {
            let Inline::FootnoteRef { label, number, pos } = inline else {
                return;
            };
            if !self.known.contains(label) {
                self.unknown.push((label.clone(), *pos));
                return;
            }
            let index = match self.order.iter().position(|l| l == label) {
                Some(i) => i,
                None => {
                    self.order.push(label.clone());
                    self.order.len() - 1
                }
            };
            *number = index as u32 + 1;
        });
    }
}
