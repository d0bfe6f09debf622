//! Byte-level helpers: word tokens around a position, without allocation.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct,
    Newline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.s..self.e]
    }
}

#[inline]
pub(crate) fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// The char starting at byte `i` (which must be a char boundary).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The char ending at byte `i`, with its start.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<(usize, char)> {
    let c = text.get(..i)?.chars().next_back()?;
    Some((i - c.len_utf8(), c))
}

#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that join two parts of one word ("twenty-five", "Boeing's").
#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '\u{2011}')
}

#[inline]
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// End of the word that starts at `i`.
pub(crate) fn word_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        let c = if b[i] < 0x80 {
            b[i] as char
        } else {
            char_at(text, i).unwrap_or(' ')
        };
        if is_word_char(c) {
            i += c.len_utf8();
        } else if is_joiner(c) {
            match char_at(text, i + c.len_utf8()) {
                Some(n) if is_word_char(n) => i += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

/// Start of the word that ends at `i`.
pub(crate) fn word_start(text: &str, mut i: usize) -> usize {
    while let Some((s, c)) = char_before(text, i) {
        if is_word_char(c) {
            i = s;
        } else if is_joiner(c) {
            match char_before(text, s) {
                Some((_, p)) if is_word_char(p) => i = s,
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

/// The token after byte `i`, spaces skipped (a line break is a token).
pub(crate) fn next_tok(text: &str, mut i: usize) -> Option<Tok> {
    loop {
        let c = char_at(text, i)?;
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        if c == '\n' {
            return Some(Tok {
                s: i,
                e: i + 1,
                kind: Kind::Newline,
            });
        }
        if is_word_char(c) {
            return Some(Tok {
                s: i,
                e: word_end(text, i),
                kind: Kind::Word,
            });
        }
        return Some(Tok {
            s: i,
            e: i + c.len_utf8(),
            kind: Kind::Punct,
        });
    }
}

/// The token before byte `i`, spaces skipped.
pub(crate) fn prev_tok(text: &str, mut i: usize) -> Option<Tok> {
    loop {
        let (s, c) = char_before(text, i)?;
        if is_space(c) {
            i = s;
            continue;
        }
        if c == '\n' {
            return Some(Tok {
                s,
                e: i,
                kind: Kind::Newline,
            });
        }
        if is_word_char(c) {
            return Some(Tok {
                s: word_start(text, i),
                e: i,
                kind: Kind::Word,
            });
        }
        return Some(Tok {
            s,
            e: i,
            kind: Kind::Punct,
        });
    }
}

/// Whether only spaces (no line break) lie between `a` and `b`.
pub(crate) fn only_spaces(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|s| s.chars().all(is_space))
}
