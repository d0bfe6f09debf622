//! What the stages add to a [`Doc`](super::Doc): each type is written by one
//! stage and read by those after it. Kinds are the record's enums
//! (`newsgraph-record`), so that the model and the output say the same.

use super::Span;
use newsgraph_record::{AmountType, Attribution, EntityType, EventStatus, MentionKind, Qualifier, QuoteKind, TimeType};

/// A span in quotation marks (written by segmentation): token indices of
/// its marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotedSpan {
    /// The opening mark.
    pub open: usize,
    /// The closing mark, or one past the block's last token when the quote
    /// runs to the end of its paragraph.
    pub close: usize,
    pub closed: bool,
    /// Index of the block.
    pub block: usize,
    /// This quote continues one left open at the end of the previous paragraph.
    pub continues: bool,
}

/// One mention of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

/// A person, organisation, place or group (written by the entity stage).
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub kind: EntityType,
    /// The fullest name in the article.
    pub name: String,
    pub title: Option<String>,
    /// CAMEO actor code valid at the publication date ("RUSGOV").
    pub actor: Option<String>,
    /// In text order.
    pub mentions: Vec<Mention>,
}

/// The mention a quote is attributed to, and the entity it refers to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Speaker {
    pub span: Span,
    /// Index into `Doc::entities`.
    pub entity: Option<u32>,
    /// For a pronoun ("he said"): the named speaker it most likely refers
    /// to, the last one named before it, for when the entity layer cannot
    /// resolve it.
    pub antecedent: Option<Span>,
}

/// A quotation or reported speech (written by the quote stage).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted words, quotation marks excluded.
    pub content: Span,
    pub speaker: Option<Speaker>,
    pub cue: Option<Span>,
    pub addressee: Option<Span>,
    pub confidence: f32,
    /// Set when the reporter marks the claim as false or disputed.
    pub flag: Option<String>,
    /// How the speaker was found: the row of the confidence table its
    /// confidence comes from.
    pub pattern: Attribution,
}

/// A TIMEX3 expression (written by the time stage).
#[derive(Clone, Debug, PartialEq)]
pub struct Time {
    pub span: Span,
    pub kind: TimeType,
    /// The TIMEX3 value: "2025-02-23", "2025-W09", "P3Y", "PAST_REF"...
    pub value: String,
}

/// An amount (written by the amount stage).
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// The whole phrase: "a record 267 drone attacks".
    pub span: Span,
    pub value: f64,
    /// The top of a range ("15-20%"), when the amount is one.
    pub upper: Option<f64>,
    pub kind: AmountType,
    pub unit: Option<String>,
    /// What is counted: "drone attacks".
    pub object: Option<Span>,
    pub qualifier: Option<Qualifier>,
}

/// An actor or the place of an event (written by the event stage): its
/// words, the entity they mention, its CAMEO actor code and name.
#[derive(Clone, Debug, PartialEq)]
pub struct EventActor {
    pub span: Span,
    pub entity: Option<u32>,
    pub code: Option<String>,
    pub name: String,
}

/// Who did what to whom (written by the event stage).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub source: Option<EventActor>,
    pub target: Option<EventActor>,
    /// The verb.
    pub action: Span,
    /// The CAMEO event code ("0356").
    pub cameo: String,
    /// The sentence's index in `Doc::sentences`.
    pub sentence: u32,
    /// A TIMEX3 value: the sentence's date for it, else the publication date.
    pub date: Option<String>,
    pub location: Option<EventActor>,
    pub confidence: f32,
    pub status: EventStatus,
    /// For a claim: who makes it.
    pub claimed_by: Option<String>,
}
