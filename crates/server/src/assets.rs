//! The web page, embedded at build time by `build.rs` (a page saying how to build it when
//! the bundle was missing then).

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// Whether the build found the page's sources and cytoscape's bundle.
pub const WEB_BUILT: bool = matches!(env!("PROXYMAP_WEB_BUILT").as_bytes(), b"1");

const INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.html"));
const APP_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/app.js"));
const STYLE_CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/style.css"));
const CYTOSCAPE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cytoscape.min.js"));

/// `GET /`.
pub async fn index() -> Response {
    asset(INDEX, "text/html; charset=utf-8")
}

/// `GET /app.js`.
pub async fn app_js() -> Response {
    asset(APP_JS, "text/javascript; charset=utf-8")
}

/// `GET /style.css`.
pub async fn style_css() -> Response {
    asset(STYLE_CSS, "text/css; charset=utf-8")
}

/// `GET /cytoscape.min.js`.
pub async fn cytoscape() -> Response {
    asset(CYTOSCAPE, "text/javascript; charset=utf-8")
}

fn asset(bytes: &'static [u8], content_type: &'static str) -> Response {
    let mut response = bytes.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
