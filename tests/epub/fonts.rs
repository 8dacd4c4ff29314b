//! The EPUB's fonts, checked against an independent reading of the built-in stylesheet: for
//! each piece of text of every content document, the face the stylesheet's rules (and HTML's
//! defaults) give it, worked out here from its ancestors as a person reading epub.css would;
//! then every font in the package must be drawn in and hold every character drawn in it.

use std::collections::{BTreeMap, BTreeSet};

use super::{files, parse_xml, spine, text};

/// The built-in face files, as epub.css's `@font-face` rules name them.
const LIBERTINE: [&str; 4] = [
    "LinLibertine_R.otf",
    "LinLibertine_RI.otf",
    "LinLibertine_RB.otf",
    "LinLibertine_RBI.otf",
];
const BIOLINUM: [&str; 2] = ["LinBiolinum_R.otf", "LinBiolinum_RB.otf"];
const MONO: &str = "DejaVuSansMono.ttf";

fn is(node: roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn has_class(node: roxmltree::Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

/// `nav#toc > ul > li > a` (or `ol`), the contents' chapter entries, set in the sans.
fn is_toc_chapter_entry(node: roxmltree::Node) -> bool {
    let path: Vec<roxmltree::Node> = node
        .ancestors()
        .filter(|n| n.is_element())
        .take(4)
        .collect();
    matches!(&path[..], [a, li, ul, nav]
        if is(*a, "a") && is(*li, "li") && (is(*ul, "ul") || is(*ul, "ol"))
            && is(*nav, "nav") && nav.attribute("id") == Some("toc"))
}

/// The nearest element (the text's own first) whose rules decide `what`, and what they say.
fn nearest<T>(text: roxmltree::Node, what: impl Fn(roxmltree::Node) -> Option<T>) -> Option<T> {
    text.ancestors().filter(|n| n.is_element()).find_map(what)
}

/// The face file epub.css draws this text node in.
fn face_of(node: roxmltree::Node) -> &'static str {
    let name = |n: roxmltree::Node| n.tag_name().name().to_string();
    let family = nearest(node, |n| match name(n).as_str() {
        "code" | "pre" | "kbd" | "samp" => Some("mono"),
        _ if has_class(n, "raw-html") || has_class(n, "task-box") => Some("mono"),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => Some("sans"),
        _ if has_class(n, "callout-title") || has_class(n, "book-author") => Some("sans"),
        _ if is_toc_chapter_entry(n) => Some("sans"),
        _ => None,
    })
    .unwrap_or("serif");
    let italic = nearest(node, |n| match name(n).as_str() {
        "em" | "i" | "cite" | "var" | "dfn" => {
            Some(!n.ancestors().skip(1).any(|a| is(a, "blockquote")))
        }
        "blockquote" | "figcaption" | "h5" | "h6" => Some(true),
        _ if has_class(n, "book-subtitle") => Some(true),
        _ => None,
    })
    .unwrap_or(false);
    let bold = nearest(node, |n| match name(n).as_str() {
        _ if has_class(n, "chapter-label") => Some(false),
        "strong" | "b" | "th" | "dt" | "h1" | "h2" | "h3" | "h4" => Some(true),
        "h5" | "h6" => Some(false),
        _ if has_class(n, "note-number") || has_class(n, "callout-title") => Some(true),
        _ => None,
    })
    .unwrap_or(false);
    match family {
        "mono" => MONO,
        // Biolinum has no italic: CSS draws its italic text in the upright face.
        "sans" => BIOLINUM[usize::from(bold)],
        _ => LIBERTINE[usize::from(italic) + 2 * usize::from(bold)],
    }
}

/// Whether the text is drawn in a case the stylesheet changes (uppercase, small capitals).
fn uppercased(node: roxmltree::Node) -> bool {
    node.ancestors().any(|n| {
        has_class(n, "chapter-label")
            || has_class(n, "callout-title")
            || has_class(n, "book-publisher")
    })
}

/// The characters drawn in each face file in the EPUB's content documents and nav.
fn drawn(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&'static str, BTreeSet<char>> {
    let mut documents = spine(files);
    documents.push("OEBPS/nav.xhtml".into());
    let mut out: BTreeMap<&'static str, BTreeSet<char>> = BTreeMap::new();
    for name in documents {
        let doc = parse_xml(text(files, &name)).expect("XHTML parses");
        let body = doc.descendants().find(|n| is(*n, "body")).expect("body");
        for node in body.descendants().filter(|n| n.is_text()) {
            if node.ancestors().any(|a| a.attribute("hidden").is_some()) {
                continue;
            }
            let chars = node.text().unwrap_or_default().chars();
            let mut chars: BTreeSet<char> = chars.filter(|c| !c.is_whitespace()).collect();
            if uppercased(node) {
                chars = chars.iter().flat_map(|c| c.to_uppercase()).collect();
            }
            out.entry(face_of(node)).or_default().extend(chars);
        }
    }
    out
}

fn original(file: &str) -> Vec<u8> {
    std::fs::read(crate::common::repo_root().join("fonts").join(file)).expect("a built-in font")
}

/// The font files in the package, by file name.
fn packaged_fonts(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let fonts = files
        .iter()
        .filter(|(n, _)| n.ends_with(".otf") || n.ends_with(".ttf"));
    let named = fonts.map(|(n, b)| (n.rsplit('/').next().unwrap_or(n).to_string(), b.clone()));
    named.collect()
}

fn check_fonts(label: &str, epub: &[u8]) {
    let files = files(epub);
    let drawn = drawn(&files);
    let packaged = packaged_fonts(&files);
    let css = text(&files, "OEBPS/stylesheet.css");
    for (file, chars) in &drawn {
        let source = original(file);
        let face = ttf_parser::Face::parse(&source, 0).expect("a font");
        let has: Vec<char> = chars
            .iter()
            .copied()
            .filter(|c| face.glyph_index(*c).is_some())
            .collect();
        if has.is_empty() {
            continue;
        }
        let bytes = packaged
            .get(*file)
            .unwrap_or_else(|| panic!("{label}: {file} draws {has:?} but is not packaged"));
        let subset = ttf_parser::Face::parse(bytes, 0).expect("the packaged font parses");
        let missing: Vec<char> = has
            .iter()
            .copied()
            .filter(|c| subset.glyph_index(*c).is_none())
            .collect();
        assert!(missing.is_empty(), "{label}: {file} lacks {missing:?}");
        assert!(
            css.contains(&format!("url(\"fonts/{file}\")")),
            "{label}: {file}"
        );
    }
    for (file, bytes) in &packaged {
        let used = drawn.get(file.as_str()).is_some_and(|chars| {
            let face = ttf_parser::Face::parse(bytes, 0).expect("a font");
            chars.iter().any(|c| face.glyph_index(*c).is_some())
        });
        assert!(
            used,
            "{label}: {file} is packaged but no text is drawn in it"
        );
        assert!(
            bytes.len() < original(file).len() / 4,
            "{label}: {file} is not subset"
        );
    }
}

#[test]
fn every_packaged_font_is_drawn_in_and_holds_every_character_drawn_in_it() {
    for (label, book) in super::real_books() {
        check_fonts(label, &super::render(&book).0);
    }
    check_fonts("hand-made", &super::render(&super::hand_made_book()).0);
}

#[test]
fn the_guide_carries_a_licence_for_its_fonts_and_no_unused_face() {
    let (epub, _) = super::render(&super::load("book"));
    let files = files(&epub);
    let packaged = packaged_fonts(&files);
    // The guide has no code and no bold italic.
    assert!(!packaged.contains_key(MONO) && !packaged.contains_key(LIBERTINE[3]));
    let css = text(&files, "OEBPS/stylesheet.css");
    assert!(!css.contains(MONO) && !css.contains(LIBERTINE[3]));
    let licence = text(&files, "OEBPS/fonts/LICENSE-LinuxLibertine.txt");
    assert!(licence.contains("OFL") && licence.contains("GPL"));
    assert!(!files.contains_key("OEBPS/fonts/LICENSE-DejaVu.txt"));
    let opf = text(&files, "OEBPS/content.opf");
    assert!(opf.contains("href=\"fonts/LICENSE-LinuxLibertine.txt\" media-type=\"text/plain\""));
    let compressed = super::compressed_sizes(&epub);
    let fonts: u64 = compressed
        .iter()
        .filter(|(n, _)| n.starts_with("OEBPS/fonts/"))
        .map(|(_, size)| size)
        .sum();
    assert!(fonts <= 150_000, "fonts take {fonts} bytes");
    assert!(
        epub.len() <= 300_000,
        "the guide's EPUB takes {} bytes",
        epub.len()
    );
}

#[test]
fn without_embedded_fonts_the_package_has_no_font_and_no_font_face() {
    let mut book = super::load("book");
    book.epub.embed_fonts = false;
    let (epub, _) = super::render(&book);
    let files = files(&epub);
    assert!(!files.keys().any(|n| n.starts_with("OEBPS/fonts/")));
    let css = text(&files, "OEBPS/stylesheet.css");
    assert!(!css.contains("@font-face"));
    // The rest of the stylesheet is kept.
    assert!(css.contains("font-family: \"Libertine\", Georgia, serif;"));
}

/// The guide's fonts are subset once: the preview of its navigation documents draws what they
/// draw, so the subsets made while epub-builder writes the package are the package's.
#[test]
fn the_guides_fonts_are_subset_once() {
    let dir = crate::common::temp_dir("fonts-subset-once");
    let epub = dir.join("guide.epub");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["build", "book", "-o"])
        .arg(&dir)
        .current_dir(crate::common::repo_root())
        .env("QUIRE_TIMINGS", "1")
        .output()
        .expect("run quire");
    let timings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{timings}");
    assert!(
        epub.with_file_name("becoming-a-medical-technician.epub")
            .is_file()
    );
    let subsets = timings.matches("epub: font subsets").count();
    assert_eq!(subsets, 1, "{timings}");
}
