//! The document model: one [`Doc`] per article, annotated in place by every
//! stage of the pipeline (as spaCy's `Doc`). The model is the ground floor:
//! it owns every annotation type ([`annotations`]) and imports no stage.
//!
//! Invariants:
//! - `Doc::text` never changes after [`Doc::new`]; every span is a byte
//!   range `[start, end)` into it, on `char` boundaries.
//! - Each stage owns its own vectors (`segment` owns `blocks`, `sentences`,
//!   `tokens` and `quoted`; later stages own theirs) and only reads the
//!   others.
//! - Character offsets exist only in the output record (`record.rs`).

mod annotations;

pub use annotations::{Amount, Entity, Event, EventActor, Mention, Quote, QuotedSpan, Speaker, Time};
pub use newsgraph_record::{AmountType, Attribution, EntityType, EventStatus, MentionKind, PublishedFrom, Qualifier, QuoteKind, TimeType};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into `Doc::text`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start: start as u32, end: end as u32 }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What a block of the article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline, when the article's first line is one.
    Title,
    /// A sub-heading inside the article ("Tensions with Trump").
    Heading,
    /// A line that only dates the article ("Monday, May 18, 2015").
    Dateline,
    /// Running text.
    Paragraph,
    /// Page furniture: counters, share buttons, bylines' decorations. Not
    /// article text: no sentences or tokens are made from it.
    Furniture,
}

/// A block: a paragraph, a heading, the title...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// A sentence; titles and headings are one sentence each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Doc::blocks`.
    pub block: u32,
    /// Tokens `tokens[first_token..end_token]`.
    pub first_token: u32,
    pub end_token: u32,
}

impl Sentence {
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

/// The coarse class of a token, decided once by the tokenizer so that later
/// stages never re-scan characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes ("long-term").
    Word,
    /// A word with inner periods or a known abbreviation with its final
    /// period ("U.S.", "Mr.", "Gen.", "J.").
    Abbrev,
    /// Digits, possibly with inner separators ("1,200", "3.5", "2025-02-23").
    Number,
    /// Letters and digits mixed ("G7", "3bn", "COVID-19").
    Alnum,
    /// A clitic split off a word: "’s", "n't", "’re".
    Clitic,
    /// Quotation marks of any kind: “ ” ‘ ’ " ' « » „ ‹ ›.
    Quote,
    /// Sentence-final punctuation: . ! ?
    Terminal,
    /// An ellipsis: "…" or "...".
    Ellipsis,
    /// Em and en dashes, "--".
    Dash,
    /// Any other punctuation or symbol ("," ";" ":" "(" "$" "%").
    Punct,
    /// URLs, e-mail addresses, @handles and #hashtags.
    Link,
}

/// A token: a byte span and its kind. Tokens never own strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// The publication date as given (normalised) and as a calendar date.
/// In JSON, its value ("2025-02-23", an RFC 3339 timestamp).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Published {
    /// "YYYY-MM-DD" or a full RFC 3339 timestamp, as the record prints it.
    pub value: String,
    pub date: Date,
}

impl Published {
    /// Reads "YYYY-MM-DD" or an RFC 3339 / ISO 8601 timestamp.
    pub fn parse(s: &str) -> Result<Published, String> {
        let s = s.trim();
        if s.len() == 10 {
            if let Ok(date) = s.parse::<Date>() {
                return Ok(Published { value: date.to_string(), date });
            }
        }
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            // Keep the writer's own offset for the calendar date: an article
            // stamped 23:30-05:00 was published on that local day.
            let offset = parse_trailing_offset(s).unwrap_or(jiff::tz::Offset::UTC);
            let date = ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(offset)).date();
            return Ok(Published { value: s.to_string(), date });
        }
        if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
            return Ok(Published { value: s.to_string(), date: dt.date() });
        }
        Err(format!("not a date (want YYYY-MM-DD or RFC 3339): {s:?}"))
    }
}

impl From<Published> for String {
    fn from(p: Published) -> String {
        p.value
    }
}

impl TryFrom<String> for Published {
    type Error = String;
    fn try_from(s: String) -> Result<Published, String> {
        Published::parse(&s)
    }
}

fn parse_trailing_offset(s: &str) -> Option<jiff::tz::Offset> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(jiff::tz::Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = tail.get(1..3)?.parse().ok()?;
    let m: i32 = tail.get(4..6)?.parse().ok()?;
    jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// What the source says of the article besides its text (HTML metadata,
/// a feed item, a WARC record): carried to the record as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// As the page declares it ("en", "en-US").
    pub language: Option<String>,
}

/// What a caller gives the pipeline for one article. It reads and writes
/// as JSON, so that a store can keep an article's input and extract it
/// again with newer rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocInput {
    /// Caller-given id; else the source is the id.
    pub id: Option<String>,
    /// Path or URL the article came from.
    pub source: String,
    /// The article text (plain text; ingest has already cleaned HTML).
    pub text: String,
    /// A headline known from metadata (HTML `<title>`, a feed item); when
    /// `None`, the segmenter takes the first line when it is a headline.
    pub title: Option<String>,
    /// The publication date; when `None`, a dateline in the text is used.
    pub published: Option<Published>,
    /// Block structure known from the source (HTML paragraphs and
    /// headings); when empty, the segmenter finds blocks in the text.
    pub blocks: Vec<Block>,
    pub meta: Meta,
}

impl DocInput {
    /// An article that is only text, named by `source`.
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> DocInput {
        DocInput { source: source.into(), text: text.into(), ..Default::default() }
    }

    /// The input as the pipeline takes it: CRLF and CR line ends made LF, a
    /// byte-order mark dropped, nothing else touched in the text; the given
    /// blocks kept only when they still fit the text (in order, inside it,
    /// on character boundaries) and the text was not changed; the title
    /// trimmed. Idempotent.
    pub fn normalised(self) -> DocInput {
        let mut text = self.text;
        let mut blocks = self.blocks;
        if text.starts_with('\u{feff}') || text.contains('\r') {
            // offsets of given blocks would move: let the segmenter find them
            blocks.clear();
        }
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        if text.contains('\r') {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        let valid = blocks.windows(2).all(|w| w[0].span.end <= w[1].span.start)
            && blocks.iter().all(|b| {
                b.span.start <= b.span.end && (b.span.end as usize) <= text.len() && text.is_char_boundary(b.span.start as usize) && text.is_char_boundary(b.span.end as usize)
            });
        if !valid {
            blocks.clear();
        }
        let title = self.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        DocInput { text, blocks, title, ..self }
    }
}

/// One article and every annotation the stages add to it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub id: String,
    pub source: String,
    pub text: String,
    /// The headline: its text, and its span when it is part of `text`.
    pub title: Option<String>,
    pub title_span: Option<Span>,
    pub published: Option<Published>,
    /// Where `published` came from when not from the caller: a dateline
    /// line, or a weekday dated in the lead.
    pub published_from: Option<PublishedFrom>,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// The spans in quotation marks, in text order (paired once, by
    /// segmentation; the entity and quote stages both read them).
    pub quoted: Vec<QuotedSpan>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<Time>,
    pub amounts: Vec<Amount>,
    pub events: Vec<Event>,
}

impl Doc {
    /// The document before any stage ran: the input normalised
    /// ([`DocInput::normalised`]: the text every offset will refer to), the
    /// id (the caller's, else the source), the title, the date and the
    /// caller's blocks.
    pub fn new(input: DocInput) -> Doc {
        let input = input.normalised();
        Doc {
            id: input.id.unwrap_or_else(|| input.source.clone()),
            source: input.source,
            text: input.text,
            title: input.title,
            published: input.published,
            meta: input.meta,
            blocks: input.blocks,
            ..Default::default()
        }
    }

    /// The text of a span.
    pub fn str(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &str {
        self.str(self.tokens[i].span)
    }
    /// The block kind of sentence `s`.
    pub fn sentence_kind(&self, s: &Sentence) -> BlockKind {
        self.blocks[s.block as usize].kind
    }

    /// The span of tokens `[first, end)` (`end > first`): from the first's
    /// start to the last's end.
    pub fn token_span(&self, first: usize, end: usize) -> Span {
        Span { start: self.tokens[first].span.start, end: self.tokens[end - 1].span.end }
    }

    /// For every token, whether it lies inside quotation marks (marks
    /// included).
    pub fn inside_quotes(&self) -> Vec<bool> {
        let mut inside = vec![false; self.tokens.len()];
        for q in &self.quoted {
            let end = if q.closed { q.close + 1 } else { q.close };
            inside[q.open..end].fill(true);
        }
        inside
    }

    /// The token ranges `(first, end)` of every block (empty for blocks
    /// without sentences: furniture).
    pub fn block_tokens(&self) -> Vec<(usize, usize)> {
        let mut out = vec![(0usize, 0usize); self.blocks.len()];
        for s in &self.sentences {
            let b = &mut out[s.block as usize];
            if b.0 == b.1 {
                *b = (s.first_token as usize, s.end_token as usize);
            } else {
                b.1 = s.end_token as usize;
            }
        }
        out
    }

    /// The entity one of whose mentions overlaps `span` (the longest such
    /// mention wins).
    pub fn entity_at(&self, span: Span) -> Option<u32> {
        let mut best: Option<(usize, u32)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            for m in &e.mentions {
                if m.span.overlaps(span) && best.is_none_or(|(len, _)| m.span.len() > len) {
                    best = Some((m.span.len(), i as u32));
                }
            }
        }
        best.map(|b| b.1)
    }

    /// The name a quote's speaker refers to: its entity's name, else the
    /// name of the entity of its antecedent (for a pronoun), else the
    /// antecedent's own text.
    pub fn speaker_name(&self, sp: &Speaker) -> Option<String> {
        if let Some(e) = sp.entity {
            return Some(self.entities[e as usize].name.clone());
        }
        let a = sp.antecedent?;
        match self.entity_at(a) {
            Some(e) => Some(self.entities[e as usize].name.clone()),
            None => Some(self.str(a).to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_normalised_once_and_reads_back_from_json() {
        let blocks = vec![Block { span: Span::new(0, 5), kind: BlockKind::Heading }];
        let i = DocInput { text: "\u{feff}Title\r\nText".into(), blocks: blocks.clone(), title: Some(" T ".into()), ..DocInput::from_text("s", "") };
        let n = i.normalised();
        assert_eq!((n.text.as_str(), n.blocks.len(), n.title.as_deref()), ("Title\nText", 0, Some("T")));
        assert_eq!(n.clone().normalised(), n);
        let kept = DocInput { text: "Title\n\nText".into(), blocks, published: Published::parse("2025-02-23T10:00:00+02:00").ok(), ..DocInput::from_text("s", "") };
        assert_eq!(kept.clone().normalised().blocks.len(), 1);
        let json = serde_json::to_string(&kept).unwrap();
        assert!(json.contains(r#""published":"2025-02-23T10:00:00+02:00""#), "{json}");
        assert_eq!(serde_json::from_str::<DocInput>(&json).unwrap(), kept);
        assert!(serde_json::from_str::<DocInput>(r#"{"published": "someday"}"#).is_err());
    }

    #[test]
    fn published_accepts_dates_and_timestamps() {
        let p = Published::parse("2025-02-23").unwrap();
        assert_eq!(p.value, "2025-02-23");
        assert_eq!(p.date, jiff::civil::date(2025, 2, 23));
        // Late evening in New York is still the 23rd there, the 24th in UTC.
        let p = Published::parse("2025-02-23T22:30:00-05:00").unwrap();
        assert_eq!(p.date, jiff::civil::date(2025, 2, 23));
        assert_eq!(p.value, "2025-02-23T22:30:00-05:00");
        let p = Published::parse("2025-02-23T10:00:00Z").unwrap();
        assert_eq!(p.date, jiff::civil::date(2025, 2, 23));
        assert!(Published::parse("23/02/2025").is_err());
        assert!(Published::parse("yesterday").is_err());
    }
}
