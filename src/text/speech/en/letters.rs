//! Capital letters read as letters, not words: the letter A (espeak-ng says a capital "A"
//! before a word as the article, "uh"), note names with their accidentals, and blood groups
//! with their Rh sign. Found by a fresh tester's 474 sentences (2026-12-06): "in A minor",
//! "an A in maths", "Plan A failed", "the A/B test", "A♯", "Bb major", "O− blood".

use super::Word;

/// How the letter A is written for espeak-ng to say its name ("eigh"; see `acronyms`).
const A: &str = "eigh";

/// Words after a note's name that make it a key: "in Bb major", "A minor".
const KEY_WORDS: &[&str] = &["major", "minor", "Major", "Minor"];

/// Words that put a blood group in the sentence: "A+" and "B−" are grades or signs elsewhere
/// ("an A+ student"), while "O−" and "AB+" are blood groups anywhere.
const BLOOD_WORDS: &[&str] = &[
    "blood",
    "donor",
    "donors",
    "donate",
    "donated",
    "donation",
    "donations",
    "transfusion",
    "transfusions",
    "plasma",
    "rhesus",
];

/// True when word `i` opens a sentence: the first word, or after a word ending a sentence
/// or clause head (`.`, `!`, `?`, `:`, a closing quote), or itself after an opening quote or
/// bracket.
fn opens(w: &[Word], i: usize) -> bool {
    i == 0 || !w[i].lead.is_empty() || w[i - 1].trail.ends_with(['.', '!', '?', ':', '"'])
}

/// The letter A, a note with its accidental, or a blood group, as said.
pub(super) fn letter(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    let said = match word.core {
        "A" => letter_a(w, i)?,
        core => note(w, i, core).or_else(|| blood_group(w, core))?,
    };
    Some((format!("{}{said}{}", word.lead, word.trail), 1))
}

/// Words after which a lone "A" names one of several: "Plan A", "Part A", "User A",
/// "Exhibit A", "point A", "thing A" (either case).
const LETTER_NOUNS: &[&str] = &[
    "annex", "appendix", "block", "box", "building", "category", "class", "column", "company",
    "country", "division", "door", "exhibit", "figure", "floor", "gate", "grade", "group", "hall",
    "level", "line", "lot", "model", "option", "part", "parts", "person", "phase", "plan",
    "platform", "player", "point", "room", "route", "row", "schedule", "section", "series", "set",
    "side", "size", "stage", "step", "table", "team", "terminal", "thing", "tier", "track", "type",
    "unit", "user", "version", "vitamin", "wing", "zone",
];

/// Lower-case words after which a capital "A" is a letter, not an article opening a sentence
/// whose full stop was lost (a heading or a table's cell run into the next: "…for your logo A
/// step-by-step guide", "Lump sum A lump-sum payout", found in the extraction dev set's true
/// texts): "an A", "from A to Z", "straight A students", "because A cannot", "in A minor".
const BEFORE_A_LETTER: &[&str] = &[
    "after",
    "an",
    "and",
    "are",
    "at",
    "be",
    "because",
    "before",
    "between",
    "by",
    "earned",
    "from",
    "get",
    "got",
    "if",
    "in",
    "including",
    "is",
    "like",
    "nor",
    "not",
    "of",
    "on",
    "or",
    "received",
    "scored",
    "straight",
    "than",
    "then",
    "to",
    "versus",
    "via",
    "vs",
    "was",
    "were",
    "whether",
    "with",
];

/// A lone capital A that is a letter: after a word of [`LETTER_NOUNS`] or
/// [`BEFORE_A_LETTER`] with nothing between them, and before a word that is not capitalised
/// or a key word ("Plan A failed", "an A in maths", "from A to Z", "in A minor", "in A
/// Major"); anywhere before "=" ("A = 440 Hz"). Left as the article: a sentence's first
/// word ("A dog barked", "A minor was arrested"), after a comma (a list of items "…enjoyed,
/// A memorable date") or another word, a title inside a sentence ("read A Tale of Two
/// Cities"), and "A" after a number (amperes, read by `units`).
fn letter_a(w: &[Word], i: usize) -> Option<String> {
    let next = w.get(i + 1)?;
    if next.core == "=" {
        return Some(A.to_string());
    }
    if opens(w, i) || !w[i].trail.is_empty() {
        return None;
    }
    let prev = w[i - 1];
    let prev_word = prev.core.to_lowercase();
    let after = prev.trail.is_empty()
        && (LETTER_NOUNS.contains(&prev_word.as_str())
            || (prev.core.starts_with(|c: char| c.is_lowercase())
                && BEFORE_A_LETTER.contains(&prev.core)));
    let before =
        KEY_WORDS.contains(&next.core) || next.core.starts_with(|c: char| c.is_lowercase());
    (after && before).then(|| A.to_string())
}

/// A note and its accidental: "A♯" and "A♭" (the letter said as a letter), "A/B" ("the A/B
/// test", "the A/C unit": two letters), and a flat written with a "b" before a key word
/// ("Bb major" → "B flat major"; "Bb" alone is left as written).
fn note(w: &[Word], i: usize, core: &str) -> Option<String> {
    let mut chars = core.chars();
    let name = chars.next().filter(|c| ('A'..='G').contains(c))?;
    let said_name = if name == 'A' {
        A.to_string()
    } else {
        name.to_string()
    };
    match chars.as_str() {
        "♯" if name == 'A' => Some(format!("{said_name} sharp")),
        "♭" if name == 'A' => Some(format!("{said_name} flat")),
        "b" if w.get(i + 1).is_some_and(|n| KEY_WORDS.contains(&n.core)) => {
            Some(format!("{said_name} flat"))
        }
        rest if name == 'A'
            && rest.len() == 2
            && rest.starts_with('/')
            && rest[1..].starts_with(|c: char| c.is_ascii_uppercase()) =>
        {
            Some(format!("{said_name} {}", &rest[1..]))
        }
        _ => None,
    }
}

/// A blood group with its Rh sign: "O−" → "O negative", "AB+" → "eigh B positive"; "A+",
/// "A−", "B+" and "B−" only in a sentence with a word of blood ([`BLOOD_WORDS`]).
fn blood_group(w: &[Word], core: &str) -> Option<String> {
    let (group, sign) = if let Some(g) = core.strip_suffix(['+', '⁺']) {
        (g, "positive")
    } else {
        (core.strip_suffix(['-', '\u{2212}', '⁻'])?, "negative")
    };
    let said = match group {
        "O" => "O",
        "AB" => "eigh B",
        "A" | "B"
            if w.iter()
                .any(|x| BLOOD_WORDS.contains(&x.core.to_lowercase().as_str())) =>
        {
            if group == "A" {
                A
            } else {
                "B"
            }
        }
        _ => return None,
    };
    Some(format!("{said} {sign}"))
}

#[cfg(test)]
mod tests {
    use super::super::normalize;

    #[test]
    fn a_capital_a_is_a_letter_inside_a_sentence_and_the_article_opening_one() {
        for (written, said) in [
            ("She got an A in maths.", "She got an eigh in maths."),
            ("Plan A failed.", "Plan eigh failed."),
            (
                "It is in A minor, not A Major.",
                "It is in eigh minor, not eigh Major.",
            ),
            ("A = 440 Hz", "eigh equals four hundred forty hertz"),
            ("A dog barked.", "A dog barked."),
            ("A minor was arrested.", "A minor was arrested."),
            (
                "He read A Tale of Two Cities.",
                "He red A Tale of Two Cities.",
            ),
            ("Then: A new start.", "Then: A new start."),
            ("the A/B test", "the eigh B test"),
            ("from A♯ to Bb major", "from eigh sharp to B flat major"),
            ("O− blood is rare.", "O negative blood is rare."),
            (
                "She is AB+ and gave blood.",
                "She is eigh B positive and gave blood.",
            ),
            ("an A+ student", "an eigh plus student"),
            ("A+ blood donors", "eigh positive blood donors"),
        ] {
            assert_eq!(normalize(written), said, "{written}");
        }
    }
}
