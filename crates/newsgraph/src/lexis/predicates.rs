//! Token predicates that several stages ask, written once.

use crate::doc::{Doc, TokenKind};

/// A word that starts with a capital letter ("Kyiv", "NATO", "É").
pub fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word with a lower-case letter in it: not an acronym, not a number.
pub fn has_lower(w: &str) -> bool {
    w.chars().any(char::is_lowercase)
}

/// Token `i` is the possessive clitic "'s" or "’s".
pub fn is_possessive(doc: &Doc, i: usize) -> bool {
    doc.tokens[i].kind == TokenKind::Clitic && matches!(doc.tok(i), "'s" | "’s")
}

/// As [`is_possessive`], and "'S" in text written in capitals ("KREMLIN'S
/// SPOKESMAN SAID").
pub fn is_possessive_any_case(doc: &Doc, i: usize) -> bool {
    doc.tokens[i].kind == TokenKind::Clitic && matches!(doc.tok(i), "'s" | "’s" | "'S" | "’S")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocInput;

    #[test]
    fn capitals_and_possessives() {
        assert!(capitalised("Kyiv") && capitalised("Échirolles") && !capitalised("kyiv") && !capitalised("") && !capitalised("3M"));
        assert!(has_lower("Kyiv") && !has_lower("NATO"));
        let mut d = Doc::new(DocInput::from_text("t", "Ukraine’s army and the leaders' plans"));
        let mut toks = Vec::new();
        crate::lexis::tokenize(&d.text, 0, d.text.len(), &mut toks);
        d.tokens = toks;
        let toks: Vec<bool> = (0..d.tokens.len()).map(|i| is_possessive(&d, i)).collect();
        assert_eq!(toks.iter().filter(|x| **x).count(), 1);
        assert!(is_possessive(&d, 1));
    }
}
