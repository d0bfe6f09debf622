//! Cues and speakers: the token patterns of news attribution.
//!
//! A cue is a speech verb outside quotation marks. Its speaker is the noun
//! phrase before it ("Peskov said", "Ukraine’s air force reported",
//! "Zelensky, who ..., said"), after it when the order is inverted
//! ("..., said the minister"), before a participle ("with Peskov insisting"),
//! or the subject of the clause it is coordinated with ("X branded ... and
//! claimed", "X added ..., stating"). Noun phrases are read from the tokens
//! alone: names, pronouns and descriptions up to a function word.

use super::lexicon::{Form, Lexicon, Verb, ADDRESSEE, ADV, BELIEF, DET, NAMING, PRON, SPEECH, STOP, TIME};
use crate::doc::{Attribution, Doc, TokenKind};
use crate::lexis::capitalised;
use crate::lexis::closed::{OBJECT_PRONOUNS, RELATIVE_PRONOUNS};

/// A token range `[start, end)`.
pub type Range = (usize, usize);

/// Where a cue's speaker stands in its frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// No speaker read.
    Unread,
    /// "Peskov said": the subject before the verb.
    Subject,
    /// "with Peskov insisting": before a participle.
    Participle,
    /// "X branded ... and claimed": the subject of the clause it is coordinated with.
    Coordinated,
    /// "..., said the minister": after the verb.
    Inverted,
    /// "according to X".
    AccordingTo,
}

impl Frame {
    /// The attribution of a quote this cue introduces ("X said: “…").
    pub fn attribution_before(self) -> Attribution {
        match self {
            Frame::Unread => Attribution::Unattributed,
            Frame::Subject => Attribution::Pre,
            Frame::Participle => Attribution::Participle,
            Frame::Coordinated => Attribution::Coordinated,
            Frame::Inverted => Attribution::Inverted,
            Frame::AccordingTo => Attribution::AccordingTo,
        }
    }
}

/// A cue verb found in the text, with the speaker read for it.
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub tok: usize,
    /// Tokens of a cue of several words ("according to", "called for").
    pub end: usize,
    pub verb: Verb,
    pub speaker: Option<Range>,
    pub addressee: Option<Range>,
    pub frame: Frame,
    /// Token range of the sentence (clause group) the cue is in.
    pub lo: usize,
    pub hi: usize,
}

pub struct Ctx<'a> {
    pub doc: &'a Doc,
    pub lex: &'a Lexicon,
    pub inside: Vec<bool>,
    /// Tokens of a headline being read, where verbs may be capitalised
    /// ("Clinton Says Russians Hacked DNC").
    pub title_case: std::cell::Cell<(usize, usize)>,
}

/// Most tokens a clause is read over: keeps text without sentence ends
/// linear.
pub const MAX_CLAUSE: usize = 250;

/// Most tokens a noun phrase may have.
const MAX_NP: usize = 10;

impl<'a> Ctx<'a> {
    pub fn txt(&self, i: usize) -> &'a str {
        self.doc.str(self.doc.tokens[i].span)
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        let sp = self.doc.tokens[i].span;
        sp.len() == w.len() && self.txt(i).eq_ignore_ascii_case(w)
    }

    pub fn wordlike(&self, i: usize) -> bool {
        matches!(self.kind(i), TokenKind::Word | TokenKind::Abbrev | TokenKind::Alnum | TokenKind::Number)
    }

    pub fn cap(&self, i: usize) -> bool {
        let t = self.txt(i);
        match t.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => capitalised(t),
        }
    }

    pub fn class(&self, i: usize) -> u8 {
        if self.kind(i) == TokenKind::Word {
            self.lex.class(self.txt(i))
        } else {
            0
        }
    }

    fn possessive(&self, i: usize) -> bool {
        crate::lexis::predicates::is_possessive_any_case(self.doc, i)
    }

    /// A speech verb at token `i`, outside quotation marks.
    pub fn verb(&self, i: usize) -> Option<Verb> {
        // capitalised, it is a name ("the Washington Post", "Islamic State")
        if self.kind(i) != TokenKind::Word || self.inside[i] {
            return None;
        }
        if self.cap(i) {
            let (a, b) = self.title_case.get();
            if !(a < i && i < b) {
                return None;
            }
        }
        self.lex.verb(self.txt(i))
    }

    /// Adverbs and auxiliaries that stand between a subject and its verb.
    fn adverb(&self, i: usize) -> bool {
        self.kind(i) == TokenKind::Word && (self.class(i) & ADV != 0 || (self.txt(i).ends_with("ly") && !self.cap(i) && self.txt(i).len() > 4))
    }

    /// Whether a word ends a noun phrase read leftwards or rightwards.
    fn np_breaker(&self, i: usize) -> bool {
        let c = self.class(i);
        if c & TIME != 0 {
            return true;
        }
        // an adverb ("deeply"), not "family"
        let t = self.txt(i);
        if !self.cap(i) && t.len() > 5 && t.ends_with("ly") && !t.ends_with("ily") {
            return true;
        }
        if c & (STOP | ADV | PRON) != 0 && !(self.cap(i) && c & PRON == 0 && c & STOP == 0) {
            return true;
        }
        // an inflected verb ("the minister said"); base forms are often nouns ("the report")
        !self.cap(i) && self.lex.verb(self.txt(i)).is_some_and(|v| v.form != Form::Base)
    }

    fn of_like(&self, i: usize) -> bool {
        self.is(i, "of") || self.is(i, "for")
    }

    /// The noun phrase that ends at `end` (exclusive), not before `lo`.
    pub fn np_left(&self, end: usize, lo: usize) -> Option<Range> {
        if end <= lo {
            return None;
        }
        if self.class(end - 1) & PRON != 0 {
            return Some((end - 1, end));
        }
        // a past form is a verb, not the head of a speaker ("a court document filed")
        let last = self.txt(end - 1);
        if !self.cap(end - 1) && last.len() > 4 && last.ends_with("ed") {
            return None;
        }
        let mut j = end;
        while j > lo && end - j < MAX_NP {
            let t = j - 1;
            if self.possessive(t) {
                j = t;
                continue;
            }
            // "Sen. Richard Durbin (D-Ill.)": a parenthesis inside a name
            if self.txt(t) == ")" && j == end {
                if let Some(o) = (t.saturating_sub(6).max(lo)..t).rev().find(|&x| self.txt(x) == "(") {
                    if o > lo && self.cap(o - 1) && self.wordlike(o - 1) {
                        j = o;
                        continue;
                    }
                }
                break;
            }
            if !self.wordlike(t) || self.inside[t] {
                break;
            }
            if self.class(t) & DET != 0 && !self.cap(t) || self.class(t) == DET {
                j = t;
                // "the head of the agency": go on past "of"
                if t > lo + 1 && self.of_like(t - 1) && self.wordlike(t - 2) && !self.np_breaker(t - 2) {
                    j = t - 1;
                    continue;
                }
                break;
            }
            if self.of_like(t) && j < end && t > lo && self.wordlike(t - 1) && !self.np_breaker(t - 1) {
                j = t;
                continue;
            }
            if self.np_breaker(t) {
                break;
            }
            j = t;
        }
        while j < end && (self.of_like(j) || self.possessive(j)) {
            j += 1;
        }
        // the head must be a word (before a parenthesis)
        let mut h = end - 1;
        if self.txt(h) == ")" {
            h = (j..h).rev().find(|&x| self.txt(x) == "(").unwrap_or(j).max(j + 1) - 1;
        }
        if j >= end || !self.wordlike(h) || self.of_like(h) || self.class(h) & DET != 0 {
            return None;
        }
        // a bare lower-case noun phrase is a speaker only in the plural
        // ("officials", "Democratic aides"), not "only" or "the strategy"
        let bare = (j..end).all(|i| !self.cap(i) && self.class(i) & DET == 0);
        let head = self.txt(h);
        let plural = head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us") && !head.ends_with("is");
        // and at the start of its clause ("…, officials said"), not after a word ("… express")
        let starts = j == lo || !self.wordlike(j - 1) || self.class(j - 1) & STOP != 0;
        if bare && !(plural && starts) {
            return None;
        }
        Some((j, end))
    }

    /// The noun phrase that starts at `start`, not reaching `hi`.
    pub fn np_right(&self, start: usize, hi: usize) -> Option<Range> {
        if start >= hi || !self.wordlike(start) || self.inside[start] {
            return None;
        }
        if self.class(start) & PRON != 0 {
            return Some((start, start + 1));
        }
        let mut k = start;
        if self.class(k) & DET != 0 {
            k += 1;
        }
        let head = k;
        while k < hi && k - start < MAX_NP {
            if self.possessive(k) {
                k += 1;
                continue;
            }
            if !self.wordlike(k) || self.inside[k] {
                break;
            }
            if self.of_like(k) && k > head && k + 1 < hi && self.wordlike(k + 1) && (self.cap(k + 1) || self.class(k + 1) & DET != 0) {
                k += 1;
                if self.class(k) & DET != 0 {
                    k += 1;
                }
                continue;
            }
            if self.np_breaker(k) || (k > head && self.class(k) & DET != 0) {
                break;
            }
            // "The ministry issued the statement": a past form before a determiner
            // or punctuation is the verb ("the elected senator" goes on)
            let t = self.txt(k);
            if k > head && !self.cap(k) && t.len() > 4 && t.ends_with("ed") && (k + 1 >= hi || !self.wordlike(k + 1) || self.class(k + 1) & DET != 0) {
                break;
            }
            k += 1;
        }
        while k > head && !self.wordlike(k - 1) && !self.possessive(k - 1) {
            k -= 1;
        }
        if k == head {
            return None;
        }
        Some((start, k))
    }

    /// Skips adverbs and auxiliaries leftwards from `end` (exclusive).
    fn skip_adverbs_left(&self, mut end: usize, lo: usize) -> usize {
        while end > lo && self.adverb(end - 1) && !self.inside[end - 1] {
            end -= 1;
        }
        end
    }

    /// The subject of the verb at `v` read leftwards: `Some(np)`, or `None`
    /// when no noun phrase stands there (a coordinated or inverted verb).
    pub fn subject_before(&self, v: usize, lo: usize) -> Option<Range> {
        let j = self.skip_adverbs_left(v, lo);
        if j <= lo {
            return None;
        }
        let t = j - 1;
        if self.txt(t) == "," || self.kind(t) == TokenKind::Dash || self.txt(t) == ")" {
            // "Zelensky, who has faced criticism, said" / "Putin, in remarks on ..., claimed":
            // the subject stands before the opening comma of the inserted phrase
            let closer = self.txt(t);
            let mut k = t;
            let limit = t.saturating_sub(40).max(lo);
            while k > limit {
                k -= 1;
                let s = self.txt(k);
                let opener = match closer {
                    ")" => s == "(",
                    "," => s == ",",
                    _ => self.kind(k) == TokenKind::Dash,
                };
                if opener && !self.inside[k] {
                    // the inserted phrase must not itself hold a finite speech verb
                    if (k + 1..t).any(|x| self.is_cue(x, k + 1).is_some_and(|vb| vb.flags & SPEECH != 0 && matches!(vb.form, Form::Past | Form::Third))) {
                        return None;
                    }
                    return self.np_left(k, lo).filter(|np| self.name_like(*np));
                }
                if self.boundary(k) {
                    break;
                }
            }
            return None;
        }
        // "Sanders, who said …": the relative pronoun stands for the phrase before it
        if RELATIVE_PRONOUNS.iter().any(|w| self.is(t, w)) && t > lo {
            let end = if self.txt(t - 1) == "," { t - 1 } else { t };
            return self.np_left(end, lo).filter(|np| self.name_like(*np));
        }
        if let Some(np) = self.np_left(j, lo) {
            return Some(np);
        }
        // "an official who spoke anonymously said": a relative clause without commas
        let from = j.saturating_sub(15).max(lo);
        let w = (from..j).rev().take_while(|&x| self.txt(x) != "," && !self.boundary(x)).find(|&x| self.is(x, "who"))?;
        self.np_left(w, lo).filter(|np| self.name_like(*np))
    }

    /// A phrase that can be a speaker on its own: a pronoun, a capitalised
    /// word, or a determiner-led description.
    pub fn name_like(&self, np: Range) -> bool {
        (np.0..np.1).any(|i| self.cap(i) && self.class(i) & STOP == 0) || self.class(np.0) & (PRON | DET) != 0
    }

    /// The addressee of a verb like "told": the noun phrase after it, with
    /// its complements up to a comma, a clause or a time ("a press
    /// conference in Kyiv", "reporters").
    pub fn addressee(&self, v: usize, hi: usize) -> Option<Range> {
        let k = v + 1;
        if k >= hi || !self.wordlike(k) || self.inside[k] {
            return None;
        }
        if OBJECT_PRONOUNS.iter().any(|w| self.is(k, w)) {
            return Some((k, k + 1));
        }
        if self.class(k) & PRON != 0 || self.is(k, "that") {
            return None;
        }
        let (s, mut e) = self.np_right(k, hi)?;
        // "a press conference in Kyiv": a place after "in" or "at"
        if e + 1 < hi && (self.is(e, "in") || self.is(e, "at")) && self.cap(e + 1) {
            if let Some(place) = self.np_right(e + 1, hi) {
                e = place.1;
            }
        }
        Some((s, e))
    }

    /// A sentence end outside quotation marks: a terminal before a space
    /// ("(D-Ore.)," and "U.S." end nothing).
    pub fn boundary(&self, k: usize) -> bool {
        if self.kind(k) != TokenKind::Terminal || self.inside[k] {
            return false;
        }
        let e = self.doc.tokens[k].span.end as usize;
        self.doc.text[e..].chars().next().is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\''))
    }

    /// The end of the clause group starting after `from`: the next sentence
    /// end outside quotation marks, or the block end.
    pub fn clause_end(&self, from: usize, block_end: usize) -> usize {
        let mut k = from;
        let block_end = block_end.min(from + MAX_CLAUSE);
        while k < block_end {
            if self.boundary(k) {
                return k;
            }
            k += 1;
        }
        block_end
    }

    /// The start of the clause group ending before `to`.
    pub fn clause_start(&self, to: usize, block_start: usize) -> usize {
        let mut k = to;
        let block_start = block_start.max(to.saturating_sub(MAX_CLAUSE));
        while k > block_start {
            if self.boundary(k - 1) {
                return k;
            }
            k -= 1;
        }
        block_start
    }

    /// Reads the cue at `v`: its speaker and where it stands.
    /// `earlier` are the cues already read, for coordinated verbs.
    pub fn read_cue(&self, v: usize, verb: Verb, lo: usize, hi: usize, earlier: &[Cue]) -> Cue {
        let mut cue = Cue { tok: v, end: v + 1, verb, speaker: None, addressee: None, frame: Frame::Unread, lo, hi };
        if verb.flags & ADDRESSEE != 0 {
            cue.addressee = self.addressee(v, hi);
        }
        // "called for", "pointed out"
        if v + 1 < hi && (self.is(v + 1, "for") && self.is(v, "called") || self.is(v + 1, "out") || self.is(v + 1, "up")) {
            cue.end = v + 2;
        }
        let previous = || earlier.iter().rev().take_while(|c| c.tok >= lo).find(|c| c.tok < v && c.speaker.is_some()).and_then(|c| c.speaker);
        if verb.form == Form::Ing {
            // "with Peskov insisting": a name right before the participle
            if let Some(np) = self.np_left(v, lo).filter(|np| self.name_like(*np)) {
                cue.speaker = Some(np);
                cue.frame = Frame::Participle;
            } else {
                cue.speaker = previous().or_else(|| self.clause_subject(lo, v));
                cue.frame = Frame::Participle;
            }
            return cue;
        }
        if let Some(np) = self.subject_before(v, lo) {
            cue.speaker = Some(np);
            cue.frame = Frame::Subject;
            return cue;
        }
        let j = self.skip_adverbs_left(v, lo);
        if j > lo && matches!(self.txt(j - 1).to_ascii_lowercase().as_str(), "and" | "but" | "or" | "then") {
            cue.speaker = previous().or_else(|| self.clause_subject(lo, v));
            cue.frame = Frame::Coordinated;
            return cue;
        }
        // "..., said the minister"
        if matches!(verb.form, Form::Past | Form::Third) && (j == lo || !self.wordlike(j - 1)) {
            if let Some(np) = self.np_right(v + 1, hi).filter(|np| self.name_like(*np)) {
                cue.speaker = Some(np);
                cue.frame = Frame::Inverted;
            }
        }
        cue
    }

    /// The subject of the clause group `[lo, before)`: its first noun
    /// phrase, after an opening phrase set off by a comma.
    pub fn clause_subject(&self, lo: usize, before: usize) -> Option<Range> {
        let mut k = lo;
        while k < before && self.kind(k) == TokenKind::Quote {
            k += 1;
        }
        if k < before && self.opens_with_phrase(k) {
            // "In recent attacks, Trump ..." / "Meanwhile, ..." / "Facing criticism, she ..."
            // / "WASHINGTON — The senator ..."
            while k < before && self.txt(k) != "," && self.kind(k) != TokenKind::Dash {
                k += 1;
            }
            k += 1;
        }
        self.np_right(k, before).filter(|np| self.name_like(*np))
    }

    /// Whether the clause group opens with a phrase before its subject: a
    /// preposition, an adverb, a participle, a dateline in capitals.
    pub fn opens_with_phrase(&self, k: usize) -> bool {
        let t = self.txt(k);
        let lower = |suffix: &str| t.len() > suffix.len() + 2 && t.to_ascii_lowercase().ends_with(suffix);
        self.class(k) & (STOP | ADV | TIME) != 0
            || self.adverb(k)
            || self.kind(k) == TokenKind::Word && (lower("ing") || lower("ed") || lower("ly"))
            || t.len() > 1 && t.bytes().all(|b| b.is_ascii_uppercase()) && k + 1 < self.doc.tokens.len() && matches!(self.kind(k + 1), TokenKind::Dash | TokenKind::Punct)
    }

    /// Whether the verb at `v` is used as a cue: not passive ("was told"),
    /// not an infinitive ("declined to say"), not inside quotation marks.
    pub fn is_cue(&self, v: usize, lo: usize) -> Option<Verb> {
        let verb = self.verb(v)?;
        // "as one official put it"
        if self.is(v, "put") && !(v + 1 < self.doc.tokens.len() && self.is(v + 1, "it")) {
            return None;
        }
        if verb.flags & (SPEECH | BELIEF | NAMING) == 0 {
            return None;
        }
        let j = self.skip_adverbs_left(v, lo);
        if j > lo {
            let p = self.txt(j - 1).to_ascii_lowercase();
            if matches!(p.as_str(), "to" | "is" | "was" | "were" | "are" | "be" | "been" | "being" | "'s" | "’s" | "am") {
                return None;
            }
            // a noun after a determiner or a preposition ("a claim", "in remarks")
            if j == v && (self.class(j - 1) & DET != 0 || self.class(j - 1) & STOP != 0 && matches!(verb.form, Form::Third | Form::Base)) {
                return None;
            }
        }
        // "has been" (skipped as adverbs) before a participle makes it passive
        if (j..v).any(|x| self.is(x, "been")) {
            return None;
        }
        Some(verb)
    }
}
