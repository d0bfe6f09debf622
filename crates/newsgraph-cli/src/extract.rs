//! `newsgraph extract`: one JSON record per article, in input order.

use crate::inputs::{self, Input, InputError};
use anyhow::{bail, Result};
use newsgraph::record::RecordOptions;
use newsgraph::{DocInput, Extractor, Published, Record};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Article files or directories (read recursively); `-` reads stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339) for relative times; else a dateline in the text is used.
    #[arg(long)]
    pub published: Option<String>,
    /// Record id (one input only); else derived from the file name.
    #[arg(long)]
    pub id: Option<String>,
    /// Indented JSON, for people.
    #[arg(long)]
    pub pretty: bool,
    /// Add sentence spans to each record.
    #[arg(long)]
    pub segments: bool,
    /// Refuse articles larger than this many bytes.
    #[arg(long, default_value_t = inputs::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Articles are extracted in parallel in batches of this many, then
/// written in input order; memory stays bounded whatever the input count.
const BATCH: usize = 256;

pub fn run(args: Args) -> Result<ExitCode> {
    let published = args.published.as_deref().map(Published::parse).transpose().map_err(|e| anyhow::anyhow!("--published: {e}"))?;
    let inputs = inputs::expand(&args.inputs);
    if args.id.is_some() && inputs.len() != 1 {
        bail!("--id names one article, but {} inputs were given", inputs.len());
    }
    let extractor = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    for batch in inputs.chunks(BATCH) {
        let results: Vec<Result<String, InputError>> = batch
            .par_iter()
            .map(|input| {
                let input = match input {
                    Ok(i) => i,
                    Err(e) => return Err(InputError { input: e.input.clone(), message: e.message.clone() }),
                };
                let text = inputs::read_text(input, args.max_bytes)?;
                let source = match input {
                    Input::Stdin => "-".to_string(),
                    Input::File(p) => p.display().to_string(),
                };
                let doc = extractor.extract(DocInput {
                    id: args.id.clone().or_else(|| matches!(input, Input::Stdin).then(|| "stdin".to_string())),
                    source,
                    text,
                    published: published.clone(),
                    ..Default::default()
                });
                let rec = Record::from_doc(&doc, RecordOptions { segments: args.segments });
                let json = if args.pretty { serde_json::to_string_pretty(&rec) } else { serde_json::to_string(&rec) };
                json.map_err(|e| InputError { input: input.to_string(), message: format!("cannot write the record: {e}") })
            })
            .collect();
        for r in results {
            match r {
                Ok(json) => {
                    out.write_all(json.as_bytes())?;
                    out.write_all(b"\n")?;
                    ok += 1;
                }
                Err(e) => {
                    // flush first, so that errors and records interleave in order
                    out.flush()?;
                    eprintln!("newsgraph: error: {e}");
                    failed += 1;
                }
            }
        }
    }
    out.flush()?;
    if failed > 0 || std::io::stderr().is_terminal() {
        eprintln!("newsgraph: {ok} extracted, {failed} failed");
    }
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
