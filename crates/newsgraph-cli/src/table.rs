//! Aligned tables for the terminal: columns as wide as their widest cell
//! (in characters), long cells cut with "…", highlighted words in bold on
//! a terminal and in [brackets] elsewhere.

use std::io::Write;

/// A cell: its text, the character spans to highlight, a maximum width.
pub struct Cell {
    text: String,
    highlights: Vec<(usize, usize)>,
    max: usize,
}

impl Cell {
    pub fn plain(s: &str) -> Cell {
        Cell { text: one_line(s), highlights: Vec::new(), max: usize::MAX }
    }

    pub fn highlighted(s: &str, spans: &[(usize, usize)]) -> Cell {
        Cell { text: one_line(s), highlights: spans.to_vec(), max: usize::MAX }
    }

    /// At most `n` characters.
    pub fn max(mut self, n: usize) -> Cell {
        self.max = n;
        self
    }

    /// The cell cut to its width, highlights marked, and the marks' extra
    /// characters (which take no column).
    fn render(&self, ansi: bool) -> (String, usize) {
        let chars: Vec<char> = self.text.chars().collect();
        let cut = chars.len() > self.max;
        let keep = if cut { self.max.saturating_sub(1) } else { chars.len() };
        let mut out = String::new();
        let mut extra = 0;
        let (open, close) = if ansi { ("\u{1b}[1m", "\u{1b}[0m") } else { ("[", "]") };
        for (i, c) in chars.iter().take(keep).enumerate() {
            if self.highlights.iter().any(|h| h.0 == i) {
                out.push_str(open);
                extra += if ansi { open.len() } else { 0 };
            }
            out.push(*c);
            if self.highlights.iter().any(|h| h.1 == i + 1) {
                out.push_str(close);
                extra += if ansi { close.len() } else { 0 };
            }
        }
        if !ansi {
            // brackets take columns: count them as text
            extra = 0;
        }
        if cut {
            out.push('…');
        }
        (out, extra)
    }
}

/// A control character or line break shown as a space: a cell is one line.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut impl Write, ansi: bool) -> std::io::Result<()> {
        let rendered: Vec<Vec<(String, usize)>> = self.rows.iter().map(|r| r.iter().map(|c| c.render(ansi)).collect()).collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &rendered {
            for (w, (s, extra)) in widths.iter_mut().zip(row) {
                *w = (*w).max(s.chars().count() - extra);
            }
        }
        let line = |cells: Vec<(String, usize)>| -> String {
            let n = cells.len();
            let mut l = String::new();
            for (i, ((s, extra), w)) in cells.into_iter().zip(&widths).enumerate() {
                l.push_str(&s);
                if i + 1 < n {
                    let pad = w + extra - s.chars().count() + 2;
                    l.extend(std::iter::repeat_n(' ', pad));
                }
            }
            l.trim_end().to_string()
        };
        writeln!(out, "{}", line(self.headers.iter().map(|h| (h.to_uppercase(), 0)).collect()))?;
        for row in rendered {
            writeln!(out, "{}", line(row))?;
        }
        if self.rows.is_empty() {
            writeln!(out, "(nothing found)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_characters_and_long_cells_are_cut() {
        let mut t = Table::new(&["name", "quote"]);
        t.row(vec![Cell::plain("António"), Cell::plain("short")]);
        t.row(vec![Cell::plain("Li"), Cell::highlighted("a very long\nquote indeed", &[(2, 6)]).max(10)]);
        let mut out = Vec::new();
        t.write(&mut out, false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "NAME     QUOTE\nAntónio  short\nLi       a [very] lo…\n");
    }
}
