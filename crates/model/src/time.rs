//! Partial dates, the unit of claim times: a year, a month or a day, written and read
//! as the ontology's time strings (`2014`, `2014-06`, `2014-06-09`).

use crate::Date;
use std::fmt;

/// A date known to the year, the month or the day. The derived order puts a year before
/// its months and a month before its days; [`PartialDate::first_day`] and
/// [`PartialDate::last_day`] compare across precisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: u16,
    /// The month, 1–12, when known.
    pub month: Option<u8>,
    /// The day, 1–31, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A whole year.
    pub fn year(year: u16) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A whole month.
    pub fn month(year: u16, month: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// The day of a full date.
    pub fn day(d: Date) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().split('-');
        let year = number(parts.next()?, 4, 1, 9999)? as u16;
        let month = optional(parts.next(), 12)?;
        let day = optional(parts.next(), 31)?;
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The first day it covers, as the number `YYYYMMDD`.
    pub fn first_day(self) -> u32 {
        self.day_key(1, 1)
    }

    /// The last day it covers, as the number `YYYYMMDD`; a month ends on its 31st, which
    /// orders correctly against every real day.
    pub fn last_day(self) -> u32 {
        self.day_key(12, 31)
    }

    /// How many parts it gives: 1 (year), 2 (month) or 3 (day).
    pub fn precision(self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }

    /// `YYYYMMDD`, the month and day filled in from `month` and `day` where not given.
    fn day_key(self, month: u8, day: u8) -> u32 {
        let m = self.month.unwrap_or(month);
        let d = self.day.unwrap_or(day);
        u32::from(self.year) * 10_000 + u32::from(m) * 100 + u32::from(d)
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

/// A two-digit part within `1..=max`: `Some(None)` when there is none, `None` when it
/// is not one.
fn optional(part: Option<&str>, max: u32) -> Option<Option<u32>> {
    match part {
        None => Some(None),
        Some(p) => number(p, 2, 1, max).map(Some),
    }
}

/// `s` as a number of exactly `width` ASCII digits within `min..=max`.
fn number(s: &str, width: usize, min: u32, max: u32) -> Option<u32> {
    if s.len() != width || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| (min..=max).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shapes_parse_and_print_back() {
        for s in ["2014", "2014-06", "2014-06-09"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        for bad in [
            "",
            "14",
            "2014-6",
            "2014-13",
            "2014-06-32",
            "2014-06-09-01",
            "June",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_period_covers_its_days() {
        let bounds = |s: &str| {
            let d = PartialDate::parse(s).unwrap();
            (d.first_day(), d.last_day())
        };
        assert_eq!(bounds("2014"), (20140101, 20141231));
        assert_eq!(bounds("2014-06"), (20140601, 20140631));
        assert_eq!(bounds("2014-06-09"), (20140609, 20140609));
        assert_eq!(PartialDate::month(2014, 6).precision(), 2);
    }

    proptest! {
        #[test]
        fn what_is_written_reads_back(year in 1u16..=9999, month in proptest::option::of(1u8..=12), day in 1u8..=31, with_day: bool) {
            let d = PartialDate { year, month, day: (with_day && month.is_some()).then_some(day) };
            prop_assert_eq!(PartialDate::parse(&d.to_string()), Some(d));
        }

        #[test]
        fn any_text_parses_or_fails_without_panicking(s in "\\PC{0,16}") {
            let _ = PartialDate::parse(&s);
        }
    }
}
