//! EPUBCheck on the guide, the construct fixture and the hand-made book.

use crate::books::{hand_made_book, real_books, render};
use crate::{Check, check, common};

pub const CHECKS: &[Check] = &[
    check!(
        epubcheck_reports_nothing_on_the_guide_and_the_fixture,
        "epubcheck"
    ),
    check!(epubcheck_reports_nothing_on_the_hand_made_book, "epubcheck"),
    check!(ace_finds_nothing_critical_serious_or_moderate, "ace"),
];

/// The impacts Ace's findings may not have.
const ACE_FORBIDDEN: [&str; 3] = ["critical", "serious", "moderate"];

/// Runs Ace by DAISY on the bytes; fails on any critical, serious or moderate finding.
pub fn ace(name: &str, epub: &[u8]) {
    let dir = common::temp_dir(&format!("ace-{name}"));
    let path = dir.join(format!("{name}.epub"));
    std::fs::write(&path, epub).expect("write epub");
    let report_dir = dir.join("report");
    let out = common::run_tool(
        "ace",
        [
            &"-s".as_ref(),
            &"-f".as_ref(),
            &"-o".as_ref(),
            &report_dir.as_os_str(),
            &path.as_os_str(),
        ],
    );
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read_to_string(report_dir.join("report.json"))
        .unwrap_or_else(|_| panic!("Ace wrote no report on {name}:\n{log}"));
    // `"earl:impact": "serious"`: each finding's impact, as the report spells it.
    let impacts: Vec<&str> = report
        .split("\"earl:impact\"")
        .skip(1)
        .filter_map(|rest| {
            rest.trim_start()
                .strip_prefix(':')?
                .trim_start()
                .split('"')
                .nth(1)
        })
        .collect();
    let bad: Vec<&&str> = impacts
        .iter()
        .filter(|i| ACE_FORBIDDEN.contains(i))
        .collect();
    assert!(
        bad.is_empty(),
        "Ace on {name}: {} findings {bad:?}; see {}",
        bad.len(),
        report_dir.join("report.html").display()
    );
}

fn ace_finds_nothing_critical_serious_or_moderate() {
    for (name, book) in real_books() {
        ace(name, &render(&book).0);
    }
    // Tables, images in every format, footnotes, code.
    ace("hand-made", &render(&hand_made_book()).0);
}

/// Runs EPUBCheck on the bytes, which must pass without a message; returns its report.
pub fn epubcheck(name: &str, epub: &[u8]) -> String {
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
