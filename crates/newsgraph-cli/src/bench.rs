//! `newsgraph bench`: extraction throughput on one core, per stage, and the
//! process's peak memory. Figures only; nothing here is a test.

use anyhow::{bail, Result};
use newsgraph::{DocInput, Extractor, StageTimes};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Article files or directories; default: the bundled sample articles.
    pub inputs: Vec<String>,
    /// Run for at least this many seconds.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Measure the store's queries instead: their latency on this store.
    #[arg(long)]
    pub store: Option<PathBuf>,
    /// With --store: runs of each query.
    #[arg(long, default_value_t = 200)]
    pub runs: usize,
}

/// The bundled Wikinews samples (CC BY 2.5), found beside the source tree.
pub fn samples_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples"))
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(store) = &args.store {
        crate::bench_store::run(store, args.runs.max(1), args.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let inputs = if args.inputs.is_empty() { vec![samples_dir().display().to_string()] } else { args.inputs.clone() };
    // the text of each article, as the pipeline gets it
    let limits = newsgraph_ingest::Limits::default();
    let mut texts = Vec::new();
    for i in newsgraph_ingest::expand(&inputs) {
        let i = i.map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut failed = None;
        newsgraph_ingest::read(&i, &limits, &mut |item| match item.finish(&limits) {
            Ok((a, _)) => texts.push((i.to_string(), a.text)),
            Err(e) => failed = failed.take().or(Some(e)),
        });
        if let Some(e) = failed {
            bail!("{e}");
        }
    }
    if texts.is_empty() {
        bail!("no articles to measure");
    }
    let bytes_per_pass: usize = texts.iter().map(|t| t.1.len()).sum();
    let words_per_pass: usize = texts.iter().map(|t| t.1.split_whitespace().count()).sum();
    let extractor = Extractor::new();
    let run_pass = |stages: &mut StageTimes| {
        for (src, text) in &texts {
            let (doc, t) = extractor.extract_timed(DocInput { source: src.clone(), text: text.clone(), ..Default::default() });
            std::hint::black_box(&doc);
            stages.add(&t);
        }
    };
    // one pass to warm caches and lazily built tables
    run_pass(&mut StageTimes::default());
    let mut stages = StageTimes::default();
    let mut passes = 0usize;
    let cpu_start = thread_cpu_seconds();
    let start = Instant::now();
    while passes == 0 || start.elapsed() < Duration::from_secs_f64(args.seconds) {
        run_pass(&mut stages);
        passes += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    // Per-core figures use the thread's CPU time when the platform gives
    // it, so that other work on the machine does not lower them; the wall
    // time is printed beside it.
    let secs = match (cpu_start, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    let busy = (secs / wall).min(1.0);
    let mb = (bytes_per_pass * passes) as f64 / 1e6;
    let words = (words_per_pass * passes) as f64;
    let peak_kb = peak_rss_kb();
    // stage times are wall clock: scale them to CPU time like the total
    let stage_list: Vec<(&str, f64)> = stages.named().map(|(n, d)| (n, d.as_secs_f64() * busy)).collect();
    if args.json {
        let v = serde_json::json!({
            "articles": texts.len(), "bytes_per_pass": bytes_per_pass, "passes": passes, "cpu_seconds": secs, "wall_seconds": wall,
            "mb_per_s": mb / secs, "words_per_s": words / secs, "articles_per_s": (texts.len() * passes) as f64 / secs,
            "peak_rss_mb": peak_kb.map(|k| k as f64 / 1024.0),
            "stages_seconds": stage_list.iter().map(|(n, s)| (n.to_string(), serde_json::json!(*s))).collect::<serde_json::Map<_, _>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "articles: {} ({:.2} MB, {} words per pass), {passes} passes in {secs:.2} CPU-s ({wall:.2} s wall) on one thread",
            texts.len(),
            bytes_per_pass as f64 / 1e6,
            words_per_pass
        );
        println!("throughput: {:.2} MB/s, {:.0} words/s, {:.0} articles/s", mb / secs, words / secs, (texts.len() * passes) as f64 / secs);
        let total: f64 = stage_list.iter().map(|s| s.1).sum();
        for (n, s) in &stage_list {
            println!("  {n:<9} {:>6.1}%  {:>8.2} MB/s alone", 100.0 * s / total.max(1e-9), if *s > 0.0 { mb / s } else { f64::INFINITY });
        }
        // every stage but the entities' (quotes then find no named speakers)
        let entities = stage_list.iter().find(|(n, _)| *n == "entities").map_or(0.0, |s| s.1);
        if entities > 0.0 && secs > entities {
            println!("without entities: {:.2} MB/s (the run's time less the entity stage's)", mb / (secs - entities));
        }
        match peak_kb {
            Some(k) => println!("peak memory (RSS): {:.1} MB", k as f64 / 1024.0),
            None => println!("peak memory: unknown on this platform"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The calling thread's CPU time (Linux: utime + stime of
/// /proc/thread-self/stat, in clock ticks of 1/100 s).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // fields after the parenthesised command name
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// The process's peak resident set size (Linux: VmHWM).
fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse().ok())
}
