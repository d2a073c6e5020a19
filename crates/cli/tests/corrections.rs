//! End to end, `proxymap correct`: a merge and a rejected claim show at once, survive
//! `ingest --reprocess`, are listed, and can be undone.

mod common;

use common::*;
use std::path::Path;

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(
        dir.join("in/a.txt"),
        "Harbor talks\n\nGen. Ruth Okafor leads the Harbor Guard.\n\n\
         The Port Watch attacked the Vellan Coast Watch near Port Vell.\n\n\
         Lars Bekele met Ruth Okafor on Monday.\n",
    )
    .unwrap();
}

fn json_lines(args: &[&str]) -> Vec<serde_json::Value> {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn entity_names(db: &str) -> Vec<String> {
    json_lines(&["entities", "--json", "--db", db])
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

fn correct(db: &str, args: &[&str]) -> String {
    let mut all = vec!["correct", "--db", db];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn meets_claims(db: &str) -> Vec<serde_json::Value> {
    json_lines(&["claims", "--json", "--db", db, "--predicate", "meets"])
}

fn eval_claims(db: &str, out: &Path) -> Vec<serde_json::Value> {
    let done = run(&[
        "export",
        "--db",
        db,
        "--format",
        "eval",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(done.status.success(), "{}", stderr(&done));
    read_jsonl(&out.join("claims.jsonl"))
}

#[test]
fn corrections_apply_at_once_survive_reprocess_and_undo() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let input = tmp.path().join("in");
    let db_path = tmp.path().join("x.db");
    let db = db_path.to_str().unwrap();
    let out = ingest(&[&input], &db_path, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names = entity_names(db);
    assert!(names.contains(&"Port Watch".to_string()), "{names:?}");
    let meets = meets_claims(db);
    assert_eq!(meets.len(), 1, "{meets:?}");
    let key = meets[0]["key"].as_str().unwrap().to_string();

    let said = correct(
        db,
        &[
            "merge",
            "Port Watch",
            "the Harbor Guard",
            "--note",
            "one force",
        ],
    );
    assert!(said.contains("merged into Harbor Guard"), "{said}");
    correct(db, &["reject", &key]);
    let check = |when: &str| {
        let names = entity_names(db);
        assert!(
            !names.contains(&"Port Watch".to_string()),
            "{when}: {names:?}"
        );
        let attack = json_lines(&["claims", "--json", "--db", db, "--predicate", "attacks"]);
        assert_eq!(attack[0]["subject"], "Harbor Guard", "{when}: {attack:?}");
        let meets = meets_claims(db);
        assert_eq!(
            meets[0]["correction"]["action"], "reject",
            "{when}: {meets:?}"
        );
        let exported = eval_claims(db, &tmp.path().join(format!("out-{when}")));
        assert!(exported.iter().all(|c| c["predicate"] != "meets"), "{when}");
        let profile = run(&["ask", "--json", "--db", db, "Ruth Okafor"]);
        let profile: serde_json::Value = serde_json::from_slice(&profile.stdout).unwrap();
        let edges = profile["edges"].as_array().unwrap();
        assert!(
            edges.iter().all(|e| e["predicate"] != "meets"),
            "{when}: {edges:?}"
        );
        let shown = run(&["entity", "--db", db, "Harbor Guard"]);
        assert!(
            String::from_utf8_lossy(&shown.stdout).contains("corrected by #1"),
            "{when}"
        );
    };
    check("after correcting");
    let out = ingest(&[&input], &db_path, &["-q", "--reprocess"]);
    assert!(out.status.success(), "{}", stderr(&out));
    check("after reprocess");

    let list = json_lines(&["correct", "--db", db, "list", "--json"]);
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0]["action"].as_str(), list[0]["note"].as_str()),
        (Some("merge"), Some("one force"))
    );
    correct(db, &["undo", "1"]);
    assert!(entity_names(db).contains(&"Port Watch".to_string()));
    let listed = correct(db, &["list"]);
    assert!(
        listed.contains("#1 undone") && listed.contains("#2 in force"),
        "{listed}"
    );
}

#[test]
fn bad_corrections_are_refused_and_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let db_path = tmp.path().join("x.db");
    let db = db_path.to_str().unwrap();
    assert!(ingest(&[&tmp.path().join("in")], &db_path, &["-q"])
        .status
        .success());
    for args in [
        &["merge", "Nobody Known", "Harbor Guard"][..],
        &["merge", "Harbor Guard", "Harbor Guard"],
        &["split", "Harbor Guard"],
        &["reject", "not-a-key"],
        &["reject", "abcdef012345:0:1-2:leads:0"],
        &["undo", "7"],
    ] {
        let mut all = vec!["correct", "--db", db];
        all.extend_from_slice(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
    assert!(correct(db, &["list"]).contains("no corrections"));
}
