//! An article's text as HTML with its annotations marked: quotes, their
//! speakers and cues, entity mentions, times and amounts, each a `<mark>`
//! or `<span>` carrying what the record says of it (for the tooltip).
//!
//! Marks nest (a name inside a quote); one that would cross another's
//! boundary (start inside it, end outside) is left out rather than
//! breaking the markup. Offsets are characters, as in the record. Every
//! piece of text and every attribute value is escaped here: article text
//! is hostile.

/// One annotation to mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// `mark` for quotes, `span` for the rest.
    pub tag: &'static str,
    /// CSS classes (fixed words of ours, never article text).
    pub class: String,
    /// An element id (ours: letters, digits, dashes).
    pub id: Option<String>,
    /// What the tooltip says, one line each.
    pub tip: Vec<String>,
    /// Whether the keyboard can reach it (Tab), to read its tooltip.
    pub focusable: bool,
}

/// `s` escaped for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn open(m: &Mark) -> String {
    let mut s = format!("<{} class=\"{}\"", m.tag, escape(&m.class));
    if let Some(id) = &m.id {
        s.push_str(&format!(" id=\"{}\"", escape(id)));
    }
    if !m.tip.is_empty() {
        s.push_str(&format!(" data-tip=\"{}\"", escape(&m.tip.join("\n"))));
    }
    if m.focusable {
        s.push_str(" tabindex=\"0\"");
    }
    s.push('>');
    s
}

/// The text as HTML with the marks; marks out of the text's bounds, empty
/// or crossing another are dropped.
pub fn render(text: &str, mut marks: Vec<Mark>) -> String {
    // byte offset of each character, and of the end
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let n = bytes.len() - 1;
    marks.retain(|m| m.start < m.end && m.end <= n);
    // outer first: earlier start, then longer
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new(); // ends of open marks, with their tags
    let mut tags: Vec<&'static str> = Vec::new();
    let mut at = 0;
    for m in &marks {
        // close what ends before this one starts
        while let Some(&end) = stack.last() {
            if end > m.start {
                break;
            }
            out.push_str(&escape(&text[bytes[at]..bytes[end]]));
            at = end;
            out.push_str(&format!("</{}>", tags.pop().unwrap_or("span")));
            stack.pop();
        }
        if stack.last().is_some_and(|&end| m.end > end) {
            continue; // would cross the open mark
        }
        out.push_str(&escape(&text[bytes[at]..bytes[m.start]]));
        at = m.start;
        out.push_str(&open(m));
        stack.push(m.end);
        tags.push(m.tag);
    }
    while let Some(end) = stack.pop() {
        out.push_str(&escape(&text[bytes[at]..bytes[end]]));
        at = end;
        out.push_str(&format!("</{}>", tags.pop().unwrap_or("span")));
    }
    out.push_str(&escape(&text[bytes[at]..]));
    out
}

/// A short text with some character spans in `<mark>` (a search snippet).
pub fn marked(text: &str, spans: &[(usize, usize)]) -> String {
    let marks = spans.iter().map(|&(start, end)| Mark { start, end, tag: "mark", class: "hit".into(), id: None, tip: Vec::new(), focusable: false }).collect();
    render(text, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &str) -> Mark {
        Mark { start, end, tag: "span", class: class.into(), id: None, tip: vec![], focusable: false }
    }

    #[test]
    fn marks_nest_and_a_crossing_one_is_dropped() {
        let text = "“NATO is a threat,” Putin said.";
        let html = render(text, vec![mark(0, 19, "quote"), mark(1, 5, "org"), mark(17, 25, "crossing"), mark(20, 25, "person")]);
        assert_eq!(html, "<span class=\"quote\">“<span class=\"org\">NATO</span> is a threat,”</span> <span class=\"person\">Putin</span> said.");
    }

    #[test]
    fn text_and_tips_are_escaped() {
        let text = "<script>alert(1)</script> & \"x\"";
        let mut m = mark(0, 8, "q");
        m.tip = vec!["Speaker: <img src=x onerror=alert(1)>".into(), "a\"b".into()];
        let html = render(text, vec![m]);
        assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        assert!(html.contains("data-tip=\"Speaker: &lt;img src=x onerror=alert(1)&gt;\na&quot;b\""), "{html}");
        assert!(html.ends_with("&lt;/script&gt; &amp; &quot;x&quot;"), "{html}");
    }

    #[test]
    fn offsets_are_characters_and_bad_spans_are_dropped() {
        let html = render("Zelenskyy, Kyiv", vec![mark(11, 15, "gpe"), mark(3, 100, "out"), mark(5, 5, "empty")]);
        assert_eq!(html, "Zelenskyy, <span class=\"gpe\">Kyiv</span>");
        assert_eq!(marked("Ant\u{f3}nio said", &[(0, 7)]), "<mark class=\"hit\">Ant\u{f3}nio</mark> said");
    }
}
