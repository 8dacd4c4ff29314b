//! The font files a print style's `[fonts]` names: found beside the style file, inside the
//! book's folders, read and checked to be fonts. A face the style leaves out is the built-in one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::files::BookFiles;
use super::print_toml::FontsToml;
use crate::config::TomlSource;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fonts::{BookFont, FaceFile, FontKey, MAX_FALLBACKS, StyleFonts};

impl FontsToml {
    /// Each named file with the face it replaces.
    fn named(&self) -> Vec<(FontKey, &Spanned<String>)> {
        [
            (FontKey::Regular, &self.regular),
            (FontKey::Italic, &self.italic),
            (FontKey::Bold, &self.bold),
            (FontKey::BoldItalic, &self.bold_italic),
            (FontKey::HeadingBold, &self.heading),
            (FontKey::HeadingRegular, &self.heading_regular),
            (FontKey::Mono, &self.mono),
        ]
        .into_iter()
        .filter_map(|(key, file)| file.as_ref().map(|f| (key, f)))
        .collect()
    }
}

/// The built-in faces, with the ones `table` names replaced by their files, read relative to
/// `style_file` (in `source`). Every problem is reported at the key that names the file.
pub fn read_style_fonts(
    table: &FontsToml,
    source: &TomlSource<'_>,
    style_file: &Path,
    files: &BookFiles,
    diags: &mut Diagnostics,
) -> StyleFonts {
    let mut faces = FaceFile::built_in();
    for (key, name) in table.named() {
        if let Some(font) = read_font(name, source, style_file, files, diags) {
            faces[key as usize] = FaceFile::Book(font);
        }
    }
    let named = table
        .fallback
        .as_ref()
        .map_or(&[][..], |list| list.get_ref());
    if named.len() > MAX_FALLBACKS {
        let at = table
            .fallback
            .as_ref()
            .map(|list| source.location(list.span()));
        diags.push(
            Diagnostic::error(
                at,
                format!(
                    "[fonts] fallback names {} fonts; at most {MAX_FALLBACKS} are used",
                    named.len()
                ),
            )
            .with_hint("keep one font per script the main faces lack"),
        );
    }
    let fallbacks = named
        .iter()
        .take(MAX_FALLBACKS)
        .filter_map(|name| read_font(name, source, style_file, files, diags))
        .map(FaceFile::Book)
        .collect();
    StyleFonts { faces, fallbacks }
}

fn read_font(
    name: &Spanned<String>,
    source: &TomlSource<'_>,
    style_file: &Path,
    files: &BookFiles,
    diags: &mut Diagnostics,
) -> Option<BookFont> {
    let at = source.location(name.span());
    let path: PathBuf =
        files.resolve_beside_style(style_file, name.get_ref(), at.clone(), "font file", diags)?;
    if !path.is_file() {
        diags.push(
            Diagnostic::error(
                Some(at),
                format!("font file '{}' not found", name.get_ref()),
            )
            .with_hint(format!("looked for {}", path.display())),
        );
        return None;
    }
    let bytes = files.read_bytes(&path, diags)?;
    if let Err(why) = rustybuzz::ttf_parser::Face::parse(&bytes, 0) {
        diags.push(
            Diagnostic::error(
                Some(at),
                format!("'{}' is not a usable font: {why}", name.get_ref()),
            )
            .with_hint("name an OpenType (.otf) or TrueType (.ttf) file"),
        );
        return None;
    }
    // The name of the file itself, should the style name it through a link.
    let real = std::fs::canonicalize(&path).unwrap_or(path);
    let file_name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "font".into());
    Some(BookFont {
        file_name,
        bytes: Arc::from(bytes),
    })
}
