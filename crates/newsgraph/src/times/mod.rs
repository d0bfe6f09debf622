//! Stage 2, times: the publication date, then TIMEX3 expressions
//! normalised against it.
//!
//! 1. [`date_the_article`]: when the caller gave no date (and the page
//!    said none), the article's own dateline gives it, else its lead
//!    ([`anchors`]); `Doc::published_from` says which. This is the last
//!    step of the publication-date rule, whose first steps (the caller's,
//!    the page's) are `newsgraph-driver`'s.
//! 2. [`tag`]: the tagger is the `newsgraph-timex` crate (its rule families
//!    are documented there); it runs over the article's text, anchored at
//!    `Doc::published`, and times on page furniture are dropped; an
//!    anniversary of a known event is a date too.

mod anchors;

use crate::doc::{BlockKind, Doc, Published, PublishedFrom, Span, Time, TimeType};

/// Runs the stage: fills `doc.published` when it is missing and the text
/// dates itself, and `doc.times`.
pub fn run(doc: &mut Doc) {
    date_the_article(doc);
    tag(doc);
}

/// When the article has no publication date, its own dateline ("Monday,
/// May 18, 2015", "LONDON 1996-08-30") gives it, or else its lead (see
/// `anchors`).
fn date_the_article(doc: &mut Doc) {
    if doc.published.is_some() {
        return;
    }
    // the dateline is near the top: the first few blocks
    let head_end = doc.blocks.get(doc.blocks.len().min(6).wrapping_sub(1)).map_or(0, |b| b.span.end as usize);
    if let Some(date) = newsgraph_timex::find_dateline(&doc.text[..head_end]) {
        doc.published = Some(Published { value: date.to_string(), date });
        doc.published_from = Some(PublishedFrom::Dateline);
    } else if let Some(date) = anchors::date_from_lead(doc) {
        doc.published = Some(Published { value: date.to_string(), date });
        doc.published_from = Some(PublishedFrom::Lead);
    }
}

/// Fills `doc.times`. The tagger reads the whole text at once (it resolves
/// "that day" and numeric date order from what came before); times on page
/// furniture are dropped.
fn tag(doc: &mut Doc) {
    let anchor = doc.published.as_ref().map(|p| p.date);
    let furniture: Vec<Span> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Furniture).map(|b| b.span).collect();
    let mut times: Vec<Time> = newsgraph_timex::tag(&doc.text, anchor)
        .into_iter()
        .map(|t| Time { span: Span::new(t.start, t.end), kind: time_type(t.kind), value: t.value })
        .filter(|t| !furniture.iter().any(|f| f.overlaps(t.span)))
        .collect();
    // anniversaries of known events, where the tagger found nothing
    for (r, date) in anchors::anniversaries(doc) {
        let span = doc.token_span(r.start, r.end);
        if !times.iter().any(|t| t.span.overlaps(span)) {
            times.push(Time { span, kind: TimeType::Date, value: date.to_string() });
        }
    }
    times.sort_by_key(|t| t.span.start);
    doc.times = times;
}

/// The record's type of a TIMEX3 expression.
fn time_type(t: newsgraph_timex::TimexType) -> TimeType {
    use newsgraph_timex::TimexType;
    match t {
        TimexType::Date => TimeType::Date,
        TimexType::Time => TimeType::Time,
        TimexType::Duration => TimeType::Duration,
        TimexType::Set => TimeType::Set,
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, DocInput, Published, PublishedFrom};

    fn doc(text: &str, published: Option<&str>) -> Doc {
        let mut d = Doc::new(DocInput {
            text: text.into(),
            source: "t".into(),
            published: published.and_then(|p| Published::parse(p).ok()),
            ..Default::default()
        });
        crate::segment::run(&mut d);
        super::run(&mut d);
        d
    }

    #[test]
    fn times_are_resolved_against_the_publication_date() {
        // 23 February 2025 is a Sunday
        let d = doc("Talks due\n\nThe ministers met last week and will meet again next week, on 6 March.\n", Some("2025-02-23"));
        let got: Vec<(&str, &str)> = d.times.iter().map(|t| (d.str(t.span), t.value.as_str())).collect();
        assert_eq!(got, [("last week", "2025-W08"), ("next week", "2025-W09"), ("6 March", "2025-03-06")]);
    }

    #[test]
    fn a_dateline_gives_the_date_when_the_caller_does_not() {
        let d = doc("Storm hits coast\nMonday, May 18, 2015\n\nThe storm hit on Sunday.\n", None);
        assert_eq!(d.published.as_ref().map(|p| p.value.as_str()), Some("2015-05-18"));
        assert_eq!(d.published_from, Some(PublishedFrom::Dateline));
        let sunday = d.times.iter().find(|t| d.str(t.span) == "Sunday").map(|t| t.value.as_str());
        assert_eq!(sunday, Some("2015-05-17"));
    }
}
