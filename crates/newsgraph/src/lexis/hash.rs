//! Allocation-free hashing of token strings, shared by the gazetteer and
//! the recogniser's features: a word is never lower-cased into a new
//! `String`, its folded characters are fed straight into the hash.

/// FxHash's mixing step (rustc's hasher): fast, and good enough for
/// feature keys where a rare collision only adds noise.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Finalises a hash so that its low bits (used by open addressing) depend
/// on every input bit.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Folds a character for matching: lower case, curly apostrophes as
/// straight ones, and Latin letters without their accents ("António"
/// matches "Antonio", as news spells names both ways).
#[inline]
pub fn fold(c: char) -> char {
    match c {
        'A'..='Z' => (c as u8 + 32) as char,
        c if c.is_ascii() => c,
        '’' | '‘' | 'ʼ' => '\'',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'Ç' | 'ć' | 'č' | 'Č' | 'Ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'į' | 'ı' | 'İ' => 'i',
        'ñ' | 'Ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'š' | 'Š' | 'ś' | 'ş' | 'Ş' | 'ș' => 's',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ł' | 'Ł' => 'l',
        'ř' | 'Ř' => 'r',
        'ğ' | 'Ğ' => 'g',
        'ț' | 'ţ' => 't',
        'đ' | 'Đ' => 'd',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The hash of a word's folded form.
#[inline]
pub fn word_hash(s: &str) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1d;
    if s.is_ascii() {
        for b in s.bytes() {
            h = mix(h, b.to_ascii_lowercase() as u64);
        }
    } else {
        for c in s.chars() {
            h = mix(h, fold(c) as u64);
        }
    }
    finish(h)
}

/// The folded hashes (`lower`, one per token) of the words the article
/// writes in lower case somewhere: such a word is a common word, whatever
/// its capitals elsewhere ("May", "Talks").
pub fn lower_case_words(doc: &crate::doc::Doc, lower: &[u64]) -> PreHashedMap<()> {
    doc.tokens
        .iter()
        .zip(lower)
        .filter(|(t, _)| doc.str(t.span).chars().next().is_some_and(char::is_lowercase))
        .map(|(_, &h)| (h, ()))
        .collect()
}

/// The hash of a sequence of word hashes.
#[inline]
pub fn seq_hash(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = SeqHasher::new();
    for w in words {
        h.push(w);
    }
    h.key()
}

/// [`seq_hash`] one word at a time: the key of every prefix of a sequence
/// without hashing the prefix again.
#[derive(Clone, Copy)]
pub struct SeqHasher(u64);

impl SeqHasher {
    pub fn new() -> SeqHasher {
        SeqHasher(0x9e37_79b9_7f4a_7c15)
    }
    pub fn push(&mut self, word: u64) {
        self.0 = mix(self.0, word);
    }
    /// The key of the words pushed so far.
    pub fn key(&self) -> u64 {
        finish(self.0)
    }
}

impl Default for SeqHasher {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_news_spellings() {
        assert_eq!(word_hash("António"), word_hash("antonio"));
        assert_eq!(word_hash("Ukraine’s"), word_hash("ukraine's"));
        assert_eq!(word_hash("KYIV"), word_hash("Kyiv"));
        assert_ne!(word_hash("Kyiv"), word_hash("Kiev"));
        assert_ne!(seq_hash([word_hash("a"), word_hash("b")]), seq_hash([word_hash("b"), word_hash("a")]));
    }
}

/// A `HashMap` hasher for keys that are already hashes (the word and
/// sequence hashes above): it passes them through instead of hashing them
/// again with SipHash, which is most of a lookup's cost otherwise.
#[derive(Clone, Copy, Default)]
pub struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type PreHashedMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PreHashed>>;
