//! Roman numerals after names and headings: "Charles III" → "Charles the third", "Chapter IV"
//! → "Chapter four". espeak-ng says "Charles roman three" and "Chapter I V".

use super::words::{cardinal, ordinal};
use super::{capitalized, is_name, Word};

/// Capitalised words after which a Roman numeral is a plain number ("Chapter IV" → "Chapter
/// four", "World War II" → "World War two"); after other names it is regnal ("Charles the
/// third"). Compared case-insensitively.
/// Since 2026-12-05 also a product's mark or generation ("Canon EOS R6 Mark II", "Mk II",
/// "Gen III") and a series' number ("Series II"), found by a tester.
const NUMBERED_HEADINGS: [&str; 25] = [
    "chapter",
    "part",
    "book",
    "volume",
    "vol",
    "act",
    "scene",
    "section",
    "article",
    "title",
    "phase",
    "stage",
    "war",
    "bowl",
    "episode",
    "level",
    "class",
    "type",
    "appendix",
    "psalm",
    "mark",
    "mk",
    "gen",
    "generation",
    "series",
];

fn roman_value(s: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let vals: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, v) in vals.iter().enumerate() {
        match vals.get(k + 1) {
            Some(n) if n > v => total -= *v as i64,
            _ => total += *v as i64,
        }
    }
    let total = u32::try_from(total)
        .ok()
        .filter(|t| (1..4000).contains(t))?;
    // Only canonical numerals: "IIII" or "VX" are not numbers anyone writes.
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in PARTS {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// "Chapter IV" → "Chapter four", "World War II" → "World War two", "Charles III" → "Charles
/// the third". Only right after a capitalised word; "I" only after a heading word.
pub(super) fn roman_numeral(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let prev = w[i.checked_sub(1)?];
    if !prev.trail.is_empty() || !capitalized(prev.core) || !word.lead.is_empty() {
        return None;
    }
    // "Henry VIII's": the numeral, then the possessive.
    let (numeral, possessive) = match word.core.strip_suffix("'s") {
        Some(n) => (n, "'s"),
        None => (word.core, ""),
    };
    let n = roman_value(numeral)?;
    let heading = NUMBERED_HEADINGS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(prev.core));
    let said = if heading {
        cardinal(u64::from(n))
    } else {
        // Regnal numbers: small, from I, V and X only, so "DC", "MD" or "CV" after a name
        // stay letters, and never a lone "I" or "X" ("Malcolm X").
        let regnal_shape = numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            && (numeral.len() >= 2 || numeral == "V");
        if !(regnal_shape && is_name(prev.core) && n < 40) {
            return None;
        }
        format!("the {}", ordinal(&n.to_string()))
    };
    Some((format!("{said}{possessive}{}", word.trail), 1))
}
