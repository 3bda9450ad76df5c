//! Acronyms espeak-ng reads wrongly, from one table: spelled ones it says as a word ("the IMF"
//! as "imf") and ones with a conventional reading it spells ("IEEE" is "I triple E", not "I E
//! E E").

use super::Word;

/// Acronyms and what a narrator says, checked by hand with `espeak-ng -x` (1.51); add a row
/// only where espeak-ng's own reading is wrong.
///
/// Spelled: espeak-ng spells an all-capitals word only when its clause has enough lower-case
/// text around it, so in a heading or a short clause ("the IMF", "in NYC") it says "imf",
/// "nick", and some ("NIH", "ECB", "IPO", "TSA") it says as a word anywhere. Periods between
/// the letters make it spell them. "US", "UK", "EU", "UN", "NHS", "FBI", "CEO", "BBC", "CDC",
/// "GDP", "NAACP" are spelled by espeak-ng even alone and are left as written, as are words
/// like "NASA", "NATO", "OPEC", "JPEG" and "GIF", and "3D".
///
/// Conventional readings: espeak-ng spells "IEEE", "AAA", "NCAA" letter by letter and says
/// "WWII" as "double-u double-u I I"; "MiG" it splits at the capital ("my G"). A lone letter A
/// is written "eigh": before another word espeak-ng says "A" as the article.
const ACRONYMS: [(&str, &str); 63] = [
    ("IMF", "I.M.F."),
    ("EPA", "E.P.A."),
    ("NGO", "N.G.O."),
    ("GOP", "G.O.P."),
    ("UAE", "U.A.E."),
    ("NYC", "N.Y.C."),
    ("ICU", "I.C.U."),
    ("MP", "M.P."),
    ("EV", "E.V."),
    ("NIH", "N.I.H."),
    ("SEC", "S.E.C."),
    ("ECB", "E.C.B."),
    ("IPO", "I.P.O."),
    ("TSA", "T.S.A."),
    ("ANC", "A.N.C."),
    ("IAEA", "I.A.E.A."),
    ("ICC", "I.C.C."),
    ("ICJ", "I.C.J."),
    ("AARP", "A.A.R.P."),
    ("AK", "A.K."),
    ("IEEE", "I triple E"),
    ("AAA", "triple eigh"),
    ("NCAA", "N C double eigh"),
    ("WWI", "World War one"),
    ("WWII", "World War two"),
    ("WW1", "World War one"),
    ("WW2", "World War two"),
    ("MiG", "Mig"),
    // "Q&A" was "queue and uh": the A read as the article.
    ("Q&A", "Q and eigh"),
    ("B&B", "B and B"),
    // The Internet Protocol's versions: espeak-ng says "ipv six".
    ("IPv4", "I P v four"),
    ("IPv6", "I P v six"),
    // US time zones after a time ("8pm ET"): espeak-ng says "et", "pit", "sit" (found by a
    // tester).
    ("ET", "E.T."),
    ("PT", "P.T."),
    ("CT", "C.T."),
    // Said as words by espeak-ng in a sentence ("a-clue", "deev-lah", "apra"), spelled by
    // people (found by a fresh tester, checked with `aloud say`).
    ("ACLU", "A.C.L.U."),
    ("DVLA", "D.V.L.A."),
    ("NHTSA", "N.H.T.S.A."),
    ("APR", "A.P.R."),
    ("USMNT", "U.S.M.N.T."),
    ("FWIW", "F.W.I.W."),
    ("ICYMI", "I.C.Y.M.I."),
    ("MoD", "M.O.D."),
    // Said as words by espeak-ng, spelled by people (found by a fresh tester: "eeta", "ap" in
    // a dateline's "(AP)", "eet", "yooka"), and web shorthand said as what it stands for
    // ("afake", "ee-erk", "aidk").
    ("ETA", "E.T.A."),
    ("AP", "A.P."),
    ("AEDT", "A.E.D.T."),
    ("AEST", "A.E.S.T."),
    ("UKSC", "U.K.S.C."),
    ("EWCA", "E.W.C.A."),
    ("EWHC", "E.W.H.C."),
    ("IgG", "I.G.G."),
    ("IgM", "I.G.M."),
    ("IgE", "I.G.E."),
    ("IgA", "I.G.A."),
    ("AFAIK", "as far as I know"),
    ("IIRC", "if I recall correctly"),
    ("IDK", "I don't know"),
    ("idk", "I don't know"),
    // Said as words by people, spelled by espeak-ng.
    ("FTSE", "Footsie"),
    ("DAX", "Dax"),
    ("SaaS", "sass"),
    ("RAM", "ram"),
    (".NET", "dot net"),
];

/// A grade or a credit rating with its sign: "A+", "B-", "BBB-", "AA+" → "eigh plus", "B
/// minus", "triple B minus", "double eigh plus" (espeak-ng read "A+" as the article and
/// "plus", and dropped the minus of "BBB-"; found by a fresh tester). Letters A to F, once,
/// twice or three times.
fn graded(core: &str) -> Option<String> {
    let (letters, sign) = match core.strip_suffix('+') {
        Some(l) => (l, "plus"),
        None => (core.strip_suffix(['-', '\u{2212}'])?, "minus"),
    };
    let first = letters.chars().next()?;
    if !('A'..='F').contains(&first) || !letters.chars().all(|c| c == first) {
        return None;
    }
    let letter = if first == 'A' {
        "eigh".to_string()
    } else {
        first.to_string()
    };
    let said = match letters.len() {
        1 => letter,
        2 => format!("double {letter}"),
        3 => format!("triple {letter}"),
        _ => return None,
    };
    Some(format!("{said} {sign}"))
}

/// Words of the market beside which "$" and capitals are a stock's ticker.
const MARKET_WORDS: &[&str] = &[
    "stock",
    "stocks",
    "share",
    "shares",
    "ticker",
    "buy",
    "sell",
    "bought",
    "sold",
    "nasdaq",
    "nyse",
    "price",
    "rallied",
    "rose",
    "fell",
    "earnings",
    "investors",
    "traders",
    "bullish",
    "bearish",
    "calls",
    "puts",
    "holding",
    "position",
];

/// Exchange suffixes of Reuters instrument codes ("NVDA.O": Nasdaq; ".N" New York, ".L"
/// London, ".T" Tokyo, ".PA" Paris, ".DE" Xetra, ".HK" Hong Kong, ".SS"/".SZ" Shanghai and
/// Shenzhen, ".TO" Toronto, ".AX" Sydney, ".NS"/".BO" India, ".AS" Amsterdam, ".MI" Milan,
/// ".MC" Madrid, ".SW" Zurich, ".ST" Stockholm, ".OL" Oslo, ".CO" Copenhagen, ".HE"
/// Helsinki, ".KS" Seoul, ".SI" Singapore, ".TW" Taiwan).
const EXCHANGES: &[&str] = &[
    "O", "N", "L", "T", "PA", "DE", "HK", "SS", "SZ", "TO", "AX", "NS", "BO", "AS", "MI", "MC",
    "SW", "ST", "OL", "CO", "HE", "KS", "SI", "TW",
];

/// A Reuters instrument code in brackets after a company's name, "Nvidia (NVDA.O) fell",
/// "Toyota (7203.T)": not said (espeak-ng said "N V D A dot O", "Apple dot O"; found by a
/// fresh tester), as a wire-service reader leaves it out. Two to five capitals or four digits,
/// then one of [`EXCHANGES`].
pub(super) fn instrument_code(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let rest = word.trail.strip_prefix(')').filter(|_| word.lead == "(")?;
    let (code, exchange) = word.core.split_once('.')?;
    let code_ok = ((2..=5).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase()))
        || (code.len() == 4 && code.chars().all(|c| c.is_ascii_digit()));
    (code_ok && EXCHANGES.contains(&exchange)).then(|| (rest.to_string(), 1))
}

/// A speaker's initials opening an interview's answer or question, "IF: I started…", "A: Yes"
/// → "I.F.: …", "eigh: …" (espeak-ng said the word "if", "ot", and the article "uh"; found by a
/// fresh tester). One or two capitals and a colon, first in the chunk; "OK:", "NB:", "PS:"
/// and "Q:" are read right as written.
pub(super) fn speaker_initials(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let initials = i == 0
        && word.lead.is_empty()
        && word.trail == ":"
        && (1..=2).contains(&word.core.len())
        && word.core.chars().all(|c| c.is_ascii_uppercase())
        // "TO: All staff", "RE: Your application", "BY:", "NO:": words, not initials (found
        // by a fresh tester).
        && !matches!(
            word.core,
            "OK" | "NB" | "PS" | "Q" | "TO" | "BY" | "RE" | "SO" | "ME" | "AT" | "ON" | "NO" | "IN" | "OF" | "OR" | "IT"
                | "IS" | "AS" | "AN" | "BE" | "DO" | "GO" | "HE" | "WE" | "UP" | "US" | "MY"
        );
    if !initials {
        return None;
    }
    let said: String = match word.core {
        "A" => "eigh".to_string(),
        core => core.chars().map(|c| format!("{c}.")).collect(),
    };
    Some((format!("{said}:"), 1))
}

/// Whether `s` could be a stock's ticker: one to five capital letters.
fn is_ticker(s: &str) -> bool {
    (1..=5).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// What a narrator says for an acronym in [`ACRONYMS`], if it is one.
pub(super) fn reading(written: &str) -> Option<&'static str> {
    // Looked up three times for every word said (plural and possessive forms too).
    static BY_WRITTEN: std::sync::LazyLock<std::collections::HashMap<&str, &str>> =
        std::sync::LazyLock::new(|| ACRONYMS.into_iter().collect());
    BY_WRITTEN.get(written).copied()
}

/// Letters before a model number, as said: an acronym from the table ("MiG" → "Mig", "AK" →
/// "A.K."), the letter A as "eigh" (see [`ACRONYMS`]), or the letters as written ("F", "COVID").
pub(super) fn letters(written: &str) -> &str {
    match written {
        "A" => "eigh",
        _ => reading(written).unwrap_or(written),
    }
}

/// Short English words written in capitals for emphasis, which espeak-ng spells out as
/// letters ("Cook on LOW" → "L O W", "SOLD OUT", "NEW", "BIG"; found by a fresh tester): said
/// as words. Not words that are also common acronyms ("IT", "US", "OR", "ON", "AM", "PM",
/// "SAD", "MAD").
const SHOUTED_WORDS: &[&str] = &[
    "LOW", "NEW", "BIG", "OUT", "HOT", "TOP", "NOW", "OFF", "YES", "NOT", "ALL", "GET", "BUY",
    "SET", "RED", "FUN", "WIN", "OLD", "FEW", "BAD", "WOW", "HUGE",
];

/// Acronyms from [`ACRONYMS`], plurals and possessives too ("IPOs", "the IMF's"), and "the
/// WHO" (the organisation, not "who").
pub(super) fn acronym(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if let Some(said) = graded(word.core) {
        return Some((format!("{}{said}{}", word.lead, word.trail), 1));
    }
    // "$AAPL", "$TSLA": a stock's ticker, its letters one by one (espeak-ng said "dollar
    // apple"; found by a fresh tester). Only beside a word of the market or another ticker:
    // "$USER" and "$EUID" in a shell command are variables.
    if let Some(ticker) = word.core.strip_prefix('$').filter(|t| is_ticker(t)) {
        let market = w.iter().enumerate().any(|(k, x)| {
            MARKET_WORDS.contains(&x.core.to_lowercase().as_str())
                || (k != i && x.core.strip_prefix('$').is_some_and(is_ticker))
        });
        if market {
            let letters: Vec<String> = ticker.chars().map(|c| format!("{c}.")).collect();
            return Some((
                format!(
                    "{}{}{}",
                    word.lead,
                    letters.join(""),
                    word.trail.strip_prefix('.').unwrap_or(word.trail)
                ),
                1,
            ));
        }
    }
    // "M&A", "R&A": the "A" after an ampersand is the letter, as in "Q&A" (espeak-ng said "M
    // and uh"; found by a fresh tester).
    if let Some(first) = word
        .core
        .strip_suffix("&A")
        .filter(|f| (1..=3).contains(&f.len()) && f.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Some((format!("{}{first} and eigh{}", word.lead, word.trail), 1));
    }
    if SHOUTED_WORDS.contains(&word.core) {
        return Some((
            format!("{}{}{}", word.lead, word.core.to_lowercase(), word.trail),
            1,
        ));
    }
    let after_the = i > 0 && w[i - 1].core.eq_ignore_ascii_case("the");
    // "The IIRC framework": after "the" web shorthand is an organisation's letters.
    if after_the && matches!(word.core, "IIRC" | "AFAIK" | "IDK") {
        return None;
    }
    let said = |s: &str| reading(s).or((after_the && s == "WHO").then_some("W.H.O."));
    let (said, suffix) = [("'s", "'s"), ("s", "s"), ("", "")]
        .iter()
        .find_map(|(suffix, _)| {
            word.core
                .strip_suffix(suffix)
                .and_then(said)
                .map(|said| (said, *suffix))
        })?;
    // A plural after spelled letters is written "'s": espeak-ng reads "N.G.O.s" as another
    // letter S, and "eighs" as nothing it knows.
    let last = said.rsplit(' ').next().unwrap_or(said);
    let spelled_end = said.ends_with('.') || last == "eigh" || last.chars().count() == 1;
    let ending = match suffix {
        "s" if spelled_end => "'s",
        s => s,
    };
    // "the IMF." ends on the acronym's own period.
    let trail = match word.trail.strip_prefix('.') {
        Some(rest) if ending.is_empty() && said.ends_with('.') => rest,
        _ => word.trail,
    };
    Some((format!("{}{said}{ending}{trail}", word.lead), 1))
}
