//! Reads any input (file, directory, "-" for stdin) and writes one JSON
//! article per line to stdout, in input order, with "duplicate_of" from the
//! near-duplicate detector; errors go to stderr. HTML extraction runs on all
//! cores in bounded batches (read_input_deferred + Pending::finish, one
//! scoped thread per core), so memory stays flat. Also used to measure memory:
//! /usr/bin/time -v target/release/examples/ingest big.warc.gz > /dev/null
use newsgraph_ingest::{Dedup, InputError, Pending};
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
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let items = std::mem::take(batch);
        let chunk = items.len().div_ceil(cores).max(1);
        let mut parts: Vec<Vec<Result<Pending, InputError>>> = Vec::new();
        let mut it = items.into_iter().peekable();
        while it.peek().is_some() {
            parts.push(it.by_ref().take(chunk).collect());
        }
        let done: Vec<Result<newsgraph_ingest::Article, InputError>> = std::thread::scope(|sc| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| sc.spawn(move || part.into_iter().map(|p| p.and_then(Pending::finish)).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        });
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
