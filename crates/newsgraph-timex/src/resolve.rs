//! Calendar arithmetic against the anchor (publication) date, and the tense
//! cue used to pick the past or the coming occurrence.

use jiff::civil::Date;
use jiff::Span;

pub fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

pub fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().days(n)).ok()
}

pub fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// ISO week of `d` as a TIMEX3 value ("2025-W08").
pub fn fmt_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Monday = 1 ... Sunday = 7.
pub fn weekday(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

/// (year, month) shifted by `n` months.
pub fn month_add(y: i32, m: u8, n: i32) -> (i32, u8) {
    let t = y * 12 + (m as i32 - 1) + n;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u8)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

const FUTURE_CUES: &[&str] = &[
    "will", "ll", "shall", "going", "gonna", "would", "soon",
    "scheduled", "expected", "expects", "expect", "due", "upcoming", "intends", "intend", "aims",
    "hopes", "hope", "slated", "tomorrow", "effective", "upcoming", "next", "wants", "want", "seek",
    "seeks",
];
/// Verbs and adjectives after which "to" points ahead.
const FUTURE_TO: &[&str] = &[
    "planned", "planning", "plan", "plans", "scheduled", "set", "expected", "due", "ready", "going",
    "about", "hopes", "hoped", "hope", "wants", "wanted", "intends", "intended", "promised",
    "vowed", "threatened", "agreed", "decided", "aims", "aimed", "seeks", "sought", "likely",
    "poised", "is", "are", "prepared", "preparing", "slated",
];
const PAST_CUES: &[&str] = &[
    "said", "was", "were", "had", "did", "ago", "last", "yesterday", "earlier", "told", "announced",
    "reported", "been", "since", "ended", "died", "began", "came", "went", "took", "made", "met",
    "held", "killed", "won", "lost", "left", "saw", "got", "gave", "sent", "signed", "added",
    "agreed", "decided", "arrived", "returned", "visited", "attacked", "spoke", "called",
    "brought", "bought", "sold", "fell", "rose", "thought", "found", "became", "kept", "led",
    "paid", "ran", "stood", "struck", "wrote", "hit", "spent", "built", "fought", "heard", "knew",
    "felt", "grew", "drew", "drove", "chose", "broke", "flew", "threw", "ago", "former", "formerly",
];

/// "a.m.", "U.S.", "Oct.", "Mr.": a full stop after one letter, or after a
/// capitalised word of up to three letters, is taken for an abbreviation, not
/// a sentence end ("him." ends one).
fn short_word_before(b: &[u8], dot: usize) -> bool {
    let mut k = dot;
    while k > 0 && b[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    let n = dot - k;
    n == 1 || ((2..=3).contains(&n) && b[k].is_ascii_uppercase())
}

fn is_boundary_byte(c: u8) -> bool {
    matches!(c, b'.' | b'!' | b'?' | b';' | b'\n' | b':')
}

/// The tense of the clause around `text[s..e]`: the nearest future or past
/// cue word to the left within the sentence (up to 12 words), else to the
/// right (up to 8 words). A past participle in -ed counts as past.
pub fn tense_at(text: &str, s: usize, e: usize) -> Tense {
    let b = text.as_bytes();
    // left scan, word by word
    let mut i = s;
    let mut words = 0;
    while i > 0 && words < 15 {
        // skip non-letters, stop at a sentence boundary
        while i > 0 && !b[i - 1].is_ascii_alphabetic() {
            if is_boundary_byte(b[i - 1]) && !(b[i - 1] == b'.' && short_word_before(b, i - 1)) {
                i = 0;
                break;
            }
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let we = i;
        while i > 0 && b[i - 1].is_ascii_alphabetic() {
            i -= 1;
        }
        words += 1;
        if let Some(t) = classify(&text[i..we]) {
            // "would be redeemed": a participle after "be" is not a past tense
            // "would be redeemed", "is heard": a participle after "be" is not
            // a past tense; "a still unspecified date": an adjective
            if t == Tense::Past
                && !["was", "were", "had", "did", "said", "ago", "last", "yesterday", "earlier", "since"].iter().any(|x| text[i..we].eq_ignore_ascii_case(x))
                && prev_word_is(text, i, &["be", "being", "is", "are", "am", "to", "will", "would", "a", "an", "the", "still", "its", "their", "his", "her", "this", "that", "these", "those", "our", "very", "well"])
            {
                continue;
            }
            return t;
        }
        // "is to be held", "expected to be": the infinitive looks ahead
        if text[i..we].eq_ignore_ascii_case("be") && prev_word_is(text, i, &["to"]) {
            return Tense::Future;
        }
        // "planned to leave on Thursday", "is to resume Tuesday"
        if &text[i..we] == "to" && prev_word_is(text, i, FUTURE_TO) {
            return Tense::Future;
        }
        // "as early as Tuesday"
        if text[i..we].eq_ignore_ascii_case("early") && prev_word_is(text, i, &["as"]) {
            return Tense::Future;
        }
        // "given until 9 a.m. Tuesday" (but "Until Thursday, they had ...")
        if &text[i..we] == "until" {
            return Tense::Future;
        }
    }
    // right scan
    let mut j = e;
    let mut words = 0;
    while j < b.len() && words < 8 {
        while j < b.len() && !b[j].is_ascii_alphabetic() {
            if is_boundary_byte(b[j]) && !(b[j] == b'.' && short_word_before(b, j)) {
                return Tense::Unknown;
            }
            j += 1;
        }
        let ws = j;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        if ws == j {
            break;
        }
        words += 1;
        if let Some(t) = classify(&text[ws..j]) {
            return t;
        }
    }
    Tense::Unknown
}

fn prev_word_is(text: &str, i: usize, ws: &[&str]) -> bool {
    let b = text.as_bytes();
    let mut k = i;
    while k > 0 && b[k - 1] == b' ' {
        k -= 1;
    }
    let e = k;
    while k > 0 && b[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    let w = &text[k..e];
    ws.iter().any(|x| w.eq_ignore_ascii_case(x))
}

fn classify(w: &str) -> Option<Tense> {
    if w.len() > 14 {
        return None;
    }
    let mut buf = [0u8; 14];
    for (i, c) in w.bytes().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    let lw = std::str::from_utf8(&buf[..w.len()]).ok()?;
    if FUTURE_CUES.contains(&lw) {
        return Some(Tense::Future);
    }
    if PAST_CUES.contains(&lw) {
        return Some(Tense::Past);
    }
    if lw.len() > 4 && w.as_bytes()[0].is_ascii_lowercase() && lw.ends_with("ed") && !matches!(lw, "need" | "indeed" | "speed" | "proceed" | "seed" | "feed" | "breed" | "exceed" | "succeed" | "embed") {
        return Some(Tense::Past);
    }
    None
}

/// Year for a month (and day) written without one: with a day, the nearest
/// date to the anchor (a tie goes to the past); with a month only, the tense
/// decides (past: not after the anchor month, future: not before it), else
/// the nearest.
pub fn year_for_month(anchor: Date, m: u8, d: Option<u8>, tense: Tense) -> i32 {
    let ay = anchor.year() as i32;
    let am = anchor.month() as u8;
    match d {
        Some(d) => {
            let mut best = ay;
            let mut bestd = i64::MAX;
            let mut cands = [(0i32, 0i64); 3];
            for (k, y) in [ay - 1, ay, ay + 1].into_iter().enumerate() {
                let diff = ymd(y, m, d).map(|c| (c - anchor).get_days() as i64).unwrap_or(i64::MAX / 4);
                cands[k] = (y, diff);
                let dist = diff.abs() * 2 + if diff > 0 { 1 } else { 0 };
                if dist < bestd {
                    bestd = dist;
                    best = y;
                }
            }
            // far from the anchor, the tense picks the side (news looks back)
            if bestd / 2 > 90 {
                let side = match tense {
                    Tense::Future => cands.iter().filter(|c| c.1 >= 0).min_by_key(|c| c.1),
                    Tense::Past | Tense::Unknown => cands.iter().filter(|c| c.1 <= 0).max_by_key(|c| c.1),
                };
                if let Some(c) = side {
                    best = c.0;
                }
            }
            best
        }
        None => {
            if m == am {
                return ay;
            }
            match tense {
                Tense::Past => {
                    if m < am {
                        ay
                    } else {
                        ay - 1
                    }
                }
                Tense::Future => {
                    if m > am {
                        ay
                    } else {
                        ay + 1
                    }
                }
                Tense::Unknown => {
                    // news looks back, except to the next two months
                    let ahead = (m as i32 - am as i32).rem_euclid(12);
                    if ahead <= 2 {
                        if m > am { ay } else { ay + 1 }
                    } else if m < am {
                        ay
                    } else {
                        ay - 1
                    }
                }
            }
        }
    }
}

/// The weekday `wd` (1 = Monday) nearest the anchor on the given side:
/// `dir` -1 the most recent one not after the anchor, +1 the next one not
/// before it; `strict` excludes the anchor day itself.
pub fn weekday_date(anchor: Date, wd: u8, dir: i8, strict: bool) -> Option<Date> {
    let aw = weekday(anchor) as i64;
    let w = wd as i64;
    let mut delta = if dir < 0 { -((aw - w).rem_euclid(7)) } else { (w - aw).rem_euclid(7) };
    if strict && delta == 0 {
        delta = if dir < 0 { -7 } else { 7 };
    }
    add_days(anchor, delta)
}

/// The n-th (1..4, 5 = last) weekday `wd` of a month.
pub fn nth_weekday(y: i32, m: u8, wd: u8, n: u8) -> Option<Date> {
    let first = ymd(y, m, 1)?;
    if n >= 5 {
        let last = ymd(y, m, first.days_in_month() as u8)?;
        let back = (weekday(last) as i64 - wd as i64).rem_euclid(7);
        return add_days(last, -back);
    }
    let fwd = (wd as i64 - weekday(first) as i64).rem_euclid(7);
    add_days(first, fwd + 7 * (n as i64 - 1))
}
