//! Readers for the PETRARCH2 (TABARI-format) actor and agent dictionaries.
//!
//! Actor files: an actor is a block of names (a first name line, then
//! `+SYNONYM` lines, or further name lines before any code) followed by its
//! codes, either on the name line (`NATO_ [IGOWSTNAT]`) or on tab-indented
//! lines (`\t[RUSGOV >080508]`). A code may carry a date range: `A-B`,
//! `>A` (from A on), `<B` (until B); dates are `YYMMDD` (or `YYYYMMDD`). A
//! code without a date is the actor's code outside all its ranges. `[---]`
//! marks a name that must not be coded. `#` starts a comment; a trailing `_`
//! on a name marks a word end and carries no meaning here.
//!
//! Agent file: `PHRASE [~AGT]`, with `!MACRO!` substitution sets declared as
//! `!PERSON! = MAN, MEN, ...`, an optional `{PLURAL}` (`{}`: none), and `~`
//! standing for the country code the agent code is appended to.

use crate::normalize::normalise;

/// A date as `yyyymmdd`, which compares like the date.
pub type Ymd = u32;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The CAMEO code; `None` for `[---]` ("do not code").
    pub code: Option<u32>,
    pub from: Option<Ymd>,
    pub to: Option<Ymd>,
}

impl Span {
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
    pub fn contains(&self, d: Ymd) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

/// One actor block.
#[derive(Debug)]
pub struct RawActor<'t> {
    /// Names as written in the file, trailing `_` trimmed; the first is the
    /// canonical one.
    pub names: Vec<&'t str>,
    pub spans: Vec<Span>,
    /// The block comes from CountryInfo's lists of office holders (its
    /// first line says so): a person even when its code has no date.
    pub leader_list: bool,
}

/// Interns code strings: the 60,000 code lines use a few thousand codes.
#[derive(Default)]
pub struct Codes {
    pub strings: Vec<String>,
    index: rustc_hash::FxHashMap<String, u32>,
}

impl Codes {
    pub fn intern(&mut self, code: &str) -> u32 {
        if let Some(&i) = self.index.get(code) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(code.to_string());
        self.index.insert(code.to_string(), i);
        i
    }
    pub fn get(&self, i: u32) -> &str {
        &self.strings[i as usize]
    }
}

/// Statistics of a parse, for the report and to catch format drift.
#[derive(Debug, Default, Clone, Copy)]
pub struct ParseStats {
    pub actors: usize,
    pub names: usize,
    pub spans: usize,
    /// Code groups whose date could not be read (e.g. a 7-digit date):
    /// dropped, since a code with a wrong range is worse than none.
    pub bad_dates: usize,
}

fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

fn clean_name(s: &str) -> &str {
    s.trim().trim_end_matches('_').trim()
}

/// `YYMMDD` (years up to 30 are 20xx: the dictionaries' dates run from the
/// 1930s to the 2010s) or `YYYYMMDD`.
fn parse_date(s: &str) -> Option<Ymd> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    match s.len() {
        6 => {
            let yy = n / 10000;
            let century = if yy <= 30 { 2000 } else { 1900 };
            Some((century + yy) * 10000 + n % 10000)
        }
        8 => Some(n),
        _ => None,
    }
}

/// Parses one `[...]` group's inside: `CODE`, `CODE A-B`, `CODE >A`, `CODE <B`.
fn parse_group(inner: &str, codes: &mut Codes, stats: &mut ParseStats) -> Option<Span> {
    let inner = inner.trim();
    let (code, range) = match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return None;
    }
    let code = if code.chars().all(|c| c == '-') {
        None
    } else {
        Some(codes.intern(code))
    };
    let range: String = range.chars().filter(|c| !c.is_whitespace()).collect();
    let (from, to) = if range.is_empty() {
        (None, None)
    } else if let Some(r) = range.strip_prefix('>') {
        (Some(parse_date(r)?), None)
    } else if let Some(r) = range.strip_prefix('<') {
        (None, Some(parse_date(r)?))
    } else if let Some((a, b)) = range.split_once('-') {
        match (parse_date(a), parse_date(b)) {
            (Some(a), Some(b)) => (Some(a), Some(b)),
            _ => {
                stats.bad_dates += 1;
                return None;
            }
        }
    } else {
        stats.bad_dates += 1;
        return None;
    };
    if from.is_none() && to.is_none() && !range.is_empty() {
        stats.bad_dates += 1;
        return None;
    }
    Some(Span { code, from, to })
}

/// Splits `NAME [CODE ...] [CODE ...]` into the name part and its groups.
fn split_codes<'a>(line: &'a str, out: &mut Vec<&'a str>) -> &'a str {
    let Some(first) = line.find('[') else {
        return line;
    };
    let mut rest = &line[first..];
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']').unwrap_or(after.len());
        out.push(&after[..close]);
        rest = &after[(close + 1).min(after.len())..];
    }
    &line[..first]
}

/// Parses an actor file into blocks.
pub fn parse_actors<'t>(
    text: &'t str,
    codes: &mut Codes,
    stats: &mut ParseStats,
) -> Vec<RawActor<'t>> {
    let mut actors = Vec::with_capacity(text.len() / 48);
    let mut cur = RawActor {
        names: Vec::new(),
        spans: Vec::new(),
        leader_list: false,
    };
    let mut groups = Vec::new();
    // Bad groups seen in the current block: a block whose every code was
    // unreadable has no code, rather than becoming a synonym of the next.
    let mut cur_had_groups = false;
    let flush = |cur: &mut RawActor<'t>, actors: &mut Vec<RawActor<'t>>, had: &mut bool| {
        if !cur.names.is_empty() && *had {
            actors.push(std::mem::replace(
                cur,
                RawActor {
                    names: Vec::new(),
                    spans: Vec::new(),
                    leader_list: false,
                },
            ));
        } else if !cur.names.is_empty() {
            // Names with no code at all before the file ended.
            cur.names.clear();
        }
        *had = false;
    };
    for raw in text.lines() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        groups.clear();
        let trimmed = line.trim_start();
        if let Some(syn) = trimmed.strip_prefix('+') {
            let name = clean_name(split_codes(syn, &mut groups));
            if !name.is_empty() {
                cur.names.push(name);
            }
        } else if trimmed.starts_with('[') {
            split_codes(trimmed, &mut groups);
        } else {
            // A name line starts a new actor once the current one has codes;
            // before that, consecutive name lines are one actor's names.
            if cur_had_groups {
                flush(&mut cur, &mut actors, &mut cur_had_groups);
            }
            let name = clean_name(split_codes(trimmed, &mut groups));
            if !name.is_empty() {
                if cur.names.is_empty() {
                    cur.leader_list = raw.contains("# CountryInfo.txt");
                }
                cur.names.push(name);
            }
        }
        for g in &groups {
            cur_had_groups = true;
            if let Some(span) = parse_group(g, codes, stats) {
                cur.spans.push(span);
            }
        }
    }
    flush(&mut cur, &mut actors, &mut cur_had_groups);
    actors.retain(|a| !a.spans.is_empty());
    stats.actors += actors.len();
    stats.names += actors.iter().map(|a| a.names.len()).sum::<usize>();
    stats.spans += actors.iter().map(|a| a.spans.len()).sum::<usize>();
    actors
}

/// One agent phrase, normalised, with the code appended to a country code.
#[derive(Debug, Clone)]
pub struct Agent {
    pub phrase: String,
    pub agent: String,
}

/// Parses the agents file: `~XXX` codes only (the few `[IGO~]` entries,
/// which prefix rather than append, are left out).
pub fn parse_agents(text: &str) -> Vec<Agent> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            let (name, alts) = line.split_once('=').unwrap_or_default();
            let alts = alts
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty());
            macros.push((name.trim().to_string(), alts.collect()));
            continue;
        }
        let Some(open) = line.find('[') else { continue };
        let code = line[open + 1..]
            .trim_end()
            .trim_end_matches([']', '}'])
            .trim();
        let Some(agent) = code.strip_prefix('~') else {
            continue;
        };
        if agent.is_empty() || !agent.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let mut phrase = &line[..open];
        // `{PLURAL}`: an irregular plural; `{}`: no plural of its own.
        let mut plural: Option<&str> = None;
        if let Some(b) = phrase.find('{') {
            let inner = &phrase[b + 1..];
            plural = Some(inner[..inner.find('}').unwrap_or(inner.len())].trim());
            phrase = &phrase[..b];
        }
        let mut forms = vec![phrase.to_string()];
        if let Some(p) = plural.filter(|p| !p.is_empty()) {
            forms.push(p.to_string());
        }
        for form in forms {
            let expanded = expand_macros(&form, &macros);
            for phrase in expanded
                .iter()
                .flat_map(|e| expand_stems(&normalise(e), &macros))
            {
                if !phrase.is_empty() {
                    if plural.is_none() {
                        out.push(Agent {
                            phrase: regular_plural(&phrase),
                            agent: agent.to_string(),
                        });
                    }
                    out.push(Agent {
                        phrase,
                        agent: agent.to_string(),
                    });
                }
            }
        }
    }
    out
}

fn expand_macros(phrase: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, alts) in macros {
        if let Some(i) = phrase.find(name.as_str()) {
            let (head, tail) = (&phrase[..i], &phrase[i + name.len()..]);
            return alts
                .iter()
                .flat_map(|a| expand_macros(&format!("{head}{a}{tail}"), macros))
                .collect();
        }
    }
    vec![phrase.to_string()]
}

/// A word that is a macro's name without its `!` marks, and none of its
/// forms, is the stem the macro spells out: "DEFENCE_MINIST" is "defence
/// minister", "defence ministry" (`!MINIST! = MINISTER, MINISTERS, MINISTRY,
/// MINISTRIES`). "PERSON" is a form of `!PERSON!`, and stays a word.
fn expand_stems(phrase: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, alts) in macros {
        let stem = name.trim_matches('!');
        if alts.iter().any(|a| a == stem) {
            continue;
        }
        if let Some(i) = phrase.split(' ').position(|w| w == stem) {
            let words: Vec<&str> = phrase.split(' ').collect();
            return alts
                .iter()
                .flat_map(|a| {
                    let mut w = words.clone();
                    w[i] = a;
                    expand_stems(&w.join(" "), macros)
                })
                .collect();
        }
    }
    vec![phrase.to_string()]
}

/// PETRARCH adds regular plurals itself; so do we.
pub fn regular_plural(phrase: &str) -> String {
    let p = phrase;
    if p.ends_with('S') || p.ends_with("SH") || p.ends_with("CH") || p.ends_with('X') {
        format!("{p}ES")
    } else if p.ends_with('Y') && !p.ends_with("AY") && !p.ends_with("EY") && !p.ends_with("OY") {
        format!("{}IES", &p[..p.len() - 1])
    } else {
        format!("{p}S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_synonyms_and_ranges() {
        let text = "# comment\nJANE_ROE_  # note\n+ROE_\n+J._ROE\n\t[ABCELI 700101-990809]\n\t[ABCGOV >080508]\n\t[ABCELI]\nGROUP_ [XYZREB] # inline\nA_\nB_\n\t[---]\n";
        let mut codes = Codes::default();
        let mut stats = ParseStats::default();
        let actors = parse_actors(text, &mut codes, &mut stats);
        assert_eq!(actors.len(), 3);
        assert_eq!(actors[0].names, ["JANE_ROE", "ROE", "J._ROE"]);
        assert_eq!(actors[0].spans.len(), 3);
        assert_eq!(actors[0].spans[0].from, Some(19700101));
        assert_eq!(actors[0].spans[0].to, Some(19990809));
        assert_eq!(actors[0].spans[1].from, Some(20080508));
        assert_eq!(actors[0].spans[1].to, None);
        assert!(!actors[0].spans[2].is_dated());
        assert_eq!(codes.get(actors[1].spans[0].code.unwrap()), "XYZREB");
        assert_eq!(actors[2].names, ["A", "B"]);
        assert_eq!(actors[2].spans[0].code, None);
    }

    #[test]
    fn reads_several_groups_and_long_dates() {
        let text = "SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]\nBAN_\n\t[IGOUNO >20070101]\n\t[KORGOV 2004017-20061201]\n";
        let mut codes = Codes::default();
        let mut stats = ParseStats::default();
        let actors = parse_actors(text, &mut codes, &mut stats);
        assert_eq!(actors.len(), 2);
        assert_eq!(actors[0].spans.len(), 2);
        assert_eq!(actors[1].spans.len(), 1);
        assert_eq!(actors[1].spans[0].from, Some(20070101));
        assert_eq!(stats.bad_dates, 1);
    }

    #[test]
    fn reads_agents_with_macros_and_plurals() {
        let text = "!PERSON! = MAN, WOMAN\nSPOKES!PERSON!  [~MED]\nTHIEF {THIEVES} [~CRM]\nPOLICE {} [~COP]\nPRESIDENT [~GOV]\nTRUCE_MONITOR [IGO~]\n";
        let agents = parse_agents(text);
        let got: Vec<String> = agents
            .iter()
            .map(|a| format!("{}={}", a.phrase, a.agent))
            .collect();
        assert_eq!(
            got,
            [
                "SPOKESMANS=MED",
                "SPOKESMAN=MED",
                "SPOKESWOMANS=MED",
                "SPOKESWOMAN=MED",
                "THIEF=CRM",
                "THIEVES=CRM",
                "POLICE=COP",
                "PRESIDENTS=GOV",
                "PRESIDENT=GOV"
            ]
        );
    }

    #[test]
    fn spells_out_stems() {
        let text = "!MINIST! = MINISTER, MINISTRY\nDEFENCE_MINIST [~GOVMIL]\n";
        let agents = parse_agents(text);
        let got: Vec<&str> = agents.iter().map(|a| a.phrase.as_str()).collect();
        assert_eq!(
            got,
            [
                "DEFENCE MINISTERS",
                "DEFENCE MINISTER",
                "DEFENCE MINISTRIES",
                "DEFENCE MINISTRY"
            ]
        );
    }
}
