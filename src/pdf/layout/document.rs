//! Stage: the document as the writer takes it: the fonts the pages use (and only those), the
//! information dictionary, and the names of the typefaces for the colophon.

use sha2::{Digest, Sha256};

use crate::model::Book;
use crate::pdf::fonts::{FontKey, FontSet};
use crate::pdf::page::{DocumentInfo, Page, PageItem};
use crate::pdf::style::PrintStyle;

/// The faces `pages` draw text in, in `FontKey::EVERY` order (runs index that list until
/// [`compact_fonts`]).
pub fn faces_used<'a>(pages: impl IntoIterator<Item = &'a Page>) -> Vec<FontKey> {
    let mut used = [false; FontKey::EVERY.len()];
    for item in pages.into_iter().flat_map(|p| &p.items) {
        if let PageItem::Text(run) = item
            && let Some(u) = used.get_mut(run.font)
        {
            *u = true;
        }
    }
    FontKey::EVERY
        .into_iter()
        .filter(|k| used[*k as usize])
        .collect()
}

/// The family names of `faces`, each once, as a phrase: "A, B and C" (`and` in the book's
/// language).
pub fn typeface_names(fonts: &FontSet, faces: &[FontKey], and: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    for key in faces {
        let name = fonts.face(*key).family_name();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// Keep only the fonts the pages use, renumbering the runs; returns the fonts kept.
pub fn compact_fonts(pages: &mut [Page]) -> Vec<FontKey> {
    let kept = faces_used(pages.iter());
    let mut map = [0; FontKey::EVERY.len()];
    for (index, key) in kept.iter().enumerate() {
        map[*key as usize] = index;
    }
    for item in pages.iter_mut().flat_map(|p| &mut p.items) {
        if let PageItem::Text(r) = item {
            r.font = map.get(r.font).copied().unwrap_or(0);
        }
    }
    kept
}

/// The information dictionary, with an identifier that changes when any input does.
pub fn document_info(book: &Book, style: &PrintStyle, style_text: &str) -> DocumentInfo {
    let m = &book.meta;
    let mut hash = Sha256::new();
    for part in [
        m.title.as_str(),
        m.identifier.as_str(),
        m.language.as_str(),
        style_text,
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(book.text().as_bytes());
    hash.update(style.page_width.to_le_bytes());
    hash.update(style.page_height.to_le_bytes());
    for asset in book.images.iter().chain(book.cover.iter()) {
        hash.update(asset.path.as_bytes());
        hash.update(&asset.bytes);
    }
    let digest = hash.finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    DocumentInfo {
        title: m.title.clone(),
        author: m.authors.join(", "),
        subject: m
            .subject
            .clone()
            .or_else(|| m.description.clone())
            .unwrap_or_default(),
        keywords: m.keywords.join(", "),
        creator: "quire".into(),
        producer: format!("quire {}", env!("CARGO_PKG_VERSION")),
        language: m.language.clone(),
        timestamp: crate::date::build_timestamp(m),
        id,
    }
}
