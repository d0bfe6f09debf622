//! Stage 5, amounts: numbers with what they count ("a record 267 drone
//! attacks"), money and percentages. The tagger is the `newsgraph-amounts`
//! crate; this stage runs it over the article's text blocks (not its page
//! furniture) and keeps its spans.

use crate::doc::{BlockKind, Doc, Span};
use std::sync::LazyLock;

static AMOUNTS: LazyLock<newsgraph_amounts::Amounts> = LazyLock::new(newsgraph_amounts::Amounts::new);

#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// The whole phrase: "a record 267 drone attacks".
    pub span: Span,
    pub value: f64,
    /// The top of a range ("15-20%"), when the amount is one.
    pub upper: Option<f64>,
    /// "MONEY", "PERCENT" or "QUANTITY".
    pub kind: &'static str,
    pub unit: Option<String>,
    /// What is counted: "drone attacks".
    pub object: Option<Span>,
    pub qualifier: Option<&'static str>,
}

/// Runs the stage: fills `doc.amounts`.
pub fn run(doc: &mut Doc) {
    let tagger = &*AMOUNTS;
    let mut out = Vec::new();
    for b in &doc.blocks {
        if b.kind == BlockKind::Furniture {
            continue;
        }
        let base = b.span.start as usize;
        for a in tagger.tag(&doc.text[b.span.range()]) {
            out.push(Amount {
                span: Span::new(base + a.start, base + a.end),
                value: a.value,
                upper: a.upper,
                kind: a.kind.as_str(),
                unit: a.unit,
                object: a.object.map(|(s, e)| Span::new(base + s, base + e)),
                qualifier: a.qualifier,
            });
        }
    }
    doc.amounts = out;
}

#[cfg(test)]
mod tests {
    use crate::doc::DocInput;

    #[test]
    fn amounts_come_with_their_object_and_offsets_into_the_text() {
        let text = "Drones at night\n\n17\n\nThe army said it downed a record 267 drone attacks overnight.\n";
        let mut d = crate::pipeline::new_doc(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        super::run(&mut d);
        let got: Vec<(&str, f64, Option<&str>)> = d.amounts.iter().map(|a| (d.str(a.span), a.value, a.object.map(|o| d.str(o)))).collect();
        // the furniture line "17" is not an amount
        assert_eq!(got, [("a record 267 drone attacks", 267.0, Some("drone attacks"))]);
        assert_eq!(d.amounts[0].qualifier, Some("record"));
    }
}
