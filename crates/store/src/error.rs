//! The store's one error type: every variant names the database it concerns.

use std::path::{Path, PathBuf};

/// What went wrong in the store. Messages read `PATH: what failed: cause`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened as a SQLite database, or its connection not configured.
    #[error("{}: cannot open database: {source}", .path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// [`Store::open_existing`](crate::Store::open_existing) found no database file.
    #[error("{}: no database here: run `proxymap ingest` first", .path.display())]
    NoDatabase {
        /// Where the database was looked for.
        path: PathBuf,
    },
    /// The database was written by a newer build, whose schema this one does not know.
    #[error(
        "{}: schema version {found} is newer than this build knows ({known}): upgrade proxymap",
        .path.display()
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The newest version this build knows.
        known: u32,
    },
    /// A migration failed; the database stays at the version before it.
    #[error("{}: cannot migrate to schema version {version}: {source}", .path.display())]
    Migrate {
        /// The database file.
        path: PathBuf,
        /// The version the failed migration leads to.
        version: u32,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// A statement failed.
    #[error("{}: {what}: {source}", .path.display())]
    Query {
        /// The database file.
        path: PathBuf,
        /// What was being done ("inserting a sentence").
        what: &'static str,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// A value read back is not one this crate writes.
    #[error("{}: corrupt {what}: {detail}", .path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// Which kind of value ("paragraph role").
        what: &'static str,
        /// What was found.
        detail: String,
    },
    /// A document handed to [`Batch::add_document`](crate::Batch::add_document) breaks the
    /// invariants of [`model::Document`]; nothing of it was written.
    #[error("{}: document {index}: {detail}", .path.display())]
    InvalidDocument {
        /// The database file.
        path: PathBuf,
        /// The document's index within its file.
        index: u32,
        /// Which invariant fails.
        detail: String,
    },
    /// A number does not fit SQLite's signed 64-bit integers.
    #[error("{}: {what} {value} is too large to store", .path.display())]
    OutOfRange {
        /// The database file.
        path: PathBuf,
        /// Which number ("file size").
        what: &'static str,
        /// The number.
        value: u64,
    },
    /// [`Batch::finish_file`](crate::Batch::finish_file) was given an id no file row has.
    #[error("{}: no file with id {id}", .path.display())]
    UnknownFile {
        /// The database file.
        path: PathBuf,
        /// The id given.
        id: i64,
    },
    /// An IO error raised by a caller's callback (writing an export, say), passed through.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A SQLite error without further context.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Adds the database path and what was being done to a SQLite error.
pub(crate) trait Context<T> {
    /// Wraps the error as [`StoreError::Query`].
    fn ctx(self, path: &Path, what: &'static str) -> Result<T>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    #[inline]
    fn ctx(self, path: &Path, what: &'static str) -> Result<T> {
        self.map_err(|source| StoreError::Query {
            path: path.to_path_buf(),
            what,
            source,
        })
    }
}

/// A `u64` as SQLite's `i64`, or [`StoreError::OutOfRange`].
pub(crate) fn to_i64(path: &Path, what: &'static str, value: u64) -> Result<i64> {
    i64::try_from(value).map_err(|_| StoreError::OutOfRange {
        path: path.to_path_buf(),
        what,
        value,
    })
}

/// An `i64` read back as `u64`, or [`StoreError::Corrupt`] when negative.
pub(crate) fn to_u64(path: &Path, what: &'static str, value: i64) -> Result<u64> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt {
        path: path.to_path_buf(),
        what,
        detail: format!("negative value {value}"),
    })
}
