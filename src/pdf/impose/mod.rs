//! Booklet imposition: the written PDF's pages two to a sheet side, in saddle-stitch order
//! ([`plan`]), on a sheet twice the page's size, ready to print double-sided flipping on the
//! short edge, fold and staple.
//!
//! It works on the written PDF (its lopdf document), not on the layout: each page becomes a
//! Form XObject of its own content stream and resources, unchanged, and each sheet side draws
//! two of them. Nothing is laid out again, every font and image stays one object that all
//! sheets share, and what the PDF writer adds later (tags, say) reaches the booklet as is.

mod plan;
mod sheets;

pub use plan::sides;
pub use sheets::{Imposed, impose, one_content_stream, rect_array};

use crate::diagnostic::{Diagnostic, Diagnostics, Failed};
use crate::model::{PT_PER_MM, PaperSize, PressStyle, SheetPaper};

/// How far a named sheet may differ from twice the page and still be used, in points: A4 is
/// 1 mm wider than two A5 pages (ISO 216 rounds to whole millimetres), and 2 mm covers that.
const SHEET_TOLERANCE: f32 = 2.0 * PT_PER_MM;

/// The sheet a booklet of `page` pages is printed on, landscape.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub width: f32,
    pub height: f32,
    /// "A4", or "300 x 210 mm" for a size with no name.
    pub name: String,
}

/// The sheet for `page`: the one `[press] sheet` names, which must be twice the page's size
/// (an error at the key otherwise), else the named paper that is, else a custom sheet twice as
/// wide as the page.
pub fn sheet_for(
    page: PaperSize,
    press: &PressStyle,
    diags: &mut Diagnostics,
) -> Result<Sheet, Failed> {
    let fits = |paper: SheetPaper| {
        let size = paper.size();
        (size.height - 2.0 * page.width).abs() <= SHEET_TOLERANCE
            && (size.width - page.height).abs() <= SHEET_TOLERANCE
    };
    let named = |paper: SheetPaper| Sheet {
        width: paper.size().height,
        height: paper.size().width,
        name: paper.name().to_string(),
    };
    let mm = |pt: f32| (pt / PT_PER_MM).round();
    if let Some((paper, at)) = &press.sheet {
        if fits(*paper) {
            return Ok(named(*paper));
        }
        let size = paper.size();
        diags.push(
            Diagnostic::error(
                Some(at.clone()),
                format!(
                    "a booklet of {} x {} mm pages needs a sheet of {} x {} mm; {} is {} x {} mm",
                    mm(page.width),
                    mm(page.height),
                    mm(2.0 * page.width),
                    mm(page.height),
                    paper.name(),
                    mm(size.width),
                    mm(size.height)
                ),
            )
            .with_hint(match SheetPaper::ALL.into_iter().find(|p| fits(*p)) {
                Some(right) => format!("write sheet = \"{}\"", right.name().to_lowercase()),
                None => "leave sheet out: the booklet is then printed on a sheet twice as wide \
                         as the page"
                    .to_string(),
            }),
        );
        return Err(Failed);
    }
    Ok(match SheetPaper::ALL.into_iter().find(|p| fits(*p)) {
        Some(paper) => named(paper),
        None => Sheet {
            width: 2.0 * page.width,
            height: page.height,
            name: format!("{} x {} mm", mm(2.0 * page.width), mm(page.height)),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::model::{Impose, OutputProfile, Paper};

    fn press(sheet: Option<SheetPaper>) -> PressStyle {
        PressStyle {
            impose: Impose::Booklet,
            sheet: sheet.map(|s| (s, Location::new("print.toml", 3, 1))),
            creep: 0.0,
            signature: None,
            bleed: 0.0,
            marks: false,
            profile: OutputProfile {
                name: String::new(),
                condition: String::new(),
                bytes: std::sync::Arc::from(&[][..]),
            },
        }
    }

    fn sheet(paper: Paper, named: Option<SheetPaper>) -> Result<Sheet, Diagnostics> {
        let mut diags = Diagnostics::new();
        let page = paper.size().expect("a named paper");
        sheet_for(page, &press(named), &mut diags).map_err(|_| diags)
    }

    #[test]
    fn pages_go_on_the_named_sheet_twice_their_size() {
        let a4 = sheet(Paper::A5, None).expect("A5 on A4");
        assert_eq!(a4.name, "A4");
        assert!(a4.width > a4.height, "landscape");
        assert_eq!(sheet(Paper::A4, None).expect("A4 on A3").name, "A3");
        assert_eq!(
            sheet(Paper::Letter, None).expect("on Tabloid").name,
            "Tabloid"
        );
        let half_letter = PaperSize {
            width: 396.0,
            height: 612.0,
        };
        let mut diags = Diagnostics::new();
        let letter = sheet_for(half_letter, &press(None), &mut diags).expect("half-letter");
        assert_eq!(letter.name, "Letter");
        let custom = PaperSize {
            width: 150.0 * PT_PER_MM,
            height: 150.0 * PT_PER_MM,
        };
        let mut diags = Diagnostics::new();
        let square = sheet_for(custom, &press(None), &mut diags).expect("custom");
        assert_eq!(square.name, "300 x 150 mm");
        assert!((square.width - 2.0 * custom.width).abs() < 0.01);
    }

    #[test]
    fn a_named_sheet_not_twice_the_page_is_a_located_error() {
        let diags = sheet(Paper::A4, Some(SheetPaper::A4)).expect_err("A4 pages on A4");
        let error = diags.items().first().expect("one error");
        assert_eq!(error.location.as_ref().map(|l| l.line), Some(3));
        assert!(error.message.contains("420 x 297 mm"), "{}", error.message);
        assert!(error.hint.as_deref().unwrap_or("").contains("a3"));
    }
}
