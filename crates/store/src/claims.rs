//! Claims: written with their document, read back with their entities' corpus names, the
//! evidence sentence, and the document's outlet and date.

use crate::batch::{Batch, DocumentId};
use crate::entities::links_in;
use crate::error::{to_u64, Context, Result};
use crate::Store;
use model::{Document, EntityId, Span};
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One claim as [`Batch::add_claims`] writes it: the claims stage's output with its
/// names as text, its entities as the document's local entity indices.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRecord {
    /// The subject's local entity.
    pub subject: u32,
    /// The predicate's ontology name (`leads`, `member_of` …).
    pub predicate: String,
    /// The object's local entity.
    pub object: u32,
    /// `asserted`, `reported`, `alleged`, `denied` or `hypothetical`.
    pub modality: String,
    /// The local entity it is attributed to.
    pub source: Option<u32>,
    /// The local entity (a place) where it happened.
    pub place: Option<u32>,
    /// When, normalised (`2014-06`, `2014-06-09/2014-07-15`).
    pub time: Option<String>,
    /// For attacks: how many people were killed or affected.
    pub count: Option<u32>,
    /// The subject's office as the text words it.
    pub role: Option<String>,
    /// How support was given (arms, funding, training …).
    pub means: Option<String>,
    /// The kind of attack.
    pub kind: Option<String>,
    /// What a designation lists the object as.
    pub as_what: Option<String>,
    /// The first and last sentence stating it.
    pub sentences: (u32, u32),
    /// The evidence span in the document's text.
    pub evidence: Span,
    /// The mentions it links: subject, object, source, place.
    pub mentions: (u32, u32, Option<u32>, Option<u32>),
    /// The rule that produced it.
    pub rule: String,
    /// How sure the rule is, 0–1.
    pub confidence: f32,
}

/// Which claims [`Store::claims`] returns; every field given narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Only claims whose subject is one of these entities.
    pub subjects: Option<Vec<EntityId>>,
    /// Only claims whose object is one of these entities.
    pub objects: Option<Vec<EntityId>>,
    /// Only claims with this predicate name.
    pub predicate: Option<String>,
    /// Only claims with this modality name.
    pub modality: Option<String>,
}

/// A named entity of a stored claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedEntity {
    /// Its corpus id.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
}

/// One stored claim, with its corpus entities and its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredClaim {
    /// The input file's path.
    pub path: String,
    /// The document's index in its file.
    pub document_idx: u32,
    /// The document's title.
    pub title: Option<String>,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// The document's date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Who or what it is about.
    pub subject: NamedEntity,
    /// The predicate's name.
    pub predicate: String,
    /// The other side.
    pub object: NamedEntity,
    /// Its modality's name.
    pub modality: String,
    /// Whom it is attributed to.
    pub source: Option<NamedEntity>,
    /// Where it happened.
    pub place: Option<NamedEntity>,
    /// When, normalised.
    pub time: Option<String>,
    /// For attacks, how many.
    pub count: Option<u32>,
    /// The subject's office.
    pub role: Option<String>,
    /// How support was given.
    pub means: Option<String>,
    /// The kind of attack.
    pub kind: Option<String>,
    /// What a designation lists the object as.
    pub as_what: Option<String>,
    /// The evidence, verbatim (untrusted text).
    pub evidence: String,
    /// The rule that produced it.
    pub rule: String,
    /// How sure the rule is.
    pub confidence: f32,
    /// Its stable name, for corrections ([`crate::ClaimKey`] printed).
    pub key: String,
    /// The correction in force on it: its number and whether it rejects or confirms it.
    pub correction: Option<(i64, crate::Action)>,
}

const INSERT_CLAIM: &str = "INSERT INTO claims (document_id, idx, subject, predicate, object, \
    modality, source, place, time, count, role, means, kind, as_what, first_sentence, \
    last_sentence, evidence_start, evidence_end, mentions, rule, confidence, paragraph_idx) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
    ?19, ?20, ?21, ?22)";

/// The columns [`claim_from_row`] reads, from `CLAIM_COLUMNS_AT` on, over
/// `CLAIMS_JOINED`.
pub(crate) const CLAIM_COLUMNS: &str = "c.document_id, f.path, d.idx, d.title, d.outlet, \
    d.date, c.predicate, c.modality, c.time, c.count, c.role, c.means, c.kind, c.as_what, \
    CAST(substr(CAST(d.text AS BLOB), c.evidence_start + 1, c.evidence_end - c.evidence_start) AS TEXT), \
    c.rule, c.confidence, c.subject, c.object, c.source, c.place, f.content_hash, \
    c.evidence_start, c.evidence_end, (SELECT COUNT(*) FROM claims k \
    WHERE k.document_id = c.document_id AND k.idx < c.idx AND k.predicate = c.predicate \
    AND k.evidence_start = c.evidence_start AND k.evidence_end = c.evidence_end), \
    (SELECT cc.correction_id FROM claim_corrections cc \
    WHERE cc.document_id = c.document_id AND cc.idx = c.idx), \
    (SELECT cc.action FROM claim_corrections cc \
    WHERE cc.document_id = c.document_id AND cc.idx = c.idx)";

/// How many columns [`CLAIM_COLUMNS`] has: a query's own columns after it start here.
pub(crate) const N_CLAIM_COLUMNS: usize = 27;

/// Claims with their documents and files, for [`CLAIM_COLUMNS`].
pub(crate) const CLAIMS_JOINED: &str = "claims c \
    JOIN documents d ON d.id = c.document_id \
    JOIN files f ON f.id = d.file_id";

/// The claims of [`Store::for_each_claim`], by predicate and modality.
fn select_claims() -> String {
    format!(
        "SELECT {CLAIM_COLUMNS} FROM {CLAIMS_JOINED} \
         WHERE (?1 IS NULL OR c.predicate = ?1) AND (?2 IS NULL OR c.modality = ?2) \
         ORDER BY f.path, d.idx, c.idx"
    )
}

impl Batch<'_> {
    /// Writes the claims of `doc` (stored as `document`), numbered in order, each with the
    /// paragraph of its first sentence, and indexes their sentences for
    /// [`Store::search`](crate::Store::search).
    pub fn add_claims(
        &mut self,
        document: DocumentId,
        doc: &Document,
        claims: &[ClaimRecord],
    ) -> Result<()> {
        if claims.is_empty() {
            return Ok(());
        }
        let path = self.path;
        let mut stmt = self
            .tx
            .prepare_cached(INSERT_CLAIM)
            .ctx(path, "inserting a claim")?;
        for (idx, c) in claims.iter().enumerate() {
            let (sm, om, srcm, plm) = c.mentions;
            let opt = |m: Option<u32>| m.map_or_else(|| "-".to_string(), |m| m.to_string());
            let mentions = format!("{sm},{om},{},{}", opt(srcm), opt(plm));
            let paragraph = doc
                .sentences
                .get(c.sentences.0 as usize)
                .map(|s| s.paragraph_idx);
            stmt.execute(params![
                document.0,
                idx as i64,
                c.subject,
                c.predicate,
                c.object,
                c.modality,
                c.source,
                c.place,
                c.time,
                c.count,
                c.role,
                c.means,
                c.kind,
                c.as_what,
                c.sentences.0,
                c.sentences.1,
                c.evidence.start,
                c.evidence.end,
                mentions,
                c.rule,
                f64::from(c.confidence),
                paragraph,
            ])
            .ctx(path, "inserting a claim")?;
        }
        drop(stmt);
        self.index_claim_sentences(document, doc, claims)
    }
}

impl Store {
    /// The claims that pass `filter`, in file, document and claim order, each with its
    /// entities' corpus names (through the document's links) and its document's
    /// provenance. Claims whose subject or object has no corpus entity yet (the corpus
    /// step has not run) are left out.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<StoredClaim>> {
        let mut all = Vec::new();
        self.for_each_claim(filter, |c| {
            all.push(c.clone());
            Ok(())
        })?;
        Ok(all)
    }

    /// Calls `f` with every claim that passes `filter`, in the order of
    /// [`Store::claims`], keeping none in memory; returns how many there were.
    pub fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        mut f: impl FnMut(&StoredClaim) -> Result<()>,
    ) -> Result<u64> {
        let path = self.path.as_path();
        const WHAT: &str = "reading claims";
        let _snapshot = self.snapshot()?;
        let names = self.entity_names()?;
        let documents = self.documents_of_all(filter)?;
        let mut stmt = self.conn.prepare_cached(&select_claims()).ctx(path, WHAT)?;
        let mut rows = stmt
            .query(params![filter.predicate, filter.modality])
            .ctx(path, WHAT)?;
        let keep = |ids: &Option<Vec<EntityId>>, id: EntityId| {
            ids.as_ref().is_none_or(|ids| ids.contains(&id))
        };
        let mut cache = DocumentLinks::default();
        let mut n = 0u64;
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            let document: i64 = row.get(0).ctx(path, WHAT)?;
            if documents.as_ref().is_some_and(|d| !d.contains(&document)) {
                continue;
            }
            let links = cache.of(&self.conn, path, document)?;
            let Some(claim) = claim_from_row(path, row, 0, &|id| names.get(&id).cloned(), links)?
            else {
                continue; // not resolved yet: the corpus step has not run
            };
            if !keep(&filter.subjects, claim.subject.id) || !keep(&filter.objects, claim.object.id)
            {
                continue;
            }
            n += 1;
            f(&claim)?;
        }
        Ok(n)
    }

    /// Every corpus entity's canonical name, by id.
    fn entity_names(&self) -> Result<HashMap<EntityId, String>> {
        names_in(&self.conn, &self.path)
    }

    /// The documents a claim must stand in to pass the filter's entities: those that
    /// mention one of its subjects and one of its objects; `None` when it names neither.
    fn documents_of_all(&self, filter: &ClaimFilter) -> Result<Option<HashSet<i64>>> {
        let mut out: Option<HashSet<i64>> = None;
        for ids in [&filter.subjects, &filter.objects].into_iter().flatten() {
            let mut docs = HashSet::new();
            for &id in ids {
                docs.extend(self.documents_of(id)?);
            }
            out = Some(match out {
                None => docs,
                Some(prev) => prev.intersection(&docs).copied().collect(),
            });
        }
        Ok(out)
    }

    /// How many claims the store holds.
    pub fn claim_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM claims", [], |row| row.get(0))
            .ctx(&self.path, "counting claims")?;
        to_u64(&self.path, "claim count", n)
    }
}

/// Every corpus entity's canonical name, by id, read through `conn`.
pub(crate) fn names_in(conn: &Connection, path: &Path) -> Result<HashMap<EntityId, String>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name FROM entities")
        .ctx(path, "reading entity names")?;
    let rows = stmt
        .query_map([], |row| {
            Ok((EntityId(row.get::<_, i64>(0)? as u64), row.get(1)?))
        })
        .ctx(path, "reading entity names")?;
    rows.collect::<rusqlite::Result<_>>()
        .ctx(path, "reading entity names")
}

/// The links of the last document asked for, read again only when the document changes
/// (claims come in document order).
#[derive(Default)]
pub(crate) struct DocumentLinks {
    document: Option<i64>,
    links: Vec<(EntityId, model::CorpusRule)>,
}

impl DocumentLinks {
    /// The links of `document`.
    pub(crate) fn of(
        &mut self,
        conn: &Connection,
        path: &Path,
        document: i64,
    ) -> Result<&[(EntityId, model::CorpusRule)]> {
        if self.document != Some(document) {
            self.links = links_in(conn, path, document)?;
            self.document = Some(document);
        }
        Ok(&self.links)
    }
}

/// The corpus entity, named by `name_of`, of the local entity whose index is in column
/// `col` of `row`, through its document's `links`; `None` for a NULL column or a local
/// entity with no corpus entity.
pub(crate) fn named_local(
    path: &Path,
    row: &rusqlite::Row<'_>,
    col: usize,
    links: &[(EntityId, model::CorpusRule)],
    name_of: &dyn Fn(EntityId) -> Option<String>,
) -> Result<Option<NamedEntity>> {
    let local: Option<u32> = row.get(col).ctx(path, "reading a claim's entity")?;
    Ok(local
        .and_then(|l| links.get(l as usize))
        .and_then(|&(id, _)| name_of(id).map(|name| NamedEntity { id, name })))
}

/// The claim in `row`, whose columns from `at` on are [`CLAIM_COLUMNS`], its local
/// entities named through the document's `links` and `name_of`; `None` when its subject
/// or object has no corpus entity (the corpus step has not run).
pub(crate) fn claim_from_row(
    path: &Path,
    row: &rusqlite::Row<'_>,
    at: usize,
    name_of: &dyn Fn(EntityId) -> Option<String>,
    links: &[(EntityId, model::CorpusRule)],
) -> Result<Option<StoredClaim>> {
    const WHAT: &str = "reading claims";
    let entity = |i: usize| named_local(path, row, at + i, links, name_of);
    let (Some(subject), Some(object)) = (entity(17)?, entity(18)?) else {
        return Ok(None);
    };
    let count: Option<i64> = row.get(at + 9).ctx(path, WHAT)?;
    Ok(Some(StoredClaim {
        path: row.get(at + 1).ctx(path, WHAT)?,
        document_idx: row.get(at + 2).ctx(path, WHAT)?,
        title: row.get(at + 3).ctx(path, WHAT)?,
        outlet: row.get(at + 4).ctx(path, WHAT)?,
        date: row.get(at + 5).ctx(path, WHAT)?,
        predicate: row.get(at + 6).ctx(path, WHAT)?,
        modality: row.get(at + 7).ctx(path, WHAT)?,
        time: row.get(at + 8).ctx(path, WHAT)?,
        count: count
            .map(|c| to_u64(path, "claim count", c).map(|c| c as u32))
            .transpose()?,
        role: row.get(at + 10).ctx(path, WHAT)?,
        means: row.get(at + 11).ctx(path, WHAT)?,
        kind: row.get(at + 12).ctx(path, WHAT)?,
        as_what: row.get(at + 13).ctx(path, WHAT)?,
        evidence: row
            .get::<_, Option<String>>(at + 14)
            .ctx(path, WHAT)?
            .unwrap_or_default(),
        rule: row.get(at + 15).ctx(path, WHAT)?,
        confidence: row.get::<_, f64>(at + 16).ctx(path, WHAT)? as f32,
        key: claim_key(path, row, at)?,
        correction: claim_correction(path, row, at)?,
        subject,
        object,
        source: entity(19)?,
        place: entity(20)?,
    }))
}

/// The stable key of the claim in `row` (columns 21 to 24 after `at`).
fn claim_key(path: &Path, row: &rusqlite::Row<'_>, at: usize) -> Result<String> {
    const WHAT: &str = "reading a claim's key";
    let hash: String = row.get(at + 21).ctx(path, WHAT)?;
    let key = crate::ClaimKey {
        content: crate::ClaimKey::content_of(&hash),
        document_idx: row.get(at + 2).ctx(path, WHAT)?,
        evidence: (
            row.get(at + 22).ctx(path, WHAT)?,
            row.get(at + 23).ctx(path, WHAT)?,
        ),
        predicate: row.get(at + 6).ctx(path, WHAT)?,
        ordinal: row.get(at + 24).ctx(path, WHAT)?,
    };
    Ok(key.to_string())
}

/// The correction in force on the claim in `row` (columns 25 and 26 after `at`).
fn claim_correction(
    path: &Path,
    row: &rusqlite::Row<'_>,
    at: usize,
) -> Result<Option<(i64, crate::Action)>> {
    const WHAT: &str = "reading a claim's correction";
    let id: Option<i64> = row.get(at + 25).ctx(path, WHAT)?;
    let action: Option<String> = row.get(at + 26).ctx(path, WHAT)?;
    Ok(id.zip(action.as_deref().and_then(crate::Action::from_name)))
}
