//! Abbreviations: "Dr." → "Doctor", "St." → "Saint" or "Street", "No. 5" → "number five",
//! "p. 12" → "page twelve", "m/m" → "month on month".
//!
//! espeak-ng reads the period of "Dr." as a sentence end and pauses, spells "pp." as "p p",
//! reads "m/m" as "m slash m", "w/" as "double-u slash", "yrs" as "er", "ext." as "ekst", and
//! "St" without its period as "Saint" even after a street's name ("Baker St").

use super::dates_times::MONTH_ABBREVIATIONS;
use super::money::is_price;
use super::numbers::{identifier_pair, parse_number};
use super::phone::read_group;
use super::words::integer;
use super::{all_digits, capitalized, is_name, Word};

/// A year as written after "c." or "est.": four digits, or three ("c. 800"), perhaps with an
/// "s" ("c. 1850s").
fn year_like(core: &str) -> bool {
    let digits = core.strip_suffix('s').unwrap_or(core);
    (3..=4).contains(&digits.len()) && all_digits(digits)
}

/// Titles of [`ABBREVIATIONS`] read as such without their period too, before a name: British
/// style drops it ("Ms Lee", "Prof Whitty", "Det Supt Jones"). "Dr", "Mr", "Mrs" and "St"
/// espeak-ng reads right already, or other rules decide.
const UNDOTTED_TITLES: &[&str] = &[
    "Ms", "Prof", "Gen", "Gov", "Sen", "Capt", "Lt", "Col", "Sgt", "Revd", "Rt", "Hon", "Adm",
    "Cmdr", "Brig", "Maj", "Cpl", "Pvt", "Supt", "Insp", "Det", "Rev", "Pte",
];

/// Abbreviations written with a period, and what a narrator says. espeak-ng either spells
/// these or treats the period as a sentence end and pauses.
const ABBREVIATIONS: &[(&str, &str)] = &[
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
    ("Revd", "Reverend"),
    // British styles: "the Rt. Hon. Jane Smith", "the Rt. Revd. Alan Cole". American spelling
    // ("Honorable"), like the rest; espeak-ng says the two alike.
    ("Rt", "Right"),
    ("Hon", "Honorable"),
    // Ranks, offices and bodies as US newspapers shorten them (espeak-ng said "Adam Nimitz",
    // "prees Biden", "F T Lauderdale"; found by a fresh tester).
    ("Adm", "Admiral"),
    ("Pres", "President"),
    ("Cmdr", "Commander"),
    ("Brig", "Brigadier"),
    ("Maj", "Major"),
    ("Cpl", "Corporal"),
    ("Pvt", "Private"),
    ("Pte", "Private"),
    ("Supt", "Superintendent"),
    ("Insp", "Inspector"),
    ("Det", "Detective"),
    ("Atty", "Attorney"),
    ("Asst", "Assistant"),
    ("Assoc", "Associate"),
    ("Secy", "Secretary"),
    ("Natl", "National"),
    ("Intl", "International"),
    ("Amer", "American"),
    ("Assn", "Association"),
    ("Govt", "Government"),
    ("Univ", "University"),
    ("Esq", "Esquire"),
    ("Ft", "Fort"),
    ("Jr", "Junior"),
    ("Sr", "Senior"),
    ("Mt", "Mount"),
    ("Ave", "Avenue"),
    ("Blvd", "Boulevard"),
    ("Rd", "Road"),
    ("Inc", "Incorporated"),
    ("Ltd", "Limited"),
    ("Corp", "Corporation"),
    ("Dept", "Department"),
    ("vs", "versus"),
    ("e.g", "for example"),
    // "a Ph.D. in math", "a.k.a. the Boss": espeak-ng says "P H dot D dot" and "acka".
    ("Ph.D", "P H D"),
    ("a.k.a", "also known as"),
    ("A.K.A", "also known as"),
    ("i.e", "that is"),
    ("etc", "et cetera"),
    ("approx", "approximately"),
    ("Approx", "Approximately"),
    ("avg", "average"),
    ("incl", "including"),
    ("misc", "miscellaneous"),
    ("qty", "quantity"),
    ("Fig", "Figure"),
    ("fig", "figure"),
    ("cf", "compare"),
    ("Vol", "Volume"),
    // "Op. 27 No. 2", "Rte. 1" (espeak-ng said "op", "R T E"; found by a fresh tester).
    ("Op", "Opus"),
    ("Rte", "Route"),
    // "vol. 2", "40% vol.": volume (of a series, or alcohol by volume); espeak-ng says "vol".
    ("vol", "volume"),
];

/// Buildings named for a saint, before "St." and the saint's name ("Hotel St. Regis",
/// "Cathedral St. Paul"): the "St." is a saint, not a street. Not "Church", "School",
/// "Chapel", "College": a Church St. or a Chapel St. is in every town.
const SAINTS_BUILDINGS: &[&str] = &["Hotel", "Cathedral", "Basilica", "Monastery", "Convent"];

/// Things numbered with a lower-case "no." ("shirt no. 10", "room no. 4").
const NUMBERED_THINGS: &[&str] = &[
    // "ranked no. 3", "seeded no. 2", "at no. 1 in the charts" (found by a fresh tester).
    "ranked", "seeded", "world", "shirt", "room", "item", "issue", "page", "case", "rule", "form",
    "route", "bus", "platform", "gate", "order", "invoice", "ticket", "seat", "lot", "box",
    "house", "flat", "plot", "model", "part", "serial", "account", "policy", "patent", "report",
    "review", "topic", "opus",
];

/// Abbreviations written without a period that mean one thing wherever they stand, and what
/// is said. After a number, "yrs" is read by the unit rules ("1 yr" → "one year"). "avg" was
/// heard as the letters "A V G" in a list of book ratings ("4.35 avg rating"; Whisper's
/// transcript of the narration, extraction dev set).
const BARE_ABBREVIATIONS: [(&str, &str); 35] = [
    ("w/", "with"),
    ("W/", "With"),
    // "4.5% p.a.": per annum (espeak-ng said "P A"; found by a fresh tester).
    ("p.a", "a year"),
    ("w/o", "without"),
    ("W/o", "Without"),
    ("b/c", "because"),
    ("B/c", "Because"),
    // Chat forms (espeak-ng spelled "T H X", "P P L", "P L S" and said "guvt").
    ("thx", "thanks"),
    ("Thx", "Thanks"),
    ("ppl", "people"),
    ("pls", "please"),
    ("Pls", "Please"),
    ("plz", "please"),
    ("govt", "government"),
    // "+/- 3 mm": plus or minus (espeak-ng said "plus slash"); a stock's "P/E" ratio.
    ("+/-", "plus or minus"),
    ("P/E", "P E"),
    // Cooking heat ("Heat on med-high").
    ("med-high", "medium-high"),
    ("med-low", "medium-low"),
    ("yrs", "years"),
    ("Revd", "Reverend"),
    ("avg", "average"),
    ("Avg", "Average"),
    ("approx", "approximately"),
    ("Approx", "Approximately"),
    ("incl", "including"),
    ("Incl", "Including"),
    ("qty", "quantity"),
    ("Qty", "Quantity"),
    // Roads ("via Hwy 1": espeak-ng spelled "H W Y"; found by a fresh tester).
    ("Hwy", "Highway"),
    ("Pkwy", "Parkway"),
    // British: a football club's "Man Utd", a councillor (espeak-ng spelled "U T D", "C L L
    // R"; found by a fresh tester).
    ("Utd", "United"),
    ("Cllr", "Councillor"),
    // "aka the Boss" (espeak-ng said "acka"), and Reuters' magnitudes without a currency ("5.3
    // bln euros", "spelled B L N"); found by a fresh tester.
    ("aka", "also known as"),
    ("bln", "billion"),
    ("mln", "million"),
];

/// US states as the AP stylebook abbreviates them after a city ("Calif.", "Fla.", "N.Y.";
/// the eight states it spells out are not here), and their names.
const AP_STATES: [(&str, &str); 42] = [
    ("Ala", "Alabama"),
    ("Ariz", "Arizona"),
    ("Ark", "Arkansas"),
    ("Calif", "California"),
    ("Colo", "Colorado"),
    ("Conn", "Connecticut"),
    ("Del", "Delaware"),
    ("Fla", "Florida"),
    ("Ga", "Georgia"),
    ("Ill", "Illinois"),
    ("Ind", "Indiana"),
    ("Kan", "Kansas"),
    ("Ky", "Kentucky"),
    ("La", "Louisiana"),
    ("Md", "Maryland"),
    ("Mass", "Massachusetts"),
    ("Mich", "Michigan"),
    ("Minn", "Minnesota"),
    ("Miss", "Mississippi"),
    ("Mo", "Missouri"),
    ("Mont", "Montana"),
    ("Neb", "Nebraska"),
    ("Nev", "Nevada"),
    ("Okla", "Oklahoma"),
    ("Ore", "Oregon"),
    ("Pa", "Pennsylvania"),
    ("Tenn", "Tennessee"),
    ("Vt", "Vermont"),
    ("Va", "Virginia"),
    ("Wash", "Washington"),
    ("Wis", "Wisconsin"),
    ("Wyo", "Wyoming"),
    ("N.H", "New Hampshire"),
    ("N.J", "New Jersey"),
    ("N.M", "New Mexico"),
    ("N.Y", "New York"),
    ("N.C", "North Carolina"),
    ("N.D", "North Dakota"),
    ("S.C", "South Carolina"),
    ("S.D", "South Dakota"),
    ("R.I", "Rhode Island"),
    ("W.Va", "West Virginia"),
];

/// The state an AP abbreviation ([`AP_STATES`]) stands for.
pub(super) fn ap_state(core: &str) -> Option<&'static str> {
    AP_STATES.iter().find(|(a, _)| *a == core).map(|(_, s)| *s)
}

/// How a change over a period is written in economic news, and what is said: "prices rose 0.3%
/// m/m" → "month on month". The slashed and hyphenated forms are compared case-insensitively;
/// the run-together ones ("YoY") only as written, since "mom" is a word.
const CHANGE_PERIODS: [(&str, &str); 9] = [
    ("m/m", "month on month"),
    ("y/y", "year on year"),
    ("q/q", "quarter on quarter"),
    ("w/w", "week on week"),
    ("y-o-y", "year on year"),
    ("m-o-m", "month on month"),
    ("q-o-q", "quarter on quarter"),
    ("yoy", "year on year"),
    ("qoq", "quarter on quarter"),
];

/// Run-together change periods, matched only as written.
const CHANGE_PERIODS_AS_WRITTEN: [(&str, &str); 5] = [
    ("YoY", "year on year"),
    ("YOY", "year on year"),
    ("MoM", "month on month"),
    ("QoQ", "quarter on quarter"),
    ("QOQ", "quarter on quarter"),
];

/// Abbreviations with a period ("Dr.", "e.g.", "St.", "No. 5", "p. 12", "pp. 40-44"). The
/// period is dropped so the engine doesn't pause, except at the end of the chunk, where it also
/// ends the sentence. "p." and "pp." are pages only before a number: "John P. Smith" keeps its
/// initial.
pub(super) fn abbreviation(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let after_period = word.trail.strip_prefix('.');
    let prev = i.checked_sub(1).map(|p| w[p]);
    let next = w.get(i + 1);
    // "Sacramento, Calif., and Atlanta, Ga.": a US state as AP style abbreviates it, after a
    // city and its comma (espeak-ng said "kalif", "gah"; found by a fresh tester). Only there:
    // "Mass.", "Ill.", "Wash." and "Miss." are words elsewhere.
    if let (Some(_), Some(state)) = (after_period, ap_state(word.core)) {
        let after_city = prev.is_some_and(|p| p.trail == "," && capitalized(p.core));
        if after_city {
            let rest = after_period.unwrap_or_default();
            let goes_on = !rest.is_empty() || next.is_some_and(|n| !capitalized(n.core));
            let period = if goes_on { "" } else { "." };
            return Some((format!("{}{state}{period}{rest}", word.lead), 1));
        }
    }
    // "375 degrees F": the scale after the word "degrees" (espeak-ng said the letter).
    if matches!(word.core, "F" | "C")
        && prev.is_some_and(|p| p.trail.is_empty() && matches!(p.core, "degrees" | "degree"))
    {
        let scale = if word.core == "F" {
            "Fahrenheit"
        } else {
            "Celsius"
        };
        return Some((format!("{}{scale}{}", word.lead, word.trail), 1));
    }
    // "world No1", "the No.1 song": "number one" (espeak-ng said "no one", "no dot one"; found
    // by fresh testers).
    if let Some(digits) = word
        .core
        .strip_prefix("No")
        .map(|r| r.strip_prefix('.').unwrap_or(r))
        .filter(|d| (1..=3).contains(&d.len()) && all_digits(d))
    {
        return Some((
            format!("{}number {}{}", word.lead, integer(digits), word.trail),
            1,
        ));
    }
    let expansion = match (word.core, after_period) {
        // "went to No 1", "a source at No 10": "number", inside a sentence (a sentence opening
        // "No 5 people…" is the word).
        ("No", None)
            if word.trail.is_empty()
                && prev.is_some_and(|p| !p.trail.ends_with(['.', '!', '?', ':', '"']))
                && next.is_some_and(|n| n.lead.is_empty() && parse_number(n.core).is_some()) =>
        {
            "number"
        }
        // "12 Church Rd, Bristol", "Mill Ln", "Trafalgar Sq.", "15 Oak Dr., Springfield": a
        // street's kind after its name, with or without a period (espeak-ng said "R D", "L N",
        // "S Q", "Doctor"; found by a fresh tester). "Dr" before a name stays a doctor
        // ("Minister Dr Smith").
        (core, _)
            if street_kind(core).is_some()
                && prev.is_some_and(|p| {
                    p.trail.is_empty() && capitalized(p.core) && p.core.chars().count() > 1
                })
                && (core != "Dr"
                    || word.trail.contains(',')
                    || next.is_none_or(|n| !capitalized(n.core)))
                // "Schubert's Ave Maria" (found by a fresh tester).
                && !(core == "Ave" && next.is_some_and(|n| n.core == "Maria")) =>
        {
            street_kind(core)?
        }
        // "vs" is said "versus" with or without its period.
        ("vs", _) => "versus",
        // "Roe v. Wade": a case's parties (espeak-ng said "vee"); British style writes no
        // period ("R v Jogee"), and a party may end on an abbreviation's ("Chevron U.S.A. v.
        // NRDC"; both found by a fresh tester).
        ("v", _)
            if prev.is_some_and(|p| {
                capitalized(p.core)
                    && (p.trail.is_empty() || (p.trail == "." && p.core.contains('.')))
            }) && next.is_some_and(|n| capitalized(n.core)) =>
        {
            "versus"
        }
        // "ext. 204", "ext 204": a telephone extension, its digits read one by one as a phone
        // number's are ("extension two oh four"); espeak-ng says "ekst".
        ("ext" | "Ext", _) if next.is_some_and(|n| extension_digits(n.core)) => {
            let next = next?;
            let name = if capitalized(word.core) {
                "Extension"
            } else {
                "extension"
            };
            let between = after_period.unwrap_or(word.trail);
            let said = format!("{name}{between} {}", read_group(next.core));
            return Some((format!("{}{said}{}", word.lead, next.trail), 2));
        }
        // "Baker St", "Baker St.": a street after its name, unless a name follows ("Bury St
        // Edmunds"); "St Paul" is read "Saint" by espeak-ng already and left alone.
        ("St", None) => {
            // "W 72nd St, Apt 5B": after an ordinal too (it was "saint"; found by a fresh
            // tester).
            let after_name =
                prev.is_some_and(|p| (is_name(p.core) || is_ordinal(p.core)) && p.trail.is_empty());
            let before_name = next.is_some_and(|n| capitalized(n.core) && word.trail.is_empty());
            if !after_name || before_name {
                return None;
            }
            "Street"
        }
        // "Apt 5B", "Apt. 12": an apartment before its number.
        ("Apt", _) if next.is_some_and(|n| starts_with_digit(n.core)) => "Apartment",
        // "Ms Lee", "Prof Whitty", "Det Insp Jones", "Lt Gen Smith", "the Rt Hon Jane Smith":
        // a title as British style writes it, with no period, before a name (espeak-ng spelled
        // "M S", "L T" and read "prof", "det"; found by a fresh tester). Not before capitals
        // ("Gen Z", "Gen AI"), and "Gen" only after another rank: "10th Gen Intel", "Gen
        // Alpha" are generations (on the dev set's true texts).
        (core, None)
            if UNDOTTED_TITLES.contains(&core)
                && word.trail.is_empty()
                && (core != "Gen"
                    || prev.is_some_and(|p| matches!(p.core, "Lt" | "Maj" | "Brig")))
                && (next.is_some_and(|n| {
                    n.lead.is_empty()
                        && capitalized(n.core)
                        && n.core.chars().any(char::is_lowercase)
                }) || (core == "Hon" && prev.is_some_and(|p| p.core == "Rt"))) =>
        {
            ABBREVIATIONS.iter().find(|(a, _)| *a == core)?.1
        }
        // With or without a sentence's period after it ("Heat on med-high.").
        (core, None) => bare(core)?,
        (core, Some(_)) if bare(core).is_some() => bare(core)?,
        // "Smith & Co.", "Acme Co. Ltd": a company, after a name or "&"; "Co. Cork", "in Co.
        // Durham": an Irish or British county, before a name otherwise. espeak-ng says "co".
        // "Water Products Co., Ashland City": a comma after it ends a firm's name (a county
        // runs on into its name); found in the dev set's true text.
        ("Co", Some(_)) if word.trail.contains(',') && prev.is_some() => "Company",
        ("Co", Some(_)) => company_or_county(prev, next)?,
        // "tel. 01632…", "mob. 07700…": the number's kind.
        ("tel" | "Tel" | "mob" | "Mob", Some(_))
            if next.is_some_and(|n| starts_with_digit(n.core)) =>
        {
            match (word.core, capitalized(word.core)) {
                (_, true) if word.core == "Tel" => "Telephone",
                ("tel", _) => "telephone",
                (_, true) => "Mobile",
                _ => "mobile",
            }
        }
        // "The St. Louis Cardinals", "Visit St. Paul": after an article, a preposition or a
        // sentence's first word it is a saint (read "Street" before; found by a fresh tester).
        ("St", Some(_)) => {
            // Not after an initial ("114 W. Adams St. Suite C").
            let opens_sentence = i < 2
                || (w[i - 2].trail.contains(['.', '!', '?']) && w[i - 2].core.chars().count() > 1);
            // "the Hotel St. Regis": a building named for a saint (read
            // "Hotel Street Regis"; found by a fresh tester).
            let saints_building = prev.is_some_and(|p| SAINTS_BUILDINGS.contains(&p.core));
            let after_name = prev.is_some_and(|p| {
                is_name(p.core)
                    && p.trail.is_empty()
                    && !saints_building
                    && !(opens_sentence && next.is_some_and(|n| capitalized(n.core)))
            });
            // "14 W 72nd St., New York": a numbered street (it was "Saint"; found by a fresh
            // tester).
            let after_ordinal = prev.is_some_and(|p| p.trail.is_empty() && is_ordinal(p.core));
            if after_ordinal {
                // Its period ends the sentence before a capital ("on E. 82nd St. Parents…").
                let ends = word.trail == "." && next.is_none_or(|n| capitalized(n.core));
                let rest = if ends {
                    word.trail
                } else {
                    after_period.unwrap_or(word.trail)
                };
                return Some((format!("{}Street{rest}", word.lead), 1));
            }
            let before_name = next.is_some_and(|n| capitalized(n.core));
            if before_name && !after_name {
                "Saint"
            } else {
                "Street"
            }
        }
        // "Park Dr. near us", "12 Oak Dr.": a drive after a street's name, as "St." is a
        // street; "Dr. Smith" stays a doctor (found by a tester).
        ("Dr", Some(_))
            if prev.is_some_and(|p| {
                p.trail.is_empty() && (capitalized(p.core) || starts_with_digit(p.core))
            }) && !next.is_some_and(|n| capitalized(n.core)) =>
        {
            "Drive"
        }
        // "(reg. $1,799)": a shop's regular price.
        ("reg" | "Reg", Some(_)) if next.is_some_and(|n| is_price(n.core)) => {
            if capitalized(word.core) {
                "Regular"
            } else {
                "regular"
            }
        }
        // "c. 1850": circa; "Est. 1962", "est. 1962": established, before a year.
        ("c" | "ca", Some(_)) if next.is_some_and(|n| year_like(n.core)) => "circa",
        // "c. £450m", "c. 2,000 jobs": about, before an amount (it was "see"; found by a fresh
        // tester).
        ("c" | "ca", Some(_))
            if next.is_some_and(|n| {
                n.lead.is_empty()
                    && (is_price(n.core)
                        || (n.core.contains(',')
                            && n.core.starts_with(|c: char| c.is_ascii_digit())))
            }) =>
        {
            "about"
        }
        ("est" | "Est", Some(_)) if next.is_some_and(|n| year_like(n.core)) => {
            if capitalized(word.core) {
                "Established"
            } else {
                "established"
            }
        }
        // "The est. cost", "est. $2 million": estimated, before a word or an amount (found by
        // fresh testers: "E S T cost").
        ("est" | "Est", Some(_))
            if next.is_some_and(|n| {
                n.core.starts_with(char::is_lowercase)
                    || is_price(n.core)
                    || starts_with_digit(n.core)
            }) =>
        {
            if capitalized(word.core) {
                "Estimated"
            } else {
                "estimated"
            }
        }
        // "1 c. milk", "2 T. butter", "½ t. salt": a cup, a tablespoon, a teaspoon, as old
        // recipes shorten them, between an amount and a lower-case ingredient (espeak-ng said
        // "C", "T"; found by a fresh tester).
        ("c" | "T" | "t", Some(_))
            if prev.is_some_and(|p| p.trail.is_empty() && is_amount(p.core))
                && next.is_some_and(|n| n.core.starts_with(char::is_lowercase)) =>
        {
            let one = prev.is_some_and(|p| p.core == "1" || p.core.contains(['/', '½', '¼', '¾']));
            match (word.core, one) {
                ("c", true) => "cup",
                ("c", false) => "cups",
                ("T", true) => "tablespoon",
                ("T", false) => "tablespoons",
                (_, true) => "teaspoon",
                _ => "teaspoons",
            }
        }
        // "fl. 1200s", "(b. 1950)", "(d. 1799)": flourished, born, died, before a year in a
        // life's dates (espeak-ng said "F L", and the period split the sentence; found by a
        // fresh tester).
        ("fl", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "flourished",
        ("b" | "d", Some(_))
            if next.is_some_and(|n| year_like(n.core.trim_end_matches(['.', ',', ')'])))
                && (word.lead.contains('(')
                    || prev.is_none_or(|p| p.trail.ends_with([',', ';']))) =>
        {
            if word.core == "b" {
                "born"
            } else {
                "died"
            }
        }
        // "the 12th c.": a century after its ordinal; "the 9th Cir.": a US court of appeals.
        ("c" | "Cir", Some(_))
            if prev.is_some_and(|p| p.trail.is_empty() && is_ordinal(p.core)) =>
        {
            if word.core == "c" {
                "century"
            } else {
                "Circuit"
            }
        }
        // "Para. 4", "para. 12(b)": a paragraph, before its number (espeak-ng said "para").
        ("Para" | "para", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => {
            if capitalized(word.core) {
                "Paragraph"
            } else {
                "paragraph"
            }
        }
        ("No", Some(_))
            if next.is_some_and(|n| {
                parse_number(n.core).is_some() || identifier_pair(n.core).is_some()
            }) =>
        {
            "number"
        }
        // "Review no. 227", "shirt no. 10", "ch. 2": lower-case forms before a number, "no."
        // only after a title word or a thing that is numbered ("He said no. 5 people left."
        // is the word).
        ("no", Some(_))
            if next.is_some_and(|n| parse_number(n.core).is_some())
                && i.checked_sub(1).map(|k| w[k]).is_some_and(|p| {
                    p.trail.is_empty()
                        && (capitalized(p.core)
                            || NUMBERED_THINGS.contains(&p.core.to_lowercase().as_str()))
                }) =>
        {
            "number"
        }
        ("ch" | "chap", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "chapter",
        ("Ch" | "Chap", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "Chapter",
        // "Apt. 4B", "Ste. 200", "Bldg. 5", "Rm. 101": a part of a building, before its
        // number (espeak-ng says "apt", "stee").
        ("Apt" | "Ste" | "Bldg" | "Rm", Some(_))
            if next.is_some_and(|n| starts_with_digit(n.core)) =>
        {
            match word.core {
                "Apt" => "Apartment",
                "Ste" => "Suite",
                "Bldg" => "Building",
                _ => "Room",
            }
        }
        // "Art. 5", "Sec. 4(a)", "Eq. 2", "Tab. 3", "pop. 450": an article, a section, an
        // equation, a table, a population, before their number (espeak-ng said "art", "seck",
        // "eck"; found by a fresh tester). "Sec." before a name is the Secretary ("Sec.
        // Blinken").
        ("Art" | "art" | "Sec" | "Eq" | "Tab" | "pop" | "Pop", Some(_))
            if next.is_some_and(|n| starts_with_digit(n.core)) =>
        {
            match word.core {
                "Art" => "Article",
                "art" => "article",
                "Sec" => "Section",
                "Eq" => "Equation",
                "Tab" => "Table",
                "Pop" => "Population",
                _ => "population",
            }
        }
        ("Sec", Some(_)) if next.is_some_and(|n| is_name(n.core)) => "Secretary",
        // "Hon. Secretary", "Hon. Treasurer": an honorary office; before a name "Hon." is the
        // Honourable (found by a fresh tester: "Honorable Secretary").
        ("Hon", Some(_))
            if next.is_some_and(|n| {
                matches!(
                    n.core,
                    "Secretary"
                        | "Treasurer"
                        | "President"
                        | "Member"
                        | "Fellow"
                        | "Doctorate"
                        | "Consul"
                        | "Chairman"
                        | "Editor"
                )
            }) =>
        {
            "Honorary"
        }
        // "Fr. O'Brien": a priest, before his name.
        ("Fr", Some(_)) if next.is_some_and(|n| capitalized(n.core)) => "Father",
        // "s. 14 of the Theft Act", "ss. 3-5", "Sch. 2": a section and a schedule of a statute,
        // before its number (espeak-ng said "S fourteen", "sh"; found by a fresh tester).
        // Not after a number: "2 s. 6 d." is two shillings and sixpence.
        ("s", Some(_))
            if next.is_some_and(|n| starts_with_digit(n.core))
                && !prev.is_some_and(|p| starts_with_digit(p.core)) =>
        {
            "section"
        }
        ("ss", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "sections",
        ("Sch", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "Schedule",
        // "See Pl. 12": a plate of a book, before its number.
        ("Pl", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "Plate",
        // "St. Mark's Pl.": a place after a street's name.
        ("Pl", Some(_))
            if prev.is_some_and(|p| p.trail.is_empty() && capitalized(p.core))
                && !next.is_some_and(|n| starts_with_digit(n.core)) =>
        {
            "Place"
        }
        // "Exec. Order 14110": an executive order (espeak-ng said "egzec").
        ("Exec", Some(_)) if next.is_some_and(|n| n.core == "Order") => "Executive",
        ("p" | "pg", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "page",
        // "I ate a fig.": the fruit; "fig. 3" is a figure (it was "a figure."; found by a
        // fresh tester).
        ("fig", Some(_)) if !next.is_some_and(|n| starts_with_digit(n.core)) => return None,
        // "Drake ft. Rihanna", "(feat. Kendrick Lamar)": a song's guest, before a name, after a
        // name or an opening bracket (espeak-ng said "F T", "feet"; found by a fresh tester).
        // "6 ft. Tall" is a height, "quite a feat. The" a noun.
        ("ft" | "feat", Some(_))
            if next.is_some_and(|n| is_name(n.core))
                && (word.lead.ends_with('(')
                    || prev.is_some_and(|p| is_name(p.core) || p.trail.ends_with(','))) =>
        {
            "featuring"
        }
        ("pp" | "pgs", Some(_)) if next.is_some_and(|n| starts_with_digit(n.core)) => "pages",
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

/// A street's kind as addresses shorten it, and the word said.
fn street_kind(core: &str) -> Option<&'static str> {
    Some(match core {
        "Rd" => "Road",
        "Ave" | "Av" => "Avenue",
        "Blvd" => "Boulevard",
        "Ln" => "Lane",
        "Sq" => "Square",
        "Cres" => "Crescent",
        "Pkwy" => "Parkway",
        "Hwy" => "Highway",
        "Dr" => "Drive",
        _ => return None,
    })
}

/// Whether a word is an extension's number: one to six digits.
fn extension_digits(s: &str) -> bool {
    (1..=6).contains(&s.len()) && all_digits(s)
}

/// "Co." as "Company" or "County", by its neighbours: before "Ltd", "Inc" or a lowercase word
/// ("Acme Co. Ltd", "Smith & Co. said"), or after a capitalised name or "&" (by now "and") and
/// before no other name ("Harlan & Co."), a company; before a name otherwise ("from Co. Cork",
/// "Cork and Co. Kerry"), a county. None elsewhere.
fn company_or_county(prev: Option<Word>, next: Option<&Word>) -> Option<&'static str> {
    let after_name = prev.is_some_and(|p| {
        (capitalized(p.core) || matches!(p.core, "&" | "and")) && p.trail.is_empty()
    });
    let before_firm = next.is_some_and(|n| {
        matches!(
            n.core,
            "Ltd" | "Inc" | "Limited" | "Incorporated" | "LLC" | "Pty"
        ) || n.core.starts_with(char::is_lowercase)
    });
    let before_name = next.is_some_and(|n| capitalized(n.core));
    // After a name it is a firm whatever follows: "Tiffany & Co. Milan", "Mann Co. Store" (the
    // dev set's true text had read them "County").
    if before_firm || after_name {
        Some("Company")
    } else if before_name {
        Some("County")
    } else {
        None
    }
}

/// The reading of an abbreviation of [`BARE_ABBREVIATIONS`].
fn bare(core: &str) -> Option<&'static str> {
    BARE_ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == core)
        .map(|(_, e)| *e)
}

/// Whether a word is an amount in a recipe: digits, a fraction ("1/2", "½") or a decimal.
fn is_amount(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾'))
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '½' | '¼' | '¾'))
}

/// Whether a word is an ordinal in digits: "12th", "1st", "9th".
pub(super) fn is_ordinal(s: &str) -> bool {
    let digits = s.trim_end_matches(char::is_alphabetic);
    all_digits(digits) && matches!(&s[digits.len()..], "st" | "nd" | "rd" | "th")
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// "m/m", "y/y", "YoY" and the like: see [`CHANGE_PERIODS`].
pub(super) fn change_period(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let said = CHANGE_PERIODS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(word.core))
        .or_else(|| {
            CHANGE_PERIODS_AS_WRITTEN
                .iter()
                .find(|(a, _)| *a == word.core)
        })
        .map(|(_, said)| *said)?;
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}
