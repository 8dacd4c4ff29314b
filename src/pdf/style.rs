//! `print.toml`: the print style (paper, margins, body type, heading scale, colours), read with
//! serde. Unknown keys are rejected, and every problem names the file, line and column.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Deserialize;
use toml::Spanned;

use super::Paper;
use super::fonts::FontKey;
use super::page::Rgb;
use crate::config::TomlSource;
use crate::diagnostic::{Diagnostics, Location};
use crate::fonts::FontFile;

/// The built-in style, used when the book names none.
pub const DEFAULT_PRINT_TOML: &str = include_str!("../../styles/print.toml");

/// Points per millimetre (72 pt per inch, 25.4 mm per inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PrintToml {
    #[serde(default)]
    page: PageToml,
    #[serde(default)]
    margins: MarginsToml,
    #[serde(default)]
    body: BodyToml,
    #[serde(default)]
    headings: HeadingsToml,
    #[serde(default)]
    colors: ColorsToml,
    #[serde(default)]
    fonts: FontsToml,
}

/// Font files replacing built-in faces, relative to the style file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FontsToml {
    regular: Option<Spanned<String>>,
    italic: Option<Spanned<String>>,
    bold: Option<Spanned<String>>,
    bold_italic: Option<Spanned<String>>,
    heading: Option<Spanned<String>>,
    heading_regular: Option<Spanned<String>>,
    mono: Option<Spanned<String>>,
}

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PageToml {
    #[serde(default = "default_paper")]
    paper: Spanned<PaperName>,
    width_mm: Option<Spanned<f32>>,
    height_mm: Option<Spanned<f32>>,
    #[serde(default = "yes")]
    chapters_open_right: bool,
}

impl Default for PageToml {
    fn default() -> Self {
        PageToml {
            paper: default_paper(),
            width_mm: None,
            height_mm: None,
            chapters_open_right: true,
        }
    }
}

fn default_paper() -> Spanned<PaperName> {
    Spanned::new(0..0, PaperName::A5)
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum PaperName {
    A5,
    A4,
    Letter,
    Custom,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MarginsToml {
    top: Spanned<f32>,
    bottom: Spanned<f32>,
    inner: Spanned<f32>,
    outer: Spanned<f32>,
}

impl Default for MarginsToml {
    fn default() -> Self {
        let mm = |v| Spanned::new(0..0, v);
        MarginsToml {
            top: mm(17.0),
            bottom: mm(20.0),
            inner: mm(18.0),
            outer: mm(15.0),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BodyToml {
    size_pt: Spanned<f32>,
    leading_pt: Spanned<f32>,
}

impl Default for BodyToml {
    fn default() -> Self {
        BodyToml {
            size_pt: Spanned::new(0..0, 10.5),
            leading_pt: Spanned::new(0..0, 14.0),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HeadingsToml {
    scale: Spanned<Vec<f32>>,
}

impl Default for HeadingsToml {
    fn default() -> Self {
        HeadingsToml {
            scale: Spanned::new(0..0, vec![2.0, 1.3, 1.12, 1.0]),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ColorsToml {
    text: Option<Spanned<String>>,
    heading: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
    rule: Option<Spanned<String>>,
    code_background: Option<Spanned<String>>,
}

/// The print style, checked and in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintStyle {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_inner: f32,
    pub margin_outer: f32,
    pub body_size: f32,
    pub leading: f32,
    /// Heading sizes as multiples of the body size, for levels 1, 2, 3 and 4+.
    pub heading_scale: [f32; 4],
    pub text_color: Rgb,
    pub heading_color: Rgb,
    pub link_color: Rgb,
    pub rule_color: Rgb,
    pub code_background: Rgb,
    pub chapters_open_right: bool,
    /// The seven faces, indexed by `FontKey as usize`: built-in unless `[fonts]` names files.
    pub fonts: [FontFile; 7],
}

impl PrintStyle {
    /// The text block's width.
    pub fn measure(&self) -> f32 {
        self.page_width - self.margin_inner - self.margin_outer
    }

    /// The text block's height.
    pub fn body_height(&self) -> f32 {
        self.page_height - self.margin_top - self.margin_bottom
    }

    /// The size of a heading of `level` (1 = chapter title).
    pub fn heading_size(&self, level: u8) -> f32 {
        let i = usize::from(level.clamp(1, 4)) - 1;
        self.body_size * self.heading_scale[i]
    }
}

/// Paper sizes in points (ISO 216 and US Letter).
pub fn paper_size(paper: Paper) -> (f32, f32) {
    match paper {
        Paper::A5 => (148.0 * PT_PER_MM, 210.0 * PT_PER_MM),
        Paper::A4 => (210.0 * PT_PER_MM, 297.0 * PT_PER_MM),
        Paper::Letter => (612.0, 792.0),
    }
}

/// Smallest text size accepted: below this, print is unreadable (and a typo is likely).
const MIN_BODY_SIZE: f32 = 5.0;
/// Largest text size accepted for running text.
const MAX_BODY_SIZE: f32 = 30.0;

/// Read `text` (the style `file`, None for the built-in one), with `paper` overriding its paper.
///
/// Font files named in `[fonts]` are read relative to the style's folder and must lie inside the
/// book's folder (`book_root`) or the `fonts/` and `styles/` folders beside it.
pub fn parse_style(
    text: &str,
    file: Option<&Path>,
    book_root: Option<&Path>,
    paper: Option<Paper>,
    diags: &mut Diagnostics,
) -> Option<PrintStyle> {
    let path: PathBuf = file
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("<built-in styles/print.toml>"));
    let source = TomlSource::new(&path, text);
    let raw: PrintToml = match source.parse() {
        Ok(raw) => raw,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let errors_before = diags.error_count();
    let positive =
        |diags: &mut Diagnostics, v: &Spanned<f32>, what: &str, min: f32, max: f32| -> f32 {
            let value = *v.get_ref();
            if !(min..=max).contains(&value) {
                diags.push(
                    source
                        .error(
                            v.span(),
                            format!("{what} is {value}; expected {min} to {max}"),
                        )
                        .with_hint("lengths are in millimetres, sizes in points"),
                );
            }
            value
        };
    let (mut page_width, mut page_height) = match raw.page.paper.get_ref() {
        PaperName::A5 => paper_size(Paper::A5),
        PaperName::A4 => paper_size(Paper::A4),
        PaperName::Letter => paper_size(Paper::Letter),
        PaperName::Custom => match (&raw.page.width_mm, &raw.page.height_mm) {
            (Some(w), Some(h)) => (
                positive(diags, w, "width-mm", 50.0, 2000.0) * PT_PER_MM,
                positive(diags, h, "height-mm", 50.0, 2000.0) * PT_PER_MM,
            ),
            _ => {
                diags.push(
                    source
                        .error(
                            raw.page.paper.span(),
                            "paper = \"custom\" needs width-mm and height-mm",
                        )
                        .with_hint("add e.g. width-mm = 150 and height-mm = 220 to [page]"),
                );
                paper_size(Paper::A5)
            }
        },
    };
    if let Some(p) = paper {
        (page_width, page_height) = paper_size(p);
    }
    let m = &raw.margins;
    let margin_top = positive(diags, &m.top, "margins.top", 0.0, 200.0) * PT_PER_MM;
    let margin_bottom = positive(diags, &m.bottom, "margins.bottom", 0.0, 200.0) * PT_PER_MM;
    let margin_inner = positive(diags, &m.inner, "margins.inner", 0.0, 200.0) * PT_PER_MM;
    let margin_outer = positive(diags, &m.outer, "margins.outer", 0.0, 200.0) * PT_PER_MM;
    let body_size = positive(
        diags,
        &raw.body.size_pt,
        "body.size-pt",
        MIN_BODY_SIZE,
        MAX_BODY_SIZE,
    );
    let leading = positive(
        diags,
        &raw.body.leading_pt,
        "body.leading-pt",
        body_size,
        body_size * 3.0,
    );
    let scale = raw.headings.scale.get_ref();
    let mut heading_scale = [2.0, 1.3, 1.12, 1.0];
    if scale.len() != 4 || scale.iter().any(|s| !(0.5..=5.0).contains(s)) {
        diags.push(
            source
                .error(raw.headings.scale.span(), "headings.scale needs 4 numbers from 0.5 to 5")
                .with_hint("sizes of levels 1, 2, 3 and 4+ as multiples of the body size, e.g. [2.0, 1.3, 1.12, 1.0]"),
        );
    } else {
        heading_scale.copy_from_slice(scale);
    }
    let mut color = |c: &Option<Spanned<String>>, default: Rgb| -> Rgb {
        let Some(c) = c else { return default };
        parse_color(c.get_ref()).unwrap_or_else(|| {
            diags.push(
                source
                    .error(c.span(), format!("'{}' is not a colour", c.get_ref()))
                    .with_hint("write colours as \"#rrggbb\", e.g. \"#1a1a1a\""),
            );
            default
        })
    };
    let c = &raw.colors;
    let style = PrintStyle {
        page_width,
        page_height,
        margin_top,
        margin_bottom,
        margin_inner,
        margin_outer,
        body_size,
        leading,
        heading_scale,
        text_color: color(&c.text, Rgb::BLACK),
        heading_color: color(&c.heading, Rgb::BLACK),
        link_color: color(&c.link, Rgb::BLACK),
        rule_color: color(&c.rule, Rgb(0.5, 0.5, 0.5)),
        code_background: color(&c.code_background, Rgb(0.95, 0.95, 0.95)),
        chapters_open_right: raw.page.chapters_open_right,
        fonts: load_fonts(&raw.fonts, &source, file, book_root, diags),
    };
    // The text block must leave room for at least a few lines and a reasonable measure.
    if style.measure() < style.body_size * 10.0 || style.body_height() < style.leading * 8.0 {
        diags.push(
            crate::diagnostic::Diagnostic::error(
                Some(Location::file(&path)),
                format!(
                    "the margins leave a text block of {:.0} x {:.0} mm, too small to set text in",
                    style.measure() / PT_PER_MM,
                    style.body_height() / PT_PER_MM
                ),
            )
            .with_hint("reduce the margins or choose a larger paper"),
        );
    }
    (diags.error_count() == errors_before).then_some(style)
}

/// The built-in faces, with the ones `[fonts]` names replaced by their files.
fn load_fonts(
    table: &FontsToml,
    source: &TomlSource<'_>,
    style_file: Option<&Path>,
    book_root: Option<&Path>,
    diags: &mut Diagnostics,
) -> [FontFile; 7] {
    let mut files = FontKey::ALL.map(FontKey::file);
    let named = table.named();
    if named.is_empty() {
        return files;
    }
    let base = style_file
        .and_then(Path::parent)
        .or(book_root)
        .unwrap_or(Path::new("."));
    let allowed: Vec<PathBuf> = book_root
        .into_iter()
        .flat_map(|root| {
            let parent = root.parent().map(Path::to_path_buf).unwrap_or_default();
            [
                root.to_path_buf(),
                parent.join("fonts"),
                parent.join("styles"),
            ]
        })
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    for (key, name) in named {
        let at = name.span();
        let path = base.join(name.get_ref());
        let Ok(real) = std::fs::canonicalize(&path) else {
            diags.push(
                source
                    .error(at, format!("font file '{}' not found", name.get_ref()))
                    .with_hint(format!("looked for {}", path.display())),
            );
            continue;
        };
        if !allowed.iter().any(|root| real.starts_with(root)) {
            diags.push(
                source
                    .error(
                        at,
                        format!(
                            "font file '{}' is outside the book's folders",
                            name.get_ref()
                        ),
                    )
                    .with_hint("put the font in the book's folder or in fonts/ beside it"),
            );
            continue;
        }
        match read_font(&real) {
            Ok(file) => files[key as usize] = file,
            Err(why) => diags.push(
                source
                    .error(
                        at,
                        format!("'{}' is not a usable font: {why}", name.get_ref()),
                    )
                    .with_hint("name an OpenType (.otf) or TrueType (.ttf) file"),
            ),
        }
    }
    files
}

/// Font files a style names, read once per process and path and kept for its life (the faces
/// parsed from them borrow the bytes for as long as the process runs, like the built-in ones).
fn read_font(path: &Path) -> Result<FontFile, String> {
    static READ: Mutex<Vec<(PathBuf, FontFile)>> = Mutex::new(Vec::new());
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, file)) = read
        .iter()
        .find(|(p, f)| p == path && f.bytes == bytes.as_slice())
    {
        return Ok(*file);
    }
    rustybuzz::ttf_parser::Face::parse(&bytes, 0).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "font".into());
    let file = FontFile {
        file_name: Box::leak(name.into_boxed_str()),
        bytes: Box::leak(bytes.into_boxed_slice()),
    };
    read.push((path.to_path_buf(), file));
    Ok(file)
}

/// `#rrggbb` into an [`Rgb`].
pub fn parse_color(text: &str) -> Option<Rgb> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| {
        u8::from_str_radix(&hex[i..i + 2], 16)
            .ok()
            .map(|v| f32::from(v) / 255.0)
    };
    Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_style_is_an_a5_brochure_with_even_margins() {
        let mut diags = Diagnostics::new();
        let style = parse_style(DEFAULT_PRINT_TOML, None, None, None, &mut diags).expect("valid");
        assert!(diags.is_empty(), "{diags:?}");
        assert!((style.page_width - 419.53).abs() < 0.1);
        assert!((style.page_height - 595.28).abs() < 0.1);
        assert!(
            !style.chapters_open_right,
            "a brochure wastes no paper on blank pages"
        );
        assert_eq!(style.margin_inner, style.margin_outer);
    }

    #[test]
    fn the_paper_option_overrides_the_style() {
        let mut diags = Diagnostics::new();
        let style = parse_style(
            DEFAULT_PRINT_TOML,
            None,
            None,
            Some(Paper::Letter),
            &mut diags,
        )
        .expect("valid");
        assert_eq!((style.page_width, style.page_height), (612.0, 792.0));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located_errors() {
        let mut diags = Diagnostics::new();
        let text = "[body]\nsize-pt = 10\nleadin-pt = 12\n";
        assert!(
            parse_style(
                text,
                Some(Path::new("s/print.toml")),
                None,
                None,
                &mut diags
            )
            .is_none()
        );
        let d = &diags.items()[0];
        assert!(d.message.contains("leadin-pt"), "{d}");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(3));

        let mut diags = Diagnostics::new();
        let text = "[colors]\ntext = \"black\"\n[body]\nsize-pt = 2\nleading-pt = 12\n";
        assert!(parse_style(text, Some(Path::new("p.toml")), None, None, &mut diags).is_none());
        let lines: Vec<u32> = diags
            .items()
            .iter()
            .filter_map(|d| d.location.as_ref())
            .map(|l| l.line)
            .collect();
        assert!(lines.contains(&2) && lines.contains(&4), "{diags:?}");
    }

    #[test]
    fn custom_paper_needs_its_size() {
        let mut diags = Diagnostics::new();
        let text = "[page]\npaper = \"custom\"\nwidth-mm = 150\nheight-mm = 220\n";
        let style = parse_style(text, None, None, None, &mut diags).expect("valid");
        assert!((style.page_width - 150.0 * PT_PER_MM).abs() < 0.01);
        let mut diags = Diagnostics::new();
        assert!(
            parse_style("[page]\npaper = \"custom\"\n", None, None, None, &mut diags).is_none()
        );
    }
}
