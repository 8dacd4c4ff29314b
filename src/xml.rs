//! A small XML writer (XHTML for the EPUB, XMP for the PDF): every text and attribute value is escaped, characters XML 1.0
//! does not allow are dropped, and elements are closed in the order they were opened.

/// Builds one XML document as a string.
#[derive(Debug, Default)]
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    pub fn new() -> Self {
        Self::default()
    }

    /// The XML declaration and the XHTML5 doctype.
    pub fn xhtml_prolog(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    }

    /// `<tag attr="value"...>`; attributes with an empty name are skipped.
    pub fn start(&mut self, tag: &'static str, attrs: &[(&str, &str)]) {
        self.tag_open(tag, attrs);
        self.out.push('>');
        self.open.push(tag);
    }

    /// `<tag attr="value"/>`.
    pub fn empty(&mut self, tag: &'static str, attrs: &[(&str, &str)]) {
        self.tag_open(tag, attrs);
        self.out.push_str("/>");
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) {
        if let Some(tag) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
    }

    /// `<tag ...>text</tag>`.
    pub fn element(&mut self, tag: &'static str, attrs: &[(&str, &str)], text: &str) {
        self.start(tag, attrs);
        self.text(text);
        self.end();
    }

    /// Escaped character data.
    pub fn text(&mut self, text: &str) {
        escape_into(text, false, &mut self.out);
    }

    /// A line break between block elements, for readable output.
    pub fn newline(&mut self) {
        self.out.push('\n');
    }

    /// The document, with every element still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out
    }

    fn tag_open(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            if name.is_empty() {
                continue;
            }
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(value, true, &mut self.out);
            self.out.push('"');
        }
    }
}

/// Whether XML 1.0 allows `c` in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes `&`, `<`, `>` (and `"` in attributes), drops characters XML cannot carry.
pub fn escape_into(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            // Attribute values are normalised by XML parsers; keep line breaks as characters.
            '\n' | '\r' | '\t' if attribute => out.push_str(&format!("&#{};", c as u32)),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped for XML character data.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, false, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_elements_balanced() {
        let mut xml = Xml::new();
        xml.start("p", &[("title", "a \"b\" & <c>")]);
        xml.text("x < y & z > w\u{0}");
        xml.start("em", &[]);
        xml.text("open");
        let out = xml.finish();
        assert_eq!(
            out,
            "<p title=\"a &quot;b&quot; &amp; &lt;c&gt;\">x &lt; y &amp; z &gt; w<em>open</em></p>"
        );
    }

    #[test]
    fn empty_elements_self_close() {
        let mut xml = Xml::new();
        xml.empty("img", &[("src", "a.png"), ("", "skipped"), ("alt", "")]);
        assert_eq!(xml.finish(), "<img src=\"a.png\" alt=\"\"/>");
    }
}
