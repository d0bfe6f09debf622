//! The pipeline: a [`DocInput`] in, an annotated [`Doc`] out, through the
//! stages of [`STAGES`] in order. The extractor holds nothing but what the
//! stages read; it is `Sync`, so one instance serves every thread.

use crate::doc::{Doc, DocInput};
use crate::record::{to_record, RecordOptions};
use crate::{amounts, entities, events, quotes, segment, times};
use newsgraph_record::Record;
use std::time::{Duration, Instant};

/// A stage: its name (for `newsgraph bench`) and its entry point.
#[derive(Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub run: fn(&mut Doc),
}

/// The stages, in the order they run: each reads what the ones before it
/// wrote. Adding a stage is one line here.
pub const STAGES: [Stage; 6] = [
    // blocks, tokens, sentences, quotation marks
    Stage { name: "segment", run: segment::run },
    // the publication date when the input has none, then TIMEX3 values
    Stage { name: "times", run: times::run },
    // names, titles, descriptions, pronouns, actor codes
    Stage { name: "entities", run: entities::run },
    // quotes and reported speech with speakers (reads the entities)
    Stage { name: "quotes", run: quotes::run },
    Stage { name: "amounts", run: amounts::run },
    // who did what to whom, in CAMEO (reads entities, quotes, times)
    Stage { name: "events", run: events::run },
];

/// Time spent in each stage of [`STAGES`], summed over documents (for
/// `newsgraph bench`).
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes([Duration; STAGES.len()]);

impl StageTimes {
    pub fn add(&mut self, o: &StageTimes) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a += b;
        }
    }
    /// Each stage's name and time, in pipeline order.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, Duration)> + '_ {
        STAGES.iter().zip(self.0).map(|(s, d)| (s.name, d))
    }
}

#[derive(Default)]
pub struct Extractor {}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor {}
    }

    /// Runs every stage over one article.
    pub fn extract(&self, input: DocInput) -> Doc {
        let mut doc = Doc::new(input);
        for stage in &STAGES {
            (stage.run)(&mut doc);
        }
        doc
    }

    /// As [`Extractor::extract`], with the time of each stage.
    pub fn extract_timed(&self, input: DocInput) -> (Doc, StageTimes) {
        let mut doc = Doc::new(input);
        let mut times = StageTimes::default();
        for (stage, t) in STAGES.iter().zip(times.0.iter_mut()) {
            let start = Instant::now();
            (stage.run)(&mut doc);
            *t = start.elapsed();
        }
        (doc, times)
    }

    /// The record of one article.
    pub fn record(&self, input: DocInput, opts: RecordOptions) -> Record {
        to_record(&self.extract(input), opts)
    }
}
