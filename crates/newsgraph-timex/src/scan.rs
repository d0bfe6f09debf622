//! Byte-level tokenizer used around trigger words: ASCII letter runs, digit
//! runs, and single other characters (whitespace skipped).

use crate::tables::{Lex, Tables};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub k: K,
    /// A line break (or paragraph break) precedes this token.
    pub nl_before: bool,
    /// Lexicon readings of a word (looked up once per token).
    pub lex: &'static [Lex],
}

/// Tokenizes `text[from..to]` (byte offsets, `from` at a token boundary)
/// into `out`, which is reused by the caller (no allocation once warm).
pub fn tokenize_into(text: &str, from: usize, to: usize, tb: Option<&'static Tables>, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = from;
    let mut nl = false;
    while i < to {
        let c = b[i];
        if c.is_ascii_whitespace() {
            if c == b'\n' {
                nl = true;
            }
            i += 1;
            continue;
        }
        let s = i;
        let k = if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            K::Word
        } else if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            K::Num
        } else {
            // one character, whatever its UTF-8 length
            i += 1;
            while i < b.len() && (b[i] & 0xC0) == 0x80 {
                i += 1;
            }
            // non-breaking space (U+00A0) counts as whitespace
            if &text[s..i] == "\u{a0}" {
                continue;
            }
            K::Punct
        };
        let lex = match (k, tb) {
            (K::Word, Some(tb)) => tb.lookup(&text[s..i]),
            _ => &[],
        };
        out.push(Tok { s, e: i, k, nl_before: nl, lex });
        nl = false;
    }
}

/// Whether the byte at `i` can start a token whose left neighbour is not a
/// letter or digit (a word boundary).
#[inline]
pub fn left_boundary(b: &[u8], i: usize) -> bool {
    i == 0 || !b[i - 1].is_ascii_alphanumeric()
}

#[inline]
pub fn right_boundary(b: &[u8], i: usize) -> bool {
    i >= b.len() || !b[i].is_ascii_alphanumeric()
}

/// Start of the window to tokenize left of `p`: about `back` bytes before,
/// moved forward to a whitespace so no token is cut.
pub fn window_start(text: &str, p: usize, back: usize) -> usize {
    let b = text.as_bytes();
    if p <= back {
        return 0;
    }
    let mut i = p - back;
    while i < p && !b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// End of the window right of `p`: about `fwd` bytes after, moved forward to
/// a whitespace.
pub fn window_end(text: &str, p: usize, fwd: usize) -> usize {
    let b = text.as_bytes();
    let mut i = (p + fwd).min(b.len());
    while i < b.len() && !b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}
