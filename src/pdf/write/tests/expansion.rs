//! Character expansion in the written content: a run the line breaker expanded keeps an
//! unscaled text matrix (so text tools read its letters at their size), spends the extra width
//! on letter spacing, and leaves its word spaces as the breaker set them.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object};

use super::sample::{MARGIN, PAGE_HEIGHT, run, write};
use crate::fonts::BODY_REGULAR;
use crate::pdf::page::{LaidOutDocument, Page, PageItem};

/// The expansion the test gives its run: within the line breaker's ±2 %.
const SCALE: f32 = 1.02;
/// What the widths may differ by: the content stream's rounding of numbers.
const TOLERANCE: f32 = 0.02;

fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// The advances in 1/1000 em the document's only font gives its CIDs (/W), and the default
/// for the others (/DW).
struct Widths {
    by_cid: std::collections::HashMap<u16, f32>,
    default: f32,
}

impl Widths {
    fn of(&self, cid: u16) -> f32 {
        self.by_cid.get(&cid).copied().unwrap_or(self.default)
    }
}

fn widths(pdf: &Document) -> Widths {
    let mut by_cid = std::collections::HashMap::new();
    let mut default = 1000.0;
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let Ok(w) = dict.get(b"W").and_then(Object::as_array) else {
            continue;
        };
        if let Ok(dw) = dict.get(b"DW") {
            default = number(dw);
        }
        let mut items = w.iter();
        while let (Some(first), Some(next)) = (items.next(), items.next()) {
            let first = number(first) as u16;
            match next {
                Object::Array(list) => {
                    for (i, width) in list.iter().enumerate() {
                        by_cid.insert(first + i as u16, number(width));
                    }
                }
                last => {
                    let width = number(items.next().expect("a width after a range"));
                    for cid in first..=number(last) as u16 {
                        by_cid.insert(cid, width);
                    }
                }
            }
        }
    }
    Widths { by_cid, default }
}

/// The page's text operations, and how far its TJ moves the pen (points), given the widths.
struct Drawn {
    matrix: Vec<f32>,
    spacing: f32,
    advance: f32,
    /// Points the pen moves over each word space (the space glyph and its adjustment, and the
    /// spacing after it and after the letter before it).
    word_spaces: Vec<f32>,
}

fn drawn(doc: &LaidOutDocument, space_cid: u16) -> Drawn {
    let pdf = Document::load_mem(&write(doc, &[])).expect("the PDF reads back");
    let widths = widths(&pdf);
    let page = *pdf.get_pages().values().next().expect("a page");
    let content = Content::decode(&pdf.get_page_content(page)).unwrap();
    let (mut matrix, mut spacing, mut size) = (vec![], 0.0, 0.0);
    let (mut advance, mut word_spaces) = (0.0, vec![]);
    for Operation { operator, operands } in &content.operations {
        match operator.as_str() {
            "Tm" => matrix = operands.iter().map(number).collect(),
            "Tc" => spacing = number(&operands[0]),
            "Tf" => size = number(&operands[1]),
            "TJ" => {
                let mut last_was_space = false;
                for part in operands[0].as_array().unwrap() {
                    match part {
                        Object::String(bytes, _) => {
                            for cid in bytes.chunks(2).map(|b| u16::from_be_bytes([b[0], b[1]])) {
                                let step = widths.of(cid) / 1000.0 * size + spacing;
                                advance += step;
                                if cid == space_cid {
                                    // The spacing after the word's last letter is the space's too.
                                    word_spaces.push(step + spacing);
                                }
                                last_was_space = cid == space_cid;
                            }
                        }
                        adjustment => {
                            let step = -number(adjustment) / 1000.0 * size;
                            advance += step;
                            if last_was_space {
                                *word_spaces.last_mut().unwrap() += step;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Drawn {
        matrix,
        spacing,
        advance,
        word_spaces,
    }
}

/// One page with one run of `text`, expanded by `scale`.
fn one_run(text: &str, scale: f32) -> LaidOutDocument {
    let (mut item, _) = run(0, BODY_REGULAR, text, MARGIN, PAGE_HEIGHT - MARGIN);
    if let PageItem::Text(run) = &mut item {
        run.scale = scale;
    }
    let mut page = Page::default();
    page.items.push(item);
    LaidOutDocument {
        pages: vec![page],
        outline: vec![],
        labels: vec![],
        ..super::sample()
    }
}

#[test]
fn an_expanded_run_is_letter_spaced_under_an_unscaled_matrix() {
    let text = "Laboratory technicians examine samples";
    let plain = drawn(&one_run(text, 1.0), 1);
    let expanded = drawn(&one_run(text, SCALE), 1);
    assert_eq!(
        expanded.matrix[..4],
        [1.0, 0.0, 0.0, 1.0],
        "no scaled matrix"
    );
    assert!(
        expanded.spacing > 0.0,
        "the letters are spaced: {}",
        expanded.spacing
    );
    assert_eq!(plain.spacing, 0.0);
    assert!(
        (expanded.advance - SCALE * plain.advance).abs() < TOLERANCE,
        "the run takes {SCALE} times its width: {} against {}",
        expanded.advance,
        SCALE * plain.advance
    );
    assert_eq!(expanded.word_spaces.len(), 3);
    for (expanded, plain) in expanded.word_spaces.iter().zip(&plain.word_spaces) {
        assert!(
            (expanded - SCALE * plain).abs() < TOLERANCE,
            "a word space is the scaled space: {expanded} against {}",
            SCALE * plain
        );
    }
}
