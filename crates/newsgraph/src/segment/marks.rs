//! Pairing quotation marks into quoted spans, block by block.
//!
//! Curly marks say which way they face; straight ones are read from their
//! neighbours (a mark after a space opens, one before a space closes), and
//! from what is open. Single marks open only where a word may start, and
//! close only what a single mark opened, so apostrophes ("Ukraine’s",
//! "leaders’") never pair. Marks nested in a double quote belong to it. A
//! quote left open at the end of a paragraph continues when the next
//! paragraph opens again with a mark (the news convention for quotes of
//! several paragraphs).

use crate::doc::{BlockKind, Doc, QuotedSpan, Span, TokenKind};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Facing {
    Open,
    Close,
    Either,
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether a mark at `[s, e)` stands where a word may start (after a space,
/// the block start or opening punctuation) and where a word may end.
fn flanks(text: &str, s: usize, e: usize, block_start: usize, block_end: usize) -> (bool, bool) {
    let before = if s <= block_start { None } else { prev_char(text, s) };
    let after = if e >= block_end { None } else { next_char(text, e) };
    let opens_after = |c: Option<char>| match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„' | ':'),
    };
    let closes_before = |c: Option<char>| match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, ')' | ']' | '}' | '—' | '–' | '-' | '/' | ',' | '.' | ';' | ':' | '!' | '?' | '”' | '’' | '"' | '\'' | '»' | '…'),
    };
    let left = opens_after(before) && !after.is_some_and(char::is_whitespace);
    let right = closes_before(after) && !before.is_some_and(char::is_whitespace);
    (left, right)
}

fn classify(mark: &str) -> (Family, Facing) {
    match mark {
        "“" | "«" | "„" | "``" | "‟" => (Family::Double, Facing::Open),
        "”" | "»" | "''" => (Family::Double, Facing::Close),
        "\"" => (Family::Double, Facing::Either),
        "‘" | "‹" | "`" => (Family::Single, Facing::Open),
        "’" | "›" => (Family::Single, Facing::Close),
        _ => (Family::Single, Facing::Either),
    }
}

/// Finds the quoted spans of every block, in text order.
pub fn pair(doc: &Doc, block_tokens: &[(usize, usize)]) -> Vec<QuotedSpan> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    // (family, token, is German low-high) of the marks open in this block
    let mut stack: Vec<(Family, usize, bool)> = Vec::with_capacity(8);
    let mut carry = false;
    // the quote left open runs on into the next paragraph without a new mark
    // (texts with a line per sentence): it closes at that paragraph's first
    // closing mark
    let mut carry_open = false;
    for (bi, &(first, end)) in block_tokens.iter().enumerate() {
        if first == end {
            continue;
        }
        let block = doc.blocks[bi];
        let (bs, be) = (block.span.start as usize, block.span.end as usize);
        stack.clear();
        let mut continues = std::mem::take(&mut carry);
        if std::mem::take(&mut carry_open) && first > 0 {
            stack.push((Family::Double, first - 1, false));
            continues = true;
        }
        for i in first..end {
            let t = doc.tokens[i];
            if t.kind != TokenKind::Quote {
                continue;
            }
            let (s, e) = (t.span.start as usize, t.span.end as usize);
            let mark = &text[s..e];
            let (fam, facing) = classify(mark);
            let (left, right) = flanks(text, s, e, bs, be);
            let open_double = stack.iter().rposition(|m| m.0 == Family::Double);
            let open_single = stack.iter().rposition(|m| m.0 == Family::Single);
            // a “ closes a „ (German style)
            let german_close = mark == "“" && open_double.is_some_and(|k| stack[k].2);
            let facing = if german_close {
                Facing::Close
            } else {
                match facing {
                    Facing::Either => match (left, right) {
                        (true, false) => Facing::Open,
                        (false, true) => Facing::Close,
                        _ => {
                            let open = if fam == Family::Double { open_double } else { open_single };
                            if open.is_some() {
                                Facing::Close
                            } else {
                                Facing::Open
                            }
                        }
                    },
                    // a curly mark facing the wrong way is read from its neighbours
                    Facing::Close if fam == Family::Double && left && !right && open_double.is_none() => Facing::Open,
                    f => f,
                }
            };
            match (fam, facing) {
                (Family::Double, Facing::Open) => {
                    match open_double {
                        None => {
                            stack.clear();
                            stack.push((fam, i, mark == "„"));
                        }
                        // an opening mark where only a closing one fits
                        Some(k) if !left && right => close_at(&mut stack, k, i, bi, continues, first, &mut out),
                        // a stray second opening mark: ignored
                        Some(_) => {}
                    }
                }
                (Family::Double, _) => {
                    if let Some(k) = open_double {
                        close_at(&mut stack, k, i, bi, continues, first, &mut out);
                    }
                }
                (Family::Single, Facing::Open) => {
                    // "’90s", "'08": an elided year, not a quotation
                    let elision = next_char(text, e).is_some_and(|c| c.is_ascii_digit());
                    if left && !elision && open_single.is_none_or(|k| open_double.is_some_and(|d| d > k)) {
                        stack.push((fam, i, false));
                    }
                }
                (Family::Single, _) => {
                    // closes a single mark opened after the innermost double one
                    if let Some(k) = open_single {
                        if right && open_double.is_none_or(|d| d < k) {
                            let top_level = open_double.is_none();
                            stack.truncate(k + 1);
                            let (_, o, _) = stack.pop().unwrap();
                            if top_level && i > o + 1 {
                                out.push(QuotedSpan { open: o, close: i, closed: true, block: bi, continues: continues && o <= first });
                            }
                        }
                    }
                }
            }
        }
        // a double quote left open: it runs to the end of the paragraph, and
        // continues when the next paragraph reopens it
        if let Some(k) = stack.iter().position(|m| m.0 == Family::Double) {
            let o = stack[k].1;
            if end > o + 1 {
                out.push(QuotedSpan { open: o, close: end, closed: false, block: bi, continues: continues && o <= first });
                let next = block_tokens.get(bi + 1).copied();
                if let Some((nf, ne)) = next {
                    if nf < ne
                        && doc.tokens[nf].kind == TokenKind::Quote
                        && doc.blocks[bi + 1].kind == BlockKind::Paragraph
                        && classify(&text[doc.tokens[nf].span.range()]).0 == Family::Double
                    {
                        carry = true;
                    } else if nf < ne && doc.blocks[bi + 1].kind == BlockKind::Paragraph {
                        carry_open = closes_first(doc, block_tokens[bi + 1], doc.blocks[bi + 1].span);
                    }
                }
            }
        }
    }
    out.retain(|m| !attribute_value(text, doc.tokens[m.open].span.start as usize));
    out.sort_by_key(|m| m.open);
    out
}

/// Whether the first double mark of a block faces left (closes).
fn closes_first(doc: &Doc, (first, end): (usize, usize), span: Span) -> bool {
    let text = doc.text.as_str();
    for t in &doc.tokens[first..end] {
        if t.kind != TokenKind::Quote {
            continue;
        }
        let (fam, facing) = classify(&text[t.span.range()]);
        if fam != Family::Double {
            continue;
        }
        let (left, right) = flanks(text, t.span.start as usize, t.span.end as usize, span.start as usize, span.end as usize);
        return facing == Facing::Close || facing == Facing::Either && right && !left;
    }
    false
}

/// A mark right after "=" quotes a markup attribute (`<tweet id="...">`),
/// not words.
fn attribute_value(text: &str, open_start: usize) -> bool {
    prev_char(text, open_start) == Some('=')
}

fn close_at(stack: &mut Vec<(Family, usize, bool)>, k: usize, i: usize, bi: usize, continues: bool, first: usize, out: &mut Vec<QuotedSpan>) {
    let o = stack[k].1;
    stack.truncate(k);
    if i > o + 1 {
        out.push(QuotedSpan { open: o, close: i, closed: true, block: bi, continues: continues && o <= first });
    }
}
