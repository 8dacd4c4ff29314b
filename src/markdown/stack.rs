//! The stack of containers being built while the events of one file are lowered, and the
//! primitives on it: open a container, add an inline or a block to the innermost one, turn
//! loose inlines into a paragraph.

use std::path::Path;

use super::{Document, MAX_NESTING};
use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::{Alignment, Block, BlockKind, Callout, Definition, Inline, ListItem, Pos};
use crate::slug::UniqueIds;

/// What a container being built is.
pub(super) enum FrameKind {
    Root,
    Paragraph,
    Heading {
        level: u8,
        id: Option<String>,
        classes: Vec<String>,
    },
    BlockQuote(Option<Callout>),
    CodeBlock {
        language: Option<String>,
        code: String,
    },
    HtmlBlock(String),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
        tight: bool,
    },
    Item {
        task: Option<bool>,
    },
    FootnoteDefinition(String),
    DefinitionList(Vec<Definition>),
    DefinitionTitle,
    DefinitionDetail,
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    TableHead(Vec<Vec<Inline>>),
    TableRow(Vec<Vec<Inline>>),
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    Link {
        dest: String,
        title: String,
    },
    Image {
        src: String,
        title: String,
    },
    Metadata(String),
    /// An allow-listed inline HTML element, open until its end tag.
    Html {
        element: super::html::Element,
        name: String,
        kept: super::html::Kept,
    },
    /// A container past `MAX_NESTING`: its content goes to its parent.
    Flattened,
}

/// A container being built: what it is, and what has been gathered in it so far.
pub(super) struct Frame {
    pub(super) kind: FrameKind,
    pub(super) blocks: Vec<Block>,
    pub(super) inlines: Vec<Inline>,
    /// Where the container starts in the file.
    pub(super) pos: Pos,
}

impl Frame {
    fn new(kind: FrameKind, pos: Pos) -> Self {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            pos,
        }
    }
}

/// The state of lowering one file.
pub(super) struct Lowering<'a> {
    file: &'a Path,
    pub(super) lines: LineIndex<'a>,
    pub(super) diags: &'a mut Diagnostics,
    /// The open containers, the root first; the root is never popped.
    pub(super) stack: Vec<Frame>,
    pub(super) footnotes: Vec<(String, Vec<Block>, Pos)>,
    pub(super) front_matter: Option<String>,
    pub(super) heading_ids: UniqueIds,
}

impl<'a> Lowering<'a> {
    pub(super) fn new(file: &'a Path, lines: LineIndex<'a>, diags: &'a mut Diagnostics) -> Self {
        Lowering {
            file,
            lines,
            diags,
            stack: vec![Frame::new(FrameKind::Root, Pos { line: 1, column: 1 })],
            footnotes: Vec::new(),
            front_matter: None,
            heading_ids: UniqueIds::new(),
        }
    }

    /// The document gathered once every event is lowered.
    pub(super) fn finish(self) -> Document {
        let Lowering {
            mut stack,
            footnotes,
            front_matter,
            ..
        } = self;
        // Close anything left open (pulldown-cmark always balances, but stay safe).
        let mut root = stack.remove(0);
        for frame in stack {
            root.blocks.extend(frame.blocks);
            root.inlines.extend(frame.inlines);
        }
        flush_paragraph(&mut root);
        Document {
            blocks: root.blocks,
            footnotes,
            front_matter,
        }
    }
}

impl Lowering<'_> {
    pub(super) fn location(&self, pos: Pos) -> Location {
        Location::new(self.file, pos.line, pos.column)
    }

    /// The innermost open container.
    pub(super) fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the root frame is never popped")
    }

    pub(super) fn add_inline(&mut self, inline: Inline) {
        push_inline(&mut self.top().inlines, inline);
    }

    pub(super) fn add_block(&mut self, block: Block) {
        let top = self.top();
        flush_paragraph(top);
        top.blocks.push(block);
    }

    /// Push a new container; past `MAX_NESTING` it is flattened into its parent (reported
    /// once per run of flattened containers).
    pub(super) fn open(&mut self, kind: FrameKind, pos: Pos) {
        let kind = if self.stack.len() > MAX_NESTING {
            self.flattened(kind, pos)
        } else {
            kind
        };
        if matches!(
            kind,
            FrameKind::Paragraph
                | FrameKind::Heading { .. }
                | FrameKind::BlockQuote(_)
                | FrameKind::CodeBlock { .. }
                | FrameKind::HtmlBlock(_)
                | FrameKind::List { .. }
                | FrameKind::DefinitionList(_)
                | FrameKind::Table { .. }
        ) {
            flush_paragraph(self.top());
        }
        let in_item = matches!(self.top().kind, FrameKind::Item { .. });
        if matches!(kind, FrameKind::Paragraph)
            && in_item
            && let Some(list_frame) = self.stack.iter_mut().rev().nth(1)
            && let FrameKind::List { tight, .. } = &mut list_frame.kind
        {
            *tight = false;
        }
        self.stack.push(Frame::new(kind, pos));
    }

    /// What a container opened too deep becomes: code, raw HTML, links and images keep their
    /// kind (their content is text, not more nesting), anything else is flattened.
    fn flattened(&mut self, kind: FrameKind, pos: Pos) -> FrameKind {
        if !matches!(self.top().kind, FrameKind::Flattened) {
            self.diags.push(
                Diagnostic::warning(
                    Some(self.location(pos)),
                    format!("nesting deeper than {MAX_NESTING} levels is flattened"),
                )
                .with_hint("simplify the nested lists or quotes here"),
            );
        }
        match kind {
            FrameKind::CodeBlock { .. }
            | FrameKind::HtmlBlock(_)
            | FrameKind::Link { .. }
            | FrameKind::Image { .. } => kind,
            _ => FrameKind::Flattened,
        }
    }

    /// A flattened container closes: its content goes to its parent as it is.
    pub(super) fn end_flattened(&mut self, inlines: Vec<Inline>, blocks: Vec<Block>) {
        let top = self.top();
        for inline in inlines {
            push_inline(&mut top.inlines, inline);
        }
        for block in blocks {
            self.add_block(block);
        }
    }
}

/// Turn loose inlines gathered directly in a container (tight list items, cells...) into a paragraph.
pub(super) fn flush_paragraph(frame: &mut Frame) {
    if frame.inlines.is_empty() {
        return;
    }
    let inlines = std::mem::take(&mut frame.inlines);
    if inlines
        .iter()
        .all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty()))
    {
        return;
    }
    let pos = frame.pos;
    frame
        .blocks
        .push(paragraph_block(trim_inlines(inlines), pos));
}

/// A paragraph, or a figure when it holds a single image and nothing else.
pub(super) fn paragraph_block(inlines: Vec<Inline>, pos: Pos) -> Block {
    if let [Inline::Image(image)] = inlines.as_slice() {
        return Block {
            kind: BlockKind::Figure(image.clone()),
            pos,
        };
    }
    Block {
        kind: BlockKind::Paragraph(inlines),
        pos,
    }
}

/// Remove leading and trailing whitespace of a run of inlines.
pub(super) fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = inlines.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    while matches!(inlines.last(), Some(Inline::LineBreak)) {
        inlines.pop();
    }
    inlines
}

/// Append an inline, merging adjacent text.
fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    if let Inline::Text(new) = &inline
        && let Some(Inline::Text(last)) = inlines.last_mut()
    {
        last.push_str(new);
        return;
    }
    inlines.push(inline);
}
