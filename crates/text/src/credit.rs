//! Metadata lines: dates inside a line, date lines, bylines, credit lines
//! ("Title, Outlet Author, Date"), origin notes ("This article first appeared in X"),
//! office and "Name, Title" lines, signature blocks, "Statement from …" titles,
//! self-references ("X, one of the authors of this report") and the issuing body named in
//! an official release's opening sentence.
//!
//! Each reader takes one trimmed paragraph and answers `None` unless the whole shape is
//! there; all are linear in the paragraph's length.

use crate::names::{
    core, is_person_name, leading_capitalised_run, lower_case_in, person_names, prefix_within,
    split_glued_author, starts_upper, title_case_name, tokens, trailing_person, without_honorifics,
};
use crate::sentences::space_len;
use crate::shape::{at_most_words, find_ascii_ci, n_words_upto, starts_with_ci};
use model::{month_from_name, Date};

/// A date found inside a line, with its byte range in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundDate {
    /// The date.
    pub date: Date,
    /// First byte of the date's text.
    pub start: usize,
    /// End of the date's text (exclusive).
    pub end: usize,
}

/// The first date written in `line`: `2017-07-31`, `2017/07/31`, `July 31, 2017`,
/// `Jan. 8, 2015`, `31 July 2017`, `3rd March 2021`.
pub(crate) fn find_date(line: &str) -> Option<FoundDate> {
    find_date_in(&tokens(line))
}

/// [`find_date`] over a line's tokens (offsets as [`tokens`] gives them).
fn find_date_in(toks: &[(usize, &str)]) -> Option<FoundDate> {
    for i in 0..toks.len() {
        let (off, raw) = toks[i];
        let (c_off, word) = core(raw);
        let start = off + c_off;
        if let Some(date) = iso_date(word) {
            return Some(FoundDate {
                date,
                start,
                end: start + 10,
            });
        }
        if month_from_name(word).is_none() || !word.chars().all(|c| c.is_alphabetic() || c == '.') {
            continue;
        }
        // Month D, YYYY
        if i + 2 < toks.len() {
            let (day_tok, year_tok) = (toks[i + 1], toks[i + 2]);
            if let Some(found) = words_date(start, word, day_tok, year_tok) {
                return Some(found);
            }
        }
        // D Month YYYY
        if i >= 1 && i + 1 < toks.len() {
            let (d_off, d_raw) = toks[i - 1];
            let (dc, day) = core(d_raw);
            let (y_off, y_raw) = toks[i + 1];
            let (yc, year) = core(y_raw);
            if starts_digit(day) && is_year(year) {
                if let Some(date) = Date::parse(&format!("{day} {word} {year}")) {
                    return Some(FoundDate {
                        date,
                        start: d_off + dc,
                        end: y_off + yc + year.len(),
                    });
                }
            }
        }
    }
    None
}

fn words_date(
    start: usize,
    month: &str,
    (_, day_raw): (usize, &str),
    (y_off, y_raw): (usize, &str),
) -> Option<FoundDate> {
    let (_, day) = core(day_raw);
    let (yc, year) = core(y_raw);
    if !starts_digit(day) || !is_year(year) {
        return None;
    }
    let date = Date::parse(&format!("{month} {day}, {year}"))?;
    let end = y_off + yc + year.len();
    Some(FoundDate { date, start, end })
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

fn starts_digit(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

/// `2017-07-31` or `2017/07/31`, optionally followed by a time (`T10:00:00Z`).
fn iso_date(word: &str) -> Option<Date> {
    let b = word.as_bytes();
    if b.len() < 10 || !b[0].is_ascii_digit() || !word.is_char_boundary(10) {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't') {
        return None;
    }
    Date::parse(&word[..10])
}

/// Words that may stand beside the date of a date line ("Posted on", "Updated:", "at").
const DATE_LINE_WORDS: &[&str] = &[
    "posted",
    "published",
    "updated",
    "last",
    "modified",
    "on",
    "at",
    "date",
    "dated",
    "first",
    "originally",
    "released",
    "issued",
    "created",
    "edited",
    "release",
    "am",
    "pm",
    "a.m",
    "p.m",
    "a.m.",
    "p.m.",
    "et",
    "est",
    "edt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "msk",
    "ist",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// A token that may accompany a date on a date line: a cue word, a weekday, a time, a
/// zone offset or bare punctuation.
fn is_date_line_filler(raw: &str) -> bool {
    let (_, word) = core(raw);
    if word.is_empty() || !word.chars().any(char::is_alphanumeric) {
        return true;
    }
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    DATE_LINE_WORDS.contains(&lower)
        || WEEKDAYS.contains(&lower)
        || (word.contains(':') && word.chars().all(|c| c.is_ascii_digit() || c == ':'))
        || (word.starts_with(['+', '-']) && word[1..].bytes().all(|b| b.is_ascii_digit()))
        || is_clock_time(lower)
}

/// "10:00am", "9pm".
fn is_clock_time(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let suffix = &w[digits.len()..];
    !digits.is_empty()
        && matches!(suffix, "am" | "pm" | "a.m" | "p.m")
        && digits.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// A line that gives a date and little else: `July 31, 2017`, `2024-03-12`,
/// `Updated 3 March 2021`, `Posted on Monday, May 2, 2016 at 10:00 am`, optionally with
/// `by Name` at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateLine {
    /// The date.
    pub date: Date,
    /// The author a trailing "by Name" gives.
    pub author: Option<String>,
}

/// Reads a date line (see [`DateLine`]).
pub(crate) fn date_line(line: &str) -> Option<DateLine> {
    if line.len() > 160 || line.contains('\n') || !has_digit(line) {
        return None;
    }
    let toks = tokens(line);
    if toks.len() > 16 {
        return None;
    }
    let found = find_date_in(&toks)?;
    let mut author = None;
    for (idx, &(off, raw)) in toks.iter().enumerate() {
        if off >= found.start && off < found.end {
            continue;
        }
        if off >= found.end && raw.eq_ignore_ascii_case("by") {
            let rest = line[off + raw.len()..].trim();
            let name = without_honorifics(rest.trim_end_matches(['.', ',']));
            if is_person_name(name) || (idx + 1 < toks.len() && single_handle(name)) {
                author = Some(name.to_string());
                break;
            }
            return None;
        }
        if !is_date_line_filler(raw) {
            return None;
        }
    }
    Some(DateLine {
        date: found.date,
        author,
    })
}

/// A one-word user name after "by" ("by admin", "by jdoe").
fn single_handle(s: &str) -> bool {
    !s.is_empty() && !s.contains(char::is_whitespace) && s.len() <= 30
}

/// A credit line: `Title, Outlet, Author, Date`, `Title, OutletAuthor, Date` or
/// `Outlet, Date`; the parts before the date, split at commas and bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CreditLine {
    /// The parts before the date, trimmed, in order.
    pub parts: Vec<String>,
    /// The date that ends the line.
    pub date: Date,
}

/// Reads a credit line: at most forty words ending with a date, the date preceded by a
/// separator (comma, bar or dash), the part just before it starting with a capital.
pub(crate) fn credit_line(line: &str) -> Option<CreditLine> {
    if line.len() > 400 || !last_alphanumeric_is_digit(line) || line.contains('\n') {
        return None;
    }
    let toks = tokens(line);
    if toks.len() > 40 || toks.len() < 3 {
        return None;
    }
    // The date must be the line's last words.
    let found = last_date(&toks)?;
    if !line[found.end..].chars().all(|c| !c.is_alphanumeric()) {
        return None;
    }
    let prefix = line[..found.start].trim_end();
    let prefix = prefix
        .strip_suffix([',', '|', '–', '—', '-', '·', '•'])?
        .trim_end();
    let parts: Vec<String> = prefix
        .split([',', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let last = parts.last()?;
    if !starts_upper(last) && !last.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !at_most_words(last, 8) {
        return None;
    }
    Some(CreditLine {
        parts,
        date: found.date,
    })
}

/// Whether the last letter or digit of `line` is an ASCII digit: a line that ends with a
/// date does (a year, or the day of `2017-07-31`), whatever punctuation follows it.
fn last_alphanumeric_is_digit(line: &str) -> bool {
    line.chars()
        .rev()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_ascii_digit())
}

/// The last date in the line (credit lines end with theirs; a title may hold another).
fn last_date(toks: &[(usize, &str)]) -> Option<FoundDate> {
    // A date spans at most three tokens: try the tail of the line first.
    let from = toks.len().saturating_sub(4);
    let tail_start = toks[from].0;
    let tail_toks: Vec<(usize, &str)> = toks[from..]
        .iter()
        .map(|&(o, t)| (o - tail_start, t))
        .collect();
    let mut found = find_date_in(&tail_toks)?;
    // Prefer a date that ends the line when two fit in the tail.
    if let Some(later) = tail_toks
        .iter()
        .position(|&(o, _)| o >= found.end)
        .and_then(|k| find_date_in(&tail_toks[k..]))
    {
        found = later;
    }
    Some(FoundDate {
        date: found.date,
        start: found.start + tail_start,
        end: found.end + tail_start,
    })
}

/// What a credit line says once its title is told apart from its outlet and author.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Credit {
    /// The title, when the line names one.
    pub title: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The author.
    pub author: Option<String>,
}

/// Tells a credit line's title, outlet and author apart. With a `headline` (the line
/// above), the title is the run of leading parts that best matches it, which may hold
/// commas; without one, every part but the outlet (and an author's name) is the title.
pub(crate) fn read_credit(credit: &CreditLine, headline: Option<&str>) -> Credit {
    let parts = &credit.parts;
    let n_title = match headline {
        Some(h) => title_parts_matching(parts, h),
        None => default_title_parts(parts),
    };
    let title = (n_title > 0).then(|| parts[..n_title].join(", "));
    let rest = &parts[n_title..];
    let (outlet, author) = match rest {
        [] => (None, None),
        [one] => {
            let (outlet, author) = split_glued_author(one);
            (Some(outlet.to_string()), author.map(str::to_string))
        }
        [outlet, authors @ ..] => (Some(outlet.clone()), Some(authors.join(", "))),
    };
    Credit {
        title,
        outlet,
        author,
    }
}

/// Whether the credit line's leading parts repeat `headline` and leave an outlet after
/// them: the line credits the article under that headline.
pub(crate) fn credit_repeats(credit: &CreditLine, headline: &str) -> bool {
    let n = title_parts_matching(&credit.parts, headline);
    n > 0 && n < credit.parts.len()
}

fn title_parts_matching(parts: &[String], headline: &str) -> usize {
    let h = word_set(headline);
    let mut best = (0.0f32, 0usize);
    for k in 1..=parts.len() {
        let score = overlap(&h, &word_set(&parts[..k].join(", ")));
        if score > best.0 + 1e-6 {
            best = (score, k);
        }
    }
    if best.0 >= 0.5 {
        best.1
    } else {
        0
    }
}

fn default_title_parts(parts: &[String]) -> usize {
    match parts.len() {
        0 | 1 => 0,
        2 => 1,
        n if is_person_name(&parts[n - 1]) => n - 2,
        n => n - 1,
    }
}

/// The words of `s` in lower case, sorted, without repeats. Two lines say the same words
/// (a headline and its repetition) when their sets are equal and not empty.
pub(crate) fn word_set(s: &str) -> Vec<String> {
    let mut words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether `word_set(text) == set` for a word set `set` (sorted, without repeats), with
/// no allocation for ASCII words: it stops at the first word of `text` not in `set`.
pub(crate) fn has_word_set(text: &str, set: &[String]) -> bool {
    let mut seen = vec![false; set.len()];
    let mut buf = [0u8; 64];
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let owned;
        let lower: &str = if word.is_ascii() && word.len() <= buf.len() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).unwrap_or_default()
        } else {
            owned = word.to_lowercase();
            &owned
        };
        match set.binary_search_by(|w| w.as_str().cmp(lower)) {
            Ok(i) => seen[i] = true,
            Err(_) => return false,
        }
    }
    seen.iter().all(|&s| s)
}

/// Dice overlap of two sorted word sets.
fn overlap(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// A byline: `By Jane Doe`, `By Jane Doe and John Roe | March 3, 2021`,
/// `Posted by Jane Doe on March 3, 2021`, `Written by …`, `By Dr. Jane Doe, Harbor
/// Institute` (the author is "Jane Doe": honorifics and ranks are not part of a name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    /// The author or authors as written, without honorifics.
    pub author: String,
    /// A date on the same line.
    pub date: Option<Date>,
}

const BYLINE_CUES: &[&str] = &["by ", "posted by ", "written by ", "words by ", "story by "];

/// Reads a byline (see [`Byline`]).
pub(crate) fn byline(line: &str) -> Option<Byline> {
    let cue = BYLINE_CUES.iter().find(|c| starts_with_ci(line, c))?;
    if line.len() > 200 || line.contains('\n') || !at_most_words(line, 20) {
        return None;
    }
    let rest = &line[cue.len()..];
    let names_end = rest
        .find([',', '|', '•', '·', '—', '–'])
        .or_else(|| rest.find(" - "))
        .or_else(|| {
            rest.find(" on ")
                .filter(|&i| find_date(&rest[i..]).is_some())
        })
        .unwrap_or(rest.len());
    let names = rest[..names_end].trim().trim_end_matches('.');
    Some(Byline {
        author: person_names(names)?,
        date: find_date(rest).map(|f| f.date),
    })
}

/// Phrases that say where an article was first published.
const ORIGIN_CUES: &[&str] = &[
    "originally appeared",
    "first appeared",
    "first published",
    "originally published",
    "was published",
    "republished from",
    "reprinted from",
    "cross-posted from",
    "crossposted from",
    "originally ran",
    "first ran",
];

/// The first bytes of [`ORIGIN_CUES`].
const ORIGIN_CUE_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < ORIGIN_CUES.len() {
        table[ORIGIN_CUES[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    table
};

/// The opening of a short line that names a repost's source ("Source: Quill Weekly").
const SOURCE_OPENER: &str = "source:";

const ORIGIN_PREPOSITIONS: &[&str] = &["at", "in", "on", "by", "from", "with", "via"];

/// The outlet an origin note names: "This article first appeared in X and is reprinted
/// here …", "Originally appeared at X", "Republished from X.". The cue must open the
/// paragraph (within its first eight words) and the paragraph be short.
pub(crate) fn origin_outlet(para: &str) -> Option<&str> {
    if para.len() > 400 {
        return None;
    }
    let opening = prefix_within(para, 160);
    let source_line = starts_with_ci(opening, SOURCE_OPENER) && at_most_words(para, 12);
    let (pos, cue) = if source_line {
        (0, SOURCE_OPENER)
    } else {
        first_origin_cue(opening)?
    };
    if !at_most_words(para, 45) {
        return None;
    }
    let mut rest = para[pos + cue.len()..].trim_start();
    if let Some((first, after)) = rest.split_once(char::is_whitespace) {
        if ORIGIN_PREPOSITIONS.contains(&first.to_lowercase().as_str()) {
            rest = after.trim_start();
        }
    }
    let name = leading_capitalised_run(rest);
    (!name.is_empty()).then_some(name)
}

/// The first of [`ORIGIN_CUES`] in `opening` (ignoring ASCII case), and where it
/// stands, when at most eight words stand before it. One pass that stops at the ninth
/// word, past which any cue has too many words before it.
fn first_origin_cue(opening: &str) -> Option<(usize, &'static str)> {
    let b = opening.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let space = if c > b' ' && c < 0x80 {
            0
        } else {
            space_len(b, i)
        };
        if space > 0 {
            in_word = false;
            i += space;
            continue;
        }
        if !in_word {
            words += 1;
            in_word = true;
        }
        let lower = c.to_ascii_lowercase();
        if ORIGIN_CUE_FIRST_BYTES[usize::from(lower)] {
            if let Some(cue) = ORIGIN_CUES.iter().find(|cue| {
                cue.as_bytes()[0] == lower
                    && b.get(i..i + cue.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(cue.as_bytes()))
            }) {
                return Some((i, cue));
            }
        }
        // A cue at the ninth word's first byte has eight words before it; anywhere
        // later, more.
        if words > 8 {
            return None;
        }
        i += 1;
    }
    None
}

/// Words an office line opens with ("Office of the Press Secretary", "Press Office").
const OFFICE_OPENERS: &[&str] = &[
    "office",
    "bureau",
    "press",
    "media",
    "department",
    "ministry",
];

/// An office line: a short capitalised run naming an office ("Office of the Press
/// Secretary"), standing alone.
pub(crate) fn office_line(line: &str) -> Option<&str> {
    if !(2..=8).contains(&n_words_upto(line, 8)) || line.contains('\n') {
        return None;
    }
    let first = line.split_whitespace().next()?;
    if !lower_case_in(first, OFFICE_OPENERS) {
        return None;
    }
    (leading_capitalised_run(line) == line).then_some(line)
}

/// A "Name, Title" line ("Tom R. Vance, Secretary of Harbors"): returns the name.
pub(crate) fn name_title_line(line: &str) -> Option<&str> {
    if line.contains('\n') || !at_most_words(line, 12) {
        return None;
    }
    let (name, title) = line.split_once(", ")?;
    let title = title.trim_end_matches('.');
    let title_ok = !title.is_empty() && leading_capitalised_run(title) == title;
    (is_person_name(name.trim()) && title_ok).then(|| name.trim())
}

/// Closings a letter's signature follows.
const CLOSINGS: &[&str] = &[
    "sincerely",
    "sincerely yours",
    "yours sincerely",
    "respectfully",
    "respectfully yours",
    "yours truly",
    "yours faithfully",
    "best regards",
    "regards",
    "cordially",
    "with best wishes",
];

/// Whether the paragraph is a letter's closing ("Sincerely,").
pub(crate) fn is_closing(para: &str) -> bool {
    let p = para.trim_end_matches([',', '.', '!']);
    p.len() <= 24 && CLOSINGS.iter().any(|c| c.eq_ignore_ascii_case(p))
}

/// The signatory's name on the first line of a signature block, title-cased when written
/// in capitals ("JANE Q. DOE JR." → "Jane Q. Doe Jr.").
pub(crate) fn signature_name(para: &str) -> Option<String> {
    let first = para.lines().next()?.trim();
    let name = title_case_name(first.trim_end_matches(','));
    is_person_name(&name).then_some(name)
}

/// Words that open a title naming its speaker ("Statement from President Jane Doe on …").
const SPEAKER_TITLE_OPENERS: &[&str] = &[
    "statement",
    "remarks",
    "letter",
    "message",
    "address",
    "op-ed",
    "interview",
    "readout",
];

/// The person a "Statement from President Jane Doe on …" title names.
pub(crate) fn speaker_in_title(title: &str) -> Option<&str> {
    let (opener, rest) = title.split_once(' ')?;
    if !SPEAKER_TITLE_OPENERS.contains(&opener.to_lowercase().as_str()) {
        return None;
    }
    let rest = ["from ", "by ", "of "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let run = leading_capitalised_run(rest);
    // "President Jane Doe on the Talks": the run may reach past the name through "on",
    // so the name is the first one the run's words form, as long as it goes on.
    let toks = tokens(run);
    let name_at = |n: usize| trailing_person(&run[..toks[n - 1].0 + toks[n - 1].1.len()]);
    let first = (1..=toks.len()).find(|&n| name_at(n).is_some())?;
    let last = (first..=toks.len())
        .take_while(|&n| name_at(n).is_some())
        .last()?;
    name_at(last)
}

/// Phrases by which an article names one of its authors ("X, one of the authors of this
/// report, …").
const SELF_REFERENCES: &[&str] = &[
    ", one of the authors of this",
    ", one of the co-authors of this",
    ", the author of this",
    ", a co-author of this",
    ", co-author of this",
    ", the co-author of this",
    ", who wrote this",
];

/// The author a body paragraph names by a self-reference.
pub(crate) fn self_named_author(para: &str) -> Option<&str> {
    // Both cues hold " this": most paragraphs are let go after one search.
    if !para.contains(" this") || (!para.contains(" of this") && !para.contains("wrote this")) {
        return None;
    }
    SELF_REFERENCES.iter().find_map(|cue| {
        let pos = find_ascii_ci(para, cue)?;
        trailing_person(&para[..pos])
    })
}

/// Institution words that make a possessive opening an issuing body.
const INSTITUTION_WORDS: &[&str] = &[
    "department",
    "ministry",
    "office",
    "agency",
    "bureau",
    "commission",
    "council",
    "embassy",
    "mission",
    "command",
    "administration",
    "treasury",
    "service",
    "government",
    "secretariat",
    "directorate",
    "house",
];

/// Capitals and the prefix English gives their government's bodies. A release
/// datelined in a capital that names a bare "the Department of X" or "the Ministry of X"
/// speaks of that country's own department, so the issuing body's full name carries the
/// country: "WASHINGTON — … the Department of Harbors" is the "U.S. Department of
/// Harbors", "LONDON — … the Ministry of Ports" the "UK Ministry of Ports". Geographic
/// knowledge, not page shape: only capitals whose governments issue English releases
/// under such names are listed; elsewhere the body keeps the name the text gives it.
const CAPITAL_PREFIXES: &[(&str, &str)] = &[
    ("WASHINGTON", "U.S."),
    ("LONDON", "UK"),
    ("OTTAWA", "Canadian"),
    ("CANBERRA", "Australian"),
    ("WELLINGTON", "New Zealand"),
    ("DUBLIN", "Irish"),
    ("NEW DELHI", "Indian"),
];

/// The body that issues an official release, from its opening sentence:
/// "WASHINGTON — Today, the U.S. Department of Harbors’ Office …" →
/// "U.S. Department of Harbors". The sentence must open with a dateline ("CITY —")
/// or the release carry an office line (`has_office_line`); the name must hold an
/// institution word. A bare department or ministry under a listed capital's dateline
/// takes its country's prefix (see [`CAPITAL_PREFIXES`]).
pub(crate) fn issuing_body(first_body: &str, has_office_line: bool) -> Option<String> {
    let (city, rest) = split_city_dateline(first_body);
    if city.is_none() && !has_office_line {
        return None;
    }
    let rest = strip_opening_adverbial(rest);
    let rest = rest
        .strip_prefix("the ")
        .or_else(|| rest.strip_prefix("The "))?;
    let run = possessive_run(rest);
    let lower = run.to_lowercase();
    if !lower
        .split_whitespace()
        .any(|w| INSTITUTION_WORDS.contains(&w.trim_end_matches(['.', ','])))
    {
        return None;
    }
    let prefix = city.and_then(|c| {
        CAPITAL_PREFIXES
            .iter()
            .find(|(cap, _)| c.eq_ignore_ascii_case(cap))
            .map(|(_, p)| *p)
    });
    Some(match prefix {
        Some(p) if run.starts_with("Department ") || run.starts_with("Ministry ") => {
            format!("{p} {run}")
        }
        _ => run.to_string(),
    })
}

/// The news agency a wire dateline names: "HARBOR CITY (Quill Wire) — …",
/// "NORTHPORT, Northland (AP) - …" → "Quill Wire", "AP".
pub(crate) fn wire_agency(first_body: &str) -> Option<&str> {
    let opening = prefix_within(first_body, 80);
    let open = opening.find(" (")?;
    let city = opening[..open].split(',').next()?.trim();
    let is_city = city.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && city
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''));
    if !is_city {
        return None;
    }
    let rest = &first_body[open + 2..];
    let close = rest.find(')')?;
    let agency = rest[..close].trim();
    let after = rest[close + 1..].trim_start();
    let dashed = after.starts_with(['-', '–', '—']);
    let named = !agency.is_empty()
        && agency.split_whitespace().count() <= 4
        && leading_capitalised_run(agency) == agency;
    (dashed && named).then_some(agency)
}

/// "WASHINGTON — rest" → (Some("WASHINGTON"), "rest"); also "CITY, Country – rest".
fn split_city_dateline(s: &str) -> (Option<&str>, &str) {
    for dash in [" — ", " – ", " -- ", " - "] {
        // `contains` is the quicker search; most paragraphs hold no such dash.
        if !s.contains(dash) {
            continue;
        }
        if let Some((head, rest)) = s.split_once(dash) {
            let head = head.trim();
            let city = head.split(',').next().unwrap_or(head).trim();
            let capitals = city.chars().filter(|c| c.is_alphabetic()).count();
            let is_city = capitals >= 3
                && city.len() <= 40
                && city
                    .chars()
                    .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-');
            if is_city {
                return (Some(city), rest.trim_start());
            }
            return (None, s);
        }
    }
    (None, s)
}

/// Drops "Today, " or "On March 3, 2021, " from a sentence's start.
fn strip_opening_adverbial(s: &str) -> &str {
    for word in ["Today, ", "Today "] {
        if let Some(rest) = s.strip_prefix(word) {
            return rest;
        }
    }
    if let Some(rest) = s.strip_prefix("On ") {
        if let Some(found) = find_date(prefix_within(rest, 40)) {
            return rest[found.end..].trim_start_matches([',', ' ']);
        }
    }
    s
}

/// The capitalised run that opens `s`, cut before a possessive ("Northland Ministry of
/// Ports’s Office" → "Northland Ministry of Ports", "Department of Harbors’ Office" →
/// "Department of Harbors").
fn possessive_run(s: &str) -> &str {
    let run = leading_capitalised_run(s);
    for (off, word) in tokens(run) {
        let stem = ["’s", "'s"]
            .iter()
            .find_map(|m| word.strip_suffix(m))
            .or_else(|| {
                ["’", "'"]
                    .iter()
                    .find_map(|m| word.strip_suffix(m))
                    .filter(|w| w.ends_with('s'))
            });
        if let Some(stem) = stem.filter(|w| !w.is_empty()) {
            return &run[..off + stem.len()];
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_inside_lines() {
        let check = |line: &str, expect: Option<&str>| {
            let found = find_date(line);
            assert_eq!(found.map(|f| &line[f.start..f.end]), expect, "{line:?}");
        };
        check("Posted on March 3, 2021 by someone", Some("March 3, 2021"));
        check("Updated 3 March 2021", Some("3 March 2021"));
        check("(2019-05-01T10:00:00Z)", Some("2019-05-01"));
        check("Friday, Oct. 28, the army said", None);
        check("In May 2016 the town fell", None);
    }

    #[test]
    fn date_lines_hold_little_else() {
        assert_eq!(
            date_line("July 31, 2017").map(|d| d.date),
            Some(date("2017-07-31"))
        );
        assert_eq!(
            date_line("2024-03-12").map(|d| d.date),
            Some(date("2024-03-12"))
        );
        assert_eq!(
            date_line("Updated: Monday, 3 March 2021 10:30 GMT").map(|d| d.date),
            Some(date("2021-03-03"))
        );
        assert_eq!(
            date_line("Posted on May 2, 2016 by Lena Moss"),
            Some(DateLine {
                date: date("2016-05-02"),
                author: Some("Lena Moss".into())
            })
        );
        assert_eq!(date_line("The town fell on July 31, 2017"), None);
    }

    #[test]
    fn credit_lines_and_their_parts() {
        let c = credit_line("Quiet Harbor Talks, Northwind ReviewLena Moss, May 5, 2016").unwrap();
        assert_eq!(c.date, date("2016-05-05"));
        let read = read_credit(&c, Some("Quiet Harbor Talks"));
        assert_eq!(read.title.as_deref(), Some("Quiet Harbor Talks"));
        assert_eq!(read.outlet.as_deref(), Some("Northwind Review"));
        assert_eq!(read.author.as_deref(), Some("Lena Moss"));

        let c =
            credit_line("The siege drags on, stalled by rain, Quill Daily, June 2, 2018").unwrap();
        let read = read_credit(&c, Some("The siege drags on, stalled by rain"));
        assert_eq!(
            read.title.as_deref(),
            Some("The siege drags on, stalled by rain")
        );
        assert_eq!(read.outlet.as_deref(), Some("Quill Daily"));

        let c = credit_line("Quill Daily, June 2, 2018").unwrap();
        assert_eq!(read_credit(&c, None).outlet.as_deref(), Some("Quill Daily"));

        assert_eq!(
            credit_line("The town fell to the rebels, according to locals, June 2, 2018"),
            None
        );
        assert_eq!(credit_line("Fighting resumed on June 2, 2018"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline("By Lena Moss and Tom Vance | June 2, 2018"),
            Some(Byline {
                author: "Lena Moss and Tom Vance".into(),
                date: Some(date("2018-06-02"))
            })
        );
        assert_eq!(
            byline("By Dr. Lena Moss, Northport Institute for Harbor Studies"),
            Some(Byline {
                author: "Lena Moss".into(),
                date: None
            })
        );
        assert_eq!(byline("By the time the convoy arrived"), None);
        assert_eq!(byline("By January, the front had moved"), None);
    }

    #[test]
    fn origin_notes_name_the_first_outlet() {
        assert_eq!(
            origin_outlet("This article first appeared in Harbor Ledger and is reprinted here."),
            Some("Harbor Ledger")
        );
        assert_eq!(
            origin_outlet("Originally appeared at Quill Weekly"),
            Some("Quill Weekly")
        );
        assert_eq!(
            origin_outlet("Source: Harbor Ledger"),
            Some("Harbor Ledger")
        );
        assert_eq!(origin_outlet("The source: a man who saw it"), None);
        assert_eq!(origin_outlet("The report, which the ministry says first appeared in a leaflet that was handed out, names three men"), None);
    }

    #[test]
    fn office_name_and_signature_lines() {
        assert_eq!(
            office_line("Office of the Harbor Envoy"),
            Some("Office of the Harbor Envoy")
        );
        assert_eq!(office_line("Office hours are over."), None);
        assert_eq!(
            name_title_line("Tom R. Vance, Secretary of State"),
            Some("Tom R. Vance")
        );
        assert_eq!(name_title_line("Dear Madam Chair:"), None);
        assert!(is_closing("Sincerely,"));
        assert_eq!(
            signature_name("JANE Q. DOE JR."),
            Some("Jane Q. Doe Jr.".into())
        );
    }

    #[test]
    fn speakers_and_self_references() {
        assert_eq!(
            speaker_in_title("Statement from President Ada Quill on the Northern Talks"),
            Some("Ada Quill")
        );
        assert_eq!(
            speaker_in_title("Letter to the Harbor Council on the Blockade"),
            None
        );
        assert_eq!(
            self_named_author("When Lena Moss, one of the authors of this report, visited"),
            Some("Lena Moss")
        );
    }

    #[test]
    fn wire_agencies_in_datelines() {
        assert_eq!(
            wire_agency("NORTHPORT (Quill Wire) - Rebels took"),
            Some("Quill Wire")
        );
        assert_eq!(
            wire_agency("NORTHPORT, Northland (QW) — Rebels took"),
            Some("QW")
        );
        assert_eq!(wire_agency("Rebels (some of them) - took"), None);
        assert_eq!(wire_agency("NORTHPORT — Rebels (mostly young) took"), None);
    }

    #[test]
    fn issuing_bodies_of_releases() {
        assert_eq!(
            issuing_body(
                "WASHINGTON — Today, the Department of the Interior’s Office of Parks named",
                false
            ),
            Some("U.S. Department of the Interior".into())
        );
        assert_eq!(
            issuing_body("The Northland Agency of Ports’s reward program pays", true),
            Some("Northland Agency of Ports".into())
        );
        assert_eq!(
            issuing_body("LONDON — The Ministry of Ports said on Monday", false),
            Some("UK Ministry of Ports".into())
        );
        assert_eq!(
            issuing_body(
                "NORTHPORT — Today, the Ministry of Ports named two firms",
                false
            ),
            Some("Ministry of Ports".into())
        );
        assert_eq!(issuing_body("The army’s spokesman said", false), None);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// The origin reader `origin_outlet` replaced: every cue searched for in turn.
        fn origin_outlet_by_search(para: &str) -> Option<&str> {
            if para.len() > 400 || para.split_whitespace().count() > 45 {
                return None;
            }
            let opening = prefix_within(para, 160);
            let source_line = opening
                .get(..SOURCE_OPENER.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(SOURCE_OPENER))
                && para.split_whitespace().count() <= 12;
            let (pos, cue) = if source_line {
                (0, SOURCE_OPENER)
            } else {
                ORIGIN_CUES
                    .iter()
                    .filter_map(|c| find_ascii_ci(opening, c).map(|p| (p, *c)))
                    .min()?
            };
            if para[..pos].split_whitespace().count() > 8 {
                return None;
            }
            let mut rest = para[pos + cue.len()..].trim_start();
            if let Some((first, after)) = rest.split_once(char::is_whitespace) {
                if ORIGIN_PREPOSITIONS.contains(&first.to_lowercase().as_str()) {
                    rest = after.trim_start();
                }
            }
            let name = leading_capitalised_run(rest);
            (!name.is_empty()).then_some(name)
        }

        /// The credit-line reader `credit_line` replaced (a digit anywhere let a line in).
        fn credit_line_by_digit(line: &str) -> Option<CreditLine> {
            if line.len() > 400 || line.contains('\n') || !has_digit(line) {
                return None;
            }
            let toks = tokens(line);
            if toks.len() > 40 || toks.len() < 3 {
                return None;
            }
            let found = last_date(&toks)?;
            if !line[found.end..].chars().all(|c| !c.is_alphanumeric()) {
                return None;
            }
            let prefix = line[..found.start].trim_end();
            let prefix = prefix
                .strip_suffix([',', '|', '–', '—', '-', '·', '•'])?
                .trim_end();
            let parts: Vec<String> = prefix
                .split([',', '|'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            let last = parts.last()?;
            if !starts_upper(last) && !last.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            if last.split_whitespace().count() > 8 {
                return None;
            }
            Some(CreditLine {
                parts,
                date: found.date,
            })
        }

        /// Words, cues and fillers the readers look for, for generated lines.
        fn piece() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "This",
                "article",
                "first",
                "FIRST",
                "appeared",
                "in",
                "at",
                "Harbor",
                "Ledger",
                "originally",
                "published",
                "was",
                "republished",
                "from",
                "cross-posted",
                "Source:",
                "source:",
                "x",
                "Quill",
                "Weekly",
                "and",
                "is",
                "reprinted",
                "here.",
                "2017-07-31",
                "July",
                "31,",
                "2017",
                "3",
                "March",
                "2021",
                ",",
                "|",
                "—",
                "-",
                "Jan.",
                "8,",
                "2015.",
                "2019-05-01T10:00:00Z",
                "\u{e9}t\u{e9}",
                "1,May,2017",
                "ran",
                "\u{a0}",
                "Office",
                "of",
                "the",
                "Press",
                "Secretary",
                "OFFICE",
            ])
            .prop_map(str::to_string)
        }

        fn line() -> impl Strategy<Value = String> {
            prop::collection::vec(
                (
                    piece(),
                    prop::sample::select(vec![" ", " ", " ", "  ", "\u{a0}", "\t", ""]),
                ),
                0..60,
            )
            .prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
        }

        proptest! {
            #[test]
            fn origin_notes_agree_with_the_cue_by_cue_search(para in line()) {
                prop_assert_eq!(origin_outlet(&para), origin_outlet_by_search(&para));
            }

            #[test]
            fn origin_cues_after_a_few_words_agree_too(
                before in prop::collection::vec(
                    prop::sample::select(vec!["w", "of", "\u{e9}", "x-y", "W."]),
                    0..12,
                ),
                glue in prop::sample::select(vec![" ", "  ", "\u{a0}", "\u{3000}", ""]),
                cue in prop::sample::select(ORIGIN_CUES.to_vec()),
                after in prop::sample::select(vec![" in Harbor Ledger.", " at Quill Weekly and more", ""]),
            ) {
                let para = format!("{}{glue}{cue}{after}", before.join(" "));
                prop_assert_eq!(origin_outlet(&para), origin_outlet_by_search(&para));
            }

            #[test]
            fn credit_lines_agree_with_the_digit_gate(l in line()) {
                prop_assert_eq!(credit_line(&l), credit_line_by_digit(&l));
            }

            #[test]
            fn office_lines_agree_with_the_word_vector_reading(l in line()) {
                let words: Vec<&str> = l.split_whitespace().collect();
                let by_vec = ((2..=8).contains(&words.len())
                    && !l.contains('\n')
                    && OFFICE_OPENERS.contains(&words[0].to_lowercase().as_str())
                    && leading_capitalised_run(&l) == l)
                    .then_some(l.as_str());
                prop_assert_eq!(office_line(&l), by_vec);
            }

            #[test]
            fn word_set_matches_agree_with_equal_sets(a in line(), b in line()) {
                let set = word_set(&a);
                if !set.is_empty() {
                    prop_assert_eq!(has_word_set(&b, &set), word_set(&b) == set);
                    prop_assert!(has_word_set(&a, &set));
                }
            }
        }
    }
}
