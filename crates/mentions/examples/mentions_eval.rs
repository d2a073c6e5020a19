//! Runs the mentions stage over input files and writes what the evaluation reads
//! (`shared/eval/FORMAT.md`): `entities.jsonl`, one entity per distinct normalised
//! surface (no resolution yet), and an empty `claims.jsonl`. Then it times `find`.
//!
//! ```text
//! cargo run --release -p mentions --example mentions_eval -- \
//!     [--no-default-kb] [--repeat N] [--dump] --out DIR FILE...
//! ```
//!
//! `--no-default-kb` runs with an empty knowledge base instead of the built-in one;
//! `--repeat N` times `find` over all documents N times (default 20) and prints words/s,
//! on one thread and on `--threads T` threads (default 2), each taking every T-th
//! document;
//! `--dump` prints each mention (file, sentence, kind, rule, surface) to stdout.
//! A file that cannot be read is reported on stderr as `path: cause` and skipped; the
//! exit code is then 1.

use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    out: PathBuf,
    files: Vec<PathBuf>,
    default_kb: bool,
    repeat: usize,
    threads: usize,
    dump: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        files: Vec::new(),
        default_kb: true,
        repeat: 20,
        threads: 2,
        dump: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-default-kb" => args.default_kb = false,
            "--dump" => args.dump = true,
            "--out" => args.out = it.next().ok_or("--out needs a folder")?.into(),
            "--threads" => {
                args.threads = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--threads needs a positive number")?
            }
            "--repeat" => {
                args.repeat = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--repeat needs a number")?
            }
            _ => args.files.push(a.into()),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err(
            "usage: mentions_eval [--no-default-kb] [--repeat N] [--threads T] [--dump] --out DIR FILE...".into(),
        );
    }
    Ok(args)
}

/// Counts per surface and per kind of one normalised name.
#[derive(Default)]
struct Tally {
    surfaces: BTreeMap<String, usize>,
    kinds: BTreeMap<&'static str, usize>,
}

fn most_common<K: Clone + Ord>(m: &BTreeMap<K, usize>) -> Option<K> {
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let kb = if args.default_kb {
        kb::Kb::builtin()
    } else {
        kb::Kb::empty()
    };
    eprintln!("knowledge base: {} entries", kb.entries().len());
    let mut failed = false;
    let mut docs: Vec<(String, model::Document)> = Vec::new();
    for path in &args.files {
        match read(path) {
            Ok(d) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                docs.extend(d.into_iter().map(|doc| (name.clone(), doc)));
            }
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failed = true;
            }
        }
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (file, doc) in &docs {
        for m in mentions::find(doc, &kb) {
            let surface = m.span.slice(&doc.text).to_string();
            if args.dump {
                let linked = m.linked.map(|l| format!(" ->{l}")).unwrap_or_default();
                let sentence = doc.sentences[m.sentence_idx as usize].span.slice(&doc.text);
                let _ = writeln!(
                    out,
                    "{file}\t{}\t{}\t{}\t{surface}{linked}\t| {}",
                    m.sentence_idx,
                    m.kind,
                    m.rule.name(),
                    sentence.replace('\n', " ")
                );
            }
            let t = tallies.entry(kb::normalize(&surface)).or_default();
            *t.surfaces.entry(surface).or_default() += 1;
            *t.kinds.entry(m.kind.name()).or_default() += 1;
        }
    }
    if let Err(e) = write_outputs(&args.out, &tallies) {
        eprintln!("{}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    // throughput
    let words: usize = docs.iter().map(|(_, d)| d.n_words()).sum();
    let total = words * args.repeat;
    let mut n_mentions = 0usize;
    let t0 = Instant::now();
    for _ in 0..args.repeat {
        for (_, doc) in &docs {
            n_mentions += std::hint::black_box(mentions::find(doc, &kb)).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    std::thread::scope(|s| {
        for t in 0..args.threads {
            let (docs, kb) = (&docs, &kb);
            s.spawn(move || {
                for _ in 0..args.repeat {
                    for (_, doc) in docs.iter().skip(t).step_by(args.threads) {
                        std::hint::black_box(mentions::find(doc, kb));
                    }
                }
            });
        }
    });
    let secs_par = t1.elapsed().as_secs_f64();
    eprintln!(
        "mentions  {} docs  {} words x{}  1 thread {:.3} s {:.0} words/s  {} threads {:.3} s {:.0} words/s  {} mentions/run  {} entities",
        docs.len(),
        words,
        args.repeat,
        secs,
        total as f64 / secs.max(1e-9),
        args.threads,
        secs_par,
        total as f64 / secs_par.max(1e-9),
        n_mentions / args.repeat.max(1),
        tallies.len()
    );
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read(path: &Path) -> Result<Vec<model::Document>, String> {
    let records = ingest::open_path(path, &ingest::Limits::default()).map_err(|e| e.to_string())?;
    let mut docs = Vec::new();
    for record in records {
        let record = record.map_err(|e| e.to_string())?;
        let (d, _) = text::split_record(&record);
        docs.extend(d);
    }
    Ok(docs)
}

fn write_outputs(dir: &Path, tallies: &BTreeMap<String, Tally>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("entities.jsonl"))?);
    for t in tallies.values() {
        let (Some(name), Some(kind)) = (most_common(&t.surfaces), most_common(&t.kinds)) else {
            continue;
        };
        let aliases: Vec<&String> = t.surfaces.keys().collect();
        writeln!(
            f,
            "{}",
            json!({"name": name, "kind": kind, "aliases": aliases})
        )?;
    }
    f.flush()?;
    std::fs::File::create(dir.join("claims.jsonl"))?;
    Ok(())
}
