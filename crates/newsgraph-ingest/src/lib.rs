//! newsgraph-ingest: reads news where it lives (HTML pages, WARC archives such
//! as CC-NEWS, RSS/Atom feeds, JSON Lines, plain text, directories) into clean
//! [`Article`]s for the extraction pipeline.
//!
//! This crate owns every input path: [`expand`] turns arguments into
//! inputs (directories walked, one list of [`EXTENSIONS`]), and [`read`]
//! reads each input once, as a stream, handing each article (or each error,
//! naming the input and the record) to a sink as soon as it is read, and
//! going on after a bad record. No other crate reads articles from the file
//! system.

pub mod charset;
mod content;
mod dom;
mod input;
mod nesting;
pub mod meta;
pub mod warc;

pub use input::{describe_io, detect_format, expand, read, read_input, too_big, Format, HtmlDoc, Input, Item, Limits, DEFAULT_MAX_BYTES, EXTENSIONS};

use serde::{Deserialize, Serialize};

/// HTML pages larger than this are refused with an error rather than parsed
/// (a 50 MB page is accepted: parsing is linear, ~0.5 s per 50 MB in release).
pub const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;

/// HTML pages with more '<' than this are refused: the parsed tree costs
/// about 250 bytes a node (50 MB of `<p>x` is 13 million tags and 6 GB).
/// Real pages stay far below (the most in the benchmark: 3,229).
pub const MAX_HTML_TAGS: usize = 2_000_000;

/// One clean article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: Option<String>,
    /// The path, `path#record` for WARC records (the record number, 1-based),
    /// `path#item` for feed items, `path#line` for JSON Lines, or the URL.
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The clean body without the headline: blocks separated by "\n\n".
    pub text: String,
    /// Byte spans into `text`, one per block, in order.
    pub blocks: Vec<Block>,
    /// YYYY-MM-DD, or RFC 3339 when the source gives a time and an offset.
    pub published: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    Paragraph,
    Heading,
    BlockQuote,
    ListItem,
}

/// A block of `Article::text`: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// A bad input or record: Display gives "<input>: <message>".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub input: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.input, self.message)
    }
}

impl std::error::Error for InputError {}

impl Article {
    /// Builds `text` and `blocks` from (kind, text) pairs.
    pub fn set_blocks<S: AsRef<str>>(&mut self, blocks: impl IntoIterator<Item = (BlockKind, S)>) {
        self.text.clear();
        self.blocks.clear();
        for (kind, t) in blocks {
            let t = t.as_ref();
            if t.is_empty() {
                continue;
            }
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            let start = self.text.len();
            self.text.push_str(t);
            self.blocks.push(Block { start, end: self.text.len(), kind });
        }
    }

    /// Plain text kept as it is (BOM stripped, CRLF and CR made LF), with one
    /// paragraph block per run of lines between blank lines.
    pub fn set_plain_text(&mut self, text: &str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        self.text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.blocks.clear();
        let mut pos = 0;
        for line in self.text.split_inclusive('\n') {
            let (start, end) = (pos, pos + line.trim_end().len());
            pos += line.len();
            if line.trim().is_empty() {
                continue;
            }
            let start = start + (line.len() - line.trim_start().len());
            match self.blocks.last_mut() {
                // Same paragraph when no blank line came between.
                Some(b) if self.text[b.end..start].matches('\n').count() < 2 => b.end = end,
                _ => self.blocks.push(Block { start, end, kind: BlockKind::Paragraph }),
            }
        }
    }
}

/// The id of an article known only by its source: the file name without
/// its extensions ("data/article.txt" -> "article", "crawl.warc.gz#12" ->
/// "crawl#12"), which is also what the scorers pair records with gold
/// documents by.
pub fn id_from_source(source: &str) -> String {
    let name = source.trim_end_matches('/').rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = name.split('#').next().unwrap_or(name);
    let mut stem = stem;
    for ext in [".gz", ".warc", ".txt", ".text", ".html", ".htm", ".jsonl", ".json"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
        }
    }
    let fragment = name.split_once('#').map(|(_, f)| f);
    match (stem.is_empty(), fragment) {
        (true, _) => source.to_string(),
        (false, Some(f)) => format!("{stem}#{f}"),
        (false, None) => stem.to_string(),
    }
}

/// Extracts the article of an HTML page: main content as blocks, plus
/// metadata. `url` is the page's address when known (it feeds the URL-date
/// rule); `content_type_charset` is the charset of an HTTP header.
pub fn extract_html(html: &[u8], url: Option<&str>, content_type_charset: Option<&str>) -> Result<Article, String> {
    if html.len() > MAX_HTML_BYTES {
        return Err(format!(
            "HTML page of {} bytes is over the limit of {} bytes",
            html.len(),
            MAX_HTML_BYTES
        ));
    }
    let tags = memchr::memchr_iter(b'<', html).count();
    if tags > MAX_HTML_TAGS {
        return Err(format!("HTML page with {tags} tags is over the limit of {MAX_HTML_TAGS} tags"));
    }
    let text = charset::decode_html(html, content_type_charset);
    Ok(extract_html_str(&text, url))
}

/// Blocks of an HTML fragment that is all article (feed content, JSON Lines
/// `html` fields marked as body): no main-content selection.
pub fn html_fragment_blocks(html: &str) -> Vec<(BlockKind, String)> {
    let doc = scraper::Html::parse_fragment(html);
    let dom = dom::Dom::build(&doc);
    content::fragment_blocks(&dom)
}

/// [`extract_html`] for text already decoded, without the size limits.
pub fn extract_html_str(text: &str, url: Option<&str>) -> Article {
    let text = nesting::cap_nesting(text, nesting::MAX_DEPTH);
    let doc = scraper::Html::parse_document(&text);
    let dom = dom::Dom::build(&doc);
    let m = meta::extract(&dom, url);
    let ex = content::extract_blocks(&dom, m.title.as_deref());
    let mut a = Article {
        source: url.unwrap_or_default().to_string(),
        url: url.map(str::to_string),
        title: m.title,
        author: m.author,
        site_name: m.site_name,
        canonical_url: m.canonical_url,
        language: m.language,
        published: m.published,
        ..Article::default()
    };
    a.set_blocks(ex.blocks);
    if a.published.is_none() {
        a.published = ex.byline_date.or_else(|| meta::date_in_first_lines(&a.text));
    }
    a
}
