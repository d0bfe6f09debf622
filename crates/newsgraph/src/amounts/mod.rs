//! Stage 5, amounts: numbers with what they count ("a record 267 drone
//! attacks"), money and percentages. The tagger is the `newsgraph-amounts`
//! crate; this stage runs it over the article's text and keeps the spans
//! outside its page furniture.

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

/// Runs the stage: fills `doc.amounts`. The tagger reads the whole text
/// at once (a model number written as a code anywhere is no amount
/// elsewhere); amounts on page furniture are dropped.
pub fn run(doc: &mut Doc) {
    let furniture: Vec<Span> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Furniture).map(|b| b.span).collect();
    doc.amounts = AMOUNTS
        .tag(&doc.text)
        .into_iter()
        .map(|a| Amount {
            span: Span::new(a.start, a.end),
            value: a.value,
            upper: a.upper,
            kind: a.kind.as_str(),
            unit: a.unit,
            object: a.object.map(|(s, e)| Span::new(s, e)),
            qualifier: a.qualifier,
        })
        .filter(|a| !furniture.iter().any(|f| f.overlaps(a.span)))
        .collect();
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
