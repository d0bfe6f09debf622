//! Command-line inputs into articles: files of every format ingest reads
//! (plain text, HTML, WARC, feeds, JSON Lines, gzip of any of them),
//! directories (recursively) and stdin, each read on its own so that one bad
//! input never stops the batch.
//!
//! Plain text is read here (strict UTF-8 first, so that a text in another
//! encoding is named in a warning); every other format goes through
//! `newsgraph-ingest`, which streams WARC records and feed items one by one.

use newsgraph::{Block, BlockKind, DocInput, Meta, Published, Span};
use newsgraph_ingest::{detect_format, Article, Format};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest article read by default. A news article is rarely over
/// 200 kB of text; anything past this is a dump or a mistake, and is
/// refused with an error rather than stalling the batch.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One input the command will read.
#[derive(Clone, Debug)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Stdin => f.write_str("<stdin>"),
            Input::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// An input that could not be read: the input's name and why.
#[derive(Debug, Clone)]
pub struct InputError {
    pub input: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.message)
    }
}

fn err(input: impl fmt::Display, message: impl Into<String>) -> InputError {
    InputError { input: input.to_string(), message: message.into() }
}

/// The file extensions read from a directory (also under `.gz`).
const EXTENSIONS: [&str; 12] = ["txt", "text", "html", "htm", "xhtml", "shtml", "warc", "xml", "rss", "atom", "jsonl", "ndjson"];

fn known(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
}

/// Expands the command-line arguments: directories into their article
/// files (sorted, recursively). An argument that cannot be expanded is
/// an error of its own, and the others go on.
pub fn expand(args: &[String]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for a in args {
        if a == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        let p = PathBuf::from(a);
        match std::fs::metadata(&p) {
            Err(e) => out.push(Err(err(a, describe_io(&e)))),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                if let Err(e) = walk(&p, &mut files) {
                    out.push(Err(err(a, format!("cannot list directory: {}", describe_io(&e)))));
                    continue;
                }
                if files.is_empty() {
                    out.push(Err(err(a, format!("directory holds no article files (*.{})", EXTENSIONS.join(", *.")))));
                }
                files.sort();
                out.extend(files.into_iter().map(|f| Ok(Input::File(f))));
            }
            Ok(_) => out.push(Ok(Input::File(p))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        // symlinked directories are not followed: they can loop
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if known(&path) && !path.to_string_lossy().ends_with(".json") {
            out.push(path);
        }
    }
    Ok(())
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What reading gives: an article ready for extraction (with a warning
/// about it, if any), or an error.
pub enum Item {
    Article { input: DocInput, warning: Option<String> },
    /// An HTML page (loose or from a WARC) whose extraction is left to the
    /// parallel part of the batch.
    Page(newsgraph_ingest::Pending),
    Failed(InputError),
}

impl Item {
    /// The article ready for the pipeline: a pending page is extracted here.
    pub fn finish(self, max_bytes: u64) -> Result<(DocInput, Option<String>), InputError> {
        match self {
            Item::Article { input, warning } => Ok((input, warning)),
            Item::Failed(e) => Err(e),
            Item::Page(p) => match p.finish() {
                Ok(a) if a.text.len() as u64 > max_bytes => Err(err(&a.source, too_big(a.text.len() as u64, max_bytes))),
                Ok(a) => Ok((doc_input(a), None)),
                Err(e) => Err(InputError { input: e.input, message: e.message }),
            },
        }
    }
}

/// Reads one input and hands each article (a file may hold many: WARC
/// records, feed items, JSON lines) or error to `sink`, in order.
pub fn read(input: &Input, max_bytes: u64, sink: &mut dyn FnMut(Item)) {
    let path = match input {
        Input::Stdin => PathBuf::from("-"),
        Input::File(p) => p.clone(),
    };
    if let Input::File(p) = input {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => return sink(Item::Failed(err(input, describe_io(&e)))),
        };
        if meta.is_dir() {
            return sink(Item::Failed(err(input, "is a directory")));
        }
        let mut head = [0u8; 2048];
        let n = std::fs::File::open(p).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
        let gz = head[..n].starts_with(&[0x1f, 0x8b]);
        if !gz && detect_format(p, &head[..n]) == Format::Text {
            if meta.len() > max_bytes {
                return sink(Item::Failed(err(input, too_big(meta.len(), max_bytes))));
            }
            return sink(read_text_file(p, input, max_bytes));
        }
    }
    newsgraph_ingest::read_input_deferred(&path, &mut |r| {
        sink(match r {
            Ok(p) => Item::Page(p),
            Err(e) => Item::Failed(InputError { input: e.input, message: e.message }),
        })
    });
}

/// A plain-text file: UTF-8, or, when it is not, decoded by charset
/// detection with a warning that names the file.
fn read_text_file(p: &Path, input: &Input, max_bytes: u64) -> Item {
    let mut bytes = Vec::new();
    if let Err(e) = std::fs::File::open(p).and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes)) {
        return Item::Failed(err(input, describe_io(&e)));
    }
    let (text, warning) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let warning = format!("{input}: not UTF-8 text (invalid byte 0x{:02X} at offset {at}); decoded by charset detection", e.as_bytes()[at]);
            (newsgraph_ingest::charset::decode_text(e.as_bytes()), Some(warning))
        }
    };
    let source = p.display().to_string();
    Item::Article { input: DocInput { id: Some(newsgraph_ingest::id_from_source(&source)), source, text, ..Default::default() }, warning }
}

/// An ingested article as the pipeline's input. Plain text (no title, no
/// structure beyond paragraphs) is left to the segmenter, which reads
/// headlines, headings and furniture from its lines; structured sources
/// (HTML, feeds) keep their blocks.
pub fn doc_input(a: Article) -> DocInput {
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
    DocInput {
        id: a.id.or_else(|| Some(if a.source == "-" { "stdin".to_string() } else { newsgraph_ingest::id_from_source(&a.source) })),
        source: a.source,
        published: a.published.as_deref().and_then(|p| Published::parse(p).ok()),
        title: a.title,
        text: a.text,
        blocks,
        meta: Meta { url: a.url, canonical_url: a.canonical_url, author: a.author, site_name: a.site_name, language: a.language },
    }
}

pub fn too_big(len: u64, max: u64) -> String {
    format!(
        "{:.1} MB is over the {:.1} MB limit for one article (raise it with --max-bytes)",
        len as f64 / 1e6,
        max as f64 / 1e6
    )
}

/// Reads one input as text, for `bench`: the text of each article it holds.
pub fn read_texts(input: &Input, max_bytes: u64) -> Result<Vec<String>, InputError> {
    let mut out = Vec::new();
    let mut failed = None;
    read(input, max_bytes, &mut |item| match item.finish(max_bytes) {
        Ok((input, _)) => out.push(input.text),
        Err(e) => failed = failed.take().or(Some(e)),
    });
    match failed {
        Some(e) if out.is_empty() => Err(e),
        _ => Ok(out),
    }
}
