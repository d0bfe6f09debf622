//! One test per pattern family, on sentences written for these tests.

use newsgraph_amounts::{Amount, AmountKind, Amounts};
use std::sync::OnceLock;

fn tagger() -> &'static Amounts {
    static T: OnceLock<Amounts> = OnceLock::new();
    T.get_or_init(Amounts::new)
}

fn all(text: &str) -> Vec<Amount> {
    tagger().tag(text)
}

/// The only amount of `text`.
fn one(text: &str) -> Amount {
    let v = all(text);
    assert_eq!(v.len(), 1, "expected one amount in {text:?}, got {v:#?}");
    v.into_iter().next().unwrap()
}

fn phrase<'a>(text: &'a str, a: &Amount) -> &'a str {
    &text[a.start..a.end]
}

fn number<'a>(text: &'a str, a: &Amount) -> &'a str {
    &text[a.number.0..a.number.1]
}

fn object<'a>(text: &'a str, a: &Amount) -> Option<&'a str> {
    a.object.map(|(s, e)| &text[s..e])
}

fn none(text: &str) {
    let v = all(text);
    assert!(v.is_empty(), "expected no amount in {text:?}, got {v:#?}");
}

#[test]
fn qualifier_with_article_and_counted_object() {
    // The general rule behind the seed's "a record 267 drone attacks".
    let t =
        "The navy said it had intercepted a record 312 missile strikes overnight, officials added.";
    let a = one(t);
    assert_eq!(phrase(t, &a), "a record 312 missile strikes");
    assert_eq!(a.value, 312.0);
    assert_eq!(a.qualifier, Some("record"));
    assert_eq!(object(t, &a), Some("missile strikes"));
    assert_eq!(number(t, &a), "312");
    assert_eq!(a.kind, AmountKind::Quantity);
    assert_eq!((a.start, a.end), (33, 61));
}

#[test]
fn object_ends_before_verb_preposition_punctuation() {
    let t = "Rescuers found 14 stranded hikers near the ridge.";
    let a = one(t);
    assert_eq!(object(t, &a), Some("stranded hikers"));
    let t = "Some 40 protesters were arrested.";
    let a = one(t);
    assert_eq!(phrase(t, &a), "Some 40 protesters");
    assert_eq!(a.qualifier, Some("about"));
    let t = "The club signed 3 goalkeepers, 2 defenders and a striker.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert_eq!(object(t, &v[0]), Some("goalkeepers"));
    assert_eq!(object(t, &v[1]), Some("defenders"));
    // A participle after a plural noun starts a clause.
    let t = "About 800 villagers attended the funeral.";
    let a = one(t);
    assert_eq!(object(t, &a), Some("villagers"));
}

#[test]
fn digits_with_separators_and_decimals() {
    let t = "The fund now holds 1,200 paintings and 3.5 tonnes of silver.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].value, 1200.0);
    assert_eq!(number(t, &v[0]), "1,200");
    assert_eq!(object(t, &v[0]), Some("paintings"));
    assert_eq!(v[1].value, 3.5);
    assert_eq!(v[1].unit.as_deref(), Some("t"));
    assert_eq!(object(t, &v[1]), Some("silver"));
    assert_eq!(phrase(t, &v[1]), "3.5 tonnes of silver");
}

#[test]
fn scales_written_and_glued() {
    let t = "Roughly 1.5 million voters stayed home.";
    let a = one(t);
    assert_eq!(a.value, 1_500_000.0);
    assert_eq!(number(t, &a), "1.5 million");
    assert_eq!(a.qualifier, Some("about"));
    let t = "The port handled 40 billion tonnes in ten years? No: 40bn litres.";
    let v = all(t);
    assert_eq!(v[0].value, 40e9);
    assert_eq!(v.last().unwrap().value, 40e9);
    assert_eq!(v.last().unwrap().unit.as_deref(), Some("l"));
}

#[test]
fn money_symbols_prefixes_and_words() {
    let cases: &[(&str, &str, f64, &str)] = &[
        (
            "The ministry approved a $40 billion package on Tuesday.",
            "$40 billion package",
            40e9,
            "USD",
        ),
        (
            "It signed a US$40 billion deal.",
            "US$40 billion deal",
            40e9,
            "USD",
        ),
        (
            "Lenders wrote off £20.1 billion, the report said.",
            "£20.1 billion",
            20.1e9,
            "GBP",
        ),
        ("The club paid €5m for the winger.", "€5m", 5e6, "EUR"),
        (
            "Exports reached 40 billion dollars last year.",
            "40 billion dollars",
            40e9,
            "USD",
        ),
        (
            "The state will spend Rs 500 crore on roads.",
            "Rs 500 crore",
            5e9,
            "INR",
        ),
        ("Tickets cost AU$52.5 each.", "AU$52.5", 52.5, "AUD"),
        ("Each share earned 26 cents.", "26 cents", 0.26, "USD"),
        (
            "A cabinet of GB #13 billion was planned.",
            "GB #13 billion",
            13e9,
            "GBP",
        ),
        ("Brokers raised $3bn in a week.", "$3bn", 3e9, "USD"),
    ];
    for (t, p, v, iso) in cases {
        let a = one(t);
        assert_eq!(phrase(t, &a), *p, "{t}");
        assert_eq!(a.kind, AmountKind::Money, "{t}");
        assert!((a.value - v).abs() < 1e-6 * v.max(1.0), "{t}: {}", a.value);
        assert_eq!(a.unit.as_deref(), Some(*iso), "{t}");
    }
}

#[test]
fn hash_sign_without_scale_is_a_label() {
    none("She was ranked #3 in the world.");
}

#[test]
fn percentages() {
    for (t, p) in [
        ("Turnout rose by 12% in the capital.", "12%"),
        ("Turnout rose by 12 percent in the capital.", "12 percent"),
        ("Turnout rose by 12 per cent in the capital.", "12 per cent"),
        (
            "Rates climbed 0.25 percentage points.",
            "0.25 percentage points",
        ),
    ] {
        let a = one(t);
        assert_eq!(phrase(t, &a), p);
        assert_eq!(a.kind, AmountKind::Percent);
    }
    let t = "Nearly 70% of the voters backed the plan.";
    let a = one(t);
    assert_eq!(a.value, 70.0);
    assert_eq!(a.unit.as_deref(), Some("%"));
    assert_eq!(a.qualifier, Some("nearly"));
    assert_eq!(object(t, &a), Some("voters"));
}

#[test]
fn number_words() {
    let t = "Two ferries and twenty-five trucks crossed.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert_eq!((v[0].value, object(t, &v[0])), (2.0, Some("ferries")));
    assert_eq!((v[1].value, number(t, &v[1])), (25.0, "twenty-five"));
    let t = "Police detained a dozen fans.";
    let a = one(t);
    assert_eq!(
        (a.value, number(t, &a), object(t, &a)),
        (12.0, "a dozen", Some("fans"))
    );
    let t = "Hundreds of residents fled.";
    let a = one(t);
    assert_eq!(
        (a.value, phrase(t, &a), object(t, &a)),
        (100.0, "Hundreds of residents", Some("residents"))
    );
    let t = "The firm will cut three thousand two hundred and fifty jobs.";
    let a = one(t);
    assert_eq!(a.value, 3250.0);
    assert_eq!(object(t, &a), Some("jobs"));
    let t = "Half a million people and a couple of officers came.";
    let v = all(t);
    assert_eq!((v[0].value, object(t, &v[0])), (500_000.0, Some("people")));
    assert_eq!(
        (v[1].value, number(t, &v[1]), object(t, &v[1])),
        (2.0, "a couple", Some("officers"))
    );
    none("A couple who met in 1990 said so.");
    let t = "Some 1.5m people voted behind a 100m wall.";
    let v = all(t);
    assert_eq!((v[0].value, v[0].unit.as_deref()), (1.5e6, None));
    assert_eq!((v[1].value, v[1].unit.as_deref()), (100.0, Some("m")));
    let t = "Tens of thousands of people marched.";
    let a = one(t);
    assert_eq!(a.value, 10_000.0);
    assert_eq!(object(t, &a), Some("people"));
    let t = "It lost hundreds of millions of pounds sterling.";
    let a = one(t);
    assert_eq!((a.value, a.unit.as_deref()), (1e8, Some("GBP")));
    assert_eq!(phrase(t, &a), "hundreds of millions of pounds sterling");
    let t = "The scheme cost billions of dollars.";
    let a = one(t);
    assert_eq!(
        (a.kind, a.value, a.unit.as_deref()),
        (AmountKind::Money, 1e9, Some("USD"))
    );
}

#[test]
fn fractions() {
    let t = "Two-thirds of the members voted, and about half of the staff left.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert!((v[0].value - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(number(t, &v[0]), "Two-thirds");
    assert_eq!(
        (v[1].value, v[1].qualifier, object(t, &v[1])),
        (0.5, Some("about"), Some("staff"))
    );
    none("Sales rose in the final quarter and the second half.");
    let t = "A third of the seats went to a fifth party for a third time.";
    let a = one(t);
    assert_eq!((phrase(t, &a), a.ordinal), ("A third of the seats", false));
    assert!((a.value - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn modifier_before_the_object() {
    let t = "The alliance will send 5,000 more troops and 15 other vehicles.";
    let v = all(t);
    assert_eq!(phrase(t, &v[0]), "5,000 more troops");
    assert_eq!(object(t, &v[0]), Some("troops"));
    assert_eq!(object(t, &v[1]), Some("vehicles"));
    none("The war may last two more years.");
}

#[test]
fn decimals_are_exact() {
    let t = "Prices rose 0.3% and fell 2.675 points.";
    let v = all(t);
    assert_eq!(v[0].value, 0.3);
    assert_eq!(v[1].value, 2.675);
}

#[test]
fn dozens_alone_count() {
    let t = "Dozens were hurt as thousands marched.";
    let v = all(t);
    assert_eq!(
        v.iter().map(|a| a.value).collect::<Vec<_>>(),
        vec![12.0, 1000.0]
    );
}

#[test]
fn bare_one_is_not_counted() {
    none("It was one of the worst storms, and no one left.");
    let t = "One million households lost power.";
    let a = one(t);
    assert_eq!(a.value, 1e6);
}

#[test]
fn qualifiers() {
    for (t, q) in [
        ("At least 30 miners died.", "at least"),
        ("More than 30 miners died.", "more than"),
        ("About 30 miners died.", "about"),
        ("Nearly 30 miners died.", "nearly"),
        ("Up to 30 miners died.", "up to"),
        ("An estimated 30 miners died.", "estimated"),
        ("As many as 30 miners died.", "up to"),
    ] {
        let a = one(t);
        assert_eq!(a.qualifier, Some(q), "{t}");
        assert_eq!(a.start, 0, "{t}");
        assert_eq!(object(t, &a), Some("miners"), "{t}");
    }
}

#[test]
fn ranges() {
    let t = "Analysts expect growth of 15-20% next year.";
    let a = one(t);
    assert_eq!(
        (a.value, a.upper, a.kind),
        (15.0, Some(20.0), AmountKind::Percent)
    );
    let t = "The bill would cost between $12 million and $20 million.";
    let a = one(t);
    assert_eq!(phrase(t, &a), "between $12 million and $20 million");
    assert_eq!((a.value, a.upper), (12e6, Some(20e6)));
    assert_eq!(a.qualifier, Some("between"));
    let t = "Some 20 to 25 percent of staff will go.";
    let a = one(t);
    assert_eq!(
        (a.value, a.upper, a.kind),
        (20.0, Some(25.0), AmountKind::Percent)
    );
    let t = "Crews read about six hundred to eight hundred letters.";
    let a = one(t);
    assert_eq!(
        (a.value, a.upper, a.qualifier),
        (600.0, Some(800.0), Some("about"))
    );
    assert_eq!(object(t, &a), Some("letters"));
    let t = "They could have scored two or three goals.";
    let a = one(t);
    assert_eq!(
        (a.value, a.upper, object(t, &a)),
        (2.0, Some(3.0), Some("goals"))
    );
    let t = "Shares rose 15 pence to 362 pence.";
    let v = all(t);
    assert_eq!(
        v.iter().map(|a| (a.value, a.upper)).collect::<Vec<_>>(),
        vec![(0.15, None), (3.62, None)]
    );
    let t = "Between 5 and 10 million trees burned.";
    let a = one(t);
    assert_eq!((a.value, a.upper), (5e6, Some(10e6)));
    assert_eq!(object(t, &a), Some("trees"));
}

#[test]
fn units() {
    let t = "The convoy drove 500km to reach 40 villages.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert_eq!((v[0].value, v[0].unit.as_deref()), (500.0, Some("km")));
    assert_eq!(phrase(t, &v[0]), "500km");
    assert_eq!(object(t, &v[1]), Some("villages"));
    let t = "The tablet has a 3.5-inch screen and 64GB of storage.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert_eq!((v[0].value, v[0].unit.as_deref()), (3.5, Some("in")));
    assert_eq!((v[1].value, v[1].unit.as_deref()), (64.0, Some("GB")));
    assert_eq!(object(t, &v[1]), Some("storage"));
    let t = "The ship sailed 9,420 nautical miles.";
    let a = one(t);
    assert_eq!(a.unit.as_deref(), Some("nmi"));
}

#[test]
fn ages_count() {
    let t = "The driver, aged 45, was unhurt.";
    assert_eq!(one(t).value, 45.0);
    let t = "A 30-year-old nurse was charged.";
    let a = one(t);
    assert_eq!((a.value, a.unit.as_deref()), (30.0, Some("years old")));
    assert_eq!(object(t, &a), Some("nurse"));
    let t = "The winner is 61 years old.";
    let a = one(t);
    assert_eq!(
        (phrase(t, &a), a.unit.as_deref(), a.object),
        ("61 years old", Some("years old"), None)
    );
}

#[test]
fn ordinals_only_where_they_count() {
    let t = "They marked the third anniversary of the flood.";
    let a = one(t);
    assert_eq!(
        (a.value, a.ordinal, object(t, &a)),
        (3.0, true, Some("anniversary"))
    );
    let t = "It looks like a 5th generation console.";
    let a = one(t);
    assert_eq!(
        (a.value, a.ordinal, object(t, &a)),
        (5.0, true, Some("generation console"))
    );
    none("She finished second, and the third day was calm.");
    none("The third-set tiebreak went to the fourth-seeded player.");
    none("He came 3rd on the 21st of March.");
    none("The 21st century began.");
}

#[test]
fn years_dates_and_times_are_not_amounts() {
    none("In 2025 the bridge reopened.");
    none("The law was passed in 1998, and amended since 2004.");
    none("The vote is on 6 March and the count on March 7, 2026.");
    none("Polls open at 10:30 and close at 9 pm.");
    none("Trains leave at 7 a.m. on Friday 13.");
    none("The meeting starts at 10.30 and ends by 12.15.");
    none("The attacks of Sept. 11 changed the city.");
    none("The talks lasted three years and the truce 41-day.");
    none("Prices doubled in the 1990s and the '80s.");
    none("He served between 2014 and 2016.");
    let t = "Some 2000 delegates came.";
    assert_eq!(one(t).value, 2000.0);
}

#[test]
fn labels_codes_and_lists_are_not_amounts() {
    none("He lives at No. 10 and drives on Route 66.");
    none("The G7 met about COVID-19 and bought F-16 jets.");
    none("Boeing 787 and Airbus A380 jets landed.");
    none("Call 555-1234 or +44 20 7946 0958.");
    none("1. Buy bread\n2. Feed the cat\n");
    none("Leeds (A) 4 0 1 3 2 10 1");
    none("Version 2.0.1 fixed it.");
    none("See post 6724255472012943 for details.");
    none("Users of Safari 4.0 and Windows 10 were hit.");
    none("The 3G and 4G networks cover it.");
    none("Crowds gathered at 10 Downing Street and outside a 7-Eleven store.");
    none("The song made the top 10 of the charts.");
    none("Almost 1 in 3 said so.");
}

#[test]
fn model_numbers_named_elsewhere_as_codes() {
    // "737" is also written "737-800": alone it names the model.
    let t = "The 737-800 is popular. Airlines bought the 737 widely; 55 airlines fly it.";
    let v = all(t);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].value, 55.0);
}

#[test]
fn durations_are_left_to_the_time_tagger() {
    none("The siege lasted four months.");
    none("Work on the fifty-year plan began.");
    none("They endured 48 hours of shelling and twenty working days of talks.");
    none("Members sign a billion-year pledge.");
}

#[test]
fn scores_and_enumerators_are_not_amounts() {
    none("Lyon beat Nantes 3 – 0 after a 1 – 1 draw.");
    none("You either 1) pay, or 2) leave.");
    none("The final score was 0.");
}

#[test]
fn between_qualifies_only_a_range() {
    let t = "She chose between two offers.";
    let a = one(t);
    assert_eq!((a.qualifier, phrase(t, &a)), (None, "two offers"));
}

#[test]
fn plural_noun_ends_the_object() {
    let t = "About 9,000 Danes voted and 55 airlines fly there.";
    let v = all(t);
    assert_eq!(v.len(), 2);
    assert_eq!(object(t, &v[0]), Some("Danes"));
    assert_eq!(object(t, &v[1]), Some("airlines"));
    // A participle after a singular noun starts a clause.
    let t = "A 6.1 tremor jolted the coast 40km north of the port.";
    let v = all(t);
    assert_eq!(object(t, &v[0]), Some("tremor"));
    assert_eq!((phrase(t, &v[1]), v[1].object), ("40km", None));
    let t = "Polls show 42 percent favored Smith, and 12 of the 19 contain errors.";
    let v = all(t);
    assert_eq!((phrase(t, &v[0]), v[0].object), ("42 percent", None));
    assert_eq!(v.last().map(|a| (a.value, a.object)), Some((19.0, None)));
    // A time after a rate is no object.
    let t = "Exports grew 7% year on year.";
    assert_eq!(phrase(t, &one(t)), "7%");
    let t = "Police questioned 30 arms dealers.";
    assert_eq!(object(t, &one(t)), Some("arms dealers"));
}

#[test]
fn kind_serialises_upper_case() {
    assert_eq!(
        serde_json::to_string(&AmountKind::Money).unwrap(),
        "\"MONEY\""
    );
    assert_eq!(
        serde_json::to_string(&AmountKind::Percent).unwrap(),
        "\"PERCENT\""
    );
    assert_eq!(
        serde_json::to_string(&AmountKind::Quantity).unwrap(),
        "\"QUANTITY\""
    );
    assert_eq!(AmountKind::Quantity.as_str(), "QUANTITY");
}

#[test]
fn offsets_are_bytes_and_sorted() {
    let t = "Über 3 Läufer – «über» 12 Millionen? Nein: 4 Züge und 5 Boote.";
    let v = all(t);
    for w in v.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    for a in &v {
        assert!(t.is_char_boundary(a.start) && t.is_char_boundary(a.end));
    }
    let t = "Officials counted 4 “ghost” ships";
    let a = &all(t)[0];
    assert_eq!(number(t, a), "4");
}
