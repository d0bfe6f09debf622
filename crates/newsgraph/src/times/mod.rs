//! Stage 4, times: TIMEX3 expressions normalised against the publication
//! date. (Arrives with issue 5; until then the stage finds nothing.)

use crate::doc::{Doc, Span};

#[derive(Clone, Debug, PartialEq)]
pub struct Time {
    pub span: Span,
    /// "DATE", "TIME", "DURATION" or "SET".
    pub kind: &'static str,
    /// The TIMEX3 value: "2025-02-23", "2025-W09", "P3Y", "PAST_REF"...
    pub value: String,
}

/// Runs the stage. Not implemented yet (issue 5): leaves `doc.times` empty.
pub fn run(_doc: &mut Doc) {}
