//! Caps the nesting depth of block containers before parsing.
//!
//! The HTML tree builder checks element scopes by walking the stack of open
//! elements, so thousands of unclosed `<div>`s make parsing quadratic
//! (100,000 of them took 37 s in html5ever). Browsers cap the depth too
//! (Blink at 512). Past [`MAX_DEPTH`] open containers, further container
//! start tags, and as many matching end tags, are dropped; the text stays.

use std::borrow::Cow;

pub const MAX_DEPTH: usize = 512;

/// Block containers that are not closed implicitly by a sibling start tag.
fn is_container(name: &[u8]) -> bool {
    matches!(
        name,
        b"div" | b"section" | b"article" | b"aside" | b"nav" | b"header" | b"footer" | b"main" | b"blockquote"
            | b"ul" | b"ol" | b"dl" | b"center" | b"details" | b"fieldset" | b"figure" | b"form" | b"menu"
            | b"address" | b"hgroup" | b"search"
    )
}

/// Elements whose content is raw text: tags inside them are not tags.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noembed" | b"plaintext")
}

enum Tok {
    Start,
    End,
    Other,
}

/// Scans the tag at `b[i] == b'<'`: what it is and where it ends.
fn tag_at(b: &[u8], i: usize) -> (Tok, usize) {
    let rest = &b[i + 1..];
    if rest.starts_with(b"!--") {
        let end = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |e| i + 1 + 3 + e + 3);
        return (Tok::Other, end);
    }
    let (is_end, name_start) = if rest.first() == Some(&b'/') { (true, i + 2) } else { (false, i + 1) };
    let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || name_len > 10 {
        return (Tok::Other, i + 1);
    }
    let mut name = [0u8; 10];
    for (k, c) in b[name_start..name_start + name_len].iter().enumerate() {
        name[k] = c.to_ascii_lowercase();
    }
    let name = &name[..name_len];
    let end = memchr::memchr(b'>', &b[name_start..]).map_or(b.len(), |e| name_start + e + 1);
    if !is_end && is_raw_text(name) {
        // Skip to the matching end tag.
        let mut j = end;
        loop {
            let Some(p) = memchr::memchr(b'<', &b[j..]) else { return (Tok::Other, b.len()) };
            let at = j + p;
            if b.get(at + 1) == Some(&b'/') && b.get(at + 2..at + 2 + name_len).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
                return (Tok::Other, at);
            }
            j = at + 1;
        }
    }
    if !is_container(name) {
        return (Tok::Other, end);
    }
    (if is_end { Tok::End } else { Tok::Start }, end)
}

fn max_depth_exceeds(b: &[u8], limit: usize) -> bool {
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let (tok, next) = tag_at(b, at);
        match tok {
            Tok::Start => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            Tok::End => depth = depth.saturating_sub(1),
            Tok::Other => {}
        }
        i = next.max(at + 1);
    }
    false
}

/// The page with container nesting capped at `limit`, borrowed when it is
/// not that deep (the common case: one fast scan).
pub fn cap_nesting(html: &str, limit: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    if !max_depth_exceeds(b, limit) {
        return Cow::Borrowed(html);
    }
    let mut out = Vec::with_capacity(b.len());
    let (mut depth, mut dropped, mut i, mut copied) = (0usize, 0usize, 0usize, 0usize);
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let (tok, next) = tag_at(b, at);
        let drop = match tok {
            Tok::Start if depth >= limit => {
                dropped += 1;
                true
            }
            Tok::Start => {
                depth += 1;
                false
            }
            Tok::End if dropped > 0 => {
                dropped -= 1;
                true
            }
            Tok::End => {
                depth = depth.saturating_sub(1);
                false
            }
            Tok::Other => false,
        };
        if drop {
            out.extend_from_slice(&b[copied..at]);
            copied = next;
        }
        i = next.max(at + 1);
    }
    out.extend_from_slice(&b[copied..]);
    // Only whole ASCII tags were removed, so the bytes stay valid UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed_unchanged() {
        let html = "<div><div><p>a</p></div></div><script>'<div><div><div>'</script>";
        assert!(matches!(cap_nesting(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn containers_past_the_limit_are_dropped_with_their_end_tags() {
        let html = "<div><section><div><p>text</p></div></section></div><DIV>after</DIV>";
        assert_eq!(cap_nesting(html, 2), "<div><section><p>text</p></section></div><DIV>after</DIV>");
    }

    #[test]
    fn tags_in_comments_and_scripts_are_not_counted() {
        let html = "<div><!-- <div><div> --><script>var s = '<div><div>';</script><div>x</div></div>";
        assert_eq!(cap_nesting(html, 2), html);
    }
}
