//! The schema, as migrations applied in order.
//!
//! `MIGRATIONS[i]` takes a database from schema version `i` to `i + 1`; the version lives in
//! `PRAGMA user_version` (0 for a new file). Append new migrations; never edit a released one.
//! A migration is SQL, or code where SQL cannot say it (re-encoding rows as blobs).

use crate::blob::encode_spans;
use model::{Document, Paragraph, ParagraphRole, Sentence, Span};
use rusqlite::types::Type;
use rusqlite::Connection;

/// One step of the schema.
pub(crate) enum Migration {
    /// SQL run as one batch.
    Sql(&'static str),
    /// Code run on the connection, inside the migration's transaction.
    Code(fn(&Connection) -> rusqlite::Result<()>),
}

impl Migration {
    /// Runs the step on `conn` (the caller holds the transaction and sets the version).
    pub(crate) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        match self {
            Migration::Sql(sql) => conn.execute_batch(sql),
            Migration::Code(step) => step(conn),
        }
    }
}

/// Each step of the schema, oldest first. The schema version a build knows is `MIGRATIONS.len()`.
///
/// Invariants kept by every version:
/// - every row hangs off `files`, directly or through `documents`, with `ON DELETE CASCADE`,
///   so deleting a file row deletes everything the file produced (the search index,
///   `search_text`, goes with its documents through a trigger: FTS5 has no foreign keys);
/// - corpus tables (`entities`, `entity_names`, `document_links`, `reprints`, `repeats`,
///   `edges`, `edge_claims`) are derived: rebuilt whole by the corpus step, never edited row by row;
/// - `files.n_documents` is NULL until the file's summary is written (`finish_file`);
/// - spans are byte offsets into `documents.text`; `idx` columns count from 0 without gaps;
/// - a `Locator` is stored as (kind, ordinal, offset): `('whole', 0, NULL)`,
///   `('line', n, NULL)` or `('record', index, offset)`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    // v1: files, the documents they hold, their paragraphs and sentences, diagnostics.
    Migration::Sql(
        r#"
CREATE TABLE files (
    id               INTEGER PRIMARY KEY,
    path             TEXT NOT NULL UNIQUE,
    content_hash     TEXT NOT NULL,
    size             INTEGER NOT NULL,
    format           TEXT NOT NULL,
    ingested_at      INTEGER NOT NULL,
    pipeline_version TEXT NOT NULL,
    kb_version       TEXT NOT NULL,
    n_documents      INTEGER,
    n_sentences      INTEGER,
    n_words          INTEGER,
    n_errors         INTEGER,
    n_warnings       INTEGER
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    file_id        INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    record_kind    TEXT NOT NULL CHECK (record_kind IN ('whole', 'line', 'record')),
    record_ordinal INTEGER NOT NULL,
    record_offset  INTEGER,
    title          TEXT,
    outlet         TEXT,
    author         TEXT,
    date           TEXT,
    url            TEXT,
    text           TEXT NOT NULL,
    n_words        INTEGER NOT NULL,
    UNIQUE (file_id, idx)
);

CREATE TABLE paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    role        TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE TABLE sentences (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    paragraph_idx INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE TABLE diagnostics (
    id              INTEGER PRIMARY KEY,
    file_id         INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    severity        TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
    locator_kind    TEXT NOT NULL CHECK (locator_kind IN ('whole', 'line', 'record')),
    locator_ordinal INTEGER NOT NULL,
    locator_offset  INTEGER,
    message         TEXT NOT NULL
);

CREATE INDEX diagnostics_file_id ON diagnostics(file_id);
"#,
    ),
    // v2: each document's mentions and local entities (two blobs a document, in the format
    // of `blob.rs`), and the corpus entities resolved from them (rebuilt after every
    // ingest; `corpus_state.dirty` says a file changed since).
    Migration::Sql(
        r#"
CREATE TABLE document_entities (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    n_mentions  INTEGER NOT NULL,
    n_locals    INTEGER NOT NULL,
    mentions    BLOB NOT NULL,
    locals      BLOB NOT NULL
);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    kb_entry    TEXT,
    n_mentions  INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    documents   BLOB NOT NULL
);

CREATE TABLE entity_names (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    key       TEXT NOT NULL,
    PRIMARY KEY (entity_id, name)
) WITHOUT ROWID;

CREATE INDEX entity_names_key ON entity_names(key);

-- Where every local entity of a document went: one blob per document (`blob.rs`). Derived
-- and rebuilt whole, so without a foreign key: the links of a deleted document go at the
-- next rebuild, which the transaction deleting it asks for; readers join `documents`.
CREATE TABLE document_links (
    document_id INTEGER PRIMARY KEY,
    links       BLOB NOT NULL
);

CREATE TABLE corpus_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    dirty      INTEGER NOT NULL,
    kb_version TEXT
);

INSERT INTO corpus_state (id, dirty, kb_version) VALUES (1, 1, NULL);
"#,
    ),
    // v3: claims, one row each, between a document's local entities (their corpus
    // entities come through `document_links`), with evidence span, attributes and rule.
    Migration::Sql(
        r#"
CREATE TABLE claims (
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    subject        INTEGER NOT NULL,
    predicate      TEXT NOT NULL,
    object         INTEGER NOT NULL,
    modality       TEXT NOT NULL,
    source         INTEGER,
    place          INTEGER,
    time           TEXT,
    count          INTEGER,
    role           TEXT,
    means          TEXT,
    kind           TEXT,
    as_what        TEXT,
    first_sentence INTEGER NOT NULL,
    last_sentence  INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    mentions       TEXT NOT NULL,
    rule           TEXT NOT NULL,
    confidence     REAL NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE INDEX claims_predicate ON claims(predicate);
"#,
    ),
    // v4: reprints and repeated passages. Each document's near-duplicate signatures (the
    // dedup stage's encoding), and, derived and rebuilt by the corpus step, which documents
    // reprint an earlier one and which paragraphs repeat an earlier passage.
    Migration::Sql(
        r#"
CREATE TABLE document_signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    sketch      BLOB NOT NULL
);

CREATE TABLE reprints (
    document_id  INTEGER PRIMARY KEY,
    canonical_id INTEGER NOT NULL,
    similarity   REAL NOT NULL
);

CREATE TABLE repeats (
    document_id             INTEGER NOT NULL,
    paragraph_idx           INTEGER NOT NULL,
    canonical_id            INTEGER NOT NULL,
    canonical_paragraph_idx INTEGER NOT NULL,
    similarity              REAL NOT NULL,
    PRIMARY KEY (document_id, paragraph_idx)
) WITHOUT ROWID;
"#,
    ),
    // v5: the network. Edges aggregated from the claims (derived, rebuilt whole by the
    // corpus step after entities and duplicates), each with its counts, times, flags and
    // strength, and the claims behind it with their evidence units (the first copy's
    // document and paragraph). Like `document_links`, no foreign keys to the documents:
    // readers join `claims`, so the claims of a deleted file drop out until the rebuild.
    // `time_start` and `time_end` are days as `YYYYMMDD` numbers, for range filters.
    Migration::Sql(
        r#"
CREATE TABLE edges (
    id             INTEGER PRIMARY KEY,
    subject        INTEGER NOT NULL,
    predicate      TEXT NOT NULL,
    object         INTEGER NOT NULL,
    symmetric      INTEGER NOT NULL,
    n_claims       INTEGER NOT NULL,
    n_evidence     INTEGER NOT NULL,
    n_asserted     INTEGER NOT NULL,
    n_reported     INTEGER NOT NULL,
    n_alleged      INTEGER NOT NULL,
    n_hypothetical INTEGER NOT NULL,
    n_denied       INTEGER NOT NULL,
    first_time     TEXT,
    last_time      TEXT,
    time_start     INTEGER,
    time_end       INTEGER,
    first_reported TEXT,
    last_reported  TEXT,
    n_sources      INTEGER NOT NULL,
    n_outlets      INTEGER NOT NULL,
    contested      INTEGER NOT NULL,
    single_outlet  INTEGER NOT NULL,
    single_source  INTEGER NOT NULL,
    strength       REAL NOT NULL,
    UNIQUE (subject, predicate, object)
);

CREATE INDEX edges_object ON edges(object, predicate);
CREATE INDEX edges_predicate ON edges(predicate, strength);
CREATE INDEX edges_strength ON edges(strength);

CREATE TABLE edge_claims (
    edge_id            INTEGER NOT NULL REFERENCES edges(id) ON DELETE CASCADE,
    document_id        INTEGER NOT NULL,
    idx                INTEGER NOT NULL,
    unit_document_id   INTEGER NOT NULL,
    unit_paragraph_idx INTEGER,
    PRIMARY KEY (edge_id, document_id, idx)
) WITHOUT ROWID;

CREATE INDEX edge_claims_claim ON edge_claims(document_id, idx);
"#,
    ),
    // v6: full-text search (FTS5) over document titles and the sentences that hold a
    // claim's evidence, one row each, its rowid `document_id * 2^20 + slot` (slot 0: the
    // title; slot `s + 1`: sentence `s`). The batch writes the rows with the document and
    // its claims; a trigger deletes a document's rows with it (also when a file's rows go
    // by cascade), so the index changes in the same transaction as the file's rows.
    // Existing titles and claim sentences are indexed here. Also an index of the edges in
    // their reading order, for the server's default view of a large network.
    Migration::Sql(
        r#"
CREATE VIRTUAL TABLE search_text USING fts5(
    text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    DELETE FROM search_text
    WHERE rowid >= old.id * 1048576 AND rowid < (old.id + 1) * 1048576;
END;

INSERT INTO search_text (rowid, text)
SELECT id * 1048576, title FROM documents WHERE title IS NOT NULL AND title != '';

INSERT INTO search_text (rowid, text)
SELECT s.document_id * 1048576 + s.idx + 1,
       CAST(substr(CAST(d.text AS BLOB), s.start + 1, s."end" - s.start) AS TEXT)
FROM sentences s JOIN documents d ON d.id = s.document_id
WHERE s.idx < 1048575 AND EXISTS (SELECT 1 FROM claims c WHERE c.document_id = s.document_id
    AND s.idx BETWEEN c.first_sentence AND c.last_sentence);

-- The edges in the order readers list them (strongest, most evidence, then id), so that
-- the strongest few hundred of a large network are read without sorting every edge.
CREATE INDEX edges_rank ON edges(strength DESC, n_evidence DESC);
"#,
    ),
    // v7: an analyst's corrections, kept as data that no ingest, reprocess or prune
    // touches (no foreign keys: they name entities by name and claims by content key),
    // and, derived and rebuilt by the corpus step, which claims and entities they hit.
    // Edges count the confirmed claims behind them.
    Migration::Sql(
        r#"
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('merge', 'split', 'rename', 'reject', 'confirm')),
    target     TEXT NOT NULL,
    argument   TEXT,
    note       TEXT,
    created_at INTEGER NOT NULL,
    undone_at  INTEGER
);

CREATE TABLE claim_corrections (
    document_id   INTEGER NOT NULL,
    idx           INTEGER NOT NULL,
    correction_id INTEGER NOT NULL,
    action        TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE TABLE entity_corrections (
    entity_id     INTEGER NOT NULL,
    correction_id INTEGER NOT NULL,
    PRIMARY KEY (entity_id, correction_id)
) WITHOUT ROWID;

ALTER TABLE edges ADD COLUMN n_confirmed INTEGER NOT NULL DEFAULT 0;
"#,
    ),
    // v8: a document's paragraphs and sentences move into one blob on its row
    // (`documents.spans`, encoded as `blob.rs` says, with their counts beside it), which
    // saves the ingest two row inserts per sentence and paragraph; a claim keeps the
    // paragraph of its first sentence, which the network's evidence units join on.
    Migration::Code(spans_into_documents),
];

/// Adds the spans columns, encodes every document's paragraph and sentence rows into
/// them, records each claim's paragraph, and drops the two tables.
fn spans_into_documents(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        r#"
ALTER TABLE documents ADD COLUMN spans BLOB NOT NULL DEFAULT x'';
ALTER TABLE documents ADD COLUMN n_paragraphs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN n_sentences INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN paragraph_idx INTEGER;
UPDATE claims SET paragraph_idx = (SELECT s.paragraph_idx FROM sentences s
    WHERE s.document_id = claims.document_id AND s.idx = claims.first_sentence);
"#,
    )?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM documents ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut paragraphs = conn.prepare(
        "SELECT start, \"end\", role FROM paragraphs WHERE document_id = ?1 ORDER BY idx",
    )?;
    let mut sentences = conn.prepare(
        "SELECT paragraph_idx, start, \"end\" FROM sentences WHERE document_id = ?1 \
         ORDER BY idx",
    )?;
    let mut update = conn.prepare(
        "UPDATE documents SET spans = ?2, n_paragraphs = ?3, n_sentences = ?4 WHERE id = ?1",
    )?;
    let mut doc = Document::default();
    for id in ids {
        doc.paragraphs = paragraphs
            .query_map([id], |row| {
                let role: String = row.get(2)?;
                Ok(Paragraph {
                    span: Span {
                        start: row.get(0)?,
                        end: row.get(1)?,
                    },
                    role: ParagraphRole::from_name(&role).ok_or_else(|| {
                        rusqlite::Error::FromSqlConversionFailure(
                            2,
                            Type::Text,
                            format!("unknown paragraph role {role:?}").into(),
                        )
                    })?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        doc.sentences = sentences
            .query_map([id], |row| {
                Ok(Sentence {
                    paragraph_idx: row.get(0)?,
                    span: Span {
                        start: row.get(1)?,
                        end: row.get(2)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        update.execute(rusqlite::params![
            id,
            encode_spans(&doc),
            doc.paragraphs.len() as i64,
            doc.sentences.len() as i64
        ])?;
    }
    conn.execute_batch("DROP TABLE sentences; DROP TABLE paragraphs;")
}

/// The schema version this build creates and understands.
pub(crate) fn known_version() -> u32 {
    MIGRATIONS.len() as u32
}
