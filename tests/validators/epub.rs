//! EPUBCheck on the guide, the construct fixture and the hand-made book.

use crate::books::{hand_made_book, real_books, render};
use crate::{Check, check, common};

pub const CHECKS: &[Check] = &[
    check!(
        epubcheck_reports_nothing_on_the_guide_and_the_fixture,
        "epubcheck"
    ),
    check!(epubcheck_reports_nothing_on_the_hand_made_book, "epubcheck"),
];

/// Runs EPUBCheck on the bytes, which must pass without a message; returns its report.
fn epubcheck(name: &str, epub: &[u8]) -> String {
    let dir = common::temp_dir(&format!("epubcheck-{name}"));
    let path = dir.join(format!("{name}.epub"));
    std::fs::write(&path, epub).expect("write epub");
    let out = common::run_tool("epubcheck", [&path]);
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "EPUBCheck failed on {name}:\n{report}"
    );
    assert!(
        report.contains("0 fatals / 0 errors / 0 warnings"),
        "EPUBCheck is not clean on {name}:\n{report}"
    );
    report
}

fn epubcheck_reports_nothing_on_the_guide_and_the_fixture() {
    for (name, book) in real_books() {
        let (epub, _) = render(&book);
        let report = epubcheck(name, &epub);
        eprintln!(
            "{name}: {}",
            report
                .lines()
                .find(|l| l.contains("Messages"))
                .unwrap_or("")
        );
    }
}

fn epubcheck_reports_nothing_on_the_hand_made_book() {
    let (epub, _) = render(&hand_made_book());
    let report = epubcheck("hand-made", &epub);
    assert!(report.contains("0 errors"));
    // Without fonts: no font file and no `@font-face` left pointing at one.
    let mut book = hand_made_book();
    book.epub.embed_fonts = false;
    epubcheck("hand-made-no-fonts", &render(&book).0);
}
