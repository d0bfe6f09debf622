//! Stage 5, amounts: numbers with what they count. (Arrives with issue 5;
//! until then the stage finds nothing.)

use crate::doc::{Doc, Span};

#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// The whole phrase: "a record 267 drone attacks".
    pub span: Span,
    pub value: f64,
    /// "MONEY", "PERCENT" or "QUANTITY".
    pub kind: &'static str,
    pub unit: Option<String>,
    /// What is counted: "drone attacks".
    pub object: Option<Span>,
    pub qualifier: Option<&'static str>,
}

/// Runs the stage. Not implemented yet (issue 5): leaves `doc.amounts` empty.
pub fn run(_doc: &mut Doc) {}
