//! Hanging punctuation (optical margin alignment): how far a mark at the end or start of a
//! justified line stands into the margin, as a share of its own advance width.
//!
//! The eye measures a text's edge by the black of its letters; light marks (a hyphen, a stop,
//! a comma, a quote) set flush leave a dent. The shares are microtype's defaults for a text
//! face: most of a hyphen, stop or comma hangs, less of the heavier or wider marks. The
//! breaker sees the right-hand share (in the widths of the break items the collect stage
//! makes), the set stage draws both.

/// Hyphen, full stop, comma and closing single quote: light marks, 70% hangs (microtype's
/// 700 for `-`, `.`, `,`).
const LIGHT: f32 = 0.7;
/// Colon, semicolon and double quotes: two marks or a wider one, half hangs.
const MEDIUM: f32 = 0.5;
/// En dash: a wide mark that reads as a letter-like stroke, 40% hangs.
const EN_DASH: f32 = 0.4;
/// Em dash: wider still, a quarter hangs so it does not look detached.
const EM_DASH: f32 = 0.25;
/// Question and exclamation marks: mostly stem, a fifth hangs.
const STEM: f32 = 0.2;

/// The share of `c` that hangs past the right margin when it ends a justified line.
pub(super) fn right_share(c: char) -> f32 {
    match c {
        '-' | '\u{2010}' | '.' | ',' | '\u{2019}' | '\'' => LIGHT,
        ':' | ';' | '\u{201d}' | '"' => MEDIUM,
        '\u{2013}' => EN_DASH,
        '\u{2014}' => EM_DASH,
        '!' | '?' => STEM,
        _ => 0.0,
    }
}

/// The share of `c` that hangs past the left margin when it starts a justified line.
pub(super) fn left_share(c: char) -> f32 {
    match c {
        '\u{2018}' | '\'' => LIGHT,
        '\u{201c}' | '"' => MEDIUM,
        '\u{2013}' => EN_DASH,
        '\u{2014}' => EM_DASH,
        _ => 0.0,
    }
}
