//! Scoring documents: score_spans.py's `system_items`, `score_quotes`,
//! `score_entities`, `score_times`, `score_amounts`, `system_events`,
//! `score_events` and `score`, with the same counts.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde_json::{Map, Value};

use crate::align::{Aligned, OffsetMap, Span};
use crate::pychar::{
    as_int, is_space, is_word, py_str, split_ws, str_isalpha, str_islower, str_isupper, strip,
    truthy,
};
use crate::timex::{has_value, norm_value, value_ok};
use crate::Task;

const QUOTE_MARKS: &str = "\"'“”‘’«»„‟‹›`";
const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "we",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "they",
    "them",
    "their",
    "theirs",
    "this",
    "that",
    "these",
    "those",
    "who",
    "whom",
    "whose",
    "which",
    "himself",
    "herself",
    "themselves",
    "itself",
];

// ---------------------------------------------------------------------------
// counts

/// The counts of one quote view ("direct" or "all").
#[derive(Debug, Default, Clone)]
pub(crate) struct QuoteAcc {
    pub n_sys: u64,
    pub n_gold: u64,
    pub match_sys: u64,
    pub match_gold: u64,
    pub tok_overlap: u64,
    pub tok_sys: u64,
    pub tok_gold: u64,
    pub exact_sys: u64,
    pub exact_gold: u64,
    pub n_frag: u64,
    pub spk_pairs: u64,
    pub spk_ok: u64,
    pub cue_pairs: u64,
    pub cue_ok: u64,
    pub e2e_sys: u64,
    pub e2e_gold: u64,
    pub attr_n_sys: u64,
    pub attr_n_gold: u64,
}

/// Per family (PERSON, ORG, LOC, MISC): true positives, system, gold.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FamAcc {
    pub tp: u64,
    pub n_sys: u64,
    pub n_gold: u64,
}

/// score_spans.py's `Acc`: every counter, summed over documents.
#[derive(Debug, Default, Clone)]
pub(crate) struct Acc {
    pub docs: u64,
    pub missing: u64,
    pub unlocated: u64,
    pub text_differs_whitespace: u64,
    pub text_differs_diff: u64,
    pub quote_docs: u64,
    pub quotes_direct: QuoteAcc,
    pub quotes_all: QuoteAcc,
    pub entity_docs: u64,
    pub ent_tp: u64,
    pub ent_n_sys: u64,
    pub ent_n_gold: u64,
    pub ent_u_tp: u64,
    pub ent_u_n_sys: u64,
    pub ent_u_n_gold: u64,
    pub ent_skipped_mentions: u64,
    pub ent_fam: [FamAcc; 4],
    pub time_docs: u64,
    pub time_n_sys: u64,
    pub time_n_gold: u64,
    pub time_strict_tp: u64,
    pub time_relaxed_tp: u64,
    pub time_n_gold_valued: u64,
    pub time_value_pairs: u64,
    pub time_value_ok: u64,
    pub amount_docs: u64,
    pub amt_n_sys: u64,
    pub amt_n_gold: u64,
    pub amt_tp: u64,
    pub event_docs: u64,
    pub ev_absorbed: u64,
    pub ev_n_sys: u64,
    pub ev_n_gold: u64,
    pub ev_root_tp: u64,
    pub ev_pairs: u64,
    pub ev_src_pairs: u64,
    pub ev_src_ok: u64,
    pub ev_tgt_pairs: u64,
    pub ev_tgt_ok: u64,
    pub ev_dyad_ok: u64,
    pub ev_code_docs: u64,
    pub ev_code_tp: u64,
    pub ev_code_n_sys: u64,
    pub ev_code_n_gold: u64,
    pub ev_plover_docs: u64,
    pub ev_plover_tp: u64,
    pub ev_plover_n_sys: u64,
    pub ev_plover_n_gold: u64,
}

// ---------------------------------------------------------------------------
// texts

/// A text with character (code point) indexing.
struct Text<'a> {
    s: &'a str,
    chars: Vec<char>,
    /// byte offset of each character, and the length at the end
    bytes: Vec<usize>,
}

impl<'a> Text<'a> {
    fn new(s: &'a str) -> Text<'a> {
        let mut chars = Vec::with_capacity(s.len());
        let mut bytes = Vec::with_capacity(s.len() + 1);
        for (b, c) in s.char_indices() {
            chars.push(c);
            bytes.push(b);
        }
        bytes.push(s.len());
        Text { s, chars, bytes }
    }

    fn len(&self) -> i64 {
        self.chars.len() as i64
    }

    fn char_at(&self, i: i64) -> Option<char> {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.chars.get(i).copied())
    }

    /// `text[s:e]` (Python slicing: clamped, empty when e <= s).
    fn slice(&self, s: i64, e: i64) -> &'a str {
        let n = self.len();
        let (s, e) = (s.clamp(0, n) as usize, e.clamp(0, n) as usize);
        if e <= s {
            return "";
        }
        &self.s[self.bytes[s]..self.bytes[e]]
    }

    /// `locate(text, needle, near)`: the occurrence nearest to `near` (the first among equals).
    fn locate(&self, needle: &str, near: i64) -> Option<Span> {
        if needle.is_empty() {
            return None;
        }
        let mut best: Option<i64> = None;
        let mut from = 0usize;
        while let Some(off) = self.s[from..].find(needle) {
            let b = from + off;
            let i = self.bytes.partition_point(|&x| x < b) as i64;
            if best.is_none_or(|best| (i - near).abs() < (best - near).abs()) {
                best = Some(i);
            }
            // the next search starts one character further (occurrences may overlap)
            from = b + self.s[b..].chars().next().map_or(1, char::len_utf8);
            if from > self.s.len() {
                break;
            }
        }
        best.map(|b| (b, b + needle.chars().count() as i64))
    }
}

/// `sys_span(obj, text, near=near)` for a span object, a string or null.
fn sys_span(obj: Option<&Value>, text: &Text, near: i64) -> Option<Span> {
    match obj? {
        Value::String(s) => text.locate(s, near),
        Value::Object(o) => span_fields(o.get("start"), o.get("end"), o.get("text"), text, near),
        _ => None,
    }
}

/// Offsets when both are integers with 0 <= start <= end, else the text located.
fn span_fields(
    s: Option<&Value>,
    e: Option<&Value>,
    needle: Option<&Value>,
    text: &Text,
    near: i64,
) -> Option<Span> {
    if let (Some(s), Some(e)) = (as_int(s), as_int(e)) {
        if 0 <= s && s <= e {
            return Some((s, e));
        }
    }
    match needle {
        Some(Value::String(n)) => text.locate(n, near),
        _ => None,
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A gold `[start, end]` pair.
fn pair(v: Option<&Value>) -> Option<Span> {
    let a = v?.as_array()?;
    Some((as_int(a.first())?, as_int(a.get(1))?))
}

fn pairs(v: Option<&Value>) -> Vec<Span> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| pair(Some(x))).collect())
        .unwrap_or_default()
}

fn int_field(o: &Value, key: &str) -> i64 {
    as_int(o.get(key)).unwrap_or(0)
}

fn array(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

// ---------------------------------------------------------------------------
// word tokens of the gold text

/// Spans of the `\w+` runs of the gold text.
struct Tokens {
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl Tokens {
    fn new(chars: &[char]) -> Tokens {
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < chars.len() {
            if is_word(chars[i]) {
                let s = i;
                while i < chars.len() && is_word(chars[i]) {
                    i += 1;
                }
                starts.push(s as i64);
                ends.push(i as i64);
            } else {
                i += 1;
            }
        }
        Tokens { starts, ends }
    }

    /// Indices of the tokens overlapping [s, e) (a run of consecutive tokens).
    fn of(&self, (s, e): Span) -> Range<usize> {
        if e <= s {
            return 0..0;
        }
        let i = self.ends.partition_point(|&x| x <= s);
        let k = self.starts.partition_point(|&x| x < e).max(i);
        i..k
    }
}

fn range_len(r: &Range<usize>) -> usize {
    r.end.saturating_sub(r.start)
}

fn range_overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// `ov_match`: the shared token count when it covers half of either, else 0.
fn ov_match(st: &Range<usize>, ft: &Range<usize>) -> usize {
    let ov = range_overlap(st, ft);
    if ov > 0 && (2 * ov >= range_len(st) || 2 * ov >= range_len(ft)) {
        ov
    } else {
        0
    }
}

fn strip_span(text: &Text, mut s: i64, mut e: i64) -> Span {
    let strippable = |c: Option<char>| c.is_some_and(|c| is_space(c) || QUOTE_MARKS.contains(c));
    while s < e && strippable(text.char_at(s)) {
        s += 1;
    }
    while e > s && strippable(text.char_at(e - 1)) {
        e -= 1;
    }
    (s, e)
}

// ---------------------------------------------------------------------------
// one-to-one matching

type Key = [i64; 3];

/// score_spans.py's `greedy`: pairs (key, i, j) taken highest key first, equal
/// keys in their original order (Python's sort is stable, reverse=True too).
fn greedy(mut pairs: Vec<(Key, usize, usize)>) -> Vec<(usize, usize)> {
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut used_i = HashSet::new();
    let mut used_j = HashSet::new();
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if used_i.contains(&i) || used_j.contains(&j) {
            continue;
        }
        used_i.insert(i);
        used_j.insert(j);
        out.push((i, j));
    }
    out
}

// ---------------------------------------------------------------------------
// system items

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Fam {
    Person,
    Org,
    Loc,
    Misc,
}

const FAMS: [Fam; 4] = [Fam::Person, Fam::Org, Fam::Loc, Fam::Misc];

/// `family(t)`: None for no type; unknown types are MISC.
fn family(t: Option<&Value>) -> Option<Fam> {
    let s = match t? {
        Value::Null => return None,
        Value::String(s) => s.to_uppercase(),
        other => py_str(other).to_uppercase(),
    };
    Some(match s.as_str() {
        "PERSON" | "PER" => Fam::Person,
        "ORG" | "ORGANIZATION" => Fam::Org,
        "GPE" | "LOC" | "LOCATION" | "FAC" => Fam::Loc,
        _ => Fam::Misc,
    })
}

struct SysQuote {
    kind: String,
    content: Span,
    speaker: Option<Span>,
    cue: Option<Span>,
}

struct SysMention {
    span: Span,
    fam: Option<Fam>,
}

struct SysSpan {
    span: Span,
    value: Option<String>,
}

#[derive(Default)]
struct SysItems {
    quotes: Vec<SysQuote>,
    mentions: Vec<SysMention>,
    times: Vec<SysSpan>,
    amounts: Vec<SysSpan>,
    unlocated: u64,
}

fn system_items(rec: &Map<String, Value>, text: &Text, omap: &OffsetMap) -> SysItems {
    let mut out = SysItems::default();
    for q in array(rec.get("quotes")) {
        let Some(q) = q.as_object() else { continue };
        let Some(c) = span_fields(q.get("start"), q.get("end"), q.get("content"), text, 0) else {
            out.unlocated += 1;
            continue;
        };
        let sp = q.get("speaker").filter(|v| truthy(Some(v)));
        let cu = q.get("cue").filter(|v| truthy(Some(v)));
        let kind = match q.get("kind") {
            Some(k) if truthy(Some(k)) => py_str(k).to_lowercase(),
            _ => "direct".to_string(),
        };
        out.quotes.push(SysQuote {
            kind,
            content: omap.span(c.0, c.1),
            speaker: sys_span(sp, text, c.0).map(|s| omap.span(s.0, s.1)),
            cue: sys_span(cu, text, c.0).map(|s| omap.span(s.0, s.1)),
        });
    }
    for ent in array(rec.get("entities")) {
        let Some(ent) = ent.as_object() else { continue };
        let single;
        let mentions: &[Value] = match ent.get("mentions") {
            None | Some(Value::Null) if ent.contains_key("start") => {
                single = [Value::Object(ent.clone())];
                &single
            }
            m => array(m),
        };
        for m in mentions {
            let Some(s) = sys_span(Some(m), text, 0) else {
                out.unlocated += 1;
                continue;
            };
            let t = match ent.get("type") {
                Some(t) if truthy(Some(t)) => Some(t),
                _ => m.get("type"),
            };
            out.mentions.push(SysMention {
                span: omap.span(s.0, s.1),
                fam: family(t),
            });
        }
    }
    for (key, dest) in [("times", &mut out.times), ("amounts", &mut out.amounts)] {
        for t in array(rec.get(key)) {
            let Some(s) = sys_span(Some(t), text, 0) else {
                out.unlocated += 1;
                continue;
            };
            dest.push(SysSpan {
                span: omap.span(s.0, s.1),
                value: norm_value(t.get("value")),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// quotes

struct GoldQuote {
    direct: bool,
    optional: bool,
    content: Vec<Span>,
    speaker_given: bool,
    cue_given: bool,
    speaker_spans: Vec<Span>,
    cue_spans: Vec<Span>,
}

impl GoldQuote {
    fn new(q: &Value) -> GoldQuote {
        let spans = |many: &str, one: &str| {
            if truthy(q.get(many)) {
                pairs(q.get(many))
            } else if truthy(q.get(one)) {
                pair(q.get(one)).into_iter().collect()
            } else {
                Vec::new()
            }
        };
        GoldQuote {
            direct: q.get("kind").and_then(Value::as_str) == Some("direct"),
            optional: truthy(q.get("optional")),
            content: pairs(q.get("content")),
            speaker_given: truthy(q.get("speaker")),
            cue_given: truthy(q.get("cue")),
            speaker_spans: spans("speaker_spans", "speaker"),
            cue_spans: spans("cue_spans", "cue"),
        }
    }

    fn spk_ok(&self, q: &SysQuote) -> bool {
        if self.speaker_spans.is_empty() {
            return q.speaker.is_none();
        }
        q.speaker
            .is_some_and(|s| self.speaker_spans.iter().any(|&x| overlaps(s, x)))
    }

    fn cue_ok(&self, q: &SysQuote) -> bool {
        q.cue
            .is_some_and(|s| self.cue_spans.iter().any(|&x| overlaps(s, x)))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Direct,
    All,
}

fn score_quotes(
    gq: &[GoldQuote],
    items: &SysItems,
    toks: &Tokens,
    text: &Text,
    view: View,
    with_speakers: bool,
    acc: &mut QuoteAcc,
) {
    let (req, ign): (Vec<&GoldQuote>, Vec<&GoldQuote>) = match view {
        View::Direct => gq.iter().partition(|q| q.direct && !q.optional),
        View::All => gq.iter().partition(|q| !q.optional),
    };
    let sq: Vec<&SysQuote> = match view {
        View::Direct => items
            .quotes
            .iter()
            .filter(|q| matches!(q.kind.as_str(), "direct" | "partial" | "headline"))
            .collect(),
        View::All => items.quotes.iter().collect(),
    };
    let frags: Vec<(usize, Span)> = req
        .iter()
        .enumerate()
        .flat_map(|(gi, q)| q.content.iter().map(move |&f| (gi, f)))
        .collect();
    let ftoks: Vec<Range<usize>> = frags.iter().map(|&(_, f)| toks.of(f)).collect();
    let stoks: Vec<Range<usize>> = sq.iter().map(|q| toks.of(q.content)).collect();
    let fstrip: Vec<Span> = frags
        .iter()
        .map(|&(_, f)| strip_span(text, f.0, f.1))
        .collect();
    let sstrip: Vec<Span> = sq
        .iter()
        .map(|q| strip_span(text, q.content.0, q.content.1))
        .collect();
    let exactish = |i: usize, j: usize| {
        let (a, b) = (sstrip[i], fstrip[j]);
        (a.0 - b.0).abs() <= 2 && (a.1 - b.1).abs() <= 2
    };

    let mut cand = Vec::new();
    for (i, q) in sq.iter().enumerate() {
        for (j, &(gi, _)) in frags.iter().enumerate() {
            let ov = ov_match(&stoks[i], &ftoks[j]);
            if ov > 0 {
                cand.push((
                    [ov as i64, exactish(i, j) as i64, req[gi].spk_ok(q) as i64],
                    i,
                    j,
                ));
            }
        }
    }
    let matched = greedy(cand);
    let matched_sys: HashSet<usize> = matched.iter().map(|&(i, _)| i).collect();
    // system quotes that only match an ignored (optional / other-kind) gold quote
    let ign_toks: Vec<Vec<Range<usize>>> = ign
        .iter()
        .map(|g| g.content.iter().map(|&f| toks.of(f)).collect())
        .collect();
    let counted: Vec<usize> = (0..sq.len())
        .filter(|i| {
            matched_sys.contains(i)
                || !ign_toks
                    .iter()
                    .any(|g| g.iter().any(|ft| ov_match(&stoks[*i], ft) > 0))
        })
        .collect();
    let n_sys = counted.len() as u64;
    let gold_hit: HashSet<usize> = matched.iter().map(|&(_, j)| frags[j].0).collect();
    acc.n_sys += n_sys;
    acc.n_gold += req.len() as u64;
    acc.match_sys += matched_sys.len() as u64;
    acc.match_gold += gold_hit.len() as u64;

    let ntok = toks.starts.len();
    let mut mark = vec![0u8; ntok];
    for r in &ftoks {
        for t in r.clone() {
            mark[t] |= 1;
        }
    }
    for &i in &counted {
        for t in stoks[i].clone() {
            mark[t] |= 2;
        }
    }
    acc.tok_overlap += mark.iter().filter(|&&m| m == 3).count() as u64;
    acc.tok_sys += mark.iter().filter(|&&m| m & 2 != 0).count() as u64;
    acc.tok_gold += mark.iter().filter(|&&m| m & 1 != 0).count() as u64;

    let ex_pairs: Vec<(Key, usize, usize)> = counted
        .iter()
        .flat_map(|&i| {
            (0..frags.len())
                .filter(move |&j| exactish(i, j))
                .map(move |j| ([1, 0, 0], i, j))
        })
        .collect();
    let ex = greedy(ex_pairs).len() as u64;
    acc.exact_sys += ex;
    acc.exact_gold += ex;
    acc.n_frag += frags.len() as u64;

    if with_speakers {
        let mut e2e_gold = HashSet::new();
        let mut e2e_sys = 0u64;
        for &(i, j) in &matched {
            let g = req[frags[j].0];
            let q = sq[i];
            let ok = g.spk_ok(q);
            if g.speaker_given {
                acc.spk_pairs += 1;
                acc.spk_ok += ok as u64;
            }
            if g.cue_given {
                acc.cue_pairs += 1;
                acc.cue_ok += g.cue_ok(q) as u64;
            }
            if ok {
                e2e_sys += 1;
                e2e_gold.insert(frags[j].0);
            }
        }
        acc.e2e_sys += e2e_sys;
        acc.e2e_gold += e2e_gold.len() as u64;
        acc.attr_n_sys += n_sys;
        acc.attr_n_gold += req.len() as u64;
    }
}

// ---------------------------------------------------------------------------
// entities, times, amounts

fn score_entities(gold: &Value, items: &SysItems, text: &Text, all_mentions: bool, acc: &mut Acc) {
    let mut req: HashSet<(i64, i64, Option<Fam>)> = HashSet::new();
    let mut opt: HashSet<Span> = HashSet::new();
    for e in array(gold.get("entities")) {
        let span = (int_field(e, "start"), int_field(e, "end"));
        if truthy(e.get("optional")) {
            opt.insert(span);
        } else {
            req.insert((span.0, span.1, family(e.get("type"))));
        }
    }
    let req_spans: HashSet<Span> = req.iter().map(|k| (k.0, k.1)).collect();
    let mut sysm: HashSet<(i64, i64, Option<Fam>)> = HashSet::new();
    let mut skipped = 0u64;
    for m in &items.mentions {
        let (s, e) = m.span;
        let t = strip(text.slice(s, e));
        let first = split_ws(t).next().unwrap_or("");
        let not_a_name = t.is_empty()
            || (PRONOUNS.contains(&t.to_lowercase().as_str()) && !str_isupper(t))
            || (str_isalpha(first) && str_islower(first));
        if !all_mentions && !req_spans.contains(&(s, e)) && not_a_name {
            skipped += 1; // "he", "the Ukrainian leader": not a name ("iPhone", "US" are)
            continue;
        }
        if opt.contains(&(s, e)) && !req_spans.contains(&(s, e)) {
            continue;
        }
        sysm.insert((s, e, m.fam));
    }
    acc.ent_skipped_mentions += skipped;
    let tp: Vec<_> = sysm.intersection(&req).collect();
    acc.ent_tp += tp.len() as u64;
    acc.ent_n_sys += sysm.len() as u64;
    acc.ent_n_gold += req.len() as u64;
    let us: HashSet<Span> = sysm.iter().map(|k| (k.0, k.1)).collect();
    acc.ent_u_tp += us.intersection(&req_spans).count() as u64;
    acc.ent_u_n_sys += us.len() as u64;
    acc.ent_u_n_gold += req_spans.len() as u64;
    for (k, fam) in FAMS.iter().enumerate() {
        let f = &mut acc.ent_fam[k];
        f.tp += tp.iter().filter(|x| x.2 == Some(*fam)).count() as u64;
        f.n_sys += sysm.iter().filter(|x| x.2 == Some(*fam)).count() as u64;
        f.n_gold += req.iter().filter(|x| x.2 == Some(*fam)).count() as u64;
    }
}

fn gold_span(g: &Value) -> Span {
    (int_field(g, "start"), int_field(g, "end"))
}

fn score_times(gold: &Value, items: &SysItems, acc: &mut Acc) {
    let (opt, gt): (Vec<&Value>, Vec<&Value>) = array(gold.get("times"))
        .iter()
        .partition(|t| truthy(t.get("optional")));
    let interval = gold.get("corpus").and_then(Value::as_str) == Some("gum");
    let gspan: Vec<Span> = gt.iter().map(|g| gold_span(g)).collect();
    let ospan: Vec<Span> = opt.iter().map(|g| gold_span(g)).collect();
    let st: Vec<&SysSpan> = items
        .times
        .iter()
        .filter(|t| {
            gspan.iter().any(|&g| overlaps(t.span, g))
                || !ospan.iter().any(|&g| overlaps(t.span, g))
        })
        .collect();
    let semantics: Vec<bool> = gt
        .iter()
        .map(|g| interval || truthy(g.get("range")) || truthy(g.get("bounds")))
        .collect();
    let mut strict = Vec::new();
    let mut relaxed = Vec::new();
    for (i, t) in st.iter().enumerate() {
        for (j, &g) in gspan.iter().enumerate() {
            if t.span == g {
                strict.push(([1, 0, 0], i, j));
            }
            if overlaps(t.span, g) {
                let ov = t.span.1.min(g.1) - t.span.0.max(g.0);
                let ok = value_ok(gt[j], t.value.as_deref(), semantics[j]);
                relaxed.push(([ov, ok as i64, 0], i, j));
            }
        }
    }
    let strict = greedy(strict);
    let relaxed = greedy(relaxed);
    acc.time_n_sys += st.len() as u64;
    acc.time_n_gold += gt.len() as u64;
    acc.time_strict_tp += strict.len() as u64;
    acc.time_relaxed_tp += relaxed.len() as u64;
    acc.time_n_gold_valued += gt.iter().filter(|g| has_value(g)).count() as u64;
    for (i, j) in relaxed {
        if !has_value(gt[j]) {
            continue;
        }
        acc.time_value_pairs += 1;
        acc.time_value_ok += value_ok(gt[j], st[i].value.as_deref(), semantics[j]) as u64;
    }
}

fn score_amounts(gold: &Value, items: &SysItems, acc: &mut Acc) {
    let ga: Vec<Span> = array(gold.get("amounts"))
        .iter()
        .filter(|a| !truthy(a.get("optional")))
        .map(gold_span)
        .collect();
    let mut cand = Vec::new();
    for (i, a) in items.amounts.iter().enumerate() {
        for (j, &g) in ga.iter().enumerate() {
            if overlaps(a.span, g) {
                cand.push(([a.span.1.min(g.1) - a.span.0.max(g.0), 0, 0], i, j));
            }
        }
    }
    acc.amt_n_sys += items.amounts.len() as u64;
    acc.amt_n_gold += ga.len() as u64;
    acc.amt_tp += greedy(cand).len() as u64;
}

// ---------------------------------------------------------------------------
// events

/// `norm_code(c)`: `str(c).strip()`, None when null or empty.
fn norm_code(c: Option<&Value>) -> Option<String> {
    match c? {
        Value::Null => None,
        v => Some(strip(&py_str(v)).to_string()).filter(|s| !s.is_empty()),
    }
}

/// `norm_plover(p)`: upper case, PLOVER 0.5b1 names read as the 2021 ones.
fn norm_plover(p: Option<&Value>) -> Option<String> {
    let p = norm_code(p)?.to_uppercase();
    Some(
        match p.as_str() {
            "DEMAND" => "REQUEST",
            "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
            "FIGHT" => "ASSAULT",
            other => other,
        }
        .to_string(),
    )
}

struct SysActor {
    code: Option<String>,
    span: Option<Span>,
}

struct SysEvent {
    cameo: Option<String>,
    root: Option<String>,
    plover: Option<String>,
    source: Option<SysActor>,
    target: Option<SysActor>,
}

fn system_events(rec: &Map<String, Value>, text: &Text, omap: &OffsetMap) -> Vec<SysEvent> {
    let actor = |a: Option<&Value>| -> Option<SysActor> {
        let a = a?;
        let (span, code) = match a {
            Value::String(s) => (text.locate(s, 0), None),
            Value::Object(o) => (
                span_fields(o.get("start"), o.get("end"), o.get("text"), text, 0),
                norm_code(o.get("code")).map(|c| c.to_uppercase()),
            ),
            _ => return None,
        };
        Some(SysActor {
            code,
            span: span.map(|s| omap.span(s.0, s.1)),
        })
    };
    let mut out = Vec::new();
    for ev in array(rec.get("events")) {
        let Some(ev) = ev.as_object() else { continue };
        let cameo = norm_code(ev.get("cameo"));
        let root = match ev.get("root") {
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(
                n.as_i64()
                    .map_or_else(|| n.to_string(), |i| format!("{i:02}")),
            ),
            r => norm_code(r),
        };
        let root = root.or_else(|| cameo.as_ref().map(|c| c.chars().take(2).collect()));
        out.push(SysEvent {
            cameo,
            root,
            plover: norm_plover(ev.get("plover")),
            source: actor(ev.get("source")),
            target: actor(ev.get("target")),
        });
    }
    out
}

struct GoldEvent<'a> {
    g: &'a Value,
    cameo: Option<String>,
    root: Option<String>,
    plover: Option<String>,
}

/// Does the gold event name this actor? ("---": PETRARCH's code for no actor)
fn gold_actor_given(g: &Value, key: &str) -> bool {
    let code = norm_code(g.get(format!("{key}_code")));
    truthy(g.get(key)) || code.is_some_and(|c| c != "---")
}

/// `actor_ok`: spans overlap, or the system code starts with the first three
/// letters of the gold code; for a gold "---XXX" the agent part must start with XXX.
fn actor_ok(g: &Value, key: &str, s: Option<&SysActor>) -> bool {
    let Some(s) = s else { return false };
    if truthy(g.get(key)) {
        if let (Some(gs), Some(ss)) = (pair(g.get(key)), s.span) {
            if overlaps(gs, ss) {
                return true;
            }
        }
    }
    let gc = norm_code(g.get(format!("{key}_code")))
        .unwrap_or_default()
        .to_uppercase();
    let sc = s.code.as_deref().unwrap_or("");
    if gc.is_empty() || sc.is_empty() {
        return false;
    }
    let tail = |s: &str| s.chars().skip(3).collect::<String>();
    if gc.starts_with("---") {
        return gc.chars().count() > 3 && tail(sc).starts_with(&tail(&gc));
    }
    let head: String = gc.chars().take(3).collect();
    sc.starts_with(&head)
}

fn event_scheme(gold: &Value) -> HashSet<String> {
    if let Some(s) = gold.get("event_scheme").filter(|v| !v.is_null()) {
        return array(Some(s)).iter().map(py_str).collect();
    }
    let mut out = HashSet::new();
    for g in array(gold.get("events")) {
        if truthy(g.get("cameo")) {
            out.insert("cameo".to_string());
        }
        if truthy(g.get("plover")) {
            out.insert("plover".to_string());
        }
    }
    out
}

fn score_events(gold: &Value, evs: &[SysEvent], acc: &mut Acc) {
    let (opt, req): (Vec<&Value>, Vec<&Value>) = array(gold.get("events"))
        .iter()
        .partition(|g| truthy(g.get("optional")));
    let req: Vec<GoldEvent> = req
        .into_iter()
        .map(|g| GoldEvent {
            g,
            cameo: norm_code(g.get("cameo")),
            root: norm_code(g.get("root")),
            plover: norm_plover(g.get("plover")),
        })
        .collect();
    let scheme = event_scheme(gold);
    let nj = req.len();
    let ok: Vec<(bool, bool)> = evs
        .iter()
        .flat_map(|s| {
            req.iter().map(move |g| {
                (
                    actor_ok(g.g, "source", s.source.as_ref()),
                    actor_ok(g.g, "target", s.target.as_ref()),
                )
            })
        })
        .collect();
    let okk = |i: usize, j: usize| ok[i * nj + j];
    // (a) root: one-to-one, preferring pairs with the same full code, then right actors
    let mut cand = Vec::new();
    for (i, s) in evs.iter().enumerate() {
        for (j, g) in req.iter().enumerate() {
            if s.root.is_some() && s.root == g.root {
                let same = s.cameo.is_some() && s.cameo == g.cameo;
                let (a, b) = okk(i, j);
                cand.push(([same as i64, a as i64, b as i64], i, j));
            }
        }
    }
    let root = greedy(cand);
    // an optional gold event absorbs one unmatched system event (one of its roots first)
    let hit: HashSet<usize> = root.iter().map(|&(i, _)| i).collect();
    let mut free: Vec<usize> = (0..evs.len()).filter(|i| !hit.contains(i)).collect();
    let opt_roots: Vec<Option<String>> = opt.iter().map(|g| norm_code(g.get("root"))).collect();
    free.sort_by_key(|&i| !opt_roots.contains(&evs[i].root));
    let absorbed: HashSet<usize> = free.iter().take(opt.len()).copied().collect();
    let counted: Vec<usize> = (0..evs.len()).filter(|i| !absorbed.contains(i)).collect();
    acc.ev_absorbed += absorbed.len() as u64;
    acc.ev_n_sys += counted.len() as u64;
    acc.ev_n_gold += req.len() as u64;
    acc.ev_root_tp += root.len() as u64;
    for &(i, j) in &root {
        let g = req[j].g;
        let (src, tgt) = okk(i, j);
        acc.ev_pairs += 1;
        let has_s = gold_actor_given(g, "source");
        let has_t = gold_actor_given(g, "target");
        if has_s {
            acc.ev_src_pairs += 1;
            acc.ev_src_ok += src as u64;
        }
        if has_t {
            acc.ev_tgt_pairs += 1;
            acc.ev_tgt_ok += tgt as u64;
        }
        acc.ev_dyad_ok += ((src || !has_s) && (tgt || !has_t)) as u64;
    }
    // (b) full CAMEO code, where the corpus codes CAMEO
    if scheme.contains("cameo") {
        let mut cand = Vec::new();
        for &i in &counted {
            for (j, g) in req.iter().enumerate() {
                if evs[i].cameo.is_some() && evs[i].cameo == g.cameo {
                    let (a, b) = okk(i, j);
                    cand.push(([a as i64, b as i64, 0], i, j));
                }
            }
        }
        acc.ev_code_docs += 1;
        acc.ev_code_tp += greedy(cand).len() as u64;
        acc.ev_code_n_sys += counted.len() as u64;
        acc.ev_code_n_gold += req.iter().filter(|g| truthy(g.g.get("cameo"))).count() as u64;
    }
    // (d) PLOVER category, the system's own, where the corpus codes PLOVER
    if scheme.contains("plover") {
        let mut cand = Vec::new();
        for &i in &counted {
            for (j, g) in req.iter().enumerate() {
                if evs[i].plover.is_some() && evs[i].plover == g.plover {
                    let (a, b) = okk(i, j);
                    cand.push(([(evs[i].root == g.root) as i64, a as i64, b as i64], i, j));
                }
            }
        }
        acc.ev_plover_docs += 1;
        acc.ev_plover_tp += greedy(cand).len() as u64;
        acc.ev_plover_n_sys += counted.len() as u64;
        acc.ev_plover_n_gold += req.iter().filter(|g| truthy(g.g.get("plover"))).count() as u64;
    }
}

// ---------------------------------------------------------------------------

fn doc_layers(gold: &Value) -> HashSet<String> {
    if let Some(l) = gold.get("layers").filter(|v| !v.is_null()) {
        return array(Some(l)).iter().map(py_str).collect();
    }
    let mut out = HashSet::new();
    for k in ["quotes", "entities", "times", "amounts"] {
        if truthy(gold.get(k)) {
            out.insert(k.to_string());
        }
    }
    out
}

/// Records by "id", by the base name of "source" and that name without ".txt"; the first wins.
fn index_system(recs: &[Value]) -> HashMap<String, &Map<String, Value>> {
    let mut by = HashMap::new();
    for r in recs {
        let Some(o) = r.as_object() else { continue };
        let mut keys = Vec::new();
        if let Some(id) = o.get("id").filter(|v| !v.is_null()) {
            keys.push(py_str(id));
        }
        let src = match o.get("source") {
            Some(s) if truthy(Some(s)) => py_str(s),
            _ => String::new(),
        };
        let src = src.replace('\\', "/");
        let src = src
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        if !src.is_empty() {
            if let Some(stem) = src.strip_suffix(".txt") {
                let stem = stem.to_string();
                keys.push(src);
                keys.push(stem);
            } else {
                keys.push(src);
            }
        }
        for k in keys {
            by.entry(k).or_insert(o);
        }
    }
    by
}

pub(crate) fn score_docs(golds: &[Value], recs: &[Value], task: Task, all_mentions: bool) -> Acc {
    let by = index_system(recs);
    let empty = Map::new();
    let mut acc = Acc::default();
    let on = |t: Task| task == Task::All || task == t;
    for gold in golds {
        let gid = gold.get("id").map_or_else(|| "None".to_string(), py_str);
        let rec = match by.get(&gid).or_else(|| by.get(&format!("{gid}.txt"))) {
            Some(r) => *r,
            None => {
                acc.missing += 1;
                &empty
            }
        };
        acc.docs += 1;
        let gold_text = Text::new(gold.get("text").and_then(Value::as_str).unwrap_or(""));
        let sys_text = rec.get("text").and_then(Value::as_str).map(Text::new);
        let omap = OffsetMap::new(
            sys_text.as_ref().map(|t| t.chars.as_slice()),
            &gold_text.chars,
        );
        match omap.aligned {
            Aligned::Same => {}
            Aligned::Whitespace => acc.text_differs_whitespace += 1,
            Aligned::Diff => acc.text_differs_diff += 1,
        }
        let text = sys_text.as_ref().unwrap_or(&gold_text);
        let items = system_items(rec, text, &omap);
        acc.unlocated += items.unlocated;
        let layers = doc_layers(gold);
        if on(Task::Quotes) && (layers.contains("quotes") || layers.contains("quotes_direct")) {
            let toks = Tokens::new(&gold_text.chars);
            let full = layers.contains("quotes");
            let gq: Vec<GoldQuote> = array(gold.get("quotes"))
                .iter()
                .map(GoldQuote::new)
                .collect();
            acc.quote_docs += 1;
            score_quotes(
                &gq,
                &items,
                &toks,
                &gold_text,
                View::Direct,
                full,
                &mut acc.quotes_direct,
            );
            if full {
                score_quotes(
                    &gq,
                    &items,
                    &toks,
                    &gold_text,
                    View::All,
                    true,
                    &mut acc.quotes_all,
                );
            }
        }
        if on(Task::Entities) && layers.contains("entities") {
            acc.entity_docs += 1;
            score_entities(gold, &items, &gold_text, all_mentions, &mut acc);
        }
        if on(Task::Times) && layers.contains("times") {
            acc.time_docs += 1;
            score_times(gold, &items, &mut acc);
        }
        if on(Task::Amounts) && layers.contains("amounts") {
            acc.amount_docs += 1;
            score_amounts(gold, &items, &mut acc);
        }
        if on(Task::Events) && layers.contains("events") {
            acc.event_docs += 1;
            score_events(gold, &system_events(rec, text, &omap), &mut acc);
        }
    }
    acc
}
