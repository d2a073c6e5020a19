//! Runs ingest → text → mentions → resolve → claims over input files and writes what the
//! evaluation reads (`shared/eval/FORMAT.md`): `entities.jsonl`, one line per resolved
//! entity the texts mention, and `claims.jsonl`, one line per claim, naming entities by
//! their corpus canonical names.
//!
//! ```text
//! cargo run --release -p claims --example claims_eval -- [--dump] --out DIR FILE...
//! ```
//!
//! `--explain TEXT` prints the tokens and cues of the sentences containing TEXT (`*`: all). `--dump` prints each claim with its rule, confidence and evidence to stdout. A file that
//! cannot be read is reported on stderr as `path: cause` and skipped; the exit code is then 1.

use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    out: PathBuf,
    files: Vec<PathBuf>,
    dump: bool,
    explain: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        files: Vec::new(),
        dump: false,
        explain: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dump" => args.dump = true,
            "--explain" => args.explain = Some(it.next().ok_or("--explain needs a text")?),
            "--out" => args.out = it.next().ok_or("--out needs a folder")?.into(),
            _ => args.files.push(a.into()),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("usage: claims_eval [--dump] --out DIR FILE...".into());
    }
    Ok(args)
}

/// One document with its file's base name and what the stages made of it.
struct Processed {
    file: String,
    doc: model::Document,
    mentions: Vec<model::Mention>,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let kb = kb::Kb::builtin();
    let mut failed = false;
    let mut docs: Vec<Processed> = Vec::new();
    for path in &args.files {
        match read(path) {
            Ok(d) => {
                let file = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                docs.extend(d.into_iter().map(|doc| Processed {
                    file: file.clone(),
                    mentions: mentions::find(&doc, &kb),
                    doc,
                }));
            }
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failed = true;
            }
        }
    }
    let local: Vec<resolve::DocEntities> = docs
        .iter()
        .map(|p| resolve::within_document(&p.doc, &p.mentions, &kb))
        .collect();
    let corpus = resolve::across_corpus(&local, &kb);
    if let Some(needle) = &args.explain {
        for (p, l) in docs.iter().zip(&local) {
            explain(p, l, &kb, needle);
        }
    }
    let t0 = Instant::now();
    let claims: Vec<Vec<claims::Claim>> = docs
        .iter()
        .zip(&local)
        .map(|(p, l)| claims::extract(&p.doc, &p.mentions, l, &kb))
        .collect();
    let t1 = Instant::now();
    let lines = claim_lines(&docs, &corpus, &claims, args.dump);
    if let Err(e) = write_outputs(&args.out, &corpus, &lines) {
        eprintln!("{}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    eprintln!(
        "claims  {} docs  {} entities  {} claims  {:.3} s",
        docs.len(),
        corpus.entities.len(),
        lines.len(),
        (t1 - t0).as_secs_f64()
    );
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The corpus entity's canonical name for local entity `l` of document `d`.
fn name_of(corpus: &resolve::Corpus, d: usize, l: u32) -> Option<String> {
    let link = corpus.links.get(d)?.get(l as usize)?;
    corpus.entity(link.entity).map(|e| e.name.clone())
}

fn claim_lines(
    docs: &[Processed],
    corpus: &resolve::Corpus,
    claims: &[Vec<claims::Claim>],
    dump: bool,
) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let stdout = std::io::stdout();
    let mut so = stdout.lock();
    for (d, (p, cs)) in docs.iter().zip(claims).enumerate() {
        for c in cs {
            let (Some(s), Some(o)) = (name_of(corpus, d, c.subject), name_of(corpus, d, c.object))
            else {
                continue;
            };
            let opt = |l: Option<u32>| l.and_then(|l| name_of(corpus, d, l)).unwrap_or_default();
            let slice = |sp: Option<model::Span>| {
                sp.map(|sp| sp.slice(&p.doc.text).to_string())
                    .unwrap_or_default()
            };
            let evidence = c.evidence.slice(&p.doc.text).to_string();
            if dump {
                let _ = writeln!(
                    so,
                    "{}\t{s}\t{}\t{o}\t{}\t{}\t{}\t{:.2}\t{}",
                    p.file,
                    c.predicate,
                    c.modality,
                    opt(c.source),
                    c.rule,
                    c.confidence,
                    evidence.replace('\n', " ")
                );
            }
            out.push(json!({
                "file": p.file,
                "subject": s,
                "predicate": c.predicate.name(),
                "object": o,
                "modality": c.modality.name(),
                "source": opt(c.source),
                "time": c.time.map(|t| t.to_string()).unwrap_or_default(),
                "place": opt(c.place),
                "count": c.count,
                "role": slice(c.role),
                "means": c.means.unwrap_or_default(),
                "kind": c.kind.unwrap_or_default(),
                "as": slice(c.as_),
                "evidence": evidence,
                "rule": c.rule,
                "confidence": c.confidence,
            }));
        }
    }
    out
}

/// Prints the tokens and tags of every sentence containing `needle`.
fn explain(p: &Processed, local: &resolve::DocEntities, kb: &kb::Kb, needle: &str) {
    let sents = claims::tokens::tokenize_document(&p.doc, &p.mentions, local, kb);
    let all = needle == "*";
    for s in sents
        .iter()
        .filter(|s| s.annotated && (all || s.span.slice(&p.doc.text).contains(needle)))
    {
        let line: Vec<String> = s
            .toks
            .iter()
            .map(|t| match t.ent {
                Some(e) => format!("[{}|{}{}]", t.lower, e.kind, if e.state { "*" } else { "" }),
                None => format!("{}/{:?}", t.lower, t.tag),
            })
            .collect();
        println!("{}: {}", s.idx, line.join(" "));
        let mut seen = Vec::new();
        for e in s.toks.iter().filter_map(|t| t.ent) {
            if !seen.contains(&e.local) {
                seen.push(e.local);
                let le = &local.entities[e.local as usize];
                let name = le.names.first().map_or("", |n| n.surface.as_str());
                println!("    entity {} {} {:?}", name, le.kind, le.kind_counts);
            }
        }
        for (a, b, cue) in claims::rules::cues_in(&s.toks) {
            println!(
                "    cue {}..{} {} {:?} (line {})",
                a, b, cue.predicate, cue.class, cue.line
            );
        }
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

fn write_outputs(
    dir: &Path,
    corpus: &resolve::Corpus,
    lines: &[serde_json::Value],
) -> std::io::Result<()> {
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
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("claims.jsonl"))?);
    for l in lines {
        writeln!(f, "{l}")?;
    }
    f.flush()
}
