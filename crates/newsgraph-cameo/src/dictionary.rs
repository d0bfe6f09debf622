//! PETRARCH2's CAMEO verb dictionary (`data/petrarch2/CAMEO.2.0.txt`, MIT),
//! read into synonym sets, verb blocks, verbs with their forms, and
//! patterns.
//!
//! The format (TABARI's, as PETRARCH2 reads it):
//! - `&NAME` then `+MEMBER` lines: a synonym set;
//! - `---  NAME   [code]  ---`: a verb block and its default code (`---`:
//!   none, only its patterns code);
//! - verb lines: `KNOW {KNOWS KNOWING KNEW KNOWN}` (irregular forms; regular
//!   ones are made), `ACCUSE [112]` (a code of the verb's own),
//!   `+IRON_OUT` (a verb of several words);
//! - pattern lines: `- PRE * POST [code]  # comment`, `*` standing for the
//!   verb; `$` marks where the source actor is, `+` the target; `{...}` and
//!   `(...)` group words (a noun phrase, a prepositional phrase: read here
//!   as words in order); `&SET` any member of a set; a word matches the
//!   words it begins ("SANCTION" matches "sanctions") unless it ends with
//!   `_` ("CASH_": that word only); `A_B`: words that follow each other.

use std::collections::HashMap;

/// A word of a pattern or a set member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: String,
    /// The word itself only; else any word it begins.
    pub exact: bool,
}

impl Piece {
    fn parse(s: &str) -> Vec<Piece> {
        // "IS_TO" -> IS, TO (in a row); "CASH_" -> CASH (exact)
        let exact_end = s.ends_with('_');
        let words: Vec<&str> = s.trim_end_matches('_').split('_').filter(|w| !w.is_empty()).collect();
        let n = words.len();
        words.into_iter().enumerate().map(|(i, w)| Piece { text: w.to_string(), exact: i + 1 < n || exact_end }).collect()
    }

    pub fn matches(&self, word: &str) -> bool {
        if self.exact {
            word == self.text
        } else {
            word.starts_with(self.text.as_str())
        }
    }
}

/// An element of a pattern: words (one alternative of several, each a run
/// of words in a row), or where an actor is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Elem {
    Words(Vec<Vec<Piece>>),
    Source,
    Target,
}

/// A code, or the dictionary's "no event here" (`---`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Code {
    Event(String),
    None,
}

impl Code {
    fn parse(s: &str) -> Code {
        // "[030:030]": the event and its reverse; the first is the event
        let c = s.trim().trim_start_matches('[').trim_end_matches(']').split(':').next().unwrap_or("").trim();
        if c.is_empty() || c.starts_with('-') {
            Code::None
        } else {
            Code::Event(c.to_string())
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// Before the verb, nearest last (as written).
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub code: Code,
}

pub(crate) struct Block {
    pub name: String,
    pub code: Code,
    pub patterns: Vec<Pattern>,
}

pub(crate) struct Verb {
    /// "RULE_OUT"
    pub lemma: String,
    pub block: usize,
    pub code: Option<Code>,
    irregular: Vec<String>,
}

/// A form of a verb: its words, uppercase.
pub(crate) struct Form {
    pub words: Vec<String>,
    pub verb: usize,
}

pub(crate) struct Dictionary {
    pub blocks: Vec<Block>,
    pub verbs: Vec<Verb>,
    /// Forms by their first word.
    pub forms: HashMap<String, Vec<Form>>,
}

/// The regular forms of a verb (PETRARCH2's rules): -s/-es/-ies, -ed/-d/-ied, -ing.
pub(crate) fn regular_forms(v: &str) -> Vec<String> {
    let b = v.as_bytes();
    let last = *b.last().unwrap_or(&b' ');
    let before_last = if b.len() >= 2 { b[b.len() - 2] } else { b' ' };
    let vowel = |c: u8| b"AEIOU".contains(&c);
    let mut out = Vec::with_capacity(3);
    // third person
    if v.ends_with('S') || v.ends_with("SH") || v.ends_with("CH") || v.ends_with('X') || v.ends_with('Z') || v.ends_with('O') {
        out.push(format!("{v}ES"));
    } else if last == b'Y' && !vowel(before_last) {
        out.push(format!("{}IES", &v[..v.len() - 1]));
    } else {
        out.push(format!("{v}S"));
    }
    // past
    if last == b'E' {
        out.push(format!("{v}D"));
    } else if last == b'Y' && !vowel(before_last) {
        out.push(format!("{}IED", &v[..v.len() - 1]));
    } else {
        out.push(format!("{v}ED"));
    }
    // present participle
    if last == b'E' && before_last != b'E' && v.len() > 2 {
        out.push(format!("{}ING", &v[..v.len() - 1]));
    } else {
        out.push(format!("{v}ING"));
    }
    out
}

/// A line without its comment.
fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim()
}

/// The `[...]` at the end of a line, and the rest.
fn split_code(line: &str) -> (&str, Option<&str>) {
    match (line.rfind('['), line.rfind(']')) {
        (Some(a), Some(b)) if a < b => (line[..a].trim(), Some(&line[a..=b])),
        _ => (line, None),
    }
}

impl Dictionary {
    pub(crate) fn parse(text: &str) -> Dictionary {
        let mut sets: HashMap<String, Vec<Vec<Piece>>> = HashMap::new();
        let mut blocks: Vec<Block> = Vec::new();
        let mut verbs: Vec<Verb> = Vec::new();
        let mut raw_patterns: Vec<(usize, String)> = Vec::new();
        let mut current_set: Option<String> = None;
        for raw in text.lines() {
            let line = strip_comment(raw);
            if line.is_empty() {
                current_set = None;
                continue;
            }
            if let Some(name) = line.strip_prefix('&') {
                current_set = Some(name.trim().trim_end_matches('_').to_string());
                sets.entry(current_set.clone().unwrap_or_default()).or_default();
                continue;
            }
            if line.starts_with("---") {
                // ---  NAME   [code]  ---
                let inner = line.trim_matches('-').trim();
                let (name, code) = split_code(inner);
                blocks.push(Block { name: name.trim().to_string(), code: code.map(Code::parse).unwrap_or(Code::None), patterns: Vec::new() });
                current_set = None;
                continue;
            }
            if let Some(set) = &current_set {
                if let Some(member) = line.strip_prefix('+') {
                    let pieces = Piece::parse(member.trim());
                    if !pieces.is_empty() {
                        sets.entry(set.clone()).or_default().push(pieces);
                    }
                }
                continue;
            }
            let Some(block) = blocks.len().checked_sub(1) else { continue };
            if let Some(p) = line.strip_prefix("- ") {
                raw_patterns.push((block, p.to_string()));
            } else if !line.starts_with('-') {
                verbs.push(Self::verb_line(line, block));
            }
        }
        for (block, p) in raw_patterns {
            if let Some(pattern) = Self::pattern(&p, &sets) {
                blocks[block].patterns.push(pattern);
            }
        }
        let mut forms: HashMap<String, Vec<Form>> = HashMap::new();
        for (i, v) in verbs.iter().enumerate() {
            for f in Self::forms_of(v) {
                let words: Vec<String> = f.split('_').filter(|w| !w.is_empty()).map(str::to_string).collect();
                if let Some(first) = words.first().cloned() {
                    let list = forms.entry(first).or_default();
                    if !list.iter().any(|x| x.words == words && x.verb == i) {
                        list.push(Form { words, verb: i });
                    }
                }
            }
        }
        Dictionary { blocks, verbs, forms }
    }

    /// Applies corrections: `VERB <TAB> code <TAB> why` lines set a verb's
    /// own code.
    pub(crate) fn correct(&mut self, corrections: &str) {
        for line in corrections.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut f = line.split('\t');
            let (Some(verb), Some(code)) = (f.next(), f.next()) else { continue };
            for v in self.verbs.iter_mut().filter(|v| v.lemma == verb.trim()) {
                v.code = Some(Code::parse(code));
            }
        }
    }

    /// A verb line: `LEMMA {FORMS} [code]`.
    fn verb_line(line: &str, block: usize) -> Verb {
        let (rest, code) = split_code(line);
        let (lemma, irregular) = text_forms(rest.trim());
        Verb { lemma, block, code: code.map(Code::parse), irregular }
    }

    /// Every form of a verb: the lemma, its regular forms, the irregular
    /// ones in braces.
    fn forms_of(v: &Verb) -> Vec<String> {
        let lemma = &v.lemma;
        let mut out = vec![lemma.clone()];
        // the regular forms of the first word, the rest kept
        let (first, rest) = match lemma.split_once('_') {
            Some((f, r)) => (f.to_string(), format!("_{r}")),
            None => (lemma.to_string(), String::new()),
        };
        if !first.is_empty() && first.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.extend(regular_forms(&first).into_iter().map(|f| format!("{f}{rest}")));
        }
        out.extend(v.irregular.iter().cloned());
        out
    }

    /// A pattern's elements and code; `None` for one this reader cannot use
    /// (the verb inside a compound: `SPY_*_DEAL`).
    fn pattern(p: &str, sets: &HashMap<String, Vec<Vec<Piece>>>) -> Option<Pattern> {
        let (body, code) = split_code(p);
        let code = Code::parse(code?);
        let tokens: Vec<&str> = body.split_whitespace().collect();
        let star = tokens.iter().position(|t| *t == "*")?;
        let elems = |ts: &[&str]| -> Vec<Elem> {
            let mut out = Vec::new();
            for t in ts {
                let t = t.trim_matches(|c| matches!(c, '{' | '}' | '(' | ')'));
                match t {
                    "" | "^" | "%" => {}
                    "$" => out.push(Elem::Source),
                    "+" => out.push(Elem::Target),
                    _ if t.starts_with('&') => {
                        let name = t[1..].trim_end_matches('_');
                        if let Some(members) = sets.get(name) {
                            if !members.is_empty() {
                                out.push(Elem::Words(members.clone()));
                            }
                        }
                    }
                    _ if t.contains('*') => {}
                    _ => {
                        let pieces = Piece::parse(t.trim_start_matches('+'));
                        if !pieces.is_empty() {
                            out.push(Elem::Words(vec![pieces]));
                        }
                    }
                }
            }
            out
        };
        if tokens.iter().any(|t| t.contains('*') && *t != "*") {
            return None;
        }
        Some(Pattern { pre: elems(&tokens[..star]), post: elems(&tokens[star + 1..]), code })
    }
}

/// A verb line's lemma and its irregular forms: "KNOW {KNOWS KNEW}" ->
/// ("KNOW", [KNOWS, KNEW]).
fn text_forms(lemma_text: &str) -> (String, Vec<String>) {
    let (head, braces) = match lemma_text.find('{') {
        Some(i) => (&lemma_text[..i], lemma_text[i + 1..].trim_end_matches('}')),
        None => (lemma_text, ""),
    };
    let lemma = head.split_whitespace().next().unwrap_or("").trim_start_matches('+').to_string();
    let irregular = braces.split_whitespace().map(|f| f.trim_start_matches('+').trim_end_matches('}').to_string()).filter(|f| !f.is_empty()).collect();
    (lemma, irregular)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms_follow_petrarchs_rules() {
        assert_eq!(regular_forms("ACCUSE"), ["ACCUSES", "ACCUSED", "ACCUSING"]);
        assert_eq!(regular_forms("DENY"), ["DENIES", "DENIED", "DENYING"]);
        assert_eq!(regular_forms("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
        assert_eq!(regular_forms("AGREE"), ["AGREES", "AGREED", "AGREEING"]);
    }

    #[test]
    fn a_small_dictionary_reads() {
        let d = Dictionary::parse(
            "&CURRENCY\n+DOLLAR\n+CASH_\n\n---  LIFT   [---]  ---\nLIFT\nRISE {RISES ROSE RISEN}  # note\n- * SANCTION  [0351]  # LIFT\n- * (FOR &CURRENCY) $ [0231]\n- SPY_*_DEAL [---]\n\n---  ACCUSE   [112]  ---\nACCUSE [112]\n+RULE_OUT\n",
        );
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[0].patterns.len(), 2, "the compound pattern is not read");
        assert_eq!(d.blocks[0].code, Code::None);
        let p = &d.blocks[0].patterns[1];
        assert_eq!(p.post.len(), 3);
        assert!(matches!(&p.post[1], Elem::Words(alts) if alts.len() == 2 && alts[1][0] == Piece { text: "CASH".into(), exact: true }));
        assert_eq!(p.post[2], Elem::Source);
        for f in ["LIFTS", "LIFTED", "ROSE", "RISEN", "RISE"] {
            assert!(d.forms.contains_key(f), "{f}");
        }
        let rule = &d.forms["RULED"][0];
        assert_eq!(rule.words, ["RULED", "OUT"]);
        assert_eq!(d.verbs[rule.verb].lemma, "RULE_OUT");
    }
}
