//! Link annotations: each page's link areas as /Link annotations in its /Annots, with no
//! border, the print flag (PDF/A), a /Contents saying where the link goes (PDF/UA) and, in a
//! tagged PDF, the /StructParent that ties it to its Link element. A page with annotations
//! orders them by its structure (`/Tabs /S`).

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::content::{drawable, warn_skipped};
use super::postpass::{destination, text_string};
use crate::diagnostic::Diagnostics;
use crate::pdf::page::{LaidOutDocument, LinkTarget, NodeId};

/// The annotation flag Print (ISO 32000-1, 12.5.3): PDF/A wants annotations printed.
const PRINT_FLAG: i64 = 4;

/// One annotation written: its object and the Link element of its text.
pub(super) struct Written {
    pub id: ObjectId,
    pub node: Option<NodeId>,
}

/// Write every page's annotations; returns them per page (in page order).
pub(super) fn write(
    d: &mut Document,
    doc: &LaidOutDocument,
    pages: &[ObjectId],
    diags: &mut Diagnostics,
) -> Vec<Vec<Written>> {
    let mut all = Vec::with_capacity(pages.len());
    for (index, &page_id) in pages.iter().enumerate() {
        let mut written = Vec::new();
        let links = doc.pages.get(index).map_or(&[][..], |p| &p.links);
        for link in links {
            let Some(rect) = drawable(&link.rect, index + 1, diags, "a link area") else {
                continue;
            };
            let (action, contents) = match &link.target {
                LinkTarget::Uri(uri) if uri.is_empty() => {
                    warn_skipped(index + 1, diags, "a link with an empty address");
                    continue;
                }
                LinkTarget::Uri(uri) => (
                    Object::Dictionary(Dictionary::from_iter([
                        ("S", Object::Name(b"URI".to_vec())),
                        (
                            "URI",
                            Object::String(uri.as_bytes().to_vec(), StringFormat::Literal),
                        ),
                    ])),
                    format!("Link to {uri}"),
                ),
                LinkTarget::Page { page, y } => {
                    let Some(&target) = pages.get(*page) else {
                        let what = format!("a link to page {} of {}", page + 1, pages.len());
                        warn_skipped(index + 1, diags, &what);
                        continue;
                    };
                    (
                        Object::Dictionary(Dictionary::from_iter([
                            ("S", Object::Name(b"GoTo".to_vec())),
                            ("D", destination(target, *y)),
                        ])),
                        format!("Link to page {} of this document", page + 1),
                    )
                }
            };
            let mut annot = Dictionary::from_iter([
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                (
                    "Rect",
                    Object::Array(
                        [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height]
                            .into_iter()
                            .map(Object::Real)
                            .collect(),
                    ),
                ),
                // No border: the link's text is coloured.
                ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
                ("F", Object::Integer(PRINT_FLAG)),
                ("P", Object::Reference(page_id)),
                ("Contents", text_string(&contents)),
            ]);
            annot.set("A", action);
            let id = d.add_object(annot);
            written.push(Written {
                id,
                node: link.node,
            });
        }
        if !written.is_empty()
            && let Ok(page) = d.get_object_mut(page_id).and_then(Object::as_dict_mut)
        {
            page.set(
                "Annots",
                Object::Array(written.iter().map(|w| Object::Reference(w.id)).collect()),
            );
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
        all.push(written);
    }
    all
}
