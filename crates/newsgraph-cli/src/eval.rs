//! `newsgraph eval`: extraction over gold documents, scored with the
//! semantics of `score_spans.py` (the `newsgraph-eval` crate).

use anyhow::{Context, Result};
use newsgraph::record::RecordOptions;
use newsgraph::{DocInput, Extractor, Published, Record};
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
}

/// The extraction input for one gold document: its text, id, title and
/// date, exactly as the gold gives them, so that offsets line up.
fn input_of(gold: &Value) -> DocInput {
    let s = |k: &str| gold.get(k).and_then(Value::as_str).map(str::to_string);
    let id = s("id").unwrap_or_default();
    DocInput {
        source: id.clone(),
        id: Some(id),
        text: s("text").unwrap_or_default(),
        title: s("title"),
        published: s("published").and_then(|p| Published::parse(&p).ok()),
        ..Default::default()
    }
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
            let doc = extractor.extract(input_of(g));
            serde_json::to_value(Record::from_doc(&doc, RecordOptions::default())).expect("a record is JSON")
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
    let metrics = score(&golds, &records, task);
    // As score_spans.py: with --json, the JSON first, then the report.
    if args.json {
        println!("{}", serde_json::to_string_pretty(&metrics)?);
    }
    print!("{}", metrics.report());
    Ok(ExitCode::SUCCESS)
}
