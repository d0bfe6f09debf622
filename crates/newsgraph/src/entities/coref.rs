//! Coreference for the mentions the quote layer needs: descriptions ("the
//! Ukrainian leader", "Ukraine's president") and personal pronouns ("he",
//! "his") resolved to a named person of the article.
//!
//! A small, testable step, by salience and agreement rather than a learned
//! model:
//! - a description in apposition to a name is that name ("his Russian
//!   counterpart, Vladimir Putin");
//! - otherwise it refers to the most recently mentioned person whose known
//!   country agrees with the description's ("the US president" is not the
//!   person whose title made him Ukrainian), and, with a possessive pronoun
//!   ("his counterpart"), not to the pronoun's own referent; when nobody
//!   agrees, it stays unresolved;
//! - a pronoun outside quotation marks refers to the subject of its own
//!   sentence when a person precedes it there, else to the first person
//!   (the subject, or the speaker) of the nearest earlier sentence of the
//!   same or the previous paragraph, skipping people a pronoun of the other
//!   gender already referred to.
//!
//! Mentions it resolves are added to their entity (kinds `description`
//! and `pronoun`), so `entity_at` finds them.

use super::roles::{add_mention, descriptions, Description};
use crate::doc::{EntityType, MentionKind};
use crate::doc::{BlockKind, Doc, Span};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gender {
    Male,
    Female,
}

fn pronoun_gender(w: &str) -> Option<Gender> {
    if w.len() > 7 || !w.starts_with(['h', 'H', 's', 'S']) {
        return None;
    }
    let mut buf = [0u8; 7];
    let lw = &mut buf[..w.len()];
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    match &*lw {
        b"he" | b"him" | b"his" | b"himself" => Some(Gender::Male),
        b"she" | b"her" | b"hers" | b"herself" => Some(Gender::Female),
        _ => None,
    }
}

/// Resolves descriptions and pronouns; `ents` is the name mention of each
/// token (`roles::token_entities`), `countries[e]` the country a person's
/// title names, if any.
pub fn run(doc: &mut Doc, ents: &[Option<(u32, EntityType)>], countries: &mut [Option<String>]) {
    let quoted = doc.inside_quotes();
    let mut gender: Vec<Option<Gender>> = vec![None; doc.entities.len()];
    // the first person of each sentence outside quotes (its subject or speaker)
    let mut sentence_person: Vec<Option<u32>> = vec![None; doc.sentences.len()];
    let mut last_person_mention: Vec<Option<usize>> = vec![None; doc.entities.len()]; // token of the latest mention
    let sentences = doc.sentences.clone();
    let mut added: Vec<(usize, Span, MentionKind)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        if matches!(doc.blocks[s.block as usize].kind, BlockKind::Title | BlockKind::Heading) {
            continue;
        }
        let r = s.tokens();
        let mut descs: Vec<Description> = Vec::new();
        descriptions(doc, ents, r.start, r.end, &mut descs);
        let mut d = 0;
        let mut i = r.start;
        while i < r.end {
            // a description starting here
            if d < descs.len() && descs[d].tokens.start == i {
                let desc = descs[d].clone();
                d += 1;
                let span = doc.token_span(desc.tokens.start, desc.tokens.end);
                if let Some(e) = resolve_description(doc, ents, &desc, r.end, countries, &last_person_mention, &gender) {
                    added.push((e, span, MentionKind::Description));
                    if countries[e].is_none() {
                        countries[e] = desc.country.clone();
                    }
                    // a person known only by a description of their office
                    // takes it as title ("Ukraine's president")
                    if doc.entities[e].title.is_none() && desc.country.is_some() && !desc.possessive_pronoun {
                        let mut from = desc.tokens.start;
                        if doc.tok(from).eq_ignore_ascii_case("the") {
                            from += 1;
                        }
                        let t = Span { start: doc.tokens[from].span.start, end: span.end };
                        doc.entities[e].title = Some(doc.str(t).to_string());
                    }
                    last_person_mention[e] = Some(i);
                    sentence_person[si].get_or_insert(e as u32);
                }
                i = desc.tokens.end;
                continue;
            }
            if let Some((e, EntityType::Person)) = ents[i] {
                last_person_mention[e as usize] = Some(i);
                if !quoted[i] {
                    sentence_person[si].get_or_insert(e);
                }
                i += 1;
                continue;
            }
            let w = doc.tok(i);
            if let (Some(g), false) = (pronoun_gender(w), quoted[i]) {
                if let Some(e) = resolve_pronoun(doc, &sentences, si, i, ents, &sentence_person, &gender, g, &quoted) {
                    added.push((e, doc.tokens[i].span, MentionKind::Pronoun));
                    gender[e].get_or_insert(g);
                    last_person_mention[e] = Some(i);
                    sentence_person[si].get_or_insert(e as u32);
                }
            }
            i += 1;
        }
        for (e, span, kind) in added.drain(..) {
            add_mention(doc, e, span, kind);
        }
    }
}

fn resolve_description(
    doc: &Doc,
    ents: &[Option<(u32, EntityType)>],
    desc: &Description,
    hi: usize,
    countries: &[Option<String>],
    last: &[Option<usize>],
    gender: &[Option<Gender>],
) -> Option<usize> {
    // apposition: "his Russian counterpart, Vladimir Putin"
    let after = desc.tokens.end;
    if after + 1 < hi && doc.tok(after) == "," {
        if let Some((e, EntityType::Person)) = ents[after + 1] {
            return Some(e as usize);
        }
    }
    // "his counterpart": not the person "his" refers to (the latest one)
    let excluded = if desc.possessive_pronoun {
        let g = pronoun_gender(doc.tok(desc.tokens.start));
        last.iter()
            .enumerate()
            .filter(|(e, t)| t.is_some() && g.is_none_or(|g| gender[*e].is_none_or(|x| x == g)))
            .max_by_key(|(_, t)| t.unwrap())
            .map(|(e, _)| e)
    } else {
        None
    };
    let mut best: Option<(usize, usize)> = None; // (token of latest mention, entity)
    for (e, t) in last.iter().enumerate() {
        let Some(t) = *t else { continue };
        if doc.entities[e].kind != EntityType::Person || Some(e) == excluded {
            continue;
        }
        let agrees = match (&desc.country, &countries[e]) {
            (Some(a), Some(b)) => a == b,
            // a description naming a country needs a person of that country,
            // or one of unknown country when no one else is a candidate
            (Some(_), None) => true,
            (None, _) => true,
        };
        if agrees && best.is_none_or(|(bt, _)| t > bt) {
            best = Some((t, e));
        }
    }
    let (_, e) = best?;
    // with no country in the description, resolve only to someone whose
    // title has the same role ("the president" -> a president)
    if desc.country.is_none() {
        let title = doc.entities[e].title.as_deref().unwrap_or("").to_lowercase();
        if !title.contains(&desc.role) {
            return None;
        }
    }
    // a country-less person is accepted only when no person of another
    // country was passed over for it: prefer a known match
    if let Some(c) = &desc.country {
        if countries[e].as_ref() != Some(c) {
            let known = last
                .iter()
                .enumerate()
                .filter(|(x, t)| t.is_some() && Some(*x) != excluded && countries[*x].as_ref() == Some(c))
                .max_by_key(|(_, t)| t.unwrap())
                .map(|(x, _)| x);
            if let Some(k) = known {
                return Some(k);
            }
        }
    }
    Some(e)
}

#[allow(clippy::too_many_arguments)]
fn resolve_pronoun(
    doc: &Doc,
    sentences: &[crate::doc::Sentence],
    si: usize,
    i: usize,
    ents: &[Option<(u32, EntityType)>],
    sentence_person: &[Option<u32>],
    gender: &[Option<Gender>],
    g: Gender,
    quoted: &[bool],
) -> Option<usize> {
    let fits = |e: usize| doc.entities[e].kind == EntityType::Person && gender[e].is_none_or(|x| x == g);
    // a person earlier in the same sentence: its subject
    let r = sentences[si].tokens();
    for k in r.start..i {
        if quoted[k] {
            continue;
        }
        if let Some((e, EntityType::Person)) = ents[k] {
            if fits(e as usize) {
                return Some(e as usize);
            }
        }
    }
    if let Some(e) = sentence_person[si] {
        if fits(e as usize) {
            return Some(e as usize);
        }
    }
    // the nearest earlier sentence with a person, in this paragraph or the previous one
    let block = sentences[si].block;
    for sj in (0..si).rev().take(6) {
        let b = sentences[sj].block;
        if block - b > 2 {
            break;
        }
        if let Some(e) = sentence_person[sj] {
            if fits(e as usize) {
                return Some(e as usize);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, DocInput};

    fn run(text: &str) -> Doc {
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        super::super::run(&mut d);
        d
    }

    /// The entity name a mention text at its n-th occurrence resolves to.
    fn resolved(d: &Doc, text: &str, nth: usize) -> Option<String> {
        let start = d.text.match_indices(text).nth(nth)?.0;
        d.entities.iter().find(|e| e.mentions.iter().any(|m| m.span.start as usize == start)).map(|e| e.name.clone())
    }

    #[test]
    fn a_pronoun_after_a_quote_refers_to_the_previous_subject() {
        let d = run("Maria Lopez said she was not offended by the remarks of John Baker.\n\n“One would be offended,” she told journalists.\n");
        assert_eq!(resolved(&d, "she", 1).as_deref(), Some("Maria Lopez"));
    }

    #[test]
    fn a_pronoun_in_the_same_sentence_refers_to_its_subject() {
        let d = run("Peter Novak said he wished to meet Anna Weber before the summit.\n");
        assert_eq!(resolved(&d, "he", 0).as_deref(), Some("Peter Novak"));
    }

    #[test]
    fn pronouns_inside_quotes_are_left_alone() {
        let d = run("Peter Novak spoke.\n\n“He would be wrong if he were a dictator,” Novak said.\n");
        assert_eq!(resolved(&d, "He", 0), None);
    }

    #[test]
    fn a_description_in_apposition_is_the_name() {
        let d = run("Peter Novak wants to meet the leader before his Russian counterpart, Ivan Petrov, arrives.\n");
        assert_eq!(resolved(&d, "his Russian counterpart", 0).as_deref(), Some("Ivan Petrov"));
    }

    #[test]
    fn a_description_refers_to_the_person_of_its_country() {
        let d = run(
            "Peter Novak said he would step down as Ukraine's president. He met Anna Weber on Monday.\n\nThe Ukrainian leader has pushed for a deal.\n",
        );
        assert_eq!(resolved(&d, "Ukraine's president", 0).as_deref(), Some("Peter Novak"));
        assert_eq!(resolved(&d, "The Ukrainian leader", 0).as_deref(), Some("Peter Novak"));
    }
}
