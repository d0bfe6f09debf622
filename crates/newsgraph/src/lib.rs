//! newsgraph: structured, verifiable records from English news articles.
//!
//! One [`Doc`] per article; the pipeline ([`Extractor`]) runs small stages
//! over it ([`pipeline::STAGES`]), each a module with one entry point,
//! `run(doc: &mut Doc)`, that adds its own annotations:
//!
//! 1. `segment`: blocks (title, headings, paragraphs, furniture), tokens,
//!    sentences and the spans in quotation marks;
//! 2. `times`: the publication date when the input has none, and TIMEX3
//!    values against it;
//! 3. `entities`: people, organisations, places, with titles and actor codes;
//! 4. `quotes`: who said what, to whom;
//! 5. `amounts`: numbers with what they count.
//!
//! The layers: [`doc`] (the model, which imports no stage) at the bottom,
//! `lexis` (tokenizer, word hashes, word lists, token predicates) above it,
//! the stages above that, each using only the model and `lexis`, and the
//! [`pipeline`] on top. Inside, every span is a byte range into `Doc::text`;
//! [`to_record`] converts to the character offsets of the output contract
//! (`newsgraph-record`), once. See ARCHITECTURE.md for the map.

mod amounts;
pub mod doc;
mod entities;
mod events;
pub mod gold;
mod lexis;
mod offsets;
pub mod pipeline;
mod quotes;
pub mod record;
mod segment;
mod times;
#[cfg(feature = "training")]
pub mod training;

/// The version of the extraction rules: the crate's version and a digest of
/// everything that decides the output (the engine's source and word lists,
/// the leaf crates' tables, the gazetteer and the dictionaries). Records made
/// by other rules are extracted again by `newsgraph reindex`.
pub const RULES_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("NEWSGRAPH_RULES_DIGEST"));

pub use doc::{Block, BlockKind, Doc, DocInput, Meta, Published, Sentence, Span, Token, TokenKind};
pub use newsgraph_record::Record;
pub use pipeline::{Extractor, StageTimes, STAGES};
pub use record::{to_record, RecordOptions};
