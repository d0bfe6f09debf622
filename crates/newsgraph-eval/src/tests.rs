//! Hand-made gold and system documents with the figures score_spans.py gives
//! on them. With NEWSGRAPH_EVAL_DUMP=DIR set, each test also writes its gold
//! and system files there (DIR/NAME.gold.jsonl, DIR/NAME.sys.jsonl) so that
//! the figures can be checked against the Python scorer.

use serde_json::{json, Value};

use super::*;

/// [start, end] of the `nth` occurrence of `needle` in `text`, in characters.
fn at(text: &str, needle: &str, nth: usize) -> Value {
    let (b, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let s = text[..b].chars().count();
    json!([s, s + needle.chars().count()])
}

fn sp(text: &str, needle: &str) -> Value {
    at(text, needle, 0)
}

/// A system span object {text, start, end} for the first occurrence of `needle`.
fn obj(text: &str, needle: &str) -> Value {
    let s = sp(text, needle);
    json!({"text": needle, "start": s[0], "end": s[1]})
}

fn run(name: &str, golds: &[Value], recs: &[Value], task: Task) -> Metrics {
    if let Some(dir) = std::env::var_os("NEWSGRAPH_EVAL_DUMP") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        let lines = |v: &[Value]| v.iter().map(|x| x.to_string() + "\n").collect::<String>();
        std::fs::write(dir.join(format!("{name}.gold.jsonl")), lines(golds)).unwrap();
        std::fs::write(dir.join(format!("{name}.sys.jsonl")), lines(recs)).unwrap();
        let m = score(golds, recs, task);
        std::fs::write(
            dir.join(format!("{name}.{task}.rs.json")),
            serde_json::to_string(&m).unwrap(),
        )
        .unwrap();
        return m;
    }
    score(golds, recs, task)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[track_caller]
fn check(m: &Prf, p: f64, r: f64, n_sys: u64, n_gold: u64) {
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    assert!(
        close(m.p, p) && close(m.r, r) && close(m.f, f) && m.n_sys == n_sys && m.n_gold == n_gold,
        "got {m:?}, want p={p} r={r} n_sys={n_sys} n_gold={n_gold}"
    );
}

// ---------------------------------------------------------------------------
// quotes

const GUM_TEXT: &str =
    "The mayor said \"the bridge will open in May.\" Critics called it \"a waste of money\". \
                        \"We will appeal,\" a lawyer said.";

fn gum_quotes_gold() -> Value {
    let t = GUM_TEXT;
    json!({"id": "gq", "corpus": "gum", "text": t, "layers": ["quotes_direct"],
           "quotes": [
               {"kind": "direct", "content": [sp(t, "the bridge will open in May.")], "speaker": null, "cue": null},
               {"kind": "mixed", "content": [sp(t, "a waste of money")], "speaker": null, "cue": null},
               {"kind": "direct", "content": [sp(t, "We will appeal,")], "speaker": null, "cue": null,
                "optional": true}]})
}

#[test]
fn direct_quotes_with_ignored_and_optional_items() {
    let t = GUM_TEXT;
    let q = |kind: &str, content: &str| {
        let s = sp(t, content);
        json!({"kind": kind, "content": content, "start": s[0], "end": s[1], "speaker": null, "cue": null})
    };
    let rec = json!({"id": "gq", "text": t, "quotes": [
        q("direct", "the bridge will open in May."),
        q("partial", "a waste of money"),   // matches the mixed gold quote: ignored in the direct view
        q("direct", "We will appeal"),      // matches only an optional quote: ignored
        q("headline", "The mayor said"),    // spurious
        q("indirect", "Critics called it"), // not a quotation-mark quote
    ]});
    let m = run("direct_quotes", &[gum_quotes_gold()], &[rec], Task::All);
    let d = m.quotes_direct.as_ref().unwrap();
    check(&d.match_, 0.5, 1.0, 2, 1);
    // tokens: gold "the bridge will open in May" (6); system adds "The mayor said" (3)
    check(&d.tok, 6.0 / 9.0, 1.0, 9, 6);
    check(&d.exact, 0.5, 1.0, 2, 1);
    assert_eq!((d.spk, d.cue, d.e2e), (None, None, None));
    assert!(m.quotes_all.is_none() && m.entities.is_none());
    assert_eq!(
        m.report(),
        "quotes[direct] match  P=0.500 R=1.000 F1=0.667 (sys 2, gold 1)\n\
         quotes[direct] tokens P=0.667 R=1.000 F1=0.800 (sys 9, gold 6)\n\
         quotes[direct] exact  P=0.500 R=1.000 F1=0.667 (sys 2, gold 1)\n\
         SUMMARY docs=1 missing=0 | quotes-direct match F1=0.667 tok F1=0.800 exact F1=0.667\n"
    );
}

const POLNEAR_TEXT: &str = "Smith said: \"The plan will fail.\"\nShe added that costs would rise, \
                            and Jones thinks the plan is \"fine\".";

fn polnear_gold(t: &str) -> Value {
    json!({"id": "pn1", "corpus": "polnear", "text": t, "layers": ["quotes"],
           "quotes": [
               {"kind": "direct", "content": [sp(t, "The plan will fail.")], "speaker": sp(t, "Smith"),
                "cue": sp(t, "said")},
               {"kind": "indirect", "content": [sp(t, "costs would rise")], "speaker": sp(t, "She"),
                "cue": sp(t, "added")},
               {"kind": "mixed", "content": [sp(t, "the plan is \"fine\"")], "speaker": sp(t, "Jones"),
                "cue": sp(t, "thinks")}]})
}

/// System quotes for POLNEAR_TEXT laid out as `t` (offsets into `t`).
fn polnear_record(t: &str) -> Value {
    let q = |kind: &str, content: &str, speaker: Value, cue: Value| {
        let s = sp(t, content);
        json!({"kind": kind, "content": content, "start": s[0], "end": s[1], "speaker": speaker, "cue": cue})
    };
    json!({"id": "pn1", "text": t, "quotes": [
        q("direct", "The plan will fail.", json!("Smith"), obj(t, "said")),
        q("indirect", "that costs would rise", json!({"text": "Jones"}), obj(t, "added")), // wrong speaker
        q("partial", "fine", obj(t, "Jones"), Value::Null),                                  // no cue
        q("indirect", "Smith said", Value::Null, Value::Null),                              // spurious
    ]})
}

#[track_caller]
fn check_polnear(m: &Metrics) {
    let d = m.quotes_direct.as_ref().unwrap();
    // direct view: only the direct gold quote is required; "fine" matches the mixed one and is ignored
    check(&d.match_, 1.0, 1.0, 1, 1);
    check(&d.tok, 1.0, 1.0, 4, 4);
    check(&d.exact, 1.0, 1.0, 1, 1);
    assert_eq!((d.spk, d.cue), (Some(1.0), Some(1.0)));
    check(d.e2e.as_ref().unwrap(), 1.0, 1.0, 1, 1);
    let a = m.quotes_all.as_ref().unwrap();
    check(&a.match_, 0.75, 1.0, 4, 3);
    check(&a.tok, 8.0 / 11.0, 8.0 / 11.0, 11, 11);
    check(&a.exact, 0.25, 1.0 / 3.0, 4, 3);
    assert!(close(a.spk.unwrap(), 2.0 / 3.0) && close(a.cue.unwrap(), 2.0 / 3.0));
    check(a.e2e.as_ref().unwrap(), 0.5, 2.0 / 3.0, 4, 3);
}

#[test]
fn polnear_speakers_and_cues() {
    let m = run(
        "polnear",
        &[polnear_gold(POLNEAR_TEXT)],
        &[polnear_record(POLNEAR_TEXT)],
        Task::Quotes,
    );
    check_polnear(&m);
    assert_eq!(m.text_differs, 0);
    let report = m.report();
    assert!(report.contains(
        "quotes[all] speaker acc=0.667 cue acc=0.667  e2e P=0.500 R=0.667 F1=0.571 (sys 4, gold 3)\n"
    ));
    assert!(report.ends_with(
        "SUMMARY docs=1 missing=0 | quotes-direct match F1=1.000 tok F1=1.000 exact F1=1.000 spk=1.000 \
         cue=1.000 e2e F1=1.000 | quotes-all match F1=0.857 tok F1=0.727 exact F1=0.286 spk=0.667 \
         cue=0.667 e2e F1=0.571\n"
    ));
}

#[test]
fn whitespace_layout_is_aligned() {
    // the same record on a text with other white space: the same figures
    let relaid = POLNEAR_TEXT
        .replace('\n', "\n  ")
        .replace(" added", "   added")
        + "\n";
    let m = run(
        "polnear_ws",
        &[polnear_gold(POLNEAR_TEXT)],
        &[polnear_record(&relaid)],
        Task::Quotes,
    );
    check_polnear(&m);
    assert_eq!(m.text_differs, 1);
    assert!(m.report().ends_with("| text-differs=1\n"));
}

#[test]
fn changed_characters_are_aligned() {
    // curly quotation marks and a dropped character: difflib's alignment
    let changed = POLNEAR_TEXT
        .replace(": \"", ": “")
        .replace(".\"", ".”")
        .replace("thinks", "think");
    let m = run(
        "polnear_diff",
        &[polnear_gold(POLNEAR_TEXT)],
        &[polnear_record(&changed)],
        Task::Quotes,
    );
    check_polnear(&m);
    assert_eq!(m.text_differs, 1);
}

#[test]
fn equal_keys_keep_their_order() {
    // two system quotes tie on every key: the first one is matched (Python's stable sort)
    let t = "Lee said \"rates will rise\".";
    let gold = json!({"id": "tie", "text": t, "layers": ["quotes"], "quotes": [
        {"kind": "direct", "content": [sp(t, "rates will rise")], "speaker": sp(t, "Lee"), "cue": sp(t, "said")}]});
    let q = |cue: Value| {
        json!({"kind": "direct", "content": "rates will rise", "start": 10, "end": 25,
               "speaker": obj(t, "Lee"), "cue": cue})
    };
    let m = run(
        "tie_a",
        std::slice::from_ref(&gold),
        &[json!({"id": "tie", "text": t, "quotes": [q(Value::Null), q(obj(t, "said"))]})],
        Task::Quotes,
    );
    assert_eq!(m.quotes_all.as_ref().unwrap().cue, Some(0.0));
    let m = run(
        "tie_b",
        &[gold],
        &[json!({"id": "tie", "text": t, "quotes": [q(obj(t, "said")), q(Value::Null)]})],
        Task::Quotes,
    );
    assert_eq!(m.quotes_all.as_ref().unwrap().cue, Some(1.0));
}

// ---------------------------------------------------------------------------
// entities

const ENT_TEXT: &str =
    "Angela Merkel met officials of the European Union in Brussels on Monday. She said the \
                        talks with Acme Corp. went well, and the US and the iPhone were mentioned.";

#[test]
fn entities_typed_untyped_and_skipped() {
    let t = ENT_TEXT;
    let e = |needle: &str, typ: &str| {
        let s = sp(t, needle);
        json!({"start": s[0], "end": s[1], "type": typ})
    };
    let mut opt = e("Merkel", "PERSON");
    opt["optional"] = json!(true);
    let gold = json!({"id": "ent", "text": t, "layers": ["entities"], "entities": [
        e("Angela Merkel", "PERSON"), e("European Union", "ORG"), e("Brussels", "LOC"),
        e("Acme Corp.", "ORG"), e("US", "LOC"), e("iPhone", "MISC"), opt]});
    let ent = |typ: &str, mentions: &[&str]| json!({"type": typ, "mentions": mentions.iter().map(|m| obj(t, m)).collect::<Vec<_>>()});
    let rec = json!({"id": "ent", "text": t, "entities": [
        ent("PERSON", &["Angela Merkel", "She", "Merkel"]), // "She": a pronoun; "Merkel": only optional
        ent("GPE", &["European Union"]),                   // right span, wrong family
        ent("GPE", &["Brussels", "US"]),                   // GPE is LOC
        ent("ORG", &["Acme Corp", "the talks"]),           // span one short; a description
        ent("PRODUCT", &["iPhone"]),                       // any other type is MISC
        ent("NORP", &["officials"]),                       // lower case: not a name
        {"start": sp(t, "Monday")[0], "end": sp(t, "Monday")[1], "type": "DATE"}, // a bare mention
        {"type": "ORG", "mentions": [{"text": "Globex"}]}, // not in the text
    ]});
    let m = run("entities", &[gold], &[rec], Task::All);
    let e = m.entities.as_ref().unwrap();
    check(&e.typed, 4.0 / 7.0, 4.0 / 6.0, 7, 6);
    check(&e.untyped, 5.0 / 7.0, 5.0 / 6.0, 7, 6);
    check(&e.PERSON, 1.0, 1.0, 1, 1);
    check(&e.ORG, 0.0, 0.0, 1, 2);
    check(&e.LOC, 2.0 / 3.0, 1.0, 3, 2);
    check(&e.MISC, 0.5, 1.0, 2, 1);
    assert_eq!(e.skipped_mentions, 3);
    assert_eq!(m.unlocated, 1);
    let report = m.report();
    assert!(
        report.contains("entities ORG     P=0.000 R=0.000 F1=0.000 (sys 1, gold 2)\n"),
        "{report}"
    );
    assert!(report.contains("entities: 3 system mentions skipped as pronouns/descriptions\n"));
    assert!(report.ends_with("| entities typed F1=0.615 untyped F1=0.769 | unlocated=1\n"));
    // --all-mentions counts the pronoun and the descriptions too
    let m = score_with(
        &[json!({"id": "x", "text": "He came.", "layers": ["entities"], "entities": []})],
        &[json!({"id": "x", "entities": [{"type": "PERSON", "mentions": [{"text": "He"}]}]})],
        Task::Entities,
        &Options { all_mentions: true },
    );
    assert_eq!(m.entities.unwrap().typed.n_sys, 1);
}

// ---------------------------------------------------------------------------
// times and amounts

const TIME_TEXT: &str =
    "The vote was held on 3 March 2024 and results came in March. A rerun is now planned \
                         for next summer, sometime in 2025.";

#[test]
fn times_strict_relaxed_and_interval_values() {
    let t = TIME_TEXT;
    let tm = |s: Value, extra: Value| {
        let mut o = json!({"start": s[0], "end": s[1], "type": "DATE", "value": null});
        for (k, v) in extra.as_object().unwrap() {
            o[k] = v.clone();
        }
        o
    };
    let gold = json!({"id": "tm", "corpus": "gum", "text": t, "layers": ["times"], "times": [
        tm(sp(t, "3 March 2024"), json!({"value": "2024-03-03"})),
        tm(at(t, "March", 1), json!({"value": "2024-03"})),
        tm(sp(t, "next summer"), json!({"range": ["2024-06-01", "2024-08-31"]})),
        tm(sp(t, "sometime in 2025"), json!({"bounds": {"notBefore": "2025-01-01", "notAfter": "2025-12-31"}})),
        tm(sp(t, "now"), json!({"optional": true}))]});
    let st = |needle: &str, nth: usize, value: Value| {
        let s = at(t, needle, nth);
        json!({"text": needle, "start": s[0], "end": s[1], "value": value})
    };
    let rec = json!({"id": "tm", "text": t, "times": [
        st("3 March 2024", 0, json!("2024-03-03")),
        st("March", 1, json!("2024-03-01")),  // right span, a day is not the month
        st("summer", 0, json!("2024-su")),     // the range's interval
        st("2025", 0, json!("2025-06")),       // within the bounds
        st("now", 0, json!("PRESENT_REF")),   // only an optional time: ignored
        st("rerun", 0, Value::Null),          // spurious
    ]});
    let m = run(
        "times_gum",
        std::slice::from_ref(&gold),
        std::slice::from_ref(&rec),
        Task::Times,
    );
    let tms = m.times.as_ref().unwrap();
    check(&tms.strict, 2.0 / 5.0, 2.0 / 4.0, 5, 4);
    check(&tms.relaxed, 4.0 / 5.0, 1.0, 5, 4);
    assert!(close(tms.value_acc, 0.75));
    check(&tms.value, 3.0 / 5.0, 3.0 / 4.0, 5, 4);
    assert!(m
        .report()
        .contains("times value   acc=0.750  P=0.600 R=0.750 F1=0.667 (sys 5, gold 4)\n"));

    // without GUM's interval semantics only equal value strings count (range and bounds still do)
    let mut g2 = gold;
    g2["corpus"] = json!("tempeval3");
    g2["times"][0]["value"] = json!("2024-03");
    let m = run("times_plain", &[g2], &[rec], Task::Times);
    let tms = m.times.as_ref().unwrap();
    assert!(close(tms.value_acc, 0.5));
}

#[test]
fn amounts_relaxed_one_to_one() {
    let t = "Sales rose 12 percent to $4.5 million, and 300 workers were hired.";
    let g = |needle: &str, kind: &str| {
        let s = sp(t, needle);
        json!({"start": s[0], "end": s[1], "kind": kind})
    };
    let gold = json!({"id": "am", "text": t, "layers": ["amounts"], "amounts": [
        g("12 percent", "PERCENT"), g("$4.5 million", "MONEY"), g("300 workers", "QUANTITY")]});
    let rec = json!({"id": "am", "text": t, "amounts": [
        obj(t, "12"), obj(t, "$4.5"), obj(t, "$4.5 million"), obj(t, "hired")]});
    let m = run("amounts", &[gold], &[rec], Task::All);
    check(&m.amounts.as_ref().unwrap().relaxed, 0.5, 2.0 / 3.0, 4, 3);
    assert!(m
        .report()
        .ends_with("SUMMARY docs=1 missing=0 | amounts F1=0.571\n"));
}

// ---------------------------------------------------------------------------
// events

fn event_gold() -> Value {
    let t = "Arnor met Gondor. Rohan attacked Mordor.";
    json!({"id": "syn", "text": t, "layers": ["events"], "event_scheme": ["cameo", "plover"], "events": [
        {"source_code": "ARNGOV", "target_code": "GON", "source": [0, 5], "target": [10, 16],
         "cameo": "040", "root": "04", "plover": "CONSULT"},
        {"source_code": "ROH", "target_code": "MOR", "source": [18, 23], "target": [33, 39],
         "cameo": "190", "root": "19", "plover": "FIGHT"},
        {"source_code": "ARN", "target_code": "GON", "source": null, "target": null,
         "cameo": "903", "root": "90", "plover": null, "optional": true}]})
}

fn ev(src: Value, tgt: Value, cameo: Value, root: Value, plover: Value) -> Value {
    json!({"source": src, "target": tgt, "cameo": cameo, "root": root, "plover": plover})
}

fn events_of(name: &str, gold: &Value, events: Vec<Value>) -> EventMetrics {
    let rec = json!({"id": gold["id"], "text": gold["text"], "events": events});
    run(name, std::slice::from_ref(gold), &[rec], Task::Events)
        .events
        .unwrap()
}

#[test]
fn events_codes_actors_and_optional() {
    let g = event_gold();
    let right1 = ev(
        json!({"code": "ARNGOV", "start": 0, "end": 5}),
        json!({"code": "GONGOV", "start": 10, "end": 16}),
        json!("040"),
        json!("04"),
        json!("CONSULT"),
    );
    let right2 = ev(
        json!({"code": "ROHMIL"}),
        json!({"code": "MOR"}),
        json!("190"),
        json!("19"),
        json!("ASSAULT"),
    );
    let m = events_of("ev_right", &g, vec![right1.clone(), right2.clone()]);
    check(&m.root, 1.0, 1.0, 2, 2);
    check(m.cameo.as_ref().unwrap(), 1.0, 1.0, 2, 2);
    check(m.plover.as_ref().unwrap(), 1.0, 1.0, 2, 2); // FIGHT is read as ASSAULT
    assert_eq!(
        (m.source_acc, m.target_acc, m.dyad_acc, m.pairs),
        (1.0, 1.0, 1.0, 2)
    );

    // root from a longer code, an overlapping span with a wrong code, a wrong code without a span
    let m = events_of(
        "ev_mixed",
        &g,
        vec![
            ev(
                json!({"code": "USAGOV", "start": 0, "end": 9}),
                json!({"code": "XXX"}),
                json!("0401"),
                Value::Null,
                Value::Null,
            ),
            right2.clone(),
        ],
    );
    check(&m.root, 1.0, 1.0, 2, 2);
    check(m.cameo.as_ref().unwrap(), 0.5, 0.5, 2, 2);
    check(m.plover.as_ref().unwrap(), 0.5, 0.5, 2, 2);
    assert_eq!((m.source_acc, m.target_acc, m.dyad_acc), (1.0, 0.5, 0.5));

    // the optional gold event absorbs one extra event, not two
    let extra = |cameo: &str| {
        ev(
            json!({"code": "ARN"}),
            Value::Null,
            json!(cameo),
            Value::Null,
            Value::Null,
        )
    };
    let m = events_of(
        "ev_absorb1",
        &g,
        vec![right1.clone(), right2.clone(), extra("111")],
    );
    assert_eq!((m.root.p, m.absorbed), (1.0, 1));
    let m = events_of(
        "ev_absorb2",
        &g,
        vec![right1.clone(), right2.clone(), extra("111"), extra("112")],
    );
    assert!(close(m.root.p, 2.0 / 3.0) && m.absorbed == 1 && m.root.n_sys == 3);

    // reversed dyad, an integer root
    let m = events_of(
        "ev_reversed",
        &g,
        vec![
            ev(
                json!({"code": "GON"}),
                json!({"code": "ARN"}),
                json!("040"),
                Value::Null,
                Value::Null,
            ),
            ev(
                Value::Null,
                Value::Null,
                Value::Null,
                json!(19),
                Value::Null,
            ),
        ],
    );
    check(&m.root, 1.0, 1.0, 2, 2);
    assert_eq!((m.source_acc, m.dyad_acc), (0.0, 0.0));

    // "---GOV": a government of no known country
    let unknown = json!({"id": "unk", "text": "Officials condemned it.", "layers": ["events"], "event_scheme": ["cameo"],
        "events": [{"source_code": "---GOV", "target_code": "---", "source": null, "target": null,
                    "cameo": "111", "root": "11", "plover": null}]});
    let m = events_of(
        "ev_unknown",
        &unknown,
        vec![ev(
            json!({"code": "XYZGOV"}),
            json!({"code": "ABC"}),
            json!("111"),
            Value::Null,
            Value::Null,
        )],
    );
    assert_eq!((m.source_acc, m.target_pairs), (1.0, 0));
    assert!(m.plover.is_none());
    let m = events_of(
        "ev_unknown2",
        &unknown,
        vec![ev(
            json!({"code": "XYZMIL"}),
            Value::Null,
            json!("111"),
            Value::Null,
            Value::Null,
        )],
    );
    assert_eq!(m.source_acc, 0.0);
    // a sentence without events: every system event is a false positive
    let mut none = unknown.clone();
    none["events"] = json!([]);
    let m = events_of(
        "ev_none",
        &none,
        vec![ev(
            json!({"code": "XYZ"}),
            Value::Null,
            json!("111"),
            Value::Null,
            Value::Null,
        )],
    );
    check(&m.root, 0.0, 0.0, 1, 0);
}

// ---------------------------------------------------------------------------
// layers, pairing, tasks, loading

#[test]
fn layers_decide_what_is_scored() {
    let t = "Oslo voted on 5 May 2024 and spent 3 million kroner.";
    // a corpus with entities only: the system's times and amounts are not counted as wrong
    let gold = json!({"id": "doc-1", "text": t, "layers": ["entities"],
                      "entities": [{"start": 0, "end": 4, "type": "LOC"}]});
    let rec = json!({"id": "other", "source": "/in/doc-1.txt", "text": t,
                     "entities": [{"type": "GPE", "mentions": [obj(t, "Oslo")]}],
                     "times": [obj(t, "5 May 2024")], "amounts": [obj(t, "3 million kroner")]});
    let m = run(
        "layers",
        std::slice::from_ref(&gold),
        std::slice::from_ref(&rec),
        Task::All,
    );
    assert!(
        m.times.is_none() && m.amounts.is_none() && m.quotes_direct.is_none() && m.events.is_none()
    );
    check(&m.entities.as_ref().unwrap().typed, 1.0, 1.0, 1, 1);
    assert_eq!((m.docs, m.missing), (1, 0)); // paired through "source"
                                             // without "layers", the layers are the non-empty gold lists
    let mut g2 = gold.clone();
    g2.as_object_mut().unwrap().remove("layers");
    g2["times"] = json!([{"start": 14, "end": 24, "value": "2024-05-05"}]);
    let m = score(&[g2], std::slice::from_ref(&rec), Task::All);
    assert!(m.entities.is_some() && m.times.is_some() && m.amounts.is_none());
    // one task only
    let m = score(std::slice::from_ref(&gold), &[rec], Task::Quotes);
    assert!(m.entities.is_none());
    // a gold document without a record is scored as empty
    let m = score(&[gold], &[], Task::All);
    assert_eq!(m.missing, 1);
    check(&m.entities.as_ref().unwrap().typed, 0.0, 0.0, 0, 1);
    assert!(m
        .report()
        .ends_with("SUMMARY docs=1 missing=1 | entities typed F1=0.000 untyped F1=0.000\n"));
}

#[test]
fn metrics_json_shape() {
    let m = score(
        &[polnear_gold(POLNEAR_TEXT)],
        &[polnear_record(POLNEAR_TEXT)],
        Task::All,
    );
    let text = serde_json::to_string(&m).unwrap();
    // the keys in score_spans.py's order
    let order = |keys: &[&str]| {
        let pos: Vec<usize> = keys
            .iter()
            .map(|k| text.find(&format!("\"{k}\":")).unwrap())
            .collect();
        pos.windows(2).all(|w| w[0] < w[1])
    };
    assert!(
        order(&[
            "docs",
            "missing",
            "unlocated",
            "text_differs",
            "quotes_direct",
            "quotes_all"
        ]),
        "{text}"
    );
    assert!(
        order(&["match", "tok", "exact", "spk", "cue", "e2e"]),
        "{text}"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 6);
    assert_eq!(v["quotes_all"].as_object().unwrap().len(), 6);
    assert_eq!(
        v["quotes_all"]["match"],
        json!({"p": 0.75, "r": 1.0, "f": 0.8571428571428571, "n_sys": 4, "n_gold": 3})
    );
    let back: Metrics = serde_json::from_value(v).unwrap();
    assert_eq!(back, m);
}

#[test]
fn task_names() {
    for name in Task::NAMES {
        assert_eq!(name.parse::<Task>().unwrap().to_string(), name);
    }
    assert!("people".parse::<Task>().is_err());
}

#[test]
fn load_jsonl_skips_blank_lines_and_names_bad_ones() {
    let dir = std::env::temp_dir().join(format!("newsgraph-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.jsonl");
    std::fs::write(&good, "{\"id\": 1}\n\n  \n{\"id\": \"b\"}\r\n").unwrap();
    assert_eq!(
        load_jsonl(&good).unwrap(),
        vec![json!({"id": 1}), json!({"id": "b"})]
    );
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": 1}\n\n{\"id\": \n").unwrap();
    let err = format!("{:#}", load_jsonl(&bad).unwrap_err());
    assert!(err.contains("bad.jsonl:3:"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
