//! What the writer does with a page model a buggy layout could make: odd items skipped or
//! reported without panicking, impossible ones errors.

use super::*;

/// Items a buggy layout could make: empty and zero-size runs, colours out of range, empty and
/// negative boxes, zero-length and infinite rules, an image of no size.
fn odd_items() -> [PageItem; 8] {
    let glyph = |text: &str| Glyph {
        gid: 3,
        offset: f32::NAN,
        text: text.into(),
    };
    [
        PageItem::Text(TextRun {
            mark: Default::default(),
            actual_text: None,
            font: 0,
            size: 10.0,
            x: 10.0,
            y: 10.0,
            color: Rgb::BLACK,
            glyphs: vec![],
            scale: 1.0,
            lang: None,
        }),
        PageItem::Text(TextRun {
            mark: Default::default(),
            actual_text: None,
            font: 0,
            size: 0.0,
            x: 10.0,
            y: 10.0,
            color: Rgb::BLACK,
            glyphs: vec![glyph("a")],
            scale: 1.0,
            lang: None,
        }),
        PageItem::Text(TextRun {
            mark: Default::default(),
            actual_text: None,
            font: 0,
            size: 9.0,
            x: 10.0,
            y: 10.0,
            color: Rgb(2.0, -1.0, f32::NAN),
            glyphs: vec![glyph(""), glyph("")],
            scale: 1.0,
            lang: None,
        }),
        PageItem::FilledRect {
            mark: Default::default(),
            rect: Rect {
                x: 5.0,
                y: 5.0,
                width: 0.0,
                height: 10.0,
            },
            color: Rgb::BLACK,
        },
        PageItem::FilledRect {
            mark: Default::default(),
            rect: Rect {
                x: 50.0,
                y: 50.0,
                width: -10.0,
                height: -10.0,
            },
            color: Rgb::BLACK,
        },
        PageItem::Line {
            mark: Default::default(),
            from: (1.0, 1.0),
            to: (1.0, 1.0),
            width: 1.0,
            color: Rgb::BLACK,
        },
        PageItem::Line {
            mark: Default::default(),
            from: (1.0, 1.0),
            to: (f32::INFINITY, 1.0),
            width: 1.0,
            color: Rgb::BLACK,
        },
        PageItem::Image {
            mark: Default::default(),
            asset: 0,
            rect: Rect {
                x: 0.0,
                y: 0.0,
                width: 0.0,
                height: 0.0,
            },
            alt: String::new(),
        },
    ]
}

#[test]
fn odd_items_are_skipped_or_reported_without_panicking() {
    let mut doc = sample();
    doc.pages[1].items.extend(odd_items());
    doc.pages[1].links.push(LinkArea {
        node: None,
        rect: Rect {
            x: 0.0,
            y: 0.0,
            width: 0.0,
            height: 0.0,
        },
        target: LinkTarget::Uri("x".into()),
    });
    doc.pages[1].links.push(LinkArea {
        node: None,
        rect: Rect {
            x: 0.0,
            y: 0.0,
            width: 9.0,
            height: 9.0,
        },
        target: LinkTarget::Page { page: 99, y: 0.0 },
    });
    doc.pages[1].anchors.push(("appendix".into(), 0.0));
    doc.labels.push(PageLabelRange {
        first_page: 40,
        style: LabelStyle::Decimal,
        start: 0,
    });
    let mut diags = Diagnostics::new();
    let bytes = write_pdf(&doc, &assets(), &mut diags).expect("odd items are not errors");
    assert!(!diags.has_errors());
    // Zero-size text, an infinite rule, a link past the last page, a duplicate anchor, a label
    // range past the end.
    assert_eq!(diags.warning_count(), 5, "{:?}", diags.items());
    assert_eq!(
        Document::load_mem(&bytes)
            .expect("lopdf reads it")
            .get_pages()
            .len(),
        3
    );
}

#[test]
fn layout_bugs_are_errors() {
    let mut doc = sample();
    doc.pages[0].items.push(PageItem::Text(TextRun {
        mark: Default::default(),
        actual_text: None,
        font: 7,
        size: 10.0,
        x: 0.0,
        y: 0.0,
        color: Rgb::BLACK,
        glyphs: vec![Glyph {
            gid: 1,
            offset: 0.0,
            text: "a".into(),
        }],
        scale: 1.0,
        lang: None,
    }));
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());
    assert_eq!(diags.error_count(), 1);

    // A glyph the font does not have.
    let mut doc = sample();
    doc.pages[2].items.push(PageItem::Text(TextRun {
        mark: Default::default(),
        actual_text: None,
        font: 0,
        size: 10.0,
        x: 0.0,
        y: 0.0,
        color: Rgb::BLACK,
        glyphs: vec![Glyph {
            gid: 60000,
            offset: 0.0,
            text: "a".into(),
        }],
        scale: 1.0,
        lang: None,
    }));
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());
    let message = diags.items()[0].to_string();
    assert!(
        message.contains("page 3") && message.contains("LinLibertine_R.otf"),
        "{message}"
    );

    // An image the book does not have, and one that is not an image.
    let mut diags = Diagnostics::new();
    let broken = Asset {
        drawing: None,
        bytes: b"not a png".to_vec(),
        ..png_asset()
    };
    assert!(write_pdf(&sample(), &[broken], &mut diags).is_err());
    assert!(
        diags.items()[0].to_string().contains("images/halves.png"),
        "{:?}",
        diags.items()
    );
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&sample(), &[], &mut diags).is_err());

    let doc = LaidOutDocument {
        page_width: 0.0,
        ..sample()
    };
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());

    // A font that is not a font, used by the runs (an unused one is never read).
    let doc = LaidOutDocument {
        fonts: vec![
            FontFile {
                file_name: "broken.otf",
                bytes: b"OTTO nonsense",
            },
            MONO,
        ],
        ..sample()
    };
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_err());
    assert!(diags.items()[0].message.contains("broken.otf"));
    let mut doc = sample();
    doc.fonts.push(FontFile {
        file_name: "unused.otf",
        bytes: b"OTTO nonsense",
    });
    let mut diags = Diagnostics::new();
    assert!(write_pdf(&doc, &assets(), &mut diags).is_ok());
}
