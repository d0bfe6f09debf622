//! The rules version: a digest of everything that decides the engine's
//! output (its source and word lists, the leaf crates' source and tables,
//! the gazetteer and the actor dictionaries), so that a store can tell a
//! record made by older rules and extract it again (`newsgraph reindex`).
//! Any change to those files gives a new version; a change elsewhere (the
//! reader, the command line) does not.

use std::path::{Path, PathBuf};

const INPUTS: [&str; 16] = [
    "src",
    "data",
    "../newsgraph-record/src",
    "../newsgraph-timex/src",
    "../newsgraph-timex/data",
    "../newsgraph-amounts/src",
    "../newsgraph-amounts/data",
    "../newsgraph-actors/src",
    "../newsgraph-actors/data",
    "../newsgraph-gazetteer/src",
    "../../data/gazetteer",
    "../../data/petrarch2",
    "../newsgraph-cameo/src",
    "../newsgraph-cameo/data",
    "../../data/cameo",
    "../../data/plover",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // FNV-1a over every file's path (relative) and bytes, in path order
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for dir in INPUTS {
        println!("cargo:rerun-if-changed={dir}");
        let mut list = Vec::new();
        files(&root.join(dir), &mut list);
        list.sort();
        for f in list {
            let rel = f.strip_prefix(&root).unwrap_or(&f).to_string_lossy().replace('\\', "/");
            eat(rel.as_bytes());
            eat(&std::fs::read(&f).unwrap_or_default());
        }
    }
    println!("cargo:rustc-env=NEWSGRAPH_RULES_DIGEST={h:016x}");
}
