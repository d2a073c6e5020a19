//! The API of `proxymap serve` on a database built from `examples/corpus` plus a hostile
//! article: every endpoint, good requests, bad parameters (400 naming the parameter,
//! never a 500), unknown ids (404), the security headers, and search with hostile queries.
//! Requests go to the router in process.

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use serde_json::Value;
use server::{route_paths, router, Pool, OPENAPI};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// A hostile article: markup, script and control characters in its title and text.
const HOSTILE: &str = r#"{"title": "<script>alert('t')</script> Crimson Brigades \u001b[2J dispatch", "maintext": "The Crimson Brigades <img src=x onerror=alert(1)> attacked Liwa Ahl al-Jabal near Kafr Amin on Monday, residents said.\n\nThe Crimson Brigades fought Liwa Ahl al-Jabal <a href=\"javascript:alert(2)\">again</a> on Tuesday.", "source_domain": "hostile.example", "date_publish": "2020-01-06 00:00:00"}
"#;

struct Fixture {
    _dir: tempfile::TempDir,
    pool: Arc<Pool>,
}

/// The database, built once per test binary.
fn pool() -> Arc<Pool> {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let hostile = dir.path().join("hostile.jsonl");
            std::fs::write(&hostile, HOSTILE).unwrap();
            let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
            let db = dir.path().join("examples.db");
            let config = pipeline::Config {
                inputs: vec![examples, hostile],
                db: db.clone(),
                threads: 2,
                reprocess: false,
                prune: false,
                limits: ingest::Limits::default(),
                kb: Arc::new(kb::Kb::builtin()),
                extract: true,
            };
            let summary = pipeline::run(&config, &pipeline::Silent).unwrap();
            assert_eq!(summary.files_failed, 0);
            let pool = Arc::new(Pool::open(&db, 2).unwrap());
            Fixture { _dir: dir, pool }
        })
        .pool
        .clone()
}

/// The answer to `GET uri` with these extra headers.
async fn request(uri: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut builder = Request::builder().uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = router(pool())
        .oneshot(builder.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, body.to_vec())
}

/// `GET uri`, expected to answer 200 with JSON.
async fn ok(uri: &str) -> Value {
    let (status, headers, body) = request(uri, &[]).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/json; charset=utf-8"
    );
    serde_json::from_slice(&body).unwrap()
}

/// `GET uri`, expected to fail with `status` and a message naming `parameter`.
async fn fails(uri: &str, status: StatusCode, parameter: &str) {
    let (got, _, body) = request(uri, &[]).await;
    let body: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{uri}: {e}"));
    assert_eq!(got, status, "{uri}: {body}");
    let message = body["error"].as_str().unwrap();
    assert!(
        message.contains(parameter),
        "{uri}: {message:?} names no {parameter}"
    );
}

/// The id of the first entity named `name`.
async fn entity_id(name: &str) -> String {
    let found = ok(&format!(
        "/api/entities?q={}&limit=5",
        name.replace(' ', "%20")
    ))
    .await;
    found["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no {name}: {found}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_route_is_described_in_the_openapi_document_and_back() {
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    assert_eq!(spec["openapi"], "3.0.3");
    let paths = spec["paths"].as_object().unwrap();
    for route in route_paths() {
        assert!(paths.contains_key(route), "{route} is not in openapi.json");
    }
    for path in paths.keys() {
        assert!(
            route_paths().contains(&path.as_str()),
            "{path} is not a route"
        );
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for uri in [
        "/",
        "/app.js",
        "/style.css",
        "/cytoscape.min.js",
        "/api/openapi.json",
        "/api/edges",
        "/api/edges?limit=0",
        "/api/edges/999999",
        "/nothing/here",
    ] {
        let (status, headers, _) = request(uri, &[]).await;
        assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{uri}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
    let (status, headers, _) = request("/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let (_, headers, _) = request("/app.js", &[]).await;
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
}

#[tokio::test]
async fn unknown_paths_methods_and_hosts_are_refused_in_json() {
    fails("/api/nothing", StatusCode::NOT_FOUND, "endpoint").await;
    let post = Request::builder()
        .method("POST")
        .uri("/api/edges")
        .body(Body::empty())
        .unwrap();
    let response = router(pool()).oneshot(post).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let (status, _, body) = request("/api/edges", &[("host", "evil.example:8080")]).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{body:?}");
    let (status, _, _) = request("/api/edges?limit=1", &[("host", "127.0.0.1:8080")]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = request("/api/edges?limit=1", &[("host", "localhost:8080")]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn entities_are_listed_by_name_prefix_kind_and_limit() {
    let found = ok("/api/entities?q=qassemi").await;
    let names: Vec<&str> = found["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Harun Qasimi"), "{names:?}");
    let people = ok("/api/entities?kind=person&limit=3").await;
    let people = people["entities"].as_array().unwrap();
    assert_eq!(people.len(), 3);
    assert!(people.iter().all(|e| e["kind"] == "person"));
    let first = &people[0];
    for field in ["id", "name", "kind", "aliases", "mentions", "documents"] {
        assert!(first.get(field).is_some(), "no {field} in {first}");
    }
    assert!(first["id"]
        .as_str()
        .unwrap()
        .bytes()
        .all(|b| b.is_ascii_digit()));

    fails("/api/entities?kind=robot", StatusCode::BAD_REQUEST, "kind").await;
    fails("/api/entities?limit=0", StatusCode::BAD_REQUEST, "limit").await;
    fails("/api/entities?limit=1001", StatusCode::BAD_REQUEST, "limit").await;
    fails("/api/entities?limit=-1", StatusCode::BAD_REQUEST, "limit").await;
    let long = format!("/api/entities?q={}", "a".repeat(501));
    fails(&long, StatusCode::BAD_REQUEST, "q").await;
    fails(
        "/api/entities?colour=red",
        StatusCode::BAD_REQUEST,
        "colour",
    )
    .await;
    fails("/api/entities?q=a&q=b", StatusCode::BAD_REQUEST, "q").await;
}

#[tokio::test]
async fn a_profile_has_the_entity_and_its_edges_both_ways() {
    let id = entity_id("Crimson Brigades").await;
    let profile = ok(&format!("/api/entities/{id}")).await;
    assert_eq!(profile["entity"]["name"], "Crimson Brigades");
    let edges = profile["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["subject"]["id"] == id.as_str()));
    assert!(edges.iter().any(|e| e["object"]["id"] == id.as_str()));
    let strengths: Vec<f64> = edges
        .iter()
        .map(|e| e["strength"].as_f64().unwrap())
        .collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
    let one = ok(&format!("/api/entities/{id}?limit=1")).await;
    assert_eq!(one["edges"].as_array().unwrap().len(), 1);

    fails("/api/entities/abc", StatusCode::BAD_REQUEST, "id").await;
    fails("/api/entities/12x", StatusCode::BAD_REQUEST, "id").await;
    fails(
        "/api/entities/18446744073709551616",
        StatusCode::BAD_REQUEST,
        "id",
    )
    .await;
    fails("/api/entities/1", StatusCode::NOT_FOUND, "entity").await;
    fails(
        &format!("/api/entities/{id}?limit=5001"),
        StatusCode::BAD_REQUEST,
        "limit",
    )
    .await;
}

#[tokio::test]
async fn edges_are_filtered_and_come_with_their_ends() {
    let all = ok("/api/edges").await;
    let edges = all["edges"].as_array().unwrap();
    assert!(edges.len() > 20, "{}", edges.len());
    let nodes = all["nodes"].as_array().unwrap();
    for e in edges {
        for end in ["subject", "object"] {
            assert!(nodes.iter().any(|n| n["id"] == e[end]["id"]), "{e}");
        }
    }
    assert!(nodes.iter().all(|n| n["kind"].is_string()));

    let leads = ok("/api/edges?predicate=leads").await;
    let leads = leads["edges"].as_array().unwrap();
    assert!(!leads.is_empty());
    assert!(leads.iter().all(|e| e["predicate"] == "leads"));
    let denied = ok("/api/edges?modality=denied").await;
    assert!(denied["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["modalities"]["denied"].as_u64().unwrap() > 0));
    let strong = ok("/api/edges?min_evidence=3").await;
    assert!(strong["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["n_evidence"].as_u64().unwrap() >= 3));
    let two = ok("/api/edges?limit=2").await;
    assert_eq!(two["edges"].as_array().unwrap().len(), 2);
    let timed = ok("/api/edges?since=2019-01&until=2019-12-31").await;
    assert!(timed["edges"].as_array().unwrap().len() < edges.len());
    ok("/api/edges?outlet=The%20Meridian%20Post").await;
    let id = entity_id("Harun Qasimi").await;
    let at = ok(&format!("/api/edges?entity={id}&predicate=leads")).await;
    let at = at["edges"].as_array().unwrap();
    assert!(!at.is_empty());
    assert!(at
        .iter()
        .all(|e| e["subject"]["id"] == id.as_str() || e["object"]["id"] == id.as_str()));

    fails(
        "/api/edges?predicate=eats",
        StatusCode::BAD_REQUEST,
        "predicate",
    )
    .await;
    fails(
        "/api/edges?modality=rumoured",
        StatusCode::BAD_REQUEST,
        "modality",
    )
    .await;
    fails("/api/edges?since=2019-13", StatusCode::BAD_REQUEST, "since").await;
    fails(
        "/api/edges?until=yesterday",
        StatusCode::BAD_REQUEST,
        "until",
    )
    .await;
    fails("/api/edges?since=%202019", StatusCode::BAD_REQUEST, "since").await;
    fails(
        "/api/edges?since=2020&until=2019",
        StatusCode::BAD_REQUEST,
        "since",
    )
    .await;
    fails(
        "/api/edges?min_evidence=many",
        StatusCode::BAD_REQUEST,
        "min_evidence",
    )
    .await;
    fails("/api/edges?limit=5001", StatusCode::BAD_REQUEST, "limit").await;
    fails("/api/edges?limit=0", StatusCode::BAD_REQUEST, "limit").await;
    fails(
        "/api/edges?entity=Qasimi",
        StatusCode::BAD_REQUEST,
        "entity",
    )
    .await;
    fails("/api/edges?entity=1", StatusCode::NOT_FOUND, "entity").await;
    let long = format!("/api/edges?outlet={}", "x".repeat(501));
    fails(&long, StatusCode::BAD_REQUEST, "outlet").await;
}

#[tokio::test]
async fn an_edge_comes_with_the_claims_behind_it() {
    let first = ok("/api/edges?limit=1").await;
    let edge = &first["edges"][0];
    let id = edge["id"].as_i64().unwrap();
    let answer = ok(&format!("/api/edges/{id}")).await;
    assert_eq!(&answer["edge"], edge);
    let claims = answer["claims"].as_array().unwrap();
    assert_eq!(claims.len() as u64, edge["n_claims"].as_u64().unwrap());
    for c in claims {
        assert_eq!(c["edge"], id);
        assert!(!c["evidence"].as_str().unwrap().is_empty());
        assert!(c["document"]["id"].is_i64());
        for field in [
            "subject",
            "predicate",
            "object",
            "modality",
            "rule",
            "confidence",
        ] {
            assert!(!c[field].is_null(), "no {field} in {c}");
        }
    }

    fails("/api/edges/abc", StatusCode::BAD_REQUEST, "id").await;
    fails("/api/edges/-1", StatusCode::BAD_REQUEST, "id").await;
    fails(
        "/api/edges/99999999999999999999",
        StatusCode::BAD_REQUEST,
        "id",
    )
    .await;
    fails("/api/edges/999999", StatusCode::NOT_FOUND, "edge").await;
    fails(
        &format!("/api/edges/{id}?x=1"),
        StatusCode::BAD_REQUEST,
        "x",
    )
    .await;
}

#[tokio::test]
async fn a_document_is_cut_where_its_claims_evidence_starts_and_ends() {
    let first = ok("/api/edges?limit=1").await;
    let edge = ok(&format!("/api/edges/{}", first["edges"][0]["id"])).await;
    let claim = &edge["claims"][0];
    let id = claim["document"]["id"].as_i64().unwrap();
    let doc = ok(&format!("/api/documents/{id}")).await;
    assert_eq!(doc["document"]["id"], id);
    assert!(
        doc["document"]["path"].as_str().unwrap().ends_with(".html")
            || doc["document"]["path"].is_string()
    );
    let claims = doc["claims"].as_array().unwrap();
    let at = claims
        .iter()
        .position(|c| c["idx"] == claim["idx"])
        .expect("the edge's claim is among the document's");
    let segments = doc["segments"].as_array().unwrap();
    let evidence: String = segments
        .iter()
        .filter(|s| s["claims"].as_array().unwrap().contains(&Value::from(at)))
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(evidence, claim["evidence"].as_str().unwrap());

    fails("/api/documents/abc", StatusCode::BAD_REQUEST, "id").await;
    fails("/api/documents/1.5", StatusCode::BAD_REQUEST, "id").await;
    fails("/api/documents/999999", StatusCode::NOT_FOUND, "document").await;
}

#[tokio::test]
async fn search_finds_titles_and_evidence_with_their_claims() {
    let found = ok("/api/search?q=Qasimi%20leads").await;
    let results = found["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let snippet = r["snippet"].as_str().unwrap().to_lowercase();
        assert!(snippet.contains("qasimi"), "{snippet}");
        let parts = r["snippet_parts"].as_array().unwrap();
        assert!(parts.iter().any(|p| p["match"] == true));
        assert!(r["document"]["id"].is_i64());
        if r["sentence"].is_u64() {
            assert!(!r["claims"].as_array().unwrap().is_empty(), "{r}");
        }
    }
    let one = ok("/api/search?q=brigades&limit=1").await;
    assert_eq!(one["results"].as_array().unwrap().len(), 1);

    fails("/api/search", StatusCode::BAD_REQUEST, "q").await;
    fails("/api/search?q=%22%20*%20-", StatusCode::BAD_REQUEST, "q").await;
    fails(
        &format!("/api/search?q={}", "a".repeat(501)),
        StatusCode::BAD_REQUEST,
        "q",
    )
    .await;
    fails(
        "/api/search?q=a&limit=201",
        StatusCode::BAD_REQUEST,
        "limit",
    )
    .await;
    fails(
        "/api/search?q=a&limit=ten",
        StatusCode::BAD_REQUEST,
        "limit",
    )
    .await;
}

#[tokio::test]
async fn hostile_queries_never_fail_the_server() {
    for q in [
        "%22",
        "%22%22",
        "*",
        "NEAR(a%20b)",
        "a%20OR",
        "AND",
        "NOT%20x",
        "(",
        ")",
        "title:x",
        "^a",
        "-a",
        "a%20-b",
        "%7Ba%20b%7D",
        "x:*",
        "'",
        "%00",
        "%E2%80%AE",
        "near/3",
        "'''%20OR%201=1%20--",
        "a%22b%22c",
        "%E6%97%A5",
        "%5C",
        "brigades*%20*",
        "%C2%BD",
        "%3Cscript%3E",
        "Crimson%22%20OR%20%22x",
    ] {
        let uri = format!("/api/search?q={q}");
        let (status, _, body) = request(&uri, &[]).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{uri}: {status} {}",
            String::from_utf8_lossy(&body)
        );
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert!(body.get("results").is_some() || body.get("error").is_some());
    }
}

#[tokio::test]
async fn hostile_article_text_comes_back_as_plain_json_strings() {
    let found = ok("/api/search?q=alert").await;
    let results = found["results"].as_array().unwrap();
    assert!(!results.is_empty(), "the hostile title is indexed");
    let title = results[0]["document"]["title"].as_str().unwrap();
    assert!(title.contains("<script>"), "{title}");
    assert!(title.contains('\u{1b}'), "{title:?}");
    let (_, headers, body) = request("/api/search?q=alert", &[]).await;
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/json; charset=utf-8"
    );
    let raw = String::from_utf8(body).unwrap();
    assert!(
        raw.contains("\\u001b"),
        "control characters are escaped in JSON"
    );
}

#[tokio::test]
async fn bad_input_anywhere_is_a_4xx_never_a_500() {
    for uri in [
        "/api/entities/%00",
        "/api/entities/%FF",
        "/api/edges/%FF",
        "/api/documents/0x10",
        "/api/documents/%20",
        "/api/edges?limit=%FF",
        "/api/edges?since=2019-02-30",
        "/api/edges?since=0000",
        "/api/edges?until=9999-12-31",
        "/api/edges?entity=18446744073709551616",
        "/api/edges?predicate=",
        "/api/edges?&&&",
        "/api/edges?=x",
        "/api/search?q=%E0%A4",
        "/api/entities?q=%F0%9F%98%80",
        "/api/entities?q=%27%20OR%201=1",
    ] {
        let (status, headers, body) = request(uri, &[]).await;
        assert!(
            status.is_success() || status.is_client_error(),
            "{uri}: {status} {}",
            String::from_utf8_lossy(&body)
        );
        assert_eq!(
            headers[header::CONTENT_TYPE],
            "application/json; charset=utf-8",
            "{uri}"
        );
    }
}
