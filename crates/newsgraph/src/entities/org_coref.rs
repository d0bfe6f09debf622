//! Descriptions of organisations ("the alliance", "the Western alliance",
//! "the council") resolved to the organisation they stand for.
//!
//! News introduces an organisation with its kind, "the NATO military
//! alliance", "Russia's TASS news agency", "NATO, the Western military
//! alliance", or names it with its kind as last word, "the European
//! Council"; later it refers back by the kind alone. So the step learns,
//! in text order, the kinds (`data/org_kinds.txt`) the article gives each
//! organisation, and resolves a definite description ending in a kind to
//! the organisation of that kind mentioned last before it. A kind the
//! article never gave an organisation resolves to nothing: "the company"
//! is not guessed.

use super::roles;
use crate::doc::{EntityType, MentionKind};
use crate::doc::{BlockKind, Doc, Span};
use crate::lexis::{is_possessive, lists};
use std::collections::HashSet;
use std::sync::LazyLock;

static KINDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| lists::entries(include_str!("../../data/org_kinds.txt")).collect());

/// The organisation kind a word names, if any ("Alliance" -> "alliance").
pub(crate) fn kind_of(w: &str) -> Option<&'static str> {
    if w.len() > 16 || w.len() < 3 || !w.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // lower-cased on the stack: this runs for most words after "the"
    let mut buf = [0u8; 16];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    KINDS.get(std::str::from_utf8(lower).ok()?).copied()
}

/// At most this many words between the determiner (or the name) and the
/// kind: "the Western military alliance".
const MAX_MODIFIERS: usize = 2;

/// Closed-class words that end a noun phrase before its head.
fn is_function_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "an", "the", "this", "that", "these", "those", "of", "in", "on", "at", "for", "to", "by", "with", "from", "and", "or", "but", "who",
        "which", "whose", "is", "was", "are", "were", "be", "been", "has", "had", "have", "said", "says", "not", "its", "his", "her", "their",
    ];
    w.len() <= 6 && WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// A word that may stand between a determiner and the kind: a lower-case
/// word ("military", "news") or a nationality or place name ("Western",
/// "US").
fn is_modifier(doc: &Doc, ents: &[Option<(u32, EntityType)>], i: usize) -> bool {
    let w = doc.tok(i);
    if is_function_word(w) || !w.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    match ents[i] {
        Some((_, EntityType::Norp | EntityType::Gpe)) => true,
        Some(_) => false,
        None => w.chars().next().is_some_and(char::is_lowercase),
    }
}

/// The kind that ends the words `from..`, after at most `MAX_MODIFIERS`
/// modifiers: the index of the kind word and the kind.
fn kind_after(doc: &Doc, ents: &[Option<(u32, EntityType)>], from: usize, hi: usize) -> Option<(usize, &'static str)> {
    let mut j = from;
    while j < hi && j - from <= MAX_MODIFIERS {
        if ents[j].is_none() {
            if let Some(k) = kind_of(doc.tok(j)) {
                // "the party leader" is a person; "the group of seven" is a
                // group the article describes there and then
                let next = doc.tokens.get(j + 1).filter(|_| j + 1 < hi).map(|t| doc.str(t.span));
                let continues = next.is_some_and(|n| n.eq_ignore_ascii_case("of") || kind_of(n).is_some())
                    || roles::ROLES.starting_at(doc, j + 1, hi).is_some();
                return (!continues).then_some((j, k));
            }
        }
        if !is_modifier(doc, ents, j) {
            return None;
        }
        j += 1;
    }
    None
}

/// Resolves organisation descriptions; `ents` is the name mention of each
/// token (`roles::token_entities`). Resolved descriptions are added to
/// their entity as `description` mentions. Returns the phrases that
/// introduce an organisation with its kind ("Russia's TASS news agency"),
/// with the entity's index: the actor layer codes an organisation it does
/// not know by such a phrase.
pub fn run(doc: &mut Doc, ents: &[Option<(u32, EntityType)>]) -> Vec<(usize, Span)> {
    let mut introductions = Vec::new();
    let n = doc.entities.len();
    let mut kinds: Vec<Vec<&'static str>> = vec![Vec::new(); n];
    // the last token at which each organisation was named or described
    let mut last: Vec<Option<usize>> = vec![None; n];
    let mut added: Vec<(usize, Span)> = Vec::new();
    for s in &doc.sentences {
        if matches!(doc.blocks[s.block as usize].kind, BlockKind::Title | BlockKind::Heading) {
            continue;
        }
        let r = s.tokens();
        let mut i = r.start;
        while i < r.end {
            if let Some((e, EntityType::Org)) = ents[i] {
                let e = e as usize;
                let end = (i..r.end).find(|&k| ents[k] != ents[i]).unwrap_or(r.end);
                let mut learn = |k: &'static str| {
                    if !kinds[e].contains(&k) {
                        kinds[e].push(k);
                    }
                };
                // named with its kind: "the European Council"
                if let Some(k) = kind_of(doc.tok(end - 1)) {
                    learn(k);
                }
                // introduced with its kind: "the NATO military alliance",
                // "Russia's TASS news agency"
                let determined = i > r.start && (doc.tok(i - 1).eq_ignore_ascii_case("the") || is_possessive(doc, i - 1));
                if determined {
                    if let Some((head, k)) = kind_after(doc, ents, end, r.end) {
                        learn(k);
                        // from the possessor ("Russia" in "Russia's") or the name
                        let from = if is_possessive(doc, i - 1) && i >= r.start + 2 { i - 2 } else { i };
                        introductions.push((e, doc.token_span(from, head + 1)));
                    }
                }
                // in apposition: "NATO, the Western military alliance," (the
                // description itself is resolved when the loop reaches it)
                if end + 2 < r.end && doc.tok(end) == "," && doc.tok(end + 1).eq_ignore_ascii_case("the") {
                    if let Some((_, k)) = kind_after(doc, ents, end + 2, r.end) {
                        learn(k);
                    }
                }
                last[e] = Some(end - 1);
                i = end;
                continue;
            }
            if ents[i].is_none() && doc.tok(i).eq_ignore_ascii_case("the") {
                if let Some((head, k)) = kind_after(doc, ents, i + 1, r.end) {
                    let referent = (0..n).filter(|&e| last[e].is_some() && kinds[e].contains(&k)).max_by_key(|&e| last[e]);
                    if let Some(e) = referent {
                        added.push((e, doc.token_span(i, head + 1)));
                        last[e] = Some(head);
                    }
                    i = head + 1;
                    continue;
                }
            }
            i += 1;
        }
    }
    for (e, span) in added {
        roles::add_mention(doc, e, span, MentionKind::Description);
    }
    introductions
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, DocInput};
    use crate::doc::{Entity, EntityType, Mention, MentionKind};
    use crate::entities::roles;

    /// A document whose entities are the given names (every occurrence),
    /// after org_coref; the recogniser is left out of these tests.
    fn run(text: &str, names: &[(&str, EntityType)]) -> Doc {
        let mut d = with_names(text, names);
        let ents = roles::token_entities(&d);
        let _ = super::run(&mut d, &ents);
        d
    }

    /// A segmented document whose entities are the given names.
    fn with_names(text: &str, names: &[(&str, EntityType)]) -> Doc {
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        for (name, kind) in names {
            let mentions = text
                .match_indices(name)
                .filter(|(s, _)| !text[s + name.len()..].starts_with(|c: char| c.is_alphanumeric()))
                .map(|(s, _)| Mention { span: crate::doc::Span::new(s, s + name.len()), kind: MentionKind::Name })
                .collect();
            d.entities.push(Entity { kind: *kind, name: name.to_string(), title: None, actor: None, mentions });
        }
        d
    }

    /// The descriptions resolved to the entity named `name`.
    fn descriptions_of(d: &Doc, name: &str) -> Vec<String> {
        d.entities
            .iter()
            .filter(|e| e.name == name)
            .flat_map(|e| e.mentions.iter().filter(|m| m.kind == MentionKind::Description).map(|m| d.str(m.span).to_string()))
            .collect()
    }

    const ORG: EntityType = EntityType::Org;

    #[test]
    fn an_organisation_introduced_with_its_kind_is_referred_to_by_the_kind() {
        let d = run(
            "Kyiv wants to join the NATO military alliance. But the alliance has been hesitant, and the Western alliance is divided.",
            &[("NATO", ORG), ("Western", EntityType::Norp)],
        );
        assert_eq!(descriptions_of(&d, "NATO"), ["the alliance", "the Western alliance"]);
    }

    #[test]
    fn a_country_possessive_introduces_the_kind_too() {
        let d = run("Russia's TASS news agency said talks would go on. The agency gave no date.", &[("Russia", EntityType::Gpe), ("TASS", ORG)]);
        assert_eq!(descriptions_of(&d, "TASS"), ["The agency"]);
    }

    #[test]
    fn the_introducing_phrase_is_returned_for_the_actor_layer() {
        let mut d = with_names("Russia's TASS news agency said talks would go on.", &[("Russia", EntityType::Gpe), ("TASS", ORG)]);
        let ents = roles::token_entities(&d);
        let intros = super::run(&mut d, &ents);
        let got: Vec<(usize, &str)> = intros.iter().map(|&(e, s)| (e, d.str(s))).collect();
        assert_eq!(got, [(1, "Russia's TASS news agency")]);
    }

    #[test]
    fn the_kind_can_come_from_an_apposition() {
        let d = run("Officials met at NATO, the military alliance, on Monday. The alliance said nothing.", &[("NATO", ORG)]);
        assert_eq!(descriptions_of(&d, "NATO"), ["the military alliance", "The alliance"]);
    }

    #[test]
    fn the_kind_can_be_the_last_word_of_the_name() {
        let d = run("The European Council met in Brussels. The council agreed a plan.", &[("European Council", ORG)]);
        assert_eq!(descriptions_of(&d, "European Council"), ["The council"]);
    }

    #[test]
    fn a_kind_the_article_never_gave_resolves_to_nothing() {
        let d = run("Apple sold more phones in March. The company said demand was strong.", &[("Apple", ORG)]);
        assert!(descriptions_of(&d, "Apple").is_empty());
    }

    #[test]
    fn a_verb_before_the_phrase_does_not_introduce_a_kind() {
        let d = run("Google sued the company in March. The company appealed.", &[("Google", ORG)]);
        assert!(descriptions_of(&d, "Google").is_empty());
    }

    #[test]
    fn the_latest_organisation_of_the_kind_wins() {
        let d = run(
            "The European Council met on Monday. Later the Security Council met in New York. The council voted.",
            &[("European Council", ORG), ("Security Council", ORG)],
        );
        assert_eq!(descriptions_of(&d, "Security Council"), ["The council"]);
        assert!(descriptions_of(&d, "European Council").is_empty());
    }

    #[test]
    fn a_kind_followed_by_a_role_is_a_person_not_the_organisation() {
        let d = run("The Labour Party won the vote. The party leader spoke first.", &[("Labour Party", ORG)]);
        assert!(descriptions_of(&d, "Labour Party").is_empty());
    }

    #[test]
    fn a_nationality_inside_an_organisation_description_is_not_a_group_of_its_own() {
        let mut d = crate::doc::Doc::new(DocInput {
            text: "Kyiv wants to join NATO, the military alliance. NATO leaders met, and the Western alliance is divided.".into(),
            source: "t".into(),
            ..Default::default()
        });
        crate::segment::run(&mut d);
        crate::entities::run(&mut d);
        assert!(descriptions_of(&d, "NATO").contains(&"the Western alliance".to_string()));
        assert!(d.entities.iter().all(|e| e.name != "Western"), "{:?}", d.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
    }
}
