//! Command-line inputs into articles: files, directories (recursively) and
//! stdin, each read on its own so that one bad input never stops the batch.

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
#[derive(Debug)]
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

/// The extensions read from a directory.
const TEXT_EXTENSIONS: [&str; 2] = ["txt", "text"];

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
                    out.push(Err(err(a, format!("directory holds no article files (*.{})", TEXT_EXTENSIONS.join(", *.")))));
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
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())) {
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

/// Reads one input as UTF-8 text, within `max_bytes`.
pub fn read_text(input: &Input, max_bytes: u64) -> Result<String, InputError> {
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().lock().take(max_bytes + 1).read_to_end(&mut buf).map_err(|e| err(input, describe_io(&e)))?;
            buf
        }
        Input::File(p) => {
            let meta = std::fs::metadata(p).map_err(|e| err(input, describe_io(&e)))?;
            if meta.is_dir() {
                return Err(err(input, "is a directory"));
            }
            if meta.len() > max_bytes {
                return Err(err(input, too_big(meta.len(), max_bytes)));
            }
            let mut buf = Vec::with_capacity(meta.len() as usize);
            std::fs::File::open(p)
                .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut buf))
                .map_err(|e| err(input, describe_io(&e)))?;
            buf
        }
    };
    if bytes.len() as u64 > max_bytes {
        return Err(err(input, too_big(bytes.len() as u64, max_bytes)));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        err(input, format!("not UTF-8 text: invalid byte 0x{:02X} at offset {at}", e.as_bytes()[at]))
    })
}

fn too_big(len: u64, max: u64) -> String {
    format!(
        "{:.1} MB is over the {:.1} MB limit for one article (raise it with --max-bytes)",
        len as f64 / 1e6,
        max as f64 / 1e6
    )
}
