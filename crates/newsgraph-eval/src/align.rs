//! Carrying system offsets onto the gold text (score_spans.py's `OffsetMap`).
//!
//! When a record's text differs from the gold text only in white space, the
//! non-space characters are paired in order. Otherwise the pairs come from the
//! matching blocks of Python's `difflib.SequenceMatcher(None, sys, gold,
//! autojunk=False)`: the same recursion, and the same block at each step (the
//! longest, then the first in the system text, then the first in the gold
//! text), found with a suffix automaton instead of difflib's quadratic scan,
//! so the diff path gives the same offsets as the Python, only faster.

use crate::pychar::is_space;

/// A character span, start inclusive, end exclusive.
pub type Span = (i64, i64);

/// How a record's text relates to its gold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aligned {
    /// The same text (or the record has none): offsets are taken as they are.
    Same,
    /// Only white space differs.
    Whitespace,
    /// Other characters differ: aligned by difflib's matching blocks.
    Diff,
}

/// Maps character offsets of a system text onto the gold text.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    pub aligned: Aligned,
    starts: Vec<i64>,
    ends: Vec<i64>,
    n: i64,
}

impl OffsetMap {
    /// `sys` is the record's text (None when it has none).
    pub fn new(sys: Option<&[char]>, gold: &[char]) -> OffsetMap {
        let sys = match sys {
            Some(s) if s != gold => s,
            _ => {
                return OffsetMap {
                    aligned: Aligned::Same,
                    starts: Vec::new(),
                    ends: Vec::new(),
                    n: 0,
                }
            }
        };
        let mut m: Vec<Option<usize>> = vec![None; sys.len() + 1];
        let sn: Vec<usize> = (0..sys.len()).filter(|&i| !is_space(sys[i])).collect();
        let gn: Vec<usize> = (0..gold.len()).filter(|&i| !is_space(gold[i])).collect();
        let aligned =
            if sn.len() == gn.len() && sn.iter().zip(&gn).all(|(&a, &b)| sys[a] == gold[b]) {
                for (&a, &b) in sn.iter().zip(&gn) {
                    m[a] = Some(b);
                }
                Aligned::Whitespace
            } else {
                for (a, b, size) in matching_blocks(sys, gold) {
                    for k in 0..size {
                        m[a + k] = Some(b + k);
                    }
                }
                Aligned::Diff
            };
        let n = sys.len();
        // a start maps to the next mapped char; an end to one after the previous one
        let mut starts = vec![0i64; n + 1];
        let mut nxt = gold.len() as i64;
        for i in (0..=n).rev() {
            if let Some(b) = m[i] {
                nxt = b as i64;
            }
            starts[i] = nxt;
        }
        let mut ends = vec![0i64; n + 1];
        let mut prev = 0i64;
        for i in 0..=n {
            ends[i] = prev;
            if i < n {
                if let Some(b) = m[i] {
                    prev = b as i64 + 1;
                }
            }
        }
        OffsetMap {
            aligned,
            starts,
            ends,
            n: n as i64,
        }
    }

    /// The gold span of a system span.
    pub fn span(&self, s: i64, e: i64) -> Span {
        if self.aligned == Aligned::Same {
            return (s, e);
        }
        let s = s.clamp(0, self.n) as usize;
        let e = e.clamp(0, self.n) as usize;
        let (a, b) = (self.starts[s], self.ends[e]);
        if b >= a {
            (a, b)
        } else {
            (a, a)
        }
    }
}

/// `difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`
/// without the closing sentinel: (i, j, size) with a[i..i+size] == b[j..j+size].
pub fn matching_blocks(a: &[char], b: &[char]) -> Vec<(usize, usize, usize)> {
    matching_blocks_with(a, b, longest_match)
}

fn matching_blocks_with(
    a: &[char],
    b: &[char],
    mut find: impl FnMut(&[char], &[char], usize, usize, usize, usize) -> (usize, usize, usize),
) -> Vec<(usize, usize, usize)> {
    let mut queue = vec![(0usize, a.len(), 0usize, b.len())];
    let mut blocks = Vec::new();
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = find(a, b, alo, ahi, blo, bhi);
        if k > 0 {
            blocks.push((i, j, k));
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    blocks.sort_unstable();
    blocks
}

/// difflib's `find_longest_match(alo, ahi, blo, bhi)` without junk: the longest
/// block a[i..i+k] == b[j..j+k] inside the window, the smallest i among the
/// longest, then the smallest j; (alo, blo, 0) when there is none.
///
/// difflib scans a with a table of match lengths per position of b (quadratic
/// in the worst case); this finds the same block in linear time with a suffix
/// automaton of b[blo..bhi]: for each i, the longest match ending at a[i] and
/// the first place in b where it ends.
fn longest_match(
    a: &[char],
    b: &[char],
    alo: usize,
    ahi: usize,
    blo: usize,
    bhi: usize,
) -> (usize, usize, usize) {
    SAM.with(|sam| sam.borrow_mut().longest_match(a, b, alo, ahi, blo, bhi))
}

thread_local! {
    static SAM: std::cell::RefCell<SuffixAutomaton> = std::cell::RefCell::new(SuffixAutomaton::default());
}

const NONE: u32 = u32::MAX;

/// A suffix automaton; its buffers are reused from one window to the next.
#[derive(Default)]
struct SuffixAutomaton {
    len: Vec<u32>,
    link: Vec<u32>,
    /// the end of the first occurrence of the state's strings
    firstpos: Vec<u32>,
    /// first outgoing edge of each state (NONE: none)
    head: Vec<u32>,
    /// edges: (character, target state, next edge of the same state)
    edges: Vec<(char, u32, u32)>,
    /// the root's edges by character (the root has the most: one per character of the text)
    root_ascii: Vec<u32>,
    root_other: std::collections::HashMap<char, u32>,
}

impl SuffixAutomaton {
    fn longest_match(
        &mut self,
        a: &[char],
        b: &[char],
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        if alo >= ahi || blo >= bhi {
            return (besti, bestj, bestsize);
        }
        self.build(&b[blo..bhi]);
        let (mut v, mut l) = (0u32, 0usize);
        for (i, &c) in a.iter().enumerate().take(ahi).skip(alo) {
            while v != 0 && self.edge(v, c).is_none() {
                v = self.link[v as usize];
                l = self.len[v as usize] as usize;
            }
            match self.edge(v, c) {
                Some(e) => {
                    v = self.edges[e].1;
                    l += 1;
                }
                None => {
                    v = 0;
                    l = 0;
                }
            }
            if l > bestsize {
                besti = i + 1 - l;
                bestj = blo + self.firstpos[v as usize] as usize + 1 - l;
                bestsize = l;
            }
        }
        (besti, bestj, bestsize)
    }

    fn build(&mut self, s: &[char]) {
        for v in [
            &mut self.len,
            &mut self.link,
            &mut self.firstpos,
            &mut self.head,
        ] {
            v.clear();
        }
        self.edges.clear();
        self.root_ascii.clear();
        self.root_ascii.resize(128, NONE);
        self.root_other.clear();
        self.push(0, NONE, 0);
        let mut last = 0u32;
        for (pos, &c) in s.iter().enumerate() {
            let cur = self.push(self.len[last as usize] + 1, 0, pos as u32);
            let mut p = last;
            while p != NONE && self.edge(p, c).is_none() {
                self.add_edge(p, c, cur);
                p = self.link[p as usize];
            }
            if p == NONE {
                self.link[cur as usize] = 0;
            } else {
                let pe = self.edge(p, c).unwrap_or(0);
                let q = self.edges[pe].1;
                if self.len[p as usize] + 1 == self.len[q as usize] {
                    self.link[cur as usize] = q;
                } else {
                    let clone = self.push(
                        self.len[p as usize] + 1,
                        self.link[q as usize],
                        self.firstpos[q as usize],
                    );
                    let mut e = self.head[q as usize];
                    while e != NONE {
                        let (ch, to, nxt) = self.edges[e as usize];
                        self.add_edge(clone, ch, to);
                        e = nxt;
                    }
                    while p != NONE {
                        match self.edge(p, c) {
                            Some(e) if self.edges[e].1 == q => self.edges[e].1 = clone,
                            _ => break,
                        }
                        p = self.link[p as usize];
                    }
                    self.link[q as usize] = clone;
                    self.link[cur as usize] = clone;
                }
            }
            last = cur;
        }
    }

    fn push(&mut self, len: u32, link: u32, firstpos: u32) -> u32 {
        self.len.push(len);
        self.link.push(link);
        self.firstpos.push(firstpos);
        self.head.push(NONE);
        (self.len.len() - 1) as u32
    }

    fn add_edge(&mut self, v: u32, c: char, to: u32) {
        self.edges.push((c, to, self.head[v as usize]));
        let e = (self.edges.len() - 1) as u32;
        self.head[v as usize] = e;
        if v == 0 {
            if c.is_ascii() {
                self.root_ascii[c as usize] = e;
            } else {
                self.root_other.insert(c, e);
            }
        }
    }

    fn edge(&self, v: u32, c: char) -> Option<usize> {
        if v == 0 {
            let e = if c.is_ascii() {
                self.root_ascii[c as usize]
            } else {
                *self.root_other.get(&c).unwrap_or(&NONE)
            };
            return (e != NONE).then_some(e as usize);
        }
        let mut e = self.head[v as usize];
        while e != NONE {
            let (ch, _, nxt) = self.edges[e as usize];
            if ch == c {
                return Some(e as usize);
            }
            e = nxt;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// difflib's own `find_longest_match` (no junk), line for line.
    #[allow(clippy::needless_range_loop)]
    fn difflib_longest(
        a: &[char],
        b: &[char],
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let mut b2j: std::collections::HashMap<char, Vec<usize>> = Default::default();
        for (j, &c) in b.iter().enumerate() {
            b2j.entry(c).or_default().push(j);
        }
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        let mut j2len: std::collections::HashMap<usize, usize> = Default::default();
        for i in alo..ahi {
            let mut newj2len = std::collections::HashMap::new();
            for &j in b2j.get(&a[i]).map(Vec::as_slice).unwrap_or(&[]) {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let k = j
                    .checked_sub(1)
                    .and_then(|p| j2len.get(&p))
                    .copied()
                    .unwrap_or(0)
                    + 1;
                newj2len.insert(j, k);
                if k > bestsize {
                    (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
                }
            }
            j2len = newj2len;
        }
        (besti, bestj, bestsize)
    }

    #[test]
    fn suffix_automaton_finds_difflibs_block() {
        // a small deterministic generator: many ties on a tiny alphabet
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..3000 {
            let alpha: Vec<char> = "ab c".chars().take(2 + round % 3).collect();
            let a: Vec<char> = (0..rnd(40))
                .map(|_| alpha[rnd(alpha.len() as u64)])
                .collect();
            let mut b: Vec<char> = a.clone();
            for _ in 0..rnd(6) {
                let p = rnd(b.len() as u64 + 1);
                if rnd(2) == 0 && p < b.len() {
                    b.remove(p);
                } else {
                    b.insert(p, alpha[rnd(alpha.len() as u64)]);
                }
            }
            let (alo, blo) = (rnd(a.len() as u64 + 1), rnd(b.len() as u64 + 1));
            let (ahi, bhi) = (
                alo + rnd((a.len() - alo) as u64 + 1),
                blo + rnd((b.len() - blo) as u64 + 1),
            );
            assert_eq!(
                longest_match(&a, &b, alo, ahi, blo, bhi),
                difflib_longest(&a, &b, alo, ahi, blo, bhi),
                "{a:?} {b:?} {alo} {ahi} {blo} {bhi}"
            );
            assert_eq!(
                matching_blocks(&a, &b),
                matching_blocks_with(&a, &b, difflib_longest)
            );
        }
    }

    #[test]
    fn same_text_is_identity() {
        let g = chars("Rain fell.");
        let m = OffsetMap::new(Some(&g), &g);
        assert_eq!(m.aligned, Aligned::Same);
        assert_eq!(m.span(5, 99), (5, 99));
        assert_eq!(OffsetMap::new(None, &g).span(1, 2), (1, 2));
    }

    #[test]
    fn whitespace_alignment() {
        let g = chars("Rain fell.\nThe river rose.");
        let s = chars("Rain  fell.\n The river rose.\n");
        let m = OffsetMap::new(Some(&s), &g);
        assert_eq!(m.aligned, Aligned::Whitespace);
        // "river" at 17..22 in s, 15..20 in g
        assert_eq!(m.span(17, 22), (15, 20));
        // a span that starts on a space moves to the next character
        assert_eq!(m.span(4, 11), (5, 10));
        assert_eq!(m.span(28, 29), (26, 26));
    }

    #[test]
    fn diff_alignment_matches_difflib() {
        // difflib.SequenceMatcher(None, "abxcd", "abcd", autojunk=False).get_matching_blocks()
        assert_eq!(
            matching_blocks(&chars("abxcd"), &chars("abcd")),
            vec![(0, 0, 2), (3, 2, 2)]
        );
        // python3 -c 'import difflib; print(difflib.SequenceMatcher(None, "qabxcabc", "abycabcq",
        //   autojunk=False).get_matching_blocks())'
        assert_eq!(
            matching_blocks(&chars("qabxcabc"), &chars("abycabcq")),
            vec![(1, 0, 2), (4, 3, 4)]
        );
        let g = chars("He said \"no\" twice.");
        let s = chars("He said “no” twice.");
        let m = OffsetMap::new(Some(&s), &g);
        assert_eq!(m.aligned, Aligned::Diff);
        assert_eq!(m.span(9, 11), (9, 11));
        assert_eq!(m.span(8, 12), (9, 11));
    }
}
