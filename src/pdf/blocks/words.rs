//! A paragraph's lines read as running text (ActualText, ISO 32000-1, 14.9.4). A word
//! hyphenated at a line end reads whole: the part before the break stands for the whole word
//! (without the added hyphen), the part after it for nothing, so that copying the text or
//! reading it aloud gives the word once and unbroken. Any other line that another follows and
//! that does not end inside a word (after a hyphen, at a URL's slash) ends with the space the
//! line break took: its last glyph reads as itself and a space, so
//! that the last word of one line and the first of the next do not run together.

use smol_str::SmolStr;

use crate::pdf::inline::Line;
use crate::pdf::page::{ActualText, PageItem, TextRun};

/// The text of a glyph that ends a word.
const SPACE: &str = " ";
/// The hyphen the setter adds at a hyphenated line end.
const HYPHEN: &str = "-";

/// Give each word hyphenated across two of `lines`, and each line end between words, its
/// actual text.
pub fn read_across_lines(lines: &mut [Line]) {
    for i in 1..lines.len() {
        if !lines[i - 1].hyphenated {
            if !lines[i - 1].inside_word {
                space_at_end(&mut lines[i - 1]);
            }
            continue;
        }
        let (before, after) = lines.split_at_mut(i);
        let (Some(head), Some(tail)) = (last_run(&mut before[i - 1]), first_run(&mut after[0]))
        else {
            continue;
        };
        let Some(last) = head.glyphs.last() else {
            continue;
        };
        if last.text != HYPHEN {
            continue;
        }
        let start = head
            .glyphs
            .iter()
            .rposition(|g| g.text == SPACE)
            .map_or(0, |p| p + 1);
        let end = tail
            .glyphs
            .iter()
            .position(|g| g.text == SPACE)
            .unwrap_or(tail.glyphs.len());
        let mut word: String = head.glyphs[start..head.glyphs.len() - 1]
            .iter()
            .map(|g| g.text.as_str())
            .collect();
        word.extend(tail.glyphs[..end].iter().map(|g| g.text.as_str()));
        let whole = ActualText {
            start,
            end: head.glyphs.len(),
            text: SmolStr::from(word),
        };
        add(&mut head.actual_text, whole, false);
        if end > 0 {
            let nothing = ActualText {
                start: 0,
                end,
                text: SmolStr::default(),
            };
            add(&mut tail.actual_text, nothing, true);
        }
    }
}

/// The last glyph of `line` reads as its text and a space.
fn space_at_end(line: &mut Line) {
    let Some(run) = last_run(line) else { return };
    let Some(last) = run.glyphs.last() else {
        return;
    };
    if last.text == SPACE {
        return;
    }
    let text = SmolStr::from([last.text.as_str(), SPACE].concat());
    let end = run.glyphs.len();
    let spaced = ActualText {
        start: end - 1,
        end,
        text,
    };
    add(&mut run.actual_text, spaced, false);
}

/// Add `text` to a run's actual texts, before the others when `first`.
fn add(texts: &mut Option<Box<[ActualText]>>, text: ActualText, first: bool) {
    let mut all: Vec<ActualText> = texts.take().map(Vec::from).unwrap_or_default();
    if first {
        all.insert(0, text);
    } else {
        all.push(text);
    }
    *texts = Some(all.into_boxed_slice());
}

fn last_run(line: &mut Line) -> Option<&mut TextRun> {
    line.items.iter_mut().rev().find_map(|item| match item {
        PageItem::Text(run) => Some(run),
        _ => None,
    })
}

fn first_run(line: &mut Line) -> Option<&mut TextRun> {
    line.items.iter_mut().find_map(|item| match item {
        PageItem::Text(run) => Some(run),
        _ => None,
    })
}
