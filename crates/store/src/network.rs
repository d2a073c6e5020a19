//! The network: edges aggregated from the claims, replaced whole by the corpus step, and
//! read back filtered, strongest first, with the claims behind each.
//!
//! The store knows nothing of how edges are aggregated: it hands out one
//! [`NetworkRow`] per claim, with the claim's evidence unit (where its first sentence
//! stands once reprints and repeated passages are undone), and keeps what it is given.

use crate::batch::{Batch, DocumentId};
use crate::claims::{
    claim_from_row, named_local, names_in, DocumentLinks, NamedEntity, StoredClaim,
};
use crate::claims::{CLAIMS_JOINED, CLAIM_COLUMNS};
use crate::entities::decode_kind;
use crate::error::{to_u64, Context, Result};
use crate::Store;
use model::{EntityId, EntityKind};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use std::cell::RefCell;
use std::path::Path;

/// The row id of an edge; edges are numbered in the order they were written, strongest
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeId(pub i64);

/// One claim as the network stage reads it: its entities resolved, its evidence unit
/// found through the reprint and repeat links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRow {
    /// The claim's document.
    pub document: DocumentId,
    /// The claim's index in its document.
    pub idx: u32,
    /// Its subject.
    pub subject: NamedEntity,
    /// The predicate's name.
    pub predicate: String,
    /// Its object.
    pub object: NamedEntity,
    /// The modality's name.
    pub modality: String,
    /// The entity it is attributed to.
    pub source: Option<EntityId>,
    /// When, normalised.
    pub time: Option<String>,
    /// The claim's document's date.
    pub date: Option<String>,
    /// The evidence unit's document: the first copy's when the claim's paragraph repeats
    /// an earlier passage or its document reprints an earlier one, else its own.
    pub unit_document: DocumentId,
    /// The evidence unit's paragraph: the first copy's paragraph for a repeat, the claim's
    /// own for a claim of an original; `None` for a reprint's paragraph without a link.
    pub unit_paragraph: Option<u32>,
    /// The outlet of the evidence unit's document.
    pub unit_outlet: Option<String>,
    /// The analyst's correction in force on the claim, if any.
    pub correction: Option<crate::Action>,
}

/// Evidence units of an edge by modality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModalityCounts {
    /// Units stated as fact.
    pub asserted: u32,
    /// Units attributed to someone.
    pub reported: u32,
    /// Hedged units.
    pub alleged: u32,
    /// Units stated as possible.
    pub hypothetical: u32,
    /// Units that deny it.
    pub denied: u32,
}

/// What an edge's claims add up to, as the network stage computed it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeSummary {
    /// Distinct evidence units.
    pub n_evidence: u32,
    /// The units by modality.
    pub modalities: ModalityCounts,
    /// The earliest time its claims give, normalised.
    pub first_time: Option<String>,
    /// The latest time its claims give, normalised.
    pub last_time: Option<String>,
    /// The first and last day (`YYYYMMDD`) those times cover.
    pub time_bounds: Option<(u32, u32)>,
    /// The earliest date of a document stating it.
    pub first_reported: Option<String>,
    /// The latest date of a document stating it.
    pub last_reported: Option<String>,
    /// Distinct sources.
    pub n_sources: u32,
    /// Distinct outlets (a reprint counts for its first copy's).
    pub n_outlets: u32,
    /// One source asserts or reports it, another denies it.
    pub contested: bool,
    /// At most one outlet states it.
    pub single_outlet: bool,
    /// One source states it.
    pub single_source: bool,
    /// Its rank, strongest first.
    pub strength: f64,
    /// Claims behind it that an analyst confirmed.
    pub n_confirmed: u32,
}

/// One claim behind an edge and its evidence unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeClaimRecord {
    /// The claim's document.
    pub document: DocumentId,
    /// The claim's index in it.
    pub idx: u32,
    /// The evidence unit's document.
    pub unit_document: DocumentId,
    /// The evidence unit's paragraph.
    pub unit_paragraph: Option<u32>,
}

/// One edge as [`Batch::replace_network`] writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRecord {
    /// The subject.
    pub subject: EntityId,
    /// The predicate's name.
    pub predicate: String,
    /// The object.
    pub object: EntityId,
    /// Whether the predicate is symmetric (the pair is then ordered by id).
    pub symmetric: bool,
    /// Its aggregates.
    pub summary: EdgeSummary,
    /// The claims behind it.
    pub claims: Vec<EdgeClaimRecord>,
}

/// One stored edge, its entities named.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEdge {
    /// Its id.
    pub id: EdgeId,
    /// The subject.
    pub subject: NamedEntity,
    /// The predicate's name.
    pub predicate: String,
    /// The object.
    pub object: NamedEntity,
    /// Whether the predicate is symmetric.
    pub symmetric: bool,
    /// How many claims stand behind it.
    pub n_claims: u32,
    /// Its aggregates.
    pub summary: EdgeSummary,
}

/// One claim of an edge with its provenance, as [`Store::edge_claims`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeEvidence {
    /// The edge.
    pub edge: EdgeId,
    /// The claim's key and evidence unit.
    pub key: EdgeClaimRecord,
    /// The claim, with its evidence sentence, outlet, date, modality and source.
    pub claim: StoredClaim,
}

/// An entity with at least one edge, as [`Store::network_entities`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkEntity {
    /// Its id.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
}

/// Which edges [`Store::edges`] returns; every field given narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeFilter {
    /// Only edges whose subject is one of these (either end, for a symmetric predicate).
    pub subjects: Option<Vec<EntityId>>,
    /// Only edges whose object is one of these (either end, for a symmetric predicate).
    pub objects: Option<Vec<EntityId>>,
    /// Only edges with this predicate name.
    pub predicate: Option<String>,
    /// Only edges with at least one evidence unit of this modality name.
    pub modality: Option<String>,
    /// Only edges whose times reach this day (`YYYYMMDD`) or later; untimed edges drop out.
    pub since: Option<u32>,
    /// Only edges whose times start on this day (`YYYYMMDD`) or earlier; untimed edges
    /// drop out.
    pub until: Option<u32>,
    /// Only edges with an evidence unit in a document of this outlet.
    pub outlet: Option<String>,
    /// Only edges with at least this many evidence units.
    pub min_evidence: u32,
    /// At most this many.
    pub limit: Option<usize>,
}

const INSERT_EDGE: &str = "INSERT INTO edges (subject, predicate, object, symmetric, n_claims, \
    n_evidence, n_asserted, n_reported, n_alleged, n_hypothetical, n_denied, first_time, \
    last_time, time_start, time_end, first_reported, last_reported, n_sources, n_outlets, \
    contested, single_outlet, single_source, strength, n_confirmed) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
    ?19, ?20, ?21, ?22, ?23, ?24)";

const INSERT_EDGE_CLAIM: &str = "INSERT OR IGNORE INTO edge_claims (edge_id, document_id, idx, \
    unit_document_id, unit_paragraph_idx) VALUES (?1, ?2, ?3, ?4, ?5)";

const EDGE_COLUMNS: &str = "e.id, e.subject, es.name, e.predicate, e.object, eo.name, \
    e.symmetric, e.n_claims, e.n_evidence, e.n_asserted, e.n_reported, e.n_alleged, \
    e.n_hypothetical, e.n_denied, e.first_time, e.last_time, e.time_start, e.time_end, \
    e.first_reported, e.last_reported, e.n_sources, e.n_outlets, e.contested, \
    e.single_outlet, e.single_source, e.strength, e.n_confirmed";

const EDGES_JOINED: &str = "edges e JOIN entities es ON es.id = e.subject \
    JOIN entities eo ON eo.id = e.object";

/// Every claim with its evidence unit, in document and claim order. The unit comes from
/// the repeat link of the paragraph of the claim's first sentence, else the document's
/// reprint link, else the claim's own document and paragraph.
const SELECT_NETWORK_ROWS: &str = "SELECT c.document_id, c.idx, c.subject, c.predicate, \
    c.object, c.modality, c.source, c.time, d.date, c.paragraph_idx, rp.canonical_id, \
    rp.canonical_paragraph_idx, r.canonical_id, ud.outlet, cc.action \
    FROM claims c \
    JOIN documents d ON d.id = c.document_id \
    LEFT JOIN repeats rp ON rp.document_id = c.document_id AND rp.paragraph_idx = c.paragraph_idx \
    LEFT JOIN reprints r ON r.document_id = c.document_id \
    LEFT JOIN documents ud ON ud.id = COALESCE(rp.canonical_id, r.canonical_id, c.document_id) \
    LEFT JOIN claim_corrections cc ON cc.document_id = c.document_id AND cc.idx = c.idx \
    ORDER BY c.document_id, c.idx";

impl Batch<'_> {
    /// Calls `f` with every claim whose subject and object have corpus entities, with its
    /// evidence unit, reading this batch's own writes (the corpus and duplicate links
    /// just replaced); returns how many there were. Rows stream: none is kept.
    pub fn for_each_network_row(&self, f: impl FnMut(NetworkRow) -> Result<()>) -> Result<u64> {
        network_rows(&self.tx, self.path, f)
    }

    /// Replaces every edge and edge claim with `edges`, numbered in the order given;
    /// returns how many were written.
    pub fn replace_network(&mut self, edges: impl IntoIterator<Item = EdgeRecord>) -> Result<u64> {
        let path = self.path;
        self.tx
            .execute_batch("DELETE FROM edge_claims; DELETE FROM edges;")
            .ctx(path, "deleting the network")?;
        let mut insert = self
            .tx
            .prepare_cached(INSERT_EDGE)
            .ctx(path, "inserting an edge")?;
        let mut insert_claim = self
            .tx
            .prepare_cached(INSERT_EDGE_CLAIM)
            .ctx(path, "inserting an edge's claim")?;
        let mut n = 0;
        for e in edges {
            let s = &e.summary;
            let m = &s.modalities;
            insert
                .execute(params![
                    e.subject.0 as i64,
                    e.predicate,
                    e.object.0 as i64,
                    e.symmetric,
                    e.claims.len() as i64,
                    s.n_evidence,
                    m.asserted,
                    m.reported,
                    m.alleged,
                    m.hypothetical,
                    m.denied,
                    s.first_time,
                    s.last_time,
                    s.time_bounds.map(|b| b.0),
                    s.time_bounds.map(|b| b.1),
                    s.first_reported,
                    s.last_reported,
                    s.n_sources,
                    s.n_outlets,
                    s.contested,
                    s.single_outlet,
                    s.single_source,
                    s.strength,
                    s.n_confirmed,
                ])
                .ctx(path, "inserting an edge")?;
            let id = self.tx.last_insert_rowid();
            for c in &e.claims {
                insert_claim
                    .execute(params![
                        id,
                        c.document.0,
                        c.idx,
                        c.unit_document.0,
                        c.unit_paragraph
                    ])
                    .ctx(path, "inserting an edge's claim")?;
            }
            n += 1;
        }
        Ok(n)
    }
}

impl Store {
    /// [`Batch::for_each_network_row`] over what is committed.
    pub fn for_each_network_row(&self, f: impl FnMut(NetworkRow) -> Result<()>) -> Result<u64> {
        let _snapshot = self.snapshot()?;
        network_rows(&self.conn, &self.path, f)
    }

    /// The edges that pass `filter`, strongest first (then most evidence, then id).
    pub fn edges(&self, filter: &EdgeFilter) -> Result<Vec<StoredEdge>> {
        let mut all = Vec::new();
        self.for_each_edge(filter, |e| {
            all.push(e.clone());
            Ok(())
        })?;
        Ok(all)
    }

    /// Calls `f` with every edge that passes `filter`, in the order of [`Store::edges`],
    /// keeping none in memory; returns how many there were.
    pub fn for_each_edge(
        &self,
        filter: &EdgeFilter,
        mut f: impl FnMut(&StoredEdge) -> Result<()>,
    ) -> Result<u64> {
        let path = self.path.as_path();
        const WHAT: &str = "reading edges";
        let (conditions, values) = edge_conditions(filter);
        let sql = format!(
            "SELECT {EDGE_COLUMNS} FROM {EDGES_JOINED} WHERE {conditions} \
             ORDER BY e.strength DESC, e.n_evidence DESC, e.id LIMIT {}",
            filter.limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64)
        );
        let _snapshot = self.snapshot()?;
        let mut stmt = self.conn.prepare(&sql).ctx(path, WHAT)?;
        let mut rows = stmt.query(params_from_iter(values)).ctx(path, WHAT)?;
        let mut n = 0;
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            f(&edge_from_row(path, row)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// The edge with this id, if there is one.
    pub fn edge(&self, id: EdgeId) -> Result<Option<StoredEdge>> {
        let path = self.path.as_path();
        let sql = format!("SELECT {EDGE_COLUMNS} FROM {EDGES_JOINED} WHERE e.id = ?1");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .ctx(path, "reading an edge")?;
        let mut rows = stmt.query([id.0]).ctx(path, "reading an edge")?;
        match rows.next().ctx(path, "reading an edge")? {
            Some(row) => edge_from_row(path, row).map(Some),
            None => Ok(None),
        }
    }

    /// The claims behind an edge, in document and claim order, each with its evidence
    /// and provenance; claims gone since the network was built are left out.
    pub fn edge_claims(&self, id: EdgeId) -> Result<Vec<EdgeEvidence>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading an edge's claims";
        let sql = format!(
            "SELECT ec.edge_id, ec.document_id, ec.idx, ec.unit_document_id, \
             ec.unit_paragraph_idx, {CLAIM_COLUMNS} FROM edge_claims ec JOIN {CLAIMS_JOINED} \
             WHERE ec.edge_id = ?1 AND c.document_id = ec.document_id AND c.idx = ec.idx \
             ORDER BY ec.document_id, ec.idx"
        );
        let _snapshot = self.snapshot()?;
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
        let mut cache = DocumentLinks::default();
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            if let Some(e) = evidence_from_row(&self.conn, path, row, &name_of, &mut cache)? {
                out.push(e);
            }
        }
        match failed.into_inner() {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Calls `f` with every claim of every edge, edge by edge in id order (strongest
    /// first), keeping none in memory; returns how many there were.
    pub fn for_each_edge_claim(
        &self,
        mut f: impl FnMut(&EdgeEvidence) -> Result<()>,
    ) -> Result<u64> {
        let path = self.path.as_path();
        const WHAT: &str = "reading the edges' claims";
        let sql = format!(
            "SELECT ec.edge_id, ec.document_id, ec.idx, ec.unit_document_id, \
             ec.unit_paragraph_idx, {CLAIM_COLUMNS} FROM edge_claims ec JOIN {CLAIMS_JOINED} \
             WHERE c.document_id = ec.document_id AND c.idx = ec.idx \
             ORDER BY ec.edge_id, ec.document_id, ec.idx"
        );
        let _snapshot = self.snapshot()?;
        let names = names_in(&self.conn, path)?;
        let name_of = |id: EntityId| names.get(&id).cloned();
        let mut stmt = self.conn.prepare(&sql).ctx(path, WHAT)?;
        let mut rows = stmt.query([]).ctx(path, WHAT)?;
        let mut cache = DocumentLinks::default();
        let mut n = 0;
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            if let Some(e) = evidence_from_row(&self.conn, path, row, &name_of, &mut cache)? {
                f(&e)?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// The entities with at least one edge, by id.
    pub fn network_entities(&self) -> Result<Vec<NetworkEntity>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading the network's entities";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, kind FROM entities WHERE id IN \
                 (SELECT subject FROM edges UNION SELECT object FROM edges) ORDER BY id",
            )
            .ctx(path, WHAT)?;
        let mut rows = stmt.query([]).ctx(path, WHAT)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            out.push(NetworkEntity {
                id: EntityId(row.get::<_, i64>(0).ctx(path, WHAT)? as u64),
                name: row.get(1).ctx(path, WHAT)?,
                kind: decode_kind(path, &row.get::<_, String>(2).ctx(path, WHAT)?)?,
            });
        }
        Ok(out)
    }

    /// How many edges the store holds.
    pub fn edge_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM edges", [], |row| row.get(0))
            .ctx(&self.path, "counting edges")?;
        to_u64(&self.path, "edge count", n)
    }

    /// The canonical name of entity `id`, if there is one.
    pub(crate) fn entity_name(&self, id: EntityId) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT name FROM entities WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0 as i64], |row| row.get(0)).optional())
            .ctx(&self.path, "reading an entity's name")
    }
}

/// The rows of [`SELECT_NETWORK_ROWS`] through `conn`, named, to `f`.
fn network_rows(
    conn: &Connection,
    path: &Path,
    mut f: impl FnMut(NetworkRow) -> Result<()>,
) -> Result<u64> {
    const WHAT: &str = "reading claims for the network";
    let names = names_in(conn, path)?;
    let mut cache = DocumentLinks::default();
    let mut stmt = conn.prepare(SELECT_NETWORK_ROWS).ctx(path, WHAT)?;
    let mut rows = stmt.query([]).ctx(path, WHAT)?;
    let mut n = 0;
    while let Some(row) = rows.next().ctx(path, WHAT)? {
        let document: i64 = row.get(0).ctx(path, WHAT)?;
        let links = cache.of(conn, path, document)?;
        let name_of = |id: EntityId| names.get(&id).cloned();
        let entity = |col: usize| named_local(path, row, col, links, &name_of);
        let (Some(subject), Some(object)) = (entity(2)?, entity(4)?) else {
            continue;
        };
        let paragraph: Option<u32> = row.get(9).ctx(path, WHAT)?;
        let repeat: Option<(i64, u32)> =
            match (row.get(10).ctx(path, WHAT)?, row.get(11).ctx(path, WHAT)?) {
                (Some(d), Some(p)) => Some((d, p)),
                _ => None,
            };
        let reprint: Option<i64> = row.get(12).ctx(path, WHAT)?;
        let (unit_document, unit_paragraph) = match (repeat, reprint) {
            (Some((d, p)), _) => (d, Some(p)),
            (None, Some(d)) => (d, None),
            (None, None) => (document, paragraph),
        };
        f(NetworkRow {
            document: DocumentId(document),
            idx: row.get(1).ctx(path, WHAT)?,
            source: entity(6)?.map(|e| e.id),
            subject,
            predicate: row.get(3).ctx(path, WHAT)?,
            object,
            modality: row.get(5).ctx(path, WHAT)?,
            time: row.get(7).ctx(path, WHAT)?,
            date: row.get(8).ctx(path, WHAT)?,
            unit_document: DocumentId(unit_document),
            unit_paragraph,
            unit_outlet: row.get(13).ctx(path, WHAT)?,
            correction: row
                .get::<_, Option<String>>(14)
                .ctx(path, WHAT)?
                .as_deref()
                .and_then(crate::Action::from_name),
        })?;
        n += 1;
    }
    Ok(n)
}

/// The `WHERE` conditions of `filter` and their parameters.
fn edge_conditions(filter: &EdgeFilter) -> (String, Vec<Value>) {
    let mut conditions = vec!["1".to_string()];
    let mut values = Vec::new();
    let list = |ids: &[EntityId], values: &mut Vec<Value>| {
        values.extend(ids.iter().map(|id| Value::Integer(id.0 as i64)));
        format!("({})", vec!["?"; ids.len()].join(", "))
    };
    match (&filter.subjects, &filter.objects) {
        (None, None) => {}
        (Some(s), None) | (None, Some(s)) => {
            let (near, far) = if filter.subjects.is_some() {
                ("subject", "object")
            } else {
                ("object", "subject")
            };
            let a = list(s, &mut values);
            let b = list(s, &mut values);
            conditions.push(format!(
                "(e.{near} IN {a} OR (e.symmetric = 1 AND e.{far} IN {b}))"
            ));
        }
        (Some(s), Some(o)) => {
            let (s1, o1) = (list(s, &mut values), list(o, &mut values));
            let (o2, s2) = (list(o, &mut values), list(s, &mut values));
            conditions.push(format!(
                "((e.subject IN {s1} AND e.object IN {o1}) OR \
                 (e.symmetric = 1 AND e.subject IN {o2} AND e.object IN {s2}))"
            ));
        }
    }
    if let Some(p) = &filter.predicate {
        conditions.push("e.predicate = ?".into());
        values.push(Value::Text(p.clone()));
    }
    if let Some(m) = &filter.modality {
        conditions.push(match modality_column(m) {
            Some(column) => format!("e.{column} > 0"),
            None => "0".into(),
        });
    }
    if let Some(since) = filter.since {
        conditions.push("e.time_end >= ?".into());
        values.push(Value::Integer(since.into()));
    }
    if let Some(until) = filter.until {
        conditions.push("e.time_start <= ?".into());
        values.push(Value::Integer(until.into()));
    }
    if let Some(outlet) = &filter.outlet {
        conditions.push(
            "EXISTS (SELECT 1 FROM edge_claims ec JOIN documents d ON d.id = ec.unit_document_id \
             WHERE ec.edge_id = e.id AND d.outlet = ?)"
                .into(),
        );
        values.push(Value::Text(outlet.clone()));
    }
    if filter.min_evidence > 0 {
        conditions.push("e.n_evidence >= ?".into());
        values.push(Value::Integer(filter.min_evidence.into()));
    }
    (conditions.join(" AND "), values)
}

/// The column counting units of the modality named `name`.
fn modality_column(name: &str) -> Option<&'static str> {
    Some(match name {
        "asserted" => "n_asserted",
        "reported" => "n_reported",
        "alleged" => "n_alleged",
        "hypothetical" => "n_hypothetical",
        "denied" => "n_denied",
        _ => return None,
    })
}

/// The edge in `row`, whose columns are [`EDGE_COLUMNS`].
fn edge_from_row(path: &Path, row: &rusqlite::Row<'_>) -> Result<StoredEdge> {
    const WHAT: &str = "reading edges";
    let int = |at: usize| -> Result<u32> {
        let n: i64 = row.get(at).ctx(path, WHAT)?;
        Ok(to_u64(path, "edge count", n)?.min(u64::from(u32::MAX)) as u32)
    };
    let named = |at: usize| -> Result<NamedEntity> {
        Ok(NamedEntity {
            id: EntityId(row.get::<_, i64>(at).ctx(path, WHAT)? as u64),
            name: row.get(at + 1).ctx(path, WHAT)?,
        })
    };
    let start: Option<u32> = row.get(16).ctx(path, WHAT)?;
    let end: Option<u32> = row.get(17).ctx(path, WHAT)?;
    Ok(StoredEdge {
        id: EdgeId(row.get(0).ctx(path, WHAT)?),
        subject: named(1)?,
        predicate: row.get(3).ctx(path, WHAT)?,
        object: named(4)?,
        symmetric: row.get(6).ctx(path, WHAT)?,
        n_claims: int(7)?,
        summary: EdgeSummary {
            n_evidence: int(8)?,
            modalities: ModalityCounts {
                asserted: int(9)?,
                reported: int(10)?,
                alleged: int(11)?,
                hypothetical: int(12)?,
                denied: int(13)?,
            },
            first_time: row.get(14).ctx(path, WHAT)?,
            last_time: row.get(15).ctx(path, WHAT)?,
            time_bounds: start.zip(end),
            first_reported: row.get(18).ctx(path, WHAT)?,
            last_reported: row.get(19).ctx(path, WHAT)?,
            n_sources: int(20)?,
            n_outlets: int(21)?,
            contested: row.get(22).ctx(path, WHAT)?,
            single_outlet: row.get(23).ctx(path, WHAT)?,
            single_source: row.get(24).ctx(path, WHAT)?,
            strength: row.get(25).ctx(path, WHAT)?,
            n_confirmed: int(26)?,
        },
    })
}

/// The edge claim in `row`: edge id, claim key and unit, then [`CLAIM_COLUMNS`]; `None`
/// when its entities are gone.
fn evidence_from_row(
    conn: &Connection,
    path: &Path,
    row: &rusqlite::Row<'_>,
    name_of: &dyn Fn(EntityId) -> Option<String>,
    cache: &mut DocumentLinks,
) -> Result<Option<EdgeEvidence>> {
    const WHAT: &str = "reading an edge's claims";
    let document: i64 = row.get(1).ctx(path, WHAT)?;
    let links = cache.of(conn, path, document)?;
    let Some(claim) = claim_from_row(path, row, 5, name_of, links)? else {
        return Ok(None);
    };
    Ok(Some(EdgeEvidence {
        edge: EdgeId(row.get(0).ctx(path, WHAT)?),
        key: EdgeClaimRecord {
            document: DocumentId(document),
            idx: row.get(2).ctx(path, WHAT)?,
            unit_document: DocumentId(row.get(3).ctx(path, WHAT)?),
            unit_paragraph: row.get(4).ctx(path, WHAT)?,
        },
        claim,
    }))
}
