//! Closed block containers: paragraphs, headings, quotes and callouts, code and raw HTML.

use super::events::is_html_comment;
use super::stack::{Lowering, paragraph_block, trim_inlines};
use crate::diagnostic::Diagnostic;
use crate::model::{Block, BlockKind, Callout, Heading, Inline, Pos, plain_text};
use crate::slug::heading_id;

impl Lowering<'_> {
    /// A paragraph with no content after trimming is left out.
    pub(super) fn end_paragraph(&mut self, inlines: Vec<Inline>, pos: Pos) {
        let inlines = trim_inlines(inlines);
        if !inlines.is_empty() {
            self.add_block(paragraph_block(inlines, pos));
        }
    }

    /// A heading keeps its written id when it is the first in the file to use it (a repeat is
    /// renamed and reported); without one, its id is made from its text as GitHub makes it, a
    /// repeat numbered from `-1`.
    pub(super) fn end_heading(
        &mut self,
        level: u8,
        id: Option<String>,
        classes: Vec<String>,
        inlines: Vec<Inline>,
        pos: Pos,
    ) {
        let content = trim_inlines(inlines);
        let id = match id {
            Some(id) if self.heading_ids.reserve(&id) => id,
            Some(id) => {
                self.diags.push(Diagnostic::warning(
                    Some(self.location(pos)),
                    format!("heading id '{id}' is used twice in this file; this one is renamed"),
                ));
                self.heading_ids.unique_from_one(&id)
            }
            None => self
                .heading_ids
                .unique_from_one(&heading_id(&plain_text(&content))),
        };
        self.add_block(Block {
            kind: BlockKind::Heading(Heading {
                level,
                id,
                classes,
                content,
            }),
            pos,
        });
    }

    pub(super) fn end_block_quote(
        &mut self,
        callout: Option<Callout>,
        blocks: Vec<Block>,
        pos: Pos,
    ) {
        self.add_block(Block {
            kind: BlockKind::BlockQuote { callout, blocks },
            pos,
        });
    }

    pub(super) fn end_code_block(&mut self, language: Option<String>, code: String, pos: Pos) {
        self.add_block(Block {
            kind: BlockKind::CodeBlock { language, code },
            pos,
        });
    }

    /// Raw HTML is reported; a comment is left out, anything else kept to be shown as text.
    pub(super) fn end_html_block(&mut self, html: String, pos: Pos) {
        self.report_html(&html, pos);
        if !is_html_comment(&html) {
            self.add_block(Block {
                kind: BlockKind::RawHtml(html.trim_end().to_string()),
                pos,
            });
        }
    }
}
