//! Calendar dates of publication, read from the shapes news and crawlers write.

use std::fmt;

/// A calendar day, checked: the month is 1–12 and the day exists in that month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1000–2999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, from 1.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a name or abbreviation stands for ("Jan", "jan.", "Sept", "September").
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w.as_str())))
        .map(|i| i as u8 + 1)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || d.starts_with(w.as_str()))
}

impl Date {
    /// A checked date, or `None` when it does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1000..=2999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Reads a whole string as a date. Accepted shapes: `2017-07-31`, `2017-07-31 00:00:00`,
    /// `2015-01-08T10:00:00Z` (the date part is kept as written), `2017/07/31`,
    /// `July 31, 2017`, `Jan. 8, 2015`, `31 July 2017`, `31 Jul. 2017`, each optionally
    /// after a weekday (`Monday, July 31, 2017`), and RFC 2822 (`Sat, 07 Aug 2021 00:09:14 +0000`).
    /// Anything else, or a day that does not exist, gives `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        if s.is_empty() || s.len() > 64 {
            return None;
        }
        Self::parse_iso(s).or_else(|| Self::parse_words(s))
    }

    /// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by a time (`T…` or ` …`).
    fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() < 10 {
            return None;
        }
        let sep = b[4];
        if !(sep == b'-' || sep == b'/') || b[7] != sep {
            return None;
        }
        if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y as u16, m as u8, d as u8)
    }

    /// Month-name shapes, in either order, with an optional leading weekday.
    fn parse_words(s: &str) -> Option<Date> {
        let cleaned: String = s.chars().map(|c| if c == ',' { ' ' } else { c }).collect();
        let mut words: Vec<&str> = cleaned.split_whitespace().collect();
        if words.first().is_some_and(|w| is_weekday(w)) {
            words.remove(0);
        }
        // RFC 2822 keeps a time and zone after the year: drop them.
        if words.len() > 3 && words[3].contains(':') {
            words.truncate(3);
        }
        if words.len() != 3 {
            return None;
        }
        let year = parse_year(words[2])?;
        if let Some(month) = month_from_name(words[0]) {
            let day = parse_day(words[1])?;
            return Date::new(year, month, day);
        }
        let day = parse_day(words[0])?;
        let month = month_from_name(words[1])?;
        Date::new(year, month, day)
    }
}

fn parse_year(w: &str) -> Option<u16> {
    (w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// A day number, allowing an ordinal suffix ("31st", "2nd").
fn parse_day(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !matches!(
            suffix.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th"
        )
    {
        return None;
    }
    digits.parse().ok()
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(input: &str, expect: Option<&str>) {
        assert_eq!(
            Date::parse(input).map(|d| d.to_string()).as_deref(),
            expect,
            "{input:?}"
        );
    }

    #[test]
    fn reads_the_shapes_news_writes() {
        check("July 31, 2017", Some("2017-07-31"));
        check("31 July 2017", Some("2017-07-31"));
        check("Jan. 8, 2015", Some("2015-01-08"));
        check("Sept. 8, 2015", Some("2015-09-08"));
        check("2017-07-31", Some("2017-07-31"));
        check("2015-01-08T10:00:00Z", Some("2015-01-08"));
        check("2017-07-31 00:00:00", Some("2017-07-31"));
        check("Monday, July 31, 2017", Some("2017-07-31"));
        check("Sat, 07 Aug 2021 00:09:14 +0000", Some("2021-08-07"));
        check("March 3rd, 2019", Some("2019-03-03"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        check("", None);
        check("July 2017", None);
        check("February 30, 2016", None);
        check("2017-13-01", None);
        check("May the fourth", None);
        check("31 Julyish 2017", None);
        check("2017-07-31x", None);
    }

    #[test]
    fn months_from_names_and_abbreviations() {
        assert_eq!(month_from_name("Oct."), Some(10));
        assert_eq!(month_from_name("Sept"), Some(9));
        assert_eq!(month_from_name("May"), Some(5));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(month_from_name("Mayday"), None);
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in "\\PC{0,40}") {
            let _ = Date::parse(&s);
        }

        #[test]
        fn formatted_dates_read_back(y in 1000u16..2999, m in 1u8..=12, d in 1u8..=31) {
            if let Some(date) = Date::new(y, m, d) {
                prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
                let long = format!("{} {}, {}", MONTHS[m as usize - 1], d, y);
                prop_assert_eq!(Date::parse(&long), Some(date));
            }
        }
    }
}
