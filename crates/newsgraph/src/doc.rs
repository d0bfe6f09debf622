//! The document model: one [`Doc`] per article, annotated in place by every
//! stage of the pipeline (as spaCy's `Doc`).
//!
//! Invariants:
//! - `Doc::text` never changes after construction; every span is a byte
//!   range `[start, end)` into it, on `char` boundaries.
//! - Each stage owns its own vectors (`segment` owns `blocks`, `sentences`
//!   and `tokens`; later stages own theirs) and only reads the others.
//! - Character offsets exist only in the output record (`record.rs`).

use jiff::civil::Date;

/// A byte range `[start, end)` into `Doc::text`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// As the page declares it ("en", "en-US").
    pub language: Option<String>,
}

/// What a caller gives the pipeline for one article.
#[derive(Clone, Debug, Default)]
pub struct DocInput {
    /// Caller-given id; else the record derives one from `source`.
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
    /// Where `published` came from when not from the caller: "dateline"
    /// (a dateline line) or "lead" (a weekday dated in the lead).
    pub published_from: Option<&'static str>,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub entities: Vec<crate::entities::Entity>,
    pub quotes: Vec<crate::quotes::Quote>,
    pub times: Vec<crate::times::Time>,
    pub amounts: Vec<crate::amounts::Amount>,
}

impl Doc {
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
}

/// Derives a record id from a source path or URL: its file name without
/// extensions ("data/article.txt" -> "article"), which is also what the
/// scorers pair records with gold documents by.
pub fn id_from_source(source: &str) -> String {
    let name = source.trim_end_matches('/').rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = name.split('#').next().unwrap_or(name);
    let mut stem = stem;
    for ext in [".gz", ".warc", ".txt", ".text", ".html", ".htm", ".jsonl", ".json"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
        }
    }
    let fragment = name.split_once('#').map(|(_, f)| f);
    match (stem.is_empty(), fragment) {
        (true, _) => source.to_string(),
        (false, Some(f)) => format!("{stem}#{f}"),
        (false, None) => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn ids_come_from_file_names() {
        assert_eq!(id_from_source("../shared/fixtures/seed/article.txt"), "article");
        assert_eq!(id_from_source("pages/story.html.gz"), "story");
        assert_eq!(id_from_source("crawl.warc.gz#12"), "crawl#12");
        assert_eq!(id_from_source("-"), "-");
    }
}
