//! The HTTP side: routes, parameter extraction, blocking store work, and the headers every
//! response carries.

use crate::api::{self, Answer};
use crate::assets;
use crate::error::ApiError;
use crate::json;
use crate::params::{self, Params};
use crate::pool::Pool;
use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, MethodRouter};
use axum::Router;
use std::sync::Arc;
use store::Store;

/// The OpenAPI 3 description of the API, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

type Shared = Arc<Pool>;
type QueryPairs = Result<Query<Vec<(String, String)>>, QueryRejection>;
type PathId = Result<Path<String>, PathRejection>;

/// Every route with its handler.
fn routes() -> Vec<(&'static str, MethodRouter<Shared>)> {
    vec![
        ("/", get(assets::index)),
        ("/app.js", get(assets::app_js)),
        ("/style.css", get(assets::style_css)),
        ("/cytoscape.min.js", get(assets::cytoscape)),
        ("/api/openapi.json", get(openapi)),
        ("/api/entities", get(entities)),
        ("/api/entities/{id}", get(profile)),
        ("/api/edges", get(edges)),
        ("/api/edges/{id}", get(edge)),
        ("/api/documents/{id}", get(document)),
        ("/api/search", get(search)),
        (
            "/api/corrections",
            get(list_corrections).post(make_correction),
        ),
        ("/api/corrections/{id}", delete(undo_correction)),
    ]
}

/// The paths the router serves, as OpenAPI writes them (`/api/edges/{id}`).
pub fn route_paths() -> Vec<&'static str> {
    routes().into_iter().map(|(path, _)| path).collect()
}

/// The whole application over `pool`: the API, the page, a JSON 404 and 405, the Host
/// check and the security headers.
pub fn router(pool: Arc<Pool>) -> Router {
    let mut router = Router::new();
    for (path, route) in routes() {
        router = router.route(path, route);
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(check_host))
        .layer(middleware::map_response(security_headers))
        .with_state(pool)
}

async fn openapi() -> Response {
    let mut response = OPENAPI.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

async fn entities(State(pool): State<Shared>, query: QueryPairs) -> Response {
    with_params(pool, query, api::ENTITIES_PARAMS, api::entities).await
}

async fn profile(State(pool): State<Shared>, id: PathId, query: QueryPairs) -> Response {
    let id = match path_value(id).and_then(|v| params::entity_id("id", &v)) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    with_params(pool, query, api::PROFILE_PARAMS, move |s, p| {
        api::profile(s, id, p)
    })
    .await
}

async fn edges(State(pool): State<Shared>, query: QueryPairs) -> Response {
    with_params(pool, query, api::EDGES_PARAMS, api::edges).await
}

async fn edge(State(pool): State<Shared>, id: PathId, query: QueryPairs) -> Response {
    let id = match path_value(id).and_then(|v| params::edge_id(&v)) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    with_params(pool, query, &[], move |s, _| api::edge(s, id)).await
}

async fn document(State(pool): State<Shared>, id: PathId, query: QueryPairs) -> Response {
    let id = match path_value(id).and_then(|v| params::document_id(&v)) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    with_params(pool, query, &[], move |s, _| api::document(s, id)).await
}

async fn search(State(pool): State<Shared>, query: QueryPairs) -> Response {
    with_params(pool, query, api::SEARCH_PARAMS, api::search).await
}

async fn list_corrections(State(pool): State<Shared>, query: QueryPairs) -> Response {
    with_params(pool, query, &[], |s, _| {
        let list: Vec<serde_json::Value> = s
            .corrections()?
            .iter()
            .map(crate::corrections::to_json)
            .collect();
        Ok(serde_json::json!({ "corrections": list }))
    })
    .await
}

/// `POST /api/corrections` with a JSON body: checked against the store (400 when it names
/// nothing, or several), kept, and applied at once (201).
async fn make_correction(State(pool): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_body {
        return ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: "send the correction as application/json".into(),
        }
        .into_response();
    }
    let (action, new) = match crate::corrections::parse(&body) {
        Ok(parsed) => parsed,
        Err(e) => return e.into_response(),
    };
    let done = tokio::task::spawn_blocking(move || -> Result<serde_json::Value, ApiError> {
        let made = pool.write(|store| -> Result<(i64, String), ApiError> {
            let effect =
                ask::corrections::check(store, action, &new.target, new.argument.as_deref())
                    .map_err(|e| match e {
                        ask::corrections::CorrectionError::Store(e) => ApiError::internal(&e),
                        other => ApiError::bad(other.to_string()),
                    })?;
            let id = store.add_correction(
                action,
                &new.target,
                new.argument.as_deref(),
                new.note.as_deref(),
            )?;
            Ok((id, effect))
        });
        let (id, effect) = made.map_err(|e| ApiError::internal(&e))??;
        let refreshed = pipeline::refresh(pool.db(), kb::Kb::builtin_ref())
            .map_err(|e| ApiError::internal(&e))?;
        Ok(crate::corrections::applied(id, &effect, &refreshed))
    })
    .await;
    match done {
        Ok(Ok(body)) => json::response(StatusCode::CREATED, &body),
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

/// `DELETE /api/corrections/{id}`: undoes a correction in force (404 when there is none).
async fn undo_correction(State(pool): State<Shared>, id: PathId) -> Response {
    let id = match path_value(id).and_then(|v| {
        v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
            ApiError::bad(format!(
                "parameter id must be a correction number, not {v:?}"
            ))
        })
    }) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let done = tokio::task::spawn_blocking(move || -> Result<serde_json::Value, ApiError> {
        let undone = pool
            .write(|store| store.undo_correction(id))
            .map_err(|e| ApiError::internal(&e))??;
        if !undone {
            return Err(ApiError::not_found(format!(
                "no correction #{id} is in force"
            )));
        }
        let refreshed = pipeline::refresh(pool.db(), kb::Kb::builtin_ref())
            .map_err(|e| ApiError::internal(&e))?;
        Ok(crate::corrections::applied(id, "undone", &refreshed))
    })
    .await;
    match done {
        Ok(Ok(body)) => json::response(StatusCode::OK, &body),
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

/// Checks the query against `known`, then answers with `f` on a blocking thread with a
/// store handle.
async fn with_params<F, A>(pool: Shared, query: QueryPairs, known: &[&str], f: F) -> Response
where
    F: FnOnce(&Store, &Params) -> Result<A, ApiError> + Send + 'static,
    A: Into<Answer> + Send + 'static,
{
    let params = match query {
        Ok(Query(pairs)) => Params::new(pairs, known),
        Err(e) => Err(ApiError::bad(format!("the query string is malformed: {e}"))),
    };
    let params = match params {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let answer = tokio::task::spawn_blocking(move || pool.with(|store| f(store, &params))).await;
    match answer {
        Ok(Ok(body)) => match body.into() {
            Answer::Tree(tree) => json::response(StatusCode::OK, &tree),
            Answer::Text(text) => json::text_response(StatusCode::OK, text),
        },
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

/// The `{id}` of a path, or a 400.
fn path_value(id: PathId) -> Result<String, ApiError> {
    id.map(|Path(v)| v)
        .map_err(|e| ApiError::bad(format!("parameter id is malformed: {e}")))
}

async fn not_found() -> Response {
    ApiError::not_found("no such endpoint: see /api/openapi.json").into_response()
}

async fn method_not_allowed() -> Response {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "this method is not served here: see /api/openapi.json".into(),
    }
    .into_response()
}

/// Refuses a request whose `Host` is not an IP address or `localhost` (with any port):
/// a page elsewhere cannot reach this server through a name it resolves to loopback.
async fn check_host(headers: HeaderMap, request: Request, next: Next) -> Response {
    let allowed = match headers.get(header::HOST) {
        None => true,
        Some(value) => value.to_str().is_ok_and(is_local_host),
    };
    if !allowed {
        return ApiError {
            status: StatusCode::MISDIRECTED_REQUEST,
            message: "the Host header must be an IP address or localhost".into(),
        }
        .into_response();
    }
    next.run(request).await
}

/// Whether `host` (`name[:port]`) names this machine by address or as `localhost`.
fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::is_local_host;

    #[test]
    fn hosts_are_addresses_or_localhost() {
        for ok in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]:80",
            "[::1]",
            "10.0.0.1",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil",
            "[evil]:1",
            "",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }
}
