//! An SVG file as the EPUB carries it: its SVG elements and presentation, written again from the
//! parsed document, without what a book must not run or fetch and EPUBCheck rejects:
//! - scripts, `foreignObject` (HTML inside the drawing) and animations (`set` and `animate*`
//!   can rewrite a link into a script URL);
//! - event handlers (`on*` attributes);
//! - references out of the file: an `href` that is not `#fragment` or an image's data URL, a
//!   `url(...)` to anything but `#fragment`, a stylesheet that imports or fetches;
//! - elements and attributes of other namespaces (editors' metadata), comments, processing
//!   instructions and the doctype.

use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::xml::escape_into;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Elements left out with everything inside them.
const DROPPED_ELEMENTS: [&str; 8] = [
    "script",
    "foreignObject",
    "set",
    "animate",
    "animateMotion",
    "animateTransform",
    "animateColor",
    "discard",
];

/// Data URLs an `<image>` may embed: the EPUB's core raster image types.
const DATA_IMAGES: [&str; 4] = [
    "data:image/png",
    "data:image/jpeg",
    "data:image/gif",
    "data:image/webp",
];

/// The cleaned file; the parser's message when it is not XML (the loader has read it with
/// usvg already, so this is not expected).
pub fn sanitise(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(text.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    element(document.root_element(), true, &mut out);
    out.push('\n');
    Ok(out.into_bytes())
}

fn element(node: Node<'_, '_>, root: bool, out: &mut String) {
    let tag = node.tag_name();
    if tag.namespace() != Some(SVG_NS) || DROPPED_ELEMENTS.contains(&tag.name()) {
        return;
    }
    if tag.name() == "style" && !safe_style(node.text().unwrap_or_default()) {
        return;
    }
    out.push('<');
    out.push_str(tag.name());
    if root {
        out.push_str(" xmlns=\"");
        out.push_str(SVG_NS);
        out.push_str("\" xmlns:xlink=\"");
        out.push_str(XLINK_NS);
        out.push('"');
    }
    for attribute in node.attributes() {
        let prefix = match attribute.namespace() {
            None => "",
            Some(XLINK_NS) => "xlink:",
            Some(XML_NS) => "xml:",
            Some(_) => continue,
        };
        if !safe_attribute(attribute.name(), attribute.value()) {
            continue;
        }
        out.push(' ');
        out.push_str(prefix);
        out.push_str(attribute.name());
        out.push_str("=\"");
        escape_into(attribute.value(), true, out);
        out.push('"');
    }
    let children: Vec<Node<'_, '_>> = node
        .children()
        .filter(|c| matches!(c.node_type(), NodeType::Element | NodeType::Text))
        .collect();
    if children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in children {
        match child.node_type() {
            NodeType::Text => escape_into(child.text().unwrap_or_default(), false, out),
            _ => element(child, false, out),
        }
    }
    out.push_str("</");
    out.push_str(tag.name());
    out.push('>');
}

/// Whether an attribute may stay: no event handler, no reference out of the file.
fn safe_attribute(name: &str, value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    if name.len() > 2 && name[..2].eq_ignore_ascii_case("on") {
        return false;
    }
    if lower.contains("javascript:") || lower.contains("vbscript:") {
        return false;
    }
    if name == "href" {
        return lower.starts_with('#') || DATA_IMAGES.iter().any(|d| lower.starts_with(d));
    }
    local_urls_only(&lower)
}

/// Whether a stylesheet fetches nothing: no `@import`, only `url(#fragment)`.
fn safe_style(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    !lower.contains("@import") && local_urls_only(&lower)
}

/// Whether every `url(...)` in `text` (lower case) names a fragment of this file.
fn local_urls_only(text: &str) -> bool {
    text.match_indices("url(").all(|(at, _)| {
        let rest = text[at + 4..].trim_start_matches([' ', '"', '\'']);
        rest.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> String {
        String::from_utf8(sanitise(svg.as_bytes()).expect("xml")).expect("utf-8")
    }

    #[test]
    fn scripts_handlers_and_outside_references_are_removed() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10" onload="alert(1)">
  <script>alert(2)</script>
  <inkscape:grid/>
  <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>
  <style>@import url(http://example.com/x.css);</style>
  <defs><linearGradient id="g"/></defs>
  <rect width="5" height="5" fill="url(#g)" onclick="x()" inkscape:label="r"/>
  <rect width="5" height="5" fill="url(http://example.com/p.svg#g)"/>
  <a href="http://example.com"><text x="1" y="9">Go &amp; see</text></a>
  <image xlink:href="file:///etc/passwd" width="1" height="1"/>
  <image href="data:image/png;base64,AAAA" width="1" height="1"/>
  <use xlink:href="#g"/>
  <set attributeName="href" to="javascript:alert(3)"/>
</svg>"##;
        let out = clean(svg);
        for gone in [
            "script",
            "alert",
            "onload",
            "onclick",
            "foreignObject",
            "inkscape",
            "@import",
            "example.com",
            "passwd",
            "<set",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        for kept in [
            "fill=\"url(#g)\"",
            "Go &amp; see",
            "href=\"data:image/png;base64,AAAA\"",
            "xlink:href=\"#g\"",
            "<linearGradient id=\"g\"/>",
        ] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
        roxmltree::Document::parse(&out).expect("the result is XML");
    }
}
