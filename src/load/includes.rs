//! mdBook's directives, expanded in a chapter's text before it is read as Markdown, as mdBook's
//! `links` preprocessor expands them (code blocks included): `{{#include file}}` with a line
//! range (`file.rs:2:10`, `:2:`, `::10`, `:5`) or an anchor (`file.rs:name`, the lines between
//! `ANCHOR: name` and `ANCHOR_END: name`); `{{#rustdoc_include file:range}}` (the whole file,
//! the lines outside the range made hidden `# ` lines); `{{#playground file attrs}}` (the file
//! as a Rust code block); `{{#title ...}}` (a browser tab's title: left out). `\{{#...}}` is
//! written as it is, without the backslash. An included Markdown file's own directives are
//! expanded in turn, up to `MAX_DEPTH`. A directive quire does not know is left as text, with a
//! warning at its line; a file outside the book, a missing file or anchor is an error there.

mod lines;
mod ranges;

use std::path::Path;

use super::BookFiles;
use super::links::{file_path, folder_of};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, line_column};
pub use lines::LineMap;
use lines::{From, Segment};
use ranges::{Selection, select};

/// How deep included files may include others: mdBook's own limit.
const MAX_DEPTH: usize = 10;

/// The longest directive read, braces aside: far beyond any path and range, and a bound on
/// the search for `}}` however many `{{#` a line holds.
const MAX_DIRECTIVE_BYTES: usize = 1024;

/// What opens a directive.
const OPEN: &str = "{{#";
/// What closes one.
const CLOSE: &str = "}}";

/// The file whose text is expanded.
pub struct Source<'a> {
    /// Its path, for diagnostics.
    pub path: &'a Path,
    /// Its name relative to the book's folder (`src/a/b.md`): included paths are read from its
    /// folder.
    pub name: &'a str,
}

/// A chapter's text with its directives expanded, and where its lines were in the file.
pub struct Expanded {
    pub text: String,
    /// None when nothing was expanded (the lines are the file's).
    pub lines: Option<LineMap>,
}

/// `text` with its directives expanded (unchanged, and not copied, when it has none).
pub fn expand(
    files: &BookFiles,
    source: &Source<'_>,
    text: String,
    diags: &mut Diagnostics,
) -> Expanded {
    if !text.contains(OPEN) {
        return Expanded { text, lines: None };
    }
    let mut expander = Expander {
        files,
        diags,
        segments: Vec::new(),
    };
    let expanded = expander.expand(source, &text, 0);
    let lines = LineMap::new(&text, &expanded, &expander.segments);
    Expanded {
        text: expanded,
        lines: Some(lines),
    }
}

struct Expander<'a> {
    files: &'a BookFiles,
    diags: &'a mut Diagnostics,
    /// Where the runs of the top file's expanded text come from.
    segments: Vec<Segment>,
}

/// A file a directive includes.
struct Included {
    /// Its name relative to the book's folder.
    name: String,
    real: std::path::PathBuf,
    text: String,
}

/// One directive found in a text.
struct Directive<'t> {
    /// Its bytes in the text, the braces included.
    start: usize,
    end: usize,
    name: &'t str,
    args: &'t str,
}

impl Expander<'_> {
    fn expand(&mut self, source: &Source<'_>, text: &str, depth: usize) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest_from = 0;
        let mut search_from = 0;
        while let Some(found) = text[search_from..].find(OPEN) {
            let start = search_from + found;
            search_from = start + OPEN.len();
            if text[..start].ends_with('\\') {
                self.written(&mut out, text, rest_from..start - 1, depth);
                rest_from = start;
                continue;
            }
            let Some(directive) = parse(text, start) else {
                continue;
            };
            self.written(&mut out, text, rest_from..start, depth);
            rest_from = directive.end;
            search_from = directive.end;
            let at = location(source.path, text, start);
            let line = at.line;
            match self.directive(source, &directive, at, depth) {
                Some(expanded) => {
                    if depth == 0 {
                        self.segments.push(Segment {
                            at: out.len(),
                            from: From::Included(line),
                        });
                    }
                    out.push_str(&expanded);
                }
                None => self.written(&mut out, text, directive.start..directive.end, depth),
            }
        }
        self.written(&mut out, text, rest_from..text.len(), depth);
        out
    }

    /// Append `text[range]` as written (recording where it comes from in the top file).
    fn written(
        &mut self,
        out: &mut String,
        text: &str,
        range: std::ops::Range<usize>,
        depth: usize,
    ) {
        if depth == 0 {
            self.segments.push(Segment {
                at: out.len(),
                from: From::Written(range.start),
            });
        }
        out.push_str(&text[range]);
    }

    /// What a directive becomes; None leaves it as written (reported).
    fn directive(
        &mut self,
        source: &Source<'_>,
        directive: &Directive<'_>,
        at: Location,
        depth: usize,
    ) -> Option<String> {
        match directive.name {
            "include" => self.include(source, directive.args, at, depth),
            "rustdoc_include" => self.rustdoc_include(source, directive.args, at),
            "playground" => self.playground(source, directive.args, at),
            "title" => Some(String::new()),
            other => {
                self.diags.push(
                    Diagnostic::warning(
                        Some(at),
                        format!(
                            "`{{{{#{other}}}}}` is not a directive quire knows; it is left as text"
                        ),
                    )
                    .with_hint("quire expands include, rustdoc_include, playground and title"),
                );
                None
            }
        }
    }

    fn include(
        &mut self,
        source: &Source<'_>,
        args: &str,
        at: Location,
        depth: usize,
    ) -> Option<String> {
        let (file, selected) = self.selected(source, args, at.clone(), select)?;
        if !file.name.ends_with(".md") {
            return Some(selected);
        }
        if depth + 1 >= MAX_DEPTH {
            self.diags.push(
                Diagnostic::error(
                    Some(at),
                    format!("includes nest deeper than {MAX_DEPTH} files"),
                )
                .with_hint("an included file includes itself, or the chain is too long"),
            );
            return None;
        }
        let inner = Source {
            path: &file.real,
            name: &file.name,
        };
        Some(self.expand(&inner, &selected, depth + 1))
    }

    fn rustdoc_include(&mut self, source: &Source<'_>, args: &str, at: Location) -> Option<String> {
        let (_, shown) = self.selected(source, args, at, ranges::hide_outside)?;
        Some(shown)
    }

    fn playground(&mut self, source: &Source<'_>, args: &str, at: Location) -> Option<String> {
        let (_, attributes) = split_spec(args);
        let (_, code) = self.selected(source, args, at, select)?;
        let info = match attributes.trim() {
            "" => "rust".to_string(),
            attrs => format!(
                "rust,{}",
                attrs.split_whitespace().collect::<Vec<_>>().join(",")
            ),
        };
        Some(format!("```{info}\n{code}\n```"))
    }

    /// The file a directive's arguments name, and what `take` makes of the lines they select;
    /// None (reported at `at`) when the file or the lines are missing.
    fn selected(
        &mut self,
        source: &Source<'_>,
        args: &str,
        at: Location,
        take: fn(&str, &Selection<'_>) -> Option<String>,
    ) -> Option<(Included, String)> {
        let (spec, _) = split_spec(args);
        let (path, selection) = Selection::parse(spec);
        let file = self.read(source, path, at.clone())?;
        let Some(taken) = take(&file.text, &selection) else {
            self.missing_lines(path, &selection, at);
            return None;
        };
        Some((file, taken))
    }

    /// The included file; None (reported at `at`) when it is outside the book or cannot be
    /// read.
    fn read(&mut self, source: &Source<'_>, path: &str, at: Location) -> Option<Included> {
        let name = file_path(folder_of(source.name), path);
        let real = self
            .files
            .resolve(&name, at.clone(), "included file", self.diags)?;
        if !real.is_file() {
            self.diags.push(
                Diagnostic::error(Some(at), format!("included file '{path}' not found"))
                    .with_hint(format!("looked for {}", real.display())),
            );
            return None;
        }
        let text = self.files.read_text(&real, self.diags)?;
        Some(Included { name, real, text })
    }

    fn missing_lines(&mut self, path: &str, selection: &Selection<'_>, at: Location) {
        let what = match selection {
            Selection::Anchor(name) => format!("no anchor '{name}' in '{path}'"),
            _ => format!("the lines asked for are not in '{path}'"),
        };
        self.diags.push(
            Diagnostic::error(Some(at), format!("cannot include {what}"))
                .with_hint("mark the lines with ANCHOR: name and ANCHOR_END: name comments"),
        );
    }
}

/// The directive opening at `start`, closed on the same line; None when it is not one.
fn parse(text: &str, start: usize) -> Option<Directive<'_>> {
    let inner_start = start + OPEN.len();
    let mut window_end = (inner_start + MAX_DIRECTIVE_BYTES).min(text.len());
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let window = &text[inner_start..window_end];
    let line_end = window.find('\n').map_or(window_end, |i| inner_start + i);
    let close = text[inner_start..line_end].find(CLOSE)? + inner_start;
    let inner = text[inner_start..close].trim();
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some(Directive {
        start,
        end: close + CLOSE.len(),
        name,
        args: args.trim(),
    })
}

/// A directive's file spec (`file.rs:2:10`) and what follows it (playground attributes).
fn split_spec(args: &str) -> (&str, &str) {
    args.split_once(char::is_whitespace).unwrap_or((args, ""))
}

fn location(path: &Path, text: &str, offset: usize) -> Location {
    let (line, column) = line_column(text, offset);
    Location::new(path, line, column)
}
