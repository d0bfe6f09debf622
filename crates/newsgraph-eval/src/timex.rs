//! TIMEX3 values as day intervals, and when a system value counts as right
//! (score_spans.py's `expand`, `value_ok`, `has_value`).
//!
//! Dates are proleptic Gregorian day ordinals (1 = 0001-01-01), as Python's
//! `datetime.date.toordinal`; a value naming a date that Python's `datetime`
//! rejects (month 13, year 0, ISO week 53 of a 52-week year...) has no interval.
//! Digits are re's `\d`: the decimal digits of any script, as `int()` reads them.

use serde_json::Value;

use crate::pychar::{digit_value, py_str, strip, truthy};

/// (first day, last day), day ordinals.
pub type Interval = (i64, i64);

/// (first month, first day, last month, last day)
type Season = (u32, u32, u32, u32);

const SEASONS: [(&str, Season); 4] = [
    ("SP", (3, 1, 5, 31)),
    ("SU", (6, 1, 8, 31)),
    ("FA", (9, 1, 11, 30)),
    ("AU", (9, 1, 11, 30)),
];

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn ordinal_unchecked(y: i64, m: i64, d: i64) -> i64 {
    let py = y - 1;
    let mut days = py * 365 + py / 4 - py / 100 + py / 400;
    for mm in 1..m {
        days += days_in_month(y, mm);
    }
    days + d
}

/// `datetime.date(y, m, d).toordinal()`, or None where Python raises ValueError.
fn date(y: i64, m: i64, d: i64) -> Option<i64> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(ordinal_unchecked(y, m, d))
}

fn month_end(y: i64, m: i64) -> Option<i64> {
    if m == 12 {
        return date(y, 12, 31);
    }
    date(y, m + 1, 1).map(|d| d - 1)
}

const MAX_ORDINAL: i64 = 3_652_059; // 9999-12-31

/// `datetime.date.fromisocalendar(y, w, d).toordinal()`.
fn from_iso(y: i64, w: i64, d: i64) -> Option<i64> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    let first_day = ordinal_unchecked(y, 1, 1);
    if !(1..53).contains(&w) {
        let first_weekday = first_day % 7;
        if !(w == 53 && (first_weekday == 4 || (first_weekday == 3 && is_leap(y)))) {
            return None;
        }
    }
    if !(1..8).contains(&d) {
        return None;
    }
    let wd = (first_day + 6) % 7;
    let mut monday = first_day - wd;
    if wd > 3 {
        monday += 7;
    }
    let o = monday + (w - 1) * 7 + d - 1;
    (1..=MAX_ORDINAL).contains(&o).then_some(o)
}

/// `n` decimal digits (re's `\d`, any script) at the start of `s`: their value and the rest.
fn digits(s: &str, n: usize) -> Option<(i64, &str)> {
    let mut value = 0i64;
    let mut chars = s.char_indices();
    for _ in 0..n {
        let (_, c) = chars.next()?;
        value = value * 10 + digit_value(c)? as i64;
    }
    let rest = chars.next().map_or(s.len(), |(b, _)| b);
    Some((value, &s[rest..]))
}

/// The leading run of decimal digits of `s`: how many, their value, and the rest.
fn digit_run(s: &str) -> (usize, i64, &str) {
    let (mut count, mut value, mut rest) = (0usize, 0i64, s.len());
    for (b, c) in s.char_indices() {
        match digit_value(c) {
            Some(d) if count < 18 => {
                count += 1;
                value = value * 10 + d as i64;
            }
            Some(_) => count += 1,
            None => {
                rest = b;
                break;
            }
        }
    }
    (count, value, &s[rest..])
}

/// `expand(value)` for a value given as text.
pub fn expand_str(value: &str) -> Option<Interval> {
    let v = strip(value).to_uppercase();
    if let Some((a, b)) = v.split_once('/') {
        let (ea, eb) = (expand_str(a)?, expand_str(b)?);
        return (ea.0 <= eb.1).then_some((ea.0, eb.1));
    }
    let v = v.as_str();
    // each pattern is a fullmatch; one that matches but names no valid date gives None
    if let Some((y, r)) = digits(v, 4) {
        if r.is_empty() {
            return Some((date(y, 1, 1)?, date(y, 12, 31)?));
        }
        if let Some(r) = r.strip_prefix('-') {
            // (\d{4})-(\d{2})-(\d{2})(T.*)?   ('.' does not match a line break)
            if let Some((mo, r2)) = digits(r, 2) {
                if r2.is_empty() {
                    date(y, mo, 1)?;
                    return Some((date(y, mo, 1)?, month_end(y, mo)?));
                }
                if let Some(r3) = r2.strip_prefix('-') {
                    if let Some((d, rest)) = digits(r3, 2) {
                        if rest.is_empty() || (rest.starts_with('T') && !rest.contains('\n')) {
                            let o = date(y, mo, d)?;
                            return Some((o, o));
                        }
                    }
                }
                return None;
            }
            // (\d{4})-W(\d{1,2})(-WE)?
            if let Some(r2) = r.strip_prefix('W') {
                let (nd, w, tail) = digit_run(r2);
                if nd == 1 || nd == 2 {
                    match tail {
                        "" => return Some((from_iso(y, w, 1)?, from_iso(y, w, 7)?)),
                        "-WE" => return Some((from_iso(y, w, 6)?, from_iso(y, w, 7)?)),
                        _ => return None,
                    }
                }
                // not a week: "WI" (winter) is tried below
            }
            match r {
                "Q1" | "Q2" | "Q3" | "Q4" => {
                    let q = (r.as_bytes()[1] - b'0') as i64;
                    return Some((date(y, 3 * q - 2, 1)?, month_end(y, 3 * q)?));
                }
                "H1" => return Some((date(y, 1, 1)?, date(y, 6, 30)?)),
                "H2" => return Some((date(y, 7, 1)?, date(y, 12, 31)?)),
                "WI" => return Some((date(y, 12, 1)?, month_end(y + 1, 2)?)),
                _ => {}
            }
            if let Some((_, (a, b, c, d))) = SEASONS.iter().find(|(k, _)| *k == r) {
                return Some((
                    date(y, *a as i64, *b as i64)?,
                    date(y, *c as i64, *d as i64)?,
                ));
            }
        }
        return None;
    }
    // (\d{3})X?  a decade
    if let Some((n, r)) = digits(v, 3) {
        if r.is_empty() || r == "X" {
            let y = n * 10;
            return Some((date(y.max(1), 1, 1)?, date(y + 9, 12, 31)?));
        }
        return None;
    }
    // (\d{2})X{0,2}  a century
    if let Some((n, r)) = digits(v, 2) {
        if r.is_empty() || r == "X" || r == "XX" {
            let y = n * 100;
            return Some((date(y.max(1), 1, 1)?, date(y + 99, 12, 31)?));
        }
    }
    None
}

/// `expand(value)` of a JSON value (None for null).
pub fn expand(value: Option<&Value>) -> Option<Interval> {
    match value? {
        Value::Null => None,
        v => expand_str(&py_str(v)),
    }
}

/// `norm_value(v)`: `str(v).strip().upper()`, None for null.
pub fn norm_value(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        v => Some(strip(&py_str(v)).to_uppercase()),
    }
}

/// Is the system value `v` (already through `norm_value`) right for this gold time?
pub fn value_ok(gold: &Value, v: Option<&str>, interval_semantics: bool) -> bool {
    let v = match v {
        Some(v) if !v.is_empty() => v,
        _ => return false,
    };
    let gv = norm_value(gold.get("value"));
    let gv = gv.as_deref().filter(|g| !g.is_empty());
    if gv == Some(v) {
        return true;
    }
    if !interval_semantics {
        return false;
    }
    let rng = gold.get("range").filter(|r| truthy(Some(r)));
    let rng_item = |k: usize| rng.and_then(|r| r.get(k));
    if rng.is_some() {
        let part = |k: usize| norm_value(rng_item(k)).unwrap_or_else(|| "None".into());
        if v == format!("{}/{}", part(0), part(1)) {
            return true;
        }
    }
    let p = match expand_str(v) {
        Some(p) => p,
        None => return false,
    };
    if let Some(gv) = gv {
        if expand_str(gv) == Some(p) {
            return true;
        }
    }
    if rng.is_some() {
        if let (Some(a), Some(b)) = (expand(rng_item(0)), expand(rng_item(1))) {
            let (g0, g1) = (a.0, b.1);
            let inter = p.1.min(g1) - p.0.max(g0) + 1;
            let union = p.1.max(g1) - p.0.min(g0) + 1;
            let glen = g1 - g0 + 1;
            let plen = p.1 - p.0 + 1;
            if inter > 0
                && (inter as f64 / union as f64 >= 0.75
                    || (p.0 <= g0 && p.1 >= g1 && plen <= 2 * glen))
            {
                return true;
            }
        }
    }
    if let Some(bounds) = gold.get("bounds").filter(|b| truthy(Some(b))) {
        let nb = expand(bounds.get("notBefore"));
        let na = expand(bounds.get("notAfter"));
        if (nb.is_some() || na.is_some())
            && nb.is_none_or(|nb| p.0 >= nb.0)
            && na.is_none_or(|na| p.1 <= na.1)
        {
            return true;
        }
    }
    false
}

/// `has_value(g)`: the gold time has a value, a range or bounds.
pub fn has_value(g: &Value) -> bool {
    truthy(g.get("value")) || truthy(g.get("range")) || truthy(g.get("bounds"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn days(v: &str) -> Option<(i64, i64)> {
        expand_str(v)
    }

    fn ord(y: i64, m: i64, d: i64) -> i64 {
        date(y, m, d).unwrap()
    }

    #[test]
    fn ordinals_match_python() {
        // datetime.date(2025, 2, 23).toordinal() == 739305; date(1, 1, 1) == 1
        assert_eq!(ord(2025, 2, 23), 739305);
        assert_eq!(ord(1, 1, 1), 1);
        assert_eq!(ord(9999, 12, 31), MAX_ORDINAL);
    }

    #[test]
    fn expand_forms() {
        assert_eq!(days("2025"), Some((ord(2025, 1, 1), ord(2025, 12, 31))));
        assert_eq!(days(" 2024-02 "), Some((ord(2024, 2, 1), ord(2024, 2, 29))));
        assert_eq!(
            days("2025-02-23t10:00"),
            Some((ord(2025, 2, 23), ord(2025, 2, 23)))
        );
        // date.fromisocalendar(2025, 9, 1) == date(2025, 2, 24)
        assert_eq!(days("2025-W09"), Some((ord(2025, 2, 24), ord(2025, 3, 2))));
        assert_eq!(days("2025-W9-WE"), Some((ord(2025, 3, 1), ord(2025, 3, 2))));
        assert_eq!(days("2025-W53"), None);
        assert_eq!(days("2020-W53"), Some((ord(2020, 12, 28), ord(2021, 1, 3))));
        assert_eq!(days("2025-Q1"), Some((ord(2025, 1, 1), ord(2025, 3, 31))));
        assert_eq!(days("2025-H2"), Some((ord(2025, 7, 1), ord(2025, 12, 31))));
        assert_eq!(days("2025-SU"), Some((ord(2025, 6, 1), ord(2025, 8, 31))));
        assert_eq!(days("2023-WI"), Some((ord(2023, 12, 1), ord(2024, 2, 29))));
        assert_eq!(days("202"), Some((ord(2020, 1, 1), ord(2029, 12, 31))));
        assert_eq!(days("202X"), Some((ord(2020, 1, 1), ord(2029, 12, 31))));
        assert_eq!(days("20XX"), Some((ord(2000, 1, 1), ord(2099, 12, 31))));
        assert_eq!(days("000"), Some((ord(1, 1, 1), ord(9, 12, 31))));
        assert_eq!(
            days("2025-01/2025-03"),
            Some((ord(2025, 1, 1), ord(2025, 3, 31)))
        );
        assert_eq!(days("2025-03/2025-01-01"), None);
        assert_eq!(days("٢٠٢٥"), days("2025"));
        for bad in [
            "XXXX-07",
            "2025-13",
            "0000",
            "2025-02-30",
            "PRESENT_REF",
            "P3Y",
            "2025-Q5",
            "2XXX",
            "",
        ] {
            assert_eq!(days(bad), None, "{bad}");
        }
    }

    #[test]
    fn values() {
        let g = json!({"value": "2025-02-23"});
        assert!(value_ok(&g, Some("2025-02-23"), false));
        assert!(!value_ok(&g, Some("2025-02"), false));
        assert!(!value_ok(&g, Some("2025-02-23T10:00"), false));
        assert!(value_ok(&g, Some("2025-02-23T10:00"), true));
        let r = json!({"value": null, "range": ["2025-02-01", "2025-02-28"]});
        assert!(value_ok(&r, Some("2025-02-01/2025-02-28"), true));
        assert!(value_ok(&r, Some("2025-02"), true)); // equal interval: Jaccard 1
                                                      // contains the range, but 90 days > 2 * 28 and Jaccard 28/90 < 0.75
        assert!(!value_ok(&r, Some("2025-Q1"), true));
        // 2025-02-03..2025-02-28 against 02-01..02-28: Jaccard 26/28
        assert!(value_ok(&r, Some("2025-02-03/2025-02-28"), true));
        assert!(!value_ok(&r, Some("2025"), true));
        assert!(!value_ok(&r, Some("2025-02-10"), true));
        let b = json!({"bounds": {"notBefore": "2025-01", "notAfter": null}});
        assert!(value_ok(&b, Some("2025-03-03"), true));
        assert!(!value_ok(&b, Some("2024-12"), true));
        assert!(has_value(&b) && !has_value(&json!({"value": ""})));
    }
}
