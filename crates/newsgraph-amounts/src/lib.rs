//! Amounts in English news text: money, percentages and counted quantities,
//! with what is counted and how the number is qualified, in the spirit of
//! GDELT's Amounts field ("a record 267 drone attacks": value 267, object
//! "drone attacks", qualifier "record").
//!
//! The tagger scans the bytes for figures and number words, then parses
//! locally around each one with the tables of `data/*.tsv` (compiled once in
//! [`Amounts::new`]). It allocates only for the amounts it returns.
//!
//! What it finds, around each number:
//! - the number: figures ("267", "1,200", "3.5"), number words ("twenty-five",
//!   "three thousand", "a dozen", "two-thirds", "hundreds of thousands of"),
//!   scales written or glued ("1.5 million", "$3bn", "€5m", "Rs 500 crore");
//! - money: symbols with their country letters ("US$", "AU$", "£", "GB #"),
//!   codes and words ("USD 5", "40 billion dollars", "26 cents");
//! - percentages ("12%", "12 per cent", "0.25 percentage points") and units
//!   ("500km", "3.5-inch", "9,420 nautical miles");
//! - a range ("15-20%", "between $12 million and $20 million", "two or three");
//! - the qualifier before it ("a record", "at least", "more than", "some");
//! - the object: the short noun phrase after it, through "of" after vague
//!   numbers, units and percentages ("hundreds of residents", "3.5 tonnes of
//!   silver"); it ends before a function word, a common verb, a participle
//!   that opens a clause, a second plural, punctuation or a line break.
//!
//! What it leaves out: years ("in 2025"), dates ("6 March"), times ("10:30",
//! "9 pm", "at 10.30"), durations ("three years", "41-year": the time tagger's),
//! phone numbers, list numbering, labels ("No. 10", "Route 66", "top 10"),
//! codes and models ("G7", "COVID-19", "F-16", "Boeing 787", and a figure the
//! same text also writes as a code: "the 787" beside "787-8"), scores
//! ("3 – 0"), addresses ("10 Downing Street"), a bare "one" and ordinals
//! except where they count ("third anniversary", "5th generation": `ordinal`).
//!
//! ```
//! use newsgraph_amounts::{Amounts, AmountKind};
//! let tagger = Amounts::new();
//! let text = "Officials counted a record 267 drone attacks overnight.";
//! let a = &tagger.tag(text)[0];
//! assert_eq!(&text[a.start..a.end], "a record 267 drone attacks");
//! assert_eq!(a.value, 267.0);
//! assert_eq!(a.kind, AmountKind::Quantity);
//! assert_eq!(a.qualifier, Some("record"));
//! let (s, e) = a.object.unwrap();
//! assert_eq!(&text[s..e], "drone attacks");
//! ```

mod lexicon;
mod parse;
mod scan;

use serde::Serialize;

/// What an amount measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AmountKind {
    Money,
    Percent,
    Quantity,
}

impl AmountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AmountKind::Money => "MONEY",
            AmountKind::Percent => "PERCENT",
            AmountKind::Quantity => "QUANTITY",
        }
    }
}

/// One amount. All offsets are byte offsets into the tagged text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The whole phrase, qualifier and object included ("a record 267 drone attacks").
    pub start: usize,
    pub end: usize,
    /// The number with its scale and money factor applied ("$3bn" = 3e9, "26 cents" = 0.26);
    /// for a range, its lower bound.
    pub value: f64,
    pub kind: AmountKind,
    /// ISO 4217 code for money, "%" (or "pp", "bp") for percentages, a unit of measure
    /// ("km", "GB", "t", "years old" for an age) for quantities that have one.
    pub unit: Option<String>,
    /// What is counted ("drone attacks").
    pub object: Option<(usize, usize)>,
    /// Normalised qualifier: "record", "at least", "more than", "about", "nearly", "up to", ...
    pub qualifier: Option<&'static str>,
    /// The number itself, scale included ("1.5 million", "3bn", "twenty-five").
    pub number: (usize, usize),
    /// Upper bound of a range ("15-20%", "between $12 million and $20 million").
    pub upper: Option<f64>,
    /// An ordinal that counts ("third anniversary", "5th generation").
    pub ordinal: bool,
}

/// Every normalised qualifier the tagger gives (`Amount::qualifier`), in
/// the order of its table (`data/qualifiers.tsv`), each once.
pub fn qualifier_names() -> impl Iterator<Item = &'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for (_, norm) in lexicon::qualifier_rows() {
        if !names.contains(&norm) {
            names.push(norm);
        }
    }
    names.into_iter()
}

/// The compiled tables. Build once, share across threads.
pub struct Amounts {
    lex: lexicon::Lexicon,
}

impl Default for Amounts {
    fn default() -> Self {
        Self::new()
    }
}

impl Amounts {
    pub fn new() -> Self {
        Amounts {
            lex: lexicon::Lexicon::new(),
        }
    }

    /// The amounts of `text`, sorted and non-overlapping.
    pub fn tag(&self, text: &str) -> Vec<Amount> {
        parse::tag(&self.lex, text)
    }
}
