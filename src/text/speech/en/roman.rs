//! Roman numerals after names and headings: "Charles III" → "Charles the third", "Chapter IV"
//! → "Chapter four". espeak-ng says "Charles roman three" and "Chapter I V".

use super::words::{cardinal, ordinal};
use super::{capitalized, is_name, Word};

/// Capitalised words after which a Roman numeral is a plain number ("Chapter IV" → "Chapter
/// four", "World War II" → "World War two"); after other names it is regnal ("Charles the
/// third"). Compared case-insensitively.
/// Since 2026-12-05 also a product's mark or generation ("Canon EOS R6 Mark II", "Mk II",
/// "Gen III") and a series' number ("Series II"), found by a tester.
const NUMBERED_HEADINGS: [&str; 35] = [
    "chapter",
    "part",
    "book",
    "volume",
    "vol",
    "act",
    "scene",
    "section",
    "article",
    "title",
    "phase",
    "stage",
    "war",
    "bowl",
    "episode",
    "level",
    "class",
    "type",
    "appendix",
    "psalm",
    "mark",
    "mk",
    "gen",
    "generation",
    "series",
    // A fresh tester's medical, legal and reference pages: "a grade III tear", "paragraph ii",
    // "page xiv", "Schedule IV", "Tier II" (espeak-ng said "roman three").
    "grade",
    "paragraph",
    "page",
    "clause",
    "schedule",
    "annex",
    "tier",
    "category",
    "figure",
    "table",
];

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

/// Names monarchs and popes reign under: a Roman numeral after one is regnal ("Charles the
/// third", "Pope Leo the fourteenth"). Compared as written.
const REGNAL_NAMES: &[&str] = &[
    "Henry",
    "Edward",
    "George",
    "William",
    "Charles",
    "Elizabeth",
    "Louis",
    "Richard",
    "James",
    "John",
    "Mary",
    "Philip",
    "Felipe",
    "Frederick",
    "Friedrich",
    "Frederik",
    "Peter",
    "Catherine",
    "Pius",
    "Benedict",
    "Gregory",
    "Leo",
    "Innocent",
    "Clement",
    "Urban",
    "Boniface",
    "Alexander",
    "Nicholas",
    "Paul",
    "Ferdinand",
    "Francis",
    "Alfonso",
    "Carlos",
    "Juan",
    "Gustav",
    "Gustaf",
    "Christian",
    "Olav",
    "Olaf",
    "Harald",
    "Haakon",
    "Wilhelm",
    "Ludwig",
    "Otto",
    "Rudolf",
    "Joseph",
    "Leopold",
    "Maximilian",
    "Constantine",
    "Ivan",
    "Mehmed",
    "Ramesses",
    "Ramses",
    "Ptolemy",
    "Amenhotep",
    "Thutmose",
    "Darius",
    "Xerxes",
    "Antiochus",
    "Herod",
    "Cyrus",
    "David",
    "Robert",
    "Malcolm",
    "Kamehameha",
    "Rama",
    "Napoleon",
    "Victor",
    "Umberto",
    "Sancho",
    "Afonso",
    "Manuel",
    "Pedro",
    "Sebastian",
    "Magnus",
    "Eric",
    "Erik",
    "Valdemar",
    "Sigismund",
    "Casimir",
    "Boris",
    "Simeon",
    "Stephen",
    "Matthias",
    "Baldwin",
    "Sixtus",
    "Julius",
    "Adrian",
    "Hadrian",
    "Celestine",
    "Honorius",
    "Martin",
    "Eugene",
    "Marcellus",
    "Alexios",
    "Isaac",
    "Basil",
    "Justinian",
    "Theodosius",
    "Abdullah",
    "Hussein",
    "Faisal",
    "Selim",
    "Suleiman",
    "Murad",
    "Osman",
    "Mahmud",
    "Bayezid",
    "Menelik",
    "Amadeus",
    "Albert",
    "Willem",
    "Margrethe",
    "Carl",
    "Edmund",
    "Ethelred",
    "Harold",
    "Duncan",
    "Kenneth",
    "Donald",
    "Anne",
    "Rudolph",
    "Wenceslaus",
];

/// Titles before a reigning name: after "King Gustaf" or "Pope Leo" a numeral is regnal.
const REIGN_TITLES: &[&str] = &[
    "King", "Queen", "Pope", "Emperor", "Empress", "Tsar", "Czar", "Tsarina", "Kaiser", "Sultan",
    "Pharaoh", "Shah", "Prince", "Princess", "Duke", "Duchess", "Saint", "St.",
];

/// Given names before a surname that a generational suffix may follow ("John Jacob Astor
/// IV", "Martin Luther King III"): besides [`REGNAL_NAMES`].
const GIVEN_NAMES: &[&str] = &[
    "Jacob",
    "Michael",
    "Thomas",
    "Christopher",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Steven",
    "Andrew",
    "Joshua",
    "Kevin",
    "Brian",
    "Ronald",
    "Timothy",
    "Jason",
    "Jeffrey",
    "Ryan",
    "Gary",
    "Jonathan",
    "Larry",
    "Justin",
    "Scott",
    "Frank",
    "Raymond",
    "Samuel",
    "Benjamin",
    "Patrick",
    "Jack",
    "Dennis",
    "Jerry",
    "Tyler",
    "Douglas",
    "Walter",
    "Arthur",
    "Roger",
    "Lawrence",
    "Ralph",
    "Howard",
    "Russell",
    "Harry",
    "Luther",
    "Thurston",
    "Hamilton",
    "Nelson",
    "Cornelius",
    "Ulysses",
    "Kermit",
    "Theodore",
    "Franklin",
    "Winthrop",
    "Marshall",
];

/// Words after which "IV" is a title's number, not intravenous: "Rocky IV is", "Part IV of".
const FUNCTION_WORDS: &[&str] = &[
    "is",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "will",
    "would",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "from",
    "by",
    "as",
    "came",
    "comes",
    "remains",
    "became",
    "features",
    "introduced",
    "introduces",
];

/// A clause or item numbered in lower-case Roman numerals, in parentheses, as contracts,
/// statutes and papers number them: "(i)", "(ii)", "(iv)" → "(one)", "(two)", "(four)";
/// espeak-ng said "eye", "eye eye", "eye vee" (found by a fresh tester). Also "ii)" opening
/// a paragraph. From i to xx, but not a lone "(v)" or "(x)", which mark verbs and unknowns
/// as often as clauses.
fn clause_number(w: &[Word], i: usize) -> Option<String> {
    let word = w[i];
    let opened = word.lead == "(" || (i == 0 && word.lead.is_empty());
    if !opened || !word.trail.starts_with(')') || matches!(word.core, "v" | "x") {
        return None;
    }
    let n = lower_roman_value(word.core).filter(|n| *n <= 20)?;
    Some(format!(
        "{}{}{}",
        word.lead,
        cardinal(u64::from(n)),
        word.trail
    ))
}

/// A lower-case Roman numeral of two letters or more after a heading word, as plays and
/// books number their parts: "Scene iii" → "three", "Act ii" → "two" (espeak-ng said "roman
/// three"; found by a fresh tester). Up to xxxix.
fn lower_case_numeral(core: &str) -> Option<String> {
    let n = lower_roman_value(core).filter(|n| core.len() >= 2 && *n < 40)?;
    Some(cardinal(u64::from(n)))
}

/// The value of a Roman numeral written in lower case with i, v and x only ("iv" → 4), as
/// clauses, scenes and a provision's parts are numbered.
fn lower_roman_value(core: &str) -> Option<u32> {
    if core.is_empty() || !core.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
        return None;
    }
    roman_value(&core.to_uppercase())
}

/// A provision of a statute or a contract written as one word, its number and the letters and
/// Roman numerals of its parts in brackets: "3(a)(ii)" → "3 eigh two", "2(b)" → "2 B",
/// "1(a)(iv)(B)" → "1 eigh four B", as lawyers read them aloud (espeak-ng said "three a roman
/// two"; found by a fresh tester). A bracketed part of two or more of i, v, x, or one after a
/// letter's part ("(a)(i)"), is a Roman numeral; a single letter otherwise is a letter, said
/// as [`super::acronyms::letters`] says it ("eigh", not the article "a").
pub(super) fn provision_number(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let open = word.core.find('(')?;
    let (number, mut rest) = word.core.split_at(open);
    // The closing bracket of the last part is in the trail.
    let trail = word.trail.strip_prefix(')')?;
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || number.len() > 4 {
        return None;
    }
    let mut said = vec![number.to_string()];
    let mut after_letter = false;
    // "3(4)" is arithmetic: a provision has a lettered or numeralled part.
    let mut lettered = false;
    while let Some(inner) = rest.strip_prefix('(') {
        let (part, next) = match inner.split_once(')') {
            Some((p, n)) => (p, n),
            None => (inner, ""),
        };
        let roman = lower_roman_value(part).filter(|_| part.len() >= 2 || after_letter);
        if let Some(n) = roman {
            if n >= 40 {
                return None;
            }
            said.push(cardinal(u64::from(n)));
            after_letter = false;
            lettered = true;
        } else if part.len() == 1 && part.chars().all(|c| c.is_ascii_alphabetic()) {
            said.push(super::acronyms::letters(&part.to_uppercase()).to_string());
            after_letter = true;
            lettered = true;
        } else if !part.is_empty() && part.len() <= 3 && part.chars().all(|c| c.is_ascii_digit()) {
            said.push(part.to_string());
            after_letter = false;
        } else {
            return None;
        }
        rest = next;
    }
    (rest.is_empty() && lettered).then(|| (format!("{}{}{trail}", word.lead, said.join(" ")), 1))
}

/// "Chapter IV" → "Chapter four", "World War II" → "World War two", "Charles III" → "Charles
/// the third". Only right after a capitalised word; "I" only after a heading word, and a lone
/// "C", "D", "L" or "M" never ("Appendix C", "USB Type C", "Medicare Part D" are letters).
///
/// After a name, a numeral is regnal ("the third") only after a name monarchs reign under
/// ([`REGNAL_NAMES`], or any name after a title of [`REIGN_TITLES`]: "King Gustaf VI"), or,
/// for the generational II–IV, after a surname that follows a given name ("John Jacob Astor
/// IV"). After other names it numbers a product, a game or a mission, and is a cardinal:
/// "Final Fantasy VII" → "seven", "Artemis II" → "two", "Radeon VII" → "seven" (of the 109
/// regnal readings in the extraction dev set's true texts only 12 were right; found by a
/// fresh tester).
pub(super) fn roman_numeral(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    if let Some(said) = clause_number(w, i) {
        return Some((said, 1));
    }
    let is_heading = |p: &Word| {
        NUMBERED_HEADINGS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(p.core))
    };
    // "Vol. III", "Pt. II": a heading abbreviated, its period no sentence's end (espeak-ng
    // said "roman three"; found by a fresh tester).
    let abbreviated_heading = |p: &Word| {
        p.trail == "." && matches!(p.core, "Vol" | "vol" | "Pt" | "pt" | "Ch" | "Bk" | "Art")
    };
    let before = i
        .checked_sub(1)
        .map(|k| w[k])
        .filter(|p| p.trail.is_empty() || abbreviated_heading(p));
    // The numeral is checked first: most words are none, and the heading table is long.
    if let Some(said) = lower_case_numeral(word.core)
        .filter(|_| before.is_some_and(|p| is_heading(&p) || abbreviated_heading(&p)))
    {
        return Some((format!("{}{said}{}", word.lead, word.trail), 1));
    }
    // "an IV drip", "IV fluids": intravenous before a lower-case word, said as letters;
    // espeak-ng says "Roman four" (found by a fresh tester). After a name, a heading or a
    // model ("Henry IV", "Stage IV", "Sony a7 IV") it is a number, below or left as it is.
    if matches!(word.core, "IV" | "IVs") && word.lead.is_empty() {
        let next_lower = word.trail.is_empty()
            && w.get(i + 1)
                .is_some_and(|n| n.lead.is_empty() && n.core.starts_with(char::is_lowercase));
        let after_article = before.is_some_and(|p| {
            matches!(p.core.to_lowercase().as_str(), "an" | "the" | "his" | "her")
        });
        // Not after a ruler's name or title, a heading or a model ("Henry IV", "Stage IV",
        // "Sony a7 IV"); "Give IV antibiotics" was "Give four antibiotics".
        // A capitalised word inside a sentence is a name ("John Jacob Astor IV sailed"); one
        // opening it is just its first word ("Give IV antibiotics").
        let opens = i < 2 || w[i - 2].trail.ends_with(['.', '!', '?', ':']);
        let numbered = before.is_some_and(|p| {
            REGNAL_NAMES.contains(&p.core)
                || GIVEN_NAMES.contains(&p.core)
                || REIGN_TITLES.contains(&p.core)
                || is_heading(&p)
                || p.core.chars().any(|c| c.is_ascii_digit())
                || (capitalized(p.core) && !opens)
        });
        // "Rocky IV is", "Star Wars IV was": a title's number before a verb or a function
        // word; intravenous is before a noun ("IV fluids") or after an article.
        let next_function_word = w
            .get(i + 1)
            .is_some_and(|n| FUNCTION_WORDS.contains(&n.core));
        let intravenous = (next_lower && !next_function_word) || after_article;
        if !numbered && (intravenous || word.core == "IVs") {
            let plural = if word.core == "IVs" { "s" } else { "" };
            return Some((format!("I V{plural}{}", word.trail), 1));
        }
    }
    // "IV. Results", "IV: The state of the art": a section's number alone at the start.
    if i == 0 && word.lead.is_empty() && matches!(word.trail, "." | ":") {
        if let Some(n) = roman_value(word.core).filter(|_| word.core.len() >= 2) {
            return Some((format!("{}{}", cardinal(u64::from(n)), word.trail), 1));
        }
    }
    let prev = before?;
    // "a phase II trial", "stage IV cancer": a heading word in lower case numbers it too, but
    // not a lone "I", the pronoun ("the part I loved", "the book I read").
    let lower_heading = !capitalized(prev.core) && is_heading(&prev);
    if !(capitalized(prev.core) || lower_heading)
        || !word.lead.is_empty()
        || (lower_heading && word.core == "I")
    {
        return None;
    }
    // "Gen X", "Generation X", "Xbox Series X": the name is the letter (espeak-ng said "ten").
    if word.core == "X"
        && ["gen", "generation", "series"]
            .iter()
            .any(|g| g.eq_ignore_ascii_case(prev.core))
    {
        return Some((format!("ex{}", word.trail), 1));
    }
    // "Henry VIII's": the numeral, then the possessive.
    let (numeral, possessive) = match word.core.strip_suffix("'s") {
        Some(n) => (n, "'s"),
        None => (word.core, ""),
    };
    let n = roman_value(numeral)?;
    // "Elizabeth I ruled.", "Queen Mary I", "Charles I's head": a first of the name, "the
    // first"; a lone "I" is the pronoun unless a title goes before the name, the name opens
    // the sentence, or punctuation or a possessive follows ("…when James I went home" stays).
    if numeral == "I" && REGNAL_NAMES.contains(&prev.core) {
        let before = i.checked_sub(2).map(|k| &w[k]);
        let titled = before.is_some_and(|b| b.trail.is_empty() && REIGN_TITLES.contains(&b.core));
        let opens = before.is_none_or(|b| b.trail.ends_with(['.', '!', '?', ':']));
        let closed = !possessive.is_empty() || word.trail.starts_with(['.', ',', ';', ')']);
        if titled || opens || closed {
            return Some((format!("the first{possessive}{}", word.trail), 1));
        }
        return None;
    }
    let heading = is_heading(&prev) || abbreviated_heading(&prev);
    let said = if heading {
        if matches!(numeral, "C" | "D" | "L" | "M") {
            return None;
        }
        cardinal(u64::from(n))
    } else {
        // Numbers after a name: small, from I, V and X only, so "DC", "MD" or "CV" after a
        // name stay letters, and never a lone "I" or "X" ("Malcolm X").
        let name_shape = numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            && (numeral.len() >= 2 || numeral == "V");
        if !(name_shape && is_name(prev.core) && n < 40) {
            return None;
        }
        let before = i
            .checked_sub(2)
            .map(|k| &w[k])
            .filter(|b| b.trail.is_empty());
        let reigns = REGNAL_NAMES.contains(&prev.core)
            || before.is_some_and(|b| REIGN_TITLES.contains(&b.core));
        let generation = (2..=4).contains(&n)
            && before
                .is_some_and(|b| REGNAL_NAMES.contains(&b.core) || GIVEN_NAMES.contains(&b.core));
        if reigns || generation {
            format!("the {}", ordinal(&n.to_string()))
        } else if numeral == "V" && word.trail.starts_with(['.', ',']) {
            // An initial: "Mervin V., Event Producer", "Levantini V, et al." (a citation).
            return None;
        } else {
            cardinal(u64::from(n))
        }
    };
    Some((format!("{said}{possessive}{}", word.trail), 1))
}
