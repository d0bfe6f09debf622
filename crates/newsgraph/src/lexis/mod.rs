//! Shared lexical tools, below every stage and above the document model:
//! the tokenizer, folded word hashes, the word lists every stage reads the
//! same way, and token predicates. Any stage may use them; they use no
//! stage.
//!
//! - [`tokenize`]: text into tokens (segmentation tokenizes the article
//!   with it; stages tokenize their word lists with it, so that a listed
//!   phrase and the article's words split alike);
//! - [`hash`]: allocation-free folded word and sequence hashes, and a map
//!   keyed by them;
//! - [`lists`]: reading `data/` lists (one comment rule);
//! - [`phrases`]: the key of a listed phrase, as the text's tokens give it;
//! - [`words`]: abbreviations and sentence starters;
//! - [`predicates`]: capitalised, possessive, ...;
//! - [`closed`]: closed classes of English words (articles, pronouns, ...).

pub mod closed;
pub mod hash;
pub mod lists;
pub mod phrases;
pub mod predicates;
mod tokenizer;
pub mod words;

pub use predicates::{capitalised, has_lower, is_possessive};
pub use tokenizer::tokenize;
