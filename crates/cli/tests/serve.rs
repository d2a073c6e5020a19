//! `proxymap search` and `proxymap serve` end to end on `examples/corpus`: search prints
//! hits with the matches marked and refuses a query without a word; serve listens on a
//! free port and answers the API and the page over a real connection.

mod common;

use common::{ingest, proxymap, run, stderr, workspace_root};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

fn examples_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("examples.db");
    let corpus = workspace_root().join("examples/corpus");
    let out = ingest(&[&corpus], &db, &["-q"]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    db
}

#[test]
fn search_prints_marked_hits_and_refuses_a_query_without_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let db = db.to_str().unwrap();
    let out = run(&["search", "--db", db, "Qasimi leads", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[Qasimi]"), "{text}");
    assert_eq!(text.lines().count(), 6, "{text}");
    let out = run(&["search", "--db", db, "brigades", "--json", "--limit", "2"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["document"]["path"].is_string());
    for hostile in ["\"NEAR(", "x OR", "x -a*", "'a\"b'"] {
        let out = run(&["search", "--db", db, hostile]);
        assert!(out.status.success(), "{hostile}: {}", stderr(&out));
    }
    let out = run(&["search", "--db", db, "\" * -"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no word"), "{}", stderr(&out));
}

/// `GET path` over a new connection: the status line, the headers and the body.
fn get(addr: &str, path: &str) -> (String, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let (status, headers) = head.split_once("\r\n").unwrap();
    (status.to_string(), headers.to_lowercase(), body.to_string())
}

#[test]
fn serve_answers_the_api_and_the_page_on_a_free_port() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let mut child = proxymap()
        .args([
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve says where it listens").unwrap();
        if let Some(rest) = line.split("on http://").nth(1) {
            break rest.trim_end_matches('/').to_string();
        }
    };
    let (status, headers, body) = get(&addr, "/api/edges?limit=2");
    let (page_status, page_headers, _) = get(&addr, "/");
    let (bad_status, _, bad_body) = get(&addr, "/api/edges?since=June");
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(status, "HTTP/1.1 200 OK", "{body}");
    assert!(headers.contains("content-type: application/json; charset=utf-8"));
    let edges: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(edges["edges"].as_array().unwrap().len(), 2);
    assert_eq!(page_status, "HTTP/1.1 200 OK");
    assert!(page_headers.contains("content-security-policy: default-src 'none'"));
    assert!(page_headers.contains("x-content-type-options: nosniff"));
    assert!(bad_status.starts_with("HTTP/1.1 400"), "{bad_status}");
    assert!(bad_body.contains("since"), "{bad_body}");
}
