//! The server in process (no socket): the API's answers and errors, the
//! pages' escaping of hostile article text, the static files' fence, and
//! that nothing a client sends gets a 5xx.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use newsgraph_record::*;
use newsgraph_server::{app, AppState, Config};
use newsgraph_store::{Mode, Prepared, Put, Store};
use serde_json::Value;
use std::path::PathBuf;
use tower::ServiceExt;

fn span(text: &str, s: &str) -> (usize, usize) {
    let b = text.find(s).unwrap_or_else(|| panic!("{s:?} not in {text:?}"));
    let start = text[..b].chars().count();
    (start, start + s.chars().count())
}

/// A record with one person who says one thing.
fn rec(id: &str, published: &str, title: &str, url: Option<&str>, text: &str, person: &str, quote: &str) -> Record {
    let (ps, pe) = span(text, person);
    let (qs, qe) = span(text, quote);
    let mention = MentionRec { text: person.into(), start: ps, end: pe, kind: MentionKind::Name };
    Record {
        id: id.into(),
        source: format!("{id}.txt"),
        title: Some(title.into()),
        published: Some(published.into()),
        url: url.map(str::to_string),
        text: text.into(),
        entities: vec![EntityRec { id: "e1".into(), name: person.into(), kind: EntityType::Person, title: Some("Minister".into()), actor: Some("GBRGOV".into()), mentions: vec![mention] }],
        quotes: vec![QuoteRec {
            kind: QuoteKind::Direct,
            content: quote.into(),
            start: qs,
            end: qe,
            speaker: Some(SpeakerRec { text: person.into(), start: ps, end: pe, entity: Some("e1".into()), name: Some(person.into()) }),
            cue: None,
            addressee: None,
            confidence: 0.9,
            pattern: Attribution::Post,
            flag: None,
        }],
        ..Default::default()
    }
}

const HOSTILE_TITLE: &str = "<script>window.__pwned=1</script>Budget row";

fn store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("test.db");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let recs = vec![
        rec("a1", "2025-02-10", "Talks resume", Some("https://news.example.org/a1"), "Jane Porter spoke. “The talks will resume,” Jane Porter said.", "Jane Porter", "The talks will resume,"),
        rec(
            "a2",
            "2025-02-12",
            HOSTILE_TITLE,
            Some("javascript:window.__pwned=1"),
            "Tom Reed spoke. “<img src=x onerror=window.__pwned=1> =cmd|' /C calc'!A0,” Tom Reed said.",
            "Tom Reed",
            "<img src=x onerror=window.__pwned=1> =cmd|' /C calc'!A0,",
        ),
    ];
    let prepared: Vec<Prepared> = recs.into_iter().map(|r| Prepared::new(r, "{}")).collect();
    let puts: Vec<Put> = prepared.iter().map(|p| Put { prepared: p, rules_version: "t", replace: false }).collect();
    s.write_batch(&puts).unwrap();
    path
}

struct Answer {
    status: StatusCode,
    content_type: String,
    csp: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn get(router: &axum::Router, uri: &str, accept: Option<&str>) -> Answer {
    let mut req = Request::get(uri);
    if let Some(a) = accept {
        req = req.header(header::ACCEPT, a);
    }
    let r = router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = r.status();
    let content_type = r.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let csp = r.headers().get(header::CONTENT_SECURITY_POLICY).map(|v| v.to_str().unwrap().to_string());
    let body = String::from_utf8_lossy(&r.into_body().collect().await.unwrap().to_bytes()).into_owned();
    Answer { status, content_type, csp, body }
}

fn router(path: PathBuf) -> axum::Router {
    app(AppState::open(&Config::new(path)).unwrap())
}

#[tokio::test]
async fn lists_pages_and_formats() {
    let r = router(store("lists"));
    let a = get(&r, "/api/quotes?speaker=Porter", None).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["items"][0]["speaker"], "Jane Porter");
    assert_eq!(v["items"][0]["start"], span("Jane Porter spoke. “The talks will resume,” Jane Porter said.", "The talks will resume,").0);
    assert_eq!(v["next"], Value::Null, "one quote: no next page");
    // a full page points to the next one, keeping the other parameters
    let v = get(&r, "/api/articles?limit=1&source=example.org", None).await.json();
    assert_eq!(v["items"][0]["id"], "a1");
    assert_eq!(v["next"], "/api/articles?limit=1&source=example.org&offset=1");
    let v = get(&r, "/api/articles?limit=1", None).await.json();
    assert_eq!(v["items"][0]["id"], "a2", "newest first");
    // CSV by parameter or by Accept; formulas in article text are defused
    let a = get(&r, "/api/quotes?format=csv", None).await;
    assert!(a.content_type.starts_with("text/csv"), "{}", a.content_type);
    assert!(a.body.starts_with("quote,article,id,title,url,published,kind,content,speaker"), "{}", a.body);
    assert!(a.body.contains("\"'<img src=x") || a.body.contains(",'<img") || a.body.contains("<img src=x"), "{}", a.body);
    let a = get(&r, "/api/entities", Some("text/csv")).await;
    assert!(a.body.lines().next().unwrap().starts_with("entity,name,type"), "{}", a.body);
    assert_eq!(a.body.lines().count(), 3);
    // one record, as extract prints it
    let v = get(&r, "/api/articles/1", None).await.json();
    assert_eq!((v["id"].as_str(), v["quotes"][0]["speaker"]["name"].as_str()), (Some("a1"), Some("Jane Porter")));
    // or by the record's id
    assert_eq!(get(&r, "/api/articles/a1", None).await.json(), v);
    assert_eq!(get(&r, "/api/entities/abc", None).await.status, StatusCode::BAD_REQUEST, "an entity's id is a number");
    // an entity with its company, and its timeline by name or id
    let v = get(&r, "/api/entities?q=porter", None).await.json();
    let id = v["items"][0]["entity"].as_i64().unwrap();
    let d = get(&r, &format!("/api/entities/{id}"), None).await.json();
    assert_eq!((d["name"].as_str(), d["actor"].as_str(), d["quotes"].as_i64()), (Some("Jane Porter"), Some("GBRGOV"), Some(1)));
    assert!(d["mentioned_with"].is_array() && d["titles"][0]["title"] == "Minister");
    let t = get(&r, "/api/timeline?entity=Jane%20Porter&by=month", None).await.json();
    assert_eq!((t["by"].as_str(), t["items"][0]["period"].as_str(), t["items"][0]["quotes"].as_i64()), (Some("month"), Some("2025-02"), Some(1)));
    assert_eq!(get(&r, &format!("/api/timeline?entity={id}"), None).await.json()["entity"]["name"], "Jane Porter");
}

#[tokio::test]
async fn mistakes_are_400s_that_name_the_parameter_and_unknown_ids_404s() {
    let r = router(store("errors"));
    for (uri, param) in [
        ("/api/quotes?from=yesterday", Some("from")),
        ("/api/quotes?to=2025-02-30", Some("to")),
        ("/api/articles?q=%22unclosed", Some("q")),
        ("/api/articles?q=***", Some("q")),
        ("/api/quotes?kind=shouted", Some("kind")),
        ("/api/entities?type=animal", Some("type")),
        ("/api/timeline?by=year&entity=x", Some("by")),
        ("/api/timeline", Some("entity")),
        ("/api/quotes?limit=0", Some("limit")),
        ("/api/quotes?limit=5000", Some("limit")),
        ("/api/quotes?offset=-1", Some("offset")),
        ("/api/quotes?spekaer=x", Some("spekaer")),
        ("/api/quotes?speaker=a&speaker=b", Some("speaker")),
        ("/api/quotes?format=xml", Some("format")),
        ("/api/articles/0", Some("id")),
        ("/api/articles/99999999999999999999999", Some("id")),
    ] {
        let a = get(&r, uri, None).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.body);
        assert_eq!(a.json()["error"]["parameter"].as_str(), param, "{uri}: {}", a.body);
        assert!(!a.body.to_lowercase().contains("sql"), "{uri}: {}", a.body);
    }
    for uri in ["/api/articles/12345", "/api/articles/no-such-record", "/api/entities/12345", "/api/timeline?entity=Nobody%20Atall"] {
        let a = get(&r, uri, None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(a.json()["error"]["message"].is_string());
    }
    let long = format!("/api/articles?q={}", "a".repeat(5000));
    assert_eq!(get(&r, &long, None).await.status, StatusCode::URI_TOO_LONG);
}

#[tokio::test]
async fn no_path_reads_a_file_outside_the_static_table() {
    let r = router(store("static"));
    assert_eq!(get(&r, "/static/app.css", None).await.status, StatusCode::OK);
    for uri in ["/static/../Cargo.toml", "/static/%2e%2e%2fCargo.toml", "/static/..%2f..%2fCargo.toml", "/static//etc/passwd", "/static/app.css%00", "/../../etc/passwd", "/static/"] {
        let a = get(&r, uri, None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!a.body.contains("[package]") && !a.body.contains("root:"), "{uri}");
    }
}

#[tokio::test]
async fn hostile_article_text_is_escaped_everywhere() {
    let r = router(store("hostile"));
    for uri in ["/articles/2", "/?q=budget", "/quotes", "/quotes?speaker=Reed", "/?kind=quotes", "/entities"] {
        let a = get(&r, uri, None).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        assert!(a.content_type.starts_with("text/html"), "{uri}");
        let csp = a.csp.unwrap_or_default();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert!(!a.body.contains("<script>window"), "{uri}: a script from the article");
        assert!(!a.body.contains("<img src=x"), "{uri}: markup from the article");
        assert!(!a.body.contains("href=\"javascript:"), "{uri}: a javascript: link");
        // the only script is ours
        assert_eq!(a.body.matches("<script").count(), 1, "{uri}");
    }
    let page = get(&r, "/articles/2", None).await.body;
    // templates escape as numeric references, the marked-up text as named ones
    assert!(page.contains("<h1>&#60;script&#62;window.__pwned=1&#60;/script&#62;Budget row</h1>"), "the title shows as text");
    assert!(page.contains("&lt;img src=x onerror=window.__pwned=1&gt;"), "the quote shows as text");
    assert!(page.contains("<code>javascript:window.__pwned=1</code>"), "the address shows, not as a link: {page}");
    // a record's own JSON is JSON, not HTML
    let a = get(&r, "/api/articles/2", None).await;
    assert_eq!(a.content_type, "application/json");
    assert_eq!(a.json()["title"], HOSTILE_TITLE);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let r = router(store("openapi"));
    let a = get(&r, "/api/openapi.json", None).await;
    assert_eq!(a.status, StatusCode::OK);
    let doc = a.json();
    let paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let src = include_str!("../src/api.rs");
    let routes: Vec<&str> = src.match_indices(".route(\"").map(|(i, _)| src[i + 8..].split('"').next().unwrap()).filter(|p| *p != "/api/openapi.json").collect();
    let mut a: Vec<&str> = paths.clone();
    let mut b = routes.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // each operation says what a mistake gets
    for p in &paths {
        assert!(doc["paths"][p]["get"]["responses"]["400"].is_object(), "{p}");
    }
}

#[tokio::test]
async fn pages_answer_and_a_bad_filter_shows_on_the_form() {
    let r = router(store("pages"));
    let a = get(&r, "/?q=talks", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<mark class=\"hit\">talks</mark>"), "{}", a.body);
    assert!(a.body.contains("href=\"/articles/1\""));
    let a = get(&r, "/quotes?from=yesterday", None).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("role=\"alert\">from: &#34;yesterday&#34; is not a date"), "{}", a.body);
    let a = get(&r, "/articles/1", None).await;
    let start = span("Jane Porter spoke. “The talks will resume,” Jane Porter said.", "The talks will resume,").0;
    assert!(a.body.contains(&format!("<mark class=\"hl quote quote-direct\" id=\"q{start}\"")), "the quote is marked at its span: {}", a.body);
    assert!(a.body.contains("data-tip=\"Quote · direct\nSpeaker: Jane Porter"), "{}", a.body);
    assert_eq!(get(&r, "/articles/999", None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&r, "/nowhere", None).await.status, StatusCode::NOT_FOUND);
    let a = get(&r, "/entities/1?by=month", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<g class=\"point\" data-period=\"2025-02\">"), "{}", a.body);
}

mod any_request {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        /// Whatever a client puts in a query string, the answer is not a 5xx.
        #[test]
        fn never_a_server_error(path in prop::sample::select(vec!["/api/articles", "/api/quotes", "/api/entities", "/api/timeline", "/", "/quotes", "/entities", "/api/articles/1", "/entities/1"]),
                                name in prop::sample::select(vec!["q", "from", "to", "source", "speaker", "about", "kind", "type", "entity", "by", "limit", "offset", "format", "x"]),
                                value in "(\\PC|[\"*():^+%&=#-]|NEAR|OR){0,30}") {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            static STORE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
            let r = router(STORE.get_or_init(|| store("any")).clone());
            let uri = format!("{path}?{}", serde_urlencoded::to_string([(name, value.as_str())]).unwrap());
            let a = rt.block_on(get(&r, &uri, None));
            prop_assert!(a.status.as_u16() < 500, "{uri}: {} {}", a.status, a.body);
        }
    }
}
