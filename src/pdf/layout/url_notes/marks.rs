//! Where the marks of the notes that print links' addresses go: after the link, and after
//! the punctuation that follows it or before it as the book sets its own notes; and the words
//! the marks add to their paragraphs as the PDF sets them, which the EPUB's model does not have.

use std::collections::HashMap;

use crate::model::{Block, BlockKind, Book, Inline, LinkTarget, Pos, ShowUrls, WordCounter};
use crate::pdf::layout::references::{Added, AddedWords, is_its_address};

/// Where a note's mark goes against the punctuation that follows the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkPlace {
    /// After it: "visit our site.¹" (Chicago Manual of Style 14.26: after any punctuation
    /// but a dash).
    AfterPunctuation,
    /// Before it: "visitez notre site¹." (Lexique des règles typographiques en usage à
    /// l'Imprimerie nationale: the call stands against the word it refers to).
    BeforePunctuation,
}

/// Where the book's own note marks stand against punctuation, by the majority of those next to
/// some; a book whose notes say nothing follows its language's rule (French: before). Read
/// only when the links' addresses go into notes (`show`).
pub fn mark_place(book: &Book, show: ShowUrls) -> MarkPlace {
    if show != ShowUrls::Footnote {
        return MarkPlace::AfterPunctuation;
    }
    let mut votes = Votes::default();
    for chapter in &book.chapters {
        for node in chapter.walk().nodes() {
            if let Some(Block {
                kind: BlockKind::Paragraph(inlines),
                ..
            }) = node.block()
            {
                votes.count(inlines);
            }
        }
    }
    match votes.after.cmp(&votes.before) {
        std::cmp::Ordering::Greater => MarkPlace::AfterPunctuation,
        std::cmp::Ordering::Less => MarkPlace::BeforePunctuation,
        std::cmp::Ordering::Equal
            if crate::strings::primary_subtag(&book.meta.language) == "fr" =>
        {
            MarkPlace::BeforePunctuation
        }
        std::cmp::Ordering::Equal => MarkPlace::AfterPunctuation,
    }
}

/// Note marks that follow punctuation (`after`) and that punctuation follows (`before`).
#[derive(Debug, Default)]
struct Votes {
    after: usize,
    before: usize,
}

impl Votes {
    fn count(&mut self, inlines: &[Inline]) {
        for (i, inline) in inlines.iter().enumerate() {
            if !matches!(inline, Inline::FootnoteRef { .. }) {
                if let Some(content) = content_of(inline) {
                    self.count(content);
                }
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| text_of(inlines.get(j)));
            if before
                .and_then(|t| t.chars().next_back())
                .is_some_and(is_closing)
            {
                self.after += 1;
            } else if text_of(inlines.get(i + 1))
                .and_then(|t| t.chars().next())
                .is_some_and(is_closing)
            {
                self.before += 1;
            }
        }
    }
}

/// The text of a text inline.
fn text_of(inline: Option<&Inline>) -> Option<&str> {
    match inline {
        Some(Inline::Text(t)) => Some(t),
        _ => None,
    }
}

/// Punctuation that closes a phrase, which a note mark may follow; not a dash, which the mark
/// goes before in every convention.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '\u{2026}'
    ) || matches!(c, '\u{2019}' | '\u{201D}' | '\u{BB}' | '\u{203A}')
}

/// The length of the closing punctuation `text` begins with (the no-break spaces French puts
/// before some marks included, when a mark follows them).
fn closing_prefix(text: &str) -> usize {
    let mut end = 0;
    for (at, c) in text.char_indices() {
        if is_closing(c) {
            end = at + c.len_utf8();
        } else if !matches!(c, '\u{A0}' | '\u{202F}') {
            break;
        }
    }
    end
}

/// The inlines an inline holds, if any.
fn content_of(inline: &Inline) -> Option<&[Inline]> {
    match inline {
        Inline::Emphasis(c)
        | Inline::Strong(c)
        | Inline::Strikethrough(c)
        | Inline::Superscript(c)
        | Inline::Subscript(c)
        | Inline::Link { content: c, .. } => Some(c),
        Inline::Span(span) => Some(&span.content),
        _ => None,
    }
}

/// The marks of a chapter's links being added, with the words they add.
pub(super) struct Marking {
    place: MarkPlace,
    /// The number the first link's note takes for now (after the chapter's own notes).
    first_number: u32,
    /// The address of each link given a note, and where the link is.
    pub urls: Vec<(String, Pos)>,
    /// The words the marks add, by paragraph.
    pub added: AddedWords,
}

/// A paragraph's words as the model has them (`own`) and as the PDF sets them, marks included
/// (`set`): a mark that begins a word of its own adds one.
#[derive(Default)]
struct Counting {
    own: WordCounter,
    set: WordCounter,
    added: Vec<Added>,
}

impl Counting {
    fn read_own(&mut self, text: &str) {
        let before = self.own.words;
        self.own.read(text, |_, _| {});
        self.set.read(text, |_, _| {});
        self.settle(before);
    }

    fn read_mark(&mut self, text: &str) {
        let before = self.own.words;
        self.set.read(text, |_, _| {});
        self.settle(before);
    }

    fn gap(&mut self) {
        self.own.gap();
        self.set.gap();
    }

    /// Note where the set words got ahead of the model's, or fell back (a word of the model
    /// that begins right after a mark which began a word is that word as set).
    fn settle(&mut self, own_before: u32) {
        let extra = self.set.words.saturating_sub(self.own.words);
        let counted: u32 = self.added.iter().map(|a| a.words).sum();
        if extra > counted {
            self.added.push(Added {
                at: own_before,
                words: extra - counted,
            });
        } else if extra < counted
            && let Some(last) = self.added.last_mut()
        {
            last.words -= (counted - extra).min(last.words);
            if last.words == 0 {
                self.added.pop();
            }
        }
    }
}

/// What a run of inlines became: its inlines, and the marks due after it (a link at its end,
/// whose mark goes after the punctuation that follows the run).
struct Run {
    inlines: Vec<Inline>,
    due: Vec<Inline>,
}

impl Marking {
    /// Marks placed by `place`, the first link's note numbered `first_number` for now.
    pub fn new(place: MarkPlace, first_number: u32) -> Marking {
        Marking {
            place,
            first_number,
            urls: Vec::new(),
            added: HashMap::new(),
        }
    }

    /// `blocks` with a mark after each external link whose text is not its address.
    pub fn blocks(&mut self, blocks: &[Block]) -> Vec<Block> {
        blocks.iter().map(|b| self.block(b)).collect()
    }

    fn block(&mut self, block: &Block) -> Block {
        let kind = match &block.kind {
            BlockKind::Paragraph(inlines) => {
                let mut counting = Counting::default();
                let inlines = self.whole_run(inlines, &mut counting);
                if !counting.added.is_empty() {
                    self.added.insert(block.pos, counting.added);
                }
                BlockKind::Paragraph(inlines)
            }
            BlockKind::List(list) => {
                let mut list = list.clone();
                for item in &mut list.items {
                    item.blocks = self.blocks(&item.blocks);
                }
                BlockKind::List(list)
            }
            BlockKind::BlockQuote { callout, blocks } => BlockKind::BlockQuote {
                callout: *callout,
                blocks: self.blocks(blocks),
            },
            BlockKind::Div {
                id,
                classes,
                lang,
                blocks,
            } => BlockKind::Div {
                id: id.clone(),
                classes: classes.clone(),
                lang: lang.clone(),
                blocks: self.blocks(blocks),
            },
            BlockKind::DefinitionList(definitions) => {
                let mut definitions = definitions.clone();
                for definition in &mut definitions {
                    // A term's text begins at its block's start: its words are not counted.
                    definition.term = self.whole_run(&definition.term, &mut Counting::default());
                    for detail in &mut definition.details {
                        *detail = self.blocks(detail);
                    }
                }
                BlockKind::DefinitionList(definitions)
            }
            BlockKind::Table(table) => {
                let mut table = table.clone();
                for cell in table
                    .header
                    .iter_mut()
                    .chain(table.rows.iter_mut().flatten())
                {
                    *cell = self.whole_run(cell, &mut Counting::default());
                }
                BlockKind::Table(table)
            }
            other => other.clone(),
        };
        Block {
            kind,
            pos: block.pos,
        }
    }

    /// A run that ends its block: the marks due at its end follow it.
    fn whole_run(&mut self, inlines: &[Inline], counting: &mut Counting) -> Vec<Inline> {
        let Run { mut inlines, due } = self.run(inlines, counting);
        put_marks(due, &mut inlines, counting);
        inlines
    }

    fn run(&mut self, inlines: &[Inline], counting: &mut Counting) -> Run {
        let mut out = Vec::with_capacity(inlines.len() + 1);
        let mut due: Vec<Inline> = Vec::new();
        for inline in inlines {
            let marks = std::mem::take(&mut due);
            if let Inline::Text(text) = inline
                && !marks.is_empty()
            {
                let split = match self.place {
                    MarkPlace::AfterPunctuation => closing_prefix(text),
                    MarkPlace::BeforePunctuation => 0,
                };
                let (head, tail) = text.split_at(split);
                if !head.is_empty() {
                    counting.read_own(head);
                    out.push(Inline::Text(head.to_string()));
                }
                put_marks(marks, &mut out, counting);
                if !tail.is_empty() {
                    counting.read_own(tail);
                    out.push(Inline::Text(tail.to_string()));
                }
                continue;
            }
            put_marks(marks, &mut out, counting);
            match inline {
                Inline::Text(t) | Inline::Code(t) | Inline::RawHtml(t) => counting.read_own(t),
                Inline::FootnoteRef { number, .. } => counting.read_own(&number.to_string()),
                Inline::LineBreak => counting.gap(),
                Inline::Image(_) => {}
                Inline::Link {
                    target,
                    title,
                    content,
                    pos,
                } => {
                    let inner = self.run(content, counting);
                    out.push(Inline::Link {
                        target: target.clone(),
                        title: title.clone(),
                        content: inner.inlines,
                        pos: *pos,
                    });
                    due = inner.due;
                    if let LinkTarget::External(url) = target
                        && !is_its_address(&crate::model::plain_text(content), url)
                    {
                        due.push(self.mark(url, *pos));
                    }
                    continue;
                }
                Inline::Emphasis(_)
                | Inline::Strong(_)
                | Inline::Strikethrough(_)
                | Inline::Superscript(_)
                | Inline::Subscript(_)
                | Inline::Span(_) => {
                    let inner = self.run(content_of(inline).unwrap_or_default(), counting);
                    out.push(with_content(inline, inner.inlines));
                    due = inner.due;
                    continue;
                }
            }
            out.push(inline.clone());
        }
        Run { inlines: out, due }
    }

    /// A new note's mark, for the link to `url` at `pos`.
    fn mark(&mut self, url: &str, pos: Pos) -> Inline {
        let number = self.first_number + self.urls.len() as u32;
        self.urls.push((url.to_string(), pos));
        Inline::FootnoteRef {
            label: String::new(),
            number,
            pos,
        }
    }
}

/// Put `marks` at the end of `out`, counting the words they add.
fn put_marks(marks: Vec<Inline>, out: &mut Vec<Inline>, counting: &mut Counting) {
    for mark in marks {
        if let Inline::FootnoteRef { number, .. } = &mark {
            counting.read_mark(&number.to_string());
        }
        out.push(mark);
    }
}

/// `inline` (which holds inlines) holding `content` instead.
fn with_content(inline: &Inline, content: Vec<Inline>) -> Inline {
    match inline {
        Inline::Emphasis(_) => Inline::Emphasis(content),
        Inline::Strong(_) => Inline::Strong(content),
        Inline::Strikethrough(_) => Inline::Strikethrough(content),
        Inline::Superscript(_) => Inline::Superscript(content),
        Inline::Subscript(_) => Inline::Subscript(content),
        Inline::Span(span) => Inline::Span(crate::model::Span {
            content,
            ..span.clone()
        }),
        other => other.clone(),
    }
}
