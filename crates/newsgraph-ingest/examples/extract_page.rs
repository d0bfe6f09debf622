//! Prints the article extracted from one HTML file (gzip accepted) as JSON.
use std::io::Read;
fn main() {
    let path = std::env::args().nth(1).expect("usage: extract_page FILE [URL]");
    let raw = std::fs::read(&path).expect("read");
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut s = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut s).expect("gunzip");
        s
    } else {
        raw
    };
    let url = std::env::args().nth(2);
    match newsgraph_ingest::extract_html(&bytes, url.as_deref(), None) {
        Ok(a) => println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default()),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
