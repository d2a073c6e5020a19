//! Answers: a [`Question`] looked up in the stored network, each edge with the claims
//! behind it, strongest first.

use crate::question::{Direction, Question};
use model::EntityId;
use std::cmp::Ordering;
use store::{EdgeFilter, EntitySummary, NamedEntity, Store, StoredClaim, StoredEdge};
use thiserror::Error;

/// Why a question could not be answered.
#[derive(Debug, Error)]
pub enum AskError {
    /// No entity of the corpus has this name or a spelling of it.
    #[error("no entity is named {name:?}: try `proxymap entities --search {name:?}`")]
    UnknownEntity {
        /// The name as typed.
        name: String,
    },
    /// A `--since` or `--until` value that is not a date.
    #[error("{value:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate {
        /// The value as given.
        value: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// What narrows an answer besides the question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only what holds on or after this time (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only what holds on or before this time.
    pub until: Option<String>,
    /// Only evidence from this outlet.
    pub outlet: Option<String>,
    /// Only edges with evidence of this modality.
    pub modality: Option<String>,
    /// At most this many edges (0: all).
    pub limit: usize,
    /// At most this many claims shown per edge (0: all).
    pub evidence: usize,
}

/// How an edge answers the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It is what was asked for.
    Direct,
    /// It is a `leads` edge listed for "who controls X": a leader directs what they lead.
    Leader,
}

/// One edge of an answer with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The edge.
    pub edge: StoredEdge,
    /// Why it is listed.
    pub role: Role,
    /// Its claims, the best first: asserted and reported before hedged, then newest.
    pub claims: Vec<StoredClaim>,
}

/// An answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Edges, strongest first: for a relation or an evidence question.
    Edges {
        /// The question answered.
        question: Question,
        /// The entities its names resolved to.
        entities: Vec<EntitySummary>,
        /// The edges.
        edges: Vec<Answered>,
    },
    /// An entity and its edges both ways.
    Profile {
        /// The entities the name resolved to.
        entities: Vec<EntitySummary>,
        /// Their edges, strongest first.
        edges: Vec<Answered>,
    },
    /// An entity's claims in time order.
    Timeline {
        /// The entities the name resolved to.
        entities: Vec<EntitySummary>,
        /// Their claims, earliest first (by the claim's time, else its document's date).
        claims: Vec<StoredClaim>,
    },
}

/// Answers `question` from the network in `store`.
pub fn answer(store: &Store, question: &Question, filters: &Filters) -> Result<Answer, AskError> {
    let base = base_filter(filters)?;
    match question {
        Question::Relation {
            predicate,
            direction,
            entity,
        } => {
            let found = resolve(store, entity)?;
            let ids = ids_of(&found);
            let at = |predicate: &str| {
                let mut f = base.clone();
                f.predicate = Some(predicate.to_string());
                match direction {
                    Direction::Incoming => f.objects = Some(ids.clone()),
                    Direction::Outgoing => f.subjects = Some(ids.clone()),
                }
                f
            };
            let mut edges =
                with_claims(store, store.edges(&at(predicate))?, Role::Direct, filters)?;
            if *predicate == "controls" && *direction == Direction::Incoming {
                let leaders = store.edges(&at("leads"))?;
                edges.extend(with_claims(store, leaders, Role::Leader, filters)?);
                sort_strongest_first(&mut edges);
            }
            truncate(&mut edges, filters.limit);
            Ok(Answer::Edges {
                question: question.clone(),
                entities: found,
                edges,
            })
        }
        Question::Evidence {
            subject,
            predicate,
            object,
        } => {
            let subjects = resolve(store, subject)?;
            let objects = resolve(store, object)?;
            let mut f = base;
            f.predicate = Some(predicate.to_string());
            f.subjects = Some(ids_of(&subjects));
            f.objects = Some(ids_of(&objects));
            let mut edges = with_claims(store, store.edges(&f)?, Role::Direct, filters)?;
            truncate(&mut edges, filters.limit);
            let mut entities = subjects;
            entities.extend(objects);
            Ok(Answer::Edges {
                question: question.clone(),
                entities,
                edges,
            })
        }
        Question::Profile { entity } => {
            let found = resolve(store, entity)?;
            let mut edges = edges_at(store, &found, &base, filters)?;
            truncate(&mut edges, filters.limit);
            Ok(Answer::Profile {
                entities: found,
                edges,
            })
        }
        Question::Timeline { entity } => {
            let found = resolve(store, entity)?;
            let all = Filters {
                evidence: 0,
                ..filters.clone()
            };
            let mut claims: Vec<StoredClaim> = edges_at(store, &found, &base, &all)?
                .into_iter()
                .flat_map(|a| a.claims)
                .filter(|c| within(c, filters))
                .collect();
            claims.sort_by(|a, b| when(a).cmp(&when(b)).then_with(|| a.path.cmp(&b.path)));
            truncate(&mut claims, filters.limit);
            Ok(Answer::Timeline {
                entities: found,
                claims,
            })
        }
    }
}

/// The entities named `name`: by any of their names or spellings, else by a name the
/// built-in knowledge base gives as another of theirs, else by one word of their name
/// ("okafor" for "Ruth Okafor"); most mentioned first. A name that finds nothing is
/// tried again without a leading article and without a leading state ("the Iraqi
/// Interior Ministry" finds "Interior Ministry", as does "Iraq's Interior Ministry").
pub fn resolve(store: &Store, name: &str) -> Result<Vec<EntitySummary>, AskError> {
    let mut ids = Vec::new();
    for candidate in candidates(name) {
        ids = ids_named(store, &candidate)?.0;
        if !ids.is_empty() {
            break;
        }
    }
    if ids.is_empty() {
        return Err(AskError::UnknownEntity {
            name: name.to_string(),
        });
    }
    let all = store.entities(None, None)?;
    Ok(ids
        .iter()
        .filter_map(|id| all.iter().find(|e| e.id == *id).cloned())
        .collect())
}

/// The forms of a typed name to look up, in order: as typed, without a leading article,
/// without a leading state's name or adjective.
fn candidates(name: &str) -> Vec<String> {
    let bare = strip_article(name);
    let mut out = vec![name.trim().to_string()];
    if bare.len() != name.trim().len() {
        out.push(bare.to_string());
    }
    if let Some((first, rest)) = bare.split_once(char::is_whitespace) {
        let first = first
            .strip_suffix("'s")
            .or_else(|| first.strip_suffix("’s"))
            .unwrap_or(first);
        if names_a_state(first) {
            out.push(strip_article(rest).to_string());
        }
    }
    out
}

/// Whether the built-in knowledge base knows `word` as a state's name or adjective.
fn names_a_state(word: &str) -> bool {
    let kb = kb::Kb::builtin_ref();
    kb.lookup_name(word).iter().any(|m| {
        let entry = kb.entry(m.id);
        entry.kind == model::EntityKind::Org && !entry.demonyms.is_empty()
    })
}

/// The entities one of whose names folds to `name`, else those the built-in knowledge
/// base gives `name` as another name of (a name the texts never use), else those with a
/// name that has `name` as one of its words. The second value says whether the ids came
/// from that last, loosest match.
pub fn ids_named(store: &Store, name: &str) -> Result<(Vec<EntityId>, bool), store::StoreError> {
    let key = kb::normalize(name);
    let mut ids = store.find_entities(&key)?;
    if ids.is_empty() {
        let kb = kb::Kb::builtin_ref();
        for m in kb.lookup_name(name) {
            ids.extend(store.find_entities(&kb::normalize(&kb.entry(m.id).name))?);
        }
    }
    if ids.is_empty() && !key.contains(' ') && !key.is_empty() {
        return Ok((store.find_entities_by_word(&key)?, true));
    }
    ids.dedup();
    Ok((ids, false))
}

fn strip_article(name: &str) -> &str {
    let trimmed = name.trim_start();
    trimmed
        .get(..4)
        .filter(|head| head.eq_ignore_ascii_case("the "))
        .map_or(trimmed, |_| trimmed[4..].trim_start())
}

fn ids_of(entities: &[EntitySummary]) -> Vec<EntityId> {
    entities.iter().map(|e| e.id).collect()
}

/// The store filter the answer's own filters give.
fn base_filter(filters: &Filters) -> Result<EdgeFilter, AskError> {
    let day = |value: &Option<String>, last: bool| -> Result<Option<u32>, AskError> {
        value
            .as_deref()
            .map(|v| {
                network::time_bounds(v)
                    .map(|(first, end)| if last { end } else { first })
                    .ok_or_else(|| AskError::BadDate {
                        value: v.to_string(),
                    })
            })
            .transpose()
    };
    Ok(EdgeFilter {
        since: day(&filters.since, false)?,
        until: day(&filters.until, true)?,
        outlet: filters.outlet.clone(),
        modality: filters.modality.clone(),
        ..EdgeFilter::default()
    })
}

/// The edges at any of `entities`, either end, each once, strongest first.
fn edges_at(
    store: &Store,
    entities: &[EntitySummary],
    base: &EdgeFilter,
    filters: &Filters,
) -> Result<Vec<Answered>, AskError> {
    let ids = ids_of(entities);
    let mut edges = store.edges(&EdgeFilter {
        subjects: Some(ids.clone()),
        ..base.clone()
    })?;
    for e in store.edges(&EdgeFilter {
        objects: Some(ids),
        ..base.clone()
    })? {
        if !edges.iter().any(|known| known.id == e.id) {
            edges.push(e);
        }
    }
    let mut out = with_claims(store, edges, Role::Direct, filters)?;
    sort_strongest_first(&mut out);
    Ok(out)
}

/// Each edge with its claims, best first, at most `filters.evidence` of them, keeping
/// only claims of `filters.outlet` when given.
fn with_claims(
    store: &Store,
    edges: Vec<StoredEdge>,
    role: Role,
    filters: &Filters,
) -> Result<Vec<Answered>, AskError> {
    edges
        .into_iter()
        .map(|edge| {
            let mut claims: Vec<StoredClaim> = store
                .edge_claims(edge.id)?
                .into_iter()
                .map(|e| e.claim)
                .filter(|c| {
                    filters
                        .outlet
                        .as_ref()
                        .is_none_or(|o| c.outlet.as_ref() == Some(o))
                        && filters.modality.as_ref().is_none_or(|m| &c.modality == m)
                })
                .collect();
            claims.sort_by(best_claim_first);
            truncate(&mut claims, filters.evidence);
            Ok(Answered { edge, role, claims })
        })
        .collect()
}

/// Asserted and reported claims before hedged ones, denials last; then the newest.
fn best_claim_first(a: &StoredClaim, b: &StoredClaim) -> Ordering {
    let rank = |c: &StoredClaim| match c.modality.as_str() {
        "asserted" | "reported" => 0,
        "alleged" => 1,
        "hypothetical" => 2,
        _ => 3,
    };
    rank(a).cmp(&rank(b)).then_with(|| b.date.cmp(&a.date))
}

fn sort_strongest_first(edges: &mut [Answered]) {
    edges.sort_by(|a, b| {
        b.edge
            .summary
            .strength
            .total_cmp(&a.edge.summary.strength)
            .then_with(|| b.edge.summary.n_evidence.cmp(&a.edge.summary.n_evidence))
            .then_with(|| a.edge.id.cmp(&b.edge.id))
    });
}

fn truncate<T>(items: &mut Vec<T>, limit: usize) {
    if limit > 0 {
        items.truncate(limit);
    }
}

/// When a claim held: its own time's first day, else its document's date, else never
/// (sorted last).
fn when(c: &StoredClaim) -> u32 {
    c.time
        .as_deref()
        .or(c.date.as_deref())
        .and_then(network::time_bounds)
        .map_or(u32::MAX, |(first, _)| first)
}

/// Whether a claim's time (else its document's date) falls within the filters' range.
fn within(c: &StoredClaim, filters: &Filters) -> bool {
    let Some((first, last)) = c
        .time
        .as_deref()
        .or(c.date.as_deref())
        .and_then(network::time_bounds)
    else {
        return filters.since.is_none() && filters.until.is_none();
    };
    let since = filters.since.as_deref().and_then(network::time_bounds);
    let until = filters.until.as_deref().and_then(network::time_bounds);
    since.is_none_or(|(s, _)| last >= s) && until.is_none_or(|(_, u)| first <= u)
}

/// The entity at the other end of `edge` from `entities` (its object when both ends are
/// among them).
pub fn other_end<'e>(edge: &'e StoredEdge, entities: &[EntitySummary]) -> &'e NamedEntity {
    if entities.iter().any(|e| e.id == edge.subject.id) {
        &edge.object
    } else {
        &edge.subject
    }
}
