//! `newsgraph train-ner`: trains the named-entity recogniser from gold
//! JSON Lines and writes the model file that the build embeds
//! (`crates/newsgraph/data/ner.model`).

use anyhow::{Context, Result};
use newsgraph::training::{self as train, Model};
use newsgraph_eval::load_jsonl;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Gold JSON Lines to train on (e.g. ../shared/data/gold/conllpp-train.jsonl).
    #[arg(long, required = true)]
    pub train: Vec<PathBuf>,
    /// Gold JSON Lines to report typed span F1 on after each epoch (never trained on).
    #[arg(long)]
    pub dev: Vec<PathBuf>,
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep at most this many features (those with the largest weights).
    #[arg(long, default_value_t = 400_000)]
    pub max_features: usize,
    /// Where to write the model.
    #[arg(long, default_value = "crates/newsgraph/data/ner.model")]
    pub out: PathBuf,
}

fn load(paths: &[PathBuf]) -> Result<Vec<train::TrainDoc>> {
    let mut golds = Vec::new();
    for p in paths {
        golds.extend(load_jsonl(p).with_context(|| format!("reading {}", p.display()))?);
    }
    let prepared: Vec<(train::TrainDoc, train::Alignment)> = golds.par_iter().filter(|g| has_entities(g)).map(train::prepare).collect();
    let (n, ok) = prepared.iter().fold((0, 0), |(n, ok), (_, a)| (n + a.entities, ok + a.aligned));
    eprintln!("{} documents, {n} entities, {ok} on token boundaries ({:.2}%)", prepared.len(), 100.0 * ok as f64 / n.max(1) as f64);
    Ok(prepared.into_iter().map(|p| p.0).collect())
}

fn has_entities(g: &serde_json::Value) -> bool {
    g.get("layers").and_then(|l| l.as_array()).is_some_and(|l| l.iter().any(|x| x == "entities"))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let train_docs = load(&args.train)?;
    let dev_docs = load(&args.dev)?;
    let trained = train::train(&train_docs, &dev_docs, &train::Options { epochs: args.epochs, seed: args.seed }, |l| eprintln!("{l}"));
    let bytes = trained.to_bytes(args.max_features);
    let model = Model::from_bytes(&bytes).map_err(anyhow::Error::msg)?;
    if !dev_docs.is_empty() {
        let prf = train::evaluate_model(&model, &dev_docs);
        eprintln!("quantised model: dev typed span F1 {:.4} ({} of {} features kept)", prf.f1(), model.len(), trained.features());
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {} ({:.1} MB)", args.out.display(), bytes.len() as f64 / 1e6);
    Ok(ExitCode::SUCCESS)
}
