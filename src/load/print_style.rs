//! The print style a book is set in: its style file over the built-in one, key by key, every
//! value checked (an error names its file, line and column) and turned into points.

use std::path::Path;

use toml::Spanned;

use super::paper_rule;
use super::press_style::{self, ProfileFiles};
use super::print_toml::{Layers, PrintToml, Setting};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::fonts::StyleFonts;
use crate::model::{ChapterOpening, LinksStyle, PT_PER_MM, Paper, PaperSize, PrintStyle, Rgb};

/// Smallest text size accepted: below this, print is unreadable (and a typo is likely).
const MIN_BODY_SIZE: f32 = 5.0;
/// Largest text size accepted for running text.
const MAX_BODY_SIZE: f32 = 30.0;
/// The most leading accepted, in body sizes: triple spacing is already far apart.
const MAX_LEADING_PER_SIZE: f32 = 3.0;
/// Custom paper sides accepted, in millimetres: from a business card to a poster.
const PAPER_SIDE_MM: (f32, f32) = (50.0, 2000.0);
/// The largest margin accepted, in millimetres: more than any page needs.
const MAX_MARGIN_MM: f32 = 200.0;
/// The page multiples accepted: 64 pages is the largest signature a folder folds.
const PAGE_MULTIPLE_RANGE: (i64, i64) = (1, 64);
/// Heading sizes accepted, in body sizes: smaller is unreadable, larger no longer a heading.
const HEADING_SCALE_RANGE: (f32, f32) = (0.5, 5.0);

/// The style `layers` make, with the faces `fonts` read for it; `None` when a value is wrong
/// (each problem is in `diags`). `shown_path` names the top style file in messages that concern
/// no one key.
pub fn resolve(
    layers: &Layers<'_>,
    fonts: StyleFonts,
    shown_path: &Path,
    profile_files: Option<&ProfileFiles<'_>>,
    diags: &mut Diagnostics,
) -> Option<PrintStyle> {
    let errors_before = diags.error_count();
    // A named paper the layers are read for (`--paper`) has its size; the style's own paper
    // is read from its `[page]`.
    let page = match layers.paper.and_then(Paper::size) {
        Some(size) => Some(size),
        None => page_size(layers, diags),
    };
    let margin = |diags: &mut Diagnostics, key: fn(&PrintToml) -> &Option<Spanned<f32>>, name| {
        let setting = required(layers, key, name, diags)?;
        Some(in_range(&setting, name, 0.0, MAX_MARGIN_MM, diags) * PT_PER_MM)
    };
    let margin_top = margin(diags, |t| &t.margins.top, "margins.top");
    let margin_bottom = margin(diags, |t| &t.margins.bottom, "margins.bottom");
    let margin_inner = margin(diags, |t| &t.margins.inner, "margins.inner");
    let margin_outer = margin(diags, |t| &t.margins.outer, "margins.outer");
    let size = required(layers, |t| &t.body.size_pt, "body.size-pt", diags)?;
    let body_size = in_range(&size, "body.size-pt", MIN_BODY_SIZE, MAX_BODY_SIZE, diags);
    let leading = required(layers, |t| &t.body.leading_pt, "body.leading-pt", diags)?;
    let leading = checked_leading(&leading, &size, diags);
    let heading_scale = heading_scale(layers, diags);
    let mut color = |key: fn(&PrintToml) -> &Option<Spanned<String>>, name| {
        let setting = required(layers, key, name, diags)?;
        checked_color(&setting, diags)
    };
    let text_color = color(|t| &t.colors.text, "colors.text");
    let heading_color = color(|t| &t.colors.heading, "colors.heading");
    let link_color = color(|t| &t.colors.link, "colors.link");
    let rule_color = color(|t| &t.colors.rule, "colors.rule");
    let code_background = color(|t| &t.colors.code_background, "colors.code-background");
    let chapter_opening = chapter_opening(layers, diags);
    let page_multiple = page_multiple(layers, diags);
    let press = press_style::resolve(layers, profile_files, diags);
    let tagged = required(layers, |t| &t.pdf.tagged, "pdf.tagged", diags);
    let show_page = required(layers, |t| &t.links.show_page, "links.show-page", diags);
    let show_urls = required(layers, |t| &t.links.show_urls, "links.show-urls", diags);
    let code_palette = super::code_style::resolve(layers, diags);
    if diags.error_count() != errors_before {
        return None;
    }
    let page = page?;
    let style = PrintStyle {
        page_width: page.width,
        page_height: page.height,
        margin_top: margin_top?,
        margin_bottom: margin_bottom?,
        margin_inner: margin_inner?,
        margin_outer: margin_outer?,
        body_size,
        leading,
        heading_scale: heading_scale?,
        text_color: text_color?,
        heading_color: heading_color?,
        link_color: link_color?,
        rule_color: rule_color?,
        code_background: code_background?,
        chapter_opening: chapter_opening?,
        page_multiple: page_multiple?,
        tagged: tagged?.value,
        fonts: fonts.faces,
        fallbacks: fonts.fallbacks,
        fallback_system: layers
            .get(|t| &t.fonts.fallback_system)
            .is_some_and(|s| s.value),
        links: LinksStyle {
            show_page: show_page?.value,
            show_urls: show_urls?.value,
        },
        press: press?,
        code_palette: code_palette?,
    };
    let mut style = style;
    if custom_paper(layers) {
        follow_the_rule(layers, &mut style);
    }
    match style.text_block_problem(shown_path) {
        Some(problem) => {
            diags.push(problem);
            None
        }
        None => Some(style),
    }
}

/// Whether the style is read for its own custom paper (not for a named one `--paper` asks).
fn custom_paper(layers: &Layers<'_>) -> bool {
    layers.paper.and_then(Paper::size).is_none()
        && layers
            .get_base(|t| &t.page.paper)
            .is_some_and(|p| p.value == Paper::Custom)
}

/// A key of a length or size in the style.
type LengthKey = fn(&PrintToml) -> &Option<Spanned<f32>>;

/// A custom paper's margins and type that the style leaves to the built-in one, set by the
/// rule the built-in papers are designed by (see [`paper_rule`]).
fn follow_the_rule(layers: &Layers<'_>, style: &mut PrintStyle) {
    let rule = paper_rule::designed_for(PaperSize {
        width: style.page_width,
        height: style.page_height,
    });
    let inherited = |key: LengthKey| layers.get(key).is_none_or(|setting| setting.inherited);
    let settings: [(LengthKey, &mut f32, f32); 6] = [
        (|t| &t.margins.top, &mut style.margin_top, rule.top),
        (|t| &t.margins.bottom, &mut style.margin_bottom, rule.bottom),
        (|t| &t.margins.inner, &mut style.margin_inner, rule.side),
        (|t| &t.margins.outer, &mut style.margin_outer, rule.side),
        (|t| &t.body.size_pt, &mut style.body_size, rule.body_size),
        (|t| &t.body.leading_pt, &mut style.leading, rule.leading),
    ];
    for (key, value, ruled) in settings {
        if inherited(key) {
            *value = ruled;
        }
    }
}

/// A key every style has, since the built-in one sets it; reported if the built-in style lacks it.
fn required<T: Clone>(
    layers: &Layers<'_>,
    key: impl Fn(&PrintToml) -> &Option<Spanned<T>>,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<Setting<T>> {
    let setting = layers.get(key);
    if setting.is_none() {
        diags.push(Diagnostic::error(
            Some(Location::file(layers.built_in.source.path)),
            format!("the built-in print style does not set {name}"),
        ));
    }
    setting
}

/// `[page] chapter-opening`, from the first layer that says where chapters open: by that key,
/// or by the `chapters-open-right` it replaces, which still works and is warned about at its line.
fn chapter_opening(layers: &Layers<'_>, diags: &mut Diagnostics) -> Option<ChapterOpening> {
    let own = layers.own.iter();
    for layer in own.chain([&layers.built_in]) {
        let page = &layer.toml.page;
        if let Some(old) = &page.chapters_open_right {
            let replacement = if *old.get_ref() {
                "right-page"
            } else {
                "new-page"
            };
            let ignored = if page.chapter_opening.is_some() {
                "; this file sets chapter-opening too, which wins"
            } else {
                ""
            };
            diags.push(
                Diagnostic::warning(
                    Some(layer.source.location(old.span())),
                    format!("chapters-open-right is replaced by chapter-opening{ignored}"),
                )
                .with_hint(format!(
                    "write chapter-opening = \"{replacement}\" in [page]"
                )),
            );
            if page.chapter_opening.is_none() {
                return Some(if *old.get_ref() {
                    ChapterOpening::RightPage
                } else {
                    ChapterOpening::NewPage
                });
            }
        }
        if let Some(opening) = &page.chapter_opening {
            return Some(*opening.get_ref());
        }
    }
    required(
        layers,
        |t| &t.page.chapter_opening,
        "page.chapter-opening",
        diags,
    )
    .map(|s| s.value)
}

/// `[page] page-multiple`: the page count is fitted to a multiple of it (1: not fitted).
fn page_multiple(layers: &Layers<'_>, diags: &mut Diagnostics) -> Option<usize> {
    let setting = required(
        layers,
        |t| &t.page.page_multiple,
        "page.page-multiple",
        diags,
    )?;
    let (min, max) = PAGE_MULTIPLE_RANGE;
    if !(min..=max).contains(&setting.value) {
        diags.push(
            Diagnostic::error(
                Some(setting.at),
                format!(
                    "page.page-multiple is {}; expected {min} to {max}",
                    setting.value
                ),
            )
            .with_hint("4 for a folded booklet, 1 for no fitting"),
        );
        return None;
    }
    usize::try_from(setting.value).ok()
}

/// The paper's size: a named paper's, or `width-mm` by `height-mm` for `custom`.
fn page_size(layers: &Layers<'_>, diags: &mut Diagnostics) -> Option<PaperSize> {
    let Some(paper) = layers.get_base(|t| &t.page.paper) else {
        return required(layers, |t| &t.page.paper, "page.paper", diags).and(None);
    };
    if let Some(size) = paper.value.size() {
        return Some(size);
    }
    let (min, max) = PAPER_SIDE_MM;
    match (
        layers.get_base(|t| &t.page.width_mm),
        layers.get_base(|t| &t.page.height_mm),
    ) {
        (Some(width), Some(height)) => Some(PaperSize {
            width: in_range(&width, "width-mm", min, max, diags) * PT_PER_MM,
            height: in_range(&height, "height-mm", min, max, diags) * PT_PER_MM,
        }),
        _ => {
            diags.push(
                Diagnostic::error(
                    Some(paper.at),
                    "paper = \"custom\" needs width-mm and height-mm",
                )
                .with_hint("add e.g. width-mm = 150 and height-mm = 220 to [page]"),
            );
            None
        }
    }
}

/// The setting's value, reported if it is not from `min` to `max`.
fn in_range(
    setting: &Setting<f32>,
    name: &str,
    min: f32,
    max: f32,
    diags: &mut Diagnostics,
) -> f32 {
    let value = setting.value;
    if !(min..=max).contains(&value) {
        diags.push(out_of_range(setting.at.clone(), name, value, min, max));
    }
    value
}

fn out_of_range(at: Location, name: &str, value: f32, min: f32, max: f32) -> Diagnostic {
    Diagnostic::error(
        Some(at),
        format!("{name} is {value}; expected {min} to {max}"),
    )
    .with_hint("lengths are in millimetres, sizes in points")
}

/// The leading, which must be from the body size to three times it. When the book's file sets
/// the size and inherits the leading, the problem is reported at the size, the key it wrote.
fn checked_leading(leading: &Setting<f32>, size: &Setting<f32>, diags: &mut Diagnostics) -> f32 {
    let (min, max) = (size.value, size.value * MAX_LEADING_PER_SIZE);
    let value = leading.value;
    if !(min..=max).contains(&value) {
        let name = "body.leading-pt";
        let problem = if leading.inherited && !size.inherited {
            out_of_range(size.at.clone(), name, value, min, max)
                .with_hint("the leading is the built-in style's: set leading-pt in [body] too")
        } else {
            out_of_range(leading.at.clone(), name, value, min, max)
        };
        diags.push(problem);
    }
    value
}

/// Four heading sizes, each in the accepted range.
fn heading_scale(layers: &Layers<'_>, diags: &mut Diagnostics) -> Option<[f32; 4]> {
    let scale = required(layers, |t| &t.headings.scale, "headings.scale", diags)?;
    let (min, max) = HEADING_SCALE_RANGE;
    let sizes: Option<[f32; 4]> = scale.value.as_slice().try_into().ok();
    let checked = sizes.filter(|sizes| sizes.iter().all(|s| (min..=max).contains(s)));
    if checked.is_none() {
        diags.push(
            Diagnostic::error(
                Some(scale.at),
                format!("headings.scale needs 4 numbers from {min} to {max}"),
            )
                .with_hint("sizes of levels 1, 2, 3 and 4+ as multiples of the body size, e.g. [2.0, 1.3, 1.12, 1.0]"),
        );
    }
    checked
}

fn checked_color(setting: &Setting<String>, diags: &mut Diagnostics) -> Option<Rgb> {
    let color = parse_color(&setting.value);
    if color.is_none() {
        diags.push(
            Diagnostic::error(
                Some(setting.at.clone()),
                format!("'{}' is not a colour", setting.value),
            )
            .with_hint("write colours as \"#rrggbb\", e.g. \"#1a1a1a\""),
        );
    }
    color
}

/// `#rrggbb` into an [`Rgb`].
pub(super) fn parse_color(text: &str) -> Option<Rgb> {
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
    fn colours_are_hex_triplets() {
        assert_eq!(parse_color("#ff0000"), Some(Rgb(1.0, 0.0, 0.0)));
        for bad in ["ff0000", "#ff00", "#gg0000", "#ff00000", "#ff00é"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }
}
