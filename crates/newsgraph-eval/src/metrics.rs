//! The figures (score_spans.py's `metrics()`) and their report (`report()`).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::score::{Acc, QuoteAcc};

/// Precision, recall and F1 with the counts they come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f: f64,
    pub n_sys: u64,
    pub n_gold: u64,
}

impl Prf {
    /// `prf(tp_p, n_sys, tp_r, n_gold)`: P = tp_p / n_sys, R = tp_r / n_gold.
    pub fn new(tp_p: u64, n_sys: u64, tp_r: u64, n_gold: u64) -> Prf {
        let p = if n_sys > 0 {
            tp_p as f64 / n_sys as f64
        } else {
            0.0
        };
        let r = if n_gold > 0 {
            tp_r as f64 / n_gold as f64
        } else {
            0.0
        };
        let f = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            p,
            r,
            f,
            n_sys,
            n_gold,
        }
    }

    fn fmt(&self) -> String {
        format!(
            "P={:.3} R={:.3} F1={:.3} (sys {}, gold {})",
            self.p, self.r, self.f, self.n_sys, self.n_gold
        )
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b > 0 {
        a as f64 / b as f64
    } else {
        0.0
    }
}

/// One quote view: `direct` (quotation-mark quotes) or `all` (every attribution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMetrics {
    /// Token-overlap matching of whole quotes (one-to-one).
    #[serde(rename = "match")]
    pub match_: Prf,
    /// Citron-style content token overlap.
    pub tok: Prf,
    /// Content spans equal within 2 characters at each end (per gold fragment).
    pub exact: Prf,
    /// Speaker accuracy on matched pairs whose gold has a speaker (PolNeAR-style gold only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub spk: Option<f64>,
    /// Cue accuracy on matched pairs whose gold has a cue.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cue: Option<f64>,
    /// Matches with the right speaker.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub e2e: Option<Prf>,
}

/// Named-entity mentions, exact spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(non_snake_case)]
pub struct EntityMetrics {
    pub typed: Prf,
    pub untyped: Prf,
    pub skipped_mentions: u64,
    pub PERSON: Prf,
    pub ORG: Prf,
    pub LOC: Prf,
    pub MISC: Prf,
}

/// Time expressions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMetrics {
    pub strict: Prf,
    pub relaxed: Prf,
    pub value_acc: f64,
    pub value: Prf,
}

/// Amounts (overlapping spans).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmountMetrics {
    pub relaxed: Prf,
}

/// Events: root codes, full codes, PLOVER categories, actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMetrics {
    pub root: Prf,
    pub source_acc: f64,
    pub target_acc: f64,
    pub dyad_acc: f64,
    pub pairs: u64,
    pub source_pairs: u64,
    pub target_pairs: u64,
    pub absorbed: u64,
    pub docs: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cameo: Option<Prf>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub plover: Option<Prf>,
}

/// Every figure, in the JSON shape of score_spans.py's `metrics()` (counts
/// are integers here, where the Python writes them as floats: `12` for `12.0`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Gold documents scored.
    pub docs: u64,
    /// Gold documents without a system record (scored as empty).
    pub missing: u64,
    /// System spans with no usable offsets whose text was not found either.
    pub unlocated: u64,
    /// Records whose text differs from the gold text (offsets aligned).
    pub text_differs: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quotes_direct: Option<QuoteMetrics>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quotes_all: Option<QuoteMetrics>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entities: Option<EntityMetrics>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub times: Option<TimeMetrics>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub amounts: Option<AmountMetrics>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub events: Option<EventMetrics>,
}

fn quote_metrics(q: &QuoteAcc, all_view: bool) -> Option<QuoteMetrics> {
    if all_view && q.n_gold == 0 && q.n_sys == 0 && q.attr_n_gold == 0 {
        return None;
    }
    let attr = q.attr_n_gold > 0 || q.attr_n_sys > 0;
    Some(QuoteMetrics {
        match_: Prf::new(q.match_sys, q.n_sys, q.match_gold, q.n_gold),
        tok: Prf::new(q.tok_overlap, q.tok_sys, q.tok_overlap, q.tok_gold),
        exact: Prf::new(q.exact_sys, q.n_sys, q.exact_gold, q.n_frag),
        spk: attr.then(|| ratio(q.spk_ok, q.spk_pairs)),
        cue: attr.then(|| ratio(q.cue_ok, q.cue_pairs)),
        e2e: attr.then(|| Prf::new(q.e2e_sys, q.attr_n_sys, q.e2e_gold, q.attr_n_gold)),
    })
}

impl Metrics {
    pub(crate) fn from_acc(
        acc: &Acc,
        quotes: bool,
        entities: bool,
        times: bool,
        amounts: bool,
        events: bool,
    ) -> Metrics {
        let mut m = Metrics {
            docs: acc.docs,
            missing: acc.missing,
            unlocated: acc.unlocated,
            text_differs: acc.text_differs_whitespace + acc.text_differs_diff,
            quotes_direct: None,
            quotes_all: None,
            entities: None,
            times: None,
            amounts: None,
            events: None,
        };
        if quotes && acc.quote_docs > 0 {
            m.quotes_direct = quote_metrics(&acc.quotes_direct, false);
            m.quotes_all = quote_metrics(&acc.quotes_all, true);
        }
        if entities && acc.entity_docs > 0 {
            let fam = |k: usize| {
                let f = &acc.ent_fam[k];
                Prf::new(f.tp, f.n_sys, f.tp, f.n_gold)
            };
            m.entities = Some(EntityMetrics {
                typed: Prf::new(acc.ent_tp, acc.ent_n_sys, acc.ent_tp, acc.ent_n_gold),
                untyped: Prf::new(
                    acc.ent_u_tp,
                    acc.ent_u_n_sys,
                    acc.ent_u_tp,
                    acc.ent_u_n_gold,
                ),
                skipped_mentions: acc.ent_skipped_mentions,
                PERSON: fam(0),
                ORG: fam(1),
                LOC: fam(2),
                MISC: fam(3),
            });
        }
        if times && acc.time_docs > 0 {
            m.times = Some(TimeMetrics {
                strict: Prf::new(
                    acc.time_strict_tp,
                    acc.time_n_sys,
                    acc.time_strict_tp,
                    acc.time_n_gold,
                ),
                relaxed: Prf::new(
                    acc.time_relaxed_tp,
                    acc.time_n_sys,
                    acc.time_relaxed_tp,
                    acc.time_n_gold,
                ),
                value_acc: ratio(acc.time_value_ok, acc.time_value_pairs),
                value: Prf::new(
                    acc.time_value_ok,
                    acc.time_n_sys,
                    acc.time_value_ok,
                    acc.time_n_gold_valued,
                ),
            });
        }
        if amounts && acc.amount_docs > 0 {
            m.amounts = Some(AmountMetrics {
                relaxed: Prf::new(acc.amt_tp, acc.amt_n_sys, acc.amt_tp, acc.amt_n_gold),
            });
        }
        if events && acc.event_docs > 0 {
            m.events = Some(EventMetrics {
                root: Prf::new(acc.ev_root_tp, acc.ev_n_sys, acc.ev_root_tp, acc.ev_n_gold),
                source_acc: ratio(acc.ev_src_ok, acc.ev_src_pairs),
                target_acc: ratio(acc.ev_tgt_ok, acc.ev_tgt_pairs),
                dyad_acc: ratio(acc.ev_dyad_ok, acc.ev_pairs),
                pairs: acc.ev_pairs,
                source_pairs: acc.ev_src_pairs,
                target_pairs: acc.ev_tgt_pairs,
                absorbed: acc.ev_absorbed,
                docs: acc.event_docs,
                cameo: (acc.ev_code_docs > 0).then(|| {
                    Prf::new(
                        acc.ev_code_tp,
                        acc.ev_code_n_sys,
                        acc.ev_code_tp,
                        acc.ev_code_n_gold,
                    )
                }),
                plover: (acc.ev_plover_docs > 0).then(|| {
                    Prf::new(
                        acc.ev_plover_tp,
                        acc.ev_plover_n_sys,
                        acc.ev_plover_tp,
                        acc.ev_plover_n_gold,
                    )
                }),
            });
        }
        m
    }

    fn quote_views(&self) -> [(&'static str, Option<&QuoteMetrics>); 2] {
        [
            ("direct", self.quotes_direct.as_ref()),
            ("all", self.quotes_all.as_ref()),
        ]
    }

    /// The lines of score_spans.py's `report()`, one per line, the SUMMARY line last.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let mut log = |s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        for (view, q) in self.quote_views() {
            let Some(q) = q else { continue };
            log(format!("quotes[{view}] match  {}", q.match_.fmt()));
            log(format!("quotes[{view}] tokens {}", q.tok.fmt()));
            log(format!("quotes[{view}] exact  {}", q.exact.fmt()));
            if let (Some(spk), Some(cue), Some(e2e)) = (q.spk, q.cue, q.e2e) {
                log(format!(
                    "quotes[{view}] speaker acc={spk:.3} cue acc={cue:.3}  e2e {}",
                    e2e.fmt()
                ));
            }
        }
        if let Some(e) = &self.entities {
            log(format!("entities typed   {}", e.typed.fmt()));
            log(format!("entities untyped {}", e.untyped.fmt()));
            for (fam, m) in [
                ("PERSON", &e.PERSON),
                ("ORG", &e.ORG),
                ("LOC", &e.LOC),
                ("MISC", &e.MISC),
            ] {
                if m.n_gold > 0 || m.n_sys > 0 {
                    log(format!("entities {fam:<7} {}", m.fmt()));
                }
            }
            if e.skipped_mentions > 0 {
                log(format!(
                    "entities: {} system mentions skipped as pronouns/descriptions",
                    e.skipped_mentions
                ));
            }
        }
        if let Some(t) = &self.times {
            log(format!("times strict  {}", t.strict.fmt()));
            log(format!("times relaxed {}", t.relaxed.fmt()));
            log(format!(
                "times value   acc={:.3}  {}",
                t.value_acc,
                t.value.fmt()
            ));
        }
        if let Some(a) = &self.amounts {
            log(format!("amounts relaxed {}", a.relaxed.fmt()));
        }
        if let Some(ev) = &self.events {
            log(format!("events root   {}", ev.root.fmt()));
            if let Some(c) = &ev.cameo {
                log(format!("events cameo  {}", c.fmt()));
            }
            if let Some(p) = &ev.plover {
                log(format!("events plover {}", p.fmt()));
            }
            log(format!(
                "events actors on {} root-matched pairs: source acc={:.3} ({}) target acc={:.3} ({}) dyad acc={:.3}",
                ev.pairs, ev.source_acc, ev.source_pairs, ev.target_acc, ev.target_pairs, ev.dyad_acc
            ));
            if ev.absorbed > 0 {
                log(format!(
                    "events: {} system events absorbed by optional gold events",
                    ev.absorbed
                ));
            }
        }
        log(format!("SUMMARY {}", self.summary()));
        out
    }

    /// The SUMMARY line without its "SUMMARY " prefix.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("docs={} missing={}", self.docs, self.missing)];
        for (view, q) in self.quote_views() {
            let Some(q) = q else { continue };
            let mut s = format!(
                "quotes-{view} match F1={:.3} tok F1={:.3} exact F1={:.3}",
                q.match_.f, q.tok.f, q.exact.f
            );
            if let (Some(spk), Some(cue), Some(e2e)) = (q.spk, q.cue, q.e2e) {
                let _ = write!(s, " spk={spk:.3} cue={cue:.3} e2e F1={:.3}", e2e.f);
            }
            parts.push(s);
        }
        if let Some(e) = &self.entities {
            parts.push(format!(
                "entities typed F1={:.3} untyped F1={:.3}",
                e.typed.f, e.untyped.f
            ));
        }
        if let Some(t) = &self.times {
            parts.push(format!(
                "times strict F1={:.3} relaxed F1={:.3} value acc={:.3} value F1={:.3}",
                t.strict.f, t.relaxed.f, t.value_acc, t.value.f
            ));
        }
        if let Some(a) = &self.amounts {
            parts.push(format!("amounts F1={:.3}", a.relaxed.f));
        }
        if let Some(ev) = &self.events {
            let mut s = format!("events root F1={:.3}", ev.root.f);
            if let Some(c) = &ev.cameo {
                let _ = write!(s, " cameo F1={:.3}", c.f);
            }
            if let Some(p) = &ev.plover {
                let _ = write!(s, " plover F1={:.3}", p.f);
            }
            let _ = write!(
                s,
                " src={:.3} tgt={:.3} dyad={:.3}",
                ev.source_acc, ev.target_acc, ev.dyad_acc
            );
            parts.push(s);
        }
        if self.text_differs > 0 {
            parts.push(format!("text-differs={}", self.text_differs));
        }
        if self.unlocated > 0 {
            parts.push(format!("unlocated={}", self.unlocated));
        }
        parts.join(" | ")
    }
}
