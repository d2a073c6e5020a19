//! Reading and checking request parameters: every failure names the parameter.

use crate::error::ApiError;
use model::{EntityId, EntityKind};
use store::{DocumentId, EdgeId};

/// The longest text parameter (`q`, `outlet`) accepted, in characters.
pub const MAX_TEXT: usize = 500;

/// A request's query parameters, checked against the names its route knows.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// The parameters of a query string, of which only `known` names are allowed, each
    /// at most once. An empty value counts as absent.
    pub fn new(pairs: Vec<(String, String)>, known: &[&str]) -> Result<Params, ApiError> {
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter {:?}: this endpoint takes {}",
                    truncate(name),
                    known.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad(format!("parameter {name} is given twice")));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// A text value of at most [`MAX_TEXT`] characters.
    pub fn text(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            Some(v) if v.chars().count() > MAX_TEXT => Err(ApiError::bad(format!(
                "parameter {name} is longer than {MAX_TEXT} characters"
            ))),
            v => Ok(v),
        }
    }

    /// A whole number in `min..=max`, `default` when absent.
    pub fn number(&self, name: &str, default: u64, min: u64, max: u64) -> Result<u64, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "parameter {name} must be a whole number from {min} to {max}, not {:?}",
                truncate(v)
            ))),
        }
    }

    /// An entity id, if given.
    pub fn entity(&self, name: &str) -> Result<Option<EntityId>, ApiError> {
        self.get(name).map(|v| entity_id(name, v)).transpose()
    }

    /// An entity kind, if given.
    pub fn kind(&self, name: &str) -> Result<Option<EntityKind>, ApiError> {
        self.get(name)
            .map(|v| {
                EntityKind::from_name(v).ok_or_else(|| {
                    ApiError::bad(format!(
                        "parameter {name} must be person, org, place or group, not {:?}",
                        truncate(v)
                    ))
                })
            })
            .transpose()
    }

    /// A predicate name of the ontology, if given.
    pub fn predicate(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.get(name)
            .map(|v| match model::Predicate::from_name(v) {
                Some(p) => Ok(p.name().to_string()),
                None => Err(ApiError::bad(format!(
                    "parameter {name} must be one of {}, not {:?}",
                    model::Predicate::NAMES.join(", "),
                    truncate(v)
                ))),
            })
            .transpose()
    }

    /// A modality name, if given.
    pub fn modality(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.get(name)
            .map(|v| match network::Modality::from_name(v) {
                Some(m) => Ok(m.name().to_string()),
                None => Err(ApiError::bad(format!(
                    "parameter {name} must be asserted, reported, alleged, hypothetical or \
                     denied, not {:?}",
                    truncate(v)
                ))),
            })
            .transpose()
    }

    /// A date given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the `YYYYMMDD` number of its
    /// first day (`last` false) or its last day (`last` true), if given.
    pub fn day(&self, name: &str, last: bool) -> Result<Option<u32>, ApiError> {
        self.get(name)
            .map(|v| match network::PartialDate::parse(v) {
                Some(t) if v.trim() == v => Ok(if last { t.last_day() } else { t.first_day() }),
                _ => Err(ApiError::bad(format!(
                    "parameter {name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {:?}",
                    truncate(v)
                ))),
            })
            .transpose()
    }
}

/// An entity id as the API writes it: a decimal number.
pub fn entity_id(name: &str, v: &str) -> Result<EntityId, ApiError> {
    digits(name, v, "an entity id").map(EntityId)
}

/// An edge id: a positive decimal number.
pub fn edge_id(v: &str) -> Result<EdgeId, ApiError> {
    positive("id", v, "an edge id").map(EdgeId)
}

/// A document id: a positive decimal number.
pub fn document_id(v: &str) -> Result<DocumentId, ApiError> {
    positive("id", v, "a document id").map(DocumentId)
}

fn positive(name: &str, v: &str, what: &str) -> Result<i64, ApiError> {
    match digits(name, v, what).map(i64::try_from) {
        Ok(Ok(n)) => Ok(n),
        _ => Err(not_a(name, v, what)),
    }
}

fn digits(name: &str, v: &str, what: &str) -> Result<u64, ApiError> {
    if v.is_empty() || v.len() > 20 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a(name, v, what));
    }
    v.parse().map_err(|_| not_a(name, v, what))
}

fn not_a(name: &str, v: &str, what: &str) -> ApiError {
    ApiError::bad(format!(
        "parameter {name} must be {what} (decimal digits), not {:?}",
        truncate(v)
    ))
}

/// At most 60 characters of `s`, for messages that quote what the client sent.
fn truncate(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)], known: &[&str]) -> Result<Params, ApiError> {
        let pairs = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Params::new(pairs, known)
    }

    #[test]
    fn unknown_and_repeated_names_are_refused() {
        assert!(params(&[("x", "1")], &["q"]).is_err());
        assert!(params(&[("q", "1"), ("q", "2")], &["q"]).is_err());
        let p = params(&[("q", "")], &["q"]).unwrap();
        assert_eq!(p.get("q"), None);
    }

    #[test]
    fn numbers_dates_and_ids_are_checked() {
        let p = params(
            &[("limit", "0"), ("since", "2014-13"), ("until", "2014-02")],
            &["limit", "since", "until"],
        )
        .unwrap();
        assert!(p.number("limit", 5, 1, 10).is_err());
        assert!(p.day("since", false).is_err());
        assert_eq!(p.day("until", true).unwrap(), Some(20140231));
        assert!(edge_id("0x1").is_err());
        assert!(edge_id("99999999999999999999").is_err());
        assert!(document_id("-1").is_err());
        assert_eq!(
            entity_id("id", "18446744073709551615").unwrap(),
            EntityId(u64::MAX)
        );
    }
}
