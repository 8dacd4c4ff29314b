//! The one walk over the document model: every block and every inline, in reading order.
//!
//! The order, for both the shared walk ([`Walk`], an iterator) and the mutable one
//! ([`walk_blocks_mut`], driving a [`VisitMut`]):
//!
//! - a node comes before everything it holds, and what it holds comes before its next sibling
//!   (depth first, pre-order);
//! - a heading or paragraph holds its inlines; a figure holds nothing (its image is the block's
//!   own, see [`Node::image`]);
//! - a list holds its items one after the other, each item its blocks;
//! - a block quote (an alert too) holds its blocks;
//! - a table holds its header cells left to right, then each row's cells left to right; each
//!   cell holds its inlines;
//! - a definition list holds its definitions; each definition holds its term (the term's
//!   inlines), then each of its details (the detail's blocks), before the next definition;
//! - emphasis, strong, strikethrough, superscript, subscript and links hold their content;
//! - a chapter's walk ([`Chapter::walk`], [`Chapter::walk_mut`]) goes over its blocks, then over
//!   its footnotes in number order (each footnote holds its blocks). The chapter title is not
//!   part of it.
//!
//! The shared walk reports each node twice, on [`Event::Enter`] and, after everything it holds,
//! on [`Event::Leave`]; [`Walk::nodes`] keeps the entries only.

use std::iter::{Chain, Flatten};
use std::slice;

use super::{Block, BlockKind, Chapter, Definition, Footnote, Image, Inline, ListItem};

/// One place in the model the walk passes through.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Footnote(&'a Footnote),
    Block(&'a Block),
    ListItem(&'a ListItem),
    /// A table cell (header or body), holding its inlines.
    Cell(&'a [Inline]),
    Definition(&'a Definition),
    /// A definition's term, holding its inlines.
    Term(&'a [Inline]),
    /// One of a definition's details, holding its blocks.
    Details(&'a [Block]),
    Inline(&'a Inline),
}

impl<'a> Node<'a> {
    pub fn block(self) -> Option<&'a Block> {
        match self {
            Node::Block(block) => Some(block),
            _ => None,
        }
    }

    pub fn inline(self) -> Option<&'a Inline> {
        match self {
            Node::Inline(inline) => Some(inline),
            _ => None,
        }
    }

    /// The image of a figure block or of an inline image.
    pub fn image(self) -> Option<&'a Image> {
        match self {
            Node::Block(Block {
                kind: BlockKind::Figure(image),
                ..
            })
            | Node::Inline(Inline::Image(image)) => Some(image),
            _ => None,
        }
    }
}

/// A step of the shared walk.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// Reaching a node, before anything it holds.
    Enter(Node<'a>),
    /// Leaving a node, after everything it holds.
    Leave(Node<'a>),
}

type TableCells<'a> =
    Chain<slice::Iter<'a, Vec<Inline>>, Flatten<slice::Iter<'a, Vec<Vec<Inline>>>>>;

/// What a node holds, still to be walked.
enum Children<'a> {
    Nothing,
    Footnotes(slice::Iter<'a, Footnote>),
    Blocks(slice::Iter<'a, Block>),
    Items(slice::Iter<'a, ListItem>),
    Cells(TableCells<'a>),
    Definitions(slice::Iter<'a, Definition>),
    /// The term (until it is taken), then the details.
    DefinitionParts {
        term: Option<&'a [Inline]>,
        details: slice::Iter<'a, Vec<Block>>,
    },
    Inlines(slice::Iter<'a, Inline>),
}

impl<'a> Children<'a> {
    fn of(node: Node<'a>) -> Self {
        match node {
            Node::Footnote(note) => Children::Blocks(note.blocks.iter()),
            Node::Block(block) => match &block.kind {
                BlockKind::Heading(heading) => Children::Inlines(heading.content.iter()),
                BlockKind::Paragraph(inlines) => Children::Inlines(inlines.iter()),
                BlockKind::List(list) => Children::Items(list.items.iter()),
                BlockKind::BlockQuote { blocks, .. } | BlockKind::Div { blocks, .. } => {
                    Children::Blocks(blocks.iter())
                }
                BlockKind::Table(table) => {
                    Children::Cells(table.header.iter().chain(table.rows.iter().flatten()))
                }
                BlockKind::DefinitionList(definitions) => Children::Definitions(definitions.iter()),
                BlockKind::Figure(_)
                | BlockKind::CodeBlock { .. }
                | BlockKind::ThematicBreak
                | BlockKind::RawHtml(_) => Children::Nothing,
            },
            Node::ListItem(item) => Children::Blocks(item.blocks.iter()),
            Node::Cell(inlines) | Node::Term(inlines) => Children::Inlines(inlines.iter()),
            Node::Definition(definition) => Children::DefinitionParts {
                term: Some(&definition.term),
                details: definition.details.iter(),
            },
            Node::Details(blocks) => Children::Blocks(blocks.iter()),
            Node::Inline(inline) => match inline_content(inline) {
                Some(content) => Children::Inlines(content.iter()),
                None => Children::Nothing,
            },
        }
    }

    fn next(&mut self) -> Option<Node<'a>> {
        match self {
            Children::Nothing => None,
            Children::Footnotes(notes) => notes.next().map(Node::Footnote),
            Children::Blocks(blocks) => blocks.next().map(Node::Block),
            Children::Items(items) => items.next().map(Node::ListItem),
            Children::Cells(cells) => cells.next().map(|cell| Node::Cell(cell)),
            Children::Definitions(definitions) => definitions.next().map(Node::Definition),
            Children::DefinitionParts { term, details } => match term.take() {
                Some(term) => Some(Node::Term(term)),
                None => details.next().map(|detail| Node::Details(detail)),
            },
            Children::Inlines(inlines) => inlines.next().map(Node::Inline),
        }
    }
}

/// The content of an inline that holds other inlines, by reference or by mutable reference.
macro_rules! inline_content {
    ($inline:expr) => {
        match $inline {
            Inline::Emphasis(content)
            | Inline::Strong(content)
            | Inline::Strikethrough(content)
            | Inline::Superscript(content)
            | Inline::Subscript(content)
            | Inline::Link { content, .. }
            | Inline::Span(crate::model::Span { content, .. }) => Some(content),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::Image(_)
            | Inline::FootnoteRef { .. }
            | Inline::LineBreak
            | Inline::RawHtml(_) => None,
        }
    };
}

fn inline_content(inline: &Inline) -> Option<&Vec<Inline>> {
    inline_content!(inline)
}

fn inline_content_mut(inline: &mut Inline) -> Option<&mut Vec<Inline>> {
    inline_content!(inline)
}

/// A node being walked (None for the top level, which is never entered nor left) and what of it
/// is still to walk.
struct Frame<'a> {
    owner: Option<Node<'a>>,
    children: Children<'a>,
}

/// The shared walk, as an iterator of [`Event`]s in the order the module describes.
pub struct Walk<'a> {
    stack: Vec<Frame<'a>>,
}

impl<'a> Walk<'a> {
    fn over(top: Children<'a>) -> Self {
        Walk {
            stack: vec![Frame {
                owner: None,
                children: top,
            }],
        }
    }

    /// The nodes in walk order, each once (on entering it).
    pub fn nodes(self) -> impl Iterator<Item = Node<'a>> {
        self.filter_map(|event| match event {
            Event::Enter(node) => Some(node),
            Event::Leave(_) => None,
        })
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let frame = self.stack.last_mut()?;
            match frame.children.next() {
                Some(child) => {
                    self.stack.push(Frame {
                        owner: Some(child),
                        children: Children::of(child),
                    });
                    return Some(Event::Enter(child));
                }
                None => {
                    if let Some(owner) = self.stack.pop().and_then(|frame| frame.owner) {
                        return Some(Event::Leave(owner));
                    }
                }
            }
        }
    }
}

/// Walk `blocks` and everything they hold.
pub fn walk_blocks(blocks: &[Block]) -> Walk<'_> {
    Walk::over(Children::Blocks(blocks.iter()))
}

/// Walk `inlines` and everything they hold.
pub fn walk_inlines(inlines: &[Inline]) -> Walk<'_> {
    Walk::over(Children::Inlines(inlines.iter()))
}

/// The hooks of the mutable walk, each called in walk order; the walk then goes into what the
/// hook left in place (a hook may rewrite what it is given).
pub trait VisitMut {
    /// Each block, before what it holds.
    fn block(&mut self, _block: &mut Block) {}
    /// Each run of inlines (a heading's or paragraph's, a cell, a term, the content of an
    /// inline), before its inlines.
    fn inlines(&mut self, _inlines: &mut Vec<Inline>) {}
    /// Each inline, before its content.
    fn inline(&mut self, _inline: &mut Inline) {}
}

/// Walk `blocks` and everything they hold, calling `visitor`'s hooks.
pub fn walk_blocks_mut(blocks: &mut [Block], visitor: &mut impl VisitMut) {
    for block in blocks {
        walk_block_mut(block, visitor);
    }
}

fn walk_block_mut(block: &mut Block, visitor: &mut impl VisitMut) {
    visitor.block(block);
    match &mut block.kind {
        BlockKind::Heading(heading) => walk_inlines_mut(&mut heading.content, visitor),
        BlockKind::Paragraph(inlines) => walk_inlines_mut(inlines, visitor),
        BlockKind::List(list) => {
            for item in &mut list.items {
                walk_blocks_mut(&mut item.blocks, visitor);
            }
        }
        BlockKind::BlockQuote { blocks, .. } | BlockKind::Div { blocks, .. } => {
            walk_blocks_mut(blocks, visitor)
        }
        BlockKind::Table(table) => {
            let header = table.header.iter_mut();
            for cell in header.chain(table.rows.iter_mut().flatten()) {
                walk_inlines_mut(cell, visitor);
            }
        }
        BlockKind::DefinitionList(definitions) => {
            for definition in definitions {
                walk_inlines_mut(&mut definition.term, visitor);
                for detail in &mut definition.details {
                    walk_blocks_mut(detail, visitor);
                }
            }
        }
        BlockKind::Figure(_)
        | BlockKind::CodeBlock { .. }
        | BlockKind::ThematicBreak
        | BlockKind::RawHtml(_) => {}
    }
}

fn walk_inlines_mut(inlines: &mut Vec<Inline>, visitor: &mut impl VisitMut) {
    visitor.inlines(inlines);
    for inline in inlines {
        visitor.inline(inline);
        if let Some(content) = inline_content_mut(inline) {
            walk_inlines_mut(content, visitor);
        }
    }
}

/// A [`VisitMut`] calling a closure on every inline.
struct EachInline<F>(F);

impl<F: FnMut(&mut Inline)> VisitMut for EachInline<F> {
    fn inline(&mut self, inline: &mut Inline) {
        (self.0)(inline)
    }
}

/// Call `f` on every inline `blocks` hold, in walk order.
pub fn for_each_inline_mut(blocks: &mut [Block], f: impl FnMut(&mut Inline)) {
    walk_blocks_mut(blocks, &mut EachInline(f));
}

impl Chapter {
    /// Walk the chapter's blocks, then its footnotes.
    pub fn walk(&self) -> Walk<'_> {
        let mut walk = Walk::over(Children::Footnotes(self.footnotes.iter()));
        walk.stack.push(Frame {
            owner: None,
            children: Children::Blocks(self.blocks.iter()),
        });
        walk
    }

    /// Call `f` on every inline of the chapter's blocks, then of its footnotes, in walk order.
    pub fn for_each_inline_mut(&mut self, f: impl FnMut(&mut Inline)) {
        self.walk_mut(&mut EachInline(f));
    }

    /// Walk the chapter's blocks, then its footnotes' blocks, calling `visitor`'s hooks.
    pub fn walk_mut(&mut self, visitor: &mut impl VisitMut) {
        walk_blocks_mut(&mut self.blocks, visitor);
        for note in &mut self.footnotes {
            walk_blocks_mut(&mut note.blocks, visitor);
        }
    }
}

#[cfg(test)]
#[path = "walk_tests.rs"]
pub(crate) mod tests;
