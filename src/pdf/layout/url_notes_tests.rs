//! The notes that print links' addresses: on the PDF's copy of a chapter (numbers, order,
//! marks, words) and on the laid-out pages (the notes' text and the marks in the text).

use super::*;
use crate::Diagnostics;
use crate::model::{Book, ChapterOpening, ShowUrls};
use crate::pdf::layout::Inspection;
use crate::pdf::layout::references::Added;
use crate::pdf::layout_tests::layout;

/// A single-file book made of `markdown`, its links' addresses printed as `show`.
fn book_of(name: &str, markdown: &str, show: ShowUrls) -> Book {
    let dir = std::env::temp_dir().join(format!("quire-url-notes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join(format!("{name}.md"));
    std::fs::write(&file, markdown).expect("written");
    let mut diags = Diagnostics::new();
    let book = crate::load_book(&file, &mut diags).expect("the book loads");
    assert!(!diags.has_errors(), "{diags:?}");
    std::fs::remove_file(&file).ok();
    let mut book = book;
    book.styles.print.links.show_urls = show;
    book
}

/// An external link, then an author's note, then another external link, and a link whose text
/// is its address.
const THREE_NOTES: &str = "---\ntitle: Notes\nlang: en\n---\n\n# One\n\n\
Read [our guide](https://example.org/guide). The author adds a note.[^a] Then see\n\
[the registry](https://example.net/registry), and [example.com](https://example.com).\n\n\
[^a]: The author's own note.\n";

/// The chapter titled `title`.
fn chapter<'a>(book: &'a Book, title: &str) -> &'a Chapter {
    book.chapters
        .iter()
        .find(|c| c.title_text() == title)
        .expect("the chapter")
}

/// The text of a chapter's notes, by number, and its note marks in reading order.
fn notes_and_marks(ch: &Chapter) -> (Vec<(u32, String)>, Vec<u32>) {
    let notes = ch
        .footnotes
        .iter()
        .map(|n| {
            (
                n.number,
                crate::model::block_text(&n.blocks).trim().to_string(),
            )
        })
        .collect();
    let marks = walk::walk_blocks(&ch.blocks)
        .nodes()
        .filter_map(|n| match n.inline() {
            Some(Inline::FootnoteRef { number, .. }) => Some(*number),
            _ => None,
        })
        .collect();
    (notes, marks)
}

#[test]
fn links_and_the_authors_notes_are_numbered_together_in_reading_order() {
    let book = book_of("three", THREE_NOTES, ShowUrls::Footnote);
    let own = chapter(&book, "One");
    let noted = with_url_notes(own, MarkPlace::AfterPunctuation).expect("links get notes");
    let (notes, marks) = notes_and_marks(&noted.chapter);
    assert_eq!(
        notes,
        [
            (1, "https://example.org/guide".to_string()),
            (2, "The author’s own note.".to_string()),
            (3, "https://example.net/registry".to_string()),
        ]
    );
    assert_eq!(marks, [1, 2, 3], "no note for the link that is its address");
    // The author's note keeps its id (links to it land on it); the links' notes have their own.
    let ids: Vec<&str> = noted
        .chapter
        .footnotes
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, ["fn-url-1", "fn-1", "fn-url-2"]);
    // The address is a link to itself.
    let BlockKind::Paragraph(inlines) = &noted.chapter.footnotes[0].blocks[0].kind else {
        panic!("a paragraph");
    };
    assert!(matches!(
        &inlines[..],
        [Inline::Link { target: LinkTarget::External(url), .. }] if url == "https://example.org/guide"
    ));
    // The marks follow the punctuation after the links, as the author's own does.
    let text = crate::model::block_text(&noted.chapter.blocks);
    assert!(text.starts_with("Read our guide. The"), "{text}");
    assert_eq!(
        mark_place(&book, ShowUrls::Footnote),
        MarkPlace::AfterPunctuation
    );
    // The model is left as it was: the EPUB sets it.
    assert_eq!(notes_and_marks(own).1, [1]);
}

/// The inlines of a paragraph of `markdown` with its notes' marks shown as `^N`.
fn marked(markdown: &str, place: MarkPlace) -> String {
    let book = book_of("marked", markdown, ShowUrls::Footnote);
    let ch = chapter(&book, "One");
    let noted = with_url_notes(ch, place).expect("a note");
    let mut out = String::new();
    for node in walk::walk_blocks(&noted.chapter.blocks).nodes() {
        match node.inline() {
            Some(Inline::Text(t)) => out.push_str(t),
            Some(Inline::FootnoteRef { number, .. }) => out.push_str(&format!("^{number}")),
            _ => {}
        }
    }
    out
}

#[test]
fn a_mark_goes_after_closing_punctuation_or_before_it_as_the_book_sets_its_own() {
    let head = "---\ntitle: T\nlang: en\n---\n\n# One\n\n";
    let source = format!("{head}See *[the site](https://a.example/x)*), then go.\n");
    assert_eq!(
        marked(&source, MarkPlace::AfterPunctuation),
        "See the site),^1 then go."
    );
    assert_eq!(
        marked(&source, MarkPlace::BeforePunctuation),
        "See the site^1), then go."
    );
    // A book whose notes stand before the punctuation, and a French and an English one that
    // have none.
    let before = format!("{head}A note[^n]. Another[^m], and more.\n\n[^n]: N.\n\n[^m]: M.\n");
    let books = [
        (before.as_str(), MarkPlace::BeforePunctuation),
        (
            "---\ntitle: T\nlang: fr\n---\n\n# Un\n\nTexte.\n",
            MarkPlace::BeforePunctuation,
        ),
        (
            "---\ntitle: T\nlang: en\n---\n\n# One\n\nText.\n",
            MarkPlace::AfterPunctuation,
        ),
    ];
    for (n, (markdown, place)) in books.into_iter().enumerate() {
        let book = book_of(&format!("place-{n}"), markdown, ShowUrls::Footnote);
        assert_eq!(mark_place(&book, ShowUrls::Footnote), place, "{markdown}");
    }
}

#[test]
fn a_note_referenced_from_a_note_comes_after_the_notes_before_it() {
    let source = "---\ntitle: T\nlang: en\n---\n\n# One\n\nFirst.[^a] Then [a site](https://s.example/).\n\n\
[^a]: See the other note.[^b]\n\n[^b]: The other, with [a link](https://in.example/note).\n";
    let book = book_of("nested", source, ShowUrls::Footnote);
    let noted = with_url_notes(chapter(&book, "One"), MarkPlace::AfterPunctuation).expect("a note");
    let (notes, marks) = notes_and_marks(&noted.chapter);
    let texts: Vec<&str> = notes.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "See the other note.",
            "https://s.example/",
            // Inside a note, an address follows its link's text.
            "The other, with a link (https://in.example/note)."
        ]
    );
    assert_eq!(marks, [1, 2]);
    let numbers: Vec<u32> = notes.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 2, 3]);
}

#[test]
fn the_words_a_mark_adds_are_taken_out_of_the_page_starts() {
    // A mark against a word adds none; one after a space (the link's text ends with one) adds
    // one, which a page that begins after it does not count.
    let source = "---\ntitle: T\nlang: en\n---\n\n# One\n\n\
Go to [the site ](https://a.example/) and [there](https://b.example/) then stop here.\n";
    let book = book_of("words", source, ShowUrls::Footnote);
    let ch = chapter(&book, "One");
    let noted = with_url_notes(ch, MarkPlace::AfterPunctuation).expect("notes");
    let pos = ch.blocks[0].pos;
    assert_eq!(noted.added[&pos], [Added { at: 4, words: 1 }]);
    // "Go to the site ^1 and there^2 then": "then" is word 7 as set, 6 of the model's.
    let mut units = vec![Unit {
        source: Some(crate::model::TextPoint {
            block: pos,
            word: 7,
        }),
        ..Unit::default()
    }];
    noted.correct_word_counts(&mut units);
    assert_eq!(units[0].source.map(|s| s.word), Some(6));
}

#[test]
fn a_chapter_without_such_links_is_set_as_it_is() {
    let source = "---\ntitle: T\nlang: en\n---\n\n# One\n\nSee [example.com](https://example.com/) and [one](#one).\n";
    let book = book_of("none", source, ShowUrls::Footnote);
    assert!(with_url_notes(chapter(&book, "One"), MarkPlace::AfterPunctuation).is_none());
}

/// The text runs of the page where the chapter `title` opens, in reading order (top to bottom,
/// then left to right): each its size and text.
fn page_runs(lay: &Inspection, book: &Book, title: &str) -> Vec<(f32, String)> {
    let page = lay.anchors[&chapter(book, title).slug].page;
    let mut runs: Vec<&crate::pdf::page::TextRun> = lay.doc.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            crate::pdf::page::PageItem::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    runs.iter()
        .map(|r| (r.size, r.glyphs.iter().map(|g| g.text.as_str()).collect()))
        .collect()
}

/// On the page where chapter "One" opens: the lines of the page's notes (the runs at the note
/// size, a line per number), the marks in its text (raised runs smaller than the text) and the
/// text at the body size.
fn notes_marks_text(lay: &Inspection, book: &Book) -> (Vec<String>, Vec<String>, String) {
    notes_marks_text_on(lay, book, "One")
}

/// [`notes_marks_text`] on the page where the chapter `title` opens.
fn notes_marks_text_on(
    lay: &Inspection,
    book: &Book,
    title: &str,
) -> (Vec<String>, Vec<String>, String) {
    let body = book.styles.print.body_size;
    let note = body * crate::pdf::blocks::NOTE_SIZE;
    let (mut notes, mut marks, mut text) = (Vec::<String>::new(), Vec::new(), String::new());
    for (size, run) in page_runs(lay, book, title) {
        if (size - note).abs() < 0.01 {
            match notes.last_mut() {
                Some(line) if !run.ends_with('.') || !run.starts_with(char::is_numeric) => {
                    line.push(' ');
                    line.push_str(&run);
                }
                _ => notes.push(run),
            }
        } else if size < note {
            // Smaller than the notes: not the folio.
            marks.push(run);
        } else if size == body {
            text.push_str(&run);
        }
    }
    (notes, marks, text)
}

#[test]
fn the_pages_print_the_notes_in_order_and_the_other_modes_are_unchanged() {
    let footnote = book_of("laid-out", THREE_NOTES, ShowUrls::Footnote);
    let (notes, marks, text) = notes_marks_text(&layout(&footnote, None), &footnote);
    assert_eq!(
        notes,
        [
            "1. https://example.org/guide",
            "2. The author’s own note.",
            "3. https://example.net/registry"
        ]
    );
    assert_eq!(marks, ["1", "2", "3"]);
    assert!(!text.contains("https"), "{text}");
    let own_note_only = ["1. The author’s own note."];
    for (show, addresses) in [(ShowUrls::Inline, true), (ShowUrls::None, false)] {
        let book = book_of("laid-out-other", THREE_NOTES, show);
        let (notes, marks, text) = notes_marks_text(&layout(&book, None), &book);
        assert_eq!(notes, own_note_only, "{show:?}");
        assert_eq!(marks, ["1"], "{show:?}");
        assert_eq!(
            text.contains("(https://example.org/guide)"),
            addresses,
            "{show:?}: {text}"
        );
    }
    // The EPUB, where links can be followed, is the same whatever the PDF prints.
    let epub = |book: &Book| crate::render_epub(book, &mut Diagnostics::new()).expect("an EPUB");
    let mut none = book_of("laid-out-epub", THREE_NOTES, ShowUrls::None);
    // The EPUB's date is its newest source file's: the two files may be written a second apart.
    none.meta.files_modified = footnote.meta.files_modified;
    assert!(epub(&footnote) == epub(&none), "the same EPUB");
}

/// A book of numbered words ("w0001"...), every paragraph with a link whose text ends in a
/// space (so that its note's mark is a word of its own as set) a third of the way in.
fn numbered_words_book() -> String {
    let mut text = String::from("---\ntitle: Numbered\nlang: en\n---\n\n");
    let mut next = 0;
    let mut words = |n: usize| {
        let out: Vec<String> = (next..next + n).map(|i| format!("w{i:04}")).collect();
        next += n;
        out.join(" ")
    };
    for chapter in 1..=2 {
        text.push_str(&format!("# Chapter {chapter}\n\n"));
        for paragraph in 0..8 {
            let (before, named) = (words(LINK_AT), words(2));
            let link = format!("[{named} ](https://example.org/{chapter}/{paragraph})");
            text.push_str(&format!("{before} {link} {}\n\n", words(100)));
        }
    }
    text
}

/// Where the link of each paragraph of [`numbered_words_book`] begins, in words.
const LINK_AT: usize = 40;

/// The words of a paragraph as both outputs count them for page starts: its text and its
/// notes' marks, split at word gaps.
fn counted_words(inlines: &[Inline]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut in_word = false;
    let mut read = |text: &str, words: &mut Vec<String>| {
        for c in text.chars() {
            if crate::model::is_word_gap(c) {
                in_word = false;
            } else {
                if !in_word {
                    words.push(String::new());
                }
                in_word = true;
                if let Some(w) = words.last_mut() {
                    w.push(c);
                }
            }
        }
    };
    for node in walk::walk_inlines(inlines).nodes() {
        match node.inline() {
            Some(Inline::Text(t)) => read(t, &mut words),
            Some(Inline::FootnoteRef { number, .. }) => read(&number.to_string(), &mut words),
            _ => {}
        }
    }
    words
}

#[test]
fn a_page_that_begins_after_a_mark_is_marked_before_the_same_word_of_the_model() {
    use crate::model::{PageStart, TextPoint};
    let book = book_of("numbered", &numbered_words_book(), ShowUrls::Footnote);
    let lay = layout(&book, None);
    let style = &book.styles.print;
    let top = style.page_height - style.margin_top;
    let (mut checked, mut after_a_mark) = (0, 0);
    for (p, page) in lay.doc.print_pages.pages.iter().enumerate() {
        let PageStart::Text {
            chapter,
            at: Some(TextPoint { block, word }),
        } = page.start
        else {
            continue;
        };
        let Some(BlockKind::Paragraph(inlines)) = book.chapters[chapter]
            .blocks
            .iter()
            .find(|b| b.pos == block)
            .map(|b| &b.kind)
        else {
            continue;
        };
        let expected = counted_words(inlines)[word as usize].clone();
        // The page's first line of text: its highest run at the body size in the text block.
        let first = lay.doc.pages[p]
            .items
            .iter()
            .filter_map(|i| match i {
                crate::pdf::page::PageItem::Text(r) => Some(r),
                _ => None,
            })
            .filter(|r| r.size == style.body_size && r.y < top)
            .max_by(|a, b| a.y.total_cmp(&b.y).then(b.x.total_cmp(&a.x)))
            .expect("a line of text");
        let text: String = first.glyphs.iter().map(|g| g.text.as_str()).collect();
        let found = text.split_whitespace().next().unwrap_or_default();
        assert_eq!(found, expected, "page {}", page.label);
        checked += 1;
        after_a_mark += usize::from(word as usize > LINK_AT + 2);
    }
    assert!(checked >= 4, "{checked} pages begin inside a paragraph");
    assert!(after_a_mark >= 2, "{after_a_mark} pages begin after a mark");
}

/// Two short chapters with two notes each, the second's first note after a link's address.
const TWO_CHAPTERS: &str = "---\ntitle: Notes\nlang: en\n---\n\n# One\n\n\
A first claim.[^a] A second claim.[^b]\n\n[^a]: First.\n\n[^b]: Second.\n\n# Two\n\n\
See [the registry](https://example.net/registry). A third claim.[^c]\n\n[^c]: Third.\n";

#[test]
fn notes_are_numbered_through_the_book_when_chapters_run_on_and_per_chapter_otherwise() {
    let book = book_of("run-on", TWO_CHAPTERS, ShowUrls::Footnote);
    assert_eq!(book.styles.print.chapter_opening, ChapterOpening::RunOn);
    let lay = layout(&book, None);
    let (one, two) = (chapter(&book, "One"), chapter(&book, "Two"));
    assert_eq!(
        lay.anchors[&one.slug].page, lay.anchors[&two.slug].page,
        "both chapters on one page"
    );
    let (notes, marks, _) = notes_marks_text(&lay, &book);
    assert_eq!(
        notes,
        [
            "1. First.",
            "2. Second.",
            "3. https://example.net/registry",
            "4. Third."
        ]
    );
    assert_eq!(marks, ["1", "2", "3", "4"]);

    let mut own_pages = book_of("new-page", TWO_CHAPTERS, ShowUrls::Footnote);
    own_pages.styles.print.chapter_opening = ChapterOpening::NewPage;
    let lay = layout(&own_pages, None);
    let (notes, marks, _) = notes_marks_text_on(&lay, &own_pages, "Two");
    assert_eq!(notes, ["1. https://example.net/registry", "2. Third."]);
    assert_eq!(marks, ["1", "2"]);
}
