//! Tags the text of each gold document and prints one record per document with
//! CHARACTER offsets, for `score_spans.py --task amounts`:
//!
//! cargo run --release -p newsgraph-amounts --example amounts_tag_gold -- GOLD.jsonl > /tmp/sys.jsonl
use newsgraph_amounts::Amounts;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// Character offset of every byte offset that starts a char (and of the end).
fn char_offsets(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            map[i + k] = n;
        }
        n += 1;
    }
    map[text.len()] = n;
    map
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: tag_gold GOLD.jsonl");
    let tagger = Amounts::new();
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open gold"));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in file.lines() {
        let line = line.expect("read");
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line).expect("json");
        let text = doc["text"].as_str().unwrap_or("");
        let map = char_offsets(text);
        let amounts: Vec<Value> = tagger
            .tag(text)
            .iter()
            .map(|a| {
                json!({
                    "text": &text[a.start..a.end],
                    "start": map[a.start],
                    "end": map[a.end],
                    "kind": a.kind,
                    "value": a.value,
                    "unit": a.unit,
                    "qualifier": a.qualifier,
                    "object": a.object.map(|(s, e)| &text[s..e]),
                })
            })
            .collect();
        let rec = json!({"id": doc["id"], "text": text, "amounts": amounts});
        writeln!(out, "{rec}").expect("write");
    }
}
