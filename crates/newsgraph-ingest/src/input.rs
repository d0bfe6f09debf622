//! Every input path: arguments expanded into inputs (directories walked),
//! each input read once as a stream (files, pipes, stdin), its format
//! detected (gzip by magic bytes, then content, then name), and the readers
//! of each format: plain text (UTF-8, else decoded with a warning), HTML
//! pages, WARC archives, feeds and JSON Lines.

use crate::{charset, extract_html, html_fragment_blocks, warc, Article, InputError, MAX_HTML_BYTES};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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

/// The largest article read by default. A news article is rarely over
/// 200 kB of text; anything past this is a dump or a mistake, and is
/// refused with an error rather than stalling the batch.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What a reader may take in.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most bytes of text one article may have (plain text: the bytes
    /// read; other formats: the clean text).
    pub max_article_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_article_bytes: DEFAULT_MAX_BYTES }
    }
}

/// One input to read: a file (of any format) or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Stdin => f.write_str("<stdin>"),
            Input::File(p) => write!(f, "{}", p.display()),
        }
    }
}

fn error(input: impl fmt::Display, message: impl Into<String>) -> InputError {
    InputError { input: input.to_string(), message: message.into() }
}

/// The file extensions read from a directory (also under `.gz`).
pub const EXTENSIONS: [&str; 12] = ["txt", "text", "html", "htm", "xhtml", "shtml", "warc", "xml", "rss", "atom", "jsonl", "ndjson"];

fn extension_format(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "warc" => Format::Warc,
        "xml" | "rss" | "atom" => Format::Feed,
        // a `.json` file given by name may hold one array of records
        "jsonl" | "ndjson" | "json" => Format::JsonLines,
        "txt" | "text" => Format::Text,
        _ => return None,
    })
}

/// A file a directory walk reads: one of [`EXTENSIONS`], maybe gzipped.
fn is_article_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
}

/// Expands arguments (paths, or `-` for stdin) into inputs: a directory
/// into its article files, recursively, in path order (hidden files and
/// symlinked directories are skipped: they can loop). An argument that
/// cannot be expanded is an error of its own; the others go on.
pub fn expand<S: AsRef<str>>(args: &[S]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for a in args {
        let a = a.as_ref();
        if a == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        let p = PathBuf::from(a);
        match std::fs::metadata(&p) {
            Err(e) => out.push(Err(error(a, describe_io(&e)))),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                if let Err(e) = walk(&p, &mut files) {
                    out.push(Err(error(a, format!("cannot list directory: {}", describe_io(&e)))));
                    continue;
                }
                if files.is_empty() {
                    out.push(Err(error(a, format!("directory holds no article files (*.{})", EXTENSIONS.join(", *.")))));
                }
                files.sort();
                out.extend(files.into_iter().map(|f| Ok(Input::File(f))));
            }
            Ok(_) => out.push(Ok(Input::File(p))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// An I/O error as a user reads it.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The error for an article over the size limit.
pub fn too_big(len: u64, max: u64) -> String {
    format!("{:.1} MB is over the {:.1} MB limit for one article (raise it with --max-bytes)", len as f64 / 1e6, max as f64 / 1e6)
}

/// What reading gives, in input order: an article, an HTML page whose
/// extraction is left to the caller (the costly step, to run on several
/// threads; see [`Item::finish`]), or an error.
#[derive(Debug)]
pub enum Item {
    /// A plain text (checked against the limit as it was read), with
    /// warnings about it.
    Text { article: Article, warnings: Vec<String> },
    /// An article of a structured source: a feed item, a JSON line.
    Article(Article),
    Page(HtmlDoc),
    Failed(InputError),
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

impl Item {
    /// The article: a page is extracted here; an article whose clean text
    /// is over the limit is an error.
    pub fn finish(self, limits: &Limits) -> Result<(Article, Vec<String>), InputError> {
        let max = limits.max_article_bytes;
        match self {
            Item::Failed(e) => Err(e),
            Item::Text { article, warnings } => Ok((article, warnings)),
            Item::Article(a) if a.text.len() as u64 > max => Err(error(&a.source, too_big(a.text.len() as u64, max))),
            Item::Article(a) => Ok((a, Vec::new())),
            Item::Page(d) => match extract_html(&d.bytes, d.url.as_deref(), d.charset.as_deref()) {
                Ok(a) if a.text.len() as u64 > max => Err(error(&d.source, too_big(a.text.len() as u64, max))),
                Ok(mut a) => {
                    a.source = d.source;
                    a.id = d.id;
                    Ok((a, Vec::new()))
                }
                Err(message) => Err(InputError { input: d.input, message }),
            },
        }
    }
}

/// Reads `path` (a file, a directory read recursively, or "-" for stdin)
/// and hands every article, or error, to `sink` as soon as it is read,
/// with the default limits and pages extracted at once.
pub fn read_input(path: &Path, sink: &mut dyn FnMut(Result<Article, InputError>)) {
    let limits = Limits::default();
    for input in expand(&[path.to_string_lossy()]) {
        match input {
            Err(e) => sink(Err(e)),
            Ok(input) => read(&input, &limits, &mut |item| sink(item.finish(&limits).map(|(a, _)| a))),
        }
    }
}

/// Reads one input, once, as a stream: each article a file holds (WARC
/// records, feed items, JSON lines), or error, goes to `sink` in order.
/// The format comes from the content (gzip by its magic bytes), then the
/// name; a bad record is an error of its own and reading goes on.
pub fn read(input: &Input, limits: &Limits, sink: &mut dyn FnMut(Item)) {
    let name = match input {
        Input::Stdin => "-".to_string(),
        Input::File(p) => p.display().to_string(),
    };
    match input {
        Input::Stdin => read_stream(Box::new(io::stdin().lock()), Path::new("-"), &name, None, limits, sink),
        Input::File(p) => {
            let meta = match std::fs::metadata(p) {
                Ok(m) => m,
                Err(e) => return sink(Item::Failed(error(input, describe_io(&e)))),
            };
            if meta.is_dir() {
                return sink(Item::Failed(error(input, "is a directory")));
            }
            if is_device(&meta) {
                return sink(Item::Failed(error(input, "is a device, not a file (read a stream from stdin with -)")));
            }
            // a regular file's size is known before reading: a plain text
            // over the limit is refused unread
            let size = meta.is_file().then_some(meta.len());
            match std::fs::File::open(p) {
                Ok(f) => read_stream(Box::new(f), p, &name, size, limits, sink),
                Err(e) => sink(Item::Failed(error(input, describe_io(&e)))),
            }
        }
    }
}

#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    t.is_char_device() || t.is_block_device() || t.is_socket()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::Metadata) -> bool {
    false
}

/// Wraps a reader in a gzip decoder when it starts with the gzip magic bytes.
fn maybe_gunzip(mut br: BufReader<Box<dyn Read>>) -> io::Result<Box<dyn BufRead>> {
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

/// `size`: the byte size of a regular file (not of a stream).
fn read_stream(r: Box<dyn Read>, path: &Path, name: &str, size: Option<u64>, limits: &Limits, sink: &mut dyn FnMut(Item)) {
    let err = |m: String| Item::Failed(InputError { input: name.to_string(), message: m });
    // A gzipped WARC is read member by member, so that a corrupt member
    // (one record in the CC-NEWS layout) does not end the archive.
    let mut br = BufReader::with_capacity(64 * 1024, r);
    let gzip = match br.fill_buf() {
        Ok(head) if head.starts_with(&[0x1f, 0x8b]) => {
            if detect_format(path, &gunzip_head(head)) == Format::Warc {
                return read_warc_gz(br, name, sink);
            }
            true
        }
        Ok(_) => false,
        Err(e) => return sink(err(format!("read error: {e}"))),
    };
    let mut r = match maybe_gunzip(br) {
        Ok(r) => r,
        Err(e) => return sink(err(format!("read error: {e}"))),
    };
    let format = match r.fill_buf() {
        Ok(head) => detect_format(path, head),
        Err(e) => return sink(err(format!("read error: {e}"))),
    };
    match format {
        Format::Warc => read_warc(r, name, sink),
        Format::JsonLines => read_jsonl(r, name, sink),
        Format::Html => match read_limited(r, MAX_HTML_BYTES as u64) {
            Ok(bytes) => sink(Item::Page(HtmlDoc { source: name.to_string(), id: None, url: None, charset: None, bytes, input: name.to_string() })),
            Err(e) => sink(err(e)),
        },
        Format::Feed => match read_limited(r, MAX_DOCUMENT_BYTES) {
            Ok(bytes) => read_feed(&bytes, name, sink),
            Err(e) => sink(err(e)),
        },
        Format::Text => {
            let max = limits.max_article_bytes;
            if let (Some(size), false) = (size, gzip) {
                if size > max {
                    return sink(err(too_big(size, max)));
                }
            }
            let mut bytes = Vec::new();
            if let Err(e) = r.take(max.saturating_add(1)).read_to_end(&mut bytes) {
                return sink(err(format!("read error: {e}")));
            }
            if bytes.len() as u64 > max {
                return sink(err(too_big(bytes.len() as u64, max)));
            }
            sink(plain_text(bytes, name))
        }
    }
}

/// A plain text: UTF-8, or, when it is not, decoded by charset detection
/// with a warning that names the input and the first invalid byte.
fn plain_text(bytes: Vec<u8>, name: &str) -> Item {
    let (text, warnings) = match String::from_utf8(bytes) {
        Ok(t) => (t, Vec::new()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let warning = format!("{name}: not UTF-8 text (invalid byte 0x{:02X} at offset {at}); decoded by charset detection", e.as_bytes()[at]);
            (charset::decode_text(e.as_bytes()), vec![warning])
        }
    };
    let mut article = Article { source: name.to_string(), ..Article::default() };
    article.set_plain_text(&text);
    Item::Text { article, warnings }
}

fn read_limited(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(limit + 1).read_to_end(&mut buf).map_err(|e| format!("read error: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(format!("input is over the size limit of {limit} bytes"));
    }
    Ok(buf)
}

fn read_warc(r: Box<dyn BufRead>, name: &str, sink: &mut dyn FnMut(Item)) {
    for rec in warc::Reader::new(r) {
        warc_item(rec, name, sink);
    }
}

fn read_warc_gz(r: impl Read, name: &str, sink: &mut dyn FnMut(Item)) {
    warc::read_gz_members(r, &mut |rec| warc_item(rec, name, sink));
}

fn warc_item(rec: Result<warc::Record, warc::RecordError>, name: &str, sink: &mut dyn FnMut(Item)) {
    match rec {
        Err(e) => sink(Item::Failed(InputError { input: format!("{name}#{} (offset {})", e.number, e.offset), message: e.message })),
        Ok(rec) => {
            let source = format!("{name}#{}", rec.number);
            let input = format!("{source} (offset {})", rec.offset);
            match warc_page(&rec, &source) {
                Some(Ok(mut doc)) => {
                    doc.input = input;
                    sink(Item::Page(doc))
                }
                Some(Err(message)) => sink(Item::Failed(InputError { input, message })),
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

fn read_jsonl(mut r: Box<dyn BufRead>, name: &str, sink: &mut dyn FnMut(Item)) {
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
                    sink(match jsonl_value(v, &input) {
                        Ok(a) => Item::Article(a),
                        Err(message) => Item::Failed(InputError { input, message }),
                    });
                }
            }
            Err(e) => sink(Item::Failed(err(e))),
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
            Err(e) => return sink(Item::Failed(InputError { input: input(), message: format!("read error: {e}") })),
        }
        if line.len() as u64 >= MAX_DOCUMENT_BYTES && !line.ends_with(b"\n") {
            return sink(Item::Failed(InputError { input: input(), message: format!("line over the size limit of {MAX_DOCUMENT_BYTES} bytes") }));
        }
        let text = charset::decode_text(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        sink(match jsonl_article(text, &input()) {
            Ok(a) => Item::Article(a),
            Err(message) => Item::Failed(InputError { input: input(), message }),
        });
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

fn read_feed(bytes: &[u8], name: &str, sink: &mut dyn FnMut(Item)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => return sink(Item::Failed(InputError { input: name.to_string(), message: format!("bad feed: {e}") })),
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
        sink(Item::Article(a));
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
