//! Input dispatch: format detection, gzip by magic bytes, directories, stdin,
//! and the readers for each format.

use crate::{charset, extract_html, html_fragment_blocks, warc, Article, InputError, MAX_HTML_BYTES};
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Feeds, JSON Lines lines and text files larger than this are refused.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Warc,
    Feed,
    JsonLines,
}

/// File extensions read when walking a directory (before an optional ".gz").
const KNOWN_EXTENSIONS: &[&str] =
    &["html", "htm", "xhtml", "shtml", "warc", "xml", "rss", "atom", "jsonl", "ndjson", "txt", "text"];

fn extension_format(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "warc" => Format::Warc,
        "xml" | "rss" | "atom" => Format::Feed,
        "jsonl" | "ndjson" | "json" => Format::JsonLines,
        "txt" | "text" => Format::Text,
        _ => return None,
    })
}

/// Decides the format from the content first (a WARC version line, a feed
/// root element, an HTML start), then from the extension (".gz" ignored),
/// then from weaker content hints. `first_bytes` are the first bytes of the
/// content, already decompressed.
pub fn detect_format(path: &Path, first_bytes: &[u8]) -> Format {
    let b = first_bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(first_bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let b = &b[start..];
    if b.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let head: Vec<u8> = b.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    let has = |s: &[u8]| memchr::memmem::find(&head, s).is_some();
    if head.starts_with(b"<") {
        match root_element(&head) {
            Some(b"rss" | b"feed" | b"rdf:rdf") => return Format::Feed,
            Some(b"html") => return Format::Html,
            _ if head.starts_with(b"<!doctype html") => return Format::Html,
            _ => {}
        }
    }
    if let Some(f) = extension_format(path) {
        return f;
    }
    if head.starts_with(b"{") {
        return Format::JsonLines;
    }
    if head.starts_with(b"<") && (has(b"<body") || has(b"<p") || has(b"<div") || has(b"<head")) {
        return Format::Html;
    }
    Format::Text
}

/// The name of the first element of lower-cased markup, after the XML
/// declaration, processing instructions, comments and the doctype.
fn root_element(head: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    loop {
        i += head[i..].iter().position(|c| !c.is_ascii_whitespace())?;
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += memchr::memmem::find(rest, b"-->")? + 3;
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            i += memchr::memchr(b'>', rest)? + 1;
        } else if rest.starts_with(b"<") {
            let name = &rest[1..];
            let len = name.iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b':' || *c == b'-'))?;
            return Some(&name[..len]);
        } else {
            return None;
        }
    }
}

/// Reads `path` (a file, a directory read recursively, or "-" for stdin) and
/// hands every article, or error, to `sink` as soon as it is read.
pub fn read_input(path: &Path, sink: &mut dyn FnMut(Result<Article, InputError>)) {
    read_input_deferred(path, &mut |p| sink(p.and_then(Pending::finish)));
}

/// A document read but not yet extracted: HTML extraction is the costly
/// step, so a caller can run [`Pending::finish`] on several threads while
/// one thread reads (keep the batches bounded to keep memory flat).
#[derive(Debug)]
pub enum Pending {
    Ready(Article),
    Html(HtmlDoc),
}

/// An HTML page waiting for extraction.
#[derive(Debug)]
pub struct HtmlDoc {
    pub source: String,
    pub id: Option<String>,
    pub url: Option<String>,
    /// The charset of an HTTP Content-Type header.
    pub charset: Option<String>,
    pub bytes: Vec<u8>,
    /// How errors name this document (the source, with the WARC offset).
    pub input: String,
}

impl Pending {
    pub fn finish(self) -> Result<Article, InputError> {
        match self {
            Pending::Ready(a) => Ok(a),
            Pending::Html(d) => match extract_html(&d.bytes, d.url.as_deref(), d.charset.as_deref()) {
                Ok(mut a) => {
                    a.source = d.source;
                    a.id = d.id;
                    Ok(a)
                }
                Err(message) => Err(InputError { input: d.input, message }),
            },
        }
    }
}

/// [`read_input`] without the HTML extraction: the sink gets each page as a
/// [`Pending`] to finish, in input order.
pub fn read_input_deferred(path: &Path, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        read_stream(Box::new(io::stdin().lock()), Path::new("-"), "-", sink);
        return;
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return sink(Err(InputError { input: name, message: e.to_string() })),
    };
    if meta.is_dir() {
        read_dir(path, sink);
        return;
    }
    match std::fs::File::open(path) {
        Ok(f) => read_stream(Box::new(f), path, &name, sink),
        Err(e) => sink(Err(InputError { input: name, message: e.to_string() })),
    }
}

fn read_dir(dir: &Path, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    let mut entries: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => return sink(Err(InputError { input: dir.display().to_string(), message: e.to_string() })),
    };
    entries.sort();
    for p in entries {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        // Symlinked directories are not followed: they can loop.
        let Ok(lmeta) = std::fs::symlink_metadata(&p) else { continue };
        if hidden {
            continue;
        }
        if lmeta.is_dir() {
            read_dir(&p, sink);
        } else if is_known_file(&p) {
            read_input_deferred(&p, sink);
        }
    }
}

fn is_known_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, ext)| KNOWN_EXTENSIONS.contains(&ext))
}

/// Wraps a reader in a gzip decoder when it starts with the gzip magic bytes.
fn maybe_gunzip(r: Box<dyn Read>) -> io::Result<Box<dyn BufRead>> {
    let mut br = BufReader::with_capacity(64 * 1024, r);
    let head = br.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(64 * 1024, flate2::read::MultiGzDecoder::new(br))))
    } else {
        Ok(Box::new(br))
    }
}

/// The first bytes of the first gzip member, decompressed (for sniffing).
fn gunzip_head(compressed: &[u8]) -> Vec<u8> {
    let mut head = Vec::new();
    let _ = flate2::bufread::GzDecoder::new(compressed).take(4096).read_to_end(&mut head);
    head
}

fn read_stream(r: Box<dyn Read>, path: &Path, name: &str, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    let err = |m: String| InputError { input: name.to_string(), message: m };
    // A gzipped WARC is read member by member, so that a corrupt member
    // (one record in the CC-NEWS layout) does not end the archive.
    let mut br = BufReader::with_capacity(64 * 1024, r);
    match br.fill_buf() {
        Ok(head) if head.starts_with(&[0x1f, 0x8b]) && detect_format(path, &gunzip_head(head)) == Format::Warc => {
            return read_warc_gz(br, name, sink);
        }
        Ok(_) => {}
        Err(e) => return sink(Err(err(format!("read error: {e}")))),
    }
    let mut r = match maybe_gunzip(Box::new(br)) {
        Ok(r) => r,
        Err(e) => return sink(Err(err(format!("read error: {e}")))),
    };
    let format = match r.fill_buf() {
        Ok(head) => detect_format(path, head),
        Err(e) => return sink(Err(err(format!("read error: {e}")))),
    };
    match format {
        Format::Warc => read_warc(r, name, sink),
        Format::JsonLines => read_jsonl(r, name, sink),
        Format::Html => match read_limited(r, MAX_HTML_BYTES as u64) {
            Ok(bytes) => sink(Ok(Pending::Html(HtmlDoc {
                source: name.to_string(),
                id: None,
                url: None,
                charset: None,
                bytes,
                input: name.to_string(),
            }))),
            Err(e) => sink(Err(err(e))),
        },
        Format::Feed => match read_limited(r, MAX_DOCUMENT_BYTES) {
            Ok(bytes) => read_feed(&bytes, name, sink),
            Err(e) => sink(Err(err(e))),
        },
        Format::Text => match read_limited(r, MAX_DOCUMENT_BYTES) {
            Ok(bytes) => {
                let mut a = Article { source: name.to_string(), ..Article::default() };
                a.set_plain_text(&charset::decode_text(&bytes));
                sink(Ok(Pending::Ready(a)))
            }
            Err(e) => sink(Err(err(e))),
        },
    }
}

fn read_limited(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(limit + 1).read_to_end(&mut buf).map_err(|e| format!("read error: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(format!("input is over the size limit of {limit} bytes"));
    }
    Ok(buf)
}

fn read_warc(r: Box<dyn BufRead>, name: &str, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    for rec in warc::Reader::new(r) {
        warc_item(rec, name, sink);
    }
}

fn read_warc_gz(r: impl Read, name: &str, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    warc::read_gz_members(r, &mut |rec| warc_item(rec, name, sink));
}

fn warc_item(rec: Result<warc::Record, warc::RecordError>, name: &str, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    match rec {
        Err(e) => sink(Err(InputError { input: format!("{name}#{} (offset {})", e.number, e.offset), message: e.message })),
        Ok(rec) => {
            let source = format!("{name}#{}", rec.number);
            let input = format!("{source} (offset {})", rec.offset);
            match warc_page(&rec, &source) {
                Some(Ok(mut doc)) => {
                    doc.input = input;
                    sink(Ok(Pending::Html(doc)))
                }
                Some(Err(message)) => sink(Err(InputError { input, message })),
                None => {}
            }
        }
    }
}

/// The page of a `response` record: None for records that are not an
/// HTTP 200 HTML response (those are skipped silently).
fn warc_page(rec: &warc::Record, source: &str) -> Option<Result<HtmlDoc, String>> {
    if !rec.header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response")) {
        return None;
    }
    let is_http = rec.header("Content-Type").is_none_or(|ct| ct.to_ascii_lowercase().starts_with("application/http"));
    if !is_http {
        return None;
    }
    let http = match warc::parse_http(&rec.body) {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    if http.status != 200 {
        return None;
    }
    let ct = http.content_type.as_deref();
    // Pages without a Content-Type are sniffed like a browser would.
    let html = match ct {
        Some(ct) => warc::is_html_type(ct),
        None => detect_format(Path::new(""), &http.body[..http.body.len().min(2048)]) == Format::Html,
    };
    if !html {
        return None;
    }
    Some(Ok(HtmlDoc {
        source: source.to_string(),
        id: rec.header("WARC-Record-ID").map(|i| i.trim_matches(['<', '>']).to_string()),
        url: rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string()),
        charset: ct.and_then(charset::content_type_charset).map(str::to_string),
        bytes: http.body.into_owned(),
        input: source.to_string(),
    }))
}

fn read_jsonl(mut r: Box<dyn BufRead>, name: &str, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    // A .json file holding one array of records is read whole; item N is name#N.
    let starts_array = r.fill_buf().is_ok_and(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'['));
    if starts_array {
        let err = |m: String| InputError { input: name.to_string(), message: m };
        let items = read_limited(r, MAX_DOCUMENT_BYTES)
            .and_then(|b| serde_json::from_slice::<Vec<serde_json::Value>>(&b).map_err(|e| format!("invalid JSON: {e}")));
        match items {
            Ok(items) => {
                for (i, v) in items.into_iter().enumerate() {
                    let input = format!("{name}#{}", i + 1);
                    sink(jsonl_value(v, &input).map(Pending::Ready).map_err(|m| InputError { input, message: m }));
                }
            }
            Err(e) => sink(Err(err(e))),
        }
        return;
    }
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        n += 1;
        let input = || format!("{name}#{n}");
        match (&mut r).take(MAX_DOCUMENT_BYTES).read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => return sink(Err(InputError { input: input(), message: format!("read error: {e}") })),
        }
        if line.len() as u64 >= MAX_DOCUMENT_BYTES && !line.ends_with(b"\n") {
            return sink(Err(InputError { input: input(), message: format!("line over the size limit of {MAX_DOCUMENT_BYTES} bytes") }));
        }
        let text = charset::decode_text(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        sink(jsonl_article(text, &input()).map(Pending::Ready).map_err(|m| InputError { input: input(), message: m }));
    }
}

fn jsonl_article(line: &str, source: &str) -> Result<Article, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    jsonl_value(v, source)
}

fn jsonl_value(v: serde_json::Value, source: &str) -> Result<Article, String> {
    let obj = v.as_object().ok_or("a JSON Lines record must be an object")?;
    let s = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let id = match obj.get("id") {
        Some(serde_json::Value::String(x)) => Some(x.clone()),
        Some(serde_json::Value::Number(x)) => Some(x.to_string()),
        _ => None,
    };
    let url = s("url");
    let mut a = if let Some(text) = s("text") {
        let mut a = Article::default();
        a.set_plain_text(&text);
        a
    } else if let Some(html) = s("html") {
        let head = html[..html.len().min(4096)].to_ascii_lowercase();
        if head.contains("<html") || head.contains("<body") || head.contains("<!doctype") {
            extract_html(html.as_bytes(), url.as_deref(), Some("utf-8"))?
        } else {
            // A fragment (an article body from a CMS export) is all article.
            let mut a = Article::default();
            a.set_blocks(html_fragment_blocks(&html));
            a
        }
    } else {
        return Err("no \"text\" or \"html\" field".into());
    };
    a.source = source.to_string();
    a.id = id;
    a.url = url.or(a.url);
    if let Some(t) = s("title") {
        a.title = Some(t);
    }
    if let Some(p) = s("published") {
        a.published = crate::meta::normalize_date(&p).or(Some(p));
    }
    Ok(a)
}

fn read_feed(bytes: &[u8], name: &str, sink: &mut dyn FnMut(Result<Pending, InputError>)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => return sink(Err(InputError { input: name.to_string(), message: format!("bad feed: {e}") })),
    };
    let site = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let lang = feed.language.clone();
    for (i, e) in feed.entries.into_iter().enumerate() {
        let mut a = Article {
            source: format!("{name}#{}", i + 1),
            id: Some(e.id.clone()).filter(|x| !x.is_empty()),
            url: e.links.first().map(|l| l.href.clone()),
            title: e.title.as_ref().map(|t| plain_title(&t.content)),
            published: e.published.or(e.updated).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            author: Some(e.authors.iter().filter_map(|p| p.name.as_deref().map(str::trim)).filter(|n| !n.is_empty()).collect::<Vec<_>>().join(", "))
                .filter(|x| !x.is_empty()),
            site_name: site.clone(),
            language: e.language.clone().or(lang.clone()),
            ..Article::default()
        };
        let body = e.content.as_ref().and_then(|c| c.body.clone()).or_else(|| e.summary.as_ref().map(|s| s.content.clone()));
        if let Some(body) = body {
            let blocks = html_fragment_blocks(&body);
            a.set_blocks(blocks.iter().map(|(k, t)| (*k, t.as_str())));
        }
        sink(Ok(Pending::Ready(a)));
    }
}

fn plain_title(t: &str) -> String {
    if t.contains('<') || t.contains('&') {
        let blocks = html_fragment_blocks(t);
        blocks.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join(" ")
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}
