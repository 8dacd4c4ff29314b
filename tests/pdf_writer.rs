//! The PDF writer on a hand-built page model: real glyphs shaped with rustybuzz from the
//! built-in fonts, then the bytes read back with lopdf and, where installed, qpdf, pdftotext
//! and pdffonts.

mod common;

use std::process::Command;

use lopdf::{Document, Object, ObjectId};
use quire::Diagnostics;
use quire::fonts::{BODY_REGULAR, FontFile, MONO};
use quire::model::{Asset, ImageFormat};
use quire::pdf::page::{
    DocumentInfo, Glyph, LabelStyle, LaidOutDocument, LinkArea, LinkTarget, OutlineEntry, Page,
    PageItem, PageLabelRange, Rect, Rgb, TextRun,
};
use quire::pdf::write::write_pdf;

/// A5 in points.
const PAGE_WIDTH: f32 = 419.53;
const PAGE_HEIGHT: f32 = 595.28;
const BODY_SIZE: f32 = 14.0;
const MARGIN: f32 = 50.0;

/// Shape `text` in `font` and return its glyphs (with the text of each cluster) and the width
/// of the run in points at `size`.
fn shape(font: FontFile, text: &str, size: f32) -> (Vec<Glyph>, f32) {
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

fn run(font: usize, file: FontFile, text: &str, x: f32, y: f32) -> (PageItem, f32) {
    let (glyphs, width) = shape(file, text, BODY_SIZE);
    let item = PageItem::Text(TextRun {
        font,
        size: BODY_SIZE,
        x,
        y,
        color: Rgb::BLACK,
        glyphs,
    });
    (item, width)
}

/// A 40 x 20 image: a red left half and a blue right half.
fn halves() -> image::RgbImage {
    image::RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    })
}

fn encode(image: impl Into<image::DynamicImage>, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .into()
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .expect("encode an image");
    bytes
}

fn png_asset() -> Asset {
    Asset {
        path: "images/halves.png".into(),
        bytes: encode(halves(), image::ImageFormat::Png),
        format: ImageFormat::Png,
        width: 40,
        height: 20,
    }
}

fn jpeg_asset() -> Asset {
    Asset {
        path: "images/halves.jpg".into(),
        bytes: encode(halves(), image::ImageFormat::Jpeg),
        format: ImageFormat::Jpeg,
        width: 40,
        height: 20,
    }
}

/// The halves with a transparent right half.
fn alpha_png_asset() -> Asset {
    let rgba = image::RgbaImage::from_fn(40, 20, |x, y| {
        let image::Rgb([r, g, b]) = *halves().get_pixel(x, y);
        image::Rgba([r, g, b, if x < 20 { 255 } else { 0 }])
    });
    Asset {
        path: "images/alpha.png".into(),
        bytes: encode(rgba, image::ImageFormat::Png),
        format: ImageFormat::Png,
        width: 40,
        height: 20,
    }
}

fn assets() -> Vec<Asset> {
    vec![png_asset(), jpeg_asset(), alpha_png_asset()]
}

/// Three pages: ligatures, kerning, mono text, a rule under a word of known width, a shaded
/// rectangle, an image, a URI link, an internal link to page 3, anchors, a nested outline and
/// roman then decimal page labels.
fn sample() -> LaidOutDocument {
    let top = PAGE_HEIGHT - MARGIN;
    let mut first = Page::default();
    let (waffle, waffle_width) = run(0, BODY_REGULAR, "Efficient waffle office", MARGIN, top);
    first.items.push(waffle);
    first.items.push(PageItem::Line {
        from: (MARGIN, top - 3.0),
        to: (MARGIN + waffle_width, top - 3.0),
        width: 0.5,
        color: Rgb::BLACK,
    });
    let (avatar, avatar_width) = run(0, BODY_REGULAR, "AVATAR Wave", MARGIN, top - 30.0);
    first.items.push(avatar);
    first.items.push(PageItem::Line {
        from: (MARGIN, top - 33.0),
        to: (MARGIN + avatar_width, top - 33.0),
        width: 0.5,
        color: Rgb(0.8, 0.1, 0.1),
    });
    first.items.push(PageItem::FilledRect {
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
        rect: Rect {
            x: MARGIN,
            y: top - 134.0,
            width: uri_width,
            height: 16.0,
        },
        target: LinkTarget::Uri("https://example.org/".into()),
    });
    first.items.push(PageItem::Image {
        asset: 0,
        rect: Rect {
            x: MARGIN,
            y: 200.0,
            width: 160.0,
            height: 80.0,
        },
        alt: "two halves".into(),
    });

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

    let mut third = Page::default();
    let (appendix, _) = run(0, BODY_REGULAR, "Appendix", MARGIN, top);
    third.items.push(appendix);
    third.anchors.push(("appendix".into(), top + 14.0));

    let entry = |title: &str, page, y, children| OutlineEntry {
        title: title.into(),
        page,
        y,
        children,
    };
    LaidOutDocument {
        page_width: PAGE_WIDTH,
        page_height: PAGE_HEIGHT,
        fonts: vec![BODY_REGULAR, MONO],
        pages: vec![first, second, third],
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
    }
}

fn write(doc: &LaidOutDocument, images: &[Asset]) -> Vec<u8> {
    let mut diags = Diagnostics::new();
    let bytes = write_pdf(doc, images, &mut diags)
        .unwrap_or_else(|_| panic!("write failed: {:?}", diags.items()));
    assert!(!diags.has_errors(), "{:?}", diags.items());
    bytes
}

fn save(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    // One folder per file: `temp_dir` empties its folder, and the tests run in parallel.
    let path = common::temp_dir(&format!("pdf_writer_{name}")).join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    path
}

fn dict<'a>(pdf: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn catalog(pdf: &Document) -> &lopdf::Dictionary {
    pdf.catalog().expect("a catalog")
}

fn text(object: &Object) -> String {
    let bytes = object.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("UTF-16")
    } else {
        String::from_utf8(bytes.to_vec()).expect("ASCII")
    }
}

#[test]
fn pages_and_media_box() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), 3);
    assert_eq!(pdf.version, "1.7");
    for id in pages.values() {
        let page = pdf.get_dictionary(*id).expect("page");
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("MediaBox")
            .iter()
            .map(|v| v.as_float().expect("number"))
            .collect();
        assert_eq!(media, [0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT]);
    }
}

#[test]
fn fonts_are_tagged_subsets_with_tounicode() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let mut seen = Vec::new();
    for object in pdf.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let base = String::from_utf8(
            font.get(b"BaseFont")
                .and_then(Object::as_name)
                .expect("BaseFont")
                .to_vec(),
        )
        .expect("ASCII name");
        let (tag, name) = base.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{base}"
        );
        assert!(font.get(b"ToUnicode").is_ok(), "{base} has no ToUnicode");
        let descendant = font
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .expect("descendants");
        let descriptor = dict(
            &pdf,
            dict(&pdf, &descendant[0])
                .get(b"FontDescriptor")
                .expect("descriptor"),
        );
        let file = [&b"FontFile3"[..], b"FontFile2"]
            .iter()
            .find_map(|key| descriptor.get(key).ok())
            .expect("an embedded font program");
        let stream = pdf
            .get_object(file.as_reference().expect("ref"))
            .and_then(Object::as_stream)
            .expect("stream");
        let program = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let original = if name.starts_with("DejaVu") {
            MONO
        } else {
            BODY_REGULAR
        };
        assert!(
            program.len() * 4 < original.bytes.len(),
            "{base}: {} bytes embedded of {}",
            program.len(),
            original.bytes.len()
        );
        // The subset is still a font a parser reads, with fewer glyphs, all drawn but the space.
        let subset = rustybuzz::ttf_parser::Face::parse(&program, 0)
            .unwrap_or_else(|err| panic!("{base}: the embedded subset does not parse: {err}"));
        let full = rustybuzz::ttf_parser::Face::parse(original.bytes, 0).expect("built-in font");
        assert!(
            subset.number_of_glyphs() < full.number_of_glyphs() / 10,
            "{base}"
        );
        let blank = (1..subset.number_of_glyphs())
            .filter(|&gid| {
                subset
                    .glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(gid))
                    .is_none()
            })
            .count();
        assert_eq!(blank, 1, "{base}: {blank} glyphs without an outline");
        seen.push(name.to_string());
    }
    seen.sort();
    assert_eq!(seen, ["DejaVuSansMono", "LinLibertineO"]);
}

#[test]
fn outline_is_nested_with_counts_and_parents() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let cat = catalog(&pdf);
    assert_eq!(
        cat.get(b"PageMode").and_then(Object::as_name).ok(),
        Some(&b"UseOutlines"[..])
    );
    let root_id = cat
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("Outlines");
    let root = pdf.get_dictionary(root_id).expect("outline root");
    let items = |first: ObjectId| {
        let mut out = vec![first];
        while let Ok(next) = pdf
            .get_dictionary(*out.last().unwrap())
            .and_then(|d| d.get(b"Next"))
            .and_then(Object::as_reference)
        {
            out.push(next);
        }
        out
    };
    let top = items(
        root.get(b"First")
            .and_then(Object::as_reference)
            .expect("First"),
    );
    let titles: Vec<String> = top
        .iter()
        .map(|id| text(pdf.get_dictionary(*id).unwrap().get(b"Title").unwrap()))
        .collect();
    assert_eq!(
        titles,
        ["Contents", "Chapter One", "Appendix (notes) \\ misc"]
    );
    // Shown: the three top entries and "First steps"; "Café hygiene" waits inside it.
    assert_eq!(root.get(b"Count").and_then(Object::as_i64).ok(), Some(4));
    let chapter = pdf.get_dictionary(top[1]).unwrap();
    assert_eq!(chapter.get(b"Count").and_then(Object::as_i64).ok(), Some(1));
    assert_eq!(
        chapter.get(b"Parent").and_then(Object::as_reference).ok(),
        Some(root_id)
    );
    let steps_id = chapter
        .get(b"First")
        .and_then(Object::as_reference)
        .unwrap();
    let steps = pdf.get_dictionary(steps_id).unwrap();
    assert_eq!(
        steps.get(b"Parent").and_then(Object::as_reference).ok(),
        Some(top[1])
    );
    assert_eq!(steps.get(b"Count").and_then(Object::as_i64).ok(), Some(-1));
    let cafe = pdf
        .get_dictionary(steps.get(b"First").and_then(Object::as_reference).unwrap())
        .unwrap();
    assert_eq!(text(cafe.get(b"Title").unwrap()), "Café hygiene");
    let pages = pdf.get_pages();
    let dest = cafe.get(b"Dest").and_then(Object::as_array).expect("Dest");
    assert_eq!(dest[0].as_reference().ok(), Some(pages[&2]));
}

#[test]
fn links_labels_names_language_and_info() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let pages = pdf.get_pages();
    let first = pdf.get_dictionary(pages[&1]).unwrap();
    let annots = first
        .get(b"Annots")
        .and_then(Object::as_array)
        .expect("Annots");
    assert_eq!(annots.len(), 2);
    let mut goto_page = None;
    let mut uri = None;
    for annot in annots {
        let annot = dict(&pdf, annot);
        assert_eq!(
            annot.get(b"Subtype").and_then(Object::as_name).ok(),
            Some(&b"Link"[..])
        );
        let border: Vec<f32> = annot
            .get(b"Border")
            .and_then(Object::as_array)
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert_eq!(border, [0.0, 0.0, 0.0], "links must have no visible border");
        let action = dict(&pdf, annot.get(b"A").expect("action"));
        match action.get(b"S").and_then(Object::as_name).unwrap() {
            b"GoTo" => {
                goto_page = action.get(b"D").and_then(Object::as_array).unwrap()[0]
                    .as_reference()
                    .ok()
            }
            b"URI" => uri = Some(text(action.get(b"URI").unwrap())),
            other => panic!("unexpected action {other:?}"),
        }
    }
    assert_eq!(goto_page, Some(pages[&3]));
    assert_eq!(uri.as_deref(), Some("https://example.org/"));

    let cat = catalog(&pdf);
    let nums = dict(&pdf, cat.get(b"PageLabels").expect("PageLabels"))
        .get(b"Nums")
        .and_then(Object::as_array)
        .unwrap();
    assert_eq!(nums.len(), 4);
    assert_eq!(nums[0].as_i64().ok(), Some(0));
    assert_eq!(
        dict(&pdf, &nums[1])
            .get(b"S")
            .and_then(Object::as_name)
            .ok(),
        Some(&b"r"[..])
    );
    assert_eq!(nums[2].as_i64().ok(), Some(1));
    assert_eq!(
        dict(&pdf, &nums[3])
            .get(b"S")
            .and_then(Object::as_name)
            .ok(),
        Some(&b"D"[..])
    );

    let names = dict(&pdf, cat.get(b"Names").expect("Names"));
    let dests = dict(&pdf, names.get(b"Dests").expect("Dests"))
        .get(b"Names")
        .and_then(Object::as_array)
        .unwrap();
    let keys: Vec<String> = dests.iter().step_by(2).map(text).collect();
    assert_eq!(keys, ["appendix", "chapter-one", "chapter-one/first-steps"]);
    assert_eq!(
        dests[3].as_array().unwrap()[0].as_reference().ok(),
        Some(pages[&2])
    );

    assert_eq!(text(cat.get(b"Lang").unwrap()), "en-US");
    let viewer = dict(&pdf, cat.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        viewer
            .get(b"DisplayDocTitle")
            .and_then(Object::as_bool)
            .ok(),
        Some(true)
    );
    let info = dict(&pdf, pdf.trailer.get(b"Info").unwrap());
    assert_eq!(
        text(info.get(b"Title").unwrap()),
        "Becoming a Medical Technician"
    );
    assert_eq!(
        text(info.get(b"CreationDate").unwrap()),
        "D:20231114221320Z"
    );
    assert!(info.get(b"GTS_PDFXVersion").is_err() && info.get(b"Identifier").is_err());
    let id = pdf.trailer.get(b"ID").and_then(Object::as_array).unwrap();
    assert_eq!(id[0].as_str().ok(), Some(&b"0123456789abcdef"[..]));
}

#[test]
fn same_input_same_bytes() {
    let doc = sample();
    let images = assets();
    assert!(write(&doc, &images) == write(&doc, &images));
}

#[test]
fn validators_accept_it_and_read_the_text_back() {
    let path = save("sample.pdf", &write(&sample(), &assets()));
    if let Some(qpdf) = common::tool("qpdf") {
        let out = Command::new(&qpdf[0])
            .arg("--check")
            .arg(&path)
            .output()
            .expect("run qpdf");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("No syntax or stream encoding errors"),
            "{report}"
        );
    }
    if let Some(text) = common::tool_stdout("pdftotext", [path.as_os_str(), "-".as_ref()]) {
        for words in [
            "Split runs here",
            "Efficient waffle office",
            "AVATAR Wave",
            "let x = 42;",
            "See the appendix",
            "Chapter One",
            "Appendix",
        ] {
            assert!(text.contains(words), "{words:?} missing from:\n{text}");
        }
    }
    if let Some(table) = common::tool_stdout("pdffonts", [&path]) {
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{table}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // name, type words..., encoding, emb, sub, uni, object id, generation
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            assert_eq!(flags, ["yes", "yes", "yes"], "{row}");
        }
    }
}

#[test]
fn the_ligatures_were_used_and_extract_as_letters() {
    // The shaper must have formed ligatures for this test to mean anything.
    let (glyphs, _) = shape(BODY_REGULAR, "Efficient waffle office", BODY_SIZE);
    let ligatures: Vec<&str> = glyphs
        .iter()
        .map(|g| g.text.as_str())
        .filter(|t| t.len() > 1)
        .collect();
    assert!(
        ligatures.contains(&"ffi") && ligatures.contains(&"ffl"),
        "{ligatures:?}"
    );
    let (glyphs, _) = shape(BODY_REGULAR, "AVATAR", BODY_SIZE);
    assert!(
        glyphs.iter().any(|g| g.offset != 0.0),
        "AVATAR has no kerning"
    );
}

#[test]
fn an_empty_document_is_one_blank_page() {
    let doc = LaidOutDocument {
        pages: vec![],
        outline: vec![],
        labels: vec![],
        ..sample()
    };
    let mut diags = Diagnostics::new();
    let bytes = write_pdf(&doc, &[], &mut diags).expect("still a PDF");
    assert_eq!(diags.warning_count(), 1);
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    assert_eq!(pdf.get_pages().len(), 1);
    if let Some(qpdf) = common::tool("qpdf") {
        let path = save("empty.pdf", &bytes);
        assert!(
            Command::new(&qpdf[0])
                .arg("--check")
                .arg(&path)
                .status()
                .expect("qpdf")
                .success()
        );
    }
}

#[test]
fn odd_items_are_skipped_or_reported_without_panicking() {
    let mut doc = sample();
    let glyph = |text: &str| Glyph {
        gid: 3,
        offset: f32::NAN,
        text: text.into(),
    };
    let odd = [
        PageItem::Text(TextRun {
            font: 0,
            size: 10.0,
            x: 10.0,
            y: 10.0,
            color: Rgb::BLACK,
            glyphs: vec![],
        }),
        PageItem::Text(TextRun {
            font: 0,
            size: 0.0,
            x: 10.0,
            y: 10.0,
            color: Rgb::BLACK,
            glyphs: vec![glyph("a")],
        }),
        PageItem::Text(TextRun {
            font: 0,
            size: 9.0,
            x: 10.0,
            y: 10.0,
            color: Rgb(2.0, -1.0, f32::NAN),
            glyphs: vec![glyph(""), glyph("")],
        }),
        PageItem::FilledRect {
            rect: Rect {
                x: 5.0,
                y: 5.0,
                width: 0.0,
                height: 10.0,
            },
            color: Rgb::BLACK,
        },
        PageItem::FilledRect {
            rect: Rect {
                x: 50.0,
                y: 50.0,
                width: -10.0,
                height: -10.0,
            },
            color: Rgb::BLACK,
        },
        PageItem::Line {
            from: (1.0, 1.0),
            to: (1.0, 1.0),
            width: 1.0,
            color: Rgb::BLACK,
        },
        PageItem::Line {
            from: (1.0, 1.0),
            to: (f32::INFINITY, 1.0),
            width: 1.0,
            color: Rgb::BLACK,
        },
        PageItem::Image {
            asset: 0,
            rect: Rect {
                x: 0.0,
                y: 0.0,
                width: 0.0,
                height: 0.0,
            },
            alt: String::new(),
        },
    ];
    doc.pages[1].items.extend(odd);
    doc.pages[1].links.push(LinkArea {
        rect: Rect {
            x: 0.0,
            y: 0.0,
            width: 0.0,
            height: 0.0,
        },
        target: LinkTarget::Uri("x".into()),
    });
    doc.pages[1].links.push(LinkArea {
        rect: Rect {
            x: 0.0,
            y: 0.0,
            width: 9.0,
            height: 9.0,
        },
        target: LinkTarget::Page { page: 99, y: 0.0 },
    });
    doc.pages[1].anchors.push(("appendix".into(), 0.0));
    doc.labels.push(PageLabelRange {
        first_page: 40,
        style: LabelStyle::Decimal,
        start: 0,
    });
    let mut diags = Diagnostics::new();
    let bytes = write_pdf(&doc, &assets(), &mut diags).expect("odd items are not errors");
    assert!(!diags.has_errors());
    // Zero-size text, an infinite rule, a link past the last page, a duplicate anchor, a label
    // range past the end.
    assert_eq!(diags.warning_count(), 5, "{:?}", diags.items());
    assert_eq!(
        Document::load_mem(&bytes)
            .expect("lopdf reads it")
            .get_pages()
            .len(),
        3
    );
}

#[test]
fn layout_bugs_are_errors() {
    let mut doc = sample();
    doc.pages[0].items.push(PageItem::Text(TextRun {
        font: 7,
        size: 10.0,
        x: 0.0,
        y: 0.0,
        color: Rgb::BLACK,
        glyphs: vec![Glyph {
            gid: 1,
            offset: 0.0,
            text: "a".into(),
        }],
    }));
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());
    assert_eq!(diags.error_count(), 1);

    // A glyph the font does not have.
    let mut doc = sample();
    doc.pages[2].items.push(PageItem::Text(TextRun {
        font: 0,
        size: 10.0,
        x: 0.0,
        y: 0.0,
        color: Rgb::BLACK,
        glyphs: vec![Glyph {
            gid: 60000,
            offset: 0.0,
            text: "a".into(),
        }],
    }));
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());
    let message = diags.items()[0].to_string();
    assert!(
        message.contains("page 3") && message.contains("LinLibertine_R.otf"),
        "{message}"
    );

    // An image the book does not have, and one that is not an image.
    let mut diags = Diagnostics::new();
    let broken = Asset {
        bytes: b"not a png".to_vec(),
        ..png_asset()
    };
    assert!(write_pdf(&sample(), &[broken], &mut diags).is_err());
    assert!(
        diags.items()[0].to_string().contains("images/halves.png"),
        "{:?}",
        diags.items()
    );
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&sample(), &[], &mut diags).is_err());

    let doc = LaidOutDocument {
        page_width: 0.0,
        ..sample()
    };
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());

    // A font that is not a font, used by the runs (an unused one is never read).
    let doc = LaidOutDocument {
        fonts: vec![
            FontFile {
                file_name: "broken.otf",
                bytes: b"OTTO nonsense",
            },
            MONO,
        ],
        ..sample()
    };
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());
    assert!(diags.items()[0].message.contains("broken.otf"));
    let mut doc = sample();
    doc.fonts.push(FontFile {
        file_name: "unused.otf",
        bytes: b"OTTO nonsense",
    });
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_ok());
}

#[test]
fn images_are_stored_losslessly_at_full_size() {
    let pdf = Document::load_mem(&write(&sample(), &assets())).expect("lopdf reads it");
    let mut images = Vec::new();
    for object in pdf.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image") {
            continue;
        }
        let number = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).ok();
        let filter = stream.dict.get(b"Filter").and_then(Object::as_name).ok();
        images.push((
            number(b"Width"),
            number(b"Height"),
            filter,
            stream.dict.get(b"SMask").is_ok(),
        ));
    }
    // Each asset once (the alpha mask is an image too), never re-encoded as JPEG or shrunk.
    assert!(images.len() >= 3, "{images:?}");
    for (width, height, filter, _) in &images {
        assert_eq!((*width, *height), (Some(40), Some(20)));
        assert_eq!(*filter, Some(&b"FlateDecode"[..]));
    }
    assert!(
        images.iter().any(|image| image.3),
        "the transparent PNG lost its alpha"
    );
}

#[test]
fn a_user_truetype_font_embeds_and_its_text_copies() {
    // A TrueType font read from disk at run time, as a style's [fonts] would bring it; its
    // accented letters are composite glyphs, whose parts the subset must carry too.
    let bytes = std::fs::read(common::repo_root().join("fonts/DejaVuSansMono.ttf")).expect("font");
    let user = FontFile {
        file_name: "UserMono.ttf",
        bytes: Box::leak(bytes.into_boxed_slice()),
    };
    let lines = ["Naïve café façade, déjà vu", "Zoë paid 42 € — ŷ ñ"];
    let mut page = Page::default();
    for (i, line) in lines.iter().enumerate() {
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
    let bytes = write(&doc, &[]);
    assert!(bytes == write(&doc, &[]), "same input, same bytes");
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    let descendant = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"CIDFontType2"))
        .expect("a CIDFontType2 font");
    assert_eq!(
        descendant
            .get(b"CIDToGIDMap")
            .and_then(Object::as_name)
            .ok(),
        Some(&b"Identity"[..])
    );
    let path = save("user-truetype.pdf", &bytes);
    if let Some(qpdf) = common::tool("qpdf") {
        let out = Command::new(&qpdf[0])
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if let Some(text) = common::tool_stdout("pdftotext", [path.as_os_str(), "-".as_ref()]) {
        for line in lines {
            assert!(text.contains(line), "{line:?} missing from:\n{text}");
        }
    }
    if let Some(table) = common::tool_stdout("pdffonts", [&path]) {
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(rows.len(), 1, "{table}");
        assert!(
            rows[0].contains("+DejaVuSansMono") && rows[0].contains("CID TrueType"),
            "{table}"
        );
        let columns: Vec<&str> = rows[0].split_whitespace().collect();
        assert_eq!(
            &columns[columns.len() - 5..columns.len() - 2],
            ["yes", "yes", "yes"]
        );
    }
}
