//! `newsgraph extract` end to end: the record, its schema, its offsets, and
//! what happens to bad inputs.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ARTICLE: &str = "Ministers agree to meet in Geneva\n\n\
42\n\n\
Foreign ministers of both countries agreed on Monday—a day after the ceasefire—to meet in Geneva. Mr. Smith said the U.S. would attend.\n\n\
“We are ready… We have always been ready,” the minister told reporters.\n\n\
Next steps\n\n\
A second round is planned for No. 10 Downing Street, officials said.\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("newsgraph runs")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

/// Every span of the record: `text[start:end]` in characters equals its text.
fn check_offsets(rec: &Value) -> usize {
    let text: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
    let mut n = 0;
    let mut check = |v: &Value, key: &str| {
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        let got: String = text[s..e].iter().collect();
        assert_eq!(got, v[key].as_str().unwrap(), "span {s}..{e}");
        n += 1;
    };
    for h in rec["headings"].as_array().unwrap() {
        check(h, "text");
    }
    for e in rec["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            check(m, "text");
        }
    }
    for q in rec["quotes"].as_array().unwrap() {
        check(q, "content");
        for k in ["speaker", "cue", "addressee"] {
            if !q[k].is_null() {
                check(&q[k], "text");
            }
        }
    }
    for k in ["times", "amounts"] {
        for t in rec[k].as_array().unwrap() {
            check(t, "text");
        }
    }
    n
}

fn schema() -> jsonschema::Validator {
    let s: Value = serde_json::from_str(include_str!("../../../schema/record.schema.json")).unwrap();
    jsonschema::validator_for(&s).expect("the schema compiles")
}

#[test]
fn a_plain_text_article_gives_its_record() {
    let dir = tmpdir("plain");
    let f = write(&dir, "ministers.txt", ARTICLE.as_bytes());
    let out = run(&["extract", "--segments", &f]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["id"], "ministers");
    assert_eq!(r["source"], f.as_str());
    assert_eq!(r["title"], "Ministers agree to meet in Geneva");
    assert_eq!(r["published"], Value::Null);
    assert_eq!(r["text"], ARTICLE);
    assert_eq!(r["headings"][0]["text"], "Next steps");
    for k in ["entities", "quotes", "times", "amounts"] {
        assert!(r[k].is_array(), "{k}");
    }
    // sentences: the furniture line "42" is in none; the quotation with an
    // ellipsis is one sentence; abbreviations do not split
    let text: Vec<char> = ARTICLE.chars().collect();
    let sents: Vec<String> = r["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize].iter().collect())
        .collect();
    assert_eq!(
        sents,
        [
            "Ministers agree to meet in Geneva",
            "Foreign ministers of both countries agreed on Monday—a day after the ceasefire—to meet in Geneva.",
            "Mr. Smith said the U.S. would attend.",
            "“We are ready… We have always been ready,” the minister told reporters.",
            "Next steps",
            "A second round is planned for No. 10 Downing Street, officials said."
        ]
    );
    check_offsets(r);
    let v = schema();
    assert!(v.is_valid(r), "{:?}", v.iter_errors(r).map(|e| e.to_string()).collect::<Vec<_>>());
}

#[test]
fn stdin_id_published_and_pretty() {
    let mut child = bin()
        .args(["extract", "--pretty", "--id", "my-id", "--published", "2025-02-23", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(ARTICLE.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("{\n  \"id\": \"my-id\""), "{s}");
    let r: Value = serde_json::from_str(&s).unwrap();
    assert_eq!(r["published"], "2025-02-23");
    assert_eq!(r["source"], "-");
    // a date that is not one is refused before any work
    let out = run(&["extract", "--published", "23/02/2025", "-"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--published"));
}

#[test]
fn bad_inputs_fail_alone_and_name_themselves() {
    let dir = tmpdir("bad");
    let good1 = write(&dir, "good1.txt", ARTICLE.as_bytes());
    let bad_utf8 = write(&dir, "latin1.txt", b"Caf\xe9 owners protest new tax\n\nThe owners said no.\n");
    let empty = write(&dir, "empty.txt", b"");
    let big = dir.join("huge.txt");
    {
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(50 * 1024 * 1024).unwrap(); // 50 MB
    }
    let big = big.display().to_string();
    let missing = dir.join("missing.txt").display().to_string();
    let empty_dir = dir.join("nothing-here");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let empty_dir = empty_dir.display().to_string();
    let good2 = write(&dir, "good2.txt", "Second story\n\nIt is short.\n".as_bytes());

    let out = run(&["extract", &good1, &missing, &bad_utf8, &empty, &big, &empty_dir, &good2]);
    assert_eq!(out.status.code(), Some(1), "non-zero only because some input failed");
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good1", "latin1", "empty", "good2"], "the other inputs are still processed, in order");
    // text in another encoding is decoded, with a warning naming it
    assert_eq!(recs[1]["title"], "Café owners protest new tax");
    // the empty file is a sane, empty record
    assert_eq!(recs[2]["text"], "");
    assert_eq!(recs[2]["title"], Value::Null);
    assert_eq!(recs[2]["entities"], serde_json::json!([]));
    let err = String::from_utf8(out.stderr).unwrap();
    let line_for = |name: &str| err.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no error names {name}: {err}")).to_string();
    assert!(line_for("missing.txt").contains("no such file"));
    assert!(line_for("latin1.txt").starts_with("newsgraph: warning: "));
    assert!(line_for("latin1.txt").contains("not UTF-8 text (invalid byte 0xE9 at offset 3)"));
    assert!(line_for("huge.txt").contains("52.4 MB is over the"));
    assert!(line_for("nothing-here").contains("no article files"));
    assert!(err.contains("7 read, 4 extracted, 0 near-duplicates, 3 failed"), "{err}");
}

#[test]
fn a_directory_is_read_recursively_in_order() {
    let dir = tmpdir("dir");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write(&dir, "b.txt", b"Story B\n\nText of b.\n");
    write(&dir, "a.txt", b"Story A\n\nText of a.\n");
    write(&dir.join("sub"), "c.txt", b"Story C\n\nText of c.\n");
    write(&dir, "notes.md", b"not an article");
    let out = run(&["extract", &dir.display().to_string()]);
    assert!(out.status.success());
    let ids: Vec<String> = records(&out).iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn windows_line_ends_and_a_bom_are_normalised() {
    let dir = tmpdir("crlf");
    let f = write(&dir, "crlf.txt", "\u{feff}Headline here\r\n\r\nFirst line of text.\r\n".as_bytes());
    let out = run(&["extract", &f]);
    let r = &records(&out)[0];
    assert_eq!(r["text"], "Headline here\n\nFirst line of text.\n");
    assert_eq!(r["title"], "Headline here");
}

#[test]
fn the_bundled_samples_give_valid_records_with_consistent_offsets() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");
    let out = run(&["extract", samples]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 125);
    // every record reads back as the contract's type, and writes the same bytes
    for line in String::from_utf8(out.stdout.clone()).unwrap().lines() {
        let rec = newsgraph_record::Record::from_json(line).unwrap_or_else(|e| panic!("{e}: {line:.200}"));
        assert_eq!(rec.to_json(), line);
    }
    let v = schema();
    let mut spans = 0;
    for r in &recs {
        assert!(v.is_valid(r), "{}: {:?}", r["id"], v.iter_errors(r).map(|e| e.to_string()).collect::<Vec<_>>());
        spans += check_offsets(r);
    }
    // every sample but one (which opens with its dateline) starts with its headline
    let titled = recs.iter().filter(|r| r["title"].is_string()).count();
    assert_eq!(titled, 124);
    assert!(spans > 0 || recs.iter().all(|r| r["headings"].as_array().unwrap().is_empty()));
}

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Ministers agree to meet | The Daily</title>
<meta property="article:published_time" content="2025-02-23T10:00:00Z">
<meta property="og:title" content="Ministers agree to meet in Geneva"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers agree to meet in Geneva</h1>
<p>Foreign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said.</p>
<h2>What comes next</h2>
<p>“We are ready,” the minister told reporters after the talks, which lasted <b>six</b>&nbsp;hours.</p></article>
<div class="share">Share this article</div><footer>© The Daily</footer></body></html>"#;

#[test]
fn an_html_page_gives_its_body_title_and_date() {
    let dir = tmpdir("html");
    let f = write(&dir, "geneva.html", PAGE.as_bytes());
    let out = run(&["extract", &f]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = &records(&out)[0];
    assert_eq!(r["title"], "Ministers agree to meet in Geneva");
    assert_eq!(r["published"], "2025-02-23T10:00:00Z");
    assert_eq!(r["language"], "en");
    let text = r["text"].as_str().unwrap();
    assert!(text.starts_with("Foreign ministers of both countries"), "{text}");
    assert!(!text.contains("Home") && !text.contains("Share this") && !text.contains("Daily"), "{text}");
    assert!(text.contains("lasted six hours"), "inline markup and entities do not break words: {text}");
    assert_eq!(r["headings"][0]["text"], "What comes next");
    // "next week" said on Sunday 23 February 2025
    assert!(r["times"].as_array().unwrap().iter().any(|t| t["text"] == "next week" && t["value"] == "2025-W09"), "{}", r["times"]);
    check_offsets(r);
}

fn warc_record(kind: &str, url: &str, body: &[u8]) -> Vec<u8> {
    let mut rec = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n", url.len(), body.len()).into_bytes();
    rec.extend_from_slice(body);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn http(html: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}", html.len()).into_bytes()
}

#[test]
fn a_warc_gives_one_record_per_page_and_a_truncated_one_an_error() {
    let dir = tmpdir("warc");
    let other = PAGE.replace("Geneva", "Vienna").replace("both countries", "the two states").replace("six", "seven");
    let mut warc = warc_record("response", "https://example.org/a", &http(PAGE));
    warc.extend(warc_record("response", "https://example.org/b", &http(&other)));
    let whole = write(&dir, "two.warc", &warc);
    let out = run(&["extract", &whole]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["title"], "Ministers agree to meet in Vienna");
    assert!(recs[0]["source"].as_str().unwrap().ends_with("two.warc#1"));
    // cut in the middle of the second record: the first still comes out
    let cut = write(&dir, "cut.warc", &warc[..warc.len() - 300]);
    let out = run(&["extract", &cut]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().filter(|l| l.starts_with("newsgraph: error:") && l.contains("cut.warc#2")).count(), 1, "{err}");
}

#[test]
fn a_syndicated_copy_names_the_first() {
    let dir = tmpdir("dups");
    let story = "Ministers meet in Geneva\n\nForeign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said, after months of talks that had stalled over the question of prisoners and the future of the disputed border region.\n";
    let a = write(&dir, "agency.txt", story.as_bytes());
    let b = write(&dir, "paper.txt", story.replace("officials said", "officials told reporters").as_bytes());
    let c = write(&dir, "other.txt", ARTICLE.as_bytes());
    let recs = records(&run(&["extract", &a, &b, &c]));
    assert_eq!(recs[0].get("duplicate_of"), None);
    assert_eq!(recs[1]["duplicate_of"], "agency");
    assert_eq!(recs[2].get("duplicate_of"), None);
}

/// The records of the bundled samples are byte for byte those whose digests
/// `tools/output_digests.py` stored (`tools/output-digests.txt`): a change
/// that must not change the output (a refactoring) is checked here on a
/// fresh clone, and on every input format and the shared data by
/// `.ci/run`. A change that means to change the output stores new digests
/// and says so.
#[test]
fn the_samples_give_the_stored_records_byte_for_byte() {
    use sha2::{Digest, Sha256};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let stored = std::fs::read_to_string(root.join("tools/output-digests.txt")).unwrap();
    for (name, args) in [("samples", vec!["extract", "data/samples"]), ("samples-segments", vec!["extract", "--segments", "data/samples"])] {
        let out = bin().args(&args).current_dir(&root).output().unwrap();
        let got = format!("{:x} exit={}", Sha256::digest(&out.stdout), out.status.code().unwrap());
        let want = stored.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(' '))).unwrap_or_else(|| panic!("no digest stored for {name}"));
        assert_eq!(got, want, "the output of `newsgraph {}` changed", args.join(" "));
    }
}

#[test]
fn a_pipe_given_as_a_path_is_read_once_and_whole() {
    // `newsgraph extract <(cat article.txt)` and `/dev/stdin` are pipes: a
    // reader that opened them twice (once to sniff the format) lost the head
    if !Path::new("/dev/stdin").exists() {
        eprintln!("skipped: no /dev/stdin on this system");
        return;
    }
    let long = format!("{ARTICLE}\n{}", "The talks went on for hours, officials said. ".repeat(100));
    let mut child = bin().args(["extract", "/dev/stdin"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = long.clone();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(records(&out)[0]["text"], long.as_str());
}

#[test]
fn a_page_date_that_is_no_date_is_a_warning_and_the_record_stays() {
    let dir = tmpdir("baddate");
    let f = write(&dir, "feed.jsonl", br#"{"id": "a", "published": "someday", "text": "Ministers met on Monday.\n"}"#);
    let out = run(&["extract", &f]);
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["published"], Value::Null);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("newsgraph: warning: {f}#1: the publication date is not a date")), "{err}");
}
