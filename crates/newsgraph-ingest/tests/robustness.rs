//! Whatever the bytes, extraction and the WARC reader return, never panic.
use proptest::prelude::*;

fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<h1>".to_string()),
        Just("<blockquote>".to_string()),
        Just("<li>".to_string()),
        Just("&amp;&#x1F600;&nbsp;&bogus;".to_string()),
        Just("<meta charset=\"windows-1252\">".to_string()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":".to_string()),
        "[a-zA-Z ,.]{0,40}",
        "\\PC{0,10}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn html_extraction_never_panics(html in tag_soup()) {
        let a = newsgraph_ingest::extract_html(html.as_bytes(), Some("https://x.example/2024/01/02/a"), None).unwrap();
        for b in &a.blocks {
            prop_assert!(b.start <= b.end && b.end <= a.text.len());
            prop_assert!(a.text.is_char_boundary(b.start) && a.text.is_char_boundary(b.end));
        }
    }

    #[test]
    fn html_extraction_of_random_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = newsgraph_ingest::extract_html(&bytes, None, None);
    }

    #[test]
    fn warc_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), prefix in 0usize..3) {
        let mut data = match prefix {
            0 => b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 30\r\n\r\nHTTP/1.1 200 OK\r\n\r\n".to_vec(),
            1 => b"WARC/1.0\r\n".to_vec(),
            _ => Vec::new(),
        };
        data.extend_from_slice(&bytes);
        for rec in newsgraph_ingest::warc::Reader::new(&data[..]).flatten() {
            let _ = newsgraph_ingest::warc::parse_http(&rec.body);
        }
    }

    #[test]
    fn gzip_member_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), cut in 0usize..400) {
        // A valid member, then random bytes with gzip headers sprinkled in.
        let mut data = {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n\r\n").unwrap();
            e.finish().unwrap()
        };
        data.extend_from_slice(&bytes);
        let at = cut.min(data.len());
        data.splice(at..at, [0x1f, 0x8b, 0x08]);
        // A header with reserved flag bits set, which the decoder refuses.
        data.extend_from_slice(&[0x1f, 0x8b, 0x08, 0xe0, 0, 0, 0, 0]);
        let mut n = 0;
        newsgraph_ingest::warc::read_gz_members(&data[..], &mut |_| n += 1);
        prop_assert!(n >= 1);
    }
}
