//! Bounds the work of the HTML parser on hostile pages, before parsing.
//!
//! The HTML tree builder walks the stack of open elements (scope checks,
//! the list of active formatting elements), so thousands of unclosed
//! `<div>`s, `<b>`s or `<table>`s make parsing quadratic: 100,000 unclosed
//! `<div>`s took 37 s in html5ever, 100,000 `<b id=N>` over 120 s. It also
//! de-duplicates attributes pairwise: one tag with 200,000 attributes took
//! 11 s. Browsers cap the depth too (Blink at 512). So, past [`MAX_DEPTH`]
//! open elements of the kinds below, further start tags of those kinds, and
//! as many of their end tags, are dropped; and a tag longer than
//! [`MAX_TAG_BYTES`] loses its attributes. The text always stays. Pages that
//! need neither (all real pages seen so far) are passed through untouched
//! after one fast scan.

use std::borrow::Cow;

pub const MAX_DEPTH: usize = 512;
pub const MAX_TAG_BYTES: usize = 64 * 1024;

/// Elements that are not closed implicitly by a sibling start tag:
/// containers, tables and formatting elements.
fn is_capped(name: &[u8]) -> bool {
    matches!(
        name,
        b"div" | b"section" | b"article" | b"aside" | b"nav" | b"header" | b"footer" | b"main" | b"blockquote"
            | b"ul" | b"ol" | b"dl" | b"center" | b"details" | b"fieldset" | b"figure" | b"form" | b"menu"
            | b"address" | b"hgroup" | b"search" | b"table" | b"a" | b"b" | b"big" | b"code" | b"em" | b"font"
            | b"i" | b"nobr" | b"s" | b"small" | b"strike" | b"strong" | b"tt" | b"u" | b"span"
    )
}

/// Elements whose content is raw text: tags inside them are not tags.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noembed" | b"plaintext")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Start,
    End,
    Other,
}

struct Tag {
    tok: Tok,
    /// End of the tag name (for rewriting a tag without its attributes).
    name_end: usize,
    /// One past the tag's closing '>'.
    tag_end: usize,
    /// Where scanning goes on (after a comment or a raw-text element's body).
    next: usize,
    /// A real start or end tag (not a comment, not a stray '<').
    is_tag: bool,
}

/// Scans the tag at `b[i] == b'<'`.
fn tag_at(b: &[u8], i: usize) -> Tag {
    let stray = Tag { tok: Tok::Other, name_end: i + 1, tag_end: i + 1, next: i + 1, is_tag: false };
    let rest = &b[i + 1..];
    if rest.starts_with(b"!--") {
        let end = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |e| i + 1 + 3 + e + 3);
        return Tag { tag_end: end, next: end, ..stray };
    }
    let (is_end, name_start) = if rest.first() == Some(&b'/') { (true, i + 2) } else { (false, i + 1) };
    let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
        return stray;
    }
    let name_end = name_start + name_len;
    let tag_end = memchr::memchr(b'>', &b[name_end..]).map_or(b.len(), |e| name_end + e + 1);
    let mut name = [0u8; 10];
    let known = name_len <= name.len();
    if known {
        for (k, c) in b[name_start..name_end].iter().enumerate() {
            name[k] = c.to_ascii_lowercase();
        }
    }
    let name = &name[..name_len.min(10)];
    let mut tag = Tag { tok: Tok::Other, name_end, tag_end, next: tag_end, is_tag: true };
    if !known {
        return tag;
    }
    if !is_end && is_raw_text(name) {
        // Go on after the raw text, at its end tag.
        let mut j = tag_end;
        tag.next = loop {
            let Some(p) = memchr::memchr(b'<', &b[j..]) else { break b.len() };
            let at = j + p;
            if b.get(at + 1) == Some(&b'/') && b.get(at + 2..at + 2 + name_len).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
                break at;
            }
            j = at + 1;
        };
        return tag;
    }
    if is_capped(name) {
        tag.tok = if is_end { Tok::End } else { Tok::Start };
    }
    tag
}

fn needs_rewrite(b: &[u8], limit: usize) -> bool {
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let t = tag_at(b, at);
        if t.is_tag && t.tag_end - at > MAX_TAG_BYTES {
            return true;
        }
        match t.tok {
            Tok::Start => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            Tok::End => depth = depth.saturating_sub(1),
            Tok::Other => {}
        }
        i = t.next.max(at + 1);
    }
    false
}

/// The page with nesting capped at `limit` and over-long tags stripped of
/// their attributes; borrowed when nothing needs it (the common case).
pub fn cap_nesting(html: &str, limit: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    if !needs_rewrite(b, limit) {
        return Cow::Borrowed(html);
    }
    let mut out = Vec::with_capacity(b.len());
    let (mut depth, mut dropped, mut i, mut copied) = (0usize, 0usize, 0usize, 0usize);
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let t = tag_at(b, at);
        let drop = match t.tok {
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
            copied = t.tag_end;
        } else if t.is_tag && t.tag_end - at > MAX_TAG_BYTES {
            out.extend_from_slice(&b[copied..t.name_end]);
            out.push(b'>');
            copied = t.tag_end;
        }
        i = t.next.max(at + 1);
    }
    out.extend_from_slice(&b[copied..]);
    // Only whole ASCII tags or attribute runs were removed: still UTF-8.
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
    fn formatting_elements_are_capped_too() {
        assert_eq!(cap_nesting("<b id=1>a<b id=2>b<b id=3>c", 2), "<b id=1>a<b id=2>bc");
    }

    #[test]
    fn tags_in_comments_and_scripts_are_not_counted() {
        let html = "<div><!-- <div><div> --><script>var s = '<div><div>';</script><div>x</div></div>";
        assert_eq!(cap_nesting(html, 2), html);
    }

    #[test]
    fn over_long_tags_lose_their_attributes() {
        let attrs: String = (0..20_000).map(|i| format!(" a{i}=1")).collect();
        let html = format!("<p{attrs}>text</p>");
        assert_eq!(cap_nesting(&html, 512), "<p>text</p>");
    }
}
