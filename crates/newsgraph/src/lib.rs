//! newsgraph: structured, verifiable records from English news articles.
//!
//! One [`Doc`] per article; the pipeline ([`Extractor`]) runs small stages
//! over it, each a plain function that adds its own spans:
//!
//! 1. [`segment`]: blocks (title, headings, paragraphs, furniture),
//!    sentences and tokens;
//! 2. [`entities`]: people, organisations, places (issue 3);
//! 3. [`quotes`]: who said what (issue 4);
//! 4. [`times`] and [`amounts`]: TIMEX3 values and counted things (issue 5).
//!
//! Inside, every span is a byte range into `Doc::text`; the [`record`]
//! module converts to the character offsets of the output contract, once.
//! See ARCHITECTURE.md at the repository root for the map.

pub mod amounts;
pub mod doc;
pub mod entities;
pub mod offsets;
pub mod pipeline;
pub mod quotes;
pub mod record;
pub mod segment;
pub mod times;

pub use doc::{Block, BlockKind, Doc, DocInput, Meta, Published, Sentence, Span, Token, TokenKind};
pub use pipeline::{Extractor, StageTimes};
pub use record::Record;
