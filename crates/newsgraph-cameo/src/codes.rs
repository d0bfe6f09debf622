//! CAMEO codes and what goes with each: root and base code, quad class,
//! Goldstein score (GDELT's table, `data/cameo/goldstein.tsv`), PLOVER
//! category and mode and the code's name (PLOVER's CAMEO-to-PLOVER table,
//! `data/plover/CAMEO2PLOVER-2021.txt`).

use std::collections::HashMap;

const GOLDSTEIN: &str = include_str!("../../../data/cameo/goldstein.tsv");
const PLOVER: &str = include_str!("../../../data/plover/CAMEO2PLOVER-2021.txt");

/// Everything a CAMEO event code stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeInfo {
    /// The code as written, leading zeros kept: "0356".
    pub code: String,
    /// Its first two digits: "03".
    pub root: String,
    /// Its first three digits (the code itself when it has two): "035".
    pub base: String,
    /// 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
    /// 3 verbal conflict (09-13), 4 material conflict (14-20).
    pub quad_class: u8,
    /// -10 (most conflictual) to +10 (most cooperative).
    pub goldstein: f32,
    /// PLOVER's event category ("AGREE"), and its mode where the table
    /// gives one ("heavy-weapons").
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    /// What the code means ("Express intent to meet or negotiate").
    pub name: Option<String>,
}

pub(crate) struct Codes {
    goldstein: HashMap<String, f32>,
    plover: HashMap<String, (String, Option<String>, Option<String>)>,
}

impl Codes {
    pub(crate) fn load() -> Codes {
        let goldstein = GOLDSTEIN
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (c, v) = l.split_once('\t')?;
                Some((c.trim().to_string(), v.trim().parse().ok()?))
            })
            .collect();
        let mut plover = HashMap::new();
        for line in PLOVER.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((code, rest)) = line.split_once(':') else { continue };
            let (fields, name) = match rest.split_once('#') {
                Some((f, n)) => (f, Some(n.trim().to_string()).filter(|n| !n.is_empty())),
                None => (rest, None),
            };
            let mut parts = fields.split(',').map(str::trim);
            let category = parts.next().unwrap_or("").to_string();
            if category.is_empty() {
                continue;
            }
            let mode = parts.next().filter(|m| !m.is_empty()).map(str::to_string);
            plover.insert(code.trim().to_string(), (category, mode, name));
        }
        Codes { goldstein, plover }
    }

    /// The code's information; `None` for what is no CAMEO code (not two to
    /// four digits, or a root outside 01-20).
    pub(crate) fn info(&self, code: &str) -> Option<CodeInfo> {
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let root_n: u8 = code[..2].parse().ok()?;
        if !(1..=20).contains(&root_n) {
            return None;
        }
        // the most specific entry: the code, its base, its root
        let lookup = |len: usize| code.get(..len).filter(|c| c.len() == len);
        let chain: Vec<&str> = [code.len(), 3, 2].into_iter().filter(|&n| n <= code.len()).filter_map(lookup).collect();
        let goldstein = chain.iter().find_map(|c| self.goldstein.get(*c)).copied().unwrap_or(0.0);
        let plover = chain.iter().find_map(|c| self.plover.get(*c));
        let name = chain.iter().find_map(|c| self.plover.get(*c).and_then(|p| p.2.clone()));
        Some(CodeInfo {
            code: code.to_string(),
            root: code[..2].to_string(),
            base: code[..code.len().min(3)].to_string(),
            quad_class: match root_n {
                1..=5 => 1,
                6..=8 => 2,
                9..=13 => 3,
                _ => 4,
            },
            goldstein,
            plover: plover.map(|p| p.0.clone()),
            plover_mode: plover.and_then(|p| p.1.clone()),
            name,
        })
    }
}
