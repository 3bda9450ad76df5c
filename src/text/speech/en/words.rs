//! English number words: cardinals, ordinals, years, decades, decimals.
//!
//! Hand-written rather than taken from a crate: we need a reading espeak-ng pronounces the way a
//! narrator would (American style, no "and" after hundred, hyphenated tens, years in pairs) and
//! a few forms number crates don't offer (years, decades, digit-by-digit fallbacks). The tables
//! are small and the rules fit in a page.
//!
//! Every function takes digits as text, so no input can overflow: anything longer than
//! [`MAX_CARDINAL_DIGITS`] is read digit by digit, as a person reads a serial number.

/// Longest integer read as a quantity; longer ones are read digit by digit.
pub const MAX_CARDINAL_DIGITS: usize = 15;

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Scale words by power of a thousand; index 0 is units.
const SCALES: [&str; 5] = ["", "thousand", "million", "billion", "trillion"];
/// Ordinal forms of the words whose ordinal isn't "+th".
const IRREGULAR_ORDINALS: [(&str, &str); 6] = [
    ("one", "first"),
    ("two", "second"),
    ("three", "third"),
    ("five", "fifth"),
    ("eight", "eighth"),
    ("twelve", "twelfth"),
];

fn below_hundred(n: u64) -> String {
    let n = n as usize % 100;
    if n < 20 {
        ONES[n].to_string()
    } else if n.is_multiple_of(10) {
        TENS[n / 10].to_string()
    } else {
        format!("{}-{}", TENS[n / 10], ONES[n % 10])
    }
}

fn below_thousand(n: u64) -> String {
    let (h, rest) = (n / 100 % 10, n % 100);
    match (h, rest) {
        (0, r) => below_hundred(r),
        (h, 0) => format!("{} hundred", ONES[h as usize]),
        (h, r) => format!("{} hundred {}", ONES[h as usize], below_hundred(r)),
    }
}

/// Cardinal words for `n` ("1200" → "one thousand two hundred"), valid below 10^15.
pub fn cardinal(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut words = Vec::new();
    for (scale, group) in groups.iter().enumerate().rev() {
        if *group == 0 {
            continue;
        }
        words.push(below_thousand(*group));
        if let Some(name) = SCALES.get(scale).filter(|s| !s.is_empty()) {
            words.push((*name).to_string());
        }
    }
    words.join(" ")
}

/// Each digit as a word ("007" → "zero zero seven"); non-digits are skipped.
pub fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| ONES[d as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words for an unsigned integer written as ASCII digits (commas already removed).
///
/// Leading zeros and integers longer than [`MAX_CARDINAL_DIGITS`] are read digit by digit.
pub fn integer(s: &str) -> String {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    if (s.len() > 1 && s.starts_with('0')) || s.len() > MAX_CARDINAL_DIGITS {
        return digits(s);
    }
    s.parse::<u64>().map(cardinal).unwrap_or_else(|_| digits(s))
}

/// Turns the last word of a cardinal reading into its ordinal ("twenty-one" → "twenty-first").
pub fn ordinalize(words: &str) -> String {
    let cut = words.rfind([' ', '-']).map_or(0, |i| i + 1);
    let (head, last) = words.split_at(cut);
    let last = IRREGULAR_ORDINALS
        .iter()
        .find(|(c, _)| *c == last)
        .map(|(_, o)| (*o).to_string())
        .unwrap_or_else(|| match last.strip_suffix('y') {
            Some(stem) => format!("{stem}ieth"),
            None => match last.strip_suffix('e') {
                // "nine" → "ninth"
                Some(stem) if last == "nine" => format!("{stem}th"),
                _ => format!("{last}th"),
            },
        });
    format!("{head}{last}")
}

/// Ordinal words for an integer written as digits ("22" → "twenty-second").
pub fn ordinal(s: &str) -> String {
    ordinalize(&integer(s))
}

/// A year read the way people say it: "1998" → "nineteen ninety-eight", "2005" → "two
/// thousand five", "2018" → "twenty eighteen", "1900" → "nineteen hundred".
pub fn year(n: u32) -> String {
    let n = u64::from(n);
    let (hi, lo) = (n / 100, n % 100);
    // "the year 1000" is "one thousand", as 2000 is "two thousand" (not "ten hundred").
    if !(1000..10000).contains(&n) || (2000..2010).contains(&n) || n == 1000 {
        return cardinal(n);
    }
    in_pairs(hi, lo)
}

/// A number said as its hundreds and its last two digits, as years, house numbers and status
/// codes are: (19, 5) → "nineteen oh five", (5, 2) → "five oh two", (4, 15) → "four fifteen",
/// (5, 0) → "five hundred".
pub fn in_pairs(hundreds: u64, rest: u64) -> String {
    match rest {
        0 => format!("{} hundred", cardinal(hundreds)),
        1..=9 => format!("{} oh {}", cardinal(hundreds), ONES[rest as usize]),
        _ => format!("{} {}", cardinal(hundreds), below_hundred(rest)),
    }
}

/// Puts the last word of a reading in the plural ("nineteen ninety" → "nineteen nineties").
pub fn pluralize(words: &str) -> String {
    match words.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None if words.ends_with('x') => format!("{words}es"),
        None => format!("{words}s"),
    }
}

/// A decimal: "3" and "14" → "three point one four".
pub fn decimal(int: &str, frac: &str) -> String {
    format!("{} point {}", integer(int), digits(frac))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cardinals_american_style() {
        let cases = [
            (0, "zero"),
            (7, "seven"),
            (15, "fifteen"),
            (40, "forty"),
            (52, "fifty-two"),
            (100, "one hundred"),
            (105, "one hundred five"),
            (1200, "one thousand two hundred"),
            (1_000_000, "one million"),
            (2_000_300_001, "two billion three hundred thousand one"),
        ];
        for (n, words) in cases {
            assert_eq!(cardinal(n), words, "cardinal({n})");
        }
    }

    #[test]
    fn reads_ordinals_by_last_word() {
        let cases = [
            ("1", "first"),
            ("2", "second"),
            ("3", "third"),
            ("5", "fifth"),
            ("8", "eighth"),
            ("9", "ninth"),
            ("12", "twelfth"),
            ("20", "twentieth"),
            ("22", "twenty-second"),
            ("105", "one hundred fifth"),
        ];
        for (n, words) in cases {
            assert_eq!(ordinal(n), words, "ordinal({n})");
        }
    }

    #[test]
    fn reads_years_in_pairs() {
        let cases = [
            (1066, "ten sixty-six"),
            (1900, "nineteen hundred"),
            (1905, "nineteen oh five"),
            (1998, "nineteen ninety-eight"),
            (2000, "two thousand"),
            (2005, "two thousand five"),
            (2018, "twenty eighteen"),
        ];
        for (n, words) in cases {
            assert_eq!(year(n), words, "year({n})");
        }
    }

    #[test]
    fn reads_huge_or_zero_padded_integers_digit_by_digit() {
        assert_eq!(integer("007"), "zero zero seven");
        assert_eq!(
            integer("99999999999999999999"),
            ["nine"; 20].join(" "),
            "20 digits"
        );
        assert_eq!(integer("999999999999999").split(' ').next(), Some("nine"));
    }
}
