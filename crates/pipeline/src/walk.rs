//! Finds the files to read under the inputs and hands them on, one job each.

use crate::{Observer, Problem};
use crossbeam_channel::Sender;
use model::Severity;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The name standard input is stored under.
pub const STDIN_PATH: &str = "<stdin>";

/// One input file to read.
pub(crate) struct Job {
    /// Where to read it (unused for standard input).
    pub path: PathBuf,
    /// The name the store keeps it under: its canonical path, or [`STDIN_PATH`].
    pub key: String,
    /// Standard input's bytes, already read.
    pub stdin: Option<Vec<u8>>,
}

/// What the walk found besides the jobs it sent.
pub(crate) struct Walked {
    /// The inputs, canonical, that `--prune` may remove files under.
    pub roots: Vec<String>,
    /// Every file found, by store key, when asked to keep them (for `--prune`).
    pub seen: HashSet<String>,
    /// Inputs that could not be walked or read (missing paths, unreadable folders).
    pub failed: u64,
}

/// Walks `inputs` in order (folders recursively, sorted by name, hidden entries skipped)
/// and sends a job per file. Stops early if the workers hang up. Keeps the set of files
/// found only when `keep_seen`, so memory does not grow with the corpus otherwise.
pub(crate) fn walk(
    inputs: &[PathBuf],
    limits: &ingest::Limits,
    keep_seen: bool,
    jobs: Sender<Job>,
    observer: &dyn Observer,
) -> Walked {
    let mut walked = Walked {
        roots: Vec::new(),
        seen: HashSet::new(),
        failed: 0,
    };
    let fail = |path: &Path, message: String| {
        observer.problem(&Problem {
            path: path.display().to_string(),
            severity: Severity::Error,
            message,
        });
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            match read_stdin(limits.max_record_bytes) {
                Ok(bytes) => {
                    if keep_seen {
                        walked.seen.insert(STDIN_PATH.to_string());
                    }
                    let job = Job {
                        path: PathBuf::from(STDIN_PATH),
                        key: STDIN_PATH.to_string(),
                        stdin: Some(bytes),
                    };
                    if jobs.send(job).is_err() {
                        break;
                    }
                }
                Err(message) => {
                    fail(Path::new(STDIN_PATH), message);
                    walked.failed += 1;
                }
            }
            continue;
        }
        let root = match std::fs::canonicalize(input) {
            Ok(root) => root,
            Err(e) => {
                fail(input, format!("cannot read: {e}"));
                walked.failed += 1;
                continue;
            }
        };
        walked.roots.push(key_of(&root));
        let entries = walkdir::WalkDir::new(&root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(&root).to_path_buf();
                    fail(&path, format!("cannot read: {e}"));
                    walked.failed += 1;
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let key = key_of(entry.path());
            if keep_seen {
                walked.seen.insert(key.clone());
            }
            let job = Job {
                path: entry.into_path(),
                key,
                stdin: None,
            };
            if jobs.send(job).is_err() {
                return walked;
            }
        }
    }
    walked
}

fn key_of(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// Reads standard input whole, up to `limit` bytes.
fn read_stdin(limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "standard input is over the {limit}-byte limit: raise it with --max-size"
        ));
    }
    Ok(bytes)
}
