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

/// A buffered reader that counts the bytes consumed and can look a few
/// bytes ahead across refills (to find the next gzip header).
struct Counting<R: Read> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pos: u64,
}

impl<R: Read> Counting<R> {
    fn new(inner: R) -> Self {
        Counting { inner, buf: vec![0; 64 * 1024], start: 0, end: 0, pos: 0 }
    }

    /// Makes at least `n` bytes available unless the input ends first.
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.start < n {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            while self.end < n {
                let got = self.inner.read(&mut self.buf[self.end..])?;
                if got == 0 {
                    break;
                }
                self.end += got;
            }
        }
        Ok(&self.buf[self.start..self.end])
    }

    /// Skips to the next gzip member header (1f 8b 08); false at the end.
    fn skip_to_member(&mut self) -> io::Result<bool> {
        loop {
            let avail = self.fill_at_least(3)?;
            if avail.len() < 3 {
                let n = avail.len();
                self.consume(n);
                return Ok(false);
            }
            match memchr::memchr(0x1f, avail) {
                Some(p) if p + 3 <= avail.len() => {
                    if avail[p + 1] == 0x8b && avail[p + 2] == 0x08 {
                        self.consume(p);
                        return Ok(true);
                    }
                    self.consume(p + 1);
                }
                // The header may straddle the buffer's end: keep it for the next look.
                Some(p) => self.consume(p),
                None => {
                    let n = avail.len();
                    self.consume(n);
                }
            }
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.start = 0;
            self.end = self.inner.read(&mut self.buf)?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.pos += n as u64;
    }
}

/// Reads a gzipped WARC member by member (the CC-NEWS layout has one record
/// per member). Record numbers run across members; a record's `offset` is
/// the byte offset of its gzip member in the file. A corrupt member is
/// reported once and reading resumes at the next gzip header, so one bad
/// record does not end the archive.
pub fn read_gz_members<R: Read>(input: R, emit: &mut dyn FnMut(Result<Record, RecordError>)) {
    let mut r = Counting::new(input);
    let mut base = 0usize;
    loop {
        let at = r.pos;
        let head = match r.fill_at_least(3) {
            Ok(h) => h,
            Err(e) => return emit(Err(RecordError { number: base + 1, offset: at, message: format!("read error: {e}") })),
        };
        if head.is_empty() {
            return;
        }
        if !head.starts_with(&[0x1f, 0x8b, 0x08]) {
            emit(Err(RecordError {
                number: base,
                offset: at,
                message: format!("bytes that are not a gzip member after record {base}; skipped to the next member"),
            }));
            match r.skip_to_member() {
                Ok(true) => continue,
                _ => return,
            }
        }
        let mut last = 0usize;
        {
            let dec = flate2::bufread::GzDecoder::new(&mut r);
            for item in Reader::new(io::BufReader::with_capacity(64 * 1024, dec)) {
                match item {
                    Ok(mut rec) => {
                        last = rec.number;
                        rec.number += base;
                        rec.offset = at;
                        emit(Ok(rec));
                    }
                    Err(mut e) => {
                        last = last.max(e.number);
                        e.number += base;
                        e.offset = at;
                        emit(Err(e));
                    }
                }
            }
        }
        base += last.max(1);
        // A member read to its end leaves us on the next header (or at the
        // end); after an error inside a member, look for the next header.
        if r.pos == at {
            // Nothing was read (a header the decoder refused): step past it.
            r.consume(1);
        }
        let clean = r.pos > at + 1
            && r.fill_at_least(3).map(|h| h.is_empty() || h.starts_with(&[0x1f, 0x8b, 0x08])).unwrap_or(false);
        if !clean && !matches!(r.skip_to_member(), Ok(true)) {
            return;
        }
    }
}
