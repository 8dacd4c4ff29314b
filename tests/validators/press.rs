//! veraPDF and qpdf on the press files: the guide's press file and its booklet made ready for
//! the press meet PDF/A-2b (their PDF/X-4 structure is checked by tests/press.rs with lopdf:
//! no open PDF/X validator runs here), and the plain booklet still meets PDF/A-2u as the PDF
//! does.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::{self, beside, build};
use crate::verapdf;
use crate::{Check, check};

pub const CHECKS: &[Check] = &[
    check!(the_press_files_meet_pdf_a_2b, "verapdf"),
    check!(the_booklet_meets_pdf_a_2u, "verapdf"),
    check!(
        qpdf_finds_nothing_wrong_in_the_booklet_and_press_files,
        "qpdf"
    ),
];

/// The press file, the booklet made ready for the press, and the plain booklet, built once.
fn files() -> &'static [PathBuf; 3] {
    static BUILT: OnceLock<[PathBuf; 3]> = OnceLock::new();
    BUILT.get_or_init(|| {
        let press = build("pdf", "book", "validators-press", &["--press"]);
        let both = build(
            "pdf",
            "book",
            "validators-booklet-press",
            &["--press", "--impose", "booklet"],
        );
        let booklet = build(
            "pdf",
            "book",
            "validators-booklet-plain",
            &["--impose", "booklet"],
        );
        [
            beside(&press, "press"),
            beside(&both, "booklet-press"),
            beside(&booklet, "booklet"),
        ]
    })
}

fn the_press_files_meet_pdf_a_2b() {
    for pdf in &files()[..2] {
        let failed = verapdf::validate(pdf, "2b");
        assert!(failed.is_empty(), "{}: {failed:#?}", pdf.display());
    }
}

fn the_booklet_meets_pdf_a_2u() {
    let pdf = &files()[2];
    let failed = verapdf::validate(pdf, "2u");
    assert!(failed.is_empty(), "{}: {failed:#?}", pdf.display());
}

fn qpdf_finds_nothing_wrong_in_the_booklet_and_press_files() {
    for pdf in files() {
        let out = common::run_tool("qpdf", ["--check".as_ref(), pdf.as_os_str()]);
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {report}", pdf.display());
        assert!(!report.contains("WARNING"), "{}: {report}", pdf.display());
    }
}
