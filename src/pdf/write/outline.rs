//! The nested document outline (bookmarks), written straight into the lopdf document:
//! printpdf only knows a flat list sorted by page and title.
//!
//! Each item links to its parent and siblings (Parent, Prev, Next), to its children (First,
//! Last), and carries Count: the number of descendants shown, negative when the item starts
//! closed (ISO 32000-1, 12.3.3).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::postpass::{destination, text_string};
use crate::diagnostic::Diagnostics;
use crate::pdf::page::OutlineEntry;

/// Items shallower than this start open, so a reader sees the chapters and their sections;
/// deeper levels start closed to keep a long book's outline short.
const OPEN_DEPTH: usize = 1;

/// Writes the outline and returns the id of its root (`/Outlines`), or None if there are no
/// entries. `pages` are the page objects in order; an entry pointing past the last page is
/// reported and sent to the last page.
pub(super) fn write(
    d: &mut Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
    diags: &mut Diagnostics,
) -> Option<ObjectId> {
    if entries.is_empty() || pages.is_empty() {
        return None;
    }
    let root = d.new_object_id();
    let mut writer = Writer { d, pages, diags };
    let level = writer.level(entries, root, 0);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(level.first));
    dict.set("Last", Object::Reference(level.last));
    dict.set("Count", Object::Integer(level.visible));
    writer.d.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

struct Writer<'a> {
    d: &'a mut Document,
    pages: &'a [ObjectId],
    diags: &'a mut Diagnostics,
}

/// A written list of siblings.
struct Level {
    first: ObjectId,
    last: ObjectId,
    /// Items of this list and their shown descendants, as if the parent were open.
    visible: i64,
}

impl Writer<'_> {
    /// Writes `entries` (not empty) as the children of `parent`.
    fn level(&mut self, entries: &[OutlineEntry], parent: ObjectId, depth: usize) -> Level {
        let ids: Vec<ObjectId> = entries.iter().map(|_| self.d.new_object_id()).collect();
        let mut visible = 0;
        for (index, entry) in entries.iter().enumerate() {
            let id = ids[index];
            let mut dict = Dictionary::new();
            dict.set("Title", text_string(&entry.title));
            dict.set("Parent", Object::Reference(parent));
            if index > 0 {
                dict.set("Prev", Object::Reference(ids[index - 1]));
            }
            if let Some(next) = ids.get(index + 1) {
                dict.set("Next", Object::Reference(*next));
            }
            dict.set("Dest", self.dest(entry));
            visible += 1;
            if !entry.children.is_empty() {
                let children = self.level(&entry.children, id, depth + 1);
                dict.set("First", Object::Reference(children.first));
                dict.set("Last", Object::Reference(children.last));
                if depth < OPEN_DEPTH {
                    dict.set("Count", Object::Integer(children.visible));
                    visible += children.visible;
                } else {
                    dict.set("Count", Object::Integer(-children.visible));
                }
            }
            self.d.objects.insert(id, Object::Dictionary(dict));
        }
        Level {
            first: ids[0],
            last: ids[ids.len() - 1],
            visible,
        }
    }

    fn dest(&mut self, entry: &OutlineEntry) -> Object {
        let page = if entry.page < self.pages.len() {
            self.pages[entry.page]
        } else {
            self.diags.warning(
                None,
                format!(
                    "the bookmark \"{}\" points to page {} of {}; it now points to the last page",
                    entry.title,
                    entry.page + 1,
                    self.pages.len()
                ),
            );
            self.pages[self.pages.len() - 1]
        };
        destination(page, entry.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, page: usize, children: Vec<OutlineEntry>) -> OutlineEntry {
        OutlineEntry {
            title: title.to_string(),
            page,
            y: 700.0,
            children,
        }
    }

    fn dict(d: &Document, id: ObjectId) -> &Dictionary {
        d.get_object(id)
            .and_then(Object::as_dict)
            .expect("an outline item")
    }

    fn count(d: &Document, id: ObjectId) -> Option<i64> {
        dict(d, id).get(b"Count").and_then(Object::as_i64).ok()
    }

    fn link(d: &Document, id: ObjectId, key: &[u8]) -> Option<ObjectId> {
        dict(d, id).get(key).and_then(Object::as_reference).ok()
    }

    #[test]
    fn nested_items_link_both_ways_and_count_what_is_shown() {
        let mut d = Document::with_version("1.7");
        let pages: Vec<ObjectId> = (0..3).map(|_| d.new_object_id()).collect();
        let entries = vec![
            entry(
                "Part I",
                0,
                vec![
                    entry(
                        "Chapter 1",
                        0,
                        vec![entry("1.1", 1, vec![]), entry("1.2", 1, vec![])],
                    ),
                    entry("Chapter 2", 2, vec![]),
                ],
            ),
            entry("Index", 9, vec![]),
        ];
        let mut diags = Diagnostics::new();
        let root = write(&mut d, &entries, &pages, &mut diags).expect("an outline");

        // Shown: Part I, Chapter 1, Chapter 2, Index (Chapter 1 starts closed).
        assert_eq!(count(&d, root), Some(4));
        let part = link(&d, root, b"First").expect("first");
        let index = link(&d, root, b"Last").expect("last");
        assert_eq!(link(&d, part, b"Next"), Some(index));
        assert_eq!(link(&d, index, b"Prev"), Some(part));
        assert_eq!(link(&d, part, b"Parent"), Some(root));
        assert_eq!(count(&d, part), Some(2));
        let chapter1 = link(&d, part, b"First").expect("chapter 1");
        assert_eq!(link(&d, chapter1, b"Parent"), Some(part));
        assert_eq!(count(&d, chapter1), Some(-2));
        let section = link(&d, chapter1, b"Last").expect("1.2");
        assert_eq!(link(&d, section, b"Parent"), Some(chapter1));
        assert_eq!(count(&d, section), None);
        let dest = dict(&d, section)
            .get(b"Dest")
            .and_then(Object::as_array)
            .expect("dest");
        assert_eq!(dest[0].as_reference().ok(), Some(pages[1]));

        // The entry past the end goes to the last page, with a warning.
        let dest = dict(&d, index)
            .get(b"Dest")
            .and_then(Object::as_array)
            .expect("dest");
        assert_eq!(dest[0].as_reference().ok(), Some(pages[2]));
        assert_eq!(diags.warning_count(), 1);
    }

    #[test]
    fn no_entries_no_outline() {
        let mut d = Document::with_version("1.7");
        let pages = vec![d.new_object_id()];
        assert_eq!(write(&mut d, &[], &pages, &mut Diagnostics::new()), None);
    }
}
