//! Words every stage reads the same way, compiled once from
//! `crates/newsgraph/data/`: abbreviations (which keep their period, which
//! may end a sentence) and the capitalised words that open sentences.

use std::collections::{HashMap, HashSet};
use super::lists::entries;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Before a name; never ends a sentence ("Mr.", "Gen.").
    Title,
    /// An abbreviation only before a number ("No. 10").
    Number,
    /// May end a sentence ("Inc.", "Jr.", and dotted forms like "U.S.").
    Final,
    /// Other abbreviations ("Feb.", "Calif.").
    Inner,
}

pub struct Lexicon {
    abbrevs: HashMap<&'static str, AbbrevClass>,
    starters: HashSet<&'static str>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

impl Lexicon {
    fn load() -> Lexicon {
        let abbrevs = entries(include_str!("../../data/abbreviations.tsv"))
            .filter_map(|l| {
                let (w, class) = l.split_once('\t')?;
                let class = match class.trim() {
                    "title" => AbbrevClass::Title,
                    "number" => AbbrevClass::Number,
                    "final" => AbbrevClass::Final,
                    _ => AbbrevClass::Inner,
                };
                Some((w.trim(), class))
            })
            .collect();
        Lexicon {
            abbrevs,
            starters: entries(include_str!("../../data/sentence_starters.txt")).collect(),
        }
    }

    /// The class of an abbreviation, given without its period.
    pub fn abbrev(&self, word: &str) -> Option<AbbrevClass> {
        self.abbrevs.get(word).copied()
    }

    /// The class of an abbreviation token (with its period).
    pub fn abbrev_token(&self, tok: &str) -> AbbrevClass {
        let w = tok.strip_suffix('.').unwrap_or(tok);
        if w.contains('.') {
            return AbbrevClass::Final;
        }
        if w.chars().count() == 1 {
            return AbbrevClass::Title; // an initial
        }
        self.abbrev(w).unwrap_or(AbbrevClass::Inner)
    }

    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}
