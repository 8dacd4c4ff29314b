//! Tables: a header row of column headers, then the body rows, cells aligned by class.

use super::ChapterWriter;
use crate::model::{Alignment, Table};

impl ChapterWriter<'_> {
    pub(super) fn table(&mut self, table: &Table) {
        self.xml.start("div", &[("class", "table-wrap")]);
        self.xml.start("table", &[]);
        let align = |i: usize| match table.alignments.get(i) {
            Some(Alignment::Left) => "align-left",
            Some(Alignment::Center) => "align-center",
            Some(Alignment::Right) => "align-right",
            _ => "",
        };
        if !table.header.is_empty() {
            self.xml.start("thead", &[]);
            self.xml.start("tr", &[]);
            for (i, cell) in table.header.iter().enumerate() {
                let class = align(i);
                self.xml.start(
                    "th",
                    &[
                        ("scope", "col"),
                        (if class.is_empty() { "" } else { "class" }, class),
                    ],
                );
                self.inlines(cell);
                self.xml.end();
            }
            self.xml.end();
            self.xml.end();
        }
        self.xml.newline();
        self.xml.start("tbody", &[]);
        for row in &table.rows {
            self.xml.start("tr", &[]);
            for (i, cell) in row.iter().enumerate() {
                let class = align(i);
                self.xml.start(
                    "td",
                    &[(if class.is_empty() { "" } else { "class" }, class)],
                );
                self.inlines(cell);
                self.xml.end();
            }
            self.xml.end();
            self.xml.newline();
        }
        self.xml.end();
        self.xml.end();
        self.xml.end();
    }
}
