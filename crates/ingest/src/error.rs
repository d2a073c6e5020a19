//! The one error type of this crate: what went wrong, in which file, and where in it.

use model::Locator;
use std::fmt;
use std::io;
use std::path::PathBuf;

/// A file, line or record that could not be read.
///
/// Every variant names the input's path and prints as `PATH: cause`, or
/// `PATH: line N: cause` / `PATH: record N (byte B): cause` when the problem is narrower
/// than the file. Messages are lowercase with no trailing period.
/// [`IngestError::is_fatal`] says whether the rest of the file is lost too.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path could not be opened or read (missing, a directory, a read failure).
    #[error("{path}{}: {}", At(*.locator), io_message(.source))]
    Io {
        /// The input.
        path: PathBuf,
        /// Where reading failed; [`Locator::Whole`] for the file itself.
        locator: Locator,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// The input holds NUL bytes or mostly control characters: it is not text.
    #[error("{path}: binary data, not text (NUL bytes or control characters)")]
    Binary {
        /// The input.
        path: PathBuf,
    },
    /// The file (whole-file formats) or one line or record is over
    /// [`Limits::max_record_bytes`](crate::Limits::max_record_bytes).
    #[error("{path}{}: too large: {} (raise the limit with --max-size)", At(*.locator), size_text(*.size, *.at_least, *.limit))]
    TooLarge {
        /// The input.
        path: PathBuf,
        /// The file, line or record concerned.
        locator: Locator,
        /// Its size in bytes, or the bytes read before giving up when `at_least`.
        size: u64,
        /// Whether `size` is only a lower bound (a decompressed stream is not read to its end).
        at_least: bool,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSON file or line that is not JSON, or not an article object.
    #[error("{path}{}: {reason}", At(*.locator))]
    Json {
        /// The input.
        path: PathBuf,
        /// The file, line or array element concerned.
        locator: Locator,
        /// What is wrong, e.g. `not JSON: expected value at column 1`.
        reason: String,
    },
    /// A JSON article object without a string `text` or `maintext` field.
    #[error("{path}{}: no article text: neither `text` nor `maintext` is a string", At(*.locator))]
    MissingText {
        /// The input.
        path: PathBuf,
        /// The object concerned.
        locator: Locator,
    },
    /// Gzip data that is corrupt or ends early.
    #[error("{path}: corrupt or truncated gzip data at byte {offset} of the decompressed stream: {reason}")]
    Gzip {
        /// The input.
        path: PathBuf,
        /// Bytes decompressed before the failure.
        offset: u64,
        /// The decoder's complaint.
        reason: String,
    },
    /// A WARC record cut short: the file ends inside it.
    #[error("{path}{}: truncated: {reason}", At(*.locator))]
    Truncated {
        /// The input.
        path: PathBuf,
        /// The record concerned (its index and byte offset).
        locator: Locator,
        /// What was missing.
        reason: String,
    },
    /// A WARC header block that cannot be parsed.
    #[error("{path}{}: malformed WARC header: {reason}", At(*.locator))]
    Warc {
        /// The input.
        path: PathBuf,
        /// The record concerned.
        locator: Locator,
        /// What is wrong.
        reason: String,
    },
    /// A WARC response whose HTTP message cannot be decoded (bad head, unknown encoding).
    #[error("{path}{}: unreadable HTTP payload: {reason}", At(*.locator))]
    Payload {
        /// The input.
        path: PathBuf,
        /// The record concerned.
        locator: Locator,
        /// What is wrong.
        reason: String,
    },
}

impl IngestError {
    /// Whether the rest of the file is lost too. Not fatal: only this line, array
    /// element or WARC record is skipped and reading goes on.
    pub fn is_fatal(&self) -> bool {
        match self {
            IngestError::Io { .. }
            | IngestError::Binary { .. }
            | IngestError::Gzip { .. }
            | IngestError::Truncated { .. }
            | IngestError::Warc { .. } => true,
            IngestError::TooLarge { locator, .. } | IngestError::Json { locator, .. } => {
                *locator == Locator::Whole
            }
            IngestError::MissingText { .. } | IngestError::Payload { .. } => false,
        }
    }

    /// The input the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::Io { path, .. }
            | IngestError::Binary { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::Json { path, .. }
            | IngestError::MissingText { path, .. }
            | IngestError::Gzip { path, .. }
            | IngestError::Truncated { path, .. }
            | IngestError::Warc { path, .. }
            | IngestError::Payload { path, .. } => path,
        }
    }
}

/// Prints `: line 3` or `: record 2 (byte 80)`, nothing for a whole file.
struct At(Locator);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Locator::Whole => Ok(()),
            loc => write!(f, ": {loc}"),
        }
    }
}

fn size_text(size: u64, at_least: bool, limit: u64) -> String {
    if at_least {
        format!("more than the limit of {limit} bytes")
    } else {
        format!("{size} bytes, over the limit of {limit} bytes")
    }
}

/// An I/O error in the house style: lowercase, without the `(os error N)` tail.
fn io_message(e: &io::Error) -> String {
    let text = match e.kind() {
        io::ErrorKind::NotFound => return "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => return "permission denied".into(),
        io::ErrorKind::IsADirectory => return "is a directory, not a file".into(),
        _ => e.to_string(),
    };
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "read error".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(err: IngestError, expect: &str, fatal: bool) {
        assert_eq!(err.to_string(), expect);
        assert_eq!(err.is_fatal(), fatal, "{expect}");
    }

    #[test]
    fn messages_name_the_path_and_place() {
        check(
            IngestError::Json {
                path: "a.jsonl".into(),
                locator: Locator::Line(3),
                reason: "not JSON: expected value at column 1".into(),
            },
            "a.jsonl: line 3: not JSON: expected value at column 1",
            false,
        );
        check(
            IngestError::Truncated {
                path: "c.warc.gz".into(),
                locator: Locator::Record {
                    index: 12,
                    offset: 40960,
                },
                reason: "the file ends inside the record".into(),
            },
            "c.warc.gz: record 12 (byte 40960): truncated: the file ends inside the record",
            true,
        );
        check(
            IngestError::Io {
                path: "gone.txt".into(),
                locator: Locator::Whole,
                source: io::Error::from(io::ErrorKind::NotFound),
            },
            "gone.txt: no such file or directory",
            true,
        );
    }

    #[test]
    fn too_large_names_the_flag() {
        check(
            IngestError::TooLarge {
                path: "big.html".into(),
                locator: Locator::Whole,
                size: 100,
                at_least: false,
                limit: 10,
            },
            "big.html: too large: 100 bytes, over the limit of 10 bytes (raise the limit with --max-size)",
            true,
        );
        check(
            IngestError::TooLarge {
                path: "big.jsonl".into(),
                locator: Locator::Line(2),
                size: 100,
                at_least: false,
                limit: 10,
            },
            "big.jsonl: line 2: too large: 100 bytes, over the limit of 10 bytes (raise the limit with --max-size)",
            false,
        );
    }

    #[test]
    fn io_messages_are_lowercase() {
        let e = io::Error::other("Broken thing (os error 5)");
        assert_eq!(io_message(&e), "broken thing");
    }
}
