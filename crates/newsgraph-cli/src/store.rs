//! The store's commands: `index` and `reindex` write it (through
//! `newsgraph-driver` and `newsgraph-store`); `search`, `quotes`,
//! `entities` and `timeline` ask it, each printing an aligned table, or JSON
//! Lines with `--json`, newest first.

use crate::extract::{progress_bar, show_progress};
use crate::table::{Cell, Table};
use anyhow::{bail, Result};
use newsgraph::{DocInput, Published, RecordOptions};
use newsgraph_driver::{Caller, Counts, Extracted, Options, Sink};
use newsgraph_ingest::{InputError, Limits, DEFAULT_MAX_BYTES};
use newsgraph_record::{EntityType, QuoteKind};
use newsgraph_store::{DateRange, Mode, Outcome, Page, Period, Prepared, Put, QuoteFilter, SearchFilter, Store};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Clone)]
pub struct Db {
    /// The store: else $NEWSGRAPH_DB, else newsgraph.db in the current directory.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

impl Db {
    pub fn path(&self) -> PathBuf {
        newsgraph_store::default_path(self.db.as_deref())
    }
}

#[derive(clap::Args, Clone)]
pub struct PageArgs {
    /// At most this many rows.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Skip this many rows first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// JSON Lines instead of a table.
    #[arg(long)]
    pub json: bool,
}

impl PageArgs {
    fn page(&self) -> Result<Page> {
        Ok(Page::new(self.limit, self.offset)?)
    }
}

#[derive(clap::Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub db: Db,
    /// Article files (every format `extract` reads) or directories; `-` reads stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Publication date for every article (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub published: Option<String>,
    /// Refuse articles larger than this many bytes of text.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// What index and reindex did.
#[derive(Default)]
struct Tally {
    read: usize,
    added: usize,
    replaced: usize,
    unchanged: usize,
    duplicates: usize,
    failed: usize,
    bytes: u64,
}

impl Tally {
    fn line(&self, path: &std::path::Path, secs: f64) -> String {
        format!(
            "newsgraph: {} read, {} added, {} replaced, {} unchanged, {} near-duplicates, {} failed ({:.1} MB of text in {:.1} s) into {}",
            self.read,
            self.added,
            self.replaced,
            self.unchanged,
            self.duplicates,
            self.failed,
            self.bytes as f64 / 1e6,
            secs,
            path.display()
        )
    }

    fn add(&mut self, items: &[(Outcome, i64, Option<String>)]) {
        for (o, _, dup) in items {
            match o {
                Outcome::Added => self.added += 1,
                Outcome::Replaced => self.replaced += 1,
                Outcome::Unchanged => self.unchanged += 1,
            }
            self.duplicates += (*o != Outcome::Unchanged && dup.is_some()) as usize;
        }
    }
}

/// A batch of records made ready for the writer.
type Batch = Vec<Prepared>;

/// At most this many articles in one transaction: the batches waiting are
/// written together, so that pages a batch touches are written once.
const COMMIT_ARTICLES: usize = 1024;

/// Writes each batch of records in one transaction, on a thread of its own,
/// so that the next batch is extracted while this one is written.
struct StoreSink {
    to_writer: Option<std::sync::mpsc::SyncSender<Batch>>,
    from_writer: std::sync::mpsc::Receiver<newsgraph_store::Result<newsgraph_store::WriteSummary>>,
    writer: Option<std::thread::JoinHandle<()>>,
    pending: Vec<(newsgraph_record::Record, String)>,
    tally: Tally,
    progress: indicatif::ProgressBar,
    started: Instant,
}

impl StoreSink {
    fn new(mut store: Store) -> StoreSink {
        // a few batches wait while others are written, and are written
        // together, in one transaction: memory stays at a few batches
        let (to_writer, batches) = std::sync::mpsc::sync_channel::<Batch>(4);
        let (done, from_writer) = std::sync::mpsc::channel();
        let writer = std::thread::Builder::new().name("newsgraph-writer".into()).spawn(move || {
            while let Ok(mut batch) = batches.recv() {
                while batch.len() < COMMIT_ARTICLES {
                    match batches.try_recv() {
                        Ok(more) => batch.extend(more),
                        Err(_) => break,
                    }
                }
                let puts: Vec<Put> = batch.iter().map(|p| Put { prepared: p, rules_version: newsgraph::RULES_VERSION, replace: false }).collect();
                let result = store.write_batch(&puts);
                let failed = result.is_err();
                if done.send(result).is_err() || failed {
                    return;
                }
            }
            // the near-duplicate rows kept in memory, now
            let _ = done.send(store.flush_bands().map(|_| newsgraph_store::WriteSummary::default()));
        });
        let writer = writer.expect("a thread for the writer");
        StoreSink { to_writer: Some(to_writer), from_writer, writer: Some(writer), pending: Vec::new(), tally: Tally::default(), progress: progress_bar(), started: Instant::now() }
    }

    fn message(&self, line: String) {
        self.progress.suspend(|| eprintln!("{line}"));
    }

    /// Counts what the writer has written so far; its error, if any.
    fn collect(&mut self, wait: bool) -> std::io::Result<()> {
        loop {
            let next = if wait { self.from_writer.recv().ok() } else { self.from_writer.try_recv().ok() };
            match next {
                None => return Ok(()),
                Some(Ok(w)) => self.tally.add(&w.items),
                Some(Err(e)) => return Err(std::io::Error::other(e)),
            }
        }
    }

    /// Waits for the writer to write every batch.
    fn finish(&mut self) -> std::io::Result<()> {
        drop(self.to_writer.take());
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        self.collect(true)
    }
}

impl Sink for StoreSink {
    fn record(&mut self, x: Extracted) -> std::io::Result<()> {
        for w in &x.warnings {
            self.message(format!("newsgraph: warning: {w}"));
        }
        let input = serde_json::to_string(&x.input)?;
        self.pending.push((x.record, input));
        Ok(())
    }

    fn failed(&mut self, e: &InputError) -> std::io::Result<()> {
        self.message(format!("newsgraph: error: {e}"));
        Ok(())
    }

    fn end_batch(&mut self, c: &Counts) -> std::io::Result<()> {
        // what needs no store is done here, on every core, not by the writer
        let batch: Batch = std::mem::take(&mut self.pending).into_par_iter().map(|(r, i)| Prepared::new(r, &i)).collect();
        self.collect(false)?;
        if let Some(to) = &self.to_writer {
            if to.send(batch).is_err() {
                // the writer stopped: its error says why
                self.finish()?;
                return Err(std::io::Error::other("the store's writer stopped"));
            }
        }
        (self.tally.read, self.tally.failed, self.tally.bytes) = (c.read, c.failed, c.bytes);
        show_progress(&self.progress, self.started, c.read, c.bytes);
        Ok(())
    }
}

pub fn index(args: IndexArgs) -> Result<ExitCode> {
    let published = args.published.as_deref().map(Published::parse).transpose().map_err(|e| anyhow::anyhow!("--published: {e}"))?;
    let path = args.db.path();
    let store = Store::open(&path, Mode::Write)?;
    let inputs = newsgraph_ingest::expand(&args.inputs);
    let opts = Options {
        caller: Caller { published, id: None },
        record: RecordOptions::default(),
        limits: Limits { max_article_bytes: args.max_bytes },
        // near-duplicates are looked for across the whole store, by the store
        dedup: false,
    };
    let mut sink = StoreSink::new(store);
    let run = newsgraph_driver::run(inputs, &opts, &mut sink);
    let written = sink.finish();
    run?;
    written?;
    sink.progress.finish_and_clear();
    eprintln!("{}", sink.tally.line(&path, sink.started.elapsed().as_secs_f64()));
    Ok(if sink.tally.failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

#[derive(clap::Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub db: Db,
    /// Extract again also the articles the current rules already made.
    #[arg(long)]
    pub all: bool,
}

/// Articles are extracted again in batches of this many.
const REINDEX_BATCH: usize = 256;

pub fn reindex(args: ReindexArgs) -> Result<ExitCode> {
    let path = args.db.path();
    let mut store = Store::open(&path, Mode::Read)?;
    let started = Instant::now();
    let progress = progress_bar();
    let mut tally = Tally::default();
    let ids = store.article_ids()?;
    for chunk in ids.chunks(REINDEX_BATCH) {
        let mut inputs = Vec::with_capacity(chunk.len());
        for &id in chunk {
            tally.read += 1;
            if !args.all && store.rules_version(id)?.as_deref() == Some(newsgraph::RULES_VERSION) {
                tally.unchanged += 1;
                continue;
            }
            let Some((json, text)) = store.stored_input(id)? else { continue };
            match serde_json::from_str::<DocInput>(&json) {
                Ok(input) => {
                    tally.bytes += text.len() as u64;
                    inputs.push((input, text));
                }
                Err(e) => {
                    tally.failed += 1;
                    progress.suspend(|| eprintln!("newsgraph: error: {}: article {id}: its stored input is unreadable ({e})", path.display()));
                }
            }
        }
        let done = newsgraph_driver::reextract(inputs, RecordOptions::default());
        let prepared: Vec<Prepared> = done.into_par_iter().map(|x| Prepared::new(x.record, &serde_json::to_string(&x.input).expect("an input is JSON"))).collect();
        let puts: Vec<Put> = prepared.iter().map(|p| Put { prepared: p, rules_version: newsgraph::RULES_VERSION, replace: args.all }).collect();
        let w = store.write_batch(&puts)?;
        tally.add(&w.items);
        show_progress(&progress, started, tally.read, tally.bytes);
    }
    store.flush_bands()?;
    progress.finish_and_clear();
    eprintln!("{}", tally.line(&path, started.elapsed().as_secs_f64()).replacen(" read,", " stored,", 1));
    Ok(if tally.failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: Db,
    /// Words (all must match), "quoted phrases", OR between two, word* for a prefix.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// Published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// From this site (its name or its address's host) or input file or folder.
    #[arg(long)]
    pub source: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
}

/// Prints rows as JSON Lines, or as a table.
fn print<T: serde::Serialize>(json: bool, rows: &[T], table: impl FnOnce() -> Table) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        for r in rows {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
    } else {
        table().write(&mut out, std::io::stdout().is_terminal())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let dates = DateRange::parse(args.from.as_deref(), args.to.as_deref())?;
    let page = args.page.page()?;
    let store = Store::open(&args.db.path(), Mode::Read)?;
    let filter = SearchFilter { query: Some(args.query), dates, source: args.source };
    let hits = store.search(&filter, page)?;
    print(args.page.json, &hits, || {
        let mut t = Table::new(&["published", "article", "title", "snippet"]);
        for h in &hits {
            t.row(vec![
                Cell::plain(h.published.as_deref().map_or("", |p| p.get(..10).unwrap_or(p))),
                Cell::plain(&h.id),
                Cell::plain(h.title.as_deref().unwrap_or("")).max(40),
                Cell::highlighted(&h.snippet, &h.highlights).max(100),
            ]);
        }
        t
    })
}

#[derive(clap::Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub db: Db,
    /// Said by this person or organisation (every word of the name).
    #[arg(long, allow_hyphen_values = true)]
    pub speaker: Option<String>,
    /// About this: words of the quote, or an entity it mentions.
    #[arg(long, allow_hyphen_values = true)]
    pub about: Option<String>,
    /// direct, partial, headline or indirect.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
}

pub fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let kind = match args.kind.as_deref() {
        None => None,
        Some(k) => Some(k.parse::<QuoteKind>().map_err(|_| anyhow::anyhow!("--kind: {k:?} is not direct, partial, headline or indirect"))?),
    };
    let dates = DateRange::parse(args.from.as_deref(), args.to.as_deref())?;
    let page = args.page.page()?;
    let store = Store::open(&args.db.path(), Mode::Read)?;
    let filter = QuoteFilter { speaker: args.speaker.clone(), about: args.about.clone(), kind, dates, ..Default::default() };
    let rows = store.quotes(&filter, page)?;
    print(args.page.json, &rows, || {
        let mut t = Table::new(&["published", "article", "speaker", "kind", "quote", "conf"]);
        for q in &rows {
            t.row(vec![
                Cell::plain(q.published.as_deref().map_or("", |p| p.get(..10).unwrap_or(p))),
                Cell::plain(&q.id),
                Cell::plain(q.speaker.as_deref().or(q.speaker_text.as_deref()).unwrap_or("")).max(28),
                Cell::plain(&q.kind),
                Cell::plain(&q.content).max(90),
                Cell::plain(&format!("{:.2}", q.confidence)),
            ]);
        }
        t
    })
}

#[derive(clap::Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub db: Db,
    /// PERSON, ORG, GPE, LOC, NORP or MISC.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Whose name has these words (as prefixes).
    #[arg(long)]
    pub q: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
}

fn entity_type(t: &str) -> Result<EntityType> {
    t.to_ascii_uppercase().parse::<EntityType>().map_err(|_| anyhow::anyhow!("--type: {t:?} is not PERSON, ORG, GPE, LOC, NORP or MISC"))
}

pub fn entities(args: EntitiesArgs) -> Result<ExitCode> {
    let kind = args.kind.as_deref().map(entity_type).transpose()?;
    let page = args.page.page()?;
    let store = Store::open(&args.db.path(), Mode::Read)?;
    let rows = store.entities(kind, args.q.as_deref(), page)?;
    print(args.page.json, &rows, || {
        let mut t = Table::new(&["entity", "name", "type", "actor", "mentions", "articles", "quotes", "titles"]);
        for e in &rows {
            t.row(vec![
                Cell::plain(&e.entity.to_string()),
                Cell::plain(&e.name).max(30),
                Cell::plain(&e.kind),
                Cell::plain(e.actor.as_deref().unwrap_or("")),
                Cell::plain(&e.mentions.to_string()),
                Cell::plain(&e.articles.to_string()),
                Cell::plain(&e.quotes.to_string()),
                Cell::plain(&e.titles.iter().take(3).map(|t| t.title.as_str()).collect::<Vec<_>>().join("; ")).max(50),
            ]);
        }
        t
    })
}

#[derive(clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub db: Db,
    /// The person, organisation or place (every word of the name).
    #[arg(allow_hyphen_values = true)]
    pub name: String,
    /// day, week or month.
    #[arg(long, default_value = "week")]
    pub by: String,
    #[command(flatten)]
    pub page: PageArgs,
}

pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let by: Period = args.by.parse()?;
    let page = args.page.page()?;
    let store = Store::open(&args.db.path(), Mode::Read)?;
    let Some(entity) = store.entity_named(&args.name)? else {
        bail!("no person, organisation or place named {:?} in {}", args.name, store.path().display());
    };
    let points = store.timeline(entity.entity, by, page)?;
    if !args.page.json {
        eprintln!("{} ({}, entity {}): {} mentions, {} quotes", entity.name, entity.kind, entity.entity, entity.mentions, entity.quotes);
    }
    print(args.page.json, &points, || {
        let mut t = Table::new(&["period", "mentions", "quotes"]);
        for p in &points {
            t.row(vec![Cell::plain(&p.period), Cell::plain(&p.mentions.to_string()), Cell::plain(&p.quotes.to_string())]);
        }
        t
    })
}
