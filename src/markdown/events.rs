//! pulldown-cmark's events, one at a time: text goes into the innermost container, a start tag
//! opens a container, an end tag closes one and hands it to the module of its construct.

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Tag, TagEnd,
};

use super::html;
use super::stack::{Frame, FrameKind, Lowering, flush_paragraph};
use crate::diagnostic::Diagnostic;
use crate::model::{Alignment, Block, BlockKind, Callout, Inline, Pos};

impl Lowering<'_> {
    /// Lower one event, which starts at byte `offset` of the file.
    pub(super) fn event(&mut self, event: Event<'_>, offset: usize) {
        let (line, column) = self.lines.line_column(offset);
        let pos = Pos { line, column };
        match event {
            Event::Start(tag) => self.start(tag, pos),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.top().kind {
                FrameKind::CodeBlock { code, .. } => code.push_str(&text),
                FrameKind::HtmlBlock(html) => html.push_str(&text),
                FrameKind::Metadata(yaml) => yaml.push_str(&text),
                _ => self.add_inline(Inline::Text(text.to_string())),
            },
            Event::Code(code) => self.add_inline(Inline::Code(code.to_string())),
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.add_inline(Inline::Code(math.to_string()))
            }
            Event::Html(html) => {
                if let FrameKind::HtmlBlock(buffer) = &mut self.top().kind {
                    buffer.push_str(&html);
                } else {
                    self.raw_html_inline(html.to_string(), pos);
                }
            }
            Event::InlineHtml(html) => self.raw_html_inline(html.to_string(), pos),
            Event::FootnoteReference(label) => self.add_inline(Inline::FootnoteRef {
                label: label.to_string(),
                number: 0,
                pos,
            }),
            Event::SoftBreak => self.add_inline(Inline::Text(" ".into())),
            Event::HardBreak => self.add_inline(Inline::LineBreak),
            Event::Rule => self.add_block(Block {
                kind: BlockKind::ThematicBreak,
                pos,
            }),
            Event::TaskListMarker(checked) => self.mark_task(checked),
        }
    }

    /// A task list marker makes the innermost list item a task, done or not.
    fn mark_task(&mut self, checked: bool) {
        if let Some(frame) = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| matches!(f.kind, FrameKind::Item { .. }))
            && let FrameKind::Item { task } = &mut frame.kind
        {
            *task = Some(checked);
        }
    }

    fn raw_html_inline(&mut self, html: String, pos: Pos) {
        if self.allowed_html(&html, pos) {
            return;
        }
        self.report_html(&html, pos);
        if !is_html_comment(&html) {
            self.add_inline(Inline::RawHtml(html));
        }
    }

    /// An allow-listed tag opens or closes its element (an end tag only when its element is the
    /// innermost open one); false for anything else.
    fn allowed_html(&mut self, html: &str, pos: Pos) -> bool {
        match html::allowed_tag(html) {
            Some(html::Tag::Break) => self.add_inline(Inline::LineBreak),
            Some(html::Tag::Open {
                element,
                name,
                attributes,
                dropped,
                closed,
            }) => {
                if !dropped.is_empty() {
                    self.diags.push(
                        Diagnostic::warning(
                            Some(self.location(pos)),
                            format!(
                                "<{name}>: attribute {} left out; only id, name, lang and title are kept",
                                dropped.join(", ")
                            ),
                        )
                        .with_hint("scripts, event handlers and styles never reach the outputs"),
                    );
                }
                if closed {
                    self.add_inline(html::element_inline(element, attributes, Vec::new()));
                } else {
                    let kind = FrameKind::Html {
                        element,
                        name,
                        kept: attributes,
                    };
                    self.open(kind, pos);
                }
            }
            Some(html::Tag::Close(name)) => {
                let open =
                    matches!(&self.top().kind, FrameKind::Html { name: n, .. } if *n == name);
                if !open || self.stack.len() <= 1 {
                    return false;
                }
                let Some(frame) = self.stack.pop() else {
                    return false;
                };
                if let FrameKind::Html { element, kept, .. } = frame.kind {
                    self.add_inline(html::element_inline(element, kept, frame.inlines));
                }
            }
            None => return false,
        }
        true
    }

    /// Elements of inline HTML still open when their container ends: their text is kept, the
    /// tag reported.
    fn close_open_html(&mut self) {
        while self.stack.len() > 1 && matches!(self.top().kind, FrameKind::Html { .. }) {
            let Some(frame) = self.stack.pop() else {
                return;
            };
            if let FrameKind::Html { name, .. } = &frame.kind {
                self.diags.push(
                    Diagnostic::warning(
                        Some(self.location(frame.pos)),
                        format!("<{name}> is not closed in its paragraph; its text is kept"),
                    )
                    .with_hint(format!("close it with </{name}>")),
                );
            }
            self.end_flattened(frame.inlines, frame.blocks);
        }
    }

    /// Raw HTML is never rendered: a comment is left out, anything else shown as text; both
    /// are reported.
    pub(super) fn report_html(&mut self, html: &str, pos: Pos) {
        let location = Some(self.location(pos));
        let snippet: String = html.trim().chars().take(40).collect();
        let diagnostic = if is_html_comment(html) {
            Diagnostic::warning(
                location,
                format!("HTML comment `{snippet}` is left out of the outputs"),
            )
        } else {
            Diagnostic::warning(
                location,
                format!("raw HTML `{snippet}` is not rendered; it is shown as literal text"),
            )
            .with_hint("write it in Markdown instead (raw HTML has no meaning in the PDF)")
        };
        self.diags.push(diagnostic);
    }

    fn start(&mut self, tag: Tag<'_>, pos: Pos) {
        let kind = match tag {
            Tag::Paragraph => FrameKind::Paragraph,
            Tag::Heading {
                level, id, classes, ..
            } => FrameKind::Heading {
                level: heading_level(level),
                id: id.map(|s| s.to_string()),
                classes: classes.iter().map(|c| c.to_string()).collect(),
            },
            Tag::BlockQuote(kind) => FrameKind::BlockQuote(kind.map(callout)),
            Tag::CodeBlock(kind) => FrameKind::CodeBlock {
                language: code_language(kind),
                code: String::new(),
            },
            Tag::HtmlBlock => FrameKind::HtmlBlock(String::new()),
            Tag::List(start) => FrameKind::List {
                start,
                items: Vec::new(),
                tight: true,
            },
            Tag::Item => FrameKind::Item { task: None },
            Tag::FootnoteDefinition(label) => FrameKind::FootnoteDefinition(label.to_string()),
            Tag::DefinitionList => FrameKind::DefinitionList(Vec::new()),
            Tag::DefinitionListTitle => FrameKind::DefinitionTitle,
            Tag::DefinitionListDefinition => FrameKind::DefinitionDetail,
            Tag::Table(alignments) => FrameKind::Table {
                alignments: alignments.into_iter().map(alignment).collect(),
                header: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead => FrameKind::TableHead(Vec::new()),
            Tag::TableRow => FrameKind::TableRow(Vec::new()),
            Tag::TableCell => FrameKind::TableCell,
            Tag::Emphasis => FrameKind::Emphasis,
            Tag::Strong => FrameKind::Strong,
            Tag::Strikethrough => FrameKind::Strikethrough,
            Tag::Superscript => FrameKind::Superscript,
            Tag::Subscript => FrameKind::Subscript,
            Tag::Link {
                dest_url, title, ..
            } => FrameKind::Link {
                dest: dest_url.to_string(),
                title: title.to_string(),
            },
            Tag::Image {
                dest_url, title, ..
            } => FrameKind::Image {
                src: dest_url.to_string(),
                title: title.to_string(),
            },
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle | MetadataBlockKind::PlusesStyle) => {
                FrameKind::Metadata(String::new())
            }
        };
        self.open(kind, pos);
    }

    /// Close the innermost container and add what it makes to its parent.
    fn end(&mut self, _tag: TagEnd) {
        self.close_open_html();
        if self.stack.len() <= 1 {
            return;
        }
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        if matches!(
            frame.kind,
            FrameKind::BlockQuote(_)
                | FrameKind::Item { .. }
                | FrameKind::FootnoteDefinition(_)
                | FrameKind::DefinitionDetail
        ) {
            flush_paragraph(&mut frame);
        }
        let Frame {
            kind,
            blocks,
            inlines,
            pos,
        } = frame;
        match kind {
            FrameKind::Root => {}
            FrameKind::Flattened | FrameKind::Html { .. } => self.end_flattened(inlines, blocks),
            FrameKind::Paragraph => self.end_paragraph(inlines, pos),
            FrameKind::Heading { level, id, classes } => {
                self.end_heading(level, id, classes, inlines, pos)
            }
            FrameKind::BlockQuote(callout) => self.end_block_quote(callout, blocks, pos),
            FrameKind::CodeBlock { language, code } => self.end_code_block(language, code, pos),
            FrameKind::HtmlBlock(html) => self.end_html_block(html, pos),
            FrameKind::List {
                start,
                items,
                tight,
            } => self.end_list(start, items, tight, pos),
            FrameKind::Item { task } => self.end_item(task, blocks, pos),
            FrameKind::FootnoteDefinition(label) => self.footnotes.push((label, blocks, pos)),
            FrameKind::DefinitionList(definitions) => self.end_definition_list(definitions, pos),
            FrameKind::DefinitionTitle => self.end_definition_title(inlines, pos),
            FrameKind::DefinitionDetail => self.end_definition_detail(blocks, pos),
            FrameKind::Table {
                alignments,
                header,
                rows,
            } => self.end_table(alignments, header, rows, pos),
            FrameKind::TableHead(cells) => self.end_table_head(cells),
            FrameKind::TableRow(cells) => self.end_table_row(cells),
            FrameKind::TableCell => self.end_table_cell(inlines),
            FrameKind::Emphasis => self.add_inline(Inline::Emphasis(inlines)),
            FrameKind::Strong => self.add_inline(Inline::Strong(inlines)),
            FrameKind::Strikethrough => self.add_inline(Inline::Strikethrough(inlines)),
            FrameKind::Superscript => self.add_inline(Inline::Superscript(inlines)),
            FrameKind::Subscript => self.add_inline(Inline::Subscript(inlines)),
            FrameKind::Link { dest, title } => self.end_link(dest, title, inlines, pos),
            FrameKind::Image { src, title } => self.end_image(src, title, inlines, pos),
            FrameKind::Metadata(yaml) => self.front_matter = Some(yaml),
        }
    }
}

pub(super) fn is_html_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// The language of a fenced code block: the first word of its info string, up to a comma
/// (`rust,ignore` and `rust,editable` are Rust, as mdBook and rustdoc read them), without the
/// braces and dot of the `{.rust}` attribute form. None for an indented block or no word.
fn code_language(kind: CodeBlockKind<'_>) -> Option<String> {
    match kind {
        CodeBlockKind::Fenced(info) => info
            .split_whitespace()
            .next()
            .and_then(|s| s.split(',').next())
            .map(|s| {
                s.trim_matches(|c| c == '{' || c == '}' || c == '.')
                    .to_string()
            })
            .filter(|s| !s.is_empty()),
        CodeBlockKind::Indented => None,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn callout(kind: BlockQuoteKind) -> Callout {
    match kind {
        BlockQuoteKind::Note => Callout::Note,
        BlockQuoteKind::Tip => Callout::Tip,
        BlockQuoteKind::Important => Callout::Important,
        BlockQuoteKind::Warning => Callout::Warning,
        BlockQuoteKind::Caution => Callout::Caution,
    }
}

fn alignment(a: pulldown_cmark::Alignment) -> Alignment {
    match a {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}
