//! What a page about one article or one entity shows beyond the queries:
//! the store-wide entity behind each of an article's entities, and an
//! entity's company (who is named with it, whom it speaks about, who is
//! quoted beside it).

use crate::query::EntityRow;
use crate::{Result, Store};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// How many of an entity's latest articles or quotes its company is
/// counted over: a page about a much-mentioned name stays fast.
const RECENT: i64 = 500;

/// Another entity and how often it goes with this one.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Related {
    pub entity: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub count: i64,
}

/// An entity with its titles over time and its company.
#[derive(Clone, Debug, Serialize)]
pub struct EntityDetail {
    #[serde(flatten)]
    pub entity: EntityRow,
    /// Entities named in the same articles (its latest 500), most often first.
    pub mentioned_with: Vec<Related>,
    /// Entities its quotes mention (its latest 500 quotes).
    pub speaks_about: Vec<Related>,
    /// Speakers quoted in the articles that quote it (their latest 500).
    pub quoted_with: Vec<Related>,
}

impl Store {
    /// One entity with up to 20 titles and ten of each kind of company;
    /// `None` when no entity has the id.
    pub fn entity_detail(&self, id: i64) -> Result<Option<EntityDetail>> {
        let Some(entity) = self.entity_with_titles(id, 20)? else { return Ok(None) };
        let mentioned_with = self.related(
            "WITH recent AS (SELECT article_id FROM article_entities WHERE entity_id = ?1 ORDER BY published_date DESC LIMIT ?2)
             SELECT ae.entity_id AS entity, count(DISTINCT ae.article_id) AS n FROM article_entities ae JOIN recent r ON ae.article_id = r.article_id
             WHERE ae.entity_id IS NOT NULL AND ae.entity_id != ?1 GROUP BY ae.entity_id",
            id,
        )?;
        let speaks_about = self.related(
            "WITH recent AS (SELECT id FROM quotes WHERE speaker_entity_id = ?1 ORDER BY published_date DESC LIMIT ?2)
             SELECT qe.entity_id AS entity, count(*) AS n FROM quote_entities qe JOIN recent r ON qe.quote_id = r.id
             WHERE qe.entity_id != ?1 GROUP BY qe.entity_id",
            id,
        )?;
        let quoted_with = self.related(
            "WITH recent AS (SELECT DISTINCT article_id FROM quotes WHERE speaker_entity_id = ?1 ORDER BY published_date DESC LIMIT ?2)
             SELECT q.speaker_entity_id AS entity, count(DISTINCT q.article_id) AS n FROM quotes q JOIN recent r ON q.article_id = r.article_id
             WHERE q.speaker_entity_id IS NOT NULL AND q.speaker_entity_id != ?1 GROUP BY q.speaker_entity_id",
            id,
        )?;
        Ok(Some(EntityDetail { entity, mentioned_with, speaks_about, quoted_with }))
    }

    /// The ten most frequent of a counting query's `(entity, n)` rows,
    /// with their names.
    fn related(&self, counts: &str, id: i64) -> Result<Vec<Related>> {
        let sql = format!("SELECT e.id, e.name, e.type, c.n FROM ({counts}) c JOIN entities e ON e.id = c.entity ORDER BY c.n DESC, e.mentions DESC, e.id LIMIT 10");
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.error(e))?;
        let rows = st
            .query_map(rusqlite::params![id, RECENT], |r| Ok(Related { entity: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, count: r.get(3)? }))
            .map_err(|e| self.error(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.error(e))?;
        Ok(rows)
    }

    /// The article a record id names (the newest, should two sources have
    /// given the same id).
    pub fn article_by_record_id(&self, record_id: &str) -> Result<Option<i64>> {
        self.conn
            .prepare_cached("SELECT id FROM articles WHERE record_id = ?1 ORDER BY published_date DESC, id DESC LIMIT 1")
            .map_err(|e| self.error(e))?
            .query_row([record_id], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
    }

    /// The store-wide entity of each of an article's entities, by the
    /// record's id (`e3`); an entity not linked is absent.
    pub fn article_entity_links(&self, article: i64) -> Result<Vec<(String, i64)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT local_id, entity_id FROM article_entities WHERE article_id = ?1 AND entity_id IS NOT NULL ORDER BY id")
            .map_err(|e| self.error(e))?;
        let rows = st.query_map([article], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.error(e))?.collect::<rusqlite::Result<_>>().map_err(|e| self.error(e))?;
        Ok(rows)
    }
}
