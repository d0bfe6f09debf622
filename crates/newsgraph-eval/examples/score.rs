//! Scores system records against gold documents, like score_spans.py:
//!
//!     cargo run --release -p newsgraph-eval --example score -- GOLD.jsonl... --system SYS.jsonl
//!         [--task quotes|entities|times|amounts|events|all] [--json] [--all-mentions]
//!
//! With --json the figures are printed as JSON first, then the report lines.

use std::path::PathBuf;

use anyhow::{bail, Context};
use newsgraph_eval::{load_jsonl, score_with, Options, Task};

fn main() -> anyhow::Result<()> {
    let mut golds = Vec::new();
    let mut system: Option<PathBuf> = None;
    let mut task = Task::All;
    let mut json = false;
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--system" => system = Some(args.next().context("--system needs a file")?.into()),
            "--task" => task = args.next().context("--task needs a name")?.parse()?,
            "--json" => json = true,
            "--all-mentions" => options.all_mentions = true,
            "-h" | "--help" => {
                println!("usage: score GOLD.jsonl... --system SYS.jsonl [--task T] [--json] [--all-mentions]");
                return Ok(());
            }
            s if s.starts_with('-') => bail!("unknown option {s}"),
            _ => golds.push(PathBuf::from(a)),
        }
    }
    let Some(system) = system else {
        bail!("--system SYS.jsonl is required")
    };
    if golds.is_empty() {
        bail!("no gold file");
    }
    let mut gold = Vec::new();
    for g in &golds {
        gold.extend(load_jsonl(g)?);
    }
    let records = if system.exists() {
        load_jsonl(&system)?
    } else {
        eprintln!("no system file {}: scoring as empty", system.display());
        Vec::new()
    };
    let t = std::time::Instant::now();
    let m = score_with(&gold, &records, task, &options);
    let took = t.elapsed();
    if json {
        println!("{}", serde_json::to_string_pretty(&m)?);
    }
    print!("{}", m.report());
    if std::env::var_os("SCORE_TIMING").is_some() {
        eprintln!(
            "scored {} documents in {:.3} s",
            gold.len(),
            took.as_secs_f64()
        );
    }
    Ok(())
}
