//! Gold documents (one JSON object per line of `../shared/data/gold/*.jsonl`:
//! `id`, `text`, `title`, `published`, and the gold layers) as pipeline
//! inputs. The one adapter that `newsgraph eval`, the recogniser's training
//! and the quote calibration share: the text exactly as the gold gives it,
//! so that gold and system offsets line up.

use crate::doc::{DocInput, Published};
use serde_json::Value;

/// The extraction input of a gold document: its text, id (also its
/// source), title and date. A date that is not one is left out.
pub fn input_of(gold: &Value) -> DocInput {
    let s = |k: &str| gold.get(k).and_then(Value::as_str).map(str::to_string);
    let id = s("id").unwrap_or_default();
    DocInput {
        source: id.clone(),
        id: Some(id),
        text: s("text").unwrap_or_default(),
        title: s("title"),
        published: s("published").and_then(|p| Published::parse(&p).ok()),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gold_document_keeps_its_text_id_and_date() {
        let g: Value = serde_json::from_str(r#"{"id": "d1", "text": "Text\r\nhere", "title": "T", "published": "2015-03-02", "entities": []}"#).unwrap();
        let i = input_of(&g);
        assert_eq!((i.id.as_deref(), i.source.as_str(), i.text.as_str(), i.title.as_deref()), (Some("d1"), "d1", "Text\r\nhere", Some("T")));
        assert_eq!(i.published.map(|p| p.value), Some("2015-03-02".to_string()));
        let g: Value = serde_json::from_str(r#"{"id": "d2", "text": "x", "published": "sometime"}"#).unwrap();
        assert!(input_of(&g).published.is_none());
    }
}
