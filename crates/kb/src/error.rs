//! Why a knowledge-base file could not be loaded: [`KbError`], and what is wrong with one
//! line of it: [`Problem`].

use model::EntityKind;
use std::fmt;

/// At most this many line errors are collected from one file; the rest are counted.
pub const MAX_ERRORS: usize = 100;

/// Why a knowledge-base file could not be loaded.
///
/// Prints as `PATH: line N: what is wrong`, one line per bad line of the file.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// One line of the file is wrong.
    #[error("{path}: line {line}: {problem}")]
    Line {
        /// The file, or the name given to [`crate::Kb::parse`].
        path: String,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong with it.
        problem: Problem,
    },
    /// Several lines of the file are wrong: each is a [`KbError::Line`], in file order.
    #[error("{}", ManyDisplay { path, errors, n_more: *n_more })]
    Many {
        /// The file.
        path: String,
        /// The first [`MAX_ERRORS`] errors, in file order.
        errors: Vec<KbError>,
        /// How many more errors the file has beyond `errors`.
        n_more: usize,
    },
}

impl KbError {
    /// Every single-line error this error holds, in file order: itself, or the lines of a
    /// [`KbError::Many`]. A CLI prints each on its own line.
    pub fn errors(&self) -> &[KbError] {
        match self {
            KbError::Many { errors, .. } => errors,
            other => std::slice::from_ref(other),
        }
    }

    /// Joins line errors into one error: `None` for none, the error itself for one,
    /// [`KbError::Many`] for more.
    pub(crate) fn collect(path: &str, mut errors: Vec<KbError>, n_more: usize) -> Option<KbError> {
        match errors.len() {
            0 => None,
            1 if n_more == 0 => errors.pop(),
            _ => Some(KbError::Many {
                path: path.to_string(),
                errors,
                n_more,
            }),
        }
    }
}

struct ManyDisplay<'a> {
    path: &'a str,
    errors: &'a [KbError],
    n_more: usize,
}

impl fmt::Display for ManyDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        if self.n_more > 0 {
            write!(f, "\n{}: {} more errors not shown", self.path, self.n_more)?;
        }
        Ok(())
    }
}

/// What is wrong with one line of a knowledge-base file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The line is not valid UTF-8.
    NotUtf8,
    /// The line is not JSON; the parser's message and the column.
    NotJson {
        /// The JSON parser's message.
        message: String,
        /// The column (1-based) where parsing failed.
        column: usize,
    },
    /// The line is JSON but not an object.
    NotObject,
    /// A field this format does not have (a typo guard).
    UnknownField(String),
    /// A required field is absent.
    Missing(&'static str),
    /// A field that must be a string (or, for `capital`, null) is something else.
    NotString(&'static str),
    /// A field that must be a list of strings is something else, or holds a non-string.
    NotStringList(&'static str),
    /// A name is the empty string.
    Empty(&'static str),
    /// A name starts or ends with white space.
    Spaces {
        /// The field.
        field: &'static str,
        /// The name.
        value: String,
    },
    /// A name holds a control character (a tab, a newline …).
    ControlChar {
        /// The field.
        field: &'static str,
        /// The name.
        value: String,
    },
    /// A name has no letter or digit, so no key to be looked up by.
    NoKey {
        /// The field.
        field: &'static str,
        /// The name.
        value: String,
    },
    /// `kind` is not one of the four kinds.
    UnknownKind(String),
    /// An alias is the canonical name itself.
    AliasIsName(String),
    /// The same string is given twice in one entry (aliases, demonyms and capital).
    Repeated(String),
    /// The name was given another kind on an earlier line of the same file.
    KindConflict {
        /// The name.
        name: String,
        /// Its kind on this line.
        kind: EntityKind,
        /// Its kind on the earlier line.
        other: EntityKind,
        /// The earlier line.
        other_line: usize,
    },
    /// A field that this kind of entry cannot have (a person has no capital).
    NotForKind {
        /// The field.
        field: &'static str,
        /// The entry's kind.
        kind: EntityKind,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotUtf8 => f.write_str("not UTF-8"),
            Problem::NotJson { message, column } => {
                write!(f, "not JSON at column {column}: {message}")
            }
            Problem::NotObject => f.write_str(
                "not a JSON object: write one entry per line, {\"name\": …, \"kind\": …}",
            ),
            Problem::UnknownField(field) => write!(
                f,
                "unknown field \"{field}\": use name, kind, aliases, demonyms or capital"
            ),
            Problem::Missing(field) => write!(f, "missing \"{field}\""),
            Problem::NotString(field) if *field == "capital" => {
                f.write_str("\"capital\" must be a string or null")
            }
            Problem::NotString(field) => write!(f, "\"{field}\" must be a string"),
            Problem::NotStringList(field) => {
                write!(f, "\"{field}\" must be a list of strings")
            }
            Problem::Empty(field) => write!(f, "empty \"{field}\""),
            Problem::Spaces { field, value } => {
                write!(
                    f,
                    "\"{value}\" in \"{field}\" has leading or trailing spaces"
                )
            }
            Problem::ControlChar { field, value } => {
                write!(f, "{value:?} in \"{field}\" holds a control character")
            }
            Problem::NoKey { field, value } => {
                write!(f, "\"{value}\" in \"{field}\" has no letter or digit")
            }
            Problem::UnknownKind(kind) => {
                write!(
                    f,
                    "unknown kind \"{kind}\": use person, org, place or group"
                )
            }
            Problem::AliasIsName(alias) => {
                write!(f, "alias \"{alias}\" is the name itself")
            }
            Problem::Repeated(value) => write!(f, "\"{value}\" is listed twice"),
            Problem::KindConflict {
                name,
                kind,
                other,
                other_line,
            } => write!(
                f,
                "\"{name}\" is {} here but {} at line {other_line}: one name, one kind",
                a(*kind),
                a(*other)
            ),
            Problem::NotForKind { field, kind } => {
                write!(f, "{} has no \"{field}\"", a(*kind))
            }
        }
    }
}

/// The kind with its indefinite article: "a person", "an org".
fn a(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "a person",
        EntityKind::Org => "an org",
        EntityKind::Place => "a place",
        EntityKind::Group => "a group",
    }
}
