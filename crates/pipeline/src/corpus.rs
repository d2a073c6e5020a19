//! The corpus step: after the files are written, resolve every document's local entities
//! into corpus entities, find reprints and repeated passages, rebuild the network from the
//! claims, and store all three.

use crate::PipelineError;
use kb::Kb;
use model::Document;
use resolve::Corpus;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use store::{
    DocumentId, EdgeClaimRecord, EdgeRecord, EdgeSummary, EntityRecord, LinkRecord, ModalityCounts,
    Repeat, Reprint, Store,
};

/// What the corpus step found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Corpus entities written.
    pub entities: u64,
    /// Documents that reprint an earlier one.
    pub reprints: u64,
    /// Paragraphs that repeat an earlier passage.
    pub repeats: u64,
    /// Edges of the network.
    pub edges: u64,
}

/// Resolves the stored local entities across the corpus, finds reprints and repeated
/// passages, and replaces the stored corpus entities and links with the results, then
/// rebuilds the network from the claims as those entities and links name them, all in one
/// transaction (so a reader never sees edges of entities that are gone). The local
/// entities stream through a [`resolve::CorpusBuilder`], which keeps their distinct names
/// only; the claims stream through a [`network::Network`], which keeps their keys and
/// units per edge.
pub(crate) fn resolve_corpus(
    store: &mut Store,
    kb: &Kb,
    kb_version: &str,
) -> Result<Resolved, PipelineError> {
    let mut documents: Vec<DocumentId> = Vec::new();
    let mut builder = resolve::CorpusBuilder::default();
    let corrections = store.corrections()?;
    let mut splits = crate::corrections::Splits::new(&corrections);
    store.for_each_local_entities(&|name| entry_named(kb, name), |document, entities| {
        splits.note(documents.len(), &entities);
        documents.push(document);
        builder.add(&entities);
        Ok(())
    })?;
    let mut corpus = builder.build(kb);
    let touched = crate::corrections::apply(&mut corpus, &corrections, &splits);
    let entities = records(&corpus, kb);
    let links = links(&corpus, &documents);
    let (reprints, repeats) = find_duplicates(store)?;
    let mut batch = store.begin()?;
    batch.replace_corpus(&entities, &links, kb_version)?;
    batch.replace_entity_corrections(&touched)?;
    batch.replace_claim_corrections(&corrections)?;
    batch.replace_duplicates(&reprints, &repeats)?;
    let edges = build_network(&batch)?;
    let n_edges = batch.replace_network(edges.into_iter().map(edge_record))?;
    batch.commit()?;
    Ok(Resolved {
        entities: entities.len() as u64,
        reprints: reprints.len() as u64,
        repeats: repeats.len() as u64,
        edges: n_edges,
    })
}

/// The network of the claims as `batch` holds them (its corpus and duplicate links
/// included), strongest edge first.
fn build_network(batch: &store::Batch<'_>) -> Result<Vec<network::Edge>, PipelineError> {
    let mut net = network::Network::default();
    let mut bad: Option<PipelineError> = None;
    batch.for_each_network_row(|row| {
        if row.correction == Some(store::Action::Reject) {
            return Ok(());
        }
        match claim_row(row) {
            Ok(row) => net.add(row),
            Err(e) => {
                bad.get_or_insert(e);
            }
        }
        Ok(())
    })?;
    match bad {
        Some(e) => Err(e),
        None => Ok(net.finish()),
    }
}

/// A stored claim as the network stage reads it.
fn claim_row(row: store::NetworkRow) -> Result<network::ClaimRow, PipelineError> {
    let modality =
        network::Modality::from_name(&row.modality).ok_or_else(|| PipelineError::Modality {
            document: row.document.0,
            idx: row.idx,
            name: row.modality.clone(),
        })?;
    Ok(network::ClaimRow {
        key: network::ClaimKey {
            document: row.document.0,
            idx: row.idx,
        },
        subject: row.subject.id,
        subject_name: row.subject.name,
        predicate: row.predicate,
        object: row.object.id,
        object_name: row.object.name,
        modality,
        source: row.source,
        time: row.time,
        date: row.date,
        unit: network::EvidenceUnit {
            document: row.unit_document.0,
            paragraph: row.unit_paragraph,
        },
        outlet: row.unit_outlet,
        confirmed: row.correction == Some(store::Action::Confirm),
    })
}

/// An edge as the store writes it.
fn edge_record(e: network::Edge) -> EdgeRecord {
    let count = |m| e.modalities.get(m);
    let summary = EdgeSummary {
        n_evidence: e.n_evidence,
        modalities: ModalityCounts {
            asserted: count(network::Modality::Asserted),
            reported: count(network::Modality::Reported),
            alleged: count(network::Modality::Alleged),
            hypothetical: count(network::Modality::Hypothetical),
            denied: count(network::Modality::Denied),
        },
        first_time: e.first_time.map(|t| t.to_string()),
        last_time: e.last_time.map(|t| t.to_string()),
        time_bounds: e.time_bounds(),
        first_reported: e.first_reported,
        last_reported: e.last_reported,
        n_sources: e.sources.len() as u32,
        n_outlets: e.outlets.len() as u32,
        contested: e.contested,
        single_outlet: e.single_outlet,
        n_confirmed: e.n_confirmed,
        single_source: e.single_source,
        strength: e.strength,
    };
    EdgeRecord {
        subject: e.subject,
        predicate: e.predicate,
        object: e.object,
        symmetric: e.symmetric,
        summary,
        claims: e
            .claims
            .iter()
            .map(|c| EdgeClaimRecord {
                document: DocumentId(c.key.document),
                idx: c.key.idx,
                unit_document: DocumentId(c.unit.document),
                unit_paragraph: c.unit.paragraph,
            })
            .collect(),
    }
}

/// How far above its threshold an estimated similarity must be to be taken without an
/// exact check: about two and a half times the estimate's error (±0.06 with 64 hashes).
const SURE_MARGIN: f32 = 0.15;

/// Whether a document has a link whose estimate is too close to its threshold to be
/// taken as it is: those documents are checked exactly.
fn has_uncertain_link(d: &dedup::DocumentLinks<DupKey>) -> bool {
    let reprint = d
        .reprint_of
        .as_ref()
        .is_some_and(|r| r.similarity < dedup::DOC_THRESHOLD + SURE_MARGIN);
    reprint
        || d.repeats
            .iter()
            .any(|r| r.similarity < dedup::PARA_THRESHOLD + SURE_MARGIN)
}

/// How many linked documents are checked at once: the texts held are the paragraphs
/// their links compare (whole documents for reprints).
const VERIFY_SLICE: usize = 4096;

/// What the exact check of a slice's links reads of each document involved: its whole
/// text (`None`: a reprint compares documents) or some paragraphs.
fn needed_text(
    found: &dedup::Dedup<DupKey>,
    slice: &BTreeSet<i64>,
) -> BTreeMap<i64, Option<BTreeSet<u32>>> {
    let mut needs: BTreeMap<i64, Option<BTreeSet<u32>>> = BTreeMap::new();
    for d in found
        .documents()
        .iter()
        .filter(|d| slice.contains(&d.key.2))
    {
        if let Some(r) = &d.reprint_of {
            needs.insert(d.key.2, None);
            needs.insert(r.canonical.2, None);
        }
        for r in &d.repeats {
            need_paragraph(&mut needs, d.key.2, r.paragraph_idx);
            need_paragraph(&mut needs, r.canonical.2, r.canonical_paragraph_idx);
            for o in &r.also_in {
                need_paragraph(&mut needs, o.doc.2, o.paragraph_idx);
            }
        }
    }
    needs
}

/// Asks for paragraph `idx` of `doc`, unless its whole text is asked for already.
fn need_paragraph(needs: &mut BTreeMap<i64, Option<BTreeSet<u32>>>, doc: i64, idx: u32) {
    if let Some(set) = needs.entry(doc).or_insert_with(|| Some(BTreeSet::new())) {
        set.insert(idx);
    }
}

/// `doc` with only the text of paragraphs `keep` (all when `None`): the others become
/// empty, their indices and roles kept, so that a slice's texts stay small.
fn keep_only(doc: Document, keep: Option<&BTreeSet<u32>>) -> Document {
    let Some(keep) = keep else { return doc };
    let mut text = String::new();
    let paragraphs = doc
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let kept = keep
                .contains(&(i as u32))
                .then(|| doc.text.get(p.span.range()))
                .flatten();
            let start = text.len();
            if let Some(t) = kept {
                text.push_str(t);
            }
            let span = model::Span::new(start, text.len());
            text.push('\n');
            model::Paragraph { span, role: p.role }
        })
        .collect();
    Document {
        meta: doc.meta,
        text,
        paragraphs,
        ..Document::default()
    }
}

/// A document's key among near-duplicates: its file and index (what orders copies of
/// the same date, whatever the order of ingest), then its row id.
type DupKey = (String, u32, i64);

/// Finds reprints and repeated passages over every document's stored signatures, then
/// checks the links whose estimate is near its threshold exactly on the texts of the
/// documents involved, a slice of documents at a time so that memory stays bounded.
fn find_duplicates(store: &Store) -> Result<(Vec<Reprint>, Vec<Repeat>), PipelineError> {
    let mut index: dedup::Index<DupKey> = dedup::Index::new();
    let mut bad: Option<(i64, dedup::DecodeError)> = None;
    store.for_each_signature(|s| {
        match dedup::DocSignatures::decode(s.sketch) {
            Ok(sigs) => index.add((s.path.to_string(), s.index, s.document.0), sigs),
            Err(e) => {
                bad.get_or_insert((s.document.0, e));
            }
        }
        Ok(())
    })?;
    if let Some((document, source)) = bad {
        return Err(PipelineError::Signatures { document, source });
    }
    let mut found = index.finish();
    let linked: Vec<i64> = found
        .documents()
        .iter()
        .filter(|d| has_uncertain_link(d))
        .map(|d| d.key.2)
        .collect();
    for slice in linked.chunks(VERIFY_SLICE) {
        let slice: BTreeSet<i64> = slice.iter().copied().collect();
        let needs = needed_text(&found, &slice);
        let mut texts: HashMap<i64, Document> = HashMap::new();
        for (id, need) in needs {
            if let Some(doc) = store.document_paragraphs(DocumentId(id))? {
                texts.insert(id, keep_only(doc, need.as_ref()));
            }
        }
        found.verify_only(
            |key| slice.contains(&key.2),
            |key| texts.get(&key.2).map(dedup::Input::from),
        );
    }
    let mut reprints = Vec::new();
    let mut repeats = Vec::new();
    for d in found.documents() {
        if let Some(r) = &d.reprint_of {
            reprints.push(Reprint {
                document: DocumentId(d.key.2),
                canonical: DocumentId(r.canonical.2),
                similarity: r.similarity,
            });
        }
        for r in &d.repeats {
            repeats.push(Repeat {
                document: DocumentId(d.key.2),
                paragraph_idx: r.paragraph_idx,
                canonical: DocumentId(r.canonical.2),
                canonical_paragraph_idx: r.canonical_paragraph_idx,
                similarity: r.similarity,
            });
        }
    }
    Ok((reprints, repeats))
}

/// The entry whose canonical name is `name`.
pub(crate) fn entry_named(kb: &Kb, name: &str) -> Option<kb::EntryId> {
    kb.lookup_name(name)
        .iter()
        .map(|m| m.id)
        .find(|&id| kb.entry(id).name == name)
}

/// The corpus entities as the store writes them, each name with its lookup key.
fn records(corpus: &Corpus, kb: &Kb) -> Vec<EntityRecord> {
    corpus
        .entities
        .iter()
        .map(|e| EntityRecord {
            id: e.id,
            name: e.name.clone(),
            kind: e.kind,
            kb_entry: e.kb_entry.map(|id| kb.entry(id).name.clone()),
            n_mentions: e.n_mentions,
            n_documents: e.n_documents,
            names: std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| (n.clone(), kb::normalize(n)))
                .collect(),
        })
        .collect()
}

/// Where every document's local entities went.
fn links(corpus: &Corpus, documents: &[DocumentId]) -> Vec<LinkRecord> {
    let mut out = Vec::new();
    for (links, &document) in corpus.links.iter().zip(documents) {
        for (local_idx, link) in links.iter().enumerate() {
            out.push(LinkRecord {
                document,
                local_idx: local_idx as u32,
                entity: link.entity,
                rule: link.rule,
            });
        }
    }
    out
}
