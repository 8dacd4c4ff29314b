//! Where everything goes inside the package: one XHTML file per chapter (named from its slug),
//! one file per image, and the anchors each chapter defines (so links can be checked).

use std::collections::HashSet;

use crate::diagnostic::{Diagnostics, Location};
use crate::model::{Book, ImageFormat};
use crate::slug::UniqueIds;

/// File names quire writes itself; a chapter slug never takes one of them.
pub const COVER_PAGE: &str = "cover.xhtml";
pub const TITLE_PAGE: &str = "title-page.xhtml";
/// The visible contents page epub-builder writes (`inline_toc`).
pub const CONTENTS_PAGE: &str = "toc.xhtml";
pub const STYLESHEET: &str = "stylesheet.css";
const RESERVED_STEMS: [&str; 5] = ["cover", "title-page", "nav", "toc", "content"];

/// An image as it goes into the package.
#[derive(Debug, Clone, PartialEq)]
pub struct PackagedImage {
    /// Path inside `OEBPS/`, e.g. `images/lab-bench.png`.
    pub href: String,
    pub media_type: &'static str,
    /// Index into `Book::images`.
    pub asset: usize,
    /// BMP is not an EPUB core media type: it is converted to PNG.
    pub convert_to_png: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `<slug>.xhtml` for each chapter, in book order.
    pub chapter_files: Vec<String>,
    /// Per `Book::images` entry, where it goes (None if unusable).
    pub images: Vec<Option<PackagedImage>>,
    /// The ids each chapter's XHTML defines (title, headings, footnotes).
    pub anchors: Vec<HashSet<String>>,
}

impl Plan {
    pub fn new(book: &Book, diags: &mut Diagnostics) -> Plan {
        let mut names = UniqueIds::new();
        for stem in RESERVED_STEMS {
            names.reserve(stem);
        }
        let chapter_files = book
            .chapters
            .iter()
            .map(|c| format!("{}.xhtml", names.unique(&file_stem(&c.slug))))
            .collect();

        let mut image_names = UniqueIds::new();
        image_names.reserve("cover");
        let images = book
            .images
            .iter()
            .enumerate()
            .map(|(i, asset)| {
                let (media_type, ext, convert) = match asset.format {
                    ImageFormat::Png => ("image/png", "png", false),
                    ImageFormat::Jpeg => ("image/jpeg", "jpg", false),
                    ImageFormat::Gif => ("image/gif", "gif", false),
                    ImageFormat::Webp => ("image/webp", "webp", false),
                    ImageFormat::Bmp => ("image/png", "png", true),
                    ImageFormat::Svg => ("image/svg+xml", "svg", false),
                };
                if asset.bytes.is_empty() {
                    diags.warning(
                        Some(Location::file(book.root.join(&asset.path))),
                        "the image is empty and is left out of the EPUB",
                    );
                    return None;
                }
                let stem = image_names.unique(&file_stem(image_stem(&asset.path)));
                Some(PackagedImage {
                    href: format!("images/{stem}.{ext}"),
                    media_type,
                    asset: i,
                    convert_to_png: convert,
                })
            })
            .collect();

        let anchors = book
            .chapters
            .iter()
            .map(|c| {
                let mut ids: HashSet<String> = HashSet::new();
                ids.insert(c.title_id.clone());
                for (h, _) in c.headings() {
                    ids.insert(h.id.clone());
                }
                for note in &c.footnotes {
                    ids.insert(note.id.clone());
                    ids.insert(note.ref_id.clone());
                }
                ids.extend(c.span_ids().into_iter().map(str::to_string));
                ids
            })
            .collect();
        Plan {
            chapter_files,
            images,
            anchors,
        }
    }

    /// The ids chapter `index`'s document defines, reserved (in a stable order), so that the
    /// ids given out after them never repeat one.
    pub fn taken_ids(&self, index: usize) -> UniqueIds {
        let mut taken = UniqueIds::new();
        if let Some(anchors) = self.anchors.get(index) {
            let mut sorted: Vec<&String> = anchors.iter().collect();
            sorted.sort();
            for id in sorted {
                taken.reserve(id);
            }
        }
        taken
    }

    /// The href of chapter `index` seen from chapter `from` (`#anchor` alone within a chapter),
    /// or None if the chapter does not exist. An anchor the chapter lacks falls back to its start.
    pub fn link(&self, from: usize, index: usize, anchor: Option<&str>) -> Option<(String, bool)> {
        let file = self.chapter_files.get(index)?;
        let anchors = self.anchors.get(index)?;
        match anchor {
            Some(a) if anchors.contains(a) => Some(if from == index {
                (format!("#{a}"), true)
            } else {
                (format!("{file}#{a}"), true)
            }),
            Some(_) => Some((file.clone(), false)),
            None => Some((file.clone(), true)),
        }
    }
}

/// The last path component without its extension.
fn image_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// A file-name-safe stem: lower-case ASCII letters, digits and hyphens.
fn file_stem(text: &str) -> String {
    crate::slug::slugify(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_stems_drop_folders_and_extensions() {
        assert_eq!(image_stem("images/Lab Bench.photo.png"), "Lab Bench.photo");
        assert_eq!(file_stem(image_stem("images/Lab Bench.png")), "lab-bench");
        assert_eq!(image_stem(".hidden"), ".hidden");
    }
}
