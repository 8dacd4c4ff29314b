//! Images: read once, format sniffed from the bytes, fully decoded to prove they are intact,
//! size-checked. Each distinct path becomes one `Asset` in `Book::images`.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::walk::{self, VisitMut};
use crate::model::{Asset, Block, BlockKind, Book, Image, ImageFormat, Inline};

use super::BookFiles;

/// Larger images are refused: 20,000 px is beyond any print or screen use (A4 at 1200 dpi is
/// about 10,000 px) and keeps decoding memory bounded.
pub const MAX_IMAGE_SIDE: u32 = 20_000;

/// Read and check one image given as written in the book, reporting problems at `at`.
pub fn load_image(
    files: &BookFiles,
    src: &str,
    at: Location,
    diags: &mut Diagnostics,
) -> Option<Asset> {
    if src.contains("://") || src.starts_with("data:") {
        diags.push(
            Diagnostic::error(Some(at), format!("image '{src}' is not a local file"))
                .with_hint("download the image into the book folder and refer to it by its path"),
        );
        return None;
    }
    let path = files.resolve(src, at.clone(), "image", diags)?;
    if !path.is_file() {
        let looked = path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        diags.push(
            Diagnostic::error(Some(at), format!("image '{src}' not found"))
                .with_hint(format!("looked in {looked}/")),
        );
        return None;
    }
    let bytes = files.read_bytes(&path, diags)?;
    let problem = |diags: &mut Diagnostics, what: String| {
        diags.push(
            Diagnostic::error(Some(at.clone()), format!("image '{src}' {what}"))
                .with_hint("use a PNG, JPEG, GIF, WebP or BMP file"),
        );
        None
    };
    let format = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Png) => ImageFormat::Png,
        Ok(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Ok(image::ImageFormat::Gif) => ImageFormat::Gif,
        Ok(image::ImageFormat::WebP) => ImageFormat::Webp,
        Ok(image::ImageFormat::Bmp) => ImageFormat::Bmp,
        Ok(other) => {
            return problem(
                diags,
                format!("is in a format quire does not support ({other:?})"),
            );
        }
        Err(_) => return problem(diags, "is not an image".into()),
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(&bytes));
    reader.set_format(match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Gif => image::ImageFormat::Gif,
        ImageFormat::Webp => image::ImageFormat::WebP,
        ImageFormat::Bmp => image::ImageFormat::Bmp,
    });
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    reader.limits(limits);
    let decoded = match reader.decode() {
        Ok(img) => img,
        Err(image::ImageError::Limits(_)) => {
            return problem(
                diags,
                format!("is too large (over {MAX_IMAGE_SIDE} pixels on a side)"),
            );
        }
        Err(e) => return problem(diags, format!("is damaged or truncated ({e})")),
    };
    if decoded.width() == 0 || decoded.height() == 0 {
        return problem(diags, "has no pixels".into());
    }
    Some(Asset {
        path: src.trim_start_matches("./").to_string(),
        width: decoded.width(),
        height: decoded.height(),
        bytes,
        format,
    })
}

/// Load every image the chapters use, once per path, and point each image node at its asset.
///
/// `Book::images` is numbered in the order images are met: in each chapter, the figures at the
/// top level of its blocks, then every image of its blocks in reading order, then the same for
/// each footnote. The EPUB manifest and the PDF's image objects follow that numbering.
pub fn load_chapter_images(book: &mut Book, files: &BookFiles, diags: &mut Diagnostics) {
    let mut loader = ImageLoader {
        files,
        source: PathBuf::new(),
        folder: String::new(),
        by_path: HashMap::new(),
        assets: Vec::new(),
        diags,
    };
    for chapter in &mut book.chapters {
        loader.source = chapter.source.clone();
        loader.folder = super::links::folder_of(&chapter.file_name).to_string();
        loader.load_all(&mut chapter.blocks);
        for note in &mut chapter.footnotes {
            loader.load_all(&mut note.blocks);
        }
    }
    book.images = loader.assets;
}

/// Loads each image path once, remembering its index in `assets` (None when it failed).
struct ImageLoader<'a> {
    files: &'a BookFiles,
    /// The chapter file being walked, where problems are reported.
    source: PathBuf,
    /// That file's folder relative to the book's: image paths are read from there.
    folder: String,
    by_path: HashMap<String, Option<usize>>,
    assets: Vec<Asset>,
    diags: &'a mut Diagnostics,
}

impl ImageLoader<'_> {
    /// The top-level figures of `blocks`, then all their images in reading order.
    fn load_all(&mut self, blocks: &mut [Block]) {
        for block in blocks.iter_mut() {
            self.block(block);
        }
        walk::walk_blocks_mut(blocks, self);
    }

    fn load(&mut self, image: &mut Image) {
        let key = super::links::file_path(&self.folder, &image.src);
        let index = self.by_path.entry(key.clone()).or_insert_with(|| {
            let at = Location::new(&self.source, image.pos.line, image.pos.column);
            load_image(self.files, &key, at, self.diags).map(|asset| {
                self.assets.push(asset);
                self.assets.len() - 1
            })
        });
        image.asset = *index;
    }
}

impl VisitMut for ImageLoader<'_> {
    fn block(&mut self, block: &mut Block) {
        if let BlockKind::Figure(image) = &mut block.kind {
            self.load(image);
        }
    }

    fn inline(&mut self, inline: &mut Inline) {
        if let Inline::Image(image) = inline {
            self.load(image);
        }
    }
}
