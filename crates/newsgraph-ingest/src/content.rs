//! Main-content extraction: readability-style scoring of containers by the
//! paragraphs they hold, then block-by-block text from the best container and
//! its qualifying siblings, with page furniture removed.

use crate::dom::{push_collapsed, Dom, Kind};
use crate::BlockKind;
use regex::Regex;
use std::sync::OnceLock;

fn alternation(data: &str) -> Regex {
    let alts: Vec<String> = data
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(regex::escape)
        .collect();
    Regex::new(&alts.join("|")).expect("class pattern list is a valid regex")
}

struct Patterns {
    unlikely: Regex,
    strong: Regex,
    maybe: Regex,
    positive: Regex,
    negative: Regex,
    furniture: Vec<String>,
    byline_starts: Vec<String>,
    credit: aho_corasick::AhoCorasick,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        unlikely: alternation(include_str!("../data/unlikely_classes.txt")),
        strong: alternation(include_str!("../data/strong_unlikely_classes.txt")),
        maybe: alternation(include_str!("../data/maybe_candidate_classes.txt")),
        positive: alternation(include_str!("../data/positive_classes.txt")),
        negative: alternation(include_str!("../data/negative_classes.txt")),
        furniture: include_str!("../data/furniture_lines.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
        credit: aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(
                include_str!("../data/credit_and_promo.txt")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#')),
            )
            .expect("credit phrase list builds"),
        byline_starts: include_str!("../data/byline_starts.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    })
}

/// Elements that never hold article text.
fn is_furniture_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "nav" | "footer" | "aside" | "button"
            | "iframe" | "svg" | "canvas" | "select" | "textarea" | "input" | "figcaption" | "figure"
            | "header" | "object" | "embed" | "video" | "audio" | "picture" | "img" | "head" | "title"
            | "menu" | "dialog" | "label" | "math"
    )
}

/// Elements that start a new block of text.
fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "blockquote" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "pre" | "table"
            | "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "caption" | "figure" | "figcaption"
            | "address" | "hr" | "center" | "fieldset" | "details" | "summary" | "aside" | "nav"
            | "form" | "body" | "html" | "#document"
    )
}

fn class_id(dom: &Dom, i: usize) -> String {
    let mut s = String::new();
    for a in ["class", "id", "role"] {
        if let Some(v) = dom.attr(i, a) {
            s.push_str(v);
            s.push(' ');
        }
    }
    s.make_ascii_lowercase();
    s
}

fn is_hidden(dom: &Dom, i: usize) -> bool {
    let Some(el) = dom.nodes[i].el else { return false };
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let st: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if st.contains("display:none") || st.contains("visibility:hidden") {
            return true;
        }
    }
    matches!(
        el.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "dialog" | "menu" | "alert" | "search")
    )
}

struct Stats {
    skip: Vec<bool>,
    letters: Vec<u32>,
    link_letters: Vec<u32>,
    /// Whether the subtree has a block-level element below its root.
    has_block: Vec<bool>,
    /// Letters and commas of the text not inside a block-level descendant
    /// (the element's own "paragraph" text).
    inline_letters: Vec<u32>,
    inline_commas: Vec<u32>,
}

fn stats(dom: &Dom, class_filter: bool) -> Stats {
    let n = dom.nodes.len();
    let p = patterns();
    let mut skip = vec![false; n];
    let mut in_link = vec![false; n];
    // Tags and hidden elements first.
    for i in 0..n {
        let node = &dom.nodes[i];
        let parent = node.parent as usize;
        let (ps, pl) = if parent < n { (skip[parent], in_link[parent]) } else { (false, false) };
        in_link[i] = pl || node.tag == "a";
        skip[i] = ps || (node.kind == Kind::Element && (is_furniture_tag(node.tag) || is_hidden(dom, i)));
    }
    if class_filter {
        // Class names next, except on wrappers that hold most of the page's
        // text: a page wrapper named "page-ad-margins" is not an ad.
        let mut raw = vec![0u32; n];
        for i in (0..n).rev() {
            if skip[i] {
                continue;
            }
            if dom.nodes[i].kind == Kind::Text {
                raw[i] += dom.nodes[i].text.chars().filter(|c| !c.is_whitespace()).count() as u32;
            }
            let parent = dom.nodes[i].parent as usize;
            if parent < n {
                raw[parent] += raw[i];
            }
        }
        let page = raw.first().copied().unwrap_or(0) as f64;
        for i in 0..n {
            let node = &dom.nodes[i];
            let parent = node.parent as usize;
            if parent < n && skip[parent] {
                skip[i] = true;
                continue;
            }
            if skip[i]
                || node.kind != Kind::Element
                || matches!(node.tag, "html" | "body" | "a" | "article" | "main")
                || raw[i] as f64 > WRAPPER_SHARE * page
            {
                continue;
            }
            let ci = class_id(dom, i);
            skip[i] = !ci.is_empty() && (p.strong.is_match(&ci) || (p.unlikely.is_match(&ci) && !p.maybe.is_match(&ci)));
        }
    }
    let mut letters = vec![0u32; n];
    let mut link_letters = vec![0u32; n];
    let mut commas = vec![0u32; n];
    let mut has_block = vec![false; n];
    let mut links = vec![0u32; n];
    let mut inline_letters = vec![0u32; n];
    let mut inline_commas = vec![0u32; n];
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        if skip[i] {
            continue;
        }
        if node.kind == Kind::Text {
            let l = node.text.chars().filter(|c| !c.is_whitespace()).count() as u32;
            letters[i] += l;
            commas[i] += node.text.matches(',').count() as u32;
            if in_link[i] {
                link_letters[i] += l;
            }
            inline_letters[i] = l;
            inline_commas[i] = commas[i];
        }
        if node.tag == "a" {
            links[i] += 1;
        }
        let parent = node.parent as usize;
        if parent < n {
            links[parent] += links[i];
            if !(node.kind == Kind::Element && is_block_tag(node.tag)) {
                inline_letters[parent] += inline_letters[i];
                inline_commas[parent] += inline_commas[i];
            }
            letters[parent] += letters[i];
            link_letters[parent] += link_letters[i];
            commas[parent] += commas[i];
            if has_block[i] || (node.kind == Kind::Element && is_block_tag(node.tag)) {
                has_block[parent] = true;
            }
        }
    }
    // An inline cluster of links inside the text (a pop-up card of related
    // stories in a <span>) is not article text, whatever its class names.
    // Block-level link lists are left to the per-block link density rule:
    // some articles are lists of linked items.
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        if !skip[i]
            && node.kind == Kind::Element
            && node.tag != "a"
            && !is_block_tag(node.tag)
            && links[i] >= LINK_CLUSTER_LINKS
            && letters[i] >= LINK_CLUSTER_LETTERS
            && link_letters[i] as f64 >= LINK_CLUSTER_DENSITY * letters[i] as f64
        {
            let end = node.end as usize;
            skip[i..end].iter_mut().for_each(|x| *x = true);
            i = end;
            continue;
        }
        i += 1;
    }
    Stats { skip, letters, link_letters, has_block, inline_letters, inline_commas }
}

fn link_density(s: &Stats, i: usize) -> f64 {
    if s.letters[i] == 0 {
        0.0
    } else {
        s.link_letters[i] as f64 / s.letters[i] as f64
    }
}

fn class_weight(dom: &Dom, i: usize) -> f64 {
    let p = patterns();
    let mut w = 0.0;
    for a in ["class", "id"] {
        if let Some(v) = dom.attr(i, a) {
            let v = v.to_ascii_lowercase();
            if p.negative.is_match(&v) {
                w -= 25.0;
            }
            if p.positive.is_match(&v) {
                w += 25.0;
            }
        }
    }
    w
}

fn base_score(dom: &Dom, i: usize) -> f64 {
    let tag_score = match dom.nodes[i].tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let extra = if matches!(dom.nodes[i].tag, "article") || dom.attr(i, "itemprop") == Some("articleBody") {
        25.0
    } else {
        0.0
    };
    tag_score + class_weight(dom, i) + extra
}

/// A block mostly made of links is furniture (related stories, tag lists)
/// unless it has at least this many letters of its own text.
const LINK_BLOCK_OWN_LETTERS: usize = 100;

/// Share of the best container's text that an `<article>` inside it must hold
/// to be chosen instead.
const SEMANTIC_SHARE: f64 = 0.7;

/// Credit lines and calls to action are short; a long block that mentions
/// "reporting by" is article text.
const CREDIT_MAX_BYTES: usize = 300;

/// An element with at least this many letters, of which this share is link
/// text, is a cluster of links.
const LINK_CLUSTER_LETTERS: u32 = 100;
const LINK_CLUSTER_DENSITY: f64 = 0.8;
/// A bold lead-in that is one link is a headline of the article's own list.
const LINK_CLUSTER_LINKS: u32 = 3;

/// An element holding more than this share of the page's text is a page
/// wrapper, whatever its class says.
const WRAPPER_SHARE: f64 = 0.5;

/// Candidates scoring at least this share of the best one are chunks of the same article.
const CHUNK_RATIO: f64 = 0.5;
/// How many levels above the best candidate its chunks are looked for.
const MAX_CHUNK_CLIMB: usize = 5;

/// The roots (in document order) whose text is the article.
fn select_roots(dom: &Dom, s: &Stats) -> Vec<usize> {
    let n = dom.nodes.len();
    let mut score: Vec<f64> = vec![f64::NAN; n];
    for i in 0..n {
        let node = &dom.nodes[i];
        if s.skip[i] || node.kind != Kind::Element {
            continue;
        }
        if !is_block_tag(node.tag) || s.inline_letters[i] < 25 {
            continue;
        }
        let content = 1.0 + s.inline_commas[i] as f64 + (s.inline_letters[i] as f64 / 100.0).min(3.0);
        // Loose text beside block children is a paragraph of this element
        // itself (readability wraps it in a <p>); a paragraph-like element
        // credits its parent.
        let loose = s.has_block[i] && !matches!(node.tag, "p" | "pre" | "td" | "li" | "blockquote");
        let mut a = if loose { i } else { node.parent as usize };
        let mut level = 0;
        while a < n && level < 5 {
            if score[a].is_nan() {
                score[a] = base_score(dom, a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[a] += content / div;
            a = dom.nodes[a].parent as usize;
            level += 1;
        }
    }
    let mut top = usize::MAX;
    let mut best = f64::MIN;
    // Several arrays are indexed by node: a range loop reads best.
    #[allow(clippy::needless_range_loop)]
    for i in 0..n {
        if score[i].is_nan() || matches!(dom.nodes[i].tag, "#document" | "html") {
            continue;
        }
        score[i] *= 1.0 - link_density(s, i);
        if score[i] > best {
            best = score[i];
            top = i;
        }
    }
    if top == usize::MAX {
        // No paragraphs at all: the body is the article.
        return dom.nodes.iter().position(|x| x.tag == "body").into_iter().collect();
    }
    if std::env::var_os("NEWSGRAPH_INGEST_DEBUG").is_some() {
        let mut c: Vec<(f64, usize)> = (0..n).filter(|&i| !score[i].is_nan()).map(|i| (score[i], i)).collect();
        c.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (sc, i) in c.iter().take(6) {
            eprintln!("cand {sc:.1} <{} {}> letters={} ld={:.2}", dom.nodes[*i].tag, class_id(dom, *i), s.letters[*i], link_density(s, *i));
        }
    }
    // A marked-up article inside the best container that holds most of its
    // text is the better root: what is left outside is page furniture.
    let (mut top, mut best) = (top, best);
    if let Some(d) = (top + 1..dom.nodes[top].end as usize).find(|&d| {
        !s.skip[d]
            && (dom.nodes[d].tag == "article" || dom.attr(d, "itemprop") == Some("articleBody"))
            && s.letters[d] as f64 >= SEMANTIC_SHARE * s.letters[top] as f64
    }) {
        top = d;
        if !score[d].is_nan() {
            best = score[d];
        }
    }
    // An article split into chunks that are cousins, not siblings (one
    // container per section, each with the same tag and class): climb to the
    // lowest ancestor holding every such chunk.
    let contains = |a: usize, b: usize| a <= b && b < dom.nodes[a].end as usize;
    // The first class of the best container names its kind ("story-body",
    // "block-text"); later classes are often modifiers ("...-initial-letter").
    let top_class = dom.attr(top, "class").and_then(|c| c.split_whitespace().next());
    let others: Vec<usize> = (0..n)
        .filter(|&i| !score[i].is_nan() && score[i] >= best * CHUNK_RATIO && !contains(i, top) && !contains(top, i))
        .filter(|&i| {
            // Each <article> is a complete composition: several of them are
            // several stories (teasers of other posts), not chunks of one.
            dom.nodes[i].tag == dom.nodes[top].tag
                && dom.nodes[top].tag != "article"
                && top_class.is_some_and(|t| dom.attr(i, "class").is_some_and(|c| c.split_whitespace().any(|x| x == t)))
        })
        .filter(|&i| !matches!(dom.nodes[i].tag, "body" | "html" | "#document"))
        .collect();
    if !others.is_empty() {
        let mut a = top;
        for _ in 0..MAX_CHUNK_CLIMB {
            let p = dom.nodes[a].parent as usize;
            if p >= n || matches!(dom.nodes[p].tag, "body" | "html" | "#document") {
                break;
            }
            a = p;
            if others.iter().all(|&o| contains(a, o)) {
                top = a;
                break;
            }
        }
    }
    // Siblings that hold more of the same article.
    let parent = dom.nodes[top].parent as usize;
    if parent >= n {
        return vec![top];
    }
    let threshold = (best * 0.2).max(10.0);
    let mut roots = Vec::new();
    let mut c = parent + 1;
    let end = dom.nodes[parent].end as usize;
    while c < end {
        let include = c == top || {
            let node = &dom.nodes[c];
            if s.skip[c] {
                false
            } else if !score[c].is_nan() && score[c] >= threshold {
                true
            } else if node.kind == Kind::Element && (node.tag == "p" || (is_block_tag(node.tag) && !s.has_block[c])) {
                let len = s.letters[c];
                let ld = link_density(s, c);
                (len > 65 && ld < 0.25) || (len > 0 && len <= 65 && ld == 0.0 && dom.text_of(c).ends_with('.'))
            } else {
                false
            }
        };
        if include {
            roots.push(c);
        }
        c = dom.nodes[c].end as usize;
    }
    roots
}

/// Extracts the article's blocks. `title` is used to drop a repeated headline.
pub fn extract_blocks(dom: &Dom, title: Option<&str>) -> Extracted {
    let s = stats(dom, true);
    let mut ex = blocks_from(dom, &s, &select_roots(dom, &s), title);
    let total: usize = ex.blocks.iter().map(|b| b.1.len()).sum();
    if total < 250 {
        // The class filter can remove the article itself (a wrapper named
        // "...-sidebar-layout"): retry without it, as readability does.
        let s2 = stats(dom, false);
        let again = blocks_from(dom, &s2, &select_roots(dom, &s2), title);
        if again.blocks.iter().map(|b| b.1.len()).sum::<usize>() > total {
            ex = again;
        }
    }
    ex
}

struct Builder {
    buf: String,
    letters: usize,
    link_letters: usize,
    /// The date of the first byline or time stamp dropped from the text.
    byline_date: Option<String>,
}

/// The article's blocks, and the date of a dropped byline ("Published Nov
/// 18, 2019 at 4:07 PM") for pages whose markup gives none.
pub struct Extracted {
    pub blocks: Vec<(BlockKind, String)>,
    pub byline_date: Option<String>,
}

fn blocks_from(dom: &Dom, s: &Stats, roots: &[usize], title: Option<&str>) -> Extracted {
    let mut out: Vec<(BlockKind, String)> = Vec::new();
    let mut b = Builder { buf: String::new(), letters: 0, link_letters: 0, byline_date: None };
    // Open elements: (end, index).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut link_depth_end: Vec<usize> = Vec::new();
    for &root in roots {
        let end = dom.nodes[root].end as usize;
        let mut j = root;
        while j < end {
            while let Some(&(e, _)) = stack.last() {
                if j < e {
                    break;
                }
                let (_, idx) = stack.pop().unwrap_or_default();
                if is_block_tag(dom.nodes[idx].tag) {
                    flush(dom, &mut b, &stack, Some(idx), &mut out, title);
                }
            }
            while link_depth_end.last().is_some_and(|&e| j >= e) {
                link_depth_end.pop();
            }
            let node = &dom.nodes[j];
            if s.skip[j] {
                j = node.end as usize;
                continue;
            }
            match node.kind {
                Kind::Text => {
                    let before = b.buf.len();
                    push_collapsed(&mut b.buf, node.text);
                    let l = b.buf[before..].chars().filter(|c| !c.is_whitespace()).count();
                    b.letters += l;
                    if !link_depth_end.is_empty() {
                        b.link_letters += l;
                    }
                }
                Kind::Element => {
                    if node.tag == "br" {
                        if !b.buf.is_empty() {
                            while b.buf.ends_with(' ') {
                                b.buf.pop();
                            }
                            b.buf.push('\n');
                        }
                    } else if is_block_tag(node.tag) {
                        flush(dom, &mut b, &stack, None, &mut out, title);
                    }
                    if node.tag == "a" {
                        link_depth_end.push(node.end as usize);
                    }
                    if (node.end as usize) > j + 1 {
                        stack.push((node.end as usize, j));
                    } else if is_block_tag(node.tag) {
                        flush(dom, &mut b, &stack, Some(j), &mut out, title);
                    }
                }
            }
            j += 1;
        }
        while let Some((_, idx)) = stack.pop() {
            if is_block_tag(dom.nodes[idx].tag) {
                flush(dom, &mut b, &stack, Some(idx), &mut out, title);
            }
        }
        flush(dom, &mut b, &stack, None, &mut out, title);
        link_depth_end.clear();
    }
    Extracted { blocks: out, byline_date: b.byline_date }
}

fn flush(
    dom: &Dom,
    b: &mut Builder,
    stack: &[(usize, usize)],
    closing: Option<usize>,
    out: &mut Vec<(BlockKind, String)>,
    title: Option<&str>,
) {
    let text = b.buf.trim();
    if text.is_empty() {
        b.buf.clear();
        b.letters = 0;
        b.link_letters = 0;
        return;
    }
    let text = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    let mut kind = BlockKind::Paragraph;
    let mut is_h1 = false;
    for idx in closing.into_iter().chain(stack.iter().rev().map(|x| x.1)) {
        match dom.nodes[idx].tag {
            "h1" => {
                is_h1 = true;
                kind = BlockKind::Heading;
                break;
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                kind = BlockKind::Heading;
                break;
            }
            "blockquote" => {
                kind = BlockKind::BlockQuote;
                break;
            }
            "li" | "dd" => {
                kind = BlockKind::ListItem;
                break;
            }
            _ => {}
        }
    }
    let ld = if b.letters == 0 { 0.0 } else { b.link_letters as f64 / b.letters as f64 };
    let keep = !(is_h1 && (out.is_empty() || title.is_some_and(|t| same_words(t, &text))))
        && !(ld > 0.5 && b.letters - b.link_letters < LINK_BLOCK_OWN_LETTERS && !is_sentence(&text))
        && !is_furniture_line(&text)
        && !{
            let byline = is_byline(&text);
            if byline && b.byline_date.is_none() {
                b.byline_date = crate::meta::text_date(&text);
            }
            byline
        }
        && !(text.len() < CREDIT_MAX_BYTES && patterns().credit.is_match(&text));
    if keep {
        out.push((kind, text));
    }
    b.buf.clear();
    b.letters = 0;
    b.link_letters = 0;
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>();
    let (x, y) = (norm(a), norm(b));
    !y.is_empty() && (x == y || x.starts_with(&y) || y.starts_with(&x))
}

fn is_furniture_line(text: &str) -> bool {
    if text.len() > 60 {
        return false;
    }
    let t = text.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace()).to_lowercase();
    patterns().furniture.contains(&t)
}

/// All the text blocks of an HTML fragment that is already the article (a
/// feed item's content): furniture tags are dropped, nothing is scored.
pub fn fragment_blocks(dom: &Dom) -> Vec<(BlockKind, String)> {
    let s = stats(dom, false);
    if dom.nodes.is_empty() {
        return Vec::new();
    }
    blocks_from(dom, &s, &[0], None).blocks
}

/// "By Sam Porter - 11/18/19 11:04 PM", "Published Nov 18, 2019 at 4:07 PM":
/// short, without closing punctuation, and starting like a byline or a time
/// stamp, or a bare date.
fn is_byline(text: &str) -> bool {
    if text.len() > 120 || text.ends_with(['.', '!', '?', '"', '\u{201d}', ':']) {
        return false;
    }
    let p = patterns();
    let starts = p.byline_starts.iter().any(|b| {
        text.starts_with(b.as_str())
            && (!b.ends_with(' ') || text[b.len()..].starts_with(|c: char| c.is_uppercase()))
    });
    // A tweet's attribution line ("— Name (@handle) November 19, 2019") is
    // part of the quoted tweet, not a time stamp.
    let attribution = text.starts_with(['\u{2014}', '\u{2013}', '-']) || text.contains('@');
    starts || (!attribution && text.split_whitespace().count() <= 6 && crate::meta::normalize_date(text).is_some())
}

/// A full sentence of prose (twelve words or more, closing punctuation) is
/// article text even when most of it is a link; linked headlines are
/// shorter or cut off with an ellipsis.
fn is_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\u{201d}', ')']);
    t.ends_with(['.', '!', '?']) && !t.ends_with("..") && text.split_whitespace().count() >= 12
}
