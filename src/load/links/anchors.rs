//! The anchors a link may name in each chapter: the ids quire gives (title, headings,
//! footnotes, spans), and the ids GitHub, mdBook and pandoc would have given the same headings, each
//! leading to quire's.

use std::collections::HashMap;

use crate::model::{Chapter, plain_text};
use crate::slug::{UniqueIds, github_id, pandoc_id};

/// One chapter's anchors: every name a link may use, and the id it leads to.
pub struct ChapterAnchors {
    by_name: HashMap<String, String>,
}

impl ChapterAnchors {
    pub fn of(chapter: &Chapter) -> Self {
        let mut by_name = HashMap::new();
        let mut github = UniqueIds::new();
        let mut pandoc = UniqueIds::new();
        let mut aliases: Vec<(String, String)> = Vec::new();
        let title = std::iter::once((plain_text(&chapter.title), &chapter.title_id));
        let headings = chapter
            .headings()
            .into_iter()
            .map(|(h, _)| (h.text(), &h.id));
        for (text, id) in title.chain(headings) {
            by_name.insert(id.clone(), id.clone());
            let written = github_id(&text);
            if !written.is_empty() {
                aliases.push((github.unique_from_one(&written), id.clone()));
            }
            aliases.push((pandoc.unique_from_one(&pandoc_id(&text)), id.clone()));
        }
        for note in &chapter.footnotes {
            by_name.insert(note.id.clone(), note.id.clone());
            by_name.insert(note.ref_id.clone(), note.ref_id.clone());
        }
        for id in chapter.span_ids() {
            by_name.insert(id.to_string(), id.to_string());
        }
        // An id quire gives wins over another tool's name for a different heading.
        for (alias, id) in aliases {
            by_name.entry(alias).or_insert(id);
        }
        ChapterAnchors { by_name }
    }

    /// The id `name` leads to, if any.
    pub fn id_of(&self, name: &str) -> Option<&str> {
        self.by_name.get(name).map(String::as_str)
    }

    /// Up to `count` ids, sorted, for a hint.
    pub fn some_ids(&self, count: usize) -> Vec<&str> {
        let mut ids: Vec<&str> = self.by_name.values().map(String::as_str).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.truncate(count);
        ids
    }
}
