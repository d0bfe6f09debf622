use newsgraph_minhash::{estimate_similarity, Dedup};

/// A short news story written for these tests.
const PARAS: [&str; 4] = [
    "The Riverton city council voted 7 to 2 on Tuesday to build a footbridge across the Mill River, ending a debate that had lasted almost three years.",
    "Supporters said the bridge would cut the walk from the east side to the train station by twenty minutes, while opponents questioned its cost.",
    "Construction is expected to begin in the spring and to last about fourteen months, according to the city engineer, Dana Whitfield.",
    "The project will be paid for by a state transport grant and by the sale of an unused parking lot near the old mill.",
];

fn wire_story() -> String {
    PARAS.join("\n\n")
}

#[test]
fn syndicated_copies_point_to_the_first_copy() {
    let mut d = Dedup::new();
    let original = wire_story();
    // A second outlet adds a dateline and drops the last paragraph.
    let copy = format!("RIVERTON (Wire) \u{2014} {}", PARAS[..3].join("\n\n"));
    // A third reworded nothing but the first sentence's verb and the credit line.
    let copy2 = format!("{}\n\nReporting by Sam Porter; editing by Lee Chan.", wire_story().replace("voted 7 to 2", "decided 7 to 2"));
    let other = "Riverton's library will stay open until nine in the evening on weekdays from next month, the library board said on Wednesday after a survey of readers.";
    assert_eq!(d.check("a", &original), None);
    assert_eq!(d.check("b", other), None);
    assert_eq!(d.check("c", &copy).as_deref(), Some("a"));
    assert_eq!(d.check("d", &copy2).as_deref(), Some("a"));
    assert_eq!(d.check("e", other).as_deref(), Some("b"));
    assert_eq!(d.check("f", ""), None);
}

#[test]
fn same_topic_different_story_is_not_a_duplicate() {
    let a = wire_story();
    let b = "The Riverton city council postponed its vote on the Mill River footbridge on Tuesday after residents asked for a study of its cost and of the traffic on the east side near the train station.";
    assert!(estimate_similarity(&a, b) < 0.2);
    let mut d = Dedup::new();
    assert_eq!(d.check("a", &a), None);
    assert_eq!(d.check("b", b), None);
}

#[test]
fn similarity_is_one_for_identical_texts_and_case_blind() {
    assert_eq!(estimate_similarity(&wire_story(), &wire_story().to_uppercase()), 1.0);
}
