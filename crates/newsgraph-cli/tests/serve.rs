//! `newsgraph serve` as a user starts it: index then serve on loopback,
//! the printed address answers; a missing store and a taken address are
//! one clear line each.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.env_remove("NEWSGRAPH_DB");
    c
}

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-serve-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn serve_indexes_then_answers_on_loopback() {
    let dir = tmpdir("up");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples/gum");
    let mut child = bin()
        .args(["serve", "--db"])
        .arg(dir.join("news.db"))
        .args(["--addr", "127.0.0.1:0", "--index"])
        .arg(&samples)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("{line:?}")).to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "loopback: {url}");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut page = agent.get(&url).call().unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.body_mut().read_to_string().unwrap().contains("Search the news"));
    let v: serde_json::Value = agent.get(&format!("{url}api/articles?limit=1000")).call().unwrap().body_mut().read_json().unwrap();
    let gum = std::fs::read_dir(&samples).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt")).count();
    assert_eq!(v["items"].as_array().unwrap().len(), gum, "every indexed article is served");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_missing_store_and_a_taken_address_are_one_line_each() {
    let dir = tmpdir("errors");
    let out = bin().args(["serve", "--db"]).arg(dir.join("none.db")).args(["--addr", "127.0.0.1:0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("newsgraph: error: no store at") && err.lines().count() == 1, "{err}");

    // a store, and an address someone else holds
    let st = bin().args(["index", "--db"]).arg(dir.join("news.db")).arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples/gum/GUM_news_clock.txt")).output().unwrap();
    assert!(st.status.success());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = bin().args(["serve", "--db"]).arg(dir.join("news.db")).args(["--addr", &addr]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{addr} is in use")) && err.lines().count() == 1, "{err}");
}
