//! The web pages: search (`/`), an article (`/articles/{id}`), a person or
//! organisation (`/entities/{id}`), the quotes table (`/quotes`) and the
//! list of entities (`/entities`). Rendered on the server by askama
//! templates (`templates/`), which escape every value; the article's
//! marked-up text comes from [`crate::highlight`], which escapes its own.

use crate::api::{article_ref, entity_type, path_id, period, period_name, quote_filter, resolve_article};
use crate::chart::timeline_svg;
use crate::error::ApiError;
use crate::highlight::{marked, render, Mark};
use crate::params::Params;
use crate::security::safe_url;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use newsgraph_record::{EntityType, Record};
use newsgraph_store::{EntityDetail, EntityRow, Page, QuoteFilter, QuoteRow, SearchFilter, SearchHit};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search))
        .route("/articles/{id}", get(article))
        .route("/entities", get(entities))
        .route("/entities/{id}", get(entity))
        .route("/quotes", get(quotes))
}

/// A page, or an error page with its status.
fn page<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => error_page(ApiError::internal(format!("the page could not be made: {e}"))),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: &'static str,
    status: u16,
    reason: String,
    message: String,
}

fn error_page(e: ApiError) -> Response {
    let t = ErrorPage { nav: "", status: e.status.as_u16(), reason: e.status.canonical_reason().unwrap_or("Error").to_string(), message: e.to_string() };
    match t.render() {
        Ok(html) => (e.status, Html(html)).into_response(),
        Err(_) => (e.status, e.to_string()).into_response(),
    }
}

pub async fn not_found() -> Response {
    error_page(ApiError::not_found("there is no page at this address"))
}

/// A search hit ready for the page.
struct HitView {
    article: i64,
    title: String,
    published: String,
    source: String,
    snippet_html: String,
}

impl HitView {
    fn of(h: SearchHit) -> HitView {
        HitView {
            article: h.article,
            title: h.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| h.id.clone()),
            published: day(h.published.as_deref()),
            source: h.url.as_deref().and_then(host).map(str::to_string).unwrap_or_else(|| file_name(&h.source)),
            snippet_html: marked(&h.snippet, &h.highlights),
        }
    }
}

/// A quote ready for the page.
pub struct QuoteView {
    article: i64,
    start: i64,
    published: String,
    title: String,
    speaker: String,
    speaker_entity: Option<i64>,
    content: String,
    kind: String,
    cue: String,
    confidence: String,
}

impl QuoteView {
    fn of(q: QuoteRow) -> QuoteView {
        QuoteView {
            article: q.article,
            start: q.start,
            published: day(q.published.as_deref()),
            title: q.title.unwrap_or(q.id),
            speaker: q.speaker.or(q.speaker_text).unwrap_or_default(),
            speaker_entity: q.speaker_entity,
            content: q.content,
            kind: q.kind,
            cue: q.cue.unwrap_or_default(),
            confidence: format!("{:.2}", q.confidence),
        }
    }
}

/// The calendar day of a published date, or a dash.
fn day(p: Option<&str>) -> String {
    p.map(|p| p.get(..10).unwrap_or(p).to_string()).unwrap_or_else(|| "undated".into())
}

/// The last part of an input's path ("GUM_news_clock.txt", "cc.warc.gz#12").
fn file_name(source: &str) -> String {
    source.rsplit(['/', '\\']).next().unwrap_or(source).to_string()
}

/// The host of a web address.
fn host(url: &str) -> Option<&str> {
    let rest = safe_url(url)?.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}

fn type_label(t: &str) -> &'static str {
    match t {
        "PERSON" => "person",
        "ORG" => "organisation",
        "GPE" => "country, city or state",
        "LOC" => "place",
        "NORP" => "group",
        _ => "other",
    }
}

/// An option of a select (or a link among alternatives).
struct Choice {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

fn choices(all: &[(&'static str, &'static str)], current: &str) -> Vec<Choice> {
    all.iter().map(|&(value, label)| Choice { value, label, selected: value == current }).collect()
}

const KINDS: [(&str, &str); 3] = [("articles", "Articles"), ("quotes", "Quotes"), ("entities", "People and organisations")];

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    nav: &'static str,
    q: String,
    kind: String,
    from: String,
    to: String,
    source: String,
    kinds: Vec<Choice>,
    error: Option<String>,
    people: Vec<EntityRow>,
    hits: Vec<HitView>,
    quotes: Vec<QuoteView>,
    entities: Vec<EntityRow>,
    heading: String,
    next: Option<String>,
    prev: Option<String>,
}

impl SearchPage {
    fn type_label(&self, t: &str) -> &'static str {
        type_label(t)
    }
}

/// The links to the pages before and after this one.
fn pages(base: &str, p: &Params, page: Page, shown: usize) -> (Option<String>, Option<String>) {
    let next = (shown == page.limit).then(|| format!("{base}?{}", p.with_offset(page.offset + page.limit)));
    let prev = (page.offset > 0).then(|| format!("{base}?{}", p.with_offset(page.offset.saturating_sub(page.limit))));
    (next, prev)
}

async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let p = match Params::parse(raw.as_deref(), &["q", "kind", "from", "to", "source", "offset"], false) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let mut t = SearchPage {
        nav: "search",
        q: p.string("q").unwrap_or_default(),
        kind: p.str("kind").filter(|k| KINDS.iter().any(|(v, _)| v == k)).unwrap_or("articles").to_string(),
        from: p.string("from").unwrap_or_default(),
        to: p.string("to").unwrap_or_default(),
        source: p.string("source").unwrap_or_default(),
        kinds: Vec::new(),
        error: None,
        people: Vec::new(),
        hits: Vec::new(),
        quotes: Vec::new(),
        entities: Vec::new(),
        heading: String::new(),
        next: None,
        prev: None,
    };
    t.kinds = choices(&KINDS, &t.kind);
    let result = search_results(&state, &p, &mut t).await;
    match result {
        Ok(()) => page(StatusCode::OK, &t),
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            t.error = Some(e.to_string());
            page(StatusCode::BAD_REQUEST, &t)
        }
        Err(e) => error_page(e),
    }
}

async fn search_results(state: &AppState, p: &Params, t: &mut SearchPage) -> Result<(), ApiError> {
    let page = Page::new(20, p.int("offset", 0, 0, 1_000_000)?)?;
    let dates = p.dates()?;
    let q = p.string("q");
    match t.kind.as_str() {
        "quotes" => {
            let filter = QuoteFilter { about: q, dates, ..Default::default() };
            let rows = state.read(move |s| s.quotes(&filter, page)).await?;
            t.heading = if t.q.is_empty() { "Latest quotes".into() } else { format!("Quotes about “{}”", t.q) };
            (t.next, t.prev) = pages("/", p, page, rows.len());
            t.quotes = rows.into_iter().map(QuoteView::of).collect();
        }
        "entities" => {
            let rows = state.read(move |s| s.entities(None, q.as_deref(), page)).await?;
            t.heading = "People, organisations and places".into();
            (t.next, t.prev) = pages("/", p, page, rows.len());
            t.entities = rows;
        }
        _ => {
            let filter = SearchFilter { query: q.clone(), dates, source: p.string("source") };
            let first = page.offset == 0;
            let (hits, people) = state
                .read(move |s| {
                    let hits = s.search(&filter, page)?;
                    // the people and organisations the words name, on the first page
                    let people = match (&q, first) {
                        (Some(q), true) => s.entities(None, Some(q), Page::new(5, 0)?)?.into_iter().filter(|e| e.kind == "PERSON" || e.kind == "ORG").collect(),
                        _ => Vec::new(),
                    };
                    Ok((hits, people))
                })
                .await?;
            t.heading = if t.q.is_empty() { "Latest articles".into() } else { format!("Articles with “{}”", t.q) };
            (t.next, t.prev) = pages("/", p, page, hits.len());
            t.hits = hits.into_iter().map(HitView::of).collect();
            t.people = people;
        }
    }
    Ok(())
}

/// Who is quoted in an article, and how often.
struct SpeakerView {
    name: String,
    entity: Option<i64>,
    count: usize,
    first: usize,
}

/// An entity named in an article.
struct NamedView {
    name: String,
    entity: Option<i64>,
    mentions: usize,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    nav: &'static str,
    id: i64,
    title: String,
    published: String,
    dated_by: String,
    site: String,
    author: String,
    url: Option<String>,
    url_text: String,
    source: String,
    body_html: String,
    speakers: Vec<SpeakerView>,
    named: Vec<(&'static str, Vec<NamedView>)>,
    counts: String,
    duplicate_of: String,
}

/// The marks of a record: quotes (with speaker and cue), mentions, times,
/// amounts.
fn record_marks(rec: &Record) -> Vec<Mark> {
    let mut marks = Vec::new();
    let speaker_spans: Vec<(usize, usize)> = rec.quotes.iter().filter_map(|q| q.speaker.as_ref().map(|s| (s.start, s.end))).collect();
    for q in &rec.quotes {
        let mut tip = vec![format!("Quote · {}", q.kind)];
        match &q.speaker {
            Some(s) => tip.push(format!("Speaker: {}", s.name.as_deref().unwrap_or(&s.text))),
            None => tip.push("Speaker: not known".into()),
        }
        if let Some(c) = &q.cue {
            tip.push(format!("Cue: {}", c.text));
        }
        if let Some(a) = &q.addressee {
            tip.push(format!("To: {}", a.text));
        }
        tip.push(format!("Confidence: {:.2}", q.confidence));
        marks.push(Mark { start: q.start, end: q.end, tag: "mark", class: format!("hl quote quote-{}", q.kind), id: Some(format!("q{}", q.start)), tip, focusable: true });
        if let Some(c) = &q.cue {
            marks.push(Mark { start: c.start, end: c.end, tag: "span", class: "hl cue".into(), id: None, tip: vec![format!("Cue of a quote: {}", c.text)], focusable: false });
        }
    }
    for e in &rec.entities {
        let kind = match e.kind {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Gpe | EntityType::Loc => "place",
            _ => "other",
        };
        for m in &e.mentions {
            let mut tip = vec![format!("{} · {}", type_label(e.kind.as_str()).to_string(), e.name)];
            if let Some(t) = &e.title {
                tip.push(format!("Title: {t}"));
            }
            if let Some(a) = &e.actor {
                tip.push(format!("Actor code: {a}"));
            }
            if m.kind.as_str() != "name" {
                tip.push(format!("Mention: {}", m.kind));
            }
            let speaker = speaker_spans.contains(&(m.start, m.end));
            if speaker {
                tip.push("Speaker of a quote".into());
            }
            marks.push(Mark {
                start: m.start,
                end: m.end,
                tag: "span",
                class: format!("hl ent ent-{kind}{}", if speaker { " speaker" } else { "" }),
                id: None,
                tip,
                focusable: false,
            });
        }
    }
    for t in &rec.times {
        marks.push(Mark { start: t.start, end: t.end, tag: "span", class: "hl time".into(), id: None, tip: vec![format!("Time · {}", t.kind), format!("Value: {}", t.value)], focusable: false });
    }
    for a in &rec.amounts {
        let mut tip = vec![format!("Amount · {}", a.kind), format!("Value: {}{}", a.value, a.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default())];
        if let Some(o) = &a.object {
            tip.push(format!("Of: {o}"));
        }
        if let Some(q) = a.qualifier {
            tip.push(format!("Qualifier: {q}"));
        }
        marks.push(Mark { start: a.start, end: a.end, tag: "span", class: "hl amount".into(), id: None, tip, focusable: false });
    }
    marks
}

async fn article(State(state): State<AppState>, id: Result<Path<String>, axum::extract::rejection::PathRejection>) -> Response {
    let r = match article_ref(id) {
        Ok(r) => r,
        Err(e) => return error_page(e),
    };
    let found = state
        .read(move |s| {
            let Some(id) = resolve_article(s, &r)? else { return Ok(None) };
            let Some(rec) = s.record(id)? else { return Ok(None) };
            Ok(Some((id, rec, s.article_entity_links(id)?)))
        })
        .await;
    let (id, rec, links) = match found {
        Ok(Some(f)) => f,
        Ok(None) => return error_page(ApiError::not_found("no article has this id")),
        Err(e) => return error_page(e),
    };
    let links: HashMap<String, i64> = links.into_iter().collect();
    let mut speakers: Vec<SpeakerView> = Vec::new();
    for q in &rec.quotes {
        let Some(s) = &q.speaker else { continue };
        let name = s.name.clone().unwrap_or_else(|| s.text.clone());
        let entity = s.entity.as_ref().and_then(|e| links.get(e).copied());
        match speakers.iter_mut().find(|v| v.name == name) {
            Some(v) => v.count += 1,
            None => speakers.push(SpeakerView { name, entity, count: 1, first: q.start }),
        }
    }
    speakers.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
    let mut named: Vec<(&'static str, Vec<NamedView>)> = Vec::new();
    for (label, kinds) in [("People", &[EntityType::Person][..]), ("Organisations", &[EntityType::Org]), ("Places", &[EntityType::Gpe, EntityType::Loc])] {
        let mut v: Vec<NamedView> =
            rec.entities.iter().filter(|e| kinds.contains(&e.kind)).map(|e| NamedView { name: e.name.clone(), entity: links.get(&e.id).copied(), mentions: e.mentions.len() }).collect();
        v.sort_by_key(|n| std::cmp::Reverse(n.mentions));
        if !v.is_empty() {
            named.push((label, v));
        }
    }
    let url = rec.url.as_deref().and_then(safe_url).map(str::to_string);
    let t = ArticlePage {
        nav: "",
        id,
        title: rec.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| rec.id.clone()),
        published: day(rec.published.as_deref()),
        dated_by: rec.published_from.map(|f| format!("dated by its {f}")).unwrap_or_default(),
        site: rec.site_name.clone().unwrap_or_default(),
        author: rec.author.clone().unwrap_or_default(),
        url_text: if url.is_none() { rec.url.clone().unwrap_or_default() } else { String::new() },
        url,
        source: rec.source.clone(),
        body_html: render(&rec.text, record_marks(&rec)),
        speakers,
        named,
        counts: format!("{} quotes, {} entities, {} times, {} amounts", rec.quotes.len(), rec.entities.len(), rec.times.len(), rec.amounts.len()),
        duplicate_of: rec.duplicate_of.clone().unwrap_or_default(),
    };
    page(StatusCode::OK, &t)
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    nav: &'static str,
    d: EntityDetail,
    type_label: &'static str,
    chart: String,
    periods: Vec<Choice>,
    quotes: Vec<QuoteView>,
    quotes_href: String,
    has_points: bool,
}

impl EntityPage {
    fn type_label(&self, t: &str) -> &'static str {
        type_label(t)
    }
}

async fn entity(State(state): State<AppState>, id: Result<Path<String>, axum::extract::rejection::PathRejection>, RawQuery(raw): RawQuery) -> Response {
    let id = match path_id(id) {
        Ok(id) => id,
        Err(e) => return error_page(e),
    };
    let p = match Params::parse(raw.as_deref(), &["by"], false) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let by = match period(&p) {
        Ok(b) => b,
        Err(e) => return error_page(e),
    };
    let found = state
        .read(move |s| {
            let Some(d) = s.entity_detail(id)? else { return Ok(None) };
            let mut points = s.timeline(id, by, Page::new(60, 0)?)?;
            points.reverse();
            let quotes = s.quotes(&QuoteFilter { speaker_entity: Some(id), ..Default::default() }, Page::new(10, 0)?)?;
            Ok(Some((d, points, quotes)))
        })
        .await;
    let (d, points, quotes) = match found {
        Ok(Some(f)) => f,
        Ok(None) => return error_page(ApiError::not_found(format!("no entity {id}"))),
        Err(e) => return error_page(e),
    };
    let label = format!("Mentions of {} and quotes by them, per {}", d.entity.name, period_name(by));
    let t = EntityPage {
        nav: "entities",
        type_label: type_label(&d.entity.kind),
        chart: timeline_svg(&points, &label),
        has_points: !points.is_empty(),
        periods: choices(&[("day", "Day"), ("week", "Week"), ("month", "Month")], period_name(by)),
        quotes_href: format!("/quotes?{}", serde_urlencoded::to_string([("speaker", d.entity.name.as_str())]).unwrap_or_default()),
        quotes: quotes.into_iter().map(QuoteView::of).collect(),
        d,
    };
    page(StatusCode::OK, &t)
}

#[derive(Template)]
#[template(path = "quotes.html")]
struct QuotesPage {
    nav: &'static str,
    speaker: String,
    about: String,
    from: String,
    to: String,
    kinds: Vec<Choice>,
    error: Option<String>,
    quotes: Vec<QuoteView>,
    csv_href: String,
    json_href: String,
    next: Option<String>,
    prev: Option<String>,
}

async fn quotes(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let p = match Params::parse(raw.as_deref(), &["speaker", "about", "kind", "from", "to", "offset"], false) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let export = p.with("offset", None);
    let mut t = QuotesPage {
        nav: "quotes",
        speaker: p.string("speaker").unwrap_or_default(),
        about: p.string("about").unwrap_or_default(),
        from: p.string("from").unwrap_or_default(),
        to: p.string("to").unwrap_or_default(),
        kinds: choices(&[("direct", "direct"), ("partial", "partial"), ("headline", "headline"), ("indirect", "indirect")], p.str("kind").unwrap_or("")),
        error: None,
        quotes: Vec::new(),
        csv_href: format!("/api/quotes?{export}{}format=csv&limit=1000", if export.is_empty() { "" } else { "&" }),
        json_href: format!("/api/quotes?{export}"),
        next: None,
        prev: None,
    };
    let result: Result<Vec<QuoteRow>, ApiError> = async {
        let page = Page::new(50, p.int("offset", 0, 0, 1_000_000)?)?;
        let filter = quote_filter(&p)?;
        let rows = state.read(move |s| s.quotes(&filter, page)).await?;
        (t.next, t.prev) = pages("/quotes", &p, page, rows.len());
        Ok(rows)
    }
    .await;
    match result {
        Ok(rows) => {
            t.quotes = rows.into_iter().map(QuoteView::of).collect();
            page(StatusCode::OK, &t)
        }
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            t.error = Some(e.to_string());
            page(StatusCode::BAD_REQUEST, &t)
        }
        Err(e) => error_page(e),
    }
}

#[derive(Template)]
#[template(path = "entities.html")]
struct EntitiesPage {
    nav: &'static str,
    q: String,
    types: Vec<Choice>,
    error: Option<String>,
    entities: Vec<EntityRow>,
    next: Option<String>,
    prev: Option<String>,
}

impl EntitiesPage {
    fn type_label(&self, t: &str) -> &'static str {
        type_label(t)
    }
}

async fn entities(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let p = match Params::parse(raw.as_deref(), &["q", "type", "offset"], false) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let mut t = EntitiesPage {
        nav: "entities",
        q: p.string("q").unwrap_or_default(),
        types: choices(
            &[("PERSON", "People"), ("ORG", "Organisations"), ("GPE", "Countries, cities, states"), ("LOC", "Places"), ("NORP", "Groups")],
            &p.str("type").unwrap_or("").to_ascii_uppercase(),
        ),
        error: None,
        entities: Vec::new(),
        next: None,
        prev: None,
    };
    let result: Result<Vec<EntityRow>, ApiError> = async {
        let page = Page::new(50, p.int("offset", 0, 0, 1_000_000)?)?;
        let (kind, q) = (entity_type(&p)?, p.string("q"));
        let rows = state.read(move |s| s.entities(kind, q.as_deref(), page)).await?;
        (t.next, t.prev) = pages("/entities", &p, page, rows.len());
        Ok(rows)
    }
    .await;
    match result {
        Ok(rows) => {
            t.entities = rows;
            page(StatusCode::OK, &t)
        }
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            t.error = Some(e.to_string());
            page(StatusCode::BAD_REQUEST, &t)
        }
        Err(e) => error_page(e),
    }
}

