//! Money: "$1.5bn" → "one point five billion dollars", "NZ$45" → "forty-five New Zealand
//! dollars", "CHF 300" → "three hundred Swiss francs", "₹40 lakh" → "forty lakh rupees".
//!
//! espeak-ng reads the symbol first and the magnitude as letters ("dollar one point five b n"),
//! a country prefix as letters ("N Z dollar forty-five", "A" as the article in "A$45"), an ISO
//! code as letters or a word ("C H F", "EUR" as "your") and "₹" as "rupee" before the number.

use super::numbers::{number_prefix, parse_number, Num};
use super::units::NOT_MODIFIED;
use super::words::{cardinal, integer};
use super::{capitalized, Word};

/// A currency as a narrator names it: the unit in the singular and plural, and the minor unit
/// in the singular and plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Currency(&'static str, &'static str, &'static str, &'static str);

const DOLLAR: Currency = Currency("dollar", "dollars", "cent", "cents");
const AUSTRALIAN_DOLLAR: Currency =
    Currency("Australian dollar", "Australian dollars", "cent", "cents");
const CANADIAN_DOLLAR: Currency = Currency("Canadian dollar", "Canadian dollars", "cent", "cents");
const HONG_KONG_DOLLAR: Currency =
    Currency("Hong Kong dollar", "Hong Kong dollars", "cent", "cents");
const NEW_ZEALAND_DOLLAR: Currency =
    Currency("New Zealand dollar", "New Zealand dollars", "cent", "cents");
const SINGAPORE_DOLLAR: Currency =
    Currency("Singapore dollar", "Singapore dollars", "cent", "cents");
const EURO: Currency = Currency("euro", "euros", "cent", "cents");
const POUND: Currency = Currency("pound", "pounds", "penny", "pence");
const YEN: Currency = Currency("yen", "yen", "yen", "yen");
const SWISS_FRANC: Currency = Currency("Swiss franc", "Swiss francs", "centime", "centimes");
const RUPEE: Currency = Currency("rupee", "rupees", "paisa", "paise");
const YUAN: Currency = Currency("yuan", "yuan", "fen", "fen");
const SWEDISH_KRONA: Currency = Currency("Swedish krona", "Swedish kronor", "öre", "öre");
const NORWEGIAN_KRONE: Currency = Currency("Norwegian krone", "Norwegian kroner", "øre", "øre");
const DANISH_KRONE: Currency = Currency("Danish krone", "Danish kroner", "øre", "øre");
const TURKISH_LIRA: Currency = Currency("Turkish lira", "Turkish lira", "kuruş", "kuruş");
const ROUBLE: Currency = Currency("rouble", "roubles", "kopeck", "kopecks");
const NAIRA: Currency = Currency("naira", "naira", "kobo", "kobo");
const WON: Currency = Currency("won", "won", "jeon", "jeon");
const SHEKEL: Currency = Currency("shekel", "shekels", "agora", "agorot");
const PESO: Currency = Currency("peso", "pesos", "centavo", "centavos");
const DONG: Currency = Currency("dong", "dong", "dong", "dong");
const HRYVNIA: Currency = Currency("hryvnia", "hryvnias", "kopiyka", "kopiykas");
const REAL: Currency = Currency("Brazilian real", "Brazilian reais", "centavo", "centavos");
const RAND: Currency = Currency("rand", "rand", "cent", "cents");
const MEXICAN_PESO: Currency = Currency("Mexican peso", "Mexican pesos", "centavo", "centavos");

/// Whether the amount at `i` follows "a"/"an", right before it or with one adjective between
/// ("a $20 bill", "a new $160 million facility"): with [`before_noun`], it describes a noun
/// and its unit is said in the singular.
fn after_article(w: &[Word], i: usize) -> bool {
    let article = |k: usize| matches!(w[k].core.to_lowercase().as_str(), "a" | "an");
    let adjective = |k: usize| {
        w[k].trail.is_empty()
            && w[k].lead.is_empty()
            && w[k].core.chars().all(|c| c.is_ascii_lowercase())
            && !NOT_MODIFIED.contains(&w[k].core)
            && !matches!(
                w[k].core,
                "a" | "an" | "the" | "total" | "estimated" | "extra" | "additional"
            )
    };
    i > 0
        && w[i - 1].trail.is_empty()
        && (article(i - 1)
            || (i > 1 && w[i - 2].trail.is_empty() && article(i - 2) && adjective(i - 1)))
}

/// Whether the word at `k`, right after an amount, is a noun it describes: a lower-case word
/// that is no preposition ("an estimated $5 million in losses"), unless another amount follows
/// it ("a $2 or $3 cookie"). "a $20/month plan" is "a twenty dollar a month plan".
fn before_noun(w: &[Word], k: usize) -> bool {
    w.get(k).is_some_and(|n| {
        let another_amount = w.get(k + 1).is_some_and(|m| is_price(m.core));
        n.lead.is_empty()
            && n.core.starts_with(|c: char| c.is_lowercase())
            && (!BEFORE_NO_NOUN.contains(&n.core) || another_amount)
    })
}

/// Words after an amount that show it names no noun: "an estimated $5 million in losses", "a
/// total of $5 million for repairs".
const BEFORE_NO_NOUN: [&str; 17] = [
    "in", "of", "for", "to", "from", "on", "at", "by", "with", "per", "each", "into", "over",
    "under", "than", "as", "or",
];

/// Lower-case words after an amount that are no noun it describes, besides the prepositions of
/// [`BEFORE_NO_NOUN`]: "raised $40-billion last year", "$2-million was spent", "$5-million and
/// more", "paid out the $54 million some of them", "the £29.99 one".
const NOT_NOUNS_AFTER_AMOUNT: [&str; 37] = [
    "last", "next", "this", "that", "ago", "earlier", "later", "and", "but", "so", "then",
    "apiece", "annually", "a", "an", "the", "is", "was", "were", "are", "will", "would", "has",
    "had", "some", "any", "it", "its", "they", "we", "he", "she", "you", "which", "who", "one",
    "more",
];

/// Symbols written before the amount, attached ("$20", "NZ$45", "₹500"). A dollar with a
/// country prefix is named with its country; "US$" is plain "dollars", as an American narrator
/// says it.
const SYMBOLS: [(&str, Currency); 24] = [
    ("US$", DOLLAR),
    ("A$", AUSTRALIAN_DOLLAR),
    ("AU$", AUSTRALIAN_DOLLAR),
    ("C$", CANADIAN_DOLLAR),
    ("CA$", CANADIAN_DOLLAR),
    ("HK$", HONG_KONG_DOLLAR),
    ("NZ$", NEW_ZEALAND_DOLLAR),
    ("S$", SINGAPORE_DOLLAR),
    ("SG$", SINGAPORE_DOLLAR),
    ("$", DOLLAR),
    ("€", EURO),
    ("£", POUND),
    ("¥", YEN),
    ("₹", RUPEE),
    ("Rs", RUPEE),
    // Since 2026-12-06 (₺, ₽ and ₦ were dropped by the voice; found by a fresh tester).
    ("R$", REAL),
    ("₺", TURKISH_LIRA),
    ("₽", ROUBLE),
    ("₦", NAIRA),
    ("₩", WON),
    ("₪", SHEKEL),
    ("₱", PESO),
    ("₫", DONG),
    ("₴", HRYVNIA),
];

/// ISO 4217 codes, written before the amount ("USD 5m", "CHF300") or after it ("300 CHF",
/// "5m USD"). "Rs" (rupees, also "Rs.") is written only before it and is in [`SYMBOLS`].
const CODES: [(&str, Currency); 23] = [
    ("USD", DOLLAR),
    ("SEK", SWEDISH_KRONA),
    ("NOK", NORWEGIAN_KRONE),
    ("DKK", DANISH_KRONE),
    ("EUR", EURO),
    ("GBP", POUND),
    ("JPY", YEN),
    ("CHF", SWISS_FRANC),
    ("AUD", AUSTRALIAN_DOLLAR),
    ("CAD", CANADIAN_DOLLAR),
    ("HKD", HONG_KONG_DOLLAR),
    ("NZD", NEW_ZEALAND_DOLLAR),
    ("SGD", SINGAPORE_DOLLAR),
    ("INR", RUPEE),
    ("CNY", YUAN),
    ("RUB", ROUBLE),
    ("NGN", NAIRA),
    ("KRW", WON),
    ("ILS", SHEKEL),
    ("UAH", HRYVNIA),
    ("BRL", REAL),
    ("ZAR", RAND),
    ("MXN", MEXICAN_PESO),
];

/// Magnitudes written after an amount, attached ("$1.5bn") or as a separate abbreviation
/// ("$1.5 bn").
const MAGNITUDES: [(&str, &str); 13] = [
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
    // Reuters' style: "$1.2 bln", "$900 mln" (it was "one point two dollars B L N"; found by a
    // fresh tester).
    ("bln", "billion"),
    ("mln", "million"),
];

/// Magnitudes written as words after an amount ("$1.5 billion", "$56 Billion", "₹40 lakh", "₹2
/// lakh crore"), in any case.
/// A lakh is a hundred thousand and a crore ten million, in South Asian English; a narrator
/// keeps the word.
const MAGNITUDE_WORDS: [&str; 6] = [
    "thousand", "million", "billion", "trillion", "lakh", "crore",
];

/// A magnitude attached to a number without a currency that can only be one ("3bn people",
/// "a 2tn economy"): "bn" → "billion". The one-letter ones are left out: "5m" is as often a
/// distance, "5k" a race, "3B" a pencil.
pub(super) fn bare_magnitude(suffix: &str) -> Option<&'static str> {
    match suffix {
        "mn" | "bn" | "tn" | "trn" => MAGNITUDES
            .iter()
            .find(|(m, _)| *m == suffix)
            .map(|(_, said)| *said),
        _ => None,
    }
}

/// Video resolutions, written with a "p" for progressive scan ("1080p"), never pence.
const RESOLUTIONS: [&str; 10] = [
    "144", "240", "360", "480", "576", "720", "1080", "1440", "2160", "4320",
];

/// An amount in pence, the way British prices under a pound are written: "99p" → "ninety-nine
/// pence", "a 50p coin" → "a fifty pence coin", "1p" → "one penny", "3.5p" → "three point
/// five pence". espeak-ng says "ninety-nine p". Only a lowercase "p" run on to an amount without
/// a sign, under a hundred unless in tenths ("155.9p", fuel; a price of a pound or more is
/// otherwise written "£1.20"); a video resolution
/// ("1080p", [`RESOLUTIONS`]) is left alone, and so is "2560p" (the dev set's true text).
pub(super) fn pence(num: &Num) -> Option<String> {
    let whole: u64 = num.int.parse().ok()?;
    // "155.9p a litre": a price with tenths of a penny (British fuel) may pass a hundred.
    if num.sign.is_some()
        || (whole >= 100 && num.frac.is_none())
        || (num.frac.is_none() && RESOLUTIONS.contains(&num.int.as_str()))
    {
        return None;
    }
    let Currency(_, _, one, many) = POUND;
    Some(format!(
        "{} {}",
        num.read(),
        if num.is_one() { one } else { many }
    ))
}

fn attached_magnitude(suffix: &str) -> Option<&'static str> {
    MAGNITUDES
        .iter()
        .find(|(m, _)| *m == suffix)
        .map(|(_, said)| *said)
}

/// A magnitude written as its own word after an amount: a word ("billion", "lakh") or an
/// abbreviation ("bn", "m").
fn spaced_magnitude(core: &str) -> Option<&'static str> {
    MAGNITUDE_WORDS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(core))
        .copied()
        .or_else(|| attached_magnitude(core).filter(|_| core.starts_with(char::is_lowercase)))
}

/// Where a currency written before its amount puts the amount: the currency, the index of the
/// amount's word and the amount's text. "NZ$45" and "CHF300" hold both in one word; "CHF 300"
/// and "Rs. 500" have the amount in the next.
fn currency_before<'a>(w: &[Word<'a>], i: usize) -> Option<(Currency, usize, &'a str)> {
    let word = w[i];
    let starts_with_digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let (written, currency) = SYMBOLS
        .iter()
        .chain(CODES.iter())
        .find(|(s, _)| word.core.starts_with(s))?;
    let rest = &word.core[written.len()..];
    // "$.50": cents written without the zero.
    let cents = rest
        .strip_prefix('.')
        .is_some_and(|r| r.len() == 2 && starts_with_digit(r));
    if starts_with_digit(rest) || cents {
        return Some((*currency, i, rest));
    }
    let spaced = rest.is_empty()
        && (word.trail.is_empty() || (*written == "Rs" && word.trail == "."))
        && written.chars().all(char::is_alphabetic);
    let next = w
        .get(i + 1)
        .filter(|n| spaced && n.lead.is_empty() && starts_with_digit(n.core))?;
    Some((*currency, i + 1, next.core))
}

/// Whether a word is a price written with a currency symbol before its digits ("$1,799",
/// "£20", "NZ$45"), from [`SYMBOLS`].
pub(super) fn is_price(core: &str) -> bool {
    SYMBOLS.iter().any(|(s, _)| {
        core.strip_prefix(s)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// A range of amounts after a currency symbol, "$5-10" or "$100-$150" (`suffix` is what follows
/// the first amount: "-10", "-$150"): "five to ten dollars", "one hundred to one hundred fifty
/// dollars". espeak-ng says "dollar five dash ten". With a magnitude on the second amount or
/// after it ("$5-10m", "£10-15bn", "$450-455 billion", "$1.5-2 trillion") the magnitude is
/// said before the currency, "four hundred fifty to four hundred fifty-five billion dollars"
/// (it was "… fifty-five dollars billion"; found by a fresh tester), and decimals are taken.
/// Without one, whole amounts only, the second larger. `next`: the word after the amount.
/// Returns what is said and whether `next` was read (a magnitude word).
fn amount_range(
    from: &Num,
    suffix: &str,
    currency: Currency,
    next: Option<&Word>,
) -> Option<(String, bool)> {
    // "$1.5bn-$2bn", "$500m-$1bn": a magnitude on each amount (found by a fresh tester).
    let (first_magnitude, suffix) = match suffix.split_once('-') {
        Some((m, _)) if !m.is_empty() => (Some(attached_magnitude(m)?), &suffix[m.len()..]),
        _ => (None, suffix),
    };
    let rest = suffix.strip_prefix('-')?;
    let rest = SYMBOLS
        .iter()
        .find_map(|(s, c)| rest.strip_prefix(s).filter(|_| *c == currency))
        .unwrap_or(rest);
    let (to, tail) = number_prefix(rest);
    let to = parse_number(to).filter(|t| t.sign.is_none())?;
    let Currency(_, many, _, _) = currency;
    let attached = attached_magnitude(tail);
    if !tail.is_empty() && attached.is_none() {
        return None;
    }
    let spaced = next
        .filter(|_| attached.is_none())
        .and_then(|n| spaced_magnitude(n.core));
    if let Some(magnitude) = attached.or(spaced) {
        let from = match first_magnitude.filter(|m| *m != magnitude) {
            Some(m) => format!("{} {m}", from.read()),
            None => from.read(),
        };
        let said = format!("{from} to {} {magnitude} {many}", to.read());
        return Some((said, spaced.is_some()));
    }
    if first_magnitude.is_some() {
        return None;
    }
    if !from.is_whole() || !to.is_whole() {
        return None;
    }
    let (a, b): (u64, u64) = (from.int.parse().ok()?, to.int.parse().ok()?);
    (b > a).then(|| {
        (
            format!("{} to {} {many}", integer(&from.int), integer(&to.int)),
            false,
        )
    })
}

/// "$5 to 10m", "$1.5 to 2 trillion" (an en dash between the amounts is "to" by now): a range
/// whose magnitude is written on its second amount only, "five to ten million dollars" (it was
/// "five dollars to ten meters"). `at`: the first amount's word. Returns what is said and the
/// index of the range's last word.
fn spelled_range(w: &[Word], at: usize, from: &Num, currency: Currency) -> Option<(String, usize)> {
    let to_word = w
        .get(at + 1)
        .filter(|t| w[at].trail.is_empty() && t.core == "to")?;
    let second = w.get(at + 2).filter(|_| to_word.trail.is_empty())?;
    if !second.lead.is_empty() {
        return None;
    }
    let (to, tail) = number_prefix(second.core);
    let to = parse_number(to).filter(|t| t.sign.is_none())?;
    let (magnitude, last) = match attached_magnitude(tail) {
        Some(m) => (m, at + 2),
        None if tail.is_empty() && second.trail.is_empty() => (
            w.get(at + 3).and_then(|n| spaced_magnitude(n.core))?,
            at + 3,
        ),
        None => return None,
    };
    let Currency(_, many, _, _) = currency;
    Some((
        format!("{} to {} {magnitude} {many}", from.read(), to.read()),
        last,
    ))
}

/// A currency pair as markets write it, "EUR/USD", "USD/JPY" → "euro-dollar", "dollar-yen",
/// as traders and market reports say them (espeak-ng said "yoor slash U S D"; found by a fresh
/// tester). Both codes from [`CODES`].
pub(super) fn currency_pair(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (base, quote) = word.core.split_once('/')?;
    let name = |code: &str| {
        CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, Currency(one, _, _, _))| *one)
    };
    let (base, quote) = (name(base)?, name(quote)?);
    // "AUD/USD": the US dollar named as such beside another dollar.
    let quote = if quote == "dollar" && base.contains("dollar") {
        "US dollar"
    } else {
        quote
    };
    Some((format!("{}{base}-{quote}{}", word.lead, word.trail), 1))
}

/// "$1.5bn", "$1.5 billion", "€200m", "£3.50", "$20", "$1,200", "NZ$45", "S$2.5m", "CHF 300",
/// "USD 5m", "300 CHF", "₹40 lakh", "Rs 500".
///
/// After "a"/"an" and before a lowercase word the amount describes that word ("a £2m fine",
/// "a $20 bill"), and a narrator says the unit in the singular: "a two million pound fine".
pub(super) fn money(w: &[Word], i: usize) -> Option<(String, usize)> {
    let (said, used) = amount(w, i)?;
    let last = i + used - 1;
    // "£30k pa": the period after the amount ([`spaced_period`]), after a currency only.
    let next = w
        .get(last + 1)
        .filter(|n| w[last].trail.is_empty() && n.lead.is_empty());
    match next.and_then(|n| spaced_period(n.core).map(|p| (n, p))) {
        Some((n, period)) if currency_before(w, i).is_some() && !said.contains(" a ") => {
            // "£28,000 p.a. plus bonus": the abbreviation's period ends no sentence before a
            // word in lower case.
            let trail = match n.trail.strip_prefix('.') {
                Some(rest)
                    if n.core.contains('.')
                        && w.get(last + 2)
                            .is_some_and(|m| m.core.starts_with(char::is_lowercase)) =>
                {
                    rest
                }
                _ => n.trail,
            };
            Some((format!("{said} {period}{trail}"), used + 1))
        }
        _ => Some((said, used)),
    }
}

/// An amount of money (see [`money`]), without a spaced period after it.
fn amount(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    // "fell to -$40", "−£3.2m": a negative amount, "minus forty dollars" (the sign was lost:
    // "dollar forty"; found by a fresh tester).
    if let Some(rest) = word.core.strip_prefix(['-', '−']).filter(|r| is_price(r)) {
        let mut words = w.to_vec();
        words[i] = Word {
            lead: "",
            core: rest,
            trail: word.trail,
        };
        let (said, read) = amount(&words, i)?;
        return Some((format!("{}minus {said}", word.lead), read));
    }
    let before = currency_before(w, i);
    let (at, amount_text) = match before {
        Some((_, at, text)) => (at, text),
        None if word.core.starts_with(|c: char| c.is_ascii_digit()) => (i, word.core),
        None => return None,
    };
    let (amount, suffix) = number_prefix(amount_text);
    let zero_led;
    let amount = if amount.starts_with('.') {
        zero_led = format!("0{amount}");
        zero_led.as_str()
    } else {
        amount
    };
    let num = parse_number(amount)?;
    // "$20/month", "$1.5bn/yr": a price per period, said "a month" (see [`per_period`]).
    // "£9.99pm", "£30kpa": the British per month, per annum and per week run on
    // ([`RUN_ON_PERIODS`]; it was "nine pounds ninety-nine p m"; found by a fresh tester).
    let (suffix, period) = match suffix.split_once('/') {
        Some((s, p)) if before.is_some() => (s, Some(per_periods(p)?)),
        _ => match RUN_ON_PERIODS
            .iter()
            .find(|(p, _)| before.is_some() && suffix.ends_with(p))
        {
            Some((p, said)) => (&suffix[..suffix.len() - p.len()], Some((*said).to_string())),
            None => (suffix, None),
        },
    };
    // "a $40-billion company": the magnitude hyphened to the amount before a noun, "a forty
    // billion dollar company" (it was read as written, "dollar forty dash billion").
    let hyphened = suffix
        .strip_prefix('-')
        .filter(|_| before.is_some())
        .and_then(|m| MAGNITUDE_WORDS.iter().find(|x| **x == m).copied());
    // "a $2-3 million deal": a range before a noun after "a" is said with the unit in the
    // singular, like one amount, "a two to three million dollar deal".
    let modifier = |said: String, last: usize, currency: Currency| -> String {
        let Currency(one, many, _, _) = currency;
        let modifies = after_article(w, i) && w[last].trail.is_empty() && before_noun(w, last + 1);
        match said.strip_suffix(many) {
            Some(head) if modifies => format!("{head}{one}"),
            _ => said,
        }
    };
    let next = w.get(at + 1).filter(|_| w[at].trail.is_empty());
    if let Some((currency, _, _)) = before {
        if let Some((said, read_next)) = amount_range(&num, suffix, currency, next) {
            // "$500-$5,000/month": the period is said after the range.
            let period = period.map(|p| format!(" {p}")).unwrap_or_default();
            let last = at + usize::from(read_next);
            let said = modifier(said, last, currency);
            return Some((
                format!("{}{said}{period}{}", word.lead, w[last].trail),
                last + 1 - i,
            ));
        }
        if suffix.is_empty() && period.is_none() {
            if let Some((said, last)) = spelled_range(w, at, &num, currency) {
                let said = modifier(said, last, currency);
                return Some((
                    format!("{}{said}{}", word.lead, w[last].trail),
                    last + 1 - i,
                ));
            }
        }
    }
    // "$800,000+ per year", "$100+": the amount or more, "eight hundred thousand dollars
    // plus" (espeak-ng said "dollar eight hundred thousand plus"; found by a tester).
    let (suffix, plus) = match suffix.strip_suffix('+') {
        Some(s) => (s, " plus"),
        None => (suffix, ""),
    };
    let attached = attached_magnitude(suffix).or(hyphened);
    if !suffix.is_empty() && attached.is_none() {
        return None;
    }
    // Magnitude words after the amount, at most two ("lakh crore").
    let mut magnitude: Vec<&str> = attached.into_iter().collect();
    let mut end = at + 1;
    while magnitude.len() < 2 && w[end - 1].trail.is_empty() {
        match w.get(end).and_then(|n| spaced_magnitude(n.core)) {
            Some(m) if attached.is_none() => {
                magnitude.push(m);
                end += 1;
            }
            _ => break,
        }
    }
    let currency = match before {
        Some((currency, _, _)) => currency,
        // "300 CHF", "5m USD": the code after the amount.
        None => {
            let code = w
                .get(end)
                .filter(|c| w[end - 1].trail.is_empty() && c.lead.is_empty())?;
            // "5 €": a sign written after the amount, as much of Europe writes it.
            let after_sign = SYMBOLS
                .iter()
                .find(|(s, _)| matches!(*s, "€" | "£" | "¥" | "₹") && *s == code.core);
            let (_, currency) = CODES.iter().find(|(c, _)| *c == code.core).or(after_sign)?;
            end += 1;
            *currency
        }
    };
    let Currency(one, many, minor_one, minor_many) = currency;
    // "$24.7 billion dollars": the currency written out again is said once.
    let unit_word = |k: usize| {
        w.get(k).is_some_and(|n| {
            n.lead.is_empty()
                && [one, many].iter().any(|u| {
                    u.rsplit(' ')
                        .next()
                        .is_some_and(|last| last.eq_ignore_ascii_case(n.core))
                })
        })
    };
    if before.is_some() && w[end - 1].trail.is_empty() && unit_word(end) {
        end += 1;
    }
    let trail = w[end - 1].trail;
    let after_article = after_article(w, i);
    let before_noun = trail.is_empty() && before_noun(w, end);
    // A headline in title case ("Council Approves $4.5 Million Budget") writes the magnitude
    // and the noun it modifies capitalized, and drops the article: the capitalized magnitude
    // word before a capitalized word that is no preposition or verb ([`NOT_MODIFIED`]) makes
    // the amount a modifier too. A period or comma after the magnitude ends the phrase.
    let title_modifier = trail.is_empty()
        && period.is_none()
        && end > at + 1
        && capitalized(w[end - 1].core)
        && w.get(end).is_some_and(|n| {
            n.lead.is_empty()
                && capitalized(n.core)
                && n.core.chars().all(char::is_alphabetic)
                && !NOT_MODIFIED.contains(&n.core.to_lowercase().as_str())
        });
    // "Network's $24.1-billion acquisition": hyphened to its magnitude, an amount is a
    // compound modifier (as AP style writes one) before any word that can be a noun.
    let noun_follows = || {
        before_noun
            && w.get(end).is_some_and(|n| {
                !NOT_NOUNS_AFTER_AMOUNT.contains(&n.core) && !n.core.ends_with("ed")
            })
    };
    // "the £4.2m scheme": after "the" too, before a word that is no verb (it was "four point
    // two million pounds scheme"; found by a fresh tester).
    let after_the = i > 0 && w[i - 1].trail.is_empty() && w[i - 1].core.eq_ignore_ascii_case("the");
    let modifies_by_form = (hyphened.is_some() || after_the) && noun_follows();
    let many = if (after_article && before_noun) || title_modifier || modifies_by_form {
        one
    } else {
        many
    };
    let said = match (magnitude.is_empty(), num.frac) {
        (false, _) => format!("{} {} {many}", num.read(), magnitude.join(" ")),
        (true, Some(cents)) if cents.len() == 2 => {
            let cents_n: u64 = cents.parse().ok()?;
            // "$1.50" is "one dollar fifty": the units are one whatever the cents.
            let units = if num.int.trim_start_matches('0') == "1" {
                one
            } else {
                many
            };
            match (num.int.trim_start_matches('0').is_empty(), cents_n) {
                (true, 0) => format!("zero {many}"),
                (true, 1) => format!("one {minor_one}"),
                (true, c) => format!("{} {minor_many}", cardinal(c)),
                (false, 0) => format!("{} {units}", integer(&num.int)),
                (false, c) => format!("{} {units} {}", integer(&num.int), cardinal(c)),
            }
        }
        (true, _) => {
            let units = if num.is_one() { one } else { many };
            format!("{} {units}", num.read())
        }
    };
    // "$5/mo. for students": the abbreviation's period, not a sentence's end, when the
    // sentence goes on in lower case.
    let goes_on = w
        .get(end)
        .is_some_and(|n| n.lead.is_empty() && n.core.starts_with(char::is_lowercase));
    let said = format!("{said}{plus}");
    let (said, trail) = match period {
        Some(p) => (
            format!("{said} {p}"),
            trail.strip_prefix('.').filter(|_| goes_on).unwrap_or(trail),
        ),
        None => (said, trail),
    };
    Some((format!("{}{said}{trail}", word.lead), end - i))
}

/// Periods and units a price is written per, after a slash ("$20/month", "$5/mo", "€3/day",
/// "$15/hr", "$3.15/gal", "$6.50/lb", "€1.65/L"), and what is said: "a month", "an hour", "a
/// gallon", as a narrator reads a rate. espeak-ng says "twenty dollars slash month", "slash m
/// o", and "dollar three point one five slash gal" (the gallon price found by a tester).
const PERIODS: [(&str, &str); 33] = [
    ("hr", "an hour"),
    ("hour", "an hour"),
    ("h", "an hour"),
    ("min", "a minute"),
    ("day", "a day"),
    ("night", "a night"),
    ("wk", "a week"),
    ("week", "a week"),
    ("mo", "a month"),
    ("mth", "a month"),
    ("month", "a month"),
    ("yr", "a year"),
    ("year", "a year"),
    ("person", "a person"),
    ("head", "a head"),
    ("user", "a user"),
    ("seat", "a seat"),
    ("share", "a share"),
    ("kg", "a kilogram"),
    ("g", "a gram"),
    ("lb", "a pound"),
    ("oz", "an ounce"),
    ("gal", "a gallon"),
    ("gallon", "a gallon"),
    ("l", "a litre"),
    ("litre", "a litre"),
    ("liter", "a liter"),
    ("bbl", "a barrel"),
    ("barrel", "a barrel"),
    ("dozen", "a dozen"),
    ("doz", "a dozen"),
    ("kwh", "a kilowatt hour"),
    ("mwh", "a megawatt hour"),
];

/// Periods run on to a British price, lower case only ("£9.99pm", "£30kpa", "£250pw"): per
/// calendar month, per month, per annum, per week. Checked longest first.
const RUN_ON_PERIODS: [(&str, &str); 8] = [
    ("pcm", "a month"),
    ("pm", "a month"),
    ("pa", "a year"),
    ("pw", "a week"),
    ("pp", "per person"),
    ("ph", "an hour"),
    ("pd", "a day"),
    ("pn", "a night"),
];

/// The same periods written as a word after the amount ("£30k pa", "£28,000 p.a.", "£1,200
/// pcm", "£9.99 p/m"), lower case, periods and slashes left out when matching.
fn spaced_period(core: &str) -> Option<&'static str> {
    if !core
        .chars()
        .all(|c| c.is_ascii_lowercase() || matches!(c, '.' | '/'))
    {
        return None;
    }
    let bare: String = core.chars().filter(|c| !matches!(c, '.' | '/')).collect();
    RUN_ON_PERIODS
        .iter()
        .find(|(p, _)| *p == bare)
        .map(|(_, said)| *said)
}

/// What is said for a period a price is written per ([`PERIODS`]), case-insensitively.
fn per_period(p: &str) -> Option<&'static str> {
    PERIODS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(p))
        .map(|(_, said)| *said)
}

/// What is said for the periods after a price's slash: one is "a month" ([`per_period`]);
/// several ("$10/user/month") are each "per", "per user per month", as a narrator reads a
/// plan's price.
fn per_periods(p: &str) -> Option<String> {
    let said: Vec<&str> = p.split('/').map(per_period).collect::<Option<_>>()?;
    Some(match said.as_slice() {
        [one] => (*one).to_string(),
        many => many
            .iter()
            .map(|s| format!("per {}", s.split_once(' ').map_or(*s, |(_, unit)| unit)))
            .collect::<Vec<_>>()
            .join(" "),
    })
}
