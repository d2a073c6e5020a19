//! Claim times (`2014`, `2014-06`, `2014-06-09`, intervals `A/B`) as day bounds that
//! compare across precisions.

use model::PartialDate;
use std::cmp::Ordering;

/// A claim's time: a point, or an interval `A/B` (a point is an interval from itself to
/// itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    /// When it starts.
    pub start: PartialDate,
    /// When it ends.
    pub end: PartialDate,
}

impl TimeSpan {
    /// Reads a point or an interval `A/B` of points; `None` when either end is not one.
    pub fn parse(s: &str) -> Option<TimeSpan> {
        match s.split_once('/') {
            Some((a, b)) => Some(TimeSpan {
                start: PartialDate::parse(a)?,
                end: PartialDate::parse(b)?,
            }),
            None => PartialDate::parse(s).map(|p| TimeSpan { start: p, end: p }),
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
pub(crate) fn by_start(a: &PartialDate, b: &PartialDate) -> Ordering {
    a.first_day()
        .cmp(&b.first_day())
        .then(b.precision().cmp(&a.precision()))
        .then(a.last_day().cmp(&b.last_day()))
}

/// Orders points by their last day, the more precise last on a tie: the latest end is
/// `max` under this order.
pub(crate) fn by_end(a: &PartialDate, b: &PartialDate) -> Ordering {
    a.last_day()
        .cmp(&b.last_day())
        .then(a.precision().cmp(&b.precision()))
        .then(a.first_day().cmp(&b.first_day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn spans_parse_as_two_ends() {
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
