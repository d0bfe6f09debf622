//! Each attribution pattern on sentences written for these tests.

use super::*;
use crate::doc::DocInput;

fn run_text(text: &str) -> Doc {
    let mut doc = Doc::new(DocInput::from_text("t.txt", text));
    crate::segment::run(&mut doc);
    run(&mut doc);
    doc
}

type Q = (QuoteKind, String, Option<String>, Option<String>);

/// (kind, content, speaker, cue) of every quote.
fn quotes(text: &str) -> Vec<Q> {
    let doc = run_text(text);
    doc.quotes
        .iter()
        .map(|q| (q.kind, doc.str(q.content).to_string(), q.speaker.map(|s| doc.str(s.span).to_string()), q.cue.map(|c| doc.str(c).to_string())))
        .collect()
}

fn q(kind: QuoteKind, content: &str, speaker: Option<&str>, cue: Option<&str>) -> Q {
    (kind, content.to_string(), speaker.map(str::to_string), cue.map(str::to_string))
}

use QuoteKind::*;

// ---- quotation marks

#[test]
fn curly_straight_and_guillemet_marks_pair() {
    assert_eq!(quotes("“We will rebuild the bridge,” the mayor said."), vec![q(Direct, "We will rebuild the bridge,", Some("the mayor"), Some("said"))]);
    assert_eq!(quotes("\"We will rebuild the bridge,\" the mayor said."), vec![q(Direct, "We will rebuild the bridge,", Some("the mayor"), Some("said"))]);
    assert_eq!(quotes("«We will rebuild the bridge», the mayor said."), vec![q(Direct, "We will rebuild the bridge", Some("the mayor"), Some("said"))]);
    assert_eq!(quotes("„We will rebuild the bridge“, the mayor said."), vec![q(Direct, "We will rebuild the bridge", Some("the mayor"), Some("said"))]);
}

#[test]
fn apostrophes_are_not_marks_and_nested_quotes_stay_inside() {
    assert_eq!(
        quotes("“The farmers’ union called it ‘theft’ and Paris’s mayor agreed,” Dupont said."),
        vec![q(Direct, "The farmers’ union called it ‘theft’ and Paris’s mayor agreed,", Some("Dupont"), Some("said"))]
    );
}

#[test]
fn a_quote_over_paragraphs_reopens_each_paragraph() {
    let text = "The minister said: “Prices will fall next year.\n\n“Wages will rise faster than prices.\n\n“Nobody will be worse off.”\n\nOther news followed.";
    assert_eq!(
        quotes(text),
        vec![
            q(Direct, "Prices will fall next year.", Some("The minister"), Some("said")),
            q(Direct, "Wages will rise faster than prices.", Some("The minister"), Some("said")),
            q(Direct, "Nobody will be worse off.", Some("The minister"), Some("said")),
        ]
    );
}

#[test]
fn markup_attribute_values_are_not_quotes() {
    assert_eq!(quotes("<post id=\"12345\" author=\"@desk\">Rain tomorrow.</post>"), vec![]);
}

// ---- frames after the quote

#[test]
fn quote_then_speaker_then_verb() {
    assert_eq!(quotes("“The port is closed,” Ahmed Karimi told reporters."), vec![q(Direct, "The port is closed,", Some("Ahmed Karimi"), Some("told"))]);
}

#[test]
fn quote_then_verb_then_speaker() {
    assert_eq!(
        quotes("“The port is closed,” said Ahmed Karimi, the harbour master."),
        vec![q(Direct, "The port is closed,", Some("Ahmed Karimi"), Some("said"))]
    );
}

#[test]
fn quote_then_speaker_with_appositive() {
    assert_eq!(
        quotes("“The port is closed,” Ahmed Karimi, who runs the harbour authority in the south of the country, said on Monday."),
        vec![q(Direct, "The port is closed,", Some("Ahmed Karimi"), Some("said"))]
    );
}

#[test]
fn question_quote_then_pronoun() {
    assert_eq!(quotes("“Who will pay for it?” she asked."), vec![q(Direct, "Who will pay for it?", Some("she"), Some("asked"))]);
}

#[test]
fn added_after_a_quote() {
    assert_eq!(quotes("“Talks will resume soon,” the envoy added."), vec![q(Direct, "Talks will resume soon,", Some("the envoy"), Some("added"))]);
}

// ---- frames before the quote

#[test]
fn speaker_said_colon_quote() {
    assert_eq!(
        quotes("The governor said: “We are ready for the storm.”"),
        vec![q(Direct, "We are ready for the storm.", Some("The governor"), Some("said"))]
    );
}

#[test]
fn speaker_told_addressee_colon_quote() {
    let doc = run_text("Karimi told the BBC: “The port is closed.”");
    let qt = &doc.quotes[0];
    assert_eq!(doc.str(qt.content), "The port is closed.");
    assert_eq!(doc.str(qt.speaker.unwrap().span), "Karimi");
    assert_eq!(doc.str(qt.addressee.unwrap()), "the BBC");
}

#[test]
fn participle_after_a_clause_takes_the_clause_subject() {
    assert_eq!(
        quotes("The union called a strike on Friday, stating: “Our members have waited long enough.”"),
        vec![q(Direct, "Our members have waited long enough.", Some("The union"), Some("stating"))]
    );
}

// ---- partial quotes

#[test]
fn naming_verbs_attribute_a_quoted_word() {
    assert_eq!(quotes("Senator Reyes branded the plan a “disaster”."), vec![q(Partial, "disaster", Some("Senator Reyes"), Some("branded"))]);
    assert_eq!(
        quotes("The agency described the results as “encouraging”."),
        vec![q(Partial, "encouraging", Some("The agency"), Some("described"))]
    );
}

#[test]
fn participle_with_its_own_subject() {
    assert_eq!(
        quotes("The ministry welcomed the deal, with spokeswoman Lena Holm calling it “historic”."),
        vec![q(Partial, "historic", Some("spokeswoman Lena Holm"), Some("calling"))]
    );
}

#[test]
fn scare_quotes_without_a_speaker_are_dropped() {
    assert_eq!(quotes("The so-called “reform package” reached the floor in May."), vec![]);
}

// ---- no cue: continuation

#[test]
fn a_quote_continues_in_the_same_paragraph() {
    assert_eq!(
        quotes("“We lost the harvest,” Maria Lopez said. “Now we have nothing to sell.”"),
        vec![
            q(Direct, "We lost the harvest,", Some("Maria Lopez"), Some("said")),
            q(Direct, "Now we have nothing to sell.", Some("Maria Lopez"), Some("said")),
        ]
    );
}

#[test]
fn a_quote_paragraph_continues_the_previous_speaker() {
    assert_eq!(
        quotes("“We lost the harvest,” Maria Lopez said.\n\n“Now we have nothing to sell.”"),
        vec![
            q(Direct, "We lost the harvest,", Some("Maria Lopez"), Some("said")),
            q(Direct, "Now we have nothing to sell.", Some("Maria Lopez"), Some("said")),
        ]
    );
}

// ---- speakers

#[test]
fn organisations_and_possessive_bodies_speak() {
    assert_eq!(
        quotes("Meanwhile, Chile’s navy reported that two ships had sunk."),
        vec![q(Indirect, "two ships had sunk", Some("Chile’s navy"), Some("reported"))]
    );
}

#[test]
fn pronoun_speakers_point_to_the_last_named_speaker() {
    let doc = run_text("Maria Lopez said the harvest failed.\n\n“We have nothing to sell,” she told journalists.");
    let qt = &doc.quotes[1];
    assert_eq!(doc.str(qt.speaker.unwrap().span), "she");
    assert_eq!(qt.speaker.unwrap().antecedent.map(|a| doc.str(a)), Some("Maria Lopez"));
    assert_eq!(doc.speaker_name(&qt.speaker.unwrap()).as_deref(), Some("Maria Lopez"));
    assert_eq!(doc.str(qt.addressee.unwrap()), "journalists");
}

#[test]
fn a_description_is_a_speaker() {
    assert_eq!(
        quotes("“The border stays open,” the Polish prime minister said."),
        vec![q(Direct, "The border stays open,", Some("the Polish prime minister"), Some("said"))]
    );
}

// ---- reported speech

#[test]
fn said_that_clause() {
    assert_eq!(
        quotes("The mayor of Lyon, in remarks on the eve of the vote, claimed that turnout would be high."),
        vec![q(Indirect, "turnout would be high", Some("The mayor of Lyon"), Some("claimed"))]
    );
}

#[test]
fn said_clause_without_that_and_relative_clause_subject() {
    assert_eq!(
        quotes("Karimi, who has run the port since 2019, said he expected more ships in spring."),
        vec![q(Indirect, "he expected more ships in spring", Some("Karimi"), Some("said"))]
    );
}

#[test]
fn clause_then_speaker_said() {
    assert_eq!(quotes("The bridge will reopen in June, officials said."), vec![q(Indirect, "The bridge will reopen in June", Some("officials"), Some("said"))]);
}

#[test]
fn according_to_before_and_after() {
    assert_eq!(
        quotes("According to the weather service, the storm will reach the coast tonight."),
        vec![q(Indirect, "the storm will reach the coast tonight", Some("the weather service"), Some("According to"))]
    );
    assert_eq!(
        quotes("The storm will reach the coast tonight, according to the weather service."),
        vec![q(Indirect, "The storm will reach the coast tonight", Some("the weather service"), Some("according to"))]
    );
}

#[test]
fn told_reporters_clause() {
    let doc = run_text("The coach told reporters the team would appeal.");
    let qt = &doc.quotes[0];
    assert_eq!(doc.str(qt.content), "the team would appeal");
    assert_eq!(doc.str(qt.speaker.unwrap().span), "The coach");
    assert_eq!(doc.str(qt.addressee.unwrap()), "reporters");
}

#[test]
fn that_after_an_inserted_phrase() {
    assert_eq!(
        quotes("Ana Ruiz insisted on Tuesday — a day after the vote — that the count was fair."),
        vec![q(Indirect, "the count was fair", Some("Ana Ruiz"), Some("insisted"))]
    );
}

#[test]
fn coordinated_cue_takes_the_first_subject() {
    assert_eq!(
        quotes("The senator praised the bill and warned that costs would rise."),
        vec![q(Indirect, "costs would rise", Some("The senator"), Some("warned"))]
    );
}

#[test]
fn passive_and_infinitive_verbs_are_not_cues() {
    assert_eq!(quotes("He was told that the office had closed."), vec![]);
    assert_eq!(quotes("She declined to say whether the deal was signed."), vec![]);
}

// ---- flags

#[test]
fn claims_marked_false_or_disputed_are_flagged() {
    let doc = run_text("The candidate falsely claimed that the election was stolen.");
    assert_eq!(doc.quotes[0].flag.as_deref(), Some("false"));
    let doc = run_text("He asserted — contrary to official figures — that crime had doubled.");
    assert_eq!(doc.quotes[0].flag.as_deref(), Some("disputed"));
    assert_eq!(doc.str(doc.quotes[0].content), "crime had doubled");
    let doc = run_text("The governor said that the plant was safe.");
    assert_eq!(doc.quotes[0].flag, None);
    let doc = run_text("The senator said the vote had been rigged, without offering evidence.");
    assert_eq!(doc.str(doc.quotes[0].content), "the vote had been rigged");
    assert_eq!(doc.quotes[0].flag.as_deref(), Some("unsupported"));
}

// ---- headlines

#[test]
fn headline_quote_takes_the_speaker_of_the_body_quote() {
    let doc = run_text("Minister: ‘No Retreat’\n\nThe defence minister said there would be “no retreat” from the border.");
    let h = doc.quotes.iter().find(|q| q.kind == Headline).unwrap();
    assert_eq!(doc.str(h.content), "No Retreat");
    assert_eq!(h.speaker.map(|s| doc.str(s.span)), Some("Minister"));
}

#[test]
fn confidence_is_in_range_and_null_speakers_are_not_guessed() {
    let doc = run_text("“Nothing is decided.”\n\nThe weather was mild.");
    assert_eq!(doc.quotes.len(), 1);
    assert!(doc.quotes[0].speaker.is_none());
    for q in &doc.quotes {
        assert!((0.0..=1.0).contains(&q.confidence));
    }
}

#[test]
fn clause_then_said_and_speaker() {
    assert_eq!(
        quotes("The bridge will reopen in June, said a city engineer."),
        vec![q(Indirect, "The bridge will reopen in June", Some("a city engineer"), Some("said"))]
    );
}

#[test]
fn party_affiliation_in_parentheses_stays_with_the_name() {
    assert_eq!(
        quotes("Sen. Ann Lee (D-Ore.), noting the cost, said: “We cannot afford it.”"),
        vec![q(Direct, "We cannot afford it.", Some("Sen. Ann Lee (D-Ore.)"), Some("said"))]
    );
}

#[test]
fn a_quote_ending_in_a_period_then_speaker_and_verb() {
    assert_eq!(quotes("“We won.” she said."), vec![q(Direct, "We won.", Some("she"), Some("said"))]);
}

#[test]
fn a_colon_at_a_paragraph_end_introduces_the_next_quote() {
    assert_eq!(
        quotes("The senator told the crowd, to loud cheers:\n\n“We will not give up.”"),
        vec![q(Direct, "We will not give up.", Some("The senator"), Some("told"))]
    );
}

#[test]
fn a_quote_runs_on_into_the_next_line_without_a_new_mark() {
    let text = "“We came to learn,” Sara Noor told the press, “and we learned a lot.\nNow we want to build our own robots.”\n\nThe team flew home.";
    assert_eq!(
        quotes(text),
        vec![
            q(Direct, "We came to learn,", Some("Sara Noor"), Some("told")),
            q(Direct, "and we learned a lot.", Some("Sara Noor"), Some("told")),
            q(Direct, "Now we want to build our own robots.", Some("Sara Noor"), Some("told")),
        ]
    );
}

#[test]
fn a_long_quoted_phrase_without_a_cue_is_kept_without_a_speaker() {
    assert_eq!(
        quotes("The blog aims to close “the gap between working scientists and everyone else”."),
        vec![q(Partial, "the gap between working scientists and everyone else", None, None)]
    );
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any mix of words, marks, apostrophes and paragraph breaks: no
        /// panic, and every span is a non-empty range on char boundaries.
        #[test]
        fn spans_stay_valid(parts in proptest::collection::vec(prop_oneof![
            Just("said"), Just("told"), Just("he"), Just("Karimi"), Just("the minister"), Just("that"),
            Just("“"), Just("”"), Just("‘"), Just("’"), Just("\""), Just("'"), Just("«"), Just("»"), Just("„"),
            Just(","), Just("."), Just(":"), Just("—"), Just("("), Just(")"), Just("\n\n"), Just("\n"),
            Just("according to"), Just("claimed"), Just("Ukraine’s"), Just("é"), Just("=")
        ], 0..60), tight in any::<bool>()) {
            let text = parts.join(if tight { "" } else { " " });
            let doc = run_text(&text);
            for q in &doc.quotes {
                let mut spans = vec![q.content];
                spans.extend(q.speaker.map(|s| s.span));
                spans.extend(q.cue);
                spans.extend(q.addressee);
                for s in spans {
                    prop_assert!(s.start < s.end && (s.end as usize) <= doc.text.len());
                    prop_assert!(doc.text.is_char_boundary(s.start as usize) && doc.text.is_char_boundary(s.end as usize));
                }
                prop_assert!((0.0..=1.0).contains(&q.confidence));
            }
        }
    }
}

#[test]
fn a_speaker_phrase_with_a_complement_before_the_verb() {
    assert_eq!(
        quotes("“Nobody saw that coming,” a staffer in the room wondered."),
        vec![q(Direct, "Nobody saw that coming,", Some("a staffer"), Some("wondered"))]
    );
}

#[test]
fn a_name_and_a_colon_introduce_a_quote() {
    assert_eq!(quotes("Rivera: “We will appeal the ruling.”"), vec![q(Direct, "We will appeal the ruling.", Some("Rivera"), None)]);
    assert_eq!(
        quotes("The ministry issued the following statement:\n\n“All flights are suspended.”"),
        vec![q(Direct, "All flights are suspended.", Some("The ministry"), None)]
    );
}

#[test]
fn an_opening_subordinate_phrase_is_not_reported_speech() {
    assert_eq!(
        quotes("Asked about the strike, the manager said, “We will talk.”"),
        vec![q(Direct, "We will talk.", Some("the manager"), Some("said"))]
    );
    assert_eq!(
        quotes("When the vote ended, the count was close, officials said."),
        vec![q(Indirect, "the count was close", Some("officials"), Some("said"))]
    );
}

/// Segments `text`, gives it the entities named (with every occurrence of
/// each mention text as a mention), then runs the stage.
fn run_with_entities(text: &str, entities: &[(crate::doc::EntityType, &str, &[&str])]) -> Doc {
    use crate::doc::{Entity, Mention, MentionKind};
    let mut doc = Doc::new(DocInput::from_text("t.txt", text));
    crate::segment::run(&mut doc);
    for (kind, name, mentions) in entities {
        let mut ms = Vec::new();
        for m in *mentions {
            for (at, _) in text.match_indices(m) {
                ms.push(Mention { span: Span::new(at, at + m.len()), kind: MentionKind::Name });
            }
        }
        doc.entities.push(Entity { kind: *kind, name: name.to_string(), title: None, actor: None, mentions: ms });
    }
    run(&mut doc);
    doc
}

#[test]
fn descriptions_and_pronouns_link_to_the_entity_layer() {
    use crate::doc::EntityType::*;
    let text = "Maria Lopez said the harvest failed.\n\n“We have nothing to sell,” the farm leader said.\n\n“Prices fell,” she added.";
    let doc = run_with_entities(text, &[(Person, "Maria Lopez", &["Maria Lopez", "the farm leader"])]);
    let sp: Vec<_> = doc.quotes.iter().map(|q| (doc.str(q.speaker.unwrap().span), q.speaker.unwrap().entity)).collect();
    // the description through the entity layer's mention, the pronoun through its antecedent
    assert_eq!(sp, vec![("Maria Lopez", Some(0)), ("the farm leader", Some(0)), ("she", Some(0))]);
}

#[test]
fn a_speaker_is_linked_by_its_head_not_its_possessor() {
    use crate::doc::EntityType::*;
    let text = "Chile’s navy reported that two ships had sunk. Chile’s TASS agency reported that the port was shut.";
    let doc = run_with_entities(text, &[(Gpe, "Chile", &["Chile"]), (Org, "TASS", &["TASS"])]);
    let sp: Vec<_> = doc.quotes.iter().map(|q| (doc.str(q.speaker.unwrap().span), q.speaker.unwrap().entity)).collect();
    assert_eq!(sp, vec![("Chile’s navy", None), ("Chile’s TASS agency", Some(1))]);
}

#[test]
fn text_without_sentence_ends_stays_linear() {
    // 40,000 words with a cue every ten and marks everywhere, no full stop
    let text = "the minister said “that the plan works” and officials told reporters ".repeat(4000);
    let start = std::time::Instant::now();
    let doc = run_text(&text);
    assert!(!doc.quotes.is_empty());
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "took {:?}", start.elapsed());
}

#[test]
fn elided_years_do_not_open_quotes() {
    assert_eq!(
        quotes("The singer, a star since the '90s, said: 'I never planned any of it.'"),
        vec![q(Direct, "I never planned any of it.", Some("The singer"), Some("said"))]
    );
}

#[test]
fn relative_clauses_before_the_cue() {
    assert_eq!(
        quotes("An aide who spoke on condition of anonymity said the talks had stalled."),
        vec![q(Indirect, "the talks had stalled", Some("An aide"), Some("said"))]
    );
    assert_eq!(
        quotes("The vote went to Okafor, who said she would serve one term."),
        vec![q(Indirect, "she would serve one term", Some("Okafor"), Some("said"))]
    );
}

#[test]
fn as_someone_put_it() {
    assert_eq!(
        quotes("As one trader put it, “Nobody wants to be last.”"),
        vec![q(Direct, "Nobody wants to be last.", Some("one trader"), Some("put"))]
    );
}

#[test]
fn verbs_of_judging_report_what_they_say_of_their_object() {
    assert_eq!(
        quotes("The union criticized the deal as a giveaway to landlords."),
        vec![q(Indirect, "the deal as a giveaway to landlords", Some("The union"), Some("criticized"))]
    );
    // with a quotation, the quotation carries it
    assert_eq!(quotes("The union called the deal “a giveaway”."), vec![q(Partial, "a giveaway", Some("The union"), Some("called"))]);
}

#[test]
fn title_case_headlines_report_speech() {
    let doc = run_text("Mayor Says Bridge Will Reopen in May\n\nThe city council met on Tuesday.");
    let got: Vec<_> = doc.quotes.iter().map(|q| (q.kind, doc.str(q.content), q.speaker.map(|s| doc.str(s.span)))).collect();
    assert_eq!(got, vec![(Indirect, "Bridge Will Reopen in May", Some("Mayor"))]);
}

#[test]
fn quoted_titles_are_not_quotes() {
    assert_eq!(quotes("The senator said on “Meet the Press” that she would run."), vec![q(Indirect, "she would run", Some("The senator"), Some("said"))]);
    assert_eq!(
        quotes("She called the plan “Project Sunrise” in a speech."),
        vec![q(Partial, "Project Sunrise", Some("She"), Some("called"))]
    );
}

#[test]
fn coordinated_participles_share_their_speaker() {
    assert_eq!(
        quotes("The ministry welcomed the deal, with spokeswoman Lena Holm calling it “historic” and describing the talks as “useful”."),
        vec![
            q(Partial, "historic", Some("spokeswoman Lena Holm"), Some("calling")),
            q(Partial, "useful", Some("spokeswoman Lena Holm"), Some("describing")),
        ]
    );
}

#[test]
fn questions_and_requests_are_reported() {
    assert_eq!(
        quotes("The mayor asked the court to delay the eviction."),
        vec![q(Indirect, "the court to delay the eviction", Some("The mayor"), Some("asked"))]
    );
}
