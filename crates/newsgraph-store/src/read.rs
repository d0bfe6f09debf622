//! A record rebuilt from the store's rows: the same record, field for
//! field, that `extract` printed for the article (a test compares them
//! byte for byte).

use newsgraph_record::*;
use rusqlite::{Connection, OptionalExtension, Row};

fn kind<T: std::str::FromStr>(s: String) -> rusqlite::Result<T> {
    s.parse().map_err(|_| rusqlite::Error::InvalidColumnType(0, format!("unknown kind {s:?}"), rusqlite::types::Type::Text))
}

fn span(r: &Row, text: usize, start: usize) -> rusqlite::Result<Option<SpanRec>> {
    let t: Option<String> = r.get(text)?;
    Ok(match t {
        Some(text) => Some(SpanRec { text, start: r.get::<_, i64>(start)? as usize, end: r.get::<_, i64>(start + 1)? as usize }),
        None => None,
    })
}

pub(crate) fn record(conn: &Connection, id: i64) -> rusqlite::Result<Option<Record>> {
    let rec = conn
        .prepare_cached(
            "SELECT a.record_id, a.source, a.title, a.published, a.published_from, a.url, a.canonical_url, a.author, a.site_name, a.language, a.text,
             a.headings, d.record_id FROM articles a LEFT JOIN articles d ON d.id = a.duplicate_of WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            let published_from: Option<String> = r.get(4)?;
            let headings: String = r.get(11)?;
            Ok(Record {
                id: r.get(0)?,
                source: r.get(1)?,
                title: r.get(2)?,
                published: r.get(3)?,
                published_from: published_from.map(kind).transpose()?,
                url: r.get(5)?,
                canonical_url: r.get(6)?,
                author: r.get(7)?,
                site_name: r.get(8)?,
                language: r.get(9)?,
                text: r.get(10)?,
                headings: serde_json::from_str(&headings).unwrap_or_default(),
                entities: Vec::new(),
                quotes: Vec::new(),
                times: Vec::new(),
                amounts: Vec::new(),
                events: Vec::new(),
                duplicate_of: r.get(12)?,
                sentences: None,
            })
        })
        .optional()?;
    let Some(mut rec) = rec else { return Ok(None) };
    let mut ents: Vec<(i64, EntityRec)> = conn
        .prepare_cached("SELECT id, local_id, name, type, title, actor FROM article_entities WHERE article_id = ?1 ORDER BY id")?
        .query_map([id], |r| Ok((r.get(0)?, EntityRec { id: r.get(1)?, name: r.get(2)?, kind: kind(r.get(3)?)?, title: r.get(4)?, actor: r.get(5)?, mentions: Vec::new() })))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached("SELECT article_entity_id, text, start, end, kind FROM mentions WHERE article_id = ?1 ORDER BY article_entity_id, seq")?;
    let mentions = st.query_map([id], |r| {
        Ok((r.get::<_, i64>(0)?, MentionRec { text: r.get(1)?, start: r.get::<_, i64>(2)? as usize, end: r.get::<_, i64>(3)? as usize, kind: kind(r.get(4)?)? }))
    })?;
    for m in mentions {
        let (ae, m) = m?;
        if let Some(e) = ents.iter_mut().find(|e| e.0 == ae) {
            e.1.mentions.push(m);
        }
    }
    rec.entities = ents.into_iter().map(|e| e.1).collect();
    rec.quotes = conn
        .prepare_cached(
            "SELECT kind, content, start, end, speaker_text, speaker_start, speaker_end, speaker_local, speaker_name, cue_text, cue_start, cue_end,
             addressee_text, addressee_start, addressee_end, confidence, pattern, flag FROM quotes WHERE article_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            let speaker = match r.get::<_, Option<String>>(4)? {
                Some(text) => Some(SpeakerRec {
                    text,
                    start: r.get::<_, i64>(5)? as usize,
                    end: r.get::<_, i64>(6)? as usize,
                    entity: r.get(7)?,
                    name: r.get(8)?,
                }),
                None => None,
            };
            Ok(QuoteRec {
                kind: kind(r.get(0)?)?,
                content: r.get(1)?,
                start: r.get::<_, i64>(2)? as usize,
                end: r.get::<_, i64>(3)? as usize,
                speaker,
                cue: span(r, 9, 10)?,
                addressee: span(r, 12, 13)?,
                // stored from an f32: the same f32 back
                confidence: r.get::<_, f64>(15)? as f32,
                pattern: kind(r.get(16)?)?,
                flag: r.get(17)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rec.times = conn
        .prepare_cached("SELECT text, start, end, type, value FROM times WHERE article_id = ?1 ORDER BY seq")?
        .query_map([id], |r| Ok(TimeRec { text: r.get(0)?, start: r.get::<_, i64>(1)? as usize, end: r.get::<_, i64>(2)? as usize, kind: kind(r.get(3)?)?, value: r.get(4)? }))?
        .collect::<rusqlite::Result<_>>()?;
    rec.amounts = conn
        .prepare_cached("SELECT text, start, end, value, upper, type, unit, object, qualifier FROM amounts WHERE article_id = ?1 ORDER BY seq")?
        .query_map([id], |r| {
            let qualifier: Option<String> = r.get(8)?;
            Ok(AmountRec {
                text: r.get(0)?,
                start: r.get::<_, i64>(1)? as usize,
                end: r.get::<_, i64>(2)? as usize,
                value: r.get(3)?,
                upper: r.get(4)?,
                kind: kind(r.get(5)?)?,
                unit: r.get(6)?,
                object: r.get(7)?,
                qualifier: qualifier.map(kind).transpose()?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rec.events = conn
        .prepare_cached(
            "SELECT cameo, root, base, quad_class, goldstein, plover, plover_mode, status, claimed_by, confidence, action_text, action_start, action_end,
             sentence_start, sentence_end, date,
             source_text, source_start, source_end, source_name, source_code, source_local,
             target_text, target_start, target_end, target_name, target_code, target_local,
             location_text, location_start, location_end, location_name, location_code, location_local
             FROM events WHERE article_id = ?1 ORDER BY seq",
        )?
        .query_map([id], |r| {
            let actor = |at: usize| -> rusqlite::Result<Option<EventActorRec>> {
                Ok(match r.get::<_, Option<String>>(at)? {
                    Some(text) => Some(EventActorRec {
                        text,
                        start: r.get::<_, i64>(at + 1)? as usize,
                        end: r.get::<_, i64>(at + 2)? as usize,
                        name: r.get(at + 3)?,
                        code: r.get(at + 4)?,
                        entity: r.get(at + 5)?,
                    }),
                    None => None,
                })
            };
            Ok(EventRec {
                source: actor(16)?,
                target: actor(22)?,
                action: SpanRec { text: r.get(10)?, start: r.get::<_, i64>(11)? as usize, end: r.get::<_, i64>(12)? as usize },
                cameo: r.get(0)?,
                root: r.get(1)?,
                base: r.get(2)?,
                quad_class: r.get::<_, i64>(3)? as u8,
                goldstein: r.get::<_, f64>(4)? as f32,
                plover: r.get(5)?,
                plover_mode: r.get(6)?,
                sentence: SentenceSpan { start: r.get::<_, i64>(13)? as usize, end: r.get::<_, i64>(14)? as usize },
                date: r.get(15)?,
                location: actor(28)?,
                confidence: r.get::<_, f64>(9)? as f32,
                status: kind(r.get(7)?)?,
                claimed_by: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(rec))
}
