//! Reading documents and diagnostics back.

use crate::batch::check_document;
use crate::blob::decode_spans;
use crate::codec::{corrupt, decode_date, decode_locator, decode_severity};
use crate::error::{Context, Result};
use crate::Store;
use model::{Diagnostic, Document, Locator};
use rusqlite::types::ValueRef;
use std::path::Path;

/// One document as stored, handed to [`Store::for_each_stored_document`].
#[derive(Debug, Clone, Copy)]
pub struct StoredDocument<'a> {
    /// The path of the file it came from.
    pub path: &'a str,
    /// Where its record stands in that file.
    pub record: Locator,
    /// The document, rebuilt in full.
    pub document: &'a Document,
}

const SELECT_DOCUMENTS: &str = "SELECT f.path, d.id, d.idx, d.record_kind, d.record_ordinal, \
    d.record_offset, d.title, d.outlet, d.author, d.date, d.url, d.text, d.spans \
    FROM files f JOIN documents d ON d.file_id = f.id ORDER BY f.path, d.idx";
const SELECT_DOCUMENT: &str = "SELECT d.idx, d.record_kind, d.record_ordinal, \
    d.record_offset, d.title, d.outlet, d.author, d.date, d.url, d.text, d.spans \
    FROM documents d WHERE d.id = ?1";
const SELECT_DIAGNOSTICS: &str = "SELECT f.path, g.severity, g.locator_kind, \
    g.locator_ordinal, g.locator_offset, g.message \
    FROM files f JOIN diagnostics g ON g.file_id = f.id ORDER BY f.path, g.id";

impl Store {
    /// Calls `f` with every document and the path of its file, ordered by path, then by
    /// document index. Each document is rebuilt in full: meta, text, paragraphs, sentences.
    /// Reads one consistent snapshot; stops at the first error `f` returns and returns it.
    pub fn for_each_document(
        &self,
        mut f: impl FnMut(&str, &Document) -> Result<()>,
    ) -> Result<()> {
        self.for_each_stored_document(|stored| f(stored.path, stored.document))
    }

    /// Like [`Store::for_each_document`], but also hands over where each document's record
    /// stands in its file.
    pub fn for_each_stored_document(
        &self,
        mut f: impl FnMut(&StoredDocument<'_>) -> Result<()>,
    ) -> Result<()> {
        let path = self.path.as_path();
        const WHAT: &str = "reading documents";
        let _snapshot = self.snapshot()?;
        let mut documents = self.conn.prepare_cached(SELECT_DOCUMENTS).ctx(path, WHAT)?;
        let mut rows = documents.query([]).ctx(path, WHAT)?;
        let mut file = String::new();
        let mut doc = Document::default();
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            file.clear();
            file.push_str(text(path, row.get_ref(0))?);
            let record = document_from_row(path, row, 2, &mut doc, true)?;
            f(&StoredDocument {
                path: &file,
                record,
                document: &doc,
            })?;
        }
        Ok(())
    }

    /// Calls `f` with every diagnostic and the path of its file, ordered by path, then in
    /// the order they were written.
    pub fn for_each_diagnostic(
        &self,
        mut f: impl FnMut(&str, &Diagnostic) -> Result<()>,
    ) -> Result<()> {
        let path = self.path.as_path();
        const WHAT: &str = "reading diagnostics";
        let _snapshot = self.snapshot()?;
        let mut stmt = self
            .conn
            .prepare_cached(SELECT_DIAGNOSTICS)
            .ctx(path, WHAT)?;
        let mut rows = stmt.query([]).ctx(path, WHAT)?;
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            let diagnostic = Diagnostic {
                severity: decode_severity(path, text(path, row.get_ref(1))?)?,
                locator: decode_locator(
                    path,
                    text(path, row.get_ref(2))?,
                    row.get(3).ctx(path, WHAT)?,
                    row.get(4).ctx(path, WHAT)?,
                )?,
                message: row.get(5).ctx(path, WHAT)?,
            };
            f(text(path, row.get_ref(0))?, &diagnostic)?;
        }
        Ok(())
    }

    /// The document with row id `id`, rebuilt in full, or without its sentences when
    /// `sentences` is false (the caller knows it exists).
    pub(crate) fn read_document(&self, id: i64, sentences: bool) -> Result<Document> {
        let path = self.path.as_path();
        const WHAT: &str = "reading a document";
        let _snapshot = self.snapshot()?;
        let mut stmt = self.conn.prepare_cached(SELECT_DOCUMENT).ctx(path, WHAT)?;
        let mut rows = stmt.query([id]).ctx(path, WHAT)?;
        let mut doc = Document::default();
        let Some(row) = rows.next().ctx(path, WHAT)? else {
            return Err(corrupt(path, "document", format!("no document {id}")));
        };
        document_from_row(path, row, 0, &mut doc, sentences)?;
        Ok(doc)
    }

    /// A read transaction, so that a walk over several statements sees one state of the
    /// database; none when a transaction is already open on this connection.
    pub(crate) fn snapshot(&self) -> Result<Option<rusqlite::Transaction<'_>>> {
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        let tx = self
            .conn
            .unchecked_transaction()
            .ctx(&self.path, "starting a read transaction")?;
        Ok(Some(tx))
    }
}

/// Reads a document's index, record, metadata, text and paragraphs (and its sentences
/// when `sentences`) from `row`, whose columns from `at` on are those of
/// [`SELECT_DOCUMENT`], into `doc`; returns the record's locator.
fn document_from_row(
    path: &Path,
    row: &rusqlite::Row<'_>,
    at: usize,
    doc: &mut Document,
    sentences: bool,
) -> Result<Locator> {
    const WHAT: &str = "reading a document";
    doc.index = row.get(at).ctx(path, WHAT)?;
    let record = decode_locator(
        path,
        text(path, row.get_ref(at + 1))?,
        row.get(at + 2).ctx(path, WHAT)?,
        row.get(at + 3).ctx(path, WHAT)?,
    )?;
    doc.meta.title = row.get(at + 4).ctx(path, WHAT)?;
    doc.meta.outlet = row.get(at + 5).ctx(path, WHAT)?;
    doc.meta.author = row.get(at + 6).ctx(path, WHAT)?;
    doc.meta.date = match row.get_ref(at + 7).ctx(path, WHAT)? {
        ValueRef::Null => None,
        value => Some(decode_date(path, text(path, Ok(value))?)?),
    };
    doc.meta.url = row.get(at + 8).ctx(path, WHAT)?;
    doc.text.clear();
    doc.text.push_str(text(path, row.get_ref(at + 9))?);
    let spans = row
        .get_ref(at + 10)
        .and_then(|v| v.as_blob().map_err(rusqlite::Error::from))
        .ctx(path, WHAT)?;
    decode_spans(spans, doc, sentences)
        .ok_or_else(|| corrupt(path, "spans", format!("document {}", doc.index)))?;
    check_document(doc).map_err(|detail| corrupt(path, "spans", detail))?;
    Ok(record)
}

/// A text column, borrowed.
fn text<'r>(path: &Path, value: rusqlite::Result<ValueRef<'r>>) -> Result<&'r str> {
    value
        .and_then(|v| v.as_str().map_err(rusqlite::Error::from))
        .ctx(path, "reading a text column")
}
