//! `newsgraph`: the command line.
//!
//! - `extract`: articles in, one JSON record per article out;
//! - `index`, `reindex`: articles into the store; `search`, `quotes`,
//!   `entities`, `timeline`: the analyst's questions to it;
//! - `serve`: the store as a JSON API and web pages (`newsgraph-server`);
//! - `eval`: extraction over gold documents, scored as `score_spans.py` does;
//! - `bench`: extraction throughput and peak memory on the sample articles.

mod bench;
mod bench_store;
mod eval;
mod extract;
mod serve;
mod store;
mod table;
mod train_ner;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "newsgraph", version, about = "Structured, verifiable records from news articles: quotes with speakers, entities, times, amounts.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract records from articles (files, directories, or - for stdin); one JSON object per article per line.
    Extract(extract::Args),
    /// Extract articles into the store (one SQLite file); an article seen before is stored once.
    Index(store::IndexArgs),
    /// Extract every stored article again with the current rules.
    Reindex(store::ReindexArgs),
    /// Articles by full text, newest first, with a highlighted snippet.
    Search(store::SearchArgs),
    /// What was said, by whom, about what, newest first.
    Quotes(store::QuotesArgs),
    /// People, organisations and places across articles, most mentioned first.
    Entities(store::EntitiesArgs),
    /// Mentions of one entity and quotes by it over time.
    Timeline(store::TimelineArgs),
    /// Serve the store: a JSON API and web pages (loopback by default); --index INPUT... indexes first.
    Serve(serve::Args),
    /// Run extraction over gold JSON Lines documents and print accuracy figures.
    Eval(eval::Args),
    /// Measure extraction throughput (MB/s and words/s per core) and peak memory; with --store, the store's query latencies.
    Bench(bench::Args),
    /// Train the named-entity recogniser from gold JSON Lines (writes the model the build embeds).
    TrainNer(train_ner::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Index(a) => store::index(a),
        Command::Reindex(a) => store::reindex(a),
        Command::Search(a) => store::search(a),
        Command::Quotes(a) => store::quotes(a),
        Command::Entities(a) => store::entities(a),
        Command::Timeline(a) => store::timeline(a),
        Command::Serve(a) => serve::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Bench(a) => bench::run(a),
        Command::TrainNer(a) => train_ner::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
