//! The guide in `book/` as a document model: chapters in order, kinds, headings, the FAQ's
//! questions, the resources, and every sentence of the source text, word for word.

mod common;

use quire::Diagnostics;
use quire::model::{Block, BlockKind, Book, ChapterKind, Inline, block_text};

fn guide() -> Book {
    let mut diags = Diagnostics::new();
    let book = quire::load_book(&common::repo_root().join("book"), &mut diags)
        .unwrap_or_else(|_| panic!("the guide loads: {diags:?}"));
    assert!(
        diags.is_empty(),
        "the guide loads without warnings: {diags:?}"
    );
    book
}

/// Curly quotes to straight, runs of whitespace to one space.
fn normalize(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn chapters_are_in_the_guides_order_with_their_kinds() {
    let book = guide();
    let titles: Vec<(ChapterKind, String)> = book
        .chapters
        .iter()
        .map(|c| (c.kind, c.title_text()))
        .collect();
    let expected = [
        (
            ChapterKind::Chapter,
            "Introduction: Exploring the Medical Technician Career Path",
        ),
        (
            ChapterKind::Chapter,
            "Understanding the Role: Medical Technician Duties Explained",
        ),
        (
            ChapterKind::Chapter,
            "Pathways to Becoming a Medical Technician: Education and Certification",
        ),
        (
            ChapterKind::Chapter,
            "Skills and Qualities Essential for a Medical Technician",
        ),
        (
            ChapterKind::Chapter,
            "Specialization Options within the Medical Technician Field",
        ),
        (
            ChapterKind::Chapter,
            "Work Environment and Job Outlook for Medical Technicians",
        ),
        (
            ChapterKind::Chapter,
            "Advancing Your Medical Technician Career",
        ),
        (
            ChapterKind::Chapter,
            "Conclusion: Is a Medical Technician Career Right for You?",
        ),
        (
            ChapterKind::Appendix,
            "FAQs About Becoming a Medical Technician",
        ),
        (ChapterKind::Back, "Additional Resources"),
        (ChapterKind::Back, "About this guide"),
    ];
    let expected: Vec<(ChapterKind, String)> =
        expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
    assert_eq!(titles, expected);
    let numbers: Vec<Option<u32>> = book.chapters.iter().map(|c| c.number).collect();
    assert_eq!(
        numbers[..9],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
            Some(6),
            Some(7),
            Some(8),
            Some(1)
        ]
    );
    assert_eq!(
        book.chapters[8].label(&book.strings).as_deref(),
        Some("Appendix A")
    );
    assert_eq!(book.chapters[0].short_title, "Introduction");
}

#[test]
fn inline_subheadings_are_level_two_headings() {
    let book = guide();
    let headings: Vec<String> = book
        .chapters
        .iter()
        .take(8)
        .flat_map(|c| {
            c.headings().into_iter().map(|(h, _)| {
                assert_eq!(h.level, 2, "{}", h.text());
                h.text()
            })
        })
        .collect();
    assert_eq!(
        headings,
        [
            "Key Responsibilities of a Medical Technician",
            "Educational Requirements for Medical Technicians",
            "Certification and Licensing",
            "Job Outlook",
            "Salary Expectations",
            "From Technician to Technologist",
            "Continuing Education",
        ]
    );
}

#[test]
fn the_faq_appendix_has_five_questions_each_with_its_answer() {
    let book = guide();
    let faq = &book.chapters[8];
    let questions: Vec<String> = faq.headings().iter().map(|(h, _)| h.text()).collect();
    assert_eq!(questions.len(), 5);
    assert!(questions.iter().all(|q| q.ends_with('?')));
    assert_eq!(
        questions[1],
        "Can you become a medical lab technician without a degree?"
    );
    // Each heading is directly followed by its answer paragraph.
    for pair in faq.blocks.chunks(2) {
        assert!(matches!(pair[0].kind, BlockKind::Heading(_)));
        assert!(matches!(pair[1].kind, BlockKind::Paragraph(_)));
    }
}

#[test]
fn the_resource_list_has_six_entries_and_no_invented_addresses() {
    let book = guide();
    let resources = &book.chapters[9];
    let [
        Block {
            kind: BlockKind::List(list),
            ..
        },
    ] = resources.blocks.as_slice()
    else {
        panic!("the resources are one list: {:?}", resources.blocks)
    };
    assert_eq!(list.items.len(), 6);
    assert_eq!(
        block_text(&list.items[1].blocks).trim(),
        "Medical Technician Job Description [TEMPLATE] | Workforce.com"
    );
    let text = format!("{:?}", resources.blocks);
    assert!(
        !text.contains("Link"),
        "no links were invented for the resources"
    );
}

#[test]
fn label_bullets_become_items_with_a_bold_label() {
    let book = guide();
    let role = &book.chapters[1];
    let list = role
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::List(l) => Some(l),
            _ => None,
        })
        .expect("a list of responsibilities");
    assert_eq!(list.items.len(), 5);
    let BlockKind::Paragraph(inlines) = &list.items[0].blocks[0].kind else {
        panic!()
    };
    assert_eq!(
        inlines[0],
        Inline::Strong(vec![Inline::Text("Laboratory Testing:".into())])
    );
}

#[test]
fn every_sentence_of_the_source_is_in_the_model_word_for_word() {
    let book = guide();
    let carried = normalize(&book.text());
    let source = common::guide_source();
    let mut checked = 0;
    // The first nine lines are the outline: the tools generate the table of contents instead.
    for line in source.lines().skip(9) {
        let line = line.trim().trim_start_matches("- ").trim();
        if line.is_empty() || line == "-" {
            continue;
        }
        assert!(
            carried.contains(&normalize(line)),
            "missing from the model: {line}"
        );
        checked += 1;
    }
    assert!(checked > 60, "checked {checked} lines");
}

#[test]
fn internal_links_resolve_to_chapters_and_anchors() {
    let book = guide();
    let mut targets = Vec::new();
    for chapter in &book.chapters {
        let mut blocks = chapter.blocks.clone();
        collect_links(&mut blocks, &mut targets);
    }
    use quire::model::LinkTarget;
    assert!(targets.contains(&LinkTarget::Internal {
        chapter: 2,
        anchor: None
    }));
    assert!(targets.contains(&LinkTarget::Internal {
        chapter: 8,
        anchor: Some("what-are-some-common-specializations-for-medical-technicians".into())
    }));
    assert!(targets.contains(&LinkTarget::External(
        "https://fastcareertraining.com".into()
    )));
}

fn collect_links(blocks: &mut [Block], out: &mut Vec<quire::model::LinkTarget>) {
    fn inlines(list: &[Inline], out: &mut Vec<quire::model::LinkTarget>) {
        for inline in list {
            if let Inline::Link { target, .. } = inline {
                out.push(target.clone());
            }
        }
    }
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(i) => inlines(i, out),
            BlockKind::List(l) => {
                for item in &l.items {
                    collect_links(&mut item.blocks.clone(), out);
                }
            }
            _ => {}
        }
    }
}
