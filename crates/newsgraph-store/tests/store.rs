//! The store on records written for these tests: what is stored reads back
//! as it was, the queries find it, people are linked across articles by the
//! rules of `link.rs`, an article is stored once, and bad input to the store
//! or its queries is a clear one-line error.

use newsgraph_record::*;
use newsgraph_store::{DateRange, Mode, Outcome, Page, Period, Prepared, Put, QuoteFilter, SearchFilter, Store, StoreError};
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("test.db")
}

/// The character span of the `n`-th occurrence of `s` in `text`.
fn span(text: &str, s: &str, n: usize) -> (usize, usize) {
    let b = text.match_indices(s).nth(n).unwrap_or_else(|| panic!("{s:?} not in {text:?}")).0;
    let start = text[..b].chars().count();
    (start, start + s.chars().count())
}

/// A record: entities as (name, type, the texts of its mentions), quotes as
/// (content, the entity name that speaks it).
fn rec(id: &str, published: Option<&str>, text: &str, entities: &[(&str, EntityType, &[&str])], quotes: &[(&str, Option<&str>)]) -> Record {
    let ents: Vec<EntityRec> = entities
        .iter()
        .enumerate()
        .map(|(i, (name, kind, ms))| EntityRec {
            id: format!("e{}", i + 1),
            name: name.to_string(),
            kind: *kind,
            title: (*kind == EntityType::Person).then(|| "President".to_string()),
            actor: None,
            mentions: ms
                .iter()
                .map(|m| {
                    let (start, end) = span(text, m, 0);
                    MentionRec { text: m.to_string(), start, end, kind: MentionKind::Name }
                })
                .collect(),
        })
        .collect();
    let qs = quotes
        .iter()
        .map(|(content, who)| {
            let (start, end) = span(text, content, 0);
            let speaker = who.map(|w| {
                let e = ents.iter().find(|e| e.name == w).expect("the speaker is an entity");
                let m = &e.mentions[0];
                SpeakerRec { text: m.text.clone(), start: m.start, end: m.end, entity: Some(e.id.clone()), name: Some(e.name.clone()) }
            });
            QuoteRec {
                kind: QuoteKind::Direct,
                content: content.to_string(),
                start,
                end,
                speaker,
                cue: None,
                addressee: None,
                confidence: 0.9,
                pattern: Attribution::Post,
                flag: None,
            }
        })
        .collect();
    Record {
        id: id.into(),
        source: format!("{id}.txt"),
        title: Some(format!("Story {id}")),
        published: published.map(str::to_string),
        text: text.into(),
        entities: ents,
        quotes: qs,
        ..Default::default()
    }
}

fn put_all(store: &mut Store, recs: &[Record], rules: &str) -> Vec<Outcome> {
    let prepared: Vec<Prepared> = recs.iter().map(|r| Prepared::new(r.clone(), "{}")).collect();
    let puts: Vec<Put> = prepared.iter().map(|p| Put { prepared: p, rules_version: rules, replace: false }).collect();
    store.write_batch(&puts).unwrap().items.iter().map(|i| i.0).collect()
}

fn corpus() -> Vec<Record> {
    use EntityType::*;
    vec![
        rec(
            "a1",
            Some("2025-02-10"),
            "Vladimir Putin met officials in Moscow. “NATO is a threat,” Putin said.",
            &[("Vladimir Putin", Person, &["Vladimir Putin", "Putin said"]), ("NATO", Org, &["NATO"]), ("Moscow", Gpe, &["Moscow"])],
            &[("NATO is a threat,", Some("Vladimir Putin"))],
        ),
        rec(
            "a2",
            Some("2025-02-20"),
            "Putin spoke again. “The talks will go on,” Putin said of the peace talks.",
            &[("Putin", Person, &["Putin"])],
            &[("The talks will go on,", Some("Putin"))],
        ),
        rec(
            "a3",
            Some("2025-03-05"),
            "Joe Biden and Hunter Biden travelled. “We are proud,” Joe Biden said in Kyiv.",
            &[("Joe Biden", Person, &["Joe Biden"]), ("Hunter Biden", Person, &["Hunter Biden"]), ("Kyiv", Gpe, &["Kyiv"])],
            &[("We are proud,", Some("Joe Biden"))],
        ),
        rec("a4", None, "Biden said nothing about the budget.", &[("Biden", Person, &["Biden"])], &[]),
        rec(
            "a5",
            Some("2024-12-31"),
            "António Guterres warned of a crisis. “This cannot go on,” Antonio Guterres said.",
            &[("António Guterres", Person, &["António Guterres"])],
            &[("This cannot go on,", Some("António Guterres"))],
        ),
    ]
}

#[test]
fn records_read_back_and_queries_find_them() {
    let path = tmp("queries");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let recs = corpus();
    assert_eq!(put_all(&mut s, &recs, "r1"), vec![Outcome::Added; 5]);
    // the full record, byte for byte
    let back = s.record(1).unwrap().unwrap();
    assert_eq!(back.to_json(), recs[0].to_json());

    // search: newest first, dates as filters, snippets point into the text
    let hits = s.search(&SearchFilter { query: Some("talks".into()), dates: DateRange::default(), source: None }, Page::default()).unwrap();
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a2"]);
    let hits = s.search(&SearchFilter { query: Some("said".into()), dates: DateRange::default(), source: None }, Page::default()).unwrap();
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a3", "a2", "a1", "a5", "a4"], "newest first, the undated last");
    let feb = DateRange::parse(Some("2025-02"), Some("2025-02")).unwrap();
    let hits = s.search(&SearchFilter { query: Some("said".into()), dates: feb, source: None }, Page::default()).unwrap();
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a2", "a1"]);
    let page2 = s.search(&SearchFilter { query: Some("said".into()), dates: DateRange::default(), source: None }, Page::new(2, 2).unwrap()).unwrap();
    assert_eq!(page2.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a1", "a5"]);
    let h = &s.search(&SearchFilter { query: Some("guterres".into()), dates: DateRange::default(), source: None }, Page::default()).unwrap()[0];
    let chars: Vec<char> = h.snippet.chars().collect();
    assert!(h.highlights.iter().all(|&(a, b)| chars[a..b].iter().collect::<String>().to_lowercase().contains("guterres")), "{h:?}");

    // quotes by speaker: "Putin" in a2 and "Vladimir Putin" in a1 are one person
    let q = s.quotes(&QuoteFilter { speaker: Some("Putin".into()), ..Default::default() }, Page::default()).unwrap();
    assert_eq!(q.iter().map(|q| (q.id.as_str(), q.speaker.as_deref())).collect::<Vec<_>>(), [("a2", Some("Vladimir Putin")), ("a1", Some("Vladimir Putin"))]);
    assert_eq!(q[0].start, span(&recs[1].text, "The talks will go on,", 0).0 as i64);
    // about: the quote's words, or an entity it mentions
    let q = s.quotes(&QuoteFilter { about: Some("nato".into()), ..Default::default() }, Page::default()).unwrap();
    assert_eq!(q.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["a1"]);
    let q = s.quotes(&QuoteFilter { speaker: Some("Putin".into()), about: Some("talks".into()), ..Default::default() }, Page::default()).unwrap();
    assert_eq!(q.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["a2"]);
    let q = s.quotes(&QuoteFilter { speaker: Some("Putin".into()), dates: DateRange::parse(None, Some("2025-02-15")).unwrap(), ..Default::default() }, Page::default()).unwrap();
    assert_eq!(q.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["a1"]);
    let q = s.quotes(&QuoteFilter { kind: Some(QuoteKind::Indirect), ..Default::default() }, Page::default()).unwrap();
    assert!(q.is_empty());

    // entities, most mentioned first, with titles
    let e = s.entities(Some(EntityType::Person), None, Page::default()).unwrap();
    assert_eq!(e[0].name, "Vladimir Putin");
    assert_eq!((e[0].mentions, e[0].articles, e[0].quotes), (3, 2, 2));
    assert_eq!(e[0].titles[0].title, "President");
    assert_eq!((e[0].first_seen.as_deref(), e[0].last_seen.as_deref()), (Some("2025-02-10"), Some("2025-02-20")));
    let found = s.entities(None, Some("guter"), Page::default()).unwrap();
    assert_eq!(found.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["António Guterres"]);

    // timeline of one entity, newest first
    let putin = s.entity_named("Putin").unwrap().unwrap();
    let t = s.timeline(putin.entity, Period::Month, Page::default()).unwrap();
    assert_eq!(t.iter().map(|p| (p.period.as_str(), p.mentions, p.quotes)).collect::<Vec<_>>(), [("2025-02", 3, 2)]);
    let t = s.timeline(putin.entity, Period::Day, Page::default()).unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn articles_without_words_from_a_source_and_within_dates() {
    let path = tmp("browse");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let mut recs = corpus();
    recs[0].url = Some("https://www.example.org/world/a1".into());
    recs[1].site_name = Some("The Example".into());
    recs[2].url = Some("https://news.other.net/a3".into());
    put_all(&mut s, &recs, "r1");
    let ids = |f: SearchFilter| s.search(&f, Page::default()).unwrap().iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    // no words: every article, newest first, the undated last
    assert_eq!(ids(SearchFilter::default()), ["a3", "a2", "a1", "a5", "a4"]);
    assert_eq!(ids(SearchFilter { dates: DateRange::parse(Some("2025"), None).unwrap(), ..Default::default() }), ["a3", "a2", "a1"]);
    // a host matches its subdomains, a site by name whatever its case, an input by its name
    assert_eq!(ids(SearchFilter { source: Some("example.org".into()), ..Default::default() }), ["a1"]);
    assert_eq!(ids(SearchFilter { source: Some("the example".into()), ..Default::default() }), ["a2"]);
    assert_eq!(ids(SearchFilter { source: Some("a5.txt".into()), ..Default::default() }), ["a5"]);
    assert!(ids(SearchFilter { source: Some("ample.org".into()), ..Default::default() }).is_empty(), "a host is matched whole");
    assert!(ids(SearchFilter { source: Some("%".into()), ..Default::default() }).is_empty(), "LIKE's wildcards are text");
    assert_eq!(ids(SearchFilter { query: Some("said".into()), source: Some("other.net".into()), ..Default::default() }), ["a3"]);
    // without words a hit's snippet is the text's beginning, with nothing highlighted
    let h = &s.search(&SearchFilter::default(), Page::new(1, 0).unwrap()).unwrap()[0];
    assert!(recs[2].text.starts_with(h.snippet.trim_end_matches('…')) && h.highlights.is_empty(), "{h:?}");
    assert!(s.search(&SearchFilter { source: Some("  ".into()), ..Default::default() }, Page::default()).is_err());
}

#[test]
fn an_entity_page_knows_its_company() {
    let path = tmp("detail");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let recs = corpus();
    put_all(&mut s, &recs, "r1");
    let putin = s.entity_named("Vladimir Putin").unwrap().unwrap();
    let d = s.entity_detail(putin.entity).unwrap().unwrap();
    assert_eq!(d.entity.name, "Vladimir Putin");
    let names = |r: &[newsgraph_store::Related]| r.iter().map(|r| (r.name.clone(), r.count)).collect::<Vec<_>>();
    // named with NATO and Moscow in a1 (a2 names Putin alone)
    let mut with = names(&d.mentioned_with);
    with.sort();
    assert_eq!(with, [("Moscow".to_string(), 1), ("NATO".to_string(), 1)]);
    // his quote in a1 names NATO; nobody else is quoted where he is
    assert_eq!(names(&d.speaks_about), [("NATO".to_string(), 1)]);
    assert!(d.quoted_with.is_empty());
    assert!(s.entity_detail(99_999).unwrap().is_none());
    // the article's entities point to the store-wide ones
    let links = s.article_entity_links(1).unwrap();
    assert_eq!(links.iter().find(|(l, _)| l == "e1").map(|l| l.1), Some(putin.entity));
    assert_eq!(links.len(), 3);
    // quotes by an entity's id
    let q = s.quotes(&QuoteFilter { speaker_entity: Some(putin.entity), ..Default::default() }, Page::default()).unwrap();
    assert_eq!(q.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["a2", "a1"]);
}

#[test]
fn a_query_past_its_deadline_gives_up_clearly() {
    let path = tmp("deadline");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    // enough articles that a search takes more than a few thousand steps
    let many: Vec<Record> = (0..400)
        .map(|i| {
            let mut r = corpus()[i % 5].clone();
            r.id = format!("m{i}");
            r.text = format!("{} Number {i} said so.", r.text);
            r
        })
        .collect();
    put_all(&mut s, &many, "r1");
    s.set_deadline(Some(std::time::Instant::now())).unwrap();
    // a source no article has: every row is looked at
    let e = s.search(&SearchFilter { source: Some("nowhere.example".into()), ..Default::default() }, Page::default()).unwrap_err();
    assert!(matches!(e, StoreError::TooLong), "{e}");
    assert!(e.to_string().starts_with("the query took longer than it may"));
    s.set_deadline(None).unwrap();
    assert_eq!(s.search(&SearchFilter { query: Some("said".into()), ..Default::default() }, Page::default()).unwrap().len(), 20);
}

#[test]
fn people_who_share_only_a_surname_are_never_one() {
    let path = tmp("surnames");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    put_all(&mut s, &corpus(), "r1");
    let people = s.entities(Some(EntityType::Person), None, Page::default()).unwrap();
    let names: Vec<&str> = people.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Joe Biden") && names.contains(&"Hunter Biden"), "{names:?}");
    // "Biden" alone (a4) is neither of them
    let biden = people.iter().find(|e| e.name == "Biden").expect("a bare surname of its own");
    assert_eq!(biden.articles, 1);
    // accents do not split a person: "António Guterres" and "Antonio Guterres"
    assert_eq!(people.iter().filter(|e| e.name.contains("Guterres")).count(), 1);
    // a full name takes in the surname-only entity seen first
    let mut s2 = Store::open(&tmp("surname-first"), Mode::Write).unwrap();
    let recs = corpus();
    put_all(&mut s2, &recs[1..2], "r1");
    assert_eq!(s2.entity_named("Putin").unwrap().unwrap().name, "Putin");
    put_all(&mut s2, &recs[0..1], "r1");
    let p = s2.entity_named("Putin").unwrap().unwrap();
    assert_eq!((p.name.as_str(), p.articles), ("Vladimir Putin", 2));
}

#[test]
fn an_article_is_stored_once_and_replaced_by_newer_rules() {
    let path = tmp("idempotent");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let recs = corpus();
    put_all(&mut s, &recs, "r1");
    let before = s.counts().unwrap();
    assert_eq!(put_all(&mut s, &recs, "r1"), vec![Outcome::Unchanged; 5]);
    assert_eq!(s.counts().unwrap(), before);
    // newer rules: the same rows again, under the same article ids
    let mut changed = recs.clone();
    changed[0].entities[0].title = Some("Russian President".into());
    assert_eq!(put_all(&mut s, &changed, "r2"), vec![Outcome::Replaced; 5]);
    assert_eq!(s.counts().unwrap(), before);
    assert_eq!(s.record(1).unwrap().unwrap().entities[0].title.as_deref(), Some("Russian President"));
    let putin = s.entity_named("Putin").unwrap().unwrap();
    assert_eq!((putin.mentions, putin.articles, putin.quotes), (3, 2, 2), "counts are not added twice");
    let titles: Vec<&str> = putin.titles.iter().map(|t| t.title.as_str()).collect();
    assert!(titles.contains(&"Russian President"), "{titles:?}");
    assert_eq!(s.rules_version(1).unwrap().as_deref(), Some("r2"));
    // a canonical URL identifies the article across different texts
    let mut page = recs[3].clone();
    page.canonical_url = Some("https://example.org/budget".into());
    put_all(&mut s, std::slice::from_ref(&page), "r2");
    page.text = "Biden said nothing about the budget, again.".into();
    assert_eq!(put_all(&mut s, std::slice::from_ref(&page), "r2"), vec![Outcome::Replaced]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn near_duplicates_are_found_across_batches() {
    let path = tmp("dups");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let story = "Foreign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said, after months of talks that had stalled over prisoners and the future of the disputed border region.";
    let a = rec("agency", Some("2025-02-01"), story, &[], &[]);
    put_all(&mut s, &[a], "r1");
    let b = rec("paper", Some("2025-02-02"), &story.replace("officials said", "officials told reporters"), &[], &[]);
    let c = rec("other", Some("2025-02-02"), "The weather was fine in Lisbon on Monday, forecasters said.", &[], &[]);
    let (b, c) = (Prepared::new(b, "{}"), Prepared::new(c, "{}"));
    let puts = [Put { prepared: &b, rules_version: "r1", replace: false }, Put { prepared: &c, rules_version: "r1", replace: false }];
    let w = s.write_batch(&puts).unwrap();
    assert_eq!(w.items[0].2.as_deref(), Some("agency"));
    assert_eq!(w.items[1].2, None);
    assert_eq!(s.record(2).unwrap().unwrap().duplicate_of.as_deref(), Some("agency"));
}

#[test]
fn near_duplicates_survive_a_kill_and_a_flush_of_the_index() {
    let path = tmp("dups-kill");
    let story = "Foreign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said, after months of talks that had stalled over prisoners and the future of the disputed border region.";
    let copy = |id: &str, n: usize| rec(id, Some("2025-02-02"), &format!("{}{}", story.replace("officials said", "officials told reporters"), " Again.".repeat(n)), &[], &[]);
    {
        let mut s = Store::open(&path, Mode::Write).unwrap();
        put_all(&mut s, &[rec("agency", Some("2025-02-01"), story, &[], &[])], "r1");
        // killed: the rows kept in memory are never written
        std::mem::forget(s);
    }
    let mut s = Store::open(&path, Mode::Write).unwrap();
    let prepared = Prepared::new(copy("paper", 1), "{}");
    let w = s.write_batch(&[Put { prepared: &prepared, rules_version: "r1", replace: false }]).unwrap();
    assert_eq!(w.items[0].2.as_deref(), Some("agency"), "the index rebuilt from the signatures");
    s.flush_bands().unwrap();
    let prepared = Prepared::new(copy("third", 2), "{}");
    let w = s.write_batch(&[Put { prepared: &prepared, rules_version: "r1", replace: false }]).unwrap();
    assert_eq!(w.items[0].2.as_deref(), Some("agency"), "the index read from its table");
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let rows: i64 = c.query_row("SELECT count(*) FROM article_bands", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 3 * 32, "the last article's rows written when the store closed");
}

#[test]
fn bad_input_to_the_store_and_its_queries_is_a_clear_error() {
    let path = tmp("bad");
    let mut s = Store::open(&path, Mode::Write).unwrap();
    put_all(&mut s, &corpus(), "r1");
    for q in ["\"", "*", "-", ":", "  ", "()"] {
        let e = s.search(&SearchFilter { query: Some(q.into()), dates: DateRange::default(), source: None }, Page::default()).unwrap_err().to_string();
        assert!(e.starts_with("query: the query has"), "{q:?}: {e}");
    }
    // syntax characters among words are words' separators, not FTS5 syntax
    for q in ["putin NEAR(nato", "-putin", "putin:nato", "col:putin", "putin AND OR NOT"] {
        s.search(&SearchFilter { query: Some(q.into()), dates: DateRange::default(), source: None }, Page::default()).unwrap_or_else(|e| panic!("{q:?}: {e}"));
        s.quotes(&QuoteFilter { about: Some(q.into()), speaker: Some(q.into()), ..Default::default() }, Page::default()).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    // a speaker's name with SQL LIKE characters
    assert!(s.quotes(&QuoteFilter { speaker: Some("100%_ \\".into()), ..Default::default() }, Page::default()).unwrap().is_empty());
    let e = DateRange::parse(Some("last week"), None).unwrap_err().to_string();
    assert_eq!(e, "from: \"last week\" is not a date (want YYYY-MM-DD, YYYY-MM or YYYY)");
    drop(s);

    // a file that is not a store, an empty one, a missing one, a newer one
    let dir = path.parent().unwrap();
    let text = dir.join("notes.txt");
    std::fs::write(&text, "this is not a database, it is a text file of some length, longer than a header").unwrap();
    let msg = |r: Result<Store, StoreError>| r.err().expect("an error").to_string();
    assert_eq!(msg(Store::open(&text, Mode::Read)), format!("{} is not a newsgraph store (not an SQLite database)", text.display()));
    let missing = dir.join("missing.db");
    assert!(msg(Store::open(&missing, Mode::Read)).starts_with(&format!("no store at {}", missing.display())));
    let other = dir.join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x)").unwrap();
    }
    assert!(msg(Store::open(&other, Mode::Write)).ends_with("is not a newsgraph store (an SQLite database without newsgraph's tables)"));
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let newer = format!("was written by a newer newsgraph (schema version 99; this one reads up to {})", newsgraph_store::schema::VERSION);
    assert!(msg(Store::open(&path, Mode::Read)).ends_with(&newer));
    assert!(msg(Store::open(dir, Mode::Read)).ends_with("is not a newsgraph store (a directory)"));
}

mod any_text {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        /// Whatever a user types, a query gives results or a parameter
        /// error: never an SQL or FTS5 error, never a panic.
        #[test]
        fn any_query_is_results_or_a_parameter_error(q in "(\\PC|[\"*():^+-]|NEAR|OR|AND|NOT| ){0,40}") {
            let path = tmp("any");
            let mut s = Store::open(&path, Mode::Write).unwrap();
            put_all(&mut s, &corpus()[..2], "r1");
            let check = |r: Result<usize, StoreError>| match r {
                Ok(_) | Err(StoreError::Parameter { .. }) => Ok(()),
                Err(e) => Err(TestCaseError::fail(format!("{q:?}: {e}"))),
            };
            check(s.search(&SearchFilter { query: Some(q.clone()), dates: DateRange::default(), source: None }, Page::default()).map(|h| h.len()))?;
            check(s.quotes(&QuoteFilter { about: Some(q.clone()), ..Default::default() }, Page::default()).map(|h| h.len()))?;
            check(s.quotes(&QuoteFilter { speaker: Some(q.clone()), about: Some(q.clone()), ..Default::default() }, Page::default()).map(|h| h.len()))?;
            check(s.entities(None, Some(&q), Page::default()).map(|h| h.len()))?;
        }
    }
}
