//! Markdown (CommonMark with GitHub's tables, strikethrough and task lists): headings, ATX
//! (`# Title`) and setext (a line underlined with `===` or `---`), and thematic breaks are
//! keywords; emphasis, strong emphasis and strikethrough with their markers attributes; code
//! spans, fenced and indented code strings; a link's or image's text plain, its address
//! attributes and its title a string; list markers, task boxes and block quotes' `>`
//! constants; inline HTML tags and autolinks (`<https://…>`) tags and attributes, HTML
//! comments comments; entities constants.
//!
//! The lexer reads line by line, as Markdown's blocks are; inline spans (emphasis, code,
//! links) end on their line, so a stray marker never colours the text after it. Front matter
//! (YAML between `---` lines at the very start, as static site generators read it) is YAML.

use super::scan::Marker;
use super::{Span, Token};

pub(super) fn spans(code: &str, out: &mut Vec<Span>) {
    let mut scan = Marker::new(code, out);
    let mut state = Blocks {
        blank: true,
        ..Blocks::default()
    };
    front_matter(&mut scan);
    while !scan.at_end() {
        let start = scan.pos;
        let end = scan.line_end();
        line(&mut scan, &mut state, start..end);
        // A code block's line takes its line end; an HTML comment or a setext heading may run
        // over lines: the next line to read is the one after where the cursor stops.
        if scan.pos <= end {
            scan.jump(end + 1);
        } else if scan.byte_before() != Some(b'\n') {
            scan.take_line();
            scan.bump();
        }
    }
    scan.finish();
}

/// Front matter at the cursor (the text's start): its `---` lines keywords, what lies between
/// them YAML; the cursor ends after the closing line. Without a closing line it is none.
fn front_matter(scan: &mut Marker) {
    let Some(body) = scan.text.strip_prefix("---\n") else {
        return;
    };
    let Some(close) = body.find("\n---\n") else {
        return;
    };
    let body_start = "---\n".len();
    let body_end = body_start + close + 1;
    scan.jump(body_start);
    scan.mark(0, Token::Keyword);
    scan.embed(body_end, super::yaml::spans);
    scan.advance("---\n".len());
    scan.mark(body_end, Token::Keyword);
}

/// What the lines before the current one leave open.
#[derive(Default)]
struct Blocks {
    /// A fenced code block's fence: its character and length.
    fence: Option<(u8, usize)>,
    /// The last line was blank (or there was none).
    blank: bool,
    /// The last line was indented code.
    indented_code: bool,
    /// A list is open: an indented line continues an item rather than being code.
    list: bool,
    /// The last line was a paragraph's (a `---` under it underlines a heading).
    paragraph: bool,
}

/// The indentation from which a line is code (outside a list, after a blank line).
const CODE_INDENT: usize = 4;

/// One line, `line` its range (without its line end).
fn line(scan: &mut Marker, state: &mut Blocks, line: std::ops::Range<usize>) {
    let text = &scan.bytes()[line.clone()];
    let start = line.start;
    if let Some((fence, length)) = state.fence {
        if closes_fence(text, fence, length) {
            state.fence = None;
        }
        // The line end too: a code block is one span.
        scan.jump(line.end + 1);
        return scan.mark(start, Token::String);
    }
    let indent = text
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let blank = indent == text.len();
    let code =
        indent >= CODE_INDENT && !blank && (state.indented_code || (state.blank && !state.list));
    let was_blank = std::mem::replace(&mut state.blank, blank);
    state.indented_code = code || (state.indented_code && blank);
    if blank || code {
        state.paragraph = false;
        if code {
            scan.jump(line.end);
            scan.mark(start + indent.min(CODE_INDENT), Token::String);
        }
        return;
    }
    if was_blank && indent == 0 {
        state.list = false;
    }
    scan.jump(start + indent);
    let item = containers(scan, state);
    let rest = &scan.bytes()[scan.pos..line.end];
    let block_start = scan.pos;
    if let Some(fence) = is_fence(rest) {
        state.fence = Some(fence);
        state.paragraph = false;
        scan.jump(line.end + 1);
        return scan.mark(block_start, Token::String);
    }
    let underline = next_line(scan.bytes(), line.end);
    let setext = !item && is_setext_underline(underline);
    let heading = setext
        || is_atx_heading(rest)
        || is_thematic_break(rest)
        || (state.paragraph && is_setext_underline(rest));
    state.paragraph = !heading;
    if heading {
        // A setext heading takes its underline along: the cursor ends past the line end.
        let end = if setext {
            line.end + 1 + underline.len()
        } else {
            line.end
        };
        scan.jump(end);
        return scan.mark(block_start, Token::Keyword);
    }
    inline(scan, line.end);
}

/// The text of the line after the one ending at `end`.
fn next_line(bytes: &[u8], end: usize) -> &[u8] {
    let from = (end + 1).min(bytes.len());
    let rest = &bytes[from..];
    &rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())]
}

/// Block quotes' `>` and a list item's marker (with a task's box) at the cursor; whether the
/// line opens a list item.
fn containers(scan: &mut Marker, state: &mut Blocks) -> bool {
    while scan.byte() == Some(b'>') {
        let start = scan.pos;
        scan.bump();
        scan.mark(start, Token::Constant);
        scan.skip_blanks();
    }
    let rest = &scan.bytes()[scan.pos..];
    if is_thematic_break(&rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())]) {
        return false;
    }
    let digits = rest
        .iter()
        .take(MAX_ORDERED_DIGITS + 1)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let marker = match rest.get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=MAX_ORDERED_DIGITS).contains(&digits) => digits + 1,
        _ => return false,
    };
    if !rest.get(marker).is_none_or(|b| b.is_ascii_whitespace()) {
        return false;
    }
    let start = scan.pos;
    scan.advance(marker);
    state.list = true;
    scan.skip_blanks();
    let task = &scan.bytes()[scan.pos..];
    if task.len() >= 3
        && task[0] == b'['
        && matches!(task[1], b' ' | b'x' | b'X')
        && task[2] == b']'
    {
        scan.advance(3);
    }
    scan.mark(start, Token::Constant);
    scan.skip_blanks();
    true
}

/// CommonMark's longest ordered list number.
const MAX_ORDERED_DIGITS: usize = 9;

/// A code fence (three or more backticks or tildes): its character and length.
fn is_fence(line: &[u8]) -> Option<(u8, usize)> {
    let line = trim_indent(line)?;
    let c = *line.first().filter(|c| matches!(c, b'`' | b'~'))?;
    let n = line.iter().take_while(|&&b| b == c).count();
    // A backtick fence's info string holds no backtick.
    let info_ok = c == b'~' || !line[n..].contains(&b'`');
    (n >= 3 && info_ok).then_some((c, n))
}

/// Whether `line` closes a fence of `length` characters `fence`: as many or more of them,
/// nothing after them but spaces. Its indentation may be any, as a list item's fence has.
fn closes_fence(line: &[u8], fence: u8, length: usize) -> bool {
    let line = line.trim_ascii();
    line.len() >= length && line.iter().all(|&b| b == fence)
}

/// The line without up to three spaces of indentation; None if it has more.
fn trim_indent(line: &[u8]) -> Option<&[u8]> {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    (indent < CODE_INDENT).then(|| &line[indent..])
}

fn is_atx_heading(line: &[u8]) -> bool {
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes) && line.get(hashes).is_none_or(|b| b.is_ascii_whitespace())
}

/// Three or more `-`, `*` or `_` (the same), spaces between them allowed.
fn is_thematic_break(line: &[u8]) -> bool {
    let Some(line) = trim_indent(line) else {
        return false;
    };
    let Some(&c) = line.first().filter(|c| matches!(c, b'-' | b'*' | b'_')) else {
        return false;
    };
    let marks = line.iter().filter(|&&b| b == c).count();
    marks >= 3 && line.iter().all(|&b| b == c || b == b' ' || b == b'\t')
}

/// A line of `=` or of `-` (trailing spaces allowed): under a paragraph line, a heading's.
fn is_setext_underline(line: &[u8]) -> bool {
    let Some(line) = trim_indent(line) else {
        return false;
    };
    let line = line.trim_ascii_end();
    line.first()
        .is_some_and(|&c| (c == b'=' || c == b'-') && line.iter().all(|&b| b == c))
}

/// The inline spans of a line from the cursor to `end`.
fn inline(scan: &mut Marker, end: usize) {
    let mut unclosed = Unclosed::default();
    while scan.pos < end {
        let start = scan.pos;
        match scan.bytes()[start] {
            b'\\' => scan.advance(2.min(end - start)),
            b'`' => code_span(scan, end, &mut unclosed),
            b'*' | b'_' | b'~' => emphasis(scan, end, &mut unclosed),
            b']' => link_target(scan, end),
            b'<' => angle(scan, end, &mut unclosed),
            b'&' => super::markup::entity(scan),
            b'h' if is_bare_address(scan) => {
                scan.skip_bytes(|b| !b.is_ascii_whitespace() && b != b'<');
                while matches!(scan.byte_before(), Some(b'.' | b',' | b':' | b';' | b')')) {
                    scan.pos -= 1;
                }
                scan.mark(start, Token::Attribute);
            }
            _ => scan.bump(),
        }
    }
}

/// The openers of a line (a marker and its run's length) found without a closer: a later one
/// alike, which would look in less of the same line, is text at once, so that a line of many
/// lone markers is read in one pass, not one per marker.
#[derive(Default)]
struct Unclosed(Vec<(u8, usize)>);

impl Unclosed {
    fn known(&self, marker: u8, run: usize) -> bool {
        self.0.contains(&(marker, run))
    }

    fn add(&mut self, marker: u8, run: usize) {
        self.0.push((marker, run));
    }
}

/// Whether an `http://` or `https://` address starts at the cursor, not inside a word.
fn is_bare_address(scan: &Marker) -> bool {
    (scan.starts_with("https://") || scan.starts_with("http://"))
        && !scan
            .byte_before()
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// A code span from its backticks at the cursor to as many closing it on the line; without
/// them, the backticks are text.
fn code_span(scan: &mut Marker, end: usize, unclosed: &mut Unclosed) {
    let start = scan.pos;
    let run = scan.bytes()[start..end]
        .iter()
        .take_while(|&&b| b == b'`')
        .count();
    scan.advance(run);
    if unclosed.known(b'`', run) {
        return;
    }
    let mut at = scan.pos;
    while at < end {
        let n = scan.bytes()[at..end]
            .iter()
            .take_while(|&&b| b == b'`')
            .count();
        if n == run {
            scan.jump(at + n);
            return scan.mark(start, Token::String);
        }
        at += n.max(1);
    }
    unclosed.add(b'`', run);
}

/// Emphasis, strong emphasis or strikethrough from its markers at the cursor to as many
/// closing it on the line; without them, the markers are text.
fn emphasis(scan: &mut Marker, end: usize, unclosed: &mut Unclosed) {
    let start = scan.pos;
    let c = scan.bytes()[start];
    let run = scan.bytes()[start..end]
        .iter()
        .take_while(|&&b| b == c)
        .count();
    let opens = scan
        .bytes()
        .get(start + run)
        .is_some_and(|b| !b.is_ascii_whitespace())
        && !(c == b'_'
            && scan
                .byte_before()
                .is_some_and(|b| b.is_ascii_alphanumeric()))
        && (c != b'~' || run == 2);
    scan.advance(run);
    if !opens || unclosed.known(c, run) {
        return;
    }
    let mut at = scan.pos;
    while at < end {
        let n = scan.bytes()[at..end]
            .iter()
            .take_while(|&&b| b == c)
            .count();
        if n == 0 {
            at += 1;
            continue;
        }
        let after_word = !scan.bytes()[at - 1].is_ascii_whitespace();
        let intraword = c == b'_'
            && scan
                .bytes()
                .get(at + n)
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if n == run && after_word && !intraword {
            scan.jump(at + n);
            return scan.mark(start, Token::Attribute);
        }
        at += n;
    }
    unclosed.add(c, run);
}

/// After a link's text (`]` at the cursor): its `(address "title")` or its `[reference]`.
fn link_target(scan: &mut Marker, end: usize) {
    scan.bump();
    match scan.byte() {
        Some(b'(') => {
            scan.bump();
            scan.skip_blanks();
            let address = scan.pos;
            let mut depth = 0usize;
            while scan.pos < end {
                match scan.bytes()[scan.pos] {
                    b'(' => depth += 1,
                    b')' if depth == 0 => break,
                    b')' => depth -= 1,
                    b' ' | b'\t' => break,
                    _ => {}
                }
                scan.bump();
            }
            scan.mark(address, Token::Attribute);
            scan.skip_blanks();
            if let Some(close @ (b'"' | b'\'')) = scan.byte() {
                let title = scan.pos;
                scan.bump();
                let found = scan.bytes()[scan.pos..end].iter().position(|&b| b == close);
                let from = scan.pos;
                scan.jump(found.map_or(end, |at| from + at + 1));
                scan.mark(title, Token::String);
            }
        }
        Some(b'[') => {
            let reference = scan.pos;
            let found = scan.bytes()[reference..end].iter().position(|&b| b == b']');
            if let Some(at) = found {
                scan.jump(reference + at + 1);
                scan.mark(reference, Token::Attribute);
            }
        }
        Some(b':') => {
            // A link reference definition: `[label]: address "title"`.
            scan.bump();
            scan.skip_blanks();
            let address = scan.pos;
            scan.skip_bytes(|b| !b.is_ascii_whitespace());
            scan.mark(address, Token::Attribute);
            scan.skip_blanks();
            if matches!(scan.byte(), Some(b'"' | b'\'' | b'(')) {
                let title = scan.pos;
                scan.jump(end);
                scan.mark(title, Token::String);
            }
        }
        _ => {}
    }
}

/// At a `<`: an HTML comment (which may run over lines), an autolink, or a tag; else text.
fn angle(scan: &mut Marker, end: usize, unclosed: &mut Unclosed) {
    let start = scan.pos;
    if scan.starts_with("<!--") {
        scan.take_through("-->");
        return scan.mark(start, Token::Comment);
    }
    let rest = &scan.bytes()[start + 1..end];
    let known = unclosed.known(b'<', 0);
    let found = if known {
        None
    } else {
        rest.iter().position(|&b| b == b'>')
    };
    let Some(close) = found else {
        if !known {
            unclosed.add(b'<', 0);
        }
        return scan.bump();
    };
    let inside = &rest[..close];
    let tag = inside
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/');
    let address = inside.iter().any(|&b| b == b':' || b == b'@') && !inside.contains(&b' ');
    if address {
        scan.bump();
        scan.mark(start, Token::Tag);
        scan.jump(start + 1 + close);
        scan.mark(start + 1, Token::Attribute);
        scan.bump();
        scan.mark(start + 1 + close, Token::Tag);
    } else if tag {
        scan.jump(start + close + 2);
        scan.mark(start, Token::Tag);
    } else {
        scan.bump();
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer_tests::{class_after, class_of};
    use super::*;

    const TEXT: &str = "# Getting started\n\nSetext heading\n==============\n\n\
        Some *em*, **strong**, _under_, snake_case_word, ~~gone~~ and `code` and \\*not\\*.\n\
        A [link](https://example.com/a_(b) \"Title\") and ![img](pic.png), a [ref][r], \
        <https://auto.link>, https://bare.example.org/x.\n\
        Inline <span class=\"x\">html</span> &copy; <!-- note -->\n\n\
        > Quoted *text*\n\n- item one\n- [x] done\n\n    continued, in the list\n1. first\n\n\
        Paragraph.\n\n    indented code\n\n```rust\nfn main() {}\n```\n\n***\n\n\
        [r]: https://example.com/ref \"Ref title\"\n\n\
        1.  In a list:\n\n    ```sh\n    ``` not a close\n    ```\n\n    After the fence\n";

    #[test]
    fn headings_emphasis_code_and_breaks() {
        let class = |needle| class_of(spans, TEXT, needle);
        assert_eq!(class("# Getting started"), Token::Keyword);
        assert_eq!(class("Setext heading\n=============="), Token::Keyword);
        assert_eq!(class("*em*"), Token::Attribute);
        assert_eq!(class("**strong**"), Token::Attribute);
        assert_eq!(class("_under_"), Token::Attribute);
        assert_eq!(class("snake_case_word"), Token::Plain);
        assert_eq!(class("~~gone~~"), Token::Attribute);
        assert_eq!(class("`code`"), Token::String);
        assert_eq!(class("\\*not\\*"), Token::Plain);
        // Markers left open do not stop others of another length from closing.
        let open = "``not closed, **nor this, `code` and *em*";
        assert_eq!(class_of(spans, open, "``not closed"), Token::Plain);
        assert_eq!(class_of(spans, open, "`code`"), Token::String);
        assert_eq!(class_of(spans, open, "*em*"), Token::Attribute);
        assert_eq!(class("```rust\nfn main() {}\n```"), Token::String);
        assert_eq!(class("indented code"), Token::String);
        assert_eq!(class("continued, in the list"), Token::Plain);
        assert_eq!(class("***"), Token::Keyword);
        // A fence in a list item, indented, closes indented; one with words after it does not.
        assert_eq!(
            class("```sh\n    ``` not a close\n    ```\n"),
            Token::String
        );
        assert_eq!(class("After the fence"), Token::Plain);
    }

    #[test]
    fn front_matter_is_yaml() {
        let page = "---\ntitle: A post\ntags: [a, b]\n---\n# Heading\n\n---\n";
        assert_eq!(class_of(spans, page, "---\n"), Token::Keyword);
        assert_eq!(class_of(spans, page, "title"), Token::Tag);
        assert_eq!(class_of(spans, page, "tags"), Token::Tag);
        assert_eq!(class_of(spans, page, "A post\n"), Token::Plain);
        assert_eq!(class_after(spans, page, "b]\n", "---"), Token::Keyword);
        assert_eq!(class_of(spans, page, "# Heading"), Token::Keyword);
        // A rule later in the text is no front matter.
        let text = "Text\n\n---\nkey: value\n---\n";
        assert_eq!(class_of(spans, text, "key: value"), Token::Keyword);
    }

    #[test]
    fn links_lists_quotes_and_html() {
        let class = |needle| class_of(spans, TEXT, needle);
        assert_eq!(class("[link"), Token::Plain);
        assert_eq!(class("https://example.com/a_(b)"), Token::Attribute);
        assert_eq!(class("\"Title\""), Token::String);
        assert_eq!(class("pic.png"), Token::Attribute);
        assert_eq!(class("[r]"), Token::Attribute);
        assert_eq!(class("https://auto.link"), Token::Attribute);
        assert_eq!(class_after(spans, TEXT, "auto.link", ">"), Token::Tag);
        assert_eq!(class("https://bare.example.org/x"), Token::Attribute);
        assert_eq!(
            class_after(spans, TEXT, "bare.example.org/x", "."),
            Token::Plain
        );
        assert_eq!(class("<span class=\"x\">"), Token::Tag);
        assert_eq!(class("&copy;"), Token::Constant);
        assert_eq!(class("<!-- note -->"), Token::Comment);
        assert_eq!(class_after(spans, TEXT, "-->\n\n", ">"), Token::Constant);
        assert_eq!(
            class_after(spans, TEXT, "*text*\n\n", "- "),
            Token::Constant
        );
        assert_eq!(class("- [x]"), Token::Constant);
        assert_eq!(class("1. "), Token::Constant);
        assert_eq!(class("https://example.com/ref"), Token::Attribute);
        assert_eq!(class("\"Ref title\""), Token::String);
    }
}
