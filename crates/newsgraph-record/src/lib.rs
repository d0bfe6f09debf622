//! The newsgraph extraction record: what `newsgraph extract` prints for one
//! article, one JSON object per line. This crate is the output contract, and
//! nothing else: the engine writes records, and everything that reads them
//! (`eval`, the store, the server, the exports, the Python package) reads
//! them through these types, so that a field has one name and one meaning.
//!
//! - Offsets are **character** offsets (Unicode scalar values), start
//!   inclusive, end exclusive, into [`Record::text`]: for every span,
//!   `text[start:end]` equals its `text` (for a quote, its `content`).
//! - Kinds are enums with their JSON names ([`EntityType`], [`QuoteKind`],
//!   [`Attribution`], ...): an unknown name is an error when reading, not a
//!   string carried along.
//! - `schema/record.schema.json` at the repository root is the full JSON
//!   Schema; a test checks that these types and the schema agree.
//!
//! ```
//! use newsgraph_record::{EntityType, Record};
//! let line = r#"{"id":"a","source":"a.txt","title":null,"published":null,"text":"Kyiv","headings":[],
//!   "entities":[{"id":"e1","name":"Kyiv","type":"GPE","title":null,"actor":"UKR",
//!   "mentions":[{"text":"Kyiv","start":0,"end":4,"kind":"name"}]}],"quotes":[],"times":[],"amounts":[]}"#;
//! let rec = Record::from_json(line).unwrap();
//! assert_eq!(rec.entities[0].kind, EntityType::Gpe);
//! assert_eq!(rec.span_text(0, 4), "Kyiv");
//! ```

use serde::{Deserialize, Serialize};

/// Defines a kind: an enum whose variants have one JSON name each, with
/// `ALL`, `as_str`, `Display` and `FromStr` (the JSON name back).
macro_rules! kind {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $json:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $json)] $variant,)+
        }

        impl $name {
            /// Every kind, in declaration order: `kind as usize` indexes it.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The JSON name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $json,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownKind;
            fn from_str(s: &str) -> Result<$name, UnknownKind> {
                match s {
                    $($json => Ok($name::$variant),)+
                    _ => Err(UnknownKind { kind: stringify!($name), name: s.to_string() }),
                }
            }
        }
    };
}

/// A name that is no kind of its enum ("PERSONS" as an entity type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    pub kind: &'static str,
    pub name: String,
}

impl std::fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a {}", self.name, self.kind)
    }
}

impl std::error::Error for UnknownKind {}

kind! {
    /// What an entity is (OntoNotes names; MISC as CoNLL's).
    EntityType {
        Person = "PERSON",
        Org = "ORG",
        /// A geopolitical entity: a country, a city, a state.
        Gpe = "GPE",
        /// A place that is no political unit: a region, a sea, a mountain.
        Loc = "LOC",
        /// A nationality, religious or political group: "Ukrainian", "Muslims".
        Norp = "NORP",
        Misc = "MISC",
    }
}

kind! {
    /// How an entity is mentioned.
    MentionKind {
        /// A proper name: "Volodymyr Zelensky", "Zelensky".
        Name = "name",
        /// A description: "the Ukrainian leader", "Ukraine's president".
        Description = "description",
        /// A pronoun: "he", "his".
        Pronoun = "pronoun",
    }
}

kind! {
    /// What kind of quotation.
    QuoteKind {
        /// A quoted sentence or more.
        Direct = "direct",
        /// A quoted word or phrase inside the reporter's sentence.
        Partial = "partial",
        /// A quote in the title or a sub-heading.
        Headline = "headline",
        /// Reported speech without quotation marks.
        Indirect = "indirect",
    }
}

kind! {
    /// The attribution pattern that found a quote's speaker: the row of the
    /// confidence table (`crates/newsgraph/data/quotes/confidence.tsv`)
    /// that gives the quote its confidence.
    Attribution {
        /// "…,” X said": the speaker opens the frame after the quote.
        Post = "post",
        /// "…,” X, the spokesman, wondered": a noun phrase before a cue.
        PostPhrase = "post_phrase",
        /// "…,” said X": verb before its subject.
        Inverted = "inverted",
        /// "X said: “…": the cue before the quote.
        Pre = "pre",
        /// "according to X".
        AccordingTo = "according_to",
        /// "with X insisting that".
        Participle = "participle",
        /// "X branded … and claimed": the subject of a coordinated clause.
        Coordinated = "coordinated",
        /// "X: “…": the subject of the clause a colon ends.
        Colon = "colon",
        /// A phrase in a sentence with a cue: the nearest cue before it.
        Sentence = "sentence",
        /// No cue of its own: the speaker of the quote before it.
        Continued = "continued",
        /// A paragraph that opens with a quote: the speaker of the paragraph before.
        ContinuedParagraph = "continued_paragraph",
        /// A headline quote repeating a body quote: that quote's speaker.
        Headline = "headline",
        /// Reported speech after "said that".
        IndirectThat = "indirect_that",
        /// Reported speech right after the verb ("said he would").
        IndirectBare = "indirect_bare",
        /// Reported speech before its frame ("…, X said.").
        IndirectFinal = "indirect_final",
        /// What a verb of belief reports ("believes that").
        Belief = "belief",
        /// What a verb of naming or judging says of its object.
        Naming = "naming",
        /// No speaker.
        Unattributed = "none",
    }
}

kind! {
    /// TIMEX3 type.
    TimeType {
        Date = "DATE",
        Time = "TIME",
        Duration = "DURATION",
        Set = "SET",
    }
}

kind! {
    /// What an amount measures.
    AmountType {
        Money = "MONEY",
        Percent = "PERCENT",
        Quantity = "QUANTITY",
    }
}

kind! {
    /// How the writer qualifies a number ("a record 267", "at least 40"),
    /// normalised ("more than" for "over", "in excess of", ...).
    Qualifier {
        Record = "record",
        AtLeast = "at least",
        AtMost = "at most",
        MoreThan = "more than",
        LessThan = "less than",
        About = "about",
        Estimated = "estimated",
        Nearly = "nearly",
        UpTo = "up to",
        AsFewAs = "as few as",
        Only = "only",
        Total = "total",
        Further = "further",
        Exactly = "exactly",
        All = "all",
        PartOf = "part of",
        Between = "between",
    }
}

kind! {
    /// What a report of an event says of it.
    EventStatus {
        /// Reported as having happened.
        Fact = "fact",
        /// Said by someone (inside a quote or reported speech): `claimed_by`.
        Claim = "claim",
        /// Reported as not having happened ("did not attack").
        Negated = "negated",
        /// Announced or intended ("will meet").
        Future = "future",
        /// Possible ("would be willing to").
        Conditional = "conditional",
        /// Mentioned as past context ("since Russia's invasion in 2022"),
        /// not reported as news.
        Background = "background",
    }
}

kind! {
    /// Where `published` came from when the caller did not give it.
    PublishedFrom {
        /// A dateline line of the article ("Monday, May 18, 2015").
        Dateline = "dateline",
        /// The lead dated its event day (a weekday in apposition to an
        /// anniversary of a known event).
        Lead = "lead",
    }
}

kind! {
    /// The kind of block a sentence lies in.
    BlockKind {
        Title = "title",
        Heading = "heading",
        Dateline = "dateline",
        Paragraph = "paragraph",
    }
}

/// A span of the text: its characters and where they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpanRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
}

/// A person, organisation, place or group, with every mention of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRec {
    /// "e1", "e2", ...: unique within the record.
    pub id: String,
    /// The fullest name in the article.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// A person's title or role: "Russian Foreign Minister".
    pub title: Option<String>,
    /// CAMEO actor code valid at the publication date: "RUSGOV".
    pub actor: Option<String>,
    pub mentions: Vec<MentionRec>,
}

/// The mention a quote is attributed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The id of the entity the mention refers to.
    pub entity: Option<String>,
    /// That entity's name (not the pronoun's text).
    pub name: Option<String>,
}

/// Who said what: a quotation or reported speech.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRec {
    pub kind: QuoteKind,
    /// The quoted words without the quotation marks, or the reported clause.
    pub content: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<SpeakerRec>,
    /// The speech verb or noun: "said", "told", "according to".
    pub cue: Option<SpanRec>,
    /// Whom the words were addressed to: "journalists".
    pub addressee: Option<SpanRec>,
    pub confidence: f32,
    pub pattern: Attribution,
    /// Set when the reporter marks the claim: "false", "unsupported", "disputed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

/// A TIMEX3 expression, resolved against the publication date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// The TIMEX3 value: "2025-02-23", "2025-W09", "P3Y", "PAST_REF".
    pub value: String,
}

/// A number with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AmountRec {
    /// The whole phrase: "a record 267 drone attacks".
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The number with its scale applied; for a range, its bottom.
    pub value: f64,
    /// The top of a range ("15-20%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(rename = "type")]
    pub kind: AmountType,
    /// Currency (ISO 4217), "%", or a unit of measure.
    pub unit: Option<String>,
    /// What is counted: "drone attacks".
    pub object: Option<String>,
    pub qualifier: Option<Qualifier>,
}

/// An actor of an event, or its place: the words in the text, the name
/// and CAMEO code they stand for, and their entity when they are one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventActorRec {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub name: Option<String>,
    /// CAMEO actor code: "RUSMIL", "UKR", "IGOUNO".
    pub code: Option<String>,
    /// The id of the entity ("e3").
    pub entity: Option<String>,
}

/// A sentence's place in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

/// Who did what to whom: a source actor, an action, a target actor, coded
/// in CAMEO and PLOVER, with the sentence that reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRec {
    pub source: Option<EventActorRec>,
    pub target: Option<EventActorRec>,
    /// The verb: "accused", "ruled out".
    pub action: SpanRec,
    /// The CAMEO event code, leading zeros kept: "0356".
    pub cameo: String,
    /// Its first two digits ("03") and first three ("035").
    pub root: String,
    pub base: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// The Goldstein score, -10 to +10.
    pub goldstein: f32,
    /// The PLOVER category ("AGREE") and mode ("heavy-weapons").
    pub plover: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<String>,
    pub sentence: SentenceSpan,
    /// When it happened: the date the sentence gives it (TIMEX3), else the
    /// publication date.
    pub date: Option<String>,
    /// Where, when the sentence names a place as where it happened.
    pub location: Option<EventActorRec>,
    pub confidence: f32,
    pub status: EventStatus,
    /// For a claim: who makes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
}

/// A sentence's span (only with `--segments`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentenceRec {
    pub start: usize,
    pub end: usize,
    pub block: BlockKind,
}

/// One article and everything extracted from it. (`Default`: an empty
/// record, for building one field by field.)
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    /// Path or URL the article came from; "-" for stdin.
    pub source: String,
    pub title: Option<String>,
    /// "YYYY-MM-DD" or RFC 3339.
    pub published: Option<String>,
    /// Where `published` came from when the caller did not give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<PublishedFrom>,
    /// The page's address, canonical address, author, site and declared
    /// language, when the source gives them (HTML, feeds, WARC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The clean article text every offset refers to.
    pub text: String,
    /// Sub-headings inside the article.
    #[serde(default)]
    pub headings: Vec<SpanRec>,
    pub entities: Vec<EntityRec>,
    pub quotes: Vec<QuoteRec>,
    pub times: Vec<TimeRec>,
    pub amounts: Vec<AmountRec>,
    /// Who did what to whom, in CAMEO and PLOVER.
    #[serde(default)]
    pub events: Vec<EventRec>,
    /// The id of an earlier article this one nearly duplicates (a
    /// syndicated copy), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Sentence spans, only with `--segments`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceRec>>,
}

impl Record {
    /// Reads a record from its JSON (one line of `extract`'s output).
    pub fn from_json(json: &str) -> Result<Record, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The record as one line of JSON, as `extract` prints it (no newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a record always serialises")
    }

    /// The characters `[start, end)` of the text (character offsets, as
    /// every span of the record has them); empty when out of range.
    pub fn span_text(&self, start: usize, end: usize) -> String {
        self.text.chars().skip(start).take(end.saturating_sub(start)).collect()
    }

    /// The entity with id `id` ("e3").
    pub fn entity(&self, id: &str) -> Option<&EntityRec> {
        self.entities.iter().find(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_their_json_names_and_refuse_others() {
        for k in Attribution::ALL {
            assert_eq!(k.as_str().parse::<Attribution>(), Ok(*k));
            assert_eq!(serde_json::to_string(k).unwrap(), format!("\"{}\"", k.as_str()));
        }
        assert_eq!("none".parse::<Attribution>(), Ok(Attribution::Unattributed));
        assert_eq!("at least".parse::<Qualifier>(), Ok(Qualifier::AtLeast));
        let e = "PERSONS".parse::<EntityType>().unwrap_err();
        assert_eq!(e.to_string(), "\"PERSONS\" is not a EntityType");
        assert!(serde_json::from_str::<TimeType>("\"date\"").is_err());
    }
}
