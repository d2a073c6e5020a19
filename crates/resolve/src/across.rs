//! Resolution across the documents of a corpus.

use crate::{kind_idx, Corpus, CorpusRule, DocEntities, Entity, EntityId, Fnv, Link, LocalEntity};
use kb::Kb;
use model::EntityKind;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Merges the documents' local entities into corpus entities.
///
/// In order: local entities with the same knowledge-base entry merge; then those sharing
/// the normalised key of a name that is not a short form in its document, unless they
/// are tied to different entries; then an entity named only by single tokens, with no
/// entry, joins the one entity of its kind that the corpus gives that token to: for a
/// person, the one whose full name ends with it or that some document took it as the
/// short form of; for an organisation, only the latter. When two or more qualify it stays
/// apart.
///
/// The result does not depend on the order of `docs`: the local entities are sorted by
/// their content (entry, keys, kind, names) before any merge. An entity's
/// [`EntityId`] is the FNV-1a hash of its kind and the key of its canonical name; when
/// two entities would share one, the one with more mentions (then the smaller aliases
/// list) keeps it and the others add a counter to the hash until their ids are free.
/// `links[d]` follows `docs[d]`.
pub fn across_corpus(docs: &[DocEntities], kb: &Kb) -> Corpus {
    let mut builder = CorpusBuilder::default();
    for doc in docs {
        builder.add(doc);
    }
    let mut corpus = builder.build(kb);
    corpus.entity_of_mention = docs.iter().map(|d| d.entity_of_mention.clone()).collect();
    corpus
}

/// Builds the corpus entities from documents added one at a time, keeping only what
/// resolution needs: local entities of different documents with the same names, kind and
/// entry are pooled into one (they would join by their shared key anyway), and each
/// document keeps one number per local entity. Memory grows with the distinct names of
/// the corpus, not with its size.
#[derive(Debug, Default)]
pub struct CorpusBuilder {
    index: HashMap<PoolKey, u32>,
    pools: Vec<Pool>,
    /// For each document added, the pool of each of its local entities.
    docs: Vec<Vec<u32>>,
}

/// What makes two local entities the same for resolution.
type PoolKey = (Option<kb::EntryId>, EntityKind, Vec<(String, bool)>);

/// Local entities pooled: their names (mention counts summed), kind counts summed.
#[derive(Debug)]
struct Pool {
    ent: LocalEntity,
    n_members: u32,
}

impl CorpusBuilder {
    /// Adds one document's local entities; documents are numbered in the order added
    /// (the `d` of [`Corpus::links`]).
    pub fn add(&mut self, doc: &DocEntities) {
        let mut pools = Vec::with_capacity(doc.entities.len());
        for ent in &doc.entities {
            let key: PoolKey = (
                ent.kb_entry,
                ent.kind,
                ent.names
                    .iter()
                    .map(|n| (n.surface.clone(), n.short_form))
                    .collect(),
            );
            let next = self.pools.len() as u32;
            let p = *self.index.entry(key).or_insert(next);
            if p == next {
                self.pools.push(Pool {
                    ent: LocalEntity {
                        names: ent.names.clone(),
                        kind: ent.kind,
                        kind_counts: ent.kind_counts,
                        kb_entry: ent.kb_entry,
                        mentions: Vec::new(),
                    },
                    n_members: 1,
                });
            } else {
                let pool = &mut self.pools[p as usize];
                pool.n_members += 1;
                for (c, x) in pool.ent.kind_counts.iter_mut().zip(ent.kind_counts) {
                    *c += x;
                }
                for (a, b) in pool.ent.names.iter_mut().zip(&ent.names) {
                    a.n_mentions += b.n_mentions;
                }
            }
            pools.push(p);
        }
        self.docs.push(pools);
    }

    /// How many documents were added.
    pub fn n_documents(&self) -> usize {
        self.docs.len()
    }

    /// Resolves everything added into the corpus entities (see [`across_corpus`]).
    /// [`Corpus::mention_entity`] answers `None` on the result: the builder keeps no
    /// mentions.
    pub fn build(self, kb: &Kb) -> Corpus {
        let CorpusBuilder { pools, docs, .. } = self;
        build(&pools, &docs, kb)
    }
}

fn build(pools: &[Pool], docs: &[Vec<u32>], kb: &Kb) -> Corpus {
    let mut items: Vec<Item<'_>> = pools
        .iter()
        .enumerate()
        .map(|(p, pool)| Item::new(p, &pool.ent))
        .collect();
    items.sort_by(|a, b| a.sig().cmp(&b.sig()));
    let n = items.len();
    let mut sets = Sets::new(items.iter().map(|it| it.ent.kb_entry).collect());
    let mut rules: Vec<Option<CorpusRule>> = vec![None; n];

    // A: the same knowledge-base entry.
    let mut by_kb: BTreeMap<kb::EntryId, Vec<usize>> = BTreeMap::new();
    for (p, it) in items.iter().enumerate() {
        if let Some(id) = it.ent.kb_entry {
            by_kb.entry(id).or_default().push(p);
        }
    }
    for group in by_kb.values() {
        for &p in &group[1..] {
            sets.union(group[0], p, CorpusRule::KnowledgeBase, &mut rules);
        }
    }

    // B: the same key of a full name.
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (p, it) in items.iter().enumerate() {
        for k in &it.full_keys {
            by_key.entry(k.as_str()).or_default().push(p);
        }
    }
    for group in by_key.values() {
        for &p in &group[1..] {
            sets.union(group[0], p, CorpusRule::SameKey, &mut rules);
        }
    }

    // C: bare single-token entities to the one entity their token names.
    let mut set_kind: BTreeMap<usize, [u32; 4]> = BTreeMap::new();
    let mut set_long: BTreeSet<usize> = BTreeSet::new();
    let mut short_of: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    let mut surname_of: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (p, it) in items.iter().enumerate() {
        let r = sets.find(p);
        let counts = set_kind.entry(r).or_default();
        for (c, x) in counts.iter_mut().zip(it.ent.kind_counts) {
            *c += x;
        }
        for k in &it.short_keys {
            short_of.entry(k.as_str()).or_default().insert(r);
        }
        for k in it.full_keys.iter().filter(|k| k.contains(' ')) {
            set_long.insert(r);
            if let Some(last) = k.rsplit(' ').next() {
                surname_of.entry(last).or_default().insert(r);
            }
        }
    }
    let kind_of = |r: usize, sets: &Sets| crate::kind_with_entry(sets.kb[r], &set_kind[&r], kb);
    let mut joins: Vec<(usize, usize)> = Vec::new();
    let mut bare: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for (p, it) in items.iter().enumerate() {
        let r = sets.find(p);
        if sets.kb[r].is_none() && !set_long.contains(&r) {
            bare.entry(r)
                .or_default()
                .extend(it.full_keys.iter().map(String::as_str));
        }
    }
    for (&r, keys) in &bare {
        let kind = kind_of(r, &sets);
        if !matches!(kind, EntityKind::Person | EntityKind::Org) {
            continue;
        }
        let mut cands: BTreeSet<usize> = BTreeSet::new();
        for &k in keys {
            cands.extend(short_of.get(k).into_iter().flatten());
            if kind == EntityKind::Person {
                cands.extend(surname_of.get(k).into_iter().flatten());
            }
        }
        cands.retain(|&c| c != r && set_long.contains(&c) && kind_of(c, &sets) == kind);
        if let (Some(&c), 1) = (cands.first(), cands.len()) {
            joins.push((c, r));
        }
    }
    for (c, r) in joins {
        sets.union(c, r, CorpusRule::ShortForm, &mut rules);
    }

    // The entities.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in 0..n {
        groups.entry(sets.find(p)).or_default().push(p);
    }
    let mut built: Vec<(Entity, usize)> = groups
        .iter()
        .map(|(&r, members)| (entity(&items, members, sets.kb[r], kb), r))
        .collect();
    assign_ids(&mut built);
    let mut id_of_root: BTreeMap<usize, EntityId> = BTreeMap::new();
    for (e, r) in &built {
        id_of_root.insert(*r, e.id);
    }
    let mut link_of_pool = vec![
        Link {
            entity: EntityId(0),
            rule: CorpusRule::Alone
        };
        pools.len()
    ];
    for (p, it) in items.iter().enumerate() {
        let pooled = if pools[it.pool].n_members > 1 {
            if it.ent.kb_entry.is_some() {
                CorpusRule::KnowledgeBase
            } else {
                CorpusRule::SameKey
            }
        } else {
            CorpusRule::Alone
        };
        link_of_pool[it.pool] = Link {
            entity: id_of_root[&sets.find(p)],
            rule: rules[p].unwrap_or(pooled),
        };
    }
    let links: Vec<Vec<Link>> = docs
        .iter()
        .map(|d| d.iter().map(|&p| link_of_pool[p as usize]).collect())
        .collect();
    let mut n_documents: HashMap<EntityId, (usize, u32)> = HashMap::new();
    for (d, doc) in links.iter().enumerate() {
        for l in doc {
            let slot = n_documents.entry(l.entity).or_insert((usize::MAX, 0));
            if slot.0 != d {
                *slot = (d, slot.1 + 1);
            }
        }
    }
    let mut entities: Vec<Entity> = built.into_iter().map(|(e, _)| e).collect();
    for e in &mut entities {
        e.n_documents = n_documents.get(&e.id).map_or(0, |n| n.1);
    }
    entities.sort_by_key(|e| e.id);
    Corpus {
        entities,
        links,
        entity_of_mention: Vec::new(),
    }
}

/// One pool of local entities with its keys.
struct Item<'a> {
    pool: usize,
    ent: &'a LocalEntity,
    /// Keys of the names that are not short forms, sorted, each once.
    full_keys: Vec<String>,
    /// Keys of the short-form names, sorted, each once.
    short_keys: Vec<String>,
}

impl<'a> Item<'a> {
    fn new(pool: usize, ent: &'a LocalEntity) -> Item<'a> {
        let mut full = BTreeSet::new();
        let mut short = BTreeSet::new();
        for name in &ent.names {
            let key = kb::normalize(&name.surface);
            if key.is_empty() {
                continue;
            }
            if name.short_form {
                short.insert(key);
            } else {
                if matches!(ent.kind, EntityKind::Group | EntityKind::Org) {
                    full.insert(crate::match_key(&key, ent.kind));
                }
                full.insert(key);
            }
        }
        Item {
            pool,
            ent,
            full_keys: full.into_iter().collect(),
            short_keys: short.into_iter().collect(),
        }
    }

    /// What the order of merges follows: the content only, never the document's position.
    #[allow(clippy::type_complexity)]
    fn sig(
        &self,
    ) -> (
        Option<kb::EntryId>,
        &[String],
        &[String],
        EntityKind,
        &[crate::Name],
    ) {
        (
            self.ent.kb_entry,
            &self.full_keys,
            &self.short_keys,
            self.ent.kind,
            &self.ent.names,
        )
    }
}

/// Union-find over items, each set with at most one knowledge-base entry.
struct Sets {
    parent: Vec<usize>,
    /// At a root: the set's entry.
    kb: Vec<Option<kb::EntryId>>,
}

impl Sets {
    fn new(kb: Vec<Option<kb::EntryId>>) -> Sets {
        Sets {
            parent: (0..kb.len()).collect(),
            kb,
        }
    }

    fn find(&mut self, mut p: usize) -> usize {
        while self.parent[p] != p {
            self.parent[p] = self.parent[self.parent[p]];
            p = self.parent[p];
        }
        p
    }

    /// Joins the sets of `a` and `b` unless their entries differ; the smaller root stays.
    fn union(&mut self, a: usize, b: usize, rule: CorpusRule, rules: &mut [Option<CorpusRule>]) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if let (Some(x), Some(y)) = (self.kb[ra], self.kb[rb]) {
            if x != y {
                return;
            }
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root;
        self.kb[root] = self.kb[root].or(self.kb[child]);
        for p in [a, b] {
            rules[p].get_or_insert(rule);
        }
    }
}

/// Gathers one set's names, kinds and counts; its id is set later.
fn entity(items: &[Item<'_>], members: &[usize], entry: Option<kb::EntryId>, kb: &Kb) -> Entity {
    let mut names: BTreeMap<&str, (u32, bool)> = BTreeMap::new();
    let mut counts = [0u32; 4];
    let mut n_mentions = 0;
    for &p in members {
        let ent = items[p].ent;
        for (c, x) in counts.iter_mut().zip(ent.kind_counts) {
            *c += x;
        }
        for name in &ent.names {
            let slot = names.entry(name.surface.as_str()).or_insert((0, false));
            slot.0 += name.n_mentions;
            slot.1 |= !name.short_form;
            n_mentions += name.n_mentions;
        }
    }
    let any_full = names.values().any(|v| v.1);
    let name = match entry {
        Some(id) => kb.entry(id).name.clone(),
        None => names
            .iter()
            .filter(|(_, v)| v.1 || !any_full)
            .max_by_key(|(s, v)| {
                (
                    kb::normalize(s).contains(' '),
                    v.0,
                    s.chars().count(),
                    Reverse(*s),
                )
            })
            .map(|(s, _)| s.to_string())
            .unwrap_or_default(),
    };
    let kind = crate::kind_with_entry(entry, &counts, kb);
    debug_assert!(kind_idx(kind) < 4);
    Entity {
        id: EntityId(0),
        aliases: names
            .keys()
            .filter(|s| **s != name)
            .map(|s| s.to_string())
            .collect(),
        name,
        kind,
        kb_entry: entry,
        n_mentions,
        n_documents: 0,
    }
}

fn base_id(e: &Entity) -> EntityId {
    entity_id(e.kind, &e.name)
}

/// The id an entity of `kind` named `name` gets when no other entity has it: the FNV-1a
/// hash of its kind and its name's key.
pub fn entity_id(kind: EntityKind, name: &str) -> EntityId {
    EntityId(
        Fnv::new()
            .field(kind.name().as_bytes())
            .field(kb::normalize(name).as_bytes())
            .0,
    )
}

/// Gives every entity its id, distinct: see [`across_corpus`].
fn assign_ids(built: &mut [(Entity, usize)]) {
    for (e, _) in built.iter_mut() {
        e.id = base_id(e);
    }
    built.sort_by(|(a, _), (b, _)| {
        (a.id, Reverse(a.n_mentions), &a.aliases, &a.name).cmp(&(
            b.id,
            Reverse(b.n_mentions),
            &b.aliases,
            &b.name,
        ))
    });
    let mut used: HashSet<EntityId> = built.iter().map(|(e, _)| e.id).collect();
    for i in 1..built.len() {
        let base = base_id(&built[i].0);
        if base != base_id(&built[i - 1].0) {
            continue;
        }
        let mut k: u64 = 1;
        let id = loop {
            let id = EntityId(Fnv(base.0).field(&k.to_le_bytes()).0);
            if !used.contains(&id) {
                break id;
            }
            k += 1;
        };
        used.insert(id);
        built[i].0.id = id;
    }
}
