//! The CAMEO codebook of newsgraph's event layer, a leaf crate that knows
//! nothing of the engine's document (as `newsgraph-timex`):
//!
//! - [`Codebook::verb_at`] finds a verb of PETRARCH2's CAMEO verb dictionary
//!   (`data/petrarch2/CAMEO.2.0.txt`, MIT) in a sentence's words, in any of
//!   its forms, several words long when the verb is ("ruled out");
//! - [`Codebook::code`] codes it by the dictionary's patterns over the words
//!   before and after it in its clause ("lifted the sanctions" 0351, "called
//!   for a ceasefire" 0256), else by its block's code; `---` in the
//!   dictionary means no event, and none is coded;
//! - [`Codebook::info`] gives a code's root, base, quad class, Goldstein
//!   score (GDELT's table) and PLOVER category and mode (PLOVER's table,
//!   CC BY-SA 4.0).
//!
//! Words are given upper-case, as the dictionary writes them. The
//! dictionary is read once, on first use.

mod codes;
mod dictionary;
mod intent;

pub use codes::CodeInfo;
pub use intent::{intent, rejection, threat};
use dictionary::{Code, Dictionary, Elem, Piece};
use std::sync::LazyLock;

const CAMEO_VERBS: &str = include_str!("../../../data/petrarch2/CAMEO.2.0.txt");
/// newsgraph's corrections, applied over the dictionary.
const CORRECTIONS: &str = include_str!("../data/corrections.tsv");

/// How far apart two words of a pattern may be (words between them).
const GAP: usize = 4;

/// A verb found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbHit {
    /// How many words its form takes ("ruled out": 2).
    pub len: usize,
    verb: usize,
}

/// Where a pattern places an actor: the words from `After(k)` on (after
/// the verb), or those ending before `Before(k)` (before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Before(usize),
    After(usize),
}

/// A coded verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    pub code: String,
    /// The verb block's name ("ACCUSE") and the verb's lemma ("RULE_OUT").
    pub block: &'static str,
    pub lemma: &'static str,
    /// Whether a pattern coded it (else the verb's or its block's code).
    pub by_pattern: bool,
    /// Where the pattern says the source and the target are.
    pub source: Option<Slot>,
    pub target: Option<Slot>,
    /// The words the pattern matched, as (before?, index).
    pub matched: Vec<Slot>,
}

pub struct Codebook {
    dict: Dictionary,
    codes: codes::Codes,
}

static CODEBOOK: LazyLock<Codebook> = LazyLock::new(Codebook::new);

impl Default for Codebook {
    fn default() -> Codebook {
        Codebook::new()
    }
}

impl Codebook {
    pub fn new() -> Codebook {
        let mut dict = Dictionary::parse(CAMEO_VERBS);
        dict.correct(CORRECTIONS);
        Codebook { dict, codes: codes::Codes::load() }
    }

    /// The codebook, read on first use.
    pub fn global() -> &'static Codebook {
        &CODEBOOK
    }

    /// Verbs, verb blocks and patterns read, for reports.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.dict.verbs.len(), self.dict.blocks.len(), self.dict.blocks.iter().map(|b| b.patterns.len()).sum())
    }

    /// Whether some form of a dictionary verb starts with this word.
    pub fn starts_a_verb(&self, word: &str) -> bool {
        self.dict.forms.contains_key(word)
    }

    /// The verb whose form starts at `words[i]`, the longest form first.
    pub fn verb_at(&self, words: &[&str], i: usize) -> Option<VerbHit> {
        let forms = self.dict.forms.get(*words.get(i)?)?;
        forms
            .iter()
            .filter(|f| f.words.len() <= words.len() - i && f.words.iter().zip(&words[i..]).all(|(a, b)| a == b))
            .max_by_key(|f| f.words.len())
            .map(|f| VerbHit { len: f.words.len(), verb: f.verb })
    }

    /// The lemma of a verb found ("RULE_OUT").
    pub fn lemma(&self, hit: VerbHit) -> &str {
        &self.dict.verbs[hit.verb].lemma
    }

    /// Codes a verb from the words before it and after it in its clause
    /// (upper-case, in text order): the pattern of its block that matches
    /// the most words, else the verb's own code, else its block's; `None`
    /// when that is the dictionary's `---`.
    pub fn code(&'static self, hit: VerbHit, before: &[&str], after: &[&str]) -> Option<Coded> {
        let verb = &self.dict.verbs[hit.verb];
        let block = &self.dict.blocks[verb.block];
        let mut best: Option<(PatternMatch, &dictionary::Pattern)> = None;
        for p in &block.patterns {
            let Some(m) = match_pattern(&p.pre, &p.post, before, after) else { continue };
            if m.words > 0 && best.as_ref().is_none_or(|b| m.words > b.0.words) {
                best = Some((m, p));
            }
        }
        let (code, by_pattern, source, target, matched) = match best {
            Some((m, p)) => (&p.code, true, m.source, m.target, m.matched),
            None => (verb.code.as_ref().unwrap_or(&block.code), false, None, None, Vec::new()),
        };
        match code {
            Code::Event(c) => Some(Coded { code: c.clone(), block: &block.name, lemma: &verb.lemma, by_pattern, source, target, matched }),
            Code::None => None,
        }
    }

    /// What a CAMEO code stands for; `None` for what is no CAMEO code.
    pub fn info(&self, code: &str) -> Option<CodeInfo> {
        self.codes.info(code)
    }
}

/// Whether `pieces` match the words from `at` on.
fn run_matches(pieces: &[Piece], words: &[&str], at: usize) -> bool {
    at + pieces.len() <= words.len() && pieces.iter().zip(&words[at..]).all(|(p, w)| p.matches(w))
}

/// What a pattern matched around a verb.
struct PatternMatch {
    /// Its words matched.
    words: usize,
    source: Option<Slot>,
    target: Option<Slot>,
    matched: Vec<Slot>,
}

/// A pattern against the words around a verb; `None` when it does not
/// match.
fn match_pattern(pre: &[Elem], post: &[Elem], before: &[&str], after: &[&str]) -> Option<PatternMatch> {
    let (mut n, mut source, mut target, mut matched) = (0, None, None, Vec::new());
    // after the verb, left to right
    let mut at = 0;
    for e in post {
        match e {
            Elem::Source => source = Some(Slot::After(at)),
            Elem::Target => target = Some(Slot::After(at)),
            Elem::Words(alts) => {
                let found = (at..(at + GAP + 1).min(after.len())).find_map(|j| alts.iter().find(|a| run_matches(a, after, j)).map(|a| (j, a.len())))?;
                matched.extend((found.0..found.0 + found.1).map(Slot::After));
                n += found.1;
                at = found.0 + found.1;
            }
        }
    }
    // before the verb, right to left
    let mut end = before.len();
    for e in pre.iter().rev() {
        match e {
            Elem::Source => source = Some(Slot::Before(end)),
            Elem::Target => target = Some(Slot::Before(end)),
            Elem::Words(alts) => {
                let low = end.saturating_sub(GAP + 1);
                let found = (low..end).rev().find_map(|e2| alts.iter().find(|a| a.len() <= e2 + 1 && run_matches(a, before, e2 + 1 - a.len())).map(|a| (e2 + 1 - a.len(), a.len())))?;
                matched.extend((found.0..found.0 + found.1).map(Slot::Before));
                n += found.1;
                end = found.0;
            }
        }
    }
    Some(PatternMatch { words: n, source, target, matched })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(words: &str) -> Option<String> {
        let cb = Codebook::global();
        let ws: Vec<String> = words.split_whitespace().map(str::to_uppercase).collect();
        let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
        let i = (0..ws.len()).find(|&i| cb.verb_at(&ws, i).is_some())?;
        let hit = cb.verb_at(&ws, i)?;
        cb.code(hit, &ws[..i], &ws[i + hit.len..]).map(|c| c.code)
    }

    #[test]
    fn the_dictionary_is_read_whole() {
        let (verbs, blocks, patterns) = Codebook::global().sizes();
        assert!(verbs > 1_500 && blocks > 390 && patterns > 4_000, "{verbs} verbs, {blocks} blocks, {patterns} patterns");
    }

    #[test]
    fn verbs_are_coded_by_their_block_or_a_pattern() {
        // the block's code, in any form of the verb
        assert_eq!(code("Russia accused Ukraine").as_deref(), Some("112"));
        assert_eq!(code("they accuse them").as_deref(), Some("112"));
        // a pattern after the verb, words apart: "lifted the economic sanctions"
        // (SANCTION, the block's first pattern that matches, "ease administrative sanctions")
        assert_eq!(code("the EU lifted the economic sanctions on Iran").as_deref(), Some("0351"));
        assert_eq!(code("the EU lifted the curfew").as_deref(), Some("0813"));
        // a set of the dictionary: &CEASEFIRE
        assert_eq!(code("the UN called for a ceasefire").map(|c| c[..2].to_string()).as_deref(), Some("02"));
        // a verb of two words
        let cb = Codebook::global();
        let hit = cb.verb_at(&["RULED", "OUT", "TALKS"], 0).unwrap();
        assert_eq!((hit.len, cb.lemma(hit)), (2, "RULE_OUT"));
        // a block without a code codes only through its patterns
        assert_eq!(code("prices lifted slightly"), None);
    }

    #[test]
    fn codes_carry_root_quad_class_goldstein_and_plover() {
        let i = Codebook::global().info("0356").unwrap();
        assert_eq!((i.root.as_str(), i.base.as_str(), i.quad_class, i.goldstein), ("03", "035", 1, 7.0));
        assert_eq!((i.plover.as_deref(), i.name.as_deref()), (Some("AGREE"), Some("Express intent to de-escalate military engagement")));
        let i = Codebook::global().info("195").unwrap();
        assert_eq!((i.quad_class, i.goldstein, i.plover.as_deref(), i.plover_mode.as_deref()), (4, -10.0, Some("ASSAULT"), Some("heavy-weapons")));
        // a code GDELT's table lacks takes its base's score
        assert_eq!(Codebook::global().info("1125").unwrap().goldstein, -2.0);
        assert!(Codebook::global().info("21").is_none() && Codebook::global().info("0a1").is_none());
    }
}
