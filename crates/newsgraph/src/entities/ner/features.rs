//! The recogniser's features, shared by training and tagging (so that the
//! two can never drift apart).
//!
//! Each token is described once ([`TokInfo`]: hashes of its folded form,
//! shapes, affixes, gazetteer readings, and document-level flags); the
//! features of a position are then cheap combinations of those hashes with
//! a template number, written into a reused buffer: no allocation per token.

use super::super::gazetteer::{GazKind, GAZETTEER};
use crate::lexis::hash::{finish, mix, word_hash, PreHashedMap, SeqHasher};
use crate::doc::{Doc, TokenKind};
use crate::lexis::capitalised;

pub const CAP: u16 = 1; // first letter upper case
pub const ALLCAPS: u16 = 2; // every letter upper case, two or more letters
pub const DIGIT: u16 = 4;
/// Has an upper-case letter: the only tokens that can begin a name.
pub const CANDIDATE: u16 = 8;
pub const SENT_START: u16 = 16;
pub const PUNCT: u16 = 32;
/// The folded form also occurs in lower case elsewhere in the document:
/// a capitalised common word ("The", "Police").
pub const SEEN_LOWER: u16 = 64;
/// Occurs capitalised elsewhere in the document, not at a sentence start.
pub const SEEN_CAP_INSIDE: u16 = 128;
/// The whole sentence is in capitals (wire headlines, sports tables).
pub const SENT_CAPS: u16 = 256;

#[derive(Clone, Copy, Debug, Default)]
pub struct TokInfo {
    pub lower: u64,
    pub shape: u64,
    pub short_shape: u64,
    pub prefix: [u64; 3],
    pub suffix: [u64; 4],
    pub flags: u16,
    /// For each gazetteer kind, the token's place in the longest name of
    /// that kind covering it: 0 none, 1 begin, 2 inside, 3 end, 4 unit.
    pub gaz: [u8; 8],
}

impl TokInfo {
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

fn shapes(s: &str) -> (u64, u64) {
    let (mut long, mut short) = (0x1234_5678u64, 0x8765_4321u64);
    let mut last = '\0';
    let mut run = 0;
    for (n, c) in s.chars().enumerate() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if n < 6 {
            long = mix(long, k as u64);
        }
        if k == last {
            run += 1;
        } else {
            run = 0;
        }
        if run < 1 {
            short = mix(short, k as u64);
        }
        last = k;
    }
    (finish(long), finish(short))
}

/// Describes every token of the document. Shapes and affixes are only
/// computed near tokens that can be part of a name (the others are never
/// scored, and only their folded form is read as context).
pub fn describe(doc: &Doc) -> Vec<TokInfo> {
    let mut infos: Vec<TokInfo> = Vec::with_capacity(doc.tokens.len());
    for t in &doc.tokens {
        let s = &doc.text[t.span.range()];
        let mut f = 0;
        let (mut upper, mut lower_letters, mut digit) = (false, false, false);
        if s.is_ascii() {
            for b in s.bytes() {
                upper |= b.is_ascii_uppercase();
                lower_letters |= b.is_ascii_lowercase();
                digit |= b.is_ascii_digit();
            }
        } else {
            for c in s.chars() {
                upper |= c.is_uppercase();
                lower_letters |= c.is_lowercase();
                digit |= c.is_ascii_digit();
            }
        }
        if capitalised(s) {
            f |= CAP;
        }
        if upper && !lower_letters && s.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() {
            f |= ALLCAPS;
        }
        if digit {
            f |= DIGIT;
        }
        if upper {
            f |= CANDIDATE;
        }
        if matches!(t.kind, TokenKind::Punct | TokenKind::Quote | TokenKind::Terminal | TokenKind::Dash | TokenKind::Ellipsis) {
            f |= PUNCT;
        }
        infos.push(TokInfo { lower: word_hash(s), flags: f, ..Default::default() });
    }
    // shapes and affixes: candidates, one token before, two after
    let n = infos.len();
    let mut need = vec![false; n];
    for (i, info) in infos.iter().enumerate() {
        if info.has(CANDIDATE) {
            need[i.saturating_sub(1)..(i + 3).min(n)].fill(true);
        }
    }
    for i in 0..n {
        if !need[i] {
            continue;
        }
        let s = doc.tok(i);
        let info = &mut infos[i];
        (info.shape, info.short_shape) = shapes(s);
        if s.len() <= 64 {
            let mut bounds = [0usize; 66];
            let mut chars = 0;
            for (b, _) in s.char_indices() {
                bounds[chars] = b;
                chars += 1;
            }
            bounds[chars] = s.len();
            for k in 0..3 {
                if chars > k + 1 {
                    info.prefix[k] = mix(k as u64 + 1, word_hash(&s[..bounds[k + 1]]));
                }
            }
            for k in 0..4 {
                if chars > k + 1 {
                    info.suffix[k] = mix(k as u64 + 11, word_hash(&s[bounds[chars - k - 1]..]));
                }
            }
        }
    }
    // sentence starts and all-capitals sentences
    for s in &doc.sentences {
        let r = s.tokens();
        if r.is_empty() {
            continue;
        }
        let mut first = r.start;
        while first < r.end && (infos[first].has(PUNCT)) {
            first += 1;
        }
        if first < r.end {
            infos[first].flags |= SENT_START;
            // "The", "He", "In" opening a sentence begin no name: not scored
            if crate::lexis::words::LEXICON.is_sentence_starter(doc.tok(first)) {
                infos[first].flags &= !CANDIDATE;
            }
        }
        let (caps, words) = r.clone().fold((0, 0), |(c, w), i| {
            let alpha = doc.tok(i).chars().any(char::is_alphabetic);
            (c + (alpha && infos[i].has(ALLCAPS) || alpha && doc.tok(i).chars().count() == 1 && infos[i].has(CAP)) as usize, w + alpha as usize)
        });
        if words >= 3 && caps * 10 >= words * 9 {
            for i in r {
                infos[i].flags |= SENT_CAPS;
            }
        }
    }
    // document-level evidence about each word form
    let mut seen: PreHashedMap<u16> = PreHashedMap::with_capacity_and_hasher(infos.len() / 3, Default::default());
    for info in &infos {
        if info.has(PUNCT) {
            continue;
        }
        let e = seen.entry(info.lower).or_default();
        if !info.has(CANDIDATE) {
            *e |= SEEN_LOWER;
        } else if !info.has(SENT_START) && !info.has(SENT_CAPS) {
            *e |= SEEN_CAP_INSIDE;
        }
    }
    for info in infos.iter_mut() {
        if info.has(CANDIDATE) {
            info.flags |= seen.get(&info.lower).copied().unwrap_or(0);
        }
    }
    mark_gazetteer(doc, &mut infos);
    infos
}

/// Marks, for each gazetteer kind, the tokens covered by the longest name
/// of that kind starting at a capitalised token, within sentences.
fn mark_gazetteer(doc: &Doc, infos: &mut [TokInfo]) {
    let g = &*GAZETTEER;
    let max = g.max_len.min(6);
    for s in &doc.sentences {
        let r = s.tokens();
        let mut i = r.start;
        while i < r.end {
            if !infos[i].has(CANDIDATE) {
                i += 1;
                continue;
            }
            let mut matched = 0;
            let upto = max.min(r.end - i);
            let mut best: [usize; 8] = [0; 8];
            let mut key = SeqHasher::new();
            for len in 1..=upto {
                key.push(infos[i + len - 1].lower);
                let k = key.key();
                if !g.may_begin(k) {
                    break;
                }
                if let Some(hits) = g.get_key(k) {
                    for h in hits {
                        best[h.kind.index()] = len;
                    }
                    matched = len;
                }
            }
            for kind in GazKind::ALL {
                let len = best[kind.index()];
                for k in 0..len {
                    let code = if len == 1 {
                        4
                    } else if k == 0 {
                        1
                    } else if k == len - 1 {
                        3
                    } else {
                        2
                    };
                    let slot = &mut infos[i + k].gaz[kind.index()];
                    if *slot == 0 {
                        *slot = code;
                    }
                }
            }
            i += matched.max(1);
        }
    }
}

/// Feature template numbers; changing them changes every key, so a model
/// must be retrained after any change here.
mod t {
    pub const BIAS: u64 = 1;
    pub const W0: u64 = 2;
    pub const WM1: u64 = 3;
    pub const WP1: u64 = 4;
    pub const WM2: u64 = 5;
    pub const WP2: u64 = 6;
    pub const SHAPE0: u64 = 7;
    pub const SHAPEM1: u64 = 8;
    pub const SHAPEP1: u64 = 9;
    pub const SSHAPE3: u64 = 10;
    pub const PREFIX: u64 = 11;
    pub const SUFFIX: u64 = 14;
    pub const PREV: u64 = 20;
    pub const PREV2: u64 = 21;
    pub const PREV_W0: u64 = 22;
    pub const WM1_W0: u64 = 23;
    pub const W0_WP1: u64 = 24;
    pub const FLAGS: u64 = 25;
    pub const GAZ0: u64 = 26;
    pub const GAZM1: u64 = 27;
    pub const GAZP1: u64 = 28;
    pub const PREV_SHAPE0: u64 = 29;
    pub const START_W0: u64 = 30;
    pub const CAPS_W0: u64 = 31;
    pub const SHAPE_WP1: u64 = 32;
    pub const WM1_SHAPE0: u64 = 33;
    pub const HIST: u64 = 34;
    pub const HIST_W0: u64 = 35;
    pub const HIST_MIXED: u64 = 36;
}

const PAD: u64 = 0xdead_beef;

#[inline]
fn f1(tpl: u64, a: u64) -> u64 {
    finish(mix(mix(0x1f, tpl), a))
}
#[inline]
fn f2(tpl: u64, a: u64, b: u64) -> u64 {
    finish(mix(mix(mix(0x2f, tpl), a), b))
}

/// What the decoder decided before a token: the previous two predicted
/// classes, and the classes earlier decisions gave the same word form.
#[derive(Clone, Copy, Debug, Default)]
pub struct Decided {
    pub prev: usize,
    pub prev2: usize,
    pub history: Option<[u16; 5]>,
}

/// Writes the features of token `i` (in sentence tokens `lo..hi`), given
/// what was decided before it, into `out` (cleared first).
pub fn features(infos: &[TokInfo], (lo, hi): (usize, usize), i: usize, decided: Decided, out: &mut Vec<u64>) {
    let Decided { prev, prev2, history } = decided;
    out.clear();
    let at = |j: isize| -> Option<&TokInfo> {
        let j = i as isize + j;
        (j >= lo as isize && j < hi as isize).then(|| &infos[j as usize])
    };
    let w = |j: isize| at(j).map_or(PAD, |x| x.lower);
    let shape = |j: isize| at(j).map_or(PAD, |x| x.shape);
    let x = &infos[i];
    let (w0, wm1, wp1) = (x.lower, w(-1), w(1));
    out.push(f1(t::BIAS, 0));
    out.push(f1(t::W0, w0));
    out.push(f1(t::WM1, wm1));
    out.push(f1(t::WP1, wp1));
    out.push(f1(t::WM2, w(-2)));
    out.push(f1(t::WP2, w(2)));
    out.push(f1(t::SHAPE0, x.shape));
    out.push(f1(t::SHAPEM1, shape(-1)));
    out.push(f1(t::SHAPEP1, shape(1)));
    out.push(f2(t::SSHAPE3, mix(at(-1).map_or(PAD, |y| y.short_shape), x.short_shape), at(1).map_or(PAD, |y| y.short_shape)));
    for k in 0..3 {
        if x.prefix[k] != 0 {
            out.push(f1(t::PREFIX + k as u64, x.prefix[k]));
        }
    }
    for k in 0..4 {
        if x.suffix[k] != 0 {
            out.push(f1(t::SUFFIX + k as u64, x.suffix[k]));
        }
    }
    out.push(f1(t::PREV, prev as u64));
    out.push(f2(t::PREV2, prev as u64, prev2 as u64));
    out.push(f2(t::PREV_W0, prev as u64, w0));
    out.push(f2(t::PREV_SHAPE0, prev as u64, x.shape));
    out.push(f2(t::WM1_W0, wm1, w0));
    out.push(f2(t::W0_WP1, w0, wp1));
    out.push(f2(t::SHAPE_WP1, x.shape, wp1));
    out.push(f2(t::WM1_SHAPE0, wm1, x.shape));
    out.push(f1(t::FLAGS, (x.flags & !(DIGIT | PUNCT)) as u64));
    if let Some(h) = history {
        // the type most often given before, and whether it was ever a name
        let best = (0..5).max_by_key(|&k| (h[k], std::cmp::Reverse(k))).unwrap_or(0);
        out.push(f1(t::HIST, best as u64));
        out.push(f2(t::HIST_W0, best as u64, x.shape));
        if best == 0 && h[1..].iter().any(|&n| n > 0) {
            out.push(f1(t::HIST_MIXED, 1));
        }
    }
    if x.has(SENT_START) {
        out.push(f1(t::START_W0, w0));
    }
    if x.has(SENT_CAPS) {
        out.push(f1(t::CAPS_W0, w0));
    }
    for (k, &g) in x.gaz.iter().enumerate() {
        if g != 0 {
            out.push(f2(t::GAZ0, k as u64, g as u64));
        }
    }
    if let Some(y) = at(-1) {
        for (k, &g) in y.gaz.iter().enumerate() {
            if g != 0 {
                out.push(f2(t::GAZM1, k as u64, g as u64));
            }
        }
    }
    if let Some(y) = at(1) {
        for (k, &g) in y.gaz.iter().enumerate() {
            if g != 0 {
                out.push(f2(t::GAZP1, k as u64, g as u64));
            }
        }
    }
}
