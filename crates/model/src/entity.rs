//! Named things the text mentions, and what they are.

use crate::Span;
use std::fmt;

/// What kind of thing an entity is, as the ontology defines the four kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A named human being.
    Person,
    /// Any organised body: armed group, army or unit, ministry, government, party, agency,
    /// court, NGO, news outlet, company, alliance; also a country when it acts.
    Org,
    /// A named country (as territory), province, city, town, village, district, site, sea,
    /// strait, region or continent.
    Place,
    /// A named population, sect or community that is not an organisation.
    Group,
}

impl EntityKind {
    /// Every kind, in a fixed order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Group,
    ];

    /// The lowercase name used in the store, the knowledge base and exports.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which mechanism found a mention; kept so a user can see why a span is a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionRule {
    /// A capitalised sequence with its connectors (al-, bin, of, the …).
    NameShape,
    /// A title or rank before the name (Gen., Sheikh, President …): a person.
    PersonCue,
    /// An organisational head word (Forces, Brigades, Ministry …): an organisation.
    OrgCue,
    /// A place cue word (province, town, air base …): a place.
    PlaceCue,
    /// An acronym linked to its expansion ("Long Name (LN)").
    Acronym,
    /// A knowledge-base name or alias.
    KnowledgeBase,
    /// A demonym or national adjective ("Iranian", "the Kurds").
    Demonym,
}

impl MentionRule {
    /// Every rule, in a fixed order.
    pub const ALL: [MentionRule; 7] = [
        MentionRule::NameShape,
        MentionRule::PersonCue,
        MentionRule::OrgCue,
        MentionRule::PlaceCue,
        MentionRule::Acronym,
        MentionRule::KnowledgeBase,
        MentionRule::Demonym,
    ];

    /// The rule with this [`MentionRule::name`].
    pub fn from_name(name: &str) -> Option<MentionRule> {
        MentionRule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The lowercase name used in the store.
    pub fn name(self) -> &'static str {
        match self {
            MentionRule::NameShape => "name_shape",
            MentionRule::PersonCue => "person_cue",
            MentionRule::OrgCue => "org_cue",
            MentionRule::PlaceCue => "place_cue",
            MentionRule::Acronym => "acronym",
            MentionRule::KnowledgeBase => "knowledge_base",
            MentionRule::Demonym => "demonym",
        }
    }
}

/// A span of a document's text that names something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where the name stands in [`crate::Document::text`], possessive "'s" excluded.
    pub span: Span,
    /// Index of the sentence it stands in, in [`crate::Document::sentences`].
    pub sentence_idx: u32,
    /// What it names.
    pub kind: EntityKind,
    /// The mechanism that found it.
    pub rule: MentionRule,
    /// For an acronym, the index (in the document's mentions) of its expansion, and the
    /// other way round; for an alias ("X, also known as Y"), the name it is another name of.
    pub linked: Option<u32>,
}
