//! Stage 2, entities: people, organisations, places and groups, merged
//! across their mentions. (Recognition arrives with issue 3; until then the
//! stage finds nothing, and the record's `entities` is empty.)

use crate::doc::{Doc, Span};

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

/// Runs the stage. Not implemented yet (issue 3): leaves `doc.entities` empty.
pub fn run(_doc: &mut Doc) {}
