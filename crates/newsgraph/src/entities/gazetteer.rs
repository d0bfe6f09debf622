//! The gazetteer: countries, capitals, cities, first-level divisions,
//! regions, demonyms and groups (the rows of `newsgraph-gazetteer`: GeoNames
//! CC BY 4.0 and PETRARCH2 MIT), compiled into one map from a name's token
//! sequence to what the name can be.
//!
//! Names are matched on tokens, folded (case, accents, apostrophes), so
//! "KYIV", "Kyiv" and "Kyiv’s" (with its clitic) all find Kyiv, and a name
//! never matches inside a longer word.

use crate::lexis::hash::{seq_hash, word_hash, PreHashedMap, SeqHasher};
use std::sync::LazyLock;

/// What a gazetteer name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GazKind {
    Country,
    Capital,
    City,
    /// A state, province or other first-level division.
    Division,
    /// A region that is a political unit (West Bank, Crimea): GPE.
    PoliticalRegion,
    /// A geographic region (Middle East, the Balkans, a sea): LOC.
    Region,
    /// A nationality adjective or noun: "Ukrainian", "Ukrainians".
    Demonym,
    /// Other groups: "Western", "Muslim", "Republican".
    Group,
}

impl GazKind {
    pub const ALL: [GazKind; 8] = [
        GazKind::Country,
        GazKind::Capital,
        GazKind::City,
        GazKind::Division,
        GazKind::PoliticalRegion,
        GazKind::Region,
        GazKind::Demonym,
        GazKind::Group,
    ];
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One reading of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazHit {
    pub kind: GazKind,
    /// ISO 3166 alpha-3 or CAMEO code of the country (or region) it belongs to.
    pub code: [u8; 3],
    pub population: u32,
}

impl GazHit {
    pub fn code(&self) -> Option<&str> {
        let s = std::str::from_utf8(&self.code).ok()?;
        (!s.trim().is_empty()).then_some(s)
    }
}

pub struct Gazetteer {
    names: PreHashedMap<Vec<GazHit>>,
    /// A Bloom-style bit set of the keys of every name's prefixes ("Saudi"
    /// for "Saudi Arabia"): most capitalised words begin no name, and one bit
    /// test (in cache) rejects them before any lookup in the large table.
    prefixes: Vec<u64>,
    /// The longest name, in tokens.
    pub max_len: usize,
}

const PREFIX_BITS: u64 = 1 << 21;

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

fn code3(s: &str) -> [u8; 3] {
    let b = s.as_bytes();
    if b.len() >= 3 {
        [b[0], b[1], b[2]]
    } else {
        *b"   "
    }
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut g = Gazetteer { names: PreHashedMap::with_capacity_and_hasher(60_000, Default::default()), prefixes: vec![0; (PREFIX_BITS / 64) as usize], max_len: 1 };
        let mut toks = Vec::new();
        let mut add = |g: &mut Gazetteer, name: &str, hit: GazHit| {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            toks.clear();
            crate::lexis::tokenize(name, 0, name.len(), &mut toks);
            if toks.is_empty() {
                return;
            }
            g.max_len = g.max_len.max(toks.len());
            let mut h = SeqHasher::new();
            for t in toks.iter() {
                h.push(word_hash(&name[t.span.range()]));
                let bit = h.key() % PREFIX_BITS;
                g.prefixes[(bit / 64) as usize] |= 1 << (bit % 64);
            }
            let key = h.key();
            let hits = g.names.entry(key).or_default();
            if !hits.contains(&hit) {
                hits.push(hit);
            }
        };
        use newsgraph_gazetteer::{list, PlaceKind};
        for c in newsgraph_gazetteer::countries() {
            let hit = GazHit { kind: GazKind::Country, code: code3(c.cameo), population: c.population.parse().unwrap_or(0) };
            add(&mut g, c.name, hit);
            for a in list(c.aliases) {
                add(&mut g, a, hit);
            }
        }
        for p in newsgraph_gazetteer::places() {
            let kind = match p.kind {
                PlaceKind::Capital => GazKind::Capital,
                PlaceKind::Admin1 => GazKind::Division,
                PlaceKind::City => GazKind::City,
            };
            let hit = GazHit { kind, code: code3(p.iso3), population: p.population.parse().unwrap_or(0) };
            add(&mut g, p.name, hit);
            if p.ascii_name != p.name {
                add(&mut g, p.ascii_name, hit);
            }
            for a in list(p.alt_names) {
                add(&mut g, a, hit);
            }
        }
        for r in newsgraph_gazetteer::regions() {
            let kind = if r.entity_type == "GPE" { GazKind::PoliticalRegion } else { GazKind::Region };
            let code = if r.iso3.is_empty() { r.cameo } else { r.iso3 };
            let hit = GazHit { kind, code: code3(code), population: 0 };
            add(&mut g, r.name, hit);
            for a in list(r.aliases) {
                add(&mut g, a, hit);
            }
        }
        for d in newsgraph_gazetteer::demonyms() {
            add(&mut g, d.form, GazHit { kind: GazKind::Demonym, code: code3(d.cameo), population: 0 });
        }
        for x in newsgraph_gazetteer::groups() {
            add(&mut g, x.form, GazHit { kind: GazKind::Group, code: code3(x.cameo), population: 0 });
        }
        g
    }

    /// Whether some name may begin with the words whose [`SeqHasher`] key
    /// this is (false: none does).
    #[inline]
    pub fn may_begin(&self, key: u64) -> bool {
        let bit = key % PREFIX_BITS;
        self.prefixes[(bit / 64) as usize] & (1 << (bit % 64)) != 0
    }

    /// The readings of the name with this [`SeqHasher`] key.
    #[inline]
    pub fn get_key(&self, key: u64) -> Option<&[GazHit]> {
        self.names.get(&key).map(Vec::as_slice)
    }

    /// The readings of the name made of `words` (word hashes), if any.
    pub fn get_hashes(&self, words: &[u64]) -> Option<&[GazHit]> {
        self.names.get(&seq_hash(words.iter().copied())).map(Vec::as_slice)
    }

    /// The readings of a name given as text ("Kyiv", "Saudi Arabia").
    #[cfg(test)]
    pub fn get(&self, name: &str) -> Option<&[GazHit]> {
        let mut toks: Vec<crate::doc::Token> = Vec::new();
        crate::lexis::tokenize(name, 0, name.len(), &mut toks);
        let hashes: Vec<u64> = toks.iter().map(|t| word_hash(&name[t.span.range()])).collect();
        self.get_hashes(&hashes)
    }

    /// The most prominent reading: a country, then a capital, then the
    /// most populous place, then a division, a region, a demonym or group.
    pub fn best(hits: &[GazHit]) -> Option<GazHit> {
        hits.iter().copied().min_by_key(|h| {
            let rank = match h.kind {
                GazKind::Country => 0,
                GazKind::Capital => 1,
                GazKind::PoliticalRegion => 2,
                GazKind::Division => 3,
                GazKind::City => 4,
                GazKind::Region => 5,
                GazKind::Demonym => 6,
                GazKind::Group => 7,
            };
            (rank, u32::MAX - h.population)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_capitals_and_spellings() {
        let g = &*GAZETTEER;
        let best = |n: &str| Gazetteer::best(g.get(n).unwrap_or(&[]));
        let kyiv = best("Kyiv").unwrap();
        assert_eq!((kyiv.kind, kyiv.code()), (GazKind::Capital, Some("UKR")));
        assert_eq!(best("Kiev").unwrap().code(), Some("UKR"));
        assert_eq!(best("KYIV").unwrap().code(), Some("UKR"));
        assert_eq!(best("Saudi Arabia").unwrap().kind, GazKind::Country);
        // Washington: the capital outranks the state and the towns
        let w = best("Washington").unwrap();
        assert_eq!((w.kind, w.code()), (GazKind::Capital, Some("USA")));
        assert_eq!(best("Ukrainian").unwrap().kind, GazKind::Demonym);
        assert_eq!(best("Western").unwrap().kind, GazKind::Group);
        assert!(g.get("Zelensky").is_none());
    }
}
