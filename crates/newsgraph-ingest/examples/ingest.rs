//! Reads any input (file, directory, "-" for stdin) and writes one JSON
//! article per line to stdout, with "duplicate_of" from the near-duplicate
//! detector; errors go to stderr. Also used to measure memory:
//! /usr/bin/time -v target/release/examples/ingest big.warc.gz > /dev/null
use std::io::Write;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let (mut ok, mut bad, mut dups) = (0usize, 0usize, 0usize);
    let mut dedup = newsgraph_ingest::Dedup::new();
    newsgraph_ingest::read_input(std::path::Path::new(&path), &mut |r| match r {
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
    });
    let _ = out.flush();
    eprintln!("{ok} articles, {bad} errors, {dups} near-duplicates");
}
