//! poppler on the guide's booklet: each half of each sheet side, cropped with pdftotext, reads
//! as the page the saddle-stitch order puts there (its folio and every other line), blanks stand
//! only where the padding goes, and pdffonts lists each font once: the pages share them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{self, beside, build};
use crate::read::{parse, squash};
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(each_half_of_each_side_reads_as_its_page, "pdftotext"),
    check!(each_font_is_embedded_once, "pdffonts"),
];

/// The guide and its booklet, built once.
fn booklet() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let plain = build(
            "pdf",
            "book",
            "validators-booklet",
            &["--impose", "booklet"],
        );
        let booklet = beside(&plain, "booklet");
        (plain, booklet)
    })
}

/// The text of page `page` (1-based) of `pdf`, or of the crop `[x, y, w, h]` of it (in points,
/// from the top left, at pdftotext's 72 dpi).
fn text(pdf: &Path, page: usize, crop: Option<[f32; 4]>) -> String {
    let number = page.to_string();
    let mut args: Vec<String> = vec!["-f".into(), number.clone(), "-l".into(), number];
    if let Some(crop) = crop {
        for (flag, value) in ["-x", "-y", "-W", "-H"].iter().zip(crop) {
            args.extend([flag.to_string(), format!("{}", value.round() as i64)]);
        }
    }
    args.extend([pdf.to_string_lossy().into_owned(), "-".into()]);
    let out = common::run_tool("pdftotext", &args);
    assert!(out.status.success());
    squash(&String::from_utf8_lossy(&out.stdout))
}

fn each_half_of_each_side_reads_as_its_page() {
    let (plain, booklet) = booklet();
    let doc = parse(&std::fs::read(booklet).unwrap());
    let page_count = parse(&std::fs::read(plain).unwrap()).get_pages().len();
    let sides = doc.get_pages().len();
    assert_eq!(sides, page_count.div_ceil(4) * 2);
    let (width, height) = (842.0, 595.0);
    for id in doc.get_pages().values() {
        let media = crate::read::media_box(&doc, *id);
        assert!(
            (media[2] - width).abs() < 1.0 && (media[3] - height).abs() < 1.0,
            "A4 landscape"
        );
    }
    // Saddle order of the padded count, blanks (None) before the last page.
    let padded = sides * 2;
    let slot = |p: usize| match p {
        p if p == padded => Some(page_count),
        p if p >= page_count => None,
        p => Some(p),
    };
    for side in 0..sides {
        let (k, back) = (side / 2, side % 2 == 1);
        let (left, right) = if back {
            (2 * k + 2, padded - 1 - 2 * k)
        } else {
            (padded - 2 * k, 2 * k + 1)
        };
        for (page, x) in [(left, 0.0), (right, width / 2.0)] {
            let read = text(booklet, side + 1, Some([x, 0.0, width / 2.0, height]));
            match slot(page) {
                Some(page) => {
                    let expected = text(plain, page, None);
                    assert_eq!(read, expected, "side {} holds page {page}", side + 1);
                }
                None => assert_eq!(
                    read,
                    "",
                    "side {}: a blank stands for page {page}",
                    side + 1
                ),
            }
        }
    }
}

fn each_font_is_embedded_once() {
    let (plain, booklet) = booklet();
    let fonts = |pdf: &Path| -> Vec<String> {
        let listing = common::tool_stdout("pdffonts", [pdf]);
        listing
            .lines()
            .skip(2)
            .map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                assert!(cols.contains(&"yes"), "embedded: {l}");
                cols[0].to_string()
            })
            .collect()
    };
    let in_booklet = fonts(booklet);
    let mut unique = in_booklet.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), in_booklet.len(), "{in_booklet:?}");
    let mut in_plain = fonts(plain);
    in_plain.sort();
    assert_eq!(unique, in_plain);
}
