//! Runs mentions and resolution over input files and writes what the evaluation reads
//! (`shared/eval/FORMAT.md`): `entities.jsonl`, one line per resolved entity the texts
//! mention, and an empty `claims.jsonl`.
//!
//! ```text
//! cargo run --release -p resolve --example resolve_eval -- \
//!     [--no-default-kb] [--dump] --out DIR FILE...
//! ```
//!
//! `--no-default-kb` runs with an empty knowledge base instead of the built-in one;
//! `--dump` prints each mention (file, sentence, kind, surface, local rule, corpus rule,
//! entity name) to stdout. A file that cannot be read is reported on stderr as
//! `path: cause` and skipped; the exit code is then 1.

use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    out: PathBuf,
    files: Vec<PathBuf>,
    default_kb: bool,
    dump: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        files: Vec::new(),
        default_kb: true,
        dump: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-default-kb" => args.default_kb = false,
            "--dump" => args.dump = true,
            "--out" => args.out = it.next().ok_or("--out needs a folder")?.into(),
            _ => args.files.push(a.into()),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("usage: resolve_eval [--no-default-kb] [--dump] --out DIR FILE...".into());
    }
    Ok(args)
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
    let t0 = Instant::now();
    let found: Vec<Vec<model::Mention>> =
        docs.iter().map(|(_, d)| mentions::find(d, &kb)).collect();
    let t1 = Instant::now();
    let local: Vec<resolve::DocEntities> = docs
        .iter()
        .zip(&found)
        .map(|((_, d), m)| resolve::within_document(d, m, &kb))
        .collect();
    let corpus = resolve::across_corpus(&local, &kb);
    let t2 = Instant::now();
    if args.dump {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for (d, ((file, doc), ms)) in docs.iter().zip(&found).enumerate() {
            for (i, m) in ms.iter().enumerate() {
                let l = local[d].entity_of_mention[i] as usize;
                let rule = local[d].entities[l]
                    .mentions
                    .iter()
                    .find(|(j, _)| *j as usize == i)
                    .map_or("?", |(_, r)| r.name());
                let Some(link) = corpus.mention_entity(d, i) else {
                    continue;
                };
                let name = corpus.entity(link.entity).map_or("?", |e| e.name.as_str());
                let _ = writeln!(
                    out,
                    "{file}\t{}\t{}\t{}\t{rule}\t{}\t{name}",
                    m.sentence_idx,
                    m.kind,
                    m.span.slice(&doc.text),
                    link.rule.name()
                );
            }
        }
    }
    if let Err(e) = write_outputs(&args.out, &corpus) {
        eprintln!("{}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    eprintln!(
        "resolve  {} docs  {} mentions  {} entities  mentions {:.3} s  resolve {:.3} s",
        docs.len(),
        found.iter().map(Vec::len).sum::<usize>(),
        corpus.entities.len(),
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64()
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

fn write_outputs(dir: &Path, corpus: &resolve::Corpus) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("entities.jsonl"))?);
    for e in &corpus.entities {
        writeln!(
            f,
            "{}",
            json!({"name": e.name, "kind": e.kind.name(), "aliases": e.aliases})
        )?;
    }
    f.flush()?;
    std::fs::File::create(dir.join("claims.jsonl"))?;
    Ok(())
}
