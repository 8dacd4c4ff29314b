//! Lists (bulleted, numbered, task lists) and definition lists.

use super::ChapterWriter;
use crate::model::{Definition, List};

impl ChapterWriter<'_> {
    pub(super) fn list(&mut self, list: &List) {
        let start = list.start.map(|s| s.to_string());
        let tag = if start.is_some() { "ol" } else { "ul" };
        let has_tasks = list.items.iter().any(|i| i.task.is_some());
        let class = if has_tasks { "task-list" } else { "" };
        let start_attr = start.as_deref().filter(|s| *s != "1").unwrap_or("");
        self.xml.start(
            tag,
            &[
                (if start_attr.is_empty() { "" } else { "start" }, start_attr),
                (if class.is_empty() { "" } else { "class" }, class),
            ],
        );
        self.xml.newline();
        for item in &list.items {
            match item.task {
                Some(done) => {
                    self.xml.start("li", &[("class", "task")]);
                    let (mark, label) = if done {
                        ("\u{2611}", "done")
                    } else {
                        ("\u{2610}", "not done")
                    };
                    self.xml.element(
                        "span",
                        &[
                            ("class", "task-box"),
                            ("role", "img"),
                            ("aria-label", label),
                        ],
                        mark,
                    );
                    self.xml.text(" ");
                }
                None => self.xml.start("li", &[]),
            }
            self.blocks(&item.blocks, list.tight);
            self.xml.end();
            self.xml.newline();
        }
        self.xml.end();
    }

    pub(super) fn definitions(&mut self, defs: &[Definition]) {
        self.xml.start("dl", &[]);
        self.xml.newline();
        for def in defs {
            self.xml.start("dt", &[]);
            self.inlines(&def.term);
            self.xml.end();
            self.xml.newline();
            for detail in &def.details {
                self.xml.start("dd", &[]);
                let tight = detail.len() == 1;
                self.blocks(detail, tight);
                self.xml.end();
                self.xml.newline();
            }
        }
        self.xml.end();
    }
}
