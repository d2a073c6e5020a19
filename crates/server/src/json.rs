//! The JSON shapes of `docs/API.md`: entities, edges, claims, documents.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use model::EntityId;
use serde::Serialize;
use serde_json::{json, Value};
use store::{
    DocumentId, DocumentInfo, EdgeId, EntitySummary, NamedEntity, StoredClaim, StoredEdge,
};

/// `body` as a response with `status` and the API's content type.
pub fn response(status: StatusCode, body: &Value) -> Response {
    text_response(status, body.to_string())
}

/// JSON text as a response with `status` and the API's content type.
pub fn text_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// An entity id as the API writes it: decimal, as a string (ids exceed 2^53).
pub fn id(id: EntityId) -> Value {
    Value::String(id.0.to_string())
}

/// `{"id", "name"}`.
pub fn named(e: &NamedEntity) -> Value {
    json!({ "id": id(e.id), "name": e.name })
}

/// An entity as listed: `{"id", "name", "kind", "aliases", "knowledge_base", "mentions",
/// "documents"}`.
pub fn entity(e: &EntitySummary) -> Value {
    json!({
        "id": id(e.id),
        "name": e.name,
        "kind": e.kind.name(),
        "aliases": e.aliases,
        "knowledge_base": e.kb_entry,
        "mentions": e.n_mentions,
        "documents": e.n_documents,
    })
}

/// An `EDGE`, serialised straight from the stored edge (no intermediate JSON tree: the
/// edge list is the API's largest answer).
#[derive(Serialize)]
pub struct Edge<'a> {
    id: i64,
    subject: Named<'a>,
    predicate: &'a str,
    object: Named<'a>,
    symmetric: bool,
    n_claims: u32,
    n_evidence: u32,
    modalities: Modalities,
    first_time: Option<&'a str>,
    last_time: Option<&'a str>,
    first_reported: Option<&'a str>,
    last_reported: Option<&'a str>,
    n_sources: u32,
    n_outlets: u32,
    contested: bool,
    single_outlet: bool,
    single_source: bool,
    strength: f64,
}

/// `{"id", "name"}` of an edge's end.
#[derive(Serialize)]
struct Named<'a> {
    id: String,
    name: &'a str,
}

/// Evidence units by modality.
#[derive(Serialize)]
struct Modalities {
    asserted: u32,
    reported: u32,
    alleged: u32,
    hypothetical: u32,
    denied: u32,
}

impl<'a> Edge<'a> {
    /// The shape of `e`.
    pub fn of(e: &'a StoredEdge) -> Edge<'a> {
        let s = &e.summary;
        let m = &s.modalities;
        let named = |n: &'a NamedEntity| Named {
            id: n.id.0.to_string(),
            name: &n.name,
        };
        Edge {
            id: e.id.0,
            subject: named(&e.subject),
            predicate: &e.predicate,
            object: named(&e.object),
            symmetric: e.symmetric,
            n_claims: e.n_claims,
            n_evidence: s.n_evidence,
            modalities: Modalities {
                asserted: m.asserted,
                reported: m.reported,
                alleged: m.alleged,
                hypothetical: m.hypothetical,
                denied: m.denied,
            },
            first_time: s.first_time.as_deref(),
            last_time: s.last_time.as_deref(),
            first_reported: s.first_reported.as_deref(),
            last_reported: s.last_reported.as_deref(),
            n_sources: s.n_sources,
            n_outlets: s.n_outlets,
            contested: s.contested,
            single_outlet: s.single_outlet,
            single_source: s.single_source,
            strength: s.strength,
        }
    }
}

/// A node of the edge list: `{"id", "name", "kind"}`.
#[derive(Serialize)]
pub struct Node<'a> {
    /// Its id, decimal.
    pub id: String,
    /// Its canonical name.
    pub name: &'a str,
    /// Its kind, if it is still a corpus entity.
    pub kind: Option<&'static str>,
}

/// An `EDGE` as a JSON tree, for answers that hold one or two.
pub fn edge(e: &StoredEdge) -> Value {
    serde_json::to_value(Edge::of(e)).unwrap_or(Value::Null)
}

/// A `CLAIM`: claim number `idx` of document `document`, behind edge `edge`.
pub fn claim(c: &StoredClaim, document: DocumentId, idx: u32, edge: Option<EdgeId>) -> Value {
    json!({
        "edge": edge.map(|e| e.0),
        "document": {
            "id": document.0,
            "title": c.title,
            "outlet": c.outlet,
            "date": c.date,
        },
        "idx": idx,
        "subject": named(&c.subject),
        "predicate": c.predicate,
        "object": named(&c.object),
        "modality": c.modality,
        "source": c.source.as_ref().map(named),
        "place": c.place.as_ref().map(named),
        "time": c.time,
        "count": c.count,
        "role": c.role,
        "means": c.means,
        "kind": c.kind,
        "as": c.as_what,
        "evidence": c.evidence,
        "rule": c.rule,
        "confidence": (f64::from(c.confidence) * 1000.0).round() / 1000.0,
        "key": c.key,
        "correction": c.correction.map(|(id, action)| json!({"id": id, "action": action.name()})),
    })
}

/// A document's provenance: `{"id", "path", "idx", "title", "outlet", "author", "date",
/// "url"}`.
pub fn document(d: &DocumentInfo) -> Value {
    json!({
        "id": d.id.0,
        "path": d.path,
        "idx": d.idx,
        "title": d.title,
        "outlet": d.outlet,
        "author": d.author,
        "date": d.date,
        "url": d.url,
    })
}
