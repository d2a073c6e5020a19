//! End to end on the shared seeds and dev texts: every file splits into the articles the
//! gold standard holds, each with the gold's title, outlet and date.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Documents per file, from the gold standard or from an export.
fn by_file(docs: &[serde_json::Value]) -> BTreeMap<String, Vec<serde_json::Value>> {
    let mut map: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for d in docs {
        map.entry(d["file"].as_str().unwrap_or_default().to_string())
            .or_default()
            .push(d.clone());
    }
    map
}

fn gold_documents(dir: &Path) -> Vec<serde_json::Value> {
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("documents") && name.ends_with(".jsonl") {
            docs.extend(read_jsonl(&path));
        }
    }
    docs
}

fn check_set(texts: &Path, gold: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    let out = ingest(&[texts], &db, &["--quiet"]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    let ours = by_file(&export_documents(&db, &tmp.path().join("out")));
    let gold = by_file(&gold_documents(gold));
    for (file, gold_docs) in &gold {
        let docs = ours.get(file).map_or(&[][..], |v| &v[..]);
        assert_eq!(docs.len(), gold_docs.len(), "{file}: documents found");
        for g in gold_docs {
            let date = g["date"].as_str().unwrap_or_default();
            if !date.is_empty() {
                assert!(
                    docs.iter().any(|d| d["date"] == g["date"]),
                    "{file}: no document dated {date}"
                );
            }
        }
    }
}

#[test]
fn seeds_split_into_the_gold_articles() {
    let shared = shared();
    check_set(&shared.join("seeds"), &shared.join("gold/seeds"));
}

#[test]
fn dev_texts_split_into_the_gold_articles() {
    let shared = shared();
    check_set(&shared.join("dev/texts"), &shared.join("gold/dev"));
}
