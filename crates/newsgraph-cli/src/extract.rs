//! `newsgraph extract`: one JSON record per article, in input order.
//!
//! Inputs are read one after the other (a WARC streams record by record);
//! pages are extracted from their HTML and then annotated in parallel, in
//! batches, and written in order, so memory stays bounded whatever the size
//! of an archive. Near-duplicates
//! (syndicated copies) are marked with the id of the first copy.

use crate::inputs::{self, InputError, Item};
use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::{Extractor, Published, Record, RecordOptions};
use newsgraph_ingest::Dedup;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Article files (text, HTML, WARC, RSS/Atom, JSON Lines, gzip of any) or directories (read recursively); `-` reads stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339) for relative times; else the page's metadata or the article's dateline.
    #[arg(long)]
    pub published: Option<String>,
    /// Record id (one article only); else the source's id or file name.
    #[arg(long)]
    pub id: Option<String>,
    /// Indented JSON, for people.
    #[arg(long)]
    pub pretty: bool,
    /// Add sentence spans to each record.
    #[arg(long)]
    pub segments: bool,
    /// Refuse articles larger than this many bytes of text.
    #[arg(long, default_value_t = inputs::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Do not look for near-duplicates.
    #[arg(long)]
    pub no_dedup: bool,
}

/// Articles are extracted in parallel in batches of this many.
const BATCH: usize = 256;

#[derive(Default)]
struct Counts {
    read: usize,
    extracted: usize,
    duplicates: usize,
    failed: usize,
    bytes: u64,
}

struct Writer<'a> {
    args: &'a Args,
    published: Option<Published>,
    extractor: Extractor,
    dedup: Option<Dedup>,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    counts: Counts,
    progress: ProgressBar,
    started: Instant,
}

impl Writer<'_> {
    fn flush_batch(&mut self, batch: &mut Vec<Item>) -> Result<()> {
        let items = std::mem::take(batch);
        let (extractor, published, args) = (&self.extractor, &self.published, self.args);
        let results: Vec<Result<(Record, Option<String>), InputError>> = items
            .into_par_iter()
            .map(|item| match item.finish(args.max_bytes) {
                Err(e) => Err(e),
                Ok((mut input, warning)) => {
                    if published.is_some() {
                        input.published = published.clone();
                    }
                    if args.id.is_some() {
                        input.id = args.id.clone();
                    }
                    let doc = extractor.extract(input);
                    Ok((newsgraph::to_record(&doc, RecordOptions { segments: args.segments }), warning))
                }
            })
            .collect();
        for r in results {
            self.counts.read += 1;
            match r {
                Ok((mut rec, warning)) => {
                    if let Some(w) = warning {
                        self.out.flush()?;
                        self.progress.suspend(|| eprintln!("newsgraph: warning: {w}"));
                    }
                    if let Some(d) = self.dedup.as_mut() {
                        rec.duplicate_of = d.check(&rec.id, &rec.text);
                        self.counts.duplicates += rec.duplicate_of.is_some() as usize;
                    }
                    let json = if self.args.pretty { serde_json::to_string_pretty(&rec)? } else { serde_json::to_string(&rec)? };
                    self.out.write_all(json.as_bytes())?;
                    self.out.write_all(b"\n")?;
                    self.counts.extracted += 1;
                    self.counts.bytes += rec.text.len() as u64;
                }
                Err(e) => {
                    // flush first, so that errors and records interleave in order
                    self.out.flush()?;
                    self.progress.suspend(|| eprintln!("newsgraph: error: {e}"));
                    self.counts.failed += 1;
                }
            }
        }
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        self.progress.set_position(self.counts.read as u64);
        self.progress.set_message(format!("{:.0} articles/s, {:.1} MB/s", self.counts.read as f64 / secs, self.counts.bytes as f64 / 1e6 / secs));
        Ok(())
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let published = args.published.as_deref().map(Published::parse).transpose().map_err(|e| anyhow::anyhow!("--published: {e}"))?;
    let expanded = inputs::expand(&args.inputs);
    if args.id.is_some() && expanded.len() != 1 {
        bail!("--id names one article, but {} inputs were given", expanded.len());
    }
    // A progress bar on a terminal only; silent when piped.
    let progress = if std::io::stderr().is_terminal() {
        let p = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        p.set_style(ProgressStyle::with_template("{spinner} {pos} articles  {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        p.enable_steady_tick(Duration::from_millis(200));
        p
    } else {
        ProgressBar::hidden()
    };
    let mut w = Writer {
        args: &args,
        published,
        extractor: Extractor::new(),
        dedup: (!args.no_dedup).then(Dedup::new),
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        counts: Counts::default(),
        progress,
        started: Instant::now(),
    };
    let mut batch: Vec<Item> = Vec::with_capacity(BATCH);
    let mut failure: Option<anyhow::Error> = None;
    for input in &expanded {
        match input {
            Err(e) => batch.push(Item::Failed(e.clone())),
            Ok(input) => inputs::read(input, args.max_bytes, &mut |item| {
                batch.push(item);
                if batch.len() >= BATCH && failure.is_none() {
                    if let Err(e) = w.flush_batch(&mut batch) {
                        failure = Some(e);
                    }
                }
            }),
        }
        if let Some(e) = failure.take() {
            return Err(e);
        }
    }
    w.flush_batch(&mut batch)?;
    w.out.flush()?;
    w.progress.finish_and_clear();
    let c = &w.counts;
    if c.failed > 0 || std::io::stderr().is_terminal() || c.read > 1 {
        eprintln!(
            "newsgraph: {} read, {} extracted, {} near-duplicates, {} failed ({:.1} MB of text in {:.1} s)",
            c.read,
            c.extracted,
            c.duplicates,
            c.failed,
            c.bytes as f64 / 1e6,
            w.started.elapsed().as_secs_f64()
        );
    }
    Ok(if c.failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
