//! A name the recogniser found once is a name wherever the article writes
//! it again: "the NATO military alliance" names NATO as much as "NATO
//! said" does, though the words around it may have led the recogniser
//! astray. Each untagged repeat of a recognised name, written capitalised,
//! is tagged with the type the name has most often in the article.
//!
//! Guards against common words: a word the article also writes in lower
//! case ("May", "Will") is not propagated, and a repeat must stand alone,
//! not be the part of a longer capitalised run the recogniser rejected
//! ("Trump" inside "Trump Tower" is left to the recogniser).

use crate::lexis::hash::{seq_hash, PreHashedMap};
use super::merge::NameMention;
use crate::doc::EntityType;
use crate::doc::Doc;
use crate::lexis::capitalised;

/// Adds the untagged repeats of recognised names; `lower` holds the folded
/// hash of each token, `lower_case_words` those the article writes in lower
/// case (`hash::lower_case_words`). Names stay in text order.
pub fn repeats(doc: &Doc, lower: &[u64], lower_case_words: &PreHashedMap<()>, mut names: Vec<NameMention>) -> Vec<NameMention> {
    if names.is_empty() {
        return names;
    }
    let mut covered = vec![false; doc.tokens.len()];
    // each name's folded words -> (length, votes per type)
    let mut seen: PreHashedMap<(usize, [u32; EntityType::ALL.len()])> = PreHashedMap::default();
    let mut max_len = 0;
    for n in &names {
        covered[n.tokens.clone()].fill(true);
        let e = seen.entry(seq_hash(lower[n.tokens.clone()].iter().copied())).or_insert((n.tokens.len(), [0; EntityType::ALL.len()]));
        e.1[n.kind as usize] += 1;
        max_len = max_len.max(n.tokens.len());
    }
    let free_capital = |k: usize| !covered[k] && capitalised(doc.tok(k));
    let mut extra = Vec::new();
    for s in &doc.sentences {
        let r = s.tokens();
        let mut i = r.start;
        while i < r.end {
            // (a sentence's first word is capitalised whatever it is)
            if !free_capital(i) || (i > r.start + 1 && free_capital(i - 1)) {
                i += 1;
                continue;
            }
            let found = (1..=max_len.min(r.end - i)).rev().find_map(|len| {
                let toks = i..i + len;
                if !toks.clone().all(free_capital) || (i + len < r.end && free_capital(i + len)) {
                    return None;
                }
                if len == 1 && lower_case_words.contains_key(&lower[i]) {
                    return None;
                }
                let (l, votes) = seen.get(&seq_hash(lower[toks.clone()].iter().copied()))?;
                (*l == len).then_some((len, votes))
            });
            let Some((len, votes)) = found else {
                i += 1;
                continue;
            };
            let kind = (0..EntityType::ALL.len()).max_by_key(|&k| (votes[k], std::cmp::Reverse(k))).unwrap();
            let kind = EntityType::ALL[kind];
            let span = doc.token_span(i, i + len);
            extra.push(NameMention { span, kind, tokens: i..i + len });
            i += len;
        }
    }
    if !extra.is_empty() {
        names.extend(extra);
        names.sort_by_key(|n| n.tokens.start);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;
    use crate::lexis::hash::{lower_case_words, word_hash};

    fn doc(text: &str) -> (Doc, Vec<u64>) {
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        let lower = d.tokens.iter().map(|t| word_hash(d.str(t.span))).collect();
        (d, lower)
    }

    fn name(d: &Doc, text: &str, nth: usize, kind: EntityType) -> NameMention {
        let s = d.text.match_indices(text).nth(nth).unwrap().0;
        let first = d.tokens.iter().position(|t| t.span.start as usize == s).unwrap();
        let last = d.tokens.iter().position(|t| t.span.end as usize == s + text.len()).unwrap();
        NameMention { span: crate::doc::Span::new(s, s + text.len()), kind, tokens: first..last + 1 }
    }

    fn texts(d: &Doc, names: &[NameMention]) -> Vec<(String, EntityType)> {
        names.iter().map(|n| (d.str(n.span).to_string(), n.kind)).collect()
    }

    #[test]
    fn an_untagged_repeat_of_a_name_is_tagged() {
        let (d, lower) = doc("Kyiv wants to join the NATO military alliance. NATO said no.");
        let names = vec![name(&d, "NATO", 1, EntityType::Org)];
        assert_eq!(texts(&d, &repeats(&d, &lower, &lower_case_words(&d, &lower), names)), [("NATO".into(), EntityType::Org), ("NATO".into(), EntityType::Org)]);
    }

    #[test]
    fn the_repeat_takes_the_type_the_name_has_most_often() {
        let (d, lower) = doc("Jordan said so. Jordan agreed. Jordan left. Then Jordan came back.");
        let names = vec![name(&d, "Jordan", 0, EntityType::Person), name(&d, "Jordan", 1, EntityType::Person), name(&d, "Jordan", 2, EntityType::Gpe)];
        let out = repeats(&d, &lower, &lower_case_words(&d, &lower), names);
        assert_eq!(out.len(), 4);
        assert_eq!(out[3].kind, EntityType::Person);
    }

    #[test]
    fn a_word_also_written_in_lower_case_is_not_propagated() {
        let (d, lower) = doc("Theresa May spoke. May is a month, and it may rain.");
        let names = vec![name(&d, "May", 0, EntityType::Person)];
        assert_eq!(repeats(&d, &lower, &lower_case_words(&d, &lower), names).len(), 1);
    }

    #[test]
    fn a_repeat_inside_a_longer_capitalised_run_is_left_alone() {
        let (d, lower) = doc("Trump spoke. He went to Trump Tower later.");
        let names = vec![name(&d, "Trump", 0, EntityType::Person)];
        assert_eq!(repeats(&d, &lower, &lower_case_words(&d, &lower), names).len(), 1);
    }
}
