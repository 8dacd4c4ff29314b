//! The XMP metadata packet (ISO 16684-1) that PDF/A, PDF/UA and PDF/X ask for in the catalog's
//! /Metadata: the Info dictionary's fields in the Dublin Core, XMP, XMP Media Management and
//! Adobe PDF schemas (validators compare the two, so both come from the same
//! [`DocumentInfo`]), plus the standards the file claims to meet. PDF/A allows only its
//! predefined schemas unless the packet describes the others, so a claim whose schema PDF/A does
//! not predefine (pdfuaid, pdfxid) brings its PDF/A extension schema description.

use crate::date::civil_from_timestamp;
use crate::pdf::page::DocumentInfo;
use crate::xml::Xml;

/// A standard the file claims to meet, written as its identification schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    /// PDF/A-2 (ISO 19005-2) at a conformance level.
    PdfA2(PdfALevel),
    /// PDF/UA-1 (ISO 14289-1).
    PdfUa1,
    /// PDF/X-4 (ISO 15930-7).
    PdfX4,
}

/// PDF/A's conformance levels: A (accessible: tagged), B (basic: visual appearance), U (B with
/// Unicode text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PdfALevel {
    A,
    B,
    U,
}

impl PdfALevel {
    fn letter(self) -> &'static str {
        match self {
            PdfALevel::A => "A",
            PdfALevel::B => "B",
            PdfALevel::U => "U",
        }
    }
}

/// The packet's wrapper id (ISO 16684-1, 7.3: this fixed value).
const PACKET_ID: &str = "W5M0MpCehiHzreSzNTczkc9d";

/// The packet's bytes: UTF-8, without trailing padding (the file is written once, never
/// edited in place, so no room for in-place updates is kept).
pub(super) fn packet(info: &DocumentInfo, claims: &[Claim]) -> Vec<u8> {
    let date = xmp_date(info.timestamp);
    let document_id = format!("uuid:{}", uuid_text(&info.id));
    let mut xml = Xml::new();
    xml.start(
        "x:xmpmeta",
        &[("xmlns:x", "adobe:ns:meta/"), ("x:xmptk", &info.producer)],
    );
    xml.start(
        "rdf:RDF",
        &[("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")],
    );
    xml.start(
        "rdf:Description",
        &[
            ("rdf:about", ""),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:xmp", "http://ns.adobe.com/xap/1.0/"),
            ("xmlns:xmpMM", "http://ns.adobe.com/xap/1.0/mm/"),
            ("xmlns:pdf", "http://ns.adobe.com/pdf/1.3/"),
        ],
    );
    xml.element("dc:format", &[], "application/pdf");
    language_alternative(&mut xml, "dc:title", &info.title);
    one_item_array(&mut xml, "dc:creator", "rdf:Seq", &info.author);
    language_alternative(&mut xml, "dc:description", &info.subject);
    one_item_array(&mut xml, "dc:language", "rdf:Bag", &info.language);
    xml.element("xmp:CreateDate", &[], &date);
    xml.element("xmp:ModifyDate", &[], &date);
    xml.element("xmp:MetadataDate", &[], &date);
    if !info.creator.is_empty() {
        xml.element("xmp:CreatorTool", &[], &info.creator);
    }
    xml.element("xmpMM:DocumentID", &[], &document_id);
    xml.element("xmpMM:InstanceID", &[], &document_id);
    if claims.contains(&Claim::PdfX4) {
        // PDF/X-4 asks for a version and a rendition class with the document id.
        xml.element("xmpMM:VersionID", &[], "1");
        xml.element("xmpMM:RenditionClass", &[], "default");
        xml.element("pdf:Trapped", &[], "False");
    }
    if !info.producer.is_empty() {
        xml.element("pdf:Producer", &[], &info.producer);
    }
    if !info.keywords.is_empty() {
        xml.element("pdf:Keywords", &[], &info.keywords);
    }
    xml.end();
    for claim in claims {
        identification(&mut xml, *claim);
    }
    if claims.iter().any(|c| matches!(c, Claim::PdfA2(_))) {
        extension_schemas(&mut xml, claims);
    }
    let body = xml.finish();
    let mut out = String::with_capacity(body.len() + 120);
    out.push_str("<?xpacket begin=\"\u{feff}\" id=\"");
    out.push_str(PACKET_ID);
    out.push_str("\"?>\n");
    out.push_str(&body);
    out.push_str("\n<?xpacket end=\"r\"?>");
    out.into_bytes()
}

/// `<name><array><rdf:li>item</rdf:li></array></name>`: an ordered (`rdf:Seq`) or unordered
/// (`rdf:Bag`) array of one item, as dc:creator and dc:language take; nothing for an empty item.
fn one_item_array(xml: &mut Xml, name: &'static str, array: &'static str, item: &str) {
    if item.is_empty() {
        return;
    }
    xml.start(name, &[]);
    xml.start(array, &[]);
    xml.element("rdf:li", &[], item);
    xml.end();
    xml.end();
}

/// `<name><rdf:Alt><rdf:li xml:lang="x-default">text</rdf:li></rdf:Alt></name>`, the form
/// dc:title and dc:description take; nothing for an empty text.
fn language_alternative(xml: &mut Xml, name: &'static str, text: &str) {
    if text.is_empty() {
        return;
    }
    xml.start(name, &[]);
    xml.start("rdf:Alt", &[]);
    xml.element("rdf:li", &[("xml:lang", "x-default")], text);
    xml.end();
    xml.end();
}

/// The identification schema of one claim, in its own description.
fn identification(xml: &mut Xml, claim: Claim) {
    match claim {
        Claim::PdfA2(level) => {
            xml.start(
                "rdf:Description",
                &[
                    ("rdf:about", ""),
                    ("xmlns:pdfaid", "http://www.aiim.org/pdfa/ns/id/"),
                ],
            );
            xml.element("pdfaid:part", &[], "2");
            xml.element("pdfaid:conformance", &[], level.letter());
        }
        Claim::PdfUa1 => {
            xml.start(
                "rdf:Description",
                &[
                    ("rdf:about", ""),
                    ("xmlns:pdfuaid", "http://www.aiim.org/pdfua/ns/id/"),
                ],
            );
            xml.element("pdfuaid:part", &[], "1");
        }
        Claim::PdfX4 => {
            xml.start(
                "rdf:Description",
                &[
                    ("rdf:about", ""),
                    ("xmlns:pdfxid", "http://www.npes.org/pdfx/ns/id/"),
                ],
            );
            xml.element("pdfxid:GTS_PDFXVersion", &[], "PDF/X-4");
        }
    }
    xml.end();
}

/// A schema PDF/A-2 does not predefine: its namespace, prefix and the one text property the
/// claim uses.
struct ExtensionSchema {
    name: &'static str,
    namespace: &'static str,
    prefix: &'static str,
    property: &'static str,
    value_type: &'static str,
    description: &'static str,
}

const PDFUA_SCHEMA: ExtensionSchema = ExtensionSchema {
    name: "PDF/UA identification schema",
    namespace: "http://www.aiim.org/pdfua/ns/id/",
    prefix: "pdfuaid",
    property: "part",
    value_type: "Integer",
    description: "Indicates, which part of ISO 14289 standard is followed",
};

const PDFX_SCHEMA: ExtensionSchema = ExtensionSchema {
    name: "PDF/X ID Schema",
    namespace: "http://www.npes.org/pdfx/ns/id/",
    prefix: "pdfxid",
    property: "GTS_PDFXVersion",
    value_type: "Text",
    description: "ID of PDF/X standard",
};

/// pdf:Trapped, which PDF/X-4 asks for: the Adobe PDF schema as PDF/A-2 predefines it (XMP
/// 2004) lacks it, so veraPDF wants it described (rule 6.6.2.3.1).
const PDF_TRAPPED_SCHEMA: ExtensionSchema = ExtensionSchema {
    name: "Adobe PDF Schema",
    namespace: "http://ns.adobe.com/pdf/1.3/",
    prefix: "pdf",
    property: "Trapped",
    value_type: "Text",
    description: "Whether the document has been trapped",
};

/// The pdfaExtension description of every claimed schema PDF/A does not predefine (ISO
/// 19005-2, 6.6.2.3.2).
fn extension_schemas(xml: &mut Xml, claims: &[Claim]) {
    let schemas: Vec<&ExtensionSchema> = claims
        .iter()
        .flat_map(|claim| match claim {
            Claim::PdfUa1 => vec![&PDFUA_SCHEMA],
            Claim::PdfX4 => vec![&PDFX_SCHEMA, &PDF_TRAPPED_SCHEMA],
            Claim::PdfA2(_) => vec![],
        })
        .collect();
    if schemas.is_empty() {
        return;
    }
    xml.start(
        "rdf:Description",
        &[
            ("rdf:about", ""),
            (
                "xmlns:pdfaExtension",
                "http://www.aiim.org/pdfa/ns/extension/",
            ),
            ("xmlns:pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
            (
                "xmlns:pdfaProperty",
                "http://www.aiim.org/pdfa/ns/property#",
            ),
        ],
    );
    xml.start("pdfaExtension:schemas", &[]);
    xml.start("rdf:Bag", &[]);
    for schema in schemas {
        xml.start("rdf:li", &[("rdf:parseType", "Resource")]);
        xml.element("pdfaSchema:schema", &[], schema.name);
        xml.element("pdfaSchema:namespaceURI", &[], schema.namespace);
        xml.element("pdfaSchema:prefix", &[], schema.prefix);
        xml.start("pdfaSchema:property", &[]);
        xml.start("rdf:Seq", &[]);
        xml.start("rdf:li", &[("rdf:parseType", "Resource")]);
        xml.element("pdfaProperty:name", &[], schema.property);
        xml.element("pdfaProperty:valueType", &[], schema.value_type);
        xml.element("pdfaProperty:category", &[], "internal");
        xml.element("pdfaProperty:description", &[], schema.description);
        xml.end();
        xml.end();
        xml.end();
        xml.end();
    }
    xml.end();
    xml.end();
    xml.end();
}

/// A timestamp as an XMP date in UTC (`YYYY-MM-DDThh:mm:ssZ`), the same instant as the Info
/// dictionary's dates.
fn xmp_date(timestamp: i64) -> String {
    let (year, month, day, hour, minute, second) = civil_from_timestamp(timestamp);
    let year = year.clamp(0, 9999);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// The 16 bytes of the inputs' id in UUID text form.
fn uuid_text(id: &[u8; 16]) -> String {
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> DocumentInfo {
        DocumentInfo {
            title: "Fish & Chips <2>".into(),
            author: "A. Author".into(),
            subject: "A guide".into(),
            keywords: String::new(),
            creator: "quire".into(),
            producer: "quire 0.1".into(),
            language: "en-GB".into(),
            timestamp: 1_700_000_000,
            id: [0xab; 16],
        }
    }

    fn text(claims: &[Claim]) -> String {
        String::from_utf8(packet(&info(), claims)).expect("UTF-8")
    }

    #[test]
    fn the_packet_carries_the_info_fields_escaped_and_the_same_dates() {
        let xmp = text(&[]);
        assert!(xmp.starts_with("<?xpacket begin=\"\u{feff}\""));
        assert!(xmp.ends_with("<?xpacket end=\"r\"?>"));
        assert!(xmp.contains("<rdf:li xml:lang=\"x-default\">Fish &amp; Chips &lt;2&gt;</rdf:li>"));
        assert!(xmp.contains("<rdf:li>A. Author</rdf:li>"));
        assert!(xmp.contains("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"));
        assert!(xmp.contains("<xmp:ModifyDate>2023-11-14T22:13:20Z</xmp:ModifyDate>"));
        assert!(xmp.contains("<pdf:Producer>quire 0.1</pdf:Producer>"));
        assert!(xmp.contains("uuid:abababab-abab-abab-abab-abababababab"));
        assert!(!xmp.contains("pdf:Keywords"), "empty fields are left out");
        assert!(!xmp.contains("pdfaid"), "no claim, no identification");
    }

    #[test]
    fn claims_write_their_identification_and_pdf_a_its_extension_schemas() {
        let xmp = text(&[Claim::PdfA2(PdfALevel::A), Claim::PdfUa1]);
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
        assert!(!xmp.contains("pdfxid"));

        let press = text(&[Claim::PdfX4]);
        assert!(press.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
        assert!(press.contains("<pdf:Trapped>False</pdf:Trapped>"));
        assert!(
            !press.contains("pdfaExtension"),
            "without a PDF/A claim no extension schema is needed"
        );

        let both = text(&[Claim::PdfA2(PdfALevel::B), Claim::PdfX4]);
        assert!(both.contains("<pdfaSchema:prefix>pdfxid</pdfaSchema:prefix>"));
        // pdf:Trapped is not in PDF/A-2's predefined Adobe PDF schema.
        assert!(both.contains("<pdfaProperty:name>Trapped</pdfaProperty:name>"));
    }
}
