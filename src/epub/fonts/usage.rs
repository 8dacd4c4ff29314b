//! Which `@font-face` draws which characters: the content documents are walked element by
//! element, each element's font (family, style, weight, small caps, case transform) is worked
//! out from the stylesheet's rules by the cascade (specificity, then order, `!important` first)
//! and inheritance, and each piece of text's characters go to the face CSS font matching picks
//! for it. List markers count as text of their item. Text in `<head>`, in `hidden` elements or
//! under `display: none` is not drawn.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::css::{FaceRule, FontDecls, Sheet, Transform, Value, Weight};
use super::selector::{Context, Element, Key};

/// The weight from which CSS font matching looks for heavier faces first (CSS Fonts 4, 5.2).
const HEAVY_FROM: u16 = 500;
/// Generic families: a reader's own fonts, never an embedded face.
const GENERIC: [&str; 6] = [
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
];
/// The weights `bolder` and `lighter` step to (CSS Fonts 4, 2.2.1, simplified to two steps).
const BOLD: u16 = 700;
const NORMAL: u16 = 400;

/// The font an element's text is set in.
#[derive(Debug, Clone)]
struct Computed {
    family: Rc<[String]>,
    italic: bool,
    weight: u16,
    small_caps: bool,
    transform: Transform,
    hidden: bool,
}

impl Default for Computed {
    fn default() -> Self {
        Computed {
            family: Rc::from(Vec::new()),
            italic: false,
            weight: NORMAL,
            small_caps: false,
            transform: Transform::None,
            hidden: false,
        }
    }
}

/// One open element of the walk.
struct Frame {
    element: Element,
    computed: Computed,
    face: Option<usize>,
    /// Its children closed so far, for the sibling combinators.
    children: Vec<Element>,
}

/// A set of characters: a bit for each ASCII one, a sorted set for the rest; a long book
/// inserts millions of characters, almost all ASCII and already there.
#[derive(Clone, Default)]
struct Chars {
    ascii: u128,
    other: BTreeSet<char>,
}

impl Chars {
    fn insert(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii |= 1 << (c as u32);
        } else {
            self.other.insert(c);
        }
    }

    fn extend(&mut self, chars: impl IntoIterator<Item = char>) {
        chars.into_iter().for_each(|c| self.insert(c));
    }

    fn union(mut self, other: Chars) -> Chars {
        self.ascii |= other.ascii;
        self.other.extend(other.other);
        self
    }

    fn into_set(self) -> BTreeSet<char> {
        let ascii = (0..128u8)
            .filter(|b| self.ascii & (1 << b) != 0)
            .map(char::from);
        ascii.chain(self.other).collect()
    }
}

/// Below this many bytes of XHTML the documents are read on one thread (`crate::parallel`):
/// the guide's are 40 KB, the 50x book's 1.9 MB.
const PARALLEL_BYTES: usize = 512 * 1024;

/// The characters each face of `sheet` draws (indexed like `sheet.faces`) in `documents`,
/// which a long book reads on the threads of the pool.
pub fn characters(sheet: &Sheet, documents: &[&str]) -> Vec<BTreeSet<char>> {
    let faces = sheet.faces.len();
    let none = || vec![Chars::default(); faces];
    let index = Index::new(sheet);
    let bytes: usize = documents.iter().map(|d| d.len()).sum();
    let per_document = crate::parallel::map(documents, bytes >= PARALLEL_BYTES, |document| {
        let mut drawn = none();
        walk(sheet, &index, document, &mut drawn);
        drawn
    });
    let union =
        |a: Vec<Chars>, b: Vec<Chars>| a.into_iter().zip(b).map(|(a, b)| a.union(b)).collect();
    let drawn: Vec<Chars> = per_document.into_iter().fold(none(), union);
    drawn.into_iter().map(Chars::into_set).collect()
}

fn walk(sheet: &Sheet, index: &Index, document: &str, drawn: &mut [Chars]) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut top_children: Vec<Element> = Vec::new();
    for token in super::tokens::tokens(document) {
        match token {
            super::tokens::Token::Open { element, closed } => {
                let frame = open(sheet, index, element, &stack, &top_children);
                if let Some(face) = frame.face.filter(|_| !frame.computed.hidden) {
                    list_marker(&frame.element, &stack, &mut drawn[face]);
                }
                stack.push(frame);
                if closed {
                    close(&mut stack, &mut top_children);
                }
            }
            super::tokens::Token::Close => close(&mut stack, &mut top_children),
            super::tokens::Token::Text(text) => {
                if let Some(frame) = stack.last()
                    && !frame.computed.hidden
                    && let Some(face) = frame.face
                {
                    draw(&text, &frame.computed, &mut drawn[face]);
                }
            }
        }
    }
}

fn close(stack: &mut Vec<Frame>, top_children: &mut Vec<Element>) {
    if let Some(frame) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(frame.element),
            None => top_children.push(frame.element),
        }
    }
}

/// The selectors of a sheet's rules by their [`Key`], so that an element is matched against the
/// few that can match it rather than every one.
struct Index {
    keyed: HashMap<Key, Vec<(usize, usize)>>,
    any: Vec<(usize, usize)>,
}

impl Index {
    fn new(sheet: &Sheet) -> Self {
        let mut index = Index {
            keyed: HashMap::new(),
            any: Vec::new(),
        };
        for (rule, r) in sheet.rules.iter().enumerate() {
            for (selector, s) in r.selectors.iter().enumerate() {
                match s.key() {
                    Key::Any => index.any.push((rule, selector)),
                    key => index.keyed.entry(key).or_default().push((rule, selector)),
                }
            }
        }
        index
    }

    /// (rule, selector) pairs that may match `element`.
    fn candidates(&self, element: &Element) -> Vec<(usize, usize)> {
        let mut out = self.any.clone();
        let mut add = |key: Key| out.extend(self.keyed.get(&key).into_iter().flatten());
        add(Key::Type(element.name.clone()));
        if let Some(id) = &element.id {
            add(Key::Id(id.clone()));
        }
        for class in &element.classes {
            add(Key::Class(class.clone()));
        }
        out
    }
}

fn open(
    sheet: &Sheet,
    index: &Index,
    element: Element,
    stack: &[Frame],
    top_children: &[Element],
) -> Frame {
    let parent = stack.last().map(|f| f.computed.clone()).unwrap_or_default();
    let hidden = parent.hidden
        || matches!(element.name.as_str(), "head" | "script" | "style" | "title")
        || element.attrs.iter().any(|(name, _)| name == "hidden");
    let candidates = index.candidates(&element);
    // No rule can match (a highlighted token's span, whose rules only colour it): the
    // element's font is its parent's, and so is its face.
    if let (true, Some(parent_frame)) = (candidates.is_empty(), stack.last()) {
        return Frame {
            element,
            computed: Computed { hidden, ..parent },
            face: parent_frame.face,
            children: Vec::new(),
        };
    }
    let ancestors: Vec<&Element> = stack.iter().map(|f| &f.element).collect();
    let mut previous: Vec<&[Element]> = Vec::with_capacity(stack.len() + 1);
    previous.push(top_children);
    previous.extend(stack.iter().map(|f| f.children.as_slice()));
    let context = Context {
        ancestors: &ancestors,
        previous: &previous,
    };
    let mut matched: Vec<(bool, bool, u32, usize)> = Vec::new();
    for (order, selector) in candidates {
        let rule = &sheet.rules[order];
        let selector = &rule.selectors[selector];
        if selector.matches(&element, &context) {
            matched.push((rule.important, rule.author, selector.specificity, order));
        }
    }
    // A rule counts once, with its most specific selector that matches.
    matched.sort_unstable_by_key(|m| (m.3, std::cmp::Reverse(m.2)));
    matched.dedup_by_key(|m| m.3);
    matched.sort_unstable();
    let mut computed = Computed {
        hidden,
        ..parent.clone()
    };
    for (_, _, _, order) in matched {
        apply(&sheet.rules[order].decls, &parent, &mut computed);
    }
    let face = face_for(&sheet.faces, &computed);
    Frame {
        element,
        computed,
        face,
        children: Vec::new(),
    }
}

fn apply(decls: &FontDecls, parent: &Computed, computed: &mut Computed) {
    fn pick<T: Clone>(value: &Option<Value<T>>, inherited: T, slot: &mut T) {
        match value {
            Some(Value::Set(v)) => *slot = v.clone(),
            Some(Value::Inherit) => *slot = inherited,
            None => {}
        }
    }
    if let Some(value) = &decls.family {
        computed.family = match value {
            Value::Set(families) => Rc::from(families.as_slice()),
            Value::Inherit => parent.family.clone(),
        };
    }
    pick(&decls.italic, parent.italic, &mut computed.italic);
    pick(
        &decls.small_caps,
        parent.small_caps,
        &mut computed.small_caps,
    );
    pick(&decls.transform, parent.transform, &mut computed.transform);
    match decls.weight {
        Some(Value::Set(Weight::Absolute(w))) => computed.weight = w,
        Some(Value::Set(Weight::Bolder)) => computed.weight = parent.weight.max(BOLD),
        Some(Value::Set(Weight::Lighter)) => computed.weight = parent.weight.min(NORMAL),
        Some(Value::Inherit) => computed.weight = parent.weight,
        None => {}
    }
    if let Some(hidden) = decls.hidden {
        computed.hidden |= hidden;
    }
}

/// The face CSS font matching picks: the first family of the list declared by `@font-face`
/// (a generic family first means the reader's font), then the style, then the nearest weight.
fn face_for(faces: &[FaceRule], computed: &Computed) -> Option<usize> {
    let family = computed.family.iter().find_map(|name| {
        if GENERIC.contains(&name.to_ascii_lowercase().as_str()) {
            return Some(None);
        }
        faces
            .iter()
            .any(|f| f.family.eq_ignore_ascii_case(name))
            .then_some(Some(name.as_str()))
    })??;
    let of_family = || {
        let faces = faces.iter().enumerate();
        faces.filter(|(_, f)| f.family.eq_ignore_ascii_case(family))
    };
    let style = if of_family().any(|(_, f)| f.italic == computed.italic) {
        computed.italic
    } else {
        !computed.italic
    };
    let candidates: Vec<(usize, u16)> = of_family()
        .filter(|(_, f)| f.italic == style)
        .map(|(i, f)| (i, f.weight))
        .collect();
    let want = computed.weight;
    let heavier = candidates
        .iter()
        .filter(|(_, w)| *w >= want)
        .min_by_key(|(_, w)| *w);
    let lighter = candidates
        .iter()
        .filter(|(_, w)| *w <= want)
        .max_by_key(|(_, w)| *w);
    let found = if want >= HEAVY_FROM {
        heavier.or(lighter)
    } else {
        lighter.or(heavier)
    };
    found.map(|(i, _)| *i)
}

/// The characters `text` draws in an element with `computed` font.
fn draw(text: &str, computed: &Computed, drawn: &mut Chars) {
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c.is_control() {
            continue;
        }
        let keep_case = !matches!(computed.transform, Transform::Upper | Transform::Lower);
        if keep_case {
            drawn.insert(c);
        }
        if computed.small_caps
            || matches!(computed.transform, Transform::Upper | Transform::Capitalize)
        {
            drawn.extend(c.to_uppercase());
        }
        if computed.transform == Transform::Lower {
            drawn.extend(c.to_lowercase());
        }
    }
}

/// A list item's marker: the bullet of an unordered list, the digits and full stop of an
/// ordered one.
fn list_marker(element: &Element, stack: &[Frame], drawn: &mut Chars) {
    if element.name != "li" {
        return;
    }
    match stack.last().map(|f| f.element.name.as_str()) {
        Some("ul") => {
            drawn.insert('•');
        }
        Some("ol") => drawn.extend(('0'..='9').chain(['.'])),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epub::fonts::css;

    const CSS: &str = r#"
@font-face { font-family: "Body"; src: url("R.otf"); }
@font-face { font-family: "Body"; font-style: italic; src: url("I.otf"); }
@font-face { font-family: "Body"; font-weight: bold; src: url("B.otf"); }
@font-face { font-family: "Sans"; font-weight: bold; src: url("SB.otf"); }
body { font-family: "Body", serif; }
h1 { font-family: "Sans", sans-serif; font-weight: bold; }
blockquote em { font-style: normal; }
.label { text-transform: uppercase; }
code { font-family: monospace; }
"#;

    fn drawn(body: &str) -> Vec<String> {
        let sheet = css::parse(CSS);
        let page = format!("<html><head><title>Title</title></head><body>{body}</body></html>");
        let chars = characters(&sheet, &[&page]);
        chars.iter().map(|set| set.iter().collect()).collect()
    }

    #[test]
    fn each_piece_of_text_goes_to_the_face_its_rules_pick() {
        let faces = drawn(
            "<p>ab<em>c</em><strong>d<em>e</em></strong></p><h1>F<em>g</em><span class=\"label\">h</span></h1><code>zz</code><blockquote><em>q</em></blockquote>",
        );
        // Regular: a b and q (an em in a blockquote is upright), not the head's title.
        assert_eq!(faces[0], "abq");
        // Bold italic has no face of its own: CSS matches the style before the weight, so e is
        // drawn in the italic (made bold by the reading system).
        assert_eq!(faces[1], "ce");
        assert_eq!(faces[2], "d");
        // Sans has only a bold face: F, g and the uppercased label.
        assert_eq!(faces[3], "FHg");
    }

    #[test]
    fn an_element_no_rule_can_match_draws_in_its_parents_face() {
        // The spans no font rule names (a highlighted token's, an unstyled class) take their
        // parent's face: italic under em, bold under strong, nothing drawn under hidden.
        let faces = drawn(
            "<p><em>a<span class=\"hl-keyword\">b</span></em><strong><span>c</span></strong><span hidden=\"\"><span>x</span></span></p>",
        );
        assert_eq!(faces[0], "");
        assert_eq!(faces[1], "ab");
        assert_eq!(faces[2], "c");
    }

    #[test]
    fn hidden_text_and_generic_families_draw_nothing_embedded() {
        let faces = drawn("<nav hidden=\"hidden\"><p>x</p></nav><ol><li><code>y</code></li></ol>");
        // The list item's marker is drawn in the body face, its text in the reader's monospace.
        assert_eq!(faces[0], ".0123456789");
        assert!(faces[1..].iter().all(String::is_empty));
    }
}
