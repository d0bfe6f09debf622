//! Keys the store files things under: folded names, content hashes, dates
//! as days, and the full-text rows' ids (which sort newest first).

use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// A name folded for matching across articles: ASCII letters (accents
/// transliterated: "António" is "antonio"), lower case, apostrophes and
/// dots dropped, one space between words. "Volodymyr  Zelensky’s" and
/// "volodymyr zelensky's" are one key.
pub fn name_key(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    for w in ascii.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '.' || c == '-')) {
        let w: String = w.chars().filter(|c| *c != '\'' && *c != '.').flat_map(|c| c.to_lowercase()).collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// The last word of a folded name (a person's surname).
pub fn surname_key(key: &str) -> Option<&str> {
    key.rsplit(' ').next().filter(|w| !w.is_empty())
}

/// The hex SHA-256 of a text (its first 16 bytes): what identifies an
/// article that has no canonical URL.
pub fn content_hash(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    d[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The calendar date of a record's `published` ("2025-02-23" or an RFC 3339
/// timestamp, whose date is the writer's local one: its first ten
/// characters).
pub fn published_date(published: Option<&str>) -> Option<String> {
    let p = published?;
    let d = p.get(..10)?;
    d.parse::<Date>().ok().map(|d| d.to_string())
}

/// Days since 1 January 1900 (0 for no date, or before): the high part of a
/// full-text row id, so that rows come newest first.
pub fn day_key(date: Option<&str>) -> i64 {
    let Some(d) = date.and_then(|d| d.parse::<Date>().ok()) else { return 0 };
    let epoch = jiff::civil::date(1900, 1, 1);
    (d - epoch).get_days().max(0) as i64
}

/// The id of a full-text row: the day in the high bits, the item's own id in
/// the low 32, so that `ORDER BY rowid DESC` is newest first.
pub fn fts_rowid(date: Option<&str>, id: i64) -> i64 {
    (day_key(date) << 32) | (id & 0xffff_ffff)
}

/// A date as a filter takes it: "2025-02-23", "2025-02" (its first or last
/// day) or "2025" (likewise).
pub fn parse_filter_date(s: &str, end: bool) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let year: i16 = parts.first()?.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    match parts.len() {
        1 if parts[0].len() == 4 => Some(if end { jiff::civil::date(year, 12, 31) } else { jiff::civil::date(year, 1, 1) }),
        2 if parts[1].len() == 2 => {
            let month: i8 = parts[1].parse().ok().filter(|m| (1..=12).contains(m))?;
            let first = Date::new(year, month, 1).ok()?;
            Some(if end { first.last_of_month() } else { first })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_across_spellings_and_punctuation() {
        assert_eq!(name_key("António  Costa"), "antonio costa");
        assert_eq!(name_key("Zelensky’s"), "zelenskys");
        assert_eq!(name_key("U.S. State Department"), "us state department");
        assert_eq!(surname_key("vladimir putin"), Some("putin"));
        assert_eq!(name_key("Jean-Claude Juncker"), "jean-claude juncker");
    }

    #[test]
    fn dates_and_row_ids_sort_newest_first() {
        assert_eq!(published_date(Some("2025-02-23T22:30:00-05:00")).as_deref(), Some("2025-02-23"));
        assert_eq!(published_date(Some("someday")), None);
        assert!(fts_rowid(Some("2025-02-23"), 7) > fts_rowid(Some("2025-02-22"), 9_999_999));
        assert!(fts_rowid(None, 5) < fts_rowid(Some("1901-01-01"), 1));
        assert_eq!(fts_rowid(Some("2025-02-23"), 7) & 0xffff_ffff, 7);
    }

    #[test]
    fn filter_dates_read_days_months_and_years() {
        assert_eq!(parse_filter_date("2025-02-23", false), Some(jiff::civil::date(2025, 2, 23)));
        assert_eq!(parse_filter_date("2024-02", true), Some(jiff::civil::date(2024, 2, 29)));
        assert_eq!(parse_filter_date("2025", false), Some(jiff::civil::date(2025, 1, 1)));
        for bad in ["", "yesterday", "2025-13", "25", "2025-02-30", "2025/02/23"] {
            assert_eq!(parse_filter_date(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn a_content_hash_is_stable() {
        assert_eq!(content_hash("abc"), "ba7816bf8f01cfea414140de5dae2223");
    }
}
