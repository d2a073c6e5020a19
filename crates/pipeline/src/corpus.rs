//! The corpus step: after the files are written, resolve every document's local entities
//! into corpus entities and store them.

use crate::PipelineError;
use kb::Kb;
use resolve::Corpus;
use store::{DocumentId, EntityRecord, LinkRecord, Store};

/// What the corpus step found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Corpus entities written.
    pub entities: u64,
    /// Local entities read.
    pub local_entities: u64,
}

/// Resolves the stored local entities across the corpus and replaces the stored corpus
/// entities with the result, in one transaction. The local entities stream through a
/// [`resolve::CorpusBuilder`], which keeps their distinct names only.
pub(crate) fn resolve_corpus(
    store: &mut Store,
    kb: &Kb,
    kb_version: &str,
) -> Result<Resolved, PipelineError> {
    let mut documents: Vec<DocumentId> = Vec::new();
    let mut builder = resolve::CorpusBuilder::default();
    let mut local_entities = 0u64;
    store.for_each_local_entities(&|name| entry_named(kb, name), |document, entities| {
        documents.push(document);
        local_entities += entities.entities.len() as u64;
        builder.add(&entities);
        Ok(())
    })?;
    let corpus = builder.build(kb);
    let entities = records(&corpus, kb);
    let links = links(&corpus, &documents);
    let mut batch = store.begin()?;
    batch.replace_corpus(&entities, &links, kb_version)?;
    batch.commit()?;
    Ok(Resolved {
        entities: entities.len() as u64,
        local_entities,
    })
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
