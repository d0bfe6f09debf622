//! The data tables (`data/lexicon.tsv`, `data/phrases.tsv`), parsed once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::scan::{tokenize_into, Tok};

/// A unit of time as written ("three *years*").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
}

/// One reading of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    Month(u8),
    MonthAbbr(u8),
    Weekday(u8),
    WeekdayPl(u8),
    Unit(Unit),
    Units(Unit),
    /// A cardinal; `None` for vague counts ("several").
    Num(Option<u32>),
    Ord(u8),
    /// Part of day: "MO", "AF", "EV", "NI", or a clock time "12:00".
    Part(&'static str),
    Season(&'static str),
    /// -1 last/past, 0 this/current, +1 next/coming.
    Rel(i8),
    Mod(&'static str),
    Approx,
    Tz,
    /// Only marks a word that may start an expression.
    Starter,
}

/// A fixed phrase of `phrases.tsv`.
#[derive(Debug)]
pub struct Phrase {
    /// Lower-case token texts.
    pub words: Vec<String>,
    pub kind: crate::TimexType,
    pub value: &'static str,
    pub family: &'static str,
}

/// FNV-1a: the keys are short words, so SipHash's cost dominated lookups.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub struct Tables {
    lex: FastMap<u128, Vec<Lex>>,
    /// Phrases by their first word, longest first.
    pub phrases: FastMap<String, Vec<Phrase>>,
    /// One bit per (length, first letter, last letter) of a lexicon word:
    /// most words of a text fail this test and skip the hash lookup.
    sieve: Vec<u64>,
    /// Trigger words: every lexicon word that can head an expression and
    /// every content word of a phrase.
    pub triggers: AhoCorasick,
}

const LEXICON: &str = include_str!("../data/lexicon.tsv");
const PHRASES: &str = include_str!("../data/phrases.tsv");

/// Words that never trigger a search by themselves: they only extend an
/// expression found through another word.
const NON_TRIGGER: &[&str] = &[
    "a", "an", "the", "in", "of", "at", "to", "for", "this", "last", "next", "so", "right",
    "per", "each", "every", "some", "over", "under", "about", "around", "up", "more", "less",
    "than", "only", "just", "end", "start", "beginning", "middle", "first", "second",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "not", "long",
    "later", "earlier", "until", "s", "coming", "current", "following", "full", "whole",
    "early", "late", "mid", "another", "further", "several", "few", "many", "numerous", "just",
    "barely", "least", "straight", "consecutive", "entire", "additional", "previous",
    "preceding", "upcoming", "nearly", "almost", "roughly", "approximately", "dozen",
    "et", "pt", "ct", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc",
    "bst", "cet", "cest", "near", "foreseeable", "recent", "new", "eve", "time",
];

fn parse_lex(class: &str, value: &'static str) -> Option<Lex> {
    let n = || value.parse::<u32>().ok();
    Some(match class {
        "month" => Lex::Month(n()? as u8),
        "month_abbr" => Lex::MonthAbbr(n()? as u8),
        "weekday" => Lex::Weekday(n()? as u8),
        "weekday_pl" => Lex::WeekdayPl(n()? as u8),
        "unit" | "units" => {
            let u = match value {
                "S" => Unit::Second,
                "MIN" => Unit::Minute,
                "H" => Unit::Hour,
                "D" => Unit::Day,
                "W" => Unit::Week,
                "FN" => Unit::Fortnight,
                "M" => Unit::Month,
                "Q" => Unit::Quarter,
                "Y" => Unit::Year,
                "DE" => Unit::Decade,
                "CE" => Unit::Century,
                "WE" => Unit::Weekend,
                _ => return None,
            };
            if class == "unit" {
                Lex::Unit(u)
            } else {
                Lex::Units(u)
            }
        }
        "num" => Lex::Num(if value == "X" { None } else { Some(n()?) }),
        "ord" => Lex::Ord(n()? as u8),
        "part" => Lex::Part(value),
        "season" => Lex::Season(value),
        "rel" => Lex::Rel(value.parse::<i8>().ok()?),
        "mod" => Lex::Mod(value),
        "approx" => Lex::Approx,
        "tz" => Lex::Tz,
        "starter" | "trigger" => Lex::Starter,
        _ => return None,
    })
}

fn parse_type(s: &str) -> Option<crate::TimexType> {
    use crate::TimexType::*;
    Some(match s {
        "DATE" => Date,
        "TIME" => Time,
        "DURATION" => Duration,
        "SET" => Set,
        _ => return None,
    })
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn build() -> Tables {
    let mut lex: FastMap<u128, Vec<Lex>> = FastMap::default();
    let mut trig: Vec<String> = Vec::new();
    for r in rows(LEXICON) {
        let (Some(&w), Some(&c), Some(&v)) = (r.first(), r.get(1), r.get(2)) else { continue };
        let Some(l) = parse_lex(c, v) else { panic!("bad lexicon row {r:?}") };
        lex.entry(pack(w).expect("lexicon word of at most 15 letters")).or_default().push(l);
        let heads = matches!(
            l,
            Lex::Month(_)
                | Lex::MonthAbbr(_)
                | Lex::Weekday(_)
                | Lex::WeekdayPl(_)
                | Lex::Unit(_)
                | Lex::Units(_)
                | Lex::Part(_)
                | Lex::Season(_)
        );
        if (heads || c == "trigger") && !NON_TRIGGER.contains(&w) {
            trig.push(w.to_string());
        }
    }
    let mut phrases: FastMap<String, Vec<Phrase>> = FastMap::default();
    let mut toks: Vec<Tok> = Vec::new();
    for r in rows(PHRASES) {
        let (Some(&p), Some(&t), Some(&v), Some(&f)) = (r.first(), r.get(1), r.get(2), r.get(3))
        else {
            panic!("bad phrase row {r:?}")
        };
        let kind = parse_type(t).unwrap_or_else(|| panic!("bad type in {r:?}"));
        toks.clear();
        tokenize_into(p, 0, p.len(), None, &mut toks);
        let words: Vec<String> = toks.iter().map(|t| p[t.s..t.e].to_ascii_lowercase()).collect();
        for w in &words {
            if w.chars().all(|c| c.is_ascii_alphabetic()) && !NON_TRIGGER.contains(&w.as_str()) {
                trig.push(w.clone());
            }
        }
        phrases.entry(words[0].clone()).or_default().push(Phrase { words, kind, value: v, family: f });
    }
    for v in phrases.values_mut() {
        v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }
    for k in phrases.keys() {
        let Some(k) = pack(k) else { continue };
        let e = lex.entry(k).or_default();
        if e.is_empty() {
            e.push(Lex::Starter);
        }
    }
    trig.sort();
    trig.dedup();
    for d in 0..10 {
        trig.push(d.to_string());
    }
    let triggers = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&trig)
        .expect("trigger automaton");
    let mut sieve = vec![0u64; SIEVE_BITS / 64];
    for k in lex.keys() {
        let b = sieve_bit(*k);
        sieve[b / 64] |= 1 << (b % 64);
    }
    Tables { lex, phrases, sieve, triggers }
}

pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build)
}

impl Tables {
    /// All readings of `word` (any case), without allocating.
    pub fn lookup(&self, word: &str) -> &[Lex] {
        let Some(k) = pack(word) else { return &[] };
        let b = sieve_bit(k);
        if self.sieve[b / 64] & (1 << (b % 64)) == 0 {
            return &[];
        }
        self.lex.get(&k).map(|v| v.as_slice()).unwrap_or(&[])
    }
}

const SIEVE_BITS: usize = 16 * 64 * 64;

fn sieve_bit(k: u128) -> usize {
    let len = ((k >> 124) as usize) & 15;
    let last = (k & 63) as usize;
    let first = ((k >> (8 * (len.max(1) - 1) as u32)) & 63) as usize;
    (len * 64 + first) * 64 + last
}

/// A word of up to 15 bytes, lower-cased, with its length, as one integer key.
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    // 15 bytes at most, so that the length fits in the top four bits
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut k: u128 = 0;
    for c in b {
        k = (k << 8) | c.to_ascii_lowercase() as u128;
    }
    Some(k | ((b.len() as u128) << 124))
}
