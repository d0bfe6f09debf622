//! The near-duplicate index: a row per band of each article's MinHash
//! signature in `article_bands`, keyed by the band, so that the articles
//! sharing a band with a new one are found in one lookup.
//!
//! Band keys are random: written a batch at a time into a large table, each
//! batch would rewrite a third of its pages. So the rows of recent articles
//! are kept in memory and written many batches at a time, in key order
//! ([`Bands::flush`]). `store_state.bands_through` says up to which article
//! the table is complete; the articles after it have their signatures in
//! `signatures` (written with them, in the same transaction), from which
//! [`Bands::load`] rebuilds their rows when a store is opened for writing,
//! also after a crash. Memory stays bounded by [`FLUSH_ROWS`].

use newsgraph_minhash::Signature;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;

/// Rows kept in memory before they are written (16 bytes each, and about
/// twice that for the lookup by key): about 50 MB.
pub(crate) const FLUSH_ROWS: usize = 1_000_000;

pub(crate) struct Bands {
    /// (band key, article id) of the articles after `through`.
    rows: Vec<(i64, i64)>,
    /// The first article of each key, and the others of the few keys
    /// several articles share.
    by_key: HashMap<i64, i64>,
    more: HashMap<i64, Vec<i64>>,
    /// Every article up to this id has its rows in the table.
    pub through: i64,
}

impl Bands {
    /// The rows of the articles the table lacks, from their signatures.
    pub fn load(conn: &Connection) -> rusqlite::Result<Bands> {
        let through: i64 = conn.query_row("SELECT value FROM store_state WHERE key = 'bands_through'", [], |r| r.get(0)).optional()?.unwrap_or(0);
        let mut b = Bands { rows: Vec::new(), by_key: HashMap::new(), more: HashMap::new(), through };
        let mut st = conn.prepare("SELECT article_id, signature FROM signatures WHERE article_id > ?1 ORDER BY article_id")?;
        let rows = st.query_map([through], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        for row in rows {
            let (id, blob) = row?;
            if let Some(sig) = Signature::from_bytes(&blob) {
                b.add(id, &sig);
            }
        }
        Ok(b)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn add(&mut self, id: i64, sig: &Signature) {
        for k in sig.band_keys() {
            let k = k as i64;
            self.rows.push((k, id));
            if let Some(&first) = self.by_key.get(&k) {
                if first != id {
                    self.more.entry(k).or_default().push(id);
                }
            } else {
                self.by_key.insert(k, id);
            }
        }
    }

    pub fn remove(&mut self, id: i64, sig: &Signature) {
        for k in sig.band_keys() {
            let k = k as i64;
            if let Some(others) = self.more.get_mut(&k) {
                others.retain(|&a| a != id);
            }
            if self.by_key.get(&k) == Some(&id) {
                // the next article of the key, if any, becomes its first
                match self.more.get_mut(&k).and_then(|o| (!o.is_empty()).then(|| o.remove(0))) {
                    Some(next) => self.by_key.insert(k, next),
                    None => self.by_key.remove(&k),
                };
            }
        }
        self.rows.retain(|r| r.1 != id);
    }

    fn articles(&self, k: i64) -> impl Iterator<Item = i64> + '_ {
        self.by_key.get(&k).copied().into_iter().chain(self.more.get(&k).into_iter().flatten().copied())
    }

    /// For each article in memory that shares a band with `keys`, the
    /// number of bands it shares.
    pub fn shared(&self, keys: &[u64], id: i64) -> HashMap<i64, usize> {
        let mut out = HashMap::new();
        for &k in keys {
            for a in self.articles(k as i64) {
                if a != id {
                    *out.entry(a).or_default() += 1;
                }
            }
        }
        out
    }

    /// Writes the rows in key order, and that the table is complete up to
    /// `through`.
    pub fn flush(&mut self, tx: &Transaction, through: i64) -> rusqlite::Result<()> {
        let mut rows = std::mem::take(&mut self.rows);
        self.by_key.clear();
        self.more.clear();
        rows.sort_unstable();
        let mut st = tx.prepare_cached("INSERT OR IGNORE INTO article_bands (band_key, article_id) VALUES (?1, ?2)")?;
        for (k, a) in rows {
            st.execute(params![k, a])?;
        }
        tx.prepare_cached("INSERT INTO store_state (key, value) VALUES ('bands_through', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?.execute([through])?;
        self.through = through;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_sharing_bands_are_found_and_removed_alone() {
        let text = "Foreign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said, after months of talks that stalled.";
        let sig = Signature::of(text).unwrap();
        let other = Signature::of("The weather in Lisbon was fine on Monday, and the beaches were full of people from the city.").unwrap();
        let mut b = Bands { rows: Vec::new(), by_key: HashMap::new(), more: HashMap::new(), through: 0 };
        b.add(1, &sig);
        b.add(2, &sig);
        b.add(3, &other);
        let keys = sig.band_keys();
        let shared = b.shared(&keys, 9);
        assert_eq!((shared.get(&1), shared.get(&2), shared.get(&3)), (Some(&32), Some(&32), None));
        b.remove(1, &sig);
        let shared = b.shared(&keys, 9);
        assert_eq!((shared.get(&1), shared.get(&2)), (None, Some(&32)), "the second article takes the first's place");
        assert_eq!(b.len(), 64);
        b.remove(2, &sig);
        assert!(b.shared(&keys, 9).is_empty());
    }
}
