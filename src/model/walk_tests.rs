use std::path::{Path, PathBuf};

use super::*;
use crate::diagnostic::Diagnostics;
use crate::model::{ChapterKind, Footnote, Pos};

/// A chapter holding one of every container, each with a word saying where it is.
const EVERY_CONTAINER: &str = "\
opening *emphasis* [**link**](other.md) ![inline](a.png)

- item

> [!NOTE]
> alert

> quote

| head |
|------|
| cell |

term
: detail

second-term
: second-detail

![figure](b.png)

text[^n]

[^n]: footnote
";

/// Every word of `EVERY_CONTAINER`'s text (the footnote's last), in reading order; the images'
/// alt texts are checked on their own.
const READING_ORDER: [&str; 14] = [
    "opening",
    "emphasis",
    "link",
    "item",
    "alert",
    "quote",
    "head",
    "cell",
    "term",
    "detail",
    "second-term",
    "second-detail",
    "text",
    "footnote",
];

/// A chapter made of `markdown`, its footnotes numbered in the order they are defined.
pub(crate) fn chapter(markdown: &str) -> Chapter {
    let mut diags = Diagnostics::new();
    let document = crate::markdown::lower(Path::new("t.md"), markdown, &mut diags);
    let footnotes = document
        .footnotes
        .into_iter()
        .enumerate()
        .map(|(i, (label, blocks, pos))| Footnote::numbered(label, i as u32 + 1, blocks, pos))
        .collect();
    Chapter {
        kind: ChapterKind::Chapter,
        source: PathBuf::from("t.md"),
        file_name: "t.md".into(),
        slug: "t".into(),
        title: Vec::new(),
        title_id: "t".into(),
        short_title: "t".into(),
        number: Some(1),
        blocks: document.blocks,
        footnotes,
        pos: Pos::default(),
        nesting: Default::default(),
    }
}

fn words(texts: impl IntoIterator<Item = String>) -> Vec<String> {
    texts
        .into_iter()
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn expected_words() -> Vec<String> {
    READING_ORDER.iter().map(|w| w.to_string()).collect()
}

fn text_of(inline: &Inline) -> Option<String> {
    match inline {
        Inline::Text(text) => Some(text.clone()),
        _ => None,
    }
}

#[test]
fn the_walk_reaches_every_container_in_reading_order() {
    let chapter = chapter(EVERY_CONTAINER);
    let texts = chapter
        .walk()
        .nodes()
        .filter_map(|node| node.inline().and_then(text_of));
    assert_eq!(words(texts), expected_words());
}

#[test]
fn the_mutable_walk_goes_in_the_same_order() {
    let mut chapter = chapter(EVERY_CONTAINER);
    struct Texts(Vec<String>);
    impl VisitMut for Texts {
        fn inline(&mut self, inline: &mut Inline) {
            self.0.extend(text_of(inline));
        }
    }
    let mut texts = Texts(Vec::new());
    chapter.walk_mut(&mut texts);
    assert_eq!(words(texts.0), expected_words());
}

#[test]
fn the_walk_passes_through_each_kind_of_container() {
    let chapter = chapter(EVERY_CONTAINER);
    let nodes: Vec<Node> = chapter.walk().nodes().collect();
    let count = |is: fn(&Node) -> bool| nodes.iter().filter(|n| is(n)).count();
    assert_eq!(count(|n| matches!(n, Node::Footnote(_))), 1);
    assert_eq!(count(|n| matches!(n, Node::ListItem(_))), 1);
    assert_eq!(count(|n| matches!(n, Node::Cell(_))), 2);
    assert_eq!(count(|n| matches!(n, Node::Definition(_))), 2);
    assert_eq!(count(|n| matches!(n, Node::Term(_))), 2);
    assert_eq!(count(|n| matches!(n, Node::Details(_))), 2);
    let alerts = nodes.iter().filter_map(|n| n.block()).filter(|b| {
        matches!(
            b.kind,
            BlockKind::BlockQuote {
                callout: Some(_),
                ..
            }
        )
    });
    assert_eq!(alerts.count(), 1);
    let links = nodes.iter().filter_map(|n| n.inline());
    assert_eq!(
        links.filter(|i| matches!(i, Inline::Link { .. })).count(),
        1
    );
}

#[test]
fn figures_and_inline_images_are_images_in_reading_order() {
    let chapter = chapter(EVERY_CONTAINER);
    let alts: Vec<&str> = chapter
        .walk()
        .nodes()
        .filter_map(|node| node.image())
        .map(|image| image.alt.as_str())
        .collect();
    assert_eq!(alts, ["inline", "figure"]);
}

#[test]
fn a_node_is_left_after_everything_it_holds() {
    let chapter = chapter("*a* b\n");
    let steps: Vec<String> = walk_blocks(&chapter.blocks)
        .map(|event| {
            let (step, node) = match event {
                Event::Enter(node) => ("enter", node),
                Event::Leave(node) => ("leave", node),
            };
            let what = match node {
                Node::Block(_) => "paragraph".to_string(),
                Node::Inline(Inline::Emphasis(_)) => "emphasis".to_string(),
                Node::Inline(inline) => text_of(inline).unwrap_or_default(),
                _ => "other".to_string(),
            };
            format!("{step} {}", what.trim())
        })
        .collect();
    let expected = [
        "enter paragraph",
        "enter emphasis",
        "enter a",
        "leave a",
        "leave emphasis",
        "enter b",
        "leave b",
        "leave paragraph",
    ];
    assert_eq!(steps, expected);
}

#[test]
fn the_mutable_walk_goes_into_what_a_hook_leaves() {
    // Replacing each emphasis by its content: the walk then reaches the content's inlines.
    struct Unwrap(Vec<String>);
    impl VisitMut for Unwrap {
        fn inlines(&mut self, inlines: &mut Vec<Inline>) {
            let mut out = Vec::new();
            for inline in std::mem::take(inlines) {
                match inline {
                    Inline::Emphasis(content) => out.extend(content),
                    other => out.push(other),
                }
            }
            *inlines = out;
        }
        fn inline(&mut self, inline: &mut Inline) {
            assert!(!matches!(inline, Inline::Emphasis(_)));
            self.0.extend(text_of(inline));
        }
    }
    let mut chapter = chapter("x *y **z***\n");
    let mut unwrap = Unwrap(Vec::new());
    chapter.walk_mut(&mut unwrap);
    assert_eq!(words(unwrap.0), ["x", "y", "z"]);
}

#[test]
fn every_inline_of_blocks_is_given_to_the_closure() {
    let mut chapter = chapter("a [b *c*](x.md)\n\n> d\n");
    let mut seen = Vec::new();
    for_each_inline_mut(&mut chapter.blocks, |inline| seen.extend(text_of(inline)));
    assert_eq!(words(seen), ["a", "b", "c", "d"]);
}

#[test]
fn an_inline_walk_covers_nested_content() {
    let chapter = chapter("a **b ~~c~~** d\n");
    let BlockKind::Paragraph(inlines) = &chapter.blocks[0].kind else {
        panic!("a paragraph");
    };
    let texts = walk_inlines(inlines)
        .nodes()
        .filter_map(|n| n.inline().and_then(text_of));
    assert_eq!(words(texts), ["a", "b", "c", "d"]);
}
