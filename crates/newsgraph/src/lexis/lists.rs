//! Word lists and tables from `crates/newsgraph/data/`, read one way: a
//! line that is blank, or whose first non-blank character is `#`, is a
//! comment; every other line is an entry.

use super::hash::{seq_hash, word_hash};
use crate::doc::Token;

/// The entry lines of a table, as written (tab-separated columns keep
/// their empty cells).
pub fn rows(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().filter(|l| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// The entries of a word list, without surrounding white space.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    rows(data).map(str::trim)
}

/// The key of a phrase as the stages look phrases up: the sequence hash of
/// its tokens' folded word hashes (so "Russia’s invasion" matches the
/// tokens of "Russia's invasion"), and its number of tokens; `None` when
/// it has no tokens. `toks` is scratch space.
pub fn phrase_key(phrase: &str, toks: &mut Vec<Token>) -> Option<(u64, usize)> {
    toks.clear();
    super::tokenize(phrase, 0, phrase.len(), toks);
    (!toks.is_empty()).then(|| (seq_hash(toks.iter().map(|t| word_hash(&phrase[t.span.range()]))), toks.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped_the_same_way_everywhere() {
        let data = "# a comment\nfirst\n\n  # an indented comment\n  second  \nthird\tcol\t\n";
        assert_eq!(entries(data).collect::<Vec<_>>(), ["first", "second", "third\tcol"]);
        assert_eq!(rows(data).collect::<Vec<_>>(), ["first", "  second  ", "third\tcol\t"]);
    }

    #[test]
    fn a_phrase_key_matches_the_tokens_of_the_same_words() {
        let mut toks = Vec::new();
        let (a, n) = phrase_key("Russia's invasion", &mut toks).unwrap();
        let (b, _) = phrase_key("RUSSIA’S  Invasion", &mut toks).unwrap();
        assert_eq!((a, n), (b, 3));
        assert_eq!(phrase_key("  ", &mut toks), None);
    }
}
