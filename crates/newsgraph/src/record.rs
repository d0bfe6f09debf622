//! The extraction record: what `newsgraph extract` prints for one article,
//! in the shape of the contract (`schema/record.schema.json` is its full
//! schema). This is the one place where byte offsets become character
//! offsets.

use crate::doc::{BlockKind, Doc, Span};
use crate::offsets::CharOffsets;
use serde::Serialize;

#[derive(Serialize, Debug)]
pub struct SpanRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug)]
pub struct MentionRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: crate::entities::MentionKind,
}

#[derive(Serialize, Debug)]
pub struct EntityRec {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: crate::entities::EntityType,
    pub title: Option<String>,
    pub actor: Option<String>,
    pub mentions: Vec<MentionRec>,
}

#[derive(Serialize, Debug)]
pub struct SpeakerRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub entity: Option<String>,
    pub name: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct QuoteRec {
    pub kind: crate::quotes::QuoteKind,
    pub content: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<SpeakerRec>,
    pub cue: Option<SpanRec>,
    pub addressee: Option<SpanRec>,
    pub confidence: f32,
    /// The attribution pattern that found the speaker (the row of the
    /// confidence table): "subject", "inverted", "continued", ...
    pub pattern: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct TimeRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: String,
}

#[derive(Serialize, Debug)]
pub struct AmountRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub unit: Option<String>,
    pub object: Option<String>,
    pub qualifier: Option<&'static str>,
}

#[derive(Serialize, Debug)]
pub struct SentenceRec {
    pub start: usize,
    pub end: usize,
    /// "title", "heading", "dateline" or "paragraph".
    pub block: &'static str,
}

#[derive(Serialize, Debug)]
pub struct Record {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Where `published` came from when the caller did not give it:
    /// "dateline" or "lead".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_from: Option<&'static str>,
    /// The page's address, canonical address, author, site and declared
    /// language, when the source gives them (HTML, feeds, WARC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub text: String,
    /// Sub-headings inside the article.
    pub headings: Vec<SpanRec>,
    pub entities: Vec<EntityRec>,
    pub quotes: Vec<QuoteRec>,
    pub times: Vec<TimeRec>,
    pub amounts: Vec<AmountRec>,
    /// The id of an earlier article of the same batch this one nearly
    /// duplicates (a syndicated copy), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Sentence spans, only with `--segments`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceRec>>,
}

/// What the record carries beyond the contract.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecordOptions {
    /// Include sentence spans.
    pub segments: bool,
}

fn block_name(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Title => "title",
        BlockKind::Heading => "heading",
        BlockKind::Dateline => "dateline",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Furniture => "furniture",
    }
}

impl Record {
    pub fn from_doc(doc: &Doc, opts: RecordOptions) -> Record {
        let co = CharOffsets::new(&doc.text);
        let span = |s: Span| SpanRec { text: doc.str(s).to_string(), start: co.char_of(s.start as usize), end: co.char_of(s.end as usize) };
        let eid = |i: u32| format!("e{}", i + 1);
        Record {
            id: doc.id.clone(),
            source: doc.source.clone(),
            title: doc.title.clone(),
            published: doc.published.as_ref().map(|p| p.value.clone()),
            published_from: doc.published_from,
            url: doc.meta.url.clone(),
            canonical_url: doc.meta.canonical_url.clone(),
            author: doc.meta.author.clone(),
            site_name: doc.meta.site_name.clone(),
            language: doc.meta.language.clone(),
            text: doc.text.clone(),
            headings: doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| span(b.span)).collect(),
            entities: doc
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityRec {
                    id: eid(i as u32),
                    name: e.name.clone(),
                    kind: e.kind,
                    title: e.title.clone(),
                    actor: e.actor.clone(),
                    mentions: e
                        .mentions
                        .iter()
                        .map(|m| {
                            let s = span(m.span);
                            MentionRec { text: s.text, start: s.start, end: s.end, kind: m.kind }
                        })
                        .collect(),
                })
                .collect(),
            quotes: doc
                .quotes
                .iter()
                .map(|q| {
                    let c = span(q.content);
                    QuoteRec {
                        kind: q.kind,
                        content: c.text,
                        start: c.start,
                        end: c.end,
                        speaker: q.speaker.map(|sp| {
                            let s = span(sp.span);
                            SpeakerRec {
                                text: s.text,
                                start: s.start,
                                end: s.end,
                                entity: sp.entity.map(eid),
                                name: crate::quotes::speaker_name(doc, &sp),
                            }
                        }),
                        cue: q.cue.map(span),
                        addressee: q.addressee.map(span),
                        confidence: q.confidence,
                        pattern: q.pattern,
                        flag: q.flag.clone(),
                    }
                })
                .collect(),
            times: doc
                .times
                .iter()
                .map(|t| {
                    let s = span(t.span);
                    TimeRec { text: s.text, start: s.start, end: s.end, kind: t.kind, value: t.value.clone() }
                })
                .collect(),
            amounts: doc
                .amounts
                .iter()
                .map(|a| {
                    let s = span(a.span);
                    AmountRec {
                        text: s.text,
                        start: s.start,
                        end: s.end,
                        value: a.value,
                        upper: a.upper,
                        kind: a.kind,
                        unit: a.unit.clone(),
                        object: a.object.map(|o| doc.str(o).to_string()),
                        qualifier: a.qualifier,
                    }
                })
                .collect(),
            duplicate_of: None,
            sentences: opts.segments.then(|| {
                doc.sentences
                    .iter()
                    .map(|s| SentenceRec {
                        start: co.char_of(s.span.start as usize),
                        end: co.char_of(s.span.end as usize),
                        block: block_name(doc.sentence_kind(s)),
                    })
                    .collect()
            }),
        }
    }
}
