//! Site furniture: what a page carries around its articles and never belongs to one.
//!
//! - cue lines: tag and category lines ("Posted in …", "Tagged …", "This entry was posted
//!   in …", "Bookmark the permalink"), comment and share blocks ("Leave a Reply", "Your
//!   email address will not be published", "Share this:", "Related"), appeals ("Support
//!   X - Go Ad-Free!");
//! - tag lists: three or more short items between slashes, bars or bullets;
//! - separator lines ("*****", "---", "###");
//! - image file-name residue: one token such as "harbor_night-640-320" or "PortM1";
//! - blocks repeated at the top and the bottom of the page (see [`repeated_at_both_ends`]);
//! - a masthead: the site's name (and tagline) on the first line, named again by the
//!   footer on the last (see [`masthead_name`]).
//!
//! Some cue lines open a zone ([`Zone`]): after "Leave a Reply" the comments follow,
//! after "Share this:" a row of button labels.

use crate::shape::{at_most_words, ends_like_sentence, find_ascii_ci, n_words, starts_with_ci};
use std::collections::HashMap;

/// What a furniture line says of the lines after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// Only this line is furniture.
    Line,
    /// Comments follow: furniture until the next article.
    Comments,
    /// Share buttons or a list of related links follow: short lines after it are
    /// furniture too.
    Links,
}

/// A cue that opens a furniture line.
struct PrefixCue {
    /// The line's opening, in lower case.
    cue: &'static str,
    /// The most words the line may have.
    max_words: usize,
    /// Whether what follows the cue must be a list of short items ("Posted in A, B, C").
    list: bool,
    /// The zone the line opens.
    zone: Zone,
}

const fn cue(cue: &'static str, max_words: usize, list: bool, zone: Zone) -> PrefixCue {
    PrefixCue {
        cue,
        max_words,
        list,
        zone,
    }
}

const PREFIX_CUES: &[PrefixCue] = &[
    cue("posted in ", 40, true, Zone::Line),
    cue("posted tagged", 40, true, Zone::Line),
    cue("tagged ", 40, true, Zone::Line),
    cue("tags:", 40, true, Zone::Line),
    cue("filed under", 40, true, Zone::Line),
    cue("categories:", 40, true, Zone::Line),
    cue("this entry was posted", 80, false, Zone::Line),
    cue("bookmark the permalink", 20, false, Zone::Line),
    cue("leave a reply", 12, false, Zone::Comments),
    cue("leave a comment", 12, false, Zone::Comments),
    cue("post a comment", 12, false, Zone::Comments),
    cue("comments are closed", 12, false, Zone::Comments),
    cue(
        "your email address will not be published",
        40,
        false,
        Zone::Comments,
    ),
    cue("required fields are marked", 20, false, Zone::Comments),
    cue(
        "notice: all comments are subject to moderation",
        400,
        false,
        Zone::Line,
    ),
    cue("our commenting rules", 400, false, Zone::Line),
    cue("comment policy", 400, false, Zone::Line),
    cue("spam protection by", 12, false, Zone::Line),
    cue("share this:", 8, false, Zone::Links),
    cue("share this article", 8, false, Zone::Links),
    cue("like this:", 8, false, Zone::Links),
    cue("related posts", 6, false, Zone::Links),
    cue("related articles", 6, false, Zone::Links),
    cue("related stories", 6, false, Zone::Links),
    cue("you may also like", 8, false, Zone::Links),
    cue("read more:", 20, false, Zone::Line),
    cue("subscribe to our newsletter", 20, false, Zone::Line),
    cue("sign up for our newsletter", 20, false, Zone::Line),
    cue("follow us on", 12, false, Zone::Line),
    cue("skip to content", 6, false, Zone::Line),
    cue("for immediate release", 8, false, Zone::Line),
    cue("media contact", 30, false, Zone::Line),
    cue("press contact", 30, false, Zone::Line),
    cue("skip to main content", 6, false, Zone::Line),
];

/// Whole lines that are furniture (compared in lower case, without final punctuation).
const WHOLE_LINE_CUES: &[(&str, Zone)] = &[
    ("responses", Zone::Comments),
    ("comments", Zone::Comments),
    ("related", Zone::Links),
    ("share", Zone::Links),
    ("advertisement", Zone::Line),
    ("loading", Zone::Line),
    ("print", Zone::Line),
];

/// Cues that make a short line furniture wherever they stand in it.
const INNER_CUES: &[&str] = &["go ad-free", "bookmark the permalink"];

/// Whether the paragraph is furniture on its own, and what zone it opens.
pub(crate) fn furniture_line(s: &str) -> Option<Zone> {
    if is_separator(s) || is_tag_list(s) || is_residue(s) {
        return Some(Zone::Line);
    }
    let first = s.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    for c in PREFIX_CUES {
        if c.cue.as_bytes()[0] == first
            && starts_with_ci(s, c.cue)
            && at_most_words(s, c.max_words)
            && (!c.list || s.get(c.cue.len()..).is_some_and(is_short_item_list))
        {
            return Some(c.zone);
        }
    }
    if s.len() <= 40 && at_most_words(s, 3) {
        let bare = s.trim_end_matches([':', '.', '!']).trim();
        let bare = bare.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
        if let Some(&(_, zone)) = WHOLE_LINE_CUES
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(bare))
        {
            return Some(zone);
        }
    }
    if s.len() <= 200
        && at_most_words(s, 15)
        && INNER_CUES.iter().any(|c| find_ascii_ci(s, c).is_some())
    {
        return Some(Zone::Line);
    }
    None
}

/// Items of at most five words between commas, bars, slashes or bullets, the last
/// possibly closed by a period ("Harbors, Rivers, Towns.").
fn is_short_item_list(s: &str) -> bool {
    if s.contains('\n') {
        return false;
    }
    let s = s.trim().trim_end_matches('.');
    s.split([',', '|', '/', '•', '·'])
        .all(|item| n_words(item) <= 5 && !item.contains(". "))
}

/// A line of only punctuation: "*****", "---", "###", "* * *".
pub(crate) fn is_separator(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric) && s.chars().filter(|c| !c.is_whitespace()).count() >= 3
}

/// Three or more short items between slashes, bars or bullets ("Varan / Tessaly / Militias").
pub(crate) fn is_tag_list(s: &str) -> bool {
    // Three items need a separator between spaces; without one no split below finds them.
    if s.len() > 600 || !may_hold_tag_separator(s) || s.contains('\n') {
        return false;
    }
    if !TAG_SEPARATORS.iter().any(|sep| s.contains(sep)) {
        return false;
    }
    if !at_most_words(s, 60) {
        return false;
    }
    TAG_SEPARATORS.iter().any(|sep| {
        let items: Vec<&str> = s.split(sep).map(str::trim).collect();
        items.len() >= 3
            && items
                .iter()
                .all(|i| (1..=4).contains(&n_words(i)) && !ends_like_sentence(i))
    })
}

/// Whether `s` holds a byte of `/`, `|`, `•` (E2 80 A2) or `·` (C2 B7): a quick pass
/// with no early exit (so it vectorises) before the searches for [`TAG_SEPARATORS`].
fn may_hold_tag_separator(s: &str) -> bool {
    s.bytes().fold(false, |seen, b| {
        seen | matches!(b, b'/' | b'|' | 0xA2 | 0xB7)
    })
}

/// What stands between the items of a tag list.
const TAG_SEPARATORS: [&str; 4] = [" / ", " | ", " • ", " · "];

/// One token left from an image or a widget: "harbor_night-640-320", "PortM1", "1-5",
/// "huss": holding `_` or a digit, glued case ("PortM1"), or all lower case, with no
/// final punctuation. Web addresses are kept.
pub(crate) fn is_residue(s: &str) -> bool {
    if s.is_empty() || s.len() > 120 || s.contains(char::is_whitespace) {
        return false;
    }
    if s.contains("://") || s.starts_with("www.") || s.contains('@') {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return false;
    }
    if s.ends_with('.') {
        return false;
    }
    let marked = s.contains('_') || s.chars().any(|c| c.is_ascii_digit());
    let glued = s
        .chars()
        .zip(s.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    let lower = s.chars().all(|c| !c.is_uppercase());
    marked || glued || lower
}

/// Separators between a site's name and its tagline on a masthead line
/// ("Harbor Watch — notes on the northern ports").
const TAGLINE_SEPARATORS: &[&str] = &[" — ", " – ", " | ", " - ", ": "];
/// Most words of a site's name.
const SITE_NAME_MAX_WORDS: usize = 6;
/// Most words of a masthead line (name and tagline).
const MASTHEAD_MAX_WORDS: usize = 16;

/// The site's name when the page's first paragraph is its masthead: a short line, the
/// name alone or "Name — tagline", whose name opens the page's last paragraph too (the
/// footer: "Name · Powered by …", "© 2021 Name. All rights reserved."). The name must
/// start with a capital and be followed in the footer by punctuation and more text, so
/// neither a footer sentence that merely begins with the same words nor a headline
/// repeated at the page's end counts.
pub(crate) fn masthead_name<'a>(first: &'a str, last: &str) -> Option<&'a str> {
    if first.contains('\n')
        || !at_most_words(first, MASTHEAD_MAX_WORDS)
        || ends_like_sentence(first)
    {
        return None;
    }
    let footer = without_copyright(last.lines().next()?.trim());
    let names = std::iter::once(first).chain(
        TAGLINE_SEPARATORS
            .iter()
            .filter_map(|sep| first.split_once(sep).map(|(name, _)| name)),
    );
    names.map(str::trim).find(|name| {
        let opens_upper = name.chars().next().is_some_and(char::is_uppercase);
        let rest = footer.strip_prefix(name);
        opens_upper
            && at_most_words(name, SITE_NAME_MAX_WORDS)
            && name.chars().any(char::is_alphabetic)
            && rest.is_some_and(|r| {
                let r = r.trim_start();
                r.starts_with(|c: char| !c.is_alphanumeric())
                    && r.chars().any(char::is_alphanumeric)
            })
    })
}

/// A footer line without its copyright opening ("© 2021 ", "Copyright 2021 ", "(c) ").
fn without_copyright(line: &str) -> &str {
    let mut rest = line;
    loop {
        let before = rest;
        for mark in ["©", "(c)", "(C)", "Copyright", "copyright"] {
            if let Some(r) = rest.strip_prefix(mark) {
                rest = r.trim_start();
            }
        }
        let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if year_len == 4 {
            rest = rest[4..].trim_start_matches([' ', ',', '-', '–']);
        }
        if rest.len() == before.len() {
            return rest;
        }
    }
}

/// Indices of short paragraphs (at most fifteen words) that stand both among the first
/// three and among the last three of the page: a banner or appeal repeated at both ends.
pub(crate) fn repeated_at_both_ends(paragraphs: &[&str]) -> Vec<usize> {
    let n = paragraphs.len();
    if n < 4 {
        return Vec::new();
    }
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, p) in paragraphs.iter().enumerate().take(3) {
        if at_most_words(p, 15) {
            first_seen.entry(p).or_insert(i);
        }
    }
    let mut out = Vec::new();
    for (i, p) in paragraphs
        .iter()
        .enumerate()
        .skip(n.saturating_sub(3).max(3))
    {
        if let Some(&first) = first_seen.get(p) {
            out.push(first);
            out.push(i);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: Option<Zone>) {
        assert_eq!(furniture_line(line), expect, "{line:?}");
    }

    #[test]
    fn cue_lines() {
        check("Posted in Harbors, Rivers, Towns", Some(Zone::Line));
        check(
            "This entry was posted in Harbors. Bookmark the permalink.",
            Some(Zone::Line),
        );
        check("Leave a Reply", Some(Zone::Comments));
        check("12 Responses", Some(Zone::Comments));
        check("Share this:", Some(Zone::Links));
        check("Support Quill Weekly - Go Ad-Free!", Some(Zone::Line));
        check(
            "Posted in the harbor for a decade, the unit saw little fighting but much else.",
            None,
        );
        check("Tagged ‘Harbor talks’", Some(Zone::Line));
        check("The harbor was quiet.", None);
    }

    #[test]
    fn lists_separators_residue() {
        assert!(is_tag_list("Harbors / Rivers / Northland / Talks"));
        assert!(!is_tag_list("The river / the sea"));
        assert!(is_separator("*****"));
        assert!(is_separator("* * *"));
        assert!(!is_separator("--- A ---"));
        for r in ["harbor_night-640-320", "PortM1", "1-5", "huss"] {
            assert!(is_residue(r), "{r}");
        }
        for keep in ["Conclusion", "PDU", "2.", "www.example.org", "Remember:"] {
            assert!(!is_residue(keep), "{keep}");
        }
    }

    #[test]
    fn mastheads_named_again_in_the_footer() {
        assert_eq!(
            masthead_name(
                "Harbor Watch — notes on the northern ports",
                "Harbor Watch · Powered by a blog platform"
            ),
            Some("Harbor Watch")
        );
        assert_eq!(
            masthead_name(
                "Quill Notebook",
                "© 2021 Quill Notebook. All rights reserved."
            ),
            Some("Quill Notebook")
        );
        assert_eq!(
            masthead_name("Harbor Watch", "Harbor Watchers met again on Monday."),
            None
        );
        assert_eq!(
            masthead_name("Harbor Watch", "Harbor Watch is a blog about ports."),
            None
        );
        assert_eq!(
            masthead_name("The port fell on Monday.", "The port fell on Monday."),
            None
        );
        assert_eq!(
            masthead_name("Who Holds the Port?", "Who Holds the Port?"),
            None
        );
    }

    #[test]
    fn banners_repeated_at_both_ends() {
        let page = [
            "Support Us!",
            "Title",
            "Body one.",
            "Body two.",
            "Body three.",
            "Support Us!",
            "Rules.",
        ];
        assert_eq!(repeated_at_both_ends(&page), vec![0, 5]);
    }
}
