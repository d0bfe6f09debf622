//! Near-duplicates (syndicated wire copies): MinHash signatures over word
//! 5-shingles, LSH banding to find candidates and the estimated Jaccard
//! similarity to confirm them. [`Dedup`] keeps the signatures of one run in
//! memory; a store keeps them on disk ([`Signature::to_bytes`],
//! [`Signature::band_keys`]).

use std::collections::HashMap;

const NUM_HASHES: usize = 128;
const BANDS: usize = 32;
const ROWS: usize = NUM_HASHES / BANDS;
const SHINGLE: usize = 5;
/// Estimated Jaccard similarity of shingle sets above which two texts are
/// copies. Wire copies that differ by a dateline, a byline or a trimmed last
/// paragraph score well above it; different stories on one topic far below.
pub const DEFAULT_THRESHOLD: f64 = 0.6;

/// The MinHash signature of a text: what near-duplicate detection keeps of
/// it (512 bytes), in memory here, on disk in a store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; NUM_HASHES]);

/// Bands of a signature for locality-sensitive hashing: texts that share a
/// band key are candidates.
pub const BANDS_PER_SIGNATURE: usize = BANDS;

impl Signature {
    /// The signature of a text; `None` for a text without a word.
    pub fn of(text: &str) -> Option<Signature> {
        signature(text).map(Signature)
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        similarity(&self.0, &other.0)
    }

    /// The key of each band: two signatures sharing one are candidates.
    pub fn band_keys(&self) -> [u64; BANDS] {
        std::array::from_fn(|b| band_key(&self.0, b))
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`]; `None` when the length is wrong.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        (b.len() == 4 * NUM_HASHES).then(|| Signature(std::array::from_fn(|i| u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]]))))
    }
}

/// Fed articles in order, says for each the id of the first earlier article
/// it duplicates.
pub struct Dedup {
    threshold: f64,
    ids: Vec<String>,
    sigs: Vec<[u32; NUM_HASHES]>,
    bands: Vec<HashMap<u64, Vec<u32>>>,
}

impl Default for Dedup {
    fn default() -> Self {
        Self::new()
    }
}

impl Dedup {
    pub fn new() -> Self {
        Self::with_threshold(DEFAULT_THRESHOLD)
    }

    pub fn with_threshold(threshold: f64) -> Self {
        Dedup { threshold, ids: Vec::new(), sigs: Vec::new(), bands: vec![HashMap::new(); BANDS] }
    }

    /// Records `text` under `id` and returns the id of the earliest recorded
    /// article whose text it nearly duplicates. Empty texts are never
    /// duplicates and are not recorded.
    pub fn check(&mut self, id: &str, text: &str) -> Option<String> {
        let sig = signature(text)?;
        let mut best: Option<u32> = None;
        for (b, table) in self.bands.iter().enumerate() {
            if let Some(list) = table.get(&band_key(&sig, b)) {
                for &c in list {
                    if best.is_some_and(|x| x <= c) {
                        continue;
                    }
                    if similarity(&sig, &self.sigs[c as usize]) >= self.threshold {
                        best = Some(c);
                    }
                }
            }
        }
        let idx = self.sigs.len() as u32;
        for (b, table) in self.bands.iter_mut().enumerate() {
            table.entry(band_key(&sig, b)).or_default().push(idx);
        }
        self.sigs.push(sig);
        self.ids.push(id.to_string());
        best.map(|c| self.ids[c as usize].clone())
    }
}

/// Estimated Jaccard similarity of two texts' word-shingle sets.
pub fn estimate_similarity(a: &str, b: &str) -> f64 {
    match (signature(a), signature(b)) {
        (Some(x), Some(y)) => similarity(&x, &y),
        _ => 0.0,
    }
}

fn similarity(a: &[u32; NUM_HASHES], b: &[u32; NUM_HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / NUM_HASHES as f64
}

fn band_key(sig: &[u32; NUM_HASHES], band: usize) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ band as u64;
    for &v in &sig[band * ROWS..(band + 1) * ROWS] {
        h = mix(h ^ v as u64);
    }
    h
}

/// A 64-bit finalizer (splitmix64): good avalanche, cheap.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a over the lower-cased word: stable across runs and platforms.
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn signature(text: &str) -> Option<[u32; NUM_HASHES]> {
    let words: Vec<u64> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(word_hash).collect();
    if words.is_empty() {
        return None;
    }
    let mut sig = [u32::MAX; NUM_HASHES];
    let n = SHINGLE.min(words.len());
    for win in words.windows(n) {
        let mut h = 0u64;
        for &w in win {
            h = mix(h ^ w);
        }
        // Each of the hash functions is the shingle hash mixed with a seed;
        // two 32-bit values come from each 64-bit mix.
        for k in 0..NUM_HASHES / 2 {
            let v = mix(h ^ SEEDS[k]);
            let (lo, hi) = (v as u32, (v >> 32) as u32);
            if lo < sig[2 * k] {
                sig[2 * k] = lo;
            }
            if hi < sig[2 * k + 1] {
                sig[2 * k + 1] = hi;
            }
        }
    }
    Some(sig)
}

const SEEDS: [u64; NUM_HASHES / 2] = {
    let mut s = [0u64; NUM_HASHES / 2];
    let mut i = 0;
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    while i < s.len() {
        // xorshift64 in a const context.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s[i] = x;
        i += 1;
    }
    s
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_survives_its_bytes_and_copies_share_a_band() {
        let a = "Foreign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said, after months of talks \
                 that had stalled over the question of prisoners and the future of the disputed border region, which both claim.";
        let b = a.replace("officials said", "officials told reporters");
        let (sa, sb) = (Signature::of(a).unwrap(), Signature::of(&b).unwrap());
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), Some(sa.clone()));
        assert!(Signature::from_bytes(&[0; 3]).is_none());
        assert!(sa.similarity(&sb) >= DEFAULT_THRESHOLD);
        assert!(sa.band_keys().iter().zip(sb.band_keys()).any(|(x, y)| *x == y));
        assert!(Signature::of("  ... ").is_none());
    }
}
