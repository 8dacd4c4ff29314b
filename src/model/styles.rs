//! The book's styles as the loader resolved them: the print style checked, in points, with its
//! font files read, and the EPUB stylesheet's text. Renderers take them as they are.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::fonts::FaceFile;

/// Points per millimetre (72 pt per inch, 25.4 mm per inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// How diagnostics name the built-in print style.
pub const BUILT_IN_PRINT_STYLE_NAME: &str = "<built-in styles/print.toml>";

#[derive(Debug, Clone, PartialEq)]
pub struct Styles {
    /// The print style: the built-in one, with every key the book's style file sets replaced.
    pub print: PrintStyle,
    /// The print style read for each named paper it fits (its `[variants.<paper>]` over it),
    /// for `--paper`.
    pub papers: Vec<(Paper, PrintStyle)>,
    /// Where the print style came from; its text is part of the PDF's document id.
    pub print_source: StyleSource,
    /// The EPUB stylesheet: the book's file, or the built-in one when it names none (or an empty one).
    pub epub_css: String,
}

/// A style file's text and path (`None`: the built-in style).
#[derive(Debug, Clone, PartialEq)]
pub struct StyleSource {
    pub text: String,
    pub file: Option<PathBuf>,
}

impl StyleSource {
    /// The path diagnostics name.
    pub fn shown_path(&self) -> &Path {
        self.file
            .as_deref()
            .unwrap_or(Path::new(BUILT_IN_PRINT_STYLE_NAME))
    }
}

/// A paper size: `[page] paper` in the print style, and `--paper` on the command line (which
/// cannot ask for `custom`, whose size only a style gives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    A5,
    A4,
    Letter,
    #[value(skip)]
    Custom,
}

/// A page's width and height, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaperSize {
    pub width: f32,
    pub height: f32,
}

impl Paper {
    /// The size of a named paper (ISO 216 and US Letter); `None` for `Custom`.
    pub fn size(self) -> Option<PaperSize> {
        let (width, height) = match self {
            Paper::A5 => (148.0 * PT_PER_MM, 210.0 * PT_PER_MM),
            Paper::A4 => (210.0 * PT_PER_MM, 297.0 * PT_PER_MM),
            Paper::Letter => (612.0, 792.0),
            Paper::Custom => return None,
        };
        Some(PaperSize { width, height })
    }
}

/// A colour, each channel from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
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
    /// Where a chapter starts (`[page] chapter-opening`).
    pub chapter_opening: ChapterOpening,
    /// The page count is fitted to a multiple of this (`[page] page-multiple`; 1: no fitting).
    pub page_multiple: usize,
    /// `[links]`: what links print on paper.
    pub links: LinksStyle,
    /// The PDF is tagged: a structure tree, PDF/UA-1 and PDF/A-2a (`[pdf] tagged`).
    pub tagged: bool,
    /// The seven faces, indexed by `FontKey as usize`: built-in unless `[fonts]` names files.
    pub fonts: [FaceFile; 7],
    /// `[fonts] fallback`: faces tried in order for characters the seven lack (then those
    /// `fallback-system` found on the machine), at most `fonts::MAX_FALLBACKS`.
    pub fallbacks: Vec<FaceFile>,
    /// `[fonts] fallback-system`: the machine's installed fonts are searched for characters
    /// no face has.
    pub fallback_system: bool,
    /// `[press]`: the booklet and the press file.
    pub press: PressStyle,
    /// The colours of highlighted code (`[code]`).
    pub code_palette: crate::highlight::Palette,
}

/// `[links]`: what a link prints besides its text, since paper cannot be clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinksStyle {
    /// A link inside the book prints the page it leads to ("see Pathways, p. 4").
    pub show_page: bool,
    pub show_urls: ShowUrls,
}

/// `[links] show-urls`: where an external link whose text is not its address prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShowUrls {
    /// In a footnote, numbered with the chapter's own notes, set as a link to the address.
    Footnote,
    /// After the text, in parentheses.
    Inline,
    /// Not at all.
    None,
}

/// `[page] chapter-opening`: where a chapter starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterOpening {
    /// After space on the current page when its opening and three lines fit there (a brochure).
    RunOn,
    /// On a new page.
    NewPage,
    /// On a new right-hand page, a blank page before it when needed (a bound book).
    RightPage,
}

/// `[press] impose`: the imposed file written beside the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Impose {
    /// No imposed file.
    None,
    /// Two pages per sheet side in saddle-stitch order (`<name>-booklet.pdf`).
    Booklet,
}

/// A sheet a booklet may be printed on: `[press] sheet`, which must be twice the page's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SheetPaper {
    A3,
    A4,
    A5,
    Letter,
    Tabloid,
}

impl SheetPaper {
    pub const ALL: [SheetPaper; 5] = [
        SheetPaper::A3,
        SheetPaper::A4,
        SheetPaper::A5,
        SheetPaper::Letter,
        SheetPaper::Tabloid,
    ];

    /// Portrait width and height, in points (ISO 216; US Letter and Tabloid, 11 x 17 in).
    pub fn size(self) -> PaperSize {
        let (width, height) = match self {
            SheetPaper::A3 => (297.0 * PT_PER_MM, 420.0 * PT_PER_MM),
            SheetPaper::A4 => (210.0 * PT_PER_MM, 297.0 * PT_PER_MM),
            SheetPaper::A5 => (148.0 * PT_PER_MM, 210.0 * PT_PER_MM),
            SheetPaper::Letter => (612.0, 792.0),
            SheetPaper::Tabloid => (792.0, 1224.0),
        };
        PaperSize { width, height }
    }

    /// The name the summary line and messages show ("A4").
    pub fn name(self) -> &'static str {
        match self {
            SheetPaper::A3 => "A3",
            SheetPaper::A4 => "A4",
            SheetPaper::A5 => "A5",
            SheetPaper::Letter => "Letter",
            SheetPaper::Tabloid => "Tabloid",
        }
    }
}

/// `[press]`, checked and in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PressStyle {
    pub impose: Impose,
    /// The sheet the style names, and where; `None`: the named sheet twice the page's size.
    pub sheet: Option<(SheetPaper, Location)>,
    /// How far each sheet's pages move toward the fold per sheet it lies inside (the paper's
    /// thickness), in points.
    pub creep: f32,
    /// Pages per stacked booklet (a multiple of 4); `None`: one booklet of every page.
    pub signature: Option<usize>,
    /// How far the design runs past the trim edge, in points.
    pub bleed: f32,
    /// Crop marks around each page (each sheet, imposed) of the press file.
    pub marks: bool,
    pub profile: OutputProfile,
}

/// The CMYK output profile of the press file's output intent.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputProfile {
    /// Its name ("FOGRA39") or file name, for the output intent's identifier.
    pub name: String,
    /// The printing condition it characterises, for the output intent's /Info.
    pub condition: String,
    /// The ICC profile.
    pub bytes: std::sync::Arc<[u8]>,
}

/// The fewest body-size ems a line of the text block may hold: fewer is no measure to set text in.
const MIN_MEASURE_EMS: f32 = 10.0;
/// The fewest lines the text block may hold: fewer leaves no room for a heading and its text.
const MIN_LINES: f32 = 8.0;

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

    /// The error of a text block too small for a few lines at a reasonable measure, reported
    /// against the style file `shown_path`; `None` when it is large enough.
    pub fn text_block_problem(&self, shown_path: &Path) -> Option<Diagnostic> {
        let too_small = self.measure() < self.body_size * MIN_MEASURE_EMS
            || self.body_height() < self.leading * MIN_LINES;
        let message = format!(
            "the margins leave a text block of {:.0} x {:.0} mm, too small to set text in",
            self.measure() / PT_PER_MM,
            self.body_height() / PT_PER_MM
        );
        too_small.then(|| {
            Diagnostic::error(Some(Location::file(shown_path)), message)
                .with_hint("reduce the margins or choose a larger paper")
        })
    }
}
