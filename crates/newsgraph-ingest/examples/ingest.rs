//! Reads any input (file, directory, "-" for stdin) and writes one JSON
//! article per line to stdout; errors go to stderr. Used to measure memory:
//! /usr/bin/time -v target/release/examples/ingest big.warc.gz > /dev/null
use std::io::Write;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let (mut ok, mut bad) = (0usize, 0usize);
    newsgraph_ingest::read_input(std::path::Path::new(&path), &mut |r| match r {
        Ok(a) => {
            ok += 1;
            let _ = serde_json::to_writer(&mut out, &a);
            let _ = out.write_all(b"\n");
        }
        Err(e) => {
            bad += 1;
            eprintln!("{e}");
        }
    });
    let _ = out.flush();
    eprintln!("{ok} articles, {bad} errors");
}
