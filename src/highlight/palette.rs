//! The colours the PDF gives each class of code (`[code]` in the print style).
//!
//! The built-in theme, `print`, is made for paper: every colour is dark enough on the code
//! background (contrast 4.5:1 or more, as WCAG asks of text) and the four classes a reader
//! leans on most, plain text, keywords, strings and comments, are four distinct greys once
//! printed in black and white (their lightness L* about 9, 29, 37 and 46). The other classes
//! share those greys with a hue of their own for colour print and screens.

use super::Token;
use crate::model::Rgb;

/// A colour per coloured class; None: the code's text colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    colours: [Option<Rgb>; Token::COLOURED.len()],
}

/// `#rrggbb` as a colour, for the built-in themes.
const fn hex(rgb: u32) -> Rgb {
    Rgb(channel(rgb, 16), channel(rgb, 8), channel(rgb, 0))
}

/// The 8-bit channel of `rgb` at `shift`, from 0 to 1.
const fn channel(rgb: u32, shift: u32) -> f32 {
    ((rgb >> shift) & 0xff) as f32 / 255.0
}

/// The `print` theme, in the order of [`Token::COLOURED`].
const PRINT: [Rgb; Token::COLOURED.len()] = [
    // Comments: a mid grey, the lightest class (L* 46, as light as 4.5:1 on the background
    // allows), so that the code reads before its notes.
    hex(0x6d6d6d),
    // Keywords: a deep blue (L* 29).
    hex(0x1f3f8f),
    // Strings: a dark green (L* 37).
    hex(0x2b6430),
    // Numbers: a brown (L* 41, near the strings' grey: both are literals).
    hex(0x9a4a00),
    // Constants: the numbers' brown.
    hex(0x9a4a00),
    // Functions: a dark teal (L* 38).
    hex(0x005f87),
    // Types: a purple (L* 38).
    hex(0x7a3e9d),
    // Tags: the keywords' blue.
    hex(0x1f3f8f),
    // Attributes: the numbers' brown.
    hex(0x9a4a00),
];

impl Palette {
    /// The built-in theme for print.
    pub const PRINT: Palette = Palette {
        colours: [
            Some(PRINT[0]),
            Some(PRINT[1]),
            Some(PRINT[2]),
            Some(PRINT[3]),
            Some(PRINT[4]),
            Some(PRINT[5]),
            Some(PRINT[6]),
            Some(PRINT[7]),
            Some(PRINT[8]),
        ],
    };

    /// No colours: code in its text colour, as before highlighting.
    pub const NONE: Palette = Palette {
        colours: [None; Token::COLOURED.len()],
    };

    /// The theme named `name` in the print style.
    pub fn named(name: &str) -> Option<Palette> {
        match name {
            "print" => Some(Palette::PRINT),
            "none" => Some(Palette::NONE),
            _ => None,
        }
    }

    /// The theme names the print style accepts.
    pub const NAMES: [&'static str; 2] = ["print", "none"];

    /// The colour of `token`; None: the text colour.
    pub fn colour(&self, token: Token) -> Option<Rgb> {
        let index = Token::COLOURED.iter().position(|t| *t == token)?;
        self.colours[index]
    }

    /// Gives `token` its own colour.
    pub fn set(&mut self, token: Token, colour: Rgb) {
        if let Some(index) = Token::COLOURED.iter().position(|t| *t == token) {
            self.colours[index] = Some(colour);
        }
    }

    /// Whether every class is in the text colour (nothing to highlight).
    pub fn is_plain(&self) -> bool {
        self.colours.iter().all(Option::is_none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in style's text colour and code background (styles/print.toml).
    const TEXT: Rgb = hex(0x1a1a1a);
    const BACKGROUND: Rgb = hex(0xf2f1ed);
    /// Lightness steps a reader tells apart in grey print at a glance.
    const DISTINCT_LIGHTNESS: f32 = 8.0;

    /// Relative luminance (WCAG 2), from 0 (black) to 1 (white).
    fn luminance(colour: Rgb) -> f32 {
        let linear = |c: f32| {
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(colour.0) + 0.7152 * linear(colour.1) + 0.0722 * linear(colour.2)
    }

    /// CIE lightness L*, from 0 to 100: how light a colour prints in grey.
    fn lightness(colour: Rgb) -> f32 {
        let y = luminance(colour);
        if y <= 216.0 / 24389.0 {
            y * 24389.0 / 27.0
        } else {
            116.0 * y.cbrt() - 16.0
        }
    }

    fn contrast(a: Rgb, b: Rgb) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn the_main_classes_print_as_distinct_greys() {
        let p = Palette::PRINT;
        let mut greys: Vec<f32> = [Token::Keyword, Token::String, Token::Comment]
            .iter()
            .map(|t| lightness(p.colour(*t).expect("coloured")))
            .chain([lightness(TEXT)])
            .collect();
        greys.sort_by(f32::total_cmp);
        for pair in greys.windows(2) {
            assert!(
                pair[1] - pair[0] >= DISTINCT_LIGHTNESS,
                "greys too close: {greys:?}"
            );
        }
    }

    #[test]
    fn every_colour_reads_on_the_code_background() {
        for token in Token::COLOURED {
            let colour = Palette::PRINT.colour(token).expect("coloured");
            let ratio = contrast(colour, BACKGROUND);
            assert!(ratio >= 4.5, "{token:?}: contrast {ratio}");
        }
    }

    #[test]
    fn none_colours_nothing_and_overrides_apply() {
        assert!(Palette::NONE.is_plain());
        let mut p = Palette::NONE;
        p.set(Token::Comment, TEXT);
        assert_eq!(p.colour(Token::Comment), Some(TEXT));
        assert_eq!(p.colour(Token::Plain), None);
        assert!(!p.is_plain());
        for name in Palette::NAMES {
            assert!(Palette::named(name).is_some());
        }
    }
}
