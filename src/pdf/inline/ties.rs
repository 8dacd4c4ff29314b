//! Ties: word spaces the breaker may not break at, found from the words on either side, as a
//! compositor puts a tie (TeX's `~`) without the author typing one: between a number and the
//! word it counts ("6 percent"), after the word that names a number ("page 4", "May 2024"),
//! after a one-letter word ("a", "I") and after a title before a name ("Dr. Knuth").

use std::borrow::Cow;

use super::Piece;
use super::linebreak::{INFINITE_PENALTY, Item};

/// Words after which a number belongs to them ("page 4", "chapter 11", "No. 3").
const COUNTED: [&str; 20] = [
    "page", "pages", "p.", "pp.", "chapter", "ch.", "figure", "fig.", "table", "section", "§",
    "no.", "vol.", "volume", "part", "step", "version", "appendix", "item", "line",
];
/// Months, which a day or a year follows ("May 2024").
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Titles and abbreviations that stay with the name after them.
const TITLES: [&str; 14] = [
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "mt.", "sr.", "fr.", "rev.", "gen.", "capt.",
    "lt.", "col.",
];

/// A number as written in text: digits with the thousands and decimal separators.
fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().next_back().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\u{2009}'))
}

/// Whether the space between `before` and `after` is a tie.
pub(super) fn is_tie(before: &str, after: &str) -> bool {
    let Some(first_after) = after.chars().next() else {
        return false;
    };
    let opening = before.trim_start_matches(['(', '[', '"', '\u{201c}', '\u{2018}']);
    let listed = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(before));
    (is_number(opening) && first_after.is_alphabetic())
        || (first_after.is_ascii_digit() && (listed(&COUNTED) || listed(&MONTHS)))
        || matches!(opening, "a" | "A" | "I")
        || (first_after.is_uppercase() && listed(&TITLES))
}

/// The text of the word whose boxes end just before item `end` (fragments and break points
/// between them included); borrowed when the word is one fragment, as most are.
pub(super) fn word_before(items: &[Item<Piece>], end: usize) -> Cow<'_, str> {
    let mut parts: Vec<&str> = Vec::new();
    let mut word = None;
    for item in items[..end].iter().rev() {
        match item {
            Item::Box {
                data: Piece::Text { text, word: w, .. },
                ..
            } if word.is_none_or(|word| word == *w) => {
                word = Some(*w);
                parts.push(text.as_str());
            }
            Item::Penalty {
                data: Piece::Break { .. },
                ..
            } if word.is_some() => {}
            _ => break,
        }
    }
    match parts.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        _ => {
            parts.reverse();
            Cow::Owned(parts.concat())
        }
    }
}

/// The first fragment of the word whose boxes start at item `start`: the rules read only its
/// first letter.
fn word_after(items: &[Item<Piece>], start: usize) -> &str {
    match items.get(start) {
        Some(Item::Box {
            data: Piece::Text { text, .. },
            ..
        }) => text,
        _ => "",
    }
}

/// The items with every tied space made unbreakable: the break before it (a hanging mark's
/// penalty) forbidden, or a forbidding penalty put before it.
pub(super) fn tie(items: Vec<Item<Piece>>) -> Vec<Item<Piece>> {
    let spaces: Vec<usize> = (0..items.len())
        .filter(|&i| {
            matches!(
                items[i],
                Item::Glue {
                    data: Piece::Space { .. },
                    ..
                }
            )
        })
        .filter(|&i| {
            // The word before ends at the space or at the hanging mark's break before it.
            let end = if i > 0 && matches!(items[i - 1], Item::Penalty { .. }) {
                i - 1
            } else {
                i
            };
            is_tie(&word_before(&items, end), word_after(&items, i + 1))
        })
        .collect();
    if spaces.is_empty() {
        return items;
    }
    let mut out = Vec::with_capacity(items.len() + spaces.len());
    let mut next = spaces.iter().peekable();
    for (i, item) in items.into_iter().enumerate() {
        let tied = next.peek() == Some(&&i);
        if tied {
            next.next();
            match out.last_mut() {
                Some(Item::Penalty { penalty, .. }) => *penalty = INFINITE_PENALTY,
                _ => out.push(Item::Penalty {
                    width: 0.0,
                    penalty: INFINITE_PENALTY,
                    flagged: false,
                    data: Piece::End,
                }),
            }
        }
        out.push(item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_words_titles_their_names_and_a_its_noun() {
        for (a, b) in [
            ("6", "percent"),
            ("12,500", "copies"),
            ("page", "4"),
            ("May", "2024"),
            ("chapter", "11"),
            ("Dr.", "Knuth"),
            ("St.", "Louis"),
            ("a", "vital"),
            ("I", "think"),
        ] {
            assert!(is_tie(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("2033,", "faster"),
            ("grow", "6"),
            ("the", "field"),
            ("Dr.", "and"),
            ("as", "a"),
        ] {
            assert!(!is_tie(a, b), "{a} {b}");
        }
    }
}
