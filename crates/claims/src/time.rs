//! Time expressions: where a sentence says when, normalised as the ontology says
//! (`2014-08-22`, `2014-06`, `2014`, intervals `A/B`; a season is its months, a decade
//! its years, "since X" is X), relative ones resolved against the document's date.

use crate::tokens::{Tag, Token};
use model::Date;
use std::fmt;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: u16,
    /// The month, 1–12, when known.
    pub month: Option<u8>,
    /// The day, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    fn year(year: u16) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    fn month(year: u16, month: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    fn day(d: Date) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// When a claim held or happened: a date, or an interval between two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeExpr {
    /// The date, or the interval's start.
    pub start: PartialDate,
    /// The interval's end, if it is one.
    pub end: Option<PartialDate>,
}

impl TimeExpr {
    fn at(d: PartialDate) -> TimeExpr {
        TimeExpr {
            start: d,
            end: None,
        }
    }

    fn span(a: PartialDate, b: PartialDate) -> TimeExpr {
        TimeExpr {
            start: a,
            end: (a != b).then_some(b),
        }
    }
}

impl fmt::Display for TimeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(e) = self.end {
            write!(f, "/{e}")?;
        }
        Ok(())
    }
}

/// One time expression found in a sentence: the token range it covers and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The value.
    pub time: TimeExpr,
}

/// Finds the time expressions of a token sequence, in order; `doc_date` resolves relative
/// ones ("last June", "in October", "last month"), which are skipped without it.
pub fn find(toks: &[Token], doc_date: Option<Date>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match single(toks, i, doc_date) {
            Some((end, t)) => {
                out.push(Found {
                    start: i,
                    end,
                    time: t,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    join_intervals(toks, out)
}

/// "between A and B", "from A to B": one interval.
fn join_intervals(toks: &[Token], found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let a = found[k];
        if let Some(&b) = found.get(k + 1) {
            let opener = a.start > 0 && toks[a.start - 1].is_any(&["between", "from"]);
            let linked = b.start == a.end + 1
                || (b.start == a.end + 2 && toks[a.end + 1].is_any(&["early", "late", "mid"]));
            let link_word = toks
                .get(a.end)
                .is_some_and(|t| t.is_any(&["and", "to", "until", "till", "through"]));
            if opener && linked && link_word {
                let end = b.time.end.unwrap_or(b.time.start);
                out.push(Found {
                    start: a.start - 1,
                    end: b.end,
                    time: TimeExpr::span(a.time.start, end),
                });
                k += 2;
                continue;
            }
        }
        out.push(a);
        k += 1;
    }
    out
}

/// The year of a later expression an interval links this one to ("May 2 and late June
/// 2014"), looked for within a few tokens after a link word at `k`.
fn linked_year(toks: &[Token], k: usize) -> Option<u16> {
    let link = toks.get(k)?;
    if !link.is_any(&["and", "to", "until", "till", "through", "-"]) {
        return None;
    }
    toks.iter().skip(k + 1).take(4).find_map(year_of)
}

fn month_of(t: &Token) -> Option<u8> {
    if t.tag == Tag::Ent || !t.cap {
        return None;
    }
    let m = model::month_from_name(&t.lower)?;
    // "may" and "march" are also words: only their capitalised forms count.
    Some(m)
}

fn year_of(t: &Token) -> Option<u16> {
    let w = t.lower.as_str();
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse::<u16>().ok())
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
}

fn day_of(t: &Token) -> Option<u8> {
    let w = t.lower.trim_end_matches(['.']);
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn decade_of(t: &Token) -> Option<u16> {
    let w = t.lower.strip_suffix('s')?.trim_end_matches('\'');
    let y: u16 = (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()?;
    ((1900..=2090).contains(&y) && y.is_multiple_of(10)).then_some(y)
}

fn season_of(t: &Token) -> Option<(u8, u8)> {
    Some(match t.lower.as_str() {
        "spring" => (3, 5),
        "summer" => (6, 8),
        "autumn" | "fall" => (9, 11),
        "winter" => (12, 2),
        _ => return None,
    })
}

/// The expression starting at token `i`, if any: its end and value.
fn single(toks: &[Token], i: usize, doc_date: Option<Date>) -> Option<(usize, TimeExpr)> {
    let t = &toks[i];
    let at = |k: usize| toks.get(k);
    let skip_comma = |k: usize| {
        if at(k).is_some_and(|x| x.is(",")) {
            k + 1
        } else {
            k
        }
    };
    if let Some(m) = month_of(t) {
        // Month Day, Year | Month Day | Month Year | Month of Year | bare month.
        if let Some(d) = at(i + 1).and_then(day_of) {
            let k = skip_comma(i + 2);
            if let Some(y) = at(k).and_then(year_of) {
                let date = Date::new(y, m, d)?;
                return Some((k + 1, TimeExpr::at(PartialDate::day(date))));
            }
            let year = linked_year(toks, i + 2).or_else(|| relative_year(m, doc_date))?;
            let date = Date::new(year, m, d)?;
            return Some((i + 2, TimeExpr::at(PartialDate::day(date))));
        }
        let k = if at(i + 1).is_some_and(|x| x.is("of")) {
            i + 2
        } else {
            i + 1
        };
        if let Some(y) = at(k).and_then(year_of) {
            return Some((k + 1, TimeExpr::at(PartialDate::month(y, m))));
        }
        let led = i > 0 && toks[i - 1].is_any(MONTH_LEADS);
        if !led {
            return None;
        }
        let year = linked_year(toks, i + 1).or_else(|| relative_year(m, doc_date))?;
        return Some((i + 1, TimeExpr::at(PartialDate::month(year, m))));
    }
    if let Some(d) = day_of(t) {
        let m = at(i + 1).and_then(month_of)?;
        if let Some(y) = at(i + 2).and_then(year_of) {
            let date = Date::new(y, m, d)?;
            return Some((i + 3, TimeExpr::at(PartialDate::day(date))));
        }
        let year = linked_year(toks, i + 2).or_else(|| relative_year(m, doc_date))?;
        let date = Date::new(year, m, d)?;
        return Some((i + 2, TimeExpr::at(PartialDate::day(date))));
    }
    if let Some(y) = year_of(t) {
        return Some((i + 1, TimeExpr::at(PartialDate::year(y))));
    }
    if let Some(y) = decade_of(t) {
        return Some((
            i + 1,
            TimeExpr::span(PartialDate::year(y), PartialDate::year(y + 9)),
        ));
    }
    if let Some((a, b)) = season_of(t) {
        return season(toks, i, a, b, doc_date);
    }
    relative(toks, i, doc_date)
}

const MONTH_LEADS: &[&str] = &[
    "in", "last", "since", "early", "late", "mid", "until", "by", "this", "through", "of", "from",
    "between", "-", "and", "to", "on",
];

/// "summer of 2007", "the summer 2007", "last summer".
fn season(
    toks: &[Token],
    i: usize,
    a: u8,
    b: u8,
    doc_date: Option<Date>,
) -> Option<(usize, TimeExpr)> {
    let k = if toks.get(i + 1).is_some_and(|x| x.is("of")) {
        i + 2
    } else {
        i + 1
    };
    let (year, end) = match toks.get(k).and_then(year_of) {
        Some(y) => (y, k + 1),
        None => {
            let last = i > 0 && toks[i - 1].is("last");
            let d = doc_date.filter(|_| last)?;
            let y = if d.month > b || a > b {
                d.year
            } else {
                d.year - 1
            };
            (y, i + 1)
        }
    };
    let end_year = if a > b { year + 1 } else { year };
    Some((
        end,
        TimeExpr::span(PartialDate::month(year, a), PartialDate::month(end_year, b)),
    ))
}

/// The year of a month named without one: the latest such month not after the
/// document's date.
fn relative_year(month: u8, doc_date: Option<Date>) -> Option<u16> {
    let d = doc_date?;
    Some(if month <= d.month { d.year } else { d.year - 1 })
}

/// "last month", "last year", "this year", "yesterday", "today", "last week".
fn relative(toks: &[Token], i: usize, doc_date: Option<Date>) -> Option<(usize, TimeExpr)> {
    let t = &toks[i];
    let d = doc_date?;
    let next = toks.get(i + 1);
    if t.is("yesterday") {
        return Some((i + 1, TimeExpr::at(PartialDate::day(minus_days(d, 1)))));
    }
    if t.is("today") && !next.is_some_and(|n| n.tag == Tag::Poss) {
        return Some((i + 1, TimeExpr::at(PartialDate::day(d))));
    }
    if !t.is_any(&["last", "this", "past"]) {
        return None;
    }
    let this = t.is("this");
    let unit = next?;
    let value = if unit.is("year") {
        PartialDate::year(if this { d.year } else { d.year - 1 })
    } else if unit.is("month") {
        if this {
            PartialDate::month(d.year, d.month)
        } else if d.month == 1 {
            PartialDate::month(d.year - 1, 12)
        } else {
            PartialDate::month(d.year, d.month - 1)
        }
    } else if unit.is("week") {
        let w = if this { d } else { minus_days(d, 7) };
        PartialDate::month(w.year, w.month)
    } else {
        return None;
    };
    Some((i + 2, TimeExpr::at(value)))
}

fn minus_days(d: Date, n: u8) -> Date {
    let mut out = d;
    for _ in 0..n {
        out = if out.day > 1 {
            Date {
                day: out.day - 1,
                ..out
            }
        } else if out.month > 1 {
            let m = out.month - 1;
            Date {
                month: m,
                day: days_in(out.year, m),
                ..out
            }
        } else {
            Date {
                year: out.year - 1,
                month: 12,
                day: 31,
            }
        };
    }
    out
}

fn days_in(year: u16, month: u8) -> u8 {
    (28..=31)
        .rev()
        .find(|&d| Date::new(year, month, d).is_some())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Span;

    fn check(text: &str, doc: Option<&str>, expect: &[&str]) {
        let toks = crate::tokens::tokenize(text, Span::new(0, text.len()), &[], &|_| None);
        let date = doc.and_then(Date::parse);
        let got: Vec<String> = find(&toks, date)
            .iter()
            .map(|f| f.time.to_string())
            .collect();
        assert_eq!(got, expect, "{text}");
    }

    #[test]
    fn absolute_dates() {
        check("On 3 March 2019 they left.", None, &["2019-03-03"]);
        check("On August 22, 2014, it burned.", None, &["2014-08-22"]);
        check("It was August 2007.", None, &["2007-08"]);
        check("In 2011 and since 2006.", None, &["2011", "2006"]);
        check("Through the 1990s.", None, &["1990/1999"]);
        check("In the summer of 2007.", None, &["2007-06/2007-08"]);
        check("Killed 1,400 and 13224 men.", None, &[]);
    }

    #[test]
    fn intervals() {
        check(
            "Between May 2 and late June 2014 it held.",
            None,
            &["2014-05-02/2014-06"],
        );
        check("From 2003 to 2011.", None, &["2003/2011"]);
    }

    #[test]
    fn relative_dates_need_the_document_date() {
        check("In October they met.", Some("2015-02-10"), &["2014-10"]);
        check("In October they met.", None, &[]);
        check("Last June it fell.", Some("2015-08-01"), &["2015-06"]);
        check("It came last month.", Some("2015-01-10"), &["2014-12"]);
        check(
            "Last spring it rained.",
            Some("2015-02-10"),
            &["2014-03/2014-05"],
        );
        check("They may go.", Some("2015-02-10"), &[]);
    }
}
