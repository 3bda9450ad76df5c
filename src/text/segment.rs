//! Rule-based sentence segmentation for narration.
//!
//! The speech engine is fed one sentence at a time, so a false split puts an
//! audible pause inside a name ("Dr. | Smith") while a missed split only makes
//! one sentence a little long. The rules therefore lean towards *not*
//! splitting whenever a period could belong to an abbreviation.
//!
//! Sentences end at whitespace, before a bullet glyph, or after a script's own
//! sentence mark ([`SCRIPT_STOPS`]: `。！？` in Chinese and Japanese, `؟` and `۔`
//! in Arabic script, `।` in Devanagari, `։` in Armenian…), which needs no space
//! after it: Chinese and Japanese put none. Periods inside a token (decimals,
//! versions, URLs, e-mail addresses, "U.S.") never cause a split, except an
//! ASCII `.`, `!` or `?` between two Chinese or Japanese characters, where it
//! stands for the full-width mark. A script mark that closes a quotation
//! ("「はい。」と言った") ends the sentence only when another quotation or the
//! end of the word follows, since the sentence goes on after the quote. In Greek
//! a `;` is the question mark, and in Armenian a `:` is often typed for `։`.
//! After a period, a word in a script without capitals (Arabic, Hebrew,
//! Devanagari, Chinese…) can start a sentence.
//!
//! Abbreviations come in three kinds. Titles and leads such as "Dr.", "vs.",
//! "approx." and "cf." never end a sentence. Those that introduce a number
//! ("p.", "pp.", "fig.", "Vol.", "ch.", "sec.", "eq.", "No.", "est.", "c.") end
//! one only when no number follows: "see fig. 3" runs on, "fills 40 pp. Nobody
//! read it" splits. Ambiguous ones ("etc.", "Inc.", "St.", "ed.", "U.S." ...)
//! end a sentence only when the next word is one of `SENTENCE_STARTERS`: "the
//! U.S. The next day" splits, "the U.S. Senate" does not. Street types after a
//! street's name ("Fifth Ave.", "Mill Rd.") end one before any capital but the
//! rest of an address ("Ave. NW", "Rd. Suite 4"). Clock times ("p.m.")
//! split before any capital unless a time zone, weekday or month follows ("8
//! p.m. Friday") or the time opens the sentence ("At 6 a.m. Mr. Jensen ...").
//!
//! Inline numbered lists ("1) Buy milk 2) Pay rent") split before each next
//! marker, terminator or not; bulleted lists run into one paragraph ("• Eggs
//! • Milk") split before each bullet, and the bullets are left out of the
//! sentences. A citation after a terminator ("It rose.” (Ruiz 2019) Then ...")
//! stays with the sentence it supports, and an omission mark ("[…]") never
//! ends a sentence.
//!
//! The rules are measured against `tests/data/segmentation.tsv`, a table of
//! cases modelled on the categories of pragmatic_segmenter's English "Golden
//! Rules"; on it they beat the `srx` (LanguageTool rules) and `sentencex`
//! crates (see README.md).

use super::word_spans;

/// Trailing characters that close a quotation or bracket; they stay with the
/// sentence they close, so they are looked through when finding the terminator.
const CLOSERS: &[char] = &[
    '"', '”', '’', '\'', ')', ']', '}', '»', '」', '』', '）', '】', '〉', '》', '］', '〕', '〗',
];

/// Leading characters that may open a sentence before its first letter.
const OPENERS: &[char] = &[
    '"', '“', '‘', '\'', '(', '[', '{', '«', '「', '『', '（', '【', '〈', '《', '［', '〔', '〖',
    // German and Czech quotations open low („…“; a fresh tester's German page ran two
    // sentences together).
    '„', '‚',
];

/// Sentence marks of scripts other than Latin that always end a sentence, with or
/// without a space after them: the ideographic and full-width stops, exclamation
/// and question marks of Chinese and Japanese (and the half-width stop), the Urdu
/// full stop and the Arabic question mark, the Devanagari danda and double danda,
/// the Armenian full stop, the Ethiopic full stop and question mark, the Burmese
/// and Khmer full stops. None of them is used inside numbers, abbreviations or
/// addresses, except the full-width stop between full-width digits.
pub const SCRIPT_STOPS: &[char] = &[
    '。', '．', '｡', '！', '？', '۔', '؟', '।', '॥', '։', '።', '፧', '။', '។',
];

/// Abbreviations that precede a name, a number or a date and so never end a
/// sentence. Matched case-sensitively, so that "sat." or "no." as ordinary
/// words are not mistaken for them.
#[rustfmt::skip] // one group a line, each under its comment
const NEVER_FINAL: &[&str] = &[
    // Titles and ranks ("Sec." is the Secretary; lowercase "sec." is a section or seconds).
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Col", "Capt", "Lt", "Sgt", "Cpl", "Maj",
    "Adm", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Messrs",
    "Mme", "Mlle", "Mt", "Ft", "Sec",
    // "Revd." is the British Reverend, "Rt." the Right of British styles ("the Rt. Hon. Jane
    // Smith", "the Rt. Revd. Alan Cole"); they always lead into a name or another title.
    "Revd", "Rt",
    // Names of bodies and ranks as US newspapers shorten them ("the Natl. Weather Service",
    // "Atty. Gen. Lee", "Brig. Gen. Ray", "Fr. O'Brien", "a.k.a. The Boss"; found by a fresh
    // tester, each split the sentence).
    "Natl", "Intl", "Amer", "Atty", "Asst", "Assoc", "Brig", "Pvt", "Fr", "Secy", "a.k.a",
    "A.K.A",
    // "Exec. Order 14110" (found by a fresh tester).
    "Exec",
    // Latin and editorial: they lead into what they qualify ("approx. 4 hours", "cf. Ortega"),
    // so even a capital or a number after them continues the sentence.
    "vs", "v", "e.g", "E.g", "i.e", "I.e", "cf", "Cf", "viz", "approx", "Approx", "ca", "Ca",
    "incl", "esp",
    // Weekdays ("Sat." and "Sun." are ambiguous, see below).
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
];

/// Abbreviations that introduce a number ("p. 42", "fig. 3", "Vol. II", "No. 5",
/// "est. 1874", "c. 1850") but can also close a sentence after one ("The
/// appendix fills 40 pp.", "The lap took 58 sec.") or be an ordinary word ("No.",
/// "a ripe fig."). They end a sentence only when no number follows (see
/// [`starts_with_number`]). Both cases are listed where the abbreviation may open
/// a sentence; "P." and "C." are left to the initials.
#[rustfmt::skip] // one group a line, each under its comment
const NUMBER_ABBREVIATIONS: &[&str] = &[
    // Pages, figures, volumes, chapters, sections, equations, paragraphs, parts.
    "p", "pp", "Pp", "fig", "Fig", "figs", "Figs", "vol", "Vol", "vols", "Vols", "ch", "Ch",
    "chap", "Chap", "sec", "secs", "sect", "Sect", "eq", "Eq", "eqs", "Eqs", "para", "Para",
    "paras", "pt", "Pt", "pts", "col", "cols", "ex", "Ex", "ref", "Ref", "refs", "Art", "Arts",
    // "The treaty's art. 5" (found by a fresh tester).
    "art", "arts",
    // Numbers, dates of founding, circa.
    "no", "No", "nos", "Nos", "est", "Est", "c",
    // A shop's regular price ("(reg. $1,799)", found by a tester in the dev set's true text).
    "reg", "Reg",
    // Telephone extensions ("call 555-0148 ext. 204") and numbers ("tel. 01632 960123",
    // "mob. 07700 900123", "fax. 020 7946 0000").
    "ext", "Ext", "tel", "Tel", "mob", "Mob", "fax", "Fax",
    // Parts of a building in an address ("Apt. 4B", "Ste. 200", "Bldg. 5", "Rm. 101"; "Apt."
    // split a sentence in the dev set's true texts, found by a fresh tester).
    "Apt", "apt", "Ste", "Bldg", "bldg", "Rm",
    // Tables, a population, a length in feet, rupees ("Tab. 2", "pop. 450", "5 ft. 9 in.",
    // "Rs. 2.5 lakh"; found by a fresh tester).
    "tab", "Tab", "pop", "Pop", "ft", "Rs",
    // A life's dates ("fl. 1200s", "(b. 1950)", "(d. 1799)"; found by a fresh tester).
    "fl", "b", "d",
    // A work's opus number, a road ("Op. 9 No. 2", "Rte. 1"; found by a fresh tester). Books
    // of the Bible before a chapter and verse ("1 Cor. 13:4") are read the same way, from the
    // speech stage's table (`speech::en::is_book_abbreviation`).
    "Op", "Rte",
    // A statute's section and schedule ("s. 14", "ss. 3-5", "Sch. 2"; found by a fresh tester).
    "s", "ss", "Sch",
    // A book's plate, a highway ("See Pl. 12", "Hwy. 9"; found by a fresh tester).
    "Pl", "Hwy",
];

/// Abbreviations that are just as likely to close a sentence as to continue
/// one ("Acme Inc. The firm ..." vs "Acme Inc. Chief Executive ..."). "St."
/// is here rather than with the titles because it is also "Street" ("lives on
/// Elm St. The house ..."), "ed." because an edition closes a reference ("the
/// 2nd ed. The first ...") while an editor leads into a name, and months
/// because a date can end a sentence ("opens in Sept. It runs ...") though it
/// usually runs on ("Jan. 5").
#[rustfmt::skip] // one group a line, each under its comment
const SOMETIMES_FINAL: &[&str] = &[
    "etc", "Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "Sr", "Esq", "al", "ed", "eds",
    "St", "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Govt",
    // Weekdays ("Open Wed., Thurs. and Fri. evenings", "Mon.-Fri. 9-5": "Fri." split the
    // opening hours from their times; found by a fresh tester). "Sat" and "Sun" are words too.
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // A US court of appeals ("the 9th Cir. held"; it also closes a citation).
    "Cir",
    // Months ("May" needs no period).
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Street types that close an address, and with it often a sentence ("Meet me on Fifth Ave.
/// Bring a coat."). After a street's name (a capitalised word or an ordinal: "Fifth Ave.",
/// "5th Ave.", "Mill Rd.") they end a sentence before any capitalised word except the rest of
/// an address ([`ADDRESS_RUN_ONS`], a word in capitals such as "NW", a number): a street type
/// never leads into a name, as "St." (also Saint) and "Dr." (also Doctor) do, and those are
/// left out.
const STREET_TYPES: &[&str] = &["Ave", "Blvd", "Rd"];

/// Capitalised words that go on with an address after its street type: compass points
/// ("1600 Pennsylvania Ave. Northwest") and the parts of a building ("12 Mill Rd. Suite 4").
#[rustfmt::skip] // one group a line, each under its comment
const ADDRESS_RUN_ONS: &[&str] = &[
    "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest",
    "Suite", "Ste", "Apt", "Unit", "Floor", "Fl", "Building", "Bldg", "Room",
];

/// Clock-time markers. Unlike other dotted abbreviations they end a sentence
/// before any capitalised word ("shuts at 9 P.M. Mrs. Lee locks up"), since
/// a time rarely runs into a name, except in the cases that
/// [`time_runs_on`] recognises.
const TIME_MARKERS: &[&str] = &["a.m", "p.m", "A.M", "P.M"];

/// Capitalised words that follow a clock time as part of the same phrase:
/// time zones ("10 a.m. Eastern time", "4 p.m. ET") and the day or date of the
/// time, which news style writes in that order ("8 p.m. Friday", "7 p.m. Oct.
/// 12"; AP Stylebook, "time element"). Anything else capitalised after a time
/// starts a new sentence: a title ("7 A.M. Dr. Ortiz stayed"), a pronoun, a
/// determiner, a name. "Today", "Tonight" and "Tomorrow" are not here: written
/// mid-sentence they are lower-case, so a capital one starts a sentence.
#[rustfmt::skip] // one group a line, each under its comment
const TIME_RUN_ONS: &[&str] = &[
    // Time zones.
    "Eastern", "Central", "Mountain", "Pacific", "Atlantic", "Local", "GMT", "UTC", "BST", "CET",
    "CEST", "EET", "WET", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "CT",
    "MT", "PT", "HST", "AKST", "AEST", "AEDT", "IST", "JST",
    // Weekdays, also abbreviated.
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // Months, also abbreviated.
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
];

/// Words that make up a fronted time phrase ("At 6 a.m.", "Early on Monday
/// by 8 a.m."), after which the sentence's subject follows, so a capital
/// there ("At 6 a.m. Mr. Jensen ...") is a name, not a new sentence.
const TIME_LEAD_INS: &[&str] = &[
    "at",
    "by",
    "around",
    "about",
    "before",
    "after",
    "until",
    "till",
    "from",
    "since",
    "on",
    "in",
    "the",
    "and",
    "or",
    "early",
    "late",
    "each",
    "every",
    "this",
    "that",
    "next",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "today",
    "tomorrow",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words that frequently begin a sentence but rarely continue a proper noun.
/// Used to decide whether an ambiguous abbreviation really ended a sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "Afterwards",
    "All",
    "Also",
    "Although",
    "An",
    "Analysts",
    "And",
    "Another",
    "Any",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "Do",
    "Does",
    "Dozens",
    "During",
    "Each",
    "Earlier",
    "Eight",
    "Eleven",
    "Even",
    "Every",
    "Everyone",
    "Few",
    "Fifty",
    "Five",
    "For",
    "Forty",
    "Four",
    "From",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "Hundreds",
    "I",
    "If",
    "In",
    "Instead",
    "Investors",
    "Is",
    "It",
    "Its",
    "Last",
    "Later",
    "Let",
    "Like",
    "Many",
    "Meanwhile",
    "Millions",
    "More",
    "Most",
    "Must",
    "My",
    "Neither",
    "Nevertheless",
    "Next",
    "Nine",
    "No",
    "Nobody",
    "None",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Our",
    "Please",
    "Profits",
    "Recently",
    "Revenue",
    "Sales",
    "Seven",
    "Several",
    "Shares",
    "She",
    "Should",
    "Since",
    "Six",
    "So",
    "Some",
    "Soon",
    "Still",
    "Such",
    "Ten",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "Thirty",
    "This",
    "Those",
    "Though",
    "Thousands",
    "Three",
    "Thus",
    "To",
    "Today",
    "Tomorrow",
    "Too",
    "Twelve",
    "Twenty",
    "Two",
    "Under",
    "Unlike",
    "Until",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "Will",
    "With",
    "Would",
    "Yesterday",
    "Yet",
    "You",
    "Your",
];

/// Glyphs that mark a list item wherever they stand as a word of their own or
/// open one ("• Eggs", "•Eggs"): they have no other use in prose.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '►', '▸', '▹', '▶', '◆', '◇', '❖', '➢', '➤', '⁃',
    '∙', '✓', '✔', '☐', '☑',
];

/// Glyphs that mark list items only in a paragraph that opens with one of them
/// ("- Eggs - Milk", "– 1. Cut – 2. Glue"), and then only the glyph it opens
/// with: elsewhere they are dashes, a middle dot or a times sign in prose
/// ("The road was closed - nobody knew why").
const PROSE_BULLETS: &[&str] = &["-", "–", "*", "·"];

/// Most words a parenthetical citation spans: "(Okafor, Ruiz and Lee 2021, p. 4)".
const CITATION_MAX_WORDS: usize = 8;

/// Splits a cleaned paragraph (single line of text, whitespace already normalized) into sentences, as written, each trimmed.
///
/// Empty or whitespace-only input yields no sentences; text without any
/// terminator is returned as a single sentence. A bulleted list run into one
/// paragraph ("• 4. Preheat the oven • 5. Mix the flour") gives one sentence or
/// more per item, and the bullet glyphs that only mark items (see [`BULLETS`]
/// and [`PROSE_BULLETS`]) are left out of the sentences: they are typography,
/// not words, and espeak-ng reads some of them aloud ("▪" as "black small
/// square"). Every other character of the paragraph is kept.
pub fn sentences(paragraph: &str) -> Vec<String> {
    let spans =
        split_after_script_stops(paragraph, detach_bullets(paragraph, word_spans(paragraph)));
    let words: Vec<&str> = spans.iter().map(|&(s, e)| &paragraph[s..e]).collect();
    let bullets = item_bullets(&words);
    let mut result = Vec::new();
    let mut first = 0;
    // While the current sentence is an item of an inline list ("1) Buy milk
    // 2) Pay rent"), the marker its successor would carry: items often have
    // no terminator, so the marker alone is the evidence of a new sentence.
    let mut next_item = None;
    for i in 0..words.len() {
        if bullets[i] {
            first = i + 1;
            continue;
        }
        if i == first {
            next_item = list_marker(words[i]).and_then(ListMarker::successor);
        }
        let ends_here = match words.get(i + 1) {
            Some(&next) => {
                bullets[i + 1]
                    || (next_item.is_some() && list_marker(next) == next_item)
                    || ends_sentence(&words[first..=i], &words[i + 1..])
            }
            None => true,
        };
        if ends_here {
            result.push(paragraph[spans[first].0..spans[i].1].to_string());
            first = i + 1;
        }
    }
    result
}

/// Splits every word after a script's sentence mark that more of the word follows
/// ("下雨了。我们留下。" → "下雨了。", "我们留下。"), as described in the module docs,
/// so that each piece can end a sentence like a word followed by a space.
fn split_after_script_stops(paragraph: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let word = &paragraph[start..end];
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut from = 0;
        let mut i = 0;
        while i < chars.len() {
            if !is_stop_at(&chars, i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() && (is_stop_at(&chars, j) || matches!(chars[j].1, '!' | '?')) {
                j += 1;
            }
            let closed = j < chars.len() && CLOSERS.contains(&chars[j].1);
            while j < chars.len() && CLOSERS.contains(&chars[j].1) {
                j += 1;
            }
            if j < chars.len() && (!closed || OPENERS.contains(&chars[j].1)) {
                let cut = start + chars[j].0;
                out.push((start + from, cut));
                from = chars[j].0;
            }
            i = j;
        }
        out.push((start + from, end));
    }
    out
}

/// Whether the character at `i` of a word's characters is a sentence mark that
/// ends a sentence even inside the word: one of [`SCRIPT_STOPS`] (the full-width
/// stop not between digits), or an ASCII `.`, `!` or `?` between two Chinese or
/// Japanese characters.
fn is_stop_at(chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(i + 1).map(|&(_, n)| n);
    match c {
        '．' => !(prev.is_some_and(|p| p.is_numeric()) && next.is_some_and(|n| n.is_numeric())),
        '.' | '!' | '?' => prev.is_some_and(is_ideographic) && next.is_some_and(is_ideographic),
        _ => SCRIPT_STOPS.contains(&c),
    }
}

/// Han ideographs and kana: the scripts written without spaces between words or
/// sentences.
fn is_ideographic(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Whether `c` is a letter of the Greek script.
fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x0370..=0x03FF | 0x1F00..=0x1FFF) && c.is_alphabetic()
}

/// Whether `c` is a letter of the Armenian script.
fn is_armenian(c: char) -> bool {
    matches!(c as u32, 0x0531..=0x058F) && c.is_alphabetic()
}

/// Splits the bullet glyphs off the word they open ("•Eggs" → "•", "Eggs"), so
/// that they can be told apart and left out like free-standing ones.
fn detach_bullets(paragraph: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let word = &paragraph[start..end];
        match word.find(|c: char| !BULLETS.contains(&c)) {
            Some(split) if split > 0 => {
                out.push((start, start + split));
                out.push((start + split, end));
            }
            _ => out.push((start, end)),
        }
    }
    out
}

/// Which words only mark a list item: glyphs of [`BULLETS`] standing alone
/// anywhere, and in a paragraph that opens with a glyph of [`PROSE_BULLETS`],
/// every lone occurrence of that same glyph.
fn item_bullets(words: &[&str]) -> Vec<bool> {
    let opening = words.first().filter(|w| PROSE_BULLETS.contains(w)).copied();
    words
        .iter()
        .map(|&w| w.chars().all(|c| BULLETS.contains(&c)) || Some(w) == opening)
        .collect()
}

/// Whether a sentence ends after its last word. `sentence` holds the words so
/// far: a list marker ("1.") opens it, and a fronted time phrase ("At 6
/// a.m.") is recognised from it. `rest` holds the words after it (at least
/// one), so that a citation after a terminator ("It rose.” (Ruiz 2019) Then
/// ...") is kept with the sentence it supports: no split before it, a split
/// after it when a sentence follows.
fn ends_sentence(sentence: &[&str], rest: &[&str]) -> bool {
    let Some(&next) = rest.first() else {
        return true;
    };
    if let Some(open) = citation_opening(sentence) {
        return starts_sentence(next) && ends_at_terminator(&sentence[..open], sentence[open]);
    }
    if let Some((glued, before)) = glued_reference(sentence) {
        let mut words = sentence[..glued].to_vec();
        words.push(before);
        return ends_at_terminator(&words, next);
    }
    citation_len(rest).is_none() && ends_at_terminator(sentence, next)
}

/// Reference numbers glued to the end of a word ("1953.[4]", "rose.”[4, 7]"):
/// the index of that word and the word before its "[", so the terminator
/// before the numbers is seen.
fn glued_reference<'a>(sentence: &[&'a str]) -> Option<(usize, &'a str)> {
    if !sentence.last()?.ends_with(']') {
        return None;
    }
    let lowest = sentence.len().saturating_sub(CITATION_MAX_WORDS);
    let glued = (lowest..sentence.len())
        .rev()
        .find(|&j| sentence[j].contains('['))?;
    let (before, first_numbers) = sentence[glued].rsplit_once('[')?;
    let numbers = std::iter::once(first_numbers)
        .chain(sentence[glued + 1..].iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let numbers = numbers.strip_suffix(']')?;
    (!before.is_empty() && is_reference_numbers(numbers)).then_some((glued, before))
}

/// Where the citation that the last word of `sentence` closes opens, when a
/// word before it ends a sentence: "It rose.” (Ruiz 2019)" gives the index of
/// "(Ruiz".
fn citation_opening(sentence: &[&str]) -> Option<usize> {
    let last = sentence.last()?;
    let opener = if last.ends_with(')') {
        '('
    } else if last.ends_with(']') {
        '['
    } else {
        return None;
    };
    let lowest = sentence.len().saturating_sub(CITATION_MAX_WORDS);
    let open = (lowest..sentence.len())
        .rev()
        .find(|&j| sentence[j].starts_with(opener))?;
    (open > 0 && citation_len(&sentence[open..]) == Some(sentence.len() - open)).then_some(open)
}

/// How many words the citation that `words` opens spans, if they open one: a
/// bracket of at most [`CITATION_MAX_WORDS`] words that starts with a capital
/// or a digit, holds a year ("(Ruiz 2019)", "(Okafor et al., 2021, p. 4)",
/// "(2019a)") or only reference numbers ("[12]", "[3, 7–9]"), and does not end
/// with a terminator of its own ("(It took effect in 2019.)" is a sentence).
fn citation_len(words: &[&str]) -> Option<usize> {
    let first = words.first()?;
    let close = if first.starts_with('(') {
        ')'
    } else if first.starts_with('[') {
        ']'
    } else {
        return None;
    };
    let end = words
        .iter()
        .take(CITATION_MAX_WORDS)
        .position(|w| w.trim_end_matches(['.', ',', ';', ':']).ends_with(close))?;
    let text = words[..=end].join(" ");
    let inner = text[1..]
        .trim_end_matches(['.', ',', ';', ':'])
        .strip_suffix(close)?;
    let opens_well = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let closes_well = !inner.ends_with(['.', '!', '?', '…']);
    let numbers_only = close == ']' && is_reference_numbers(inner);
    let has_year = inner
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .any(is_year);
    (opens_well && closes_well && (numbers_only || has_year)).then_some(end + 1)
}

/// Reference numbers as a bracket holds them: "12", "3, 7", "4–6".
fn is_reference_numbers(inner: &str) -> bool {
    inner.starts_with(|c: char| c.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'))
}

/// A year as citations write it: four digits from 1000 to 2099, optionally
/// with a letter telling apart works of one year ("2019a").
fn is_year(token: &str) -> bool {
    let digits = token
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(token);
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(digits.as_bytes()[0], b'1' | b'2')
        && digits < "2100"
}

/// Whether `word` ends a sentence by its own punctuation, given the word that
/// follows it.
fn ends_at_terminator(sentence: &[&str], next: &str) -> bool {
    let Some(&word) = sentence.last() else {
        return false;
    };
    if sentence.len() == 1 && list_marker(word).is_some() {
        return false;
    }
    // An omission mark ("[…]", "(...)") stands for words left out of a quotation;
    // whatever it hides, the quotation goes on.
    if is_omission_mark(word) {
        return false;
    }
    let core = word.trim_end_matches(CLOSERS);
    if core.ends_with(SCRIPT_STOPS) {
        return true;
    }
    if core.ends_with('!') || core.ends_with('?') {
        return starts_sentence(next);
    }
    // The Greek question mark (";", or U+037E, which Unicode maps to it) and the
    // Armenian full stop typed as a colon, after a letter of their script.
    if let Some(stem) = core
        .strip_suffix([';', '\u{037E}'])
        .filter(|stem| stem.chars().next_back().is_some_and(is_greek))
        .or_else(|| {
            core.strip_suffix(':')
                .filter(|stem| stem.chars().next_back().is_some_and(is_armenian))
        })
    {
        return !stem.is_empty() && starts_sentence(next);
    }
    // An ellipsis is as often a pause as an ending, so only a capital letter
    // (not a digit or a bracket) is taken as evidence of a new sentence.
    if core.ends_with('…') || core.ends_with("...") {
        return is_capitalized(next);
    }
    match core.strip_suffix('.') {
        Some(stem) => period_ends_sentence(stem.trim_start_matches(OPENERS), next, sentence),
        None => false,
    }
}

/// An ellipsis in brackets, the mark of words left out of a quotation: "[…]",
/// "[...]", "(…)", also with a comma or semicolon after it.
fn is_omission_mark(word: &str) -> bool {
    let word = word.trim_end_matches([',', ';', ':']);
    let inner = word
        .strip_prefix('[')
        .and_then(|w| w.strip_suffix(']'))
        .or_else(|| word.strip_prefix('(').and_then(|w| w.strip_suffix(')')));
    inner.is_some_and(|i| i == "…" || (i.len() >= 3 && i.bytes().all(|b| b == b'.')))
}

/// Decides a single period, where `stem` is the word before it and
/// `sentence` the words so far (ending with the one holding the period).
fn period_ends_sentence(stem: &str, next: &str, sentence: &[&str]) -> bool {
    if !starts_sentence(next) {
        return false;
    }
    if NEVER_FINAL.contains(&stem) {
        return false;
    }
    // "Drake ft. Rihanna", "(feat. Kendrick Lamar)": a song's guest before a name, after a
    // name or a bracket (found by a fresh tester: the sentence was split). "6 ft. Tall" is
    // a height, "quite a feat. The" a noun.
    if matches!(stem, "ft" | "feat") && !is_common_starter(next) {
        let holder = sentence.last().copied().unwrap_or("");
        let prev = sentence.len().checked_sub(2).map(|k| sentence[k]);
        let after_name = prev.is_some_and(|p| {
            p.trim_start_matches(OPENERS)
                .starts_with(|c: char| c.is_uppercase())
        });
        // "The remix, feat. Beyoncé, was…": after a comma too (found by a fresh tester).
        let after_comma = prev.is_some_and(|p| p.ends_with(','));
        if holder.starts_with('(') || after_name || after_comma {
            return false;
        }
    }
    if NUMBER_ABBREVIATIONS.contains(&stem) || super::speech::en::is_book_abbreviation(stem) {
        return !starts_with_number(next);
    }
    if TIME_MARKERS.contains(&stem) {
        return !time_runs_on(sentence, next);
    }
    // "I" is far more often the pronoun closing a sentence than an initial.
    if stem == "I" {
        return is_common_starter(next);
    }
    if is_initial(stem) {
        return false;
    }
    if STREET_TYPES.contains(&stem) && after_street_name(sentence) {
        return !continues_address(next);
    }
    // "Mon.-Fri.": a range of abbreviations ends as its last one does.
    let last = stem.rsplit(['-', '\u{2013}']).next().unwrap_or(stem);
    if SOMETIMES_FINAL.contains(&stem) || SOMETIMES_FINAL.contains(&last) || is_dotted_acronym(stem)
    {
        return is_common_starter(next);
    }
    true
}

/// Whether the word before the street type at the end of `sentence` names a street: a
/// capitalised word ("Fifth", "Mill") or an ordinal ("5th", "42nd").
fn after_street_name(sentence: &[&str]) -> bool {
    let Some(name) = sentence.len().checked_sub(2).map(|k| sentence[k]) else {
        return false;
    };
    let ordinal = name.starts_with(|c: char| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].iter().any(|s| name.ends_with(s));
    ordinal || (is_capitalized(name) && name.chars().all(char::is_alphabetic))
}

/// Whether `next` goes on with an address after a street type: one of [`ADDRESS_RUN_ONS`], a
/// word in capitals ("NW", "N.W.", not "I"), or a number (a postcode).
fn continues_address(next: &str) -> bool {
    let word = next
        .trim_start_matches(OPENERS)
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    ADDRESS_RUN_ONS.contains(&word)
        || word.starts_with(|c: char| c.is_ascii_digit())
        || (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()))
}

/// Whether the sentence goes on after a clock time ("a.m."/"p.m."): before a
/// time zone, a weekday or a month (see [`TIME_RUN_ONS`]), or when everything
/// before the time is a fronted phrase ("By 8 a.m. Dr. Osei was in surgery"),
/// whose subject is still to come.
fn time_runs_on(sentence: &[&str], next: &str) -> bool {
    let next_letters = next
        .trim_start_matches(OPENERS)
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    if TIME_RUN_ONS.contains(&next_letters) {
        return true;
    }
    // The last two words are the time itself ("6", "a.m.").
    let lead = &sentence[..sentence.len().saturating_sub(2)];
    lead.iter().all(|w| {
        let w = w.trim_end_matches(',').to_lowercase();
        TIME_LEAD_INS.contains(&w.as_str())
    })
}

/// A word that can begin a sentence: capitalised, a number, a currency
/// amount, a word in a script without capitals (Arabic, Hebrew, Devanagari,
/// Chinese…), or anything behind an opening quote/bracket that is not lowercase.
fn starts_sentence(word: &str) -> bool {
    let rest = word.trim_start_matches(OPENERS);
    let opened = rest.len() < word.len();
    match rest.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_numeric()
                || (c.is_alphabetic() && !c.is_lowercase())
                || super::CURRENCY_SIGNS.contains(&c)
                || (opened && !c.is_lowercase())
        }
        None => opened,
    }
}

/// Whether the first letter, behind any opening quote or bracket, is a capital.
fn is_capitalized(word: &str) -> bool {
    word.trim_start_matches(OPENERS)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether `word` is one of [`SENTENCE_STARTERS`], ignoring surrounding
/// punctuation and contractions ("It's", "However,"). A starter followed by a
/// period ("A. A. Milne") is an initial, not a sentence start.
fn is_common_starter(word: &str) -> bool {
    let rest = word.trim_start_matches(OPENERS);
    let letters_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let (letters, after) = rest.split_at(letters_end);
    !after.starts_with('.') && SENTENCE_STARTERS.contains(&letters)
}

/// How a list item is numbered: the same style and sequence must continue
/// for a marker to count as the next item.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MarkerStyle {
    /// "1." or "a."
    Dot,
    /// "1)" or "a)"
    Paren,
    /// "1.)" or "a.)"
    DotParen,
    /// "(1)" or "(a)"
    Enclosed,
}

/// A list item marker such as "2)" or "(b)"; letters count from 0 and are
/// kept apart from numbers by `letter`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct ListMarker {
    style: MarkerStyle,
    letter: bool,
    index: u32,
}

impl ListMarker {
    /// The marker of the following item, if there can be one ("z." has none).
    fn successor(self) -> Option<ListMarker> {
        let index = self.index + 1;
        (!self.letter || index < 26).then_some(ListMarker { index, ..self })
    }
}

/// Reads a word as a list item marker: a number of at most three digits or a
/// single lowercase letter, written "1.", "1)", "1.)" or "(1)". A number
/// opening a sentence this way ("1. Preheat the oven") is the item's marker,
/// not a one-word sentence. Capital letters are left out: "A." and "I." are
/// initials or words far more often than list markers.
fn list_marker(word: &str) -> Option<ListMarker> {
    let (style, label) =
        if let Some(inner) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
            (MarkerStyle::Enclosed, inner)
        } else if let Some(label) = word.strip_suffix(".)") {
            (MarkerStyle::DotParen, label)
        } else if let Some(label) = word.strip_suffix(')') {
            (MarkerStyle::Paren, label)
        } else if let Some(label) = word.strip_suffix('.') {
            (MarkerStyle::Dot, label)
        } else {
            return None;
        };
    let bytes = label.as_bytes();
    if (1..=3).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_digit) {
        let index = label.parse().ok()?;
        return Some(ListMarker {
            style,
            letter: false,
            index,
        });
    }
    match bytes {
        [b] if b.is_ascii_lowercase() => Some(ListMarker {
            style,
            letter: true,
            index: u32::from(b - b'a'),
        }),
        _ => None,
    }
}

/// A single capital letter, as in "J. R. R. Tolkien" or "George W. Bush".
fn is_initial(stem: &str) -> bool {
    let mut chars = stem.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Dotted abbreviations such as "U.S", "a.m" or "Ph.D" (final period already
/// removed): short alphabetic pieces joined by periods. A lower-case name whose
/// last piece has two letters is a short web address ("t.co", "x.ai"), not an
/// abbreviation: abbreviations in lower case are single letters ("e.g", "a.m").
fn is_dotted_acronym(stem: &str) -> bool {
    let short_pieces = stem.contains('.')
        && stem.split('.').all(|piece| {
            (1..=2).contains(&piece.chars().count()) && piece.chars().all(char::is_alphabetic)
        });
    let domain = stem.chars().all(|c| c == '.' || c.is_lowercase())
        && stem
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().count() == 2);
    short_pieces && !domain
}

/// Whether a word is a number that an abbreviation such as "p." or "Vol."
/// introduces (see [`NUMBER_ABBREVIATIONS`]): digits ("42", "60-62", "4.2"), a
/// letter and digits ("A3", "S12"), or a Roman numeral of I, V and X ("II",
/// "XIV"), also behind an opening bracket. A lone "I" is taken for the pronoun:
/// "She said no. I left." is far more common than "Vol. I".
fn starts_with_number(word: &str) -> bool {
    let core = word
        .trim_start_matches(OPENERS)
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let mut chars = core.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        // A price: "(reg. $1,799)", "was £20".
        Some(c) if super::CURRENCY_SIGNS.contains(&c) => {
            chars.next().is_some_and(|c| c.is_ascii_digit())
        }
        Some(c) if c.is_ascii_uppercase() => {
            let rest = chars.as_str();
            let letter_and_digits = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
            let roman = core != "I" && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
            letter_and_digits || roman
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(&str, &[&str])]) {
        for (input, expected) in cases {
            assert_eq!(sentences(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn handles_empty_and_unterminated_text() {
        check(&[
            ("", &[]),
            ("   ", &[]),
            ("No terminator here", &["No terminator here"]),
            ("  padded sentence.  ", &["padded sentence."]),
            ("One sentence only.", &["One sentence only."]),
        ]);
    }

    #[test]
    fn splits_at_plain_terminators() {
        check(&[
            ("It rained. We stayed in.", &["It rained.", "We stayed in."]),
            (
                "Is it late? Yes! Go home.",
                &["Is it late?", "Yes!", "Go home."],
            ),
            ("Really?! I had no idea.", &["Really?!", "I had no idea."]),
            ("Stop!!! Please stop.", &["Stop!!!", "Please stop."]),
            (
                "He was born in 1990. 20 years later he left.",
                &["He was born in 1990.", "20 years later he left."],
            ),
            (
                "It cost a lot. $5 was the price.",
                &["It cost a lot.", "$5 was the price."],
            ),
            (
                "Überall war Schnee. Éric lachte.",
                &["Überall war Schnee.", "Éric lachte."],
            ),
        ]);
    }

    #[test]
    fn keeps_lowercase_continuations() {
        check(&[
            (
                "“Why?” she asked. He shrugged.",
                &["“Why?” she asked.", "He shrugged."],
            ),
            (
                "The value is approx. five units.",
                &["The value is approx. five units."],
            ),
            (
                "It ended. and then nothing.",
                &["It ended. and then nothing."],
            ),
        ]);
    }

    #[test]
    fn keeps_closing_quotes_and_brackets_with_sentence() {
        check(&[
            (
                "He said “Go.” Then he left.",
                &["He said “Go.”", "Then he left."],
            ),
            (
                "She wrote \"Done.\" Then she slept.",
                &["She wrote \"Done.\"", "Then she slept."],
            ),
            (
                "(This is an aside.) The story goes on.",
                &["(This is an aside.)", "The story goes on."],
            ),
            (
                "He asked ‘Why?’ Nobody knew.",
                &["He asked ‘Why?’", "Nobody knew."],
            ),
            (
                "It ended [see note.] Next came more.",
                &["It ended [see note.]", "Next came more."],
            ),
        ]);
    }

    #[test]
    fn splits_before_opening_quotes_and_brackets() {
        check(&[
            (
                "He paused. “Are you sure?” she said.",
                &["He paused.", "“Are you sure?” she said."],
            ),
            (
                "It was over. (Or so we thought.)",
                &["It was over.", "(Or so we thought.)"],
            ),
        ]);
    }

    #[test]
    fn keeps_titles_with_names() {
        check(&[
            ("Mr. Smith met Dr. Jones.", &["Mr. Smith met Dr. Jones."]),
            (
                "Mrs. Brown and Ms. Green left.",
                &["Mrs. Brown and Ms. Green left."],
            ),
            (
                "Prof. Lee spoke to Gen. Patton.",
                &["Prof. Lee spoke to Gen. Patton."],
            ),
            (
                "We visited St. Paul and Mt. Everest.",
                &["We visited St. Paul and Mt. Everest."],
            ),
            (
                "Sen. Warren and Rep. Ocasio-Cortez voted.",
                &["Sen. Warren and Rep. Ocasio-Cortez voted."],
            ),
            (
                "Capt. Kirk called Lt. Uhura. She answered.",
                &["Capt. Kirk called Lt. Uhura.", "She answered."],
            ),
            (
                "It was Dr. The Great Healer.",
                &["It was Dr. The Great Healer."],
            ),
        ]);
    }

    #[test]
    fn keeps_latin_and_reference_abbreviations() {
        check(&[
            (
                "Fruit, e.g. Apples, is good.",
                &["Fruit, e.g. Apples, is good."],
            ),
            (
                "One option, i.e. The first, won.",
                &["One option, i.e. The first, won."],
            ),
            ("It was Ali vs. Frazier.", &["It was Ali vs. Frazier."]),
            ("See Fig. 3 for details.", &["See Fig. 3 for details."]),
            (
                "He lives at No. 10 Downing Street.",
                &["He lives at No. 10 Downing Street."],
            ),
            (
                "She said no. Then she left.",
                &["She said no.", "Then she left."],
            ),
            (
                "He thought about it. No. That was wrong.",
                &["He thought about it.", "No.", "That was wrong."],
            ),
            (
                "It opened on Jan. 5 and closed Sept. 30.",
                &["It opened on Jan. 5 and closed Sept. 30."],
            ),
            (
                "The case Roe v. Wade was decided.",
                &["The case Roe v. Wade was decided."],
            ),
        ]);
    }

    #[test]
    fn splits_after_ambiguous_abbreviation_before_common_starter() {
        check(&[
            (
                "We bought pens, paper, etc. The bill was high.",
                &["We bought pens, paper, etc.", "The bill was high."],
            ),
            (
                "He joined Acme Inc. It was a start-up.",
                &["He joined Acme Inc.", "It was a start-up."],
            ),
            (
                "She works at Smith & Co. They pay well.",
                &["She works at Smith & Co.", "They pay well."],
            ),
            (
                "Martin Luther King Jr. He changed history.",
                &["Martin Luther King Jr.", "He changed history."],
            ),
            (
                "Apples, pears, etc. and more.",
                &["Apples, pears, etc. and more."],
            ),
        ]);
    }

    #[test]
    fn keeps_ambiguous_abbreviation_before_proper_noun() {
        check(&[
            (
                "Acme Inc. Chief Executive Jane Roe spoke.",
                &["Acme Inc. Chief Executive Jane Roe spoke."],
            ),
            (
                "Widgets Ltd. London office closed.",
                &["Widgets Ltd. London office closed."],
            ),
            (
                "Ford Motor Co. Chairman Bill Ford spoke.",
                &["Ford Motor Co. Chairman Bill Ford spoke."],
            ),
        ]);
    }

    #[test]
    fn keeps_initials_together() {
        check(&[
            (
                "J. R. R. Tolkien wrote it.",
                &["J. R. R. Tolkien wrote it."],
            ),
            ("George W. Bush spoke.", &["George W. Bush spoke."]),
            (
                "A. A. Milne wrote Winnie-the-Pooh.",
                &["A. A. Milne wrote Winnie-the-Pooh."],
            ),
            (
                "She was taller than I. We both knew it.",
                &["She was taller than I.", "We both knew it."],
            ),
        ]);
    }

    #[test]
    fn splits_after_us_at_sentence_end() {
        check(&[
            (
                "He moved to the U.S. The next day he worked.",
                &["He moved to the U.S.", "The next day he worked."],
            ),
            ("The U.S. Senate voted.", &["The U.S. Senate voted."]),
            (
                "Talks with the U.K. and E.U. stalled. Then they resumed.",
                &[
                    "Talks with the U.K. and E.U. stalled.",
                    "Then they resumed.",
                ],
            ),
            (
                "She has a Ph.D. in physics.",
                &["She has a Ph.D. in physics."],
            ),
        ]);
    }

    #[test]
    fn splits_after_am_pm_only_before_common_starter() {
        check(&[
            (
                "We met at 9 a.m. The meeting ran long.",
                &["We met at 9 a.m.", "The meeting ran long."],
            ),
            (
                "We met at 9 a.m. Eastern time.",
                &["We met at 9 a.m. Eastern time."],
            ),
            ("It ends at 5 p.m. today.", &["It ends at 5 p.m. today."]),
        ]);
    }

    #[test]
    fn never_splits_numbers_urls_or_emails() {
        check(&[
            (
                "It costs $1.5 million, up 3.14 percent.",
                &["It costs $1.5 million, up 3.14 percent."],
            ),
            (
                "Install v2.0.1 now. It fixes bugs.",
                &["Install v2.0.1 now.", "It fixes bugs."],
            ),
            (
                "Upgrade to v2.0.1. Then restart.",
                &["Upgrade to v2.0.1.", "Then restart."],
            ),
            (
                "Revenue hit 1.5bn last year.",
                &["Revenue hit 1.5bn last year."],
            ),
            (
                "Visit example.com for more.",
                &["Visit example.com for more."],
            ),
            (
                "Write to jane.doe@example.org today.",
                &["Write to jane.doe@example.org today."],
            ),
            (
                "Go to example.com. It is free.",
                &["Go to example.com.", "It is free."],
            ),
            (
                "See https://example.com/a.b?c=d. Then click.",
                &["See https://example.com/a.b?c=d.", "Then click."],
            ),
        ]);
    }

    #[test]
    fn handles_ellipses() {
        check(&[
            ("I thought... maybe not.", &["I thought... maybe not."]),
            (
                "I waited... Nothing happened.",
                &["I waited...", "Nothing happened."],
            ),
            (
                "I waited… Nothing happened.",
                &["I waited…", "Nothing happened."],
            ),
            ("Wait… what?", &["Wait… what?"]),
            (
                "Count to three... 1, 2, 3.",
                &["Count to three... 1, 2, 3."],
            ),
        ]);
    }

    #[test]
    fn keeps_list_markers_with_their_item() {
        check(&[
            ("1. Preheat the oven.", &["1. Preheat the oven."]),
            (
                "1. Mix the flour. 2. Bake it.",
                &["1. Mix the flour.", "2. Bake it."],
            ),
            (
                "The total was 12. Then it rose.",
                &["The total was 12.", "Then it rose."],
            ),
        ]);
    }

    /// The shared case table, one case a line:
    /// `name<TAB>paragraph<TAB>expected sentence<TAB>...`; `#` starts a comment.
    const CASE_TABLE: &str = include_str!("../../tests/data/segmentation.tsv");

    /// The cases of [`CASE_TABLE`] as (name, paragraph, expected sentences).
    fn case_table() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
        CASE_TABLE
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|line| {
                let mut fields = line.split('\t');
                let name = fields.next().unwrap();
                let paragraph = fields.next().expect("a case needs a paragraph");
                (name, paragraph, fields.collect())
            })
            .collect()
    }

    #[test]
    fn passes_the_case_table() {
        let cases = case_table();
        assert!(cases.len() >= 80, "the table should keep at least 80 cases");
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|(name, paragraph, expected)| {
                let got = sentences(paragraph);
                (got != *expected).then(|| {
                    format!("{name}: {paragraph:?}\n  expected {expected:?}\n  got      {got:?}")
                })
            })
            .collect();
        assert!(
            failures.is_empty(),
            "{} of {} cases fail:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    /// Inputs that have broken splitters before: lone punctuation, emoji,
    /// zero-width characters, very long words.
    fn odd_inputs() -> Vec<String> {
        let mut odd: Vec<String> = [
            "",
            ".",
            "...",
            "?!",
            "a.b.c.",
            "“”",
            "“ ”",
            "😀",
            "😀. 😀! 👍🏽? É.",
            "Mr.",
            "Mr. ",
            "U.S.",
            "U.S. ",
            ". . . A",
            "( [ “ ' \"",
            "A. B. C. D.",
            "é. É. ß. Σ.",
            "\u{200b}. \u{200b}",
            "no. 1. 2. 3.",
            "1) 2) 3)",
            "(a) (b) z. a.m. P.M.",
            "at 6 a.m.",
            "a.m. A",
            "•",
            "• •",
            "•• ◦",
            "- - -",
            "* a * b *",
            "·",
            "[…]",
            "(...) .",
            "[ ] ( )",
            "(2019)",
            "x. (2019)",
            "x. (Ab 2019) (Cd 2020) Y",
            "x.[1] [2]",
            "pp. fig. no. I II",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        odd.push("x".repeat(500));
        odd.push(".".repeat(300));
        odd
    }

    /// The words of `text` less the bullets that only mark list items, as the
    /// documentation of [`sentences`] states the rule: glyphs of [`BULLETS`]
    /// standing alone or opening a word, and glyphs of [`PROSE_BULLETS`] equal
    /// to the paragraph's first word.
    fn words_without_item_bullets(text: &str) -> Vec<&str> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let opening = words.first().filter(|w| PROSE_BULLETS.contains(w)).copied();
        words
            .into_iter()
            .filter(|&w| Some(w) != opening)
            .map(|w| w.trim_start_matches(|c| BULLETS.contains(&c)))
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn does_not_panic_on_odd_input() {
        for input in odd_inputs() {
            let result = sentences(&input);
            let rejoined: Vec<&str> = result.iter().flat_map(|s| s.split_whitespace()).collect();
            assert_eq!(
                rejoined,
                words_without_item_bullets(&input),
                "words lost for {input:?}"
            );
            assert!(result.iter().all(|s| !s.is_empty() && s.trim() == s));
        }
    }

    #[test]
    fn ends_sentences_at_a_scripts_own_marks_without_a_space() {
        check(&[
            (
                "山上下雪了。我们明天不去了！你去吗？",
                &["山上下雪了。", "我们明天不去了！", "你去吗？"],
            ),
            (
                "风很大！！真的吗？！是的。",
                &["风很大！！", "真的吗？！", "是的。"],
            ),
            // ASCII marks between Chinese characters stand for the full-width ones.
            ("天气很好!我们走吧?好.", &["天气很好!", "我们走吧?", "好."]),
            (
                "電車が遅れた。駅で待った．",
                &["電車が遅れた。", "駅で待った．"],
            ),
            ("いいね｡行こう｡", &["いいね｡", "行こう｡"]),
            ("我 很 好。 你 呢？", &["我 很 好。", "你 呢？"]),
            ("هل وصلت؟نعم وصلت.", &["هل وصلت؟", "نعم وصلت."]),
            (
                "کل بارش ہوئی۔ آج دھوپ ہے۔",
                &["کل بارش ہوئی۔", "آج دھوپ ہے۔"],
            ),
            (
                "बारिश हुई।हम घर रहे॥ फिर धूप निकली।",
                &["बारिश हुई।", "हम घर रहे॥", "फिर धूप निकली।"],
            ),
            ("Ես եկա։Դու ուշ ես։", &["Ես եկա։", "Դու ուշ ես։"]),
            ("ዝናብ ዘነበ። ቤት ቆየን።", &["ዝናብ ዘነበ።", "ቤት ቆየን።"]),
        ]);
    }

    #[test]
    fn keeps_a_quoted_sentence_with_the_words_after_its_quote() {
        check(&[
            (
                "「もう帰る。」と彼女は言った。「またね。」「うん。」",
                &[
                    "「もう帰る。」と彼女は言った。",
                    "「またね。」",
                    "「うん。」",
                ],
            ),
            (
                "“我们走吧。”他说。“好！”",
                &["“我们走吧。”他说。", "“好！”"],
            ),
        ]);
    }

    #[test]
    fn leaves_full_width_decimals_and_ascii_tokens_whole() {
        check(&[
            ("価格は３．５ドルです。", &["価格は３．５ドルです。"]),
            (
                "See example.com/a?b=1!c. It works.",
                &["See example.com/a?b=1!c.", "It works."],
            ),
            ("Version 3.5!Then", &["Version 3.5!Then"]),
        ]);
    }

    #[test]
    fn starts_sentences_with_words_of_scripts_without_capitals() {
        check(&[
            (
                "وصلنا متأخرين. كان الطريق طويلا.",
                &["وصلنا متأخرين.", "كان الطريق طويلا."],
            ),
            (
                "הגענו מאוחר. הדרך הייתה ארוכה!",
                &["הגענו מאוחר.", "הדרך הייתה ארוכה!"],
            ),
            (
                "We met in Kyoto. 京都は寒かった。",
                &["We met in Kyoto.", "京都は寒かった。"],
            ),
        ]);
    }

    #[test]
    fn reads_the_greek_question_mark_and_the_armenian_colon() {
        check(&[
            ("Πού πας; Στο σπίτι.", &["Πού πας;", "Στο σπίτι."]),
            (
                "Πού πας\u{037E} Στο σπίτι.",
                &["Πού πας\u{037E}", "Στο σπίτι."],
            ),
            // After a Greek word but before a lower-case one, the sentence goes on.
            ("Ήρθε; ίσως αύριο.", &["Ήρθε; ίσως αύριο."]),
            // In English a semicolon and a colon never end a sentence.
            (
                "It rained; Anna stayed. Note: Bring tea.",
                &["It rained; Anna stayed.", "Note: Bring tea."],
            ),
            ("Որտեղ ես: Տանը եմ:", &["Որտեղ ես:", "Տանը եմ:"]),
        ]);
    }

    #[test]
    fn cjk_sentences_concatenate_back_to_the_paragraph() {
        let paragraph = "他说：“明天见。”然后走了。我们等了很久！最后还是回家了？";
        assert_eq!(sentences(paragraph).concat(), paragraph);
    }

    #[test]
    fn rejoined_sentences_give_back_the_normalized_paragraph_less_item_bullets() {
        let inputs = case_table()
            .into_iter()
            .map(|(_, paragraph, _)| paragraph.to_string())
            .chain(odd_inputs());
        for input in inputs {
            let normalized = input.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                sentences(&normalized).join(" "),
                words_without_item_bullets(&normalized).join(" "),
                "input: {input:?}"
            );
        }
    }
}
