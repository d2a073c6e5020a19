//! Claim times (`2014`, `2014-06`, `2014-06-09`, intervals `A/B`) as day bounds that
//! compare across precisions.

use std::cmp::Ordering;

/// One end of a claim's time as written: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimePoint {
    /// The year.
    pub year: u16,
    /// The month, 1–12, when given.
    pub month: Option<u8>,
    /// The day, 1–31, when given (only with a month).
    pub day: Option<u8>,
}

impl TimePoint {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else.
    pub fn parse(s: &str) -> Option<TimePoint> {
        let mut parts = s.trim().split('-');
        let year = number(parts.next()?, 4, 1, 9999)? as u16;
        let month = optional(parts.next(), 12)?;
        let day = optional(parts.next(), 31)?;
        if parts.next().is_some() {
            return None;
        }
        Some(TimePoint {
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

    /// `YYYYMMDD`, the month and day filled in from `month` and `day` where not given.
    fn day_key(self, month: u8, day: u8) -> u32 {
        let m = self.month.unwrap_or(month);
        let d = self.day.unwrap_or(day);
        u32::from(self.year) * 10_000 + u32::from(m) * 100 + u32::from(d)
    }

    /// How many parts it gives: 1 (year), 2 (month) or 3 (day).
    fn precision(self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }
}

impl std::fmt::Display for TimePoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A claim's time: a point, or an interval `A/B` (a point is an interval from itself to
/// itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    /// When it starts.
    pub start: TimePoint,
    /// When it ends.
    pub end: TimePoint,
}

impl TimeSpan {
    /// Reads a point or an interval `A/B` of points; `None` when either end is not one.
    pub fn parse(s: &str) -> Option<TimeSpan> {
        match s.split_once('/') {
            Some((a, b)) => Some(TimeSpan {
                start: TimePoint::parse(a)?,
                end: TimePoint::parse(b)?,
            }),
            None => TimePoint::parse(s).map(|p| TimeSpan { start: p, end: p }),
        }
    }
}

/// The first and last day (`YYYYMMDD`) a time string covers: `2014-06` gives
/// `(20140601, 20140631)`, `2014/2015-03` gives `(20140101, 20150331)`; `None` when it is
/// not in the ontology's shapes. For filters over [`crate::Edge::time_bounds`].
pub fn time_bounds(s: &str) -> Option<(u32, u32)> {
    TimeSpan::parse(s).map(|t| (t.start.first_day(), t.end.last_day()))
}

/// Orders points by their first day, the more precise first on a tie: the earliest start
/// is `min` under this order.
pub(crate) fn by_start(a: &TimePoint, b: &TimePoint) -> Ordering {
    a.first_day()
        .cmp(&b.first_day())
        .then(b.precision().cmp(&a.precision()))
        .then(a.last_day().cmp(&b.last_day()))
}

/// Orders points by their last day, the more precise last on a tie: the latest end is
/// `max` under this order.
pub(crate) fn by_end(a: &TimePoint, b: &TimePoint) -> Ordering {
    a.last_day()
        .cmp(&b.last_day())
        .then(a.precision().cmp(&b.precision()))
        .then(a.first_day().cmp(&b.first_day()))
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

    fn point(s: &str) -> TimePoint {
        TimePoint::parse(s).unwrap()
    }

    #[test]
    fn shapes_parse_and_print_back() {
        for s in ["2014", "2014-06", "2014-06-09"] {
            assert_eq!(point(s).to_string(), s);
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
            assert_eq!(TimePoint::parse(bad), None, "{bad}");
        }
        let span = TimeSpan::parse("2014-06-09/2014-07-15").unwrap();
        assert_eq!(
            (span.start, span.end),
            (point("2014-06-09"), point("2014-07-15"))
        );
        assert_eq!(TimeSpan::parse("2014/"), None);
    }

    #[test]
    fn bounds_cover_the_whole_period() {
        assert_eq!(time_bounds("2014"), Some((20140101, 20141231)));
        assert_eq!(time_bounds("2014-06"), Some((20140601, 20140631)));
        assert_eq!(time_bounds("2014-06-09"), Some((20140609, 20140609)));
        assert_eq!(time_bounds("1980/1989"), Some((19800101, 19891231)));
    }

    #[test]
    fn partial_dates_order_by_what_they_cover() {
        let min = |xs: &[&str]| {
            xs.iter()
                .map(|s| point(s))
                .min_by(by_start)
                .unwrap()
                .to_string()
        };
        let max = |xs: &[&str]| {
            xs.iter()
                .map(|s| point(s))
                .max_by(by_end)
                .unwrap()
                .to_string()
        };
        assert_eq!(min(&["2014-06", "2014", "2014-03-02"]), "2014");
        assert_eq!(min(&["2014-06", "2014-03-02"]), "2014-03-02");
        assert_eq!(min(&["2014", "2014-01"]), "2014-01");
        assert_eq!(min(&["2015", "2014-12-31"]), "2014-12-31");
        assert_eq!(max(&["2014-06", "2014", "2014-03-02"]), "2014");
        assert_eq!(max(&["2014-12-31", "2014"]), "2014-12-31");
        assert_eq!(max(&["2014-12", "2014-11-30"]), "2014-12");
    }
}
