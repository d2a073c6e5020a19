//! End to end, reprints: the same article in two files is found as a reprint of the
//! earlier one, and an unrelated article is not.

mod common;

use common::*;

#[test]
fn a_reprint_in_another_file_is_linked_and_an_unrelated_article_is_not() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let body = "The convoy of the Harbor Defense Forces reached the ford below Port Vell at noon \
        on Monday, carrying water, flour and medicine for the families who had sheltered in the \
        old customs house since the river rose. Officers said a second convoy would follow once \
        the bridge at Selvan was cleared of debris, and that engineers from the coast had \
        already begun to shore up its eastern pier.";
    std::fs::write(
        input.join("a.txt"),
        format!("Convoy reaches the ford\n\nMarch 3, 2019\n\n{body}\n"),
    )
    .unwrap();
    std::fs::write(
        input.join("b.txt"),
        format!("Aid convoy arrives at Port Vell ford\n\nMarch 5, 2019\n\n{body}\n"),
    )
    .unwrap();
    std::fs::write(
        input.join("c.txt"),
        "Markets reopen\n\nMarch 4, 2019\n\nTraders in the old town of Halwan opened their \
         stalls again on Tuesday after a week of storms, selling dates, cloth and lamps to \
         crowds who had stayed indoors since the floods closed the roads to the coast and \
         cut the power to most of the eastern districts for several days.\n",
    )
    .unwrap();
    let db = tmp.path().join("x.db");
    let out = ingest(&[&input], &db, &["--json-summary", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["reprints"], 1, "{summary}");
    let stats = run(&["stats", "--db", db.to_str().unwrap()]);
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(
        stats
            .lines()
            .any(|l| l.starts_with("reprints") && l.ends_with(" 1")),
        "{stats}"
    );
}

/// Seed 001 reposts seven articles; three of them open with an excerpt that recurs in
/// their own body. Each recurrence is linked to the excerpt, and the claims of a recurring
/// passage count as one piece of evidence on their edge.
#[test]
fn passages_that_recur_within_an_article_of_the_seeds_count_once() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("seeds.db");
    ingest_seeds(&db);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT r.document_id FROM repeats r JOIN documents d ON d.id = r.document_id \
             JOIN files f ON f.id = d.file_id WHERE f.path LIKE '%/001_%' \
             AND r.canonical_id = r.document_id AND r.canonical_paragraph_idx < r.paragraph_idx",
        )
        .unwrap();
    let within: Vec<i64> = stmt
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        within.len() >= 3,
        "articles of seed 001 with a recurring passage: {within:?}"
    );

    let out_dir = tmp.path().join("out");
    let done = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(done.status.success(), "{}", stderr(&done));
    let lines = read_jsonl(&out_dir.join("network.jsonl"));
    let recurring: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|c| {
            lines.iter().any(|d| {
                d["edge"]["id"] == c["edge"]["id"]
                    && d["document_id"] == c["document_id"]
                    && d["claim_idx"] != c["claim_idx"]
                    && d["evidence"] == c["evidence"]
                    && d["evidence_unit"] == c["evidence_unit"]
            })
        })
        .collect();
    assert!(!recurring.is_empty(), "no claim of a recurring passage");
    for c in recurring {
        let edge = &c["edge"];
        assert!(
            edge["n_evidence"].as_u64() < edge["n_claims"].as_u64(),
            "a recurring passage counted twice: {edge}"
        );
    }
}
