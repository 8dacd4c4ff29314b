//! Footnotes: the numbered mark where a note is referenced, and the chapter's notes at its
//! end, each with a link back to its first reference.

use super::ChapterWriter;
use crate::model::{Block, BlockKind, Chapter, Footnote};

impl ChapterWriter<'_> {
    /// The mark where a note is referenced: its number, a link to the note (unless inside a
    /// link already). A second reference to the same note gets an id of its own.
    pub(super) fn note_ref(&mut self, label: &str, number: u32, pos: crate::model::Pos) {
        let chapter = self.chapter();
        let Some(note) = chapter.footnotes.get((number as usize).wrapping_sub(1)) else {
            let loc = Some(chapter.location(pos));
            self.diags.warning(
                loc,
                format!(
                    "footnote `[^{label}]` has no definition; written as plain text in the EPUB"
                ),
            );
            self.xml.text(&format!("[^{label}]"));
            return;
        };
        let count = self.note_refs.entry(number).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            note.ref_id.clone()
        } else {
            self.ids.unique(&format!("{}-{}", note.ref_id, count))
        };
        let text = number.to_string();
        // The PDF sets the mark as text of the line: it counts in the words before a page.
        self.count_words(&text);
        if self.in_link {
            self.xml.element("sup", &[("class", "noteref")], &text);
            return;
        }
        self.xml.start("sup", &[("class", "noteref")]);
        let href = format!("#{}", note.id);
        self.xml.element(
            "a",
            &[
                ("id", &id),
                ("href", &href),
                ("epub:type", "noteref"),
                ("role", "doc-noteref"),
            ],
            &text,
        );
        self.xml.end();
    }

    /// The chapter's notes, after a rule, at the end of its document.
    pub(super) fn footnotes(&mut self, chapter: &Chapter) {
        if chapter.footnotes.is_empty() {
            return;
        }
        self.xml.start(
            "section",
            &[
                ("class", "footnotes"),
                ("epub:type", "footnotes"),
                ("aria-label", "Footnotes"),
            ],
        );
        self.xml.newline();
        self.xml.empty("hr", &[("class", "footnotes-rule")]);
        self.xml.newline();
        for note in &chapter.footnotes {
            self.footnote(note);
        }
        self.xml.end();
    }

    /// One note: its number (a link back to the text when it is referenced), then its blocks,
    /// the first paragraph run in after the number.
    fn footnote(&mut self, note: &Footnote) {
        self.xml.start(
            "aside",
            &[
                ("id", &note.id),
                ("class", "footnote"),
                ("epub:type", "footnote"),
                ("role", "doc-footnote"),
            ],
        );
        let referenced = self.note_refs.contains_key(&note.number);
        let number = note.number.to_string();
        let back = format!("#{}", note.ref_id);
        let back_title = self.book.strings.get("back-to-text");
        let mut rest: &[Block] = &note.blocks;
        self.xml.start("p", &[]);
        if referenced {
            self.xml.element(
                "a",
                &[
                    ("href", &back),
                    ("class", "note-number"),
                    ("role", "doc-backlink"),
                    ("title", back_title),
                ],
                &number,
            );
        } else {
            self.xml
                .element("span", &[("class", "note-number")], &number);
        }
        self.xml.text(" ");
        if let Some(Block {
            kind: BlockKind::Paragraph(inlines),
            ..
        }) = note.blocks.first()
        {
            self.inlines(inlines);
            rest = &note.blocks[1..];
        }
        self.xml.end();
        self.blocks(rest, false);
        self.xml.end();
        self.xml.newline();
    }
}
