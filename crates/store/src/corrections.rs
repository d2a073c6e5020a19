//! An analyst's corrections: merge two entities, split a name off one, rename one, reject
//! or confirm a claim. Kept as data (`corrections`), never touched by ingest, reprocess
//! or prune; the corpus step applies the active ones every time it runs, and records
//! which claims they hit (`claim_corrections`, derived) so every reader can show them.
//!
//! A claim is named by a key that survives reprocessing the same content: the file's
//! content hash, the document's index in the file, the evidence's byte span, the
//! predicate, and its ordinal among the document's claims with that span and predicate
//! (`3f9a0c1d22e4:0:120-245:leads:0`).

use crate::batch::{Batch, DocumentId};
use crate::codec::corrupt;
use crate::error::{Context, Result};
use crate::Store;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// What a correction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The entity named `target` is the entity named `argument`: merge it into that one.
    Merge,
    /// The name `target` is not its entity's: make it an entity of its own.
    Split,
    /// The entity named `target` is to be called `argument`.
    Rename,
    /// The claim `target` is wrong: keep it out of the network.
    Reject,
    /// The claim `target` is right, as an analyst checked.
    Confirm,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 5] = [
        Action::Merge,
        Action::Split,
        Action::Rename,
        Action::Reject,
        Action::Confirm,
    ];

    /// Its name in the database, the CLI and the API.
    pub fn name(self) -> &'static str {
        match self {
            Action::Merge => "merge",
            Action::Split => "split",
            Action::Rename => "rename",
            Action::Reject => "reject",
            Action::Confirm => "confirm",
        }
    }

    /// The action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether it corrects a claim (else an entity).
    pub fn is_about_a_claim(self) -> bool {
        matches!(self, Action::Reject | Action::Confirm)
    }
}

/// One stored correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// Its number, in the order made.
    pub id: i64,
    /// What it does.
    pub action: Action,
    /// The entity name or claim key it corrects.
    pub target: String,
    /// The other name, for merge and rename.
    pub argument: Option<String>,
    /// Why, in the analyst's words.
    pub note: Option<String>,
    /// When it was made (seconds since 1970).
    pub created_at: i64,
    /// When it was undone, if it was.
    pub undone_at: Option<i64>,
}

impl Correction {
    /// Whether it is in force.
    pub fn is_active(&self) -> bool {
        self.undone_at.is_none()
    }
}

/// The stable name of a claim; see the module doc.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClaimKey {
    /// The start of its file's content hash (hex).
    pub content: String,
    /// Its document's index in the file.
    pub document_idx: u32,
    /// Its evidence's byte span in the document's text.
    pub evidence: (u32, u32),
    /// Its predicate's name.
    pub predicate: String,
    /// Its ordinal among the document's claims with this span and predicate.
    pub ordinal: u32,
}

/// How many hex digits of the content hash a key keeps.
pub(crate) const KEY_HASH_DIGITS: usize = 12;

impl ClaimKey {
    /// The key part of a stored content hash (hex).
    pub(crate) fn content_of(hash: &str) -> String {
        hash.chars().take(KEY_HASH_DIGITS).collect()
    }
}

impl fmt::Display for ClaimKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}-{}:{}:{}",
            self.content,
            self.document_idx,
            self.evidence.0,
            self.evidence.1,
            self.predicate,
            self.ordinal
        )
    }
}

/// Why a claim key did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a claim key (HASH:DOCUMENT:START-END:PREDICATE:N, as `proxymap claims` prints it)")]
pub struct BadClaimKey(pub String);

impl FromStr for ClaimKey {
    type Err = BadClaimKey;

    fn from_str(s: &str) -> std::result::Result<ClaimKey, BadClaimKey> {
        let bad = || BadClaimKey(s.to_string());
        let parts: Vec<&str> = s.trim().split(':').collect();
        let [content, doc, span, predicate, ordinal] = parts[..] else {
            return Err(bad());
        };
        let (start, end) = span.split_once('-').ok_or_else(bad)?;
        let number = |t: &str| t.parse::<u32>().map_err(|_| bad());
        if content.is_empty()
            || !content.chars().all(|c| c.is_ascii_hexdigit())
            || predicate.is_empty()
            || !predicate
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
        {
            return Err(bad());
        }
        Ok(ClaimKey {
            content: content.to_ascii_lowercase(),
            document_idx: number(doc)?,
            evidence: (number(start)?, number(end)?),
            predicate: predicate.to_string(),
            ordinal: number(ordinal)?,
        })
    }
}

/// A claim a correction hit, as the corpus step records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimCorrection {
    /// The claim's document.
    pub document: DocumentId,
    /// The claim's index in it.
    pub idx: u32,
    /// The correction.
    pub correction: i64,
    /// Reject or confirm.
    pub action: Action,
}

const SELECT_CORRECTIONS: &str = "SELECT id, action, target, argument, note, created_at, \
    undone_at FROM corrections ORDER BY id";

/// The claims of a key's document with its span and predicate, in claim order.
const SELECT_KEYED_CLAIMS: &str = "SELECT c.document_id, c.idx FROM claims c \
    JOIN documents d ON d.id = c.document_id JOIN files f ON f.id = d.file_id \
    WHERE substr(f.content_hash, 1, ?1) = ?2 AND d.idx = ?3 AND c.evidence_start = ?4 \
    AND c.evidence_end = ?5 AND c.predicate = ?6 ORDER BY f.id, c.idx";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn corrections_in(conn: &rusqlite::Connection, path: &Path) -> Result<Vec<Correction>> {
    const WHAT: &str = "reading corrections";
    let mut stmt = conn.prepare_cached(SELECT_CORRECTIONS).ctx(path, WHAT)?;
    let mut rows = stmt.query([]).ctx(path, WHAT)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().ctx(path, WHAT)? {
        let action: String = row.get(1).ctx(path, WHAT)?;
        out.push(Correction {
            id: row.get(0).ctx(path, WHAT)?,
            action: Action::from_name(&action)
                .ok_or_else(|| corrupt(path, "correction action", action.clone()))?,
            target: row.get(2).ctx(path, WHAT)?,
            argument: row.get(3).ctx(path, WHAT)?,
            note: row.get(4).ctx(path, WHAT)?,
            created_at: row.get(5).ctx(path, WHAT)?,
            undone_at: row.get(6).ctx(path, WHAT)?,
        });
    }
    Ok(out)
}

impl Store {
    /// Records a correction and marks the corpus stale, so that the next corpus step
    /// applies it; returns its number.
    pub fn add_correction(
        &mut self,
        action: Action,
        target: &str,
        argument: Option<&str>,
        note: Option<&str>,
    ) -> Result<i64> {
        let Store { conn, path } = self;
        const WHAT: &str = "recording a correction";
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(path, WHAT)?;
        tx.execute(
            "INSERT INTO corrections (action, target, argument, note, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![action.name(), target, argument, note, now()],
        )
        .ctx(path, WHAT)?;
        let id = tx.last_insert_rowid();
        tx.execute("UPDATE corpus_state SET dirty = 1 WHERE id = 1", [])
            .ctx(path, WHAT)?;
        tx.commit().ctx(path, WHAT)?;
        Ok(id)
    }

    /// Undoes correction `id` (it stays listed, marked undone) and marks the corpus stale;
    /// `false` when there is no such active correction.
    pub fn undo_correction(&mut self, id: i64) -> Result<bool> {
        let Store { conn, path } = self;
        const WHAT: &str = "undoing a correction";
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(path, WHAT)?;
        let n = tx
            .execute(
                "UPDATE corrections SET undone_at = ?1 WHERE id = ?2 AND undone_at IS NULL",
                params![now(), id],
            )
            .ctx(path, WHAT)?;
        if n > 0 {
            tx.execute("UPDATE corpus_state SET dirty = 1 WHERE id = 1", [])
                .ctx(path, WHAT)?;
        }
        tx.commit().ctx(path, WHAT)?;
        Ok(n > 0)
    }

    /// Every correction, active and undone, in the order made.
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        corrections_in(&self.conn, &self.path)
    }

    /// The claims `key` names now (none when the document changed or is gone).
    pub fn claims_with_key(&self, key: &ClaimKey) -> Result<Vec<(DocumentId, u32)>> {
        keyed_claims(&self.conn, &self.path, key)
    }

    /// The corrections in force on claim `idx` of `document`.
    pub fn claim_correction(
        &self,
        document: DocumentId,
        idx: u32,
    ) -> Result<Option<(i64, Action)>> {
        const WHAT: &str = "reading a claim's correction";
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT correction_id, action FROM claim_corrections \
                 WHERE document_id = ?1 AND idx = ?2",
                params![document.0, idx],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .ctx(&self.path, WHAT)?;
        Ok(row.and_then(|(id, a)| Action::from_name(&a).map(|a| (id, a))))
    }
}

/// The claim `key` names, if its ordinal is among the matches.
fn keyed_claims(
    conn: &rusqlite::Connection,
    path: &Path,
    key: &ClaimKey,
) -> Result<Vec<(DocumentId, u32)>> {
    const WHAT: &str = "finding a claim by its key";
    let mut stmt = conn.prepare_cached(SELECT_KEYED_CLAIMS).ctx(path, WHAT)?;
    let rows = stmt
        .query_map(
            params![
                key.content.len() as i64,
                key.content,
                key.document_idx,
                key.evidence.0,
                key.evidence.1,
                key.predicate
            ],
            |row| Ok((DocumentId(row.get(0)?), row.get::<_, u32>(1)?)),
        )
        .ctx(path, WHAT)?;
    let all: Vec<(DocumentId, u32)> = rows.collect::<rusqlite::Result<_>>().ctx(path, WHAT)?;
    Ok(all
        .into_iter()
        .nth(key.ordinal as usize)
        .into_iter()
        .collect())
}

impl Batch<'_> {
    /// The corrections as this batch sees them.
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        corrections_in(&self.tx, self.path)
    }

    /// Replaces the record of which claims the active claim corrections hit, finding
    /// each by its key in the claims as they stand; returns the claims hit (a later
    /// correction of the same claim wins).
    pub fn replace_claim_corrections(
        &mut self,
        corrections: &[Correction],
    ) -> Result<Vec<ClaimCorrection>> {
        const WHAT: &str = "recording corrected claims";
        let path = self.path;
        self.tx
            .execute("DELETE FROM claim_corrections", [])
            .ctx(path, WHAT)?;
        let mut hit = Vec::new();
        for c in corrections
            .iter()
            .filter(|c| c.is_active() && c.action.is_about_a_claim())
        {
            let Ok(key) = c.target.parse::<ClaimKey>() else {
                continue;
            };
            for (document, idx) in keyed_claims(&self.tx, path, &key)? {
                self.tx
                    .execute(
                        "INSERT OR REPLACE INTO claim_corrections \
                         (document_id, idx, correction_id, action) VALUES (?1, ?2, ?3, ?4)",
                        params![document.0, idx, c.id, c.action.name()],
                    )
                    .ctx(path, WHAT)?;
                hit.retain(|h: &ClaimCorrection| (h.document, h.idx) != (document, idx));
                hit.push(ClaimCorrection {
                    document,
                    idx,
                    correction: c.id,
                    action: c.action,
                });
            }
        }
        Ok(hit)
    }

    /// Replaces the record of which entities the entity corrections touched.
    pub fn replace_entity_corrections(&mut self, touched: &[(model::EntityId, i64)]) -> Result<()> {
        const WHAT: &str = "recording corrected entities";
        let path = self.path;
        self.tx
            .execute("DELETE FROM entity_corrections", [])
            .ctx(path, WHAT)?;
        let mut stmt = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO entity_corrections (entity_id, correction_id) \
                 VALUES (?1, ?2)",
            )
            .ctx(path, WHAT)?;
        for (entity, correction) in touched {
            stmt.execute(params![entity.0 as i64, correction])
                .ctx(path, WHAT)?;
        }
        Ok(())
    }
}

impl Store {
    /// The active corrections that shaped entity `id`.
    pub fn entity_corrections(&self, id: model::EntityId) -> Result<Vec<Correction>> {
        const WHAT: &str = "reading an entity's corrections";
        let mut stmt = self
            .conn
            .prepare_cached("SELECT correction_id FROM entity_corrections WHERE entity_id = ?1")
            .ctx(&self.path, WHAT)?;
        let ids: Vec<i64> = stmt
            .query_map([id.0 as i64], |row| row.get(0))
            .ctx(&self.path, WHAT)?
            .collect::<rusqlite::Result<_>>()
            .ctx(&self.path, WHAT)?;
        Ok(self
            .corrections()?
            .into_iter()
            .filter(|c| ids.contains(&c.id))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_read_back_as_they_print() {
        let key = ClaimKey {
            content: "3f9a0c1d22e4".into(),
            document_idx: 2,
            evidence: (120, 245),
            predicate: "allied_with".into(),
            ordinal: 1,
        };
        assert_eq!(key.to_string(), "3f9a0c1d22e4:2:120-245:allied_with:1");
        assert_eq!(key.to_string().parse::<ClaimKey>(), Ok(key));
    }

    #[test]
    fn malformed_keys_are_errors() {
        for bad in [
            "",
            "abc",
            "zz:0:1-2:leads:0",
            "ab:0:12:leads:0",
            "ab:x:1-2:leads:0",
            "ab:0:1-2:Leads!:0",
            "ab:0:1-2:leads",
        ] {
            assert!(bad.parse::<ClaimKey>().is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in "\\PC{0,60}") {
            let _ = s.parse::<ClaimKey>();
        }

        #[test]
        fn printed_keys_round_trip(content in "[0-9a-f]{1,12}", d in 0u32..1000, a in 0u32..100_000, b in 0u32..100_000, p in "[a-z_]{1,12}", n in 0u32..9) {
            let key = ClaimKey { content, document_idx: d, evidence: (a, b), predicate: p, ordinal: n };
            prop_assert_eq!(key.to_string().parse::<ClaimKey>(), Ok(key));
        }
    }
}
