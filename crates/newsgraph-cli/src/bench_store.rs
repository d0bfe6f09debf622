//! `newsgraph bench --store PATH`: the latency of each of the store's
//! queries, as an analyst would ask them, with parameters drawn from the
//! store itself (its most quoted people, its most mentioned organisations
//! and places, words of its articles). Figures only; nothing here is a test.

use anyhow::{bail, Result};
use newsgraph_record::EntityType;
use newsgraph_store::{DateRange, Mode, Page, Period, QuoteFilter, SearchFilter, Store};
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*): the same parameters on
/// every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// Latencies of one query, sorted.
struct Timings {
    name: &'static str,
    times: Vec<Duration>,
}

impl Timings {
    fn quantile(&self, q: f64) -> Duration {
        self.times[((self.times.len() - 1) as f64 * q).round() as usize]
    }
}

fn time<T>(t: &mut Vec<Duration>, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let start = Instant::now();
    let r = f()?;
    t.push(start.elapsed());
    Ok(r)
}

pub fn run(path: &Path, n: usize, json: bool) -> Result<()> {
    let store = Store::open(path, Mode::Read)?;
    let articles = store.article_ids()?.len();
    if articles == 0 {
        bail!("{} holds no article", path.display());
    }
    let page = Page::default();
    let people: Vec<String> = store.entities(Some(EntityType::Person), None, Page::new(200, 0)?)?.into_iter().filter(|e| e.quotes > 0).map(|e| e.name).collect();
    let mut topics: Vec<String> = store.entities(Some(EntityType::Org), None, Page::new(100, 0)?)?.into_iter().map(|e| e.name).collect();
    topics.extend(store.entities(Some(EntityType::Gpe), None, Page::new(100, 0)?)?.into_iter().map(|e| e.name));
    // words of the articles' texts: some common, most rare
    let mut words: Vec<String> = Vec::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let ids = store.article_ids()?;
    for _ in 0..50 {
        if let Some(rec) = store.record(ids[rng.next(ids.len())])? {
            words.extend(rec.text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 3).take(40).map(str::to_string));
        }
    }
    if people.is_empty() || topics.is_empty() || words.is_empty() {
        bail!("{} holds too little to draw queries from", path.display());
    }
    let years: Vec<(String, String)> = (2005..=2025).map(|y| (format!("{y}-01-01"), format!("{y}-12-31"))).collect();
    let mut results: Vec<Timings> = Vec::new();
    let mut t = Vec::new();
    for i in 0..n {
        let q = if i % 3 == 0 { format!("{} {}", words[rng.next(words.len())], words[rng.next(words.len())]) } else { words[rng.next(words.len())].clone() };
        let dates = if i % 2 == 0 { DateRange::default() } else {
            let y = &years[rng.next(years.len())];
            DateRange::parse(Some(&y.0), Some(&y.1))?
        };
        let f = SearchFilter { query: Some(q), dates, source: None };
        time(&mut t, || Ok(store.search(&f, page)?))?;
    }
    results.push(Timings { name: "search QUERY [--from --to]", times: std::mem::take(&mut t) });
    for _ in 0..n {
        let f = QuoteFilter { speaker: Some(people[rng.next(people.len())].clone()), ..Default::default() };
        time(&mut t, || Ok(store.quotes(&f, page)?))?;
    }
    results.push(Timings { name: "quotes --speaker NAME", times: std::mem::take(&mut t) });
    for _ in 0..n {
        let f = QuoteFilter { about: Some(topics[rng.next(topics.len())].clone()), ..Default::default() };
        time(&mut t, || Ok(store.quotes(&f, page)?))?;
    }
    results.push(Timings { name: "quotes --about TOPIC", times: std::mem::take(&mut t) });
    for _ in 0..n {
        let y = &years[rng.next(years.len())];
        let f = QuoteFilter {
            speaker: Some(people[rng.next(people.len())].clone()),
            about: Some(topics[rng.next(topics.len())].clone()),
            dates: DateRange::parse(Some(&y.0), None)?,
            ..Default::default()
        };
        time(&mut t, || Ok(store.quotes(&f, page)?))?;
    }
    results.push(Timings { name: "quotes --speaker --about --from", times: std::mem::take(&mut t) });
    let types = [None, Some(EntityType::Person), Some(EntityType::Org), Some(EntityType::Gpe)];
    for i in 0..n {
        let kind = types[i % types.len()];
        let q = (i % 2 == 1).then(|| people[rng.next(people.len())].split(' ').next_back().unwrap_or("").chars().take(5).collect::<String>());
        time(&mut t, || Ok(store.entities(kind, q.as_deref().filter(|q| !q.is_empty()), page)?))?;
    }
    results.push(Timings { name: "entities [--type] [--q]", times: std::mem::take(&mut t) });
    let periods = [Period::Day, Period::Week, Period::Month];
    for i in 0..n {
        let name = if i % 2 == 0 { &people[rng.next(people.len())] } else { &topics[rng.next(topics.len())] };
        time(&mut t, || {
            let e = store.entity_named(name)?;
            Ok(match e {
                Some(e) => store.timeline(e.entity, periods[i % 3], page)?.len(),
                None => 0,
            })
        })?;
    }
    results.push(Timings { name: "timeline NAME [--by]", times: std::mem::take(&mut t) });
    for r in &mut results {
        r.times.sort();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    if json {
        let v: Vec<serde_json::Value> = results
            .iter()
            .map(|r| serde_json::json!({"query": r.name, "runs": r.times.len(), "p50_ms": ms(r.quantile(0.5)), "p95_ms": ms(r.quantile(0.95)), "max_ms": ms(r.quantile(1.0))}))
            .collect();
        println!("{}", serde_json::json!({"articles": articles, "store_bytes": store.size_bytes(), "queries": v}));
    } else {
        println!("store: {} articles, {:.1} MB ({:.1} kB per article)", articles, store.size_bytes() as f64 / 1e6, store.size_bytes() as f64 / 1e3 / articles as f64);
        println!("{:<34} {:>6} {:>9} {:>9} {:>9}", "query", "runs", "p50 ms", "p95 ms", "max ms");
        for r in &results {
            println!("{:<34} {:>6} {:>9.2} {:>9.2} {:>9.2}", r.name, r.times.len(), ms(r.quantile(0.5)), ms(r.quantile(0.95)), ms(r.quantile(1.0)));
        }
    }
    Ok(())
}
