//! The claims stage: a document, its mentions and its local entities in; the claims its
//! sentences make between those entities out (`subject –predicate→ object`, with modality,
//! source, time, place and the evidence).
//!
//! ```
//! use model::{Document, EntityKind, Mention, MentionRule, Paragraph, ParagraphRole, Sentence, Span};
//! let text = "The Harbor Front attacked Port Vela.";
//! let mentions = vec![
//!     Mention { span: Span::new(4, 16), sentence_idx: 0, kind: EntityKind::Org, rule: MentionRule::OrgCue, linked: None },
//!     Mention { span: Span::new(26, 35), sentence_idx: 0, kind: EntityKind::Place, rule: MentionRule::NameShape, linked: None },
//! ];
//! let doc = Document {
//!     text: text.to_string(),
//!     paragraphs: vec![Paragraph { span: Span::new(0, text.len()), role: ParagraphRole::Body }],
//!     sentences: vec![Sentence { span: Span::new(0, text.len()), paragraph_idx: 0 }],
//!     ..Document::default()
//! };
//! let kb = kb::Kb::empty();
//! let local = resolve::within_document(&doc, &mentions, &kb);
//! let claims = claims::extract(&doc, &mentions, &local, &kb);
//! assert_eq!(claims.len(), 1);
//! assert_eq!(claims[0].predicate, claims::Predicate::Attacks);
//! assert_eq!((claims[0].subject, claims[0].object), (0, 1));
//! assert_eq!(claims[0].modality, claims::Modality::Asserted);
//! ```
//!
//! The stage works sentence by sentence, in steps:
//!
//! 1. [`tokens`] cuts each sentence into tokens, a mention becoming one token that
//!    carries its local entity, and tags every other token from closed-class word lists
//!    and suffixes (determiner, preposition, auxiliary, pronoun, adverb …).
//! 2. [`refer`] resolves pronouns and definite descriptions ("the militia", "he") to the
//!    nearest fitting named entity of the same or the previous sentence.
//! 3. [`rules`] finds the cues of the [`lexicon`] (`data/cues.txt`) and, per cue class,
//!    the subject and object around it (active and passive voice, appositives,
//!    possessives, compounds, relative clauses, coordination, adverbials), plus a few
//!    rules that need no cue word (an actor "in" a place, one body's possessive of
//!    another, a state's adjective before a body, a place retaken "from" its holder). The argument finders live in a private
//!    `args` module.
//! 4. [`modality`] decides each claim's modality and source, [`time`] its time, and
//!    [`rules`] its place, count and other attributes. Claims read from a description
//!    (roles, possessives, compounds, reduced relatives) are standing facts: asserted,
//!    and dated only by a time that opens the sentence.
//!
//! Each claim names the rule that made it ([`Claim::rule`]): `verb_active`,
//! `verb_passive`, `verb_participle`, `verb_clause_subject`, `verb_symmetric`,
//! `verb_scene`, `verb_event_subject`, `role_appositive`, `role_copula`, `role_title`,
//! `role_title_of`, `role_referred`, `role_department` and `role_department_member` (a
//! minister's or secretary's portfolio naming a department the document names, see
//! [`offices`]), `event`, `event_by`, `modifier`, `pro`, `under`,
//! `between`, `adjunct`, `actor_in_place`, `possessive_member`, `state_adjective`,
//! `retaken_from` (a place retaken or liberated from someone was held by them) and
//! `presence_from_event` (an actor attacking or fighting in a place operates there).
//!
//! # Invariants
//!
//! Pure: no IO, never panics on any input (mention spans out of range or off char
//! boundaries are skipped). Claims refer to the document's local entities by index; the
//! pipeline maps them to corpus entities. A claim is made only between two named
//! entities, never from a generic phrase no named entity backs.

#![warn(missing_docs)]

mod args;
pub mod lexicon;
pub mod modality;
pub mod offices;
pub mod refer;
pub mod rules;
pub mod time;
pub mod tokens;

pub use modality::Modality;
pub use model::Predicate;
pub use time::{PartialDate, TimeExpr};

use model::{Document, Mention, Span};

/// What can go wrong in this crate: only reading cue data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    /// A line of the cue lexicon is malformed.
    #[error("cues: line {line}: {why}")]
    Lexicon {
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        why: String,
    },
}

/// The mentions a claim links, by index into the document's mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimMentions {
    /// The mention naming the subject (for a pronoun, the mention it resolved to).
    pub subject: u32,
    /// The mention naming the object.
    pub object: u32,
    /// The mention naming the source, if any.
    pub source: Option<u32>,
    /// The mention naming the place, if any.
    pub place: Option<u32>,
}

/// One claim a document makes. Entities are indices into
/// [`resolve::DocEntities::entities`].
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Who or what the claim is about.
    pub subject: u32,
    /// The relation.
    pub predicate: Predicate,
    /// The other side.
    pub object: u32,
    /// How the text holds it.
    pub modality: Modality,
    /// The entity it is attributed to, whatever the modality.
    pub source: Option<u32>,
    /// When it held or happened.
    pub time: Option<TimeExpr>,
    /// The place entity where it happened.
    pub place: Option<u32>,
    /// For attacks: how many people were killed or affected.
    pub count: Option<u32>,
    /// The office the subject holds, as the text words it.
    pub role: Option<Span>,
    /// How support is given (a cue's label: arms, funding, training …).
    pub means: Option<&'static str>,
    /// The kind of attack (killing, bombing, raid …).
    pub kind: Option<&'static str>,
    /// What a designation lists the object as, as the text words it.
    pub as_: Option<Span>,
    /// The sentences stating it (one, or two adjacent), ascending.
    pub sentences: Vec<u32>,
    /// The evidence: from the first sentence's start to the last one's end.
    pub evidence: Span,
    /// The mentions it links.
    pub mentions: ClaimMentions,
    /// The name of the rule that made it.
    pub rule: &'static str,
    /// How sure the rule is, in 0–1.
    pub confidence: f32,
}

/// Finds the claims of a document: for every annotated sentence, the claims its cues and
/// structure state between named local entities, deduplicated per sentence.
///
/// `mentions` are the document's mentions (as [`mentions::find`] gives them: sorted, each
/// in one sentence) and `local` their grouping into entities. Never panics: a mention
/// whose span or sentence is out of range, or whose entity is unknown, is ignored.
///
/// [`mentions::find`]: https://docs.rs/mentions
pub fn extract(
    doc: &Document,
    mentions: &[Mention],
    local: &resolve::DocEntities,
    kb: &kb::Kb,
) -> Vec<Claim> {
    let sents = tokens::tokenize_document(doc, mentions, local, kb);
    let excerpts = modality::excerpts(&sents);
    let depts = offices::departments(&sents, local, kb);
    let mut out = Vec::new();
    for (idx, excerpt) in excerpts.into_iter().enumerate() {
        rules::sentence_claims(doc, &sents, &depts, idx, excerpt, &mut out);
    }
    rules::join_across_sentences(&mut out);
    out
}

#[cfg(test)]
mod tests;
