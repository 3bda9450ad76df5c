//! English: how a narrator reads dates, money, numbers, units, abbreviations and symbols.
//!
//! Hand-written, word by word, from tables. No crate covers narration-grade English
//! normalisation (years vs. quantities, "St." as Saint or Street, regnal numerals, a phone
//! number vs. a range), and each rule here exists because espeak-ng reads the written form
//! wrongly: it pauses after "Dr.", says "roman three" for "Charles III", "dollar one point five
//! b n" for "$1.5bn", "three hundred seven dash five hundred fifty-five" for a phone number,
//! nothing at all for "-5". Forms espeak-ng already reads right ("US", "NASA", "U.S.", "9pm",
//! "PS5") are left alone.
//!
//! A word is split into leading punctuation, its core, and trailing punctuation; rules look at
//! the core and its neighbours and may consume a few following words ("$1.5 billion",
//! "Oct. 5, 2018", "+44 20 7946 0958"). The first rule that matches wins, in the order of
//! [`normalize`]; an unmatched word is kept as written.
//!
//! One file per kind of reading, each with its tables, in `en/`: `dates_times`, `phone`,
//! `abbreviations`, `addresses` (e-mail, web and IP addresses), `money`, `products` (model and
//! version numbers), `numbers` (plain numbers, ranges, ratios, ordinals, fractions, race
//! times), `units` (heights too), `roman`, `scripture` (Bible references), `letters` (the letter A, notes and blood
//! groups),
//! `acronyms` (the one table of acronym readings),
//! `symbols`, `powers`; `words` spells numbers out.

mod abbreviations;
mod acronyms;
mod addresses;
mod dates_times;
mod heteronyms;
mod letters;
mod money;
mod numbers;
mod phone;
mod powers;
mod products;
mod roman;
mod scripture;
mod symbols;
mod units;
mod words;

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
        [self.lead, self.core, self.trail].concat()
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

pub(crate) use dates_times::{dates_day_first, text_shows_day_first};
pub(crate) use scripture::is_book_abbreviation;
pub(super) use words::cardinal as cardinal_words;

/// Rewrites one chunk of English (already through the language-neutral pass) as it is said.
pub fn normalize(text: &str) -> String {
    normalize_with(text, true)
}

/// Whether a word's core is lower-case ASCII letters only ("the", "etc", "iii"): three words
/// in four of prose. Only [`normalize`]'s `word_rules` can read one; every other rule needs a
/// digit, a capital, or a sign in the word it starts at (checked rule by rule, and by running
/// all of them on every such word of the extraction dev set's 806 true texts and the speech
/// table: only those seven ever read one), and [`heteronyms`], which reads plain words only.
fn is_plain_word(word: &Word) -> bool {
    !word.core.is_empty() && word.core.bytes().all(|b| b.is_ascii_lowercase())
}

/// [`normalize`]; `plain_fast` tries only the rules that can read a plain word
/// ([`is_plain_word`]) on one, which makes the speech stage about a third faster on a long page
/// (`benches/hostile_html.py`) and changes no reading (a test compares the two).
fn normalize_with(text: &str, plain_fast: bool) -> String {
    let text = dates_times::drop_speaker_time_codes(text);
    let text = dates_times::split_timestamps(&text);
    let text = units::join_degrees(&text);
    let text = units::join_fluid_ounces(&text);
    let text = numbers::join_spaced_thousands(&text);
    let words: Vec<Word> = text.split_whitespace().map(split_word).collect();
    // Order matters where two rules could read the same words: dates and times before phone
    // numbers ("2023-11-02" is a date), phone numbers before ranges ("555-0148"), money before
    // plain numbers ("USD 5m"), model numbers before plain numbers ("Boeing 787"), time ranges
    // before ranges ("6-11pm"), version numbers before web addresses and plain numbers, IP
    // addresses before all (four parts, "10.11.12.13", are never a date or a version alone).
    let rules: [Rule; 49] = [
        scripture::scripture,
        addresses::ip_address,
        addresses::zip_code,
        addresses::state_after_city,
        addresses::party_and_state,
        addresses::house_number,
        addresses::isbn,
        numbers::leading_point,
        products::version_alternatives,
        products::standard_name,
        acronyms::instrument_code,
        acronyms::speaker_initials,
        dates_times::time_code,
        dates_times::date,
        dates_times::day_range,
        dates_times::day_or_month_before_date,
        dates_times::weekday_with_period,
        dates_times::time_range,
        dates_times::time_of_day,
        dates_times::duration_parts,
        phone::phone_number,
        numbers::number_run,
        numbers::serial_number,
        products::version_number,
        units::feet_and_inches,
        units::inches,
        units::lone_unit,
        abbreviations::abbreviation,
        abbreviations::change_period,
        addresses::email_or_handle,
        addresses::web_address,
        money::currency_pair,
        money::money,
        products::model_number,
        numbers::pixel_size,
        numbers::dimension_by,
        numbers::status_code,
        numbers::number_forms,
        roman::provision_number,
        roman::roman_numeral,
        letters::letter,
        addresses::compass_point,
        acronyms::acronym,
        symbols::key_combination,
        symbols::symbol,
        powers::power,
        powers::subscripts,
        numbers::possessive_number,
        heteronyms::heteronym,
    ];
    // The rules above that can read a plain word, in the same order.
    let word_rules: [Rule; 8] = [
        units::lone_unit,
        abbreviations::abbreviation,
        abbreviations::change_period,
        numbers::dimension_by,
        roman::roman_numeral,
        acronyms::acronym,
        symbols::key_combination,
        heteronyms::heteronym,
    ];
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let tried: &[Rule] = if plain_fast && is_plain_word(&words[i]) {
            &word_rules
        } else {
            &rules
        };
        let (mut said, used, read) = match tried.iter().find_map(|rule| rule(&words, i)) {
            Some((said, used)) => (said, used, true),
            None => (words[i].raw(), 1, false),
        };
        // "posted on the 15/12/2025": the date's reading brings its own "the".
        if read
            && said.starts_with("the ")
            && i > 0
            && words[i - 1].trail.is_empty()
            && out.last().is_some_and(|l| l.eq_ignore_ascii_case("the"))
        {
            said.replace_range(..4, "");
        }
        // "A" only opening a sentence ("Grade A 80%" keeps its letter).
        let opens = i <= 1 || words[i - 2].trail.ends_with(['.', '!', '?', ':', '"']);
        let article = out.last_mut().filter(|a| *a == "a" || (*a == "A" && opens));
        if let Some(article) = article.filter(|_| {
            i > 0
                && words[i - 1].trail.is_empty()
                && if read {
                    starts_with_vowel_sound(&said)
                } else {
                    digits_open_with_vowel_sound(&words[i])
                }
        }) {
            article.push('n');
        }
        out.push(said);
        i += used.max(1);
    }
    out.join(" ")
}

/// Whether a number as it is said opens with a vowel sound, so the article before it is
/// "an": "a $11k/year stipend", "a 8-hour shift" and "a 18% rise" are written as the digits
/// look, and said "an eleven thousand…", "an eight-hour…", "an eighteen percent…" (found in
/// the extraction dev set's true texts), as are "an eleventh-hour deal" and "an eighties
/// song". Only a reading made by a rule counts: "a eight" written in words is left as written.
fn starts_with_vowel_sound(said: &str) -> bool {
    let first = said
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    first.starts_with("eight") || first.starts_with("eleven")
}

/// Whether a word no rule reads, left to the engine, opens with digits it says with a vowel
/// sound: "a 11th-hour deal" is said "an eleventh-hour deal", "a 8-bit" "an eight-bit".
fn digits_open_with_vowel_sound(word: &Word) -> bool {
    if !word.lead.is_empty() {
        return false;
    }
    let digits: String = word
        .core
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    !digits.is_empty() && digits.len() <= 15 && starts_with_vowel_sound(&words::integer(&digits))
}

/// A rule reads the words at `i`, returning what is said and how many words it consumed.
type Rule = fn(&[Word], usize) -> Option<(String, usize)>;

fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Capitalised words that start sentences but are no names: they never take a regnal
/// numeral, and "St." after them is a saint ("The St. Louis Cardinals"), not a street.
const NOT_NAMES: [&str; 19] = [
    "The", "A", "An", "Of", "In", "On", "At", "To", "For", "And", "Or", "But", "From", "By",
    "With", "Near", "Into", "Like", "As",
];

/// Whether a capitalised word is a name rather than a sentence opener ("Henry", "John", not
/// "The", nor an all-capitals acronym).
fn is_name(core: &str) -> bool {
    capitalized(core) && !NOT_NAMES.contains(&core) && core.chars().skip(1).any(char::is_lowercase)
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

    #[test]
    fn a_hash_is_a_hashtag_only_before_a_tag_in_mixed_case() {
        for text in [
            "Part #DVG8M fits.",
            "The MODEL #N24 ships.",
            "#UMOUNT ANY sudo umount",
            "The colour is #D3D7CF.",
            "#include <stdio.h>",
        ] {
            assert_eq!(spoken(text), text);
        }
        assert_eq!(spoken("Best of #BookTok"), "Best of hashtag Book Tok");
    }
    #[test]
    fn reads_phone_numbers_in_digit_groups() {
        check("phone");
    }
    #[test]
    fn reads_times_of_day() {
        check("times");
    }
    #[test]
    fn reads_model_numbers() {
        check("models");
    }
    #[test]
    fn reads_ratios_apart_from_clock_times() {
        check("ratios");
    }
    #[test]
    fn reads_changes_over_a_period() {
        check("change-periods");
    }

    #[test]
    fn leaves_look_alikes_of_dates_versions_and_units_as_written() {
        // Forms the rules for numeric dates, versions, thousands, temperatures and weekday
        // ranges must not take: an impossible date, a screen, a race, gold, a grade without a
        // word of heat, a name, an IP address out of range.
        let kept = [
            "On 31/02/2024 nothing happened.",
            "The 4K TV costs more.",
            "She ran a 5k.",
            "It is 24K gold.",
            "Grade 12C students.",
            "Mon said hello.",
            "St Paul's Cathedral",
            "the v1.2 branch",
            "logged at 11:53:40",
            "Ping 256.1.1.1 first.",
            "On 31.02.2024 nothing happened.",
        ];
        for written in kept {
            assert_eq!(spoken(written), written, "spoken({written:?})");
        }
    }

    #[test]
    fn never_panics_on_odd_numbers_money_phones_and_models() {
        let odd = [
            "+",
            "+1",
            "+(",
            "(",
            ")",
            "()",
            "(415)",
            "(415",
            "415)",
            "+44",
            "+44 (",
            "+1 (212",
            "-0148",
            "555-",
            "-555-",
            "1-",
            "1--800",
            "1-800-",
            "555-0148-",
            "...",
            "1.800.",
            "+999999999999999999",
            "+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6",
            "$",
            "NZ$",
            "NZ$.",
            "A$-",
            "US$",
            "Rs",
            "Rs.",
            "Rs. ",
            "CHF",
            "CHF.",
            "USD 5m USD",
            "5m USD USD",
            "₹",
            "₹lakh",
            "lakh crore",
            "1,00",
            "1,00,00",
            ",1",
            "1,,0",
            "99,99,99,999",
            "2023-13-01",
            "2023-00-10",
            "0000-01-01",
            "2023-02-29",
            "9999-12-31",
            "2023-11",
            "--",
            "24:00",
            "24:01",
            "00:60",
            "99:99",
            ":",
            "1:",
            ":1",
            "1::2",
            "1:2:",
            "9.15",
            "13.15pm",
            "0.15am",
            "9.60pm",
            "9.pm",
            ".15pm",
            "pm",
            "a.m.",
            "9pm.",
            "A",
            "A0",
            "A-",
            "-A",
            "A-1-",
            "F--16",
            "MiG-",
            "-29",
            "747",
            "747s",
            "s",
            "0s",
            "000s",
            "'s",
            "'80",
            "'s80",
            "A9999999999",
            "Z-99999",
            "Boeing",
            "Boeing -",
            "Boeing 0",
            "Room 0s",
            "m",
            "0m",
            "m/m/m",
            "/",
            "p.",
            "pp.",
            "p. -",
            "bp",
            "0bp",
            "IEEE's",
            "AAAs",
            "WWIIs",
            "eigh",
            "6'",
            "6'2",
            "'2\"",
            "0'0\"",
            "9'99\"",
            "w/",
            "St",
            "-pm",
            "pm-",
            "6pm-",
            "-11pm",
            "13pm-1pm",
            "Mon-",
            "-Fri",
            "Mon to",
            "//2024",
            "1//2024",
            "0/0/2024",
            "13/13/2024",
            "2024/",
            "/25",
            "v",
            "v.",
            "v..",
            "1..2",
            ".1.2",
            "1.2.",
            "K",
            "0K",
            "-1K",
            ".5K",
            "-35°C",
            "30-°C",
            "-",
            "::",
            "1:00:",
            "1:0:00",
            "ft in",
            "in",
            "5ft in",
            "0p",
            "-5p",
            "p1",
            "1/2",
            "10/11",
            "31/11",
            "11-10",
            "ext",
            "ext.",
            "Co.",
            "Rt.",
            "1.2.3.4",
            "999.1.1.1",
            "1960s-",
            "-70s",
            "s-s",
            "0s-0s",
            "3-",
            "3--yr",
            "3-yr-",
            "a tbsp",
            "per",
            "°C/°F",
            "1°C/",
            "/2°F",
            "000",
            "call",
            "or",
        ];
        // Alone and in every pair, so rules that look at neighbours see odd neighbours too.
        for a in odd {
            let _ = spoken(a);
            for b in odd {
                let _ = spoken(&format!("{a} {b}"));
                let _ = spoken(&format!("{a}{b}"));
            }
        }
    }

    /// The plain-word shortcut of [`super::normalize`] reads every case of the speech table
    /// and the sample articles as trying every rule on every word does.
    #[test]
    fn the_plain_word_shortcut_changes_no_reading() {
        let mut texts: Vec<String> = CASES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
            .collect();
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
        for entry in std::fs::read_dir(folder).expect("the sample articles") {
            let text = std::fs::read_to_string(entry.expect("an entry").path()).unwrap_or_default();
            texts.extend(text.lines().map(str::to_string));
        }
        assert!(texts.len() > 900, "{} texts", texts.len());
        for text in &texts {
            assert_eq!(
                super::normalize_with(text, true),
                super::normalize_with(text, false),
                "{text:?}"
            );
        }
    }
}
