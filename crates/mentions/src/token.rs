//! The tokenizer: one sentence's text becomes words and punctuation with byte offsets into
//! the document's text.
//!
//! A word is a run of letters and digits with its inner joiners: hyphens ("al-Amiri",
//! "Iran-backed"), apostrophes ("Qal'at", "Iran’s"), and the dots of initials and
//! abbreviations ("U.S.", "E.", "Gen."). Each word also carries its *core*, the part that
//! can be a name: a possessive "’s" is left out ("Iran’s" → "Iran"), and so are lowercase
//! hyphenated prefixes and suffixes ("pro-Iranian" → "Iranian", "ISIS-held" → "ISIS"),
//! except Arabic articles, which stay ("al-Qaeda").

use crate::lexicon::{self, Classes};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// A word (letters, digits, inner joiners).
    Word,
    /// `(` or `[`.
    Open,
    /// `)` or `]`.
    Close,
    /// A quotation mark, straight or curly.
    Quote,
    /// `,`.
    Comma,
    /// A dash standing between spaces, or an en or em dash.
    Dash,
    /// `/`.
    Slash,
    /// `:`.
    Colon,
    /// Anything else: `.`, `;`, `!`, `?`, `&`, symbols.
    Other,
}

/// The core starts with an uppercase letter.
pub(crate) const CAP: u16 = 1;
/// Every letter of the core is uppercase and it has at least two ("ISIS", "U.S.").
pub(crate) const ALLCAPS: u16 = 1 << 1;
/// The core starts with a lowercase letter.
pub(crate) const LOWER: u16 = 1 << 2;
/// The core starts with a digit.
pub(crate) const DIGIT: u16 = 1 << 3;
/// The core's letters are of a script without case (Arabic, Hebrew, CJK …).
pub(crate) const CASELESS: u16 = 1 << 4;
/// The word ends in a possessive ("Iran’s", "Hamas’") left out of the core.
pub(crate) const POSSESSIVE: u16 = 1 << 5;
/// Lowercase hyphenated parts come before the core ("pro-Iranian").
pub(crate) const PREFIXED: u16 = 1 << 6;
/// Lowercase hyphenated parts come after the core ("Iran-backed").
pub(crate) const SUFFIXED: u16 = 1 << 7;
/// Whitespace (or the sentence start) comes right before the token.
pub(crate) const SPACE_BEFORE: u16 = 1 << 8;
/// The core holds a hyphen.
pub(crate) const HYPHENATED: u16 = 1 << 9;
/// The core ends in an ordinal suffix after digits ("1st", "9th").
pub(crate) const ORDINAL: u16 = 1 << 10;
/// The core holds dots between letters ("U.S.", "E.O.").
pub(crate) const DOTTED: u16 = 1 << 11;

/// One token of a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// First byte of the whole token in the document's text.
    pub start: u32,
    /// End of the whole token (exclusive).
    pub end: u32,
    /// First byte of the core (the part that can be a name).
    pub core_start: u32,
    /// End of the core (exclusive).
    pub core_end: u32,
    /// What it is.
    pub kind: TokKind,
    /// Shape flags ([`CAP`], [`ALLCAPS`] …).
    pub flags: u16,
    /// Lexicon classes of the core (see [`crate::lexicon`]).
    pub class: Classes,
}

impl Token {
    /// Whether it has the shape flag `f`.
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// Whether its core is in a lexicon class.
    pub fn is(&self, c: Classes) -> bool {
        self.class & c != 0
    }

    /// Whether it is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// The core's text.
    pub fn core<'a>(&self, text: &'a str) -> &'a str {
        &text[self.core_start as usize..self.core_end as usize]
    }

    /// The whole token's text.
    #[cfg(test)]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

fn starts_url(b: &[u8]) -> bool {
    b.starts_with(b"http://") || b.starts_with(b"https://") || b.starts_with(b"www.")
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_ayn(c: char) -> bool {
    matches!(c, '‘' | 'ʿ' | 'ʻ')
}

/// The char at byte `i` of `text` (which must be a char boundary below `text.len()`).
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

/// Abbreviations that keep their dot ("Gen.", "Mr.", "Jr.").
fn keeps_dot(word: &str) -> bool {
    matches!(
        word,
        "Gen"
            | "Maj"
            | "Brig"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Cmdr"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Rev"
            | "St"
            | "Jr"
            | "Sr"
            | "Co"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Mt"
            | "Ft"
            | "Pvt"
            | "Cpl"
            | "Gens"
            | "Messrs"
    )
}

/// Appends the tokens of `text[start..end]` to `out`.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut space_before = true;
    while i < end {
        let b = bytes[i];
        let c = char_at(text, i);
        let len = c.len_utf8();
        if c.is_whitespace() {
            space_before = true;
            i += len;
            continue;
        }
        let leading_ayn = is_ayn(c)
            && space_before
            && i + len < end
            && char_at(text, i + len).is_uppercase()
            && out.last().is_some_and(|t| t.is_word() && t.has(CAP));
        // addresses are not prose: skip to the next space
        if (b == b'h' || b == b'w') && starts_url(&bytes[i..end]) {
            while i < end && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            while i < end && !text.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        if c.is_alphanumeric() || leading_ayn {
            let t = scan_word(text, i, end, space_before);
            i = t.end as usize;
            match glued_and(text, &t, end) {
                Some(at) => {
                    let name = scan_word(text, t.start as usize, at, space_before);
                    let and = scan_word(text, at, t.end as usize, false);
                    out.push(name);
                    out.push(and);
                }
                None => out.push(t),
            }
        } else {
            let kind = match c {
                '(' | '[' => TokKind::Open,
                ')' | ']' => TokKind::Close,
                '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' => TokKind::Quote,
                ',' => TokKind::Comma,
                '–' | '—' | '―' => TokKind::Dash,
                '-' if space_before && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => {
                    TokKind::Dash
                }
                '/' => TokKind::Slash,
                ':' => TokKind::Colon,
                _ => TokKind::Other,
            };
            let _ = b;
            out.push(Token {
                start: i as u32,
                end: (i + len) as u32,
                core_start: i as u32,
                core_end: (i + len) as u32,
                kind,
                flags: if space_before { SPACE_BEFORE } else { 0 },
                class: 0,
            });
            i += len;
        }
        space_before = false;
    }
}

/// Scans the word starting at `start` and works out its core and shape.
fn scan_word(text: &str, start: usize, limit: usize, space_before: bool) -> Token {
    let bytes = text.as_bytes();
    let mut j = start;
    let mut flags: u16 = if space_before { SPACE_BEFORE } else { 0 };
    // a leading ayn mark ("‘Abdallah") belongs to the word
    let first = char_at(text, j);
    if is_ayn(first) {
        j += first.len_utf8();
    }
    let mut seg_start = j; // start of the current dot-separated segment
    let mut dotted = false;
    loop {
        while j < limit {
            let b = bytes[j];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                break;
            }
            let c = char_at(text, j);
            if c.is_alphanumeric() || is_combining(c) {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        if j >= limit {
            break;
        }
        let c = char_at(text, j);
        let clen = c.len_utf8();
        let next = (j + clen < limit).then(|| char_at(text, j + clen));
        if is_hyphen(c) && next.is_some_and(|n| n.is_alphanumeric()) {
            j += clen;
            seg_start = j;
            continue;
        }
        if is_apostrophe(c) {
            if next.is_some_and(|n| n.is_alphabetic()) {
                j += clen;
                continue;
            }
            // a plural possessive: "Hamas’ leaders"
            let prev = text[start..j].chars().next_back();
            if matches!(prev, Some('s' | 'S')) && j - start > 2 {
                flags |= POSSESSIVE;
            }
            break;
        }
        if c == '.' {
            let seg = &text[seg_start..j];
            let single_letter =
                seg.chars().count() == 1 && seg.chars().all(|ch| ch.is_alphabetic());
            if single_letter {
                j += 1;
                dotted = true;
                // "U.S", "G.I.s": another letter follows the dot directly
                if next.is_some_and(|n| n.is_alphabetic()) {
                    seg_start = j;
                    continue;
                }
                // "U.S.-designated": the hyphen joins what follows
                let after = j < limit && is_hyphen(char_at(text, j)) && {
                    let h = char_at(text, j).len_utf8();
                    j + h < limit && char_at(text, j + h).is_alphanumeric()
                };
                if after {
                    continue;
                }
                break;
            }
            if keeps_dot(seg) && seg_start == start {
                j += 1;
            }
            break;
        }
        break;
    }
    let end = j;
    let word = &text[start..end];
    // core: drop a possessive "'s", lowercase hyphenated prefixes and suffixes
    let mut core_end = end;
    if !flags_has(flags, POSSESSIVE) {
        for apo in ["'s", "’s", "ʼs", "'S", "’S"] {
            if word.len() > apo.len() + 1 && word.ends_with(apo) {
                core_end = end - apo.len();
                flags |= POSSESSIVE;
                break;
            }
        }
    }
    let mut core_start = start;
    let mut shape_start = start;
    if word.contains(['-', '\u{2010}', '\u{2011}']) {
        let (cs, ce, f, ss) = hyphen_core(text, start, core_end);
        core_start = cs;
        core_end = ce;
        shape_start = ss;
        flags |= f;
    }
    let core = &text[core_start..core_end];
    flags |= shape(&text[shape_start.max(core_start)..core_end]);
    if dotted && core.contains('.') {
        flags |= DOTTED;
    }
    let class = if core.len() <= lexicon::MAX_WORD {
        lexicon::classes(core)
    } else {
        0
    };
    Token {
        start: start as u32,
        end: end as u32,
        core_start: core_start as u32,
        core_end: core_end as u32,
        kind: TokKind::Word,
        flags,
        class,
    }
}

/// Where a conjunction glued to the end of a name starts ("Abu Qarwaniand Abu Ali", as
/// text copied out of markup sometimes joins them): a capitalised word of at least six
/// letters ending in a vowel and "and", before a space and another capitalised word. No
/// English word or name ends so ("Ferdinand", "Finland", "Samarkand" have a consonant
/// before the "and").
fn glued_and(text: &str, t: &Token, limit: usize) -> Option<usize> {
    let word = &text[t.start as usize..t.end as usize];
    let b = word.as_bytes();
    if b.len() < 7
        || !t.has(CAP)
        || t.has(ALLCAPS)
        || t.flags & (POSSESSIVE | SUFFIXED | PREFIXED) != 0
        || !word.ends_with("and")
        || !matches!(b[b.len() - 4], b'a' | b'e' | b'i' | b'o' | b'u')
    {
        return None;
    }
    let rest = text.get(t.end as usize..limit)?;
    let after = rest.trim_start();
    let spaced = after.len() < rest.len();
    (spaced && after.starts_with(|c: char| c.is_uppercase())).then(|| t.end as usize - 3)
}

fn flags_has(flags: u16, f: u16) -> bool {
    flags & f != 0
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x200C | 0x200D)
}

/// Arabic articles and name particles that stay at the front of a hyphenated name.
pub(crate) fn is_article(part: &str) -> bool {
    matches!(
        part,
        "al" | "el"
            | "ad"
            | "an"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "bin"
            | "ibn"
            | "abu"
            | "bani"
            | "beni"
            | "bint"
            | "umm"
            | "abd"
            | "abdul"
    )
}

/// Core bounds of a hyphenated word `text[start..end]`, the flags that say what was
/// left out, and where the part that gives the core its case shape starts (after any
/// Arabic article: "al-Qaeda" is shaped by "Qaeda").
fn hyphen_core(text: &str, start: usize, end: usize) -> (usize, usize, u16, usize) {
    // parts as (start, end) byte offsets
    let mut parts: [(usize, usize); 8] = [(0, 0); 8];
    let mut n = 0;
    let mut p = start;
    for (off, c) in text[start..end].char_indices() {
        if is_hyphen(c) {
            if n < parts.len() - 1 {
                parts[n] = (p, start + off);
                n += 1;
            }
            p = start + off + c.len_utf8();
        }
    }
    parts[n] = (p, end);
    n += 1;
    let upper = |(s, e): (usize, usize)| {
        text[s..e]
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
            && !text[s..e].starts_with(|c: char| c.is_ascii_digit())
    };
    let digits = |(s, e): (usize, usize)| text[s..e].bytes().all(|b| b.is_ascii_digit());
    // a code or model ("MQ-9", "F-16", "Su-25"): the whole word, never a name
    if (0..n).any(|k| {
        let (s, e) = parts[k];
        text[s..e].bytes().any(|b| b.is_ascii_digit())
    }) {
        return (start, end, 0, start);
    }
    // "Pro-Iranian", "Anti-ISIS": a capitalised prefix is still a prefix
    let prefix = |(s, e): (usize, usize)| {
        matches!(
            text[s..e].to_ascii_lowercase().as_str(),
            "pro" | "anti" | "non" | "ex" | "post" | "pre" | "neo" | "pan"
        )
    };
    let first_cap = (0..n).find(|&k| upper(parts[k]) && !(k + 1 < n && prefix(parts[k])));
    let Some(first_cap) = first_cap else {
        return (start, end, 0, start);
    };
    let last_cap = (0..n).rev().find(|&k| upper(parts[k]) || digits(parts[k]));
    let last_cap = last_cap.unwrap_or(first_cap).max(first_cap);
    let mut flags = 0;
    let mut cs = first_cap;
    if first_cap > 0 {
        // keep Arabic articles right before the first capitalised part
        while cs > 0 {
            let (s, e) = parts[cs - 1];
            if is_article(&text[s..e]) {
                cs -= 1;
            } else {
                break;
            }
        }
        if cs > 0 {
            flags |= PREFIXED;
        }
    }
    if last_cap < n - 1 {
        flags |= SUFFIXED;
    }
    let core_start = parts[cs].0;
    let core_end = parts[last_cap].1;
    if cs < last_cap {
        flags |= HYPHENATED;
    }
    (core_start, core_end, flags, parts[first_cap].0)
}

/// Case shape of a core.
fn shape(core: &str) -> u16 {
    let mut chars = core.chars().skip_while(|c| is_ayn(*c));
    let Some(first) = chars.next() else {
        return 0;
    };
    let mut flags = 0;
    if first.is_ascii_digit() {
        flags |= DIGIT;
        let b = core.as_bytes();
        let n = b.len();
        if n >= 3 && b[n - 3].is_ascii_digit() {
            let suf = &core[n - 2..];
            if matches!(suf, "st" | "nd" | "rd" | "th") {
                flags |= ORDINAL;
            }
        }
        return flags;
    }
    if first.is_uppercase() {
        flags |= CAP;
    } else if first.is_lowercase() {
        flags |= LOWER;
    } else if first.is_alphabetic() {
        flags |= CASELESS;
        return flags;
    }
    let mut n_letters = 0;
    let mut all_upper = true;
    for c in core.chars() {
        if c.is_alphabetic() {
            n_letters += 1;
            if !c.is_uppercase() {
                all_upper = false;
            }
        }
    }
    if all_upper && n_letters >= 2 && flags & CAP != 0 {
        flags |= ALLCAPS;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(String, String, u16)> {
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &mut out);
        out.iter()
            .filter(|t| t.is_word())
            .map(|t| (t.text(s).to_string(), t.core(s).to_string(), t.flags))
            .collect()
    }

    #[test]
    fn possessives_leave_the_core() {
        let w = words("Iran’s aid and Hamas’ arms, Haftar's men");
        assert_eq!(w[0].1, "Iran");
        assert!(w[0].2 & POSSESSIVE != 0);
        assert_eq!(w[3].1, "Hamas");
        assert!(w[3].2 & POSSESSIVE != 0);
        assert_eq!(w[5].1, "Haftar");
    }

    #[test]
    fn hyphenated_words_keep_their_name_part() {
        let w = words("Iran-backed pro-Iranian al-Qaeda-linked IRGC-QF then-Defense mid-July");
        let cores: Vec<&str> = w.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            cores,
            ["Iran", "Iranian", "al-Qaeda", "IRGC-QF", "Defense", "July"]
        );
        assert!(w[0].2 & SUFFIXED != 0);
        assert!(w[1].2 & PREFIXED != 0);
        assert!(w[3].2 & ALLCAPS != 0);
    }

    #[test]
    fn dots_of_initials_and_abbreviations() {
        let w = words("The U.S. and Gen. Smith met E. Jones in the U.S.");
        let texts: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            ["The", "U.S.", "and", "Gen.", "Smith", "met", "E.", "Jones", "in", "the", "U.S."]
        );
        assert!(w[1].2 & ALLCAPS != 0 && w[1].2 & DOTTED != 0);
    }

    #[test]
    fn spaced_hyphens_are_dashes() {
        let mut out = Vec::new();
        let s = "ABL - ABLF – Bright Line";
        tokenize(s, 0, s.len(), &mut out);
        let kinds: Vec<TokKind> = out.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokKind::Word,
                TokKind::Dash,
                TokKind::Word,
                TokKind::Dash,
                TokKind::Word,
                TokKind::Word
            ]
        );
    }

    #[test]
    fn other_scripts_are_caseless_words() {
        let w = words("the group حزب الله said");
        assert!(w[2].2 & CASELESS != 0);
        assert_eq!(w[2].1, "حزب");
    }
}
