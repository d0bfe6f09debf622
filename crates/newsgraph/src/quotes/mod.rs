//! Stage 3, quotes: who said what, to whom, through which cue. (Arrives
//! with issue 4; until then the stage finds nothing.)

use crate::doc::{Doc, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Headline,
    Indirect,
}

/// The mention a quote is attributed to, and the entity it refers to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Speaker {
    pub span: Span,
    /// Index into `Doc::entities`.
    pub entity: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted words, quotation marks excluded.
    pub content: Span,
    pub speaker: Option<Speaker>,
    pub cue: Option<Span>,
    pub addressee: Option<Span>,
    pub confidence: f32,
    /// Set when the reporter marks the claim as false or disputed.
    pub flag: Option<String>,
}

/// Runs the stage. Not implemented yet (issue 4): leaves `doc.quotes` empty.
pub fn run(_doc: &mut Doc) {}
