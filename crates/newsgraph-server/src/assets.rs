//! The files the pages use, compiled into the binary and served by name
//! from a fixed table: no path reaches the file system, so none outside
//! the static folder (or inside it) can be read by a request.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

/// Name, content type, bytes.
pub const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../static/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../static/app.js")),
    ("icon.svg", "image/svg+xml", include_bytes!("../static/icon.svg")),
];

pub fn routes() -> Router<AppState> {
    Router::new().route("/static/{name}", get(file)).route("/favicon.ico", get(|| async { file(Path("icon.svg".to_string())).await }))
}

async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|f| f.0 == name) {
        Some((_, kind, bytes)) => ([(header::CONTENT_TYPE, HeaderValue::from_static(kind)), (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"))], *bytes).into_response(),
        None => crate::pages::not_found().await,
    }
}
