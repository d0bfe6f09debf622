//! Sentence boundaries over the tokens of one block.
//!
//! News prose breaks the textbook rule "a period ends a sentence" in known
//! ways, each handled here: abbreviations and initials ("Mr. Putin",
//! "the U.S. president", "J. K. Rowling"), quotations that carry the
//! sentence past their own terminal ("“Why?” he asked."), ellipses inside a
//! quotation ("I am prepared… I can exchange it"), and a terminal inside a
//! quotation that ends the sentence only when the closing mark does.

use crate::doc::{Token, TokenKind};
use crate::lexis::words::{AbbrevClass, LEXICON};
use crate::lexis::capitalised;

/// Splits `tokens` (one block's) into sentences; returns the index ranges.
pub fn split(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let mut start = 0;
    // Whether a double quotation is open, so that an ellipsis or a
    // terminal inside it does not end the reporter's sentence too early.
    let mut in_quote = false;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        let s = &text[t.span.range()];
        if t.kind == TokenKind::Quote {
            in_quote = match s {
                "“" | "«" | "„" | "``" => true,
                "”" | "»" | "''" => false,
                "\"" => !in_quote,
                _ => in_quote,
            };
            i += 1;
            continue;
        }
        let candidate = match t.kind {
            TokenKind::Terminal => true,
            TokenKind::Ellipsis => !in_quote,
            TokenKind::Abbrev => {
                matches!(lex.abbrev_token(s), AbbrevClass::Final | AbbrevClass::Inner)
            }
            _ => false,
        };
        if !candidate {
            i += 1;
            continue;
        }
        // Closing quotation marks and brackets right after the terminal
        // belong to this sentence.
        let mut j = i + 1;
        let mut closed_quote = false;
        while j < n && is_closer(text, tokens[j]) {
            if tokens[j].kind == TokenKind::Quote {
                closed_quote = true;
            }
            j += 1;
        }
        if j >= n {
            break; // the block's end closes the sentence anyway
        }
        let next = &text[tokens[j].span.range()];
        let next_kind = tokens[j].kind;
        let breaks = match t.kind {
            TokenKind::Abbrev => {
                // "the U.S. The report": only before a word that usually
                // starts a sentence; a name after "Inc." or "U.S." does not.
                lex.is_sentence_starter(next) || (next_kind == TokenKind::Quote && is_opener(next))
            }
            TokenKind::Terminal if in_quote && !closed_quote => {
                // A terminal inside an open quotation ends the sentence only
                // when the next word starts one within the quote.
                starts_sentence(next, next_kind)
            }
            _ => starts_sentence(next, next_kind) || (next_kind == TokenKind::Quote && is_opener(next)),
        };
        if closed_quote {
            in_quote = false;
        }
        if breaks {
            out.push(start..j);
            start = j;
        }
        i = j;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

fn starts_sentence(word: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Word | TokenKind::Abbrev | TokenKind::Alnum => capitalised(word),
        TokenKind::Number => true,
        TokenKind::Punct => matches!(word, "(" | "[" | "$" | "£" | "€"),
        _ => false,
    }
}

fn is_opener(q: &str) -> bool {
    matches!(q, "“" | "‘" | "«" | "„" | "\"" | "'" | "``")
}

fn is_closer(text: &str, t: Token) -> bool {
    let s = &text[t.span.range()];
    match t.kind {
        TokenKind::Quote => matches!(s, "”" | "’" | "»" | "\"" | "'" | "''"),
        TokenKind::Punct => matches!(s, ")" | "]"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        let mut toks = Vec::new();
        crate::lexis::tokenize(s, 0, s.len(), &mut toks);
        split(s, &toks)
            .into_iter()
            .map(|r| &s[toks[r.start].span.start as usize..toks[r.end - 1].span.end as usize])
            .collect()
    }

    #[test]
    fn plain_periods_split() {
        assert_eq!(sentences("The talks ended. Both sides left."), ["The talks ended.", "Both sides left."]);
    }

    #[test]
    fn abbreviations_and_titles_do_not_split() {
        assert_eq!(sentences("Mr. Putin met Gen. Milley in the U.S. capital on Monday."), ["Mr. Putin met Gen. Milley in the U.S. capital on Monday."]);
        assert_eq!(sentences("He lives at No. 10 Downing Street. It is old."), ["He lives at No. 10 Downing Street.", "It is old."]);
    }

    #[test]
    fn an_abbreviation_ends_a_sentence_before_a_sentence_starter() {
        assert_eq!(sentences("He moved to the U.S. The move was quick."), ["He moved to the U.S.", "The move was quick."]);
        assert_eq!(sentences("Shares of Acme Inc. Meanwhile fell."), ["Shares of Acme Inc.", "Meanwhile fell."]);
        assert_eq!(sentences("The U.S. Senate voted."), ["The U.S. Senate voted."]);
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(sentences("J. K. Rowling and George W. Bush spoke."), ["J. K. Rowling and George W. Bush spoke."]);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(sentences("Growth was 3.5 percent. Prices rose."), ["Growth was 3.5 percent.", "Prices rose."]);
    }

    #[test]
    fn quotes_carry_the_sentence_past_their_terminal() {
        assert_eq!(sentences("“Why?” he asked. “Because.”"), ["“Why?” he asked.", "“Because.”"]);
        assert_eq!(
            sentences("“Fate willed it so,” he told them. “A mission has been placed on us.” Then he left."),
            ["“Fate willed it so,” he told them.", "“A mission has been placed on us.”", "Then he left."]
        );
    }

    #[test]
    fn a_quote_of_several_sentences_splits_inside() {
        assert_eq!(
            sentences("“Zelensky makes remarks. He does so repeatedly,” Peskov said."),
            ["“Zelensky makes remarks.", "He does so repeatedly,” Peskov said."]
        );
    }

    #[test]
    fn ellipses_inside_quotes_do_not_split() {
        assert_eq!(
            sentences("“If you need me to leave, I am prepared… I can exchange it,” he said."),
            ["“If you need me to leave, I am prepared… I can exchange it,” he said."]
        );
        // outside a quotation an ellipsis before a capital ends the sentence
        assert_eq!(sentences("They waited… Nobody came."), ["They waited…", "Nobody came."]);
    }

    #[test]
    fn em_dashes_do_not_split() {
        assert_eq!(sentences("He spoke on Sunday—the eve of the anniversary. Then"), ["He spoke on Sunday—the eve of the anniversary.", "Then"]);
    }

    #[test]
    fn lowercase_after_a_terminal_continues() {
        assert_eq!(sentences("The company, e.g. Acme, said so. it went on"), ["The company, e.g. Acme, said so. it went on"]);
    }
}
