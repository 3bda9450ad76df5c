//! Units after a number: "100 km/h" → "one hundred kilometers per hour", "3 km²" → "three
//! square kilometers", "400m" → "four hundred meters", "50 bps" → "fifty basis points".
//!
//! espeak-ng reads most unit abbreviations as letters ("k g", "G B", "m p h", "b p s", "t s
//! p"), "min" and "sec" as words, "yrs" as "er", "tbsp" as a singular "tablespoon" after any
//! number, "°C" as "degrees C", "200C" as "two hundred C", "5 ft 4 in" as "five f t four in"
//! and "6'2\"" as "six, two". American spelling ("meters"), like the default voice.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::words::cardinal;
use super::Word;

/// A degree sign after a number with a space on either side of it, before a scale: "180 °C",
/// "180° C", "180 ° C".
static SPACED_DEGREES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d) ?° ?([CF])\b").expect("a valid pattern"));

/// A spaced slash between a temperature and the next number: "180°C / 350°F".
static SPACED_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(°[CF]) / ([-+]?\d)").expect("a valid pattern"));

/// `text` with temperatures written with spaces ("180 °C/350 °F", "180° C", "-5 °C", "180 °C /
/// 350 °F") joined as "180°C/350°F", so they are read as the run-on forms are: "one hundred
/// eighty degrees Celsius or three hundred fifty degrees Fahrenheit". Spaced, "°C/350" was one
/// word that no rule read ("one hundred eighty °C/350 °F"), and "180° C" left "C" a letter.
/// The SI brochure writes a space before "°C" (not before "°"), so both forms are common.
pub(super) fn join_degrees(text: &str) -> Cow<'_, str> {
    if !text.contains('°') {
        return Cow::Borrowed(text);
    }
    let joined = SPACED_DEGREES.replace_all(text, "$1°$2");
    match SPACED_SLASH.replace_all(&joined, "$1/$2") {
        Cow::Borrowed(_) => Cow::Owned(joined.into_owned()),
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Fluid ounces as written on labels and in recipes: "fl oz", "fl. oz.", "fl.oz".
static FLUID_OUNCES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d ?)?\bfl\.? ?oz\b(\.)?").expect("a valid pattern"));

/// `text` with fluid ounces ("16 fl oz", "32 fl. oz.") written as one word, "floz", which
/// [`UNITS`] reads after a number ("sixteen fluid ounces"); without a number ("Capacity (fl.
/// oz.)") it is said "fluid ounces". espeak-ng said "F L ahs". 198 in the extraction dev set's
/// true texts (product pages and recipes).
pub(super) fn join_fluid_ounces(text: &str) -> Cow<'_, str> {
    if !text.contains("fl") {
        return Cow::Borrowed(text);
    }
    FLUID_OUNCES.replace_all(text, |c: &regex::Captures| {
        let period = c.get(2).map_or("", |m| m.as_str());
        match c.get(1) {
            Some(number) => format!("{}floz{period}", number.as_str()),
            // The abbreviation's period is kept only where it may end the sentence.
            None if c.get(0).is_some_and(|m| m.end() == text.len()) => {
                format!("fluid ounces{period}")
            }
            None => "fluid ounces".to_string(),
        }
    })
}

/// Units read after a number: written, singular, plural. American spelling, like the default
/// voice.
const UNITS: &[(&str, &str, &str)] = &[
    ("km/h", "kilometer per hour", "kilometers per hour"),
    ("kph", "kilometer per hour", "kilometers per hour"),
    ("mph", "mile per hour", "miles per hour"),
    ("km", "kilometer", "kilometers"),
    ("cm", "centimeter", "centimeters"),
    ("mm", "millimeter", "millimeters"),
    ("kg", "kilogram", "kilograms"),
    ("mg", "milligram", "milligrams"),
    ("ng", "nanogram", "nanograms"),
    ("g", "gram", "grams"),
    ("lb", "pound", "pounds"),
    ("lbs", "pound", "pounds"),
    // A body weight in stone ("lost 3 st", read "three saint"; found by a fresh tester).
    ("st", "stone", "stone"),
    ("oz", "ounce", "ounces"),
    ("ft", "foot", "feet"),
    // Estate agents' "1,200 sqft" (espeak-ng spelled "S Q F T"; found by a fresh tester).
    ("sqft", "square foot", "square feet"),
    // "mi" alone is the note or a word in a quotation; after a number it is miles ("a 26.2 mi
    // race"), which espeak-ng read as "my".
    ("mi", "mile", "miles"),
    ("yds", "yard", "yards"),
    ("yd", "yard", "yards"),
    ("ml", "milliliter", "milliliters"),
    ("KB", "kilobyte", "kilobytes"),
    ("kB", "kilobyte", "kilobytes"),
    ("MB", "megabyte", "megabytes"),
    ("GB", "gigabyte", "gigabytes"),
    ("TB", "terabyte", "terabytes"),
    // A lower-case "b" is bits, as line speeds are written ("100 Mb/s").
    ("kb", "kilobit", "kilobits"),
    ("Kb", "kilobit", "kilobits"),
    ("Mb", "megabit", "megabits"),
    ("Gb", "gigabit", "gigabits"),
    ("Hz", "hertz", "hertz"),
    ("kHz", "kilohertz", "kilohertz"),
    ("KHz", "kilohertz", "kilohertz"),
    ("MHz", "megahertz", "megahertz"),
    ("GHz", "gigahertz", "gigahertz"),
    // Electricity. A capital "V" after a number is volts ("a 12 V battery", "230 V"); a
    // lone "W" is watts except beside a latitude (see [`unit_after`]); a lone "A" (amperes)
    // is left alone, as "5 A" is as often a grade or a row.
    ("V", "volt", "volts"),
    ("kV", "kilovolt", "kilovolts"),
    ("mV", "millivolt", "millivolts"),
    ("mA", "milliamp", "milliamps"),
    ("mAh", "milliamp hour", "milliamp hours"),
    ("W", "watt", "watts"),
    ("Wh", "watt hour", "watt hours"),
    ("kW", "kilowatt", "kilowatts"),
    ("kWh", "kilowatt hour", "kilowatt hours"),
    ("MW", "megawatt", "megawatts"),
    // Energy and power at a grid's scale, sound levels, pressures, small lengths and masses,
    // areas, doses, liquid measures (found by a fresh tester, read as letters: "G W", "T W
    // H", "D B", "M M H G", "mew M"). "µ" is written both as the micro sign and the Greek mu.
    ("MWh", "megawatt hour", "megawatt hours"),
    ("GW", "gigawatt", "gigawatts"),
    ("GWh", "gigawatt hour", "gigawatt hours"),
    ("TWh", "terawatt hour", "terawatt hours"),
    ("dB", "decibel", "decibels"),
    ("dBA", "decibel", "decibels"),
    ("psi", "pound per square inch", "pounds per square inch"),
    ("mmHg", "millimeter of mercury", "millimeters of mercury"),
    ("nm", "nanometer", "nanometers"),
    ("µm", "micrometer", "micrometers"),
    ("μm", "micrometer", "micrometers"),
    ("µg", "microgram", "micrograms"),
    ("μg", "microgram", "micrograms"),
    ("mcg", "microgram", "micrograms"),
    ("mL", "milliliter", "milliliters"),
    ("ha", "hectare", "hectares"),
    ("mSv", "millisievert", "millisieverts"),
    ("gal", "gallon", "gallons"),
    ("qt", "quart", "quarts"),
    // "8 fl oz", "32 fl. oz." are joined into one word first ([`join_fluid_ounces`]).
    ("floz", "fluid ounce", "fluid ounces"),
    ("ms", "millisecond", "milliseconds"),
    ("sec", "second", "seconds"),
    ("secs", "second", "seconds"),
    ("min", "minute", "minutes"),
    ("mins", "minute", "minutes"),
    ("hr", "hour", "hours"),
    ("hrs", "hour", "hours"),
    ("yr", "year", "years"),
    ("yrs", "year", "years"),
    // Weeks in clinical writing ("over 12 wk"; espeak-ng said "W K").
    ("wk", "week", "weeks"),
    ("wks", "week", "weeks"),
    // Kitchen measures.
    ("tbsp", "tablespoon", "tablespoons"),
    ("Tbsp", "tablespoon", "tablespoons"),
    ("tbs", "tablespoon", "tablespoons"),
    ("TBSP", "tablespoon", "tablespoons"),
    ("tsp", "teaspoon", "teaspoons"),
    ("Tsp", "teaspoon", "teaspoons"),
    ("TSP", "teaspoon", "teaspoons"),
    // A capital L after a number is liters ("2L", "a 1.5 L bottle"); a lowercase "l" is too
    // easily a misread "1" and is left alone.
    ("L", "liter", "liters"),
    // A basis point is a hundredth of a percentage point (finance). "bp" for DNA base pairs
    // ("a 500 bp fragment") is read the same way; telling them apart needs the topic. "bps"
    // from 1,000 up is a line speed, see [`unit_after`].
    ("bp", "basis point", "basis points"),
    ("bps", "basis point", "basis points"),
    ("kbps", "kilobit per second", "kilobits per second"),
    ("Kbps", "kilobit per second", "kilobits per second"),
    ("Mbps", "megabit per second", "megabits per second"),
    ("Gbps", "gigabit per second", "gigabits per second"),
    // Weather, motoring and cameras (found by a fresh tester, read as letters or a made-up
    // word: "K-N", "H-pah", "in H-G", "L-B-F-T", "M-P", "C-T", "P-T-S"). "kt" is left alone: it
    // is also a carat of gold ("18kt").
    ("kn", "knot", "knots"),
    ("hPa", "hectopascal", "hectopascals"),
    ("mbar", "millibar", "millibars"),
    ("inHg", "inch of mercury", "inches of mercury"),
    ("lb-ft", "pound-foot", "pound-feet"),
    ("MP", "megapixel", "megapixels"),
    ("ct", "carat", "carats"),
    // Science and computing (found by a fresh tester, said "lie", "moss", "N M", "G V", "kai
    // bee").
    ("ly", "light-year", "light-years"),
    ("mos", "month", "months"),
    ("nM", "nanomolar", "nanomolar"),
    ("µM", "micromolar", "micromolar"),
    ("mM", "millimolar", "millimolar"),
    ("mmol", "millimole", "millimoles"),
    ("eV", "electronvolt", "electronvolts"),
    ("keV", "kiloelectronvolt", "kiloelectronvolts"),
    ("MeV", "megaelectronvolt", "megaelectronvolts"),
    ("GeV", "gigaelectronvolt", "gigaelectronvolts"),
    ("TeV", "teraelectronvolt", "teraelectronvolts"),
    ("KiB", "kibibyte", "kibibytes"),
    ("MiB", "mebibyte", "mebibytes"),
    ("GiB", "gibibyte", "gibibytes"),
    ("TiB", "tebibyte", "tebibytes"),
    ("Gbit", "gigabit", "gigabits"),
    ("Mbit", "megabit", "megabits"),
    ("req", "request", "requests"),
    // Food energy ("kcal" was "K cal"; found by a fresh tester).
    ("kcal", "kilocalorie", "kilocalories"),
    ("kJ", "kilojoule", "kilojoules"),
    ("pts", "point", "points"),
    ("°C", "degree Celsius", "degrees Celsius"),
    ("°F", "degree Fahrenheit", "degrees Fahrenheit"),
    // Latitude and longitude: "69.6°N" (it was "degrees N"; found by a fresh tester).
    ("°N", "degree north", "degrees north"),
    ("°S", "degree south", "degrees south"),
    ("°E", "degree east", "degrees east"),
    ("°W", "degree west", "degrees west"),
    ("°", "degree", "degrees"),
];

/// Length units that can be squared or cubed ("m²", "km^2", "cm³") or give a speed ("m/s"):
/// written, singular, plural. Only here, not in [`UNITS`], because a bare "m" after a number
/// may be "million" (see [`meters_or_million`]) and "in" is a word.
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

/// Amounts of data that are divided by a second to give a rate ("3 MB/s", "100 Mb/s"), as
/// written; their words are those of [`UNITS`]. Bytes are a capital "B", bits a lower-case "b".
const DATA_UNITS: [&str; 15] = [
    "kB", "KB", "MB", "GB", "TB", "kb", "Kb", "Mb", "Gb", "KiB", "MiB", "GiB", "Gbit", "Mbit",
    "req",
];

/// Units of time a length is divided by ("m/s", "m/s²"): written, singular.
const TIME_UNITS: [(&str, &str); 3] = [("s", "second"), ("h", "hour"), ("min", "minute")];

/// Words that make a bare "C" or "F" after a number a temperature ("preheat the oven to
/// 200C"). Compared case-insensitively.
/// Weather words were added after a fresh tester's "Highs of 25C are expected, with lows of
/// 12C" read "twenty-five C".
const HEAT_WORDS: [&str; 19] = [
    "highs",
    "lows",
    "temps",
    "weather",
    "freezing",
    "oven",
    "ovens",
    "preheat",
    "preheated",
    "bake",
    "roast",
    "heat",
    "temperature",
    "temperatures",
    "fan",
    "degrees",
    "thermostat",
    "warm",
    "hot",
];

/// Words that make a "W" after a number a direction ("Route 66 W", "Exit 12 W"), not watts.
const ROAD_WORDS: [&str; 10] = [
    "Route",
    "Rte",
    "Highway",
    "Hwy",
    "Interstate",
    "Exit",
    "Street",
    "St",
    "Avenue",
    "Road",
];

/// Words that make "bps" bits per second rather than basis points.
const DATA_WORDS: [&str; 9] = [
    "bit",
    "bits",
    "byte",
    "bytes",
    "baud",
    "modem",
    "serial",
    "bandwidth",
    "data",
];

/// Plural words after a distance in meters ("the 400m hurdles"), which otherwise would make
/// "m" a count in millions.
const DISTANCE_PLURALS: [&str; 12] = [
    "hurdles",
    "heats",
    "races",
    "sprints",
    "finals",
    "relays",
    "records",
    "titles",
    "laps",
    "events",
    "medals",
    "semifinals",
];

/// Words ending in "s" that are not plural nouns ("400m is", "5m across", "10m towards").
const NOT_PLURALS: [&str; 10] = [
    "is",
    "was",
    "has",
    "does",
    "across",
    "always",
    "towards",
    "afterwards",
    "plus",
    "minus",
];

/// Plurals not ending in "s" ("5m people").
const IRREGULAR_PLURALS: [&str; 4] = ["people", "children", "men", "women"];

/// Sums of money a business reports, after "in" or "of": "280m in profit", "£5m of funding"
/// read as millions even without a currency sign (found in the extraction dev set's true
/// texts, where "280m in profit" was "two hundred eighty meters").
const MONEY_NOUNS: [&str; 30] = [
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "funding",
    "financing",
    "loss",
    "losses",
    "debt",
    "debts",
    "investment",
    "investments",
    "cash",
    "savings",
    "assets",
    "capital",
    "damages",
    "fines",
    "bonuses",
    "donations",
    "deposits",
    "earnings",
    "income",
    "spending",
    "subsidies",
    "taxes",
    "turnover",
    "grants",
    "reserves",
];

/// What "m" after a number stands for, by the word after it: a count in millions before a
/// plural noun ("5m people", "2.5m barrels", "400m years") or a sum before "in" or "of" and
/// one of [`MONEY_NOUNS`] ("280m in profit") or a year ("1.2m in 1900"), else meters ("400m",
/// "the 400m race", "a 30m drop", "the 400m hurdles", "280m in length"). After a currency
/// ("$5m") it is always million and [`money`](super::money::money) reads it. `next` and `after`: the two words
/// after the number. Returns the singular and plural reading.
pub(super) fn meters_or_million(next: Option<&Word>, after: Option<&Word>) -> (String, String) {
    // "grew from 1.2m in 1900 to 4.5m": a count in a year (found by a fresh tester).
    let in_a_year = |a: &Word| {
        a.core.len() == 4
            && a.core.bytes().all(|b| b.is_ascii_digit())
            && a.core.starts_with(['1', '2'])
    };
    let sum = next.is_some_and(|n| matches!(n.core, "in" | "of") && n.trail.is_empty())
        && after.is_some_and(|a| a.lead.is_empty() && MONEY_NOUNS.contains(&a.core))
        || next.is_some_and(|n| n.core == "in" && n.trail.is_empty())
            && after.is_some_and(|a| a.lead.is_empty() && in_a_year(a));
    // "5m Britons", "3m Americans": a people, capitalised, is counted in millions (it was "five
    // meters Britons"; found by a fresh tester); so is a capitalised or all-capitals word
    // before a plural noun ("10m EU citizens", "2m Premium users"), but not a race before
    // its heats ("the 100m Freestyle heats").
    let people = |n: &Word| {
        n.lead.is_empty()
            && n.core.len() > 4
            && n.core.starts_with(|c: char| c.is_ascii_uppercase())
            && n.core[1..].bytes().all(|b| b.is_ascii_lowercase())
            && ["ans", "ons", "ers", "ites"]
                .iter()
                .any(|e| n.core.ends_with(e))
    };
    let named_before_plural = next.is_some_and(|n| {
        n.lead.is_empty()
            && n.trail.is_empty()
            && n.core.starts_with(|c: char| c.is_ascii_uppercase())
            && n.core.chars().all(|c| c.is_ascii_alphabetic())
    }) && after
        .is_some_and(|a| plural_noun(a) && !DISTANCE_PLURALS.contains(&a.core));
    let count = sum
        || next
            .is_some_and(|n| (plural_noun(n) && !DISTANCE_PLURALS.contains(&n.core)) || people(n))
        || named_before_plural;
    let (one, many) = if count {
        ("million", "million")
    } else {
        ("meter", "meters")
    };
    (one.to_string(), many.to_string())
}

/// Things counted in millions that a sentence names before a bare "5m" ("The population is
/// 67m.", "Sales reached 5m last year", "viewers peaked at 12.5m"), with [`MONEY_NOUNS`].
const COUNT_NOUNS: &[&str] = &[
    "population",
    "people",
    "users",
    "viewers",
    "viewership",
    "audience",
    "audiences",
    "subscribers",
    "customers",
    "visitors",
    "votes",
    "voters",
    "downloads",
    "members",
    "listeners",
    "followers",
    "residents",
    "inhabitants",
    "copies",
    "units",
    "shares",
    "passengers",
    "patients",
    "cases",
    "jobs",
    "homes",
    "households",
    "tickets",
    "readers",
    "fans",
    "players",
    "accounts",
    "devices",
    "vehicles",
    "cars",
    "views",
    "streams",
    "signatures",
    "deaths",
    "infections",
    "births",
    "workers",
    "employees",
    "students",
    "tourists",
    "migrants",
    "refugees",
    "sales",
    "revenue",
    "revenues",
    "profit",
    "profits",
    "budget",
    "salary",
    "fee",
    "transfer",
    "deal",
    "contract",
    "worth",
    "valued",
    "raised",
    "record",
    "loss",
    "bill",
    "cost",
    "costs",
    "price",
];

/// Words of a length, a height or a race, which keep "m" meters even after a word of
/// [`COUNT_NOUNS`] ("a record 8.95m jump" is decided by the noun after it; "the record is 8.95m
/// long" by "long").
const LENGTH_CUES: &[&str] = &[
    "tall",
    "high",
    "height",
    "long",
    "length",
    "deep",
    "depth",
    "wide",
    "width",
    "race",
    "sprint",
    "hurdles",
    "freestyle",
    "relay",
    "swim",
    "jump",
    "throw",
    "vault",
    "dash",
    "drop",
    "climb",
    "altitude",
    "elevation",
    "distance",
    "away",
    "above",
    "below",
    "metres",
    "meters",
    "tower",
    "building",
    "wall",
    "bridge",
    "yacht",
    "boat",
    "wave",
    "waves",
    "depths",
    "hill",
    "mountain",
    "cliff",
    "summit",
    "tree",
    "pool",
    "course",
    "track",
];

/// Words after a bare "5m" that end its noun phrase without naming what it counts, so the
/// words before decide ([`counted_before`]).
const PHRASE_ENDS: &[&str] = &[
    "last",
    "this",
    "next",
    "in",
    "on",
    "by",
    "from",
    "to",
    "and",
    "or",
    "a",
    "an",
    "the",
    "up",
    "down",
    "since",
    "after",
    "before",
    "with",
    "compared",
    "according",
    "year",
    "year-on-year",
    "annually",
    "each",
    "every",
    "per",
    "now",
    "today",
    "so",
    "but",
    "were",
    "was",
    "is",
    "are",
    "had",
    "have",
    "has",
];

/// Whether a bare "67m" at `i`, with no noun after it ([`PHRASE_ENDS`] or the end of a clause),
/// counts millions by the words before it in its sentence: one of [`COUNT_NOUNS`] within eight
/// words and no [`LENGTH_CUES`] ("The population is 67m." → "sixty-seven million", "Sales
/// reached 5m last year"); or odds, "one in 14m" (they were "meters"; found by a fresh tester).
/// "The tower is 300m tall", "the 400m", "ran 100m in 9.58" stay meters.
pub(super) fn counted_before(w: &[Word], i: usize) -> bool {
    let ends_phrase = !w[i].trail.is_empty()
        || w.get(i + 1).is_none_or(|n| {
            n.lead.is_empty() && PHRASE_ENDS.contains(&n.core.to_lowercase().as_str())
        });
    if !ends_phrase || w.get(i + 1).is_some_and(|n| LENGTH_CUES.contains(&n.core)) {
        return false;
    }
    if i >= 2 && w[i - 1].core == "in" && matches!(w[i - 2].core, "one" | "One" | "1") {
        return true;
    }
    let mut counted = false;
    for k in (i.saturating_sub(8)..i).rev() {
        let p = &w[k];
        if p.trail.contains(['.', '!', '?', ';']) {
            break;
        }
        let core = p.core.to_lowercase();
        if LENGTH_CUES.contains(&core.as_str()) {
            return false;
        }
        counted |= COUNT_NOUNS.contains(&core.as_str()) || MONEY_NOUNS.contains(&core.as_str());
    }
    counted
}

/// A unit's singular and plural reading: one from [`UNITS`], a squared or cubed length
/// ("m^2" → "square meters", "cm^3" → "cubic centimeters"), or a length per time, perhaps
/// squared ("m/s^2" → "meters per second squared").
pub(super) fn unit(s: &str) -> Option<(String, String)> {
    if let Some((_, one, many)) = UNITS.iter().find(|(w, _, _)| *w == s) {
        return Some((one.to_string(), many.to_string()));
    }
    if let Some((length, time)) = s.split_once('/') {
        // "3 MB/s": data per second, "three megabytes per second" (espeak-ng: "M B slash s").
        if let Some((_, one, many)) = UNITS
            .iter()
            .find(|(w, _, _)| *w == length && DATA_UNITS.contains(w))
        {
            return (time == "s" || time == "sec")
                .then(|| (format!("{one} per second"), format!("{many} per second")));
        }
        // "5 mg/kg", "35 µg/m³", "300 Wh/kg", "190 mg/dL": a unit per another ("milligrams per
        // kilogram"); espeak-ng said "M G slash K G" (found by a fresh tester).
        // "5 mg/kg/day": each further unit is another "per" (it was read "mg/kg/day" as
        // written; found by a fresh tester).
        let per_all = || {
            time.split('/')
                .map(per_unit)
                .collect::<Option<Vec<_>>>()
                .map(|p| p.join(" per "))
        };
        if let (Some((_, one, many)), Some(per)) =
            (UNITS.iter().find(|(w, _, _)| *w == length), per_all())
        {
            return Some((format!("{one} per {per}"), format!("{many} per {per}")));
        }
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

/// Periods a dose or an intake is given per, as written after a slash, and said.
const PER_PERIODS: [(&str, &str); 7] = [
    ("d", "day"),
    ("day", "day"),
    ("wk", "week"),
    ("week", "week"),
    ("mo", "month"),
    ("yr", "year"),
    ("dose", "dose"),
];

/// A unit a quantity is divided by, said in the singular after "per": one of [`UNITS`],
/// [`LENGTH_UNITS`] or [`TIME_UNITS`], a squared or cubed length ("m²", "m³"), or a tenth of a
/// liter ("dL", as blood tests are reported).
fn per_unit(s: &str) -> Option<String> {
    if let Some((_, one)) = TIME_UNITS.iter().find(|(w, _)| *w == s) {
        return Some((*one).to_string());
    }
    if s == "dL" {
        return Some("deciliter".into());
    }
    // Rates of a dose or an intake: "mg/kg/day", "mg/kg/d", "units/week".
    if let Some((_, one)) = PER_PERIODS.iter().find(|(w, _)| *w == s) {
        return Some((*one).to_string());
    }
    // A superscript power is read as a caret one is ("m³" as "m^3").
    let caret = s.replace('²', "^2").replace('³', "^3");
    let (one, _) = unit(&caret)
        .or_else(|| length_unit(s).map(|(one, many)| (one.to_string(), many.to_string())))?;
    Some(one)
}

/// A unit abbreviation inside a hyphenated compound, said in the singular as compound
/// adjectives are ("3-yr-old" → "year", "10-min" → "minute", "5-km" → "kilometer"): from
/// [`UNITS`] and [`LENGTH_UNITS`], but not "in" ("3-in-1" is a word) nor "bp" (DNA base
/// pairs in "a 500-bp fragment").
pub(super) fn compound_unit(s: &str) -> Option<&'static str> {
    if matches!(s, "in" | "bp" | "bps") || s.len() < 2 {
        return None;
    }
    UNITS
        .iter()
        .find(|(w, _, _)| *w == s)
        .map(|(_, one, _)| *one)
        .or_else(|| length_unit(s).map(|(one, _)| one))
}

/// Unit abbreviations that are read as their unit with no number before them, after an
/// article or "per": "a tbsp of oil" → "a tablespoon", "£4 per kg" → "per kilogram". Ones that
/// are also words or letters ("min", "g", "in", "L") are not here.
const LONE_UNITS: [&str; 18] = [
    "tbsp", "Tbsp", "TBSP", "tbs", "tsp", "Tsp", "TSP", "kg", "km", "mg", "lb", "oz", "ml", "mph",
    "kph", "hr", "yr", "ft",
];

/// A unit abbreviation without a number, after "a", "an", "per" or "each" ([`LONE_UNITS`]):
/// "add a tbsp of oil" → "a tablespoon", "90p per kg" → "per kilogram". espeak-ng spells them
/// ("t b s p", "k g").
pub(super) fn lone_unit(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let prev = w[i.checked_sub(1)?];
    let after = ["a", "an", "per", "each"]
        .iter()
        .any(|a| a.eq_ignore_ascii_case(prev.core))
        && prev.trail.is_empty();
    if !after || !LONE_UNITS.contains(&word.core) || !word.lead.is_empty() {
        return None;
    }
    let (one, _) = unit(word.core)?;
    let goes_on = w
        .get(i + 1)
        .is_some_and(|n| n.lead.is_empty() && n.core.starts_with(char::is_lowercase));
    let trail = match word.trail.strip_prefix('.') {
        Some(rest) if goes_on => rest,
        _ => word.trail,
    };
    Some((format!("{one}{trail}"), 1))
}

pub(super) fn length_unit(s: &str) -> Option<(&'static str, &'static str)> {
    LENGTH_UNITS
        .iter()
        .find(|(w, _, _)| *w == s)
        .map(|(_, one, many)| (*one, *many))
}

/// Whether a word looks like a plural noun, a thing counted: lower case, ending in "s" but not
/// "ss" or "us" ("barrels", "years", not "across", "bus"), or one of [`IRREGULAR_PLURALS`].
pub(super) fn plural_noun(word: &Word) -> bool {
    let c = word.core;
    word.lead.is_empty()
        && c.chars().all(|ch| ch.is_ascii_lowercase())
        && (IRREGULAR_PLURALS.contains(&c)
            || (c.len() > 2
                && c.ends_with('s')
                && !c.ends_with("ss")
                && !c.ends_with("us")
                && !NOT_PLURALS.contains(&c)))
}

/// The unit after a number written with `int` as its whole part, in the chunk `words`: as
/// [`unit()`], except that "bps" is bits per second (a line speed) from 1,000 up ("9600 bps") or
/// in a chunk about [`DATA_WORDS`] ("fifty bps, eight data bits"), and basis points otherwise
/// ("cut by 50 bps"): rates move by tens of basis points, and modems and serial lines run at
/// 1,200 bps and up. A "W" in a chunk with a latitude ("40 N, 74 W") or a road ("Route 66
/// W", [`ROAD_WORDS`]) is west, not watts.
pub(super) fn unit_after(int: &str, s: &str, words: &[Word]) -> Option<(String, String)> {
    let west = || {
        words
            .iter()
            .any(|w| matches!(w.core, "N" | "S") || ROAD_WORDS.contains(&w.core))
    };
    if s == "W" && west() {
        return None;
    }
    let about_data = || {
        words
            .iter()
            .any(|w| DATA_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w.core)))
    };
    if s == "bps" && (int.trim_start_matches('0').len() >= 4 || about_data()) {
        return Some(("bit per second".into(), "bits per second".into()));
    }
    if let Some(scale) = temperature_scale(s, words) {
        return Some((format!("degree {scale}"), format!("degrees {scale}")));
    }
    unit(s)
}

/// "C" or "F" after a number, in a chunk about cooking or the weather ([`HEAT_WORDS`]): the
/// scale of a temperature written without its degree sign ("the oven to 200C", "a 30-35C heat").
/// espeak-ng says "two hundred C". Elsewhere a "C" or an "F" after a number is a grade, a
/// class or a model and is left alone.
fn temperature_scale(s: &str, words: &[Word]) -> Option<&'static str> {
    let scale = scale_name(s)?;
    words
        .iter()
        .any(|w| HEAT_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w.core)))
        .then_some(scale)
}

/// The temperature scale a "C" or an "F" after a number names.
pub(super) fn scale_name(s: &str) -> Option<&'static str> {
    match s {
        "C" => Some("Celsius"),
        "F" => Some("Fahrenheit"),
        _ => None,
    }
}

/// Whether the word at `i` follows a length in feet ("5 ft 4 in", "5ft 4in"), so that an
/// "in" after its number is inches, not the preposition.
pub(super) fn after_feet(w: &[Word], i: usize) -> bool {
    // "5 ft 9 in", "5 ft. 9 in." (the abbreviation's period, found by a fresh tester).
    let bare = |k: usize| matches!(w[k].trail, "" | ".");
    let feet = |k: usize| matches!(w[k].core, "ft" | "feet" | "foot") && bare(k);
    let run_on = |k: usize| bare(k) && w[k].core.strip_suffix("ft").is_some_and(super::all_digits);
    (i >= 2 && feet(i - 1)) || (i >= 1 && run_on(i - 1))
}

/// A height in feet and inches written with ASCII quote marks: "6'2\"" and "6' 2\"" → "six
/// foot two", "5'11" → "five foot eleven", "6'0\"" → "six foot". espeak-ng reads the marks as a
/// pause ("six, two"). Feet 1 to 9, inches 0 to 11; the closing mark may be left out.
pub(super) fn feet_and_inches(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (feet, inches, trail, used) = match word.core.split_once('\'') {
        Some((f, n)) => (f, n, word.trail, 1),
        None => {
            let next = w.get(i + 1)?;
            if word.trail != "'" || !next.lead.is_empty() {
                return None;
            }
            (word.core, next.core, next.trail, 2)
        }
    };
    let trail = trail.strip_prefix('"').unwrap_or(trail);
    let f: u64 = feet
        .parse()
        .ok()
        .filter(|_| feet.len() == 1 && super::all_digits(feet))?;
    let n: u64 = inches
        .parse()
        .ok()
        .filter(|_| (1..=2).contains(&inches.len()) && super::all_digits(inches))?;
    if f == 0 || n > 11 || (used == 2 && !w[i + 1].trail.starts_with('"')) {
        return None;
    }
    let said = match n {
        0 => format!("{} foot", cardinal(f)),
        _ => format!("{} foot {}", cardinal(f), cardinal(n)),
    };
    Some((format!("{}{said}{trail}", word.lead), used))
}

/// A size in inches written with an ASCII double quote: "a 12\" pizza" → "a twelve-inch pizza",
/// "a 15.6\" laptop", "the screen is 27\"" → "twenty-seven inches". espeak-ng drops the mark
/// ("twelve pizza"); a fraction of an inch too. Only a number of up to three digits (and up to
/// three decimal places) and not after an unclosed quote mark, so the end of a quotation
/// ("\"12\"", "\"Room 5\"") is left alone.
pub(super) fn inches(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let rest = word.trail.strip_prefix('"')?;
    // After an opening quote mark the mark closes a quotation ("Call it \"Room 5\" please").
    // The inch mark of a height before it ("5'10\"", "5' 10\"") opens nothing, nor does an
    // inch mark of a size outside a quotation ("a 1/2\" bit and a 3/4\" socket").
    let mut open = false;
    for (k, x) in w[..i].iter().enumerate() {
        let height = feet_and_inches(w, k).is_some()
            || (k > 0 && feet_and_inches(w, k - 1).is_some_and(|(_, used)| used == 2));
        if height {
            continue;
        }
        let inch_mark = !open
            && x.lead.is_empty()
            && x.trail.starts_with('"')
            && x.core.starts_with(|c: char| c.is_ascii_digit())
            && x.core
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/'));
        // A mark inside a word opens a quotation too: code's `execute("SELECT 1")` (its "1\")"
        // was "one inch)"; found by a fresh tester).
        let quotes = x.lead.matches('"').count()
            + x.core.matches('"').count()
            + x.trail.matches('"').count();
        if (quotes - usize::from(inch_mark)) % 2 == 1 {
            open = !open;
        }
    }
    if open != (word.lead.matches('"').count() % 2 == 1) {
        return None;
    }
    // "12\" of snow", "3/8\" wide": a measure before a preposition or an adjective is no
    // modifier (it was "twelve-inch of snow").
    let before_noun = rest.is_empty()
        && w.get(i + 1).is_some_and(|n| {
            n.lead.is_empty()
                && n.core.starts_with(char::is_lowercase)
                && !NOT_MODIFIED.contains(&n.core)
                && !matches!(
                    n.core,
                    "wide"
                        | "long"
                        | "thick"
                        | "deep"
                        | "tall"
                        | "high"
                        | "apart"
                        | "across"
                        | "by"
                        | "x"
                )
        });
    // "a 1/2\" drill bit" → "a half-inch drill bit", "3/8\"" → "three eighths of an inch"
    // (the mark was dropped: "one half drill bit"; found by a fresh tester).
    if let Some(name) = super::numbers::fraction_name(word.core, true) {
        let said = if before_noun {
            let name = name.strip_prefix("one ").unwrap_or(&name).replace(' ', "-");
            let name = name
                .strip_suffix("quarters")
                .map_or(name.clone(), |n| format!("{n}quarter"));
            format!("{name}-inch")
        } else if name == "one half" {
            "half an inch".to_string()
        } else {
            let name = match name.strip_prefix("one ") {
                Some(part) if part.starts_with('e') => format!("an {part}"),
                Some(part) => format!("a {part}"),
                None => name,
            };
            format!("{name} of an inch")
        };
        return Some((format!("{}{said}{rest}", word.lead), 1));
    }
    let (int, frac) = word.core.split_once('.').unwrap_or((word.core, ""));
    let whole = super::all_digits(int) && int.len() <= 3;
    if !whole || !(frac.is_empty() || (frac.len() <= 3 && super::all_digits(frac))) {
        return None;
    }
    let number = if frac.is_empty() {
        cardinal(int.parse().ok()?)
    } else {
        super::words::decimal(int, frac)
    };
    let said = if before_noun {
        format!("{number}-inch")
    } else if int == "1" && frac.is_empty() {
        format!("{number} inch")
    } else {
        format!("{number} inches")
    };
    Some((format!("{}{said}{rest}", word.lead), 1))
}

/// Determiners before a number that, with a noun after its unit, make the number and unit a
/// compound modifier (see [`modifies_noun`]). Compared case-insensitively.
const MODIFIER_DETERMINERS: [&str; 16] = [
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "each", "every",
];

/// Words after a unit that are no noun it could modify: prepositions ("five kilometers of
/// road", "to town"), conjunctions and relative words, pronouns, determiners ("a day"), verbs
/// and adverbs of distance or time ("away", "ago").
pub(super) const NOT_MODIFIED: [&str; 109] = [
    // Prepositions and particles.
    "of",
    "to",
    "from",
    "in",
    "into",
    "on",
    "onto",
    "at",
    "by",
    "for",
    "with",
    "without",
    "within",
    "over",
    "under",
    "across",
    "along",
    "through",
    "between",
    "among",
    "per",
    "past",
    "beyond",
    "around",
    "round",
    "up",
    "down",
    "off",
    "out",
    "away",
    "ahead",
    "behind",
    "above",
    "below",
    "toward",
    "towards",
    "via",
    "than",
    "as",
    "like",
    "before",
    "after",
    "since",
    "until",
    "till",
    "near",
    "inside",
    "outside",
    "apart",
    "back",
    "north",
    "south",
    "east",
    "west",
    "uphill",
    "downhill",
    // Conjunctions and relative words.
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "that",
    "which",
    "who",
    "where",
    "when",
    "while",
    "if",
    "because",
    // Pronouns and determiners.
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "there",
    "a",
    "an",
    "the",
    "each",
    "every",
    // Verbs.
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    // Adverbs of time and amount.
    "ago",
    "later",
    "earlier",
    "more",
    "less",
    "apiece",
    "total",
    "altogether",
    "too",
];

/// Whether a number at `number_at` and its unit word at `unit_at` modify the noun after them,
/// so the unit is said in the singular: "a 5 km run" → "a five kilometer run", "a 2 L bottle" →
/// "a two liter bottle", "the 400m hurdles" → "the four hundred meter hurdles", as English
/// writes "a five-kilometre run" and "a 10-mile walk" (a compound adjective never takes a
/// plural). The unit stays plural where it is a quantity: "it is 5 km long", "5 km of road",
/// "runs 5 km to town", "the 5 km we ran".
///
/// The rule: a determiner directly before the number ([`MODIFIER_DETERMINERS`]: "a", "the",
/// "its"…), nothing after the unit word but a space, and then a word in lower case that is no
/// preposition, conjunction, pronoun, verb or adverb ([`NOT_MODIFIED`]). The determiner is
/// required because without it a word after the quantity is as often an adverb or a verb
/// ("ran 5 km daily", "5 km separate them") as a noun; "ran 5 km races" keeps its plural.
pub(super) fn modifies_noun(w: &[Word], number_at: usize, unit_at: usize) -> bool {
    let prev = number_at.checked_sub(1).map(|k| &w[k]);
    let determiner = prev.is_some_and(|prev| {
        prev.trail.is_empty()
            && MODIFIER_DETERMINERS
                .iter()
                .any(|d| d.eq_ignore_ascii_case(prev.core))
    });
    // "a 450W TDP", "a 5 GB SSD": an acronym in capitals is a noun too (found by a fresh
    // tester: "four hundred fifty watts TDP").
    let acronym = |c: &str| {
        (2..=5).contains(&c.len()) && c.chars().all(|c| c.is_ascii_uppercase()) && unit(c).is_none()
    };
    let noun = w.get(unit_at + 1).is_some_and(|n| {
        n.lead.is_empty()
            && ((n.core.starts_with(|c: char| c.is_ascii_lowercase())
                && n.core.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !NOT_MODIFIED.contains(&n.core))
                || acronym(n.core))
    });
    // "40mm drivers", "2cm cubes", "15 mm bolts": a small length before a plural noun is a
    // size even without a determiner (it was "forty millimeters drivers"; found by a fresh
    // tester). Other units keep the rule: "ran 5 km races", "2 kg potatoes" (a quantity).
    let small_size = w[unit_at].core.ends_with("mm") || w[unit_at].core.ends_with("cm");
    let plural_after = w
        .get(unit_at + 1)
        .is_some_and(|n| plural_noun(n) && !NOT_MODIFIED.contains(&n.core));
    (determiner || (small_size && plural_after))
        && noun
        && w[number_at].trail.is_empty()
        && w[unit_at].trail.is_empty()
}
