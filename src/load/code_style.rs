//! `[code]` of the print style: the colours of highlighted code, a named theme and any class's
//! own colour over it, each value checked (an error names its file, line and column). Without
//! the table the theme is `print`: the built-in style file leaves it out, so that its text, which
//! a PDF's identifier is made from, is the same for books that have no code.

use toml::Spanned;

use super::print_style::parse_color;
use super::print_toml::{CodeToml, Layers};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::highlight::{Palette, Token};

/// The code colours `layers` set; `None` when a value is wrong (each problem is in `diags`).
pub fn resolve(layers: &Layers<'_>, diags: &mut Diagnostics) -> Option<Palette> {
    let errors_before = diags.error_count();
    let mut palette = Palette::PRINT;
    if let Some(theme) = layers.get(|t| &t.code.theme) {
        match Palette::named(&theme.value) {
            Some(named) => palette = named,
            None => diags.push(
                Diagnostic::error(
                    Some(theme.at),
                    format!("unknown code theme '{}'", theme.value),
                )
                .with_hint(format!(
                    "expected one of: {}",
                    Palette::NAMES.map(|n| format!("\"{n}\"")).join(", ")
                )),
            ),
        }
    }
    for token in Token::COLOURED {
        let Some(setting) = layers.get(|t| colour_key(&t.code, token)) else {
            continue;
        };
        match parse_color(&setting.value) {
            Some(colour) => palette.set(token, colour),
            None => diags.push(
                Diagnostic::error(
                    Some(setting.at),
                    format!("'{}' is not a colour", setting.value),
                )
                .with_hint("write colours as \"#rrggbb\", e.g. \"#1f3f8f\""),
            ),
        }
    }
    (diags.error_count() == errors_before).then_some(palette)
}

/// The key of `[code]` that sets `token`'s colour.
fn colour_key(code: &CodeToml, token: Token) -> &Option<Spanned<String>> {
    match token {
        Token::Comment => &code.comment,
        Token::Keyword => &code.keyword,
        Token::String => &code.string,
        Token::Number => &code.number,
        Token::Constant => &code.constant,
        Token::Function => &code.function,
        Token::Type => &code.type_,
        Token::Tag => &code.tag,
        Token::Attribute => &code.attribute,
        Token::Plain => &NO_KEY,
    }
}

/// Plain text has no key: it is in the text colour, `[colors] text`.
static NO_KEY: Option<Spanned<String>> = None;
