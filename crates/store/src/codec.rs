//! How model values map to columns and back.

use crate::error::{to_i64, to_u64, Result, StoreError};
use model::{Date, Format, Locator, Severity};
use std::path::Path;

/// A [`Locator`] as the columns `(kind, ordinal, offset)`.
pub(crate) struct LocatorColumns {
    pub kind: &'static str,
    pub ordinal: i64,
    pub offset: Option<i64>,
}

/// Splits a locator into its columns; fails only on numbers past `i64::MAX`.
pub(crate) fn encode_locator(path: &Path, locator: Locator) -> Result<LocatorColumns> {
    Ok(match locator {
        Locator::Whole => LocatorColumns {
            kind: "whole",
            ordinal: 0,
            offset: None,
        },
        Locator::Line(n) => LocatorColumns {
            kind: "line",
            ordinal: to_i64(path, "line number", n)?,
            offset: None,
        },
        Locator::Record { index, offset } => LocatorColumns {
            kind: "record",
            ordinal: to_i64(path, "record index", index)?,
            offset: Some(to_i64(path, "record offset", offset)?),
        },
    })
}

/// Rebuilds a locator from its columns.
pub(crate) fn decode_locator(
    path: &Path,
    kind: &str,
    ordinal: i64,
    offset: Option<i64>,
) -> Result<Locator> {
    let ordinal = to_u64(path, "locator ordinal", ordinal)?;
    match (kind, offset) {
        ("whole", None) if ordinal == 0 => Ok(Locator::Whole),
        ("line", None) => Ok(Locator::Line(ordinal)),
        ("record", Some(offset)) => Ok(Locator::Record {
            index: ordinal,
            offset: to_u64(path, "locator offset", offset)?,
        }),
        _ => Err(corrupt(
            path,
            "locator",
            format!("kind {kind:?}, ordinal {ordinal}, offset {offset:?}"),
        )),
    }
}

/// The stored name of a severity.
pub(crate) fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The severity with this stored name.
pub(crate) fn decode_severity(path: &Path, name: &str) -> Result<Severity> {
    match name {
        "warning" => Ok(Severity::Warning),
        "error" => Ok(Severity::Error),
        _ => Err(corrupt(path, "severity", format!("{name:?}"))),
    }
}

/// A date read back from `YYYY-MM-DD`.
pub(crate) fn decode_date(path: &Path, text: &str) -> Result<Date> {
    Date::parse(text)
        .filter(|d| d.to_string() == text)
        .ok_or_else(|| corrupt(path, "date", format!("{text:?}")))
}

/// The stored name of a format (the model's own name).
pub(crate) fn format_name(format: Format) -> &'static str {
    format.name()
}

/// A [`StoreError::Corrupt`].
pub(crate) fn corrupt(path: &Path, what: &'static str, detail: String) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        what,
        detail,
    }
}
