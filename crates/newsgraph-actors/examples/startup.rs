//! Start-up time and table sizes: `cargo run --release -p newsgraph-actors --example startup`.
//! With arguments, looks each one up: `... --example startup -- "Sergei Lavrov" "Kremlin spokesman" Kyiv`.
use newsgraph_actors::Actors;
use std::time::Instant;

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let mut times = Vec::new();
    // Kept alive: freeing one build would charge the allocator's clean-up
    // to the next.
    let mut built = Vec::new();
    let rss_before = rss_kb();
    for _ in 0..runs {
        let t = Instant::now();
        built.push(Actors::new());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let first = times[0];
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let a = &built[0];
    if let (Some(b), Some(after)) = (rss_before, rss_kb()) {
        println!(
            "resident memory: +{:.1} MB for {runs} builds",
            (after - b) as f64 / 1024.0
        );
    }
    println!(
        "Actors::new(): first {first:.1} ms; min {:.1} ms, median {:.1} ms over {runs} runs",
        times[0],
        times[runs / 2]
    );
    println!("{:#?}", a.stats());
    // Lookup speed over a mix of hits and misses.
    let names = [
        "Vladimir Putin",
        "Sergei Lavrov",
        "Hamas",
        "Jane Qwertyson",
        "Bush",
        "Mr Putin",
    ];
    let titles = [
        "Ukraine's president",
        "Kremlin spokesman",
        "US Secretary of State",
        "the leader",
    ];
    let places = ["Kyiv", "Ukrainian", "Springfield", "Nowhereville"];
    let date = Some(jiff::civil::date(2025, 2, 23));
    let n = 20_000;
    let t = Instant::now();
    let mut hits = 0;
    for i in 0..n {
        hits += a.by_name(names[i % names.len()], date).is_some() as usize;
        hits += a.by_title(titles[i % titles.len()]).is_some() as usize;
        hits += a.country(places[i % places.len()]).is_some() as usize;
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / (3 * n) as f64;
    println!(
        "lookups: {per:.2} µs each on average ({hits} hits of {})",
        3 * n
    );
    let date = jiff::civil::date(2025, 2, 23);
    for q in std::env::args().skip(1) {
        println!(
            "{q:?}: by_name(2025-02-23) {:?} | by_name(none) {:?} | by_title {:?} | country {:?}",
            a.by_name(&q, Some(date)),
            a.by_name(&q, None),
            a.by_title(&q),
            a.country(&q)
        );
    }
}

/// Resident set size in KiB (Linux), to see what the tables weigh.
fn rss_kb() -> Option<i64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
