//! Markdown lowered into the document model: pulldown-cmark's events, with tables, footnotes,
//! strikethrough, task lists, smart punctuation, heading attributes, definition lists, GitHub
//! alerts and YAML front matter switched on, folded into `model::Block`s and `model::Inline`s.
//!
//! Nothing is dropped silently: raw HTML is kept as literal text and reported, an undefined
//! reference link is reported, a footnote that is never referenced is reported and kept.
//! Links are left as written (`LinkTarget::External(dest)`); `load` resolves the ones that point
//! inside the book once every chapter is known.

use std::path::Path;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, MetadataBlockKind, Options,
    Parser, Tag, TagEnd,
};

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::{
    Alignment, Block, BlockKind, Callout, Definition, Heading, Image, Inline, LinkTarget, List,
    ListItem, Pos, Table, plain_text,
};
use crate::slug::{UniqueIds, slugify};

/// Deeper nesting than this is flattened (and reported): it keeps every renderer's recursion,
/// and so the stack, bounded whatever the input.
pub const MAX_NESTING: usize = 48;

/// What one Markdown file lowers to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Blocks in order; level-1 headings are kept as `Heading { level: 1 }` for the loader,
    /// which makes them chapter titles.
    pub blocks: Vec<Block>,
    /// Footnote definitions by label, in the order they are written.
    pub footnotes: Vec<(String, Vec<Block>, Pos)>,
    /// The raw YAML front matter, if the file starts with one.
    pub front_matter: Option<String>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_GFM
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
}

/// What a container being built is.
enum FrameKind {
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
    /// A container past `MAX_NESTING`: its content goes to its parent.
    Flattened,
}

struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    pos: Pos,
}

struct Lowering<'a> {
    file: &'a Path,
    lines: LineIndex<'a>,
    diags: &'a mut Diagnostics,
    stack: Vec<Frame>,
    footnotes: Vec<(String, Vec<Block>, Pos)>,
    front_matter: Option<String>,
    heading_ids: UniqueIds,
}

/// Lower one Markdown file. `file` is used for diagnostics only.
pub fn lower(file: &Path, text: &str, diags: &mut Diagnostics) -> Document {
    let lines = LineIndex::new(text);
    let mut broken: Vec<(usize, String)> = Vec::new();
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            broken.push((link.span.start, link.reference.to_string()));
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));
    let mut lowering = Lowering {
        file,
        lines,
        diags,
        stack: vec![Frame {
            kind: FrameKind::Root,
            blocks: Vec::new(),
            inlines: Vec::new(),
            pos: Pos { line: 1, column: 1 },
        }],
        footnotes: Vec::new(),
        front_matter: None,
        heading_ids: UniqueIds::new(),
    };
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = parser.into_offset_iter().collect();
    for (event, range) in events {
        lowering.event(event, range.start);
    }
    for (offset, reference) in broken {
        let (line, column) = lowering.lines.line_column(offset);
        let location = Location::new(file, line, column);
        lowering.diags.push(
            Diagnostic::warning(
                Some(location),
                format!("link reference [{reference}] is not defined; shown as text"),
            )
            .with_hint(format!(
                "add a line `[{reference}]: https://...` to the file"
            )),
        );
    }
    let Lowering {
        mut stack,
        footnotes,
        front_matter,
        ..
    } = lowering;
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

/// Turn loose inlines gathered directly in a container (tight list items, cells...) into a paragraph.
fn flush_paragraph(frame: &mut Frame) {
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
fn paragraph_block(inlines: Vec<Inline>, pos: Pos) -> Block {
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
fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
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

impl Lowering<'_> {
    fn location(&self, pos: Pos) -> Location {
        Location::new(self.file, pos.line, pos.column)
    }

    fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the root frame is never popped")
    }

    fn add_inline(&mut self, inline: Inline) {
        push_inline(&mut self.top().inlines, inline);
    }

    fn add_block(&mut self, block: Block) {
        let top = self.top();
        flush_paragraph(top);
        top.blocks.push(block);
    }

    fn open(&mut self, kind: FrameKind, pos: Pos) {
        let kind = if self.stack.len() > MAX_NESTING {
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
        self.stack.push(Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            pos,
        });
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
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
            Event::TaskListMarker(checked) => {
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
        }
    }

    fn raw_html_inline(&mut self, html: String, pos: Pos) {
        self.report_html(&html, pos);
        if !is_html_comment(&html) {
            self.add_inline(Inline::RawHtml(html));
        }
    }

    fn report_html(&mut self, html: &str, pos: Pos) {
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
                language: match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(|s| {
                            s.trim_matches(|c| c == '{' || c == '}' || c == '.')
                                .to_string()
                        })
                        .filter(|s| !s.is_empty()),
                    CodeBlockKind::Indented => None,
                },
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

    fn end(&mut self, _tag: TagEnd) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        let pos = frame.pos;
        if matches!(
            frame.kind,
            FrameKind::BlockQuote(_)
                | FrameKind::Item { .. }
                | FrameKind::FootnoteDefinition(_)
                | FrameKind::DefinitionDetail
        ) {
            flush_paragraph(&mut frame);
        }
        match frame.kind {
            FrameKind::Root => {}
            FrameKind::Flattened => {
                let top = self.top();
                for inline in frame.inlines {
                    push_inline(&mut top.inlines, inline);
                }
                for block in frame.blocks {
                    self.add_block(block);
                }
            }
            FrameKind::Paragraph => {
                let inlines = trim_inlines(frame.inlines);
                if !inlines.is_empty() {
                    self.add_block(paragraph_block(inlines, pos));
                }
            }
            FrameKind::Heading { level, id, classes } => {
                let content = trim_inlines(frame.inlines);
                let id = match id {
                    Some(id) if self.heading_ids.reserve(&id) => id,
                    Some(id) => {
                        self.diags.push(Diagnostic::warning(
                            Some(self.location(pos)),
                            format!(
                                "heading id '{id}' is used twice in this file; this one is renamed"
                            ),
                        ));
                        self.heading_ids.unique(&id)
                    }
                    None => self.heading_ids.unique(&slugify(&plain_text(&content))),
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
            FrameKind::BlockQuote(callout) => {
                self.add_block(Block {
                    kind: BlockKind::BlockQuote {
                        callout,
                        blocks: frame.blocks,
                    },
                    pos,
                });
            }
            FrameKind::CodeBlock { language, code } => self.add_block(Block {
                kind: BlockKind::CodeBlock { language, code },
                pos,
            }),
            FrameKind::HtmlBlock(html) => {
                self.report_html(&html, pos);
                if !is_html_comment(&html) {
                    self.add_block(Block {
                        kind: BlockKind::RawHtml(html.trim_end().to_string()),
                        pos,
                    });
                }
            }
            FrameKind::List {
                start,
                items,
                tight,
            } => self.add_block(Block {
                kind: BlockKind::List(List {
                    start,
                    tight,
                    items,
                }),
                pos,
            }),
            FrameKind::Item { task } => {
                let item = ListItem {
                    task,
                    blocks: frame.blocks,
                    pos,
                };
                if let FrameKind::List { items, .. } = &mut self.top().kind {
                    items.push(item);
                } else {
                    for block in item.blocks {
                        self.add_block(block);
                    }
                }
            }
            FrameKind::FootnoteDefinition(label) => {
                self.footnotes.push((label, frame.blocks, pos));
            }
            FrameKind::DefinitionList(definitions) => self.add_block(Block {
                kind: BlockKind::DefinitionList(definitions),
                pos,
            }),
            FrameKind::DefinitionTitle => {
                let term = trim_inlines(frame.inlines);
                if let FrameKind::DefinitionList(definitions) = &mut self.top().kind {
                    definitions.push(Definition {
                        term,
                        details: Vec::new(),
                        pos,
                    });
                }
            }
            FrameKind::DefinitionDetail => {
                if let FrameKind::DefinitionList(definitions) = &mut self.top().kind {
                    match definitions.last_mut() {
                        Some(definition) => definition.details.push(frame.blocks),
                        None => definitions.push(Definition {
                            term: Vec::new(),
                            details: vec![frame.blocks],
                            pos,
                        }),
                    }
                }
            }
            FrameKind::Table {
                alignments,
                header,
                rows,
            } => self.add_block(Block {
                kind: BlockKind::Table(Table {
                    alignments,
                    header,
                    rows,
                }),
                pos,
            }),
            FrameKind::TableHead(cells) => {
                if let FrameKind::Table { header, .. } = &mut self.top().kind {
                    *header = cells;
                }
            }
            FrameKind::TableRow(cells) => {
                if let FrameKind::Table { rows, .. } = &mut self.top().kind {
                    rows.push(cells);
                }
            }
            FrameKind::TableCell => {
                let cell = trim_inlines(frame.inlines);
                if let FrameKind::TableHead(cells) | FrameKind::TableRow(cells) =
                    &mut self.top().kind
                {
                    cells.push(cell);
                }
            }
            FrameKind::Emphasis => self.add_inline(Inline::Emphasis(frame.inlines)),
            FrameKind::Strong => self.add_inline(Inline::Strong(frame.inlines)),
            FrameKind::Strikethrough => self.add_inline(Inline::Strikethrough(frame.inlines)),
            FrameKind::Superscript => self.add_inline(Inline::Superscript(frame.inlines)),
            FrameKind::Subscript => self.add_inline(Inline::Subscript(frame.inlines)),
            FrameKind::Link { dest, title } => self.add_inline(Inline::Link {
                target: LinkTarget::External(dest),
                title,
                content: frame.inlines,
                pos,
            }),
            FrameKind::Image { src, title } => self.add_inline(Inline::Image(Image {
                asset: None,
                src,
                alt: plain_text(&frame.inlines),
                title,
                pos,
            })),
            FrameKind::Metadata(yaml) => self.front_matter = Some(yaml),
        }
    }
}

fn is_html_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
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

/// The `title:`, `author:` and `lang:` of simple YAML front matter (`key: value` lines; quotes
/// around the value are removed; `author` may also be a `- name` list).
pub fn front_matter_fields(yaml: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let mut list_key: Option<String> = None;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let (Some(key), Some(item)) = (&list_key, trimmed.strip_prefix("- ")) {
            fields.push((key.clone(), unquote(item)));
            continue;
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let key = key.trim().to_string();
            let value = value.trim();
            if value.is_empty() {
                list_key = Some(key);
            } else {
                list_key = None;
                fields.push((key, unquote(value)));
            }
        }
    }
    fields
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    let stripped = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')));
    stripped.unwrap_or(v).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_str(text: &str) -> (Document, Diagnostics) {
        let mut diags = Diagnostics::new();
        let doc = lower(Path::new("t.md"), text, &mut diags);
        (doc, diags)
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn tight_list_items_become_paragraphs() {
        let (doc, _) = lower_str("- a\n- b\n");
        let BlockKind::List(list) = &doc.blocks[0].kind else {
            panic!("{:?}", doc.blocks)
        };
        assert!(list.tight);
        assert_eq!(list.items.len(), 2);
        assert_eq!(
            list.items[1].blocks[0].kind,
            BlockKind::Paragraph(vec![text("b")])
        );
        assert_eq!(list.items[1].pos.line, 2);
    }

    #[test]
    fn loose_lists_are_marked() {
        let (doc, _) = lower_str("1. a\n\n2. b\n");
        let BlockKind::List(list) = &doc.blocks[0].kind else {
            panic!()
        };
        assert!(!list.tight);
        assert_eq!(list.start, Some(1));
    }

    #[test]
    fn smart_punctuation_and_soft_breaks_merge_into_one_text() {
        let (doc, _) = lower_str("It's \"quoted\"\nnext -- line...\n");
        assert_eq!(
            doc.blocks[0].kind,
            BlockKind::Paragraph(vec![text("It’s “quoted” next – line…")])
        );
    }

    #[test]
    fn comments_are_reported_not_rendered() {
        let (doc, diags) = lower_str("<!-- note -->\n\ntext\n");
        assert_eq!(doc.blocks.len(), 1);
        assert!(diags.items()[0].message.contains("HTML comment"));
        assert_eq!(diags.items()[0].location.as_ref().unwrap().line, 1);
    }

    #[test]
    fn deep_nesting_is_flattened_with_a_warning() {
        let text = ">".repeat(200) + " deep\n";
        let (doc, diags) = lower_str(&text);
        assert!(crate::model::block_text(&doc.blocks).contains("deep"));
        assert!(
            diags
                .items()
                .iter()
                .any(|d| d.message.contains("flattened"))
        );
    }

    #[test]
    fn front_matter_fields_are_read() {
        let (doc, _) =
            lower_str("---\ntitle: \"My Book\"\nauthor:\n  - A\n  - B\nlang: fr\n---\n\n# One\n");
        let fields = front_matter_fields(doc.front_matter.as_deref().unwrap());
        assert_eq!(
            fields,
            vec![
                ("title".into(), "My Book".into()),
                ("author".into(), "A".into()),
                ("author".into(), "B".into()),
                ("lang".into(), "fr".into())
            ]
        );
    }
}
