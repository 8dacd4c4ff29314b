//! Anchor ids and file names from titles. File names and chapter slugs are lower case ASCII
//! letters, digits and hyphens ([`slugify`]); heading ids are made as GitHub (and mdBook) and
//! pandoc make them ([`github_id`], [`pandoc_id`], [`heading_id`]), so that links written for
//! those tools find their headings.

use std::collections::HashSet;

/// `"Can you become a lab tech?"` -> `"can-you-become-a-lab-tech"`. Never empty.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            for lower in c.to_lowercase() {
                if lower.is_ascii_alphanumeric() {
                    out.push(lower);
                } else {
                    out.push_str(&ascii_fold(lower));
                }
            }
        } else if c != '\'' && c != '\u{2019}' {
            pending_hyphen = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    if out.as_bytes()[0].is_ascii_digit() {
        out.insert_str(0, "s-");
    }
    out
}

fn ascii_fold(c: char) -> String {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return format!("u{:x}", c as u32),
    };
    folded.to_string()
}

/// The characters smart punctuation makes, and what was typed for them: a heading's id is made
/// from the text as written (`--` stays two hyphens, an apostrophe is dropped as GitHub drops it).
const UNSMART: [(char, &str); 7] = [
    ('\u{2018}', "'"),
    ('\u{2019}', "'"),
    ('\u{201C}', "\""),
    ('\u{201D}', "\""),
    ('\u{2013}', "--"),
    ('\u{2014}', "---"),
    ('\u{2026}', "..."),
];

/// `text` with smart punctuation turned back into what was typed.
fn unsmart(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match UNSMART.iter().find(|(smart, _)| *smart == c) {
            Some((_, typed)) => out.push_str(typed),
            None => out.push(c),
        }
    }
    out
}

/// A heading's id as GitHub (and mdBook) make it: lower case; letters, digits, `_` and `-`
/// kept; each space a hyphen; everything else dropped. May be empty or start with a digit.
/// `"extension-auto_identifiers"` stays as it is; `"C++ & Rust"` -> `"c--rust"`.
pub fn github_id(text: &str) -> String {
    let mut out = String::new();
    for c in unsmart(text.trim()).chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// A heading's id as pandoc's `auto_identifiers` make it: letters, digits, `_`, `-` and `.`
/// kept; words joined by one hyphen; lower case; everything before the first letter dropped;
/// `section` when nothing is left. `"3. Applications"` -> `"applications"`.
pub fn pandoc_id(text: &str) -> String {
    let kept: String = unsmart(text)
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || "_-.".contains(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let joined = kept.split_whitespace().collect::<Vec<_>>().join("-");
    let from_letter = joined.trim_start_matches(|c: char| !c.is_alphabetic());
    if from_letter.is_empty() {
        "section".to_string()
    } else {
        from_letter.to_string()
    }
}

/// The id quire gives a heading: GitHub's, unless that does not start with a letter or `_`
/// (an XML id, as the EPUB needs, cannot), then pandoc's, which always does.
pub fn heading_id(text: &str) -> String {
    let github = github_id(text);
    match github.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => github,
        _ => pandoc_id(text),
    }
}

/// Hands out ids unique within one scope: a repeated slug gets `-2`, `-3`...
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: HashSet<String>,
}

impl UniqueIds {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserve `id` as it is; false if it was taken already.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// `base`, or `base-2`, `base-3`... whichever is free first.
    pub fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.used.contains(candidate))
            .inspect(|candidate| {
                self.used.insert(candidate.clone());
            })
            .expect("an unbounded range always yields a free id")
    }

    /// `base`, or `base-1`, `base-2`... whichever is free first: how GitHub, mdBook and
    /// pandoc number a repeated heading.
    pub fn unique_from_one(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.used.contains(candidate))
            .inspect(|candidate| {
                self.used.insert(candidate.clone());
            })
            .expect("an unbounded range always yields a free id")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slugify("Can you become a medical lab technician without a degree?"),
            "can-you-become-a-medical-lab-technician-without-a-degree"
        );
        assert_eq!(slugify("Technologists’ tasks"), "technologists-tasks");
        assert_eq!(slugify("Café & Crème"), "cafe-creme");
        assert_eq!(slugify("  ?! "), "section");
        assert_eq!(slugify("14 Quickest"), "s-14-quickest");
    }

    #[test]
    fn github_ids_keep_underscores_and_each_space() {
        assert_eq!(
            github_id("extension-auto_identifiers"),
            "extension-auto_identifiers"
        );
        assert_eq!(
            github_id("Heading identifiers in HTML"),
            "heading-identifiers-in-html"
        );
        assert_eq!(github_id("Maître d’hôtel"), "maître-dhôtel");
        assert_eq!(github_id("Dogs?–in my house?"), "dogs--in-my-house");
        assert_eq!(github_id("C++ & Rust"), "c--rust");
        assert_eq!(github_id("3. Applications"), "3-applications");
        assert_eq!(github_id("Version 1.2"), "version-12");
    }

    #[test]
    fn pandoc_ids_start_at_the_first_letter_and_keep_dots() {
        assert_eq!(pandoc_id("3. Applications"), "applications");
        assert_eq!(pandoc_id("33"), "section");
        assert_eq!(pandoc_id("HTML, S5, or RTF?"), "html-s5-or-rtf");
        assert_eq!(pandoc_id("Maître d’hôtel"), "maître-dhôtel");
        assert_eq!(pandoc_id("Dogs?–in my house?"), "dogs--in-my-house");
        assert_eq!(pandoc_id("Version 1.2"), "version-1.2");
        assert_eq!(pandoc_id("a_b  c"), "a_b-c");
    }

    #[test]
    fn heading_ids_are_githubs_unless_they_cannot_be_xml_ids() {
        assert_eq!(
            heading_id("extension-auto_identifiers"),
            "extension-auto_identifiers"
        );
        assert_eq!(heading_id("3. Applications"), "applications");
        assert_eq!(heading_id("2025"), "section");
        assert_eq!(heading_id("_private"), "_private");
    }

    #[test]
    fn repeated_headings_count_from_one() {
        let mut ids = UniqueIds::new();
        assert_eq!(ids.unique_from_one("faq"), "faq");
        assert_eq!(ids.unique_from_one("faq"), "faq-1");
        assert_eq!(ids.unique_from_one("faq"), "faq-2");
    }

    #[test]
    fn repeated_ids_get_a_number() {
        let mut ids = UniqueIds::new();
        assert_eq!(ids.unique("faq"), "faq");
        assert_eq!(ids.unique("faq"), "faq-2");
        assert_eq!(ids.unique("faq"), "faq-3");
        assert!(!ids.reserve("faq-2"));
    }
}
