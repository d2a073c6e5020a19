//! Runs proxymap's stages in order over a corpus, streaming and in parallel.
//!
//! ```text
//!  walker ──paths──▶ workers (N threads) ──files──▶ writer (1 thread) ──▶ SQLite
//!                    read → hash → skip if unchanged
//!                    ingest::open → text::split_record
//!                    → mentions::find → resolve::within_document → claims::extract
//!                                                   then: resolve::across_corpus ──▶ SQLite
//! ```
//!
//! The walker streams paths into a bounded channel; each worker reads one file, hashes
//! it, skips it when the store already holds this content processed by this pipeline,
//! and otherwise reads its records, splits them into documents, finds their mentions,
//! groups them into each document's local entities, and extracts their claims. The writer owns the
//! store: it writes each file's documents and commits in batches, always between files,
//! so a crash leaves the database as it was after the last committed file. Memory stays
//! bounded: channels are bounded, and a file whose documents outgrow a buffer is streamed
//! to the writer in chunks. When every file is written (and pruned), the corpus step
//! resolves all documents' local entities into corpus entities, if any file changed since
//! it last ran or the knowledge base is another.
//!
//! No stage imports this crate; it imports them.

mod corpus;
mod corrections;
mod walk;
mod worker;
mod writer;

use crossbeam_channel::bounded;
use model::Severity;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

pub use walk::STDIN_PATH;

/// The version of the processing that produced what the store holds; a change makes
/// every file be processed again. (The knowledge base's own version, [`kb::Kb::version`],
/// is kept beside it.)
pub const PIPELINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+claims.1");

/// What to ingest, where, and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to read (folders recursively); `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// The SQLite database to write.
    pub db: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Process every file again, even when unchanged.
    pub reprocess: bool,
    /// Remove files under the given folders that are no longer there.
    pub prune: bool,
    /// Size limits for readers.
    pub limits: ingest::Limits,
    /// The knowledge base mentions and resolution use.
    pub kb: Arc<kb::Kb>,
    /// Run the extraction stages (mentions, entities, claims); false stores documents and
    /// sentences only, to measure the ingest stage alone or to see how files split.
    pub extract: bool,
}

impl Config {
    /// The version kept with every file this configuration processes: a file processed
    /// without extraction counts as changed for a run with it.
    pub fn pipeline_version(&self) -> String {
        if self.extract {
            PIPELINE_VERSION.to_string()
        } else {
            format!("{PIPELINE_VERSION}/text-only")
        }
    }
}

/// A problem with one input, reported while the run goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input it concerns.
    pub path: String,
    /// A warning (the input still counts as read) or an error (part or all of it was lost).
    pub severity: Severity,
    /// What happened, with line or record where narrower than the file.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.path, self.message)
    }
}

/// Receives what happens during a run: problems as they are found, progress as files finish.
/// Called from several threads.
pub trait Observer: Sync {
    /// A problem with one input.
    fn problem(&self, problem: &Problem);
    /// One more file was read (or found unchanged), of `bytes` bytes.
    fn file_done(&self, bytes: u64);
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {
    fn problem(&self, _: &Problem) {}
    fn file_done(&self, _: u64) {}
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Files read and processed without errors.
    pub files_read: u64,
    /// Files skipped because the store already held them, unchanged.
    pub files_unchanged: u64,
    /// Files that could not be read, in whole or in part (what could be read of them is
    /// stored).
    pub files_failed: u64,
    /// Files removed by `--prune`.
    pub files_pruned: u64,
    /// Documents written.
    pub documents: u64,
    /// Sentences written.
    pub sentences: u64,
    /// Words of annotated text written.
    pub words: u64,
    /// Mentions found in the documents written.
    pub mentions: u64,
    /// Claims found in the documents written.
    pub claims: u64,
    /// Entities in the whole corpus after this run, when the corpus step ran.
    pub entities: Option<u64>,
    /// Wall-clock seconds of the corpus step, when it ran.
    pub corpus_seconds: Option<f64>,
    /// Documents that reprint an earlier one, and paragraphs that repeat an earlier
    /// passage, in the whole corpus, when the corpus step ran.
    pub duplicates: Option<(u64, u64)>,
    /// Edges of the network after this run, when the corpus step ran.
    pub edges: Option<u64>,
    /// Bytes of input read (unchanged files included).
    pub input_bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl Summary {
    /// Words written per second of wall-clock time.
    pub fn words_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.words as f64 / self.seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "files: {} read, {} unchanged, {} failed",
            self.files_read, self.files_unchanged, self.files_failed
        )?;
        if self.files_pruned > 0 {
            write!(f, ", {} pruned", self.files_pruned)?;
        }
        write!(
            f,
            "; {} documents, {} sentences, {} words, {} mentions, {} claims",
            self.documents, self.sentences, self.words, self.mentions, self.claims
        )?;
        if let (Some(n), Some(t)) = (self.entities, self.corpus_seconds) {
            write!(f, "; {n} entities in the corpus")?;
            if let Some((reprints, repeats)) = self.duplicates {
                write!(f, ", {reprints} reprints, {repeats} repeated passages")?;
            }
            if let Some(edges) = self.edges {
                write!(f, ", {edges} edges")?;
            }
            write!(f, " (corpus step {t:.2} s)")?;
        }
        write!(
            f,
            "; {:.2} s, {:.0} words/s",
            self.seconds,
            self.words_per_second()
        )
    }
}

/// Why a run could not go on.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The store failed: the run stops, and the last commit stands.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// A thread could not be started.
    #[error("cannot start a thread: {0}")]
    Spawn(std::io::Error),
    /// A document's stored near-duplicate signatures cannot be read.
    #[error("document {document}: corrupt near-duplicate signatures: {source}; run `proxymap ingest --reprocess`")]
    Signatures {
        /// The document's row id.
        document: i64,
        /// What is wrong with them.
        source: dedup::DecodeError,
    },
    /// A stored claim has a modality the network stage does not know.
    #[error("document {document}: claim {idx}: unknown modality {name:?}; run `proxymap ingest --reprocess`")]
    Modality {
        /// The document's row id.
        document: i64,
        /// The claim's index in it.
        idx: u32,
        /// The modality found.
        name: String,
    },
    /// A worker or the writer thread panicked.
    #[error("internal error: a {0} thread panicked")]
    Panicked(&'static str),
}

/// What [`refresh`] rebuilt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Refreshed {
    /// Corpus entities written.
    pub entities: u64,
    /// Edges of the network.
    pub edges: u64,
    /// How long it took.
    pub seconds: f64,
}

/// Runs the corpus step on the store at `db` now, with `kb` (the knowledge base the
/// files were ingested with): entity resolution across the corpus, reprints and
/// repeats, the analyst's corrections, the network. For a change that is not an
/// ingest, such as a correction.
pub fn refresh(db: &std::path::Path, kb: &kb::Kb) -> Result<Refreshed, PipelineError> {
    let started = Instant::now();
    let mut store = store::Store::open_existing(db)?;
    let resolved = corpus::resolve_corpus(&mut store, kb, &kb.version())?;
    Ok(Refreshed {
        entities: resolved.entities,
        edges: resolved.edges,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Ingests `config.inputs` into `config.db` and reports what it did.
///
/// Problems with single inputs go to `observer` and are counted in the summary; only a
/// failure of the store itself stops the run.
pub fn run(config: &Config, observer: &dyn Observer) -> Result<Summary, PipelineError> {
    let started = Instant::now();
    let mut store = store::Store::open(&config.db)?;
    let known = store.file_states()?;
    let kb_version = config.kb.version();
    let pipeline_version = config.pipeline_version();
    let threads = match config.threads {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let (job_tx, job_rx) = bounded::<walk::Job>(threads * 4);
    let (file_tx, file_rx) = bounded::<writer::Message>(threads * 2);

    let ctx = worker::Context {
        known: &known,
        limits: &config.limits,
        reprocess: config.reprocess,
        observer,
        kb: &config.kb,
        kb_version: &kb_version,
        pipeline_version: &pipeline_version,
        extract: config.extract,
    };
    let outcome = std::thread::scope(|scope| {
        let walker = std::thread::Builder::new()
            .name("walker".into())
            .spawn_scoped(scope, || {
                walk::walk(
                    &config.inputs,
                    &config.limits,
                    config.prune,
                    job_tx,
                    observer,
                )
            })
            .map_err(PipelineError::Spawn)?;
        let workers = (0..threads)
            .map(|i| {
                let (rx, tx, ctx) = (job_rx.clone(), file_tx.clone(), &ctx);
                std::thread::Builder::new()
                    .name(format!("worker-{i}"))
                    .spawn_scoped(scope, move || worker::work(ctx, rx, tx))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(PipelineError::Spawn)?;
        drop((job_rx, file_tx));
        let written = writer::write(&mut store, file_rx, observer);
        let walked = walker.join().map_err(|_| PipelineError::Panicked("walker"));
        for w in workers {
            w.join().map_err(|_| PipelineError::Panicked("worker"))?;
        }
        Ok::<_, PipelineError>((walked?, written?))
    });
    let (walked, mut summary) = outcome?;
    summary.files_failed += walked.failed;
    if config.prune {
        summary.files_pruned = store.prune(&walked.roots, &walked.seen)? as u64;
    }
    if store.corpus_is_stale(&kb_version)? {
        let corpus_started = Instant::now();
        let resolved = corpus::resolve_corpus(&mut store, &config.kb, &kb_version)?;
        summary.entities = Some(resolved.entities);
        summary.corpus_seconds = Some(corpus_started.elapsed().as_secs_f64());
        summary.duplicates = Some((resolved.reprints, resolved.repeats));
        summary.edges = Some(resolved.edges);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Records problems for assertions.
    #[derive(Default)]
    struct Recorder {
        problems: Mutex<Vec<Problem>>,
    }

    impl Observer for Recorder {
        fn problem(&self, problem: &Problem) {
            self.problems.lock().unwrap().push(problem.clone());
        }
        fn file_done(&self, _: u64) {}
    }

    fn config(dir: &std::path::Path, threads: usize) -> Config {
        Config {
            inputs: vec![dir.join("in")],
            db: dir.join("x.db"),
            threads,
            reprocess: false,
            prune: false,
            limits: ingest::Limits::default(),
            kb: Arc::new(kb::Kb::builtin()),
            extract: true,
        }
    }

    fn corpus(dir: &std::path::Path, n: usize) {
        let input = dir.join("in");
        std::fs::create_dir_all(&input).unwrap();
        for i in 0..n {
            let text = format!(
                "Report {i} from the valley\n\nThe convoy reached the ford at noon. It carried {i} crates.\n"
            );
            std::fs::write(input.join(format!("{i:03}.txt")), text).unwrap();
        }
    }

    #[test]
    fn a_corpus_is_read_once_then_found_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        corpus(tmp.path(), 20);
        let first = run(&config(tmp.path(), 2), &Silent).unwrap();
        assert_eq!(
            (first.files_read, first.documents, first.sentences),
            (20, 20, 60)
        );
        let second = run(&config(tmp.path(), 2), &Silent).unwrap();
        assert_eq!((second.files_read, second.files_unchanged), (0, 20));
        let mut again = config(tmp.path(), 1);
        again.reprocess = true;
        assert_eq!(run(&again, &Silent).unwrap().files_read, 20);
    }

    #[test]
    fn the_thread_count_does_not_change_what_is_stored() {
        let counts = |threads| {
            let tmp = tempfile::tempdir().unwrap();
            corpus(tmp.path(), 30);
            let s = run(&config(tmp.path(), threads), &Silent).unwrap();
            (s.documents, s.sentences, s.words)
        };
        assert_eq!(counts(1), counts(4));
    }

    #[test]
    fn a_missing_input_is_a_problem_not_a_failure_of_the_run() {
        let tmp = tempfile::tempdir().unwrap();
        corpus(tmp.path(), 2);
        let mut cfg = config(tmp.path(), 2);
        cfg.inputs.push(tmp.path().join("nowhere"));
        let recorder = Recorder::default();
        let summary = run(&cfg, &recorder).unwrap();
        assert_eq!((summary.files_read, summary.files_failed), (2, 1));
        let problems = recorder.problems.lock().unwrap();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].path.ends_with("nowhere"), "{:?}", problems[0]);
        assert!(
            problems[0].to_string().starts_with("error: "),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_large_file_is_streamed_to_the_writer_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in");
        std::fs::create_dir_all(&input).unwrap();
        let line = r#"{"title": "Wire", "text": "The ferry crossed at dawn and the harbour stayed calm all day long."}"#;
        let body: String = (0..120_000).map(|_| format!("{line}\n")).collect();
        std::fs::write(input.join("wires.jsonl"), body).unwrap();
        let summary = run(&config(tmp.path(), 2), &Silent).unwrap();
        assert_eq!((summary.files_read, summary.documents), (1, 120_000));
        let stats = store::Store::open_existing(&tmp.path().join("x.db"))
            .unwrap()
            .stats()
            .unwrap();
        assert_eq!(stats.documents, 120_000);
    }
}
