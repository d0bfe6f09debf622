//! Lists as CSV, for spreadsheets and scripts: one header row, one row per
//! item. Article text is hostile: a cell that a spreadsheet would read as
//! a formula (`=`, `+`, `-`, `@` first) is written with a leading `'`.

use newsgraph_store::{EntityRow, QuoteRow, SearchHit, TimelinePoint};

pub trait CsvRow {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

/// A text cell made safe for spreadsheets; numbers are left alone.
fn defuse(cell: String) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

pub fn to_csv<T: CsvRow>(rows: &[T]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // writing to memory cannot fail
    let _ = w.write_record(T::HEADER);
    for r in rows {
        let _ = w.write_record(r.cells().into_iter().map(defuse));
    }
    w.into_inner().unwrap_or_default()
}

impl CsvRow for SearchHit {
    const HEADER: &'static [&'static str] = &["article", "id", "title", "url", "source", "published", "snippet"];
    fn cells(&self) -> Vec<String> {
        vec![self.article.to_string(), self.id.clone(), opt(&self.title), opt(&self.url), self.source.clone(), opt(&self.published), self.snippet.clone()]
    }
}

impl CsvRow for QuoteRow {
    const HEADER: &'static [&'static str] =
        &["quote", "article", "id", "title", "url", "published", "kind", "content", "speaker", "speaker_text", "speaker_entity", "cue", "confidence", "start", "end"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.quote.to_string(),
            self.article.to_string(),
            self.id.clone(),
            opt(&self.title),
            opt(&self.url),
            opt(&self.published),
            self.kind.clone(),
            self.content.clone(),
            opt(&self.speaker),
            opt(&self.speaker_text),
            opt(&self.speaker_entity),
            opt(&self.cue),
            format!("{:.2}", self.confidence),
            self.start.to_string(),
            self.end.to_string(),
        ]
    }
}

impl CsvRow for EntityRow {
    const HEADER: &'static [&'static str] = &["entity", "name", "type", "actor", "mentions", "articles", "quotes", "first_seen", "last_seen", "titles"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.entity.to_string(),
            self.name.clone(),
            self.kind.clone(),
            opt(&self.actor),
            self.mentions.to_string(),
            self.articles.to_string(),
            self.quotes.to_string(),
            opt(&self.first_seen),
            opt(&self.last_seen),
            self.titles.iter().map(|t| format!("{} ({})", t.title, t.articles)).collect::<Vec<_>>().join("; "),
        ]
    }
}

impl CsvRow for TimelinePoint {
    const HEADER: &'static [&'static str] = &["period", "mentions", "quotes"];
    fn cells(&self) -> Vec<String> {
        vec![self.period.clone(), self.mentions.to_string(), self.quotes.to_string()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(defuse("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-3.5".into()), "-3.5");
        assert_eq!(defuse("@cmd".into()), "'@cmd");
        assert_eq!(defuse("plain".into()), "plain");
        let rows = vec![TimelinePoint { period: "2025-02".into(), mentions: 3, quotes: 1 }];
        assert_eq!(String::from_utf8(to_csv(&rows)).unwrap(), "period,mentions,quotes\n2025-02,3,1\n");
    }
}
