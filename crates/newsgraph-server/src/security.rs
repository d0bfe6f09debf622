//! What every response carries and every request is held to. Article text
//! comes from the web and is hostile: besides escaping (templates and
//! [`crate::highlight`]), the Content-Security-Policy lets the page run only
//! the script it ships (`/static/app.js`), load nothing from elsewhere, and
//! never be framed; a link is made only of an http(s) address.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The longest request target (path and query) taken, in bytes.
pub const MAX_URI: usize = 4096;

/// The largest request body taken (the API reads none).
pub const MAX_BODY: usize = 16 * 1024;

/// The layers every request and response goes through.
pub fn apply(router: Router, timeout: Duration) -> Router {
    let header = |name: HeaderName, value: &'static str| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value));
    router
        .layer(axum::middleware::from_fn(limit_uri))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout))
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::CACHE_CONTROL, "no-store"))
}

/// A request target longer than [`MAX_URI`] is a 414.
async fn limit_uri(req: Request, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len > MAX_URI {
        return crate::error::ApiError::with_status(StatusCode::URI_TOO_LONG, format!("the request's address is longer than {MAX_URI} bytes")).into_response();
    }
    next.run(req).await
}

/// The address, when it may be a link: http or https only (never
/// `javascript:`, `data:` or anything a browser would run or render).
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://")) && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(safe_url("https://example.org/a?b=1"), Some("https://example.org/a?b=1"));
        assert_eq!(safe_url(" HTTP://example.org/ "), Some("HTTP://example.org/"));
        for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/", "/relative", "http://a b", "java\tscript:x"] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }
}
