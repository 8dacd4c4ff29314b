//! What authors put in books, on `tests/fixtures/authors` (built once for all these tests):
//! highlighted code in both outputs, figures with their captions and numbers, SVG images drawn
//! as vector graphics in the PDF and cleaned in the EPUB, and a broken SVG reported.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use lopdf::content::Content;
use lopdf::{Document, Object};
use quire::{Diagnostics, PdfOptions};

use super::{built, common};

const FIXTURE: &str = "tests/fixtures/authors";

fn epub_file(epub: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).expect("a zip archive");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the EPUB"))
        .read_to_string(&mut text)
        .expect("text");
    text
}

/// CIE lightness L* of an sRGB colour, 0 to 100: how light it prints in grey.
fn lightness(rgb: [f32; 3]) -> f32 {
    let linear = |c: f32| {
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    if y <= 216.0 / 24389.0 {
        y * 24389.0 / 27.0
    } else {
        116.0 * y.cbrt() - 16.0
    }
}

fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// The fill colours set inside `/Code` marked content on each page, as sRGB triples.
fn code_colours(doc: &Document) -> Vec<BTreeSet<[u32; 3]>> {
    let mut pages = Vec::new();
    for page in doc.get_pages().values() {
        let content = doc.get_page_content(*page);
        let ops = Content::decode(&content)
            .expect("content decodes")
            .operations;
        let mut tags: Vec<Vec<u8>> = Vec::new();
        let mut colours = BTreeSet::new();
        for op in ops {
            match op.operator.as_str() {
                "BDC" | "BMC" => tags.push(op.operands[0].as_name().unwrap_or(b"").to_vec()),
                "EMC" => {
                    tags.pop();
                }
                "rg" | "g" if tags.iter().any(|t| t == b"Code") => {
                    let v: Vec<f32> = op.operands.iter().map(number).collect();
                    let rgb = if v.len() == 1 {
                        [v[0]; 3]
                    } else {
                        [v[0], v[1], v[2]]
                    };
                    colours.insert(rgb.map(|c| (c * 1000.0).round() as u32));
                }
                _ => {}
            }
        }
        pages.push(colours);
    }
    pages
}

/// Lightness steps a reader tells apart in grey print.
const DISTINCT_LIGHTNESS: f32 = 8.0;

#[test]
fn code_in_the_pdf_has_three_colours_distinct_in_greyscale() {
    let doc = Document::load_mem(&built().pdf).expect("the PDF parses");
    let pages = code_colours(&doc);
    let richest = pages.iter().max_by_key(|c| c.len()).expect("pages");
    let mut greys: Vec<f32> = richest
        .iter()
        .map(|c| lightness(c.map(|v| v as f32 / 1000.0)))
        .collect();
    greys.sort_by(f32::total_cmp);
    // Greys at least DISTINCT_LIGHTNESS apart, counted from the darkest.
    let mut distinct = vec![greys[0]];
    for g in &greys[1..] {
        if g - distinct.last().unwrap() >= DISTINCT_LIGHTNESS {
            distinct.push(*g);
        }
    }
    assert!(
        distinct.len() >= 3,
        "code colours {richest:?} give only the greys {distinct:?}"
    );
}

#[test]
fn code_in_the_epub_is_highlighted_with_classes_and_the_stylesheet_colours_them() {
    let xhtml = epub_file(&built().epub_bytes, "OEBPS/code-in-many-languages.xhtml");
    for expected in [
        "<span class=\"hl-keyword\">fn</span>",
        "<span class=\"hl-comment\">// Below the range is low, above it high.",
        "<span class=\"hl-string\">\"L\"</span>",
        "<span class=\"hl-keyword\">def</span>",
        "<span class=\"hl-keyword\">SELECT</span>",
    ] {
        assert!(xhtml.contains(expected), "{expected} missing");
    }
    assert!(
        !xhtml.contains("style="),
        "colours are classes, not inline styles"
    );
    // A fence without a language stays plain.
    assert!(xhtml.contains("<code class=\"language-text\">specimen_id,result,flag"));
    let css = epub_file(&built().epub_bytes, "OEBPS/stylesheet.css");
    assert!(css.contains(".hl-string {"), "{css}");
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
}

#[test]
fn captions_sit_under_their_images_on_the_same_page_numbered_per_chapter() {
    let dump = &built().dump;
    let images: Vec<(&str, f32)> = dump
        .lines()
        .filter(|l| l.split(' ').nth(1) == Some("image"))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[0], f[4].parse().unwrap())
        })
        .collect();
    let captions = [
        "Figure 2.1. The laboratory bench, before the morning run",
        "Figure 2.2. A centrifuge beside the bench",
        "Figure 3.1. How a specimen becomes a report",
        "Figure 3.2. A badge reading Badge",
    ];
    for caption in captions {
        let row = dump
            .lines()
            .find(|l| l.contains(&format!("\"{caption}\"")))
            .unwrap_or_else(|| panic!("no caption {caption:?}"));
        let f: Vec<&str> = row.split(' ').collect();
        let (page, y): (&str, f32) = (f[0], f[2].parse().unwrap());
        assert!(
            images.iter().any(|(p, bottom)| *p == page && y < *bottom),
            "{caption:?} on page {page} is under no image there: {images:?}"
        );
        assert!(
            row.contains("<Caption"),
            "captions are tagged Caption: {row}"
        );
    }
    // The image in a sentence is no figure: three figures and one inline image in chapter 2.
    assert_eq!(images.len(), 5, "{images:?}");
}

#[test]
fn figures_in_the_epub_are_figure_and_figcaption_without_reading_the_alt_twice() {
    let xhtml = epub_file(&built().epub_bytes, "OEBPS/figures-and-captions.xhtml");
    assert_eq!(xhtml.matches("<figure").count(), 2);
    assert!(xhtml.contains(
        "<figcaption><span class=\"figure-label\">Figure 2.1</span>. The laboratory bench, before the morning run</figcaption>"
    ));
    // Captioned with its alt text: the caption is hidden from screen readers, the alt stays.
    assert!(xhtml.contains("alt=\"A centrifuge beside the bench\""));
    assert!(
        xhtml.contains(
            "<span aria-hidden=\"true\">A centrifuge beside the bench</span></figcaption>"
        )
    );
}

#[test]
fn unnumbered_figures_are_captioned_without_a_number() {
    let dir = common::temp_dir("authors-unnumbered");
    common::copy_dir(&common::repo_root().join(FIXTURE), &dir);
    let toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        toml.replace("numbered = true", "numbered = false"),
    )
    .unwrap();
    let mut diags = Diagnostics::new();
    let book = quire::load_book(&dir, &mut diags).expect("loads");
    let epub = quire::render_epub(&book, &mut diags).expect("EPUB");
    let xhtml = epub_file(&epub, "OEBPS/figures-and-captions.xhtml");
    assert!(
        xhtml.contains("<figcaption>The laboratory bench, before the morning run</figcaption>")
    );
    assert!(!xhtml.contains("Figure 2"));
    let dump = quire::layout_dump(&book, &PdfOptions::default(), &mut diags).expect("dump");
    assert!(dump.contains("\"The laboratory bench, before the morning run\""));
    assert!(!dump.contains("Figure 2.1"));
}

#[test]
fn an_svg_is_drawn_as_vector_paths_not_as_an_image() {
    let doc = Document::load_mem(&built().pdf).expect("the PDF parses");
    let (mut images, mut forms) = (0, Vec::new());
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => images += 1,
            Ok(b"Form") => forms.push(stream.clone()),
            _ => {}
        }
    }
    // The one PNG, once; both SVGs as forms of paths.
    assert_eq!(images, 1, "only the PNG is an image");
    assert!(forms.len() >= 2, "{} forms", forms.len());
    let painted = forms.iter().any(|form| {
        let mut form = form.clone();
        let _ = form.decompress();
        let ops = Content::decode(&form.content)
            .expect("form content")
            .operations;
        let paths = ops
            .iter()
            .filter(|o| ["c", "l", "m", "re"].contains(&o.operator.as_str()));
        let fills = ops
            .iter()
            .filter(|o| ["f", "f*", "B", "S"].contains(&o.operator.as_str()));
        paths.count() > 50 && fills.count() > 5
    });
    assert!(painted, "a form draws the diagram and its text as paths");
}

#[test]
fn the_epub_carries_the_svg_without_its_script_or_handlers() {
    let epub = &built().epub_bytes;
    let svg = epub_file(epub, "OEBPS/images/untrusted.svg");
    for gone in ["script", "alert", "onload", "onclick", "example.com"] {
        assert!(!svg.contains(gone), "{gone} in {svg}");
    }
    assert!(svg.contains(">Badge</text>"));
    let opf = epub_file(epub, "OEBPS/content.opf");
    assert!(
        opf.contains("media-type=\"image/svg+xml\" id=\"id_images_flow.svg\""),
        "{opf}"
    );
    // Nowhere in the package.
    let mut archive = zip::ZipArchive::new(Cursor::new(epub.as_slice())).unwrap();
    for i in 0..archive.len() {
        let mut bytes = Vec::new();
        archive
            .by_index(i)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("alert('"),
            "a script in {}",
            archive.by_index(i).unwrap().name()
        );
    }
}

#[test]
fn a_broken_svg_is_an_error_at_its_reference_with_the_parsers_message() {
    let dir = common::temp_dir("authors-broken-svg");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("book.md"),
        "---\ntitle: Broken\nlang: en\n---\n\n# One\n\nText.\n\n![A diagram](broken.svg)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("broken.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<rect>\n</svg>\n",
    )
    .unwrap();
    let mut diags = Diagnostics::new();
    assert!(quire::load_book(&dir.join("book.md"), &mut diags).is_err());
    let error = diags
        .items()
        .iter()
        .find(|d| d.message.contains("broken.svg"))
        .unwrap_or_else(|| panic!("{:?}", diags.items()));
    let at = error.location.as_ref().expect("located");
    assert!(at.file.ends_with("book.md"), "{at:?}");
    assert_eq!(at.line, 10);
    assert!(
        error.message.contains("not a valid SVG"),
        "{}",
        error.message
    );
    // The parser's own words, with the line in the SVG.
    assert!(error.message.contains("3:"), "{}", error.message);
    assert!(
        error
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("broken.svg"))
    );
}

#[test]
fn a_lead_in_ending_in_a_colon_never_ends_a_page() {
    // "Its configuration, in TOML :" fell at the foot of a page, its block on the next.
    let mut last_on_page: BTreeMap<&str, &str> = BTreeMap::new();
    for row in built().dump.lines() {
        let (Some(page), Some(start)) = (row.split(' ').next(), row.find(" \"")) else {
            continue;
        };
        if row.contains("<artifact") || !page.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        last_on_page.insert(page, &row[start + 2..row.len() - 1]);
    }
    assert!(last_on_page.len() > 5, "{last_on_page:?}");
    for (page, text) in &last_on_page {
        assert!(
            !text.trim_end().ends_with(':'),
            "page {page} ends with the lead-in {text:?}"
        );
    }
}
