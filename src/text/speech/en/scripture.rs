//! Bible references: "1 Cor. 13:4" → "First Corinthians thirteen four", "Gen. 1:1–3" →
//! "Genesis one one to three". espeak-ng read the book's abbreviation as a word or a title
//! ("Gen." General, "Rev." Reverend), the period as a sentence's end, and the reference as a
//! ratio ("thirteen to four"; found by a fresh tester).

use super::words::cardinal;
use super::Word;

/// Abbreviated books of the Bible (the SBL Handbook's forms and common variants, without
/// their period) and their names. Full names ("John 3:16") are read right already, except
/// for the reference, which [`scripture`] reads after them too.
const BOOKS: &[(&str, &str)] = &[
    ("Gen", "Genesis"),
    ("Exod", "Exodus"),
    ("Ex", "Exodus"),
    ("Lev", "Leviticus"),
    ("Num", "Numbers"),
    ("Deut", "Deuteronomy"),
    ("Josh", "Joshua"),
    ("Judg", "Judges"),
    ("Sam", "Samuel"),
    ("Kgs", "Kings"),
    ("Chr", "Chronicles"),
    ("Chron", "Chronicles"),
    ("Neh", "Nehemiah"),
    ("Esth", "Esther"),
    ("Ps", "Psalm"),
    ("Psa", "Psalm"),
    ("Prov", "Proverbs"),
    ("Eccl", "Ecclesiastes"),
    ("Eccles", "Ecclesiastes"),
    ("Isa", "Isaiah"),
    ("Jer", "Jeremiah"),
    ("Lam", "Lamentations"),
    ("Ezek", "Ezekiel"),
    ("Dan", "Daniel"),
    ("Hos", "Hosea"),
    ("Obad", "Obadiah"),
    ("Mic", "Micah"),
    ("Nah", "Nahum"),
    ("Hab", "Habakkuk"),
    ("Zeph", "Zephaniah"),
    ("Hag", "Haggai"),
    ("Zech", "Zechariah"),
    ("Mal", "Malachi"),
    ("Matt", "Matthew"),
    ("Mt", "Matthew"),
    ("Mk", "Mark"),
    ("Lk", "Luke"),
    ("Jn", "John"),
    ("Rom", "Romans"),
    ("Cor", "Corinthians"),
    ("Gal", "Galatians"),
    ("Eph", "Ephesians"),
    ("Phil", "Philippians"),
    ("Col", "Colossians"),
    ("Thess", "Thessalonians"),
    ("Tim", "Timothy"),
    ("Tit", "Titus"),
    ("Phlm", "Philemon"),
    ("Heb", "Hebrews"),
    ("Jas", "James"),
    ("Pet", "Peter"),
    ("Rev", "Revelation"),
];

/// True when `stem` (an abbreviation without its period) is a book of [`BOOKS`]: before a
/// chapter and verse it does not end a sentence ("1 Cor. 13:4"; see `text::segment`).
pub(crate) fn is_book_abbreviation(stem: &str) -> bool {
    BOOKS.iter().any(|(short, _)| *short == stem)
}

/// Full names of books most often cited with a reference.
const NAMED_BOOKS: &[&str] = &[
    "Genesis",
    "Exodus",
    "Psalm",
    "Psalms",
    "Proverbs",
    "Isaiah",
    "Jeremiah",
    "Matthew",
    "Mark",
    "Luke",
    "John",
    "Acts",
    "Romans",
    "Corinthians",
    "Galatians",
    "Ephesians",
    "Philippians",
    "Hebrews",
    "James",
    "Revelation",
];

/// Ordinals of a numbered book ("1 Cor." → "First Corinthians").
const BOOK_ORDINALS: [&str; 3] = ["First", "Second", "Third"];

/// "13:4", "1:1–3", "3:16-18": chapter, first verse, last verse, as said.
fn reference(core: &str) -> Option<String> {
    let (chapter, verses) = core.split_once(':')?;
    let (first, last) = match verses.split_once(['-', '–']) {
        Some((a, b)) => (a, Some(b)),
        None => (verses, None),
    };
    let number = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (chapter, first) = (number(chapter)?, number(first)?);
    let mut said = format!("{} {}", cardinal(chapter), cardinal(first));
    if let Some(last) = last {
        said.push_str(&format!(" to {}", cardinal(number(last)?)));
    }
    Some(said)
}

/// A Bible reference: an abbreviated book with its period ("Gen.", "1 Cor.") or a book's
/// full name, then chapter and verses. Only with the reference: "Gen. Lee" is a general and
/// "Rev. Smith" a reverend.
pub(super) fn scripture(w: &[Word], i: usize) -> Option<(String, usize)> {
    let (ordinal, book_at) = match w[i].core {
        "1" | "2" | "3" if w[i].trail.is_empty() => {
            let n: usize = w[i].core.parse().ok()?;
            (Some(BOOK_ORDINALS[n - 1]), i + 1)
        }
        _ => (None, i),
    };
    let book = w.get(book_at)?;
    let name = if book.trail == "." {
        BOOKS
            .iter()
            .find(|(short, _)| *short == book.core)
            .map(|(_, name)| *name)?
    } else if book.trail.is_empty() && NAMED_BOOKS.contains(&book.core) {
        book.core
    } else {
        return None;
    };
    let at = w.get(book_at + 1)?;
    if !at.lead.is_empty() {
        return None;
    }
    let said = reference(at.core)?;
    let book_said = match ordinal {
        Some(o) => format!("{o} {name}"),
        None => name.to_string(),
    };
    Some((
        format!("{}{book_said} {said}{}", w[i].lead, at.trail),
        book_at + 2 - i,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::normalize;

    #[test]
    fn bible_references_are_read_as_book_chapter_and_verse() {
        for (written, said) in [
            (
                "Paul writes in 1 Cor. 13:4 that",
                "Paul writes in First Corinthians thirteen four that",
            ),
            (
                "Read Gen. 1:1–3 aloud.",
                "Read Genesis one one to three aloud.",
            ),
            ("as in Rev. 21:4.", "as in Revelation twenty-one four."),
            ("John 3:16 says", "John three sixteen says"),
            ("Gen. Lee surrendered.", "General Lee surrendered."),
            ("Rev. Smith preached.", "Reverend Smith preached."),
        ] {
            assert_eq!(normalize(written), said, "{written}");
        }
    }
}
