//! Throughput of `tag` on news prose: every `text` of the given JSON Lines
//! files (or the Wikinews samples), repeated until about 50 MB were tagged.
//! `cargo run --release -p newsgraph-timex --example bench -- FILE.jsonl ...`

use std::time::Instant;

fn main() {
    let mut docs: Vec<(String, Option<jiff::civil::Date>)> = Vec::new();
    for path in std::env::args().skip(1) {
        let data = std::fs::read_to_string(&path).expect("read");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let anchor = v["published"].as_str().and_then(|s| s.parse().ok());
            docs.push((v["text"].as_str().unwrap_or("").to_string(), anchor));
        }
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    assert!(bytes > 0, "no text");
    let rounds = (50_000_000 / bytes).max(1);
    // warm the tables
    let mut n = newsgraph_timex::tag(&docs[0].0, docs[0].1).len();
    let c0 = cpu_ns();
    let t0 = Instant::now();
    for _ in 0..rounds {
        for (text, anchor) in &docs {
            n += newsgraph_timex::tag(text, *anchor).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_ns().zip(c0).map(|(b, a)| (b - a) as f64 / 1e9);
    let mb = (bytes * rounds) as f64 / 1e6;
    print!("{} docs, {:.1} MB tagged in {:.2} s wall: {:.1} MB/s", docs.len(), mb, secs, mb / secs);
    if let Some(cpu) = cpu {
        // on a shared machine the CPU time is the fairer figure
        print!("; {:.2} s on CPU: {:.1} MB/s per core", cpu, mb / cpu);
    }
    println!(" ({n} timexes)");
}

/// This thread's time on a CPU (Linux `/proc/thread-self/schedstat`).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
