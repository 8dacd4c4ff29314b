//! The print style a book is set in: its style file over the built-in one, key by key, every
//! value checked (an error names its file, line and column) and turned into points.

use std::path::Path;

use toml::Spanned;

use super::press_style::{self, ProfileFiles};
use super::print_toml::{Layers, PrintToml, Setting};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::fonts::FaceFile;
use crate::model::{PT_PER_MM, PaperSize, PrintStyle, Rgb};

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
/// Heading sizes accepted, in body sizes: smaller is unreadable, larger no longer a heading.
const HEADING_SCALE_RANGE: (f32, f32) = (0.5, 5.0);

/// The style `layers` make, with the faces `fonts` read for it; `None` when a value is wrong
/// (each problem is in `diags`). `shown_path` names the top style file in messages that concern
/// no one key.
pub fn resolve(
    layers: &Layers<'_>,
    fonts: [FaceFile; 7],
    shown_path: &Path,
    profile_files: Option<&ProfileFiles<'_>>,
    diags: &mut Diagnostics,
) -> Option<PrintStyle> {
    let errors_before = diags.error_count();
    let page = page_size(layers, diags);
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
    let open_right = required(
        layers,
        |t| &t.page.chapters_open_right,
        "page.chapters-open-right",
        diags,
    );
    let press = press_style::resolve(layers, profile_files, diags);
    let tagged = required(layers, |t| &t.pdf.tagged, "pdf.tagged", diags);
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
        chapters_open_right: open_right?.value,
        tagged: tagged?.value,
        fonts,
        press: press?,
        code_palette: code_palette?,
    };
    match style.text_block_problem(shown_path) {
        Some(problem) => {
            diags.push(problem);
            None
        }
        None => Some(style),
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

/// The paper's size: a named paper's, or `width-mm` by `height-mm` for `custom`.
fn page_size(layers: &Layers<'_>, diags: &mut Diagnostics) -> Option<PaperSize> {
    let paper = required(layers, |t| &t.page.paper, "page.paper", diags)?;
    if let Some(size) = paper.value.size() {
        return Some(size);
    }
    let (min, max) = PAPER_SIDE_MM;
    match (
        layers.get(|t| &t.page.width_mm),
        layers.get(|t| &t.page.height_mm),
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
