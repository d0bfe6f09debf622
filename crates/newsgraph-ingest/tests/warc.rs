mod common;
use common::*;
use newsgraph_ingest::extract_html;
use std::io::Write;

fn pages() -> Vec<(String, String)> {
    (0..3)
        .map(|i| {
            let page = article_page("").replace(PARAS[0], &format!("Story number {i}. {}", PARAS[0]));
            (format!("https://courier.example/2024/03/0{}/story-{i}", i + 1), page)
        })
        .collect()
}

fn build_warc(gz_per_record: bool) -> Vec<u8> {
    let mut records = vec![warc_record("warcinfo", "", "application/warc-fields", b"software: test\r\n")];
    for (url, page) in pages() {
        records.push(warc_record("request", &url, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"));
        records.push(warc_response(&url, "text/html; charset=utf-8", page.as_bytes()));
    }
    // A 404 and a non-HTML 200 are not articles.
    records.push(warc_record(
        "response",
        "https://courier.example/missing",
        "application/http; msgtype=response",
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body><p>Not found</p></body></html>",
    ));
    records.push(warc_response("https://courier.example/logo.png", "image/png", b"\x89PNG\r\n"));
    let mut out = Vec::new();
    for r in records {
        out.extend(if gz_per_record { gzip(&r) } else { r });
    }
    out
}

#[test]
fn warc_round_trip_gives_every_page_with_the_text_of_the_loose_html() {
    for gz in [false, true] {
        let dir = temp_dir(if gz { "warc-gz" } else { "warc" });
        let path = dir.join(if gz { "news.warc.gz" } else { "news.warc" });
        std::fs::write(&path, build_warc(gz)).unwrap();
        let (arts, errs) = read_all(&path);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(arts.len(), 3);
        for (i, ((url, page), a)) in pages().iter().zip(&arts).enumerate() {
            let loose = extract_html(page.as_bytes(), Some(url), None).unwrap();
            assert_eq!(a.text, loose.text);
            assert_eq!(a.url.as_deref(), Some(url.as_str()));
            assert_eq!(a.published.as_deref(), Some(format!("2024-03-0{}", i + 1).as_str()));
            // warcinfo is record 1; each page is a request then a response.
            assert_eq!(a.source, format!("{}#{}", path.display(), 3 + 2 * i));
            assert!(a.id.as_deref().is_some_and(|id| id.starts_with("urn:uuid:")));
        }
    }
}

#[test]
fn truncated_warc_gives_all_complete_records_and_one_error() {
    for gz in [false, true] {
        // Cut inside the last page's response record (record 7).
        let mut records = Vec::new();
        let mut all = Vec::new();
        for (url, page) in pages() {
            let r = warc_response(&url, "text/html", page.as_bytes());
            records.push(if gz { gzip(&r) } else { r });
        }
        for r in &records {
            all.extend_from_slice(r);
        }
        let cut = all.len() - records[2].len() / 2;
        let dir = temp_dir(if gz { "trunc-gz" } else { "trunc" });
        let path = dir.join("cut.warc.gz");
        std::fs::write(&path, &all[..cut]).unwrap();
        let (arts, errs) = read_all(&path);
        assert_eq!(arts.len(), 2, "gz={gz}");
        assert_eq!(errs.len(), 1, "gz={gz}: {errs:?}");
        let offset = records[0].len() + records[1].len();
        let e = errs[0].to_string();
        assert!(e.starts_with(&format!("{}#3 ", path.display())), "{e}");
        assert!(e.contains("truncated"), "{e}");
        // The offset of the record in a plain WARC, of its gzip member in a .warc.gz.
        assert!(e.contains(&format!("(offset {offset})")), "{e}");
    }
}

#[test]
fn a_corrupt_record_is_reported_and_reading_goes_on() {
    let (url, page) = &pages()[0];
    let good = warc_response(url, "text/html", page.as_bytes());
    let mut data = good.clone();
    data.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n");
    data.extend_from_slice(&good);
    let dir = temp_dir("corrupt");
    let path = dir.join("bad.warc");
    std::fs::write(&path, &data).unwrap();
    let (arts, errs) = read_all(&path);
    assert_eq!(arts.len(), 2);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].to_string(),
        format!("{}#2 (offset {}): bad WARC header: no valid Content-Length", path.display(), good.len())
    );
    assert_eq!(arts[1].source, format!("{}#3", path.display()));
}

#[test]
fn warc_from_a_stream_with_a_misleading_name_is_sniffed() {
    let dir = temp_dir("sniff");
    let path = dir.join("download.bin");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(&build_warc(true)).unwrap();
    drop(f);
    let (arts, errs) = read_all(&path);
    assert_eq!((arts.len(), errs.len()), (3, 0));
}

#[test]
fn a_corrupt_gzip_member_costs_one_record_and_one_error() {
    let members: Vec<Vec<u8>> = pages().iter().map(|(url, page)| gzip(&warc_response(url, "text/html", page.as_bytes()))).collect();
    let mut data: Vec<u8> = members.concat();
    // Flip bytes in the middle of the second member's compressed data.
    let mid = members[0].len() + members[1].len() / 2;
    for b in &mut data[mid..mid + 16] {
        *b ^= 0x55;
    }
    let (path, arts, errs) = write_and_read("flipped.warc.gz", &data);
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0].source, format!("{}#1", path.display()));
    assert_eq!(arts[1].source, format!("{}#3", path.display()));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].to_string().starts_with(&format!("{}#2 (offset {}): ", path.display(), members[0].len())), "{}", errs[0]);
}
