//! Loading a book: `book.toml` (or a single Markdown file), every chapter, its images, its
//! styles; then links are resolved across chapters and footnotes numbered. All problems found
//! are reported together; the book is returned only when none of them is an error.

mod code_style;
mod figures;
mod files;
mod footnotes;
mod hidden_lines;
mod images;
mod includes;
mod links;
mod mdbook;
mod paper_rule;
mod press_style;
mod print_style;
mod print_toml;
mod single_file;
mod style_fonts;
mod styles;
mod system_fonts;

use std::path::{Path, PathBuf};

use crate::config::{self, BookToml, TomlSource};
use crate::diagnostic::{Diagnostic, Diagnostics, Failed, Location};
use crate::markdown::{self, Document};
use crate::model::{
    Block, BlockKind, Book, Chapter, ChapterKind, EpubOptions, Heading, Inline, Metadata, Pos,
    Styles, plain_text,
};
use crate::slug::{UniqueIds, slugify};

pub use files::{BookFiles, book_folder, readable_roots};
use hidden_lines::HiddenLines;
use links::BrokenLinks;
pub use styles::{DEFAULT_EPUB_CSS, DEFAULT_PRINT_STYLE, built_in_styles};

/// How a book is loaded, beyond what its files say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// A link to a chapter or anchor that does not exist is a warning (the link set as its
    /// text), not an error: `--allow-broken-links`.
    pub allow_broken_links: bool,
}

impl LoadOptions {
    fn broken_links(&self, setting: Option<config::BrokenLinksSetting>) -> BrokenLinks {
        if self.allow_broken_links || setting == Some(config::BrokenLinksSetting::Warn) {
            BrokenLinks::Warn
        } else {
            BrokenLinks::Error
        }
    }
}

/// Load the book at `path`: a folder holding `book.toml`, or a single Markdown file.
pub fn load_book(
    path: &Path,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Result<Book, Failed> {
    let book = if path.is_dir() {
        load_folder(path, options, diags)
    } else if path.is_file() && !is_markdown(path) {
        diags.push(not_markdown(path));
        None
    } else if path.is_file() {
        single_file::load_single_file(path, options.broken_links(None), diags)
    } else {
        diags.push(
            Diagnostic::error(
                Some(Location::file(path)),
                format!("no book at '{}'", path.display()),
            )
            .with_hint("give a folder holding book.toml, or a Markdown file"),
        );
        None
    };
    match book {
        Some(book) if !diags.has_errors() => Ok(book),
        _ => Err(Failed),
    }
}

/// The file extensions a single-file book may have.
const MARKDOWN_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdown"];

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The refusal of a file given as a book that is not Markdown (book.toml itself, a .txt...).
fn not_markdown(path: &Path) -> Diagnostic {
    let hint = if path.file_name().is_some_and(|n| n == "book.toml") {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        format!("give the folder that holds it: {}", folder.display())
    } else {
        "give a Markdown file (.md, .markdown) or a folder holding book.toml".to_string()
    };
    Diagnostic::error(
        Some(Location::file(path)),
        format!("'{}' is not a Markdown file", path.display()),
    )
    .with_hint(hint)
}

fn load_folder(root: &Path, options: &LoadOptions, diags: &mut Diagnostics) -> Option<Book> {
    let files = BookFiles::new(root, diags)?;
    let manifest_path = root.join("book.toml");
    if !manifest_path.is_file() {
        diags.push(
            Diagnostic::error(Some(Location::file(&manifest_path)), "book.toml not found")
                .with_hint(format!(
                    "a book folder needs a book.toml; looked in {}",
                    root.display()
                )),
        );
        return None;
    }
    let manifest_text = files.read_text(&manifest_path, diags)?;
    let manifest = Manifest {
        path: &manifest_path,
        text: &manifest_text,
    };
    if config::is_mdbook(root, &manifest_text) {
        return mdbook::load_mdbook(root, &files, &manifest, options, diags);
    }
    let config = config::read_book_toml(&manifest_path, &manifest_text, diags)?;
    let source = TomlSource::new(&manifest_path, &manifest_text);
    let hidden = HiddenLines::default();
    let mut chapters = Vec::new();
    for entry in &config.chapters {
        let file = ChapterFile {
            written: entry.file.get_ref(),
            at: source.location(entry.file.span()),
            kind: entry.kind.into(),
            running_title: entry.running_title.clone(),
            hidden: &hidden,
        };
        if let Some(chapter) = load_chapter(&files, &file, diags) {
            chapters.push(chapter);
        }
    }
    finish_folder(root, &files, &manifest, &config, chapters, options, diags)
}

/// A book's manifest, `book.toml`: its path and text.
struct Manifest<'a> {
    path: &'a Path,
    text: &'a str,
}

/// The rest of a folder's book once its chapters are read: styles, cover, metadata, and the
/// book finished.
fn finish_folder(
    root: &Path,
    files: &BookFiles,
    manifest: &Manifest<'_>,
    config: &BookToml,
    chapters: Vec<Chapter>,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Book> {
    let source = TomlSource::new(manifest.path, manifest.text);
    // A book whose styles are wrong is not returned; the built-in ones stand in meanwhile, so
    // that the rest of it is still checked.
    let styles = styles::load_styles(files, &source, config, diags).unwrap_or_else(built_in_styles);
    let cover = config.book.cover.as_ref().and_then(|cover| {
        let location = source.location(cover.span());
        let asset = images::load_image(files, cover.get_ref(), location.clone(), None, diags)?;
        if asset.width < MIN_COVER_WIDTH {
            diags.push(
                Diagnostic::warning(
                    Some(location),
                    format!(
                        "the cover image is {} px wide; stores ask for at least {MIN_COVER_WIDTH}",
                        asset.width
                    ),
                )
                .with_hint(
                    "use a cover of 1563 x 2500 px (1:1.6), or leave `cover` out to have one drawn",
                ),
            );
        }
        Some(asset)
    });
    let meta = metadata_from(config);
    let epub = epub_options(config, &source, diags);
    let parts = BookParts {
        meta,
        chapters,
        cover,
        styles,
        links: options.broken_links(config.build.broken_links),
    };
    let mut book = finish_book(root, files, parts, diags)?;
    book.epub = epub;
    book.strings
        .apply_overrides(&config.strings, &source, diags);
    if config.figures.numbered == Some(true) {
        figures::number(&mut book);
    }
    Some(book)
}

/// The narrowest cover stores accept without complaint (Kindle Direct Publishing asks for at
/// least 1,000 px and recommends 1,600; Apple Books asks for 1,400).
pub(crate) const MIN_COVER_WIDTH: u32 = 1400;

fn epub_options(
    config: &BookToml,
    source: &TomlSource<'_>,
    diags: &mut Diagnostics,
) -> EpubOptions {
    let e = &config.epub;
    let defaults = EpubOptions::default();
    let modified = e.modified.as_ref().and_then(|date| {
        if let Some(seconds) = crate::date::timestamp_of(date.get_ref()) {
            return Some(seconds);
        }
        diags.push(
            source
                .error(
                    date.span(),
                    format!("`modified` is not a date: '{}'", date.get_ref()),
                )
                .with_hint("write it as YYYY-MM-DD, e.g. modified = \"2025-03-01\""),
        );
        None
    });
    if e.author_sort_as.len() > config.book.authors.len() {
        diags.warning(
            Some(source.location(0..0)),
            "[epub] author-sort-as names more authors than [book] authors; the rest are unused",
        );
    }
    EpubOptions {
        embed_fonts: e.embed_fonts.unwrap_or(defaults.embed_fonts),
        modified,
        author_sort_as: e.author_sort_as.clone(),
        page_list: e.page_list,
    }
}

fn metadata_from(config: &BookToml) -> Metadata {
    let b = &config.book;
    Metadata {
        title: b.title.trim().to_string(),
        subtitle: b.subtitle.clone(),
        authors: b.authors.clone(),
        publisher: b.publisher.clone(),
        language: b.language.get_ref().clone(),
        identifier: b.identifier.clone(),
        description: b.description.clone(),
        rights: b.rights.clone(),
        date: b.date.as_ref().map(|d| d.get_ref().clone()),
        keywords: b.keywords.clone(),
        subject: b.subject.clone(),
        files_modified: None,
    }
}

/// A chapter file as the manifest names it.
struct ChapterFile<'a> {
    /// The path as written, relative to the book's folder.
    written: &'a str,
    /// Where the manifest names it.
    at: Location,
    kind: ChapterKind,
    running_title: Option<String>,
    /// Which code lines are hidden.
    hidden: &'a HiddenLines,
}

/// Read one chapter's file and lower it.
fn load_chapter(
    files: &BookFiles,
    file: &ChapterFile<'_>,
    diags: &mut Diagnostics,
) -> Option<Chapter> {
    let (path, document) = read_chapter_file(files, file, diags)?;
    let file_name = file.written.trim_start_matches("./").to_string();
    Some(chapter_from_document(
        document,
        path,
        file_name,
        file.kind,
        file.running_title.clone(),
        diags,
    ))
}

/// A chapter's file, found, read and lowered.
fn read_chapter_file(
    files: &BookFiles,
    file: &ChapterFile<'_>,
    diags: &mut Diagnostics,
) -> Option<(PathBuf, Document)> {
    let at = file.at.clone();
    let path = files.resolve(file.written, at.clone(), "chapter file", diags)?;
    if !path.is_file() {
        diags.push(
            Diagnostic::error(
                Some(at),
                format!("chapter file '{}' not found", file.written),
            )
            .with_hint(format!("looked for {}", path.display())),
        );
        return None;
    }
    let text = files.read_text(&path, diags)?;
    let source = includes::Source {
        path: &path,
        name: &links::file_path("", file.written),
    };
    let expanded = includes::expand(files, &source, text, diags);
    let mut document = lower_expanded(&path, &expanded, diags);
    file.hidden.hide(&mut document);
    Some((path, document))
}

/// Lower a file's expanded text, its positions and diagnostics those of the file as written.
fn lower_expanded(path: &Path, expanded: &includes::Expanded, diags: &mut Diagnostics) -> Document {
    let Some(lines) = &expanded.lines else {
        return markdown::lower(path, &expanded.text, diags);
    };
    let mut found = Diagnostics::new();
    let mut document = markdown::lower(path, &expanded.text, &mut found);
    lines.remap_document(&mut document);
    lines.remap_diagnostics(path, found, diags);
    document
}

/// A chapter from a lowered file: its first level-1 heading is the title; any later one is set
/// as a section (and reported).
fn chapter_from_document(
    document: Document,
    source: PathBuf,
    file_name: String,
    kind: ChapterKind,
    running_title: Option<String>,
    diags: &mut Diagnostics,
) -> Chapter {
    let mut title: Option<(Heading, Pos)> = None;
    let mut blocks = Vec::with_capacity(document.blocks.len());
    for block in document.blocks {
        match block.kind {
            BlockKind::Heading(h) if h.level == 1 && title.is_none() => {
                title = Some((h, block.pos))
            }
            BlockKind::Heading(mut h) if h.level == 1 => {
                diags.push(
                    Diagnostic::warning(
                        Some(Location::new(&source, block.pos.line, block.pos.column)),
                        format!(
                            "a second level-1 heading '{}' in one chapter file is set as a section",
                            h.text()
                        ),
                    )
                    .with_hint("give each chapter its own file, or use ## for sections"),
                );
                h.level = 2;
                blocks.push(Block {
                    kind: BlockKind::Heading(h),
                    pos: block.pos,
                });
            }
            kind => blocks.push(Block {
                kind,
                pos: block.pos,
            }),
        }
    }
    let (title, title_id, pos) = match title {
        Some((heading, pos)) => (heading.content, heading.id, pos),
        None => {
            let stem = Path::new(&file_name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "chapter".into());
            let fallback = running_title.clone().unwrap_or(stem);
            diags.push(
                Diagnostic::warning(
                    Some(Location::new(&source, 1, 1)),
                    format!("the chapter has no level-1 heading; titled '{fallback}'"),
                )
                .with_hint("start the file with `# Title`"),
            );
            (
                vec![Inline::Text(fallback.clone())],
                slugify(&fallback),
                Pos { line: 1, column: 1 },
            )
        }
    };
    let short_title = running_title.unwrap_or_else(|| short_title_of(&plain_text(&title)));
    let mut chapter = Chapter {
        kind,
        source,
        file_name,
        slug: String::new(),
        title,
        title_id,
        short_title,
        number: None,
        blocks,
        footnotes: Vec::new(),
        pos,
        nesting: Default::default(),
    };
    footnotes::number_footnotes(&mut chapter, document.footnotes, diags);
    chapter
}

/// "Introduction: Exploring the Path" -> "Introduction".
fn short_title_of(title: &str) -> String {
    match title.split_once(':') {
        Some((head, _)) if !head.trim().is_empty() => head.trim().to_string(),
        _ => title.trim().to_string(),
    }
}

/// What a book is made of once its files are read, before it is finished.
struct BookParts {
    meta: Metadata,
    chapters: Vec<Chapter>,
    cover: Option<crate::model::Asset>,
    styles: Styles,
    links: BrokenLinks,
}

/// Number chapters, give them unique slugs, load images, resolve links.
fn finish_book(
    root: &Path,
    files: &BookFiles,
    parts: BookParts,
    diags: &mut Diagnostics,
) -> Option<Book> {
    let BookParts {
        meta,
        mut chapters,
        cover,
        styles,
        links: broken_links,
    } = parts;
    let meta_language = meta.language.clone();
    for chapter in &mut chapters {
        localise(chapter, &meta_language);
    }
    let (mut chapter_no, mut appendix_no) = (0, 0);
    let mut slugs = UniqueIds::new();
    for name in ["nav", "cover", "title-page", "toc"] {
        slugs.reserve(name);
    }
    for chapter in &mut chapters {
        chapter.number = match chapter.kind {
            // SUMMARY.md's numbers stand (a draft left out keeps its number, as in mdBook);
            // a nested chapter is numbered by its nesting (2.1).
            ChapterKind::Chapter if !chapter.nesting.numbers.is_empty() => {
                let top = chapter.nesting.numbers[0];
                (chapter.depth() == 0).then_some(top)
            }
            ChapterKind::Chapter => {
                chapter_no += 1;
                Some(chapter_no)
            }
            ChapterKind::Appendix => {
                appendix_no += 1;
                Some(appendix_no)
            }
            _ => None,
        };
        chapter.slug = slugs.unique(&slugify(&chapter.short_title));
    }
    let mut book = Book {
        meta,
        root: root.to_path_buf(),
        chapters,
        cover,
        images: Vec::new(),
        styles,
        epub: EpubOptions::default(),
        strings: crate::strings::Strings::for_language(&meta_language),
    };
    images::load_chapter_images(&mut book, files, diags);
    book.meta.files_modified = files.newest_mtime();
    links::resolve(&mut book, broken_links, diags);
    system_fonts::add_system_fallbacks(&mut book, diags);
    Some(book)
}

/// A chapter's quotation marks and punctuation spaces as its language sets them (see
/// `markdown::punctuation`): its title, blocks and notes.
fn localise(chapter: &mut Chapter, language: &str) {
    use crate::markdown::punctuation::{localise_blocks, localise_inlines};
    localise_inlines(&mut chapter.title, language);
    localise_blocks(&mut chapter.blocks, language);
    for note in &mut chapter.footnotes {
        localise_blocks(&mut note.blocks, language);
    }
}
