//! Dating an article that carries no dateline from its own words, by one
//! pattern of news leads: a weekday in apposition to an anchored date,
//! "on Sunday—the eve of the third anniversary of Russia's invasion". The
//! anniversary is computed from a table of events news dates things by
//! (`crates/newsgraph/data/anniversaries.tsv`), and the weekday must agree with
//! it; the lead's event day is then the article's date.

use crate::doc::{BlockKind, Doc};
use crate::lexis::hash::{seq_hash, word_hash, PreHashedMap};
use crate::lexis::closed::ORDINAL_WORDS;
use crate::lexis::{lists, phrases};
use jiff::civil::{Date, Weekday};
use std::sync::LazyLock;

struct Events {
    by_name: PreHashedMap<Date>,
    max_len: usize,
}

static EVENTS: LazyLock<Events> = LazyLock::new(|| {
    let mut ev = Events { by_name: PreHashedMap::default(), max_len: 1 };
    let mut toks = Vec::new();
    for line in lists::rows(include_str!("../../data/anniversaries.tsv")) {
        let Some((date, names)) = line.split_once('\t') else { continue };
        let Ok(date) = date.trim().parse::<Date>() else { continue };
        for name in names.split('|') {
            if let Some((key, len)) = phrases::phrase_key(name.trim(), &mut toks) {
                ev.max_len = ev.max_len.max(len);
                ev.by_name.insert(key, date);
            }
        }
    }
    ev
});

fn ordinal(w: &str) -> Option<i16> {
    let lw = w.to_ascii_lowercase();
    if let Some(i) = ORDINAL_WORDS.iter().position(|o| *o == lw) {
        return Some(i as i16 + 1);
    }
    let digits = lw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (digits.len() < lw.len() && matches!(&lw[digits.len()..], "st" | "nd" | "rd" | "th")).then(|| digits.parse().ok()).flatten()
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w.to_ascii_lowercase().as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// "[the eve of] the ORDINAL anniversary of EVENT" starting at token `j`
/// (sentence tokens up to `hi`): the tokens it covers and its date.
fn anniversary_at(doc: &Doc, j: usize, hi: usize) -> Option<(usize, Date)> {
    let ev = &*EVENTS;
    let is = |k: usize, w: &str| k < hi && doc.tok(k).eq_ignore_ascii_case(w);
    let mut j = j;
    let mut eve = false;
    if is(j, "the") && is(j + 1, "eve") && is(j + 2, "of") {
        eve = true;
        j += 3;
    }
    if !is(j, "the") || !is(j + 2, "anniversary") || !is(j + 3, "of") {
        return None;
    }
    let n = ordinal(doc.tok(j + 1))?;
    let from = j + 4;
    for len in (1..=ev.max_len.min(hi.saturating_sub(from))).rev() {
        let h = seq_hash((from..from + len).map(|k| word_hash(doc.tok(k))));
        if let Some(&event) = ev.by_name.get(&h) {
            let mut date = event.checked_add(jiff::Span::new().years(n)).ok()?;
            if eve {
                date = date.yesterday().ok()?;
            }
            return Some((from + len, date));
        }
    }
    None
}

/// Every anniversary of a known event in the text, with its date: "the eve
/// of the third anniversary of Russia's invasion" is 2025-02-23. Returns
/// token ranges.
pub fn anniversaries(doc: &Doc) -> Vec<(std::ops::Range<usize>, Date)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let r = s.tokens();
        let mut i = r.start;
        while i < r.end {
            if let Some((end, date)) = anniversary_at(doc, i, r.end) {
                out.push((i..end, date));
                i = end;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// The date the article's lead gives its event day, by the pattern above.
pub fn date_from_lead(doc: &Doc) -> Option<Date> {
    let lead = doc.sentences.iter().filter(|s| doc.sentence_kind(s) == BlockKind::Paragraph).take(3);
    for s in lead {
        let r = s.tokens();
        for i in r.clone() {
            let Some(day) = weekday(doc.tok(i)) else { continue };
            // WEEKDAY — / , [the eve of] the ORDINAL anniversary of EVENT
            if i + 1 >= r.end || !matches!(doc.tok(i + 1), "—" | "–" | "," | "-" | "--") {
                continue;
            }
            if let Some((_, date)) = anniversary_at(doc, i + 2, r.end) {
                if date.weekday() == day {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;

    fn lead(text: &str) -> Option<Date> {
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        date_from_lead(&d)
    }

    #[test]
    fn a_weekday_in_apposition_to_an_anniversary_dates_the_article() {
        // 24 Feb 2022 + 3 years = Mon 24 Feb 2025; its eve is Sunday 23 Feb
        let d = lead("Ministers met on Sunday—the eve of the third anniversary of Russia's invasion—to discuss aid.");
        assert_eq!(d, Some(jiff::civil::date(2025, 2, 23)));
        // 7 Oct 2023 + 2 years = Tuesday 7 Oct 2025
        let d = lead("Crowds gathered on Tuesday, the 2nd anniversary of the October 7 attacks, in Tel Aviv.");
        assert_eq!(d, Some(jiff::civil::date(2025, 10, 7)));
    }

    #[test]
    fn anniversaries_of_known_events_are_dates() {
        let mut d = crate::doc::Doc::new(DocInput {
            text: "Crowds marked the 10th anniversary of the fall of the Berlin Wall on the eve of the 2nd anniversary of the Capitol riot.".into(),
            source: "t".into(),
            ..Default::default()
        });
        crate::segment::run(&mut d);
        let got: Vec<(String, String)> = anniversaries(&d)
            .into_iter()
            .map(|(r, date)| (d.str(d.token_span(r.start, r.end)).to_string(), date.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("the 10th anniversary of the fall of the Berlin Wall".to_string(), "1999-11-09".to_string()),
                ("the eve of the 2nd anniversary of the Capitol riot".to_string(), "2023-01-05".to_string())
            ]
        );
    }

    #[test]
    fn the_weekday_must_agree() {
        // the eve of 24 Feb 2025 is a Sunday, not a Friday
        assert_eq!(lead("Ministers met on Friday—the eve of the third anniversary of Russia's invasion."), None);
        assert_eq!(lead("Ministers met on Sunday to discuss aid."), None);
    }
}
