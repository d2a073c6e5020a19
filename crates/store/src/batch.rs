//! Writing: one [`Batch`] is one write transaction.

use crate::blob::encode_spans;
use crate::codec::{encode_locator, format_name, severity_name};
use crate::error::{to_i64, Context, Result, StoreError};
use model::{Diagnostic, Document, Format, Locator};
use rusqlite::{params, Transaction};
use std::path::Path;

/// What is known of an input file before its documents are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// The file's path as the caller names it (the key: one row per path).
    pub path: String,
    /// Hash of the file's bytes, to tell whether it changed.
    pub content_hash: String,
    /// Size in bytes.
    pub size: u64,
    /// The format it was read as.
    pub format: Format,
    /// When it was read, in Unix seconds.
    pub ingested_at: i64,
    /// Version of the pipeline that read it.
    pub pipeline_version: String,
    /// Version of the knowledge base it was read with.
    pub kb_version: String,
}

/// The row id of a file in the store, handed out by [`Batch::start_file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub i64);

/// The row id of a document in the store, handed out by [`Batch::add_counted_document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(pub i64);

/// Counts over one file, written by [`Batch::finish_file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileSummary {
    /// Documents found in it.
    pub n_documents: u64,
    /// Sentences over all its documents.
    pub n_sentences: u64,
    /// Words over all its documents.
    pub n_words: u64,
    /// Error diagnostics.
    pub n_errors: u64,
    /// Warning diagnostics.
    pub n_warnings: u64,
}

/// One write transaction, from [`Store::begin`](crate::Store::begin).
///
/// Nothing is visible to other connections until [`Batch::commit`]; dropping the batch
/// without committing rolls everything back. For each file call [`Batch::start_file`], then
/// [`Batch::add_document`] and [`Batch::add_diagnostic`] as often as needed, then
/// [`Batch::finish_file`]. A batch may hold any number of files.
pub struct Batch<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) path: &'a Path,
}

const DELETE_FILE: &str = "DELETE FROM files WHERE path = ?1";
const INSERT_FILE: &str = "INSERT INTO files \
    (path, content_hash, size, format, ingested_at, pipeline_version, kb_version) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const INSERT_DOCUMENT: &str = "INSERT INTO documents \
    (file_id, idx, record_kind, record_ordinal, record_offset, \
     title, outlet, author, date, url, text, n_words, spans, n_paragraphs, n_sentences) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
const INSERT_DIAGNOSTIC: &str = "INSERT INTO diagnostics \
    (file_id, severity, locator_kind, locator_ordinal, locator_offset, message) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const FINISH_FILE: &str = "UPDATE files SET \
    n_documents = ?2, n_sentences = ?3, n_words = ?4, n_errors = ?5, n_warnings = ?6 \
    WHERE id = ?1";

impl Batch<'_> {
    /// Starts (or restarts) a file: deletes the row for `file.path`, if any, with everything it
    /// produced (documents, their paragraphs, sentences and whatever later hangs off them,
    /// diagnostics), then inserts a fresh row. The file is not counted as processed in
    /// [`Store::file_states`](crate::Store::file_states) until [`Batch::finish_file`].
    pub fn start_file(&mut self, file: &FileRecord) -> Result<FileId> {
        let path = self.path;
        self.tx
            .prepare_cached(DELETE_FILE)
            .and_then(|mut s| s.execute([&file.path]))
            .ctx(path, "deleting what the file produced before")?;
        let size = to_i64(path, "file size", file.size)?;
        self.tx
            .prepare_cached(INSERT_FILE)
            .and_then(|mut s| {
                s.execute(params![
                    file.path,
                    file.content_hash,
                    size,
                    format_name(file.format),
                    file.ingested_at,
                    file.pipeline_version,
                    file.kb_version,
                ])
            })
            .ctx(path, "inserting a file")?;
        let id = FileId(self.tx.last_insert_rowid());
        self.mark_corpus_stale()?;
        Ok(id)
    }

    /// Writes one document of `file`, found in the record at `record`: its metadata, text,
    /// paragraphs and sentences (one blob). `doc.index` must be unused within the file.
    ///
    /// The document is checked first ([`StoreError::InvalidDocument`], nothing written): every
    /// span lies inside the text on `char` boundaries, paragraphs and sentences are sorted and
    /// never overlap, and each sentence lies inside the paragraph it names. After any other
    /// error the batch may hold part of the document: drop it.
    ///
    /// Returns the document's word count ([`Document::n_words`]), as stored.
    pub fn add_document(&mut self, file: FileId, record: Locator, doc: &Document) -> Result<u64> {
        let n_words = doc.n_words() as u64;
        self.add_counted_document(file, record, doc, n_words)
            .map(|_| n_words)
    }

    /// Like [`Batch::add_document`], with the word count ([`Document::n_words`]) already
    /// counted by the caller, so that a writer thread need not count it again. Returns the
    /// document's id, under which [`Batch::add_entities`] writes its mentions.
    pub fn add_counted_document(
        &mut self,
        file: FileId,
        record: Locator,
        doc: &Document,
        n_words: u64,
    ) -> Result<DocumentId> {
        debug_assert_eq!(n_words, doc.n_words() as u64, "a miscounted document");
        let path = self.path;
        check_document(doc).map_err(|detail| StoreError::InvalidDocument {
            path: path.to_path_buf(),
            index: doc.index,
            detail,
        })?;
        let loc = encode_locator(path, record)?;
        let date = doc.meta.date.map(|d| d.to_string());
        let n_words = n_words as i64;
        self.tx
            .prepare_cached(INSERT_DOCUMENT)
            .and_then(|mut s| {
                s.execute(params![
                    file.0,
                    doc.index,
                    loc.kind,
                    loc.ordinal,
                    loc.offset,
                    doc.meta.title,
                    doc.meta.outlet,
                    doc.meta.author,
                    date,
                    doc.meta.url,
                    doc.text,
                    n_words,
                    encode_spans(doc),
                    doc.paragraphs.len() as i64,
                    doc.sentences.len() as i64,
                ])
            })
            .ctx(path, "inserting a document")?;
        let document_id = self.tx.last_insert_rowid();
        self.index_title(document_id, doc.meta.title.as_deref())?;

        Ok(DocumentId(document_id))
    }

    /// Writes a diagnostic met while reading `file`.
    pub fn add_diagnostic(&mut self, file: FileId, d: &Diagnostic) -> Result<()> {
        let path = self.path;
        let loc = encode_locator(path, d.locator)?;
        self.tx
            .prepare_cached(INSERT_DIAGNOSTIC)
            .and_then(|mut s| {
                s.execute(params![
                    file.0,
                    severity_name(d.severity),
                    loc.kind,
                    loc.ordinal,
                    loc.offset,
                    d.message,
                ])
            })
            .ctx(path, "inserting a diagnostic")?;
        Ok(())
    }

    /// Writes the file's counts; from then on it shows in
    /// [`Store::file_states`](crate::Store::file_states) as processed.
    pub fn finish_file(&mut self, file: FileId, summary: &FileSummary) -> Result<()> {
        let path = self.path;
        let n = |what, v| to_i64(path, what, v);
        let values = [
            n("document count", summary.n_documents)?,
            n("sentence count", summary.n_sentences)?,
            n("word count", summary.n_words)?,
            n("error count", summary.n_errors)?,
            n("warning count", summary.n_warnings)?,
        ];
        let changed = self
            .tx
            .prepare_cached(FINISH_FILE)
            .and_then(|mut s| {
                s.execute(params![
                    file.0, values[0], values[1], values[2], values[3], values[4]
                ])
            })
            .ctx(path, "writing a file's summary")?;
        if changed == 0 {
            return Err(StoreError::UnknownFile {
                path: path.to_path_buf(),
                id: file.0,
            });
        }
        Ok(())
    }

    /// Makes everything written in this batch durable and visible.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tx.commit().ctx(path, "committing a batch")
    }
}

/// Checks the invariants of [`Document`] that the store and later stages rely on; the
/// message says which one fails.
pub(crate) fn check_document(doc: &Document) -> std::result::Result<(), String> {
    let text = &doc.text;
    let in_text = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    let mut last_end = 0;
    for (idx, p) in doc.paragraphs.iter().enumerate() {
        let s = p.span;
        if !in_text(s.start, s.end) {
            return Err(format!(
                "paragraph {idx} at {}..{} is not a span of its {}-byte text on char boundaries",
                s.start,
                s.end,
                text.len()
            ));
        }
        if s.start < last_end {
            return Err(format!(
                "paragraph {idx} at {}..{} overlaps or precedes the one before",
                s.start, s.end
            ));
        }
        last_end = s.end;
    }
    let mut last_end = 0;
    for (idx, sentence) in doc.sentences.iter().enumerate() {
        let s = sentence.span;
        let Some(p) = doc.paragraphs.get(sentence.paragraph_idx as usize) else {
            return Err(format!(
                "sentence {idx} names paragraph {} of {}",
                sentence.paragraph_idx,
                doc.paragraphs.len()
            ));
        };
        if !in_text(s.start, s.end) || s.start < p.span.start || s.end > p.span.end {
            return Err(format!(
                "sentence {idx} at {}..{} is not a span of paragraph {} at {}..{} on char boundaries",
                s.start, s.end, sentence.paragraph_idx, p.span.start, p.span.end
            ));
        }
        if s.start < last_end {
            return Err(format!(
                "sentence {idx} at {}..{} overlaps or precedes the one before",
                s.start, s.end
            ));
        }
        last_end = s.end;
    }
    Ok(())
}
