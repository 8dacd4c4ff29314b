//! One small fixture per Markdown construct, and the model it produces.

use std::path::Path;

use super::{Document, lower};
use crate::Diagnostics;
use crate::model::{
    Alignment, Block, BlockKind, Callout, Heading, Inline, LinkTarget, List, Pos, Span, SpanKind,
    Table,
};

fn doc(text: &str) -> (Document, Diagnostics) {
    let mut diags = Diagnostics::new();
    let d = lower(Path::new("fixture.md"), text, &mut diags);
    (d, diags)
}

fn kinds(text: &str) -> Vec<BlockKind> {
    doc(text).0.blocks.into_iter().map(|b| b.kind).collect()
}

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn para(inlines: Vec<Inline>) -> BlockKind {
    BlockKind::Paragraph(inlines)
}

#[test]
fn headings_get_stable_unique_ids_and_explicit_ones() {
    let k = kinds("# Title\n\n## Job Outlook\n\n## Job Outlook\n\n### Custom {#my-id .wide}\n");
    let ids: Vec<(u8, String)> = k
        .iter()
        .map(|b| match b {
            BlockKind::Heading(Heading { level, id, .. }) => (*level, id.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        ids,
        [
            (1, "title".into()),
            (2, "job-outlook".into()),
            (2, "job-outlook-1".into()),
            (3, "my-id".into())
        ]
    );
    let BlockKind::Heading(h) = &k[3] else {
        panic!()
    };
    assert_eq!(h.classes, ["wide"]);
    assert_eq!(h.content, [t("Custom")]);
}

#[test]
fn paragraphs_merge_adjacent_text_and_soft_breaks() {
    assert_eq!(
        kinds("one\ntwo &amp; three\n"),
        [para(vec![t("one two & three")])]
    );
}

#[test]
fn emphasis_strong_strikethrough_and_code() {
    assert_eq!(
        kinds("*a* **b** ~~c~~ `d`\n"),
        [para(vec![
            Inline::Emphasis(vec![t("a")]),
            t(" "),
            Inline::Strong(vec![t("b")]),
            t(" "),
            Inline::Strikethrough(vec![t("c")]),
            t(" "),
            Inline::Code("d".into()),
        ])]
    );
}

#[test]
fn hard_breaks_are_kept() {
    assert_eq!(
        kinds("a\\\nb\n"),
        [para(vec![t("a"), Inline::LineBreak, t("b")])]
    );
}

#[test]
fn links_keep_destination_title_and_position() {
    let (d, _) = doc("text\n\nsee [the site](https://x.org \"X\")\n");
    let BlockKind::Paragraph(inlines) = &d.blocks[1].kind else {
        panic!()
    };
    assert_eq!(
        inlines[1],
        Inline::Link {
            target: LinkTarget::External("https://x.org".into()),
            title: "X".into(),
            content: vec![t("the site")],
            pos: Pos { line: 3, column: 5 },
        }
    );
}

#[test]
fn nested_ordered_and_unordered_lists() {
    let k = kinds("3. a\n4. b\n   - c\n   - d\n");
    let [
        BlockKind::List(List {
            start: Some(3),
            tight: true,
            items,
        }),
    ] = k.as_slice()
    else {
        panic!("{k:?}")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].blocks[0].kind, para(vec![t("b")]));
    let BlockKind::List(inner) = &items[1].blocks[1].kind else {
        panic!()
    };
    assert_eq!(inner.start, None);
    assert_eq!(inner.items.len(), 2);
}

#[test]
fn task_list_items_know_their_state() {
    let k = kinds("- [x] done\n- [ ] todo\n");
    let [BlockKind::List(list)] = k.as_slice() else {
        panic!()
    };
    let tasks: Vec<Option<bool>> = list.items.iter().map(|i| i.task).collect();
    assert_eq!(tasks, [Some(true), Some(false)]);
}

#[test]
fn block_quotes_and_callouts() {
    let k = kinds("> quoted\n\n> [!WARNING]\n> careful\n");
    assert_eq!(
        k[0],
        BlockKind::BlockQuote {
            callout: None,
            blocks: vec![Block {
                kind: para(vec![t("quoted")]),
                pos: Pos { line: 1, column: 3 }
            }]
        }
    );
    let BlockKind::BlockQuote { callout, blocks } = &k[1] else {
        panic!()
    };
    assert_eq!(*callout, Some(Callout::Warning));
    assert_eq!(blocks[0].kind, para(vec![t("careful")]));
}

#[test]
fn code_blocks_keep_language_and_text() {
    assert_eq!(
        kinds("```rust {.numbered}\nfn x() {}\n```\n\n    indented\n"),
        [
            BlockKind::CodeBlock {
                language: Some("rust".into()),
                code: "fn x() {}\n".into()
            },
            BlockKind::CodeBlock {
                language: None,
                code: "indented\n".into()
            },
        ]
    );
}

#[test]
fn tables_keep_alignment_header_and_rows() {
    let k = kinds("| a | b | c |\n|:--|:-:|--:|\n| 1 | **2** | 3 |\n");
    assert_eq!(
        k,
        [BlockKind::Table(Table {
            alignments: vec![Alignment::Left, Alignment::Center, Alignment::Right],
            header: vec![vec![t("a")], vec![t("b")], vec![t("c")]],
            rows: vec![vec![
                vec![t("1")],
                vec![Inline::Strong(vec![t("2")])],
                vec![t("3")]
            ]],
        })]
    );
}

#[test]
fn an_image_alone_is_a_figure_with_alt_text_and_title() {
    let k = kinds("![A *lab* photo](img/lab.png \"The lab\")\n\ntext ![icon](i.png) inline\n");
    let BlockKind::Figure(image) = &k[0] else {
        panic!("{k:?}")
    };
    assert_eq!(
        (image.src.as_str(), image.alt.as_str(), image.title.as_str()),
        ("img/lab.png", "A lab photo", "The lab")
    );
    let BlockKind::Paragraph(inlines) = &k[1] else {
        panic!()
    };
    assert!(matches!(&inlines[1], Inline::Image(i) if i.alt == "icon"));
}

#[test]
fn footnotes_are_referenced_by_label_and_defined_once() {
    let (d, _) = doc("text[^n] more\n\n[^n]: the note\n");
    let BlockKind::Paragraph(inlines) = &d.blocks[0].kind else {
        panic!()
    };
    assert!(matches!(&inlines[1], Inline::FootnoteRef { label, .. } if label == "n"));
    assert_eq!(d.footnotes.len(), 1);
    assert_eq!(d.footnotes[0].0, "n");
    assert_eq!(d.footnotes[0].1[0].kind, para(vec![t("the note")]));
}

#[test]
fn thematic_breaks() {
    assert_eq!(kinds("a\n\n---\n\nb\n")[1], BlockKind::ThematicBreak);
}

#[test]
fn definition_lists() {
    let k = kinds("Term\n: first meaning\n: second meaning\n");
    let [BlockKind::DefinitionList(defs)] = k.as_slice() else {
        panic!("{k:?}")
    };
    assert_eq!(defs[0].term, [t("Term")]);
    assert_eq!(defs[0].details.len(), 2);
    assert_eq!(defs[0].details[1][0].kind, para(vec![t("second meaning")]));
}

#[test]
fn superscript_and_subscript() {
    assert_eq!(
        kinds("x ^2^ and H ~2~ O\n"),
        [para(vec![
            t("x "),
            Inline::Superscript(vec![t("2")]),
            t(" and H "),
            Inline::Subscript(vec![t("2")]),
            t(" O")
        ])]
    );
}

#[test]
fn raw_html_is_kept_as_text_and_reported_with_its_line() {
    let (d, diags) = doc("para\n\n<div class=\"x\">block</div>\n\nsome <q>quoted</q>\n");
    assert_eq!(
        d.blocks[1].kind,
        BlockKind::RawHtml("<div class=\"x\">block</div>".into())
    );
    let BlockKind::Paragraph(inlines) = &d.blocks[2].kind else {
        panic!()
    };
    assert_eq!(inlines[1], Inline::RawHtml("<q>".into()));
    let lines: Vec<u32> = diags
        .items()
        .iter()
        .map(|d| d.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, [3, 5, 5]);
    assert!(
        diags.items()[0]
            .to_string()
            .starts_with("fixture.md:3:1: warning: raw HTML")
    );
}

#[test]
fn undefined_reference_links_are_reported() {
    let (d, diags) = doc("see [this][nowhere] and [TEMPLATE]\n");
    assert_eq!(
        d.blocks[0].kind,
        para(vec![t("see [this][nowhere] and [TEMPLATE]")])
    );
    assert_eq!(diags.items().len(), 1, "{diags:?}");
    assert!(diags.items()[0].message.contains("[nowhere]"));
}
#[test]
fn a_dashed_block_after_the_start_is_markdown_not_metadata() {
    let (d, _) = doc("# T\n\n---\nA para\n---\n\nEnd.\n");
    assert!(d.front_matter.is_none());
    let text = crate::model::block_text(&d.blocks);
    assert!(text.contains("A para"), "{text}");
    let (d, _) = doc("---\ntitle: Book\n---\n\n# T\n");
    assert_eq!(d.front_matter.as_deref(), Some("title: Book\n"));
    assert_eq!(d.blocks[0].pos.line, 5);
    let (d, _) = doc("---\nJust a paragraph\n---\n");
    assert!(d.front_matter.is_none());
    assert!(crate::model::block_text(&d.blocks).contains("Just a paragraph"));
}

#[test]
fn scripts_inside_words_and_in_footnotes() {
    let (d, _) = doc("H~2~O[^n]\n\n[^n]: x^2^\n");
    assert_eq!(
        d.blocks[0].kind,
        para(vec![
            t("H"),
            Inline::Subscript(vec![t("2")]),
            t("O"),
            Inline::FootnoteRef {
                label: "n".into(),
                number: 0,
                pos: Pos { line: 1, column: 6 }
            }
        ])
    );
    assert_eq!(
        d.footnotes[0].1[0].kind,
        para(vec![t("x"), Inline::Superscript(vec![t("2")])])
    );
}

fn span(kind: SpanKind, content: Vec<Inline>) -> Inline {
    Inline::Span(Span {
        kind,
        id: None,
        classes: Vec::new(),
        lang: None,
        title: None,
        content,
    })
}

#[test]
fn allow_listed_html_becomes_inlines_and_the_rest_stays_escaped() {
    let (d, diags) = doc(
        "Press <kbd>S</kbd>, x<sup>2</sup>, <b>bold</b><br>and <abbr title=\"HyperText\" onclick=\"x()\">HTML</abbr> <img src=x onerror=y>.\n",
    );
    let BlockKind::Paragraph(inlines) = &d.blocks[0].kind else {
        panic!("{:?}", d.blocks)
    };
    assert_eq!(inlines[1], span(SpanKind::Keyboard, vec![t("S")]));
    assert_eq!(inlines[3], Inline::Superscript(vec![t("2")]));
    assert_eq!(inlines[5], Inline::Strong(vec![t("bold")]));
    assert_eq!(inlines[6], Inline::LineBreak);
    let Inline::Span(abbr) = &inlines[8] else {
        panic!("{inlines:?}")
    };
    assert_eq!(abbr.title.as_deref(), Some("HyperText"));
    assert!(matches!(&inlines[10], Inline::RawHtml(h) if h.starts_with("<img")));
    let messages: Vec<&str> = diags.items().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("<abbr>: attribute onclick left out"));
    assert!(messages[1].contains("raw HTML `<img"));
}

#[test]
fn an_unclosed_element_keeps_its_text_with_a_warning() {
    let (d, diags) = doc("Press <kbd>S and go.\n");
    assert_eq!(crate::model::block_text(&d.blocks), "Press S and go.\n");
    assert!(diags.items()[0].message.contains("<kbd> is not closed"));
}

#[test]
fn implicit_references_link_to_their_heading() {
    let (d, diags) = doc(
        "# Title\n\n## Heading identifiers\n\nSee [Heading identifiers] and [this][heading identifiers]; [not a heading] stays.\n",
    );
    let BlockKind::Paragraph(inlines) = &d.blocks[2].kind else {
        panic!()
    };
    let targets: Vec<String> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link {
                target: LinkTarget::External(dest),
                ..
            } => Some(dest.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(targets, ["#heading-identifiers", "#heading-identifiers"]);
    assert!(crate::model::block_text(&d.blocks).contains("[not a heading] stays."));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn fenced_divs_are_alerts_or_plain_blocks_and_spans_carry_ids() {
    let (d, _) = doc(
        "::: {.warning #hot}\nThe iron is [hot]{.temp lang=fr}.\n:::\n\n::: sidebar\nAside.\n:::\n",
    );
    let BlockKind::BlockQuote {
        callout: Some(Callout::Warning),
        blocks,
    } = &d.blocks[0].kind
    else {
        panic!("{:?}", d.blocks)
    };
    let BlockKind::Paragraph(inlines) = &blocks[0].kind else {
        panic!()
    };
    let ids: Vec<&str> = crate::model::span_ids_in(inlines);
    assert_eq!(ids, ["hot"]);
    let Some(Inline::Span(temp)) = inlines
        .iter()
        .find(|i| matches!(i, Inline::Span(s) if s.id.is_none()))
    else {
        panic!("{inlines:?}")
    };
    assert_eq!(temp.classes, ["temp"]);
    assert_eq!(temp.lang.as_deref(), Some("fr"));
    assert_eq!(
        d.blocks[1].kind,
        BlockKind::Div {
            id: None,
            classes: vec!["sidebar".into()],
            lang: None,
            blocks: vec![Block {
                kind: para(vec![t("Aside.")]),
                pos: Pos { line: 6, column: 1 }
            }],
        }
    );
}
