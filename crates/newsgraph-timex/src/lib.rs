//! A fast, table-driven TIMEX3 tagger and normaliser for English news.
//!
//! [`tag`] finds time expressions and gives each its TIMEX3 type and value,
//! resolved against the publication date (the *anchor*); [`find_dateline`]
//! reads the publication date from the article itself.
//!
//! # How it works
//!
//! One Aho-Corasick pass over the text finds *trigger* words (month and
//! weekday names, units, parts of day, seasons, the content words of the
//! fixed phrases) and digits. Around each trigger a small window of the same
//! line is tokenized (into a buffer reused for the whole text), and every rule
//! family below is tried at the trigger and up to six tokens to its left; the
//! longest reading that covers the trigger wins, and readings never overlap.
//! Words and phrases live in `data/lexicon.tsv` and `data/phrases.tsv`.
//!
//! # Rule families (the `rule` field of a [`Timex`])
//!
//! The same list, one row per family with the function that reads it, is
//! `data/families.tsv`.
//!
//! | rule | examples | value |
//! |---|---|---|
//! | `date_mdy` | "March 6", "March 6, 2025", "Aug. 7, 1998" | `2025-03-06`; without a year, the nearest such date to the anchor, or, more than 90 days away, the past one unless the clause looks ahead |
//! | `date_dmy` | "6 March", "6th of March 2025" | `2025-03-06` (year as above) |
//! | `date_numeric` | "2025-03-06", "06/03/2025", "6.3.2025" | see *locale* below |
//! | `weekday_date` | "Monday, May 18, 2015"; "Thursday" in "Thursday, Jan. 6" | the written date; with a year the two are one span (a dateline), without one they are tagged apart (as TempEval-3 does) |
//! | `weekday` | "Sunday", "last Tuesday", "next Friday", "this coming Sunday", "Friday morning" | the anchor itself when it is that day; else the past one, unless the clause looks ahead ("will meet on Tuesday", "planned to leave on Thursday") or says "next"/"coming"; "Wednesday's ruling" is past; `2025-02-21TMO` with a part of day |
//! | `month` | "in March", "March 2025", "last March", "mid-March", "June last year" | `2025-03`; a bare month: past tense → not after the anchor month, future tense or "by/until/through" → not before it, no cue → the past one unless it is one of the next two months; in a list ("in November, ... in January") each month follows the one before |
//! | `year` | "2025", "in 1889", "the year 2000", "2009, 2010", "2000 - 2050", "the 1988 period" | `2025` (`1988-Q3` for "the 1988 period" in a quarterly report) |
//! | `decade`, `century` | "the 1990s", "the 1930's", "the '90s", "the 20th century" | `199`, `193`, `19` |
//! | `quarter` | "the third quarter", "third-quarter", "Q3 2024", "this year's third quarter", "the first half", "the last half", "the quarter", "the latest period" | `2025-Q3`, `2025-H1`; a quarter after the anchor's is last year's unless the clause looks ahead; "the quarter" is the one just named, else the last completed one |
//! | `season` | "last summer", "the winter of 2024", "in the spring" | `2024-SU` (tense-aware like months) |
//! | `rel_period` | "last week", "this month", "next year", "the weekend", "earlier this month", "this century", "the current fiscal year", "for the full year", "the end of the month" | `2025-W08`, `2025-02`, `2026`, `2025-W08-WE`; said on a **Sunday**, "this week" is the coming ISO week and "last week" the week now ending; "the weekend" early in the week is the past one |
//! | `reference` | "that day", "the next day", "the following year", "later that month", "the day before,", "two weeks later" | from the last date of the text (the reference time): `2023-05-05`; skipped without one, and "the day after the vote" (an event) is left alone |
//! | `deictic_day` | "today", "yesterday", "tomorrow", "the day before yesterday" | `2025-02-22` |
//! | `part_of_day` | "this morning", "last night", "tonight", "overnight" | `2025-02-22TNI` |
//! | `ago` | "two days ago", "a year earlier", "a few years ago", "year-earlier", "the year-ago quarter" | at the unit's granularity: `2025-02-21`, `2024`, `2025-W05`; after a quarter was named, "a year ago" is that quarter a year before (`2024-Q3`, as financial news compares like periods); vague counts give `PAST_REF` |
//! | `in_future` | "in three years" in a clause that looks ahead | `2028` |
//! | `duration` | "three years", "the past three years", "two-day", "5 1/2 hours", "for years", "the past year", "the next three quarters", "the year ended March 31" | `P3Y`, `P2D`, `PT5H30M`, `PXY`, `P1Y`, `P9M`; ages ("65-year-old") and fractions ("three-quarters of") are not durations |
//! | `set` | "every Monday", "each year", "every quarter", "daily", "annual", "annually", "twice a week", "$5 million a year", "Mondays", "Tuesday nights" | `XXXX-WXX-1`, `P1Y`, `P1Q`, `P1D`, `P1W`, `XXXX-WXX-2TNI` |
//! | `clock` | "14:30", "5 p.m.", "10:35 a.m. EST", "9 a.m. Tuesday", "noon", "midnight Friday", "4 in the morning" | `2025-02-23T14:30` (the date named after it, else the anchor) |
//! | `fuzzy` | "now", "currently", "at the moment" / "recently", "long ago", "the past", "a few years ago" / "soon", "the future", "the near future" | `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` ("recent weeks", "the coming years" are durations `PXW`, `PXY`) |
//! | `holiday` | "Christmas", "New Year's Day", "Thanksgiving" | `2024-12-25` (nearest to the anchor) |
//! | `anchored` | "the eve of March 6", "the day after 6 March" | `2025-03-05`; skipped when the anchor event has no written date ("the eve of the anniversary of ...") |
//!
//! Position modifiers ("early", "late", "mid-", "the end of") are kept in the
//! span of a DATE and do not change its value.
//!
//! Left out on purpose, because TempEval-3 annotators leave them out in
//! most cases: the adjectives "quarterly", "current", "future", "recent"
//! and the adverbs "shortly", "previously", "so far"; "soon" in "as soon
//! as" and "soon after". ("annual" is
//! kept as `SET P1Y`, as MEANTIME tags it, though TempEval-3 does not.)
//!
//! # Conventions
//!
//! * Spans follow TimeML (TempEval-3): prepositions stay outside ("on Sunday"
//!   gives "Sunday", "in the past" gives "the past"), determiners and
//!   modifiers that are part of the expression stay inside ("the past three
//!   years", "two days ago").
//! * **Locale of numeric dates**: `a/b/yyyy` is read day-first when `a > 12`,
//!   month-first when `b > 12`, and otherwise day-first only if the document
//!   so far wrote more day-month dates ("6 March") than month-day ones
//!   ("March 6"): month-first (US wire style) by default. `d.m.yyyy` is
//!   always day-first, `yyyy-mm-dd` ISO.
//! * **Tense**: the nearest future cue ("will", "'ll", "would", "next",
//!   "expected", "scheduled", "until", "to be", "planned to" ...) or past cue
//!   ("said", "was", "ago", an irregular past such as "brought", a lower-case
//!   verb in -ed not after "be") in the clause, left of the expression first
//!   (up to 15 words), then right of it (up to 8).
//! * **Without an anchor** relative expressions keep TimeML placeholders:
//!   "Friday" `XXXX-WXX-5`, "last week" `XXXX-WXX`, "yesterday"
//!   `XXXX-XX-XX`, "in March" `XXXX-03`, "6 March" `XXXX-03-06`, "this
//!   year" `XXXX`; durations, sets, fuzzy references and written dates are
//!   unaffected. Holidays found by rule (Thanksgiving) are dropped.

mod grammar;
mod resolve;
mod scan;
mod tables;

use jiff::civil::Date;
use serde::Serialize;

use grammar::{best_at, Ctx, State};
use scan::{left_boundary, right_boundary, tokenize_into, window_end, window_start, Tok};
use tables::tables;

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One time expression. `start`/`end` are **byte** offsets into the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    /// The rule family that read it (see the crate docs).
    pub rule: &'static str,
}

/// Bytes of context tokenized left and right of a trigger.
const BACK: usize = 36;
const FWD: usize = 72;

/// Tags the time expressions of `text`, resolving relative ones against
/// `anchor` (the publication date). Sorted by offset, never overlapping.
pub fn tag(text: &str, anchor: Option<Date>) -> Vec<Timex> {
    let tb = tables();
    let b = text.as_bytes();
    let mut out: Vec<Timex> = Vec::new();
    let mut toks: Vec<Tok> = Vec::with_capacity(64);
    let mut st = State::default();
    let mut last_end = 0usize;
    let mut win = (0usize, 0usize);
    for m in tb.triggers.find_iter(text) {
        let p = m.start();
        if p < last_end || !left_boundary(b, p) {
            continue;
        }
        if b[p].is_ascii_digit() {
            if !promising_number(b, p) {
                continue;
            }
        } else if !right_boundary(b, m.end()) {
            continue;
        }
        // reuse the tokens of the last window while it still has context
        // enough on the right of this trigger
        if !(p >= win.0 && p + FWD / 2 <= win.1) {
            toks.clear();
            win = (window_start(text, p, BACK), window_end(text, p, FWD));
            tokenize_into(text, win.0, win.1, Some(tb), &mut toks);
        }
        let Ok(ti) = toks.binary_search_by(|t| t.s.cmp(&p)) else { continue };
        // keep to the trigger's line
        let ls = (0..=ti).rev().find(|&k| toks[k].nl_before).unwrap_or(0);
        let le = (ti + 1..toks.len()).find(|&k| toks[k].nl_before).unwrap_or(toks.len());
        let line = &toks[ls..le];
        let ti = ti - ls;
        let ctx = Ctx { text, toks: line, tb, anchor, st };
        let mut best: Option<(usize, grammar::Cand)> = None;
        for s in ti.saturating_sub(6)..=ti {
            if line[s].s < last_end {
                continue;
            }
            // only a number, a lexicon word or a quote mark ('90s) can start one
            if s < ti && line[s].lex.is_empty() && line[s].k != scan::K::Num && !matches!(&text[line[s].s..line[s].e], "'" | "’") {
                continue;
            }
            if let Some(c) = best_at(&ctx, s) {
                if c.end <= ti {
                    continue;
                }
                let len = line[c.end - 1].e - line[s].s;
                let better = match &best {
                    None => true,
                    Some((bs, bc)) => len > line[bc.end - 1].e - line[*bs].s,
                };
                if better {
                    best = Some((s, c));
                }
            }
        }
        let Some((s, c)) = best else { continue };
        let start = line[s].s;
        let end = line[c.end - 1].e;
        match c.rule {
            "date_dmy" => st.dmy += 1,
            "date_mdy" => st.mdy += 1,
            _ => {}
        }
        if c.kind == TimexType::Date && c.value.len() == 7 && c.value.as_bytes()[4] == b'-' {
            if let (Ok(y), Ok(m)) = (c.value[..4].parse(), c.value[5..].parse()) {
                st.last_month = Some((end, y, m));
            }
        }
        if c.kind != TimexType::Duration && c.kind != TimexType::Set {
            let v = c.value.as_bytes();
            let num = |a: usize, b: usize| c.value.get(a..b).and_then(|x| x.parse::<i32>().ok());
            if v.len() >= 4 && v[..4].iter().all(|b| b.is_ascii_digit()) {
                let y = num(0, 4).unwrap_or(0);
                let m = if v.len() >= 7 && v[4] == b'-' { num(5, 7).map(|m| m as u8) } else { None };
                let d = if m.is_some() && v.len() >= 10 && v[7] == b'-' { num(8, 10).map(|d| d as u8) } else { None };
                if m.is_some() || v.len() == 4 {
                    st.last_ref = Some((end, y, m, d));
                }
            }
        }
        if let Some((y, q)) = c.quarter {
            st.last_quarter = Some((end, y, q));
        }
        last_end = end;
        out.push(Timex { start, end, kind: c.kind, value: c.value, rule: c.rule });
    }
    out
}

/// Cheap filter for digit triggers: money and decimals never start a time
/// expression.
fn promising_number(b: &[u8], p: usize) -> bool {
    if p > 0 && matches!(b[p - 1], b'$' | b'#') {
        return false;
    }
    if p >= 2 && matches!(b[p - 1], b'.' | b',') && b[p - 2].is_ascii_digit() {
        return false;
    }
    if b[..p].ends_with("£".as_bytes()) || b[..p].ends_with("€".as_bytes()) {
        return false;
    }
    true
}

/// The publication date written in the article itself: a full date (day,
/// month and year) in a dateline near the top, such as "Monday, May 18,
/// 2015", "March 01, 2008", "NAIROBI, Kenya (AP) 1998-08-07" or "LONDON
/// 1996-08-30". Looks at the first five non-empty lines (within 1,000
/// bytes) and returns the first full date there that opens its line, with
/// at most a place and an agency before it (no lower-case prose word), so a
/// date inside a sentence ("said in an editorial on Jan. 6, 2000") is not
/// taken for the publication date.
pub fn find_dateline(text: &str) -> Option<Date> {
    let mut end = 0;
    let mut lines = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        end += l.len();
        if !l.trim().is_empty() {
            lines += 1;
        }
        if lines >= 5 || end >= 1000 || i > 40 {
            break;
        }
    }
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    tag(head, None).into_iter().find_map(|t| {
        let v = t.value.as_bytes();
        if !(t.kind == TimexType::Date && v.len() == 10 && v[0].is_ascii_digit() && v[4] == b'-' && v[7] == b'-') {
            return None;
        }
        // a dateline opens its line, after at most a place and an agency
        // ("NAIROBI, Kenya (AP)"): no prose word before the date
        let line_start = head[..t.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let prefix = &head[line_start..t.start];
        if prefix.len() > 60 || prefix.split(|c: char| !c.is_alphabetic()).any(|w| w.len() > 2 && w.starts_with(|c: char| c.is_lowercase())) {
            return None;
        }
        resolve::ymd(t.value[0..4].parse().ok()?, t.value[5..7].parse().ok()?, t.value[8..10].parse().ok()?)
    })
}
