//! The logical structure a flow builds as it sets its blocks: a stack of open elements, each
//! new element a child of the innermost, and the marks that make a set line's items content of
//! them (its links Link elements, its footnote calls Reference elements).

use crate::pdf::inline::Line;
use crate::pdf::page::{Mark, Node, NodeId, PageItem, Role};

/// The flow numbers that keep the elements of separately built flows apart: the document's
/// root, the cover, the imprint, the contents, then two per chapter (its text and its
/// footnotes).
const ROOT_FLOW: u32 = 0;
pub const COVER_FLOW: u32 = 1;
pub const IMPRINT_FLOW: u32 = 2;
pub const CONTENTS_FLOW: u32 = 3;
const FIRST_CHAPTER_FLOW: u32 = 4;

/// The document's root element.
pub const DOCUMENT: NodeId = NodeId {
    flow: ROOT_FLOW,
    index: 0,
};

/// The document's root element.
pub fn document_node() -> Node {
    Node {
        id: DOCUMENT,
        parent: None,
        role: Role::Document,
        alt: None,
        element_id: None,
    }
}

/// The flow of chapter `chapter`'s text.
pub fn chapter_flow(chapter: usize) -> u32 {
    FIRST_CHAPTER_FLOW.saturating_add(u32::try_from(chapter).unwrap_or(u32::MAX / 2) * 2)
}

/// The flow of chapter `chapter`'s footnotes.
pub fn notes_flow(chapter: usize) -> u32 {
    chapter_flow(chapter).saturating_add(1)
}

/// Elements being made for one flow.
#[derive(Debug, Clone)]
pub struct Tagger {
    flow: u32,
    pub nodes: Vec<Node>,
    open: Vec<NodeId>,
}

impl Tagger {
    /// A flow whose elements hang below `parent`.
    pub fn new(flow: u32, parent: NodeId) -> Tagger {
        Tagger {
            flow,
            nodes: Vec::new(),
            open: vec![parent],
        }
    }

    /// The innermost open element.
    pub fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(DOCUMENT)
    }

    /// A new element, child of the innermost open one, not opened.
    pub fn add(&mut self, role: Role) -> NodeId {
        let id = NodeId {
            flow: self.flow,
            index: u32::try_from(self.nodes.len()).unwrap_or(u32::MAX),
        };
        self.nodes.push(Node {
            id,
            parent: Some(self.current()),
            role,
            alt: None,
            element_id: None,
        });
        id
    }

    /// A new element, child of the innermost open one, and open: what follows is inside it.
    pub fn open(&mut self, role: Role) -> NodeId {
        let id = self.add(role);
        self.open.push(id);
        id
    }

    /// Open `id`, an element made with [`Tagger::add`].
    pub fn open_existing(&mut self, id: NodeId) {
        self.open.push(id);
    }

    /// Close the innermost open element (never the flow's parent).
    pub fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        if id.flow != self.flow {
            return None;
        }
        self.nodes.get_mut(id.index as usize)
    }

    /// Make a set line content of the innermost open element: its unassigned items that
    /// element's content, each of its links a Link element (the link area knows it) and each
    /// footnote call a Reference element.
    pub fn tag_line(&mut self, line: &mut Line) {
        let owner = self.current();
        let links: Vec<NodeId> = (0..line.links.len())
            .map(|_| self.add(Role::Link))
            .collect();
        for (link, node) in line.links.iter_mut().zip(&links) {
            link.node = Some(*node);
        }
        let mut reference = None;
        for item in &mut line.items {
            if let PageItem::Image {
                alt,
                mark: mark @ Mark::Unassigned,
                ..
            } = item
            {
                *mark = self.figure(alt);
                reference = None;
                continue;
            }
            let mark = item.mark_mut();
            if *mark != Mark::NoteCall {
                reference = None;
            }
            *mark = match *mark {
                Mark::Unassigned => Mark::Content(owner),
                Mark::LineLink(n) => {
                    Mark::Content(links.get(usize::from(n)).copied().unwrap_or(owner))
                }
                Mark::NoteCall => {
                    Mark::Content(*reference.get_or_insert_with(|| self.add(Role::Reference)))
                }
                given => given,
            };
        }
    }

    /// The mark of an image with alternative text `alt`: content of a new Figure element
    /// that carries the text, or a layout artifact when there is none (a decoration).
    pub fn figure(&mut self, alt: &str) -> Mark {
        if alt.trim().is_empty() {
            return Mark::Artifact(crate::pdf::page::Artifact::Layout);
        }
        let id = self.add(Role::Figure);
        if let Some(node) = self.node_mut(id) {
            node.alt = Some(alt.to_string());
        }
        Mark::Content(id)
    }

    /// Give every unassigned item `mark`.
    pub fn mark_unassigned(items: &mut [PageItem], mark: Mark) {
        for item in items {
            if item.mark() == Mark::Unassigned {
                *item.mark_mut() = mark;
            }
        }
    }
}
