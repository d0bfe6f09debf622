//! Titles and roles of people, and descriptions that stand for them.
//!
//! News gives a person's role in three ways, each handled here:
//! - before the name, as a title: "Russian Foreign Minister Sergei Lavrov",
//!   "UN Secretary-General António Guterres", "spokesman Dmitry Peskov";
//! - after it, as an apposition: "Dmitry Peskov, the Kremlin spokesman,";
//! - instead of it, as a description: "the Ukrainian leader", "Ukraine's
//!   president", "his Russian counterpart" (resolved by `coref`).
//!
//! The role words are in `crates/newsgraph/data/roles.txt`.

use crate::lexis::hash::{seq_hash, word_hash, PreHashedMap};
use crate::lexis::{lists, phrases};
use crate::doc::{EntityType, Mention, MentionKind};
use crate::doc::{Doc, Span, TokenKind};
use crate::lexis::closed::{is_one_of, ARTICLES, POSSESSIVE_DETERMINERS};
use crate::lexis::{capitalised, is_possessive};
use std::sync::LazyLock;

/// A role phrase: whether it may stand alone for a person ("the
/// president") or only titles a name ("official", "Mr.").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    pub standalone: bool,
}

pub struct Roles {
    phrases: PreHashedMap<Role>,
    max_len: usize,
}

pub static ROLES: LazyLock<Roles> = LazyLock::new(|| {
    let mut r = Roles { phrases: PreHashedMap::default(), max_len: 1 };
    let mut toks = Vec::new();
    for line in lists::entries(include_str!("../../data/roles.txt")) {
        let (phrase, standalone) = match line.strip_suffix('*') {
            Some(p) => (p, false),
            None => (line, true),
        };
        if let Some((key, len)) = phrases::phrase_key(phrase, &mut toks) {
            r.max_len = r.max_len.max(len);
            r.phrases.insert(key, Role { standalone });
        }
    }
    r
});

/// Modifiers that may stand inside a title or description: "former
/// President", "the new prime minister", "acting chief".
const TITLE_MODIFIERS: [&str; 16] =
    ["former", "new", "then", "acting", "interim", "outgoing", "incoming", "deputy", "top", "senior", "chief", "current", "late", "foreign", "defence", "defense"];

fn is_modifier(w: &str) -> bool {
    w.len() <= 8 && is_one_of(w, &TITLE_MODIFIERS)
}

impl Roles {
    /// The longest role phrase ending at token `end - 1` (within `lo..end`):
    /// its first token and the role.
    pub fn ending_at(&self, doc: &Doc, lo: usize, end: usize) -> Option<(usize, Role)> {
        let mut best = None;
        for len in 1..=self.max_len.min(end - lo) {
            let start = end - len;
            let h = seq_hash((start..end).map(|i| word_hash(doc.tok(i))));
            if let Some(&r) = self.phrases.get(&h) {
                best = Some((start, r));
            }
        }
        best
    }

    /// The longest role phrase starting at token `start` (within `start..hi`).
    pub fn starting_at(&self, doc: &Doc, start: usize, hi: usize) -> Option<(usize, Role)> {
        let mut best = None;
        for len in 1..=self.max_len.min(hi - start) {
            let h = seq_hash((start..start + len).map(|i| word_hash(doc.tok(i))));
            if let Some(&r) = self.phrases.get(&h) {
                best = Some((start + len, r));
            }
        }
        best
    }
}

/// For each token, the entity (index) and type of the name mention that
/// covers it.
pub fn token_entities(doc: &Doc) -> Vec<Option<(u32, EntityType)>> {
    let mut out = vec![None; doc.tokens.len()];
    for (ei, e) in doc.entities.iter().enumerate() {
        for m in &e.mentions {
            if m.kind != MentionKind::Name {
                continue;
            }
            let first = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            for (i, t) in doc.tokens.iter().enumerate().skip(first) {
                if t.span.start >= m.span.end {
                    break;
                }
                out[i] = Some((ei as u32, e.kind));
            }
        }
    }
    out
}

/// The title written before the name that starts at token `p` (sentence
/// tokens from `lo`): its token range, when it holds a role.
pub fn title_before(doc: &Doc, ents: &[Option<(u32, EntityType)>], lo: usize, p: usize) -> Option<std::ops::Range<usize>> {
    let roles = &*ROLES;
    let mut j = p; // the title is lo..=j-1 so far: tokens j..p
    let mut has_role = false;
    while j > lo {
        if let Some((start, _)) = roles.ending_at(doc, lo, j) {
            // "Mr." and other honorifics count as titles only when next to the name
            has_role = true;
            j = start;
            continue;
        }
        let k = j - 1;
        let w = doc.tok(k);
        let part_of_name = ents[k].is_some_and(|(_, t)| t != EntityType::Person);
        if part_of_name || is_modifier(w) {
            j = k;
        } else if is_possessive(doc, k) && k > lo && ents[k - 1].is_some_and(|(_, t)| t != EntityType::Person) {
            j = k - 1;
        } else {
            break;
        }
    }
    // leading modifiers or names without a role after them are not a title
    (has_role && j < p).then_some(j..p)
}

/// The title given in apposition after the name that ends at token `q`
/// (exclusive), up to the sentence end `hi`: "Dmitry Peskov, the Kremlin
/// spokesman, said". Returns the title's token range without its article.
pub fn title_after(doc: &Doc, ents: &[Option<(u32, EntityType)>], q: usize, hi: usize) -> Option<std::ops::Range<usize>> {
    if q >= hi || doc.tok(q) != "," {
        return None;
    }
    let mut i = q + 1;
    if i < hi && is_one_of(doc.tok(i), &ARTICLES) {
        i += 1;
    }
    let start = i;
    let mut last_role_end = None;
    while i < hi && i - start < 10 {
        let w = doc.tok(i);
        if matches!(w, "," | "." | ";" | ")") || doc.tokens[i].kind == TokenKind::Quote {
            break;
        }
        if let Some((end, _)) = ROLES.starting_at(doc, i, hi) {
            last_role_end = Some(end);
            i = end;
            continue;
        }
        // "the company's chief executive": a possessor before the role
        let possessor = i + 1 < hi && is_possessive(doc, i + 1);
        let ok = ents[i].is_some() || possessor || is_modifier(w) || is_possessive(doc, i) || matches!(w, "of" | "for" | "the" | "and");
        if !ok {
            return None;
        }
        i += 1;
    }
    // the apposition ends at a comma, a period or the sentence end
    let end = last_role_end?;
    let closes = i >= hi || matches!(doc.tok(i), "," | "." | ";" | ")") || doc.tokens[i].kind == TokenKind::Quote;
    // a trailing "of X" belongs to the title ("head of the agency")
    (closes && end > start).then_some(start..i.max(end))
}

/// A description that stands for a person: "the Ukrainian leader",
/// "Ukraine's president", "his Russian counterpart".
#[derive(Clone, Debug)]
pub struct Description {
    pub tokens: std::ops::Range<usize>,
    /// The country it names (CAMEO code), from a demonym or a country name.
    pub country: Option<String>,
    /// The role phrase, lower case ("leader", "president").
    pub role: String,
    /// Written with a possessive pronoun ("his counterpart"): someone other
    /// than the pronoun's referent.
    pub possessive_pronoun: bool,
}

/// The country code a token names, when it is a demonym, a country or a
/// capital: "Ukrainian", "Ukraine", "US", "Kremlin".
pub fn country_of_token(doc: &Doc, i: usize) -> Option<String> {
    use super::gazetteer::{GazKind, Gazetteer, GAZETTEER};
    let hits = GAZETTEER.get_hashes(&[word_hash(doc.tok(i))])?;
    let best = Gazetteer::best(hits)?;
    matches!(best.kind, GazKind::Country | GazKind::Capital | GazKind::Demonym).then(|| best.code().map(str::to_string)).flatten()
}

/// Finds person descriptions in the sentence `lo..hi`.
pub fn descriptions(doc: &Doc, ents: &[Option<(u32, EntityType)>], lo: usize, hi: usize, out: &mut Vec<Description>) {
    let mut i = lo;
    while i < hi {
        let w = doc.tok(i);
        let det = w.len() <= 5 && (w.eq_ignore_ascii_case("the") || is_one_of(w, &POSSESSIVE_DETERMINERS));
        let possessor = i + 1 < hi && is_possessive(doc, i + 1) && country_of_token(doc, i).is_some();
        if !det && !possessor {
            i += 1;
            continue;
        }
        let start = i;
        let mut country = if possessor { country_of_token(doc, i) } else { None };
        let mut j = if possessor { i + 2 } else { i + 1 };
        while j < hi {
            let t = doc.tok(j);
            if let Some(c) = country_of_token(doc, j) {
                country.get_or_insert(c);
                j += 1;
            } else if is_modifier(t) || (ents[j].is_some_and(|(_, k)| k != EntityType::Person) && capitalised(t)) {
                j += 1;
            } else {
                break;
            }
        }
        let Some((end, role)) = ROLES.starting_at(doc, j, hi) else {
            i += 1;
            continue;
        };
        // a title before a name is not a description ("the US president Joe Biden")
        let before_name = end < hi && ents[end].is_some_and(|(_, k)| k == EntityType::Person);
        if !role.standalone || before_name {
            i = end;
            continue;
        }
        out.push(Description {
            tokens: start..end,
            country,
            role: (j..end).map(|k| doc.tok(k).to_lowercase()).collect::<Vec<_>>().join(" "),
            possessive_pronoun: is_one_of(w, &POSSESSIVE_DETERMINERS),
        });
        i = end;
    }
}

/// Attaches titles to people (`Entity::title`, the first title written) and
/// returns, for each person entity, the countries its titles name, and the
/// spans of every title written.
pub fn attach_titles(doc: &mut Doc, ents: &[Option<(u32, EntityType)>]) -> (Vec<Option<String>>, Vec<Span>) {
    let mut spans = Vec::new();
    // per person: the title's span, the country it names, the organisation it is a role of
    type Title = (Span, Option<String>, Option<u32>);
    let mut titles: Vec<Option<Title>> = vec![None; doc.entities.len()];
    for s in &doc.sentences {
        let r = s.tokens();
        let mut i = r.start;
        while i < r.end {
            let Some((e, EntityType::Person)) = ents[i] else {
                i += 1;
                continue;
            };
            let mut q = i;
            while q < r.end && ents[q] == Some((e, EntityType::Person)) {
                q += 1;
            }
            let title = title_before(doc, ents, r.start, i).or_else(|| title_after(doc, ents, q, r.end));
            if let Some(t) = title {
                let span = doc.token_span(t.start, t.end);
                spans.push(span);
                if titles[e as usize].is_none() {
                    let country = t.clone().find_map(|k| country_of_token(doc, k));
                    // A bare role ("with spokesman Dmitry Peskov") in a sentence
                    // whose subject is an organisation ("The Kremlin welcomed
                    // ...") is that organisation's role.
                    let bare = !t.clone().any(|k| ents[k].is_some() || country_of_token(doc, k).is_some());
                    let owner = if bare { ents[r.start..t.start].iter().find_map(|x| *x).filter(|x| x.1 == EntityType::Org) } else { None };
                    titles[e as usize] = Some((span, country, owner.map(|o| o.0)));
                }
            }
            i = q;
        }
    }
    let mut countries = vec![None; doc.entities.len()];
    for (e, t) in titles.into_iter().enumerate() {
        if let Some((span, country, owner)) = t {
            let role = doc.str(span).to_string();
            doc.entities[e].title = Some(match owner {
                Some(o) => format!("{} {role}", doc.entities[o as usize].name),
                None => role,
            });
            countries[e] = country;
        }
    }
    (countries, spans)
}

/// Adds a description mention to an entity, keeping mentions in text order.
pub fn add_mention(doc: &mut Doc, e: usize, span: Span, kind: MentionKind) {
    let ms = &mut doc.entities[e].mentions;
    if ms.iter().any(|m| m.span.overlaps(span)) {
        return;
    }
    let at = ms.partition_point(|m| m.span.start < span.start);
    ms.insert(at, Mention { span, kind });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;

    fn run(text: &str) -> Doc {
        let d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        let mut d = d;
        crate::segment::run(&mut d);
        super::super::run(&mut d);
        d
    }

    fn title_of(d: &Doc, name: &str) -> Option<String> {
        d.entities.iter().find(|e| e.name == name).and_then(|e| e.title.clone())
    }

    #[test]
    fn a_title_before_the_name() {
        let d = run("Russian Foreign Minister Sergei Lavrov met US Secretary of State Marco Rubio in Riyadh on Tuesday.");
        assert_eq!(title_of(&d, "Sergei Lavrov").as_deref(), Some("Russian Foreign Minister"));
        assert_eq!(title_of(&d, "Marco Rubio").as_deref(), Some("US Secretary of State"));
    }

    #[test]
    fn a_lower_case_role_before_the_name() {
        let d = run("The talks went on, with spokesman Dmitry Peskov calling them useful.");
        assert_eq!(title_of(&d, "Dmitry Peskov").as_deref(), Some("spokesman"));
    }

    #[test]
    fn a_bare_role_belongs_to_the_organisation_the_sentence_is_about() {
        let d = run("The Kremlin welcomed the talks, with spokesman Dmitry Peskov calling them useful.");
        assert_eq!(title_of(&d, "Dmitry Peskov").as_deref(), Some("Kremlin spokesman"));
    }

    #[test]
    fn a_title_in_apposition() {
        let d = run("Peter Smith, the company's chief executive, said profits rose.");
        assert_eq!(title_of(&d, "Peter Smith").as_deref(), Some("company's chief executive"));
    }

    #[test]
    fn no_title_without_a_role() {
        let d = run("On Monday, Peter Smith said profits rose.");
        assert_eq!(title_of(&d, "Peter Smith"), None);
    }

    #[test]
    fn descriptions_are_found_with_their_country() {
        let d = run("The Ukrainian leader met Ukraine's president and his Russian counterpart.");
        let ents = token_entities(&d);
        let mut out = Vec::new();
        let s = &d.sentences[0];
        descriptions(&d, &ents, s.first_token as usize, s.end_token as usize, &mut out);
        let got: Vec<(String, Option<String>, bool)> = out
            .iter()
            .map(|x| (d.tok(x.tokens.start).to_string() + ".." + d.tok(x.tokens.end - 1), x.country.clone(), x.possessive_pronoun))
            .collect();
        assert_eq!(
            got,
            [
                ("The..leader".to_string(), Some("UKR".to_string()), false),
                ("Ukraine..president".to_string(), Some("UKR".to_string()), false),
                ("his..counterpart".to_string(), Some("RUS".to_string()), true),
            ]
        );
    }
}
