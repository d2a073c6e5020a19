//! End to end, `proxymap ask`: questions about the seeds' network find the expected
//! answers among the first five, each with its evidence; structured flags, filters and
//! bad questions behave.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The seeds ingested once for every test of this file.
fn seeds_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("seeds.db");
        ingest_seeds(&db);
        (tmp, db)
    })
    .1
}

fn ask(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["ask", "--json", "--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Asserts that `expected` is among the first five answers to `question`, with at least
/// one claim whose evidence names the predicate's two ends.
fn check_answer(question: &str, expected: &str) {
    let v = ask(seeds_db(), &[question, "--limit", "5"]);
    let answers = v["answers"].as_array().unwrap();
    let found = answers
        .iter()
        .find(|a| a["answer"] == expected)
        .unwrap_or_else(|| panic!("{question}: {expected} not among {answers:#?}"));
    let claims = found["claims"].as_array().unwrap();
    assert!(!claims.is_empty(), "{question}: {expected} has no evidence");
    for c in claims {
        assert!(c["evidence"].as_str().is_some_and(|e| e.len() > 20), "{c}");
        assert!(c["file"].as_str().is_some_and(|f| !f.is_empty()), "{c}");
        assert!(c["modality"].is_string(), "{c}");
    }
}

#[test]
fn who_leads_and_controls_badr() {
    check_answer("who leads Badr Organization?", "Hadi al-Amiri");
    check_answer("who controls Badr Organization?", "Qassem Suleimani");
}

#[test]
fn who_leads_the_quds_force_in_any_spelling() {
    check_answer("who leads the Quds Force?", "Qassem Suleimani");
    check_answer("Who heads Qods Force", "Qassem Suleimani");
}

#[test]
fn whom_amiri_meets() {
    check_answer("whom does Hadi al-Amiri meet?", "Qassem Suleimani");
    check_answer("whom does Hadi al-Amiri meet?", "Stuart Jones");
}

#[test]
fn who_leads_the_interior_ministry_by_a_fuller_name() {
    check_answer("who leads the Iraqi Interior Ministry?", "Mohammed Ghabban");
}

#[test]
fn whom_iran_supports() {
    check_answer("whom does Iran support?", "Badr Organization");
    check_answer("whom does Iran support?", "Popular Mobilization Forces");
}

#[test]
fn who_controls_lists_leaders_marked_as_such() {
    let v = ask(seeds_db(), &["who controls Badr Organization?"]);
    let answers = v["answers"].as_array().unwrap();
    let amiri = answers
        .iter()
        .find(|a| a["answer"] == "Hadi al-Amiri")
        .unwrap_or_else(|| panic!("no leader among {answers:#?}"));
    assert_eq!(amiri["role"], "leader");
    assert_eq!(amiri["predicate"], "leads");
}

#[test]
fn flags_ask_the_same_as_the_question() {
    let asked = ask(seeds_db(), &["who leads Badr Organization?"]);
    let flagged = ask(seeds_db(), &["--predicate", "leads", "--object", "Badr"]);
    assert_eq!(asked["answers"], flagged["answers"]);
}

#[test]
fn profiles_timelines_and_who_says() {
    let profile = ask(seeds_db(), &["Hadi al-Amiri's profile"]);
    assert_eq!(profile["entities"][0]["name"], "Hadi al-Amiri");
    assert!(!profile["edges"].as_array().unwrap().is_empty());
    let timeline = ask(seeds_db(), &["timeline of Qassem Suleimani"]);
    assert!(!timeline["timeline"].as_array().unwrap().is_empty());
    let says = ask(
        seeds_db(),
        &["who says Qassem Suleimani leads the Quds Force?"],
    );
    let edge = &says["answers"][0];
    assert_eq!(edge["subject"]["name"], "Qassem Suleimani");
    assert!(edge["claims"].as_array().unwrap().len() > 1);
}

#[test]
fn unknown_names_and_bad_dates_fail_clearly() {
    let db = seeds_db().to_str().unwrap();
    let out = run(&["ask", "--db", db, "who leads Zzyzx Brigade?"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("Zzyzx Brigade"), "{}", stderr(&out));
    let out = run(&["ask", "--db", db, "who leads Badr?", "--since", "last year"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("last year"), "{}", stderr(&out));
    let out = run(&["ask", "--db", db, "   "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
}
