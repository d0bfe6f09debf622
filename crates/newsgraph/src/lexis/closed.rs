//! Closed classes of English words that the stages name in their rules:
//! short, fixed lists, kept here under names that say what they are
//! (open lists, which grow with the news, are files in `data/`).

/// Articles: "the", "a", "an".
pub const ARTICLES: [&str; 3] = ["the", "a", "an"];

/// Possessive determiners of the third person: "his counterpart".
pub const POSSESSIVE_DETERMINERS: [&str; 4] = ["his", "her", "their", "its"];

/// Object pronouns: "told him", "asked them".
pub const OBJECT_PRONOUNS: [&str; 6] = ["him", "her", "them", "us", "me", "you"];

/// Relative pronouns opening a clause in apposition: "X, who ...".
pub const RELATIVE_PRONOUNS: [&str; 3] = ["who", "which", "that"];

/// Words that open an embedded question: "asked whether", "wondered why".
pub const QUESTION_WORDS: [&str; 8] = ["whether", "if", "why", "how", "what", "when", "where", "who"];

/// Subordinating conjunctions that open an adverbial clause: "When asked, ...".
pub const SUBORDINATORS: [&str; 13] = ["when", "after", "as", "if", "while", "although", "though", "because", "before", "since", "until", "once", "unless"];

/// Ordinal words, first to twelfth: "the third anniversary".
pub const ORDINAL_WORDS: [&str; 12] = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];

/// Compass adjectives before a place: "eastern Ukraine".
pub const COMPASS_DIRECTIONS: [&str; 13] = [
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// Whether `w` is one of `words`, whatever its case.
pub fn is_one_of(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| x.eq_ignore_ascii_case(w))
}
