//! The SQLite store: the only place in proxymap that speaks SQL.
//!
//! ```
//! use model::{Document, Format, Locator};
//! use store::{FileRecord, FileSummary, Store};
//!
//! let mut store = Store::open_in_memory()?;
//! let mut batch = store.begin()?;
//! let file = batch.start_file(&FileRecord {
//!     path: "news/a.txt".into(),
//!     content_hash: "b3:…".into(),
//!     size: 11,
//!     format: Format::Text,
//!     ingested_at: 1_700_000_000,
//!     pipeline_version: "0.1.0".into(),
//!     kb_version: "none".into(),
//! })?;
//! let doc = Document { text: "Badr leads.".into(), ..Document::default() };
//! batch.add_document(file, Locator::Whole, &doc)?;
//! batch.finish_file(file, &FileSummary { n_documents: 1, ..FileSummary::default() })?;
//! batch.commit()?;
//!
//! assert_eq!(store.stats()?.documents, 1);
//! store.for_each_document(|path, d| {
//!     assert_eq!((path, d), ("news/a.txt", &doc));
//!     Ok(())
//! })?;
//! # Ok::<(), store::StoreError>(())
//! ```
//!
//! # What it holds
//!
//! One database file holds, per input file (`files`, keyed by path): what was read (hash,
//! size, format, pipeline and knowledge-base versions, counts), the documents found in it
//! with their metadata, full text, and paragraphs and sentences as byte spans of that
//! text, encoded in one blob per document (`documents`), and the diagnostics met reading it
//! (`diagnostics`). Later stages add tables that hang off documents: mentions and
//! entities, claims, near-duplicate links, the network (`edges`, `edge_claims`), and a
//! full-text index of titles and evidence sentences (`search_text`, [`Store::search`]).
//!
//! # Invariants
//!
//! - Only this crate opens the database file; every other crate goes through [`Store`].
//! - All writes go through a [`Batch`], one transaction: a batch dropped without
//!   [`Batch::commit`] leaves the database as it was.
//! - A path's content is replaced as a whole: [`Batch::start_file`] deletes everything the
//!   path produced before, through `ON DELETE CASCADE` foreign keys from `files` down.
//! - A file counts as processed (is listed by [`Store::file_states`]) once
//!   [`Batch::finish_file`] has written its summary.
//! - A document reads back exactly as it was written, through [`Store::for_each_document`].
//! - The schema version is `PRAGMA user_version`; opening migrates an older file, one
//!   transaction per step, and refuses a newer one ([`StoreError::TooNew`]).

#![warn(missing_docs)]

mod batch;
mod blob;
mod claims;
mod codec;
mod corrections;
mod duplicates;
mod entities;
mod error;
mod lookup;
mod network;
mod read;
mod schema;
mod search;

pub use batch::{Batch, DocumentId, FileId, FileRecord, FileSummary};
pub use blob::EncodedEntities;
pub use claims::{ClaimFilter, ClaimRecord, NamedEntity, StoredClaim};
pub use corrections::{Action, BadClaimKey, ClaimCorrection, ClaimKey, Correction};
pub use duplicates::{Repeat, Reprint, StoredSignature};
pub use entities::{EntityMention, EntityRecord, EntitySummary, LinkRecord};
pub use error::{Result, StoreError};
pub use lookup::{DocumentClaim, DocumentInfo};
pub use network::{
    EdgeClaimRecord, EdgeEvidence, EdgeFilter, EdgeId, EdgeRecord, EdgeSummary, ModalityCounts,
    NetworkEntity, NetworkRow, StoredEdge,
};
pub use read::StoredDocument;
pub use search::{match_expression, SearchHit, SnippetPart, MAX_QUERY_WORDS};

use error::Context;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a connection waits for another one's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// SQLite's page cache per connection, in KiB (SQLite's negative `cache_size`).
const CACHE_KIB: i64 = 64 * 1024;

/// An open database: a SQLite connection in WAL mode, migrated to the current schema.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What was last processed for a file path: compare with the current file and versions to
/// decide whether to read it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// Hash of the file's bytes when it was read.
    pub content_hash: String,
    /// Version of the pipeline that read it.
    pub pipeline_version: String,
    /// Version of the knowledge base it was read with.
    pub kb_version: String,
    /// Errors met reading it: a file that had some is read again on the next ingest, so
    /// its errors are reported again rather than hidden behind "unchanged".
    pub n_errors: u64,
}

/// Counts over the whole store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    /// Input files.
    pub files: u64,
    /// Documents over all files.
    pub documents: u64,
    /// Paragraphs over all documents.
    pub paragraphs: u64,
    /// Sentences over all documents.
    pub sentences: u64,
    /// Words in the annotated paragraphs of all documents ([`model::Document::n_words`]).
    pub words: u64,
    /// Diagnostics, warnings and errors.
    pub diagnostics: u64,
    /// Files with at least one error (by their summary or their diagnostics).
    pub files_with_errors: u64,
    /// The database's schema version.
    pub schema_version: u32,
    /// Files per format name ([`model::Format::name`]), sorted by name.
    pub by_format: Vec<(String, u64)>,
}

impl Store {
    /// Opens the database at `path`, creating it if missing, and migrates it to the current
    /// schema. The connection uses WAL, `synchronous=NORMAL`, foreign keys and a busy timeout.
    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::open_with(path, flags)
    }

    /// Opens the database at `path` like [`Store::open`], but fails with
    /// [`StoreError::NoDatabase`] when there is no file there (for commands that only read).
    /// An older schema is still migrated.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::NoDatabase {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::open_with(path, flags)
    }

    /// A fresh database in memory, gone when dropped; for tests.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Self::setup(conn, path)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Self::setup(conn, path.to_path_buf())
    }

    fn setup(conn: Connection, path: PathBuf) -> Result<Store> {
        let mut store = Store { conn, path };
        store.configure().map_err(|source| StoreError::Open {
            path: store.path.clone(),
            source,
        })?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> rusqlite::Result<()> {
        let conn = &self.conn;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // A new file gets larger pages (fewer overflow pages for article text); an existing
        // one keeps its own.
        conn.pragma_update(None, "page_size", 16384)?;
        // Reading the mode also checks that the file is a database at all.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Checkpoint the write-ahead log every 4,000 pages (64 MiB) rather than every 1,000:
        // fewer, longer copies into the database while a large corpus streams in.
        conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
        conn.set_prepared_statement_cache_capacity(32);
        Ok(())
    }

    /// Applies the migrations the file lacks, each in its own write transaction, re-reading
    /// the version under the lock so that two processes opening at once migrate once.
    fn migrate(&mut self) -> Result<()> {
        let known = schema::known_version();
        let found = self.schema_version()?;
        if found == known {
            return Ok(());
        }
        loop {
            let version = self.schema_version()?;
            if version > known {
                return Err(StoreError::TooNew {
                    path: self.path.clone(),
                    found: version,
                    known,
                });
            }
            if version == known {
                return Ok(());
            }
            let next = version + 1;
            let failed = |source| StoreError::Migrate {
                path: self.path.clone(),
                version: next,
                source,
            };
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(failed)?;
            let current: u32 = tx
                .pragma_query_value(None, "user_version", |row| row.get(0))
                .map_err(failed)?;
            if current != version {
                continue; // another process migrated meanwhile: look again
            }
            schema::MIGRATIONS[version as usize]
                .apply(&tx)
                .and_then(|()| tx.pragma_update(None, "user_version", next))
                .and_then(|()| tx.commit())
                .map_err(failed)?;
        }
    }

    /// The database file's path (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .ctx(&self.path, "reading the schema version")
    }

    /// For every processed file (one whose summary was written), what it was processed
    /// from, keyed by path.
    pub fn file_states(&self) -> Result<HashMap<String, FileState>> {
        let path = &self.path;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, content_hash, pipeline_version, kb_version, n_errors FROM files \
                 WHERE n_documents IS NOT NULL",
            )
            .ctx(path, "reading file states")?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    FileState {
                        content_hash: row.get(1)?,
                        pipeline_version: row.get(2)?,
                        kb_version: row.get(3)?,
                        n_errors: row.get::<_, i64>(4)?.max(0) as u64,
                    },
                ))
            })
            .ctx(path, "reading file states")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx(path, "reading file states")
    }

    /// Starts a write transaction. It takes the write lock at once (waiting up to the busy
    /// timeout for another writer), so its writes never fail for lack of the lock.
    pub fn begin(&mut self) -> Result<Batch<'_>> {
        let Store { conn, path } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(path, "starting a write transaction")?;
        Ok(Batch { tx, path })
    }

    /// Deletes every file whose path lies under one of `roots` (equals a root, or starts with
    /// it followed by `/`) and is not in `seen`, with everything it produced, in one
    /// transaction. Returns how many files were deleted.
    pub fn prune(&mut self, roots: &[String], seen: &HashSet<String>) -> Result<usize> {
        let Store { conn, path } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(path, "starting to prune")?;
        let mut doomed = BTreeSet::new();
        {
            // `path` compares bytewise, so "root/" <= p < "root0" is exactly "starts with root/".
            let mut select = tx
                .prepare_cached(
                    "SELECT id, path FROM files \
                     WHERE path = ?1 OR (path >= ?2 AND path < ?3)",
                )
                .ctx(path, "listing files to prune")?;
            for root in roots {
                let exact = root
                    .strip_suffix('/')
                    .filter(|r| !r.is_empty())
                    .unwrap_or(root);
                let dir = if root.ends_with('/') {
                    root.clone()
                } else {
                    format!("{root}/")
                };
                let past = format!("{}0", &dir[..dir.len() - 1]);
                let mut rows = select
                    .query([exact, dir.as_str(), past.as_str()])
                    .ctx(path, "listing files to prune")?;
                while let Some(row) = rows.next().ctx(path, "listing files to prune")? {
                    let id: i64 = row.get(0).ctx(path, "listing files to prune")?;
                    let file = row.get_ref(1).ctx(path, "listing files to prune")?;
                    let file = file
                        .as_str()
                        .map_err(rusqlite::Error::from)
                        .ctx(path, "listing files to prune")?;
                    if !seen.contains(file) {
                        doomed.insert(id);
                    }
                }
            }
            let mut delete = tx
                .prepare_cached("DELETE FROM files WHERE id = ?1")
                .ctx(path, "pruning a file")?;
            for id in &doomed {
                delete.execute([id]).ctx(path, "pruning a file")?;
            }
            if !doomed.is_empty() {
                tx.execute("UPDATE corpus_state SET dirty = 1 WHERE id = 1", [])
                    .ctx(path, "marking the corpus entities stale")?;
            }
        }
        tx.commit().ctx(path, "committing a prune")?;
        Ok(doomed.len())
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let path = &self.path;
        let count = |sql: &str, what| -> Result<u64> {
            let n: i64 = self
                .conn
                .query_row(sql, [], |row| row.get(0))
                .ctx(path, what)?;
            error::to_u64(path, what, n)
        };
        let mut by_format = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT format, COUNT(*) FROM files GROUP BY format ORDER BY format")
                .ctx(path, "counting files by format")?;
            let mut rows = stmt.query([]).ctx(path, "counting files by format")?;
            while let Some(row) = rows.next().ctx(path, "counting files by format")? {
                let format: String = row.get(0).ctx(path, "counting files by format")?;
                let n: i64 = row.get(1).ctx(path, "counting files by format")?;
                by_format.push((format, error::to_u64(path, "file count", n)?));
            }
        }
        Ok(Stats {
            files: count("SELECT COUNT(*) FROM files", "counting files")?,
            documents: count("SELECT COUNT(*) FROM documents", "counting documents")?,
            paragraphs: count(
                "SELECT COALESCE(SUM(n_paragraphs), 0) FROM documents",
                "counting paragraphs",
            )?,
            sentences: count(
                "SELECT COALESCE(SUM(n_sentences), 0) FROM documents",
                "counting sentences",
            )?,
            words: count(
                "SELECT COALESCE(SUM(n_words), 0) FROM documents",
                "counting words",
            )?,
            diagnostics: count("SELECT COUNT(*) FROM diagnostics", "counting diagnostics")?,
            files_with_errors: count(
                "SELECT COUNT(*) FROM files WHERE n_errors > 0 OR EXISTS \
                 (SELECT 1 FROM diagnostics d WHERE d.file_id = files.id AND d.severity = 'error')",
                "counting files with errors",
            )?,
            schema_version: self.schema_version()?,
            by_format,
        })
    }
}

#[cfg(test)]
mod tests;
