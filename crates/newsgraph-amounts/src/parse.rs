//! The local parser: from a figure or a number word to a whole amount phrase.

use crate::lexicon::*;
use crate::scan::*;
use crate::{Amount, AmountKind};

/// Words after which a figure is a date or a span of time, not a range start or a count.
const TIME_PREPS: &[&str] = &[
    "in", "since", "by", "from", "until", "till", "during", "before", "after", "early", "late",
    "mid", "of", "to", "through", "the", "circa", "around", "spring", "summer", "autumn", "winter",
    "fall",
];

/// The unit of an age written "45 years old" or "45-year-old".
const AGE_UNIT: &str = "years old";

/// Determiners skipped between "of" and the counted object ("thousands of the people").
const OF_DETS: &[&str] = &[
    "the", "its", "their", "his", "her", "our", "these", "those", "all", "all the",
];

/// A number with what is glued or written right after it: scale, currency, percent, unit.
#[derive(Debug, Clone)]
struct Core {
    s: usize,
    num_s: usize,
    num_e: usize,
    e: usize,
    /// The number times its scale.
    value: f64,
    scaled: bool,
    /// The scale applied to the figure ("million" = 1e6).
    mult: f64,
    currency: Option<(&'static str, f64)>,
    /// The currency symbol needs a scale ("#13 billion").
    need_scale: bool,
    unit: Option<&'static str>,
    ordinal: bool,
    words: bool,
    class: Option<NumClass>,
    /// A plain integer of four digits, no separator: maybe a year.
    year_like: bool,
    /// Object already found glued to the number ("12-member").
    object: Option<(usize, usize)>,
    /// Whether an "of"-phrase may give the object ("hundreds of people", "tonnes of grain").
    of_object: bool,
}

impl Core {
    /// Applies a scale word that ends at `end` ("million", "bn").
    fn scale_to(&mut self, m: f64, end: usize) {
        self.value *= m;
        self.mult *= m;
        self.scaled = true;
        self.num_e = end;
        self.e = end;
    }

    fn new(s: usize, num_s: usize, num_e: usize, value: f64) -> Core {
        Core {
            s,
            num_s,
            num_e,
            e: num_e,
            value,
            scaled: false,
            mult: 1.0,
            currency: None,
            need_scale: false,
            unit: None,
            ordinal: false,
            words: false,
            class: None,
            year_like: false,
            object: None,
            of_object: false,
        }
    }
}

enum Step {
    Amount(Amount),
    /// Not an amount: go on scanning from here.
    Skip(usize),
}

pub(crate) fn tag(lex: &Lexicon, text: &str) -> Vec<Amount> {
    let b = text.as_bytes();
    let mut out: Vec<Amount> = Vec::new();
    let mut floor = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let step = at_digits(lex, text, i, floor);
            i = emit(step, &mut out, &mut floor, i);
        } else if c.is_ascii_alphabetic() {
            let mut e = i + 1;
            while e < b.len() && b[e].is_ascii_alphabetic() {
                e += 1;
            }
            // A word glued to digits or non-ASCII letters is not a number word.
            let glued_after = e < b.len() && (b[e].is_ascii_digit() || b[e] >= 0x80);
            let glued_before = i > 0
                && b[i - 1] >= 0x80
                && char_before(text, i).is_some_and(|(_, c)| c.is_alphanumeric());
            if !glued_after
                && !glued_before
                && (3..=11).contains(&(e - i))
                && lex.number_word(&b[i..e]).is_some()
            {
                let step = at_words(lex, text, i, floor);
                let next = emit(step, &mut out, &mut floor, i);
                i = next.max(e);
                continue;
            }
            i = e;
            if glued_after {
                // Skip the rest of a code such as "A380" or "COVID19".
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            }
        } else {
            i += 1;
        }
    }
    drop_model_numbers(lex, text, &mut out);
    out
}

/// Whether an amount is a bare figure of three or more digits ("787"), with no unit,
/// currency, scale or separator: what a model name looks like.
fn bare_figure(text: &str, a: &Amount) -> bool {
    let n = &text[a.number.0..a.number.1];
    n.len() >= 3
        && n.bytes().all(|b| b.is_ascii_digit())
        && a.unit.is_none()
        && a.upper.is_none()
        && !a.ordinal
        && a.kind == AmountKind::Quantity
}

/// A figure that the same text also writes as part of a code ("787-8", "737s",
/// "A380") names that model wherever it stands alone ("the 787", "its 777 airliner").
fn drop_model_numbers(lex: &Lexicon, text: &str, out: &mut Vec<Amount>) {
    if !out.iter().any(|a| bare_figure(text, a)) {
        return;
    }
    let b = text.as_bytes();
    let mut codes: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - s < 3 {
            continue;
        }
        let letter_before = s > 0 && b[s - 1].is_ascii_alphabetic();
        let hyphen_word_before = s > 1 && b[s - 1] == b'-' && b[s - 2].is_ascii_alphabetic();
        let hyphen_after = i + 1 < b.len()
            && b[i] == b'-'
            && (b[i + 1].is_ascii_digit() || b[i + 1].is_ascii_uppercase());
        let letters_after = i < b.len() && b[i].is_ascii_alphabetic() && {
            let le = word_end(text, i);
            let g = &text[i..le];
            let known = lex.unit(g).is_some()
                || lex
                    .get(g.as_bytes())
                    .is_some_and(|e| e.scale.is_some() || e.flags & CLOCK != 0)
                || matches!(g, "st" | "nd" | "rd" | "th");
            // A plural of a decade ("1990s") is no code; a model's plural ("737s") is.
            let dimension = g.starts_with('x') && g[1..].bytes().all(|b| b.is_ascii_digit());
            let decade = g == "s" && i - s == 4;
            !(known || dimension || decade)
        };
        if letter_before || hyphen_word_before || hyphen_after || letters_after {
            codes.push(&text[s..i]);
        }
    }
    if codes.is_empty() {
        return;
    }
    codes.sort_unstable();
    codes.dedup();
    out.retain(|a| {
        !(bare_figure(text, a) && codes.binary_search(&&text[a.number.0..a.number.1]).is_ok())
    });
}

fn emit(step: Step, out: &mut Vec<Amount>, floor: &mut usize, i: usize) -> usize {
    match step {
        Step::Amount(a) => {
            *floor = a.end;
            let next = a.end.max(i + 1);
            out.push(a);
            next
        }
        Step::Skip(n) => n.max(i + 1),
    }
}

// ---------------------------------------------------------------------------
// numbers

struct Figure {
    e: usize,
    value: f64,
    grouped: bool,
    decimal: bool,
    int_digits: usize,
    leading_zero: bool,
}

impl Figure {
    /// A plain integer of four digits between 1000 and 2100: maybe a year.
    fn year_like(&self) -> bool {
        !self.grouped
            && !self.decimal
            && self.int_digits == 4
            && (1000.0..=2100.0).contains(&self.value)
    }
}

/// `\d+`, `\d{1,3}(,\d{3})+`, then an optional `.\d+`.
fn figure(b: &[u8], p: usize) -> Figure {
    let mut i = p;
    let mut value = 0f64;
    while i < b.len() && is_digit(b[i]) {
        value = value * 10.0 + (b[i] - b'0') as f64;
        i += 1;
    }
    let int_digits = i - p;
    let mut grouped = false;
    if int_digits <= 3 {
        while i + 3 < b.len()
            && b[i] == b','
            && b[i + 1..i + 4].iter().all(|c| is_digit(*c))
            && (i + 4 == b.len() || !is_digit(b[i + 4]))
        {
            for c in &b[i + 1..i + 4] {
                value = value * 10.0 + (c - b'0') as f64;
            }
            i += 4;
            grouped = true;
        }
    }
    let mut decimal = false;
    if i + 1 < b.len() && b[i] == b'.' && is_digit(b[i + 1]) {
        // Whole and fraction as one integer over a power of ten: one correctly
        // rounded division, so that "0.3" is 0.3 and not 0.30000000000000004.
        i += 1;
        let mut scaled = value;
        let mut pow = 1f64;
        while i < b.len() && is_digit(b[i]) {
            scaled = scaled * 10.0 + (b[i] - b'0') as f64;
            pow *= 10.0;
            i += 1;
        }
        value = scaled / pow;
        decimal = true;
    }
    Figure {
        e: i,
        value,
        grouped,
        decimal,
        int_digits,
        leading_zero: b[p] == b'0' && int_digits >= 2,
    }
}

/// A currency written before byte `p`: "$", "US$", "GB #", "Rs ", "USD ".
/// Returns (start, ISO code, factor, needs a scale).
fn currency_before(
    lex: &Lexicon,
    text: &str,
    p: usize,
) -> Option<(usize, &'static str, f64, bool)> {
    let spaced = match char_before(text, p) {
        Some((s, ' ' | '\u{a0}')) => Some(s),
        _ => None,
    };
    for q in std::iter::once(p).chain(spaced) {
        let head = &text[..q];
        for (sym, cur) in &lex.symbols {
            if !head.ends_with(sym) {
                continue;
            }
            let s = q - sym.len();
            if sym.as_bytes()[0].is_ascii_alphabetic()
                && char_before(text, s).is_some_and(|(_, c)| c.is_alphanumeric())
            {
                continue;
            }
            let mut best: Option<(usize, &'static str)> = None;
            for (pre, psym, iso) in &lex.prefixes {
                if psym != sym {
                    continue;
                }
                for gap in ["", " "] {
                    let h = &text[..s];
                    if h.len() >= pre.len() + gap.len()
                        && h.ends_with(gap)
                        && h[..h.len() - gap.len()].ends_with(pre)
                    {
                        let ps = s - gap.len() - pre.len();
                        let free = char_before(text, ps).is_none_or(|(_, c)| !c.is_alphanumeric());
                        if free && best.is_none_or(|(b, _)| ps < b) {
                            best = Some((ps, iso));
                        }
                    }
                }
            }
            return Some(match best {
                Some((ps, iso)) => (ps, iso, cur.factor, false),
                None => (s, cur.iso, cur.factor, cur.pos == CurPos::SymbolScaled),
            });
        }
        if q != p {
            // A currency code before a spaced figure: "USD 5 million".
            let t = prev_tok(text, p)?;
            if t.kind == Kind::Word && t.e == q {
                let w = t.text(text);
                if let Some(c) = lex.get(w.as_bytes()).and_then(|e| e.currency) {
                    if c.pos == CurPos::Code && w.bytes().all(|b| b.is_ascii_uppercase()) {
                        return Some((t.s, c.iso, c.factor, false));
                    }
                }
            }
        }
    }
    None
}

/// A currency symbol (with its country letters) starting at `p`, glued to the figure after it.
fn currency_at(lex: &Lexicon, text: &str, p: usize) -> Option<usize> {
    let rest = &text[p..];
    let mut q = p;
    for (pre, sym, _) in &lex.prefixes {
        if rest.starts_with(pre) && rest[pre.len()..].starts_with(sym) {
            q = p + pre.len();
            break;
        }
    }
    for (sym, _) in &lex.symbols {
        if text[q..].starts_with(sym) {
            let e = q + sym.len();
            return text
                .as_bytes()
                .get(e)
                .filter(|b| b.is_ascii_digit())
                .map(|_| e);
        }
    }
    None
}

/// ASCII case-insensitive prefix test that never slices inside a char.
fn starts_with_ci(s: &str, p: &str) -> bool {
    s.as_bytes()
        .get(..p.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
}

fn lower_is(text: &str, t: &Tok, w: &str) -> bool {
    t.kind == Kind::Word && text[t.s..t.e].eq_ignore_ascii_case(w)
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn all_caps(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| !c.is_lowercase())
}

/// The next word, only if nothing but spaces lies before it.
fn next_word(text: &str, i: usize) -> Option<Tok> {
    next_tok(text, i).filter(|t| t.kind == Kind::Word)
}

/// Figure at `p` (a digit that starts a run).
fn at_digits(lex: &Lexicon, text: &str, p: usize, floor: usize) -> Step {
    let b = text.as_bytes();
    let fig = figure(b, p);
    let skip = word_end(text, p).max(fig.e);
    let cur = currency_before(lex, text, p).filter(|c| c.0 >= floor);
    // What touches the figure on the left: letters make a code ("G7"), a hyphen after a
    // word makes a name ("F-16", "COVID-19"), "/" ":" "." after a digit a date or time.
    if cur.is_none() {
        if let Some((ps, pc)) = char_before(text, p) {
            if pc.is_alphabetic() || pc == '+' || pc == '#' || pc == '@' || pc == '_' {
                return Step::Skip(skip);
            }
            if matches!(pc, '-' | '\u{2011}' | '/' | ':' | '.')
                && char_before(text, ps).is_some_and(|(_, c)| c.is_alphanumeric())
            {
                return Step::Skip(skip);
            }
        }
    }
    // "007", "020 ...": codes and phone numbers; ten digits or more in a row: an identifier.
    if (fig.leading_zero || fig.int_digits >= 10) && !fig.decimal {
        return Step::Skip(skip);
    }
    // "20 7946 0958": plain digit groups in a row make a phone number or a code.
    if cur.is_none() && !fig.grouped && !fig.decimal {
        let next_group =
            b.get(fig.e) == Some(&b' ') && b.get(fig.e + 1).is_some_and(|c| is_digit(*c)) && {
                // "020 7946" (a phone number) or "4 0 1 3" (a table row).
                let f2 = figure(b, fig.e + 1);
                let third =
                    b.get(f2.e) == Some(&b' ') && b.get(f2.e + 1).is_some_and(|c| is_digit(*c));
                !f2.grouped
                    && !f2.decimal
                    && (f2.int_digits >= 3 || third)
                    && !b.get(f2.e).is_some_and(|c| c.is_ascii_alphanumeric())
            };
        let prev_group = p >= 2 && b[p - 1] == b' ' && is_digit(b[p - 2]);
        if next_group || prev_group {
            return Step::Skip(skip);
        }
    }
    // "'11", "’90s": a year cut short.
    if cur.is_none() && fig.int_digits == 2 && !fig.decimal {
        if let Some((ps, '\'' | '\u{2019}')) = char_before(text, p) {
            if char_before(text, ps).is_none_or(|(_, c)| !c.is_alphanumeric()) {
                return Step::Skip(skip);
            }
        }
    }
    // What touches it on the right.
    let after = char_at(text, fig.e);
    let after2 = fig.e + 1 < b.len() && is_digit(b[fig.e + 1]);
    match after {
        Some(':' | '/') if after2 => return Step::Skip(skip_code(text, fig.e)),
        Some('.' | ',') if after2 => return Step::Skip(skip_code(text, fig.e)),
        _ => {}
    }
    let (s, currency, need_scale) = match cur {
        Some((s, iso, f, ns)) => (s, Some((iso, f)), ns),
        None => (p, None, false),
    };
    let mut core = Core {
        currency,
        need_scale,
        year_like: fig.year_like(),
        ..Core::new(s, p, fig.e, fig.value)
    };
    // Letters glued to the figure: "th", "bn", "m", "km", "GB", "s", "pm".
    if let Some(c) = after {
        if c.is_alphabetic() || c == '°' {
            let le = word_end(text, fig.e + if c == '°' { c.len_utf8() } else { 0 });
            let glued = &text[fig.e..le];
            let lower = glued.to_ascii_lowercase();
            if matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
                core.ordinal = true;
                core.num_e = le;
                core.e = le;
            } else if let Some((m, _)) =
                lex.get(glued.as_bytes())
                    .and_then(|e| e.scale)
                    .filter(|(_, w)| {
                        // "1.5m people": a decimal before a plural is millions, not metres.
                        let counted = fig.decimal
                            && next_word(text, le).is_some_and(|t| is_plural(lex, t.text(text)));
                        *w == ScaleWhere::Both || core.currency.is_some() || counted
                    })
            {
                core.scale_to(m, le);
            } else if let Some(u) = lex.unit(glued).filter(|u| u.attached) {
                core.unit = Some(u.canon);
                core.e = le;
                core.of_object = true;
            } else if lower == "x"
                || (lower.starts_with('x') && glued[1..].bytes().all(|b| b.is_ascii_digit()))
            {
                // "320x240": a dimension; counted by its first side.
                core.e = skip_code(text, fig.e);
            } else {
                // "1990s", "4G", "737s", "10pm": a decade, a code, a model or a time.
                return Step::Skip(le.max(skip));
            }
        } else if c == '%' {
            core.unit = Some("%");
            core.e = fig.e + 1;
            core.of_object = true;
        } else if matches!(c, '-' | '\u{2011}') {
            let hs = fig.e + c.len_utf8();
            if char_at(text, hs).is_some_and(|c| c.is_alphabetic()) {
                if let Err(n) = hyphen_suffix(lex, text, &mut core) {
                    return Step::Skip(n);
                }
            } else if char_at(text, hs).is_some_and(|c| c.is_ascii_digit()) {
                // "555-1234" is a phone number, "787-8" a model: no range goes down.
                let f2 = figure(b, hs);
                if (fig.int_digits >= 3 && f2.int_digits >= 4) || f2.value < fig.value {
                    return Step::Skip(skip_code(text, fig.e));
                }
            }
        }
    }
    post_number(lex, text, core, floor)
}

/// A word hyphened to the number: "3.5-inch" (unit), "30-year-old" (age), "12-member"
/// (what is counted). "41-year" or "three-month" make a duration, the time tagger's: Err.
fn hyphen_suffix(lex: &Lexicon, text: &str, core: &mut Core) -> Result<(), usize> {
    let Some(c) = char_at(text, core.e).filter(|c| matches!(c, '-' | '\u{2011}')) else {
        return Ok(());
    };
    let hs = core.e + c.len_utf8();
    if !char_at(text, hs).is_some_and(|c| c.is_alphabetic()) {
        return Ok(());
    }
    // Letters only: "billion-year-contract" is "billion" + "year".
    let he = hs
        + text[hs..]
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
    if he == hs {
        return Ok(());
    }
    let w = &text[hs..he];
    if is_capitalised(w) && lex.unit(w).is_none() {
        // "7-Eleven", "5-Star": a name.
        return Err(word_end(text, hs));
    }
    let en = lex.get(w.as_bytes());
    let flags = en.map_or(0, |e| e.flags);
    if flags & TIMEUNIT != 0 {
        if starts_with_ci(&text[he..], "-old") {
            // An age: the unit says so, the noun after it is the object.
            core.unit = Some(AGE_UNIT);
            core.e = he + 4;
            return Ok(());
        }
        return Err(he);
    }
    if let Some(u) = lex.unit(w) {
        core.unit = Some(u.canon);
        core.e = he;
    } else if let Some((m, ScaleWhere::Both)) = en.and_then(|e| e.scale) {
        core.scale_to(m, he);
    } else if let Some((m, NumClass::Mult)) = en.and_then(|e| e.num).filter(|_| !core.words) {
        core.scale_to(m, he);
    } else if flags & (STOP | MONTH) == 0 && en.and_then(|e| e.num).is_none() {
        core.object = Some((hs, he));
        core.e = he;
    }
    Ok(())
}

/// End of a run of digits and separators (a time, a date, a version, a code).
fn skip_code(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || (matches!(b[i], b':' | b'/' | b'.' | b',' | b'-')
                && i + 1 < b.len()
                && b[i + 1].is_ascii_alphanumeric()))
    {
        i += 1;
    }
    i
}

/// Number words from `p`: "twenty-five", "three thousand", "a dozen", "hundreds of".
/// Number words from `p`: "twenty-five", "three thousand", "a dozen", "hundreds";
/// Err(end) when they make no number ("hundred" alone).
fn word_number(lex: &Lexicon, text: &str, p: usize, floor: usize) -> Result<Core, usize> {
    let b = text.as_bytes();
    let word_e = word_end(text, p);
    let mut total = 0f64;
    let mut current = 0f64;
    let mut last: Option<NumClass> = None;
    let mut last_v = 0f64;
    let mut hyphened = false;
    let mut i = p;
    let mut e = p;
    let mut s = p;
    // "a dozen", "a hundred", "a million", "a quarter".
    let a_before = prev_tok(text, p)
        .filter(|t| t.s >= floor && (lower_is(text, t, "a") || lower_is(text, t, "an")));
    loop {
        // Word of letters only, so that "twenty-five" gives "twenty" then "five".
        let mut we = i;
        while we < b.len() && b[we].is_ascii_alphabetic() {
            we += 1;
        }
        if we == i {
            break;
        }
        let Some((v, class)) = lex.get(&b[i..we]).and_then(|en| en.num) else {
            break;
        };
        let first_word = last.is_none();
        match class {
            NumClass::Card => {
                match last {
                    None | Some(NumClass::Mult) | Some(NumClass::Dozen) => current += v,
                    Some(NumClass::Tens) if v < 10.0 && v > 0.0 => current += v,
                    _ => break,
                }
                if matches!(last, Some(NumClass::Dozen)) {
                    break;
                }
            }
            NumClass::Tens => match last {
                None | Some(NumClass::Mult) => current += v,
                _ => break,
            },
            NumClass::Mult | NumClass::Dozen => {
                if first_word && a_before.is_none() {
                    // A bare "hundred" or "million" with no count before it.
                    return Err(we);
                }
                if matches!(last, Some(NumClass::Mult)) && last_v >= v {
                    break;
                }
                let base = if current == 0.0 { 1.0 } else { current };
                if v >= 1000.0 {
                    total += base * v;
                    current = 0.0;
                } else {
                    current = base * v;
                }
            }
            // "two-thirds", "one-third": a fraction.
            NumClass::Denominator | NumClass::Ordinal
                if last == Some(NumClass::Card)
                    && hyphened
                    && (class == NumClass::Denominator || current == 1.0) =>
            {
                current /= v;
                last = Some(NumClass::Fraction);
                e = we;
                break;
            }
            NumClass::Denominator => {
                if first_word {
                    return Err(we);
                }
                break;
            }
            NumClass::Vague | NumClass::Fraction | NumClass::Ordinal => {
                if !first_word {
                    break;
                }
                current = v;
            }
        }
        last = Some(class);
        last_v = v;
        e = we;
        if matches!(
            class,
            NumClass::Vague | NumClass::Fraction | NumClass::Ordinal
        ) {
            break;
        }
        // Next number word: after a hyphen, a space, or "and" ("two hundred and five").
        let mut j = we;
        hyphened = j < b.len() && b[j] == b'-';
        if hyphened {
            j += 1;
        } else if let Some(t) = next_word(text, we) {
            if lower_is(text, &t, "and") && matches!(last, Some(NumClass::Mult)) {
                match next_word(text, t.e) {
                    Some(t2) => j = t2.s,
                    None => break,
                }
            } else {
                j = t.s;
            }
        } else {
            break;
        }
        if !(j < b.len() && b[j].is_ascii_alphabetic()) {
            break;
        }
        i = j;
    }
    let Some(mut class) = last else {
        return Err(word_e);
    };
    // "half a million", "a quarter of a million": a fraction of a scale.
    if class == NumClass::Fraction {
        let mut at = e;
        if let Some(of) = next_word(text, at).filter(|t| lower_is(text, t, "of")) {
            at = of.e;
        }
        if let Some(a) = next_word(text, at).filter(|t| lower_is(text, t, "a")) {
            if let Some(m) = next_word(text, a.e) {
                if let Some((v, NumClass::Mult | NumClass::Dozen)) =
                    lex.get(m.text(text).as_bytes()).and_then(|x| x.num)
                {
                    current *= v;
                    e = m.e;
                    class = NumClass::Mult;
                }
            }
        }
    }
    // "a third of", "a fifth of": a fraction, as "a quarter of".
    if class == NumClass::Ordinal && a_before.is_some() && current > 2.0 {
        current = 1.0 / current;
        class = NumClass::Fraction;
    }
    if let Some(a) = a_before {
        if matches!(class, NumClass::Mult | NumClass::Dozen | NumClass::Fraction)
            || lex
                .get(&b[p..word_e])
                .and_then(|x| x.num)
                .is_some_and(|(_, c)| matches!(c, NumClass::Mult | NumClass::Dozen))
        {
            s = a.s;
        }
    }
    let mut value = total + current;
    // "two and a half".
    if matches!(class, NumClass::Card | NumClass::Tens) && starts_with_ci(&text[e..], " and a half")
    {
        value += 0.5;
        e += 11;
    }
    Ok(Core {
        ordinal: class == NumClass::Ordinal,
        words: true,
        class: Some(class),
        of_object: matches!(
            class,
            NumClass::Vague | NumClass::Fraction | NumClass::Dozen | NumClass::Mult
        ),
        ..Core::new(s, s, e, value)
    })
}

fn at_words(lex: &Lexicon, text: &str, p: usize, floor: usize) -> Step {
    let word_e = word_end(text, p);
    // A hyphenated compound that merely contains a number word ("number-one", "one-off").
    if let Some((ps, '-')) = char_before(text, p) {
        if char_before(text, ps).is_some_and(|(_, c)| c.is_alphanumeric()) {
            return Step::Skip(word_e);
        }
    }
    let mut core = match word_number(lex, text, p, floor) {
        Ok(c) => c,
        Err(n) => return Step::Skip(n),
    };
    if let Err(n) = hyphen_suffix(lex, text, &mut core) {
        return Step::Skip(n);
    }
    // A capitalised number word inside a sentence is a name ("the Ford Five Hundred").
    if is_capitalised(&text[p..word_e])
        && prev_tok(text, core.s).is_some_and(|t| t.kind == Kind::Word)
    {
        return Step::Skip(core.e);
    }
    post_number(lex, text, core, floor)
}

/// Scale, currency, percent and unit words after the number, then the range, the
/// checks that reject dates, times and labels, the qualifier and the object.
fn post_number(lex: &Lexicon, text: &str, core: Core, floor: usize) -> Step {
    match amount(lex, text, core, floor) {
        Ok(a) => Step::Amount(a),
        Err(resume) => Step::Skip(resume),
    }
}

/// A reading that fails says where reading resumes: `Err(position)`.
type Read<T> = Result<T, usize>;

/// What comes right before the number: the token, and the word when only
/// spaces lie between them.
#[derive(Clone, Copy)]
struct Before {
    tok: Option<Tok>,
    word: Option<Tok>,
}

impl Before {
    fn of(text: &str, core: &Core) -> Before {
        let tok = prev_tok(text, core.s);
        Before { tok, word: tok.filter(|t| t.kind == Kind::Word && only_spaces(text, t.e, core.s)) }
    }

    fn word_is(&self, text: &str, w: &str) -> bool {
        self.word.is_some_and(|t| lower_is(text, &t, w))
    }
}

/// The amount that starts with `core`, by the checks of each family in turn.
fn amount(lex: &Lexicon, text: &str, mut core: Core, floor: usize) -> Read<Amount> {
    extend_core(lex, text, &mut core);
    let before = Before::of(text, &core);
    time_after(lex, text, &mut core)?;
    date_before(lex, text, &core, before)?;
    label_or_layout(lex, text, &core, before)?;
    counts_nothing_bare(lex, text, &core, before)?;
    let upper = range(lex, text, &mut core, before)?;
    let next = next_word(text, core.e);
    let qual = qualifier(lex, text, core.s, floor);
    class_needs(lex, text, &core, before, next)?;
    vague_multiples(lex, text, &mut core);
    let object = object_of(lex, text, &mut core, next)?;
    let object = counts_something(lex, text, &mut core, object, before, upper, qual)?;
    Ok(assemble(core, object, upper, qual))
}

/// Duration ("three years"), time of day ("10 pm"), date ("6 March"); an
/// age ("45 years old") takes its unit.
fn time_after(lex: &Lexicon, text: &str, core: &mut Core) -> Read<()> {
    // Duration ("three years"), time of day ("10 pm"), date ("6 March").
    if let Some(t) = next_word(text, core.e) {
        let w = t.text(text);
        let flags = lex.flags(w.as_bytes());
        if core.currency.is_none()
            && core.unit.is_none()
            && core.object.is_none()
            && flags & TIMEUNIT != 0
            && !(core.ordinal && flags & ORDINAL_NOUN != 0)
        {
            let n = next_word(text, t.e);
            if n.is_some_and(|n| lower_is(text, &n, "old")) {
                let n = n.unwrap();
                core.unit = Some(AGE_UNIT);
                core.e = n.e;
            } else {
                return Err(t.e);
            }
        }
        if flags & CLOCK != 0 || is_dotted_clock(text, t.s) {
            return Err(t.e);
        }
        if flags & MONTH != 0 && is_capitalised(w) {
            return Err(t.e);
        }
        if core.ordinal && lower_is(text, &t, "of") {
            if let Some(m) = next_word(text, t.e) {
                if lex.flags(m.text(text).as_bytes()) & MONTH != 0 {
                    return Err(m.e);
                }
            }
        }
    }
    Ok(())
}

/// A date: "Sept. 11", "March 6", "Monday 12".
fn date_before(lex: &Lexicon, text: &str, core: &Core, before: Before) -> Read<()> {
    // "Sept. 11", "Jan. 6": a month shortened with a dot.
    if let Some(t) = before.tok.filter(|t| t.kind == Kind::Punct && &text[t.s..t.e] == ".") {
        if let Some(m) = prev_tok(text, t.s).filter(|m| m.e == t.s && m.kind == Kind::Word) {
            let w = m.text(text);
            if lex.flags(w.as_bytes()) & MONTH != 0 && is_capitalised(w) {
                return Err(core.e);
            }
        }
    }
    if let Some(t) = before.word {
        let w = t.text(text);
        let flags = lex.flags(w.as_bytes());
        if flags & (MONTH | WEEKDAY) != 0 && is_capitalised(w) && core.currency.is_none() {
            return Err(core.e);
        }
        // Lower-case "no" is a determiner ("no 10 people"); "No" and "no." label.
        if flags & REF != 0 && core.currency.is_none() && w != "no" {
            return Err(core.e);
        }
    }
    Ok(())
}

/// Labels ("No. 10", "#1") and the numbers of layout: list numbering, a
/// figure alone on its line, enumerators ("(1)").
fn label_or_layout(lex: &Lexicon, text: &str, core: &Core, before: Before) -> Read<()> {
    // "No. 10", "#1": labels.
    if let Some(t) = before.tok {
        if t.kind == Kind::Punct && core.currency.is_none() && !core.words {
            let pc = &text[t.s..t.e];
            if pc == "." {
                if let Some(w) = prev_tok(text, t.s) {
                    if w.e == t.s && lex.flags(w.text(text).as_bytes()) & REF != 0 {
                        return Err(core.e);
                    }
                }
            }
            if pc == "#" {
                return Err(core.e);
            }
        }
        // List numbering at the start of a line: "1. ", "2) ".
        if (t.kind == Kind::Newline)
            && !core.words
            && core.currency.is_none()
            && matches!(text.as_bytes().get(core.num_e), Some(b'.' | b')'))
        {
            return Err(core.num_e + 1);
        }
    } else if !core.words
        && matches!(text.as_bytes().get(core.num_e), Some(b'.' | b')'))
        && core.currency.is_none()
        && core.unit.is_none()
    {
        return Err(core.num_e + 1);
    }
    // A figure alone on its line is a page furniture count or a label, not an amount.
    if core.currency.is_none()
        && core.unit.is_none()
        && before.tok.is_none_or(|t| t.kind == Kind::Newline)
        && next_tok(text, core.e).is_none_or(|t| t.kind == Kind::Newline)
    {
        return Err(core.e);
    }
    // "(1)" and "1) ": enumerators.
    let digits_only = text.as_bytes()[core.num_s..core.num_e]
        .iter()
        .all(|b| b.is_ascii_digit());
    if !core.words
        && core.currency.is_none()
        && !core.scaled
        && digits_only
        && text[core.num_e..].starts_with(')')
    {
        let open = text[..core.s].ends_with('(');
        if open || (core.num_e - core.num_s <= 2 && text[core.num_e + 1..].starts_with(' ')) {
            return Err(core.num_e + 1);
        }
    }
    Ok(())
}

/// A bare zero, a model or version number ("Boeing 787"), a number that
/// needs a scale word and has none.
fn counts_nothing_bare(lex: &Lexicon, text: &str, core: &Core, before: Before) -> Read<()> {
    let digits_only = text.as_bytes()[core.num_s..core.num_e].iter().all(|b| b.is_ascii_digit());
    // A bare zero counts nothing ("1 - 0" is a score, "34 to zero" too; "0.5%" keeps its unit).
    if (digits_only || core.words)
        && core.value == 0.0
        && core.unit.is_none()
        && core.currency.is_none()
    {
        return Err(core.e);
    }
    // A model, version or label after a name: "Boeing 787", "Windows 10", "iPhone 2.0".
    if let Some(t) = before.word {
        let w = t.text(text);
        if !core.words
            && core.currency.is_none()
            && core.unit.is_none()
            && !core.scaled
            && w.chars().any(|c| c.is_uppercase())
            && lex.get(w.as_bytes()).is_none()
            && text.as_bytes()[core.num_s..core.num_e]
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b'.')
        {
            return Err(core.e);
        }
    }
    if core.need_scale && !core.scaled {
        return Err(core.e);
    }

    Ok(())
}

/// The top of a range: "15-20%", "20 to 25 percent", "between $12 million
/// and $20 million"; years ("2009-2011") and scores ("1 – 0") are none.
fn range(lex: &Lexicon, text: &str, core: &mut Core, before: Before) -> Read<Option<f64>> {
    let mut upper = None;
    let from_before = before.word_is(text, "from") || before.word_is(text, "by");
    if !from_before && !core.ordinal {
        // After a verb of change, "X to Y" goes from X to Y ("rose 15 pence to 362 pence").
        let change = before.word.is_some_and(|t| lex.flags(t.text(text).as_bytes()) & CHANGE != 0);
        let tail = range_tail(lex, text, core, before.word_is(text, "between"), !change)?;
        let compatible = |a: &Core, b: &Core| {
            let cur = match (a.currency, b.currency) {
                (Some((x, _)), Some((y, _))) => x == y,
                (Some(_), None) | (None, None) => true,
                (None, Some(_)) => a.unit.is_none(),
            };
            let unit = match (a.unit, b.unit) {
                (Some(x), Some(y)) => x == y,
                (Some(_), None) => false,
                (None, Some(_)) => a.currency.is_none(),
                (None, None) => true,
            };
            cur && unit
        };
        if let Some((second, e)) = tail.filter(|(b, _)| compatible(core, b)) {
            if core.year_like && second.year_like && core.currency.is_none() && core.unit.is_none()
            {
                // "between 2014 and 2016", "2009-2011": years.
                return Err(e);
            }
            let conn = text[core.e..second.s].trim();
            let bare = |c: &Core| c.unit.is_none() && c.currency.is_none() && !c.scaled && !c.words;
            if matches!(conn, "-" | "\u{2013}") && bare(core) && bare(&second) {
                // "1 – 0", "2 – 1": a score, not a range ("15-20" ascends without spaces).
                let spaced = conn.len() != second.s - core.e;
                if second.value <= core.value
                    || (spaced && core.value < 20.0 && second.value < 20.0)
                {
                    return Err(e);
                }
            }
            if !core.scaled && second.scaled && core.value * second.mult <= second.value {
                core.value *= second.mult;
                core.mult = second.mult;
                core.scaled = true;
            }
            if second.value >= core.value {
                if core.currency.is_none() {
                    core.currency = second.currency;
                }
                if core.unit.is_none() {
                    core.unit = second.unit;
                }
                core.of_object |= second.of_object;
                upper = Some(second.value);
                core.e = e;
            }
        }
    }

    Ok(upper)
}

/// Fractions and vague plurals need "of" ("half of the staff", "tens of");
/// "a score of", "a couple of" likewise.
fn class_needs(lex: &Lexicon, text: &str, core: &Core, before: Before, next: Option<Tok>) -> Read<()> {
    let next_is_of = next.is_some_and(|t| lower_is(text, &t, "of"));
    match core.class {
        Some(NumClass::Fraction) => {
            // "half of the staff", "a quarter of its stores"; not "the final quarter".
            let quarter_bare = text[core.num_s..core.num_e].eq_ignore_ascii_case("quarter");
            if !next_is_of || quarter_bare {
                return Err(core.e);
            }
            if before.word.is_some_and(|t| {
                lex.get(t.text(text).as_bytes())
                    .and_then(|e| e.num)
                    .is_some_and(|(_, c)| c == NumClass::Ordinal)
            }) {
                return Err(core.e);
            }
        }
        // "tens" and "scores" are nouns too; "tens of", "scores of" count.
        Some(NumClass::Vague) if (core.value == 10.0 || core.value == 20.0) && !next_is_of => {
            return Err(core.e)
        }
        // "a score of", "a couple of"; a football score or a married couple count nothing.
        Some(NumClass::Dozen) if (core.value == 20.0 || core.value == 2.0) && !next_is_of => {
            return Err(core.e)
        }
        _ => {}
    }

    Ok(())
}

/// "hundreds of thousands of", "billions of dollars": the multiples and the
/// currency after "of".
fn vague_multiples(lex: &Lexicon, text: &str, core: &mut Core) {
    if core.words && matches!(core.class, Some(NumClass::Vague)) {
        let mut at = core.e;
        while let Some(of) = next_word(text, at).filter(|t| lower_is(text, t, "of")) {
            let Some(t) = next_word(text, of.e) else {
                break;
            };
            let en = lex.get(t.text(text).as_bytes());
            if let Some((v, NumClass::Vague)) = en.and_then(|e| e.num) {
                core.value *= v;
                core.num_e = t.e;
                core.e = t.e;
                at = t.e;
            } else if let Some(c) = en
                .and_then(|e| e.currency)
                .filter(|c| c.pos == CurPos::Word)
            {
                core.currency = Some((c.iso, c.factor));
                core.e = currency_word_end(lex, text, t, c.iso);
                break;
            } else {
                break;
            }
        }
    }

}

/// What the number counts: a word ordinal's ordinal noun ("third
/// anniversary"), else the noun phrase after it.
fn object_of(lex: &Lexicon, text: &str, core: &mut Core, next: Option<Tok>) -> Read<Option<(usize, usize)>> {
    // A word ordinal counts only before an ordinal noun ("third anniversary"), not
    // in a compound ("third-set tiebreaker", "fourth-seeded").
    if core.ordinal && core.words && core.object.is_some() {
        return Err(core.e);
    }
    // The object.
    let mut object = core.object;
    if object.is_none() {
        if core.ordinal && core.words {
            match next {
                Some(t) if lex.flags(t.text(text).as_bytes()) & ORDINAL_NOUN != 0 => {
                    object = Some((t.s, t.e));
                    core.e = t.e;
                }
                _ => return Err(core.e),
            }
        } else if let Some((os, oe)) = object_after(lex, text, core.e, core.of_object) {
            object = Some((os, oe));
            core.e = oe;
        }
    } else if let Some((os, oe)) = object_after(lex, text, core.e, false) {
        // "a 12-member advisory panel": the object goes on after the glued word.
        let (s0, _) = object.unwrap();
        let _ = os;
        object = Some((s0, oe));
        core.e = oe;
    }
    Ok(object)
}

/// The checks that need the object: a ratio ("1 in 3"), a clock time ("at
/// 10.30"), an address ("10 Downing Street"), a bare "1" or "one", a
/// duration or rate, a figure named with "the", an ordinal or a year that
/// counts nothing. A time word as object is no object ("12% year on
/// year").
#[allow(clippy::too_many_arguments)]
fn counts_something(
    lex: &Lexicon,
    text: &str,
    core: &mut Core,
    mut object: Option<(usize, usize)>,
    before: Before,
    upper: Option<f64>,
    qual: Option<(usize, &'static str)>,
) -> Read<Option<(usize, usize)>> {
    let obj_text = object.map(|(s, e)| &text[s..e]);
    // "1 in 3", "one in five": a ratio, not a count of its second term.
    if before.word_is(text, "in") {
        let before = before.word
            .and_then(|t| prev_tok(text, t.s))
            .filter(|t| t.kind == Kind::Word);
        if before.is_some_and(|t| {
            let w = t.text(text);
            w.bytes().all(|b| b.is_ascii_digit())
                || lex.get(w.as_bytes()).and_then(|e| e.num).is_some()
        }) {
            return Err(core.e);
        }
    }
    // "at 10.30": a time of day written with a dot.
    let fig_text = &text[core.num_s..core.num_e];
    if !core.words
        && core.unit.is_none()
        && core.currency.is_none()
        && !core.scaled
        && upper.is_none()
    {
        if let Some((h, m)) = fig_text.split_once('.') {
            let clock_like = h.len() <= 2
                && m.len() == 2
                && h.parse::<u32>().is_ok_and(|h| h < 24)
                && m.parse::<u32>().is_ok_and(|m| m < 60);
            let time_prep = [
                "at", "by", "until", "till", "from", "before", "after", "around",
            ]
            .iter()
            .any(|p| before.word_is(text, p));
            if clock_like && time_prep && obj_text.is_none() {
                return Err(core.e);
            }
        }
    }
    // "10 Downing Street": an address.
    if let Some(o) = obj_text {
        let last = o.rsplit(' ').next().unwrap_or(o);
        if is_capitalised(last) && lex.flags(last.as_bytes()) & ADDRESS != 0 {
            return Err(core.e);
        }
    }
    // A bare "1" counts nothing it names ("1 in 3", "Formula 1" aside).
    if !core.words
        && core.value == 1.0
        && obj_text.is_none()
        && core.unit.is_none()
        && core.currency.is_none()
        && !core.scaled
        && upper.is_none()
    {
        return Err(core.e);
    }
    // "twenty working days": a duration, whatever comes between; "12% year on year":
    // a rate, whose object is no time.
    let mut obj_text = obj_text;
    if let Some(o) = obj_text {
        let last = o.rsplit(' ').next().unwrap_or(o);
        if !core.ordinal && lex.flags(last.as_bytes()) & TIMEUNIT != 0 {
            if core.unit.is_none() && core.currency.is_none() {
                return Err(core.e);
            }
            core.e = object.map_or(core.e, |(s, _)| text[..s].trim_end().len());
            object = None;
            obj_text = None;
        }
    }
    // "the 787", "the 787 Dreamliner": a figure named with "the" and counting nothing.
    let plain = text.as_bytes()[core.num_s..core.num_e]
        .iter()
        .all(|b| b.is_ascii_digit());
    if plain
        && !core.words
        && core.num_e - core.num_s >= 3
        && before.word_is(text, "the")
        && core.unit.is_none()
        && core.currency.is_none()
        && obj_text.is_none_or(is_capitalised)
    {
        return Err(core.e);
    }

    // A figure that needs what it counts to be an amount.
    if !core.words && core.ordinal {
        // "5th generation", but not "the 5th" nor "21st Century Fox".
        match obj_text {
            Some(o) if !is_capitalised(o) => {}
            _ => return Err(core.e),
        }
    }
    if core.year_like
        && core.currency.is_none()
        && core.unit.is_none()
        && !core.scaled
        && upper.is_none()
    {
        let plural_obj = obj_text.is_some_and(|o| {
            let first = o.split(' ').next().unwrap_or("");
            first.ends_with('s') && !is_capitalised(first) && first.len() > 2
        });
        let after_time_prep = before.word.is_some_and(|t| {
            let w = t.text(text);
            TIME_PREPS.iter().any(|p| w.eq_ignore_ascii_case(p))
        });
        if !plural_obj
            || after_time_prep
            || qual.is_none()
                && before.tok.is_some_and(|t| t.kind == Kind::Punct && &text[t.s..t.e] == ",")
        {
            return Err(core.e);
        }
    }
    if core.words
        && core.value == 1.0
        && !core.scaled
        && core.unit.is_none()
        && core.currency.is_none()
    {
        // A bare "one" is a pronoun or a determiner far more often than a count
        // ("one of the", "no one", "one day"); "one million" and "one dollar" stay.
        return Err(core.e);
    }

    Ok(object)
}

/// The amount, its qualifier, kind, unit and value in units.
fn assemble(core: Core, object: Option<(usize, usize)>, upper: Option<f64>, qual: Option<(usize, &'static str)>) -> Amount {
    let (qual_norm, start) = match qual {
        // "between" qualifies a range only ("between two histories" is no range).
        Some((_, "between")) if upper.is_none() => (None, core.s),
        Some((qs, n)) => (Some(n), qs),
        None => (None, core.s),
    };
    let (kind, unit) = if let Some((iso, _)) = core.currency {
        (AmountKind::Money, Some(iso.to_string()))
    } else if let Some(u) = core.unit {
        if matches!(u, "%" | "pp" | "bp") {
            (AmountKind::Percent, Some(u.to_string()))
        } else {
            (AmountKind::Quantity, Some(u.to_string()))
        }
    } else {
        (AmountKind::Quantity, None)
    };
    let factor = core.currency.map_or(1.0, |(_, f)| f);
    Amount {
        start,
        end: core.e,
        value: core.value * factor,
        kind,
        unit,
        object,
        qualifier: qual_norm,
        number: (core.num_s, core.num_e),
        upper: upper.map(|u| u * factor),
        ordinal: core.ordinal,
    }
}

/// End of a currency word and of a second one naming the same currency ("pounds sterling").
fn currency_word_end(lex: &Lexicon, text: &str, t: Tok, iso: &str) -> usize {
    match next_word(text, t.e) {
        Some(n)
            if lex
                .get(n.text(text).as_bytes())
                .and_then(|e| e.currency)
                .is_some_and(|c| c.iso == iso && c.pos == CurPos::Word) =>
        {
            n.e
        }
        _ => t.e,
    }
}

/// "a.m." / "p.m." after a number.
fn is_dotted_clock(text: &str, s: usize) -> bool {
    let r = text.as_bytes();
    r.len() >= s + 3
        && matches!(r[s] | 0x20, b'a' | b'p')
        && r[s + 1] == b'.'
        && (r[s + 2] | 0x20) == b'm'
}

/// Scale, currency, percent and unit words written after the number.
fn extend_core(lex: &Lexicon, text: &str, core: &mut Core) {
    // Spaced scales: "1.5 million", "US$7.2 bn", "500 crore".
    if !core.words
        || core.class.is_some_and(|c| {
            matches!(
                c,
                NumClass::Card | NumClass::Tens | NumClass::Mult | NumClass::Dozen
            )
        })
    {
        while let Some(t) = next_word(text, core.e) {
            let en = lex.get(t.text(text).as_bytes());
            let m = match en {
                Some(Entry {
                    num: Some((v, NumClass::Mult)),
                    ..
                }) if !core.words => *v,
                Some(Entry {
                    scale: Some((v, ScaleWhere::Both)),
                    ..
                }) => *v,
                _ => break,
            };
            if core.ordinal {
                break;
            }
            core.scale_to(m, t.e);
        }
    }
    if core.ordinal {
        return;
    }
    // Currency after: "40 billion dollars", "9.99 US dollars", "$249 USD", "26 cents".
    if let Some(t) = next_word(text, core.e) {
        let w = t.text(text);
        let mut cur_tok = Some(t);
        if matches!(
            w,
            "US" | "U.S" | "American" | "Canadian" | "Australian" | "Hong" | "Singapore" | "New"
        ) {
            cur_tok = None;
        }
        let us_dollars = matches!(w, "US" | "U.S")
            && next_word(text, t.e).is_some_and(|n| n.text(text).starts_with("dollar"));
        if us_dollars {
            cur_tok = next_word(text, t.e);
        }
        if let Some(ct) = cur_tok {
            let cw = ct.text(text);
            if let Some(c) = lex.get(cw.as_bytes()).and_then(|e| e.currency) {
                let ok = match c.pos {
                    CurPos::Code => cw.bytes().all(|b| b.is_ascii_uppercase()),
                    CurPos::Word => true,
                    _ => false,
                };
                if ok
                    && (core.currency.is_none()
                        || core
                            .currency
                            .is_some_and(|(iso, _)| iso == c.iso || c.pos == CurPos::Word))
                {
                    if core.currency.is_none() {
                        core.currency = Some((c.iso, c.factor));
                    }
                    core.e = currency_word_end(lex, text, ct, c.iso);
                    return;
                }
            }
        }
    }
    if core.currency.is_some() || core.unit.is_some() || core.object.is_some() {
        return;
    }
    // Percent and units: "12 percent", "12 per cent", "500 km", "9,420 nautical miles".
    if let Some(t) = next_word(text, core.e) {
        let w = t.text(text);
        if lex.flags(w.as_bytes()) & UNIT_HEAD != 0 {
            if let Some(t2) = next_word(text, t.e) {
                let two = format!(
                    "{} {}",
                    w.to_ascii_lowercase(),
                    t2.text(text).to_ascii_lowercase()
                );
                if let Some(u) = lex.unit(&two) {
                    core.unit = Some(u.canon);
                    core.e = t2.e;
                    core.of_object = true;
                    return;
                }
            }
        }
        if let Some(u) = lex.unit(w).filter(|_| w.chars().count() >= 2) {
            core.unit = Some(u.canon);
            core.e = t.e;
            core.of_object = true;
        }
    } else if let Some(t) = next_tok(text, core.e) {
        if &text[t.s..t.e] == "%" {
            core.unit = Some("%");
            core.e = t.e;
            core.of_object = true;
        }
    }
}

/// The second part of a range after `core`: "-20%", "to 25 percent", "and $20 million".
/// Err(end) when the range turns out a duration or a date ("60 and 90 days").
fn range_tail(
    lex: &Lexicon,
    text: &str,
    core: &Core,
    between: bool,
    to_ok: bool,
) -> Result<Option<(Core, usize)>, usize> {
    let Some((second, e)) = range_second(lex, text, core, between, to_ok) else {
        return Ok(None);
    };
    if let Some(w) = next_word(text, e) {
        let f = lex.flags(w.text(text).as_bytes());
        if f & (TIMEUNIT | CLOCK) != 0 || (f & MONTH != 0 && is_capitalised(w.text(text))) {
            return Err(w.e);
        }
    }
    Ok(Some((second, e)))
}

fn range_second(
    lex: &Lexicon,
    text: &str,
    core: &Core,
    between: bool,
    to_ok: bool,
) -> Option<(Core, usize)> {
    let t = next_tok(text, core.e)?;
    let conn = &text[t.s..t.e];
    let ok = match t.kind {
        Kind::Punct => {
            matches!(conn, "-" | "\u{2013}") && (t.s == core.e || only_spaces(text, core.e, t.s))
        }
        Kind::Word => (to_ok && conn == "to") || conn == "or" || (between && conn == "and"),
        Kind::Newline => false,
    };
    if !ok {
        return None;
    }
    let n = next_tok(text, t.e)?;
    let mut p = n.s;
    let b = text.as_bytes();
    let cur = currency_at(lex, text, p);
    if let Some(e) = cur {
        p = e;
    }
    if p >= b.len() {
        return None;
    }
    let step = if b[p].is_ascii_digit() {
        if p > 0
            && !matches!(b[p - 1], b' ' | b'-')
            && cur.is_none()
            && !text[..p].ends_with('\u{2013}')
        {
            return None;
        }
        let fig = figure(b, p);
        if matches!(b.get(fig.e), Some(b':' | b'/')) {
            return None;
        }
        let mut c = Core {
            currency: cur
                .and_then(|_| currency_before(lex, text, p).map(|(_, iso, f, _)| (iso, f))),
            year_like: fig.year_like(),
            ..Core::new(n.s, p, fig.e, fig.value)
        };
        // Glued scale or percent: "$20m", "20%".
        if let Some(ch) = char_at(text, fig.e) {
            if ch == '%' {
                c.unit = Some("%");
                c.e += 1;
            } else if ch.is_ascii_alphabetic() {
                let le = word_end(text, fig.e);
                let g = &text[fig.e..le];
                if let Some((m, _)) = lex.get(g.as_bytes()).and_then(|e| e.scale) {
                    c.scale_to(m, le);
                } else if let Some(u) = lex.unit(g).filter(|u| u.attached) {
                    c.unit = Some(u.canon);
                    c.e = le;
                } else {
                    return None;
                }
            }
        }
        extend_core(lex, text, &mut c);
        Some(c)
    } else if b[p].is_ascii_alphabetic() && t.kind == Kind::Word {
        // "six hundred to eight hundred", "two or three": counted numbers only.
        let mut c = word_number(lex, text, p, p).ok()?;
        if !matches!(
            c.class,
            Some(NumClass::Card | NumClass::Tens | NumClass::Mult | NumClass::Dozen)
        ) {
            return None;
        }
        extend_core(lex, text, &mut c);
        Some(c)
    } else {
        None
    }?;
    let e = step.e;
    Some((step, e))
}

/// The qualifier written right before `s`: "a record", "at least", "about".
fn qualifier(lex: &Lexicon, text: &str, s: usize, floor: usize) -> Option<(usize, &'static str)> {
    let mut words: [(usize, usize); 4] = [(0, 0); 4];
    let mut n = 0;
    let mut at = s;
    while n < 4 {
        let Some(t) = prev_tok(text, at) else { break };
        if t.kind != Kind::Word || t.s < floor || !only_spaces(text, t.e, at) {
            break;
        }
        if lex.flags(t.text(text).as_bytes()) & QUAL_WORD == 0 {
            break;
        }
        words[n] = (t.s, t.e);
        n += 1;
        at = t.s;
    }
    if n == 0 {
        return None;
    }
    for q in &lex.qualifiers {
        let k = q.words.len();
        if k > n {
            continue;
        }
        // words[0] is the nearest word; q.words[k-1] is the last word of the phrase.
        let all = (0..k).all(|j| {
            let (ws, we) = words[j];
            text[ws..we].eq_ignore_ascii_case(q.words[k - 1 - j])
        });
        if all {
            return Some((words[k - 1].0, q.norm));
        }
    }
    None
}

/// A word that looks like a regular plural ("attacks", "Greeks"; not "gas", "status", "NGOs").
fn is_plural(lex: &Lexicon, w: &str) -> bool {
    if lex.flags(w.as_bytes()) & PLURAL != 0 && !is_capitalised(w) {
        return true;
    }
    w.len() > 3
        && !all_caps(w)
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("\u{2019}s")
}

/// The noun phrase that says what is counted, from byte `at`.
fn object_after(lex: &Lexicon, text: &str, at: usize, allow_of: bool) -> Option<(usize, usize)> {
    let mut t = next_word(text, at)?;
    if lower_is(text, &t, "of") {
        if !allow_of {
            return None;
        }
        t = next_word(text, t.e)?;
        for det in OF_DETS {
            if lower_is(text, &t, det) {
                t = next_word(text, t.e)?;
                break;
            }
        }
    }
    // "5,000 more troops", "15 other shells": the noun after the modifier is counted
    // ("two more years" then turns out a duration).
    let modifier = ["more", "other", "fewer", "additional", "extra"];
    if modifier
        .iter()
        .any(|m| t.text(text).eq_ignore_ascii_case(m))
    {
        if let Some(n) =
            next_word(text, t.e).filter(|n| lex.flags(n.text(text).as_bytes()) & STOP == 0)
        {
            t = n;
        }
    }
    let mut words: [(usize, usize); 5] = [(0, 0); 5];
    let mut n = 0;
    let mut cur = Some(t);
    while let Some(t) = cur {
        if n == 5 || t.kind != Kind::Word {
            break;
        }
        let w = t.text(text);
        let en = lex.get(w.as_bytes());
        let flags = en.map_or(0, |e| e.flags);
        let caps = all_caps(w);
        if !caps && flags & (STOP | CLOCK) != 0 {
            break;
        }
        if flags & (MONTH | WEEKDAY) != 0 && is_capitalised(w) {
            break;
        }
        // A figure starts another amount; only a model's plural ("18 777s") goes on.
        if w.as_bytes()[0].is_ascii_digit()
            && !(w.ends_with('s') && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit()))
        {
            break;
        }
        if en
            .and_then(|e| e.num)
            .is_some_and(|(_, c)| matches!(c, NumClass::Card | NumClass::Tens | NumClass::Mult))
        {
            break;
        }
        let lower_word = !is_capitalised(w);
        if lower_word && w.len() > 4 && w.ends_with("ly") {
            break;
        }
        // A plural noun ends the phrase unless another plural follows ("arms dealers"):
        // "55 airlines fly", "267 drone attacks overnight".
        if n > 0 {
            let (ps, pe) = words[n - 1];
            if is_plural(lex, &text[ps..pe]) && !(lower_word && is_plural(lex, w)) {
                break;
            }
        }
        // A participle starts a clause ("6.8 quake jolted the city", "42 percent favored
        // Mr Smith", "200 injured.") unless a noun follows it ("three armed men").
        if lower_word && w.len() > 4 && w.ends_with("ed") {
            let next_content = next_tok(text, t.e).is_some_and(|x| {
                x.kind == Kind::Word
                    && !is_capitalised(x.text(text))
                    && lex.flags(x.text(text).as_bytes()) & STOP == 0
            });
            if !next_content {
                break;
            }
        }
        // A single letter is an abbreviation split by its dots ("U.S.") or a symbol ("60 X").
        if w.chars().count() == 1 {
            break;
        }
        words[n] = (t.s, t.e);
        n += 1;
        // A possessive ends the phrase ("the program's demise").
        if w.ends_with("'s") || w.ends_with("\u{2019}s") {
            break;
        }
        let nt = next_tok(text, t.e);
        cur = nt.filter(|x| x.kind == Kind::Word);
    }
    // A participle does not end a noun phrase: "people attended" -> "people".
    while n > 1 {
        let (ws, we) = words[n - 1];
        let w = &text[ws..we];
        if !is_capitalised(w) && (w.ends_with("ed") || w.ends_with("ing")) {
            n -= 1;
        } else {
            break;
        }
    }
    if n == 0 {
        return None;
    }
    Some((words[0].0, words[n - 1].1))
}
