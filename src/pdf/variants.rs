//! The files written beside the PDF: the imposed booklet (`<name>-booklet.pdf`), the press
//! file (`<name>-press.pdf`), or both in one, the booklet's sheets made ready for the press
//! (`<name>-booklet-press.pdf`). Each is made from the written PDF's document (see
//! [`impose`](super::impose) and [`press`](super::press)).

use super::impose::{self, Imposed};
use super::press;
use crate::diagnostic::{Diagnostics, Failed};
use crate::model::{PaperSize, PressStyle};
use crate::pdf::page::DocumentInfo;
use crate::pdf::write::WrittenPdf;

/// Which of the files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    pub booklet: bool,
    pub press: bool,
}

impl Variant {
    /// What the file name adds to the PDF's: "booklet", "press" or "booklet-press".
    pub fn suffix(self) -> &'static str {
        match (self.booklet, self.press) {
            (true, true) => "booklet-press",
            (true, false) => "booklet",
            _ => "press",
        }
    }
}

/// A file made beside the PDF.
#[derive(Debug, Clone)]
pub struct VariantOutput {
    pub variant: Variant,
    pub bytes: Vec<u8>,
    /// "5 sheets, 10 sides, A4" for a booklet, "PDF/X-4, FOGRA39" for a press file.
    pub summary: String,
}

/// Make `variant` of the written PDF, whose pages are each `page` in size and whose document
/// info is `info`.
pub fn make(
    written: WrittenPdf,
    variant: Variant,
    page: PaperSize,
    info: &DocumentInfo,
    style: &PressStyle,
    diags: &mut Diagnostics,
) -> Result<VariantOutput, Failed> {
    let WrittenPdf {
        document: mut d,
        mut elements,
    } = written;
    if variant.press {
        // The press file drops the pages' annotations and then every object nothing refers
        // to: the structure elements must be in the document for it to see their references.
        std::mem::take(&mut elements).into_document(&mut d);
    }
    let bleed = if variant.press { style.bleed } else { 0.0 };
    if variant.press {
        crate::timing::phase("press: colours", || {
            press::convert(&mut d, page, bleed, diags)
        })?;
    }
    let mut summary = Vec::new();
    let mut trim = page;
    if variant.booklet {
        let sheet = impose::sheet_for(page, style, diags)?;
        let page_count = d.get_pages().len();
        let sides = impose::sides(page_count, style.signature);
        let Imposed { sheets, sides } = crate::timing::phase("booklet: impose", || {
            impose::impose(&mut d, page, &sheet, &sides, style.creep, bleed, diags)
        })?;
        summary.push(format!(
            "{}, {}, {}",
            count(sheets, "sheet"),
            count(sides, "side"),
            sheet.name
        ));
        trim = PaperSize {
            width: sheet.width,
            height: sheet.height,
        };
        if !variant.press {
            super::write::claim_untagged(&mut d, info);
        }
    }
    if variant.press {
        let boxing = press::Boxing {
            trim,
            bleed,
            marks: style.marks,
            fold: variant.booklet,
        };
        press::box_pages(&mut d, &boxing, diags)?;
        press::claim(&mut d, info, &style.profile, diags)?;
        summary.push(format!(
            "{}, {}",
            press::GTS_PDFX_VERSION,
            style.profile.name
        ));
    }
    let bytes = WrittenPdf {
        document: d,
        elements,
    }
    .serialised();
    Ok(VariantOutput {
        variant,
        bytes,
        summary: summary.join(", "),
    })
}

/// "1 sheet", "5 sheets".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
