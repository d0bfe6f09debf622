//! Byte-to-text decoding with the charset rules of the issue: BOM, then the
//! declared charset (HTTP header, then `<meta>`), then chardetng when nothing
//! is declared. Invalid sequences are replaced (lossy), never an error.

use encoding_rs::{Encoding, UTF_8};

/// How far into a page we look for a `<meta charset>` (the HTML spec's
/// prescan uses 1024 bytes; real pages put long `<head>`s first, so 4 KiB).
const META_PRESCAN: usize = 4096;

/// Decodes `bytes` to text. `declared` is the charset of an HTTP
/// `Content-Type` header when there is one.
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> String {
    let enc = choose_encoding(bytes, declared, true);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// Decodes non-HTML text (plain text, JSON Lines): BOM, else UTF-8 when valid,
/// else chardetng.
pub fn decode_text(bytes: &[u8]) -> String {
    let enc = choose_encoding(bytes, None, false);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

pub fn choose_encoding(bytes: &[u8], declared: Option<&str>, html: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let declared = declared
        .and_then(|c| Encoding::for_label(c.trim().trim_matches('"').as_bytes()))
        .or_else(|| if html { meta_charset(&bytes[..bytes.len().min(META_PRESCAN)]) } else { None });
    let head = &bytes[..bytes.len().min(1 << 20)];
    let valid_utf8_non_ascii = || {
        let upto = utf8_valid_prefix_len(head);
        upto > 0 && !head[..upto].is_ascii()
    };
    match declared {
        // A page that declares a legacy charset but is valid, non-ASCII UTF-8
        // was mislabelled: legacy text is almost never valid UTF-8 by chance.
        Some(enc) if enc != UTF_8 && enc.is_ascii_compatible() && valid_utf8_non_ascii() => UTF_8,
        // UTF-16 declared in a meta of an ASCII-compatible page means UTF-8 (HTML spec).
        Some(enc) if !enc.is_ascii_compatible() => UTF_8,
        Some(enc) => enc,
        None => {
            if mostly_utf8(head) {
                return UTF_8;
            }
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(head, head.len() == bytes.len());
            det.guess(None, chardetng::Utf8Detection::Allow)
        }
    }
}

/// True when the bytes are UTF-8 with at most a few bad sequences: more valid
/// multi-byte characters than invalid sequences. Legacy single-byte text
/// almost never forms a valid multi-byte sequence, so it fails this test.
fn mostly_utf8(mut b: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(b) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let ok = &b[..e.valid_up_to()];
                good += ok.iter().filter(|&&c| c >= 0xC0).count();
                match e.error_len() {
                    None => break,
                    Some(n) => {
                        bad += 1;
                        b = &b[e.valid_up_to() + n..];
                    }
                }
            }
        }
    }
    bad == 0 || good > bad
}

/// Length of the longest valid UTF-8 prefix, not counting a sequence cut at the end.
fn utf8_valid_prefix_len(b: &[u8]) -> usize {
    match std::str::from_utf8(b) {
        Ok(_) => b.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => 0,
    }
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="...; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.iter().position(|&b| b != b' ' && b != b'=' && b != b'"' && b != b'\'')
                .map_or(&rest[rest.len()..], |i| &rest[i..]);
            let len = rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..len]) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

/// The charset parameter of a `Content-Type` header value.
pub fn content_type_charset(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let i = lower.find("charset=")?;
    let v = content_type[i + 8..].split(';').next()?.trim().trim_matches('"');
    (!v.is_empty()).then_some(v)
}
