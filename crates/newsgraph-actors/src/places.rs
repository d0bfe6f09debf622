//! Place names → CAMEO country codes, from the project's gazetteer (the
//! rows of `newsgraph-gazetteer`: GeoNames CC BY 4.0), this crate's
//! metonyms table, and PETRARCH2's country-level names.

use crate::normalize::normalise;
use newsgraph_gazetteer::PlaceKind;
use crate::Holder;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const METONYMS: &str = include_str!("../data/metonyms.tsv");

/// Which list a name came from; a name in an earlier tier hides the same
/// name in a later one ("Georgia" the country before the US state).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Tier {
    Country,
    Capital,
    Demonym,
    Region,
    Division,
    Metonym,
    Petrarch,
    /// Cities are last, and the most populous of a name wins.
    City,
}

type Code = [u8; 3];

pub struct Places {
    /// Normalised name → (tier, code; `None` when ambiguous in its tier).
    map: HashMap<Box<str>, (Tier, Option<Code>)>,
    country_codes: HashSet<Code>,
    /// Holders of titles: countries, demonyms, capitals, metonyms.
    holders: Vec<(String, Holder)>,
}

fn code3(s: &str) -> Option<Code> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1], b[2]])
}

fn names<'a>(cells: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = cells
        .iter()
        .flat_map(|c| c.split('|'))
        .filter(|n| !n.is_empty())
        .collect();
    // `ascii_name` mostly repeats `name`.
    v.dedup();
    v
}

impl Places {
    pub fn load() -> Places {
        let mut p = Places {
            map: HashMap::with_capacity_and_hasher(80_000, Default::default()),
            country_codes: HashSet::default(),
            holders: Vec::new(),
        };
        let mut iso_to_cameo: HashMap<&str, Code> = HashMap::default();

        for c in newsgraph_gazetteer::countries() {
            let Some(code) = code3(c.cameo) else {
                continue;
            };
            iso_to_cameo.insert(c.iso3, code);
            p.country_codes.insert(code);
            for n in names(&[c.name, c.aliases]) {
                p.add(n, Tier::Country, code);
            }
        }
        for r in newsgraph_gazetteer::places() {
            let Some(&code) = iso_to_cameo.get(r.iso3) else {
                continue;
            };
            let tier = match r.kind {
                PlaceKind::Capital => Tier::Capital,
                PlaceKind::Admin1 => Tier::Division,
                PlaceKind::City => Tier::City,
            };
            // `ascii_name` is `name` folded: fold only the alternates.
            let name = match r.ascii_name {
                "" => r.name,
                ascii => ascii,
            };
            for n in names(&[name, r.alt_names]) {
                p.add(n, tier, code);
            }
        }
        for d in newsgraph_gazetteer::demonyms() {
            if let Some(code) = code3(d.cameo) {
                p.add(d.form, Tier::Demonym, code);
            }
        }
        for r in newsgraph_gazetteer::regions() {
            // Only a region inside one country names that country.
            let Some(&code) = (!r.iso3.contains('|'))
                .then(|| iso_to_cameo.get(r.iso3))
                .flatten()
            else {
                continue;
            };
            for n in names(&[r.name, r.aliases]) {
                p.add(n, Tier::Region, code);
            }
        }

        // Title holders: every unambiguous country, capital and demonym name.
        let mut holders: Vec<(String, Holder)> = Vec::new();
        for line in METONYMS.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let Some((name, code)) = line.split_once('\t') else {
                continue;
            };
            let (key, code) = (normalise(name), code.trim());
            holders.push((
                key.clone(),
                Holder {
                    code: code.into(),
                    complete: true,
                },
            ));
            let country = code
                .get(..3)
                .and_then(code3)
                .filter(|c| p.country_codes.contains(c));
            if let Some(c) = country {
                p.add_key(&key, Tier::Metonym, c);
            }
        }
        let mut keys: Vec<(&str, Code)> = p
            .map
            .iter()
            .filter(|(_, (tier, _))| matches!(tier, Tier::Country | Tier::Capital | Tier::Demonym))
            .filter_map(|(k, &(_, code))| Some((&**k, code?)))
            .collect();
        keys.sort_unstable();
        for (key, code) in keys {
            let code = std::str::from_utf8(&code).unwrap_or_default();
            holders.push((
                key.to_string(),
                Holder {
                    code: code.into(),
                    complete: false,
                },
            ));
        }
        p.holders = holders;
        p
    }

    fn add(&mut self, name: &str, tier: Tier, code: Code) {
        self.add_key(&normalise(name), tier, code);
    }

    fn add_key(&mut self, key: &str, tier: Tier, code: Code) {
        if key.is_empty() {
            return;
        }
        match self.map.get_mut(key) {
            None => {
                self.map.insert(key.into(), (tier, Some(code)));
            }
            Some(slot) if tier < slot.0 => *slot = (tier, Some(code)),
            // Same tier, another country: ambiguous ("Dominican"), except
            // for cities, listed by falling population.
            Some(slot) if tier == slot.0 && tier != Tier::City && slot.1 != Some(code) => {
                slot.1 = None
            }
            Some(_) => {}
        }
    }

    /// A PETRARCH2 country-level name (misspellings, provinces, cities the
    /// dictionary files under a country).
    pub fn add_petrarch(&mut self, norm: &str, code: &str) {
        if let Some(c) = code3(code).filter(|c| self.country_codes.contains(c)) {
            self.add_key(norm, Tier::Petrarch, c);
        }
    }

    pub fn is_country_code(&self, code: &str) -> bool {
        code3(code).is_some_and(|c| self.country_codes.contains(&c))
    }

    pub fn country(&self, norm: &str) -> Option<&str> {
        let (_, code) = self.map.get(norm)?;
        code.as_ref().and_then(|c| std::str::from_utf8(c).ok())
    }

    pub fn holder_keys(&self) -> impl Iterator<Item = (String, Holder)> + '_ {
        self.holders.iter().cloned()
    }

    pub fn shrink_to_fit(&mut self) {
        self.map.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn approx_bytes(&self) -> usize {
        crate::table_bytes(&self.map, |k, _| k.len().next_multiple_of(16) + 16)
            + self
                .holders
                .iter()
                .map(|(k, h)| k.len() + h.code.len() + 48)
                .sum::<usize>()
    }
}
