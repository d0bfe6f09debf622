//! The rules of ARCHITECTURE.md that span crates, read from the workspace:
//!
//! - a leaf crate (timex, amounts, actors, gazetteer) and the record know
//!   nothing of the engine, the document model or each other's callers;
//! - the engine knows nothing of reading input or of driving it;
//! - only `newsgraph-ingest` reads articles from the file system: the
//!   engine, the driver, the record and the leaf crates never touch it.

use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The workspace crates a crate depends on (normal dependencies only).
fn dependencies(krate: &str) -> Vec<String> {
    let toml = std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let mut section = String::new();
    let mut out = Vec::new();
    for line in toml.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t.to_string();
            continue;
        }
        if section == "[dependencies]" && t.starts_with("newsgraph") {
            out.push(t.split([' ', '=']).next().unwrap().to_string());
        }
    }
    out
}

#[test]
fn leaf_crates_and_the_record_know_nothing_of_the_engine() {
    for (krate, allowed) in [
        ("newsgraph-record", &[][..]),
        ("newsgraph-timex", &[]),
        ("newsgraph-amounts", &[]),
        ("newsgraph-gazetteer", &[]),
        ("newsgraph-actors", &["newsgraph-gazetteer"]),
        ("newsgraph-ingest", &[]),
        ("newsgraph-eval", &[]),
    ] {
        let deps = dependencies(krate);
        let extra: Vec<&String> = deps.iter().filter(|d| !allowed.contains(&d.as_str())).collect();
        assert!(extra.is_empty(), "{krate} depends on {extra:?}");
    }
    let engine = dependencies("newsgraph");
    for d in ["newsgraph-ingest", "newsgraph-driver", "newsgraph-eval"] {
        assert!(!engine.iter().any(|x| x == d), "the engine depends on {d}");
    }
    assert!(engine.iter().any(|x| x == "newsgraph-record"), "the test reads the manifests: {engine:?}");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file before its test module.
fn non_test_code(p: &Path) -> String {
    let src = std::fs::read_to_string(p).unwrap();
    if p.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => src[..i].to_string(),
        None => src,
    }
}

#[test]
fn only_ingest_reads_from_the_file_system() {
    let mut checked = 0;
    for krate in ["newsgraph", "newsgraph-driver", "newsgraph-record", "newsgraph-timex", "newsgraph-amounts", "newsgraph-actors", "newsgraph-gazetteer"] {
        let mut files = Vec::new();
        rust_files(&crates_dir().join(krate).join("src"), &mut files);
        for f in files {
            let code = non_test_code(&f);
            for needle in ["std::fs", "File::open", "read_dir(", "fs::read"] {
                assert!(!code.contains(needle), "{} uses {needle}: only newsgraph-ingest reads input", f.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} files checked");
    let ingest = non_test_code(&crates_dir().join("newsgraph-ingest/src/input.rs"));
    assert!(ingest.contains("File::open"), "the check looks for what ingest does");
}
