//! Markdown lowered into the document model: pulldown-cmark's events, with tables, footnotes,
//! strikethrough, task lists, smart punctuation, heading attributes, definition lists, GitHub
//! alerts and YAML front matter switched on, folded into `model::Block`s and `model::Inline`s.
//!
//! Beyond pulldown-cmark: pandoc's fenced divs (`divs`, rewritten line for line before the
//! parse), bracketed spans (`spans`), implicit heading references (a second parse when a file
//! has one), scripts inside words (`scripts`), and the inline HTML of an allow-list (`html`).
//!
//! Nothing is dropped silently: other raw HTML is kept as literal text and reported, an
//! undefined reference link is reported, a footnote that is never referenced is reported and
//! kept.
//! Links are left as written (`LinkTarget::External(dest)`); `load` resolves the ones that point
//! inside the book once every chapter is known.
//!
//! The lowering keeps a stack of open containers (`stack`); `events` opens and closes them as
//! pulldown-cmark's events arrive, and a closed container becomes its block or inline in the
//! module of its construct: `blocks`, `lists` (lists and definition lists), `tables` and
//! `inlines`. `front_matter` reads the few fields the loader takes from YAML front matter.

mod attributes;
mod blocks;
mod divs;
mod events;
mod front_matter;
mod html;
mod inlines;
mod lists;
pub mod punctuation;
mod scripts;
mod spans;
mod stack;
mod tables;

use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser};

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::{Block, BlockKind, Pos};

pub use front_matter::front_matter_fields;
use stack::Lowering;

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
        | Options::ENABLE_GFM
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
}

/// Lower one Markdown file. `file` is used for diagnostics only.
pub fn lower(file: &Path, text: &str, diags: &mut Diagnostics) -> Document {
    let front_matter = front_matter::split_front_matter(text);
    let text = front_matter.as_ref().map_or(text, |f| f.body.as_str());
    let rewritten = divs::rewrite_divs(text);
    let text: &str = &rewritten.text;
    // A `[Heading text]` with no link definition is pandoc's implicit reference to that
    // heading: when the file has one, it is read again with those references defined.
    let mut first_pass = Diagnostics::new();
    let (mut document, broken) = parse(file, text, &HeadingTargets::default(), &mut first_pass);
    let targets = HeadingTargets::of(&document, &broken);
    if targets.is_empty() {
        for diagnostic in first_pass.items() {
            diags.push(diagnostic.clone());
        }
    } else {
        document = parse(file, text, &targets, diags).0;
    }
    divs::group_divs(&mut document.blocks, &rewritten.divs);
    scripts::split_scripts(&mut document.blocks);
    spans::split_spans(&mut document.blocks);
    for (_, blocks, _) in &mut document.footnotes {
        scripts::split_scripts(blocks);
        spans::split_spans(blocks);
    }
    document.front_matter = front_matter.map(|f| f.yaml);
    document
}

/// A link label with no definition, where it is.
struct BrokenLabel {
    offset: usize,
    label: String,
    /// `[text][label]` or `[label][]`, reported when left undefined; a lone `[label]` is not.
    reported: bool,
}

/// The headings implicit references name: a label's normal form -> `#id`.
#[derive(Default)]
struct HeadingTargets {
    by_label: std::collections::HashMap<String, String>,
}

impl HeadingTargets {
    /// The headings of `document` that some label of `broken` names.
    fn of(document: &Document, broken: &[BrokenLabel]) -> Self {
        let mut by_label = std::collections::HashMap::new();
        if broken.is_empty() {
            return HeadingTargets { by_label };
        }
        let wanted: std::collections::HashSet<String> =
            broken.iter().map(|b| label_key(&b.label)).collect();
        for block in &document.blocks {
            if let BlockKind::Heading(h) = &block.kind {
                let key = label_key(&h.text());
                if wanted.contains(&key) {
                    by_label.entry(key).or_insert_with(|| format!("#{}", h.id));
                }
            }
        }
        HeadingTargets { by_label }
    }

    fn is_empty(&self) -> bool {
        self.by_label.is_empty()
    }

    fn get(&self, label: &str) -> Option<&String> {
        self.by_label.get(&label_key(label))
    }
}

/// Labels and heading texts compared as their ids: case, spaces and punctuation aside.
fn label_key(text: &str) -> String {
    crate::slug::github_id(text)
}

/// One reading of the file, with `targets` defining implicit heading references; the document
/// and the labels left undefined (the undefined references reported).
fn parse(
    file: &Path,
    text: &str,
    targets: &HeadingTargets,
    diags: &mut Diagnostics,
) -> (Document, Vec<BrokenLabel>) {
    let mut broken: Vec<BrokenLabel> = Vec::new();
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        // `[text]{#id}` is a bracketed span, not a reference.
        let is_span = text[link.span.end..].starts_with('{');
        if !is_span && let Some(dest) = targets.get(&link.reference) {
            return Some((dest.clone().into(), "".into()));
        }
        broken.push(BrokenLabel {
            offset: link.span.start,
            label: link.reference.to_string(),
            reported: matches!(link.link_type, LinkType::Reference | LinkType::Collapsed),
        });
        None
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));
    let mut lowering = Lowering::new(file, LineIndex::new(text), diags);
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = parser.into_offset_iter().collect();
    for (event, range) in events {
        lowering.event(event, range.start);
    }
    for broken in broken.iter().filter(|b| b.reported) {
        let (line, column) = lowering.lines.line_column(broken.offset);
        let location = Location::new(file, line, column);
        let reference = &broken.label;
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
    (lowering.finish(), broken)
}

#[cfg(test)]
mod constructs_tests;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, Inline};

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
