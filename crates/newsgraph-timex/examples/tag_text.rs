//! Tags a text file and prints one line per time expression:
//! `cargo run -p newsgraph-timex --example tag_text -- FILE [YYYY-MM-DD]`
//! (without a date, the dateline found in the text is the anchor).

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: tag_text FILE [YYYY-MM-DD]");
    let text = std::fs::read_to_string(&path).expect("read file");
    let anchor = args
        .next()
        .map(|s| s.parse::<jiff::civil::Date>().expect("anchor date"))
        .or_else(|| newsgraph_timex::find_dateline(&text));
    println!("anchor: {anchor:?}");
    for t in newsgraph_timex::tag(&text, anchor) {
        println!("{}\t{}\t{}\t{}\t{:?}", t.start, t.kind.as_str(), t.value, t.rule, &text[t.start..t.end]);
    }
}
