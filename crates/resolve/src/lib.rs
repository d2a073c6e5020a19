//! The resolve stage: a corpus's [`model::Mention`]s in, entities out, one per real-world
//! actor, each mention keeping the entity it went to and the rule that took it there.
//!
//! ```
//! use model::{Document, EntityKind, Mention, MentionRule, Paragraph, ParagraphRole, Sentence, Span};
//! let text = "Gen. Ruth Okafor met Lars Bekele. Okafor left.";
//! let spans = [(5, 16, EntityKind::Person, 0), (21, 32, EntityKind::Person, 0), (34, 40, EntityKind::Person, 1)];
//! let mentions: Vec<Mention> = spans
//!     .iter()
//!     .map(|&(a, b, kind, s)| Mention {
//!         span: Span::new(a, b), sentence_idx: s, kind, rule: MentionRule::NameShape, linked: None,
//!     })
//!     .collect();
//! let doc = Document {
//!     text: text.to_string(),
//!     paragraphs: vec![Paragraph { span: Span::new(0, text.len()), role: ParagraphRole::Body }],
//!     sentences: vec![
//!         Sentence { span: Span::new(0, 33), paragraph_idx: 0 },
//!         Sentence { span: Span::new(34, text.len()), paragraph_idx: 0 },
//!     ],
//!     ..Document::default()
//! };
//! let kb = kb::Kb::empty();
//! let local = resolve::within_document(&doc, &mentions, &kb);
//! assert_eq!(local.entities.len(), 2);
//! assert_eq!(local.entities[0].mentions, [(0, resolve::JoinRule::Founder), (2, resolve::JoinRule::ShortForm)]);
//!
//! let corpus = resolve::across_corpus(&[local], &kb);
//! let okafor = corpus.entities.iter().find(|e| e.name == "Ruth Okafor").unwrap();
//! assert_eq!(okafor.aliases, ["Okafor"]);
//! assert_eq!(corpus.mention_entity(0, 2).map(|l| l.entity), Some(okafor.id));
//! ```
//!
//! Resolution has two steps, both pure functions over plain data:
//!
//! 1. [`within_document`] groups one document's mentions into [`LocalEntity`]s. Each
//!    mention, in text order, joins an earlier entity by the first rule that applies:
//!    its link ([`Mention::linked`](model::Mention)): an acronym's to its expansion
//!    ([`JoinRule::Acronym`]), or an alias's to its name in "X, also known as Y"
//!    ([`JoinRule::Alias`]);
//!    the same normalised key ([`kb::normalize`], which folds transliterations:
//!    [`JoinRule::SameKey`]); the same knowledge-base entry through another of its names
//!    ([`JoinRule::KnowledgeBase`]), or through its capital, demonym or "X government"
//!    when the mention acts as an organisation ([`JoinRule::Metonym`]); "X troops" as the
//!    armed forces of the state X or as the group X, "X ground forces" as the branch of
//!    the group X when the knowledge base lists one ([`JoinRule::ArmedForces`]). Otherwise it
//!    founds an entity ([`JoinRule::Founder`]). Then a one-token name that founded an
//!    entity of one-token names only, and that the knowledge base does not tie to some
//!    other entry, joins as a *short form* ([`JoinRule::ShortForm`]) the one entity of
//!    its kind with a longer name that it ends (a person: "Okafor" of "Ruth Okafor") or
//!    starts (an organisation: "Harbor" of "Harbor Defense Forces", which must come
//!    first). When several entities qualify (two Mughniyehs), it joins the one of them
//!    named in the same or the previous sentence, if exactly one is; else it stays an
//!    entity of its own, unresolved.
//! 2. [`across_corpus`] merges the documents' local entities into [`Entity`]s: by
//!    knowledge-base entry, by the normalised key of any name that is not a short form,
//!    and, for an entity named only by a single token, by a short form that is
//!    unambiguous in the corpus. Two entities tied to different knowledge-base entries are
//!    never merged. Every decision depends on the contents of the documents only, never on
//!    their order: the local entities are sorted by content before any merge, and an
//!    [`EntityId`] is a hash of the canonical name's key and the kind.
//!
//! # Invariants
//!
//! Resolve never reads text other than the mentions' spans, never creates a mention and
//! never does IO. Re-resolving needs the mentions only, not re-extraction.

#![warn(missing_docs)]

mod across;
mod within;

pub use across::{across_corpus, entity_id, CorpusBuilder};
pub use within::within_document;

use model::EntityKind;
pub use model::{CorpusRule, DocEntities, Entity, EntityId, JoinRule, Link, LocalEntity, Name};

/// The entities of a corpus and where every document's local entities went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Corpus {
    /// Sorted by id, ids distinct.
    pub entities: Vec<Entity>,
    /// For document `d` (its index in the slice given to [`across_corpus`]) and local
    /// entity `l`, `links[d][l]`.
    pub links: Vec<Vec<Link>>,
    /// For document `d`, [`DocEntities::entity_of_mention`], kept so a mention's entity
    /// needs only the corpus (empty when built by a [`CorpusBuilder`]).
    entity_of_mention: Vec<Vec<u32>>,
}

impl Corpus {
    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .map(|i| &self.entities[i])
    }

    /// The corpus entity of mention `mention_idx` of document `doc_idx`, and the rule that
    /// joined its local entity to it; `None` when either index is out of range. The rule
    /// that joined the mention to its local entity is in [`LocalEntity::mentions`].
    pub fn mention_entity(&self, doc_idx: usize, mention_idx: usize) -> Option<Link> {
        let local = *self.entity_of_mention.get(doc_idx)?.get(mention_idx)?;
        self.links.get(doc_idx)?.get(local as usize).copied()
    }
}

/// FNV-1a, 64 bits, over length-prefixed fields.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn field(mut self, bytes: &[u8]) -> Fnv {
        for &b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }
}

fn kind_idx(kind: EntityKind) -> usize {
    EntityKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or_default()
}

/// The kind most counts have; ties go to the first in [`EntityKind::ALL`].
fn majority(counts: &[u32; 4]) -> EntityKind {
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    EntityKind::ALL[best]
}

/// The kind of an entity with these mention counts and this entry: the entry's kind, except
/// that a state (an `org` entry with a capital or demonyms) that never acts in the mentions
/// but is named as territory is the `place` (the ontology's rule); with no entry, the
/// majority.
fn kind_with_entry(entry: Option<kb::EntryId>, counts: &[u32; 4], kb: &kb::Kb) -> EntityKind {
    let Some(id) = entry else {
        return majority(counts);
    };
    let e = kb.entry(id);
    let state = e.kind == EntityKind::Org && (e.capital.is_some() || !e.demonyms.is_empty());
    if state && counts[kind_idx(EntityKind::Org)] == 0 && counts[kind_idx(EntityKind::Place)] > 0 {
        EntityKind::Place
    } else {
        e.kind
    }
}

/// A company's key without its legal form ("Orel Mining SARLU" → "orel mining"), when a
/// name of two words or more stays.
fn without_legal_form(key: &str) -> &str {
    const FORMS: [&str; 14] = [
        "sarl", "sarlu", "sa", "sas", "ltd", "llc", "inc", "gmbh", "plc", "jsc", "ojsc", "pjsc",
        "fzco", "fze",
    ];
    match key.rsplit_once(' ') {
        Some((rest, last)) if rest.contains(' ') && FORMS.contains(&last) => rest,
        _ => key,
    }
}

/// The key by which names of this kind match: the normalised key, except for an
/// organisation, whose legal form is dropped ([`without_legal_form`]), and for a group,
/// whose key is a stem that folds plural and adjective ("Kurds", "Kurdish"; "Iraqis",
/// "Iraqi people"), marked so that it never equals the key of another kind's name
/// ("Iraqi" the group is not "Iraq" the state).
fn match_key(key: &str, kind: EntityKind) -> String {
    if kind == EntityKind::Org {
        return without_legal_form(key).to_string();
    }
    if kind != EntityKind::Group || key.is_empty() {
        return key.to_string();
    }
    static PEOPLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let people = PEOPLE.get_or_init(|| {
        ["people", "population", "community", "civilians"]
            .iter()
            .map(|w| kb::normalize(w))
            .collect()
    });
    let mut toks: Vec<&str> = key.split(' ').collect();
    while toks.len() > 1 && toks.last().is_some_and(|t| people.iter().any(|p| p == t)) {
        toks.pop();
    }
    let mut out = String::from("group:");
    for (i, t) in toks.iter().enumerate() {
        if i + 1 < toks.len() {
            out.push_str(t);
            out.push(' ');
            continue;
        }
        let mut t: &str = t;
        if t.len() > 3 {
            t = t.strip_suffix('s').unwrap_or(t);
        }
        if t.len() > 5 {
            t = t.strip_suffix("ish").unwrap_or(t);
        }
        if t.len() > 4 {
            t = t.strip_suffix('i').unwrap_or(t);
        }
        out.push_str(t);
    }
    out
}

#[cfg(test)]
mod tests;
