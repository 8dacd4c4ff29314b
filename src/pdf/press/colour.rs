//! The press file's colours and bleed, rewritten in each page's content stream: neutral greys
//! as DeviceGray (the black plate alone), every other colour in an ICC-based sRGB space that
//! the print shop's RIP converts to the output intent's CMYK, never DeviceRGB; images likewise.
//! Rectangles, images and rules that touch the trim edge are extended into the bleed.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::PaperSize;
use crate::pdf::impose::one_content_stream;

/// The resource name of the ICC-based sRGB colour space in every page.
const RGB_SPACE: &[u8] = b"QuireRGB";
/// How near the trim edge a coordinate counts as touching it, in points: the writer rounds to a
/// thousandth, and a design that means the edge is within a hair of it.
const EDGE: f32 = 0.01;

/// The sRGB profile colours are given in (icc-profiles-free, see profiles/README.md).
const SRGB_PROFILE: &[u8] = include_bytes!("../../../profiles/sRGB.icc");

/// Rewrite every page of `d` (each `page` in size) for the press: colours as above, what touches
/// the trim edge extended by `bleed`, and no annotations.
pub fn convert(
    d: &mut Document,
    page: PaperSize,
    bleed: f32,
    diags: &mut Diagnostics,
) -> Result<(), Failed> {
    let mut profile = Stream::new(
        Dictionary::from_iter([("N", Object::Integer(3))]),
        SRGB_PROFILE.to_vec(),
    );
    let _ = profile.compress();
    let profile = d.add_object(profile);
    let space = Object::Array(vec![
        Object::Name(b"ICCBased".to_vec()),
        Object::Reference(profile),
    ]);
    let pages: Vec<ObjectId> = d.get_pages().values().copied().collect();
    let mut streams = Vec::with_capacity(pages.len());
    for id in pages {
        streams.push(prepare_page(d, id, &space, diags)?);
    }
    // The content streams are rewritten in parallel, out of the document and back.
    let taken: Vec<(ObjectId, Object)> = streams
        .into_iter()
        .filter_map(|id| d.objects.remove(&id).map(|stream| (id, stream)))
        .collect();
    let edges = Edges { page, bleed };
    let rewritten: Vec<(ObjectId, Object, bool)> = taken
        .into_par_iter()
        .map(|(id, mut object)| {
            let ok = object
                .as_stream_mut()
                .is_ok_and(|stream| rewrite_stream(stream, &edges));
            (id, object, ok)
        })
        .collect();
    let mut failed = false;
    for (id, object, ok) in rewritten {
        failed |= !ok;
        d.objects.insert(id, object);
    }
    if failed {
        diags.error(None, "press: a page's content stream cannot be read");
        return Err(Failed);
    }
    for object in d.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
        {
            replace_device_rgb(&mut stream.dict, &space);
        }
    }
    Ok(())
}

/// Takes the page `id`'s annotations away and gives it the ICC-based colour space; its content
/// stream's id.
fn prepare_page(
    d: &mut Document,
    id: ObjectId,
    space: &Object,
    diags: &mut Diagnostics,
) -> Result<ObjectId, Failed> {
    let Ok(page) = d.get_dictionary_mut(id) else {
        diags.error(None, "press: a page is not a dictionary");
        return Err(Failed);
    };
    page.remove(b"Annots");
    let Some(contents) = one_content_stream(d, id) else {
        diags.error(None, "press: a page's content stream is missing");
        return Err(Failed);
    };
    super::add_colour_space(d, id, RGB_SPACE, space, diags)?;
    Ok(contents)
}

/// Rewrites a content stream's colours and edges, compressed again; false when it cannot be
/// read or written.
fn rewrite_stream(stream: &mut Stream, edges: &Edges) -> bool {
    let decoded = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let Ok(content) = Content::decode(&decoded) else {
        return false;
    };
    let rewritten = Content {
        operations: rewrite(content.operations, edges),
    };
    let Ok(bytes) = rewritten.encode() else {
        return false;
    };
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"DecodeParms");
    stream.set_plain_content(bytes);
    stream.allows_compression = true;
    let _ = stream.compress();
    true
}

/// An image's DeviceRGB (or an indexed one's DeviceRGB base) as the ICC-based sRGB space.
fn replace_device_rgb(image: &mut Dictionary, space: &Object) {
    let is_rgb = |o: &Object| o.as_name().ok() == Some(b"DeviceRGB");
    match image.get_mut(b"ColorSpace") {
        Ok(o) if is_rgb(o) => *o = space.clone(),
        Ok(Object::Array(indexed)) if indexed.get(1).is_some_and(is_rgb) => {
            indexed[1] = space.clone();
        }
        _ => {}
    }
}

/// The trim box and how far past it the design may run.
struct Edges {
    page: PaperSize,
    bleed: f32,
}

impl Edges {
    /// `x`, moved out by the bleed when it lies on the left or right trim edge.
    fn x(&self, x: f32) -> f32 {
        self.out(x, self.page.width)
    }

    fn y(&self, y: f32) -> f32 {
        self.out(y, self.page.height)
    }

    fn out(&self, v: f32, far: f32) -> f32 {
        if v.abs() <= EDGE {
            -self.bleed
        } else if (v - far).abs() <= EDGE {
            far + self.bleed
        } else {
            v
        }
    }

    /// The rectangle from (x0, y0) to (x1, y1), each edge on the trim moved into the bleed.
    fn rect(&self, [x0, y0, x1, y1]: [f32; 4]) -> [f32; 4] {
        let (left, right) = (x0.min(x1), x0.max(x1));
        let (bottom, top) = (y0.min(y1), y0.max(y1));
        [self.x(left), self.y(bottom), self.x(right), self.y(top)]
    }
}

/// The operations with colours and edges for the press.
fn rewrite(operations: Vec<Operation>, edges: &Edges) -> Vec<Operation> {
    let mut out = Vec::with_capacity(operations.len());
    let mut ops = operations.into_iter().peekable();
    while let Some(op) = ops.next() {
        let numbers = op
            .operands
            .iter()
            .map(|o| o.as_float().ok())
            .collect::<Option<Vec<f32>>>();
        match (op.operator.as_str(), numbers.as_deref()) {
            ("rg" | "RG", Some(&[r, g, b])) => {
                let fill = op.operator == "rg";
                out.extend(colour(r, g, b, fill));
            }
            ("re", Some(&[x, y, w, h])) => {
                let [x0, y0, x1, y1] = edges.rect([x, y, x + w, y + h]);
                out.push(numbers_op("re", &[x0, y0, x1 - x0, y1 - y0]));
            }
            ("m" | "l", Some(&[x, y])) => {
                out.push(numbers_op(&op.operator, &[edges.x(x), edges.y(y)]));
            }
            ("cm", Some(&[a, 0.0, 0.0, d, e, f]))
                if ops.peek().is_some_and(|next| next.operator == "Do") =>
            {
                out.extend(image_placement([a, d, e, f], edges));
            }
            _ => out.push(op),
        }
    }
    out
}

/// A colour for the press: DeviceGray for a neutral grey, else the ICC-based sRGB space.
fn colour(r: f32, g: f32, b: f32, fill: bool) -> Vec<Operation> {
    if r == g && g == b {
        return vec![numbers_op(if fill { "g" } else { "G" }, &[r])];
    }
    let (space, set) = if fill { ("cs", "sc") } else { ("CS", "SC") };
    vec![
        Operation::new(space, vec![Object::Name(RGB_SPACE.to_vec())]),
        numbers_op(set, &[r, g, b]),
    ]
}

/// An image drawn into `[width, height, x, y]`: when it touches the trim edge, scaled evenly
/// (keeping its proportions) to cover its rectangle grown into the bleed, clipped to that.
fn image_placement([a, d, e, f]: [f32; 4], edges: &Edges) -> Vec<Operation> {
    let placed = numbers_op("cm", &[a, 0.0, 0.0, d, e, f]);
    let [x0, y0, x1, y1] = edges.rect([e, f, e + a, f + d]);
    let (width, height) = (x1 - x0, y1 - y0);
    if a == 0.0 || d == 0.0 || (width - a.abs()).abs() + (height - d.abs()).abs() <= EDGE {
        return vec![placed];
    }
    let scale = (width / a.abs()).max(height / d.abs());
    let (a2, d2) = (a * scale, d * scale);
    let (cx, cy) = (x0 + width / 2.0, y0 + height / 2.0);
    vec![
        numbers_op("re", &[x0, y0, width, height]),
        Operation::new("W", vec![]),
        Operation::new("n", vec![]),
        numbers_op("cm", &[a2, 0.0, 0.0, d2, cx - a2 / 2.0, cy - d2 / 2.0]),
    ]
}

fn numbers_op(operator: &str, values: &[f32]) -> Operation {
    Operation::new(operator, values.iter().map(|v| Object::Real(*v)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(text: &str) -> Vec<Operation> {
        Content::decode(text.as_bytes())
            .expect("content")
            .operations
    }

    fn written(operations: Vec<Operation>) -> String {
        let bytes = Content { operations }.encode().expect("encodes");
        String::from_utf8(bytes).expect("text")
    }

    const EDGES: Edges = Edges {
        page: PaperSize {
            width: 400.0,
            height: 600.0,
        },
        bleed: 9.0,
    };

    #[test]
    fn greys_are_gray_and_colours_icc_based_never_device_rgb() {
        let rewritten = rewrite(ops("0.5 0.5 0.5 rg 0.1 0.2 0.3 RG 1 0 0 rg"), &EDGES);
        let operators: Vec<&str> = rewritten.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(operators, ["g", "CS", "SC", "cs", "sc"]);
        let out = written(rewritten);
        assert!(out.contains("0.5 g"), "{out}");
        assert!(out.contains("/QuireRGB CS"), "{out}");
        assert!(out.contains("/QuireRGB cs"), "{out}");
    }

    #[test]
    fn what_touches_the_trim_edge_runs_into_the_bleed() {
        // A full-width background, a rectangle inside the page, a full-width rule.
        let out = ops("0 500 400 100 re f 50 50 10 10 re f 0 300 m 400 300 l S");
        let out = rewrite(out, &EDGES);
        let nums = |i: usize| -> Vec<f32> {
            out[i]
                .operands
                .iter()
                .map(|o| o.as_float().unwrap())
                .collect()
        };
        assert_eq!(nums(0), [-9.0, 500.0, 418.0, 109.0]);
        assert_eq!(nums(2), [50.0, 50.0, 10.0, 10.0]);
        assert_eq!(nums(4), [-9.0, 300.0]);
        assert_eq!(nums(5), [409.0, 300.0]);
    }

    #[test]
    fn a_full_page_image_is_scaled_evenly_past_the_trim_and_clipped() {
        let out = rewrite(ops("q 400 0 0 600 0 0 cm /Im1 Do Q"), &EDGES);
        let names: Vec<&str> = out.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(names, ["q", "re", "W", "n", "cm", "Do", "Q"]);
        let cm: Vec<f32> = out[4]
            .operands
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        // Scaled by the larger factor, (400 + 18) / 400, about the page's centre.
        let scale = 418.0 / 400.0;
        assert!((cm[0] - 400.0 * scale).abs() < 0.01 && (cm[3] - 600.0 * scale).abs() < 0.01);
        assert!((cm[4] + 9.0).abs() < 0.01, "{cm:?}");
        // An image inside the page is left alone.
        let inside = rewrite(ops("q 100 0 0 100 50 50 cm /Im1 Do Q"), &EDGES);
        assert_eq!(inside.len(), 4);
    }
}
