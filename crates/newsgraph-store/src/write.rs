//! Writing records: a batch in one transaction; an article seen before is
//! stored once, and its rows replaced when newer rules extracted it.

use crate::bands::{Bands, FLUSH_ROWS};
use crate::keys::{content_hash, fts_rowid, published_date};
use crate::{link, Result, Store};
use newsgraph_minhash::{Signature, DEFAULT_THRESHOLD};
use newsgraph_record::{EventActorRec, Record};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};

/// A record made ready for the store, by work that needs no store: its
/// content hash, its MinHash signature, its headings' JSON. Made
/// on the threads that extracted it, so that the one writer only writes.
pub struct Prepared {
    pub record: Record,
    hash: String,
    signature: Option<Signature>,
    headings: String,
    /// The pipeline input's JSON, without its text.
    input: String,
}

impl Prepared {
    /// `input`: the pipeline input's JSON without its text (to extract the
    /// article again with newer rules).
    pub fn new(record: Record, input: &str) -> Prepared {
        let hash = content_hash(&record.text);
        let signature = Signature::of(&record.text);
        let headings = serde_json::to_string(&record.headings).expect("headings are JSON");
        Prepared { record, hash, signature, headings, input: input.to_string() }
    }
}

/// A record to store.
pub struct Put<'a> {
    pub prepared: &'a Prepared,
    /// The rules that made the record (`newsgraph::RULES_VERSION`).
    pub rules_version: &'a str,
    /// Replace the article's rows even when the same rules made them.
    pub replace: bool,
}

/// What storing a record did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A new article.
    Added,
    /// An article seen before, extracted by other rules (or changed): its
    /// rows replaced.
    Replaced,
    /// An article seen before, by the same rules: nothing written.
    Unchanged,
}

/// What a batch did, article by article.
#[derive(Clone, Debug, Default)]
pub struct WriteSummary {
    /// For each record: the outcome, the article's id in the store, and the
    /// record id of an earlier article it nearly duplicates.
    pub items: Vec<(Outcome, i64, Option<String>)>,
}

impl WriteSummary {
    pub fn count(&self, o: Outcome) -> usize {
        self.items.iter().filter(|i| i.0 == o).count()
    }
    pub fn duplicates(&self) -> usize {
        self.items.iter().filter(|i| i.0 != Outcome::Unchanged && i.2.is_some()).count()
    }
}

/// The full-text rows a batch writes, written at its end in one statement
/// per table: FTS5 flushes its in-memory index at every statement that
/// writes it, so that a row at a time costs a flush a row.
#[derive(Default)]
pub(crate) struct FtsBatch {
    /// Per table (articles, quotes, entities): rows to insert, rows to delete.
    tables: [(FtsRows, BTreeSet<i64>); 3],
}

/// Full-text rows by row id: their columns' texts.
type FtsRows = std::collections::BTreeMap<i64, Vec<Option<String>>>;

#[derive(Clone, Copy)]
pub(crate) enum FtsTable {
    Articles = 0,
    Quotes = 1,
    Entities = 2,
}

impl FtsTable {
    fn sql(self) -> (&'static str, &'static str) {
        match self {
            FtsTable::Articles => (
                "DELETE FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
                "INSERT INTO articles_fts (rowid, title, text) SELECT value->>0, value->>1, value->>2 FROM json_each(?1)",
            ),
            FtsTable::Quotes => (
                "DELETE FROM quotes_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
                "INSERT INTO quotes_fts (rowid, content, entities) SELECT value->>0, value->>1, value->>2 FROM json_each(?1)",
            ),
            FtsTable::Entities => (
                "DELETE FROM entities_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
                "INSERT INTO entities_fts (rowid, name) SELECT value->>0, value->>1 FROM json_each(?1)",
            ),
        }
    }
}

impl FtsBatch {
    pub(crate) fn insert(&mut self, t: FtsTable, rowid: i64, cols: Vec<Option<String>>) {
        self.tables[t as usize].0.insert(rowid, cols);
    }

    pub(crate) fn delete(&mut self, t: FtsTable, rowid: i64) {
        let (inserts, deletes) = &mut self.tables[t as usize];
        // a row this batch inserted is simply not inserted; one on disk goes
        if inserts.remove(&rowid).is_none() {
            deletes.insert(rowid);
        }
    }

    fn flush(self, tx: &Transaction) -> rusqlite::Result<()> {
        for (i, (inserts, deletes)) in self.tables.into_iter().enumerate() {
            let t = [FtsTable::Articles, FtsTable::Quotes, FtsTable::Entities][i];
            let (del, ins) = t.sql();
            if !deletes.is_empty() {
                let ids = serde_json::to_string(&deletes).expect("ids are JSON");
                tx.prepare_cached(del)?.execute([ids])?;
            }
            if !inserts.is_empty() {
                let rows: Vec<serde_json::Value> = inserts.into_iter().map(|(id, cols)| serde_json::json!([id].into_iter().map(serde_json::Value::from).chain(cols.into_iter().map(serde_json::Value::from)).collect::<Vec<_>>())).collect();
                tx.prepare_cached(ins)?.execute([serde_json::Value::Array(rows).to_string()])?;
            }
        }
        Ok(())
    }
}

/// Candidates for a near-duplicate, at most: bounded work per article
/// whatever the store's size.
const MAX_CANDIDATES: i64 = 256;

impl Store {
    /// Stores records in one transaction: all of them, or, if the process
    /// dies, none.
    pub fn write_batch(&mut self, puts: &[Put]) -> Result<WriteSummary> {
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let Store { conn, bands, .. } = self;
        if bands.is_none() {
            *bands = Some(Bands::load(conn).map_err(err)?);
        }
        let written = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut b = Batch::new(&tx, bands.as_mut().expect("loaded"))?;
            let mut summary = WriteSummary::default();
            for p in puts {
                summary.items.push(b.put(p)?);
            }
            b.finish()?;
            tx.commit()?;
            Ok(summary)
        })();
        match written {
            Ok(summary) => {
                if bands.as_ref().is_some_and(|b| b.len() >= FLUSH_ROWS) {
                    self.flush_bands()?;
                }
                Ok(summary)
            }
            Err(e) => {
                // what the batch put in memory was not committed: read it again
                *bands = None;
                Err(err(e))
            }
        }
    }

    /// Writes the near-duplicate rows kept in memory (see `bands.rs`): at
    /// the end of an index run, or when they are many.
    pub fn flush_bands(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let Store { conn, bands, .. } = self;
        let Some(b) = bands.as_mut().filter(|b| b.len() > 0) else { return Ok(()) };
        let done = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let through: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| r.get(0))?;
            b.flush(&tx, through)?;
            tx.commit()
        })();
        if let Err(e) = done {
            *bands = None;
            return Err(err(e));
        }
        Ok(())
    }

    /// Every stored article's id, in id order.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut st = self.conn.prepare("SELECT id FROM articles ORDER BY id").map_err(|e| self.error(e))?;
        let ids = st.query_map([], |r| r.get(0)).map_err(|e| self.error(e))?.collect::<rusqlite::Result<Vec<i64>>>().map_err(|e| self.error(e))?;
        Ok(ids)
    }

    /// An article's stored input (its JSON, without the text) and text, to
    /// extract it again.
    pub fn stored_input(&self, id: i64) -> Result<Option<(String, String)>> {
        self.conn.query_row("SELECT input, text FROM articles WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(|e| self.error(e))
    }

    /// The rules version an article was extracted by.
    pub fn rules_version(&self, id: i64) -> Result<Option<String>> {
        self.conn.query_row("SELECT rules_version FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional().map_err(|e| self.error(e))
    }

    /// The full record of an article, as `extract` printed it (with the
    /// store's `duplicate_of`), rebuilt from its rows.
    pub fn record(&self, id: i64) -> Result<Option<Record>> {
        crate::read::record(&self.conn, id).map_err(|e| self.error(e))
    }
}

/// The key an article is stored once under: its canonical URL, else the
/// hash of its text.
fn dedup_key(rec: &Record, hash: &str) -> String {
    match rec.canonical_url.as_deref().filter(|u| !u.is_empty()) {
        Some(u) => format!("url:{u}"),
        None => format!("hash:{hash}"),
    }
}

/// What a batch adds to (or takes from) a store-wide entity: written at
/// the batch's end, in one statement.
#[derive(Default)]
struct Delta {
    mentions: i64,
    articles: i64,
    quotes: i64,
    first: Option<String>,
    last: Option<String>,
}

fn earlier(a: Option<String>, b: Option<&str>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b < a.as_str() { b.to_string() } else { a }),
        (a, b) => a.or(b.map(str::to_string)),
    }
}

fn later(a: Option<String>, b: Option<&str>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b > a.as_str() { b.to_string() } else { a }),
        (a, b) => a.or(b.map(str::to_string)),
    }
}

/// Rows for multi-row `INSERT ... VALUES (...), (...)` statements: a
/// statement per table per article, not per row, with its values bound as
/// parameters (at most [`ROWS_PER_STATEMENT`] rows a statement, one
/// prepared statement per row count).
struct Rows {
    head: &'static str,
    columns: usize,
    values: Vec<Value>,
}

const ROWS_PER_STATEMENT: usize = 32;

impl Rows {
    /// `head`: "INSERT INTO table (a, b, c)", with `columns` columns.
    fn new(head: &'static str, columns: usize) -> Rows {
        Rows { head, columns, values: Vec::new() }
    }

    fn push<const N: usize>(&mut self, row: [Value; N]) {
        debug_assert_eq!(N, self.columns);
        self.values.extend(row);
    }

    fn write(self, tx: &Transaction) -> rusqlite::Result<()> {
        let per = self.columns * ROWS_PER_STATEMENT;
        for chunk in self.values.chunks(per) {
            let n = chunk.len() / self.columns;
            let one = format!("({})", vec!["?"; self.columns].join(", "));
            let sql = format!("{} VALUES {}", self.head, vec![one; n].join(", "));
            tx.prepare_cached(&sql)?.execute(params_from_iter(chunk.iter()))?;
        }
        Ok(())
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt_text<S: AsRef<str>>(s: Option<S>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.as_ref().to_string()))
}

fn int(n: impl TryInto<i64>) -> Value {
    Value::Integer(n.try_into().unwrap_or(i64::MAX))
}

fn opt_int(n: Option<impl TryInto<i64>>) -> Value {
    n.map_or(Value::Null, int)
}

/// Rows for one statement that reads them as a JSON array (`json_each`):
/// for the few statements a batch runs once.
struct JsonRows(Vec<serde_json::Value>);

impl JsonRows {
    fn new() -> JsonRows {
        JsonRows(Vec::new())
    }
    fn push(&mut self, row: serde_json::Value) {
        self.0.push(row);
    }
    fn write(self, tx: &Transaction, sql: &str) -> rusqlite::Result<()> {
        if !self.0.is_empty() {
            tx.prepare_cached(sql)?.execute([serde_json::Value::Array(self.0).to_string()])?;
        }
        Ok(())
    }
}

/// One transaction's writes, with what it adds to the store-wide entities
/// and to the full-text index kept until its end.
struct Batch<'t> {
    tx: &'t Transaction<'t>,
    fts: FtsBatch,
    entities: HashMap<i64, Delta>,
    titles: HashMap<(i64, String), Delta>,
    /// Entities that lost an article: their dates are read again, and they
    /// go when no article names them.
    lost: BTreeSet<i64>,
    /// The next ids of the tables whose rows other rows point to.
    next_article: i64,
    next_article_entity: i64,
    next_quote: i64,
    /// The near-duplicate rows not yet in the table (see `bands.rs`).
    bands: &'t mut Bands,
}

impl<'t> Batch<'t> {
    fn new(tx: &'t Transaction<'t>, bands: &'t mut Bands) -> rusqlite::Result<Batch<'t>> {
        let max = |t: &str| tx.query_row(&format!("SELECT coalesce(max(id), 0) FROM {t}"), [], |r| r.get::<_, i64>(0));
        Ok(Batch {
            tx,
            fts: FtsBatch::default(),
            entities: HashMap::new(),
            titles: HashMap::new(),
            lost: BTreeSet::new(),
            next_article: max("articles")? + 1,
            next_article_entity: max("article_entities")? + 1,
            next_quote: max("quotes")? + 1,
            bands,
        })
    }

    fn put(&mut self, p: &Put) -> rusqlite::Result<(Outcome, i64, Option<String>)> {
        let tx = self.tx;
        let hash = p.prepared.hash.as_str();
        let key = dedup_key(&p.prepared.record, hash);
        let existing: Option<(i64, String, String)> =
            tx.prepare_cached("SELECT id, rules_version, content_hash FROM articles WHERE dedup_key = ?1")?.query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
        match existing {
            Some((id, rules, h)) if rules == p.rules_version && h == hash && !p.replace => {
                let dup: Option<String> = tx
                    .prepare_cached("SELECT d.record_id FROM articles a JOIN articles d ON d.id = a.duplicate_of WHERE a.id = ?1")?
                    .query_row([id], |r| r.get(0))
                    .optional()?;
                Ok((Outcome::Unchanged, id, dup))
            }
            Some((id, ..)) => {
                let old = self.remove_rows(id)?;
                let dup = self.write_rows(id, Some(old), p, &key)?;
                Ok((Outcome::Replaced, id, dup))
            }
            None => {
                let id = self.next_article;
                self.next_article += 1;
                let dup = self.write_rows(id, None, p, &key)?;
                Ok((Outcome::Added, id, dup))
            }
        }
    }

    /// The earliest stored article the text nearly duplicates: its id and
    /// record id.
    fn near_duplicate(&self, id: i64, sig: &Signature) -> rusqlite::Result<Option<(i64, String)>> {
        // candidates share at least two bands: a copy (similarity 0.7 and
        // more) does with a probability of 0.998, a text that shares a
        // paragraph with this one rarely does
        let keys = sig.band_keys();
        let marks = vec!["?"; keys.len()].join(", ");
        let sql = format!(
            "SELECT article_id FROM article_bands WHERE band_key IN ({marks}) AND article_id <> ? GROUP BY article_id HAVING count(*) >= 2 ORDER BY article_id LIMIT {MAX_CANDIDATES}"
        );
        let mut args: Vec<Value> = keys.iter().map(|&k| int(k as i64)).collect();
        args.push(int(id));
        let mut candidates: BTreeSet<i64> = self.tx.prepare_cached(&sql)?.query_map(params_from_iter(args.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        candidates.extend(self.bands.shared(&keys, id).into_iter().filter(|e| e.1 >= 2).map(|e| e.0));
        let mut get = self.tx.prepare_cached("SELECT s.signature, a.record_id FROM signatures s JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?1")?;
        for c in candidates {
            let Some((blob, rid)) = get.query_row([c], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))).optional()? else { continue };
            if Signature::from_bytes(&blob).is_some_and(|s| s.similarity(sig) >= DEFAULT_THRESHOLD) {
                return Ok(Some((c, rid)));
            }
        }
        Ok(None)
    }

    /// Writes an article's row and all its rows; returns the record id of
    /// the article it nearly duplicates.
    /// `replaced`: `None` for a new article; for one written again, the
    /// signature it had.
    fn write_rows(&mut self, id: i64, replaced: Option<Option<Signature>>, p: &Put, key: &str) -> rusqlite::Result<Option<String>> {
        let new = replaced.is_none();
        let tx = self.tx;
        let rec = &p.prepared.record;
        let date = published_date(rec.published.as_deref());
        let sig = &p.prepared.signature;
        let dup = match sig {
            Some(s) => self.near_duplicate(id, s)?,
            None => None,
        };
        let sql = if new {
            "INSERT INTO articles (id, record_id, source, url, canonical_url, title, published, published_date, published_from, language, author, site_name,
             text, content_hash, dedup_key, rules_version, duplicate_of, headings, input, indexed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, datetime('now'))"
        } else {
            "UPDATE articles SET record_id = ?2, source = ?3, url = ?4, canonical_url = ?5, title = ?6, published = ?7, published_date = ?8,
             published_from = ?9, language = ?10, author = ?11, site_name = ?12, text = ?13, content_hash = ?14, dedup_key = ?15,
             rules_version = ?16, duplicate_of = ?17, headings = ?18, input = ?19, indexed_at = datetime('now') WHERE id = ?1"
        };
        tx.prepare_cached(sql)?
        .execute(params![
            id,
            rec.id,
            rec.source,
            rec.url,
            rec.canonical_url,
            rec.title,
            rec.published,
            date,
            rec.published_from.map(|f| f.as_str()),
            rec.language,
            rec.author,
            rec.site_name,
            rec.text,
            p.prepared.hash,
            key,
            p.rules_version,
            dup.as_ref().map(|d| d.0),
            p.prepared.headings,
            p.prepared.input,
        ])?;
        if let Some(s) = sig {
            tx.prepare_cached("INSERT OR REPLACE INTO signatures (article_id, signature) VALUES (?1, ?2)")?.execute(params![id, s.to_bytes()])?;
        }
        let old = replaced.flatten();
        if id > self.bands.through {
            if let Some(s) = sig {
                self.bands.add(id, s);
            }
        } else if old.as_ref() != sig.as_ref() {
            // an article whose rows are in the table, with another text
            let mut del = tx.prepare_cached("DELETE FROM article_bands WHERE band_key = ?1 AND article_id = ?2")?;
            for k in old.iter().flat_map(|s| s.band_keys()) {
                del.execute(params![k as i64, id])?;
            }
            let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO article_bands (band_key, article_id) VALUES (?1, ?2)")?;
            for k in sig.iter().flat_map(|s| s.band_keys()) {
                ins.execute(params![k as i64, id])?;
            }
        }
        self.fts.insert(FtsTable::Articles, fts_rowid(date.as_deref(), id), vec![rec.title.clone(), Some(rec.text.clone())]);
        let entities = self.write_entities(id, rec, date.as_deref())?;
        self.write_quotes(id, rec, date.as_deref(), &entities)?;
        let mut times = Rows::new("INSERT INTO times (article_id, seq, text, start, end, type, value)", 7);
        for (i, t) in rec.times.iter().enumerate() {
            times.push([int(id), int(i), text(&t.text), int(t.start), int(t.end), text(t.kind.as_str()), text(&t.value)]);
        }
        times.write(tx)?;
        let mut amounts = Rows::new("INSERT INTO amounts (article_id, seq, text, start, end, value, upper, type, unit, object, qualifier)", 11);
        for (i, a) in rec.amounts.iter().enumerate() {
            amounts.push([
                int(id),
                int(i),
                text(&a.text),
                int(a.start),
                int(a.end),
                Value::Real(a.value),
                a.upper.map_or(Value::Null, Value::Real),
                text(a.kind.as_str()),
                opt_text(a.unit.as_ref()),
                opt_text(a.object.as_ref()),
                opt_text(a.qualifier.map(|q| q.as_str())),
            ]);
        }
        amounts.write(tx)?;
        self.write_events(id, rec, date.as_deref(), &entities)?;
        Ok(dup.map(|d| d.1))
    }

    /// The record's entities linked and written; for each local id ("e3"),
    /// the store-wide entity.
    fn write_entities(&mut self, id: i64, rec: &Record, date: Option<&str>) -> rusqlite::Result<HashMap<String, i64>> {
        let mut out = HashMap::new();
        let mut rows = Rows::new("INSERT INTO article_entities (id, article_id, local_id, entity_id, published_date, name, type, title, actor, mentions)", 10);
        let mut mentions = Rows::new("INSERT INTO mentions (article_id, article_entity_id, seq, entity_id, start, end, text, kind)", 8);
        for e in &rec.entities {
            let entity = link::entity(self.tx, &mut self.fts, e.kind, &e.name, e.actor.as_deref())?;
            let ae = self.next_article_entity;
            self.next_article_entity += 1;
            rows.push([int(ae), int(id), text(&e.id), int(entity), opt_text(date), text(&e.name), text(e.kind.as_str()), opt_text(e.title.as_ref()), opt_text(e.actor.as_ref()), int(e.mentions.len())]);
            for (i, m) in e.mentions.iter().enumerate() {
                mentions.push([int(id), int(ae), int(i), int(entity), int(m.start), int(m.end), text(&m.text), text(m.kind.as_str())]);
            }
            // one article counts once, whatever its number of entities linked here
            let first_of_entity = !out.values().any(|x| *x == entity);
            let d = self.entities.entry(entity).or_default();
            d.mentions += e.mentions.len() as i64;
            d.articles += first_of_entity as i64;
            d.first = earlier(d.first.take(), date);
            d.last = later(d.last.take(), date);
            if let Some(t) = &e.title {
                let d = self.titles.entry((entity, t.clone())).or_default();
                d.articles += 1;
                d.first = earlier(d.first.take(), date);
                d.last = later(d.last.take(), date);
            }
            out.insert(e.id.clone(), entity);
        }
        rows.write(self.tx)?;
        mentions.write(self.tx)?;
        Ok(out)
    }

    fn write_events(&mut self, id: i64, rec: &Record, date: Option<&str>, entities: &HashMap<String, i64>) -> rusqlite::Result<()> {
        let mut rows = Rows::new(
            "INSERT INTO events (article_id, seq, published_date, date, cameo, root, base, quad_class, goldstein, plover, plover_mode, status, claimed_by,
             confidence, action_text, action_start, action_end, sentence_start, sentence_end,
             source_text, source_start, source_end, source_name, source_code, source_local, source_entity_id,
             target_text, target_start, target_end, target_name, target_code, target_local, target_entity_id,
             location_text, location_start, location_end, location_name, location_code, location_local)",
            39,
        );
        let actor = |a: &Option<EventActorRec>| -> [Value; 7] {
            match a {
                Some(a) => [
                    text(&a.text),
                    int(a.start),
                    int(a.end),
                    opt_text(a.name.as_ref()),
                    opt_text(a.code.as_ref()),
                    opt_text(a.entity.as_ref()),
                    opt_int(a.entity.as_ref().and_then(|e| entities.get(e).copied())),
                ],
                None => std::array::from_fn(|_| Value::Null),
            }
        };
        for (i, e) in rec.events.iter().enumerate() {
            let [st, ss, se, sn, sc, sl, sid] = actor(&e.source);
            let [tt, ts, te, tn, tc, tl, tid] = actor(&e.target);
            let [lt, ls, le, ln, lc, ll, _] = actor(&e.location);
            rows.push([
                int(id),
                int(i),
                opt_text(date),
                opt_text(e.date.as_ref()),
                text(&e.cameo),
                text(&e.root),
                text(&e.base),
                int(e.quad_class),
                Value::Real(e.goldstein as f64),
                opt_text(e.plover.as_ref()),
                opt_text(e.plover_mode.as_ref()),
                text(e.status.as_str()),
                opt_text(e.claimed_by.as_ref()),
                Value::Real(e.confidence as f64),
                text(&e.action.text),
                int(e.action.start),
                int(e.action.end),
                int(e.sentence.start),
                int(e.sentence.end),
                st, ss, se, sn, sc, sl, sid,
                tt, ts, te, tn, tc, tl, tid,
                lt, ls, le, ln, lc, ll,
            ]);
        }
        rows.write(self.tx)
    }

    fn write_quotes(&mut self, id: i64, rec: &Record, date: Option<&str>, entities: &HashMap<String, i64>) -> rusqlite::Result<()> {
        let mut rows = Rows::new(
            "INSERT INTO quotes (id, article_id, published_date, kind, content, start, end, speaker_text, speaker_start, speaker_end, speaker_local, speaker_name,
             speaker_entity_id, cue_text, cue_start, cue_end, addressee_text, addressee_start, addressee_end, confidence, pattern, flag)",
            22,
        );
        let mut about_rows = Rows::new("INSERT OR IGNORE INTO quote_entities (quote_id, entity_id)", 2);
        for q in &rec.quotes {
            let qid = self.next_quote;
            self.next_quote += 1;
            let sp = q.speaker.as_ref();
            let speaker_entity = sp.and_then(|s| s.entity.as_ref()).and_then(|l| entities.get(l)).copied();
            rows.push([
                int(qid),
                int(id),
                opt_text(date),
                text(q.kind.as_str()),
                text(&q.content),
                int(q.start),
                int(q.end),
                opt_text(sp.map(|s| &s.text)),
                opt_int(sp.map(|s| s.start)),
                opt_int(sp.map(|s| s.end)),
                opt_text(sp.and_then(|s| s.entity.as_ref())),
                opt_text(sp.and_then(|s| s.name.as_ref())),
                opt_int(speaker_entity),
                opt_text(q.cue.as_ref().map(|c| &c.text)),
                opt_int(q.cue.as_ref().map(|c| c.start)),
                opt_int(q.cue.as_ref().map(|c| c.end)),
                opt_text(q.addressee.as_ref().map(|c| &c.text)),
                opt_int(q.addressee.as_ref().map(|c| c.start)),
                opt_int(q.addressee.as_ref().map(|c| c.end)),
                Value::Real(q.confidence as f64),
                text(q.pattern.as_str()),
                opt_text(q.flag.as_ref()),
            ]);
            // the entities mentioned in the quote: what it is about
            let mut about: Vec<(i64, &str)> = Vec::new();
            for e in &rec.entities {
                if e.mentions.iter().any(|m| m.start >= q.start && m.end <= q.end) {
                    if let Some(&x) = entities.get(&e.id) {
                        if !about.iter().any(|a| a.0 == x) {
                            about.push((x, &e.name));
                        }
                    }
                }
            }
            for (e, _) in &about {
                about_rows.push([int(qid), int(*e)]);
            }
            let names: Vec<&str> = about.iter().map(|a| a.1).collect();
            self.fts.insert(FtsTable::Quotes, fts_rowid(date, qid), vec![Some(q.content.clone()), Some(names.join(" | "))]);
            if let Some(e) = speaker_entity {
                self.entities.entry(e).or_default().quotes += 1;
            }
        }
        rows.write(self.tx)?;
        about_rows.write(self.tx)?;
        Ok(())
    }

    /// Removes an article's rows (not its own row), and what they added to
    /// the store-wide entities; returns its signature.
    fn remove_rows(&mut self, id: i64) -> rusqlite::Result<Option<Signature>> {
        let tx = self.tx;
        let date: Option<String> = tx.prepare_cached("SELECT published_date FROM articles WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
        self.fts.delete(FtsTable::Articles, fts_rowid(date.as_deref(), id));
        let quotes: Vec<(i64, Option<i64>)> = tx
            .prepare_cached("SELECT id, speaker_entity_id FROM quotes WHERE article_id = ?1")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (qid, speaker) in &quotes {
            self.fts.delete(FtsTable::Quotes, fts_rowid(date.as_deref(), *qid));
            if let Some(e) = speaker {
                self.entities.entry(*e).or_default().quotes -= 1;
            }
        }
        let ents: Vec<(Option<i64>, i64, Option<String>)> = tx
            .prepare_cached("SELECT entity_id, mentions, title FROM article_entities WHERE article_id = ?1")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        for (e, mentions, title) in ents {
            let Some(e) = e else { continue };
            let first = touched.insert(e);
            let d = self.entities.entry(e).or_default();
            d.mentions -= mentions;
            d.articles -= first as i64;
            if let Some(t) = title {
                self.titles.entry((e, t)).or_default().articles -= 1;
            }
        }
        self.lost.extend(touched);
        tx.prepare_cached("DELETE FROM quote_entities WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?1)")?.execute([id])?;
        for table in ["quotes", "mentions", "article_entities", "times", "amounts", "events"] {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?.execute([id])?;
        }
        // the signature (its band rows go when the new ones differ)
        let sig: Option<Signature> =
            tx.prepare_cached("SELECT signature FROM signatures WHERE article_id = ?1")?.query_row([id], |r| r.get::<_, Vec<u8>>(0)).optional()?.and_then(|b| Signature::from_bytes(&b));
        tx.prepare_cached("DELETE FROM signatures WHERE article_id = ?1")?.execute([id])?;
        if let (Some(s), true) = (&sig, id > self.bands.through) {
            self.bands.remove(id, s);
        }
        tx.prepare_cached("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?1")?.execute([id])?;
        Ok(sig)
    }

    /// Writes what the batch adds to the store-wide entities and titles,
    /// drops the entities no article names any more, and the full-text
    /// rows.
    fn finish(mut self) -> rusqlite::Result<()> {
        let tx = self.tx;
        let mut rows = JsonRows::new();
        for (e, d) in std::mem::take(&mut self.entities) {
            rows.push(json!([e, d.mentions, d.articles, d.quotes, d.first, d.last]));
        }
        rows.write(
            tx,
            "UPDATE entities SET mentions = mentions + j.m, articles = articles + j.a, quotes = quotes + j.q,
             first_seen = CASE WHEN j.f IS NULL THEN first_seen WHEN first_seen IS NULL OR j.f < first_seen THEN j.f ELSE first_seen END,
             last_seen = CASE WHEN j.l IS NULL THEN last_seen WHEN last_seen IS NULL OR j.l > last_seen THEN j.l ELSE last_seen END
             FROM (SELECT value->>0 AS id, value->>1 AS m, value->>2 AS a, value->>3 AS q, value->>4 AS f, value->>5 AS l FROM json_each(?1)) AS j
             WHERE entities.id = j.id",
        )?;
        let mut rows = JsonRows::new();
        for ((e, t), d) in std::mem::take(&mut self.titles) {
            rows.push(json!([e, t, d.articles, d.first, d.last]));
        }
        rows.write(
            tx,
            "INSERT INTO entity_titles (entity_id, title, articles, first_seen, last_seen)
             SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?1) WHERE true
             ON CONFLICT (entity_id, title) DO UPDATE SET articles = articles + excluded.articles,
             first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen ELSE first_seen END,
             last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END",
        )?;
        if !self.lost.is_empty() {
            let lost = serde_json::to_string(&self.lost).expect("ids are JSON");
            let gone: Vec<i64> = tx
                .prepare_cached("SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?1)) AND articles <= 0")?
                .query_map([&lost], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for e in gone {
                self.fts.delete(FtsTable::Entities, e);
            }
            tx.prepare_cached("DELETE FROM entity_titles WHERE entity_id IN (SELECT value FROM json_each(?1)) AND (articles <= 0 OR entity_id IN (SELECT id FROM entities WHERE articles <= 0))")?
                .execute([&lost])?;
            tx.prepare_cached("DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?1)) AND articles <= 0")?.execute([&lost])?;
            tx.prepare_cached(
                "UPDATE entities SET first_seen = (SELECT MIN(published_date) FROM article_entities WHERE entity_id = entities.id),
                 last_seen = (SELECT MAX(published_date) FROM article_entities WHERE entity_id = entities.id) WHERE id IN (SELECT value FROM json_each(?1))",
            )?
            .execute([&lost])?;
        }
        std::mem::take(&mut self.fts).flush(tx)
    }
}
