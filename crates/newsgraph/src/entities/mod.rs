//! Stage 2, entities: people, organisations, places and groups, merged
//! across their mentions.
//!
//! 1. `ner`: the recogniser finds names (PER, ORG, LOC, MISC);
//! 2. typing: LOC names the gazetteer knows as countries, cities or
//!    divisions become GPE, MISC names that are nationalities or groups
//!    become NORP;
//! 3. `merge`: mentions of one entity are merged;
//! 4. `roles`: titles attached to people ("Russian Foreign Minister");
//! 5. `coref`: descriptions and pronouns resolved to people;
//! 6. `org_coref`: descriptions resolved to organisations ("the alliance").

mod consistency;
mod coref;
pub(crate) mod gazetteer;
mod merge;
pub(crate) mod ner;
mod org_coref;
mod roles;

use crate::doc::{BlockKind, Doc, Entity, EntityType, MentionKind, Span};
use crate::lexis::closed::COMPASS_DIRECTIONS;
use crate::lexis::{capitalised, has_lower, hash, lists, phrases};
use std::sync::LazyLock;

/// The embedded recogniser (trained by `newsgraph train-ner`); `None` when
/// the build carries no model.
pub static NER: LazyLock<Option<ner::Model>> = LazyLock::new(|| ner::Model::from_bytes(include_bytes!("../../data/ner.model")).ok());

/// Runs the stage: fills `doc.entities`.
pub fn run(doc: &mut Doc) {
    let Some(model) = NER.as_ref() else { return };
    let infos = ner::features::describe(doc);
    let lower: Vec<u64> = infos.iter().map(|i| i.lower).collect();
    let names: Vec<merge::NameMention> = model
        .tag_described(doc, &infos)
        .into_iter()
        .map(|n| {
            let span = doc.token_span(n.start, n.end);
            merge::NameMention { span, kind: entity_type(&lower, n.start..n.end, n.kind), tokens: n.start..n.end }
        })
        .collect();
    let names = without_deities(&lower, names);
    // words the article writes in lower case: common words, whatever their capitals elsewhere
    let common = hash::lower_case_words(doc, &lower);
    let names = consistency::repeats(doc, &lower, &common, names);
    let names = first_names_at_sentence_start(doc, &lower, &common, names);
    let names = split_at_titles(doc, names);
    let names = without_bare_roles(doc, names);
    let names = extend_to_org_heads(doc, names);
    let names = confirmed_in_headings(doc, &lower, &common, names);
    let mut names = with_country_backstop(doc, &lower, names);
    retype(doc, &lower, &mut names);
    doc.entities = merge::merge(doc, &names);
    // the name mention of each token: fixed from here on (later steps only
    // add descriptions and pronouns, and new entities at the end)
    let ents = roles::token_entities(doc);
    institutions_and_regions(doc, &ents, &lower);
    let (mut countries, mut inside) = roles::attach_titles(doc, &ents);
    coref::run(doc, &ents, &mut countries);
    let introductions = org_coref::run(doc, &ents);
    inside.extend(doc.entities.iter().flat_map(|e| e.mentions.iter().filter(|m| m.kind == MentionKind::Description).map(|m| m.span)));
    // (before absorbing, which drops entities: the indices still hold)
    link_actors(doc, &introductions);
    absorb_nationalities(doc, &inside);
}

/// CAMEO actor codes (`newsgraph-actors`: the PETRARCH2 dictionaries and
/// the gazetteer): a person or organisation by name at the publication
/// date, else a person by title ("Ukraine's president" -> UKRGOV), an
/// organisation by its name as a title ("Ukraine's air force" -> UKRMIL) or
/// by the phrase that introduced it (`introductions`: "Russia's TASS news
/// agency" -> RUSMED); a place or nationality by its country, a part of a
/// country ("eastern Ukraine") by the country.
fn link_actors(doc: &mut Doc, introductions: &[(usize, Span)]) {
    let actors = newsgraph_actors::Actors::global();
    let date = doc.published.as_ref().map(|p| p.date);
    let intro_codes: Vec<(usize, String)> =
        introductions.iter().filter_map(|&(e, span)| actors.by_title(doc.str(span)).map(|m| (e, m.code))).collect();
    for (i, e) in doc.entities.iter_mut().enumerate() {
        e.actor = match e.kind {
            EntityType::Person | EntityType::Org => {
                let by_name = actors.by_name(&e.name, date).map(|m| m.code);
                let by_title = e.title.as_deref().and_then(|t| actors.by_title(t)).map(|m| m.code);
                let code = match (by_name, by_title) {
                    // The dictionaries end around 2016-2019: a person they
                    // list out of office (an "elite", ELI) whom the article
                    // gives an office is coded by that office.
                    (Some(n), Some(t)) if n.ends_with("ELI") => Some(t),
                    (n, t) => n.or(t),
                };
                code.or_else(|| {
                    (e.kind == EntityType::Org)
                        .then(|| actors.by_title(&e.name).map(|m| m.code).or_else(|| intro_codes.iter().find(|(x, _)| *x == i).map(|(_, c)| c.clone())))
                        .flatten()
                })
            }
            EntityType::Gpe | EntityType::Loc | EntityType::Norp => actors.country(&e.name).or_else(|| {
                // "eastern Ukraine": a direction before the country
                let (first, rest) = e.name.split_once(' ')?;
                first.chars().all(char::is_lowercase).then(|| actors.country(rest)).flatten()
            }),
            EntityType::Misc => None,
        };
    }
}

/// A nationality inside a person's title or a description ("French" in
/// "French President Emmanuel Macron", "Ukrainian" in "the Ukrainian
/// leader", "Western" in "the Western alliance") is part of how a person
/// or an organisation is named, not a group the article speaks of: it is
/// not kept as a NORP mention of its own.
fn absorb_nationalities(doc: &mut Doc, inside: &[Span]) {
    for e in doc.entities.iter_mut().filter(|e| e.kind == EntityType::Norp) {
        e.mentions.retain(|m| !inside.iter().any(|s| s.contains(m.span)));
    }
    doc.entities.retain(|e| !e.mentions.is_empty());
}

/// Names of God (`data/deities.txt`), invoked in speech ("God willed it"),
/// are not people the news reports on.
fn without_deities(lower: &[u64], mut names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    static DEITIES: LazyLock<hash::PreHashedMap<()>> = LazyLock::new(|| {
        lists::entries(include_str!("../../data/deities.txt")).map(|l| (hash::word_hash(l), ())).collect()
    });
    names.retain(|n| !(n.kind == EntityType::Person && n.tokens.len() == 1 && DEITIES.contains_key(&lower[n.tokens.start])));
    names
}

/// A nationality or place directly followed by a capitalised organisation
/// word names that organisation ("European" + "Council", "African" +
/// "Union", "Arab" + "League"): the word joins the name, which becomes ORG.
fn extend_to_org_heads(doc: &Doc, mut names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    for k in 0..names.len() {
        let n = &names[k];
        if n.kind == EntityType::Person || n.kind == EntityType::Org {
            continue;
        }
        let next = n.tokens.end;
        let free = names.get(k + 1).is_none_or(|m| m.tokens.start > next);
        let same_sentence = doc.sentences.iter().any(|s| s.tokens().contains(&n.tokens.start) && s.tokens().contains(&next));
        if free && same_sentence && ORG_HEADS.contains(doc.tok(next)) {
            let n = &mut names[k];
            n.tokens.end += 1;
            n.span.end = doc.tokens[next].span.end;
            n.kind = EntityType::Org;
        }
    }
    names
}

/// A person "name" made of role words only ("the Director of Media",
/// "President" in a heading) is a title without a name: not a person.
fn without_bare_roles(doc: &Doc, mut names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    names.retain(|n| n.kind != EntityType::Person || roles::ROLES.starting_at(doc, n.tokens.start, n.tokens.end).is_none_or(|(end, _)| end < n.tokens.end));
    names
}

/// A sentence's first word is capitalised whatever it is, so the
/// recogniser is unsure of it and may tag "Volodymyr Zelensky stated ..."
/// as "Zelensky" alone. A person's name that starts at the sentence's
/// second word takes the first word in when that word is a given name (of
/// a person the actor dictionaries list) that the article never writes in
/// lower case, and no sentence opener, role, nationality or place.
static GIVEN_NAMES: LazyLock<hash::PreHashedMap<()>> = LazyLock::new(|| newsgraph_actors::given_names().map(|n| (hash::word_hash(&n), ())).collect());

fn first_names_at_sentence_start(doc: &Doc, lower: &[u64], common: &hash::PreHashedMap<()>, mut names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    let starts: Vec<usize> = names
        .iter()
        .filter(|n| n.kind == EntityType::Person && n.tokens.start > 0)
        .map(|n| n.tokens.start - 1)
        .filter(|&first| doc.sentences.binary_search_by_key(&(first as u32), |s| s.first_token).is_ok())
        .filter(|&first| !names.iter().any(|m| m.tokens.contains(&first)))
        .collect();
    if starts.is_empty() {
        return names;
    }
    for n in names.iter_mut().filter(|n| n.kind == EntityType::Person) {
        let Some(first) = n.tokens.start.checked_sub(1) else { continue };
        if !starts.contains(&first) {
            continue;
        }
        let w = doc.tok(first);
        let name_word = capitalised(w)
            && has_lower(w)
            && GIVEN_NAMES.contains_key(&lower[first])
            && !common.contains_key(&lower[first])
            && !crate::lexis::words::LEXICON.is_sentence_starter(w)
            && roles::ROLES.starting_at(doc, first, first + 1).is_none()
            && gazetteer::GAZETTEER.get_hashes(&lower[first..first + 1]).is_none();
        if name_word {
            n.tokens.start = first;
            n.span.start = doc.tokens[first].span.start;
        }
    }
    names
}

/// A title is not part of a name: a recognised span that runs through a
/// role word followed by a name ("UN Secretary-General António Guterres")
/// is the organisation or country before the title and the person after it.
fn split_at_titles(doc: &Doc, names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let split = (n.tokens.start + 1..n.tokens.end.saturating_sub(1)).find_map(|i| {
            let (end, role) = roles::ROLES.starting_at(doc, i, n.tokens.end - 1)?;
            let opens_a_name = capitalised(doc.tok(i));
            (role.standalone && opens_a_name && end < n.tokens.end).then_some((i, end))
        });
        let Some((role_start, role_end)) = split else {
            out.push(trim_trailing_role(doc, n));
            continue;
        };
        let span = |r: std::ops::Range<usize>| doc.token_span(r.start, r.end);
        let before = n.tokens.start..role_start;
        let kind = if is_country(&before.clone().map(|i| hash::word_hash(doc.tok(i))).collect::<Vec<_>>()) { EntityType::Gpe } else { EntityType::Org };
        out.push(merge::NameMention { span: span(before.clone()), kind, tokens: before });
        let after = role_end..n.tokens.end;
        out.push(merge::NameMention { span: span(after.clone()), kind: EntityType::Person, tokens: after });
    }
    out
}

/// An organisation's span that ends in a title before a name ("State
/// Department Spokesperson" + "Jeff Rathke") loses the title.
fn trim_trailing_role(doc: &Doc, mut n: merge::NameMention) -> merge::NameMention {
    if n.kind == EntityType::Person || n.tokens.len() < 2 {
        return n;
    }
    let next_is_name = doc.tokens.get(n.tokens.end).is_some_and(|t| capitalised(doc.str(t.span)));
    if !next_is_name {
        return n;
    }
    if let Some((start, _)) = roles::ROLES.ending_at(doc, n.tokens.start + 1, n.tokens.end) {
        n.tokens.end = start;
        n.span.end = doc.tokens[start - 1].span.end;
    }
    n
}

/// Institution nouns after a country's possessive (`data/org_nouns.txt`).
static ORG_NOUNS: LazyLock<(hash::PreHashedMap<()>, usize)> = LazyLock::new(|| {
    let mut m = hash::PreHashedMap::default();
    let mut max = 1;
    let mut toks = Vec::new();
    for l in lists::entries(include_str!("../../data/org_nouns.txt")) {
        if let Some((key, len)) = phrases::phrase_key(l, &mut toks) {
            max = usize::max(max, len);
            m.insert(key, ());
        }
    }
    (m, max)
});

/// Two kinds of unnamed entities that news writes around a country's name:
/// - a country's institution, "Ukraine's air force", "Russia's foreign
///   ministry": an organisation named by the whole phrase, mentioned by its
///   common-noun head ("air force");
/// - a part of a country, "eastern Ukraine", "northern Syria": a place (LOC)
///   of its own, beside the country's mention.
fn institutions_and_regions(doc: &mut Doc, ents: &[Option<(u32, EntityType)>], lower: &[u64]) {
    let (nouns, max) = &*ORG_NOUNS;
    let mut new: Vec<(String, EntityType, Span)> = Vec::new();
    for s in &doc.sentences {
        let r = s.tokens();
        for i in r.clone() {
            let Some((e, EntityType::Gpe)) = ents[i] else { continue };
            // the last token of the country's mention
            if i + 1 < r.end && ents[i + 1] == ents[i] {
                continue;
            }
            let first = (r.start..=i).rev().take_while(|&k| ents[k] == Some((e, EntityType::Gpe))).last().unwrap_or(i);
            let possessive = i + 1 < r.end && matches!(doc.tok(i + 1), "'s" | "’s");
            if possessive {
                let from = i + 2;
                let best = (1..=*max).rev().filter(|&len| from + len <= r.end).find(|&len| nouns.contains_key(&hash::seq_hash(lower[from..from + len].iter().copied())));
                if let Some(len) = best {
                    let head = doc.token_span(from, from + len);
                    let whole = Span { start: doc.tokens[first].span.start, end: head.end };
                    new.push((doc.str(whole).to_string(), EntityType::Org, head));
                }
            }
            if first > r.start {
                let w = doc.tok(first - 1);
                if COMPASS_DIRECTIONS.contains(&w) {
                    let span = doc.token_span(first - 1, i + 1);
                    new.push((doc.str(span).to_string(), EntityType::Loc, span));
                }
            }
        }
    }
    for (name, kind, span) in new {
        let key = name.replace('’', "'").to_lowercase();
        let existing = doc.entities.iter().position(|x| x.kind == kind && x.name.replace('’', "'").to_lowercase() == key);
        let e = existing.unwrap_or_else(|| {
            doc.entities.push(Entity { kind, name, title: None, actor: None, mentions: Vec::new() });
            doc.entities.len() - 1
        });
        roles::add_mention(doc, e, span, MentionKind::Description);
    }
}

/// Title Case headlines and sub-headings ("Kremlin Sees Trump-Putin Talks
/// as ‘Promising’") capitalise every word, so capitals say nothing there:
/// a name found in one is kept only when the article's text names it too.
fn confirmed_in_headings(doc: &Doc, lower: &[u64], lower_words: &hash::PreHashedMap<()>, names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    // only a heading with two capitalised words after its first can be in
    // Title Case: most are not, and need no more work
    let maybe_title_case = doc.sentences.iter().any(|s| {
        matches!(doc.sentence_kind(s), BlockKind::Title | BlockKind::Heading)
            && s.tokens().skip(1).filter(|&i| capitalised(doc.tok(i))).count() >= 2
    });
    if !maybe_title_case {
        return names;
    }
    // Title Case shows in capitalised words that the article otherwise
    // writes in lower case ("Talks", "Willed"); a line of names does not.
    let title_case: Vec<bool> = doc
        .sentences
        .iter()
        .map(|s| {
            if !matches!(doc.sentence_kind(s), BlockKind::Title | BlockKind::Heading) {
                return false;
            }
            let words: Vec<&str> = s.tokens().map(|i| doc.tok(i)).filter(|w| w.chars().any(char::is_alphabetic)).collect();
            let common_caps = words
                .iter()
                .skip(1)
                .filter(|w| capitalised(w) && has_lower(w) && lower_words.contains_key(&hash::word_hash(w)))
                .count();
            common_caps >= 2 && common_caps * 10 >= words.len() * 3
        })
        .collect();
    if !title_case.contains(&true) {
        return names;
    }
    let sentence_of = |tok: usize| doc.sentences.partition_point(|s| (s.end_token as usize) <= tok);
    let key = |n: &merge::NameMention| hash::seq_hash(lower[n.tokens.clone()].iter().copied());
    let body: std::collections::HashSet<u64> = names.iter().filter(|n| !title_case[sentence_of(n.tokens.start)]).map(key).collect();
    names.into_iter().filter(|n| !title_case[sentence_of(n.tokens.start)] || body.contains(&key(n))).collect()
}

/// Organisation head words (`data/org_heads.txt`) and metonyms (the actor
/// layer's table: "Kremlin" is the Russian government).
static ORG_HEADS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| lists::entries(include_str!("../../data/org_heads.txt")).collect());
static METONYMS: LazyLock<hash::PreHashedMap<()>> = LazyLock::new(|| {
    let mut toks = Vec::new();
    newsgraph_actors::metonym_names().filter_map(|name| phrases::phrase_key(name, &mut toks)).map(|(key, _)| (key, ())).collect()
});

/// Type corrections by the conventions of news names:
/// - a full name whose surname the article uses alone for a person is a
///   person ("Volodymyr Zelensky" ... "Zelensky said");
/// - a name ending in an organisation word is an organisation ("European
///   Council", "Labour Party"), and an institution named by its seat is one
///   too ("the Kremlin", "the White House");
/// - a country's name is the country, not an organisation.
fn retype(doc: &Doc, lower: &[u64], names: &mut [merge::NameMention]) {
    let person_words: std::collections::HashSet<u64> =
        names.iter().filter(|n| n.kind == EntityType::Person && n.tokens.len() == 1).map(|n| lower[n.tokens.start]).collect();
    for n in names.iter_mut() {
        let last = doc.tok(n.tokens.end - 1);
        let key = hash::seq_hash(lower[n.tokens.clone()].iter().copied());
        if METONYMS.contains_key(&key) {
            n.kind = EntityType::Org;
        } else if n.kind != EntityType::Person && n.tokens.len() >= 2 && person_words.contains(&lower[n.tokens.end - 1]) {
            n.kind = EntityType::Person;
        } else if n.kind == EntityType::Misc && n.tokens.len() >= 2 && ORG_HEADS.contains(last) {
            n.kind = EntityType::Org;
        } else if n.kind == EntityType::Person && n.tokens.len() == 1 && is_group(&lower[n.tokens.clone()]) {
            // "Muslims", "Bangladeshis": a nationality or group, not a person
            n.kind = EntityType::Norp;
        } else if n.kind == EntityType::Org && is_country(&lower[n.tokens.clone()]) {
            // "US Secretary of State": a country before a title is the country
            n.kind = EntityType::Gpe;
        }
    }
}

fn is_group(words: &[u64]) -> bool {
    gazetteer::GAZETTEER.get_hashes(words).is_some_and(|hits| hits.iter().all(|h| matches!(h.kind, gazetteer::GazKind::Demonym | gazetteer::GazKind::Group)))
}

fn is_country(words: &[u64]) -> bool {
    gazetteer::GAZETTEER.get_hashes(words).and_then(gazetteer::Gazetteer::best).is_some_and(|b| b.kind == gazetteer::GazKind::Country)
}

/// Country names and capitals the recogniser left untagged ("US" written
/// without periods, which the CoNLL training data never does) are names
/// all the same: a country is always a GPE. Not in all-capital sentences,
/// where every word looks like a name.
fn with_country_backstop(doc: &Doc, lower: &[u64], mut names: Vec<merge::NameMention>) -> Vec<merge::NameMention> {
    use gazetteer::{GazKind, Gazetteer, GAZETTEER};
    let mut covered = vec![false; doc.tokens.len()];
    for n in &names {
        for c in covered.iter_mut().take(n.tokens.end).skip(n.tokens.start) {
            *c = true;
        }
    }
    let max = GAZETTEER.max_len.min(4);
    let mut extra = Vec::new();
    for s in &doc.sentences {
        let r = s.tokens();
        let caps = r.clone().filter(|&i| has_lower(doc.tok(i))).count() * 3 < r.len();
        if caps {
            continue;
        }
        let mut i = r.start;
        while i < r.end {
            if covered[i] || !capitalised(doc.tok(i)) {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=max.min(r.end - i)).rev() {
                if (i..i + len).any(|k| covered[k]) {
                    continue;
                }
                if let Some(best) = GAZETTEER.get_hashes(&lower[i..i + len]).and_then(Gazetteer::best) {
                    if matches!(best.kind, GazKind::Country) && (i..i + len).all(|k| capitalised(doc.tok(k))) {
                        found = Some(len);
                        break;
                    }
                }
            }
            match found {
                Some(len) => {
                    let span = doc.token_span(i, i + len);
                    extra.push(merge::NameMention { span, kind: EntityType::Gpe, tokens: i..i + len });
                    i += len;
                }
                None => i += 1,
            }
        }
    }
    if !extra.is_empty() {
        names.extend(extra);
        names.sort_by_key(|n| n.tokens.start);
    }
    names
}

/// The output type of a recognised name: the recogniser's LOC is GPE when
/// the gazetteer knows the name as a political unit (country, capital,
/// city, division, political region), and its MISC is NORP when the name
/// is a nationality or a group.
fn entity_type(lower: &[u64], tokens: std::ops::Range<usize>, ner_kind: usize) -> EntityType {
    use gazetteer::{GazKind, GAZETTEER};
    let readings = || GAZETTEER.get_hashes(&lower[tokens.clone()]).unwrap_or(&[]);
    match ner::TYPES[ner_kind] {
        "PER" => EntityType::Person,
        "ORG" => EntityType::Org,
        "LOC" => {
            let political = readings()
                .iter()
                .any(|h| matches!(h.kind, GazKind::Country | GazKind::Capital | GazKind::City | GazKind::Division | GazKind::PoliticalRegion));
            if political {
                EntityType::Gpe
            } else {
                EntityType::Loc
            }
        }
        _ => {
            if readings().iter().any(|h| matches!(h.kind, GazKind::Demonym | GazKind::Group)) {
                EntityType::Norp
            } else {
                EntityType::Misc
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;

    fn run_on(text: &str) -> Doc {
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        run(&mut d);
        d
    }
    fn find<'a>(d: &'a Doc, name: &str) -> Option<&'a Entity> {
        d.entities.iter().find(|e| e.name == name)
    }

    /// The name mentions `names` (text, type) of a segmented document.
    fn names_in(d: &Doc, names: &[(&str, EntityType)]) -> Vec<merge::NameMention> {
        names
            .iter()
            .map(|(n, kind)| {
                let s = d.text.find(n).unwrap();
                let first = d.tokens.iter().position(|t| t.span.start as usize == s).unwrap();
                let last = d.tokens.iter().position(|t| t.span.end as usize == s + n.len()).unwrap();
                merge::NameMention { span: Span::new(s, s + n.len()), kind: *kind, tokens: first..last + 1 }
            })
            .collect()
    }

    #[test]
    fn a_given_name_opening_the_sentence_joins_the_surname_after_it() {
        let mut d = crate::doc::Doc::new(DocInput {
            text: "Volodymyr Zelensky stated on Sunday that he would go. Yesterday Zelensky left. President Zelensky spoke.".into(),
            source: "t".into(),
            ..Default::default()
        });
        crate::segment::run(&mut d);
        let lower: Vec<u64> = d.tokens.iter().map(|t| hash::word_hash(d.str(t.span))).collect();
        let names: Vec<merge::NameMention> = ["Zelensky stated", "Zelensky left", "Zelensky spoke"]
            .iter()
            .map(|ctx| {
                let s = d.text.find(ctx).unwrap();
                let i = d.tokens.iter().position(|t| t.span.start as usize == s).unwrap();
                merge::NameMention { span: Span::new(s, s + 8), kind: EntityType::Person, tokens: i..i + 1 }
            })
            .collect();
        let out = first_names_at_sentence_start(&d, &lower, &hash::lower_case_words(&d, &lower), names);
        let got: Vec<&str> = out.iter().map(|n| d.str(n.span)).collect();
        // "Yesterday" is no given name; "President" is a title
        assert_eq!(got, ["Volodymyr Zelensky", "Zelensky", "Zelensky"]);
    }

    #[test]
    fn a_given_name_the_article_writes_in_lower_case_is_a_common_word() {
        let mut d = crate::doc::Doc::new(DocInput { text: "Will Smith arrived. He said he will stay.".into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let lower: Vec<u64> = d.tokens.iter().map(|t| hash::word_hash(d.str(t.span))).collect();
        let names = names_in(&d, &[("Smith", EntityType::Person)]);
        let out = first_names_at_sentence_start(&d, &lower, &hash::lower_case_words(&d, &lower), names);
        assert_eq!(d.str(out[0].span), "Smith");
    }

    #[test]
    fn a_role_alone_is_not_a_person() {
        let mut d = crate::doc::Doc::new(DocInput { text: "He served as the Director of Media at the club.".into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let names = names_in(&d, &[("Director", EntityType::Person)]);
        assert!(without_bare_roles(&d, names).is_empty());
        let names = names_in(&d, &[("Director of Media", EntityType::Org)]);
        assert_eq!(without_bare_roles(&d, names).len(), 1);
    }

    #[test]
    fn institutions_and_parts_of_a_country_are_coded_by_the_country() {
        let d = run_on("Fighting raged in eastern Ukraine, Ukraine's air force said on Monday.\n\nRussia's TASS news agency reported new talks.\n");
        let actor = |name: &str| find(&d, name).and_then(|e| e.actor.clone());
        assert_eq!(actor("eastern Ukraine").as_deref(), Some("UKR"));
        assert_eq!(actor("Ukraine's air force").as_deref(), Some("UKRMIL"));
        assert_eq!(actor("TASS").as_deref(), Some("RUSMED"));
    }

    #[test]
    fn people_places_and_organisations_are_found() {
        let d = run_on("Andriy Kovalenko met World Bank officials on Monday in Warsaw, and Kovalenko said the talks went well.\n");
        let k = find(&d, "Andriy Kovalenko").expect("the person");
        assert_eq!(k.kind, EntityType::Person);
        assert_eq!(k.mentions.iter().filter(|m| m.kind == MentionKind::Name).count(), 2);
        assert_eq!(find(&d, "World Bank").map(|e| e.kind), Some(EntityType::Org));
        assert_eq!(find(&d, "Warsaw").map(|e| e.kind), Some(EntityType::Gpe));
    }

    #[test]
    fn an_institution_named_by_its_seat_is_an_organisation() {
        let d = run_on("The talks went on for hours. The Kremlin said on Monday that it welcomed them.\n");
        assert_eq!(find(&d, "Kremlin").map(|e| e.kind), Some(EntityType::Org));
    }

    #[test]
    fn a_country_written_without_periods_is_a_place() {
        let d = run_on("The new proposal was discussed by US and French officials during the meeting.\n");
        assert_eq!(find(&d, "US").map(|e| e.kind), Some(EntityType::Gpe));
    }

    #[test]
    fn a_title_case_heading_keeps_only_names_the_text_confirms() {
        let d = run_on(
            "Budget Talks Seen as Promising by Ministers\n\nThe budget talks in Lisbon were promising, the ministers said on Friday after a long meeting.\n",
        );
        assert!(d.entities.iter().all(|e| !d.str(e.mentions[0].span).contains("Talks")), "{:?}", d.entities);
        assert_eq!(find(&d, "Lisbon").map(|e| e.kind), Some(EntityType::Gpe));
    }

    #[test]
    fn a_nationality_before_an_organisation_word_names_the_organisation() {
        let mut d = crate::doc::Doc::new(DocInput { text: "The African Union met in Addis Ababa.".into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let names = vec![merge::NameMention { span: Span::new(4, 11), kind: EntityType::Norp, tokens: 1..2 }];
        let got: Vec<(&str, EntityType)> = extend_to_org_heads(&d, names).iter().map(|n| (d.str(n.span), n.kind)).collect();
        assert_eq!(got, [("African Union", EntityType::Org)]);
    }

    #[test]
    fn an_organisation_span_loses_a_trailing_title_before_a_name() {
        let mut d = crate::doc::Doc::new(DocInput { text: "State Department Spokesperson Jeff Rathke said so.".into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let n = merge::NameMention { span: Span::new(0, 29), kind: EntityType::Org, tokens: 0..3 };
        let t = trim_trailing_role(&d, n);
        assert_eq!((d.str(t.span), t.tokens), ("State Department", 0..2));
    }

    #[test]
    fn a_group_is_not_a_person() {
        let mut d = crate::doc::Doc::new(DocInput { text: "Muslims prayed.".into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let lower: Vec<u64> = d.tokens.iter().map(|t| hash::word_hash(d.str(t.span))).collect();
        let mut names = vec![merge::NameMention { span: Span::new(0, 7), kind: EntityType::Person, tokens: 0..1 }];
        retype(&d, &lower, &mut names);
        assert_eq!(names[0].kind, EntityType::Norp);
    }

    #[test]
    fn a_title_inside_a_recognised_span_splits_it() {
        let mut d = crate::doc::Doc::new(DocInput { text: "UN Secretary-General Anna Weber spoke.".into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let names = vec![merge::NameMention { span: Span::new(0, 31), kind: EntityType::Org, tokens: 0..4 }];
        let split: Vec<(&str, EntityType)> = split_at_titles(&d, names).iter().map(|n| (d.str(n.span), n.kind)).collect();
        assert_eq!(split, [("UN", EntityType::Org), ("Anna Weber", EntityType::Person)]);
    }

    #[test]
    fn a_nationality_in_a_title_is_part_of_the_title() {
        let d = run_on("French President Emmanuel Macron arrived in Berlin on Monday for talks.\n");
        assert_eq!(find(&d, "Emmanuel Macron").and_then(|e| e.title.as_deref()), Some("French President"));
        assert!(find(&d, "French").is_none());
    }

    #[test]
    fn actor_codes_by_name_at_the_date_by_title_and_by_country() {
        let text = "Russian President Vladimir Putin met Ukraine's president Andriy Kovalenko in Kyiv.\n";
        let mut d = crate::doc::Doc::new(DocInput {
            text: text.into(),
            source: "t".into(),
            published: crate::doc::Published::parse("2025-02-23").ok(),
            ..Default::default()
        });
        crate::segment::run(&mut d);
        run(&mut d);
        let code = |n: &str| find(&d, n).and_then(|e| e.actor.clone());
        // by name, with the role valid at the publication date
        assert_eq!(code("Vladimir Putin").as_deref(), Some("RUSGOV"));
        // unknown to the dictionaries: by title
        assert_eq!(code("Andriy Kovalenko").as_deref(), Some("UKRGOV"));
        // a place: its country
        assert_eq!(code("Kyiv").as_deref(), Some("UKR"));
    }

    #[test]
    fn a_country_s_institution_and_a_part_of_a_country() {
        let d = run_on("Poland's air force reported that drones crossed into eastern Poland overnight.\n");
        let af = find(&d, "Poland's air force").expect("the institution");
        assert_eq!(af.kind, EntityType::Org);
        assert_eq!(af.mentions.iter().map(|m| d.str(m.span)).collect::<Vec<_>>(), ["air force"]);
        let east = find(&d, "eastern Poland").expect("the region");
        assert_eq!(east.kind, EntityType::Loc);
        assert_eq!(find(&d, "Poland").map(|e| e.mentions.len()), Some(2));
    }

    #[test]
    fn pronouns_and_descriptions_join_their_person() {
        let d = run_on("Andriy Kovalenko said on Sunday he would resign as Ukraine's president if needed.\n");
        let k = find(&d, "Andriy Kovalenko").unwrap();
        let kinds: Vec<(MentionKind, &str)> = k.mentions.iter().map(|m| (m.kind, d.str(m.span))).collect();
        assert_eq!(kinds, [(MentionKind::Name, "Andriy Kovalenko"), (MentionKind::Pronoun, "he"), (MentionKind::Description, "Ukraine's president")]);
        assert_eq!(k.title.as_deref(), Some("Ukraine's president"));
    }
}
