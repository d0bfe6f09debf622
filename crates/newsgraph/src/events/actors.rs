//! The actors of a coded verb: its subject (the source), its object (the
//! target), or the places the dictionary's pattern names; the passive
//! turned round; actors joined by "and" each an event of their own.

use super::clause::Clause;
use super::owners::{entity_of, mention_tokens, Owners, Who};
use super::verbs::{form, Form};
use super::words::{ADVERBS, BE, GROUP_HEADS, NEGATION, PLACE_PREPOSITIONS, PREPOSITIONS};
use crate::doc::{Doc, EntityType, EventActor, Span, TokenKind};
use crate::lexis::closed::is_one_of;
use newsgraph_cameo::Slot;

/// The actor a mention stands for. A group's word after a country or
/// nationality ("Russian troops", "Ukrainian refugees") is coded with it
/// by the actor dictionaries' agents.
fn actor(doc: &Doc, owners: &Owners, (a, b): (usize, usize), limit: usize) -> EventActor {
    let ei = match owners[a] {
        Some(Who::Entity(e, _)) => e,
        Some(Who::Group(g)) => {
            let g = &owners.groups[g as usize];
            return EventActor { span: doc.token_span(a, b), entity: None, code: Some(g.code.clone()), name: g.name.clone() };
        }
        None => unreachable!("a mention's token has an owner"),
    };
    let e = &doc.entities[ei as usize];
    let mut span = doc.token_span(a, b);
    let mut code = e.actor.clone();
    if matches!(e.kind, EntityType::Norp | EntityType::Gpe) && b < limit && doc.tokens[b].kind == TokenKind::Word && owners[b].is_none() {
        let phrase = format!("{} {}", doc.str(span), doc.tok(b));
        if let Some(m) = newsgraph_actors::Actors::global().by_title(&phrase) {
            if code.as_ref().is_none_or(|c| m.code.len() > c.len() && m.code.starts_with(c.as_str())) {
                code = Some(m.code);
                span = doc.token_span(a, b + 1);
            }
        }
    }
    EventActor { span, entity: Some(ei), code, name: e.name.clone() }
}

/// Whether the word before the mention starting at `a` is a preposition
/// (the mention is then no subject: "officials in Kyiv said").
fn governed(doc: &Doc, first: usize, a: usize) -> bool {
    if a <= first || !is_one_of(&doc.tok(a - 1).to_lowercase(), &PREPOSITIONS) {
        return false;
    }
    // "thousands of Iraqi Kurds", "leaders of Hamas": the name is the group acting
    let of_group = doc.tok(a - 1).eq_ignore_ascii_case("of")
        && a >= first + 2
        && (is_one_of(&doc.tok(a - 2).to_lowercase(), &GROUP_HEADS) || doc.tokens[a - 2].kind == TokenKind::Number);
    !of_group
}

/// The subject before `end` (absolute token) within `[first, end)`: the
/// nearest mention that no preposition governs.
fn subject(doc: &Doc, owners: &Owners, first: usize, end: usize) -> Option<(usize, usize)> {
    let mut t = end;
    while t > first {
        t -= 1;
        if owners[t].is_some() {
            let (a, b) = mention_tokens(owners, t);
            let a = a.max(first);
            if !governed(doc, first, a) {
                return Some((a, b));
            }
            t = a;
        }
    }
    None
}

/// The first mention from `from` on within `[from, end)`, not a place
/// after "in", "at" (where, not to whom), not after "by" unless wanted.
fn object(doc: &Doc, owners: &Owners, from: usize, end: usize, after_by: bool) -> Option<(usize, usize)> {
    let mut t = from;
    while t < end {
        if owners[t].is_some() {
            let (a, b) = mention_tokens(owners, t);
            let before = if a > from { doc.tok(a - 1).to_lowercase() } else { String::new() };
            let place = entity_of(owners[t]).is_some_and(|e| doc.entities[e as usize].kind == EntityType::Gpe) && is_one_of(&before, &PLACE_PREPOSITIONS);
            let by = before == "by";
            if !place && by == after_by {
                return Some((a, b.min(end)));
            }
            t = b;
        } else {
            t += 1;
        }
    }
    None
}

/// Mentions joined to this one by "and" or a comma: to its left (for a
/// subject) or its right (for an object).
fn coordinated(doc: &Doc, owners: &Owners, m: (usize, usize), first: usize, end: usize, leftwards: bool) -> Vec<(usize, usize)> {
    let mut out = vec![m];
    let mut cur = m;
    loop {
        let next = if leftwards {
            if cur.0 < first + 2 {
                break;
            }
            let j = doc.tok(cur.0 - 1).to_lowercase();
            if !(j == "and" || j == ",") || owners[cur.0 - 2].is_none() {
                break;
            }
            mention_tokens(owners, cur.0 - 2)
        } else {
            if cur.1 + 1 >= end {
                break;
            }
            let j = doc.tok(cur.1).to_lowercase();
            if !(j == "and" || j == ",") || owners[cur.1 + 1].is_none() {
                break;
            }
            mention_tokens(owners, cur.1 + 1)
        };
        if out.iter().any(|o| owners[o.0] == owners[next.0]) {
            break;
        }
        out.push(next);
        cur = next;
    }
    out
}

/// Whether the verb is in the passive: a past participle after a form of
/// "be" ("was attacked", "has been accused").
fn passive(doc: &Doc, first: usize, t: usize, lemma: &str) -> bool {
    if form(doc.tok(t), lemma) != Form::Past {
        return false;
    }
    let mut k = t;
    let mut seen = 0;
    while k > first && seen < 3 {
        k -= 1;
        let w = doc.tok(k).to_lowercase();
        if is_one_of(&w, &BE) {
            return true;
        }
        if !(is_one_of(&w, &ADVERBS) || is_one_of(&w, &NEGATION)) {
            return false;
        }
        seen += 1;
    }
    false
}

/// The source and target pairs of a coded verb at sentence-relative `i`
/// (`len` tokens) of the sentence starting at token `first`, in clause `c`;
/// `slots`: where the dictionary's pattern puts the source and target.
pub fn find(doc: &Doc, owners: &Owners, first: usize, c: &Clause, (i, len): (usize, usize), lemma: &str, slots: (Option<Slot>, Option<Slot>)) -> Vec<(EventActor, Option<EventActor>)> {
    let (cs, ce) = (first + c.start, first + c.end);
    let (vs, ve) = (first + i, first + i + len);
    let is_passive = passive(doc, cs, vs, lemma);
    // where the pattern says, else by position
    let slot_mention = |slot: Option<Slot>| -> Option<(usize, usize)> {
        match slot? {
            Slot::After(k) => object(doc, owners, ve + k, ce, false),
            Slot::Before(k) => subject(doc, owners, cs, cs + k),
        }
    };
    let mut subj = subject(doc, owners, cs, vs);
    // "Russia, which ... attacked": the subject is the clause's antecedent
    if subj.is_none() && cs > first + 1 && is_one_of(&doc.tok(cs).to_lowercase(), &["which", "who"]) && owners[cs - 2].is_some() {
        subj = Some(mention_tokens(owners, cs - 2));
    }
    let (source, target) = if is_passive {
        (object(doc, owners, ve, ce, true), subj)
    } else {
        (slot_mention(slots.0).or(subj), slot_mention(slots.1).or_else(|| object(doc, owners, ve, ce, false)))
    };
    let Some(source) = source else { return Vec::new() };
    let sources = coordinated(doc, owners, source, cs, ce, source.1 <= vs);
    let targets = match target {
        Some(t) => coordinated(doc, owners, t, cs, ce, t.1 <= vs),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    // "Jordan and Britain agreed": each with the other
    if targets.is_empty() && sources.len() > 1 {
        for s in &sources {
            for t in &sources {
                if s != t {
                    out.push((actor(doc, owners, *s, ce), Some(actor(doc, owners, *t, ce))));
                }
            }
        }
        return out;
    }
    for s in &sources {
        let sa = actor(doc, owners, *s, ce);
        if targets.is_empty() {
            out.push((sa.clone(), None));
        }
        for t in &targets {
            let ta = actor(doc, owners, *t, ce);
            // no event of an actor on itself
            let ta = (ta.entity != sa.entity).then_some(ta);
            out.push((sa.clone(), ta));
        }
    }
    out.dedup();
    out
}

/// A place's actor (for an event's location).
pub fn place(doc: &Doc, owners_span: Span, entity: u32) -> EventActor {
    let e = &doc.entities[entity as usize];
    EventActor { span: owners_span, entity: Some(entity), code: e.actor.clone(), name: e.name.clone() }
}
