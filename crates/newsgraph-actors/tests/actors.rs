//! Exact codes for names, titles and places, against the embedded PETRARCH2
//! dictionaries and gazetteer.

use jiff::civil::date;
use newsgraph_actors::{ActorMatch, Actors, MatchHow};

fn name(s: &str, d: Option<jiff::civil::Date>) -> Option<String> {
    Actors::global().by_name(s, d).map(|m| m.code)
}

fn title(s: &str) -> Option<String> {
    Actors::global().by_title(s).map(|m| m.code)
}

fn country(s: &str) -> Option<String> {
    Actors::global().country(s)
}

const FEB_2025: Option<jiff::civil::Date> = Some(date(2025, 2, 23));

#[test]
fn putin_by_date() {
    let m = Actors::global()
        .by_name("Vladimir Putin", FEB_2025)
        .unwrap();
    assert_eq!(
        m,
        ActorMatch {
            code: "RUSGOV".into(),
            name: "VLADIMIR_PUTIN".into(),
            how: MatchHow::Name
        }
    );
    assert_eq!(name("Putin", FEB_2025).as_deref(), Some("RUSGOV"));
    // Before office: the dictionary's "elite" code.
    assert_eq!(
        name("Putin", Some(date(1995, 1, 1))).as_deref(),
        Some("RUSELI")
    );
    // Inside the first presidency's range.
    assert_eq!(
        name("Putin", Some(date(2001, 6, 1))).as_deref(),
        Some("RUSGOV")
    );
    // Before all ranges: the undated default.
    assert_eq!(
        name("Putin", Some(date(1960, 1, 1))).as_deref(),
        Some("RUSELI")
    );
    // No date: the open-ended range.
    assert_eq!(name("Vladimir Putin", None).as_deref(), Some("RUSGOV"));
}

#[test]
fn transliteration_variants() {
    // The dictionary spells him SERGEY_LAVROV.
    let m = Actors::global().by_name("Sergei Lavrov", FEB_2025).unwrap();
    assert_eq!(
        (m.code.as_str(), m.name.as_str()),
        ("RUSGOV", "SERGEY_LAVROV")
    );
    // No synonym lists "Sergei Naryshkin": the phonetic key finds SERGEY_NARYSHKIN.
    assert_eq!(
        name("Sergei Naryshkin", Some(date(2006, 1, 1))).as_deref(),
        Some("RUSGOV")
    );
    let m = Actors::global()
        .by_name("Dmitri Medvedev", FEB_2025)
        .unwrap();
    assert_eq!(m.name, "DMITRY_MEDVEDEV");
}

#[test]
fn surnames_and_given_names() {
    // The dictionary lists "+KHAMENEI" alone as his name.
    assert_eq!(name("Khamenei", FEB_2025).as_deref(), Some("IRNGOV"));
    // The dictionary writes "Ali" among his given names.
    assert_eq!(name("Ali Khamenei", FEB_2025).as_deref(), Some("IRNGOV"));
    // KHOMEINI is derived from AYATOLLAH_RUHOLLAH_KHOMEINI: with a given
    // name only.
    assert_eq!(
        name("Ruhollah Khomeini", FEB_2025).as_deref(),
        Some("IRNELI")
    );
    assert_eq!(name("Khomeini", FEB_2025), None);
    // A common surname that one minister in the dictionaries happens to
    // have (FRANK_SAVAGE) is not matched alone.
    assert_eq!(name("Savage", FEB_2025), None);
}

#[test]
fn bare_agent_codes_join_their_owner() {
    // KOFI_ANNAN_ [IGOUNO 970101-061231] [ELI]: after office, UN elite.
    assert_eq!(
        name("Kofi Annan", Some(date(2000, 1, 1))).as_deref(),
        Some("IGOUNO")
    );
    assert_eq!(
        name("Kofi Annan", Some(date(2015, 1, 1))).as_deref(),
        Some("IGOUNOELI")
    );
}

#[test]
fn articles_and_countries() {
    // The dictionary writes THE_ISLAMIC_STATE, from 2013-04-08 on.
    assert_eq!(
        name("Islamic State", Some(date(2015, 6, 1))).as_deref(),
        Some("IMGMUSISI")
    );
    assert_eq!(name("Islamic State", Some(date(2010, 6, 1))), None);
    let m = Actors::global().by_name("Ukraine", None).unwrap();
    assert_eq!((m.code.as_str(), m.how), ("UKR", MatchHow::Country));
}

#[test]
fn titles_before_a_name_are_skipped() {
    assert_eq!(
        name("Russian President Vladimir Putin", FEB_2025).as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(name("Mr Putin", FEB_2025).as_deref(), Some("RUSGOV"));
    assert_eq!(name("Russia's Putin", FEB_2025).as_deref(), Some("RUSGOV"));
    // The possessive of a word that is no country or organisation is part
    // of the name, and what follows it is a country of its own.
    assert_eq!(name("Democratic People's Republic of Korea", None), None);
    assert_eq!(
        country("Democratic People's Republic of Korea").as_deref(),
        Some("PRK")
    );
    // A stripped title must leave a name, not a role word that PETRARCH
    // happens to list as a synonym.
    assert_eq!(name("President", FEB_2025), None);
    assert_eq!(name("Liberation Organization", FEB_2025), None);
    // A place word is a title only before another title word: "Paris" is
    // Paris Hilton's given name, and no Hilton in the dictionaries is a Paris.
    assert_eq!(name("Paris Hilton", FEB_2025), None);
    // A title alone is no name.
    assert_eq!(name("the Ukrainian leader", FEB_2025), None);
    assert_eq!(name("leader", FEB_2025), None);
}

#[test]
fn organisations() {
    assert_eq!(name("NATO", FEB_2025).as_deref(), Some("IGOWSTNAT"));
    assert_eq!(
        name("North Atlantic Treaty Organization", None).as_deref(),
        Some("IGOWSTNAT")
    );
    assert_eq!(name("Hamas", FEB_2025).as_deref(), Some("PSEREBHMS"));
    // From this crate's metonym table.
    assert_eq!(name("the Kremlin", FEB_2025).as_deref(), Some("RUSGOV"));
    assert_eq!(name("EU", FEB_2025).as_deref(), Some("IGOEUREEC"));
    assert_eq!(country("EU"), None);
}

#[test]
fn unknown_and_ambiguous_names() {
    assert_eq!(name("Jane Qwertyson", FEB_2025), None);
    // Past the dictionaries' end (they stop around 2016-2019).
    assert_eq!(name("Zelensky", FEB_2025), None);
    // Two presidents Bush, two Clintons: a surname alone must name one person.
    assert_eq!(name("Bush", FEB_2025), None);
    assert_eq!(name("Clinton", FEB_2025), None);
    // Several Castros have a given name with R: the initial does not decide.
    let y2015 = Some(date(2015, 1, 1));
    assert_eq!(name("Raul Castro", y2015).as_deref(), Some("CUBGOV"));
    assert_eq!(name("R. Castro", y2015), None);
    // Transliteration of both names: SERGEY_SHOYGU.
    assert_eq!(name("Sergei Shoigu", y2015).as_deref(), Some("RUSGOVMIL"));
    // A unique surname, but another given name: another person.
    assert_eq!(name("Alexander Lavrov", FEB_2025), None);
    assert_eq!(name("", None), None);
}

#[test]
fn titles() {
    assert_eq!(title("Ukraine's president").as_deref(), Some("UKRGOV"));
    assert_eq!(title("Kremlin spokesman").as_deref(), Some("RUSGOV"));
    assert_eq!(title("US Secretary of State").as_deref(), Some("USAGOV"));
    assert_eq!(title("Russian Foreign Minister").as_deref(), Some("RUSGOV"));
    assert_eq!(title("French President").as_deref(), Some("FRAGOV"));
    assert_eq!(title("the Ukrainian leader").as_deref(), Some("UKRGOV"));
    assert_eq!(title("UN Secretary-General").as_deref(), Some("IGOUNO"));
    let m = Actors::global().by_title("Ukraine's president").unwrap();
    assert_eq!(
        (m.name.as_str(), m.how),
        ("UKRAINE+PRESIDENT", MatchHow::Title)
    );
}

#[test]
fn title_roles_and_holders() {
    // A metonym's own agent: the Pentagon is the armed forces.
    assert_eq!(title("Pentagon spokesman").as_deref(), Some("USAMIL"));
    // A spokesman takes the agent of whom he speaks for.
    assert_eq!(title("Ukrainian army spokesman").as_deref(), Some("UKRMIL"));
    assert_eq!(title("Hamas spokesman").as_deref(), Some("PSEREBHMS"));
    // PETRARCH's "DEFENCE_MINIST" is a stem: minister, ministry.
    assert_eq!(
        title("Russia's defence ministry").as_deref(),
        Some("RUSGOVMIL")
    );
    assert_eq!(
        title("EU foreign policy chief").as_deref(),
        Some("IGOEUREEC")
    );
    // A capital stands for its country.
    assert_eq!(title("Moscow's ambassador").as_deref(), Some("RUSGOV"));
    // The place after "to" is where the envoy goes, not whose he is.
    assert_eq!(
        title("Russian ambassador to Ukraine").as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(title("envoy to Ukraine"), None);
    // A group after a nationality is the narrower principal; an IGO is not.
    assert_eq!(title("Lebanese Hezbollah chief").as_deref(), Some("LBNREB"));
    assert_eq!(title("Russian UN envoy").as_deref(), Some("RUSGOV"));
    // A patron is not the holder either.
    assert_eq!(title("Iran-backed Hezbollah").as_deref(), Some("LBNREB"));
    assert_eq!(title("Russian-backed separatists"), None);
    assert_eq!(title("Ukrainian soldiers").as_deref(), Some("UKRMIL"));
    assert_eq!(
        title("a senior Ukrainian official").as_deref(),
        Some("UKRGOV")
    );
    assert_eq!(
        title("President Volodymyr Zelenskyy of Ukraine").as_deref(),
        Some("UKRGOV")
    );
    assert_eq!(title("Iran's supreme leader").as_deref(), Some("IRNGOV"));
    // Out of office: PETRARCH's "elite".
    assert_eq!(title("ex-president of Brazil").as_deref(), Some("BRAELI"));
    assert_eq!(title("former US president").as_deref(), Some("USAELI"));
    // A known person's possessive: their country.
    assert_eq!(title("Putin's spokesman").as_deref(), Some("RUSGOV"));
    assert_eq!(
        title("President Putin's chief of staff").as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(title("Jane Qwertyson's spokesman"), None);
    // A country without a role is no title.
    assert_eq!(title("Ukrainian"), None);
    assert_eq!(title("president"), None);
}

#[test]
fn places() {
    assert_eq!(country("Kyiv").as_deref(), Some("UKR"));
    assert_eq!(country("Kiev").as_deref(), Some("UKR"));
    assert_eq!(country("Moscow").as_deref(), Some("RUS"));
    assert_eq!(country("Ukrainian").as_deref(), Some("UKR"));
    assert_eq!(country("Washington").as_deref(), Some("USA"));
    assert_eq!(country("Ukraine").as_deref(), Some("UKR"));
    assert_eq!(country("Britain").as_deref(), Some("GBR"));
    // Metonyms and regions name their country; "the" is no part of a name.
    assert_eq!(country("the Kremlin").as_deref(), Some("RUS"));
    assert_eq!(country("Crimea").as_deref(), Some("UKR"));
    assert_eq!(country("Kashmir"), None);
    // The country before the US state.
    assert_eq!(country("Georgia").as_deref(), Some("GEO"));
    // A city by population: Birmingham, England before Birmingham, Alabama.
    assert_eq!(country("Birmingham").as_deref(), Some("GBR"));
    assert_eq!(country("São Paulo").as_deref(), Some("BRA"));
    // A demonym of two countries names neither.
    assert_eq!(country("Dominican"), None);
    assert_eq!(country("Nowhereville"), None);
}

#[test]
fn table_sizes() {
    // The vendored dictionaries are fixed: these counts change only when
    // the reading of their format does.
    let s = Actors::global().stats();
    assert_eq!(s.actors, 26_082, "{s:?}");
    assert_eq!(s.spans, 36_160, "{s:?}");
    assert_eq!(s.bad_dates, 7, "{s:?}");
    assert!(s.persons > 18_000, "{s:?}");
    assert!(s.title_patterns > 19_000, "{s:?}");
    assert!(s.place_keys > 36_000, "{s:?}");
}

proptest::proptest! {
    // Mentions come from real text: any string, accents, quotes and
    // possessives included, gives an answer and no panic.
    #[test]
    fn any_text_is_safe(s in "[\\PC’'.\\- ]{0,60}") {
        let a = Actors::global();
        let _ = a.by_name(&s, FEB_2025);
        let _ = a.by_name(&s, None);
        let _ = a.by_title(&s);
        let _ = a.country(&s);
    }
}

#[test]
fn given_names_are_first_names_of_listed_people() {
    let names: std::collections::HashSet<String> = newsgraph_actors::given_names().collect();
    assert!(names.len() > 5000, "{}", names.len());
    for n in ["volodymyr", "donald", "emmanuel", "sergei"] {
        assert!(names.contains(n), "{n}");
    }
    for n in ["the", "sir", "president", "new"] {
        assert!(!names.contains(n), "{n}");
    }
}

#[test]
fn a_country_institution_is_coded_by_its_title() {
    assert_eq!(title("Ukraine's air force").as_deref(), Some("UKRMIL"));
    assert_eq!(title("Russia's TASS news agency").as_deref(), Some("RUSMED"));
    assert_eq!(title("European Council President").as_deref(), Some("IGOEUREEC"));
}
