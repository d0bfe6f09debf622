//! In-document merging of name mentions into entities ("one entity, many
//! mentions"), by the conventions of news writing:
//!
//! - a person is introduced by full name and then called by surname
//!   ("Volodymyr Zelensky" ... "Zelensky"); a surname joins the one person
//!   of the article with that surname, and stays alone when two share it;
//! - an organisation may be introduced in full and then by its initials
//!   ("North Atlantic Treaty Organization" ... "NATO"), without its legal
//!   form ("Apple Inc." ... "Apple"), or by the kind word that ends its
//!   name when no other organisation of the article has it ("the European
//!   Commission" ... "the Commission");
//! - a person may be called by given name alone ("Daniel Montalvo" ...
//!   "Daniel") when no one else of the article has that given name, and
//!   nobody has it as surname;
//! - the same name of the same type is the same entity, whatever case it
//!   is written in ("KYIV" in a dateline, "Kyiv" in the text). A name the
//!   recogniser typed two ways stays two entities: forcing one type on all
//!   mentions ("one sense per discourse") measured worse on CoNLL++ dev.

use crate::lexis::hash::{mix, seq_hash, word_hash, PreHashedMap};
use crate::doc::{Entity, EntityType, Mention, MentionKind};
use crate::doc::{Doc, Span};
use std::collections::HashMap;

/// A recognised name before merging.
#[derive(Clone, Debug)]
pub struct NameMention {
    pub span: Span,
    pub kind: EntityType,
    /// Its tokens, `doc.tokens[tokens]`.
    pub tokens: std::ops::Range<usize>,
}

/// Words that do not count for initials ("Bank of England" is "BoE" or "BE").
fn is_minor(w: &str) -> bool {
    matches!(w, "of" | "the" | "and" | "for" | "de" | "du" | "des" | "la" | "le" | "&" | "on" | "in")
}

/// The legal form after a company's name: "Apple Inc.", "BP plc".
fn is_company_suffix(w: &str) -> bool {
    const SUFFIXES: [&str; 16] = ["inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "s.a.", "nv", "n.v.", "gmbh"];
    w.len() <= 5 && SUFFIXES.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn initials(doc: &Doc, toks: std::ops::Range<usize>) -> String {
    toks.map(|i| doc.tok(i)).filter(|w| !is_minor(w)).filter_map(|w| w.chars().next()).filter(|c| c.is_alphabetic()).flat_map(char::to_uppercase).collect()
}

/// Merges name mentions (in text order) into entities.
pub fn merge(doc: &Doc, names: &[NameMention]) -> Vec<Entity> {
    let key = |m: &NameMention| mix(seq_hash(m.tokens.clone().map(|i| word_hash(doc.tok(i)))), m.kind as u64);
    // groups of mentions with the same folded name and type: each group's
    // first mention stands for it
    let mut group_of_key: PreHashedMap<usize> = PreHashedMap::default();
    let mut first: Vec<usize> = Vec::new();
    let group: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(i, m)| {
            *group_of_key.entry(key(m)).or_insert_with(|| {
                first.push(i);
                first.len() - 1
            })
        })
        .collect();
    let head = |g: usize| &names[first[g]];

    // Where a group joins another: a surname to its full name, initials to
    // the full organisation name.
    let mut parent: Vec<usize> = (0..first.len()).collect();
    let mut by_surname: PreHashedMap<Vec<usize>> = PreHashedMap::default();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_given_name: PreHashedMap<Vec<usize>> = PreHashedMap::default();
    let mut by_last_word: PreHashedMap<Vec<usize>> = PreHashedMap::default(); // organisations by their kind word
    for g in 0..first.len() {
        let m = head(g);
        if m.tokens.len() >= 2 {
            if m.kind == EntityType::Org && super::org_coref::kind_of(doc.tok(m.tokens.end - 1)).is_some() {
                by_last_word.entry(word_hash(doc.tok(m.tokens.end - 1))).or_default().push(g);
            }
            match m.kind {
                EntityType::Person => {
                    by_surname.entry(word_hash(doc.tok(m.tokens.end - 1))).or_default().push(g);
                    by_given_name.entry(word_hash(doc.tok(m.tokens.start))).or_default().push(g);
                }
                EntityType::Org | EntityType::Misc | EntityType::Gpe | EntityType::Loc => {
                    let ini = initials(doc, m.tokens.clone());
                    if ini.chars().count() >= 2 {
                        by_initials.entry(ini).or_default().push(g);
                    }
                }
                EntityType::Norp => {}
            }
        }
    }
    // "Apple Inc." ... "Apple": the name without its company suffix
    let group_of_tokens = |toks: std::ops::Range<usize>, kind: EntityType| group_of_key.get(&mix(seq_hash(toks.map(|i| word_hash(doc.tok(i)))), kind as u64)).copied();
    for g in 0..first.len() {
        let m = head(g);
        if m.kind == EntityType::Org && m.tokens.len() >= 2 && is_company_suffix(doc.tok(m.tokens.end - 1)) {
            let short = m.tokens.start..m.tokens.end - 1;
            for kind in [EntityType::Org, EntityType::Misc, EntityType::Person] {
                if let Some(s) = group_of_tokens(short.clone(), kind) {
                    parent[s] = g;
                }
            }
        }
    }
    for (g, p) in parent.iter_mut().enumerate() {
        let m = head(g);
        if m.tokens.len() != 1 || *p != g {
            continue;
        }
        let w = doc.tok(m.tokens.start);
        let h = word_hash(w);
        if matches!(m.kind, EntityType::Person | EntityType::Misc | EntityType::Org) {
            if let Some([only]) = by_surname.get(&h).map(Vec::as_slice) {
                *p = *only;
                continue;
            }
        }
        // "Daniel Montalvo" ... "Daniel": a given name alone, when one
        // person of the article has it and nobody has it as surname
        if m.kind == EntityType::Person && !by_surname.contains_key(&h) {
            if let Some([only]) = by_given_name.get(&h).map(Vec::as_slice) {
                *p = *only;
                continue;
            }
        }
        // "the European Commission" ... "the Commission": an organisation
        // called by its kind, when one organisation of the article has it
        if m.kind == EntityType::Org {
            if let Some([only]) = by_last_word.get(&h).map(Vec::as_slice) {
                *p = *only;
                continue;
            }
        }
        if w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()) {
            if let Some([only]) = by_initials.get(w).map(Vec::as_slice) {
                *p = *only;
            }
        }
    }

    // entities in order of first mention; each keeps its fullest name: most
    // tokens, then not in capitals, then the first written
    let caps = |i: usize| doc.str(names[i].span).chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let better = |a: usize, b: usize| (names[a].tokens.len(), !caps(a)) > (names[b].tokens.len(), !caps(b));
    let mut entity_of_group: Vec<Option<usize>> = vec![None; first.len()];
    let mut entities: Vec<Entity> = Vec::new();
    let mut best: Vec<usize> = Vec::new();
    for (i, m) in names.iter().enumerate() {
        let root = parent[group[i]];
        let e = *entity_of_group[root].get_or_insert_with(|| {
            entities.push(Entity { kind: head(root).kind, name: String::new(), title: None, actor: None, mentions: Vec::new() });
            best.push(i);
            entities.len() - 1
        });
        entities[e].mentions.push(Mention { span: m.span, kind: MentionKind::Name });
        if better(i, best[e]) {
            best[e] = i;
        }
    }
    for (e, &b) in entities.iter_mut().zip(&best) {
        e.name = doc.str(names[b].span).to_string();
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;

    fn doc_with(text: &str, names: &[(&str, EntityType)]) -> (Doc, Vec<NameMention>) {
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let mut out = Vec::new();
        let mut from = 0;
        for (n, kind) in names {
            let s = from + d.text[from..].find(n).unwrap();
            let e = s + n.len();
            from = e;
            let first = d.tokens.iter().position(|t| t.span.start as usize == s).unwrap();
            let last = d.tokens.iter().position(|t| t.span.end as usize == e).unwrap();
            out.push(NameMention { span: Span::new(s, e), kind: *kind, tokens: first..last + 1 });
        }
        (d, out)
    }

    fn summary(d: &Doc, es: &[Entity]) -> Vec<(String, EntityType, Vec<String>)> {
        es.iter().map(|e| (e.name.clone(), e.kind, e.mentions.iter().map(|m| d.str(m.span).to_string()).collect())).collect()
    }

    #[test]
    fn a_surname_joins_the_full_name_introduced_before_or_after() {
        let (d, n) = doc_with(
            "Volodymyr Zelensky spoke. Later Zelensky left. Peskov said so, and Dmitry Peskov added more.",
            &[("Volodymyr Zelensky", EntityType::Person), ("Zelensky", EntityType::Person), ("Peskov", EntityType::Person), ("Dmitry Peskov", EntityType::Person)],
        );
        let es = merge(&d, &n);
        assert_eq!(
            summary(&d, &es),
            [
                ("Volodymyr Zelensky".into(), EntityType::Person, vec!["Volodymyr Zelensky".into(), "Zelensky".into()]),
                ("Dmitry Peskov".into(), EntityType::Person, vec!["Peskov".into(), "Dmitry Peskov".into()]),
            ]
        );
    }

    #[test]
    fn a_surname_shared_by_two_people_stays_alone() {
        let (d, n) = doc_with(
            "Hillary Clinton and Bill Clinton arrived. Clinton spoke.",
            &[("Hillary Clinton", EntityType::Person), ("Bill Clinton", EntityType::Person), ("Clinton", EntityType::Person)],
        );
        assert_eq!(merge(&d, &n).len(), 3);
    }

    #[test]
    fn initials_join_the_organisation_and_case_does_not_matter() {
        let (d, n) = doc_with(
            "The North Atlantic Treaty Organization met. NATO said KYIV and Kyiv agree.",
            &[("North Atlantic Treaty Organization", EntityType::Org), ("NATO", EntityType::Org), ("KYIV", EntityType::Gpe), ("Kyiv", EntityType::Gpe)],
        );
        let es = merge(&d, &n);
        assert_eq!(es.len(), 2);
        assert_eq!(es[0].mentions.len(), 2);
        assert_eq!(es[1].name, "Kyiv");
    }

    #[test]
    fn a_name_typed_two_ways_stays_two_entities() {
        let (d, n) = doc_with(
            "Jordan won. Jordan scored. Jordan left.",
            &[("Jordan", EntityType::Gpe), ("Jordan", EntityType::Person), ("Jordan", EntityType::Person)],
        );
        let es = merge(&d, &n);
        assert_eq!(es.iter().map(|e| (e.kind, e.mentions.len())).collect::<Vec<_>>(), [(EntityType::Gpe, 1), (EntityType::Person, 2)]);
    }

    #[test]
    fn a_company_without_its_legal_form_is_the_company() {
        let (d, n) = doc_with("Apple Inc. cut prices. Apple said so.", &[("Apple Inc.", EntityType::Org), ("Apple", EntityType::Org)]);
        let es = merge(&d, &n);
        assert_eq!(summary(&d, &es), [("Apple Inc.".into(), EntityType::Org, vec!["Apple Inc.".into(), "Apple".into()])]);
    }

    #[test]
    fn an_organisation_called_by_the_kind_that_ends_its_name() {
        let (d, n) = doc_with(
            "The European Commission fined it. The Commission said so.",
            &[("European Commission", EntityType::Org), ("Commission", EntityType::Org)],
        );
        assert_eq!(merge(&d, &n).len(), 1);
        // two councils: "the Council" stays alone
        let (d, n) = doc_with(
            "The European Council and the Security Council met. The Council said so.",
            &[("European Council", EntityType::Org), ("Security Council", EntityType::Org), ("Council", EntityType::Org)],
        );
        assert_eq!(merge(&d, &n).len(), 3);
    }

    #[test]
    fn a_given_name_alone_joins_the_one_person_who_has_it() {
        let (d, n) = doc_with(
            "Daniel Montalvo left. Daniel said so.",
            &[("Daniel Montalvo", EntityType::Person), ("Daniel", EntityType::Person)],
        );
        assert_eq!(merge(&d, &n).len(), 1);
        // a word that is someone's surname is that person's
        let (d, n) = doc_with(
            "Daniel Montalvo met Jack Daniel. Daniel said so.",
            &[("Daniel Montalvo", EntityType::Person), ("Jack Daniel", EntityType::Person), ("Daniel", EntityType::Person)],
        );
        let es = merge(&d, &n);
        assert_eq!(es.len(), 2);
        assert_eq!(es[1].mentions.len(), 2);
    }
}
