//! A streaming WARC reader (WARC/1.0 and 1.1; plain or gzip per record, the
//! CC-NEWS layout, when fed through `flate2::read::MultiGzDecoder`).
//!
//! Only `response` records are buffered, and only up to a size limit; every
//! other record body is skipped as it streams by, so memory stays flat
//! whatever the archive's size. A record with a bad header is reported and
//! the reader resynchronizes on the next `WARC/` line; a truncated record
//! ends the stream with one error.

use std::io::{self, BufRead, Read};

/// Response records larger than this are skipped with an error.
pub const MAX_RECORD_BYTES: u64 = crate::MAX_HTML_BYTES as u64 + 64 * 1024;

/// One WARC record; `body` is filled only for `response` records.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// 1-based position of the record in the archive.
    pub number: usize,
    /// Byte offset of the record's version line in the (uncompressed) stream.
    pub offset: u64,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Record {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// An error inside the archive, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub number: usize,
    pub offset: u64,
    pub message: String,
}

pub struct Reader<R: BufRead> {
    r: R,
    offset: u64,
    number: usize,
    done: bool,
    line: Vec<u8>,
    /// A version line already read, to parse on the next call.
    pending: Option<u64>,
    /// Skipping the rest of a record whose header was bad.
    resync: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(r: R) -> Self {
        Reader { r, offset: 0, number: 0, done: false, line: Vec::new(), pending: None, resync: false }
    }

    fn read_line(&mut self) -> io::Result<usize> {
        self.line.clear();
        // Header lines are short; a "line" of megabytes means we are lost in a body.
        let n = (&mut self.r).take(64 * 1024).read_until(b'\n', &mut self.line)?;
        self.offset += n as u64;
        Ok(n)
    }

    fn garbage_error(&mut self, at: u64) -> Option<Result<Record, RecordError>> {
        let n = self.number;
        self.err(n, at, format!("bytes that are not a WARC record after record {n}; skipped"))
    }

    fn err(&mut self, number: usize, offset: u64, message: String) -> Option<Result<Record, RecordError>> {
        Some(Err(RecordError { number, offset, message }))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(start) = self.pending.take() {
            return self.read_record(start);
        }
        // Find the next version line, skipping blank lines; anything else is
        // reported once (unless we are resynchronizing after a bad header).
        let mut garbage: Option<u64> = None;
        loop {
            let at = self.offset;
            match self.read_line() {
                Ok(0) => {
                    self.done = true;
                    return match garbage {
                        Some(g) if !self.resync => self.garbage_error(g),
                        _ => None,
                    };
                }
                Ok(_) if self.line.starts_with(b"WARC/") => {
                    if let Some(g) = garbage {
                        if !self.resync {
                            self.pending = Some(at);
                            return self.garbage_error(g);
                        }
                    }
                    self.resync = false;
                    return self.read_record(at);
                }
                Ok(_) if self.line.iter().all(u8::is_ascii_whitespace) => {}
                Ok(_) => {
                    garbage.get_or_insert(at);
                }
                Err(e) => {
                    self.done = true;
                    let n = self.number + 1;
                    return self.err(n, at, format!("read error: {e}"));
                }
            }
        }
    }
}

impl<R: BufRead> Reader<R> {
    fn read_record(&mut self, start: u64) -> Option<Result<Record, RecordError>> {
        self.number += 1;
        let number = self.number;
        let mut headers = Vec::new();
        loop {
            match self.read_line() {
                Ok(0) => {
                    self.done = true;
                    return self.err(number, start, "truncated record: the archive ends inside the WARC header".into());
                }
                Ok(_) => {
                    let line = String::from_utf8_lossy(&self.line);
                    let line = line.trim_end_matches(['\r', '\n']);
                    if line.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = line.split_once(':') {
                        headers.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
                Err(e) => {
                    self.done = true;
                    return self.err(number, start, format!("read error in the WARC header: {e}"));
                }
            }
        }
        let mut rec = Record { number, offset: start, headers, body: Vec::new() };
        let Some(len) = rec.header("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            // Without a length the body cannot be skipped: resync on the next version line.
            self.resync = true;
            return self.err(number, start, "bad WARC header: no valid Content-Length".into());
        };
        let wanted = rec.header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let too_big = wanted && len > MAX_RECORD_BYTES;
        let got = if wanted && !too_big {
            rec.body.reserve(len as usize);
            (&mut self.r).take(len).read_to_end(&mut rec.body)
        } else {
            io::copy(&mut (&mut self.r).take(len), &mut io::sink()).map(|n| n as usize)
        };
        match got {
            Ok(n) if n as u64 == len => {}
            Ok(n) => {
                self.done = true;
                return self.err(number, start, format!("truncated record: the archive ends after {n} of {len} body bytes"));
            }
            Err(e) => {
                self.done = true;
                return self.err(number, start, format!("truncated or corrupt record body: {e}"));
            }
        }
        self.offset += len;
        if too_big {
            return self.err(number, start, format!("response record of {len} bytes is over the limit of {MAX_RECORD_BYTES} bytes; skipped"));
        }
        Some(Ok(rec))
    }
}

/// The parts of an HTTP response that matter here.
pub struct HttpResponse<'a> {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: std::borrow::Cow<'a, [u8]>,
}

/// Parses the HTTP response stored in a `response` record's body. Chunked
/// transfer encoding and gzip/deflate content encoding are undone.
pub fn parse_http(raw: &[u8]) -> Result<HttpResponse<'_>, String> {
    let head_end = memchr::memmem::find(raw, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(raw, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("HTTP response without the blank line that ends its headers")?;
    let head = String::from_utf8_lossy(&raw[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:?}", status_line.chars().take(40).collect::<String>()));
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line: {status_line:?}"))?;
    let (mut content_type, mut chunked, mut encoding) = (None, false, None);
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim(), v.trim());
            if k.eq_ignore_ascii_case("content-type") {
                content_type = Some(v.to_string());
            } else if k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked") {
                chunked = true;
            } else if k.eq_ignore_ascii_case("content-encoding") {
                encoding = Some(v.to_ascii_lowercase());
            }
        }
    }
    let mut body: std::borrow::Cow<'_, [u8]> = raw[head_end.1..].into();
    if chunked {
        if let Some(d) = dechunk(&body) {
            body = d.into();
        }
    }
    // Archives usually store the decoded payload even when the header still
    // says gzip: decode only when the bytes really are gzip/zlib.
    if encoding.as_deref().is_some_and(|e| e.contains("gzip")) && body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .take(MAX_RECORD_BYTES)
            .read_to_end(&mut out)
            .map_err(|e| format!("bad gzip content encoding: {e}"))?;
        body = out.into();
    } else if encoding.as_deref().is_some_and(|e| e.contains("deflate")) && body.first() == Some(&0x78) {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(&body[..])
            .take(MAX_RECORD_BYTES)
            .read_to_end(&mut out)
            .map_err(|e| format!("bad deflate content encoding: {e}"))?;
        body = out.into();
    }
    Ok(HttpResponse { status, content_type, body })
}

fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    loop {
        let nl = memchr::memchr(b'\n', &b[i..])? + i;
        let size_str = std::str::from_utf8(&b[i..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        i = nl + 1;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(i..i + size)?);
        i += size;
        while i < b.len() && (b[i] == b'\r' || b[i] == b'\n') {
            i += 1;
            if b.get(i - 1) == Some(&b'\n') {
                break;
            }
        }
    }
}

/// Whether a Content-Type names an HTML document.
pub fn is_html_type(ct: &str) -> bool {
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}
