//! The press file's page boxes and printer's marks: each page (each sheet, imposed) gets its
//! TrimBox (the page), a BleedBox the bleed outside it, a MediaBox with room for crop marks,
//! and the marks themselves, drawn outside the bleed in the /Separation /All colour so that
//! they print on every plate. A sheet also gets fold marks at the fold.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::add_colour_space;
use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{PT_PER_MM, PaperSize};
use crate::pdf::impose::rect_array;

/// Length of a crop mark, in points: 5 mm, as print shops' own imposition software draws them.
const MARK_LENGTH: f32 = 5.0 * PT_PER_MM;
/// The least gap between the trim and a mark, in points: the marks start outside the bleed, and
/// at least 2 mm away from the trim, so that a cut a little off never shows them.
const MIN_MARK_OFFSET: f32 = 2.0 * PT_PER_MM;
/// Room past the marks' ends to the media's edge, in points.
const MARK_MARGIN: f32 = 1.0 * PT_PER_MM;
/// The marks' line width, in points: the hairline of registration marks.
const MARK_WIDTH: f32 = 0.25;
/// The resource name of the /Separation /All colour space.
const ALL_SPACE: &[u8] = b"QuireAll";

/// How each page is boxed and marked.
pub struct Boxing {
    /// The trimmed page (or sheet).
    pub trim: PaperSize,
    pub bleed: f32,
    pub marks: bool,
    /// Whether to mark a fold at the middle of the width (an imposed sheet).
    pub fold: bool,
}

/// Box and mark every page of `d` as `boxing` says.
pub fn box_pages(d: &mut Document, boxing: &Boxing, diags: &mut Diagnostics) -> Result<(), Failed> {
    let all = separation_all(d);
    let marks = boxing
        .marks
        .then(|| d.add_object(Stream::new(Dictionary::new(), marks_content(boxing))));
    let open = d.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let pages: Vec<ObjectId> = d.get_pages().values().copied().collect();
    let (w, h, b) = (boxing.trim.width, boxing.trim.height, boxing.bleed);
    let media = if boxing.marks {
        b.max(MIN_MARK_OFFSET) + MARK_LENGTH + MARK_MARGIN
    } else {
        b
    };
    for id in pages {
        let Ok(page) = d.get_dictionary_mut(id) else {
            diags.error(None, "press: a page is not a dictionary");
            return Err(Failed);
        };
        page.set("MediaBox", rect_array(-media, -media, w + media, h + media));
        page.set("BleedBox", rect_array(-b, -b, w + b, h + b));
        page.set("TrimBox", rect_array(0.0, 0.0, w, h));
        page.remove(b"CropBox");
        page.remove(b"ArtBox");
        if let Some(marks) = marks {
            // The page's drawing inside q..Q, so that the marks start from a clean state.
            let drawing = page.get(b"Contents").cloned().unwrap_or(Object::Null);
            page.set(
                "Contents",
                Object::Array(vec![
                    Object::Reference(open),
                    drawing,
                    Object::Reference(marks),
                ]),
            );
            add_colour_space(d, id, ALL_SPACE, &all, diags)?;
        }
    }
    Ok(())
}

/// `[/Separation /All /DeviceCMYK f]`: full tint is full ink on every plate.
fn separation_all(d: &mut Document) -> Object {
    let tint = Dictionary::from_iter([
        ("FunctionType", Object::Integer(2)),
        ("Domain", reals(&[0.0, 1.0])),
        ("C0", reals(&[0.0, 0.0, 0.0, 0.0])),
        ("C1", reals(&[1.0, 1.0, 1.0, 1.0])),
        ("N", Object::Integer(1)),
    ]);
    let tint = d.add_object(tint);
    Object::Array(vec![
        Object::Name(b"Separation".to_vec()),
        Object::Name(b"All".to_vec()),
        Object::Name(b"DeviceCMYK".to_vec()),
        Object::Reference(tint),
    ])
}

fn reals(values: &[f32]) -> Object {
    Object::Array(values.iter().map(|v| Object::Real(*v)).collect())
}

/// The marks' content stream: closes the page's q, then two marks at each corner, each on the
/// line of a trim edge and outside the bleed, and fold marks at the fold of a sheet.
fn marks_content(boxing: &Boxing) -> Vec<u8> {
    let (w, h) = (boxing.trim.width, boxing.trim.height);
    let near = boxing.bleed.max(MIN_MARK_OFFSET);
    let far = near + MARK_LENGTH;
    let mut lines: Vec<[f32; 4]> = Vec::new();
    for (x, outward_x) in [(0.0, -1.0), (w, 1.0)] {
        for (y, outward_y) in [(0.0, -1.0), (h, 1.0)] {
            // Horizontal, along the top or bottom trim edge; vertical, along the side.
            lines.push([x + outward_x * near, y, x + outward_x * far, y]);
            lines.push([x, y + outward_y * near, x, y + outward_y * far]);
        }
    }
    if boxing.fold {
        let fold = w / 2.0;
        lines.push([fold, -near, fold, -far]);
        lines.push([fold, h + near, fold, h + far]);
    }
    let mut out = format!(
        "Q\nq /{} CS 1 SC {MARK_WIDTH} w\n",
        String::from_utf8_lossy(ALL_SPACE)
    );
    for [x0, y0, x1, y1] in lines {
        out.push_str(&format!("{x0:.3} {y0:.3} m {x1:.3} {y1:.3} l S\n"));
    }
    out.push_str("Q\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_lie_outside_the_bleed_on_the_trim_lines() {
        let boxing = Boxing {
            trim: PaperSize {
                width: 400.0,
                height: 600.0,
            },
            bleed: 3.0 * PT_PER_MM,
            marks: true,
            fold: true,
        };
        let text = String::from_utf8(marks_content(&boxing)).unwrap();
        let lines: Vec<Vec<f32>> = text
            .lines()
            .filter(|l| l.ends_with(" l S"))
            .map(|l| {
                l.split(' ')
                    .filter_map(|n| n.parse().ok())
                    .collect::<Vec<f32>>()
            })
            .collect();
        assert_eq!(lines.len(), 10, "8 crop marks and 2 fold marks");
        let bleed = boxing.bleed - 0.01;
        for line in &lines {
            let [x0, y0, x1, y1] = [line[0], line[1], line[2], line[3]];
            let outside = |x: f32, y: f32| {
                x <= -bleed || x >= 400.0 + bleed || y <= -bleed || y >= 600.0 + bleed
            };
            assert!(
                outside(x0, y0) && outside(x1, y1),
                "{line:?} inside the bleed"
            );
        }
        assert!(text.contains("/QuireAll CS 1 SC"), "{text}");
    }
}
