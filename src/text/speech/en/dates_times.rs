//! Dates, years, decades and times of day: "Oct. 5, 2018" → "October fifth, twenty eighteen",
//! "2023-11-02" → "November second, twenty twenty-three", "the 1990s", "17:00" → "seventeen
//! hundred", "9.15pm" → "nine fifteen p.m.", "03/04/2024" → "March fourth, twenty
//! twenty-four", "2024/25" → "twenty twenty-four to twenty-five", "6pm-11pm" → "six p.m. to
//! eleven p.m.", "Mon-Fri" → "Monday to Friday".
//!
//! espeak-ng reads "Oct." as a sentence end, "2023-11-02" as "two thousand and twenty-three
//! dash eleven dash zero two", "17:00" as "seventeen zero zero" and "9.15pm" as "nine point
//! one five p m". It reads "03/04/2024" as "zero three slash zero four slash two thousand and
//! twenty-four", "6pm-11pm" with a pause and no "to", and "Mon-Fri" as "mon fry". It reads
//! "9pm", "9 pm", "9:15 p.m." and "9am–5pm" (the en dash is "to" by then) right, and those are
//! left alone.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::numbers::in_dimensions;
use super::units::{plural_noun, unit};
use super::words::{cardinal, integer, ordinal, pluralize, year};
use super::{all_digits, Word};

/// A transcript's time code after a speaker's name, "Kimberly (00:10:17):" (the layout of
/// Rev, Otter and most podcast transcripts; found in the extraction dev set, where every turn
/// of a 109-turn transcript was read "Kimberly, zero zero ten seventeen").
static SPEAKER_TIME_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\w) +[(\[](?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[)\]]:")
        .expect("a valid pattern")
});

/// Leaves out the time code between a speaker's name and its colon ([`SPEAKER_TIME_CODE`]):
/// a listener hears "Kimberly:" and the turn, as a narrator reads a transcript. A time in
/// brackets elsewhere ("the goal (12:30) came late") is read.
pub(super) fn drop_speaker_time_codes(text: &str) -> Cow<'_, str> {
    // "[00:00] ROSA: Welcome", "[01:10] Next up": a transcript's time code opening the chunk,
    // in square brackets (it was read "[midnight] ROSA"; found by a fresh tester).
    if let Some(m) = OPENING_TIME_CODE.find(text) {
        return Cow::Owned(drop_speaker_time_codes(&text[m.end()..]).into_owned());
    }
    if !text.contains("):") && !text.contains("]:") {
        return Cow::Borrowed(text);
    }
    SPEAKER_TIME_CODE.replace_all(text, "$1:")
}

/// An ISO 8601 timestamp: a date, "T", hours and minutes (seconds and their fraction
/// dropped), and "Z" or an offset (ISO 8601-1:2019, 5.4.2). Groups: date, time, zone.
static ISO_TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?\b",
    )
    .expect("valid regex")
});

/// Writes an ISO 8601 timestamp as the date and the time the other rules read: "2025-03-04T10:00Z"
/// → "2025-03-04 at 10:00 UTC", "…T09:30+01:00" → "… at 09:30 UTC plus 1" (it was read "two
/// thousand twenty-five dash zero three… T ten zero zero Z"; found by a fresh tester).
pub(super) fn split_timestamps(text: &str) -> Cow<'_, str> {
    ISO_TIMESTAMP.replace_all(text, |c: &regex::Captures| {
        let zone = match c.get(3).map(|m| m.as_str()) {
            None => String::new(),
            Some("Z") => " UTC".to_string(),
            Some(offset) => {
                let (sign, rest) = offset.split_at(1);
                let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
                let (h, m) = digits.split_at(2.min(digits.len()));
                let hours = h.trim_start_matches('0');
                let word = if sign == "+" { "plus" } else { "minus" };
                match (hours, m.trim_start_matches('0')) {
                    ("", "") => " UTC".to_string(),
                    (h, "") => format!(" UTC {word} {h}"),
                    (h, _) => format!(" UTC {word} {}:{m}", if h.is_empty() { "0" } else { h }),
                }
            }
        };
        format!("{} at {}{zone}", &c[1], &c[2])
    })
}

/// A time code in square brackets opening a chunk: "[00:00] ", "[1:02:05.3] ".
static OPENING_TIME_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]\s+").expect("a valid pattern")
});

/// A chapter's time code opening a chunk before its title, as show notes and video
/// descriptions list them ("00:00 Intro", "43:00 Wrap-up", "1:02:33 – Questions"): said as
/// minutes and seconds ("zero, Intro", "forty-three minutes, Wrap-up", "one hour two minutes
/// thirty-three, Questions"). It was "midnight Intro" and "forty-three oh oh" (found by two
/// fresh testers). Only where it cannot be a clock time: minutes of 00 or from 24 up, or with
/// hours; "10:30 Registration" in an agenda stays ten thirty.
pub(super) fn time_code(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    // The title, past a dash the language-neutral pass made a lone comma ("00:00 – Intro").
    let next = w[i + 1..].iter().find(|n| !n.core.is_empty())?;
    let titled = (next.core.starts_with(char::is_uppercase) && meridiem(next.core).is_none())
        || matches!(next.core, "-" | "–" | "—");
    // A dash after it may already be a comma ("1:02:33 – Questions").
    if i != 0 || !word.lead.is_empty() || !matches!(word.trail, "" | ",") || !titled {
        return None;
    }
    let parts: Vec<&str> = word.core.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !all_digits(p))
        || parts[1..].iter().any(|p| p.len() != 2)
    {
        return None;
    }
    let n: Vec<u64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (hours, minutes, seconds) = match n[..] {
        [m, s] => (None, m, s),
        [h, m, s] => (Some(h), m, s),
        _ => return None,
    };
    if minutes > 59 && hours.is_some() || seconds > 59 {
        return None;
    }
    if hours.is_none() && (1..24).contains(&minutes) {
        return None;
    }
    let unit = |n: u64, one: &str, many: &str| {
        format!("{} {}", cardinal(n), if n == 1 { one } else { many })
    };
    let mut said: Vec<String> = Vec::new();
    if let Some(h) = hours.filter(|&h| h > 0) {
        said.push(unit(h, "hour", "hours"));
    }
    match (minutes, seconds) {
        (0, 0) if said.is_empty() => said.push(cardinal(0)),
        (0, 0) => {}
        (0, s) => said.push(unit(s, "second", "seconds")),
        (m, 0) => said.push(unit(m, "minute", "minutes")),
        (m, s) => said.push(format!("{} {}", unit(m, "minute", "minutes"), cardinal(s))),
    }
    Some((format!("{},", said.join(" ")), 1))
}

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
pub(super) const MONTH_ABBREVIATIONS: [(&str, &str); 12] = [
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

/// Words after which a number is a quantity, never a year ("2018 dollars").
const QUANTITY_WORDS: [&str; 8] = [
    "dollars", "euros", "pounds", "percent", "people", "times", "units", "points",
];

/// Plural nouns after which a four-digit number is still a year ("below 1990 levels", "the
/// 2020 elections"), where any other plural noun makes it a count ("1850 birds").
/// Since 2026-12-05 also the nouns of business and sport that years qualify ("Q1 2024
/// earnings", "2024 models", "the 2023 playoffs"; a tester heard "two thousand twenty-four
/// earnings").
const YEAR_NOUNS: [&str; 28] = [
    "earnings",
    "sales",
    "revenues",
    "profits",
    "losses",
    "models",
    "rankings",
    "playoffs",
    "finals",
    "midterms",
    "budgets",
    "winners",
    "levels",
    "figures",
    "prices",
    "results",
    "elections",
    "rates",
    "targets",
    "terms",
    "standards",
    "values",
    "numbers",
    "estimates",
    "forecasts",
    "accounts",
    "editions",
    "rules",
];

/// Words before a four-digit number and a plural noun that make it a year used as an adjective
/// ("the 2020 elections", "its 2019 results"), not a count.
const DETERMINERS: [&str; 14] = [
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your",
];

/// Words naming a part of a year or a kind of year, after which a four-digit number is the
/// year whatever follows ("Q1 2024 earnings", "fiscal 2024 results", "full-year 2023 sales").
const PERIOD_BEFORE_YEAR: [&str; 12] = [
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "H1",
    "H2",
    "FY",
    "fiscal",
    "full-year",
    "calendar",
    "year-end",
    "half-year",
];

/// Prepositions of time before a four-digit number and a plural noun, after which it stays a
/// year: "By 1850 birds had gone" is far likelier a year than a count.
const TIME_PREPOSITIONS: [&str; 6] = ["by", "before", "after", "from", "around", "to"];

/// Weekday abbreviations and the names said for them, for ranges ("Mon-Fri").
const WEEKDAYS: [(&str, &str); 10] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Tues", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Thur", "Thursday"),
    ("Thurs", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// Days in each month of a leap year, to check an ISO date ("2023-02-29" is not one).
const MONTH_DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// How "a.m." and "p.m." are written after a time ("9.15pm", "9.15 P.M."), and the form
/// espeak-ng reads as the two letters.
const MERIDIEMS: [(&str, &str); 8] = [
    ("am", "a.m."),
    ("pm", "p.m."),
    ("a.m", "a.m."),
    ("p.m", "p.m."),
    ("AM", "a.m."),
    ("PM", "p.m."),
    ("A.M", "a.m."),
    ("P.M", "p.m."),
];

/// Dates: "Oct. 5, 2018" → "October fifth, twenty eighteen"; "5 October 2018" → "the fifth of
/// October twenty eighteen"; "2023-11-02" → "November second, twenty twenty-three".
pub(super) fn date(w: &[Word], i: usize) -> Option<(String, usize)> {
    let first = w[i];
    let one_word = iso_date(first.core)
        .or_else(|| {
            // Only a word with a slash can be one; the chunk's other words are looked at then.
            if !first.core.contains('/') {
                return None;
            }
            let day_first = w.iter().any(|x| shows_day_first(x.core));
            (!sizes_not_date(w, i))
                .then(|| numeric_date(first.core, day_first))
                .flatten()
        })
        .or_else(|| dotted_date(first.core))
        .or_else(|| {
            let id = i
                .checked_sub(1)
                .is_some_and(|p| names_an_id(w[p].core) && !w[p].trail.contains(','));
            let day_first = w.iter().any(|x| shows_day_first(x.core));
            (!id).then(|| hyphen_date(first.core, day_first)).flatten()
        })
        .or_else(|| year_span(first.core))
        .or_else(|| month_and_day(w, i));
    if let Some(said) = one_word {
        return Some((format!("{}{said}{}", first.lead, first.trail), 1));
    }
    let second = w.get(i + 1)?;
    let year_at = |j: usize| {
        w.get(j)
            .filter(|y| y.core.len() == 4 && all_digits(y.core))
            .and_then(|y| y.core.parse::<u32>().ok().map(|n| (year(n), y.trail)))
    };
    if let Some(m) = month(first.core).filter(|_| matches!(first.trail, "" | ".")) {
        // "March 3-5, 2025", "March 3 to 5": a span of days, both ordinals ("March third to
        // five" before; found by a fresh tester).
        let span = match second.core.split_once(['-', '–']) {
            Some((a, b)) => day(a).zip(day(b)).map(|(a, b)| (a, b, second.trail, 2)),
            None => w
                .get(i + 2)
                .zip(w.get(i + 3))
                .filter(|(to, _)| to.core == "to" && to.trail.is_empty() && second.trail.is_empty())
                .and_then(|(_, last)| {
                    day(second.core)
                        .zip(day(last.core))
                        .map(|(a, b)| (a, b, last.trail, 4))
                }),
        };
        if let Some((a, b, trail, used)) = span {
            if trail == "," {
                if let Some((y, year_trail)) = year_at(i + used) {
                    return Some((
                        format!("{}{m} {a} to {b}, {y}{year_trail}", first.lead),
                        used + 1,
                    ));
                }
            }
            return Some((format!("{}{m} {a} to {b}{trail}", first.lead), used));
        }
        let d = day(second.core)?;
        if second.trail == "," {
            if let Some((y, trail)) = year_at(i + 2) {
                return Some((format!("{}{m} {d}, {y}{trail}", first.lead), 3));
            }
        }
        return Some((format!("{}{m} {d}{}", first.lead, second.trail), 2));
    }
    if first.trail.is_empty() {
        if let Some(said) = day_pair_before_month(w, i) {
            return Some(said);
        }
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

/// An ISO 8601 calendar date, "YYYY-MM-DD", read in the American order: "2023-11-02" →
/// "November second, twenty twenty-three". None unless the month and day exist.
pub(super) fn iso_date(core: &str) -> Option<String> {
    let mut parts = core.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let (y, m, d): (u32, usize, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    calendar_date(y, m, d)?;
    Some(format!(
        "{} {}, {}",
        MONTHS[m - 1],
        ordinal(&d.to_string()),
        year(y)
    ))
}

/// Checks a calendar date: a year 1000–2999, a month and a day it has. None if there is none.
fn calendar_date(y: u32, m: usize, d: u32) -> Option<()> {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        2 if !leap => 28,
        _ => *MONTH_DAYS.get(m.checked_sub(1)?)?,
    };
    ((1000..=2999).contains(&y) && (1..=days).contains(&d)).then_some(())
}

/// Words before a numeric date that keep it a date even among sizes ("born 3/8/37", "on
/// 3/8/37"). Compared case-insensitively.
const DATE_WORDS: [&str; 17] = [
    "on",
    "born",
    "dated",
    "posted",
    "updated",
    "published",
    "since",
    "until",
    "till",
    "from",
    "by",
    "before",
    "after",
    "died",
    "due",
    "expires",
    "effective",
];

/// Whether the numeric date at `i`, written with a two-digit year ("3/8/37"), is rather a run
/// of sizes: it stands among dimensions ([`in_dimensions`]: beside a times sign, a length unit
/// or an inch mark, or a fraction of an inch in a list: "sizes 1/4, 3/8/37", "3/8/37 x 4 mm")
/// and no word of dates ([`DATE_WORDS`]) comes before it. Then it is no date ("March eighth,
/// twenty thirty-seven" was read in a list of board sizes); a four-digit year ("3/8/2024") is
/// a date anywhere.
fn sizes_not_date(w: &[Word], i: usize) -> bool {
    let core = w[i].core;
    let short_year = core.rsplit('/').next().is_some_and(|y| y.len() == 2);
    let dated = i > 0
        && DATE_WORDS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(w[i - 1].core));
    short_year && !dated && in_dimensions(w, i)
}

/// A numeric date with slashes, "03/04/2024", "31/12/24". espeak-ng reads it "zero
/// three slash zero four slash two thousand and twenty-four".
///
/// The order can't be known from the digits when both are 12 or less; it is read the American
/// way, month first, like [`iso_date`] and the default voice: "03/04/2024" → "March fourth,
/// twenty twenty-four". A first number above 12 can only be a day, and then the date is read
/// the British way it was written: "25/12/2024" → "the twenty-fifth of December twenty
/// twenty-four". A two-digit year is read in full ("31/12/24" → "the thirty-first of December
/// twenty twenty-four", see [`date_parts`]). When the chunk holds a date that can only be day first
/// (`day_first`: "from 03/04/2024 to 25/07/2024"), every date in it is read so: one sentence,
/// one convention.
fn numeric_date(core: &str, day_first: bool) -> Option<String> {
    // "2024/08/10": year first, as in ISO 8601 but with slashes (Japanese and Chinese sites,
    // blogs); always year, month, day. It was left as written (found by a fresh tester).
    if let [y, m, d] = core.split('/').collect::<Vec<_>>()[..] {
        let two = |s: &str| (1..=2).contains(&s.len()) && all_digits(s);
        if y.len() == 4 && all_digits(y) && two(m) && two(d) {
            let (y, m, d): (u32, usize, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            calendar_date(y, m, d)?;
            return Some(format!(
                "{} {}, {}",
                MONTHS[m - 1],
                ordinal(&d.to_string()),
                year(y)
            ));
        }
    }
    let (a, b, y) = date_parts(core)?;
    if a > 12 || (day_first && b <= 12) {
        calendar_date(y, b as usize, a)?;
        let month = MONTHS[b as usize - 1];
        Some(format!(
            "the {} of {month} {}",
            ordinal(&a.to_string()),
            year(y)
        ))
    } else {
        calendar_date(y, a as usize, b)?;
        let month = MONTHS[a as usize - 1];
        Some(format!("{month} {}, {}", ordinal(&b.to_string()), year(y)))
    }
}

/// A date without its year after "on", "since", "until" or "till": "on 3/4" → "on March
/// fourth" ("the third of April" when the text writes its dates day first, or the first
/// number is over 12). espeak-ng and the fraction rule said "three quarters" (found by a fresh
/// tester). Not before "of" or a measure ("on 3/4 of the days", "on 1/2 cup": fractions).
fn month_and_day(w: &[Word], i: usize) -> Option<String> {
    let word = w[i];
    let (a, b) = word.core.split_once('/')?;
    let short = |s: &str| (1..=2).contains(&s.len()) && all_digits(s);
    let after_date_word = i.checked_sub(1).is_some_and(|p| {
        w[p].trail.is_empty()
            && matches!(
                w[p].core.to_lowercase().as_str(),
                "on" | "since" | "until" | "till"
            )
    });
    let fraction_after = w.get(i + 1).is_some_and(|n| {
        word.trail.is_empty()
            && n.core.starts_with(char::is_lowercase)
            && !n.core.ends_with("ly")
            && !matches!(
                n.core,
                "the" | "and" | "at" | "we" | "he" | "she" | "they" | "it" | "i"
            )
    });
    if !after_date_word || !short(a) || !short(b) || fraction_after {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let day_first = a > 12 || (w.iter().any(|x| shows_day_first(x.core)) && b <= 12);
    let (m, d) = if day_first { (b, a) } else { (a, b) };
    // Checked against a leap year: "on 2/29" is a date in one.
    calendar_date(
        2024,
        usize::try_from(m).ok().filter(|m| (1..=12).contains(m))?,
        d,
    )?;
    let month = MONTHS[m as usize - 1];
    Some(if day_first {
        format!("the {} of {month}", ordinal(&d.to_string()))
    } else {
        format!("{month} {}", ordinal(&d.to_string()))
    })
}

/// The three numbers of "d/m/yyyy" or "m/d/yyyy" (one or two digits, then the year), the
/// year in full. A two-digit year ("31/12/24") is taken to its century the POSIX way
/// (`strptime`'s `%y`): 69–99 are 1969–1999, 00–68 are 2000–2068. Three numbers between
/// slashes are a date; the fraction or score a short year was feared to be has two.
fn date_parts(core: &str) -> Option<(u32, u32, u32)> {
    let mut parts = core.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |s: &str| (1..=2).contains(&s.len()) && all_digits(s);
    if parts.next().is_some() || !short(a) || !short(b) || !matches!(y.len(), 2 | 4) {
        return None;
    }
    if !all_digits(y) {
        return None;
    }
    let year: u32 = y.parse().ok()?;
    let year = match (y.len(), year) {
        (2, 69..) => 1900 + year,
        (2, _) => 2000 + year,
        _ => year,
    };
    Some((a.parse().ok()?, b.parse().ok()?, year))
}

/// A numeric date with periods, "04.03.2024" → "the fourth of March twenty twenty-four": day,
/// month and a four-digit year. Dotted dates are the European (German, Scandinavian, Russian)
/// form, always day first; Americans write slashes. espeak-ng reads "zero four point zero three
/// point two thousand and twenty-four". None unless the date exists, so "192.168.1.1" and
/// "2.10.3" are left to their own rules.
fn dotted_date(core: &str) -> Option<String> {
    let mut parts = core.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |s: &str| (1..=2).contains(&s.len()) && all_digits(s);
    if parts.next().is_some() || !short(d) || !short(m) || y.len() != 4 || !all_digits(y) {
        return None;
    }
    let (d, m, y): (u32, usize, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    calendar_date(y, m, d)?;
    Some(format!(
        "the {} of {} {}",
        ordinal(&d.to_string()),
        MONTHS[m - 1],
        year(y)
    ))
}

/// A numeric date with hyphens and a four-digit year, "11-29-2024" (vBulletin's post dates,
/// American forms) or "29-11-2024" (Dutch, Indian): read as [`numeric_date`] reads the same
/// with slashes, month first unless the first number is over 12 or the chunk writes its dates
/// day first (`day_first`). espeak-ng read "eleven twenty-nine two thousand twenty-four"; a
/// two-digit year is left alone ("10-12-24" may be a score or a part number).
fn hyphen_date(core: &str, day_first: bool) -> Option<String> {
    numeric_date(&slashed(core)?, day_first)
}

/// "11-29-2024" written with slashes, "11/29/2024", when it has a hyphenated date's shape: one
/// or two digits, one or two digits, and a year of 1900–2099 (a room "3-12-1204", a statute
/// "§ 12-10-1101" are no dates; found by a tester).
fn slashed(core: &str) -> Option<String> {
    let mut parts = core.split('-');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |s: &str| (1..=2).contains(&s.len()) && all_digits(s);
    let year = y.len() == 4 && all_digits(y) && matches!(&y[..2], "19" | "20");
    (parts.next().is_none() && short(a) && short(b) && year).then(|| format!("{a}/{b}/{y}"))
}

/// Words that name what a number after them is, when it is an identifier and not a date:
/// "part number 10-12-2024", "SKU 12-05-1999", "Case No. 1-12-2024", "Call 01-12-1999" (each
/// read as a date by a tester).
fn names_an_id(word: &str) -> bool {
    const ID_WORDS: &[&str] = &[
        "part",
        "number",
        "no",
        "nos",
        "sku",
        "serial",
        "item",
        "case",
        "call",
        "phone",
        "tel",
        "fax",
        "mobile",
        "combination",
        "version",
        "ver",
        "model",
        "ref",
        "reference",
        "order",
        "invoice",
        "ticket",
        "room",
        "section",
        "§",
        "id",
        "code",
        "account",
        "policy",
        "claim",
        "patent",
        "docket",
        "isbn",
        "lot",
        "batch",
        "unit",
        "suite",
        "file",
        "numbers",
        "pin",
    ];
    let w = word.trim_end_matches([':', '.', '#']).to_lowercase();
    ID_WORDS.contains(&w.as_str())
}

/// Two days before a month name: "10/11 May" → "the tenth and eleventh of May" (either day),
/// "10-11 May" → "the tenth to eleventh of May" (the span), and the same written out with
/// "and" or "to" ("on 3 and 4 June"; "10–11 May", whose en dash is "to" by now). espeak-ng reads
/// "ten slash eleven May" and "ten eleven May"; the hyphen was taken for a range of numbers
/// ("ten to eleven May"), and the spaced forms read the first day as a number ("three and the
/// fourth of June"). A year may follow, as after one day.
fn day_pair_before_month(w: &[Word], i: usize) -> Option<(String, usize)> {
    let first = w[i];
    let joined =
        |sep: char, joint: &'static str| first.core.split_once(sep).map(|(a, b)| (a, b, joint, 1));
    let spaced = || {
        let (mid, last) = (w.get(i + 1)?, w.get(i + 2)?);
        let joint = ["and", "to"].into_iter().find(|j| *j == mid.core)?;
        let plain = first.trail.is_empty() && mid.trail.is_empty() && mid.lead.is_empty();
        (plain && last.lead.is_empty()).then_some((first.core, last.core, joint, 3))
    };
    let (a, b, joint, used) = joined('/', "and")
        .or_else(|| joined('-', "to"))
        .or_else(spaced)?;
    let (from, to) = (day(a)?, day(b)?);
    if a.parse::<u32>().ok()? >= b.parse::<u32>().ok()? || !w[i + used - 1].trail.is_empty() {
        return None;
    }
    let at = i + used;
    let second = w.get(at).filter(|s| s.lead.is_empty())?;
    let m = month(second.core)?;
    let month_trail = match second.trail.strip_prefix('.') {
        Some(rest) if m != second.core && at + 1 < w.len() => rest,
        _ => second.trail,
    };
    let said = format!("{}the {from} {joint} {to} of {m}", first.lead);
    if month_trail.is_empty() {
        let year = w
            .get(at + 1)
            .filter(|y| y.core.len() == 4 && all_digits(y.core))
            .and_then(|y| y.core.parse::<u32>().ok().map(|n| (year(n), y.trail)));
        if let Some((y, trail)) = year {
            return Some((format!("{said} {y}{trail}"), used + 2));
        }
    }
    Some((format!("{said}{month_trail}"), used + 1))
}

/// True when `text` holds a numeric date that can only be read day first ("25/07/2024"): a
/// document that does is read day first throughout ([`dates_day_first`]).
pub(crate) fn text_shows_day_first(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| shows_day_first(super::split_word(w).core))
}

/// `text` with every numeric date that could be read either way ("03/04/2024", both numbers
/// 12 or less) written day first in words ("3 April 2024"), for a document whose other dates
/// show it writes days first ([`text_shows_day_first`]): read "the third of April", as the
/// chunk-level rule of [`numeric_date`] reads it beside "25/07/2024", across the article.
pub(crate) fn dates_day_first(text: &str) -> std::borrow::Cow<'_, str> {
    let ambiguous = |core: &str| {
        date_parts(core)
            .filter(|&(a, b, y)| a <= 12 && b <= 12 && calendar_date(y, b as usize, a).is_some())
    };
    if !text
        .split_whitespace()
        .any(|w| ambiguous(super::split_word(w).core).is_some())
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let words: Vec<Word> = text.split_whitespace().map(super::split_word).collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    let mut k = 0;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let w = super::split_word(&rest[..end]);
        let sizes = sizes_not_date(&words, k);
        k += 1;
        match ambiguous(w.core).filter(|_| !sizes) {
            Some((day, month, year)) => out.push_str(&format!(
                "{}{day} {} {year}{}",
                w.lead,
                MONTHS[month as usize - 1],
                w.trail
            )),
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// True when `core` is a numeric date that can only be read day first ("25/07/2024").
fn shows_day_first(core: &str) -> bool {
    let slashed = slashed(core);
    date_parts(slashed.as_deref().unwrap_or(core)).is_some_and(|(a, b, _)| a > 12 && b <= 12)
}

/// A season or a financial year written with a slash: "2024/25", "2023/2024" → "twenty
/// twenty-four to twenty-five". espeak-ng reads "two thousand and twenty-four slash twenty-five".
fn year_span(core: &str) -> Option<String> {
    let (from, to) = core.split_once('/')?;
    year_range(from, to)
}

/// A span of years: "2024" and "25" → "twenty twenty-four to twenty-five". None unless `from`
/// is a year (1100–2099) and `to` a later one, whole or its last two digits.
pub(super) fn year_range(from: &str, to: &str) -> Option<String> {
    let start: u32 = from.parse().ok().filter(|_| from.len() == 4)?;
    let end: u32 = to.parse().ok().filter(|_| all_digits(to))?;
    if !(1100..=2099).contains(&start) || !all_digits(from) {
        return None;
    }
    match to.len() {
        // "2002-03": "oh three", as a season is said.
        2 if end > start % 100 => {
            let end_said = match to.strip_prefix('0') {
                Some(d) => format!("oh {}", integer(d)),
                None => integer(to),
            };
            Some(format!("{} to {end_said}", year(start)))
        }
        4 if end > start && end <= 2099 => Some(format!("{} to {}", year(start), year(end))),
        _ => None,
    }
}

/// The name said for a weekday written in a range: "Mon" → "Monday", "Friday" → "Friday",
/// and whether it was abbreviated.
fn weekday(core: &str) -> Option<(&'static str, bool)> {
    WEEKDAYS
        .iter()
        .find(|(a, _)| *a == core)
        .map(|(_, day)| (*day, true))
        .or_else(|| {
            WEEKDAYS
                .iter()
                .find(|(_, day)| *day == core)
                .map(|(_, day)| (*day, false))
        })
}

/// The weekday an abbreviation of [`WEEKDAYS`] names, as written ("Tue" → "Tuesday").
pub(super) fn weekday_abbreviation(core: &str) -> Option<&'static str> {
    weekday(core)
        .filter(|(_, short)| *short)
        .map(|(day, _)| day)
}

/// Ranges of weekdays: "Mon-Fri" → "Monday to Friday", "Mon–Sat" (by now "Mon to Sat") →
/// "Monday to Saturday". espeak-ng reads "Mon-Fri" as "mon fry" and "Sat" as the verb. Only in
/// a range: a lone "Mon" may be a name, a lone "Sat" a verb.
///
/// Abbreviations may carry their periods: "Mon.-Fri." → "Monday to Friday", and "Mon.–Fri."
/// (by now "Mon. to Fri.") the same.
pub(super) fn day_range(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if let Some((a, b)) = word.core.split_once('-') {
        let a = a.strip_suffix('.').unwrap_or(a);
        let ((from, _), (to, short)) = (weekday(a)?, weekday(b)?);
        let trail = abbreviation_trail(w, i, short);
        return Some((format!("{}{from} to {to}{trail}", word.lead), 1));
    }
    let (from, short_from) = weekday(word.core)
        .filter(|(_, short)| word.trail.is_empty() || (*short && word.trail == "."))?;
    let to_word = w
        .get(i + 1)
        .filter(|t| t.core == "to" && t.trail.is_empty())?;
    let last = w.get(i + 2).filter(|_| to_word.lead.is_empty())?;
    let (to, short_to) = weekday(last.core).filter(|_| last.lead.is_empty())?;
    let trail = abbreviation_trail(w, i + 2, short_to);
    (short_from || short_to).then(|| (format!("{}{from} to {to}{trail}", word.lead), 3))
}

/// A weekday abbreviated with a period: "Open Wed., Thurs. and Fri. evenings" → "Open
/// Wednesday, Thursday and Friday evenings" (espeak-ng said "wed", "thurs", "fry"; found by a
/// fresh tester; before, only before a date or after "on"). The period is an abbreviation's,
/// not a sentence's, where the next word goes on (lower case, a number, another weekday, a
/// month: "Tue. 5 March", "Thu. Oct. 3"), and is dropped there. Only as written, capitalised
/// ("They wed." is the verb); "Mon.", "Sat." and "Sun." after an article are words ("the
/// Sun.").
pub(super) fn weekday_with_period(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    word.trail.strip_prefix('.')?;
    let day = weekday_abbreviation(word.core)?;
    // "Mon.", "Sat." and "Sun." are also words and names ("the Baltimore Sun.", "Li Sun.",
    // "founded as Sun."; found by a fresh tester): a day only where the period goes on into
    // the sentence, after another day, or after a word of opening hours.
    if matches!(word.core, "Mon" | "Sat" | "Sun") {
        let prev = i.checked_sub(1).map(|k| w[k]);
        let after_day = prev.is_some_and(|p| weekday(p.core).is_some());
        let after_hours_word = prev.is_some_and(|p| {
            p.trail.is_empty()
                && matches!(
                    p.core.to_lowercase().as_str(),
                    "on" | "every"
                        | "until"
                        | "till"
                        | "through"
                        | "closed"
                        | "open"
                        | "and"
                        | "or"
                        | "from"
                        | "to"
                )
        });
        let goes_on = abbreviation_trail(w, i, true) != word.trail;
        if !(after_day || after_hours_word || goes_on) {
            return None;
        }
    }
    Some((
        format!("{}{day}{}", word.lead, abbreviation_trail(w, i, true)),
        1,
    ))
}

/// The punctuation after an abbreviated weekday at `k` as said: without the abbreviation's
/// period where the next word goes on (lower case, a number, another weekday: "Mon.-Fri.
/// 9-5"), whole where the sentence may end there or the weekday was written out.
fn abbreviation_trail<'a>(w: &[Word<'a>], k: usize, abbreviated: bool) -> &'a str {
    let trail = w[k].trail;
    let goes_on = w.get(k + 1).is_some_and(|n| {
        n.lead.is_empty()
            && (n
                .core
                .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                || weekday(n.core).is_some()
                || month(n.core.trim_end_matches('.')).is_some())
    });
    match trail.strip_prefix('.') {
        Some(rest) if abbreviated && goes_on => rest,
        _ => trail,
    }
}

/// A weekday or a month abbreviated before a date or a year: "Sat 1 Mar" → "Saturday" (then
/// "the first of March"), "Fri, 12 Jan", "Mar 2021" → "March twenty twenty-one". espeak-ng
/// reads "Sat" as the verb and "Mar", "Jan" as words. Only before a number or a month name (a
/// lone "Sat" is a verb, "Mar" a name), and only the abbreviations of [`WEEKDAYS`] and
/// [`MONTH_ABBREVIATIONS`] as written (capitalised).
pub(super) fn day_or_month_before_date(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let next = w.get(i + 1).filter(|n| n.lead.is_empty())?;
    let starts_a_date = |n: &Word| day(n.core).is_some() || month(n.core).is_some();
    let name = match weekday(word.core) {
        Some((day_name, true)) if matches!(word.trail, "" | ",") && starts_a_date(next) => day_name,
        _ => {
            let (_, month_name) = MONTH_ABBREVIATIONS.iter().find(|(a, _)| *a == word.core)?;
            let is_year = next.core.len() == 4
                && all_digits(next.core)
                && next
                    .core
                    .parse::<u32>()
                    .is_ok_and(|y| (1000..=2099).contains(&y));
            if !(word.trail.is_empty() && is_year) {
                return None;
            }
            let rest = format!("{}{}", year(next.core.parse().ok()?), next.trail);
            return Some((format!("{}{month_name} {rest}", word.lead), 2));
        }
    };
    Some((format!("{}{name}{}", word.lead, word.trail), 1))
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

/// Words after which a four-digit number is a year whatever follows: "in 1066", "since 1850
/// records began", "circa 1200".
const YEAR_WORDS: [&str; 10] = [
    "in", "since", "until", "till", "circa", "c.", "during", "year", "AD", "CE",
];

/// A plain four-digit number a narrator reads as a year: 1100–2099, unless a unit or a
/// quantity word follows it; after one of [`YEAR_WORDS`], 1000–2099 whatever follows ("in
/// 1066", "since 2010 people have…").
///
/// A plural noun after it makes it a count ("1850 birds" → "one thousand eight hundred fifty
/// birds"; espeak-ng, like a year, says "eighteen fifty"), unless a determiner comes before
/// ("the 2020 elections", "its 2019 results": a year used as an adjective) or a preposition of
/// time ([`TIME_PREPOSITIONS`]: "by 1850 birds had gone"), or the noun is one that years
/// qualify ([`YEAR_NOUNS`]: "below 1990 levels").
pub(super) fn as_year(core: &str, prev: Option<&Word>, next: Option<&Word>) -> Option<String> {
    if core.len() != 4 || !all_digits(core) {
        return None;
    }
    let n: u32 = core.parse().ok()?;
    // "2560 BCE", "3100 BC": a year of an era, however far back (it was "two thousand five
    // hundred sixty"; found by a fresh tester).
    let era = next.is_some_and(|w| {
        matches!(
            w.core,
            "BC" | "BCE" | "B.C" | "B.C.E" | "AD" | "CE" | "A.D" | "C.E"
        )
    });
    if era && n >= 1000 {
        // "3000 BCE" is "three thousand".
        return Some(if n.is_multiple_of(1000) {
            cardinal(u64::from(n))
        } else {
            year(n)
        });
    }
    let after_year_word = prev.is_some_and(|p| {
        p.trail.is_empty() && YEAR_WORDS.iter().any(|y| y.eq_ignore_ascii_case(p.core))
    });
    if after_year_word {
        return (1000..=2099).contains(&n).then(|| year(n));
    }
    let quantity = next.is_some_and(|w| unit(w.core).is_some() || QUANTITY_WORDS.contains(&w.core));
    let year_context = prev.is_some_and(|p| {
        p.trail.is_empty()
            && (DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(p.core))
                || TIME_PREPOSITIONS
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(p.core))
                || p.core.ends_with("'s")
                || p.core.ends_with("s'")
                || PERIOD_BEFORE_YEAR
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(p.core)))
    });
    let counted = next.is_some_and(|w| plural_noun(w) && !YEAR_NOUNS.contains(&w.core));
    let count = counted && !year_context;
    ((1100..=2099).contains(&n) && !quantity && !count).then(|| year(n))
}

/// "1990s" → "nineteen nineties", "'80s"/"80s" → "eighties".
pub(super) fn decade(num: &str) -> Option<String> {
    let n: u32 = num.parse().ok()?;
    match num.len() {
        // "1000s of fans": thousands ("ten hundreds" before; found by a fresh tester).
        4 if n == 1000 => Some("thousands".into()),
        2 if n >= 10 => Some(pluralize(&cardinal(u64::from(n)))),
        4 if (1000..=2090).contains(&n) => Some(pluralize(&year(n))),
        _ => None,
    }
}

/// A clock time: "10:30" → "ten thirty", "9:05" → "nine oh five", "10:00" → "ten o'clock" (or
/// "ten" before "a.m."/"p.m.").
///
/// The 24-hour clock is read as written, the way it is spoken in the forces, aviation and
/// timetables: "17:00" → "seventeen hundred", "17:30" → "seventeen thirty", "00:00" and
/// "24:00" → "midnight". Turning it into "five p.m." would change what the writer chose.
pub(super) fn clock(h: &str, m: &str, next: Option<&Word>) -> Option<String> {
    clock_words(h, m, next.is_some_and(|n| meridiem(n.core).is_some()))
}

/// [`clock`], told whether "a.m." or "p.m." follows (then "10:00" is just "ten").
fn clock_words(h: &str, m: &str, meridiem: bool) -> Option<String> {
    // "0:00" is a duration or a timestamp; midnight on a clock is "00:00".
    if !all_digits(h) || h.len() > 2 || h == "0" || m.len() != 2 || !all_digits(m) {
        return None;
    }
    let (hour, minute): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if hour > 24 || minute > 59 || (hour == 24 && minute > 0) {
        return None;
    }
    Some(match (hour, minute) {
        (_, 0) if meridiem => cardinal(hour),
        (0 | 24, 0) => "midnight".to_string(),
        (13..=23, 0) => format!("{} hundred", cardinal(hour)),
        (_, 0) => format!("{} o'clock", cardinal(hour)),
        (_, 1..=9) => format!("{} oh {}", cardinal(hour), cardinal(minute)),
        _ => format!("{} {}", cardinal(hour), cardinal(minute)),
    })
}

/// "pm", "P.M" (its period is trailing punctuation) → "p.m.".
fn meridiem(s: &str) -> Option<&'static str> {
    MERIDIEMS
        .iter()
        .find(|(w, _)| *w == s)
        .map(|(_, said)| *said)
}

/// An hour and a spaced "am" or "pm": "9 am" → "nine a.m." (the voices read a lone "am" as
/// the verb).
fn spaced_hour(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let next = w
        .get(i + 1)
        .filter(|n| word.trail.is_empty() && n.lead.is_empty())?;
    let mer = meridiem(next.core)?;
    let hour: u64 = word.core.parse().ok().filter(|_| word.core.len() <= 2)?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    let trail = next.trail.strip_prefix('.').unwrap_or(next.trail);
    Some((format!("{}{} {mer}{trail}", word.lead, cardinal(hour)), 2))
}

/// Times of day with "a.m." or "p.m." that espeak-ng misreads: minutes after a period, the
/// British way ("9.15pm", "11.30 a.m." → "nine fifteen p.m.", "eleven thirty a.m."), and any
/// time with minutes and the meridiem run together ("9:15pm", "12:00PM" → "twelve p.m.").
/// The hour is 1 to 12. "9pm" is read right by espeak-ng and left alone; "9:15 p.m." is read
/// by [`clock`].
pub(super) fn time_of_day(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let split = word
        .core
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(word.core.len());
    let (time, suffix) = word.core.split_at(split);
    if (suffix.is_empty() || suffix == "hrs") && all_digits(time) {
        return spaced_hour(w, i).or_else(|| military_time(w, i));
    }
    let (h, m) = time.split_once(['.', ':'])?;
    let (mer, used, trail) = if suffix.is_empty() {
        // Spaced: "9.15 pm", "9:15 am" ("am" alone is the verb to espeak-ng and the voice).
        let next = w
            .get(i + 1)
            .filter(|n| word.trail.is_empty() && n.lead.is_empty());
        let Some(mer) = next.and_then(|n| meridiem(n.core)) else {
            return dotted_clock(w, i);
        };
        (mer, 2, next?.trail)
    } else {
        (meridiem(suffix)?, 1, word.trail)
    };
    // "12:01:00 PM", "3:15:30 pm": seconds, said only when they are not zero (they were read
    // "twelve oh one oh oh"; found by a fresh tester).
    let (m, seconds) = match m.split_once(':') {
        Some((m, s)) if s.len() == 2 && all_digits(s) => (m, Some(s)),
        Some(_) => return None,
        None => (m, None),
    };
    let hour: u64 = h.parse().ok().filter(|_| all_digits(h) && h.len() <= 2)?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    let said = clock_words(h, m, true)?;
    let said = match seconds {
        Some("01") => format!("{said} and one second"),
        Some(s) if s != "00" => {
            format!("{said} and {} seconds", integer(s.trim_start_matches('0')))
        }
        _ => said,
    };
    // "p.m." brings its own period; a sentence-final one after it is not doubled.
    let trail = trail.strip_prefix('.').unwrap_or(trail);
    Some((format!("{}{said} {mer}{trail}", word.lead), used))
}

/// Verbs after which "at", "from", "until" or "till" bring a time of day: "starts at 9.00",
/// "ends at 17.30", "is served from 7.30". Not "open" or "close": shares open and close at
/// prices.
const EVENT_VERBS: &[&str] = &[
    "start",
    "starts",
    "started",
    "begin",
    "begins",
    "began",
    "end",
    "ends",
    "ended",
    "finish",
    "finishes",
    "finished",
    "arrive",
    "arrives",
    "arrived",
    "leave",
    "leaves",
    "left",
    "depart",
    "departs",
    "departed",
    "meet",
    "meets",
    "met",
    "served",
    "run",
    "runs",
    "kicks",
    "off",
    "land",
    "lands",
    "landed",
    "wake",
    "woke",
    "home",
    "back",
    "work",
    "works",
    "worked",
    "booked",
    "scheduled",
    "due",
    "shuts",
];

/// A time written the British way, with a period and no "am" or "pm": "starts at 9.00" →
/// "nine o'clock", "ends at 17.30" → "seventeen thirty", read as [`clock`] reads "9:00" and
/// "17:30" (espeak-ng said "nine point zero zero"; found by a fresh tester). Only
/// after "at", "from", "until" or "till" that follow a verb of [`EVENT_VERBS`], or after
/// "to", "until", "till" or "and" that follow such a time ("from 9.00 to 17.30"): in the
/// extraction dev set's true texts every other "at 4.25" was a price, a rate or a weight.
fn dotted_clock(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (h, m) = word.core.split_once('.')?;
    if h.len() > 2 || !all_digits(h) || h.parse::<u32>().ok()? > 23 {
        return None;
    }
    if !dotted_clock_context(w, i, 0) {
        return None;
    }
    let said = clock_words(h, m, false)?;
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// Time zones written after a time ("10.00 GMT", found by a fresh tester on a British page).
const TIME_ZONES: &[&str] = &[
    "GMT", "BST", "UTC", "CET", "CEST", "EET", "IST", "EST", "EDT", "CST", "CDT", "PST", "PDT",
    "AEST", "AEDT",
];

/// Things that happen at a time of day, named before "at" or "is" and a dotted time:
/// "Kick-off is at 19.45", "Closing time is 23.00", "Doors open at 7.30", "the last bus leaves
/// at 6.45" (they were "nineteen point four five"; found by a fresh tester).
const TIME_NOUNS: &[&str] = &[
    "kick-off",
    "kickoff",
    "doors",
    "time",
    "deadline",
    "curfew",
    "service",
    "mass",
    "show",
    "screening",
    "match",
    "game",
    "departure",
    "arrival",
    "sunset",
    "sunrise",
    "tide",
    "lunch",
    "dinner",
    "breakfast",
    "train",
    "bus",
    "flight",
    "ferry",
    "meeting",
    "ceremony",
    "bulletin",
    "programme",
    "broadcast",
    "performance",
    "concert",
    "talk",
    "lecture",
    "shift",
    "orders",
    "sale",
];

/// Whether one of [`TIME_NOUNS`] stands among the three words up to `k`, in its sentence.
fn time_noun_before(w: &[Word], k: usize) -> bool {
    (k.saturating_sub(2)..=k)
        .rev()
        .take_while(|&j| j == k || !w[j].trail.contains(['.', '!', '?', ';']))
        .any(|j| TIME_NOUNS.contains(&w[j].core.to_lowercase().as_str()))
}

/// Whether the dotted time at `i` stands where a time of day goes (see [`dotted_clock`]).
fn dotted_clock_context(w: &[Word], i: usize, depth: usize) -> bool {
    // "10.00 GMT": a time zone after it.
    if w.get(i + 1)
        .is_some_and(|n| TIME_ZONES.contains(&n.core) && w[i].trail.is_empty())
    {
        return true;
    }
    let joined = |k: usize| w[k].trail.is_empty() && w[k].lead.is_empty();
    let Some(p) = i.checked_sub(1).filter(|&p| joined(p)) else {
        return false;
    };
    let prep = w[p].core.to_lowercase();
    let before = p.checked_sub(1).filter(|&b| w[b].trail.is_empty());
    if matches!(prep.as_str(), "at" | "from" | "until" | "till")
        && before.is_some_and(|b| {
            EVENT_VERBS.contains(&w[b].core.to_lowercase().as_str()) || time_noun_before(w, b)
        })
    {
        return true;
    }
    // "from 9.30 until 12.30": a span "until" another dotted time is a span of the day
    // ("to" may join prices: "from 9.30 to 12.30 euros"; found by a fresh tester).
    let dotted = |k: usize| {
        w.get(k).is_some_and(|x| {
            x.core.split_once('.').is_some_and(|(h, m)| {
                (1..=2).contains(&h.len()) && all_digits(h) && m.len() == 2 && all_digits(m)
            })
        })
    };
    if prep == "from"
        && w.get(i + 1).is_some_and(|n| {
            joined(i) && matches!(n.core.to_lowercase().as_str(), "until" | "till")
        })
        && dotted(i + 2)
    {
        return true;
    }
    // "Closing time is 23.00", "Kick-off was 19.45".
    if matches!(prep.as_str(), "is" | "was" | "will" | "be") && time_noun_before(w, p) {
        return true;
    }
    if depth == 0 && matches!(prep.as_str(), "to" | "until" | "till" | "and") {
        return before.is_some_and(|b| {
            w[b].core.split_once('.').is_some_and(|(h, m)| {
                all_digits(h) && m.len() == 2 && all_digits(m) && dotted_clock_context(w, b, 1)
            })
        });
    }
    false
}

/// A time on the 24-hour clock written as four digits before "hours", the way the forces and
/// emergency services write it: "0800 hours" → "zero eight hundred hours", "at 1430 hrs" →
/// "fourteen thirty hours". With a leading zero always; otherwise only after "at", "by",
/// "until" or "from" ("1500 hours of practice" is a quantity). espeak-ng said "zero eight
/// zero zero" and "one thousand four hundred thirty" (found by a fresh tester).
///
/// Without "hours", a time with its leading zero after "at", "by", "until" or "from": "departs
/// Dover at 0600" → "zero six hundred" (it was "zero six zero zero"; found by a fresh tester),
/// or without one when a word of the day follows ([`DAY_WORDS`]): "leaves at 2300 tonight" →
/// "twenty-three hundred" (it was "two thousand three hundred"; "priced at 2300 dollars" is
/// a quantity).
///
/// Two such times joined ("from 2200 to 0600", "between 2200 and 0600") are both times when
/// one of them is ([`is_time_pair`]), and "hrs" may be run on ("1930hrs").
fn military_time(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    // "1930hrs": read as "at 1930 hrs" (run on, "hrs" makes the number a time).
    if let Some(digits) = word
        .core
        .strip_suffix("hrs")
        .filter(|d| d.len() == 4 && all_digits(d))
    {
        let words = [
            Word {
                lead: "",
                core: "at",
                trail: "",
            },
            Word {
                lead: word.lead,
                core: digits,
                trail: "",
            },
            Word {
                lead: "",
                core: "hrs",
                trail: word.trail,
            },
        ];
        return military_time(&words, 1).map(|(said, _)| (said, 1));
    }
    if word.core.len() != 4 || !all_digits(word.core) {
        return None;
    }
    let next = w
        .get(i + 1)
        .filter(|n| word.trail.is_empty() && n.lead.is_empty())
        .filter(|n| matches!(n.core, "hours" | "hrs" | "hr"));
    let (h, m) = word.core.split_at(2);
    let (hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if hour > 23 || minute > 59 {
        return None;
    }
    let after_time_word = i.checked_sub(1).is_some_and(|p| {
        w[p].trail.is_empty()
            && matches!(
                w[p].core.to_lowercase().as_str(),
                "at" | "by" | "until" | "from"
            )
    });
    let quantity = next.is_some_and(|n| {
        w.get(i + 2)
            .is_some_and(|of| n.trail.is_empty() && of.core == "of")
    });
    let zero_led = h.starts_with('0');
    let day_word_follows = word.trail.is_empty()
        && w.get(i + 1).is_some_and(|n| {
            n.lead.is_empty() && DAY_WORDS.contains(&n.core.to_lowercase().as_str())
        });
    let paired = is_time_pair(w, i) || i.checked_sub(2).is_some_and(|k| is_time_pair(w, k));
    let timed = match next {
        Some(_) => ((zero_led || after_time_word) && !quantity) || paired,
        None => ((zero_led || day_word_follows) && after_time_word) || paired,
    };
    if !timed {
        return None;
    }
    let hour_said = if zero_led {
        format!("zero {}", cardinal(u64::from(hour)))
    } else {
        cardinal(u64::from(hour))
    };
    let minute_said = match minute {
        0 => "hundred".to_string(),
        1..=9 => format!("oh {}", cardinal(u64::from(minute))),
        _ => cardinal(u64::from(minute)),
    };
    Some(match next {
        Some(n) => (
            format!("{}{hour_said} {minute_said} hours{}", word.lead, n.trail),
            2,
        ),
        None => (
            format!("{}{hour_said} {minute_said}{}", word.lead, word.trail),
            1,
        ),
    })
}

/// A split or lap time in hours, minutes and seconds written with unit letters, "1m 32s",
/// "2h 15m", "1h 5m 30s", "1m32.4s" → "one minute thirty-two seconds", "two hours fifteen
/// minutes": two or more parts, each a number and one of `h`, `m`, `s` in that order. "m"
/// alone is metres ("a 5m wall"); before seconds or after hours it is minutes (it was "one
/// meter 32s"; found by a fresh tester). Only the seconds may have a decimal part.
pub(super) fn duration_parts(w: &[Word], i: usize) -> Option<(String, usize)> {
    static PART: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d+)(?:\.(\d+))?([hms])").expect("duration part pattern"));
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d+h)?(?:\d+m)?(?:\d+(?:\.\d+)?s)?$").expect("duration pattern")
    });
    let first = w[i].core;
    if !first.starts_with(|c: char| c.is_ascii_digit())
        || !first.ends_with(['h', 'm', 's'])
        || !w[i].lead.is_empty()
    {
        return None;
    }
    // The words taken: glued ("1m32s") or one part a word ("1m 32s").
    let mut text = first.to_string();
    let mut used = 1;
    while w[i + used - 1].trail.is_empty() {
        let Some(next) = w.get(i + used) else { break };
        let candidate = format!("{text}{}", next.core);
        if !next.lead.is_empty() || !PART.is_match(next.core) || !WHOLE.is_match(&candidate) {
            break;
        }
        text = candidate;
        used += 1;
    }
    if !WHOLE.is_match(&text) {
        return None;
    }
    let parts: Vec<_> = PART.captures_iter(&text).collect();
    // Whole-part check: the parts must spell the text, with a decimal only on seconds.
    if parts.len() < 2 || parts.iter().map(|c| c[0].len()).sum::<usize>() != text.len() {
        return None;
    }
    let mut said = Vec::new();
    for c in &parts {
        let unit = match &c[3] {
            "h" => "hour",
            "m" => "minute",
            _ => "second",
        };
        let number = match c.get(2) {
            Some(frac) if unit == "second" => super::words::decimal(&c[1], frac.as_str()),
            Some(_) => return None,
            None => integer(&c[1]),
        };
        let one = c.get(2).is_none() && c[1].trim_start_matches('0') == "1";
        said.push(format!("{number} {unit}{}", if one { "" } else { "s" }));
    }
    Some((
        format!("{}{}{}", w[i].lead, said.join(" "), w[i + used - 1].trail),
        used,
    ))
}

/// True when the words at `i` are two 24-hour times joined by "to", "and", "until" or "till"
/// ("from 2200 to 0600"), one of them written with its leading zero or "hrs" after the second
/// ("pages from 1200 to 1300" are numbers).
fn is_time_pair(w: &[Word], i: usize) -> bool {
    let time = |k: usize| {
        w.get(k).is_some_and(|t| {
            let core = t.core.strip_suffix("hrs").unwrap_or(t.core);
            core.len() == 4
                && all_digits(core)
                && core[..2].parse::<u32>().is_ok_and(|h| h <= 23)
                && core[2..].parse::<u32>().is_ok_and(|m| m <= 59)
        })
    };
    let joined = w.get(i + 1).is_some_and(|j| {
        w[i].trail.is_empty()
            && j.trail.is_empty()
            && matches!(j.core, "to" | "and" | "until" | "till")
    });
    if !(time(i) && joined && time(i + 2)) {
        return false;
    }
    let zero_led = [i, i + 2].iter().any(|&k| w[k].core.starts_with('0'));
    let hours_after = w[i + 2].core.ends_with("hrs")
        || w.get(i + 3)
            .is_some_and(|n| w[i + 2].trail.is_empty() && matches!(n.core, "hours" | "hrs"));
    zero_led || hours_after
}

/// Words after a four-digit time that say it is one ("at 2300 tonight", "at 1400 GMT").
const DAY_WORDS: &[&str] = &[
    "tonight", "today", "tomorrow", "sharp", "local", "gmt", "utc", "zulu", "daily",
];

/// A time written with its "am" or "pm" run on ("6pm", "9.15pm", "11:30PM") in words: "six
/// p.m.", "nine fifteen p.m.". The hour is 1 to 12.
fn time_with_meridiem(s: &str) -> Option<String> {
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(s.len());
    let (time, suffix) = s.split_at(split);
    let mer = meridiem(suffix)?;
    Some(format!("{} {mer}", bare_time(time)?))
}

/// A time without "am" or "pm" in words, before one: "6" → "six", "9.15" → "nine fifteen".
/// The hour is 1 to 12.
fn bare_time(time: &str) -> Option<String> {
    let (h, m) = match time.split_once(['.', ':']) {
        Some((h, m)) => (h, Some(m)),
        None => (time, None),
    };
    let hour: u64 = h.parse().ok().filter(|_| all_digits(h) && h.len() <= 2)?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    match m {
        Some(m) => clock_words(h, m, true),
        None => Some(cardinal(hour)),
    }
}

/// A range of times with a hyphen: "6pm-11pm" → "six p.m. to eleven p.m.", "6-11pm" → "six to
/// eleven p.m.", "9.30am-5pm". espeak-ng reads the hyphen as a pause and says no "to". The
/// second time must carry its "am" or "pm", so "1-0" and "10-12" stay scores and ranges. An en
/// dash ("9am–5pm") is "to" before the rules run, and espeak-ng reads the rest right.
pub(super) fn time_range(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (a, b) = word.core.split_once('-')?;
    let to = time_with_meridiem(b)?;
    let from = time_with_meridiem(a).or_else(|| bare_time(a))?;
    // "p.m." brings its own period; a sentence-final one after it is not doubled.
    let trail = word.trail.strip_prefix('.').unwrap_or(word.trail);
    Some((format!("{}{from} to {to}{trail}", word.lead), 1))
}
