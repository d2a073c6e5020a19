//! Time expressions: where a sentence says when, normalised as the ontology says
//! (`2014-08-22`, `2014-06`, `2014`, intervals `A/B`; a season is its months, a decade
//! its years, "since X" is X), relative ones resolved against the document's date.

use crate::tokens::{Tag, Token};
use model::Date;
use std::fmt;

pub use model::PartialDate;

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

    /// The day of a date.
    pub fn on(d: Date) -> TimeExpr {
        TimeExpr::at(PartialDate::day(d))
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
    /// Whether it names a single day ("on 3 March", "Tuesday", "today"), even when only
    /// its month is kept: the date of an event, not a period a state held in.
    pub day: bool,
}

/// Finds the time expressions of a token sequence, in order; `doc_date` resolves relative
/// ones ("last June", "in October", "last month"), which are skipped without it.
pub fn find(toks: &[Token], doc_date: Option<Date>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match single(toks, i, doc_date) {
            Some((end, t)) => {
                let day =
                    t.end.is_none() && (t.start.day.is_some() || weekday_of(&toks[i]).is_some());
                out.push(Found {
                    start: i,
                    end,
                    time: t,
                    day,
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
            let end = b.time.end.unwrap_or(b.time.start);
            // two relative months that resolve out of order ("between Oct and Sept" read
            // in January) make no interval
            if opener && linked && link_word && a.time.start <= end {
                out.push(Found {
                    start: a.start - 1,
                    end: b.end,
                    time: TimeExpr::span(a.time.start, end),
                    day: false,
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

/// A capitalised day of the week: 0 for Monday … 6 for Sunday.
fn weekday_of(t: &Token) -> Option<u8> {
    if t.tag == Tag::Ent || !t.cap {
        return None;
    }
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter().position(|d| *d == t.lower).map(|i| i as u8)
}

/// The day of the week of a date: 0 for Monday … 6 for Sunday.
fn weekday(d: Date) -> u8 {
    // days from 1970-01-01 (a Thursday), by the civil-from-days inverse
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days + 3).rem_euclid(7)) as u8
}

/// "Tuesday", "on Friday", "Sunday night": a day of the document's week. Followed by a
/// date ("Monday, June 20"), the date says which day. Alone, it is the latest such day
/// not after the document's date, kept to its month: whether the past or the coming day
/// is meant is not always readable, and the month is right either way but at a month's
/// turn (as "last week" is kept to its month).
fn weekday_expr(toks: &[Token], i: usize, doc_date: Option<Date>) -> Option<(usize, TimeExpr)> {
    let wd = weekday_of(&toks[i])?;
    let mut k = i + 1;
    if toks
        .get(k)
        .is_some_and(|t| t.is_any(&["night", "morning", "evening", "afternoon"]))
    {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.is(",")) {
        k += 1;
    }
    if toks
        .get(k)
        .is_some_and(|t| month_of(t).is_some() || day_of(t).is_some())
    {
        if let Some((end, t)) = single(toks, k, doc_date) {
            return Some((end, t));
        }
    }
    let d = doc_date?;
    let back = (weekday(d) + 7 - wd) % 7;
    let day = minus_days(d, back);
    Some((i + 1, TimeExpr::at(PartialDate::month(day.year, day.month))))
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
        // Month Day, Year | Month Day | Month Year | Month of Year | bare month; an
        // abbreviation's stop ("Oct. 17") is a token of its own.
        let abbreviated = t.lower.len() <= 4 && !t.is_any(&["may", "june", "july"]);
        let n = if abbreviated && at(i + 1).is_some_and(|x| x.is(".") && x.glued) {
            i + 2
        } else {
            i + 1
        };
        if let Some(d) = at(n).and_then(day_of) {
            let k = skip_comma(n + 1);
            if let Some(y) = at(k).and_then(year_of) {
                let date = Date::new(y, m, d)?;
                return Some((k + 1, TimeExpr::at(PartialDate::day(date))));
            }
            let year = linked_year(toks, n + 1).or_else(|| relative_year(m, doc_date))?;
            let date = Date::new(year, m, d)?;
            return Some((n + 1, TimeExpr::at(PartialDate::day(date))));
        }
        let k = if at(n).is_some_and(|x| x.is("of")) {
            n + 1
        } else {
            n
        };
        if let Some(y) = at(k).and_then(year_of) {
            return Some((k + 1, TimeExpr::at(PartialDate::month(y, m))));
        }
        let led = i > 0 && toks[i - 1].is_any(MONTH_LEADS);
        if !led {
            return None;
        }
        let year = linked_year(toks, n).or_else(|| relative_year(m, doc_date))?;
        return Some((n, TimeExpr::at(PartialDate::month(year, m))));
    }
    if let Some(d) = day_of(t) {
        let m = at(i + 1).and_then(month_of)?;
        let n = if at(i + 2).is_some_and(|x| x.is(".") && x.glued) && toks[i + 1].lower.len() <= 4 {
            i + 3
        } else {
            i + 2
        };
        if let Some(y) = at(n).and_then(year_of) {
            let date = Date::new(y, m, d)?;
            return Some((n + 1, TimeExpr::at(PartialDate::day(date))));
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
    if weekday_of(t).is_some() {
        return weekday_expr(toks, i, doc_date);
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
        check("On Oct. 17, 2016 it began.", None, &["2016-10-17"]);
        check("On 5 Sept. 2012 it began.", None, &["2012-09-05"]);
        check("By Dec. 2019 it had ended.", None, &["2019-12"]);
    }

    #[test]
    fn intervals() {
        check(
            "Between May 2 and late June 2014 it held.",
            None,
            &["2014-05-02/2014-06"],
        );
        check("From 2003 to 2011.", None, &["2003/2011"]);
        // read in January 1990 both months fall in 1989, October after September: no interval
        check(
            "Between October and September it held.",
            Some("1990-01-01"),
            &["1989-10", "1989-09"],
        );
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

    #[test]
    fn weekdays_resolve_against_the_document_date() {
        // 2021-03-10 is a Wednesday: the Monday before is 2021-03-08
        check("They left on Monday.", Some("2021-03-10"), &["2021-03"]);
        // the Friday before a Tuesday 2 March lies in February
        check(
            "Rockets fell Friday night.",
            Some("2021-03-02"),
            &["2021-02"],
        );
        check("They left on Monday.", None, &[]);
        check(
            "On Thursday, May 6, the envoy spoke.",
            Some("2021-05-10"),
            &["2021-05-06"],
        );
        check(
            "Sunday night, Nov. 7, 2021, it fell.",
            None,
            &["2021-11-07"],
        );
        assert_eq!(weekday(Date::new(2021, 3, 10).unwrap()), 2);
        assert_eq!(weekday(Date::new(2000, 1, 1).unwrap()), 5);
    }

    const WORDS: &[&str] = &[
        "On",
        "Monday",
        "Sunday",
        "night",
        ",",
        ".",
        "Oct",
        "Sept",
        "May",
        "March",
        "17",
        "31",
        "2016",
        "1990s",
        "summer",
        "of",
        "last",
        "week",
        "month",
        "between",
        "and",
        "to",
        "in",
        "since",
        "today",
        "yesterday",
        "this",
        "year",
        "late",
        "the",
    ];

    proptest::proptest! {
        #[test]
        fn expressions_lie_in_order_inside_the_tokens(
            idx in proptest::collection::vec(0usize..WORDS.len(), 0..24),
            y in 1990u16..2030, m in 1u8..=12, d in 1u8..=28,
        ) {
            let text = idx.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let toks = crate::tokens::tokenize(&text, Span::new(0, text.len()), &[], &|_| None);
            let doc = Date::new(y, m, d);
            let found = find(&toks, doc);
            let mut last = 0;
            for f in &found {
                proptest::prop_assert!(last <= f.start && f.start < f.end && f.end <= toks.len());
                last = f.end;
                if let Some(e) = f.time.end {
                    proptest::prop_assert!(f.time.start <= e);
                }
            }
        }

        #[test]
        fn a_weekday_falls_in_the_week_before_the_document(
            y in 1990u16..2030, m in 1u8..=12, d in 1u8..=28, wd in 0usize..7,
        ) {
            const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
            let text = format!("It fell on {}.", DAYS[wd]);
            let toks = crate::tokens::tokenize(&text, Span::new(0, text.len()), &[], &|_| None);
            let doc = Date::new(y, m, d).unwrap();
            let found = find(&toks, Some(doc));
            proptest::prop_assert_eq!(found.len(), 1);
            let week_before = minus_days(doc, 6);
            let got = found[0].time.start;
            proptest::prop_assert!(got.day.is_none() && found[0].day);
            proptest::prop_assert!(
                (got.year, got.month) == (doc.year, Some(doc.month))
                    || (got.year, got.month) == (week_before.year, Some(week_before.month))
            );
        }
    }
}
