//! `print.toml` as written, read with serde: every key may be left out, so that a book's style
//! file names only what it changes and inherits the rest from the built-in style. Unknown keys
//! are rejected.

use serde::Deserialize;
use toml::Spanned;

use crate::config::TomlSource;
use crate::diagnostic::{Diagnostics, Location};
use crate::model::{ChapterOpening, Impose, Paper, SheetPaper, ShowUrls};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrintToml {
    #[serde(default)]
    pub page: PageToml,
    #[serde(default)]
    pub margins: MarginsToml,
    #[serde(default)]
    pub body: BodyToml,
    #[serde(default)]
    pub headings: HeadingsToml,
    #[serde(default)]
    pub colors: ColorsToml,
    #[serde(default)]
    pub fonts: FontsToml,
    #[serde(default)]
    pub press: PressToml,
    #[serde(default)]
    pub pdf: PdfToml,
    #[serde(default)]
    pub links: LinksToml,
    #[serde(default)]
    pub variants: VariantsToml,
    #[serde(default)]
    pub code: CodeToml,
}

/// `[links]`: what links print on paper.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinksToml {
    pub show_page: Option<Spanned<bool>>,
    pub show_urls: Option<Spanned<ShowUrls>>,
}

/// `[variants.a5]`, `[variants.a4]`, `[variants.letter]`: the keys a style sets differently on
/// that paper (its margins and type, designed for its size), over the style's own. `--paper`
/// and `[page] paper` pick one; a variant's `[page]` and `[variants]` are not read.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VariantsToml {
    pub a5: Option<Box<PrintToml>>,
    pub a4: Option<Box<PrintToml>>,
    pub letter: Option<Box<PrintToml>>,
}

impl VariantsToml {
    /// The variant for `paper`, if the style has one.
    pub fn of(&self, paper: Paper) -> Option<&PrintToml> {
        match paper {
            Paper::A5 => self.a5.as_deref(),
            Paper::A4 => self.a4.as_deref(),
            Paper::Letter => self.letter.as_deref(),
            Paper::Custom => None,
        }
    }
}

/// `[code]`: the colours of highlighted code blocks (see `load::code_style`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CodeToml {
    /// `"print"` or `"none"`.
    pub theme: Option<Spanned<String>>,
    pub comment: Option<Spanned<String>>,
    pub keyword: Option<Spanned<String>>,
    pub string: Option<Spanned<String>>,
    pub number: Option<Spanned<String>>,
    pub constant: Option<Spanned<String>>,
    pub function: Option<Spanned<String>>,
    #[serde(rename = "type")]
    pub type_: Option<Spanned<String>>,
    pub tag: Option<Spanned<String>>,
    pub attribute: Option<Spanned<String>>,
}

/// `[pdf]`: what the PDF file holds besides its pages.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfToml {
    pub tagged: Option<Spanned<bool>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageToml {
    pub paper: Option<Spanned<Paper>>,
    pub width_mm: Option<Spanned<f32>>,
    pub height_mm: Option<Spanned<f32>>,
    pub chapter_opening: Option<Spanned<ChapterOpening>>,
    /// Replaced by `chapter-opening`; still read, with a warning at its line.
    pub chapters_open_right: Option<Spanned<bool>>,
    pub page_multiple: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarginsToml {
    pub top: Option<Spanned<f32>>,
    pub bottom: Option<Spanned<f32>>,
    pub inner: Option<Spanned<f32>>,
    pub outer: Option<Spanned<f32>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BodyToml {
    pub size_pt: Option<Spanned<f32>>,
    pub leading_pt: Option<Spanned<f32>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HeadingsToml {
    pub scale: Option<Spanned<Vec<f32>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ColorsToml {
    pub text: Option<Spanned<String>>,
    pub heading: Option<Spanned<String>>,
    pub link: Option<Spanned<String>>,
    pub rule: Option<Spanned<String>>,
    pub code_background: Option<Spanned<String>>,
}

/// Font files replacing built-in faces, relative to the style file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FontsToml {
    pub regular: Option<Spanned<String>>,
    pub italic: Option<Spanned<String>>,
    pub bold: Option<Spanned<String>>,
    pub bold_italic: Option<Spanned<String>>,
    pub heading: Option<Spanned<String>>,
    pub heading_regular: Option<Spanned<String>>,
    pub mono: Option<Spanned<String>>,
    /// Faces tried in order for characters the others lack.
    pub fallback: Option<Spanned<Vec<Spanned<String>>>>,
    /// Whether the machine's installed fonts are searched for characters still missing.
    pub fallback_system: Option<Spanned<bool>>,
}

/// `[press]`: the booklet imposition and the press file (see `pdf::impose`, `pdf::press`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PressToml {
    pub impose: Option<Spanned<Impose>>,
    pub sheet: Option<Spanned<SheetPaper>>,
    pub creep_mm: Option<Spanned<f32>>,
    pub signature: Option<Spanned<i64>>,
    pub bleed_mm: Option<Spanned<f32>>,
    pub marks: Option<Spanned<bool>>,
    pub profile: Option<Spanned<String>>,
}

/// One style file, parsed, with its text to locate its values.
pub struct Layer<'a> {
    pub toml: PrintToml,
    pub source: TomlSource<'a>,
}

impl<'a> Layer<'a> {
    /// Parse `source`; syntax errors, unknown keys and values and wrong types are reported located,
    /// all of them together (a syntax error aside, which ends the reading).
    pub fn parse(source: TomlSource<'a>, diags: &mut Diagnostics) -> Option<Layer<'a>> {
        match source.parse() {
            Ok(toml) => Some(Layer { toml, source }),
            Err(found) => {
                for d in found {
                    diags.push(d);
                }
                None
            }
        }
    }
}

/// A value of the style and where it is written.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub at: Location,
    /// Whether the value comes from the built-in style rather than the book's file.
    pub inherited: bool,
}

/// The book's style file over the built-in style: a key the file leaves out is the built-in
/// style's.
pub struct Layers<'a> {
    /// The book's style file, when it names one.
    pub own: Option<Layer<'a>>,
    pub built_in: Layer<'a>,
    /// The paper whose variants (`[variants.<paper>]`) are read first in each layer.
    pub paper: Option<Paper>,
}

impl Layers<'_> {
    /// The value of a key as the files' own tables set it, not their variants (the paper is
    /// not a key a variant may change).
    pub fn get_base<T: Clone>(
        &self,
        key: impl Fn(&PrintToml) -> &Option<Spanned<T>>,
    ) -> Option<Setting<T>> {
        self.lookup(key, None)
    }

    /// The value of a key: the book's file's if it sets it (in the paper's variant first),
    /// else the built-in style's (in the paper's variant first).
    pub fn get<T: Clone>(
        &self,
        key: impl Fn(&PrintToml) -> &Option<Spanned<T>>,
    ) -> Option<Setting<T>> {
        self.lookup(key, self.paper)
    }

    fn lookup<T: Clone>(
        &self,
        key: impl Fn(&PrintToml) -> &Option<Spanned<T>>,
        paper: Option<Paper>,
    ) -> Option<Setting<T>> {
        let own = self.own.iter().map(|layer| (layer, false));
        own.chain([(&self.built_in, true)])
            .find_map(|(layer, inherited)| {
                let variant = paper.and_then(|p| layer.toml.variants.of(p));
                let value = variant
                    .and_then(|v| key(v).as_ref())
                    .or_else(|| key(&layer.toml).as_ref())?;
                Some(Setting {
                    value: value.get_ref().clone(),
                    at: layer.source.location(value.span()),
                    inherited,
                })
            })
    }
}
