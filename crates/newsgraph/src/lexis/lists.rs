//! Word lists and tables from `crates/newsgraph/data/`, read one way: a
//! line that is blank, or whose first non-blank character is `#`, is a
//! comment; every other line is an entry.

/// The entry lines of a table, as written (tab-separated columns keep
/// their empty cells).
pub fn rows(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().filter(|l| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// The entries of a word list, without surrounding white space.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    rows(data).map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped_the_same_way_everywhere() {
        let data = "# a comment\nfirst\n\n  # an indented comment\n  second  \nthird\tcol\t\n";
        assert_eq!(entries(data).collect::<Vec<_>>(), ["first", "second", "third\tcol"]);
        assert_eq!(rows(data).collect::<Vec<_>>(), ["first", "  second  ", "third\tcol\t"]);
    }
}
