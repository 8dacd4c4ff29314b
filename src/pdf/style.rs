//! The print style the PDF is set in: the book's, checked at load time, on the paper `--paper`
//! asks for (the style's variant designed for that paper).

use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{Paper, Styles};

pub use crate::model::PrintStyle;

/// The book's print style on `paper` (its own paper when `None` or `Custom`). A text block the
/// other paper leaves too small is reported against the style file.
pub fn on_paper(
    styles: &Styles,
    paper: Option<Paper>,
    diags: &mut Diagnostics,
) -> Result<PrintStyle, Failed> {
    let Some(size) = paper.and_then(Paper::size) else {
        return Ok(styles.print.clone());
    };
    // The style as designed for that paper, when it fits it.
    if let Some((_, designed)) = styles.papers.iter().find(|(p, _)| Some(*p) == paper) {
        return Ok(designed.clone());
    }
    let mut style = styles.print.clone();
    style.page_width = size.width;
    style.page_height = size.height;
    match style.text_block_problem(styles.print_source.shown_path()) {
        Some(problem) => {
            diags.push(problem);
            Err(Failed)
        }
        None => Ok(style),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::built_in_styles;

    #[test]
    fn the_paper_option_overrides_the_style() {
        let styles = built_in_styles();
        let mut diags = Diagnostics::new();
        let letter = on_paper(&styles, Some(Paper::Letter), &mut diags).expect("fits");
        assert_eq!((letter.page_width, letter.page_height), (612.0, 792.0));
        for own in [None, Some(Paper::Custom)] {
            let style = on_paper(&styles, own, &mut diags).expect("fits");
            assert_eq!(style, styles.print, "{own:?}");
        }
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_paper_too_small_for_the_margins_is_an_error_of_the_style_file() {
        let mut styles = built_in_styles();
        // The style as it is on other papers, without variants designed for them.
        styles.papers.clear();
        let a4 = Paper::A4.size().expect("a named paper");
        styles.print.page_width = a4.width;
        styles.print.page_height = a4.height;
        // Margins that leave a measure of 275 pt on A4 but under 100 pt on A5.
        styles.print.margin_inner = 160.0;
        styles.print.margin_outer = 160.0;
        let mut diags = Diagnostics::new();
        assert!(on_paper(&styles, Some(Paper::A4), &mut diags).is_ok());
        assert!(on_paper(&styles, Some(Paper::A5), &mut diags).is_err());
        let d = &diags.items()[0];
        assert!(
            d.to_string()
                .starts_with("<built-in styles/print.toml>: error: the margins leave"),
            "{d}"
        );
    }
}
