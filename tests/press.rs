//! The booklet and the press file read back with lopdf: the sheets' size, count and page order
//! (by the forms each side draws), creep and signatures; the press file's boxes, bleed, marks,
//! output intent, version keys and colour spaces; and bad `[press]` values refused, located,
//! with nothing written. The validators' checks of the same files are in tests/validators/.

mod common;
#[path = "pdf/read.rs"]
mod read;

use std::sync::OnceLock;

use lopdf::{Document, Object, ObjectId};

use common::{
    beside, build, guide_with_style, quire, quire_succeeds, repo_root, temp_dir,
    ten_copies_with_style,
};
use read::parse;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// A5, the guide's page, in points.
const A5: (f32, f32) = (148.0 * MM, 210.0 * MM);
/// A4 landscape, the guide's booklet sheet.
const A4_LANDSCAPE: (f32, f32) = (297.0 * MM, 210.0 * MM);

/// The guide built once with `--press` (the PDF, and the press file beside it).
fn press_pdf() -> &'static (Document, Document) {
    static PDF: OnceLock<(Document, Document)> = OnceLock::new();
    PDF.get_or_init(|| {
        let out = build("pdf", "book", "press-guide", &["--press"]);
        let plain = parse(&std::fs::read(&out).unwrap());
        let press = parse(&std::fs::read(beside(&out, "press")).unwrap());
        (plain, press)
    })
}

fn numbers(dict: &lopdf::Dictionary, key: &[u8]) -> Vec<f32> {
    dict.get(key)
        .and_then(Object::as_array)
        .unwrap_or_else(|_| panic!("no {}", String::from_utf8_lossy(key)))
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect()
}

fn close(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.05)
}

fn pages(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().values().copied().collect()
}

/// Every name anywhere in `object`, following no references.
fn names_in(object: &Object, out: &mut Vec<Vec<u8>>) {
    match object {
        Object::Name(name) => out.push(name.clone()),
        Object::Array(items) => items.iter().for_each(|o| names_in(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| names_in(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| names_in(o, out)),
        _ => {}
    }
}

#[test]
fn every_press_page_has_its_trim_a_bleed_and_room_for_marks() {
    let (plain, press) = press_pdf();
    assert_eq!(pages(press).len(), pages(plain).len());
    let bleed = 3.0 * MM;
    for id in pages(press) {
        let page = press.get_dictionary(id).unwrap();
        let (w, h) = A5;
        assert!(close(&numbers(page, b"TrimBox"), &[0.0, 0.0, w, h]));
        let bleed_box = [-bleed, -bleed, w + bleed, h + bleed];
        assert!(close(&numbers(page, b"BleedBox"), &bleed_box));
        let media = numbers(page, b"MediaBox");
        // The marks (5 mm) lie outside the bleed, inside the media.
        assert!(media[0] <= -bleed - 5.0 * MM && media[2] >= w + bleed + 5.0 * MM);
        assert!(page.get(b"Annots").is_err(), "no annotations");
        let content = press.get_and_decode_page_content(id).expect("content");
        let separation = content
            .operations
            .iter()
            .any(|op| op.operator == "CS" && op.operands[0].as_name().ok() == Some(b"QuireAll"));
        assert!(separation, "crop marks in the /All colour");
    }
}

#[test]
fn the_press_file_has_a_cmyk_output_intent_and_the_pdf_x_keys() {
    let (_, press) = press_pdf();
    assert_eq!(press.version, "1.6");
    let catalog = press.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").and_then(Object::as_array);
    let intents: Vec<&lopdf::Dictionary> = intents
        .expect("output intents")
        .iter()
        .map(|o| press.get_dictionary(o.as_reference().unwrap()).unwrap())
        .collect();
    let pdfx: Vec<_> = intents
        .iter()
        .filter(|i| i.get(b"S").and_then(Object::as_name).ok() == Some(b"GTS_PDFX"))
        .collect();
    assert_eq!(pdfx.len(), 1, "one PDF/X output intent");
    let profile = pdfx[0]
        .get(b"DestOutputProfile")
        .and_then(Object::as_reference)
        .expect("an embedded profile");
    let stream = press.get_object(profile).unwrap().as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or(stream.content.clone());
    assert_eq!(&bytes[12..20], b"prtrCMYK", "a CMYK output profile");
    let info = press
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| press.get_dictionary(id))
        .expect("Info");
    let text = |key: &[u8]| info.get(key).and_then(Object::as_str).ok();
    assert_eq!(text(b"GTS_PDFXVersion"), Some(&b"PDF/X-4"[..]));
    // What a preflight asks of every PDF/X file: a title, both dates, a file identifier.
    for key in [&b"Title"[..], b"CreationDate", b"ModDate"] {
        assert!(text(key).is_some(), "Info {}", String::from_utf8_lossy(key));
    }
    assert!(press.trailer.get(b"ID").is_ok(), "a trailer /ID");
    assert_eq!(
        info.get(b"Trapped").and_then(Object::as_name).ok(),
        Some(&b"False"[..])
    );
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP metadata");
    let xmp = press.get_object(metadata).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content).into_owned();
    assert!(xmp.contains("pdfxid:GTS_PDFXVersion"), "{xmp}");
}

#[test]
fn the_press_file_draws_no_device_rgb_and_greys_on_the_black_plate() {
    let (plain, press) = press_pdf();
    let mut names = Vec::new();
    for object in press.objects.values() {
        names_in(object, &mut names);
    }
    assert!(
        !names.iter().any(|n| n == b"DeviceRGB"),
        "a DeviceRGB space"
    );
    let mut greys = 0;
    for id in pages(press) {
        let content = press.get_and_decode_page_content(id).unwrap();
        for op in &content.operations {
            assert!(op.operator != "rg" && op.operator != "RG", "{op:?}");
            greys += usize::from(op.operator == "g");
        }
    }
    assert!(greys > 0, "the text is DeviceGray");
    // The PDF itself writes its neutral greys (the text's #1a1a1a) as DeviceGray too, never as
    // three equal RGB channels, and keeps its links.
    let text_grey = 0x1a as f32 / 255.0;
    let mut text_in_gray = false;
    for id in pages(plain) {
        for op in plain.get_and_decode_page_content(id).unwrap().operations {
            let values: Vec<f32> = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok())
                .collect();
            match op.operator.as_str() {
                "g" => text_in_gray |= (values[0] - text_grey).abs() < 0.001,
                "rg" | "RG" => assert!(values[0] != values[1] || values[1] != values[2]),
                _ => {}
            }
        }
    }
    assert!(text_in_gray, "the text colour as DeviceGray");
    let links = pages(plain)
        .iter()
        .any(|&id| plain.get_dictionary(id).unwrap().get(b"Annots").is_ok());
    assert!(
        links,
        "the PDF keeps its links; only the press file drops them"
    );
}

/// Every reference anywhere in `object`.
fn references_in(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references_in(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references_in(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references_in(o, out)),
        _ => {}
    }
}

/// That every object `doc` refers to is in it, and every object it holds is referred to (from
/// the trailer, through the catalog and the Info dictionary).
fn assert_no_dangling_or_unused(doc: &Document) {
    let mut referenced = Vec::new();
    for object in doc.objects.values() {
        references_in(object, &mut referenced);
    }
    references_in(&Object::Dictionary(doc.trailer.clone()), &mut referenced);
    for id in &referenced {
        assert!(
            doc.objects.contains_key(id),
            "a reference to the missing {id:?}"
        );
    }
    referenced.sort_unstable();
    referenced.dedup();
    assert_eq!(
        referenced.len(),
        doc.objects.len(),
        "objects nothing refers to"
    );
}

/// The press file keeps the PDF's structure tree, every element of it present: the writer
/// keeps the elements as written bytes beside the document the press file is made from.
#[test]
fn the_press_file_keeps_the_structure_tree_whole() {
    let (plain, press) = press_pdf();
    let elements = |doc: &Document| {
        doc.objects
            .values()
            .filter(|o| o.as_dict().is_ok_and(|d| d.has(b"S") && d.has(b"P")))
            .count()
    };
    assert!(press.catalog().expect("a catalog").has(b"StructTreeRoot"));
    assert!(elements(plain) > 100, "the guide is tagged");
    assert_eq!(elements(press), elements(plain));
    assert_no_dangling_or_unused(press);
}

/// The form names each side draws, left half then right, as page numbers (0 for a blank half),
/// and the x each is placed at.
fn sides(doc: &Document) -> Vec<[(usize, f32); 2]> {
    pages(doc)
        .into_iter()
        .map(|id| {
            let content = doc.get_and_decode_page_content(id).unwrap();
            let mut placed = Vec::new();
            let mut x = 0.0;
            for op in &content.operations {
                match op.operator.as_str() {
                    "cm" => x = op.operands[4].as_float().unwrap(),
                    "Do" => {
                        let name =
                            String::from_utf8_lossy(op.operands[0].as_name().unwrap()).into_owned();
                        placed.push((name[1..].parse::<usize>().unwrap(), x));
                    }
                    _ => {}
                }
            }
            // A left page starts left of the fold by a page, a right one at the fold (each
            // less its creep, far less than half a page).
            let middle = A4_LANDSCAPE.0 / 2.0 - A5.0 / 2.0;
            let left = placed.iter().find(|(_, x)| *x < middle);
            let right = placed.iter().find(|(_, x)| *x >= middle);
            [left, right].map(|half| half.copied().unwrap_or((0, 0.0)))
        })
        .collect()
}

/// The saddle-stitch order of `count` pages (a multiple of 4) numbered from `first`: the
/// outermost sheet's front shows last | first, its back second | second-last, and so inward.
fn saddle_order(first: usize, count: usize) -> Vec<[usize; 2]> {
    let page = |i: usize| first + i;
    (0..count / 4)
        .flat_map(|k| {
            [
                [page(count - 1 - 2 * k), page(2 * k)],
                [page(2 * k + 1), page(count - 2 - 2 * k)],
            ]
        })
        .collect()
}

#[test]
fn booklet_sheets_carry_the_pages_in_saddle_order_with_creep() {
    let dir = guide_with_style(
        "booklet-creep",
        "[press]\nimpose = \"booklet\"\ncreep-mm = 0.5\n",
    );
    let out = dir.join("out");
    quire_succeeds(&dir, &["pdf", "book", "--out-dir", "out"]);
    let plain = parse(&std::fs::read(out.join("becoming-a-medical-technician.pdf")).unwrap());
    let booklet = out.join("becoming-a-medical-technician-booklet.pdf");
    let booklet = parse(&std::fs::read(booklet).unwrap());
    assert_no_dangling_or_unused(&booklet);
    let page_count = pages(&plain).len();
    let placed = sides(&booklet);
    assert_eq!(placed.len(), page_count.div_ceil(4) * 2);
    for id in pages(&booklet) {
        let media = numbers(booklet.get_dictionary(id).unwrap(), b"MediaBox");
        assert!(close(&media, &[0.0, 0.0, A4_LANDSCAPE.0, A4_LANDSCAPE.1]));
    }
    // Blanks (0) pad to a multiple of 4 before the last page.
    let padded = placed.len() * 2;
    let expected = saddle_order(1, padded);
    let expected: Vec<[usize; 2]> = expected
        .into_iter()
        .map(|side| side.map(|p| blank_or(p, page_count, padded)))
        .collect();
    let numbers: Vec<[usize; 2]> = placed.iter().map(|s| [s[0].0, s[1].0]).collect();
    assert_eq!(numbers, expected);
    // The sheets leave the pages' structure tree behind: the booklet claims no PDF/UA.
    assert!(metadata(&plain).contains("<pdfuaid:part>1</pdfuaid:part>"));
    let claims = metadata(&booklet);
    assert!(!claims.contains("pdfuaid"), "{claims}");
    assert!(claims.contains("<pdfaid:conformance>U</pdfaid:conformance>"));
    // Creep: sheet k's pages sit k * 0.5 mm nearer the fold.
    let fold = A4_LANDSCAPE.0 / 2.0;
    for (index, side) in placed.iter().enumerate() {
        let shift = (index / 2) as f32 * 0.5 * MM;
        if side[0].0 != 0 {
            assert!((side[0].1 - (fold - A5.0 + shift)).abs() < 0.01, "{index}");
        }
        if side[1].0 != 0 {
            assert!((side[1].1 - (fold - shift)).abs() < 0.01, "{index}");
        }
    }
}

/// The catalog's XMP metadata packet, as text.
fn metadata(doc: &Document) -> String {
    let id = doc
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(Object::as_reference)
        .expect("a /Metadata stream");
    let stream = doc.get_object(id).and_then(Object::as_stream).unwrap();
    String::from_utf8_lossy(&stream.content).into_owned()
}

/// Page `p` (1-based) of the padded booklet: the book's page, or 0 for a blank, which stand
/// before the last page.
fn blank_or(p: usize, page_count: usize, padded: usize) -> usize {
    let blanks = padded - page_count;
    if p == padded {
        page_count
    } else if p >= page_count && p < page_count + blanks {
        0
    } else {
        p
    }
}

#[test]
fn signatures_of_8_stack_booklets_of_their_own_on_the_10x_book() {
    let dir = ten_copies_with_style(
        "booklet-signatures",
        "[page]\npage-multiple = 8\n[press]\nimpose = \"booklet\"\nsignature = 8\n",
    );
    let run = quire_succeeds(&dir, &["pdf", "book", "--out-dir", "out"]);
    let summary = String::from_utf8_lossy(&run.stderr);
    let booklet = dir.join("out/becoming-a-medical-technician-booklet.pdf");
    let booklet = parse(&std::fs::read(booklet).unwrap());
    let placed = sides(&booklet);
    let page_count = placed.iter().flatten().map(|(p, _)| *p).max().unwrap();
    assert_eq!(page_count % 8, 0, "the 10x book fills whole signatures");
    assert!(
        summary.contains(&format!("{} sheets", page_count / 4)),
        "{summary}"
    );
    let numbers: Vec<[usize; 2]> = placed.iter().map(|s| [s[0].0, s[1].0]).collect();
    let expected: Vec<[usize; 2]> = (0..page_count / 8)
        .flat_map(|s| saddle_order(8 * s + 1, 8))
        .collect();
    assert_eq!(numbers, expected);
}

#[test]
fn booklet_and_press_combined_mark_each_sheet() {
    let out = build(
        "pdf",
        "book",
        "booklet-press",
        &["--impose", "booklet", "--press"],
    );
    let doc = parse(&std::fs::read(beside(&out, "booklet-press")).unwrap());
    assert_no_dangling_or_unused(&doc);
    let sheets = pages(&doc);
    let book_pages = pages(&parse(&std::fs::read(&out).unwrap())).len();
    assert_eq!(sheets.len(), book_pages.div_ceil(4) * 2);
    for id in sheets {
        let page = doc.get_dictionary(id).unwrap();
        let (w, h) = A4_LANDSCAPE;
        assert!(close(&numbers(page, b"TrimBox"), &[0.0, 0.0, w, h]));
        let content = doc.get_and_decode_page_content(id).unwrap();
        // 8 crop marks and 2 fold marks, each a stroked line.
        let strokes = content.operations.iter().filter(|op| op.operator == "S");
        assert_eq!(strokes.count(), 10);
    }
}

/// A copy of the guide whose style holds `style`, built with `args`: it must fail with an
/// error at `line` of the style, and write nothing.
fn refused(name: &str, style: &str, line: usize, args: &[&str]) -> String {
    let dir = guide_with_style(name, style);
    std::fs::copy(
        repo_root().join("profiles/sRGB.icc"),
        dir.join("book/srgb.icc"),
    )
    .unwrap();
    let mut all = vec!["pdf", "book", "--out-dir", "out"];
    all.extend_from_slice(args);
    let run = quire(&dir, &all);
    let err = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("print.toml:{line}:")), "{err}");
    assert!(!dir.join("out").exists(), "nothing written: {err}");
    err
}

#[test]
fn bad_press_values_are_located_errors_and_nothing_is_written() {
    let press = ["--impose", "booklet", "--press"];
    let err = refused("press-bleed", "[press]\nbleed-mm = 25\n", 2, &press);
    assert!(err.contains("bleed-mm is 25"), "{err}");
    let err = refused("press-creep", "[press]\n\ncreep-mm = -0.1\n", 3, &press);
    assert!(err.contains("creep-mm"), "{err}");
    let err = refused("press-sig", "[press]\nsignature = 6\n", 2, &press);
    assert!(err.contains("multiple of 4"), "{err}");
    let err = refused("press-profile", "[press]\nprofile = \"swop\"\n", 2, &press);
    assert!(err.contains("unknown output profile 'swop'"), "{err}");
    let err = refused("press-rgb", "[press]\nprofile = \"srgb.icc\"\n", 2, &press);
    assert!(err.contains("not a CMYK output profile"), "{err}");
    // A4 pages have no A4 sheet twice their size.
    let style = "[page]\npaper = \"a4\"\n[press]\nsheet = \"a4\"\n";
    let err = refused("press-sheet", style, 4, &["--impose", "booklet"]);
    assert!(err.contains("needs a sheet of 420 x 297 mm"), "{err}");
}

#[test]
fn the_mini_books_images_are_icc_based_in_the_press_file() {
    let out = build("pdf", "tests/fixtures/mini", "press-mini", &["--press"]);
    let press = parse(&std::fs::read(beside(&out, "press")).unwrap());
    let images: Vec<&lopdf::Dictionary> = press
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| &s.dict)
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect();
    assert!(!images.is_empty(), "the mini book has images");
    for image in images {
        let space = image.get(b"ColorSpace").expect("a colour space");
        let icc_based = |o: &Object| {
            let array = o.as_array().ok()?;
            let name = array.first()?.as_name().ok()?;
            Some(name == b"ICCBased" || name == b"Indexed")
        };
        let gray = space.as_name().ok() == Some(b"DeviceGray");
        assert!(gray || icc_based(space) == Some(true), "{space:?}");
    }
    let content = press.get_pages().values().next().copied().unwrap();
    let page = press.get_dictionary(content).unwrap();
    let streams = page.get(b"Contents").and_then(Object::as_array).unwrap();
    let drawing = press
        .get_object(streams[1].as_reference().unwrap())
        .unwrap();
    let filter = drawing.as_stream().unwrap().dict.get(b"Filter");
    assert!(filter.is_ok(), "the rewritten content is compressed again");
}

#[test]
fn a_profile_file_beside_the_style_is_the_output_intent() {
    let dir = guide_with_style("press-own-profile", "[press]\nprofile = \"coated.icc\"\n");
    std::fs::copy(
        repo_root().join("profiles/FOGRA39L_coated.icc"),
        dir.join("book/coated.icc"),
    )
    .unwrap();
    quire_succeeds(&dir, &["pdf", "book", "--out-dir", "out", "--press"]);
    let press = dir.join("out/becoming-a-medical-technician-press.pdf");
    let press = parse(&std::fs::read(press).unwrap());
    let intents = press.catalog().unwrap().get(b"OutputIntents").unwrap();
    let first = intents.as_array().unwrap()[0].as_reference().unwrap();
    let intent = press.get_dictionary(first).unwrap();
    let identifier = intent.get(b"OutputConditionIdentifier").unwrap();
    assert_eq!(identifier.as_str().unwrap(), b"coated");
}

#[test]
fn a_booklet_cannot_go_to_standard_output() {
    let dir = temp_dir("booklet-stdout");
    let book = repo_root().join("book");
    let run = quire(
        &dir,
        &[
            "pdf",
            book.to_str().unwrap(),
            "-o",
            "-",
            "--impose",
            "booklet",
        ],
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("standard output cannot take"), "{err}");
    assert!(run.stdout.is_empty(), "nothing written");
}

#[test]
fn two_builds_give_the_same_booklet_and_press_file() {
    let args = ["--impose", "booklet", "--press"];
    let first = build("pdf", "tests/fixtures/mini", "press-same-1", &args);
    let second = build("pdf", "tests/fixtures/mini", "press-same-2", &args);
    let read = |pdf: &std::path::Path| std::fs::read(beside(pdf, "booklet-press")).unwrap();
    assert!(read(&first) == read(&second), "byte-identical");
}
