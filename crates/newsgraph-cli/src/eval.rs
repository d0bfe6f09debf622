//! `newsgraph eval`: extraction over gold documents, scored with the
//! semantics of `score_spans.py` (the `newsgraph-eval` crate).

use anyhow::{Context, Result};
use newsgraph::{gold, Extractor, RecordOptions};
use newsgraph_eval::{load_jsonl, score, Task};
use rayon::prelude::*;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Gold JSON Lines files (the format of ../shared/data/gold/*.jsonl).
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Score one task: quotes, entities, times, amounts, events or all.
    #[arg(long, default_value = "all")]
    pub task: String,
    /// Also print the figures as JSON, before the report (as score_spans.py --json).
    #[arg(long)]
    pub json: bool,
    /// Also write the extracted records here (JSON Lines), e.g. to score them with score_spans.py.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Score only the annotated part of each text: system items after the
    /// line that holds the document's last gold item are dropped. For
    /// corpora annotated only in their first sentences (MEANTIME), where
    /// every name found further on would count as an error.
    #[arg(long)]
    pub annotated_extent: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let task: Task = args.task.parse().map_err(|e| anyhow::anyhow!("--task: {e}"))?;
    let mut golds = Vec::new();
    for g in &args.gold {
        golds.extend(load_jsonl(g).with_context(|| format!("reading gold {}", g.display()))?);
    }
    let extractor = Extractor::new();
    let records: Vec<Value> = golds
        .par_iter()
        .map(|g| {
            serde_json::to_value(extractor.record(gold::input_of(g), RecordOptions::default())).expect("a record is JSON")
        })
        .collect();
    if let Some(path) = &args.output {
        let mut w = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
        for r in &records {
            serde_json::to_writer(&mut w, r)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }
    let records = if args.annotated_extent { golds.iter().zip(records).map(|(g, r)| clip_to_annotated(g, r)).collect() } else { records };
    let metrics = score(&golds, &records, task);
    // As score_spans.py: with --json, the JSON first, then the report.
    if args.json {
        println!("{}", serde_json::to_string_pretty(&metrics)?);
    }
    print!("{}", metrics.report());
    Ok(ExitCode::SUCCESS)
}

/// The record without the items that start after the annotated part of
/// the gold text: up to the end of the line holding its last gold item
/// (entities, times, amounts, quotes). Offsets are characters, in record
/// and gold alike.
fn clip_to_annotated(gold: &Value, mut record: Value) -> Value {
    const LAYERS: [&str; 4] = ["entities", "times", "amounts", "quotes"];
    let last = LAYERS
        .iter()
        .filter_map(|k| gold.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|x| x.get("end").and_then(Value::as_u64))
        .max()
        .unwrap_or(0) as usize;
    let text = gold.get("text").and_then(Value::as_str).unwrap_or("");
    let limit = text.chars().enumerate().skip(last).find(|(_, c)| *c == '\n').map_or(usize::MAX, |(i, _)| i) as u64;
    let before = |x: &Value| x.get("start").and_then(Value::as_u64).is_none_or(|s| s < limit);
    if let Some(ents) = record.get_mut("entities").and_then(Value::as_array_mut) {
        for e in ents.iter_mut() {
            if let Some(ms) = e.get_mut("mentions").and_then(Value::as_array_mut) {
                ms.retain(before);
            }
        }
        ents.retain(|e| e.get("mentions").and_then(Value::as_array).is_none_or(|m| !m.is_empty()));
    }
    for k in ["times", "amounts", "quotes"] {
        if let Some(xs) = record.get_mut(k).and_then(Value::as_array_mut) {
            xs.retain(before);
        }
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_after_the_line_of_the_last_gold_item_are_dropped() {
        let gold = json!({"text": "Boeing won.\nBoeing lost.\nBoeing left.", "entities": [{"start": 12, "end": 18, "type": "ORG"}]});
        let rec = json!({
            "entities": [{"name": "Boeing", "type": "ORG", "mentions": [{"start": 0, "end": 6}, {"start": 12, "end": 18}, {"start": 25, "end": 31}]}],
            "times": [{"start": 19, "end": 23}, {"start": 30, "end": 34}]
        });
        let out = clip_to_annotated(&gold, rec);
        assert_eq!(out["entities"][0]["mentions"].as_array().unwrap().len(), 2);
        assert_eq!(out["times"].as_array().unwrap().len(), 1);
    }
}
