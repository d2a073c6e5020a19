//! The writer: the one thread that writes to the store, in batched transactions that
//! always end between files.

use crate::{Observer, PipelineError, Summary};
use crossbeam_channel::Receiver;
use model::{Diagnostic, Document, Locator, Severity};
use std::time::{Duration, Instant};
use store::{Batch, ClaimRecord, EncodedEntities, FileRecord, FileSummary, Store};

/// A document with what the worker found in it.
pub(crate) struct Analysed {
    /// The record it came from.
    pub record: Locator,
    /// The document.
    pub doc: Document,
    /// Its word count ([`Document::n_words`]).
    pub n_words: u64,
    /// Its mentions and local entities, encoded for the store, when extracted.
    pub entities: Option<EncodedEntities>,
    /// How many mentions it has.
    pub n_mentions: u64,
    /// Its claims.
    pub claims: Vec<ClaimRecord>,
    /// Its near-duplicate signatures (the dedup stage's encoding), when extracted.
    pub signatures: Option<Vec<u8>>,
}

/// One piece of a file's output.
pub(crate) enum Part {
    /// A document and what was found in it.
    Document(Box<Analysed>),
    /// A problem met in the file, kept in the store beside it.
    Diagnostic(Diagnostic),
}

/// What a worker tells the writer about one file.
pub(crate) enum Message {
    /// The store already holds this file, unchanged.
    Unchanged { bytes: u64 },
    /// The file could not be read at all (already reported); the store keeps what it had.
    Failed { bytes: u64 },
    /// The file's output: its parts, and a channel with the rest when it was streamed.
    File {
        file: FileRecord,
        parts: Vec<Part>,
        rest: Option<Receiver<Part>>,
    },
}

/// Commit after this many documents…
const BATCH_DOCUMENTS: u64 = 2_000;
/// …or after this long, whichever comes first.
const BATCH_TIME: Duration = Duration::from_millis(500);

/// Writes every message until the workers are done, committing in batches.
pub(crate) fn write(
    store: &mut Store,
    files: Receiver<Message>,
    observer: &dyn Observer,
) -> Result<Summary, PipelineError> {
    let mut summary = Summary::default();
    let mut open = true;
    while open {
        let mut batch = store.begin()?;
        let started = Instant::now();
        let mut n_documents = 0;
        loop {
            let Ok(message) = files.recv() else {
                open = false;
                break;
            };
            let (written, bytes) = write_message(&mut batch, message, &mut summary)?;
            observer.file_done(bytes);
            n_documents += written;
            if n_documents >= BATCH_DOCUMENTS || started.elapsed() >= BATCH_TIME {
                break;
            }
        }
        batch.commit()?;
    }
    Ok(summary)
}

/// Writes one file's message; returns how many documents it wrote and the file's size.
fn write_message(
    batch: &mut Batch<'_>,
    message: Message,
    summary: &mut Summary,
) -> Result<(u64, u64), PipelineError> {
    let (file, parts, rest) = match message {
        Message::Unchanged { bytes } => {
            summary.files_unchanged += 1;
            summary.input_bytes += bytes;
            return Ok((0, bytes));
        }
        Message::Failed { bytes } => {
            summary.files_failed += 1;
            summary.input_bytes += bytes;
            return Ok((0, bytes));
        }
        Message::File { file, parts, rest } => (file, parts, rest),
    };
    let id = batch.start_file(&file)?;
    let mut counts = FileSummary {
        n_documents: 0,
        n_sentences: 0,
        n_words: 0,
        n_errors: 0,
        n_warnings: 0,
    };
    let mut n_mentions = 0;
    let mut n_claims = 0;
    let streamed = rest.into_iter().flat_map(|rx| rx.into_iter());
    for part in parts.into_iter().chain(streamed) {
        match part {
            Part::Document(a) => {
                counts.n_documents += 1;
                counts.n_sentences += a.doc.sentences.len() as u64;
                counts.n_words += a.n_words;
                n_mentions += a.n_mentions;
                let document = batch.add_counted_document(id, a.record, &a.doc, a.n_words)?;
                if let Some(entities) = &a.entities {
                    batch.add_entities(document, entities)?;
                }
                batch.add_claims(document, &a.doc, &a.claims)?;
                if let Some(sketch) = &a.signatures {
                    batch.add_signatures(document, sketch)?;
                }
                n_claims += a.claims.len() as u64;
            }
            Part::Diagnostic(d) => {
                match d.severity {
                    Severity::Warning => counts.n_warnings += 1,
                    Severity::Error => counts.n_errors += 1,
                }
                batch.add_diagnostic(id, &d)?;
            }
        }
    }
    batch.finish_file(id, &counts)?;
    if counts.n_errors > 0 {
        summary.files_failed += 1;
    } else {
        summary.files_read += 1;
    }
    summary.input_bytes += file.size;
    summary.documents += counts.n_documents;
    summary.sentences += counts.n_sentences;
    summary.words += counts.n_words;
    summary.mentions += n_mentions;
    summary.claims += n_claims;
    Ok((counts.n_documents, file.size))
}
