//! Small pages written for these tests (no third-party text).
#![allow(dead_code)]

pub const TITLE: &str = "Riverton council approves new footbridge";

pub const PARAS: [&str; 4] = [
    "The Riverton city council voted 7 to 2 on Tuesday to build a footbridge across the Mill River, ending a debate that had lasted almost three years.",
    "Supporters said the bridge would cut the walk from the east side to the train station by twenty minutes, while opponents questioned its cost.",
    "Construction is expected to begin in the spring and to last about fourteen months, according to the city engineer, Dana Whitfield.",
    "The project will be paid for by a state transport grant and by the sale of an unused parking lot near the old mill.",
];

pub const SUBHEAD: &str = "What happens next";
pub const QUOTE: &str = "We have waited long enough for a safe way across the river.";

/// A news page with the usual furniture around one article.
pub fn article_page(head_extra: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{TITLE} | The Riverton Courier</title>
{head_extra}
</head>
<body>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site. By continuing you accept our cookie policy and terms.</p><button>Accept</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>{TITLE}</h1>
<div class="byline">By Sam Porter, Courier staff</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <span class="share-count">1,204 shares</span></div>
<figure><img src="bridge.jpg"><figcaption>An artist's drawing of the planned bridge over the Mill River, seen from the east bank.</figcaption></figure>
<div class="article-body">
<p>{p0}</p>
<p>{p1}</p>
<h2>{SUBHEAD}</h2>
<p>{p2}</p>
<blockquote><p>{QUOTE}</p></blockquote>
<p>{p3}</p>
</div>
<aside class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Council delays vote on parking fees again after long public hearing</a></li><li><a href="/b">Mill River flood defences to be reviewed by the state agency</a></li></ul></aside>
</article>
<section id="comments" class="comments"><h3>Comments</h3><p>This bridge is a waste of money and nobody will use it, mark my words, I have lived here forty years.</p></section>
</main>
<footer><p>Copyright 2024 The Riverton Courier. All rights reserved. Contact us at our office on Main Street.</p></footer>
</body>
</html>"##,
        p0 = PARAS[0],
        p1 = PARAS[1],
        p2 = PARAS[2],
        p3 = PARAS[3],
    )
}

/// The text the extractor should give for `article_page`.
pub fn expected_text() -> String {
    [PARAS[0], PARAS[1], SUBHEAD, PARAS[2], QUOTE, PARAS[3]].join("\n\n")
}

/// A WARC response record (uncompressed) holding `body` as an HTTP 200 page.
pub fn warc_response(url: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    http.extend_from_slice(body);
    warc_record("response", url, "application/http; msgtype=response", &http)
}

pub fn warc_record(kind: &str, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len() as u32 ^ url.len() as u32,
        block.len()
    )
    .into_bytes();
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip in memory");
    e.finish().expect("gzip in memory")
}

/// A fresh directory under the system temp dir, unique to this test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create temp dir");
    d
}

pub fn read_all(path: &std::path::Path) -> (Vec<newsgraph_ingest::Article>, Vec<newsgraph_ingest::InputError>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    newsgraph_ingest::read_input(path, &mut |r| match r {
        Ok(a) => ok.push(a),
        Err(e) => bad.push(e),
    });
    (ok, bad)
}

/// Writes `bytes` to a fresh file and reads it back with `read_input`.
pub fn write_and_read(name: &str, bytes: &[u8]) -> (std::path::PathBuf, Vec<newsgraph_ingest::Article>, Vec<newsgraph_ingest::InputError>) {
    let dir = temp_dir(&name.replace('.', "-"));
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write test file");
    let (a, e) = read_all(&p);
    (p, a, e)
}
