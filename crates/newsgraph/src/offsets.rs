//! Byte offsets (inside) to character offsets (the record), converted once
//! at the edge.
//!
//! A checkpoint every 64 bytes holds the number of characters before it, so
//! a conversion counts at most 63 bytes, and the table costs 1/16 of the
//! text in memory. ASCII-only texts (most English news) skip the table.

pub struct CharOffsets<'a> {
    text: &'a str,
    /// chars before byte 64*k; empty for ASCII text
    checkpoints: Vec<u32>,
}

const STRIDE: usize = 64;

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        if text.is_ascii() {
            return CharOffsets { text, checkpoints: Vec::new() };
        }
        let b = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(b.len() / STRIDE + 1);
        let mut chars = 0u32;
        for chunk in b.chunks(STRIDE) {
            checkpoints.push(chars);
            // a char starts at every byte that is not a continuation byte
            chars += chunk.iter().filter(|&&c| (c as i8) >= -0x40).count() as u32;
        }
        checkpoints.push(chars);
        CharOffsets { text, checkpoints }
    }

    /// The character offset of byte offset `byte` (a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let k = byte / STRIDE;
        let base = self.checkpoints[k] as usize;
        let from = k * STRIDE;
        base + self.text.as_bytes()[from..byte].iter().filter(|&&c| (c as i8) >= -0x40).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity_and_utf8_counts_chars() {
        let t = "abc";
        assert_eq!(CharOffsets::new(t).char_of(2), 2);
        let t = "Ukraine’s “dictator” António";
        let c = CharOffsets::new(t);
        let b = t.find("dictator").unwrap();
        assert_eq!(c.char_of(b), 11);
        assert_eq!(c.char_of(t.len()), t.chars().count());
    }

    proptest! {
        #[test]
        fn agrees_with_counting(s in "\\PC{0,300}", frac in 0.0f64..1.0) {
            let c = CharOffsets::new(&s);
            let mut b = (s.len() as f64 * frac) as usize;
            while !s.is_char_boundary(b) { b -= 1; }
            prop_assert_eq!(c.char_of(b), s[..b].chars().count());
        }
    }
}
