//! Extracts every page of the article-extraction benchmark and writes the
//! JSON object that `score_html.py` reads ({key: {"articleBody": text}}),
//! then prints pages per CPU-second (user+sys time of this process).
//!
//! cargo run --release -p newsgraph-ingest --example html_bench -- \
//!     /work/shared/data/html-benchmark/html /tmp/pred.json
use std::io::Read;

fn cpu_seconds() -> f64 {
    // /proc/self/stat fields 14 and 15: utime and stime in clock ticks (100 Hz).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: html_bench HTML_DIR OUT.json [REPEAT]");
        std::process::exit(2);
    }
    let repeat: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut pages = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&args[1]).expect("read dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().unwrap_or_default().to_string_lossy().to_string();
        if !name.ends_with(".html.gz") && !name.ends_with(".html") {
            continue;
        }
        let raw = std::fs::read(&p).expect("read page");
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut s = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut s).expect("gunzip");
            s
        } else {
            raw
        };
        pages.push((name.split('.').next().unwrap_or("").to_string(), bytes));
    }
    let mut out = serde_json::Map::new();
    let t0 = cpu_seconds();
    for round in 0..repeat {
        for (key, bytes) in &pages {
            let a = newsgraph_ingest::extract_html(bytes, None, None).unwrap_or_default();
            if round == 0 {
                out.insert(key.clone(), serde_json::json!({"articleBody": a.text, "title": a.title, "published": a.published, "author": a.author}));
            }
        }
    }
    let cpu = cpu_seconds() - t0;
    std::fs::write(&args[2], serde_json::Value::Object(out).to_string()).expect("write output");
    let n = pages.len() * repeat;
    println!("{} pages ({} x {}) in {:.2} CPU-s: {:.0} pages per CPU-second", n, pages.len(), repeat, cpu, n as f64 / cpu.max(1e-9));
}
