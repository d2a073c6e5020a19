//! Paragraph shapes that do not name anything: headline-shaped lines, title case, image
//! captions (a file-name slug glued to the caption, a photo credit), editors' notes in
//! brackets, a rough sentence count.

use crate::names::{is_abbreviation, prefix_within, starts_lower, starts_upper};

/// Words in `s`, split at whitespace (as `split_whitespace().count()`).
pub(crate) fn n_words(s: &str) -> usize {
    model::count_words(s)
}

/// Words in `s` (as `split_whitespace` splits them), counting no further than `max + 1`:
/// the count when it is at most `max`, else `max + 1`.
pub(crate) fn n_words_upto(s: &str, max: usize) -> usize {
    model::count_words_upto(s, max)
}

/// Whether `s` has at most `max` words; stops counting past `max`.
#[inline]
pub(crate) fn at_most_words(s: &str, max: usize) -> bool {
    // `k` words take at least `2k - 1` bytes: `2 * max` bytes hold at most `max`.
    s.len() <= 2 * max || n_words_upto(s, max) <= max
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring ASCII case.
pub(crate) fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    let (lo, up) = (n[0], n[0].to_ascii_uppercase());
    let rest = &n[1..];
    h[..=h.len() - n.len()]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == lo || b == up)
        .map(|(i, _)| i)
        .find(|&i| h[i + 1..i + n.len()].eq_ignore_ascii_case(rest))
}

/// Whether `s` starts with `prefix` (lower-case ASCII), ignoring ASCII case.
#[inline]
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

const CLOSING_MARKS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];
const OPENING_MARKS: &[char] = &['"', '“', '‘', '\'', '«'];

/// Whether the paragraph ends as a sentence or clause does: a period (not that of an
/// abbreviation such as "U.S."), comma, semicolon or colon, before any closing quotes.
pub(crate) fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSING_MARKS);
    let Some(last) = t.chars().last() else {
        return false;
    };
    match last {
        ',' | ';' | ':' | '…' => true,
        '.' => {
            let word = t.rsplit(char::is_whitespace).next().unwrap_or(t);
            !is_abbreviation(word.trim_start_matches(OPENING_MARKS))
        }
        _ => false,
    }
}

/// Whether the paragraph looks like a headline: one line of at most 25 words, opening
/// with a capital or a digit (possibly after an opening quote), not ending as a sentence
/// does, not opening with a file-name slug.
pub(crate) fn is_headline_shaped(s: &str) -> bool {
    if s.len() > 300 || s.contains('\n') {
        return false;
    }
    if s.trim().is_empty() || !at_most_words(s, 25) || ends_like_sentence(s) {
        return false;
    }
    let opening = s.trim_start_matches(OPENING_MARKS);
    let first_ok = starts_upper(opening) || opening.starts_with(|c: char| c.is_ascii_digit());
    first_ok && s.chars().any(char::is_alphabetic) && glued_slug_end(s).is_none()
}

/// Short words a title leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs", "via", "into", "over", "per", "up", "off", "out", "than",
];

/// Whether the line is written in title case ("How the River Towns Were Lost"): at least
/// three words besides the small ones, four in five of them capitalised, and not the
/// whole line in capitals (a section heading shouts; a headline capitalises).
pub(crate) fn is_title_case(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = s.chars().filter(|c| c.is_uppercase()).count();
    if letters == 0 || uppers * 10 >= letters * 8 {
        return false;
    }
    let mut n = 0;
    let mut n_capitalised = 0;
    for w in s.split_whitespace() {
        let w = w.trim_start_matches(OPENING_MARKS);
        if !w.starts_with(char::is_alphabetic) || TITLE_SMALL_WORDS.contains(&w) {
            continue;
        }
        n += 1;
        if starts_upper(w) {
            n_capitalised += 1;
        }
    }
    n >= 3 && n_capitalised * 5 >= n * 4
}

/// A rough count of sentences: terminal marks followed by a space and a capital, plus a
/// final one.
pub(crate) fn n_sentences(s: &str) -> usize {
    let chars: Vec<char> = s.chars().collect();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && CLOSING_MARKS.contains(&chars[j]) {
                j += 1;
            }
            if j == chars.len() {
                n += 1;
            } else if chars[j].is_whitespace() {
                let next = chars[j..].iter().find(|c| !c.is_whitespace());
                if next.is_some_and(|c| c.is_uppercase() || OPENING_MARKS.contains(c)) {
                    n += 1;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    n.max(1)
}

fn is_slug_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// Where the caption starts when the paragraph opens with an image file-name slug run
/// into it ("harbor-night-640-320Boats at anchor …", "lena mossLena Moss speaks",
/// "Night_harbor_2.16Boats at anchor"): the byte offset of the caption's first letter.
///
/// The slug is at most four lower-case words and then a word whose slug part (at least
/// three characters, lower case, or holding `_`, `-` or digits) runs straight into a
/// capitalised word.
pub(crate) fn glued_slug_end(s: &str) -> Option<usize> {
    let mut offset = 0;
    for (i, word) in s.split(' ').enumerate().take(5) {
        if let Some(p) = glue_point(word) {
            return Some(offset + p);
        }
        let plain_lower = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase());
        if !plain_lower || i == 4 {
            return None;
        }
        offset += word.len() + 1;
    }
    None
}

/// In one word, the offset where a slug ends and a capitalised word begins.
fn glue_point(word: &str) -> Option<usize> {
    let mut chars = word.char_indices();
    let (_, mut prev) = chars.next()?;
    let (mut at, mut c) = chars.next()?;
    for (next_at, next) in chars {
        let (this_at, this, before) = (at, c, prev);
        (prev, at, c) = (this, next_at, next);
        if !(this.is_uppercase() && next.is_lowercase()) {
            continue;
        }
        if !(before.is_ascii_lowercase() || before.is_ascii_digit() || before == '.') {
            continue;
        }
        let slug = &word[..this_at];
        if !slug.chars().all(is_slug_char) || slug.len() < 3 {
            return None;
        }
        let marked = slug.contains(['_', '-']) || slug.chars().any(|c| c.is_ascii_digit());
        let lower = slug.chars().all(|c| !c.is_ascii_uppercase());
        return (marked || (lower && starts_lower(slug))).then_some(this_at);
    }
    None
}

/// Cues of a photo credit inside a caption, after an opening bracket.
const BRACKETED_PHOTO_CUES: &[&str] = &[
    "photo:",
    "photo by",
    "photo credit",
    "photograph:",
    "image:",
    "image source",
    "image credit",
    "picture:",
    "credit:",
    "file photo",
    "ap photo",
];

/// Cues of a photo credit anywhere in a caption.
const PHOTO_CUES: &[&str] = &["photo credit:", "image source:"];

/// Whether one of [`PHOTO_CUES`] stands in `s` (ignoring ASCII case). Each ends with a
/// colon, so only the text before each colon is compared.
fn has_photo_cue(s: &str) -> bool {
    let b = s.as_bytes();
    s.match_indices(':').any(|(colon, _)| {
        PHOTO_CUES.iter().any(|cue| {
            let start = (colon + 1).checked_sub(cue.len());
            start.is_some_and(|st| b[st..=colon].eq_ignore_ascii_case(cue.as_bytes()))
        })
    })
}

/// Openings of a photo credit standing as a caption's last sentence ("… at dawn. Photo:
/// Quill Wire").
const TRAILING_PHOTO_CUES: &[&str] = &[
    "photo:",
    "photo by",
    "photograph:",
    "photograph by",
    "photo credit",
    "picture:",
    "image:",
    "credit:",
];
/// Most words of such a trailing photo credit.
const TRAILING_PHOTO_CREDIT_MAX_WORDS: usize = 8;

/// Whether the paragraph's last sentence is a short photo credit.
fn has_trailing_photo_credit(s: &str) -> bool {
    let Some(stop) = s
        .trim_end()
        .rfind(['.', '!', '?'])
        .filter(|&i| i + 1 < s.len())
    else {
        return false;
    };
    let (before, tail) = s.split_at(stop + 1);
    let tail = tail.trim();
    !before.trim().is_empty()
        && s[stop + 1..].starts_with(char::is_whitespace)
        && at_most_words(tail, TRAILING_PHOTO_CREDIT_MAX_WORDS)
        && TRAILING_PHOTO_CUES.iter().any(|c| {
            tail.get(..c.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(c))
        })
}

/// Openings of a caption paragraph.
const CAPTION_OPENERS: &[&str] = &[
    "photo:",
    "image:",
    "caption:",
    "pictured:",
    "above:",
    "file photo",
];

/// Whether the paragraph is an image caption: a slug glued to it, a photo credit in a
/// short paragraph (in brackets, or its last sentence), or a caption opener.
pub(crate) fn is_caption(s: &str) -> bool {
    if glued_slug_end(s).is_some() {
        return true;
    }
    if s.len() > 800 {
        return false;
    }
    let cued = has_bracketed_photo_cue(s)
        || has_photo_cue(s)
        || has_trailing_photo_credit(s)
        || CAPTION_OPENERS.iter().any(|c| starts_with_ci(s, c));
    cued && at_most_words(s, 60)
}

/// Whether an opening bracket in `s` starts a photo credit ("(Photo: …)").
fn has_bracketed_photo_cue(s: &str) -> bool {
    s.match_indices('(').any(|(i, _)| {
        let after = &s.as_bytes()[i + 1..];
        BRACKETED_PHOTO_CUES.iter().any(|c| {
            after
                .get(..c.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(c.as_bytes()))
        })
    })
}

/// Whether the paragraph is an editor's note wrapped in brackets
/// ("(See also our earlier report. — Ed.)").
pub(crate) fn is_bracketed_note(s: &str) -> bool {
    let t = s.trim_end_matches('.');
    ((t.starts_with('(') && t.ends_with(')')) || (t.starts_with('[') && t.ends_with(']')))
        && at_most_words(s, 80)
}

/// "CITY —" or "CITY, Country (Agency) –" opening a news or release paragraph.
pub(crate) fn opens_with_city_dateline(s: &str) -> bool {
    let Some(pos) = s.find([' ']) else {
        return false;
    };
    let head = &s[..pos];
    head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && head
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ',' | '.' | '-'))
        && prefix_within(s, 60).contains(['—', '–'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_shapes() {
        assert!(is_headline_shaped("Who Holds the River Towns?"));
        assert!(is_headline_shaped("Rebels Take Port, Talks Stall"));
        assert!(is_headline_shaped("Northland Warns the U.S."));
        assert!(!is_headline_shaped("The rebels took the port."));
        assert!(!is_headline_shaped("Remember:"));
        assert!(!is_headline_shaped("river-port-640Boats at anchor"));
    }

    #[test]
    fn title_case_but_not_capitals() {
        assert!(is_title_case("How the River Towns Were Lost to the North"));
        assert!(!is_title_case("How the river towns were lost"));
        assert!(!is_title_case("SANCTIONS AND PENALTIES"));
    }

    #[test]
    fn glued_slugs_open_captions() {
        let check = |s: &str, expect: Option<&str>| {
            assert_eq!(glued_slug_end(s).map(|i| &s[i..]), expect, "{s:?}");
        };
        check(
            "harbor-night-640-320Boats at anchor",
            Some("Boats at anchor"),
        );
        check("lena mossLena Moss speaks", Some("Lena Moss speaks"));
        check("Night_harbor_2.16Boats at anchor", Some("Boats at anchor"));
        check("eBay sellers rallied", None);
        check("iPhone sales fell", None);
        check("al-Harith supporters marched", None);
        check("McDonald said", None);
    }

    #[test]
    fn captions_and_notes() {
        assert!(is_caption("Lena Moss at the harbor. (Photo: Quill Weekly)"));
        assert!(is_caption(
            "A convoy near the pass (Image source: example.org)"
        ));
        assert!(is_caption(
            "Boats at anchor in the north port. Photo: Quill Wire"
        ));
        assert!(is_caption("Boats at anchor. Photograph by Lena Moss"));
        assert!(!is_caption("The convoy reached the pass at dawn."));
        assert!(!is_caption(
            "The ministry said so. Photos of the convoy were shown to reporters on Monday."
        ));
        assert!(is_bracketed_note("(See also our earlier report. — Ed.)"));
        assert!(!is_bracketed_note("(AP) The convoy reached the pass."));
    }

    #[test]
    fn sentence_counts() {
        assert_eq!(n_sentences("One here. Two there."), 2);
        assert_eq!(n_sentences("Just one about the U.S. army"), 1);
        assert_eq!(n_sentences("He said “no.” Then left."), 2);
    }

    #[test]
    fn word_bounds_and_folded_search() {
        assert!(at_most_words("one two", 2));
        assert!(!at_most_words("one two three", 2));
        assert_eq!(find_ascii_ci("A convoy (PHOTO: x)", "(photo:"), Some(9));
        assert_eq!(find_ascii_ci("ü(photo", "(photo"), Some(2));
        assert_eq!(find_ascii_ci("short", "longer needle"), None);
    }

    #[test]
    fn photo_cues_end_with_a_colon() {
        // `has_photo_cue` compares only the text before each colon.
        assert!(PHOTO_CUES.iter().all(|c| c.ends_with(':')));
        assert!(has_photo_cue("Fighters at dawn. Photo credit: Quill Wire"));
        assert!(has_photo_cue("IMAGE SOURCE: example.org"));
        assert!(!has_photo_cue("Photo credit Quill Wire: none"));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Short words, ASCII and Unicode whitespace (and chars that only look like it).
        const WORDY: &str = "[ab.\u{e9}\u{2019}:( ]{0,3}[ \t\n\u{b}\u{c}\r\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{e1}\u{e2}\u{2022}a-c]{0,30}";

        /// The search `find_ascii_ci` replaced.
        fn find_naive(hay: &str, needle: &str) -> Option<usize> {
            let (h, n) = (hay.as_bytes(), needle.as_bytes());
            if n.is_empty() || h.len() < n.len() {
                return None;
            }
            (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
        }

        /// The slug reader `glue_point` replaced.
        fn glue_point_by_vec(word: &str) -> Option<usize> {
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            for k in 1..chars.len().saturating_sub(1) {
                let (at, c) = chars[k];
                let (prev, next) = (chars[k - 1].1, chars[k + 1].1);
                if !(c.is_uppercase() && next.is_lowercase()) {
                    continue;
                }
                if !(prev.is_ascii_lowercase() || prev.is_ascii_digit() || prev == '.') {
                    continue;
                }
                let slug = &word[..at];
                if !slug.chars().all(is_slug_char) || slug.len() < 3 {
                    return None;
                }
                let marked = slug.contains(['_', '-']) || slug.chars().any(|c| c.is_ascii_digit());
                let lower = slug.chars().all(|c| !c.is_ascii_uppercase());
                return (marked || (lower && starts_lower(slug))).then_some(at);
            }
            None
        }

        proptest! {
            #[test]
            fn word_counts_agree_with_split_whitespace(
                s in prop_oneof![WORDY, "[a ]{0,20}", "[a\u{a0}\u{3000}]{0,12}"],
                max in 0usize..16,
            ) {
                let n = s.split_whitespace().count();
                prop_assert_eq!(n_words(&s), n);
                prop_assert_eq!(n_words_upto(&s, max), n.min(max + 1));
                prop_assert_eq!(at_most_words(&s, max), n <= max);
            }

            #[test]
            fn folded_search_agrees_with_the_naive_one(
                hay in "[pPhHoO:( \u{fc}a]{0,24}",
                needle in prop::sample::select(vec!["(photo:", "photo", ":", "ph", "o p"]),
            ) {
                prop_assert_eq!(find_ascii_ci(&hay, needle), find_naive(&hay, needle));
                prop_assert_eq!(
                    starts_with_ci(&hay, needle),
                    hay.get(..needle.len()).is_some_and(|h| h.eq_ignore_ascii_case(needle))
                );
            }

            #[test]
            fn glue_points_agree_with_the_char_vector_reading(word in "[a-cA-C0-9_.\u{e9}\u{c9}-]{0,10}") {
                prop_assert_eq!(glue_point(&word), glue_point_by_vec(&word));
            }
        }
    }
}
