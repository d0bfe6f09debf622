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
fn pages_are_left_to_finish_and_give_the_same_articles_in_order() {
    use newsgraph_ingest::{expand, read, Item, Limits};
    let dir = temp_dir("deferred");
    std::fs::write(dir.join("a.html"), article_page("")).unwrap();
    std::fs::write(dir.join("b.txt"), "Second story.").unwrap();
    let limits = Limits::default();
    let mut items = Vec::new();
    for input in expand(&[dir.display().to_string()]) {
        read(&input.unwrap(), &limits, &mut |i| items.push(i));
    }
    assert!(matches!(items[0], Item::Page(_)));
    assert!(matches!(items[1], Item::Text { .. }));
    let finished: Vec<_> = items.into_iter().map(|i| i.finish(&limits).unwrap().0).collect();
    let (direct, _) = read_all(&dir);
    assert_eq!(finished, direct);
    assert_eq!(finished[0].text, expected_text());
}

#[test]
fn arguments_expand_to_inputs_and_bad_ones_to_errors() {
    use newsgraph_ingest::{expand, Input};
    let dir = temp_dir("expand");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("b.txt"), "B").unwrap();
    std::fs::write(dir.join("sub/a.warc.gz"), "x").unwrap();
    std::fs::write(dir.join("notes.md"), "no").unwrap();
    let args = [dir.display().to_string(), "-".into(), dir.join("missing.txt").display().to_string(), dir.join("empty").display().to_string()];
    let got = expand(&args);
    assert_eq!(got[0], Ok(Input::File(dir.join("b.txt"))));
    assert_eq!(got[1], Ok(Input::File(dir.join("sub/a.warc.gz"))));
    assert_eq!(got[2], Ok(Input::Stdin));
    assert_eq!(got[3].as_ref().unwrap_err().message, "no such file or directory");
    assert!(got[4].as_ref().unwrap_err().message.starts_with("directory holds no article files (*.txt, *.text, *.html"), "{:?}", got[4]);
    assert_eq!(got.len(), 5);
}

#[test]
fn plain_text_is_utf8_or_decoded_with_a_warning_naming_it() {
    use newsgraph_ingest::{read, Input, Item, Limits};
    let dir = temp_dir("plain");
    let p = dir.join("latin1.txt");
    std::fs::write(&p, b"Caf\xe9 owners protest\r\n\r\nThey said no.\r\n").unwrap();
    let mut items = Vec::new();
    read(&Input::File(p.clone()), &Limits::default(), &mut |i| items.push(i));
    let Item::Text { article, warnings } = &items[0] else { panic!("{items:?}") };
    assert_eq!(article.text, "Café owners protest\n\nThey said no.\n");
    assert_eq!(article.blocks.len(), 2, "a paragraph a block");
    assert_eq!(warnings, &[format!("{}: not UTF-8 text (invalid byte 0xE9 at offset 3); decoded by charset detection", p.display())]);
}

#[test]
fn a_plain_text_over_the_limit_is_refused_by_what_was_read() {
    use newsgraph_ingest::{read, Input, Item, Limits};
    let dir = temp_dir("limit");
    let p = dir.join("big.txt");
    std::fs::write(&p, "word ".repeat(300)).unwrap();
    let limits = Limits { max_article_bytes: 1000 };
    let mut items = Vec::new();
    read(&Input::File(p.clone()), &limits, &mut |i| items.push(i));
    let Item::Failed(e) = &items[0] else { panic!("{items:?}") };
    assert!(e.message.ends_with("MB limit for one article (raise it with --max-bytes)"), "{e}");
    // exactly at the limit is accepted
    std::fs::write(&p, "x".repeat(1000)).unwrap();
    items.clear();
    read(&Input::File(p), &limits, &mut |i| items.push(i));
    assert!(matches!(&items[0], Item::Text { article, .. } if article.text.len() == 1000));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_once_as_a_stream_and_a_device_is_refused() {
    use newsgraph_ingest::{read, Input, Item, Limits};
    let dir = temp_dir("fifo");
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let text = format!("Headline\n\n{}", "A sentence of the story. ".repeat(400));
    let writer = {
        let (fifo, text) = (fifo.clone(), text.clone());
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let mut items = Vec::new();
    read(&Input::File(fifo), &Limits::default(), &mut |i| items.push(i));
    writer.join().unwrap();
    let Item::Text { article, .. } = &items[0] else { panic!("{items:?}") };
    assert_eq!(article.text, text, "every byte, the sniffed head included");
    items.clear();
    read(&Input::File("/dev/zero".into()), &Limits::default(), &mut |i| items.push(i));
    let Item::Failed(e) = &items[0] else { panic!("{items:?}") };
    assert!(e.message.contains("is a device"), "{e}");
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
