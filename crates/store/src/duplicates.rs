//! Reprints and repeated passages: each document's signatures, written with it, and the
//! links the corpus step finds, replaced whole.

use crate::batch::{Batch, DocumentId};
use crate::error::{to_u64, Context, Result};
use crate::Store;
use model::Document;
use rusqlite::{params, OptionalExtension};

/// A document that reprints an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reprint {
    /// The reprint.
    pub document: DocumentId,
    /// The first occurrence.
    pub canonical: DocumentId,
    /// How alike their texts are (Jaccard of word shingles).
    pub similarity: f32,
}

/// A paragraph that repeats a passage of an earlier document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Repeat {
    /// The document holding the repeat.
    pub document: DocumentId,
    /// The repeating paragraph's index.
    pub paragraph_idx: u32,
    /// The document holding the first occurrence.
    pub canonical: DocumentId,
    /// The first occurrence's paragraph index.
    pub canonical_paragraph_idx: u32,
    /// How alike the two paragraphs are.
    pub similarity: f32,
}

/// One document's signatures with what orders it among copies, as
/// [`Store::for_each_signature`] hands them over.
#[derive(Debug, Clone, Copy)]
pub struct StoredSignature<'a> {
    /// The document.
    pub document: DocumentId,
    /// Its file's path.
    pub path: &'a str,
    /// Its index in the file.
    pub index: u32,
    /// The signatures, as the dedup stage encoded them.
    pub sketch: &'a [u8],
}

impl Batch<'_> {
    /// Writes a document's near-duplicate signatures (opaque bytes of the dedup stage).
    pub fn add_signatures(&mut self, document: DocumentId, sketch: &[u8]) -> Result<()> {
        self.tx
            .prepare_cached("INSERT INTO document_signatures (document_id, sketch) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![document.0, sketch]))
            .ctx(self.path, "inserting a document's signatures")?;
        Ok(())
    }

    /// Replaces every reprint and repeat link with these.
    pub fn replace_duplicates(&mut self, reprints: &[Reprint], repeats: &[Repeat]) -> Result<()> {
        let path = self.path;
        self.tx
            .execute_batch("DELETE FROM reprints; DELETE FROM repeats;")
            .ctx(path, "deleting the reprint links")?;
        let mut insert = self
            .tx
            .prepare_cached(
                "INSERT INTO reprints (document_id, canonical_id, similarity) VALUES (?1, ?2, ?3)",
            )
            .ctx(path, "inserting a reprint link")?;
        for r in reprints {
            insert
                .execute(params![
                    r.document.0,
                    r.canonical.0,
                    f64::from(r.similarity)
                ])
                .ctx(path, "inserting a reprint link")?;
        }
        let mut insert = self
            .tx
            .prepare_cached(
                "INSERT INTO repeats (document_id, paragraph_idx, canonical_id, \
                 canonical_paragraph_idx, similarity) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .ctx(path, "inserting a repeat link")?;
        for r in repeats {
            insert
                .execute(params![
                    r.document.0,
                    r.paragraph_idx,
                    r.canonical.0,
                    r.canonical_paragraph_idx,
                    f64::from(r.similarity)
                ])
                .ctx(path, "inserting a repeat link")?;
        }
        Ok(())
    }
}

impl Store {
    /// Calls `f` with every document's signatures, in document id order.
    pub fn for_each_signature(
        &self,
        mut f: impl FnMut(&StoredSignature<'_>) -> Result<()>,
    ) -> Result<()> {
        let path = self.path.as_path();
        const WHAT: &str = "reading signatures";
        let _snapshot = self.snapshot()?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.document_id, f.path, d.idx, s.sketch FROM document_signatures s \
                 JOIN documents d ON d.id = s.document_id JOIN files f ON f.id = d.file_id \
                 ORDER BY s.document_id",
            )
            .ctx(path, WHAT)?;
        let mut rows = stmt.query([]).ctx(path, WHAT)?;
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            let path_ref = row.get_ref(1).ctx(path, WHAT)?;
            let sketch_ref = row.get_ref(3).ctx(path, WHAT)?;
            f(&StoredSignature {
                document: DocumentId(row.get(0).ctx(path, WHAT)?),
                path: path_ref
                    .as_str()
                    .map_err(rusqlite::Error::from)
                    .ctx(path, WHAT)?,
                index: row.get(2).ctx(path, WHAT)?,
                sketch: sketch_ref
                    .as_blob()
                    .map_err(rusqlite::Error::from)
                    .ctx(path, WHAT)?,
            })?;
        }
        Ok(())
    }

    /// The document with this id, rebuilt in full; `None` when there is none.
    pub fn document(&self, id: DocumentId) -> Result<Option<Document>> {
        self.document_with(id, true)
    }

    /// The document with this id, its meta, text and paragraphs but no sentences (cheaper,
    /// for callers that compare paragraphs); `None` when there is none.
    pub fn document_paragraphs(&self, id: DocumentId) -> Result<Option<Document>> {
        self.document_with(id, false)
    }

    fn document_with(&self, id: DocumentId, sentences: bool) -> Result<Option<Document>> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0], |row| row.get(0)).optional())
            .ctx(&self.path, "reading a document")?;
        match found {
            None => Ok(None),
            Some(_) => self.read_document(id.0, sentences).map(Some),
        }
    }

    /// How many documents are reprints and how many paragraphs repeat an earlier passage.
    pub fn duplicate_counts(&self) -> Result<(u64, u64)> {
        let path = self.path.as_path();
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self
                .conn
                .query_row(sql, [], |row| row.get(0))
                .ctx(path, "counting reprints")?;
            to_u64(path, "reprint count", n)
        };
        Ok((
            count("SELECT COUNT(*) FROM reprints")?,
            count("SELECT COUNT(*) FROM repeats")?,
        ))
    }
}
