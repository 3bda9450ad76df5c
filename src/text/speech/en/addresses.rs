//! E-mail addresses, handles, web addresses and IP addresses: "jane.doe@example.org" → "jane
//! dot doe at example dot org", "192.168.1.1" → "one nine two dot one six eight dot one dot
//! one". espeak-ng reads "@" as nothing and runs the labels together, and reads an IP address
//! as decimals ("one hundred ninety-two point one six eight point one point one").

use super::words::{digits, in_pairs, year};
use super::Word;

/// Top-level domains that mark a word as a web address ("example.com").
const DOMAINS: [&str; 22] = [
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "us", "de", "fr", "eu", "info", "biz",
    "ai", "app", "dev", "ca", "au", "nz", "jp", "ch",
];

fn dotted(s: &str) -> String {
    s.split('.')
        .filter(|p| !p.is_empty())
        .map(|p| p.replace('_', " underscore ").replace('-', " dash "))
        .collect::<Vec<_>>()
        .join(" dot ")
}

/// "jane.doe@example.org" → "jane dot doe at example dot org"; "@jane" → "at jane" ("jane"
/// after "at").
pub(super) fn email_or_handle(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
    };
    let (user, host) = word.core.split_once('@')?;
    if user.is_empty() && ok(host) && !host.contains('.') {
        // "find us on Twitter at @aloudapp": the "at" is said once (it was "at at"; found by
        // a fresh tester).
        let after_at =
            i > 0 && w[i - 1].core.eq_ignore_ascii_case("at") && w[i - 1].trail.is_empty();
        let at = if after_at { "" } else { "at " };
        return Some((format!("{}{at}{host}{}", word.lead, word.trail), 1));
    }
    if !ok(user) || !ok(host) || !host.contains('.') {
        return None;
    }
    let said = format!("{} at {}", dotted(user), dotted(host));
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// "example.com", "www.example.org/news" → "example dot com", "www dot example dot org slash
/// news". A query string or fragment ("?t=35087&page=2", "#post9") is not read: it is for the
/// browser, and it was read out character by character (found by a fresh tester).
pub(super) fn web_address(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if !word.core.contains('.') {
        return None;
    }
    let address = word
        .core
        .strip_prefix("https://")
        .or_else(|| word.core.strip_prefix("http://"))
        .unwrap_or(word.core);
    let address = address.split(['?', '#']).next().unwrap_or(address);
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

/// An IPv4 address, "192.168.1.1" → "one nine two dot one six eight dot one dot one": four
/// numbers from 0 to 255 without leading zeros, each said digit by digit with "dot" between, the
/// way network engineers read them aloud (and dictate them: digits can't be misheard as
/// another number). Zero is "zero", not the "oh" of phone numbers, as in "ten dot zero dot
/// zero dot one". After a word that marks a version ("version 1.2.3.4") it is one.
pub(super) fn ip_address(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if !word.core.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = word.core.split('.').collect();
    let octet = |p: &&str| {
        (1..=3).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && !(p.len() > 1 && p.starts_with('0'))
            && p.parse::<u16>().is_ok_and(|n| n <= 255)
    };
    let version = i > 0 && super::products::marks_version(&w[i - 1]);
    if parts.len() != 4 || !parts.iter().all(octet) || version {
        return None;
    }
    let said = parts
        .iter()
        .map(|p| digits(p))
        .collect::<Vec<_>>()
        .join(" dot ");
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// The postal abbreviations of the US states, DC and the territories: a ZIP code follows one
/// in an address ("Brooklyn, NY 11211").
const US_STATES: [&str; 56] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
];

/// A house number before a street's compass direction and name, said in pairs as people say
/// an address: "3721 SE Ankeny" → "thirty-seven twenty-one SE Ankeny", "415 NW 5th Ave" →
/// "four fifteen NW …" (it was "three thousand seven hundred twenty-one"; found by a fresh
/// tester). Three or four digits, not starting with 0.
pub(super) fn house_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let direction = w.get(i + 1).filter(|d| {
        word.trail.is_empty()
            && d.trail.is_empty()
            && matches!(d.core, "N" | "S" | "E" | "W" | "NE" | "NW" | "SE" | "SW")
    })?;
    let street = w.get(i + 2)?;
    let named = street.core.starts_with(|c: char| c.is_ascii_uppercase())
        || street.core.starts_with(|c: char| c.is_ascii_digit());
    // "N", "S", "E" and "W" are also units ("1200 W Volume"): after one of them a street
    // type must follow the name ("500 N Main St").
    let street_type = (i + 2..i + 5).any(|k| {
        w.get(k).is_some_and(|t| {
            matches!(
                t.core,
                "St" | "Street"
                    | "Ave"
                    | "Avenue"
                    | "Rd"
                    | "Road"
                    | "Blvd"
                    | "Boulevard"
                    | "Dr"
                    | "Drive"
                    | "Ln"
                    | "Lane"
                    | "Way"
                    | "Pl"
                    | "Place"
                    | "Ct"
                    | "Court"
                    | "Pkwy"
                    | "Hwy"
                    | "Highway"
            )
        })
    });
    if direction.core.len() == 1 && !street_type {
        return None;
    }
    let digits_only = word.core.bytes().all(|b| b.is_ascii_digit());
    if !named || !digits_only || !(3..=4).contains(&word.core.len()) || word.core.starts_with('0') {
        return None;
    }
    let n: u32 = word.core.parse().ok()?;
    let said = if n >= 1000 {
        year(n)
    } else {
        in_pairs(u64::from(n / 100), u64::from(n % 100))
    };
    Some((format!("{}{said} {}", word.lead, direction.core), 2))
}

/// The states' names, by postal abbreviation, for [`state_after_city`].
const STATE_NAMES: [(&str, &str); 47] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

/// A state's postal abbreviation after a city and its comma, said as its name: "Springfield,
/// IL" → "Springfield, Illinois" (espeak-ng spelled "I L"; found by a fresh tester), before a
/// ZIP code, punctuation, a lower-case word or nothing. Not "OK" ("Yes, OK"), "MD" and "MS"
/// ("Jane Smith, MD", "Lauren Slayton, MS, RD": degrees), nor "DC", said as letters.
pub(super) fn state_after_city(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let prev = w.get(i.checked_sub(1)?)?;
    if !word.lead.is_empty() || prev.trail != "," || !super::is_name(prev.core) {
        return None;
    }
    // "NY Post", "MI Jordan": before a capitalised word the letters are something else.
    let next_capital = word.trail.is_empty()
        && w.get(i + 1)
            .is_some_and(|n| n.core.starts_with(char::is_uppercase));
    if next_capital {
        return None;
    }
    let (_, name) = STATE_NAMES.iter().find(|(code, _)| *code == word.core)?;
    Some((format!("{name}{}", word.trail), 1))
}

/// States whose names AP style writes in full, also after a party's letter ("R-Texas").
const FULL_STATE_NAMES: [&str; 8] = [
    "Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Texas", "Utah",
];

/// A legislator's party and state as US news writes them, "Sen. Elizabeth Warren (D-Mass.)",
/// "Rep. Jim Jordan, R-Ohio, said", "(R-OH)", "(I-Vt.)" → "Democrat of Massachusetts",
/// "Republican of Ohio", "Independent of Vermont", as a newsreader says them (espeak-ng said
/// "dee Mass", "R O H"; found by a fresh tester). The state as AP style abbreviates it (with
/// its period), in full, or as its postal code; only in brackets or between commas.
pub(super) fn party_and_state(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let (party, state) = word.core.split_once('-')?;
    let party = match party {
        "D" => "Democrat",
        "R" => "Republican",
        "I" => "Independent",
        _ => return None,
    };
    let after_comma = i > 0 && w[i - 1].trail == ",";
    if word.lead != "(" && !after_comma {
        return None;
    }
    let (name, trail) = match word.trail.strip_prefix('.') {
        Some(rest) => (super::abbreviations::ap_state(state), rest),
        None => (None, word.trail),
    };
    // A postal code only in brackets after a name ("Jim Jordan (R-OH)"): "an alcohol (R-OH)"
    // and "Alcohols, R-OH, react" are chemistry (found by a fresh tester).
    let postal_ok =
        word.lead == "(" && i > 0 && w[i - 1].trail.is_empty() && super::capitalized(w[i - 1].core);
    let name = name
        .or_else(|| FULL_STATE_NAMES.iter().find(|n| **n == state).copied())
        .or_else(|| {
            STATE_NAMES
                .iter()
                .find(|(code, _)| *code == state && postal_ok)
                .map(|(_, n)| *n)
        })?;
    // The period of "D-Mass." ends the sentence at the end of the chunk.
    let trail = if trail.is_empty() && word.trail.starts_with('.') && i + 1 == w.len() {
        "."
    } else {
        trail
    };
    Some((format!("{}{party} of {name}{trail}", word.lead), 1))
}

/// A ZIP code after a state's postal abbreviation, digit by digit as people say it: "NY
/// 11211" → "NY one one two one one", "TX 78701-1234" → "… seven eight seven oh one, one two
/// three four" (it was "eleven thousand two hundred eleven"; found by a fresh tester).
pub(super) fn zip_code(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let prev = w.get(i.checked_sub(1)?)?;
    if !prev.trail.is_empty() || !word.lead.is_empty() || !US_STATES.contains(&prev.core) {
        return None;
    }
    let (five, four) = match word.core.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (word.core, None),
    };
    let all = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !all(five, 5) || four.is_some_and(|f| !all(f, 4)) {
        return None;
    }
    // A zero is "oh", as in phone numbers.
    let said_digits = |s: &str| digits(s).replace("zero", "oh");
    let mut said = said_digits(five);
    if let Some(four) = four {
        said.push_str(", ");
        said.push_str(&said_digits(four));
    }
    Some((format!("{said}{}", word.trail), 1))
}

/// A book's ISBN after "ISBN" ("ISBN 978-0-306-40615-7", "ISBN-13: 9780306406157", "ISBN
/// 0-306-40615-X"): 10 or 13 digits (the last of ten may be X), read digit by digit in the
/// groups its hyphens make, as a librarian reads one out ("nine seven eight, zero, three zero
/// six, …"); espeak-ng read the groups as numbers ("nine hundred seventy-eight …").
pub(super) fn isbn(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let prev = w.get(i.checked_sub(1)?)?;
    // Compared without allocating: every word of every chunk is looked at here.
    let label = prev.core.trim_end_matches(':');
    let labelled = ["ISBN", "ISBN-10", "ISBN-13"]
        .iter()
        .any(|l| l.eq_ignore_ascii_case(label));
    if !labelled || !word.lead.is_empty() {
        return None;
    }
    let core = word.core;
    let count = core
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x')
        .count();
    let well_formed = core
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == 'X' || c == 'x')
        && !core.starts_with('-')
        && core.chars().rev().skip(1).all(|c| c != 'X' && c != 'x')
        && (count == 10 || (count == 13 && !core.contains(['X', 'x'])));
    if !well_formed {
        return None;
    }
    let said: Vec<String> = core
        .split('-')
        .map(|group| {
            let mut g = digits(group);
            if group.ends_with(['X', 'x']) {
                if !g.is_empty() {
                    g.push(' ');
                }
                g.push('X');
            }
            g
        })
        .collect();
    Some((format!("{}{}", said.join(", "), word.trail), 1))
}

/// Street types as written after a street's name, for [`compass_point`].
const STREET_TYPES: [&str; 16] = [
    "St",
    "Street",
    "Streets",
    "Ave",
    "Avenue",
    "Avenues",
    "Aves",
    "Rd",
    "Road",
    "Blvd",
    "Boulevard",
    "Pl",
    "Place",
    "Dr",
    "Drive",
    "Sts",
];

/// Compass points and what is said: "NW" → "northwest", "SSW" → "south-southwest".
const COMPASS: [(&str, &str); 16] = [
    ("N", "north"),
    ("S", "south"),
    ("E", "east"),
    ("W", "west"),
    ("NE", "northeast"),
    ("NW", "northwest"),
    ("SE", "southeast"),
    ("SW", "southwest"),
    ("NNE", "north-northeast"),
    ("ENE", "east-northeast"),
    ("ESE", "east-southeast"),
    ("SSE", "south-southeast"),
    ("SSW", "south-southwest"),
    ("WSW", "west-southwest"),
    ("WNW", "west-northwest"),
    ("NNW", "north-northwest"),
];

/// Words after which a two-letter compass point is a direction: "from the NW", "12 km SE",
/// "Pennsylvania Ave. NW" (else "SE" is as often a model, "iPhone SE", and "NE" a state).
const BEFORE_COMPASS: &[&str] = &[
    "the",
    "from",
    "to",
    "toward",
    "towards",
    "winds",
    "wind",
    "heading",
    "facing",
    "and",
    "or",
    "km",
    "mi",
    "miles",
    "kilometers",
    "kilometres",
    "St",
    "Street",
    "Ave",
    "Avenue",
    "Rd",
    "Road",
    "Blvd",
    "Boulevard",
    "Dr",
    "Drive",
    "Way",
    "Pl",
    "Place",
];

/// A compass point said as its words (espeak-ng spelled them, "N-W", "S-S-W"; found by a
/// fresh tester): a three-letter point anywhere ("winds from the SSW"); a two-letter one after
/// a word of [`BEFORE_COMPASS`]; a one-letter one after a latitude or longitude in degrees
/// ("40.71° N, 74.01° W").
pub(super) fn compass_point(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let said = COMPASS
        .iter()
        .find(|(written, _)| *written == word.core)
        .map(|(_, said)| *said)?;
    let prev = i.checked_sub(1).map(|p| w[p]);
    let ok = match word.core.len() {
        // "Splashtop Secure Workspace (SSW)": an acronym in brackets.
        3 => word.lead.is_empty(),
        2 => prev.is_some_and(|p| {
            let core = p.core.trim_end_matches('.');
            (p.trail.is_empty() || p.trail == ".") && BEFORE_COMPASS.contains(&core)
        }),
        _ => {
            // "W 4th St", "between E. 82nd and E. 84th Streets": a street's side of town
            // before its ordinal (it was the letter; found by a fresh tester).
            // After a house number or a lower-case word ("14 W 72nd", "between E. 82nd"), not
            // after a name ("Vitamin E 1st").
            let after_number_or_word = prev.is_none_or(|p| {
                p.core
                    .starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase())
            });
            // A street's type within the next words ("W 72nd St", "E. 82nd and E. 84th
            // Streets"): "the low E 6th string", "the W 2nd round" are no streets.
            let street_follows = (i + 2..i + 6)
                .filter_map(|k| w.get(k))
                .any(|s| STREET_TYPES.contains(&s.core));
            let before_street = matches!(word.trail, "" | ".")
                && after_number_or_word
                && street_follows
                && w.get(i + 1)
                    .is_some_and(|n| super::abbreviations::is_ordinal(n.core));
            if before_street {
                return Some((format!("{}{said}", word.lead), 1));
            }
            prev.is_some_and(|p| p.core.ends_with('°') && p.trail.is_empty())
        }
    };
    ok.then(|| (format!("{}{said}{}", word.lead, word.trail), 1))
}

#[cfg(test)]
mod compass_tests {
    use super::super::normalize;

    #[test]
    fn compass_points_are_said_as_directions_where_they_are_directions() {
        for (written, said) in [
            ("winds from the SSW", "winds from the south-southwest"),
            (
                "a storm to the NW of the city",
                "a storm to the northwest of the city",
            ),
            ("12 km SE of town", "twelve kilometers southeast of town"),
            (
                "1600 Pennsylvania Ave. NW",
                "sixteen hundred Pennsylvania Avenue northwest",
            ),
            ("the new iPhone SE", "the new iPhone SE"),
        ] {
            assert_eq!(normalize(written), said, "{written}");
        }
    }
}
