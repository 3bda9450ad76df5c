//! Written numbers and the plain forms built on them: percentages, ranges and scores, ratios,
//! fractions, ordinals, decades, "#1", a number with its unit, durations ("2h 22m", "2:03:45"),
//! thousands ("2.5K") and years.
//!
//! espeak-ng reads "52-48" as "fifty-two dash forty-eight", "2:1" as "two colon one", "-5" as
//! nothing, "3bn" as "three b n", "2h" as "two h", "1,00,000" as three numbers, "2.5K" as
//! "two point five kay" and "2:03:45" as "two three forty-five".

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::dates_times::{as_year, clock, decade, year_range};
use super::money::{bare_magnitude, pence};
use super::products::model_words;
use super::units::{
    after_feet, compound_unit, counted_before, length_unit, meters_or_million, modifies_noun,
    plural_noun, scale_name, unit_after,
};
use super::words::{cardinal, decimal, in_pairs, integer, ordinal, pluralize};
use super::{all_digits, capitalized, is_name, Word};

/// A proper fraction with a denominator from 2 to 10, 12 or 16 in words, for "… of": "2/4" →
/// "two quarters", "1/5" → "one fifth", "1/2" → "one half". None for others ("9/11", "24/7").
fn fraction_of(a: &str, b: &str) -> Option<String> {
    if !all_digits(a) || !all_digits(b) || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (n, d): (u64, u64) = (a.parse().ok()?, b.parse().ok()?);
    if !(1..d).contains(&n) || !((2..=10).contains(&d) || d == 12 || d == 16) {
        return None;
    }
    let part = match d {
        2 => "half".to_string(),
        4 => "quarter".to_string(),
        d => ordinal(&d.to_string()),
    };
    Some(match (n, d) {
        (1, _) => format!("one {part}"),
        (_, 2) => format!("{} halves", cardinal(n)),
        _ => format!("{} {part}s", cardinal(n)),
    })
}

/// Words before a number's plural that count or pick it: "the 9s of reliability", "under
/// 16s", "three 1s". Anywhere else "5s" is as often five seconds ("timeout 5s", "longer than
/// 5s", in the dev set's true texts) and is left to the engine.
const COUNTING_WORDS: [&str; 16] = [
    "the", "all", "under", "over", "these", "those", "some", "many", "two", "three", "four",
    "five", "six", "double", "triple", "rolling",
];

/// Whether "Ns" at `i` is a number's plural: after a word of [`COUNTING_WORDS`], or paired
/// with another ("1s and 0s", "6s or 7s").
fn counted(w: &[Word], i: usize) -> bool {
    let plural = |k: usize| {
        w.get(k).is_some_and(|x| {
            x.core
                .strip_suffix('s')
                .is_some_and(|d| all_digits(d) && d.len() <= 2)
        })
    };
    let joins = |k: usize| w.get(k).is_some_and(|x| matches!(x.core, "and" | "or"));
    let prev = i.checked_sub(1).filter(|&p| w[p].trail.is_empty());
    // "the 5s delay": a duration describing a noun.
    let before_noun = w[i].trail.is_empty()
        && w.get(i + 1).is_some_and(|n| {
            n.core.starts_with(char::is_lowercase)
                && !matches!(
                    n.core,
                    "of" | "and" | "or" | "are" | "were" | "appear" | "in" | "on"
                )
        });
    (prev.is_some_and(|p| COUNTING_WORDS.contains(&w[p].core.to_lowercase().as_str()))
        && !before_noun)
        || (w[i].trail.is_empty() && joins(i + 1) && plural(i + 2))
        || (prev.is_some_and(joins) && i >= 2 && plural(i - 2))
}

/// A number grouped by thousands with spaces, as the SI brochure and most of Europe write it:
/// "10 000", "1 234 567" (the no-break and narrow no-break spaces are plain spaces by now).
static SPACED_THOUSANDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,3}(?: \d{3})+\b").expect("a valid pattern"));

/// `text` with numbers grouped by spaces written with commas, "10 000 units" → "10,000 units",
/// which the number rules read ("ten thousand"; espeak-ng said "ten zero zero zero"; found by
/// a fresh tester). Only round thousands or three groups and more (see below), and not beside
/// other digits, points or commas ("1.5 000", "2,000 000").
pub(super) fn join_spaced_thousands(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| c.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    SPACED_THOUSANDS.replace_all(text, |c: &regex::Captures| {
        let m = c.get(0).expect("the whole match");
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let after_two: String = text[m.end()..].chars().take(2).collect();
        let touches = before
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, '.' | ',' | '-' | '+' | '/' | ':'))
            || after.is_some_and(|a| a.is_ascii_digit())
            || (matches!(after, Some('.' | ',' | '/' | ':' | '-'))
                && after_two.chars().nth(1).is_some_and(|d| d.is_ascii_digit()));
        let groups: Vec<&str> = m.as_str().split(' ').collect();
        // "10 000", "2 000 000" or three groups or more ("1 234 567"): "24 100", "Ryzen 7
        // 200" and "out of 5 100" in the dev set's true texts were two numbers side by side.
        let round = groups[1..].iter().all(|g| *g == "000");
        let grouped = groups.len() >= 3 && groups[0].len() <= 2 && !groups[0].starts_with('0');
        // A list of numbers ("error_page 500 502 503 504", "+1 602 827 2456") is no number.
        let listed = text[..m.start()]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
            || text[m.end()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if touches || listed || !(round || grouped) {
            m.as_str().to_string()
        } else {
            groups.join(",")
        }
    })
}

/// Arithmetic operators written as words of their own: "x^2 + 2x = 3".
const OPERATORS: [&str; 6] = ["+", "-", "=", "\u{2212}", "<", ">"];

/// Whether the word at `i` stands beside an operator between two terms, a term of an
/// equation ("x^2 + 2x = 3"); a dash opening a list item ("- 10x your output") is none.
fn beside_operator(w: &[Word], i: usize) -> bool {
    let operator = |k: usize| {
        w.get(k)
            .is_some_and(|o| OPERATORS.contains(&o.core) && o.lead.is_empty() && o.trail.is_empty())
    };
    let term = |k: usize| w.get(k).is_some_and(|t| t.trail.is_empty() || k > i);
    (i >= 2 && w[i - 1].trail.is_empty() && operator(i - 1) && term(i - 2))
        || (w[i].trail.is_empty() && operator(i + 1) && term(i + 2))
}

/// Words after a pair that show what the pair is: a blood pressure ("120/80 mmHg", "one
/// hundred twenty over eighty"), odds ("a 7/2 shot", "the 2/1 favourite", "seven to two") and
/// a cricket score ("287/6 declared", "two hundred eighty-seven for six").
const PAIR_AFTER: [(&str, &str); 9] = [
    ("mmHg", "over"),
    ("votes", "to"),
    ("favourite", "to"),
    ("favorite", "to"),
    ("shot", "to"),
    ("chance", "to"),
    ("declared", "for"),
    ("dec", "for"),
    ("overs", "for"),
];

/// Words a few before a pair that show what it is: "blood pressure of 120/80", "odds of 3/1",
/// "were 287/6 at stumps" (a cricket score is told by the words after it).
/// Marks and votes too: "The exam mark was 45/60", "Score: 18/20" ("forty-five out of sixty"),
/// "The vote was 310/290" ("three hundred ten to two hundred ninety"); they were said as two
/// numbers (found by a fresh tester). Compared case-insensitively.
const PAIR_BEFORE: [(&str, &str); 17] = [
    ("pressure", "over"),
    ("BP", "over"),
    ("odds", "to"),
    // "priced at 100/1 before the race", "backed at 5/1", "a bet at 9/2", "his GCS was 14/15"
    // (a fresh tester heard "one hundred one" and "fourteen fifteen").
    ("priced", "to"),
    ("backed", "to"),
    ("bet", "to"),
    ("GCS", "out of"),
    ("mark", "out of"),
    ("marks", "out of"),
    ("score", "out of"),
    ("scored", "out of"),
    ("rated", "out of"),
    ("rating", "out of"),
    ("grade", "out of"),
    ("vote", "to"),
    ("votes", "to"),
    ("voted", "to"),
];

/// Words before a cricket score with no other cue: "England were 150/3", "reached 287/6".
const SCORE_VERBS: [&str; 5] = ["were", "was", "reached", "closed", "finished"];

/// A pair of whole numbers with a slash that is no fraction, date or score out of ten, when
/// the words around say what it is ([`PAIR_AFTER`], [`PAIR_BEFORE`]): "a blood pressure of
/// 120/80" → "one hundred twenty over eighty", "odds of 3/1" → "three to one", "287/6 at
/// stumps" → "two hundred eighty-seven for six". espeak-ng said the two numbers, or a
/// fraction ("three quarters" for odds of 3/4; found by a fresh tester).
fn slash_pair(w: &[Word], i: usize, a: &str, b: &str) -> Option<(String, usize)> {
    if !all_digits(a) || !all_digits(b) || a.len() > 3 || b.len() > 3 {
        return None;
    }
    let after = (1..=3).find_map(|k| {
        let n = w.get(i + k)?;
        if k == 1 && !w[i].trail.is_empty() {
            return None;
        }
        if n.core == "stumps" || n.core == "innings" {
            return Some("for");
        }
        PAIR_AFTER
            .iter()
            .find(|(word, _)| k == 1 && *word == n.core)
            .map(|(_, join)| *join)
    });
    let before = || {
        (1..=4).find_map(|k| {
            let p = w.get(i.checked_sub(k)?)?;
            if k > 1 && p.trail.ends_with(['.', ';', '!', '?']) {
                return None;
            }
            // A price's verb names odds only with "at" before the pair ("priced at 100/1"; "a
            // service priced 24/7", "backed 9/11 families" are not odds).
            let needs_at = matches!(p.core, "priced" | "backed" | "bet");
            if needs_at && !(k == 2 && w[i - 1].core == "at") {
                return None;
            }
            PAIR_BEFORE
                .iter()
                .find(|(word, _)| word.eq_ignore_ascii_case(p.core))
                .map(|(_, join)| *join)
        })
    };
    // A team's runs for its wickets: more runs than any date's day or month, ten wickets at
    // most, after "were" or "reached" ("England were 150/3 at lunch").
    let wickets = || {
        let (runs, out) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
        // "finished on 245/6", "closed at 287/4".
        let verb = |k: usize| w[k].trail.is_empty() && SCORE_VERBS.contains(&w[k].core);
        let after_verb = i > 0
            && (verb(i - 1)
                || (i > 1
                    && matches!(w[i - 1].core, "on" | "at")
                    && w[i - 1].trail.is_empty()
                    && verb(i - 2)));
        (runs > 31 && out <= 10 && after_verb).then_some("for")
    };
    // "a 50/50 chance": "fifty-fifty".
    if a == "50" && b == "50" {
        return Some((format!("{}fifty-fifty{}", w[i].lead, w[i].trail), 1));
    }
    let join = after.or_else(before).or_else(wickets)?;
    let said = format!("{} {join} {}", integer(a), integer(b));
    // "120/80 mmHg": the unit is said once, after the pair.
    match w
        .get(i + 1)
        .filter(|n| w[i].trail.is_empty() && n.core == "mmHg")
    {
        Some(unit) => Some((
            format!("{}{said} millimeters of mercury{}", w[i].lead, unit.trail),
            2,
        )),
        None => Some((format!("{}{said}{}", w[i].lead, w[i].trail), 1)),
    }
}

/// A decimal written without its leading zero, ".63 amps", "at .57 billion": "point six
/// three" (espeak-ng said "dot sixty-three"; 43 chunks of the dev set's true texts, found by
/// a fresh tester). Only a word of its own (a space before the point), so "file.63" and
/// version numbers are left alone.
pub(super) fn leading_point(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let digits_after = word.core.strip_prefix('.')?;
    if !all_digits(digits_after) || digits_after.len() > 6 || !word.lead.is_empty() {
        return None;
    }
    // "hitting .312", "a .300 hitter", ".289 average": a batting average, said as a number of
    // thousandths, "three twelve", "three hundred" (it was "point three one two"; found by a
    // fresh tester).
    let baseball = |k: usize| {
        w.get(k).is_some_and(|x| {
            matches!(
                x.core.to_lowercase().as_str(),
                "hitting" | "batting" | "batted" | "hit" | "average" | "avg" | "hitter" | "ba"
            )
        })
    };
    if digits_after.len() == 3
        && ((i > 0 && baseball(i - 1)) || (word.trail.is_empty() && baseball(i + 1)))
    {
        let (first, rest) = digits_after.split_at(1);
        let said = match rest {
            "00" => format!("{} hundred", integer(first)),
            r if r.starts_with('0') => format!("{} oh {}", integer(first), integer(&r[1..])),
            r => format!("{} {}", integer(first), integer(r)),
        };
        return Some((format!("{said}{}", word.trail), 1));
    }
    let said = format!("point {}", super::words::digits(digits_after));
    Some((format!("{said}{}", word.trail), 1))
}

/// Words before a number given within its chapter, "Figure 4-1": read "four dash one".
/// Compared case-insensitively.
const NUMBERED_BY_CHAPTER: [&str; 10] = [
    "figure", "fig", "table", "listing", "example", "exhibit", "equation", "eq", "chart", "plate",
];

/// Fractions people say by name; other "a/b" pairs are read as two numbers ("24/7").
const FRACTIONS: [(&str, &str); 5] = [
    ("1/2", "one half"),
    ("1/3", "one third"),
    ("2/3", "two thirds"),
    ("1/4", "one quarter"),
    ("3/4", "three quarters"),
];

/// Fractions of an inch (and of other imperial measures), said by name in a list of sizes or
/// dimensions (see [`in_dimensions`]): the denominator and its ordinal.
const INCH_DENOMINATORS: [(&str, &str); 4] = [
    ("8", "eighth"),
    ("16", "sixteenth"),
    ("32", "thirty-second"),
    ("64", "sixty-fourth"),
];

/// Units a written size is given in: after a number they make it a dimension ("3/8 in.", "37
/// inches", "5 mm"). "in" only ends a phrase ([`in_dimensions`]), since it is also a word.
const DIMENSION_UNITS: [&str; 22] = [
    "in",
    "inch",
    "inches",
    "mm",
    "cm",
    "m",
    "ft",
    "foot",
    "feet",
    "yd",
    "yard",
    "yards",
    "\u{2033}",
    "\"",
    "meters",
    "metres",
    "meter",
    "metre",
    "centimeters",
    "centimetres",
    "millimeters",
    "millimetres",
];

/// How a times sign between dimensions is written ("3/8 x 4 x 37", "3 × 4 m").
const TIMES_SIGNS: [&str; 3] = ["x", "X", "\u{d7}"];

/// A fraction in words: one of [`FRACTIONS`] ("1/2" → "one half"), or, with `sized` (the
/// fraction is a size: see [`in_dimensions`]), a fraction of an inch ("3/8" → "three eighths",
/// "1/16" → "one sixteenth"). Outside sizes "3/8" stays two numbers, as it may be a date.
pub(super) fn fraction_name(core: &str, sized: bool) -> Option<String> {
    if let Some((_, said)) = FRACTIONS.iter().find(|(f, _)| *f == core) {
        return Some((*said).to_string());
    }
    if !sized || !inch_fraction(core) {
        return None;
    }
    let (a, b) = core.split_once('/')?;
    let (_, name) = INCH_DENOMINATORS.iter().find(|(d, _)| *d == b)?;
    let n: u64 = a.parse().ok()?;
    Some(match n {
        1 => format!("one {name}"),
        n => format!("{} {name}s", cardinal(n)),
    })
}

/// Whether `core` is a proper fraction with a denominator of a ruler or a drill set (2, 4, 8,
/// 16, 32 or 64): "1/2", "3/8", "5/16"; not "24/7", "9/11" or "8/3".
fn inch_fraction(core: &str) -> bool {
    let Some((a, b)) = core.split_once('/') else {
        return false;
    };
    let (Ok(n), Ok(d)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    all_digits(a) && all_digits(b) && matches!(d, 2 | 4 | 8 | 16 | 32 | 64) && 0 < n && n < d
}

/// Whether the number at `i` is given as a size: an inch mark after it (`3/8"`), a length unit
/// ("37 inches", "5 mm", "3/8 in." at a phrase's end), or a fraction of an inch beside it in a
/// list ("1/2, 3/8, 5/16"; "1/4 or 3/8").
fn measured(w: &[Word], i: usize) -> bool {
    let word = w[i];
    let unit = word.trail.is_empty()
        && w.get(i + 1).is_some_and(|n| {
            n.lead.is_empty()
                && DIMENSION_UNITS.contains(&n.core)
                && (n.core != "in" || !n.trail.is_empty() || i + 2 == w.len())
        });
    let listed = |k: usize| w.get(k).is_some_and(|x| inch_fraction(x.core));
    let joined = |k: usize| {
        w.get(k)
            .is_some_and(|x| matches!(x.core, "and" | "or" | "to"))
    };
    let beside = (i > 0 && listed(i - 1))
        || listed(i + 1)
        || (i > 1 && joined(i - 1) && listed(i - 2))
        || (joined(i + 1) && listed(i + 2));
    word.trail.starts_with(['"', '\u{2033}']) || unit || beside
}

/// Whether the word at `k` is a times sign standing alone ("x", "×").
fn times_sign(w: &[Word], k: usize) -> bool {
    w.get(k)
        .is_some_and(|x| TIMES_SIGNS.contains(&x.core) && x.lead.is_empty() && x.trail.is_empty())
}

/// Whether the number at `i` is a size or a dimension, which a fraction or a list of sizes
/// reads as such rather than as a date: "cut boards 3/8 x 4 x 37 inches", "sizes 1/2, 3/8,
/// 5/16", "3/8/37 mm". True next to a times sign or when [`measured`].
pub(super) fn in_dimensions(w: &[Word], i: usize) -> bool {
    (i > 0 && times_sign(w, i - 1))
        || (w[i].trail.is_empty() && times_sign(w, i + 1))
        || measured(w, i)
}

/// A times sign between dimensions, "by": "3/8 x 4 x 37 inches" → "three eighths by four by
/// thirty-seven inches", "3 × 4 m" → "three by four meters". Only where the numbers it joins
/// are sizes (a unit, an inch mark or a fraction of an inch among them, see [`measured`]); "3 x
/// 4" alone may be arithmetic and is left to the engine ("x", "times").
pub(super) fn dimension_by(w: &[Word], i: usize) -> Option<(String, usize)> {
    if !times_sign(w, i) || i == 0 {
        return None;
    }
    // A number, or one with its unit run on ("30cm x 20cm", found by a tester).
    let glued = |core: &str| {
        let (n, unit) = number_prefix(core);
        !n.is_empty() && DIMENSION_UNITS.contains(&unit)
    };
    let number = |k: usize| {
        w.get(k).is_some_and(|x| {
            x.lead.is_empty()
                && x.core.starts_with(|c: char| c.is_ascii_digit())
                && (x.core.ends_with(|c: char| c.is_ascii_digit()) || glued(x.core))
        })
    };
    // The number before the sign, perhaps with its unit ("3 mm x 4 mm").
    let before = if number(i - 1) {
        i - 1
    } else if i >= 2 && DIMENSION_UNITS.contains(&w[i - 1].core) && number(i - 2) {
        i - 2
    } else {
        return None;
    };
    if !number(i + 1) {
        return None;
    }
    // The numbers of the chain: back and forth over times signs.
    let mut first = before;
    while first >= 2 && times_sign(w, first - 1) && number(first - 2) {
        first -= 2;
    }
    let mut last = i + 1;
    while times_sign(w, last + 1) && number(last + 2) {
        last += 2;
    }
    let sized = (first..=last)
        .step_by(2)
        .any(|k| measured(w, k) || inch_fraction(w[k].core) || glued(w[k].core))
        || measured(w, before);
    sized.then(|| ("by".to_string(), 1))
}

/// A screen's or an image's size in pixels, "1920x1080", "2560 x 1440", "800×600": "nineteen
/// twenty by ten eighty", each side of four digits said in pairs as people say resolutions
/// (espeak-ng said "one thousand nine hundred twenty ex one thousand eighty"; found by a
/// fresh tester). Both sides of three or four digits: smaller ones ("3 x 4") may be
/// arithmetic and are left to [`dimension_by`].
pub(super) fn pixel_size(w: &[Word], i: usize) -> Option<(String, usize)> {
    let side = |d: &str| (d.len() == 3 || d.len() == 4) && all_digits(d) && !d.starts_with('0');
    let say = |d: &str| {
        let n: u64 = d.parse().unwrap_or(0);
        if d.len() == 4 && !n.is_multiple_of(1000) {
            in_pairs(n / 100, n % 100)
        } else {
            integer(d)
        }
    };
    let word = w[i];
    let glued = word
        .core
        .split_once(['x', '\u{d7}'])
        .filter(|(a, b)| side(a) && side(b));
    if let Some((a, b)) = glued {
        return Some((
            format!("{}{} by {}{}", word.lead, say(a), say(b), word.trail),
            1,
        ));
    }
    let last = w.get(i + 2)?;
    (side(word.core)
        && word.trail.is_empty()
        && times_sign(w, i + 1)
        && last.lead.is_empty()
        && side(last.core))
    .then(|| {
        (
            format!(
                "{}{} by {}{}",
                word.lead,
                say(word.core),
                say(last.core),
                last.trail
            ),
            3,
        )
    })
}

/// Measures a fraction is said of ("1/2 cup" → "half a cup"), in the singular; written in the
/// singular or the plural ("cups", "inches"). Unit abbreviations ("tsp", "lb") are read by
/// [`unit_after`].
const MEASURES: [&str; 16] = [
    "cup",
    "teaspoon",
    "tablespoon",
    "pint",
    "quart",
    "gallon",
    "pound",
    "ounce",
    "inch",
    "mile",
    "hour",
    "liter",
    "litre",
    "stick",
    "glass",
    "bottle",
];

/// Words that make "a:b" a ratio even where it could be a clock time ("a 16:10 ratio", "a
/// scale of 1:50", "odds of 10:30"). Compared case-insensitively.
/// Dilution's words too ("a 1:10 dilution"); before the pair a word of diluting counts up to
/// three words back ("Dilute it 1:10 with water"; it was "one ten", found by a fresh tester).
const RATIO_WORDS: [&str; 8] = [
    "ratio", "ratios", "scale", "odds", "dilute", "diluted", "dilution", "diluting",
];

/// Words after a number and a "K" that make it a name, not thousands: races ("a 10K run"),
/// screens ("a 4K TV").
const K_NAMES: [&str; 10] = [
    "run",
    "runs",
    "race",
    "races",
    "walk",
    "TV",
    "TVs",
    "video",
    "screen",
    "resolution",
];

/// A written number: sign, integer digits (commas removed) and optional decimals.
pub(super) struct Num<'a> {
    pub(super) sign: Option<&'static str>,
    pub(super) int: String,
    pub(super) frac: Option<&'a str>,
}

impl Num<'_> {
    /// The number in words: "-1,200.5" → "minus one thousand two hundred point five".
    pub(super) fn read(&self) -> String {
        let body = match self.frac {
            Some(f) => decimal(&self.int, f),
            None => integer(&self.int),
        };
        match self.sign {
            Some(s) => format!("{s} {body}"),
            None => body,
        }
    }

    /// The number as a percentage is said: trailing zeros of its decimals are not read
    /// ("4.50%" → "four point five percent", "3.0%" → "three percent"; a table's column of
    /// rates written to two places was heard as "four point five zero percent").
    pub(super) fn read_percent(&self) -> String {
        let frac = self
            .frac
            .map(|f| f.trim_end_matches('0'))
            .filter(|f| !f.is_empty());
        Num {
            sign: self.sign,
            int: self.int.clone(),
            frac,
        }
        .read()
    }

    /// Whether a unit after it is singular ("1 km" but "1.5 km", "2 km").
    pub(super) fn is_one(&self) -> bool {
        self.int == "1" && self.frac.is_none()
    }

    /// Whether it is a whole number without a sign.
    pub(super) fn is_whole(&self) -> bool {
        self.sign.is_none() && self.frac.is_none()
    }
}

/// Parses a written number: an optional sign, digits grouped by commas in thousands
/// ("1,200,000") or in the South Asian way, a lakh and a crore ("1,00,000", "12,34,56,789"),
/// and optional decimals after a period. None for anything else.
pub(super) fn parse_number(s: &str) -> Option<Num<'_>> {
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
    let last = groups.len() - 1;
    let thousands =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let lakhs = groups.len() >= 3
        && groups[0].len() <= 2
        && groups[1..last].iter().all(|g| g.len() == 2)
        && groups[last].len() == 3;
    if !(thousands || lakhs) || !groups.iter().all(|g| all_digits(g)) {
        return None;
    }
    Some(Num {
        sign,
        int: groups.concat(),
        frac,
    })
}

/// Splits "1.5bn" into ("1.5", "bn"): the longest numeric prefix and the rest.
pub(super) fn number_prefix(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len());
    s.split_at(end)
}

/// Words after which a number from 100 to 599 is an HTTP status code.
const STATUS_BEFORE: [&str; 5] = ["HTTP", "error", "Error", "status", "Status"];

/// Words before which a number from 100 to 599 is an HTTP status code: all but "error",
/// "errors" and "Not" only for 4xx and 5xx ("a 404 page", "502 Bad Gateway", "503 Service
/// Unavailable"; not "a 160 page guide", "200 Service members").
const STATUS_AFTER: [&str; 11] = [
    "error",
    "errors",
    "page",
    "Not",
    "Bad",
    "Internal",
    "Service",
    "Gateway",
    "Forbidden",
    "Unauthorized",
    "Too",
];

/// An HTTP status code, said as engineers say it: "HTTP 404" → "four oh four", "a 503 error"
/// → "five oh three", "error 418" → "four eighteen", "500 error" → "five hundred" (it was "four
/// hundred four"; found by a fresh tester).
pub(super) fn status_code(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let n: u64 = word
        .core
        .parse()
        .ok()
        .filter(|n| (100..600).contains(n) && word.core.len() == 3)?;
    let before = i
        .checked_sub(1)
        .map(|k| w[k])
        .is_some_and(|p| p.trail.is_empty() && STATUS_BEFORE.contains(&p.core));
    // "status 502, 503 or 504": the codes after the first in a list (each was read as a
    // number; found by a fresh tester).
    let code = |k: usize| {
        w[k].core.len() == 3
            && w[k]
                .core
                .parse::<u64>()
                .is_ok_and(|n| (400..600).contains(&n))
    };
    let listed = n >= 400
        && i >= 2
        && ((code(i - 1) && w[i - 1].trail == ",")
            || (matches!(w[i - 1].core, "or" | "and") && code(i - 2)))
        && (i.saturating_sub(8)..i)
            .any(|k| w[k].trail.is_empty() && STATUS_BEFORE.contains(&w[k].core));
    let before = before || listed;
    // "a 404 page" is an error page; "a 160 page guide" is a length.
    let after = word.trail.is_empty()
        && w.get(i + 1).is_some_and(|next| {
            next.lead.is_empty()
                && STATUS_AFTER.contains(&next.core)
                && (matches!(next.core, "error" | "errors" | "Not") || n >= 400)
        });
    if !(before || after) {
        return None;
    }
    let said = in_pairs(n / 100, n % 100);
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// Two numbers of up to four digits joined by a hyphen ("23-719"), as a docket's or a law's
/// number is written after its name ([`IDENTIFIER_NAMES`], "No.").
pub(super) fn identifier_pair(s: &str) -> Option<(&str, &str)> {
    let (a, b) = s.split_once('-')?;
    let fits = |p: &str| (1..=4).contains(&p.len()) && all_digits(p);
    (fits(a) && fits(b)).then_some((a, b))
}

/// Names after which two hyphenated numbers are an identifier, not a range: a docket ("No.
/// 23-719", "Docket 22-451"), a law ("Public Law 117-169"), a case, an order, a resolution;
/// capitalised only ("in this case 2-3 people" is a range).
const IDENTIFIER_NAMES: &[&str] = &["No", "Nos", "Docket", "Law", "Case", "Order", "Resolution"];

/// Three to six numbers of one to three digits joined by hyphens: a team's record ("28-15-6"),
/// a golfer's rounds ("65-68-70-69"), a countdown or a rule ("the 3-2-1 rule"), a formation
/// ("4-4-2"), a relay number ("7-1-1"). Each number is said in turn, as sportscasters say
/// them ("twenty-eight fifteen six"); espeak-ng said "twenty-eight dash fifteen dash six"
/// (found by a fresh tester; 141 in the extraction dev set's true texts, phone numbers and
/// dates among them, which their own rules read first).
pub(super) fn number_run(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let parts: Vec<&str> = word.core.split('-').collect();
    // "the 1-800 number", "a 1-888 line": a US toll-free prefix, as it is said ("one eight
    // hundred", "one eight eight eight"); it was a range, "one to eight hundred" (found by a
    // fresh tester).
    if let ["1", prefix @ ("800" | "888" | "877" | "866" | "855" | "844" | "833")] = parts[..] {
        let said = if prefix == "800" {
            "one eight hundred".to_string()
        } else {
            let d = cardinal(u64::from(prefix.as_bytes()[1] - b'0'));
            format!("one eight {d} {d}")
        };
        return Some((format!("{}{said}{}", word.lead, word.trail), 1));
    }
    // "No. 23-719", "Public Law 117-169", "Case 2:24-cv" aside: a docket or law number after
    // its name is an identifier, its parts said as model numbers are ("twenty-three seven
    // nineteen"); it was a range, "twenty-three to seven hundred nineteen" (found by a fresh
    // tester).
    let named = i > 0 && IDENTIFIER_NAMES.contains(&w[i - 1].core);
    if let Some((a, b)) = identifier_pair(word.core).filter(|_| named) {
        let said = format!("{} {}", model_words(a), model_words(b));
        return Some((format!("{}{said}{}", word.lead, word.trail), 1));
    }
    let fits = (3..=6).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && all_digits(p));
    if !fits {
        return None;
    }
    let said: Vec<String> = parts
        .iter()
        .map(|p| cardinal(p.parse().unwrap_or(0)))
        .collect();
    Some((format!("{}{}{}", word.lead, said.join(" "), word.trail), 1))
}

/// Numbers and the forms built on them: percentages, units, ranges and scores, ratios,
/// ordinals, decades, fractions, "#1", clock times, years and plain numbers.
pub(super) fn number_forms(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let core = word.core;
    let next = w.get(i + 1).filter(|_| word.trail.is_empty());
    let wrap = |said: String| Some((format!("{}{said}{}", word.lead, word.trail), 1));

    if let Some(n) = core.strip_suffix('%').and_then(parse_number) {
        return wrap(format!("{} percent", n.read_percent()));
    }
    // "2,5%": a decimal comma, as most of Europe writes it; a comma before one or two digits
    // groups no thousands (it was "two five percent"; found by a fresh tester).
    if let Some((int, frac)) = core.strip_suffix('%').and_then(|n| n.split_once(',')) {
        if all_digits(int) && int.len() <= 3 && all_digits(frac) && frac.len() <= 2 {
            return wrap(format!("{} percent", decimal(int, frac)));
        }
    }
    // A mixed number, "1 1/2 cups": "one and a half cups" (it was "one one half"); a unit
    // after it is plural, "1 1/2 tsp" → "one and a half teaspoons".
    if let Some(next) = next.filter(|n| all_digits(core) && core.len() <= 3 && n.lead.is_empty()) {
        // A whole number and a fraction is a size, so eighths count too: "1 3/8" → "one and
        // three eighths".
        if let Some(said) = fraction_name(next.core, true) {
            let part = match said.strip_prefix("one ") {
                Some(s) if s.starts_with('e') => format!("an {s}"),
                Some(s) => format!("a {s}"),
                None => said.clone(),
            };
            let mixed = format!("{}{} and {part}", word.lead, integer(core));
            let unit_word = w
                .get(i + 2)
                .filter(|u| next.trail.is_empty() && u.lead.is_empty());
            if let Some(u) = unit_word {
                if let Some((one, many)) = unit_after("2", u.core, w) {
                    let unit = if modifies_noun(w, i, i + 2) {
                        one
                    } else {
                        many
                    };
                    return Some((format!("{mixed} {unit}{}", measure_trail(w, i + 2)), 3));
                }
            }
            return Some((format!("{mixed}{}", next.trail), 2));
        }
    }
    // "'80s": the century is understood.
    if let Some(tens) = core.strip_prefix('\'').and_then(|c| c.strip_suffix('s')) {
        if tens.len() == 2 && all_digits(tens) && tens.ends_with('0') {
            return wrap(decade(tens)?);
        }
    }
    // "401(k)", "403(b)": American retirement plans, named by the tax code's section, said
    // "four oh one k" (it was "four hundred one k").
    // (The closing bracket is in the word's trail.)
    if let (Some((digits, letter)), Some(rest)) =
        (core.split_once('('), word.trail.strip_prefix(')'))
    {
        if digits.len() == 3
            && all_digits(digits)
            && letter.len() == 1
            && digits.as_bytes()[1] == b'0'
        {
            let said = format!(
                "{} oh {} {letter}",
                integer(&digits[..1]),
                integer(&digits[2..])
            );
            return Some((format!("{}{said}{rest}", word.lead), 1));
        }
    }
    if let Some(rest) = core.strip_prefix('#') {
        if all_digits(rest) {
            return wrap(format!("number {}", integer(rest)));
        }
    }
    // "a 2x4 board", "a 10x12 room", "4x4": a size, "two by four" (espeak-ng: "two ex
    // four"; found by a tester). Up to three digits a side, not "0x…" (hexadecimal);
    // "1920x1080" was read by [`pixel_size`].
    if let Some((a, b)) = core.split_once(['x', '×']) {
        let side = |s: &str| all_digits(s) && s.len() <= 3 && !s.starts_with('0');
        // "24x7", like "24/7", is round the clock: "twenty-four seven".
        if a == "24" && matches!(b, "7" | "365") {
            return wrap(format!("twenty-four {}", integer(b)));
        }
        if side(a) && side(b) {
            return wrap(format!("{} by {}", integer(a), integer(b)));
        }
        // "a 9x13-inch dish", "a 4x6-foot rug": the size's unit joined to it.
        if let Some((b, unit)) = b.split_once('-') {
            if side(a)
                && side(b)
                && matches!(
                    unit,
                    "inch" | "foot" | "ft" | "cm" | "mm" | "meter" | "metre"
                )
            {
                let unit = if unit == "ft" { "foot" } else { unit };
                return wrap(format!("{} by {}-{unit}", integer(a), integer(b)));
            }
        }
    }
    // Ranges and scores: "10-12", "52-48" → "to". Phone numbers ("555-0148") were read before.
    if let Some((a, b)) = core.split_once('-') {
        // "Figure 4-1", "Listing 9-6": a number within a chapter, "four dash one" (55 chunks of
        // the dev set's true texts were "four to one"; found by a fresh tester).
        let numbered = i.checked_sub(1).is_some_and(|k| {
            w[k].trail.is_empty()
                && NUMBERED_BY_CHAPTER
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(w[k].core))
        });
        if numbered && all_digits(a) && all_digits(b) && a.len() <= 3 && b.len() <= 3 {
            return wrap(format!("{} dash {}", integer(a), integer(b)));
        }
        // "between 5-20 items": "between five and twenty".
        let join = if i > 0
            && w[i - 1].core.eq_ignore_ascii_case("between")
            && w[i - 1].trail.is_empty()
        {
            "and"
        } else {
            "to"
        };
        // "4.25%-4.50%": a percentage on each side.
        if let (Some(x), Some(y)) = (
            a.strip_suffix('%').and_then(parse_number),
            b.strip_suffix('%').and_then(parse_number),
        ) {
            return wrap(format!(
                "{} percent {join} {} percent",
                x.read_percent(),
                y.read_percent()
            ));
        }
        // "1960s-70s", "the '80s-'90s": a span of decades, "nineteen sixties to seventies".
        // espeak-ng says "nineteen sixties z, seventies z".
        if let (Some(from), Some(to)) = (decade_word(a), decade_word(b)) {
            return wrap(format!("{from} to {to}"));
        }
        // "Open 24-7", like "24/7": round the clock.
        if a == "24" && b == "7" {
            return wrap("twenty-four seven".to_string());
        }
        // "a 1970-style car", "1990-era terms": a year joined to a word of time or manner
        // ("a 1250-word essay" is a count, read below).
        const YEAR_WORDS: [&str; 6] = ["style", "era", "vintage", "inspired", "like", "esque"];
        if let Some(y) = (a.len() == 4 && all_digits(a) && YEAR_WORDS.contains(&b))
            .then(|| as_year(a, None, None))
            .flatten()
        {
            return wrap(format!("{y}-{b}"));
        }
        // "a 1990s-era car", "'80s-style": a decade joined to a word ("nineteen hundred
        // ninety zero-a" before; found by a fresh tester).
        if let Some(decade) = decade_word(a)
            .filter(|_| !b.is_empty() && b.chars().all(|c| c.is_alphabetic() || c == '-'))
        {
            return wrap(format!("{decade}-{b}"));
        }
        // "a 50-50 chance", "a 1-1 draw": the same number twice is said as one compound,
        // "fifty-fifty" ("fifty to fifty" before); not "3-3 1/2 inches", a range.
        let fraction_next = w
            .get(i + 1)
            .is_some_and(|n| n.core.starts_with(|c: char| c.is_ascii_digit()));
        if a == b && all_digits(a) && a.len() <= 3 && !fraction_next {
            let n = integer(a);
            return wrap(format!("{n}-{n}"));
        }
        // "the 2002-03 season": a year and the last two digits of the next, "oh three".
        if let Some(span) = (b.len() == 2).then(|| year_range(a, b)).flatten() {
            return Some(range_with_unit(w, i, b, span));
        }
        if all_digits(a) && all_digits(b) && a.len() <= 4 && b.len() <= 4 {
            let read = |s: &str| as_year(s, None, None).unwrap_or_else(|| integer(s));
            let range = format!("{} {join} {}", read(a), read(b));
            return Some(range_with_unit(w, i, b, range));
        }
        // "2.5-3.5 inches", "1,200-1,500 jobs": a range of decimals or of numbers grouped in
        // thousands (espeak-ng said "two point five dash three point five"; found by a fresh
        // tester). Not a decimal run into a word ("1.5-litre", a compound).
        let plain = |s: &str| {
            s.contains(['.', ','])
                && s.bytes()
                    .all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
                && s.len() <= 13
        };
        if let (true, Some(from), Some(to)) = (
            (plain(a) || all_digits(a)) && (plain(b) || all_digits(b)),
            parse_number(a),
            parse_number(b),
        ) {
            let range = format!("{} {join} {}", from.read(), to.read());
            return Some(range_with_unit(w, i, b, range));
        }
        // "30-35°C", "5-10km": the unit written on the second number. espeak-ng says "thirty
        // dash thirty-five degrees C".
        let (b_num, b_unit) = number_prefix(b);
        // "5-20% tip", "2.5-3%", "20-25x sales": a range of percentages or multiples (espeak-ng
        // said "five dash twenty percent", "twenty dash twenty-five ex"; found by a tester in
        // the dev set's true texts).
        let said = match b_unit {
            "%" => Some("percent"),
            "x" | "×" => Some("times"),
            // "40-50k people", "2-3bn": a range in thousands or billions (found by a fresh
            // tester; espeak-ng said "forty dash fifty K"). Not "m": metres or millions.
            "k" | "K" => Some("thousand"),
            "bn" => Some("billion"),
            _ => None,
        };
        if let (Some(said), Some(from), Some(to)) = (said, parse_number(a), parse_number(b_num)) {
            if from.sign.is_none() && a.len() <= 6 && b_num.len() <= 6 {
                return wrap(format!("{} {join} {} {said}", from.read(), to.read()));
            }
        }
        if all_digits(a) && all_digits(b_num) && a.len() <= 4 && b_num.len() <= 4 {
            if let Some((one, many)) = unit_after(b_num, b_unit, w) {
                let unit = if modifies_noun(w, i, i) { one } else { many };
                return wrap(format!("{} {join} {} {unit}", integer(a), integer(b_num)));
            }
        }
    }
    if let Some((a, b)) = core.split_once('/') {
        // "180°C/350°F", "5kg/11lb": one quantity in two units, for the reader to take either:
        // "one hundred eighty degrees Celsius or three hundred fifty degrees Fahrenheit".
        // espeak-ng says "one hundred eighty degrees C slash …".
        if let (Some(x), Some(y)) = (run_on_quantity(a, w), run_on_quantity(b, w)) {
            // "50mg/100ml": a mass in a volume is a strength, "per" (it was "or"; found by a
            // fresh tester).
            let join = if is_strength(a, b) { "per" } else { "or" };
            return wrap(format!("{x} {join} {y}"));
        }
        // "1/2 tsp" → "half a teaspoon", "3/4 cup" → "three quarters of a cup".
        let prev = i.checked_sub(1).map(|k| &w[k]);
        if let Some(said) = next.and_then(|n| fraction_of_measure(core, n, prev, w)) {
            return Some((format!("{}{said}{}", word.lead, measure_trail(w, i + 1)), 2));
        }
        // "1/250 sec", "1/60s": a shutter speed, "one two hundred fiftieth of a second" (it was
        // "one two hundred fifty sec"; found by a fresh tester).
        let second_word =
            |n: &Word| n.lead.is_empty() && matches!(n.core, "s" | "sec" | "second" | "seconds");
        if a == "1" && all_digits(b) && b.len() <= 5 && b.parse::<u32>().is_ok_and(|d| d >= 3) {
            if let Some(n) = next.filter(|n| second_word(n)) {
                let said = format!("one {} of a second", ordinal(b));
                let trail = n
                    .trail
                    .strip_prefix('.')
                    .filter(|_| {
                        w.get(i + 2)
                            .is_some_and(|x| x.core.starts_with(char::is_lowercase))
                    })
                    .unwrap_or(n.trail);
                return Some((format!("{}{said}{trail}", word.lead), 2));
            }
        }
        // "2/4 of the disk", "7/8 of members", "1/5 of the sum": a fraction of something,
        // "two quarters of", "seven eighths of", "one fifth of" (they were "two four", "seven
        // eight" and "one out of five"; found by a fresh tester).
        if let Some(said) = next
            .filter(|n| n.core == "of" && n.lead.is_empty())
            .and_then(|_| fraction_of(a, b))
        {
            return wrap(said);
        }
        // A score out of five, ten or a hundred: "5/5", "7/10", "4.5/5" → "… out of …".
        // Other pairs are dates and names ("9/11", "24/7") and stay as two numbers.
        // After "on", "by", "since", "until" it is a date ("on 3/10").
        let date_word = i.checked_sub(1).is_some_and(|k| {
            ["on", "by", "since", "until", "from"]
                .iter()
                .any(|d| d.eq_ignore_ascii_case(w[k].core))
        });
        if matches!(b, "5" | "10" | "100")
            && !date_word
            && !FRACTIONS.iter().any(|(f, _)| *f == core)
        {
            if let Some(n) = parse_number(a).filter(|n| n.int.len() <= 3) {
                let within = n
                    .int
                    .parse::<u32>()
                    .is_ok_and(|v| v <= b.parse().unwrap_or(0));
                if within && !a.starts_with(['-', '+']) {
                    return wrap(format!("{} out of {}", n.read(), integer(b)));
                }
            }
        }
        if let Some(read) = slash_pair(w, i, a, b) {
            return Some(read);
        }
        if all_digits(a) && all_digits(b) {
            let said = fraction_name(core, in_dimensions(w, i))
                .unwrap_or_else(|| format!("{} {}", integer(a), integer(b)));
            return wrap(said);
        }
    }
    if core.contains(':') {
        if let Some(said) = colon_pair(w, i) {
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
    // The unit word is at `unit_at`: this word when run on ("5km"), the next when spaced.
    let with_unit = |(one, many): (String, String), unit_at: usize| {
        let singular = num.is_one() || modifies_noun(w, i, unit_at);
        format!("{} {}", num.read(), if singular { one } else { many })
    };
    match suffix {
        "" => {}
        "st" | "nd" | "rd" | "th" if num.is_whole() && ordinal_suffix(&num.int, suffix) => {
            return wrap(ordinal(&num.int));
        }
        // "Channel 4's investigation", "the S&P 500's rally", "Apollo 11's crew": a numbered
        // name's possessive, "four's" (espeak-ng dropped the "'s" or said "five hundred z";
        // found by a fresh tester). A year's ("2024's") and a decade ("the 1990's") below.
        "'s" | "\u{2019}s"
            if num.is_whole()
                && num.int.len() != 4
                && i.checked_sub(1).is_some_and(|k| {
                    w[k].trail.is_empty()
                        && capitalized(w[k].core)
                        && !super::NOT_NAMES.contains(&w[k].core)
                }) =>
        {
            return wrap(format!("{}'s", integer(&num.int)));
        }
        "s" | "'s"
            if num.is_whole()
                && num.int.ends_with('0')
                && num.int.len() >= 2
                && !(suffix == "s" && num.int.len() <= 3 && seconds_after(w, i)) =>
        {
            return wrap(
                decade(num_text).or_else(|| (num.int == "100").then(|| "hundreds".into()))?,
            );
        }
        // "1s and 0s", "6s and 7s", "the 45s": a number's plural, "ones and zeros" (espeak-ng
        // said "one s"; found by a fresh tester).
        "s" if num.is_whole() && num.sign.is_none() && num.int.len() <= 2 && counted(w, i) => {
            return wrap(pluralize(&integer(&num.int)));
        }
        // "the 49ers", "the 76ers": the teams, "forty-niners", "seventy-sixers".
        "ers" if num.is_whole() && num.sign.is_none() && num.int.len() <= 2 => {
            let said = integer(&num.int);
            let joiner = if said.ends_with('e') { "rs" } else { "ers" };
            return wrap(format!("{said}{joiner}"));
        }
        // "x^2 + 2x = 3": a term of an equation, "two x", not "two times".
        "x" if num.sign.is_none() && beside_operator(w, i) => {
            return wrap(format!("{} x", num.read()));
        }
        // "2024's Phantom": a year's, "twenty twenty-four's" (read as a count before).
        "'s" | "\u{2019}s" if num.is_whole() && num.int.len() == 4 => {
            if let Some(year) = as_year(num_text, None, None) {
                return wrap(format!("{year}'s"));
            }
        }
        // "9.58s": a time to the hundredth is in seconds; a whole number before "s" is a
        // plural ("45s") or a decade, never seconds.
        "s" if num.frac.is_some() => {
            return wrap(format!("{} seconds", num.read()));
        }
        // "lasted 45s", "a split of 62s", "a timeout of 30s": a whole number of seconds
        // ([`seconds_after`]); espeak-ng said "forty-five z" and "thirties" (found by a fresh
        // tester).
        "s" if num.is_whole()
            && num.sign.is_none()
            && num.int.len() <= 3
            && seconds_after(w, i) =>
        {
            return wrap(format!("{} seconds", num.read()));
        }
        // "8st 12lb": stone, a British weight ("8st" is no ordinal, "eighth" was said; found by
        // a fresh tester). The ordinals written with "st" ("1st", "21st") are read above.
        "st" if num.is_whole() => {
            return wrap(format!("{} stone", num.read()));
        }
        // "0x" opens a hexadecimal number ("0x C3 9F"), never "zero times".
        "x" if num.int == "0" && num.frac.is_none() => return None,
        // "3x faster", "0.5× speed": a multiple; written with a capital, "3X fewer GPUs", "at
        // 2X zoom", before a lower-case word ("2X OC", a product's name, stays).
        "x" | "×" => {
            return wrap(format!("{} times", num.read()));
        }
        "X" if after_prose(w, i, &num)
            && next
                .is_some_and(|n| n.lead.is_empty() && n.core.starts_with(char::is_lowercase)) =>
        {
            return wrap(format!("{} times", num.read()));
        }
        // "300M downloads", "9.8B tokens", "1.4b in revenue": a magnitude without a currency
        // (found in the extraction dev set's true texts, read "three hundred M", "nine point
        // eight B"). A capital M or B before a counted noun ([`plural_noun`]), a lower-case b
        // after a decimal, in prose ([`after_prose`]): a model's size ("Bolmo 7B comes", "Olmo
        // 3 7B") stays letters, as those who use the models say it, and a standard's revision
        // ("HDMI 2.1b", "IEEE 802.11b") a letter.
        "M" if num.sign.is_none() && next.is_some_and(plural_noun) => {
            return wrap(format!("{} million", num.read()));
        }
        "B" if num.sign.is_none() && after_prose(w, i, &num) && next.is_some_and(plural_noun) => {
            return wrap(format!("{} billion", num.read()));
        }
        "b" if num.sign.is_none()
            && num.frac.is_some()
            && i > 0
            && after_prose(w, i, &num)
            && next.is_none_or(|n| n.core.starts_with(char::is_lowercase)) =>
        {
            return wrap(format!("{} billion", num.read()));
        }
        // "2.5K", "100k": thousands (see [`thousands`]).
        "k" | "K" if thousands(&num, next) => {
            return wrap(format!("{} thousand", num.read()));
        }
        // "99p", "a 50p coin": pence; "24p", "60p" beside video words are frame rates.
        "p" if pence(&num).is_some() && !about_video(w) => return wrap(pence(&num)?),
        // "5ft 4in": inches after feet.
        "in" if after_feet(w, i) => {
            return wrap(with_unit(("inch".into(), "inches".into()), i));
        }
        // "3bn people": a magnitude without a currency.
        s if bare_magnitude(s).is_some() => {
            return wrap(format!("{} {}", num.read(), bare_magnitude(s)?));
        }
        // "400m" is a distance, "5m people" a count.
        // "2h 22m": minutes after hours.
        "m" if i > 0 && hours(w[i - 1].core).is_some() => {
            return wrap(with_unit(("minute".into(), "minutes".into()), i));
        }
        "m" => {
            let after = w
                .get(i + 2)
                .filter(|_| next.is_some_and(|n| n.trail.is_empty()));
            let reading = if counted_before(w, i) {
                ("million".to_string(), "million".to_string())
            } else {
                meters_or_million(next, after)
            };
            return wrap(with_unit(reading, i));
        }
        // "2h", "1h30m": a duration.
        s if s.starts_with('h') && hours(core).is_some() => return wrap(hours(core)?),
        // "20-year", "3-day", "3-year-old": the number, then the rest of the compound, whose
        // unit abbreviations are said in the singular, as in any compound adjective: "a
        // 3-yr-old" → "a three-year-old", "a 10-min walk" → "a ten-minute walk". espeak-ng
        // reads "yr" as "er".
        s if s.starts_with('-') && compound(&s[1..]).is_some() => {
            return wrap(format!("{}-{}", num.read(), compound(&s[1..])?));
        }
        // "38.5C", "-80C": with a decimal or a sign, a "C" or an "F" is a temperature's scale
        // anywhere (a grade, a class or a model has neither); whole and unsigned, only about
        // heat ([`unit_after`]). They were "thirty-eight point five C" (found by a fresh tester).
        s if scale_name(s).is_some() && (num.frac.is_some() || num.sign.is_some()) => {
            return wrap(format!("{} degrees {}", num.read(), scale_name(s)?));
        }
        s if model_letter(w, i, s) => return None,
        s => return wrap(with_unit(unit_after(&num.int, s, w)?, i)),
    }
    // "2 million lb" → "two million pounds": a unit after a number and a scale word.
    // espeak-ng says "two million l b".
    if let Some(scale) = next.filter(|n| n.trail.is_empty() && SCALE_WORDS.contains(&n.core)) {
        let unit_word = w.get(i + 2).filter(|u| u.lead.is_empty() && u.core != "m");
        if let Some((one, many)) = unit_word.and_then(|u| unit_after("2", u.core, w)) {
            let unit = if modifies_noun(w, i, i + 2) {
                one
            } else {
                many
            };
            let said = format!("{} {} {unit}", num.read(), scale.core);
            return Some((format!("{}{said}{}", word.lead, measure_trail(w, i + 2)), 3));
        }
    }
    // "1,200 sq ft", "50 sq. m": a square measure written with "sq" (espeak-ng: "sq ft").
    if let Some(sq) = next.filter(|n| matches!(n.core, "sq" | "Sq")) {
        let after = w
            .get(i + 2)
            .filter(|u| u.lead.is_empty() && (sq.trail.is_empty() || sq.trail == "."));
        if let Some((one, many)) = after.and_then(|u| length_unit(u.core)) {
            let (one, many) = (format!("square {one}"), format!("square {many}"));
            let said = with_unit((one, many), i + 2);
            return Some((format!("{}{said}{}", word.lead, measure_trail(w, i + 2)), 3));
        }
    }
    let spaced_unit = next.and_then(|n| match n.core {
        "h" if spaced_hours(w, i) => Some(("hour".into(), "hours".into())),
        "m" => Some(meters_or_million(
            w.get(i + 2).filter(|_| n.trail.is_empty()),
            w.get(i + 3)
                .filter(|_| n.trail.is_empty() && w[i + 2].trail.is_empty()),
        )),
        "s" if num.frac.is_some() => Some(("second".into(), "seconds".into())),
        "in" if after_feet(w, i) => Some(("inch".into(), "inches".into())),
        // "24 in. by 36 in.", "6 in. of snow": with its period "in" is the abbreviation (it
        // was the word; found by a fresh tester).
        "in" if n.trail.starts_with('.') => Some(("inch".into(), "inches".into())),
        // "slept 7.2 h per night": a decimal number of hours.
        "h" if num.frac.is_some() => Some(("hour".into(), "hours".into())),
        "W" if initial_after(w, i + 1) => None,
        core => unit_after(&num.int, core, w),
    });
    if let Some(reading) = spaced_unit {
        let unit_word = w[i + 1];
        // "2 Tbsp. butter", "5 ft. 9 in.": the abbreviation's period, not a sentence's end,
        // when the sentence goes on in lower case or with a number.
        let goes_on = w.get(i + 2).is_some_and(|n| {
            n.lead.is_empty()
                && n.core
                    .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        });
        let trail = match unit_word.trail.strip_prefix('.') {
            Some(rest) if goes_on => rest,
            _ => unit_word.trail,
        };
        return Some((
            format!("{}{}{trail}", word.lead, with_unit(reading, i + 1)),
            2,
        ));
    }
    if num.is_whole() {
        let prev = i.checked_sub(1).map(|k| &w[k]);
        if let Some(y) = as_year(num_text, prev, next) {
            return wrap(y);
        }
    }
    wrap(num.read())
}

/// Scale words between a number and its unit ("2 million lb", "40 thousand km").
const SCALE_WORDS: [&str; 4] = ["thousand", "million", "billion", "trillion"];

/// Words before a number that make a spaced "h" after it a duration ("in 2 h", "takes 3 h").
/// Whether the number at `i`, written with an "s" ("45s", "30s"), is a number of seconds:
/// before "ago", "later", "flat" ("20s ago", "in 30s flat"); after a word that times things
/// ("lasted 45s", "every 30s", "within 5s", "wait 5s", "from 58s"; the words of
/// [`DURATION_WORDS`] but "in", "over", "under", "than", "about" and "around", which count as
/// often: "over 50s" are people), unless a round number is followed by a noun it describes
/// ("every 80s kid" is a decade); after "was" or "to" a number that is neither round nor one
/// digit ("the split was 62s"); after "of" or "to" following a word for a span of time ("a
/// timeout of 30s"). Elsewhere it is a plural ("a lot of 6s", "Layer 2s") or a decade ("in
/// her 30s", "rose to 40s"). Found by two fresh testers and the 806 true texts.
fn seconds_after(w: &[Word], i: usize) -> bool {
    const SPANS: [&str; 8] = [
        "timeout", "delay", "interval", "split", "lap", "wait", "duration", "time",
    ];
    // Words that go on after an amount without being a noun it describes.
    const GOES_ON: [&str; 16] = [
        "to", "and", "or", "for", "in", "until", "before", "after", "of", "then", "per", "at",
        "while", "with", "each", "on",
    ];
    let next = w.get(i + 1).filter(|_| w[i].trail.is_empty());
    if next.is_some_and(|n| matches!(n.core, "ago" | "later" | "earlier" | "flat" | "apart")) {
        return true;
    }
    let Some(prev) = i
        .checked_sub(1)
        .map(|k| w[k])
        .filter(|p| p.trail.is_empty())
    else {
        return false;
    };
    let lower = prev.core.to_lowercase();
    let span_before = i >= 2
        && w[i - 2].trail.is_empty()
        && SPANS.contains(&w[i - 2].core.to_lowercase().as_str());
    let timing = (DURATION_WORDS.contains(&lower.as_str())
        && !matches!(
            lower.as_str(),
            "in" | "over" | "under" | "than" | "about" | "around"
        ))
        || matches!(lower.as_str(), "wait" | "waited" | "from");
    let decade = w[i].core.trim_end_matches('s').ends_with('0');
    let one_digit = w[i].core.len() == 2;
    let noun_after =
        next.is_some_and(|n| n.core.starts_with(char::is_lowercase) && !GOES_ON.contains(&n.core));
    match lower.as_str() {
        "of" => span_before,
        "to" | "was" | "is" => span_before || !(decade || one_digit),
        _ => timing && !(decade && noun_after),
    }
}

/// A long number after "No." is a serial or an award's number, said digit by digit: "Award No.
/// 2214587" → "number two two one four five eight seven" (it was "two million two hundred…";
/// found by a fresh tester). Five digits or more, no separators.
pub(super) fn serial_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let after_no =
        i > 0 && matches!(w[i - 1].core, "No" | "no" | "Nos" | "nos") && w[i - 1].trail == ".";
    (after_no && word.core.len() >= 5 && all_digits(word.core)).then(|| {
        (
            format!(
                "{}{}{}",
                word.lead,
                super::words::digits(word.core),
                word.trail
            ),
            1,
        )
    })
}

/// Whether `suffix` is the ordinal ending English writes after `int`: "1st", "22nd", "3rd",
/// "11th", "8th" ("8st" is not).
fn ordinal_suffix(int: &str, suffix: &str) -> bool {
    let last_two = int.get(int.len().saturating_sub(2)..).unwrap_or(int);
    let want = if matches!(last_two, "11" | "12" | "13") {
        "th"
    } else {
        match int.as_bytes()[int.len() - 1] {
            b'1' => "st",
            b'2' => "nd",
            b'3' => "rd",
            _ => "th",
        }
    };
    suffix == want
}

const DURATION_WORDS: [&str; 16] = [
    "in", "for", "after", "within", "every", "over", "under", "about", "around", "than", "takes",
    "took", "lasts", "lasted", "nearly", "almost",
];

/// A range of word `i` ("2-3", "2.5-3.5", its second number `b`) said as `range`, with the
/// unit written after it ("2-3 hrs", "2.5-3.5 inches"): plural unless the range and its unit
/// modify a noun ("a 2-3 hour drive", see [`modifies_noun`]); the range alone when no unit
/// follows. Returns what is said and how many words were read.
fn range_with_unit(w: &[Word], i: usize, b: &str, range: String) -> (String, usize) {
    let word = w[i];
    let next = w.get(i + 1).filter(|_| word.trail.is_empty());
    match next.and_then(|n| unit_after(b, n.core, w)) {
        Some((one, many)) => {
            let unit = if modifies_noun(w, i, i + 1) {
                one
            } else {
                many
            };
            // "2-3 tbsp. of butter": the abbreviation's period is no sentence's end.
            (
                format!("{}{range} {unit}{}", word.lead, measure_trail(w, i + 1)),
                2,
            )
        }
        None => (format!("{}{range}{}", word.lead, word.trail), 1),
    }
}

/// Whether an "h" spaced after the number at `i` is hours: before a count of minutes ("1 h 10
/// min"), in a compound before a noun ("a 24 h race", see [`modifies_noun`]), or
/// after a word of duration ([`DURATION_WORDS`]: "in 2 h", "takes 3 h."). espeak-ng says the
/// letter. Elsewhere "h" is a letter in a list or a panel of a figure ("items 7 h and i") and
/// is left alone.
fn spaced_hours(w: &[Word], i: usize) -> bool {
    let minutes = w
        .get(i + 2)
        .is_some_and(|n| all_digits(n.core) && n.trail.is_empty())
        && w.get(i + 3)
            .is_some_and(|u| matches!(u.core, "min" | "mins" | "minute" | "minutes"));
    let after_duration_word = i.checked_sub(1).is_some_and(|k| {
        w[k].trail.is_empty()
            && DURATION_WORDS
                .iter()
                .any(|d| d.eq_ignore_ascii_case(w[k].core))
    });
    w[i + 1].trail.is_empty() && minutes || after_duration_word || modifies_noun(w, i, i + 1)
}

/// Words that make "24p", "50p" or "60p" a video frame rate (progressive frames per second),
/// not pence: "4K 24p video", "Full HD 60p" (camera specifications in the dev set's true text).
const VIDEO_WORDS: &[&str] = &[
    "video",
    "videos",
    "fps",
    "frame",
    "frames",
    "footage",
    "recording",
    "hd",
    "fhd",
    "uhd",
    "qhd",
    "4k",
    "5k",
    "6k",
    "7k",
    "8k",
    "1080p",
    "720p",
    "2160p",
    "raw",
    "camera",
];

/// True when the chunk's words speak of video ([`VIDEO_WORDS`]).
fn about_video(w: &[Word]) -> bool {
    w.iter()
        .any(|x| VIDEO_WORDS.iter().any(|v| x.core.eq_ignore_ascii_case(v)))
}

/// The words after a number's hyphen in a compound ("year-old", "yr-old", "km"): letters only,
/// each unit abbreviation in the singular ([`compound_unit`]). None for anything else.
fn compound(rest: &str) -> Option<String> {
    let parts: Vec<&str> = rest.split('-').collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
    {
        return None;
    }
    let said: Vec<&str> = parts
        .iter()
        .map(|p| compound_unit(p).unwrap_or(p))
        .collect();
    Some(said.join("-"))
}

/// A decade written as one word: "1960s", "70s", "'70s", "1980's" → "nineteen sixties", "seventies".
fn decade_word(s: &str) -> Option<String> {
    let digits = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix('s'))?
        .trim_start_matches('\'');
    (all_digits(digits) && digits.ends_with('0'))
        .then(|| decade(digits))
        .flatten()
}

/// A number with its unit run on, "180°C", "-4°C", "5kg", read with the unit: "one hundred eighty
/// degrees Celsius". None unless the rest is a unit ([`unit_after`]).
/// A possessive on a name ending in a number that no other rule read: "the iPhone 15's
/// battery" → "the iPhone fifteen's battery", "CS50's course" → "CS fifty's", "the G7's view"
/// → "the G seven's" (espeak-ng dropped the "'s" after digits, or said a lone "z"; found by
/// a fresh tester). The name is read as it would be alone, its last number in words.
pub(super) fn possessive_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let stem = word
        .core
        .strip_suffix("'s")
        .or_else(|| word.core.strip_suffix("\u{2019}s"))?;
    // A name of letters, digits and hyphens: "60's/70's" is two decades.
    if !stem.ends_with(|c: char| c.is_ascii_digit())
        || !stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    let said = super::normalize(stem);
    let said = if said.ends_with(|c: char| c.is_ascii_digit()) {
        // Left as written ("CS50", "PS5"): the letters, then the number.
        let digits_at = said.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (head, digits) = said.split_at(digits_at);
        if digits.len() > 4 || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        let head = head.trim_end_matches('-');
        format!("{head} {}", integer(digits))
            .trim_start()
            .to_string()
    } else {
        said
    };
    Some((format!("{}{said}'s{}", word.lead, word.trail), 1))
}

/// Whether "A/B" is a mass in a volume, a medicine's or a solution's strength ("50mg/100ml",
/// "5 g/L"), rather than one quantity in two units.
fn is_strength(a: &str, b: &str) -> bool {
    const MASS: [&str; 7] = ["mg", "g", "kg", "mcg", "µg", "μg", "ng"];
    const VOLUME: [&str; 7] = ["ml", "mL", "l", "L", "cl", "dl", "dL"];
    let unit = |s: &str| {
        number_prefix(s.trim_start_matches(['-', '+']))
            .1
            .to_string()
    };
    MASS.contains(&unit(a).as_str()) && VOLUME.contains(&unit(b).as_str())
}

fn run_on_quantity(s: &str, w: &[Word]) -> Option<String> {
    let signed = usize::from(s.starts_with(['-', '+']));
    let (digits, unit) = number_prefix(&s[signed..]);
    if unit.is_empty() || !digits.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let num = parse_number(&s[..signed + digits.len()])?;
    let (one, many) = unit_after(&num.int, unit, w)?;
    Some(format!(
        "{} {}",
        num.read(),
        if num.is_one() { one } else { many }
    ))
}

/// A measure's singular and plural reading: a unit abbreviation ("tsp" → "teaspoon"), or one of
/// [`MEASURES`] written in the singular or the plural ("cups").
fn measure(core: &str, w: &[Word]) -> Option<(String, String)> {
    if let Some(reading) = unit_after("2", core, w) {
        return Some(reading);
    }
    let one = MEASURES.iter().find(|m| {
        core == **m || core.strip_suffix('s') == Some(**m) || core.strip_suffix("es") == Some(**m)
    })?;
    let many = if one.ends_with("ch") || one.ends_with("ss") {
        format!("{one}es")
    } else {
        format!("{one}s")
    };
    Some((one.to_string(), many))
}

/// A fraction of [`FRACTIONS`] before a measure, as a cook says it: "1/2 tsp" → "half a
/// teaspoon", "1/4 cup" → "a quarter of a cup", "2/3 cup" → "two thirds of a cup", "1/2 inch"
/// → "half an inch". It was read "one half tsp" (espeak-ng: "one half t s p"). After a
/// number it ends a mixed number ("2-2 1/2 inches" → "two to two and a half inches"), after
/// "a" it is a compound ("a 1/2 lb cut" → "a half-pound cut"): both in the dev set's true text.
fn fraction_of_measure(core: &str, next: &Word, prev: Option<&Word>, w: &[Word]) -> Option<String> {
    if !next.lead.is_empty() {
        return None;
    }
    let (one, many) = measure(next.core, w)?;
    // A measure after it makes any fraction of an inch a size ("5/16 inch").
    let said = fraction_name(core, true)?;
    let said = said.as_str();
    let part = said.strip_prefix("one ");
    if prev.is_some_and(|p| p.trail.is_empty() && p.core.ends_with(|c: char| c.is_ascii_digit())) {
        return Some(match part {
            Some(part) => format!("and a {part} {many}"),
            None => format!("and {said} {many}"),
        });
    }
    if prev.is_some_and(|p| matches!(p.core, "a" | "an" | "A" | "An") && p.trail.is_empty()) {
        return part.map(|part| format!("{part}-{one}"));
    }
    let article = if one.starts_with(['a', 'e', 'i', 'o', 'u']) || one.starts_with("hour") {
        "an"
    } else {
        "a"
    };
    Some(match part {
        Some("half") => format!("half {article} {one}"),
        Some(part) if part.starts_with('e') => format!("an {part} of {article} {one}"),
        Some(part) => format!("a {part} of {article} {one}"),
        None => format!("{said} of {article} {one}"),
    })
}

/// The punctuation after a unit word at `k`, without an abbreviation's period when the
/// sentence goes on in lower case ("1/2 tsp. salt").
fn measure_trail<'a>(w: &[Word<'a>], k: usize) -> &'a str {
    let unit_word = w[k];
    let goes_on = w
        .get(k + 1)
        .is_some_and(|n| n.lead.is_empty() && n.core.starts_with(char::is_lowercase));
    match unit_word.trail.strip_prefix('.') {
        Some(rest) if goes_on => rest,
        _ => unit_word.trail,
    }
}

/// Numbers joined by colons: a clock time ("10:30" → "ten thirty"), a ratio ("2:1" → "two to
/// one", "16:9", "3:2:1" → "three to two to one"), or a chapter and verse after a name
/// ("Genesis 1:1" → "Genesis one one"). espeak-ng says "two colon one".
///
/// A clock has two-digit minutes, so "a:b" with a one-digit or a three-digit second part is a
/// ratio, as is any colon form next to [`RATIO_WORDS`] ("a 16:10 ratio", "a scale of
/// 1:100,000"). Two-digit parts after the first that are no clock time are a duration
/// ("27:54") or a time with seconds ("11:53:40"), and runs of four digits or more without
/// commas are no ratio anyone writes without saying so ("8001:5432", a port map); espeak-ng
/// reads those as the numbers in turn, and they are left to it.
fn colon_pair(w: &[Word], i: usize) -> Option<String> {
    let word = w[i];
    let next = w.get(i + 1).filter(|_| word.trail.is_empty());
    let parts: Vec<&str> = word.core.split(':').collect();
    let numbers: Vec<Num> = parts
        .iter()
        .map(|p| parse_number(p).filter(|n| n.sign.is_none()))
        .collect::<Option<_>>()?;
    let ratio_word = |k: Option<usize>| {
        k.and_then(|k| w.get(k))
            .is_some_and(|v| RATIO_WORDS.iter().any(|r| r.eq_ignore_ascii_case(v.core)))
    };
    let diluted = (1..=3).any(|k| {
        i.checked_sub(k).is_some_and(|p| {
            w[p].core.to_lowercase().starts_with("dilut")
                && (p + 1..i).all(|q| !w[q].trail.contains(['.', '!', '?', ';']))
        })
    });
    let near_ratio_word = ratio_word(i.checked_sub(1))
        || diluted
        || (i >= 2 && w[i - 1].core == "of" && ratio_word(Some(i - 2)))
        || (word.trail.is_empty() && ratio_word(Some(i + 1)));
    let ratio = numbers
        .iter()
        .map(Num::read)
        .collect::<Vec<_>>()
        .join(" to ");
    if near_ratio_word {
        return Some(ratio);
    }
    if let [h, m] = parts[..] {
        if let Some(time) = clock(h, m, next) {
            return Some(time);
        }
    }
    // "27:54", "11:53:40", "10:09:38.163": minutes and seconds.
    let timed = parts[1..].iter().all(|p| {
        let whole = p.split('.').next().unwrap_or(p);
        whole.len() == 2 && all_digits(whole)
    });
    // "8001:5432"; "2,000,000:1" is written as a quantity and stays a ratio.
    let long_code = parts.iter().any(|p| p.len() > 3 && all_digits(p));
    if timed && !long_code {
        return minutes_and_seconds(&parts);
    }
    // "1:1000", "1:10000": one part in a power of ten, a dilution or a map's scale.
    if let [a, b] = parts[..] {
        let power_of_ten = b.len() >= 4 && b.starts_with('1') && b[1..].bytes().all(|c| c == b'0');
        if a.len() <= 2 && power_of_ten {
            return Some(ratio);
        }
    }
    if long_code {
        return None;
    }
    let after_name = i > 0 && w[i - 1].trail.is_empty() && is_name(w[i - 1].core);
    if let [a, b] = parts[..] {
        if after_name && numbers.iter().all(Num::is_whole) {
            return Some(format!("{} {}", integer(a), integer(b)));
        }
    }
    Some(ratio)
}

/// A duration in hours, perhaps with minutes, run together: "2h" → "two hours", "1.5h" → "one
/// point five hours", "1h30m" and "1h30" → "one hour thirty minutes". None for anything else.
fn hours(core: &str) -> Option<String> {
    let (h, rest) = core.split_once('h')?;
    let n = parse_number(h).filter(|n| n.sign.is_none())?;
    let said = format!("{} {}", n.read(), if n.is_one() { "hour" } else { "hours" });
    let minutes = rest.strip_suffix('m').unwrap_or(rest);
    match minutes {
        "" if rest.is_empty() => Some(said),
        m if all_digits(m) && m.len() <= 2 => {
            let m: u64 = m.parse().ok()?;
            let unit = if m == 1 { "minute" } else { "minutes" };
            Some(format!("{said} {} {unit}", cardinal(m)))
        }
        _ => None,
    }
}

/// A duration or a time with seconds, read in its pairs the way race times are called:
/// "2:03:45" → "two oh three forty-five", "27:04" → "twenty-seven oh four", "2:00:15" → "two
/// oh oh fifteen". Only where a pair starts with a zero, which espeak-ng drops ("two three
/// forty-five"), or with tenths or hundredths (below); "27:54" and "11:53:40" it reads right,
/// and they are left alone, as are milliseconds ("10:09:38.163").
///
/// Pairs rather than "two hours, three minutes and forty-five seconds": the form is also a
/// clock time with seconds, and "27:04" minutes or hours; the pairs are right for all.
///
/// A split or a lap time with tenths or hundredths on its last pair keeps the convention:
/// "19:05.3" → "nineteen oh five point three", as a race commentator calls it (espeak-ng says
/// "nineteen colon zero five point three"). Spelling out "minutes" and "seconds" would be
/// wrong for "1:02:05.3", an hours-long time. The fraction is read digit by digit, as decimals
/// are; only tenths and hundredths, so a log's milliseconds ("10:09:38.163") stay as written.
fn minutes_and_seconds(parts: &[&str]) -> Option<String> {
    let pairs = &parts[1..];
    let (last, fraction) = match pairs.last()?.split_once('.') {
        // Thousandths only on a lap time of minutes and seconds ("1:29.708", timed to the
        // thousandth in motor racing); a log's "10:09:38.163" has three pairs.
        Some((whole, frac))
            if (frac.len() <= 2 || (frac.len() == 3 && parts.len() == 2))
                && !frac.is_empty()
                && all_digits(frac) =>
        {
            (whole, Some(frac))
        }
        Some(_) => return None,
        None => (*pairs.last()?, None),
    };
    let wholes: Vec<&str> = pairs[..pairs.len() - 1]
        .iter()
        .copied()
        .chain(std::iter::once(last))
        .collect();
    let whole = wholes.iter().all(|p| p.len() == 2 && all_digits(p));
    let zero_pair = wholes.iter().any(|p| p.starts_with('0'));
    if !whole || !all_digits(parts[0]) || !(zero_pair || fraction.is_some()) {
        return None;
    }
    let mut said = vec![integer(parts[0])];
    for p in &wholes {
        said.push(match p.strip_prefix('0') {
            Some("0") => "oh oh".to_string(),
            Some(d) => format!("oh {}", integer(d)),
            None => integer(p),
        });
    }
    if let Some(frac) = fraction {
        let digits: Vec<String> = frac
            .bytes()
            .map(|b| integer(&(b as char).to_string()))
            .collect();
        said.push(format!("point {}", digits.join(" ")));
    }
    Some(said.join(" "))
}

/// Whether "K" or "k" after a number is thousands ("2.5K", "100k", "10k followers"), which
/// espeak-ng reads as the letter. A whole number under 25 with "K" names a race or a screen
/// ("a 10K", "4K video"), or gold ("24K"), and is left as written unless a counted noun
/// follows ("10k followers"), never one of [`K_NAMES`].
fn thousands(num: &Num, next: Option<&Word>) -> bool {
    if num.sign.is_some() || next.is_some_and(|n| K_NAMES.contains(&n.core)) {
        return false;
    }
    let small = num.int.parse::<u64>().is_ok_and(|n| n < 25);
    num.frac.is_some() || !small || next.is_some_and(plural_noun)
}

/// Whether the number at `i` stands in a sentence's prose rather than in a name: the word
/// before it starts with a lower-case letter ("using 3X fewer", "over 1B users"), or it opens
/// the chunk and is under 100. After a name or a number it is part of a product or a model
/// ("Ryzen 7 3700X", "Bolmo 7B", "HDMI 2.1b"), whose letter is read as a letter.
fn after_prose(w: &[Word], i: usize, num: &Num) -> bool {
    match i.checked_sub(1).map(|p| &w[p]) {
        Some(prev) => prev.core.starts_with(char::is_lowercase) && prev.trail.is_empty(),
        None => num.int.parse::<u64>().is_ok_and(|n| n < 100),
    }
}

/// Whether the letter `unit` glued to the number at `i` ("268V", "1000W") ends a model or
/// course name rather than a quantity: it is "V" or "W" and the word before is a number, an
/// all-capital name or a capitalized word inside the chunk ("Core Ultra 7 268V", "Intel Arc
/// 140V", "ACCT 5350V"; found reading the extraction dev set, where they were read as volts).
/// "runs on 120V", "a 45W charger" and "(48V)" stay units.
fn model_letter(w: &[Word], i: usize, unit: &str) -> bool {
    if !matches!(unit, "V" | "W") || i == 0 {
        return false;
    }
    let prev = &w[i - 1];
    if !prev.trail.is_empty() || !w[i].lead.is_empty() {
        return false;
    }
    let core = prev.core;
    let number = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit());
    let all_caps = core.chars().count() >= 2 && core.chars().all(|c| c.is_ascii_uppercase());
    let capitalized = i >= 2 && core.starts_with(|c: char| c.is_ascii_uppercase());
    number || all_caps || capitalized
}

/// Whether the word at `k` ("W.") is followed by a one-letter initial ("18 W. R. Berkley"),
/// so it is an initial too, not watts.
fn initial_after(w: &[Word], k: usize) -> bool {
    w.get(k).is_some_and(|u| u.trail.starts_with('.'))
        && w.get(k + 1).is_some_and(|n| {
            n.core.len() == 1 && n.core.starts_with(|c: char| c.is_ascii_uppercase())
        })
}
