//! Stage 2, entities: people, organisations, places and groups, merged
//! across their mentions.
//!
//! 1. `ner`: the recogniser finds names (PER, ORG, LOC, MISC);
//! 2. typing: LOC names the gazetteer knows as countries, cities or
//!    divisions become GPE, MISC names that are nationalities or groups
//!    become NORP;
//! 3. `merge`: mentions of one entity are merged.

pub mod gazetteer;
pub mod hash;
pub mod merge;
pub mod ner;

use crate::doc::{Doc, Span};
use std::sync::LazyLock;

/// The embedded recogniser (trained by `newsgraph train-ner`); `None` when
/// the build carries no model.
pub static NER: LazyLock<Option<ner::Model>> = LazyLock::new(|| ner::Model::from_bytes(include_bytes!("../../data/ner.model")).ok());

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum EntityType {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "GPE")]
    Gpe,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "NORP")]
    Norp,
    #[serde(rename = "MISC")]
    Misc,
}

/// How an entity is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name: "Volodymyr Zelensky", "Zelensky".
    Name,
    /// A description: "the Ukrainian leader", "Ukraine's president".
    Description,
    /// A pronoun: "he", "his".
    Pronoun,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub kind: EntityType,
    /// The fullest name in the article.
    pub name: String,
    pub title: Option<String>,
    /// CAMEO actor code valid at the publication date ("RUSGOV").
    pub actor: Option<String>,
    pub mentions: Vec<Mention>,
}

/// Runs the stage: fills `doc.entities`.
pub fn run(doc: &mut Doc) {
    let Some(model) = NER.as_ref() else { return };
    let names: Vec<merge::NameMention> = model
        .tag(doc)
        .into_iter()
        .map(|n| {
            let span = Span { start: doc.tokens[n.start].span.start, end: doc.tokens[n.end - 1].span.end };
            merge::NameMention { span, kind: entity_type(doc, n.start..n.end, n.kind), tokens: n.start..n.end }
        })
        .collect();
    doc.entities = merge::merge(doc, &names);
}

/// The output type of a recognised name: the recogniser's LOC is GPE when
/// the gazetteer knows the name as a political unit (country, capital,
/// city, division, political region), and its MISC is NORP when the name
/// is a nationality or a group.
fn entity_type(doc: &Doc, tokens: std::ops::Range<usize>, ner_kind: usize) -> EntityType {
    use gazetteer::{GazKind, GAZETTEER};
    let readings = || {
        let hashes: Vec<u64> = tokens.clone().map(|i| hash::word_hash(doc.tok(i))).collect();
        GAZETTEER.get_hashes(&hashes).map(|h| h.to_vec()).unwrap_or_default()
    };
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

/// The entity one of whose mentions overlaps `span` (the longest such
/// mention wins), for the quote layer's speakers.
pub fn entity_at(doc: &Doc, span: Span) -> Option<u32> {
    let mut best: Option<(usize, u32)> = None;
    for (i, e) in doc.entities.iter().enumerate() {
        for m in &e.mentions {
            if m.span.overlaps(span) && best.is_none_or(|(len, _)| m.span.len() > len) {
                best = Some((m.span.len(), i as u32));
            }
        }
    }
    best.map(|b| b.1)
}
