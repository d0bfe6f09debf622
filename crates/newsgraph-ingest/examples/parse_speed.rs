use std::io::Read;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut pages = vec![];
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap()).read_to_end(&mut s).unwrap();
        pages.push(String::from_utf8_lossy(&s).into_owned());
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for s in &pages { let d = scraper::Html::parse_document(s); n += d.tree.nodes().count(); }
    let el = t.elapsed().as_secs_f64();
    eprintln!("scraper: {} pages in {:.2}s = {:.1} pages/s nodes {}", pages.len(), el, pages.len() as f64 / el, n);
}
