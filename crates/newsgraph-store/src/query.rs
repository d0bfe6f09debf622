//! The analyst's questions, newest first, a page at a time.
//!
//! User text never reaches FTS5 or SQL as syntax: a query is read by
//! [`parse_query`] into words (AND), "quoted phrases", `OR` and `word*`
//! prefixes, and written back as quoted FTS5 strings; every other
//! character separates words. Dates are checked before any SQL runs.

use crate::keys::{day_key, name_key, parse_filter_date};
use crate::{Result, Store, StoreError};
use jiff::civil::Date;
use newsgraph_record::{EntityType, QuoteKind};
use rusqlite::{params_from_iter, types::Value, OptionalExtension};
use serde::Serialize;

/// The most rows one page holds.
pub const MAX_LIMIT: usize = 1000;

/// A page of results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

impl Default for Page {
    fn default() -> Page {
        Page { limit: 20, offset: 0 }
    }
}

impl Page {
    pub fn new(limit: usize, offset: usize) -> Result<Page> {
        if limit == 0 || limit > MAX_LIMIT {
            return Err(StoreError::parameter("limit", format!("{limit} is not between 1 and {MAX_LIMIT}")));
        }
        if offset > i64::MAX as usize / 2 {
            return Err(StoreError::parameter("offset", format!("{offset} is too large")));
        }
        Ok(Page { limit, offset })
    }
}

/// Publication dates from and to, both included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    /// Reads `--from` and `--to`: "2025-02-23", "2025-02" or "2025".
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<DateRange> {
        let read = |name: &'static str, v: Option<&str>, end: bool| -> Result<Option<Date>> {
            v.map(|s| parse_filter_date(s, end).ok_or_else(|| StoreError::parameter(name, format!("{s:?} is not a date (want YYYY-MM-DD, YYYY-MM or YYYY)")))).transpose()
        };
        let r = DateRange { from: read("from", from, false)?, to: read("to", to, true)? };
        if let (Some(f), Some(t)) = (r.from, r.to) {
            if f > t {
                return Err(StoreError::parameter("to", format!("{t} is before the start of the range, {f}")));
            }
        }
        Ok(r)
    }

    fn is_set(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// The range of full-text row ids: day keys in the high bits (an
    /// undated row, day 0, is outside any range that is set).
    fn rowids(&self) -> (i64, i64) {
        let lo = match self.from {
            Some(d) => day_key(Some(&d.to_string())).max(1),
            None if self.is_set() => 1,
            None => 0,
        };
        let hi = match self.to {
            Some(d) => ((day_key(Some(&d.to_string())) + 1) << 32) - 1,
            None => i64::MAX,
        };
        (lo << 32, hi)
    }

    /// As SQL bounds on a `published_date` column.
    fn dates(&self) -> (String, String) {
        (self.from.map_or("0000-00-00".into(), |d| d.to_string()), self.to.map_or("9999-99-99".into(), |d| d.to_string()))
    }
}

/// A term of a parsed query, folded as the full-text index folds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    pub prefix: bool,
}

/// A user's query, ready for FTS5: the expression, and its terms (for
/// highlighting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub fts: String,
    pub terms: Vec<Term>,
}

/// A word as the index folds it: letters and digits, lower case, accents
/// dropped.
fn fold(w: &str) -> String {
    deunicode::deunicode(w).to_lowercase()
}

/// Reads a query: words (all must match), "quoted phrases", `OR` between
/// two of those, `word*` for a prefix. Other characters (`-`, `:`, `(`,
/// `^`, ...) only separate words. An unclosed quotation mark or a query
/// with no word is an error naming `param`.
pub fn parse_query(param: &'static str, q: &str) -> Result<Query> {
    if q.matches('"').count() % 2 == 1 {
        return Err(StoreError::parameter(param, "the query has an unclosed quotation mark (\")"));
    }
    let mut parts: Vec<String> = Vec::new();
    let mut terms = Vec::new();
    let mut pending_or = false;
    for (i, chunk) in q.split('"').enumerate() {
        if i % 2 == 1 {
            // a phrase: its words, in order
            let words: Vec<String> = chunk.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).collect();
            if words.is_empty() {
                continue;
            }
            terms.extend(words.iter().map(|w| Term { word: w.clone(), prefix: false }));
            push(&mut parts, format!("\"{}\"", words.join(" ")), &mut pending_or);
            continue;
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            let start = rest.find(|c: char| c.is_alphanumeric()).unwrap_or(rest.len());
            rest = &rest[start..];
            let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            let word = &rest[..end];
            let prefix = rest[end..].starts_with('*');
            rest = &rest[end..];
            if word == "OR" && !parts.is_empty() {
                pending_or = true;
                continue;
            }
            let w = fold(word);
            if w.chars().all(|c| !c.is_alphanumeric()) {
                continue;
            }
            terms.push(Term { word: w.clone(), prefix });
            push(&mut parts, if prefix { format!("\"{w}\"*") } else { format!("\"{w}\"") }, &mut pending_or);
        }
    }
    if parts.is_empty() {
        return Err(StoreError::parameter(param, "the query has no word to search for"));
    }
    // an explicit AND: FTS5 reads no implicit one next to a parenthesis
    Ok(Query { fts: parts.join(" AND "), terms })
}

fn push(parts: &mut Vec<String>, term: String, pending_or: &mut bool) {
    if std::mem::take(pending_or) {
        if let Some(last) = parts.pop() {
            parts.push(format!("({last} OR {term})"));
            return;
        }
    }
    parts.push(term);
}

/// A snippet of a text around the first match of the terms: the snippet,
/// where it starts in the text (characters), and the matched words' spans
/// within it (characters).
pub fn snippet(text: &str, terms: &[Term], words_around: usize) -> (String, usize, Vec<(usize, usize)>) {
    // words as (char start, char end, byte start, byte end)
    let mut words: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut ci = 0;
    for (bi, c) in text.char_indices() {
        if c.is_alphanumeric() {
            cur.get_or_insert((ci, bi));
        } else if let Some((cs, bs)) = cur.take() {
            words.push((cs, ci, bs, bi));
        }
        ci += 1;
    }
    if let Some((cs, bs)) = cur {
        words.push((cs, ci, bs, text.len()));
    }
    let matches = |w: &str| {
        let f = fold(w);
        terms.iter().any(|t| if t.prefix { f.starts_with(&t.word) } else { f == t.word })
    };
    let first = words.iter().position(|w| matches(&text[w.2..w.3])).unwrap_or(0);
    let from = first.saturating_sub(words_around / 3);
    let to = (from + words_around).min(words.len());
    if words.is_empty() {
        return (String::new(), 0, Vec::new());
    }
    let (start_c, start_b) = (words[from].0, words[from].2);
    let (end_b, end_c) = (words[to - 1].3, words[to - 1].1);
    let mut out = String::new();
    let mut offset = 0;
    if from > 0 {
        out.push('…');
        offset = 1;
    }
    out.push_str(&text[start_b..end_b].replace('\n', " "));
    if to < words.len() {
        out.push('…');
    }
    let highlights = words[from..to].iter().filter(|w| matches(&text[w.2..w.3])).map(|w| (w.0 - start_c + offset, w.1 - start_c + offset)).collect();
    let _ = end_c;
    (out, start_c, highlights)
}

/// What `search` selects; each filter narrows.
#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    /// Words of the title or text; every article when `None`.
    pub query: Option<String>,
    pub dates: DateRange,
    /// The site: its name ("BBC News"), its address's host ("bbc.co.uk",
    /// a subdomain too), or the file or folder the article was read from.
    pub source: Option<String>,
}

/// `s` with LIKE's wildcards escaped (by a backslash).
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// An article found by a search.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    /// The article's id in the store.
    pub article: i64,
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub published: Option<String>,
    /// The text around the first match.
    pub snippet: String,
    /// Where the snippet starts in the text (characters).
    pub snippet_start: usize,
    /// The matched words, as character spans of the snippet.
    pub highlights: Vec<(usize, usize)>,
}

/// What `quotes` selects; each filter narrows.
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// The speaker: a person or organisation of the store by name (every
    /// word of it), else the speaker's words as written.
    pub speaker: Option<String>,
    /// The speaker as a store-wide entity's id.
    pub speaker_entity: Option<i64>,
    /// Words of the quote, or the name of an entity it mentions.
    pub about: Option<String>,
    pub kind: Option<QuoteKind>,
    pub dates: DateRange,
}

/// A quote, with its article.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteRow {
    pub quote: i64,
    pub article: i64,
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub kind: String,
    pub content: String,
    /// The store-wide speaker's name, else the record's speaker name.
    pub speaker: Option<String>,
    /// The speaker as the text writes it ("the minister", "he").
    pub speaker_text: Option<String>,
    /// The store-wide entity the speaker is.
    pub speaker_entity: Option<i64>,
    pub cue: Option<String>,
    pub confidence: f64,
    /// The quote's span in the article's text (characters).
    pub start: i64,
    pub end: i64,
}

/// A title and when it was seen.
#[derive(Clone, Debug, Serialize)]
pub struct TitleSeen {
    pub title: String,
    pub articles: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A store-wide person, organisation, place or group.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRow {
    pub entity: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: Option<String>,
    pub mentions: i64,
    pub articles: i64,
    pub quotes: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Titles, most often given first.
    pub titles: Vec<TitleSeen>,
}

/// The unit of a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Period {
    Day,
    /// ISO weeks, "2025-W09".
    #[default]
    Week,
    Month,
}

impl std::str::FromStr for Period {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Period> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(StoreError::parameter("by", format!("{s:?} is not day, week or month"))),
        }
    }
}

impl Period {
    fn of(self, d: Date) -> String {
        match self {
            Period::Day => d.to_string(),
            Period::Week => {
                let w = d.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
        }
    }
}

/// Mentions of an entity and quotes by it in one period.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TimelinePoint {
    pub period: String,
    pub mentions: i64,
    pub quotes: i64,
}

const ARTICLE_COLUMNS: &str = "id, record_id, title, url, source, published, text";

impl Store {
    /// Articles, newest first: those whose title or text match the query
    /// when there is one, else all; within the dates and from the source.
    pub fn search(&self, f: &SearchFilter, page: Page) -> Result<Vec<SearchHit>> {
        let q = f.query.as_deref().map(|q| parse_query("query", q)).transpose()?;
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(source) = f.source.as_deref() {
            let source = source.trim();
            if source.is_empty() {
                return Err(StoreError::parameter("source", "is empty"));
            }
            let like = like_escape(source);
            let n = args.len() + 1;
            wheres.push(format!(
                "(a.site_name = ?{n} COLLATE NOCASE OR a.source = ?{n} OR a.source LIKE ?{} ESCAPE '\\' OR a.url LIKE ?{} ESCAPE '\\' OR a.url LIKE ?{} ESCAPE '\\')",
                n + 1,
                n + 2,
                n + 3
            ));
            args.push(Value::Text(source.to_string()));
            // a folder the article was read from, the address's host or a subdomain of it
            args.push(Value::Text(format!("{}/%", like.trim_end_matches('/'))));
            args.push(Value::Text(format!("%://{like}/%")));
            args.push(Value::Text(format!("%://%.{like}/%")));
        }
        let sql = match &q {
            Some(q) => {
                let (lo, hi) = f.dates.rowids();
                wheres.push(format!("articles_fts MATCH ?{}", args.len() + 1));
                args.push(Value::Text(q.fts.clone()));
                wheres.push(format!("f.rowid BETWEEN ?{} AND ?{}", args.len() + 1, args.len() + 2));
                args.push(Value::Integer(lo));
                args.push(Value::Integer(hi));
                let join = if f.source.is_some() { " JOIN articles a ON a.id = (f.rowid & 4294967295)" } else { "" };
                format!("SELECT f.rowid & 4294967295 FROM articles_fts f{join} WHERE {} ORDER BY f.rowid DESC", wheres.join(" AND "))
            }
            None => {
                if f.dates.is_set() {
                    let (from, to) = f.dates.dates();
                    wheres.push(format!("a.published_date BETWEEN ?{} AND ?{}", args.len() + 1, args.len() + 2));
                    args.push(Value::Text(from));
                    args.push(Value::Text(to));
                }
                let w = if wheres.is_empty() { String::new() } else { format!(" WHERE {}", wheres.join(" AND ")) };
                format!("SELECT a.id FROM articles a{w} ORDER BY a.published_date DESC, a.id DESC")
            }
        };
        let sql = format!("{sql} LIMIT {} OFFSET {}", page.limit, page.offset);
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.error(e))?;
        let ids: Vec<i64> = st.query_map(params_from_iter(args), |r| r.get(0)).map_err(|e| self.error(e))?.collect::<rusqlite::Result<_>>().map_err(|e| self.error(e))?;
        let terms = q.map(|q| q.terms).unwrap_or_default();
        let mut get = self.conn.prepare_cached(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1")).map_err(|e| self.error(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let hit = get
                .query_row([id], |r| {
                    let text: String = r.get(6)?;
                    let (snippet, snippet_start, highlights) = snippet(&text, &terms, 30);
                    Ok(SearchHit { article: r.get(0)?, id: r.get(1)?, title: r.get(2)?, url: r.get(3)?, source: r.get(4)?, published: r.get(5)?, snippet, snippet_start, highlights })
                })
                .optional()
                .map_err(|e| self.error(e))?;
            out.extend(hit);
        }
        Ok(out)
    }

    /// The store-wide entities a name designates (every word of it, as a
    /// prefix of a word of the entity's name), most mentioned first.
    fn entities_named(&self, param: &'static str, name: &str, types: &[&str], limit: usize) -> Result<Vec<i64>> {
        let q = parse_query(param, name)?;
        // every word as a prefix: "Zelensk" finds "Zelenskyy"
        let fts: Vec<String> = q.terms.iter().map(|t| format!("\"{}\"*", t.word)).collect();
        let types_sql = if types.is_empty() { String::new() } else { format!(" AND type IN ({})", types.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ")) };
        let sql = format!("SELECT id FROM entities WHERE id IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?1) AND mentions > 0{types_sql} ORDER BY (name_key = ?2) DESC, mentions DESC LIMIT ?3");
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.error(e))?;
        let ids = st
            .query_map(rusqlite::params![fts.join(" "), name_key(name), limit as i64], |r| r.get(0))
            .map_err(|e| self.error(e))?
            .collect::<rusqlite::Result<Vec<i64>>>()
            .map_err(|e| self.error(e))?;
        Ok(ids)
    }

    /// Quotes, newest first.
    pub fn quotes(&self, f: &QuoteFilter, page: Page) -> Result<Vec<QuoteRow>> {
        let about = f.about.as_deref().map(|a| parse_query("about", a)).transpose()?;
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(speaker) = &f.speaker {
            let ids = self.entities_named("speaker", speaker, &["PERSON", "ORG"], 50)?;
            if ids.is_empty() {
                // no person or organisation of that name: the speaker as written
                let like = format!("%{}%", like_escape(speaker));
                wheres.push(format!("(q.speaker_name LIKE ?{n} ESCAPE '\\' OR q.speaker_text LIKE ?{n} ESCAPE '\\')", n = args.len() + 1));
                args.push(Value::Text(like));
            } else {
                wheres.push(format!("q.speaker_entity_id IN ({})", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")));
            }
        }
        if let Some(id) = f.speaker_entity {
            wheres.push(format!("q.speaker_entity_id = ?{}", args.len() + 1));
            args.push(Value::Integer(id));
        }
        if let Some(k) = f.kind {
            wheres.push(format!("q.kind = ?{}", args.len() + 1));
            args.push(Value::Text(k.as_str().into()));
        }
        if f.dates.is_set() {
            let (from, to) = f.dates.dates();
            wheres.push(format!("q.published_date BETWEEN ?{} AND ?{}", args.len() + 1, args.len() + 2));
            args.push(Value::Text(from));
            args.push(Value::Text(to));
        }
        let sql = match &about {
            Some(q) if f.speaker.is_none() && f.speaker_entity.is_none() => {
                // driven by the full-text index, newest first
                let (lo, hi) = f.dates.rowids();
                wheres.push(format!("quotes_fts MATCH ?{}", args.len() + 1));
                args.push(Value::Text(q.fts.clone()));
                wheres.push(format!("f.rowid BETWEEN ?{} AND ?{}", args.len() + 1, args.len() + 2));
                args.push(Value::Integer(lo));
                args.push(Value::Integer(hi));
                format!("SELECT q.id FROM quotes_fts f JOIN quotes q ON q.id = (f.rowid & 4294967295) WHERE {} ORDER BY f.rowid DESC", wheres.join(" AND "))
            }
            Some(q) => {
                wheres.push(format!("q.id IN (SELECT rowid & 4294967295 FROM quotes_fts WHERE quotes_fts MATCH ?{})", args.len() + 1));
                args.push(Value::Text(q.fts.clone()));
                format!("SELECT q.id FROM quotes q WHERE {} ORDER BY q.published_date DESC, q.id DESC", wheres.join(" AND "))
            }
            None => {
                let w = if wheres.is_empty() { String::new() } else { format!(" WHERE {}", wheres.join(" AND ")) };
                format!("SELECT q.id FROM quotes q{w} ORDER BY q.published_date DESC, q.id DESC")
            }
        };
        let sql = format!("{sql} LIMIT {} OFFSET {}", page.limit, page.offset);
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.error(e))?;
        let ids: Vec<i64> = st.query_map(params_from_iter(args), |r| r.get(0)).map_err(|e| self.error(e))?.collect::<rusqlite::Result<_>>().map_err(|e| self.error(e))?;
        let mut get = self
            .conn
            .prepare_cached(
                "SELECT q.id, q.article_id, a.record_id, a.title, a.url, a.published, q.kind, q.content, coalesce(e.name, q.speaker_name), q.speaker_text,
                 q.speaker_entity_id, q.cue_text, q.confidence, q.start, q.end
                 FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.id = ?1",
            )
            .map_err(|e| self.error(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(
                get.query_row([id], |r| {
                    Ok(QuoteRow {
                        quote: r.get(0)?,
                        article: r.get(1)?,
                        id: r.get(2)?,
                        title: r.get(3)?,
                        url: r.get(4)?,
                        published: r.get(5)?,
                        kind: r.get(6)?,
                        content: r.get(7)?,
                        speaker: r.get(8)?,
                        speaker_text: r.get(9)?,
                        speaker_entity: r.get(10)?,
                        cue: r.get(11)?,
                        // stored from an f32: 0.47, not 0.4699999988
                        confidence: (r.get::<_, f64>(12)? * 1e4).round() / 1e4,
                        start: r.get(13)?,
                        end: r.get(14)?,
                    })
                })
                .map_err(|e| self.error(e))?,
            );
        }
        Ok(out)
    }

    /// Store-wide entities, most mentioned first.
    pub fn entities(&self, kind: Option<EntityType>, name: Option<&str>, page: Page) -> Result<Vec<EntityRow>> {
        let mut wheres = vec!["mentions > 0".to_string()];
        let mut args: Vec<Value> = Vec::new();
        if let Some(k) = kind {
            wheres.push(format!("type = ?{}", args.len() + 1));
            args.push(Value::Text(k.as_str().into()));
        }
        if let Some(n) = name {
            let q = parse_query("q", n)?;
            let fts: Vec<String> = q.terms.iter().map(|t| format!("\"{}\"*", t.word)).collect();
            wheres.push(format!("id IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?{})", args.len() + 1));
            args.push(Value::Text(fts.join(" ")));
        }
        let sql = format!("SELECT id FROM entities WHERE {} ORDER BY mentions DESC, id LIMIT {} OFFSET {}", wheres.join(" AND "), page.limit, page.offset);
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.error(e))?;
        let ids: Vec<i64> = st.query_map(params_from_iter(args), |r| r.get(0)).map_err(|e| self.error(e))?.collect::<rusqlite::Result<_>>().map_err(|e| self.error(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.entity(id)?);
        }
        Ok(out)
    }

    /// One store-wide entity, with its five most given titles.
    pub fn entity(&self, id: i64) -> Result<Option<EntityRow>> {
        self.entity_with_titles(id, 5)
    }

    /// One store-wide entity, with up to `titles` titles.
    pub(crate) fn entity_with_titles(&self, id: i64, titles: usize) -> Result<Option<EntityRow>> {
        let row = self
            .conn
            .prepare_cached("SELECT id, name, type, actor, mentions, articles, quotes, first_seen, last_seen FROM entities WHERE id = ?1")
            .map_err(|e| self.error(e))?
            .query_row([id], |r| {
                Ok(EntityRow {
                    entity: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    actor: r.get(3)?,
                    mentions: r.get(4)?,
                    articles: r.get(5)?,
                    quotes: r.get(6)?,
                    first_seen: r.get(7)?,
                    last_seen: r.get(8)?,
                    titles: Vec::new(),
                })
            })
            .optional()
            .map_err(|e| self.error(e))?;
        let Some(mut row) = row else { return Ok(None) };
        let mut st = self
            .conn
            .prepare_cached("SELECT title, articles, first_seen, last_seen FROM entity_titles WHERE entity_id = ?1 AND articles > 0 ORDER BY articles DESC, last_seen DESC LIMIT ?2")
            .map_err(|e| self.error(e))?;
        row.titles = st
            .query_map([id, titles as i64], |r| Ok(TitleSeen { title: r.get(0)?, articles: r.get(1)?, first_seen: r.get(2)?, last_seen: r.get(3)? }))
            .map_err(|e| self.error(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.error(e))?;
        Ok(Some(row))
    }

    /// The entity a name designates: the one whose name it is, else the
    /// most mentioned whose name has its words.
    pub fn entity_named(&self, name: &str) -> Result<Option<EntityRow>> {
        match self.entities_named("name", name, &[], 1)?.first() {
            Some(&id) => self.entity(id),
            None => Ok(None),
        }
    }

    /// Mentions of an entity and quotes by it, per period, newest first.
    pub fn timeline(&self, entity: i64, by: Period, page: Page) -> Result<Vec<TimelinePoint>> {
        let mut points: std::collections::BTreeMap<String, (i64, i64)> = std::collections::BTreeMap::new();
        for (sql, quotes) in [
            ("SELECT published_date, SUM(mentions) FROM article_entities WHERE entity_id = ?1 AND published_date IS NOT NULL GROUP BY published_date", false),
            ("SELECT published_date, COUNT(*) FROM quotes WHERE speaker_entity_id = ?1 AND published_date IS NOT NULL GROUP BY published_date", true),
        ] {
            let mut st = self.conn.prepare_cached(sql).map_err(|e| self.error(e))?;
            let rows = st.query_map([entity], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(|e| self.error(e))?;
            for row in rows {
                let (date, n) = row.map_err(|e| self.error(e))?;
                let Ok(d) = date.parse::<Date>() else { continue };
                let p = points.entry(by.of(d)).or_default();
                if quotes {
                    p.1 += n;
                } else {
                    p.0 += n;
                }
            }
        }
        Ok(points.into_iter().rev().skip(page.offset).take(page.limit).map(|(period, (mentions, quotes))| TimelinePoint { period, mentions, quotes }).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_words_phrases_or_and_prefixes_never_syntax() {
        assert_eq!(parse_query("q", "Putin NATO").unwrap().fts, r#""putin" AND "nato""#);
        assert_eq!(parse_query("q", r#""air force" Kyiv"#).unwrap().fts, r#""air force" AND "kyiv""#);
        assert_eq!(parse_query("q", "Zelensk* OR Putin nato").unwrap().fts, r#"("zelensk"* OR "putin") AND "nato""#);
        assert_eq!(parse_query("q", "NEAR(a b) -c d:e ^f").unwrap().fts, r#""near" AND "a" AND "b" AND "c" AND "d" AND "e" AND "f""#);
        assert_eq!(parse_query("q", "Antonio Guterres").unwrap().fts, parse_query("q", "António GUTERRES").unwrap().fts);
        let e = parse_query("about", "\"unclosed").unwrap_err().to_string();
        assert_eq!(e, "about: the query has an unclosed quotation mark (\")");
        assert_eq!(parse_query("query", "  -*: ").unwrap_err().to_string(), "query: the query has no word to search for");
        assert_eq!(parse_query("query", "OR").unwrap().fts, r#""or""#);
    }

    #[test]
    fn a_snippet_highlights_the_matched_words() {
        let text = "Officials met in Geneva.\nThe Ukrainian president said talks with NATO would resume, and Zelenskyy added more.";
        let terms = parse_query("q", "nato zelensk*").unwrap().terms;
        let (s, start, hl) = snippet(text, &terms, 6);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        let words: Vec<String> = hl.iter().map(|&(a, b)| s.chars().skip(a).take(b - a).collect()).collect();
        assert_eq!(words, ["NATO"]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[start..start + 4].iter().collect::<String>(), s.chars().skip(1).take(4).collect::<String>());
    }

    #[test]
    fn dates_and_pages_are_checked() {
        assert!(DateRange::parse(Some("2025-02-30"), None).unwrap_err().to_string().starts_with("from: \"2025-02-30\" is not a date"));
        assert!(DateRange::parse(Some("2025-03"), Some("2025-02")).is_err());
        let r = DateRange::parse(Some("2025-02"), Some("2025-02")).unwrap();
        assert_eq!(r.dates(), ("2025-02-01".to_string(), "2025-02-28".to_string()));
        assert!(Page::new(0, 0).is_err() && Page::new(1001, 0).is_err() && Page::new(5, 10).is_ok());
        assert_eq!("fortnight".parse::<Period>().unwrap_err().to_string(), "by: \"fortnight\" is not day, week or month");
        assert_eq!(Period::Week.of(jiff::civil::date(2025, 2, 23)), "2025-W08");
    }
}
