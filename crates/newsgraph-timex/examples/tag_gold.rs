//! Tags every document of a gold JSON Lines file (its `text`, anchored on
//! its `published` date, else on the dateline found in the text) and prints
//! one record per document with CHARACTER offsets, for
//! `score_spans.py --task times`:
//!
//! `cargo run --release -p newsgraph-timex --example tag_gold -- GOLD.jsonl > /tmp/sys.jsonl`

use std::io::{BufRead, Write};

fn main() {
    let path = std::env::args().nth(1).expect("usage: tag_gold GOLD.jsonl");
    let f = std::io::BufReader::new(std::fs::File::open(&path).expect("open gold file"));
    let out = std::io::stdout();
    let mut out = out.lock();
    for line in f.lines() {
        let line = line.expect("read line");
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line).expect("json");
        let text = doc["text"].as_str().unwrap_or("");
        // the publication date, else the dateline written in the text
        let anchor = doc["published"]
            .as_str()
            .and_then(|s| s.parse::<jiff::civil::Date>().ok())
            .or_else(|| newsgraph_timex::find_dateline(text));
        let times = newsgraph_timex::tag(text, anchor);
        // byte -> char offsets
        let mut map = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (b, _) in text.char_indices() {
            map[b] = n;
            n += 1;
        }
        map[text.len()] = n;
        let items: Vec<serde_json::Value> = times
            .iter()
            .map(|t| {
                serde_json::json!({
                    "text": &text[t.start..t.end],
                    "start": map[t.start],
                    "end": map[t.end],
                    "type": t.kind.as_str(),
                    "value": t.value,
                    "rule": t.rule,
                })
            })
            .collect();
        let rec = serde_json::json!({"id": doc["id"], "text": text, "times": items});
        writeln!(out, "{rec}").expect("write");
    }
}
