//! Agreement with the actor codes of the PLOVER gold records (read at
//! evaluation time, not vendored):
//! `cargo run --release -p newsgraph-actors --example plover_actors -- ../shared/data/gold/events-plover-gsr.jsonl`
//!
//! Each gold actor's text (`source_text` / `target_text`, the minimal span:
//! "Hungarian" for "senior Hungarian officials") goes through `by_name`, then
//! `by_title`, then `country`. Counts: how many get a code, how many codes
//! are the gold code, and how many share its country or IGO prefix (the
//! first three letters).
use newsgraph_actors::Actors;
use std::collections::BTreeMap;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("path to events-plover-gsr.jsonl");
    let text = std::fs::read_to_string(&path).expect("read gold file");
    let a = Actors::global();
    let (mut n, mut coded, mut exact, mut prefix) = (0, 0, 0, 0);
    let mut misses: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for line in text.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).expect("json line");
        for e in doc["events"].as_array().into_iter().flatten() {
            for (t, c) in [
                ("source_text", "source_code"),
                ("target_text", "target_code"),
            ] {
                let (Some(t), Some(gold)) = (e[t].as_str(), e[c].as_str()) else {
                    continue;
                };
                // Compound records repeat an actor: count each mention once.
                if !seen.insert((doc["id"].to_string(), t.to_string(), gold.to_string())) {
                    continue;
                }
                n += 1;
                let got = a
                    .by_name(t, None)
                    .map(|m| m.code)
                    .or_else(|| a.by_title(t).map(|m| m.code))
                    .or_else(|| a.country(t));
                match got {
                    Some(code) => {
                        coded += 1;
                        exact += (code == gold) as usize;
                        let same_prefix = code.get(..3) == gold.get(..3);
                        prefix += same_prefix as usize;
                        if !same_prefix {
                            *misses
                                .entry(format!("{t:?} -> {code} (gold {gold})"))
                                .or_default() += 1;
                        }
                    }
                    None => {
                        *misses
                            .entry(format!("{t:?} -> none (gold {gold})"))
                            .or_default() += 1
                    }
                }
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    println!("actors {n}: coded {coded} ({:.1}%), exact code {exact} ({:.1}%), same 3-letter prefix {prefix} ({:.1}%)", pct(coded), pct(exact), pct(prefix));
    if std::env::var_os("MISSES").is_some() {
        for (m, k) in misses {
            println!("{k:3} {m}");
        }
    }
}
