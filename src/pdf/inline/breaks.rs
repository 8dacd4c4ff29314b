//! Where a word may break, and at what cost: after explicit hyphens, dashes and slashes
//! (UAX #14); inside web and mail addresses where the Chicago Manual of Style puts breaks
//! (before the punctuation, so a line never ends in a "." or "-" that reads as a stop or a
//! hyphen); and at Liang hyphenation points of ordinary words only, never in an address, a
//! domain name, a number or a word in capitals.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::pdf::hyphenate::{Patterns, hyphenation_points};

/// Cost of breaking at a Liang hyphenation point: twice TeX's \hyphenpenalty (50). Measured
/// with typo-metrics against 50: the guide at A5 14 -> 12 hyphenated lines of 111 (13 -> 11 %),
/// the 10x book 131 -> 111 of 1,092 (12 -> 10 %), uneven neighbours 2 -> 1 of 75 and 20 -> 10
/// of 721, no line more above 1.6x: at the narrow A5 measure the breaker otherwise takes a
/// hyphen where two lines of spaces a little wider would do.
const HYPHEN_PENALTY: f32 = 100.0;
/// Cost of breaking after an explicit hyphen or dash: TeX's \exhyphenpenalty.
const EXPLICIT_HYPHEN_PENALTY: f32 = 50.0;
/// Cost of breaking inside an address or after a slash: allowed, but a space is better.
const ADDRESS_BREAK_PENALTY: f32 = 100.0;
/// A break after an explicit hyphen keeps at least this many characters of the compound on
/// either side, as hyphenation keeps three letters: "in-/depth" or "e-/mail" leave a
/// fragment a reader stumbles on.
const MIN_COMPOUND_PART: usize = 3;
/// A top-level domain has at least this many letters ("Indeed.com", not "e.g.").
const MIN_DOMAIN_SUFFIX: usize = 2;
/// An address breaks only where each side keeps at least this many of its characters: a short
/// one ("Indeed.com", "bls.gov") is read as a word and stays whole, and a long one leaves no
/// fragment like ".com" or "org/" alone at a line's end or start.
const MIN_ADDRESS_PART: usize = 6;

/// The break after a word fragment: its cost, whether it is flagged (a hyphen, for the
/// breaker's double-hyphen demerits) and whether it draws a hyphen when taken.
#[derive(Debug, Clone, Copy)]
pub(super) struct BreakAfter {
    pub penalty: f32,
    pub flagged: bool,
    pub hyphen: bool,
}

/// A break opportunity inside a word: the byte offset it falls at and the break it makes.
#[derive(Debug, Clone, Copy)]
pub(super) struct BreakPoint {
    pub at: usize,
    pub after: BreakAfter,
}

/// A word's text between two break points and the break that ends it (none for the last).
pub(super) struct Fragment<'w> {
    pub text: &'w str,
    pub after: Option<BreakAfter>,
}

fn point(at: usize, penalty: f32, flagged: bool, hyphen: bool) -> BreakPoint {
    BreakPoint {
        at,
        after: BreakAfter {
            penalty,
            flagged,
            hyphen,
        },
    }
}

/// Where a word may break, in order. `linked` says the word is a link's text (a path in it is
/// an address); `hyphenate` gives the patterns of Liang hyphenation, if any.
pub(super) fn break_points(
    word: &str,
    linked: bool,
    hyphenate: Option<Patterns>,
) -> Vec<BreakPoint> {
    let mut points = if is_address(word, linked) {
        address_points(word)
    } else {
        let mut points = explicit_points(word);
        if let Some(patterns) = hyphenate {
            points.extend(liang_points(word, patterns));
        }
        points
    };
    points.sort_by_key(|p| p.at);
    points.dedup_by_key(|p| p.at);
    points
}

/// Punctuation around a word that belongs to the sentence, not to the word.
fn is_sentence_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '(' | ')' | '[' | ']'
    ) || matches!(c, '\u{2018}'..='\u{201f}')
}

/// The word without the sentence's punctuation around it, and its byte offset in the word.
fn core(word: &str) -> (usize, &str) {
    let trimmed = word.trim_start_matches(is_sentence_punctuation);
    let start = word.len() - trimmed.len();
    (start, trimmed.trim_end_matches(is_sentence_punctuation))
}

/// A URL, an e-mail address or a domain name: broken only at its punctuation, never
/// hyphenated.
pub(super) fn is_address(word: &str, linked: bool) -> bool {
    let (_, core) = core(word);
    core.contains("://")
        || core.starts_with("www.")
        || linked && core.contains('/')
        || core.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.ends_with('.')
        })
        || is_domain(core)
}

/// "example.org", "Indeed.com": labels of letters, digits and hyphens joined by dots, the last
/// a top-level domain of letters only.
fn is_domain(core: &str) -> bool {
    let Some((host, suffix)) = core.rsplit_once('.') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-') && !l.starts_with('-')
    };
    suffix.chars().count() >= MIN_DOMAIN_SUFFIX
        && suffix.chars().all(char::is_alphabetic)
        && host.split('.').all(label_ok)
        && host.chars().any(char::is_alphabetic)
}

/// Breaks inside an address, as the Chicago Manual puts them: after "//", before a single
/// slash and before ".", ",", "-", "_", "~", "#", "%", "?" and "@", before or after "=" and
/// "&"; none inside the sentence's punctuation around it, and none that leaves either side
/// under [`MIN_ADDRESS_PART`] characters.
fn address_points(word: &str) -> Vec<BreakPoint> {
    let (start, core) = core(word);
    let mut points = Vec::new();
    let chars: Vec<(usize, char)> = core.char_indices().collect();
    let keeps_parts = |k: usize| k >= MIN_ADDRESS_PART && chars.len() - k >= MIN_ADDRESS_PART;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let before = match c {
            '/' => prev != Some('/') && prev != Some(':') && next != Some('/'),
            '.' | ',' | '-' | '_' | '~' | '#' | '%' | '?' | '@' | '=' | '&' => true,
            _ => false,
        };
        let after = matches!(c, '=' | '&') || c == '/' && prev == Some('/');
        if before && keeps_parts(k) {
            points.push(point(start + at, ADDRESS_BREAK_PENALTY, false, false));
        }
        if after && keeps_parts(k + 1) {
            let end = start + at + c.len_utf8();
            points.push(point(end, ADDRESS_BREAK_PENALTY, false, false));
        }
    }
    points
}

/// Breaks after explicit hyphens, dashes and slashes (UAX #14 opportunities inside the word).
fn explicit_points(word: &str) -> Vec<BreakPoint> {
    let mut points = Vec::new();
    for (at, op) in linebreaks(word) {
        if at == 0 || at >= word.len() || op == BreakOpportunity::Mandatory {
            continue;
        }
        let before = word[..at].chars().next_back().unwrap_or(' ');
        if before == '-' && !long_parts(&word[..at - 1], &word[at..]) {
            continue;
        }
        let penalty = if before == '-' || before == '\u{2013}' || before == '\u{2014}' {
            EXPLICIT_HYPHEN_PENALTY
        } else {
            ADDRESS_BREAK_PENALTY
        };
        points.push(point(at, penalty, before == '-', false));
    }
    points
}

/// Whether the parts of a compound either side of a hyphen (up to the next hyphens) are long
/// enough to break between.
fn long_parts(before: &str, after: &str) -> bool {
    let part_before = before.rsplit('-').next().unwrap_or("");
    let part_after = after.split('-').next().unwrap_or("");
    let letters = |part: &str| part.chars().filter(|c| c.is_alphanumeric()).count();
    letters(part_before) >= MIN_COMPOUND_PART && letters(part_after) >= MIN_COMPOUND_PART
}

/// Liang points of each alphabetic stretch of the word that a reader reads as a word: not an
/// acronym in capitals ("NASA", "COVID-19") and not letters run into digits ("3D", "mp3").
fn liang_points(word: &str, patterns: Patterns) -> Vec<BreakPoint> {
    let mut points = Vec::new();
    let mut stretch_start = None;
    // Whether the stretch under way follows a digit.
    let mut after_digit = false;
    let mut prev: Option<char> = None;
    for (at, c) in word
        .char_indices()
        .chain(std::iter::once((word.len(), ' ')))
    {
        if c.is_alphabetic() {
            if stretch_start.is_none() {
                stretch_start = Some(at);
                after_digit = prev.is_some_and(|p| p.is_ascii_digit());
            }
        } else if let Some(s) = stretch_start.take() {
            let stretch = &word[s..at];
            if !after_digit && !c.is_ascii_digit() && !is_capitals(stretch) {
                for &p in hyphenation_points(stretch, patterns).iter() {
                    points.push(point(s + p, HYPHEN_PENALTY, true, true));
                }
            }
        }
        prev = Some(c);
    }
    points
}

/// A word in capitals (an acronym or an all-caps word): more than one letter, none lowercase.
fn is_capitals(stretch: &str) -> bool {
    stretch.chars().count() > 1 && !stretch.chars().any(char::is_lowercase)
}

/// The word cut at its break points.
pub(super) fn fragments<'w>(word: &'w str, points: &[BreakPoint]) -> Vec<Fragment<'w>> {
    let mut last = 0;
    let mut fragments = Vec::with_capacity(points.len() + 1);
    for point in points {
        fragments.push(Fragment {
            text: &word[last..point.at],
            after: Some(point.after),
        });
        last = point.at;
    }
    fragments.push(Fragment {
        text: &word[last..],
        after: None,
    });
    fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word with "|" at each break and "-|" at each hyphen.
    fn marked(word: &str, linked: bool) -> String {
        let mut out = String::new();
        for f in fragments(
            word,
            &break_points(word, linked, crate::pdf::hyphenate::patterns_for("en")),
        ) {
            out.push_str(f.text);
            match f.after {
                Some(a) if a.hyphen => out.push_str("-|"),
                Some(_) => out.push('|'),
                None => {}
            }
        }
        out
    }

    #[test]
    fn domains_mail_addresses_numbers_and_acronyms_are_never_hyphenated() {
        for word in [
            "Indeed.com",
            "Indeed.com,",
            "bls.gov.",
            "12,500",
            "2024",
            "NASA",
            "UNESCO",
            "COVID-19",
            "mp3s",
        ] {
            assert!(
                !marked(word, false).contains('-') || word.contains('-'),
                "{word}"
            );
            assert!(
                !marked(word, false).contains("-|"),
                "{word}: {}",
                marked(word, false)
            );
        }
        assert!(marked("laboratories", false).contains("-|"));
        assert!(is_address("editorial.department@example-house.org", false));
        assert!(!is_address("e.g.", false));
        assert!(!is_address("St.", false));
    }

    #[test]
    fn addresses_break_before_their_punctuation_and_after_a_double_slash() {
        assert_eq!(
            marked("https://docs.example.org/line-breaking?x=100.", false),
            "https://|docs|.example|.org|/line|-breaking|?x=100."
        );
        assert_eq!(
            marked("editorial.department@example-house.org", false),
            "editorial|.department|@example|-house.org"
        );
    }

    #[test]
    fn a_short_address_stays_whole_and_no_side_of_a_break_is_a_fragment() {
        for word in ["Indeed.com", "Indeed.com,", "bls.gov.", "press@example.com"] {
            assert!(
                !marked(word, false).contains('|'),
                "{}",
                marked(word, false)
            );
        }
        let url = "https://www.example.org/a/b/index.html";
        let marked = marked(url, false);
        let parts: Vec<&str> = marked.split('|').collect();
        assert!(parts.len() > 2, "{marked}");
        for k in 1..parts.len() {
            let (line_end, next_line) = (parts[..k].concat(), parts[k..].concat());
            assert!(line_end.chars().count() >= MIN_ADDRESS_PART, "{marked}");
            assert!(next_line.chars().count() >= MIN_ADDRESS_PART, "{marked}");
        }
    }

    #[test]
    fn explicit_hyphens_still_break_after_the_hyphen() {
        assert_eq!(marked("long-term", false), "long-|term");
        assert_eq!(marked("in-depth", false), "in-depth");
        assert_eq!(marked("e-mail", false), "e-mail");
    }
}
