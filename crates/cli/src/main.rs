//! `proxymap`: reads news reporting into an evidence-backed store.
//!
//! The binary's edge: command-line parsing, progress, exit codes. Exit 0 when every
//! input was read, 1 when some inputs failed, 2 on usage or fatal errors.

mod answers;
mod bench;
mod claims;
mod correct;
mod entities;
mod export;
mod progress;
mod rss;
mod search;
mod untrusted;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// proxymap: who leads, controls, backs, fights and meets whom, according to whom.
#[derive(Parser)]
#[command(version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read files and folders (recursively; `-` for standard input) into the database.
    Ingest(IngestArgs),
    /// Write what the database holds in another format.
    Export(ExportArgs),
    /// List the entities the corpus names, most mentioned first.
    Entities {
        /// The database.
        #[arg(long, default_value = "proxymap.db")]
        db: PathBuf,
        /// Only entities of this kind.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Only entities with a name that starts with this (spelling variants fold).
        #[arg(long)]
        search: Option<String>,
        /// At most this many (0: all).
        #[arg(long, default_value_t = 0)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Show one entity: its names, its mentions, and the rule behind every join.
    Entity {
        /// The database.
        #[arg(long, default_value = "proxymap.db")]
        db: PathBuf,
        /// Any of its names or spellings.
        name: String,
        /// One JSON object per entity.
        #[arg(long)]
        json: bool,
    },
    /// List claims with their evidence, outlet and date.
    Claims {
        /// The database.
        #[arg(long, default_value = "proxymap.db")]
        db: PathBuf,
        /// Only claims about this entity (any of its names or spellings).
        #[arg(long)]
        subject: Option<String>,
        /// Only claims with this predicate.
        #[arg(long, value_parser = model::Predicate::NAMES)]
        predicate: Option<String>,
        /// Only claims whose object is this entity.
        #[arg(long)]
        object: Option<String>,
        /// Only claims with this modality.
        #[arg(long, value_parser = ["asserted", "reported", "alleged", "denied", "hypothetical"])]
        modality: Option<String>,
        /// At most this many (0: all).
        #[arg(long, default_value_t = 0)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Answer a question from the network, each answer with its evidence: "who leads X?",
    /// "whom does X support?", "who says X backs Y?", "X's profile", "X's timeline".
    Ask(AskCommand),
    /// An analyst's corrections, kept through every re-ingest: merge, split, rename,
    /// reject, confirm; list; undo.
    Correct {
        /// The database.
        #[arg(long, default_value = "proxymap.db", global = true)]
        db: PathBuf,
        #[command(subcommand)]
        what: CorrectCommand,
    },
    /// Print counts of what the database holds.
    Stats {
        /// The database.
        #[arg(long, default_value = "proxymap.db")]
        db: PathBuf,
    },
    /// Measure ingest throughput and peak memory on generated corpora.
    Bench(bench::BenchArgs),
    /// Serve the JSON API and the web view of the network (docs/API.md).
    Serve {
        /// The database.
        #[arg(long, default_value = "proxymap.db")]
        db: PathBuf,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
    /// Full-text search over document titles and evidence sentences.
    Search {
        /// The database.
        #[arg(long, default_value = "proxymap.db")]
        db: PathBuf,
        /// The words to find (all of them; a word ending in `*` matches as a prefix).
        query: String,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
}

/// What `proxymap correct` does.
#[derive(Subcommand)]
enum CorrectCommand {
    /// The entity named NAME is the entity named INTO: merge them.
    Merge {
        /// Any name of the entity that goes.
        name: String,
        /// Any name of the entity that stays.
        into: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
    },
    /// NAME does not belong to its entity: make it an entity of its own.
    Split {
        /// The name to split off (not the entity's canonical name).
        name: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
    },
    /// Call the entity named NAME by NEW_NAME.
    Rename {
        /// Any name of the entity.
        name: String,
        /// Its new canonical name.
        new_name: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
    },
    /// The claim with this key (as `proxymap claims` prints it) is wrong.
    Reject {
        /// The claim's key.
        key: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
    },
    /// The claim with this key is right.
    Confirm {
        /// The claim's key.
        key: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
    },
    /// List every correction, in force or undone.
    List {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Undo a correction by its number.
    Undo {
        /// Its number, as `list` shows it.
        id: i64,
    },
}

impl CorrectCommand {
    fn request(self) -> correct::Request {
        use correct::Request;
        use store::Action;
        let add = |action, target: String, argument: Option<String>, note| Request::Add {
            action,
            target,
            argument,
            note,
        };
        match self {
            CorrectCommand::Merge { name, into, note } => {
                add(Action::Merge, name, Some(into), note)
            }
            CorrectCommand::Split { name, note } => add(Action::Split, name, None, note),
            CorrectCommand::Rename {
                name,
                new_name,
                note,
            } => add(Action::Rename, name, Some(new_name), note),
            CorrectCommand::Reject { key, note } => add(Action::Reject, key, None, note),
            CorrectCommand::Confirm { key, note } => add(Action::Confirm, key, None, note),
            CorrectCommand::List { json } => Request::List { json },
            CorrectCommand::Undo { id } => Request::Undo { id },
        }
    }
}

/// `proxymap ask`'s arguments.
#[derive(clap::Args)]
#[command(
    after_help = "Questions: who leads|controls|supports|fights|attacks|meets… X; \
whom|what does X lead|control|support…; who is X led by; who says X supports Y; \
does X support Y; X's profile (or just X); X's timeline. Any name or spelling works."
)]
struct AskCommand {
    /// The question.
    question: Option<String>,
    /// The database.
    #[arg(long, default_value = "proxymap.db")]
    db: PathBuf,
    /// Instead of a question: the subject of the edges asked for.
    #[arg(long)]
    subject: Option<String>,
    /// Instead of a question: the predicate asked for.
    #[arg(long, value_parser = model::Predicate::NAMES)]
    predicate: Option<String>,
    /// Instead of a question: the object of the edges asked for.
    #[arg(long)]
    object: Option<String>,
    /// Only what holds on or after this time (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only what holds on or before this time.
    #[arg(long)]
    until: Option<String>,
    /// Only evidence from this outlet.
    #[arg(long)]
    outlet: Option<String>,
    /// Only edges with evidence of this modality.
    #[arg(long, value_parser = ["asserted", "reported", "alleged", "denied", "hypothetical"])]
    modality: Option<String>,
    /// At most this many answers (0: all).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// At most this many claims shown per answer (0: all).
    #[arg(long, default_value_t = 3)]
    evidence: usize,
    /// One JSON object on standard output.
    #[arg(long)]
    json: bool,
}

impl AskCommand {
    fn into_args(self) -> answers::AskArgs {
        answers::AskArgs {
            question: self.question,
            subject: self.subject,
            predicate: self.predicate,
            object: self.object,
            filters: ask::Filters {
                since: self.since,
                until: self.until,
                outlet: self.outlet,
                modality: self.modality,
                limit: self.limit,
                evidence: self.evidence,
            },
            json: self.json,
        }
    }
}

#[derive(clap::Args)]
struct IngestArgs {
    /// Files or folders to read; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The database to write (created if missing).
    #[arg(long, default_value = "proxymap.db")]
    db: PathBuf,
    /// Process every file again, even when unchanged.
    #[arg(long)]
    reprocess: bool,
    /// Remove from the database the files under PATHS that are no longer there.
    #[arg(long)]
    prune: bool,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Largest file (text, Markdown, HTML, JSON) or record (JSON Lines, WARC) to read,
    /// in bytes or with a K, M or G suffix.
    #[arg(long, default_value = "64M", value_parser = parse_size)]
    max_size: u64,
    /// Print errors only: no warnings, no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Say more: settings before the run, store counts after it.
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Print the summary as one JSON object on standard output.
    #[arg(long)]
    json_summary: bool,
    /// A knowledge-base file (JSON Lines, as `crates/kb/data/builtin.jsonl`) that extends
    /// the built-in one; may be given more than once.
    #[arg(long = "kb", value_name = "FILE")]
    kb_files: Vec<PathBuf>,
    /// Run without the built-in knowledge base (only the `--kb` files, if any).
    #[arg(long)]
    no_default_kb: bool,
    /// Store documents and sentences only: no mentions, entities or claims (to see how
    /// files split, or to measure the ingest stage alone).
    #[arg(long)]
    text_only: bool,
}

/// Entity kinds, as the ontology names them.
#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// A named human being.
    Person,
    /// An organised body, or a state when it acts.
    Org,
    /// A country as territory, a province, city, site.
    Place,
    /// A population, sect or community.
    Group,
}

impl Kind {
    fn model(self) -> model::EntityKind {
        match self {
            Kind::Person => model::EntityKind::Person,
            Kind::Org => model::EntityKind::Org,
            Kind::Place => model::EntityKind::Place,
            Kind::Group => model::EntityKind::Group,
        }
    }
}

#[derive(clap::Args)]
struct ExportArgs {
    /// The database to read.
    #[arg(long, default_value = "proxymap.db")]
    db: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The folder to write into (created if needed).
    #[arg(long)]
    out: PathBuf,
}

/// Export formats.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// `documents.jsonl`, `entities.jsonl` and `claims.jsonl` for the scorer.
    Eval,
    /// `network.graphml`: the network for Gephi, networkx, yEd.
    Graphml,
    /// `network.gexf` (GEXF 1.3): the network for Gephi and networkx.
    Gexf,
    /// `nodes.csv` and `edges.csv` for `neo4j-admin database import`.
    Neo4j,
    /// `network.jsonl`: every claim behind an edge, with its evidence and its edge.
    Jsonl,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("proxymap: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest(args),
        Command::Export(args) => {
            match args.format {
                ExportFormat::Eval => export::eval(&args.db, &args.out)?,
                ExportFormat::Graphml => export::graphml(&args.db, &args.out)?,
                ExportFormat::Gexf => export::gexf(&args.db, &args.out)?,
                ExportFormat::Neo4j => export::neo4j(&args.db, &args.out)?,
                ExportFormat::Jsonl => export::jsonl(&args.db, &args.out)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Entities {
            db,
            kind,
            search,
            limit,
            json,
        } => entities::list(&db, kind.map(Kind::model), search.as_deref(), limit, json)
            .map(|()| ExitCode::SUCCESS),
        Command::Entity { db, name, json } => {
            entities::show(&db, &name, json).map(|()| ExitCode::SUCCESS)
        }
        Command::Claims {
            db,
            subject,
            predicate,
            object,
            modality,
            limit,
            json,
        } => {
            let query = claims::Query {
                subject: subject.as_deref(),
                predicate: predicate.as_deref(),
                object: object.as_deref(),
                modality: modality.as_deref(),
                limit,
                json,
            };
            claims::list(&db, &query).map(|()| ExitCode::SUCCESS)
        }
        Command::Ask(a) => {
            let db = a.db.clone();
            answers::run(&db, &a.into_args()).map(|()| ExitCode::SUCCESS)
        }
        Command::Correct { db, what } => {
            correct::run(&db, &what.request()).map(|()| ExitCode::SUCCESS)
        }
        Command::Stats { db } => stats(&db).map(|()| ExitCode::SUCCESS),
        Command::Bench(args) => bench::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Serve { db, addr } => serve(db, addr).map(|()| ExitCode::SUCCESS),
        Command::Search {
            db,
            query,
            limit,
            json,
        } => search::run(&db, &query, limit, json).map(|()| ExitCode::SUCCESS),
    }
}

/// The knowledge base a run uses: the built-in one unless `no_default`, extended by each
/// file in order. A file with a bad line stops the run, naming file and line.
fn load_kb(files: &[PathBuf], no_default: bool) -> Result<kb::Kb> {
    let mut base = if no_default {
        kb::Kb::empty()
    } else {
        kb::Kb::builtin()
    };
    for file in files {
        let extra = kb::Kb::load_file(file)
            .with_context(|| format!("reading the knowledge base {}", file.display()))?;
        base.extend(extra);
    }
    Ok(base)
}

fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let kb = load_kb(&args.kb_files, args.no_default_kb)?;
    let config = pipeline::Config {
        inputs: args.paths,
        db: args.db,
        threads: args.threads,
        reprocess: args.reprocess,
        prune: args.prune,
        limits: ingest::Limits {
            max_record_bytes: args.max_size,
        },
        kb: std::sync::Arc::new(kb),
        extract: !args.text_only,
    };
    if args.verbose > 0 {
        eprintln!(
            "proxymap {}: pipeline {}, knowledge base {} ({} entries), database {}",
            env!("CARGO_PKG_VERSION"),
            config.pipeline_version(),
            config.kb.version(),
            config.kb.len(),
            config.db.display()
        );
    }
    let observer = progress::Progress::new(args.quiet);
    let summary = pipeline::run(&config, &observer)
        .with_context(|| format!("ingesting into {}", config.db.display()))?;
    observer.finish();
    if !args.quiet {
        eprintln!("{summary}");
    }
    if args.verbose > 0 {
        let stats = store::Store::open_existing(&config.db)?.stats()?;
        eprintln!("{}", format_stats(&stats));
    }
    if args.json_summary {
        let json = serde_json::json!({
            "files_read": summary.files_read,
            "files_unchanged": summary.files_unchanged,
            "files_failed": summary.files_failed,
            "files_pruned": summary.files_pruned,
            "documents": summary.documents,
            "sentences": summary.sentences,
            "words": summary.words,
            "mentions": summary.mentions,
            "claims": summary.claims,
            "reprints": summary.duplicates.map(|d| d.0),
            "repeated_paragraphs": summary.duplicates.map(|d| d.1),
            "entities": summary.entities,
            "input_bytes": summary.input_bytes,
            "seconds": summary.seconds,
            "words_per_second": summary.words_per_second(),
            "peak_rss_bytes": rss::peak_rss_bytes(),
        });
        writeln!(std::io::stdout(), "{json}")?;
    }
    Ok(if summary.files_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Serves `db` on `addr` until interrupted.
fn serve(db: PathBuf, addr: std::net::SocketAddr) -> Result<()> {
    if !server::WEB_BUILT {
        eprintln!(
            "proxymap: warning: this build has no web view: run `npm ci --prefix web`, then \
             build again (the API works without it)"
        );
    }
    let config = server::Config {
        db,
        addr,
        readers: 4,
    };
    server::run(&config, |bound| {
        eprintln!(
            "proxymap: serving {} on http://{bound}/",
            config.db.display()
        );
    })
    .with_context(|| format!("serving {}", config.db.display()))
}

fn stats(db: &std::path::Path) -> Result<()> {
    let store = store::Store::open_existing(db)?;
    let stats = store.stats()?;
    let (mentions, local, entities) = store.entity_counts()?;
    let claims = store.claim_count()?;
    let (reprints, repeats) = store.duplicate_counts()?;
    let edges = store.edge_count()?;
    writeln!(
        std::io::stdout(),
        "{}\nmentions        {mentions}\nlocal entities  {local}\nentities        {entities}\nclaims          {claims}\nreprints        {reprints}\nrepeated paragraphs {repeats}\nedges           {edges}",
        format_stats(&stats)
    )?;
    Ok(())
}

fn format_stats(s: &store::Stats) -> String {
    let mut out = format!(
        "schema version  {}\nfiles           {}\n  with errors   {}\ndocuments       {}\nparagraphs      {}\nsentences       {}\nwords           {}\ndiagnostics     {}",
        s.schema_version,
        s.files,
        s.files_with_errors,
        s.documents,
        s.paragraphs,
        s.sentences,
        s.words,
        s.diagnostics
    );
    for (format, n) in &s.by_format {
        out.push_str(&format!("\n  {format:<13} {n}"));
    }
    out
}

/// Reads a size such as `1048576`, `64K`, `64M`, `1G` (also `64MiB`, `64mb`).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let stripped = lower
        .trim_end_matches("ib")
        .trim_end_matches('b')
        .to_string();
    let (digits, shift) = match stripped.chars().last() {
        Some('k') => (&stripped[..stripped.len() - 1], 10),
        Some('m') => (&stripped[..stripped.len() - 1], 20),
        Some('g') => (&stripped[..stripped.len() - 1], 30),
        _ => (stripped.as_str(), 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a size: write bytes, or a number with K, M or G"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_with_suffixes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
