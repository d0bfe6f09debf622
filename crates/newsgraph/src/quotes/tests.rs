//! Each attribution pattern on sentences written for these tests.

use super::*;
use crate::doc::DocInput;

fn run_text(text: &str) -> Doc {
    let mut doc = crate::pipeline::new_doc(DocInput { source: "t.txt".into(), text: text.into(), ..Default::default() });
    crate::segment::run(&mut doc);
    run(&mut doc);
    doc
}

/// (kind, content, speaker, cue) of every quote.
fn quotes(text: &str) -> Vec<(QuoteKind, String, Option<String>, Option<String>)> {
    let doc = run_text(text);
    doc.quotes
        .iter()
        .map(|q| (q.kind, doc.str(q.content).to_string(), q.speaker.map(|s| doc.str(s.span).to_string()), q.cue.map(|c| doc.str(c).to_string())))
        .collect()
}

fn q(kind: QuoteKind, content: &str, speaker: Option<&str>, cue: Option<&str>) -> (QuoteKind, String, Option<String>, Option<String>) {
    (kind, content.to_string(), speaker.map(str::to_string), cue.map(str::to_string))
}

use QuoteKind::*;

#[test]
fn debug_inserted_phrase() {
    assert_eq!(
        quotes("The mayor of Lyon, in remarks on the eve of the vote, claimed that turnout would be high."),
        vec![q(Indirect, "turnout would be high", Some("The mayor of Lyon"), Some("claimed"))]
    );
}
