//! An analyst's entity corrections applied to the corpus the resolver built: merges,
//! splits and renames, in the order they were made, every time the corpus step runs, so
//! they survive every re-ingest and reprocess. (Claim corrections act later, on the
//! network: see `corpus.rs`.)
//!
//! Names are matched by their knowledge-base key, so any spelling of a name works.

use model::{CorpusRule, DocEntities, Entity, EntityId};
use resolve::Corpus;
use std::collections::{HashMap, HashSet};
use store::{Action, Correction};

/// The local entities that carry a name some split correction splits off, noted while
/// the local entities stream past (memory follows the matches only).
#[derive(Debug, Default)]
pub(crate) struct Splits {
    /// Each active split: its correction's number and the key of the name it splits off.
    keys: Vec<(i64, String)>,
    /// (document index, local entity index, split's correction number, the surface of
    /// the matching name, the local entity's mentions).
    hits: Vec<(usize, usize, i64, String, u32)>,
}

impl Splits {
    /// The splits among `corrections` to look for.
    pub(crate) fn new(corrections: &[Correction]) -> Splits {
        Splits {
            keys: corrections
                .iter()
                .filter(|c| c.is_active() && c.action == Action::Split)
                .map(|c| (c.id, kb::normalize(&c.target)))
                .collect(),
            hits: Vec::new(),
        }
    }

    /// Notes the local entities of document `doc_idx` that carry a split name.
    pub(crate) fn note(&mut self, doc_idx: usize, entities: &DocEntities) {
        if self.keys.is_empty() {
            return;
        }
        for (local_idx, local) in entities.entities.iter().enumerate() {
            for (id, key) in &self.keys {
                if let Some(name) = local
                    .names
                    .iter()
                    .find(|n| kb::normalize(&n.surface) == *key)
                {
                    let n_mentions = local.names.iter().map(|n| n.n_mentions).sum();
                    self.hits
                        .push((doc_idx, local_idx, *id, name.surface.clone(), n_mentions));
                }
            }
        }
    }
}

/// Applies the active entity corrections to `corpus` in the order made; returns which
/// entities each one touched (entity, correction number), for readers to show.
pub(crate) fn apply(
    corpus: &mut Corpus,
    corrections: &[Correction],
    splits: &Splits,
) -> Vec<(EntityId, i64)> {
    let mut touched = Vec::new();
    let active = || corrections.iter().filter(|c| c.is_active());
    if !active().any(|c| !c.action.is_about_a_claim()) {
        return touched;
    }
    for c in active() {
        let done = match c.action {
            Action::Merge => c
                .argument
                .as_deref()
                .and_then(|into| merge(corpus, &c.target, into)),
            Action::Split => split(corpus, c.id, splits),
            Action::Rename => c
                .argument
                .as_deref()
                .and_then(|name| rename(corpus, &c.target, name)),
            Action::Reject | Action::Confirm => None,
        };
        touched.extend(done.into_iter().flatten().map(|id| (id, c.id)));
    }
    count_documents(corpus);
    corpus.entities.sort_by_key(|e| e.id);
    touched
}

/// The index of the entity one of whose names has the key of `name`.
fn named(corpus: &Corpus, name: &str) -> Option<usize> {
    let key = kb::normalize(name);
    corpus.entities.iter().position(|e| {
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .any(|n| kb::normalize(n) == key)
    })
}

/// Merges the entity named `from` into the entity named `into`; the merged entity keeps
/// `into`'s id, and every name of both.
fn merge(corpus: &mut Corpus, from: &str, into: &str) -> Option<Vec<EntityId>> {
    let (a, b) = (named(corpus, from)?, named(corpus, into)?);
    if a == b {
        return None;
    }
    let gone = corpus.entities[a].clone();
    let kept = &mut corpus.entities[b];
    kept.aliases.push(gone.name.clone());
    kept.aliases.extend(gone.aliases.iter().cloned());
    tidy_aliases(kept);
    kept.n_mentions += gone.n_mentions;
    let kept_id = kept.id;
    corpus.entities.remove(a);
    redirect(corpus, |_, _, link| link.entity == gone.id, kept_id);
    Some(vec![kept_id])
}

/// Makes the local entities noted for split `id` an entity of their own, named by the
/// name they carry; the entity they leave loses that name.
fn split(corpus: &mut Corpus, id: i64, splits: &Splits) -> Option<Vec<EntityId>> {
    let hits: Vec<&(usize, usize, i64, String, u32)> =
        splits.hits.iter().filter(|h| h.2 == id).collect();
    let (_, _, _, surface, _) = hits.first()?;
    let key = kb::normalize(surface);
    let from = named(corpus, surface)?;
    let left = corpus.entities[from].clone();
    if kb::normalize(&left.name) == key {
        // Splitting off an entity's own name would leave it nameless: nothing to do.
        return None;
    }
    let new_id = resolve::entity_id(left.kind, surface);
    if corpus.entities.iter().any(|e| e.id == new_id) {
        return None;
    }
    let moved: HashSet<(usize, usize)> = hits
        .iter()
        .filter(|h| {
            corpus
                .links
                .get(h.0)
                .and_then(|l| l.get(h.1))
                .is_some_and(|l| l.entity == left.id)
        })
        .map(|h| (h.0, h.1))
        .collect();
    if moved.is_empty() {
        return None;
    }
    let n_moved: u32 = hits
        .iter()
        .filter(|h| moved.contains(&(h.0, h.1)))
        .map(|h| h.4)
        .sum();
    let old = &mut corpus.entities[from];
    old.aliases.retain(|a| kb::normalize(a) != key);
    old.n_mentions = old.n_mentions.saturating_sub(n_moved);
    corpus.entities.push(Entity {
        id: new_id,
        name: surface.clone(),
        kind: left.kind,
        aliases: Vec::new(),
        kb_entry: None,
        n_mentions: n_moved,
        n_documents: 0,
    });
    redirect(corpus, |d, l, _| moved.contains(&(d, l)), new_id);
    Some(vec![left.id, new_id])
}

/// Gives the entity named `target` the canonical name `name`; its id stays.
fn rename(corpus: &mut Corpus, target: &str, name: &str) -> Option<Vec<EntityId>> {
    let i = named(corpus, target)?;
    let e = &mut corpus.entities[i];
    if e.name == name {
        return None;
    }
    let old = std::mem::replace(&mut e.name, name.to_string());
    e.aliases.push(old);
    tidy_aliases(e);
    Some(vec![e.id])
}

/// Points the links `which` picks (document index, local index, link) at `to`.
fn redirect(corpus: &mut Corpus, which: impl Fn(usize, usize, &model::Link) -> bool, to: EntityId) {
    for (d, links) in corpus.links.iter_mut().enumerate() {
        for (l, link) in links.iter_mut().enumerate() {
            if which(d, l, link) {
                link.entity = to;
                link.rule = CorpusRule::Correction;
            }
        }
    }
}

/// Sorted, each once, without the canonical name.
fn tidy_aliases(e: &mut Entity) {
    let name = e.name.clone();
    e.aliases.retain(|a| *a != name);
    e.aliases.sort();
    e.aliases.dedup();
}

/// Recounts every entity's documents from the links.
fn count_documents(corpus: &mut Corpus) {
    let mut n: HashMap<EntityId, u32> = HashMap::new();
    for links in &corpus.links {
        let distinct: HashSet<EntityId> = links.iter().map(|l| l.entity).collect();
        for id in distinct {
            *n.entry(id).or_default() += 1;
        }
    }
    for e in &mut corpus.entities {
        e.n_documents = n.get(&e.id).copied().unwrap_or(0);
    }
}
