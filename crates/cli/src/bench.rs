//! `proxymap bench`: generates corpora of varied articles from the project's own example
//! text, ingests each size in its own process, twice (the ingest stage alone with
//! `--text-only`, then the whole pipeline), and prints MB/s of input, words/s of extracted
//! text and the child's peak RSS.
//!
//! After each ingest, a second child process reads the documents back and measures the
//! mentions and resolve stages alone, then the claims stage alone (words/s of each, and
//! peak RSS), the figures their issues set.
//!
//! The articles are recombined from the sentences of `examples/corpus` with numbers and an
//! article id changed, so no two files share content and no hash check skips them. Each
//! run checks that it got back exactly the documents it generated, so a fast but wrong
//! change fails the bench.

use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of `proxymap bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Corpus sizes to generate and ingest, each in its own process (K, M or G suffixes).
    #[arg(long, value_delimiter = ',', default_values = ["10M", "100M", "1G"], value_parser = crate::parse_size)]
    sizes: Vec<u64>,
    /// Input shapes to measure.
    #[arg(long, value_delimiter = ',', default_values = ["text", "html"])]
    shapes: Vec<Shape>,
    /// Where the corpora and databases go (a temporary folder under it is removed after).
    #[arg(long, default_value = "target/bench")]
    dir: PathBuf,
    /// The example text the articles are made from.
    #[arg(long, default_value = "examples/corpus")]
    from: PathBuf,
    /// Worker threads for the ingest (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Also run the whole pipeline (and the stages alone) on corpora up to this size; the
    /// ingest stage alone runs at every size.
    #[arg(long, default_value = "100M", value_parser = crate::parse_size)]
    pipeline_max: u64,
    /// Keep the generated corpora and databases.
    #[arg(long)]
    keep: bool,
    /// Internal: measure the mentions and resolve stages alone over the documents of
    /// this database, and print the figures as JSON (the bench runs itself so).
    #[arg(long, hide = true)]
    stages_of: Option<PathBuf>,
}

/// The shape of the generated files.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Shape {
    /// Plain text articles.
    Text,
    /// HTML pages with head, scripts, navigation and comments around the article.
    Html,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Text => "text",
            Shape::Html => "html",
        }
    }
}

/// One ingest measured.
struct Measure {
    input_bytes: u64,
    documents: u64,
    words: u64,
    seconds: f64,
    peak_rss: u64,
}

/// Runs every size and shape asked for and prints one line each.
pub fn run(args: &BenchArgs) -> Result<()> {
    if let Some(db) = &args.stages_of {
        return measure_stages(db, args.threads);
    }
    let sentences = load_sentences(&args.from)?;
    let exe = std::env::current_exe().context("finding the proxymap binary to run")?;
    println!("{}", machine_line());
    for &size in &args.sizes {
        for &shape in &args.shapes {
            let work = args
                .dir
                .join(format!("{}-{}", shape.name(), human_bytes(size)));
            ensure_free_space(&args.dir, size)?;
            if work.exists() {
                std::fs::remove_dir_all(&work)
                    .with_context(|| format!("clearing {}", work.display()))?;
            }
            let corpus = work.join("corpus");
            let n_articles = generate(&corpus, shape, size, &sentences)?;
            let runs: &[(&str, bool)] = if size <= args.pipeline_max {
                &[("ingest", true), ("pipeline", false)]
            } else {
                &[("ingest", true)]
            };
            for &(label, text_only) in runs {
                let db = work.join(format!("{label}.db"));
                let measure = ingest_in_child(&exe, &corpus, &db, args.threads, text_only)?;
                if measure.documents != n_articles {
                    bail!(
                        "bench {} {}: {label} found {} documents in {} generated articles",
                        shape.name(),
                        human_bytes(size),
                        measure.documents,
                        n_articles
                    );
                }
                print_line(label, shape, size, &measure);
            }
            if size <= args.pipeline_max {
                let stages = stages_in_child(&exe, &work.join("pipeline.db"), args.threads)?;
                print_stages_line(shape, size, &stages);
            }
            if !args.keep {
                std::fs::remove_dir_all(&work)
                    .with_context(|| format!("removing {}", work.display()))?;
            }
        }
    }
    Ok(())
}

/// One line per measured ingest: `ingest` for the ingest stage alone (`--text-only`),
/// `pipeline` for every stage.
fn print_line(label: &str, shape: Shape, size: u64, m: &Measure) {
    let mb = m.input_bytes as f64 / 1e6;
    println!(
        "{label:<8} {:<4} {:>6}: {:>8} docs {:>11} words  {:>7.2} s  {:>7.1} MB/s input  {:>9.0} words/s  peak RSS {:.0} MiB",
        shape.name(),
        human_bytes(size),
        m.documents,
        m.words,
        m.seconds,
        mb / m.seconds.max(1e-9),
        m.words as f64 / m.seconds.max(1e-9),
        m.peak_rss as f64 / f64::from(1 << 20)
    );
}

fn print_stages_line(shape: Shape, size: u64, m: &Stages) {
    let per_second = |seconds: f64| m.words as f64 / seconds.max(1e-9);
    println!(
        "stages   {:<4} {:>6}: {:>8} docs {:>11} words  {:>7.2} s  mentions+resolve {:>9.0} words/s  claims {:>9.0} words/s  peak RSS {:.0} MiB",
        shape.name(),
        human_bytes(size),
        m.documents,
        m.words,
        m.seconds + m.claims_seconds,
        per_second(m.seconds),
        per_second(m.claims_seconds),
        m.peak_rss as f64 / f64::from(1 << 20)
    );
}

/// What the stages alone took: mentions and resolution, and the claims stage apart.
struct Stages {
    documents: u64,
    words: u64,
    seconds: f64,
    claims_seconds: f64,
    peak_rss: u64,
}

/// Runs `proxymap bench --stages-of DB` in a child process, so that its peak RSS is the
/// stages' own.
fn stages_in_child(exe: &Path, db: &Path, threads: usize) -> Result<Stages> {
    let output = std::process::Command::new(exe)
        .arg("bench")
        .arg("--stages-of")
        .arg(db)
        .arg("--threads")
        .arg(threads.to_string())
        .output()
        .context("starting proxymap bench --stages-of")?;
    if !output.status.success() {
        bail!(
            "measuring the stages on {} failed: {}",
            db.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let v: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("reading the stages' JSON figures")?;
    let field = |k: &str| v.get(k).and_then(|v| v.as_u64()).unwrap_or(0);
    let seconds = |k: &str| v.get(k).and_then(|s| s.as_f64()).unwrap_or(0.0);
    Ok(Stages {
        documents: field("documents"),
        words: field("words"),
        seconds: seconds("seconds"),
        claims_seconds: seconds("claims_seconds"),
        peak_rss: field("peak_rss_bytes"),
    })
}

/// Reads the documents of `db` a chunk at a time (not timed) and times, on `threads`
/// threads, mentions and within-document resolution on each chunk, then the claims
/// stage on the same chunk (a pass of its own, so that each has its wall time), then
/// the corpus resolution over all of them (streamed through a `CorpusBuilder`, as
/// ingest does); prints the figures as one JSON object. Memory holds one chunk.
fn measure_stages(db: &Path, threads: usize) -> Result<()> {
    const CHUNK: usize = 512;
    let store = store::Store::open_existing(db)?;
    let kb = kb::Kb::builtin_ref();
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let mut builder = resolve::CorpusBuilder::default();
    let (mut words, mut n_docs, mut n_claims) = (0u64, 0u64, 0u64);
    let (mut resolving, mut claiming) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let mut chunk: Vec<model::Document> = Vec::with_capacity(CHUNK);
    let mut run_chunk = |chunk: &mut Vec<model::Document>, builder: &mut resolve::CorpusBuilder| {
        let started = Instant::now();
        let found = in_parallel(chunk, threads, |_, doc| {
            let mentions = mentions::find(doc, kb);
            let local = resolve::within_document(doc, &mentions, kb);
            (mentions, local)
        });
        resolving += started.elapsed();
        let started = Instant::now();
        let claims = in_parallel(chunk, threads, |i, doc| {
            let (mentions, local) = &found[i];
            claims::extract(doc, mentions, local, kb).len() as u64
        });
        claiming += started.elapsed();
        n_claims += claims.iter().sum::<u64>();
        for (_, local) in &found {
            builder.add(local);
        }
        words += chunk.iter().map(|d| d.n_words() as u64).sum::<u64>();
        n_docs += chunk.len() as u64;
        chunk.clear();
    };
    store.for_each_document(|_, d| {
        chunk.push(d.clone());
        if chunk.len() == CHUNK {
            run_chunk(&mut chunk, &mut builder);
        }
        Ok(())
    })?;
    run_chunk(&mut chunk, &mut builder);
    let started = Instant::now();
    let corpus = builder.build(kb);
    resolving += started.elapsed();
    let json = serde_json::json!({
        "documents": n_docs,
        "words": words,
        "entities": corpus.entities.len(),
        "claims": n_claims,
        "seconds": resolving.as_secs_f64(),
        "claims_seconds": claiming.as_secs_f64(),
        "peak_rss_bytes": crate::rss::peak_rss_bytes(),
    });
    println!("{json}");
    Ok(())
}

/// `f` applied to every document of `docs` (and its index) on `threads` threads; the
/// results in order.
fn in_parallel<T: Send>(
    docs: &[model::Document],
    threads: usize,
    f: impl Fn(usize, &model::Document) -> T + Sync,
) -> Vec<T> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(doc) = docs.get(i) else { break };
                        out.push((i, f(i, doc)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, t)| t).collect()
}

fn machine_line() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown cpu".to_string());
    format!(
        "machine: {cores} cores, {cpu}; proxymap {}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Sentences of the example corpus's article bodies, the material every generated article
/// is made from. The files are read as an ingest reads them, and only body paragraphs
/// count, so headlines, bylines and credit lines never land inside a generated body.
fn load_sentences(from: &Path) -> Result<Vec<String>> {
    let mut sentences = Vec::new();
    let entries = walk_files(from).with_context(|| {
        format!(
            "reading the example text in {} (run from the repository, or pass --from)",
            from.display()
        )
    })?;
    let limits = ingest::Limits::default();
    for path in entries {
        let Ok(records) = ingest::open_path(&path, &limits) else {
            continue;
        };
        for record in records.flatten() {
            for doc in text::split_record(&record).0 {
                for sentence in &doc.sentences {
                    let role = doc.paragraphs[sentence.paragraph_idx as usize].role;
                    let s = sentence.span.slice(&doc.text);
                    if role == model::ParagraphRole::Body && is_prose(s) {
                        sentences.push(s.replace('\n', " "));
                    }
                }
            }
        }
    }
    if sentences.len() < 50 {
        bail!(
            "{} holds only {} sentences of prose: the bench needs the example corpus",
            from.display(),
            sentences.len()
        );
    }
    Ok(sentences)
}

/// Whether a sentence is plain prose worth reusing: six words or more, opening with a
/// capital letter, no markup.
fn is_prose(s: &str) -> bool {
    s.split_whitespace().count() >= 6
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.contains(['<', '>', '{', '}', '#', '*', '[', ']', '|', '='])
}

fn walk_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A small deterministic generator (xorshift64*), so every run makes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes articles into `dir` until they reach `size` bytes; returns how many.
fn generate(dir: &Path, shape: Shape, size: u64, sentences: &[String]) -> Result<u64> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ size);
    let mut written = 0u64;
    let mut n = 0u64;
    while written < size {
        let sub = dir.join(format!("{:03}", n / 1000));
        if n.is_multiple_of(1000) {
            std::fs::create_dir_all(&sub).with_context(|| format!("creating {}", sub.display()))?;
        }
        let article = article(&mut rng, n, sentences);
        let (name, body) = match shape {
            Shape::Text => (format!("{n:07}.txt"), article.as_text()),
            Shape::Html => (format!("{n:07}.html"), article.as_html()),
        };
        let path = sub.join(name);
        std::fs::write(&path, &body).with_context(|| format!("writing {}", path.display()))?;
        written += body.len() as u64;
        n += 1;
    }
    Ok(n)
}

/// A generated article.
struct Article {
    title: String,
    date: String,
    author: String,
    paragraphs: Vec<String>,
}

fn article(rng: &mut Rng, id: u64, sentences: &[String]) -> Article {
    let pick = |rng: &mut Rng| sentences[rng.below(sentences.len())].clone();
    let title_words: Vec<String> = pick(rng)
        .split_whitespace()
        .take(8)
        .map(|w| w.trim_end_matches(['.', ',', ';', ':']).to_string())
        .collect();
    let title = format!("{} (report {id})", title_words.join(" "));
    let date = format!(
        "{} {}, {}",
        MONTHS[rng.below(12)],
        1 + rng.below(28),
        2000 + rng.below(25)
    );
    let author = format!("Correspondent {}", 1 + rng.below(400));
    let n_paragraphs = 8 + rng.below(25);
    let paragraphs = (0..n_paragraphs)
        .map(|p| {
            let n_sentences = 2 + rng.below(5);
            let mut para = String::new();
            for s in 0..n_sentences {
                if s > 0 {
                    para.push(' ');
                }
                para.push_str(&vary(&pick(rng), rng));
            }
            if p == 0 {
                let _ = write!(para, " Filed as dispatch {id}.");
            }
            para
        })
        .collect();
    Article {
        title,
        date,
        author,
        paragraphs,
    }
}

/// Replaces each number in a sentence with another, so recombined sentences differ.
fn vary(sentence: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(sentence.len() + 8);
    let mut in_number = false;
    for c in sentence.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                let _ = write!(out, "{}", 2 + rng.below(480));
                in_number = true;
            }
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

impl Article {
    fn as_text(&self) -> String {
        let mut s = format!("{}\n\nBy {}\n\n{}\n\n", self.title, self.author, self.date);
        for p in &self.paragraphs {
            s.push_str(p);
            s.push_str("\n\n");
        }
        s
    }

    fn as_html(&self) -> String {
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut s = format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <title>{t} | Bench Gazette</title>\
             <meta property=\"og:site_name\" content=\"Bench Gazette\">\
             <style>body {{ font: 16px serif; }} .nav a {{ color: #333; }}</style>\
             <script>window.dataLayer = [{{ \"page\": \"article\" }}];</script></head>\n\
             <body><nav class=\"nav\"><a href=\"/\">Home</a> <a href=\"/world\">World</a> \
             <a href=\"/about\">About</a></nav>\n<article><h1>{t}</h1>\
             <p class=\"byline\">By {a}</p><p class=\"date\">{d}</p>\n",
            t = esc(&self.title),
            a = esc(&self.author),
            d = esc(&self.date)
        );
        for p in &self.paragraphs {
            let _ = writeln!(s, "<p>{}</p>", esc(p));
        }
        s.push_str(
            "</article>\n<aside><h2>Related</h2><ul><li><a href=\"/a\">More</a></li></ul></aside>\
             <!-- comments --><footer>&copy; Bench Gazette</footer>\
             <script>console.log(\"done\");</script></body></html>\n",
        );
        s
    }
}

/// Runs `proxymap ingest` on `corpus` in a child process and measures it.
fn ingest_in_child(
    exe: &Path,
    corpus: &Path,
    db: &Path,
    threads: usize,
    text_only: bool,
) -> Result<Measure> {
    let started = Instant::now();
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("ingest");
    if text_only {
        cmd.arg("--text-only");
    }
    let child = cmd
        .arg(corpus)
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .arg("--json-summary")
        .arg("--threads")
        .arg(threads.to_string())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("starting proxymap ingest")?;
    let output = child
        .wait_with_output()
        .context("waiting for proxymap ingest")?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        bail!(
            "proxymap ingest {} failed: {}",
            corpus.display(),
            output.status
        );
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("reading the ingest's JSON summary")?;
    let field = |k: &str| summary.get(k).and_then(|v| v.as_u64()).unwrap_or(0);
    Ok(Measure {
        input_bytes: field("input_bytes"),
        documents: field("documents"),
        words: field("words"),
        seconds,
        peak_rss: field("peak_rss_bytes"),
    })
}

/// Fails unless the disk holding `dir` has room for a corpus of `size` and its database.
fn ensure_free_space(dir: &Path, size: u64) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let free =
        free_bytes(dir).with_context(|| format!("checking free space in {}", dir.display()))?;
    let need = size.saturating_mul(4);
    if free < need {
        bail!(
            "{} has {} free; a {} corpus needs about {}: free space or pass a smaller --sizes",
            dir.display(),
            human_bytes(free),
            human_bytes(size),
            human_bytes(need)
        );
    }
    Ok(())
}

fn free_bytes(dir: &Path) -> Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes())?;
    // SAFETY: statvfs writes into the zeroed struct; `c` is a valid C string.
    let st = unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        if libc::statvfs(c.as_ptr(), &mut st) != 0 {
            return Err(std::io::Error::last_os_error().into());
        }
        st
    };
    Ok(st.f_bavail as u64 * st.f_frsize as u64)
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n.is_multiple_of(1 << 30) => format!("{}G", n >> 30),
        n if n >= 1 << 20 && n.is_multiple_of(1 << 20) => format!("{}M", n >> 20),
        n if n >= 1 << 30 => format!("{:.1}G", n as f64 / f64::from(1 << 30)),
        n if n >= 1 << 20 => format!("{:.1}M", n as f64 / f64::from(1 << 20)),
        n => format!("{n}B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_varied_and_words_kept() {
        let mut rng = Rng(7);
        let out = vary("At least 40 fighters and 3 officers", &mut rng);
        assert!(out.starts_with("At least "));
        assert!(out.ends_with(" officers"));
        assert_eq!(out.split_whitespace().count(), 7);
    }

    #[test]
    fn sizes_print_short() {
        assert_eq!(human_bytes(10 << 20), "10M");
        assert_eq!(human_bytes(1 << 30), "1G");
    }
}
