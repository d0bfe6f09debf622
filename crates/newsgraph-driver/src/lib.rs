//! The driver: inputs in, records out, for every front end (the command
//! line's `extract`, the store's `index`, the server, the Python package).
//!
//! ```text
//! newsgraph-ingest::read ─► batch (256) ─► in parallel: page extraction,
//!   article_input (the adapter and the publication-date rule), the pipeline,
//!   the record ─► in order: near-duplicates ─► Sink
//! ```
//!
//! Records reach the sink in input order; memory stays bounded by one batch,
//! whatever the size of an archive. A bad input or record is an error of its
//! own, given to the sink in its place, and the batch goes on.

use newsgraph::{Block, BlockKind, DocInput, Extractor, Meta, Published, RecordOptions, Span};
use newsgraph_ingest::{Article, Input, InputError, Item, Limits};
use newsgraph_minhash::Dedup;
use newsgraph_record::Record;
use rayon::prelude::*;

/// Articles are extracted in parallel in batches of this many.
pub const BATCH: usize = 256;

/// What the caller says of the articles, over what they say themselves.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    /// The publication date of every article (`--published`).
    pub published: Option<Published>,
    /// The id of the one article (`--id`).
    pub id: Option<String>,
}

/// How the driver runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub caller: Caller,
    pub record: RecordOptions,
    pub limits: Limits,
    /// Look for near-duplicates among the articles read (syndicated copies).
    pub dedup: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { caller: Caller::default(), record: RecordOptions::default(), limits: Limits::default(), dedup: true }
    }
}

/// One article extracted.
#[derive(Clone, Debug)]
pub struct Extracted {
    pub record: Record,
    /// What the pipeline was given, normalised, without its text (which is
    /// the record's): what a store keeps to extract it again.
    pub input: DocInput,
    /// Warnings about the input, each naming it.
    pub warnings: Vec<String>,
}

/// Where the records go, in input order.
pub trait Sink {
    /// An article extracted.
    fn record(&mut self, extracted: Extracted) -> std::io::Result<()>;
    /// An input or record that could not be read or extracted.
    fn failed(&mut self, error: &InputError) -> std::io::Result<()>;
    /// A batch is done (its records were all given): the counts so far. A
    /// sink that writes in batches commits here.
    fn end_batch(&mut self, _counts: &Counts) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Articles and errors read.
    pub read: usize,
    pub extracted: usize,
    /// Records marked as near-duplicates of an earlier one.
    pub duplicates: usize,
    pub failed: usize,
    /// Bytes of clean text extracted.
    pub bytes: u64,
}

/// The pipeline input of an article: its text and structure, its id (the
/// caller's, else the source's, else one from its file name), and its
/// publication date by the first steps of the rule (see
/// [`publication_date`]). Warnings name the input.
pub fn article_input(a: Article, caller: &Caller) -> (DocInput, Vec<String>) {
    let mut warnings = Vec::new();
    let (published, warning) = publication_date(caller, a.published.as_deref(), &a.source);
    warnings.extend(warning);
    // Plain text (no title, no structure beyond paragraphs) is left to the
    // segmenter, which reads headlines, headings and furniture from its
    // lines; structured sources (HTML, feeds) keep their blocks.
    let structured = a.title.is_some() || a.url.is_some() || a.blocks.iter().any(|b| b.kind != newsgraph_ingest::BlockKind::Paragraph);
    let blocks = if structured {
        a.blocks
            .iter()
            .map(|b| Block {
                span: Span::new(b.start, b.end),
                kind: match b.kind {
                    newsgraph_ingest::BlockKind::Heading => BlockKind::Heading,
                    _ => BlockKind::Paragraph,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    let id = caller.id.clone().or(a.id).unwrap_or_else(|| if a.source == "-" { "stdin".to_string() } else { newsgraph_ingest::id_from_source(&a.source) });
    let input = DocInput {
        id: Some(id),
        source: a.source,
        published,
        title: a.title,
        text: a.text,
        blocks,
        meta: Meta { url: a.url, canonical_url: a.canonical_url, author: a.author, site_name: a.site_name, language: a.language },
    };
    (input, warnings)
}

/// The publication date of an article, by the first rule that gives one:
///
/// 1. the caller's (`--published`, a parameter of the server or the Python
///    package);
/// 2. the page's: its metadata (JSON-LD, meta tags, `<time>`), a byline time
///    stamp, its URL, or a date written in its first lines, in that order
///    (`newsgraph-ingest` reads them; a feed item's date; a JSON line's
///    `published`);
/// 3. the text's own: a dateline line, else the lead's event day (the time
///    stage of the pipeline, which needs the text segmented; the record's
///    `published_from` says which).
///
/// A page date that is no date is dropped with a warning naming the input:
/// the later rules may still date the article.
pub fn publication_date(caller: &Caller, page: Option<&str>, source: &str) -> (Option<Published>, Option<String>) {
    if let Some(p) = &caller.published {
        return (Some(p.clone()), None);
    }
    match page.map(Published::parse) {
        None => (None, None),
        Some(Ok(p)) => (Some(p), None),
        Some(Err(e)) => (None, Some(format!("{source}: the publication date is {e}; left to the text"))),
    }
}

/// One article read, extracted, recorded: the parallel part of a batch.
fn record_of(extractor: &Extractor, item: Item, opts: &Options) -> Result<Extracted, InputError> {
    let (article, mut warnings) = item.finish(&opts.limits)?;
    let (input, more) = article_input(article, &opts.caller);
    warnings.extend(more);
    let (record, input) = extract(extractor, input, opts.record);
    Ok(Extracted { record, input, warnings })
}

/// The record of an input, and the input normalised without its text.
fn extract(extractor: &Extractor, input: DocInput, opts: RecordOptions) -> (Record, DocInput) {
    let input = input.normalised();
    let record = extractor.record(input.clone(), opts);
    (record, DocInput { text: String::new(), ..input })
}

/// Extracts inputs again (a store's articles, with newer rules), in
/// parallel; each `(input, text)` is what [`Extracted::input`] kept and the
/// record's text. The records come in the order of the inputs.
pub fn reextract(inputs: Vec<(DocInput, String)>, opts: RecordOptions) -> Vec<Extracted> {
    let extractor = Extractor::new();
    inputs
        .into_par_iter()
        .map(|(input, text)| {
            let (record, input) = extract(&extractor, DocInput { text, ..input }, opts);
            Extracted { record, input, warnings: Vec::new() }
        })
        .collect()
}

/// Runs inputs through the pipeline: articles are read one after the other
/// (a WARC streams record by record), extracted in parallel in batches,
/// and given to the sink in input order. Returns the counts; an error only
/// when the sink fails (a closed pipe), never for a bad input.
pub fn run(inputs: impl IntoIterator<Item = Result<Input, InputError>>, opts: &Options, sink: &mut dyn Sink) -> std::io::Result<Counts> {
    let mut d = Driver { extractor: Extractor::new(), opts, dedup: opts.dedup.then(Dedup::new), counts: Counts::default(), batch: Vec::with_capacity(BATCH) };
    for input in inputs {
        match input {
            Err(e) => d.batch.push(Item::Failed(e)),
            Ok(input) => {
                let mut failure = None;
                newsgraph_ingest::read(&input, &opts.limits, &mut |item| {
                    d.batch.push(item);
                    if d.batch.len() >= BATCH && failure.is_none() {
                        if let Err(e) = d.flush(sink) {
                            failure = Some(e);
                        }
                    }
                });
                if let Some(e) = failure {
                    return Err(e);
                }
            }
        }
    }
    d.flush(sink)?;
    Ok(d.counts)
}

struct Driver<'a> {
    extractor: Extractor,
    opts: &'a Options,
    dedup: Option<Dedup>,
    counts: Counts,
    batch: Vec<Item>,
}

impl Driver<'_> {
    fn flush(&mut self, sink: &mut dyn Sink) -> std::io::Result<()> {
        let items = std::mem::take(&mut self.batch);
        let (extractor, opts) = (&self.extractor, self.opts);
        let results: Vec<Result<Extracted, InputError>> = items.into_par_iter().map(|item| record_of(extractor, item, opts)).collect();
        for r in results {
            self.counts.read += 1;
            match r {
                Ok(mut x) => {
                    if let Some(d) = self.dedup.as_mut() {
                        x.record.duplicate_of = d.check(&x.record.id, &x.record.text);
                        self.counts.duplicates += x.record.duplicate_of.is_some() as usize;
                    }
                    self.counts.extracted += 1;
                    self.counts.bytes += x.record.text.len() as u64;
                    sink.record(x)?;
                }
                Err(e) => {
                    self.counts.failed += 1;
                    sink.failed(&e)?;
                }
            }
        }
        sink.end_batch(&self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(source: &str, text: &str) -> Article {
        let mut a = Article { source: source.into(), ..Article::default() };
        a.set_plain_text(text);
        a
    }

    #[test]
    fn the_caller_s_date_then_the_page_s_and_a_bad_one_is_a_warning() {
        let caller = Caller { published: Some(Published::parse("2025-02-23").unwrap()), id: None };
        assert_eq!(publication_date(&caller, Some("2024-01-01"), "a").0.map(|p| p.value), Some("2025-02-23".into()));
        let none = Caller::default();
        assert_eq!(publication_date(&none, Some("2024-01-01T10:00:00Z"), "a").0.map(|p| p.value), Some("2024-01-01T10:00:00Z".into()));
        let (p, w) = publication_date(&none, Some("someday"), "feed.jsonl#3");
        assert!(p.is_none());
        assert_eq!(w.as_deref(), Some("feed.jsonl#3: the publication date is not a date (want YYYY-MM-DD or RFC 3339): \"someday\"; left to the text"));
        assert_eq!(publication_date(&none, None, "a"), (None, None));
    }

    #[test]
    fn ids_come_from_the_caller_the_source_or_the_file_name() {
        let (i, _) = article_input(article("dir/story.txt.gz", "Text."), &Caller::default());
        assert_eq!(i.id.as_deref(), Some("story"));
        let (i, _) = article_input(article("-", "Text."), &Caller::default());
        assert_eq!(i.id.as_deref(), Some("stdin"));
        let mut a = article("crawl.warc.gz#12", "Text.");
        a.id = Some("urn:uuid:1".into());
        assert_eq!(article_input(a.clone(), &Caller::default()).0.id.as_deref(), Some("urn:uuid:1"));
        let caller = Caller { id: Some("mine".into()), published: None };
        assert_eq!(article_input(a, &caller).0.id.as_deref(), Some("mine"));
    }

    #[test]
    fn plain_text_leaves_its_blocks_to_the_segmenter_and_a_page_keeps_them() {
        let (i, _) = article_input(article("a.txt", "Headline\n\nFirst paragraph."), &Caller::default());
        assert!(i.blocks.is_empty());
        let mut page = Article { source: "p.html".into(), title: Some("Headline".into()), ..Article::default() };
        page.set_blocks([(newsgraph_ingest::BlockKind::Heading, "Sub"), (newsgraph_ingest::BlockKind::Paragraph, "Text.")]);
        let (i, _) = article_input(page, &Caller::default());
        assert_eq!(i.blocks.iter().map(|b| b.kind).collect::<Vec<_>>(), [BlockKind::Heading, BlockKind::Paragraph]);
    }

    struct Collect(Vec<Result<(Record, Vec<String>), String>>);
    impl Sink for Collect {
        fn record(&mut self, x: Extracted) -> std::io::Result<()> {
            self.0.push(Ok((x.record, x.warnings)));
            Ok(())
        }
        fn failed(&mut self, e: &InputError) -> std::io::Result<()> {
            self.0.push(Err(e.to_string()));
            Ok(())
        }
    }

    #[test]
    fn records_come_in_input_order_with_errors_in_place_and_copies_marked() {
        let dir = std::env::temp_dir().join(format!("newsgraph-driver-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let story = "Ministers meet\n\nForeign ministers of both countries agreed on Sunday to meet in Geneva next week, officials said, after months of talks that had stalled.\n";
        let paths: Vec<String> = (0..3).map(|i| dir.join(format!("s{i}.txt")).display().to_string()).collect();
        for p in &paths {
            std::fs::write(p, story).unwrap();
        }
        let missing = dir.join("missing.txt").display().to_string();
        let args = [paths[0].clone(), missing.clone(), paths[1].clone(), paths[2].clone()];
        let mut sink = Collect(Vec::new());
        let counts = run(newsgraph_ingest::expand(&args), &Options::default(), &mut sink).unwrap();
        assert_eq!(counts, Counts { read: 4, extracted: 3, duplicates: 2, failed: 1, bytes: 3 * story.len() as u64 });
        let ids: Vec<String> = sink.0.iter().map(|r| r.as_ref().map_or_else(|e| e.clone(), |(r, _)| r.id.clone())).collect();
        assert_eq!(ids, ["s0".to_string(), format!("{missing}: no such file or directory"), "s1".into(), "s2".into()]);
        let dup = |i: usize| sink.0[i].as_ref().unwrap().0.duplicate_of.clone();
        assert_eq!((dup(0), dup(2), dup(3)), (None, Some("s0".into()), Some("s0".into())));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_input_kept_without_its_text_extracts_again_to_the_same_record() {
        let mut page = Article { source: "p.html".into(), title: Some("Ministers meet".into()), url: Some("https://example.org/p".into()), published: Some("2025-02-23".into()), ..Article::default() };
        page.set_blocks([(newsgraph_ingest::BlockKind::Heading, "Talks"), (newsgraph_ingest::BlockKind::Paragraph, "“We are ready,” the minister told reporters on Monday.")]);
        let (input, _) = article_input(page, &Caller::default());
        let (record, kept) = extract(&Extractor::new(), input, RecordOptions::default());
        assert!(kept.text.is_empty());
        let json = serde_json::to_string(&kept).unwrap();
        let again = reextract(vec![(serde_json::from_str(&json).unwrap(), record.text.clone())], RecordOptions::default());
        assert_eq!(again[0].record, record);
        assert_eq!(record.quotes.len(), 1);
    }
}
