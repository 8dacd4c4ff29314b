//! Loading a book: `book.toml` (or a single Markdown file), every chapter, its images, its
//! styles; then links are resolved across chapters and footnotes numbered. All problems found
//! are reported together; the book is returned only when none of them is an error.

mod files;
mod images;
mod links;
mod print_style;
mod print_toml;
mod style_fonts;
mod styles;

use std::path::{Path, PathBuf};

use crate::config::{self, BookToml, ChapterEntry, TomlSource};
use crate::diagnostic::{Diagnostic, Diagnostics, Failed, Location};
use crate::markdown::{self, Document};
use crate::model::{
    Block, BlockKind, Book, Chapter, ChapterKind, EpubOptions, Footnote, Heading, Inline, Metadata,
    Pos, Styles, plain_text, walk,
};
use crate::slug::{UniqueIds, slugify};

pub use files::{BookFiles, book_folder, readable_roots};
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
        load_single_file(path, options.broken_links(None), diags)
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
    let config = config::read_book_toml(&manifest_path, &manifest_text, diags)?;
    let source = TomlSource::new(&manifest_path, &manifest_text);

    let mut chapters = Vec::new();
    for entry in &config.chapters {
        if let Some(chapter) = load_chapter(&files, &source, entry, diags) {
            chapters.push(chapter);
        }
    }
    // A book whose styles are wrong is not returned; the built-in ones stand in meanwhile, so
    // that the rest of it is still checked.
    let styles =
        styles::load_styles(&files, &source, &config, diags).unwrap_or_else(built_in_styles);
    let cover = config.book.cover.as_ref().and_then(|cover| {
        let location = source.location(cover.span());
        let asset = images::load_image(&files, cover.get_ref(), location.clone(), diags)?;
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
    let meta = metadata_from(&config);
    let epub = epub_options(&config, &source, diags);
    let parts = BookParts {
        meta,
        chapters,
        cover,
        styles,
        links: options.broken_links(config.build.broken_links),
    };
    let mut book = finish_book(root, &files, parts, diags)?;
    book.epub = epub;
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

/// Read one `[[chapters]]` entry's file and lower it.
fn load_chapter(
    files: &BookFiles,
    manifest: &TomlSource<'_>,
    entry: &ChapterEntry,
    diags: &mut Diagnostics,
) -> Option<Chapter> {
    let at = manifest.location(entry.file.span());
    let path = files.resolve(entry.file.get_ref(), at.clone(), "chapter file", diags)?;
    if !path.is_file() {
        diags.push(
            Diagnostic::error(
                Some(at),
                format!("chapter file '{}' not found", entry.file.get_ref()),
            )
            .with_hint(format!("looked for {}", path.display())),
        );
        return None;
    }
    let text = files.read_text(&path, diags)?;
    let document = markdown::lower(&path, &text, diags);
    let file_name = entry.file.get_ref().trim_start_matches("./").to_string();
    Some(chapter_from_document(
        document,
        path,
        file_name,
        entry.kind.into(),
        entry.running_title.clone(),
        diags,
    ))
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
    };
    number_footnotes(&mut chapter, document.footnotes, diags);
    chapter
}

/// "Introduction: Exploring the Path" -> "Introduction".
fn short_title_of(title: &str) -> String {
    match title.split_once(':') {
        Some((head, _)) if !head.trim().is_empty() => head.trim().to_string(),
        _ => title.trim().to_string(),
    }
}

/// Number the footnotes a chapter references, in order of first reference (a reference inside
/// a footnote numbers its note after the ones before it), and keep the definitions nobody
/// references (reported) after them, so that no text is lost.
fn number_footnotes(
    chapter: &mut Chapter,
    definitions: Vec<(String, Vec<Block>, Pos)>,
    diags: &mut Diagnostics,
) {
    let known: Vec<String> = definitions.iter().map(|(l, _, _)| l.clone()).collect();
    let mut numbering = FootnoteNumbering {
        known,
        order: Vec::new(),
        unknown: Vec::new(),
    };
    numbering.number(&mut chapter.blocks);
    let mut pending: Vec<Option<(String, Vec<Block>, Pos)>> =
        definitions.into_iter().map(Some).collect();
    let mut footnotes: Vec<Footnote> = Vec::new();
    loop {
        let next = numbering.order.get(footnotes.len()).cloned();
        let taken = match &next {
            Some(label) => pending
                .iter_mut()
                .find(|d| d.as_ref().is_some_and(|(l, _, _)| l == label))
                .and_then(Option::take),
            None => {
                let Some((label, blocks, pos)) = pending.iter_mut().find_map(Option::take) else {
                    break;
                };
                diags.warning(
                    Some(chapter.location(pos)),
                    format!("footnote [^{label}] is never referenced; it is set after the others"),
                );
                numbering.order.push(label.clone());
                Some((label, blocks, pos))
            }
        };
        let Some((label, mut blocks, pos)) = taken else {
            // A label referenced but not defined: reported below; its number stays unused.
            numbering.order.remove(footnotes.len());
            continue;
        };
        numbering.number(&mut blocks);
        let number = footnotes.len() as u32 + 1;
        footnotes.push(Footnote::numbered(label, number, blocks, pos));
    }
    for (label, pos) in numbering.unknown {
        diags.error(
            Some(chapter.location(pos)),
            format!("footnote [^{label}] is not defined in this file"),
        );
    }
    chapter.footnotes = footnotes;
}

/// Footnote numbers handed out in order of first reference.
struct FootnoteNumbering {
    /// The labels defined in the file.
    known: Vec<String>,
    /// The labels numbered so far: number n is `order[n - 1]`.
    order: Vec<String>,
    /// References to labels never defined, where they are.
    unknown: Vec<(String, Pos)>,
}

impl FootnoteNumbering {
    /// Number every footnote reference in `blocks`.
    fn number(&mut self, blocks: &mut [Block]) {
        walk::for_each_inline_mut(blocks, |inline| {
            let Inline::FootnoteRef { label, number, pos } = inline else {
                return;
            };
            if !self.known.contains(label) {
                self.unknown.push((label.clone(), *pos));
                return;
            }
            let index = match self.order.iter().position(|l| l == label) {
                Some(i) => i,
                None => {
                    self.order.push(label.clone());
                    self.order.len() - 1
                }
            };
            *number = index as u32 + 1;
        });
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
    let (mut chapter_no, mut appendix_no) = (0, 0);
    let mut slugs = UniqueIds::new();
    for name in ["nav", "cover", "title-page", "toc"] {
        slugs.reserve(name);
    }
    for chapter in &mut chapters {
        chapter.number = match chapter.kind {
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
    };
    images::load_chapter_images(&mut book, files, diags);
    book.meta.files_modified = files.newest_mtime();
    links::resolve(&mut book, broken_links, diags);
    Some(book)
}

/// A book from one Markdown file: the title from YAML front matter (`title:`, `author:`,
/// `lang:`) or its first heading; each level-1 heading starts a chapter.
fn load_single_file(
    path: &Path,
    broken_links: BrokenLinks,
    diags: &mut Diagnostics,
) -> Option<Book> {
    let root = files::book_folder(path);
    let files = BookFiles::new(&root, diags)?;
    let text = files.read_text(path, diags)?;
    let document = markdown::lower(path, &text, diags);
    let mut meta = Metadata {
        language: "en".into(),
        ..Metadata::default()
    };
    if let Some(yaml) = &document.front_matter {
        for (key, value) in markdown::front_matter_fields(yaml) {
            match key.as_str() {
                "title" => meta.title = value,
                "subtitle" => meta.subtitle = Some(value),
                "author" | "authors" => meta.authors.push(value),
                "lang" | "language" => meta.language = value,
                "date" => meta.date = Some(value),
                "description" => meta.description = Some(value),
                "rights" => meta.rights = Some(value),
                "publisher" => meta.publisher = Some(value),
                "identifier" => meta.identifier = value,
                _ => diags.warning(
                    Some(Location::new(path, 1, 1)),
                    format!("front matter key '{key}' is not used"),
                ),
            }
        }
    }
    if !config::is_language_tag(&meta.language) {
        diags.error(
            Some(Location::new(path, 1, 1)),
            format!("'{}' is not a BCP 47 language tag", meta.language),
        );
    }
    if meta.title.is_empty() {
        meta.title = document
            .blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Heading(h) => Some(h.text()),
                _ => None,
            })
            .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Untitled".into());
    }
    if meta.identifier.is_empty() {
        meta.identifier = format!("urn:quire:{}", slugify(&meta.title));
    }
    let file_name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let chapters = split_at_level_one(document, path, &file_name, &meta.title, diags);
    let parts = BookParts {
        meta,
        chapters,
        cover: None,
        styles: built_in_styles(),
        links: broken_links,
    };
    finish_book(&root, &files, parts, diags)
}

/// Split a single file's blocks into chapters at each level-1 heading. Text before the first one
/// becomes a front-matter chapter titled with the book's title.
fn split_at_level_one(
    document: Document,
    path: &Path,
    file_name: &str,
    book_title: &str,
    diags: &mut Diagnostics,
) -> Vec<Chapter> {
    let mut parts: Vec<Vec<Block>> = vec![Vec::new()];
    for block in document.blocks {
        if matches!(&block.kind, BlockKind::Heading(h) if h.level == 1) {
            parts.push(Vec::new());
        }
        if let Some(last) = parts.last_mut() {
            last.push(block);
        }
    }
    let first = parts.remove(0);
    // A file of footnote definitions alone is still a chapter: its notes are its text.
    let only_notes = parts.is_empty() && !document.footnotes.is_empty();
    let first_is_empty = first.is_empty() && !only_notes;
    let mut chapters = Vec::new();
    let mut footnotes = Some(document.footnotes);
    let take_notes = |blocks: &[Block], all: &mut Option<Vec<(String, Vec<Block>, Pos)>>| {
        // Each chapter takes the definitions it references; the last chapter takes the rest.
        let referenced: Vec<String> = walk::walk_blocks(blocks)
            .nodes()
            .filter_map(|node| match node.inline() {
                Some(Inline::FootnoteRef { label, .. }) => Some(label.clone()),
                _ => None,
            })
            .collect();
        let all = all.get_or_insert_with(Vec::new);
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(all)
            .into_iter()
            .partition(|(label, _, _)| referenced.contains(label));
        *all = rest;
        mine
    };
    let count = parts.len() + usize::from(!first_is_empty);
    let mut index = 0;
    let mut make = |mut blocks: Vec<Block>,
                    kind: ChapterKind,
                    title: Option<&str>,
                    diags: &mut Diagnostics| {
        index += 1;
        let mut notes = take_notes(&blocks, &mut footnotes);
        if index == count {
            notes.extend(footnotes.take().unwrap_or_default());
        }
        if let Some(title) = title {
            blocks.insert(
                0,
                Block {
                    kind: BlockKind::Heading(Heading {
                        level: 1,
                        id: crate::slug::heading_id(title),
                        classes: Vec::new(),
                        content: vec![Inline::Text(title.to_string())],
                    }),
                    pos: Pos { line: 1, column: 1 },
                },
            );
        }
        let document = Document {
            blocks,
            footnotes: notes,
            front_matter: None,
        };
        chapter_from_document(
            document,
            path.to_path_buf(),
            file_name.to_string(),
            kind,
            None,
            diags,
        )
    };
    if !first_is_empty {
        let kind = if parts.is_empty() {
            ChapterKind::Chapter
        } else {
            ChapterKind::Front
        };
        chapters.push(make(first, kind, Some(book_title), diags));
    }
    for part in parts {
        chapters.push(make(part, ChapterKind::Chapter, None, diags));
    }
    if chapters.is_empty() {
        diags.push(
            Diagnostic::error(
                Some(Location::file(path)),
                "the file is empty: no chapter to build",
            )
            .with_hint("write at least a `# Title` and a paragraph"),
        );
    }
    chapters
}
