//! The event stage: who did what to whom, coded in CAMEO (and through it
//! PLOVER), without a parser. For each sentence that names an actor:
//!
//! 1. verbs of PETRARCH2's dictionary are found (`newsgraph-cameo`); a word
//!    used as a noun ("the attack", "peace talks") is not taken for one, nor
//!    a speech verb that introduces a quote (the quote layer has it; what
//!    is said is coded as a claim) (`verbs.rs`);
//! 2. the clause around the verb is cut at semicolons, colons, quotation
//!    marks and a comma before "which", "but", "while" ... (`clause.rs`);
//! 3. the verb is coded by the dictionary's patterns over the clause's
//!    words; a verb that announces its infinitive ("agreed to meet",
//!    "threatened to strike") makes one event, the intent (03) or threat
//!    (13) of the action, as does a future or a readiness ("will send aid",
//!    "is ready to send": 033); plain statements (010) are no events;
//! 4. its source is the subject (the nearest actor before it that no
//!    preposition governs), its target the first actor after it, or the
//!    places the pattern names; in the passive ("was attacked by Russia")
//!    the subject is the target and the "by" phrase the source; actors
//!    joined by "and" make one event each, and a subject of several with no
//!    object acts on each other ("Jordan and Britain agreed") (`actors.rs`);
//! 5. what the report says of it: a claim (inside a quote or reported
//!    speech), negated, future, conditional, or background; its date and
//!    place (`status.rs`).
//!
//! Actors are the entity layer's (their codes, per entity: "the Ukrainian
//! leader" is Zelensky's `UKRGOV`), or a group's words coded by the actor
//! dictionaries ("Russian troops" `RUSMIL`).

mod actors;
mod clause;
mod owners;
mod status;
mod verbs;
mod words;

use crate::doc::{Doc, Event, EventStatus, Span, TokenKind};
use newsgraph_cameo::{intent, rejection, threat, Codebook, Slot, VerbHit};
use words::{INTENT_VERBS, REJECTION_VERBS, THREAT_VERBS};

/// The code of a plain statement ("said"): the quote layer's, no event.
const STATEMENT: &str = "010";

/// CAMEO's "make a demand".
const DEMAND: &str = "100";

/// How far after an announcing verb its "to" may come ("agreed in
/// principle on Saturday to provide").
const TO_WITHIN: usize = 8;

/// The infinitive after an announcing verb: its sentence-relative index.
fn infinitive(doc: &Doc, cb: &Codebook, first: usize, words: &[&str], from: usize, end: usize) -> Option<(usize, VerbHit)> {
    (from..end.min(from + TO_WITHIN)).find_map(|k| {
        if doc.tok(first + k).to_lowercase() != "to" {
            return None;
        }
        let hit = cb.verb_at(words, k + 1)?;
        (k + 1 + hit.len <= end).then_some((k + 1, hit))
    })
}

/// The words a speech verb reports (sentence-relative `[from, end)`): its
/// quote's content when it is the quote's cue, else a "that" clause right
/// after it, to the sentence's end.
fn complement_of(doc: &Doc, reported: &[(Span, Span)], words: &[&str], first: usize, after: usize, action: Span, si: usize) -> Option<(usize, usize)> {
    let n = words.len();
    let index = |byte: u32| (0..n).find(|&k| doc.tokens[first + k].span.start >= byte).unwrap_or(n);
    if let Some((_, content)) = reported.iter().find(|(cue, content)| cue.overlaps(action) && content.start >= action.end) {
        let end = content.end.min(doc.sentences[si].span.end);
        return Some((index(content.start), index(end)));
    }
    let that = (after..(after + 3).min(n)).find(|&k| words[k] == "THAT")?;
    Some((that + 1, n))
}

pub fn run(doc: &mut Doc) {
    let cb = Codebook::global();
    let owners = owners::token_owners(doc);
    // the reported words of each speech verb (a quote's cue): its complement
    let reported: Vec<(Span, Span)> = doc.quotes.iter().filter_map(|q| Some((q.cue?, q.content))).collect();
    let mut events = Vec::new();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.tokens();
        // a sentence that names no actor reports no event
        if !range.clone().any(|i| owners[i].is_some()) {
            continue;
        }
        let upper: Vec<String> = range.clone().map(|i| doc.tok(i).to_uppercase()).collect();
        let words: Vec<&str> = upper.iter().map(String::as_str).collect();
        let mut consumed = vec![false; words.len()];
        let mut i = 0;
        while i < words.len() {
            let t = range.start + i;
            let candidate = matches!(doc.tokens[t].kind, TokenKind::Word) && !consumed[i] && owners[t].is_none() && cb.starts_a_verb(words[i]);
            let Some(hit) = candidate.then(|| cb.verb_at(&words, i)).flatten() else {
                i += 1;
                continue;
            };
            let action = doc.token_span(t, t + hit.len);
            let lemma = cb.lemma(hit);
            if !verbs::used_as_verb(doc, &owners, range.start, i, lemma) {
                i += hit.len;
                continue;
            }
            let c = clause::around(doc, range.clone(), i, hit.len);
            let coded = cb.code(hit, &words[c.start..i], &words[i + hit.len..c.end]);
            let mut code = coded.as_ref().map(|x| x.code.clone());
            let mut slots = coded.as_ref().map_or((None, None), |x| (x.source, x.target));
            if let Some(x) = &coded {
                // words a pattern matched are part of this event, not events of their own
                for slot in &x.matched {
                    if let Slot::After(k) = slot {
                        if let Some(flag) = consumed.get_mut(i + hit.len + k) {
                            *flag = true;
                        }
                    }
                }
            }
            // "agreed to meet", "threatened to strike": one event, the intent or threat
            let head = lemma.split('_').next().unwrap_or(lemma);
            let (announces, threatens, refuses) = (INTENT_VERBS.contains(&head), THREAT_VERBS.contains(&head), REJECTION_VERBS.contains(&head));
            if announces || threatens || refuses {
                if let Some((j, inf)) = infinitive(doc, cb, range.start, &words, i + hit.len, c.end) {
                    consumed[j..j + inf.len].iter_mut().for_each(|f| *f = true);
                    let action_code = cb.code(inf, &words[c.start..j], &words[j + inf.len..c.end]);
                    code = Some(match &action_code {
                        Some(a) if refuses => rejection(&a.code),
                        Some(a) if threatens => threat(&a.code),
                        Some(a) => intent(&a.code),
                        None if refuses => "120".to_string(),
                        None if threatens => "130".to_string(),
                        None => "030".to_string(),
                    });
                    if let Some(a) = &action_code {
                        slots = (slots.0, a.target.map(|s| shift(s, j + inf.len - (i + hit.len))));
                    }
                }
            }
            // "said that Iraq must cooperate": a statement of what another
            // must do is a demand (100) of that other
            let complement = complement_of(doc, &reported, &words, range.start, i + hit.len, action, si);
            if code.as_deref() == Some(STATEMENT) {
                if let Some((from, _)) = complement {
                    let modal = (from..(from + 8).min(words.len())).any(|k| matches!(words[k], "MUST" | "SHOULD" | "OUGHT"));
                    if modal {
                        code = Some(DEMAND.to_string());
                        slots = (slots.0, Some(Slot::After(from.saturating_sub(i + hit.len))));
                    }
                }
            }
            let Some(mut code) = code.filter(|c| c != STATEMENT) else {
                i += hit.len;
                continue;
            };
            // "demanded that the US cancel ...": the demand is the event, what
            // it demands is its content, no event of its own; what a plain
            // statement reports stays (coded as claims)
            if !code.starts_with("01") {
                if let Some((_, end)) = complement {
                    consumed[i + hit.len..end].iter_mut().for_each(|f| *f = true);
                }
            }
            let st = status::of(doc, si, range.start, &c, i, action);
            // an infinitive is an event when it is announced ("is set to
            // meet", "is ready to send"); else it is a purpose or a noun's
            // complement ("steps to enhance", "an agreement to increase")
            if i > 0 && words[i - 1] == "TO" && !st.announced {
                i += hit.len;
                continue;
            }
            if st.announced && st.status != EventStatus::Negated {
                code = intent(&code);
            }
            for (source, target) in actors::find(doc, &owners, range.start, &c, (i, hit.len), lemma, slots) {
                // actors of no known kind on either side: nothing to code them by
                if source.code.is_none() && target.as_ref().is_none_or(|t| t.code.is_none()) {
                    continue;
                }
                let confidence = status::confidence(&source, &target, coded.as_ref().is_some_and(|x| x.by_pattern));
                events.push(Event {
                    source: Some(source),
                    target,
                    action,
                    cameo: code.clone(),
                    sentence: si as u32,
                    date: st.date.clone(),
                    location: st.location.clone(),
                    confidence,
                    status: st.status,
                    claimed_by: st.claimed_by.clone(),
                });
            }
            i += hit.len;
        }
    }
    doc.events = events;
}

/// A slot after the infinitive, as a slot after the announcing verb.
fn shift(s: Slot, by: usize) -> Slot {
    match s {
        Slot::After(k) => Slot::After(k + by),
        b => b,
    }
}
