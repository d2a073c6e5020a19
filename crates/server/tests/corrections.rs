//! `/api/corrections` on a database of its own (corrections change what the other API
//! tests read): make a merge and a rejection, list them, undo one; bad bodies are 4xx.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use server::{router, Pool};
use std::sync::Arc;
use tower::ServiceExt;

fn fixture(dir: &std::path::Path) -> Arc<Pool> {
    let input = dir.join("a.txt");
    std::fs::write(
        &input,
        "Harbor talks\n\nGen. Ruth Okafor leads the Harbor Guard.\n\n\
         The Port Watch attacked the Vellan Coast Watch near Port Vell.\n\n\
         Lars Bekele met Ruth Okafor on Monday.\n",
    )
    .unwrap();
    let db = dir.join("x.db");
    let config = pipeline::Config {
        inputs: vec![input],
        db: db.clone(),
        threads: 1,
        reprocess: false,
        prune: false,
        limits: ingest::Limits::default(),
        kb: Arc::new(kb::Kb::builtin()),
        extract: true,
    };
    pipeline::run(&config, &pipeline::Silent).unwrap();
    Arc::new(Pool::open(&db, 2).unwrap())
}

async fn send(
    pool: &Arc<Pool>,
    method: &str,
    uri: &str,
    body: Option<(&str, &str)>,
) -> (StatusCode, Value) {
    let mut builder = Request::builder().method(method).uri(uri);
    let body = match body {
        Some((kind, text)) => {
            builder = builder.header(header::CONTENT_TYPE, kind);
            Body::from(text.to_string())
        }
        None => Body::empty(),
    };
    let response = router(pool.clone())
        .oneshot(builder.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

const JSON: &str = "application/json";

#[tokio::test]
async fn corrections_are_made_listed_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let pool = fixture(dir.path());
    let (status, body) = send(
        &pool,
        "POST",
        "/api/corrections",
        Some((JSON, r#"{"action": "merge", "target": "Port Watch", "argument": "Harbor Guard", "note": "one force"}"#)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["effect"], "Port Watch merged into Harbor Guard");
    let (_, found) = send(&pool, "GET", "/api/entities?q=harbor%20guard", None).await;
    let id = found["entities"][0]["id"].as_str().unwrap().to_string();
    let (_, profile) = send(&pool, "GET", &format!("/api/entities/{id}"), None).await;
    assert_eq!(
        profile["entity"]["corrections"][0]["action"], "merge",
        "{profile}"
    );

    let (_, edges) = send(&pool, "GET", "/api/edges?predicate=meets", None).await;
    let edge = edges["edges"][0]["id"].as_i64().unwrap();
    let (_, claims) = send(&pool, "GET", &format!("/api/edges/{edge}"), None).await;
    let key = claims["claims"][0]["key"].as_str().unwrap().to_string();
    let reject = format!(r#"{{"action": "reject", "target": "{key}"}}"#);
    let (status, body) = send(&pool, "POST", "/api/corrections", Some((JSON, &reject))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, edges) = send(&pool, "GET", "/api/edges?predicate=meets", None).await;
    assert!(edges["edges"].as_array().unwrap().is_empty(), "{edges}");

    let (status, list) = send(&pool, "GET", "/api/corrections", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["corrections"].as_array().unwrap().len(), 2);
    let (status, _) = send(&pool, "DELETE", "/api/corrections/2", None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, edges) = send(&pool, "GET", "/api/edges?predicate=meets", None).await;
    assert_eq!(edges["edges"].as_array().unwrap().len(), 1, "{edges}");
    let (_, list) = send(&pool, "GET", "/api/corrections", None).await;
    assert_eq!(list["corrections"][1]["active"], false);
}

#[tokio::test]
async fn bad_corrections_are_client_errors() {
    let dir = tempfile::tempdir().unwrap();
    let pool = fixture(dir.path());
    for (kind, body, want) in [
        (
            "text/plain",
            r#"{"action": "split", "target": "Port Watch"}"#,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (JSON, "not json", StatusCode::BAD_REQUEST),
        (
            JSON,
            r#"{"action": "explode", "target": "Port Watch"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            JSON,
            r#"{"action": "merge", "target": "Nobody Known", "argument": "Harbor Guard"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            JSON,
            r#"{"action": "merge", "target": "Harbor Guard"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            JSON,
            r#"{"action": "reject", "target": "not-a-key"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            JSON,
            r#"{"action": "reject", "target": "abcdef012345:0:1-2:leads:0"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            JSON,
            r#"{"action": "split", "target": " ", "extra": 1}"#,
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (status, answer) = send(&pool, "POST", "/api/corrections", Some((kind, body))).await;
        assert_eq!(status, want, "{body}: {answer}");
        assert!(answer["error"].is_string(), "{body}: {answer}");
    }
    for uri in ["/api/corrections/0", "/api/corrections/x"] {
        let (status, _) = send(&pool, "DELETE", uri, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
    }
    let (status, _) = send(&pool, "DELETE", "/api/corrections/9", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = send(&pool, "GET", "/api/corrections", None).await;
    assert!(list["corrections"].as_array().unwrap().is_empty());
}
