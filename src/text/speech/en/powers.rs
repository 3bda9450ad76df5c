//! Powers and subscripts: "10⁻³" → "ten to the minus third", "E = mc²" → "E equals m c
//! squared", "CO₂" → "C O two". espeak-ng reads a caret as nothing and a subscript digit not at
//! all.

use super::numbers::parse_number;
use super::units::unit;
use super::words::{integer, ordinal};
use super::{all_digits, Word};

/// Powers, written with a caret by the language-neutral pass ("10⁶" arrives as "10^6"):
/// "10^6" → "ten to the sixth", "10^-3" → "ten to the minus third", "x^2" → "x squared",
/// "mc^2" → "m c squared", "x^n" → "x to the n". A squared or cubed unit without a number
/// reads as the unit ("per m^2" → "per square meter", "in km^2" → "in square kilometers");
/// after a number, [`number_forms`](super::numbers::number_forms) reads it. A digit raised on
/// a long word is a footnote ("studies^1") and is silent. Any other caret is read "to the", so
/// none reaches the engine.
pub(super) fn power(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if let Some(said) = scientific(word.core) {
        // "3x10^8 m/s": the unit after it, in the plural.
        let unit_after = w
            .get(i + 1)
            .filter(|n| word.trail.is_empty() && n.lead.is_empty())
            .and_then(|n| unit(n.core).map(|(_, many)| (many, n.trail)));
        return Some(match unit_after {
            Some((many, trail)) => (format!("{}{said} {many}{trail}", word.lead), 2),
            None => (format!("{}{said}{}", word.lead, word.trail), 1),
        });
    }
    let (base, exponent) = word.core.split_once('^')?;
    let wrap = |said: String| Some((format!("{}{said}{}", word.lead, word.trail), 1));
    let after_per = i > 0 && w[i - 1].trail.is_empty() && w[i - 1].core == "per";
    // A one-letter base ("m^2") is a unit only after "per"; elsewhere it is a variable.
    if let Some((one, many)) = unit(word.core).filter(|_| after_per || base.len() > 1) {
        return wrap(if after_per { one } else { many });
    }
    let Some(raised) = exponent_words(exponent).filter(|_| !base.is_empty()) else {
        return wrap(word.core.replace('^', " to the "));
    };
    let letters = base.chars().all(char::is_alphabetic);
    let said = if let Some(n) = parse_number(base) {
        format!("{} {raised}", n.read())
    } else if letters && base.chars().count() <= 2 {
        // Variables are read letter by letter: "mc" is "m c", not a word.
        format!("{} {raised}", spelled(base))
    } else if letters && all_digits(exponent) {
        base.to_string()
    } else {
        format!("{base} {raised}")
    };
    wrap(said)
}

/// A number in scientific notation: "3x10^8", "6.02×10^23" → "three times ten to the
/// eighth", "1.2e-5", "6.02E23" → "one point two times ten to the minus fifth" (espeak-ng said
/// "three ex ten…", "one point two e five", losing the minus; found by a fresh tester). The
/// "e" form only with a decimal point or a signed exponent, so codes like "2e5" stay.
fn scientific(core: &str) -> Option<String> {
    let (mantissa, exponent) = match core.split_once('^') {
        Some((base, exponent)) => {
            let mantissa = ["x10", "\u{d7}10", "*10", "\u{b7}10"]
                .iter()
                .find_map(|m| base.strip_suffix(m))?;
            (mantissa, exponent)
        }
        None => {
            let (mantissa, exponent) = core.split_once(['e', 'E'])?;
            let signed = exponent.starts_with(['-', '+']);
            if !(mantissa.contains('.') || signed) {
                return None;
            }
            (mantissa, exponent)
        }
    };
    let digits = exponent.trim_start_matches(['-', '+']);
    if !all_digits(digits)
        || digits.len() > 3
        || !mantissa.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let n = parse_number(mantissa)?;
    let raised = exponent_words(exponent)?;
    Some(format!("{} times ten {raised}", n.read()))
}

/// What a narrator says for an exponent: "2" → "squared", "3" → "cubed", "6" → "to the
/// sixth", "-3" → "to the minus third", "0.5" → "to the power of zero point five", "n" → "to
/// the n". None for anything longer.
fn exponent_words(exponent: &str) -> Option<String> {
    let (sign, body) = match exponent.strip_prefix('-') {
        Some(body) => ("minus ", body),
        None => ("", exponent.strip_prefix('+').unwrap_or(exponent)),
    };
    match (sign, body) {
        ("", "2") => Some("squared".into()),
        ("", "3") => Some("cubed".into()),
        _ if all_digits(body) => Some(format!("to the {sign}{}", ordinal(body))),
        _ if body.contains('.') => {
            let n = parse_number(body).filter(|n| n.sign.is_none())?;
            Some(format!("to the power of {sign}{}", n.read()))
        }
        _ if !body.is_empty()
            && body.chars().count() <= 3
            && body.chars().all(char::is_alphabetic) =>
        {
            Some(format!("to the {sign}{}", spelled(body)))
        }
        _ => None,
    }
}

/// Letters one by one: "mc" → "m c".
fn spelled(letters: &str) -> String {
    letters
        .chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The digit a subscript stands for ("₂" → '2').
fn subscript_digit(c: char) -> Option<char> {
    ('\u{2080}'..='\u{2089}')
        .contains(&c)
        .then(|| char::from_digit(c as u32 - 0x2080, 10))
        .flatten()
}

/// Subscript digits: chemical formulas are read as their symbols and numbers ("H₂O" → "H two
/// O", "CO₂" → "C O two", "Na₂CO₃" → "N.A. two C O three"); any other subscript is read as its
/// number ("x₁" → "x one"). A hyphenated compound keeps its tail ("CO₂-free").
pub(super) fn subscripts(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if !word.core.chars().any(|c| subscript_digit(c).is_some()) {
        return None;
    }
    let (head, tail) = match word.core.split_once('-') {
        Some((head, tail)) => (head, Some(tail)),
        None => (word.core, None),
    };
    let mut said = formula(head).unwrap_or_else(|| subscripts_as_numbers(head));
    if let Some(tail) = tail {
        said = format!("{said}-{}", subscripts_as_numbers(tail));
    }
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// A chemical formula read aloud: element symbols (a capital and at most one small letter)
/// and subscript counts; brackets are not said. None if `s` is not only that.
fn formula(s: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_uppercase() {
            // A two-letter symbol is spelled with periods: espeak-ng says "Na" as a word and a
            // lone "A" as the article.
            match chars.next_if(char::is_ascii_lowercase) {
                Some(small) => parts.push(format!("{c}.{}.", small.to_ascii_uppercase())),
                None => parts.push(c.to_string()),
            }
        } else if let Some(d) = subscript_digit(c) {
            let mut count = String::from(d);
            while let Some(d) = chars.peek().copied().and_then(subscript_digit) {
                count.push(d);
                chars.next();
            }
            parts.push(integer(&count));
        } else if !matches!(c, '(' | ')' | '[' | ']') {
            return None;
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Each run of subscript digits as its number, set off by spaces: "x₁₀" → "x ten".
fn subscripts_as_numbers(s: &str) -> String {
    let mut out = String::new();
    let mut count = String::new();
    for c in s.chars().chain([' ']) {
        match subscript_digit(c) {
            Some(d) => count.push(d),
            None => {
                if !count.is_empty() {
                    out.push_str(&format!(" {} ", integer(&count)));
                    count.clear();
                }
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}
