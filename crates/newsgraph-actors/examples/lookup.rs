//! Looks up one mention per input line, `KIND<TAB>TEXT` (KIND: name, title
//! or place; a line without a tab is a name), and prints the code found:
//! `printf 'name\tSergei Lavrov\ntitle\tKremlin spokesman\n' | cargo run -p newsgraph-actors --example lookup -- 2025-02-23`
use newsgraph_actors::Actors;
use std::io::BufRead;

fn main() {
    let date = std::env::args()
        .nth(1)
        .map(|d| d.parse::<jiff::civil::Date>().expect("date YYYY-MM-DD"));
    let a = Actors::global();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let (kind, text) = line.split_once('\t').unwrap_or(("name", &line));
        let found = match kind {
            "title" => a
                .by_title(text)
                .map(|m| format!("{}\t{}\t{:?}", m.code, m.name, m.how)),
            "place" => a.country(text),
            _ => a
                .by_name(text, date)
                .map(|m| format!("{}\t{}\t{:?}", m.code, m.name, m.how)),
        };
        println!("{kind}\t{text}\t{}", found.unwrap_or_else(|| "-".into()));
    }
}
