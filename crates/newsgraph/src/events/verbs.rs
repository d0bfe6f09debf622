//! Whether a word of the verb dictionary is used as a verb where it
//! stands: "the attack", "peace talks", "its plans" are nouns; "attacked",
//! "Russia attacks", "will attack", "is attacking" are verbs. Read from the
//! word's form and the word before it, as a tagger would at its simplest.

use super::words::{ADVERBS, BEFORE_BASE, BE, DETERMINERS, NEGATION, SUBJECT_PRONOUNS};
use super::owners::{entity_of, Owners};
use crate::doc::{Doc, EntityType, TokenKind};
use crate::lexis::closed::is_one_of;

/// The form of a verb word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    /// "attacks"
    S,
    /// "attacking"
    Ing,
    /// "attacked", "met", "taken"
    Past,
}

pub fn form(word: &str, lemma: &str) -> Form {
    let w = word.to_lowercase();
    let l = lemma.split('_').next().unwrap_or(lemma).to_lowercase();
    if w == l {
        Form::Base
    } else if w.ends_with("ing") {
        Form::Ing
    } else if w.ends_with('s') && !l.ends_with('s') {
        Form::S
    } else {
        Form::Past
    }
}

/// The word before token `t`, lower-case, skipping adverbs and negation
/// ("did not attack", "Russia also said"); with its token index.
fn previous_word(doc: &Doc, first: usize, t: usize) -> Option<(usize, String)> {
    let mut k = t;
    while k > first {
        k -= 1;
        let w = doc.tok(k).to_lowercase();
        if is_one_of(&w, &ADVERBS) || is_one_of(&w, &NEGATION) || w.ends_with("ly") && w.len() > 4 {
            continue;
        }
        return Some((k, w));
    }
    None
}

/// Whether the dictionary word at sentence-relative `i` (sentence tokens
/// from `first`) is a verb here. `owners`: the actor mention of each token.
pub fn used_as_verb(doc: &Doc, owners: &Owners, first: usize, i: usize, lemma: &str) -> bool {
    let owned = |k: usize| owners[k].is_some();
    let t = first + i;
    let word = doc.tok(t);
    // a capitalised word inside a sentence is a name ("Attack", "Rally")
    if i > 0 && word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // right before: a determiner, a possessive, a number make a noun
    if t > first {
        let before = doc.tok(t - 1).to_lowercase();
        if is_one_of(&before, &DETERMINERS) || before == "'s" || before == "’s" || doc.tokens[t - 1].kind == TokenKind::Number {
            return false;
        }
    }
    // after a nationality or a country used as one, a group's noun: "British
    // forces", "US troops" (the actor dictionaries know the group)
    let f = form(word, lemma);
    if t > first && matches!(f, Form::S | Form::Base) {
        if let Some(e) = entity_of(owners[t - 1]) {
            let ent = &doc.entities[e as usize];
            let mut a = t - 1;
            while a > first && owners[a - 1] == owners[t - 1] {
                a -= 1;
            }
            let group = || {
                let phrase = format!("{} {}", doc.str(doc.token_span(a, t)), word);
                newsgraph_actors::Actors::global().by_title(&phrase).is_some_and(|m| ent.actor.as_ref().is_none_or(|c| m.code.len() > c.len()))
            };
            if ent.kind == EntityType::Norp || (ent.kind == EntityType::Gpe && group()) {
                return false;
            }
        }
    }
    let prev = previous_word(doc, first, t);
    let subject_before = |p: &Option<(usize, String)>| match p {
        Some((k, w)) => owned(*k) || is_one_of(w, &SUBJECT_PRONOUNS) || is_one_of(w, &["that"]),
        None => false,
    };
    match f {
        // "a meeting aimed at", "the curfew imposed in": a participle after a
        // common noun, once the clause has had its verb, is the noun's modifier
        Form::Past if reduced_relative(doc, owners, first, t) => false,
        Form::Past => true,
        Form::Ing => matches!(&prev, Some((_, w)) if is_one_of(w, &BE)),
        Form::S => subject_before(&prev),
        Form::Base => match &prev {
            Some((_, w)) if is_one_of(w, &BEFORE_BASE) => true,
            p => subject_before(p),
        },
    }
}

/// Whether the past participle at token `t` modifies the common noun right
/// before it ("an informal meeting aimed at", "the curfew imposed in
/// Sudan"): that word is a lower-case noun (no name, pronoun, adverb or
/// auxiliary), and a word before it in the sentence is a verb form.
fn reduced_relative(doc: &Doc, owners: &Owners, first: usize, t: usize) -> bool {
    if t <= first + 1 || owners[t - 1].is_some() || doc.tokens[t - 1].kind != TokenKind::Word {
        return false;
    }
    let w = doc.tok(t - 1);
    let lw = w.to_lowercase();
    let closed = is_one_of(&lw, &BE) || is_one_of(&lw, &SUBJECT_PRONOUNS) || is_one_of(&lw, &ADVERBS) || is_one_of(&lw, &NEGATION) || is_one_of(&lw, &["have", "has", "had", "and", "or", "but", "that"]);
    if closed || lw.ends_with("ly") || w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // a verb before: an auxiliary, or a verb of the dictionary in -ed or -ing
    (first..t - 1).any(|k| {
        let x = doc.tok(k).to_lowercase();
        let verb_form = (x.ends_with("ed") || x.ends_with("ing")) && newsgraph_cameo::Codebook::global().starts_a_verb(&x.to_uppercase());
        is_one_of(&x, &BE) || is_one_of(&x, &["has", "have", "had", "will", "would"]) || verb_form
    })
}
