//! A worker: reads one file at a time, skips it when unchanged, splits it into documents,
//! finds their mentions, local entities and claims, and hands them to the writer.

use crate::walk::Job;
use crate::writer::{Analysed, Message, Part};
use crate::{Observer, Problem};
use crossbeam_channel::{bounded, Receiver, Sender};
use model::{Diagnostic, Locator, Severity};
use std::collections::HashMap;
use std::io::Read;
use store::{FileRecord, FileState};

/// Files up to this size are read into memory once, hashed and parsed from there;
/// larger ones are hashed in a streaming pass, then read again as a stream.
const IN_MEMORY_BYTES: u64 = 8 << 20;

/// Bytes of document text a worker buffers before it streams the rest of a file.
const BUFFER_BYTES: usize = 4 << 20;

/// What every worker shares.
pub(crate) struct Context<'a> {
    /// What the store held at the start, by path.
    pub known: &'a HashMap<String, FileState>,
    /// Reader limits.
    pub limits: &'a ingest::Limits,
    /// Process even unchanged files.
    pub reprocess: bool,
    /// Where problems go.
    pub observer: &'a dyn Observer,
    /// The knowledge base.
    pub kb: &'a kb::Kb,
    /// Its version, kept with every file.
    pub kb_version: &'a str,
    /// The pipeline's version, kept with every file ([`crate::Config::pipeline_version`]).
    pub pipeline_version: &'a str,
    /// Whether to run the extraction stages.
    pub extract: bool,
}

/// Takes jobs until the walker is done, sending one message per file.
pub(crate) fn work(ctx: &Context<'_>, jobs: Receiver<Job>, files: Sender<Message>) {
    for job in jobs {
        if !process(ctx, job, &files) {
            return;
        }
    }
}

/// A file's bytes (when small enough to hold) and its content hash.
struct Input {
    bytes: Option<Vec<u8>>,
    size: u64,
    hash: String,
}

/// Processes one file; false when the writer has hung up.
fn process(ctx: &Context<'_>, mut job: Job, files: &Sender<Message>) -> bool {
    let read = read_input(&mut job);
    let report = |severity: Severity, message: String| {
        ctx.observer.problem(&Problem {
            path: job.key.clone(),
            severity,
            message,
        })
    };
    let input = match read {
        Ok(input) => input,
        Err(message) => {
            report(Severity::Error, message);
            return files.send(Message::Failed { bytes: 0 }).is_ok();
        }
    };
    if !ctx.reprocess && is_unchanged(ctx, ctx.known.get(&job.key), &input.hash) {
        return files.send(Message::Unchanged { bytes: input.size }).is_ok();
    }
    let opened = match input.bytes {
        Some(bytes) => ingest::open_bytes(&job.path, bytes, ctx.limits),
        None => ingest::open_path(&job.path, ctx.limits),
    };
    let records = match opened {
        Ok(records) => records,
        Err(e) => {
            report(Severity::Error, without_path(&e.to_string(), &job));
            return files.send(Message::Failed { bytes: input.size }).is_ok();
        }
    };
    let file = FileRecord {
        path: job.key.clone(),
        content_hash: input.hash,
        size: input.size,
        format: records.format(),
        ingested_at: unix_now(),
        pipeline_version: ctx.pipeline_version.to_string(),
        kb_version: ctx.kb_version.to_string(),
    };
    let mut sink = Sink::new(file, files);
    let mut index = 0u32;
    for item in records {
        match item {
            Ok(record) => {
                for d in &record.diagnostics {
                    report(d.severity, d.to_string());
                    sink.push(Part::Diagnostic(d.clone()));
                }
                let (documents, diagnostics) = text::split_record(&record);
                for d in diagnostics {
                    report(d.severity, d.to_string());
                    sink.push(Part::Diagnostic(d));
                }
                for mut doc in documents {
                    doc.index = index;
                    index += 1;
                    let n_words = doc.n_words() as u64;
                    let Extracted {
                        entities,
                        n_mentions,
                        claims,
                        signatures,
                    } = extract(ctx, &doc);
                    sink.push(Part::Document(Box::new(Analysed {
                        record: record.locator,
                        doc,
                        n_words,
                        entities,
                        n_mentions,
                        claims,
                        signatures,
                    })));
                }
            }
            Err(e) => {
                let message = without_path(&e.to_string(), &job);
                report(Severity::Error, message.clone());
                sink.push(Part::Diagnostic(Diagnostic::error(Locator::Whole, message)));
                if e.is_fatal() {
                    break;
                }
            }
        }
        if sink.hung_up {
            return false;
        }
    }
    sink.finish()
}

/// The extraction stages on one document: its mentions and local entities, encoded for
/// the store, their count, its claims and its near-duplicate signatures; nothing when the
/// run does not extract.
fn extract(ctx: &Context<'_>, doc: &model::Document) -> Extracted {
    if !ctx.extract {
        return Extracted {
            entities: None,
            n_mentions: 0,
            claims: Vec::new(),
            signatures: None,
        };
    }
    let kb_name = |id: kb::EntryId| ctx.kb.entry(id).name.clone();
    let mentions = mentions::find(doc, ctx.kb);
    let local = resolve::within_document(doc, &mentions, ctx.kb);
    let claims = claims::extract(doc, &mentions, &local, ctx.kb)
        .iter()
        .map(|c| claim_record(doc, c))
        .collect();
    let entities = store::EncodedEntities::encode(&mentions, &local, &kb_name);
    let signatures = dedup::signatures(&dedup::Input::from(doc)).encode();
    Extracted {
        entities: Some(entities),
        n_mentions: mentions.len() as u64,
        claims,
        signatures: Some(signatures),
    }
}

/// What the extraction stages give for one document.
struct Extracted {
    entities: Option<store::EncodedEntities>,
    n_mentions: u64,
    claims: Vec<store::ClaimRecord>,
    signatures: Option<Vec<u8>>,
}

/// A claim as the store keeps it: names and attribute values as text.
fn claim_record(doc: &model::Document, c: &claims::Claim) -> store::ClaimRecord {
    let text_of = |span: Option<model::Span>| {
        span.and_then(|s| doc.text.get(s.range()))
            .map(str::to_string)
    };
    store::ClaimRecord {
        subject: c.subject,
        predicate: c.predicate.name().to_string(),
        object: c.object,
        modality: c.modality.name().to_string(),
        source: c.source,
        place: c.place,
        time: c.time.as_ref().map(ToString::to_string),
        count: c.count,
        role: text_of(c.role),
        means: c.means.map(str::to_string),
        kind: c.kind.map(str::to_string),
        as_what: text_of(c.as_),
        sentences: (
            c.sentences.first().copied().unwrap_or_default(),
            c.sentences.last().copied().unwrap_or_default(),
        ),
        evidence: c.evidence,
        mentions: (
            c.mentions.subject,
            c.mentions.object,
            c.mentions.source,
            c.mentions.place,
        ),
        rule: c.rule.to_string(),
        confidence: c.confidence,
    }
}

/// Whether the store holds this content, read without errors by this pipeline with this
/// knowledge base.
fn is_unchanged(ctx: &Context<'_>, known: Option<&FileState>, hash: &str) -> bool {
    known.is_some_and(|k| {
        k.n_errors == 0
            && k.content_hash == hash
            && k.pipeline_version == ctx.pipeline_version
            && k.kb_version == ctx.kb_version
    })
}

/// Reads a small file whole, or hashes a large one in a streaming pass.
fn read_input(job: &mut Job) -> Result<Input, String> {
    if let Some(bytes) = job.stdin.take() {
        return Ok(Input {
            size: bytes.len() as u64,
            hash: blake3::hash(&bytes).to_hex().to_string(),
            bytes: Some(bytes),
        });
    }
    let cannot = |e: std::io::Error| format!("cannot read: {e}");
    let mut file = std::fs::File::open(&job.path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size <= IN_MEMORY_BYTES {
        let mut bytes = Vec::with_capacity(size as usize);
        file.read_to_end(&mut bytes).map_err(cannot)?;
        return Ok(Input {
            size: bytes.len() as u64,
            hash: blake3::hash(&bytes).to_hex().to_string(),
            bytes: Some(bytes),
        });
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(&mut file).map_err(cannot)?;
    Ok(Input {
        size,
        hash: hasher.finalize().to_hex().to_string(),
        bytes: None,
    })
}

/// An ingest error's message without the leading path, which the problem names already.
fn without_path(message: &str, job: &Job) -> String {
    let path = job.path.display().to_string();
    message
        .strip_prefix(path.as_str())
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message)
        .to_string()
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Buffers a file's parts; sends them whole when the file is small, else streams them.
struct Sink<'a> {
    file: Option<FileRecord>,
    parts: Vec<Part>,
    buffered_bytes: usize,
    stream: Option<Sender<Part>>,
    files: &'a Sender<Message>,
    hung_up: bool,
}

impl<'a> Sink<'a> {
    fn new(file: FileRecord, files: &'a Sender<Message>) -> Sink<'a> {
        Sink {
            file: Some(file),
            parts: Vec::new(),
            buffered_bytes: 0,
            stream: None,
            files,
            hung_up: false,
        }
    }

    fn push(&mut self, part: Part) {
        if let Some(stream) = &self.stream {
            self.hung_up |= stream.send(part).is_err();
            return;
        }
        if let Part::Document(analysed) = &part {
            self.buffered_bytes += analysed.doc.text.len();
        }
        self.parts.push(part);
        if self.buffered_bytes > BUFFER_BYTES {
            self.start_streaming();
        }
    }

    /// Sends what is buffered with a channel for the rest.
    fn start_streaming(&mut self) {
        let (tx, rx) = bounded(64);
        let message = Message::File {
            file: self.file.take().expect("a sink sends its file once"),
            parts: std::mem::take(&mut self.parts),
            rest: Some(rx),
        };
        self.hung_up |= self.files.send(message).is_err();
        self.stream = Some(tx);
    }

    /// Sends the file if it was not streamed; closes the stream if it was.
    fn finish(mut self) -> bool {
        if let Some(file) = self.file.take() {
            let message = Message::File {
                file,
                parts: std::mem::take(&mut self.parts),
                rest: None,
            };
            self.hung_up |= self.files.send(message).is_err();
        }
        !self.hung_up
    }
}
