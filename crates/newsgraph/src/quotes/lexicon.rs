//! The quote stage's word lists, compiled once from
//! `crates/newsgraph/data/quotes/`: speech verbs with their inflections,
//! closed-class words, the phrases that mark a claim as false, and the
//! confidence of each attribution pattern.

use crate::doc::Attribution;
use crate::lexis::lists::rows as lines;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Verb flags (see `data/quotes/verbs.tsv`).
pub const SPEECH: u8 = 1;
pub const ADDRESSEE: u8 = 2;
pub const INVERTS: u8 = 4;
pub const BELIEF: u8 = 8;
pub const NAMING: u8 = 16;
pub const NEEDS_THAT: u8 = 32;
pub const ASKS: u8 = 64;

/// Word classes (see `data/quotes/words.tsv`); a word may have several.
pub const PRON: u8 = 1;
pub const DET: u8 = 2;
pub const ADV: u8 = 4;
pub const STOP: u8 = 8;
pub const TIMEPREP: u8 = 16;
pub const TIME: u8 = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    Past,
    Ing,
    Participle,
}

#[derive(Clone, Copy, Debug)]
pub struct Verb {
    pub flags: u8,
    pub form: Form,
}

pub struct Lexicon {
    verbs: HashMap<Box<str>, Verb, Fx>,
    /// For each first letter, a bit per word length present among the verb
    /// forms: most words are ruled out without hashing.
    verb_shapes: Box<[u32; 676]>,
    words: HashMap<&'static str, u8, Fx>,
    /// Flag phrases as word sequences, with their label.
    pub flags: Vec<(Vec<&'static str>, &'static str)>,
    confidence: HashMap<Attribution, f32>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);


fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular English inflections: 3rd person, past, -ing.
fn regular(lemma: &str) -> [String; 3] {
    let b = lemma.as_bytes();
    let last = b[b.len() - 1];
    let before = if b.len() > 1 { b[b.len() - 2] } else { b'a' };
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') || lemma.ends_with('z') {
        format!("{lemma}es")
    } else if last == b'y' && !is_vowel(before) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let past = if last == b'e' {
        format!("{lemma}d")
    } else if last == b'y' && !is_vowel(before) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    };
    let ing = if last == b'e' && before != b'e' { format!("{}ing", &lemma[..lemma.len() - 1]) } else { format!("{lemma}ing") };
    [third, past, ing]
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut verbs: HashMap<Box<str>, Verb, Fx> = HashMap::default();
        for l in lines(include_str!("../../data/quotes/verbs.tsv")) {
            let mut cols = l.split('\t');
            let lemma = cols.next().unwrap_or("").trim();
            let fl = cols.next().unwrap_or("");
            let mut flags = 0;
            for c in fl.chars() {
                flags |= match c {
                    'S' => SPEECH,
                    'A' => ADDRESSEE,
                    'I' => INVERTS,
                    'B' => BELIEF,
                    'N' => NAMING,
                    'C' => NEEDS_THAT,
                    'Q' => ASKS,
                    _ => 0,
                };
            }
            let irregular: Vec<String> = cols.next().map(|s| s.split(',').map(|w| w.trim().to_string()).collect()).unwrap_or_default();
            let (third, past, ing, part) = if irregular.len() == 4 {
                (irregular[0].clone(), irregular[1].clone(), irregular[2].clone(), irregular[3].clone())
            } else {
                let [t, p, i] = regular(lemma);
                (t, p.clone(), i, p)
            };
            // Later forms do not overwrite earlier ones: "said" stays a past.
            for (w, form) in [(lemma.to_string(), Form::Base), (third, Form::Third), (past, Form::Past), (ing, Form::Ing), (part, Form::Participle)] {
                verbs.entry(w.into_boxed_str()).or_insert(Verb { flags, form });
            }
        }
        let mut words: HashMap<&'static str, u8, Fx> = HashMap::default();
        for l in lines(include_str!("../../data/quotes/words.tsv")) {
            let Some((w, c)) = l.split_once('\t') else { continue };
            let class = match c.trim() {
                "pron" => PRON,
                "det" => DET,
                "adv" => ADV,
                "stop" => STOP,
                "timeprep" => TIMEPREP,
                "time" => TIME,
                _ => 0,
            };
            *words.entry(w.trim()).or_insert(0) |= class;
        }
        let flags = lines(include_str!("../../data/quotes/flags.tsv"))
            .filter_map(|l| {
                let (p, f) = l.split_once('\t')?;
                Some((p.split_whitespace().collect(), f.trim()))
            })
            .collect();
        let confidence = lines(include_str!("../../data/quotes/confidence.tsv"))
            .filter_map(|l| {
                let mut c = l.split('\t');
                let pattern: Attribution = c.next()?.trim().parse().ok()?;
                let v: f32 = c.next()?.trim().parse().ok()?;
                Some((pattern, v))
            })
            .collect();
        let mut verb_shapes = Box::new([0u32; 676]);
        for w in verbs.keys() {
            if let Some(k) = shape(w.as_bytes()) {
                verb_shapes[k] |= 1 << w.len();
            }
        }
        Lexicon { verbs, verb_shapes, words, flags, confidence }
    }

    pub fn verb(&self, word: &str) -> Option<Verb> {
        let k = shape(word.as_bytes())?;
        if self.verb_shapes[k] & (1 << word.len()) == 0 {
            return None;
        }
        with_lower(word, |w| self.verbs.get(w).copied())
    }

    pub fn class(&self, word: &str) -> u8 {
        with_lower(word, |w| self.words.get(w).copied()).unwrap_or(0)
    }

    /// The calibrated confidence of an attribution pattern.
    pub fn confidence(&self, pattern: Attribution) -> f32 {
        self.confidence.get(&pattern).copied().unwrap_or(0.5)
    }
}

/// The slot of a word's first two letters, for words of 2 to 31 letters.
fn shape(b: &[u8]) -> Option<usize> {
    if b.len() < 2 || b.len() >= 32 {
        return None;
    }
    let (x, y) = (b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase());
    (x.is_ascii_lowercase() && y.is_ascii_lowercase()).then(|| (x - b'a') as usize * 26 + (y - b'a') as usize)
}

/// A fast hash for short keys (the word lists are ours, not an attacker's):
/// the multiply-rotate hash of rustc's FxHasher.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(v)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = std::hash::BuildHasherDefault<FxHasher>;

/// Calls `f` with the ASCII-lowercased word, without allocating; words
/// that are not short ASCII are in no list.
pub fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    let b = word.as_bytes();
    if b.len() > 24 || !word.is_ascii() {
        return None;
    }
    if !b.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    let mut buf = [0u8; 24];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    f(std::str::from_utf8(&buf[..b.len()]).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_generated_and_irregulars_kept() {
        let l = &*LEXICON;
        assert_eq!(l.verb("stated").map(|v| v.form), Some(Form::Past));
        assert_eq!(l.verb("stating").map(|v| v.form), Some(Form::Ing));
        assert_eq!(l.verb("denies").map(|v| v.form), Some(Form::Third));
        assert_eq!(l.verb("told").map(|v| v.form), Some(Form::Past));
        assert_eq!(l.verb("Said").map(|v| v.form), Some(Form::Past));
        assert!(l.verb("told").unwrap().flags & ADDRESSEE != 0);
        assert!(l.verb("table").is_none());
        assert_eq!(l.class("The"), DET);
        assert!(l.class("on") & STOP != 0 && l.class("on") & TIMEPREP != 0);
    }

    #[test]
    fn every_row_of_the_confidence_table_is_a_pattern_and_every_pattern_has_one() {
        let rows: Vec<&str> = lines(include_str!("../../data/quotes/confidence.tsv")).collect();
        assert_eq!(LEXICON.confidence.len(), rows.len(), "a row names no attribution pattern");
        for p in Attribution::ALL {
            assert!(LEXICON.confidence.contains_key(p), "{p} has no confidence");
        }
    }
}
