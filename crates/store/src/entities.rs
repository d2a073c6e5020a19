//! Mentions, local entities and corpus entities: writing them and reading them back.
//!
//! A document's mentions and local entities are written with the document, in the same
//! batch ([`Batch::add_entities`]), and go when its file goes. The corpus entities are
//! derived from every document's local entities and replaced whole
//! ([`Batch::replace_corpus`]); until then [`Store::corpus_is_stale`] says so.
//!
//! Knowledge-base entries are stored by their canonical name, not by [`EntryId`], which is
//! an index valid only in the knowledge base that gave it: the caller names an entry when
//! writing and finds it again when reading.

use crate::batch::{Batch, DocumentId};
use crate::blob::{
    decode_ids, decode_links, decode_locals, decode_mentions, decode_spans, encode_ids,
    encode_links, EncodedEntities,
};
use crate::codec::corrupt;
use crate::error::{to_u64, Context, Result};
use crate::Store;
use model::{CorpusRule, DocEntities, EntityId, EntityKind, EntryId, JoinRule, MentionRule};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One corpus entity as [`Batch::replace_corpus`] writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRecord {
    /// Its id.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// The canonical name of its knowledge-base entry, if it has one.
    pub kb_entry: Option<String>,
    /// How many mentions name it.
    pub n_mentions: u32,
    /// How many documents mention it.
    pub n_documents: u32,
    /// Every name it goes by (canonical name and aliases), each with its lookup key (the
    /// knowledge base's normalised form), by which [`Store::find_entities`] finds it.
    pub names: Vec<(String, String)>,
}

/// Where one document's local entity went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkRecord {
    /// The document.
    pub document: DocumentId,
    /// The local entity's index in the document.
    pub local_idx: u32,
    /// The corpus entity.
    pub entity: EntityId,
    /// Why it joined.
    pub rule: CorpusRule,
}

/// A corpus entity as listed by [`Store::entities`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary {
    /// Its id.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// The canonical name of its knowledge-base entry, if any.
    pub kb_entry: Option<String>,
    /// How many mentions name it.
    pub n_mentions: u32,
    /// How many documents mention it.
    pub n_documents: u32,
    /// Its other names, sorted.
    pub aliases: Vec<String>,
}

/// One mention of a corpus entity, with where it stands and why it joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// The file's path.
    pub path: String,
    /// The document's index in its file.
    pub document_idx: u32,
    /// The document's title, if any.
    pub title: Option<String>,
    /// The document's date (`YYYY-MM-DD`), if any.
    pub date: Option<String>,
    /// The name as written.
    pub surface: String,
    /// The sentence it stands in, verbatim (untrusted text).
    pub sentence: String,
    /// How the mention was found.
    pub rule: MentionRule,
    /// Why it joined its local entity.
    pub join_rule: JoinRule,
    /// Why its local entity joined the corpus entity.
    pub corpus_rule: CorpusRule,
}

impl Batch<'_> {
    /// Writes a document's mentions and local entities, encoded by
    /// [`EncodedEntities::encode`]. Marks the corpus stale.
    pub fn add_entities(&mut self, document: DocumentId, encoded: &EncodedEntities) -> Result<()> {
        let path = self.path;
        self.tx
            .prepare_cached(
                "INSERT INTO document_entities (document_id, n_mentions, n_locals, mentions, locals) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    document.0,
                    encoded.n_mentions,
                    encoded.n_locals,
                    encoded.mentions,
                    encoded.locals
                ])
            })
            .ctx(path, "inserting a document's mentions")?;
        self.mark_corpus_stale()
    }

    /// Says that the corpus entities no longer follow from the local entities.
    pub(crate) fn mark_corpus_stale(&mut self) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE corpus_state SET dirty = 1 WHERE id = 1 AND dirty = 0")
            .and_then(|mut s| s.execute([]))
            .ctx(self.path, "marking the corpus entities stale")?;
        Ok(())
    }

    /// Replaces every corpus entity and link with these, resolved with the knowledge base
    /// of version `kb_version`, and marks the corpus current. `links` may come in any
    /// order; a document's links are stored as one blob, an entity's documents as another.
    pub fn replace_corpus(
        &mut self,
        entities: &[EntityRecord],
        links: &[LinkRecord],
        kb_version: &str,
    ) -> Result<()> {
        let path = self.path;
        self.tx
            .execute_batch(
                "DELETE FROM document_links; DELETE FROM entity_names; DELETE FROM entities;",
            )
            .ctx(path, "deleting the corpus entities")?;
        let mut by_document: BTreeMap<i64, Vec<(u32, EntityId, CorpusRule)>> = BTreeMap::new();
        let mut documents_of: HashMap<EntityId, Vec<i64>> = HashMap::new();
        for l in links {
            by_document
                .entry(l.document.0)
                .or_default()
                .push((l.local_idx, l.entity, l.rule));
            documents_of.entry(l.entity).or_default().push(l.document.0);
        }
        {
            let mut insert = self
                .tx
                .prepare_cached("INSERT INTO document_links (document_id, links) VALUES (?1, ?2)")
                .ctx(path, "inserting a document's links")?;
            for (document, mut locals) in by_document {
                locals.sort_by_key(|l| l.0);
                let dense = locals.iter().enumerate().all(|(i, l)| l.0 as usize == i);
                if !dense {
                    return Err(corrupt(
                        path,
                        "entity links",
                        format!("document {document}: local entities not numbered 0, 1, 2 …"),
                    ));
                }
                let pairs: Vec<(EntityId, CorpusRule)> =
                    locals.iter().map(|&(_, e, r)| (e, r)).collect();
                insert
                    .execute(params![document, encode_links(&pairs)])
                    .ctx(path, "inserting a document's links")?;
            }
            let mut entity = self
                .tx
                .prepare_cached(
                    "INSERT INTO entities (id, name, kind, kb_entry, n_mentions, n_documents, \
                     documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .ctx(path, "inserting an entity")?;
            let mut name = self
                .tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO entity_names (entity_id, name, key) VALUES (?1, ?2, ?3)",
                )
                .ctx(path, "inserting an entity's name")?;
            for e in entities {
                let id = e.id.0 as i64;
                let mut docs = documents_of.remove(&e.id).unwrap_or_default();
                docs.sort_unstable();
                docs.dedup();
                entity
                    .execute(params![
                        id,
                        e.name,
                        e.kind.name(),
                        e.kb_entry,
                        e.n_mentions,
                        e.n_documents,
                        encode_ids(&docs)
                    ])
                    .ctx(path, "inserting an entity")?;
                for (n, key) in &e.names {
                    name.execute(params![id, n, key])
                        .ctx(path, "inserting an entity's name")?;
                }
            }
        }
        self.tx
            .execute(
                "UPDATE corpus_state SET dirty = 0, kb_version = ?1 WHERE id = 1",
                [kb_version],
            )
            .ctx(path, "marking the corpus entities current")?;
        Ok(())
    }
}

impl Store {
    /// Whether the corpus entities must be resolved again: a file was written or removed
    /// since they were, or they were resolved with another knowledge base.
    pub fn corpus_is_stale(&self, kb_version: &str) -> Result<bool> {
        let (dirty, version): (bool, Option<String>) = self
            .conn
            .query_row(
                "SELECT dirty, kb_version FROM corpus_state WHERE id = 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .ctx(&self.path, "reading the corpus state")?;
        Ok(dirty || version.as_deref() != Some(kb_version))
    }

    /// Calls `f` with every document's local entities, in document order, rebuilt from
    /// the store: names, kind, kind counts and entry (found again with `kb_entry`, from
    /// the stored canonical name; `None` when the knowledge base no longer has it). The
    /// mentions of each local entity and `entity_of_mention` are left empty: corpus
    /// resolution needs neither.
    pub fn for_each_local_entities(
        &self,
        kb_entry: &dyn Fn(&str) -> Option<EntryId>,
        mut f: impl FnMut(DocumentId, DocEntities) -> Result<()>,
    ) -> Result<()> {
        let path = self.path.as_path();
        const WHAT: &str = "reading local entities";
        let _snapshot = self.snapshot()?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT document_id, locals FROM document_entities ORDER BY document_id",
            )
            .ctx(path, WHAT)?;
        let mut rows = stmt.query([]).ctx(path, WHAT)?;
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            let document: i64 = row.get(0).ctx(path, WHAT)?;
            let bytes = row.get_ref(1).ctx(path, WHAT)?;
            let bytes = bytes
                .as_blob()
                .map_err(rusqlite::Error::from)
                .ctx(path, WHAT)?;
            let decoded = decode_locals(bytes)
                .ok_or_else(|| corrupt(path, "local entities", format!("document {document}")))?;
            let entities = decoded
                .into_iter()
                .map(|(mut e, name)| {
                    e.kb_entry = name.as_deref().and_then(kb_entry);
                    e
                })
                .collect();
            f(
                DocumentId(document),
                DocEntities {
                    entities,
                    entity_of_mention: Vec::new(),
                },
            )?;
        }
        Ok(())
    }

    /// The corpus entities, by number of mentions (most first), then name; only those of
    /// `kind` when given, and only those with a name whose key starts with `key_prefix`
    /// when given (keys are the knowledge base's normalised forms, so the caller
    /// normalises what the user typed).
    pub fn entities(
        &self,
        kind: Option<EntityKind>,
        key_prefix: Option<&str>,
    ) -> Result<Vec<EntitySummary>> {
        self.entities_up_to(kind, key_prefix, None)
    }

    /// [`Store::entities`], the first `limit` only when given (their aliases read for
    /// those only).
    pub fn entities_up_to(
        &self,
        kind: Option<EntityKind>,
        key_prefix: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<EntitySummary>> {
        let path = self.path.as_path();
        const WHAT: &str = "listing entities";
        let _snapshot = self.snapshot()?;
        let prefix = key_prefix.unwrap_or("");
        let past = prefix_end(prefix);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.name, e.kind, e.kb_entry, e.n_mentions, e.n_documents FROM entities e \
                 WHERE (?1 IS NULL OR e.kind = ?1) AND (?2 = '' OR EXISTS (SELECT 1 FROM entity_names n \
                 WHERE n.entity_id = e.id AND n.key >= ?2 AND (?3 IS NULL OR n.key < ?3))) \
                 ORDER BY e.n_mentions DESC, e.name, e.id LIMIT ?4",
            )
            .ctx(path, WHAT)?;
        let limit = limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
        let mut rows = stmt
            .query(params![kind.map(EntityKind::name), prefix, past, limit])
            .ctx(path, WHAT)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            out.push(EntitySummary {
                id: EntityId(row.get::<_, i64>(0).ctx(path, WHAT)? as u64),
                name: row.get(1).ctx(path, WHAT)?,
                kind: decode_kind(path, &row.get::<_, String>(2).ctx(path, WHAT)?)?,
                kb_entry: row.get(3).ctx(path, WHAT)?,
                n_mentions: row.get(4).ctx(path, WHAT)?,
                n_documents: row.get(5).ctx(path, WHAT)?,
                aliases: Vec::new(),
            });
        }
        drop(rows);
        let mut aliases = self
            .conn
            .prepare_cached("SELECT name FROM entity_names WHERE entity_id = ?1 ORDER BY name")
            .ctx(path, WHAT)?;
        for e in &mut out {
            let names = aliases
                .query_map([e.id.0 as i64], |row| row.get::<_, String>(0))
                .ctx(path, WHAT)?;
            for n in names {
                let n = n.ctx(path, WHAT)?;
                if n != e.name {
                    e.aliases.push(n);
                }
            }
        }
        Ok(out)
    }

    /// The ids of the entities with a name whose key is exactly `key`, most mentioned first.
    pub fn find_entities(&self, key: &str) -> Result<Vec<EntityId>> {
        let path = self.path.as_path();
        const WHAT: &str = "finding an entity";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT e.id, e.n_mentions FROM entity_names n JOIN entities e \
                 ON e.id = n.entity_id WHERE n.key = ?1 ORDER BY e.n_mentions DESC, e.id",
            )
            .ctx(path, WHAT)?;
        let ids = stmt
            .query_map([key], |row| row.get::<_, i64>(0))
            .ctx(path, WHAT)?;
        ids.map(|id| id.map(|id| EntityId(id as u64)).ctx(path, WHAT))
            .collect()
    }

    /// The documents that mention entity `id`, ascending by id.
    pub(crate) fn documents_of(&self, id: EntityId) -> Result<Vec<i64>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading an entity's documents";
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT documents FROM entities WHERE id = ?1")
            .ctx(path, WHAT)?
            .query_row([id.0 as i64], |row| row.get(0))
            .optional()
            .ctx(path, WHAT)?;
        match blob {
            None => Ok(Vec::new()),
            Some(b) => {
                decode_ids(&b).ok_or_else(|| corrupt(path, "entity documents", format!("{id}")))
            }
        }
    }

    /// Where each local entity of `document` went (empty before the corpus step).
    pub(crate) fn links_of(&self, document: i64) -> Result<Vec<(EntityId, CorpusRule)>> {
        links_in(&self.conn, &self.path, document)
    }

    /// The ids of the entities with a name one of whose words (space-separated in the
    /// key) is `word`, most mentioned first: "okafor" finds "Ruth Okafor".
    pub fn find_entities_by_word(&self, word: &str) -> Result<Vec<EntityId>> {
        let path = self.path.as_path();
        const WHAT: &str = "finding an entity by a word of its name";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT e.id, e.n_mentions FROM entity_names n JOIN entities e \
                 ON e.id = n.entity_id WHERE n.key = ?1 OR instr(' ' || n.key || ' ', ' ' || ?1 || ' ') > 0 \
                 ORDER BY e.n_mentions DESC, e.id",
            )
            .ctx(path, WHAT)?;
        let ids = stmt
            .query_map([word], |row| row.get::<_, i64>(0))
            .ctx(path, WHAT)?;
        ids.map(|id| id.map(|id| EntityId(id as u64)).ctx(path, WHAT))
            .collect()
    }

    /// Every mention of entity `id`, in file, document and text order, with its sentence
    /// and the rules that joined it.
    pub fn entity_mentions(&self, id: EntityId) -> Result<Vec<EntityMention>> {
        let path = self.path.as_path();
        const WHAT: &str = "reading an entity's mentions";
        let _snapshot = self.snapshot()?;
        let mut document = self
            .conn
            .prepare_cached(
                "SELECT f.path, d.idx, d.title, d.date, d.text, e.mentions, d.spans \
                 FROM documents d \
                 JOIN files f ON f.id = d.file_id \
                 JOIN document_entities e ON e.document_id = d.id WHERE d.id = ?1",
            )
            .ctx(path, WHAT)?;
        let mut out = Vec::new();
        for doc_id in self.documents_of(id)? {
            let links = self.links_of(doc_id)?;
            let found = document
                .query_row([doc_id], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, u32>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, Option<String>>(3)?,
                        row.get::<_, String>(4)?,
                        row.get::<_, Vec<u8>>(5)?,
                        row.get::<_, Vec<u8>>(6)?,
                    ))
                })
                .optional()
                .ctx(path, WHAT)?;
            let Some((file, idx, title, date, text, blob, spans)) = found else {
                continue; // a document deleted since the corpus step
            };
            let mentions = decode_mentions(&blob)
                .ok_or_else(|| corrupt(path, "mentions", format!("document {doc_id}")))?;
            let mut doc = model::Document::default();
            decode_spans(&spans, &mut doc, true)
                .ok_or_else(|| corrupt(path, "spans", format!("document {doc_id}")))?;
            let slice = |start: u32, end: u32| {
                text.get(start as usize..end as usize)
                    .map(str::to_string)
                    .ok_or_else(|| corrupt(path, "mention span", format!("{start}..{end}")))
            };
            for m in &mentions {
                let Some(&(entity, corpus_rule)) = links.get(m.local_idx as usize) else {
                    continue;
                };
                if entity != id {
                    continue;
                }
                let sentence = doc
                    .sentences
                    .get(m.mention.sentence_idx as usize)
                    .ok_or_else(|| {
                        corrupt(path, "mention sentence", format!("document {doc_id}"))
                    })?;
                out.push(EntityMention {
                    path: file.clone(),
                    document_idx: idx,
                    title: title.clone(),
                    date: date.clone(),
                    surface: slice(m.mention.span.start, m.mention.span.end)?,
                    sentence: slice(sentence.span.start, sentence.span.end)?,
                    rule: m.mention.rule,
                    join_rule: m.join_rule,
                    corpus_rule,
                });
            }
        }
        out.sort_by(|a, b| (&a.path, a.document_idx).cmp(&(&b.path, b.document_idx)));
        Ok(out)
    }

    /// How many mentions, local entities and corpus entities the store holds.
    pub fn entity_counts(&self) -> Result<(u64, u64, u64)> {
        let path = self.path.as_path();
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self
                .conn
                .query_row(sql, [], |row| row.get(0))
                .ctx(path, "counting entities")?;
            to_u64(path, "entity count", n)
        };
        Ok((
            count("SELECT COALESCE(SUM(n_mentions), 0) FROM document_entities")?,
            count("SELECT COALESCE(SUM(n_locals), 0) FROM document_entities")?,
            count("SELECT COUNT(*) FROM entities")?,
        ))
    }
}

/// Where each local entity of `document` went, read through `conn` (a store's connection
/// or a batch's transaction); empty before the corpus step.
pub(crate) fn links_in(
    conn: &Connection,
    path: &Path,
    document: i64,
) -> Result<Vec<(EntityId, CorpusRule)>> {
    const WHAT: &str = "reading a document's links";
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT links FROM document_links WHERE document_id = ?1")
        .ctx(path, WHAT)?
        .query_row([document], |row| row.get(0))
        .optional()
        .ctx(path, WHAT)?;
    match blob {
        None => Ok(Vec::new()),
        Some(b) => decode_links(&b)
            .ok_or_else(|| corrupt(path, "entity links", format!("document {document}"))),
    }
}

/// The entity kind with this stored name.
pub(crate) fn decode_kind(path: &Path, name: &str) -> Result<EntityKind> {
    EntityKind::from_name(name).ok_or_else(|| corrupt(path, "entity kind", format!("{name:?}")))
}

/// The least string greater than every string starting with `prefix`, if there is one
/// (`None` for an empty prefix or one of only `char::MAX`).
fn prefix_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(c) = chars.pop() {
        if let Some(next) = char::from_u32(c as u32 + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}
