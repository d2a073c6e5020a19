//! Readers of outside input: files and bytes in, [`model::Record`]s out.
//!
//! `ingest` opens an input, decides its format (from the extension, else from its first
//! bytes), looks through gzip, decodes the text and yields one [`Record`](model::Record) per article
//! unit: a whole text, Markdown or HTML file, a JSON object, a JSON Lines line, or an
//! HTML response in a WARC file. Plain text comes out with markup removed and entities
//! decoded; paragraphs are separated by a blank line wherever the input marks them.
//!
//! ```
//! use ingest::{open_bytes, Limits};
//! use model::Format;
//!
//! let page = b"<html><head><title>Headline</title></head>
//!     <body><nav>Home | About</nav><p>First &amp; foremost.</p><p>Second.</p></body></html>";
//! let mut records = open_bytes("page.html".as_ref(), page.to_vec(), &Limits::default())?;
//! assert_eq!(records.format(), Format::Html);
//! let record = records.next().expect("one record")?;
//! assert_eq!(record.text, "First & foremost.\n\nSecond.");
//! assert_eq!(record.meta.title.as_deref(), Some("Headline"));
//! assert!(records.next().is_none());
//! # Ok::<(), ingest::IngestError>(())
//! ```
//!
//! Architecture invariants: nothing here knows of sentences, entities or the store;
//! memory stays bounded by [`Limits::max_record_bytes`] per record for streamed formats
//! (JSON Lines, WARC), which are never loaded whole; no input can make a reader panic.
//!
//! Modules: `open` (dispatch and [`Records`]), `sniff` (formats), `decode` (bytes to
//! text), `html`, `markdown`, `json`, `warc` with `http`, and `read` (bounded reading).

#![warn(missing_docs)]

mod decode;
mod error;
pub mod html;
mod http;
mod json;
mod markdown;
mod open;
mod read;
mod sniff;
mod warc;

pub use error::IngestError;
pub use open::Records;

use model::Format;
use std::path::Path;

/// The default of [`Limits::max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Limits applied while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input unit read, in bytes. For whole-file formats (text, Markdown, HTML,
    /// JSON) it bounds the (decompressed) file; for JSON Lines and WARC it bounds each
    /// line or record, never the file. Default: 64 MiB.
    pub max_record_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// Opens an input file, decides its format and yields its records one at a time.
///
/// Errors here mean nothing can be read: an unreadable path or a directory
/// ([`IngestError::Io`]), binary data, a whole-file input over the limit (checked from
/// the file's size before reading), or gzip that fails in its first bytes. Problems
/// inside the content come out of the iterator.
pub fn open_path(path: &Path, limits: &Limits) -> Result<Records, IngestError> {
    open::open_path(path, limits)
}

/// The same as [`open_path`] for bytes already in memory (standard input); `name` is
/// used for messages and its extension, if any, for the format.
pub fn open_bytes(name: &Path, bytes: Vec<u8>, limits: &Limits) -> Result<Records, IngestError> {
    open::open_bytes(name, bytes, limits)
}

/// The format of an input: from the extension of `path` (looking through `.gz`), else
/// sniffed from `head`, its first bytes (gzip is decompressed as far as `head` goes).
/// `None`: not a format this crate reads, e.g. binary data.
pub fn detect_format(path: &Path, head: &[u8]) -> Option<Format> {
    sniff::detect_format(path, head)
}
