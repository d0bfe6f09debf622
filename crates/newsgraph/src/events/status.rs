//! What a report says of an event: a claim (inside a quote or reported
//! speech: who makes it), negated, future, conditional, or background
//! (past context: "since Russia's invasion in 2022"); its date and place.

use super::actors::place;
use super::clause::Clause;
use super::words::{BACKGROUND, BE, CONDITIONAL, FUTURE, INTENT_ADJECTIVES, INTENT_BEFORE_TO, NEGATION, PLACE_PREPOSITIONS};
use crate::doc::{Doc, EntityType, EventActor, EventStatus, Span, TimeType};
use crate::lexis::closed::is_one_of;

pub struct Status {
    pub status: EventStatus,
    /// Announced rather than done: "will send", "is ready to send".
    pub announced: bool,
    pub claimed_by: Option<String>,
    pub date: Option<String>,
    pub location: Option<EventActor>,
}

/// The year of a TIMEX3 date value ("2022", "2022-02-24").
fn year(value: &str) -> Option<i32> {
    value.get(..4).and_then(|y| y.parse().ok())
}

/// What is said of the verb at sentence-relative `i` in clause `c` of
/// sentence `si` (tokens from `first`).
pub fn of(doc: &Doc, si: usize, first: usize, c: &Clause, i: usize, action: Span) -> Status {
    let before: Vec<String> = (first + c.start..first + i).map(|t| doc.tok(t).to_lowercase()).collect();
    let near = |n: usize| before.iter().rev().take(n);
    let negated = near(3).any(|w| is_one_of(w, &NEGATION));
    let conditional = near(4).any(|w| is_one_of(w, &CONDITIONAL));
    let to_intent = before.len() >= 2 && before[before.len() - 1] == "to" && is_one_of(&before[before.len() - 2], &INTENT_BEFORE_TO);
    let future = near(4).any(|w| is_one_of(w, &FUTURE)) || to_intent;
    // "is ready to send", "would be willing to meet"
    let adjective = before.len() >= 2 && before[before.len() - 1] == "to" && {
        let mut k = before.len() - 2;
        while k > 0 && is_one_of(&before[k], &BE) {
            k -= 1;
        }
        is_one_of(&before[k], &INTENT_ADJECTIVES) || (k > 0 && is_one_of(&before[k - 1], &INTENT_ADJECTIVES))
    };
    // the clause's date, else the sentence's
    let clause_span = doc.token_span(first + c.start, first + c.end);
    let sentence = doc.sentences[si].span;
    let date_in = |span: Span| doc.times.iter().find(|t| t.kind == TimeType::Date && span.contains(t.span) && year(&t.value).is_some()).map(|t| t.value.clone());
    let clause_date = date_in(clause_span);
    let published_year = doc.published.as_ref().map(|p| p.date.year() as i32);
    let old = match (clause_date.as_deref().and_then(year), published_year) {
        (Some(y), Some(p)) => y < p - 1,
        _ => false,
    };
    let background = before.iter().any(|w| is_one_of(w, &BACKGROUND)) || (old && before.iter().any(|w| is_one_of(w, &["after", "in", "when"])));
    let quote = doc.quotes.iter().find(|q| q.content.contains(action));
    let claimed_by = quote.and_then(|q| q.speaker.as_ref()).and_then(|s| doc.speaker_name(s));
    let status = if negated {
        EventStatus::Negated
    } else if background {
        EventStatus::Background
    } else if conditional {
        EventStatus::Conditional
    } else if future || adjective {
        EventStatus::Future
    } else if quote.is_some() {
        EventStatus::Claim
    } else {
        EventStatus::Fact
    };
    let date = clause_date.or_else(|| date_in(sentence)).or_else(|| doc.published.as_ref().map(|p| p.date.to_string()));
    Status { status, announced: future || adjective, claimed_by, date, location: location(doc, sentence) }
}

/// A place the sentence names as where: a country, city or place after
/// "in", "at", "near".
fn location(doc: &Doc, sentence: Span) -> Option<EventActor> {
    for (ei, e) in doc.entities.iter().enumerate() {
        if !matches!(e.kind, EntityType::Gpe | EntityType::Loc) {
            continue;
        }
        for m in &e.mentions {
            if !sentence.contains(m.span) {
                continue;
            }
            let t = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            if t > 0 && is_one_of(&doc.tok(t - 1).to_lowercase(), &PLACE_PREPOSITIONS) {
                return Some(place(doc, m.span, ei as u32));
            }
        }
    }
    None
}

/// How sure the coding is: a pattern of the dictionary, a target, actors
/// with codes each add to it.
pub fn confidence(source: &EventActor, target: &Option<EventActor>, by_pattern: bool) -> f32 {
    let mut c: f32 = 0.45;
    if by_pattern {
        c += 0.15;
    }
    if target.is_some() {
        c += 0.15;
    }
    if source.code.is_some() {
        c += 0.1;
    }
    if target.as_ref().is_some_and(|t| t.code.is_some()) {
        c += 0.05;
    }
    (c * 100.0).round() / 100.0
}
