//! The tokenizer: news text into [`Token`]s, in one pass over the bytes and
//! without allocating per token.
//!
//! Written by hand rather than taken from `unicode-segmentation`: UAX #29
//! words know nothing of "U.S.", "Mr.", "1,200", "’s" clitics or quotation
//! marks as their own tokens, which every later stage needs, and a single
//! hand-written pass is several times faster than re-splitting UAX words.
//!
//! Conventions (close to the Penn Treebank's, which the NER training data
//! follows): possessive and contraction clitics are split ("Ukraine" "’s",
//! "do" "n't"); hyphenated words stay whole ("Trump-Putin", "long-term");
//! dotted abbreviations and known abbreviations keep their period ("U.S.",
//! "Mr."); numbers keep their separators ("1,200", "3.5", "10:30",
//! "2025-02-23"); every quotation mark is a token of its own.

use super::words::{AbbrevClass, Lexicon, LEXICON};
use crate::doc::{Span, Token, TokenKind};

/// Appends the tokens of `text[start..end]` to `out`; offsets are into
/// `text`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    tokenize_with(text, start, end, &LEXICON, out);
}

fn tokenize_with(text: &str, start: usize, end: usize, lex: &Lexicon, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let mut i = start;
    while i < end {
        let c = char_at(text, i);
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if is_word_char(c) {
            i = word(text, i, end, lex, out);
            continue;
        }
        let (kind, len) = match c {
            '.' => {
                if b.get(i + 1) == Some(&b'.') && b.get(i + 2) == Some(&b'.') {
                    (TokenKind::Ellipsis, 3)
                } else {
                    (TokenKind::Terminal, 1)
                }
            }
            '…' => (TokenKind::Ellipsis, clen),
            '!' | '?' => {
                // "?!" and "!!!" are one terminal.
                let mut j = i + 1;
                while j < end && matches!(b[j], b'!' | b'?') {
                    j += 1;
                }
                (TokenKind::Terminal, j - i)
            }
            '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‟' | '‹' | '›' | '`' => {
                // `` and '' (TeX-style quotes in some wire copy) are one mark.
                if (c == '`' || c == '\'') && b.get(i + 1) == Some(&(c as u8)) {
                    (TokenKind::Quote, 2)
                } else {
                    (TokenKind::Quote, clen)
                }
            }
            '—' | '–' | '―' => (TokenKind::Dash, clen),
            '-' => {
                if b.get(i + 1) == Some(&b'-') {
                    (TokenKind::Dash, 2)
                } else {
                    (TokenKind::Dash, 1)
                }
            }
            '@' | '#' if i + 1 < end && is_word_char(char_at(text, i + 1)) => {
                let mut j = i + 1;
                while j < end {
                    let d = char_at(text, j);
                    if !(is_word_char(d) || d == '_') {
                        break;
                    }
                    j += d.len_utf8();
                }
                (TokenKind::Link, j - i)
            }
            _ => (TokenKind::Punct, clen),
        };
        out.push(Token { span: Span::new(i, i + len), kind });
        i += len;
    }
}

#[inline]
pub fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or('\u{FFFD}')
    }
}

/// Letters, digits and combining marks (for decomposed accents).
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Scans a word-like token starting at `i`; returns the index after it.
fn word(text: &str, i: usize, end: usize, lex: &Lexicon, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    if let Some(j) = link(text, i, end) {
        out.push(Token { span: Span::new(i, j), kind: TokenKind::Link });
        return j;
    }
    if let Some(j) = dotted_abbrev(text, i, end) {
        out.push(Token { span: Span::new(i, j), kind: TokenKind::Abbrev });
        return j;
    }
    let mut j = i;
    let (mut letters, mut digits) = (false, false);
    loop {
        // one run of word characters
        while j < end {
            let c = char_at(text, j);
            if !is_word_char(c) {
                break;
            }
            if c.is_ascii_digit() {
                digits = true;
            } else {
                letters = true;
            }
            j += c.len_utf8();
        }
        if j >= end {
            break;
        }
        let c = char_at(text, j);
        let next = text[j + c.len_utf8()..end].chars().next();
        let prev_digit = b[j - 1].is_ascii_digit();
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        let next_word = next.is_some_and(is_word_char);
        let joins = match c {
            // 3.5, 1,200, 10:30, 06/03/2025: separators between digits
            '.' | ':' | '/' => prev_digit && next_digit && !letters,
            ',' => prev_digit && !letters && thousands_group(b, j + 1, end),
            c if is_hyphen(c) => next_word,
            c if is_apostrophe(c) => {
                if !next_word {
                    false
                } else if let Some(k) = clitic_at(text, j, end) {
                    // "n't": the "n" belongs to the clitic
                    if k == 0 && j - i > 1 && text[..j].ends_with(['n', 'N']) {
                        push_word(text, i, j - 1, letters, digits, lex, out);
                        let cl = j + char_at(text, j).len_utf8() + 1;
                        out.push(Token { span: Span::new(j - 1, cl), kind: TokenKind::Clitic });
                        return cl;
                    }
                    if k > 0 {
                        push_word(text, i, j, letters, digits, lex, out);
                        out.push(Token { span: Span::new(j, j + k), kind: TokenKind::Clitic });
                        return j + k;
                    }
                    true
                } else {
                    // O'Brien, rock'n'roll
                    true
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
        j += c.len_utf8();
    }
    push_word(text, i, j, letters, digits, lex, out)
}

/// Pushes the word `text[i..j]`, taking a following period into the token
/// when the word is a known abbreviation or an initial. Returns the end.
fn push_word(text: &str, i: usize, j: usize, letters: bool, digits: bool, lex: &Lexicon, out: &mut Vec<Token>) -> usize {
    let kind = match (letters, digits) {
        (true, true) => TokenKind::Alnum,
        (false, true) => TokenKind::Number,
        _ => TokenKind::Word,
    };
    let b = text.as_bytes();
    if kind == TokenKind::Word && b.get(j) == Some(&b'.') && b.get(j + 1) != Some(&b'.') {
        let w = &text[i..j];
        let keep = match lex.abbrev(w) {
            Some(AbbrevClass::Number) => next_is_digit(text, j + 1),
            Some(_) => true,
            // an initial: "J. K. Rowling", "George W. Bush"
            None => w.chars().count() == 1 && w.chars().all(char::is_uppercase),
        };
        if keep {
            out.push(Token { span: Span::new(i, j + 1), kind: TokenKind::Abbrev });
            return j + 1;
        }
    }
    out.push(Token { span: Span::new(i, j), kind });
    j
}

fn next_is_digit(text: &str, from: usize) -> bool {
    text[from..].trim_start_matches([' ', '\u{a0}']).as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// ",200" after "1": exactly three digits, then no further digit.
fn thousands_group(b: &[u8], from: usize, end: usize) -> bool {
    from + 3 <= end
        && b[from..from + 3].iter().all(u8::is_ascii_digit)
        && !(from + 3 < end && b[from + 3].is_ascii_digit())
}

/// The length of a clitic starting at the apostrophe at `j` ("’s", "'re",
/// "'ve", "'ll", "'d", "'m"); 0 for "'t" (the "n't" case); None otherwise.
fn clitic_at(text: &str, j: usize, end: usize) -> Option<usize> {
    let alen = char_at(text, j).len_utf8();
    let rest = &text[j + alen..end];
    let word_len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    let w = &rest[..word_len];
    match w {
        "s" | "S" | "re" | "ve" | "ll" | "d" | "m" | "RE" | "VE" | "LL" | "D" | "M" => Some(alen + word_len),
        "t" | "T" => Some(0),
        _ => None,
    }
}

/// "U.S.", "e.g.", "a.m.", "Ph.D.": two or more groups of one to three
/// letters, each followed by a period.
fn dotted_abbrev(text: &str, i: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i;
    let mut groups = 0;
    loop {
        let g = j;
        while j < end && b[j].is_ascii_alphabetic() && j - g < 4 {
            j += 1;
        }
        let n = j - g;
        if n == 0 || n > 3 || j >= end || b[j] != b'.' {
            break;
        }
        j += 1;
        groups += 1;
        if j >= end || !b[j].is_ascii_alphabetic() {
            break;
        }
    }
    // the last group must have ended with its period
    (groups >= 2 && b[j - 1] == b'.' && !(j < end && b[j].is_ascii_alphanumeric())).then_some(j)
}

/// URLs ("https://...", "www.example.com/x") and e-mail addresses.
fn link(text: &str, i: usize, end: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..end];
    let starts = rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www.");
    let mut j = i;
    if starts {
        while j < end && !text.as_bytes()[j].is_ascii_whitespace() && !matches!(text.as_bytes()[j], b'"' | b'<' | b'>') {
            j += 1;
        }
    } else {
        // e-mail: word chars, dots, then @ and a dotted domain
        let local = rest.iter().position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-')))?;
        if rest.get(local) != Some(&b'@') || local == 0 {
            return None;
        }
        j = i + local + 1;
        let dom_start = j;
        while j < end && (text.as_bytes()[j].is_ascii_alphanumeric() || matches!(text.as_bytes()[j], b'.' | b'-')) {
            j += 1;
        }
        if !text[dom_start..j].contains('.') {
            return None;
        }
    }
    // trailing punctuation belongs to the sentence, not the link
    while j > i && matches!(text.as_bytes()[j - 1], b'.' | b',' | b';' | b':' | b')' | b'!' | b'?' | b'\'') {
        j -= 1;
    }
    // not just a truncated non-ASCII char
    while !text.is_char_boundary(j) {
        j -= 1;
    }
    (j > i).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &mut out);
        out.iter().map(|t| (&s[t.span.range()], t.kind)).collect()
    }
    fn words(s: &str) -> Vec<&str> {
        toks(s).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn possessives_and_contractions_are_split() {
        assert_eq!(words("Ukraine’s air force"), ["Ukraine", "’s", "air", "force"]);
        assert_eq!(words("Russia's TASS"), ["Russia", "'s", "TASS"]);
        assert_eq!(words("they don't and can’t"), ["they", "do", "n't", "and", "ca", "n’t"]);
        assert_eq!(words("we're sure I'm"), ["we", "'re", "sure", "I", "'m"]);
        assert_eq!(words("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn quotation_marks_are_tokens_and_apostrophes_are_not() {
        assert_eq!(
            toks("“If there is peace,” he said."),
            [
                ("“", TokenKind::Quote),
                ("If", TokenKind::Word),
                ("there", TokenKind::Word),
                ("is", TokenKind::Word),
                ("peace", TokenKind::Word),
                (",", TokenKind::Punct),
                ("”", TokenKind::Quote),
                ("he", TokenKind::Word),
                ("said", TokenKind::Word),
                (".", TokenKind::Terminal),
            ]
        );
        assert_eq!(words("the word ‘dictator’ if"), ["the", "word", "‘", "dictator", "’", "if"]);
        assert_eq!(words("``It was,'' said"), ["``", "It", "was", ",", "''", "said"]);
    }

    #[test]
    fn em_dashes_without_spaces_split_words() {
        assert_eq!(words("on Sunday—the eve"), ["on", "Sunday", "—", "the", "eve"]);
        assert_eq!(toks("honourable—defending")[1], ("—", TokenKind::Dash));
        assert_eq!(words("a -- b"), ["a", "--", "b"]);
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        assert_eq!(words("Trump-Putin talks, Moscow-organised votes"), ["Trump-Putin", "talks", ",", "Moscow-organised", "votes"]);
        assert_eq!(words("UN Secretary-General"), ["UN", "Secretary-General"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            toks("the U.S. and Mr. Smith"),
            [
                ("the", TokenKind::Word),
                ("U.S.", TokenKind::Abbrev),
                ("and", TokenKind::Word),
                ("Mr.", TokenKind::Abbrev),
                ("Smith", TokenKind::Word)
            ]
        );
        assert_eq!(words("Gen. Mark Milley, e.g. here, at 9 a.m. today"), ["Gen.", "Mark", "Milley", ",", "e.g.", "here", ",", "at", "9", "a.m.", "today"]);
        // "No." is an abbreviation only before a number
        assert_eq!(words("No. 10 Downing Street"), ["No.", "10", "Downing", "Street"]);
        assert_eq!(words("He said no. Then"), ["He", "said", "no", ".", "Then"]);
        assert_eq!(words("The answer is No. Then"), ["The", "answer", "is", "No", ".", "Then"]);
    }

    #[test]
    fn initials_are_abbreviations() {
        assert_eq!(toks("J. K. Rowling")[0], ("J.", TokenKind::Abbrev));
        assert_eq!(words("George W. Bush"), ["George", "W.", "Bush"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            toks("1,200 people, 3.5%, at 10:30 on 06/03/2025"),
            [
                ("1,200", TokenKind::Number),
                ("people", TokenKind::Word),
                (",", TokenKind::Punct),
                ("3.5", TokenKind::Number),
                ("%", TokenKind::Punct),
                (",", TokenKind::Punct),
                ("at", TokenKind::Word),
                ("10:30", TokenKind::Number),
                ("on", TokenKind::Word),
                ("06/03/2025", TokenKind::Number),
            ]
        );
        assert_eq!(words("in 2024, 3, 4"), ["in", "2024", ",", "3", ",", "4"]);
        assert_eq!(toks("$3bn")[1], ("3bn", TokenKind::Alnum));
        assert_eq!(words("Year ended 5."), ["Year", "ended", "5", "."]);
    }

    #[test]
    fn ellipses_and_terminals() {
        assert_eq!(toks("prepared… I")[1], ("…", TokenKind::Ellipsis));
        assert_eq!(toks("wait... what")[1], ("...", TokenKind::Ellipsis));
        assert_eq!(toks("Really?!")[1], ("?!", TokenKind::Terminal));
    }

    #[test]
    fn links_and_handles() {
        assert_eq!(words("see https://example.org/a?b=1. Then"), ["see", "https://example.org/a?b=1", ".", "Then"]);
        assert_eq!(toks("mail press@example.com or @newsgraph")[1], ("press@example.com", TokenKind::Link));
        assert_eq!(toks("@newsgraph #Ukraine")[1], ("#Ukraine", TokenKind::Link));
    }

    #[test]
    fn non_ascii_words() {
        assert_eq!(words("António Guterres in Kyiv’s centre"), ["António", "Guterres", "in", "Kyiv", "’s", "centre"]);
    }
}
