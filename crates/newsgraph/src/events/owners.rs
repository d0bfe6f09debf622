//! What each token of a document is part of, for the event stage: an
//! actor's mention (an entity that acts) or a group's noun the actor
//! dictionaries know.

use crate::doc::{Doc, EntityType, TokenKind};
use crate::lexis::closed::is_one_of;

/// What a token is part of: a mention of an entity that acts (people,
/// organisations, countries and cities, groups), or a group's noun the
/// actor dictionaries know ("police", "rebels", "security forces").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Entity and mention indices.
    Entity(u32, u32),
    /// Index into [`Owners::groups`].
    Group(u32),
}

pub type Owner = Option<Who>;

/// A group's noun with no entity: its code (the country when "in" or "of"
/// a country follows it, else PETRARCH's "---" for none) and its words.
pub struct Group {
    pub code: String,
    pub name: String,
}

pub struct Owners {
    pub tokens: Vec<Owner>,
    pub groups: Vec<Group>,
}

impl std::ops::Index<usize> for Owners {
    type Output = Owner;
    fn index(&self, i: usize) -> &Owner {
        &self.tokens[i]
    }
}

/// The entity of a token's owner, when it is an entity.
pub fn entity_of(o: Owner) -> Option<u32> {
    match o {
        Some(Who::Entity(e, _)) => Some(e),
        _ => None,
    }
}

pub fn token_owners(doc: &Doc) -> Owners {
    let mut owners: Vec<Owner> = vec![None; doc.tokens.len()];
    for (ei, e) in doc.entities.iter().enumerate() {
        if !matches!(e.kind, EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp) {
            continue;
        }
        for (mi, m) in e.mentions.iter().enumerate() {
            // tokens are in text order: find those inside the mention
            let first = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            for (t, o) in owners.iter_mut().enumerate().skip(first) {
                if doc.tokens[t].span.start >= m.span.end {
                    break;
                }
                *o = Some(Who::Entity(ei as u32, mi as u32));
            }
        }
    }
    let mut groups = Vec::new();
    let dict = newsgraph_actors::Actors::global();
    let mut sentence_first = vec![false; doc.tokens.len()];
    for s in &doc.sentences {
        if let Some(f) = sentence_first.get_mut(s.first_token as usize) {
            *f = true;
        }
    }
    let mut t = 0;
    while t < doc.tokens.len() {
        // a lower-case word (capitalised only where a sentence starts)
        let plain = |k: usize| {
            k < doc.tokens.len()
                && owners[k].is_none()
                && doc.tokens[k].kind == TokenKind::Word
                && doc.tok(k).chars().enumerate().all(|(i, c)| !c.is_uppercase() || (i == 0 && sentence_first[k]))
        };
        // after a country or nationality the group joins its mention ("Russian troops")
        let after_place = t > 0 && entity_of(owners[t - 1]).is_some_and(|e| matches!(doc.entities[e as usize].kind, EntityType::Norp | EntityType::Gpe));
        if !plain(t) || after_place {
            t += 1;
            continue;
        }
        let two = plain(t + 1).then(|| format!("{} {}", doc.tok(t), doc.tok(t + 1)));
        let (n, agent) = match two.as_deref().and_then(|p| dict.agent(p)) {
            Some(a) => (2, a),
            None => match dict.agent(doc.tok(t)) {
                Some(a) => (1, a),
                None => {
                    t += 1;
                    continue;
                }
            },
        };
        // "security forces in Guinea": Guinea's
        let end = t + n;
        let country = (end + 1 < doc.tokens.len() && is_one_of(&doc.tok(end).to_lowercase(), &["in", "of"]))
            .then(|| entity_of(owners[end + 1]))
            .flatten()
            .and_then(|e| doc.entities[e as usize].actor.as_deref())
            .and_then(|c| c.get(..3))
            .unwrap_or("---");
        let gi = groups.len() as u32;
        groups.push(Group { code: format!("{country}{agent}"), name: doc.str(doc.token_span(t, end)).to_string() });
        for o in &mut owners[t..end] {
            *o = Some(Who::Group(gi));
        }
        t = end;
    }
    Owners { tokens: owners, groups }
}

/// The token range of the mention that token `t` belongs to.
pub fn mention_tokens(owners: &Owners, t: usize) -> (usize, usize) {
    let o = owners[t];
    let mut a = t;
    while a > 0 && owners[a - 1] == o {
        a -= 1;
    }
    let mut b = t + 1;
    while b < owners.tokens.len() && owners[b] == o {
        b += 1;
    }
    (a, b)
}

