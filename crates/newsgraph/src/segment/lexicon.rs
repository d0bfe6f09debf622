//! The segmenter's word lists, compiled once from `crates/newsgraph/data/`.

use std::collections::{HashMap, HashSet};
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
    furniture: HashSet<&'static str>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn load() -> Lexicon {
        let abbrevs = lines(include_str!("../../data/abbreviations.tsv"))
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
            starters: lines(include_str!("../../data/sentence_starters.txt")).collect(),
            furniture: lines(include_str!("../../data/furniture.txt")).collect(),
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

    /// Whether a whole line is page furniture ("Share", "Advertisement").
    pub fn is_furniture_line(&self, line: &str) -> bool {
        let core = line.trim_matches(|c: char| !c.is_alphanumeric());
        if !line.chars().any(char::is_alphabetic) {
            return true;
        }
        core.len() <= 40 && self.furniture.contains(core.to_lowercase().as_str())
    }
}
