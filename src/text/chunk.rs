//! Splitting over-long sentences into chunks the speech engine can take.
//!
//! Chunks are cut where a reader would pause anyway: at clause punctuation
//! first (`;` `:` `—` and dashes, then `,`), and only if a clause is itself
//! too long, between words. Words are never broken, so a chunk may exceed the
//! limit only when it is a single word that is longer than the limit on its own.
//!
//! An em dash counts as a word boundary even without spaces around it
//! ("word—word" may become "word—" and "word"): in narration it is a pause,
//! not part of a word.

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

use super::word_spans;

/// Trailing characters that close a quotation or bracket; clause punctuation
/// is looked for behind them ("“yes,”").
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '}', '»'];

/// Characters that, standing alone between spaces, act as a dash.
const DASHES: &[char] = &['—', '–', '-'];

/// How good a place the end of a unit is to end a chunk; later variants are
/// preferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    /// Between two words of one clause.
    Word,
    /// After a comma.
    Comma,
    /// After `;`, `:` or a dash.
    Clause,
}

/// A piece of the sentence that is never split further: a clause, a wrapped
/// line of a long clause, or a single word.
#[derive(Debug)]
struct Unit {
    text: String,
    chars: usize,
    /// True when the unit followed its predecessor without a space (after an
    /// em dash inside a word), so rejoining must not add one.
    glued: bool,
    boundary: Boundary,
}

impl Unit {
    fn new(text: &str, glued: bool, boundary: Boundary) -> Self {
        let text = text.trim();
        Unit {
            text: text.to_string(),
            chars: text.chars().count(),
            glued,
            boundary,
        }
    }

    /// Characters this unit adds to a chunk that already holds a predecessor.
    fn joined_chars(&self) -> usize {
        self.chars + usize::from(!self.glued)
    }
}

/// Splits one sentence into chunks of at most `max_chars` characters (chars, not bytes), never inside a word.
///
/// A sentence that fits is returned whole. A `max_chars` of 0 is treated as 1.
/// Every chunk is trimmed and non-empty; a chunk is longer than `max_chars`
/// only if it is a single word that does not fit on its own.
pub fn split_sentence(sentence: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(1);
    let sentence = sentence.trim();
    if sentence.is_empty() {
        return Vec::new();
    }
    if sentence.chars().count() <= max_chars {
        return vec![sentence.to_string()];
    }
    let units: Vec<Unit> = clauses(sentence)
        .into_iter()
        .flat_map(|clause| fit_clause(clause, max_chars))
        .collect();
    pack(&units, max_chars)
}

/// Cuts the sentence after every piece of clause punctuation.
fn clauses(sentence: &str) -> Vec<Unit> {
    let mut clauses = Vec::new();
    let mut push = |text: &str, glued, boundary| {
        let text = text.trim();
        if !text.is_empty() {
            clauses.push(Unit::new(text, glued, boundary));
        }
    };
    let (mut start, mut glued) = (0, false);
    for (word_start, word_end) in word_spans(sentence) {
        let word = &sentence[word_start..word_end];
        for cut in dash_cuts(word) {
            push(&sentence[start..word_start + cut], glued, Boundary::Clause);
            start = word_start + cut;
            glued = true;
        }
        if let Some(boundary) = trailing_boundary(word) {
            push(&sentence[start..word_end], glued, boundary);
            start = word_end;
            glued = false;
        }
    }
    // The sentence end is always taken when it fits, so its rank is moot.
    push(&sentence[start..], glued, Boundary::Clause);
    clauses
}

/// Byte offsets inside `word` just after an em dash that is followed by more
/// of the word, so "war—and" can break as "war—" / "and". A dash followed only
/// by closing quotes is left to [`trailing_boundary`], keeping the quote with it.
fn dash_cuts(word: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '—' && next != Some('—') {
            let after = i + c.len_utf8();
            if !word[after..].trim_start_matches(CLOSERS).is_empty() {
                cuts.push(after);
            }
        }
    }
    cuts
}

/// The clause boundary, if any, that the end of `word` marks.
fn trailing_boundary(word: &str) -> Option<Boundary> {
    if word.chars().all(|c| DASHES.contains(&c)) {
        return Some(Boundary::Clause);
    }
    match word.trim_end_matches(CLOSERS).chars().last() {
        Some(';' | ':' | '—') => Some(Boundary::Clause),
        Some(',') => Some(Boundary::Comma),
        _ => None,
    }
}

/// Breaks a clause that is too long into word-wrapped lines.
fn fit_clause(clause: Unit, max_chars: usize) -> Vec<Unit> {
    if clause.chars <= max_chars {
        return vec![clause];
    }
    // ASCII spaces only and no hyphenation: any other break point would cut
    // through what the listener hears as one word.
    let options = Options::new(max_chars)
        .break_words(false)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .wrap_algorithm(WrapAlgorithm::FirstFit);
    let mut units = Vec::new();
    for line in textwrap::wrap(&clause.text, options) {
        // textwrap measures display columns, where combining marks and
        // zero-width characters count as 0, so a line can still be over the
        // character limit; such a line goes to the packer word by word.
        if line.chars().count() <= max_chars {
            units.push(Unit::new(&line, false, Boundary::Word));
        } else {
            units.extend(
                line.split_whitespace()
                    .map(|word| Unit::new(word, false, Boundary::Word)),
            );
        }
    }
    units.retain(|unit| !unit.text.is_empty());
    let Some(first) = units.first_mut() else {
        return vec![clause];
    };
    first.glued = clause.glued;
    if let Some(last) = units.last_mut() {
        last.boundary = clause.boundary;
    }
    units
}

/// Greedily packs units into chunks of at most `max_chars`.
fn pack(units: &[Unit], max_chars: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut first = 0;
    while first < units.len() {
        let last = chunk_end(units, first, max_chars);
        chunks.push(join(&units[first..=last]));
        first = last + 1;
    }
    chunks
}

/// Index of the last unit of the chunk starting at `first`.
///
/// Among the ends that fit, the strongest boundary wins (ties: the longest
/// chunk), but only if the chunk is at least half full; otherwise preferring
/// a semicolon could leave a run of tiny chunks. The longest fit is always a
/// candidate, and a unit too long to fit anywhere stands alone.
fn chunk_end(units: &[Unit], first: usize, max_chars: usize) -> usize {
    let mut candidates = vec![(first, units[first].chars)];
    let mut len = units[first].chars;
    for (i, unit) in units.iter().enumerate().skip(first + 1) {
        len += unit.joined_chars();
        if len > max_chars {
            break;
        }
        candidates.push((i, len));
    }
    let (longest, _) = candidates[candidates.len() - 1];
    if longest == units.len() - 1 {
        return longest;
    }
    candidates
        .into_iter()
        .filter(|&(i, len)| i == longest || len * 2 >= max_chars)
        .max_by_key(|&(i, _)| (units[i].boundary, i))
        .map_or(longest, |(i, _)| i)
}

/// Rejoins units with the single spaces (or none, after an in-word dash)
/// that separated them.
fn join(units: &[Unit]) -> String {
    let mut text = String::new();
    for unit in units {
        if !text.is_empty() && !unit.glued {
            text.push(' ');
        }
        text.push_str(&unit.text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words as a listener hears them: whitespace-separated, with an em dash
    /// also ending a word (mirrors [`dash_cuts`]).
    fn words(text: &str) -> Vec<String> {
        let mut words = Vec::new();
        for word in text.split_whitespace() {
            let mut start = 0;
            for cut in dash_cuts(word) {
                words.push(word[start..cut].to_string());
                start = cut;
            }
            words.push(word[start..].to_string());
        }
        words
    }

    fn assert_well_formed(sentence: &str, max_chars: usize, chunks: &[String]) {
        let context = format!("sentence {sentence:?}, max {max_chars}, chunks {chunks:?}");
        assert_eq!(words(&chunks.join(" ")), words(sentence), "{context}");
        for chunk in chunks {
            assert!(!chunk.is_empty() && chunk.trim() == chunk, "{context}");
            let fits = chunk.chars().count() <= max_chars.max(1);
            assert!(fits || words(chunk).len() == 1, "{context}");
        }
    }

    const CASES: &[(&str, usize, &[&str])] = &[
        // returns_short_sentence_whole
        ("Short and sweet.", 40, &["Short and sweet."]),
        // returns_sentence_of_exactly_max_whole
        ("Exactly ten", 11, &["Exactly ten"]),
        // trims_surrounding_whitespace
        ("  Padded.  ", 40, &["Padded."]),
        // returns_nothing_for_blank_input
        ("", 10, &[]),
        ("   ", 10, &[]),
        // splits_at_commas
        (
            "First part here, second part here, third part here.",
            20,
            &["First part here,", "second part here,", "third part here."],
        ),
        // packs_several_clauses_into_one_chunk
        (
            "One, two, three, four, five, six, seven.",
            20,
            &["One, two, three,", "four, five, six,", "seven."],
        ),
        // prefers_semicolon_over_later_comma
        (
            "We waited for the late train; it came, slowly, at last.",
            40,
            &["We waited for the late train;", "it came, slowly, at last."],
        ),
        // splits_at_colon
        (
            "There was one rule: nobody leaves the room early.",
            25,
            &["There was one rule:", "nobody leaves the room", "early."],
        ),
        // keeps_em_dash_with_left_part
        (
            "He ran—faster than ever—towards the open door.",
            25,
            &["He ran—faster than ever—", "towards the open door."],
        ),
        // splits_at_spaced_em_dash
        (
            "The answer — as always — was more complicated.",
            20,
            &["The answer —", "as always —", "was more", "complicated."],
        ),
        // wraps_long_clause_at_word_boundaries
        (
            "This clause has no punctuation at all and keeps going on",
            20,
            &[
                "This clause has no",
                "punctuation at all",
                "and keeps going on",
            ],
        ),
        // keeps_overlong_word_whole
        (
            "A supercalifragilisticexpialidocious word.",
            10,
            &["A", "supercalifragilisticexpialidocious", "word."],
        ),
        // treats_zero_max_as_one
        ("a b", 0, &["a", "b"]),
        // keeps_hyphenated_words_whole
        (
            "A well-known state-of-the-art solution appeared.",
            12,
            &["A well-known", "state-of-the-art", "solution", "appeared."],
        ),
        // counts_chars_not_bytes
        ("ééé ééé ééé", 7, &["ééé ééé", "ééé"]),
        // keeps_closing_quote_with_comma
        (
            "“Yes,” she said, “we will go tomorrow morning.”",
            20,
            &["“Yes,” she said,", "“we will go tomorrow", "morning.”"],
        ),
        // carries_wrapped_tail_into_next_clause
        (
            "one two three four five six seven, eight nine.",
            12,
            &["one two", "three four", "five six", "seven,", "eight nine."],
        ),
    ];

    #[test]
    fn splits_table_cases() {
        for &(sentence, max_chars, expected) in CASES {
            let chunks = split_sentence(sentence, max_chars);
            assert_eq!(chunks, expected, "sentence {sentence:?}, max {max_chars}");
        }
    }

    #[test]
    fn preserves_words_in_order() {
        for &(sentence, _, _) in CASES {
            for max_chars in 0..60 {
                let chunks = split_sentence(sentence, max_chars);
                assert_well_formed(sentence, max_chars, &chunks);
            }
        }
    }

    #[test]
    fn does_not_panic_on_odd_input() {
        let long_word = "x".repeat(300);
        let long_emoji = "😀".repeat(50);
        let combining = "e\u{301}".repeat(40);
        let many_commas = ",".repeat(100);
        let odd = [
            "",
            ".",
            "...",
            "?!",
            "a.b.c.",
            "“”",
            "😀",
            "😀 👍🏽 👨‍👩‍👧‍👦, 🇫🇷; ok",
            "Mr.",
            "U.S.",
            "—",
            "——",
            "— — —",
            "a—b—c—d—e—f",
            "—start and end—",
            "word—”",
            ", ; : —",
            "- – —",
            "日本語の文章です、とても長いです。",
            "e\u{301} e\u{301} e\u{301} e\u{301}",
            combining.as_str(),
            long_word.as_str(),
            long_emoji.as_str(),
            many_commas.as_str(),
            "tab\tseparated\twords, and\u{a0}nbsp",
            "\u{200b}\u{200b} \u{200b}, \u{200b}",
        ];
        for sentence in odd {
            for max_chars in 0..15 {
                let chunks = split_sentence(sentence, max_chars);
                assert_well_formed(sentence, max_chars, &chunks);
            }
        }
    }
}
