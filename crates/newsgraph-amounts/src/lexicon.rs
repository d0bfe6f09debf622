//! The tables of `data/*.tsv`, compiled once into one word map.
//!
//! Every word the tagger needs to know about (number words, scales,
//! currencies, units, months, stop words ...) has one [`Entry`] keyed by its
//! lower-case bytes, so the parser looks each word up once.

use rustc_hash::FxHashMap;

const NUMBERS: &str = include_str!("../data/numbers.tsv");
const SCALES: &str = include_str!("../data/scales.tsv");
const CURRENCIES: &str = include_str!("../data/currencies.tsv");
const CURRENCY_PREFIXES: &str = include_str!("../data/currency_prefixes.tsv");
const QUALIFIERS: &str = include_str!("../data/qualifiers.tsv");
const UNITS: &str = include_str!("../data/units.tsv");
const CONTEXT: &str = include_str!("../data/context.tsv");

/// Longest word the word map holds: words are packed into a u128 key, so a
/// lookup hashes two machine words and compares one integer.
pub(crate) const MAX_WORD: usize = 16;

const FILTER_BITS: usize = 32 * 32 * 16;

/// The filter bit of an ASCII word: its first two letters and its length.
#[inline]
fn filter_bit(w: &[u8]) -> Option<usize> {
    if w.len() < 2 || w.len() > 15 {
        return None;
    }
    let a = (w[0] | 0x20) as usize & 31;
    let b = (w[1] | 0x20) as usize & 31;
    Some((a * 32 + b) * 16 + w.len())
}

/// The lower-case bytes of `w` packed into an integer (None if too long).
#[inline]
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..w.len()].copy_from_slice(w);
    buf.make_ascii_lowercase();
    Some(u128::from_le_bytes(buf))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumClass {
    Card,
    Tens,
    Mult,
    Dozen,
    Vague,
    Fraction,
    Ordinal,
    /// "thirds" in "two-thirds".
    Denominator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScaleWhere {
    Both,
    AttachedMoney,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CurPos {
    Symbol,
    SymbolScaled,
    Code,
    Word,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Currency {
    pub iso: &'static str,
    pub pos: CurPos,
    pub factor: f64,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    pub canon: &'static str,
    pub attached: bool,
}

pub(crate) const MONTH: u16 = 1;
pub(crate) const WEEKDAY: u16 = 2;
pub(crate) const TIMEUNIT: u16 = 4;
pub(crate) const CLOCK: u16 = 8;
pub(crate) const REF: u16 = 16;
pub(crate) const STOP: u16 = 32;
pub(crate) const ORDINAL_NOUN: u16 = 64;
/// First word of a two-word unit ("per cent", "nautical miles").
pub(crate) const UNIT_HEAD: u16 = 128;
/// A word of some qualifier phrase ("about", "least").
pub(crate) const QUAL_WORD: u16 = 256;
/// A street word: "10 Downing Street" is an address.
pub(crate) const ADDRESS: u16 = 512;
/// A verb of change: "rose 5% to 12%" is no range.
pub(crate) const CHANGE: u16 = 1024;
/// A plural without a final "s" ("people", "children").
pub(crate) const PLURAL: u16 = 2048;

#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    pub num: Option<(f64, NumClass)>,
    pub scale: Option<(f64, ScaleWhere)>,
    pub currency: Option<Currency>,
    pub flags: u16,
}

pub(crate) struct Qualifier {
    /// Lower-case words of the phrase.
    pub words: Vec<&'static str>,
    pub norm: &'static str,
}

pub(crate) struct Lexicon {
    pub words: FxHashMap<u128, Entry>,
    /// Number words only, for the scan over every word of the text.
    nums: FxHashMap<u128, (f64, NumClass)>,
    /// One bit per (first letter, second letter, length) of a number word: most
    /// words of a text are rejected without hashing.
    num_filter: Vec<u64>,
    /// Units keyed as written (case matters for "m", "C", "GB").
    pub units_exact: FxHashMap<&'static str, Unit>,
    /// Units of two or more letters that are not all capitals, keyed in lower case.
    pub units_lower: FxHashMap<u128, Unit>,
    /// Symbols written before a figure ("$", "£", "Rs").
    pub symbols: Vec<(&'static str, Currency)>,
    /// (letters, symbol, ISO) for "US$", "AU$", "GB £".
    pub prefixes: Vec<(&'static str, &'static str, &'static str)>,
    /// Longest phrase first.
    pub qualifiers: Vec<Qualifier>,
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# ") && *l != "#")
        .map(|l| l.split('\t').collect())
}

/// The rows of the qualifier table: (phrase, normalised qualifier).
pub fn qualifier_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(QUALIFIERS).map(|r| (r[0], r[1]))
}

impl Lexicon {
    pub fn new() -> Self {
        let mut words: FxHashMap<u128, Entry> = FxHashMap::default();
        fn entry<'m>(words: &'m mut FxHashMap<u128, Entry>, w: &str) -> &'m mut Entry {
            let key = pack(w.as_bytes())
                .unwrap_or_else(|| panic!("lexicon word longer than {MAX_WORD} bytes: {w}"));
            words.entry(key).or_default()
        }
        for r in rows(NUMBERS) {
            let class = match r[2] {
                "card" => NumClass::Card,
                "tens" => NumClass::Tens,
                "mult" => NumClass::Mult,
                "dozen" => NumClass::Dozen,
                "vague" => NumClass::Vague,
                "fraction" => NumClass::Fraction,
                "ordinal" => NumClass::Ordinal,
                "denominator" => NumClass::Denominator,
                other => panic!("numbers.tsv: unknown class {other}"),
            };
            entry(&mut words, r[0]).num = Some((r[1].parse().expect("numbers.tsv value"), class));
        }
        for r in rows(SCALES) {
            let w = match r[2] {
                "both" => ScaleWhere::Both,
                "attached_money" => ScaleWhere::AttachedMoney,
                other => panic!("scales.tsv: unknown placement {other}"),
            };
            entry(&mut words, r[0]).scale = Some((r[1].parse().expect("scales.tsv value"), w));
        }
        let mut symbols = Vec::new();
        for r in rows(CURRENCIES) {
            let pos = match r[2] {
                "symbol" => CurPos::Symbol,
                "symbol_scaled" => CurPos::SymbolScaled,
                "code" => CurPos::Code,
                "word" => CurPos::Word,
                other => panic!("currencies.tsv: unknown position {other}"),
            };
            let c = Currency {
                iso: r[1],
                pos,
                factor: r[3].parse().expect("currencies.tsv factor"),
            };
            match pos {
                CurPos::Symbol | CurPos::SymbolScaled => symbols.push((r[0], c)),
                CurPos::Code | CurPos::Word => entry(&mut words, r[0]).currency = Some(c),
            }
        }
        // Longest symbol first, so that "R$" wins over "$".
        symbols.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let prefixes = rows(CURRENCY_PREFIXES)
            .map(|r| (r[0], r[1], r[2]))
            .collect();
        for r in rows(CONTEXT) {
            let f = match r[1] {
                "month" => MONTH,
                "weekday" => WEEKDAY,
                "timeunit" => TIMEUNIT,
                "clock" => CLOCK,
                "ref" => REF,
                "stop" => STOP,
                "ordinal_noun" => ORDINAL_NOUN,
                "address" => ADDRESS,
                "change" => CHANGE,
                "plural" => PLURAL,
                other => panic!("context.tsv: unknown class {other}"),
            };
            entry(&mut words, r[0]).flags |= f;
        }
        let mut units_exact = FxHashMap::default();
        let mut units_lower = FxHashMap::default();
        for r in rows(UNITS) {
            let u = Unit {
                canon: r[1],
                attached: r[2] == "attached",
            };
            units_exact.insert(r[0], u);
            let all_caps = r[0].chars().all(|c| !c.is_lowercase());
            if r[0].len() >= 2 && !all_caps {
                if let Some(key) = pack(r[0].to_lowercase().as_bytes()) {
                    units_lower.insert(key, u);
                }
            }
            if let Some((head, _)) = r[0].split_once(' ') {
                entry(&mut words, head).flags |= UNIT_HEAD;
            }
        }
        let mut qualifiers: Vec<Qualifier> = qualifier_rows()
            .map(|(phrase, norm)| Qualifier {
                words: phrase.split(' ').collect(),
                norm,
            })
            .collect();
        for q in &qualifiers {
            for w in &q.words {
                entry(&mut words, w).flags |= QUAL_WORD;
            }
        }
        qualifiers.sort_by_key(|q| std::cmp::Reverse(q.words.len()));
        let mut nums = FxHashMap::default();
        let mut num_filter = vec![0u64; FILTER_BITS / 64];
        for r in rows(NUMBERS) {
            let w = r[0].as_bytes();
            if let (Some(k), Some(bit)) = (pack(w), filter_bit(w)) {
                nums.insert(k, words[&k].num.expect("number word"));
                num_filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        Lexicon {
            words,
            nums,
            num_filter,
            units_exact,
            units_lower,
            symbols,
            prefixes,
            qualifiers,
        }
    }

    /// The entry of a word given in any case.
    #[inline]
    pub fn get(&self, w: &[u8]) -> Option<&Entry> {
        self.words.get(&pack(w)?)
    }

    /// A number word of letters only ("twenty", "Dozen"), for the scan.
    #[inline]
    pub fn number_word(&self, w: &[u8]) -> Option<(f64, NumClass)> {
        let bit = filter_bit(w)?;
        if self.num_filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.nums.get(&pack(w)?).copied()
    }

    pub fn flags(&self, w: &[u8]) -> u16 {
        self.get(w).map_or(0, |e| e.flags)
    }

    /// A unit written as `w` ("km", "GB", "per cent").
    pub fn unit(&self, w: &str) -> Option<Unit> {
        if let Some(u) = self.units_exact.get(w) {
            return Some(*u);
        }
        if w.len() < 2 {
            return None;
        }
        self.units_lower.get(&pack(w.as_bytes())?).copied()
    }
}
