mod common;
use common::*;
use newsgraph_ingest::{detect_format, read_input, BlockKind, Format};
use std::path::Path;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Riverton Courier</title><link>https://courier.example/</link><language>en</language>
<item><title>Bridge approved</title><link>https://courier.example/bridge</link><guid>bridge-1</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><author>desk@courier.example (Sam Porter)</author>
<description>&lt;p&gt;The council voted for the bridge.&lt;/p&gt;&lt;p&gt;Work starts in spring.&lt;/p&gt;</description></item>
<item><title>Library hours extended</title><link>https://courier.example/library</link><guid>library-2</guid></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier Atom</title><id>urn:courier</id><updated>2024-03-06T10:00:00Z</updated>
<entry><title type="html">Flood &lt;b&gt;defences&lt;/b&gt; reviewed</title><id>urn:courier:flood</id><link href="https://courier.example/flood"/>
<published>2024-03-06T10:00:00+01:00</published><updated>2024-03-06T12:00:00Z</updated><author><name>Lee Chan</name></author>
<content type="html">&lt;h2&gt;Review&lt;/h2&gt;&lt;p&gt;The state agency will review the defences.&lt;/p&gt;&lt;blockquote&gt;It is overdue.&lt;/blockquote&gt;</content></entry>
</feed>"#;

#[test]
fn rss_items_with_links_dates_and_content() {
    let (p, arts, errs) = write_and_read("feed.rss", RSS.as_bytes());
    assert!(errs.is_empty());
    assert_eq!(arts.len(), 2);
    let a = &arts[0];
    assert_eq!(a.title.as_deref(), Some("Bridge approved"));
    assert_eq!(a.url.as_deref(), Some("https://courier.example/bridge"));
    assert_eq!(a.id.as_deref(), Some("bridge-1"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00Z"));
    assert_eq!(a.text, "The council voted for the bridge.\n\nWork starts in spring.");
    assert_eq!(a.site_name.as_deref(), Some("Riverton Courier"));
    assert_eq!(a.source, format!("{}#1", p.display()));
    assert_eq!(arts[1].text, "");
    assert_eq!(arts[1].url.as_deref(), Some("https://courier.example/library"));
}

#[test]
fn atom_entries() {
    let (_, arts, errs) = write_and_read("feed.atom", ATOM.as_bytes());
    assert!(errs.is_empty());
    let a = &arts[0];
    assert_eq!(a.title.as_deref(), Some("Flood defences reviewed"));
    assert_eq!(a.published.as_deref(), Some("2024-03-06T09:00:00Z"));
    assert_eq!(a.author.as_deref(), Some("Lee Chan"));
    assert_eq!(a.text, "Review\n\nThe state agency will review the defences.\n\nIt is overdue.");
    let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, vec![BlockKind::Heading, BlockKind::Paragraph, BlockKind::BlockQuote]);
}

#[test]
fn json_lines_with_text_or_html_and_bad_lines_reported() {
    let dir = temp_dir("jsonl");
    let p = dir.join("batch.jsonl");
    let html = article_page("").replace('"', "\\\"").replace('\n', "\\n");
    let lines = [
        r#"{"id": "a1", "title": "Bridge", "published": "2024-03-05", "url": "https://courier.example/a1", "text": "First paragraph.\n\nSecond paragraph."}"#.to_string(),
        "{not json".to_string(),
        format!(r#"{{"id": 7, "html": "{html}"}}"#),
        r#"{"id": "x"}"#.to_string(),
        r#"{"id": "frag", "html": "<p>Only <b>this</b> paragraph.</p><p><a href=\"/more\">Continue reading</a></p>"}"#.to_string(),
        String::new(),
    ];
    std::fs::write(&p, lines.join("\n")).unwrap();
    let (arts, errs) = read_all(&p);
    assert_eq!(arts.len(), 3);
    // The block filters still apply: a line that is only a link goes.
    assert_eq!(arts[2].text, "Only this paragraph.");
    assert_eq!(arts[0].id.as_deref(), Some("a1"));
    assert_eq!(arts[0].text, "First paragraph.\n\nSecond paragraph.");
    assert_eq!(arts[0].published.as_deref(), Some("2024-03-05"));
    assert_eq!(arts[0].source, format!("{}#1", p.display()));
    assert_eq!(arts[1].id.as_deref(), Some("7"));
    assert_eq!(arts[1].text, expected_text());
    assert_eq!(arts[1].title.as_deref(), Some(TITLE));
    assert_eq!(errs.len(), 2);
    assert!(errs[0].to_string().starts_with(&format!("{}#2: invalid JSON", p.display())), "{}", errs[0]);
    assert_eq!(errs[1].to_string(), format!("{}#4: no \"text\" or \"html\" field", p.display()));
}

#[test]
fn plain_text_keeps_the_content_without_bom_and_crlf() {
    let (_, arts, _) = write_and_read("story.txt", "\u{feff}Bridge approved\r\n\r\nThe council voted.\r\nWork starts soon.\r\n".as_bytes());
    let a = &arts[0];
    assert_eq!(a.text, "Bridge approved\n\nThe council voted.\nWork starts soon.\n");
    assert_eq!(a.title, None);
    let spans: Vec<&str> = a.blocks.iter().map(|b| &a.text[b.start..b.end]).collect();
    assert_eq!(spans, vec!["Bridge approved", "The council voted.\nWork starts soon."]);
}

#[test]
fn gzip_is_found_by_magic_bytes_whatever_the_name() {
    let (_, arts, errs) = write_and_read("page.html", &gzip(article_page("").as_bytes()));
    assert!(errs.is_empty());
    assert_eq!(arts[0].text, expected_text());
}

#[test]
fn directories_are_read_recursively_by_extension() {
    let dir = temp_dir("tree");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/one.html"), article_page("")).unwrap();
    std::fs::write(dir.join("a/b/two.txt.gz"), gzip(b"Second story.")).unwrap();
    std::fs::write(dir.join("a/b/notes.docx"), b"ignored").unwrap();
    std::fs::write(dir.join(".hidden.txt"), b"ignored").unwrap();
    let (arts, errs) = read_all(&dir);
    assert!(errs.is_empty());
    let sources: Vec<String> = arts.iter().map(|a| a.source.clone()).collect();
    assert_eq!(
        sources,
        vec![dir.join("a/b/two.txt.gz").display().to_string(), dir.join("a/one.html").display().to_string()]
    );
    assert_eq!(arts[0].text, "Second story.");
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let mut errs = Vec::new();
    read_input(Path::new("/nonexistent/newsgraph/file.html"), &mut |r| {
        if let Err(e) = r {
            errs.push(e.to_string());
        }
    });
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("/nonexistent/newsgraph/file.html: "), "{}", errs[0]);
}

#[test]
fn format_detection() {
    let p = Path::new("x.bin");
    assert_eq!(detect_format(p, b"WARC/1.1\r\n"), Format::Warc);
    assert_eq!(detect_format(p, b"<?xml version=\"1.0\"?><rss version=\"2.0\">"), Format::Feed);
    assert_eq!(detect_format(p, b"\xef\xbb\xbf<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(detect_format(p, b"{\"text\": \"x\"}\n"), Format::JsonLines);
    assert_eq!(detect_format(p, b"Just words."), Format::Text);
    // The root element decides, not words inside the document.
    assert_eq!(detect_format(p, b"<?xml version=\"1.0\"?>\n<!-- feed -->\n<rss><channel><description><![CDATA[<html>]]>"), Format::Feed);
    assert_eq!(detect_format(p, b"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\"><html xmlns=\"x\"><link rel=\"alternate\" type=\"application/rss+xml\">"), Format::Html);
    assert_eq!(detect_format(Path::new("a.jsonl.gz"), b"[1]"), Format::JsonLines);
    assert_eq!(detect_format(Path::new("page.htm"), b"Hello"), Format::Html);
}

#[test]
fn deferred_reading_gives_the_same_articles_in_order() {
    use newsgraph_ingest::{read_input_deferred, Pending};
    let dir = temp_dir("deferred");
    std::fs::write(dir.join("a.html"), article_page("")).unwrap();
    std::fs::write(dir.join("b.txt"), "Second story.").unwrap();
    let mut pending = Vec::new();
    read_input_deferred(&dir, &mut |p| pending.push(p.unwrap()));
    assert!(matches!(pending[0], Pending::Html(_)));
    assert!(matches!(pending[1], Pending::Ready(_)));
    let finished: Vec<_> = pending.into_iter().map(|p| p.finish().unwrap()).collect();
    let (direct, _) = read_all(&dir);
    assert_eq!(finished, direct);
    assert_eq!(finished[0].text, expected_text());
}

#[test]
fn a_json_array_of_records_is_read_too() {
    let (p, arts, errs) = write_and_read(
        "export.json",
        br#"[{"id": "a", "text": "First story."}, {"id": "b"}, {"id": "c", "text": "Third story."}]"#,
    );
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, vec!["First story.", "Third story."]);
    assert_eq!(arts[1].source, format!("{}#3", p.display()));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].to_string(), format!("{}#2: no \"text\" or \"html\" field", p.display()));
}
