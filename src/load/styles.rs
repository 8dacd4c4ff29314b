//! The book's styles: the files `[styles]` names, or the built-in ones. The print style is
//! resolved over the built-in one key by key and its font files are read; the EPUB stylesheet is
//! the book's file, or the built-in one when the book names none or an empty one.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::files::BookFiles;
use super::press_style::ProfileFiles;
use super::print_style;
use super::print_toml::{Layer, Layers};
use super::style_fonts::read_style_fonts;
use crate::config::{BookToml, TomlSource};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fonts::StyleFonts;
use crate::model::{BUILT_IN_PRINT_STYLE_NAME, Paper, PrintStyle, StyleSource, Styles};

/// The built-in styles, used when a book names none.
pub const DEFAULT_PRINT_STYLE: &str = include_str!("../../styles/print.toml");
pub const DEFAULT_EPUB_CSS: &str = include_str!("../../styles/epub.css");

/// The styles of a book that names none.
pub fn built_in_styles() -> Styles {
    let mut diags = Diagnostics::new();
    let styles = resolve_print_styles(None, &mut diags).expect("the built-in print style is valid");
    Styles {
        print: styles.print,
        papers: styles.papers,
        print_source: built_in_print_source(),
        epub_css: DEFAULT_EPUB_CSS.to_string(),
    }
}

fn built_in_print_source() -> StyleSource {
    StyleSource {
        text: DEFAULT_PRINT_STYLE.to_string(),
        file: None,
    }
}

/// The styles `config` names (located in `manifest` when they cannot be read), or the built-in
/// ones. `None` when a style file is wrong: every problem is in `diags`.
pub fn load_styles(
    files: &BookFiles,
    manifest: &TomlSource<'_>,
    config: &BookToml,
    diags: &mut Diagnostics,
) -> Option<Styles> {
    let print_source = match &config.styles.print {
        Some(named) => {
            read_style_file(files, manifest, named, "print style", diags).map(|(text, path)| {
                StyleSource {
                    text,
                    file: Some(path),
                }
            })
        }
        None => Some(built_in_print_source()),
    };
    let print = print_source.as_ref().and_then(|source| {
        let own = source.file.as_deref().map(|path| OwnStyle {
            text: &source.text,
            path,
            files,
        });
        resolve_print_styles(own, diags)
    });
    let epub_css = match &config.styles.epub {
        Some(named) => {
            read_style_file(files, manifest, named, "EPUB stylesheet", diags).map(|(text, _)| text)
        }
        None => Some(String::new()),
    };
    let print = print?;
    Some(Styles {
        print: print.print,
        papers: print.papers,
        print_source: print_source?,
        epub_css: css_or_built_in(epub_css?),
    })
}

/// The book's stylesheet, or the built-in one in place of an empty one.
fn css_or_built_in(css: String) -> String {
    if css.trim().is_empty() {
        DEFAULT_EPUB_CSS.to_string()
    } else {
        css
    }
}

/// The text and path of the style file `named` (in `manifest`), which must be inside the book's
/// folders.
fn read_style_file(
    files: &BookFiles,
    manifest: &TomlSource<'_>,
    named: &Spanned<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<(String, PathBuf)> {
    let at = manifest.location(named.span());
    let path = files.resolve_style(named.get_ref(), at.clone(), what, diags)?;
    if !path.is_file() {
        diags.push(
            Diagnostic::error(Some(at), format!("{what} '{}' not found", named.get_ref()))
                .with_hint(format!("looked for {}", path.display())),
        );
        return None;
    }
    let text = files.read_text(&path, diags)?;
    Some((text, path))
}

/// A book's print style file.
struct OwnStyle<'a> {
    text: &'a str,
    path: &'a Path,
    /// Where its font files are looked for.
    files: &'a BookFiles,
}

/// A book's print style and the same style read for each named paper (its variant for that
/// paper over it), for `--paper`.
struct PrintStyles {
    print: PrintStyle,
    papers: Vec<(Paper, PrintStyle)>,
}

/// The print styles `own` makes over the built-in one (the built-in one alone without it).
fn resolve_print_styles(own: Option<OwnStyle<'_>>, diags: &mut Diagnostics) -> Option<PrintStyles> {
    let built_in_name = Path::new(BUILT_IN_PRINT_STYLE_NAME);
    let built_in = Layer::parse(TomlSource::new(built_in_name, DEFAULT_PRINT_STYLE), diags)?;
    let Some(own) = own else {
        let layers = Layers {
            own: None,
            built_in,
            paper: None,
        };
        return on_every_paper(layers, StyleFonts::built_in(), built_in_name, None, diags);
    };
    let layer = Layer::parse(TomlSource::new(own.path, own.text), diags)?;
    let fonts = read_style_fonts(&layer.toml.fonts, &layer.source, own.path, own.files, diags);
    let layers = Layers {
        own: Some(layer),
        built_in,
        paper: None,
    };
    let profile_files = ProfileFiles {
        style_file: own.path,
        files: own.files,
    };
    on_every_paper(layers, fonts, own.path, Some(&profile_files), diags)
}

/// The style `layers` make on its own paper (problems reported in `diags`) and on each named
/// paper it resolves on without a problem (a paper whose text block is too small is reported
/// only when asked for, by `--paper`).
fn on_every_paper(
    mut layers: Layers<'_>,
    fonts: StyleFonts,
    shown_path: &Path,
    profile_files: Option<&ProfileFiles<'_>>,
    diags: &mut Diagnostics,
) -> Option<PrintStyles> {
    layers.paper = layers.get_base(|t| &t.page.paper).map(|p| p.value);
    let print = print_style::resolve(&layers, fonts.clone(), shown_path, profile_files, diags)?;
    let mut papers = Vec::new();
    for paper in [Paper::A5, Paper::A4, Paper::Letter] {
        layers.paper = Some(paper);
        let mut quiet = Diagnostics::new();
        let on_paper = print_style::resolve(
            &layers,
            fonts.clone(),
            shown_path,
            profile_files,
            &mut quiet,
        );
        papers.extend(on_paper.map(|style| (paper, style)));
    }
    Some(PrintStyles { print, papers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChapterOpening, PT_PER_MM, Paper, Rgb};

    /// The print style a book's file holding `text` makes (no font files read).
    fn own_style(text: &str, diags: &mut Diagnostics) -> Option<PrintStyle> {
        let files = BookFiles::new(Path::new("."), diags).expect("the crate's folder");
        let own = OwnStyle {
            text,
            path: Path::new("s/print.toml"),
            files: &files,
        };
        resolve_print_styles(Some(own), diags).map(|styles| styles.print)
    }

    fn built_in() -> PrintStyle {
        built_in_styles().print
    }

    #[test]
    fn code_colours_come_from_the_theme_and_each_class_key() {
        use crate::highlight::{Palette, Token};
        let mut diags = Diagnostics::new();
        assert_eq!(built_in().code_palette, Palette::PRINT);
        let style = own_style(
            "[code]\ntheme = \"none\"\nkeyword = \"#000080\"\n",
            &mut diags,
        )
        .expect("valid");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(style.code_palette.colour(Token::Comment), None);
        assert_eq!(
            style.code_palette.colour(Token::Keyword),
            Some(Rgb(0.0, 0.0, 128.0 / 255.0))
        );
        assert!(own_style("[code]\ntheme = \"dark\"\n", &mut diags).is_none());
        assert!(own_style("[code]\nstring = \"green\"\n", &mut diags).is_none());
        let messages: Vec<String> = diags.items().iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            messages,
            ["unknown code theme 'dark'", "'green' is not a colour"],
            "{diags:?}"
        );
        assert_eq!(diags.items()[0].location.as_ref().map(|l| l.line), Some(2));
    }

    #[test]
    fn the_built_in_style_is_an_a5_brochure_with_even_margins() {
        let style = built_in();
        let a5 = Paper::A5.size().expect("a named paper");
        assert_eq!((style.page_width, style.page_height), (a5.width, a5.height));
        assert!((style.page_width - 419.53).abs() < 0.1);
        assert!((style.page_height - 595.28).abs() < 0.1);
        assert_eq!(
            style.chapter_opening,
            ChapterOpening::RunOn,
            "a brochure wastes no paper on half-empty pages"
        );
        assert_eq!(style.page_multiple, 4, "a folded booklet");
        assert_eq!(style.margin_inner, style.margin_outer);
        assert_eq!(
            style.text_color,
            print_style::parse_color("#1a1a1a").unwrap()
        );
        assert_eq!(
            style.fonts,
            crate::fonts::FaceFile::built_in(),
            "its faces are compiled in"
        );
    }

    #[test]
    fn the_built_in_style_sets_every_key_and_names_no_font_file() {
        let mut diags = Diagnostics::new();
        let layer = Layer::parse(
            TomlSource::new(Path::new(BUILT_IN_PRINT_STYLE_NAME), DEFAULT_PRINT_STYLE),
            &mut diags,
        )
        .expect("valid");
        let t = &layer.toml;
        let page = &t.page;
        assert!(page.paper.is_some() && page.chapter_opening.is_some());
        assert!(page.page_multiple.is_some() && page.chapters_open_right.is_none());
        let m = &t.margins;
        assert!(m.top.is_some() && m.bottom.is_some() && m.inner.is_some() && m.outer.is_some());
        assert!(t.body.size_pt.is_some() && t.body.leading_pt.is_some());
        assert!(t.headings.scale.is_some());
        let c = &t.colors;
        assert!(c.text.is_some() && c.heading.is_some() && c.link.is_some());
        assert!(c.rule.is_some() && c.code_background.is_some());
        let f = &t.fonts;
        assert!(f.regular.is_none() && f.italic.is_none() && f.bold.is_none());
        assert!(f.bold_italic.is_none() && f.heading.is_none());
        assert!(f.heading_regular.is_none() && f.mono.is_none());
    }

    #[test]
    fn a_style_file_inherits_every_key_it_leaves_out() {
        let mut diags = Diagnostics::new();
        let style = own_style("[body]\nsize-pt = 11\n", &mut diags).expect("valid");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            style,
            PrintStyle {
                body_size: 11.0,
                ..built_in()
            }
        );
        let empty = own_style("", &mut diags).expect("valid");
        assert_eq!(empty, built_in());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located_errors() {
        let mut diags = Diagnostics::new();
        assert!(own_style("[body]\nsize-pt = 10\nleadin-pt = 12\n", &mut diags).is_none());
        let d = &diags.items()[0];
        assert!(d.message.contains("leadin-pt"), "{d}");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(3));

        let mut diags = Diagnostics::new();
        let text = "[colors]\ntext = \"black\"\n[body]\nsize-pt = 2\nleading-pt = 12\n";
        assert!(own_style(text, &mut diags).is_none());
        let lines: Vec<u32> = diags
            .items()
            .iter()
            .filter_map(|d| d.location.as_ref())
            .map(|l| l.line)
            .collect();
        assert!(lines.contains(&2) && lines.contains(&4), "{diags:?}");
    }

    #[test]
    fn a_leading_the_new_size_leaves_out_of_range_is_reported_at_the_size() {
        let mut diags = Diagnostics::new();
        assert!(own_style("[body]\nsize-pt = 30\n", &mut diags).is_none());
        let d = &diags.items()[0];
        assert!(
            d.to_string()
                .starts_with("s/print.toml:2:11: error: body.leading-pt is 14; expected 30 to 90"),
            "{d}"
        );
    }

    #[test]
    fn the_old_chapters_open_right_still_works_and_warns_at_its_line() {
        let mut diags = Diagnostics::new();
        let text = "[page]\npaper = \"a5\"\nchapters-open-right = true\n";
        let style = own_style(text, &mut diags).expect("valid");
        assert_eq!(style.chapter_opening, ChapterOpening::RightPage);
        let d = &diags.items()[0];
        assert!(
            d.to_string().starts_with(
                "s/print.toml:3:23: warning: chapters-open-right is replaced by chapter-opening"
            ),
            "{d}"
        );
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("\"right-page\"")),
            "{d:?}"
        );
        let mut diags = Diagnostics::new();
        let style = own_style("[page]\nchapters-open-right = false\n", &mut diags).expect("valid");
        assert_eq!(style.chapter_opening, ChapterOpening::NewPage);
        assert_eq!(diags.warning_count(), 1);
        let mut diags = Diagnostics::new();
        let both = "[page]\nchapter-opening = \"run-on\"\nchapters-open-right = true\n";
        let style = own_style(both, &mut diags).expect("valid");
        assert_eq!(
            style.chapter_opening,
            ChapterOpening::RunOn,
            "the new key wins"
        );
        assert_eq!(diags.warning_count(), 1);
    }

    #[test]
    fn a_page_multiple_out_of_range_is_an_error_at_its_line() {
        let mut diags = Diagnostics::new();
        assert!(own_style("[page]\npage-multiple = 0\n", &mut diags).is_none());
        let d = &diags.items()[0];
        assert!(d.message.contains("page-multiple is 0"), "{d}");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(2));
    }

    #[test]
    fn a_custom_paper_gets_margins_and_type_by_the_rule_unless_the_file_sets_them() {
        let mut diags = Diagnostics::new();
        let page = "[page]\npaper = \"custom\"\nwidth-mm = 250\nheight-mm = 320\n";
        let style = own_style(page, &mut diags).expect("valid");
        let rule = super::super::paper_rule::designed_for(crate::model::PaperSize {
            width: style.page_width,
            height: style.page_height,
        });
        assert_eq!(style.body_size, rule.body_size);
        assert_eq!(style.leading, rule.leading);
        assert_eq!(
            (style.margin_inner, style.margin_top),
            (rule.side, rule.top)
        );
        assert!(
            style.body_size > built_in().body_size,
            "larger type on a larger page"
        );
        let own = format!("{page}[margins]\ninner = 20\n[body]\nsize-pt = 11\n");
        let style = own_style(&own, &mut diags).expect("valid");
        assert!((style.margin_inner - 20.0 * PT_PER_MM).abs() < 0.01);
        assert_eq!(style.body_size, 11.0);
        assert_eq!(
            style.margin_outer, rule.side,
            "the keys it leaves out follow the rule"
        );
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn each_named_paper_has_the_variant_designed_for_it() {
        let styles = built_in_styles();
        let on = |paper| {
            &styles
                .papers
                .iter()
                .find(|(p, _)| *p == paper)
                .expect("a style for each named paper")
                .1
        };
        assert_eq!(*on(crate::model::Paper::A5), styles.print);
        let a4 = on(crate::model::Paper::A4);
        assert!(a4.body_size > styles.print.body_size);
        assert!(a4.margin_inner > styles.print.margin_inner);
        assert_eq!(a4.heading_scale, styles.print.heading_scale);
    }

    #[test]
    fn custom_paper_needs_its_size() {
        let mut diags = Diagnostics::new();
        let text = "[page]\npaper = \"custom\"\nwidth-mm = 150\nheight-mm = 220\n";
        let style = own_style(text, &mut diags).expect("valid");
        assert!((style.page_width - 150.0 * PT_PER_MM).abs() < 0.01);
        assert!(own_style("[page]\npaper = \"custom\"\n", &mut diags).is_none());
        let d = &diags.items()[0];
        assert!(d.message.contains("needs width-mm and height-mm"), "{d}");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(2));
    }

    #[test]
    fn margins_leaving_no_text_block_are_an_error_of_the_file() {
        let mut diags = Diagnostics::new();
        let text = "[margins]\ninner = 70\nouter = 70\n";
        assert!(own_style(text, &mut diags).is_none());
        let d = &diags.items()[0];
        assert!(d.message.contains("too small to set text in"), "{d}");
        assert_eq!(
            d.location.as_ref().map(|l| l.file.as_path()),
            Some(Path::new("s/print.toml"))
        );
    }
}
