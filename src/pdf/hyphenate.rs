//! Liang hyphenation with TeX's en-US patterns (the `hyphenation` crate, embedded dictionary),
//! loaded once per process. Each distinct word is hyphenated once per thread.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use hyphenation::{Hyphenator, Language, Load, Standard};

/// Letters kept before the first break: one more than TeX's \lefthyphenmin for English (2),
/// as book houses set it, since two-letter fragments ("ab-", "in-") make the reader stumble.
const LEFT_MIN: usize = 3;
/// Letters kept after the last break: TeX's \righthyphenmin for English.
const RIGHT_MIN: usize = 3;
/// Words shorter than this are never hyphenated: the gain is too small to be worth a hyphen.
const MIN_WORD_CHARS: usize = LEFT_MIN + RIGHT_MIN;

fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| {
        crate::timing::phase("hyphenation patterns", || {
            Standard::from_embedded(Language::EnglishUS)
        })
        .ok()
        .map(|mut d| {
            d.minima = (LEFT_MIN, RIGHT_MIN);
            d
        })
    })
    .as_ref()
}

/// Byte offsets inside `word` where it may be hyphenated. Only purely alphabetic words are
/// hyphenated (no digits, URLs or code); the caller splits words at punctuation first.
/// A book repeats its words, so the points are cached per distinct word (Liang's pattern
/// matching was a tenth of the layout time of a long book).
pub fn hyphenation_points(word: &str) -> Rc<[usize]> {
    thread_local! {
        static CACHE: RefCell<FxHashMap<Box<str>, Rc<[usize]>>> = RefCell::default();
    }
    if word.chars().count() < MIN_WORD_CHARS || !word.chars().all(char::is_alphabetic) {
        return Rc::from([]);
    }
    CACHE.with(|cache| {
        if let Some(hit) = cache.borrow().get(word) {
            return hit.clone();
        }
        let points: Rc<[usize]> = match dictionary() {
            Some(dict) => dict.hyphenate(word).breaks.into(),
            None => Rc::from([]),
        };
        cache.borrow_mut().insert(word.into(), points.clone());
        points
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut last = 0;
        for &b in hyphenation_points(word).iter() {
            out.push(&word[last..b]);
            last = b;
        }
        out.push(&word[last..]);
        out
    }

    #[test]
    fn english_words_break_at_liang_points_with_three_letter_minima() {
        assert_eq!(parts("technician"), ["tech", "ni", "cian"]);
        assert_eq!(parts("hyphenation"), ["hyphen", "a", "tion"]);
        assert_eq!(parts("abnormal"), ["abnor", "mal"]);
        for word in ["certification", "laboratory", "phlebotomy", "Understanding"] {
            let points = hyphenation_points(word);
            assert!(!points.is_empty(), "{word}");
            assert!(
                points.iter().all(|&p| p >= 3 && word.len() - p >= 3),
                "{word}: {points:?}"
            );
        }
        assert!(hyphenation_points("lab").is_empty());
        assert!(hyphenation_points("COVID-19").is_empty());
    }
}
