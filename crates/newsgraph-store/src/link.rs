//! People and organisations across articles: each entity of a record is
//! linked to one store-wide entity, found or made here.
//!
//! - Any type: the same folded name and type is the same entity ("António
//!   Costa" and "Antonio Costa").
//! - A person named by surname alone ("Putin") is the one person of the
//!   store with that surname; when two or more people share it ("Joe
//!   Biden", "Hunter Biden") it is linked to neither, but to an entity of
//!   the surname alone, so that two people who share only a surname are
//!   never made one.
//! - A person's full name ("Vladimir Putin") takes in an entity of the
//!   surname alone ("Putin", from articles that never gave the full name)
//!   when no other person has that surname; the entity then bears the full
//!   name.
//! - An organisation the dictionaries code specifically ("Ukraine's air
//!   force" and "the Ukrainian air force", both `UKRMIL`) is one entity by
//!   its actor code; a bare country code (`UKR`) links nothing, nor does a
//!   code link people (many share `RUSGOV`).

use crate::keys::{name_key, surname_key};
use crate::write::{FtsBatch, FtsTable};
use newsgraph_record::EntityType;
use rusqlite::{params, OptionalExtension, Transaction};

/// The store-wide entity of a record's entity, found or made.
pub(crate) fn entity(tx: &Transaction, fts: &mut FtsBatch, kind: EntityType, name: &str, actor: Option<&str>) -> rusqlite::Result<i64> {
    let key = name_key(name);
    let key = if key.is_empty() { name.to_lowercase() } else { key };
    let t = kind.as_str();
    let id = match by_key(tx, t, &key)? {
        Some(id) => Some(id),
        None if kind == EntityType::Person => person(tx, fts, name, &key)?,
        None if kind == EntityType::Org => match actor.filter(|a| a.len() > 3) {
            Some(a) => tx.prepare_cached("SELECT id FROM entities INDEXED BY entities_actor WHERE type = 'ORG' AND actor = ?1 LIMIT 1")?.query_row([a], |r| r.get(0)).optional()?,
            None => None,
        },
        None => None,
    };
    let id = match id {
        Some(id) => id,
        None => create(tx, fts, kind, name, &key)?,
    };
    if let Some(a) = actor {
        tx.prepare_cached("UPDATE entities SET actor = ?2 WHERE id = ?1 AND (actor IS NULL OR actor <> ?2)")?.execute(params![id, a])?;
    }
    Ok(id)
}

fn by_key(tx: &Transaction, t: &str, key: &str) -> rusqlite::Result<Option<i64>> {
    // (no ORDER BY: the planner would walk the rank index instead of this one)
    tx.prepare_cached("SELECT id FROM entities INDEXED BY entities_key WHERE type = ?1 AND name_key = ?2 LIMIT 1")?.query_row([t, key], |r| r.get(0)).optional()
}

/// People with this surname and a name of more words: (id).
fn full_names_with_surname(tx: &Transaction, surname: &str) -> rusqlite::Result<Vec<i64>> {
    let mut st = tx.prepare_cached("SELECT id FROM entities INDEXED BY entities_surname WHERE surname_key = ?1 AND type = 'PERSON' AND name_key <> ?1 LIMIT 3")?;
    let ids = st.query_map([surname], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// A person the store knows under another form of the name.
fn person(tx: &Transaction, fts: &mut FtsBatch, name: &str, key: &str) -> rusqlite::Result<Option<i64>> {
    let Some(surname) = surname_key(key) else { return Ok(None) };
    let full = full_names_with_surname(tx, surname)?;
    if surname == key {
        // a surname alone: the one person who has it
        return Ok(match full.as_slice() {
            [only] => Some(*only),
            _ => None,
        });
    }
    // a full name: the entity of its surname alone, when nobody else has it
    if !full.is_empty() {
        return Ok(None);
    }
    let Some(bare) = by_key(tx, "PERSON", surname)? else { return Ok(None) };
    tx.prepare_cached("UPDATE entities SET name = ?2, name_key = ?3 WHERE id = ?1")?.execute(params![bare, name, key])?;
    fts.delete(FtsTable::Entities, bare);
    fts.insert(FtsTable::Entities, bare, vec![Some(name.to_string())]);
    Ok(Some(bare))
}

fn create(tx: &Transaction, fts: &mut FtsBatch, kind: EntityType, name: &str, key: &str) -> rusqlite::Result<i64> {
    let surname = (kind == EntityType::Person).then(|| surname_key(key)).flatten();
    tx.prepare_cached("INSERT INTO entities (name, type, name_key, surname_key) VALUES (?1, ?2, ?3, ?4)")?.execute(params![name, kind.as_str(), key, surname])?;
    let id = tx.last_insert_rowid();
    fts.insert(FtsTable::Entities, id, vec![Some(name.to_string())]);
    Ok(id)
}
