//! A laid-out document as plain text, one line per placed run, rule, box, image, link or
//! anchor, so that a change to a typographic rule can be reviewed as a diff of text files (the
//! reference corpus in `tests/layout/`). Numbers are points, rounded to 0.01 so that the dump
//! is stable across platforms whose float formatting or last-bit arithmetic differ.
//!
//! Each page starts with a header, `page N label L role`: its number from 1, the label it
//! prints, and what it is (`cover`, `imprint`, `blank`, `contents`, or `chapter #i` for the
//! i-th entry of the book's chapters, counted from 0), with `opens` on the first page of the
//! contents and of each chapter.
//!
//! A text row reads `page x y width font size <mark> "text"`: the run's start on its baseline, its drawn
//! width (advances plus the TJ adjustments that carry kerning and justification), the font's file
//! name and the size.
//!
//! Every row of a placed item has its structure mark in angle brackets, before the text of a
//! text row or image and at the end of the others: `<P 4.12>`, the role and id (flow.index)
//! of the element it is content of, or `<artifact header>`. After the
//! pages, the structure's elements, one a line: `element ID ROLE in PARENT`, with a figure's
//! alternative text and a note's id.

use std::fmt::Write;

use rustybuzz::ttf_parser::{Face, GlyphId};

use super::layout::{Inspection, PageRole};
use super::page::{Artifact, LaidOutDocument, LinkTarget, Mark, Node, PageItem, Rect, TextRun};

/// The dump of a laid-out document.
pub fn dump(inspection: &Inspection) -> String {
    let doc = &inspection.doc;
    let faces: Vec<Option<Face>> = doc
        .fonts
        .iter()
        .map(|f| Face::parse(f.bytes, 0).ok())
        .collect();
    let roles: std::collections::HashMap<_, _> = doc.structure.iter().map(|n| (n.id, n)).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "document {} x {}, {} pages",
        num(doc.page_width),
        num(doc.page_height),
        doc.pages.len()
    );
    for (p, page) in doc.pages.iter().enumerate() {
        let n = p + 1;
        let label = inspection.page_labels.get(p).map_or("", String::as_str);
        let role = inspection.roles.get(p).map_or(String::new(), role_text);
        let _ = writeln!(out, "page {n} label {label} {role}");
        for item in &page.items {
            let mark = mark_text(item.mark(), &roles);
            match item {
                PageItem::Text(run) => {
                    let face = faces.get(run.font).and_then(Option::as_ref);
                    let font = doc.fonts.get(run.font).map_or("?", |f| f.file_name);
                    let _ = writeln!(
                        out,
                        "{n} {} {} {} {font} {} {mark} {:?}",
                        num(run.x),
                        num(run.y),
                        num(run_width(run, face)),
                        num(run.size),
                        run_text(run)
                    );
                }
                PageItem::Line {
                    from, to, width, ..
                } => {
                    let _ = writeln!(
                        out,
                        "{n} rule {} {} to {} {} weight {} {mark}",
                        num(from.0),
                        num(from.1),
                        num(to.0),
                        num(to.1),
                        num(*width)
                    );
                }
                PageItem::FilledRect { rect, .. } => {
                    let _ = writeln!(out, "{n} box {} {mark}", rect_text(rect));
                }
                PageItem::Image {
                    asset, rect, alt, ..
                } => {
                    let _ = writeln!(out, "{n} image {asset} {} {mark} {alt:?}", rect_text(rect));
                }
            }
        }
        for link in &page.links {
            let target = match &link.target {
                LinkTarget::Uri(uri) => uri.clone(),
                LinkTarget::Page { page, y } => format!("page {} y {}", page + 1, num(*y)),
            };
            let _ = writeln!(out, "{n} link {} -> {target}", rect_text(&link.rect));
        }
        for (name, y) in &page.anchors {
            let _ = writeln!(out, "{n} anchor {name} y {}", num(*y));
        }
    }
    structure(&mut out, doc);
    out
}

/// The structure's elements, one a line.
fn structure(out: &mut String, doc: &LaidOutDocument) {
    let _ = writeln!(out, "structure, {} elements", doc.structure.len());
    for node in &doc.structure {
        let parent = node.parent.map_or("-".to_string(), id_text);
        let _ = write!(
            out,
            "element {} {:?} in {parent}",
            id_text(node.id),
            node.role
        );
        if let Some(alt) = &node.alt {
            let _ = write!(out, " alt {alt:?}");
        }
        if let Some(id) = &node.element_id {
            let _ = write!(out, " id {id:?}");
        }
        out.push('\n');
    }
}

fn id_text(id: crate::pdf::page::NodeId) -> String {
    format!("{}.{}", id.flow, id.index)
}

/// An item's mark: its element's role and id, or the kind of artifact.
fn mark_text(
    mark: Mark,
    roles: &std::collections::HashMap<crate::pdf::page::NodeId, &Node>,
) -> String {
    match mark {
        Mark::Content(id) => {
            let role = roles
                .get(&id)
                .map_or("?".to_string(), |n| format!("{:?}", n.role));
            format!("<{role} {}>", id_text(id))
        }
        Mark::Artifact(kind) => {
            let kind = match kind {
                Artifact::Header => "header",
                Artifact::Footer => "footer",
                Artifact::Pagination => "pagination",
                Artifact::Layout => "layout",
            };
            format!("<artifact {kind}>")
        }
        Mark::Unassigned | Mark::LineLink(_) | Mark::NoteCall => "<unassigned>".to_string(),
    }
}

fn role_text(role: &PageRole) -> String {
    match *role {
        PageRole::Cover => "cover".into(),
        PageRole::Imprint => "imprint".into(),
        PageRole::Blank => "blank".into(),
        PageRole::Text { chapter, opening } => {
            let what = chapter.map_or("contents".to_string(), |i| format!("chapter #{i}"));
            if opening {
                format!("{what} opens")
            } else {
                what
            }
        }
    }
}

/// The text a run stands for (its glyphs' ToUnicode texts).
pub fn run_text(run: &TextRun) -> String {
    run.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// The drawn width of a run: nominal advances less the TJ adjustments, scaled to its size and
/// its horizontal scale.
fn run_width(run: &TextRun, face: Option<&Face>) -> f32 {
    let Some(face) = face else { return 0.0 };
    let upem = f32::from(face.units_per_em()).max(1.0);
    run.glyphs
        .iter()
        .map(|g| {
            let advance = face.glyph_hor_advance(GlyphId(g.gid)).unwrap_or(0);
            (f32::from(advance) / upem - g.offset / 1000.0) * run.size * run.scale
        })
        .sum()
}

fn rect_text(r: &Rect) -> String {
    format!(
        "{} {} {} {}",
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    )
}

/// A number rounded to 0.01, without a sign on zero.
fn num(v: f32) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.2}")
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_round_to_hundredths_and_zero_has_no_sign() {
        assert_eq!(num(1.005_1), "1.01");
        assert_eq!(num(-0.001), "0.00");
        assert_eq!(num(595.275_6), "595.28");
    }
}
