//! English: how a narrator reads dates, money, numbers, units, abbreviations and symbols.
//!
//! Hand-written, word by word, from the tables below. No crate covers narration-grade English
//! normalisation (years vs. quantities, "St." as Saint or Street, regnal numerals), and each rule
//! here exists because espeak-ng reads the written form wrongly: it pauses after "Dr.", says
//! "roman three" for "Charles III", "dollar one point five b n" for "$1.5bn", nothing at all
//! for "-5". Forms espeak-ng already reads right ("US", "NASA", "U.S.") are left alone.
//!
//! A word is split into leading punctuation, its core, and trailing punctuation; rules look at
//! the core and its neighbours and may consume a few following words ("$1.5 billion",
//! "Oct. 5, 2018"). The first rule that matches wins; an unmatched word is kept as written.

mod numbers;

use numbers::{cardinal, decimal, integer, ordinal, pluralize, year};

/// Month names, capitalised as written.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month abbreviations (the period is part of the trailing punctuation).
const MONTH_ABBREVIATIONS: [(&str, &str); 12] = [
    ("Jan", "January"),
    ("Feb", "February"),
    ("Mar", "March"),
    ("Apr", "April"),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Aug", "August"),
    ("Sep", "September"),
    ("Sept", "September"),
    ("Oct", "October"),
    ("Nov", "November"),
    ("Dec", "December"),
];

/// Abbreviations written with a period, and what a narrator says. espeak-ng either spells
/// these or treats the period as a sentence end and pauses.
const ABBREVIATIONS: [(&str, &str); 32] = [
    ("Dr", "Doctor"),
    ("Mr", "Mister"),
    ("Mrs", "Missus"),
    ("Ms", "Miz"),
    ("Prof", "Professor"),
    ("Gen", "General"),
    ("Gov", "Governor"),
    ("Sen", "Senator"),
    ("Rep", "Representative"),
    ("Capt", "Captain"),
    ("Lt", "Lieutenant"),
    ("Col", "Colonel"),
    ("Sgt", "Sergeant"),
    ("Rev", "Reverend"),
    ("Jr", "Junior"),
    ("Sr", "Senior"),
    ("Mt", "Mount"),
    ("Ave", "Avenue"),
    ("Blvd", "Boulevard"),
    ("Inc", "Incorporated"),
    ("Ltd", "Limited"),
    ("Corp", "Corporation"),
    ("Dept", "Department"),
    ("vs", "versus"),
    ("e.g", "for example"),
    ("i.e", "that is"),
    ("etc", "et cetera"),
    ("approx", "approximately"),
    ("Fig", "Figure"),
    ("fig", "figure"),
    ("cf", "compare"),
    ("Vol", "Volume"),
];

/// Currencies by symbol: singular, plural, minor unit singular and plural.
const CURRENCIES: [(&str, &str, &str, &str, &str); 5] = [
    ("US$", "dollar", "dollars", "cent", "cents"),
    ("$", "dollar", "dollars", "cent", "cents"),
    ("€", "euro", "euros", "cent", "cents"),
    ("£", "pound", "pounds", "penny", "pence"),
    ("¥", "yen", "yen", "yen", "yen"),
];

/// Magnitudes written after an amount, attached ("$1.5bn") or as a word ("$1.5 billion").
const MAGNITUDES: [(&str, &str); 11] = [
    ("k", "thousand"),
    ("K", "thousand"),
    ("m", "million"),
    ("M", "million"),
    ("mn", "million"),
    ("bn", "billion"),
    ("b", "billion"),
    ("B", "billion"),
    ("tn", "trillion"),
    ("trn", "trillion"),
    ("T", "trillion"),
];
const MAGNITUDE_WORDS: [&str; 4] = ["thousand", "million", "billion", "trillion"];

/// Units read after a number: written, singular, plural. American spelling, like the default
/// voice.
const UNITS: [(&str, &str, &str); 28] = [
    ("km/h", "kilometer per hour", "kilometers per hour"),
    ("kph", "kilometer per hour", "kilometers per hour"),
    ("mph", "mile per hour", "miles per hour"),
    ("km", "kilometer", "kilometers"),
    ("cm", "centimeter", "centimeters"),
    ("mm", "millimeter", "millimeters"),
    ("kg", "kilogram", "kilograms"),
    ("mg", "milligram", "milligrams"),
    ("g", "gram", "grams"),
    ("lb", "pound", "pounds"),
    ("lbs", "pound", "pounds"),
    ("oz", "ounce", "ounces"),
    ("ft", "foot", "feet"),
    ("ml", "milliliter", "milliliters"),
    ("KB", "kilobyte", "kilobytes"),
    ("kB", "kilobyte", "kilobytes"),
    ("MB", "megabyte", "megabytes"),
    ("GB", "gigabyte", "gigabytes"),
    ("TB", "terabyte", "terabytes"),
    ("Hz", "hertz", "hertz"),
    ("MHz", "megahertz", "megahertz"),
    ("GHz", "gigahertz", "gigahertz"),
    ("kW", "kilowatt", "kilowatts"),
    ("kWh", "kilowatt hour", "kilowatt hours"),
    ("MW", "megawatt", "megawatts"),
    ("°C", "degree Celsius", "degrees Celsius"),
    ("°F", "degree Fahrenheit", "degrees Fahrenheit"),
    ("°", "degree", "degrees"),
];

/// Length units that can be squared or cubed ("m²", "km^2", "cm³") or give a speed ("m/s"):
/// written, singular, plural. Only here, not in [`UNITS`], because a bare "m" after a number
/// is as often "million" or "minutes" as "meters", and "in" is a word.
const LENGTH_UNITS: [(&str, &str, &str); 8] = [
    ("m", "meter", "meters"),
    ("km", "kilometer", "kilometers"),
    ("cm", "centimeter", "centimeters"),
    ("mm", "millimeter", "millimeters"),
    ("ft", "foot", "feet"),
    ("in", "inch", "inches"),
    ("yd", "yard", "yards"),
    ("mi", "mile", "miles"),
];

/// Units of time a length is divided by ("m/s", "m/s²"): written, singular.
const TIME_UNITS: [(&str, &str); 3] = [("s", "second"), ("h", "hour"), ("min", "minute")];

/// Words after which a number is a quantity, never a year ("2018 dollars").
const QUANTITY_WORDS: [&str; 8] = [
    "dollars", "euros", "pounds", "percent", "people", "times", "units", "points",
];

/// Capitalised words after which a Roman numeral is a plain number ("Chapter IV" → "Chapter
/// four", "World War II" → "World War two"); after other names it is regnal ("Charles the
/// third"). Compared case-insensitively.
const NUMBERED_HEADINGS: [&str; 20] = [
    "chapter", "part", "book", "volume", "vol", "act", "scene", "section", "article", "title",
    "phase", "stage", "war", "bowl", "episode", "level", "class", "type", "appendix", "psalm",
];

/// Capitalised words that start sentences but never take a regnal numeral.
const NOT_NAMES: [&str; 12] = [
    "The", "A", "An", "Of", "In", "On", "At", "To", "For", "And", "Or", "But",
];

/// Acronyms espeak-ng may read as a word, though people spell them. espeak-ng spells an
/// all-capitals word only when its clause has enough lower-case text around it, so in a
/// heading or a short clause ("the IMF", "in NYC") it says "imf", "nick"; checked by hand with
/// `espeak-ng -x` (1.51). "US", "UK", "EU", "UN", "NHS", "FBI", "CEO", "BBC" are spelled by
/// espeak-ng even alone and are left as written, as are words like "NASA" and "NATO".
const SPELLED: [&str; 9] = ["IMF", "EPA", "NGO", "GOP", "UAE", "NYC", "ICU", "MP", "EV"];

/// Top-level domains that mark a word as a web address ("example.com").
const DOMAINS: [&str; 22] = [
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "us", "de", "fr", "eu", "info", "biz",
    "ai", "app", "dev", "ca", "au", "nz", "jp", "ch",
];

/// Fractions people say by name; other "a/b" pairs are read as two numbers ("24/7").
const FRACTIONS: [(&str, &str); 5] = [
    ("1/2", "one half"),
    ("1/3", "one third"),
    ("2/3", "two thirds"),
    ("1/4", "one quarter"),
    ("3/4", "three quarters"),
];

/// A whitespace-separated word: punctuation before, the core the rules read, punctuation
/// after.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    lead: &'a str,
    core: &'a str,
    trail: &'a str,
}

impl Word<'_> {
    fn raw(&self) -> String {
        format!("{}{}{}", self.lead, self.core, self.trail)
    }
}

fn split_word(w: &str) -> Word<'_> {
    let mut start = 0;
    for (i, c) in w.char_indices() {
        // A leading apostrophe before digits is part of the word ("'80s").
        let lead = matches!(c, '"' | '(' | '[' | '{')
            || (c == '\'' && !w[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        if !lead {
            break;
        }
        start = i + c.len_utf8();
    }
    let rest = &w[start..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices().rev() {
        if !matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '\''
        ) {
            break;
        }
        end = i;
    }
    Word {
        lead: &w[..start],
        core: &rest[..end],
        trail: &rest[end..],
    }
}

/// Rewrites one chunk of English (already through the language-neutral pass) as it is said.
pub fn normalize(text: &str) -> String {
    let words: Vec<Word> = text.split_whitespace().map(split_word).collect();
    let rules: [Rule; 11] = [
        date,
        abbreviation,
        email_or_handle,
        web_address,
        money,
        number_forms,
        roman_numeral,
        acronym,
        symbol,
        power,
        subscripts,
    ];
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let (said, used) = rules
            .iter()
            .find_map(|rule| rule(&words, i))
            .unwrap_or_else(|| (words[i].raw(), 1));
        out.push(said);
        i += used.max(1);
    }
    out.join(" ")
}

/// A rule reads the words at `i`, returning what is said and how many words it consumed.
type Rule = fn(&[Word], usize) -> Option<(String, usize)>;

fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A written number: sign, integer digits (commas removed) and optional decimals.
struct Num<'a> {
    sign: Option<&'static str>,
    int: String,
    frac: Option<&'a str>,
}

impl Num<'_> {
    fn read(&self) -> String {
        let body = match self.frac {
            Some(f) => decimal(&self.int, f),
            None => integer(&self.int),
        };
        match self.sign {
            Some(s) => format!("{s} {body}"),
            None => body,
        }
    }

    /// Whether a unit after it is singular ("1 km" but "1.5 km", "2 km").
    fn is_one(&self) -> bool {
        self.int == "1" && self.frac.is_none()
    }
}

fn parse_number(s: &str) -> Option<Num<'_>> {
    let (sign, body) = match s.as_bytes().first()? {
        b'-' => (Some("minus"), &s[1..]),
        b'+' => (Some("plus"), &s[1..]),
        _ => (None, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) if all_digits(frac) => (int, Some(frac)),
        Some(_) => return None,
        None => (body, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let grouped_right =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_right || !groups.iter().all(|g| all_digits(g)) {
        return None;
    }
    Some(Num {
        sign,
        int: groups.concat(),
        frac,
    })
}

/// Splits "1.5bn" into ("1.5", "bn"): the longest numeric prefix and the rest.
fn number_prefix(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len());
    s.split_at(end)
}

/// A unit's singular and plural reading: one from [`UNITS`], a squared or cubed length
/// ("m^2" → "square meters", "cm^3" → "cubic centimeters"), or a length per time, perhaps
/// squared ("m/s^2" → "meters per second squared").
fn unit(s: &str) -> Option<(String, String)> {
    if let Some((_, one, many)) = UNITS.iter().find(|(w, _, _)| *w == s) {
        return Some((one.to_string(), many.to_string()));
    }
    if let Some((length, time)) = s.split_once('/') {
        let (one, many) = length_unit(length)?;
        let (time, power) = match time.split_once('^') {
            Some((t, "2")) => (t, " squared"),
            Some((t, "3")) => (t, " cubed"),
            Some(_) => return None,
            None => (time, ""),
        };
        let (_, per) = TIME_UNITS.iter().find(|(w, _)| *w == time)?;
        return Some((
            format!("{one} per {per}{power}"),
            format!("{many} per {per}{power}"),
        ));
    }
    let (length, power) = s.split_once('^')?;
    let size = match power {
        "2" => "square",
        "3" => "cubic",
        _ => return None,
    };
    let (one, many) = length_unit(length)?;
    Some((format!("{size} {one}"), format!("{size} {many}")))
}

fn length_unit(s: &str) -> Option<(&'static str, &'static str)> {
    LENGTH_UNITS
        .iter()
        .find(|(w, _, _)| *w == s)
        .map(|(_, one, many)| (*one, *many))
}

/// A plain four-digit number a narrator reads as a year: 1100–2099, unless a unit or a
/// quantity word follows it.
fn as_year(core: &str, next: Option<&Word>) -> Option<String> {
    if core.len() != 4 || !all_digits(core) {
        return None;
    }
    let n: u32 = core.parse().ok()?;
    let quantity = next.is_some_and(|w| unit(w.core).is_some() || QUANTITY_WORDS.contains(&w.core));
    ((1100..=2099).contains(&n) && !quantity).then(|| year(n))
}

/// A day of the month: "5", "05th", "22nd".
fn day(core: &str) -> Option<String> {
    let digits_end = core
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(core.len());
    let (num, suffix) = core.split_at(digits_end);
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || num.is_empty() || num.len() > 2 {
        return None;
    }
    let n: u32 = num.parse().ok()?;
    (1..=31).contains(&n).then(|| ordinal(&n.to_string()))
}

fn month(core: &str) -> Option<&'static str> {
    MONTHS.iter().find(|m| **m == core).copied().or_else(|| {
        MONTH_ABBREVIATIONS
            .iter()
            .find(|(a, _)| *a == core)
            .map(|(_, m)| *m)
    })
}

/// Dates: "Oct. 5, 2018" → "October fifth, twenty eighteen"; "5 October 2018" → "the fifth of
/// October twenty eighteen".
fn date(w: &[Word], i: usize) -> Option<(String, usize)> {
    let first = w[i];
    let second = w.get(i + 1)?;
    let year_at = |j: usize| {
        w.get(j)
            .filter(|y| y.core.len() == 4 && all_digits(y.core))
            .and_then(|y| y.core.parse::<u32>().ok().map(|n| (year(n), y.trail)))
    };
    if let Some(m) = month(first.core).filter(|_| matches!(first.trail, "" | ".")) {
        let d = day(second.core)?;
        if second.trail == "," {
            if let Some((y, trail)) = year_at(i + 2) {
                return Some((format!("{}{m} {d}, {y}{trail}", first.lead), 3));
            }
        }
        return Some((format!("{}{m} {d}{}", first.lead, second.trail), 2));
    }
    if first.trail.is_empty() {
        let d = day(first.core)?;
        let m = month(second.core)?;
        let abbreviated = m != second.core;
        let month_trail = match second.trail.strip_prefix('.') {
            Some(rest) if abbreviated && i + 2 < w.len() => rest,
            _ => second.trail,
        };
        if month_trail.is_empty() {
            if let Some((y, trail)) = year_at(i + 2) {
                return Some((format!("{}the {d} of {m} {y}{trail}", first.lead), 3));
            }
        }
        return Some((format!("{}the {d} of {m}{month_trail}", first.lead), 2));
    }
    None
}

/// Abbreviations with a period ("Dr.", "e.g.", "St.", "No. 5"). The period is dropped so the
/// engine doesn't pause, except at the end of the chunk, where it also ends the sentence.
fn abbreviation(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let after_period = word.trail.strip_prefix('.');
    let prev = i.checked_sub(1).map(|p| w[p]);
    let next = w.get(i + 1);
    let expansion = match (word.core, after_period) {
        // "vs" is said "versus" with or without its period.
        ("vs", _) => "versus",
        (_, None) => return None,
        ("St", Some(_)) => {
            let after_name = prev.is_some_and(|p| capitalized(p.core) && p.trail.is_empty());
            let before_name = next.is_some_and(|n| capitalized(n.core));
            if before_name && !after_name {
                "Saint"
            } else {
                "Street"
            }
        }
        ("No", Some(_)) if next.is_some_and(|n| parse_number(n.core).is_some()) => "number",
        (core, Some(_)) => ABBREVIATIONS
            .iter()
            .find(|(a, _)| *a == core)
            .map(|(_, e)| *e)
            .or_else(|| {
                MONTH_ABBREVIATIONS
                    .iter()
                    .find(|(a, _)| *a == core)
                    .map(|(_, m)| *m)
            })?,
    };
    let rest = after_period.unwrap_or(word.trail);
    let ends_chunk = i + 1 == w.len() && !rest.contains(['.', '!', '?']);
    let period = if ends_chunk && after_period.is_some() {
        "."
    } else {
        ""
    };
    Some((format!("{}{expansion}{rest}{period}", word.lead), 1))
}

fn dotted(s: &str) -> String {
    s.split('.')
        .filter(|p| !p.is_empty())
        .map(|p| p.replace('_', " underscore ").replace('-', " dash "))
        .collect::<Vec<_>>()
        .join(" dot ")
}

/// "jane.doe@example.org" → "jane dot doe at example dot org"; "@jane" → "at jane".
fn email_or_handle(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
    };
    let (user, host) = word.core.split_once('@')?;
    if user.is_empty() && ok(host) && !host.contains('.') {
        return Some((format!("{}at {host}{}", word.lead, word.trail), 1));
    }
    if !ok(user) || !ok(host) || !host.contains('.') {
        return None;
    }
    let said = format!("{} at {}", dotted(user), dotted(host));
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// "example.com", "www.example.org/news" → "example dot com", "www dot example dot org slash
/// news".
fn web_address(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let address = word
        .core
        .strip_prefix("https://")
        .or_else(|| word.core.strip_prefix("http://"))
        .unwrap_or(word.core);
    let (host, path) = address.split_once('/').unwrap_or((address, ""));
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let tld = labels.last()?;
    if labels.len() < 2 || !labels.iter().all(label_ok) || !DOMAINS.contains(tld) {
        return None;
    }
    let mut said = labels.join(" dot ");
    for part in path.split('/').filter(|p| !p.is_empty()) {
        said.push_str(" slash ");
        said.push_str(part);
    }
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// "$1.5bn", "$1.5 billion", "€200m", "£3.50", "$20", "$1,200".
///
/// After "a"/"an" and before a lowercase word the amount describes that word ("a £2m fine",
/// "a $20 bill"), and a narrator says the unit in the singular: "a two million pound fine".
fn money(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (symbol, one, many, minor_one, minor_many) = CURRENCIES
        .iter()
        .find(|c| word.core.starts_with(c.0))
        .copied()?;
    let (amount, suffix) = number_prefix(&word.core[symbol.len()..]);
    let num = parse_number(amount)?;
    let attached = MAGNITUDES
        .iter()
        .find(|(m, _)| *m == suffix)
        .map(|(_, m)| *m);
    if !suffix.is_empty() && attached.is_none() {
        return None;
    }
    let spaced = w
        .get(i + 1)
        .filter(|n| word.trail.is_empty() && MAGNITUDE_WORDS.contains(&n.core));
    let (magnitude, used, trail) = match (attached, spaced) {
        (Some(m), _) => (Some(m), 1, word.trail),
        (None, Some(n)) => (Some(n.core), 2, n.trail),
        (None, None) => (None, 1, word.trail),
    };
    let after_article = i > 0
        && w[i - 1].trail.is_empty()
        && matches!(w[i - 1].core.to_lowercase().as_str(), "a" | "an");
    let before_noun = trail.is_empty()
        && w.get(i + used)
            .is_some_and(|n| n.lead.is_empty() && n.core.starts_with(|c: char| c.is_lowercase()));
    let many = if after_article && before_noun {
        one
    } else {
        many
    };
    let said = match (magnitude, num.frac) {
        (Some(m), _) => format!("{} {m} {many}", num.read()),
        (None, Some(cents)) if cents.len() == 2 => {
            let cents_n: u64 = cents.parse().ok()?;
            let units = if num.is_one() { one } else { many };
            match (num.int.trim_start_matches('0').is_empty(), cents_n) {
                (true, 0) => format!("zero {many}"),
                (true, 1) => format!("one {minor_one}"),
                (true, c) => format!("{} {minor_many}", cardinal(c)),
                (false, 0) => format!("{} {units}", integer(&num.int)),
                (false, c) => format!("{} {units} {}", integer(&num.int), cardinal(c)),
            }
        }
        (None, _) => {
            let units = if num.is_one() { one } else { many };
            format!("{} {units}", num.read())
        }
    };
    Some((format!("{}{said}{trail}", word.lead), used))
}

/// Numbers and the forms built on them: percentages, units, ranges and scores, ordinals,
/// decades, fractions, "#1", clock times, years and plain numbers.
fn number_forms(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let core = word.core;
    let next = w.get(i + 1).filter(|_| word.trail.is_empty());
    let wrap = |said: String| Some((format!("{}{said}{}", word.lead, word.trail), 1));

    if let Some(n) = core.strip_suffix('%').and_then(parse_number) {
        return wrap(format!("{} percent", n.read()));
    }
    // "'80s": the century is understood.
    if let Some(tens) = core.strip_prefix('\'').and_then(|c| c.strip_suffix('s')) {
        if tens.len() == 2 && all_digits(tens) && tens.ends_with('0') {
            return wrap(decade(tens)?);
        }
    }
    if let Some(rest) = core.strip_prefix('#') {
        if all_digits(rest) {
            return wrap(format!("number {}", integer(rest)));
        }
    }
    // Ranges and scores: "10-12", "52-48" → "to".
    if let Some((a, b)) = core.split_once('-') {
        if all_digits(a) && all_digits(b) && a.len() <= 4 && b.len() <= 4 {
            let read = |s: &str| as_year(s, None).unwrap_or_else(|| integer(s));
            return wrap(format!("{} to {}", read(a), read(b)));
        }
    }
    if let Some((a, b)) = core.split_once('/') {
        if all_digits(a) && all_digits(b) {
            let said = FRACTIONS
                .iter()
                .find(|(f, _)| *f == core)
                .map(|(_, s)| (*s).to_string())
                .unwrap_or_else(|| format!("{} {}", integer(a), integer(b)));
            return wrap(said);
        }
    }
    if let Some((h, m)) = core.split_once(':') {
        if let Some(said) = clock(h, m, next) {
            return wrap(said);
        }
    }
    let (num_text, suffix) = if core.starts_with(['-', '+']) {
        let (n, s) = number_prefix(&core[1..]);
        (&core[..n.len() + 1], s)
    } else {
        number_prefix(core)
    };
    if num_text.is_empty() || !num_text.as_bytes()[num_text.len() - 1].is_ascii_digit() {
        return None;
    }
    let num = parse_number(num_text)?;
    match suffix {
        "" => {}
        "st" | "nd" | "rd" | "th" if num.sign.is_none() && num.frac.is_none() => {
            return wrap(ordinal(&num.int));
        }
        "s" | "'s" if num.sign.is_none() && num.frac.is_none() && num.int.ends_with('0') => {
            return wrap(decade(num_text)?);
        }
        // "20-year", "3-day": the number, then the rest of the compound.
        s if s.starts_with('-') && s[1..].chars().all(char::is_alphabetic) && s.len() > 1 => {
            return wrap(format!("{}{s}", num.read()));
        }
        s => {
            let (one, many) = unit(s)?;
            return wrap(format!(
                "{} {}",
                num.read(),
                if num.is_one() { one } else { many }
            ));
        }
    }
    if let Some((one, many)) = next.and_then(|n| unit(n.core)) {
        let unit_word = w[i + 1];
        let said = format!("{} {}", num.read(), if num.is_one() { one } else { many });
        return Some((format!("{}{said}{}", word.lead, unit_word.trail), 2));
    }
    if num.sign.is_none() && num.frac.is_none() {
        if let Some(y) = as_year(num_text, next) {
            return wrap(y);
        }
    }
    wrap(num.read())
}

/// "1990s" → "nineteen nineties", "'80s"/"80s" → "eighties".
fn decade(num: &str) -> Option<String> {
    let n: u32 = num.parse().ok()?;
    match num.len() {
        2 if n >= 10 => Some(pluralize(&cardinal(u64::from(n)))),
        4 if (1000..=2090).contains(&n) => Some(pluralize(&year(n))),
        _ => None,
    }
}

/// "10:30" → "ten thirty", "9:05" → "nine oh five", "10:00" → "ten o'clock" (or "ten" before
/// "a.m."/"p.m.").
fn clock(h: &str, m: &str, next: Option<&Word>) -> Option<String> {
    if !all_digits(h) || h.len() > 2 || m.len() != 2 || !all_digits(m) {
        return None;
    }
    let (hour, minute): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if hour > 24 || minute > 59 {
        return None;
    }
    let meridiem =
        next.is_some_and(|n| matches!(n.core, "a.m" | "p.m" | "am" | "pm" | "AM" | "PM"));
    Some(match minute {
        0 if meridiem => cardinal(hour),
        0 => format!("{} o'clock", cardinal(hour)),
        1..=9 => format!("{} oh {}", cardinal(hour), cardinal(minute)),
        _ => format!("{} {}", cardinal(hour), cardinal(minute)),
    })
}

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
fn roman_numeral(w: &[Word], i: usize) -> Option<(String, usize)> {
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
        let prev_is_name =
            !NOT_NAMES.contains(&prev.core) && prev.core.chars().skip(1).any(char::is_lowercase);
        if !(regnal_shape && prev_is_name && n < 40) {
            return None;
        }
        format!("the {}", ordinal(&n.to_string()))
    };
    Some((format!("{said}{possessive}{}", word.trail), 1))
}

/// Acronyms espeak-ng would read as a word ("IMF" → "I.M.F."), plurals and possessives too,
/// and "the WHO" (the organisation, not "who").
fn acronym(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let after_the = i > 0 && w[i - 1].core.eq_ignore_ascii_case("the");
    let spelled = |s: &str| SPELLED.contains(&s) || (after_the && s == "WHO");
    // Plurals and possessives are spelled too; the ending is written "'s" because espeak-ng
    // reads "N.G.O.s" as another letter S.
    let (base, ending) =
        [("'s", "'s"), ("s", "'s"), ("", "")]
            .iter()
            .find_map(|(suffix, ending)| {
                word.core
                    .strip_suffix(suffix)
                    .filter(|b| spelled(b))
                    .map(|b| (b, *ending))
            })?;
    let letters: String = base.chars().flat_map(|c| [c, '.']).collect();
    Some((format!("{}{letters}{ending}{}", word.lead, word.trail), 1))
}

/// Lone symbols: "+" → "plus", "=" → "equals", "@" → "at", "and/or" → "and or".
fn symbol(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let said = match word.core {
        "+" => "plus",
        "=" => "equals",
        "@" => "at",
        "%" => "percent",
        "and/or" => "and or",
        _ => return None,
    };
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// Powers, written with a caret by the language-neutral pass ("10⁶" arrives as "10^6"):
/// "10^6" → "ten to the sixth", "10^-3" → "ten to the minus third", "x^2" → "x squared",
/// "mc^2" → "m c squared", "x^n" → "x to the n". A squared or cubed unit without a number
/// reads as the unit ("per m^2" → "per square meter", "in km^2" → "in square kilometers");
/// after a number, [`number_forms`] reads it. A digit raised on a long word is a footnote
/// ("studies^1") and is silent. Any other caret is read "to the", so none reaches the engine.
fn power(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
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
fn subscripts(w: &[Word], i: usize) -> Option<(String, usize)> {
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

#[cfg(test)]
mod tests {
    //! The cases live in `tests/data/speech_en.tsv`, shared with the phoneme test in
    //! `tests/normalization.rs`: behaviour, written, expected spoken text, reference reading.
    use super::super::spoken;

    const CASES: &str = include_str!("../../../tests/data/speech_en.tsv");

    fn cases(behaviour: &str) -> Vec<(&'static str, &'static str)> {
        let rows: Vec<_> = CASES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                (cols.first() == Some(&behaviour)).then(|| (cols[1], cols[2]))
            })
            .collect();
        assert!(!rows.is_empty(), "no cases for {behaviour}");
        rows
    }

    fn check(behaviour: &str) {
        let failures: Vec<String> = cases(behaviour)
            .into_iter()
            .filter_map(|(written, expected)| {
                let got = spoken(written);
                (got != expected).then(|| format!("{written:?}: got {got:?}, want {expected:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn reads_dates() {
        check("dates");
    }
    #[test]
    fn reads_years_only_where_clearly_years() {
        check("years");
    }
    #[test]
    fn reads_decades() {
        check("decades");
    }
    #[test]
    fn reads_money_with_magnitudes() {
        check("money");
    }
    #[test]
    fn reads_percentages_ranges_and_scores() {
        check("percent-ranges");
    }
    #[test]
    fn reads_units_after_numbers() {
        check("units");
    }
    #[test]
    fn reads_ordinals() {
        check("ordinals");
    }
    #[test]
    fn reads_roman_numerals_after_names_and_headings() {
        check("roman");
    }
    #[test]
    fn expands_abbreviations() {
        check("abbreviations");
    }
    #[test]
    fn reads_symbols() {
        check("symbols");
    }
    #[test]
    fn reads_email_and_web_addresses() {
        check("addresses");
    }
    #[test]
    fn spells_acronyms_espeak_would_say_as_words() {
        check("acronyms");
    }
    #[test]
    fn reads_plain_numbers() {
        check("numbers");
    }
    #[test]
    fn reads_powers_and_exponents() {
        check("powers");
    }
    #[test]
    fn reads_subscripts_and_chemical_formulas() {
        check("subscripts");
    }
    #[test]
    fn leaves_what_espeak_already_reads_right() {
        check("unchanged");
    }
}
