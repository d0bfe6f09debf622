//! Named-entity recognition: a greedy averaged perceptron over BIO tags
//! (PER, ORG, LOC, MISC, as the CoNLL-2003 scheme the training data uses).
//!
//! Why this model: it is the classic fast sequence tagger (Collins 2002;
//! Ratinov & Roth 2009 for the feature set), it trains in seconds from the
//! gold corpora, and tagging is a few hash lookups per scored token. Only
//! tokens that can start a name (with an upper-case letter) or continue one
//! (after a B or I tag) are scored; every other token is O without work,
//! which skips most of English running text.
//!
//! The weights are trained by `newsgraph train-ner` (see `train.rs`),
//! pruned, quantised to i8 and embedded in the binary.

pub mod features;

use crate::lexis::hash::PreHashedMap;
use features::{describe, features, Decided, TokInfo, CANDIDATE};
use crate::doc::Doc;

/// Entity types of the recogniser, in class order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Classes: 0 = O, then B-t and I-t for each type t.
pub const NC: usize = 1 + 2 * TYPES.len();

#[cfg_attr(not(feature = "training"), allow(dead_code))] // used by training
pub fn class_b(t: usize) -> usize {
    1 + 2 * t
}
pub fn class_i(t: usize) -> usize {
    2 + 2 * t
}
pub fn is_inside(c: usize) -> bool {
    c != 0 && c.is_multiple_of(2)
}
pub fn type_of(c: usize) -> usize {
    (c - 1) / 2
}

/// Whether class `cur` may follow class `prev`: I-t only after B-t or I-t.
pub fn valid(prev: usize, cur: usize) -> bool {
    !is_inside(cur) || (prev != 0 && type_of(prev) == type_of(cur))
}

/// A recognised name: tokens `start..end` (document token indices) of type
/// `TYPES[kind]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamedSpan {
    pub start: usize,
    pub end: usize,
    pub kind: usize,
}

/// One slot of the weight table: the low 32 bits of a feature key (never 0:
/// 0 marks an empty slot) and its row of weights, 16 bytes, so that four
/// slots share a cache line and the whole table stays small (2 MB for
/// 85,000 features) for the lookups that dominate tagging.
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    w: [i8; NC],
}

/// The weights: an open-addressing table from feature key to a row of
/// `NC` quantised weights.
pub struct Model {
    slots: Vec<Slot>,
    mask: usize,
    #[cfg_attr(not(feature = "training"), allow(dead_code))] // used by training
    len: usize,
}

const MAGIC: &[u8; 8] = b"NGNER\x00\x00\x02";

/// Where a feature's probe starts (its high bits) and the key it stores
/// (its low bits): feature keys are already mixed hashes.
#[inline]
fn slot_of(f: u64, mask: usize) -> usize {
    (f >> 32) as usize & mask
}
#[inline]
fn key_of(f: u64) -> u32 {
    (f as u32) | 1
}

impl Model {
    /// Reads a model written by `training::Trained::to_bytes`.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 20 || &b[..8] != MAGIC {
            return Err("not a newsgraph NER model (version 2)".into());
        }
        let u32_at = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap()) as usize;
        let nc = u32_at(8);
        let n = u32_at(12);
        if nc != NC {
            return Err(format!("model has {nc} classes, this build expects {NC}"));
        }
        let keys_at = 20;
        let w_at = keys_at + 8 * n;
        if b.len() != w_at + n * nc {
            return Err("truncated NER model".into());
        }
        // a load factor between 0.33 and 0.66: short probes, small table
        let cap = (n * 3 / 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mask = cap - 1;
        for r in 0..n {
            let f = u64::from_le_bytes(b[keys_at + 8 * r..keys_at + 8 * r + 8].try_into().unwrap());
            let mut slot = slot_of(f, mask);
            while slots[slot].key != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot].key = key_of(f);
            for c in 0..NC {
                slots[slot].w[c] = b[w_at + NC * r + c] as i8;
            }
        }
        Ok(Model { slots, mask, len: n })
    }

    #[cfg_attr(not(feature = "training"), allow(dead_code))] // used by training
    pub fn len(&self) -> usize {
        self.len
    }

    #[cfg_attr(not(feature = "training"), allow(dead_code))] // used by training
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn scores(&self, feats: &[u64], out: &mut [i32; NC]) {
        *out = [0; NC];
        // Ask for every cache line first, so that the lookups' memory
        // latencies overlap instead of adding up.
        #[cfg(target_arch = "x86_64")]
        for &f in feats {
            let slot = slot_of(f, self.mask);
            // SAFETY: prefetching is a hint; the pointer is in bounds.
            unsafe { std::arch::x86_64::_mm_prefetch(self.slots.as_ptr().add(slot) as *const i8, std::arch::x86_64::_MM_HINT_T0) };
        }
        for &f in feats {
            let (mut slot, key) = (slot_of(f, self.mask), key_of(f));
            loop {
                let s = &self.slots[slot];
                if s.key == key {
                    for (o, w) in out.iter_mut().zip(s.w) {
                        *o += w as i32;
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                slot = (slot + 1) & self.mask;
            }
        }
    }

    /// Tags the document: its names as token spans.
    #[cfg_attr(not(feature = "training"), allow(dead_code))] // used by training
    pub fn tag(&self, doc: &Doc) -> Vec<NamedSpan> {
        self.tag_described(doc, &describe(doc))
    }

    /// As [`Model::tag`], with the tokens already described.
    pub fn tag_described(&self, doc: &Doc, infos: &[TokInfo]) -> Vec<NamedSpan> {
        let mut scores = [0i32; NC];
        let classes = decode_doc(doc, infos, |_, feats, prev| {
            self.scores(feats, &mut scores);
            best_valid(&scores.map(|x| x as f32), prev)
        });
        let mut out = Vec::new();
        for s in &doc.sentences {
            let r = s.tokens();
            spans_of(&classes[r.clone()], r.start, &mut out);
        }
        out
    }
}

/// What earlier decisions in the document said about a word form: how
/// often it was tagged O, PER, ORG, LOC, MISC ("extended prediction
/// history", Ratinov & Roth 2009): a name is usually tagged the same way
/// throughout an article.
pub type History = PreHashedMap<[u16; 5]>;

/// Greedy decoding of a whole document, sentence by sentence, shared by
/// tagging and training: `choose(token, features, previous class)` returns
/// the class of a scored token. Returns the class of every token.
pub fn decode_doc(doc: &Doc, infos: &[TokInfo], mut choose: impl FnMut(usize, &[u64], usize) -> usize) -> Vec<usize> {
    let mut classes = vec![0usize; infos.len()];
    let mut history = History::default();
    let mut feats = Vec::with_capacity(64);
    for s in &doc.sentences {
        let r = s.tokens();
        let (mut prev, mut prev2) = (0usize, 0usize);
        for i in r.clone() {
            let c = if !scored(&infos[i], prev) {
                0
            } else {
                let h = history.get(&infos[i].lower).copied();
                features(infos, (r.start, r.end), i, Decided { prev, prev2, history: h }, &mut feats);
                choose(i, &feats, prev)
            };
            if infos[i].has(CANDIDATE) {
                let slot = if c == 0 { 0 } else { 1 + type_of(c) };
                let e = history.entry(infos[i].lower).or_default();
                e[slot] = e[slot].saturating_add(1);
            }
            classes[i] = c;
            prev2 = prev;
            prev = c;
        }
    }
    classes
}

pub fn best_valid(s: &[f32; NC], prev: usize) -> usize {
    let mut best = 0;
    for c in 1..NC {
        if valid(prev, c) && s[c] > s[best] {
            best = c;
        }
    }
    best
}

/// Whether a token must be scored at all: one that can begin a name, or
/// continue the name before it.
pub fn scored(info: &TokInfo, prev: usize) -> bool {
    info.has(CANDIDATE) || prev != 0
}

/// BIO classes of a sentence (starting at token `lo`) into spans.
pub fn spans_of(classes: &[usize], lo: usize, out: &mut Vec<NamedSpan>) {
    let mut i = 0;
    while i < classes.len() {
        let c = classes[i];
        if c == 0 || is_inside(c) {
            i += 1;
            continue;
        }
        let t = type_of(c);
        let mut j = i + 1;
        while j < classes.len() && classes[j] == class_i(t) {
            j += 1;
        }
        out.push(NamedSpan { start: lo + i, end: lo + j, kind: t });
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(valid(0, class_b(0)));
        assert!(!valid(0, class_i(0)));
        assert!(valid(class_b(1), class_i(1)));
        assert!(!valid(class_b(1), class_i(2)));
        assert!(valid(class_i(3), class_i(3)));
        let mut out = Vec::new();
        spans_of(&[0, class_b(0), class_i(0), class_b(2), 0, class_b(1)], 10, &mut out);
        assert_eq!(
            out,
            [NamedSpan { start: 11, end: 13, kind: 0 }, NamedSpan { start: 13, end: 14, kind: 2 }, NamedSpan { start: 15, end: 16, kind: 1 }]
        );
    }
}
