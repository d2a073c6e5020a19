//! Splits input files into documents and prints one JSON line per document, in the shape
//! the evaluation reads (`shared/eval/FORMAT.md`, `documents.jsonl`).
//!
//! ```text
//! cargo run -q -p text --example split_pages -- FILE... > documents.jsonl
//! ```
//!
//! Files are read by `ingest` as the pipeline reads them (text, Markdown, HTML, JSON,
//! JSON Lines, WARC, gzip), so a page's record hints reach the splitter; documents are
//! numbered across a file's records, as the store numbers them.
//!
//! With `--roles` first, it prints each document's paragraphs instead, one line each:
//! the document index, the role and the paragraph's opening, for looking a split over.
//! With `--records` first, it prints what the reader hands the splitter: each record's
//! metadata hints and its text, before any splitting.
//!
//! A file or record that cannot be read is reported on stderr as `path: cause` and
//! skipped; the exit code is then 1.

use ingest::{open_path, Limits};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// How many words of the first body paragraph `starts_with` keeps.
const STARTS_WITH_WORDS: usize = 12;

/// What the example prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One `documents.jsonl` line per document.
    Documents,
    /// One line per paragraph of each document, with its role.
    Roles,
    /// Each record's metadata and text, as the reader gives them.
    Records,
}

fn main() -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.first().map(String::as_str) {
        Some("--roles") => Mode::Roles,
        Some("--records") => Mode::Records,
        _ => Mode::Documents,
    };
    if mode != Mode::Documents {
        args.remove(0);
    }
    for arg in args {
        let path = Path::new(&arg);
        let records = match open_path(path, &Limits::default()) {
            Ok(records) => records,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut index = 0u32;
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    eprintln!("{e}");
                    failed = true;
                    continue;
                }
            };
            let (mut documents, diagnostics) = text::split_record(&record);
            for d in record.diagnostics.iter().chain(&diagnostics) {
                eprintln!("{}: {d}", path.display());
            }
            for doc in &mut documents {
                doc.index = index;
                index += 1;
            }
            let written = match mode {
                Mode::Documents => print_documents(&mut out, &file, &documents),
                Mode::Roles => print_roles(&mut out, &file, &documents),
                Mode::Records => print_record(&mut out, &file, &record),
            };
            if written.is_err() {
                return ExitCode::SUCCESS; // broken pipe: stop quietly
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One `documents.jsonl` line per document.
fn print_documents(
    out: &mut impl Write,
    file: &str,
    documents: &[model::Document],
) -> std::io::Result<()> {
    for doc in documents {
        let meta = &doc.meta;
        let line = json!({
            "file": file,
            "index": doc.index,
            "title": meta.title.clone().unwrap_or_default(),
            "outlet": meta.outlet.clone().unwrap_or_default(),
            "author": meta.author.clone().unwrap_or_default(),
            "date": meta.date.map(|d| d.to_string()).unwrap_or_default(),
            "starts_with": doc.starts_with(STARTS_WITH_WORDS),
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// One line per paragraph: file, document index, role, the paragraph's first words.
fn print_roles(
    out: &mut impl Write,
    file: &str,
    documents: &[model::Document],
) -> std::io::Result<()> {
    for doc in documents {
        for p in &doc.paragraphs {
            let words: Vec<&str> = p
                .span
                .slice(&doc.text)
                .split_whitespace()
                .take(10)
                .collect();
            writeln!(
                out,
                "{file} #{} {:<9} {}",
                doc.index,
                p.role.name(),
                words.join(" ")
            )?;
        }
    }
    Ok(())
}

/// A record's locator, authority and metadata hints, then its text.
fn print_record(out: &mut impl Write, file: &str, record: &model::Record) -> std::io::Result<()> {
    let m = &record.meta;
    let line = json!({
        "authority": format!("{:?}", record.authority),
        "title": m.title,
        "outlet": m.outlet,
        "authors": m.authors,
        "date": m.date.map(|d| d.to_string()),
        "url": m.url,
    });
    writeln!(out, "== {file} {} {line}", record.locator)?;
    writeln!(out, "{}", record.text)
}
