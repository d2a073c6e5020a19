//! Helpers shared by the end-to-end tests: where `../shared` is, and how to run the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared corpus: `$PROXYMAP_SHARED`, else `shared/` beside the workspace root.
/// Panics with a clear message when it is missing: these tests never skip in silence.
pub fn shared() -> PathBuf {
    let dir = match std::env::var_os("PROXYMAP_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root()
            .parent()
            .expect("the workspace has a parent folder")
            .join("shared"),
    };
    assert!(
        dir.join("seeds").is_dir() && dir.join("gold").is_dir(),
        "the shared corpus is missing at {}: set PROXYMAP_SHARED to the folder holding seeds/ and gold/",
        dir.display()
    );
    dir
}

/// The workspace root: the nearest folder above this crate whose Cargo.toml has `[workspace]`.
pub fn workspace_root() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let manifest = dir.join("Cargo.toml");
        if std::fs::read_to_string(&manifest).is_ok_and(|s| s.contains("[workspace]")) {
            return dir;
        }
        assert!(
            dir.pop(),
            "no workspace Cargo.toml above {}",
            env!("CARGO_MANIFEST_DIR")
        );
    }
}

/// The `proxymap` binary under test.
pub fn proxymap() -> Command {
    Command::new(env!("CARGO_BIN_EXE_proxymap"))
}

/// Runs `proxymap ARGS` and returns its output.
pub fn run(args: &[&str]) -> Output {
    proxymap().args(args).output().expect("proxymap runs")
}

/// Runs `proxymap ingest PATHS --db DB EXTRA`.
pub fn ingest(paths: &[&Path], db: &Path, extra: &[&str]) -> Output {
    let mut cmd = proxymap();
    cmd.arg("ingest")
        .args(paths)
        .arg("--db")
        .arg(db)
        .args(extra);
    cmd.output().expect("proxymap ingest runs")
}

/// Ingests the seeds into `db` quietly; panics on a usage or fatal error (an exit code
/// above 1).
pub fn ingest_seeds(db: &Path) {
    let out = ingest(&[&shared().join("seeds")], db, &["-q"]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exports the eval files of `db` into `out` and returns the documents as JSON values.
pub fn export_documents(db: &Path, out: &Path) -> Vec<serde_json::Value> {
    let o = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "eval",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "export failed: {}", stderr(&o));
    read_jsonl(&out.join("documents.jsonl"))
}

/// Every line of a JSON Lines file.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// The summary line an ingest printed on stderr.
pub fn summary_line(out: &Output) -> String {
    stderr(out)
        .lines()
        .rev()
        .find(|l| l.starts_with("files: "))
        .unwrap_or_default()
        .to_string()
}
