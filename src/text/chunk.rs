//! Splitting over-long sentences into chunks the speech engine can take.
//!
//! Chunks are cut where a reader would pause anyway: at clause punctuation first (`;` `:` `—`
//! and dashes, then `,`). A clause that is itself too long is cut between words, at the best
//! phrase boundary that fits: before a conjunction or relative word that opens a clause ("…
//! years of service | and the town council …"), else before a preposition that opens a
//! phrase, else between any two words — but never after an article, a determiner, a
//! preposition, a conjunction or an auxiliary (they need the word that follows), never inside
//! a name (between two capitalised words), and never between a number and its word. Words are
//! never broken, so a chunk may exceed the limit only when it is a single word that is longer
//! than the limit on its own.
//!
//! The word lists are English grammar's closed classes (articles, determiners, prepositions,
//! conjunctions, auxiliaries), the words after which a narrator does not breathe.
//!
//! An em dash counts as a word boundary even without spaces around it
//! ("word—word" may become "word—" and "word"): in narration it is a pause,
//! not part of a word.

use super::word_spans;

/// Trailing characters that close a quotation or bracket; clause punctuation
/// is looked for behind them ("“yes,”").
const CLOSERS: &[char] = &[
    '"', '”', '’', '\'', ')', ']', '}', '»', '」', '』', '）', '】', '〉', '》', '］', '〕',
];

/// Characters that, standing alone between spaces, act as a dash.
const DASHES: &[char] = &['—', '–', '-'];

/// How good a place the end of a unit is to end a chunk; later variants are
/// preferred. Subtitles cut cues and lines by the same ranks (`export::cues`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Boundary {
    /// Between words that belong together: after an article, preposition, conjunction or
    /// auxiliary, inside a name, or around a number. Used only when nothing else fits.
    Never,
    /// Between two words of one clause.
    Word,
    /// Before a preposition that opens a phrase ("… | in the morning").
    Preposition,
    /// Before a conjunction or relative word that opens a clause ("… | and the town …").
    Conjunction,
    /// After a comma.
    Comma,
    /// After `;`, `:` or a dash.
    Clause,
}

/// Words after which a chunk must not end, besides the words that open a clause or a phrase
/// (they need what follows too): articles, determiners and possessives, which need their
/// noun; auxiliaries; and the prepositions and particles a chunk should not start with either.
const NEEDS_NEXT: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "some", "any", "no", "every", "each", "either", "neither", "such", "of", "to", "by",
    "near", "than", "so", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
    "had", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "do",
    "does", "did", "not", "very", "more", "most", "less", "least", "mr", "mrs", "ms", "dr", "st",
    "prof",
];

/// Words that open a clause; a chunk may end just before them.
const OPENS_CLAUSE: &[&str] = &[
    "and", "but", "or", "nor", "yet", "because", "although", "though", "while", "whereas",
    "unless", "until", "since", "which", "who", "whom", "whose", "where", "when", "whether",
    "after", "before", "if",
];

/// Prepositions that open a phrase; a chunk may end just before them. "of" and "to" are
/// left out: "years | of service" and "wanted | to go" split what a listener hears as one.
const OPENS_PHRASE: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "into",
    "onto",
    "through",
    "during",
    "under",
    "over",
    "about",
    "against",
    "between",
    "without",
    "within",
    "across",
    "along",
    "among",
    "around",
    "behind",
    "beyond",
    "toward",
    "towards",
    "upon",
    "via",
    "despite",
    "throughout",
];

/// Whether a chunk must not end after this (bare, lower-case) word.
fn binds_forward(word: &str) -> bool {
    [NEEDS_NEXT, OPENS_CLAUSE, OPENS_PHRASE]
        .iter()
        .any(|list| list.contains(&word))
}

/// A word's letters in lower case, without surrounding punctuation, for the word lists.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether a word starts with an upper-case letter (after opening quotes or brackets).
fn capitalised(word: &str) -> bool {
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_uppercase)
}

/// How good a chunk end between `word` and `next` is.
fn word_boundary(word: &str, next: &str) -> Boundary {
    let (w, n) = (bare(word), bare(next));
    let numeric = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    if binds_forward(&w) || (capitalised(word) && capitalised(next)) || numeric(&w) || numeric(&n) {
        Boundary::Never
    } else if OPENS_CLAUSE.contains(&n.as_str()) {
        Boundary::Conjunction
    } else if OPENS_PHRASE.contains(&n.as_str()) {
        Boundary::Preposition
    } else {
        Boundary::Word
    }
}

/// How good a place the end of `word`, followed by `next`, is to part a sentence: the clause
/// punctuation it ends with (`;` `:` `—` and a standalone dash, then `,`), else what the two
/// words are ([`word_boundary`]).
pub fn boundary_after(word: &str, next: &str) -> Boundary {
    trailing_boundary(word).unwrap_or_else(|| word_boundary(word, next))
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

/// Splits one sentence into chunks of at most `max_chars` characters (chars, not bytes).
///
/// A sentence that fits is returned whole. A `max_chars` of 0 is treated as 1. Every chunk is
/// trimmed, non-empty and at most `max_chars` long, so an engine's work (and memory) per chunk
/// is bounded whatever the input: a single "word" longer than the limit (a base64 blob, a run
/// of text in a script written without spaces) is broken inside, after its own punctuation
/// where it has some (`。！？；，、` and ASCII `,;:.!?`), else between characters, never
/// between a character and the combining mark or joiner that follows it ([`break_word`]).
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
        .flat_map(|unit| break_word(unit, max_chars))
        .collect();
    pack(&units, max_chars)
}

/// Punctuation inside a long run of text after which it may be broken: the clause and
/// sentence marks of scripts written without spaces (CJK full-width forms, the ideographic
/// comma), their ASCII counterparts, and the hyphen and slash that join a compound or a path.
const INNER_BREAKS: &[char] = &[
    '。', '．', '｡', '！', '？', '；', '，', '、', '：', '.', '!', '?', ';', ',', ':', '।', '॥',
    '؟', '،', '؛', '۔', '։', '።', '፣', '፤', '။', '၊', '។', '-', '/',
];

/// Whether a chunk may not start with `c`: a combining mark, a joiner or a variation selector
/// belongs to the character before it.
fn continues_character(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}' | '\u{200D}' | '\u{E0100}'..='\u{E01EF}' | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}' | '\u{3099}' | '\u{309A}')
}

/// Breaks a unit longer than `max_chars` into glued pieces that fit: each piece as long as it
/// can be, ending after inner punctuation ([`INNER_BREAKS`]) when there is some in its second
/// half, else at the last character boundary that fits. A unit that fits is returned as is.
fn break_word(unit: Unit, max_chars: usize) -> Vec<Unit> {
    if unit.chars <= max_chars {
        return vec![unit];
    }
    let chars: Vec<(usize, char)> = unit.text.char_indices().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = (start + max_chars).min(chars.len());
        if end < chars.len() {
            let punctuated = (start + max_chars / 2..end)
                .rev()
                .find(|&i| INNER_BREAKS.contains(&chars[i].1))
                .map(|i| i + 1);
            end = punctuated.unwrap_or(end);
            while end > start + 1 && continues_character(chars[end].1) {
                end -= 1;
            }
        }
        let from = chars[start].0;
        let to = chars.get(end).map_or(unit.text.len(), |&(i, _)| i);
        let last = end == chars.len();
        pieces.push(Unit {
            text: unit.text[from..to].to_string(),
            chars: end - start,
            glued: if start == 0 { unit.glued } else { true },
            boundary: if last { unit.boundary } else { Boundary::Word },
        });
        start = end;
    }
    pieces
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
        // Also the full-width, Arabic and Ethiopic semicolons and colons.
        Some(';' | ':' | '—' | '；' | '：' | '؛' | '፤' | '፥') => Some(Boundary::Clause),
        // Also the full-width and ideographic commas, the Arabic, Ethiopic, Burmese and
        // Armenian commas.
        Some(',' | '，' | '、' | '،' | '፣' | '၊' | '՝') => Some(Boundary::Comma),
        _ => None,
    }
}

/// Breaks a clause that is too long into its words, each ranked by how good a chunk end it
/// makes ([`word_boundary`]); the last keeps the clause's own boundary.
fn fit_clause(clause: Unit, max_chars: usize) -> Vec<Unit> {
    if clause.chars <= max_chars {
        return vec![clause];
    }
    let words: Vec<&str> = clause.text.split_whitespace().collect();
    let mut units: Vec<Unit> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let boundary = match words.get(i + 1) {
                Some(next) => word_boundary(word, next),
                None => clause.boundary,
            };
            Unit::new(word, false, boundary)
        })
        .collect();
    match units.first_mut() {
        Some(first) => first.glued = clause.glued,
        None => return vec![clause],
    }
    units
}

/// What ending a chunk at a boundary costs a listener, in the units of [`pack`]'s score: a
/// clause end costs nothing, a comma little, a cut before a conjunction or a preposition more,
/// a cut between two ordinary words more again, and a cut where words bind together so much
/// that it is taken only when nothing else fits.
fn cut_cost(boundary: Boundary) -> u64 {
    match boundary {
        Boundary::Clause => 0,
        Boundary::Comma => 5,
        Boundary::Conjunction => 15,
        Boundary::Preposition => 25,
        Boundary::Word => 50,
        Boundary::Never => 1_000,
    }
}

/// Cost of every chunk: fewer cuts are better, all else equal.
const CHUNK_COST: u64 = 30;

/// Cost of a chunk under half the limit, at its shortest (it falls linearly to 0 at half full):
/// short pieces are read with the clipped prosody of a fragment, and a tiny last piece ("…
/// | seven.") sounds like an afterthought.
const SHORT_CHUNK_COST: u64 = 30;

/// Packs units into chunks of at most `max_chars`, choosing the cuts for the whole sentence at
/// once (dynamic programming over the unit boundaries): the least total of [`CHUNK_COST`] per
/// chunk, [`cut_cost`] per cut and [`SHORT_CHUNK_COST`] for short chunks. A unit longer than
/// the limit stands alone. Ties go to the longer first chunk.
fn pack(units: &[Unit], max_chars: usize) -> Vec<String> {
    let n = units.len();
    // best[k]: (cost, start of the last chunk) of the best packing of units[..k].
    let mut best: Vec<(u64, usize)> = vec![(0, 0); n + 1];
    for k in 1..=n {
        let mut choice = (u64::MAX, k - 1);
        let mut len = 0;
        for i in (0..k).rev() {
            len += if i == k - 1 {
                units[i].chars
            } else {
                units[i + 1].joined_chars() - units[i + 1].chars + units[i].chars
            };
            if len > max_chars && i < k - 1 {
                break;
            }
            let mut cost = best[i].0 + CHUNK_COST;
            if k < n {
                cost += cut_cost(units[k - 1].boundary);
            }
            if len * 2 < max_chars {
                cost += SHORT_CHUNK_COST * (max_chars - len * 2) as u64 / max_chars as u64;
            }
            if cost < choice.0 || (cost == choice.0 && i > choice.1) {
                choice = (cost, i);
            }
        }
        best[k] = choice;
    }
    let mut starts = Vec::new();
    let mut k = n;
    while k > 0 {
        starts.push(best[k].1);
        k = best[k].1;
    }
    starts.reverse();
    starts.push(n);
    starts
        .windows(2)
        .map(|w| join(&units[w[0]..w[1]]))
        .collect()
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
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(letters(&chunks.concat()), letters(sentence), "{context}");
        for chunk in chunks {
            assert!(!chunk.is_empty() && chunk.trim() == chunk, "{context}");
            assert!(chunk.chars().count() <= max_chars.max(1), "{context}");
        }
        // Words the limit can hold are never broken.
        if words(sentence)
            .iter()
            .all(|w| w.chars().count() <= max_chars)
        {
            assert_eq!(words(&chunks.join(" ")), words(sentence), "{context}");
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
            &["One, two, three,", "four, five,", "six, seven."],
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
            &["There was one rule:", "nobody leaves", "the room early."],
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
            &["The answer —", "as always — was more", "complicated."],
        ),
        // wraps_long_clause_at_word_boundaries
        (
            "This clause has no punctuation at all and keeps going on",
            20,
            &[
                "This clause",
                "has no punctuation",
                "at all",
                "and keeps going on",
            ],
        ),
        // breaks_an_overlong_word_between_characters
        (
            "A supercalifragilisticexpialidocious word.",
            10,
            &["A", "supercalif", "ragilistic", "expialidoc", "ious word."],
        ),
        // breaks_unspaced_text_after_its_own_punctuation
        (
            "今日は晴れです。明日は雨が降るでしょう、たぶん。",
            12,
            &["今日は晴れです。", "明日は雨が降るでしょう、", "たぶん。"],
        ),
        // treats_zero_max_as_one
        ("a b", 0, &["a", "b"]),
        // never_separates_a_combining_mark
        (
            "e\u{301}e\u{301}e\u{301}",
            3,
            &["e\u{301}", "e\u{301}", "e\u{301}"],
        ),
        // keeps_hyphenated_words_whole_and_breaks_a_longer_one_after_a_hyphen
        (
            "A well-known state-of-the-art solution appeared.",
            12,
            &[
                "A well-known",
                "state-of-",
                "the-art",
                "solution",
                "appeared.",
            ],
        ),
        // counts_chars_not_bytes
        ("ééé ééé ééé", 7, &["ééé ééé", "ééé"]),
        // keeps_closing_quote_with_comma
        (
            "“Yes,” she said, “we will go tomorrow morning.”",
            20,
            &["“Yes,” she said,", "“we will go", "tomorrow morning.”"],
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

    /// A long sentence without a comma, written for this test: phrases joined by
    /// conjunctions and prepositions, names of several words, numbers with their nouns.
    const NO_COMMAS: &str = "The mayor thanked the volunteers of the harbour society for \
        forty years of service and the town council voted on Tuesday to name the new library \
        after Maria Elena Fernandez Ortiz because she had raised 300 thousand pounds for the \
        building while the county offered nothing but advice about the planning rules that \
        nobody in the old market town had ever read before the flood of the winter of 1953.";

    #[test]
    fn cuts_a_long_sentence_before_a_conjunction() {
        let chunks = split_sentence(NO_COMMAS, 120);
        assert!(chunks.len() >= 4, "{chunks:?}");
        assert!(
            chunks[0].ends_with("forty years of service"),
            "first cut is before \"and the town council\": {chunks:?}"
        );
        assert!(chunks[1].starts_with("and the town council"), "{chunks:?}");
    }

    #[test]
    fn never_cuts_after_a_binding_word_inside_a_name_or_at_a_number() {
        // From 40: below it, "after Maria Elena Fernandez Ortiz" (33 characters, no allowed
        // cut inside) cannot fit with anything before it, and a forced cut is right.
        for max_chars in 40..=200 {
            let chunks = split_sentence(NO_COMMAS, max_chars);
            assert_well_formed(NO_COMMAS, max_chars, &chunks);
            for pair in chunks.windows(2) {
                let last = pair[0].split_whitespace().last().unwrap();
                let next = pair[1].split_whitespace().next().unwrap();
                assert!(
                    word_boundary(last, next) > Boundary::Never,
                    "max {max_chars}: cut between {last:?} and {next:?} in {chunks:?}"
                );
            }
        }
    }

    #[test]
    fn ranks_word_boundaries_by_what_they_bind() {
        let cases = [
            ("service", "and", Boundary::Conjunction),
            ("rules", "that", Boundary::Word),
            ("library", "after", Boundary::Conjunction),
            ("council", "in", Boundary::Preposition),
            ("years", "of", Boundary::Word),
            ("the", "library", Boundary::Never),
            ("of", "service", Boundary::Never),
            ("would", "go", Boundary::Never),
            ("Maria", "Elena", Boundary::Never),
            ("raised", "300", Boundary::Never),
            ("300", "pounds", Boundary::Never),
            ("“The", "town", Boundary::Never),
            ("nothing", "but", Boundary::Conjunction),
            ("quickly", "walked", Boundary::Word),
        ];
        for (word, next, want) in cases {
            assert_eq!(word_boundary(word, next), want, "{word:?} | {next:?}");
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
