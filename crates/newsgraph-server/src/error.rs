//! Errors as HTTP answers. What a client got wrong is a 4xx whose JSON
//! body says which parameter and why; a store another process holds is a
//! 503 to retry; only a fault of the server itself (a failing disk, a bug)
//! is a 500, and its body carries no SQL.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use newsgraph_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    /// The parameter at fault, as the request named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    pub message: String,
}

impl ApiError {
    pub fn parameter(name: &str, message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, parameter: Some(name.to_string()), message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, parameter: None, message: message.into() }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, parameter: None, message: message.into() }
    }

    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::SERVICE_UNAVAILABLE, parameter: None, message: message.into() }
    }

    pub fn with_status(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, parameter: None, message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, parameter: None, message: message.into() }
    }

    /// The body: `{"error": {"status": 400, "parameter": "from", "message": "..."}}`.
    pub fn body(&self) -> serde_json::Value {
        let mut e = serde_json::json!({ "status": self.status.as_u16(), "message": self.message });
        if let Some(p) = &self.parameter {
            e["parameter"] = p.clone().into();
        }
        serde_json::json!({ "error": e })
    }
}

/// The store names parameters as its library does; the API's names.
fn api_name(store_name: &str) -> &str {
    match store_name {
        "query" => "q",
        "name" => "entity",
        other => other,
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match &e {
            StoreError::Parameter { name, message } => ApiError::parameter(api_name(name), message.clone()),
            StoreError::TooLong => ApiError::bad_request(e.to_string()),
            StoreError::Busy(_) => ApiError::unavailable("the store is busy; try again"),
            StoreError::Missing(_) | StoreError::NotAStore(..) | StoreError::Newer { .. } => ApiError::unavailable(e.to_string()),
            StoreError::Sqlite(_) | StoreError::Io(..) => ApiError::internal("the store could not be read"),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.parameter {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(self.body())).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}
