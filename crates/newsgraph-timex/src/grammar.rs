//! The rule families: each is a small function that tries to read one kind
//! of expression starting at a token, and returns its end and TIMEX3 value.
//! The driver (`lib.rs`) keeps the longest reading that covers a trigger.

use jiff::civil::Date;

use crate::resolve::{
    add_days, fmt_date, fmt_week, month_add, nth_weekday, tense_at, weekday, weekday_date,
    year_for_month, ymd, Tense,
};
use crate::scan::{Tok, K};
use crate::tables::{Lex, Tables, Unit};
use crate::TimexType;

/// One reading: tokens `[start, end)` of the window.
#[derive(Debug, Clone)]
pub struct Cand {
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    pub rule: &'static str,
    /// The quarter this expression names (for "a year earlier" after it).
    pub quarter: Option<(i32, u8)>,
}

fn cand(end: usize, kind: TimexType, value: String, rule: &'static str) -> Option<Cand> {
    Some(Cand { end, kind, value, rule, quarter: None })
}

/// What the driver remembers while it walks the text.
#[derive(Default, Clone, Copy)]
pub struct State {
    /// Byte offset and (year, quarter) of the last quarter named.
    pub last_quarter: Option<(usize, i32, u8)>,
    /// Day-month dates ("6 March") seen so far, and month-day ones.
    pub dmy: u32,
    pub mdy: u32,
    /// Byte offset and (year, month) of the last month named.
    pub last_month: Option<(usize, i32, u8)>,
    /// The last date written or resolved (year, month and day as far as
    /// known): the reference time of "the next day", "that year".
    pub last_ref: Option<(usize, i32, Option<u8>, Option<u8>)>,
}

pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub tb: &'static Tables,
    pub anchor: Option<Date>,
    pub st: State,
}

const X_DATE: &str = "XXXX-XX-XX";

impl Ctx<'_> {
    fn s(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| &self.text[t.s..t.e]).unwrap_or("")
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let s = self.s(i);
        ws.iter().any(|w| s.eq_ignore_ascii_case(w))
    }
    fn kind(&self, i: usize) -> Option<K> {
        self.toks.get(i).map(|t| t.k)
    }
    fn lex(&self, i: usize) -> &'static [Lex] {
        self.toks.get(i).map(|t| t.lex).unwrap_or(&[])
    }
    fn cap(&self, i: usize) -> bool {
        self.s(i).as_bytes().first().is_some_and(|c| c.is_ascii_uppercase())
    }
    /// No whitespace between token i and token i+1.
    fn adj(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.e == b.s,
            _ => false,
        }
    }
    fn num(&self, i: usize) -> Option<u32> {
        if self.kind(i) != Some(K::Num) || self.s(i).len() > 9 {
            return None;
        }
        self.s(i).parse().ok()
    }
    fn tense(&self, i: usize, j: usize) -> Tense {
        let (Some(a), Some(b)) = (self.toks.get(i), self.toks.get(j.max(i))) else {
            return Tense::Unknown;
        };
        tense_at(self.text, a.s, b.e)
    }
    fn byte(&self, i: usize) -> usize {
        self.toks.get(i).map(|t| t.s).unwrap_or(self.text.len())
    }
    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        self.lex(i).iter().find_map(|l| match *l {
            Lex::Unit(u) => Some((u, false)),
            Lex::Units(u) => Some((u, true)),
            _ => None,
        })
    }
    fn rel(&self, i: usize) -> Option<i8> {
        self.lex(i).iter().find_map(|l| if let Lex::Rel(r) = *l { Some(r) } else { None })
    }
    fn weekday_at(&self, i: usize) -> Option<u8> {
        if !self.cap(i) {
            return None;
        }
        self.lex(i).iter().find_map(|l| if let Lex::Weekday(w) = *l { Some(w) } else { None })
    }
    fn part(&self, i: usize) -> Option<&'static str> {
        self.lex(i).iter().find_map(|l| if let Lex::Part(p) = *l { Some(p) } else { None })
    }
    fn season(&self, i: usize) -> Option<&'static str> {
        self.lex(i).iter().find_map(|l| if let Lex::Season(p) = *l { Some(p) } else { None })
    }
    fn ord_word(&self, i: usize) -> Option<u8> {
        self.lex(i).iter().find_map(|l| if let Lex::Ord(p) = *l { Some(p) } else { None })
    }
    /// An ordinal: "third" or "3rd".
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(o) = self.ord_word(i) {
            return Some((o as u32, i + 1));
        }
        let n = self.num(i)?;
        if self.adj(i) && self.is_any(i + 1, &["st", "nd", "rd", "th"]) {
            return Some((n, i + 2));
        }
        None
    }
    /// A month name (capitalised); abbreviations may take a full stop.
    fn month(&self, i: usize) -> Option<(u8, usize, bool)> {
        if !self.cap(i) {
            return None;
        }
        for l in self.lex(i) {
            match *l {
                Lex::Month(m) => return Some((m, i + 1, false)),
                Lex::MonthAbbr(m) => {
                    let j = if self.adj(i) && self.is(i + 1, ".") { i + 2 } else { i + 1 };
                    return Some((m, j, true));
                }
                _ => {}
            }
        }
        None
    }
    /// Day of month 1..31, with an optional ordinal suffix.
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        if self.s(i).len() > 2 {
            return None;
        }
        let d = self.num(i)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.adj(i) && self.is_any(j, &["st", "nd", "rd", "th"]) {
            j += 1;
        } else if self.adj(i) && (self.is_any(j, &[":", "%", ","]) && self.kind(j + 1) == Some(K::Num) && self.adj(j) || self.kind(j) == Some(K::Word)) {
            return None;
        }
        Some((d as u8, j))
    }
    /// A four-digit year (1000..2999) standing alone.
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        if self.s(i).len() != 4 {
            return None;
        }
        let y = self.num(i)? as i32;
        if !(1000..3000).contains(&y) {
            return None;
        }
        if self.adj(i) {
            let n = self.s(i + 1);
            if n == "%" || ((n == "," || n == "." || n == ":") && self.kind(i + 2) == Some(K::Num) && self.adj(i + 1)) {
                return None;
            }
            if self.kind(i + 1) == Some(K::Word) {
                return None;
            }
        }
        Some((y, i + 1))
    }
}

/// Anchor helpers that degrade to TimeML placeholders without an anchor.
fn rel_value(a: Option<Date>, unit: Unit, n: i32) -> Option<String> {
    let Some(a) = a else {
        return Some(
            match unit {
                Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => X_DATE,
                Unit::Week | Unit::Fortnight => "XXXX-WXX",
                Unit::Weekend => "XXXX-WXX-WE",
                Unit::Month => "XXXX-XX",
                Unit::Quarter => "XXXX-QX",
                Unit::Year => "XXXX",
                Unit::Decade => "XXX",
                Unit::Century => "XX",
            }
            .to_string(),
        );
    };
    let ay = a.year() as i32;
    Some(match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let n = if unit == Unit::Day { n as i64 } else { 0 };
            fmt_date(add_days(a, n)?)
        }
        Unit::Week => fmt_week(add_days(a, 7 * n as i64)?),
        Unit::Fortnight => fmt_week(add_days(a, 14 * n as i64)?),
        Unit::Weekend => format!("{}-WE", fmt_week(add_days(a, 7 * n as i64)?)),
        Unit::Month => {
            let (y, m) = month_add(ay, a.month() as u8, n);
            format!("{y:04}-{m:02}")
        }
        Unit::Quarter => {
            let q = (a.month() as i32 - 1) / 3;
            let t = ay * 4 + q + n;
            format!("{:04}-Q{}", t.div_euclid(4), t.rem_euclid(4) + 1)
        }
        Unit::Year => format!("{:04}", ay + n),
        Unit::Decade => format!("{:03}", (ay + 10 * n) / 10),
        Unit::Century => format!("{:02}", ay / 100 + n),
    })
}

fn dur_value(n: Option<f64>, u: Unit) -> Option<String> {
    let (per, code, time) = match u {
        Unit::Second => (1.0, "S", true),
        Unit::Minute => (1.0, "M", true),
        Unit::Hour => (1.0, "H", true),
        Unit::Day => (1.0, "D", false),
        Unit::Week => (1.0, "W", false),
        Unit::Fortnight => (2.0, "W", false),
        Unit::Month => (1.0, "M", false),
        Unit::Quarter => (3.0, "M", false),
        Unit::Year => (1.0, "Y", false),
        Unit::Decade => (10.0, "Y", false),
        Unit::Century => (100.0, "Y", false),
        Unit::Weekend => return None,
    };
    let t = if time { "T" } else { "" };
    let Some(n) = n else {
        let code = match u {
            Unit::Decade => "DE",
            Unit::Century => "CE",
            _ => code,
        };
        return Some(format!("P{t}X{code}"));
    };
    let v = n * per;
    if v.fract() == 0.0 {
        return Some(format!("P{t}{}{code}", v as i64));
    }
    // halves go down one unit: P1Y6M, PT1H30M, P1DT12H
    let whole = v.trunc() as i64;
    let (sub, sub_code, sub_t) = match u {
        Unit::Year | Unit::Decade | Unit::Century => (v.fract() * 12.0, "M", ""),
        Unit::Month => (v.fract() * 30.0, "D", ""),
        Unit::Week | Unit::Fortnight => (v.fract() * 7.0, "D", ""),
        Unit::Day => (v.fract() * 24.0, "H", "T"),
        Unit::Hour => (v.fract() * 60.0, "M", ""),
        Unit::Minute => (v.fract() * 60.0, "S", ""),
        _ => return Some(format!("P{t}{v}{code}")),
    };
    let sub = sub.round() as i64;
    if whole == 0 {
        return Some(format!("P{t}{sub_t}{sub}{sub_code}"));
    }
    Some(format!("P{t}{whole}{code}{sub_t}{sub}{sub_code}"))
}

const APPROX: &[&str] = &[
    "about", "around", "nearly", "almost", "roughly", "approximately", "some", "over", "under",
    "only", "just", "barely", "another", "further", "additional", "full", "whole", "entire",
    "consecutive", "straight", "successive", "mere", "recent", "initial", "remaining",
];

/// Skips approximators: "about", "more than", "at least", "up to".
fn skip_approx(c: &Ctx, mut i: usize) -> usize {
    loop {
        if (c.is_any(i, &["more", "less", "fewer"]) && c.is(i + 1, "than"))
            || (c.is(i, "at") && c.is_any(i + 1, &["least", "most"]))
            || (c.is(i, "up") && c.is(i + 1, "to"))
        {
            i += 2;
        } else if c.is_any(i, APPROX) && !c.is_any(i + 1, &[",", "."]) {
            i += 1;
        } else {
            return i;
        }
    }
}

/// A count: digits, number words ("twenty-five"), "a"/"an", "a couple of",
/// vague counts ("several", "a few": `None`), with "and a half" or "1/2".
fn count(c: &Ctx, i: usize) -> Option<(Option<f64>, usize, bool)> {
    let mut j;
    let mut n: Option<f64>;
    let mut article = false;
    if let Some(v) = c.num(i) {
        // four digits are a year, not a count
        if c.s(i).len() > 3 || (i > 0 && c.adj(i - 1) && c.is_any(i - 1, &[",", "."])) {
            return None;
        }
        n = Some(v as f64);
        j = i + 1;
        // decimals: 1.5
        if c.adj(i) && c.is(j, ".") && c.adj(j) && c.num(j + 1).is_some() {
            let frac: f64 = format!("0.{}", c.s(j + 1)).parse().ok()?;
            n = Some(v as f64 + frac);
            j += 2;
        }
    } else if c.is_any(i, &["a", "an"]) {
        if c.is(i + 1, "couple") {
            n = Some(2.0);
            j = if c.is(i + 2, "of") { i + 3 } else { i + 2 };
        } else if c.is(i + 1, "few") {
            n = None;
            j = i + 2;
        } else if c.is(i + 1, "half") {
            n = Some(0.5);
            j = i + 2;
        } else {
            n = Some(1.0);
            j = i + 1;
            article = true;
        }
    } else if c.is(i, "couple") && c.is(i + 1, "of") && i > 0 && c.is_any(i - 1, &["next", "past", "last", "first", "coming"]) {
        // "the next couple of years"
        n = Some(2.0);
        j = i + 2;
    } else if c.is(i, "half") && c.is_any(i + 1, &["a", "an"]) {
        n = Some(0.5);
        j = i + 2;
    } else if c.is_any(i, &["dozens", "hundreds", "thousands"]) && c.is(i + 1, "of") {
        n = None;
        j = i + 2;
    } else {
        let l = c.lex(i).iter().find_map(|l| if let Lex::Num(v) = *l { Some(v) } else { None })?;
        n = l.map(|v| v as f64);
        j = i + 1;
        // twenty-five
        if let Some(t) = l {
            if t >= 20 && c.is(j, "-") {
                if let Some(Some(u)) = c.lex(j + 1).iter().find_map(|l| if let Lex::Num(v) = *l { Some(v) } else { None }) {
                    if u < 10 {
                        n = Some((t + u) as f64);
                        j += 2;
                    }
                }
            }
        }
    }
    if let Some(v) = n {
        if (c.is(j, "and") && c.is(j + 1, "a") && c.is(j + 2, "half"))
            || (c.num(j) == Some(1) && c.is(j + 1, "/") && c.num(j + 2) == Some(2))
        {
            n = Some(v + 0.5);
            j += 3;
        }
    }
    Some((n, j, article))
}

// ---------------------------------------------------------------- families

/// Fixed phrases of `phrases.tsv` (fuzzy references, deictic days, sets,
/// holidays).
fn phrase(c: &Ctx, i: usize) -> Option<Cand> {
    let w = c.s(i);
    if w.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    for (k, b) in w.bytes().enumerate() {
        buf[k] = b.to_ascii_lowercase();
    }
    let key = std::str::from_utf8(&buf[..w.len()]).ok()?;
    let list = c.tb.phrases.get(key)?;
    'next: for p in list {
        for (k, pw) in p.words.iter().enumerate() {
            if !c.s(i + k).eq_ignore_ascii_case(pw) {
                continue 'next;
            }
        }
        let end = i + p.words.len();
        // "as soon as", "soon after": a connective, not a time of its own
        if p.family == "fuzzy"
            && p.words.len() == 1
            && ((i > 0 && c.is(i - 1, "as")) || c.is_any(end, &["as", "after", "afterwards", "afterward", "thereafter", "enough"]))
        {
            continue;
        }
        // "USA Today", "VOA Today": a capitalised word inside a name
        if c.cap(i) && i > 0 && c.kind(i - 1) == Some(K::Word) && c.cap(i - 1) {
            continue;
        }
        // a rate: "twice a week", "$500 million a year", "700 seats a week"
        if p.family == "set_after_count" {
            let prev = if i > 0 { c.s(i - 1) } else { "" };
            let rate = i > 0
                && (c.is_any(i - 1, &["once", "twice", "thrice", "times", "million", "billion", "trillion", "thousand", "hundred", "percent", "%", "dollars", "cents"])
                    || c.num(i - 1).is_some()
                    || (prev.len() > 3 && prev.ends_with('s') && !c.cap(i - 1) && c.unit(i - 1).is_none()));
            if !rate {
                continue;
            }
        }
        let value = template(c, p.value, i, end)?;
        return cand(end, p.kind, value, p.family);
    }
    None
}

fn template(c: &Ctx, t: &'static str, i: usize, end: usize) -> Option<String> {
    let b = t.as_bytes();
    let rel = |unit: Unit| -> Option<String> {
        let sign = if b.get(1) == Some(&b'-') { -1 } else { 1 };
        let digits: String = t[2..].chars().take_while(|ch| ch.is_ascii_digit()).collect();
        let n: i32 = digits.parse().ok()?;
        let rest = &t[2 + digits.len()..];
        let v = rel_value(c.anchor, unit, sign * n)?;
        Some(format!("{v}{rest}"))
    };
    if b.len() >= 3 && (b[1] == b'+' || b[1] == b'-') && b[2].is_ascii_digit() {
        return match b[0] {
            b'D' => rel(Unit::Day),
            b'W' => week_value(c, sign_of(b[1]) * t[2..].parse::<i32>().ok()?, i, end),
            b'M' => rel(Unit::Month),
            b'Y' => rel(Unit::Year),
            _ => None,
        };
    }
    if let Some(md) = t.strip_prefix("MD") {
        let m: u8 = md.get(0..2)?.parse().ok()?;
        let d: u8 = md.get(3..5)?.parse().ok()?;
        return Some(match c.anchor {
            Some(a) => format!("{:04}-{m:02}-{d:02}", year_for_month(a, m, Some(d), c.tense(i, end - 1))),
            None => format!("XXXX-{m:02}-{d:02}"),
        });
    }
    if let Some(nth) = t.strip_prefix("NTH") {
        let m: u8 = nth.get(0..2)?.parse().ok()?;
        let wd: u8 = nth.get(3..4)?.parse().ok()?;
        let n: u8 = nth.get(5..6)?.parse().ok()?;
        let a = c.anchor?;
        let y = year_for_month(a, m, nth_weekday(a.year() as i32, m, wd, n).map(|d| d.day() as u8), Tense::Unknown);
        return nth_weekday(y, m, wd, n).map(fmt_date);
    }
    Some(t.to_string())
}

fn sign_of(b: u8) -> i32 {
    if b == b'-' { -1 } else { 1 }
}

/// ISO week `n` weeks from the anchor's ("this week" = 0). Said on a
/// Sunday, "this week" is the coming week and "last week" the one now
/// ending (the week is seen from its Monday start, as news reads it).
fn week_value(c: &Ctx, n: i32, _i: usize, _end: usize) -> Option<String> {
    let Some(a) = c.anchor else { return Some("XXXX-WXX".into()) };
    let n = if weekday(a) == 7 && n <= 0 { n + 1 } else { n };
    Some(fmt_week(add_days(a, 7 * n as i64)?))
}

/// "the weekend", "this weekend", "last weekend", "next weekend".
fn weekend_value(c: &Ctx, rel: Option<i8>, i: usize, j: usize) -> Option<String> {
    let Some(a) = c.anchor else { return Some("XXXX-WXX-WE".into()) };
    let wd = weekday(a);
    let n: i64 = match rel {
        Some(-1) => -1,
        Some(1) => {
            if wd >= 5 {
                1
            } else {
                0
            }
        }
        Some(_) => {
            if wd <= 2 && c.tense(i, j) == Tense::Past {
                -1
            } else {
                0
            }
        }
        None => {
            if wd <= 3 && c.tense(i, j) != Tense::Future {
                -1
            } else {
                0
            }
        }
    };
    Some(format!("{}-WE", fmt_week(add_days(a, 7 * n)?)))
}

/// "last week", "this month", "next year", "the past year" (a duration),
/// "last quarter", "the weekend", "this century".
fn rel_unit(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    let the = c.is(j, "the");
    if the {
        j += 1;
    }
    let r: i8;
    if c.is(j, "this") && c.is(j + 1, "past") {
        r = -1;
        j += 2;
    } else if let Some(x) = c.rel(j) {
        if c.is_any(j, &["following", "present"]) {
            return None;
        }
        r = x;
        j += 1;
    } else if the && c.unit(j) == Some((Unit::Weekend, false)) {
        return cand(j + 1, TimexType::Date, weekend_value(c, None, i, j)?, "rel_period");
    } else if the {
        // "the (fiscal) year ended March 31": a year-long period; "for the
        // full year", "months of the year": the anchor's year
        let k = if c.is_any(j, &["fiscal", "full", "current", "calendar"]) { j + 1 } else { j };
        if !c.is(k, "year") {
            return None;
        }
        if c.is_any(k + 1, &["ended", "ending", "that", "through", "to"]) {
            return cand(k + 1, TimexType::Duration, "P1Y".into(), "duration");
        }
        if k > j || (i > 0 && c.is_any(i - 1, &["for", "of", "during", "throughout"])) && !c.is_any(k + 1, &["before", "after", "earlier", "later", "-", "'", "’", "of", "in", "when", "that"]) {
            return cand(k + 1, TimexType::Date, rel_value(c.anchor, Unit::Year, 0)?, "rel_period");
        }
        return None;
    } else {
        return None;
    }
    if c.is(j, "fiscal") && c.is(j + 1, "year") {
        j += 1;
    }
    let (u, plural) = c.unit(j)?;
    if plural {
        return None;
    }
    // "This Week" (a programme): prose does not capitalise the unit
    if c.cap(j) {
        return None;
    }
    let end = j + 1;
    if the && r < 0 && !c.is(i + 1, "previous") && u != Unit::Quarter {
        // "the past year": the span of time up to now
        if matches!(u, Unit::Weekend) {
            return None;
        }
        return cand(end, TimexType::Duration, dur_value(Some(1.0), u)?, "duration");
    }
    let value = match u {
        Unit::Week => week_value(c, r as i32, i, end)?,
        Unit::Weekend => weekend_value(c, Some(r), i, end)?,
        Unit::Quarter => {
            let v = rel_value(c.anchor, Unit::Quarter, r as i32)?;
            let mut cd = cand(end, TimexType::Date, v.clone(), "quarter")?;
            if let (Some(y), Some(q)) = (v.get(0..4).and_then(|s| s.parse().ok()), v.get(6..7).and_then(|s| s.parse().ok())) {
                cd.quarter = Some((y, q));
            }
            return Some(cd);
        }
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second | Unit::Fortnight => return None,
        Unit::Month | Unit::Year | Unit::Decade | Unit::Century => rel_value(c.anchor, u, r as i32)?,
    };
    cand(end, TimexType::Date, value, "rel_period")
}

/// "two days ago", "a year earlier", "a few years ago", "year-earlier".
fn ago(c: &Ctx, i: usize) -> Option<Cand> {
    // "(the) year-earlier/year-ago (third quarter|quarter|period)"
    {
        let mut j = i;
        if c.is(j, "the") {
            j += 1;
        }
        if c.is(j, "year") && c.is(j + 1, "-") && c.is_any(j + 2, &["earlier", "ago"]) && c.adj(j) && c.adj(j + 1) {
            let mut end = j + 3;
            if let Some((_, k)) = c.ordinal(end).filter(|(q, _)| (1..=4).contains(q)) {
                if c.is(k, "quarter") {
                    end = k + 1;
                }
            } else if c.is_any(end, &["quarter", "period"]) {
                end += 1;
            } else if j > i {
                return None;
            }
            return cand(end, TimexType::Date, year_back(c, i), "ago");
        }
    }
    let j = skip_approx(c, i);
    let (n, k, _) = count(c, j)?;
    let (u, _) = c.unit(k)?;
    let mut end = k + 1;
    if c.is(end, "or") && c.is(end + 1, "so") {
        end += 2;
    }
    // "two weeks later": from the reference time, when there is one
    if c.is(end, "later") && !c.is(end + 1, "than") {
        let (_, ry, rm, rd) = c.st.last_ref?;
        let v = n?.round() as i32;
        let value = match u {
            Unit::Day | Unit::Week => {
                let d = add_days(ymd(ry, rm?, rd?)?, v as i64 * if u == Unit::Week { 7 } else { 1 })?;
                if u == Unit::Day { fmt_date(d) } else { fmt_week(d) }
            }
            Unit::Month => {
                let (y, m) = month_add(ry, rm?, v);
                format!("{y:04}-{m:02}")
            }
            Unit::Year => format!("{:04}", ry + v),
            _ => return None,
        };
        return cand(end + 1, TimexType::Date, value, "reference");
    }
    if !c.is_any(end, &["ago", "earlier"]) {
        return None;
    }
    let end = end + 1;
    let value = match n {
        None => "PAST_REF".to_string(),
        Some(v) if v == 1.0 && u == Unit::Year => year_back(c, i),
        Some(v) => {
            let v = v.round() as i32;
            match u {
                Unit::Decade => rel_value(c.anchor, Unit::Year, -10 * v)?,
                Unit::Century => rel_value(c.anchor, Unit::Year, -100 * v)?,
                _ => rel_value(c.anchor, u, -v)?,
            }
        }
    };
    cand(end, TimexType::Date, value, "ago")
}

/// "a year ago" after a quarter was named is that quarter a year before
/// (financial news compares like periods); otherwise the previous year.
fn year_back(c: &Ctx, i: usize) -> String {
    if let Some((pos, y, q)) = c.st.last_quarter {
        if c.byte(i).saturating_sub(pos) < 600 {
            return format!("{:04}-Q{q}", y - 1);
        }
    }
    rel_value(c.anchor, Unit::Year, -1).unwrap_or_else(|| "XXXX".into())
}

/// "three years", "the past three years", "two-day", "for years",
/// "in three years" (a date when the clause looks ahead).
fn duration(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    let the = c.is(j, "the");
    if the {
        j += 1;
    }
    let mut pre = false;
    if c.is_any(j, &["past", "last", "next", "previous", "coming", "first", "latest", "final", "recent", "initial", "remaining", "following", "preceding", "same"]) {
        pre = true;
        j += 1;
    }
    if the && !pre {
        return None;
    }
    // "day-long", "decades-long"
    if !the && !pre {
        if let Some((u, plural)) = c.unit(j) {
            if c.adj(j) && c.is(j + 1, "-") && c.is(j + 2, "long") && u != Unit::Weekend {
                return cand(j + 3, TimexType::Duration, dur_value(if plural { None } else { Some(1.0) }, u)?, "duration");
            }
        }
    }
    // bare plurals: "for years", "within weeks", "in years"
    if !the && !pre {
        if let Some((u, true)) = c.unit(j) {
            if i > 0 && c.is_any(i - 1, &["for", "within", "in", "over"]) && !c.is_any(j + 1, &["of", "ago", "-", "'", "’"]) && u != Unit::Weekend {
                return cand(j + 1, TimexType::Duration, dur_value(None, u)?, "duration");
            }
        }
    }
    let j = skip_approx(c, j);
    let (n, mut k, article) = count(c, j)?;
    let hyphen = c.is(k, "-") && c.adj(k - 1);
    if hyphen {
        k += 1;
    }
    // "two more weeks", "eight trading days", "an additional year"
    if c.is_any(k, &["more", "additional", "extra", "further", "trading", "business", "working", "calendar", "straight", "consecutive", "full"]) && c.unit(k + 1).is_some() {
        k += 1;
    }
    let (u, plural) = c.unit(k)?;
    if u == Unit::Weekend || (plural && article) {
        return None;
    }
    // "three-quarters of", "a quarter of the market": fractions
    if u == Unit::Quarter && (c.is(k + 1, "of") || hyphen || c.is_any(j, &["a", "one"])) {
        return None;
    }
    let mut end = k + 1;
    let mut n = n;
    // "a minute and a half", "an hour and a half"
    if let Some(v) = n.filter(|v| v.fract() == 0.0) {
        if c.is(end, "and") && c.is_any(end + 1, &["a", "one"]) && c.is(end + 2, "half") {
            n = Some(v + 0.5);
            end += 3;
        }
    }
    // ages ("a 65-year-old man") are not durations of the text
    if (c.is(end, "-") && c.is(end + 1, "old")) || c.is(end, "old") {
        return None;
    }
    if c.is_any(end, &["ago", "earlier"]) || (c.is(end, "or") && c.is(end + 1, "so") && c.is(end + 2, "ago")) {
        return None;
    }
    // "the next two years or so", "a day-long strike"
    if c.is(end, "or") && c.is(end + 1, "so") {
        end += 2;
    } else if c.is(end, "-") && c.adj(end - 1) && c.is(end + 1, "long") {
        if article {
            // "a day-long strike": the article belongs to "strike"
            return None;
        }
        end += 2;
    }
    // "in three years" looking ahead: the date three years on
    if !pre && i > 0 && c.is(i - 1, "in") && !hyphen && c.tense(i, end - 1) == Tense::Future {
        if let Some(v) = n {
            let v = v.round() as i32;
            let value = match u {
                Unit::Decade => rel_value(c.anchor, Unit::Year, 10 * v)?,
                Unit::Century => rel_value(c.anchor, Unit::Year, 100 * v)?,
                _ => rel_value(c.anchor, u, v)?,
            };
            return cand(end, TimexType::Date, value, "in_future");
        }
    }
    cand(end, TimexType::Duration, dur_value(n, u)?, "duration")
}

/// "every Monday", "each year", "every two weeks", "Mondays".
fn set(c: &Ctx, i: usize) -> Option<Cand> {
    if let Some(Lex::WeekdayPl(w)) = c.lex(i).iter().find(|l| matches!(l, Lex::WeekdayPl(_))).copied() {
        if !c.cap(i) {
            return None;
        }
        // "Tuesday nights"
        if let Some(p) = c.part(i + 1).filter(|p| p.len() == 2 && c.s(i + 1).ends_with('s')) {
            return cand(i + 2, TimexType::Set, format!("XXXX-WXX-{w}T{p}"), "set");
        }
        return cand(i + 1, TimexType::Set, format!("XXXX-WXX-{w}"), "set");
    }
    // "Tuesday nights"
    if let Some(w) = c.weekday_at(i) {
        if let Some(p) = c.part(i + 1).filter(|p| p.len() == 2 && c.s(i + 1).ends_with('s')) {
            return cand(i + 2, TimexType::Set, format!("XXXX-WXX-{w}T{p}"), "set");
        }
    }
    if !c.is_any(i, &["every", "each"]) {
        return None;
    }
    let mut j = i + 1;
    let mut n = Some(1.0);
    if c.is(j, "other") {
        n = Some(2.0);
        j += 1;
    } else if let Some((m, k, _)) = count(c, j) {
        if c.unit(k).is_some() {
            n = m;
            j = k;
        }
    }
    if let Some(w) = c.weekday_at(j) {
        return cand(j + 1, TimexType::Set, format!("XXXX-WXX-{w}"), "set");
    }
    if let Some((m, k, _)) = c.month(j) {
        return cand(k, TimexType::Set, format!("XXXX-{m:02}"), "set");
    }
    if let Some(p) = c.part(j) {
        if p.len() == 2 {
            return cand(j + 1, TimexType::Set, format!("XXXX-XX-XXT{p}"), "set");
        }
    }
    let (u, _) = c.unit(j)?;
    // a set keeps quarters as TIMEX3 "Q" units ("every quarter" P1Q)
    let v = if u == Unit::Quarter { format!("P{}Q", n.unwrap_or(1.0) as i64) } else { dur_value(n, u)? };
    cand(j + 1, TimexType::Set, v, "set")
}

/// A weekday, resolved to the side of the anchor that the clause points
/// to: the same day, else the past one unless the clause looks ahead or a
/// "next" says so. "Monday, May 18, 2015" takes the written date.
fn weekday_fam(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    let mut rel: Option<i8> = None;
    if c.is(j, "this") && c.is(j + 1, "past") {
        rel = Some(-1);
        j += 2;
    } else if c.is(j, "coming") && c.weekday_at(j + 1).is_some() {
        // "(this) coming Sunday": the next one, or today
        rel = Some(2);
        j += 1;
    } else if c.is(j, "this") && c.is(j + 1, "coming") && c.weekday_at(j + 2).is_some() {
        rel = Some(2);
        j += 2;
    } else if let Some(r) = c.rel(j) {
        if c.weekday_at(j + 1).is_some() && !c.is_any(j, &["following", "present", "current", "coming"]) {
            rel = Some(r);
            j += 1;
        }
    }
    let wd = c.weekday_at(j)?;
    j += 1;
    // "Monday, May 18, 2015" (a dateline) is one expression; in "Thursday,
    // Jan. 6" the two are tagged apart, the weekday taking the written date
    let k = if c.is(j, ",") { j + 1 } else { j };
    if let Some(d) = month_date(c, k).or_else(|| day_month(c, k)) {
        if d.value.len() == 10 {
            let with_year = c.s(d.end - 1).len() == 4 && c.kind(d.end - 1) == Some(K::Num);
            let end = if with_year { d.end } else { j };
            return cand(end, TimexType::Date, d.value, "weekday_date");
        }
    }
    let date = match c.anchor {
        Some(a) => {
            let t = c.tense(i, j - 1);
            let d = match rel {
                Some(-1) => weekday_date(a, wd, -1, true),
                Some(1) => weekday_date(a, wd, 1, true),
                Some(2) => weekday_date(a, wd, 1, false),
                _ => {
                    // "Wednesday's ruling": a day whose event is already known
                    let poss = c.is_any(j, &["'", "’"]) && c.is(j + 1, "s");
                    let fut = !poss && (t == Tense::Future || (rel == Some(0) && t != Tense::Past));
                    weekday_date(a, wd, if fut { 1 } else { -1 }, false)
                }
            }?;
            fmt_date(d)
        }
        None => format!("XXXX-WXX-{wd}"),
    };
    // "Friday morning", "Sunday night"
    if let Some(p) = c.part(j) {
        if !c.s(j).ends_with('s') {
            return cand(j + 1, TimexType::Time, format!("{date}T{p}"), "weekday");
        }
    }
    cand(j, TimexType::Date, date, "weekday")
}

/// "March 6", "March 6, 2025", "Aug. 7, 1998", "March 2025", "March of
/// 2025", "in March" (year from the anchor and the tense), "last March".
fn month_date(c: &Ctx, i: usize) -> Option<Cand> {
    let mut rel: Option<i8> = None;
    let mut i0 = i;
    if let Some(r) = c.rel(i) {
        if c.is_any(i, &["last", "this", "next", "past"]) {
            rel = Some(r);
            i0 = i + 1;
        }
    }
    let (m, j, abbr) = c.month(i0)?;
    if rel.is_none() {
        if let Some((d, k)) = c.day(j) {
            let mut end = k;
            let mut y = None;
            let mut k2 = k;
            if c.is(k2, ",") {
                k2 += 1;
            }
            if let Some((yy, k3)) = c.year(k2) {
                y = Some(yy);
                end = k3;
            }
            let y = match (y, c.anchor) {
                (Some(y), _) => y,
                (None, Some(a)) => year_for_month(a, m, Some(d), c.tense(i, end - 1)),
                (None, None) => return cand(end, TimexType::Date, format!("XXXX-{m:02}-{d:02}"), "date_mdy"),
            };
            ymd(y, m, d)?;
            return cand(end, TimexType::Date, format!("{y:04}-{m:02}-{d:02}"), "date_mdy");
        }
        let mut k = j;
        if c.is(k, ",") || c.is(k, "of") {
            k += 1;
        }
        if let Some((yy, k3)) = c.year(k) {
            return cand(k3, TimexType::Date, format!("{yy:04}-{m:02}"), "month");
        }
        // "June last year", "January this year", "October of next year"
        let k = if c.is(j, "of") { j + 1 } else { j };
        if c.is_any(k, &["this", "last", "next"]) && c.is(k + 1, "year") {
            let r = c.rel(k).unwrap_or(0) as i32;
            let v = match c.anchor {
                Some(a) => format!("{:04}-{m:02}", a.year() as i32 + r),
                None => format!("XXXX-{m:02}"),
            };
            return cand(k + 2, TimexType::Date, v, "month");
        }
    }
    // a bare month: abbreviations, "May" and "March" need a preposition
    let prev_ok = i0 > 0
        && c.is_any(i0 - 1, &["in", "of", "since", "until", "till", "by", "from", "through", "during", "early", "late", "mid", "-", "last", "next", "this", "before", "after", "to", "between", "and", "or", "end", "beginning", "start", "middle", "past"]);
    if (abbr || m == 5 || m == 3) && !prev_ok {
        return None;
    }
    // "Jan Kavan", "June Carter": a first name before a surname
    if rel.is_none() && !(abbr && c.is(j - 1, ".")) && c.kind(j) == Some(K::Word) && c.cap(j) {
        return None;
    }
    if c.is(j, "'") || c.is(j, "’") {
        // "March's figures": still the month
    }
    let value = match c.anchor {
        Some(a) => {
            let am = a.month() as u8;
            let ay = a.year() as i32;
            let y = match rel {
                Some(-1) => if m < am { ay } else { ay - 1 },
                Some(1) => if m > am { ay } else { ay + 1 },
                Some(_) => ay,
                // "by February", "through January": a deadline ahead
                None if i0 > 0 && c.is_any(i0 - 1, &["by", "until", "till", "through"]) => {
                    let t = if c.tense(i, j - 1) == Tense::Past { Tense::Past } else { Tense::Future };
                    year_for_month(a, m, None, t)
                }
                None => match c.st.last_month {
                    // a list of months runs forward: "in November, ... in January"
                    // (a schedule ahead; "fell in January from 3% in December" looks back)
                    Some((pos, y0, m0))
                        if c.byte(i).saturating_sub(pos) < 150
                            && !c.text[pos..c.byte(i)].contains(['.', '\n'])
                            && (y0, m0) > (a.year() as i32, a.month() as u8) =>
                    {
                        if m >= m0 { y0 } else { y0 + 1 }
                    }
                    _ => year_for_month(a, m, None, c.tense(i, j - 1)),
                },
            };
            format!("{y:04}-{m:02}")
        }
        None => format!("XXXX-{m:02}"),
    };
    cand(j, TimexType::Date, value, "month")
}

/// "6 March", "6th of March 2025", "6 March, 2025".
fn day_month(c: &Ctx, i: usize) -> Option<Cand> {
    let (d, mut j) = c.day(i)?;
    if i > 0 && c.is_any(i - 1, &["$", "£", "€", "#"]) {
        return None;
    }
    if c.is(j, "of") {
        j += 1;
    }
    let (m, k, _) = c.month(j)?;
    let mut end = k;
    let mut k2 = k;
    if c.is(k2, ",") {
        k2 += 1;
    }
    let y = if let Some((yy, k3)) = c.year(k2) {
        end = k3;
        yy
    } else {
        match c.anchor {
            Some(a) => year_for_month(a, m, Some(d), c.tense(i, end - 1)),
            None => return cand(end, TimexType::Date, format!("XXXX-{m:02}-{d:02}"), "date_dmy"),
        }
    };
    ymd(y, m, d)?;
    cand(end, TimexType::Date, format!("{y:04}-{m:02}-{d:02}"), "date_dmy")
}

/// 2025-03-06, 06/03/2025 (see the locale rule in the crate docs), 6.3.2025.
fn numeric(c: &Ctx, i: usize) -> Option<Cand> {
    let a = c.num(i)?;
    let la = c.s(i).len();
    let sep = c.s(i + 1);
    let joined = c.adj(i) && c.adj(i + 1) && c.adj(i + 2) && c.adj(i + 3);
    if !joined || !matches!(sep, "-" | "/" | ".") || c.s(i + 3) != sep {
        return None;
    }
    let b = c.num(i + 2)?;
    let cc = c.num(i + 4)?;
    let lb = c.s(i + 2).len();
    let lc = c.s(i + 4).len();
    if c.adj(i + 4) && matches!(c.kind(i + 5), Some(K::Num) | Some(K::Word)) {
        return None;
    }
    let (y, m, d) = if la == 4 && lb <= 2 && lc <= 2 && sep != "." {
        (a as i32, b as u8, cc as u8)
    } else if la <= 2 && lb <= 2 && (lc == 4 || (lc == 2 && sep == "/")) && sep != "-" {
        let y = if lc == 4 {
            cc as i32
        } else {
            let pivot = c.anchor.map(|d| d.year() as i32 % 100 + 10).unwrap_or(30);
            if (cc as i32) <= pivot { 2000 + cc as i32 } else { 1900 + cc as i32 }
        };
        let day_first = if sep == "." || a > 12 {
            true
        } else if b > 12 {
            false
        } else {
            c.st.dmy > c.st.mdy
        };
        if day_first { (y, b as u8, a as u8) } else { (y, a as u8, b as u8) }
    } else {
        return None;
    };
    ymd(y, m, d)?;
    cand(i + 5, TimexType::Date, format!("{y:04}-{m:02}-{d:02}"), "date_numeric")
}

/// A year: "2025", "in 1889", "the year 2000", "fiscal 1990".
fn year_fam(c: &Ctx, i: usize) -> Option<Cand> {
    // spoken years in transcripts: "nineteen ninety-six"
    let word_num = |k: usize| c.lex(k).iter().find_map(|l| if let Lex::Num(Some(v)) = *l { Some(v) } else { None });
    if let (Some(h), Some(t)) = (word_num(i), word_num(i + 1)) {
        if (11..=20).contains(&h) && (10..=90).contains(&t) && c.kind(i) == Some(K::Word) && c.s(i).len() > 3 {
            let mut y = h * 100 + t;
            let mut end = i + 2;
            if t >= 20 && c.is(end, "-") {
                if let Some(u) = word_num(end + 1).filter(|u| *u < 10) {
                    y += u;
                    end += 2;
                }
            }
            return cand(end, TimexType::Date, format!("{y:04}"), "year");
        }
    }
    let mut j = i;
    if c.is(j, "the") && c.is(j + 1, "year") {
        j += 2;
    }
    let (y, end) = c.year(j)?;
    let prev = if j > 0 { c.s(j - 1) } else { "" };
    // "2000-2050", "2000 - 2050": a range of years; other dashes and
    // slashes join numbers that are not years
    let range = prev == "-" && j > 1 && (c.year(j - 2).is_some() || c.is_any(j - 2, &["mid", "pre", "post"]));
    if matches!(prev, "$" | "£" | "€" | "#" | "No" | "no" | "/" | "+") || (prev == "-" && !range) {
        return None;
    }
    if j > 0 && c.adj(j - 1) && c.kind(j - 1) != Some(K::Punct) {
        return None;
    }
    // "1,990": a thousands separator
    if j > 1 && prev == "," && c.adj(j - 1) && c.adj(j - 2) && c.kind(j - 2) == Some(K::Num) {
        return None;
    }
    // years outside 1900-2099 need a preposition before them ("in 1889")
    let after_prep = j > 0
        && c.is_any(j - 1, &["in", "since", "of", "by", "until", "from", "to", "before", "after", "year", "fiscal", "circa", "between", "during", "around", "early", "late", "mid", "and"]);
    if !(1900..=2099).contains(&y) && !after_prep {
        return None;
    }
    // "the 1988 second quarter", "the 1988 quarter", "the 1988 period"
    let the = j > 0 && c.is(j - 1, "the");
    if let Some((q, k)) = c.ordinal(end).filter(|(q, _)| (1..=4).contains(q)) {
        if c.is(k, "quarter") {
            let mut cd = cand(k + 1, TimexType::Date, format!("{y:04}-Q{q}"), "quarter")?;
            cd.quarter = Some((y, q as u8));
            return Some(cd);
        }
    }
    if the && c.is_any(end, &["period", "quarter"]) {
        if c.is(end, "quarter") || c.st.last_quarter.is_some_and(|(p, _, _)| c.byte(i).saturating_sub(p) < 600) {
            if let Some((_, yq, q)) = c.st.last_quarter {
                let _ = yq;
                return cand(end + 1, TimexType::Date, format!("{y:04}-Q{q}"), "quarter");
            }
        }
        return cand(end + 1, TimexType::Date, format!("{y:04}"), "year");
    }
    cand(end, TimexType::Date, format!("{y:04}"), "year")
}

/// "the 1990s", "the '90s", "the mid-1990s", "the 20th century",
/// "this decade".
fn decade(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    if c.is(j, "the") {
        j += 1;
    }
    if c.kind(j) == Some(K::Num) && c.s(j).len() == 4 && c.s(j).ends_with('0') && c.adj(j) {
        if c.is(j + 1, "s") {
            return cand(j + 2, TimexType::Date, c.s(j)[..3].to_string(), "decade");
        }
        // "the 1930's"
        if c.is_any(j + 1, &["'", "’"]) && c.adj(j + 1) && c.is(j + 2, "s") {
            return cand(j + 3, TimexType::Date, c.s(j)[..3].to_string(), "decade");
        }
    }
    if c.is_any(j, &["'", "’"]) && c.adj(j) && c.s(j + 1).len() == 2 && c.s(j + 1).ends_with('0') && c.adj(j + 1) && c.is(j + 2, "s") {
        let d: i32 = c.s(j + 1).parse().ok()?;
        // the most recent such decade: '20s is 202 from 2020 on, else 192
        let ay = c.anchor.map(|a| a.year() as i32).unwrap_or(2030);
        let cent = if 2000 + d <= ay { 20 } else { 19 };
        return cand(j + 3, TimexType::Date, format!("{cent}{}", d / 10), "decade");
    }
    // "the nineties"
    const TENS: [&str; 8] = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
    if j > i {
        if let Some(d) = TENS.iter().position(|t| c.is(j, t)) {
            let d = 20 + 10 * d as i32;
            let ay = c.anchor.map(|a| a.year() as i32).unwrap_or(2030);
            let cent = if 2000 + d <= ay { 20 } else { 19 };
            return cand(j + 1, TimexType::Date, format!("{cent}{}", d / 10), "decade");
        }
    }
    {
        if let Some((n, k)) = c.ordinal(j) {
            let k = if c.is(k, "-") { k + 1 } else { k };
            if c.is(k, "century") && (1..=30).contains(&n) {
                return cand(k + 1, TimexType::Date, format!("{:02}", n - 1), "century");
            }
        }
    }
    None
}

/// "the third quarter", "third-quarter", "Q3 2024", "the fourth quarter of
/// 2024", "the first half", "the quarter" (the one just named, else the last
/// completed one).
fn quarter(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    let the = c.is(j, "the");
    if the {
        j += 1;
    }
    let mut poss_year: Option<i32> = None;
    if !the && c.is_any(j, &["this", "last", "next"]) && c.is(j + 1, "year") && c.is_any(j + 2, &["'", "’"]) && c.is(j + 3, "s") {
        let r = c.rel(j).unwrap_or(0) as i32;
        poss_year = Some(c.anchor.map(|a| a.year() as i32 + r).unwrap_or(0));
        j += 4;
    }
    if c.is_any(j, &["fiscal", "calendar"]) {
        j += 1;
    }
    let mut q: Option<u8> = None;
    let mut half = false;
    let mut latest = false;
    if c.s(j) == "Q" && c.adj(j) && c.num(j + 1).is_some_and(|n| (1..=4).contains(&n)) {
        q = c.num(j + 1).map(|n| n as u8);
        j += 2;
    } else {
        let (n, k) = if c.is(j, "final") {
            (4, j + 1)
        } else if c.is(j, "last") && c.is(j + 1, "half") && the {
            (2, j + 1)
        } else {
            c.ordinal(j).unwrap_or((0, j))
        };
        let k2 = if c.is(k, "-") { k + 1 } else { k };
        if (1..=4).contains(&n) && c.is(k2, "quarter") {
            q = Some(n as u8);
            j = k2 + 1;
        } else if (1..=2).contains(&n) && c.is(k2, "half") {
            q = Some(n as u8);
            half = true;
            j = k2 + 1;
        } else if the && k == j && c.is(j, "quarter") {
            // "the quarter"
            j += 1;
        } else if the && c.is_any(j, &["latest", "recent", "just-ended"]) && c.is_any(j + 1, &["quarter", "period"]) {
            // "the latest quarter", "the latest period" (in a quarterly
            // report): the last completed quarter
            latest = true;
            j += 2;
        } else if the && c.is(j, "same") && c.is(j + 1, "quarter") {
            j += 2;
        } else {
            return None;
        }
    }
    // "the quarter of a century", "the quarter mile": not a calendar quarter
    if q.is_none() && c.is_any(j, &["century", "mile", "inch", "point", "of"]) {
        return None;
    }
    // explicit year: "of 2024", "2024", "of fiscal 2024", "of this year"
    let mut year: Option<i32> = poss_year.filter(|_| c.anchor.is_some());
    let mut end = j;
    let mut k = j;
    if c.is(k, "of") {
        k += 1;
    }
    if c.is(k, "fiscal") {
        k += 1;
    }
    if let Some((y, k2)) = c.year(k) {
        year = Some(y);
        end = k2;
    } else if c.is(j, "of") && c.is_any(k, &["this", "last", "next"]) && c.is(k + 1, "year") {
        let r = c.rel(k).unwrap_or(0) as i32;
        year = c.anchor.map(|a| a.year() as i32 + r);
        end = k + 2;
    }
    let Some(a) = c.anchor else {
        let v = match (q, half) {
            (Some(q), true) => format!("{}-H{q}", year.map(|y| format!("{y:04}")).unwrap_or("XXXX".into())),
            (Some(q), false) => format!("{}-Q{q}", year.map(|y| format!("{y:04}")).unwrap_or("XXXX".into())),
            (None, _) => "XXXX-QX".into(),
        };
        return cand(end, TimexType::Date, v, "quarter");
    };
    let ay = a.year() as i32;
    let aq = ((a.month() as u8 - 1) / 3 + 1) as i32;
    let (y, qq) = match q {
        None => {
            if let Some((_, y, q)) = c.st.last_quarter.filter(|(p, _, _)| !latest && c.byte(i).saturating_sub(*p) < 600) {
                (y, q as i32)
            } else {
                let t = ay * 4 + aq - 1 - 1;
                (t.div_euclid(4), t.rem_euclid(4) + 1)
            }
        }
        Some(q) if half => {
            let y = year.unwrap_or(if (q as i32) * 2 <= aq || c.tense(i, end - 1) == Tense::Future { ay } else { ay - 1 });
            return cand(end, TimexType::Date, format!("{y:04}-H{q}"), "quarter");
        }
        Some(q) => {
            let q = q as i32;
            let y = year.unwrap_or(if q <= aq || c.tense(i, end - 1) == Tense::Future { ay } else { ay - 1 });
            (y, q)
        }
    };
    let mut cd = cand(end, TimexType::Date, format!("{y:04}-Q{qq}"), "quarter")?;
    cd.quarter = Some((y, qq as u8));
    Some(cd)
}

/// "last summer", "the winter of 2024", "summer 2025", "in the spring".
fn season(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    let mut rel = None;
    let the = c.is(j, "the");
    if the {
        j += 1;
    } else if c.is_any(j, &["last", "this", "next", "past"]) {
        rel = c.rel(j);
        j += 1;
    }
    let s = c.season(j)?;
    let sm: u8 = match s {
        "SP" => 4,
        "SU" => 7,
        "FA" => 10,
        _ => 1,
    };
    let mut end = j + 1;
    let mut k = end;
    if c.is(k, "of") {
        k += 1;
    }
    let mut year = None;
    if let Some((y, k2)) = c.year(k) {
        year = Some(y);
        end = k2;
    } else if c.is(end, "of") || (!the && rel.is_none() && !(i > 0 && c.is_any(i - 1, &["in", "during", "since", "until", "by", "over", "early", "late", "mid", "this", "next", "last", "-"]))) {
        return None;
    }
    if c.is(j, "fall") && year.is_none() && rel.is_none() && !(i > 0 && c.is_any(i - 1, &["in", "during", "since", "until", "by", "over", "early", "late", "mid", "-"])) {
        return None;
    }
    let y = match (year, c.anchor) {
        (Some(y), _) => y,
        (None, None) => return cand(end, TimexType::Date, format!("XXXX-{s}"), "season"),
        (None, Some(a)) => {
            let am = a.month() as u8;
            let ay = a.year() as i32;
            match rel {
                Some(-1) => if sm < am { ay } else { ay - 1 },
                Some(1) => if sm > am { ay } else { ay + 1 },
                Some(_) => ay,
                None => year_for_month(a, sm, None, c.tense(i, end - 1)),
            }
        }
    };
    cand(end, TimexType::Date, format!("{y:04}-{s}"), "season")
}

/// Clock times: "14:30", "5 p.m.", "10:35 a.m. EST", "9 a.m. Tuesday",
/// "noon", "midnight Friday"; the date is the day named after it, else the
/// anchor.
fn clock(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j;
    let mut h: u32;
    let mut mi = 0u32;
    let mut fixed = false;
    if let Some(p) = c.part(i).filter(|p| p.contains(':') && !(i > 0 && c.is(i - 1, "high"))) {
        h = p[..2].parse().ok()?;
        j = i + 1;
        fixed = true;
    } else {
        if c.s(i).len() > 2 {
            return None;
        }
        h = c.num(i)?;
        j = i + 1;
        if h > 24 {
            return None;
        }
    }
    let mut ok = fixed;
    if !fixed {
        if c.adj(i) && c.is(j, ":") && c.adj(j) && c.s(j + 1).len() == 2 {
            mi = c.num(j + 1)?;
            if mi > 59 {
                return None;
            }
            j += 2;
            ok = true;
            if c.adj(j - 1) && c.is(j, ":") && c.adj(j) && c.s(j + 1).len() == 2 && c.num(j + 1).is_some() {
                j += 2;
            }
            if i > 0 && c.adj(i - 1) && c.is(i - 1, ":") {
                return None;
            }
        }
        // a.m. / p.m. / am / pm
        let mut pm = None;
        if c.is_any(j, &["a", "p"]) && c.adj(j) && c.is(j + 1, ".") && c.adj(j + 1) && c.is(j + 2, "m") {
            pm = Some(c.is(j, "p"));
            j += 3;
            if c.adj(j - 1) && c.is(j, ".") {
                j += 1;
            }
        } else if c.is_any(j, &["am", "pm"]) {
            pm = Some(c.is(j, "pm"));
            j += 1;
        } else if c.is(j, "o") && c.is_any(j + 1, &["'", "’"]) && c.is(j + 2, "clock") {
            j += 3;
            ok = true;
        } else if (ok || (1..=12).contains(&h)) && c.is(j, "in") && c.is(j + 1, "the") && c.part(j + 2).is_some_and(|p| p.len() == 2) {
            // "4 in the morning"
            ok = true;
            if matches!(c.part(j + 2), Some("AF") | Some("EV") | Some("NI")) && h < 12 && !(h < 5 && c.part(j + 2) == Some("NI")) {
                h += 12;
            }
            j += 3;
        }
        if let Some(pm) = pm {
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            ok = true;
        }
    }
    if !ok {
        return None;
    }
    if c.lex(j).iter().any(|l| matches!(l, Lex::Tz)) {
        j += 1;
    } else if c.is(j, "local") && c.is(j + 1, "time") {
        j += 2;
    }
    // the day: "Tuesday", "on Tuesday", "today", "Nov. 6"
    let mut k = j;
    if c.is(k, ",") {
        k += 1;
    }
    if c.is(k, "on") {
        k += 1;
    }
    let mut date: Option<String> = None;
    let mut end = j;
    if let Some(w) = weekday_fam(c, k) {
        if w.value.len() == 10 || w.value.starts_with("XXXX") {
            date = Some(w.value);
            end = w.end;
        }
    } else if let Some(d) = month_date(c, k).filter(|d| d.value.len() == 10) {
        date = Some(d.value);
        end = d.end;
    } else if c.is_any(k, &["today", "yesterday", "tomorrow"]) {
        let n = if c.is(k, "yesterday") { -1 } else if c.is(k, "tomorrow") { 1 } else { 0 };
        date = rel_value(c.anchor, Unit::Day, n);
        end = k + 1;
    }
    let date = date.or_else(|| c.anchor.map(fmt_date)).unwrap_or_else(|| X_DATE.to_string());
    cand(end, TimexType::Time, format!("{date}T{h:02}:{mi:02}"), "clock")
}

/// "the eve of <date>", "the day before <date>", "the day after <date>":
/// only when the date is written out (an anniversary of an unknown event is
/// skipped).
fn anchored(c: &Ctx, i: usize) -> Option<Cand> {
    let mut j = i;
    if c.is(j, "the") {
        j += 1;
    }
    let shift = if c.is(j, "eve") && c.is(j + 1, "of") {
        j += 2;
        -1
    } else if c.is(j, "day") && c.is_any(j + 1, &["before", "after"]) {
        let s = if c.is(j + 1, "before") { -1 } else { 1 };
        j += 2;
        s
    } else {
        return None;
    };
    let inner = best_inner(c, j)?;
    if inner.value.len() != 10 || inner.value.starts_with('X') {
        return None;
    }
    let y: i32 = inner.value[0..4].parse().ok()?;
    let m: u8 = inner.value[5..7].parse().ok()?;
    let d: u8 = inner.value[8..10].parse().ok()?;
    let v = fmt_date(add_days(ymd(y, m, d)?, shift)?);
    cand(inner.end, TimexType::Date, v, "anchored")
}

/// Prefix modifiers kept in the span: "early", "late", "mid-", "the end
/// of", "the middle of", "the beginning of".
fn skip_mod(c: &Ctx, i: usize) -> usize {
    let mut j = i;
    if c.is(j, "the") && c.is_any(j + 1, &["end", "beginning", "start", "middle", "turn", "close"]) && c.is(j + 2, "of") {
        j += 3;
        if c.is(j, "the") {
            j += 1;
        }
        return j;
    }
    if c.is(j, "the") && c.is_any(j + 1, &["early", "late", "mid"]) {
        j += 1;
    }
    if c.is_any(j, &["early", "late", "mid", "middle"]) {
        j += 1;
        if c.is(j, "-") {
            j += 1;
        }
        return j;
    }
    i
}

/// "the end of the month", "the beginning of the year": the anchor's period
/// (after a position modifier, see `skip_mod`).
fn bare_period(c: &Ctx, i: usize) -> Option<Cand> {
    if !(i >= 3 && c.is(i - 1, "the") && c.is(i - 2, "of") && c.is_any(i - 3, &["end", "beginning", "start", "middle", "turn", "close"])) {
        return None;
    }
    match c.unit(i)? {
        (u @ (Unit::Week | Unit::Month | Unit::Year | Unit::Quarter | Unit::Decade | Unit::Century), false) => {
            let v = if u == Unit::Week { week_value(c, 0, i, i + 1)? } else { rel_value(c.anchor, u, 0)? };
            cand(i + 1, TimexType::Date, v, "rel_period")
        }
        _ => None,
    }
}

/// Anaphoric expressions resolved against the last date of the text (the
/// reference time): "that day", "the next day", "the following year",
/// "later that month", "the day before". Skipped without a reference of
/// the needed precision.
fn reference(c: &Ctx, i: usize) -> Option<Cand> {
    let (_, ry, rm, rd) = c.st.last_ref?;
    let mut j = i;
    if c.is_any(j, &["earlier", "later"]) {
        j += 1;
    }
    let shift: i32;
    let unit_at: usize;
    if c.is(j, "that") && c.is(j + 1, "same") {
        shift = 0;
        unit_at = j + 2;
    } else if c.is(j, "that") || (c.is(j, "the") && c.is(j + 1, "same")) {
        shift = 0;
        unit_at = if c.is(j, "that") { j + 1 } else { j + 2 };
    } else if c.is(j, "the") && c.is_any(j + 1, &["next", "following", "previous", "preceding"]) && j == i {
        shift = if c.is_any(j + 1, &["next", "following"]) { 1 } else { -1 };
        unit_at = j + 2;
    } else if c.is(j, "the") && j == i && c.unit(j + 1).is_some() && c.is_any(j + 2, &["before", "after"]) && c.kind(j + 3) != Some(K::Word) && c.kind(j + 3) != Some(K::Num) {
        // "the day before," (but "the day after the vote" hangs on an event)
        shift = if c.is(j + 2, "after") { 1 } else { -1 };
        unit_at = j + 1;
    } else {
        return None;
    }
    let (u, part) = match c.unit(unit_at) {
        Some((u, false)) => (u, None),
        Some(_) => return None,
        None => (Unit::Day, Some(c.part(unit_at).filter(|p| p.len() == 2)?)),
    };
    let mut end = unit_at + 1;
    if shift != 0 && c.is_any(end, &["before", "after"]) {
        end += 1;
    }
    let value = match u {
        Unit::Day => {
            let d = ymd(ry, rm?, rd?)?;
            let v = fmt_date(add_days(d, shift as i64)?);
            match part {
                Some(p) => format!("{v}T{p}"),
                None => v,
            }
        }
        Unit::Week => {
            let d = ymd(ry, rm?, rd?)?;
            fmt_week(add_days(d, 7 * shift as i64)?)
        }
        Unit::Month => {
            let (y, m) = month_add(ry, rm?, shift);
            format!("{y:04}-{m:02}")
        }
        Unit::Year => format!("{:04}", ry + shift),
        _ => return None,
    };
    let kind = if part.is_some() { TimexType::Time } else { TimexType::Date };
    cand(end, kind, value, "reference")
}

type Family = fn(&Ctx, usize) -> Option<Cand>;

const FAMILIES: &[Family] = &[
    reference, bare_period, phrase, numeric, month_date, day_month, weekday_fam, clock, quarter, decade, year_fam, season,
    rel_unit, ago, duration, set,
];

fn best_inner(c: &Ctx, i: usize) -> Option<Cand> {
    let mut best: Option<Cand> = None;
    for f in FAMILIES {
        if let Some(x) = f(c, i) {
            if best.as_ref().is_none_or(|b| x.end > b.end) {
                best = Some(x);
            }
        }
    }
    best
}

/// The longest reading starting at token `i`, modifiers included.
pub fn best_at(c: &Ctx, i: usize) -> Option<Cand> {
    let mut best = best_inner(c, i);
    if let Some(x) = anchored(c, i) {
        if best.as_ref().is_none_or(|b| x.end > b.end) {
            best = Some(x);
        }
    }
    let j = skip_mod(c, i);
    if j > i {
        if let Some(x) = best_inner(c, j) {
            // only dates carry a position modifier
            if x.kind == TimexType::Date && best.as_ref().is_none_or(|b| x.end > b.end) {
                best = Some(x);
            }
        }
    }
    best
}
