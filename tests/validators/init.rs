//! EPUBCheck on the book `quire init` creates.

use crate::{Check, check, common};

pub const CHECKS: &[Check] = &[check!(epubcheck_reports_nothing_on_a_new_book, "epubcheck")];

fn epubcheck_reports_nothing_on_a_new_book() {
    let dir = common::temp_dir("init-epubcheck");
    let out = common::quire(&dir, &["init", "new-book", "--lang", "en-GB"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = common::quire(&dir.join("new-book"), &["epub", "-o", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    crate::epub::epubcheck("init", &out.stdout);
}
