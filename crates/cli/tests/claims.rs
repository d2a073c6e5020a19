//! End to end, the claims stage: `ingest` extracts claims with their evidence; `claims`
//! lists and filters them; `export --format eval` writes them for the scorer.

mod common;

use common::*;
use std::path::Path;

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(
        dir.join("in/a.txt"),
        "Harbor talks\n\nGen. Ruth Okafor met Lars Bekele in Port Vell on Monday.\n\n\
         The Harbor Defense Forces did not attack the Vellan Coast Watch, the ministry said.\n",
    )
    .unwrap();
}

fn claims(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["claims", "--json", "--db", db.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn claims_come_with_their_evidence_and_modality_and_filter_by_any_name() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let db = tmp.path().join("x.db");
    let out = ingest(&[&tmp.path().join("in")], &db, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let all = claims(&db, &[]);
    let meets = all
        .iter()
        .find(|c| c["predicate"] == "meets")
        .unwrap_or_else(|| panic!("no meets claim in {all:?}"));
    assert_eq!(meets["subject"], "Ruth Okafor");
    assert_eq!(meets["object"], "Lars Bekele");
    assert_eq!(
        meets["evidence"],
        "Gen. Ruth Okafor met Lars Bekele in Port Vell on Monday."
    );
    assert!(meets["rule"].as_str().is_some_and(|r| !r.is_empty()));
    let attack = all
        .iter()
        .find(|c| c["predicate"] == "attacks")
        .unwrap_or_else(|| panic!("no attacks claim in {all:?}"));
    assert_eq!(attack["modality"], "denied");

    let about_okafor = claims(&db, &["--subject", "okafor"]);
    assert!(!about_okafor.is_empty());
    assert!(about_okafor.iter().all(|c| c["subject"] == "Ruth Okafor"));
    assert!(claims(&db, &["--modality", "hypothetical"]).is_empty());

    let unknown = run(&[
        "claims",
        "--db",
        db.to_str().unwrap(),
        "--subject",
        "Nobody",
    ]);
    assert_eq!(unknown.status.code(), Some(2));

    let out_dir = tmp.path().join("out");
    export_documents(&db, &out_dir);
    let exported = read_jsonl(&out_dir.join("claims.jsonl"));
    assert_eq!(exported.len(), all.len());
    assert!(exported.iter().all(|c| c["file"] == "a.txt"));
}

#[test]
fn text_only_ingest_stores_documents_without_claims_and_a_full_run_redoes_it() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let db = tmp.path().join("x.db");
    let input = tmp.path().join("in");
    let out = ingest(&[&input], &db, &["-q", "--text-only"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(claims(&db, &[]).is_empty());
    let out = ingest(&[&input], &db, &["--json-summary", "-q"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files_read"], 1, "{summary}");
    assert!(!claims(&db, &[]).is_empty());
}
