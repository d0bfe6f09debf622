//! Every rule family with exact expected values, on sentences written for
//! these tests. Anchors: Sunday 2025-02-23 (ISO 2025-W08) unless stated.

use jiff::civil::Date;
use newsgraph_timex::{find_dateline, tag, TimexType};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// (span text, value) of every timex.
fn tags(text: &str, anchor: &str) -> Vec<(String, String)> {
    let a = if anchor.is_empty() { None } else { Some(d(anchor)) };
    tag(text, a).into_iter().map(|t| (text[t.start..t.end].to_string(), t.value)).collect()
}

fn one(text: &str, anchor: &str) -> (String, String) {
    let v = tags(text, anchor);
    assert_eq!(v.len(), 1, "{text:?} gave {v:?}");
    v.into_iter().next().unwrap()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

const SUN: &str = "2025-02-23";
const MON: &str = "2025-02-24";

// ---- weekday: the anchor's own day, else the past one unless the clause looks ahead

#[test]
fn weekday_same_day_on_sunday() {
    assert_eq!(one("The president spoke on Sunday in the capital.", SUN), pair("Sunday", "2025-02-23"));
}

#[test]
fn weekday_past_by_default() {
    assert_eq!(one("The ministers met on Tuesday to discuss trade.", SUN), pair("Tuesday", "2025-02-18"));
    assert_eq!(one("Rebels said Saturday that the talks had failed.", SUN), pair("Saturday", "2025-02-22"));
}

#[test]
fn weekday_future_tense_is_the_coming_one() {
    assert_eq!(one("The leaders will meet on Tuesday in Geneva.", SUN), pair("Tuesday", "2025-02-25"));
    assert_eq!(one("The court is scheduled to rule on Thursday.", SUN), pair("Thursday", "2025-02-27"));
}

#[test]
fn weekday_next_and_last() {
    assert_eq!(one("Voting resumes next Friday.", SUN), pair("next Friday", "2025-02-28"));
    assert_eq!(one("The strike began last Sunday.", SUN), pair("last Sunday", "2025-02-16"));
}

#[test]
fn weekday_monday_anchor() {
    assert_eq!(one("The bank cut rates on Monday.", MON), pair("Monday", "2025-02-24"));
    assert_eq!(one("Fans gathered on Sunday outside the stadium.", MON), pair("Sunday", "2025-02-23"));
}

#[test]
fn weekday_with_part_of_day_and_written_date() {
    assert_eq!(one("Fighting resumed Friday night near the border.", SUN), pair("Friday night", "2025-02-21TNI"));
    assert_eq!(one("Monday, May 18, 2015\nThe council met.", SUN), pair("Monday, May 18, 2015", "2015-05-18"));
}

// ---- weeks around the publication date

#[test]
fn weeks_said_on_a_sunday() {
    // the week now ending / the coming ISO week
    assert_eq!(one("Officials held talks last week in Riyadh.", SUN), pair("last week", "2025-W08"));
    assert_eq!(one("The leaders are due in Washington this week.", SUN), pair("this week", "2025-W09"));
    assert_eq!(one("Diplomats will meet again next week.", SUN), pair("next week", "2025-W09"));
}

#[test]
fn weeks_said_on_a_monday() {
    assert_eq!(one("Officials held talks last week.", MON), pair("last week", "2025-W08"));
    assert_eq!(one("The vote takes place this week.", MON), pair("this week", "2025-W09"));
    assert_eq!(one("The vote takes place next week.", MON), pair("next week", "2025-W10"));
}

#[test]
fn weeks_across_year_boundaries() {
    // 2021-01-03 is a Sunday of ISO week 2020-W53
    assert_eq!(one("Prices rose last week.", "2021-01-03"), pair("last week", "2020-W53"));
    assert_eq!(one("Prices will rise this week.", "2021-01-03"), pair("this week", "2021-W01"));
    // 2020-12-28 is the Monday of 2020-W53
    assert_eq!(one("Schools reopen next week.", "2020-12-28"), pair("next week", "2021-W01"));
    assert_eq!(one("Schools reopen this week.", "2020-12-28"), pair("this week", "2020-W53"));
    // 2024-12-30 (a Monday) already belongs to 2025-W01
    assert_eq!(one("Markets were calm this week.", "2024-12-30"), pair("this week", "2025-W01"));
    assert_eq!(one("Markets were calm last week.", "2024-12-30"), pair("last week", "2024-W52"));
}

#[test]
fn weekend() {
    assert_eq!(one("Protests spread over the weekend.", MON), pair("the weekend", "2025-W08-WE"));
    assert_eq!(one("Talks will continue this weekend.", "2025-02-26"), pair("this weekend", "2025-W09-WE"));
}

// ---- written dates

#[test]
fn dates_month_day_year() {
    assert_eq!(one("The treaty was signed on March 6, 2025, in Paris.", SUN), pair("March 6, 2025", "2025-03-06"));
    assert_eq!(one("The bombs went off on Aug. 7, 1998, in two cities.", SUN), pair("Aug. 7, 1998", "1998-08-07"));
    assert_eq!(one("The deadline is March 6.", SUN), pair("March 6", "2025-03-06"));
}

#[test]
fn dates_day_month() {
    assert_eq!(one("A summit was announced for 6 March, officials said.", SUN), pair("6 March", "2025-03-06"));
    assert_eq!(one("He was born on the 6th of March 1950.", SUN), pair("6th of March 1950", "1950-03-06"));
    // without a year, the nearest 6 November to the anchor is the past one
    assert_eq!(one("The election on 6 November was close.", SUN), pair("6 November", "2024-11-06"));
}

#[test]
fn dates_numeric_and_locale() {
    assert_eq!(one("Filed on 2025-03-06 in court.", SUN), pair("2025-03-06", "2025-03-06"));
    // ambiguous: month-first by default
    assert_eq!(one("Filed on 06/03/2025 in court.", SUN), pair("06/03/2025", "2025-06-03"));
    // unambiguous day-first
    assert_eq!(one("Filed on 25/12/2024 in court.", SUN), pair("25/12/2024", "2024-12-25"));
    // a document that writes "6 March" reads 06/03/2025 day-first
    let v = tags("The summit on 6 March 2025 follows the call of 06/03/2025.", SUN);
    assert_eq!(v, vec![pair("6 March 2025", "2025-03-06"), pair("06/03/2025", "2025-03-06")]);
    assert_eq!(one("Filed on 6.3.2025 in court.", SUN), pair("6.3.2025", "2025-03-06"));
}

// ---- months, years, quarters, seasons, decades

#[test]
fn months_tense_aware() {
    assert_eq!(one("He was elected in March by a wide margin.", SUN), pair("March", "2024-03"));
    assert_eq!(one("Voters will return to the polls in March.", SUN), pair("March", "2025-03"));
    // "be heard" is a passive, not a past tense: "will" decides
    assert_eq!(one("The appeal will be heard in May.", SUN), pair("May", "2025-05"));
    // no tense cue: the past one, unless within the next two months
    assert_eq!(one("In July, a storm hit the coast.", SUN), pair("July", "2024-07"));
    assert_eq!(one("Inflation peaked in March 2024.", SUN), pair("March 2024", "2024-03"));
    assert_eq!(one("Talks resume in early April.", SUN), pair("early April", "2025-04"));
    // a first name, not a month
    assert_eq!(tags("The ministers of Hungary and Jan Kavan of the Czech Republic met.", SUN), vec![]);
    assert_eq!(one("The plant closed in January last year.", SUN), pair("January last year", "2024-01"));
    assert_eq!(one("Licences lapse after October of next year.", SUN), pair("October of next year", "2026-10"));
}

#[test]
fn month_lists_run_forward() {
    let v = tags("The tour stops in Rome in November, Lima in January and Oslo in February.", "2025-10-01");
    assert_eq!(v, vec![pair("November", "2025-11"), pair("January", "2026-01"), pair("February", "2026-02")]);
    // a comparison looks back
    let v = tags("Inflation fell to 2.5% in January from 3% in December.", SUN);
    assert_eq!(v, vec![pair("January", "2025-01"), pair("December", "2024-12")]);
}

#[test]
fn years() {
    assert_eq!(one("The company was founded in 1998.", SUN), pair("1998", "1998"));
    assert_eq!(tags("It cost $2025 and 1,990 people came.", SUN), vec![]);
}

#[test]
fn quarters_and_halves() {
    assert_eq!(one("Profit rose in the third quarter.", "2025-11-05"), pair("the third quarter", "2025-Q3"));
    assert_eq!(one("Sales were weak in Q1 2024.", SUN), pair("Q1 2024", "2024-Q1"));
    assert_eq!(one("First-quarter earnings fell.", "2025-04-20"), pair("First-quarter", "2025-Q1"));
    assert_eq!(one("Growth slowed in the first half of 2024.", SUN), pair("the first half of 2024", "2024-H1"));
    assert_eq!(one("Prices rise in the first half of next year.", SUN), pair("the first half of next year", "2026-H1"));
    // "a year ago" after a quarter is that quarter a year before
    let v = tags("Net income rose in the third quarter from $5 million a year ago.", "2025-10-20");
    assert_eq!(v, vec![pair("the third quarter", "2025-Q3"), pair("a year ago", "2024-Q3")]);
}

#[test]
fn seasons() {
    assert_eq!(one("The dam burst last summer.", SUN), pair("last summer", "2024-SU"));
    assert_eq!(one("The war began in the winter of 2023.", SUN), pair("the winter of 2023", "2023-WI"));
}

#[test]
fn decades_and_centuries() {
    assert_eq!(one("Crime fell during the 1990s.", SUN), pair("the 1990s", "199"));
    assert_eq!(one("Disco ruled the '70s.", SUN), pair("the '70s", "197"));
    assert_eq!(one("Steam powered the 19th century.", SUN), pair("the 19th century", "18"));
    assert_eq!(one("A 20th century war.", SUN), pair("20th century", "19"));
    assert_eq!(one("Grunge ruled the nineties.", SUN), pair("the nineties", "199"));
    assert_eq!(one("Prices peaked in mid-1996.", SUN), pair("mid-1996", "1996"));
    assert_eq!(one("Sales rose before year-end.", SUN), pair("year-end", "2025"));
}

// ---- relative expressions

#[test]
fn deictic_days_and_ago() {
    assert_eq!(one("The rebels withdrew yesterday.", SUN), pair("yesterday", "2025-02-22"));
    assert_eq!(one("The rebels withdrew two days ago.", SUN), pair("two days ago", "2025-02-21"));
    assert_eq!(one("The rebels withdrew three weeks ago.", SUN), pair("three weeks ago", "2025-W05"));
    assert_eq!(one("The rebels withdrew a year ago.", SUN), pair("a year ago", "2024"));
    assert_eq!(one("The rebels withdrew a few years ago.", SUN), pair("a few years ago", "PAST_REF"));
    assert_eq!(one("Prices fell tomorrow, in the story.", "2025-12-31"), pair("tomorrow", "2026-01-01"));
}

#[test]
fn relative_periods() {
    assert_eq!(one("Talks collapsed earlier this month.", SUN), pair("earlier this month", "2025-02"));
    assert_eq!(one("Talks collapsed last month.", "2025-01-10"), pair("last month", "2024-12"));
    assert_eq!(one("Exports grew last year.", SUN), pair("last year", "2024"));
    // titles are not time expressions
    assert_eq!(tags("He said on \"This Week\" that USA Today erred.", SUN), vec![]);
    assert_eq!(one("Exports will grow next year.", SUN), pair("next year", "2026"));
    // "the last quarter" names a quarter, "the past year" a stretch of time
    assert_eq!(one("Profit fell in the last quarter.", SUN), pair("the last quarter", "2024-Q4"));
    assert_eq!(one("Profit fell over the past year.", SUN), pair("the past year", "P1Y"));
}

#[test]
fn in_n_units_ahead_is_a_date() {
    assert_eq!(one("The line will open in three years.", SUN), pair("three years", "2028"));
}

// ---- durations and sets

#[test]
fn durations() {
    assert_eq!(one("the first talks in three years.", SUN), pair("three years", "P3Y"));
    assert_eq!(one("Unemployment fell over the past three years.", SUN), pair("the past three years", "P3Y"));
    assert_eq!(one("The flight took five hours.", SUN), pair("five hours", "PT5H"));
    assert_eq!(one("They began a two-day visit.", SUN), pair("two-day", "P2D"));
    assert_eq!(one("They waited 5 1/2 hours.", SUN), pair("5 1/2 hours", "PT5H30M"));
    assert_eq!(one("They waited an hour and a half.", SUN), pair("an hour and a half", "PT1H30M"));
    assert_eq!(one("The war lasted two and a half years.", SUN), pair("two and a half years", "P2Y6M"));
    assert_eq!(one("The siege lasted for years.", SUN), pair("years", "PXY"));
    assert_eq!(one("Talks need two more weeks.", SUN), pair("two more weeks", "P2W"));
    assert_eq!(one("Rates stay low for the next couple of years.", SUN), pair("the next couple of years", "P2Y"));
    assert_eq!(one("Workers began a day-long strike.", SUN), pair("day-long", "P1D"));
    assert_eq!(one("It ended a decades-long feud.", SUN), pair("decades-long", "PXDE"));
    // ages are not durations of the story
    assert_eq!(tags("A 65-year-old man was hurt.", SUN), vec![]);
}

#[test]
fn sets() {
    assert_eq!(one("The market opens every Monday.", SUN), pair("every Monday", "XXXX-WXX-1"));
    assert_eq!(one("The fair is held each year.", SUN), pair("each year", "P1Y"));
    assert_eq!(one("Trains run twice a week.", SUN), pair("a week", "P1W"));
    assert_eq!(one("It saves $500 million a year.", SUN), pair("a year", "P1Y"));
    assert_eq!(tag("It saves $500 million a year.", Some(d(SUN)))[0].kind, TimexType::Set);
    // not a rate: a stretch of time
    assert_eq!(tag("The talks lasted a year.", Some(d(SUN)))[0].kind, TimexType::Duration);
    assert_eq!(one("The paper is printed daily.", SUN), pair("daily", "P1D"));
    assert_eq!(one("The annual meeting opened.", SUN), pair("annual", "P1Y"));
    assert_eq!(one("The club meets on Tuesday nights.", SUN), pair("Tuesday nights", "XXXX-WXX-2TNI"));
    assert_eq!(one("The club meets on Mondays.", SUN), pair("Mondays", "XXXX-WXX-1"));
}

// ---- times of day

#[test]
fn clock_times_and_parts_of_day() {
    assert_eq!(one("The blast came at 14:30 local time.", SUN), pair("14:30 local time", "2025-02-23T14:30"));
    assert_eq!(one("Polls close at 5 p.m. Tuesday.", SUN), pair("5 p.m. Tuesday", "2025-02-18T17:00"));
    assert_eq!(one("The minister resigned this morning.", SUN), pair("this morning", "2025-02-23TMO"));
    assert_eq!(one("Shelling went on last night.", SUN), pair("last night", "2025-02-22TNI"));
    assert_eq!(one("He will leave at 4 in the morning.", SUN), pair("4 in the morning", "2025-02-23T04:00"));
    let t = tag("Shelling went on last night.", Some(d(SUN)));
    assert_eq!(t[0].kind, TimexType::Time);
}

// ---- fuzzy references

#[test]
fn fuzzy_references() {
    assert_eq!(one("The plant is now closed.", SUN), pair("now", "PRESENT_REF"));
    assert_eq!(one("He currently lives abroad.", SUN), pair("currently", "PRESENT_REF"));
    assert_eq!(one("She recently moved.", SUN), pair("recently", "PAST_REF"));
    assert_eq!(one("The people decided long ago.", SUN), pair("long ago", "PAST_REF"));
    assert_eq!(one("Reforms may come in the future.", SUN), pair("the future", "FUTURE_REF"));
    assert_eq!(one("Prices rose in recent weeks.", SUN), pair("recent weeks", "PXW"));
    assert_eq!(one("The firm will soon sell boxes.", SUN), pair("soon", "FUTURE_REF"));
    assert_eq!(tags("They left as soon as possible, and soon after the vote.", SUN), vec![]);
}

// ---- holidays and anchored expressions

#[test]
fn holidays() {
    assert_eq!(one("Shops closed for Christmas.", SUN), pair("Christmas", "2024-12-25"));
    assert_eq!(one("Families gathered on Thanksgiving.", "2025-12-01"), pair("Thanksgiving", "2025-11-27"));
}

#[test]
fn anchored_eve() {
    assert_eq!(one("Crowds gathered on the eve of March 6.", SUN), pair("the eve of March 6", "2025-03-05"));
    // an anniversary whose date is not written is skipped
    let v = tags("He spoke on the eve of the third anniversary of the invasion.", SUN);
    assert_eq!(v, vec![]);
}

// ---- without an anchor

#[test]
fn no_anchor_placeholders() {
    assert_eq!(one("Officials met last week.", ""), pair("last week", "XXXX-WXX"));
    assert_eq!(one("Officials met on Friday.", ""), pair("Friday", "XXXX-WXX-5"));
    assert_eq!(one("Officials met in March.", ""), pair("March", "XXXX-03"));
    assert_eq!(one("Officials met yesterday.", ""), pair("yesterday", "XXXX-XX-XX"));
    assert_eq!(one("Officials met on March 6, 2025.", ""), pair("March 6, 2025", "2025-03-06"));
}

// ---- offsets and order

#[test]
fn byte_offsets_sorted_non_overlapping() {
    let text = "Zelensky’s aides said on Sunday—the day after talks—that next week matters.";
    let t = tag(text, Some(d(SUN)));
    assert_eq!(t.len(), 2);
    assert_eq!(&text[t[0].start..t[0].end], "Sunday");
    assert_eq!(t[0].start, text.find("Sunday").unwrap());
    assert_eq!(&text[t[1].start..t[1].end], "next week");
    assert!(t[0].end <= t[1].start);
    assert_eq!(t[0].rule, "weekday");
}

// ---- datelines

#[test]
fn datelines() {
    assert_eq!(find_dateline("Storm hits coast\nMonday, May 18, 2015\nA storm hit."), Some(d("2015-05-18")));
    assert_eq!(find_dateline("Airline wins contract\nMarch 01, 2008\nThe airline won."), Some(d("2008-03-01")));
    assert_eq!(find_dateline("NAIROBI, Kenya (AP) 1998-08-07 -- Bombs exploded."), Some(d("1998-08-07")));
    assert_eq!(find_dateline("LONDON 1996-08-30\nShares rose."), Some(d("1996-08-30")));
    assert_eq!(find_dateline("Shares rose on Friday.\nNo date here."), None);
    // a date inside a sentence is not a dateline
    assert_eq!(find_dateline("The paper said in an editorial on March 6, 2000, that talks failed."), None);
}

// ---- later additions: reference time, splits, fiscal periods

#[test]
fn reference_time_anaphora() {
    let v = tags("The dam failed on May 4, 2023. The next day, crews arrived; that year the town emptied.", SUN);
    assert_eq!(
        v,
        vec![pair("May 4, 2023", "2023-05-04"), pair("The next day", "2023-05-05"), pair("that year", "2023")]
    );
    let v = tags("Talks began on Feb. 3 and ended two weeks later.", SUN);
    assert_eq!(v, vec![pair("Feb. 3", "2025-02-03"), pair("two weeks later", "2025-W08")]);
    // no reference yet: nothing to resolve
    assert_eq!(tags("The next day, crews arrived.", SUN), vec![]);
    // "the day after <event>" hangs on the event, not on a date
    assert_eq!(tags("On May 4, 2023, and the day after the vote, crowds marched.", SUN), vec![pair("May 4, 2023", "2023-05-04")]);
}

#[test]
fn weekday_before_a_date() {
    // without a year the two are tagged apart, the weekday taking the date
    let v = tags("The paper said on Thursday, Jan. 6, that talks failed.", "2000-01-07");
    assert_eq!(v, vec![pair("Thursday", "2000-01-06"), pair("Jan. 6", "2000-01-06")]);
}

#[test]
fn year_lists_ranges_and_apostrophe_decades() {
    assert_eq!(tags("He played in 2009, 2010 and 2014.", SUN), vec![pair("2009", "2009"), pair("2010", "2010"), pair("2014", "2014")]);
    assert_eq!(tags("Yields over 2000 - 2050 fall.", SUN), vec![pair("2000", "2000"), pair("2050", "2050")]);
    assert_eq!(one("Jazz boomed in the 1930's.", SUN), pair("the 1930's", "193"));
}

#[test]
fn fiscal_and_reporting_periods() {
    let v = tags("Revenue was $9 million for the year ended March 31.", "2025-05-10");
    assert_eq!(v, vec![pair("the year", "P1Y"), pair("March 31", "2025-03-31")]);
    assert_eq!(one("Sales will grow in the current fiscal year.", SUN), pair("the current fiscal year", "2025"));
    assert_eq!(one("Profit fell in the latest period.", "2025-10-20"), pair("the latest period", "2025-Q3"));
    assert_eq!(one("Net rose in this year's third quarter.", "2025-10-20"), pair("this year's third quarter", "2025-Q3"));
    assert_eq!(one("Rent is due at the end of the month.", SUN), pair("the end of the month", "2025-02"));
}

#[test]
fn tense_cues_for_weekdays() {
    assert_eq!(one("The team planned to leave on Thursday.", SUN), pair("Thursday", "2025-02-27"));
    // the clause ends at "him.": "hope" before it does not count
    assert_eq!(one("Police hope to question him. Until Thursday, they had not named him.", SUN), pair("Thursday", "2025-02-20"));
    assert_eq!(one("Women's Day is this coming Saturday.", "2025-03-05"), pair("this coming Saturday", "2025-03-08"));
    assert_eq!(one("Relatives fought Wednesday's ruling.", "2025-03-07"), pair("Wednesday", "2025-03-05"));
    assert_eq!(one("The relatives have until 9 a.m. Tuesday to sign.", MON), pair("9 a.m. Tuesday", "2025-02-25T09:00"));
}

#[test]
fn quarter_durations_and_fractions() {
    assert_eq!(one("Costs are spread over the next three quarters.", SUN), pair("the next three quarters", "P9M"));
    assert_eq!(tags("Iraq imports about three-quarters of its food.", SUN), vec![]);
    assert_eq!(one("Dividends are paid every quarter.", SUN), pair("every quarter", "P1Q"));
}
