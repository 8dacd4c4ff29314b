//! The text a model carries, with its markup removed: for word counts, alt texts, link
//! labels and the checks that every word of the Markdown reaches both outputs.

use super::walk::{self, Event, Node};
use super::{Block, BlockKind, Book, Chapter, Inline, Span};

impl Chapter {
    /// The ids of the chapter's spans and divs, in reading order (link targets beside its
    /// headings).
    pub fn span_ids(&self) -> Vec<&str> {
        span_ids_of(self.walk().nodes())
    }
}

/// The ids of the spans in `inlines` and what they hold.
pub fn span_ids_in(inlines: &[Inline]) -> Vec<&str> {
    span_ids_of(walk::walk_inlines(inlines).nodes())
}

fn span_ids_of<'a>(nodes: impl Iterator<Item = Node<'a>>) -> Vec<&'a str> {
    nodes
        .filter_map(|node| match node {
            Node::Inline(Inline::Span(Span { id: Some(id), .. })) => Some(id.as_str()),
            Node::Block(Block {
                kind: BlockKind::Div { id: Some(id), .. },
                ..
            }) => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

/// The text of inlines with all markup removed (image alt text included, footnote marks not).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for node in walk::walk_inlines(inlines).nodes() {
        if let Node::Inline(inline) = node {
            push_inline_text(inline, out);
        }
    }
}

/// The text an inline itself carries (not its content's).
fn push_inline_text(inline: &Inline, out: &mut String) {
    match inline {
        Inline::Text(t) | Inline::Code(t) | Inline::RawHtml(t) => out.push_str(t),
        Inline::Image(image) => out.push_str(&image.alt),
        Inline::LineBreak => out.push(' '),
        Inline::Emphasis(_)
        | Inline::Strong(_)
        | Inline::Strikethrough(_)
        | Inline::Superscript(_)
        | Inline::Subscript(_)
        | Inline::Link { .. }
        | Inline::Span(_)
        | Inline::FootnoteRef { .. } => {}
    }
}

/// All the text a block carries, blocks separated by newlines (for word-coverage checks): each
/// block ends with a newline, each table cell with a space, each definition term with a newline.
pub fn block_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for event in walk::walk_blocks(blocks) {
        match event {
            Event::Enter(Node::Inline(inline)) => push_inline_text(inline, &mut out),
            Event::Enter(Node::Block(block)) => push_block_own_text(block, &mut out),
            Event::Leave(Node::Block(_) | Node::Term(_)) => out.push('\n'),
            Event::Leave(Node::Cell(_)) => out.push(' '),
            Event::Enter(_) | Event::Leave(_) => {}
        }
    }
    out
}

/// The text a block carries outside its inlines and nested blocks.
fn push_block_own_text(block: &Block, out: &mut String) {
    match &block.kind {
        BlockKind::Figure(image) => {
            out.push_str(&image.alt);
            out.push(' ');
            out.push_str(&image.title);
        }
        BlockKind::CodeBlock { code, .. } => out.push_str(code),
        BlockKind::RawHtml(html) => out.push_str(html),
        BlockKind::Heading(_)
        | BlockKind::Paragraph(_)
        | BlockKind::List(_)
        | BlockKind::BlockQuote { .. }
        | BlockKind::Div { .. }
        | BlockKind::Table(_)
        | BlockKind::DefinitionList(_)
        | BlockKind::ThematicBreak => {}
    }
}

impl Book {
    /// Every word the book carries: metadata, titles, blocks and footnotes.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for chapter in &self.chapters {
            out.push_str(&chapter.title_text());
            out.push('\n');
            out.push_str(&block_text(&chapter.blocks));
            for note in &chapter.footnotes {
                out.push_str(&block_text(&note.blocks));
            }
        }
        out
    }

    /// The index of the chapter whose file is `file_name`.
    pub fn chapter_index(&self, file_name: &str) -> Option<usize> {
        self.chapters.iter().position(|c| c.file_name == file_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Image, Pos};

    #[test]
    fn plain_text_strips_markup_but_keeps_alt_text() {
        let inlines = vec![
            Inline::Text("a ".into()),
            Inline::Strong(vec![Inline::Text("b".into())]),
            Inline::FootnoteRef {
                label: "1".into(),
                number: 1,
                pos: Pos::default(),
            },
            Inline::Image(Image {
                asset: None,
                src: "x.png".into(),
                alt: " c".into(),
                title: String::new(),
                pos: Pos::default(),
                label: None,
            }),
        ];
        assert_eq!(plain_text(&inlines), "a b c");
    }

    #[test]
    fn block_text_ends_blocks_and_terms_with_newlines_and_cells_with_spaces() {
        let mut diags = crate::diagnostic::Diagnostics::new();
        let markdown =
            "# H\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\nterm\n: def\n\n> q `c`\n";
        let document = crate::markdown::lower(std::path::Path::new("t.md"), markdown, &mut diags);
        assert_eq!(
            block_text(&document.blocks),
            "H\na\nb\n\nx y 1 2 \nterm\ndef\n\nq c\n\n"
        );
    }
}
