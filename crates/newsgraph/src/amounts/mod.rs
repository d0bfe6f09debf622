//! Stage 5, amounts: numbers with what they count ("a record 267 drone
//! attacks"), money and percentages. The tagger is the `newsgraph-amounts`
//! crate; this stage runs it over the article's text and keeps the spans
//! outside its page furniture.

use crate::doc::{Amount, AmountType, BlockKind, Doc, Qualifier, Span};
use newsgraph_amounts::AmountKind;
use std::sync::LazyLock;

static AMOUNTS: LazyLock<newsgraph_amounts::Amounts> = LazyLock::new(newsgraph_amounts::Amounts::new);

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
            kind: amount_type(a.kind),
            unit: a.unit,
            object: a.object.map(|(s, e)| Span::new(s, e)),
            qualifier: a.qualifier.and_then(qualifier),
        })
        .filter(|a| !furniture.iter().any(|f| f.overlaps(a.span)))
        .collect();
}

fn amount_type(k: AmountKind) -> AmountType {
    match k {
        AmountKind::Money => AmountType::Money,
        AmountKind::Percent => AmountType::Percent,
        AmountKind::Quantity => AmountType::Quantity,
    }
}

/// The record's qualifier for the tagger's normalised one ("at least");
/// every name of the tagger's table is one (a test checks).
fn qualifier(name: &str) -> Option<Qualifier> {
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use crate::doc::{DocInput, Qualifier};

    #[test]
    fn amounts_come_with_their_object_and_offsets_into_the_text() {
        let text = "Drones at night\n\n17\n\nThe army said it downed a record 267 drone attacks overnight.\n";
        let mut d = crate::doc::Doc::new(DocInput { text: text.into(), source: "t".into(), ..Default::default() });
        crate::segment::run(&mut d);
        super::run(&mut d);
        let got: Vec<(&str, f64, Option<&str>)> = d.amounts.iter().map(|a| (d.str(a.span), a.value, a.object.map(|o| d.str(o)))).collect();
        // the furniture line "17" is not an amount
        assert_eq!(got, [("a record 267 drone attacks", 267.0, Some("drone attacks"))]);
        assert_eq!(d.amounts[0].qualifier, Some(Qualifier::Record));
    }

    #[test]
    fn every_qualifier_of_the_tagger_is_one_of_the_record() {
        for name in newsgraph_amounts::qualifier_names() {
            assert!(super::qualifier(name).is_some(), "{name:?} is no record qualifier");
        }
    }
}
