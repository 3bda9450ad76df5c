//! Phone numbers, read digit by digit in their written groups: "307-555-0148" → "three oh
//! seven, five five five, oh one four eight".
//!
//! espeak-ng reads each group as a quantity ("three hundred seven dash five hundred fifty-five
//! dash zero one four eight"), a dotted number as a decimal, and the earlier passes would make
//! "555-0148" a range. A phone number is told from a range or a score by its shape:
//!
//! - North American, hyphens or dots: "307-555-0148", "415.555.0199", "1-800-555-0199" (three,
//!   three and four digits, whatever they are: "(555) 010-4477" in a story is a number too);
//! - a parenthesized area code and the local number: "(415) 555-0199", "(415) 555 0199";
//! - international, a "+" and a country code, then groups: "+44 20 7946 0958", "+1 (212)
//!   555-0100", "+1-212-555-0100", 8 to 15 digits in all (ITU-T E.164 numbers have at most
//!   15);
//! - groups parted by spaces: a national number with its trunk "0", 10 or 11 digits ("020
//!   7946 0958", "01632 960123", "0800 123 4567"), or a North American one ("212 867 5309");
//! - a three-digit service number after "call" or "dial" ("call 311", "dial 101"), and the
//!   emergency numbers "911", "999", "112" and "000" also after an "or" near one ("call the
//!   police or 999"): "nine one one", "triple zero";
//! - a local "555-0148", three digits (the first 2 to 9, as North American exchanges are) and
//!   four, unless it reads as a rising range of round numbers ("500-1500"), follows "from",
//!   "between" or "pages", or comes before a unit or a counted noun ("365-1500 calories").
//!   Ranges ("10-12", "1990-1995") and scores ("52-48") have other shapes and stay ranges.
//!
//! Zero is said "oh", as Americans read phone numbers; a toll-free "800" area code is "eight
//! hundred" ("one eight hundred, five five five, …"); groups are set off by commas, the pauses
//! a person makes.

use super::units::{plural_noun, unit};
use super::{all_digits, Word};

/// Words after which "500-1500" is a range, never a phone number.
const RANGE_WORDS: [&str; 4] = ["from", "between", "pages", "pp"];

/// The longest phone number, in digits, country code included (ITU-T E.164).
const MAX_DIGITS: usize = 15;
/// The shortest international number we read as one, country code included: shorter "+"
/// numbers are a sign ("+44 points").
const MIN_INTERNATIONAL_DIGITS: usize = 8;

/// Phone numbers in the shapes above, read in digit groups.
pub(super) fn phone_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (said, used) = international(w, i)
        .or_else(|| north_american(word).map(|s| (s, 1)))
        .or_else(|| area_code_first(w, i))
        .or_else(|| spaced(w, i))
        .or_else(|| emergency(w, i).map(|s| (s, 1)))
        .or_else(|| local(w, i).map(|s| (s, 1)))?;
    // Brackets around an area code are not said: "(415)" opens the number, "(212)" may end it.
    let lead = match word.lead.strip_suffix('(') {
        Some(outer) if word.trail.starts_with(')') => outer,
        _ => word.lead,
    };
    let last = w[i + used - 1];
    let trail = match last.trail.strip_prefix(')') {
        Some(rest) if last.lead.ends_with('(') => rest,
        _ => last.trail,
    };
    Some((format!("{lead}{said}{trail}"), used))
}

/// Digit groups separated by hyphens or dots ("555-0148" → ["555", "0148"]), or None.
fn groups(s: &str) -> Option<Vec<&str>> {
    let groups: Vec<&str> = s.split(['-', '.']).collect();
    groups.iter().all(|g| all_digits(g)).then_some(groups)
}

/// Whether a group is a North American area code or exchange: three digits, the first 2 to 9.
fn nanp_group(g: &str) -> bool {
    g.len() == 3 && all_digits(g) && !g.starts_with(['0', '1'])
}

/// One group, digit by digit, zero as "oh": "0148" → "oh one four eight".
pub(super) fn read_group(g: &str) -> String {
    g.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| match d {
            0 => "oh",
            1 => "one",
            2 => "two",
            3 => "three",
            4 => "four",
            5 => "five",
            6 => "six",
            7 => "seven",
            8 => "eight",
            _ => "nine",
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The groups of a North American number: an optional leading "1", the area code ("800" is
/// "eight hundred"), the exchange and the line.
fn read_north_american(groups: &[&str]) -> String {
    let said: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let area_code = k + 3 == groups.len() && groups.len() >= 3;
            if area_code && *g == "800" {
                "eight hundred".to_string()
            } else {
                read_group(g)
            }
        })
        .collect();
    match said.as_slice() {
        // The long-distance "1" runs into the area code: "one eight hundred, …".
        [one, area, rest @ ..] if groups.len() == 4 => {
            format!("{one} {area}, {}", rest.join(", "))
        }
        _ => said.join(", "),
    }
}

/// Three digits, three and four: the groups of a North American number, whatever the digits
/// (a range or a decimal has one separator, never two; fictional numbers such as
/// "555-010-4477" break the numbering plan's rules).
fn three_three_four(groups: &[&str]) -> bool {
    matches!(groups, [a, b, c] if a.len() == 3 && b.len() == 3 && c.len() == 4)
}

/// "307-555-0148", "415.555.0199", "1-800-555-0199", "555.010.4477".
fn north_american(word: Word) -> Option<String> {
    let g = groups(word.core)?;
    let rest = match g.as_slice() {
        ["1", rest @ ..] => rest,
        rest => rest,
    };
    let shaped = three_three_four(rest);
    // The separators must agree: "1.800.555.0199" or hyphens throughout.
    let one_separator = !(word.core.contains('-') && word.core.contains('.'));
    (shaped && one_separator).then(|| read_north_american(&g))
}

/// "(415) 555-0199", "(415) 555.0199", "(415) 555 0199".
fn area_code_first(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if !(word.lead.ends_with('(') && word.trail == ")" && word.core.len() == 3) {
        return None;
    }
    let next = w.get(i + 1).filter(|n| n.lead.is_empty())?;
    let (local, used) = match groups(next.core).as_deref() {
        Some([exchange, line]) => (vec![*exchange, *line], 2),
        Some([exchange]) => {
            let line = w
                .get(i + 2)
                .filter(|l| next.trail.is_empty() && l.lead.is_empty())?;
            (vec![*exchange, line.core], 3)
        }
        _ => return None,
    };
    if !three_three_four(&[word.core, local[0], local[1]]) || !all_digits(local[1]) {
        return None;
    }
    Some((read_north_american(&[word.core, local[0], local[1]]), used))
}

/// Numbers written in groups parted by spaces: a national number with its trunk "0" ("020
/// 7946 0958", "01632 960123", "0800 123 4567": 10 or 11 digits, as British, Irish,
/// Australian and most European national numbers are), or a North American one whose area
/// code and exchange follow the numbering plan ("212 867 5309"). Each group digit by digit.
fn spaced(w: &[Word], i: usize) -> Option<(String, usize)> {
    let first = w[i];
    if !first.lead.is_empty() || !all_digits(first.core) {
        return None;
    }
    let mut parts = vec![first.core];
    let mut used = 1;
    while parts.len() < 3 {
        let prev = w[i + used - 1];
        let Some(next) = w
            .get(i + used)
            .filter(|n| prev.trail.is_empty() && n.lead.is_empty() && all_digits(n.core))
        else {
            break;
        };
        parts.push(next.core);
        used += 1;
    }
    let digits: usize = parts.iter().map(|p| p.len()).sum();
    let trunk = first.core.starts_with('0')
        && (3..=5).contains(&first.core.len())
        && parts.len() >= 2
        && parts[1..].iter().all(|p| (3..=7).contains(&p.len()))
        && (10..=11).contains(&digits);
    let nanp = parts.len() == 3
        && three_three_four(&parts)
        && nanp_group(parts[0])
        && nanp_group(parts[1]);
    if trunk {
        let said: Vec<String> = parts.iter().map(|p| read_group(p)).collect();
        Some((said.join(", "), parts.len()))
    } else if nanp {
        Some((read_north_american(&parts), 3))
    } else {
        None
    }
}

/// Words before which a three-digit number is a service number, said digit by digit.
const DIAL_WORDS: [&str; 9] = [
    "call", "calling", "dial", "dialed", "dialled", "dialing", "dialling", "ring", "phone",
];

/// Emergency numbers: the United States and Canada, the United Kingdom, the European Union and
/// mobile networks, Australia.
const EMERGENCY_NUMBERS: [&str; 4] = ["911", "999", "112", "000"];

/// How far back an "or" before an emergency number looks for a word of calling ("call an
/// ambulance or 999").
const OR_REACH: usize = 5;

/// "Dial 911", "call 999 or 112", "call 311", "ring 101": a three-digit service number, digit
/// by digit ("nine one one", "three one one", "one oh one"), right after a word of calling,
/// unless it counts something ("call 300 people"); an emergency number also after an "or" that
/// follows a word of calling ("call an ambulance or 999"). Australia's "000" is "triple zero",
/// its official name. Elsewhere they are numbers: a "Porsche 911" is "nine eleven".
///
/// A text message's short code too, four to six digits after "text … to" ("Text STOP to
/// 88022", said "eighty-eight thousand twenty-two"), and a three-digit line after "line is"
/// ("the crisis line is 988"; both found by a fresh tester).
fn emergency(w: &[Word], i: usize) -> Option<String> {
    let word = w[i];
    if !all_digits(word.core) || !word.lead.is_empty() {
        return None;
    }
    let is = |k: usize, words: &[&str]| words.iter().any(|d| d.eq_ignore_ascii_case(w[k].core));
    if (4..=6).contains(&word.core.len()) {
        let short_code = i >= 2
            && is(i - 1, &["to"])
            && (i.saturating_sub(4)..i - 1).any(|k| is(k, &["text", "txt", "texting", "SMS"]));
        return short_code.then(|| read_group(word.core));
    }
    if word.core.len() != 3 {
        return None;
    }
    let counted = w
        .get(i + 1)
        .filter(|_| word.trail.is_empty())
        .is_some_and(|n| plural_noun(n) || unit(n.core).is_some());
    if i >= 2
        && !counted
        && is(i - 1, &["is"])
        && is(i - 2, &["line", "hotline", "helpline", "lifeline"])
    {
        return Some(read_group(word.core));
    }
    let after_dial = i >= 1 && is(i - 1, &DIAL_WORDS) && w[i - 1].trail.is_empty() && !counted;
    let known = EMERGENCY_NUMBERS.contains(&word.core);
    let after_or = known
        && i >= 2
        && is(i - 1, &["or"])
        && (i.saturating_sub(1 + OR_REACH)..i - 1).any(|k| is(k, &DIAL_WORDS));
    if !(after_dial || after_or) {
        return None;
    }
    Some(match word.core {
        "000" => "triple zero".to_string(),
        digits => read_group(digits),
    })
}

/// "555-0148": an exchange and a line, unless the words around make it a range.
fn local(w: &[Word], i: usize) -> Option<String> {
    let word = w[i];
    let (a, b) = word.core.split_once('-')?;
    if !(nanp_group(a) && b.len() == 4 && all_digits(b)) {
        return None;
    }
    let after_range_word = i > 0
        && RANGE_WORDS
            .iter()
            .any(|r| r.eq_ignore_ascii_case(w[i - 1].core));
    let (low, high): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let round_rising = low < high && low % 10 == 0 && high % 10 == 0;
    // "365-1500 calories", "250-1250 km": a range of a quantity.
    let counted = w
        .get(i + 1)
        .filter(|_| word.trail.is_empty())
        .is_some_and(|n| plural_noun(n) || unit(n.core).is_some());
    (!after_range_word && !round_rising && !counted).then(|| read_north_american(&[a, b]))
}

/// "+44 20 7946 0958", "+1 (212) 555-0100", "+1-212-555-0100": "plus", the country code and
/// every following group of digits, up to [`MAX_DIGITS`].
fn international(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let first = groups(word.core.strip_prefix('+')?)?;
    let country = first[0];
    if country.len() > 3 {
        return None;
    }
    let mut all: Vec<&str> = first.clone();
    let mut used = 1;
    // A group word: digits, perhaps joined by hyphens or dots, or an area code in brackets.
    while let Some(next) = w.get(i + used) {
        let prev = w[i + used - 1];
        let joined = prev.trail.is_empty() || (prev.trail == ")" && prev.lead.ends_with('('));
        let bracketed = next.lead == "(" && next.trail.starts_with(')');
        let plain = next.lead.is_empty();
        let Some(g) = groups(next.core).filter(|_| joined && (plain || bracketed)) else {
            break;
        };
        let digits: usize = all.iter().chain(g.iter()).map(|g| g.len()).sum();
        if digits > MAX_DIGITS {
            break;
        }
        all.extend(g);
        used += 1;
        if bracketed && next.trail != ")" {
            break;
        }
    }
    let digits: usize = all.iter().map(|g| g.len()).sum();
    if !(MIN_INTERNATIONAL_DIGITS..=MAX_DIGITS).contains(&digits) || all.len() < 3 {
        return None;
    }
    let rest = if country == "1" {
        read_north_american(&all[1..])
    } else {
        all[1..]
            .iter()
            .map(|g| read_group(g))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some((format!("plus {}, {rest}", read_group(country)), used))
}
