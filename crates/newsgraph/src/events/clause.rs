//! The clause around a verb, as token indices within its sentence: cut at
//! semicolons, colons, quotation marks, dashes, and at a comma that
//! another clause's first word follows ("..., which", "..., but").

use super::words::CLAUSE_OPENERS;
use crate::doc::{Doc, TokenKind};
use crate::lexis::closed::is_one_of;

/// A clause: sentence-relative token indices `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
}

fn is_boundary(doc: &Doc, t: usize) -> bool {
    let tok = doc.tokens[t];
    match tok.kind {
        TokenKind::Quote | TokenKind::Dash => true,
        TokenKind::Punct => {
            let s = doc.tok(t);
            if s == ";" || s == ":" || s == "(" || s == ")" {
                return true;
            }
            // a comma before another clause's first word
            s == "," && t + 1 < doc.tokens.len() && is_one_of(&doc.tok(t + 1).to_lowercase(), &CLAUSE_OPENERS)
        }
        _ => false,
    }
}

/// The clause of the verb at sentence-relative token `i` (`len` tokens
/// long) in the sentence whose tokens are `range`.
pub fn around(doc: &Doc, range: std::ops::Range<usize>, i: usize, len: usize) -> Clause {
    let mut start = i;
    while start > 0 && !is_boundary(doc, range.start + start - 1) {
        start -= 1;
    }
    let n = range.len();
    let mut end = i + len;
    while end < n && !is_boundary(doc, range.start + end) {
        end += 1;
    }
    Clause { start, end }
}
