//! Packaging through epub-builder, then one normalising pass over the archive that corrects what
//! epub-builder 0.8.3 gets wrong or cannot express (`fixes`: the OPF, nav and NCX), adds the
//! fonts, the stylesheet naming them and the cover, and re-stamps every entry with the build
//! date (zip timestamps are "now"), so the same inputs give the same bytes. `mimetype` stays
//! first and stored.

mod fixes;

use std::io::{Cursor, Write};

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, TocElement, ZipLibrary};
use sha2::{Digest, Sha256};

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
    // The fonts the content documents are drawn in are chosen, subset and deflated while
    // epub-builder writes the package around them; the navigation it writes is read after.
    let (raw, early) = std::thread::scope(|scope| {
        let early = scope.spawn(|| early_fonts(pkg));
        let raw = crate::timing::phase("epub: epub-builder", || generate(pkg));
        (raw, early.join())
    });
    let early = early.map_err(|_| fail(diags, "fonts", "choosing the fonts failed"))?;
    let raw = raw.map_err(|e| fail(diags, "epub-builder", e))?;
    let written = crate::timing::phase("epub: normalize", || {
        normalize(&raw, pkg, early, || cover_bytes(diags).ok())
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

/// zlib level for the font subsets, which the package waits for: compact font programs
/// barely deflate further at a higher one. The guide's five subsets (68 KB) with zlib-rs:
/// level 1 51 KB in 0.22 ms, level 2 44 KB in 0.63 ms, level 6 43 KB in 1.1 ms, stored 0.03 ms.
const FONT_DEFLATE_LEVEL: i64 = 1;
/// Below this many bytes the font files are deflated on one thread (`crate::parallel`): the
/// guide's 75 KB take 0.22 ms.
const PARALLEL_DEFLATE_BYTES: usize = 512 * 1024;
const OPF: &str = "OEBPS/content.opf";
const STYLESHEET: &str = "OEBPS/stylesheet.css";

/// The fonts as the content documents alone draw them, with their files subset and deflated.
/// The navigation documents, written later by epub-builder, nearly always draw nothing more
/// (their text is the chapters' titles and the landmarks'): then these are the package's.
struct EarlyFonts {
    drawn: fonts::Drawn,
    plan: Plan,
    files: zip::result::ZipResult<Vec<Vec<u8>>>,
}

fn early_fonts(pkg: &Package) -> EarlyFonts {
    let preview = navigation_preview(pkg);
    let mut pages: Vec<&str> = pkg.pages.iter().map(|p| p.xhtml.as_str()).collect();
    pages.push(&preview);
    let drawn = crate::timing::phase("epub: fonts of the pages", || {
        fonts::Drawn::new(&pkg.stylesheet, &pages, pkg.embed_fonts)
    });
    let plan = fonts::plan(&pkg.stylesheet, drawn.clone(), &pkg.fallback_fonts);
    let files = font_files(&plan, entry_options(pkg).fonts);
    EarlyFonts { drawn, plan, files }
}

/// The navigation documents as epub-builder will write them, as far as their fonts go: the
/// contents' nested lists (a section title is drawn in another face there than in its
/// chapter), the landmarks and the page list.
fn navigation_preview(pkg: &Package) -> String {
    fn list(out: &mut String, entries: &[&NavEntry]) {
        out.push_str("<ol>");
        for entry in entries {
            out.push_str("<li><a>");
            out.push_str(&escape(&entry.title));
            out.push_str("</a>");
            if !entry.children.is_empty() {
                list(out, &entry.children.iter().collect::<Vec<_>>());
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    let title = escape(&pkg.contents_title);
    let mut out =
        format!("<html><body><nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\"><h1>{title}</h1>");
    let contents = NavEntry {
        href: String::new(),
        title: pkg.contents_title.clone(),
        children: Vec::new(),
        level: 1,
    };
    let listed: Vec<&NavEntry> = std::iter::once(&contents)
        .chain(pkg.pages.iter().filter_map(|p| p.toc.as_ref()))
        .collect();
    list(&mut out, &listed);
    out.push_str("</nav>");
    out.push_str(&pkg.landmarks_nav);
    if let Some(list) = &pkg.page_list {
        out.push_str(&list.nav);
        out.push_str(&list.contents_markers);
    }
    out.push_str("</body></html>");
    out
}

/// The fonts every document of the package is drawn in: the content documents' as `early`
/// found them, the navigation documents' in `texts`; subset again only when the navigation
/// draws a character the content documents do not.
fn fonts(
    pkg: &Package,
    texts: &[(String, String)],
    early: EarlyFonts,
) -> (Plan, zip::result::ZipResult<Vec<Vec<u8>>>) {
    let navigation: Vec<&str> = texts
        .iter()
        .filter(|(n, _)| n.ends_with(".xhtml"))
        .map(|(_, t)| t.as_str())
        .collect();
    let EarlyFonts {
        mut drawn,
        plan: early_plan,
        files,
    } = early;
    let plan = crate::timing::phase("epub: fonts", || {
        drawn.add(&navigation);
        fonts::plan(&pkg.stylesheet, drawn, &pkg.fallback_fonts)
    });
    if plan == early_plan {
        return (plan, files);
    }
    let files = font_files(&plan, entry_options(pkg).fonts);
    (plan, files)
}

/// The plan's fonts subset, and each file deflated as a one-entry archive.
fn font_files(
    plan: &Plan,
    options: zip::write::SimpleFileOptions,
) -> zip::result::ZipResult<Vec<Vec<u8>>> {
    let subsets = crate::timing::phase("epub: font subsets", || plan.files());
    crate::timing::phase("epub: font files deflated", || {
        deflated_files(&subsets, options)
    })
}

/// How the package's entries are written, all stamped with the build date.
struct EntryOptions {
    stored: zip::write::SimpleFileOptions,
    deflated: zip::write::SimpleFileOptions,
    fonts: zip::write::SimpleFileOptions,
}

fn entry_options(pkg: &Package) -> EntryOptions {
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip_time(pkg.modified))
        .unix_permissions(0o644);
    // The default level: level 1 saved 4 ms of the 50x book's 52 ms CPU but made its pages
    // 22 % larger (2.50 -> 2.69 MB archive).
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    EntryOptions {
        stored,
        deflated,
        fonts: deflated.compression_level(Some(FONT_DEFLATE_LEVEL)),
    }
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
    early: EarlyFonts,
    cover: impl FnOnce() -> Option<Vec<u8>>,
) -> zip::result::ZipResult<Option<Vec<u8>>> {
    let EntryOptions {
        stored, deflated, ..
    } = entry_options(pkg);
    let cover_name = format!("OEBPS/{}", pkg.cover.0);
    let mut archive = zip::ZipArchive::new(Cursor::new(epub))?;
    let texts = fixes::rewritten(&mut archive, pkg)?;
    let (plan, font_files) = fonts(pkg, &texts, early);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len() + (1 << 20))));
    write_entries(&mut archive, &mut out, pkg, &texts)?;
    // The OPF and the stylesheet name the fonts.
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
}

/// Each file deflated on its own, as a one-entry archive to copy from.
fn deflated_files(
    files: &[PackagedFile],
    options: zip::write::SimpleFileOptions,
) -> zip::result::ZipResult<Vec<Vec<u8>>> {
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let archives = crate::parallel::map(files, bytes >= PARALLEL_DEFLATE_BYTES, |file| {
        let mut one = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(file.bytes.len())));
        one.start_file(format!("OEBPS/{}", file.href), options)?;
        one.write_all(&file.bytes)?;
        Ok(one.finish()?.into_inner())
    });
    archives.into_iter().collect()
}

/// Every entry of epub-builder's archive but the cover, the OPF and the stylesheet, corrected
/// and stamped with the build date.
fn write_entries(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    out: &mut zip::ZipWriter<Cursor<Vec<u8>>>,
    pkg: &Package,
    texts: &[(String, String)],
) -> zip::result::ZipResult<()> {
    let EntryOptions {
        stored, deflated, ..
    } = entry_options(pkg);
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
            None => out.raw_copy_file_touch(
                archive.by_index_raw(i)?,
                zip_time(pkg.modified),
                Some(0o644),
            )?,
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
