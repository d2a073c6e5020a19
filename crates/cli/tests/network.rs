//! End to end, the network and its exports on `examples/corpus`: edges are counted in
//! the summary and `stats`, a reprinted article counts as one outlet, and every export
//! format is written whole and consistent with the others.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Ingests the examples into `dir/x.db`, checks the summary line, and returns the db.
fn ingest_examples(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("x.db");
    let corpus = workspace_root().join("examples/corpus");
    let out = ingest(&[&corpus], &db, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = summary_line(&out);
    assert!(line.contains(" edges (corpus step"), "{line}");
    db
}

/// Runs `proxymap export --format FORMAT` of `db` into `out`.
fn export(db: &Path, format: &str, out: &Path) {
    let o = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "export {format}: {}", stderr(&o));
}

/// The number `stats` prints on the line starting with `label`.
fn stat(db: &Path, label: &str) -> u64 {
    let o = run(&["stats", "--db", db.to_str().unwrap()]);
    let text = String::from_utf8(o.stdout).unwrap();
    text.lines()
        .find(|l| l.starts_with(label))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {label} in {text}"))
}

#[test]
fn a_reprinted_article_counts_as_one_outlet() {
    let tmp = tempfile::tempdir().unwrap();
    let db = ingest_examples(tmp.path());
    let out = tmp.path().join("out");
    export(&db, "jsonl", &out);
    let claims = read_jsonl(&out.join("network.jsonl"));
    assert!(!claims.is_empty());
    // wires.jsonl holds one wire story twice: first under harbordaily.example, then
    // reprinted by Al-Sawt.
    let docs = |pick: &dyn Fn(&Value) -> bool, key: &str| -> BTreeSet<i64> {
        claims
            .iter()
            .filter(|c| pick(c))
            .map(|c| {
                c[key]
                    .as_i64()
                    .or_else(|| c[key]["document_id"].as_i64())
                    .unwrap()
            })
            .collect()
    };
    let in_reprint = |c: &Value| c["file"] == "wires.jsonl" && c["outlet"] == "Al-Sawt";
    let reprint = docs(&in_reprint, "document_id");
    assert_eq!(reprint.len(), 1, "one reprint in wires.jsonl");
    let reprint = *reprint.first().unwrap();
    let first = docs(&in_reprint, "evidence_unit");
    assert_eq!(
        first.len(),
        1,
        "the reprint's claims stand in one first copy"
    );
    let first = *first.first().unwrap();
    assert!(
        claims
            .iter()
            .any(|c| c["document_id"] == first && c["outlet"] == "harbordaily.example"),
        "the first copy is harbordaily.example's"
    );
    let outlet_of: HashMap<i64, &str> = claims
        .iter()
        .map(|c| {
            (
                c["document_id"].as_i64().unwrap(),
                c["outlet"].as_str().unwrap(),
            )
        })
        .collect();
    let mut by_edge: HashMap<i64, Vec<&Value>> = HashMap::new();
    for c in &claims {
        by_edge
            .entry(c["edge"]["id"].as_i64().unwrap())
            .or_default()
            .push(c);
    }
    let mut reprint_left_out = 0;
    for c in claims.iter().filter(|c| c["document_id"] == reprint) {
        assert_eq!(c["evidence_unit"]["document_id"], first, "{c}");
        let edge = &by_edge[&c["edge"]["id"].as_i64().unwrap()];
        assert!(
            edge.iter()
                .any(|o| o["document_id"] == first && o["evidence_unit"] == c["evidence_unit"]),
            "the first copy states {c} too"
        );
        // Outlets are those of the evidence units' documents; the reprint adds none.
        let counted: BTreeSet<&str> = edge
            .iter()
            .map(|o| outlet_of[&o["evidence_unit"]["document_id"].as_i64().unwrap()])
            .filter(|o| !o.is_empty())
            .collect();
        assert_eq!(c["edge"]["n_outlets"], counted.len() as u64, "{c}");
        let carried: BTreeSet<&str> = edge
            .iter()
            .map(|o| o["outlet"].as_str().unwrap())
            .filter(|o| !o.is_empty())
            .collect();
        reprint_left_out += usize::from(carried.len() > counted.len());
        let units: BTreeSet<String> = edge
            .iter()
            .map(|o| o["evidence_unit"].to_string())
            .collect();
        assert_eq!(c["edge"]["n_evidence"], units.len() as u64, "{c}");
    }
    assert!(
        reprint_left_out > 0,
        "some edge would count Al-Sawt if reprints counted"
    );
}

#[test]
fn every_export_format_writes_the_same_network() {
    let tmp = tempfile::tempdir().unwrap();
    let db = ingest_examples(tmp.path());
    let n_edges = stat(&db, "edges");
    assert!(n_edges > 20, "{n_edges} edges");
    let out = tmp.path().join("out");
    for format in ["graphml", "gexf", "neo4j", "jsonl"] {
        export(&db, format, &out);
    }
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "edges.csv",
            "network.gexf",
            "network.graphml",
            "network.jsonl",
            "nodes.csv"
        ],
        "no temporary file is left behind"
    );
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();

    let nodes = read("nodes.csv");
    let mut lines = nodes.lines();
    assert_eq!(lines.next(), Some("id:ID,name,kind,:LABEL"));
    let node_ids: BTreeSet<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert!(node_ids.iter().all(|id| id.len() == 16), "{node_ids:?}");

    let edges = read("edges.csv");
    let mut lines = edges.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with(":START_ID,:END_ID,:TYPE,edge_id:long,predicate,"),
        "{header}"
    );
    let n_columns = header.split(',').count();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len() as u64, n_edges);
    for row in &rows {
        let fields: Vec<&str> = row.split(',').collect();
        assert_eq!(fields.len(), n_columns, "{row}");
        assert!(
            node_ids.contains(fields[0]) && node_ids.contains(fields[1]),
            "{row}"
        );
        assert_eq!(fields[2], fields[4].to_uppercase());
    }

    let graphml = read("network.graphml");
    assert_eq!(graphml.matches("<node id=").count(), node_ids.len());
    assert_eq!(graphml.matches("<edge id=").count() as u64, n_edges);
    assert!(graphml.trim_end().ends_with("</graphml>"));
    let gexf = read("network.gexf");
    assert_eq!(gexf.matches("<node id=").count(), node_ids.len());
    assert_eq!(gexf.matches("<edge id=").count() as u64, n_edges);
    assert!(gexf.trim_end().ends_with("</gexf>"));

    let claims = read_jsonl(&out.join("network.jsonl"));
    let edge_ids: BTreeSet<i64> = claims
        .iter()
        .map(|c| c["edge"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(edge_ids.len() as u64, n_edges, "every edge has its claims");
    for c in &claims {
        assert!(!c["evidence"].as_str().unwrap().is_empty(), "{c}");
        assert_eq!(c["predicate"], c["edge"]["predicate"]);
        let ends = [&c["edge"]["subject_id"], &c["edge"]["object_id"]];
        assert!(
            ends.contains(&&c["subject_id"]) && ends.contains(&&c["object_id"]),
            "{c}"
        );
    }
    // Strongest first: edge ids follow strength.
    let strengths: Vec<f64> = rows
        .iter()
        .map(|r| r.rsplit(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
}

#[test]
fn export_of_a_missing_database_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("missing.db");
    let o = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "graphml",
        "--out",
        tmp.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no database here"), "{}", stderr(&o));
    assert!(!db.exists());
}
