//! The pipeline: a [`DocInput`] in, an annotated [`Doc`] out, through the
//! stages in order. The extractor holds nothing but what the stages read;
//! it is `Sync`, so one instance serves every thread.

use crate::doc::{id_from_source, Doc, DocInput};
use crate::{amounts, entities, quotes, segment, times};
use std::time::{Duration, Instant};

/// Time spent in each stage, summed over documents (for `newsgraph bench`).
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    pub segment: Duration,
    pub entities: Duration,
    pub quotes: Duration,
    pub times: Duration,
    pub amounts: Duration,
}

impl StageTimes {
    pub fn add(&mut self, o: &StageTimes) {
        self.segment += o.segment;
        self.entities += o.entities;
        self.quotes += o.quotes;
        self.times += o.times;
        self.amounts += o.amounts;
    }
    pub fn named(&self) -> [(&'static str, Duration); 5] {
        [("segment", self.segment), ("entities", self.entities), ("quotes", self.quotes), ("times", self.times), ("amounts", self.amounts)]
    }
}

#[derive(Default)]
pub struct Extractor {}

/// The document before any stage ran: text, id, source, title, date.
pub fn new_doc(input: DocInput) -> Doc {
    // The text every offset refers to: CRLF line ends become LF, and a
    // byte-order mark is dropped; nothing else is touched.
    let mut text = input.text;
    let mut blocks = input.blocks;
    if text.starts_with('\u{feff}') || text.contains('\r') {
        // offsets of given blocks would move: let the segmenter find them
        blocks.clear();
    }
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    // blocks must lie inside the text, on character boundaries, in order
    let valid = blocks.windows(2).all(|w| w[0].span.end <= w[1].span.start)
        && blocks.iter().all(|b| b.span.start <= b.span.end && text.is_char_boundary(b.span.start as usize) && text.is_char_boundary(b.span.end as usize) && (b.span.end as usize) <= text.len());
    if !valid {
        blocks.clear();
    }
    Doc {
        id: input.id.unwrap_or_else(|| id_from_source(&input.source)),
        source: input.source,
        text,
        title: input.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        published: input.published,
        meta: input.meta,
        blocks,
        ..Default::default()
    }
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor {}
    }

    /// Runs every stage over one article.
    pub fn extract(&self, input: DocInput) -> Doc {
        self.extract_timed(input).0
    }

    /// As [`Extractor::extract`], with the time of each stage.
    pub fn extract_timed(&self, input: DocInput) -> (Doc, StageTimes) {
        let mut doc = new_doc(input);
        let mut t = StageTimes::default();
        let mut clock = Instant::now();
        let mut lap = |d: &mut Duration| {
            let now = Instant::now();
            *d += now - clock;
            clock = now;
        };
        segment::run(&mut doc);
        times::date_from_dateline(&mut doc);
        lap(&mut t.segment);
        entities::run(&mut doc);
        lap(&mut t.entities);
        quotes::run(&mut doc);
        lap(&mut t.quotes);
        times::run(&mut doc);
        lap(&mut t.times);
        amounts::run(&mut doc);
        lap(&mut t.amounts);
        (doc, t)
    }
}
