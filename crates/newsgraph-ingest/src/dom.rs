//! A flat, pre-order copy of the parsed document: every node knows its parent
//! and where its subtree ends, so that all later passes are plain loops (no
//! recursion: broken pages with thousands of unclosed tags nest deeply).

use ego_tree::iter::Edge;
use scraper::{Html, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Element,
    Text,
}

pub struct N<'a> {
    pub kind: Kind,
    /// Lower-case local name for elements, "" for text.
    pub tag: &'a str,
    pub text: &'a str,
    pub el: Option<&'a scraper::node::Element>,
    pub parent: u32,
    /// One past the last node of this subtree.
    pub end: u32,
}

pub struct Dom<'a> {
    pub nodes: Vec<N<'a>>,
}

impl<'a> Dom<'a> {
    pub fn build(html: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<N<'a>> = Vec::with_capacity(4096);
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let parent = stack.last().copied().unwrap_or(u32::MAX);
                    let idx = nodes.len() as u32;
                    let (kind, tag, text, el) = match node.value() {
                        Node::Element(e) => (Kind::Element, e.name(), "", Some(e)),
                        Node::Text(t) => (Kind::Text, "", &**t as &str, None),
                        // The document root is kept as an element so that the
                        // tree has one root; comments and doctypes are dropped.
                        Node::Document | Node::Fragment => (Kind::Element, "#document", "", None),
                        _ => {
                            // Skipped nodes still need a Close to match: push a
                            // marker that the Close pops without recording.
                            stack.push(u32::MAX - 1);
                            continue;
                        }
                    };
                    nodes.push(N { kind, tag, text, el, parent, end: idx + 1 });
                    stack.push(idx);
                }
                Edge::Close(_) => {
                    if let Some(idx) = stack.pop() {
                        if idx < u32::MAX - 1 {
                            nodes[idx as usize].end = nodes.len() as u32;
                        }
                    }
                }
            }
        }
        Dom { nodes }
    }

    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.nodes[i].el.and_then(|e| e.attr(name))
    }

    /// Text of a subtree with whitespace collapsed (no filtering).
    pub fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.nodes[i].end as usize;
        let mut j = i;
        while j < end {
            let n = &self.nodes[j];
            if n.kind == Kind::Element && matches!(n.tag, "script" | "style" | "noscript" | "template") {
                j = n.end as usize;
                continue;
            }
            if n.kind == Kind::Text {
                push_collapsed(&mut out, n.text);
            } else if n.tag == "br" {
                push_collapsed(&mut out, " ");
            }
            j += 1;
        }
        out.trim().to_string()
    }
}

/// Appends `s` with runs of whitespace collapsed to one space (a space is not
/// added at the start of `out` nor twice in a row) and invisible break hints
/// removed.
pub fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        // Invisible break hints (soft hyphen, zero-width space, word joiner,
        // BOM) would split words for the tokenizers downstream.
        if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}
