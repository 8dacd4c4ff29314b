//! The tagged PDF, read back: what veraPDF does not check (`tests/validators.rs` runs it).
//! Every painting operator is inside marked content or an artifact, every MCID belongs to one
//! element, the headings, contents, links and reading order are the model's, and the PDF's
//! structure says what the EPUB's XHTML says. Each book is built once for all the tests.

mod common;
#[path = "pdf/read.rs"]
mod read;
#[path = "tagged/tree.rs"]
mod tree;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lopdf::{Document, Object};
use quire::Diagnostics;
use quire::model::{BlockKind, Book, ChapterKind};
use tree::{Element, Kid, Marked};

/// The books the tests read: the guide, the construct fixture, the accessibility fixture, the
/// fixture of what authors put in books (highlighted code, figures, SVG) and the one whose
/// external links print their addresses in footnotes.
const BOOKS: [&str; 5] = [
    "book",
    "tests/fixtures/mini",
    "tests/fixtures/accessible",
    "tests/fixtures/authors",
    LINK_NOTES,
];

/// The book in `[links] show-urls = "footnote"`.
const LINK_NOTES: &str = "tests/fixtures/link-notes";

struct Built {
    book: Book,
    doc: Document,
    structure: Vec<Element>,
    marked: Marked,
}

fn built(which: usize) -> &'static Built {
    static BUILT: [OnceLock<Built>; BOOKS.len()] = [const { OnceLock::new() }; BOOKS.len()];
    BUILT[which].get_or_init(|| {
        let dir = BOOKS[which];
        let out = common::build("pdf", dir, &format!("tagged-{which}"), &[]);
        let doc = Document::load(&out).expect("the PDF parses");
        let mut diags = Diagnostics::new();
        let book = quire::load_book(&common::repo_root().join(dir), &mut diags)
            .unwrap_or_else(|_| panic!("{dir} loads"));
        Built {
            book,
            structure: tree::structure(&doc),
            marked: tree::marked_content(&doc),
            doc,
        }
    })
}

fn all() -> impl Iterator<Item = (&'static str, &'static Built)> {
    (0..BOOKS.len()).map(|i| (BOOKS[i], built(i)))
}

fn elements(b: &Built) -> Vec<&Element> {
    let mut out = Vec::new();
    tree::walk(&b.structure, &mut out);
    out
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_painting_operator_is_in_marked_content_or_an_artifact() {
    for (name, b) in all() {
        assert!(
            b.marked.unmarked.is_empty(),
            "{name}: painted outside marked content: {:?}",
            &b.marked.unmarked[..b.marked.unmarked.len().min(10)]
        );
        assert!(!b.marked.texts.is_empty(), "{name} has marked content");
    }
}

#[test]
fn every_mcid_belongs_to_exactly_one_element() {
    for (name, b) in all() {
        assert!(
            b.marked.repeated.is_empty(),
            "{name}: {:?}",
            b.marked.repeated
        );
        let mut referenced: BTreeMap<(usize, i64), usize> = BTreeMap::new();
        for e in elements(b) {
            for kid in &e.kids {
                if let Kid::Content { page, mcid } = kid {
                    *referenced.entry((*page, *mcid)).or_default() += 1;
                }
            }
        }
        let twice: Vec<_> = referenced.iter().filter(|(_, n)| **n > 1).collect();
        assert!(
            twice.is_empty(),
            "{name}: MCIDs referenced twice: {twice:?}"
        );
        let in_streams: Vec<_> = b.marked.texts.keys().copied().collect();
        let in_tree: Vec<_> = referenced.keys().copied().collect();
        assert_eq!(
            in_streams, in_tree,
            "{name}: the MCIDs of the pages and of the tree"
        );
    }
}

/// The model's headings in reading order, as (level, text): the contents' title, then each
/// chapter's title and headings.
fn model_headings(book: &Book) -> Vec<(u8, String)> {
    let mut out = vec![(1, book.strings.get("contents").to_string())];
    for ch in &book.chapters {
        out.push((1, ch.title_text()));
        out.extend(ch.headings().into_iter().map(|(h, _)| (h.level, h.text())));
    }
    out
}

fn heading_level(role: &str) -> Option<u8> {
    role.strip_prefix('H')?.parse().ok()
}

#[test]
fn the_heading_elements_are_the_models_headings_in_order() {
    for (name, b) in all() {
        let found: Vec<(u8, String)> = elements(b)
            .into_iter()
            .filter_map(|e| Some((heading_level(&e.role)?, squeeze(&tree::text(e, &b.marked)))))
            .collect();
        let expected: Vec<(u8, String)> = model_headings(&b.book)
            .into_iter()
            .map(|(level, text)| (level, squeeze(&text)))
            .collect();
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn the_contents_is_a_toc_with_one_toci_and_one_link_per_entry() {
    for (name, b) in all() {
        let tocs: Vec<&Element> = elements(b)
            .into_iter()
            .filter(|e| e.role == "TOC")
            .collect();
        assert_eq!(tocs.len(), 1, "{name}: one TOC");
        let entries: usize = b
            .book
            .chapters
            .iter()
            .map(|ch| {
                let sections = ch.headings().iter().filter(|(h, _)| h.level == 2).count();
                1 + if ch.kind == ChapterKind::Chapter {
                    sections
                } else {
                    0
                }
            })
            .sum();
        let items: Vec<&Element> = tocs[0]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Element(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(items.len(), entries, "{name}: a TOCI per entry");
        for item in items {
            assert_eq!(item.role, "TOCI", "{name}");
            let links = item
                .kids
                .iter()
                .filter(|k| matches!(k, Kid::Element(e) if e.role == "Link"))
                .count();
            assert_eq!(links, 1, "{name}: each entry is one link");
        }
    }
}

#[test]
fn each_link_annotation_has_one_link_element() {
    for (name, b) in all() {
        let mut owners: BTreeMap<lopdf::ObjectId, Vec<&str>> = BTreeMap::new();
        for e in elements(b) {
            for kid in &e.kids {
                if let Kid::Annotation(annot) = kid {
                    owners.entry(*annot).or_default().push(&e.role);
                }
            }
        }
        let mut annotations = 0;
        for (_, page) in b.doc.get_pages() {
            let dict = b.doc.get_dictionary(page).expect("a page");
            let Ok(annots) = dict.get(b"Annots").and_then(Object::as_array) else {
                continue;
            };
            for annot in annots {
                let id = annot.as_reference().expect("annotations are objects");
                annotations += 1;
                assert_eq!(
                    owners.get(&id).map(Vec::as_slice),
                    Some(&["Link"][..]),
                    "{name}"
                );
                let annot = b.doc.get_dictionary(id).expect("an annotation");
                assert!(annot.get(b"StructParent").is_ok(), "{name}: /StructParent");
                assert!(annot.get(b"Contents").is_ok(), "{name}: /Contents");
            }
        }
        assert!(annotations > 0, "{name} has links");
        assert_eq!(
            owners.len(),
            annotations,
            "{name}: no element owns a missing annotation"
        );
    }
}

/// The address a Note prints when it is a link's (`show-urls = "footnote"`): its text after
/// its label is the text of the one Link it holds.
fn printed_address(note: &Element, marked: &Marked) -> Option<String> {
    let mut all = Vec::new();
    tree::walk(std::slice::from_ref(note), &mut all);
    let links: Vec<&&Element> = all.iter().filter(|e| e.role == "Link").collect();
    let label: String = all
        .iter()
        .filter(|e| e.role == "Lbl")
        .map(|e| tree::text(e, marked))
        .collect();
    let text = squeeze(&tree::text(note, marked));
    let [link] = links[..] else { return None };
    let address = squeeze(&tree::text(link, marked));
    (text.strip_prefix(&squeeze(&label)) == Some(address.as_str())).then_some(address)
}

/// The addresses of a chapter's external links that print them in notes, in reading order:
/// those of the text (not of its notes or headings) whose text is not the address.
fn noted_addresses(book: &Book, ch: &quire::model::Chapter) -> Vec<String> {
    use quire::model::{Inline, LinkTarget, ShowUrls, plain_text};
    if book.styles.print.links.show_urls != ShowUrls::Footnote {
        return Vec::new();
    }
    let bare = common::bare_address;
    let mut in_heading = Vec::new();
    for (h, _) in ch.headings() {
        in_heading.extend(
            quire::model::walk::walk_inlines(&h.content)
                .nodes()
                .filter_map(|n| match n.inline() {
                    Some(Inline::Link { pos, .. }) => Some(*pos),
                    _ => None,
                }),
        );
    }
    quire::model::walk::walk_blocks(&ch.blocks)
        .nodes()
        .filter_map(|n| match n.inline() {
            Some(Inline::Link {
                target: LinkTarget::External(url),
                content,
                pos,
                ..
            }) if bare(&plain_text(content)) != bare(url) && !in_heading.contains(pos) => {
                Some(url.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_links_address_note_is_a_note_with_its_reference_and_a_link_to_the_address() {
    let b = built(BOOKS.iter().position(|d| *d == LINK_NOTES).expect("listed"));
    let mut checked = 0;
    for e in elements(b).into_iter().filter(|e| e.role == "Note") {
        let Some(address) = printed_address(e, &b.marked) else {
            continue;
        };
        let mut all = Vec::new();
        tree::walk(std::slice::from_ref(e), &mut all);
        assert!(all.iter().any(|k| k.role == "Lbl"), "{address}: a label");
        let link = all.iter().find(|k| k.role == "Link").expect("a Link");
        let annotations: Vec<lopdf::ObjectId> = link
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Annotation(id) => Some(*id),
                _ => None,
            })
            .collect();
        assert!(
            !annotations.is_empty(),
            "{address}: the Link owns its annotation (OBJR)"
        );
        for id in annotations {
            let annot = b.doc.get_dictionary(id).expect("an annotation");
            let uri = annot
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|a| a.get(b"URI"))
                .map(tree::text_string)
                .expect("a URI action");
            assert_eq!(
                squeeze(&uri),
                address,
                "the note's link leads to its address"
            );
        }
        checked += 1;
    }
    // Every note is called from the text: a Reference element per call.
    let references = elements(b).iter().filter(|e| e.role == "Reference").count();
    let notes = elements(b).iter().filter(|e| e.role == "Note").count();
    assert!(
        references >= notes,
        "{references} references for {notes} notes"
    );
    let noted: usize = b
        .book
        .chapters
        .iter()
        .map(|ch| noted_addresses(&b.book, ch).len())
        .sum();
    assert!(
        noted >= 5,
        "the fixture has links that print their addresses"
    );
    assert_eq!(checked, noted, "a Note with a Link for each");
}

/// A model block's element, as the PDF names it (a thematic break is an artifact).
fn block_role(kind: &BlockKind) -> Option<String> {
    Some(match kind {
        BlockKind::Paragraph(_) => "P".into(),
        BlockKind::Heading(h) => format!("H{}", h.level),
        BlockKind::List(_) | BlockKind::DefinitionList(_) => "L".into(),
        BlockKind::BlockQuote { .. } => "BlockQuote".into(),
        BlockKind::Div { .. } => "Div".into(),
        BlockKind::CodeBlock { .. } | BlockKind::RawHtml(_) => "Code".into(),
        BlockKind::Table(_) => "Table".into(),
        BlockKind::Figure(image) if image.alt.trim().is_empty() => return None,
        BlockKind::Figure(_) => "Figure".into(),
        BlockKind::ThematicBreak => return None,
    })
}

#[test]
fn reading_order_is_the_models_order() {
    for (name, b) in all() {
        let document = &b.structure[0];
        assert_eq!(document.role, "Document", "{name}");
        let sects: Vec<&Element> = document
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Element(e) if e.role == "Sect" => Some(e),
                _ => None,
            })
            .collect();
        // The imprint, the contents, then a Sect per chapter.
        assert_eq!(sects.len(), b.book.chapters.len() + 2, "{name}");
        for (ch, sect) in b.book.chapters.iter().zip(&sects[2..]) {
            let found: Vec<&str> = sect
                .kids
                .iter()
                .filter_map(|k| match k {
                    Kid::Element(e) if e.role != "Note" => Some(e.role.as_str()),
                    _ => None,
                })
                .collect();
            let mut expected: Vec<String> = Vec::new();
            if ch.label(&b.book.strings).is_some() {
                expected.push("P".into());
            }
            expected.push("H1".into());
            expected.extend(ch.blocks.iter().filter_map(|b| block_role(&b.kind)));
            assert_eq!(found, expected, "{name}: {}", ch.slug);
            let notes: Vec<&Element> = sect
                .kids
                .iter()
                .filter_map(|k| match k {
                    Kid::Element(e) if e.role == "Note" => Some(e),
                    _ => None,
                })
                .collect();
            let addresses: Vec<String> = notes
                .iter()
                .filter_map(|n| printed_address(n, &b.marked))
                .collect();
            assert_eq!(
                notes.len() - addresses.len(),
                ch.footnotes.len(),
                "{name}: {} notes",
                ch.slug
            );
            assert_eq!(
                addresses,
                noted_addresses(&b.book, ch),
                "{name}: {}",
                ch.slug
            );
        }
    }
}

#[test]
fn figures_carry_their_alternative_text() {
    let b = built(2);
    let alts: Vec<&str> = elements(b)
        .into_iter()
        .filter(|e| e.role == "Figure")
        .map(|e| e.alt.as_deref().expect("a Figure has /Alt"))
        .collect();
    assert_eq!(
        alts,
        [
            "A bench with pipettes and sample racks under a lamp",
            "a small test tube"
        ]
    );
}

#[test]
fn a_hyphenated_word_reads_whole_from_the_structure() {
    for (name, b) in all() {
        let source: String = b
            .book
            .chapters
            .iter()
            .map(|ch| quire::model::block_text(&ch.blocks))
            .collect::<Vec<_>>()
            .join(" ");
        let known: std::collections::HashSet<String> = words(&source).collect();
        for word in &b.marked.words {
            let whole: Vec<String> = words(word).collect();
            assert!(
                !whole.is_empty() && whole.iter().all(|w| known.contains(w)),
                "{name}: {word:?} is not a word of the book"
            );
        }
    }
    assert!(
        !built(0).marked.words.is_empty(),
        "the guide has hyphenated words"
    );
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Per chapter: the headings (level, text) and the count of lists, tables, figures and notes.
#[derive(Debug, PartialEq, Default)]
struct Shape {
    headings: Vec<(u8, String)>,
    lists: usize,
    tables: usize,
    figures: usize,
    notes: usize,
}

fn pdf_shape(sect: &Element, marked: &Marked) -> Shape {
    let mut all = Vec::new();
    tree::walk(std::slice::from_ref(sect), &mut all);
    let count = |role: &str| all.iter().filter(|e| e.role == role).count();
    Shape {
        headings: all
            .iter()
            .filter_map(|e| Some((heading_level(&e.role)?, squeeze(&tree::text(e, marked)))))
            .collect(),
        lists: count("L"),
        tables: count("Table"),
        figures: count("Figure"),
        notes: count("Note"),
    }
}

fn epub_shape(xhtml: &str) -> Shape {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xhtml, options).expect("XHTML");
    let mut shape = Shape::default();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text: String = node
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                shape
                    .headings
                    .push((tag[1..].parse().unwrap(), squeeze(&text)));
            }
            "ul" | "ol" | "dl" => shape.lists += 1,
            "table" => shape.tables += 1,
            "img" => shape.figures += 1,
            "aside" if node.attribute("role") == Some("doc-footnote") => shape.notes += 1,
            _ => {}
        }
    }
    shape
}

#[test]
fn the_pdf_and_the_epub_say_the_same() {
    for (which, dir) in BOOKS.iter().enumerate() {
        let b = built(which);
        let epub = common::build("epub", dir, &format!("tagged-epub-{which}"), &[]);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
        let sects: Vec<&Element> = b.structure[0]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Element(e) if e.role == "Sect" => Some(e),
                _ => None,
            })
            .skip(2)
            .collect();
        for (ch, sect) in b.book.chapters.iter().zip(sects) {
            let mut xhtml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name(&format!("OEBPS/{}.xhtml", ch.slug)).unwrap(),
                &mut xhtml,
            )
            .unwrap();
            let epub = epub_shape(&xhtml);
            let mut pdf = pdf_shape(sect, &b.marked);
            // The notes that print links' addresses are the PDF's only.
            pdf.notes -= noted_addresses(&b.book, ch).len();
            // The PDF sets a chapter's label ("Chapter 1") apart from its title; the EPUB's
            // h1 holds both.
            if let (Some(label), Some(first)) =
                (ch.label(&b.book.strings), pdf.headings.first_mut())
            {
                first.1 = squeeze(&format!("{label}{}", first.1));
            }
            assert_eq!(pdf, epub, "{dir}: {}", ch.slug);
        }
    }
}
