//! The table of contents: one entry per chapter, nested by heading level (level-2 headings
//! under their chapter, deeper ones under the heading before them), and the landmarks.

use super::plan::{self, Plan};
use super::xml::escape;
use crate::model::{Book, Chapter, ChapterKind, Strings};

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct NavEntry {
    pub href: String,
    pub title: String,
    pub children: Vec<NavEntry>,
    /// Its level in the contents: 1 for a chapter, one more for a chapter nested in another or
    /// in a part (mdBook's `SUMMARY.md`).
    pub level: i32,
}

/// The title a chapter has in the table of contents: "1. Title", "Appendix A: Title", "Title".
pub fn chapter_toc_title(chapter: &Chapter, strings: &Strings) -> String {
    let title = chapter.title_text();
    if let Some(number) = chapter.nesting.nested_number() {
        return format!("{number}. {title}");
    }
    match (chapter.kind, chapter.number) {
        (ChapterKind::Chapter, Some(n)) => format!("{n}. {title}"),
        (ChapterKind::Appendix, Some(_)) => match chapter.label(strings) {
            Some(label) => format!("{label}: {title}"),
            None => title,
        },
        _ => title,
    }
}

/// The whole table of contents, in reading order: one entry per chapter, at its level; the
/// first chapter of a part is the child of an entry for the part.
pub fn toc(book: &Book, plan: &Plan) -> Vec<NavEntry> {
    let mut in_part = false;
    book.chapters
        .iter()
        .zip(&plan.chapter_files)
        .map(|(chapter, file)| {
            let opens_part = chapter.nesting.part.is_some();
            if opens_part {
                in_part = true;
            } else if chapter.depth() == 0 && chapter.kind != ChapterKind::Chapter {
                in_part = false;
            }
            let depth = i32::try_from(chapter.depth()).unwrap_or(i32::MAX - 2);
            let level = 1 + i32::from(in_part) + depth;
            let mut entry = chapter_entry(chapter, &book.strings, file, level);
            match &chapter.nesting.part {
                // The part is the file's entry; the chapter under it links to its title's id,
                // so that the two are two targets (the NCX wants a play order per target).
                Some(part) => {
                    entry.href = format!("{file}#{}", chapter.title_id);
                    NavEntry {
                        href: file.clone(),
                        title: part.clone(),
                        children: vec![entry],
                        level: 1,
                    }
                }
                None => entry,
            }
        })
        .collect()
}

/// A chapter's entry, its headings nested under it.
fn chapter_entry(chapter: &Chapter, strings: &Strings, file: &str, level: i32) -> NavEntry {
    let mut entry = NavEntry {
        href: file.to_string(),
        title: chapter_toc_title(chapter, strings),
        children: Vec::new(),
        level,
    };
    let headings: Vec<(u8, NavEntry)> = chapter
        .headings()
        .into_iter()
        .map(|(h, _)| {
            let title = h.text();
            (
                h.level,
                NavEntry {
                    href: format!("{file}#{}", h.id),
                    title,
                    children: Vec::new(),
                    level: level + 1,
                },
            )
        })
        .filter(|(_, e)| !e.title.trim().is_empty())
        .collect();
    entry.children = nest(headings);
    entry
}

/// Builds a tree from entries with levels: an entry goes under the nearest earlier entry of a
/// lower level. A jump (level 2 then 4) nests one step, never leaving an empty level.
fn nest(items: Vec<(u8, NavEntry)>) -> Vec<NavEntry> {
    let mut roots: Vec<NavEntry> = Vec::new();
    // The levels of the open path from a root down to the last entry added.
    let mut path_levels: Vec<u8> = Vec::new();
    for (level, entry) in items {
        while path_levels.last().is_some_and(|&l| l >= level) {
            path_levels.pop();
        }
        insert_at(&mut roots, path_levels.len(), entry);
        path_levels.push(level);
    }
    roots
}

/// Appends `entry` `depth` levels down the last-entry path of `siblings`.
fn insert_at(siblings: &mut Vec<NavEntry>, depth: usize, entry: NavEntry) {
    match siblings.last_mut() {
        Some(last) if depth > 0 => insert_at(&mut last.children, depth - 1, entry),
        _ => siblings.push(entry),
    }
}

/// One landmark: an `epub:type` from the structure vocabulary, a target and a label.
#[derive(Debug, Clone, PartialEq)]
pub struct Landmark {
    pub kind: &'static str,
    pub href: String,
    pub label: String,
}

/// Cover, title page, table of contents, start of the body text, back matter.
pub fn landmarks(book: &Book, plan: &Plan) -> Vec<Landmark> {
    let mut out = vec![
        Landmark {
            kind: "cover",
            href: plan::COVER_PAGE.into(),
            label: book.strings.get("cover").into(),
        },
        Landmark {
            kind: "titlepage",
            href: plan::TITLE_PAGE.into(),
            label: book.strings.get("title-page").into(),
        },
        Landmark {
            kind: "toc",
            href: plan::CONTENTS_PAGE.into(),
            label: book.strings.get("table-of-contents").into(),
        },
    ];
    let first = |pred: &dyn Fn(ChapterKind) -> bool| {
        book.chapters
            .iter()
            .position(|c| pred(c.kind))
            .and_then(|i| plan.chapter_files.get(i).cloned())
    };
    if let Some(href) = first(&|k| k == ChapterKind::Chapter).or_else(|| first(&|_| true)) {
        out.push(Landmark {
            kind: "bodymatter",
            href,
            label: book.strings.get("start-of-content").into(),
        });
    }
    if let Some(href) = first(&|k| k == ChapterKind::Appendix) {
        out.push(Landmark {
            kind: "appendix",
            href,
            label: book.strings.get("appendix-landmark").into(),
        });
    }
    if let Some(href) = first(&|k| matches!(k, ChapterKind::Appendix | ChapterKind::Back)) {
        out.push(Landmark {
            kind: "backmatter",
            href,
            label: book.strings.get("back-matter").into(),
        });
    }
    out
}

/// The `<nav epub:type="landmarks">` element.
pub fn landmarks_nav(landmarks: &[Landmark], title: &str) -> String {
    let mut out =
        String::from("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n");
    out.push_str(&format!("    <h2>{}</h2>\n    <ol>\n", escape(title)));
    for l in landmarks {
        out.push_str(&format!(
            "      <li><a epub:type=\"{}\" href=\"{}\">{}</a></li>\n",
            l.kind,
            escape(&l.href),
            escape(&l.label)
        ));
    }
    out.push_str("    </ol>\n  </nav>");
    out
}

/// The EPUB 2 `<guide>` (which Kindle conversion and older readers use): one reference per
/// landmark, each to a spine document, typed in the OPF 2 vocabulary (`other.` where it has no
/// word for one).
pub fn opf_guide(landmarks: &[Landmark]) -> String {
    let mut out = String::from("<guide>\n");
    for l in landmarks {
        let kind = match l.kind {
            "titlepage" => "title-page",
            "bodymatter" => "text",
            "cover" | "toc" => l.kind,
            other => &format!("other.{other}"),
        };
        out.push_str(&format!(
            "    <reference type=\"{kind}\" title=\"{}\" href=\"{}\"/>\n",
            escape(&l.label),
            escape(&l.href)
        ));
    }
    out.push_str("  </guide>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(t: &str) -> NavEntry {
        NavEntry {
            href: format!("c.xhtml#{t}"),
            title: t.into(),
            children: Vec::new(),
            level: 2,
        }
    }

    fn shape(entries: &[NavEntry]) -> String {
        entries
            .iter()
            .map(|x| {
                if x.children.is_empty() {
                    x.title.clone()
                } else {
                    format!("{}({})", x.title, shape(&x.children))
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    fn headings_nest_under_the_nearest_lower_level() {
        let items = vec![
            (2, e("a")),
            (3, e("a1")),
            (4, e("a1x")),
            (3, e("a2")),
            (2, e("b")),
            (4, e("b-deep")),
            (2, e("c")),
        ];
        assert_eq!(shape(&nest(items)), "a(a1(a1x),a2),b(b-deep),c");
    }

    #[test]
    fn a_deeper_first_heading_stays_at_the_top() {
        assert_eq!(shape(&nest(vec![(3, e("x")), (2, e("y"))])), "x,y");
    }
}
