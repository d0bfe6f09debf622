//! The store end to end: the bundled samples indexed into a temporary store
//! answer each query as the records `extract` prints for the same files; a
//! second index changes nothing; reindex replaces rows; a process killed in
//! the middle of `index` leaves a sound store that a rerun completes; two
//! writers at once corrupt nothing; bad input gives one clear line.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.env_remove("NEWSGRAPH_DB");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("newsgraph runs")
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "newsgraph {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn samples() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples").to_string()
}

fn sqlite(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Row counts of the store's tables.
fn counts(db: &Path) -> BTreeMap<&'static str, i64> {
    ["articles", "entities", "article_entities", "mentions", "quotes", "quote_entities", "times", "amounts", "article_bands"]
        .into_iter()
        .map(|t| (t, sqlite(db, &format!("SELECT count(*) FROM {t}"))))
        .collect()
}

#[test]
fn the_samples_indexed_answer_as_their_records() {
    let dir = tmpdir("samples");
    let db = dir.join("news.db");
    let db_s = db.to_str().unwrap();
    let out = run(&["index", "--db", db_s, &samples()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("125 read, 125 added, 0 replaced, 0 unchanged"), "{err}");
    let records: Vec<Value> = lines(&ok(&["extract", "--no-dedup", &samples()]));
    let by_id: BTreeMap<String, &Value> = records.iter().map(|r| (r["id"].as_str().unwrap().to_string(), r)).collect();
    assert_eq!(sqlite(&db, "SELECT count(*) FROM articles"), 125);
    // each article's record, rebuilt from its rows, is the one extract printed
    let store = newsgraph_store::Store::open(&db, newsgraph_store::Mode::Read).unwrap();
    for id in store.article_ids().unwrap() {
        let rec = store.record(id).unwrap().unwrap();
        let printed = serde_json::to_string(by_id[&rec.id]).unwrap();
        assert_eq!(serde_json::to_string(&serde_json::from_str::<Value>(&rec.to_json()).unwrap()).unwrap(), printed, "{}", rec.id);
    }
    drop(store);
    let quotes_total: usize = records.iter().map(|r| r["quotes"].as_array().unwrap().len()).sum();
    assert_eq!(sqlite(&db, "SELECT count(*) FROM quotes") as usize, quotes_total);

    // every stored quote: its span points into the stored text, its content
    // and speaker are the record's
    let all = lines(&ok(&["quotes", "--db", db_s, "--json", "--limit", "1000"]));
    assert_eq!(all.len(), quotes_total);
    for q in &all {
        let rec = by_id[q["id"].as_str().unwrap()];
        let text: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
        let (s, e) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
        assert_eq!(text[s..e].iter().collect::<String>(), q["content"].as_str().unwrap());
        let rq = rec["quotes"].as_array().unwrap().iter().find(|x| x["start"] == q["start"] && x["end"] == q["end"]).expect("the record has the quote");
        assert_eq!(rq["speaker"]["text"], q["speaker_text"]);
        if q["speaker_entity"].is_null() {
            assert_eq!(q["speaker"], rq["speaker"]["name"], "{q}");
        }
    }
    // newest first
    let dates: Vec<&str> = all.iter().filter_map(|q| q["published"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0].get(..10) >= w[1].get(..10)), "{dates:?}");

    // a speaker: the quotes the records attribute to a person of that name
    let obama: Vec<Value> = lines(&ok(&["quotes", "--db", db_s, "--json", "--speaker", "Barack Obama", "--limit", "1000"]));
    let expected: usize = records
        .iter()
        .flat_map(|r| r["quotes"].as_array().unwrap())
        .filter(|q| q["speaker"]["name"].as_str().is_some_and(|n| n.contains("Obama")))
        .count();
    assert!(expected > 0);
    assert_eq!(obama.len(), expected);
    assert!(obama.iter().all(|q| q["speaker"] == "Barack Obama"));

    // search: the articles whose text has the word, each once
    let hits = lines(&ok(&["search", "--db", db_s, "--json", "--limit", "1000", "bankruptcy"]));
    let want: BTreeSet<&str> = records.iter().filter(|r| r["text"].as_str().unwrap().to_lowercase().contains("bankruptcy")).map(|r| r["id"].as_str().unwrap()).collect();
    let got: BTreeSet<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(got, want);
    for h in &hits {
        let text: Vec<char> = by_id[h["id"].as_str().unwrap()]["text"].as_str().unwrap().chars().collect();
        let start = h["snippet_start"].as_u64().unwrap() as usize;
        let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
        let body: String = snippet.iter().filter(|c| **c != '…').collect();
        let from_text: String = text[start..start + body.chars().count()].iter().map(|c| if *c == '\n' { ' ' } else { *c }).collect();
        assert_eq!(body, from_text);
    }
    // dated: within the range
    let in_2009 = lines(&ok(&["search", "--db", db_s, "--json", "--from", "2009-01-01", "--to", "2009-12-31", "said"]));
    assert!(!in_2009.is_empty() && in_2009.iter().all(|h| h["published"].as_str().unwrap().starts_with("2009")));

    // entities: a person's mentions are the records' mentions of that name
    let people = lines(&ok(&["entities", "--db", db_s, "--json", "--type", "person", "--q", "Steve Jobs"]));
    let jobs = &people[0];
    assert_eq!(jobs["name"], "Steve Jobs");
    let mentions: usize = records
        .iter()
        .flat_map(|r| r["entities"].as_array().unwrap())
        .filter(|e| e["type"] == "PERSON" && e["name"].as_str().unwrap().ends_with("Jobs"))
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(jobs["mentions"].as_u64().unwrap() as usize, mentions);
    // the timeline adds up to the same mentions
    let t = lines(&ok(&["timeline", "--db", db_s, "--json", "--by", "month", "Steve Jobs"]));
    assert_eq!(t.iter().map(|p| p["mentions"].as_u64().unwrap()).sum::<u64>() as usize, mentions);

    // a table on stdout when not --json
    let table = ok(&["entities", "--db", db_s, "--limit", "3"]);
    assert!(table.starts_with("ENTITY  NAME"), "{table}");
    assert_eq!(table.lines().count(), 4);

    // idempotent: the same inputs again change nothing
    let before = counts(&db);
    let out = run(&["index", "--db", db_s, &samples()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 added, 0 replaced, 125 unchanged"));
    assert_eq!(counts(&db), before);
    // reindex --all: every article extracted again, rows replaced, the same counts
    let out = run(&["reindex", "--db", db_s, "--all"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("125 stored, 0 added, 125 replaced"), "{}", String::from_utf8_lossy(&out.stderr));
    let (mut a, mut b) = (counts(&db), before.clone());
    assert!(a.remove("entities").unwrap() >= b.remove("entities").unwrap());
    assert_eq!(a, b);
    assert_counters(&rusqlite::Connection::open(&db).unwrap());
    assert_eq!(lines(&ok(&["quotes", "--db", db_s, "--json", "--limit", "1000"])).len(), quotes_total);
    // reindex with rules unchanged: nothing to do
    assert!(String::from_utf8_lossy(&run(&["reindex", "--db", db_s]).stderr).contains("125 unchanged"));
}

#[test]
fn reindex_replaces_rows_made_by_other_rules() {
    let dir = tmpdir("reindex");
    let db = dir.join("news.db");
    let db_s = db.to_str().unwrap();
    let gum = format!("{}/gum", samples());
    ok(&["index", "--db", db_s, &gum]);
    let before = counts(&db);
    // rows made by older rules, with a quote the current rules never find
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("UPDATE articles SET rules_version = 'older'; UPDATE quotes SET content = 'stale' WHERE id = 1;").unwrap();
    }
    let out = run(&["reindex", "--db", db_s]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("35 replaced"), "{}", String::from_utf8_lossy(&out.stderr));
    // the same rows; store-wide entities may be linked otherwise, now that
    // every article is known (a surname two people have is no longer theirs)
    let mut after = counts(&db);
    let mut before = before;
    assert!(after.remove("entities").unwrap() >= before.remove("entities").unwrap() - 1);
    assert_eq!(after, before);
    assert_counters(&rusqlite::Connection::open(&db).unwrap());
    assert_eq!(sqlite(&db, "SELECT count(*) FROM quotes WHERE content = 'stale'"), 0);
    assert_eq!(sqlite(&db, "SELECT count(*) FROM articles WHERE rules_version = 'older'"), 0);
}

#[test]
fn bad_input_to_the_store_commands_is_one_clear_line() {
    let dir = tmpdir("bad");
    let db = dir.join("news.db");
    let db_s = db.to_str().unwrap();
    ok(&["index", "--db", db_s, &format!("{}/gum/GUM_news_asylum.txt", samples())]);
    let fails = |args: &[&str], want: &str| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("syntax error") && !err.contains("fts5") && !err.contains("SQL logic") && !err.contains("store error"), "{args:?}: {err}");
    };
    fails(&["search", "--db", db_s, "\"asylum"], "query: the query has an unclosed quotation mark");
    fails(&["search", "--db", db_s, ""], "query: the query has no word to search for");
    fails(&["search", "--db", db_s, "-*:"], "query: the query has no word to search for");
    fails(&["quotes", "--db", db_s, "--from", "yesterday"], "from: \"yesterday\" is not a date");
    fails(&["quotes", "--db", db_s, "--kind", "rumour"], "--kind: \"rumour\" is not direct");
    fails(&["entities", "--db", db_s, "--type", "city"], "--type: \"city\" is not PERSON");
    fails(&["search", "--db", db_s, "--limit", "0", "asylum"], "limit: 0 is not between 1 and 1000");
    fails(&["timeline", "--db", db_s, "--by", "year", "x"], "by: \"year\" is not day, week or month");
    fails(&["timeline", "--db", db_s, "Nobody Atall"], "no person, organisation or place named");
    // FTS5 syntax is only words
    for q in ["NEAR(asylum", "asylum:seekers", "-asylum", "asylum OR", "^asylum", "asylum*"] {
        ok(&["search", "--db", db_s, q]);
        ok(&["quotes", "--db", db_s, "--about", q, "--speaker", q]);
    }
    // stores that are none, or newer, or missing
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database, just a file of plain text that is long enough to have a header").unwrap();
    fails(&["search", "--db", text.to_str().unwrap(), "x"], "is not a newsgraph store (not an SQLite database)");
    fails(&["index", "--db", text.to_str().unwrap(), &samples()], "is not a newsgraph store (not an SQLite database)");
    fails(&["quotes", "--db", dir.join("none.db").to_str().unwrap()], "no store at");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 7).unwrap();
    }
    fails(&["entities", "--db", db_s], "was written by a newer newsgraph (schema version 7");
    // the default path comes from $NEWSGRAPH_DB
    let env_db = dir.join("env.db");
    let out = bin().args(["index", &format!("{}/gum/GUM_news_asylum.txt", samples())]).env("NEWSGRAPH_DB", &env_db).output().unwrap();
    assert!(out.status.success());
    assert_eq!(sqlite(&env_db, "SELECT count(*) FROM articles"), 1);
}

/// A corpus large enough to be killed in the middle of: the samples, each
/// written `copies` times with its own first line (distinct texts).
fn corpus(dir: &Path, copies: usize) -> PathBuf {
    let out = dir.join("corpus");
    std::fs::create_dir_all(&out).unwrap();
    let mut n = 0;
    for sub in ["gum", "meantime"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(&samples()).join(sub)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for c in 0..copies {
                n += 1;
                std::fs::write(out.join(format!("a{n:05}.txt")), format!("Edition {c} of story {n}\n\n{text}")).unwrap();
            }
        }
    }
    out
}

/// The rows of each article, by its record id: entities, mentions,
/// quotes, times, amounts.
fn rows_by_article(db: &Path) -> BTreeMap<String, [i64; 5]> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c.prepare("SELECT id, record_id FROM articles").unwrap();
    let ids: Vec<(i64, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
    let n = |sql: &str, id: i64| c.query_row(sql, [id], |r| r.get::<_, i64>(0)).unwrap();
    ids.into_iter()
        .map(|(id, rid)| {
            let counts = ["article_entities", "mentions", "quotes", "times", "amounts"].map(|t| n(&format!("SELECT count(*) FROM {t} WHERE article_id = ?1"), id));
            (rid, counts)
        })
        .collect()
}

/// The store is sound: it opens, passes the integrity and reference
/// checks, its entities' counts are those of their rows, and every article
/// in it has all its rows: as many as in `clean`, a store the same inputs
/// were indexed into without a kill.
fn assert_sound(db: &Path, clean: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let broken: i64 = c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "rows that point to nothing");
    assert_counters(&c);
    let (got, want) = (rows_by_article(db), rows_by_article(clean));
    for (rid, counts) in &got {
        assert_eq!(Some(counts), want.get(rid), "the rows of {rid}");
    }
}

/// Each store-wide entity's counts are those of the rows that name it.
fn assert_counters(c: &rusqlite::Connection) {
    let wrong: i64 = c
        .query_row(
            "SELECT count(*) FROM entities e WHERE e.mentions <> (SELECT coalesce(sum(mentions), 0) FROM article_entities WHERE entity_id = e.id)
             OR e.articles <> (SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = e.id)
             OR e.quotes <> (SELECT count(*) FROM quotes WHERE speaker_entity_id = e.id)
             OR e.articles <= 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0, "entities whose counts are not their rows'");
}

/// Articles committed so far in a store another process is writing.
fn committed(db: &Path) -> i64 {
    let Ok(c) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else { return 0 };
    c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn a_killed_index_leaves_a_sound_store_that_a_rerun_completes() {
    let dir = tmpdir("kill");
    let corpus = corpus(&dir, 16); // 2,000 articles
    let clean = dir.join("clean.db");
    ok(&["index", "--db", clean.to_str().unwrap(), corpus.to_str().unwrap()]);
    let want = counts(&clean);
    assert_eq!(want["articles"], 2000);
    let mut mid_way = 0;
    // killed before its first commit, right after it, and later on
    for (i, after_commit) in [None, Some(0u64), Some(20), Some(60), Some(150), Some(300)].into_iter().enumerate() {
        let db = dir.join(format!("killed{i}.db"));
        let mut child = bin().args(["index", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        match after_commit {
            None => std::thread::sleep(Duration::from_millis(30)),
            Some(ms) => {
                let start = std::time::Instant::now();
                while committed(&db) == 0 && start.elapsed() < Duration::from_secs(60) {
                    std::thread::sleep(Duration::from_millis(2));
                }
                std::thread::sleep(Duration::from_millis(ms));
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if db.exists() {
            // every article committed before the kill, with all its rows
            assert_sound(&db, &clean);
            let n = sqlite(&db, "SELECT count(*) FROM articles");
            mid_way += (n > 0 && n < 2000) as usize;
        }
        // the same command again completes the rest
        ok(&["index", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);
        assert_sound(&db, &clean);
        assert_eq!(counts(&db), want, "after kill {i} and a rerun");
    }
    assert!(mid_way >= 2, "only {mid_way} kills came between two commits");
}

#[test]
fn two_writers_at_once_corrupt_nothing() {
    let dir = tmpdir("two");
    let corpus = corpus(&dir, 4);
    let db = dir.join("both.db");
    let spawn = || bin().args(["index", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success(), "{}\n{}", String::from_utf8_lossy(&a.stderr), String::from_utf8_lossy(&b.stderr));
    let alone = dir.join("alone.db");
    ok(&["index", "--db", alone.to_str().unwrap(), corpus.to_str().unwrap()]);
    assert_sound(&db, &alone);
    let (both, one) = (counts(&db), counts(&alone));
    assert_eq!(both["articles"], one["articles"]);
    assert_eq!(both["quotes"], one["quotes"]);
    assert_eq!(both["mentions"], one["mentions"]);
}
