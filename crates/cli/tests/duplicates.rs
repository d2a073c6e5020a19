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
