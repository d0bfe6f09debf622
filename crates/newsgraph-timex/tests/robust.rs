//! Any text: no panic, spans on character boundaries, sorted and disjoint.

use newsgraph_timex::{find_dateline, tag};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "on", "Sunday", "last", "week", "March", "6", "2025", "—", "’s", "the", "past", "three", "years",
    "ago", "a.m.", "5", ":", "30", "Q3", "1990s", "'", "every", "Monday", "é", "日本", "next", "year",
    "-", "/", "06", "12", ",", ".", "\n", "mid", "early", "of", "day", "before", "that", "now", "May",
    "twenty", "-", "five", "minutes", "Christmas", "eve", "the", "1,990", "$", "in",
];

proptest! {
    #[test]
    fn spans_are_sound(idx in proptest::collection::vec(0..WORDS.len(), 0..40), sep in proptest::collection::vec(0..3usize, 0..40)) {
        let mut text = String::new();
        for (k, i) in idx.iter().enumerate() {
            text.push_str(WORDS[*i]);
            text.push_str(match sep.get(k) { Some(0) => "", Some(1) => "\u{a0}", _ => " " });
        }
        let anchor = Some("2025-02-23".parse().unwrap());
        for a in [anchor, None] {
            let t = tag(&text, a);
            let mut last = 0;
            for x in &t {
                prop_assert!(x.start < x.end && x.end <= text.len());
                prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
                prop_assert!(x.start >= last);
                prop_assert!(!x.value.is_empty());
                last = x.end;
            }
        }
        let _ = find_dateline(&text);
    }
}
