//! The structure tree of a tagged PDF (ISO 32000-1, 14.7): a StructElem for every element of
//! the layout's structure that has content, its kids in reading order, the ParentTree that
//! leads from each page's marked content and each link annotation back to its element, the
//! RoleMap for the types that are not standard, and `/MarkInfo << /Marked true >>`.
//!
//! Reading order is the order of the content: the pages in order, each page's marked-content
//! sequences in stream order (the layout writes a page's items in reading order), then its
//! link annotations. An element joins its parent's kids when its first content is met, so an
//! element with no content anywhere is left out.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use rayon::prelude::*;

use super::annots::Written;
use super::postpass::text_string;
use super::serialise::LooseDictionaries;
use crate::pdf::page::{ListNumbering, Node, NodeId, Role};

/// The standard structure type an element is written as, or its own type when the RoleMap
/// maps it (`Title`).
pub(super) fn tag_name(role: Role) -> &'static str {
    match role {
        Role::Document => "Document",
        Role::Sect => "Sect",
        Role::Title => "Title",
        Role::H(1) => "H1",
        Role::H(2) => "H2",
        Role::H(3) => "H3",
        Role::H(4) => "H4",
        Role::H(5) => "H5",
        Role::H(_) => "H6",
        Role::P => "P",
        Role::L(_) => "L",
        Role::LI => "LI",
        Role::Lbl => "Lbl",
        Role::LBody => "LBody",
        Role::Table => "Table",
        Role::THead => "THead",
        Role::TBody => "TBody",
        Role::TR => "TR",
        Role::TH => "TH",
        Role::TD => "TD",
        Role::Figure => "Figure",
        Role::Caption => "Caption",
        Role::Note => "Note",
        Role::Reference => "Reference",
        Role::Link => "Link",
        Role::Code => "Code",
        Role::BlockQuote => "BlockQuote",
        Role::Div => "Div",
        Role::TOC => "TOC",
        Role::TOCI => "TOCI",
    }
}

/// The non-standard types and the standard ones they stand for.
const ROLE_MAP: [(&str, &str); 1] = [("Title", "P")];

/// A value for each structure element, found by its id without hashing: the ids of a flow are
/// numbered from 0 and the flows are few.
pub(super) struct NodeMap<T> {
    flows: Vec<Vec<Option<T>>>,
}

impl<T: Copy> NodeMap<T> {
    pub(super) fn new(entries: impl Iterator<Item = (NodeId, T)>) -> NodeMap<T> {
        let mut flows: Vec<Vec<Option<T>>> = Vec::new();
        for (id, value) in entries {
            let (flow, index) = (id.flow as usize, id.index as usize);
            if flows.len() <= flow {
                flows.resize_with(flow + 1, Vec::new);
            }
            let slots = &mut flows[flow];
            if slots.len() <= index {
                slots.resize(index + 1, None);
            }
            slots[index] = Some(value);
        }
        NodeMap { flows }
    }

    pub(super) fn get(&self, id: NodeId) -> Option<T> {
        *self.flows.get(id.flow as usize)?.get(id.index as usize)?
    }
}

/// A kid of an element, in reading order.
enum Kid {
    Element(usize),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: usize,
    },
    /// A link annotation on page `page`.
    Annotation {
        page: usize,
        id: ObjectId,
    },
}

/// The elements being gathered: their kids and whether they are in the tree yet.
struct Tree<'a> {
    nodes: &'a [Node],
    index: NodeMap<usize>,
    kids: Vec<Vec<Kid>>,
    attached: Vec<bool>,
    root: usize,
}

impl Tree<'_> {
    /// The element's index, the root for an id the structure does not know.
    fn find(&self, id: NodeId) -> usize {
        self.index.get(id).unwrap_or(self.root)
    }

    /// Put element `i` and its ancestors into the tree, each at the end of its parent's kids.
    fn attach(&mut self, mut i: usize) {
        while !self.attached[i] {
            self.attached[i] = true;
            let Some(parent) = self.nodes[i].parent.map(|p| self.find(p)) else {
                return;
            };
            if parent == i {
                return;
            }
            self.kids[parent].push(Kid::Element(i));
            i = parent;
        }
    }
}

/// Write the structure tree of `nodes`, whose content is the pages' `mcids` (per page, the
/// element of each MCID) and `annots`, into `d`, and point the catalog `root` at it. The
/// elements themselves are returned as loose dictionaries (their ids are `d`'s).
pub(super) fn write(
    d: &mut Document,
    root: ObjectId,
    nodes: &[Node],
    mcids: &[Vec<NodeId>],
    annots: &[Vec<Written>],
    pages: &[ObjectId],
) -> LooseDictionaries {
    let Some(root_index) = nodes.iter().position(|n| n.parent.is_none()) else {
        return LooseDictionaries::default();
    };
    let mut tree = Tree {
        nodes,
        index: NodeMap::new(nodes.iter().enumerate().map(|(i, n)| (n.id, i))),
        kids: nodes.iter().map(|_| Vec::new()).collect(),
        attached: vec![false; nodes.len()],
        root: root_index,
    };
    tree.attached[root_index] = true;
    let has_annotation = attach_content(&mut tree, mcids, annots);

    let tree_root = d.new_object_id();
    let ids: Vec<Option<ObjectId>> = tree
        .attached
        .iter()
        .map(|&a| a.then(|| d.new_object_id()))
        .collect();
    let (parent_tree, next_key) = parent_tree(d, &tree, &ids, mcids, annots, pages);
    let (elements, id_tree) = write_elements(&tree, &ids, &has_annotation, tree_root, pages);
    let root_dict = root_dictionary(ids[root_index], parent_tree, next_key, id_tree);
    d.objects.insert(tree_root, Object::Dictionary(root_dict));
    if let Ok(catalog) = d.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set("StructTreeRoot", Object::Reference(tree_root));
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter([("Marked", Object::Boolean(true))]),
        );
    }
    elements
}

/// Hangs every marked-content sequence and annotation under its element (attaching the
/// element's ancestors); which elements own an annotation.
fn attach_content(tree: &mut Tree, mcids: &[Vec<NodeId>], annots: &[Vec<Written>]) -> Vec<bool> {
    let mut has_annotation = vec![false; tree.nodes.len()];
    for (page, page_mcids) in mcids.iter().enumerate() {
        for (mcid, node) in page_mcids.iter().enumerate() {
            let i = tree.find(*node);
            tree.attach(i);
            tree.kids[i].push(Kid::Content { page, mcid });
        }
        for annot in annots.get(page).into_iter().flatten() {
            let i = annot.node.map_or(tree.root, |n| tree.find(n));
            tree.attach(i);
            tree.kids[i].push(Kid::Annotation { page, id: annot.id });
            has_annotation[i] = true;
        }
    }
    has_annotation
}

/// The ParentTree's entries: per page (key = page index) the element of each MCID, then one
/// key per annotation; each page and annotation gets its key. Returns them and the next key.
fn parent_tree(
    d: &mut Document,
    tree: &Tree,
    ids: &[Option<ObjectId>],
    mcids: &[Vec<NodeId>],
    annots: &[Vec<Written>],
    pages: &[ObjectId],
) -> (Vec<(i64, Object)>, i64) {
    let mut entries: Vec<(i64, Object)> = Vec::new();
    for (page, page_mcids) in mcids.iter().enumerate() {
        if page_mcids.is_empty() {
            continue;
        }
        let elements = page_mcids
            .iter()
            .map(|n| ids[tree.find(*n)].map_or(Object::Null, Object::Reference))
            .collect();
        entries.push((page as i64, Object::Array(elements)));
        if let Ok(dict) = d.get_object_mut(pages[page]).and_then(Object::as_dict_mut) {
            dict.set("StructParents", Object::Integer(page as i64));
        }
    }
    let mut next_key = pages.len() as i64;
    for annot in annots.iter().flatten() {
        let i = annot.node.map_or(tree.root, |n| tree.find(n));
        if let Some(element) = ids[i] {
            entries.push((next_key, Object::Reference(element)));
            if let Ok(dict) = d.get_object_mut(annot.id).and_then(Object::as_dict_mut) {
                dict.set("StructParent", Object::Integer(next_key));
            }
            next_key += 1;
        }
    }
    (entries, next_key)
}

/// Every attached element as its dictionary's entries (type, parent, page, kids, ID), by id;
/// the IDTree's entries, sorted, each id once.
fn write_elements(
    tree: &Tree,
    ids: &[Option<ObjectId>],
    has_annotation: &[bool],
    tree_root: ObjectId,
    pages: &[ObjectId],
) -> (LooseDictionaries, Vec<(Vec<u8>, ObjectId)>) {
    let parent_of = |i: usize| {
        tree.nodes[i]
            .parent
            .and_then(|p| ids[tree.find(p)])
            .unwrap_or(tree_root)
    };
    // Each element is made on its own, on all threads.
    type Element = (ObjectId, Vec<(&'static str, Object)>, Option<Vec<u8>>);
    let elements: Vec<Element> = (0..tree.nodes.len())
        .into_par_iter()
        .filter_map(|i| {
            let id = ids[i]?;
            let node = &tree.nodes[i];
            let mut entries = element(node, has_annotation[i]);
            entries.push(("P", Object::Reference(parent_of(i))));
            let (page, kids) = kids_of(&tree.kids[i], ids, pages);
            if let Some(page) = page {
                entries.push(("Pg", Object::Reference(page)));
            }
            entries.push(("K", Object::Array(kids)));
            let element_id = node.element_id.as_ref().map(|e| e.as_bytes().to_vec());
            if let Some(bytes) = &element_id {
                entries.push(("ID", Object::String(bytes.clone(), StringFormat::Literal)));
            }
            Some((id, entries, element_id))
        })
        .collect();
    let mut id_tree: Vec<(Vec<u8>, ObjectId)> = Vec::new();
    let mut written = Vec::with_capacity(elements.len());
    for (id, entries, element_id) in elements {
        if let Some(name) = element_id {
            id_tree.push((name, id));
        }
        written.push((id, entries));
    }
    written.sort_by_key(|(id, _)| *id);
    id_tree.sort();
    id_tree.dedup_by(|a, b| a.0 == b.0);
    (LooseDictionaries(written), id_tree)
}

/// The StructTreeRoot: the document element, the ParentTree, the RoleMap and the IDTree.
fn root_dictionary(
    document: Option<ObjectId>,
    parent_tree: Vec<(i64, Object)>,
    next_key: i64,
    id_tree: Vec<(Vec<u8>, ObjectId)>,
) -> Dictionary {
    let mut root_dict = Dictionary::from_iter([
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", document.map_or(Object::Null, Object::Reference)),
        ("ParentTree", number_tree(parent_tree)),
        ("ParentTreeNextKey", Object::Integer(next_key)),
        (
            "RoleMap",
            Object::Dictionary(Dictionary::from_iter(
                ROLE_MAP.map(|(from, to)| (from, Object::Name(to.as_bytes().to_vec()))),
            )),
        ),
    ]);
    if !id_tree.is_empty() {
        let names = id_tree
            .into_iter()
            .flat_map(|(name, id)| {
                [
                    Object::String(name, StringFormat::Literal),
                    Object::Reference(id),
                ]
            })
            .collect();
        root_dict.set(
            "IDTree",
            Dictionary::from_iter([("Names", Object::Array(names))]),
        );
    }
    root_dict
}

/// An element's entries without its parent and kids: type, alternative text, attributes.
/// A Link element whose link has no annotation (its target is not in the book) is a Span.
fn element(node: &Node, has_annotation: bool) -> Vec<(&'static str, Object)> {
    let tag = match node.role {
        Role::Link if !has_annotation => "Span",
        role => tag_name(role),
    };
    // No /Type: it is optional, and a book has thousands of elements.
    let mut entries = Vec::with_capacity(ELEMENT_ENTRIES);
    entries.push(("S", Object::Name(tag.as_bytes().to_vec())));
    if let Some(alt) = &node.alt {
        entries.push(("Alt", text_string(alt)));
    }
    let attribute = match node.role {
        Role::TH => Some(("Table", "Scope", "Column")),
        Role::L(numbering) => Some((
            "List",
            "ListNumbering",
            match numbering {
                ListNumbering::Decimal => "Decimal",
                ListNumbering::Disc => "Disc",
                ListNumbering::None => "None",
            },
        )),
        _ => None,
    };
    if let Some((owner, key, value)) = attribute {
        entries.push((
            "A",
            Object::Dictionary(Dictionary::from_iter([
                ("O", Object::Name(owner.as_bytes().to_vec())),
                (key, Object::Name(value.as_bytes().to_vec())),
            ])),
        ));
    }
    entries
}

/// The most entries an element has: S, Alt, A, P, Pg, K, ID.
const ELEMENT_ENTRIES: usize = 7;

/// An element's /K array and its /Pg (the page of its first marked content): marked content
/// on that page as bare MCIDs, on other pages as MCR dictionaries.
fn kids_of(
    kids: &[Kid],
    ids: &[Option<ObjectId>],
    pages: &[ObjectId],
) -> (Option<ObjectId>, Vec<Object>) {
    let first_page = kids.iter().find_map(|k| match k {
        Kid::Content { page, .. } => Some(*page),
        _ => None,
    });
    let objects = kids
        .iter()
        .filter_map(|kid| match kid {
            Kid::Element(i) => ids[*i].map(Object::Reference),
            Kid::Content { page, mcid } if Some(*page) == first_page => {
                Some(Object::Integer(*mcid as i64))
            }
            Kid::Content { page, mcid } => Some(Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"MCR".to_vec())),
                ("Pg", Object::Reference(pages[*page])),
                ("MCID", Object::Integer(*mcid as i64)),
            ]))),
            Kid::Annotation { page, id } => Some(Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"OBJR".to_vec())),
                ("Pg", Object::Reference(pages[*page])),
                ("Obj", Object::Reference(*id)),
            ]))),
        })
        .collect();
    (first_page.map(|p| pages[p]), objects)
}

/// A number tree with one node.
fn number_tree(entries: Vec<(i64, Object)>) -> Object {
    let nums = entries
        .into_iter()
        .flat_map(|(key, value)| [Object::Integer(key), value])
        .collect();
    Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))]))
}
