//! The JSON API (`/api/...`), described by `/api/openapi.json`. Lists are
//! `{"items": [...], "limit", "offset", "next"}`, newest or most mentioned
//! first, and CSV with `format=csv` or `Accept: text/csv`.

use crate::csv_out::{to_csv, CsvRow};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use newsgraph_record::{EntityType, QuoteKind};
use newsgraph_store::{EntityRow, Page, Period, QuoteFilter, SearchFilter, Store, StoreError};
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/quotes", get(quotes))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/timeline", get(timeline))
}

/// The OpenAPI document of this API.
pub const OPENAPI: &str = include_str!("../openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], OPENAPI).into_response()
}

/// JSON or CSV.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

fn format(params: &Params, headers: &HeaderMap) -> Result<Format, ApiError> {
    match params.str("format") {
        Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some(f) => Err(ApiError::parameter("format", format!("{f:?} is not json or csv"))),
        None => {
            let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
            Ok(if accept.contains("text/csv") && !accept.contains("application/json") { Format::Csv } else { Format::Json })
        }
    }
}

#[derive(Serialize)]
struct List<T> {
    items: Vec<T>,
    limit: usize,
    offset: usize,
    /// The next page's address, when this one is full.
    next: Option<String>,
}

fn list<T: Serialize + CsvRow>(path: &str, params: &Params, page: Page, items: Vec<T>, format: Format) -> Response {
    match format {
        Format::Csv => ([(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"))], to_csv(&items)).into_response(),
        Format::Json => {
            let next = (items.len() == page.limit).then(|| format!("{path}?{}", params.with_offset(page.offset + page.limit)));
            axum::Json(List { items, limit: page.limit, offset: page.offset, next }).into_response()
        }
    }
}

const PAGE: [&str; 3] = ["limit", "offset", "format"];

fn known(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().chain(PAGE.iter()).copied().collect()
}

/// `GET /api/articles?q=&from=&to=&source=`
async fn articles(State(state): State<AppState>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &known(&["q", "from", "to", "source"]), true)?;
    let fmt = format(&p, &headers)?;
    let (page, filter) = (p.page()?, SearchFilter { query: p.string("q"), dates: p.dates()?, source: p.string("source") });
    let hits = state.read(move |s| s.search(&filter, page)).await?;
    Ok(list("/api/articles", &p, page, hits, fmt))
}

/// An id in a path: a positive whole number.
pub fn path_id(raw: Result<Path<String>, axum::extract::rejection::PathRejection>) -> Result<i64, ApiError> {
    let Ok(Path(raw)) = raw else { return Err(ApiError::parameter("id", "is not a valid path segment")) };
    match raw.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ApiError::parameter("id", format!("{raw:?} is not an id (a whole number from 1)"))),
    }
}

/// An article in a path: the store's id, else the record's id.
pub enum ArticleRef {
    Id(i64),
    Record(String),
}

pub fn article_ref(raw: Result<Path<String>, axum::extract::rejection::PathRejection>) -> Result<ArticleRef, ApiError> {
    let Ok(Path(raw)) = raw else { return Err(ApiError::parameter("id", "is not a valid path segment")) };
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return match raw.parse::<i64>() {
            Ok(n) if n > 0 => Ok(ArticleRef::Id(n)),
            _ => Err(ApiError::parameter("id", format!("{raw:?} is not an id (a whole number from 1, or a record's id)"))),
        };
    }
    if raw.trim().is_empty() || raw.chars().count() > crate::params::MAX_VALUE {
        return Err(ApiError::parameter("id", "is not an article's id"));
    }
    Ok(ArticleRef::Record(raw))
}

/// The store's id of the article a reference names, if any.
pub fn resolve_article(s: &Store, r: &ArticleRef) -> Result<Option<i64>, StoreError> {
    match r {
        ArticleRef::Id(id) => Ok(Some(*id)),
        ArticleRef::Record(rid) => s.article_by_record_id(rid),
    }
}

/// `GET /api/articles/{id}`: the record, as `extract` prints it; `id` is
/// the store's id or the record's.
async fn article(State(state): State<AppState>, id: Result<Path<String>, axum::extract::rejection::PathRejection>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[], true)?;
    let r = article_ref(id)?;
    let shown = match &r {
        ArticleRef::Id(n) => n.to_string(),
        ArticleRef::Record(s) => format!("{s:?}"),
    };
    let rec = state
        .read(move |s| match resolve_article(s, &r)? {
            Some(id) => s.record(id),
            None => Ok(None),
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no article {shown}")))?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], rec.to_json()).into_response())
}

/// A quote kind parameter.
pub fn quote_kind(p: &Params) -> Result<Option<QuoteKind>, ApiError> {
    p.str("kind").map(|k| k.parse::<QuoteKind>().map_err(|_| ApiError::parameter("kind", format!("{k:?} is not direct, partial, headline or indirect")))).transpose()
}

/// An entity type parameter (any case).
pub fn entity_type(p: &Params) -> Result<Option<EntityType>, ApiError> {
    p.str("type")
        .map(|t| t.to_ascii_uppercase().parse::<EntityType>().map_err(|_| ApiError::parameter("type", format!("{t:?} is not PERSON, ORG, GPE, LOC, NORP or MISC"))))
        .transpose()
}

/// The quote filter of a request's parameters.
pub fn quote_filter(p: &Params) -> Result<QuoteFilter, ApiError> {
    Ok(QuoteFilter { speaker: p.string("speaker"), speaker_entity: None, about: p.string("about"), kind: quote_kind(p)?, dates: p.dates()? })
}

/// `GET /api/quotes?speaker=&about=&kind=&from=&to=`
async fn quotes(State(state): State<AppState>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &known(&["speaker", "about", "kind", "from", "to"]), true)?;
    let fmt = format(&p, &headers)?;
    let (page, filter) = (p.page()?, quote_filter(&p)?);
    let rows = state.read(move |s| s.quotes(&filter, page)).await?;
    Ok(list("/api/quotes", &p, page, rows, fmt))
}

/// `GET /api/entities?type=&q=`
async fn entities(State(state): State<AppState>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &known(&["type", "q"]), true)?;
    let fmt = format(&p, &headers)?;
    let (page, kind, name) = (p.page()?, entity_type(&p)?, p.string("q"));
    let rows = state.read(move |s| s.entities(kind, name.as_deref(), page)).await?;
    Ok(list("/api/entities", &p, page, rows, fmt))
}

/// `GET /api/entities/{id}`: titles over time, actor code, counts, company.
async fn entity(State(state): State<AppState>, id: Result<Path<String>, axum::extract::rejection::PathRejection>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[], true)?;
    let id = path_id(id)?;
    let detail = state.read(move |s| s.entity_detail(id)).await?.ok_or_else(|| ApiError::not_found(format!("no entity {id}")))?;
    Ok(axum::Json(detail).into_response())
}

/// The entity a parameter designates: an id, else a name.
pub fn find_entity(s: &Store, given: &str) -> Result<Option<EntityRow>, StoreError> {
    match given.parse::<i64>() {
        Ok(id) if id > 0 => s.entity(id),
        _ => s.entity_named(given),
    }
}

#[derive(Serialize)]
struct Timeline {
    entity: EntityRow,
    by: &'static str,
    #[serde(flatten)]
    list: List<newsgraph_store::TimelinePoint>,
}

pub fn period(p: &Params) -> Result<Period, ApiError> {
    Ok(p.str("by").map(str::parse::<Period>).transpose()?.unwrap_or(Period::Week))
}

pub fn period_name(by: Period) -> &'static str {
    match by {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    }
}

/// `GET /api/timeline?entity=&by=day|week|month`
async fn timeline(State(state): State<AppState>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &known(&["entity", "by"]), true)?;
    let fmt = format(&p, &headers)?;
    let page = p.page()?;
    let by = period(&p)?;
    let given = p.string("entity").ok_or_else(|| ApiError::parameter("entity", "is required: an entity's id or name"))?;
    let shown = given.clone();
    let found = state
        .read(move |s| {
            let Some(e) = find_entity(s, &given)? else { return Ok(None) };
            let points = s.timeline(e.entity, by, page)?;
            Ok(Some((e, points)))
        })
        .await?;
    let Some((entity, items)) = found else { return Err(ApiError::not_found(format!("no entity {shown:?}"))) };
    Ok(match fmt {
        Format::Csv => list("/api/timeline", &p, page, items, fmt),
        Format::Json => {
            let next = (items.len() == page.limit).then(|| format!("/api/timeline?{}", p.with_offset(page.offset + page.limit)));
            axum::Json(Timeline { entity, by: period_name(by), list: List { items, limit: page.limit, offset: page.offset, next } }).into_response()
        }
    })
}

