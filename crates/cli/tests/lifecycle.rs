//! What re-ingesting does: nothing for unchanged files, a clean replacement for changed
//! ones, everything again with `--reprocess`, removal with `--prune`; standard input; and
//! a killed run that leaves the database as it was after its last committed file.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn write_article(dir: &Path, name: &str, headline: &str, body: &str) {
    std::fs::write(dir.join(name), format!("{headline}\n\n{body}\n")).unwrap();
}

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    write_article(
        dir,
        "a.txt",
        "Talks stall in the delta",
        "The envoys met twice. Neither side moved.",
    );
    write_article(
        dir,
        "b.txt",
        "Convoy reaches the hills",
        "The convoy arrived at dawn. It carried grain.",
    );
    write_article(
        dir,
        "c.txt",
        "Militia withdraws",
        "The militia left the bridge on Tuesday.",
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn unchanged_files_are_skipped_and_changed_ones_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let db = tmp.path().join("x.db");
    corpus(&dir);
    let first = ingest(&[&dir], &db, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        summary_line(&first).starts_with("files: 3 read, 0 unchanged, 0 failed"),
        "{}",
        summary_line(&first)
    );

    let again = ingest(&[&dir], &db, &[]);
    assert!(
        summary_line(&again).starts_with("files: 0 read, 3 unchanged"),
        "{}",
        summary_line(&again)
    );

    write_article(
        &dir,
        "b.txt",
        "Convoy turns back",
        "The convoy turned back at the pass.",
    );
    let changed = ingest(&[&dir], &db, &[]);
    assert!(
        summary_line(&changed).starts_with("files: 1 read, 2 unchanged"),
        "{}",
        summary_line(&changed)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 3);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM documents WHERE text LIKE '%grain%'"
        ),
        0
    );

    let forced = ingest(&[&dir], &db, &["--reprocess"]);
    assert!(
        summary_line(&forced).starts_with("files: 3 read, 0 unchanged"),
        "{}",
        summary_line(&forced)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 3);
}

#[test]
fn same_content_at_a_new_path_is_a_new_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let db = tmp.path().join("x.db");
    corpus(&dir);
    ingest(&[&dir], &db, &[]);
    std::fs::copy(dir.join("a.txt"), dir.join("a-copy.txt")).unwrap();
    let out = ingest(&[&dir], &db, &[]);
    assert!(
        summary_line(&out).starts_with("files: 1 read, 3 unchanged"),
        "{}",
        summary_line(&out)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM files"), 4);
}

#[test]
fn prune_removes_files_that_are_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let db = tmp.path().join("x.db");
    corpus(&dir);
    ingest(&[&dir], &db, &[]);
    std::fs::remove_file(dir.join("c.txt")).unwrap();
    let kept = ingest(&[&dir], &db, &[]);
    assert!(kept.status.success());
    assert_eq!(
        count(&db, "SELECT count(*) FROM files"),
        3,
        "without --prune nothing is removed"
    );
    let pruned = ingest(&[&dir], &db, &["--prune"]);
    assert!(
        summary_line(&pruned).contains("1 pruned"),
        "{}",
        summary_line(&pruned)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM files"), 2);
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 2);
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    let mut child = proxymap()
        .args(["ingest", "-", "--db", db.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Ceasefire holds\n\nThe ceasefire held through the night in the port city.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 1);
}

#[test]
fn a_killed_ingest_leaves_whole_files_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let paragraph = "The column moved along the river road before dawn, and the officers said the bridge would hold. ";
    for i in 0..4000 {
        let body: String = (0..12)
            .map(|p| format!("{paragraph}Report {i}, part {p}.\n\n"))
            .collect();
        write_article(
            &dir,
            &format!("{i:05}.txt"),
            &format!("Dispatch {i}"),
            &body,
        );
    }
    let db = tmp.path().join("x.db");
    let mut child = proxymap()
        .args([
            "ingest",
            dir.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--quiet",
        ])
        .spawn()
        .unwrap();
    // Kill it once it has committed something, but before it is done.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let committed = db.exists()
            && rusqlite::Connection::open(&db)
                .and_then(|c| c.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0)))
                .is_ok_and(|n| n > 0);
        if committed || started.elapsed().as_secs() > 60 {
            break;
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let files = count(&db, "SELECT count(*) FROM files");
    assert!(
        files > 0 && files < 4000 && !status.success(),
        "the ingest was to be killed midway: {files} files committed, {status}"
    );
    eprintln!("killed after {files} committed files");
    assert_eq!(
        count(&db, "SELECT count(*) FROM files WHERE n_documents != (SELECT count(*) FROM documents d WHERE d.file_id = files.id)"),
        0,
        "every committed file has all its documents"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let resumed = ingest(&[&dir], &db, &["--quiet"]);
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    assert_eq!(count(&db, "SELECT count(*) FROM files"), 4000);
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 4000);
}
