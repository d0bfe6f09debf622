//! Prints the amounts of a text given as argument or on standard input, one per line.
use newsgraph_amounts::Amounts;
use std::io::Read;

fn main() {
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        std::io::stdin()
            .read_to_string(&mut text)
            .expect("read stdin");
    }
    for a in Amounts::new().tag(&text) {
        println!(
            "{:?}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\tobject={:?}",
            &text[a.start..a.end],
            a.value,
            a.kind,
            a.unit,
            a.qualifier,
            a.upper,
            a.object.map(|(s, e)| &text[s..e])
        );
    }
}
