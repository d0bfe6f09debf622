//! Throughput of the tagger on the given text files (or JSONL gold files' "text"):
//!
//! cargo run --release -p newsgraph-amounts --example amounts_speed -- FILE...
use newsgraph_amounts::Amounts;
use std::time::Instant;

/// Nanoseconds this thread has run on a CPU (Linux), so that other processes
/// sharing the machine do not count; None elsewhere.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let mut texts = Vec::new();
    for path in std::env::args().skip(1) {
        let data = std::fs::read_to_string(&path).expect("read");
        if path.ends_with(".jsonl") {
            for line in data.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                if let Some(t) = v["text"].as_str() {
                    texts.push(t.to_string());
                }
            }
        } else {
            texts.push(data);
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let tagger = Amounts::new();
    let mut found = 0;
    // Repeat until about 200 MB have been tagged, so that the timing is stable.
    let rounds = (200_000_000 / bytes.max(1)).max(1);
    let t0 = Instant::now();
    let c0 = cpu_ns();
    for _ in 0..rounds {
        for t in &texts {
            found += tagger.tag(t).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_ns().zip(c0).map(|(b, a)| (b - a) as f64 / 1e9);
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} texts, {} bytes, {} rounds: {:.1} MB/s wall, {} ({} amounts per round)",
        texts.len(),
        bytes,
        rounds,
        mb / secs,
        cpu.map_or("no CPU clock".to_string(), |c| format!(
            "{:.1} MB per CPU-second",
            mb / c
        )),
        found / rounds
    );
}
