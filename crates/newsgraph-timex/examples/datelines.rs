//! How often `find_dateline` finds the publication date of gold documents:
//! `cargo run --release -p newsgraph-timex --example datelines -- GOLD.jsonl ...`
//! Prints per file: documents with a `published` date, datelines found, and
//! how many of those equal `published`.

use std::io::BufRead;

fn main() {
    for path in std::env::args().skip(1) {
        let f = std::io::BufReader::new(std::fs::File::open(&path).expect("open"));
        let (mut docs, mut found, mut same) = (0, 0, 0);
        for line in f.lines() {
            let line = line.expect("read");
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line).expect("json");
            let Some(p) = v["published"].as_str().and_then(|s| s.parse::<jiff::civil::Date>().ok()) else { continue };
            docs += 1;
            if let Some(d) = newsgraph_timex::find_dateline(v["text"].as_str().unwrap_or("")) {
                found += 1;
                if d == p {
                    same += 1;
                }
            }
        }
        println!("{path}: {docs} dated documents, {found} datelines found, {same} equal to the publication date");
    }
}
