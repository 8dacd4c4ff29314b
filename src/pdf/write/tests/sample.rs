//! The hand-built page models the PDF writer tests write: real glyphs shaped with rustybuzz
//! from the built-in fonts, images in several formats, and a page set in a TrueType font read
//! from disk.

use crate::Diagnostics;
use crate::fonts::{BODY_REGULAR, FontFile, MONO};
use crate::model::{Asset, ImageFormat};
use crate::pdf::page::{
    DocumentInfo, Glyph, LabelStyle, LaidOutDocument, LinkArea, LinkTarget, OutlineEntry, Page,
    PageItem, PageLabelRange, Rect, Rgb, TextRun,
};
use crate::pdf::write::write_pdf;

/// A5 in points.
pub const PAGE_WIDTH: f32 = 419.53;
pub const PAGE_HEIGHT: f32 = 595.28;
pub const BODY_SIZE: f32 = 14.0;
pub const MARGIN: f32 = 50.0;

/// Shape `text` in `font` and return its glyphs (with the text of each cluster) and the width
/// of the run in points at `size`.
pub fn shape(font: FontFile, text: &str, size: f32) -> (Vec<Glyph>, f32) {
    let face = rustybuzz::Face::from_slice(font.bytes, 0).expect("a built-in font");
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&face, &[], buffer);
    let upem = f32::from(face.units_per_em() as u16);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut width = 0.0;
    let glyphs = infos
        .iter()
        .zip(positions)
        .enumerate()
        .map(|(i, (info, pos))| {
            let start = info.cluster as usize;
            let end = infos
                .get(i + 1)
                .map_or(text.len(), |next| next.cluster as usize)
                .max(start);
            let gid = info.glyph_id as u16;
            let nominal = face
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                .unwrap_or(0) as f32;
            width += pos.x_advance as f32 * size / upem;
            Glyph {
                gid,
                offset: (nominal - pos.x_advance as f32) * 1000.0 / upem,
                text: text[start..end].into(),
            }
        })
        .collect();
    (glyphs, width)
}

pub fn run(font: usize, file: FontFile, text: &str, x: f32, y: f32) -> (PageItem, f32) {
    let (glyphs, width) = shape(file, text, BODY_SIZE);
    let item = PageItem::Text(TextRun {
        mark: Default::default(),
        actual_text: None,
        font,
        size: BODY_SIZE,
        x,
        y,
        color: Rgb::BLACK,
        glyphs,
        scale: 1.0,
        lang: None,
    });
    (item, width)
}

/// A 40 x 20 image: a red left half and a blue right half.
pub fn halves() -> image::RgbImage {
    image::RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    })
}

pub fn encode(image: impl Into<image::DynamicImage>, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .into()
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .expect("encode an image");
    bytes
}

pub fn png_asset() -> Asset {
    Asset {
        drawing: None,
        path: "images/halves.png".into(),
        bytes: encode(halves(), image::ImageFormat::Png),
        format: ImageFormat::Png,
        width: 40,
        height: 20,
    }
}

pub fn jpeg_asset() -> Asset {
    Asset {
        drawing: None,
        path: "images/halves.jpg".into(),
        bytes: encode(halves(), image::ImageFormat::Jpeg),
        format: ImageFormat::Jpeg,
        width: 40,
        height: 20,
    }
}

/// The halves with a transparent right half.
pub fn alpha_png_asset() -> Asset {
    let rgba = image::RgbaImage::from_fn(40, 20, |x, y| {
        let image::Rgb([r, g, b]) = *halves().get_pixel(x, y);
        image::Rgba([r, g, b, if x < 20 { 255 } else { 0 }])
    });
    Asset {
        drawing: None,
        path: "images/alpha.png".into(),
        bytes: encode(rgba, image::ImageFormat::Png),
        format: ImageFormat::Png,
        width: 40,
        height: 20,
    }
}

pub fn assets() -> Vec<Asset> {
    vec![png_asset(), jpeg_asset(), alpha_png_asset()]
}

/// Three pages: ligatures, kerning, mono text, a rule under a word of known width, a shaded
/// rectangle, an image, a URI link, an internal link to page 3, anchors, a nested outline and
/// roman then decimal page labels.
pub fn sample() -> LaidOutDocument {
    let top = PAGE_HEIGHT - MARGIN;
    let pages = vec![first_page(top), second_page(top), third_page(top)];
    sample_document(pages, top)
}

/// Ligatures and kerning underlined, mono text on a shaded box, an internal and a URI link, an
/// image.
fn first_page(top: f32) -> Page {
    let mut first = Page::default();
    let (waffle, waffle_width) = run(0, BODY_REGULAR, "Efficient waffle office", MARGIN, top);
    first.items.push(waffle);
    first.items.push(PageItem::Line {
        mark: Default::default(),
        from: (MARGIN, top - 3.0),
        to: (MARGIN + waffle_width, top - 3.0),
        width: 0.5,
        color: Rgb::BLACK,
    });
    let (avatar, avatar_width) = run(0, BODY_REGULAR, "AVATAR Wave", MARGIN, top - 30.0);
    first.items.push(avatar);
    first.items.push(PageItem::Line {
        mark: Default::default(),
        from: (MARGIN, top - 33.0),
        to: (MARGIN + avatar_width, top - 33.0),
        width: 0.5,
        color: Rgb(0.8, 0.1, 0.1),
    });
    first.items.push(PageItem::FilledRect {
        mark: Default::default(),
        rect: Rect {
            x: MARGIN - 4.0,
            y: top - 68.0,
            width: 200.0,
            height: 22.0,
        },
        color: Rgb(0.9, 0.9, 0.9),
    });
    let (code, _) = run(1, MONO, "let x = 42;", MARGIN, top - 62.0);
    first.items.push(code);
    let (link_text, link_width) = run(0, BODY_REGULAR, "See the appendix", MARGIN, top - 100.0);
    first.items.push(link_text);
    first.links.push(LinkArea {
        node: None,
        rect: Rect {
            x: MARGIN,
            y: top - 104.0,
            width: link_width,
            height: 16.0,
        },
        target: LinkTarget::Page { page: 2, y: top },
    });
    let (uri_text, uri_width) = run(0, BODY_REGULAR, "example.org", MARGIN, top - 130.0);
    first.items.push(uri_text);
    first.links.push(LinkArea {
        node: None,
        rect: Rect {
            x: MARGIN,
            y: top - 134.0,
            width: uri_width,
            height: 16.0,
        },
        target: LinkTarget::Uri("https://example.org/".into()),
    });
    first.items.push(PageItem::Image {
        mark: Default::default(),
        asset: 0,
        rect: Rect {
            x: MARGIN,
            y: 200.0,
            width: 160.0,
            height: 80.0,
        },
        alt: "two halves".into(),
    });
    first
}

/// Runs split on one baseline, two images, anchors of a chapter and a section.
fn second_page(top: f32) -> Page {
    let mut second = Page::default();
    let (heading, _) = run(0, BODY_REGULAR, "Chapter One", MARGIN, top);
    second.items.push(heading);
    // Two runs in one font on one baseline (printpdf merges them into one TJ), then a third in
    // another colour.
    let (split, split_width) = run(0, BODY_REGULAR, "Split ", MARGIN, top - 40.0);
    second.items.push(split);
    let (runs, runs_width) = run(0, BODY_REGULAR, "runs", MARGIN + split_width, top - 40.0);
    second.items.push(runs);
    let (coloured, _) = run(
        0,
        BODY_REGULAR,
        " here",
        MARGIN + split_width + runs_width,
        top - 40.0,
    );
    if let PageItem::Text(mut text) = coloured {
        text.color = Rgb(0.1, 0.3, 0.7);
        second.items.push(PageItem::Text(text));
    }
    second.items.push(PageItem::Image {
        mark: Default::default(),
        asset: 1,
        rect: Rect {
            x: MARGIN,
            y: 300.0,
            width: 120.0,
            height: 60.0,
        },
        alt: "a JPEG".into(),
    });
    second.items.push(PageItem::Image {
        mark: Default::default(),
        asset: 2,
        rect: Rect {
            x: MARGIN,
            y: 200.0,
            width: 120.0,
            height: 60.0,
        },
        alt: "half transparent".into(),
    });
    second.anchors.push(("chapter-one".into(), top + 14.0));
    second
        .anchors
        .push(("chapter-one/first-steps".into(), top - 20.0));
    second
}

/// The appendix's opening.
fn third_page(top: f32) -> Page {
    let mut third = Page::default();
    let (appendix, _) = run(0, BODY_REGULAR, "Appendix", MARGIN, top);
    third.items.push(appendix);
    third.anchors.push(("appendix".into(), top + 14.0));
    third
}

/// `pages` with a nested outline, roman then decimal labels and an information dictionary.
fn sample_document(pages: Vec<Page>, top: f32) -> LaidOutDocument {
    let entry = |title: &str, page, y, children| OutlineEntry {
        title: title.into(),
        page,
        y,
        children,
    };
    LaidOutDocument {
        structure: Vec::new(),
        tagged: false,
        page_width: PAGE_WIDTH,
        page_height: PAGE_HEIGHT,
        fonts: vec![BODY_REGULAR, MONO],
        pages,
        outline: vec![
            entry("Contents", 0, top, vec![]),
            entry(
                "Chapter One",
                1,
                top + 14.0,
                vec![entry(
                    "First steps",
                    1,
                    top - 20.0,
                    vec![entry("Café hygiene", 1, top - 40.0, vec![])],
                )],
            ),
            entry("Appendix (notes) \\ misc", 2, top + 14.0, vec![]),
        ],
        labels: vec![
            PageLabelRange {
                first_page: 0,
                style: LabelStyle::LowerRoman,
                start: 1,
            },
            PageLabelRange {
                first_page: 1,
                style: LabelStyle::Decimal,
                start: 1,
            },
        ],
        info: DocumentInfo {
            title: "Becoming a Medical Technician".into(),
            author: "A. Author".into(),
            subject: "Careers".into(),
            keywords: "career, laboratory".into(),
            creator: "quire".into(),
            producer: "quire 0.1.0".into(),
            language: "en-US".into(),
            timestamp: 1_700_000_000,
            id: *b"0123456789abcdef",
        },
        print_pages: Default::default(),
    }
}

pub fn write(doc: &LaidOutDocument, images: &[Asset]) -> Vec<u8> {
    let mut diags = Diagnostics::new();
    let bytes = write_pdf(doc, images, &mut diags)
        .unwrap_or_else(|_| panic!("write failed: {:?}", diags.items()));
    assert!(!diags.has_errors(), "{:?}", diags.items());
    bytes
}

/// The lines of [`user_truetype_document`]'s page.
pub const USER_TRUETYPE_LINES: [&str; 2] = ["Naïve café façade, déjà vu", "Zoë paid 42 € — ŷ ñ"];

/// One page set in a TrueType font read from disk at run time, as a style's [fonts] would bring
/// it; its accented letters are composite glyphs, whose parts the subset must carry too. Returns
/// the document and the lines it sets.
pub fn user_truetype_document() -> (LaidOutDocument, [&'static str; 2]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/DejaVuSansMono.ttf");
    let bytes = std::fs::read(path).expect("font");
    let user = FontFile {
        file_name: "UserMono.ttf",
        bytes: Box::leak(bytes.into_boxed_slice()),
    };
    let mut page = Page::default();
    for (i, line) in USER_TRUETYPE_LINES.iter().enumerate() {
        let (item, _) = run(
            0,
            user,
            line,
            MARGIN,
            PAGE_HEIGHT - MARGIN - 20.0 * i as f32,
        );
        page.items.push(item);
    }
    let doc = LaidOutDocument {
        fonts: vec![user],
        pages: vec![page],
        outline: vec![],
        labels: vec![],
        ..sample()
    };
    (doc, USER_TRUETYPE_LINES)
}

/// The document with no pages at all (written as one blank page, with a warning).
pub fn empty_document() -> LaidOutDocument {
    LaidOutDocument {
        pages: vec![],
        outline: vec![],
        labels: vec![],
        ..sample()
    }
}
