//! A [`Doc`] as the output contract, a [`Record`] (`newsgraph-record`).
//! This is the one place where byte offsets become character offsets.

use crate::doc::{BlockKind, Doc, EventActor, Span};
use crate::offsets::CharOffsets;
use newsgraph_record::{self as rec, AmountRec, EntityRec, EventActorRec, EventRec, MentionRec, QuoteRec, Record, SentenceRec, SentenceSpan, SpanRec, SpeakerRec, TimeRec};

/// What the record carries beyond the contract.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecordOptions {
    /// Include sentence spans.
    pub segments: bool,
}

/// The record's name of a block a sentence lies in (furniture has no
/// sentences).
fn block_kind(k: BlockKind) -> Option<rec::BlockKind> {
    match k {
        BlockKind::Title => Some(rec::BlockKind::Title),
        BlockKind::Heading => Some(rec::BlockKind::Heading),
        BlockKind::Dateline => Some(rec::BlockKind::Dateline),
        BlockKind::Paragraph => Some(rec::BlockKind::Paragraph),
        BlockKind::Furniture => None,
    }
}

/// The record of an annotated document.
pub fn to_record(doc: &Doc, opts: RecordOptions) -> Record {
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
                        SpeakerRec { text: s.text, start: s.start, end: s.end, entity: sp.entity.map(eid), name: doc.speaker_name(&sp) }
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
        events: doc
            .events
            .iter()
            .filter_map(|e| {
                let info = newsgraph_cameo::Codebook::global().info(&e.cameo)?;
                let actor = |a: &EventActor| {
                    let s = span(a.span);
                    EventActorRec { text: s.text, start: s.start, end: s.end, name: Some(a.name.clone()), code: a.code.clone(), entity: a.entity.map(eid) }
                };
                let sentence = doc.sentences[e.sentence as usize].span;
                Some(EventRec {
                    source: e.source.as_ref().map(actor),
                    target: e.target.as_ref().map(actor),
                    action: span(e.action),
                    cameo: info.code,
                    root: info.root,
                    base: info.base,
                    quad_class: info.quad_class,
                    goldstein: info.goldstein,
                    plover: info.plover,
                    plover_mode: info.plover_mode,
                    sentence: SentenceSpan { start: co.char_of(sentence.start as usize), end: co.char_of(sentence.end as usize) },
                    date: e.date.clone(),
                    location: e.location.as_ref().map(actor),
                    confidence: e.confidence,
                    status: e.status,
                    claimed_by: e.claimed_by.clone(),
                })
            })
            .collect(),
        duplicate_of: None,
        sentences: opts.segments.then(|| {
            doc.sentences
                .iter()
                .filter_map(|s| {
                    Some(SentenceRec {
                        start: co.char_of(s.span.start as usize),
                        end: co.char_of(s.span.end as usize),
                        block: block_kind(doc.sentence_kind(s))?,
                    })
                })
                .collect()
        }),
    }
}
