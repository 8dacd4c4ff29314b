//! The corrections `normalize` makes to what epub-builder 0.8.3 writes and cannot express:
//! - its OPF gives `dc:language` and `dc:creator` the same id (`epub-creator-0`): renamed;
//!   it has no `dc:publisher`, one `dc:identifier`, no title refinements, `file-as` or
//!   `dc:source`: inserted; its `<guide>` is replaced by one reference per landmark;
//! - its landmarks can only name a few types and its nav has no `lang`: nav rewritten, with
//!   the page list when there is one;
//! - its NCX has no `dtb:uid`, a depth of 1 and the contents' title as the book's: corrected.

use std::io::{Cursor, Read};

use super::{Package, book_uuid, is_uuid_urn};
use crate::epub::nav::NavEntry;
use crate::epub::xml::escape;

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
    let self_entry = format!("<li><a href=\"{}\">", crate::epub::plan::CONTENTS_PAGE);
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

/// A correction of an entry epub-builder writes.
type Fix = fn(&str, &Package) -> String;

/// The entries `normalize` rewrites, with their corrections.
const REWRITTEN: [(&str, Fix); 4] = [
    ("OEBPS/content.opf", fix_opf),
    ("OEBPS/nav.xhtml", fix_navigation_document),
    ("OEBPS/toc.xhtml", fix_contents_page),
    ("OEBPS/toc.ncx", fix_ncx),
];

/// The corrected navigation, NCX and OPF (its manifest still without the fonts), by name.
pub(super) fn rewritten(
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
