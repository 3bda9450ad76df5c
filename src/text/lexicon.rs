//! The user's pronunciation lexicon: words the engine says wrong, and how to say them.
//!
//! A lexicon file holds one entry a line, `#` starting a comment:
//!
//! ```text
//! Xiomara = see oh mar ah          # a respelling, read by the engine as written
//! nginx   = engine x
//! Siobhan = [[ʃɪˈvɔːn]]            # IPA phonemes, sent to the engine as they are
//! ```
//!
//! - The key is one or more words; it matches whole words only ("nginx" does not match
//!   "nginxes").
//! - Case: a key written all in lower case matches any case ("nginx", "Nginx", "NGINX"); a key
//!   with a capital matches only as written, so "US = you ess" leaves the pronoun "us" alone.
//! - When two keys could match at one place the longer wins; a later entry for the same key
//!   (a later line, or the `--lexicon` file after the default file) replaces the earlier.
//! - Phonemes are IPA in `[[…]]`, checked against [`ipa_to_espeak`]'s inventory when the file
//!   is read. They go straight to the neural voice's phoneme ids; for espeak-ng they are turned
//!   into its own phoneme mnemonics. Stress marks may stand before the syllable, as
//!   dictionaries write them; they are moved to the syllable's vowel, where espeak-ng (and so
//!   Piper's training data) puts them.
//!
//! Entries apply to the written text before the spoken-form rules, and the rules never touch
//! what an entry says, so an entry always wins over a built-in reading ("IEEE").

use std::fmt;

/// How an entry is said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Words the engine reads as written.
    Respelling(String),
    /// IPA phonemes, stress marks placed before vowels.
    Phonemes(String),
}

/// One `key = reading` line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// The key's words.
    words: Vec<String>,
    /// True when the key has a capital letter and so matches only as written.
    exact_case: bool,
    reading: Reading,
}

/// A parsed lexicon; empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Longest keys first, so the longest match wins.
    entries: Vec<Entry>,
}

/// A line of a lexicon file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and how to write it.
    pub reason: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Letters of the placeholder words that stand for entries while the spoken-form rules run:
/// plain lower-case letters, which those rules leave as they are.
const PLACEHOLDER_PREFIX: &str = "qqlexq";

impl Lexicon {
    /// Parses a lexicon file's text. The first bad line is the error.
    pub fn parse(text: &str) -> Result<Lexicon, LineError> {
        let mut lexicon = Lexicon::default();
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            let err = |reason: String| LineError {
                line: i + 1,
                reason,
            };
            let Some((key, value)) = line.split_once('=') else {
                return Err(err(format!(
                    "{line:?} has no \"=\"; write \"word = respelling\" or \"word = [[IPA]]\""
                )));
            };
            let words: Vec<String> = key.split_whitespace().map(str::to_string).collect();
            if words.is_empty() || !words.iter().all(|w| w.chars().any(char::is_alphanumeric)) {
                return Err(err(format!("the word before \"=\" is missing in {line:?}")));
            }
            let value = value.trim();
            let reading = if let Some(inner) = value.strip_prefix("[[") {
                let Some(ipa) = inner.strip_suffix("]]") else {
                    return Err(err(format!(
                        "{value:?} opens \"[[\" but does not end in \"]]\""
                    )));
                };
                let ipa = stress_before_vowels(ipa.trim());
                if ipa.is_empty() {
                    return Err(err("the phonemes between [[ and ]] are empty".into()));
                }
                ipa_to_espeak(&ipa).map_err(|c| {
                    err(format!(
                        "{c:?} (U+{:04X}) is not an IPA phoneme aloud knows; use English IPA \
                         such as [[ʃɪˈvɔːn]] or a respelling",
                        c as u32
                    ))
                })?;
                Reading::Phonemes(ipa)
            } else {
                if value.is_empty() {
                    return Err(err(format!("nothing after \"=\" in {line:?}")));
                }
                if value.contains("[[") || value.contains("]]") {
                    return Err(err(format!(
                        "{value:?}: phonemes must be the whole reading, as \"[[…]]\""
                    )));
                }
                Reading::Respelling(value.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            lexicon.insert(Entry {
                exact_case: words.iter().any(|w| w.chars().any(char::is_uppercase)),
                words,
                reading,
            });
        }
        Ok(lexicon)
    }

    /// Adds `other`'s entries; where both have a key, `other`'s reading wins.
    pub fn extend(&mut self, other: Lexicon) {
        for entry in other.entries {
            self.insert(entry);
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn insert(&mut self, entry: Entry) {
        self.entries
            .retain(|e| !(e.words == entry.words && e.exact_case == entry.exact_case));
        let at = self
            .entries
            .partition_point(|e| e.words.len() >= entry.words.len());
        self.entries.insert(at, entry);
    }

    /// Replaces every matched key in `text` with a placeholder word, returning the new text
    /// and the readings in placeholder order. [`Lexicon::restore`] puts the readings in.
    pub(crate) fn mark(&self, text: &str) -> (String, Vec<&Reading>) {
        let mut readings = Vec::new();
        if self.entries.is_empty() {
            return (text.to_string(), readings);
        }
        let spans = crate::text::word_spans(text);
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut i = 0;
        while i < spans.len() {
            let found = self.entries.iter().find_map(|e| {
                let n = e.words.len();
                let words = spans.get(i..i + n)?;
                let (start, end) = matches(text, words, e)?;
                Some((n, start, end, &e.reading))
            });
            if let Some((n, start, end, reading)) = found {
                out.push_str(&text[copied..start]);
                let first_upper = text[start..].starts_with(char::is_uppercase);
                out.push_str(&placeholder(readings.len(), first_upper));
                readings.push(reading);
                copied = end;
                i += n;
            } else {
                i += 1;
            }
        }
        out.push_str(&text[copied..]);
        (out, readings)
    }

    /// Puts the readings back in place of their placeholders; phonemes as `[[IPA]]`.
    pub(crate) fn restore(text: &str, readings: &[&Reading]) -> String {
        let mut out = text.to_string();
        // Highest number first, so "…b" is not replaced inside "…bb".
        for (n, reading) in readings.iter().enumerate().rev() {
            for first_upper in [true, false] {
                let mark = placeholder(n, first_upper);
                match reading {
                    Reading::Respelling(words) => out = out.replace(&mark, words),
                    Reading::Phonemes(ipa) => {
                        // A possessive joins the phonemes, voiced as English voices it: an
                        // engine would read a lone "'s" as the letter.
                        for apostrophe in ["'s", "’s"] {
                            let with = format!("{mark}{apostrophe}");
                            out = out.replace(&with, &format!("[[{ipa}{}]]", possessive(ipa)));
                        }
                        out = out.replace(&mark, &format!("[[{ipa}]]"));
                    }
                }
            }
        }
        out
    }
}

/// The IPA of the possessive "'s" after `ipa`: "ɪz" after a sibilant, "s" after another
/// voiceless consonant, "z" otherwise (the English plural and possessive rule).
fn possessive(ipa: &str) -> &'static str {
    let last = ipa.trim_end_matches(['ˈ', 'ˌ', 'ː']);
    if ["s", "z", "ʃ", "ʒ", "tʃ", "dʒ"]
        .iter()
        .any(|s| last.ends_with(s))
    {
        "ɪz"
    } else if ["p", "t", "k", "f", "θ"].iter().any(|s| last.ends_with(s)) {
        "s"
    } else {
        "z"
    }
}

/// The text of a line without its `#` comment.
fn strip_comment(line: &str) -> &str {
    line.split_once('#').map_or(line, |(before, _)| before)
}

/// Where entry `e` matches the words at `spans`, as a byte range of `text` covering the key
/// and not the punctuation around it; `None` when it does not match.
fn matches(text: &str, spans: &[(usize, usize)], e: &Entry) -> Option<(usize, usize)> {
    let trim = |w: &str| -> (usize, usize) {
        let core = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lead = w.len() - core.len();
        let core = core.trim_end_matches(|c: char| !c.is_alphanumeric());
        (lead, lead + core.len())
    };
    let mut range = None;
    for (k, (&(s, t), key)) in spans.iter().zip(&e.words).enumerate() {
        let word = &text[s..t];
        let (a, b) = trim(word);
        let (ka, kb) = trim(key);
        // Inner words must be bare; only the first may have leading and the last trailing
        // punctuation (a quote, a comma, a possessive "'s").
        if (k > 0 && a > 0) || (k + 1 < e.words.len() && b < word.len()) {
            return None;
        }
        let key_core = &key[ka..kb];
        // A possessive belongs to the word it follows: "Xiomara's" matches "Xiomara".
        let b = ["'s", "’s"]
            .iter()
            .find(|p| word[a..b].ends_with(*p) && !key_core.ends_with(*p))
            .map_or(b, |p| b - p.len());
        let core = &word[a..b];
        let same = if e.exact_case {
            core == key_core
        } else {
            core.to_lowercase() == key_core.to_lowercase()
        };
        if !same {
            return None;
        }
        range = Some((range.map_or(s + a, |(start, _)| start), s + b));
    }
    range
}

/// The `n`-th placeholder word: the prefix and `n` in base 26 letters, capitalised when the
/// word it replaces was (rules that look at capitals then see what was written).
fn placeholder(n: usize, first_upper: bool) -> String {
    let mut digits = Vec::new();
    let mut m = n;
    loop {
        digits.push((b'a' + (m % 26) as u8) as char);
        m /= 26;
        if m == 0 {
            break;
        }
    }
    let word: String = PLACEHOLDER_PREFIX
        .chars()
        .chain(digits.into_iter().rev())
        .chain(['z'])
        .collect();
    if first_upper {
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        word
    }
}

/// IPA vowel symbols (the first character of every vowel in [`IPA_TO_ESPEAK`]).
fn is_vowel(c: char) -> bool {
    "aeiouæɑɒɔəɚɛɜɐɪʊʌɝoɘɵɤ".contains(c)
}

/// Moves each stress mark (`ˈ` `ˌ`, or an apostrophe typed for one) from before a syllable's
/// consonants to just before its vowel ("ʃɪˈvɔːn" → "ʃɪvˈɔːn"), where espeak-ng writes it.
fn stress_before_vowels(ipa: &str) -> String {
    let mut out = String::with_capacity(ipa.len());
    let mut pending: Option<char> = None;
    for c in ipa.chars() {
        match c {
            'ˈ' | '\'' => pending = Some('ˈ'),
            'ˌ' | ',' => pending = Some('ˌ'),
            c if is_vowel(c) => {
                if let Some(mark) = pending.take() {
                    out.push(mark);
                }
                out.push(c);
            }
            // The tie bar ("d͡ʒ") is how some dictionaries write an affricate that espeak-ng
            // and Piper's voices write without one; ASCII "g" and ":" are typed for "ɡ" and
            // "ː".
            '\u{361}' => {}
            'g' => out.push('ɡ'),
            ':' => out.push('ː'),
            c if c.is_whitespace() => {
                if let Some(mark) = pending.take() {
                    out.push(mark);
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out.extend(pending);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// IPA → espeak-ng phoneme mnemonics (its `[[…]]` input, English voices), longest IPA first.
///
/// Drawn from espeak-ng's own pairs: `espeak-ng -v en-us -x` and `--ipa` on the same words
/// (e.g. "thought" T'O:t / θˈɔːt, "hair" h'e@ / hˈɛɹ, "letter" l'Et#3 / lˈɛɾɚ).
const IPA_TO_ESPEAK: &[(&str, &str)] = &[
    ("ɑːɹ", "A@"),
    ("ɔːɹ", "o@"),
    ("oːɹ", "o@"),
    ("ɛɹ", "e@"),
    ("ɪɹ", "i@3"),
    ("ʊɹ", "U@"),
    ("eɪ", "eI"),
    ("aɪ", "aI"),
    ("aʊ", "aU"),
    ("ɔɪ", "OI"),
    ("oʊ", "oU"),
    ("əʊ", "oU"),
    ("ɪə", "i@"),
    ("ɛə", "e@"),
    ("ʊə", "U@"),
    ("iː", "i:"),
    ("uː", "u:"),
    ("ɑː", "A:"),
    ("ɔː", "O:"),
    ("ɜː", "3:"),
    ("tʃ", "tS"),
    ("dʒ", "dZ"),
    ("n̩", "n-"),
    ("l̩", "l-"),
    ("i", "i"),
    ("ɪ", "I"),
    ("e", "E"),
    ("ɛ", "E"),
    ("æ", "a"),
    ("a", "a"),
    ("ɐ", "a#"),
    ("ɑ", "A:"),
    ("ɒ", "0"),
    ("ɔ", "O:"),
    ("o", "oU"),
    ("ʌ", "V"),
    ("ʊ", "U"),
    ("u", "u:"),
    ("ɜ", "3:"),
    ("ɝ", "3:"),
    ("ə", "@"),
    ("ɚ", "3"),
    ("p", "p"),
    ("b", "b"),
    ("t", "t"),
    ("d", "d"),
    ("k", "k"),
    ("ɡ", "g"),
    ("g", "g"),
    ("f", "f"),
    ("v", "v"),
    ("θ", "T"),
    ("ð", "D"),
    ("s", "s"),
    ("z", "z"),
    ("ʃ", "S"),
    ("ʒ", "Z"),
    ("h", "h"),
    ("x", "x"),
    ("m", "m"),
    ("n", "n"),
    ("ŋ", "N"),
    ("l", "l"),
    ("ɫ", "l"),
    ("ɹ", "r"),
    ("r", "r"),
    ("ɾ", "t#"),
    ("ʔ", "?"),
    ("j", "j"),
    ("w", "w"),
    ("ˈ", "'"),
    ("ˌ", ","),
    ("ː", ":"),
    (" ", " "),
];

/// Turns IPA into espeak-ng's phoneme mnemonics; the first symbol outside the table is the
/// error.
pub fn ipa_to_espeak(ipa: &str) -> Result<String, char> {
    let mut out = String::new();
    let mut rest = ipa;
    while let Some(c) = rest.chars().next() {
        let Some((from, to)) = IPA_TO_ESPEAK
            .iter()
            .find(|(from, _)| rest.starts_with(from))
        else {
            return Err(c);
        };
        out.push_str(to);
        rest = &rest[from.len()..];
    }
    Ok(out)
}

/// A piece of spoken text: words for the engine to read, or phonemes from the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text to phonemize or read.
    Words(&'a str),
    /// IPA phonemes, from a `[[…]]` of the spoken text.
    Phonemes(&'a str),
}

/// Splits spoken text at its `[[IPA]]` phonemes. The speech stage writes `[[` only for
/// lexicon phonemes (written brackets are kept apart), so every `[[…]]` is one.
pub fn pieces(spoken: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = spoken;
    while let Some(open) = rest.find("[[") {
        let Some(close) = rest[open..].find("]]") else {
            break;
        };
        if open > 0 {
            out.push(Piece::Words(&rest[..open]));
        }
        out.push(Piece::Phonemes(&rest[open + 2..open + close]));
        rest = &rest[open + close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Words(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(lexicon: &Lexicon, text: &str) -> String {
        let (marked, readings) = lexicon.mark(text);
        Lexicon::restore(&marked, &readings)
    }

    const FILE: &str = "\
# names in the spring issue
Xiomara = see oh MAR ah
nginx = engine x   # any case
US = you ess
Siobhan = [[ʃɪˈvɔːn]]
New Quay = new key
";

    #[test]
    fn replaces_whole_words_by_case_rule() {
        let lex = Lexicon::parse(FILE).unwrap();
        assert_eq!(lex.len(), 5);
        let cases = [
            ("Xiomara spoke.", "see oh MAR ah spoke."),
            ("Ask Xiomara's aunt", "Ask see oh MAR ah's aunt"),
            ("\"Xiomara,\" she said", "\"see oh MAR ah,\" she said"),
            ("xiomara", "xiomara"), // a capitalised key matches only as written
            (
                "Nginx and NGINX and nginx",
                "engine x and engine x and engine x",
            ),
            ("nginxes", "nginxes"),
            ("the US and us", "the you ess and us"),
            ("Siobhan rang", "[[ʃɪvˈɔːn]] rang"),
            ("Siobhan's dog", "[[ʃɪvˈɔːnz]] dog"),
            ("to New Quay today", "to new key today"),
            ("New York", "New York"),
        ];
        for (text, want) in cases {
            assert_eq!(apply(&lex, text), want, "{text:?}");
        }
    }

    #[test]
    fn later_entries_replace_earlier_ones_and_longer_keys_win() {
        let mut lex = Lexicon::parse("Quay = kay\nNew Quay = new kee").unwrap();
        assert_eq!(apply(&lex, "New Quay Quay"), "new kee kay");
        lex.extend(Lexicon::parse("Quay = key").unwrap());
        assert_eq!(lex.len(), 2);
        assert_eq!(apply(&lex, "the Quay"), "the key");
    }

    #[test]
    fn bad_lines_name_the_line_and_the_fix() {
        let cases = [
            ("ok = fine\nno equals sign", 2, "has no \"=\""),
            (" = nothing before", 1, "missing"),
            ("word =", 1, "nothing after"),
            ("word = [[wɜːd", 1, "does not end"),
            ("word = [[]]", 1, "empty"),
            ("word = [[w☃d]]", 1, "not an IPA phoneme"),
            ("word = say [[w]] this", 1, "whole reading"),
        ];
        for (text, line, reason) in cases {
            let e = Lexicon::parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}");
            assert!(e.reason.contains(reason), "{text:?}: {e}");
        }
    }

    #[test]
    fn stress_moves_to_the_vowel_and_ipa_maps_to_espeak_mnemonics() {
        assert_eq!(stress_before_vowels("ʃɪˈvɔːn"), "ʃɪvˈɔːn");
        assert_eq!(stress_before_vowels("ˈstɹeɪnd͡ʒ"), "stɹˈeɪndʒ");
        assert_eq!(stress_before_vowels("'gu:s"), "ɡˈuːs");
        assert_eq!(stress_before_vowels("'hɛloʊ"), "hˈɛloʊ");
        assert_eq!(ipa_to_espeak("ʃɪvˈɔːn"), Ok("SIv'O:n".into()));
        assert_eq!(ipa_to_espeak("θˈɔːt"), Ok("T'O:t".into()));
        assert_eq!(ipa_to_espeak("hˈɛɹ"), Ok("h'e@".into()));
        assert_eq!(ipa_to_espeak("lˈɛɾɚ"), Ok("l'Et#3".into()));
        assert_eq!(ipa_to_espeak("dʒˈɔɪ"), Ok("dZ'OI".into()));
        assert_eq!(ipa_to_espeak("ʘ"), Err('ʘ'));
    }

    #[test]
    fn splits_spoken_text_at_phonemes() {
        assert_eq!(
            pieces("Hi [[ʃɪvˈɔːn]], bye"),
            [
                Piece::Words("Hi "),
                Piece::Phonemes("ʃɪvˈɔːn"),
                Piece::Words(", bye")
            ]
        );
        assert_eq!(pieces("[[a]]"), [Piece::Phonemes("a")]);
        assert_eq!(pieces("no phonemes"), [Piece::Words("no phonemes")]);
        assert_eq!(pieces("open [[ only"), [Piece::Words("open [[ only")]);
    }

    #[test]
    fn placeholders_are_plain_lower_case_words() {
        assert_eq!(placeholder(0, false), "qqlexqaz");
        assert_eq!(placeholder(27, false), "qqlexqbbz");
        assert_eq!(placeholder(1, true), "Qqlexqbz");
    }
}
