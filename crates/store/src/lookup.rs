//! Lookups by id for readers that show one thing at a time (the server): an entity, a
//! document's provenance, a document's claims with their spans and edges.

use crate::batch::DocumentId;
use crate::claims::{claim_from_row, StoredClaim, CLAIMS_JOINED, CLAIM_COLUMNS, N_CLAIM_COLUMNS};
use crate::entities::{decode_kind, links_in, EntitySummary};
use crate::error::{Context, Result};
use crate::network::EdgeId;
use crate::Store;
use model::{EntityId, EntityKind, Span};
use rusqlite::OptionalExtension;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

/// Where a document comes from and what it says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Its id.
    pub id: DocumentId,
    /// The path of its file.
    pub path: String,
    /// Its index in that file.
    pub idx: u32,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its author.
    pub author: Option<String>,
    /// Its date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Its URL.
    pub url: Option<String>,
}

/// One claim of a document, with where it stands and the edge it went into.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentClaim {
    /// Its index in the document.
    pub idx: u32,
    /// The first and last sentence stating it.
    pub sentences: (u32, u32),
    /// The evidence span in the document's text.
    pub evidence: Span,
    /// The edge it stands behind, if the network holds it.
    pub edge: Option<EdgeId>,
    /// The claim with its entities named.
    pub claim: StoredClaim,
}

/// The columns [`document_info_from_row`] reads, over `documents d JOIN files f`.
pub(crate) const DOCUMENT_INFO_COLUMNS: &str =
    "d.id, f.path, d.idx, d.title, d.outlet, d.author, d.date, d.url";

/// The document's provenance in `row`, whose columns from `at` on are
/// [`DOCUMENT_INFO_COLUMNS`].
pub(crate) fn document_info_from_row(
    path: &Path,
    row: &rusqlite::Row<'_>,
    at: usize,
) -> Result<DocumentInfo> {
    const WHAT: &str = "reading a document's provenance";
    Ok(DocumentInfo {
        id: DocumentId(row.get(at).ctx(path, WHAT)?),
        path: row.get(at + 1).ctx(path, WHAT)?,
        idx: row.get(at + 2).ctx(path, WHAT)?,
        title: row.get(at + 3).ctx(path, WHAT)?,
        outlet: row.get(at + 4).ctx(path, WHAT)?,
        author: row.get(at + 5).ctx(path, WHAT)?,
        date: row.get(at + 6).ctx(path, WHAT)?,
        url: row.get(at + 7).ctx(path, WHAT)?,
    })
}

impl Store {
    /// The corpus entity with this id, with its other names; `None` when there is none.
    pub fn entity(&self, id: EntityId) -> Result<Option<EntitySummary>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading an entity";
        let _snapshot = self.snapshot()?;
        let found = self
            .conn
            .prepare_cached(
                "SELECT name, kind, kb_entry, n_mentions, n_documents FROM entities WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id.0 as i64], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                })
                .optional()
            })
            .ctx(path, WHAT)?;
        let Some((name, kind, kb_entry, n_mentions, n_documents)) = found else {
            return Ok(None);
        };
        let aliases = self
            .conn
            .prepare_cached("SELECT name FROM entity_names WHERE entity_id = ?1 ORDER BY name")
            .and_then(|mut s| {
                s.query_map([id.0 as i64], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .ctx(path, WHAT)?
            .into_iter()
            .filter(|n| *n != name)
            .collect();
        Ok(Some(EntitySummary {
            id,
            kind: decode_kind(path, &kind)?,
            name,
            kb_entry,
            n_mentions,
            n_documents,
            aliases,
        }))
    }

    /// The kinds of those of `ids` that are corpus entities.
    pub fn entity_kinds(&self, ids: &[EntityId]) -> Result<HashMap<EntityId, EntityKind>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading entity kinds";
        /// Ids per statement: one statement for many ids costs far less than one each.
        const CHUNK: usize = 256;
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT id, kind FROM entities WHERE id IN ({})",
                vec!["?"; chunk.len()].join(", ")
            );
            let mut stmt = self.conn.prepare(&sql).ctx(path, WHAT)?;
            let values = chunk.iter().map(|id| id.0 as i64);
            let mut rows = stmt
                .query(rusqlite::params_from_iter(values))
                .ctx(path, WHAT)?;
            while let Some(row) = rows.next().ctx(path, WHAT)? {
                let id = EntityId(row.get::<_, i64>(0).ctx(path, WHAT)? as u64);
                let kind: String = row.get(1).ctx(path, WHAT)?;
                out.insert(id, decode_kind(path, &kind)?);
            }
        }
        Ok(out)
    }

    /// Where the document with this id comes from; `None` when there is none.
    pub fn document_info(&self, id: DocumentId) -> Result<Option<DocumentInfo>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading a document's provenance";
        let sql = format!(
            "SELECT {DOCUMENT_INFO_COLUMNS} FROM documents d JOIN files f ON f.id = d.file_id \
             WHERE d.id = ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql).ctx(path, WHAT)?;
        let mut rows = stmt.query([id.0]).ctx(path, WHAT)?;
        match rows.next().ctx(path, WHAT)? {
            Some(row) => document_info_from_row(path, row, 0).map(Some),
            None => Ok(None),
        }
    }

    /// The claims of a document in order, with their spans and edges; claims whose
    /// entities the corpus step has not named are left out.
    pub fn document_claims(&self, id: DocumentId) -> Result<Vec<DocumentClaim>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading a document's claims";
        let sql = format!(
            "SELECT {CLAIM_COLUMNS}, c.idx, c.first_sentence, c.last_sentence, \
             c.evidence_start, c.evidence_end, (SELECT MIN(ec.edge_id) FROM edge_claims ec \
             WHERE ec.document_id = c.document_id AND ec.idx = c.idx) \
             FROM {CLAIMS_JOINED} WHERE c.document_id = ?1 ORDER BY c.idx"
        );
        let _snapshot = self.snapshot()?;
        let links = links_in(&self.conn, path, id.0)?;
        let failed = RefCell::new(None);
        let name_of = |id: EntityId| match self.entity_name(id) {
            Ok(name) => name,
            Err(e) => {
                failed.borrow_mut().get_or_insert(e);
                None
            }
        };
        let mut stmt = self.conn.prepare_cached(&sql).ctx(path, WHAT)?;
        let mut rows = stmt.query([id.0]).ctx(path, WHAT)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            let Some(claim) = claim_from_row(path, row, 0, &name_of, &links)? else {
                continue;
            };
            let at = N_CLAIM_COLUMNS;
            out.push(DocumentClaim {
                idx: row.get(at).ctx(path, WHAT)?,
                sentences: (
                    row.get(at + 1).ctx(path, WHAT)?,
                    row.get(at + 2).ctx(path, WHAT)?,
                ),
                evidence: Span {
                    start: row.get(at + 3).ctx(path, WHAT)?,
                    end: row.get(at + 4).ctx(path, WHAT)?,
                },
                edge: row
                    .get::<_, Option<i64>>(at + 5)
                    .ctx(path, WHAT)?
                    .map(EdgeId),
                claim,
            });
        }
        match failed.into_inner() {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }
}
