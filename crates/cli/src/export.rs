//! `proxymap export`: writes what the store holds in the scorer's shapes.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// How many words of a body `starts_with` carries.
const STARTS_WITH_WORDS: usize = 12;

/// Writes `documents.jsonl`, `entities.jsonl` (every corpus entity: each is mentioned,
/// never a bare knowledge-base entry) and `claims.jsonl` (every claim, with its evidence)
/// into `out` as
/// `../shared/eval/FORMAT.md` describes. Each file is written beside its final name and
/// renamed into place, so a failed export leaves no half-written file.
pub fn eval(db: &Path, out: &Path) -> Result<()> {
    let store = store::Store::open_existing(db)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut documents = AtomicFile::create(&out.join("documents.jsonl"))?;
    store
        .for_each_document(|path, doc| {
            let line = serde_json::json!({
                "file": base_name(path),
                "index": doc.index,
                "title": doc.meta.title.as_deref().unwrap_or(""),
                "outlet": doc.meta.outlet.as_deref().unwrap_or(""),
                "author": doc.meta.author.as_deref().unwrap_or(""),
                "date": doc.meta.date.map(|d| d.to_string()).unwrap_or_default(),
                "starts_with": doc.starts_with(STARTS_WITH_WORDS),
            });
            writeln!(documents.writer(), "{line}")?;
            Ok(())
        })
        .with_context(|| format!("writing {}", out.join("documents.jsonl").display()))?;
    documents.commit()?;
    let mut entities = AtomicFile::create(&out.join("entities.jsonl"))?;
    for e in store.entities(None, None)? {
        let line = serde_json::json!({
            "name": e.name,
            "kind": e.kind.name(),
            "aliases": e.aliases,
        });
        writeln!(entities.writer(), "{line}")
            .with_context(|| format!("writing {}", out.join("entities.jsonl").display()))?;
    }
    entities.commit()?;
    let mut claims = AtomicFile::create(&out.join("claims.jsonl"))?;
    let mut failed: Option<std::io::Error> = None;
    store.for_each_claim(&store::ClaimFilter::default(), |c| {
        if failed.is_none() {
            failed = writeln!(claims.writer(), "{}", crate::claims::to_json(c)).err();
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e).with_context(|| format!("writing {}", out.join("claims.jsonl").display()));
    }
    claims.commit()?;
    Ok(())
}

/// The base name the scorer keys files by.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A file written under a temporary name and renamed into place on commit.
struct AtomicFile {
    writer: Option<BufWriter<File>>,
    tmp: PathBuf,
    path: PathBuf,
}

impl AtomicFile {
    fn create(path: &Path) -> Result<AtomicFile> {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{name}.tmp"));
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        Ok(AtomicFile {
            writer: Some(BufWriter::new(file)),
            tmp,
            path: path.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer
            .as_mut()
            .expect("an atomic file is written before it is committed")
    }

    fn commit(mut self) -> Result<()> {
        let writer = self
            .writer
            .take()
            .expect("an atomic file is committed once");
        let result = finish(writer, &self.tmp, &self.path);
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result
    }
}

/// Flushes and syncs a temporary file, then renames it to its final name.
fn finish(writer: BufWriter<File>, tmp: &Path, path: &Path) -> Result<()> {
    let file = writer
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", tmp.display()))?;
    file.sync_all()
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}

impl Drop for AtomicFile {
    /// An uncommitted file's temporary is removed; a committed one is already renamed.
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::base_name;

    #[test]
    fn base_names_of_paths() {
        assert_eq!(base_name("/a/b/c.txt"), "c.txt");
        assert_eq!(base_name("c.txt"), "c.txt");
        assert_eq!(base_name("<stdin>"), "<stdin>");
    }
}
