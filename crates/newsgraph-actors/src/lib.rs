//! Links entity mentions in English news to CAMEO actor codes, as GDELT and
//! ICEWS do: a person's or organisation's name through the PETRARCH2 actor
//! dictionaries (with the date ranges of roles), a title ("Ukraine's
//! president", "Kremlin spokesman") through a country or metonym plus the
//! agent code of its role word, and a place through the GeoNames gazetteer.
//!
//! The dictionaries (`data/petrarch2/`, MIT) and the gazetteer
//! (`data/gazetteer/`, GeoNames CC BY 4.0) are embedded and compiled once,
//! at the first call of [`Actors::global`].

mod normalize;
mod petrarch;
mod places;

pub use normalize::{normalise, phonetic};

use petrarch::{Codes, ParseStats, RawActor, Span, Ymd};
use places::Places;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

const COUNTRIES_ACTORS: &str = include_str!("../../../data/petrarch2/Phoenix.Countries.actors.txt");
const INTERNATIONAL_ACTORS: &str =
    include_str!("../../../data/petrarch2/Phoenix.International.actors.txt");
const MILNONSTATE_ACTORS: &str =
    include_str!("../../../data/petrarch2/Phoenix.MilNonState.actors.txt");
const AGENTS: &str = include_str!("../../../data/petrarch2/Phoenix.agents.txt");
const ROLES: &str = include_str!("../data/roles.tsv");

/// The names of places and buildings that stand for an institution in news
/// prose ("the Kremlin", "the White House", "Downing Street"), from
/// `data/metonyms.tsv`: the entity layer types them as organisations.
pub fn metonym_names() -> impl Iterator<Item = &'static str> {
    include_str!("../data/metonyms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(str::trim)
}

/// Given names: the first word of the people the dictionaries list from
/// the CountryInfo leader tables ("VOLODYMYR_LYTVYN_ # CountryInfo.txt"
/// gives "volodymyr"), lower case, without honorifics. About 7,600 names
/// from every region of the world, for the entity layer to tell a first
/// name from a common word at the start of a sentence.
pub fn given_names() -> impl Iterator<Item = String> {
    const HONORIFICS: [&str; 8] = ["sir", "lady", "lord", "dame", "mr", "mrs", "dr", "sheikh"];
    [COUNTRIES_ACTORS, INTERNATIONAL_ACTORS, MILNONSTATE_ACTORS]
        .into_iter()
        .flat_map(str::lines)
        .filter(|l| l.contains("CountryInfo"))
        .filter_map(|l| {
            let name = l.trim_start_matches('+').split_whitespace().next()?;
            let mut words = name.split('_').filter(|w| !w.is_empty());
            let first = words.next()?;
            // a person has a surname after the given name
            words.next()?;
            first.chars().all(|c| c.is_ascii_alphabetic() || c == '-').then(|| first.to_ascii_lowercase())
        })
        .filter(|w| w.len() >= 2 && !HONORIFICS.contains(&w.as_str()))
}

/// How a code was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchHow {
    /// A name of a dictionary actor (a person, an organisation).
    Name,
    /// Derived from a title: a country or organisation plus a role word.
    Title,
    /// A country-level name (a country, its capital, a demonym).
    Country,
}

/// A code found for a mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorMatch {
    /// The CAMEO code: "RUSGOV", "IGOUNO", "UKR".
    pub code: String,
    /// The dictionary's canonical entry ("VLADIMIR_PUTIN"); for a title, the
    /// holder and the role joined by `+` ("UKRAINE+PRESIDENT", "KREMLIN").
    pub name: String,
    pub how: MatchHow,
}

/// Sizes of the compiled tables, for reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub actors: usize,
    pub persons: usize,
    pub spans: usize,
    pub codes: usize,
    pub exact_keys: usize,
    pub fuzzy_keys: usize,
    pub surnames: usize,
    pub title_patterns: usize,
    pub place_keys: usize,
    /// Code groups dropped because their date could not be read.
    pub bad_dates: usize,
    /// Heap bytes of the tables, approximately (buckets, keys, vectors).
    pub approx_bytes: usize,
}

struct Entry {
    /// Canonical name as in the dictionary ("VLADIMIR_PUTIN").
    name: Box<str>,
    spans: Box<[Span]>,
    /// A country's name (or a place filed under a country): one undated
    /// country code.
    country: bool,
}

/// What a title word or phrase contributes.
#[derive(Clone, Debug)]
enum Role {
    /// An agent code appended to the holder's country ("GOV", "GOVMIL").
    Agent(Box<str>),
    /// Takes its principal's agent (spokesman, leader, official).
    Inherit,
    /// A form of address ("Mr"): no code.
    Address,
}

/// Who a title belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Holder {
    code: Box<str>,
    /// A full code (an IGO, a metonym's "RUSGOV", an armed group) that takes
    /// no agent; otherwise a country code that takes the role's agent.
    complete: bool,
}

#[derive(Default)]
struct TitlePattern {
    holder: Option<Holder>,
    role: Option<Role>,
}

/// A surname's owner.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Surname {
    id: u32,
    /// Initials (bit 0 = A) of the given names the dictionary writes with
    /// the surname.
    initials: u32,
    /// Hash of the surname as spelled, to prefer the owners of one spelling
    /// over those of a variant sharing its phonetic key (KHAMENEI, KHOMEINI).
    spelling: u64,
    /// False for an undated entry that only looks like a person's name: it
    /// makes the surname ambiguous but is never matched by it.
    person: bool,
}

/// The compiled dictionaries. Build once: [`Actors::global`].
pub struct Actors {
    codes: Vec<String>,
    entries: Vec<Entry>,
    /// Normalised name → entries.
    exact: IdMap,
    /// Phonetic key of a person's normalised name of two words or more →
    /// entries.
    fuzzy: IdMap,
    /// Phonetic key of a surname → its owners.
    surnames: HashMap<String, Vec<Surname>>,
    /// Words that may precede a name without being part of it: roles,
    /// countries, demonyms, forms of address.
    title_words: HashSet<String>,
    /// The title words that are places or demonyms: titles only before
    /// another title word ("Russian President"), else maybe a given name.
    place_words: HashSet<String>,
    /// Normalised phrase → what it means in a title.
    title_patterns: HashMap<String, TitlePattern>,
    title_max_tokens: usize,
    places: Places,
    stats: Stats,
}

static GLOBAL: LazyLock<Actors> = LazyLock::new(Actors::new);

/// Particles before a surname that are not themselves the surname.
const PARTICLES: &[&str] = &[
    "AL", "EL", "BIN", "BEN", "IBN", "VAN", "VON", "DE", "DA", "DI", "DU", "LA", "LE", "DEL", "DOS",
];
/// Name suffixes that are not the surname.
const SUFFIXES: &[&str] = &["JR", "SR", "II", "III", "IV"];
/// PETRARCH's agent code for the elite out of office ("former president").
const ELITE: &str = "ELI";
/// Words of role phrases that are no title by themselves.
const FUNCTION_WORDS: &[&str] = &[
    "OF", "TO", "THE", "IN", "FOR", "AND", "AT", "ON", "WITH", "A", "AN", "BY", "FROM",
];
/// Words after a place that make it a patron or a location, not the holder:
/// "Iran-backed Hezbollah", "a London-based analyst".
const PATRON_WORDS: &[&str] = &[
    "BACKED",
    "BASED",
    "ALLIED",
    "ALIGNED",
    "SPONSORED",
    "FUNDED",
    "INSTALLED",
    "APPOINTED",
    "TRAINED",
    "SUPPORTED",
];
/// Words before a place that make it the role's destination, not its holder:
/// "envoy to Ukraine", "ambassador in Moscow".
const DESTINATION_WORDS: &[&str] = &["TO", "IN", "FOR", "AT", "ON", "WITH", "AGAINST"];

fn ymd(d: jiff::civil::Date) -> Ymd {
    (d.year() as i32 * 10000 + d.month() as i32 * 100 + d.day() as i32).max(0) as u32
}

impl Default for Actors {
    fn default() -> Self {
        Self::new()
    }
}

impl Actors {
    /// The process-wide instance, built on first use.
    pub fn global() -> &'static Actors {
        &GLOBAL
    }

    /// Compiles the embedded dictionaries (about 0.1 s of CPU in release).
    pub fn new() -> Actors {
        let mut codes = Codes::default();
        let mut pstats = ParseStats::default();
        let mut raw: Vec<RawActor> = Vec::new();
        for text in [COUNTRIES_ACTORS, INTERNATIONAL_ACTORS, MILNONSTATE_ACTORS] {
            raw.extend(petrarch::parse_actors(text, &mut codes, &mut pstats));
        }
        let mut places = Places::load();
        let roles = load_roles();
        let agent_codes: HashSet<&str> = roles
            .iter()
            .filter_map(|(_, r)| match r {
                Role::Agent(a) if a.len() == 3 => Some(&**a),
                _ => None,
            })
            .collect();
        let (mut title_words, mut place_words) = title_vocabulary(&roles, &places);

        let mut b = Builder::new(raw.len());
        for mut actor in raw {
            attach_bare_agents(&mut actor.spans, &mut codes, &agent_codes, &places);
            b.add(actor, &codes, &mut places, &title_words, &place_words);
        }
        let Builder { entries, mut exact, mut fuzzy, mut surnames, org_holders, persons, .. } = b;
        let mut title_patterns = title_patterns(&places, org_holders, roles);
        // The capacities reserved for building are twice what the tables
        // need once built.
        exact.map.shrink_to_fit();
        fuzzy.map.shrink_to_fit();
        surnames.shrink_to_fit();
        title_patterns.shrink_to_fit();
        title_words.shrink_to_fit();
        place_words.shrink_to_fit();
        places.shrink_to_fit();
        let title_max_tokens = title_patterns.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let mut actors = Actors {
            codes: codes.strings,
            entries,
            exact,
            fuzzy,
            surnames,
            title_words,
            place_words,
            title_patterns,
            title_max_tokens,
            places,
            stats: Stats::default(),
        };
        actors.stats = actors.measure(persons, pstats.bad_dates);
        actors
    }

    /// The sizes of the compiled tables.
    fn measure(&self, persons: usize, bad_dates: usize) -> Stats {
        let approx_bytes = self.exact.approx_bytes()
            + self.fuzzy.approx_bytes()
            + table_bytes(&self.surnames, |k, v| heap_str(k) + v.capacity() * size_of::<Surname>())
            + self.entries.capacity() * size_of::<Entry>()
            + self.entries.iter().map(|e| e.name.len() + e.spans.len() * size_of::<Span>() + 32).sum::<usize>()
            + self.codes.iter().map(heap_str).sum::<usize>()
            + table_bytes(&self.title_patterns, |k, _| heap_str(k))
            + set_bytes(&self.title_words)
            + set_bytes(&self.place_words)
            + self.places.approx_bytes();
        Stats {
            actors: self.entries.len(),
            persons,
            spans: self.entries.iter().map(|e| e.spans.len()).sum(),
            codes: self.codes.len(),
            exact_keys: self.exact.len(),
            fuzzy_keys: self.fuzzy.len(),
            surnames: self.surnames.len(),
            title_patterns: self.title_patterns.len(),
            place_keys: self.places.len(),
            bad_dates,
            approx_bytes,
        }
    }

    /// Sizes of the compiled tables.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// A person's or organisation's name as written ("Vladimir Putin",
    /// "Putin", "Sergei Lavrov", "NATO", "Hamas") at a date: the code valid
    /// then. Leading titles are skipped ("Russian President Vladimir Putin",
    /// "Russia's Putin"), but a place word only before another title word:
    /// in "Paris Hilton", "Paris" is a given name.
    /// Transliteration variants of a person's full name match ("Sergei" =
    /// "Sergey"). A surname alone matches when the dictionaries list it
    /// alone as a name ("Putin"); with a given name, when one person in the
    /// dictionaries has that surname and a given name of that initial. A
    /// name whose candidates disagree gives `None`.
    pub fn by_name(&self, name: &str, date: Option<jiff::civil::Date>) -> Option<ActorMatch> {
        let date = date.map(ymd);
        if let Some(m) = self.name_lookup(name, date) {
            return Some(m);
        }
        // "Russia's Putin", "the Kremlin's Peskov": the name follows the
        // possessive of a country or an organisation (not "People's").
        let (owner, rest) = ["'s ", "’s ", "'S ", "’S "]
            .iter()
            .filter_map(|p| name.rfind(p).map(|i| (&name[..i], &name[i + p.len()..])))
            .min_by_key(|(_, rest)| rest.len())?;
        let owner = normalise(owner);
        let owner = without_the(&owner);
        let is_holder = self
            .title_patterns
            .get(owner)
            .is_some_and(|p| p.holder.is_some());
        if is_holder && !rest.trim().is_empty() {
            self.name_lookup(rest, date)
        } else {
            None
        }
    }

    fn name_lookup(&self, name: &str, date: Option<Ymd>) -> Option<ActorMatch> {
        let full = normalise(name);
        let norm = without_the(&full);
        if norm.is_empty() {
            return None;
        }
        let tokens: Vec<&str> = norm.split(' ').collect();
        // Try the whole name, then without each leading title word; what
        // is left after a title must not be a country ("Democratic People's
        // Republic of Korea" is not "Republic of Korea").
        let mut start = 0;
        loop {
            let rest = tokens[start..].join(" ");
            let found = self.exact.get(&rest).or_else(|| {
                (tokens.len() - start > 1)
                    .then(|| self.fuzzy.get(&phonetic(&rest)))
                    .flatten()
            });
            // Role words alone ("President", "Organization") are no name,
            // though PETRARCH files a few as synonyms.
            let generic = if start + 1 == tokens.len() {
                self.title_words.contains(tokens[start])
                    && !self.place_words.contains(tokens[start])
            } else {
                self.title_patterns
                    .get(&rest)
                    .is_some_and(|p| p.role.is_some())
            };
            if let Some(ids) = found.filter(|_| !generic) {
                if start == 0 || ids.iter().all(|&i| !self.entries[i as usize].country) {
                    return self.resolve(ids, date);
                }
            }
            let strip = |i: usize| {
                self.title_words.contains(tokens[i])
                    && (!self.place_words.contains(tokens[i])
                        || self.title_words.contains(tokens[i + 1]))
            };
            if start + 1 < tokens.len() && strip(start) {
                start += 1;
            } else {
                break;
            }
        }
        // A metonym or abbreviation of this crate's table ("the Kremlin",
        // "EU") names its actor.
        let metonym = self
            .title_patterns
            .get(norm)
            .and_then(|p| p.holder.as_ref());
        if let Some(h) = metonym.filter(|h| h.complete) {
            return Some(ActorMatch {
                code: h.code.to_string(),
                name: norm.replace(' ', "_"),
                how: MatchHow::Name,
            });
        }
        let mut rest: Vec<&str> = tokens[start..].to_vec();
        while rest.len() > 1 && SUFFIXES.contains(rest.last()?) {
            rest.pop();
        }
        // A surname alone matched the names above if the dictionary lists
        // it alone ("+PUTIN_", "+LAVROV"), as it does for the famous. One
        // derived from a full name needs a given name with it: the
        // dictionaries hold 18,000 office holders, and a bare "Savage" or
        // "Ross" in the news is rarely the Virgin Islands' or Trinidad's.
        if rest.len() < 2 {
            return None;
        }
        let surname = *rest.last()?;
        if self.title_words.contains(surname) || surname.len() < 3 {
            return None;
        }
        let all = self.surnames.get(phonetic(surname).as_str())?;
        let spelling = spelling_hash(surname);
        let same: Vec<Surname> = all
            .iter()
            .copied()
            .filter(|c| c.spelling == spelling)
            .collect();
        let cands: &[Surname] = if same.is_empty() { all } else { &same };
        let id = cands[0].id;
        if cands.iter().any(|c| c.id != id || !c.person) {
            return None; // several people share the surname
        }
        // The given name nearest the surname: "Israeli right-winger Ariel
        // Sharon" → ARIEL, "Vladimir V. Putin" → V.
        // "al-Assad" is a surname alone.
        let given = rest[..rest.len() - 1]
            .iter()
            .rev()
            .find(|t| !PARTICLES.contains(t))?;
        // "Alexander Lavrov" is not Sergey Lavrov: the given name's initial
        // must be one the dictionary writes with the surname.
        if cands.iter().all(|c| c.initials & initial_bit(given) == 0) {
            return None;
        }
        self.resolve(&[id], date)
    }

    /// The agent code of a role or group word of the agents dictionary
    /// alone ("police" `COP`, "rebels" `REB`, "security forces" `COP`), for
    /// a group whose country the words do not name.
    pub fn agent(&self, phrase: &str) -> Option<&str> {
        match self.title_patterns.get(normalise(phrase).as_str())?.role.as_ref()? {
            Role::Agent(a) => Some(a),
            _ => None,
        }
    }

    /// A title or description ("Ukraine's president", "Kremlin spokesman",
    /// "US Secretary of State", "UN Secretary-General") → a code from the
    /// country, metonym or organisation it names plus the agent code of its
    /// role word. A place after "to", "in", "for" ("envoy to Ukraine") is
    /// the role's destination, not its holder, and one before "backed" or
    /// "based" ("Iran-backed Hezbollah") its patron. With no place or organisation,
    /// a person's possessive names the country ("Putin's spokesman").
    pub fn by_title(&self, title: &str) -> Option<ActorMatch> {
        let norm = normalise(title);
        let tokens: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
        // Every phrase found: (first token, token count, phrase), the
        // longest first at each token.
        let mut found: Vec<(usize, usize, &str, &TitlePattern)> = Vec::new();
        for first in 0..tokens.len() {
            for n in (1..=self.title_max_tokens.min(tokens.len() - first)).rev() {
                let key = tokens[first..first + n].join(" ");
                if let Some((k, p)) = self.title_patterns.get_key_value(key.as_str()) {
                    found.push((first, n, k, p));
                }
            }
        }
        let pick = |want: &dyn Fn(&TitlePattern) -> bool| {
            let mut out = Vec::new();
            let mut next_free = 0;
            for &(first, n, k, p) in &found {
                if first >= next_free && want(p) {
                    out.push((first, n, k, p));
                    next_free = first + n;
                }
            }
            out
        };
        let holders = pick(&|p| p.holder.is_some());
        let mut eligible = holders.iter().filter(|&&(first, n, ..)| {
            (first == 0 || !DESTINATION_WORDS.contains(&tokens[first - 1]))
                && !tokens
                    .get(first + n)
                    .is_some_and(|t| PATRON_WORDS.contains(t))
        });
        let first_held = eligible.next();
        // A group after a nationality is the narrower principal: "Lebanese
        // Hezbollah chief" speaks for Hezbollah. Not an IGO: a "Russian UN
        // envoy" is Russia's.
        let complete = |p: &TitlePattern| p.holder.as_ref().is_some_and(|h| h.complete);
        let narrower = |p: &TitlePattern| {
            complete(p) && !p.holder.as_ref().is_some_and(|h| h.code.starts_with("IGO"))
        };
        let held = match first_held {
            Some(&(.., p)) if !complete(p) => eligible.find(|(.., p)| narrower(p)).or(first_held),
            other => other,
        };
        let (h_first, h_n, holder_key, holder) = match held {
            Some(&(first, n, key, p)) => (first, n, key.to_string(), p.holder.clone()?),
            None => self.possessor(title)?,
        };
        let holder_key = holder_key.as_str();
        let display = |k: &str| k.replace(' ', "_");
        let mut agent: Option<(&str, &str)> = None;
        let mut inherit: Option<&str> = None;
        let roles = pick(&|p| p.role.is_some());
        for &(first, n, key, p) in &roles {
            if first < h_first + h_n && h_first < first + n {
                continue; // overlaps the holder
            }
            match p.role.as_ref() {
                Some(Role::Agent(a)) if agent.is_none() => agent = Some((a, key)),
                Some(Role::Inherit) => inherit = inherit.or(Some(key)),
                _ => {}
            }
        }
        if holder.complete {
            // "former US president": out of office, whatever the office.
            let country = holder
                .code
                .get(..3)
                .filter(|c| self.places.is_country_code(c));
            let code = match (agent, country) {
                (Some((ELITE, _)), Some(c)) => format!("{c}{ELITE}"),
                _ => holder.code.to_string(),
            };
            let name = display(holder_key);
            return Some(ActorMatch {
                code,
                name,
                how: MatchHow::Title,
            });
        }
        // A role that takes its principal's agent, with only a country as
        // principal, speaks for the government.
        let (agent, role_key) = agent.or(inherit.map(|k| ("GOV", k)))?;
        let name = format!("{}+{}", display(holder_key), display(role_key));
        Some(ActorMatch {
            code: format!("{}{}", holder.code, agent),
            name,
            how: MatchHow::Title,
        })
    }

    /// The holder of a title that opens with a person's possessive
    /// ("Putin's spokesman"): the person's country, from the code the
    /// dictionaries give them last. (first token, token count, name, holder)
    fn possessor(&self, title: &str) -> Option<(usize, usize, String, Holder)> {
        let owner = ["'s ", "’s ", "'S ", "’S "]
            .iter()
            .filter_map(|p| title.find(p).map(|i| &title[..i]))
            .min_by_key(|o| o.len())?;
        let m = self
            .name_lookup(owner, None)
            .filter(|m| m.how == MatchHow::Name)?;
        let country = m.code.get(..3).filter(|c| self.places.is_country_code(c))?;
        let n = normalise(owner).split(' ').count();
        let holder = Holder {
            code: country.into(),
            complete: false,
        };
        Some((0, n, m.name, holder))
    }

    /// A country, capital, demonym, region, division or city → its country's
    /// CAMEO code ("Kyiv" → UKR, "Ukrainian" → UKR, "Washington" → USA).
    /// A city name shared by several countries goes to the most populous city.
    pub fn country(&self, place: &str) -> Option<String> {
        let norm = normalise(place);
        let places = &self.places;
        places
            .country(&norm)
            .or_else(|| places.country(without_the(&norm)))
            .map(str::to_string)
    }

    /// The code of an actor at a date among candidates: `None` when they
    /// disagree (a wrong actor is worse than none). A candidate with no code
    /// at the date (out of all its ranges, no default) does not count.
    fn resolve(&self, ids: &[u32], date: Option<Ymd>) -> Option<ActorMatch> {
        let mut best: Option<(u32, u32)> = None;
        for &id in ids {
            let Some(code) = code_at(&self.entries[id as usize].spans, date) else {
                continue;
            };
            match best {
                None => best = Some((id, code)),
                Some((_, c)) if c == code => {}
                Some(_) => return None,
            }
        }
        let (id, code) = best?;
        let code = self.codes[code as usize].clone();
        let how = if code.len() == 3 && self.places.is_country_code(&code) {
            MatchHow::Country
        } else {
            MatchHow::Name
        };
        Some(ActorMatch {
            code,
            name: self.entries[id as usize].name.to_string(),
            how,
        })
    }
}

/// Heap bytes of a hash table, roughly: its buckets (key, value and a
/// control byte each, at hashbrown's load factor) and what its entries own.
pub(crate) fn table_bytes<K, V>(map: &HashMap<K, V>, owned: impl Fn(&K, &V) -> usize) -> usize {
    let buckets = (map.capacity() * 8 / 7).next_power_of_two();
    buckets * (size_of::<(K, V)>() + 1) + map.iter().map(|(k, v)| owned(k, v)).sum::<usize>()
}

fn set_bytes(set: &HashSet<String>) -> usize {
    let buckets = (set.capacity() * 8 / 7).next_power_of_two();
    buckets * (size_of::<String>() + 1) + set.iter().map(heap_str).sum::<usize>()
}

/// Heap bytes of a string, with the allocator's overhead.
pub(crate) fn heap_str(s: &String) -> usize {
    s.capacity().next_multiple_of(16) + 16
}

/// Title words: the tokens of short role phrases (but not "of", "to"),
/// and every one-word country, demonym or capital; the second set holds
/// those that are places or demonyms.
fn title_vocabulary(roles: &[(String, Role)], places: &Places) -> (HashSet<String>, HashSet<String>) {
    let mut title_words: HashSet<String> = HashSet::default();
    for (phrase, _) in roles {
        if phrase.split(' ').count() <= 3 {
            let words = phrase.split(' ').filter(|w| !FUNCTION_WORDS.contains(w));
            title_words.extend(words.map(str::to_string));
        }
    }
    let mut place_words: HashSet<String> = HashSet::default();
    for (key, _) in places.holder_keys() {
        if !key.contains(' ') && !title_words.contains(&key) {
            place_words.insert(key);
        }
    }
    title_words.extend(place_words.iter().cloned());
    (title_words, place_words)
}

/// The title matcher: holders (metonyms, countries, demonyms, capitals,
/// then dictionary organisations) and role phrases, looked up by token
/// n-grams.
fn title_patterns(places: &Places, org_holders: Vec<(String, Holder)>, roles: Vec<(String, Role)>) -> HashMap<String, TitlePattern> {
    let mut title_patterns: HashMap<String, TitlePattern> = HashMap::with_capacity_and_hasher(30_000, Default::default());
    for (key, holder) in places.holder_keys().chain(org_holders) {
        let p = title_patterns.entry(key).or_default();
        if p.holder.is_none() {
            p.holder = Some(holder);
        }
    }
    for (phrase, role) in roles {
        title_patterns.entry(phrase).or_default().role = Some(role);
    }
    title_patterns
}

/// The name tables as the dictionaries' actors are added, one by one.
struct Builder {
    entries: Vec<Entry>,
    exact: IdMap,
    fuzzy: IdMap,
    surnames: HashMap<String, Vec<Surname>>,
    /// Identical blocks repeated in a file are one actor.
    seen: HashMap<u64, Vec<u32>>,
    org_holders: Vec<(String, Holder)>,
    persons: usize,
}

impl Builder {
    fn new(actors: usize) -> Builder {
        Builder {
            entries: Vec::with_capacity(actors),
            exact: IdMap::with_capacity(80_000),
            fuzzy: IdMap::with_capacity(80_000),
            surnames: HashMap::with_capacity_and_hasher(20_000, Default::default()),
            seen: HashMap::with_capacity_and_hasher(40_000, Default::default()),
            org_holders: Vec::new(),
            persons: 0,
        }
    }

    /// Adds one actor: its names to the exact and phonetic tables, a
    /// person's surname, an organisation's names as title holders and
    /// (for a country's) as places.
    fn add(&mut self, actor: RawActor, codes: &Codes, places: &mut Places, title_words: &HashSet<String>, place_words: &HashSet<String>) {
        let canonical = normalise(actor.names[0]);
        // A dated code marks a person (roles change with time), unless
        // the name is an organisation's ("ISLAMIC STATE OF IRAQ", dated
        // by its founding); CountryInfo's office holders are persons.
        let is_role_word = |t: &str| title_words.contains(t) && !place_words.contains(t);
        let person = actor.leader_list || (actor.spans.iter().any(Span::is_dated) && canonical.contains(' ') && !canonical.split(' ').any(is_role_word));
        let same = self.seen.entry(spelling_hash(&canonical)).or_default();
        if same.iter().any(|&i| {
            let e = &self.entries[i as usize];
            *e.spans == *actor.spans && *e.name == *actor.names[0]
        }) {
            return;
        }
        let id = self.entries.len() as u32;
        same.push(id);
        self.persons += person as usize;
        let undated_code = match actor.spans.as_slice() {
            [Span { code: Some(c), from: None, to: None }] => Some(codes.get(*c).to_string()),
            _ => None,
        };
        let mut canonical = Some(canonical);
        for (n, name) in actor.names.iter().enumerate() {
            let mut norm = canonical.take().unwrap_or_else(|| normalise(name));
            if let Some(rest) = norm.strip_prefix("THE ").filter(|r| !r.is_empty()) {
                norm = rest.to_string();
            }
            if norm.is_empty() {
                continue;
            }
            if person {
                self.add_person_name(&norm, id, title_words);
            } else if let Some(code) = &undated_code {
                if !self.add_organisation_name(&norm, n, id, code, places, title_words, &is_role_word) {
                    continue;
                }
            }
            self.exact.add(norm, id);
        }
        self.entries.push(Entry {
            name: actor.names[0].into(),
            spans: actor.spans.into(),
            country: undated_code.as_ref().is_some_and(|c| places.is_country_code(c)),
        });
    }

    /// A person's name: by its phonetic key, and its surname.
    fn add_person_name(&mut self, norm: &str, id: u32, title_words: &HashSet<String>) {
        if norm.contains(' ') {
            self.fuzzy.add(phonetic(norm), id);
        }
        if let Some((surname, initials)) = surname_of(norm, title_words) {
            let list = self.surnames.entry(phonetic(surname)).or_default();
            let spelling = spelling_hash(surname);
            match list.iter_mut().find(|s| s.id == id && s.spelling == spelling) {
                Some(s) => s.initials |= initials,
                None => list.push(Surname { id, initials, spelling, person: true }),
            }
        }
    }

    /// The name of an organisation (or place) with one undated code: a
    /// place for the actor layer, a holder of titles. Whether the caller
    /// adds it to the exact names (a one-word synonym is added there only).
    #[allow(clippy::too_many_arguments)]
    fn add_organisation_name(
        &mut self,
        norm: &str,
        n: usize,
        id: u32,
        code: &str,
        places: &mut Places,
        title_words: &HashSet<String>,
        is_role_word: &dyn Fn(&str) -> bool,
    ) -> bool {
        // An undated name that looks like a person's ("JOHN SMITH") still
        // makes its surname ambiguous.
        if n == 0 {
            if let Some((surname, initials)) = surname_of(norm, title_words)
                .filter(|_| (2..=3).contains(&norm.split(' ').count()))
                .filter(|_| !norm.split(' ').any(is_role_word))
            {
                let s = Surname { id, initials, spelling: spelling_hash(surname), person: false };
                self.surnames.entry(phonetic(surname)).or_default().push(s);
            }
        }
        places.add_petrarch(norm, code);
        let complete = !(code.len() == 3 && places.is_country_code(code));
        // A one-word synonym of an organisation may be a plain word
        // (TANZIM's "ORGANIZATION"): in titles, only its own name or a
        // place filed under a country counts.
        if complete && n > 0 && !norm.contains(' ') {
            self.exact.add(norm.to_string(), id);
            return false;
        }
        self.org_holders.push((norm.to_string(), Holder { code: code.into(), complete }));
        true
    }
}

/// PETRARCH writes an office holder's code after office as a bare agent
/// (`KOFI_ANNAN_ [IGOUNO 970101-061231] [ELI]`): it belongs to the holder's
/// country or organisation, taken from the latest of its other codes
/// (IGOUNO + ELI = IGOUNOELI; RUSGOV → RUS + ELI).
fn attach_bare_agents(
    spans: &mut [Span],
    codes: &mut Codes,
    agents: &HashSet<&str>,
    places: &Places,
) {
    let is_bare = |c: &str| c.len() == 3 && agents.contains(c) && !places.is_country_code(c);
    let bare_of = |s: &Span, codes: &Codes| s.code.filter(|&c| is_bare(codes.get(c)));
    if !spans.iter().any(|s| bare_of(s, codes).is_some()) {
        return;
    }
    let Some(owner) = spans
        .iter()
        .filter(|s| s.code.is_some() && bare_of(s, codes).is_none())
        .max_by_key(|s| (s.to.unwrap_or(u32::MAX), s.from.unwrap_or(0)))
        .and_then(|s| s.code)
    else {
        return;
    };
    let mut prefix = codes.get(owner).to_string();
    while prefix.len() > 3 && agents.contains(&prefix[prefix.len() - 3..]) {
        prefix.truncate(prefix.len() - 3);
    }
    for span in spans.iter_mut() {
        if let Some(bare) = span.code.filter(|&c| is_bare(codes.get(c))) {
            let code = format!("{prefix}{}", codes.get(bare));
            span.code = Some(codes.intern(&code));
        }
    }
}

/// The code valid at a date: the range that contains it (the latest-starting
/// one if several), else the undated code. With no date: the open-ended
/// range (`>date`), else the undated code, else the latest-ending range.
fn code_at(spans: &[Span], date: Option<Ymd>) -> Option<u32> {
    let undated = spans.iter().find(|s| !s.is_dated());
    let span = match date {
        Some(d) => spans
            .iter()
            .filter(|s| s.is_dated() && s.contains(d))
            .max_by_key(|s| s.from.unwrap_or(0))
            .or(undated),
        None => spans
            .iter()
            .filter(|s| s.from.is_some() && s.to.is_none())
            .max_by_key(|s| s.from)
            .or(undated)
            .or_else(|| spans.iter().filter(|s| s.to.is_some()).max_by_key(|s| s.to)),
    };
    span?.code
}

/// Key → entry ids, with one id (the common case) stored inline rather
/// than in a vector of its own.
#[derive(Default)]
struct IdMap {
    map: HashMap<String, u32>,
    /// Id lists of keys with several ids; the map's value is then an index
    /// here with `MULTI` set.
    multi: Vec<Vec<u32>>,
}

const MULTI: u32 = 1 << 31;

impl IdMap {
    fn with_capacity(n: usize) -> IdMap {
        IdMap {
            map: HashMap::with_capacity_and_hasher(n, Default::default()),
            multi: Vec::new(),
        }
    }
    fn add(&mut self, key: String, id: u32) {
        match self.map.entry(key) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let v = *e.get();
                if v & MULTI != 0 {
                    let list = &mut self.multi[(v & !MULTI) as usize];
                    if !list.contains(&id) {
                        list.push(id);
                    }
                } else if v != id {
                    e.insert(self.multi.len() as u32 | MULTI);
                    self.multi.push(vec![v, id]);
                }
            }
        }
    }
    fn get(&self, key: &str) -> Option<&[u32]> {
        let v = self.map.get(key)?;
        Some(if v & MULTI != 0 {
            &self.multi[(v & !MULTI) as usize]
        } else {
            std::slice::from_ref(v)
        })
    }
    fn len(&self) -> usize {
        self.map.len()
    }
    fn approx_bytes(&self) -> usize {
        table_bytes(&self.map, |k, _| heap_str(k))
            + self
                .multi
                .iter()
                .map(|v| v.capacity() * 4 + 24)
                .sum::<usize>()
    }
}

/// The surname of a person's name as the dictionary writes it, and the
/// initials of the given names written before it: "FOREIGN MINISTER
/// SERGEY V LAVROV" → ("LAVROV", {S, V}), "PRESIDENT PUTIN" → ("PUTIN", {}).
fn surname_of<'a>(norm: &'a str, title_words: &HashSet<String>) -> Option<(&'a str, u32)> {
    let mut toks = norm.split(' ').rev().skip_while(|t| SUFFIXES.contains(t));
    let surname = toks.next()?;
    if surname.len() < 3
        || title_words.contains(surname)
        || surname.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    let initials = toks
        .filter(|t| !title_words.contains(*t) && !PARTICLES.contains(t))
        .fold(0, |acc, t| acc | initial_bit(t));
    Some((surname, initials))
}

fn spelling_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

fn initial_bit(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(&b) if b.is_ascii_uppercase() => 1 << (b - b'A'),
        _ => 0,
    }
}

/// PETRARCH writes some names with an article ("THE_ISLAMIC_STATE",
/// "THE_EUROPEAN_UNION"), news often without: keys go without it.
fn without_the(norm: &str) -> &str {
    match norm.strip_prefix("THE ") {
        Some(rest) if !rest.is_empty() => rest,
        _ => norm,
    }
}

/// Role phrases: the agents dictionary, then this crate's `roles.tsv`
/// over it.
fn load_roles() -> Vec<(String, Role)> {
    let mut map: HashMap<String, Role> = HashMap::default();
    for a in petrarch::parse_agents(AGENTS) {
        map.entry(a.phrase).or_insert(Role::Agent(a.agent.into()));
    }
    for line in ROLES.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let Some((phrase, agent)) = line.split_once('\t') else {
            continue;
        };
        let role = match agent.trim() {
            "*" => Role::Inherit,
            "-" => Role::Address,
            a => Role::Agent(a.into()),
        };
        let phrase = normalise(phrase);
        if !matches!(role, Role::Address) {
            map.insert(petrarch::regular_plural(&phrase), role.clone());
        }
        map.insert(phrase, role);
    }
    let mut v: Vec<(String, Role)> = map.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}
