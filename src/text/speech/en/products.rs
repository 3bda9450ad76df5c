//! Model and product numbers, read the way their owners say them: "Boeing 787" → "Boeing seven
//! eighty-seven", "A321" → "A three twenty-one", "MiG-29" → "Mig twenty-nine", "F-16" → "F
//! sixteen", "747s" → "seven forty-sevens".
//!
//! espeak-ng reads a model number as a quantity ("seven hundred eighty-seven"), pauses at the
//! hyphen of "F-16" and "COVID-19", and adds a letter Z to "747s". It reads "iPhone 15",
//! "PS5" and "Windows 11" right; those are left alone.
//!
//! Version numbers too: "2.10.3" → "two point ten point three", where espeak-ng says "two point
//! one zero point three".

use super::acronyms::letters;
use super::dates_times::{iso_date, year_range};
use super::units::{plural_noun, unit};
use super::words::{integer, pluralize, year};
use super::{all_digits, Word};

/// Names after which a three- or four-digit number names a model, a flight, a road or a room,
/// read in pairs ("Boeing 737" → "seven thirty-seven", "Room 101" → "one oh one"). Compared
/// with the case as written.
const NUMBERED_NAMES: [&str; 20] = [
    "Airbus",
    "Boeing",
    "Bombardier",
    "Cessna",
    "Embraer",
    "Flight",
    // Graphics cards, named in pairs by gamers and shops ("GTX 650" "six fifty", "RX 7900"
    // "seventy-nine hundred"; "six hundred fifty" before, found by a fresh tester).
    "GTX",
    "GT",
    "RTX",
    "RX",
    "Highway",
    "Interstate",
    "Nokia",
    "Peugeot",
    "Porsche",
    "Room",
    "Route",
    "Saab",
    "Volvo",
    "Xbox",
];

/// Boeing's jetliners, whose variants follow a hyphen ("747-400", "737-800", "787-9").
const BOEING_JETLINERS: [&str; 9] = [
    "707", "717", "727", "737", "747", "757", "767", "777", "787",
];

/// Acronyms after which a four-digit number is a standard's number, read as a quantity ("ISO
/// 9001" is "nine thousand one"), not in pairs like a model.
const STANDARDS: [&str; 3] = ["ISO", "IEC", "DIN"];

/// Whether the word before a number names a numbered thing (see [`model_number`]): one of
/// [`NUMBERED_NAMES`], a network "port" ("port 8080" → "eighty eighty", as administrators say
/// it), or, before four digits, a series or brand in capitals ("RTX 4090" → "forty ninety",
/// "GTX 1080" → "ten eighty": graphics cards, processors and cameras are named in pairs, like
/// years), unless the number counts something (`counted`: "NHS 1500 nurses").
fn names_a_number(prev: &Word, digits: &str, counted: bool) -> bool {
    let acronym = (2..=4).contains(&prev.core.len())
        && prev.core.chars().all(|c| c.is_ascii_uppercase())
        && !STANDARDS.contains(&prev.core)
        && !counted;
    prev.trail.is_empty()
        && (NUMBERED_NAMES.contains(&prev.core)
            || prev.core.eq_ignore_ascii_case("port")
            || (acronym && digits.len() == 4))
}

/// The longest run of letters before a hyphenated number ("COVID-19", "Under-21s").
const MAX_HYPHENATED_LETTERS: usize = 8;

/// A model number in words: one or two digits as a number ("16" → "sixteen"), three in a digit
/// and a pair ("787" → "seven eighty-seven", "208" → "two oh eight", "900" → "nine hundred"),
/// four in pairs like a year ("3310" → "thirty-three ten"); anything else digit by digit or as
/// [`integer`] reads it.
pub(super) fn model_words(digits: &str) -> String {
    if digits.starts_with('0') || !all_digits(digits) {
        return integer(digits);
    }
    match digits.len() {
        3 => {
            let (first, pair) = digits.split_at(1);
            let first = integer(first);
            match pair.strip_prefix('0') {
                Some("0") => format!("{first} hundred"),
                Some(last) => format!("{first} oh {}", integer(last)),
                None => format!("{first} {}", integer(pair)),
            }
        }
        // "FZ1000" is "one thousand", not "ten hundred".
        4 if digits.ends_with("000") => integer(digits),
        4 => digits.parse().map(year).unwrap_or_else(|_| integer(digits)),
        _ => integer(digits),
    }
}

/// A number after an ordinary word and a hyphen ("Top-250", "mid-1990s", "Under-21s"): a
/// quantity, or a year if it looks like one.
fn plain_words(digits: &str) -> String {
    match digits.parse::<u32>() {
        Ok(n) if digits.len() == 4 && (1100..=2099).contains(&n) => year(n),
        _ => integer(digits),
    }
}

/// A number and its variants ("737-800" → "seven thirty-seven eight hundred"), plural if
/// written with an "s" ("747s"), each read by `read`.
fn numbers_words(groups: &[&str], plural: bool, read: fn(&str) -> String) -> String {
    let said = match groups {
        [from, to] => year_range(from, to),
        _ => None,
    };
    // "100s": "hundreds", not "one hundreds" (found by a fresh tester).
    if plural && groups == ["100"] {
        return "hundreds".to_string();
    }
    let said = said.unwrap_or_else(|| groups.iter().map(|g| read(g)).collect::<Vec<_>>().join(" "));
    if plural {
        pluralize(&said)
    } else {
        said
    }
}

/// Splits "787-9s" into (["787", "9"], true): digit groups joined by hyphens and an optional
/// plural "s" ("'80s" is a decade too). None if anything else is there.
fn number_groups(s: &str) -> Option<(Vec<&str>, bool)> {
    let (body, plural) = match s.strip_suffix('s') {
        Some(body) => (body.strip_prefix('\'').unwrap_or(body), true),
        None => (s, false),
    };
    let groups: Vec<&str> = body.split('-').collect();
    groups
        .iter()
        .all(|g| all_digits(g) && g.len() <= 4)
        .then_some((groups, plural))
}

/// Model numbers: letters and a number ("F-16", "MiG-29", "A321", "COVID-19"), a three- or
/// four-digit number after a maker or a numbered thing ("Boeing 787", "Flight 370"), and a
/// plural three-digit number ("747s", "the 300s" → "the three hundreds").
/// A processor's model number, said as its maker's buyers say it: Intel's "i7-13700H" →
/// "i7 thirteen seven hundred H", "i5-1135G7" stays to the engine; AMD's "Ryzen 7 8845HS" →
/// "eighty-eight forty-five H S", "Ryzen 9 7950X" → "seventy-nine fifty X". espeak-ng said
/// "i seven dash thirteen thousand seven hundred H" (found on the laptop listings of the
/// extraction dev set). The digits go in pairs ([`model_words`]); five digits are a generation
/// and three ("13700" → "thirteen seven hundred"). Letters after them are spelled.
fn processor_model(w: &[Word], i: usize) -> Option<String> {
    let core = w[i].core;
    let (family, number) = match core.split_once('-') {
        Some((f, n)) if matches!(f, "i3" | "i5" | "i7" | "i9") => (Some(f), n),
        None if i >= 2
            && matches!(w[i - 2].core, "Ryzen" | "Threadripper")
            && w[i - 2].trail.is_empty()
            && w[i - 1].trail.is_empty()
            && all_digits(w[i - 1].core)
            && w[i - 1].core.len() == 1 =>
        {
            (None, core)
        }
        _ => return None,
    };
    let digits_end = number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(number.len());
    let (digits, letters) = number.split_at(digits_end);
    if !(4..=5).contains(&digits.len())
        || digits.starts_with('0')
        || letters.len() > 3
        || !letters.chars().all(|c| c.is_ascii_uppercase())
        || (family.is_none() && letters.is_empty())
    {
        return None;
    }
    let said_digits = if digits.len() == 5 {
        let (generation, rest) = digits.split_at(2);
        format!("{} {}", integer(generation), model_words(rest))
    } else {
        model_words(digits)
    };
    let spelled: Vec<String> = letters.chars().map(String::from).collect();
    let mut said = match family {
        Some(f) => format!("{f} {said_digits}"),
        None => said_digits,
    };
    if !spelled.is_empty() {
        said.push(' ');
        said.push_str(&spelled.join(" "));
    }
    Some(said)
}

pub(super) fn model_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let wrap = |said: String| Some((format!("{}{said}{}", word.lead, word.trail), 1));
    if let Some(said) = processor_model(w, i) {
        return wrap(said);
    }
    let letters_end = word
        .core
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(word.core.len());
    let (head, rest) = word.core.split_at(letters_end);
    if head.is_empty() {
        let (groups, plural) = number_groups(rest)?;
        let counted = w
            .get(i + 1)
            .filter(|_| word.trail.is_empty())
            .is_some_and(|n| plural_noun(n) || unit(n.core).is_some());
        let after_name = i > 0
            && names_a_number(&w[i - 1], groups[0], counted)
            && (3..=4).contains(&groups[0].len());
        let plural_model = plural && groups.len() == 1 && groups[0].len() == 3;
        // "the 747-400", "a 737-800": a Boeing jetliner and its variant even without the
        // maker's name (it was "seven hundred forty-seven to four hundred"; found by a fresh
        // tester). Only the 7x7 family's numbers, 707 to 787, with a variant of one to three
        // digits, after a determiner ("pages 737-800", "Rooms 747-750" are ranges).
        let after_determiner = i > 0
            && w[i - 1].trail.is_empty()
            && matches!(
                w[i - 1].core.to_lowercase().as_str(),
                "the" | "a" | "an" | "its" | "their" | "our" | "his" | "her" | "this" | "that"
            );
        let jetliner = groups.len() == 2
            && after_determiner
            && BOEING_JETLINERS.contains(&groups[0])
            && (1..=3).contains(&groups[1].len());
        if !(after_name || plural_model || jetliner) {
            return None;
        }
        return wrap(numbers_words(&groups, plural, model_words));
    }
    // "Top", "mid", "Covid": a word, whose number is a plain one ("Top-250" is "top two hundred
    // fifty"); "F", "Su", "MiG", "COVID": a designation, read as a model number.
    let word_prefix = head.len() >= 3 && head.chars().skip(1).all(|c| c.is_ascii_lowercase());
    if !(word_prefix || head.starts_with(|c: char| c.is_ascii_uppercase())) {
        return None;
    }
    let read = if word_prefix {
        plain_words
    } else {
        model_words
    };
    // "nightly-2025-11-24": letters and an ISO date.
    if let Some(date) = rest.strip_prefix('-').and_then(iso_date) {
        return wrap(format!("{} {date}", letters(head)));
    }
    let (groups, plural) = match rest.strip_prefix('-') {
        // "F-16", "MiG-29", "COVID-19", "C-130", "mid-1990s".
        Some(number) if head.len() <= MAX_HYPHENATED_LETTERS => number_groups(number)?,
        // "A321", "A380s": one or two capitals and three or four digits; "RTX4090": three or
        // four capitals and four digits (not a standard's number, "ISO9001").
        None if head.len() <= 4
            && head.chars().all(|c| c.is_ascii_uppercase())
            && !STANDARDS.contains(&head) =>
        {
            let (groups, plural) = number_groups(rest)?;
            let digits = groups[0].len();
            if !(3..=4).contains(&digits) || (head.len() > 2 && digits != 4) {
                return None;
            }
            (groups, plural)
        }
        _ => return None,
    };
    wrap(format!(
        "{} {}",
        letters(head),
        numbers_words(&groups, plural, read)
    ))
}

/// Video resolutions by their lines, said as people say them: "1080p" → "ten eighty p", "720p"
/// → "seven twenty p", "2160p" → "twenty-one sixty p" (espeak-ng said "one thousand eighty
/// p"; found by a fresh tester). Only the standard heights, progressive or interlaced.
const VIDEO_LINES: [&str; 10] = [
    "240", "360", "480", "540", "576", "720", "1080", "1440", "2160", "4320",
];

/// Names made of a standard's number, said as engineers say them: a video resolution
/// ([`VIDEO_LINES`]); the ITU codecs "H.264", "H.265" → "H two sixty-four" (espeak-ng said "H
/// dot two six four"); IEEE 802 standards "802.11ax" → "eight oh two eleven A X" (it said
/// "eight hundred two point one one ax"); and a PCI Express slot's lanes, "PCIe 5.0 x16" →
/// "by sixteen" (it said "ex sixteen").
pub(super) fn standard_name(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let core = word.core;
    let wrap = |said: String| Some((format!("{}{said}{}", word.lead, word.trail), 1));
    if let Some(lines) = core.strip_suffix(['p', 'i']) {
        if VIDEO_LINES.contains(&lines) {
            let scan = &core[lines.len()..];
            return wrap(format!("{} {scan}", model_words(lines)));
        }
    }
    if let Some(codec) = core.strip_prefix("H.") {
        if matches!(codec, "261" | "262" | "263" | "264" | "265" | "266") {
            return wrap(format!("H {}", model_words(codec)));
        }
    }
    if let Some(rest) = core.strip_prefix("802.") {
        let digits_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(digits_end);
        if !number.is_empty()
            && number.len() <= 2
            && suffix.len() <= 2
            && suffix.chars().all(|c| c.is_ascii_lowercase())
        {
            let spelled: Vec<String> = suffix.to_uppercase().chars().map(String::from).collect();
            let said = format!("eight oh two {} {}", integer(number), spelled.join(" "));
            return wrap(said.trim_end().to_string());
        }
    }
    let lanes = core
        .strip_prefix('x')
        .filter(|n| matches!(*n, "1" | "2" | "4" | "8" | "16"))?;
    let after_pcie = (1..=2).any(|back| {
        i.checked_sub(back)
            .is_some_and(|k| w[k].core.eq_ignore_ascii_case("PCIe"))
    });
    after_pcie.then(|| {
        (
            format!("{}by {}{}", word.lead, integer(lanes), word.trail),
            1,
        )
    })
}

/// Words before which a number with one period is a version ("version 1.10"), read with whole
/// parts. Compared case-insensitively.
const VERSION_WORDS: [&str; 3] = ["version", "release", "firmware"];

/// Software whose name is followed by its version ("Python 3.12", "Ubuntu 24.04", "Android
/// 14.1"): after these a number with one period is a version too. A list, not any capitalised
/// word, because after a name a number is as often a decimal ("Bolt 9.58", "Chapter 3.14"
/// would be read the same, but "Ruiz 2.15 seconds" not). Compared as written.
const VERSIONED_NAMES: [&str; 38] = [
    "Python",
    "Ruby",
    "Rust",
    "Java",
    "Node",
    "Node.js",
    "Perl",
    "PHP",
    "Swift",
    "Kotlin",
    "Scala",
    "Ubuntu",
    "Debian",
    "Fedora",
    "Android",
    "iOS",
    "iPadOS",
    "macOS",
    "Windows",
    "Linux",
    "Firefox",
    "Chrome",
    "Safari",
    "Django",
    "Rails",
    "React",
    "Angular",
    "Vue",
    "TypeScript",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Kubernetes",
    "Docker",
    "Blender",
    "GIMP",
    "LLVM",
    "GCC",
];

/// Names whose releases are numbered by year and month ("Ubuntu 24.04", April 2024), said
/// without "point" ([`version_number`]).
const YEAR_MONTH_NAMES: &[&str] = &["Ubuntu", "Kubuntu", "Xubuntu", "Lubuntu", "Pop!_OS"];

/// Whether a word before a number marks it as a version: one of [`VERSION_WORDS`] or
/// [`VERSIONED_NAMES`] ("version 1.2.3.4" is no IP address).
pub(super) fn marks_version(prev: &Word) -> bool {
    prev.trail.is_empty()
        && (VERSION_WORDS
            .iter()
            .any(|v| v.eq_ignore_ascii_case(prev.core))
            || VERSIONED_NAMES.contains(&prev.core)
            || YEAR_MONTH_NAMES.contains(&prev.core))
}

/// Version numbers: "2.10.3" → "two point ten point three", "v2.10.3" → "v two point ten
/// point three", "version 1.10" → "version one point ten", "Python 3.12" → "Python three point
/// twelve". espeak-ng reads a part after the first digit by digit, like decimals ("two point
/// one zero point three").
///
/// The convention: a software version is a list of whole numbers, so each dot-separated part
/// is read as a whole number ("3.12" is the twelfth minor release after 3.11, not a decimal
/// near 3.1), and "point" is said between them, as developers say it. A decimal keeps its
/// digit-by-digit reading ("3.14 kg", "$1.5bn"): only a number marked as a version is read so.
///
/// A part with a leading zero is said with "oh": "version 1.02" → "one point oh two", "2.1.05"
/// → "two point one point oh five" ("zero two" was a decimal's reading). A release named by
/// its year and month ([`YEAR_MONTH_NAMES`]) is said without "point", as people name Ubuntu
/// releases: "Ubuntu 24.04" → "Ubuntu twenty-four oh four" (April 2024), "Ubuntu 24.10" →
/// "twenty-four ten". Decimals ("0.04", "2.05 m") and prices ("$2.05") are not versions and
/// keep theirs.
///
/// Marked: after a "v", a word of [`VERSION_WORDS`] or a name of [`VERSIONED_NAMES`]. Without
/// a mark, only three parts of up to three digits are a version: "1.5" is a decimal, "192.168.1.1" an address, "03.04.2024" a date,
/// "415.555.0199" a phone number. "v1.2" and "version 1.2" are read right by espeak-ng
/// ("vee one point two") and left alone.
pub(super) fn version_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (prefix, number) = match word.core.strip_prefix('v') {
        Some(n) => ("v ", n),
        None => ("", word.core),
    };
    let parts: Vec<&str> = number.split('.').collect();
    if !parts.iter().all(|p| all_digits(p) && p.len() <= 3) || parts.len() < 2 {
        return None;
    }
    let after_version_word = i > 0 && marks_version(&w[i - 1]);
    let marked = !prefix.is_empty() || after_version_word;
    let versioned = if marked {
        // Two parts are read right unless a later part has two digits or more ("1.10").
        parts.len() <= 4 && (parts.len() > 2 || parts[1..].iter().any(|p| p.len() > 1))
    } else {
        parts.len() == 3
    };
    if !versioned {
        return None;
    }
    let year_month =
        i > 0 && YEAR_MONTH_NAMES.contains(&w[i - 1].core) && w[i - 1].trail.is_empty();
    let mut said = integer(parts[0]);
    for (k, part) in parts.iter().enumerate().skip(1) {
        let part_said = zero_led(part).unwrap_or_else(|| integer(part));
        if k == 1 && year_month {
            // "24.04": a release's year and month, said without "point".
            said.push_str(&format!(" {part_said}"));
        } else {
            said.push_str(&format!(" point {part_said}"));
        }
    }
    Some((format!("{}{prefix}{said}{}", word.lead, word.trail), 1))
}

/// Versions given as alternatives after a name that marks a version ([`marks_version`]):
/// "Windows 10/11" → "Windows ten or eleven", "Python 3.11/3.12" → "Python three point eleven
/// or three point twelve". Without the name, "10/11" may be a date and is left to the other
/// rules ("ten eleven"; found in the extraction dev set's true texts).
pub(super) fn version_alternatives(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if i == 0 || !marks_version(&w[i - 1]) || !word.core.contains('/') {
        return None;
    }
    let parts: Vec<&str> = word.core.split('/').collect();
    let read = |part: &str| -> Option<String> {
        let pieces: Vec<&str> = part.split('.').collect();
        if pieces.len() > 4 || !pieces.iter().all(|p| all_digits(p) && p.len() <= 3) {
            return None;
        }
        let mut said = integer(pieces[0]);
        for piece in &pieces[1..] {
            said.push_str(" point ");
            said.push_str(&zero_led(piece).unwrap_or_else(|| integer(piece)));
        }
        Some(said)
    };
    let said: Option<Vec<String>> = parts.iter().map(|p| read(p)).collect();
    let said = said.filter(|s| s.len() >= 2)?;
    Some((
        format!("{}{}{}", word.lead, said.join(" or "), word.trail),
        1,
    ))
}

/// A version part of two digits or more that starts with a zero, as people say it: each
/// leading zero "oh", then the rest as a whole number ("04" → "oh four", "010" → "oh ten",
/// "00" → "oh oh"). None for a part without a leading zero, or a lone "0" ("zero").
fn zero_led(part: &str) -> Option<String> {
    if part.len() < 2 || !part.starts_with('0') {
        return None;
    }
    let rest = part.trim_start_matches('0');
    let ohs = vec!["oh"; part.len() - rest.len()].join(" ");
    Some(match rest {
        "" => ohs,
        rest => format!("{ohs} {}", integer(rest)),
    })
}
