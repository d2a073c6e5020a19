//! End to end, the entities stage: what `ingest` resolves, what `entities`, `entity` and
//! `export` show, and that the result does not depend on threads, file order or the
//! built-in knowledge base for its core.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Scores an export folder against a gold folder with the shared scorer; the report.
fn score(gold: &Path, system: &Path) -> serde_json::Value {
    let report = system.join("report.json");
    let scorer = shared().join("eval/score.py");
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--gold")
        .arg(gold)
        .arg("--system")
        .arg(system)
        .arg("--json")
        .arg(&report)
        .output()
        .expect("python3 runs the scorer (CI installs it)");
    assert!(
        out.status.success(),
        "{} failed: {}",
        scorer.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap()
}

fn export(db: &Path, out: &Path) {
    export_documents(db, out);
}

#[test]
fn without_the_builtin_knowledge_base_the_seed_entities_are_still_found() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    let shared = shared();
    let out = ingest(&[&shared.join("seeds")], &db, &["-q", "--no-default-kb"]);
    assert!(out.status.success(), "{}", stderr(&out));
    export(&db, &tmp.path().join("out"));
    let report = score(&shared.join("gold/seeds"), &tmp.path().join("out"));
    let (p, r) = (
        report["entities"]["precision"].as_f64().unwrap(),
        report["entities"]["recall"].as_f64().unwrap(),
    );
    assert!(
        p >= 0.70 && r >= 0.70,
        "entities P {p} R {r} without the KB"
    );
}

/// Every entity as `entities --json` lists it, keyed by id.
fn entities(db: &Path) -> BTreeMap<String, serde_json::Value> {
    let out = run(&["entities", "--json", "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

#[test]
fn entities_and_their_ids_do_not_depend_on_threads_or_file_order() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = shared();
    let mut files: Vec<_> = ["seeds", "dev/texts"]
        .iter()
        .flat_map(|d| std::fs::read_dir(shared.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();

    let all_at_once = tmp.path().join("a.db");
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let out = ingest(&refs, &all_at_once, &["-q", "--threads", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let one_by_one = tmp.path().join("b.db");
    for f in files.iter().rev() {
        let out = ingest(&[f], &one_by_one, &["-q", "--threads", "3"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let (a, b) = (entities(&all_at_once), entities(&one_by_one));
    assert!(a.len() > 100, "only {} entities", a.len());
    assert_eq!(a, b);
}

/// A tiny corpus of two articles and a knowledge-base file of our own.
fn tiny_corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(
        dir.join("in/a.txt"),
        "Harbor talks\n\nGen. Ruth Okafor, the commander of the Harbor Defense Forces, \
         met envoys in Port Vell on Monday. Okafor said the talks went well.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("in/b.txt"),
        "Coast guard drills\n\nThe Vellan Coast Watch held drills near Port Vell. \
         Officers of the Harbour Guard watched.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("extra.jsonl"),
        "# our own names\n{\"name\": \"Harbor Defense Forces\", \"kind\": \"org\", \
         \"aliases\": [\"Harbour Guard\"]}\n",
    )
    .unwrap();
}

#[test]
fn an_entity_shows_its_names_mentions_and_the_rules_that_joined_them() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_corpus(tmp.path());
    let db = tmp.path().join("x.db");
    let out = ingest(&[&tmp.path().join("in")], &db, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = run(&["entity", "--db", db.to_str().unwrap(), "okafor"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.starts_with("Ruth Okafor (person"), "{text}");
    assert!(text.contains("\"Okafor\" found by"), "{text}");
    assert!(
        text.contains("joined by short_form in the document"),
        "{text}"
    );
    assert!(text.contains("Okafor said the talks went well."), "{text}");

    let missing = run(&["entity", "--db", db.to_str().unwrap(), "Nobody Here"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no entity is named"));
}

#[test]
fn a_knowledge_base_file_adds_names_and_a_bad_one_is_refused_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_corpus(tmp.path());
    let db = tmp.path().join("x.db");
    let kb = tmp.path().join("extra.jsonl");
    let input = tmp.path().join("in");
    let together = |db: &Path| {
        let listed = run(&[
            "entities",
            "--db",
            db.to_str().unwrap(),
            "--search",
            "harbo",
        ]);
        String::from_utf8(listed.stdout).unwrap()
    };
    let out = ingest(&[&input], &db, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!together(&db).contains("also: Harbour Guard"));

    let out = ingest(&[&input], &db, &["-q", "--kb", kb.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = together(&db);
    assert!(listed.contains("Harbor Defense Forces"), "{listed}");
    assert!(listed.contains("Harbour Guard"), "{listed}");
    assert_eq!(listed.lines().count(), 1, "{listed}");

    std::fs::write(&kb, "{\"name\": \"Broken\", \"kind\": \"fleet\"}\n").unwrap();
    let out = ingest(&[&input], &db, &["-q", "--kb", kb.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("extra.jsonl") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn the_eval_export_lists_only_entities_the_texts_mention() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_corpus(tmp.path());
    let db = tmp.path().join("x.db");
    assert!(ingest(&[&tmp.path().join("in")], &db, &["-q"])
        .status
        .success());
    export(&db, &tmp.path().join("out"));
    let names: Vec<String> = read_jsonl(&tmp.path().join("out/entities.jsonl"))
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"Ruth Okafor".to_string()), "{names:?}");
    assert!(names.len() < 12, "{names:?}");
    assert!(!names.contains(&"Iran".to_string()), "{names:?}");
}
