//! `[press]` of the print style: the booklet imposition and the press file's bleed, marks and
//! output profile, each value checked (an error names its file, line and column). A profile is
//! a built-in one by name or an ICC file beside the style, which must be a CMYK output profile.

use std::path::Path;
use std::sync::Arc;

use super::files::BookFiles;
use super::print_toml::{Layers, Setting};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Impose, OutputProfile, PT_PER_MM, PressStyle};

/// Bleed accepted, in millimetres: none, up to more than any print shop asks (3 to 5 mm).
const BLEED_MM: (f32, f32) = (0.0, 10.0);
/// Creep accepted per sheet, in millimetres: a paper's thickness, from none to thick card
/// (office paper is about 0.1 mm).
const CREEP_MM: (f32, f32) = (0.0, 1.0);
/// Pages per signature accepted: one folded sheet (4 pages) up to 16 sheets, beyond which a
/// saddle-stitched booklet no longer folds flat.
const SIGNATURE_PAGES: (i64, i64) = (4, 64);
/// A folded sheet carries four pages, so a signature holds a multiple of them.
const PAGES_PER_SHEET: i64 = 4;

/// The built-in output profiles: the name a style gives, the output condition identifier
/// (the ICC registry's name), the condition, and the profile.
const BUILT_IN_PROFILES: &[(&str, &str, &str, &[u8])] = &[(
    "fogra39",
    "FOGRA39",
    "Offset commercial and specialty printing, coated paper (ISO 12647-2:2004)",
    include_bytes!("../../profiles/FOGRA39L_coated.icc"),
)];

/// Where a style's own profile file is looked for: beside `style_file`, in the book's folders.
pub struct ProfileFiles<'a> {
    pub style_file: &'a Path,
    pub files: &'a BookFiles,
}

/// `[press]` as `layers` set it; `None` when a value is wrong (each problem is in `diags`).
pub fn resolve(
    layers: &Layers<'_>,
    own: Option<&ProfileFiles<'_>>,
    diags: &mut Diagnostics,
) -> Option<PressStyle> {
    let errors_before = diags.error_count();
    let impose = layers.get(|t| &t.press.impose).map(|s| s.value);
    let sheet = layers.get(|t| &t.press.sheet).map(|s| (s.value, s.at));
    let creep = millimetres(
        layers.get(|t| &t.press.creep_mm),
        "creep-mm",
        CREEP_MM,
        diags,
    );
    let bleed = millimetres(
        layers.get(|t| &t.press.bleed_mm),
        "bleed-mm",
        BLEED_MM,
        diags,
    );
    let signature = layers
        .get(|t| &t.press.signature)
        .and_then(|s| checked_signature(&s, diags));
    let marks = layers.get(|t| &t.press.marks).is_none_or(|s| s.value);
    let profile = match layers.get(|t| &t.press.profile) {
        Some(setting) => output_profile(&setting, own, diags),
        None => built_in_profile(BUILT_IN_PROFILES[0].0),
    };
    if diags.error_count() != errors_before {
        return None;
    }
    Some(PressStyle {
        impose: impose.unwrap_or(Impose::None),
        sheet,
        creep,
        signature,
        bleed,
        marks,
        profile: profile?,
    })
}

/// A length in millimetres, in points; 0 when the style leaves it out.
fn millimetres(
    setting: Option<Setting<f32>>,
    name: &str,
    (min, max): (f32, f32),
    diags: &mut Diagnostics,
) -> f32 {
    let Some(setting) = setting else { return 0.0 };
    if !(min..=max).contains(&setting.value) {
        diags.push(
            Diagnostic::error(
                Some(setting.at),
                format!("press.{name} is {}; expected {min} to {max}", setting.value),
            )
            .with_hint("in millimetres: bleed is usually 3, creep the paper's thickness (0.1)"),
        );
    }
    setting.value * PT_PER_MM
}

fn checked_signature(setting: &Setting<i64>, diags: &mut Diagnostics) -> Option<usize> {
    let (min, max) = SIGNATURE_PAGES;
    let pages = setting.value;
    if (min..=max).contains(&pages) && pages % PAGES_PER_SHEET == 0 {
        return usize::try_from(pages).ok();
    }
    diags.push(
        Diagnostic::error(
            Some(setting.at.clone()),
            format!("press.signature is {pages}; expected a multiple of 4 from {min} to {max}"),
        )
        .with_hint("each folded sheet carries 4 pages: 8, 16 or 32 are usual"),
    );
    None
}

fn built_in_profile(name: &str) -> Option<OutputProfile> {
    let (_, identifier, condition, bytes) = BUILT_IN_PROFILES
        .iter()
        .find(|(known, ..)| known.eq_ignore_ascii_case(name))?;
    Some(OutputProfile {
        name: (*identifier).to_string(),
        condition: (*condition).to_string(),
        bytes: Arc::from(*bytes),
    })
}

/// The profile `setting` names: a built-in one, or an `.icc` file beside the book's style.
fn output_profile(
    setting: &Setting<String>,
    own: Option<&ProfileFiles<'_>>,
    diags: &mut Diagnostics,
) -> Option<OutputProfile> {
    let name = setting.value.as_str();
    let is_file = [".icc", ".icm"]
        .iter()
        .any(|ext| name.to_ascii_lowercase().ends_with(ext));
    let found = match (is_file, own) {
        (false, _) => built_in_profile(name),
        (true, Some(own)) => return profile_file(setting, own, diags),
        (true, None) => None,
    };
    if found.is_none() {
        let known: Vec<&str> = BUILT_IN_PROFILES.iter().map(|(n, ..)| *n).collect();
        diags.push(
            Diagnostic::error(
                Some(setting.at.clone()),
                format!("unknown output profile '{name}'"),
            )
            .with_hint(format!(
                "name a built-in profile ({}) or a CMYK output profile file ending in .icc",
                known.join(", ")
            )),
        );
    }
    found
}

fn profile_file(
    setting: &Setting<String>,
    own: &ProfileFiles<'_>,
    diags: &mut Diagnostics,
) -> Option<OutputProfile> {
    let at = setting.at.clone();
    let name = &setting.value;
    let path =
        own.files
            .resolve_beside_style(own.style_file, name, at.clone(), "profile file", diags)?;
    if !path.is_file() {
        diags.push(
            Diagnostic::error(Some(at), format!("profile file '{name}' not found"))
                .with_hint(format!("looked for {}", path.display())),
        );
        return None;
    }
    let bytes = own.files.read_bytes(&path, diags)?;
    if let Err(why) = check_cmyk_output_profile(&bytes) {
        diags.push(
            Diagnostic::error(Some(at), format!("'{name}' {why}"))
                .with_hint("the press file needs a CMYK output (printer) profile, such as FOGRA39"),
        );
        return None;
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    Some(OutputProfile {
        name: stem.unwrap_or_else(|| name.clone()),
        condition: name.clone(),
        bytes: Arc::from(bytes),
    })
}

/// The size of an ICC profile's header (ICC.1:2010, 7.2).
const ICC_HEADER_BYTES: usize = 128;

/// Whether `bytes` are an ICC profile of the output class for CMYK: what a PDF/X output intent
/// embeds (ICC.1:2010, 7.2: size, class at 12, colour space at 16, signature at 36).
pub fn check_cmyk_output_profile(bytes: &[u8]) -> Result<(), String> {
    let field = |at: usize| bytes.get(at..at + 4);
    let declared = field(0).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if bytes.len() < ICC_HEADER_BYTES || field(36) != Some(b"acsp") || declared != Some(bytes.len())
    {
        return Err("is not an ICC profile".into());
    }
    let text = |at: usize| String::from_utf8_lossy(field(at).unwrap_or_default()).into_owned();
    if field(12) != Some(b"prtr") || field(16) != Some(b"CMYK") {
        return Err(format!(
            "is an ICC profile of class '{}' for '{}', not a CMYK output profile",
            text(12).trim(),
            text(16).trim()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profile_is_cmyk_output_and_srgb_is_not() {
        assert_eq!(check_cmyk_output_profile(BUILT_IN_PROFILES[0].3), Ok(()));
        let srgb = include_bytes!("../../profiles/sRGB.icc");
        let why = check_cmyk_output_profile(srgb).expect_err("a display profile");
        assert!(why.contains("'mntr' for 'RGB'"), "{why}");
        assert!(check_cmyk_output_profile(b"not a profile").is_err());
        let mut cut = BUILT_IN_PROFILES[0].3.to_vec();
        cut.truncate(1000);
        assert!(
            check_cmyk_output_profile(&cut).is_err(),
            "a truncated profile"
        );
    }
}
