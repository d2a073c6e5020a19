//! What resolution hands on: the local entities of a document, the corpus entities they
//! join, and the rule behind every join. Plain data; the resolve stage computes it, the
//! store keeps it, later stages read it.

use crate::EntityKind;
use std::fmt;

/// Index of an entry in a knowledge base (`kb::Kb`): valid for the knowledge base that
/// produced it only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u32);

/// Why a mention joined its local entity (within one document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JoinRule {
    /// It is the entity's first mention: nothing earlier matched it.
    Founder,
    /// Its normalised key equals that of an earlier mention of the entity.
    SameKey,
    /// It is a single token ending (person) or starting (organisation) the entity's
    /// longer name.
    ShortForm,
    /// It is an acronym linked to the entity's expansion, or the other way round.
    Acronym,
    /// The knowledge base lists it as another name (alias, translation) of the entity's
    /// entry.
    KnowledgeBase,
    /// A capital, demonym or "X government" standing for the state when it acts.
    Metonym,
    /// "X troops", "X soldiers", "X forces": the armed forces of the state X (its
    /// knowledge-base entry's `forces_of`), or the armed group X itself.
    ArmedForces,
    /// It is linked to an earlier name as another name of the same entity ("X, also
    /// known as Y").
    Alias,
}

impl JoinRule {
    /// Every rule, in a fixed order.
    /// New rules go last: the store encodes a rule as its index here.
    pub const ALL: [JoinRule; 8] = [
        JoinRule::Founder,
        JoinRule::SameKey,
        JoinRule::ShortForm,
        JoinRule::Acronym,
        JoinRule::KnowledgeBase,
        JoinRule::Metonym,
        JoinRule::ArmedForces,
        JoinRule::Alias,
    ];

    /// The rule with this [`JoinRule::name`].
    pub fn from_name(name: &str) -> Option<JoinRule> {
        JoinRule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The lowercase name used in the store and in explanations.
    pub fn name(self) -> &'static str {
        match self {
            JoinRule::Founder => "founder",
            JoinRule::SameKey => "same_key",
            JoinRule::ShortForm => "short_form",
            JoinRule::Acronym => "acronym",
            JoinRule::KnowledgeBase => "knowledge_base",
            JoinRule::Metonym => "metonym",
            JoinRule::ArmedForces => "armed_forces",
            JoinRule::Alias => "alias",
        }
    }
}

impl fmt::Display for JoinRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a local entity joined its corpus entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CorpusRule {
    /// No other document's entity joined it.
    Alone,
    /// It shares a knowledge-base entry with another document's entity.
    KnowledgeBase,
    /// It shares the normalised key of a full (not short-form) name.
    SameKey,
    /// It is named only by one token, the unambiguous short form of an entity elsewhere.
    ShortForm,
    /// An analyst's correction (a merge or a split) put it there.
    Correction,
}

impl CorpusRule {
    /// Every rule, in a fixed order.
    pub const ALL: [CorpusRule; 5] = [
        CorpusRule::Alone,
        CorpusRule::KnowledgeBase,
        CorpusRule::SameKey,
        CorpusRule::ShortForm,
        CorpusRule::Correction,
    ];

    /// The rule with this [`CorpusRule::name`].
    pub fn from_name(name: &str) -> Option<CorpusRule> {
        CorpusRule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The lowercase name used in the store and in explanations.
    pub fn name(self) -> &'static str {
        match self {
            CorpusRule::Alone => "alone",
            CorpusRule::KnowledgeBase => "knowledge_base",
            CorpusRule::SameKey => "same_key",
            CorpusRule::ShortForm => "short_form",
            CorpusRule::Correction => "correction",
        }
    }
}

impl fmt::Display for CorpusRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One surface form of a local entity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    /// The text as written (`&doc.text[mention.span]`).
    pub surface: String,
    /// How many of the entity's mentions have this surface.
    pub n_mentions: u32,
    /// Whether every one of those mentions joined as a [`JoinRule::ShortForm`]: such a
    /// name is evidence for this document only, and never merges entities across
    /// documents by its key.
    pub short_form: bool,
}

/// The mentions of one document that name one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalEntity {
    /// Its distinct surface forms, sorted by surface.
    pub names: Vec<Name>,
    /// What it is: the knowledge-base entry's kind when there is one, else the kind most of
    /// its mentions have (ties go to the first in [`EntityKind::ALL`]).
    pub kind: EntityKind,
    /// How many of its mentions have each kind, in [`EntityKind::ALL`] order.
    pub kind_counts: [u32; 4],
    /// The knowledge-base entry it is, when one of its names is in the knowledge base.
    pub kb_entry: Option<EntryId>,
    /// Its mentions (indices into the document's mentions, ascending), each with the rule
    /// that joined it; the first is the [`JoinRule::Founder`].
    pub mentions: Vec<(u32, JoinRule)>,
}

/// A document's local entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocEntities {
    /// Sorted by first mention.
    pub entities: Vec<LocalEntity>,
    /// For every mention of the document (by index), the index of its entity in
    /// [`DocEntities::entities`].
    pub entity_of_mention: Vec<u32>,
}

/// A corpus entity's id: stable across runs while its canonical name and kind stay the
/// same, whatever the order of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u64);

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// One real-world actor, as the whole corpus names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its id: the FNV-1a 64-bit hash of its kind and the key of its name (see
    /// `resolve::across_corpus` for the rule when two entities would share one).
    pub id: EntityId,
    /// Its canonical name: the knowledge base's name when it has an entry, else its most
    /// frequent full name of several tokens (else of one), longer and then alphabetically
    /// first on ties.
    pub name: String,
    /// What it is: the knowledge base's kind (a state named only as territory is the
    /// `place`), else the kind most of its mentions have.
    pub kind: EntityKind,
    /// Every surface form naming it except `name` itself, sorted, each once.
    pub aliases: Vec<String>,
    /// Its knowledge-base entry, if any.
    pub kb_entry: Option<EntryId>,
    /// How many mentions name it.
    pub n_mentions: u32,
    /// How many documents mention it.
    pub n_documents: u32,
}

/// Where one local entity went, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The corpus entity.
    pub entity: EntityId,
    /// The rule that joined the local entity to it.
    pub rule: CorpusRule,
}
