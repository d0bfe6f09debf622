//! The closed word classes the event stage reads a clause by: auxiliaries,
//! modals, negation, determiners, prepositions, and the words that start a
//! new clause.

/// Forms of "be": before a past participle, a passive ("was attacked").
pub const BE: [&str; 8] = ["be", "is", "are", "was", "were", "been", "being", "am"];

/// "will meet", "'ll meet": announced.
pub const FUTURE: [&str; 3] = ["will", "shall", "'ll"];

/// "would meet", "could attack": possible, not reported as done.
pub const CONDITIONAL: [&str; 6] = ["would", "could", "might", "may", "should", "'d"];

/// "plans to meet", "is set to visit", "expected to sign": announced.
pub const INTENT_BEFORE_TO: [&str; 12] = ["plan", "plans", "planned", "set", "due", "expected", "intends", "intend", "intended", "scheduled", "going", "aims"];

/// "did not", "never", "no longer".
pub const NEGATION: [&str; 4] = ["not", "n't", "never", "no"];

/// Words before a noun, never before a finite verb: "the attack", "its plans".
pub const DETERMINERS: [&str; 14] = ["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"];

/// Do-support and modals, before a verb's base form: "did attack", "can meet".
pub const BEFORE_BASE: [&str; 13] = ["to", "do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "shall", "should"];

/// Subject pronouns, before a verb.
pub const SUBJECT_PRONOUNS: [&str; 9] = ["he", "she", "it", "they", "we", "i", "you", "who", "which"];

/// Words that may stand between a subject and its verb: "Russia also said".
pub const ADVERBS: [&str; 14] = ["also", "now", "still", "again", "then", "never", "often", "reportedly", "allegedly", "repeatedly", "already", "later", "on", "has"];

/// Prepositions: a name after one is no subject ("officials in Kyiv said").
pub const PREPOSITIONS: [&str; 16] = ["in", "of", "from", "at", "on", "for", "with", "near", "by", "to", "into", "over", "about", "against", "between", "among"];

/// After a comma, words that open another clause.
pub const CLAUSE_OPENERS: [&str; 16] = ["which", "who", "whom", "while", "whereas", "but", "although", "though", "because", "when", "after", "before", "and", "saying", "adding", "as"];

/// Words before a verb that make what follows past context.
pub const BACKGROUND: [&str; 3] = ["since", "anniversary", "ago"];

/// Prepositions before a place where something happens.
pub const PLACE_PREPOSITIONS: [&str; 4] = ["in", "at", "near", "outside"];

/// Verbs that announce what their infinitive says ("agreed to meet",
/// "pledged to send aid"): one event, coded as the intent of the action.
pub const INTENT_VERBS: [&str; 13] = ["AGREE", "PROMISE", "PLEDGE", "VOW", "OFFER", "DECIDE", "PLAN", "INTEND", "PREPARE", "COMMIT", "WANT", "WISH", "SEEK"];

/// Verbs that threaten what their infinitive says ("threatened to strike").
pub const THREAT_VERBS: [&str; 2] = ["THREATEN", "WARN"];

/// Adjectives that announce what their infinitive says ("is willing to send").
pub const INTENT_ADJECTIVES: [&str; 6] = ["willing", "ready", "prepared", "determined", "eager", "committed"];

/// Verbs that refuse what their infinitive says ("refused to deploy").
pub const REJECTION_VERBS: [&str; 3] = ["REFUSE", "DECLINE", "REJECT"];

/// Nouns before "of" that make the name after it the subject: "thousands
/// of Iraqi Kurds demonstrated", "leaders of Hamas said".
pub const GROUP_HEADS: [&str; 22] = [
    "thousands", "hundreds", "dozens", "millions", "scores", "members", "leaders", "leader", "supporters", "officials", "group", "groups",
    "representatives", "delegation", "troops", "forces", "residents", "citizens", "workers", "students", "people", "government",
];
