//! Writing records: a batch in one transaction; an article seen before is
//! stored once, and its rows replaced when newer rules extracted it.

use crate::keys::{content_hash, fts_rowid, published_date};
use crate::{link, Result, Store};
use newsgraph_minhash::{Signature, DEFAULT_THRESHOLD};
use newsgraph_record::Record;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::{BTreeSet, HashMap};

/// A record to store.
pub struct Put<'a> {
    pub record: &'a Record,
    /// The pipeline input's JSON without its text, to extract it again.
    pub input: &'a str,
    /// The rules that made the record (`newsgraph::RULES_VERSION`).
    pub rules_version: &'a str,
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

/// Candidates for a near-duplicate, at most, per band: bounded work per
/// article whatever the store's size.
const CANDIDATES_PER_BAND: i64 = 32;

impl Store {
    /// Stores records in one transaction: all of them, or, if the process
    /// dies, none.
    pub fn write_batch(&mut self, puts: &[Put]) -> Result<WriteSummary> {
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let mut summary = WriteSummary::default();
        for p in puts {
            summary.items.push(put(&tx, p).map_err(err)?);
        }
        tx.commit().map_err(err)?;
        Ok(summary)
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
        self.conn
            .query_row("SELECT input, text FROM articles WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| self.error(e))
    }

    /// The rules version an article was extracted by.
    pub fn rules_version(&self, id: i64) -> Result<Option<String>> {
        self.conn.query_row("SELECT rules_version FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional().map_err(|e| self.error(e))
    }

    /// The full record of an article, as `extract` printed it (with the
    /// store's `duplicate_of`).
    pub fn record(&self, id: i64) -> Result<Option<Record>> {
        let row: Option<(String, String)> =
            self.conn.query_row("SELECT record, text FROM articles WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(|e| self.error(e))?;
        let Some((json, text)) = row else { return Ok(None) };
        let mut rec: Record = serde_json::from_str(&json).map_err(|e| crate::StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        rec.text = text;
        Ok(Some(rec))
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

fn put(tx: &Transaction, p: &Put) -> rusqlite::Result<(Outcome, i64, Option<String>)> {
    let hash = content_hash(&p.record.text);
    let key = dedup_key(p.record, &hash);
    let existing: Option<(i64, String, String)> =
        tx.prepare_cached("SELECT id, rules_version, content_hash FROM articles WHERE dedup_key = ?1")?.query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    match existing {
        Some((id, rules, h)) if rules == p.rules_version && h == hash => {
            let dup: Option<String> = tx
                .prepare_cached("SELECT d.record_id FROM articles a JOIN articles d ON d.id = a.duplicate_of WHERE a.id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            Ok((Outcome::Unchanged, id, dup))
        }
        Some((id, ..)) => {
            remove_rows(tx, id)?;
            let dup = write_rows(tx, Some(id), p, &key, &hash)?;
            Ok((Outcome::Replaced, id, dup))
        }
        None => {
            let (id, dup) = insert(tx, p, &key, &hash)?;
            Ok((Outcome::Added, id, dup))
        }
    }
}

fn insert(tx: &Transaction, p: &Put, key: &str, hash: &str) -> rusqlite::Result<(i64, Option<String>)> {
    // the row first, for its id; write_rows fills it
    tx.prepare_cached("INSERT INTO articles (record_id, source, text, content_hash, dedup_key, rules_version, record, input, indexed_at) VALUES ('', '', '', '', ?1, '', '', '', '')")?
        .execute([key])?;
    let id = tx.last_insert_rowid();
    let dup = write_rows(tx, Some(id), p, key, hash)?;
    Ok((id, dup))
}

/// The earliest stored article the text nearly duplicates: its id and
/// record id.
fn near_duplicate(tx: &Transaction, id: i64, sig: &Signature) -> rusqlite::Result<Option<(i64, String)>> {
    let mut candidates = BTreeSet::new();
    let mut st = tx.prepare_cached("SELECT article_id FROM article_bands WHERE band_key = ?1 AND article_id <> ?2 ORDER BY article_id LIMIT ?3")?;
    for k in sig.band_keys() {
        for c in st.query_map(params![k as i64, id, CANDIDATES_PER_BAND], |r| r.get::<_, i64>(0))? {
            candidates.insert(c?);
        }
    }
    let mut get = tx.prepare_cached("SELECT signature, record_id FROM articles WHERE id = ?1")?;
    for c in candidates {
        let (blob, rid): (Option<Vec<u8>>, String) = get.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if blob.and_then(|b| Signature::from_bytes(&b)).is_some_and(|s| s.similarity(sig) >= DEFAULT_THRESHOLD) {
            return Ok(Some((c, rid)));
        }
    }
    Ok(None)
}

/// Writes an article's row and all its rows; returns the record id of the
/// article it nearly duplicates.
fn write_rows(tx: &Transaction, id: Option<i64>, p: &Put, key: &str, hash: &str) -> rusqlite::Result<Option<String>> {
    let id = id.expect("an article row exists");
    let rec = p.record;
    let date = published_date(rec.published.as_deref());
    let sig = Signature::of(&rec.text);
    let dup = match &sig {
        Some(s) => near_duplicate(tx, id, s)?,
        None => None,
    };
    let stored = Record { text: String::new(), duplicate_of: dup.as_ref().map(|d| d.1.clone()), ..rec.clone() };
    let json = serde_json::to_string(&stored).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.prepare_cached(
        "UPDATE articles SET record_id = ?2, source = ?3, url = ?4, canonical_url = ?5, title = ?6, published = ?7, published_date = ?8,
         published_from = ?9, language = ?10, author = ?11, site_name = ?12, text = ?13, content_hash = ?14, dedup_key = ?15,
         rules_version = ?16, duplicate_of = ?17, signature = ?18, record = ?19, input = ?20, indexed_at = datetime('now') WHERE id = ?1",
    )?
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
        hash,
        key,
        p.rules_version,
        dup.as_ref().map(|d| d.0),
        sig.as_ref().map(Signature::to_bytes),
        json,
        p.input,
    ])?;
    if let Some(s) = &sig {
        let mut st = tx.prepare_cached("INSERT INTO article_bands (band_key, article_id) VALUES (?1, ?2)")?;
        for k in s.band_keys() {
            st.execute(params![k as i64, id])?;
        }
    }
    tx.prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?.execute(params![fts_rowid(date.as_deref(), id), rec.title, rec.text])?;
    let entities = write_entities(tx, id, rec, date.as_deref())?;
    write_quotes(tx, id, rec, date.as_deref(), &entities)?;
    let mut st = tx.prepare_cached("INSERT INTO times (article_id, text, start, end, type, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for t in &rec.times {
        st.execute(params![id, t.text, t.start as i64, t.end as i64, t.kind.as_str(), t.value])?;
    }
    let mut st = tx.prepare_cached("INSERT INTO amounts (article_id, text, start, end, value, upper, type, unit, object, qualifier) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    for a in &rec.amounts {
        st.execute(params![id, a.text, a.start as i64, a.end as i64, a.value, a.upper, a.kind.as_str(), a.unit, a.object, a.qualifier.map(|q| q.as_str())])?;
    }
    Ok(dup.map(|d| d.1))
}

/// The record's entities linked and written; for each local id ("e3"),
/// the store-wide entity.
fn write_entities(tx: &Transaction, id: i64, rec: &Record, date: Option<&str>) -> rusqlite::Result<HashMap<String, i64>> {
    let mut out = HashMap::new();
    for e in &rec.entities {
        let entity = link::entity(tx, e.kind, &e.name, e.actor.as_deref())?;
        tx.prepare_cached("INSERT INTO article_entities (article_id, local_id, entity_id, published_date, name, type, title, actor, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
            .execute(params![id, e.id, entity, date, e.name, e.kind.as_str(), e.title, e.actor, e.mentions.len() as i64])?;
        let ae = tx.last_insert_rowid();
        let mut st = tx.prepare_cached("INSERT INTO mentions (article_entity_id, article_id, entity_id, start, end, text, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for m in &e.mentions {
            st.execute(params![ae, id, entity, m.start as i64, m.end as i64, m.text, m.kind.as_str()])?;
        }
        // one article counts once, whatever its number of entities linked here
        let first_of_entity = !out.values().any(|x| *x == entity);
        tx.prepare_cached(
            "UPDATE entities SET mentions = mentions + ?2, articles = articles + ?3,
             first_seen = CASE WHEN ?4 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?4 < first_seen THEN ?4 ELSE first_seen END,
             last_seen = CASE WHEN ?4 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?4 > last_seen THEN ?4 ELSE last_seen END WHERE id = ?1",
        )?
        .execute(params![entity, e.mentions.len() as i64, first_of_entity as i64, date])?;
        if let Some(t) = &e.title {
            tx.prepare_cached(
                "INSERT INTO entity_titles (entity_id, title, articles, first_seen, last_seen) VALUES (?1, ?2, 1, ?3, ?3)
                 ON CONFLICT (entity_id, title) DO UPDATE SET articles = articles + 1,
                 first_seen = CASE WHEN ?3 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?3 < first_seen THEN ?3 ELSE first_seen END,
                 last_seen = CASE WHEN ?3 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?3 > last_seen THEN ?3 ELSE last_seen END",
            )?
            .execute(params![entity, t, date])?;
        }
        out.insert(e.id.clone(), entity);
    }
    Ok(out)
}

fn write_quotes(tx: &Transaction, id: i64, rec: &Record, date: Option<&str>, entities: &HashMap<String, i64>) -> rusqlite::Result<()> {
    for q in &rec.quotes {
        let sp = q.speaker.as_ref();
        let speaker_entity = sp.and_then(|s| s.entity.as_ref()).and_then(|l| entities.get(l)).copied();
        tx.prepare_cached(
            "INSERT INTO quotes (article_id, published_date, kind, content, start, end, speaker_text, speaker_start, speaker_end, speaker_local, speaker_name,
             speaker_entity_id, cue_text, cue_start, cue_end, addressee_text, addressee_start, addressee_end, confidence, pattern, flag)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?
        .execute(params![
            id,
            date,
            q.kind.as_str(),
            q.content,
            q.start as i64,
            q.end as i64,
            sp.map(|s| &s.text),
            sp.map(|s| s.start as i64),
            sp.map(|s| s.end as i64),
            sp.and_then(|s| s.entity.as_ref()),
            sp.and_then(|s| s.name.as_ref()),
            speaker_entity,
            q.cue.as_ref().map(|c| &c.text),
            q.cue.as_ref().map(|c| c.start as i64),
            q.cue.as_ref().map(|c| c.end as i64),
            q.addressee.as_ref().map(|c| &c.text),
            q.addressee.as_ref().map(|c| c.start as i64),
            q.addressee.as_ref().map(|c| c.end as i64),
            q.confidence as f64,
            q.pattern.as_str(),
            q.flag,
        ])?;
        let qid = tx.last_insert_rowid();
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
        let mut st = tx.prepare_cached("INSERT OR IGNORE INTO quote_entities (quote_id, entity_id) VALUES (?1, ?2)")?;
        for (e, _) in &about {
            st.execute(params![qid, e])?;
        }
        let names: Vec<&str> = about.iter().map(|a| a.1).collect();
        tx.prepare_cached("INSERT INTO quotes_fts (rowid, content, entities) VALUES (?1, ?2, ?3)")?.execute(params![fts_rowid(date, qid), q.content, names.join(" | ")])?;
        if let Some(e) = speaker_entity {
            tx.prepare_cached("UPDATE entities SET quotes = quotes + 1 WHERE id = ?1")?.execute([e])?;
        }
    }
    Ok(())
}

/// Removes an article's rows (not its own row), and what they added to the
/// store-wide entities.
fn remove_rows(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    let date: Option<String> = tx.prepare_cached("SELECT published_date FROM articles WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?.execute([fts_rowid(date.as_deref(), id)])?;
    // quotes: their full-text rows, and the speakers' counts
    let quotes: Vec<(i64, Option<i64>)> = tx
        .prepare_cached("SELECT id, speaker_entity_id FROM quotes WHERE article_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (qid, speaker) in &quotes {
        tx.prepare_cached("DELETE FROM quotes_fts WHERE rowid = ?1")?.execute([fts_rowid(date.as_deref(), *qid)])?;
        tx.prepare_cached("DELETE FROM quote_entities WHERE quote_id = ?1")?.execute([qid])?;
        if let Some(e) = speaker {
            tx.prepare_cached("UPDATE entities SET quotes = quotes - 1 WHERE id = ?1")?.execute([e])?;
        }
    }
    // entities: mentions, articles, titles
    let ents: Vec<(Option<i64>, i64, Option<String>)> = tx
        .prepare_cached("SELECT entity_id, mentions, title FROM article_entities WHERE article_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    for (e, mentions, title) in &ents {
        let Some(e) = *e else { continue };
        let first = touched.insert(e);
        tx.prepare_cached("UPDATE entities SET mentions = mentions - ?2, articles = articles - ?3 WHERE id = ?1")?.execute(params![e, mentions, first as i64])?;
        if let Some(t) = title {
            tx.prepare_cached("UPDATE entity_titles SET articles = articles - 1 WHERE entity_id = ?1 AND title = ?2")?.execute(params![e, t])?;
        }
    }
    for table in ["quotes", "mentions", "article_entities", "times", "amounts", "article_bands"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?.execute([id])?;
    }
    tx.prepare_cached("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?1")?.execute([id])?;
    // what the entities' remaining articles say of them
    for e in touched {
        let (articles,): (i64,) = tx.prepare_cached("SELECT articles FROM entities WHERE id = ?1")?.query_row([e], |r| Ok((r.get(0)?,)))?;
        if articles <= 0 {
            tx.prepare_cached("DELETE FROM entity_titles WHERE entity_id = ?1")?.execute([e])?;
            tx.prepare_cached("DELETE FROM entities_fts WHERE rowid = ?1")?.execute([e])?;
            tx.prepare_cached("DELETE FROM entities WHERE id = ?1")?.execute([e])?;
            continue;
        }
        tx.prepare_cached(
            "UPDATE entities SET first_seen = (SELECT MIN(published_date) FROM article_entities WHERE entity_id = ?1),
             last_seen = (SELECT MAX(published_date) FROM article_entities WHERE entity_id = ?1) WHERE id = ?1",
        )?
        .execute([e])?;
        tx.prepare_cached("DELETE FROM entity_titles WHERE entity_id = ?1 AND articles <= 0")?.execute([e])?;
    }
    Ok(())
}
