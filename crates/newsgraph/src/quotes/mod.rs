//! Stage 3, quotes: who said what, to whom, through which cue.
//!
//! 1. the spans in quotation marks are segmentation's (`Doc::quoted`);
//! 2. [`attrib`] finds every cue (speech verbs, "according to") outside
//!    them, with the speaker mention read from the tokens;
//! 3. each quoted span takes the cue of its frame ("…,” X said", "X said:
//!    “…", "called him a “…”"), or continues the quote before it;
//! 4. cues with a clause and no quotation marks give reported speech;
//! 5. speakers are linked to the entity layer by their head word ("Costa" in
//!    "European Council President António Costa"); a pronoun the entity layer
//!    has not resolved takes the entity of the last named speaker.
//!
//! Each quote records the pattern that found its speaker (`Quote::pattern`);
//! its confidence is that pattern's measured share of right speakers, a
//! table made by `examples/quotes.rs calibrate` (`data/quotes/confidence.tsv`).
//! Everything works on tokens; word lists are in `data/quotes/`.

mod attrib;
mod lexicon;

use crate::doc::{Attribution, BlockKind, Doc, EntityType, Quote, QuoteKind, QuotedSpan, Span, Speaker, TokenKind};
use crate::lexis::closed::{QUESTION_WORDS, SUBORDINATORS};
use attrib::{Ctx, Cue, Frame, Range};
use lexicon::{Form, ADDRESSEE, BELIEF, DET, NAMING, NEEDS_THAT, PRON, SPEECH, STOP, TIMEPREP};

/// Runs the stage: fills `doc.quotes`, in text order.
pub fn run(doc: &mut Doc) {
    let quotes = find(doc);
    doc.quotes = quotes;
}

/// A quote before it becomes a [`Quote`]: token ranges.
#[derive(Clone)]
struct Found {
    kind: QuoteKind,
    content: Span,
    block: usize,
    cue: Option<Cue>,
    speaker: Option<Range>,
    pattern: Attribution,
}

fn find(doc: &Doc) -> Vec<Quote> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let blocks = doc.block_tokens();
    let mut cx = Ctx { doc, lex: &lexicon::LEXICON, inside: doc.inside_quotes(), title_case: Default::default() };
    let marked = quotations(&mut cx);
    let cues = cues(&cx, &blocks);
    cx.title_case.set((0, 0));
    let mut found: Vec<Found> = Vec::new();
    for m in &marked {
        let f = attribute_mark(&cx, &blocks, m, &cues, &found);
        // marks around nothing but spaces quote nothing
        if !f.content.is_empty() {
            found.push(f);
        }
    }
    for c in &cues {
        if let Some(f) = reported(&cx, c, &marked) {
            found.push(f);
        }
    }
    found.sort_by_key(|f| (f.content.start, f.content.end));
    let mut out = in_order(&cx, &blocks, &cues, &found);
    headline_speakers(doc, &mut out);
    out
}

/// The spans in quotation marks that quote someone: a title in quotation
/// marks is no quotation, its words are the reporter's (and no longer
/// count as quoted).
fn quotations(cx: &mut Ctx) -> Vec<QuotedSpan> {
    let mut marked = cx.doc.quoted.clone();
    let titles: Vec<QuotedSpan> = marked.iter().filter(|m| is_title(cx, m)).copied().collect();
    for t in &titles {
        cx.inside[t.open..=t.close].fill(false);
    }
    marked.retain(|m| !titles.contains(m));
    marked
}

/// Every cue outside quotation marks, in text order, with its speaker.
fn cues(cx: &Ctx, blocks: &[(usize, usize)]) -> Vec<Cue> {
    let doc = cx.doc;
    let mut cues: Vec<Cue> = Vec::new();
    for (bi, &(bf, be)) in blocks.iter().enumerate() {
        let kind = doc.blocks[bi].kind;
        if bf == be || !matches!(kind, BlockKind::Paragraph | BlockKind::Title | BlockKind::Heading) {
            continue;
        }
        let headline = kind != BlockKind::Paragraph;
        cx.title_case.set(if headline { (bf, be) } else { (0, 0) });
        let mut lo = bf;
        while lo < be {
            let hi = cx.clause_end(lo, be);
            for v in lo..hi {
                // cues are lower-case words: most tokens end here
                let first = doc.text.as_bytes()[doc.tokens[v].span.start as usize];
                if doc.tokens[v].kind != TokenKind::Word || !(first.is_ascii_lowercase() || first == b'A' || headline) {
                    continue;
                }
                if cx.is(v, "according") && v + 1 < hi && cx.is(v + 1, "to") {
                    let speaker = cx.np_right(v + 2, hi);
                    let verb = lexicon::Verb { flags: SPEECH, form: Form::Past };
                    cues.push(Cue { tok: v, end: v + 2, verb, speaker, addressee: None, frame: Frame::AccordingTo, lo, hi });
                    continue;
                }
                if let Some(verb) = cx.is_cue(v, lo) {
                    let cue = cx.read_cue(v, verb, lo, hi, &cues);
                    cues.push(cue);
                }
            }
            lo = if hi < be && cx.boundary(hi) { hi + 1 } else { hi.max(lo + 1) };
        }
    }
    cues
}

/// The speaker a quote continues, when no cue of its own gave it one.
#[derive(Clone, Copy)]
struct Previous {
    /// The block, speaker and cue of the last attributed quote.
    last: Option<(usize, Option<Range>, Option<Cue>)>,
    /// The same, of quotation-mark quotes only, with where the quote ends.
    last_quote: Option<(usize, Option<Range>, Option<Cue>, u32)>,
}

/// The quotes in text order: those with no cue of their own continue the
/// speaker before them; pronoun speakers take an antecedent.
fn in_order(cx: &Ctx, blocks: &[(usize, usize)], cues: &[Cue], found: &[Found]) -> Vec<Quote> {
    let (doc, lex) = (cx.doc, cx.lex);
    let mut out = Vec::with_capacity(found.len());
    let mut last_named: Option<Range> = None;
    let mut prev = Previous { last: None, last_quote: None };
    for f in found {
        let (mut speaker, mut pattern, mut cue) = (f.speaker, f.pattern, f.cue);
        if speaker.is_none() && pattern == Attribution::Continued {
            (speaker, cue, pattern) = continued(cx, blocks, cues, f, prev);
        }
        if f.kind == QuoteKind::Partial && speaker.is_none() && words_in(cx, f.content) < 5 {
            // a few words in quotation marks with no one saying them: a title or a scare quote
            continue;
        }
        let antecedent = speaker.and_then(|sp| (sp.1 - sp.0 == 1).then(|| antecedent_of(cx, sp.0, last_named))?);
        if let Some(sp) = speaker {
            if cx.name_like(sp) && (sp.0..sp.1).any(|i| cx.cap(i) && cx.class(i) & (STOP | PRON) == 0) {
                last_named = Some(sp);
            }
        }
        if speaker.is_some() {
            prev.last = Some((f.block, speaker, cue));
            if f.kind != QuoteKind::Indirect {
                prev.last_quote = Some((f.block, speaker, cue, f.content.end));
            }
        }
        let flag = cue.and_then(|c| flag_of(cx, &c, f.content));
        out.push(Quote {
            kind: f.kind,
            content: f.content,
            speaker: speaker.map(|r| {
                let span = span_of(doc, r);
                // a pronoun the entity layer has not resolved refers to its antecedent's entity
                let entity = speaker_entity(cx, r).or_else(|| antecedent.and_then(|a| doc.entity_at(a)));
                Speaker { span, entity, antecedent }
            }),
            cue: cue.map(|c| span_of(doc, (c.tok, c.end))),
            addressee: cue.and_then(|c| c.addressee).map(|r| span_of(doc, r)),
            confidence: if speaker.is_some() { lex.confidence(pattern) } else { lex.confidence(Attribution::Unattributed) },
            flag,
            pattern: if speaker.is_some() { pattern } else { Attribution::Unattributed },
        });
    }
    out
}

/// The speaker, cue and pattern of a quote with no cue of its own: the
/// quote before it in its paragraph; or, for a paragraph that opens with a
/// quote, the cue that introduced it ("X said:"), the subject of a clause
/// that a colon ends ("X issued the following statement:"), or the quote
/// that ended the paragraph before.
fn continued(cx: &Ctx, blocks: &[(usize, usize)], cues: &[Cue], f: &Found, prev: Previous) -> (Option<Range>, Option<Cue>, Attribution) {
    if let Some((b, sp, c)) = prev.last {
        if b == f.block {
            return (sp, c, f.pattern);
        }
    }
    let before_block = prev_paragraph(cx.doc, f.block);
    let intro = before_block.and_then(|p| {
        let (pf, pe) = blocks[p];
        (pe > pf && cx.txt(pe - 1) == ":").then(|| before(cues, pe).take_while(|c| c.tok >= pf).find(|c| c.speaker.is_some()))?
    });
    if let Some(c) = intro {
        return (c.speaker, Some(*c), Attribution::ContinuedParagraph);
    }
    let colon_subject = before_block.and_then(|p| {
        let (pf, pe) = blocks[p];
        (pe > pf + 1 && cx.txt(pe - 1) == ":").then(|| cx.clause_subject(cx.clause_start(pe - 1, pf), pe - 1))?
    });
    if let Some(np) = colon_subject {
        return (Some(np), f.cue, Attribution::Colon);
    }
    if let Some((_, sp, c, _)) = prev.last_quote.filter(|l| Some(l.0) == before_block && ends_paragraph(cx, blocks[l.0], l.3)) {
        return (sp, c, Attribution::ContinuedParagraph);
    }
    (None, f.cue, Attribution::Unattributed)
}

/// Letters and digits of a text, lower-cased: what two quotations share
/// when one repeats the other.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A headline quotes the body: the speaker of a headline quote is the
/// speaker of the body quote that has the same words ("‘Promising’" in a
/// heading, “promising” said by a spokesman below).
fn headline_speakers(doc: &Doc, quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        if quotes[i].kind != QuoteKind::Headline || quotes[i].speaker.is_some() {
            continue;
        }
        let h = letters(doc.str(quotes[i].content));
        if h.len() < 3 {
            continue;
        }
        let source = quotes.iter().find(|q| q.kind != QuoteKind::Headline && q.speaker.is_some() && letters(doc.str(q.content)).contains(&h));
        if let Some(src) = source {
            let speaker = src.speaker;
            let q = &mut quotes[i];
            q.speaker = speaker;
            q.cue = None;
            q.pattern = Attribution::Headline;
            q.confidence = lexicon::LEXICON.confidence(Attribution::Headline);
        }
    }
}

/// The entity of a speaker phrase: the one its head names ("Costa" in
/// "European Council President António Costa"), else one named after a
/// possessive ("TASS" in "Russia’s TASS news agency"), never the possessor
/// ("Ukraine’s air force" is not Ukraine).
fn speaker_entity(cx: &Ctx, r: Range) -> Option<u32> {
    let doc = cx.doc;
    let mut head = r.1 - 1;
    if cx.txt(head) == ")" {
        head = (r.0..head).rev().find(|&x| cx.txt(x) == "(").map_or(head, |o| o.saturating_sub(1).max(r.0));
    }
    if let Some(e) = doc.entity_at(doc.tokens[head].span) {
        return Some(e);
    }
    let owned = (r.0..r.1).rev().find(|&x| cx.kind(x) == TokenKind::Clitic).map_or(r.0, |x| x + 1);
    // only a person or an organisation: "the Ukrainian leader" is not Ukrainians
    let e = (owned < r.1).then(|| doc.entity_at(span_of(doc, (owned, r.1))))??;
    matches!(doc.entities[e as usize].kind, EntityType::Person | EntityType::Org).then_some(e)
}

/// The named speaker a pronoun speaker refers to: the last one named
/// before it, for "he" and "she"; for "it" and "they" only when the entity
/// layer knows that speaker is not a person (an organisation, a country).
fn antecedent_of(cx: &Ctx, pron: usize, last_named: Option<Range>) -> Option<Span> {
    let named = span_of(cx.doc, last_named?);
    if cx.is(pron, "he") || cx.is(pron, "she") {
        return Some(named);
    }
    if cx.is(pron, "it") || cx.is(pron, "they") {
        let e = cx.doc.entity_at(named)?;
        return (cx.doc.entities[e as usize].kind != EntityType::Person).then_some(named);
    }
    None
}

/// A title in quotation marks: words in title case after a preposition or a
/// possessive ("appeared on “Fox News Sunday”", "NBC’s “Meet the Press”").
fn is_title(cx: &Ctx, m: &QuotedSpan) -> bool {
    if m.open == 0 || !m.closed {
        return false;
    }
    let before = m.open - 1;
    let after_prep = cx.kind(before) == TokenKind::Clitic || cx.class(before) & STOP != 0 && !cx.is(before, "that") && !cx.is(before, "as");
    let words = (m.open + 1..m.close).filter(|&i| cx.kind(i) == TokenKind::Word);
    let (mut n, mut caps) = (0, 0);
    for i in words {
        n += 1;
        caps += (cx.cap(i) || cx.class(i) & (STOP | DET) != 0) as usize;
    }
    after_prep && n > 0 && n <= 8 && caps == n && cx.cap(m.open + 1)
}

/// The number of words in a span.
fn words_in(cx: &Ctx, span: Span) -> usize {
    let t = &cx.doc.tokens;
    let from = t.partition_point(|x| x.span.start < span.start);
    t[from..].iter().take_while(|x| x.span.end <= span.end).filter(|x| x.kind == TokenKind::Word).count()
}

/// The cues before token `tok`, nearest first (`cues` is in text order).
fn before(cues: &[Cue], tok: usize) -> impl Iterator<Item = &Cue> {
    cues[..cues.partition_point(|c| c.tok < tok)].iter().rev()
}

/// Whether a quote ending at byte `end` is in the last sentence of its
/// paragraph (tokens `[pf, pe)`).
fn ends_paragraph(cx: &Ctx, (pf, pe): (usize, usize), end: u32) -> bool {
    pe > pf && end >= cx.doc.tokens[cx.clause_start(pe - 1, pf)].span.start
}

fn prev_paragraph(doc: &Doc, block: usize) -> Option<usize> {
    (0..block).rev().find(|&b| doc.blocks[b].kind != BlockKind::Furniture)
}

fn span_of(doc: &Doc, r: Range) -> Span {
    doc.token_span(r.0, r.1)
}

/// The text between two token positions, trimmed of spaces.
fn between(doc: &Doc, start: usize, end: usize) -> Span {
    let t = &doc.text[start..end];
    let s = start + (t.len() - t.trim_start().len());
    let e = end - (t.len() - t.trim_end().len());
    Span::new(s, e.max(s))
}

/// Attributes one quoted span: a quote in a headline, then by the cue
/// after it, the cue before it, the cue of its sentence (a phrase), else
/// it continues the speaker before it (resolved in order by `in_order`).
fn attribute_mark(cx: &Ctx, blocks: &[(usize, usize)], m: &QuotedSpan, cues: &[Cue], found: &[Found]) -> Found {
    let doc = cx.doc;
    let (bf, be) = blocks[m.block];
    let cstart = doc.tokens[m.open].span.end as usize;
    let cend = if m.closed { doc.tokens[m.close].span.start as usize } else { doc.tokens[be - 1].span.end as usize };
    let content = between(doc, cstart, cend);
    let f = Found { kind: QuoteKind::Direct, content, block: m.block, cue: None, speaker: None, pattern: Attribution::Unattributed };
    if matches!(doc.blocks[m.block].kind, BlockKind::Title | BlockKind::Heading) {
        return headline_quote(cx, m, bf, f);
    }
    let frame = QuoteFrame::of(cx, m, (bf, be));
    let f = Found { kind: frame.kind(cx, m, bf), ..f };
    if let Some(f) = after_quote(cx, m, &frame, cues, f.clone()) {
        return f;
    }
    if let Some(f) = before_quote(cx, m, &frame, cues, f.clone()) {
        return f;
    }
    if f.kind == QuoteKind::Partial {
        return in_sentence(cx, m, &frame, bf, cues, found, f);
    }
    Found { pattern: Attribution::Continued, ..f }
}

/// "Putin: ‘God Willed It’": a headline quote, its speaker before a colon.
fn headline_quote(cx: &Ctx, m: &QuotedSpan, bf: usize, mut f: Found) -> Found {
    f.kind = QuoteKind::Headline;
    if m.open >= bf + 2 && cx.txt(m.open - 1) == ":" {
        if let Some(np) = cx.np_left(m.open - 1, bf).filter(|np| cx.name_like(*np)) {
            f.speaker = Some(np);
            f.pattern = Attribution::Headline;
        }
    }
    f
}

/// The reporter's sentence around a quotation: tokens `[lo, hi)` up to the
/// nearest boundaries, and whether the quotation ends open ("…,").
struct QuoteFrame {
    lo: usize,
    hi: usize,
    ends_open: bool,
}

impl QuoteFrame {
    fn of(cx: &Ctx, m: &QuotedSpan, (bf, be): (usize, usize)) -> QuoteFrame {
        let lo = {
            let mut k = m.open;
            while k > bf && k + attrib::MAX_CLAUSE > m.open && !cx.boundary(k - 1) && !cx.inside[k - 1] {
                k -= 1;
            }
            k
        };
        let hi = if m.closed {
            let mut k = m.close + 1;
            while k < be && k < m.close + attrib::MAX_CLAUSE && !cx.boundary(k) && !cx.inside[k] {
                k += 1;
            }
            k
        } else {
            be
        };
        let last_inner = if m.closed { m.close - 1 } else { be - 1 };
        let ends_open = matches!(cx.txt(last_inner), "," | "?" | "!" | "—" | "–" | "…" | "...") || cx.kind(last_inner) == TokenKind::Dash;
        QuoteFrame { lo, hi, ends_open }
    }

    /// What the quotation is in its sentence: the whole of it, or a phrase.
    fn kind(&self, cx: &Ctx, m: &QuotedSpan, bf: usize) -> QuoteKind {
        let lo = self.lo;
        let starts_sentence = m.open == lo || (m.open > lo && matches!(cx.txt(m.open - 1), ":" | ","));
        let first_inner = m.open + 1;
        let upper = first_inner < cx.doc.tokens.len() && (cx.cap(first_inner) || cx.kind(first_inner) != TokenKind::Word);
        // "“A,” X said, “and B.”": the second half of an interrupted quote
        let interrupted = lo > bf && cx.inside[lo - 1] && m.open > lo && cx.txt(m.open - 1) == ",";
        if starts_sentence && (upper || interrupted) || (m.open == lo && self.ends_open) || m.continues {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        }
    }
}

/// After the quote: "…,” X said" / "…,” said X" / "…,” according to X".
fn after_quote(cx: &Ctx, m: &QuotedSpan, frame: &QuoteFrame, cues: &[Cue], mut f: Found) -> Option<Found> {
    let (hi, ends_open) = (frame.hi, frame.ends_open);
    if m.closed && m.close + 1 < hi {
        let mut k = m.close + 1;
        let comma = matches!(cx.txt(k), "," | "—" | "–") || cx.kind(k) == TokenKind::Dash;
        if comma {
            k += 1;
        }
        // no comma: a cue must follow at once ("…” she said.", "…” said Karimi")
        if comma || ends_open || cx.wordlike(k) {
            // the first cue of the frame, whose speaker opens it ("…,” Peskov, the
            // Kremlin spokesman, said") or follows it ("…,” said Peskov")
            let cue = cues[cues.partition_point(|c| c.tok < k)..].iter().take_while(|c| c.tok < hi).find(|c| c.verb.flags & (SPEECH | BELIEF) != 0 && c.verb.form != Form::Ing);
            if let Some(c) = cue {
                let opens = c.speaker.is_some_and(|sp| sp.0 == k && sp.1 <= c.tok);
                let follows = c.tok == k && c.speaker.is_some_and(|sp| sp.0 > c.tok);
                if opens || follows || c.tok == k && c.frame == Frame::AccordingTo {
                    f.cue = Some(*c);
                    f.speaker = c.speaker;
                    f.pattern = match c.frame {
                        Frame::Inverted => Attribution::Inverted,
                        Frame::AccordingTo => Attribution::AccordingTo,
                        _ => Attribution::Post,
                    };
                    return Some(f);
                }
                // "…” a staffer in the room wondered" / "…” the tall, bearded man said":
                // the noun phrase that opens the frame, when a cue closes it soon
                let plain = (k..c.tok).all(|x| !cx.inside[x] && cx.kind(x) != TokenKind::Quote && cx.verb(x).is_none());
                if plain && c.tok <= k + 12 && f.kind == QuoteKind::Direct && ends_open && !cx.opens_with_phrase(k) {
                    if let Some(np) = cx.np_right(k, c.tok).filter(|np| cx.name_like(*np)) {
                        let mut c = *c;
                        c.speaker = Some(np);
                        f.cue = Some(c);
                        f.speaker = Some(np);
                        f.pattern = Attribution::PostPhrase;
                        return Some(f);
                    }
                }
            }
        }
    }
    None
}

/// Before it: "X said: “…" / "called both leaders “…”" / "said that “…";
/// or "Clinton: “…" / "The campaign put it carefully: “…": the subject of
/// the clause a colon ends.
fn before_quote(cx: &Ctx, m: &QuotedSpan, frame: &QuoteFrame, cues: &[Cue], mut f: Found) -> Option<Found> {
    let lo = frame.lo;
    if m.open > lo {
        let mut j = m.open;
        if matches!(cx.txt(j - 1), ":" | ",") {
            j -= 1;
        }
        let reach = if f.kind == QuoteKind::Direct { 8 } else { 14 };
        let cue = before(cues, j).take_while(|c| c.tok >= lo && c.tok + reach >= j).next();
        if let Some(c) = cue {
            f.cue = Some(*c);
            f.speaker = c.speaker;
            f.pattern = c.frame.attribution_before();
            if f.kind == QuoteKind::Partial && c.verb.flags & NAMING == 0 && c.frame == Frame::Subject {
                f.pattern = Attribution::Sentence;
            }
            return Some(f);
        }
    }
    if m.open > lo && cx.txt(m.open - 1) == ":" && f.kind == QuoteKind::Direct {
        if let Some(np) = cx.clause_subject(lo, m.open - 1) {
            f.speaker = Some(np);
            f.pattern = Attribution::Colon;
            return Some(f);
        }
    }
    None
}

/// A phrase in a sentence with a cue: the nearest cue before it, or the
/// cue of an earlier quotation of the same sentence.
fn in_sentence(cx: &Ctx, m: &QuotedSpan, frame: &QuoteFrame, bf: usize, cues: &[Cue], found: &[Found], mut f: Found) -> Found {
    let lo = frame.lo;
    let slo = cx.clause_start(m.open, bf);
    if let Some(c) = before(cues, m.open).take_while(|c| c.tok >= slo && c.tok + 30 >= m.open).next() {
        f.cue = Some(*c);
        f.speaker = c.speaker;
        f.pattern = Attribution::Sentence;
        return f;
    }
    // or an earlier quotation of the same sentence
    if let Some(p) = found.iter().rev().take_while(|p| p.block == m.block).find(|p| p.cue.is_some_and(|c| c.lo <= m.open && m.open < c.hi.max(lo))) {
        f.cue = p.cue;
        f.speaker = p.speaker;
        f.pattern = Attribution::Sentence;
        return f;
    }
    f
}

/// Reported speech from a cue: the clause it introduces, or the clause
/// before it ("…, X said."), or around "according to X".
fn reported(cx: &Ctx, c: &Cue, marked: &[QuotedSpan]) -> Option<Found> {
    let doc = cx.doc;
    let (lo, hi) = (c.lo, c.hi);
    let si = doc.sentences.partition_point(|s| (s.end_token as usize) <= c.tok);
    let block = doc.sentences.get(si)?.block as usize;
    let flags = c.verb.flags;
    if flags & (SPEECH | BELIEF) == 0 {
        // "X criticized the plan as a giveaway": what a verb of naming or judging
        // says of its object, when no quotation carries it
        // ("referring to the votes" points at something and says nothing of it)
        if flags & NAMING == 0 || c.speaker.is_none() || c.end >= hi || cx.is(c.end, "to") || (c.end..hi).any(|i| cx.inside[i]) {
            return None;
        }
        let end = clause_stop(cx, c.end, hi);
        if end <= c.end + 2 {
            return None;
        }
        return Some(Found { kind: QuoteKind::Indirect, content: span_between_tokens(cx, c.end, end)?, block, cue: Some(*c), speaker: c.speaker, pattern: Attribution::Naming });
    }
    let (start, pattern) = if c.frame == Frame::AccordingTo {
        // "according to X, CLAUSE" / "CLAUSE, according to X"
        let np_end = c.speaker.map_or(c.end, |s| s.1);
        if c.tok > lo && cx.txt(c.tok - 1) == "," {
            (lo, Attribution::AccordingTo)
        } else if np_end < hi && cx.txt(np_end) == "," {
            (np_end + 1, Attribution::AccordingTo)
        } else {
            return None;
        }
    } else {
        // "…, said the minister": the words after the verb are its subject
        let comp = if c.frame == Frame::Inverted {
            None
        } else if flags & lexicon::ASKS != 0 && c.end + 1 < hi && cx.wordlike(c.end) && cx.class(c.end) & lexicon::TIME == 0 {
            // "asked the judge to block the rule", "asked why": the question or request
            Some(c.end)
        } else {
            complement(cx, c)
        };
        match comp {
            Some(k) => (
                k,
                if flags & BELIEF != 0 {
                    Attribution::Belief
                } else if cx.is(k - 1, "that") {
                    Attribution::IndirectThat
                } else {
                    Attribution::IndirectBare
                },
            ),
            None => {
                // "CLAUSE, X said." : the clause before the frame
                let frame_start = match c.speaker {
                    Some(sp) if sp.1 <= c.tok => sp.0,
                    _ => c.tok,
                };
                let tail = match c.speaker {
                    Some(sp) if sp.0 > c.tok => sp.1,
                    _ => c.addressee.map_or(c.end, |a| a.1),
                };
                // the frame ends the sentence, or a phrase follows it, not a quotation
                let quote_follows = tail + 1 < hi && cx.txt(tail) == "," && cx.kind(tail + 1) == TokenKind::Quote;
                let ends = !quote_follows && (tail >= hi || matches!(cx.txt(tail), "," | ";") || cx.class(tail) & TIMEPREP != 0 || cx.is(tail, "in"));
                // "Asked about it, she said …" / "When asked, he said …": an opening
                // phrase, not a reported clause
                let lo = if subordinate(cx, lo) {
                    // the reported clause starts after the opening phrase's comma
                    match (lo..frame_start).find(|&x| cx.txt(x) == ",") {
                        Some(x) if x + 1 < frame_start => x + 1,
                        _ => return None,
                    }
                } else {
                    lo
                };
                if frame_start > lo + 2 && matches!(cx.txt(frame_start - 1), "," | "—" | "–") && ends && flags & SPEECH != 0 {
                    let end = frame_start - 1;
                    if (lo..end).any(|i| cx.inside[i]) && marked.iter().any(|m| m.open >= lo && m.close < end + 1) {
                        // the clause is a quotation: the mark quote has it
                        return None;
                    }
                    return Some(Found {
                        kind: QuoteKind::Indirect,
                        content: span_between_tokens(cx, lo, end)?,
                        block,
                        cue: Some(*c),
                        speaker: c.speaker,
                        pattern: Attribution::IndirectFinal,
                    });
                }
                return None;
            }
        }
    };
    let end = if c.frame == Frame::AccordingTo && start == lo { c.tok - 1 } else { clause_stop(cx, start, hi) };
    if end <= start + 1 {
        return None;
    }
    // a clause that is one quotation is the direct quote's, not reported speech
    if cx.kind(start) == TokenKind::Quote && marked.iter().any(|m| m.open == start && m.close + 2 >= end) {
        return None;
    }
    Some(Found { kind: QuoteKind::Indirect, content: span_between_tokens(cx, start, end)?, block, cue: Some(*c), speaker: c.speaker, pattern })
}

fn span_between_tokens(cx: &Ctx, start: usize, end: usize) -> Option<Span> {
    let mut e = end;
    // drop a final comma or dash
    while e > start && matches!(cx.kind(e - 1), TokenKind::Punct | TokenKind::Dash) && cx.txt(e - 1) != ")" {
        e -= 1;
    }
    if e <= start {
        return None;
    }
    let t = &cx.doc.tokens;
    Some(Span { start: t[start].span.start, end: t[e - 1].span.end })
}

/// Where the clause of a cue starts: after "that", after the addressee, or
/// right after the verb when a clause follows at once ("said he would").
fn complement(cx: &Ctx, c: &Cue) -> Option<usize> {
    let hi = c.hi;
    let mut k = c.addressee.map_or(c.end, |a| a.1);
    if k >= hi {
        return None;
    }
    if cx.is(k, "that") {
        return Some(k + 1);
    }
    if cx.txt(k) == ":" {
        return (k + 1 < hi).then_some(k + 1);
    }
    // "stated on Sunday — the eve of ... — that", "said late Wednesday that":
    // an inserted phrase before "that"
    let mut x = k;
    while x < hi && x < k + 16 {
        if cx.inside[x] || cx.txt(x) == ";" || cx.verb(x).is_some() {
            break;
        }
        if cx.is(x, "that") {
            return Some(x + 1);
        }
        x += 1;
    }
    if c.verb.flags & NEEDS_THAT != 0 {
        return None;
    }
    if c.verb.flags & ADDRESSEE != 0 && c.addressee.is_none() && c.verb.flags & SPEECH != 0 && !cx.is(c.tok, "warned") {
        // "told" with no addressee reads no clause
        return None;
    }
    // a clause starts at once: a pronoun, a determiner, a name
    while k < hi && cx.kind(k) == TokenKind::Quote && !cx.inside[k] {
        k += 1;
    }
    let w = k;
    if w >= hi || !cx.wordlike(w) {
        return None;
    }
    let cl = cx.class(w);
    // "asked whether", "wondered why", "did not say if"
    if QUESTION_WORDS.iter().any(|q| cx.is(w, q)) {
        return Some(w);
    }
    if cl & lexicon::TIME != 0 {
        return None;
    }
    if cl & (PRON | DET) != 0 || cx.is(w, "there") || (cx.cap(w) && cl & STOP == 0) || cx.kind(w) == TokenKind::Number {
        if cx.is(w, "it") && c.verb.flags & SPEECH != 0 && w + 1 < hi && !cx.wordlike(w + 1) {
            return None; // "said it."
        }
        return Some(w);
    }
    // "said investigators were", "says millions lost": a plain word opens
    // the clause of a verb of saying
    let plain = cl == 0 && !cx.cap(w) && cx.kind(w) == TokenKind::Word && cx.lex.verb(cx.txt(w)).is_none() && !cx.txt(w).ends_with("ly");
    if plain && c.verb.flags & SPEECH != 0 && w + 2 < hi && cx.wordlike(w + 1) {
        return Some(w);
    }
    None
}

/// Whether the clause group opens with a subordinate phrase ("When
/// asked, …", "Asked about it, …", "Speaking in Ohio, …").
fn subordinate(cx: &Ctx, k: usize) -> bool {
    let t = cx.txt(k);
    SUBORDINATORS.iter().any(|w| cx.is(k, w)) || cx.cap(k) && cx.kind(k) == TokenKind::Word && t.len() > 5 && (t.ends_with("ed") || t.ends_with("ing"))
}

/// Where a reported clause ends: the sentence end, a semicolon, or a frame
/// set off by a comma ("…, adding that", "…, according to", "…, he said").
fn clause_stop(cx: &Ctx, start: usize, hi: usize) -> usize {
    let mut k = start;
    let hi = hi.min(start + attrib::MAX_CLAUSE);
    while k < hi {
        let t = cx.txt(k);
        if t == ";" && !cx.inside[k] {
            return k;
        }
        // "… and warned that …": a coordinated cue starts a clause of its own
        if (t == "and" || t == "but") && !cx.inside[k] && k + 1 < hi && cx.is_cue(k + 1, start).is_some() {
            return k;
        }
        if t == "," && !cx.inside[k] && k + 1 < hi {
            let n = k + 1;
            if cx.is(n, "according") || flag_at(cx, n, hi) {
                return k;
            }
            if let Some(v) = cx.verb(n) {
                if v.form == Form::Ing && v.flags & (SPEECH | NAMING) != 0 {
                    return k;
                }
            }
            // ", he said" / ", the minister added"
            if let Some(np) = cx.np_right(n, hi) {
                if np.1 < hi && cx.verb(np.1).is_some_and(|v| v.flags & SPEECH != 0 && matches!(v.form, Form::Past | Form::Third)) {
                    return k;
                }
            }
        }
        k += 1;
    }
    hi
}

/// The reporter's mark on a claim: a flag phrase between the speaker and
/// the content ("falsely claimed", "asserted — contrary to polls — that").
fn flag_of(cx: &Ctx, c: &Cue, content: Span) -> Option<String> {
    let doc = cx.doc;
    let from = c.speaker.map_or(c.tok.saturating_sub(2), |s| s.1.min(c.tok)).max(c.lo);
    let mut to = c.end;
    while to < c.hi && doc.tokens[to].span.end <= content.start {
        to += 1;
    }
    // "... without evidence" after the claim, to the end of its sentence
    let after = doc.tokens.partition_point(|t| t.span.end <= content.end);
    let mut end = after;
    while end < doc.tokens.len() && end < after + 12 && !cx.boundary(end) && !cx.inside[end] {
        end += 1;
    }
    [(from, to), (after, end)].into_iter().find_map(|(a, b)| find_flag(cx, a, b)).map(str::to_string)
}

/// Whether a flag phrase starts at token `i` ("…, without evidence").
fn flag_at(cx: &Ctx, i: usize, hi: usize) -> bool {
    cx.lex.flags.iter().any(|(phrase, _)| phrase.iter().enumerate().all(|(n, w)| i + n < hi && cx.is(i + n, w)))
}

/// The first flag phrase in tokens `[from, to)`.
fn find_flag(cx: &Ctx, from: usize, to: usize) -> Option<&'static str> {
    for (phrase, label) in &cx.lex.flags {
        for i in from..to {
            if phrase.iter().enumerate().all(|(n, w)| i + n < to && cx.is(i + n, w)) {
                return Some(label);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
