//! Splits text files into documents and prints one JSON line per document, in the shape
//! the evaluation reads (`shared/eval/FORMAT.md`, `documents.jsonl`).
//!
//! ```text
//! cargo run -q -p text --example split_pages -- FILE... > documents.jsonl
//! ```
//!
//! With `--roles` first, it prints each document's paragraphs instead, one line each:
//! the document index, the role and the paragraph's opening, for looking a split over.
//!
//! A file that cannot be read is reported on stderr as `path: cause` and skipped; the
//! exit code is then 1.

use model::{Format, Record};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// How many words of the first body paragraph `starts_with` keeps.
const STARTS_WITH_WORDS: usize = 12;

fn main() -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let show_roles = args.first().is_some_and(|a| a == "--roles");
    if show_roles {
        args.remove(0);
    }
    for arg in args {
        let path = Path::new(&arg);
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (documents, diagnostics) = text::split_record(&Record::plain(Format::Text, text));
        for d in &diagnostics {
            eprintln!("{}: {d}", path.display());
        }
        if show_roles {
            if print_roles(&mut out, &file, &documents).is_err() {
                return ExitCode::SUCCESS;
            }
            continue;
        }
        for doc in &documents {
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
            if writeln!(out, "{line}").is_err() {
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
