//! Printing diagnostics as rustc does: the `file:line:column: error: what` header, the source
//! line with a caret under the span, and the hint; in colour on a terminal only. Or, with
//! `--message-format json`, one JSON object a line per diagnostic, for editors and CI.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;

use quire::{Diagnostic, Diagnostics, Location, Severity};

#[derive(clap::Args)]
pub struct ReportArgs {
    /// How diagnostics are printed: for people (with the source line), or one JSON object a line.
    #[arg(long, value_enum, default_value = "human", global = true)]
    message_format: MessageFormat,
    /// Colour diagnostics: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The ANSI styles of a coloured diagnostic, as rustc colours them.
struct Palette {
    error: &'static str,
    warning: &'static str,
    /// The gutter, line numbers and the hint's `=`.
    frame: &'static str,
    bold: &'static str,
    reset: &'static str,
}

const COLOURS: Palette = Palette {
    error: "\x1b[1;31m",
    warning: "\x1b[1;33m",
    frame: "\x1b[1;34m",
    bold: "\x1b[1m",
    reset: "\x1b[0m",
};

const PLAIN: Palette = Palette {
    error: "",
    warning: "",
    frame: "",
    bold: "",
    reset: "",
};

/// A tab in a quoted source line is shown as this many spaces (as rustc does).
const TAB_WIDTH: usize = 4;

pub struct Reporter {
    json: bool,
    /// JSON goes to standard output, unless an output is being written there.
    json_to_stdout: bool,
    palette: &'static Palette,
    /// Source files read for their lines, once each.
    sources: HashMap<PathBuf, Option<String>>,
}

impl Reporter {
    pub fn new(args: &ReportArgs, stdout_taken: bool) -> Self {
        let colour = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Reporter {
            json: args.message_format == MessageFormat::Json,
            json_to_stdout: !stdout_taken,
            palette: if colour { &COLOURS } else { &PLAIN },
            sources: HashMap::new(),
        }
    }

    /// Print every diagnostic of a run. The source lines shown are read afresh for each run, so
    /// that `quire watch` quotes a file as it is after an edit.
    pub fn print_all(&mut self, diags: &Diagnostics) {
        self.sources.clear();
        for d in diags.items() {
            self.print(d);
        }
    }

    pub fn print(&mut self, d: &Diagnostic) {
        if self.json {
            let line = json_line(d);
            if self.json_to_stdout {
                println!("{line}");
            } else {
                eprintln!("{line}");
            }
        } else {
            eprintln!("{}", self.human(d));
        }
    }

    /// The header, the quoted line with its caret, and the hint.
    fn human(&mut self, d: &Diagnostic) -> String {
        let p = self.palette;
        let (label, colour) = match d.severity {
            Severity::Error => ("error", p.error),
            Severity::Warning => ("warning", p.warning),
            Severity::Note => ("note", p.frame),
        };
        let place = d
            .location
            .as_ref()
            .map(|l| format!("{}: ", shown(l)))
            .unwrap_or_default();
        let mut out = format!(
            "{}{place}{colour}{label}{}{}: {}{}",
            p.bold, p.reset, p.bold, d.message, p.reset
        );
        let snippet = d.location.as_ref().and_then(|l| self.snippet(l, colour));
        let gutter = snippet.as_ref().map_or(1, |s| s.gutter);
        if let Some(snippet) = &snippet {
            out.push_str(&snippet.text);
        }
        if let Some(hint) = &d.hint {
            let pad = " ".repeat(gutter);
            out.push_str(&format!("\n{pad} {}={} hint: {hint}", p.frame, p.reset));
        }
        out
    }

    /// The source line of `at` with a caret under its span, when the file and line can be read.
    fn snippet(&mut self, at: &Location, colour: &str) -> Option<Snippet> {
        if at.line == 0 {
            return None;
        }
        let source = self
            .sources
            .entry(at.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&at.file).ok())
            .as_deref()?;
        let line = source.lines().nth(at.line as usize - 1)?;
        let chars: Vec<char> = line.chars().collect();
        let start = (at.column.max(1) as usize - 1).min(chars.len());
        let length = match at.length as usize {
            0 => token_length(&chars[start..]),
            n => n.min(chars.len() - start).max(1),
        };
        let shown: String = line.replace('\t', &" ".repeat(TAB_WIDTH));
        let indent: usize = chars[..start]
            .iter()
            .map(|&c| if c == '\t' { TAB_WIDTH } else { 1 })
            .sum();
        let number = at.line.to_string();
        let gutter = number.len();
        let (p, pad) = (self.palette, " ".repeat(gutter));
        let text = format!(
            "\n{pad} {f}|{r}\n{f}{number} |{r} {shown}\n{pad} {f}|{r} {}{colour}{}{r}",
            " ".repeat(indent),
            "^".repeat(length),
            f = p.frame,
            r = p.reset,
        );
        Some(Snippet { text, gutter })
    }
}

/// A location as shown: `./book.toml` (a book found in the current folder) as `book.toml`.
fn shown(location: &Location) -> Location {
    let file = location
        .file
        .strip_prefix(".")
        .unwrap_or(&location.file)
        .to_path_buf();
    Location {
        file,
        ..location.clone()
    }
}

/// A quoted source line and the width of the line-number gutter it used.
struct Snippet {
    text: String,
    gutter: usize,
}

/// The length of the token that starts `rest`, for a caret when a location has no span: a
/// quoted string, a tag, a word (with `-_.:/#`), or one character.
fn token_length(rest: &[char]) -> usize {
    let Some(&first) = rest.first() else {
        return 1;
    };
    let closing = match first {
        '"' | '\'' | '`' => Some(first),
        '<' => Some('>'),
        '[' => Some(']'),
        _ => None,
    };
    if let Some(close) = closing {
        return rest[1..]
            .iter()
            .position(|&c| c == close)
            .map_or(1, |i| i + 2);
    }
    let word = rest
        .iter()
        .take_while(|c| c.is_alphanumeric() || "-_.:/#".contains(**c))
        .count();
    word.max(1)
}

/// One diagnostic as a JSON object: file, line, column, severity, message, hint.
fn json_line(d: &Diagnostic) -> String {
    let location = d.location.as_ref().map(shown).unwrap_or_default();
    let file = location.file.to_string_lossy();
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let hint = d
        .hint
        .as_deref()
        .map_or_else(|| "null".to_string(), json_string);
    let file = if file.is_empty() {
        "null".to_string()
    } else {
        json_string(&file)
    };
    format!(
        "{{\"file\":{file},\"line\":{},\"column\":{},\"severity\":\"{severity}\",\"message\":{},\"hint\":{hint}}}",
        location.line,
        location.column,
        json_string(&d.message)
    )
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lengths() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(token_length(&chars("\"red\" # x")), 5);
        assert_eq!(token_length(&chars("colour = 1")), 6);
        assert_eq!(token_length(&chars("<b>bold</b>")), 3);
        assert_eq!(token_length(&chars("= 1")), 1);
        assert_eq!(token_length(&chars("")), 1);
    }

    #[test]
    fn json_strings_escape_what_json_requires() {
        assert_eq!(
            json_string("a \"b\" \\ c\n\u{1}é"),
            r#""a \"b\" \\ c\n\u0001é""#
        );
    }
}
