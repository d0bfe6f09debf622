//! Reads any input (file, directory, "-" for stdin) and writes one JSON
//! article per line to stdout, in input order, with "duplicate_of" from the
//! near-duplicate detector; errors go to stderr. HTML extraction runs on all
//! cores in bounded batches (read_input_deferred + Pending::finish), so
//! memory stays flat. Also used to measure memory:
//! /usr/bin/time -v target/release/examples/ingest big.warc.gz > /dev/null
use newsgraph_ingest::{Dedup, InputError, Pending};
use rayon::prelude::*;
use std::io::Write;

const BATCH: usize = 64;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let (mut ok, mut bad, mut dups) = (0usize, 0usize, 0usize);
    let mut dedup = Dedup::new();
    let mut batch: Vec<Result<Pending, InputError>> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Result<Pending, InputError>>| {
        let done: Vec<_> = std::mem::take(batch).into_par_iter().map(|p| p.and_then(Pending::finish)).collect();
        for r in done {
            match r {
                Ok(a) => {
                    ok += 1;
                    let dup = dedup.check(&a.source, &a.text);
                    dups += dup.is_some() as usize;
                    let mut v = serde_json::to_value(&a).unwrap_or_default();
                    v["duplicate_of"] = serde_json::json!(dup);
                    let _ = serde_json::to_writer(&mut out, &v);
                    let _ = out.write_all(b"\n");
                }
                Err(e) => {
                    bad += 1;
                    eprintln!("{e}");
                }
            }
        }
    };
    newsgraph_ingest::read_input_deferred(std::path::Path::new(&path), &mut |p| {
        batch.push(p);
        if batch.len() == BATCH {
            flush(&mut batch);
        }
    });
    flush(&mut batch);
    let _ = out.flush();
    eprintln!("{ok} articles, {bad} errors, {dups} near-duplicates");
}
