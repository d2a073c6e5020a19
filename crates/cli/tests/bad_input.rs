//! Bad input, one test each: a clear line on stderr naming the file, and the rest of the
//! run goes on.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;

const GOOD: &str =
    "The river town was quiet.\n\nBrig. Gen. Tamsin Vale commands the garrison there.\n";

/// Ingests a folder holding one good file and `name` with `bytes`; returns the output.
fn ingest_beside_good(
    name: &str,
    bytes: &[u8],
    extra: &[&str],
) -> (std::process::Output, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
    let out = ingest(&[&dir], &tmp.path().join("x.db"), extra);
    (out, tmp)
}

/// Lines of stderr that name `name`.
fn lines_naming(out: &std::process::Output, name: &str) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.contains(name))
        .map(str::to_string)
        .collect()
}

fn documents_in(tmp: &Path) -> usize {
    export_documents(&tmp.join("x.db"), &tmp.join("out")).len()
}

#[test]
fn binary_file_fails_alone() {
    let bytes: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    let (out, tmp) = ingest_beside_good("blob.bin", &bytes, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(lines_naming(&out, "blob.bin").len(), 1, "{}", stderr(&out));
    assert!(
        summary_line(&out).contains("1 read"),
        "{}",
        summary_line(&out)
    );
    assert_eq!(documents_in(tmp.path()), 1);
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let mut bytes = b"The envoy said \x93we will return\x94 to the talks.\n".to_vec();
    bytes.extend_from_slice(b"\nIt was the caf\xe9 by the bridge.\n");
    let (out, tmp) = ingest_beside_good("latin.txt", &bytes, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warnings = lines_naming(&out, "latin.txt");
    assert_eq!(warnings.len(), 1, "{}", stderr(&out));
    assert!(warnings[0].starts_with("warning:"), "{}", warnings[0]);
    let docs = export_documents(&tmp.path().join("x.db"), &tmp.path().join("out"));
    let text = serde_json::to_string(&docs).unwrap();
    assert!(
        text.contains("\u{201c}we will return\u{201d}") || text.contains("caf\u{e9}"),
        "{text}"
    );
}

#[test]
fn empty_file_reads_as_nothing() {
    let (out, tmp) = ingest_beside_good("empty.txt", b"", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(documents_in(tmp.path()), 1);
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let big = "word ".repeat(1000);
    let (out, tmp) = ingest_beside_good("big.txt", big.as_bytes(), &["--max-size", "1K"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = lines_naming(&out, "big.txt");
    assert_eq!(lines.len(), 1, "{}", stderr(&out));
    assert!(lines[0].contains("--max-size"), "{}", lines[0]);
    assert_eq!(documents_in(tmp.path()), 1);
}

#[test]
fn record_over_the_size_limit_loses_only_that_record() {
    let long = "x".repeat(3000);
    let jsonl = format!(
        "{{\"title\": \"Short one\", \"text\": \"A short wire story about the port.\"}}\n{{\"title\": \"Long one\", \"text\": \"{long}\"}}\n{{\"title\": \"Third\", \"text\": \"Another short story about the hills.\"}}\n"
    );
    let (out, tmp) = ingest_beside_good("wires.jsonl", jsonl.as_bytes(), &["--max-size", "2K"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = lines_naming(&out, "wires.jsonl");
    assert_eq!(lines.len(), 1, "{}", stderr(&out));
    assert!(lines[0].contains("line 2"), "{}", lines[0]);
    assert_eq!(documents_in(tmp.path()), 3);
}

#[test]
fn unreadable_path_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("good.txt"), GOOD).unwrap();
    let missing = tmp.path().join("no-such-file.txt");
    let out = ingest(
        &[&tmp.path().join("good.txt"), &missing],
        &tmp.path().join("x.db"),
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        lines_naming(&out, "no-such-file.txt").len(),
        1,
        "{}",
        stderr(&out)
    );
    assert_eq!(documents_in(tmp.path()), 1);
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(gz, "{{\"title\": \"Story {i}\", \"text\": \"Dispatch number {i} from the delta towns, filed at dawn.\"}}").unwrap();
    }
    let bytes = gz.finish().unwrap();
    let cut = &bytes[..bytes.len() * 2 / 3];
    let (out, _tmp) = ingest_beside_good("wires.jsonl.gz", cut, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        lines_naming(&out, "wires.jsonl.gz").len(),
        1,
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_with_errors_is_read_and_reported_again() {
    let (first, tmp) = ingest_beside_good("blob.json", b"{ not json", &[]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let again = ingest(&[&tmp.path().join("in")], &tmp.path().join("x.db"), &[]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert_eq!(
        lines_naming(&again, "blob.json").len(),
        1,
        "{}",
        stderr(&again)
    );
    assert!(
        summary_line(&again).contains("1 unchanged"),
        "{}",
        summary_line(&again)
    );
}

#[test]
fn malformed_json_line_is_named_and_skipped() {
    let jsonl = "{\"title\": \"One\", \"text\": \"The first wire story.\"}\n{\"title\": \"Two\", \"text\": \n{\"title\": \"Three\", \"text\": \"The third wire story.\"}\n";
    let (out, tmp) = ingest_beside_good("wires.jsonl", jsonl.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = lines_naming(&out, "wires.jsonl");
    assert_eq!(lines.len(), 1, "{}", stderr(&out));
    assert!(lines[0].contains("line 2"), "{}", lines[0]);
    assert_eq!(documents_in(tmp.path()), 3);
}

#[test]
fn hostile_html_shows_no_script() {
    let html = b"<html><head><title>T</title><script>var secret = 'SCRIPTMARK';</script></head><body><p>Visible <b>text</b> &amp; more.<style>.x{}STYLEMARK</style><div><div><div><p>Deep</body>";
    let (out, tmp) = ingest_beside_good("page.html", html, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let db = tmp.path().join("x.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    let all: String = conn
        .query_row("SELECT group_concat(text, ' ') FROM documents", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(all.contains("Visible text & more."), "{all}");
    assert!(
        !all.contains("SCRIPTMARK") && !all.contains("STYLEMARK"),
        "{all}"
    );
}
