//! Training the named-entity recogniser (`newsgraph train-ner`): behind the
//! `training` feature, so that the library's other users do not compile it.

pub use crate::entities::ner::train::{evaluate_model, prepare, train, Alignment, Options, Prf, TrainDoc, Trained};
pub use crate::entities::ner::Model;
