//! The web pages in a real browser (headless Chromium through
//! chromedriver's WebDriver protocol): the bundled samples indexed and
//! served on a free loopback port; search for a speaker, open an article,
//! check a quote is marked and its tooltip names the speaker (on hover and
//! on keyboard focus), open the person's page and check the timeline has
//! points, the quotes page with its export; a screenshot of each page
//! (checked not to be blank). And a hostile article: no script of it runs,
//! its markup shows as text, its `javascript:` address is no link.
//!
//! Without Chromium and chromedriver the tests say they were skipped;
//! `NEWSGRAPH_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.
//! Screenshots go to `target/browser-shots/`, or `$NEWSGRAPH_SCREENSHOTS`.

use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Chromium and chromedriver, when this machine has them; else the skip
/// (or, when they are required, the failure).
fn browser() -> Option<(PathBuf, PathBuf)> {
    let find = |env: &str, names: &[&str]| -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(env) {
            return Some(PathBuf::from(p));
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).flat_map(|d| names.iter().map(move |n| d.join(n))).find(|p| p.is_file())
    };
    let chromium = find("NEWSGRAPH_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]);
    let driver = find("NEWSGRAPH_CHROMEDRIVER", &["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            let why = "Chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)";
            if std::env::var("NEWSGRAPH_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!("{why}, and NEWSGRAPH_REQUIRE_BROWSER=1 requires them");
            }
            eprintln!("skipped: {why}");
            None
        }
    }
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-browser-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `newsgraph serve` on a free port after indexing `inputs`; its base URL.
fn serve(db: &Path, inputs: &[&Path]) -> (Running, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.args(["serve", "--db"]).arg(db).args(["--addr", "127.0.0.1:0", "--index"]).args(inputs).stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = cmd.spawn().expect("newsgraph serve starts");
    let out = child.stdout.take().unwrap();
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(out).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("no address in {line:?}")).trim_end_matches('/').to_string();
    (running, url)
}

/// A WebDriver session on headless Chromium.
struct Browser {
    agent: ureq::Agent,
    base: String,
    _driver: Running,
}

impl Browser {
    fn start(chromium: &Path, driver: &Path, profile: &Path) -> Browser {
        let port = free_port();
        let child = Command::new(driver).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("chromedriver starts");
        let running = Running(child);
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(60))).build().into();
        let root = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent.get(&format!("{root}/status")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            &format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": chromium, "args": args}}}});
        let v: Value = agent.post(&format!("{root}/session")).send_json(&caps).unwrap().body_mut().read_json().unwrap();
        let id = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        Browser { agent, base: format!("{root}/session/{id}"), _driver: running }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let mut r = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, b) => self.agent.post(&url).send_json(b.unwrap_or(json!({}))),
        }
        .unwrap();
        let v: Value = r.body_mut().read_json().unwrap();
        if v["value"].get("error").is_some() {
            panic!("{method} {path}: {}", v["value"]);
        }
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.call("POST", "/elements", Some(json!({"using": "css selector", "value": css})));
        v.as_array().unwrap_or_else(|| panic!("elements: {v}")).iter().map(|e| e[ELEMENT].as_str().unwrap_or_else(|| panic!("element: {e}")).to_string()).collect()
    }

    fn find(&self, css: &str) -> String {
        self.find_all(css).into_iter().next().unwrap_or_else(|| panic!("nothing matches {css}"))
    }

    fn text(&self, el: &str) -> String {
        self.call("GET", &format!("/element/{el}/text"), None).as_str().unwrap_or("").to_string()
    }

    fn attr(&self, el: &str, name: &str) -> Option<String> {
        self.call("GET", &format!("/element/{el}/attribute/{name}"), None).as_str().map(str::to_string)
    }

    fn click(&self, el: &str) {
        self.call("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    fn type_into(&self, el: &str, text: &str) {
        self.call("POST", &format!("/element/{el}/value"), Some(json!({ "text": text })));
    }

    fn script(&self, js: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": js, "args": []})))
    }

    fn hover(&self, el: &str) {
        let pointer = json!({"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "origin": {ELEMENT: el}, "x": 0, "y": 0}]});
        self.call("POST", "/actions", Some(json!({ "actions": [pointer] })));
    }

    /// The window's size (a 320-pixel-wide window is a 1280-pixel one at 400% zoom).
    fn resize(&self, width: u32, height: u32) {
        self.call("POST", "/window/rect", Some(json!({ "width": width, "height": height })));
    }

    /// What a reader needs: every control labelled, nothing wider than the window.
    fn check_readable(&self, page: &str) {
        let unlabelled = self.script(
            "return Array.from(document.querySelectorAll('input, select, textarea, button')).filter(function (c) {
               return !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !(c.tagName === 'BUTTON' && c.textContent.trim());
             }).map(function (c) { return c.outerHTML; });",
        );
        assert_eq!(unlabelled, json!([]), "{page}: controls without a label");
        let (scroll, inner) = (self.script("return document.documentElement.scrollWidth;"), self.script("return window.innerWidth;"));
        if scroll.as_i64() > inner.as_i64() {
            let wide = self.script(
                "return Array.from(document.querySelectorAll('body *')).filter(function (e) { return e.getBoundingClientRect().right > window.innerWidth + 1; })
                   .slice(0, 5).map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); });",
            );
            panic!("{page}: {scroll} pixels wide in a window of {inner}: {wide}");
        }
    }

    fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap().to_string()
    }

    /// Waits until the page has an element matching `css`.
    fn wait_for(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).into_iter().next() {
                return e;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "{css} never appeared on {}", self.url());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A screenshot of the page, saved; fails when it is blank.
    fn screenshot(&self, name: &str) {
        let b64 = self.call("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
        let dir = std::env::var_os("NEWSGRAPH_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../browser-shots"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &bytes).unwrap();
        let share = ink_share(&bytes);
        assert!(share > 0.01, "{} is blank ({:.2}% of its pixels differ from the background)", path.display(), share * 100.0);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
    }
}

/// The share of a PNG's pixels that differ from its most common colour.
fn ink_share(png_bytes: &[u8]) -> f64 {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let mut counts = std::collections::HashMap::new();
    for p in &pixels {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let background = counts.values().max().copied().unwrap_or(0);
    1.0 - background as f64 / pixels.len().max(1) as f64
}

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/samples")
}

#[test]
fn a_reader_finds_a_speaker_reads_the_article_and_opens_the_person() {
    let Some((chromium, driver)) = browser() else { return };
    let dir = tmpdir("pages");
    let (_server, url) = serve(&dir.join("news.db"), &[&samples()]);
    // what the store says Barack Obama said, to check the pages against
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let quotes: Value = agent.get(&format!("{url}/api/quotes?speaker=Barack%20Obama&kind=direct")).call().unwrap().body_mut().read_json().unwrap();
    let q = &quotes["items"][0];
    let (article, start, speaker) = (q["article"].as_i64().unwrap(), q["start"].as_i64().unwrap(), q["speaker"].as_str().unwrap().to_string());
    assert_eq!(speaker, "Barack Obama");

    let b = Browser::start(&chromium, &driver, &dir.join("profile"));
    // search for the speaker: his page among the people, the article among the results
    b.go(&format!("{url}/"));
    let input = b.find("#q");
    b.type_into(&input, "Obama");
    b.click(&b.find("form.filters button[type=submit]"));
    b.wait_for("ol.results li.result");
    assert!(b.url().contains("q=Obama"), "{}", b.url());
    let people: Vec<String> = b.find_all(".people a").iter().map(|e| b.text(e)).collect();
    assert!(people.iter().any(|p| p == "Barack Obama"), "{people:?}");
    b.screenshot("search");
    let link = b.find(&format!("ol.results a[href='/articles/{article}']"));
    b.click(&link);

    // the article: the quote marked, its tooltip names the speaker
    b.wait_for(".text");
    assert!(b.url().ends_with(&format!("/articles/{article}")), "{}", b.url());
    let mark = b.find(&format!("mark#q{start}"));
    assert!(b.attr(&mark, "class").unwrap_or_default().contains("quote"));
    assert!(b.find_all(".text mark.quote").len() >= 2, "the article's quotes are marked");
    assert!(!b.find_all(".text .ent-person").is_empty() && !b.find_all(".text .time").is_empty(), "names and dates are marked");
    b.screenshot("article");
    b.hover(&mark);
    let tip = b.wait_for("#tip:not([hidden])");
    let said = b.text(&tip);
    assert!(said.contains(&format!("Speaker: {speaker}")), "the tooltip says {said:?}");
    // the keyboard reaches it too
    b.script("document.activeElement.blur(); window.scrollTo(0, 0);");
    b.script(&format!("document.getElementById('q{start}').focus();"));
    let tip = b.wait_for("#tip:not([hidden])");
    assert!(b.text(&tip).contains(&format!("Speaker: {speaker}")));
    assert_eq!(b.attr(&mark, "aria-describedby").as_deref(), Some("tip"));
    b.screenshot("article-tooltip");

    // the person: titles, a timeline with points, the quotes linking back
    let person = b.find_all(".speakers a").into_iter().find(|e| b.text(e) == speaker).expect("the speaker in the side list");
    b.click(&person);
    b.wait_for("svg.chart");
    assert_eq!(b.text(&b.find("h1")), speaker);
    let points = b.find_all("svg.chart g.point");
    assert!(!points.is_empty(), "the timeline has points");
    let back = b.find_all(&format!("table.quotes a[href='/articles/{article}#q{start}']"));
    assert!(!back.is_empty(), "the quote links to its place in the article");
    b.screenshot("entity");

    // the quotes page, with the export
    b.go(&format!("{url}/quotes?speaker=Obama"));
    let rows = b.find_all("table.quotes tbody tr");
    assert!(!rows.is_empty());
    let csv = b.find("p.export a");
    assert!(b.attr(&csv, "href").unwrap_or_default().contains("format=csv"));
    b.screenshot("quotes");

    // at 400% zoom (a 320-pixel-wide window) every page reflows into one
    // column, and every control has its label
    b.resize(320, 800);
    let inner = b.script("return window.innerWidth;").as_i64().unwrap();
    assert!(inner <= 400, "the window did not narrow ({inner} pixels)");
    for page in ["/?q=Obama".to_string(), format!("/articles/{article}"), format!("/entities/{}", q["speaker_entity"]), "/quotes?speaker=Obama".into(), "/entities".into()] {
        b.go(&format!("{url}{page}"));
        b.wait_for("main");
        b.check_readable(&page);
        if page.starts_with("/articles/") {
            b.screenshot("article-400-percent");
        }
    }
}

#[test]
fn a_hostile_article_runs_no_script_and_shows_its_markup_as_text() {
    let Some((chromium, driver)) = browser() else { return };
    let dir = tmpdir("hostile");
    let input = dir.join("hostile.jsonl");
    let article = json!({
        "id": "hostile-1",
        "title": "<script>window.__pwned = 1</script>Council <b>vote</b>",
        "url": "javascript:window.__pwned=2",
        "published": "2025-03-01",
        "text": "The council met on Monday in Leeds.\n\n“<img src=x onerror=window.__pwned=3> will not pass,” said Mary Hollis, the council leader.\n\n<script>window.__pwned=4</script> <a href=\"javascript:window.__pwned=5\">click</a>"
    });
    std::fs::write(&input, format!("{article}\n")).unwrap();
    let (_server, url) = serve(&dir.join("news.db"), &[&input]);
    let b = Browser::start(&chromium, &driver, &dir.join("profile"));
    b.go(&format!("{url}/articles/1"));
    b.wait_for(".text");
    assert_eq!(b.script("return typeof window.__pwned;"), json!("undefined"), "a script of the article ran");
    assert_eq!(b.text(&b.find("h1")), "<script>window.__pwned = 1</script>Council <b>vote</b>", "the title shows as text");
    let text = b.text(&b.find(".text"));
    assert!(text.contains("<img src=x onerror=window.__pwned=3> will not pass"), "{text}");
    assert_eq!(b.script("return document.querySelectorAll('main img, main script, main b, .text a').length;"), json!(0));
    assert_eq!(b.script("return document.querySelectorAll('a[href^=\"javascript:\" i]').length;"), json!(0));
    // the quote is still marked, with its speaker
    let mark = b.find(".text mark.quote");
    b.hover(&mark);
    let tip = b.wait_for("#tip:not([hidden])");
    assert!(b.text(&tip).contains("Speaker: Mary Hollis"), "{}", b.text(&tip));
    // and the search page lists it as text too
    b.go(&format!("{url}/?q=council"));
    b.wait_for("ol.results");
    assert_eq!(b.script("return typeof window.__pwned;"), json!("undefined"));
    assert!(b.text(&b.find("ol.results h3")).starts_with("<script>"));
}
