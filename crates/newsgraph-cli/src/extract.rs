//! `newsgraph extract`: one JSON record per article, in input order, on
//! stdout; warnings and errors, each naming its input, on stderr. The work
//! is `newsgraph-driver`'s: this module parses the arguments, prints, and
//! shows progress.

use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::{Published, RecordOptions};
use newsgraph_driver::{Caller, Counts, Extracted, Options, Sink};
use newsgraph_ingest::{InputError, Limits, DEFAULT_MAX_BYTES};
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
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Do not look for near-duplicates.
    #[arg(long)]
    pub no_dedup: bool,
}

/// Records as JSON lines on stdout, messages on stderr, in input order.
struct Printer {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    pretty: bool,
    progress: ProgressBar,
    started: Instant,
}

impl Printer {
    /// A message on stderr, after the records before it.
    fn message(&mut self, line: String) -> std::io::Result<()> {
        self.out.flush()?;
        self.progress.suspend(|| eprintln!("{line}"));
        Ok(())
    }
}

impl Sink for Printer {
    fn record(&mut self, x: Extracted) -> std::io::Result<()> {
        let rec = x.record;
        for w in &x.warnings {
            self.message(format!("newsgraph: warning: {w}"))?;
        }
        let json = if self.pretty { serde_json::to_string_pretty(&rec)? } else { serde_json::to_string(&rec)? };
        self.out.write_all(json.as_bytes())?;
        self.out.write_all(b"\n")
    }

    fn failed(&mut self, e: &InputError) -> std::io::Result<()> {
        self.message(format!("newsgraph: error: {e}"))
    }

    fn end_batch(&mut self, c: &Counts) -> std::io::Result<()> {
        show_progress(&self.progress, self.started, c.read, c.bytes);
        Ok(())
    }
}

/// A progress bar on a terminal only; silent when piped.
pub fn progress_bar() -> ProgressBar {
    if std::io::stderr().is_terminal() {
        let p = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        p.set_style(ProgressStyle::with_template("{spinner} {pos} articles  {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        p.enable_steady_tick(Duration::from_millis(200));
        p
    } else {
        ProgressBar::hidden()
    }
}

/// Articles so far, and the rates since `started`.
pub fn show_progress(p: &ProgressBar, started: Instant, articles: usize, bytes: u64) {
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    p.set_position(articles as u64);
    p.set_message(format!("{:.0} articles/s, {:.1} MB/s", articles as f64 / secs, bytes as f64 / 1e6 / secs));
}

pub fn run(args: Args) -> Result<ExitCode> {
    let published = args.published.as_deref().map(Published::parse).transpose().map_err(|e| anyhow::anyhow!("--published: {e}"))?;
    let inputs = newsgraph_ingest::expand(&args.inputs);
    if args.id.is_some() && inputs.len() != 1 {
        bail!("--id names one article, but {} inputs were given", inputs.len());
    }
    let progress = progress_bar();
    let opts = Options {
        caller: Caller { published, id: args.id.clone() },
        record: RecordOptions { segments: args.segments },
        limits: Limits { max_article_bytes: args.max_bytes },
        dedup: !args.no_dedup,
    };
    let mut printer = Printer { out: std::io::BufWriter::new(std::io::stdout().lock()), pretty: args.pretty, progress, started: Instant::now() };
    let c = newsgraph_driver::run(inputs, &opts, &mut printer)?;
    printer.out.flush()?;
    printer.progress.finish_and_clear();
    if c.failed > 0 || std::io::stderr().is_terminal() || c.read > 1 {
        eprintln!(
            "newsgraph: {} read, {} extracted, {} near-duplicates, {} failed ({:.1} MB of text in {:.1} s)",
            c.read,
            c.extracted,
            c.duplicates,
            c.failed,
            c.bytes as f64 / 1e6,
            printer.started.elapsed().as_secs_f64()
        );
    }
    Ok(if c.failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
