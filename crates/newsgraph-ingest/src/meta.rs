//! Page metadata from the page itself: JSON-LD, OpenGraph/article meta tags,
//! `<time>`, `<html lang>`, `<link rel=canonical>`, the URL and a dateline.

use crate::dom::{Dom, Kind};
use regex::Regex;
use serde_json::Value;
use std::sync::OnceLock;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
}

#[derive(Default)]
struct Found {
    og_title: Option<String>,
    doc_title: Option<String>,
    h1: Option<String>,
    ld_headline: Option<String>,
    ld_date: Option<String>,
    ld_author: Option<String>,
    ld_publisher: Option<String>,
    ld_lang: Option<String>,
    ld_url: Option<String>,
    meta_date: Option<String>,
    time_date: Option<String>,
    meta_author: Option<String>,
    dom_author: Option<String>,
    site_name: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    lang: Option<String>,
    meta_lang: Option<String>,
}

fn set(slot: &mut Option<String>, v: &str) {
    let v = v.trim();
    if slot.is_none() && !v.is_empty() {
        *slot = Some(collapse(v));
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Meta tag names (lower-case) that carry the publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "citation_publication_date",
    "originalpublicationdate",
    "datecreated",
];

const AUTHOR_META: &[&str] = &["author", "article:author", "parsely-author", "dc.creator", "byl", "sailthru.author", "citation_author"];

pub fn extract(dom: &Dom, url: Option<&str>) -> Meta {
    let mut f = Found::default();
    let n = dom.nodes.len();
    let mut in_body = false;
    for i in 0..n {
        let node = &dom.nodes[i];
        if node.kind != Kind::Element {
            continue;
        }
        let attr = |a: &str| dom.attr(i, a);
        match node.tag {
            "html" => {
                if let Some(l) = attr("lang").or_else(|| attr("xml:lang")) {
                    set(&mut f.lang, l);
                }
            }
            "body" => in_body = true,
            "title" if !in_body => {
                if f.doc_title.is_none() {
                    set(&mut f.doc_title, &dom.text_of(i));
                }
            }
            "meta" => {
                let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop")).or_else(|| attr("http-equiv"));
                let (Some(key), Some(content)) = (key, attr("content")) else { continue };
                let key = key.trim().to_ascii_lowercase();
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut f.og_title, content),
                    "og:site_name" | "application-name" => set(&mut f.site_name, content),
                    "og:url" => set(&mut f.og_url, content),
                    "content-language" | "dc.language" | "language" => set(&mut f.meta_lang, content),
                    "og:locale" => set(&mut f.meta_lang, &content.replace('_', "-")),
                    k if DATE_META.contains(&k) && f.meta_date.is_none() => f.meta_date = normalize_date(content),
                    // article:author is often a profile URL, not a name.
                    k if AUTHOR_META.contains(&k) && !content.trim_start().starts_with("http") => {
                        set(&mut f.meta_author, strip_by(content))
                    }
                    _ => {}
                }
            }
            "link" => {
                let rel = attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    if let Some(h) = attr("href") {
                        set(&mut f.canonical, h);
                    }
                }
            }
            "script" if attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                let raw = dom.nodes[i + 1..node.end as usize]
                    .iter()
                    .filter(|c| c.kind == Kind::Text)
                    .map(|c| c.text)
                    .collect::<String>();
                if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
                    json_ld(&v, &mut f, 0);
                }
            }
            "time" => {
                if f.time_date.is_none() {
                    if let Some(d) = attr("datetime").and_then(normalize_date) {
                        f.time_date = Some(d);
                    }
                }
            }
            "h1" => {
                if f.h1.is_none() {
                    set(&mut f.h1, &dom.text_of(i));
                }
            }
            _ => {
                if attr("itemprop") == Some("datePublished") && f.meta_date.is_none() {
                    f.meta_date = attr("datetime").or_else(|| attr("content")).and_then(normalize_date);
                }
                // Microdata and rel=author bylines, when no meta names the author.
                let is_author = attr("itemprop") == Some("author")
                    || (node.tag == "a" && attr("rel").is_some_and(|r| r.split_whitespace().any(|x| x.eq_ignore_ascii_case("author"))));
                if is_author && f.dom_author.is_none() {
                    let name = attr("content").map(str::to_string).unwrap_or_else(|| dom.text_of(i));
                    let name = strip_by(&name);
                    if !name.is_empty() && name.len() <= 100 && !name.contains(|c: char| c.is_ascii_digit() || c == '@' || c == '/') {
                        f.dom_author = Some(collapse(name));
                    }
                }
            }
        }
    }
    let site_name = f.site_name.clone().or(f.ld_publisher.clone());
    let title = f
        .og_title
        .clone()
        .or(f.ld_headline.clone())
        .or(f.h1.clone())
        .or_else(|| f.doc_title.as_deref().map(|t| strip_site_suffix(t, site_name.as_deref())))
        .map(|t| strip_site_suffix(&t, site_name.as_deref()));
    let canonical = f.canonical.clone().or(f.og_url.clone()).or(f.ld_url.clone());
    let published = f
        .ld_date
        .clone()
        .or(f.meta_date.clone())
        .or(f.time_date.clone())
        .or_else(|| url.and_then(date_from_url))
        .or_else(|| canonical.as_deref().and_then(date_from_url));
    let language = [&f.lang, &f.ld_lang, &f.meta_lang].into_iter().flatten().find_map(|l| normalize_language(l));
    Meta {
        title,
        published,
        author: f.ld_author.clone().or(f.meta_author.clone()).or(f.dom_author.clone()),
        site_name,
        canonical_url: canonical,
        language,
    }
}

fn is_article_type(v: &Value) -> bool {
    let t = |s: &str| s.ends_with("Article") || matches!(s, "BlogPosting" | "LiveBlogPosting" | "Report" | "WebPage" | "SocialMediaPosting");
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

fn is_webpage(v: &Value) -> bool {
    v.get("@type").and_then(Value::as_str) == Some("WebPage")
}

fn json_ld(v: &Value, f: &mut Found, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| json_ld(x, f, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, f, depth + 1);
            }
            if !is_article_type(v) {
                return;
            }
            // A WebPage only fills what a real Article has not.
            let weak = is_webpage(v);
            let s = |k: &str| o.get(k).and_then(Value::as_str);
            if let Some(h) = s("headline").or_else(|| if weak { None } else { s("name") }) {
                if !weak {
                    set(&mut f.ld_headline, h);
                }
            }
            if let Some(d) = s("datePublished").or_else(|| s("dateCreated")).and_then(normalize_date) {
                if f.ld_date.is_none() && (!weak || f.meta_date.is_none()) {
                    f.ld_date = Some(d);
                }
            }
            if let Some(a) = o.get("author").and_then(names) {
                set(&mut f.ld_author, &a);
            }
            if let Some(p) = o.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str) {
                set(&mut f.ld_publisher, p);
            }
            if let Some(l) = s("inLanguage") {
                set(&mut f.ld_lang, l);
            }
            if let Some(u) = s("url").or_else(|| o.get("mainEntityOfPage").and_then(|m| m.as_str().or_else(|| m.get("@id").and_then(Value::as_str)))) {
                if !weak {
                    set(&mut f.ld_url, u);
                }
            }
        }
        _ => {}
    }
}

/// Author names from a JSON-LD `author`: a string, an object with `name`, or
/// an array of those, joined with ", ".
fn names(v: &Value) -> Option<String> {
    let one = |x: &Value| -> Option<String> {
        match x {
            Value::String(s) if !s.starts_with("http") => Some(strip_by(s).to_string()),
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(|s| strip_by(s).to_string()),
            _ => None,
        }
    };
    let list: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        x => one(x).into_iter().collect(),
    };
    let list: Vec<String> = list.into_iter().map(|s| collapse(&s)).filter(|s| !s.is_empty()).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

fn strip_by(s: &str) -> &str {
    let t = s.trim();
    for p in ["By ", "by ", "BY "] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim();
        }
    }
    t
}

/// "Headline | Site" or "Headline - Site" loses the site part when the site
/// is known or the remaining part is clearly the longer one.
fn strip_site_suffix(t: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| {
                let (a, b) = (s.to_lowercase(), tail.to_lowercase());
                a.contains(&b) || b.contains(&a)
            });
            if tail_is_site || (site.is_none() && sep == " | " && tail.split_whitespace().count() <= 3 && head.len() > 2 * tail.len()) {
                return head.trim().to_string();
            }
        }
    }
    t.trim().to_string()
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("valid date regex"))
}

/// Normalizes a machine-readable date to RFC 3339 (when it has a time and an
/// offset) or to YYYY-MM-DD. Dates like "November 19, 2019" are read too.
pub fn normalize_date(s: &str) -> Option<String> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    let s = s.trim();
    let iso = re(
        &ISO,
        r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)?)?",
    );
    if let Some(c) = iso.captures(s) {
        let (y, m, d) = (&c[1], &c[2], &c[3]);
        if !valid_ymd(y, m, d) {
            return None;
        }
        if let (Some(h), Some(mi), Some(z)) = (c.get(4), c.get(5), c.get(7)) {
            let sec = c.get(6).map_or("00", |x| x.as_str());
            let z = match z.as_str() {
                "Z" | "UTC" | "GMT" => "Z".to_string(),
                z if z.len() == 3 => format!("{z}:00"),
                z if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
                z => z.to_string(),
            };
            if h.as_str() < "24" && mi.as_str() < "60" && sec < "61" {
                return Some(format!("{y}-{m}-{d}T{}:{}:{sec}{z}", h.as_str(), mi.as_str()));
            }
        }
        return Some(format!("{y}-{m}-{d}"));
    }
    text_date(s)
}

fn valid_ymd(y: &str, m: &str, d: &str) -> bool {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let n = n.trim_end_matches('.');
    const M: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if n.len() < 3 {
        return None;
    }
    let i = M.iter().position(|m| n.starts_with(m))?;
    let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    (n.len() == 3 || full[i].starts_with(n) || (i == 8 && n == "sept")).then_some(i as u32 + 1)
}

/// "November 19, 2019", "Nov. 19, 2019", "19 November 2019", "Tue, 19 Nov 2019".
pub fn text_date(s: &str) -> Option<String> {
    static MDY: OnceLock<Regex> = OnceLock::new();
    static DMY: OnceLock<Regex> = OnceLock::new();
    let mdy = re(&MDY, r"\b([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b");
    let dmy = re(&DMY, r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8}\.?),?\s+(\d{4})\b");
    let mk = |y: &str, m: u32, d: &str| {
        let d: u32 = d.parse().ok()?;
        let ys = y.to_string();
        valid_ymd(&ys, &m.to_string(), &d.to_string()).then(|| format!("{y}-{m:02}-{d:02}"))
    };
    let a = mdy.captures(s).and_then(|c| Some((c.get(0)?.start(), mk(&c[3], month(&c[1])?, &c[2])?)));
    let b = dmy.captures(s).and_then(|c| Some((c.get(0)?.start(), mk(&c[3], month(&c[2])?, &c[1])?)));
    match (a, b) {
        (Some(x), Some(y)) => Some(if x.0 <= y.0 { x.1 } else { y.1 }),
        (x, y) => x.or(y).map(|v| v.1),
    }
}

/// A date in a URL path: /2019/11/19/, /2019-11-19/, /20191119/, /2019/nov/19/.
pub fn date_from_url(url: &str) -> Option<String> {
    static U: OnceLock<Regex> = OnceLock::new();
    let r = re(&U, r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)");
    if let Some(c) = r.captures(url) {
        return Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    }
    // /2019/nov/18/ (month names in the path)
    static N: OnceLock<Regex> = OnceLock::new();
    let c = re(&N, r"(?i)/((?:19|20)\d{2})/([a-z]{3,9})/(0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)").captures(url)?;
    let m = month(&c[2])?;
    let d: u32 = c[3].parse().ok()?;
    Some(format!("{}-{m:02}-{d:02}", &c[1]))
}

/// A date the page writes in the first 200 characters of its article text
/// ("WASHINGTON, Nov. 19, 2019 —", "Published November 19, 2019"): a page
/// without a date in its metadata often shows it there. (The engine's
/// dateline rule is another: a line of the text that is only a date.)
pub fn date_in_first_lines(text: &str) -> Option<String> {
    let head: String = text.chars().take(200).collect();
    text_date(&head)
}

/// A language tag in the usual casing: "EN_us" -> "en-US", "zh-hant-tw" ->
/// "zh-Hant-TW". None when it is not a tag ("", "x", "English (US)").
pub fn normalize_language(tag: &str) -> Option<String> {
    let parts: Vec<&str> = tag.trim().split(['-', '_']).collect();
    let primary = parts.first()?;
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for p in &parts[1..] {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        out.push('-');
        match p.len() {
            2 => out.push_str(&p.to_ascii_uppercase()),
            4 => {
                out.push_str(&p[..1].to_ascii_uppercase());
                out.push_str(&p[1..].to_ascii_lowercase());
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Some(out)
}
