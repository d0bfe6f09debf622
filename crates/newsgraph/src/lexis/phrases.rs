//! Phrases of the word lists as the stages look them up in the text.

use super::hash::{seq_hash, word_hash};
use crate::doc::Token;

/// The key of a phrase as the stages look phrases up: the sequence hash of
/// its tokens' folded word hashes (so "Russia’s invasion" matches the
/// tokens of "Russia's invasion"), and its number of tokens; `None` when
/// it has no tokens. `toks` is scratch space.
pub fn phrase_key(phrase: &str, toks: &mut Vec<Token>) -> Option<(u64, usize)> {
    toks.clear();
    super::tokenizer::tokenize(phrase, 0, phrase.len(), toks);
    (!toks.is_empty()).then(|| (seq_hash(toks.iter().map(|t| word_hash(&phrase[t.span.range()]))), toks.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_key_matches_the_tokens_of_the_same_words() {
        let mut toks = Vec::new();
        let (a, n) = phrase_key("Russia's invasion", &mut toks).unwrap();
        let (b, _) = phrase_key("RUSSIA’S  Invasion", &mut toks).unwrap();
        assert_eq!((a, n), (b, 3));
        assert_eq!(phrase_key("  ", &mut toks), None);
    }
}
