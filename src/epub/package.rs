//! Packaging through epub-builder, then one normalising pass over the archive that corrects what
//! epub-builder 0.8.3 gets wrong or cannot express:
//! - its OPF gives `dc:language` and `dc:creator` the same id (`epub-creator-0`): renamed;
//! - it has no `dc:publisher` and only one `dc:identifier`: inserted into the OPF;
//! - its landmarks can only name a few types and its nav has no `lang`: nav rewritten;
//! - zip timestamps are "now": every entry is re-stamped with the build date, so the same
//!   inputs give the same bytes. `mimetype` stays first and stored.

use std::io::{Cursor, Read, Write};

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, TocElement, ZipLibrary};
use sha2::{Digest, Sha256};

use rayon::prelude::*;

use super::fonts::{self, PackagedFile, Plan};
use super::nav::NavEntry;
use super::xml::escape;
use crate::diagnostic::{Diagnostics, Failed};

/// One file of the package, in spine order for content documents.
pub struct Page {
    pub href: String,
    pub xhtml: String,
    /// The TOC entry (with nested sections), or None to keep the page out of the TOC.
    pub toc: Option<NavEntry>,
}

/// Everything the package needs, already rendered.
pub struct Package {
    pub title: String,
    /// The contents page's title, in the book's language.
    pub contents_title: String,
    /// The print style's fallback faces, for the characters the stylesheet's faces lack.
    pub fallback_fonts: Vec<crate::fonts::FontFile>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub language: String,
    pub identifier: String,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub rights: Option<String>,
    pub subjects: Vec<String>,
    /// Publication date as seconds since the epoch (from `book.meta.date`).
    pub published: Option<i64>,
    /// `dcterms:modified` and the zip timestamps.
    pub modified: i64,
    pub stylesheet: String,
    /// (path in OEBPS, bytes, media type).
    pub resources: Vec<(String, Vec<u8>, String)>,
    /// The cover image's path in OEBPS and media type; its bytes come to [`build`] separately.
    pub cover: (String, String),
    pub pages: Vec<Page>,
    /// The visible contents page (`toc.xhtml`, made by epub-builder) goes before `pages[i]`.
    pub contents_at: usize,
    /// Accessibility metadata, (property, value) pairs.
    pub a11y: Vec<(&'static str, String)>,
    /// The landmarks `<nav>` to put in nav.xhtml.
    pub landmarks_nav: String,
    /// Whether the fonts the text is drawn in go into the package (`[epub] embed-fonts`).
    pub embed_fonts: bool,
    /// Each author's name as it sorts (`file-as`), in the order of `authors`.
    pub sort_as: Vec<String>,
    /// The OPF 2 `<guide>`, one reference per landmark.
    pub opf_guide: String,
    /// The printed edition's page list, when the EPUB carries one.
    pub page_list: Option<PageList>,
}

/// What the package adds for the printed edition's pages (the chapters carry their markers).
pub struct PageList {
    /// The `page-list` nav for nav.xhtml.
    pub nav: String,
    /// The contents pages' markers, put at the start of the contents page.
    pub contents_markers: String,
    /// The printed edition, as `dc:source`.
    pub source: String,
}

fn fail(diags: &mut Diagnostics, what: &str, err: impl std::fmt::Display) -> Failed {
    diags.error(None, format!("EPUB packaging failed ({what}): {err}"));
    Failed
}

/// Builds the EPUB bytes. `cover_bytes` is called once the rest is generated, so the cover can
/// be made meanwhile.
pub fn build(
    pkg: &Package,
    cover_bytes: impl FnOnce(&mut Diagnostics) -> Result<Vec<u8>, Failed>,
    diags: &mut Diagnostics,
) -> Result<Vec<u8>, Failed> {
    // What the content documents draw in which font is read while epub-builder writes the
    // package around them; the navigation it writes is read after.
    let pages: Vec<&str> = pkg.pages.iter().map(|p| p.xhtml.as_str()).collect();
    let (raw, drawn) = rayon::join(
        || crate::timing::phase("epub: epub-builder", || generate(pkg)),
        || {
            crate::timing::phase("epub: fonts of the pages", || {
                fonts::Drawn::new(&pkg.stylesheet, &pages, pkg.embed_fonts)
            })
        },
    );
    let raw = raw.map_err(|e| fail(diags, "epub-builder", e))?;
    let written = crate::timing::phase("epub: normalize", || {
        normalize(&raw, pkg, drawn, || cover_bytes(diags).ok())
    });
    match written {
        Ok(Some(bytes)) => Ok(bytes),
        // The cover's own problem is in `diags` already.
        Ok(None) => Err(Failed),
        Err(e) => Err(fail(diags, "rewriting the archive", e)),
    }
}

fn generate(pkg: &Package) -> Result<Vec<u8>, epub_builder::Error> {
    let mut b = EpubBuilder::new(ZipLibrary::new()?)?;
    b.epub_version(EpubVersion::V33);
    b.set_title(pkg.title.as_str());
    for author in &pkg.authors {
        b.add_author(author.as_str());
    }
    b.add_language(pkg.language.as_str());
    b.set_generator("quire");
    b.set_toc_name(pkg.contents_title.as_str());
    if let Some(d) = &pkg.description {
        b.add_description(d.as_str());
    }
    for s in &pkg.subjects {
        b.add_subject(s.as_str());
    }
    if let Some(r) = &pkg.rights {
        b.set_license(r.as_str());
    }
    b.set_uuid(book_uuid(&pkg.identifier));
    b.set_modified_date(datetime(pkg.modified));
    if let Some(p) = pkg.published {
        b.set_publication_date(datetime(p));
    }
    for (property, value) in &pkg.a11y {
        // MetadataOpfV3 writes its content verbatim: escape it here.
        b.add_metadata_opf(Box::new(MetadataOpfV3::new(
            (*property).to_string(),
            escape(value),
        )));
    }
    // A placeholder: `normalize` writes the stylesheet with the fonts packaged.
    b.stylesheet(&[][..])?;
    // Images go in as empty placeholders: `normalize` stores their bytes (already compressed
    // as PNG, JPEG...) instead of letting epub-builder deflate them again.
    for (path, bytes, media_type) in &pkg.resources {
        let bytes: &[u8] = if is_image(media_type) { &[] } else { bytes };
        b.add_resource(path.as_str(), bytes, media_type.as_str())?;
    }
    let (cover_path, cover_type) = &pkg.cover;
    b.add_cover_image(cover_path.as_str(), &[][..], cover_type.as_str())?;
    for (i, page) in pkg.pages.iter().enumerate() {
        if i == pkg.contents_at {
            b.inline_toc();
        }
        // An empty placeholder, like the images: `normalize` writes the page, compressed once.
        let mut content = EpubContent::new(page.href.as_str(), &[][..]);
        if let Some(entry) = &page.toc {
            content = content.title(entry.title.as_str()).level(entry.level);
            for child in &entry.children {
                content = content.child(toc_element(child));
            }
        }
        b.add_content(content)?;
    }
    if pkg.contents_at >= pkg.pages.len() {
        b.inline_toc();
    }
    let mut out = Vec::new();
    b.generate(&mut out)?;
    Ok(out)
}

fn toc_element(entry: &NavEntry) -> TocElement {
    entry.children.iter().fold(
        TocElement::new(entry.href.as_str(), entry.title.as_str()),
        |el, c| el.child(toc_element(c)),
    )
}

/// Seconds since the epoch as a chrono date (out of range: the epoch).
fn datetime(secs: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// The package's UUID: the identifier itself if it is a `urn:uuid:`, else a UUID (version 8,
/// RFC 9562 "custom") made from the SHA-256 of the identifier, stable across builds.
pub fn book_uuid(identifier: &str) -> uuid::Uuid {
    let trimmed = identifier.trim();
    if let Some(rest) = trimmed
        .strip_prefix("urn:uuid:")
        .or_else(|| trimmed.strip_prefix("URN:UUID:"))
        && let Ok(u) = uuid::Uuid::parse_str(rest)
    {
        return u;
    }
    let digest = Sha256::digest(trimmed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    uuid::Uuid::from_bytes(bytes)
}

/// Whether the identifier is used as is (a `urn:uuid:`), so no second identifier is needed.
fn is_uuid_urn(identifier: &str) -> bool {
    let t = identifier.trim();
    t.to_ascii_lowercase().starts_with("urn:uuid:") && uuid::Uuid::parse_str(&t[9..]).is_ok()
}

/// The zip timestamp for `secs`; zip (MS-DOS) dates start in 1980, so earlier dates clamp.
fn zip_time(secs: i64) -> zip::DateTime {
    let dt = datetime(secs);
    use chrono::{Datelike, Timelike};
    let year = dt.year().clamp(1980, 2107) as u16;
    let (month, day, hour, minute, second) = if dt.year() < 1980 {
        (1, 1, 0, 0, 0)
    } else if dt.year() > 2107 {
        (12, 31, 23, 59, 58)
    } else {
        (
            dt.month() as u8,
            dt.day() as u8,
            dt.hour() as u8,
            dt.minute() as u8,
            // MS-DOS time counts seconds in steps of two.
            (dt.second() as u8) & !1,
        )
    };
    zip::DateTime::from_date_and_time(year, month, day, hour, minute, second).unwrap_or_default()
}

/// The OPF with the corrections described at the top of this module.
fn fix_opf(opf: &str, pkg: &Package) -> String {
    let mut opf = opf.replace(
        "<dc:language id=\"epub-creator-",
        "<dc:language id=\"epub-lang-",
    );
    // The language of the metadata's text, for reading systems and assistive technology.
    let lang = format!("<package xml:lang=\"{}\" ", escape(&pkg.language));
    opf = opf.replacen("<package ", &lang, 1);
    let mut extra = String::new();
    if let Some(sub) = pkg.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        // EPUB 3 title refinements: reading systems show the main title, and can show both.
        opf = opf.replacen("<dc:title>", "<dc:title id=\"title-main\">", 1);
        extra.push_str("\n    <meta refines=\"#title-main\" property=\"title-type\">main</meta>");
        extra.push_str(&format!(
            "\n    <dc:title id=\"title-sub\">{}</dc:title>\n    <meta refines=\"#title-sub\" property=\"title-type\">subtitle</meta>",
            escape(sub)
        ));
    }
    if let Some(p) = pkg.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
        extra.push_str(&format!("\n    <dc:publisher>{}</dc:publisher>", escape(p)));
    }
    if let Some(list) = &pkg.page_list {
        // The work the page-break markers come from (EPUB Accessibility 1.1, page source):
        // `dc:source` for EPUB 3.2 reading systems and Ace, `pageBreakSource` as EPUB 3.3
        // names it.
        let source = escape(&list.source);
        extra.push_str(&format!(
            "\n    <dc:source>{source}</dc:source>\n    <meta property=\"pageBreakSource\">{source}</meta>"
        ));
    }
    if !pkg.identifier.trim().is_empty() && !is_uuid_urn(&pkg.identifier) {
        extra.push_str(&format!(
            "\n    <dc:identifier id=\"source-identifier\">{}</dc:identifier>",
            escape(pkg.identifier.trim())
        ));
    }
    if let Some(at) = opf.find("</dc:title>") {
        opf.insert_str(at + "</dc:title>".len(), &extra);
    }
    for (i, sort) in pkg.sort_as.iter().enumerate() {
        let id = format!("epub-creator-{i}");
        let Some(start) = opf.find(&format!("<dc:creator id=\"{id}\">")) else {
            continue;
        };
        if let Some(len) = opf[start..].find("</dc:creator>") {
            let file_as = format!(
                "\n    <meta refines=\"#{id}\" property=\"file-as\">{}</meta>",
                escape(sort)
            );
            opf.insert_str(start + len + "</dc:creator>".len(), &file_as);
        }
    }
    if let Some(start) = opf.find("<guide>")
        && let Some(len) = opf[start..].find("</guide>")
    {
        opf.replace_range(start..start + len + "</guide>".len(), &pkg.opf_guide);
    }
    opf
}

/// nav.xhtml with the language set and our landmarks in place of epub-builder's.
fn fix_nav(nav: &str, pkg: &Package) -> String {
    let lang = escape(&pkg.language);
    let mut nav = nav.replacen(
        "xmlns:epub=\"http://www.idpf.org/2007/ops\">",
        &format!(
            "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">"
        ),
        1,
    );
    // The ARIA role the contents' epub:type maps to (DPUB-ARIA), for assistive technology.
    nav = nav.replacen(
        "<nav epub:type = \"toc\" id=\"toc\">",
        "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">",
        1,
    );
    if let Some(start) = nav.find("<nav epub:type = \"landmarks\">")
        && let Some(len) = nav[start..].find("</nav>")
    {
        nav.replace_range(start..start + len + "</nav>".len(), &pkg.landmarks_nav);
    }
    nav
}

/// toc.ncx with the book's identifier (`dtb:uid`, which EPUB 2 readers match against the OPF),
/// the real depth of the table of contents and the book's title as its `docTitle`.
fn fix_ncx(ncx: &str, pkg: &Package) -> String {
    let uid = uuid::fmt::Urn::from_uuid(book_uuid(&pkg.identifier)).to_string();
    let depth = pkg
        .pages
        .iter()
        .filter_map(|p| p.toc.as_ref())
        .map(toc_depth)
        .max()
        .unwrap_or(1);
    let title = format!("<docTitle>\n    <text>{}</text>", escape(&pkg.title));
    let written = format!(
        "<docTitle>\n    <text>{}</text>",
        escape(&pkg.contents_title)
    );
    let ncx = ncx.replacen(&written, &title, 1);
    ncx.replacen(
        "<meta name=\"dtb:depth\" content=\"1\" />",
        &format!(
            "<meta name=\"dtb:uid\" content=\"{}\" />\n    <meta name=\"dtb:depth\" content=\"{depth}\" />",
            escape(&uid)
        ),
        1,
    )
}

fn toc_depth(entry: &NavEntry) -> usize {
    1 + entry.children.iter().map(toc_depth).max().unwrap_or(0)
}

/// nav.xhtml as [`fix_nav`] makes it, with the printed edition's page list after the other
/// navs when the EPUB has one.
fn fix_navigation_document(nav: &str, pkg: &Package) -> String {
    let mut nav = fix_nav(nav, pkg);
    if let Some(list) = &pkg.page_list
        && let Some(end) = nav.rfind("</body>")
    {
        nav.insert_str(end, &format!("{}\n", list.nav));
    }
    nav
}

/// The visible contents page: the language set, no landmarks (they belong in nav.xhtml), and
/// the page-break markers of the printed contents' pages at its start.
fn fix_contents_page(page: &str, pkg: &Package) -> String {
    let mut page = fix_nav(page, pkg);
    if let Some(list) = &pkg.page_list
        && let Some(body) = page.find("<body")
        && let Some(open_end) = page[body..].find('>')
    {
        page.insert_str(body + open_end + 1, &list.contents_markers);
    }
    if let Some(start) = page.find(&pkg.landmarks_nav) {
        page.replace_range(start..start + pkg.landmarks_nav.len(), "");
    }
    // The page need not list itself.
    let self_entry = format!("<li><a href=\"{}\">", super::plan::CONTENTS_PAGE);
    if let Some(found) = page.find(&self_entry)
        && let Some(len) = page[found..].find("</li>")
    {
        let start = page[..found].trim_end_matches(' ').len();
        let len = len + (found - start);
        let mut end = start + len + "</li>".len();
        if page[end..].starts_with('\n') {
            end += 1;
        }
        page.replace_range(start..end, "");
    }
    page
}

/// Rewrites the archive: fixed OPF and nav, every entry stamped with the build date.
fn is_image(media_type: &str) -> bool {
    media_type.starts_with("image/")
}

/// The images of the package by their name in the archive, to be stored as they are.
fn stored_images(pkg: &Package) -> Vec<(String, &[u8])> {
    let resources = pkg.resources.iter().filter(|(_, _, t)| is_image(t));
    resources
        .map(|(path, bytes, _)| (format!("OEBPS/{path}"), bytes.as_slice()))
        .collect()
}

/// A correction of an entry epub-builder writes.
type Fix = fn(&str, &Package) -> String;

/// The entries `normalize` rewrites, with their corrections.
const REWRITTEN: [(&str, Fix); 4] = [
    ("OEBPS/content.opf", fix_opf),
    ("OEBPS/nav.xhtml", fix_navigation_document),
    ("OEBPS/toc.xhtml", fix_contents_page),
    ("OEBPS/toc.ncx", fix_ncx),
];
/// zlib level for the font subsets, which the package waits for: compact font programs
/// barely deflate further at a higher one. The guide's five subsets (68 KB) with zlib-rs:
/// level 1 51 KB in 0.22 ms, level 2 44 KB in 0.63 ms, level 6 43 KB in 1.1 ms, stored 0.03 ms.
const FONT_DEFLATE_LEVEL: i64 = 1;
const OPF: &str = "OEBPS/content.opf";
const STYLESHEET: &str = "OEBPS/stylesheet.css";

/// The corrected navigation, NCX and OPF (its manifest still without the fonts), by name.
fn rewritten(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    pkg: &Package,
) -> zip::result::ZipResult<Vec<(String, String)>> {
    let mut texts = Vec::new();
    for (name, fix) in REWRITTEN {
        let mut text = String::new();
        archive.by_name(name)?.read_to_string(&mut text)?;
        texts.push((name.to_string(), fix(&text, pkg)));
    }
    Ok(texts)
}

/// The fonts the package's documents are drawn in (the content documents' as `drawn` found,
/// the navigation documents' in `texts`), and their files deflated.
fn fonts(
    pkg: &Package,
    texts: &[(String, String)],
    mut drawn: fonts::Drawn,
    options: zip::write::SimpleFileOptions,
) -> (Plan, zip::result::ZipResult<Vec<Vec<u8>>>) {
    let navigation: Vec<&str> = texts
        .iter()
        .filter(|(n, _)| n.ends_with(".xhtml"))
        .map(|(_, t)| t.as_str())
        .collect();
    let plan = crate::timing::phase("epub: fonts", || {
        drawn.add(&navigation);
        fonts::plan(&pkg.stylesheet, drawn, &pkg.fallback_fonts)
    });
    let subsets = crate::timing::phase("epub: font subsets", || plan.files());
    let files = crate::timing::phase("epub: font files deflated", || {
        deflated_files(&subsets, options)
    });
    (plan, files)
}

/// The OPF with an `<item>` for each of `files` (path, media type) at the end of its manifest.
fn with_manifest_items(opf: &str, files: &[(String, &'static str)]) -> String {
    let items: String = files
        .iter()
        .enumerate()
        .map(|(i, (href, media_type))| {
            format!(
                "    <item id=\"font-file-{i}\" href=\"{}\" media-type=\"{media_type}\"/>\n",
                escape(href),
            )
        })
        .collect();
    opf.replacen("  </manifest>", &format!("{items}  </manifest>"), 1)
}

/// The final archive. The cover image goes last, so that everything else is written while it
/// is still being made; `cover` waits for its bytes (None: it failed, and so does this).
fn normalize(
    epub: &[u8],
    pkg: &Package,
    drawn: fonts::Drawn,
    cover: impl FnOnce() -> Option<Vec<u8>>,
) -> zip::result::ZipResult<Option<Vec<u8>>> {
    let when = zip_time(pkg.modified);
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when)
        .unix_permissions(0o644);
    // The default level: level 1 saved 4 ms of the 50x book's 52 ms CPU but made its pages
    // 22 % larger (2.50 -> 2.69 MB archive).
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    let cover_name = format!("OEBPS/{}", pkg.cover.0);
    let mut archive = zip::ZipArchive::new(Cursor::new(epub))?;
    let texts = rewritten(&mut archive, pkg)?;
    // Which fonts draw what, their subsets and their deflating happen on other threads while
    // the pages are written; the OPF and the stylesheet, which name the fonts, come after.
    let font_options = deflated.compression_level(Some(FONT_DEFLATE_LEVEL));
    std::thread::scope(|scope| {
        let fonts = scope.spawn(|| fonts(pkg, &texts, drawn, font_options));
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len() + (1 << 20))));
        write_entries(&mut archive, &mut out, pkg, &texts, when)?;
        let (plan, font_files) = fonts.join().map_err(|_| {
            zip::result::ZipError::Io(std::io::Error::other(
                "choosing and subsetting the EPUB's fonts failed",
            ))
        })?;
        let opf = texts
            .iter()
            .find(|(n, _)| n == OPF)
            .map(|(_, t)| t.as_str());
        out.start_file(OPF, deflated)?;
        out.write_all(with_manifest_items(opf.unwrap_or_default(), &plan.manifest()).as_bytes())?;
        out.start_file(STYLESHEET, deflated)?;
        out.write_all(plan.stylesheet.as_bytes())?;
        for file in &font_files? {
            let mut one = zip::ZipArchive::new(Cursor::new(file.as_slice()))?;
            out.raw_copy_file(one.by_index_raw(0)?)?;
        }
        let Some(cover) = cover() else {
            return Ok(None);
        };
        out.start_file(cover_name, stored)?;
        out.write_all(&cover)?;
        Ok(Some(out.finish()?.into_inner()))
    })
}

/// Each file deflated on its own, as a one-entry archive to copy from.
fn deflated_files(
    files: &[PackagedFile],
    options: zip::write::SimpleFileOptions,
) -> zip::result::ZipResult<Vec<Vec<u8>>> {
    let archives = files.par_iter().map(|file| {
        let mut one = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(file.bytes.len())));
        one.start_file(format!("OEBPS/{}", file.href), options)?;
        one.write_all(&file.bytes)?;
        Ok(one.finish()?.into_inner())
    });
    archives.collect()
}

/// Every entry of epub-builder's archive but the cover, the OPF and the stylesheet, corrected
/// and stamped with `when`.
fn write_entries(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    out: &mut zip::ZipWriter<Cursor<Vec<u8>>>,
    pkg: &Package,
    texts: &[(String, String)],
    when: zip::DateTime,
) -> zip::result::ZipResult<()> {
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    let images = stored_images(pkg);
    let pages: std::collections::HashMap<&str, &Page> =
        pkg.pages.iter().map(|p| (p.href.as_str(), p)).collect();
    let cover_name = format!("OEBPS/{}", pkg.cover.0);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name().to_string();
        if name == cover_name || name == OPF || name == STYLESHEET {
            continue;
        }
        if let Some(page) = name.strip_prefix("OEBPS/").and_then(|href| pages.get(href)) {
            out.start_file(name, deflated)?;
            out.write_all(page.xhtml.as_bytes())?;
            continue;
        }
        if let Some((_, bytes)) = images.iter().find(|(n, _)| *n == name) {
            out.start_file(name, stored)?;
            out.write_all(bytes)?;
            continue;
        }
        match texts.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => {
                out.start_file(name, deflated)?;
                out.write_all(text.as_bytes())?;
            }
            None => out.raw_copy_file_touch(archive.by_index_raw(i)?, when, Some(0o644))?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_urns_are_kept_and_other_identifiers_hashed_stably() {
        let u = "urn:uuid:0b6f3a52-2f0e-4d6b-9a55-1c2d3e4f5a6b";
        assert_eq!(
            book_uuid(u).to_string(),
            "0b6f3a52-2f0e-4d6b-9a55-1c2d3e4f5a6b"
        );
        assert!(is_uuid_urn(u));
        let isbn = "urn:isbn:9780000000000";
        assert_eq!(book_uuid(isbn), book_uuid(isbn));
        assert_ne!(book_uuid(isbn), book_uuid("urn:isbn:9780000000001"));
        assert_eq!(book_uuid(isbn).get_version_num(), 8);
        assert!(!is_uuid_urn(isbn));
    }

    #[test]
    fn zip_times_clamp_to_the_dos_range() {
        assert_eq!(zip_time(0).year(), 1980);
        let t = zip_time(1_700_000_000); // 2023-11-14T22:13:20Z
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2023, 11, 14, 22));
    }
}
