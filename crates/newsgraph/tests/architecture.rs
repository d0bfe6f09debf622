//! The rules of ARCHITECTURE.md that the engine's source must keep, read
//! from the source itself (as rust-analyzer's tidy tests do):
//!
//! - the document model (`doc`) imports nothing of the crate;
//! - `lexis` (the shared lexical tools) imports only the model;
//! - a stage imports only the model and `lexis`: never another stage;
//! - no import circle among the crate's files.
//!
//! Imports are the `crate::` and `super::` paths of the code outside test
//! modules and comments; a `mod` declaration is not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stage modules of the pipeline.
const STAGES: [&str; 6] = ["segment", "times", "entities", "quotes", "amounts", "events"];

/// The top-level modules each top-level module may import.
fn allowed(top: &str) -> Option<&'static [&'static str]> {
    Some(match top {
        "doc" | "offsets" => &[],
        "lexis" | "gold" => &["doc"],
        s if STAGES.contains(&s) => &["doc", "lexis"],
        "record" => &["doc", "offsets"],
        "pipeline" => &["doc", "record", "segment", "times", "entities", "quotes", "amounts", "events"],
        // training and the crate root sit on top
        "training" | "lib" => return None,
        _ => panic!("a top-level module the architecture test does not know: {top} (add it to its rules)"),
    })
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            source_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `entities/ner/mod.rs` is `[entities, ner]`.
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The code without comments and without test modules (`#[cfg(test)]`
/// followed by a `mod`, to the end of the file: test modules come last).
fn code(src: &str) -> String {
    let mut out = String::new();
    let mut lines = src.lines().peekable();
    while let Some(l) = lines.next() {
        let t = l.trim_start();
        if t.starts_with("#[cfg(test)]") && lines.peek().is_some_and(|n| n.trim_start().starts_with("mod ")) {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        // a trailing comment
        let l = match l.find("// ") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        };
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// Every `crate::a::b` and `super::a` path of the code, with one level of
/// braces expanded (`crate::{a, b::c}` gives `crate::a` and `crate::b::c`).
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::")) && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b':'));
        if !starts {
            i += 1;
            continue;
        }
        let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        let head: Vec<String> = rest[..len].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        if rest[len..].starts_with('{') {
            let close = rest[len..].find('}').map_or(rest.len(), |c| len + c);
            for item in rest[len + 1..close].split(',') {
                let item: Vec<String> = item.trim().split("::").filter(|s| !s.is_empty() && *s != "self").map(|s| s.split_whitespace().next().unwrap_or("").to_string()).collect();
                out.push(head.iter().cloned().chain(item).collect());
            }
            i += close;
        } else {
            out.push(head);
            i += len;
        }
    }
    out
}

struct Crate {
    /// File (relative path) -> the files it imports.
    imports: BTreeMap<String, BTreeSet<String>>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let rel = |p: &Path| p.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
    let modules: BTreeMap<Vec<String>, String> = files.iter().map(|p| (module_of(&rel(p)), rel(p))).collect();
    let mut imports = BTreeMap::new();
    for f in &files {
        let name = rel(f);
        let text = std::fs::read_to_string(f).unwrap();
        let mut set = BTreeSet::new();
        // a file holding only tests (`quotes/tests.rs`) imports for its tests
        if !name.ends_with("tests.rs") {
            let me = module_of(&name);
            for p in paths(&code(&text)) {
                let full: Vec<String> = if p[0] == "crate" {
                    p[1..].to_vec()
                } else {
                    let ups = p.iter().take_while(|s| *s == "super").count();
                    me[..me.len().saturating_sub(ups)].iter().cloned().chain(p[ups..].iter().cloned()).collect()
                };
                // the longest prefix that is a module of its own
                if let Some(target) = (1..=full.len()).rev().find_map(|k| modules.get(&full[..k])) {
                    if *target != name {
                        set.insert(target.clone());
                    }
                }
            }
        }
        imports.insert(name, set);
    }
    Crate { imports }
}

fn top(file: &str) -> &str {
    let first = file.split('/').next().unwrap();
    first.trim_end_matches(".rs")
}

#[test]
fn the_model_imports_no_stage_and_no_stage_another() {
    let c = read_crate();
    let mut broken = Vec::new();
    for (file, targets) in &c.imports {
        let Some(ok) = allowed(top(file)) else { continue };
        for t in targets {
            let to = top(t);
            if to != top(file) && !ok.contains(&to) {
                broken.push(format!("{file} imports {t}"));
            }
        }
    }
    assert!(broken.is_empty(), "imports that break the layers:\n{}", broken.join("\n"));
    // the test sees the imports it checks
    assert!(c.imports["pipeline.rs"].contains("segment/mod.rs"), "{:?}", c.imports["pipeline.rs"]);
    assert!(c.imports["quotes/mod.rs"].contains("doc/mod.rs"));
}

#[test]
fn no_import_circle() {
    let c = read_crate();
    // depth-first search for a back edge
    fn visit<'a>(f: &'a str, c: &'a Crate, state: &mut BTreeMap<&'a str, u8>, stack: &mut Vec<&'a str>) -> Option<Vec<String>> {
        state.insert(f, 1);
        stack.push(f);
        for t in &c.imports[f] {
            match state.get(t.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|x| x == t).unwrap();
                    return Some(stack[from..].iter().map(|s| s.to_string()).chain([t.clone()]).collect());
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = visit(t, c, state, stack) {
                        return Some(cycle);
                    }
                }
            }
        }
        stack.pop();
        state.insert(f, 2);
        None
    }
    let mut state = BTreeMap::new();
    for f in c.imports.keys() {
        if !state.contains_key(f.as_str()) {
            if let Some(cycle) = visit(f, &c, &mut state, &mut Vec::new()) {
                panic!("an import circle: {}", cycle.join(" -> "));
            }
        }
    }
}

#[test]
fn the_reader_of_paths_finds_braced_and_relative_imports() {
    let p = paths("use crate::{amounts, doc::Span};\nlet x = super::super::gazetteer::GAZ; // crate::nothing\n");
    assert_eq!(p, vec![vec!["crate", "amounts"], vec!["crate", "doc", "Span"], vec!["super", "super", "gazetteer", "GAZ"], vec!["crate", "nothing"]]);
    assert_eq!(code("a\n// crate::x\nb // crate::y\n#[cfg(test)]\nmod tests {\ncrate::z\n}\n"), "a\nb \n");
}
