//! Calibrating the quote stage's confidence table.
//!
//! `cargo run --release -p newsgraph --example quotes -- calibrate GOLD.jsonl > crates/newsgraph/data/quotes/confidence.tsv`
//!   measures, for each attribution pattern, the share of right speakers
//!   (the system speaker span overlaps the gold one) among the system quotes
//!   that match a gold attribution, and prints the confidence table.
//!   `--matches` adds the share of quotes of each kind and pattern that match
//!   a gold attribution; `--show PATTERN` prints that pattern's wrong speakers.

use newsgraph::{gold, Extractor};
use serde_json::Value;
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("calibrate") => calibrate(&args[1..]),
        _ => eprintln!("usage: quotes calibrate GOLD.jsonl... [--matches] [--show PATTERN]"),
    }
}

/// A gold attribution: its content fragments and speaker, as byte ranges.
type GoldQuote = (Vec<(usize, usize)>, Option<(usize, usize)>);

/// Byte offset of each character offset of `text`.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn calibrate(golds: &[String]) {
    let ex = Extractor::new();
    // pattern -> (right, attributed)
    let mut table: BTreeMap<&'static str, (u32, u32)> = BTreeMap::new();
    // (kind, pattern) -> (quotes, matching a gold attribution), with --matches
    let mut matches: BTreeMap<(String, &'static str), (u32, u32)> = BTreeMap::new();
    let show = golds.iter().any(|g| g == "--matches");
    // --show PATTERN prints that pattern's wrong speakers
    let show_pattern = golds.iter().position(|g| g == "--show").and_then(|i| golds.get(i + 1)).cloned();
    let golds: Vec<&String> = golds.iter().filter(|g| !g.starts_with("--") && Some(*g) != show_pattern.as_ref()).collect();
    for path in golds {
        let data = std::fs::read_to_string(path).expect("readable gold");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let g: Value = serde_json::from_str(line).expect("gold JSON");
            let text = g.get("text").and_then(Value::as_str).unwrap_or_default().to_string();
            let doc = ex.extract(gold::input_of(&g));
            if doc.text != text {
                continue;
            }
            let bo = byte_offsets(&text);
            let span = |v: &Value| -> Option<(usize, usize)> {
                let a = v.as_array()?;
                Some((bo[a.first()?.as_u64()? as usize], bo[a.get(1)?.as_u64()? as usize]))
            };
            let gold: Vec<GoldQuote> = g["quotes"]
                .as_array()
                .map(|qs| {
                    qs.iter()
                        .map(|q| (q["content"].as_array().map(|c| c.iter().filter_map(span).collect()).unwrap_or_default(), span(&q["speaker"])))
                        .collect()
                })
                .unwrap_or_default();
            // word tokens of a byte span
            let words = |a: usize, b: usize| -> Vec<usize> {
                doc.tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| (t.span.start as usize) < b && a < t.span.end as usize && doc.str(t.span).chars().any(char::is_alphanumeric))
                    .map(|(i, _)| i)
                    .collect()
            };
            for q in &doc.quotes {
                let st = words(q.content.start as usize, q.content.end as usize);
                if st.is_empty() {
                    continue;
                }
                let best = gold
                    .iter()
                    .filter_map(|(frags, gsp)| {
                        let ov = frags
                            .iter()
                            .map(|&(a, b)| {
                                let ft = words(a, b);
                                let n = st.iter().filter(|i| ft.contains(i)).count();
                                if n * 2 >= st.len() || n * 2 >= ft.len().max(1) {
                                    n
                                } else {
                                    0
                                }
                            })
                            .max()
                            .unwrap_or(0);
                        (ov > 0).then_some((ov, *gsp))
                    })
                    .max_by_key(|x| x.0);
                let m = matches.entry((format!("{:?}", q.kind), q.pattern.as_str())).or_default();
                m.0 += 1;
                m.1 += best.is_some() as u32;
                let Some(sp) = q.speaker else { continue };
                let Some((_, gsp)) = best else { continue };
                let right = gsp.is_some_and(|(a, b)| (sp.span.start as usize) < b && a < sp.span.end as usize);
                if !right && show_pattern.as_deref() == Some(q.pattern.as_str()) {
                    let g = gsp.map_or("-", |(a, b)| &text[a..b]);
                    let c: String = doc.str(q.content).chars().take(60).collect();
                    eprintln!("{c:60} | {} | gold {g}", doc.str(sp.span));
                }
                let e = table.entry(q.pattern.as_str()).or_default();
                e.0 += right as u32;
                e.1 += 1;
            }
        }
    }
    println!("# Confidence of each attribution pattern: the share of the quotes it");
    println!("# attributed that match a gold attribution (content tokens overlap by half)");
    println!("# with the right speaker (the spans overlap); for `none` (no speaker), the");
    println!("# share that match a gold attribution at all. Add-one smoothed. Made by");
    println!("#   cargo run --release -p newsgraph --example quotes -- calibrate ../shared/data/gold/polnear-train.jsonl");
    println!("# pattern\tconfidence\tright\tmatched\tquotes");
    let mut per: BTreeMap<&'static str, (u32, u32, u32)> = BTreeMap::new();
    for ((_, p), (n, m)) in &matches {
        let e = per.entry(p).or_default();
        e.1 += m;
        e.2 += n;
        e.0 = table.get(p).map_or(0, |t| t.0);
    }
    for (p, (r, m, n)) in &per {
        let hit = if *p == "none" { *m } else { *r };
        let c = (hit as f64 + 1.0) / (*n as f64 + 2.0);
        println!("{p}\t{c:.2}\t{r}\t{m}\t{n}");
    }
    if show {
        for ((k, p), (n, m)) in &matches {
            eprintln!("{k}\t{p}\t{n}\tmatched {m}\t{:.2}", *m as f64 / *n as f64);
        }
    }
}
