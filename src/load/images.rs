//! Images: read once, format sniffed from the bytes, fully decoded to prove they are intact,
//! size-checked; an SVG read with usvg, its text laid out in the book's faces. Each distinct
//! path becomes one `Asset` in `Book::images`.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::fonts::FaceFile;
use crate::model::walk::{self, VisitMut};
use crate::model::{Asset, Block, BlockKind, Book, Image, ImageFormat, Inline};

use super::BookFiles;

/// Larger images are refused: 20,000 px is beyond any print or screen use (A4 at 1200 dpi is
/// about 10,000 px) and keeps decoding memory bounded.
pub const MAX_IMAGE_SIDE: u32 = 20_000;

/// Read and check one image given as written in the book, reporting problems at `at`. An SVG
/// is accepted when `svg_faces` gives the faces its text is set in (not for a cover).
pub fn load_image(
    files: &BookFiles,
    src: &str,
    at: Location,
    svg_faces: Option<&[FaceFile; 7]>,
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
    if crate::svg::looks_like_svg(&bytes) {
        return load_svg(src, bytes, at, svg_faces, diags);
    }
    let problem = |diags: &mut Diagnostics, what: String| {
        diags.push(
            Diagnostic::error(Some(at.clone()), format!("image '{src}' {what}"))
                .with_hint("use a PNG, JPEG, GIF, WebP, BMP or SVG file"),
        );
        None
    };
    let (format, decoder_format) = match image::guess_format(&bytes) {
        Ok(f @ image::ImageFormat::Png) => (ImageFormat::Png, f),
        Ok(f @ image::ImageFormat::Jpeg) => (ImageFormat::Jpeg, f),
        Ok(f @ image::ImageFormat::Gif) => (ImageFormat::Gif, f),
        Ok(f @ image::ImageFormat::WebP) => (ImageFormat::Webp, f),
        Ok(f @ image::ImageFormat::Bmp) => (ImageFormat::Bmp, f),
        Ok(other) => {
            return problem(
                diags,
                format!("is in a format quire does not support ({other:?})"),
            );
        }
        Err(_) => return problem(diags, "is not an image".into()),
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(&bytes));
    reader.set_format(decoder_format);
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
        drawing: None,
    })
}

/// An SVG image, read with usvg; its problems (and an SVG where one cannot go) reported at `at`.
fn load_svg(
    src: &str,
    bytes: Vec<u8>,
    at: Location,
    faces: Option<&[FaceFile; 7]>,
    diags: &mut Diagnostics,
) -> Option<Asset> {
    let Some(faces) = faces else {
        diags.push(
            Diagnostic::error(
                Some(at),
                format!("image '{src}' is an SVG, which a cover cannot be"),
            )
            .with_hint("export the cover as a PNG or JPEG"),
        );
        return None;
    };
    match crate::svg::read(&bytes, faces) {
        Ok(drawing) => {
            let (width, height) = drawing.size();
            Some(Asset {
                path: src.trim_start_matches("./").to_string(),
                bytes,
                format: ImageFormat::Svg,
                width,
                height,
                drawing: Some(drawing),
            })
        }
        Err(message) => {
            diags.push(
                Diagnostic::error(Some(at), format!("image '{src}' is not a valid SVG: {message}"))
                    .with_hint(format!(
                        "the position after the message is in {src}; fix the file there, or export it again from its editor"
                    )),
            );
            None
        }
    }
}

/// Load every image the chapters use, once per path, and point each image node at its asset.
///
/// `Book::images` is numbered in the order images are met: in each chapter, the figures at the
/// top level of its blocks, then every image of its blocks in reading order, then the same for
/// each footnote. The EPUB manifest and the PDF's image objects follow that numbering.
pub fn load_chapter_images(book: &mut Book, files: &BookFiles, diags: &mut Diagnostics) {
    let faces = book.styles.print.fonts.clone();
    let mut loader = ImageLoader {
        files,
        faces: &faces,
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
    /// The print style's faces, for the text of SVG images.
    faces: &'a [FaceFile; 7],
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
            load_image(self.files, &key, at, Some(self.faces), self.diags).map(|asset| {
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
