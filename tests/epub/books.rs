//! Books for the EPUB tests: the guide and the construct fixture loaded from disk, and a
//! hand-made book with every construct; and rendering one to EPUB bytes.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::PathBuf;

use quire::model::{
    Alignment, Asset, Block, BlockKind, Book, Chapter, ChapterKind, Footnote, Heading, Image,
    ImageFormat, Inline, LinkTarget, List, ListItem, Metadata, Pos, Table,
};
use quire::{Diagnostics, load_book};

use crate::common;

pub fn load(dir: &str) -> Book {
    let mut diags = Diagnostics::new();
    let book = load_book(&common::repo_root().join(dir), &mut diags);
    match book {
        Ok(book) => book,
        Err(_) => panic!("{dir} does not load: {:?}", diags.items()),
    }
}

pub fn render(book: &Book) -> (Vec<u8>, Diagnostics) {
    let mut diags = Diagnostics::new();
    match quire::render_epub(book, &mut diags) {
        Ok(bytes) => (bytes, diags),
        Err(_) => panic!("EPUB render failed: {:?}", diags.items()),
    }
}

pub fn real_books() -> Vec<(&'static str, Book)> {
    vec![
        ("guide", load("book")),
        ("mini", load("tests/fixtures/mini")),
    ]
}

pub fn pos(line: u32) -> Pos {
    Pos { line, column: 1 }
}

pub fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

pub fn block(kind: BlockKind) -> Block {
    Block { kind, pos: pos(1) }
}

/// A paragraph of `inlines` with a space between each (as Markdown source would have).
pub fn para(inlines: Vec<Inline>) -> Block {
    let mut spaced = Vec::new();
    for (i, inline) in inlines.into_iter().enumerate() {
        if i > 0 {
            spaced.push(t(" "));
        }
        spaced.push(inline);
    }
    block(BlockKind::Paragraph(spaced))
}

pub fn heading(level: u8, id: &str, text: &str) -> Block {
    block(BlockKind::Heading(Heading {
        level,
        id: id.into(),
        classes: Vec::new(),
        content: vec![t(text)],
    }))
}

pub fn encode(img: &image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format)
        .expect("encode");
    out
}

pub fn asset(path: &str, w: u32, h: u32, format: ImageFormat) -> Asset {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    }));
    let f = match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Gif => image::ImageFormat::Gif,
        ImageFormat::Webp => image::ImageFormat::WebP,
        ImageFormat::Bmp => image::ImageFormat::Bmp,
        ImageFormat::Svg => panic!("the hand-made books' images are raster images"),
    };
    Asset {
        drawing: None,
        path: path.into(),
        bytes: encode(&img, f),
        format,
        width: w,
        height: h,
    }
}

pub fn chapter(
    kind: ChapterKind,
    slug: &str,
    title: &str,
    number: Option<u32>,
    blocks: Vec<Block>,
) -> Chapter {
    Chapter {
        kind,
        source: PathBuf::from(format!("{slug}.md")),
        file_name: format!("{slug}.md"),
        slug: slug.into(),
        title: vec![t(title)],
        title_id: slug.into(),
        short_title: title.into(),
        number,
        blocks,
        footnotes: Vec::new(),
        pos: pos(1),
        nesting: Default::default(),
    }
}

/// A book with every construct, text that needs escaping, and images in every format.
pub fn hand_made_book() -> Book {
    let tricky = "Fish & <chips> \"quoted\" 'single' \u{1}control";
    let mut one = chapter(
        ChapterKind::Chapter,
        "one",
        "Tags <b> & ampersands",
        Some(1),
        vec![
            para(vec![
                t(tricky),
                Inline::FootnoteRef {
                    label: "n".into(),
                    number: 1,
                    pos: pos(2),
                },
                t(" again"),
                Inline::FootnoteRef {
                    label: "n".into(),
                    number: 1,
                    pos: pos(2),
                },
                Inline::Link {
                    target: LinkTarget::Internal {
                        chapter: 1,
                        anchor: Some("deep".into()),
                    },
                    title: "to \"two\"".into(),
                    content: vec![t("see two")],
                    pos: pos(3),
                },
                Inline::Link {
                    target: LinkTarget::Internal {
                        chapter: 1,
                        anchor: Some("no-such-anchor".into()),
                    },
                    title: String::new(),
                    content: vec![t("fallback link")],
                    pos: pos(3),
                },
                Inline::Link {
                    target: LinkTarget::External("https://example.org/?a=1&b=<2>".into()),
                    title: String::new(),
                    content: vec![t("web")],
                    pos: pos(3),
                },
                Inline::RawHtml("<span class=\"x\">raw</span>".into()),
                Inline::Image(Image {
                    label: None,
                    asset: Some(3),
                    src: "images/icon.gif".into(),
                    alt: "a small icon".into(),
                    title: String::new(),
                    pos: pos(4),
                }),
            ]),
            heading(2, "sec", "Section & more"),
            heading(3, "sub", "Subsection"),
            block(BlockKind::List(List {
                start: Some(3),
                tight: true,
                items: vec![
                    ListItem {
                        task: None,
                        blocks: vec![
                            para(vec![t("third")]),
                            block(BlockKind::List(List {
                                start: None,
                                tight: true,
                                items: vec![ListItem {
                                    task: Some(true),
                                    blocks: vec![para(vec![t("nested done")])],
                                    pos: pos(6),
                                }],
                            })),
                        ],
                        pos: pos(5),
                    },
                    ListItem {
                        task: Some(false),
                        blocks: vec![para(vec![t("open task")])],
                        pos: pos(7),
                    },
                ],
            })),
            block(BlockKind::Table(Table {
                alignments: vec![Alignment::Left, Alignment::Right],
                header: vec![vec![t("Name")], vec![t("Cost <$>")]],
                rows: vec![vec![vec![t("Lab & test")], vec![t("12")]]],
            })),
            block(BlockKind::Figure(Image {
                label: None,
                asset: Some(0),
                src: "images/photo.bmp".into(),
                alt: "a bitmap photo".into(),
                title: "A caption with <angle> brackets".into(),
                pos: pos(9),
            })),
            block(BlockKind::Figure(Image {
                label: None,
                asset: None,
                src: "images/missing.png".into(),
                alt: "missing picture".into(),
                title: String::new(),
                pos: pos(10),
            })),
            block(BlockKind::CodeBlock {
                language: Some("c++ <weird>".into()),
                code: "if (a < b && c > d) { return \"x\"; }\n".into(),
            }),
            block(BlockKind::RawHtml("<div>block raw</div>\n".into())),
            block(BlockKind::ThematicBreak),
            block(BlockKind::BlockQuote {
                callout: Some(quire::model::Callout::Warning),
                blocks: vec![para(vec![t("careful now")])],
            }),
            block(BlockKind::DefinitionList(vec![quire::model::Definition {
                term: vec![t("Term")],
                details: vec![vec![para(vec![t("its meaning")])]],
                pos: pos(12),
            }])),
        ],
    );
    one.footnotes.push(Footnote {
        label: "n".into(),
        number: 1,
        id: "fn-1".into(),
        ref_id: "fnref-1".into(),
        blocks: vec![para(vec![t("A note & its text.")])],
        pos: pos(20),
    });
    let two = chapter(
        ChapterKind::Appendix,
        "two",
        "Appendix title",
        Some(1),
        vec![
            heading(2, "deep", "Deep target"),
            para(vec![
                Inline::Image(Image {
                    label: None,
                    asset: Some(1),
                    src: "images/p.jpg".into(),
                    alt: "jpeg".into(),
                    title: String::new(),
                    pos: pos(2),
                }),
                Inline::Image(Image {
                    label: None,
                    asset: Some(2),
                    src: "images/w.webp".into(),
                    alt: "webp".into(),
                    title: String::new(),
                    pos: pos(2),
                }),
                Inline::Link {
                    target: LinkTarget::Internal {
                        chapter: 0,
                        anchor: None,
                    },
                    title: String::new(),
                    content: vec![t("back to one")],
                    pos: pos(3),
                },
            ]),
        ],
    );
    // A slug that collides with a file quire writes itself.
    let nav = chapter(
        ChapterKind::Back,
        "nav",
        "Resources",
        None,
        vec![para(vec![t("list")])],
    );
    Book {
        meta: Metadata {
            title: "A <Hand> & Made Book".into(),
            subtitle: Some("With \"quotes\"".into()),
            authors: vec!["Ann O'Author".into(), "Bea & Co".into()],
            publisher: Some("Press <&>".into()),
            language: "en-GB".into(),
            identifier: "urn:isbn:9780000000002".into(),
            description: Some("Describes <things> & more".into()),
            rights: Some("CC0".into()),
            date: Some("2024-05-06".into()),
            keywords: vec!["a & b".into()],
            subject: None,
            files_modified: None,
        },
        root: PathBuf::from("/nonexistent/hand-made"),
        chapters: vec![one, two, nav],
        cover: None,
        images: vec![
            asset("images/photo.bmp", 40, 30, ImageFormat::Bmp),
            asset("images/p.jpg", 20, 20, ImageFormat::Jpeg),
            asset("images/w.webp", 20, 20, ImageFormat::Webp),
            asset("images/icon.gif", 8, 8, ImageFormat::Gif),
        ],
        styles: quire::built_in_styles(),
        epub: quire::model::EpubOptions::default(),
        strings: Default::default(),
    }
}
