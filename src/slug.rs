//! Anchor ids and file names from titles: lower case ASCII letters, digits and hyphens.

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
    fn repeated_ids_get_a_number() {
        let mut ids = UniqueIds::new();
        assert_eq!(ids.unique("faq"), "faq");
        assert_eq!(ids.unique("faq"), "faq-2");
        assert_eq!(ids.unique("faq"), "faq-3");
        assert!(!ids.reserve("faq-2"));
    }
}
