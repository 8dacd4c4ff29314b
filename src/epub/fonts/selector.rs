//! CSS selectors, as far as deciding which rules of a stylesheet apply to an element: type,
//! universal, class, id and attribute selectors, joined by descendant, child, next-sibling and
//! subsequent-sibling combinators. A pseudo-class or pseudo-element is taken as matching, so a
//! rule such as `p::first-line` counts for the whole element: the faces found are then a
//! superset of those drawn, never missing one.

/// An element as the selectors see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub attrs: Vec<(String, String)>,
}

/// Where an element stands: its ancestors (outermost first), each with the element siblings
/// that came before it, and its own previous siblings.
pub struct Context<'a> {
    pub ancestors: &'a [&'a Element],
    /// `previous[i]`: the siblings before `ancestors[i]`; the last entry is the element's own.
    pub previous: &'a [&'a [Element]],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
    Next,
    Subsequent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Simple {
    Type(String),
    Class(String),
    Id(String),
    /// `[name]` or `[name=value]` (`~=` and the other operators are taken as `=` on a word).
    Attr(String, Option<String>),
}

/// One complex selector: compounds from left to right, each with the combinator before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    parts: Vec<(Combinator, Vec<Simple>)>,
    /// (ids, classes and attributes, types) packed so that a larger number wins.
    pub specificity: u32,
}

/// The selectors of a comma-separated list; one that cannot be read is left out.
pub fn parse_list(text: &str) -> Vec<Selector> {
    text.split(',').filter_map(parse).collect()
}

fn parse(text: &str) -> Option<Selector> {
    let mut parts = Vec::new();
    let mut combinator = Combinator::Descendant;
    let mut compound = String::new();
    let flush = |compound: &mut String, combinator: Combinator, parts: &mut Vec<_>| {
        if !compound.is_empty() {
            parts.push((combinator, parse_compound(compound)));
            compound.clear();
        }
    };
    let mut depth = 0usize;
    for c in text.trim().chars() {
        match c {
            '[' | '(' => {
                depth += 1;
                compound.push(c);
            }
            ']' | ')' => {
                depth = depth.saturating_sub(1);
                compound.push(c);
            }
            '>' | '+' | '~' | ' ' | '\n' | '\t' if depth == 0 => {
                let had = !compound.is_empty();
                flush(&mut compound, combinator, &mut parts);
                if had {
                    combinator = Combinator::Descendant;
                }
                combinator = match c {
                    '>' => Combinator::Child,
                    '+' => Combinator::Next,
                    '~' => Combinator::Subsequent,
                    _ => combinator,
                };
            }
            _ => compound.push(c),
        }
    }
    flush(&mut compound, combinator, &mut parts);
    if parts.is_empty() || parts.iter().any(|(_, simples)| simples.is_none()) {
        return None;
    }
    let parts: Vec<(Combinator, Vec<Simple>)> = parts
        .into_iter()
        .map(|(c, s)| (c, s.unwrap_or_default()))
        .collect();
    let specificity = parts
        .iter()
        .flat_map(|(_, simples)| simples)
        .map(|s| match s {
            Simple::Id(_) => 1 << 16,
            Simple::Class(_) | Simple::Attr(..) => 1 << 8,
            Simple::Type(_) => 1,
        })
        .sum();
    Some(Selector { parts, specificity })
}

/// `h1.title#x[lang]:hover` as simple selectors (pseudo-classes dropped); None if unreadable.
fn parse_compound(text: &str) -> Option<Vec<Simple>> {
    let mut simples = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (kind, body) = rest.split_at(1);
        if kind == "[" {
            let end = body.find(']')?;
            let inner = &body[..end];
            simples.push(match inner.split_once('=') {
                Some((name, value)) => Simple::Attr(
                    name.trim_end_matches(['~', '|', '^', '$', '*'])
                        .trim()
                        .to_string(),
                    Some(value.trim().trim_matches(['"', '\'']).to_string()),
                ),
                None => Simple::Attr(inner.trim().to_string(), None),
            });
            rest = &body[end + 1..];
            continue;
        }
        let (word, after) = if matches!(kind, "." | "#" | ":") {
            let body = body.trim_start_matches(':');
            let end = body.find(['.', '#', '[', ':']).unwrap_or(body.len());
            // A functional pseudo-class's argument belongs to it.
            let end = match body[..end].find('(') {
                Some(open) => open + body[open..].find(')')? + 1,
                None => end,
            };
            (&body[..end], &body[end..])
        } else {
            let end = rest.find(['.', '#', '[', ':']).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        match kind {
            "." => simples.push(Simple::Class(word.to_string())),
            "#" => simples.push(Simple::Id(word.to_string())),
            ":" => {}
            _ if word == "*" => {}
            _ => simples.push(Simple::Type(word.to_ascii_lowercase())),
        }
        rest = after;
    }
    Some(simples)
}

/// What an element must have for a selector to match it, from its last compound: an id, a
/// class, a type, or nothing in particular. Rules are looked up by it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Id(String),
    Class(String),
    Type(String),
    Any,
}

impl Selector {
    pub fn key(&self) -> Key {
        let Some((_, last)) = self.parts.last() else {
            return Key::Any;
        };
        let find = |want: fn(&Simple) -> Option<Key>| last.iter().find_map(want);
        find(|s| match s {
            Simple::Id(id) => Some(Key::Id(id.clone())),
            _ => None,
        })
        .or_else(|| {
            find(|s| match s {
                Simple::Class(c) => Some(Key::Class(c.clone())),
                _ => None,
            })
        })
        .or_else(|| {
            find(|s| match s {
                Simple::Type(t) => Some(Key::Type(t.clone())),
                _ => None,
            })
        })
        .unwrap_or(Key::Any)
    }

    /// Whether the selector matches `element` in `context`.
    pub fn matches(&self, element: &Element, context: &Context<'_>) -> bool {
        let Some(((_, last), rest)) = self.parts.split_last() else {
            return false;
        };
        let combinator = self.parts.last().map(|(c, _)| *c);
        compound_matches(last, element)
            && matches_left(rest, combinator, context.ancestors.len(), context)
    }
}

/// Whether the compounds `left` match to the left of the element at `depth` (the element
/// itself when `depth` is the number of ancestors), joined to it by `combinator`.
fn matches_left(
    left: &[(Combinator, Vec<Simple>)],
    combinator: Option<Combinator>,
    depth: usize,
    context: &Context<'_>,
) -> bool {
    let Some(((_, compound), rest)) = left.split_last() else {
        return true;
    };
    let before = left.last().map(|(c, _)| *c);
    let siblings = context.previous.get(depth).copied().unwrap_or(&[]);
    match combinator.unwrap_or(Combinator::Descendant) {
        Combinator::Child => depth.checked_sub(1).is_some_and(|up| {
            compound_matches(compound, context.ancestors[up])
                && matches_left(rest, before, up, context)
        }),
        Combinator::Descendant => (0..depth).rev().any(|up| {
            compound_matches(compound, context.ancestors[up])
                && matches_left(rest, before, up, context)
        }),
        // Sibling combinators are checked against the siblings only: the compounds further
        // left are taken as matching (a superset, as for pseudo-classes).
        Combinator::Next => siblings
            .last()
            .is_some_and(|s| compound_matches(compound, s)),
        Combinator::Subsequent => siblings.iter().any(|s| compound_matches(compound, s)),
    }
}

fn compound_matches(compound: &[Simple], element: &Element) -> bool {
    compound.iter().all(|simple| match simple {
        Simple::Type(name) => element.name.eq_ignore_ascii_case(name),
        Simple::Class(class) => element.classes.iter().any(|c| c == class),
        Simple::Id(id) => element.id.as_deref() == Some(id.as_str()),
        Simple::Attr(name, value) => attribute_values(element, name).any(|v| {
            value
                .as_ref()
                .is_none_or(|want| v == want || v.split_whitespace().any(|w| w == want))
        }),
    })
}

/// The values of attribute `name` on `element`: `id` and `class` are kept apart from the other
/// attributes (`class` as its words), and `[id=..]`, `[class~=..]` match them too.
fn attribute_values<'a>(
    element: &'a Element,
    name: &str,
) -> Box<dyn Iterator<Item = &'a str> + 'a> {
    match name {
        "id" => Box::new(element.id.as_deref().into_iter()),
        "class" => Box::new(element.classes.iter().map(String::as_str)),
        _ => {
            let name = name.to_string();
            Box::new(
                element
                    .attrs
                    .iter()
                    .filter(move |(n, _)| *n == name)
                    .map(|(_, v)| v.as_str()),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_selectors_match_ids_and_classes() {
        let p = [el("p", Some("intro"), &["lead", "note"])];
        assert!(matches("[id=intro]", &p, &[]));
        assert!(matches("[class~=note]", &p, &[]));
        assert!(matches("p[class]", &p, &[]));
        assert!(!matches("[id=other]", &p, &[]));
    }

    fn el(name: &str, id: Option<&str>, classes: &[&str]) -> Element {
        Element {
            name: name.into(),
            id: id.map(Into::into),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            attrs: Vec::new(),
        }
    }

    fn matches(selector: &str, path: &[Element], previous: &[&[Element]]) -> bool {
        let (element, ancestors) = path.split_last().unwrap();
        let ancestors: Vec<&Element> = ancestors.iter().collect();
        let context = Context {
            ancestors: &ancestors,
            previous,
        };
        parse_list(selector)
            .iter()
            .any(|s| s.matches(element, &context))
    }

    #[test]
    fn child_and_descendant_combinators_follow_the_ancestors() {
        let path = [
            el("nav", Some("toc"), &[]),
            el("ul", None, &[]),
            el("li", None, &[]),
            el("a", None, &[]),
        ];
        let none: [&[Element]; 4] = [&[], &[], &[], &[]];
        assert!(matches("nav#toc > ul > li > a", &path, &none));
        assert!(matches("nav#toc a", &path, &none));
        assert!(!matches("nav#toc > li > a", &path, &none));
        assert!(!matches("nav#other a", &path, &none));
        assert!(matches("h1, nav a:hover", &path, &none));
        let deeper = [
            &path[..3],
            &[el("ul", None, &[]), el("li", None, &[])][..],
            &path[3..],
        ]
        .concat();
        let none: [&[Element]; 6] = [&[]; 6];
        assert!(!matches("nav#toc > ul > li > a", &deeper, &none));
        assert!(matches("nav#toc li li", &deeper[..5], &none[..5]));
    }

    #[test]
    fn classes_ids_and_sibling_combinators() {
        let path = [
            el("blockquote", None, &["callout", "callout-note"]),
            el("p", None, &[]),
        ];
        let before = [el("p", None, &["callout-title"])];
        let previous: [&[Element]; 2] = [&[], &before];
        assert!(matches(".callout p", &path, &previous));
        assert!(matches(".callout-title + p", &path, &previous));
        assert!(!matches("h2 + p", &path, &previous));
        assert!(!matches("div.callout p", &path, &previous));
        let specificity = |s: &str| parse_list(s)[0].specificity;
        assert!(specificity("#toc a") > specificity(".a .b a"));
        assert!(specificity("p.x") > specificity("div p"));
    }
}
