//! What each endpoint answers, from a store handle and checked parameters; no HTTP here.

use crate::error::ApiError;
use crate::json;
use crate::params::Params;
use model::EntityId;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashSet};
use store::{DocumentClaim, DocumentId, EdgeFilter, EdgeId, SearchHit, Store, StoredEdge};

/// The parameters of `GET /api/entities`.
pub const ENTITIES_PARAMS: &[&str] = &["q", "kind", "limit"];
/// The parameters of `GET /api/entities/{id}`.
pub const PROFILE_PARAMS: &[&str] = &["limit"];
/// The parameters of `GET /api/edges`.
pub const EDGES_PARAMS: &[&str] = &[
    "entity",
    "predicate",
    "modality",
    "since",
    "until",
    "outlet",
    "min_evidence",
    "limit",
];
/// The parameters of `GET /api/search`.
pub const SEARCH_PARAMS: &[&str] = &["q", "limit"];

/// Most edges one response holds.
const MAX_EDGES: u64 = 5000;
/// Edges of a response unless `limit` says otherwise.
const DEFAULT_EDGES: u64 = 300;

/// `GET /api/entities`: entities whose name starts with `q`, most mentioned first.
pub fn entities(store: &Store, p: &Params) -> Result<Value, ApiError> {
    let key = p.text("q")?.map(kb::normalize);
    let kind = p.kind("kind")?;
    let limit = p.number("limit", 50, 1, 1000)? as usize;
    let found = store.entities_up_to(kind, key.as_deref(), Some(limit))?;
    let list: Vec<Value> = found.iter().map(json::entity).collect();
    Ok(json!({ "entities": list }))
}

/// `GET /api/entities/{id}`: the entity and its edges both ways, strongest first.
pub fn profile(store: &Store, id: EntityId, p: &Params) -> Result<Value, ApiError> {
    let limit = p.number("limit", DEFAULT_EDGES, 1, MAX_EDGES)? as usize;
    let Some(entity) = store.entity(id)? else {
        return Err(unknown_entity(id));
    };
    let edges = edges_at(store, id, &EdgeFilter::default(), limit)?;
    let list: Vec<Value> = edges.iter().map(json::edge).collect();
    let mut entity = json::entity(&entity);
    entity["corrections"] = store
        .entity_corrections(id)?
        .iter()
        .map(crate::corrections::to_json)
        .collect();
    Ok(json!({ "entity": entity, "edges": list }))
}

/// `GET /api/edges`: the strongest edges that pass the filters, and their ends.
pub fn edges(store: &Store, p: &Params) -> Result<Answer, ApiError> {
    let filter = EdgeFilter {
        predicate: p.predicate("predicate")?,
        modality: p.modality("modality")?,
        since: p.day("since", false)?,
        until: p.day("until", true)?,
        outlet: p.text("outlet")?.map(str::to_string),
        min_evidence: p.number("min_evidence", 0, 0, 1_000_000)? as u32,
        ..EdgeFilter::default()
    };
    if let (Some(since), Some(until)) = (filter.since, filter.until) {
        if since > until {
            return Err(ApiError::bad("parameter since is after until"));
        }
    }
    let limit = p.number("limit", DEFAULT_EDGES, 1, MAX_EDGES)? as usize;
    let edges = match p.entity("entity")? {
        Some(id) => {
            if store.entity(id)?.is_none() {
                return Err(unknown_entity(id));
            }
            edges_at(store, id, &filter, limit)?
        }
        None => store.edges(&EdgeFilter {
            limit: Some(limit),
            ..filter
        })?,
    };
    let nodes = nodes(store, &edges)?;
    let list: Vec<json::Edge<'_>> = edges.iter().map(json::Edge::of).collect();
    let body = serde_json::to_string(&EdgeList { edges: list, nodes })
        .map_err(|e| ApiError::internal(&e))?;
    Ok(Answer::Text(body))
}

/// The answer of `GET /api/edges`.
#[derive(serde::Serialize)]
struct EdgeList<'a> {
    edges: Vec<json::Edge<'a>>,
    nodes: Vec<json::Node<'a>>,
}

/// What an endpoint answers: a JSON tree, or JSON text already written (for the edge
/// list, the largest answer).
pub enum Answer {
    /// A tree, written when sent.
    Tree(Value),
    /// Text.
    Text(String),
}

impl From<Value> for Answer {
    fn from(v: Value) -> Answer {
        Answer::Tree(v)
    }
}

/// `GET /api/edges/{id}`: the edge and the claims behind it.
pub fn edge(store: &Store, id: EdgeId) -> Result<Value, ApiError> {
    let Some(edge) = store.edge(id)? else {
        return Err(ApiError::not_found(format!("no edge with id {}", id.0)));
    };
    let claims: Vec<Value> = store
        .edge_claims(id)?
        .iter()
        .map(|e| json::claim(&e.claim, e.key.document, e.key.idx, Some(e.edge)))
        .collect();
    Ok(json!({ "edge": json::edge(&edge), "claims": claims }))
}

/// `GET /api/documents/{id}`: the document, its text cut where claims' evidence starts
/// and ends, and its claims.
pub fn document(store: &Store, id: DocumentId) -> Result<Value, ApiError> {
    let (Some(info), Some(doc)) = (store.document_info(id)?, store.document_paragraphs(id)?) else {
        return Err(ApiError::not_found(format!("no document with id {}", id.0)));
    };
    let claims = store.document_claims(id)?;
    let segments = segments(&doc.text, &claims);
    let list: Vec<Value> = claims
        .iter()
        .map(|c| json::claim(&c.claim, id, c.idx, c.edge))
        .collect();
    Ok(json!({ "document": json::document(&info), "segments": segments, "claims": list }))
}

/// `GET /api/search`: titles and evidence sentences holding every word of `q`.
pub fn search(store: &Store, p: &Params) -> Result<Value, ApiError> {
    let Some(q) = p.text("q")? else {
        return Err(ApiError::bad("parameter q is required"));
    };
    if store::match_expression(q).is_none() {
        return Err(ApiError::bad(
            "parameter q has no word to search for (letters or digits)",
        ));
    }
    let limit = p.number("limit", 20, 1, 200)? as usize;
    let hits = store.search(q, limit)?;
    let mut results = Vec::with_capacity(hits.len());
    for hit in &hits {
        results.push(search_result(store, hit)?);
    }
    Ok(json!({ "results": results }))
}

/// One search hit with the claims whose evidence holds its sentence.
fn search_result(store: &Store, hit: &SearchHit) -> Result<Value, ApiError> {
    let id = hit.document.id;
    let claims: Vec<Value> = match hit.sentence {
        None => Vec::new(),
        Some(s) => store
            .document_claims(id)?
            .iter()
            .filter(|c| (c.sentences.0..=c.sentences.1).contains(&s))
            .map(|c| json::claim(&c.claim, id, c.idx, c.edge))
            .collect(),
    };
    let parts: Vec<Value> = hit
        .snippet
        .iter()
        .map(|p| json!({ "text": p.text, "match": p.matched }))
        .collect();
    Ok(json!({
        "document": json::document(&hit.document),
        "sentence": hit.sentence,
        "snippet": hit.snippet_text(),
        "snippet_parts": parts,
        "claims": claims,
    }))
}

/// The edges at `id`, either end, that pass `filter`, strongest first, at most `limit`.
fn edges_at(
    store: &Store,
    id: EntityId,
    filter: &EdgeFilter,
    limit: usize,
) -> Result<Vec<StoredEdge>, ApiError> {
    let out_going = store.edges(&EdgeFilter {
        subjects: Some(vec![id]),
        limit: Some(limit),
        ..filter.clone()
    })?;
    let in_coming = store.edges(&EdgeFilter {
        objects: Some(vec![id]),
        limit: Some(limit),
        ..filter.clone()
    })?;
    let mut seen = HashSet::new();
    let mut all: Vec<StoredEdge> = out_going
        .into_iter()
        .chain(in_coming)
        .filter(|e| seen.insert(e.id))
        .collect();
    all.sort_by(|a, b| {
        b.summary
            .strength
            .total_cmp(&a.summary.strength)
            .then(b.summary.n_evidence.cmp(&a.summary.n_evidence))
            .then(a.id.cmp(&b.id))
    });
    all.truncate(limit);
    Ok(all)
}

/// The ends of `edges`, by id.
fn nodes<'a>(store: &Store, edges: &'a [StoredEdge]) -> Result<Vec<json::Node<'a>>, ApiError> {
    let mut names = std::collections::BTreeMap::new();
    for e in edges {
        names.insert(e.subject.id, e.subject.name.as_str());
        names.insert(e.object.id, e.object.name.as_str());
    }
    let ids: Vec<EntityId> = names.keys().copied().collect();
    let kinds = store.entity_kinds(&ids)?;
    Ok(names
        .into_iter()
        .map(|(id, name)| json::Node {
            id: id.0.to_string(),
            name,
            kind: kinds.get(&id).map(|k| k.name()),
        })
        .collect())
}

/// The text cut at every start and end of a claim's evidence, each piece with the
/// positions (in `claims`) of the claims whose evidence covers it.
fn segments(text: &str, claims: &[DocumentClaim]) -> Vec<Value> {
    let in_text = |at: u32| at as usize <= text.len() && text.is_char_boundary(at as usize);
    let spans: Vec<Option<(usize, usize)>> = claims
        .iter()
        .map(|c| {
            let (s, e) = (c.evidence.start, c.evidence.end);
            (s < e && in_text(s) && in_text(e)).then_some((s as usize, e as usize))
        })
        .collect();
    let mut cuts: BTreeSet<usize> = [0, text.len()].into();
    cuts.extend(spans.iter().flatten().flat_map(|&(s, e)| [s, e]));
    let cuts: Vec<usize> = cuts.into_iter().collect();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let covering: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, s)| s.is_some_and(|(s, e)| s <= w[0] && w[1] <= e))
                .map(|(i, _)| i)
                .collect();
            json!({ "text": &text[w[0]..w[1]], "claims": covering })
        })
        .collect()
}

fn unknown_entity(id: EntityId) -> ApiError {
    ApiError::not_found(format!("no entity with id {}", id.0))
}
