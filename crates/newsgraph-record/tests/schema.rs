//! The record types and `schema/record.schema.json` say the same thing: a
//! record with every field filled validates, each kind's JSON names are the
//! schema's, and a record reads back as itself.

use newsgraph_record::*;
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(include_str!("../../../schema/record.schema.json")).expect("the schema is JSON")
}

fn span(text: &str, start: usize) -> SpanRec {
    SpanRec { text: text.into(), start, end: start + text.chars().count() }
}

/// A record with every optional field set, built from its text.
fn full_record() -> Record {
    let text = "Kyiv’s mayor said on Monday that 40 drones were downed.";
    let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
    Record {
        id: "a1".into(),
        source: "https://example.org/a1".into(),
        title: Some("Drones downed".into()),
        published: Some("2025-02-23".into()),
        published_from: Some(PublishedFrom::Dateline),
        url: Some("https://example.org/a1".into()),
        canonical_url: Some("https://example.org/a1".into()),
        author: Some("A. Writer".into()),
        site_name: Some("Example".into()),
        language: Some("en".into()),
        text: text.into(),
        headings: vec![span("Kyiv", 0)],
        entities: vec![EntityRec {
            id: "e1".into(),
            name: "Kyiv".into(),
            kind: EntityType::Gpe,
            title: None,
            actor: Some("UKR".into()),
            mentions: vec![MentionRec { text: "Kyiv".into(), start: 0, end: 4, kind: MentionKind::Name }],
        }],
        quotes: vec![QuoteRec {
            kind: QuoteKind::Indirect,
            content: "40 drones were downed".into(),
            start: at("40"),
            end: at("40") + 21,
            speaker: Some(SpeakerRec { text: "Kyiv’s mayor".into(), start: 0, end: 12, entity: None, name: Some("Kyiv’s mayor".into()) }),
            cue: Some(span("said", at("said"))),
            addressee: None,
            confidence: 0.8,
            pattern: Attribution::IndirectThat,
            flag: Some("unsupported".into()),
        }],
        times: vec![TimeRec { text: "Monday".into(), start: at("Monday"), end: at("Monday") + 6, kind: TimeType::Date, value: "2025-02-24".into() }],
        amounts: vec![AmountRec {
            text: "40 drones".into(),
            start: at("40"),
            end: at("40") + 9,
            value: 40.0,
            upper: Some(45.0),
            kind: AmountType::Quantity,
            unit: None,
            object: Some("drones".into()),
            qualifier: Some(Qualifier::AtLeast),
        }],
        events: vec![EventRec {
            source: Some(EventActorRec { text: "Kyiv’s mayor".into(), start: 0, end: 12, name: Some("Kyiv’s mayor".into()), code: Some("UKRGOV".into()), entity: None }),
            target: None,
            action: span("downed", at("downed")),
            cameo: "0356".into(),
            root: "03".into(),
            base: "035".into(),
            quad_class: 1,
            goldstein: 7.0,
            plover: Some("AGREE".into()),
            plover_mode: Some("military".into()),
            sentence: SentenceSpan { start: 0, end: text.chars().count() },
            date: Some("2025-02-24".into()),
            location: Some(EventActorRec { text: "Kyiv".into(), start: 0, end: 4, name: Some("Kyiv".into()), code: Some("UKR".into()), entity: Some("e1".into()) }),
            confidence: 0.7,
            status: EventStatus::Claim,
            claimed_by: Some("Kyiv’s mayor".into()),
        }],
        duplicate_of: Some("a0".into()),
        sentences: Some(vec![SentenceRec { start: 0, end: text.chars().count(), block: BlockKind::Paragraph }]),
    }
}

#[test]
fn a_full_record_validates_and_its_spans_hold() {
    let rec = full_record();
    let v = serde_json::to_value(&rec).unwrap();
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    assert!(validator.is_valid(&v), "{:?}", validator.iter_errors(&v).map(|e| e.to_string()).collect::<Vec<_>>());
    for q in &rec.quotes {
        assert_eq!(rec.span_text(q.start, q.end), q.content);
    }
    for t in &rec.times {
        assert_eq!(rec.span_text(t.start, t.end), t.text);
    }
    for e in &rec.events {
        assert_eq!(rec.span_text(e.action.start, e.action.end), e.action.text);
    }
}

#[test]
fn a_record_reads_back_as_itself() {
    let rec = full_record();
    let json = rec.to_json();
    let back = Record::from_json(&json).unwrap();
    assert_eq!(back, rec);
    assert_eq!(back.to_json(), json);
    // the optional fields left out are read as absent, and written so again
    let mut bare = rec.clone();
    bare.published_from = None;
    for q in &mut bare.quotes {
        q.flag = None;
    }
    bare.duplicate_of = None;
    bare.sentences = None;
    let json = bare.to_json();
    assert!(!json.contains("published_from") && !json.contains("duplicate_of") && !json.contains("sentences"));
    assert_eq!(Record::from_json(&json).unwrap(), bare);
}

#[test]
fn an_unknown_kind_is_an_error_not_a_string() {
    let json = full_record().to_json().replace("\"GPE\"", "\"CITY\"");
    let err = Record::from_json(&json).unwrap_err().to_string();
    assert!(err.contains("CITY"), "{err}");
}

/// The `enum` of a property, found by its path of keys into the schema.
fn schema_enum(s: &Value, path: &[&str]) -> Vec<String> {
    let mut v = s;
    for k in path {
        v = &v[*k];
    }
    v["enum"].as_array().unwrap_or_else(|| panic!("no enum at {path:?}")).iter().filter_map(|x| x.as_str().map(str::to_string)).collect()
}

#[test]
fn every_kind_has_the_schema_s_names() {
    let s = schema();
    let p = |rest: &[&'static str]| -> Vec<&'static str> { rest.to_vec() };
    let checks: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (p(&["properties", "entities", "items", "properties", "type"]), EntityType::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "entities", "items", "properties", "mentions", "items", "properties", "kind"]), MentionKind::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "quotes", "items", "properties", "kind"]), QuoteKind::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "quotes", "items", "properties", "pattern"]), Attribution::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "times", "items", "properties", "type"]), TimeType::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "amounts", "items", "properties", "type"]), AmountType::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "amounts", "items", "properties", "qualifier"]), Qualifier::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "events", "items", "properties", "status"]), EventStatus::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "published_from"]), PublishedFrom::ALL.iter().map(|k| k.as_str()).collect()),
        (p(&["properties", "sentences", "items", "properties", "block"]), BlockKind::ALL.iter().map(|k| k.as_str()).collect()),
    ];
    for (path, mut ours) in checks {
        let mut theirs = schema_enum(&s, &path);
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs, "{path:?}");
    }
}
