//! Stage 1, segmentation: blocks (title, headings, datelines, paragraphs,
//! furniture), tokens, sentences, and the spans in quotation marks.
//!
//! Plain text gives its structure through lines: a blank line always ends a
//! block; a single line break ends one too, unless the text is hard-wrapped
//! (most lines of similar, moderate length), where it is only a space.
//! Blocks given by the caller (HTML structure from ingest) are used as they
//! are and only classified when they are paragraphs.

mod marks;
mod sentences;

use crate::doc::{Block, BlockKind, Doc, Sentence, Span};
use crate::lexis::{self, lists};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Lines that are page furniture, lower case (`data/furniture.txt`).
static FURNITURE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| lists::entries(include_str!("../../data/furniture.txt")).collect());

/// Whether a whole line is page furniture ("Share", "Advertisement", a
/// line without a letter).
fn is_furniture_line(line: &str) -> bool {
    let core = line.trim_matches(|c: char| !c.is_alphanumeric());
    if !line.chars().any(char::is_alphabetic) {
        return true;
    }
    core.len() <= 40 && FURNITURE.contains(core.to_lowercase().as_str())
}

/// Runs the stage: fills `doc.blocks` (unless given), `doc.tokens`,
/// `doc.sentences`, `doc.quoted`, and the title when the first line is a
/// headline.
pub fn run(doc: &mut Doc) {
    if doc.blocks.is_empty() {
        doc.blocks = find_blocks(&doc.text, doc.title.as_deref());
    } else {
        // blocks from the source's structure (HTML): only their paragraphs
        // may still be datelines or furniture
        for b in doc.blocks.iter_mut().filter(|b| b.kind == BlockKind::Paragraph) {
            let s = &doc.text[b.span.range()];
            if is_dateline(s) {
                b.kind = BlockKind::Dateline;
            } else if is_furniture_line(s) {
                b.kind = BlockKind::Furniture;
            }
        }
    }
    if let Some(b) = doc.blocks.iter().find(|b| b.kind == BlockKind::Title) {
        doc.title_span = Some(b.span);
        if doc.title.is_none() {
            doc.title = Some(doc.text[b.span.range()].to_string());
        }
    }
    doc.tokens.clear();
    doc.sentences.clear();
    // about one token per five bytes of English
    doc.tokens.reserve(doc.text.len() / 5);
    for (bi, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::Furniture {
            continue;
        }
        let first = doc.tokens.len();
        lexis::tokenize(&doc.text, block.span.start as usize, block.span.end as usize, &mut doc.tokens);
        let toks = &doc.tokens[first..];
        if toks.is_empty() {
            continue;
        }
        let ranges = if block.kind == BlockKind::Paragraph {
            sentences::split(&doc.text, toks)
        } else {
            // titles, headings and datelines are one sentence each
            std::iter::once(0..toks.len()).collect()
        };
        for r in ranges {
            let span = Span { start: toks[r.start].span.start, end: toks[r.end - 1].span.end };
            doc.sentences.push(Sentence {
                span,
                block: bi as u32,
                first_token: (first + r.start) as u32,
                end_token: (first + r.end) as u32,
            });
        }
    }
    doc.quoted = if doc.tokens.is_empty() { Vec::new() } else { marks::pair(doc, &doc.block_tokens()) };
}

/// A line of the text without its line break and surrounding spaces.
#[derive(Clone, Copy, Debug)]
struct Line {
    span: Span,
    blank: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        if start > text.len() {
            break;
        }
        let raw = &text[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let s = start + lead;
        out.push(Line { span: Span::new(s, s + trimmed.len()), blank: trimmed.is_empty() });
        start = end + 1;
    }
    out
}

/// Hard-wrapped text: most lines that continue into another line have a
/// similar, moderate length, and none is much longer.
fn is_hard_wrapped(text: &str, lines: &[Line]) -> bool {
    let mut continued = 0;
    let mut wrapped = 0;
    for w in lines.windows(2) {
        if w[0].blank || w[1].blank {
            continue;
        }
        continued += 1;
        let n = text[w[0].span.range()].chars().count();
        if (45..=100).contains(&n) {
            wrapped += 1;
        }
    }
    let longest = lines.iter().map(|l| l.span.len()).max().unwrap_or(0);
    continued >= 3 && wrapped * 10 >= continued * 8 && longest <= 140
}

fn find_blocks(text: &str, given_title: Option<&str>) -> Vec<Block> {
    let lines = lines(text);
    let wrapped = is_hard_wrapped(text, &lines);
    // raw blocks: spans, and whether a blank line follows
    let mut raw: Vec<(Span, usize)> = Vec::new(); // (span, number of lines)
    let mut cur: Option<(Span, usize)> = None;
    for l in &lines {
        if l.blank {
            if let Some(c) = cur.take() {
                raw.push(c);
            }
            continue;
        }
        match cur.as_mut() {
            Some(c) if wrapped => {
                c.0.end = l.span.end;
                c.1 += 1;
            }
            Some(_) => {
                raw.push(cur.take().unwrap());
                cur = Some((l.span, 1));
            }
            None => cur = Some((l.span, 1)),
        }
    }
    if let Some(c) = cur.take() {
        raw.push(c);
    }

    let mut blocks: Vec<Block> = raw
        .iter()
        .map(|&(span, _)| {
            let s = &text[span.range()];
            let kind = if is_dateline(s) {
                BlockKind::Dateline
            } else if is_furniture_line(s) {
                BlockKind::Furniture
            } else {
                BlockKind::Paragraph
            };
            Block { span, kind }
        })
        .collect();

    // The title: the caller's, when the text starts with it; else the first
    // line when it reads as a headline.
    let first = blocks.iter().position(|b| b.kind != BlockKind::Furniture);
    if let Some(fi) = first {
        let s = &text[blocks[fi].span.range()];
        let one_line = raw[fi].1 == 1;
        let is_title = match given_title {
            Some(t) => normalise_ws(t) == normalise_ws(s),
            None => {
                let next = blocks[fi + 1..].iter().find(|b| b.kind != BlockKind::Furniture);
                one_line && blocks[fi].kind == BlockKind::Paragraph && next.is_some() && is_headline(s, next.map(|b| &text[b.span.range()]))
            }
        };
        if is_title {
            blocks[fi].kind = BlockKind::Title;
        }
    }

    // Sub-headings: short single lines without closing punctuation, between
    // paragraphs.
    for i in 0..blocks.len() {
        if blocks[i].kind != BlockKind::Paragraph || raw[i].1 != 1 {
            continue;
        }
        if !is_heading(&text[blocks[i].span.range()]) {
            continue;
        }
        let next_para = blocks[i + 1..].iter().find(|b| b.kind != BlockKind::Furniture);
        let next_is_text = next_para.is_some_and(|b| b.kind == BlockKind::Paragraph && word_count(&text[b.span.range()]) > word_count(&text[blocks[i].span.range()]));
        if next_is_text {
            blocks[i].kind = BlockKind::Heading;
        }
    }
    blocks
}

fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words in `s`, counted up to 40 (enough for every test made of it).
fn word_count(s: &str) -> usize {
    s.split_whitespace().take(40).count()
}

/// The last character that is not a closing quotation mark or bracket.
fn last_significant(s: &str) -> Option<char> {
    s.trim_end_matches(|c: char| matches!(c, '”' | '’' | '"' | '\'' | '»' | ')' | ']') || c.is_whitespace()).chars().next_back()
}

/// A headline: one line of at most 30 words that does not end like a
/// sentence, or does (wire headlines often do) but is followed by a byline
/// or a dateline (a short line without a final period) rather than text.
fn is_headline(line: &str, next: Option<&str>) -> bool {
    let words = word_count(line);
    if words == 0 || words > 30 || !line.chars().any(char::is_alphabetic) {
        return false;
    }
    match last_significant(line) {
        Some('.') => next.is_some_and(|n| is_dateline(n) || (word_count(n) <= 8 && !matches!(last_significant(n), Some('.' | '!' | '?')))),
        Some(',' | ';' | ':') => false,
        _ => true,
    }
}

/// A sub-heading: at most 15 words, with a letter, and no sentence-ending or
/// clause punctuation at its end.
fn is_heading(line: &str) -> bool {
    // the end first: it rules out almost every paragraph, and cheaply
    if matches!(last_significant(line), Some('.' | ',' | ';' | ':' | '?' | '!' | '…')) {
        return false;
    }
    let words = word_count(line);
    words > 0 && words <= 15 && line.chars().any(char::is_alphabetic)
}

/// A line that only dates the article: "Monday, May 18, 2015",
/// "March 01, 2008", "23 February 2025", "LONDON 1996-08-30", optionally
/// with a time ("10:00 GMT"): a short line in which the TIMEX3 tagger's
/// dateline reader finds a full date.
pub fn is_dateline(line: &str) -> bool {
    line.split_whitespace().take(10).count() <= 8 && newsgraph_timex::find_dateline(line).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;

    fn doc(text: &str) -> Doc {
        let mut d = Doc::new(DocInput::from_text("t", text));
        run(&mut d);
        d
    }
    fn kinds(d: &Doc) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, &d.text[b.span.range()])).collect()
    }
    fn sents(d: &Doc) -> Vec<&str> {
        d.sentences.iter().map(|s| &d.text[s.span.range()]).collect()
    }

    #[test]
    fn headline_furniture_headings_and_paragraphs() {
        let text = "Leaders meet for talks\n\n17\n\nThe leaders met on Monday. They talked.\n\nWhat comes next\n\nA second round is due next week in Geneva, officials said.\n";
        let d = doc(text);
        assert_eq!(
            kinds(&d),
            [
                (BlockKind::Title, "Leaders meet for talks"),
                (BlockKind::Furniture, "17"),
                (BlockKind::Paragraph, "The leaders met on Monday. They talked."),
                (BlockKind::Heading, "What comes next"),
                (BlockKind::Paragraph, "A second round is due next week in Geneva, officials said."),
            ]
        );
        assert_eq!(d.title.as_deref(), Some("Leaders meet for talks"));
        assert_eq!(d.title_span, Some(Span::new(0, 22)));
        // the furniture line is in no sentence
        assert_eq!(
            sents(&d),
            [
                "Leaders meet for talks",
                "The leaders met on Monday.",
                "They talked.",
                "What comes next",
                "A second round is due next week in Geneva, officials said."
            ]
        );
    }

    #[test]
    fn a_heading_may_quote_and_use_a_colon_inside() {
        let d = doc("Title here\n\nFirst paragraph of the story, long enough.\n\nPutin: ‘God Willed It’\n\nThe next paragraph, which runs on for a while.\n");
        assert_eq!(d.blocks[2].kind, BlockKind::Heading);
    }

    #[test]
    fn the_first_line_is_not_a_title_when_it_runs_on() {
        let d = doc("The minister resigned on Monday, citing ill health,\nand left the capital.\n");
        assert!(d.title.is_none());
        let d = doc("The minister resigned on Monday after a long row over the budget that had split the cabinet.\n\nHis deputy takes over.\n");
        assert!(d.title.is_none());
    }

    #[test]
    fn a_wire_headline_with_a_period_before_a_byline() {
        let d = doc("EU rejects call to boycott lamb.\nPeter Smith\nBRUSSELS 1996-08-22\nThe Commission said on Thursday it disagreed.\n");
        assert_eq!(d.title.as_deref(), Some("EU rejects call to boycott lamb."));
        assert_eq!(d.blocks[2].kind, BlockKind::Dateline);
    }

    #[test]
    fn datelines() {
        assert!(is_dateline("Monday, May 18, 2015"));
        assert!(is_dateline("March 01, 2008"));
        assert!(is_dateline("23 February 2025"));
        assert!(is_dateline("LONDON 1996-08-30"));
        assert!(is_dateline("Updated: Feb 23, 2025 10:00 GMT"));
        assert!(!is_dateline("May he rest in peace 2015"));
        assert!(!is_dateline("17"));
        let d = doc("A headline\nTuesday, September 1, 2015\n\nThe story starts here and runs on.\n");
        assert_eq!(d.blocks[1].kind, BlockKind::Dateline);
        // a dateline is still text: its date is a time expression
        assert_eq!(sents(&d)[1], "Tuesday, September 1, 2015");
    }

    #[test]
    fn single_line_breaks_end_paragraphs_unless_hard_wrapped() {
        let d = doc("One line here.\nAnother line there.\n");
        assert_eq!(d.blocks.len(), 2);
        let wrapped = "The committee met on Tuesday to discuss the proposal which had been\n\
                       tabled by the minister in the previous session of the parliament and\n\
                       which several members had criticised as premature and badly costed by\n\
                       the department, according to people familiar with the discussions.\n\n\
                       A vote is expected next month.\n";
        let d = doc(wrapped);
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.sentences.len(), 2);
        assert!(d.str(d.sentences[0].span).ends_with("discussions."));
    }

    #[test]
    fn given_blocks_are_kept_and_their_paragraphs_classified() {
        let text = "What comes next\n\nShare\n\nThe talks resume on Monday.";
        let blocks = vec![
            Block { span: Span::new(0, 15), kind: BlockKind::Heading },
            Block { span: Span::new(17, 22), kind: BlockKind::Paragraph },
            Block { span: Span::new(24, 51), kind: BlockKind::Paragraph },
        ];
        let mut d = Doc::new(DocInput { blocks, ..DocInput::from_text("t", text) });
        run(&mut d);
        assert_eq!(kinds(&d), [(BlockKind::Heading, "What comes next"), (BlockKind::Furniture, "Share"), (BlockKind::Paragraph, "The talks resume on Monday.")]);
    }

    #[test]
    fn furniture_lines() {
        let d = doc("Headline of the day\n\nShare\n\nAdvertisement\n\nReal text of the article starts here.\n");
        assert_eq!(d.blocks[1].kind, BlockKind::Furniture);
        assert_eq!(d.blocks[2].kind, BlockKind::Furniture);
        assert_eq!(sents(&d), ["Headline of the day", "Real text of the article starts here."]);
    }

    #[test]
    fn every_sentence_and_token_lies_inside_its_block() {
        let d = doc("Title\n\n“Quote one,” he said. Then more… And “nested ‘marks’ here.”\n\nLast one.");
        for s in &d.sentences {
            let b = d.blocks[s.block as usize];
            assert!(b.span.contains(s.span));
            for t in &d.tokens[s.tokens()] {
                assert!(s.span.contains(t.span));
            }
        }
    }
}
