//! The network stage: claims aggregated into edges `subject –predicate→ object`, each
//! with the evidence behind it counted once per piece of evidence, not once per copy.
//!
//! ```
//! use model::EntityId;
//! use network::{ClaimKey, ClaimRow, EvidenceUnit, Modality};
//!
//! let row = |document, modality, source| ClaimRow {
//!     key: ClaimKey { document, idx: 0 },
//!     subject: EntityId(1),
//!     subject_name: "Kingdom of Varan".into(),
//!     predicate: "supports".into(),
//!     object: EntityId(2),
//!     object_name: "Crimson Brigades".into(),
//!     modality,
//!     source,
//!     time: Some("2019-03".into()),
//!     date: Some("2019-03-14".into()),
//!     // The evidence unit: document 3 reprints document 1, so both count as one.
//!     unit: EvidenceUnit { document: 1, paragraph: Some(0) },
//!     outlet: Some("Harbor Daily".into()),
//!     confirmed: false,
//! };
//! let edges = network::aggregate([
//!     row(1, Modality::Reported, None),
//!     row(3, Modality::Reported, None),
//! ]);
//! assert_eq!(edges.len(), 1);
//! let e = &edges[0];
//! assert_eq!((e.claims.len(), e.n_evidence, e.outlets.len()), (2, 1, 1));
//! assert!(e.single_outlet && !e.contested);
//! ```
//!
//! # What counts
//!
//! - An *evidence unit* is where a claim's sentence stands once reprints and repeated
//!   passages are undone ([`EvidenceUnit`]): the same triple stated in a reprint, or in a
//!   paragraph that repeats an earlier one, is the same piece of evidence as the first
//!   copy. [`Edge::n_evidence`] counts units; [`Edge::modalities`] counts each unit once,
//!   under the strongest modality its claims have (`denied` > `hypothetical` > `alleged` >
//!   `reported` > `asserted`, as in the ontology).
//! - A claim's *source* is its source entity when it has one, else its outlet (the
//!   outlet of the unit's document), else the unit's document itself ([`Source`]).
//! - An edge's *outlets* are the outlets of its units' documents: a reprint or a
//!   repeated excerpt adds no outlet of its own, it counts for the first copy's outlet
//!   once. Documents without an outlet add none.
//! - `contested`: one source asserts or reports it, another denies it.
//! - [`Edge::strength`] ranks edges, strongest first: see [`strength`].
//!
//! # Invariants
//!
//! Pure: no IO, no SQL; the edges depend on the set of rows, not on their order.

#![warn(missing_docs)]

mod aggregate;
mod time;

pub use aggregate::{aggregate, strength, Network, OUTLET_BONUS};
pub use model::PartialDate;
pub use time::{time_bounds, TimeSpan};

use model::EntityId;

/// Whether `predicate` (an ontology name) is symmetric: its edges order the pair by id.
pub fn is_symmetric(predicate: &str) -> bool {
    model::Predicate::from_name(predicate).is_some_and(model::Predicate::is_symmetric)
}

/// How a claim is stated. Ordered by the ontology's precedence, weakest cue first: when
/// several apply, the greatest wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    /// The article states it as fact.
    Asserted,
    /// The article attributes it to someone.
    Reported,
    /// Hedged: allegedly, reportedly, accused of.
    Alleged,
    /// May, could, plans to, a question.
    Hypothetical,
    /// Someone denies it, or the text negates it.
    Denied,
}

impl Modality {
    /// Every modality, in precedence order.
    pub const ALL: [Modality; 5] = [
        Modality::Asserted,
        Modality::Reported,
        Modality::Alleged,
        Modality::Hypothetical,
        Modality::Denied,
    ];

    /// The ontology's name.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Alleged => "alleged",
            Modality::Hypothetical => "hypothetical",
            Modality::Denied => "denied",
        }
    }

    /// The modality with this ontology name.
    pub fn from_name(name: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.name() == name)
    }

    /// What one evidence unit of this modality adds to an edge's [`strength`].
    pub fn weight(self) -> f64 {
        match self {
            Modality::Asserted | Modality::Reported => 1.0,
            Modality::Alleged => 0.5,
            Modality::Hypothetical => 0.25,
            Modality::Denied => -1.0,
        }
    }
}

/// A stored claim's stable key: its document's row id and its index in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimKey {
    /// The document's row id.
    pub document: i64,
    /// The claim's index in the document.
    pub idx: u32,
}

/// Where a claim's (first) sentence stands once reprints and repeats are undone: the
/// first copy's document and paragraph. `paragraph` is `None` for a claim of a reprint
/// whose paragraph is linked to no paragraph of the first copy: it then stands for "the
/// first copy, somewhere", and an edge drops it when the first copy itself gives a unit
/// of that document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EvidenceUnit {
    /// The first copy's document row id.
    pub document: i64,
    /// The first copy's paragraph index.
    pub paragraph: Option<u32>,
}

/// One stored claim, as the network stage reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// The claim's key.
    pub key: ClaimKey,
    /// The subject's corpus entity.
    pub subject: EntityId,
    /// Its canonical name.
    pub subject_name: String,
    /// The predicate's ontology name.
    pub predicate: String,
    /// The object's corpus entity.
    pub object: EntityId,
    /// Its canonical name.
    pub object_name: String,
    /// How it is stated.
    pub modality: Modality,
    /// The entity it is attributed to.
    pub source: Option<EntityId>,
    /// When, in the ontology's shapes (`2014`, `2014-06-09`, `A/B`); others are ignored.
    pub time: Option<String>,
    /// The claim's own document's date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Its evidence unit.
    pub unit: EvidenceUnit,
    /// The outlet of the unit's document (the first copy's, for a reprint or a repeat).
    pub outlet: Option<String>,
    /// Whether an analyst confirmed it (rejected claims are never handed on).
    pub confirmed: bool,
}

/// Who an edge's claim rests on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The entity the claim is attributed to.
    Entity(EntityId),
    /// The outlet that states it without attribution.
    Outlet(String),
    /// A document without outlet that states it without attribution (its row id).
    Document(i64),
}

/// One claim behind an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeClaim {
    /// The claim.
    pub key: ClaimKey,
    /// Its evidence unit.
    pub unit: EvidenceUnit,
}

/// Evidence units counted by modality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModalityCounts(pub [u32; 5]);

impl ModalityCounts {
    /// The units of modality `m`.
    pub fn get(&self, m: Modality) -> u32 {
        self.0[m as usize]
    }

    /// Adds one unit of modality `m`.
    pub fn add(&mut self, m: Modality) {
        self.0[m as usize] += 1;
    }

    /// Every unit.
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }
}

/// An edge: every claim with the same (subject, predicate, object), the pair ordered by
/// id for a symmetric predicate.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The subject (for a symmetric predicate, the smaller id).
    pub subject: EntityId,
    /// Its canonical name.
    pub subject_name: String,
    /// The predicate's ontology name.
    pub predicate: String,
    /// The object.
    pub object: EntityId,
    /// Its canonical name.
    pub object_name: String,
    /// Whether the predicate is symmetric.
    pub symmetric: bool,
    /// The claims behind it, sorted by key.
    pub claims: Vec<EdgeClaim>,
    /// Distinct evidence units.
    pub n_evidence: u32,
    /// The units by modality, each unit once; they add up to `n_evidence`.
    pub modalities: ModalityCounts,
    /// The earliest time its claims give (interval starts included).
    pub first_time: Option<PartialDate>,
    /// The latest time its claims give (interval ends included).
    pub last_time: Option<PartialDate>,
    /// The earliest date of a document stating it.
    pub first_reported: Option<String>,
    /// The latest date of a document stating it.
    pub last_reported: Option<String>,
    /// Distinct sources, sorted.
    pub sources: Vec<Source>,
    /// Distinct outlets of its evidence units, sorted.
    pub outlets: Vec<String>,
    /// One source asserts or reports it, another denies it.
    pub contested: bool,
    /// At most one outlet states it.
    pub single_outlet: bool,
    /// Exactly one source states it.
    pub single_source: bool,
    /// Its rank, strongest first: see [`strength`].
    pub strength: f64,
    /// How many of its claims an analyst confirmed.
    pub n_confirmed: u32,
}

impl Edge {
    /// The days (`YYYYMMDD`) from its first time's first day to its last time's last day.
    pub fn time_bounds(&self) -> Option<(u32, u32)> {
        Some((self.first_time?.first_day(), self.last_time?.last_day()))
    }
}

#[cfg(test)]
mod tests;
