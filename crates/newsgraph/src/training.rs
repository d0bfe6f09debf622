//! Training the named-entity recogniser (`newsgraph train-ner`), behind the
//! `training` feature so that the library's other users do not compile it.
//!
//! The averaged perceptron (Collins 2002) with the
//! same greedy decoder and features as tagging, from gold JSON Lines
//! documents (`shared/data/gold/*.jsonl`: text and entity character spans).
//!
//! Reproducible: documents are shuffled by a seeded xorshift generator and
//! every step is single-threaded, so the same data and seed give the same
//! bytes. The result is pruned to the features with the largest weights
//! and quantised to i8 (see [`Trained::to_bytes`]).

use crate::doc::Doc;
use crate::entities::ner::features::{describe, TokInfo};
use crate::entities::ner::{best_valid, class_b, class_i, decode_doc, spans_of, valid, NamedSpan, NC};
use crate::lexis::hash::PreHashedMap;

pub use crate::entities::ner::Model;

/// A token whose gold class is unknown (an OTHER or optional entity): no
/// update is made there.
const DONT_CARE: usize = usize::MAX;

/// A gold document ready for training: segmented, described, labelled.
pub struct TrainDoc {
    pub doc: Doc,
    pub infos: Vec<TokInfo>,
    pub gold: Vec<usize>,
}

/// How well gold spans fell on token boundaries.
#[derive(Clone, Copy, Debug, Default)]
pub struct Alignment {
    pub entities: usize,
    pub aligned: usize,
}

fn type_index(t: &str) -> Option<usize> {
    match t {
        "PERSON" | "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" | "GPE" | "FAC" => Some(2),
        "MISC" | "NORP" => Some(3),
        _ => None,
    }
}

/// Reads one gold document (a JSON object of `shared/data/gold`).
pub fn prepare(gold: &serde_json::Value) -> (TrainDoc, Alignment) {
    let s = |k: &str| gold.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let mut doc = Doc::new(crate::gold::input_of(gold));
    crate::segment::run(&mut doc);
    let infos = describe(&doc);
    // char offset -> byte offset
    let mut byte_of: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(doc.text.len());
    let mut gold_classes = vec![0usize; doc.tokens.len()];
    let mut al = Alignment::default();
    let ents = gold.get("entities").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    for e in &ents {
        let (Some(cs), Some(ce)) = (e.get("start").and_then(|v| v.as_u64()), e.get("end").and_then(|v| v.as_u64())) else {
            continue;
        };
        let (bs, be) = (byte_of[(cs as usize).min(byte_of.len() - 1)], byte_of[(ce as usize).min(byte_of.len() - 1)]);
        let optional = e.get("optional").and_then(|v| v.as_bool()).unwrap_or(false);
        let kind = e.get("type").and_then(|v| v.as_str()).and_then(type_index);
        let first = doc.tokens.partition_point(|t| (t.span.end as usize) <= bs);
        let mut last = first;
        while last < doc.tokens.len() && (doc.tokens[last].span.start as usize) < be {
            last += 1;
        }
        if first == last {
            continue;
        }
        let exact = doc.tokens[first].span.start as usize == bs && doc.tokens[last - 1].span.end as usize == be;
        match (kind, optional, exact) {
            (Some(t), false, true) => {
                al.entities += 1;
                al.aligned += 1;
                gold_classes[first] = class_b(t);
                for c in gold_classes.iter_mut().take(last).skip(first + 1) {
                    *c = class_i(t);
                }
            }
            (Some(_), false, false) => {
                al.entities += 1;
                for c in gold_classes.iter_mut().take(last).skip(first) {
                    *c = DONT_CARE;
                }
            }
            _ => {
                for c in gold_classes.iter_mut().take(last).skip(first) {
                    if *c == 0 {
                        *c = DONT_CARE;
                    }
                }
            }
        }
    }
    // Corpora without a MISC type (GUM, MEANTIME) leave nationalities and
    // groups unmarked where CoNLL marks them MISC: there, such words teach
    // nothing either way.
    let has_misc = ents.iter().any(|e| e.get("type").and_then(|v| v.as_str()) == Some("MISC"));
    let corpus_has_misc = has_misc || s("corpus").is_none_or(|c| c.starts_with("conll"));
    if !corpus_has_misc {
        use crate::entities::gazetteer::GazKind;
        for (c, info) in gold_classes.iter_mut().zip(&infos) {
            if *c == 0 && (info.gaz[GazKind::Demonym.index()] != 0 || info.gaz[GazKind::Group.index()] != 0) {
                *c = DONT_CARE;
            }
        }
    }
    (TrainDoc { doc, infos, gold: gold_classes }, al)
}

/// The class scores of a feature set: the sum of the rows of its features.
fn sum_rows(index: &PreHashedMap<u32>, w: &[f32], feats: &[u64]) -> [f32; NC] {
    let mut s = [0f32; NC];
    for f in feats {
        if let Some(&r) = index.get(f) {
            let r = r as usize * NC;
            for c in 0..NC {
                s[c] += w[r + c];
            }
        }
    }
    s
}

/// The averaged perceptron's state (lazy averaging: each weight keeps the
/// step of its last change).
struct Perceptron {
    index: PreHashedMap<u32>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    step: u32,
}

impl Perceptron {
    fn new() -> Perceptron {
        Perceptron { index: PreHashedMap::default(), w: Vec::new(), total: Vec::new(), stamp: Vec::new(), step: 1 }
    }

    fn scores(&self, feats: &[u64]) -> [f32; NC] {
        sum_rows(&self.index, &self.w, feats)
    }

    fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        for &f in feats {
            let next = self.index.len() as u32;
            let r = *self.index.entry(f).or_insert_with(|| next) as usize;
            if r * NC >= self.w.len() {
                self.w.resize((r + 1) * NC, 0.0);
                self.total.resize((r + 1) * NC, 0.0);
                self.stamp.resize((r + 1) * NC, self.step);
            }
            for (c, d) in [(truth, 1.0f32), (guess, -1.0)] {
                let p = r * NC + c;
                self.total[p] += (self.step - self.stamp[p]) as f64 * self.w[p] as f64;
                self.stamp[p] = self.step;
                self.w[p] += d;
            }
        }
    }

    fn averaged(&self) -> Vec<f32> {
        (0..self.w.len()).map(|p| ((self.total[p] + (self.step - self.stamp[p]) as f64 * self.w[p] as f64) / self.step as f64) as f32).collect()
    }
}

/// The averaged weights, before pruning.
pub struct Trained {
    index: PreHashedMap<u32>,
    w: Vec<f32>,
}

impl Trained {
    fn scores(&self, feats: &[u64]) -> [f32; NC] {
        sum_rows(&self.index, &self.w, feats)
    }

    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// The model file: the `max_features` rows with the largest weights,
    /// keys sorted, weights quantised to i8 on one scale.
    pub fn to_bytes(&self, max_features: usize) -> Vec<u8> {
        let mut rows: Vec<(u64, usize, f32)> = self
            .index
            .iter()
            .map(|(&k, &r)| {
                let r = r as usize;
                let m = self.w[r * NC..(r + 1) * NC].iter().fold(0f32, |a, &x| a.max(x.abs()));
                (k, r, m)
            })
            .filter(|x| x.2 > 0.0)
            .collect();
        // largest first; ties by key, so that the output is reproducible
        rows.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        rows.truncate(max_features);
        rows.sort_by_key(|x| x.0);
        let max = rows.iter().map(|x| x.2).fold(0f32, f32::max).max(1e-9);
        let scale = max / i8::MAX as f32;
        let mut out = Vec::with_capacity(20 + rows.len() * (8 + NC));
        out.extend_from_slice(b"NGNER\x00\x00\x02");
        out.extend_from_slice(&(NC as u32).to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for r in &rows {
            out.extend_from_slice(&r.0.to_le_bytes());
        }
        for r in &rows {
            for c in 0..NC {
                let q = (self.w[r.1 * NC + c] / scale).round().clamp(i8::MIN as f32, i8::MAX as f32) as i8;
                out.push(q as u8);
            }
        }
        out
    }
}

pub struct Options {
    pub epochs: usize,
    pub seed: u64,
}

/// Typed exact-span precision, recall and F1 over token spans.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prf {
    pub tp: usize,
    pub sys: usize,
    pub gold: usize,
}

impl Prf {
    pub fn f1(&self) -> f64 {
        let p = self.tp as f64 / self.sys.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn evaluate(docs: &[TrainDoc], score: impl Fn(&[u64]) -> [f32; NC]) -> Prf {
    let mut prf = Prf::default();
    for d in docs {
        let sys_c = decode_doc(&d.doc, &d.infos, |_, f, prev| best_valid(&score(f), prev));
        count(d, &sys_c, &mut prf);
    }
    prf
}

/// Adds a document's typed span counts; spans covering don't-care tokens
/// are neither right nor wrong.
fn count(d: &TrainDoc, sys_c: &[usize], prf: &mut Prf) {
    for s in &d.doc.sentences {
        let r = s.tokens();
        let (mut sys, mut gold) = (Vec::new(), Vec::new());
        spans_of(&sys_c[r.clone()], r.start, &mut sys);
        let gold_c: Vec<usize> = d.gold[r.clone()].iter().map(|&c| if c == DONT_CARE { 0 } else { c }).collect();
        spans_of(&gold_c, r.start, &mut gold);
        let dont_care = |sp: &NamedSpan| (sp.start..sp.end).any(|i| d.gold[i] == DONT_CARE);
        sys.retain(|sp| !dont_care(sp));
        prf.sys += sys.len();
        prf.gold += gold.len();
        prf.tp += sys.iter().filter(|x| gold.contains(x)).count();
    }
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Trains on `train`, reporting typed span F1 on `dev` after each epoch
/// through `log`.
pub fn train(train: &[TrainDoc], dev: &[TrainDoc], opts: &Options, mut log: impl FnMut(String)) -> Trained {
    let mut p = Perceptron::new();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = XorShift(opts.seed.max(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (mut errors, mut seen) = (0usize, 0usize);
        for &di in &order {
            let d = &train[di];
            decode_doc(&d.doc, &d.infos, |i, feats, prev| {
                let truth = d.gold[i];
                let guess = best_valid(&p.scores(feats), prev);
                if truth != DONT_CARE && valid(prev, truth) {
                    seen += 1;
                    if guess != truth {
                        errors += 1;
                        p.update(feats, truth, guess);
                    }
                }
                p.step += 1;
                guess
            });
        }
        let t = Trained { index: p.index.clone(), w: p.averaged() };
        let dev_f1 = if dev.is_empty() { String::new() } else { format!(", dev typed span F1 {:.4}", evaluate(dev, |f| t.scores(f)).f1()) };
        log(format!(
            "epoch {epoch}: {errors} errors in {seen} scored tokens ({:.2}%), {} features{dev_f1}",
            100.0 * errors as f64 / seen.max(1) as f64,
            p.index.len()
        ));
    }
    Trained { index: p.index.clone(), w: p.averaged() }
}

/// Typed span figures of a quantised model on `docs` (the figures of the
/// file that ships, not of the float weights).
pub fn evaluate_model(model: &Model, docs: &[TrainDoc]) -> Prf {
    let mut prf = Prf::default();
    for d in docs {
        let mut classes = vec![0usize; d.doc.tokens.len()];
        for sp in model.tag(&d.doc) {
            classes[sp.start] = class_b(sp.kind);
            for c in classes.iter_mut().take(sp.end).skip(sp.start + 1) {
                *c = class_i(sp.kind);
            }
        }
        count(d, &classes, &mut prf);
    }
    prf
}


#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str, ents: &[(&str, &str)]) -> serde_json::Value {
        let mut spans = Vec::new();
        for (name, t) in ents {
            let b = text.find(name).unwrap();
            let s = text[..b].chars().count();
            spans.push(serde_json::json!({"start": s, "end": s + name.chars().count(), "type": t}));
        }
        serde_json::json!({"id": "g", "corpus": "conllpp", "text": text, "layers": ["entities"], "entities": spans})
    }

    fn corpus() -> Vec<TrainDoc> {
        [
            gold("Anna Weber met Peter Novak in Vienna on Monday.", &[("Anna Weber", "PER"), ("Peter Novak", "PER"), ("Vienna", "LOC")]),
            gold("The Acme Corporation said profits rose in Brazil.", &[("Acme Corporation", "ORG"), ("Brazil", "LOC")]),
            gold("Peter Novak flew to Brazil for the Acme Corporation.", &[("Peter Novak", "PER"), ("Brazil", "LOC"), ("Acme Corporation", "ORG")]),
        ]
        .iter()
        .map(|g| prepare(g).0)
        .collect()
    }

    #[test]
    fn training_is_reproducible_and_learns_its_data() {
        let docs = corpus();
        let opts = Options { epochs: 5, seed: 7 };
        let a = train(&docs, &[], &opts, |_| {}).to_bytes(1000);
        let b = train(&docs, &[], &opts, |_| {}).to_bytes(1000);
        assert_eq!(a, b, "same data and seed, same bytes");
        let model = Model::from_bytes(&a).unwrap();
        let prf = evaluate_model(&model, &docs);
        assert_eq!((prf.tp, prf.gold), (8, 8), "the training data is learnt");
    }
}
