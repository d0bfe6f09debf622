//! Span-based scoring of `newsgraph extract` records against gold JSON Lines:
//! a port of `../shared/tools/score_spans.py`, figure for figure.
//!
//! ```no_run
//! use newsgraph_eval::{load_jsonl, score, Task};
//! # fn main() -> anyhow::Result<()> {
//! let golds = load_jsonl("gold.jsonl".as_ref())?;
//! let records = load_jsonl("out.jsonl".as_ref())?;
//! let metrics = score(&golds, &records, Task::All);
//! print!("{}", metrics.report());
//! # Ok(()) }
//! ```
//!
//! The metric definitions are those of score_spans.py's docstring (quotes
//! direct/all with match, tok, exact, spk, cue, e2e; entities typed/untyped by
//! family; times strict/relaxed/value; amounts; events root/cameo/plover and
//! actors). What the port keeps from Python, so that both give the same
//! figures on the same files:
//! - offsets are code point offsets; word tokens are re's `\w+`, with the
//!   Unicode classes of the Python that generated `src/pychar_tables.rs`
//!   (`str.isspace`, `str.isalpha`, `str.islower`/`isupper` likewise);
//! - one-to-one matching is greedy, highest key first, equal keys in their
//!   original order (Python's stable `sorted(..., reverse=True)`);
//! - a record whose text differs from the gold text has its offsets carried
//!   over by the same alignment: non-space characters when only white space
//!   differs, else the matching blocks of difflib's `SequenceMatcher(None, a,
//!   b, autojunk=False)` (the same blocks, found faster: see [`align`]).
//!
//! To check the port against the Python on some system output (CI compares
//! them with a tolerance of 0.005; on perturbed copies of the gold files in
//! `../shared/data/gold` they agree exactly):
//!
//! ```text
//! cargo run --release -p newsgraph-eval --example score -- GOLD.jsonl --system SYS.jsonl --json > rs.json
//! python3 ../shared/tools/score_spans.py GOLD.jsonl --system SYS.jsonl --json > py.txt
//! python3 tools/compare_scores.py py.txt rs.json     # "scores agree (N figures)"
//! ```
//!
//! Where they differ: [`load_jsonl`] stops at a line that is not JSON (the
//! Python skips it with a warning); system records with
//! malformed fields that make the Python raise (a number where a span object
//! is expected, say) are read leniently here; the JSON has integer counts where
//! the Python writes floats (`12` for `12.0`).

use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::str::FromStr;

use anyhow::Context as _;
use serde_json::Value;

pub mod align;
mod metrics;
mod pychar;
#[rustfmt::skip]
mod pychar_tables;
mod score;
pub mod timex;

/// The Unicode version of the character tables (that of the Python they were generated with).
pub use pychar_tables::UNICODE_VERSION;

pub use metrics::{
    AmountMetrics, EntityMetrics, EventMetrics, Metrics, Prf, QuoteMetrics, TimeMetrics,
};

/// What to score (`--task`); `All` scores every layer a gold document has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Task {
    Quotes,
    Entities,
    Times,
    Amounts,
    Events,
    #[default]
    All,
}

impl Task {
    pub const NAMES: [&'static str; 6] =
        ["quotes", "entities", "times", "amounts", "events", "all"];

    pub fn name(self) -> &'static str {
        match self {
            Task::Quotes => "quotes",
            Task::Entities => "entities",
            Task::Times => "times",
            Task::Amounts => "amounts",
            Task::Events => "events",
            Task::All => "all",
        }
    }
}

impl FromStr for Task {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> anyhow::Result<Task> {
        Ok(match s {
            "quotes" => Task::Quotes,
            "entities" => Task::Entities,
            "times" => Task::Times,
            "amounts" => Task::Amounts,
            "events" => Task::Events,
            "all" => Task::All,
            _ => anyhow::bail!(
                "unknown task {s:?} (expected one of {})",
                Task::NAMES.join(", ")
            ),
        })
    }
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One JSON value per line; blank lines are skipped. A line that is not JSON
/// is an error naming `path:line`.
pub fn load_jsonl(path: &Path) -> anyhow::Result<Vec<Value>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), n + 1))?;
        let line = line.trim_matches(pychar::is_space);
        if line.is_empty() {
            continue;
        }
        let v = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        out.push(v);
    }
    Ok(out)
}

/// Scores system records against gold documents (score_spans.py's `score`
/// then `metrics`). Records pair with gold documents by "id", or by the base
/// name of "source" being `"<id>.txt"` (or `"<id>"`); a gold document without a
/// record is scored as an empty one and counted in `missing`.
pub fn score(golds: &[Value], records: &[Value], task: Task) -> Metrics {
    score_with(golds, records, task, &Options::default())
}

/// Scoring options beyond the task.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Score every system entity mention, pronouns and descriptions included
    /// (score_spans.py's `--all-mentions`).
    pub all_mentions: bool,
}

/// [`score`] with [`Options`].
pub fn score_with(golds: &[Value], records: &[Value], task: Task, options: &Options) -> Metrics {
    let acc = score::score_docs(golds, records, task, options.all_mentions);
    let on = |t: Task| task == Task::All || task == t;
    Metrics::from_acc(
        &acc,
        on(Task::Quotes),
        on(Task::Entities),
        on(Task::Times),
        on(Task::Amounts),
        on(Task::Events),
    )
}

#[cfg(test)]
mod tests;
