//! Reads input files through `ingest` and `text`, and prints the reprints and repeated
//! paragraphs the dedup stage finds, then a benchmark line.
//!
//! ```text
//! cargo run --release -p dedup --example dedup_eval -- \
//!     [--repeat N] [--threads N] [--verify] [--audit] PATH...
//! ```
//!
//! A path may be a file or a folder (its files, sorted, not recursive). Each document is
//! keyed by (file, position among the file's documents). Output, tab-separated, to stdout:
//!
//! ```text
//! reprint  FILE#DOC "title"  FILE#DOC "title"  estimated  exact
//! repeat   FILE#DOC:PARA     FILE#DOC:PARA     estimated  exact  containment  first words
//! ```
//!
//! `--verify` re-checks every link exactly on the texts (`Dedup::verify`) before
//! printing, so the estimated column shows exact figures and links only the estimate
//! passed are gone.
//!
//! `--audit` also compares every pair of sketched paragraphs of different documents
//! exactly (quadratic: small inputs only) and prints each pair sharing at least a fifth
//! of either's shingles, later paragraph first: `found` when the index linked them
//! (directly or through one canonical occurrence), `missed` when the exact figures pass
//! the thresholds but the index did not link them, `apart` otherwise:
//!
//! ```text
//! audit  found|missed|apart  LATER  EARLIER  exact-jaccard  exact-containment-of-later
//! ```
//!
//! The benchmark line on stderr times signatures and the index over the documents read,
//! `--repeat N` times (the index then holds N copies of each document, the worst case
//! for its buckets), on `--threads N` worker threads (default 1), each signing its share
//! into an index of its own; the indexes are then merged and finished.
//!
//! A file that cannot be read is reported on stderr as `path: cause` and skipped; the
//! exit code is then 1.

use dedup::{DocumentLinks, Input};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// A document's key: its file and its position among the documents of all the file's
/// records (`Document::index` counts within one record).
type Key = (String, u32);

struct Args {
    paths: Vec<PathBuf>,
    repeat: usize,
    threads: usize,
    verify: bool,
    audit: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        paths: Vec::new(),
        repeat: 1,
        threads: 1,
        verify: false,
        audit: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--repeat" => {
                let n = it.next().ok_or("--repeat needs a number")?;
                args.repeat = n
                    .parse()
                    .map_err(|_| format!("--repeat: not a number: {n}"))?;
            }
            "--audit" => args.audit = true,
            "--threads" => {
                let n = it.next().ok_or("--threads needs a number")?;
                args.threads = n
                    .parse()
                    .map_err(|_| format!("--threads: not a number: {n}"))?;
            }
            "--verify" => args.verify = true,
            _ => args.paths.push(a.into()),
        }
    }
    if args.paths.is_empty() {
        return Err(
            "usage: dedup_eval [--repeat N] [--threads N] [--verify] [--audit] PATH...".into(),
        );
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
    let mut failed = false;
    let mut docs: Vec<(Key, model::Document)> = Vec::new();
    for path in files(&args.paths) {
        match read(&path) {
            Ok(d) => {
                let name = path.display().to_string();
                let keyed = d.into_iter().enumerate();
                docs.extend(keyed.map(|(i, doc)| ((name.clone(), i as u32), doc)));
            }
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failed = true;
            }
        }
    }
    let mut links = link(&docs);
    if args.verify {
        links.verify(|key| {
            docs.iter()
                .find(|(k, _)| k == key)
                .map(|(_, d)| Input::from(d))
        });
    }
    let _ = print_links(&docs, &links);
    if args.audit {
        let _ = audit(&docs, &links);
    }
    bench(&docs, args.repeat.max(1), args.threads.max(1));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The files of `paths`: files as given, folders as their files, sorted.
fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut inner: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file())
                    .collect();
                inner.sort();
                out.extend(inner);
            }
            Err(_) => out.push(path.clone()),
        }
    }
    out
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

fn link(docs: &[(Key, model::Document)]) -> dedup::Dedup<Key> {
    let mut index = dedup::Index::new();
    for (key, doc) in docs {
        index.add(key.clone(), dedup::signatures(&Input::from(doc)));
    }
    index.finish()
}

fn print_links(docs: &[(Key, model::Document)], links: &dedup::Dedup<Key>) -> std::io::Result<()> {
    let find = |key: &Key| docs.iter().find(|(k, _)| k == key).map(|(_, d)| d);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for d in links.documents() {
        let Some(doc) = find(&d.key) else { continue };
        if let Some(r) = &d.reprint_of {
            let Some(first) = find(&r.canonical) else {
                continue;
            };
            let exact = dedup::document_jaccard(&Input::from(doc), &Input::from(first));
            writeln!(
                out,
                "reprint\t{} {:?}\t{} {:?}\t{:.2}\t{exact:.2}",
                name(&d.key),
                clean(doc.meta.title.as_deref().unwrap_or("")),
                name(&r.canonical),
                clean(first.meta.title.as_deref().unwrap_or("")),
                r.similarity,
            )?;
        }
        print_repeats(&mut out, d, doc, &find)?;
    }
    writeln!(
        out,
        "# {} documents, {} reprints, {} repeated paragraphs",
        links.documents().len(),
        links.n_reprints(),
        links.n_repeats()
    )
}

fn print_repeats<'a>(
    out: &mut impl Write,
    d: &DocumentLinks<Key>,
    doc: &model::Document,
    find: &impl Fn(&Key) -> Option<&'a model::Document>,
) -> std::io::Result<()> {
    for p in &d.repeats {
        let Some(first) = find(&p.canonical) else {
            continue;
        };
        let text = paragraph(doc, p.paragraph_idx);
        let exact = dedup::text_jaccard(text, paragraph(first, p.canonical_paragraph_idx));
        let head: String = text
            .split_whitespace()
            .take(10)
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(
            out,
            "repeat\t{}:{}\t{}:{}\t{:.2}\t{exact:.2}\t{:.2}\t{}",
            name(&d.key),
            p.paragraph_idx,
            name(&p.canonical),
            p.canonical_paragraph_idx,
            p.similarity,
            p.containment,
            clean(&head)
        )?;
    }
    Ok(())
}

fn paragraph(doc: &model::Document, idx: u32) -> &str {
    doc.paragraphs
        .get(idx as usize)
        .and_then(|p| doc.text.get(p.span.range()))
        .unwrap_or("")
}

fn name(key: &Key) -> String {
    let file = Path::new(&key.0)
        .file_name()
        .map_or(key.0.clone(), |n| n.to_string_lossy().into_owned());
    format!("{}#{}", clean(&file), key.1)
}

/// Article text with control characters made visible, safe for a terminal.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// The documents to sign in a benchmark pass: every document, `repeat` times over.
type Work<'a> = Vec<((usize, Key), &'a model::Document)>;

/// Signs `work` and fills an index with it, on one thread; returns the index and the
/// sketched paragraphs and encoded bytes it signed.
fn sign(work: Work<'_>) -> (dedup::Index<(usize, Key)>, usize, usize) {
    let mut index = dedup::Index::new();
    let (mut n_paragraphs, mut n_bytes) = (0, 0);
    for (key, doc) in work {
        let sigs = dedup::signatures(&Input::from(doc));
        n_paragraphs += sigs.sketched_paragraphs().count();
        n_bytes += sigs.encode().len();
        index.add(key, sigs);
    }
    (index, n_paragraphs, n_bytes)
}

fn bench(docs: &[(Key, model::Document)], repeat: usize, threads: usize) {
    let n_words: usize = docs.iter().map(|(_, d)| d.n_words()).sum::<usize>() * repeat;
    let n_docs = docs.len() * repeat;
    let mut shares: Vec<Work> = (0..threads).map(|_| Vec::new()).collect();
    for r in 0..repeat {
        for (i, (key, doc)) in docs.iter().enumerate() {
            shares[(r * docs.len() + i) % threads].push(((r, key.clone()), doc));
        }
    }
    let t0 = Instant::now();
    let signed: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || sign(share)))
            .collect();
        workers.into_iter().filter_map(|w| w.join().ok()).collect()
    });
    let signing = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut index = dedup::Index::new();
    let (mut n_paragraphs, mut n_bytes) = (0, 0);
    for (part, paragraphs, bytes) in signed {
        index.merge(part);
        n_paragraphs += paragraphs;
        n_bytes += bytes;
    }
    let links = index.finish();
    let indexing = t1.elapsed().as_secs_f64();
    let total = (signing + indexing).max(1e-9);
    eprintln!(
        "dedup  {threads} threads  {n_docs} docs  {n_words} words  {n_paragraphs} sketched \
         paragraphs  {n_bytes} bytes encoded  sign+encode {signing:.3} s  index {indexing:.3} s  \
         {:.0} words/s  {:.0} docs/s  ({} reprints, {} repeats)",
        n_words as f64 / total,
        n_docs as f64 / total,
        links.n_reprints(),
        links.n_repeats(),
    );
}

/// One sketched paragraph for the audit: where it is, when, and its exact shingle set.
struct Passage<'a> {
    key: &'a Key,
    date: Option<model::Date>,
    idx: u32,
    shingles: HashSet<u64>,
}

impl Passage<'_> {
    /// The order the index ranks documents in: dated before undated, date, key.
    fn rank(&self) -> (bool, Option<model::Date>, &Key) {
        (self.date.is_none(), self.date, self.key)
    }
}

fn passages(docs: &[(Key, model::Document)]) -> Vec<Passage<'_>> {
    let mut out = Vec::new();
    for (key, doc) in docs {
        let sigs = dedup::signatures(&Input::from(doc));
        for idx in sigs.sketched_paragraphs() {
            let shingles = dedup::shingles(paragraph(doc, idx)).collect();
            let date = doc.meta.date;
            out.push(Passage {
                key,
                date,
                idx,
                shingles,
            });
        }
    }
    out
}

/// Where a paragraph's link leads, or the paragraph itself when it has none.
fn canonical<'a>(links: &'a dedup::Dedup<Key>, p: &'a Passage) -> (&'a Key, u32) {
    links
        .get(p.key)
        .and_then(|d| d.paragraph(p.idx))
        .map_or((p.key, p.idx), |l| {
            (&l.canonical, l.canonical_paragraph_idx)
        })
}

/// Compares every pair of passages of different documents exactly; prints the pairs that
/// share a fifth of either's shingles with what the index made of them: `found` (linked,
/// directly or through one canonical occurrence), `missed` (the exact figures pass the
/// thresholds, the index did not link them) or `apart` (neither linked nor passing).
fn audit(docs: &[(Key, model::Document)], links: &dedup::Dedup<Key>) -> std::io::Result<()> {
    let all = passages(docs);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, a) in all.iter().enumerate() {
        for b in all[i + 1..].iter().filter(|b| b.key != a.key) {
            let (earlier, later) = if a.rank() <= b.rank() { (a, b) } else { (b, a) };
            let both = a.shingles.intersection(&b.shingles).count() as f64;
            let union = (a.shingles.len() + b.shingles.len()) as f64 - both;
            let jaccard = both / union.max(1.0);
            let contained = both / later.shingles.len().max(1) as f64;
            let smaller = a.shingles.len().min(b.shingles.len()).max(1) as f64;
            if both / smaller < 0.2 {
                continue;
            }
            let passes = jaccard >= f64::from(dedup::PARA_THRESHOLD)
                || (jaccard >= f64::from(dedup::PARA_CONTAINMENT_MIN_JACCARD)
                    && contained >= f64::from(dedup::PARA_CONTAINMENT));
            let linked = canonical(links, later) == canonical(links, earlier);
            let verdict = match (linked, passes) {
                (true, _) => "found",
                (false, true) => "missed",
                (false, false) => "apart",
            };
            writeln!(
                out,
                "audit\t{verdict}\t{}:{}\t{}:{}\t{jaccard:.2}\t{contained:.2}",
                name(later.key),
                later.idx,
                name(earlier.key),
                earlier.idx,
            )?;
        }
    }
    Ok(())
}
