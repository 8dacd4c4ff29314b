//! EPUB output: builds the guide, the construct fixture and hand-made books, unzips the result
//! and checks it as a reading system would (well-formed XHTML, links that resolve, navigation
//! that follows the book, metadata, every word of the source). EPUBCheck runs on the same books
//! in `tests/validators.rs`.

#[path = "epub/books.rs"]
mod books;
mod common;
#[path = "epub/fonts.rs"]
mod fonts;
#[path = "epub/page_books.rs"]
mod page_books;
#[path = "epub/page_list.rs"]
mod page_list;
#[path = "pdf/read.rs"]
mod read;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read};
use std::path::PathBuf;

use books::{asset, hand_made_book, load, real_books, render};
use quire::Diagnostics;
use quire::model::walk::walk_blocks;
use quire::model::{
    Asset, Block, Book, ChapterKind, EpubOptions, ImageFormat, Inline, LinkTarget, Metadata,
};

const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const OPS_NS: &str = "http://www.idpf.org/2007/ops";
const OPF_NS: &str = "http://www.idpf.org/2007/opf";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

// ---------------------------------------------------------------------------------------------
// Helpers

/// XHTML5 documents carry `<!DOCTYPE html>`, which roxmltree refuses unless told.
fn parse_xml(src: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(src, options)
}

/// Every entry of the archive, in archive order, with its bytes.
fn unzip(epub: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("entry bytes");
            (file.name().to_string(), bytes)
        })
        .collect()
}

/// The compressed size of every entry of the archive.
fn compressed_sizes(epub: &[u8]) -> Vec<(String, u64)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let file = archive.by_index_raw(i).expect("entry");
            (file.name().to_string(), file.compressed_size())
        })
        .collect()
}

fn files(epub: &[u8]) -> BTreeMap<String, Vec<u8>> {
    unzip(epub).into_iter().collect()
}

fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, name: &str) -> &'a str {
    std::str::from_utf8(files.get(name).unwrap_or_else(|| panic!("{name} missing"))).expect("UTF-8")
}

/// The content documents in spine order (paths inside the archive).
fn spine(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let opf = text(files, "OEBPS/content.opf");
    let doc = parse_xml(opf).expect("OPF parses");
    let hrefs: HashMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((OPF_NS, "item")))
        .filter_map(|n| Some((n.attribute("id")?, n.attribute("href")?)))
        .collect();
    doc.descendants()
        .filter(|n| n.has_tag_name((OPF_NS, "itemref")))
        .filter_map(|n| hrefs.get(n.attribute("idref")?))
        .map(|h| format!("OEBPS/{h}"))
        .collect()
}

/// `base` + a relative href, normalised (`a/../b` -> `b`).
fn resolve(base_file: &str, href: &str) -> String {
    let mut parts: Vec<&str> = base_file.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn is_external(href: &str) -> bool {
    href.split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains('/'))
}

/// Checks every XHTML file parses, and every internal href/src resolves to a file and an id.
/// Returns how many internal references were checked.
fn check_xhtml_and_links(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut refs: Vec<(String, String)> = Vec::new();
    for (name, bytes) in files {
        if !name.ends_with(".xhtml") {
            continue;
        }
        let src = std::str::from_utf8(bytes).expect("XHTML is UTF-8");
        let doc = parse_xml(src).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
        assert!(
            doc.root_element().has_tag_name((XHTML_NS, "html")),
            "{name}: root is not XHTML html"
        );
        let mut set = BTreeSet::new();
        for n in doc.descendants().filter(|n| n.is_element()) {
            if let Some(id) = n.attribute("id") {
                assert!(set.insert(id.to_string()), "{name}: duplicate id `{id}`");
            }
            for attr in ["href", "src"] {
                if let Some(v) = n.attribute(attr)
                    && !is_external(v)
                {
                    refs.push((name.clone(), v.to_string()));
                }
            }
        }
        ids.insert(name.clone(), set);
    }
    for (from, href) in &refs {
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (href.as_str(), None),
        };
        let target = if path.is_empty() {
            from.clone()
        } else {
            resolve(from, path)
        };
        assert!(
            files.contains_key(&target),
            "{from}: `{href}` points to a missing file {target}"
        );
        if let Some(fragment) = fragment {
            let target_ids = ids
                .get(&target)
                .unwrap_or_else(|| panic!("{from}: `{href}` has a fragment into a non-XHTML file"));
            assert!(
                target_ids.contains(fragment),
                "{from}: `{href}`: no id `{fragment}` in {target}"
            );
        }
    }
    refs.len()
}

/// All the text of the spine's content documents.
fn spine_text(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out = String::new();
    for name in spine(files) {
        let doc = parse_xml(text(files, &name)).expect("XHTML parses");
        let Some(body) = doc
            .descendants()
            .find(|n| n.has_tag_name((XHTML_NS, "body")))
        else {
            continue;
        };
        for n in body.descendants() {
            if let Some(t) = n.text()
                && n.is_text()
            {
                out.push_str(t);
                out.push(' ');
            }
            if let Some(alt) = n.attribute("alt") {
                out.push_str(alt);
                out.push(' ');
            }
        }
    }
    out
}

/// The (depth, href) of every entry of the nav's `toc` list, in order.
fn nav_entries(files: &BTreeMap<String, Vec<u8>>) -> Vec<(usize, String, String)> {
    let nav = text(files, "OEBPS/nav.xhtml");
    let doc = parse_xml(nav).expect("nav parses");
    let toc = doc
        .descendants()
        .find(|n| n.has_tag_name((XHTML_NS, "nav")) && n.attribute((OPS_NS, "type")) == Some("toc"))
        .expect("a toc nav");
    let mut out = Vec::new();
    for a in toc
        .descendants()
        .filter(|n| n.has_tag_name((XHTML_NS, "a")))
    {
        let depth = a
            .ancestors()
            .take_while(|n| *n != toc)
            .filter(|n| n.has_tag_name((XHTML_NS, "ol")))
            .count();
        let title: String = a
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        out.push((
            depth,
            a.attribute("href").unwrap_or_default().to_string(),
            title,
        ));
    }
    out
}

/// What the nav must hold for `book`: each chapter at depth 1 and each heading at depth
/// `level` (the headings of the guide and fixtures never skip a level), in reading order.
fn expected_nav(book: &Book, files: &BTreeMap<String, Vec<u8>>) -> Vec<(usize, String)> {
    // The chapter's file is the spine document whose h1 carries the chapter's title id.
    let mut out = Vec::new();
    let chapter_files: Vec<String> = spine(files)
        .into_iter()
        .map(|p| p.trim_start_matches("OEBPS/").to_string())
        .collect();
    for chapter in &book.chapters {
        let file = chapter_files
            .iter()
            .find(|f| {
                let doc = text(files, &format!("OEBPS/{f}"));
                doc.contains(&format!("<h1 id=\"{}\"", chapter.title_id))
            })
            .unwrap_or_else(|| panic!("no file for chapter {}", chapter.slug));
        assert_eq!(
            file,
            &format!("{}.xhtml", chapter.slug),
            "file named from the slug"
        );
        out.push((1, file.clone()));
        for (h, _) in chapter.headings() {
            out.push((h.level as usize, format!("{file}#{}", h.id)));
        }
    }
    out
}

/// Two attributes of every OPF element named `tag`.
fn attribute_pairs(
    doc: &roxmltree::Document,
    tag: &str,
    names: [&str; 2],
) -> Vec<(String, String)> {
    let elements = doc.descendants().filter(|n| n.has_tag_name((OPF_NS, tag)));
    let value = |n: roxmltree::Node, name: &str| n.attribute(name).unwrap_or_default().to_string();
    elements
        .map(|n| (value(n, names[0]), value(n, names[1])))
        .collect()
}

fn opf_doc(files: &BTreeMap<String, Vec<u8>>) -> String {
    text(files, "OEBPS/content.opf").to_string()
}

// ---------------------------------------------------------------------------------------------
// The guide and the construct fixture, loaded from disk

#[test]
fn mimetype_comes_first_stored_and_two_builds_are_byte_identical() {
    for (name, book) in real_books() {
        let (a, _) = render(&book);
        let (b, _) = render(&book.clone());
        assert!(a == b, "{name}: two builds differ");
        let mut archive = zip::ZipArchive::new(Cursor::new(&a)).expect("zip");
        let first = archive.by_index_raw(0).expect("first entry");
        assert_eq!(first.name(), "mimetype");
        assert_eq!(first.compression(), zip::CompressionMethod::Stored);
        drop(first);
        let mut mimetype = String::new();
        archive
            .by_index(0)
            .expect("mimetype")
            .read_to_string(&mut mimetype)
            .expect("read");
        assert_eq!(mimetype, "application/epub+zip");
        // Every entry carries the build date, not the wall clock.
        let stamp = book.meta.build_timestamp();
        let expected_year =
            chrono::Datelike::year(&chrono::DateTime::from_timestamp(stamp, 0).expect("in range"))
                as u16;
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).expect("entry");
            let year = entry.last_modified().map(|t| t.year()).unwrap_or(0);
            assert_eq!(
                year,
                expected_year.max(1980),
                "{name}: {} timestamp",
                entry.name()
            );
        }
    }
}

#[test]
fn every_xhtml_file_parses_and_every_internal_link_resolves() {
    for (name, book) in real_books() {
        let (epub, _) = render(&book);
        let files = files(&epub);
        let checked = check_xhtml_and_links(&files);
        // Stylesheet links, nav entries and the cover at least; the fixture adds its own links.
        assert!(
            checked > book.chapters.len() * 2,
            "{name}: only {checked} references"
        );
    }
}

#[test]
fn chapter_links_in_the_model_become_links_to_the_right_file_and_fragment() {
    let book = load("tests/fixtures/mini");
    let (epub, _) = render(&book);
    let files = files(&epub);
    let mut found = 0;
    for (i, chapter) in book.chapters.iter().enumerate() {
        let xhtml = text(&files, &format!("OEBPS/{}.xhtml", chapter.slug));
        for (target, anchor) in internal_links(&chapter.blocks) {
            let file = format!("{}.xhtml", book.chapters[target].slug);
            let href = match (target == i, anchor) {
                (true, Some(a)) => format!("#{a}"),
                (false, Some(a)) => format!("{file}#{a}"),
                (_, None) => file,
            };
            assert!(
                xhtml.contains(&format!("href=\"{href}\"")),
                "{}: no link to {href}",
                chapter.slug
            );
            found += 1;
        }
    }
    assert!(
        found >= 3,
        "the fixture has cross-chapter and same-chapter links ({found})"
    );
}

/// The chapter and anchor of every internal link in `blocks`.
fn internal_links(blocks: &[Block]) -> Vec<(usize, Option<String>)> {
    let inlines = walk_blocks(blocks).nodes().filter_map(|node| node.inline());
    inlines
        .filter_map(|inline| match inline {
            Inline::Link {
                target: LinkTarget::Internal { chapter, anchor },
                ..
            } => Some((*chapter, anchor.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_nav_nests_sections_under_their_chapters_as_the_book_does() {
    for (name, book) in real_books() {
        let (epub, _) = render(&book);
        let files = files(&epub);
        let entries = nav_entries(&files);
        let got: Vec<(usize, String)> = entries
            .iter()
            .filter(|(_, href, _)| href != "toc.xhtml")
            .map(|(d, h, _)| (*d, h.clone()))
            .collect();
        assert_eq!(got, expected_nav(&book, &files), "{name}: nav structure");
        // Titles: the chapter's own title text, and each heading's.
        for chapter in &book.chapters {
            let entry = entries
                .iter()
                .find(|(_, h, _)| *h == format!("{}.xhtml", chapter.slug))
                .expect("chapter entry");
            assert!(
                entry.2.contains(&chapter.title_text()),
                "{name}: {:?}",
                entry.2
            );
        }
        // Landmarks: cover, toc, start of the body; back matter when the book has any.
        let nav = text(&files, "OEBPS/nav.xhtml");
        let doc = parse_xml(nav).expect("nav");
        let landmarks: Vec<&str> = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name((XHTML_NS, "nav"))
                    && n.attribute((OPS_NS, "type")) == Some("landmarks")
            })
            .flat_map(|n| n.descendants())
            .filter_map(|n| n.attribute((OPS_NS, "type")))
            .collect();
        for required in ["cover", "toc", "bodymatter"] {
            assert!(
                landmarks.contains(&required),
                "{name}: landmarks {landmarks:?}"
            );
        }
        if book
            .chapters
            .iter()
            .any(|c| matches!(c.kind, ChapterKind::Appendix | ChapterKind::Back))
        {
            assert!(
                landmarks.contains(&"backmatter"),
                "{name}: landmarks {landmarks:?}"
            );
        }
        // toc.ncx lists the same chapters.
        let ncx = text(&files, "OEBPS/toc.ncx");
        for chapter in &book.chapters {
            assert!(ncx.contains(&format!("src=\"{}.xhtml\"", chapter.slug)));
        }
    }
}

#[test]
fn the_guide_faq_appendix_lists_its_questions_in_the_nav() {
    let book = load("book");
    let (epub, _) = render(&book);
    let entries = nav_entries(&files(&epub));
    let faq = book
        .chapters
        .iter()
        .find(|c| c.kind == ChapterKind::Appendix)
        .expect("the guide has an appendix");
    let questions: Vec<String> = faq.headings().iter().map(|(h, _)| h.text()).collect();
    assert!(!questions.is_empty());
    for q in &questions {
        assert!(
            entries
                .iter()
                .any(|(d, h, t)| *d == 2 && h.starts_with(&faq.slug) && t == q),
            "question `{q}` not under the appendix in the nav"
        );
    }
}

#[test]
fn the_opf_carries_the_books_metadata() {
    for (name, book) in real_books() {
        let (epub, _) = render(&book);
        let files = files(&epub);
        let opf = opf_doc(&files);
        let doc = parse_xml(&opf).expect("OPF parses");
        let dc = |tag: &str| -> Vec<String> {
            doc.descendants()
                .filter(|n| n.has_tag_name((DC_NS, tag)))
                .map(|n| n.text().unwrap_or_default().to_string())
                .collect()
        };
        let meta = &book.meta;
        assert_eq!(dc("title").first(), Some(&meta.title), "{name}");
        if let Some(sub) = &meta.subtitle {
            assert_eq!(dc("title").get(1), Some(sub), "{name}: subtitle");
        }
        assert_eq!(dc("creator"), meta.authors, "{name}");
        assert_eq!(dc("language"), vec![meta.language.clone()], "{name}");
        if let Some(p) = &meta.publisher {
            assert_eq!(dc("publisher"), vec![p.clone()], "{name}");
        }
        if let Some(d) = &meta.description {
            assert_eq!(dc("description"), vec![d.clone()], "{name}");
        }
        if let Some(r) = &meta.rights {
            assert_eq!(dc("rights"), vec![r.clone()], "{name}");
        }
        // The unique identifier is the book's urn:uuid.
        let package = doc.root_element();
        let uid = package
            .attribute("unique-identifier")
            .expect("unique-identifier");
        let ident = doc
            .descendants()
            .find(|n| n.has_tag_name((DC_NS, "identifier")) && n.attribute("id") == Some(uid))
            .and_then(|n| n.text())
            .expect("the unique identifier");
        assert_eq!(ident, meta.identifier, "{name}");
        // Ids in the OPF are unique (epub-builder 0.8.3 repeats `epub-creator-0`).
        let mut ids = BTreeSet::new();
        for id in doc.descendants().filter_map(|n| n.attribute("id")) {
            assert!(ids.insert(id), "{name}: duplicate OPF id {id}");
        }
        // dcterms:modified is the build date.
        let modified = property(&doc, "dcterms:modified");
        let stamp = meta.build_timestamp();
        let expected = chrono::DateTime::from_timestamp(stamp, 0)
            .expect("in range")
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        assert_eq!(modified, vec![expected], "{name}");
        // Accessibility metadata.
        assert!(property(&doc, "schema:accessMode").contains(&"textual".to_string()));
        assert!(!property(&doc, "schema:accessModeSufficient").is_empty());
        let features = property(&doc, "schema:accessibilityFeature");
        for f in ["structuralNavigation", "tableOfContents", "readingOrder"] {
            assert!(
                features.contains(&f.to_string()),
                "{name}: features {features:?}"
            );
        }
        assert_eq!(
            property(&doc, "schema:accessibilityHazard"),
            vec!["none".to_string()]
        );
        assert_eq!(property(&doc, "schema:accessibilitySummary").len(), 1);
        // The cover image: declared, a PNG or JPEG no larger than 1600 x 2560.
        let cover = doc
            .descendants()
            .find(|n| n.attribute("properties") == Some("cover-image"))
            .expect("cover-image item");
        let href = format!("OEBPS/{}", cover.attribute("href").expect("href"));
        let img = image::load_from_memory(files.get(&href).expect("cover file")).expect("decodes");
        assert!(img.width() <= 1600 && img.height() <= 2560);
        assert!(matches!(
            cover.attribute("media-type"),
            Some("image/png" | "image/jpeg")
        ));
        // Every content image the book uses is in the manifest with its media type.
        for asset in &book.images {
            let wanted = match asset.format {
                ImageFormat::Jpeg => "image/jpeg",
                ImageFormat::Gif => "image/gif",
                ImageFormat::Webp => "image/webp",
                ImageFormat::Png | ImageFormat::Bmp => "image/png",
                ImageFormat::Svg => "image/svg+xml",
            };
            let found = doc.descendants().any(|n| {
                n.has_tag_name((OPF_NS, "item"))
                    && n.attribute("media-type") == Some(wanted)
                    && n.attribute("href")
                        .is_some_and(|h| h.starts_with("images/") && !h.starts_with("images/cover"))
            });
            assert!(found, "{name}: {} not in the manifest", asset.path);
        }
    }
}

fn property(doc: &roxmltree::Document, name: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.attribute("property") == Some(name) && n.attribute("refines").is_none())
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_guide_has_a_drawn_cover_within_the_stores_limits() {
    let book = load("book");
    assert!(book.cover.is_none(), "the guide names no cover image");
    let (epub, _) = render(&book);
    let files = files(&epub);
    let png = files.get("OEBPS/images/cover.png").expect("drawn cover");
    let img = image::load_from_memory(png).expect("PNG").to_rgb8();
    // 1:1.6, at most 4,000,000 pixels, at least 1,400 wide; well compressed.
    assert_eq!((img.width(), img.height()), (1563, 2500));
    assert!(png.len() <= 100_000, "the cover takes {} bytes", png.len());
    // Title text is drawn: the upper half has light pixels on the dark ground.
    let light = img
        .enumerate_pixels()
        .filter(|(_, y, p)| *y < 1250 && p.0.iter().all(|&c| c > 200))
        .count();
    assert!(
        light > 10_000,
        "only {light} light pixels in the title area"
    );
}

#[test]
fn the_xhtml_holds_every_word_of_the_guide_source() {
    let book = load("book");
    let (epub, _) = render(&book);
    let got = common::words(&spine_text(&files(&epub)));
    let source = common::words(&common::guide_source());
    let missing: Vec<&String> = source.difference(&got).collect();
    assert!(
        missing.is_empty(),
        "words of the source missing from the EPUB: {missing:?}"
    );
}

#[test]
fn the_xhtml_holds_every_word_of_the_fixture_model() {
    let book = load("tests/fixtures/mini");
    let (epub, _) = render(&book);
    let got = common::words(&spine_text(&files(&epub)));
    let wanted = common::words(&book.text());
    let missing: Vec<&String> = wanted.difference(&got).collect();
    assert!(missing.is_empty(), "words missing: {missing:?}");
}

#[test]
fn content_documents_carry_language_and_semantics() {
    let book = load("tests/fixtures/mini");
    let (epub, _) = render(&book);
    let files = files(&epub);
    for chapter in &book.chapters {
        let name = format!("OEBPS/{}.xhtml", chapter.slug);
        let doc = parse_xml(text(&files, &name)).expect("parses");
        let html = doc.root_element();
        assert_eq!(html.attribute("lang"), Some(book.meta.language.as_str()));
        assert_eq!(
            html.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(book.meta.language.as_str())
        );
        let section = doc
            .descendants()
            .find(|n| n.has_tag_name((XHTML_NS, "section")))
            .expect("section");
        let types = section.attribute((OPS_NS, "type"));
        match chapter.kind {
            ChapterKind::Chapter => {
                assert_eq!(types, Some("chapter"));
                assert_eq!(section.attribute("role"), Some("doc-chapter"));
            }
            ChapterKind::Appendix => {
                assert_eq!(types, Some("appendix"));
                assert_eq!(section.attribute("role"), Some("doc-appendix"));
            }
            ChapterKind::Back => {
                let body = doc
                    .descendants()
                    .find(|n| n.has_tag_name((XHTML_NS, "body")));
                assert_eq!(
                    body.and_then(|b| b.attribute((OPS_NS, "type"))),
                    Some("backmatter")
                );
            }
            ChapterKind::Front => {}
        }
        // Footnotes: a noteref per reference, an aside per note, linked both ways.
        for note in &chapter.footnotes {
            let aside = doc
                .descendants()
                .find(|n| n.attribute("id") == Some(note.id.as_str()))
                .expect("footnote element");
            assert!(aside.has_tag_name((XHTML_NS, "aside")));
            assert_eq!(aside.attribute((OPS_NS, "type")), Some("footnote"));
            let back = aside
                .descendants()
                .find(|n| n.attribute("role") == Some("doc-backlink"))
                .expect("link back");
            assert_eq!(
                back.attribute("href"),
                Some(format!("#{}", note.ref_id).as_str())
            );
            let noteref = doc
                .descendants()
                .find(|n| n.attribute("id") == Some(note.ref_id.as_str()))
                .expect("note reference");
            assert_eq!(noteref.attribute("role"), Some("doc-noteref"));
            assert_eq!(noteref.attribute((OPS_NS, "type")), Some("noteref"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-made books: escaping, edge cases, images and covers in every format

#[test]
fn a_hand_made_book_with_every_construct_is_escaped_linked_and_valid() {
    let book = hand_made_book();
    let (epub, diags) = render(&book);
    let files = files(&epub);
    check_xhtml_and_links(&files);
    let one = text(&files, "OEBPS/one.xhtml");
    // Escaped text, attributes and raw HTML (shown as literal text, never as markup).
    assert!(one.contains("Fish &amp; &lt;chips&gt; \"quoted\" 'single' control"));
    assert!(one.contains("&lt;span class=\"x\"&gt;raw&lt;/span&gt;"));
    assert!(one.contains("&lt;div&gt;block raw&lt;/div&gt;"));
    assert!(one.contains("href=\"https://example.org/?a=1&amp;b=%3C2%3E\""));
    assert!(one.contains("title=\"to &quot;two&quot;\""));
    assert!(one.contains("<ol start=\"3\""));
    assert!(one.contains("class=\"language-c\""));
    assert!(one.contains("<th scope=\"col\" class=\"align-right\">Cost &lt;$&gt;</th>"));
    // Links between chapters go to the file and fragment; a missing anchor falls back, warned.
    assert!(one.contains("href=\"two.xhtml#deep\""));
    assert!(one.contains("href=\"two.xhtml\">fallback link"));
    assert!(
        diags
            .items()
            .iter()
            .any(|d| d.message.contains("no-such-anchor")),
        "{:?}",
        diags.items()
    );
    // A second reference to the same note gets its own id; both link to the note.
    assert_eq!(one.matches("href=\"#fn-1\"").count(), 2);
    // The missing image's alt text stands in.
    assert!(one.contains("missing picture"));
    // The `nav` slug does not overwrite nav.xhtml.
    let nav = text(&files, "OEBPS/nav.xhtml");
    assert!(nav.contains("epub:type=\"toc\""));
    assert!(
        files
            .keys()
            .any(|k| k.starts_with("OEBPS/nav-") && k.ends_with(".xhtml"))
    );
    // Images: BMP became PNG, the others keep their format.
    let opf = opf_doc(&files);
    let doc = parse_xml(&opf).expect("OPF parses");
    let items = attribute_pairs(&doc, "item", ["href", "media-type"]);
    for (href, media) in [
        ("images/photo.png", "image/png"),
        ("images/p.jpg", "image/jpeg"),
        ("images/w.webp", "image/webp"),
        ("images/icon.gif", "image/gif"),
    ] {
        assert!(
            items.contains(&(href.into(), media.into())),
            "{href} {media}: {items:?}"
        );
    }
    let photo = files.get("OEBPS/images/photo.png").expect("converted BMP");
    assert_eq!(
        image::guess_format(photo).ok(),
        Some(image::ImageFormat::Png)
    );
    // Metadata with escaping; a non-UUID identifier is kept beside the derived UUID.
    let dc = |tag: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name((DC_NS, tag)))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(dc("title")[0], book.meta.title);
    assert_eq!(dc("publisher"), vec!["Press <&>".to_string()]);
    assert_eq!(dc("creator"), book.meta.authors);
    let ids = dc("identifier");
    assert!(
        ids.contains(&"urn:isbn:9780000000002".to_string()),
        "{ids:?}"
    );
    assert!(ids.iter().any(|i| i.starts_with("urn:uuid:")), "{ids:?}");
    // The words all arrive.
    let got = common::words(&spine_text(&files));
    let wanted = common::words(&book.text());
    let missing: Vec<&String> = wanted.difference(&got).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn an_oversized_or_non_web_cover_is_converted_and_scaled_to_fit() {
    for (format, w, h, expected) in [
        (ImageFormat::Png, 2000, 4000, image::ImageFormat::Png),
        (ImageFormat::Jpeg, 3200, 2000, image::ImageFormat::Jpeg),
        (ImageFormat::Png, 1600, 2560, image::ImageFormat::Png),
        (ImageFormat::Bmp, 300, 400, image::ImageFormat::Png),
        (ImageFormat::Png, 300, 400, image::ImageFormat::Png),
    ] {
        let mut book = hand_made_book();
        book.cover = Some(asset("cover.img", w, h, format));
        let (epub, diags) = render(&book);
        let files = files(&epub);
        let (name, bytes) = files
            .iter()
            .find(|(k, _)| k.starts_with("OEBPS/images/cover."))
            .expect("a cover file");
        assert_eq!(image::guess_format(bytes).ok(), Some(expected), "{name}");
        let img = image::load_from_memory(bytes).expect("decodes");
        let pixels = |w: u32, h: u32| u64::from(w) * u64::from(h);
        assert!(
            pixels(img.width(), img.height()) <= 4_000_000,
            "{}x{}",
            img.width(),
            img.height()
        );
        // Scaled, not cropped: the aspect ratio is kept (to a pixel).
        let ratio = |a: u32, b: u32| a as f64 / b as f64;
        assert!((ratio(img.width(), img.height()) - ratio(w, h)).abs() < 0.01);
        let scaled = diags
            .items()
            .iter()
            .any(|d| d.message.contains("is scaled to"));
        if pixels(w, h) <= 4_000_000 {
            assert_eq!((img.width(), img.height()), (w, h));
            assert!(!scaled);
        } else {
            // Scaled to the limit, not below it, and said so.
            assert!(pixels(img.width(), img.height()) > 3_990_000);
            assert!(scaled, "{:?}", diags.items());
        }
    }
}

#[test]
fn a_broken_cover_is_an_error_not_a_panic() {
    let mut book = hand_made_book();
    book.cover = Some(Asset {
        drawing: None,
        path: "cover.png".into(),
        bytes: b"not an image".to_vec(),
        format: ImageFormat::Png,
        width: 1,
        height: 1,
    });
    let mut diags = Diagnostics::new();
    assert!(quire::render_epub(&book, &mut diags).is_err());
    assert!(diags.has_errors());
    assert!(diags.items().iter().any(|d| d.message.contains("cover")));
}

#[test]
fn the_book_stylesheet_replaces_the_default_when_given() {
    let mut book = hand_made_book();
    book.styles.epub_css = "body { color: teal; }".into();
    let (epub, _) = render(&book);
    assert_eq!(
        text(&files(&epub), "OEBPS/stylesheet.css"),
        "body { color: teal; }"
    );
    // The default, less the `@font-face` rules of the faces the book does not draw in.
    book.styles = quire::built_in_styles();
    let (epub, _) = render(&book);
    let files = files(&epub);
    let css = text(&files, "OEBPS/stylesheet.css");
    let default = quire::DEFAULT_EPUB_CSS;
    let rules = default.split("@font-face").skip(1);
    let faces: Vec<&str> = rules.map(|r| &r[..r.find('}').unwrap() + 1]).collect();
    let mut rest = default.to_string();
    for face in &faces {
        let font = face
            .split("url(\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let kept = css.contains(&format!("@font-face{face}"));
        assert_eq!(kept, files.contains_key(&format!("OEBPS/{font}")), "{font}");
        rest = rest.replace(&format!("@font-face{face}\n"), "");
    }
    assert!(css.ends_with(&rest[rest.find("html {").unwrap()..]));
}

#[test]
fn the_default_stylesheet_names_every_font_and_sets_no_page_colours() {
    let css = quire::DEFAULT_EPUB_CSS;
    let fonts = shipped_fonts();
    assert!(fonts.len() >= 7, "{fonts:?}");
    for font in &fonts {
        assert!(css.contains(&format!("url(\"fonts/{font}\")")), "{font}");
    }
    // Dark and sepia modes: no background and no body colour (a highlighted code block brings
    // its own ground and text colour, in every mode).
    let css = &without_code_rules(css);
    assert!(!css.contains("background:") && !css.contains("background-color"));
    let body_rule = css
        .split("body {")
        .nth(1)
        .and_then(|r| r.split('}').next())
        .unwrap_or("");
    assert!(!body_rule.contains("color"));
    assert!(css.contains("hyphens: auto"));
    assert!(css.contains("max-width: 100%"));
}

/// The font files in the repository's `fonts/` folder, which quire compiles in.
fn shipped_fonts() -> Vec<String> {
    let dir = common::repo_root().join("fonts");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fonts/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".otf") || n.ends_with(".ttf"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_book_without_language_identifier_or_chapters_still_builds_a_valid_package() {
    let book = Book {
        meta: Metadata {
            title: "Bare".into(),
            ..Metadata::default()
        },
        root: PathBuf::from("."),
        chapters: Vec::new(),
        cover: None,
        images: Vec::new(),
        styles: quire::built_in_styles(),
        epub: EpubOptions::default(),
        strings: Default::default(),
    };
    let (epub, diags) = render(&book);
    assert!(diags.items().iter().any(|d| d.message.contains("language")));
    let files = files(&epub);
    check_xhtml_and_links(&files);
    assert!(
        text(&files, "OEBPS/content.opf")
            .contains("<dc:language id=\"epub-lang-0\">en</dc:language>")
    );
}

#[test]
fn retailers_find_one_guide_entry_per_landmark_the_title_and_how_names_sort() {
    let mut book = load("book");
    let (epub, _) = render(&book);
    let files = files(&epub);
    let opf = text(&files, "OEBPS/content.opf");
    let doc = parse_xml(opf).expect("OPF parses");
    let spine = spine(&files);
    let references = attribute_pairs(&doc, "reference", ["type", "href"]);
    let landmarks = text(&files, "OEBPS/nav.xhtml")
        .matches("<li><a epub:type=")
        .count();
    assert_eq!(references.len(), landmarks, "{references:?}");
    let types: BTreeSet<&str> = references.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        types.len(),
        references.len(),
        "one entry per type: {references:?}"
    );
    for (kind, href) in &references {
        assert!(
            spine.contains(&format!("OEBPS/{href}")),
            "{kind} -> {href} not in the spine"
        );
    }
    // The NCX's title is the book's.
    let ncx = parse_xml(text(&files, "OEBPS/toc.ncx")).unwrap();
    let doc_title = ncx
        .descendants()
        .find(|n| n.tag_name().name() == "docTitle")
        .unwrap();
    let title_text = doc_title
        .descendants()
        .find(|n| n.is_text() && !n.text().unwrap().trim().is_empty());
    assert_eq!(
        title_text.and_then(|n| n.text()),
        Some(book.meta.title.as_str())
    );
    // Creators sort "Last, First" unless the book says otherwise.
    let file_as = |doc: &roxmltree::Document| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.attribute("property") == Some("file-as"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(file_as(&doc), ["Pierre, Pierre"]);
    book.meta.authors = vec!["Ada King Lovelace".into(), "Charles Babbage".into()];
    book.epub.author_sort_as = vec!["Lovelace, Ada".into()];
    // 2026-02-03, midnight UTC.
    book.epub.modified = Some(1_770_076_800);
    let (epub, _) = render(&book);
    let files = self::files(&epub);
    let opf_text = text(&files, "OEBPS/content.opf");
    let doc = parse_xml(opf_text).unwrap();
    assert_eq!(file_as(&doc), ["Lovelace, Ada", "Babbage, Charles"]);
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        assert_eq!(property(&doc, "dcterms:modified"), ["2026-02-03T00:00:00Z"]);
    }
}

#[test]
fn accessibility_metadata_says_what_the_book_holds_with_schema_org_values() {
    // schema.org's accessibilityFeature values quire can claim.
    let valid = [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
        "alternativeText",
        "pageNavigation",
        "printPageNumbers",
    ];
    for (label, book) in real_books()
        .into_iter()
        .chain([("hand-made", hand_made_book())])
    {
        let (epub, _) = render(&book);
        let files = files(&epub);
        let opf = text(&files, "OEBPS/content.opf");
        let doc = parse_xml(opf).unwrap();
        let lang = doc
            .root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
        assert_eq!(lang, Some(book.meta.language.as_str()), "{label}");
        let features = property(&doc, "schema:accessibilityFeature");
        for f in &features {
            assert!(valid.contains(&f.as_str()), "{label}: {f}");
        }
        let has_images = !book.images.is_empty();
        assert_eq!(
            features.iter().any(|f| f == "alternativeText"),
            has_images,
            "{label}"
        );
        let summary = property(&doc, "schema:accessibilitySummary").concat();
        let footnotes = book.chapters.iter().any(|c| !c.footnotes.is_empty());
        assert_eq!(
            summary.contains("Footnotes"),
            footnotes,
            "{label}: {summary}"
        );
        for page in ["OEBPS/nav.xhtml", "OEBPS/toc.xhtml"] {
            assert!(
                text(&files, page).contains("epub:type=\"toc\" role=\"doc-toc\""),
                "{page}"
            );
        }
        if book.meta.subtitle.is_some() {
            let title_page = text(&files, "OEBPS/title-page.xhtml");
            assert!(title_page.contains("epub:type=\"subtitle\" role=\"doc-subtitle\""));
        }
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The stylesheet without the rules of highlighted code blocks, which bring their own ground.
fn without_code_rules(css: &str) -> String {
    let (before, rest) = css.split_once("/* Highlighted code:").expect("code rules");
    let (_, after) = rest
        .split_once("/* End of highlighted code. */")
        .expect("their end");
    format!("{before}{after}")
}

/// Every colour `css` sets on text reads at 4.5:1 or more on each of `grounds`.
fn assert_reads_on(css: &str, grounds: &[[u8; 3]]) {
    for decl in css.split(';') {
        let Some((name, value)) = decl.rsplit_once(':') else {
            continue;
        };
        if !name.trim_end().ends_with("color")
            || name.contains("border")
            || name.contains("background")
        {
            continue;
        }
        let value = value.trim().trim_end_matches('}').trim();
        if value == "inherit" || value == "currentColor" {
            continue;
        }
        let hex = value.strip_prefix('#').expect("a #rrggbb colour");
        let rgb = [0, 2, 4].map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        for ground in grounds.iter().copied() {
            assert!(contrast(rgb, ground) >= 4.5, "{value} on {ground:?}");
        }
    }
}

#[test]
fn the_stylesheet_leaves_alignment_and_colours_to_the_reader() {
    let css = quire::DEFAULT_EPUB_CSS;
    // Justified only inside the wide-screen media query, and there with hyphenation.
    let (narrow, wide) = css
        .split_once("@media (min-width: 30em)")
        .expect("the media query");
    assert!(!narrow.contains("justify"), "justified text at every width");
    assert!(wide.contains("text-align: justify") && wide.contains("hyphens: auto"));
    let justified = wide.split('{').nth(1).unwrap();
    assert!(
        justified.contains("p, li, dd"),
        "lists and paragraphs alike"
    );
    // Every text colour inherits or reads at 4.5:1 on white, sepia and black grounds; the
    // colours of highlighted code on the ground their block brings, light and dark.
    let (before, rest) = css.split_once("/* Highlighted code:").expect("code rules");
    let (code, after) = rest
        .split_once("/* End of highlighted code. */")
        .expect("their end");
    let (light, dark) = code
        .split_once("prefers-color-scheme: dark")
        .expect("a dark mode");
    assert_reads_on(light, &[[0xf7, 0xf6, 0xf2]]);
    assert_reads_on(dark, &[[0x1e, 0x1e, 0x1e]]);
    let grounds = [[255, 255, 255], [0xf4, 0xec, 0xd8], [0, 0, 0]];
    assert_reads_on(&format!("{before}{after}"), &grounds);
    let (narrow, wide) = (without_code_rules(narrow), wide.to_string());
    // Sizes relative to the reader's, nothing forced over the reader's settings.
    for size in css.split("font-size:").skip(1) {
        let value = size.split([';', '}']).next().unwrap().trim();
        assert!(
            value.ends_with("em") || value.ends_with('%'),
            "font-size: {value}"
        );
    }
    for property in ["!important", "background:", "background-color"] {
        let found = narrow
            .lines()
            .chain(wide.lines())
            .filter(|l| l.contains(property));
        let found: Vec<&str> = found.filter(|l| !l.contains("border")).collect();
        assert!(found.is_empty(), "{property}: {found:?}");
    }
}
