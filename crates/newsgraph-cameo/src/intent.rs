//! CAMEO's codes for what is announced rather than done: an intent to
//! cooperate (root 03: "will provide aid" 033, "agreed to meet" 036) or a
//! threat (root 13: "threatened to attack" 138). CAMEO codes an announced
//! action by what is announced: the root 03 or 13 code of the same family.

/// The intent-to-cooperate code of a cooperative action's code: meeting
/// 036, diplomatic cooperation 032, material cooperation 031x, aid 033x,
/// yielding 035x; an intent to act against someone is a threat; a code
/// that is already an intent (01, 02, 03) stays.
pub fn intent(code: &str) -> String {
    let root = code.get(..2).unwrap_or("");
    let base = code.get(..3).unwrap_or(code);
    let s = match root {
        "04" => "036",
        "05" => "032",
        "06" => match base {
            "061" => "0311",
            "062" => "0312",
            "063" => "0313",
            "064" => "0314",
            _ => "031",
        },
        "07" => match base {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        "08" => match base {
            "081" => "0351",
            "082" => "0352",
            "083" => "034",
            "084" => "0353",
            "085" => "0354",
            "086" => "0355",
            "087" => "0356",
            _ => "035",
        },
        "09" | "10" | "11" | "12" | "13" => return code.to_string(),
        "14" | "15" | "16" | "17" | "18" | "19" | "20" => return threat(code),
        _ => return code.to_string(),
    };
    s.to_string()
}

/// The threat code of a hostile action's code: reducing relations 131,
/// sanctions 132, repression 137, force 138; other roots 130.
pub fn threat(code: &str) -> String {
    let root = code.get(..2).unwrap_or("");
    match root {
        "13" => code,
        "16" => "131",
        "17" => "137",
        "15" | "18" | "19" | "20" => "138",
        _ => "130",
    }
    .to_string()
}

/// The rejection code of an action refused ("refused to meet" 125): the
/// refusal of material cooperation 121, of aid 122, to yield 124, to meet
/// 125; else 120.
pub fn rejection(code: &str) -> String {
    match code.get(..2).unwrap_or("") {
        "04" | "03" => "125",
        "06" => "121",
        "07" => "122",
        "08" => "124",
        _ => "120",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announced_actions_take_the_intent_or_threat_of_their_family() {
        assert_eq!(intent("042"), "036");
        assert_eq!(intent("0331"), "0331", "already an intent");
        assert_eq!(intent("071"), "0331");
        assert_eq!(intent("0871"), "0356");
        assert_eq!(intent("190"), "138");
        assert_eq!(intent("030"), "030");
        assert_eq!(threat("195"), "138");
        assert_eq!(threat("163"), "131");
        assert_eq!(threat("112"), "130");
        assert_eq!(rejection("042"), "125");
        assert_eq!(rejection("190"), "120");
    }
}
